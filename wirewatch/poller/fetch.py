"""Fetching bytes from publishers: one aiohttp client, polite, capped, and never fooled into
reaching the internal network.

What this room does per request: refuses URLs whose host is, or resolves to, a loopback,
link-local or private address unless the feed (or a setting) allows it, on every redirect hop;
waits for the host's turn (``HostLimiter``); follows redirects itself so that only an
all-permanent chain (301/308) moves the feed; reads the body in chunks with a cap on the wire
bytes and a second cap on what gzip/deflate expand to; turns every failure into an error class.
It never raises for a publisher's fault. What the response means is decided in ``core.http``.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import time
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver

from wirewatch.config import Settings
from wirewatch.core.http import (
    PERMANENT_REDIRECTS,
    address_allowed,
    ip_literal,
    is_redirect,
    parse_networks,
)
from wirewatch.core.politeness import TokenBucket, host_key
from wirewatch.errors import ConfigError

ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
ACCEPT_PAGE = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
CHUNK = 64 * 1024

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class BlockedAddress(OSError):
    """A host resolved only to addresses the feed may not reach."""


@dataclass
class Response:
    """What one fetch brought back: a final status with its body, or an error class."""

    url: str
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    wire_bytes: int = 0
    moved_to: str | None = None  # the new URL when every redirect on the way was permanent
    error_class: str | None = None
    error: str | None = None
    seconds: float = 0.0


class GuardedResolver(AbstractResolver):
    """DNS through aiohttp's default resolver, minus the addresses a feed may not reach.

    Filtering at resolution time means the checked address is the one connected to: a name
    that answers a public address to a check and a private one to the connect cannot slip by.
    """

    def __init__(self, allow_private: bool, networks: Iterable[Network]) -> None:
        self._inner = DefaultResolver()
        self._allow_private = allow_private
        self._networks = tuple(networks)

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        allowed = [r for r in results if address_allowed(r["host"], self._allow_private, self._networks)]
        if not allowed:
            raise BlockedAddress(f"{host} resolves only to non-public addresses")
        return allowed

    async def close(self) -> None:
        await self._inner.close()


class _HostGate:
    def __init__(self, per_host: int, rate: float) -> None:
        self.slots = asyncio.Semaphore(per_host)
        self.bucket = TokenBucket(rate=rate, burst=max(1.0, rate))


class HostLimiter:
    """At most ``per_host`` requests in flight and ``rate`` starts per second to one service."""

    def __init__(self, per_host: int, rate: float) -> None:
        self.per_host = per_host
        self.rate = rate
        self._gates: dict[str, _HostGate] = {}

    async def acquire(self, host: str) -> _HostGate:
        """Wait for the host's turn; pair with ``gate.slots.release()``.

        Plain acquire/release rather than a context manager: this runs once per request and
        generator-based context managers cost more than the rest of the bookkeeping together.
        """
        key = host_key(host)
        gate = self._gates.get(key)
        if gate is None:
            gate = self._gates[key] = _HostGate(self.per_host, self.rate)
        await gate.slots.acquire()
        wait = gate.bucket.reserve(time.monotonic())
        if wait > 0:
            try:
                await asyncio.sleep(wait)
            except BaseException:
                gate.slots.release()
                raise
        return gate


def _error_class(exc: BaseException) -> str:
    if isinstance(exc, aiohttp.ClientConnectorDNSError) and isinstance(exc.os_error, BlockedAddress):
        return "ssrf"
    if isinstance(exc, TimeoutError | aiohttp.ServerTimeoutError):
        return "timeout"
    if isinstance(exc, aiohttp.ClientConnectorDNSError):
        return "dns"
    if isinstance(exc, aiohttp.ClientConnectorCertificateError | aiohttp.ClientSSLError):
        return "tls"
    if isinstance(exc, aiohttp.ClientConnectionError):
        return "connect"
    return "other"


def _describe(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError):
        return "timed out"
    if isinstance(exc, aiohttp.ClientConnectorDNSError) and isinstance(exc.os_error, BlockedAddress):
        return str(exc.os_error)
    return f"{type(exc).__name__}: {exc}"[:300]


class _TooLarge(Exception):
    pass


class _Decoder:
    """Undoes gzip or deflate chunk by chunk, refusing to expand past ``limit`` bytes."""

    def __init__(self, encoding: str, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.raw_deflate = False
        self.encoding = encoding
        # 47 = 32 + 15: zlib detects a gzip or zlib header by itself.
        self._z = zlib.decompressobj(47 if encoding in ("gzip", "x-gzip") else 15)
        self._first = True

    def feed(self, chunk: bytes) -> bytes:
        try:
            out = self._z.decompress(chunk, self.limit - self.size + 1)
        except zlib.error:
            if not (self._first and self.encoding == "deflate"):
                raise
            # Some servers send raw deflate without the zlib wrapper the standard asks for.
            self._z = zlib.decompressobj(-15)
            out = self._z.decompress(chunk, self.limit - self.size + 1)
        self._first = False
        self.size += len(out)
        if self.size > self.limit or self._z.unconsumed_tail:
            raise _TooLarge(f"expands past {self.limit} bytes")
        return out

    def flush(self) -> bytes:
        out = self._z.flush()
        self.size += len(out)
        if self.size > self.limit:
            raise _TooLarge(f"expands past {self.limit} bytes")
        return out


class Fetcher:
    """Shared HTTP client of one poller: two connection pools (public only, and private allowed)."""

    def __init__(self, settings: Settings, limiter: HostLimiter | None = None) -> None:
        self.settings = settings
        self.limiter = limiter or HostLimiter(settings.fetch_per_host, settings.fetch_host_rate)
        try:
            self.networks = parse_networks(settings.fetch_allow_networks)
        except ValueError as exc:
            raise ConfigError(str(exc), field="fetch_allow_networks") from None
        self._sessions: dict[bool, aiohttp.ClientSession] = {}

    def _session(self, allow_private: bool) -> aiohttp.ClientSession:
        allow_private = allow_private or self.settings.fetch_allow_private
        session = self._sessions.get(allow_private)
        if session is None or session.closed:
            connector = aiohttp.TCPConnector(
                resolver=GuardedResolver(allow_private, self.networks),
                limit=self.settings.fetch_concurrency,
                limit_per_host=self.settings.fetch_per_host,
                ttl_dns_cache=300,
            )
            session = aiohttp.ClientSession(
                connector=connector,
                auto_decompress=False,  # decompressed here, with a cap
                cookie_jar=aiohttp.DummyCookieJar(),
                trust_env=False,
                timeout=aiohttp.ClientTimeout(
                    total=None,
                    sock_connect=self.settings.fetch_connect_timeout,
                    sock_read=self.settings.fetch_read_timeout,
                ),
                headers={"User-Agent": self.settings.user_agent},
            )
            self._sessions[allow_private] = session
        return session

    async def close(self) -> None:
        for session in self._sessions.values():
            await session.close()
        self._sessions.clear()

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def _allowed_literal(self, host: str, allow_private: bool) -> bool:
        address = ip_literal(host)
        if address is None:
            return True  # a name: the resolver checks what it resolves to
        return address_allowed(address, allow_private or self.settings.fetch_allow_private, self.networks)

    async def get(
        self,
        url: str,
        *,
        allow_private: bool = False,
        headers: dict[str, str] | None = None,
        max_bytes: int | None = None,
        accept: str = ACCEPT,
    ) -> Response:
        """GET ``url`` following redirects; never raises for what the publisher did."""
        started = time.monotonic()
        result = Response(url=url)
        try:
            async with asyncio.timeout(self.settings.fetch_timeout):
                await self._get(result, url, allow_private, headers or {}, max_bytes, accept)
        except _TooLarge as exc:
            result.error_class, result.error = "too_large", f"body {exc}"
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            result.error_class, result.error = _error_class(exc), _describe(exc)
        except zlib.error as exc:
            result.error_class, result.error = "other", f"bad compressed body: {exc}"[:300]
        except (ValueError, UnicodeError) as exc:  # junk in a Location header or a URL
            result.error_class, result.error = "other", f"{type(exc).__name__}: {exc}"[:300]
        result.seconds = time.monotonic() - started
        if result.error_class is not None:
            result.body = b""
        return result

    async def _get(
        self,
        result: Response,
        url: str,
        allow_private: bool,
        extra: dict[str, str],
        max_bytes: int | None,
        accept: str,
    ) -> None:
        session = self._session(allow_private)
        cap = max_bytes or self.settings.fetch_max_bytes
        headers = {"Accept": accept, "Accept-Encoding": "gzip, deflate", **extra}
        permanent = True
        visited: set[str] = set()
        for _hop in range(self.settings.fetch_max_redirects + 1):
            parts = urlsplit(url)
            host = parts.hostname or ""
            if parts.scheme not in ("http", "https") or not host:
                result.error_class, result.error = "other", f"not an http(s) URL: {url[:200]}"
                return
            if not self._allowed_literal(host, allow_private):
                result.error_class = "ssrf"
                result.error = f"{host} is not a public address"
                return
            visited.add(url)
            gate = await self.limiter.acquire(host)
            try:
                async with session.get(url, headers=headers, allow_redirects=False) as resp:
                    done = await self._answer(resp, result, url, cap)
            finally:
                gate.slots.release()
            if done is None:
                if permanent and len(visited) > 1:
                    result.moved_to = url  # every hop was 301/308: the feed has moved
                return
            permanent = permanent and done[0]
            url = done[1]
            if url in visited:
                result.error_class, result.error = "redirects", f"redirect loop at {url[:200]}"
                return
        result.error_class = "redirects"
        result.error = f"more than {self.settings.fetch_max_redirects} redirects"

    async def _answer(
        self, resp: aiohttp.ClientResponse, result: Response, url: str, cap: int
    ) -> tuple[bool, str] | None:
        """(permanent?, next URL) for a redirect; None when this response is the answer."""
        result.status = resp.status
        if is_redirect(resp.status) and "Location" in resp.headers:
            target = urljoin(url, resp.headers["Location"].strip()).split("#", 1)[0]
            return resp.status in PERMANENT_REDIRECTS, target
        result.url = url
        result.headers = {k.lower(): v for k, v in resp.headers.items()}
        if 200 <= resp.status < 300:
            result.body = await self._read(resp, result, cap)
        return None

    async def _read(self, resp: aiohttp.ClientResponse, result: Response, cap: int) -> bytes:
        length = resp.content_length
        if length is not None and length > cap:
            raise _TooLarge(f"of {length} bytes is over the cap of {cap}")
        encoding = (resp.headers.get("Content-Encoding") or "identity").strip().lower()
        decoder: _Decoder | None = None
        if encoding in ("gzip", "x-gzip", "deflate"):
            decoder = _Decoder(encoding, self.settings.fetch_max_decompressed)
        elif encoding not in ("identity", ""):
            raise ValueError(f"unrequested content encoding {encoding[:40]!r}")
        parts: list[bytes] = []
        async for chunk in resp.content.iter_chunked(CHUNK):
            result.wire_bytes += len(chunk)
            if result.wire_bytes > cap:
                resp.close()  # stop the transfer; the connection is not reused
                raise _TooLarge(f"is over the cap of {cap} bytes")
            parts.append(decoder.feed(chunk) if decoder else chunk)
        if decoder is not None:
            parts.append(decoder.flush())
        return b"".join(parts)


def response_headers(response: Response) -> dict[str, Any]:
    """Headers for ``feedparser.parse(..., response_headers=...)``, with the final URL as base."""
    headers: dict[str, Any] = dict(response.headers)
    headers.pop("content-encoding", None)  # already decoded here
    headers.setdefault("content-location", response.url)
    return headers
