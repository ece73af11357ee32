"""What the analysis of one article found, typed (pure): the ``Analysis`` ``core.analysis`` returns.

Every stage reads these attributes: the incident facts (``core.incidents``), the processor, the
replay, ``explain``. ``Analysis.record()`` is the one place they become JSON: the line
``wirewatch analyze`` prints for an article, a documented output format whose keys, order and
values stay as they are. Times are real datetimes here; the record writes them in ISO 8601.

Frozen dataclasses, not pydantic models: an analysis is built by the analyzer from values it has
already checked, once per article, and validating it again would only cost time.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Literal

Role = Literal["target", "origin"]
Claim = Literal["claimed", "none"]


@dataclass(frozen=True, slots=True)
class ReportedPlace:
    """A gazetteer place the article names as a target of an attack, or as where it came from."""

    id: str
    name: str
    name_ar: str
    kind: str
    role: Role
    governorate: str | None
    country: str | None
    lineage: tuple[str, ...]  # the place and all its ancestors
    area: tuple[str, ...]  # the short names of its governorate and country ("Anbar", "Iraq")

    def record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "name_ar": self.name_ar,
            "kind": self.kind,
            "role": self.role,
            "governorate": self.governorate,
            "country": self.country,
            "lineage": list(self.lineage),
            "area": list(self.area),
        }


@dataclass(frozen=True, slots=True)
class AttackMention:
    """One sentence's attack, as the detector read it (``sentence`` counts from 1)."""

    sentence: int
    types: tuple[str, ...]
    recency: str  # "current", "late" (2 to 7 days old, told as news) or "past"
    recency_reason: str
    places: tuple[ReportedPlace, ...]  # targets first, then origins
    projectiles: int | None
    killed: int | None
    wounded: int | None
    no_casualties: bool
    intercepted: bool

    def record(self) -> dict[str, Any]:
        return {
            "sentence": self.sentence,
            "types": list(self.types),
            "recency": self.recency,
            "recency_reason": self.recency_reason,
            "places": [p.record() for p in self.places],
            "projectiles": self.projectiles,
            "killed": self.killed,
            "wounded": self.wounded,
            "no_casualties": self.no_casualties,
            "intercepted": self.intercepted,
        }


@dataclass(frozen=True, slots=True)
class Casualties:
    """The highest figures any of the attack's sentences gives (0 when one says nobody was hurt)."""

    killed: int | None
    wounded: int | None


@dataclass(frozen=True, slots=True)
class AttackFacts:
    """The facts of one attack as the article tells them: its current attack, or a late report's."""

    attack_types: tuple[str, ...]
    watch_hits: tuple[str, ...]  # watchlist entry ids, in watchlist order
    event_time: datetime | None  # publication (or dateline) time moved back by "yesterday" and the like
    event_dated: bool  # the text itself gives the day
    intercepted: bool
    places: tuple[ReportedPlace, ...]  # the most specific targets
    projectiles: int | None
    casualties: Casualties
    reported_by: tuple[str, ...]  # the sources the article cites
    attacks: tuple[AttackMention, ...]

    def record(self, incident: str | None = None) -> dict[str, Any]:
        return {
            "attack_types": list(self.attack_types),
            "watch_hits": list(self.watch_hits),
            "incident": incident,
            "event_time": self.event_time.isoformat() if self.event_time is not None else None,
            "event_dated": self.event_dated,
            "intercepted": self.intercepted,
            "places": [p.record() for p in self.places],
            "projectiles": self.projectiles,
            "casualties": {"killed": self.casualties.killed, "wounded": self.casualties.wounded},
            "reported_by": list(self.reported_by),
            "attacks": [a.record() for a in self.attacks],
        }


@dataclass(frozen=True, slots=True)
class Analysis:
    """One article's analysis: is it a current attack, with which facts; or a late report of one.

    ``current`` holds the current attack's facts (empty when there is none), so that ``attack``
    and ``current.watch_hits`` keep meaning a current attack; ``late`` the facts of an attack days
    old told as news (only when ``late_report``). ``incident`` is set by the incident stage.
    """

    id: str
    lang: str
    attack: bool
    late_report: bool
    current: AttackFacts
    claimed_by: tuple[str, ...]
    claim: Claim | None
    references: tuple[AttackMention, ...]  # past attacks the article recalls
    late: AttackFacts | None
    truncated: bool
    incident: str | None = None

    def in_incident(self, incident_id: str) -> Analysis:
        return replace(self, incident=incident_id)

    def record(self) -> dict[str, Any]:
        """The JSON object ``wirewatch analyze`` prints for this article (README, "wirewatch analyze")."""
        return {
            "id": self.id,
            "lang": self.lang,
            "attack": self.attack,
            "late_report": self.late_report,
            **self.current.record(self.incident),
            "claimed_by": list(self.claimed_by),
            "claim": self.claim,
            "references": [m.record() for m in self.references],
            "late": self.late.record() if self.late is not None else None,
            "truncated": self.truncated,
        }
