"""Topics into the web store: one consumer over every topic the pages show, offsets kept with the data.

``changes_of`` turns one Kafka record into store changes (pure apart from the gazetteer lookups);
``Ingest`` is the thread that reads the topics from the offsets the store holds (the beginning
for a new store), writes each batch with its offsets in one transaction, and tells the pages that
something changed. A malformed record is counted, logged once and skipped; it never stops the loop.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wirewatch.core.analysis import Analyzer
from wirewatch.core.incidents import Incident
from wirewatch.core.watch import hits_in
from wirewatch.errors import BadRecord
from wirewatch.logs import untrusted
from wirewatch.topics import (
    ATTACK_REPORTS,
    DELIVERIES,
    FEED_HEALTH,
    FEED_STATE,
    FEEDBACK,
    FEEDS,
    INCIDENT_UPDATES,
    INCIDENTS,
    NOTIFICATIONS,
    POLL_SURGES,
    SILENCES,
    TopicSpec,
)
from wirewatch.topics.codec import decode
from wirewatch.topics.records import (
    AttackReport,
    DeliveryRecord,
    FeedbackRecord,
    FeedHealthEvent,
    FeedRecord,
    FeedState,
    IncidentRecord,
    IncidentUpdate,
    NotificationRecord,
    SilenceRecord,
    SurgeRecord,
    report_or_mark,
)
from wirewatch.web.store import Change, IncidentSeen, Offsets, ReportSeen, RevisionSeen, Store, Tombstone

log = logging.getLogger("wirewatch.web")

TOPICS: tuple[TopicSpec, ...] = (
    INCIDENTS,
    INCIDENT_UPDATES,
    ATTACK_REPORTS,
    FEED_STATE,
    FEEDS,
    FEED_HEALTH,
    POLL_SURGES,
    SILENCES,
    NOTIFICATIONS,
    DELIVERIES,
    FEEDBACK,
)


@dataclass(frozen=True)
class Places:
    """What the board adds to an incident from the watchlist and the gazetteer."""

    analyzer: Analyzer

    def seen(self, incident: Incident) -> IncidentSeen:
        entries = tuple(hits_in(incident.lineages(), self.analyzer.watch))
        path: tuple[str, ...] = ()
        if incident.places:
            main = incident.places[0]
            names = self.analyzer.gazetteer.places
            path = tuple(
                (names[p].name_en or names[p].name_ar) if p in names else p
                for p in main.lineage or (main.id,)
            )
            if path:
                path = (main.name, *path[1:])
        return IncidentSeen(incident, entries, path)


def changes_of(spec: TopicSpec, key: str, value: bytes | None, places: Places) -> list[Change]:
    """Store changes for one record of ``spec``'s topic; ``BadRecord`` when it cannot be read."""
    if spec is INCIDENTS:
        if value is None:
            return []
        return [places.seen(decode(value, IncidentRecord).incident)]
    if spec is INCIDENT_UPDATES:
        # The incident itself comes whole from the incidents topic (written before its update): the
        # update carries a smaller shape, which must not replace it in the store.
        update = decode(value, IncidentUpdate)
        incident = update.incident
        return [
            RevisionSeen(incident.id, incident.revision, update.change, update.article_id, update.at),
        ]
    if spec is ATTACK_REPORTS:
        report = report_or_mark(value)
        if not isinstance(report, AttackReport):
            return []  # an analyst's merge or split on its way to the processor
        return [ReportSeen(report.facts.article_id, report.facts.revision, report.text)]
    if spec is FEED_STATE:
        return [Tombstone("feed_state", key)] if value is None else [decode(value, FeedState)]
    if spec is FEEDS:
        return [] if value is None else [decode(value, FeedRecord)]
    if spec is FEED_HEALTH:
        return [decode(value, FeedHealthEvent)]
    if spec is POLL_SURGES:
        return [Tombstone("surge", key)] if value is None else [decode(value, SurgeRecord)]
    if spec is SILENCES:
        return [Tombstone("silence", key)] if value is None else [decode(value, SilenceRecord).silence]
    if spec is NOTIFICATIONS:
        return [decode(value, NotificationRecord)]
    if spec is DELIVERIES:
        return [] if value is None else [decode(value, DeliveryRecord)]
    if spec is FEEDBACK:
        return [Tombstone("feedback", key)] if value is None else [(key, decode(value, FeedbackRecord))]
    raise AssertionError(spec.name)


