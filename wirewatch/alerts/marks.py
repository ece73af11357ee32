"""Analysts' marks as the workers act on them: dismissed incidents and places read wrongly.

``Marks`` is the state (pure: ``apply`` a record or a tombstone, then ask); ``MarksFollower`` is
the thread that keeps a ``Marks`` current from the compacted feedback topic, from its beginning,
for as long as the worker runs (a ``topics.follower.CompactedFollower``). The alerter asks
``dismissed`` before deciding an alert; the processor adds ``wrong_places`` to its rules'
ignored places for every new article.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from wirewatch.config import Settings
from wirewatch.core.analysis import Analyzer
from wirewatch.errors import BadRecord
from wirewatch.logs import untrusted
from wirewatch.topics import FEEDBACK
from wirewatch.topics.codec import decode
from wirewatch.topics.follower import CompactedFollower
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


class MarksFollower(CompactedFollower):
    """Keeps ``marks`` current from the feedback topic in a daemon thread (``topics.follower``)."""

    def __init__(self, settings: Settings, marks: Marks, on_bad: Callable[[], None] = lambda: None) -> None:
        self.marks = marks
        self.on_bad = on_bad
        self.lock = threading.Lock()
        super().__init__(settings, FEEDBACK, self._apply, client="marks", poll_ms=200)

    def following(self) -> bool:
        """The thread still runs (it stops on ``stop()`` or on an error it logged)."""
        return self._thread.is_alive()

    def _apply(self, record_key: str, value: bytes | None) -> None:
        try:
            mark = None if value is None else decode(value, FeedbackRecord)
        except BadRecord as exc:
            self.on_bad()
            log.warning("skipping malformed mark %s: %s", untrusted(record_key), exc)
            return
        with self.lock:
            self.marks.apply(record_key, mark)
        log.info("mark read: %s", untrusted(record_key))
