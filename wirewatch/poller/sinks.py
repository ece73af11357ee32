"""Where the poller's output goes: Kafka, a list in memory (tests, benchmark), or nowhere.

Every sink publishes one poll's output in one call and says whether it was acknowledged. The
Kafka sink sends the articles and health events first and waits for the broker to acknowledge
them; only then does it send the feed's state, so a crash in between re-sends articles (the
processor's state is idempotent) but never loses one.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any, Protocol

from kafka import KafkaProducer
from kafka.errors import KafkaError, MessageSizeTooLargeError, RecordListTooLargeError

from wirewatch.config import Settings
from wirewatch.logs import mask_credentials
from wirewatch.topics import ARTICLES, FEED_HEALTH, FEED_STATE
from wirewatch.topics.codec import encode, key
from wirewatch.topics.records import ArticleRecord, FeedHealthEvent, FeedState

log = logging.getLogger("wirewatch.poller")


class Sink(Protocol):
    async def publish(
        self, articles: list[ArticleRecord], events: list[FeedHealthEvent], state: FeedState | None
    ) -> bool:
        """True once everything is acknowledged; ``state`` None: nothing to remember."""
        ...


@dataclass
class MemorySink:
    """Keeps everything in lists: the in-memory twin of Kafka."""

    articles: list[ArticleRecord] = field(default_factory=list)
    events: list[FeedHealthEvent] = field(default_factory=list)
    states: dict[str, FeedState] = field(default_factory=dict)
    refuse: bool = False  # answer as a broker that refuses everything

    async def publish(
        self, articles: list[ArticleRecord], events: list[FeedHealthEvent], state: FeedState | None
    ) -> bool:
        if self.refuse:
            return False
        self.articles.extend(articles)
        self.events.extend(events)
        if state is not None:
            self.states[state.url] = state
        return True


class KafkaSink:
    def __init__(self, settings: Settings, producer: KafkaProducer) -> None:
        self.producer = producer
        self.articles_topic = ARTICLES.full_name(settings.topic_prefix)
        self.health_topic = FEED_HEALTH.full_name(settings.topic_prefix)
        self.state_topic = FEED_STATE.full_name(settings.topic_prefix)

    async def publish(
        self, articles: list[ArticleRecord], events: list[FeedHealthEvent], state: FeedState | None
    ) -> bool:
        try:
            if articles or events:
                await asyncio.to_thread(self._send_acked, articles, events)
            if state is not None:
                # Sent without waiting: the state only says what was already acknowledged.
                self.producer.send(self.state_topic, key=key(state.url), value=encode(state))
        except KafkaError as exc:
            log.warning("Kafka refused the poller's output (%s)", type(exc).__name__)
            return False
        return True

    def _send_acked(self, articles: list[ArticleRecord], events: list[FeedHealthEvent]) -> None:
        sent = [(r.feed_url, self._send(self.articles_topic, r.id, encode(r))) for r in articles]
        sent += [(e.feed_url, self._send(self.health_topic, e.feed_url, encode(e))) for e in events]
        self.producer.flush()
        for feed, future in sent:
            try:
                refused = future is None
                if not refused:
                    future.get(timeout=30)  # raises if the broker refused: the state is then not advanced
            except _TOO_LARGE:
                refused = True
            if refused:
                # A record Kafka will never take: named and skipped, so that the feed's other items
                # are not sent again and again behind it (the poller cuts fields to their limits
                # first, see topics.records.MAX_TEXT; this is the last guard).
                shown = mask_credentials(feed)
                log.error(
                    "Kafka refused a record of feed %s as too large; skipped",
                    shown,
                    extra={"feed": shown, "outcome": "record_too_large"},
                )

    def _send(self, topic: str, record_key: str, value: bytes) -> Any:
        """The send's future, or ``None`` when the client refuses the record before sending it."""
        try:
            return self.producer.send(topic, key=key(record_key), value=value)
        except _TOO_LARGE:
            return None


_TOO_LARGE = (MessageSizeTooLargeError, RecordListTooLargeError)
