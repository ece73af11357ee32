"""One poll of one feed, decided (pure): what a feed was, what a fetch brought back, what follows.

``step(state, fetched, now) -> PollStep``: the feed's remembered state and the outcome of one
fetch (status, headers, the parsed document) go in; the next state, the entries that are news,
the broken/recovered event and the time of the next poll come out. Nothing here opens a socket,
publishes or counts: the poller (``poller.loop``) fetches and parses, calls ``step``, hands the
outputs to its sink and bumps its metrics from them.

It composes the other pure rooms: ``core.http`` reads the response (error class, cache hints),
``core.health`` keeps the failure count, ``core.schedule`` chooses the next poll, and ``news``
below says which entries are new or edited.

Which entries are news: an entry never seen before (revision 0) and a seen entry whose text
changed (the same article id, revision + 1); an entry seen with the same fingerprint is not
news, wherever it moved in the document and whatever its date says. The state keeps the ids of
the current document and the most recent others, so an item that drops out and comes back is
not news either; nor is an entry whose id is new but whose words are those of one already seen
(a feed that changed its GUIDs).
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Literal

from wirewatch.core.entries import EntryFields
from wirewatch.core.feeddoc import ParsedFeed
from wirewatch.core.health import FeedEvent, Health, HealthEvent, after_poll
from wirewatch.core.http import CacheHints, cache_hints, error_class_for_status
from wirewatch.core.schedule import PollPolicy, Surge, effective_interval, next_delay

Outcome = Literal["ok", "not_modified", "error"]

SEEN_LIMIT = 1000  # ids remembered per feed beyond those in the current document
MIN_ALIAS_CHARS = 40  # shorter entries ("Live updates") may repeat their words as distinct items
STATE_REFRESH = timedelta(minutes=15)  # a quiet feed's state is re-saved at least this often


@dataclass(frozen=True, slots=True)
class FeedState:
    """What is remembered of a feed between polls (and across restarts, on the feed-state topic)."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    seen: Mapping[str, str] = field(default_factory=dict)  # article id -> content fingerprint
    revisions: Mapping[str, int] = field(default_factory=dict)  # article id -> last revision sent
    failures: int = 0
    last_success: datetime | None = None
    next_due: datetime | None = None
    fetch_url: str | None = None  # where a 301/308 moved the feed; None: its listed URL
    broken: bool = False  # declared broken after consecutive failures (still polled)
    last_error: str | None = None
    last_error_class: str | None = None
    last_attempt: datetime | None = None
    failing_since: datetime | None = None


@dataclass(frozen=True, slots=True)
class FeedTerms:
    """What the feed list says of a feed that decides a poll's outcome."""

    url: str
    interval: float  # seconds: the feed's own interval, or the configured default
    outlet: str | None = None
    groups: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PollRules:
    """The poller's settings that the step applies."""

    policy: PollPolicy
    broken_after: int  # failures in a row that declare a feed broken


@dataclass(frozen=True, slots=True)
class FetchOutcome:
    """What one fetch of a feed brought back: a final status and its headers (lower-case names),
    or a transport error class; and the parsed document when there was one to read."""

    url: str  # the URL asked: the feed's, or where it moved
    status: int | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    moved_to: str | None = None  # where every redirect on the way was permanent
    error_class: str | None = None
    error: str | None = None
    document: ParsedFeed | None = None


@dataclass(frozen=True, slots=True)
class NewItem:
    """A feed entry that is news: first seen (revision 0) or edited (revision + 1)."""

    entry: EntryFields
    revision: int


@dataclass(frozen=True, slots=True)
class PollStep:
    """Everything one poll decided; the poller publishes and counts from this alone."""

    state: FeedState
    outcome: Outcome
    error_class: str | None
    error: str | None
    entries: int  # entries in the document (0 when none was read)
    outlet: str  # the name its articles go out under
    news: tuple[NewItem, ...]
    event: FeedEvent | None
    moved_to: str | None  # the feed moved permanently, learned on this poll
    staleness: float | None  # seconds from the last success before this poll to now

    @property
    def next_due(self) -> datetime:
        assert self.state.next_due is not None  # always set by ``step``
        return self.state.next_due


def http_failure(fetched: FetchOutcome) -> tuple[str, str | None] | None:
    """(error class, error) when the fetch failed before any document: the transport or the
    status; ``None`` when the status carries a feed (2xx, 304)."""
    if fetched.error_class is not None:
        return fetched.error_class, fetched.error
    if fetched.status is not None:
        error_class = error_class_for_status(fetched.status)
        if error_class is not None:
            return error_class, f"HTTP {fetched.status}"
    return None


def needs_document(fetched: FetchOutcome) -> bool:
    """Is there a document to parse: a feed came back and it is not a 304?"""
    return http_failure(fetched) is None and fetched.status != 304


