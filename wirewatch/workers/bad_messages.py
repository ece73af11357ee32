"""The bad-message policy of every stream worker, in one place.

A message that cannot be decoded (``BadRecord``) is counted under its kind in
``wirewatch_bad_input_total``, logged once as a WARNING with where it stands, and skipped. A
message that a bug chokes on is counted under the worker's error kind, logged once with its
traceback, and skipped too: one message must not crash-loop a worker. Anything that is not an
``Exception`` (a cancellation, an interrupt) goes through.

It touches the worker's logger and its metrics, nothing else.
"""

from __future__ import annotations

import logging
from typing import Any

from wirewatch.errors import BadRecord
from wirewatch.metrics import BAD_INPUT_KINDS, Metrics


def where(message: Any) -> str:
    """``topic[partition]@offset`` of a consumed message."""
    return f"{message.topic}[{message.partition}]@{message.offset}"


class skip_bad:
    """Run the body for one ``message`` of ``kind``; a bad message or a bug in it is counted
    (``kind``, or ``error_kind`` for a bug), logged once on ``log`` and skipped."""

    def __init__(
        self, metrics: Metrics, kind: str, message: Any, log: logging.Logger, error_kind: str
    ) -> None:
        if kind not in BAD_INPUT_KINDS or error_kind not in BAD_INPUT_KINDS:
            raise ValueError(f"bad-input kinds must be pre-created in metrics: {kind!r}, {error_kind!r}")
        self.metrics, self.kind, self.message, self.log, self.error_kind = (
            metrics,
            kind,
            message,
            log,
            error_kind,
        )

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: Any) -> bool:
        if exc is None or not isinstance(exc, Exception):
            return False
        what = self.kind.replace("_", " ")
        if isinstance(exc, BadRecord):
            self.metrics.bad_input.labels(self.kind).inc()
            self.log.warning("skipping malformed %s at %s: %s", what, where(self.message), exc)
        else:
            self.metrics.bad_input.labels(self.error_kind).inc()
            self.log.error("processing the %s at %s failed; skipped", what, where(self.message), exc_info=exc)
        return True
