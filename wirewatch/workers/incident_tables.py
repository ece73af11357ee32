"""The processor's Faust tables seen as the mappings ``core.casebook`` reads, and written from its outcomes.

Two changelogged tables, keyed by bytes: ``incidents`` (incident id -> the held incident, with
its country and partition) and ``report-owners`` (article id -> incident id). Reading decodes;
``write`` applies a step's ``Outcome`` (keep, own, retire) inside the agent that handles the
message, so that each write goes to that message's partition.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from wirewatch.core.casebook import Held, Outcome
from wirewatch.errors import BadRecord
from wirewatch.topics.codec import decode, encode, key
from wirewatch.topics.records import StoredIncident


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
