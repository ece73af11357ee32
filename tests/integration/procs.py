"""Running wirewatch workers as real processes in tests, reading their /metrics, and reading
what they wrote to their topics: the one process harness and the one topic reader of the tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import TypeVar

from prometheus_client.parser import text_string_to_metric_families
from pydantic import BaseModel

from wirewatch.commands import settings_env
from wirewatch.config import Settings
from wirewatch.topics import TopicSpec
from wirewatch.topics.codec import decode
from wirewatch.topics.reader import read_compacted

R = TypeVar("R", bound=BaseModel)


def worker_env(settings: Settings, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIREWATCH_")}
    env.update(settings_env(settings))
    env.update(extra)
    return env


class Worker:
    """A worker process (``wirewatch <args>``) with its output in ``logdir``: one file for stdout
    and stderr, or two (``split``) when a test reads the log lines (stderr) apart from the rest."""

    def __init__(
        self, name: str, args: list[str], env: dict[str, str], logdir: Path, split: bool = False
    ) -> None:
        self.name = name
        self.log = logdir / f"{name}.log"
        self.err_log = logdir / f"{name}.err" if split else self.log
        self._handles = [self.log.open("wb")]
        if split:
            self._handles.append(self.err_log.open("wb"))
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "wirewatch.cli", *args],
            env=env,
            stdout=self._handles[0],
            stderr=self._handles[-1] if split else subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )

    def output(self) -> str:
        """What the process wrote to stdout (and to stderr, unless ``split``)."""
        return self.log.read_text("utf-8", "replace")

    def stderr(self) -> str:
        """What the process wrote to stderr: its log lines."""
        return self.err_log.read_text("utf-8", "replace")

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self, timeout: float = 30) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self._close()
        return self.proc.returncode

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        self._close()

    def _close(self) -> None:
        for handle in self._handles:
            handle.close()


def scrape(port: int) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Samples of a /metrics endpoint: {(name, sorted labels): value}; empty if it does not answer."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=2) as resp:
            text = resp.read().decode()
    except OSError:
        return {}
    out = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            out[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return out


def metric(samples: dict, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def read_topic(settings: Settings, spec: TopicSpec, model: type[R]) -> list[R]:
    """Every record a topic holds now (all partitions, up to their current end), decoded;
    tombstones left out. Reads to the end offsets, so it never waits on a timeout."""
    return [decode(value, model) for _, value, _ in read_compacted(settings, spec) if value is not None]


def latest_by_key(settings: Settings, spec: TopicSpec, model: type[R]) -> dict[str, R]:
    """The last record per key a topic holds now, as a compacted topic keeps it (a tombstone deletes)."""
    latest: dict[str, R] = {}
    for key, value, _ in read_compacted(settings, spec):
        if value is None:
            latest.pop(key, None)
        else:
            latest[key] = decode(value, model)
    return latest


def wait_until(predicate, timeout: float, interval: float = 0.25, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
