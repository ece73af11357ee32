"""What one worker reports about itself: its loop beats, the partitions it holds, the broker's
answers and its consumers' progress, written by its threads and judged by ``health.rules``.

It touches threads and the monotonic clock (injected, for tests), nothing else.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any

from wirewatch.health.rules import (
    CHECKS,
    Partition,
    ReadinessRules,
    Signals,
    Verdict,
    live_verdict,
    ready_verdict,
    track,
)

log = logging.getLogger("wirewatch.health")


def _partition(item: Any) -> Partition:
    if isinstance(item, tuple):
        return (str(item[0]), int(item[1]))
    return (str(item.topic), int(item.partition))


class Readiness:
    """The signals of one worker, written by its threads and read by the HTTP server (thread-safe)."""

    def __init__(
        self,
        worker: str,
        checks: Iterable[str] = CHECKS,
        rules: ReadinessRules | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        unknown = set(checks) - set(CHECKS)
        if unknown:
            raise ValueError(f"unknown health checks: {sorted(unknown)}")
        self.worker = worker
        self.rules = rules or ReadinessRules()
        self.clock = clock
        self._lock = threading.Lock()
        self._signals = Signals(frozenset(checks))
        self._lost_at: float | None = None

    def _update(self, **changes: Any) -> None:
        with self._lock:
            self._signals = replace(self._signals, **changes)

    def beat(self) -> None:
        """The worker's loop is turning (call at least every few seconds from the loop itself)."""
        self._update(beat_at=self.clock())

    def hold(self, partitions: Iterable[Any] | None, rebalancing: bool = False) -> None:
        """The partitions this instance holds now: ``(topic, partition)`` pairs or TopicPartitions."""
        held = None if partitions is None else frozenset(_partition(p) for p in partitions)
        self._update(held=held, rebalancing=rebalancing)

    def broker(self, ok: bool, error: str | None = None) -> None:
        """The broker answered (or not) just now. Losing it is logged once as a WARNING, and its
        return once as an INFO with the outage's length (the first check logs only a failure)."""
        now = self.clock()
        with self._lock:
            was = self._signals.broker_ok
            lost_at = self._lost_at
            if not ok and was is not False:
                self._lost_at = now
            self._signals = replace(self._signals, broker_ok=ok, broker_at=now, broker_error=error)
        if not ok and was is not False:
            log.warning(
                "%s lost the broker (%s): not ready until it answers again; retrying",
                self.worker,
                error or "no answer",
            )
        elif ok and was is False and lost_at is not None:
            log.info("%s has the broker back after an outage of %.0f s", self.worker, now - lost_at)

    def consumers(self, offsets: Mapping[Partition, tuple[int, int]]) -> None:
        """``(position, end)`` per partition just measured: advances the progress of each."""
        now = self.clock()
        with self._lock:
            merged = dict(self._signals.progress)
            merged.update(track(self._signals.progress, offsets, now))
            self._signals = replace(self._signals, progress=merged)

    def signals(self) -> Signals:
        with self._lock:
            return self._signals

    def live(self) -> Verdict:
        return live_verdict(self.signals(), self.clock(), self.rules)

    def ready(self) -> Verdict:
        return ready_verdict(self.signals(), self.clock(), self.rules)


async def keep_beating(
    readiness: Readiness,
    interval: float = 1.0,
    held: Callable[[], Iterable[Any] | None] | None = None,
    rebalancing: Callable[[], bool] | None = None,
) -> None:
    """Beat from the event loop every ``interval`` seconds; a blocked loop stops the beats.

    ``held`` and ``rebalancing`` are read on the loop too, where the consumer changes them.
    """
    while True:
        readiness.beat()
        if held is not None:
            readiness.hold(held(), rebalancing=rebalancing() if rebalancing is not None else False)
        await asyncio.sleep(interval)
