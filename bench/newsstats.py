"""Figures of news articles, generated or real: length, attack words, first pass, flagged, places.

    python bench/newsgen.py --stats [--corpus FILE.jsonl ...]   (prints these for both)

Reads JSON-contract articles; a real corpus is read for its figures only.
"""

from __future__ import annotations

import json
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

_NUMBER = re.compile(r"[0-9٠-٩]+(?:[.,][0-9٠-٩]+)*")


def length_summary(lengths: Sequence[int]) -> dict[str, float]:
    ordered = sorted(lengths)

    def pct(q: float) -> int:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    return {
        "median": pct(0.5),
        "mean": round(statistics.fmean(ordered)),
        "p10": pct(0.1),
        "p90": pct(0.9),
        "p99": pct(0.99),
        "max": ordered[-1],
        "over_5000": round(sum(1 for x in ordered if x > 5000) / len(ordered), 4),
    }


def measure(articles: Iterable[dict[str, Any]], kinds: Sequence[str] | None = None) -> dict[str, Any]:
    """Length, attack-word, first-pass, flagged, place and number figures of JSON-contract articles,
    for all of them and by language (and by the generator's kind when ``kinds`` are given).

    An attack word is a weapon term of the lexicon (rocket, missile, mortar, drone, IED, suicide,
    shooting, air strike, other) found as the detector finds it; the first pass is the share that
    ``Lexicon.may_have_trigger`` cannot skip (it also counts attack words without a weapon: هجوم,
    strike); flagged is the share the full analysis reports as a current attack.
    """
    from wirewatch.commands.articles import article_from_dict
    from wirewatch.core.analysis import Analyzer
    from wirewatch.core.gazetteer import builtin
    from wirewatch.core.lexicon import TERMS, default_lexicon
    from wirewatch.core.scan import doc_words

    lexicon, gazetteer, analyzer = default_lexicon(), builtin(), Analyzer.create()
    weapons = frozenset(label for label in TERMS if label.startswith("weapon:"))
    rows = []
    for i, data in enumerate(articles):
        doc = f"{data.get('title') or ''}\n{data.get('text') or ''}"
        words, folded = doc_words(doc)
        passes = folded is None or lexicon.may_have_trigger(folded.norm)
        rows.append(
            {
                "lang": data.get("lang") or "?",
                "kind": kinds[i] if kinds is not None else "",
                "length": len(doc) - 1,
                "first_pass": passes,
                "attack_word": passes and bool(lexicon.find(words, weapons)),
                "flagged": bool(analyzer.analyze(article_from_dict(data)).attack),
                "places": len(gazetteer.resolve(words, gazetteer.find(words), doc)),
                "numbers": len(_NUMBER.findall(doc)),
            }
        )
    result = summarize(rows)
    for lang in sorted({r["lang"] for r in rows}):
        result[f"lang_{lang}"] = summarize([r for r in rows if r["lang"] == lang])
    if kinds is not None:
        tally: dict[str, Counter[str]] = {}
        for r in rows:
            tally.setdefault(r["kind"], Counter()).update(
                articles=1, attack_word=r["attack_word"], flagged=r["flagged"]
            )
        result["by_kind"] = {k: dict(v) for k, v in sorted(tally.items(), key=lambda kv: -kv[1]["articles"])}
    return result


def summarize(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    n = len(rows)
    chars = sum(r["length"] for r in rows) or 1
    return {
        "articles": n,
        "length": length_summary([r["length"] for r in rows]),
        "attack_word_share": round(sum(r["attack_word"] for r in rows) / n, 4),
        "first_pass_share": round(sum(r["first_pass"] for r in rows) / n, 4),
        "flagged_share": round(sum(r["flagged"] for r in rows) / n, 4),
        "places_per_1000_chars": round(sum(r["places"] for r in rows) / chars * 1000, 2),
        "numbers_per_1000_chars": round(sum(r["numbers"] for r in rows) / chars * 1000, 2),
    }


def read_jsonl(path: str, limit: int | None = None) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        for k, line in enumerate(handle):
            if limit is not None and k >= limit:
                return
            yield json.loads(line)


def print_figures(name: str, figures: dict[str, Any]) -> None:
    length = figures["length"]
    print(
        f"{name}: {figures['articles']} articles\n"
        f"  length (title+text chars): median {length['median']}, mean {length['mean']}, p10 {length['p10']}, "
        f"p90 {length['p90']}, p99 {length['p99']}, max {length['max']}, over 5,000: {length['over_5000']:.1%}\n"
        f"  attack word {figures['attack_word_share']:.1%}, first pass {figures['first_pass_share']:.1%}, "
        f"flagged as current attack {figures['flagged_share']:.1%}; "
        f"places {figures['places_per_1000_chars']}/1000 chars, numbers {figures['numbers_per_1000_chars']}/1000 chars"
    )
    for key, value in figures.items():
        if key.startswith("lang_"):
            print_figures(f"  {name} [{key[5:]}]", value)
    for kind, tally in figures.get("by_kind", {}).items():
        print(
            f"    {kind:15} {tally['articles']:6}  attack word {tally.get('attack_word', 0) / tally['articles']:6.1%}"
            f"  flagged {tally.get('flagged', 0) / tally['articles']:6.1%}"
        )
