"""The processor under a synthetic stream at 100x GDELT's volume: does it keep up, how fast, how big.

    python bench/bench_incidents.py [--rate 800] [--seconds 600] [--attack-share 0.01]

Starts a local Kafka broker and one ``wirewatch process`` (pinned to one core with taskset when
available), produces articles at ``--rate`` per second for ``--seconds`` (about 1 % attack
reports, clustered: each event is reported 3 to 10 times over the following hours of stream
time; the stream's clock runs so that the run covers seven days of news, so the incident store
holds a 7-day window), and reads the incident updates. Reports:

- articles/s the processor sustained and its consumer lag at the end;
- latency from article-on-Kafka to incident-update-on-Kafka (p50, p95, p99, max), from the two
  messages' Kafka timestamps;
- peak RSS of the processor process.

The last line is JSON with at least ``articles_per_s``, ``p99_ms`` and ``peak_rss_mb``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import signal
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "deploy" / "kafka"))

from common import create_topics, latency_summary, start_broker, start_worker  # noqa: E402
from kafka import KafkaConsumer, KafkaProducer, TopicPartition  # noqa: E402

from wirewatch.topics import ARTICLES, INCIDENT_UPDATES  # noqa: E402
from wirewatch.topics.codec import encode, key  # noqa: E402
from wirewatch.topics.records import ArticleRecord  # noqa: E402

PLACES = [
    "Ain al-Asad air base",
    "Erbil International Airport",
    "al-Tanf garrison",
    "Harir air base",
    "Camp Taji",
    "the Conoco gas field",
    "the al-Omar oil field",
    "Balad Air Base",
    "the US Embassy in Baghdad",
    "Baghdad International Airport",
    "Qayyarah West air base",
    "K-1 air base near Kirkuk",
    "Tower 22",
]
ATTACKS = [
    "Two rockets hit",
    "A drone struck",
    "Mortar rounds landed near",
    "A roadside bomb hit a convoy near",
    "Three Katyusha rockets struck",
    "An explosive-laden drone targeted",
]
ORDINARY = [
    "Iraq's parliament debated the budget for a third day as lawmakers argued over oil revenue.",
    "The central bank kept its main interest rate unchanged and said inflation was easing.",
    "Farmers in Diyala said water shortages had cut the wheat harvest for a second year.",
    "وأعلنت وزارة الكهرباء عن خطة لإضافة ألف ميغاواط إلى الشبكة الوطنية قبل حلول الصيف.",
    "وناقش مجلس المحافظة مشاريع تأهيل الطرق والجسور في الأقضية والنواحي التابعة لها.",
    "Officials in Basra said the port handled record container volumes in the third quarter.",
]


class Stream:
    """Articles in stream time: ordinary news, and attack events reported by several outlets."""

    def __init__(self, rate: float, seconds: float, attack_share: float, seed: int = 11) -> None:
        self.rng = random.Random(seed)
        self.rate = rate
        self.attack_share = attack_share
        self.start = datetime.now(UTC) - timedelta(days=7)
        self.speed = 7 * 86400 / seconds  # stream seconds per wall second: the run covers seven days
        self.pending: list[tuple[float, int, int]] = []  # (stream offset s, event, report number)
        self.events = 0
        self.n = 0

    def article(self, wall: float) -> ArticleRecord:
        self.n += 1
        now = self.start + timedelta(seconds=wall * self.speed)
        due = [p for p in self.pending if p[0] <= wall * self.speed]
        if due and self.rng.random() < 0.8:
            item = min(due)
            self.pending.remove(item)
            return self._report(item[1], item[2], now)
        if self.rng.random() < self.attack_share * 0.25:  # a new event; its other reports come later
            event = self.events
            self.events += 1
            reports = self.rng.randint(3, 10)
            for r in range(1, reports):
                delay = self.rng.uniform(60, 6 * 3600)  # minutes to hours of stream time
                self.pending.append((wall * self.speed + delay, event, r))
            return self._report(event, 0, now)
        text = " ".join(self.rng.choice(ORDINARY) for _ in range(6))
        return ArticleRecord(
            id=f"o-{self.n}",
            url=f"https://news.example.org/o/{self.n}",
            feed_url="https://news.example.org/rss",
            outlet=f"Outlet {self.n % 40}",
            title=text[:80],
            text=text,
            published=now,
            fetched_at=now,
        )

    def _report(self, event: int, number: int, now: datetime) -> ArticleRecord:
        rng = random.Random(event)
        place, verb = PLACES[event % len(PLACES)], rng.choice(ATTACKS)
        text = (
            f"{verb} {place} today, officials said. Report {number} of this event from outlet {number}. "
            + " ".join(self.rng.choice(ORDINARY) for _ in range(4))
        )
        return ArticleRecord(
            id=f"e-{event}-{number}",
            url=f"https://news.example.org/e/{event}/{number}",
            feed_url="https://news.example.org/rss",
            outlet=f"Outlet {number}",
            title=f"{verb} {place}",
            text=text,
            published=now,
            fetched_at=now,
        )


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def lag(bootstrap: str, group: str, topic: str) -> int:
    """Messages the group has not committed yet (committed() fetches offsets without joining)."""
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False)
    try:
        parts = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or ()]
        ends = consumer.end_offsets(parts)
        return sum(ends[tp] - (consumer.committed(tp) or 0) for tp in parts)
    finally:
        consumer.close()


def main() -> int:
    # Whatever happens, stop the broker and the worker this run started.
    with contextlib.ExitStack() as cleanup:
        return _run(cleanup)


def _run(cleanup: contextlib.ExitStack) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=800)
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--attack-share", type=float, default=0.01)
    parser.add_argument("--partitions", type=int, default=4)
    args = parser.parse_args()

    broker, work = start_broker(cleanup, "wirewatch-bench-")
    prefix = "bench"
    env = {
        **os.environ,
        "WIREWATCH_KAFKA_BOOTSTRAP": broker.bootstrap,
        "WIREWATCH_TOPIC_PREFIX": prefix,
        "WIREWATCH_PARTITIONS": str(args.partitions),
        "WIREWATCH_DATA_DIR": str(work / "data"),
        "WIREWATCH_PROCESSOR_METRICS_PORT": "0",
        "WIREWATCH_LOG_LEVEL": "WARNING",
    }
    create_topics(env)
    pin = ["taskset", "-c", "1"] if shutil.which("taskset") and (os.cpu_count() or 1) > 1 else []
    processor = start_worker(cleanup, [*pin, sys.executable, "-m", "wirewatch.cli", "process"], env)
    latencies: list[float] = []
    updates = 0
    stop = threading.Event()

    def read_updates() -> None:
        nonlocal updates
        consumer = KafkaConsumer(
            INCIDENT_UPDATES.full_name(prefix),
            bootstrap_servers=broker.bootstrap,
            auto_offset_reset="earliest",
            group_id=None,
            consumer_timeout_ms=500,
        )
        while not stop.is_set():
            for message in consumer:
                data = json.loads(message.value)
                seen = data.get("article_seen_at")
                if seen:
                    seen_ms = datetime.fromisoformat(seen).timestamp() * 1000
                    latencies.append(message.timestamp - seen_ms)
                updates += 1
        consumer.close()

    reader = threading.Thread(target=read_updates, daemon=True)
    reader.start()
    time.sleep(15)  # let the processor join its group and recover (empty) tables
    producer = KafkaProducer(bootstrap_servers=broker.bootstrap, linger_ms=5, acks=1)
    stream = Stream(args.rate, args.seconds, args.attack_share)
    topic = ARTICLES.full_name(prefix)
    peak = 0.0
    started = time.monotonic()
    sent = 0
    next_report = started + 10
    while (elapsed := time.monotonic() - started) < args.seconds:
        target = int(elapsed * args.rate)
        while sent < target:
            record = stream.article(elapsed)
            producer.send(topic, key=key(record.id), value=encode(record))
            sent += 1
        peak = max(peak, rss_mb(processor.pid))
        if time.monotonic() >= next_report:
            next_report += 10
            print(
                f"  {elapsed:5.0f} s: sent {sent}, incident updates {updates}, processor RSS {rss_mb(processor.pid):.0f} MB",
                flush=True,
            )
        time.sleep(0.01)
    producer.flush()
    produced_for = time.monotonic() - started
    # Give the processor a moment to finish what is in flight, then measure how far behind it is.
    drain_started = time.monotonic()
    remaining = lag(broker.bootstrap, f"{prefix}-processor", topic)
    while remaining > 0 and time.monotonic() - drain_started < 120:
        time.sleep(1)
        peak = max(peak, rss_mb(processor.pid))
        remaining = lag(broker.bootstrap, f"{prefix}-processor", topic)
    drain = time.monotonic() - drain_started
    stop.set()
    reader.join(timeout=5)
    processor.send_signal(signal.SIGTERM)
    processor.wait(60)
    broker.stop()
    shutil.rmtree(work, ignore_errors=True)
    result = {
        "rate_target": args.rate,
        "seconds": round(produced_for, 1),
        "articles": sent,
        "articles_per_s": round(sent / (produced_for + drain), 1),
        "lag_at_end": remaining,
        "drain_s": round(drain, 1),
        "attack_events": stream.events,
        "incident_updates": updates,
        **latency_summary(latencies),
        "peak_rss_mb": round(peak, 1),
        "pinned_to_one_core": bool(pin),
    }
    print(
        f"processor: {result['articles_per_s']} articles/s sustained ({sent} in {produced_for:.0f} s + "
        f"{drain:.0f} s drain, lag at end {remaining}); article→incident update p50 {result['p50_ms']} ms, "
        f"p99 {result['p99_ms']} ms; peak RSS {result['peak_rss_mb']} MB"
    )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
