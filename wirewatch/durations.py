"""When something people start from the command line ends: ``--until`` a time or ``--for`` a span.

Used by ``wirewatch silence add`` and ``wirewatch surge start``.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from wirewatch.errors import ConfigError

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd])\s*$")
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def seconds(text: str | None, option: str = "for") -> float:
    """Seconds in a span like ``90s``, ``90m``, ``2h`` or ``1d``."""
    match = _DURATION.match(text or "")
    if not match:
        raise ConfigError(f"--{option} {text!r} is not a duration like 90m, 2h or 1d", field=option)
    return float(match.group(1)) * _UNIT[match.group(2)]


def end_time(until: str | None, duration: str | None, now: datetime) -> datetime:
    """``until`` (ISO 8601 with a timezone) if given, else ``now`` plus the span ``duration``."""
    if until:
        try:
            when = datetime.fromisoformat(until.replace("Z", "+00:00"))
        except ValueError:
            raise ConfigError(f"--until {until!r} is not ISO 8601", field="until") from None
        if when.tzinfo is None:
            raise ConfigError("--until needs a timezone (e.g. Z or +03:00)", field="until")
        return when
    return now + timedelta(seconds=seconds(duration))
