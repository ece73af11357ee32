"""The feed poller: fetch feeds politely, parse them, produce each new or edited entry once.

Three steps per feed: fetch the bytes (conditional GET with the validators the server gave),
turn entries into article records (``core.entries``), produce the new ones to the articles topic
with an idempotent ``acks=all`` producer. What it remembers of each feed (validators, seen ids
and their fingerprints, failures, next poll) goes to a compacted topic after the articles are
acknowledged, so a restarted poller neither re-publishes nor hammers.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import random
import signal
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
import feedparser
from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.errors import KafkaError

from wirewatch.config import Settings
from wirewatch.core.entries import EntryFields, entry_fields
from wirewatch.core.schedule import PollPolicy, next_poll
from wirewatch.feedlist import Feed, FeedList
from wirewatch.logs import untrusted
from wirewatch.metrics import Metrics
from wirewatch.topics import ARTICLES, FEED_STATE
from wirewatch.topics.codec import decode, encode, key
from wirewatch.topics.records import ArticleRecord, FeedState

log = logging.getLogger("wirewatch.poller")

MAX_BODY = 20 * 1024 * 1024
SEEN_LIMIT = 1000  # ids remembered per feed beyond those in the current document


@dataclass(frozen=True)
class FetchResult:
    url: str
    outcome: str  # ok | not_modified | error
    status: int | None
    entries: list[EntryFields]
    error: str | None = None
    error_class: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    feed_title: str | None = None
    retry_after: float | None = None
    seconds: float = 0.0


def _error_class(exc: BaseException) -> str:
    if isinstance(exc, asyncio.TimeoutError | aiohttp.ServerTimeoutError):
        return "timeout"
    if isinstance(exc, aiohttp.ClientConnectorDNSError):
        return "dns"
    if isinstance(exc, aiohttp.ClientConnectorCertificateError | aiohttp.ClientSSLError):
        return "tls"
    if isinstance(exc, aiohttp.ClientConnectionError):
        return "connect"
    return "other"


def _retry_after(value: str | None) -> float | None:
    if value and value.strip().isdigit():
        return float(value.strip())
    return None


async def fetch_feed(
    session: aiohttp.ClientSession, feed: Feed, state: FeedState | None, settings: Settings
) -> FetchResult:
    """One conditional GET and parse; never raises for a bad feed, it returns an error outcome."""
    started = time.monotonic()
    headers = {
        "User-Agent": settings.user_agent,
        "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.8",
    }
    if state is not None and state.etag:
        headers["If-None-Match"] = state.etag
    elif state is not None and state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    try:
        timeout = aiohttp.ClientTimeout(
            total=settings.fetch_timeout, sock_connect=min(10, settings.fetch_timeout)
        )
        async with session.get(feed.url, headers=headers, timeout=timeout, max_redirects=5) as resp:
            if resp.status == 304:
                return FetchResult(
                    feed.url,
                    "not_modified",
                    304,
                    [],
                    etag=state.etag if state else None,
                    last_modified=state.last_modified if state else None,
                    seconds=time.monotonic() - started,
                )
            if resp.status >= 400:
                error_class = (
                    "http_429" if resp.status == 429 else ("http_5xx" if resp.status >= 500 else "http_4xx")
                )
                return FetchResult(
                    feed.url,
                    "error",
                    resp.status,
                    [],
                    error=f"HTTP {resp.status}",
                    error_class=error_class,
                    retry_after=_retry_after(resp.headers.get("Retry-After")),
                    seconds=time.monotonic() - started,
                )
            body = await resp.content.read(MAX_BODY + 1)
            if len(body) > MAX_BODY:
                return FetchResult(
                    feed.url,
                    "error",
                    resp.status,
                    [],
                    error=f"body over {MAX_BODY} bytes",
                    error_class="too_large",
                    seconds=time.monotonic() - started,
                )
            response_headers = {k.lower(): v for k, v in resp.headers.items()}
            response_headers.setdefault("content-location", str(resp.url))
            status = resp.status
    except (TimeoutError, aiohttp.ClientError) as exc:
        return FetchResult(
            feed.url,
            "error",
            None,
            [],
            error=f"{type(exc).__name__}: {exc}"[:300],
            error_class=_error_class(exc),
            seconds=time.monotonic() - started,
        )
    if not body.strip():
        return FetchResult(
            feed.url,
            "error",
            status,
            [],
            error="empty body",
            error_class="empty",
            seconds=time.monotonic() - started,
        )
    parsed = await asyncio.to_thread(feedparser.parse, body, response_headers=response_headers)
    entries = [f for f in (entry_fields(e) for e in parsed.entries) if f is not None]
    if parsed.bozo and not entries:
        reason = parsed.get("bozo_exception")
        return FetchResult(
            feed.url,
            "error",
            status,
            [],
            error=f"not a feed: {type(reason).__name__}: {reason}"[:300],
            error_class="parse",
            seconds=time.monotonic() - started,
        )
    return FetchResult(
        feed.url,
        "ok",
        status,
        entries,
        etag=response_headers.get("etag"),
        last_modified=response_headers.get("last-modified"),
        feed_title=(parsed.feed.get("title") or None),
        seconds=time.monotonic() - started,
    )


def new_articles(
    feed: Feed, result: FetchResult, state: FeedState | None, now: datetime
) -> tuple[list[ArticleRecord], FeedState]:
    """Records for entries not seen before or whose text changed, and the feed's next state."""
    seen = dict(state.seen) if state else {}
    revisions = dict(state.revisions) if state else {}
    outlet = feed.outlet or result.feed_title or feed.url
    records: list[ArticleRecord] = []
    current: dict[str, str] = {}
    for entry in result.entries:
        if entry.id in current:
            continue  # the same item twice in one document
        current[entry.id] = entry.fingerprint
        old = seen.get(entry.id)
        if old == entry.fingerprint:
            continue
        revision = 0 if old is None else revisions.get(entry.id, 0) + 1
        if revision:
            revisions[entry.id] = revision
        records.append(
            ArticleRecord(
                id=entry.id,
                revision=revision,
                url=entry.url,
                guid=entry.guid,
                feed_url=feed.url,
                outlet=outlet,
                title=entry.title,
                text=entry.text,
                published=entry.published,
                fetched_at=now,
                lang=feed.lang,
            )
        )
    # Remember the current document's ids and the most recent others, oldest forgotten first.
    older = [(k, v) for k, v in seen.items() if k not in current]
    keep = dict(older[-SEEN_LIMIT:])
    keep.update(current)
    new_state = FeedState(
        url=feed.url,
        etag=result.etag,
        last_modified=result.last_modified,
        seen=keep,
        revisions={k: v for k, v in revisions.items() if k in keep},
        failures=0,
        last_success=now,
        next_due=None,
    )
    return records, new_state


