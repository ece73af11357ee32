"""Incidents as the topics carry them: schemas of their own, and the converters to and from ``core``.

The core's ``Incident`` and ``ReportFacts`` are the processor's working state; renaming one of
their fields must not silently change a topic. So the records name every field they carry here,
and ``of``/``to_core`` convert, field by field (a core rename fails the type check here, and the
record-shape test in tests/unit/topics/test_record_shapes.py fails when a record's shape changes
without a new version).

The shapes:

- ``WireFacts`` (the attack-reports topic, and the reports an analyst's merge hands over) and
  ``HeldIncident`` (the processor's table): everything, the text signatures included, written
  as the core models they replaced were.
- ``WireIncident`` (the incidents topic): every report with its places, types and figures, for
  the web pages and the feedback export. Without the reports' text signatures, which only the
  processor compares (they stay in its table).
- ``UpdateIncident`` (the incident-updates topic, one message per change, read by the alerter,
  the web pages and replay): what an alert shows. Each report is its link (outlet, language,
  headline, address, time, figures); the incident's places are its most specific ones (their
  lineage names the rest); what follows from the reports (outlets, languages, each figure's
  sources, first report by outlet) is derived again on reading; empty fields are left out.
  Since incident-update/3 it also leaves out what the reader rebuilds the same: the incident's
  figures when they are what its reports' figures give (``core.incidents`` makes them so), and a
  place's lineage and area when the built-in gazetteer (which every reader loads) gives the same;
  the writer compares, so what would be rebuilt otherwise is carried.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from wirewatch.core.gazetteer import Gazetteer, builtin
from wirewatch.core.incidents import Figure, Incident, PlaceFact, ReportFacts

_NONE: Callable[[Any], bool] = lambda value: value is None  # noqa: E731
_EMPTY: Callable[[Any], bool] = lambda value: not value  # noqa: E731

State = Literal["reported", "corroborated", "updated"]


class _Wire(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class WirePlace(_Wire):
    id: str
    name: str
    kind: str
    lineage: tuple[str, ...]
    area: tuple[str, ...] = Field((), exclude_if=_EMPTY)

    @classmethod
    def of(cls, place: PlaceFact, area: bool = True) -> WirePlace:
        return cls(
            id=place.id,
            name=place.name,
            kind=place.kind,
            lineage=place.lineage,
            area=place.area if area else (),
        )

    def to_core(self) -> PlaceFact:
        return PlaceFact(id=self.id, name=self.name, kind=self.kind, lineage=self.lineage, area=self.area)


class WireFigure(_Wire):
    low: int | None = None
    high: int | None = None
    latest: int | None = None
    sources: dict[str, int] = Field(default_factory=dict, exclude_if=_EMPTY)

    @classmethod
    def of(cls, figure: Figure, sources: bool = True) -> WireFigure:
        return cls(
            low=figure.low, high=figure.high, latest=figure.latest, sources=figure.sources if sources else {}
        )

    def to_core(self, sources: dict[str, int] | None = None) -> Figure:
        given = self.sources if sources is None else sources
        return Figure(low=self.low, high=self.high, latest=self.latest, sources=given)


Figures = tuple[int | None, int | None, int | None]


def _no_figures(figures: Figures) -> bool:
    return all(value is None for value in figures)


class PlaceLink(_Wire):
    """A place as an update carries it: its id, name and kind, and where the built-in gazetteer
    does not say the same, the places it lies in by id (``within``: its lineage after itself) and
    the names of its governorate and country (``area``). Left out (``None``), they are rebuilt on
    reading from the gazetteer every reader loads (``lineage_of``, ``area_of``).
    """

    id: str
    name: str
    kind: str
    area: tuple[str, ...] | None = Field(
        None, exclude_if=_NONE, description="the names of the areas it lies in; absent: from the gazetteer"
    )
    within: tuple[str, ...] | None = Field(
        None, exclude_if=_NONE, description="the ids of the places it lies in; absent: from the gazetteer"
    )

    @classmethod
    def of(cls, place: PlaceFact) -> PlaceLink:
        gazetteer = builtin()
        lineage = place.lineage if place.lineage[:1] == (place.id,) else (place.id, *place.lineage)
        within = None if lineage_of(place.id, gazetteer) == lineage else lineage[1:]
        area = None if area_of(lineage, gazetteer) == place.area else place.area
        return cls(id=place.id, name=place.name, kind=place.kind, area=area, within=within)

    def to_core(self) -> PlaceFact:
        gazetteer = builtin()
        lineage = lineage_of(self.id, gazetteer) if self.within is None else (self.id, *self.within)
        area = self.area if self.area is not None else area_of(lineage or (), gazetteer)
        return PlaceFact(
            id=self.id, name=self.name, kind=self.kind, lineage=lineage or (self.id,), area=area or ()
        )


def lineage_of(place_id: str, gazetteer: Gazetteer) -> tuple[str, ...] | None:
    """The place and the places it lies in, nearest first; ``None`` when the gazetteer lacks it."""
    return tuple(gazetteer.lineage(place_id)) if place_id in gazetteer.places else None


def area_of(lineage: Sequence[str], gazetteer: Gazetteer) -> tuple[str, ...] | None:
    """The area of the place ``lineage`` starts with, as ``core.analysis`` names it (the short names
    of its governorate and country, other than itself); ``None`` when the gazetteer lacks a place
    of the lineage (a watchlist's own place: its area is then carried)."""
    if not lineage or any(p not in gazetteer.places for p in lineage):
        return None
    kinds = {gazetteer.places[p].kind: p for p in reversed(lineage)}  # the nearest of each kind
    areas = (kinds.get("governorate"), kinds.get("country"))
    return tuple(_short_name(gazetteer, a) for a in areas if a is not None and a != lineage[0])


def _short_name(gazetteer: Gazetteer, place_id: str) -> str:
    place = gazetteer.places[place_id]
    name = place.name_en or place.name_ar
    for suffix in (" Governorate", " Province"):
        name = name.removesuffix(suffix)
    return name


class WireReport(_Wire):
    """One report of an incident on the incidents topic."""

    article_id: str
    revision: int = 0
    outlet: str
    lang: str
    title: str = ""
    url: str = ""
    published: AwareDatetime | None = None
    seen_at: AwareDatetime
    event_time: AwareDatetime
    types: tuple[str, ...]
    places: tuple[WirePlace, ...] = ()
    projectiles: int | None = None
    killed: int | None = None
    wounded: int | None = None
    intercepted: bool = False
    claimed_by: tuple[str, ...] = ()
    wire_of: str | None = None
    late: bool = False
    dated: bool = False

    @classmethod
    def of(cls, r: ReportFacts) -> WireReport:
        return cls(
            article_id=r.article_id,
            revision=r.revision,
            outlet=r.outlet,
            lang=r.lang,
            title=r.title,
            url=r.url,
            published=r.published,
            seen_at=r.seen_at,
            event_time=r.event_time,
            types=r.types,
            places=tuple(WirePlace.of(p) for p in r.places),
            projectiles=r.projectiles,
            killed=r.killed,
            wounded=r.wounded,
            intercepted=r.intercepted,
            claimed_by=r.claimed_by,
            wire_of=r.wire_of,
            late=r.late,
            dated=r.dated,
        )

    def to_core(self) -> ReportFacts:
        return ReportFacts(
            article_id=self.article_id,
            revision=self.revision,
            outlet=self.outlet,
            lang=self.lang,
            title=self.title,
            url=self.url,
            published=self.published,
            seen_at=self.seen_at,
            event_time=self.event_time,
            types=self.types,
            places=tuple(p.to_core() for p in self.places),
            projectiles=self.projectiles,
            killed=self.killed,
            wounded=self.wounded,
            intercepted=self.intercepted,
            claimed_by=self.claimed_by,
            wire_of=self.wire_of,
            late=self.late,
            dated=self.dated,
        )


class WireFactPlace(_Wire):
    """A place of a report on the attack-reports topic (its area always written, as it always was)."""

    id: str
    name: str
    kind: str
    lineage: tuple[str, ...]
    area: tuple[str, ...] = ()

    @classmethod
    def of(cls, place: PlaceFact) -> WireFactPlace:
        return cls(id=place.id, name=place.name, kind=place.kind, lineage=place.lineage, area=place.area)

    def to_core(self) -> PlaceFact:
        return PlaceFact(id=self.id, name=self.name, kind=self.kind, lineage=self.lineage, area=self.area)


class WireFacts(_Wire):
    """A report as the attack-reports topic carries it to the processor: every fact, with the text
    signature the processor compares (reports, and the reports an analyst's merge hands over)."""

    article_id: str
    revision: int = 0
    outlet: str
    lang: str
    title: str = ""
    url: str = ""
    published: AwareDatetime | None = None
    seen_at: AwareDatetime
    event_time: AwareDatetime
    types: tuple[str, ...]
    places: tuple[WireFactPlace, ...] = ()
    projectiles: int | None = None
    killed: int | None = None
    wounded: int | None = None
    intercepted: bool = False
    claimed_by: tuple[str, ...] = ()
    signature: tuple[int, ...] = ()
    text_chars: int = 0
    wire_of: str | None = None
    late: bool = False
    dated: bool = False
    together: tuple[tuple[str, ...], ...] = ()

    @classmethod
    def of(cls, r: ReportFacts) -> WireFacts:
        return cls(
            article_id=r.article_id,
            revision=r.revision,
            outlet=r.outlet,
            lang=r.lang,
            title=r.title,
            url=r.url,
            published=r.published,
            seen_at=r.seen_at,
            event_time=r.event_time,
            types=r.types,
            places=tuple(WireFactPlace.of(p) for p in r.places),
            projectiles=r.projectiles,
            killed=r.killed,
            wounded=r.wounded,
            intercepted=r.intercepted,
            claimed_by=r.claimed_by,
            signature=r.signature,
            text_chars=r.text_chars,
            wire_of=r.wire_of,
            late=r.late,
            dated=r.dated,
            together=r.together,
        )

    def to_core(self) -> ReportFacts:
        return ReportFacts(
            article_id=self.article_id,
            revision=self.revision,
            outlet=self.outlet,
            lang=self.lang,
            title=self.title,
            url=self.url,
            published=self.published,
            seen_at=self.seen_at,
            event_time=self.event_time,
            types=self.types,
            places=tuple(p.to_core() for p in self.places),
            projectiles=self.projectiles,
            killed=self.killed,
            wounded=self.wounded,
            intercepted=self.intercepted,
            claimed_by=self.claimed_by,
            signature=self.signature,
            text_chars=self.text_chars,
            wire_of=self.wire_of,
            late=self.late,
            dated=self.dated,
            together=self.together,
        )


class WireIncident(_Wire):
    """An incident on the incidents topic: its current state, every report included."""

    id: str
    revision: int
    state: State
    first_seen: AwareDatetime
    last_update: AwareDatetime
    event_time: AwareDatetime
    places: tuple[WirePlace, ...] = ()
    attack_types: tuple[str, ...] = ()
    intercepted: bool = False
    projectiles: WireFigure = Field(default_factory=WireFigure)
    killed: WireFigure = Field(default_factory=WireFigure)
    wounded: WireFigure = Field(default_factory=WireFigure)
    claimed_by: tuple[str, ...] = ()
    late: bool = False
    reports: tuple[WireReport, ...] = ()
    outlets: tuple[str, ...] = ()
    independent_outlets: int = 0
    languages: tuple[str, ...] = ()
    first_report_by_outlet: dict[str, AwareDatetime] = Field(default_factory=dict)
    merged_into: str | None = None
    absorbed: tuple[str, ...] = ()
    split_from: str | None = None

    @classmethod
    def of(cls, i: Incident) -> WireIncident:
        return cls(
            id=i.id,
            revision=i.revision,
            state=i.state,
            first_seen=i.first_seen,
            last_update=i.last_update,
            event_time=i.event_time,
            places=tuple(WirePlace.of(p) for p in i.places),
            attack_types=i.attack_types,
            intercepted=i.intercepted,
            projectiles=WireFigure.of(i.projectiles),
            killed=WireFigure.of(i.killed),
            wounded=WireFigure.of(i.wounded),
            claimed_by=i.claimed_by,
            late=i.late,
            reports=tuple(WireReport.of(r) for r in i.reports),
            outlets=i.outlets,
            independent_outlets=i.independent_outlets,
            languages=i.languages,
            first_report_by_outlet=i.first_report_by_outlet,
            merged_into=i.merged_into,
            absorbed=i.absorbed,
            split_from=i.split_from,
        )

    def to_core(self) -> Incident:
        return Incident(
            id=self.id,
            revision=self.revision,
            state=self.state,
            first_seen=self.first_seen,
            last_update=self.last_update,
            event_time=self.event_time,
            places=tuple(p.to_core() for p in self.places),
            attack_types=self.attack_types,
            intercepted=self.intercepted,
            projectiles=self.projectiles.to_core(),
            killed=self.killed.to_core(),
            wounded=self.wounded.to_core(),
            claimed_by=self.claimed_by,
            late=self.late,
            reports=tuple(r.to_core() for r in self.reports),
            outlets=self.outlets,
            independent_outlets=self.independent_outlets,
            languages=self.languages,
            first_report_by_outlet=self.first_report_by_outlet,
            merged_into=self.merged_into,
            absorbed=self.absorbed,
            split_from=self.split_from,
        )


class HeldFigure(_Wire):
    """A figure of an incident in the processor's table (its sources always written, as they were)."""

    low: int | None = None
    high: int | None = None
    latest: int | None = None
    sources: dict[str, int] = Field(default_factory=dict)

    @classmethod
    def of(cls, figure: Figure) -> HeldFigure:
        return cls(low=figure.low, high=figure.high, latest=figure.latest, sources=figure.sources)

    def to_core(self) -> Figure:
        return Figure(low=self.low, high=self.high, latest=self.latest, sources=self.sources)


class HeldIncident(_Wire):
    """An incident as the processor keeps it in its table: all of it, its reports' text signatures
    included (written as ``stored-incident/1`` always wrote it)."""

    id: str
    revision: int = 1
    state: State = "reported"
    first_seen: AwareDatetime
    last_update: AwareDatetime
    event_time: AwareDatetime
    places: tuple[WireFactPlace, ...] = ()
    attack_types: tuple[str, ...] = ()
    intercepted: bool = False
    projectiles: HeldFigure = Field(default_factory=HeldFigure)
    killed: HeldFigure = Field(default_factory=HeldFigure)
    wounded: HeldFigure = Field(default_factory=HeldFigure)
    claimed_by: tuple[str, ...] = ()
    late: bool = False
    reports: tuple[WireFacts, ...] = ()
    outlets: tuple[str, ...] = ()
    independent_outlets: int = 0
    languages: tuple[str, ...] = ()
    first_report_by_outlet: dict[str, AwareDatetime] = Field(default_factory=dict)
    merged_into: str | None = None
    absorbed: tuple[str, ...] = ()
    split_from: str | None = None

    @classmethod
    def of(cls, i: Incident) -> HeldIncident:
        return cls(
            id=i.id,
            revision=i.revision,
            state=i.state,
            first_seen=i.first_seen,
            last_update=i.last_update,
            event_time=i.event_time,
            places=tuple(WireFactPlace.of(p) for p in i.places),
            attack_types=i.attack_types,
            intercepted=i.intercepted,
            projectiles=HeldFigure.of(i.projectiles),
            killed=HeldFigure.of(i.killed),
            wounded=HeldFigure.of(i.wounded),
            claimed_by=i.claimed_by,
            late=i.late,
            reports=tuple(WireFacts.of(r) for r in i.reports),
            outlets=i.outlets,
            independent_outlets=i.independent_outlets,
            languages=i.languages,
            first_report_by_outlet=i.first_report_by_outlet,
            merged_into=i.merged_into,
            absorbed=i.absorbed,
            split_from=i.split_from,
        )

    def to_core(self) -> Incident:
        return Incident(
            id=self.id,
            revision=self.revision,
            state=self.state,
            first_seen=self.first_seen,
            last_update=self.last_update,
            event_time=self.event_time,
            places=tuple(p.to_core() for p in self.places),
            attack_types=self.attack_types,
            intercepted=self.intercepted,
            projectiles=self.projectiles.to_core(),
            killed=self.killed.to_core(),
            wounded=self.wounded.to_core(),
            claimed_by=self.claimed_by,
            late=self.late,
            reports=tuple(r.to_core() for r in self.reports),
            outlets=self.outlets,
            independent_outlets=self.independent_outlets,
            languages=self.languages,
            first_report_by_outlet=self.first_report_by_outlet,
            merged_into=self.merged_into,
            absorbed=self.absorbed,
            split_from=self.split_from,
        )


class ReportLink(_Wire):
    """One report as an incident update carries it: what an alert shows of it."""

    article_id: str
    revision: int = Field(0, exclude_if=_EMPTY)
    outlet: str
    lang: str
    title: str = ""
    url: str = Field("", exclude_if=_EMPTY)
    published: AwareDatetime | None = Field(None, exclude_if=_NONE)
    seen_at: AwareDatetime | None = Field(
        None,
        exclude_if=_NONE,
        description="when it reached Kafka: when not published, and for the report that caused the "
        "change (``IncidentUpdate.report``) when not at its published time",
    )
    wire_of: str | None = Field(None, exclude_if=_NONE)
    figures: Figures = Field(
        (None, None, None), exclude_if=_no_figures, description="projectiles, killed, wounded"
    )

    @classmethod
    def of(cls, r: ReportFacts, cause: bool = False) -> ReportLink:
        """``cause``: the report that caused the change, whose seen time the alerter measures from."""
        seen = r.published is None or (cause and r.seen_at != r.published)
        return cls(
            article_id=r.article_id,
            revision=r.revision,
            outlet=r.outlet,
            lang=r.lang,
            title=r.title,
            url=r.url,
            published=r.published,
            seen_at=r.seen_at if seen else None,
            wire_of=r.wire_of,
            figures=(r.projectiles, r.killed, r.wounded),
        )

    @property
    def seen(self) -> datetime | None:
        """When it reached Kafka, as far as the link tells (its published time stands in)."""
        return self.seen_at or self.published

    def to_core(self, incident: UpdateIncident) -> ReportFacts:
        return ReportFacts(
            article_id=self.article_id,
            revision=self.revision,
            outlet=self.outlet,
            lang=self.lang,
            title=self.title,
            url=self.url,
            published=self.published,
            seen_at=self.seen or incident.first_seen,
            event_time=incident.event_time,
            types=incident.attack_types or ("other",),
            projectiles=self.figures[0],
            killed=self.figures[1],
            wounded=self.figures[2],
            wire_of=self.wire_of,
        )


_AS_REPORTED = "low, high, latest; absent: as the reports' figures give them"


class UpdateIncident(_Wire):
    """An incident as an update carries it: small (no report's places or signature), all an alert needs."""

    id: str
    revision: int
    state: State
    first_seen: AwareDatetime
    last_update: AwareDatetime
    event_time: AwareDatetime
    places: tuple[PlaceLink, ...] = Field((), description="the most specific places")
    attack_types: tuple[str, ...] = ()
    intercepted: bool = Field(False, exclude_if=_EMPTY)
    projectiles: Figures | None = Field(None, exclude_if=_NONE, description=_AS_REPORTED)
    killed: Figures | None = Field(None, exclude_if=_NONE, description=_AS_REPORTED)
    wounded: Figures | None = Field(None, exclude_if=_NONE, description=_AS_REPORTED)
    claimed_by: tuple[str, ...] = Field((), exclude_if=_EMPTY)
    late: bool = Field(False, exclude_if=_EMPTY)
    reports: tuple[ReportLink, ...] = ()
    merged_into: str | None = Field(None, exclude_if=_NONE)
    absorbed: tuple[str, ...] = Field((), exclude_if=_EMPTY)
    split_from: str | None = Field(None, exclude_if=_NONE)

    @classmethod
    def of(cls, i: Incident, cause: int | None = None) -> UpdateIncident:
        """``cause``: the index of the report that caused the change (its link keeps its seen time)."""
        return cls(
            id=i.id,
            revision=i.revision,
            state=i.state,
            first_seen=i.first_seen,
            last_update=i.last_update,
            event_time=i.event_time,
            places=tuple(PlaceLink.of(p) for p in most_specific(i.places)),
            attack_types=i.attack_types,
            intercepted=i.intercepted,
            projectiles=_unless_reported(i.projectiles, i.reports, "projectiles"),
            killed=_unless_reported(i.killed, i.reports, "killed"),
            wounded=_unless_reported(i.wounded, i.reports, "wounded"),
            claimed_by=i.claimed_by,
            late=i.late,
            reports=tuple(ReportLink.of(r, cause=k == cause) for k, r in enumerate(i.reports)),
            merged_into=i.merged_into,
            absorbed=i.absorbed,
            split_from=i.split_from,
        )

    def to_core(self) -> Incident:
        reports = tuple(r.to_core(self) for r in self.reports)
        first: dict[str, datetime] = {}
        for r in reports:
            first.setdefault(r.outlet, r.published or r.seen_at)
        return Incident(
            id=self.id,
            revision=self.revision,
            state=self.state,
            first_seen=self.first_seen,
            last_update=self.last_update,
            event_time=self.event_time,
            places=tuple(p.to_core() for p in self.places),
            attack_types=self.attack_types,
            intercepted=self.intercepted,
            projectiles=_figure(self.projectiles, reports, "projectiles"),
            killed=_figure(self.killed, reports, "killed"),
            wounded=_figure(self.wounded, reports, "wounded"),
            claimed_by=self.claimed_by,
            late=self.late,
            reports=reports,
            outlets=tuple(dict.fromkeys(r.outlet for r in reports)),
            # outlets with a report of their own (``core.incidents``: a reprint counts at its source)
            independent_outlets=len({r.outlet for r in reports if r.wire_of is None}),
            languages=tuple(dict.fromkeys(r.lang for r in reports)),
            first_report_by_outlet=first,
            merged_into=self.merged_into,
            absorbed=self.absorbed,
            split_from=self.split_from,
        )


def most_specific(places: Sequence[PlaceFact]) -> tuple[PlaceFact, ...]:
    """The places no other place lies in (a base, not also its town and governorate), in order."""
    within = {area for p in places for area in p.lineage[1:]}
    return tuple(p for p in places if p.id not in within)


def _reported(reports: Sequence[ReportFacts], name: str) -> tuple[dict[str, int], Figures]:
    """Each outlet's last value of a figure, and the figure's low, high and latest, as
    ``core.incidents`` derives them from the incident's reports (in their order)."""
    sources: dict[str, int] = {}
    latest = None
    for r in reports:
        value = getattr(r, name)
        if value is not None:
            sources[r.outlet] = value
            latest = value
    if not sources:
        return sources, (None, None, None)
    return sources, (min(sources.values()), max(sources.values()), latest)


def _unless_reported(figure: Figure, reports: Sequence[ReportFacts], name: str) -> Figures | None:
    """The figure to carry: ``None`` when the reports' figures give it."""
    given = (figure.low, figure.high, figure.latest)
    return None if _reported(reports, name)[1] == given else given


def _figure(given: Figures | None, reports: Sequence[ReportFacts], name: str) -> Figure:
    """The figure with each outlet's last value; low, high and latest as carried, else as reported."""
    sources, reported = _reported(reports, name)
    low, high, latest = reported if given is None else given
    return Figure(low=low, high=high, latest=latest, sources=sources)
