"""When to poll a feed next, and which feeds are in a surge (pure).

The delay after a poll that worked is the largest of the feed's interval and what the publisher
asked for (RSS ``<ttl>``, ``Cache-Control: max-age``, ``Expires``), clamped to the configured
minimum and maximum. After a failure the delay doubles per failure in a row up to a cap and the
feed keeps being tried forever: a feed is never parked for good. ``Retry-After`` on 429/503 is
always honoured (up to the maximum). Jitter spreads feeds so failing ones do not retry in step.

A surge shortens the interval of a group of feeds (say the outlets covering a region with an
open incident) until it expires by itself. During a surge the freshness hints (ttl, max-age,
Expires) are set aside, since the point is to look sooner than the publisher's cache suggests;
``Retry-After``, backoff and the minimum interval still hold, so a surge is never impolite. A
surge that starts while feeds are already scheduled pulls their next poll in
(``due_in_surge``), so it takes effect within its interval rather than after the old one.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from wirewatch.core.http import CacheHints

SURGE_GROUP = re.compile(r"^[\w.-]{1,64}$")  # what a group name may be (feed lists, surge records)


def group_name(group: str) -> str:
    """``group`` if it can name a surge group; a ``ValueError`` saying what can, if not."""
    if not SURGE_GROUP.match(group):
        raise ValueError(f"group {group!r}: use letters, digits, '.', '_' or '-' (at most 64)")
    return group


@dataclass(frozen=True, slots=True)
class PollPolicy:
    min_interval: float = 30.0
    max_interval: float = 6 * 3600.0
    max_backoff: float = 3600.0
    jitter: float = 0.1  # up to ±10 % of the delay

    def clamp(self, seconds: float) -> float:
        return max(self.min_interval, min(self.max_interval, seconds))


@dataclass(frozen=True, slots=True)
class Surge:
    """Poll the feeds of ``group`` every ``interval`` seconds until ``until``."""

    group: str
    interval: float
    until: datetime

    def active(self, now: datetime) -> bool:
        return now < self.until


def base_delay(interval: float, hints: CacheHints, policy: PollPolicy, surging: bool = False) -> float:
    """Seconds until the next poll after a success, before backoff and jitter."""
    delay = interval
    if not surging:
        for hint in (hints.ttl, hints.max_age, hints.expires):
            if hint is not None:
                delay = max(delay, hint)
    return policy.clamp(delay)


def backoff_delay(delay: float, failures: int, policy: PollPolicy) -> float:
    """``delay × 2^(failures-1)``, capped at ``max_backoff`` (never shorter than ``delay``)."""
    if failures <= 0:
        return delay
    exponent = min(failures - 1, 62)  # 2**62 s is already far past any cap
    return max(delay, min(policy.max_backoff, delay * 2.0**exponent))


def next_delay(
    interval: float,
    failures: int,
    policy: PollPolicy,
    hints: CacheHints | None = None,
    surging: bool = False,
    rng: random.Random | None = None,
) -> float:
    """Seconds from the end of a poll to the next one."""
    hints = hints or CacheHints()
    delay = backoff_delay(base_delay(interval, hints, policy, surging), failures, policy)
    if hints.retry_after is not None:
        delay = max(delay, min(hints.retry_after, policy.max_interval))
    if policy.jitter:
        delay *= 1 + (rng or random).uniform(-policy.jitter, policy.jitter)
    return max(delay, policy.min_interval * (1 - policy.jitter))


def first_poll(now: datetime, interval: float, rng: random.Random | None = None) -> datetime:
    """When a feed never polled before is first due: soon, spread over a tenth of its interval
    (at most ten seconds) so thousands of new feeds do not all start in the same second."""
    return now + timedelta(seconds=(rng or random).uniform(0, min(10.0, interval / 10)))


# -- surges --------------------------------------------------------------------------------------


def apply_surge(surges: Mapping[str, Surge], surge: Surge, now: datetime) -> dict[str, Surge]:
    """The surge table after a request: a later request for a group replaces the earlier one
    (an ``until`` in the past ends it); expired surges are dropped."""
    table = {g: s for g, s in surges.items() if s.active(now)}
    if surge.active(now):
        table[surge.group] = surge
    else:
        table.pop(surge.group, None)
    return table


def due_in_surge(
    due: datetime,
    last_attempt: datetime | None,
    failures: int,
    interval: float,
    policy: PollPolicy,
    now: datetime,
    rng: random.Random | None = None,
) -> datetime:
    """When an already scheduled feed is due once a surge of ``interval`` s covers it.

    A healthy feed is pulled in to one surge interval after its last attempt (never sooner than
    the minimum interval allows, never in the past); feeds pulled in at once are spread over a
    tenth of the interval (at most ten seconds). A failing feed keeps the time its backoff or
    ``Retry-After`` gave it. A surge never delays a feed: the earlier time wins.
    """
    if failures > 0:
        return due
    gap = timedelta(seconds=max(interval, policy.min_interval))
    target = now if last_attempt is None else max(now, last_attempt + gap)
    target += timedelta(seconds=(rng or random).uniform(0, min(10.0, interval / 10)))
    return min(due, target)


def incident_surges(
    place_ids: Iterable[str], event_time: datetime, now: datetime, interval: float, duration: float
) -> list[Surge]:
    """The surges a new incident asks for: the groups named like its places (country,
    governorate, base: gazetteer ids such as ``IQ``, ``IQ-AN``) polled every ``interval`` s for
    ``duration`` s. None when surging is off (``interval`` 0) or the event is older than
    ``duration`` (a replay of old news makes nobody hurry). Ids that cannot be group names
    (city ids hold a '/') are left out."""
    if interval <= 0 or now - event_time > timedelta(seconds=duration):
        return []
    until = now + timedelta(seconds=duration)
    groups = sorted({p for p in place_ids if SURGE_GROUP.match(p)})
    return [Surge(group, interval, until) for group in groups]


def effective_interval(
    interval: float, groups: Iterable[str], surges: Mapping[str, Surge], now: datetime
) -> tuple[float, bool]:
    """The interval in force for a feed in ``groups`` and whether a surge set it.

    The shortest active surge of any of the feed's groups wins, and only if it is shorter than
    the feed's own interval: a surge never slows a feed down.
    """
    best = interval
    surging = False
    for group in groups:
        surge = surges.get(group)
        if surge is not None and surge.active(now) and surge.interval < best:
            best = surge.interval
            surging = True
    return best, surging
