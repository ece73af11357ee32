"""Delivering an alert through apprise to every configured URL, one status per channel.

A sender returns a status and never raises: ``sent``, ``failed`` or ``no_target``. URLs hold
secrets (webhook tokens, SMTP passwords): only their masked form (apprise's ``privacy=True``)
ever reaches a log line or a metric label.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import apprise
from apprise.result import AppriseResultStatus

from wirewatch.errors import ConfigError

log = logging.getLogger("wirewatch.delivery")


@dataclass(frozen=True)
class Channel:
    scheme: str  # bounded metric label: json, mailto, slack, ...
    masked: str
    target: apprise.Apprise


@dataclass(frozen=True)
class Delivery:
    channel: str  # masked URL
    scheme: str
    status: str  # sent | failed | no_target


class Notifier:
    def __init__(self, urls: Sequence[str]) -> None:
        self.channels: list[Channel] = []
        for index, url in enumerate(urls, start=1):
            plugin = apprise.Apprise.instantiate(url)
            if plugin is None:
                scheme = url.split("://", 1)[0] if "://" in url else "?"
                raise ConfigError(
                    f"notification URL #{index} ({scheme}://…) is not a URL apprise understands",
                    field="notify",
                )
            target = apprise.Apprise()
            target.add(plugin)
            masked = str(plugin.url(privacy=True))  # type: ignore[no-untyped-call]
            self.channels.append(Channel(url.split("://", 1)[0].lower(), masked, target))

    def send(self, title: str, body: str, only: Sequence[int] | None = None) -> list[Delivery]:
        """Deliver to every channel (or the channels at indexes ``only``); one status each."""
        out: list[Delivery] = []
        for channel in self.channels if only is None else [self.channels[i] for i in only]:
            try:
                result = channel.target.notify(title=title, body=body, body_format=apprise.NotifyFormat.TEXT)
                status = _STATUS.get(result.status, "failed")
            except Exception as exc:  # a plugin bug must not stop the alerter
                log.error("notifying %s raised %s", channel.masked, type(exc).__name__)
                status = "failed"
            if status != "sent":
                log.warning("delivery to %s: %s", channel.masked, status)
            out.append(Delivery(channel.masked, channel.scheme, status))
        return out


# apprise 2.2 reports an AppriseResult; NOMATCH means no target took it: a misroute, not a success.
_STATUS = {
    AppriseResultStatus.SUCCESS: "sent",
    AppriseResultStatus.NOMATCH: "no_target",
    AppriseResultStatus.FAILURE: "failed",
    AppriseResultStatus.PARTIAL: "failed",
    AppriseResultStatus.TIMEOUT: "failed",
}
