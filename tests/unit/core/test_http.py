"""HTTP responses interpreted by pure functions: statuses, cache hints, validators, addresses."""

from datetime import UTC, datetime

import pytest

from wirewatch.core.http import (
    address_allowed,
    cache_control_max_age,
    cache_hints,
    conditional_headers,
    error_class_for_status,
    feed_ttl,
    ip_literal,
    parse_networks,
    retry_after,
    seconds_until,
)

NOW = datetime(2026, 11, 25, 9, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("status", "error_class"),
    [
        (200, None),
        (203, None),
        (304, None),
        (401, "http_401"),
        (403, "http_403"),
        (404, "http_404"),
        (410, "http_410"),
        (429, "http_429"),
        (400, "http_4xx"),
        (451, "http_4xx"),
        (500, "http_5xx"),
        (502, "http_5xx"),
        (503, "http_5xx"),
        (302, "http_other"),  # a redirect without Location, or one not followed
        (101, "http_other"),
    ],
)
def test_error_class_for_status(status: int, error_class: str | None) -> None:
    assert error_class_for_status(status) == error_class


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (None, None),
        ("", None),
        ("max-age=600", 600),
        ("public, max-age=60, s-maxage=300", 300),
        ('max-age="120"', 120),
        ("no-cache", 0),
        ("private, no-store, max-age=600", 0),
        ("max-age=junk", None),
        ("must-revalidate", None),
    ],
)
def test_cache_control_max_age(value: str | None, seconds: float | None) -> None:
    assert cache_control_max_age(value) == seconds


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("120", 120),
        (" 5 ", 5),
        ("Wed, 25 Nov 2026 09:10:00 GMT", 600),  # IMF-fixdate
        ("Wednesday, 25-Nov-26 09:01:00 GMT", 60),  # RFC 850
        ("Wed Nov 25 09:00:30 2026", 30),  # asctime
        ("Wed, 25 Nov 2026 08:00:00 GMT", None),  # in the past
        ("soon", None),
        ("-5", None),
        (None, None),
    ],
)
def test_retry_after_seconds_or_date(value: str | None, seconds: float | None) -> None:
    assert retry_after(value, NOW) == seconds


def test_expires_and_hints_by_status() -> None:
    headers = {
        "cache-control": "max-age=900",
        "expires": "Wed, 25 Nov 2026 10:00:00 GMT",
        "retry-after": "3600",
    }
    assert seconds_until(headers["expires"], NOW) == 3600
    ok = cache_hints(200, headers, NOW)
    assert (ok.max_age, ok.expires, ok.retry_after) == (900, 3600, None)  # Retry-After only on 429/503
    for status in (429, 503):
        assert cache_hints(status, headers, NOW).retry_after == 3600


@pytest.mark.parametrize(
    ("etag", "modified", "headers"),
    [
        (None, None, {}),
        ('"abc"', None, {"If-None-Match": '"abc"'}),
        (None, "Wed, 25 Nov 2026 08:00:00 GMT", {"If-Modified-Since": "Wed, 25 Nov 2026 08:00:00 GMT"}),
        ('W/"x"', "Tue", {"If-None-Match": 'W/"x"', "If-Modified-Since": "Tue"}),  # exactly as given
    ],
)
def test_conditional_headers_send_back_exactly_what_was_given(etag, modified, headers) -> None:
    assert conditional_headers(etag, modified) == headers


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("60", 3600),
        (" 15 ", 900),
        ("0", None),
        ("-1", None),
        ("junk", None),
        (None, None),
        ("99999999", None),
    ],
)
def test_rss_ttl_in_minutes(value, seconds) -> None:
    assert feed_ttl(value) == seconds


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:2800:220:1:248:1893:25c8:1946", True),
        ("127.0.0.1", False),
        ("127.3.4.5", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata
        ("100.64.0.1", False),  # carrier-grade NAT
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("fe80::1%eth0", False),
        ("fc00::1", False),
        ("::ffff:10.0.0.1", False),  # IPv4-mapped private
        ("::ffff:93.184.216.34", True),
        ("not an address", False),
    ],
)
def test_only_public_addresses_are_allowed_by_default(address: str, public: bool) -> None:
    assert address_allowed(address, allow_private=False) is public
    assert address_allowed(address, allow_private=True)  # a feed with allow_private may go anywhere


def test_allowed_networks_open_just_those() -> None:
    nets = parse_networks(["10.1.2.0/24", "127.0.0.1"])
    assert address_allowed("10.1.2.9", False, nets)
    assert address_allowed("127.0.0.1", False, nets)
    assert not address_allowed("10.1.3.9", False, nets)
    assert not address_allowed("127.0.0.2", False, nets)
    with pytest.raises(ValueError):
        parse_networks(["10.0.0.0/33"])


@pytest.mark.parametrize(
    ("host", "literal"),
    [
        ("127.0.0.1", "127.0.0.1"),
        ("[::1]", "::1"),
        ("::1", "::1"),
        ("example.org", None),
        ("localhost", None),
    ],
)
def test_ip_literals(host: str, literal: str | None) -> None:
    assert ip_literal(host) == literal
