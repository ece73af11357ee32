"""The alert router: incident updates and feed health in, notices and router state out.

Holds what has been decided per incident and channel, the digest buffers and the feed-health
buffer, all restorable from the compacted alert-state topic, and asks ``core.alerting`` what
each update means. Produces outputs (topic, key, record) for the alerter to write; touches no
Kafka itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TextIO

from pydantic import BaseModel

from wirewatch.alerts.marks import Marks
from wirewatch.alerts.render import render
from wirewatch.alerts.routing_config import Routing
from wirewatch.core import alerting
from wirewatch.core.alerting import Notice
from wirewatch.core.analysis import Analyzer
from wirewatch.core.watch import hits_in
from wirewatch.metrics import Metrics
from wirewatch.topics import ALERT_STATE, NOTIFICATIONS, TopicSpec
from wirewatch.topics.records import (
    AlertStateRecord,
    FeedHealthBuffer,
    FeedHealthEvent,
    IncidentUpdate,
    NotificationRecord,
    SilenceRecord,
)

Output = tuple[TopicSpec, str, BaseModel | None]  # topic, key, record (None: a tombstone)


STATE_RETENTION = timedelta(days=7)


@dataclass
class Router:
    analyzer: Analyzer
    routing: Routing
    metrics: Metrics
    out: TextIO | None = None
    states: dict[str, alerting.IncidentAlerts] = field(default_factory=dict)
    digests: dict[str, alerting.DigestBuffer] = field(default_factory=dict)
    feeds: FeedHealthBuffer | None = None
    silences: dict[str, alerting.Silence] = field(default_factory=dict)
    marks: Marks = field(default_factory=Marks)

    @property
    def labels(self) -> dict[str, str]:
        return {w.entry_id: f"{w.entry_id} ({w.kind})" for w in self.analyzer.watch}

    def restore(self, record_key: str, record: AlertStateRecord | None) -> None:
        kind, _, name = record_key.partition(":")
        if kind == "incident":
            if record is None or record.incident is None:
                self.states.pop(name, None)
            else:
                self.states[name] = record.incident
        elif kind == "digest":
            if record is None or record.digest is None:
                self.digests.pop(name, None)
            else:
                self.digests[name] = record.digest
        elif kind == "feeds":
            self.feeds = record.feeds if record is not None else None

    def silence(self, silence_id: str, record: SilenceRecord | None) -> None:
        if record is None:
            self.silences.pop(silence_id, None)
        else:
            self.silences[silence_id] = record.silence

    def on_update(self, update: IncidentUpdate, seen_at: datetime | None, now: datetime) -> list[Output]:
        incident = update.incident
        if self.marks.dismissed(incident.id):  # an analyst said it is no attack, or not ours
            self.metrics.notifications_dismissed.inc()
            return self._forget(incident.id)
        hits = hits_in(incident.lineages(), self.analyzer.watch)
        previous = self.states.get(incident.id)
        if not hits and previous is None:
            return []
        decision = alerting.decide(
            previous,
            incident,
            update.change,
            hits,
            self.routing.routes,
            self.routing.default,
            self.silences.values(),
            self.routing.policy,
            now,
            seen_at,
        )
        for _ in decision.silenced:
            self.metrics.notifications_silenced.inc()
        outputs = self._notices(decision.notices, update.article_seen_at)
        for channel, item in decision.digest_items:
            buffer = alerting.add_to_digest(self.digests.get(channel), channel, item, now)
            self.digests[channel] = buffer
            outputs.append((ALERT_STATE, f"digest:{channel}", AlertStateRecord(digest=buffer)))
        if decision.state is not None and decision.state != previous:
            self.states[incident.id] = decision.state
            outputs.append(
                (ALERT_STATE, f"incident:{incident.id}", AlertStateRecord(incident=decision.state))
            )
        return outputs

    def _forget(self, incident_id: str) -> list[Output]:
        """Drop what was pending for a dismissed incident: no update of it goes out later."""
        if self.states.pop(incident_id, None) is None:
            return []
        return [(ALERT_STATE, f"incident:{incident_id}", None)]

    def on_feed_health(self, event: FeedHealthEvent, now: datetime) -> list[Output]:
        data = event.model_dump(mode="json", by_alias=False, exclude={"schema_"})
        buffer = self.feeds or FeedHealthBuffer(opened_at=now)
        others = tuple(e for e in buffer.events if e.get("feed_url") != data["feed_url"])
        self.feeds = buffer.model_copy(update={"events": (*others, data)})
        return [(ALERT_STATE, "feeds", AlertStateRecord(feeds=self.feeds))]

    def tick(self, now: datetime) -> list[Output]:
        outputs: list[Output] = []
        policy = self.routing.policy
        for incident_id, state in list(self.states.items()):
            if self.marks.dismissed(incident_id):
                outputs += self._forget(incident_id)
                continue
            if any(cs.pending_revision is not None for cs in state.channels.values()):
                updated, notices = alerting.due_updates(state, self.routing.routes, policy, now)
                if notices:
                    self.states[incident_id] = updated
                    outputs += self._notices(notices, None)
                    outputs.append(
                        (ALERT_STATE, f"incident:{incident_id}", AlertStateRecord(incident=updated))
                    )
            elif now - state.incident.last_update > STATE_RETENTION:
                del self.states[incident_id]
                outputs.append((ALERT_STATE, f"incident:{incident_id}", None))
        for channel, buffer in list(self.digests.items()):
            notice = alerting.digest_due(buffer, policy, now)
            if notice is not None:
                self.metrics.digest_incidents.observe(len(buffer.items))
                outputs += self._notices([notice], None)
                del self.digests[channel]
                outputs.append((ALERT_STATE, f"digest:{channel}", None))
        if (
            self.feeds is not None
            and self.feeds.events
            and now - self.feeds.opened_at >= policy.feed_health_window
        ):
            grouped = [
                alerting.feed_health_notice(c, self.feeds.events, self.feeds.opened_at, now)
                for c in self.routing.operator
            ]
            outputs += self._notices(grouped, None)
            self.feeds = None
            outputs.append((ALERT_STATE, "feeds", None))
        return outputs

    def _notices(self, notices: Iterable[Notice], article_seen_at: datetime | None) -> list[Output]:
        outputs: list[Output] = []
        shown: dict[str, list[Notice]] = {}
        for decided in notices:
            notice = (
                decided.model_copy(update={"article_seen_at": article_seen_at})
                if article_seen_at
                else decided
            )
            self.metrics.alerts.labels(notice.kind).inc()
            shown.setdefault(notice.key.rsplit(":", 2)[0] + notice.kind, []).append(notice)
            outputs.append((NOTIFICATIONS, notice.key, NotificationRecord(notice=notice)))
        for group in shown.values():
            self._show(group[0], [n.channel for n in group])
        return outputs

    def _show(self, notice: Notice, channels: list[str]) -> None:
        """The decision in the terminal, once, with the channels it goes to."""
        if self.out is None:
            return
        rendered = render(notice, self.labels)
        bar = "━" * 72
        icon = {"new": "🚨 ALERT ", "update": "🔁", "digest": "🗂 ", "feed_health": "🩺"}
        self.out.write(f"\n{bar}\n{icon[notice.kind]} {rendered.title}\n   → {', '.join(channels)}\n")
        for line in rendered.text.splitlines():
            self.out.write(f"   {line}\n")
        self.out.write(f"{bar}\n")
        self.out.flush()
