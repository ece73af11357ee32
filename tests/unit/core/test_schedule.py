"""Every scheduling rule, one table row each: interval, hints, clamps, backoff, jitter, surges."""

import random
from datetime import UTC, datetime, timedelta

import pytest

from wirewatch.core.health import Health, after_poll
from wirewatch.core.http import CacheHints
from wirewatch.core.politeness import TokenBucket, host_key
from wirewatch.core.schedule import (
    PollPolicy,
    Surge,
    apply_surge,
    due_in_surge,
    effective_interval,
    first_poll,
    incident_surges,
    next_delay,
)

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
POLICY = PollPolicy(min_interval=30, max_interval=6 * 3600, max_backoff=3600, jitter=0)


@pytest.mark.parametrize(
    ("interval", "hints", "failures", "expected"),
    [
        # the largest of interval, ttl, max-age, Expires
        (300, CacheHints(), 0, 300),
        (300, CacheHints(ttl=900), 0, 900),
        (300, CacheHints(max_age=1200), 0, 1200),
        (300, CacheHints(expires=600), 0, 600),
        (300, CacheHints(ttl=60, max_age=120, expires=30), 0, 300),  # hints never shorten
        (300, CacheHints(ttl=900, max_age=1800, expires=1200), 0, 1800),
        # clamped to [min, max]
        (5, CacheHints(), 0, 30),
        (300, CacheHints(max_age=7 * 86400), 0, 6 * 3600),
        # Retry-After wins over everything shorter, up to the maximum
        (300, CacheHints(retry_after=5000), 0, 5000),
        (300, CacheHints(retry_after=10), 1, 300),
        (300, CacheHints(retry_after=10 * 86400), 0, 6 * 3600),
        # backoff: x2 per failure in a row, capped
        (300, CacheHints(), 1, 300),
        (300, CacheHints(), 2, 600),
        (300, CacheHints(), 3, 1200),
        (300, CacheHints(), 4, 2400),
        (300, CacheHints(), 5, 3600),
        (300, CacheHints(), 50, 3600),
        (300, CacheHints(), 10_000, 3600),  # never parked: still a finite retry
        # an interval above the backoff cap is kept, not shortened by a failure
        (7200, CacheHints(), 3, 7200),
    ],
)
def test_next_delay(interval: float, hints: CacheHints, failures: int, expected: float) -> None:
    assert next_delay(interval, failures, POLICY, hints) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("hints", "failures", "expected"),
    [
        (CacheHints(ttl=3600, max_age=3600, expires=3600), 0, 60),  # a surge looks sooner than the cache says
        (CacheHints(retry_after=900), 0, 900),  # but never sooner than the server allows
        (CacheHints(), 3, 240),  # and failures still back off
    ],
)
def test_surging_sets_cache_hints_aside_but_not_politeness(hints, failures, expected) -> None:
    assert next_delay(60, failures, POLICY, hints, surging=True) == pytest.approx(expected)


def test_jitter_spreads_within_bounds() -> None:
    policy = PollPolicy(min_interval=30, jitter=0.1)
    rng = random.Random(7)
    delays = [next_delay(300, 0, policy, rng=rng) for _ in range(500)]
    assert min(delays) >= 270 and max(delays) <= 330
    assert len({round(d) for d in delays}) > 30  # spread, not lockstep


def test_first_poll_is_soon_and_spread() -> None:
    rng = random.Random(1)
    firsts = [first_poll(NOW, 300, rng) for _ in range(200)]
    assert all(NOW <= f <= NOW + timedelta(seconds=10) for f in firsts)
    assert all(first_poll(NOW, 86400, rng) <= NOW + timedelta(seconds=10) for _ in range(50))


@pytest.mark.parametrize(
    ("interval", "groups", "surges", "expected"),
    [
        (300, ("iraq",), {}, (300, False)),
        (300, ("iraq",), {"iraq": Surge("iraq", 30, NOW + timedelta(hours=1))}, (30, True)),
        (300, ("syria",), {"iraq": Surge("iraq", 30, NOW + timedelta(hours=1))}, (300, False)),
        (300, ("iraq",), {"iraq": Surge("iraq", 30, NOW)}, (300, False)),  # expired: off by itself
        (20, ("iraq",), {"iraq": Surge("iraq", 30, NOW + timedelta(hours=1))}, (20, False)),  # never slower
        (
            300,
            ("iraq", "anbar"),
            {
                "iraq": Surge("iraq", 60, NOW + timedelta(hours=1)),
                "anbar": Surge("anbar", 15, NOW + timedelta(hours=1)),
            },
            (15, True),
        ),
    ],
)
def test_effective_interval(interval, groups, surges, expected) -> None:
    assert effective_interval(interval, groups, surges, NOW) == expected


