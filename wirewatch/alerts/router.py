"""The alert router: incident updates and feed health in, notices and router state out.

Wiring around ``core.alertstep``: it decodes the inputs into the step's types, keeps the step's
state (restorable from the compacted alert-state topic), the silences and the analysts' marks,
and turns each step's outputs into (topic, key, record) for the alerter to write and into
metrics. It touches no Kafka itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TextIO

from pydantic import BaseModel

from wirewatch.alerts.marks import Marks
from wirewatch.alerts.render import render
from wirewatch.alerts.routing_config import Routing
from wirewatch.core import alertstep
from wirewatch.core.alerting import Notice, Silence
from wirewatch.core.alertstep import IncidentChange, RouterRules, RouterState, RouterStep, Send
from wirewatch.core.analysis import Analyzer
from wirewatch.metrics import Metrics
from wirewatch.topics import ALERT_STATE, NOTIFICATIONS, TopicSpec
from wirewatch.topics.records import (
    AlertStateRecord,
    FeedHealthEvent,
    IncidentUpdate,
    NotificationRecord,
    SilenceRecord,
)

Output = tuple[TopicSpec, str, BaseModel | None]  # topic, key, record (None: a tombstone)


@dataclass
class Router:
    analyzer: Analyzer
    routing: Routing
    metrics: Metrics
    out: TextIO | None = None
    state: RouterState = field(default_factory=RouterState)
    silences: dict[str, Silence] = field(default_factory=dict)
    marks: Marks = field(default_factory=Marks)

    @property
    def labels(self) -> dict[str, str]:
        return {w.entry_id: f"{w.entry_id} ({w.kind})" for w in self.analyzer.watch}

    @property
    def rules(self) -> RouterRules:
        r = self.routing
        return RouterRules(self.analyzer.watch, r.routes, r.default, r.operator, r.policy)

    def restore(self, record_key: str, record: AlertStateRecord | None) -> None:
        self.state = alertstep.recall(self.state, record_key, record.kept() if record is not None else None)

    def silence(self, silence_id: str, record: SilenceRecord | None) -> None:
        if record is None:
            self.silences.pop(silence_id, None)
        else:
            self.silences[silence_id] = record.silence

    def on_update(self, update: IncidentUpdate, seen_at: datetime | None, now: datetime) -> list[Output]:
        change = IncidentChange(update.incident, update.change, update.article_seen_at, seen_at)
        return self._apply(
            alertstep.route(self.state, change, now, self.rules, self.silences.values(), self.marks.dismissed)
        )

    def on_feed_health(self, event: FeedHealthEvent, now: datetime) -> list[Output]:
        return self._apply(alertstep.note_feed_event(self.state, event.to_core(), now))

    def tick(self, now: datetime) -> list[Output]:
        return self._apply(alertstep.tick(self.state, now, self.rules, self.marks.dismissed))

    def _apply(self, step: RouterStep) -> list[Output]:
        """Keep the step's state; its outputs as records, counted and shown."""
        self.state = step.state
        self.metrics.notifications_dismissed.inc(step.dismissed)
        self.metrics.notifications_silenced.inc(step.silenced)
        for size in step.digest_sizes:
            self.metrics.digest_incidents.observe(size)
        outputs: list[Output] = []
        shown: dict[str, list[Notice]] = {}
        for output in step.outputs:
            if isinstance(output, Send):
                notice = output.notice
                self.metrics.alerts.labels(notice.kind).inc()
                shown.setdefault(notice.key.rsplit(":", 2)[0] + notice.kind, []).append(notice)
                outputs.append((NOTIFICATIONS, notice.key, NotificationRecord(notice=notice)))
            else:
                outputs.append((ALERT_STATE, output.key, _state_record(output.value)))
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


def _state_record(value: alertstep.Kept | None) -> AlertStateRecord | None:
    return AlertStateRecord.of(value) if value is not None else None
