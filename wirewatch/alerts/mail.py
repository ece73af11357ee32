"""E-mail alerts: wirewatch's own text/plain part beside the HTML part.

apprise's ``mailto://`` plugin (2.2) takes one body. Given HTML, it builds the
multipart/alternative message itself and makes the text/plain part by converting the HTML
(``NotifyEmail.prepare_emails`` calls ``convert_between``): the words "link" stay, every href
goes. A reader of the text part (a text-only client, a watch, a phone's preview) lost the
article links. ``notify()`` has no argument for a second body, and a subclass would have to copy
``send`` and ``prepare_emails`` to change that one part.

So the work is split. apprise still does what it does well: it parses the ``mailto://`` or
``mailtos://`` URL (well-known providers' defaults, ports and TLS modes, from, to, cc, bcc,
reply-to, ``+Header=value``), gives the masked URL for logs, and opens the SMTP session
(``AppriseSMTPController``: SSL, STARTTLS, login). The standard library's ``email`` package
builds one multipart/alternative message per recipient: wirewatch's plain text first, the HTML
second (RFC 2046: the last part is the preferred one). What this gives up from apprise's own
path: PGP (a URL asking for it is refused at start-up rather than sent in clear), attachments
(wirewatch sends none) and apprise's per-plugin throttle (the dispatcher paces retries).
It uses apprise's e-mail internals, pinned in ``constraints.txt``: the component tests against
a real SMTP receiver (``tests/component/test_delivery.py``) are what catches an upgrade that
moves them.

The title and bodies arrive already made inert by ``alerts.render``; the ``email`` package
refuses a header with a line break all the same. A retry after some recipients refused the
message sends it only to the others (apprise does the same). Like every sender: a status, never
an exception, and only the masked URL in what it says.
"""

from __future__ import annotations

import email.policy
import hashlib
import re
import smtplib
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from apprise.exception import AppriseImproperlyConfigured
from apprise.plugins.email import NotifyEmail
from apprise.plugins.email.base import PGPMode
from apprise.plugins.email.smtp import AppriseSMTPController

from wirewatch.alerts.render import Rendered
from wirewatch.alerts.sending import Sender, SendResult, UnusableURL, scheme_of

# 7-bit transfer encodings only (base64 or quoted-printable for Arabic text), CRLF line ends:
# any SMTP server takes it, and ``smtplib`` can send it as ASCII.
_POLICY = email.policy.SMTP.clone(cte_type="7bit")
_SMTP_ERRORS = (OSError, smtplib.SMTPException, RuntimeError, AppriseImproperlyConfigured)
_REMEMBERED = 4096  # (notice, recipient) pairs already accepted: a retry skips them


def _address(name: object, addr: object) -> Address:
    return Address(display_name=name if isinstance(name, str) else "", addr_spec=str(addr))


@dataclass(frozen=True)
class Mailbox:
    """What apprise read from a ``mailto://`` URL, typed (apprise's own attributes are loose)."""

    host: str
    port: int
    secure_mode: str
    user: str | None
    password: str | None = field(repr=False)  # never in a log line or a traceback
    verify_certificate: bool
    sender: Address
    to: tuple[Address, ...]
    cc: tuple[Address, ...]
    bcc: tuple[str, ...]
    reply_to: tuple[Address, ...]
    headers: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, plugin: NotifyEmail) -> Mailbox:
        names = plugin.names
        return cls(
            host=str(plugin.smtp_host),
            port=int(plugin.port or 0),
            secure_mode=str(plugin.secure_mode),
            user=plugin.user or None,
            password=plugin.password or None,
            verify_certificate=bool(plugin.verify_certificate),
            sender=_address(*plugin.from_addr),
            to=tuple(_address(name, addr) for name, addr in plugin.targets),
            cc=tuple(_address(names.get(a), a) for a in sorted(plugin.cc - plugin.bcc)),
            bcc=tuple(sorted(plugin.bcc)),
            reply_to=tuple(_address(names.get(a), a) for a in sorted(plugin.reply_to)),
            headers=tuple((str(k), str(v)) for k, v in plugin.headers.items()),
        )