@pytest.mark.parametrize(
    ("place_ids", "event_age_min", "interval", "expected"),
    [
        (("IQ", "IQ-AN", "IQ-AN/baghdadi", "ain-al-asad"), 5, 60, ["IQ", "IQ-AN", "ain-al-asad"]),  # no '/'
        (("IQ", "IQ", "IQ-BG"), 5, 60, ["IQ", "IQ-BG"]),  # each group once
        (("IQ",), 5, 0, []),  # automatic surges off
        (("IQ",), 119, 60, ["IQ"]),
        (("IQ",), 121, 60, []),  # older than the surge would last: old news, no hurry
        ((), 5, 60, []),
    ],
)
def test_incident_surges(place_ids, event_age_min, interval, expected) -> None:
    surges = incident_surges(place_ids, NOW - timedelta(minutes=event_age_min), NOW, interval, 7200)
    assert [s.group for s in surges] == expected
    assert all(s.interval == interval and s.until == NOW + timedelta(hours=2) for s in surges)


def test_surge_table_replaces_ends_and_expires() -> None:
    table = apply_surge({}, Surge("iraq", 30, NOW + timedelta(minutes=10)), NOW)
    assert set(table) == {"iraq"}
    table = apply_surge(table, Surge("iraq", 10, NOW + timedelta(minutes=20)), NOW)
    assert table["iraq"].interval == 10
    table = apply_surge(table, Surge("syria", 30, NOW + timedelta(minutes=5)), NOW)
    assert set(table) == {"iraq", "syria"}
    table = apply_surge(table, Surge("iraq", 10, NOW - timedelta(seconds=1)), NOW)  # ended early
    assert set(table) == {"syria"}
    later = NOW + timedelta(minutes=6)
    assert apply_surge(table, Surge("x", 30, later + timedelta(minutes=1)), later).keys() == {"x"}


def _at(minutes: float) -> datetime:
    return NOW + timedelta(minutes=minutes)


@pytest.mark.parametrize(
    ("due", "last_attempt", "failures", "interval", "expected"),
    [
        (_at(55), _at(-5), 0, 60, NOW),  # last polled 5 min ago: one minute is over, poll now
        (_at(55), _at(-0.5), 0, 60, _at(0.5)),  # polled 30 s ago: one surge interval after it
        (_at(55), None, 0, 60, NOW),  # never polled: now
        (_at(55), _at(-0.1), 0, 10, _at(-0.1 + 0.5)),  # not sooner than the 30 s minimum interval
        (_at(0.2), _at(-0.5), 0, 60, _at(0.2)),  # already due sooner than the surge asks: unchanged
        (_at(40), _at(-5), 3, 60, _at(40)),  # failing: its backoff (or Retry-After) holds
    ],
)
def test_a_surge_pulls_in_scheduled_feeds(due, last_attempt, failures, interval, expected) -> None:
    class NoJitter(random.Random):
        def uniform(self, a: float, b: float) -> float:
            return a

    assert due_in_surge(due, last_attempt, failures, interval, POLICY, NOW, NoJitter()) == expected


def test_feeds_pulled_in_by_a_surge_are_spread_over_a_tenth_of_its_interval() -> None:
    rng = random.Random(7)
    dues = {due_in_surge(_at(55), None, 0, 60, POLICY, NOW, rng) for _ in range(200)}
    assert len(dues) > 150
    assert min(dues) >= NOW and max(dues) <= NOW + timedelta(seconds=6)
    assert max(dues) - min(dues) > timedelta(seconds=4)


@pytest.mark.parametrize(
    ("before", "succeeded", "after", "event"),
    [
        (Health(), True, Health(), None),
        (Health(), False, Health(1), None),
        (Health(3), False, Health(4), None),
        (Health(4), False, Health(5, True), "broken"),  # threshold 5: said once
        (Health(5, True), False, Health(6, True), None),  # not again
        (Health(90, True), False, Health(91, True), None),
        (Health(9, True), True, Health(), "recovered"),
        (Health(3), True, Health(), None),  # failing but never declared broken: no event
    ],
)
def test_health_events(before: Health, succeeded: bool, after: Health, event: str | None) -> None:
    assert after_poll(before, succeeded, threshold=5) == (after, event)


def test_health_conditions() -> None:
    assert [Health().condition, Health(2).condition, Health(7, True).condition] == ["ok", "failing", "broken"]


@pytest.mark.parametrize(
    ("host", "key"),
    [
        ("feeds.example.org", "example.org"),
        ("www.Example.org.", "example.org"),
        ("example.org", "example.org"),
        ("feeds.bbc.co.uk", "bbc.co.uk"),
        ("news.example.com.au", "example.com.au"),
        ("a.b.example.de", "example.de"),
        ("127.0.0.1", "127.0.0.1"),
        ("[::1]", "::1"),
        ("localhost", "localhost"),
    ],
)
def test_host_key_groups_a_service(host: str, key: str) -> None:
    assert host_key(host) == key


def test_token_bucket_paces_starts() -> None:
    bucket = TokenBucket(rate=2.0, burst=2.0)
    waits = [bucket.reserve(0.0) for _ in range(5)]
    assert waits == pytest.approx([0, 0, 0.5, 1.0, 1.5])  # burst of 2, then one every 0.5 s
    assert bucket.reserve(10.0) == 0  # refilled after a quiet spell
