"""The alerter as a real process against the broker and real receivers.

- a receiver that fails for two minutes, then recovers: every notification arrives, once;
- the alerter SIGKILLed and restarted ten times while it dispatches: nothing lost, nothing shown
  twice (the webhook receiver honours Idempotency-Key, as incident tools do; the raw resends
  that the key absorbed are counted and printed);
- silences added from the CLI while the alerter runs, and a replay of yesterday's incidents that
  becomes one digest instead of pages; feed-health events grouped into one operator message.

Nothing extra arrived: each test then sends markers through the same path, one on every
partition of the input topic, and judges what arrived once every marker did (never a fixed sleep).
"""

from __future__ import annotations

import itertools
import os
import random
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from kafka import KafkaProducer

from tests.conftest import make_settings
from tests.factories import AIN_AL_ASAD, ERBIL_AIRPORT, facts, incident
from tests.integration.procs import Worker, wait_until, worker_env
from wirewatch.testing.ports import free_port
from wirewatch.testing.receivers import Received, WebhookReceiver
from wirewatch.topics import FEED_HEALTH, INCIDENT_UPDATES
from wirewatch.topics.admin import ensure_topics
from wirewatch.topics.codec import encode, key
from wirewatch.topics.records import FeedHealthEvent, IncidentUpdate
from wirewatch.topics.security import client_config

pytestmark = [pytest.mark.broker, pytest.mark.e2e]

# Two minutes, as the issue asks; an environment variable may shorten it for local iteration.
OUTAGE_SECONDS = float(os.environ.get("WIREWATCH_TEST_OUTAGE_SECONDS", "120"))
# A receiver that hangs for 60 s, as the issue asks.
HANG_SECONDS = float(os.environ.get("WIREWATCH_TEST_HANG_SECONDS", "60"))

PLACES = {"ain-al-asad": AIN_AL_ASAD, "erbil-airport": ERBIL_AIRPORT}


