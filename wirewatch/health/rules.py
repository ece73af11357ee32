"""Readiness rules: the pure verdicts drawn from what a worker and its lag watch reported.

Given a snapshot of signals (``Signals``) and the time, ``live_verdict`` and ``ready_verdict``
say whether the worker is alive and ready, and each failing check says why; ``track`` advances
the progress of each partition from offsets just measured. No threads, no clock, no I/O: the
time is an argument, so every rule is unit-tested with plain numbers.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wirewatch.config import Settings

Partition = tuple[str, int]  # (topic, partition)
CHECKS = ("loop", "broker", "partitions", "consumer")


@dataclass(frozen=True)
class ReadinessRules:
    """How long each signal may stay silent before it counts against the worker."""

    loop_stall_after: float = 30.0
    consumer_stall_after: float = 120.0
    broker_stale_after: float = 60.0  # no broker check for this long: the watch itself stopped

    @classmethod
    def from_settings(cls, settings: Settings) -> ReadinessRules:
        return cls(
            loop_stall_after=settings.loop_stall_after,
            consumer_stall_after=settings.consumer_stall_after,
            broker_stale_after=max(60.0, 6 * settings.health_check_interval),
        )


@dataclass(frozen=True)
class Progress:
    """One partition as last measured: where the group stands, its backlog, since when it moves."""

    position: int
    lag: int
    moving_since: float  # when the position last changed or the backlog was last empty


def track(
    previous: Mapping[Partition, Progress], offsets: Mapping[Partition, tuple[int, int]], now: float
) -> dict[Partition, Progress]:
    """The next progress per partition from ``(position, end offset)`` pairs just measured.

    A partition moves when its position changed since the last measurement or when it has no
    backlog; a partition that keeps a backlog and a still position is standing still.
    """
    out: dict[Partition, Progress] = {}
    for tp, (position, end) in offsets.items():
        lag = max(0, end - position)
        old = previous.get(tp)
        moving = old is None or lag == 0 or position != old.position
        out[tp] = Progress(position, lag, now if moving or old is None else old.moving_since)
    return out


def positions(
    committed: Mapping[Partition, int], earliest: Mapping[Partition, int], latest: Mapping[Partition, int]
) -> dict[Partition, tuple[int, int]]:
    """``(position, end)`` per partition: the committed offset, or the log start when there is none.

    Every wirewatch consumer starts at the earliest offset, and a committed offset that retention
    has deleted past is read from the log start too.
    """
    out: dict[Partition, tuple[int, int]] = {}
    for tp, end in latest.items():
        start = earliest.get(tp, 0)
        done = committed.get(tp, -1)
        out[tp] = (max(done, start), end)
    return out


@dataclass(frozen=True)
class Signals:
    """A snapshot of what a worker and its ``BrokerWatch`` reported."""

    checks: frozenset[str]
    beat_at: float | None = None
    broker_ok: bool | None = None
    broker_at: float | None = None
    broker_error: str | None = None
    held: frozenset[Partition] | None = None
    rebalancing: bool = False
    progress: Mapping[Partition, Progress] = field(default_factory=dict)


@dataclass(frozen=True)
class Verdict:
    ok: bool
    checks: dict[str, str]  # check -> "ok" or why not

    def body(self, worker: str) -> bytes:
        return json.dumps({"worker": worker, "ok": self.ok, "checks": self.checks}, sort_keys=True).encode()


def live_verdict(signals: Signals, now: float, rules: ReadinessRules) -> Verdict:
    """Alive unless the loop, once started, has not beaten for ``loop_stall_after`` seconds.

    A worker still starting (waiting for the broker, recovering tables) is alive: restarting it
    would only start it again.
    """
    checks: dict[str, str] = {}
    if "loop" in signals.checks:
        checks["loop"] = _loop(signals, now, rules) or "ok"
        if signals.beat_at is None:
            checks["loop"] = "ok (starting)"
    return Verdict(all(v.startswith("ok") for v in checks.values()), checks)


def ready_verdict(signals: Signals, now: float, rules: ReadinessRules) -> Verdict:
    """Ready when every check that applies to the worker passes; each failing one says why."""
    checks: dict[str, str] = {}
    if "loop" in signals.checks:
        checks["loop"] = "not started" if signals.beat_at is None else _loop(signals, now, rules) or "ok"
    if "broker" in signals.checks:
        checks["broker"] = _broker(signals, now, rules)
    if "partitions" in signals.checks:
        checks["partitions"] = _partitions(signals)
    if "consumer" in signals.checks:
        checks["consumer"] = _consumer(signals, now, rules)
    return Verdict(all(v.startswith("ok") for v in checks.values()), checks)


def stalled_partitions(signals: Signals, now: float, rules: ReadinessRules) -> list[Partition]:
    """Partitions (of those this worker holds, when it says) with a backlog that stood still."""
    return sorted(
        tp
        for tp, p in signals.progress.items()
        if (signals.held is None or tp in signals.held)
        and p.lag > 0
        and now - p.moving_since >= rules.consumer_stall_after
    )


def _loop(signals: Signals, now: float, rules: ReadinessRules) -> str | None:
    if signals.beat_at is not None and now - signals.beat_at > rules.loop_stall_after:
        return f"stalled: no beat for {now - signals.beat_at:.0f} s"
    return None


def _broker(signals: Signals, now: float, rules: ReadinessRules) -> str:
    if signals.broker_ok is None or signals.broker_at is None:
        return "not checked yet"
    if now - signals.broker_at > rules.broker_stale_after:
        return f"no broker check for {now - signals.broker_at:.0f} s"
    if not signals.broker_ok:
        return f"unreachable ({signals.broker_error or 'unknown'})"
    return "ok"


def _partitions(signals: Signals) -> str:
    if signals.held is None:
        return "no assignment yet"
    if signals.rebalancing:
        return "rebalancing"
    if not signals.held:
        return "no partitions assigned (more instances than partitions?)"
    return f"ok ({len(signals.held)})"


def _consumer(signals: Signals, now: float, rules: ReadinessRules) -> str:
    stalled = stalled_partitions(signals, now, rules)
    if not stalled:
        return "ok"
    topic, partition = stalled[0]
    p = signals.progress[stalled[0]]
    return (
        f"stalled: {len(stalled)} partitions, e.g. {topic}[{partition}] with {p.lag} messages "
        f"waiting has not moved for {now - p.moving_since:.0f} s"
    )
