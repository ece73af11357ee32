"""Sending one rendered notification to one channel, with a status and never an exception.

Two kinds of sender:

- ``webhook+http(s)://…``: wirewatch's own sender. It POSTs the documented JSON payload
  (``alerts.render.payload``) with an ``Idempotency-Key`` header, so a receiver that honours it
  (incident tools do) never shows a notification twice, and it reads the HTTP answer: 2xx is
  sent, 429/503 with ``Retry-After`` says when to retry, other failures are retried with backoff.
- ``mailto://`` and ``mailtos://``: ``alerts.mail``, HTML with wirewatch's own text part (apprise
  parses the URL and opens the SMTP session; its own text part would lose the links).
- everything else goes through apprise (Slack, Teams, Telegram, PagerDuty, ntfy, ``json://`` and
  a hundred more), in the format that channel reads: Slack-style markdown or text.

URLs hold secrets (webhook tokens, SMTP passwords): only their masked form reaches a log line,
an error message or a metric label.
"""

from __future__ import annotations

import base64
import json
import logging
import urllib.error
import urllib.request
from collections.abc import Mapping
from datetime import UTC, datetime
from urllib.parse import unquote, urlsplit, urlunsplit

import apprise
from apprise import NotifyBase
from apprise.plugins.email import NotifyEmail
from apprise.result import AppriseResultStatus

from wirewatch.alerts.mail import MailSender
from wirewatch.alerts.render import Rendered
from wirewatch.alerts.routing_config import Channel
from wirewatch.alerts.sending import Sender, SendResult, UnusableURL, scheme_of
from wirewatch.core import http
from wirewatch.logs import mask_url

log = logging.getLogger("wirewatch.delivery")

USER_AGENT = "wirewatch-alerts/0.1"


class WebhookSender(Sender):
    def __init__(self, url: str) -> None:
        target = url.split("+", 1)[1]  # webhook+https://host/path -> https://host/path
        self.scheme = "webhook"
        self.masked = "webhook+" + mask_url(target)
        # "https://user:pass@host/path": urllib does not send credentials written in the address;
        # they go in an Authorization header and the address keeps only the host.
        parts = urlsplit(target)
        self.auth: str | None = None
        if parts.username is not None:
            user, password = unquote(parts.username), unquote(parts.password or "")
            self.auth = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
            host = parts.hostname or ""
            netloc = f"[{host}]" if ":" in host else host
            netloc += f":{parts.port}" if parts.port else ""
            target = urlunsplit(parts._replace(netloc=netloc))
        self.target = target

    def send(self, rendered: Rendered, timeout: float = 10.0) -> SendResult:
        body = json.dumps(rendered.payload, ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(  # noqa: S310 - the scheme is http(s), checked at construction
            self.target,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Idempotency-Key": rendered.key,
                "User-Agent": USER_AGENT,
                **({"Authorization": self.auth} if self.auth else {}),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                return SendResult("sent", detail=f"HTTP {response.status}")
        except urllib.error.HTTPError as exc:
            retry_after = http.retry_after(exc.headers.get("Retry-After"), datetime.now(UTC))
            permanent = exc.code in (400, 401, 403, 404, 405, 410, 413, 422)
            return SendResult("failed", retry_after, f"HTTP {exc.code}", permanent)
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            return SendResult("failed", None, f"{type(reason).__name__}")


# apprise 2.2 reports an AppriseResult; NOMATCH means no target took it: a misroute, not a success.
_STATUS = {
    AppriseResultStatus.SUCCESS: "sent",
    AppriseResultStatus.NOMATCH: "no_target",
    AppriseResultStatus.FAILURE: "failed",
    AppriseResultStatus.PARTIAL: "failed",
    AppriseResultStatus.TIMEOUT: "failed",
}
_MARKDOWN = frozenset(
    ("slack", "mmost", "mmosts", "msteams", "discord", "rocket", "rockets", "zulip", "matrix")
)


def apprise_plugin(url: str, index: int = 1) -> NotifyBase:
    """apprise's plugin for ``url``; the error names the URL's position and scheme, never the URL."""
    plugin = apprise.Apprise.instantiate(url)
    if plugin is None:
        raise UnusableURL(url, index, "is not one apprise understands (see apprise's list of services)")
    return plugin


class AppriseSender(Sender):
    def __init__(self, plugin: NotifyBase, scheme: str, own_timeouts: bool = False) -> None:
        self.scheme = scheme
        self.masked = str(plugin.url(privacy=True))  # type: ignore[no-untyped-call]
        self.plugin = plugin
        self.own_timeouts = own_timeouts  # the URL sets apprise's rto=/cto=: they win
        self.target = apprise.Apprise()
        self.target.add(plugin)

    def send(self, rendered: Rendered, timeout: float = 10.0) -> SendResult:
        if self.scheme in _MARKDOWN:
            body, fmt = rendered.markdown, apprise.NotifyFormat.MARKDOWN
        else:
            body, fmt = rendered.text, apprise.NotifyFormat.TEXT
        if not self.own_timeouts:
            self.plugin.socket_connect_timeout = self.plugin.socket_read_timeout = timeout
        try:
            result = self.target.notify(title=rendered.title, body=body, body_format=fmt)
            status = _STATUS.get(result.status, "failed")
        except Exception as exc:  # a plugin bug must not stop the alerter
            return SendResult("failed", None, f"apprise raised {type(exc).__name__}")
        return SendResult(status, None, "" if status == "sent" else f"apprise {status}")


def senders_for(channels: Mapping[str, Channel]) -> dict[str, Sender]:
    """A sender per named channel (errors name the channel's position, never its URL)."""
    senders = {}
    for i, (name, channel) in enumerate(channels.items(), 1):
        sender = senders[name] = sender_for(channel.url, i)
        sender.timeout = channel.timeout
    return senders


def sender_for(url: str, index: int = 1) -> Sender:
    lowered = url.lower()
    if lowered.startswith(("webhook+http://", "webhook+https://")):
        return WebhookSender(url)
    plugin = apprise_plugin(url, index)
    if type(plugin) is NotifyEmail:  # exactly SMTP e-mail, not a service built on it
        return MailSender(plugin, url, index)
    query = urlsplit(url).query.lower()
    return AppriseSender(plugin, scheme_of(url), own_timeouts="rto=" in query or "cto=" in query)