class Ingest(threading.Thread):
    """Reads the topics into the store until ``stop()``; ``on_change`` hears of every written batch."""

    def __init__(
        self,
        settings: Any,
        store: Store,
        places: Places,
        on_change: Callable[[], None] = lambda: None,
        bad_input: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__(name="web-ingest", daemon=True)
        self.settings = settings
        self.store = store
        self.places = places
        self.on_change = on_change
        self.bad_input = bad_input
        self._stop = threading.Event()
        self.caught_up = threading.Event()
        self.failed: BaseException | None = None
        self.beat = 0.0

    def stop(self) -> None:
        self._stop.set()

    def run(self) -> None:
        try:
            self._run()
        except BaseException as exc:
            self.failed = exc
            log.exception("the web store stopped reading the topics")

    def _run(self) -> None:
        import time

        from kafka import KafkaConsumer, TopicPartition

        from wirewatch.topics.admin import ensure_topics
        from wirewatch.topics.security import client_config

        prefix = self.settings.topic_prefix
        ensure_topics(self.settings, list(TOPICS))
        by_topic = {spec.full_name(prefix): spec for spec in TOPICS}
        consumer = KafkaConsumer(
            **client_config(self.settings),
            client_id=f"{prefix}-web",
            group_id=None,  # the store holds the offsets, in the same transaction as the data
            enable_auto_commit=False,
            max_poll_records=1000,
        )
        try:
            parts: list[TopicPartition] = []
            while len({tp.topic for tp in parts}) < len(by_topic) and not self._stop.is_set():
                # A new topic's metadata may lag its creation: wait until every topic has partitions.
                parts = [
                    TopicPartition(topic, p)
                    for topic in by_topic
                    for p in sorted(consumer.partitions_for_topic(topic) or ())
                ]
                if len({tp.topic for tp in parts}) < len(by_topic):
                    self._stop.wait(0.5)
            consumer.assign(parts)
            stored = self.store.offsets()
            for tp in parts:
                if (tp.topic, tp.partition) in stored:
                    consumer.seek(tp, stored[(tp.topic, tp.partition)])
                else:
                    consumer.seek_to_beginning(tp)
            end = consumer.end_offsets(parts)
            log.info("web store: reading %d partitions from %d stored offsets", len(parts), len(stored))
            while not self._stop.is_set():
                self.beat = time.monotonic()
                batches = consumer.poll(timeout_ms=300)
                changes: list[Change] = []
                offsets: Offsets = {}
                for tp, records in batches.items():
                    spec = by_topic[tp.topic]
                    for record in records:
                        key = record.key.decode("utf-8", "replace") if record.key else ""
                        try:
                            changes += changes_of(spec, key, record.value, self.places)
                        except BadRecord as exc:
                            self.bad_input()
                            log.warning(
                                "skipping malformed record at %s[%d]@%d: %s",
                                tp.topic,
                                tp.partition,
                                record.offset,
                                untrusted(str(exc)),
                            )
                        offsets[(tp.topic, tp.partition)] = record.offset + 1
                if offsets:
                    self.store.apply(changes, offsets)
                    self.on_change()
                if not self.caught_up.is_set() and all(consumer.position(tp) >= end[tp] for tp in parts):
                    self.caught_up.set()
                    log.info("web store caught up with the topics (%d incidents)", self.store.count())
        finally:
            consumer.close()
