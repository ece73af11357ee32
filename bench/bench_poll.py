"""Poller throughput against a local feed farm, next to a naive feedparser loop (one core each).

    python bench/bench_poll.py [--feeds 10000] [--hosts 100] [--rounds 3] [--latency-ms 50]

The farm (bench/feedfarm.py) runs in its own process pinned to the second CPU; the poller and
then the baseline each run in a fresh child process pinned to the first CPU, so the CPU time
and peak RSS reported are theirs alone. The poller runs its real code path (``Poller.run``
with ``once=True``: fetch, conditional GET, parse, identity, state) and hands its output to an
in-memory sink that counts records and drops them (no Kafka). The first round fetches every
feed in full ("cold"); the refresh rounds are what the figures are about: about 80 % of feeds
answer 304 and 20 % gained an item. The baseline is a sequential loop of
``feedparser.parse(url, etag=..., modified=...)`` (primed once, then measured refresh rounds
over ``--baseline-feeds`` feeds), since it is too slow to run over all of them.

Both are measured twice against the same farm:
- **network-like** (the headline figures): every response waits as a publisher on the internet
  does, ``--latency-ms`` on average (0.4 to 1.6 times that, fixed per host; see feedfarm.py).
  This is what a poller meets in production; a sequential loop waits out every round trip.
- **loopback** (``loopback_*`` in the JSON): no wait at all, so both sides are bound by CPU
  and the ratio compares CPU per refresh only.
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


def set_latency(port: int, ms: float) -> None:
    """Tell the farm how long each response waits from now on."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/__latency?ms={ms}", timeout=10) as resp:
        resp.read()


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

    def one_round(r: int, scenario: str) -> dict[str, Any]:
        before, cpu0, wall0 = counters(), cpu_seconds(), time.perf_counter()
        asyncio.run(poller.run(once=True))
        wall, cpu = time.perf_counter() - wall0, cpu_seconds() - cpu0
        after = counters()
        delta = {k: after[k] - before[k] for k in after}
        return {
            "round": r,
            "scenario": scenario,
            "wall_s": wall,
            "cpu_s": cpu,
            **delta,
            "rss_mb": peak_rss_mb(),
        }

    set_latency(args.port, 0)
    rounds = [one_round(0, "cold")]
    rounds += [one_round(r, "loopback") for r in range(1, args.rounds + 1)]
    set_latency(args.port, args.latency_ms)
    rounds += [one_round(r, "network") for r in range(args.rounds + 1, 2 * args.rounds + 1)]
    set_latency(args.port, 0)
    return {"rounds": rounds, "peak_rss_mb": peak_rss_mb(), "feeds": args.feeds}


# -- the baseline, in a child process ----------------------------------------------------------


def run_baseline(args: argparse.Namespace) -> dict[str, Any]:
    import feedparser

    urls = feed_urls(args.port, args.baseline_feeds, args.hosts)
    etags: dict[str, Any] = {}
    modified: dict[str, Any] = {}

    def one_round(urls: list[str]) -> dict[str, float]:
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

    def measured(urls: list[str]) -> dict[str, float]:
        cpu0, wall0 = cpu_seconds(), time.perf_counter()
        result = one_round(urls)
        result.update(wall_s=time.perf_counter() - wall0, cpu_s=cpu_seconds() - cpu0, feeds=len(urls))
        return result

    set_latency(args.port, 0)
    prime = measured(urls)
    loopback = measured(urls)
    set_latency(args.port, args.latency_ms)
    network = measured(urls[: args.baseline_network_feeds])
    set_latency(args.port, 0)
    return {"prime": prime, "loopback": loopback, "network": network, "peak_rss_mb": peak_rss_mb()}


# -- the driver --------------------------------------------------------------------------------


def farm_stats(port: int) -> dict[str, int]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/__stats", timeout=10) as resp:
        return json.loads(resp.read())


def child(args: argparse.Namespace, role: str) -> tuple[dict[str, Any], dict[str, int]]:
    before = farm_stats(args.port)
    argv = [sys.executable, str(Path(__file__).resolve()), "--role", role]
    for name in (
        "feeds",
        "hosts",
        "rounds",
        "baseline_feeds",
        "baseline_network_feeds",
        "latency_ms",
        "concurrency",
        "per_host",
        "port",
    ):
        argv += [f"--{name.replace('_', '-')}", str(getattr(args, name))]
    out = subprocess.run(argv, check=True, capture_output=True, text=True)
    after = farm_stats(args.port)
    return json.loads(out.stdout.strip().splitlines()[-1]), {k: after[k] - before[k] for k in after}


def poller_summary(rounds: list[dict[str, Any]]) -> dict[str, float]:
    """Figures over a scenario's refresh rounds, printing one line per round."""
    for r in rounds:
        total = r["ok"] + r["not_modified"] + r["error"]
        print(
            f"  round {r['round']} ({r['scenario']}): {total:.0f} refreshes in {r['wall_s']:.2f} s "
            f"= {total / r['wall_s']:.0f}/s; CPU {r['cpu_s']:.2f} s; {r['ok']:.0f} changed, "
            f"{r['not_modified']:.0f} not modified, {r['error']:.0f} errors; {r['articles']:.0f} new articles; "
            f"{r['bytes'] / 1e6:.2f} MB"
        )
    n = sum(r["ok"] + r["not_modified"] + r["error"] for r in rounds)
    return {
        "n": n,
        "rate": n / sum(r["wall_s"] for r in rounds),
        "cpu_per_1000": sum(r["cpu_s"] for r in rounds) / n * 1000,
        "not_modified": sum(r["not_modified"] for r in rounds) / n,
        "changed": sum(r["ok"] for r in rounds),
        "errors": sum(r["error"] for r in rounds),
        "bytes_per_refresh": sum(r["bytes"] for r in rounds) / n,
    }


