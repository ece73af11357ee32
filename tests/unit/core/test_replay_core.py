"""Replay and its diff without a broker (core.replay, and wirewatch.replay's window run through the
live alert router): the same steps as the live pipeline, time as input."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.factories import AIN_AL_ASAD, ERBIL_AIRPORT, facts, incident
from wirewatch.alerts.routing_config import Channel, Routing
from wirewatch.core.alerting import AlertPolicy, DigestItem, Notice
from wirewatch.core.analysis import Analyzer
from wirewatch.core.detect import Article
from wirewatch.core.incidents import IncidentRules
from wirewatch.core.replay import Alerted, Arrival, Outcome, alerts_of, diff, pairs
from wirewatch.core.watch import WatchEntry
from wirewatch.replay import replay_window

T0 = datetime(2025, 2, 11, 6, tzinfo=UTC)
TEXTS = [
    (
        "r1",
        "Tigris Wire",
        "Rockets hit Ain al-Asad",
        "Two rockets struck Ain al-Asad air base in Anbar this morning.",
    ),
    (
        "r2",
        "Euphrates Post",
        "Ain al-Asad base attacked",
        "Rockets fell on Ain al-Asad air base in Anbar this morning, a source said.",
    ),
    (
        "h1",
        "Kurdistan Daily",
        "Drone hits Harir base",
        "A drone struck Harir air base north of Erbil this afternoon, officials said.",
    ),
    ("n1", "Tigris Wire", "Dates harvest begins", "Farmers in Basra began the dates harvest this week."),
]


def routing(update_min_interval: timedelta = timedelta(0)) -> Routing:
    """One channel, the default route; its URL is never read (replay sends nothing)."""
    return Routing(
        channels={"analysts": Channel("analysts", "")},
        routes={},
        default=("analysts",),
        operator=(),
        policy=AlertPolicy(update_min_interval=update_min_interval),
    )


def replay(analyzer: Analyzer, routes: Routing | None = None) -> Outcome:
    return replay_window(arrivals(), analyzer, IncidentRules(), routes or routing())


def arrivals() -> list[Arrival]:
    out = []
    for n, (article_id, outlet, title, text) in enumerate(TEXTS):
        when = T0 + timedelta(minutes=20 * n)
        article = Article(id=article_id, title=title, text=text, outlet=outlet, published=when, lang="en")
        out.append(Arrival(article, 0, when))
    return out


def analyzer(*extra: WatchEntry) -> Analyzer:
    return Analyzer.create((WatchEntry("ain-al-asad", "base", ("Ain al-Asad",)), *extra))


def test_replay_groups_reports_into_incidents_and_alerts_each_watched_one_once() -> None:
    out = replay(analyzer())
    assert (out.articles, out.attacks) == (4, 3)
    assert len(out.incidents) == 2
    (rockets,) = [i for i in out.incidents.values() if len(i.reports) == 2]
    assert out.hits == {rockets.id: ("ain-al-asad",)}
    # A page when the first report came, an update when the second outlet corroborated it.
    assert [(a.kind, a.channel, a.entries) for a in out.alerts] == [
        ("new", "analysts", ("ain-al-asad",)),
        ("update", "analysts", ("ain-al-asad",)),
    ]


def test_a_new_watch_entry_is_exactly_the_new_hit_of_the_diff() -> None:
    live = replay(analyzer())
    wider = replay(analyzer(WatchEntry("harir", "base", ("Harir air base",))))
    changes = diff(wider, live.incidents, live.alerts)
    harir = next(i for i in wider.incidents.values() if i.reports[0].article_id == "h1")
    assert [(h.incident_id, h.entry, h.channels) for h in changes.new_hits] == [
        (harir.id, "harir", ("analysts",))
    ]
    assert not (changes.gone_hits or changes.new_incidents or changes.gone_incidents or changes.changed)


def test_the_same_run_has_no_difference() -> None:
    live = replay(analyzer())
    assert not diff(replay(analyzer()), live.incidents, live.alerts)


def test_incidents_pair_on_their_reports_even_when_their_ids_differ() -> None:
    first, second = (facts(f"a-{n}", f"Outlet {n}", T0 + timedelta(minutes=n)) for n in range(2))
    live, _ = incident(first, second)
    replayed, _ = incident(second)  # the first report is no longer an attack: another id
    other, _ = incident(facts("b-1", "Outlet", T0, places=(ERBIL_AIRPORT,)))
    assert replayed.id != live.id
    assert pairs({replayed.id: replayed, other.id: other}, {live.id: live}) == {replayed.id: live.id}
    outcome = Outcome(incidents={replayed.id: replayed, other.id: other})
    changes = diff(outcome, {live.id: live}, [])
    assert changes.new_incidents == [other.id]
    assert [(c.replayed, c.live, c.what) for c in changes.changed] == [
        (replayed.id, live.id, ("reports", "state"))
    ]


def test_live_alerts_are_read_from_pages_updates_and_digest_lines() -> None:
    one, _ = incident(facts("a-1", "Tigris Wire", T0))
    two, _ = incident(facts("a-2", "Tigris Wire", T0, places=(ERBIL_AIRPORT,)))
    notices = [
        Notice(
            key="k1",
            kind="new",
            channel="mail",
            severity="high",
            entries=("ain-al-asad",),
            incident=one,
            created_at=T0,
        ),
        Notice(
            key="k2",
            kind="digest",
            channel="mail",
            severity="medium",
            digest=(DigestItem(incident=two, entries=("erbil",), severity="medium"),),
            created_at=T0,
        ),
        Notice(key="k3", kind="feed_health", channel="ops", severity="low", created_at=T0),
    ]
    assert alerts_of(notices) == [
        Alerted(one.id, "mail", "new", ("ain-al-asad",), one.revision),
        Alerted(two.id, "mail", "digest", ("erbil",), two.revision),
    ]


def test_an_update_the_rate_limit_held_back_is_counted_once_its_interval_passed() -> None:
    out = replay(analyzer(), routing(update_min_interval=timedelta(hours=1)))
    assert [a.kind for a in out.alerts] == ["new", "update"]
    assert AIN_AL_ASAD.id in {p.id for i in out.incidents.values() for p in i.places}
