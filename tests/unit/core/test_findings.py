"""The typed analysis and its JSON record (core.findings): what ``wirewatch analyze`` prints."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from wirewatch.core.analysis import Analyzer, analyze_batch
from wirewatch.core.detect import Article
from wirewatch.core.watch import WatchEntry

MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ANALYZER = Analyzer.create((WatchEntry(id="ain-al-asad", kind="base", names=("Ain al-Asad",)),))
# The keys of a line of `wirewatch analyze`, in their order (README, "wirewatch analyze").
RECORD_KEYS = [
    "id", "lang", "attack", "late_report", "attack_types", "watch_hits", "incident", "event_time",
    "event_dated", "intercepted", "places", "projectiles", "casualties", "reported_by", "attacks",
    "claimed_by", "claim", "references", "late", "truncated",
]  # fmt: skip
PLACE_KEYS = ["id", "name", "name_ar", "kind", "role", "governorate", "country", "lineage", "area"]


def test_an_attack_has_typed_facts_and_prints_the_documented_record() -> None:
    article = Article("a", "Two rockets hit Ain al-Asad air base on Sunday", "", published=MONDAY)
    analysis = ANALYZER.analyze(article)
    assert analysis.attack is True and analysis.late is None
    assert analysis.current.watch_hits == ("ain-al-asad",)
    assert analysis.current.event_time == datetime(2026, 11, 22, 9, 0, tzinfo=UTC)  # "on Sunday"
    [place] = analysis.current.places
    assert place.id == "ain-al-asad" and place.role == "target" and place.country == "IQ"
    record = json.loads(json.dumps(analysis.record()))  # as printed
    assert list(record) == RECORD_KEYS
    assert record["event_time"] == "2026-11-22T09:00:00+00:00"
    assert record["watch_hits"] == ["ain-al-asad"] and record["incident"] is None
    assert list(record["places"][0]) == PLACE_KEYS
    assert record["places"][0]["lineage"] == list(place.lineage)
    assert record["casualties"] == {"killed": None, "wounded": None}
    assert [a["sentence"] for a in record["attacks"]] == [1]


def test_the_incident_stage_sets_the_incident_of_the_analysis_not_of_its_late_report() -> None:
    late = Article(
        "b",
        "A car bomb exploded at a market in Ramadi on Friday evening, killing four people",
        "",
        published=MONDAY,
    )
    [analysis] = analyze_batch([late], ANALYZER)
    assert analysis.attack is False and analysis.late_report is True and analysis.late is not None
    assert analysis.incident is not None
    record = analysis.record()
    assert record["incident"] == analysis.incident and record["late"]["incident"] is None
    assert record["attack_types"] == [] and record["late"]["attack_types"] == list(analysis.late.attack_types)
    assert list(record["late"]) == RECORD_KEYS[4:15]
