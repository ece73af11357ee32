"""The alerter under load: latency at 50 incident updates/s, and the dispatcher's throughput.

    python bench/bench_alert.py [--rate 50] [--seconds 60] [--burst 2000] [--hung-seconds 60]

Starts a local Kafka broker, a local webhook receiver and one ``wirewatch alert`` process (with a
``webhook+http://`` channel), then:

1. produces new incidents on a watched base at ``--rate`` per second for ``--seconds``; each one
   becomes one notification; latency is from the incident update's Kafka timestamp to the moment
   the receiver accepted the POST (p50, p95, p99, max);
2. produces ``--burst`` incidents at once and measures how fast the dispatcher drains them.

With ``--hung-seconds N`` every notification also goes to a second channel whose receiver holds
each request unanswered for the first N seconds of the steady phase (its timeout outlasts the
hang): the figures are still the first channel's, to show that a hung receiver delays only its own.

The last line is JSON with at least ``p99_ms`` and ``throughput_per_s``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "deploy" / "kafka"))

import yaml  # noqa: E402
from common import create_topics, latency_summary, start_broker, start_worker  # noqa: E402
from kafka import KafkaProducer  # noqa: E402

from wirewatch.core.incidents import IncidentRules, PlaceFact, ReportFacts, apply  # noqa: E402
from wirewatch.testing.receivers import WebhookReceiver  # noqa: E402
from wirewatch.topics import INCIDENT_UPDATES  # noqa: E402
from wirewatch.topics.codec import encode, key  # noqa: E402
from wirewatch.topics.records import IncidentUpdate  # noqa: E402

AIN = PlaceFact(
    id="ain-al-asad",
    name="Ain al-Asad Air Base",
    kind="base",
    lineage=("ain-al-asad", "IQ-AN/baghdadi", "IQ-AN", "IQ"),
    area=("Anbar", "Iraq"),
)


def update(n: int) -> IncidentUpdate:
    now = datetime.now(UTC)
    facts = ReportFacts(
        article_id=f"bench-{n}",
        outlet="Bench Wire",
        lang="en",
        title=f"Rockets hit base ({n})",
        url=f"https://news.example.org/{n}",
        published=now,
        seen_at=now,
        event_time=now,
        types=("rocket",),
        places=(AIN,),
        projectiles=2,
    )
    incident, change = apply(None, facts, now, IncidentRules())
    return IncidentUpdate(
        change=change or "new", incident=incident, article_id=facts.article_id, article_seen_at=now, at=now
    )


def main() -> int:
    # Whatever happens, stop the broker and the worker this run started.
    with contextlib.ExitStack() as cleanup:
        return _run(cleanup)


def _run(cleanup: contextlib.ExitStack) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--burst", type=int, default=2000)
    parser.add_argument("--hung-seconds", type=float, default=0)
    args = parser.parse_args()

    broker, work = start_broker(cleanup, "wirewatch-bench-alert-")
    hook = WebhookReceiver().start()
    stuck = WebhookReceiver().start()
    channels: dict[str, dict[str, object]] = {"hook": {"url": f"webhook+http://127.0.0.1:{hook.port}/bench"}}
    if args.hung_seconds:
        channels["stuck"] = {
            "url": f"webhook+http://127.0.0.1:{stuck.port}/stuck",
            "timeout": min(300, args.hung_seconds + 30),
        }
    watch = work / "watch.yaml"
    watch.write_text(
        yaml.safe_dump(
            {
                "channels": channels,
                "routes": {"default": list(channels)},
                "alerting": {"freshness": 86400},
                "watch": [{"id": "ain-al-asad", "kind": "base", "names": ["Ain al-Asad"]}],
            }
        )
    )
    env = {
        **os.environ,
        "WIREWATCH_KAFKA_BOOTSTRAP": broker.bootstrap,
        "WIREWATCH_TOPIC_PREFIX": "bench",
        "WIREWATCH_WATCHLIST": str(watch),
        "WIREWATCH_ALERTER_METRICS_PORT": "0",
        "WIREWATCH_LOG_LEVEL": "WARNING",
    }
    create_topics(env)
    alerter = start_worker(cleanup, [sys.executable, "-m", "wirewatch.cli", "alert"], env)
    producer = KafkaProducer(bootstrap_servers=broker.bootstrap, acks=1, linger_ms=0)
    topic = INCIDENT_UPDATES.full_name("bench")
    sent_at: dict[str, float] = {}  # idempotency-key prefix (incident id) -> Kafka timestamp (s)

    def produce(n: int) -> None:
        record = update(n)
        metadata = producer.send(topic, key=key(record.incident.id), value=encode(record)).get(timeout=30)
        sent_at[record.incident.id] = metadata.timestamp / 1000

    def latencies() -> list[float]:
        out = []
        with hook.lock:
            received = list(hook.received)
        for item in received:
            incident_id = item.headers.get("Idempotency-Key", "").split(":", 1)[0]
            if incident_id in sent_at:
                out.append((item.at - sent_at[incident_id]) * 1000)
        return sorted(out)

    # Warm up: the alerter joins its groups and delivers one.
    produce(0)
    deadline = time.monotonic() + 120
    while not hook.received and time.monotonic() < deadline:
        time.sleep(0.1)
    hook.received.clear()
    sent_at.clear()

    hung = f", a second channel hung for {args.hung_seconds:g} s" if args.hung_seconds else ""
    print(f"steady: {args.rate:g} updates/s for {args.seconds:g} s{hung} …", flush=True)
    started = time.monotonic()
    if args.hung_seconds:
        stuck.hang_until = started + args.hung_seconds
    n = 1
    while time.monotonic() - started < args.seconds:
        target = int((time.monotonic() - started) * args.rate)
        while n <= target:
            produce(n)
            n += 1
        time.sleep(0.005)
    expected = n - 1
    deadline = time.monotonic() + 60
    while len(hook.received) < expected and time.monotonic() < deadline:
        time.sleep(0.1)
    steady = latencies()
    steady_count = len(steady)
    hook.received.clear()
    sent_at.clear()

    print(f"burst: {args.burst} updates at once …", flush=True)
    burst_start = time.time()
    for i in range(args.burst):
        produce(100000 + i)
    deadline = time.monotonic() + 300
    while len(hook.received) < args.burst and time.monotonic() < deadline:
        time.sleep(0.05)
    with hook.lock:
        last = max((r.at for r in hook.received), default=burst_start)
        burst_done = len(hook.received)
    throughput = burst_done / (last - burst_start) if last > burst_start else float("nan")

    alerter.send_signal(signal.SIGTERM)
    alerter.wait(60)
    producer.close()
    hook.stop()
    stuck.stop()
    broker.stop()
    shutil.rmtree(work, ignore_errors=True)
    result = {
        "rate": args.rate,
        "seconds": args.seconds,
        "hung_seconds": args.hung_seconds,
        "notifications": steady_count,
        "expected": expected,
        **latency_summary(steady),
        "burst": args.burst,
        "burst_delivered": burst_done,
        "throughput_per_s": round(throughput, 1),
    }
    print(
        f"at {args.rate:g}/s: {steady_count}/{expected} delivered, update on Kafka → receiver accepted "
        f"p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms; burst of {args.burst}: "
        f"{result['throughput_per_s']} notifications/s"
    )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
