"""Incidents: one real event, many reports, across outlets and languages (pure).

This room decides which incident an attack report belongs to and what the incident looks like
after it. A report joins an incident when their target places agree through the hierarchy (an
attack "in Anbar" and one on Ain al-Asad can agree; two different bases cannot), their attack
types are compatible (a rocket attack later called a drone attack is a correction, a shooting is
not), and their event times are close. Reprints of one wire story (near-duplicate text by MinHash)
count as one independent source. The state goes ``reported`` → ``corroborated`` (enough
independent outlets) → ``updated`` (types or figures changed after corroboration).

Functions here take the state they need and return the new state and what changed
(``(state, item, now) -> (state, outputs)``): the processor keeps the state in Faust tables,
``wirewatch analyze`` in a dict. Applying the same report twice changes nothing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from wirewatch.core.detect import Article
from wirewatch.core.findings import Analysis, AttackFacts
from wirewatch.core.recency import REGION_TIME
from wirewatch.core.scan import fold
from wirewatch.core.text import normalize

State = Literal["reported", "corroborated", "updated"]
# "merged": it took in the reports of an incident an analyst called the same event; "split": an
# analyst took a report out of it ("not this event"), which starts an incident of its own ("new").
Change = Literal["new", "corroborated", "updated", "report_added", "report_revised", "merged", "split"]

# Attack types that outlets confuse with each other for one event (a correction, not a new event):
# rockets, missiles, mortars and drones fired from the ground; air strikes, missiles and drones from
# the air. Rockets and an air strike are two attacks (rebels shell a city, jets strike it back).
_TYPE_GROUPS = (
    frozenset({"rocket", "missile", "mortar", "drone"}),
    frozenset({"airstrike", "missile", "drone"}),
    frozenset({"ied", "suicide"}),
    frozenset({"shooting"}),
)
_SPECIFICITY = {"base": 3.0, "site": 3.0, "city": 2.5, "district": 2.5, "governorate": 1.5, "country": 0.5}
_SHINGLE = 5
_SHORT_TEXT = 300


@dataclass(frozen=True, slots=True)
class IncidentRules:
    """Matching and state rules; see ``Settings`` for what each one trades."""

    window_specific: timedelta = timedelta(hours=30)  # same base or city
    window_coarse: timedelta = timedelta(hours=12)  # agreement only at governorate or country level
    corroboration: int = 2  # independent outlets that make an incident corroborated
    wire_copy_jaccard: float = 0.6  # estimated Jaccard at or above which a report reprints another
    keep_open: timedelta = timedelta(days=7)  # incidents older than this take no new reports


class PlaceFact(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    kind: str
    lineage: tuple[str, ...]
    area: tuple[str, ...] = ()


class ReportFacts(BaseModel):
    """What an attack report brings to an incident."""

    model_config = ConfigDict(frozen=True)

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
    places: tuple[PlaceFact, ...] = ()
    projectiles: int | None = None
    killed: int | None = None
    wounded: int | None = None
    intercepted: bool = False
    claimed_by: tuple[str, ...] = ()
    signature: tuple[int, ...] = ()
    text_chars: int = 0  # length of the text the signature was made from
    wire_of: str | None = None  # the article this report reprints (set when it joins)
    late: bool = False  # a late report: the attack was days before the article
    dated: bool = False  # the text gives the attack's day ("on Friday", "yesterday")
    together: tuple[
        tuple[str, ...], ...
    ] = ()  # the place ids of each attack the article tells, one group each


class Figure(BaseModel):
    model_config = ConfigDict(frozen=True)

    low: int | None = None
    high: int | None = None
    latest: int | None = None
    sources: dict[str, int] = Field(default_factory=dict, description="outlet -> the figure it gave last")


class Incident(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    revision: int = 1
    state: State = "reported"
    first_seen: AwareDatetime
    last_update: AwareDatetime
    event_time: AwareDatetime
    places: tuple[PlaceFact, ...] = ()  # most specific first
    attack_types: tuple[str, ...] = ()
    intercepted: bool = False
    projectiles: Figure = Field(default_factory=Figure)
    killed: Figure = Field(default_factory=Figure)
    wounded: Figure = Field(default_factory=Figure)
    claimed_by: tuple[str, ...] = ()
    late: bool = False  # known only from late reports: days old when first reported
    reports: tuple[ReportFacts, ...] = ()
    outlets: tuple[str, ...] = ()
    independent_outlets: int = 0
    languages: tuple[str, ...] = ()
    first_report_by_outlet: dict[str, AwareDatetime] = Field(default_factory=dict)
    # Analysts' marks (``core.casebook``): an incident merged into another takes no more reports.
    merged_into: str | None = None
    absorbed: tuple[str, ...] = ()  # the incidents merged into this one
    split_from: str | None = None  # the incident this one's report was taken out of

    def lineages(self) -> list[tuple[str, ...]]:
        return [p.lineage or (p.id,) for p in self.places]


@dataclass(frozen=True, slots=True)
class Summary:
    """The little an index needs to find candidate incidents without loading them."""

    id: str
    event_time: datetime
    types: frozenset[str]
    lineages: tuple[tuple[str, ...], ...]
    kinds: tuple[str, ...]
    support: tuple[int, ...] = ()  # how many of its reports name each place
    days: frozenset[date] = frozenset()  # the local days its reports' texts give the attack
    first_seen: datetime | None = None  # when its first report came


def summary(incident: Incident) -> Summary:
    places = matching_places(incident)
    return Summary(
        incident.id,
        incident.event_time,
        frozenset(incident.attack_types),
        tuple(p.lineage or (p.id,) for p in places),
        tuple(p.kind for p in places),
        tuple(sum(1 for r in incident.reports if any(q.id == p.id for q in r.places)) for p in places),
        frozenset(local_day(r.event_time) for r in incident.reports if r.dated),
        incident.first_seen,
    )


def local_day(moment: datetime) -> date:
    return moment.astimezone(REGION_TIME).date()


def matching_places(incident: Incident) -> tuple[PlaceFact, ...]:
    """The places a new report can join the incident on: its core.

    The core is the places of the first report that is not a round-up, the places inside them that
    later reports name (the town of a governorate, the base of a town), the places a report names
    in one attack with a base or site of the core (one barrage on two bases), and the places that
    two or more reports name. An incident shows every place its reports name, but matches only on
    its core. Otherwise one report that also names another town (a round-up's other fronts, a
    second attack the same day) lets the next attack in that town join, and the incident grows
    into a chain of events. An incident of round-ups alone matches on all its places, and
    ``choose`` lets only a base or site in common join it.
    """
    singles = [r for r in incident.reports if not _fronts(r.places)]
    if not singles:
        return incident.places
    core = {p.id for p in singles[0].places}
    named: dict[str, int] = {}
    for r in singles:
        for p in r.places:
            named[p.id] = named.get(p.id, 0) + 1
    for r in singles[1:]:
        specific = {p.id for p in r.places if p.kind in ("base", "site")}
        for together in r.together:  # one attack on a core base and another place: one barrage
            if any(place in core and place in specific for place in together):
                core |= set(together)
        core |= {p.id for p in r.places if any(area in core for area in p.lineage[1:])}
    return tuple(p for p in incident.places if p.id in core or named.get(p.id, 0) >= 2)


def _fronts(places: Sequence[PlaceFact]) -> bool:
    """Towns, bases or sites in three or more first-level divisions: a report of several fronts
    (a governorate or country named alone is often the actor or the context, and does not count)."""
    towns = [p.lineage for p in places if _SPECIFICITY.get(p.kind, 0) >= 2.5 and len(p.lineage) >= 2]
    return len({line[-2] for line in towns}) >= _ROUNDUP_REGIONS


# -- matching ------------------------------------------------------------------------------------


def types_compatible(a: Iterable[str], b: Iterable[str]) -> bool:
    a, b = set(a) - {"other"}, set(b) - {"other"}
    if not a or not b or a & b:
        return True
    return any(a & group and b & group for group in _TYPE_GROUPS)


def place_agreement(
    report: Sequence[PlaceFact], lineages: Sequence[tuple[str, ...]], kinds: Sequence[str]
) -> float:
    """How specifically the report's places and an incident's places agree; -1 on a conflict.

    Agreement is scored by the coarser of two related places (a base and its governorate agree at
    governorate level). Two different bases, or two different cities, are a conflict.
    """
    if not report or not lineages:
        return 0.0
    best = 0.0
    for place in report:
        r_line = place.lineage or (place.id,)
        for line, kind in zip(lineages, kinds, strict=True):
            if r_line[0] == line[0]:
                best = max(best, _SPECIFICITY.get(place.kind, 0.5))
            elif line[0] in r_line:  # the incident's place contains the report's
                best = max(best, _SPECIFICITY.get(kind, 0.5))
            elif r_line[0] in line:  # the report's place contains the incident's
                best = max(best, _SPECIFICITY.get(place.kind, 0.5))
    if _conflict(report, lineages, kinds):
        return -1.0
    return best


def _conflict(report: Sequence[PlaceFact], lineages: Sequence[tuple[str, ...]], kinds: Sequence[str]) -> bool:
    """Both name specific places (base, site, city) and none of them is related to the other side's."""
    mine = [p.lineage or (p.id,) for p in report if _SPECIFICITY.get(p.kind, 0) >= 2.5]
    theirs = [line for line, kind in zip(lineages, kinds, strict=True) if _SPECIFICITY.get(kind, 0) >= 2.5]
    if not mine or not theirs:
        return False
    return not any(a[0] in b or b[0] in a for a in mine for b in theirs)


