"""`make eval-stream CORPUS=FILE`: what wirewatch flags on a real news stream, and samples to read.

    python tests/eval/eval_stream.py CORPUS.jsonl [--watchlist FILE] [--seed N] [--sample 100]
                                     [--review FILE]

CORPUS is the input of `wirewatch analyze` (JSON Lines). It prints volumes per 10,000 articles
(attack reports, by type, by watch entry) and writes a review file with reproducible random
samples: articles flagged as attacks, articles with watch hits, and articles NOT flagged that
contain strong attack phrases, each with its `explain` reasons, for a person to read and label.
The seed is printed; give it again to get the same samples. Real corpora stay in the git-ignored
`.cache/` (their texts are not ours to commit).
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from wirewatch.alerts.watchlist import analyzer_for  # noqa: E402
from wirewatch.commands.articles import article_from_dict  # noqa: E402
from wirewatch.core.analysis import analyze_batch  # noqa: E402
from wirewatch.core.incidents import reported  # noqa: E402
from wirewatch.core.text import normalize  # noqa: E402
from wirewatch.explain import explain  # noqa: E402
from wirewatch.progress import Progress  # noqa: E402

# Phrases that say, in so many words, that an attack with victims or damage happened. Kept apart
# from the detector's own term tables, so that the "missed" sample does not move with them.
_STRONG = [
    normalize(p)
    for p in (
        "انفجار عبوة",
        "عبوة ناسفة",
        "سيارة مفخخة",
        "تفجير انتحاري",
        "انتحاري",
        "حزام ناسف",
        "غارة جوية",
        "غارات جوية",
        "سقوط صاروخ",
        "سقوط قذائف",
        "قذائف هاون",
        "قذيفة هاون",
        "طائرة مسيرة",
        "هجوم مسلح",
        "مسلحون",
        "اطلاق نار",
        "suicide bomb",
        "car bomb",
        "roadside bomb",
        "airstrike",
        "air strike",
        "rocket attack",
        "rockets hit",
        "mortar",
        "drone strike",
        "drone attack",
        "gunmen",
        "opened fire",
        "explosive device",
    )
]
_HARM = [
    normalize(p)
    for p in (
        "مقتل",
        "قتلى",
        "قتل",
        "اصابة",
        "جرحى",
        "مصرع",
        "استشهاد",
        "killed",
        "wounded",
        "injured",
        "dead",
        "died",
    )
]
_STRONG_RE = re.compile("|".join(re.escape(p) for p in _STRONG))
_HARM_RE = re.compile("|".join(re.escape(p) for p in _HARM))


def suspicious(row: dict[str, Any]) -> bool:
    """A strong attack phrase and a harm word in the headline or lead (the first 600 characters)."""
    lead = normalize(f"{row.get('title') or ''}\n{row.get('text') or ''}"[:600])
    return bool(_STRONG_RE.search(lead) and _HARM_RE.search(lead))


def per10k(count: int, total: int) -> str:
    return f"{10000 * count / max(total, 1):7.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--watchlist", type=Path, default=ROOT / "tests" / "eval" / "stream-watchlist.yaml")
    parser.add_argument("--seed", type=int, default=None, help="sample seed (printed; random when not given)")
    parser.add_argument("--sample", type=int, default=100, help="articles per sample")
    parser.add_argument("--review", type=Path, default=None, help="review file (default .cache/eval/...)")
    parser.add_argument("--show", nargs="+", metavar="ID", help="print these articles whole, for a reviewer")
    parser.add_argument("--labels", nargs="+", type=Path, help="score against hand labels (see REVIEWING.md)")
    parser.add_argument(
        "--incidents",
        type=int,
        default=20,
        help="multi-article incidents to write for reading (is each one real event?)",
    )
    args = parser.parse_args(argv)
    if args.show:
        return show(args.corpus, set(args.show))
    if args.labels:
        return score(args.corpus, args.watchlist, args.labels)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1, 10**6)

    analyzer = analyzer_for(args.watchlist)
    raw = [json.loads(line) for line in args.corpus.open(encoding="utf-8") if line.strip()]
    articles = [article_from_dict(r) for r in raw]
    started = time.perf_counter()
    with Progress("eval-stream", len(articles), sys.stderr) as progress:
        results = analyze_batch(articles, analyzer, advance=progress.advance)
    seconds = time.perf_counter() - started
    total = len(results)

    # What reaches analysts: current attacks, and late reports of attacks days old (marked).
    facts = {i: f for i, r in enumerate(results) if (f := reported(r)) is not None}
    flagged = list(facts)
    late = [i for i in flagged if results[i].late_report]
    with_hits = [i for i in flagged if facts[i].watch_hits]
    missed = [i for i in range(total) if i not in facts and suspicious(raw[i])]
    types = Counter(t for i in flagged for t in facts[i].attack_types)
    entries = Counter(h for i in flagged for h in facts[i].watch_hits)
    incidents = Counter(results[i].incident for i in flagged)

    print(f"corpus: {args.corpus} ({total} articles, analyzed in {seconds:.1f} s)")
    print(f"seed: {seed}")
    print(
        f"per 10,000 articles: reported {per10k(len(flagged), total)} (late reports {per10k(len(late), total)})"
        f"   with watch hits {per10k(len(with_hits), total)}"
    )
    print(f"                     unflagged with strong attack phrases {per10k(len(missed), total)}")
    print("by type:        " + "  ".join(f"{t} {per10k(n, total).strip()}" for t, n in types.most_common()))
    print(
        "by watch entry: " + "  ".join(f"{e} {per10k(n, total).strip()}" for e, n in entries.most_common(25))
    )
    multi = [c for c, n in incidents.items() if n > 1]
    print(f"incidents: {len(incidents)} ({len(multi)} with more than one article)")

    rng = random.Random(seed)
    samples = {
        "flagged": rng.sample(flagged, min(args.sample, len(flagged))),
        "watch-hits": rng.sample(with_hits, min(args.sample, len(with_hits))),
        "missed": rng.sample(missed, min(args.sample, len(missed))),
    }
    review = args.review or ROOT / ".cache" / "eval" / f"review-{args.corpus.stem}-{seed}.md"
    review.parent.mkdir(parents=True, exist_ok=True)
    labels = review.with_suffix(".jsonl")
    with review.open("w", encoding="utf-8") as out, labels.open("w", encoding="utf-8") as lab:
        out.write(f"# Review of {args.corpus.name}, seed {seed}\n\n")
        for name, picked in samples.items():
            out.write(f"\n## Sample: {name} ({len(picked)} articles)\n\n")
            for n, i in enumerate(picked, 1):
                row, result = raw[i], results[i]
                buf = io.StringIO()
                explain(articles[i], analyzer, buf, color=False)
                lead = (row.get("text") or "")[:700].replace("\n", " ")
                out.write(f"### {name} {n}: {row['id']}\n")
                out.write(f"- outlet: {row.get('outlet')}  published: {row.get('published')}\n")
                out.write(f"- url: {row.get('url')}\n- title: {row.get('title')}\n- lead: {lead}\n")
                out.write(
                    f"- verdict: attack={result.attack} types={list(result.current.attack_types)} "
                    f"hits={list(result.current.watch_hits)} places={[p.id for p in result.current.places]}\n"
                )
                out.write("```\n" + buf.getvalue() + "```\n\n")
                lab.write(
                    json.dumps(
                        {
                            "sample": name,
                            "n": n,
                            "id": row["id"],
                            "attack": result.attack,
                            "watch_hits": list(result.current.watch_hits),
                            "places": [p.id for p in result.current.places],
                        },
                        ensure_ascii=False,
                    )
                    + "\n"
                )
    print(f"review file: {review}  (labels template: {labels})")
    picked_incidents = rng.sample(sorted(multi), min(args.incidents, len(multi)))
    members = {c: [i for i in flagged if results[i].incident == c] for c in picked_incidents}
    incidents_review = review.with_name(review.stem + "-incidents.md")
    with incidents_review.open("w", encoding="utf-8") as out:
        out.write(
            f"# Multi-article incidents of {args.corpus.name}, seed {seed}: is each one real event?\n\n"
        )
        for n, c in enumerate(picked_incidents, 1):
            out.write(f"## incident {n}: {c} ({len(members[c])} articles)\n\n")
            for i in members[c]:
                row, f = raw[i], facts[i]
                when = f.event_time.isoformat() if f.event_time is not None else None
                lead = (row.get("text") or "")[:400].replace("\n", " ")
                out.write(
                    f"- {row['id']} published {row.get('published')} event_time {when} "
                    f"types {list(f.attack_types)} places {[p.id for p in f.places]}\n"
                    f"  title: {row.get('title')}\n  lead: {lead}\n"
                )
            out.write("\n")
    print(f"incidents to read: {incidents_review}")
    return 0


def show(corpus: Path, ids: set[str]) -> int:
    for line in corpus.open(encoding="utf-8"):
        row = json.loads(line)
        if row["id"] in ids:
            print(f"=== {row['id']}  outlet={row.get('outlet')}  published={row.get('published')}")
            print(f"url: {row.get('url')}\ntitle: {row.get('title')}\n{row.get('text')}\n")
    return 0


def score(corpus: Path, watchlist: Path, files: list[Path]) -> int:
    """Precision of what is reported, recall on labelled attacks, watch hits all right."""
    labels = {}
    for path in files:
        for line in path.open(encoding="utf-8"):
            if line.strip():
                row = json.loads(line)
                labels[row["id"]] = row
    analyzer = analyzer_for(watchlist)
    rows = [json.loads(line) for line in corpus.open(encoding="utf-8")]
    articles = [article_from_dict(r) for r in rows if r["id"] in labels]
    results = analyze_batch(articles, analyzer)
    tp = fp = fn = hits_right = hits_total = 0
    for result in results:
        label = labels[result.id]
        real = bool(label.get("current_attack") or label.get("late_report"))
        facts = reported(result)
        flagged = facts is not None
        tp, fp, fn = tp + (flagged and real), fp + (flagged and not real), fn + (real and not flagged)
        shown = facts.watch_hits if facts is not None else []
        if shown:
            hits_total += 1
            hits_right += real and set(shown) == set(label.get("watch_hits") or [])
    print(
        f"labelled {len(results)}: reported precision {tp}/{tp + fp} = {tp / max(1, tp + fp):.3f}; "
        f"recall {tp}/{tp + fn} = {tp / max(1, tp + fn):.3f}; "
        f"watch-hit articles all right {hits_right}/{hits_total} = {hits_right / max(1, hits_total):.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