def step(
    state: FeedState | None,
    fetched: FetchOutcome,
    now: datetime,
    *,
    feed: FeedTerms,
    rules: PollRules,
    surges: Mapping[str, Surge],
    rng: random.Random,
) -> PollStep:
    """The feed after one poll (``state`` None: never polled). ``rng`` draws the jitter."""
    base = state or FeedState(url=feed.url)
    document = fetched.document
    failure = http_failure(fetched)
    if failure is None and document is not None and document.error_class is not None:
        failure = document.error_class, document.error
    error_class, error = failure if failure is not None else (None, None)
    outcome: Outcome = "error" if failure else ("not_modified" if fetched.status == 304 else "ok")
    hints = cache_hints(fetched.status, fetched.headers, now) if fetched.status else CacheHints()

    outlet = feed.outlet or (document.title if document is not None else None) or feed.url
    items: tuple[NewItem, ...] = ()
    if outcome == "ok" and document is not None:
        items, seen, revisions = news(document, base.seen, base.revisions)
        base = replace(
            base,
            seen=seen,
            revisions=revisions,
            etag=fetched.headers.get("etag"),
            last_modified=fetched.headers.get("last-modified"),
        )
        hints = hints.with_ttl(document.ttl)
    elif outcome == "not_modified" and fetched.headers.get("etag"):
        base = replace(base, etag=fetched.headers["etag"])

    health, event = after_poll(Health(base.failures, base.broken), outcome != "error", rules.broken_after)
    moved_to = None
    if outcome == "error":
        after = replace(
            base,
            failures=health.failures,
            broken=health.broken,
            last_attempt=now,
            last_error=error,
            last_error_class=error_class,
            failing_since=base.failing_since or now,
        )
    else:
        fetch_url = base.fetch_url
        if fetched.moved_to and fetched.moved_to != fetched.url:
            moved_to = fetched.moved_to
            fetch_url = moved_to if moved_to != feed.url else None
        after = replace(
            base,
            failures=health.failures,
            broken=health.broken,
            last_attempt=now,
            last_success=now,
            last_error=None,
            last_error_class=None,
            failing_since=None,
            fetch_url=fetch_url,
        )
    interval, surging = effective_interval(feed.interval, feed.groups, surges, now)
    delay = next_delay(interval, health.failures, rules.policy, hints, surging, rng)
    after = replace(after, next_due=now + timedelta(seconds=delay))

    staleness = None
    if state is not None and state.last_success is not None:
        staleness = max(0.0, (now - state.last_success).total_seconds())
    return PollStep(
        state=after,
        outcome=outcome,
        error_class=error_class,
        error=error,
        entries=document.count if document is not None else 0,
        outlet=outlet,
        news=items,
        event=_feed_event(event, feed, base, after, now),
        moved_to=moved_to,
        staleness=staleness,
    )


def _feed_event(
    event: HealthEvent | None, feed: FeedTerms, before: FeedState, after: FeedState, now: datetime
) -> FeedEvent | None:
    if event is None:
        return None
    # Broken: the failure that tipped it. Recovered: the failures it recovered from.
    told = after if event == "broken" else before
    return FeedEvent(
        feed_url=feed.url,
        outlet=feed.outlet,
        event=event,
        failures=told.failures,
        error_class=told.last_error_class,
        error=told.last_error,
        failing_since=told.failing_since,
        at=now,
    )


def news(
    document: ParsedFeed, seen: Mapping[str, str], revisions: Mapping[str, int]
) -> tuple[tuple[NewItem, ...], dict[str, str], dict[str, int]]:
    """The entries of ``document`` that are news, and what to remember: (items, seen, revisions)."""
    revised = dict(revisions)
    current: dict[str, str] = dict(document.unchanged)
    fresh: list[EntryFields] = []
    for entry in document.entries:
        if entry.id in current:
            continue  # the same item twice in one document
        current[entry.id] = entry.fingerprint
        fresh.append(entry)
    known_texts = set(seen.values())
    items: list[NewItem] = []
    for entry in fresh:
        old = seen.get(entry.id)
        if old == entry.fingerprint:
            continue
        if old is None and entry.fingerprint in known_texts and _substantial(entry):
            # The same words under a new GUID or link: a feed that re-keyed its items (a CMS
            # migration, a GUID with a session id), not news. Remembered under its new id.
            continue
        revision = 0 if old is None else revised.get(entry.id, 0) + 1
        if revision:
            revised[entry.id] = revision
        items.append(NewItem(entry, revision))
    # Remember the current document's ids and the most recent others, oldest forgotten first.
    older = [(k, v) for k, v in seen.items() if k not in current]
    keep = dict(older[-SEEN_LIMIT:])
    keep.update(current)
    return tuple(items), keep, {k: v for k, v in revised.items() if k in keep}


def _substantial(entry: EntryFields) -> bool:
    """Enough words that equal text means the same article, not two short stubs alike."""
    return len(entry.title) + len(entry.text) >= MIN_ALIAS_CHARS


_MATERIAL = ("etag", "last_modified", "seen", "failures", "broken", "fetch_url", "last_error_class")


def worth_saving(old: FeedState | None, poll: PollStep, saved_at: datetime | None, now: datetime) -> bool:
    """Save the state when something a restarted poller needs has changed; a quiet feed now and then."""
    if old is None or poll.news or poll.event is not None or saved_at is None:
        return True
    new = poll.state
    if any(getattr(old, name) != getattr(new, name) for name in _MATERIAL):
        return True
    return now - saved_at >= STATE_REFRESH
