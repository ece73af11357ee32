"""Alert decisions: which incident change becomes which notification, to whom, and when (pure).

This room holds the rules analysts rely on:

- one *new* alert per incident and channel, when the incident first touches a watched entry
  (at ``reported``, or only once ``corroborated`` when configured), never a second one;
- *updates* when the incident is corroborated or its figures or types change, at most one per
  ``update_min_interval`` per incident and channel (a pending update goes out when the interval
  has passed);
- *silences* that mute an entry or a channel until a time;
- *catch-up digests*: an incident older than the freshness budget (after downtime, or a replay)
  goes into one digest per channel instead of paging.

State goes in, state and notices come out (``(state, item, now) -> (state, outputs)``); the
alerter keeps the state on a compacted topic so a restart neither repeats nor forgets.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from wirewatch.core.health import FeedEvent
from wirewatch.core.incidents import Incident

Kind = Literal["new", "update", "digest", "feed_health"]
SEVERITIES = ("low", "medium", "high", "critical")


@dataclass(frozen=True, slots=True)
class AlertPolicy:
    notify_at: Literal["reported", "corroborated"] = "reported"
    update_min_interval: timedelta = timedelta(minutes=10)
    freshness: timedelta = timedelta(hours=2)
    digest_window: timedelta = timedelta(minutes=5)
    feed_health_window: timedelta = timedelta(minutes=1)


class SeverityRule(BaseModel):
    """``level`` applies when every condition given holds (an empty rule always applies)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    level: Literal["low", "medium", "high", "critical"]
    types: tuple[str, ...] = ()
    killed_at_least: int | None = Field(None, ge=0)
    wounded_at_least: int | None = Field(None, ge=0)
    corroborated: bool | None = None

    def applies(self, incident: Incident) -> bool:
        if self.types and not set(self.types) & set(incident.attack_types):
            return False
        if self.killed_at_least is not None and (incident.killed.high or 0) < self.killed_at_least:
            return False
        if self.wounded_at_least is not None and (incident.wounded.high or 0) < self.wounded_at_least:
            return False
        corroborated = incident.state in ("corroborated", "updated")
        return self.corroborated is None or self.corroborated == corroborated


@dataclass(frozen=True, slots=True)
class Route:
    """Where a watched entry's alerts go and how severe they are."""

    entry_id: str
    channels: tuple[str, ...]
    severity: tuple[SeverityRule, ...] = ()

    def severity_of(self, incident: Incident) -> str:
        return next((rule.level for rule in self.severity if rule.applies(incident)), "medium")