def watchlist(
    path: Path, hook_port: int, ops_port: int, more: dict[str, dict[str, object]] | None = None, **alerting
) -> Path:
    """Analysts (by default) and ops (operator) channels; ``more`` channels join the default route."""
    data = {
        "channels": {
            "analysts": {"url_env": "TEST_ANALYSTS_URL"},
            "ops": {"url": f"webhook+http://127.0.0.1:{ops_port}/ops"},
            **(more or {}),
        },
        "routes": {"default": ["analysts", *(more or {})], "operator": ["ops"]},
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
    producer = KafkaProducer(**client_config(settings), acks="all")
    for record in records:
        producer.send(
            INCIDENT_UPDATES.full_name(settings.topic_prefix),
            key=key(record.incident.id),
            value=encode(record),
        )
    producer.flush()
    producer.close()


_marker_numbers = itertools.count(90_000)


def send_markers(settings, hours_ago: float = 0.0) -> set[str]:
    """A marker incident on every partition of the incident-updates topic, sent after what a test
    judges; returns their incident ids. Once every marker was delivered, the alerter has routed all
    that came before them on every partition: anything extra it decided is delivered or in the outbox."""
    producer = KafkaProducer(**client_config(settings), acks="all")
    topic = INCIDENT_UPDATES.full_name(settings.topic_prefix)
    markers = set()
    for partition in sorted(producer.partitions_for(topic)):
        record = update(next(_marker_numbers), hours_ago=hours_ago)
        producer.send(topic, key=key(record.incident.id), value=encode(record), partition=partition)
        markers.add(record.incident.id)
    producer.flush()
    producer.close()
    return markers


def incidents_in(post: Received) -> set[str]:
    body = post.json()
    found = {d["incident"] for d in body.get("digest") or ()}
    return found | ({body["incident"]["id"]} if body.get("incident") else set())


def after_markers(receiver: WebhookReceiver, markers: set[str], timeout: float = 90) -> list[Received]:
    """Wait until every marker arrived; return all that arrived besides notifications of markers
    alone (a notification holding a marker and something else is returned: it is not a marker)."""

    def arrived() -> set[str]:
        with receiver.lock:
            return set().union(*(incidents_in(r) for r in receiver.received))

    wait_until(lambda: markers <= arrived(), timeout, what="the markers sent after the notifications")
    with receiver.lock:
        return [r for r in receiver.received if not (incidents_in(r) and incidents_in(r) <= markers)]


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
        judged = after_markers(analysts, send_markers(settings))
    finally:
        worker.stop()
    received = [r.headers.get("Idempotency-Key", "") for r in judged]
    assert len(received) == 5 and len(set(received)) == 5, received
    assert all(k.endswith(":analysts:new") for k in received)
    assert analysts.refused >= 3
    assert "Traceback" not in worker.output()


def test_a_hung_webhook_delays_only_its_own_channel(kafka, topic_prefix, tmp_path, hooks) -> None:
    """One receiver holds every request unanswered for a minute, longer than the alerter's liveness
    bound (30 s): the other channel's alerts arrive meanwhile, /healthz stays 200, and the hung
    channel gets each of its notifications once it answers (its timeout outlasts the hang)."""
    analysts, ops = hooks
    hung = WebhookReceiver().start()
    hung.dedupe = True
    port = free_port()
    settings = make_settings(kafka, topic_prefix, tmp_path, alerter_metrics_port=port)
    ensure_topics(settings)
    slow = {"url": f"webhook+http://127.0.0.1:{hung.port}/slow", "timeout": HANG_SECONDS + 30}
    wl = watchlist(tmp_path / "watch.yaml", analysts.port, ops.port, more={"slow": slow})
    worker = alerter(settings, tmp_path, wl)
    statuses: list[int] = []
    try:
        wait_until(lambda: health(port) == 200, 60, what="the alerter to answer /healthz")
        hang_ends, hang_ends_wall = time.monotonic() + HANG_SECONDS, time.time() + HANG_SECONDS
        hung.hang_until = hang_ends
        sent_at = {}
        for n in range(6):
            record = update(n)
            send(settings, [record])
            sent_at[record.incident.id] = time.time()
            wait_until(lambda n=n: len(analysts.received) > n, 30, interval=0.05, what=f"alert {n} (healthy)")
            statuses.append(health(port))
        while time.monotonic() < hang_ends:  # liveness is probed all through the hang
            statuses.append(health(port))
            time.sleep(1)
        wait_until(lambda: len(hung.received) >= 6, 60, what="the hung channel's notifications")
        judged = after_markers(analysts, send_markers(settings))
    finally:
        worker.stop()
        hung.stop()
    healthy = [r for r in judged if r.headers["Idempotency-Key"].split(":", 1)[0] in sent_at]
    latencies = sorted(r.at - sent_at[r.headers["Idempotency-Key"].split(":", 1)[0]] for r in healthy)
    print(f"\nhealthy channel while the other hung: {len(healthy)} alerts, slowest {latencies[-1]:.2f} s")
    assert len(healthy) == 6 and len(judged) == 6
    assert all(r.at < hang_ends_wall for r in healthy)  # every one before the hang ended
    assert statuses and set(statuses) == {200}, statuses
    slow = [r.headers["Idempotency-Key"].split(":", 1)[0] for r in hung.received]
    assert sorted(i for i in slow if i in sent_at) == sorted(sent_at)
    print(f"hung channel: all {len(sent_at)} delivered after the hang, {hung.repeated} repeats absorbed")
    assert "Traceback" not in worker.output()


def health(port: int) -> int:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as resp:
            return int(resp.status)
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


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
        judged = after_markers(analysts, send_markers(settings))
    finally:
        final.stop()
    received = [r.headers.get("Idempotency-Key", "") for r in judged]
    assert len(received) == expected == len(set(received)), (len(received), expected)
    requests = len(analysts.received) + analysts.repeated
    print(
        f"\n{analysts.repeated} resends absorbed by the Idempotency-Key over 10 kills: a receiver "
        f"without idempotency handling would have shown {analysts.repeated} duplicates in {requests} requests"
    )
    assert "Traceback" not in final.output()


def test_a_restarted_alerter_with_an_instance_id_takes_its_partitions_back_at_once(
    kafka, topic_prefix, tmp_path, hooks
) -> None:
    """Static membership: the killed member's partitions would wait out the session timeout (120 s
    here) before a new member got them; the same instance id gets them back when it rejoins."""
    analysts, ops = hooks
    settings = make_settings(
        kafka, topic_prefix, tmp_path, consumer_session_timeout=120, instance_id="alerter-0"
    )
    ensure_topics(settings)
    wl = watchlist(tmp_path / "watch.yaml", analysts.port, ops.port)
    first = alerter(settings, tmp_path, wl, name="alert-first")
    send(settings, [update(1, "ain-al-asad")])
    wait_until(lambda: len(analysts.received) >= 1, 60, what="the first alert")
    first.kill()
    restarted = alerter(settings, tmp_path, wl, name="alert-restarted")
    try:
        started = time.monotonic()
        send(settings, [update(2, "erbil-airport")])
        wait_until(lambda: len(analysts.received) >= 2, 100, interval=0.1, what="the alert after the restart")
        print(
            f"\nalert {time.monotonic() - started:.1f} s after a SIGKILL and restart (session timeout 120 s)"
        )
    finally:
        restarted.stop()
    assert "Traceback" not in restarted.output()


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
        silence_id = out.stdout.split("\t", 1)[0]
        wait_until(
            lambda: f'silence "{silence_id}" read: until' in worker.output(),
            30,
            what="the alerter to read the silence",
        )
        send(settings, [update(1, "erbil-airport"), update(2, "ain-al-asad")])
        wait_until(lambda: len(analysts.received) >= 1, 60, what="the unsilenced alert")
        markers = send_markers(settings)
        judged = after_markers(analysts, markers)
        assert [r.json()["watch_hits"] for r in judged] == [["ain-al-asad"]]

        # A replay of yesterday: five old incidents become one digest, not five pages. The markers
        # are old too, so they take the same path: a later digest that holds only them.
        send(settings, [update(10 + n, "ain-al-asad", hours_ago=20 + n) for n in range(5)])
        wait_until(
            lambda: any(r.json()["kind"] == "digest" for r in analysts.received), 60, what="the digest"
        )
        old_markers = send_markers(settings, hours_ago=20)
        judged = after_markers(analysts, markers | old_markers)
        digests = [r.json() for r in judged if r.json()["kind"] == "digest"]
        assert len(judged) == 2 and len(digests) == 1 and len(digests[0]["digest"]) == 5, judged
        assert {r.json()["kind"] for r in analysts.received if incidents_in(r) <= old_markers} == {"digest"}

        # Feed health: three feeds break within the window: one grouped operator message. Then a
        # marker feed breaks on every partition: its message comes after the window, alone.
        broken_feeds(settings, [f"https://feeds.example.org/{n}.xml" for n in range(3)])
        wait_until(lambda: len(ops.received) >= 1, 60, what="the feed-health message")
        marker_feeds = broken_feeds(settings, None)
        wait_until(
            lambda: marker_feeds <= set().union(*(feed_urls(r) for r in ops.received)),
            60,
            what="the marker feeds",
        )
        messages = [feed_urls(r) for r in ops.received]
        assert messages[0] == {f"https://feeds.example.org/{n}.xml" for n in range(3)}, messages
        assert all(m <= marker_feeds for m in messages[1:]), messages  # nothing else came before them
        body = ops.received[0].json()
        assert body["kind"] == "feed_health" and len(body["feeds"]) == 3 and "3 broken" in body["title"]
    finally:
        worker.stop()
    assert "Traceback" not in worker.output()


def broken_feeds(settings, urls: list[str] | None) -> set[str]:
    """Feed-health events saying ``urls`` broke; ``None``: one marker feed on every partition."""
    producer = KafkaProducer(**client_config(settings), acks="all")
    topic = FEED_HEALTH.full_name(settings.topic_prefix)
    if urls is None:
        partitions: list[int | None] = sorted(producer.partitions_for(topic))
        urls = [f"https://marker.example.org/{p}.xml" for p in partitions]
    else:
        partitions = [None] * len(urls)
    for url, partition in zip(urls, partitions, strict=True):
        event = FeedHealthEvent(
            feed_url=url,
            outlet="Outlet",
            event="broken",
            failures=5,
            error_class="http_5xx",
            error="HTTP 503",
            at=datetime.now(UTC),
        )
        producer.send(topic, key=key(url), value=encode(event), partition=partition)
    producer.flush()
    producer.close()
    return set(urls)


def feed_urls(post: Received) -> set[str]:
    return {f["feed_url"] for f in post.json()["feeds"]}
