"""The processor's incident stage apart from Faust: its tables as the casebook's stores, and one message
through a step.

Two changelogged tables, keyed by bytes: ``incidents`` (incident id -> the held incident, with
its country and partition) and ``report-owners`` (article id -> incident id). Reading decodes;
``write`` applies a step's ``Outcome`` (keep, own, retire) inside the agent that handles the
message, so that each write goes to that message's partition. ``Desk`` opens the casebook over
them again when the instance's partitions change; ``incident_step`` decodes one attack-reports
message (a report, or an analyst's merge or split) and calls its step; ``routed_mark`` turns a
feedback record into the merge or split the processor sends on to the incidents' partitions.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from wirewatch.core import casebook
from wirewatch.core.casebook import Casebook, HandOver, Held, IncomingReport, Outcome
from wirewatch.core.incidents import IncidentRules
from wirewatch.errors import BadRecord
from wirewatch.metrics import Metrics
from wirewatch.topics.codec import decode, encode, key
from wirewatch.topics.records import (
    AttackReport,
    FeedbackRecord,
    IncidentMarkRecord,
    StoredIncident,
    report_or_mark,
)

log = logging.getLogger("wirewatch.processor")


class HeldIncidents(Mapping[str, Held]):
    """The incidents table, by incident id."""

    def __init__(self, table: Any) -> None:
        self.table = table

    def __getitem__(self, incident_id: str) -> Held:
        raw = self.table.get(key(incident_id))
        if raw is None:
            raise KeyError(incident_id)
        return decode(raw, StoredIncident).held()

    def __iter__(self) -> Iterator[str]:
        return (k.decode("utf-8") for k in self.table)

    def __len__(self) -> int:
        return len(self.table)

    def readable(self) -> Iterator[Held]:
        """Every incident the table holds here (one that cannot be read is left out)."""
        for _, raw in self.table.items():
            try:
                yield decode(raw, StoredIncident).held()
            except BadRecord:
                continue


class ReportOwners(Mapping[str, str]):
    """The report-owners table: which incident holds each article."""

    def __init__(self, table: Any) -> None:
        self.table = table

    def __getitem__(self, article_id: str) -> str:
        raw = self.table.get(key(article_id))
        if raw is None:
            raise KeyError(article_id)
        return str(raw.decode("utf-8"))

    def __iter__(self) -> Iterator[str]:
        return (k.decode("utf-8") for k in self.table)

    def __len__(self) -> int:
        return len(self.table)


def write(incidents: HeldIncidents, owners: ReportOwners, outcome: Outcome) -> None:
    """Store what the outcome keeps, the articles that change hands, and delete what it retires."""
    for held in outcome.keep:
        incidents.table[key(held.incident.id)] = encode(StoredIncident.of(held))
    for article_id, incident_id in outcome.owners:
        owners.table[key(article_id)] = key(incident_id)
    for held in outcome.retired:
        for report in held.incident.reports:
            if owners.get(report.article_id) == held.incident.id:
                owners.table.pop(key(report.article_id), None)
        incidents.table.pop(key(held.incident.id), None)


def incident_step(book: Casebook, value: bytes | None, partition: int, now: datetime) -> Outcome:
    """One attack-reports message through the incident stage: a report, or an analyst's merge or split.

    Raises ``BadRecord`` for a message that is neither.
    """
    item = report_or_mark(value)
    if isinstance(item, AttackReport):
        return casebook.file_report(book, IncomingReport(item.facts, item.country, partition), now)[1]
    if item.kind == "merge" and item.into:
        return casebook.merge_away(book, item.incident_id, item.into, partition, now)[1]
    if item.kind == "absorb" and item.into:
        hand_over = HandOver(item.incident_id, item.into, item.reports)
        return casebook.absorb(book, hand_over, partition, now)[1]
    if item.kind == "split" and item.article_id:
        return casebook.split(book, item.incident_id, item.article_id, partition, now)[1]
    raise BadRecord(f"incident mark {item.kind!r} of {item.incident_id} names no other incident or report")


def routed_mark(value: bytes | None) -> IncidentMarkRecord | None:
    """The incident mark an analyst's feedback record asks for (``None``: not a merge or a split)."""
    if value is None:
        return None  # a withdrawn mark: a merge or a split done stays done
    mark = decode(value, FeedbackRecord)
    if mark.mark == "same_event" and mark.other_incident:
        return IncidentMarkRecord(
            kind="merge", incident_id=mark.incident_id, into=mark.other_incident, by=mark.by, at=mark.at
        )
    if mark.mark == "not_this_event" and mark.article_id:
        return IncidentMarkRecord(
            kind="split", incident_id=mark.incident_id, article_id=mark.article_id, by=mark.by, at=mark.at
        )
    return None


@dataclass
class Desk:
    """The casebook over the tables, opened again whenever this instance's partitions change."""

    rules: IncidentRules
    retention: timedelta
    held: HeldIncidents
    owners: ReportOwners
    current: Casebook | None = None
    built_for: frozenset[int] | None = None
    next_sweep: float = 0.0

    def book(self, assigned: frozenset[int]) -> Casebook:
        if self.current is None or self.built_for != assigned:
            self.current = casebook.open_book(
                self.rules, self.retention, self.held, self.owners, self.held.readable()
            )
            self.built_for = assigned
            log.info(
                "incident index rebuilt for partitions %s: %d incidents, %d open",
                sorted(assigned),
                len(self.current.homes),
                len(self.current.index.summaries),
            )
        return self.current


def log_outcome(metrics: Metrics, outcome: Outcome) -> None:
    if outcome.duplicate:
        metrics.incident_changes.labels("duplicate").inc()
        log.info("a redelivered report or mark: nothing changed")
    for change in outcome.changes:
        metrics.incident_changes.labels(change.change).inc()
        incident = change.incident
        log.info(
            "incident %s: %s by %s (%s, %d independent outlets)",
            incident.id,
            change.change,
            change.article_id or "an analyst",
            incident.state,
            incident.independent_outlets,
        )
    for hand_over in outcome.hand_over:
        log.info("incident %s: merged into %s, its reports handed over", hand_over.absorbed, hand_over.into)
