"""Reading a compacted topic from its beginning to its current end: how workers get their memory back.

The poller's feed states, the alert router's decisions, the dispatcher's deliveries and the
silences all live on compacted topics; at start (or when partitions move) a worker reads them
whole. One record per key survives compaction; a ``None`` value is a deletion (tombstone).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from kafka import KafkaConsumer, TopicPartition

from wirewatch.config import Settings
from wirewatch.topics import TopicSpec


def read_compacted(
    settings: Settings, spec: TopicSpec, partitions: Collection[int] | None = None, client: str = "reader"
) -> Iterator[tuple[str, bytes | None, int]]:
    """(key, value, offset) of every record up to the end the topic has now (of ``partitions``, or all)."""
    topic = spec.full_name(settings.topic_prefix)
    consumer = KafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap.split(","),
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
