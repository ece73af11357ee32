"""Throughput, start-up time and memory of the full article analysis (one process, one core).

    python bench/bench_analyze.py [--articles 4000] [--seed 7]

Articles come from ``bench/newsgen.py``: Arabic and English news with the length of real news
(median about 1,250 characters of title and text, mean about 1,750, a tail to 20,000), about 10 %
of them with an attack word and about 3 % current attack reports. They go through the
``wirewatch analyze`` input contract (``article_from_dict``) before the clock starts. The last
line is JSON: throughput, start-up, peak RSS, the lengths of what ran and the load average of the
machine when the run began (it is shared: say what else ran).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time

from newsgen import NewsGen
from newsstats import length_summary


def startup_seconds() -> float:
    """Time for a fresh interpreter to import wirewatch and build the analyzer (median of 3)."""
    code = (
        "import time; t=time.perf_counter(); from wirewatch.core.analysis import Analyzer; "
        "a=Analyzer.create(); a.analyze(__import__('wirewatch.core.detect', fromlist=['Article'])"
        ".Article('x','t','x')); print(time.perf_counter()-t)"
    )
    runs = sorted(float(subprocess.check_output([sys.executable, "-c", code], text=True)) for _ in range(3))
    return runs[1]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    from wirewatch.commands.articles import article_from_dict
    from wirewatch.core.analysis import Analyzer

    load_before = os.getloadavg()[0]
    analyzer = Analyzer.create()
    generated = NewsGen(args.seed).articles(args.articles)
    articles = [article_from_dict(a) for a in generated]
    lengths = [len(a.title) + len(a.text) for a in articles]
    arabic = sum(1 for a in articles if a.lang == "ar")
    del generated
    for a in articles[:50]:
        analyzer.analyze(a)  # warm caches
    cpu0 = time.process_time()
    wall0 = time.perf_counter()
    attacks = sum(1 for a in articles if analyzer.analyze(a).attack)
    wall = time.perf_counter() - wall0
    cpu = time.process_time() - cpu0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    length = length_summary(lengths)
    result = {
        "articles": len(articles),
        "generator": f"newsgen seed {args.seed}",
        "arabic_share": round(arabic / len(articles), 3),
        "mean_chars": length["mean"],
        "length": length,
        "attack_articles": attacks,
        "articles_per_s": round(len(articles) / wall, 1),
        "cpu_articles_per_s": round(len(articles) / cpu, 1),
        "startup_s": round(startup_seconds(), 3),
        "peak_rss_mb": round(peak_mb, 1),
        "load_avg_1m_before": round(load_before, 2),
    }
    print(
        f"analyzed {len(articles)} articles (title+text median {length['median']}, mean {length['mean']}, "
        f"p90 {length['p90']}, p99 {length['p99']}, max {length['max']} chars; {result['arabic_share']:.0%} Arabic; "
        f"{attacks} flagged as current attacks)"
    )
    print(
        f"in {wall:.2f} s ({result['articles_per_s']}/s wall, {result['cpu_articles_per_s']}/s CPU); "
        f"start-up {result['startup_s']} s; peak RSS {result['peak_rss_mb']} MB; "
        f"load average before the run {result['load_avg_1m_before']}"
    )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
