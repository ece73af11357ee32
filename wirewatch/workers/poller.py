"""``wirewatch poll``: the poller process. The work is in ``wirewatch.poller``; this wires it.

With Kafka: creates the topics, publishes the feed list to the feeds topic, joins the pollers'
consumer group (``poller_scale_out``) and polls the feeds of the partitions it holds, reading
their saved state first; follows surge requests; produces articles, feed-health events and
feed states. ``--once`` polls every feed of the list once; ``--dry-run`` does that without
Kafka and prints one JSON line per feed and per new entry, the entries in the analyze input
format (``--entries-only``: the entries alone, to pipe into ``wirewatch analyze -``).
"""

from __future__ import annotations

import asyncio
import json
import logging
import signal
from collections.abc import Collection
from typing import Any

from kafka import KafkaProducer

from wirewatch.config import Settings
from wirewatch.feedlist import FeedList
from wirewatch.health.readiness import Readiness, keep_beating
from wirewatch.logs import for_terminal
from wirewatch.metrics import Metrics
from wirewatch.poller.articles import new_articles
from wirewatch.poller.assignment import FeedSource, GroupFeeds, StaticFeeds, publish_feed_list
from wirewatch.poller.fetch import Fetcher
from wirewatch.poller.loop import Poller, PollResult
from wirewatch.poller.sinks import KafkaSink, MemorySink
from wirewatch.poller.state import load_states
from wirewatch.poller.surges import SurgeBoard, SurgeReader
from wirewatch.topics import FEEDS
from wirewatch.topics.records import FeedState
from wirewatch.topics.security import client_config

__all__ = [
    "Fetcher",
    "MemorySink",
    "PollResult",
    "Poller",
    "make_producer",
    "new_articles",
    "run",
]

log = logging.getLogger("wirewatch.poller")


def make_producer(settings: Settings) -> KafkaProducer:
    return KafkaProducer(
        **client_config(settings),
        client_id=f"{settings.topic_prefix}-poller",
        acks="all",
        enable_idempotence=True,
        linger_ms=20,
        retries=2**31 - 1,
        max_in_flight_requests_per_connection=5,
        delivery_timeout_ms=120000,
    )


def kafka_poller(
    settings: Settings, source: FeedSource, metrics: Metrics, producer: KafkaProducer, surges: SurgeBoard
) -> Poller:
    def states(partitions: frozenset[int] | None, urls: Collection[str]) -> dict[str, FeedState]:
        return load_states(settings, partitions, frozenset(urls))

    return Poller(settings, source, metrics, KafkaSink(settings, producer), load_states=states, surges=surges)


def _dry_run(settings: Settings, feeds: FeedList, metrics: Metrics, entries_only: bool) -> int:
    """Poll every feed once without Kafka and print a JSON line per feed (``outcome``) and per new
    entry (the analyze input). A reader that leaves (``| head``) ends the printing, not the polls
    already started; then ``BrokenPipeError`` tells the command line to stop quietly."""
    poller = Poller(settings, StaticFeeds(feeds.feeds), metrics, sink=None)
    reader_left = False

    def show(row: dict[str, Any]) -> None:
        nonlocal reader_left
        if reader_left or (entries_only and "outcome" in row):
            return
        try:
            print(for_terminal(json.dumps(row, ensure_ascii=False)), flush=True)
        except BrokenPipeError:
            reader_left = True

    asyncio.run(poller.run(once=True, emit=show))
    if reader_left:
        raise BrokenPipeError
    return 0


def run(
    settings: Settings,
    feeds: FeedList,
    metrics: Metrics,
    once: bool = False,
    dry_run: bool = False,
    health: Readiness | None = None,
    entries_only: bool = False,
) -> int:
    """Entry point of ``wirewatch poll``."""
    if dry_run:
        return _dry_run(settings, feeds, metrics, entries_only)
    from wirewatch.topics.admin import ensure_topics

    ensure_topics(settings, worker="poller")
    producer = make_producer(settings)
    board = SurgeBoard()
    source: FeedSource
    reader: SurgeReader | None = None
    if once or not settings.poller_scale_out:
        source = StaticFeeds(feeds.feeds)
    else:
        publish_feed_list(settings, producer, feeds.feeds)
        source = GroupFeeds(settings).start()
        reader = SurgeReader(settings, board).start()
    poller = kafka_poller(settings, source, metrics, producer, board)

    async def main() -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, poller.stop)
        beating = None
        if health is not None:
            feeds_topic = FEEDS.full_name(settings.topic_prefix)

            def held() -> list[tuple[str, int]] | None:
                partitions = source.snapshot()[2]
                return None if partitions is None else [(feeds_topic, p) for p in partitions]

            beating = asyncio.create_task(keep_beating(health, held=held))
        try:
            await poller.run(once=once)
        finally:
            if beating is not None:
                beating.cancel()

    metrics.up.labels("poller").set(1)
    log.info("polling %d listed feeds (%s)", len(feeds.feeds), "shared by group" if reader else "all of them")
    try:
        asyncio.run(main())
    finally:
        source.stop()
        if reader is not None:
            reader.stop()
        producer.flush(timeout=10)
        producer.close(timeout=10)
        metrics.up.labels("poller").set(0)
    return 0
