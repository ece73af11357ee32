"""Topics are created once with their settings, and creation is idempotent."""

import subprocess
import sys

import pytest
from kafka import KafkaAdminClient
from kafka.admin import ConfigResource, ConfigResourceType

from wirewatch.topics import ALL, FEED_STATE
from wirewatch.topics.admin import ensure_topics

pytestmark = pytest.mark.broker


def test_topics_are_created_once_with_their_configs(settings) -> None:
    created = ensure_topics(settings)
    assert sorted(created) == sorted(spec.full_name(settings.topic_prefix) for spec in ALL)
    assert ensure_topics(settings) == []  # second start: nothing to do
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap)
    try:
        name = FEED_STATE.full_name(settings.topic_prefix)
        described = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, name)])
        text = repr(described)
        assert "cleanup.policy" in text and "compact" in text
        meta = admin.describe_topics([name])
        assert len(meta[0]["partitions"]) == settings.partitions
    finally:
        admin.close()


def test_unreachable_broker_is_one_clear_error(clean_env, tmp_path) -> None:
    from wirewatch.testing.ports import free_port

    port = free_port()
    env = {
        "WIREWATCH_KAFKA_BOOTSTRAP": f"127.0.0.1:{port}",
        "WIREWATCH_BROKER_GIVE_UP_AFTER": "4",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "-m", "wirewatch.cli", "topics"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert f"Kafka at 127.0.0.1:{port} unreachable" in result.stderr
    assert "Traceback" not in result.stderr
    retries = [line for line in result.stderr.splitlines() if "retrying in" in line]
    assert 1 <= len(retries) <= 4  # one line per attempt, with backoff, not a flood


def test_read_range_reads_exactly_the_offsets_asked_for(settings) -> None:
    from kafka import KafkaProducer

    from wirewatch.topics import ARTICLES
    from wirewatch.topics.reader import read_range

    ensure_topics(settings)
    topic = ARTICLES.full_name(settings.topic_prefix)
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all")
    for i in range(6):
        producer.send(
            topic, key=b"k", value=f"record {i}".encode(), partition=1, timestamp_ms=1_790_000_000_000 + i
        )
    producer.flush()
    producer.close()

    got = read_range(settings, topic, 1, 2, 5)
    assert [(r.offset, r.value) for r in got] == [(2, b"record 2"), (3, b"record 3"), (4, b"record 4")]
    assert got[0].timestamp == 1_790_000_000.002 and {r.partition for r in got} == {1}
    assert read_range(settings, topic, 1, 6, 7, timeout_s=1) == []  # nothing there yet
