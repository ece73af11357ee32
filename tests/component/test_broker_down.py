"""An unreachable broker: one-shot commands give up after a stated time, workers keep trying.

No Kafka: the broker address is a closed local port, which refuses connections at once.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from wirewatch.config import load_settings
from wirewatch.errors import BrokerUnavailable
from wirewatch.testing.ports import free_port
from wirewatch.topics.admin import connect_admin


def wirewatch(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("WIREWATCH_")}
    return subprocess.run(
        [sys.executable, "-m", "wirewatch.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**clean, **env},
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["topics"],
        ["silence", "list"],
        ["silence", "add", "--entry", "anbar", "--for", "2h"],
        ["silence", "remove", "s-0123456789"],
        ["surge", "list"],
        ["surge", "start", "IQ", "--every", "1m", "--for", "2h"],
        ["surge", "stop", "IQ"],
    ],
    ids=" ".join,
)
def test_a_one_shot_command_gives_up_with_one_line_and_exit_2(argv: list[str]) -> None:
    bootstrap = f"127.0.0.1:{free_port()}"
    result = wirewatch(*argv, WIREWATCH_KAFKA_BOOTSTRAP=bootstrap, WIREWATCH_BROKER_COMMAND_TIMEOUT="1")
    assert result.returncode == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"wirewatch: Kafka at {bootstrap} unreachable after ")
    assert "(limit 1 s, KafkaConnectionError)" in line


def test_poll_once_is_a_one_shot_command_too(tmp_path) -> None:
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text("feeds:\n  - url: https://news.example.org/rss\n", encoding="utf-8")
    bootstrap = f"127.0.0.1:{free_port()}"
    result = wirewatch(
        "poll",
        "--once",
        "--metrics-port",
        "0",
        "--bootstrap",
        bootstrap,
        str(feeds),
        WIREWATCH_BROKER_COMMAND_TIMEOUT="1",
    )
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"wirewatch: Kafka at {bootstrap} unreachable after ")


def test_the_default_time_is_10_seconds_and_the_line_says_so() -> None:
    bootstrap = f"127.0.0.1:{free_port()}"
    result = wirewatch("topics", "--bootstrap", bootstrap)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert f"Kafka at {bootstrap} unreachable" in line and "(limit 10 s, " in line


class FakeTime:
    """A clock that moves only when something sleeps."""

    def __init__(self, stop_after: int | None = None) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []
        self.stop_after = stop_after

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        if self.stop_after is not None and len(self.sleeps) >= self.stop_after:
            raise KeyboardInterrupt  # the test has seen enough retries

    def clock(self) -> float:
        return self.now


def test_connect_gives_up_before_the_limit_would_pass(clean_env: None) -> None:
    settings = load_settings(kafka_bootstrap=f"127.0.0.1:{free_port()}", broker_give_up_after=10)
    fake = FakeTime()
    with pytest.raises(BrokerUnavailable, match=r"unreachable after 4 attempts in 7 s \(limit 10 s"):
        connect_admin(settings, sleep=fake.sleep, clock=fake.clock)
    assert fake.sleeps == [1, 2, 4]


def test_a_worker_keeps_retrying_with_capped_backoff(clean_env: None) -> None:
    settings = load_settings(
        kafka_bootstrap=f"127.0.0.1:{free_port()}", broker_give_up_after=0, broker_retry_max=30
    )
    fake = FakeTime(stop_after=12)
    with pytest.raises(KeyboardInterrupt):
        connect_admin(settings, sleep=fake.sleep, clock=fake.clock)
    assert fake.sleeps == [1, 2, 4, 8, 16, *[30] * 7]  # more than four minutes and still trying
