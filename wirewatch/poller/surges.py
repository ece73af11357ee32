"""Surges: other parts of wirewatch ask the pollers to poll a group of feeds faster for a while.

A request is a ``SurgeRecord`` on the compacted poll-surges topic (key: the group), so a poller
that starts during a surge sees it too. Every poller reads the whole topic (it is tiny) in a
background thread; ``core.schedule`` decides what a surge does and ends it when it expires.
Who asks: the processor when a new incident opens (``incident_surge_interval``), and people
with ``wirewatch surge start|stop|list`` (the functions at the end of this module).
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime, timedelta
from typing import TextIO

from kafka import KafkaProducer

from wirewatch.config import Settings
from wirewatch.core.schedule import Surge, apply_surge, group_name
from wirewatch.durations import end_time, seconds
from wirewatch.errors import BadRecord, ConfigError
from wirewatch.logs import for_terminal
from wirewatch.topics import POLL_SURGES
from wirewatch.topics.admin import admin_producer, ensure_topics
from wirewatch.topics.codec import decode, encode, key
from wirewatch.topics.follower import CompactedFollower
from wirewatch.topics.reader import read_compacted
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
        self.generation = 0  # goes up with every request applied, so the loop sees new surges

    def apply(self, record: SurgeRecord, now: datetime) -> None:
        with self._lock:
            self._table = apply_surge(self._table, Surge(record.group, record.interval, record.until), now)
            self.generation += 1

    def table(self) -> dict[str, Surge]:
        with self._lock:
            return dict(self._table)


class SurgeReader(CompactedFollower):
    """Follows the poll-surges topic from its start into a ``SurgeBoard`` (``topics.follower``)."""

    def __init__(self, settings: Settings, board: SurgeBoard) -> None:
        self.board = board
        super().__init__(
            settings,
            POLL_SURGES,
            self._apply,
            client="poller-surges",
            topic_wait=10.0,
            on_missing=lambda: log.warning("no %s topic: surges are off", self.topic),
        )

    def _apply(self, group: str, value: bytes | None) -> None:
        if value is None:
            return
        try:
            surge = decode(value, SurgeRecord)
        except BadRecord as exc:
            log.warning("skipping unreadable surge request: %s", exc)
            return
        self.board.apply(surge, datetime.now(UTC))
        log.info(
            "surge on group %s: every %.0f s until %s",
            surge.group,
            surge.interval,
            surge.until.isoformat(timespec="seconds"),
        )


# -- the command line: wirewatch surge start|stop|list ---------------------------------------------


def surges_in_force(settings: Settings, now: datetime) -> list[SurgeRecord]:
    """The surges the topic holds that have not ended, by group."""
    ensure_topics(settings, [POLL_SURGES])
    table: dict[str, SurgeRecord] = {}
    for group, value, _ in read_compacted(settings, POLL_SURGES, client="surges"):
        if value is None:
            table.pop(group, None)
            continue
        try:
            table[group] = decode(value, SurgeRecord)
        except BadRecord as exc:
            log.warning("skipping unreadable surge request: %s", exc)
    return sorted((r for r in table.values() if r.until > now), key=lambda r: r.group)


def _line(record: SurgeRecord) -> str:
    reason = f"\t{for_terminal(record.reason)}" if record.reason else ""
    until = record.until.isoformat(timespec="seconds")
    return f"{record.group}\tevery {record.interval:g} s\tuntil {until}{reason}\n"


def surge_start(
    settings: Settings,
    groups: list[str],
    every: str,
    until: str | None,
    duration: str | None,
    reason: str,
    out: TextIO,
) -> int:
    now = datetime.now(UTC)
    interval = seconds(every, "every")
    if not 1 <= interval <= 86400:
        raise ConfigError(f"--every {every!r}: between 1 s and 1 d", field="every")
    ends = end_time(until, duration, now)
    if ends <= now:
        raise ConfigError("the surge would end before it starts", field="until")
    for group in groups:
        try:
            group_name(group)
        except ValueError as exc:
            raise ConfigError(str(exc), field="group") from None
    producer = admin_producer(settings)
    try:
        for group in groups:
            record = request_surge(
                settings, producer, group, interval, (ends - now).total_seconds(), now, reason or "by hand"
            )
            out.write(_line(record))
    finally:
        producer.close()
    return 0


def surge_stop(settings: Settings, groups: list[str], out: TextIO) -> int:
    now = datetime.now(UTC)
    running = {r.group for r in surges_in_force(settings, now)}
    missing = [g for g in groups if g not in running]
    if missing:
        raise ConfigError(f"no surge in force on {', '.join(map(repr, missing))}", field="group")
    producer = admin_producer(settings)
    try:
        for group in groups:
            request_surge(settings, producer, group, 1, 0, now, "stopped by hand")
            out.write(f"stopped {group}\n")
    finally:
        producer.close()
    return 0


def surge_list(settings: Settings, out: TextIO) -> int:
    for record in surges_in_force(settings, datetime.now(UTC)):
        out.write(_line(record))
    return 0
