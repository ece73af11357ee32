"""The poller's loop: when each owned feed is due, fetch it, interpret it, publish what is new.

One poll of one feed is three steps: fetch and parse the bytes (``poller.fetch``, conditional
GET with the validators the server gave; ``poller.parse``), ask ``core.feedstep.step`` what they
mean (the news, the feed's next state, a broken/recovered event, the next poll's time), then hand
its outputs as records (``poller.articles``) to the sink and count them in the metrics.

A fixed pool of worker tasks takes due feeds from a queue, so ten thousand feeds cost ten
thousand heap entries, not ten thousand tasks. A poll that hits a bug is logged and its feed
retried a minute later; the worker goes on.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import logging
import random
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from wirewatch.config import Settings
from wirewatch.core.entries import article_text
from wirewatch.core.feeddoc import ItemMemory, ParsedFeed
from wirewatch.core.feedstep import (
    FeedState,
    FeedTerms,
    FetchOutcome,
    PollRules,
    PollStep,
    needs_document,
    step,
    worth_saving,
)
from wirewatch.core.health import Health
from wirewatch.core.http import conditional_headers
from wirewatch.core.schedule import PollPolicy, due_in_surge, effective_interval, first_poll
from wirewatch.logs import mask_credentials, mask_urls, untrusted
from wirewatch.metrics import Metrics
from wirewatch.poller.articles import article_record, health_record, state_of, state_record, with_text
from wirewatch.poller.assignment import FeedSource
from wirewatch.poller.fetch import ACCEPT_PAGE, Fetcher, Response, response_headers
from wirewatch.poller.parse import parse_feed
from wirewatch.poller.sinks import Sink
from wirewatch.poller.surges import SurgeBoard
from wirewatch.topics import records as wire
from wirewatch.topics.records import MAX_TEXT, MAX_TITLE, MAX_URL, ArticleRecord, FeedHealthEvent, FeedRecord

log = logging.getLogger("wirewatch.poller")

Emit = Callable[[dict[str, Any]], None]
StateLoader = Callable[[frozenset[int] | None, frozenset[str]], dict[str, wire.FeedState]]

PARSE_INLINE = 256 * 1024  # bodies up to this are parsed on the loop; bigger ones in a thread
FULL_TEXT_SHORT = 400  # characters: a feed text shorter than this asks for the article page
FULL_TEXT_PER_POLL = 10
PAGE_MAX_BYTES = 3_000_000
BROKER_RETRY = timedelta(seconds=10)
BUG_RETRY = timedelta(seconds=60)


@dataclass
class Slot:
    """One owned feed: its settings, what is remembered of it, and when it is next due."""

    feed: FeedRecord
    state: FeedState | None
    due: datetime
    version: int = 0
    busy: bool = False
    memory: ItemMemory | None = None
    saved_at: datetime | None = None


@dataclass
class PollResult:
    url: str
    outcome: str  # ok | not_modified | error
    status: int | None
    entries: int = 0
    error: str | None = None
    error_class: str | None = None
    records: list[ArticleRecord] = field(default_factory=list)
    next_due: datetime | None = None


class Poller:
    """Polls every owned feed when due; one instance per process."""

    def __init__(
        self,
        settings: Settings,
        source: FeedSource,
        metrics: Metrics,
        sink: Sink | None,
        *,
        load_states: StateLoader | None = None,
        surges: SurgeBoard | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        rng: random.Random | None = None,
    ) -> None:
        self.settings = settings
        self.source = source
        self.metrics = metrics
        self.sink = sink
        self.load_states = load_states
        self.surges = surges or SurgeBoard()
        self.clock = clock
        self.rng = rng or random.Random()
        self.policy = PollPolicy(
            min_interval=settings.poll_min_interval,
            max_interval=max(settings.poll_max_interval, settings.poll_min_interval),
            max_backoff=max(settings.poll_max_backoff, settings.poll_min_interval),
        )
        self.rules = PollRules(self.policy, settings.feed_broken_after)
        self.slots: dict[str, Slot] = {}
        self.fetcher: Fetcher | None = None
        self._heap: list[tuple[float, int, str, int]] = []
        self._seq = itertools.count()
        self._generation = -1
        self._surge_generation = 0
        self._answered: deque[bool] = deque(maxlen=1000)  # True: 304, False: 200
        self._not_modified = 0
        self._stop = asyncio.Event()
        self._wake = asyncio.Event()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    # -- ownership ------------------------------------------------------------------------------

    async def sync(self) -> None:
        """Take on feeds the source now gives this poller, let go of those it took away."""
        generation, feeds, held = self.source.snapshot()
        if generation == self._generation and self._generation >= 0:
            return
        self._generation = generation
        for url in [u for u in self.slots if u not in feeds]:
            del self.slots[url]
        new = frozenset(u for u in feeds if u not in self.slots)
        for url in feeds.keys() - new:
            self.slots[url].feed = feeds[url]
        if new:
            states: dict[str, FeedState] = {}
            if self.load_states is not None:
                # Every held partition, not only the new ones: a feed just added to the list can
                # sit in a partition this poller already had.
                saved = await asyncio.to_thread(self.load_states, held, new)
                states = {url: state_of(record) for url, record in saved.items()}
            now = self.clock()
            for url in new:
                feed = feeds[url]
                state = states.get(url)
                interval, _ = effective_interval(
                    feed.interval or self.settings.poll_interval, feed.groups, self.surges.table(), now
                )
                due = state.next_due if state is not None and state.next_due is not None else None
                if due is None or due <= now:
                    due = first_poll(now, interval, self.rng)
                slot = Slot(feed, state, due, saved_at=now if state is not None else None)
                self.slots[url] = slot
                self._push(slot)
            log.info(
                "now polling %d feeds (%d new, %d with saved state)", len(self.slots), len(new), len(states)
            )

    def _push(self, slot: Slot) -> None:
        slot.version += 1
        heapq.heappush(self._heap, (slot.due.timestamp(), next(self._seq), slot.feed.url, slot.version))

    # -- the loop -------------------------------------------------------------------------------

    async def run(self, once: bool = False, emit: Emit | None = None) -> None:
        async with Fetcher(self.settings) as fetcher:
            self.fetcher = fetcher
            workers_count = self.settings.fetch_concurrency
            queue: asyncio.Queue[str] = asyncio.Queue(maxsize=workers_count)
            workers = [asyncio.create_task(self._worker(queue, emit)) for _ in range(workers_count)]
            try:
                await self.sync()
                if once:
                    for url in list(self.slots):
                        self.slots[url].busy = True
                        await queue.put(url)
                    await queue.join()
                    return
                await self._schedule(queue)
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(self.settings.fetch_timeout + 5):
                        await queue.join()  # let polls in flight finish and publish
            finally:
                for task in workers:
                    task.cancel()
                await asyncio.gather(*workers, return_exceptions=True)
                self.fetcher = None

    async def _schedule(self, queue: asyncio.Queue[str]) -> None:
        last_gauges = 0.0
        while not self._stop.is_set():
            await self.sync()
            now = self.clock()
            if self.surges.generation != self._surge_generation:
                self._surge_generation = self.surges.generation
                self._pull_in_surging(now)
            stamp = now.timestamp()
            while self._heap and self._heap[0][0] <= stamp and not self._stop.is_set():
                _, _, url, version = heapq.heappop(self._heap)
                slot = self.slots.get(url)
                if slot is None or slot.version != version or slot.busy:
                    continue  # gone, rescheduled since, or in flight
                slot.busy = True
                await queue.put(url)
            if time.monotonic() - last_gauges > 5:
                self._update_gauges()
                last_gauges = time.monotonic()
            wait = 1.0
            if self._heap:
                wait = max(0.01, min(1.0, self._heap[0][0] - self.clock().timestamp()))
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=wait)

    def _pull_in_surging(self, now: datetime) -> None:
        """A surge just started (or changed): feeds it covers are due within its interval."""
        table = self.surges.table()
        if not table:
            return
        pulled = 0
        for slot in self.slots.values():
            feed, state = slot.feed, slot.state
            interval, surging = effective_interval(
                feed.interval or self.settings.poll_interval, feed.groups, table, now
            )
            if not surging or slot.busy:
                continue
            due = due_in_surge(
                slot.due,
                state.last_attempt if state is not None else None,
                state.failures if state is not None else 0,
                interval,
                self.policy,
                now,
                self.rng,
            )
            if due < slot.due:
                slot.due = due
                self._push(slot)
                pulled += 1
        if pulled:
            log.info("surge: %d feeds brought forward", pulled)

    async def _worker(self, queue: asyncio.Queue[str], emit: Emit | None) -> None:
        while True:
            url = await queue.get()
            try:
                slot = self.slots.get(url)
                if slot is not None:
                    started = time.monotonic()
                    await self.poll(slot, emit)
                    self.metrics.stage_seconds.labels("poll").observe(time.monotonic() - started)
            except Exception:
                # A bug on one feed must not stop the others: say it loudly, retry later.
                shown = mask_credentials(url)
                log.exception(
                    "bug while polling %s; retrying in %s",
                    shown,
                    BUG_RETRY,
                    extra={"feed": shown, "outcome": "bug"},
                )
                slot = self.slots.get(url)
                if slot is not None:
                    slot.due = self.clock() + BUG_RETRY
                    self._push(slot)
            finally:
                slot = self.slots.get(url)
                if slot is not None:
                    slot.busy = False
                queue.task_done()

    def _note_answer(self, not_modified: bool) -> None:
        if len(self._answered) == self._answered.maxlen:
            self._not_modified -= self._answered[0]
        self._answered.append(not_modified)
        self._not_modified += not_modified
        self.metrics.feed_not_modified_ratio.set(self._not_modified / len(self._answered))

    def _say_truncated(self, feed: FeedRecord, record: ArticleRecord) -> None:
        """One line for an item that had a field past its limit: it went out cut and marked."""
        self.metrics.articles_truncated.inc()
        shown = mask_credentials(feed.url)
        log.warning(
            "feed %s: item %s had a field past its limit (title %d, text %d, URL %d characters); "
            "published cut and marked truncated",
            shown,
            untrusted(mask_credentials(record.url)),
            MAX_TITLE,
            MAX_TEXT,
            MAX_URL,
            extra={"feed": shown, "outcome": "truncated"},
        )

    def _update_gauges(self) -> None:
        counts = {"ok": 0, "failing": 0, "broken": 0}
        for slot in self.slots.values():
            state = slot.state
            counts[Health(state.failures, state.broken).condition if state else "ok"] += 1
        for condition, count in counts.items():
            self.metrics.feeds.labels(condition).set(count)

    # -- one poll -------------------------------------------------------------------------------

    async def poll(self, slot: Slot, emit: Emit | None = None) -> PollResult:
        """Fetch, interpret and publish one feed; reschedules it. Never raises for a bad feed."""
        assert self.fetcher is not None, "poll() runs inside run()"
        feed, state = slot.feed, slot.state
        url = (state.fetch_url if state is not None else None) or feed.url
        validators = conditional_headers(state.etag, state.last_modified) if state is not None else {}
        response = await self.fetcher.get(url, allow_private=feed.allow_private, headers=validators)
        self.metrics.feed_bytes.labels("feed").inc(response.wire_bytes)
        now = self.clock()
        fetched = FetchOutcome(
            url, response.status, response.headers, response.moved_to, response.error_class, response.error
        )
        started = time.monotonic()
        parsed: ParsedFeed | None = None
        if needs_document(fetched):
            parsed = await self._parse(response, slot.memory)
            fetched = replace(fetched, document=parsed)
        seconds = response.seconds + (time.monotonic() - started)
        done = step(
            state,
            fetched,
            now,
            feed=FeedTerms(feed.url, feed.interval or self.settings.poll_interval, feed.outlet, feed.groups),
            rules=self.rules,
            surges=self.surges.table(),
            rng=self.rng,
        )
        self._count_poll(done, seconds, parsed is not None)

        records = [article_record(feed, done.outlet, item, now) for item in done.news]
        if feed.full_text and records:
            records = await self._full_text(feed, records)
        events = [health_record(done.event)] if done.event is not None else []
        self._log_outcome(feed, state, done)
        result = PollResult(
            feed.url,
            done.outcome,
            response.status,
            done.entries,
            done.error,
            done.error_class,
            records,
            done.next_due,
        )
        if emit is not None:
            self._emit(emit, result)

        save = worth_saving(state, done, slot.saved_at, now)
        if self.sink is not None:
            published = await self.sink.publish(records, events, state_record(done.state) if save else None)
            if not published:
                # Not acknowledged: keep the old state, so the next poll sends these again.
                slot.due = now + BROKER_RETRY
                self._push(slot)
                return result
        self._count_published(feed, records, events)
        slot.state = done.state
        if parsed is not None and parsed.memory is not None:
            slot.memory = parsed.memory
        if save:
            slot.saved_at = now
        slot.due = done.next_due
        self._push(slot)
        return result

    def _count_poll(self, done: PollStep, seconds: float, parsed: bool) -> None:
        self.metrics.feed_fetches.labels(done.outcome).inc()
        if parsed:
            self.metrics.feed_entries.inc(done.entries)
        self.metrics.feed_fetch_seconds.labels(done.outcome).observe(seconds)
        if done.outcome != "error":
            self._note_answer(done.outcome == "not_modified")
        if done.staleness is not None:
            self.metrics.feed_staleness_seconds.observe(done.staleness)
        if done.outcome == "error":
            self.metrics.feed_errors.labels(done.error_class or "other").inc()

    def _count_published(
        self, feed: FeedRecord, records: list[ArticleRecord], events: list[FeedHealthEvent]
    ) -> None:
        for record in records:
            self.metrics.articles_published.labels("update" if record.revision else "new").inc()
            if record.truncated:
                self._say_truncated(feed, record)
        for e in events:
            self.metrics.feed_health_events.labels(e.event).inc()
        if records:
            shown = mask_credentials(feed.url)
            log.info(
                "feed %s: %d new or edited articles",
                shown,
                len(records),
                extra={"feed": shown, "outcome": "ok", "articles": len(records)},
            )

    async def _parse(self, response: Response, memory: ItemMemory | None) -> ParsedFeed:
        headers = response_headers(response)
        if len(response.body) <= PARSE_INLINE:
            return parse_feed(response.body, headers, memory)
        return await asyncio.to_thread(parse_feed, response.body, headers, memory)

    async def _full_text(self, feed: FeedRecord, records: list[ArticleRecord]) -> list[ArticleRecord]:
        """Replace short feed texts with the text of the linked article page (best effort)."""
        assert self.fetcher is not None
        out: list[ArticleRecord] = []
        budget = FULL_TEXT_PER_POLL
        for record in records:
            if (
                budget
                and record.url.startswith(("http://", "https://"))
                and len(record.text) < FULL_TEXT_SHORT
            ):
                budget -= 1
                page = await self.fetcher.get(
                    record.url, allow_private=feed.allow_private, max_bytes=PAGE_MAX_BYTES, accept=ACCEPT_PAGE
                )
                self.metrics.feed_bytes.labels("page").inc(page.wire_bytes)
                if page.error_class is None and page.status == 200 and page.body:
                    text = await asyncio.to_thread(article_text, _decode_page(page))
                    out.append(with_text(record, text))
                    continue
            out.append(record)
        return out

    def _log_outcome(self, feed: FeedRecord, old: FeedState | None, done: PollStep) -> None:
        # One line when a feed starts failing or fails differently, one when it is declared
        # broken, one when it recovers and one when it moved: never a line per retry. The feed
        # and the outcome are fields of the line too, for whoever reads the logs as JSON.
        new, event = done.state, done.event.event if done.event is not None else None
        shown = mask_credentials(feed.url)
        fields: dict[str, object] = {"feed": shown, "outcome": done.outcome, "failures": new.failures}
        if done.moved_to is not None:
            log.info(
                "feed %s moved permanently to %s",
                shown,
                untrusted(mask_credentials(done.moved_to)),
                extra={"feed": shown, "outcome": "moved"},
            )
        if event == "broken":
            log.warning(
                "feed %s declared broken after %d failures in a row (%s); still retrying",
                shown,
                new.failures,
                new.last_error_class,
                extra=fields | {"event": event, "error_class": new.last_error_class},
            )
        elif event == "recovered":
            failures = old.failures if old else 0
            log.info(
                "feed %s recovered after %d failures",
                shown,
                failures,
                extra=fields | {"event": event, "failures": failures},
            )
        elif done.outcome == "error" and (
            new.failures == 1 or (old and old.last_error_class != new.last_error_class)
        ):
            log.warning(
                "feed %s failed (%s): %s",
                shown,
                new.last_error_class,
                untrusted(mask_urls(done.error or "", mask_credentials)),
                extra=fields | {"error_class": new.last_error_class},
            )

    def _emit(self, emit: Emit, result: PollResult) -> None:
        emit(
            {
                "url": result.url,
                "outcome": result.outcome,
                "status": result.status,
                "entries": result.entries,
                "error": result.error,
            }
        )
        for record in result.records:
            # The fields of the analyze input (README, "wirewatch analyze"), and the feed it came from.
            emit(
                {
                    "id": record.id,
                    "url": record.url,
                    "outlet": record.outlet,
                    "title": record.title,
                    "text": record.text,
                    "published": record.published.isoformat() if record.published else None,
                    "lang": record.lang,
                    "feed": result.url,
                }
            )


def _decode_page(page: Response) -> str:
    content_type = page.headers.get("content-type", "")
    charset = "utf-8"
    for part in content_type.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.lower() == "charset" and value:
            charset = value.strip('"').strip()
    try:
        return page.body.decode(charset, "replace")
    except LookupError:
        return page.body.decode("utf-8", "replace")
