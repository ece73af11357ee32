"""``wirewatch up``: the poller, the processor, the alerter and the web pages as four child processes.

Each worker runs in its own process (Faust wants its own event loop and signals). Their output
is passed through with the worker's name in front. A worker that exits unexpectedly is restarted
with exponential backoff; Ctrl-C or SIGTERM stops them all and waits for them.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TextIO

log = logging.getLogger("wirewatch.up")

WORKERS = ("process", "alert", "poll", "web")


@dataclass
class Child:
    name: str
    argv: list[str]
    proc: subprocess.Popen[bytes] | None = None
    restarts: int = 0
    next_start: float = 0.0
    started_at: float = 0.0
    threads: list[threading.Thread] = field(default_factory=list)


def _pump(stream: TextIO | None, prefix: str, sink: TextIO, lock: threading.Lock) -> None:
    if stream is None:
        return
    for line in iter(stream.readline, ""):
        with lock:
            if prefix:
                sink.write(f"[{prefix}] {line}")
            else:
                sink.write(line)
            sink.flush()


def supervise(
    worker_argv: dict[str, list[str]],
    env: dict[str, str] | None = None,
    stdout: TextIO = sys.stdout,
    stderr: TextIO = sys.stderr,
    max_backoff: float = 30.0,
) -> int:
    children = [Child(name, argv) for name, argv in worker_argv.items()]
    stop = threading.Event()
    lock = threading.Lock()

    def on_signal(signum: int, _frame: object) -> None:
        stop.set()

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        while not stop.is_set():
            now = time.monotonic()
            for child in children:
                if child.proc is not None and child.proc.poll() is not None:
                    code = child.proc.returncode
                    child.proc = None
                    if now - child.started_at > 120:
                        child.restarts = 0  # it ran fine for a while: this is a new failure, not a loop
                    delay = min(max_backoff, 2.0 ** min(child.restarts, 6))
                    child.restarts += 1
                    child.next_start = now + delay
                    log.error("worker %s exited with code %s; restarting in %.0f s", child.name, code, delay)
                if child.proc is None and now >= child.next_start:
                    child.proc = _start(child, env, stdout, stderr, lock)
                    child.started_at = now
            stop.wait(0.5)
    finally:
        _stop_all(children)
        for s, handler in previous.items():
            signal.signal(s, handler)
    return 0


def _start(
    child: Child, env: dict[str, str] | None, stdout: TextIO, stderr: TextIO, lock: threading.Lock
) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        child.argv,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        start_new_session=True,  # Ctrl-C reaches us; we stop the children in order
    )
    out = os.fdopen(proc.stdout.fileno(), "r", encoding="utf-8", errors="replace", closefd=False)  # type: ignore[union-attr]
    err = os.fdopen(proc.stderr.fileno(), "r", encoding="utf-8", errors="replace", closefd=False)  # type: ignore[union-attr]
    child.threads = [
        threading.Thread(target=_pump, args=(out, "", stdout, lock), daemon=True),
        threading.Thread(target=_pump, args=(err, "", stderr, lock), daemon=True),
    ]
    for thread in child.threads:
        thread.start()
    log.info("started worker %s (pid %d)", child.name, proc.pid)
    return proc


def _stop_all(children: Sequence[Child], timeout: float = 20.0) -> None:
    # The poller first so nothing new comes in, the alerter last so nothing in flight is lost.
    order = {"web": 0, "poll": 1, "process": 2, "alert": 3}
    for child in sorted(children, key=lambda c: order.get(c.name, 9)):
        if child.proc is None or child.proc.poll() is not None:
            continue
        child.proc.send_signal(signal.SIGTERM)
        try:
            child.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            log.error("worker %s did not stop in %.0f s; killing it", child.name, timeout)
            child.proc.kill()
            child.proc.wait()
        for thread in child.threads:
            thread.join(timeout=2)
        log.info("stopped worker %s", child.name)


def worker_commands(common: list[str]) -> dict[str, list[str]]:
    exe = [sys.executable, "-m", "wirewatch.cli"]
    return {name: [*exe, name, *common] for name in WORKERS}
