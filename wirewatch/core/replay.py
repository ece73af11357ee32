"""Replay and what-if: past articles through today's detection, incidents and alert decisions (pure).

``wirewatch replay`` reads a window of retained articles from Kafka and hands them here in the
order they reached Kafka, each with the time it did. This room runs them through the processor's
steps (``Analyzer.analyze``, ``incidents.assign`` through ``IncidentBook``) with that arrival time
as "now", hands every incident change to the caller (``wirewatch.replay`` gives it to the live
alert router), and compares the result with what the live pipeline produced and alerted in the
same window (``diff``). Nothing here sends anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from wirewatch.core import incidents
from wirewatch.core.alerting import DigestItem, Notice
from wirewatch.core.analysis import Analyzer, IncidentBook
from wirewatch.core.detect import Article
from wirewatch.core.incidents import Incident
from wirewatch.core.watch import hits_in


@dataclass(frozen=True, slots=True)
class Arrival:
    """One article record as it reached Kafka."""

    article: Article
    revision: int
    seen_at: datetime


@dataclass(frozen=True, slots=True)
class Alerted:
    """An alert decided for one incident on one channel: a page (``new``), an ``update``, or a
    line in a catch-up ``digest``."""

    incident_id: str
    channel: str
    kind: str
    entries: tuple[str, ...]
    revision: int


@dataclass
class Outcome:
    """What a window of articles produces: incidents (latest state), their watch hits, and alerts."""

    articles: int = 0
    attacks: int = 0
    incidents: dict[str, Incident] = field(default_factory=dict)
    hits: dict[str, tuple[str, ...]] = field(default_factory=dict)
    alerts: list[Alerted] = field(default_factory=list)

    def alerted(self) -> dict[str, dict[str, set[str]]]:
        """Incident id -> entry -> the channels it was alerted on."""
        out: dict[str, dict[str, set[str]]] = {}
        for a in self.alerts:
            for entry in a.entries:
                out.setdefault(a.incident_id, {}).setdefault(entry, set()).add(a.channel)
        return out


Change = Callable[[Incident, str, str, datetime], None]  # incident, change, article id, seen at


def replay(
    arrivals: Iterable[Arrival], analyzer: Analyzer, policy: incidents.IncidentRules, on_change: Change
) -> Outcome:
    """Run ``arrivals`` (in arrival order) through analysis and incidents; ``on_change`` gets every
    incident change as the processor would publish it. ``Outcome.alerts`` is the caller's to fill."""
    book = IncidentBook(policy)
    out = Outcome()
    for arrival in arrivals:
        out.articles += 1
        analysis = analyzer.analyze(arrival.article)
        out.attacks += analysis.attack
        if incidents.reported(analysis) is None:
            continue
        facts = incidents.facts_from_analysis(
            analysis, arrival.article, seen_at=arrival.seen_at, revision=arrival.revision
        )
        incident, change = book.add(facts, arrival.seen_at)
        if change is None:
            continue  # the same article again (the poller delivers at least once)
        out.incidents[incident.id] = incident
        on_change(incident, change, facts.article_id, arrival.seen_at)
    out.hits = {
        i: tuple(found)
        for i, inc in out.incidents.items()
        if (found := hits_in(inc.lineages(), analyzer.watch))
    }
    return out


def _alerted(notice: Notice) -> Alerted:
    revision = notice.incident.revision if notice.incident is not None else 0
    incident_id = notice.incident.id if notice.incident is not None else ""
    return Alerted(incident_id, notice.channel, notice.kind, notice.entries, revision)


def _digested(channel: str, item: DigestItem) -> Alerted:
    return Alerted(item.incident.id, channel, "digest", item.entries, item.incident.revision)


def alerts_of(notices: Iterable[Notice]) -> list[Alerted]:
    """The incident alerts in live notices (the outbox): pages, updates, and digest lines."""
    out: list[Alerted] = []
    for notice in notices:
        if notice.kind in ("new", "update") and notice.incident is not None:
            out.append(_alerted(notice))
        elif notice.kind == "digest":
            out += [_digested(notice.channel, item) for item in notice.digest]
    return out


