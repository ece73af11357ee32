"""Places and attack reports for tests, so every test builds incidents the same way."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from wirewatch.core.incidents import Incident, IncidentRules, PlaceFact, ReportFacts, apply

AIN_AL_ASAD = PlaceFact(
    id="ain-al-asad",
    name="Ain al-Asad Air Base",
    kind="base",
    lineage=("ain-al-asad", "IQ-AN/baghdadi", "IQ-AN", "IQ"),
    area=("Anbar", "Iraq"),
)
ANBAR = PlaceFact(id="IQ-AN", name="Anbar", kind="governorate", lineage=("IQ-AN", "IQ"), area=("Iraq",))
AL_QAIM = PlaceFact(
    id="al-qaim-base",
    name="Al-Qaim base",
    kind="base",
    lineage=("al-qaim-base", "IQ-AN/al-qaim", "IQ-AN", "IQ"),
    area=("Anbar", "Iraq"),
)
ERBIL_AIRPORT = PlaceFact(
    id="erbil-airport",
    name="Erbil International Airport",
    kind="base",
    lineage=("erbil-airport", "IQ-AR/erbil", "IQ-AR", "IQ"),
    area=("Erbil", "Iraq"),
)
IRAQ = PlaceFact(id="IQ", name="Iraq", kind="country", lineage=("IQ",))


def facts(
    article_id: str,
    outlet: str,
    when: datetime,
    places: tuple[PlaceFact, ...] = (AIN_AL_ASAD,),
    types: tuple[str, ...] = ("rocket",),
    **extra: Any,
) -> ReportFacts:
    """A report of an attack at ``when`` (published, seen and happened at the same time unless given)."""
    values: dict[str, Any] = {
        "lang": "en",
        "title": article_id,
        "published": when,
        "seen_at": when,
        "event_time": when,
    }
    values.update(extra)
    return ReportFacts(article_id=article_id, outlet=outlet, types=types, places=places, **values)


def incident(*reports: ReportFacts) -> tuple[Incident, str | None]:
    """The incident those reports make, applied in order, and the last change."""
    current: Incident | None = None
    change: str | None = None
    for report in reports:
        current, change = apply(current, report, report.seen_at, IncidentRules())
    assert current is not None
    return current, change
