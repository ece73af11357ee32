"""Real news corpora for `make eval-stream`, fetched into the git-ignored `.cache/corpora/`.

    python tools/corpora.py saudinewsnet   # 31,030 Arabic articles, 2015 (CC BY-NC-SA 4.0)
    python tools/corpora.py reuters21578   # 19,043 English Reuters wires, 1987 (research use only)
    python tools/corpora.py fakes          # 792 English articles on the Syrian war, 2011-2018 (CC BY 4.0)
    python tools/corpora.py english        # both, and english-stream.jsonl: Reuters, then FA-KES

Their texts are not ours: they are kept in the cache, never committed, and used to measure what
wirewatch flags on news nobody on the team wrote. Each corpus is written as the input of
`wirewatch analyze` (JSON Lines: id, url, outlet, title, text, published, lang).

- SaudiNewsNet (github.com/parallelfold/SaudiNewsNet), CC BY-NC-SA 4.0. An article id is
  `<day>-<source>-<index>` (the index counts from 0 in that day's file of the corpus).
- Reuters-21578, Distribution 1.0 (the SGML files of github.com/wuodar/reuters_text_classification):
  the copyright is Reuters Ltd.'s, and Reuters and Carnegie Group allow its free distribution for
  research purposes only; publications must name it "Reuters-21578, Distribution 1.0". Only the
  documents with a title and a body are kept; the id is `reuters21578-<NEWID>`.
- FA-KES, a fake news dataset around the Syrian war (Abu Salem et al., ICWSM 2019), CC BY 4.0
  (zenodo.org/record/2607278), as `input/fakes.csv` of github.com/fakenewssyria/fake_news_detection.
  The id is `fakes-<unit_id>`; a unit_id repeated (one row per event annotated in the article) is
  written once, from its first row. The file has only a day: the publication time is 12:00 UTC that day.

The files are fetched from raw.githubusercontent.com and cached in `raw/` beside the corpus (the
two English corpora share `english/`). Where GitHub cannot be reached, WIREWATCH_CORPORA_MIRROR=DIR
reads the corpora's files from bare git mirrors instead, `DIR/<owner>+<repo>/repo` (at HEAD).
"""

from __future__ import annotations

import argparse
import csv
import html
import io
import json
import os
import re
import subprocess
import sys
import urllib.request
import zipfile
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "corpora"

SAUDINEWSNET = ("parallelfold/SaudiNewsNet", "master")
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
            archive = io.BytesIO(github_file(SAUDINEWSNET, f"dataset/{day}.zip", raw))
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


REUTERS = ("wuodar/reuters_text_classification", "main")
REUTERS_FILES = [f"data/reut2-{n:03d}.sgm" for n in range(22)]
FAKES = ("fakenewssyria/fake_news_detection", "master")
FAKES_FILE = "input/fakes.csv"


def github_file(repo: tuple[str, str], path: str, raw: Path) -> bytes:
    """A file of a GitHub repository (owner/name, branch), cached in `raw`; see WIREWATCH_CORPORA_MIRROR."""
    cached = raw / Path(path).name
    if cached.exists():
        return cached.read_bytes()
    name, branch = repo
    url = f"https://raw.githubusercontent.com/{name}/{branch}/{path}"
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            data: bytes = response.read()
    except OSError as exc:
        mirror = os.environ.get("WIREWATCH_CORPORA_MIRROR")
        if not mirror:
            raise
        git = Path(mirror) / name.replace("/", "+") / "repo"
        shown = subprocess.run(
            ["git", "-C", str(git), "show", f"HEAD:{path}"], capture_output=True, check=False
        )
        if shown.returncode:
            raise OSError(f"{url}: {exc}; mirror {git}: {shown.stderr.decode().strip()}") from None
        data = shown.stdout
    raw.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(data)
    return data


def write_jsonl(out: Path, rows: Iterable[dict[str, str]]) -> int:
    count = 0
    with out.open("w", encoding="utf-8") as sink:
        for row in rows:
            sink.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


def _sgml_text(value: str) -> str:
    """Text of an SGML element: entities resolved, the wire's control characters (&#3; ...) removed."""
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", html.unescape(value)).strip()


