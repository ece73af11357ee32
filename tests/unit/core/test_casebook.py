"""The incident stage as pure steps (core.casebook): reports, retention, analysts' merges and splits.

The stores are dicts here, written from each outcome as the processor writes its Faust tables.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.factories import AIN_AL_ASAD, ERBIL_AIRPORT, facts
from wirewatch.core import casebook
from wirewatch.core.casebook import Casebook, HandOver, Held, IncomingReport, Outcome
from wirewatch.core.incidents import IncidentRules, ReportFacts

T0 = datetime(2026, 11, 25, 6, 0, tzinfo=UTC)
RETENTION = timedelta(days=30)


class Desk:
    """A book over dict stores, with the caller's part: write each outcome, keep what is sent."""

    def __init__(self, *existing: Held) -> None:
        self.held: dict[str, Held] = {h.incident.id: h for h in existing}
        self.owners: dict[str, str] = {
            r.article_id: h.incident.id for h in existing for r in h.incident.reports
        }
        self.book: Casebook = casebook.open_book(IncidentRules(), RETENTION, self.held, self.owners, existing)
        self.sent: list[Outcome] = []

    def write(self, outcome: Outcome) -> Outcome:
        for h in outcome.keep:
            self.held[h.incident.id] = h
        self.owners.update(outcome.owners)
        for h in outcome.retired:
            for r in h.incident.reports:
                if self.owners.get(r.article_id) == h.incident.id:
                    del self.owners[r.article_id]
            del self.held[h.incident.id]
        self.sent.append(outcome)
        return outcome

    def report(self, report: ReportFacts, partition: int = 0, now: datetime = T0) -> Outcome:
        self.book, outcome = casebook.file_report(self.book, IncomingReport(report, "IQ", partition), now)
        return self.write(outcome)

    def merge(self, absorbed: str, into: str, partition: int = 0) -> Outcome:
        self.book, outcome = casebook.merge_away(self.book, absorbed, into, partition, T0)
        return self.write(outcome)

    def absorb(self, hand_over: HandOver, partition: int = 0) -> Outcome:
        self.book, outcome = casebook.absorb(self.book, hand_over, partition, T0)
        return self.write(outcome)


def test_a_report_opens_an_incident_and_a_second_outlet_corroborates_it() -> None:
    desk = Desk()
    first = desk.report(facts("a1", "Reuters", T0))
    [change] = first.changes
    assert change.change == "new" and first.owners == (("a1", change.incident.id),)
    assert [h.partition for h in first.keep] == [0] and first.keep[0].country == "IQ"
    second = desk.report(facts("a2", "AP", T0 + timedelta(hours=1)), now=T0 + timedelta(hours=1))
    assert [c.change for c in second.changes] == ["corroborated"]
    assert second.changes[0].incident.id == change.incident.id
    assert desk.book.state_counts["corroborated"] == 1 and desk.book.state_counts["reported"] == 0


def test_a_redelivered_report_is_a_duplicate_and_changes_nothing() -> None:
    desk = Desk()
    desk.report(facts("a1", "Reuters", T0))
    again = desk.report(facts("a1", "Reuters", T0))
    assert again.duplicate and not again.keep and not again.changes


def test_the_book_opened_again_from_the_stores_files_the_next_report_into_the_same_incident() -> None:
    desk = Desk()
    incident_id = desk.report(facts("a1", "Reuters", T0)).changes[0].incident.id
    reopened = Desk(*desk.held.values())
    assert reopened.book.stream_time == T0 and incident_id in reopened.book.index.summaries
    later = reopened.report(facts("a2", "AP", T0 + timedelta(hours=2)))
    assert later.changes[0].incident.id == incident_id


def test_retire_removes_only_this_partitions_incidents_past_retention() -> None:
    desk = Desk()
    old = desk.report(facts("a1", "Reuters", T0), partition=0).keep[0]
    other = desk.report(facts("b1", "AP", T0, places=(ERBIL_AIRPORT,)), partition=1).keep[0]
    day29 = T0 + timedelta(days=29)
    young = desk.report(facts("c1", "AFP", day29, places=(ERBIL_AIRPORT,)), partition=0, now=day29)
    later = T0 + timedelta(days=31)
    desk.book, swept = casebook.retire(desk.book, 0, later)
    desk.write(swept)
    assert [h.incident.id for h in swept.retired] == [old.incident.id]
    assert old.incident.id not in desk.held and "a1" not in desk.owners
    assert other.incident.id in desk.held  # partition 1 is swept when a message of it comes
    assert young.keep[0].incident.id in desk.held


def _two_incidents(desk: Desk) -> tuple[str, str]:
    a = desk.report(facts("a1", "Reuters", T0, killed=2)).changes[0].incident.id
    b = desk.report(facts("b1", "AP", T0, places=(ERBIL_AIRPORT,), killed=5)).changes[0].incident.id
    assert a != b
    return a, b


