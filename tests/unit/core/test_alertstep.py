"""The alert router's step without a broker: state and one input in, state and outputs out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.factories import AL_QAIM, ERBIL_AIRPORT, facts, incident
from wirewatch.alerts.router import Router
from wirewatch.alerts.routing_config import Channel, Routing
from wirewatch.core.alerting import AlertPolicy, Route, Silence
from wirewatch.core.alertstep import (
    FEEDS_KEY,
    IncidentChange,
    Remember,
    RouterRules,
    RouterState,
    RouterStep,
    Send,
    note_feed_event,
    recall,
    route,
    tick,
)
from wirewatch.core.analysis import Analyzer
from wirewatch.core.health import FeedEvent
from wirewatch.core.watch import WatchEntry, WatchTarget
from wirewatch.metrics import Metrics
from wirewatch.topics import ALERT_STATE, NOTIFICATIONS
from wirewatch.topics.records import FeedHealthEvent

T0 = datetime(2026, 3, 14, 9, 0, tzinfo=UTC)
WATCH = (
    WatchTarget("ain-al-asad", "base", "ain-al-asad", False),
    WatchTarget("anbar", "governorate", "IQ-AN", False),
    WatchTarget("erbil", "base", "erbil-airport", False),
)
POLICY = AlertPolicy(
    update_min_interval=timedelta(minutes=10),
    freshness=timedelta(hours=2),
    digest_window=timedelta(minutes=5),
    feed_health_window=timedelta(minutes=1),
)
RULES = RouterRules(
    WATCH,
    {"ain-al-asad": Route("ain-al-asad", ("ops", "mail")), "erbil": Route("erbil", ("kurdistan",))},
    default=("analysts",),
    operator=("oncall", "ops"),
    policy=POLICY,
)


def nobody(_: str) -> bool:
    return False


def report(article: str, outlet: str, minutes: float = 0, **extra):
    return facts(article, outlet, T0 + timedelta(minutes=minutes), **extra)


def change(*reports, article_seen_at: datetime | None = None) -> IncidentChange:
    current, what = incident(*reports)
    return IncidentChange(current, what or "new", article_seen_at=article_seen_at)


def sent(step: RouterStep) -> list[tuple[str, str]]:
    return sorted((n.channel, n.kind) for n in step.notices)


def kept(step: RouterStep) -> list[tuple[str, bool]]:
    """(key, still kept?) of each memory output, in order."""
    return [(o.key, o.value is not None) for o in step.outputs if isinstance(o, Remember)]


def routed(state, item, minutes: float, silences=(), dismissed=nobody) -> RouterStep:
    return route(state, item, T0 + timedelta(minutes=minutes), RULES, silences, dismissed)


# -- incidents ---------------------------------------------------------------------------------------


def test_the_first_alert_goes_to_every_channel_of_the_hit_entries_and_is_remembered() -> None:
    item = change(report("a1", "Wire A"), article_seen_at=T0)
    step = routed(RouterState(), item, 1)
    # Ain al-Asad has its own route (ops, mail); Anbar has none: the default channel.
    assert sent(step) == [("analysts", "new"), ("mail", "new"), ("ops", "new")]
    assert all(n.article_seen_at == T0 for n in step.notices)
    assert kept(step) == [(f"incident:{item.incident.id}", True)]
    alerts = step.state.incidents[item.incident.id]
    assert set(alerts.channels) == {"analysts", "mail", "ops"}
    # Notices come before the memory that says they were decided.
    assert isinstance(step.outputs[0], Send) and isinstance(step.outputs[-1], Remember)


@pytest.mark.parametrize(
    ("places", "channels"),
    [
        ((ERBIL_AIRPORT,), [("kurdistan", "new")]),
        ((AL_QAIM,), [("analysts", "new")]),  # in Anbar: the governorate's entry, default channel
    ],
)
def test_each_entry_routes_to_its_own_channels(places, channels) -> None:
    step = routed(RouterState(), change(report("a1", "Wire A", places=places)), 1)
    assert sent(step) == channels


def test_an_incident_nobody_watches_sends_and_keeps_nothing() -> None:
    state = RouterState()
    elsewhere = facts("a1", "Wire A", T0, places=())
    step = routed(state, change(elsewhere), 1)
    assert step.outputs == () and step.state == state


def test_the_same_update_again_sends_nothing() -> None:
    item = change(report("a1", "Wire A"))
    first = routed(RouterState(), item, 1)
    again = routed(first.state, item, 2)
    assert again.notices == () and again.state == first.state


def test_corroboration_is_an_update_held_back_until_the_interval_passed() -> None:
    first = routed(RouterState(), change(report("a1", "Wire A")), 1)
    corroborated = change(report("a1", "Wire A"), report("b1", "Wire B", minutes=3))
    assert corroborated.change == "corroborated"
    held = routed(first.state, corroborated, 4)
    assert held.notices == () and kept(held) == [(f"incident:{corroborated.incident.id}", True)]
    assert tick(held.state, T0 + timedelta(minutes=5), RULES, nobody).outputs == ()
    due = tick(held.state, T0 + timedelta(minutes=11), RULES, nobody)
    assert sent(due) == [("analysts", "update"), ("mail", "update"), ("ops", "update")]
    assert {n.incident.state for n in due.notices if n.incident} == {"corroborated"}
    # Sent once: the next tick has nothing left.
    assert tick(due.state, T0 + timedelta(minutes=30), RULES, nobody).outputs == ()


def test_a_later_corroboration_goes_out_at_once() -> None:
    first = routed(RouterState(), change(report("a1", "Wire A")), 1)
    later = routed(first.state, change(report("a1", "Wire A"), report("b1", "Wire B", minutes=20)), 21)
    assert sent(later) == [("analysts", "update"), ("mail", "update"), ("ops", "update")]


def test_a_silence_mutes_its_entry_on_its_channel_and_is_counted() -> None:
    silences = [Silence(id="s1", entry="ain-al-asad", channel="ops", until=T0 + timedelta(hours=1))]
    step = routed(RouterState(), change(report("a1", "Wire A")), 1, silences)
    assert sent(step) == [("analysts", "new"), ("mail", "new")]
    assert step.silenced == 1
    expired = routed(RouterState(), change(report("a1", "Wire A")), 61, silences)
    assert ("ops", "new") in sent(expired) and expired.silenced == 0


def test_an_old_incident_goes_into_one_digest_per_channel() -> None:
    stale = change(report("a1", "Wire A"))  # happened at T0; seen three hours later
    step = routed(RouterState(), stale, 180)
    assert step.notices == ()
    keys = [k for k, _ in kept(step)]
    assert sorted(keys[:-1]) == ["digest:analysts", "digest:mail", "digest:ops"]
    assert keys[-1] == f"incident:{stale.incident.id}"
    other = change(report("x1", "Wire X", places=(ERBIL_AIRPORT,)))
    more = routed(step.state, other, 181)
    assert set(more.state.digests) == {"analysts", "ops", "mail", "kurdistan"}
    assert tick(more.state, T0 + timedelta(minutes=184), RULES, nobody).outputs == ()  # window still open
    due = tick(more.state, T0 + timedelta(minutes=186), RULES, nobody)
    assert sent(due) == [
        ("analysts", "digest"),
        ("kurdistan", "digest"),
        ("mail", "digest"),
        ("ops", "digest"),
    ]
    assert sorted(due.digest_sizes) == [1, 1, 1, 1]
    assert due.state.digests == {}
    assert ("digest:ops", False) in kept(due)


def test_a_dismissed_incident_is_forgotten_and_sends_nothing_more() -> None:
    first = routed(RouterState(), change(report("a1", "Wire A")), 1)
    (incident_id,) = first.state.incidents
    key, dismissed = f"incident:{incident_id}", {incident_id}
    corroborated = change(report("a1", "Wire A"), report("b1", "Wire B", minutes=3))
    step = routed(first.state, corroborated, 4, dismissed=dismissed.__contains__)
    assert step.notices == () and step.dismissed == 1
    assert kept(step) == [(key, False)] and step.state.incidents == {}
    # Dismissed while an update was held back: the timer forgets it instead of sending it.
    held = routed(first.state, corroborated, 4)
    later = tick(held.state, T0 + timedelta(hours=1), RULES, dismissed.__contains__)
    assert later.notices == () and kept(later) == [(key, False)]


def test_an_incident_with_nothing_pending_is_forgotten_after_a_week() -> None:
    first = routed(RouterState(), change(report("a1", "Wire A")), 1)
    assert tick(first.state, T0 + timedelta(days=6), RULES, nobody).outputs == ()
    gone = tick(first.state, T0 + timedelta(days=8), RULES, nobody)
    assert gone.state.incidents == {} and [v for _, v in kept(gone)] == [False]


# -- feed health ------------------------------------------------------------------------------------


def feed_event(url: str, event: str, minutes: float) -> FeedEvent:
    return FeedEvent(
        feed_url=url,
        outlet="Wire <A>",
        event=event,
        failures=5,
        error_class="http_5xx",
        error="HTTP 503",
        failing_since=T0,
        at=T0 + timedelta(minutes=minutes),
    )


def test_feed_events_gather_in_one_window_the_latest_per_feed() -> None:
    state = RouterState()
    for url, what, minutes in [
        ("https://a/rss", "broken", 0),
        ("https://b/rss", "broken", 0.2),
        ("https://a/rss", "recovered", 0.5),
    ]:
        step = note_feed_event(state, feed_event(url, what, minutes), T0 + timedelta(minutes=minutes))
        assert kept(step) == [(FEEDS_KEY, True)]
        state = step.state
    assert state.feeds is not None and state.feeds.opened_at == T0
    assert [(e.feed_url, e.event) for e in state.feeds.events] == [
        ("https://b/rss", "broken"),
        ("https://a/rss", "recovered"),
    ]
    assert tick(state, T0 + timedelta(seconds=59), RULES, nobody).outputs == ()
    due = tick(state, T0 + timedelta(minutes=1), RULES, nobody)
    assert sent(due) == [("oncall", "feed_health"), ("ops", "feed_health")]
    assert due.state.feeds is None and kept(due) == [(FEEDS_KEY, False)]
    # The notice carries the events as the feed-health records' JSON, as it always has.
    records = [FeedHealthEvent(**e.model_dump()) for e in state.feeds.events]
    as_json = [r.model_dump(mode="json", by_alias=False, exclude={"schema_"}) for r in records]
    assert [[e.model_dump(mode="json") for e in n.feed_events] for n in due.notices] == [as_json, as_json]


# -- restoring ---------------------------------------------------------------------------------------


def test_recall_restores_what_the_outputs_said_to_keep() -> None:
    first = routed(RouterState(), change(report("a1", "Wire A")), 1)
    stale = routed(RouterState(), change(report("a1", "Wire A")), 180)
    feeds = note_feed_event(RouterState(), feed_event("https://a/rss", "broken", 0), T0)
    restored = RouterState()
    for step in (first, stale, feeds):
        for output in step.outputs:
            if isinstance(output, Remember):
                restored = recall(restored, output.key, output.value)
    assert restored.incidents == stale.state.incidents  # the later record of the same key wins
    assert restored.digests == stale.state.digests and restored.feeds == feeds.state.feeds
    incident_id = next(iter(first.state.incidents))
    assert recall(restored, f"incident:{incident_id}", None).incidents == {}
    assert recall(restored, FEEDS_KEY, None).feeds is None
    assert recall(restored, "something:else", None) == restored


def test_the_router_writes_and_restores_its_state_through_records() -> None:
    routing = Routing(
        channels={"analysts": Channel("analysts", ""), "oncall": Channel("oncall", "")},
        routes={},
        default=("analysts",),
        operator=("oncall",),
        policy=POLICY,
    )
    analyzer = Analyzer.create((WatchEntry(id="ain-al-asad", kind="base", names=("Ain al-Asad",)),))
    live = Router(analyzer, routing, Metrics.create())
    record = FeedHealthEvent(**feed_event("https://a/rss", "broken", 0).model_dump())
    outputs = live.on_feed_health(record, T0)
    assert [(spec, key) for spec, key, _ in outputs] == [(ALERT_STATE, FEEDS_KEY)]
    restarted = Router(analyzer, routing, Metrics.create())
    for _, key, value in outputs:
        restarted.restore(key, value)  # type: ignore[arg-type]
    assert restarted.state == live.state
    due = restarted.tick(T0 + timedelta(minutes=1))
    assert [spec for spec, _, _ in due] == [NOTIFICATIONS, ALERT_STATE]
    assert restarted.metrics.alerts.labels("feed_health")._value.get() == 1
