"""A broker outage is visible: one WARNING when it starts, one INFO with its length when it ends,
and readiness false while it lasts (issue 12: "an invisible outage").

The session's broker serves every other test, so this module starts a broker of its own,
SIGKILLs it and starts it again on the same data. A worker's broker watch (the thread every
worker runs) checks it twice a second.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import LocalKafka, make_settings
from tests.integration.procs import wait_until
from wirewatch.health.lag import BrokerWatch
from wirewatch.health.readiness import Readiness
from wirewatch.metrics import Metrics

# kafka-python 3.0 does not close the socket of a refused connection (kafka/net/inet.py,
# create_connection): it warns when collected. The test keeps the client's log records out of
# caplog (they hold the sockets through their exceptions) and collects them before it ends.
pytestmark = [pytest.mark.broker, pytest.mark.filterwarnings("ignore::ResourceWarning")]


def ours(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """wirewatch's lines (the Kafka client logs its own reconnects)."""
    return [r for r in caplog.records if r.name == "wirewatch.health"]


@pytest.fixture
def broker(tmp_path: Path) -> Iterator[LocalKafka]:
    kafka = LocalKafka(tmp_path / "kafka")
    kafka.start(timeout=240)
    try:
        yield kafka
    finally:
        kafka.stop()


def test_an_outage_logs_a_warning_then_an_info_with_its_length_and_flips_readiness(
    broker: LocalKafka, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="wirewatch.health")
    kafka_log = logging.getLogger("kafka")
    kafka_level = kafka_log.level
    kafka_log.setLevel(logging.CRITICAL)
    settings = make_settings(broker, "outage", tmp_path)
    health = Readiness("alerter", checks=("broker",))
    watch = BrokerWatch(settings, health, Metrics.create(), (), interval=0.5)
    watch.start()
    try:
        wait_until(lambda: health.ready().ok, 120, interval=0.1, what="the first answer")

        broker.kill()
        wait_until(lambda: not health.ready().ok, 120, interval=0.1, what="readiness false")
        wait_until(
            lambda: any(r.levelname == "WARNING" for r in ours(caplog)), 120, interval=0.1, what="the warning"
        )
        assert health.ready().checks["broker"].startswith("unreachable (")

        broker.start(timeout=240)
        wait_until(lambda: health.ready().ok, 120, interval=0.1, what="readiness back")
        wait_until(
            lambda: any(r.levelname == "INFO" for r in ours(caplog)), 120, interval=0.1, what="the info line"
        )
    finally:
        watch.stop()
        kafka_log.setLevel(kafka_level)
        gc.collect()  # the client's refused sockets, while this test's filter holds

    warned = [r.getMessage() for r in ours(caplog) if r.levelname == "WARNING"]
    infos = [r.getMessage() for r in ours(caplog) if r.levelname == "INFO"]
    assert len(warned) == 1 and warned[0].startswith("alerter lost the broker (")
    assert len(infos) == 1 and infos[0].startswith("alerter has the broker back after an outage of ")
    seconds = float(infos[0].rsplit(" of ", 1)[1].removesuffix(" s"))
    assert seconds >= 1  # the restart alone takes seconds: the length is measured, not a constant