class Silence(BaseModel):
    """Mute an entry, a channel, or an entry on one channel, until ``until``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    entry: str | None = None
    channel: str | None = None
    until: AwareDatetime
    comment: str = ""
    created_at: AwareDatetime | None = None

    def mutes(self, entry: str, channel: str, now: datetime) -> bool:
        if now >= self.until:
            return False
        return (self.entry is None or self.entry == entry) and (
            self.channel is None or self.channel == channel
        )


class ChannelState(BaseModel):
    model_config = ConfigDict(frozen=True)

    alerted_revision: int | None = None  # revision of the incident in the "new" alert
    last_sent_revision: int | None = None
    last_sent_at: AwareDatetime | None = None
    pending_revision: int | None = None  # an update waiting for the interval to pass
    entries: tuple[str, ...] = ()
    digested: bool = False


class IncidentAlerts(BaseModel):
    """What has been decided for one incident, per channel, with its latest snapshot."""

    model_config = ConfigDict(frozen=True)

    incident: Incident
    channels: dict[str, ChannelState] = Field(default_factory=dict)


class DigestItem(BaseModel):
    model_config = ConfigDict(frozen=True)

    incident: Incident
    entries: tuple[str, ...]
    severity: str


class DigestBuffer(BaseModel):
    model_config = ConfigDict(frozen=True)

    channel: str
    opened_at: AwareDatetime
    items: tuple[DigestItem, ...] = ()


class Notice(BaseModel):
    """A notification to send: the outbox record, before rendering."""

    model_config = ConfigDict(frozen=True)

    key: str = Field(description="idempotency key: the same decision always has the same key")
    kind: Kind
    channel: str
    severity: str
    change: str = ""
    entries: tuple[str, ...] = ()
    incident: Incident | None = None
    digest: tuple[DigestItem, ...] = ()
    feed_events: tuple[FeedEvent, ...] = ()
    created_at: AwareDatetime
    source_seen_at: AwareDatetime | None = Field(None, description="when the incident update reached Kafka")
    article_seen_at: AwareDatetime | None = Field(None, description="when the causing article reached Kafka")


@dataclass(frozen=True)
class Decision:
    state: IncidentAlerts | None
    notices: tuple[Notice, ...]
    digest_items: tuple[tuple[str, DigestItem], ...]  # (channel, item) for the digest buffers
    silenced: tuple[tuple[str, str], ...]  # (entry, channel) muted


def _incident_notice(
    kind: Kind,
    incident: Incident,
    revision: int,
    channel: str,
    severity: str,
    change: str,
    entries: tuple[str, ...],
    now: datetime,
    seen_at: datetime | None = None,
) -> Notice:
    """A new or update notice; its key (incident, revision, channel, kind) names the decision."""
    return Notice(
        key=f"{incident.id}:{revision}:{channel}:{kind}",
        kind=kind,
        channel=channel,
        severity=severity,
        change=change,
        entries=entries,
        incident=incident,
        created_at=now,
        source_seen_at=seen_at,
    )


def _channels(
    hits: Sequence[str], routes: Mapping[str, Route], default: Sequence[str]
) -> dict[str, list[str]]:
    """Channel -> the hit entries routed to it, in watchlist order."""
    out: dict[str, list[str]] = {}
    for entry in hits:
        route = routes.get(entry)
        for channel in route.channels if route and route.channels else default:
            out.setdefault(channel, []).append(entry)
    return out


def _severity(incident: Incident, entries: Iterable[str], routes: Mapping[str, Route]) -> str:
    levels = [routes[e].severity_of(incident) if e in routes else "medium" for e in entries]
    return max(levels, key=SEVERITIES.index) if levels else "medium"


def decide(
    state: IncidentAlerts | None,
    incident: Incident,
    change: str,
    hits: Sequence[str],
    routes: Mapping[str, Route],
    default_channels: Sequence[str],
    silences: Iterable[Silence],
    policy: AlertPolicy,
    now: datetime,
    seen_at: datetime | None = None,
) -> Decision:
    """The notices an incident update causes, and the new per-channel state."""
    silences = [s for s in silences if now < s.until]
    if state is not None and incident.revision < state.incident.revision:
        return Decision(state, (), (), ())  # an older snapshot redelivered: nothing new
    current = dict(state.channels) if state else {}
    notices: list[Notice] = []
    digests: list[tuple[str, DigestItem]] = []
    muted: list[tuple[str, str]] = []
    stale = now - incident.event_time > policy.freshness
    for channel, routed in _channels(hits, routes, default_channels).items():
        entries = [e for e in routed if not any(s.mutes(e, channel, now) for s in silences)]
        muted += [(e, channel) for e in routed if e not in entries]
        if not entries:
            continue
        severity = _severity(incident, entries, routes)
        cs = current.get(channel, ChannelState())
        if cs.alerted_revision is None and not cs.digested:
            if policy.notify_at == "corroborated" and incident.state == "reported":
                continue  # wait for a second outlet
            if stale:
                digests.append(
                    (channel, DigestItem(incident=incident, entries=tuple(entries), severity=severity))
                )
                current[channel] = cs.model_copy(update={"digested": True, "entries": tuple(entries)})
                continue
            notices.append(
                _incident_notice(
                    "new",
                    incident,
                    incident.revision,
                    channel,
                    severity,
                    change,
                    tuple(entries),
                    now,
                    seen_at,
                )
            )
            current[channel] = cs.model_copy(
                update={
                    "alerted_revision": incident.revision,
                    "last_sent_revision": incident.revision,
                    "last_sent_at": now,
                    "pending_revision": None,
                    "entries": tuple(entries),
                }
            )
            continue
        if cs.digested and cs.alerted_revision is None:
            continue  # already summarized in a digest; a catch-up incident does not page later
        newly_hit = [e for e in entries if e not in cs.entries]
        if change not in ("corroborated", "updated") and not newly_hit:
            continue
        merged = tuple(dict.fromkeys((*cs.entries, *entries)))
        if cs.last_sent_at is not None and now - cs.last_sent_at < policy.update_min_interval:
            current[channel] = cs.model_copy(
                update={"pending_revision": incident.revision, "entries": merged}
            )
            continue
        notices.append(
            _incident_notice(
                "update", incident, incident.revision, channel, severity, change, merged, now, seen_at
            )
        )
        current[channel] = cs.model_copy(
            update={
                "last_sent_revision": incident.revision,
                "last_sent_at": now,
                "pending_revision": None,
                "entries": merged,
            }
        )
    if not current and state is None:
        return Decision(None, tuple(notices), tuple(digests), tuple(muted))
    return Decision(
        IncidentAlerts(incident=incident, channels=current), tuple(notices), tuple(digests), tuple(muted)
    )


def due_updates(
    state: IncidentAlerts, routes: Mapping[str, Route], policy: AlertPolicy, now: datetime
) -> tuple[IncidentAlerts, tuple[Notice, ...]]:
    """Pending updates whose interval has passed: the rate limit delays updates, never drops them."""
    notices: list[Notice] = []
    channels = dict(state.channels)
    incident = state.incident
    for channel, cs in state.channels.items():
        if cs.pending_revision is None or cs.last_sent_at is None:
            continue
        if now - cs.last_sent_at < policy.update_min_interval:
            continue
        severity = _severity(incident, cs.entries, routes)
        notices.append(
            _incident_notice(
                "update", incident, cs.pending_revision, channel, severity, "updated", cs.entries, now
            )
        )
        channels[channel] = cs.model_copy(
            update={"last_sent_revision": cs.pending_revision, "last_sent_at": now, "pending_revision": None}
        )
    return state.model_copy(update={"channels": channels}), tuple(notices)


def add_to_digest(buffer: DigestBuffer | None, channel: str, item: DigestItem, now: datetime) -> DigestBuffer:
    if buffer is None:
        return DigestBuffer(channel=channel, opened_at=now, items=(item,))
    others = tuple(i for i in buffer.items if i.incident.id != item.incident.id)
    return buffer.model_copy(update={"items": (*others, item)})


def digest_due(buffer: DigestBuffer, policy: AlertPolicy, now: datetime) -> Notice | None:
    """The digest notice once its window has passed (one per channel), else ``None``."""
    if not buffer.items or now - buffer.opened_at < policy.digest_window:
        return None
    ids = ",".join(sorted(i.incident.id for i in buffer.items))
    severity = max((i.severity for i in buffer.items), key=SEVERITIES.index)
    return Notice(
        key=f"digest:{buffer.channel}:{buffer.opened_at.isoformat()}:{len(buffer.items)}:{hash_ids(ids)}",
        kind="digest",
        channel=buffer.channel,
        severity=severity,
        digest=buffer.items,
        created_at=now,
    )


def hash_ids(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def feed_health_notice(
    channel: str, events: Sequence[FeedEvent], opened_at: datetime, now: datetime
) -> Notice:
    """One grouped operator message for feed broken/recovered events of a window."""
    # The key names each event by its JSON form, as it did when the events were JSON objects.
    shown = [e.model_dump(mode="json") for e in events]
    ids = ",".join(sorted(f"{e['feed_url']}:{e['event']}:{e['at']}" for e in shown))
    return Notice(
        key=f"feeds:{channel}:{opened_at.isoformat()}:{hash_ids(ids)}",
        kind="feed_health",
        channel=channel,
        severity="low",
        feed_events=tuple(events),
        created_at=now,
    )