def _only_countries(report: ReportFacts, cand: Summary) -> bool:
    """Both say no more than a country, and name the same kind of attack: the one exception."""
    return (
        all(p.kind == "country" for p in report.places)
        and all(kind == "country" for kind in cand.kinds)
        and bool((set(report.types) - {"other"}) & (cand.types - {"other"}))
    )


_ROUNDUP_REGIONS = 3


def _roundup(lineages: Sequence[tuple[str, ...]]) -> bool:
    """Places in three or more first-level divisions or countries: a round-up, not one attack."""
    divisions = {line[-2] for line in lineages if len(line) >= 2}
    countries = {line[-1] for line in lineages if len(line) >= 2}
    alone = {line[0] for line in lineages if len(line) == 1 and line[0] not in countries}
    return len(divisions | alone) >= _ROUNDUP_REGIONS


def _support(report: Sequence[PlaceFact], cand: Summary) -> int:
    """How many of the candidate's reports name a place related to one of the report's."""
    lines = [p.lineage or (p.id,) for p in report]
    return max(
        (
            n
            for line, n in zip(cand.lineages, cand.support, strict=False)
            if any(line[0] in r or r[0] in line for r in lines)
        ),
        default=0,
    )


def lead_places(report: ReportFacts) -> tuple[PlaceFact, ...]:
    """The places of the report's first attacks (``_LEAD_ATTACKS``): what it is news of. A place
    named only further down (a side attack, the attack the news answers, another front of a
    round-up) is shown in its incident but does not join it to another."""
    if not report.together:
        return report.places
    lead = {place for attack in report.together[:_LEAD_ATTACKS] for place in attack}
    return tuple(p for p in report.places if p.id in lead) or report.places


