"""Feed states in the compacted feed-state topic: read back at start and when feeds move here.

The state topic is keyed by feed URL like the feeds topic, so with equal partition counts a
feed's state lives in the partition of the same number as the feed: a poller given partition 3
of the feeds reads partition 3 of the states, not the whole topic.
"""

from __future__ import annotations

import logging
from collections.abc import Collection

from kafka import KafkaConsumer, TopicPartition

from wirewatch.config import Settings
from wirewatch.errors import BadRecord
from wirewatch.topics import FEED_STATE
from wirewatch.topics.codec import decode
from wirewatch.topics.records import FeedState

log = logging.getLogger("wirewatch.poller")


def load_states(
    settings: Settings, partitions: Collection[int] | None = None, urls: Collection[str] | None = None
) -> dict[str, FeedState]:
    """The latest state of each feed (of ``urls``, from ``partitions``; None: all)."""
    topic = FEED_STATE.full_name(settings.topic_prefix)
    consumer = KafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap.split(","),
        client_id=f"{settings.topic_prefix}-poller-state",
        enable_auto_commit=False,
        group_id=None,
    )
    try:
        available = consumer.partitions_for_topic(topic) or set()
        chosen = [
            TopicPartition(topic, p) for p in sorted(available) if partitions is None or p in partitions
        ]
        if not chosen:
            return {}
        consumer.assign(chosen)
        consumer.seek_to_beginning(*chosen)
        end = consumer.end_offsets(chosen)
        states: dict[str, FeedState] = {}
        while any(consumer.position(tp) < end[tp] for tp in chosen):
            for records in consumer.poll(timeout_ms=1000).values():
                for record in records:
                    url = record.key.decode("utf-8", "replace") if record.key else ""
                    if urls is not None and url not in urls:
                        continue
                    if record.value is None:
                        states.pop(url, None)
                        continue
                    try:
                        state = decode(record.value, FeedState)
                    except BadRecord as exc:
                        log.warning("skipping unreadable feed state at offset %d: %s", record.offset, exc)
                        continue
                    states[state.url] = state
        return states
    finally:
        consumer.close()
