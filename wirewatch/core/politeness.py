"""How hard the poller may knock on one publisher's door (pure): host keys and a token bucket.

Limits apply per *service*, not per hostname: ``feeds.example.co.uk`` and ``www.example.co.uk``
are one publisher. Without the public-suffix list this is a close approximation: the last two
labels, or three when the second-to-last is a generic second level (``co``, ``com``, ``org`` ...)
under a two-letter country code. IP literals are their own key.
"""

from __future__ import annotations

from dataclasses import dataclass

_SECOND_LEVELS = frozenset("co com org net gov edu ac or ne go mil nic gob gouv".split())


def host_key(host: str) -> str:
    """The service a host belongs to, for per-host limits."""
    host = host.strip("[]").lower().rstrip(".")
    labels = host.split(".")
    if len(labels) <= 2 or all(part.isdigit() for part in labels) or ":" in host:
        return host
    if len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVELS:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


@dataclass
class TokenBucket:
    """``rate`` starts per second with bursts of ``burst``; ``reserve`` says how long to wait.

    A reservation is taken at once (the balance may go below zero), so waiters queue in order
    of arrival and no start is ever lost to a race.
    """

    rate: float
    burst: float
    tokens: float = 0.0
    updated: float | None = None

    def reserve(self, now: float) -> float:
        if self.updated is None:
            self.tokens = self.burst
        else:
            self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        self.tokens -= 1.0
        return 0.0 if self.tokens >= 0 else -self.tokens / self.rate