def reuters21578(out: Path) -> int:
    """Reuters-21578: 22 SGML files of 1,000 <REUTERS> documents (the last of 578).

    <DATE> is like `26-FEB-1987 15:01:01.79`, sometimes with spaces or notes around; it is taken as UTC.
    A time that is no time (NEWID 17192: `31-MAR-1987 605:12:19.12`) leaves the day at 00:00.
    The files are ASCII but for one stray byte, read as Latin-1.
    """

    def rows() -> Iterable[dict[str, str]]:
        for path in REUTERS_FILES:
            sgml = github_file(REUTERS, path, out.parent / "raw").decode("latin-1")
            for newid, doc in re.findall(r'<REUTERS [^>]*\bNEWID="(\d+)"[^>]*>(.*?)</REUTERS>', sgml, re.S):
                title, body = (re.search(rf"<{tag}>(.*?)</{tag}>", doc, re.S) for tag in ("TITLE", "BODY"))
                if not (title and body and _sgml_text(title[1]) and _sgml_text(body[1])):
                    continue
                when = re.search(r"<DATE>\s*(\d{1,2}-[A-Z]{3}-\d{4})\s+(\d\d:\d\d:\d\d\.\d+)?", doc)
                if when is None:
                    raise ValueError(f"Reuters-21578 NEWID {newid}: no date")
                day, time = when.groups()
                stamp = f"{day} {time or '00:00:00.0'}"
                published = datetime.strptime(stamp, "%d-%b-%Y %H:%M:%S.%f").replace(tzinfo=UTC)
                yield {
                    "id": f"reuters21578-{newid}",
                    "url": "",
                    "outlet": "Reuters",
                    "title": _sgml_text(title[1]),
                    "text": _sgml_text(body[1]),
                    "published": published.isoformat(),
                    "lang": "en",
                }

    return write_jsonl(out, rows())


def fakes(out: Path) -> int:
    """FA-KES: one CSV row per article and event annotated in it (unit_id repeats), dates as M/D/YY.

    The CSV is UTF-8 but for some characters its makers lost (curly quotes, dashes, ©, Turkish
    letters), left as the bytes 95 5F, 95 81 or 95 B5: each becomes U+FFFD.
    """
    data = re.sub(rb"\x95[_\x81\xb5]", "\ufffd".encode(), github_file(FAKES, FAKES_FILE, out.parent / "raw"))
    articles: dict[str, dict[str, str]] = {}
    for r in csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")):
        row = {
            "id": f"fakes-{r['unit_id']}",
            "url": "",
            "outlet": r["source"],
            "title": r["article_title"].strip(),
            "text": r["article_content"].strip(),
            "published": datetime.strptime(r["date"], "%m/%d/%y").replace(hour=12, tzinfo=UTC).isoformat(),
            "lang": "en",
        }
        first = articles.setdefault(row["id"], row)
        if first != row:
            print(f"corpora: {row['id']} repeated with other fields; the first row is kept", file=sys.stderr)
    return write_jsonl(out, articles.values())


CORPORA = {"saudinewsnet": saudinewsnet, "reuters21578": reuters21578, "fakes": fakes}
ENGLISH = ["reuters21578", "fakes"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", choices=[*CORPORA, "english"])
    args = parser.parse_args(argv)
    outs = []
    for name in ENGLISH if args.corpus == "english" else [args.corpus]:
        out = CACHE / ("english" if name in ENGLISH else name) / f"{name}.jsonl"
        out.parent.mkdir(parents=True, exist_ok=True)
        try:
            count = CORPORA[name](out)
        except OSError as exc:
            print(f"corpora: could not fetch {name}: {exc}", file=sys.stderr)
            return 2
        print(f"{count} articles in {out}")
        outs.append(out)
    if args.corpus == "english":
        stream = CACHE / "english" / "english-stream.jsonl"
        stream.write_bytes(b"".join(out.read_bytes() for out in outs))
        print(f"{sum(1 for _ in stream.open('rb'))} articles in {stream}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