_LEAD_ATTACKS = 3


def choose(report: ReportFacts, candidates: Iterable[Summary], rules: IncidentRules) -> str | None:
    """The incident the report belongs to among candidates, or ``None`` for a new incident."""
    best: tuple[float, int, float, str] | None = None
    roundup = _roundup([p.lineage or (p.id,) for p in report.places])
    places = lead_places(report)
    for cand in candidates:
        score = place_agreement(places, cand.lineages, cand.kinds)
        if score <= 0 or not types_compatible(report.types, cand.types):
            continue
        if score < _SPECIFICITY["governorate"] and not _only_countries(report, cand):
            continue  # a country in common is not one event: "airstrikes in Syria" are many
        if score < _SPECIFICITY["base"] and (roundup or _roundup(cand.lineages)):
            continue  # a day's round-up of a war names every front: only a base or site in common counts
        if (
            report.dated
            and cand.days
            and local_day(report.event_time) not in cand.days
            and score < _SPECIFICITY["base"]
        ):
            continue  # "on Thursday" and "on Friday" in one city: two attacks, whatever the window
        window = rules.window_specific if score >= 2.5 else rules.window_coarse
        gap = abs((report.event_time - cand.event_time).total_seconds())
        if not report.dated and cand.first_seen is not None:
            # An undated report's time is when it came; a text that dated the attack earlier moved
            # the incident's time back, not the time its news broke.
            gap = min(gap, abs((report.event_time - cand.first_seen).total_seconds()))
        if gap > window.total_seconds():
            continue
        # Between equally specific candidates, the one more of whose reports name the place.
        key = (score, _support(places, cand), -gap, cand.id)
        if best is None or key > best:
            best = key
    return best[3] if best else None


