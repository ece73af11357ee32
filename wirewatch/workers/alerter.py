"""The alerter: incident updates in, one alert per incident on a watched place out, then updates.

Per update: decode, match the watchlist against the incident's target places (through their
lineage, so a region entry is hit by an attack on a base inside it), and when the incident is
new for a watched entry, show the alert in the terminal and deliver it through apprise; when an
alerted incident is corroborated or its figures change, send an update. Offsets are committed
only after delivery, so a crash re-delivers rather than loses.
"""

from __future__ import annotations

import logging
import signal
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TextIO

from kafka import KafkaConsumer

from wirewatch.alerts.delivery import Delivery, Notifier
from wirewatch.alerts.render import Alert, render_alert
from wirewatch.config import Settings
from wirewatch.core.analysis import Analyzer
from wirewatch.core.watch import hits_in
from wirewatch.errors import BadRecord
from wirewatch.metrics import Metrics
from wirewatch.topics import INCIDENT_UPDATES
from wirewatch.topics.codec import decode
from wirewatch.topics.records import IncidentUpdate

log = logging.getLogger("wirewatch.alerter")


class Alerter:
    def __init__(
        self,
        analyzer: Analyzer,
        notifier: Notifier,
        metrics: Metrics,
        out: TextIO | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.analyzer = analyzer
        self.notifier = notifier
        self.metrics = metrics
        self.out = out
        self.clock = clock
        self.alerted: dict[str, int] = {}  # incident id -> revision last alerted
        self.retry_pauses: tuple[float, ...] = (1.0, 3.0)
        self.sleep: Callable[[float], None] = time.sleep
        self.labels = {w.entry_id: f"{w.entry_id} ({w.kind})" for w in analyzer.watch}

    def handle(self, value: bytes | None) -> Alert | None:
        """The alert for one incident update, if any; raises ``BadRecord`` for a malformed message.

        One alert when an incident first touches a watched entry; then an update when it is
        corroborated or its figures or types change. Other changes (one more report) send nothing.
        """
        update = decode(value, IncidentUpdate)
        incident = update.incident
        hits = hits_in(incident.lineages(), self.analyzer.watch)
        if not hits:
            return None
        if incident.id not in self.alerted:
            alert = render_alert(incident, hits, self.labels, kind="new", change=update.change)
        elif update.change in ("corroborated", "updated") and incident.revision > self.alerted[incident.id]:
            alert = render_alert(incident, hits, self.labels, kind="update", change=update.change)
        else:
            return None
        self._show(alert)
        deliveries = self._deliver(alert)
        for d in deliveries:
            self.metrics.notifications.labels(d.scheme, d.status).inc()
        self.metrics.alerts.labels(alert.kind).inc()
        if update.article_seen_at is not None and any(d.status == "sent" for d in deliveries):
            self.metrics.alert_latency_seconds.observe(
                (self.clock() - update.article_seen_at).total_seconds()
            )
        self.alerted[incident.id] = incident.revision
        return alert

    def _deliver(self, alert: Alert) -> list[Delivery]:
        """Send to every channel; retry the ones that failed a few times with growing pauses."""
        deliveries = self.notifier.send(alert.title, alert.body)
        for pause in self.retry_pauses:
            failed = [i for i, d in enumerate(deliveries) if d.status == "failed"]
            if not failed:
                break
            self.sleep(pause)
            again = self.notifier.send(alert.title, alert.body, only=failed)
            for i, d in zip(failed, again, strict=True):
                deliveries[i] = d
        for d in deliveries:
            if d.status != "sent":
                log.error(
                    "alert %s not delivered to %s (%s) after retries", alert.incident, d.channel, d.status
                )
        return deliveries

    def _show(self, alert: Alert) -> None:
        if self.out is None:
            return
        bar = "━" * 72
        self.out.write(f"\n{bar}\n🚨 ALERT  {alert.title}\n")
        for line in alert.body.splitlines():
            self.out.write(f"   {line}\n")
        self.out.write(f"{bar}\n")
        self.out.flush()


def run(settings: Settings, analyzer: Analyzer, metrics: Metrics, out: TextIO | None = sys.stdout) -> int:
    """Entry point of ``wirewatch alert``."""
    from wirewatch.topics.admin import ensure_topics

    notifier = Notifier(settings.notify_urls())
    ensure_topics(settings)
    topic = INCIDENT_UPDATES.full_name(settings.topic_prefix)
    consumer = KafkaConsumer(
        topic,
        bootstrap_servers=settings.kafka_bootstrap.split(","),
        group_id=f"{settings.topic_prefix}-alerter",
        client_id=f"{settings.topic_prefix}-alerter",
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        max_poll_records=50,
    )
    alerter = Alerter(analyzer, notifier, metrics, out)
    stopping: dict[str, Any] = {"flag": False}

    def stop(*_: object) -> None:
        stopping["flag"] = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    metrics.up.labels("alerter").set(1)
    log.info(
        "alerting on %s for %d watched entries to %d channels",
        topic,
        len(analyzer.watch),
        len(notifier.channels),
    )
    try:
        while not stopping["flag"]:
            batches = consumer.poll(timeout_ms=500)
            for records in batches.values():
                for record in records:
                    try:
                        alerter.handle(record.value)
                    except BadRecord as exc:
                        metrics.bad_input.labels("report").inc()
                        log.warning(
                            "skipping malformed report at %s[%d]@%d: %s",
                            record.topic,
                            record.partition,
                            record.offset,
                            exc,
                        )
                    except Exception:
                        # A bug must not crash-loop the alerter on one report: count, log once, go on.
                        metrics.bad_input.labels("analysis_error").inc()
                        log.exception(
                            "alerting failed for the report at %s[%d]@%d; skipped",
                            record.topic,
                            record.partition,
                            record.offset,
                        )
            if batches:
                consumer.commit()
    finally:
        consumer.close()
        metrics.up.labels("alerter").set(0)
    return 0
