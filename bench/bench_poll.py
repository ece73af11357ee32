"""Poller throughput against a local feed farm, next to a naive feedparser loop (one core each).

    python bench/bench_poll.py [--feeds 10000] [--hosts 100] [--rounds 3] [--baseline-feeds 1000]

The farm (bench/feedfarm.py) runs in its own process pinned to the second CPU; the poller and
then the baseline each run in a fresh child process pinned to the first CPU, so the CPU time
and peak RSS reported are theirs alone. The poller runs its real code path (``Poller.run``
with ``once=True``: fetch, conditional GET, parse, identity, state) and hands its output to an
in-memory sink that counts records and drops them (no Kafka). The first round fetches every
feed in full ("cold"); the refresh rounds are what the figures are about: about 80 % of feeds
answer 304 and 20 % gained an item. The baseline is a sequential loop of
``feedparser.parse(url, etag=..., modified=...)`` over ``--baseline-feeds`` feeds (primed once,
then one measured refresh round), since it is too slow to run over all of them.
The last line is JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pin(cpu: int) -> None:
    if hasattr(os, "sched_setaffinity") and cpu in os.sched_getaffinity(0):
        os.sched_setaffinity(0, {cpu})


def feed_urls(port: int, feeds: int, hosts: int) -> list[str]:
    return [f"http://127.0.0.{1 + i % hosts}:{port}/feed/{i}.xml" for i in range(feeds)]


# -- the poller, in a child process ------------------------------------------------------------


class CountingSink:
    """Counts what would go to Kafka and keeps nothing (so memory is the poller's own)."""

    def __init__(self) -> None:
        self.articles = 0
        self.states = 0

    async def publish(self, articles: list[Any], events: list[Any], state: Any) -> bool:
        self.articles += len(articles)
        self.states += state is not None
        return True


def run_poller(args: argparse.Namespace) -> dict[str, Any]:
    from wirewatch.config import load_settings
    from wirewatch.feedlist import Feed
    from wirewatch.metrics import Metrics
    from wirewatch.poller.assignment import StaticFeeds
    from wirewatch.poller.loop import Poller

    settings = load_settings(
        fetch_concurrency=args.concurrency,
        fetch_per_host=args.per_host,
        fetch_host_rate=10000,
        fetch_allow_private=True,
        fetch_timeout=120,
        fetch_read_timeout=60,
        poller_metrics_port=0,
    )
    feeds = [Feed(url=u, allow_private=True) for u in feed_urls(args.port, args.feeds, args.hosts)]
    metrics = Metrics.create()
    sink = CountingSink()
    poller = Poller(settings, StaticFeeds(feeds), metrics, sink)

    def sample(name: str, **labels: str) -> float:
        return metrics.registry.get_sample_value(name, labels) or 0.0

    def counters() -> dict[str, float]:
        return {
            "ok": sample("wirewatch_feed_fetches_total", outcome="ok"),
            "not_modified": sample("wirewatch_feed_fetches_total", outcome="not_modified"),
            "error": sample("wirewatch_feed_fetches_total", outcome="error"),
            "bytes": sample("wirewatch_feed_bytes_total", kind="feed"),
            "articles": float(sink.articles),
        }

    rounds = []
    for r in range(args.rounds + 1):
        before, cpu0, wall0 = counters(), cpu_seconds(), time.perf_counter()
        asyncio.run(poller.run(once=True))
        wall, cpu = time.perf_counter() - wall0, cpu_seconds() - cpu0
        after = counters()
        delta = {k: after[k] - before[k] for k in after}
        rounds.append({"round": r, "wall_s": wall, "cpu_s": cpu, **delta, "rss_mb": peak_rss_mb()})
    return {"rounds": rounds, "peak_rss_mb": peak_rss_mb(), "feeds": args.feeds}


# -- the baseline, in a child process ----------------------------------------------------------


def run_baseline(args: argparse.Namespace) -> dict[str, Any]:
    import feedparser

    urls = feed_urls(args.port, args.baseline_feeds, args.hosts)
    etags: dict[str, Any] = {}
    modified: dict[str, Any] = {}

    def one_round() -> dict[str, float]:
        statuses = {"ok": 0, "not_modified": 0, "error": 0, "entries": 0}
        for url in urls:
            d = feedparser.parse(url, etag=etags.get(url), modified=modified.get(url))
            status = d.get("status")
            if status == 304:
                statuses["not_modified"] += 1
            elif status == 200 and d.entries:
                statuses["ok"] += 1
                statuses["entries"] += len(d.entries)
            else:
                statuses["error"] += 1
            if d.get("etag"):
                etags[url] = d.etag
            if d.get("modified"):
                modified[url] = d.modified
        return statuses

    cpu0, wall0 = cpu_seconds(), time.perf_counter()
    prime = one_round()
    prime.update(wall_s=time.perf_counter() - wall0, cpu_s=cpu_seconds() - cpu0)
    cpu0, wall0 = cpu_seconds(), time.perf_counter()
    refresh = one_round()
    refresh.update(wall_s=time.perf_counter() - wall0, cpu_s=cpu_seconds() - cpu0)
    return {"prime": prime, "refresh": refresh, "peak_rss_mb": peak_rss_mb(), "feeds": len(urls)}


# -- the driver --------------------------------------------------------------------------------


def farm_stats(port: int) -> dict[str, int]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/__stats", timeout=10) as resp:
        return json.loads(resp.read())


def child(args: argparse.Namespace, role: str) -> tuple[dict[str, Any], dict[str, int]]:
    before = farm_stats(args.port)
    argv = [sys.executable, str(Path(__file__).resolve()), "--role", role]
    for name in ("feeds", "hosts", "rounds", "baseline_feeds", "concurrency", "per_host", "port"):
        argv += [f"--{name.replace('_', '-')}", str(getattr(args, name))]
    out = subprocess.run(argv, check=True, capture_output=True, text=True)
    after = farm_stats(args.port)
    return json.loads(out.stdout.strip().splitlines()[-1]), {k: after[k] - before[k] for k in after}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--feeds", type=int, default=10000)
    parser.add_argument("--hosts", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3, help="refresh rounds after the cold one")
    parser.add_argument("--baseline-feeds", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--per-host", type=int, default=8)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--role", choices=["driver", "poller", "baseline"], default="driver")
    args = parser.parse_args()

    if args.role != "driver":
        pin(0)
        result = run_poller(args) if args.role == "poller" else run_baseline(args)
        print(json.dumps(result))
        return 0

    two_cpus = hasattr(os, "sched_getaffinity") and len(os.sched_getaffinity(0)) >= 2
    farm_cmd = [
        sys.executable,
        str(HERE / "feedfarm.py"),
        "--feeds",
        str(args.feeds),
        "--hosts",
        str(args.hosts),
    ]
    if two_cpus:
        farm_cmd += ["--cpu", "1"]
    farm = subprocess.Popen(farm_cmd, stdout=subprocess.PIPE, text=True)
    try:
        assert farm.stdout is not None
        line = farm.stdout.readline().strip()
        if not line.startswith("ready "):
            raise SystemExit(f"feed farm did not start: {line!r}")
        args.port = int(line.split()[1])
        print(
            f"feed farm: {args.feeds} feeds on {args.hosts} loopback hosts, port {args.port}"
            f"{' (CPU 1)' if two_cpus else ''}; poller and baseline on CPU 0",
            flush=True,
        )

        poller, poller_farm = child(args, "poller")
        cold, refreshes = poller["rounds"][0], poller["rounds"][1:]
        n = sum(r["ok"] + r["not_modified"] + r["error"] for r in refreshes)
        wall = sum(r["wall_s"] for r in refreshes)
        cpu = sum(r["cpu_s"] for r in refreshes)
        ok = sum(r["ok"] for r in refreshes)
        nm = sum(r["not_modified"] for r in refreshes)
        errors = sum(r["error"] for r in refreshes)
        body_bytes = sum(r["bytes"] for r in refreshes)
        rate = n / wall
        print(
            f"poller cold round: {cold['ok'] + cold['not_modified']:.0f} feeds in {cold['wall_s']:.1f} s "
            f"({(cold['ok'] + cold['not_modified']) / cold['wall_s']:.0f}/s, {cold['cpu_s']:.1f} CPU s), "
            f"{cold['articles']:.0f} articles, {cold['bytes'] / 1e6:.1f} MB on the wire"
        )
        for r in refreshes:
            total = r["ok"] + r["not_modified"] + r["error"]
            print(
                f"poller refresh round {r['round']}: {total:.0f} refreshes in {r['wall_s']:.2f} s "
                f"= {total / r['wall_s']:.0f}/s; CPU {r['cpu_s']:.2f} s; {r['ok']:.0f} changed, "
                f"{r['not_modified']:.0f} not modified, {r['error']:.0f} errors; {r['articles']:.0f} new articles; "
                f"{r['bytes'] / 1e6:.2f} MB"
            )
        print(
            f"poller: {rate:.0f} refreshes/s, {cpu / n * 1000:.2f} CPU s per 1,000 refreshes, "
            f"peak RSS {poller['peak_rss_mb']:.0f} MB, {body_bytes / n / 1024:.1f} KiB/refresh on the wire "
            f"({nm / n:.0%} not modified), errors {errors:.0f}"
        )
        print(f"farm saw for the poller: {poller_farm}")

        baseline, baseline_farm = child(args, "baseline")
        b = baseline["refresh"]
        b_n = b["ok"] + b["not_modified"] + b["error"]
        b_rate = b_n / b["wall_s"]
        print(
            f"baseline (feedparser.parse(url, etag, modified), sequential, {baseline['feeds']} feeds): "
            f"{b_rate:.0f} refreshes/s, {b['cpu_s'] / b_n * 1000:.2f} CPU s per 1,000, "
            f"peak RSS {baseline['peak_rss_mb']:.0f} MB, {b['not_modified'] / b_n:.0%} not modified, "
            f"errors {b['error']}"
        )
        print(f"farm saw for the baseline (prime + refresh): {baseline_farm}")
        result = {
            "refreshes_per_s": round(rate, 1),
            "baseline_refreshes_per_s": round(b_rate, 1),
            "ratio": round(rate / b_rate, 1),
            "cpu_s_per_1000": round(cpu / n * 1000, 3),
            "baseline_cpu_s_per_1000": round(b["cpu_s"] / b_n * 1000, 3),
            "peak_rss_mb": round(poller["peak_rss_mb"], 1),
            "baseline_peak_rss_mb": round(baseline["peak_rss_mb"], 1),
            "bytes_per_refresh": round(body_bytes / n),
            "not_modified_share": round(nm / n, 3),
            "changed": ok,
            "errors": errors,
            "feeds": args.feeds,
            "refreshes": n,
            "cold_feeds_per_s": round((cold["ok"] + cold["not_modified"]) / cold["wall_s"], 1),
            "sink": "in-memory counting sink (no Kafka)",
        }
        print(json.dumps(result))
    finally:
        farm.terminate()
        farm.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
