"""The root of wirewatch's exceptions, and the typed ones that carry control flow.

Every exception wirewatch raises on purpose derives from ``WirewatchError`` so the CLI can
print one clear line for it instead of a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class WirewatchError(Exception):
    """Base of every error wirewatch raises on purpose; its message is meant for a person."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the configuration, where it is: ``file:line: field 'path': message``."""

    message: str
    path: str | None = None
    line: int | None = None
    field: str | None = None
    warning: bool = False  # worth fixing, but wirewatch would run

    def __str__(self) -> str:
        from wirewatch.logs import for_terminal

        where = f"{self.path}:{self.line}" if self.path and self.line else self.path or ""
        parts = (where, "warning" if self.warning else "", f"field '{self.field}'" if self.field else "")
        # Field paths and messages quote what the file says (an OPML title, a YAML key): inert here.
        return for_terminal(": ".join(p for p in (*parts, self.message) if p))


class ConfigError(WirewatchError):
    """A configuration file or setting is wrong; each problem names the file, line and field."""

    def __init__(
        self,
        message: str = "",
        *,
        path: str | None = None,
        line: int | None = None,
        field: str | None = None,
        problems: Sequence[Problem] = (),
    ) -> None:
        self.problems = tuple(problems) or (Problem(message, path, line, field),)
        super().__init__("\n".join(str(p) for p in self.problems))
        first = self.problems[0]
        self.path, self.line, self.field = first.path, first.line, first.field


class BrokerUnavailable(WirewatchError):
    """The Kafka broker could not be reached (after retries)."""


class BadRecord(WirewatchError):
    """A message on a topic that cannot be decoded; counted, logged once, skipped."""