# -- the diff ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HitChange:
    """A watch entry alerted for an incident in one run and not the other."""

    incident_id: str
    entry: str
    channels: tuple[str, ...]
    title: str


@dataclass(frozen=True, slots=True)
class IncidentChange:
    replayed: str
    live: str
    what: tuple[str, ...]  # "types", "places", "reports", "state"


@dataclass
class Diff:
    new_incidents: list[str] = field(default_factory=list)  # replayed ids with no live counterpart
    gone_incidents: list[str] = field(default_factory=list)  # live ids with no replayed counterpart
    changed: list[IncidentChange] = field(default_factory=list)
    new_hits: list[HitChange] = field(default_factory=list)
    gone_hits: list[HitChange] = field(default_factory=list)

    def __bool__(self) -> bool:
        return any((self.new_incidents, self.gone_incidents, self.changed, self.new_hits, self.gone_hits))


def pairs(replayed: Mapping[str, Incident], live: Mapping[str, Incident]) -> dict[str, str]:
    """Replayed incident id -> the live incident that holds most of its reports (ids may differ:
    an incident takes its id from its first report, and a changed rule can change which that is)."""
    owner = {r.article_id: inc.id for inc in live.values() for r in inc.reports}
    out: dict[str, str] = {}
    taken: set[str] = set()
    for inc in sorted(replayed.values(), key=lambda i: (-len(i.reports), i.id)):
        counts: dict[str, int] = {}
        for report in inc.reports:
            if (match := owner.get(report.article_id)) is not None and match not in taken:
                counts[match] = counts.get(match, 0) + 1
        if counts:
            best = max(counts, key=lambda k: (counts[k], k == inc.id, k))
            out[inc.id] = best
            taken.add(best)
    return out


def diff(replayed: Outcome, live_incidents: Mapping[str, Incident], live_alerts: Sequence[Alerted]) -> Diff:
    """What replay produced and alerted that the live pipeline did not, and the reverse."""
    matched = pairs(replayed.incidents, live_incidents)
    back = {v: k for k, v in matched.items()}
    out = Diff(
        new_incidents=sorted(i for i in replayed.incidents if i not in matched),
        gone_incidents=sorted(i for i in live_incidents if i not in back),
    )
    for rid, lid in sorted(matched.items()):
        what = _differences(replayed.incidents[rid], live_incidents[lid])
        if what:
            out.changed.append(IncidentChange(rid, lid, what))
    now_alerted = replayed.alerted()
    then_alerted = Outcome(alerts=list(live_alerts)).alerted()
    for rid, entries in sorted(now_alerted.items()):
        before = then_alerted.get(matched.get(rid, ""), {})
        title = _title(replayed.incidents.get(rid))
        out.new_hits += [
            HitChange(rid, e, tuple(sorted(ch)), title)
            for e, ch in sorted(entries.items())
            if e not in before
        ]
    for lid, entries in sorted(then_alerted.items()):
        after = now_alerted.get(back.get(lid, ""), {})
        title = _title(live_incidents.get(lid))
        out.gone_hits += [
            HitChange(lid, e, tuple(sorted(ch)), title) for e, ch in sorted(entries.items()) if e not in after
        ]
    return out


def _covered(incident: Incident) -> set[str]:
    return {area for lineage in incident.lineages() for area in lineage}


def _differences(a: Incident, b: Incident) -> tuple[str, ...]:
    what = []
    if set(a.attack_types) != set(b.attack_types):
        what.append("types")
    # By the areas the places cover: a live incident read from its update names its most specific
    # places only (topics.wire), whose lineages name the rest.
    if _covered(a) != _covered(b):
        what.append("places")
    if {r.article_id for r in a.reports} != {r.article_id for r in b.reports}:
        what.append("reports")
    if a.state != b.state:
        what.append("state")
    return tuple(what)


def _title(incident: Incident | None) -> str:
    return incident.reports[0].title if incident is not None and incident.reports else ""