# -- state transitions ---------------------------------------------------------------------------


def incident_id_for(report: ReportFacts) -> str:
    """Deterministic: re-processing the first report after a crash recreates the same id."""
    return "inc-" + hashlib.sha256(report.article_id.encode("utf-8")).hexdigest()[:16]


def apply(
    incident: Incident | None, report: ReportFacts, now: datetime, rules: IncidentRules
) -> tuple[Incident, Change | None]:
    """The incident with the report in it, and what changed (``None``: nothing, a redelivery)."""
    if incident is None:
        created = rebuild(
            Incident(
                id=incident_id_for(report),
                first_seen=now,
                last_update=now,
                event_time=report.event_time,
                reports=(report,),
            ),
            rules,
        )
        return created, "new"
    previous = next((r for r in incident.reports if r.article_id == report.article_id), None)
    if previous is not None and previous.revision >= report.revision:
        return incident, None  # redelivered or older: idempotent
    wire_of = _reprint_of(report, [r for r in incident.reports if r.article_id != report.article_id], rules)
    report = report.model_copy(update={"wire_of": wire_of})
    others = tuple(r for r in incident.reports if r.article_id != report.article_id)
    updated = rebuild(incident.model_copy(update={"reports": (*others, report)}), rules)
    change: Change = "report_revised" if previous is not None else "report_added"
    state: State = incident.state
    if state == "reported" and updated.independent_outlets >= rules.corroboration:
        state, change = "corroborated", "corroborated"
    elif state in ("corroborated", "updated") and _figures_or_types_changed(incident, updated):
        state, change = "updated", "updated"
    return (
        updated.model_copy(
            update={
                "state": state,
                "revision": incident.revision + 1,
                "last_update": now,
                "first_seen": incident.first_seen,
            }
        ),
        change,
    )


def _figures_or_types_changed(before: Incident, after: Incident) -> bool:
    if set(before.attack_types) != set(after.attack_types):
        return True
    return any(
        (getattr(before, f).low, getattr(before, f).high) != (getattr(after, f).low, getattr(after, f).high)
        for f in ("projectiles", "killed", "wounded")
    )


def rebuild(incident: Incident, rules: IncidentRules) -> Incident:
    """Every derived field from the reports (so applying the same reports gives the same incident)."""
    reports = sorted(incident.reports, key=lambda r: (r.seen_at, r.article_id))
    types: list[str] = []
    for r in reports:
        types += [t for t in r.types if t not in types]
    if len(types) > 1 and "other" in types:
        types.remove("other")
    places: dict[str, PlaceFact] = {}
    for r in reports:
        for p in r.places:
            places.setdefault(p.id, p)
    ordered_places = sorted(
        places.values(), key=lambda p: (-_SPECIFICITY.get(p.kind, 0), -len(p.lineage), p.id)
    )
    outlets = tuple(dict.fromkeys(r.outlet for r in reports))
    first_by_outlet: dict[str, datetime] = {}
    for r in reports:
        first_by_outlet.setdefault(r.outlet, r.published or r.seen_at)
    claimed = tuple(dict.fromkeys(c for r in reports for c in r.claimed_by))
    event_time = min(r.event_time for r in reports)
    return incident.model_copy(
        update={
            "reports": tuple(reports),
            "attack_types": tuple(types),
            "places": tuple(ordered_places),
            "intercepted": any(r.intercepted for r in reports),
            "projectiles": _figure(reports, "projectiles"),
            "killed": _figure(reports, "killed"),
            "wounded": _figure(reports, "wounded"),
            "claimed_by": claimed,
            "late": all(r.late for r in reports),
            "outlets": outlets,
            "independent_outlets": _independent(reports),
            "languages": tuple(dict.fromkeys(r.lang for r in reports)),
            "first_report_by_outlet": first_by_outlet,
            "event_time": event_time,
        }
    )