def message(box: Mailbox, rendered: Rendered, to: Address, now: datetime) -> EmailMessage:
    """One recipient's message: the plain-text rendering, then the HTML, as alternatives."""
    msg = EmailMessage(policy=_POLICY)
    for name, value in box.headers:  # ``+Header=value`` from the URL
        msg[name] = value
    msg["Subject"] = rendered.title
    msg["From"] = box.sender
    msg["To"] = to
    cc = [a for a in box.cc if a.addr_spec != to.addr_spec]
    if cc:
        msg["Cc"] = cc
    if box.reply_to:
        msg["Reply-To"] = box.reply_to
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = message_id(rendered.key, box.host)
    # The HTML shows the title as a heading: the text part does too, so both say the same.
    msg.set_content(f"{rendered.title}\n\n{rendered.text}\n")
    msg.add_alternative(rendered.html, subtype="html")
    return msg


def message_id(key: str, host: str | None) -> str:
    """The same notification always has the same Message-ID, so that a mail client shows a resend
    (after a crash between the server's answer and our commit) once: the idempotency key, made a
    valid id-left, and a hash of the whole key against collisions."""
    left = re.sub(r"[^A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+", ".", key).strip(".")[:120] or "notification"
    digest = hashlib.sha256(key.encode()).hexdigest()[:12]
    return f"<{left}.{digest}@{host or 'wirewatch.invalid'}>"


def envelope(box: Mailbox, to: Address) -> list[str]:
    """Who one message is delivered to: its recipient, the copies and the blind copies."""
    copies = {a.addr_spec for a in box.cc} | set(box.bcc)
    return [to.addr_spec, *sorted(copies - {to.addr_spec})]


class MailSender(Sender):
    """A ``mailto://`` or ``mailtos://`` channel: multipart/alternative with our own text part."""

    def __init__(self, plugin: NotifyEmail, url: str, index: int = 1) -> None:
        if plugin.pgp_mode != PGPMode.NONE:
            raise UnusableURL(
                url, index, "asks for PGP, which wirewatch's e-mail sender does not do; remove pgp= and wkd="
            )
        self.box = Mailbox.of(plugin)
        self.scheme = scheme_of(url)
        self.masked = str(plugin.url(privacy=True))  # type: ignore[no-untyped-call]
        self._accepted: OrderedDict[tuple[str, str], None] = OrderedDict()

    def _pending(self, key: str) -> list[Address]:
        return [to for to in self.box.to if (key, to.addr_spec) not in self._accepted]

    def _remember(self, key: str, to: Address) -> None:
        self._accepted[(key, to.addr_spec)] = None
        if len(self._accepted) > _REMEMBERED:
            self._accepted.popitem(last=False)

    def send(self, rendered: Rendered, timeout: float = 10.0) -> SendResult:
        box = self.box
        if not box.to:
            return SendResult("no_target", detail="no recipient in the mailto URL", permanent=True)
        now, refused = datetime.now(UTC), 0
        try:
            with AppriseSMTPController(
                host=box.host,
                port=box.port,
                secure_mode=box.secure_mode,
                user=box.user,
                password=box.password,
                verify_certificate=box.verify_certificate,
                socket_connect_timeout=int(max(1, timeout)),
            ) as smtp:
                for to in self._pending(rendered.key):
                    msg = message(box, rendered, to, now)
                    if smtp.sendmail(box.sender.addr_spec, envelope(box, to), msg.as_string()):
                        self._remember(rendered.key, to)
                    else:
                        refused += 1
        except _SMTP_ERRORS as exc:
            return SendResult("failed", None, f"SMTP {type(exc).__name__}")
        except Exception as exc:  # a bug here must not stop the alerter
            return SendResult("failed", None, f"e-mail raised {type(exc).__name__}")
        if refused:
            return SendResult("failed", None, f"SMTP refused {refused} of {len(box.to)} recipients")
        return SendResult("sent")
