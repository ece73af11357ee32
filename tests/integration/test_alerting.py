"""The alerter as a real process against the broker and real receivers.

- a receiver that fails for two minutes, then recovers: every notification arrives, once;
- the alerter SIGKILLed and restarted ten times while it dispatches: nothing lost, nothing shown
  twice (the webhook receiver honours Idempotency-Key, as incident tools do; the raw resends
  that the key absorbed are counted and printed);
- silences added from the CLI while the alerter runs, and a replay of yesterday's incidents that
  becomes one digest instead of pages; feed-health events grouped into one operator message.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from kafka import KafkaProducer

from tests.conftest import make_settings
from tests.factories import AIN_AL_ASAD, ERBIL_AIRPORT, facts, incident
from tests.integration.procs import Worker, wait_until, worker_env
from wirewatch.testing.receivers import WebhookReceiver
from wirewatch.topics import FEED_HEALTH, INCIDENT_UPDATES
from wirewatch.topics.admin import ensure_topics
from wirewatch.topics.codec import encode, key
from wirewatch.topics.records import FeedHealthEvent, IncidentUpdate

pytestmark = [pytest.mark.broker, pytest.mark.e2e]

# Two minutes, as the issue asks; an environment variable may shorten it for local iteration.
OUTAGE_SECONDS = float(os.environ.get("WIREWATCH_TEST_OUTAGE_SECONDS", "120"))

PLACES = {"ain-al-asad": AIN_AL_ASAD, "erbil-airport": ERBIL_AIRPORT}


def watchlist(path: Path, hook_port: int, ops_port: int, **alerting) -> Path:
    data = {
        "channels": {
            "analysts": {"url_env": "TEST_ANALYSTS_URL"},
            "ops": {"url": f"webhook+http://127.0.0.1:{ops_port}/ops"},
        },
        "routes": {"default": ["analysts"], "operator": ["ops"]},
        "alerting": {"update_min_interval": 0, "digest_window": 3, "feed_health_window": 2, **alerting},
        "watch": [
            {"id": "ain-al-asad", "kind": "base", "names": ["Ain al-Asad"]},
            {"id": "erbil-airport", "kind": "base", "names": ["Erbil airport"]},
        ],
    }
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    os.environ["TEST_ANALYSTS_URL"] = f"webhook+http://127.0.0.1:{hook_port}/analysts"
    return path


def update(n: int, place: str = "ain-al-asad", hours_ago: float = 0.0) -> IncidentUpdate:
    when = datetime.now(UTC) - timedelta(hours=hours_ago)
    report = facts(
        f"a-{n}",
        "Tigris Wire",
        when,
        places=(PLACES[place],),
        title=f"Rockets hit base, report {n}",
        url=f"https://news.example.org/{n}",
    )
    created, change = incident(report)
    return IncidentUpdate(
        change=change or "new", incident=created, article_id=report.article_id, article_seen_at=when, at=when
    )


def send(settings, records: list[IncidentUpdate]) -> None:
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all")
    for record in records:
        producer.send(
            INCIDENT_UPDATES.full_name(settings.topic_prefix),
            key=key(record.incident.id),
            value=encode(record),
        )
    producer.flush()
    producer.close()


@pytest.fixture
def hooks():
    analysts, ops = WebhookReceiver().start(), WebhookReceiver().start()
    yield analysts, ops
    analysts.stop()
    ops.stop()


def alerter(settings, tmp_path: Path, wl: Path, name: str = "alert") -> Worker:
    env = worker_env(
        settings,
        WIREWATCH_WATCHLIST=str(wl),
        WIREWATCH_DELIVERY_BACKOFF_MAX="5",
        TEST_ANALYSTS_URL=os.environ["TEST_ANALYSTS_URL"],
    )
    return Worker(name, ["alert"], env, tmp_path)


def keys(receiver: WebhookReceiver) -> list[str]:
    with receiver.lock:
        return [r.headers.get("Idempotency-Key", "") for r in receiver.received]


def test_a_receiver_down_for_two_minutes_gets_every_notification_once(
    kafka, topic_prefix, tmp_path, hooks
) -> None:
    analysts, ops = hooks
    settings = make_settings(kafka, topic_prefix, tmp_path)
    ensure_topics(settings)
    wl = watchlist(tmp_path / "watch.yaml", analysts.port, ops.port)
    analysts.fail_with = 500
    analysts.fail_until = time.monotonic() + OUTAGE_SECONDS
    worker = alerter(settings, tmp_path, wl)
    try:
        send(settings, [update(n) for n in range(5)])
        wait_until(lambda: analysts.refused >= 3, 60, what="the alerter to try the failing receiver")
        wait_until(
            lambda: len(analysts.received) >= 5,
            OUTAGE_SECONDS + 60,
            interval=1,
            what="every notification after the receiver recovered",
        )
        time.sleep(3)  # anything extra would arrive now
    finally:
        worker.stop()
    received = keys(analysts)
    assert len(received) == 5 and len(set(received)) == 5, received
    assert all(k.endswith(":analysts:new") for k in received)
    assert analysts.refused >= 3
    assert "Traceback" not in worker.output()


def test_killed_ten_times_mid_dispatch_loses_nothing_and_shows_nothing_twice(
    kafka, topic_prefix, tmp_path, hooks
) -> None:
    analysts, ops = hooks
    analysts.dedupe = True  # the receiver honours Idempotency-Key
    analysts.delay = 0.25  # slow enough that each kill lands while a delivery is in flight
    settings = make_settings(kafka, topic_prefix, tmp_path, consumer_session_timeout=6)
    ensure_topics(settings)
    wl = watchlist(tmp_path / "watch.yaml", analysts.port, ops.port)
    rng = random.Random(7)
    expected = 0
    for round_number in range(10):
        batch = [update(100 * round_number + i, rng.choice(list(PLACES))) for i in range(6)]
        send(settings, batch)
        expected += len(batch)
        worker = alerter(settings, tmp_path, wl, name=f"alert-{round_number}")
        before = len(analysts.received) + analysts.repeated
        wait_until(
            lambda b=before: len(analysts.received) + analysts.repeated > b,
            60,
            interval=0.05,
            what="the alerter to start delivering",
        )
        time.sleep(rng.uniform(0.05, 0.6))  # somewhere in the middle of dispatching
        worker.kill()
    final = alerter(settings, tmp_path, wl, name="alert-final")
    try:
        wait_until(lambda: len(analysts.received) >= expected, 120, interval=1, what="every notification")
        time.sleep(3)
    finally:
        final.stop()
    received = keys(analysts)
    assert len(received) == expected == len(set(received)), (len(received), expected)
    print(f"\n{analysts.repeated} resends absorbed by the Idempotency-Key over 10 kills")
    assert "Traceback" not in final.output()


def test_silences_digests_and_feed_health(kafka, topic_prefix, tmp_path, hooks) -> None:
    analysts, ops = hooks
    settings = make_settings(kafka, topic_prefix, tmp_path)
    ensure_topics(settings)
    wl = watchlist(tmp_path / "watch.yaml", analysts.port, ops.port)
    worker = alerter(settings, tmp_path, wl)
    env = worker_env(settings)
    try:
        # Silence Erbil airport from the CLI while the alerter runs.
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "wirewatch.cli",
                "silence",
                "add",
                "--entry",
                "erbil-airport",
                "--for",
                "1h",
                "--comment",
                "maintenance",
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert out.returncode == 0, out.stderr
        listed = subprocess.run(
            [sys.executable, "-m", "wirewatch.cli", "silence", "list"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout
        assert "entry=erbil-airport" in listed and "active" in listed
        time.sleep(2)
        send(settings, [update(1, "erbil-airport"), update(2, "ain-al-asad")])
        wait_until(lambda: len(analysts.received) >= 1, 60, what="the unsilenced alert")
        time.sleep(3)
        assert [r.json()["watch_hits"] for r in analysts.received] == [["ain-al-asad"]]

        # A replay of yesterday: five old incidents become one digest, not five pages.
        send(settings, [update(10 + n, "ain-al-asad", hours_ago=20 + n) for n in range(5)])
        wait_until(lambda: len(analysts.received) >= 2, 60, what="the digest")
        time.sleep(4)
        digests = [r.json() for r in analysts.received if r.json()["kind"] == "digest"]
        assert len(analysts.received) == 2 and len(digests) == 1 and len(digests[0]["digest"]) == 5

        # Feed health: three feeds break within the window: one grouped operator message.
        producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap)
        for n in range(3):
            event = FeedHealthEvent(
                feed_url=f"https://feeds.example.org/{n}.xml",
                outlet=f"Outlet {n}",
                event="broken",
                failures=5,
                error_class="http_5xx",
                error="HTTP 503",
                at=datetime.now(UTC),
            )
            producer.send(FEED_HEALTH.full_name(topic_prefix), key=key(event.feed_url), value=encode(event))
        producer.flush()
        producer.close()
        wait_until(lambda: len(ops.received) >= 1, 60, what="the feed-health message")
        time.sleep(3)
        assert len(ops.received) == 1
        body = ops.received[0].json()
        assert body["kind"] == "feed_health" and len(body["feeds"]) == 3 and "3 broken" in body["title"]
    finally:
        worker.stop()
    assert "Traceback" not in worker.output()
