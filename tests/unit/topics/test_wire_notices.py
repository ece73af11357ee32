"""The alert router's memory on the alert-state topic (topics.notices): typed, and read back the same."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta

import pytest

from tests.factories import facts, incident
from wirewatch.core.alerting import ChannelState, DigestBuffer, DigestItem, IncidentAlerts
from wirewatch.core.alertstep import FeedWindow
from wirewatch.core.health import FeedEvent
from wirewatch.core.incidents import Incident
from wirewatch.topics import shapes
from wirewatch.topics.codec import decode, encode
from wirewatch.topics.records import AlertStateRecord, FeedHealthEvent

T0 = datetime(2026, 11, 25, 6, 0, tzinfo=UTC)
BROKEN = FeedEvent(
    feed_url="https://wire.example/rss",
    outlet="Wire",
    event="broken",
    failures=5,
    error_class="http_404",
    error="Not Found",
    failing_since=T0,
    at=T0 + timedelta(minutes=9),
)
RECOVERED = FeedEvent(feed_url="https://other.example/feed", event="recovered", failures=2, at=T0)


def _incident() -> Incident:
    """An incident as the alerter holds it: made from an update, so without text signatures."""
    made, _ = incident(
        facts("a1", "Wire", T0, killed=2),
        facts("b1", "Other", T0 + timedelta(minutes=5), wounded=4, wire_of=None),
    )
    return made


def _kept() -> list[IncidentAlerts | DigestBuffer | FeedWindow]:
    held = _incident()
    channel = ChannelState(alerted_revision=1, last_sent_revision=2, last_sent_at=T0, entries=("ain",))
    return [
        IncidentAlerts(incident=held, channels={"ops": channel, "mail": ChannelState(pending_revision=3)}),
        DigestBuffer(
            channel="daily",
            opened_at=T0,
            items=(DigestItem(incident=held, entries=("ain",), severity="low"),),
        ),
        FeedWindow(opened_at=T0, events=(BROKEN, RECOVERED)),
    ]


@pytest.mark.parametrize("kept", _kept(), ids=["incident", "digest", "feeds"])
def test_what_the_router_keeps_is_read_back_the_same(
    kept: IncidentAlerts | DigestBuffer | FeedWindow,
) -> None:
    record = decode(encode(AlertStateRecord.of(kept)), AlertStateRecord)
    assert record.schema_ == "alert-state/3"
    assert record.kept() == kept


def test_the_feed_events_of_the_window_are_typed_on_the_wire() -> None:
    shape = json.dumps(shapes.shape(AlertStateRecord))
    assert '"WireFeedEvent"' in shape and '"broken"' in shape  # an object with its fields, not a free dict
    encoded = encode(AlertStateRecord.of(FeedWindow(opened_at=T0, events=(BROKEN,))))
    # The same JSON the window's events had as dicts.
    assert json.loads(encoded)["feeds"]["events"] == [BROKEN.model_dump(mode="json")]


def test_state_of_version_2_is_read_still_and_an_unreadable_feed_event_is_skipped(
    caplog: pytest.LogCaptureFixture,
) -> None:
    held = _incident()
    # As version 2 wrote them: the core's models as they were, the feed events as dicts.
    old_incident = {
        "schema": "alert-state/2",
        "incident": {"incident": held.model_dump(mode="json"), "channels": {}},
    }
    read = decode(json.dumps(old_incident).encode(), AlertStateRecord).kept()
    assert read == IncidentAlerts(incident=held)
    events = [
        BROKEN.model_dump(mode="json"),
        {"feed_url": "https://x.example", "event": "lost"},
        RECOVERED.model_dump(mode="json"),
    ]
    old_feeds = {"schema": "alert-state/2", "feeds": {"opened_at": "2026-11-25T06:00:00Z", "events": events}}
    with caplog.at_level(logging.WARNING, "wirewatch.alerter"):
        window = decode(json.dumps(old_feeds).encode(), AlertStateRecord).kept()
    assert window == FeedWindow(opened_at=T0, events=(BROKEN, RECOVERED))
    assert "skipped a feed-health event of the open window (2 errors)" in caplog.text


def test_a_feed_health_record_is_the_routers_event() -> None:
    record = FeedHealthEvent(**BROKEN.model_dump())
    assert record.to_core() == BROKEN
