"""The processor under a synthetic stream at 100x GDELT's volume: does it keep up, how fast, how big.

    python bench/bench_incidents.py [--rate 800] [--seconds 600] [--attack-share 0.01]

Starts a local Kafka broker and one ``wirewatch process`` (the processor on cpu 1, this process
and the broker on cpu 0, when the machine has two), produces articles at ``--rate`` per second
for ``--seconds``, and reads the incident updates. The articles come from ``bench/newsgen.py``:
real-news lengths, Arabic and English, about 10 % with an attack word that is not a current attack (trials, threats, denials, sport
...). Current attack reports (about ``--attack-share``) are clustered: each event is reported 3
to 10 times by different outlets, in both languages, over the following minutes of stream time,
each worded its own way. The stream's clock runs so that the run covers seven days of news, so
the incident store holds a 7-day window. Reports:

- articles/s the processor sustained and its consumer lag at the end;
- latency from article-on-Kafka to incident-update-on-Kafka (p50, p95, p99, max), from the two
  messages' Kafka timestamps, and how long the broker took to acknowledge each article;
- whether the reports of one event joined one incident: reports sent and found in incidents,
  events whose reports share one incident or were split, incidents mixing events, and incidents
  made of other articles (attack words the processor took for a current attack);
- peak RSS of the processor process, and the load average before and after (the machine may be
  shared: say what else ran).

The last line is JSON with at least ``articles_per_s``, ``p99_ms`` and ``peak_rss_mb``.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import random
import shutil
import signal
import sys
import threading
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "deploy" / "kafka"))

from common import (  # noqa: E402
    create_topics,
    free_port,
    latency_summary,
    log_warnings,
    start_broker,
    start_worker,
    wait_ready,
)
from kafka import KafkaConsumer, KafkaProducer, TopicPartition  # noqa: E402
from newsgen import OUTLETS, AttackEvent, NewsGen, Outlet  # noqa: E402
from prometheus_client.parser import text_string_to_metric_families  # noqa: E402

from wirewatch.topics import ARTICLES, INCIDENT_UPDATES  # noqa: E402
from wirewatch.topics.codec import encode, key  # noqa: E402
from wirewatch.topics.records import ArticleRecord  # noqa: E402


class Stream:
    """Articles in stream time: the generator's news, and attack events reported by several outlets."""

    def __init__(self, rate: float, seconds: float, attack_share: float, seed: int = 11) -> None:
        self.rng = random.Random(seed)
        self.rate = rate
        self.attack_share = attack_share
        self.start = datetime.now(UTC) - timedelta(days=7)
        self.speed = 7 * 86400 / seconds  # stream seconds per wall second: the run covers seven days
        # Current attacks come only from the events below; the rest is the generator's news (its
        # own random stream, so that the two do not move in step).
        self.news = NewsGen(seed + 1, self.start, current_share=0.0)
        self.pending: list[tuple[float, int, int]] = []  # (stream offset s, event, report number)
        self.event_list: dict[int, tuple[AttackEvent, list[Outlet]]] = {}
        self.reports = 0

    def article(self, wall: float) -> ArticleRecord:
        now = self.start + timedelta(seconds=wall * self.speed)
        due = [p for p in self.pending if p[0] <= wall * self.speed]
        if due and self.rng.random() < 0.8:
            item = min(due)
            self.pending.remove(item)
            return self._report(item[1], item[2], now)
        if self.rng.random() < self.attack_share * 0.25:  # a new event; its other reports come later
            event = self.news.event(now, self.rng)
            outlets = [*OUTLETS["ar"], *OUTLETS["en"]]
            self.rng.shuffle(outlets)  # one outlet per report, Arabic and English mixed
            self.event_list[event.number] = (event, outlets)
            for r in range(1, self.rng.randint(3, 10)):
                delay = self.rng.uniform(120, 90 * 60)  # minutes of stream time
                self.pending.append((wall * self.speed + delay, event.number, r))
            return self._report(event.number, 0, now)
        return _record(self.news.next(now).article, now)

    def _report(self, number: int, report: int, now: datetime) -> ArticleRecord:
        event, outlets = self.event_list[number]
        outlet = outlets[report % len(outlets)]
        self.reports += 1
        return _record(self.news.report(event, now, outlet.lang, outlet, report), now)


def _record(article: dict[str, Any], now: datetime) -> ArticleRecord:
    """The generator's article (the analyze contract) as the poller would put it on Kafka."""
    return ArticleRecord(
        id=article["id"],
        url=article["url"],
        feed_url=f"https://{urlsplit(article['url']).netloc}/rss",
        outlet=article["outlet"],
        title=article["title"],
        text=article["text"],
        published=datetime.fromisoformat(article["published"]),
        fetched_at=now,
        lang=article["lang"],
        categories=tuple(article.get("categories", ())),
    )


