"""Notices and the alert router's memory as the topics carry them: schemas of their own, and the
converters to and from ``core``.

The core's ``Notice``, ``IncidentAlerts``, ``DigestBuffer`` and ``FeedEvent`` are the router's
working types; the outbox (notifications), the dead letters and the alert-state topic carry these
wire shapes, converted field by field (``of``/``to_core``), so that renaming a core field fails
the type check here instead of changing a topic. Incidents go as the incidents topic carries them
(``topics.wire.WireIncident``: every report, without the text signatures the alerter never has).
"""

from __future__ import annotations

import logging
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError, field_validator

from wirewatch.core.alerting import ChannelState, DigestBuffer, DigestItem, IncidentAlerts, Notice, Silence
from wirewatch.core.alertstep import FeedWindow
from wirewatch.core.health import FeedEvent
from wirewatch.topics.wire import WireIncident

log = logging.getLogger("wirewatch.alerter")


class _Wire(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class WireFeedEvent(_Wire):
    """A feed declared broken, or recovered (the fields of the feed-health record)."""

    feed_url: str
    outlet: str | None = None
    event: Literal["broken", "recovered"]
    failures: int = 0
    error_class: str | None = None
    error: str | None = None
    failing_since: AwareDatetime | None = None
    at: AwareDatetime

    @classmethod
    def of(cls, e: FeedEvent) -> WireFeedEvent:
        return cls(
            feed_url=e.feed_url,
            outlet=e.outlet,
            event=e.event,
            failures=e.failures,
            error_class=e.error_class,
            error=e.error,
            failing_since=e.failing_since,
            at=e.at,
        )

    def to_core(self) -> FeedEvent:
        return FeedEvent(
            feed_url=self.feed_url,
            outlet=self.outlet,
            event=self.event,
            failures=self.failures,
            error_class=self.error_class,
            error=self.error,
            failing_since=self.failing_since,
            at=self.at,
        )


class FeedHealthBuffer(_Wire):
    """The open feed-health window: the events gathered since ``opened_at``, the latest per feed.

    An event that cannot be read is skipped, with a warning, and the rest of the window kept.
    """

    opened_at: AwareDatetime
    events: tuple[WireFeedEvent, ...] = ()

    @field_validator("events", mode="before")
    @classmethod
    def _readable(cls, value: Any) -> Any:
        if not isinstance(value, list | tuple):
            return value
        kept = []
        for item in value:
            try:
                kept.append(item if isinstance(item, WireFeedEvent) else WireFeedEvent.model_validate(item))
            except ValidationError as exc:
                log.warning(
                    "alert state: skipped a feed-health event of the open window (%d errors)",
                    exc.error_count(),
                )
        return tuple(kept)

    @classmethod
    def of(cls, window: FeedWindow) -> FeedHealthBuffer:
        return cls(opened_at=window.opened_at, events=tuple(WireFeedEvent.of(e) for e in window.events))

    def to_core(self) -> FeedWindow:
        return FeedWindow(opened_at=self.opened_at, events=tuple(e.to_core() for e in self.events))


class WireChannelState(_Wire):
    """What was decided for an incident on one channel."""

    alerted_revision: int | None = None
    last_sent_revision: int | None = None
    last_sent_at: AwareDatetime | None = None
    pending_revision: int | None = None
    entries: tuple[str, ...] = ()
    digested: bool = False

    @classmethod
    def of(cls, c: ChannelState) -> WireChannelState:
        return cls(
            alerted_revision=c.alerted_revision,
            last_sent_revision=c.last_sent_revision,
            last_sent_at=c.last_sent_at,
            pending_revision=c.pending_revision,
            entries=c.entries,
            digested=c.digested,
        )

    def to_core(self) -> ChannelState:
        return ChannelState(
            alerted_revision=self.alerted_revision,
            last_sent_revision=self.last_sent_revision,
            last_sent_at=self.last_sent_at,
            pending_revision=self.pending_revision,
            entries=self.entries,
            digested=self.digested,
        )


class WireIncidentAlerts(_Wire):
    """What has been decided for one incident, per channel, with its latest snapshot."""

    incident: WireIncident
    channels: dict[str, WireChannelState] = Field(default_factory=dict)

    @classmethod
    def of(cls, a: IncidentAlerts) -> WireIncidentAlerts:
        return cls(
            incident=WireIncident.of(a.incident),
            channels={name: WireChannelState.of(c) for name, c in a.channels.items()},
        )

    def to_core(self) -> IncidentAlerts:
        return IncidentAlerts(
            incident=self.incident.to_core(),
            channels={name: c.to_core() for name, c in self.channels.items()},
        )


class WireDigestItem(_Wire):
    """An incident waiting in a digest, with the watch entries it hits and its severity."""

    incident: WireIncident
    entries: tuple[str, ...]
    severity: str

    @classmethod
    def of(cls, item: DigestItem) -> WireDigestItem:
        return cls(incident=WireIncident.of(item.incident), entries=item.entries, severity=item.severity)

    def to_core(self) -> DigestItem:
        return DigestItem(incident=self.incident.to_core(), entries=self.entries, severity=self.severity)


class WireDigestBuffer(_Wire):
    """A channel's open digest."""

    channel: str
    opened_at: AwareDatetime
    items: tuple[WireDigestItem, ...] = ()

    @classmethod
    def of(cls, d: DigestBuffer) -> WireDigestBuffer:
        return cls(
            channel=d.channel, opened_at=d.opened_at, items=tuple(WireDigestItem.of(i) for i in d.items)
        )

    def to_core(self) -> DigestBuffer:
        return DigestBuffer(
            channel=self.channel, opened_at=self.opened_at, items=tuple(i.to_core() for i in self.items)
        )


class WireNotice(_Wire):
    """A notification to send, as the outbox and the dead letters carry it."""

    key: str
    kind: Literal["new", "update", "digest", "feed_health"]
    channel: str
    severity: str
    change: str = ""
    entries: tuple[str, ...] = ()
    incident: WireIncident | None = None
    digest: tuple[WireDigestItem, ...] = ()
    feed_events: tuple[WireFeedEvent, ...] = ()
    created_at: AwareDatetime
    source_seen_at: AwareDatetime | None = None
    article_seen_at: AwareDatetime | None = None

    @classmethod
    def of(cls, n: Notice) -> WireNotice:
        return cls(
            key=n.key,
            kind=n.kind,
            channel=n.channel,
            severity=n.severity,
            change=n.change,
            entries=n.entries,
            incident=WireIncident.of(n.incident) if n.incident is not None else None,
            digest=tuple(WireDigestItem.of(i) for i in n.digest),
            feed_events=tuple(WireFeedEvent.of(e) for e in n.feed_events),
            created_at=n.created_at,
            source_seen_at=n.source_seen_at,
            article_seen_at=n.article_seen_at,
        )

    def to_core(self) -> Notice:
        return Notice(
            key=self.key,
            kind=self.kind,
            channel=self.channel,
            severity=self.severity,
            change=self.change,
            entries=self.entries,
            incident=self.incident.to_core() if self.incident is not None else None,
            digest=tuple(i.to_core() for i in self.digest),
            feed_events=tuple(e.to_core() for e in self.feed_events),
            created_at=self.created_at,
            source_seen_at=self.source_seen_at,
            article_seen_at=self.article_seen_at,
        )


class WireSilence(BaseModel):
    """A silence as the silences topic carries it (strict, as it always was: an unknown field is
    an error, so a silence is never read as muting more than it says)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    entry: str | None = None
    channel: str | None = None
    until: AwareDatetime
    comment: str = ""
    created_at: AwareDatetime | None = None

    @classmethod
    def of(cls, s: Silence) -> WireSilence:
        return cls(
            id=s.id,
            entry=s.entry,
            channel=s.channel,
            until=s.until,
            comment=s.comment,
            created_at=s.created_at,
        )

    def to_core(self) -> Silence:
        return Silence(
            id=self.id,
            entry=self.entry,
            channel=self.channel,
            until=self.until,
            comment=self.comment,
            created_at=self.created_at,
        )
