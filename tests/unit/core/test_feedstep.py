"""The feed step without a broker or a socket: one fetch's outcome in, the feed's next state out."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from wirewatch.core.entries import EntryFields
from wirewatch.core.feeddoc import ParsedFeed
from wirewatch.core.feedstep import (
    STATE_REFRESH,
    FeedState,
    FeedTerms,
    FetchOutcome,
    PollRules,
    PollStep,
    needs_document,
    step,
    worth_saving,
)
from wirewatch.core.schedule import PollPolicy, Surge
from wirewatch.poller.articles import state_of, state_record
from wirewatch.topics import records

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
URL = "https://news.example.org/rss"
FEED = FeedTerms(URL, interval=600.0, outlet="Example News", groups=("IQ",))
# No jitter: every delay below is exact.
RULES = PollRules(
    PollPolicy(min_interval=30, max_interval=6 * 3600, max_backoff=3600, jitter=0.0), broken_after=3
)


def entry(n: int, text: str = "") -> EntryFields:
    body = text or f"Story {n}: officials said the city stayed calm through the day."
    return EntryFields(f"id{n}", f"fp-{body}", f"https://news.example.org/{n}", None, f"Title {n}", body, NOW)


def document(*entries: EntryFields, ttl: float | None = None, title: str | None = "Feed") -> ParsedFeed:
    return ParsedFeed(list(entries), [], len(entries), title, ttl)


def fetched(
    status: int | None = 200,
    headers: dict[str, str] | None = None,
    doc: ParsedFeed | None = None,
    *,
    moved_to: str | None = None,
    error_class: str | None = None,
    error: str | None = None,
) -> FetchOutcome:
    return FetchOutcome(URL, status, headers or {}, moved_to, error_class, error, doc)


def poll(state: FeedState | None, outcome: FetchOutcome, now: datetime = NOW, surges=None) -> PollStep:
    return step(state, outcome, now, feed=FEED, rules=RULES, surges=surges or {}, rng=random.Random(7))


def delay(done: PollStep, now: datetime = NOW) -> float:
    return (done.next_due - now).total_seconds()


# -- one fetch, each kind of answer --------------------------------------------------------------

# (name, state before, fetch outcome, outcome, error class, news, failures after, delay in seconds)
CASES = [
    ("200 with two new items", None, fetched(doc=document(entry(1), entry(2))), "ok", None, 2, 0, 600),
    ("304 not modified", FeedState(URL, etag='"a"'), fetched(304), "not_modified", None, 0, 0, 600),
    (
        "429 with Retry-After",
        None,
        fetched(429, {"retry-after": "5400"}),
        "error",
        "http_429",
        0,
        1,
        5400,
    ),
    (
        "503 twice in a row: doubled",
        FeedState(URL, failures=1),
        fetched(503),
        "error",
        "http_5xx",
        0,
        2,
        1200,
    ),
    ("500 five in a row: capped", FeedState(URL, failures=5), fetched(500), "error", "http_5xx", 0, 6, 3600),
    (
        "a malformed feed",
        None,
        fetched(doc=ParsedFeed([], [], 0, None, None, "parse", "not a feed: SAXParseException")),
        "error",
        "parse",
        0,
        1,
        600,
    ),
    (
        "a timeout",
        None,
        fetched(None, error_class="timeout", error="timed out"),
        "error",
        "timeout",
        0,
        1,
        600,
    ),
    ("404", None, fetched(404), "error", "http_404", 0, 1, 600),
    ("ttl of two hours", None, fetched(doc=document(entry(1), ttl=7200)), "ok", None, 1, 0, 7200),
    (
        "max-age of an hour",
        None,
        fetched(headers={"cache-control": "max-age=3600"}, doc=document(entry(1))),
        "ok",
        None,
        1,
        0,
        3600,
    ),
    (
        "Retry-After on a 200 is noise",
        None,
        fetched(headers={"retry-after": "9000"}, doc=document()),
        "ok",
        None,
        0,
        0,
        600,
    ),
]


@pytest.mark.parametrize(
    ("name", "before", "outcome", "expected", "error_class", "news", "failures", "seconds"),
    CASES,
    ids=[c[0] for c in CASES],
)
def test_one_poll(name, before, outcome, expected, error_class, news, failures, seconds) -> None:
    done = poll(before, outcome)
    assert done.outcome == expected
    assert done.error_class == done.state.last_error_class == error_class
    assert len(done.news) == news
    assert done.state.failures == failures
    assert delay(done) == seconds
    assert done.state.last_attempt == NOW
    assert (done.state.last_success == NOW) == (expected != "error")
    assert (done.state.failing_since == NOW) == (expected == "error")


def test_a_new_feed_remembers_its_items_and_validators() -> None:
    done = poll(
        None,
        fetched(
            headers={"etag": '"v1"', "last-modified": "Sun, 01 Mar 2026 11:00:00 GMT"},
            doc=document(entry(1), entry(2)),
        ),
    )
    assert [i.revision for i in done.news] == [0, 0]
    assert done.state.seen == {"id1": entry(1).fingerprint, "id2": entry(2).fingerprint}
    assert (done.state.etag, done.state.last_modified) == ('"v1"', "Sun, 01 Mar 2026 11:00:00 GMT")
    assert done.outlet == "Example News" and done.entries == 2 and done.staleness is None


def test_the_same_items_again_are_not_news_an_edited_one_is() -> None:
    first = poll(None, fetched(doc=document(entry(1), entry(2))))
    later = NOW + timedelta(minutes=10)
    again = poll(first.state, fetched(doc=document(entry(2), entry(1))), later)
    assert again.news == () and again.staleness == 600
    edited = poll(
        again.state,
        fetched(doc=document(entry(1), entry(2, "Story 2: three rockets hit the base at dawn."))),
        later,
    )
    assert [(i.entry.id, i.revision) for i in edited.news] == [("id2", 1)]
    assert edited.state.revisions == {"id2": 1}


def test_a_feed_that_rekeys_its_items_sends_nothing_new() -> None:
    first = poll(None, fetched(doc=document(entry(1))))
    rekeyed = replace(entry(1), id="other-guid")
    assert poll(first.state, fetched(doc=document(rekeyed))).news == ()


def test_a_304_keeps_what_was_seen_and_takes_a_new_etag() -> None:
    first = poll(None, fetched(headers={"etag": '"v1"'}, doc=document(entry(1))))
    same = poll(first.state, fetched(304, {"etag": '"v2"'}))
    assert same.state.seen == first.state.seen and same.state.etag == '"v2"' and same.entries == 0


def test_a_permanent_redirect_moves_the_feed_and_back() -> None:
    moved = poll(None, fetched(doc=document(), moved_to="https://news.example.org/feed"))
    assert moved.moved_to == moved.state.fetch_url == "https://news.example.org/feed"
    # Polled at its new address, then redirected back to the listed one: the listed URL again.
    back = step(
        moved.state,
        FetchOutcome("https://news.example.org/feed", 200, {}, moved_to=URL, document=document()),
        NOW,
        feed=FEED,
        rules=RULES,
        surges={},
        rng=random.Random(1),
    )
    assert back.moved_to == URL and back.state.fetch_url is None
    # A failure keeps the address it moved to.
    assert poll(moved.state, fetched(500)).state.fetch_url == "https://news.example.org/feed"


def test_broken_once_at_the_threshold_then_recovered() -> None:
    state: FeedState | None = None
    events = []
    for minute in range(4):
        done = poll(state, fetched(503), NOW + timedelta(minutes=minute))
        state, events = done.state, [*events, done.event]
    broken = events[2]
    assert events[:2] == [None, None] and events[3] is None and state.broken
    assert broken is not None and (broken.event, broken.failures, broken.error_class) == (
        "broken",
        3,
        "http_5xx",
    )
    assert broken.failing_since == NOW
    recovered = poll(state, fetched(doc=document()), NOW + timedelta(hours=1)).event
    assert recovered is not None and (recovered.event, recovered.failures) == ("recovered", 4)
    assert recovered.error == "HTTP 503"


def test_a_surge_shortens_the_interval_and_sets_freshness_hints_aside() -> None:
    surge = {"IQ": Surge("IQ", 60, NOW + timedelta(hours=1))}
    outcome = fetched(headers={"cache-control": "max-age=3600"}, doc=document(entry(1), ttl=7200))
    assert delay(poll(None, outcome, surges=surge)) == 60
    elsewhere = {"SY": Surge("SY", 60, NOW + timedelta(hours=1))}
    assert delay(poll(None, outcome, surges=elsewhere)) == 7200
    # Retry-After still holds in a surge.
    assert delay(poll(None, fetched(429, {"retry-after": "900"}), surges=surge)) == 900


@pytest.mark.parametrize(
    ("outcome", "parse"),
    [
        (fetched(200), True),
        (fetched(204), True),
        (fetched(304), False),
        (fetched(503), False),
        (fetched(None, error_class="dns", error="no such host"), False),
        (fetched(302), False),
    ],
)
def test_only_a_feed_that_came_back_is_parsed(outcome: FetchOutcome, parse: bool) -> None:
    assert needs_document(outcome) is parse


# -- when to save the state ------------------------------------------------------------------------


def test_the_state_is_saved_when_it_changed_and_now_and_then() -> None:
    first = poll(None, fetched(doc=document(entry(1))))
    assert worth_saving(None, first, None, NOW)
    quiet = poll(first.state, fetched(doc=document(entry(1))), NOW + timedelta(minutes=10))
    assert not worth_saving(first.state, quiet, NOW, NOW + timedelta(minutes=10))
    assert worth_saving(first.state, quiet, NOW, NOW + STATE_REFRESH)
    failing = poll(first.state, fetched(500), NOW + timedelta(minutes=10))
    assert worth_saving(first.state, failing, NOW, NOW + timedelta(minutes=10))


# -- the wire record of the state ----------------------------------------------------------------


def test_the_state_record_carries_every_field() -> None:
    full = FeedState(
        URL,
        etag='"e"',
        last_modified="Sun, 01 Mar 2026 11:00:00 GMT",
        seen={"a": "fa"},
        revisions={"a": 2},
        failures=4,
        last_success=NOW - timedelta(days=1),
        next_due=NOW + timedelta(hours=1),
        fetch_url="https://news.example.org/feed",
        broken=True,
        last_error="HTTP 503",
        last_error_class="http_5xx",
        last_attempt=NOW,
        failing_since=NOW - timedelta(hours=3),
    )
    record = state_record(full)
    assert records.FeedState.model_validate_json(record.model_dump_json(by_alias=True)) == record
    assert state_of(record) == full
