"""Feed → poller → Kafka → processor → Kafka → alerter → apprise → SMTP and webhook, as real processes."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from kafka import KafkaProducer

from tests.conftest import make_settings
from tests.integration.procs import Worker, metric, read_topic, scrape, wait_until, worker_env
from wirewatch.testing.feeds import Item, atom, rss
from wirewatch.testing.ports import free_port
from wirewatch.testing.receivers import FeedServer, SmtpReceiver, WebhookReceiver
from wirewatch.topics import ARTICLES, POLL_SURGES
from wirewatch.topics.admin import ensure_topics
from wirewatch.topics.records import SurgeRecord

pytestmark = [pytest.mark.broker, pytest.mark.e2e]

WATCHLIST = {
    "watch": [
        {"id": "ain-al-asad", "kind": "base", "names": ["Ain al-Asad", "عين الأسد"]},
        {"id": "anbar", "kind": "region", "names": ["Anbar", "الأنبار"]},
        {"id": "erbil-airport", "kind": "base", "names": ["Erbil airport", "مطار أربيل"]},
    ]
}


def feeds(now: datetime, base: str, extra: tuple[Item, ...] = ()) -> tuple[str, str]:
    arabic = [
        *extra,
        Item(
            "سقوط صاروخين على قاعدة عين الأسد الجوية",
            f"{base}/ar/1",
            "أعلنت خلية الإعلام الأمني اليوم أن صاروخين من نوع كاتيوشا سقطا داخل قاعدة عين الأسد الجوية "
            "في محافظة الأنبار من دون أن يسفرا عن خسائر بشرية.",
            now - timedelta(minutes=4),
        ),
        Item(
            "وزير التخطيط يعلن موعد التعداد السكاني",
            f"{base}/ar/2",
            "أعلن وزير التخطيط أن التعداد السكاني سيجري في موعده في جميع المحافظات.",
            now - timedelta(hours=2),
        ),
    ]
    english = [
        Item(
            "Veterans mark anniversary of 2020 missile strike on Ain al-Asad",
            f"{base}/en/1",
            "Former troops marked the anniversary of the January 2020 ballistic missile attack on the base.",
            now - timedelta(hours=1),
        ),
        Item(
            "New terminal opens at Erbil airport",
            f"{base}/en/2",
            "Erbil International Airport opened a new passenger terminal this week.",
            now - timedelta(hours=3),
        ),
    ]
    return rss("Demo Arabic Wire", base, arabic), atom("Demo English Wire", base, english)


def test_attack_report_travels_from_feed_to_receivers(kafka, topic_prefix: str, tmp_path: Path) -> None:
    ports = {"poller": free_port(), "processor": free_port(), "alerter": free_port()}
    settings = make_settings(
        kafka,
        topic_prefix,
        tmp_path,
        poller_metrics_port=ports["poller"],
        processor_metrics_port=ports["processor"],
        alerter_metrics_port=ports["alerter"],
    )
    ensure_topics(settings)
    # A malformed message already waits on the articles topic: it must be counted and skipped.
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap)
    producer.send(ARTICLES.full_name(topic_prefix), key=b"junk", value=b"\xff not json")
    producer.flush()
    producer.close()

    server = FeedServer().start()
    hook = WebhookReceiver().start()
    smtp = SmtpReceiver().start()
    workers: list[Worker] = []
    try:
        now = datetime.now(UTC)
        ar, en = feeds(now, "https://news.example.org")
        server.put("/ar.xml", ar)
        server.put("/en.xml", en, content_type="application/atom+xml")
        feeds_file = tmp_path / "feeds.yaml"
        feeds_file.write_text(
            yaml.safe_dump(
                {
                    "feeds": [
                        {
                            "url": server.url("/ar.xml"),
                            "outlet": "Demo Arabic Wire",
                            "interval": 2,
                            "allow_private": True,
                        },
                        # Polled hourly, but it covers Iraq: the new incident surges it.
                        {
                            "url": server.url("/en.xml"),
                            "interval": 3600,
                            "groups": ["IQ"],
                            "allow_private": True,
                        },
                    ]
                }
            ),
            encoding="utf-8",
        )
        watch_file = tmp_path / "watch.yaml"
        watch_file.write_text(yaml.safe_dump(WATCHLIST, allow_unicode=True), encoding="utf-8")
        notify_file = tmp_path / "notify.txt"
        notify_file.write_text(f"json://127.0.0.1:{hook.port}/hook\n{smtp.apprise_url()}\n", encoding="utf-8")
        env = worker_env(
            settings,
            WIREWATCH_FEEDS=str(feeds_file),
            WIREWATCH_WATCHLIST=str(watch_file),
            WIREWATCH_NOTIFY_FILE=str(notify_file),
            WIREWATCH_INCIDENT_SURGE_INTERVAL="1",
        )
        for name in ("process", "alert", "poll"):
            workers.append(Worker(name, [name], env, tmp_path))

        posts = hook.wait_for(1, 150)
        assert len(posts) == 1, "\n".join(w.output()[-3000:] for w in workers)
        mails = smtp.wait_for(1, 30)
        assert len(mails) == 1

        # Everything was analyzed (4 articles and the junk), then nothing else alerted.
        wait_until(
            lambda: (
                sum(
                    metric(scrape(ports["processor"]), "wirewatch_articles_processed_total", attack=a)
                    for a in ("true", "false")
                )
                >= 4
            ),
            60,
            what="processor to analyze 4 articles",
        )
        processed = scrape(ports["processor"])
        assert metric(processed, "wirewatch_bad_input_total", kind="article") == 1
        assert metric(processed, "wirewatch_articles_processed_total", attack="true") == 1
        assert metric(scrape(ports["poller"]), "wirewatch_articles_published_total", revision="new") == 4
        wait_until(
            lambda: (
                metric(
                    scrape(ports["alerter"]),
                    "wirewatch_notifications_total",
                    channel="mailto",
                    severity="medium",
                    outcome="sent",
                )
                == 1
            ),
            15,
            what="alerter metrics",
        )
        # Nothing else alerted: judged once a later marker, an attack on another watched place,
        # came through the same feed and pipeline to both receivers.
        marker = Item(
            "Drone strikes Erbil airport",
            "https://news.example.org/ar/marker",
            "A drone struck Erbil International Airport today, airport officials said.",
            datetime.now(UTC),
        )
        server.put("/ar.xml", feeds(now, "https://news.example.org", (marker,))[0])
        wait_until(
            lambda: len(smtp.messages) >= 2 and any("Erbil" in p.json()["title"] for p in hook.received),
            90,
            what="the marker's alert at both receivers",
        )
        titles = [p.json()["title"] for p in hook.received]
        assert len(titles) == 2 and "Erbil" in titles[1], titles
        assert [m.subject for m in smtp.messages] == titles

        # The new incident in Anbar asked the pollers to look sooner at the feeds covering Iraq.
        surges = {r.group: r for r in read_topic(settings, POLL_SURGES, SurgeRecord)}
        assert {"IQ", "IQ-AN", "ain-al-asad"} <= set(surges), surges
        assert surges["IQ"].interval == 1 and surges["IQ"].reason.startswith("incident ")
        en_polls = lambda: sum(1 for p, _ in server.requests if p == "/en.xml")  # noqa: E731
        wait_until(lambda: en_polls() >= 3, 30, what="the hourly feed to be polled under the surge")

        alert = posts[0].json()
        assert alert["title"].startswith("Rocket attack: Ain al-Asad Air Base (Anbar, Iraq)")
        for needle in (
            "ain-al-asad (base)",
            "anbar (region)",
            "Demo Arabic Wire",
            "سقوط صاروخين على قاعدة عين الأسد",
            "https://news.example.org/ar/1",
            "2 projectiles",
        ):
            assert needle in alert["message"]
        assert "erbil" not in alert["message"].lower()
        assert mails[0].subject == alert["title"]
        assert "ALERT  Rocket attack: Ain al-Asad" in workers[1].output()  # shown in the terminal too
    finally:
        codes = {w.name: w.stop() for w in workers}
        server.stop()
        hook.stop()
        smtp.stop()
    assert codes == {"process": 0, "alert": 0, "poll": 0}, "\n".join(w.output()[-2000:] for w in workers)
    for w in workers:
        assert "Traceback" not in w.output(), w.output()[-3000:]
