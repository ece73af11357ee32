"""One article in, one analysis out: the contract of ``wirewatch analyze`` and the processor (pure).

This room joins language identification, detection, the gazetteer and the watchlist into the
record analysts and the alerting stage read: is it a current attack, of which types, on which
places (with their governorate and country), with what numbers, and which watched entries it
hits.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC
from typing import Any

from wirewatch.core.detect import Article, Detection, Mention, detect, most_specific
from wirewatch.core.gazetteer import Gazetteer, builtin
from wirewatch.core.lang import identify
from wirewatch.core.lexicon import ATTACK_TYPES
from wirewatch.core.watch import WatchEntry, WatchTarget, hits, resolve


@dataclass(frozen=True)
class Analyzer:
    """The gazetteer extended by the watchlist, and the resolved watch targets."""

    gazetteer: Gazetteer
    watch: tuple[WatchTarget, ...] = field(default=())

    @classmethod
    def create(cls, entries: tuple[WatchEntry, ...] = (), gazetteer: Gazetteer | None = None) -> Analyzer:
        extended, targets = resolve(entries, gazetteer or builtin())
        return cls(extended, tuple(targets))

    def analyze(self, article: Article) -> dict[str, Any]:
        return analysis_record(article, detect(article, self.gazetteer), self)


_SPECIFICITY = {"base": 3, "site": 3, "city": 2, "district": 2, "governorate": 1, "country": 0}


def incident_id(article: Article, targets: list[str], gazetteer: Gazetteer) -> str:
    """First version: the most specific target place and the UTC day of publication.

    Reports of one attack on one base on one day share an id across outlets and languages;
    without a place or a date, the article is its own incident. (Time windows, corrections and
    late reports are the incidents issue's work.)
    """
    if targets and article.published is not None:
        deepest = max(
            targets,
            key=lambda t: (_SPECIFICITY.get(gazetteer.places[t].kind, 0), len(gazetteer.lineage(t)), t),
        )
        basis = f"{deepest}|{article.published.astimezone(UTC).date().isoformat()}"
    else:
        basis = f"article|{article.id}"
    return "inc-" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def _place(place_id: str, role: str, analyzer: Analyzer) -> dict[str, Any]:
    g = analyzer.gazetteer
    p = g.places[place_id]
    governorate = g.governorate_of(p.id)
    country = g.country_of(p.id)
    return {
        "id": p.id,
        "name": p.name_en or p.name_ar,
        "name_ar": p.name_ar,
        "kind": p.kind,
        "role": role,
        "governorate": governorate,
        "country": country,
        "lineage": g.lineage(p.id),
        "area": [_short_name(g, a) for a in (governorate, country) if a is not None and a != p.id],
    }


def _short_name(g: Gazetteer, place_id: str) -> str:
    """ "Anbar" for "Anbar", "Basra" for "Basra Governorate": the name an analyst says."""
    name = g.places[place_id].name_en or g.places[place_id].name_ar
    for suffix in (" Governorate", " Province"):
        name = name.removesuffix(suffix)
    return name


def _mention_record(m: Mention, analyzer: Analyzer) -> dict[str, Any]:
    return {
        "sentence": m.sentence + 1,
        "types": list(m.types),
        "recency": m.recency,
        "recency_reason": m.recency_reason,
        "places": [_place(p, "target", analyzer) for p in m.places]
        + [_place(p, "origin", analyzer) for p in m.origins],
        "projectiles": m.projectiles,
        "killed": m.killed,
        "wounded": m.wounded,
        "no_casualties": m.no_casualties,
        "intercepted": m.intercepted,
    }


def analyze_batch(articles: Sequence[Article], analyzer: Analyzer) -> list[dict[str, Any]]:
    """Analyses of many articles, in input order (the offline twin of the processor)."""
    return [analyzer.analyze(article) for article in articles]


def analysis_record(article: Article, detection: Detection, analyzer: Analyzer) -> dict[str, Any]:
    current = detection.current
    types = {t for m in current for t in m.types}
    if len(types) > 1:
        types.discard("other")  # "the explosion caused no casualties" adds nothing to "ied"
    targets = list(
        most_specific(list(dict.fromkeys(p for m in current for p in m.places)), analyzer.gazetteer)
    )
    watch_hits = hits(targets, analyzer.watch, analyzer.gazetteer)
    projectiles = [m.projectiles for m in current if m.projectiles is not None]
    killed = [m.killed for m in current if m.killed is not None]
    wounded = [m.wounded for m in current if m.wounded is not None]
    return {
        "id": article.id,
        "lang": article.lang or identify(f"{article.title}\n{article.text}"),
        "attack": detection.attack,
        "attack_types": [t for t in ATTACK_TYPES if t in types],
        "watch_hits": watch_hits,
        "incident": incident_id(article, targets, analyzer.gazetteer) if detection.attack else None,
        "intercepted": any(m.intercepted for m in current),
        "places": [_place(p, "target", analyzer) for p in targets],
        "projectiles": max(projectiles) if projectiles else None,
        "casualties": {
            "killed": max(killed) if killed else (0 if any(m.no_casualties for m in current) else None),
            "wounded": max(wounded) if wounded else (0 if any(m.no_casualties for m in current) else None),
        },
        "claimed_by": list(detection.claimed_by),
        "attacks": [_mention_record(m, analyzer) for m in current],
        "references": [_mention_record(m, analyzer) for m in detection.mentions if m.recency == "past"],
    }
