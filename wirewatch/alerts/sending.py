"""What every sender is: ``Sender.send(rendered, timeout) -> SendResult``, a status and never an
exception, and the error a notification URL no sender can take (``UnusableURL``), which names the
URL's position and scheme but never the URL. The senders themselves are in ``alerts.delivery``
(webhooks, apprise) and ``alerts.mail`` (e-mail); this room imports no I/O library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wirewatch.alerts.render import Rendered
from wirewatch.errors import ConfigError


@dataclass(frozen=True)
class SendResult:
    status: str  # sent | failed | no_target
    retry_after: float | None = None
    detail: str = ""  # safe to log: no URL, no secret
    permanent: bool = False  # retrying cannot help (e.g. 400, 404)


class Sender:
    scheme: str
    masked: str
    timeout: float = 10.0  # seconds a send may wait on its receiver (the channel's ``timeout``)

    def send(self, rendered: Rendered, timeout: float = 10.0) -> SendResult:  # pragma: no cover - interface
        raise NotImplementedError


_SCHEME = re.compile(r"[a-z][a-z0-9+.-]{0,30}")


def scheme_of(url: str) -> str:
    """The URL's scheme, or ``?`` when what stands before ``://`` is no scheme (a token pasted
    by mistake): safe to show where the URL is not."""
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    return scheme if _SCHEME.fullmatch(scheme) else "?"


class UnusableURL(ConfigError):
    """No sender can take a notification URL; ``reason`` says why without the URL."""

    def __init__(self, url: str, index: int, reason: str) -> None:
        super().__init__(f"notification URL #{index} ({scheme_of(url)}://…) {reason}", field="notify")
        self.reason = reason
