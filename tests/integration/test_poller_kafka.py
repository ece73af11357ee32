"""The poller on a real broker: each entry produced once, state survives a restart."""

import asyncio
from datetime import UTC, datetime

import pytest
from kafka import KafkaConsumer

from wirewatch.feedlist import Feed, FeedList
from wirewatch.metrics import Metrics
from wirewatch.testing.feeds import Item, rss
from wirewatch.testing.receivers import FeedServer
from wirewatch.topics import ARTICLES
from wirewatch.topics.admin import ensure_topics
from wirewatch.topics.codec import decode
from wirewatch.topics.records import ArticleRecord
from wirewatch.workers.poller import Poller, make_producer

pytestmark = pytest.mark.broker
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def read_articles(settings) -> list[ArticleRecord]:
    consumer = KafkaConsumer(
        ARTICLES.full_name(settings.topic_prefix),
        bootstrap_servers=settings.kafka_bootstrap,
        auto_offset_reset="earliest",
        consumer_timeout_ms=3000,
        group_id=None,
    )
    try:
        return [decode(m.value, ArticleRecord) for m in consumer]
    finally:
        consumer.close()


def poll_once(settings, feeds: FeedList) -> None:
    producer = make_producer(settings)
    try:
        asyncio.run(Poller(settings, feeds, Metrics.create(), producer).run(once=True))
    finally:
        producer.close()


def test_each_entry_once_across_restarts_and_edits_as_revisions(settings) -> None:
    ensure_topics(settings)
    server = FeedServer().start()
    try:
        items = [Item(f"Story {i}", f"https://example.org/{i}", f"Body {i}", NOW) for i in range(3)]
        server.put("/rss.xml", rss("Wire", "https://example.org", items))
        feeds = FeedList(feeds=(Feed(url=server.url("/rss.xml"), outlet="Wire", lang="en"),))

        poll_once(settings, feeds)
        first = read_articles(settings)
        assert sorted(r.title for r in first) == ["Story 0", "Story 1", "Story 2"]
        assert {r.outlet for r in first} == {"Wire"} and {r.revision for r in first} == {0}

        poll_once(settings, feeds)  # a new poller process: state comes back from the compacted topic
        assert len(read_articles(settings)) == 3
        assert server.requests[-1][1].get("If-None-Match")  # it sent back the validator it had stored

        items[2] = Item("Story 2", "https://example.org/2", "Body 2, updated: three wounded", NOW)
        server.put(
            "/rss.xml",
            rss(
                "Wire",
                "https://example.org",
                [*items, Item("Story 3", "https://example.org/3", "Body 3", NOW)],
            ),
        )
        poll_once(settings, feeds)
        after = read_articles(settings)
        assert len(after) == 5
        edited = [r for r in after if r.revision == 1]
        assert [r.title for r in edited] == ["Story 2"]
        assert edited[0].id == next(r.id for r in first if r.title == "Story 2")
    finally:
        server.stop()
