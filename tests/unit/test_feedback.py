"""Feedback that acts: a dismissed incident raises no further alert, a wrong place stops being a
target for new articles, and the marks export as labelled items of the eval format."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from tests.factories import facts, incident
from wirewatch.alerts.marks import Marks, with_exclusions
from wirewatch.alerts.router import Router
from wirewatch.alerts.routing_config import Channel, Routing
from wirewatch.core.alerting import AlertPolicy
from wirewatch.core.analysis import Analyzer
from wirewatch.core.detect import Article
from wirewatch.core.watch import WatchEntry
from wirewatch.feedback import label_for, labelled_items
from wirewatch.metrics import Metrics
from wirewatch.topics import NOTIFICATIONS
from wirewatch.topics.records import AttackReport, FeedbackRecord, IncidentUpdate, feedback_key

NOW = datetime(2026, 3, 14, 9, 0, tzinfo=UTC)
ANALYZER = Analyzer.create((WatchEntry(id="ain-al-asad", kind="base", names=("Ain al-Asad",)),))


def router() -> Router:
    routing = Routing(
        channels={"analysts": Channel("analysts", "")},
        routes={},
        default=("analysts",),
        operator=(),
        policy=AlertPolicy(update_min_interval=timedelta(0)),
    )
    return Router(ANALYZER, routing, Metrics.create())


def mark(kind: str, incident_id: str, **extra) -> FeedbackRecord:
    return FeedbackRecord(mark=kind, incident_id=incident_id, by="dana", at=NOW, **extra)


def notices(outputs) -> list[str]:
    return [k for spec, k, _ in outputs if spec is NOTIFICATIONS]


def test_a_dismissed_incident_gets_no_update_alert_and_a_withdrawn_mark_restores_alerts() -> None:
    first = facts("a1", "Wire A", NOW)
    second = facts("b1", "Wire B", NOW + timedelta(minutes=5))
    third = facts("c1", "Wire C", NOW + timedelta(minutes=9))
    one, _ = incident(first)
    two, _ = incident(first, second)
    three, _ = incident(first, second, third)
    r = router()
    assert notices(
        r.on_update(IncidentUpdate(change="new", incident=one, article_id="a1", at=NOW), None, NOW)
    )
    key = feedback_key("not_attack", one.id)
    r.marks.apply(key, mark("not_attack", one.id, why="a drill"))
    later = NOW + timedelta(minutes=5)
    outputs = r.on_update(
        IncidentUpdate(change="corroborated", incident=two, article_id="b1", at=later), None, later
    )
    assert notices(outputs) == []
    assert r.metrics.notifications_dismissed._value.get() == 1
    assert r.tick(later + timedelta(hours=1)) == []  # nothing pending comes out later either
    r.marks.apply(key, None)  # the mark withdrawn (a tombstone)
    again = NOW + timedelta(minutes=9)
    outputs = r.on_update(
        IncidentUpdate(change="updated", incident=three, article_id="c1", at=again), None, again
    )
    assert notices(outputs)  # alerts again


def test_not_relevant_dismisses_but_wrong_place_and_same_event_do_not() -> None:
    marks = Marks()
    marks.apply("k1", mark("wrong_place", "i1", place_id="ain-al-asad", right_place="Asad street"))
    marks.apply("k2", mark("same_event", "i2", other_incident="i3"))
    assert not marks.dismissed("i1") and not marks.dismissed("i2")
    assert marks.wrong_places == {"ain-al-asad"}
    marks.apply("k3", mark("not_relevant", "i4"))
    assert marks.dismissed("i4")


def test_a_wrong_place_mark_stops_the_place_being_a_target_of_new_articles() -> None:
    article = Article(
        id="n1",
        title="Rockets hit Ain al-Asad air base",
        text="Two rockets hit Ain al-Asad air base in Anbar today, officials said.",
        published=NOW,
        lang="en",
    )
    before = ANALYZER.analyze(article)
    assert before.current.watch_hits == ("ain-al-asad",)
    after = with_exclusions(ANALYZER, frozenset({"ain-al-asad"})).analyze(article)
    assert "ain-al-asad" not in after.current.watch_hits
    assert all(p.id != "ain-al-asad" for p in after.current.places)
    assert with_exclusions(ANALYZER, frozenset()) is ANALYZER


def test_marks_export_as_eval_items_with_the_label_the_mark_gives() -> None:
    report = facts("a1", "Wire A", NOW, title="Rockets hit Ain al-Asad", url="https://example.org/a1")
    inc, _ = incident(report)
    hits = ("ain-al-asad", "anbar")  # the report's types and places: rocket on Ain al-Asad
    assert label_for(mark("not_attack", inc.id), inc, report, hits) == {
        "attack": False,
        "types": [],
        "watch_hits": [],
        "event": None,
        "trap": "feedback:not_attack",
    }
    wrong = label_for(mark("wrong_place", inc.id, place_id="ain-al-asad"), inc, report, hits)
    assert wrong["attack"] is True and wrong["watch_hits"] == ["anbar"]
    same = label_for(mark("same_event", inc.id, other_incident="aaa"), inc, report, hits)
    assert same["event"] == "aaa"
    items = labelled_items(
        [mark("not_relevant", inc.id, why="not our base")],
        {inc.id: inc},
        {
            "a1": AttackReport(
                country="IQ", facts=report, detected_at=NOW, watch_hits=hits, text="Two rockets hit the base."
            )
        },
    )
    assert items == [
        {
            "id": "a1",
            "lang": "en",
            "style": "feedback",
            "outlet": "Wire A",
            "published": "2026-03-14T09:00:00Z",
            "title": "Rockets hit Ain al-Asad",
            "text": "Two rockets hit the base.",
            "url": "https://example.org/a1",
            "label": {
                "attack": True,
                "types": ["rocket"],
                "watch_hits": [],
                "event": inc.id,
                "trap": "feedback:not_relevant",
            },
            "feedback": {"by": "dana", "at": NOW.isoformat(), "why": "not our base"},
        }
    ]


def test_an_attack_report_of_version_3_is_read_with_the_watch_hits_of_its_analysis() -> None:
    from wirewatch.topics.codec import encode
    from wirewatch.topics.records import report_or_mark

    report = facts("a1", "Wire A", NOW)
    new = AttackReport(country="IQ", facts=report, detected_at=NOW, watch_hits=("anbar",), text="t")
    assert b'"attack-report/4"' in encode(new) and b"details" not in encode(new)
    assert report_or_mark(encode(new)) == new
    old = new.model_dump(mode="json", by_alias=True, exclude={"watch_hits"})
    v3 = {**old, "schema": "attack-report/3", "details": {"attack": True, "watch_hits": ["ain-al-asad"]}}
    read = report_or_mark(json.dumps(v3).encode())
    assert isinstance(read, AttackReport)
    assert read.schema_ == "attack-report/3" and read.watch_hits == ("ain-al-asad",) and read.text == "t"
    bare = report_or_mark(json.dumps({**old, "schema": "attack-report/3"}).encode())
    assert isinstance(bare, AttackReport) and bare.watch_hits == ()