def _figure(reports: Sequence[ReportFacts], name: str) -> Figure:
    sources: dict[str, int] = {}
    latest = None
    for r in reports:
        value = getattr(r, name)
        if value is not None:
            sources[r.outlet] = value
            latest = value
    if not sources:
        return Figure()
    return Figure(low=min(sources.values()), high=max(sources.values()), latest=latest, sources=sources)


def _independent(reports: Sequence[ReportFacts]) -> int:
    """Outlets with a report of their own: reprints of another outlet's story count once, there."""
    return len({r.outlet for r in reports if r.wire_of is None})


def _reprint_of(report: ReportFacts, earlier: Sequence[ReportFacts], rules: IncidentRules) -> str | None:
    if not report.signature:
        return None
    best: tuple[float, str] | None = None
    for other in earlier:
        if other.outlet == report.outlet or not other.signature:
            continue
        similarity = jaccard(report.signature, other.signature)
        # Two independent headlines about one attack share most of their letters: short texts
        # must be near-identical to count as a reprint.
        short = min(report.text_chars, other.text_chars) < _SHORT_TEXT
        bar = max(rules.wire_copy_jaccard, 0.9) if short else rules.wire_copy_jaccard
        if similarity >= bar and (best is None or similarity > best[0]):
            best = (similarity, other.wire_of or other.article_id)
    return best[1] if best else None


# -- near-duplicate text -------------------------------------------------------------------------

_PERMUTATIONS = 64
_SEED = 20261206  # changing the seed or the scheme makes stored signatures incomparable
_WORD = re.compile(r"[^\W_]+")


def signature(title: str, text: str) -> tuple[int, ...]:
    """MinHash of the character 5-grams of the text's words in matching form, joined by spaces.

    Vectorized with numpy: a polynomial hash of every 5-gram, then 64 universal hash functions
    ``(a * h + b) mod 2**32`` with odd ``a`` from a fixed seed; each value is the minimum.

    All of it is arithmetic mod 2**32, so it runs in ``uint32``, whose products wrap exactly
    there (half the memory of ``uint64`` and a mask). A repeated 5-gram cannot change a minimum,
    so the grams are not made unique first: sorting them cost more than hashing the repeats.
    """
    import numpy as np

    doc = f"{title} {text}"
    folded = fold(doc)
    words = " ".join(_WORD.findall(folded.norm if folded is not None else normalize(doc)))
    if len(words) < _SHINGLE:
        words = words.ljust(_SHINGLE)
    codes = np.frombuffer(words.encode("utf-32-le"), dtype=np.uint32)
    count = len(codes) - _SHINGLE + 1
    grams = codes[:count]
    for k in range(1, _SHINGLE):
        grams = grams * np.uint32(1_000_003) + codes[k : count + k]
    a, b = _permutations()
    values = (grams[None, :] * a[:, None] + b[:, None]).min(axis=1)
    return tuple(int(v) for v in values)


@cache
def _permutations() -> tuple[Any, Any]:
    """The 64 hash functions' ``a`` (odd) and ``b``, below 2**32, as ``uint32``."""
    import numpy as np

    rng = np.random.default_rng(_SEED)
    a = rng.integers(1, 2**32, size=_PERMUTATIONS, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 2**32, size=_PERMUTATIONS, dtype=np.uint64)
    return a.astype(np.uint32), b.astype(np.uint32)


