"""The root of wirewatch's exceptions, and the typed ones that carry control flow.

Every exception wirewatch raises on purpose derives from ``WirewatchError`` so the CLI can
print one clear line for it instead of a traceback.
"""

from __future__ import annotations


class WirewatchError(Exception):
    """Base of every error wirewatch raises on purpose; its message is meant for a person."""


class ConfigError(WirewatchError):
    """A configuration file or setting is wrong; the message names the file, line and field."""

    def __init__(
        self, message: str, *, path: str | None = None, line: int | None = None, field: str | None = None
    ) -> None:
        where = path or ""
        if path and line:
            where += f":{line}"
        parts = [p for p in (where, f"field '{field}'" if field else "", message) if p]
        super().__init__(": ".join(parts))
        self.path, self.line, self.field = path, line, field


class BrokerUnavailable(WirewatchError):
    """The Kafka broker could not be reached (after retries)."""


class BadRecord(WirewatchError):
    """A message on a topic that cannot be decoded; counted, logged once, skipped."""
