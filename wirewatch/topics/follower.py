"""Following a compacted topic from its beginning for as long as a worker runs.

Small state that every instance needs whole (the analysts' marks, the surges in force) lives on
compacted topics that each worker reads from the start and then keeps reading in a daemon
thread. ``CompactedFollower`` is that thread, once: it assigns every partition (waiting for a
topic just created to show in the metadata), hands each record to ``on_record`` as ``(key,
value)`` (``None`` is a tombstone), says when it has ``caught_up`` with what the topic held when
it started, and rides out a broker that does not answer. What a record means is the caller's.

``topics.reader.read_compacted`` is the one-shot form: read to the current end, then stop.
kafka-python is imported when the thread starts, so a module that only names a follower stays
light.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from wirewatch.background import Background
from wirewatch.config import Settings
from wirewatch.topics import TopicSpec

log = logging.getLogger("wirewatch.topics")

RETRY_AFTER = 2.0  # seconds between two polls that failed (a broker that went away)


def record_key(record: Any) -> str:
    """A consumed record's key as text (``""`` when it has none)."""
    return record.key.decode("utf-8", "replace") if record.key else ""


class CompactedFollower(Background):
    """Hands every record of one compacted topic to ``on_record``, from the beginning, until stopped.

    ``topic_wait``: seconds to wait for the topic's partitions to show (``None``: until stopped);
    when they do not, ``on_missing`` is called and the thread ends.
    """

    join_timeout = 10.0

    def __init__(
        self,
        settings: Settings,
        spec: TopicSpec,
        on_record: Callable[[str, bytes | None], None],
        client: str,
        topic_wait: float | None = None,
        on_missing: Callable[[], None] = lambda: None,
        poll_ms: int = 500,
    ) -> None:
        self.settings = settings
        self.topic = spec.full_name(settings.topic_prefix)
        self.on_record = on_record
        self.client = client
        self.topic_wait = topic_wait
        self.on_missing = on_missing
        self.poll_ms = poll_ms
        self.caught_up = threading.Event()
        super().__init__(client)

    def _run(self) -> None:
        from kafka import KafkaConsumer

        from wirewatch.topics.security import client_config

        consumer = KafkaConsumer(
            **client_config(self.settings),
            client_id=f"{self.settings.topic_prefix}-{self.client}",
            group_id=None,
            enable_auto_commit=False,
        )
        try:
            self._follow(consumer)
        except Exception:
            log.exception("stopped following %s", self.topic)
        finally:
            consumer.close()

    def _follow(self, consumer: Any) -> None:
        parts = self._partitions(consumer)
        if not parts:
            if not self._stop.is_set():
                self.on_missing()
            return
        consumer.assign(parts)
        consumer.seek_to_beginning(*parts)
        end = consumer.end_offsets(parts)
        while not self._stop.is_set():
            try:
                batch = consumer.poll(timeout_ms=self.poll_ms)
            except Exception as exc:  # keep following through broker hiccups
                log.warning("following %s: %s; retrying", self.topic, type(exc).__name__)
                self._stop.wait(RETRY_AFTER)
                continue
            for records in batch.values():
                for record in records:
                    self.on_record(record_key(record), record.value)
            if not self.caught_up.is_set() and all(consumer.position(tp) >= end[tp] for tp in parts):
                self.caught_up.set()

    def _partitions(self, consumer: Any) -> list[Any]:
        """Every partition of the topic; a topic just created may take a moment to show in metadata."""
        from kafka import TopicPartition

        deadline = None if self.topic_wait is None else time.monotonic() + self.topic_wait
        while not self._stop.is_set():
            found = sorted(consumer.partitions_for_topic(self.topic) or ())
            if found:
                return [TopicPartition(self.topic, p) for p in found]
            if deadline is not None and time.monotonic() > deadline:
                break
            self._stop.wait(0.5)
        return []
