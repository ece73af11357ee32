"""The alerter: incident updates and feed health in, notifications delivered exactly as decided.

Two stages in one process, joined by Kafka so a crash between them loses nothing:

- the **router** reads incident updates and feed-health events, asks ``core.alerting`` what to
  notify (one alert per incident and channel, rate-limited updates, silences, catch-up digests,
  grouped feed-health messages), writes the notices to the outbox topic and its own state to a
  compacted topic, and only then commits its input;
- the **dispatcher** reads the outbox, skips what the deliveries topic says was already
  delivered or given up on, sends through ``alerts.delivery`` with exponential backoff per
  channel (honouring ``Retry-After``), records each delivery right after the receiver accepted it,
  dead-letters what exhausts its budget (with the reason), and commits outbox offsets only past
  notifications that are finished.

A restart reads both compacted topics back, so it neither repeats a "new" alert nor forgets a
pending update. The idempotency key (incident, revision, channel, kind) goes to webhook
receivers as ``Idempotency-Key``.
"""

from __future__ import annotations

import logging
import signal
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, TextIO

from kafka import ConsumerRebalanceListener, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.structs import OffsetAndMetadata
from pydantic import BaseModel

from wirewatch.alerts.delivery import senders_for
from wirewatch.alerts.dispatch import ChannelThreads, DeliveryPolicy, Dispatcher
from wirewatch.alerts.marks import MarksFollower
from wirewatch.alerts.router import Output, Router
from wirewatch.alerts.routing_config import Routing
from wirewatch.config import Settings
from wirewatch.core.analysis import Analyzer
from wirewatch.health.readiness import Readiness
from wirewatch.logs import untrusted
from wirewatch.metrics import Metrics
from wirewatch.topics import (
    ALERT_STATE,
    DELIVERIES,
    FEED_HEALTH,
    INCIDENT_UPDATES,
    NOTIFICATIONS,
    SILENCES,
    TopicSpec,
)
from wirewatch.topics.codec import decode, encode, key
from wirewatch.topics.groups import ALERTER, DISPATCHER, group_id
from wirewatch.topics.reader import read_compacted
from wirewatch.topics.records import (
    AlertStateRecord,
    DeliveryRecord,
    FeedHealthEvent,
    IncidentUpdate,
    NotificationRecord,
    SilenceRecord,
)
from wirewatch.topics.security import client_config
from wirewatch.workers.bad_messages import skip_bad

log = logging.getLogger("wirewatch.alerter")


# -- the process -----------------------------------------------------------------------------------


def _read_compacted(settings: Settings, spec: TopicSpec, apply: Callable[[str, bytes | None], None]) -> int:
    """Feed every record of a compacted topic, from the beginning to its current end, to ``apply``."""
    count = 0
    for record_key, value, _ in read_compacted(settings, spec, client="alerter"):
        apply(record_key, value)
        count += 1
    return count


def _decoded(model: type[BaseModel]) -> Callable[[bytes | None], Any]:
    def parse(value: bytes | None) -> Any:
        return None if value is None else decode(value, model)

    return parse


class _Revocations(ConsumerRebalanceListener):  # type: ignore[misc]
    """Partitions taken away (another alerter joined): forget their queued work, it will be redone."""

    def __init__(self, dispatcher: Dispatcher) -> None:
        self.dispatcher = dispatcher

    def on_partitions_revoked(self, revoked: list[TopicPartition]) -> None:
        self.dispatcher.forget({tp.partition for tp in revoked})

    def on_partitions_assigned(self, assigned: list[TopicPartition]) -> None:
        return None


class _Stop:
    def __init__(self) -> None:
        self.flag = False

    def __call__(self, *_: object) -> None:
        self.flag = True