def joining(incidents: dict[str, set[str]], reports_sent: int) -> dict[str, int]:
    """Did the reports of one event join one incident? From each incident's latest report ids
    (event reports are ``e<event>-<report>``; an event counts as one incident when every report of it
    that reached an incident reached the same one)."""
    event_of = {}
    for incident, ids in incidents.items():
        for article_id in ids:
            if article_id.startswith("e"):
                event_of.setdefault(article_id.split("-")[0], set()).add(incident)
    in_incidents = sum(1 for ids in incidents.values() for a in ids if a.startswith("e"))
    mixing = sum(
        1 for ids in incidents.values() if len({a.split("-")[0] for a in ids if a.startswith("e")}) > 1
    )
    other = sum(1 for ids in incidents.values() if not any(a.startswith("e") for a in ids))
    return {
        "event_reports": reports_sent,
        "event_reports_in_incidents": in_incidents,
        "events_in_one_incident": sum(1 for s in event_of.values() if len(s) == 1),
        "events_split": sum(1 for s in event_of.values() if len(s) > 1),
        "incidents": len(incidents),
        "incidents_mixing_events": mixing,
        "incidents_from_other_articles": other,
    }


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


def analysis_wait(port: int) -> tuple[float, float]:
    """The processor's running sum and count of article-on-Kafka to attack-report seconds."""
    found = {"_sum": 0.0, "_count": 0.0}
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=2) as answer:
            text = answer.read().decode()
    except OSError:
        return 0.0, 0.0
    for family in text_string_to_metric_families(text):
        if family.name == "wirewatch_detection_latency_seconds":
            for sample in family.samples:
                suffix = sample.name.removeprefix(family.name)
                if sample.labels.get("since") == "kafka" and suffix in found:
                    found[suffix] = sample.value
    return found["_sum"], found["_count"]


def mean_by_interval(samples: list[tuple[float, float]]) -> list[float | None]:
    """Mean milliseconds in each interval between running (sum, count) samples."""
    out: list[float | None] = []
    for (s0, c0), (s1, c1) in itertools.pairwise(samples):
        out.append(round((s1 - s0) / (c1 - c0) * 1000) if c1 > c0 else None)
    return out


WARM_UP_S = 60  # reported apart: the processor's caches and queues start cold