def test_same_event_merge_on_one_partition_combines_reports_outlets_and_figures() -> None:
    desk = Desk()
    a, b = _two_incidents(desk)
    away = desk.merge(a, b)
    [stub] = away.keep
    assert stub.incident.merged_into == b and not away.changes  # no alert for the absorbed one
    [hand_over] = away.hand_over
    merged = desk.absorb(hand_over)
    [change] = merged.changes
    survivor = change.incident
    assert change.change == "merged" and survivor.id == b and survivor.absorbed == (a,)
    assert {r.article_id for r in survivor.reports} == {"a1", "b1"}
    assert set(survivor.outlets) == {"Reuters", "AP"} and survivor.independent_outlets == 2
    assert (survivor.killed.low, survivor.killed.high) == (2, 5)
    assert desk.owners["a1"] == b
    assert a not in desk.book.index.summaries and desk.book.state_counts["merged"] == 1


def test_a_merge_is_idempotent_and_a_redelivered_hand_over_changes_nothing() -> None:
    desk = Desk()
    a, b = _two_incidents(desk)
    hand_over = desk.merge(a, b).hand_over[0]
    desk.absorb(hand_over)
    assert desk.merge(a, b) == Outcome()  # already merged
    assert desk.absorb(hand_over).duplicate


def test_a_merge_across_partitions_acts_only_where_each_incident_lives() -> None:
    here, there = Desk(), Desk()  # two processors: the absorbed incident on 0, the survivor on 1
    a = here.report(facts("a1", "Reuters", T0), partition=0).changes[0].incident.id
    b = there.report(facts("b1", "AP", T0, places=(ERBIL_AIRPORT,)), partition=1).changes[0].incident.id
    assert there.merge(a, b, partition=1) == Outcome()  # not held there
    hand_over = here.merge(a, b, partition=0).hand_over[0]
    assert here.absorb(hand_over, partition=0) == Outcome()  # the survivor is not held here
    merged = there.absorb(hand_over, partition=1)
    assert {r.article_id for r in merged.changes[0].incident.reports} == {"a1", "b1"}
    # A revision of an absorbed report still arrives where its country's reports go: it is
    # handed on to the survivor, which takes it in as a revision.
    revised = here.report(facts("a1", "Reuters", T0, revision=1, killed=9), partition=0)
    assert not revised.keep and revised.hand_over[0].into == b
    taken = there.absorb(revised.hand_over[0], partition=1)
    assert taken.changes[0].incident.killed.high == 9


def test_a_report_like_the_absorbed_one_no_longer_joins_it() -> None:
    desk = Desk()
    a, b = _two_incidents(desk)
    desk.absorb(desk.merge(a, b).hand_over[0])
    outcome = desk.report(facts("a2", "AFP", T0 + timedelta(hours=1)))
    assert outcome.changes[0].incident.id not in (a,)


def test_a_split_takes_a_report_out_into_an_incident_of_its_own() -> None:
    desk = Desk()
    first = desk.report(facts("a1", "Reuters", T0, killed=2)).changes[0].incident.id
    desk.report(facts("a2", "AP", T0 + timedelta(hours=1), killed=7))
    desk.book, outcome = casebook.split(desk.book, first, "a2", 0, T0 + timedelta(hours=2))
    desk.write(outcome)
    left, alone = (c.incident for c in outcome.changes)
    assert [c.change for c in outcome.changes] == ["split", "new"]
    assert left.id == first and [r.article_id for r in left.reports] == ["a1"] and left.killed.high == 2
    assert [r.article_id for r in alone.reports] == ["a2"] and alone.split_from == first
    assert alone.id == casebook.split_id(first, "a2") and desk.owners["a2"] == alone.id
    # The split report's next revision goes to its own incident.
    revised = desk.report(facts("a2", "AP", T0 + timedelta(hours=1), revision=1, killed=8))
    assert revised.changes[0].incident.id == alone.id


def test_a_split_of_the_only_report_or_of_a_report_not_held_does_nothing() -> None:
    desk = Desk()
    only = desk.report(facts("a1", "Reuters", T0)).changes[0].incident.id
    assert casebook.split(desk.book, only, "a1", 0, T0)[1] == Outcome()
    assert casebook.split(desk.book, only, "zz", 0, T0)[1] == Outcome()
    assert casebook.split(desk.book, only, "a1", 1, T0)[1] == Outcome()  # another partition's


def test_a_hand_over_to_an_incident_merged_away_meanwhile_goes_on_to_its_survivor() -> None:
    desk = Desk()
    a, b = _two_incidents(desk)
    c = desk.report(facts("c1", "AFP", T0, places=(AIN_AL_ASAD,), types=("shooting",))).changes[0].incident.id
    desk.absorb(desk.merge(b, c).hand_over[0])
    onward = desk.absorb(HandOver(a, b, desk.held[a].incident.reports))
    assert onward.hand_over == (HandOver(a, c, desk.held[a].incident.reports),)