def failed_state(result: FetchResult, state: FeedState | None) -> FeedState:
    base = state or FeedState(url=result.url)
    return base.model_copy(update={"failures": base.failures + 1})


class StateStore:
    """Feed states in a compacted topic: read whole at start, one record per feed per poll."""

    def __init__(self, settings: Settings, producer: KafkaProducer) -> None:
        self.topic = FEED_STATE.full_name(settings.topic_prefix)
        self.settings = settings
        self.producer = producer

    def load(self) -> dict[str, FeedState]:
        consumer = KafkaConsumer(
            bootstrap_servers=self.settings.kafka_bootstrap.split(","),
            enable_auto_commit=False,
            group_id=None,
            consumer_timeout_ms=1000,
        )
        try:
            partitions = [
                TopicPartition(self.topic, p) for p in (consumer.partitions_for_topic(self.topic) or ())
            ]
            if not partitions:
                return {}
            consumer.assign(partitions)
            consumer.seek_to_beginning(*partitions)
            end = consumer.end_offsets(partitions)
            states: dict[str, FeedState] = {}
            while any(consumer.position(tp) < end[tp] for tp in partitions):
                for records in consumer.poll(timeout_ms=1000).values():
                    for record in records:
                        if record.value is None:
                            states.pop(record.key.decode("utf-8", "replace"), None)
                            continue
                        try:
                            state = decode(record.value, FeedState)
                        except Exception as exc:
                            log.warning("skipping unreadable feed state at offset %d: %s", record.offset, exc)
                            continue
                        states[state.url] = state
            return states
        finally:
            consumer.close()

    def save(self, state: FeedState) -> None:
        self.producer.send(self.topic, key=key(state.url), value=encode(state))


