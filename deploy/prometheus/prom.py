"""A real Prometheus server and promtool for the tests: found, started on a free port, queried, stopped.

The binaries come from PATH or from ``.cache/prometheus`` (``make prometheus-fetch`` unpacks
Debian's package there). ``LocalPrometheus`` writes its own configuration, keeps its data in a
temporary folder and runs in the foreground of no one: the test that starts it stops it. It never
touches a system service.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import yaml

from wirewatch.testing.ports import free_port

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent
CACHE = REPO_ROOT / ".cache" / "prometheus" / "usr" / "bin"


class PrometheusMissing(RuntimeError):
    pass


def tool(name: str) -> str:
    """Path of ``prometheus`` or ``promtool``; ``PrometheusMissing`` says how to get it."""
    found = shutil.which(name)
    if found:
        return found
    cached = CACHE / name
    if cached.is_file() and os.access(cached, os.X_OK):
        return str(cached)
    raise PrometheusMissing(
        f"{name} is neither on PATH nor in {CACHE}: run `make prometheus-fetch` (Debian's prometheus package)"
    )


def scrape_config(
    targets: dict[str, list[str]], rule_files: list[str], interval: str = "1s"
) -> dict[str, Any]:
    """A configuration scraping ``targets`` (job name -> host:port list) and evaluating ``rule_files``."""
    return {
        "global": {"scrape_interval": interval, "scrape_timeout": interval, "evaluation_interval": interval},
        "rule_files": rule_files,
        "scrape_configs": [
            {"job_name": job, "static_configs": [{"targets": hosts}]} for job, hosts in targets.items()
        ],
    }


class LocalPrometheus:
    def __init__(self, workdir: Path, config: dict[str, Any]) -> None:
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.config_file = self.workdir / "prometheus.yml"
        self.config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
        self.port = free_port()
        self.logfile = self.workdir / "prometheus.log"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> LocalPrometheus:
        argv = [
            tool("prometheus"),
            f"--config.file={self.config_file}",
            f"--storage.tsdb.path={self.workdir / 'data'}",
            f"--web.listen-address=127.0.0.1:{self.port}",
            "--storage.tsdb.retention.time=1d",
            "--log.level=warn",
        ]
        with self.logfile.open("wb") as log:
            self.process = subprocess.Popen(
                argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"prometheus exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/-/ready", timeout=2) as resp:  # noqa: S310 - our http URL
                    if resp.status == 200:
                        return self
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"prometheus not ready after {timeout:.0f} s:\n{self.log_tail()}")

    def stop(self, timeout: float = 20.0) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.logfile.read_text("utf-8", "replace").splitlines()[-lines:])
        except OSError:
            return ""

    def api(self, path: str, **params: str) -> dict[str, Any]:
        """The JSON answer of ``/api/v1/<path>``; HTTP errors come back as their JSON body too."""
        query = urllib.parse.urlencode(params)
        url = f"{self.url}/api/v1/{path}" + (f"?{query}" if query else "")
        try:
            with urllib.request.urlopen(url, timeout=10) as resp:  # noqa: S310 - our http URL
                return dict(json.load(resp))
        except urllib.error.HTTPError as exc:
            return dict(json.load(exc))

    def query(self, expr: str) -> list[dict[str, Any]]:
        """The instant vector of ``expr`` now: ``[{"metric": {...}, "value": [ts, "v"]}, ...]``."""
        answer = self.api("query", query=expr)
        if answer.get("status") != "success":
            raise ValueError(f"{expr!r}: {answer.get('error')}")
        return list(answer["data"]["result"])

    def value(self, expr: str) -> float | None:
        """The single value of a one-series ``expr``, None when it has no series."""
        result = self.query(expr)
        if not result:
            return None
        if len(result) > 1:
            raise ValueError(f"{expr!r} has {len(result)} series")
        return float(result[0]["value"][1])


_PROMQL_WORDS = frozenset(
    "by without on ignoring group_left group_right and or unless bool offset inf nan".split()
)


def metric_names(expr: str) -> set[str]:
    """Metric names in a PromQL expression: label matchers, strings, ranges, words and functions removed.

    Good enough for the expressions of wirewatch's rules and dashboard; Prometheus itself checks
    that each one parses (the observability test runs them all).
    """
    expr = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)
    expr = re.sub(r"\{[^}]*\}", "", expr)
    expr = re.sub(r"\[[^\]]*\]", "", expr)
    expr = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", "", expr)
    expr = re.sub(r"\$\w+", "", expr)
    expr = re.sub(r"(?<![A-Za-z0-9_:])\d[\w.]*", "", expr)  # numbers and durations: 0.95, 5m, 1e3
    names = set()
    for match in re.finditer(r"[A-Za-z_:][A-Za-z0-9_:]*", expr):
        word = match.group()
        if expr[match.end() :].lstrip().startswith("("):
            continue  # a function or an aggregation
        if word in _PROMQL_WORDS:
            continue
        names.add(word)
    return names
