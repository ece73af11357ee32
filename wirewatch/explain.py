"""``wirewatch explain``: why an article was or was not flagged, for a person to read.

For each article: the verdict (attack or not, types, watch hits), then every sentence that has
attack words, with the matched terms, places and time expressions highlighted in the text, and
the decision taken on it: counted as a current attack, a reference to an older one (and why), or
not an attack at all (denial, threat, exercise, sport ...). Colours on a terminal, brackets
otherwise. Presentation only: the decisions are ``core.detect``'s.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO

from wirewatch.commands.articles import article_from_dict
from wirewatch.core.analysis import Analyzer, analysis_of
from wirewatch.core.detect import Article, Detection, Mention, Rejected
from wirewatch.core.findings import Analysis
from wirewatch.core.text import tokens
from wirewatch.logs import for_terminal

_STYLES = {  # kind: (ANSI colour, bracket label)
    "weapon": ("1;31", "W"),
    "attack": ("31", "A"),
    "event": ("33", "E"),
    "place": ("1;36", "P"),
    "time": ("1;33", "T"),
    "harmless": ("1;35", "X"),
    "number": ("32", "N"),
}
_HARMLESS = {
    "deny",
    "no_event",
    "rule_out",
    "fact_check",
    "stray",
    "threat",
    "exercise",
    "simulated",
    "deal",
    "sport",
    "politics",
    "court",
    "verdict",
    "accident",
    "conditional",
    "permission",
    "reaction",
    "aftercare",
    "funeral",
    "deployment",
    "halt",
    "seizure",
    "hearsay",
    "background",
    "aftermath",
    "responsibility",
}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    note: str


def _kind(label: str) -> str | None:
    if label.startswith("weapon:"):
        return "weapon"
    if label == "attack":
        return "attack"
    if label in ("event", "physical", "intercepted"):
        return "event"
    if label in ("killed", "wounded", "no_casualties"):
        return "number"
    if label in _HARMLESS:
        return "harmless"
    return None


def _spans(detection: Detection, item: Mention | Rejected, analyzer: Analyzer) -> list[Span]:
    out: list[Span] = []
    for hit in item.terms:
        kind = _kind(hit.label)
        if kind is not None:
            out.append(Span(hit.start, hit.end, kind, hit.label))
    if isinstance(item, Mention):
        for place in item.place_mentions:
            name = analyzer.gazetteer.places[place.place_id]
            out.append(Span(place.start, place.end, "place", f"{place.place_id} ({name.kind})"))
        toks = tokens(detection.doc[item.start : item.end])
        for ref in item.time_refs:
            if ref.first < len(toks) and ref.last < len(toks):
                ago = f", {ref.days_ago:g} days ago" if ref.days_ago is not None else ""
                out.append(
                    Span(
                        item.start + toks[ref.first].start,
                        item.start + toks[ref.last].end,
                        "time",
                        f"{ref.kind}{ago}",
                    )
                )
    # Longest first at a position, then drop spans inside an earlier one.
    out.sort(key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[Span] = []
    for span in out:
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept


def _highlight(text: str, offset: int, spans: Iterable[Span], color: bool) -> str:
    out, position = [], offset
    for span in spans:
        out.append(for_terminal(text[position - offset : span.start - offset]))
        piece = for_terminal(text[span.start - offset : span.end - offset])
        code, label = _STYLES[span.kind]
        out.append(f"\033[{code}m{piece}\033[0m" if color else f"[{label}:{piece}]")
        position = span.end
    out.append(for_terminal(text[position - offset :]))
    return "".join(out)


def decision(item: Mention | Rejected) -> str:
    """What detection decided on one sentence with attack words, in words."""
    if isinstance(item, Rejected):
        return f"not counted: {item.reason}"
    said = {
        "current": f"counted as a CURRENT attack ({item.recency_reason})",
        "late": f"a LATE REPORT of an attack days old ({item.recency_reason})",
    }.get(item.recency, f"a reference to an EARLIER attack ({item.recency_reason})")
    said += f"; types {', '.join(item.types)}" + (
        f"; targets {', '.join(item.places)}" if item.places else ""
    )
    if item.origins:
        said += f"; launched from {', '.join(item.origins)} (not a target)"
    return said


@dataclass(frozen=True)
class Sentence:
    """One sentence with attack words, cut into pieces (text, kind or None, note) for a page."""

    number: int
    pieces: tuple[tuple[str, str | None, str], ...]
    decision: str
    counted: bool


def sentences(article: Article, analyzer: Analyzer) -> list[Sentence]:
    """``explain`` for a web page: each sentence with attack words, its highlights and the decision.
    The pieces are the article's own (untrusted) text: the page escapes them."""
    detection = analyzer.detect(article)
    items: list[Mention | Rejected] = sorted(
        [*detection.mentions, *detection.rejected], key=lambda m: m.start
    )
    out = []
    for item in items:
        pieces: list[tuple[str, str | None, str]] = []
        position = item.start
        for span in _spans(detection, item, analyzer):
            if span.start > position:
                pieces.append((detection.doc[position : span.start], None, ""))
            pieces.append((detection.doc[span.start : span.end], span.kind, span.note))
            position = span.end
        if position < item.end:
            pieces.append((detection.doc[position : item.end], None, ""))
        out.append(Sentence(item.sentence + 1, tuple(pieces), decision(item), isinstance(item, Mention)))
    return out