def baseline_summary(label: str, b: dict[str, Any]) -> dict[str, float]:
    n = b["ok"] + b["not_modified"] + b["error"]
    figures = {"rate": n / b["wall_s"], "cpu_per_1000": b["cpu_s"] / n * 1000, "errors": b["error"]}
    print(
        f"baseline, {label} ({b['feeds']} feeds, one refresh round): {figures['rate']:.1f} refreshes/s, "
        f"{figures['cpu_per_1000']:.2f} CPU s per 1,000, {b['not_modified'] / n:.0%} not modified, "
        f"errors {b['error']}"
    )
    return figures


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--feeds", type=int, default=10000)
    parser.add_argument("--hosts", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3, help="refresh rounds per scenario")
    parser.add_argument("--latency-ms", type=float, default=50.0, help="mean response wait, network-like")
    parser.add_argument("--baseline-feeds", type=int, default=1000)
    parser.add_argument(
        "--baseline-network-feeds", type=int, default=300, help="feeds the baseline refreshes with the wait"
    )
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
            f"{' (CPU 1)' if two_cpus else ''}; poller and baseline on CPU 0; network-like wait "
            f"{args.latency_ms:.0f} ms on average ({0.4 * args.latency_ms:.0f} to {1.6 * args.latency_ms:.0f} ms by host)",
            flush=True,
        )

        poller, poller_farm = child(args, "poller")
        cold = poller["rounds"][0]
        cold_n = cold["ok"] + cold["not_modified"]
        print(
            f"poller cold round: {cold_n:.0f} feeds in {cold['wall_s']:.1f} s "
            f"({cold_n / cold['wall_s']:.0f}/s, {cold['cpu_s']:.1f} CPU s), "
            f"{cold['articles']:.0f} articles, {cold['bytes'] / 1e6:.1f} MB on the wire"
        )
        figures = {}
        for scenario in ("loopback", "network"):
            print(f"poller, {scenario}:")
            figures[scenario] = f = poller_summary([r for r in poller["rounds"] if r["scenario"] == scenario])
            print(
                f"poller, {scenario}: {f['rate']:.0f} refreshes/s, {f['cpu_per_1000']:.2f} CPU s per 1,000 "
                f"refreshes, {f['bytes_per_refresh'] / 1024:.1f} KiB/refresh on the wire "
                f"({f['not_modified']:.0%} not modified), errors {f['errors']:.0f}"
            )
        print(f"poller peak RSS {poller['peak_rss_mb']:.0f} MB; farm saw: {poller_farm}")

        baseline, baseline_farm = child(args, "baseline")
        base = {s: baseline_summary(s, baseline[s]) for s in ("loopback", "network")}
        print(f"baseline peak RSS {baseline['peak_rss_mb']:.0f} MB; farm saw: {baseline_farm}")

        net, loop = figures["network"], figures["loopback"]
        for scenario in ("network", "loopback"):
            print(
                f"ratio, {scenario}: {figures[scenario]['rate'] / base[scenario]['rate']:.1f}x "
                f"({figures[scenario]['rate']:.0f} vs {base[scenario]['rate']:.1f} refreshes/s)"
            )
        result = {
            "refreshes_per_s": round(net["rate"], 1),
            "baseline_refreshes_per_s": round(base["network"]["rate"], 1),
            "ratio": round(net["rate"] / base["network"]["rate"], 1),
            "cpu_s_per_1000": round(net["cpu_per_1000"], 3),
            "baseline_cpu_s_per_1000": round(base["network"]["cpu_per_1000"], 3),
            "peak_rss_mb": round(poller["peak_rss_mb"], 1),
            "baseline_peak_rss_mb": round(baseline["peak_rss_mb"], 1),
            "latency_ms": args.latency_ms,
            "loopback_refreshes_per_s": round(loop["rate"], 1),
            "loopback_baseline_refreshes_per_s": round(base["loopback"]["rate"], 1),
            "loopback_ratio": round(loop["rate"] / base["loopback"]["rate"], 1),
            "loopback_cpu_s_per_1000": round(loop["cpu_per_1000"], 3),
            "loopback_baseline_cpu_s_per_1000": round(base["loopback"]["cpu_per_1000"], 3),
            "bytes_per_refresh": round(net["bytes_per_refresh"]),
            "not_modified_share": round(net["not_modified"], 3),
            "errors": net["errors"] + loop["errors"],
            "feeds": args.feeds,
            "refreshes": net["n"] + loop["n"],
            "cold_feeds_per_s": round(cold_n / cold["wall_s"], 1),
            "sink": "in-memory counting sink (no Kafka)",
        }
        print(json.dumps(result))
    finally:
        farm.terminate()
        farm.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
