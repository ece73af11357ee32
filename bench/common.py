"""What the Kafka benchmarks share: a broker and worker processes that are stopped whatever happens."""

from __future__ import annotations

import contextlib
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "deploy" / "kafka"))

from launcher import LocalKafka  # noqa: E402


def stop_process(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            process.kill()


def start_broker(cleanup: contextlib.ExitStack, prefix: str) -> tuple[LocalKafka, Path]:
    """A fresh broker in a temporary folder, stopped when ``cleanup`` closes."""
    work = Path(tempfile.mkdtemp(prefix=prefix))
    broker = LocalKafka(work / "kafka")
    print(f"starting Kafka in {work} …", flush=True)
    broker.start()
    cleanup.callback(broker.stop)
    return broker, work


def create_topics(env: dict[str, str]) -> None:
    """wirewatch's topics on the broker ``env`` names (``wirewatch topics``)."""
    subprocess.run(
        [sys.executable, "-m", "wirewatch.cli", "topics"], env=env, check=True, capture_output=True
    )


def latency_summary(values_ms: list[float]) -> dict[str, float | None]:
    """p50, p95, p99 and max of latencies in milliseconds (nearest rank), rounded to 0.1 ms."""
    ordered = sorted(values_ms)

    def pct(q: float) -> float | None:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1) if ordered else None

    return {"p50_ms": pct(0.50), "p95_ms": pct(0.95), "p99_ms": pct(0.99), "max_ms": pct(1.0)}


def start_worker(
    cleanup: contextlib.ExitStack, argv: list[str], env: dict[str, str], log: Path | None = None
) -> subprocess.Popen[bytes]:
    """A wirewatch worker process, stopped (SIGTERM, then SIGKILL) when ``cleanup`` closes; its
    log (standard error) goes to ``log`` when given, else nowhere."""
    stderr: Any = subprocess.DEVNULL
    if log is not None:
        log.parent.mkdir(parents=True, exist_ok=True)
        stderr = cleanup.enter_context(log.open("wb"))
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
    cleanup.callback(stop_process, process)
    return process


def log_warnings(log: Path) -> list[str]:
    """The WARNING and ERROR lines of a worker's log."""
    if not log.exists():
        return []
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    return [line for line in lines if " WARNING " in line or " ERROR " in line]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_ready(process: subprocess.Popen[bytes], port: int, timeout: float = 180.0) -> float:
    """Seconds until the worker's /readyz answers 200 (it holds its partitions); fails on timeout
    or when the worker exits first."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if process.poll() is not None:
            raise SystemExit(f"the worker exited with {process.returncode} before it was ready")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as answer:
                if answer.status == 200:
                    return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"the worker was not ready (/readyz on port {port}) within {timeout:.0f} s")