def reasons(article: Article, analyzer: Analyzer) -> list[str]:
    """The verdict on an article in one line per sentence with attack words (``explain`` without
    the highlighted text): why it is, or is not, a current attack on a watched place."""
    detection = analyzer.detect(article)
    items: list[Mention | Rejected] = sorted(
        [*detection.mentions, *detection.rejected], key=lambda m: m.start
    )
    return [f"sentence {i.sentence + 1}: {decision(i)}" for i in items] or ["no attack words in the text"]


def explain(article: Article, analyzer: Analyzer, out: TextIO, color: bool) -> Analysis:
    detection = analyzer.detect(article)
    analysis = analysis_of(article, detection, analyzer)
    bold = (lambda s: f"\033[1m{s}\033[0m") if color else (lambda s: s)
    verdict = (
        "ATTACK"
        if analysis.attack
        else ("LATE REPORT of an attack days old" if analysis.late_report else "not an attack")
    )
    out.write(bold(f"== {for_terminal(article.id)} [{analysis.lang}] {verdict}") + "\n")
    if analysis.attack:
        found = analysis.current
        places = ", ".join(f"{p.id} ({p.kind})" for p in found.places) or "no place found"
        out.write(f"   types: {', '.join(found.attack_types)}; targets: {places}\n")
        out.write(f"   watch hits: {', '.join(found.watch_hits) or 'none'}\n")
        figures = [
            f"{k}: {v}"
            for k, v in (
                ("projectiles", found.projectiles),
                ("killed", found.casualties.killed),
                ("wounded", found.casualties.wounded),
            )
            if v is not None
        ]
        if figures:
            out.write(f"   figures: {', '.join(figures)}\n")
    items: list[Mention | Rejected] = sorted(
        [*detection.mentions, *detection.rejected], key=lambda m: m.start
    )
    if not items:
        out.write("   no attack words in the text\n")
    for item in items:
        sentence = detection.doc[item.start : item.end]
        spans = _spans(detection, item, analyzer)
        out.write(f"\n   sentence {item.sentence + 1}: {_highlight(sentence, item.start, spans, color)}\n")
        out.write(f"   → {decision(item)}\n")
        notes = [
            f"{for_terminal(detection.doc[s.start : s.end])} = {s.note}"
            for s in spans
            if s.kind in ("place", "time")
        ]
        if notes:
            out.write(f"     ({'; '.join(notes)})\n")
    legend = (
        ""
        if color
        else "   legend: W weapon, A attack word, E event, P place, T time, X context, N casualties\n"
    )
    out.write(legend + "\n")
    return analysis


def explain_lines(
    lines: Iterable[tuple[int, str | UnicodeDecodeError]], analyzer: Analyzer, out: TextIO, color: bool
) -> int:
    bad = 0
    for number, line in lines:
        if isinstance(line, UnicodeDecodeError):
            bad += 1
            out.write(f"== line {number}: not analyzed: not UTF-8 at column {line.start + 1}\n\n")
            continue
        if not line.strip():
            continue
        try:
            article = article_from_dict(json.loads(line))
        except (ValueError, json.JSONDecodeError) as exc:
            bad += 1
            out.write(f"== line {number}: not analyzed: {exc}\n\n")
            continue
        explain(article, analyzer, out, color)
    return 1 if bad else 0
