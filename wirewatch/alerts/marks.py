"""Analysts' marks as the workers act on them: dismissed incidents and places read wrongly.

``Marks`` is the state (pure: ``apply`` a record or a tombstone, then ask); ``MarksFollower`` is
the thread that keeps a ``Marks`` current from the compacted feedback topic, from its beginning,
for as long as the worker runs. The alerter asks ``dismissed`` before deciding an alert; the
processor adds ``wrong_places`` to its rules' ignored places for every new article.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from wirewatch.core.analysis import Analyzer
from wirewatch.errors import BadRecord
from wirewatch.logs import untrusted
from wirewatch.topics.records import FeedbackRecord

log = logging.getLogger("wirewatch.marks")


@dataclass
class Marks:
    by_key: dict[str, FeedbackRecord] = field(default_factory=dict)
    _dismissed: frozenset[str] = frozenset()
    _wrong: frozenset[str] = frozenset()

    def apply(self, record_key: str, record: FeedbackRecord | None) -> None:
        if record is None:
            self.by_key.pop(record_key, None)
        else:
            self.by_key[record_key] = record
        marks = self.by_key.values()
        self._dismissed = frozenset(m.incident_id for m in marks if m.dismisses)
        self._wrong = frozenset(m.place_id for m in marks if m.mark == "wrong_place" and m.place_id)

    def dismissed(self, incident_id: str) -> bool:
        return incident_id in self._dismissed

    @property
    def wrong_places(self) -> frozenset[str]:
        return self._wrong


def with_exclusions(analyzer: Analyzer, places: frozenset[str]) -> Analyzer:
    """The analyzer with ``places`` never taken as a target or an origin (``core.rules`` ignore_places)."""
    if places <= analyzer.rules.ignore_places:
        return analyzer
    rules = replace(analyzer.rules, ignore_places=analyzer.rules.ignore_places | places)
    return replace(analyzer, rules=rules)


class MarksFollower:
    """Keeps ``marks`` current from the feedback topic in a daemon thread (kafka-python)."""

    def __init__(self, settings: Any, marks: Marks, on_bad: Callable[[], None] = lambda: None) -> None:
        self.settings = settings
        self.marks = marks
        self.on_bad = on_bad
        self.lock = threading.Lock()
        self.caught_up = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="marks", daemon=True)

    def start(self) -> MarksFollower:
        self._thread.start()
        return self

    def following(self) -> bool:
        """The thread still runs (it stops on ``stop()`` or on an error it logged)."""
        return self._thread.is_alive()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        from kafka import KafkaConsumer, TopicPartition

        from wirewatch.topics import FEEDBACK
        from wirewatch.topics.codec import decode
        from wirewatch.topics.security import client_config

        topic = FEEDBACK.full_name(self.settings.topic_prefix)
        consumer = KafkaConsumer(
            **client_config(self.settings),
            client_id=f"{self.settings.topic_prefix}-marks",
            group_id=None,
            enable_auto_commit=False,
        )
        try:
            parts: list[TopicPartition] = []
            while not parts and not self._stop.is_set():  # a new topic's metadata may lag its creation
                parts = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
                if not parts:
                    self._stop.wait(0.5)
            if not parts:
                return
            consumer.assign(parts)
            consumer.seek_to_beginning(*parts)
            end = consumer.end_offsets(parts)
            while not self._stop.is_set():
                for records in consumer.poll(timeout_ms=200).values():
                    for record in records:
                        record_key = record.key.decode("utf-8", "replace") if record.key else ""
                        try:
                            mark = None if record.value is None else decode(record.value, FeedbackRecord)
                        except BadRecord as exc:
                            self.on_bad()
                            log.warning("skipping malformed mark %s: %s", untrusted(record_key), exc)
                            continue
                        with self.lock:
                            self.marks.apply(record_key, mark)
                        log.info("mark read: %s", untrusted(record_key))
                if not self.caught_up.is_set() and all(consumer.position(tp) >= end[tp] for tp in parts):
                    self.caught_up.set()
        except Exception:
            log.exception("stopped following the feedback topic")
        finally:
            consumer.close()
