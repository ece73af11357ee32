"""Surges: other parts of wirewatch ask the pollers to poll a group of feeds faster for a while.

A request is a ``SurgeRecord`` on the compacted poll-surges topic (key: the group), so a poller
that starts during a surge sees it too. Every poller reads the whole topic (it is tiny) in a
background thread; ``core.schedule`` decides what a surge does and ends it when it expires.
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime, timedelta

from kafka import KafkaConsumer, KafkaProducer, TopicPartition

from wirewatch.config import Settings
from wirewatch.core.schedule import Surge, apply_surge
from wirewatch.errors import BadRecord
from wirewatch.topics import POLL_SURGES
from wirewatch.topics.codec import decode, encode, key
from wirewatch.topics.records import SurgeRecord

log = logging.getLogger("wirewatch.poller")


def request_surge(
    settings: Settings,
    producer: KafkaProducer,
    group: str,
    interval: float,
    duration: float,
    now: datetime,
    reason: str = "",
) -> SurgeRecord:
    """Ask every poller to poll ``group`` every ``interval`` s for ``duration`` s (0 ends it)."""
    record = SurgeRecord(
        group=group, interval=interval, until=now + timedelta(seconds=duration), reason=reason
    )
    producer.send(POLL_SURGES.full_name(settings.topic_prefix), key=key(group), value=encode(record))
    producer.flush()
    return record


class SurgeBoard:
    """The surges in force, as this poller last read them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._table: dict[str, Surge] = {}

    def apply(self, record: SurgeRecord, now: datetime) -> None:
        with self._lock:
            self._table = apply_surge(self._table, Surge(record.group, record.interval, record.until), now)

    def table(self) -> dict[str, Surge]:
        with self._lock:
            return dict(self._table)


class SurgeReader:
    """Follows the poll-surges topic from its start into a ``SurgeBoard``."""

    def __init__(self, settings: Settings, board: SurgeBoard) -> None:
        self.topic = POLL_SURGES.full_name(settings.topic_prefix)
        self.board = board
        self.settings = settings
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="poller-surges", daemon=True)

    def start(self) -> SurgeReader:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=30)

    def _run(self) -> None:
        consumer = KafkaConsumer(
            bootstrap_servers=self.settings.kafka_bootstrap.split(","),
            client_id=f"{self.settings.topic_prefix}-poller-surges",
            group_id=None,
            enable_auto_commit=False,
        )
        try:
            partitions = [
                TopicPartition(self.topic, p) for p in (consumer.partitions_for_topic(self.topic) or ())
            ]
            if not partitions:
                log.warning("no %s topic: surges are off", self.topic)
                return
            consumer.assign(partitions)
            consumer.seek_to_beginning(*partitions)
            while not self._stop.is_set():
                try:
                    batch = consumer.poll(timeout_ms=500)
                except Exception as exc:  # keep following through broker hiccups
                    log.warning("surge reader: %s; retrying", type(exc).__name__)
                    self._stop.wait(2)
                    continue
                for records in batch.values():
                    for record in records:
                        if record.value is None:
                            continue
                        try:
                            surge = decode(record.value, SurgeRecord)
                        except BadRecord as exc:
                            log.warning("skipping unreadable surge request: %s", exc)
                            continue
                        self.board.apply(surge, datetime.now(UTC))
                        log.info(
                            "surge on group %s: every %.0f s until %s",
                            surge.group,
                            surge.interval,
                            surge.until.isoformat(timespec="seconds"),
                        )
        finally:
            consumer.close()
