"""Is a feed broken? Consecutive failures in, "broken" and "recovered" events out (pure).

A feed is declared broken after ``threshold`` failures in a row, once: the event goes to an
operator channel, not to every poll. The first success after that is a "recovered" event.
Polling goes on all the while (see ``core.schedule``): broken is a label, never a parking lot.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict

FeedCondition = Literal["ok", "failing", "broken"]
HealthEvent = Literal["broken", "recovered"]


@dataclass(frozen=True, slots=True)
class Health:
    failures: int = 0
    broken: bool = False

    @property
    def condition(self) -> FeedCondition:
        if self.broken:
            return "broken"
        return "failing" if self.failures else "ok"


def after_poll(health: Health, succeeded: bool, threshold: int) -> tuple[Health, HealthEvent | None]:
    """The feed's health after one poll, and the event it raises (if any)."""
    if succeeded:
        return Health(), ("recovered" if health.broken else None)
    failures = health.failures + 1
    if not health.broken and failures >= threshold:
        return Health(failures, True), "broken"
    return Health(failures, health.broken), None


class FeedEvent(BaseModel):
    """A feed declared broken, or recovered: what the operators are told, once, not every poll.

    The same fields as the feed-health record (``topics.records.FeedHealthEvent``), so the
    alerter's feed-health window and its notices keep the JSON they always had.
    """

    model_config = ConfigDict(frozen=True)

    feed_url: str
    outlet: str | None = None
    event: HealthEvent
    failures: int = 0  # in a row: when broken, with the one that tipped it; else before recovery
    error_class: str | None = None  # of the last failure (dns, tls, http_404 ...)
    error: str | None = None  # the last failure, as a person reads it (untrusted text)
    failing_since: AwareDatetime | None = None
    at: AwareDatetime
