"""``wirewatch replay`` against the real broker, after the real processor and alerter ran on a day of
articles:

- with the live watchlist, the replay finds what the live pipeline found: no difference;
- with a watch entry added (Harir), ``--diff`` lists exactly the new hit;
- with a rule that suppresses one article's phrase, ``--diff`` shows that detection gone;
- ``--send-digest`` sends one digest, to a real receiver, and the live topics are left as they were.

The articles are the project's own, stamped over the day that ends at the last noon (UTC) before
the test runs (time is an input: the producer sets each record's timestamp).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from kafka import KafkaConsumer, KafkaProducer, TopicPartition

from tests.conftest import make_settings
from tests.integration.procs import Worker, wait_until, worker_env
from wirewatch.config import Settings
from wirewatch.testing.receivers import WebhookReceiver
from wirewatch.topics import ARTICLES, INCIDENT_UPDATES, NOTIFICATIONS
from wirewatch.topics.admin import ensure_topics
from wirewatch.topics.codec import encode, key
from wirewatch.topics.records import ArticleRecord

pytestmark = [pytest.mark.broker, pytest.mark.e2e]

# (hours before the end of the day, outlet, language, title, text). Written for this test.
DAY = [
    (
        23.0,
        "Tigris Wire",
        "en",
        "Oil exports steady in October",
        "Iraq's oil ministry said exports held at 3.4 million barrels a day.",
    ),
    (
        20.0,
        "Tigris Wire",
        "en",
        "Rockets hit Ain al-Asad air base",
        "Two Katyusha rockets struck Ain al-Asad air base in Anbar province early today, security sources said. No casualties were reported.",
    ),
    (
        19.5,
        "Rafidain News",
        "ar",
        "صاروخان على قاعدة عين الأسد",
        "سقط صاروخان من نوع كاتيوشا على قاعدة عين الأسد الجوية في محافظة الأنبار فجر اليوم دون وقوع إصابات، بحسب مصدر أمني.",
    ),
    (
        16.0,
        "Tigris Wire",
        "en",
        "Baghdad book fair opens",
        "The annual book fair opened in Baghdad with publishers from twenty countries.",
    ),
    (
        12.0,
        "Kurdistan Daily",
        "en",
        "Drone attack on Harir air base",
        "A drone packed with explosives struck Harir air base north of Erbil this afternoon, the Kurdistan counter-terrorism service said. There were no injuries.",
    ),
    (
        11.0,
        "Rafidain News",
        "ar",
        "هجوم بطائرة مسيرة على قاعدة حرير",
        "استهدفت طائرة مسيرة مفخخة قاعدة حرير الجوية شمال أربيل عصر اليوم من دون أن تسفر عن إصابات، وفق جهاز مكافحة الإرهاب في الإقليم.",
    ),
    (
        9.0,
        "Kurdistan Daily",
        "en",
        "Harir base hosts a medical training course",
        "Medics from four countries finished a two-week training course at Harir air base this week, organisers said.",
    ),
    (
        6.0,
        "Tigris Wire",
        "en",
        "Mortar rounds fall on Camp Taji during live-fire exercise",
        "Three mortar rounds fell on Camp Taji north of Baghdad this evening during a live-fire exercise, wounding two soldiers, the army said.",
    ),
    (
        3.0,
        "Tigris Wire",
        "en",
        "Rain expected across the south",
        "Forecasters said rain would reach Basra and Maysan by Thursday.",
    ),
]

WATCH = [
    {"id": "ain-al-asad", "kind": "base", "names": ["Ain al-Asad"]},
    {"id": "camp-taji", "kind": "base", "names": ["Camp Taji"]},
]
HARIR = {"id": "harir", "kind": "base", "names": ["Harir air base"]}


@dataclass
class Live:
    settings: Settings
    env: dict[str, str]
    watch_file: Path
    start: datetime
    end: datetime
    receiver: WebhookReceiver
    tmp: Path

    def command(self, *args: str) -> str:
        """``wirewatch ARGS --from START --to END`` over the day; its standard output."""
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "wirewatch.cli",
                *args,
                "--from",
                self.start.isoformat(),
                "--to",
                self.end.isoformat(),
            ],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    def replay(self, *args: str) -> dict:
        return json.loads(self.command("replay", "--json", *args))

    def watchlist(self, name: str, entries: list[dict]) -> Path:
        path = self.tmp / name
        path.write_text(yaml.safe_dump(_watchlist(self.receiver.port, entries), allow_unicode=True), "utf-8")
        return path


def _watchlist(port: int, entries: list[dict]) -> dict:
    return {
        "channels": {"analysts": {"url": f"webhook+http://127.0.0.1:{port}/analysts"}},
        "alerting": {"update_min_interval": 0, "digest_window": 1},
        "watch": entries,
    }


def _produce_day(settings: Settings, end: datetime) -> None:
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all")
    topic = ARTICLES.full_name(settings.topic_prefix)
    for n, (hours, outlet, lang, title, text) in enumerate(DAY):
        when = end - timedelta(hours=hours)
        record = ArticleRecord(
            id=f"day-{n}",
            url=f"https://news.example.org/{n}",
            feed_url="https://news.example.org/feed",
            outlet=outlet,
            title=title,
            text=text,
            published=when,
            fetched_at=when,
            lang=lang,
        )
        producer.send(
            topic, key=key(record.id), value=encode(record), timestamp_ms=int(when.timestamp() * 1000)
        )
    # A message that is no article record, mid-day: counted, named and skipped by both pipelines.
    junk_at = end - timedelta(hours=14)
    producer.send(
        topic,
        key=b"junk",
        value=b'{"schema": "article/1", "id": 7',
        timestamp_ms=int(junk_at.timestamp() * 1000),
    )
    producer.flush()
    producer.close()


def _count(settings: Settings, spec) -> int:
    consumer = KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap, enable_auto_commit=False)
    try:
        topic = spec.full_name(settings.topic_prefix)
        tps = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or ()]
        return sum(consumer.end_offsets(tps).values())
    finally:
        consumer.close()


def _last_noon(now: datetime) -> datetime:
    noon = now.replace(hour=12, minute=0, second=0, microsecond=0)
    return noon if noon <= now else noon - timedelta(days=1)


@pytest.fixture(scope="module")
def live(kafka, tmp_path_factory) -> Iterator[Live]:
    tmp = tmp_path_factory.mktemp("replay")
    settings = make_settings(kafka, f"replay-{os.getpid()}", tmp)
    ensure_topics(settings)
    receiver = WebhookReceiver().start()
    # The end of the day the articles fill: the last noon (UTC) before now. The broker and the
    # live alerter need a recent day, but the hour is fixed, so that the articles' "this evening"
    # and "this afternoon" fall at the same hours of the region's day at whatever hour CI runs.
    end = _last_noon(datetime.now(UTC))
    start = end - timedelta(days=1)
    watch_file = tmp / "watch.yaml"
    watch_file.write_text(yaml.safe_dump(_watchlist(receiver.port, WATCH), allow_unicode=True), "utf-8")
    env = worker_env(settings, WIREWATCH_WATCHLIST=str(watch_file))
    state = Live(settings, env, watch_file, start, end, receiver, tmp)
    workers = [Worker(name, [name], env, tmp) for name in ("process", "alert")]
    try:
        _produce_day(settings, end)
        # The live pipeline is done when replaying with its own watchlist shows no difference and
        # both watched incidents were alerted (in a catch-up digest: the day is old news to it).
        wait_until(lambda: len(state.receiver.received) >= 1, 120, what="the live alerter's digest")
        wait_until(
            lambda: (d := state.replay("--diff")["diff"]) and not any(d.values()),
            120,
            interval=2,
            what="the replay with the live watchlist to match the live pipeline",
        )
        yield state
    finally:
        for worker in workers:
            worker.stop()
        receiver.stop()


def _incident_of(result: dict, article_id: str) -> str:
    return next(i["id"] for i in result["incidents"] if article_id in i["reports"])


def test_replay_with_the_live_watchlist_finds_what_the_live_pipeline_found(live: Live) -> None:
    result = live.replay("--diff")
    assert result["articles"] == len(DAY)
    assert len(result["malformed"]) == 1 and "ArticleRecord" in result["malformed"][0]
    hit = {i["id"]: i["hits"] for i in result["incidents"] if i["hits"]}
    assert hit == {
        _incident_of(result, "day-1"): ["ain-al-asad"],
        _incident_of(result, "day-7"): ["camp-taji"],
    }
    # Both reports of the rockets are one incident, and so are both of the drone.
    assert _incident_of(result, "day-1") == _incident_of(result, "day-2")
    assert _incident_of(result, "day-4") == _incident_of(result, "day-5")
    assert result["diff"] == {
        "new_hits": [],
        "gone_hits": [],
        "new_incidents": [],
        "gone_incidents": [],
        "changed": [],
    }


def test_a_new_watch_entry_shows_exactly_its_new_hits(live: Live) -> None:
    wider = live.watchlist("watch-harir.yaml", [*WATCH, HARIR])
    result = live.replay("--watchlist", str(wider), "--diff")
    harir = _incident_of(result, "day-4")
    assert [(h["incident"], h["entry"], h["channels"]) for h in result["diff"]["new_hits"]] == [
        (harir, "harir", ["analysts"])
    ]
    assert result["diff"]["gone_hits"] == []
    assert result["diff"]["new_incidents"] == result["diff"]["gone_incidents"] == []


def test_a_changed_rule_shows_the_detection_it_removes_as_gone(live: Live) -> None:
    before = live.replay()
    taji = _incident_of(before, "day-7")
    rules = live.tmp / "rules.yaml"
    rules.write_text(
        yaml.safe_dump(
            {"suppress": [{"id": "drills", "phrases": ["live-fire exercise"], "reason": "drills"}]}
        ),
        "utf-8",
    )
    result = live.replay("--rules", str(rules), "--diff")
    assert result["attacks"] == before["attacks"] - 1
    assert result["diff"]["gone_incidents"] == [taji]
    assert [(h["incident"], h["entry"]) for h in result["diff"]["gone_hits"]] == [(taji, "camp-taji")]
    assert result["diff"]["new_hits"] == result["diff"]["new_incidents"] == []


def test_replay_sends_nothing_unless_asked_and_then_one_digest(live: Live) -> None:
    topics = (INCIDENT_UPDATES, NOTIFICATIONS)
    counts = {spec.name: _count(live.settings, spec) for spec in topics}
    posts = len(live.receiver.received)
    wider = live.watchlist("watch-digest.yaml", [*WATCH, HARIR])
    live.replay("--watchlist", str(wider))
    sent = live.command("replay", "--watchlist", str(wider), "--send-digest", "analysts")
    assert "one digest of 3 incidents to analysts" in sent
    digest = live.receiver.wait_for(posts + 1, 30)[posts:]
    assert len(digest) == 1
    assert len(digest[0].json()["digest"]) == 3
    # No live topic took a record from either replay.
    assert {spec.name: _count(live.settings, spec) for spec in topics} == counts


def test_export_writes_the_live_incidents_of_the_window(live: Live) -> None:
    import pandas as pd

    def export(*args: str) -> str:
        return live.command("export", "incidents", *args)

    frame = pd.read_csv(io.StringIO(export("--format", "csv")))
    assert sorted(frame["location"]) == ["Ain al-Asad Air Base", "Camp Taji", "Harir Air Base"]
    assert frame["source_count"].tolist() == [2, 2, 1]  # in event order: rockets, drone, mortars
    watched = json.loads(
        export("--format", "geojson", "--watch", "ain-al-asad", "--watchlist", str(live.watch_file))
    )
    assert [f["properties"]["location"] for f in watched["features"]] == ["Ain al-Asad Air Base"]
    assert watched["features"][0]["geometry"]["type"] == "Point"
