"""Reading a compacted topic from its beginning to its current end: how workers get their memory back.

The poller's feed states, the alert router's decisions, the dispatcher's deliveries and the
silences all live on compacted topics; at start (or when partitions move) a worker reads them
whole. One record per key survives compaction; a ``None`` value is a deletion (tombstone).

``read_range`` reads a few records by offset: how the processor gets back records its stream
consumer skipped (see ``workers.skips``).
"""

from __future__ import annotations

import time
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from kafka import KafkaConsumer, TopicPartition

from wirewatch.config import Settings
from wirewatch.topics import TopicSpec
from wirewatch.topics.security import client_config


def read_compacted(
    settings: Settings, spec: TopicSpec, partitions: Collection[int] | None = None, client: str = "reader"
) -> Iterator[tuple[str, bytes | None, int]]:
    """(key, value, offset) of every record up to the end the topic has now (of ``partitions``, or all)."""
    topic = spec.full_name(settings.topic_prefix)
    consumer = KafkaConsumer(
        **client_config(settings),
        client_id=f"{settings.topic_prefix}-{client}",
        enable_auto_commit=False,
        group_id=None,
    )
    try:
        available = consumer.partitions_for_topic(topic) or set()
        chosen = [
            TopicPartition(topic, p) for p in sorted(available) if partitions is None or p in partitions
        ]
        if not chosen:
            return
        consumer.assign(chosen)
        consumer.seek_to_beginning(*chosen)
        end = consumer.end_offsets(chosen)
        while any(consumer.position(tp) < end[tp] for tp in chosen):
            for records in consumer.poll(timeout_ms=1000).values():
                for record in records:
                    yield (
                        (record.key.decode("utf-8", "replace") if record.key else ""),
                        record.value,
                        record.offset,
                    )
    finally:
        consumer.close()


@dataclass(frozen=True, slots=True)
class ConsumedRecord:
    """One record as a stage processes it, wherever it came from (the stream or ``read_range``)."""

    topic: str
    partition: int
    offset: int
    value: bytes | None
    timestamp: float | None  # seconds since the epoch, as the producer or the broker set it


def read_range(
    settings: Settings, topic: str, partition: int, start: int, stop: int, timeout_s: float = 30.0
) -> list[ConsumedRecord]:
    """The records at offsets ``start`` to ``stop - 1`` of one partition (fewer if retention
    removed some or ``timeout_s`` ran out)."""
    tp = TopicPartition(topic, partition)
    consumer = KafkaConsumer(
        **client_config(settings),
        client_id=f"{settings.topic_prefix}-range-reader",
        enable_auto_commit=False,
        group_id=None,
    )
    out: list[ConsumedRecord] = []
    try:
        consumer.assign([tp])
        consumer.seek(tp, start)
        deadline = time.monotonic() + timeout_s
        while consumer.position(tp) < stop and time.monotonic() < deadline:
            for record in consumer.poll(timeout_ms=500).get(tp, []):
                if start <= record.offset < stop:
                    stamp = record.timestamp / 1000 if record.timestamp is not None else None
                    out.append(ConsumedRecord(topic, partition, record.offset, record.value, stamp))
    finally:
        consumer.close()
    return out
