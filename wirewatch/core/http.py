"""What an HTTP response means for a feed poller (pure): modified or not, error class, cache hints.

The fetcher hands status codes and header values here and acts on the answers; nothing in this
room opens a socket. It also says which addresses a feed may point at (``address_allowed``), so
a feed list cannot be used to probe loopback, link-local or private networks.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

# Statuses that say "this resource lives elsewhere"; only the permanent ones move the feed.
PERMANENT_REDIRECTS = frozenset((301, 308))
TEMPORARY_REDIRECTS = frozenset((302, 303, 307))
REDIRECTS = PERMANENT_REDIRECTS | TEMPORARY_REDIRECTS

# 4xx codes a person acts on differently get their own error class; the rest share http_4xx.
_NAMED_4XX = frozenset((401, 403, 404, 410, 429))


@dataclass(frozen=True, slots=True)
class CacheHints:
    """What the server (and the document) say about how long the feed stays fresh, in seconds."""

    max_age: float | None = None
    expires: float | None = None
    retry_after: float | None = None
    ttl: float | None = None

    def with_ttl(self, ttl: float | None) -> CacheHints:
        return CacheHints(self.max_age, self.expires, self.retry_after, ttl)


def error_class_for_status(status: int) -> str | None:
    """The error class of a final status, or ``None`` when the status carries a feed (2xx, 304)."""
    if 200 <= status < 300 or status == 304:
        return None
    if status in _NAMED_4XX:
        return f"http_{status}"
    if 400 <= status < 500:
        return "http_4xx"
    if status >= 500:
        return "http_5xx"
    return "http_other"  # 1xx or an unfollowed 3xx


def is_redirect(status: int) -> bool:
    return status in REDIRECTS


def conditional_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    """Request headers that send back exactly the validators the server gave.

    Both go out when both are known; a server evaluates If-None-Match first (RFC 9110 13.2.2),
    so the ETag wins. Nothing is invented: no validator, no header.
    """
    headers: dict[str, str] = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
# IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT", RFC 850 "Sunday, 06-Nov-94 08:49:37 GMT" and
# asctime "Sun Nov  6 08:49:37 1994" (RFC 9110 5.6.7). email.utils would do, but it imports
# socket, and this room stays free of I/O modules.
_IMF = re.compile(
    r"^\w+,\s*(\d{1,2})[\s-](\w{3})[\s-](\d{2,4})\s+(\d{1,2}):(\d{2}):(\d{2})\s*(?:GMT|UTC|Z|[+-]0000)?$"
)
_ASCTIME = re.compile(r"^\w{3}\s+(\w{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+(\d{4})$")


def _http_date(value: str) -> datetime | None:
    text = value.strip()
    match = _IMF.match(text)
    if match:
        day, mon, year, hh, mm, ss = match.groups()
    else:
        match = _ASCTIME.match(text)
        if not match:
            return None
        mon, day, hh, mm, ss, year = match.groups()
    month = _MONTHS.get(mon.lower())
    if month is None:
        return None
    y = int(year)
    if y < 100:
        y += 2000 if y < 70 else 1900
    try:
        return datetime(y, month, int(day), int(hh), int(mm), int(ss), tzinfo=UTC)
    except ValueError:
        return None


def cache_control_max_age(value: str | None) -> float | None:
    """``max-age`` (or ``s-maxage``) of a Cache-Control header; ``no-cache``/``no-store`` mean 0."""
    if not value:
        return None
    age: float | None = None
    for part in value.split(","):
        name, _, arg = part.strip().partition("=")
        name = name.strip().lower()
        if name in ("no-cache", "no-store"):
            return 0.0
        if name in ("max-age", "s-maxage"):
            arg = arg.strip().strip('"')
            if arg.isdigit():
                seconds = float(arg)
                age = seconds if age is None else max(age, seconds)
    return age


def seconds_until(value: str | None, now: datetime) -> float | None:
    """Seconds from ``now`` to an HTTP date (Expires); past or malformed dates give ``None``."""
    if not value:
        return None
    when = _http_date(value)
    if when is None:
        return None
    seconds = (when - now).total_seconds()
    return seconds if seconds > 0 else None


def retry_after(value: str | None, now: datetime) -> float | None:
    """A Retry-After header in seconds: either delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    return seconds_until(value, now)


def cache_hints(status: int, headers: Mapping[str, str], now: datetime) -> CacheHints:
    """The freshness hints of a response; ``headers`` keys are lower-case.

    Retry-After counts on 429 and 503 only (RFC 9110 10.2.3); on a redirect or a 200 it is noise.
    """
    return CacheHints(
        max_age=cache_control_max_age(headers.get("cache-control")),
        expires=seconds_until(headers.get("expires"), now),
        retry_after=retry_after(headers.get("retry-after"), now) if status in (429, 503) else None,
    )


def feed_ttl(value: object) -> float | None:
    """An RSS ``<ttl>`` (minutes) in seconds; junk is ignored."""
    text = str(value or "").strip()
    if not text.isdigit():
        return None
    minutes = int(text)
    return float(minutes * 60) if 0 < minutes <= 7 * 24 * 60 else None


# -- where a feed may point -------------------------------------------------------------------


def parse_networks(values: Iterable[str]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """Networks from strings (``10.1.2.0/24``, ``127.0.0.1``); raises ``ValueError`` on junk."""
    return tuple(ipaddress.ip_network(v.strip(), strict=False) for v in values)


def is_public_address(address: str) -> bool:
    """False for loopback, link-local, private, shared, reserved, multicast and unspecified."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return bool(ip.is_global) and not ip.is_multicast


def address_allowed(
    address: str,
    allow_private: bool,
    allowed_networks: Iterable[ipaddress.IPv4Network | ipaddress.IPv6Network] = (),
) -> bool:
    """May the poller connect to ``address``? Public yes; others only when allowed."""
    if allow_private or is_public_address(address):
        return True
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return any(ip.version == net.version and ip in net for net in allowed_networks)


def ip_literal(host: str) -> str | None:
    """The address when ``host`` is an IP literal (``[::1]`` or ``10.0.0.1``), else ``None``."""
    host = host.strip("[]")
    try:
        return str(ipaddress.ip_address(host.split("%", 1)[0]))
    except ValueError:
        return None


def refused_host(
    host: str, allowed_networks: Iterable[ipaddress.IPv4Network | ipaddress.IPv6Network] = ()
) -> str | None:
    """What the poller will refuse in the host of a feed without ``allow_private``, known before any
    DNS lookup: the kind of address ("loopback", "link-local", "private", "non-public") of an IP
    literal or a ``localhost`` name outside ``allowed_networks``. None for public addresses and for
    other names, which are checked when they resolve."""
    name = host.strip("[]").rstrip(".").lower()
    address = "127.0.0.1" if name == "localhost" or name.endswith(".localhost") else ip_literal(name)
    if address is None or address_allowed(address, False, allowed_networks):
        return None
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    return "private" if ip.is_private else "non-public"
