"""The alert router's step (pure): its memory and one input in, its next memory and outputs out.

Three inputs move the router: an incident change (``route``), a feed declared broken or
recovered (``note_feed_event``) and the clock (``tick``: held-back updates, digests and the
feed-health window fall due; old memory is let go). Each returns a ``RouterStep``: the next
``RouterState`` and, in order, the notices to send and the memory to keep or forget, keyed as on
the compacted alert-state topic (``incident:<id>``, ``digest:<channel>``, ``feeds``), and counts
for the metrics. What an update means per channel is ``core.alerting.decide``; this room keeps
the memory around it. ``alerts.router`` turns the outputs into records and counts them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from pydantic import AwareDatetime, BaseModel, ConfigDict

from wirewatch.core import alerting
from wirewatch.core.alerting import AlertPolicy, DigestBuffer, IncidentAlerts, Notice, Route, Silence
from wirewatch.core.health import FeedEvent
from wirewatch.core.incidents import Incident
from wirewatch.core.watch import WatchTarget, hits_in

STATE_RETENTION = timedelta(
    days=7
)  # an incident with nothing pending is forgotten this long after its last update


class FeedWindow(BaseModel):
    """Feed broken/recovered events gathered since ``opened_at`` into one operator message."""

    model_config = ConfigDict(frozen=True)

    opened_at: AwareDatetime
    events: tuple[FeedEvent, ...] = ()  # the latest per feed, in arrival order


@dataclass(frozen=True, slots=True)
class RouterState:
    """What the router remembers: per incident, per digest channel, and the feed-health window."""

    incidents: Mapping[str, IncidentAlerts] = field(default_factory=dict)
    digests: Mapping[str, DigestBuffer] = field(default_factory=dict)
    feeds: FeedWindow | None = None


@dataclass(frozen=True, slots=True)
class RouterRules:
    """Where alerts go and when: the watchlist's routes and channels, and the alert policy."""

    watch: Sequence[WatchTarget]
    routes: Mapping[str, Route]
    default: tuple[str, ...]  # channels of a watched entry without a route of its own
    operator: tuple[str, ...]  # channels of the feed-health messages
    policy: AlertPolicy


@dataclass(frozen=True, slots=True)
class IncidentChange:
    """An incident update as the router reads it."""

    incident: Incident
    change: str  # new | corroborated | updated | report_added | report_revised
    article_seen_at: datetime | None = None  # when the causing article reached Kafka
    seen_at: datetime | None = None  # when this update reached Kafka


@dataclass(frozen=True, slots=True)
class Send:
    """A notice for the outbox."""

    notice: Notice


Kept = IncidentAlerts | DigestBuffer | FeedWindow


@dataclass(frozen=True, slots=True)
class Remember:
    """Memory to keep under ``key`` on the alert-state topic; ``value`` None: forget it."""

    key: str
    value: Kept | None


Output = Send | Remember


@dataclass(frozen=True, slots=True)
class RouterStep:
    state: RouterState
    outputs: tuple[Output, ...] = ()
    dismissed: int = 0  # updates dropped because an analyst dismissed the incident
    silenced: int = 0  # (entry, channel) pairs a silence muted
    digest_sizes: tuple[int, ...] = ()  # incidents in each digest sent

    @property
    def notices(self) -> tuple[Notice, ...]:
        return tuple(o.notice for o in self.outputs if isinstance(o, Send))


def incident_key(incident_id: str) -> str:
    return f"incident:{incident_id}"


def digest_key(channel: str) -> str:
    return f"digest:{channel}"


FEEDS_KEY = "feeds"


def recall(state: RouterState, key: str, value: Kept | None) -> RouterState:
    """The state with one alert-state record restored (``value`` None: a tombstone)."""
    kind, _, name = key.partition(":")
    if kind == "incident":
        incidents = dict(state.incidents)
        if isinstance(value, IncidentAlerts):
            incidents[name] = value
        else:
            incidents.pop(name, None)
        return replace(state, incidents=incidents)
    if kind == "digest":
        digests = dict(state.digests)
        if isinstance(value, DigestBuffer):
            digests[name] = value
        else:
            digests.pop(name, None)
        return replace(state, digests=digests)
    if key == FEEDS_KEY:
        return replace(state, feeds=value if isinstance(value, FeedWindow) else None)
    return state


