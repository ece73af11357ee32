"""Real news corpora for `make eval-stream`, fetched into the git-ignored `.cache/corpora/`.

    python tools/corpora.py saudinewsnet      # 31,030 Arabic articles, 2015 (CC BY-NC-SA 4.0)

Their texts are not ours: they are kept in the cache, never committed, and used to measure what
wirewatch flags on news nobody on the team wrote. Each corpus is written as the input of
`wirewatch analyze` (JSON Lines: id, url, outlet, title, text, published, lang). An article id is
`<day>-<source>-<index>` (the index counts from 0 in that day's file of the corpus).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "corpora"

SAUDINEWSNET = "https://raw.githubusercontent.com/parallelfold/SaudiNewsNet/master/dataset/{day}.zip"
SAUDINEWSNET_DAYS = (
    "2015-07-21 2015-07-22 2015-07-23 2015-07-24 2015-07-25 2015-07-26 2015-07-27 2015-07-31 "
    "2015-08-01 2015-08-02 2015-08-03 2015-08-04 2015-08-06 2015-08-07 2015-08-08 2015-08-09 "
    "2015-08-10 2015-08-11"
).split()


def saudinewsnet(out: Path) -> int:
    """SaudiNewsNet (parallelfold/SaudiNewsNet): one zip of one JSON list per crawl day.

    `date_extracted` is the crawl time in Saudi time (UTC+3); it is used as the publication time.
    """
    raw = out.parent / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    count = 0
    with out.open("w", encoding="utf-8") as sink:
        for day in SAUDINEWSNET_DAYS:
            archive = raw / f"{day}.zip"
            if not archive.exists():
                with urllib.request.urlopen(SAUDINEWSNET.format(day=day), timeout=60) as response:  # noqa: S310
                    archive.write_bytes(response.read())
            with zipfile.ZipFile(archive) as z, z.open(f"{day}.json") as handle:
                articles = json.load(io.TextIOWrapper(handle, encoding="utf-8"))
            for index, a in enumerate(articles):
                row = {
                    "id": f"{day}-{a['source']}-{index:04d}",
                    "url": a["url"],
                    "outlet": a["source"],
                    "title": a["title"],
                    "text": a["content"],
                    "published": a["date_extracted"].replace(" ", "T") + "+03:00",
                    "lang": "ar",
                }
                sink.write(json.dumps(row, ensure_ascii=False) + "\n")
                count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", choices=["saudinewsnet"])
    args = parser.parse_args(argv)
    out = CACHE / args.corpus / f"{args.corpus}.jsonl"
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        count = saudinewsnet(out)
    except OSError as exc:
        print(f"corpora: could not fetch {args.corpus}: {exc}", file=sys.stderr)
        return 2
    print(f"{count} articles in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
