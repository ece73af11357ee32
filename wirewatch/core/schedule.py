"""When to poll a feed next (pure).

A feed is polled every ``interval`` seconds while it works. After a failure it backs off
exponentially (interval × 2^(failures-1), capped) and keeps trying forever: a feed is never
parked for good. Jitter spreads feeds that share an interval so they do not poll in lockstep.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True, slots=True)
class PollPolicy:
    min_interval: float = 30.0
    max_interval: float = 6 * 3600.0
    max_backoff: float = 3600.0
    jitter: float = 0.1  # up to ±10 % of the delay

    def clamp(self, seconds: float) -> float:
        return max(self.min_interval, min(self.max_interval, seconds))


def next_poll(
    now: datetime,
    interval: float,
    failures: int,
    policy: PollPolicy,
    rng: random.Random | None = None,
    retry_after: float | None = None,
) -> datetime:
    """The time of the next poll after one that ended ``now`` with ``failures`` in a row."""
    delay = policy.clamp(interval)
    if failures > 0:
        delay = min(policy.max_backoff, max(delay, delay * 2 ** (failures - 1)))
    if retry_after is not None:
        delay = max(delay, min(retry_after, policy.max_interval))
    if policy.jitter:
        delay *= 1 + (rng or random).uniform(-policy.jitter, policy.jitter)
    return now + timedelta(seconds=delay)
