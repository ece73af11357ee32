"""The incident stage's state and its steps (pure): reports, the retention sweep, analysts' merges and splits.

``Casebook`` is what the processor knows of its incidents: the incidents it holds and which
incident holds each article (read through ``Mapping`` views, which the processor backs with its
Faust tables and the tests with dicts), and what is derived from them: the index of open
incidents, each incident's partition and last update, the latest event time seen, and the count
of incidents in each state.

Each step is ``(book, input, now) -> (book, Outcome)``: ``file_report`` (an attack report),
``retire`` (the retention sweep of one partition), ``merge_away``, ``absorb`` and ``split``
(an analyst's "same event" and "not this event" marks). A step never writes the stores: its
``Outcome`` says what to keep, which articles change hands, what to delete and which changes to
send, and the caller does it. The derived state is updated in place and the same book returned:
the book is owned by its caller, who passes it in and goes on with the one returned.

Same-event merges across partitions: the incident stage is partitioned by the country of the
main target, and two incidents an analyst calls one event may live on two partitions (and two
processes). The absorbed incident's holder (``merge_away``) keeps it as a record merged into the
survivor (it takes no more reports) and hands its reports on (``Outcome.hand_over``); the
survivor's holder takes them in (``absorb``). Each step is idempotent, so redelivered marks and
hand-overs change nothing.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from wirewatch.core.incidents import (
    Change,
    Incident,
    IncidentRules,
    OpenIncidents,
    ReportFacts,
    apply,
    assign,
    rebuild,
)


@dataclass(frozen=True, slots=True)
class Held:
    """An incident as the processor holds it: the country its reports are keyed by, and their partition."""

    incident: Incident
    country: str
    partition: int


@dataclass(frozen=True, slots=True)
class IncomingReport:
    """An attack report arriving at the incident stage, on the partition of its country."""

    facts: ReportFacts
    country: str
    partition: int


@dataclass(frozen=True, slots=True)
class IncidentChange:
    """One change of an incident, for the alerting stage."""

    change: Change
    incident: Incident
    article_id: str  # the report that caused it ("" for an analyst's merge or split)
    article_seen_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class HandOver:
    """Reports an absorbed incident hands to the incident that survives a merge (on another partition)."""

    absorbed: str
    into: str
    reports: tuple[ReportFacts, ...]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a step asks the caller to do, in this order: keep, own, retire, send."""

    keep: tuple[Held, ...] = ()  # store (table and incidents topic)
    owners: tuple[tuple[str, str], ...] = ()  # article id -> incident id
    retired: tuple[Held, ...] = ()  # delete, with their articles' owners
    changes: tuple[IncidentChange, ...] = ()  # send to the alerting stage
    hand_over: tuple[HandOver, ...] = ()  # send to the partition of the surviving incident
    duplicate: bool = False  # a redelivery: nothing changed


@dataclass
class Casebook:
    """The incident stage's state: stores read through views, and the indexes derived from them."""

    rules: IncidentRules
    retention: timedelta
    held: Mapping[str, Held]  # incident id -> held incident
    owners: Mapping[str, str]  # article id -> incident id
    index: OpenIncidents = field(default_factory=OpenIncidents)
    homes: dict[str, tuple[int, datetime]] = field(default_factory=dict)  # id -> (partition, last update)
    # The latest event time seen: incidents close relative to the stream, not the wall clock, so
    # a replay of last week's news clusters as it did live.
    stream_time: datetime | None = None
    states: dict[str, str] = field(default_factory=dict)
    state_counts: Counter[str] = field(default_factory=Counter)


def open_book(
    rules: IncidentRules,
    retention: timedelta,
    held: Mapping[str, Held],
    owners: Mapping[str, str],
    existing: Iterable[Held],
) -> Casebook:
    """A book over the stores, its derived state built from the incidents ``existing`` lists."""
    book = Casebook(rules, retention, held, owners)
    for h in existing:
        _note(book, h)
        book.stream_time = max(book.stream_time or h.incident.event_time, h.incident.event_time)
    if book.stream_time is not None:
        book.index.expire(book.stream_time, rules)
    return book


def file_report(book: Casebook, report: IncomingReport, now: datetime) -> tuple[Casebook, Outcome]:
    """The report into its incident (found, or new); a report of an incident merged away goes on to
    the incident that absorbed it."""
    facts = report.facts
    if book.stream_time is None or facts.event_time > book.stream_time:
        book.stream_time = facts.event_time
    owner = book.owners.get(facts.article_id)
    holder = book.held.get(owner) if owner is not None else None
    if holder is not None and holder.incident.merged_into is not None:
        into = holder.incident.merged_into
        return book, Outcome(hand_over=(HandOver(holder.incident.id, into, (facts,)),))
    incident, change = assign(book.index, _incident_of(book), book.owners.get, facts, now, book.rules)
    if change is None:
        return book, Outcome(duplicate=True)
    kept = Held(incident, report.country, report.partition)
    _note(book, kept)
    return book, Outcome(
        keep=(kept,),
        owners=((facts.article_id, incident.id),),
        changes=(IncidentChange(change, incident, facts.article_id, facts.seen_at),),
    )


