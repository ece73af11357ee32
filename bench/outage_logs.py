"""What the workers log while the broker is down: lines per worker, logger and level; JSON last.

    python bench/outage_logs.py [--outage 60]

Starts a local broker, creates the topics, then the three workers with JSON logs (a poller with
one local feed, the processor, an alerter with a local webhook channel), waits until each
answers /readyz, kills the broker (SIGKILL: a crash, not a clean stop) and counts the lines each
worker logs during ``--outage`` seconds. A log that floods shows as thousands of lines from the
Kafka client loggers; one that hides the outage shows as no line from them at all.

The last line is JSON: per worker, the lines logged during the outage, those from the Kafka
client loggers (kafka, aiokafka, faust, mode) and those at error level or above.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "deploy" / "kafka"))

import yaml  # noqa: E402
from common import create_topics, start_broker, stop_process  # noqa: E402

from wirewatch.logs import CLIENT_LOGGERS  # noqa: E402
from wirewatch.testing.feeds import Item, rss  # noqa: E402
from wirewatch.testing.ports import free_port  # noqa: E402
from wirewatch.testing.receivers import FeedServer, WebhookReceiver  # noqa: E402

WORKERS = {"poller": "poll", "processor": "process", "alerter": "alert"}


def ready(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as resp:
            return bool(resp.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def events_since(path: Path, since: datetime) -> list[dict[str, object]]:
    """The JSON log events in ``path`` stamped at or after ``since`` (other lines are counted too)."""
    out: list[dict[str, object]] = []
    for line in path.read_text("utf-8", "replace").splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            out.append({"level": "raw", "logger": "(not JSON)", "msg": line})
            continue
        if datetime.fromisoformat(str(event["ts"])) >= since:
            out.append(event)
    return out


def summary(events: list[dict[str, object]]) -> dict[str, object]:
    clients = [e for e in events if str(e.get("logger", "")).split(".")[0] in CLIENT_LOGGERS]
    return {
        "lines": len(events),
        "client_lines": len(clients),
        "errors": sum(1 for e in events if e.get("level") in ("error", "critical")),
        "client_errors": sum(1 for e in clients if e.get("level") in ("error", "critical")),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--outage", type=float, default=60, help="seconds the broker stays down")
    args = parser.parse_args()
    with contextlib.ExitStack() as cleanup:
        return _run(cleanup, args.outage)


def _run(cleanup: contextlib.ExitStack, outage: float) -> int:
    broker, work = start_broker(cleanup, "wirewatch-outage-logs-")
    feeds_server = FeedServer().start()
    cleanup.callback(feeds_server.stop)
    feeds_server.put(
        "/f.xml",
        rss(
            "Wire",
            "https://example.org",
            [Item("Story", "https://example.org/1", "Text.", datetime.now(UTC))],
        ),
    )
    hook = WebhookReceiver().start()
    cleanup.callback(hook.stop)
    (work / "feeds.yaml").write_text(
        yaml.safe_dump({"feeds": [{"url": feeds_server.url("/f.xml"), "allow_private": True}]})
    )
    (work / "watch.yaml").write_text(
        yaml.safe_dump(
            {
                "channels": {"hook": {"url": f"webhook+http://127.0.0.1:{hook.port}/x"}},
                "routes": {"default": ["hook"]},
                "watch": [{"id": "anbar", "kind": "region", "names": ["Anbar"]}],
            }
        )
    )
    ports = {name: free_port() for name in WORKERS}
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("WIREWATCH_")},
        "WIREWATCH_KAFKA_BOOTSTRAP": broker.bootstrap,
        "WIREWATCH_TOPIC_PREFIX": "outage",
        "WIREWATCH_FEEDS": str(work / "feeds.yaml"),
        "WIREWATCH_WATCHLIST": str(work / "watch.yaml"),
        "WIREWATCH_LOG_JSON": "true",
        "WIREWATCH_DATA_DIR": str(work / "data"),
        **{f"WIREWATCH_{name.upper()}_METRICS_PORT": str(port) for name, port in ports.items()},
    }
    create_topics(env)
    logs = {name: work / f"{name}.log" for name in WORKERS}
    for name, command in WORKERS.items():
        handle = logs[name].open("wb")
        cleanup.callback(handle.close)
        process = subprocess.Popen(
            [sys.executable, "-m", "wirewatch.cli", command],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=handle,
            stdin=subprocess.DEVNULL,
        )
        cleanup.callback(stop_process, process)
    deadline = time.monotonic() + 240
    while not all(ready(port) for port in ports.values()):
        if time.monotonic() > deadline:
            print("workers not ready within 240 s; logs in", work, flush=True)
            return 1
        time.sleep(1)
    print(f"all three ready; killing the broker for {outage:g} s (logs in {work})", flush=True)
    killed_at = datetime.now(UTC)
    broker.kill()
    time.sleep(outage)
    result: dict[str, object] = {"outage_s": outage}
    for name, path in logs.items():
        events = events_since(path, killed_at)
        result[name] = summary(events)
        print(f"\n{name}: {result[name]}")
        top = Counter((str(e.get("level")), str(e.get("logger")), str(e.get("msg"))[:90]) for e in events)
        for (level, logger, msg), count in top.most_common(8):
            print(f"  {count:6d}  {level:8s} {logger:32s} {msg}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
