"""Real local servers: feeds over HTTP, a webhook receiver, an SMTP receiver.

``FeedServer`` serves documents from memory with ``ETag``/``Last-Modified`` and answers
conditional GETs with 304, or a status you set per path; a document may also be streamed from a
generator (huge bodies without holding them, a server that drips a byte a second), and the
server can speak TLS with a certificate you give it. ``WebhookReceiver`` records every POST
(apprise ``json://`` and Slack-shaped ``mmost://`` posts) and can be told to fail, answer slowly
or hang. ``SmtpReceiver``
wraps aiosmtpd and can be told to refuse recipients. All bind to 127.0.0.1 on a free port and
run in background threads.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import json
import ssl
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Document:
    body: bytes
    content_type: str = "application/rss+xml; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    modified: float = field(default_factory=time.time)
    stream: Callable[[], Iterable[bytes]] | None = None  # body sent chunk by chunk, then close
    delay: float = 0.0  # seconds between streamed chunks (a dripping server)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients that hang up mid-body (size caps, timeouts, TLS refusals) are what the tests
        # are about: not an error of the server's.
        return


class _Base:
    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        self.server = _Server(("127.0.0.1", 0), handler)
        self.server.owner = self  # type: ignore[attr-defined]
        self.port = int(self.server.server_address[1])
        # A short poll interval makes stop() take milliseconds instead of half a second.
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def start(self) -> _Base:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


class _FeedHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        owner: FeedServer = self.server.owner  # type: ignore[attr-defined]
        owner.requests.append((self.path, dict(self.headers)))
        doc = owner.get(self.path)
        if doc is None:
            self._reply(404, b"not found", "text/plain")
            return
        if doc.status != 200:
            self._reply(doc.status, doc.body if doc.status < 300 else b"", "text/plain", doc.headers)
            return
        if doc.stream is not None:
            self._stream(doc)
            return
        etag = '"' + hashlib.sha1(doc.body).hexdigest()[:16] + '"'  # noqa: S324 - a validator, not security
        modified = formatdate(doc.modified, usegmt=True)
        if self.headers.get("If-None-Match") == etag or (
            not self.headers.get("If-None-Match") and self.headers.get("If-Modified-Since") == modified
        ):
            self._reply(304, b"", None, {"ETag": etag, "Last-Modified": modified})
            return
        self._reply(200, doc.body, doc.content_type, {"ETag": etag, "Last-Modified": modified, **doc.headers})

    def _stream(self, doc: Document) -> None:
        assert doc.stream is not None
        self.send_response(200)
        self.send_header("Content-Type", doc.content_type)
        for k, v in doc.headers.items():
            self.send_header(k, v)
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        try:
            for chunk in doc.stream():
                self.wfile.write(chunk)
                self.wfile.flush()
                if doc.delay:
                    time.sleep(doc.delay)
        except OSError:
            return  # the client hung up: that is the point of most streamed documents

    def _reply(
        self, status: int, body: bytes, ctype: str | None, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)


class FeedServer(_Base):
    """Serves feed documents by path; ``provider`` may build them at request time."""

    def __init__(
        self,
        provider: Callable[[str], Document | None] | None = None,
        tls: tuple[str, str] | None = None,
    ) -> None:
        super().__init__(_FeedHandler)
        self.documents: dict[str, Document] = {}
        self.provider = provider
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.scheme = "http"
        if tls is not None:  # (certificate file, key file)
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
            self.scheme = "https"

    def url(self, path: str) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}{path}"

    def put(self, path: str, body: bytes | str, **kwargs: Any) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.documents[path] = Document(data, **kwargs)

    def get(self, path: str) -> Document | None:
        if self.provider is not None:
            return self.provider(path)
        return self.documents.get(path)


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    at: float

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))


class _HookHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_POST(self) -> None:
        owner: WebhookReceiver = self.server.owner  # type: ignore[attr-defined]
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        if owner.delay:
            time.sleep(owner.delay)  # a slow receiver: the sender can die while it waits for the answer
        while owner.hang_until is not None and time.monotonic() < owner.hang_until:
            time.sleep(0.05)  # a hung receiver: holds every request until it recovers (or is released)
        status = owner.status_for(self.path)
        if status < 300:
            item = Received(self.path, dict(self.headers), body, time.time())
            idempotency_key = self.headers.get("Idempotency-Key")
            with owner.lock:
                # Like incident tools do: a notification whose Idempotency-Key was already accepted
                # is acknowledged again, not shown again.
                repeated = bool(owner.dedupe and idempotency_key and idempotency_key in owner.keys)
                if repeated:
                    owner.repeated += 1
                else:
                    owner.received.append(item)
                    if idempotency_key:
                        owner.keys.add(idempotency_key)
            if owner.on_receive is not None and not repeated:
                owner.on_receive(item)
        else:
            with owner.lock:
                owner.refused += 1
        reply = b'{"ok": true}' if status < 300 else b'{"ok": false}'
        self.send_response(status)
        if status >= 300 and owner.retry_after:
            self.send_header("Retry-After", owner.retry_after)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)


class WebhookReceiver(_Base):
    """Records POSTs; ``fail_with`` makes it answer an error status until cleared."""

    def __init__(self, on_receive: Callable[[Received], None] | None = None) -> None:
        super().__init__(_HookHandler)
        self.received: list[Received] = []
        self.refused = 0
        self.lock = threading.Lock()
        self.fail_with: int | None = None
        self.retry_after: str | None = None
        self.on_receive = on_receive
        self.dedupe = False  # honour Idempotency-Key (a repeat is counted in ``repeated``, not received)
        self.keys: set[str] = set()
        self.repeated = 0
        self.fail_until: float | None = None  # time.monotonic() before which every POST fails
        self.delay = 0.0  # seconds to wait before answering
        self.hang_until: float | None = None  # time.monotonic() until which every POST hangs unanswered

    def status_for(self, path: str) -> int:
        if self.fail_until is not None and time.monotonic() < self.fail_until:
            return self.fail_with or 500
        if self.fail_until is not None:
            return 200
        return self.fail_with or 200

    def wait_for(self, count: int, timeout: float) -> list[Received]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.received) >= count:
                    return list(self.received)
            time.sleep(0.1)
        with self.lock:
            return list(self.received)


@dataclass
class Mail:
    sender: str
    recipients: list[str]
    subject: str
    text: str
    raw: bytes


class SmtpReceiver:
    """A real SMTP server (aiosmtpd) on 127.0.0.1 that keeps every message it accepts."""

    def __init__(self, on_receive: Callable[[Mail], None] | None = None) -> None:
        from aiosmtpd.controller import Controller

        from wirewatch.testing.ports import free_port

        self.messages: list[Mail] = []
        self.lock = threading.Lock()
        self.on_receive = on_receive
        self.refuse: set[str] = set()  # recipients answered with 550 at RCPT TO
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        if address in self.refuse:
            return "550 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        part = message.get_body(preferencelist=("plain", "html"))
        text = part.get_content() if part is not None else ""
        mail = Mail(envelope.mail_from, list(envelope.rcpt_tos), str(message.get("Subject", "")), text, raw)
        with self.lock:
            self.messages.append(mail)
        if self.on_receive is not None:
            self.on_receive(mail)
        return "250 Message accepted for delivery"

    def start(self) -> SmtpReceiver:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()

    def apprise_url(self, to: str = "analyst@example.org", sender: str = "wirewatch@example.org") -> str:
        return f"mailto://127.0.0.1:{self.port}?from={sender}&to={to}&mode=insecure"

    def wait_for(self, count: int, timeout: float) -> list[Mail]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.messages) >= count:
                    return list(self.messages)
            time.sleep(0.1)
        with self.lock:
            return list(self.messages)