class Poller:
    """Polls every feed when due; produces new articles; records state after they are acked."""

    def __init__(
        self,
        settings: Settings,
        feeds: FeedList,
        metrics: Metrics,
        producer: KafkaProducer | None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.settings = settings
        self.feeds = feeds.feeds
        self.metrics = metrics
        self.producer = producer
        self.clock = clock
        self.policy = PollPolicy(min_interval=settings.poll_min_interval)
        self.states: dict[str, FeedState] = {}
        self.store = StateStore(settings, producer) if producer is not None else None
        self.topic = ARTICLES.full_name(settings.topic_prefix)
        self.rng = random.Random()
        self._stop = asyncio.Event()

    def stop(self) -> None:
        self._stop.set()

    async def run(self, once: bool = False, emit: Callable[[dict[str, Any]], None] | None = None) -> None:
        if self.store is not None:
            self.states = await asyncio.to_thread(self.store.load)
            log.info("loaded state of %d feeds", len(self.states))
        due = {f.url: (self.states[f.url].next_due if f.url in self.states else None) for f in self.feeds}
        limit = asyncio.Semaphore(self.settings.fetch_concurrency)
        connector = aiohttp.TCPConnector(
            limit=self.settings.fetch_concurrency, limit_per_host=4, ttl_dns_cache=300
        )
        async with aiohttp.ClientSession(connector=connector, auto_decompress=True) as session:
            while not self._stop.is_set():
                now = self.clock()
                # --once polls every feed now, whatever its schedule says.
                ready = [f for f in self.feeds if once or due[f.url] is None or due[f.url] <= now]  # type: ignore[operator]
                if ready:
                    results = await asyncio.gather(*(self._poll(session, limit, f, emit) for f in ready))
                    for feed, when in zip(ready, results, strict=True):
                        due[feed.url] = when
                if once:
                    return
                upcoming = min((d for d in due.values() if d is not None), default=None)
                wait = (
                    1.0
                    if upcoming is None
                    else max(0.05, min(1.0, (upcoming - self.clock()).total_seconds()))
                )
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stop.wait(), timeout=wait)

    async def _poll(
        self,
        session: aiohttp.ClientSession,
        limit: asyncio.Semaphore,
        feed: Feed,
        emit: Callable[[dict[str, Any]], None] | None,
    ) -> datetime:
        async with limit:
            state = self.states.get(feed.url)
            result = await fetch_feed(session, feed, state, self.settings)
        now = self.clock()
        self.metrics.feed_fetches.labels(result.outcome).inc()
        self.metrics.feed_fetch_seconds.labels(result.outcome).observe(result.seconds)
        interval = feed.interval or self.settings.poll_interval
        if result.outcome == "error":
            self.metrics.feed_errors.labels(result.error_class or "other").inc()
            new_state = failed_state(result, state)
            if new_state.failures == 1 or new_state.failures % 10 == 0:
                log.warning(
                    "feed %s failed (%d in a row): %s", feed.url, new_state.failures, untrusted(result.error)
                )
            records: list[ArticleRecord] = []
        elif result.outcome == "not_modified":
            base = state or FeedState(url=feed.url)
            new_state = base.model_copy(update={"failures": 0, "last_success": now})
            records = []
        else:
            records, new_state = new_articles(feed, result, state, now)
            if state is not None and state.failures:
                log.info("feed %s recovered after %d failures", feed.url, state.failures)
        when = next_poll(now, interval, new_state.failures, self.policy, self.rng, result.retry_after)
        new_state = new_state.model_copy(update={"next_due": when})
        if emit is not None:
            emit(
                {
                    "url": feed.url,
                    "outcome": result.outcome,
                    "status": result.status,
                    "entries": len(result.entries),
                    "error": result.error,
                }
            )
            for r in records:
                emit(
                    {
                        "feed": feed.url,
                        "id": r.id,
                        "title": r.title,
                        "link": r.url,
                        "published": r.published.isoformat() if r.published else None,
                    }
                )
        if self.producer is not None and self.store is not None:
            try:
                await asyncio.to_thread(self._publish, records, new_state)
            except KafkaError as exc:
                # Not acknowledged: keep the old state so the next poll sends these articles again.
                log.warning(
                    "feed %s: could not publish %d articles (%s); retrying in 10 s",
                    feed.url,
                    len(records),
                    type(exc).__name__,
                )
                return now + timedelta(seconds=10)
        for r in records:
            self.metrics.articles_published.labels("update" if r.revision else "new").inc()
        if records:
            log.info("feed %s: %d new or edited articles", feed.url, len(records))
        self.states[feed.url] = new_state
        return when

    def _publish(self, records: Iterable[ArticleRecord], state: FeedState) -> None:
        """Articles first, acknowledged; then the state that says they were sent."""
        assert self.producer is not None and self.store is not None
        futures = [self.producer.send(self.topic, key=key(r.id), value=encode(r)) for r in records]
        self.producer.flush()
        for future in futures:
            future.get(timeout=30)  # raises if the broker refused: state is then not advanced
        self.store.save(state)
        self.producer.flush()


def make_producer(settings: Settings) -> KafkaProducer:
    return KafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap.split(","),
        client_id=f"{settings.topic_prefix}-poller",
        acks="all",
        enable_idempotence=True,
        linger_ms=20,
        retries=2**31 - 1,
        max_in_flight_requests_per_connection=5,
        delivery_timeout_ms=120000,
    )


def run(
    settings: Settings, feeds: FeedList, metrics: Metrics, once: bool = False, dry_run: bool = False
) -> int:
    """Entry point of ``wirewatch poll``."""
    if dry_run:
        poller = Poller(settings, feeds, metrics, producer=None)
        asyncio.run(
            poller.run(once=True, emit=lambda row: print(json.dumps(row, ensure_ascii=False), flush=True))
        )
        return 0
    from wirewatch.topics.admin import ensure_topics

    ensure_topics(settings)
    producer = make_producer(settings)
    poller = Poller(settings, feeds, metrics, producer)

    async def main() -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, poller.stop)
        await poller.run(once=once)

    metrics.up.labels("poller").set(1)
    log.info("polling %d feeds into %s", len(feeds.feeds), poller.topic)
    try:
        asyncio.run(main())
    finally:
        producer.flush(timeout=10)
        producer.close(timeout=10)
        metrics.up.labels("poller").set(0)
    return 0
