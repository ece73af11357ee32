"""Alert decisions (pure): one new alert per incident and channel, rate-limited updates, silences, digests."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.factories import facts
from tests.factories import incident as incident_after
from wirewatch.core.alerting import (
    AlertPolicy,
    Route,
    SeverityRule,
    Silence,
    add_to_digest,
    decide,
    digest_due,
    due_updates,
)

T0 = datetime(2026, 11, 25, 6, 0, tzinfo=UTC)
POLICY = AlertPolicy(
    update_min_interval=timedelta(minutes=10),
    freshness=timedelta(hours=2),
    digest_window=timedelta(minutes=5),
)
ROUTES = {
    "ain-al-asad": Route(
        "ain-al-asad",
        ("ops", "mail"),
        (SeverityRule(level="critical", killed_at_least=1), SeverityRule(level="high", types=("rocket",))),
    ),
    "anbar": Route("anbar", ()),
}


def report(article: str, outlet: str, minutes: float = 0, **figures):
    return facts(article, outlet, T0 + timedelta(minutes=minutes), **figures)


class Alerter:
    """The state an alerter keeps, driven through decide()."""

    def __init__(self, policy=POLICY, silences=()):
        self.state = None
        self.policy = policy
        self.silences = list(silences)
        self.sent = []

    def see(self, incident, change, now, hits=("ain-al-asad", "anbar")):
        decision = decide(
            self.state, incident, change, hits, ROUTES, ("default",), self.silences, self.policy, now
        )
        self.state = decision.state
        self.sent += decision.notices
        return decision


def test_one_new_alert_per_channel_then_updates_not_repeats() -> None:
    a = Alerter()
    first, change = incident_after(report("a", "A"))
    a.see(first, change, T0)
    assert sorted((n.channel, n.kind) for n in a.sent) == [
        ("default", "new"),
        ("mail", "new"),
        ("ops", "new"),
    ]
    a.see(first, change, T0 + timedelta(seconds=5))  # the same update redelivered
    assert len(a.sent) == 3
    more, change = incident_after(report("a", "A"), report("b", "B", minutes=20))
    assert change == "corroborated"
    a.see(more, change, T0 + timedelta(minutes=20))
    updates = [n for n in a.sent if n.kind == "update"]
    assert sorted(n.channel for n in updates) == ["default", "mail", "ops"]
    assert all(n.key.endswith(":update") for n in updates)
    assert len({n.key for n in a.sent}) == len(a.sent)  # every notice has its own idempotency key


def test_severity_from_the_entry_rules() -> None:
    a = Alerter()
    a.see(*incident_after(report("a", "A")), T0)
    by_channel = {n.channel: n.severity for n in a.sent}
    assert by_channel["ops"] == "high" and by_channel["default"] == "medium"
    b = Alerter()
    b.see(*incident_after(report("a", "A", killed=2)), T0)
    assert {n.channel: n.severity for n in b.sent}["ops"] == "critical"


def test_updates_are_rate_limited_then_sent_when_due() -> None:
    a = Alerter()
    a.see(*incident_after(report("a", "A")), T0)
    corroborated, change = incident_after(report("a", "A"), report("b", "B", minutes=1))
    a.see(corroborated, change, T0 + timedelta(minutes=1))  # too soon after the new alert
    assert not [n for n in a.sent if n.kind == "update"]
    assert all(cs.pending_revision == corroborated.revision for cs in a.state.channels.values())
    state, notices = due_updates(a.state, ROUTES, POLICY, T0 + timedelta(minutes=5))
    assert notices == ()
    state, notices = due_updates(state, ROUTES, POLICY, T0 + timedelta(minutes=11))
    assert sorted(n.channel for n in notices) == ["default", "mail", "ops"]
    assert all(cs.pending_revision is None for cs in state.channels.values())


def test_waiting_for_corroboration_when_configured() -> None:
    a = Alerter(policy=AlertPolicy(notify_at="corroborated"))
    a.see(*incident_after(report("a", "A")), T0)
    assert a.sent == []
    a.see(*incident_after(report("a", "A"), report("b", "B", minutes=3)), T0 + timedelta(minutes=3))
    assert {n.kind for n in a.sent} == {"new"} and len(a.sent) == 3


@pytest.mark.parametrize(
    ("silence", "channels"),
    [
        (
            Silence(id="s1", entry="ain-al-asad", until=T0 + timedelta(hours=1)),
            ["default"],
        ),  # anbar still routes
        (Silence(id="s2", channel="ops", until=T0 + timedelta(hours=1)), ["default", "mail"]),
        (
            Silence(id="s3", entry="ain-al-asad", channel="mail", until=T0 + timedelta(hours=1)),
            ["default", "ops"],
        ),
        (
            Silence(id="s4", channel="ops", until=T0 - timedelta(minutes=1)),
            ["default", "mail", "ops"],
        ),  # expired
    ],
)
def test_silences(silence: Silence, channels: list[str]) -> None:
    a = Alerter(silences=[silence])
    a.see(*incident_after(report("a", "A")), T0)
    assert sorted(n.channel for n in a.sent) == channels


def test_old_incidents_go_to_a_digest_not_a_page() -> None:
    a = Alerter()
    old, change = incident_after(report("a", "A"))
    decision = a.see(old, change, T0 + timedelta(hours=3))  # e.g. the alerter was down, or a replay
    assert a.sent == [] and len(decision.digest_items) == 3
    buffer = None
    for channel, item in decision.digest_items:
        if channel == "ops":
            buffer = add_to_digest(buffer, channel, item, T0 + timedelta(hours=3))
    other, _ = incident_after(report("x", "X", minutes=30))
    buffer = add_to_digest(
        buffer,
        "ops",
        decision.digest_items[0][1].model_copy(update={"incident": other}),
        T0 + timedelta(hours=3, minutes=1),
    )
    assert digest_due(buffer, POLICY, T0 + timedelta(hours=3, minutes=4)) is None
    digest = digest_due(buffer, POLICY, T0 + timedelta(hours=3, minutes=6))
    assert digest is not None and digest.kind == "digest" and len(digest.digest) == 2
    # a digested incident does not page later when more outlets report it
    more, change3 = incident_after(report("a", "A"), report("b", "B", minutes=1))
    a.see(more, change3, T0 + timedelta(hours=3, minutes=2))
    assert a.sent == []


def test_no_hit_no_state() -> None:
    a = Alerter()
    decision = a.see(*incident_after(report("a", "A")), T0, hits=())
    assert decision.state is None and a.sent == []
