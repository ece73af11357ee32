"""Shared fixtures: the real Kafka broker for the session, unique topic prefixes, settings, the clock.

The broker is started once per test session from the pinned jars (deploy/kafka/launcher.py) on
free ports in a temporary folder. A test that needs it fails if it cannot start: it never skips.

``--frozen-date`` and ``--frozen-tz`` (plugin ``tests/frozen_date.py``) run every test on another date.
"""

from __future__ import annotations

import itertools
import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "deploy" / "kafka"))

from launcher import LocalKafka  # noqa: E402

from wirewatch.config import Settings, load_settings  # noqa: E402

_counter = itertools.count()
pytest_plugins = ["pytester", "tests.frozen_date"]


@pytest.fixture(scope="session")
def kafka(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalKafka]:
    broker = LocalKafka(tmp_path_factory.mktemp("kafka"))
    broker.start(timeout=240)
    try:
        yield broker
    finally:
        broker.stop()


@pytest.fixture
def topic_prefix() -> str:
    return f"t{next(_counter)}-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def settings(kafka: LocalKafka, topic_prefix: str, tmp_path: Path) -> Settings:
    return make_settings(kafka, topic_prefix, tmp_path)


def make_settings(kafka: LocalKafka, topic_prefix: str, tmp_path: Path, **extra: Any) -> Settings:
    values: dict[str, Any] = {
        "kafka_bootstrap": kafka.bootstrap,
        "topic_prefix": topic_prefix,
        "partitions": 3,
        "data_dir": tmp_path / "data",
        "poller_metrics_port": 0,
        "processor_metrics_port": 0,
        "alerter_metrics_port": 0,
        "poll_min_interval": 0.5,
        "broker_give_up_after": 60,
    }
    values.update(extra)
    return load_settings(**values)


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("WIREWATCH_"):
            monkeypatch.delenv(name)
