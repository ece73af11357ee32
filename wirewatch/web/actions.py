"""What an analyst's form sends to Kafka: silences, surges and feedback marks.

The same records as the CLI (``wirewatch silence``, ``wirewatch surge``) on the same topics, so
the alerter and the pollers act on a page's silence exactly as on the command's. Each method
returns the store change that the topic will bring back, so the page shows it at once.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from typing import Any

from wirewatch.core.alerting import Silence
from wirewatch.topics import FEEDBACK, POLL_SURGES, SILENCES
from wirewatch.topics.codec import encode, key
from wirewatch.topics.records import FeedbackRecord, SilenceRecord, SurgeRecord, feedback_key
from wirewatch.web.store import Change, Tombstone


class Actions:
    def __init__(self, settings: Any) -> None:
        self.settings = settings
        self._producer: Any = None
        self._lock = threading.Lock()

    def _send(self, spec: Any, record_key: str, value: bytes | None) -> None:
        from wirewatch.topics.admin import admin_producer

        with self._lock:
            if self._producer is None:
                self._producer = admin_producer(self.settings)
            self._producer.send(
                spec.full_name(self.settings.topic_prefix), key=key(record_key), value=value
            ).get(timeout=30)

    def close(self) -> None:
        with self._lock:
            if self._producer is not None:
                self._producer.close(timeout=10)
                self._producer = None

    def silence(
        self, entry: str | None, channel: str | None, until: datetime, comment: str, by: str, now: datetime
    ) -> Change:
        from wirewatch.alerts.admin import new_silence

        silence: Silence = new_silence(entry, channel, until, f"{comment} (by {by})".strip(), now)
        self._send(SILENCES, silence.id, encode(SilenceRecord(silence=silence)))
        return silence

    def expire(self, silence: Silence) -> Change:
        """End a silence: the same tombstone as ``wirewatch silence remove``."""
        self._send(SILENCES, silence.id, None)
        return Tombstone("silence", silence.id)

    def surge(self, group: str, interval: float, duration: timedelta, reason: str, now: datetime) -> Change:
        record = SurgeRecord(group=group, interval=interval, until=now + duration, reason=reason)
        self._send(POLL_SURGES, group, encode(record))
        return record

    def mark(self, record: FeedbackRecord) -> Change:
        record_key = feedback_key(record.mark, record.incident_id, record.article_id, record.place_id)
        self._send(FEEDBACK, record_key, encode(record))
        return (record_key, record)