def route(
    state: RouterState,
    change: IncidentChange,
    now: datetime,
    rules: RouterRules,
    silences: Iterable[Silence],
    dismissed: Callable[[str], bool],
) -> RouterStep:
    """What an incident change sends and remembers."""
    incident = change.incident
    if dismissed(incident.id):  # an analyst said it is no attack, or not ours
        forgotten, tombstone = _forget(state, incident.id)
        return RouterStep(forgotten, tombstone, dismissed=1)
    hits = hits_in(incident.lineages(), rules.watch)
    previous = state.incidents.get(incident.id)
    if not hits and previous is None:
        return RouterStep(state)
    decision = alerting.decide(
        previous,
        incident,
        change.change,
        hits,
        rules.routes,
        rules.default,
        silences,
        rules.policy,
        now,
        change.seen_at,
    )
    outputs: list[Output] = [Send(_seen(n, change.article_seen_at)) for n in decision.notices]
    digests = dict(state.digests)
    for channel, item in decision.digest_items:
        digests[channel] = alerting.add_to_digest(digests.get(channel), channel, item, now)
        outputs.append(Remember(digest_key(channel), digests[channel]))
    incidents = state.incidents
    if decision.state is not None and decision.state != previous:
        incidents = {**incidents, incident.id: decision.state}
        outputs.append(Remember(incident_key(incident.id), decision.state))
    return RouterStep(
        replace(state, incidents=incidents, digests=digests), tuple(outputs), silenced=len(decision.silenced)
    )


def _seen(notice: Notice, article_seen_at: datetime | None) -> Notice:
    return notice.model_copy(update={"article_seen_at": article_seen_at}) if article_seen_at else notice


def _forget(state: RouterState, incident_id: str) -> tuple[RouterState, tuple[Output, ...]]:
    """Drop what was pending for a dismissed incident: no update of it goes out later."""
    if incident_id not in state.incidents:
        return state, ()
    incidents = {k: v for k, v in state.incidents.items() if k != incident_id}
    return replace(state, incidents=incidents), (Remember(incident_key(incident_id), None),)


def note_feed_event(state: RouterState, event: FeedEvent, now: datetime) -> RouterStep:
    """A feed broken or recovered joins the open window (the latest event per feed)."""
    window = state.feeds or FeedWindow(opened_at=now)
    others = tuple(e for e in window.events if e.feed_url != event.feed_url)
    window = window.model_copy(update={"events": (*others, event)})
    return RouterStep(replace(state, feeds=window), (Remember(FEEDS_KEY, window),))


def tick(
    state: RouterState, now: datetime, rules: RouterRules, dismissed: Callable[[str], bool]
) -> RouterStep:
    """What falls due by ``now``: held-back updates, digests, the feed-health message."""
    outputs: list[Output] = []
    policy = rules.policy
    incidents = dict(state.incidents)
    for incident_id, alerts in state.incidents.items():
        if dismissed(incident_id):
            del incidents[incident_id]
            outputs.append(Remember(incident_key(incident_id), None))
            continue
        if any(cs.pending_revision is not None for cs in alerts.channels.values()):
            updated, notices = alerting.due_updates(alerts, rules.routes, policy, now)
            if notices:
                incidents[incident_id] = updated
                outputs += [Send(n) for n in notices]
                outputs.append(Remember(incident_key(incident_id), updated))
        elif now - alerts.incident.last_update > STATE_RETENTION:
            del incidents[incident_id]
            outputs.append(Remember(incident_key(incident_id), None))
    digests = dict(state.digests)
    sizes: list[int] = []
    for channel, buffer in state.digests.items():
        notice = alerting.digest_due(buffer, policy, now)
        if notice is not None:
            sizes.append(len(buffer.items))
            outputs.append(Send(notice))
            del digests[channel]
            outputs.append(Remember(digest_key(channel), None))
    feeds = state.feeds
    if feeds is not None and feeds.events and now - feeds.opened_at >= policy.feed_health_window:
        outputs += [
            Send(alerting.feed_health_notice(c, feeds.events, feeds.opened_at, now)) for c in rules.operator
        ]
        feeds = None
        outputs.append(Remember(FEEDS_KEY, None))
    return RouterStep(RouterState(incidents, digests, feeds), tuple(outputs), digest_sizes=tuple(sizes))