def retire(book: Casebook, partition: int, now: datetime) -> tuple[Casebook, Outcome]:
    """Close incidents too old to take reports, and retire this partition's past retention.

    One partition at a time: a retired incident's tombstone goes to the partition it lives on.
    """
    book.index.expire(book.stream_time or now, book.rules)
    retired: list[Held] = []
    for incident_id, (home, last_update) in list(book.homes.items()):
        if home != partition or now - last_update <= book.retention:
            continue
        h = book.held.get(incident_id)
        if h is not None and now - h.incident.last_update <= book.retention:
            continue  # updated since the book last saw it
        if h is not None:
            retired.append(h)
        _forget(book, incident_id)
    return book, Outcome(retired=tuple(retired))


def merge_away(
    book: Casebook, absorbed: str, into: str, partition: int, now: datetime
) -> tuple[Casebook, Outcome]:
    """An analyst's "``absorbed`` is the same event as ``into``", on the absorbed incident's partition.

    The absorbed incident is kept, marked merged into the other (it takes no more reports, and no
    alert goes out for it), and its reports are handed over to the survivor. Nothing happens on a
    partition that does not hold it, or when it is already merged.
    """
    h = book.held.get(absorbed)
    if h is None or h.partition != partition or absorbed == into or h.incident.merged_into is not None:
        return book, Outcome()
    stub = h.incident.model_copy(
        update={"merged_into": into, "revision": h.incident.revision + 1, "last_update": now}
    )
    kept = Held(stub, h.country, h.partition)
    _note(book, kept)
    book.index.remove(absorbed)
    return book, Outcome(keep=(kept,), hand_over=(HandOver(absorbed, into, h.incident.reports),))


def absorb(book: Casebook, hand_over: HandOver, partition: int, now: datetime) -> tuple[Casebook, Outcome]:
    """The survivor of a merge takes the absorbed incident's reports in (on the survivor's partition).

    Its reports, outlets and figures are those of both; it sends one ``merged`` change. A report it
    already holds in that revision changes nothing, so a redelivered hand-over is a duplicate.
    """
    h = book.held.get(hand_over.into)
    if h is None or h.partition != partition:
        return book, Outcome()
    if h.incident.merged_into is not None:  # merged away itself meanwhile: on to its survivor
        onward = HandOver(hand_over.absorbed, h.incident.merged_into, hand_over.reports)
        return book, Outcome(hand_over=(onward,))
    incident, changed = h.incident, False
    for report in hand_over.reports:
        incident, change = apply(incident, report, now, book.rules)
        changed = changed or change is not None
    if not changed:
        return book, Outcome(duplicate=True)
    absorbed = tuple(dict.fromkeys((*h.incident.absorbed, hand_over.absorbed)))
    incident = incident.model_copy(update={"absorbed": absorbed})
    kept = Held(incident, h.country, h.partition)
    _note(book, kept)
    return book, Outcome(
        keep=(kept,),
        owners=tuple((r.article_id, incident.id) for r in hand_over.reports),
        changes=(IncidentChange("merged", incident, ""),),
    )


def split_id(incident_id: str, article_id: str) -> str:
    """The id of the incident a report split out of ``incident_id`` starts (deterministic)."""
    digest = hashlib.sha256(f"{incident_id}\n{article_id}".encode()).hexdigest()[:16]
    return f"inc-{digest}"


def split(
    book: Casebook, incident_id: str, article_id: str, partition: int, now: datetime
) -> tuple[Casebook, Outcome]:
    """An analyst's "this report is not this event": the report leaves into an incident of its own.

    The incident keeps its other reports (``updated`` from them); the report starts a new incident
    (``new``) that keeps it: a later revision of the article goes there. Nothing happens on a
    partition that does not hold the incident, when the report is not in it, or when it is the
    incident's only report.
    """
    h = book.held.get(incident_id)
    if h is None or h.partition != partition or h.incident.merged_into is not None:
        return book, Outcome()
    report = next((r for r in h.incident.reports if r.article_id == article_id), None)
    rest = tuple(r for r in h.incident.reports if r.article_id != article_id)
    if report is None or not rest:
        return book, Outcome()
    report = report.model_copy(update={"wire_of": None})
    left = rebuild(h.incident.model_copy(update={"reports": rest}), book.rules).model_copy(
        update={"revision": h.incident.revision + 1, "last_update": now}
    )
    alone, _ = apply(None, report, now, book.rules)
    alone = alone.model_copy(update={"id": split_id(incident_id, article_id), "split_from": incident_id})
    kept = (Held(left, h.country, h.partition), Held(alone, h.country, h.partition))
    for k in kept:
        _note(book, k)
    return book, Outcome(
        keep=kept,
        owners=((article_id, alone.id),),
        changes=(IncidentChange("split", left, article_id), IncidentChange("new", alone, article_id)),
    )


def _incident_of(book: Casebook) -> Callable[[str], Incident | None]:
    def load(incident_id: str) -> Incident | None:
        h = book.held.get(incident_id)
        return h.incident if h is not None else None

    return load


def _note(book: Casebook, h: Held) -> None:
    """The derived state after ``h`` is kept: its home, its state count, and the open index."""
    incident = h.incident
    book.homes[incident.id] = (h.partition, incident.last_update)
    if incident.merged_into is None:
        book.index.put(incident)
    _count(book, incident.id, "merged" if incident.merged_into is not None else incident.state)


def _forget(book: Casebook, incident_id: str) -> None:
    book.homes.pop(incident_id, None)
    book.index.remove(incident_id)
    _count(book, incident_id, None)


def _count(book: Casebook, incident_id: str, state: str | None) -> None:
    old = book.states.pop(incident_id, None)
    if old is not None:
        book.state_counts[old] -= 1
    if state is not None:
        book.states[incident_id] = state
        book.state_counts[state] += 1