def jaccard(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of two MinHash signatures of the same scheme."""
    if not a or len(a) != len(b):
        return 0.0
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


# -- the in-memory index of open incidents ------------------------------------------------------


@dataclass
class OpenIncidents:
    """Open incidents by every place in their lineage, for finding candidates (derived state)."""

    by_place: dict[str, set[str]] = field(default_factory=dict)
    summaries: dict[str, Summary] = field(default_factory=dict)

    def candidates(self, report: ReportFacts) -> list[Summary]:
        ids: set[str] = set()
        for place in report.places:
            for area in place.lineage or (place.id,):
                ids |= self.by_place.get(area, set())
        return [self.summaries[i] for i in sorted(ids)]

    def put(self, incident: Incident) -> None:
        self.remove(incident.id)
        s = summary(incident)
        self.summaries[incident.id] = s
        for line in s.lineages:
            for area in line:
                self.by_place.setdefault(area, set()).add(incident.id)

    def remove(self, incident_id: str) -> None:
        old = self.summaries.pop(incident_id, None)
        if old is None:
            return
        for line in old.lineages:
            for area in line:
                ids = self.by_place.get(area)
                if ids is not None:
                    ids.discard(incident_id)
                    if not ids:
                        del self.by_place[area]

    def expire(self, now: datetime, rules: IncidentRules) -> list[str]:
        """Forget incidents too old to take reports; return their ids."""
        old = [i for i, s in self.summaries.items() if now - s.event_time > rules.keep_open]
        for incident_id in old:
            self.remove(incident_id)
        return old


def assign(
    index: OpenIncidents,
    load: Callable[[str], Incident | None],
    owner: Callable[[str], str | None],
    report: ReportFacts,
    now: datetime,
    rules: IncidentRules,
) -> tuple[Incident, Change | None]:
    """Find or create the report's incident and apply the report (nothing is stored here).

    ``load`` reads an incident by id; ``owner`` says which incident already holds an article, so
    a redelivered or revised report goes back to its incident even if the index would now choose
    another. ``analyze`` passes dict lookups, the processor its Faust tables.
    """
    incident_id = owner(report.article_id) or choose(report, index.candidates(report), rules)
    # Without an owner or a candidate, this report may still have opened an incident before.
    return apply(load(incident_id or incident_id_for(report)), report, now, rules)


def reported(analysis: Analysis) -> AttackFacts | None:
    """The facts an incident takes from an analysis: the current attack's, or a late report's
    (``None`` when the article reports neither)."""
    if analysis.attack:
        return analysis.current
    if analysis.late_report and analysis.late is not None:
        return analysis.late
    return None


def facts_from_analysis(
    analysis: Analysis, article: Article, *, seen_at: datetime, revision: int = 0
) -> ReportFacts:
    """The report facts of the analysis (``core.analysis``) of an article that reports an attack.

    Raises ``ValueError`` when it reports none (``reported`` is ``None``).
    """
    found = reported(analysis)
    if found is None:
        raise ValueError(f"the analysis of article {article.id!r} reports no attack")
    return ReportFacts(
        article_id=article.id,
        revision=revision,
        outlet=article.outlet or "unknown",
        lang=analysis.lang,
        title=article.title,
        url=article.url,
        published=article.published,
        seen_at=seen_at,
        event_time=found.event_time or seen_at,
        types=found.attack_types or ("other",),
        places=tuple(
            PlaceFact(id=p.id, name=p.name, kind=p.kind, lineage=p.lineage, area=p.area) for p in found.places
        ),
        projectiles=found.projectiles,
        killed=found.casualties.killed,
        wounded=found.casualties.wounded,
        intercepted=found.intercepted,
        claimed_by=analysis.claimed_by,
        signature=signature(article.title, article.text),
        text_chars=len(article.title) + len(article.text),
        late=analysis.late_report,
        dated=found.event_dated,
        together=tuple(
            ids
            for attack in found.attacks
            if (ids := tuple(p.id for p in attack.places if p.role == "target"))
        ),
    )