def run(
    settings: Settings,
    analyzer: Analyzer,
    routing: Routing,
    metrics: Metrics,
    out: TextIO | None = sys.stdout,
    health: Readiness | None = None,
) -> int:
    """Entry point of ``wirewatch alert``."""
    from wirewatch.topics.admin import ensure_topics

    senders = senders_for(routing.channels)
    ensure_topics(settings, worker="alerter")
    router = Router(analyzer, routing, metrics, out)
    marks = MarksFollower(settings, router.marks, metrics.bad_input.labels("feedback").inc).start()
    dispatcher = Dispatcher(
        senders,
        metrics,
        DeliveryPolicy(
            backoff_max=settings.delivery_backoff_max,
            max_age=timedelta(seconds=settings.delivery_max_age),
            down_after=timedelta(seconds=settings.delivery_down_after),
        ),
        labels=router.labels,
        runner=ChannelThreads(),  # a receiver that hangs holds its own channel, never this loop
    )
    parse_state, parse_delivery = _decoded(AlertStateRecord), _decoded(DeliveryRecord)
    restored = _read_compacted(settings, ALERT_STATE, lambda k, v: router.restore(k, parse_state(v)))
    remembered = _read_compacted(settings, DELIVERIES, lambda k, v: dispatcher.remember(k, parse_delivery(v)))
    log.info("restored %d alert-state records and %d deliveries", restored, remembered)

    servers = client_config(settings)
    prefix = settings.topic_prefix
    producer = KafkaProducer(
        **servers,
        acks="all",
        enable_idempotence=True,
        linger_ms=0,
        client_id=f"{prefix}-alerter",
    )
    # A dead alerter's partitions move to a live one after the session timeout.
    group: dict[str, Any] = {
        "session_timeout_ms": int(settings.consumer_session_timeout * 1000),
        "heartbeat_interval_ms": max(1000, int(settings.consumer_session_timeout * 1000 / 3)),
    }
    if settings.instance_id:  # static membership: a restart gets its partitions back at once
        group["group_instance_id"] = settings.instance_id
    router_in = KafkaConsumer(
        INCIDENT_UPDATES.full_name(prefix),
        FEED_HEALTH.full_name(prefix),
        **servers,
        group_id=group_id(prefix, ALERTER),
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        max_poll_records=100,
        **group,
    )
    outbox = KafkaConsumer(
        **servers,
        group_id=group_id(prefix, DISPATCHER),
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        max_poll_records=200,
        **group,
    )
    outbox.subscribe([NOTIFICATIONS.full_name(prefix)], listener=_Revocations(dispatcher))
    silences = KafkaConsumer(**servers, group_id=None, enable_auto_commit=False)
    silence_topic = SILENCES.full_name(prefix)
    silence_parts = [
        TopicPartition(silence_topic, p) for p in silences.partitions_for_topic(silence_topic) or ()
    ]
    silences.assign(silence_parts)
    silences.seek_to_beginning(*silence_parts)

    def produce(outputs: list[Output]) -> None:
        futures = [
            producer.send(spec.full_name(prefix), key=key(k), value=encode(v) if v is not None else None)
            for spec, k, v in outputs
        ]
        producer.flush()
        for future in futures:
            future.get(timeout=30)

    stop = _Stop()
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    metrics.up.labels("alerter").set(1)
    log.info(
        "alerting on %s for %d watched entries to %d channels",
        INCIDENT_UPDATES.full_name(prefix),
        len(analyzer.watch),
        len(senders),
    )
    next_tick = 0.0
    try:
        while not stop.flag:
            if health is not None:
                health.beat()
                health.hold([*router_in.assignment(), *outbox.assignment()])
            for records in silences.poll(timeout_ms=0).values():
                for record in records:
                    sid = record.key.decode("utf-8", "replace") if record.key else ""
                    with skip_bad(metrics, "silence", record, log, "alert_error"):
                        silence = _decoded(SilenceRecord)(record.value)
                        router.silence(sid, silence)
                        ends = f"until {silence.silence.until.isoformat()}" if silence else "removed"
                        log.info("silence %s read: %s", untrusted(sid), ends)
            busy = dispatcher.busy(datetime.now(UTC))  # then the loop waits on the sends, not on Kafka
            batches = router_in.poll(timeout_ms=0 if busy else 100)
            outputs: list[Output] = []
            now = datetime.now(UTC)
            for records in batches.values():
                for record in records:
                    started = time.perf_counter()
                    outputs += _route(router, record, now, metrics)
                    metrics.stage_seconds.labels("alert").observe(time.perf_counter() - started)
            if time.monotonic() >= next_tick:
                next_tick = time.monotonic() + 1.0
                outputs += router.tick(now)
            if outputs:
                produce(outputs)
            if batches:
                router_in.commit()
            for records in outbox.poll(timeout_ms=0 if busy else 50 if dispatcher.pending else 100).values():
                for record in records:
                    notice = None
                    with skip_bad(metrics, "notification", record, log, "alert_error"):
                        notice = decode(record.value, NotificationRecord).notice
                    if notice is None:
                        dispatcher.skip(record.partition, record.offset)
                        continue
                    dispatcher.add(record.partition, record.offset, notice)
            dispatcher.drive(0.1, produce)
            commit = dispatcher.committable()
            if commit:
                topic = NOTIFICATIONS.full_name(prefix)
                outbox.commit(
                    {TopicPartition(topic, p): OffsetAndMetadata(o, "", -1) for p, o in commit.items()}
                )
    finally:
        marks.stop()
        dispatcher.close()
        for consumer in (router_in, outbox, silences):
            consumer.close()
        producer.flush(timeout=10)
        producer.close(timeout=10)
        metrics.up.labels("alerter").set(0)
    return 0


def _route(router: Router, record: Any, now: datetime, metrics: Metrics) -> list[Output]:
    seen_at = datetime.fromtimestamp(record.timestamp / 1000, tz=UTC) if record.timestamp else None
    health = record.topic.endswith(FEED_HEALTH.name)
    with skip_bad(metrics, "feed_health" if health else "incident_update", record, log, "alert_error"):
        if health:
            return router.on_feed_health(decode(record.value, FeedHealthEvent), now)
        return router.on_update(decode(record.value, IncidentUpdate), seen_at, now)
    return []
