"""Replay speed: articles/s through ``wirewatch replay`` against ``analyze`` on the same text.

    python bench/bench_replay.py [--articles 20000] [--seed 11]

A fresh local broker takes the realistic generator's articles (``bench/newsgen.py``) on
``articles.v1``, stamped over the day before the run. Then, in this process and one after the
other, the same articles go

- through ``analyze``'s path: ``core.analysis.analyze_window`` in windows of 2,000, from Article
  objects already in memory (no JSON, no output);
- through ``replay``'s path: read back by time from the broker, decoded, analyzed, grouped into
  incidents and given alert decisions (``wirewatch.replay.arrivals`` into ``core.replay``).

The issue's target: replay at least 80 % of analyze. 20,000 articles by default, a few hours of
a large feed list: replay's fixed costs (finding the window's offsets, the first fetch) weigh on
a short run (6,000 gave ratios of 0.80 to 0.88). The last line is JSON.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from datetime import UTC, datetime, timedelta
from itertools import islice

from common import start_broker
from kafka import KafkaProducer
from newsgen import NewsGen

from wirewatch.commands.articles import article_from_dict
from wirewatch.commands.offline import ANALYZE_WINDOW
from wirewatch.config import load_settings
from wirewatch.core.analysis import Analyzer, IncidentBook, analyze_window
from wirewatch.core.incidents import IncidentRules
from wirewatch.progress import Progress
from wirewatch.replay import Window, arrivals, no_routing, replay_window
from wirewatch.topics import ARTICLES
from wirewatch.topics.admin import ensure_topics
from wirewatch.topics.codec import encode, key
from wirewatch.topics.records import ArticleRecord


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    with contextlib.ExitStack() as cleanup:
        broker, _ = start_broker(cleanup, "wirewatch-bench-replay-")
        settings = load_settings(kafka_bootstrap=broker.bootstrap, topic_prefix="bench", partitions=3)
        ensure_topics(settings)
        end = datetime.now(UTC).replace(microsecond=0)
        start = end - timedelta(days=1)
        generated = NewsGen(args.seed).articles(args.articles)
        step = timedelta(days=1) / (len(generated) + 1)
        producer = KafkaProducer(bootstrap_servers=broker.bootstrap, acks="all", linger_ms=20)
        topic = ARTICLES.full_name("bench")
        for n, item in enumerate(generated):
            when = start + step * (n + 1)
            record = ArticleRecord(
                id=item["id"],
                url=item["url"],
                feed_url="https://bench.example/rss",
                outlet=item["outlet"],
                title=item["title"],
                text=item["text"],
                published=datetime.fromisoformat(item["published"]),
                fetched_at=when,
                lang=item["lang"],
            )
            producer.send(
                topic, key=key(record.id), value=encode(record), timestamp_ms=int(when.timestamp() * 1000)
            )
        producer.flush()
        producer.close()
        articles = [article_from_dict(a) for a in generated]
        analyzer = Analyzer.create()
        for a in articles[:50]:
            analyzer.analyze(a)  # warm caches, as bench_analyze does

        load = os.getloadavg()[0]
        t0 = time.perf_counter()
        book = IncidentBook(IncidentRules())
        rows = iter(articles)
        analyzed = 0
        while window := list(islice(rows, ANALYZE_WINDOW)):
            analyzed += len(analyze_window(window, analyzer, book))
        analyze_s = time.perf_counter() - t0

        bad: list[str] = []
        t1 = time.perf_counter()
        with Progress("replay", len(articles), sys.stderr) as progress:
            outcome = replay_window(
                arrivals(settings, Window(start, end), progress, bad), analyzer, IncidentRules(), no_routing()
            )
        replay_s = time.perf_counter() - t1

    analyze_rate = analyzed / analyze_s
    replay_rate = outcome.articles / replay_s
    print(f"analyze: {analyzed} articles in {analyze_s:.2f} s = {analyze_rate:,.0f} articles/s")
    print(
        f"replay:  {outcome.articles} articles in {replay_s:.2f} s = {replay_rate:,.0f} articles/s "
        f"({outcome.attacks} attacks, {len(outcome.incidents)} incidents, {len(bad)} malformed)"
    )
    ratio = replay_rate / analyze_rate
    print(f"replay / analyze = {ratio:.2f} (target >= 0.80); load average at start {load:.2f}")
    print(
        json.dumps(
            {
                "articles": analyzed,
                "replayed": outcome.articles,
                "analyze_per_s": round(analyze_rate),
                "replay_per_s": round(replay_rate),
                "ratio": round(ratio, 3),
                "load_avg_1m": load,
            }
        )
    )
    return 0 if outcome.articles == analyzed else 1


if __name__ == "__main__":
    sys.exit(main())