def by_minute(timed: list[tuple[float, float]], start_ms: float) -> list[float | None]:
    """p99 latency of the reports whose article reached Kafka in each minute of the run."""
    minutes: dict[int, list[float]] = {}
    for seen, ms in timed:
        minutes.setdefault(max(0, int((seen - start_ms) // 60000)), []).append(ms)
    return [latency_summary(minutes.get(m, []))["p99_ms"] for m in range(max(minutes, default=-1) + 1)]


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
    # A CPU-bound neighbour on the other core, where the broker and the producer run: the latency
    # a processor shows beside a busy machine (BENCH_NEIGHBOUR=1 make bench-incidents).
    parser.add_argument("--neighbour", action="store_true", default=os.environ.get("BENCH_NEIGHBOUR") == "1")
    args = parser.parse_args()

    # The processor gets cpu 1 to itself; this process (the producer and the update reader) and
    # the broker it starts (which inherits the mask) stay on cpu 0, so that the producer never
    # runs on the processor's core.
    pin = ["taskset", "-c", "1"] if shutil.which("taskset") and (os.cpu_count() or 1) > 1 else []
    if pin:
        os.sched_setaffinity(0, {0})
    broker, work = start_broker(cleanup, "wirewatch-bench-")
    prefix = "bench"
    env = {
        **os.environ,
        "WIREWATCH_KAFKA_BOOTSTRAP": broker.bootstrap,
        "WIREWATCH_TOPIC_PREFIX": prefix,
        "WIREWATCH_PARTITIONS": str(args.partitions),
        "WIREWATCH_DATA_DIR": str(work / "data"),
        "WIREWATCH_PROCESSOR_METRICS_PORT": str(ready_port := free_port()),
        "WIREWATCH_LOG_LEVEL": "WARNING",
    }
    create_topics(env)
    # The processor's warnings (a rebalance, a full producer buffer, a slow commit) are kept, to be
    # set beside a slow minute.
    processor_log = ROOT / ".cache" / "bench" / "incidents-processor.log"
    processor = start_worker(
        cleanup, [*pin, sys.executable, "-m", "wirewatch.cli", "process"], env, log=processor_log
    )
    latencies: list[float] = []
    timed: list[tuple[float, float]] = []  # (article on Kafka, ms since the epoch; latency ms)
    updates = 0
    incidents: dict[str, set[str]] = {}  # incident id -> its report article ids (latest state)
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
                incident = data.get("incident") or {}
                if incident.get("id"):
                    incidents[incident["id"]] = {r["article_id"] for r in incident.get("reports", ())}
                seen = data.get("article_seen_at")
                if seen:
                    seen_ms = datetime.fromisoformat(seen).timestamp() * 1000
                    latencies.append(message.timestamp - seen_ms)
                    timed.append((seen_ms, message.timestamp - seen_ms))
                updates += 1
        consumer.close()

    reader = threading.Thread(target=read_updates, daemon=True)
    reader.start()
    load_before = os.getloadavg()[0]
    ready_after = wait_ready(processor, ready_port)  # joined its group, recovered its (empty) tables
    print(f"processor ready after {ready_after:.1f} s", flush=True)
    if args.neighbour:
        neighbour_core = ["taskset", "-c", "0"] if pin else []
        start_worker(cleanup, [*neighbour_core, sys.executable, "-c", "while True: pass"], env)
        print("a CPU-bound neighbour runs on cpu 0, beside the broker and the producer", flush=True)
    producer = KafkaProducer(bootstrap_servers=broker.bootstrap, linger_ms=5, acks=1)
    stream = Stream(args.rate, args.seconds, args.attack_share)
    topic = ARTICLES.full_name(prefix)
    peak = 0.0
    acked: list[tuple[float, float]] = []  # (sent, s until the broker acknowledged it)
    analysis_waits: list[tuple[float, float]] = []  # the processor's own figure every 10 s
    started = time.monotonic()
    produce_started_ms = time.time() * 1000
    sent = 0
    next_report = started + 10
    while (elapsed := time.monotonic() - started) < args.seconds:
        target = int(elapsed * args.rate)
        while sent < target:
            record = stream.article(elapsed)
            sent_at = time.time()
            future = producer.send(topic, key=key(record.id), value=encode(record))
            future.add_callback(lambda _meta, t=sent_at: acked.append((t, time.time() - t)))
            sent += 1
        peak = max(peak, rss_mb(processor.pid))
        if time.monotonic() >= next_report:
            next_report += 10
            analysis_waits.append(analysis_wait(ready_port))
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
    load_after = os.getloadavg()[0]
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
        "attack_events": len(stream.event_list),
        "incident_updates": updates,
        **joining(incidents, stream.reports),
        **latency_summary(latencies),
        # The same after the first minute: a processor that starts cold catches up for a while.
        "after_first_minute": latency_summary(
            [ms for seen, ms in timed if seen >= produce_started_ms + WARM_UP_S * 1000]
        ),
        "p99_ms_by_minute": by_minute(timed, produce_started_ms),
        "producer_ack_ms": latency_summary([d * 1000 for _, d in acked]),
        # article on Kafka to its attack report, mean per 10 s (the processor's
        # wirewatch_detection_latency_seconds{since="kafka"}): the analysis stage's share of the latency
        "analysis_stage_mean_ms_by_10s": mean_by_interval(analysis_waits),
        "producer_ack_p99_ms_by_minute": by_minute(
            [(t * 1000, d * 1000) for t, d in acked], produce_started_ms
        ),
        "peak_rss_mb": round(peak, 1),
        "pinned_to_one_core": bool(pin),
        "cpu_bound_neighbour": args.neighbour,
        "load_avg_1m_before": round(load_before, 2),
        "load_avg_1m_after": round(load_after, 2),
        "processor_warnings": len(warnings := log_warnings(processor_log)),
    }
    warm = result["after_first_minute"]
    print(
        f"after the first {WARM_UP_S} s: p50 {warm['p50_ms']} ms, p99 {warm['p99_ms']} ms, max {warm['max_ms']} ms"
    )
    print(f"p99 by minute (ms): {result['p99_ms_by_minute']}")
    print(f"processor log: {processor_log} ({len(warnings)} warning or error lines)")
    for line in warnings[:10]:
        print(f"  {line[:300]}")
    print(
        f"processor: {result['articles_per_s']} articles/s sustained ({sent} in {produced_for:.0f} s + "
        f"{drain:.0f} s drain, lag at end {remaining}); article→incident update p50 {result['p50_ms']} ms, "
        f"p99 {result['p99_ms']} ms; peak RSS {result['peak_rss_mb']} MB"
    )
    print(
        f"current attacks: {result['attack_events']} events, {result['event_reports']} reports sent, "
        f"{result['event_reports_in_incidents']} in incidents; {result['events_in_one_incident']} events in one "
        f"incident, {result['events_split']} split; {result['incidents']} incidents, "
        f"{result['incidents_mixing_events']} mixing events, {result['incidents_from_other_articles']} from other "
        f"articles; load average {result['load_avg_1m_before']} before, {result['load_avg_1m_after']} after"
    )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
