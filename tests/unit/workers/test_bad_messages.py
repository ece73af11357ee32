"""The one bad-message policy of the stream workers: counted under the right kind, logged once, skipped."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from wirewatch.errors import BadRecord
from wirewatch.metrics import Metrics
from wirewatch.topics import FEED_HEALTH, INCIDENT_UPDATES
from wirewatch.topics.codec import encode
from wirewatch.topics.records import FeedHealthEvent
from wirewatch.workers.bad_messages import skip_bad

LOG = logging.getLogger("wirewatch.test-worker")
NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


@dataclass
class Message:
    topic: str
    partition: int
    offset: int
    value: bytes | None = b""
    timestamp: int | None = None


def counts(metrics: Metrics) -> dict[str, float]:
    return {
        sample.labels["kind"]: sample.value
        for family in metrics.registry.collect()
        if family.name == "wirewatch_bad_input"
        for sample in family.samples
        if sample.name.endswith("_total") and sample.value
    }


def test_a_malformed_message_is_counted_under_its_kind_logged_once_and_skipped(
    caplog: pytest.LogCaptureFixture,
) -> None:
    metrics = Metrics.create()
    with skip_bad(metrics, "incident_update", Message("p.t", 2, 41), LOG, "alert_error"):
        raise BadRecord("field incident.id: missing")
    assert counts(metrics) == {"incident_update": 1.0}
    [line] = caplog.records
    assert (line.levelname, line.name) == ("WARNING", "wirewatch.test-worker")
    assert line.getMessage() == "skipping malformed incident update at p.t[2]@41: field incident.id: missing"
    assert line.exc_info is None


def test_a_bug_on_one_message_is_counted_as_the_workers_error_with_its_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    metrics = Metrics.create()
    with skip_bad(metrics, "article", Message("p.articles.v1", 0, 7), LOG, "analysis_error"):
        raise KeyError("lost")
    assert counts(metrics) == {"analysis_error": 1.0}
    [line] = caplog.records
    assert (
        line.levelname == "ERROR"
        and line.getMessage() == "processing the article at p.articles.v1[0]@7 failed; skipped"
    )
    assert line.exc_info is not None and line.exc_info[0] is KeyError


@pytest.mark.parametrize("stop", [KeyboardInterrupt(), asyncio.CancelledError(), SystemExit(1)])
def test_what_is_not_an_exception_goes_through(stop: BaseException) -> None:
    metrics = Metrics.create()
    with pytest.raises(type(stop)), skip_bad(metrics, "article", Message("t", 0, 0), LOG, "analysis_error"):
        raise stop
    assert counts(metrics) == {}


def test_a_good_message_counts_nothing_and_a_kind_not_pre_created_is_refused() -> None:
    metrics = Metrics.create()
    with skip_bad(metrics, "silence", Message("t", 0, 0), LOG, "alert_error"):
        pass
    assert counts(metrics) == {}
    with pytest.raises(ValueError, match="'incident'"):
        skip_bad(metrics, "incident", Message("t", 0, 0), LOG, "alert_error")


class Unreached:
    """A router that a message which cannot be decoded must never reach."""

    def on_feed_health(self, event: object, now: datetime) -> list[str]:
        return ["reached"]

    def on_update(self, update: object, seen_at: object, now: datetime) -> list[str]:
        return ["reached"]


@pytest.mark.parametrize(
    ("spec", "kind"), [(FEED_HEALTH, "feed_health"), (INCIDENT_UPDATES, "incident_update")]
)
def test_the_alerter_counts_a_bad_message_under_what_it_is(spec: object, kind: str) -> None:
    # Before one policy, the alerter counted both as "report" (an attack report) and its bugs as
    # "analysis_error" (the processor's).
    from wirewatch.workers.alerter import _route

    metrics = Metrics.create()
    bad = Message(spec.full_name("p"), 0, 3, value=b"{not json")  # type: ignore[attr-defined]
    assert _route(Unreached(), bad, NOW, metrics) == []  # type: ignore[arg-type]
    assert counts(metrics) == {kind: 1.0}


def test_the_alerter_counts_a_bug_in_its_router_as_its_own_error() -> None:
    from wirewatch.workers.alerter import _route

    class Broken:
        def on_feed_health(self, event: object, now: datetime) -> list[object]:
            raise RuntimeError("a bug")

    metrics = Metrics.create()
    event = FeedHealthEvent(feed_url="https://example.org/rss", event="broken", failures=5, at=NOW)
    value = encode(event)
    assert _route(Broken(), Message(FEED_HEALTH.full_name("p"), 0, 4, value=value), NOW, metrics) == []  # type: ignore[arg-type]
    assert counts(metrics) == {"alert_error": 1.0}
