"""Failed logins slow a guesser down: too many for one user name, or from one client address, and
logins for that name or from that address are refused for a while.

The rule is a pure step, ``(Attempts, now) -> Attempts``; ``LoginThrottle`` only keeps the
attempts of each name and address, in memory. One web worker counts alone: with several replicas
behind a load balancer each keeps its own count, so a guesser gets ``replicas`` times the
attempts (still bounded; a shared count would need the store or a cache server).

A refused login is not checked at all, so a locked name tells nothing about its password, and
an unknown name is counted like a known one, so the lock tells nothing about who exists.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True, slots=True)
class ThrottleRules:
    per_name: int = 5  # failures for one user name within ``lockout`` before it locks
    per_address: int = 20  # failures from one client address (an office may share one)
    lockout: timedelta = timedelta(minutes=15)
    tracked: int = 10_000  # names and addresses remembered at most (a spray of names is bounded)


@dataclass(frozen=True, slots=True)
class Attempts:
    """Failures of one name or address counted since ``since``; locked until ``locked_until``."""

    failures: int = 0
    since: datetime | None = None
    locked_until: datetime | None = None


def locked(attempts: Attempts, now: datetime) -> datetime | None:
    """When the lock ends, or None when a login may be tried now."""
    return attempts.locked_until if attempts.locked_until and now < attempts.locked_until else None


def after_failure(attempts: Attempts, now: datetime, limit: int, lockout: timedelta) -> Attempts:
    """The count after one more failure: failures older than ``lockout`` are forgotten, and the
    ``limit``-th failure within it locks for ``lockout`` from now."""
    expired = attempts.locked_until is not None or (
        attempts.since is not None and now - attempts.since >= lockout
    )
    if attempts.since is None or (expired and not locked(attempts, now)):
        attempts = Attempts(since=now)  # a new count: the first, or after a lock or a quiet spell
    failures = attempts.failures + 1
    until = now + lockout if failures >= limit else attempts.locked_until
    return Attempts(failures=failures, since=attempts.since, locked_until=until)


def stale(attempts: Attempts, now: datetime, lockout: timedelta) -> bool:
    """Nothing left to remember: no lock now and no failure within ``lockout``."""
    return not locked(attempts, now) and (attempts.since is None or now - attempts.since >= lockout)


class LoginThrottle:
    """The attempts of every user name and client address (thread-safe)."""

    def __init__(self, rules: ThrottleRules = ThrottleRules()) -> None:
        self.rules = rules
        self._seen: dict[tuple[str, str], Attempts] = {}
        self._lock = threading.Lock()

    def _keys(self, name: str, address: str | None) -> list[tuple[tuple[str, str], int]]:
        keys = [(("name", name.casefold()), self.rules.per_name)]
        if address:
            keys.append((("address", address), self.rules.per_address))
        return keys

    def refused_until(self, name: str, address: str | None, now: datetime) -> datetime | None:
        """When a login for ``name`` from ``address`` may be tried again; None: it may now."""
        with self._lock:
            ends = [locked(self._seen.get(key, Attempts()), now) for key, _ in self._keys(name, address)]
        return max((e for e in ends if e is not None), default=None)

    def failed(self, name: str, address: str | None, now: datetime) -> bool:
        """Count a failed login; True when it locked the name or the address just now."""
        started = False
        with self._lock:
            for key, limit in self._keys(name, address):
                before = self._seen.pop(key, Attempts())
                after = after_failure(before, now, limit, self.rules.lockout)
                started |= locked(before, now) is None and locked(after, now) is not None
                self._seen[key] = after  # re-inserted: the dict's order is the order of last use
            self._forget(now)
        return started

    def succeeded(self, name: str) -> None:
        """The name's count starts again (its address keeps its count: a guesser may own one name)."""
        with self._lock:
            self._seen.pop(("name", name.casefold()), None)

    def _forget(self, now: datetime) -> None:
        if len(self._seen) <= self.rules.tracked:
            return
        for key in [k for k, a in self._seen.items() if stale(a, now, self.rules.lockout)]:
            del self._seen[key]
        while len(self._seen) > self.rules.tracked:  # the least recently failed go first
            del self._seen[next(iter(self._seen))]

    def __len__(self) -> int:
        return len(self._seen)
