"""Which feeds this poller owns: all of its list, or its share of the feeds topic.

``StaticFeeds`` is a fixed list (``--once``, ``--dry-run``, scale-out off). ``GroupFeeds`` is
scale-out: each poller publishes its feed list to the compacted feeds topic and joins one
consumer group on it; Kafka gives each member some partitions, and a poller polls the feeds in
the partitions it holds. When a member stops (or dies and misses its heartbeats) the group
rebalances and its partitions, so its feeds, go to the survivors. Offsets are never committed:
a member reads its partitions from the start on every assignment, so it sees the whole list.
A background thread runs the consumer (kafka-python is blocking); the poller's loop reads
``snapshot()``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from typing import Protocol, Self

from kafka import ConsumerRebalanceListener, KafkaConsumer, KafkaProducer, TopicPartition

from wirewatch.background import Background
from wirewatch.config import Settings
from wirewatch.errors import BadRecord
from wirewatch.feedlist import Feed
from wirewatch.topics import FEEDS
from wirewatch.topics.codec import decode, encode, key
from wirewatch.topics.groups import POLLER, group_id
from wirewatch.topics.reader import read_compacted
from wirewatch.topics.records import FeedRecord
from wirewatch.topics.security import client_config

log = logging.getLogger("wirewatch.poller")


def feed_record(feed: Feed) -> FeedRecord:
    return FeedRecord.model_validate(feed.model_dump())  # the same fields, as a topic record


class FeedSource(Protocol):
    def snapshot(self) -> tuple[int, dict[str, FeedRecord], frozenset[int] | None]:
        """(generation, feeds owned, partitions held or None when not partitioned)."""
        ...

    def stop(self) -> None: ...


class StaticFeeds:
    def __init__(self, feeds: Iterable[Feed]) -> None:
        self._feeds = {f.url: feed_record(f) for f in feeds}

    def snapshot(self) -> tuple[int, dict[str, FeedRecord], frozenset[int] | None]:
        return 0, self._feeds, None

    def stop(self) -> None:
        return


def publish_feed_list(settings: Settings, producer: KafkaProducer, feeds: Iterable[Feed]) -> tuple[int, int]:
    """Make the feeds topic say what the list says: upsert every listed feed and delete (with a
    tombstone) every feed the topic still holds that the list no longer has. Returns (listed,
    withdrawn). Publishing the same list again changes nothing; the last list published wins,
    so every poller of a deployment is meant to run with the same file."""
    topic = FEEDS.full_name(settings.topic_prefix)
    listed = {feed.url: feed for feed in feeds}
    held: dict[str, bool] = {}  # url -> still listed on the topic (False: already deleted)
    for url, value, _ in read_compacted(settings, FEEDS, client="feed-list"):
        held[url] = value is not None
    withdrawn = sorted(url for url, live in held.items() if live and url not in listed)
    for feed in listed.values():
        producer.send(topic, key=key(feed.url), value=encode(feed_record(feed)))
    for url in withdrawn:
        producer.send(topic, key=key(url), value=None)
    producer.flush()
    if withdrawn:
        log.info("feed list: %d feeds withdrawn (no longer listed)", len(withdrawn))
    return len(listed), len(withdrawn)


class _Listener(ConsumerRebalanceListener):  # type: ignore[misc]
    def __init__(self, owner: GroupFeeds) -> None:
        self.owner = owner

    def on_partitions_revoked(self, revoked: list[TopicPartition]) -> None:
        self.owner._revoked({tp.partition for tp in revoked})

    def on_partitions_assigned(self, assigned: list[TopicPartition]) -> None:
        self.owner._assigned({tp.partition for tp in assigned})
        if assigned:
            self.owner.consumer.seek_to_beginning(*assigned)


class GroupFeeds(Background):
    """This poller's share of the feeds topic, kept current by a consumer-group member."""

    def __init__(self, settings: Settings, session_timeout_ms: int = 10000) -> None:
        self.topic = FEEDS.full_name(settings.topic_prefix)
        self.consumer = KafkaConsumer(
            **client_config(settings),
            group_id=group_id(settings.topic_prefix, POLLER),
            client_id=f"{settings.topic_prefix}-poller",
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            session_timeout_ms=session_timeout_ms,
            heartbeat_interval_ms=max(1000, session_timeout_ms // 4),
            group_instance_id=settings.instance_id,
        )
        self._lock = threading.Lock()
        self._by_partition: dict[int, dict[str, FeedRecord]] = {}
        self._held: frozenset[int] = frozenset()
        self._generation = 0
        super().__init__("poller-assignment")

    def start(self) -> Self:
        self.consumer.subscribe([self.topic], listener=_Listener(self))
        return super().start()

    def snapshot(self) -> tuple[int, dict[str, FeedRecord], frozenset[int] | None]:
        with self._lock:
            feeds: dict[str, FeedRecord] = {}
            for p in self._held:
                feeds.update(self._by_partition.get(p, {}))
            return self._generation, feeds, self._held

    def _revoked(self, partitions: set[int]) -> None:
        # Kafka's eager rebalance revokes everything and then assigns again, usually the same
        # partitions: keep polling until the new assignment says what is gone, rather than
        # dropping every feed for the length of a rebalance.
        log.debug("feed partitions %s revoked; waiting for the new assignment", sorted(partitions))

    def _assigned(self, partitions: set[int]) -> None:
        with self._lock:
            self._held = frozenset(partitions)
            for p in list(self._by_partition):
                if p not in partitions:
                    del self._by_partition[p]
            self._generation += 1
        log.info("holding feed partitions %s", sorted(partitions))

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                try:
                    batch = self.consumer.poll(timeout_ms=500)
                except Exception as exc:  # a broker hiccup must not end the assignment thread
                    log.warning("feed assignment: %s; retrying", type(exc).__name__)
                    self._stop.wait(2)
                    continue
                if not batch:
                    continue
                with self._lock:
                    for tp, records in batch.items():
                        if tp.partition not in self._held:
                            continue
                        table = self._by_partition.setdefault(tp.partition, {})
                        for record in records:
                            url = record.key.decode("utf-8", "replace") if record.key else ""
                            if record.value is None:
                                table.pop(url, None)
                                continue
                            try:
                                table[url] = decode(record.value, FeedRecord)
                            except BadRecord as exc:
                                log.warning("skipping unreadable feed record: %s", exc)
                    self._generation += 1
        finally:
            self.consumer.close()
