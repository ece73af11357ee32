"""Records are schemas of their own (topics.wire, topics.notices): no record embeds a core model, the
converters are the only coupling, and the records that kept their version write what they wrote."""

from __future__ import annotations

import json
import typing
from datetime import UTC, datetime, timedelta

from pydantic import BaseModel

from tests.factories import AIN_AL_ASAD, ANBAR, facts, incident
from wirewatch.core.alerting import DigestItem, Notice, Silence
from wirewatch.core.casebook import Held
from wirewatch.core.health import FeedEvent
from wirewatch.core.incidents import ReportFacts
from wirewatch.topics import shapes
from wirewatch.topics.codec import decode, encode
from wirewatch.topics.records import (
    AttackReport,
    DeadLetterRecord,
    IncidentMarkRecord,
    NotificationRecord,
    SilenceRecord,
    StoredIncident,
)

T0 = datetime(2026, 11, 25, 6, 0, tzinfo=UTC)
FULL = facts(
    "a1",
    "Wire",
    T0,
    places=(AIN_AL_ASAD, ANBAR),
    seen_at=T0 + timedelta(minutes=2),
    killed=2,
    projectiles=3,
    intercepted=True,
    claimed_by=("a group",),
    signature=tuple(range(64)),
    text_chars=812,
    dated=True,
    together=(("ain-al-asad",), ("IQ-AN",)),
    url="https://wire.example/a1",
    revision=2,
    wounded=1,
    late=True,
    wire_of="a0",
    lang="ar",
)


def _models(model: type[BaseModel]) -> set[type[BaseModel]]:
    """Every model a record's fields reach, itself included."""
    found: set[type[BaseModel]] = set()
    todo: list[typing.Any] = [model]
    while todo:
        kind = todo.pop()
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            if kind not in found:
                found.add(kind)
                todo += [f.annotation for f in kind.model_fields.values()]
        else:
            todo += typing.get_args(kind)
    return found


def test_no_record_embeds_a_core_model_so_a_core_rename_cannot_change_a_topic() -> None:
    # A field renamed in wirewatch.core fails the type check of a converter (of/to_core); it cannot
    # reach a record's shape, which is built from topics' own models only.
    reached = {m.__module__ + "." + m.__name__ for r in shapes.RECORDS for m in _models(r)}
    assert reached and not {name for name in reached if name.startswith("wirewatch.core.")}
    assert "wirewatch.topics.wire.WireFacts" in reached  # the walk does reach nested models


def test_records_that_kept_their_version_write_what_they_wrote() -> None:
    # What each wrote when it embedded the core model: the core model's own JSON.
    report = AttackReport(country="IQ", facts=FULL, detected_at=T0, watch_hits=("ain",), text="t")
    assert json.loads(encode(report))["facts"] == FULL.model_dump(mode="json")
    assert decode(encode(report), AttackReport).facts == FULL
    mark = IncidentMarkRecord(kind="absorb", incident_id="inc-1", into="inc-2", reports=(FULL,), at=T0)
    assert json.loads(encode(mark))["reports"] == [FULL.model_dump(mode="json")]
    assert decode(encode(mark), IncidentMarkRecord).reports == (FULL,)
    held, _ = incident(FULL, facts("b1", "Other", T0 + timedelta(minutes=5), wounded=1, signature=(7,) * 64))
    stored = StoredIncident.of(Held(held, "IQ", 3))
    assert json.loads(encode(stored))["incident"] == held.model_dump(mode="json")
    assert decode(encode(stored), StoredIncident).held() == Held(held, "IQ", 3)
    silence = Silence(id="s1", entry="ain", until=T0, comment="drill", created_at=T0)
    assert json.loads(encode(SilenceRecord(silence=silence)))["silence"] == silence.model_dump(mode="json")
    assert decode(encode(SilenceRecord(silence=silence)), SilenceRecord).silence == silence


def test_a_notice_is_read_back_the_same_and_notices_of_version_2_are_read_still() -> None:
    bare = tuple(r.model_copy(update={"signature": (), "text_chars": 0, "together": ()}) for r in [FULL])
    held, _ = incident(*bare)  # as the alerter holds incidents: made from updates, no signatures
    event = FeedEvent(feed_url="https://wire.example/rss", event="broken", failures=5, at=T0)
    notice = Notice(
        key="k1",
        kind="new",
        channel="ops",
        severity="high",
        change="new",
        entries=("ain",),
        incident=held,
        digest=(DigestItem(incident=held, entries=("ain",), severity="low"),),
        feed_events=(event,),
        created_at=T0,
        source_seen_at=T0,
        article_seen_at=T0 - timedelta(seconds=30),
    )
    for record in (
        NotificationRecord(notice=notice),
        DeadLetterRecord(notice=notice, reason="down", attempts=3, first_attempt_at=T0, at=T0),
    ):
        encoded = encode(record)
        assert b"signature" not in encoded  # the incidents topic's shape: no empty signature fields
        assert decode(encoded, type(record)).notice == notice
    old = json.dumps({"schema": "notification/2", "notice": notice.model_dump(mode="json")})
    assert decode(old.encode(), NotificationRecord).notice == notice
    old_dead = json.dumps(
        {
            "schema": "dead-letter/2",
            "notice": notice.model_dump(mode="json"),
            "reason": "down",
            "attempts": 3,
            "first_attempt_at": "2026-11-25T06:00:00Z",
            "at": "2026-11-25T06:00:00Z",
        }
    )
    assert decode(old_dead.encode(), DeadLetterRecord).notice == notice


def test_the_full_report_fills_every_field() -> None:
    # So the comparisons above cover every field of a report.
    far = datetime(2000, 1, 1, tzinfo=UTC)
    bare = ReportFacts(article_id="x", outlet="o", lang="xx", seen_at=far, event_time=far, types=("other",))
    assert [name for name, value in FULL.model_dump().items() if value == getattr(bare, name)] == []
