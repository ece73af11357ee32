"""WIREWATCH_LOG_JSON=true, from real processes: one JSON object per line, untrusted text escaped, no secret.

No broker needed: the poller runs ``--once --dry-run`` against a local feed server whose answers
try to forge log lines; the alerter is given a channel URL with a password and a broker that is
not there, so it logs its retries and stops with an error, which must be a JSON line too. The
observability test checks the same of the three workers of a whole pipeline.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from wirewatch.testing.ports import free_port
from wirewatch.testing.receivers import FeedServer

PASSWORD = "Hunter2-S3cret-never-logged"
# A log line a hostile server would like to see: a newline, a NEL, a U+2028 and a terminal escape
# around a forged event.
FORGED = 'x\r\n{"level": "error", "msg": "FORGED"}\x85\u2028\x1b[2J'


def run(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[bytes]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("WIREWATCH_")}
    base.update({"WIREWATCH_LOG_JSON": "true", "WIREWATCH_DATA_DIR": str(tmp_path / "data"), **env})
    return subprocess.run(
        [sys.executable, "-m", "wirewatch.cli", *args],
        env=base,
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
        cwd=tmp_path,
    )


def json_lines(stderr: bytes) -> list[dict[str, Any]]:
    """Every line of ``stderr`` as one JSON object; fails on anything else."""
    text = stderr.decode("utf-8")  # strict: a raw byte from a stranger would not be UTF-8
    lines = text.split("\n")
    assert lines[-1] == "", "the last event ends its line"
    lines = lines[:-1]
    assert len(text.splitlines()) == len(lines), "a Unicode line break inside an event"
    assert not any(c in text for c in "\r\x1b\x85\u2028\u2029"), "an unescaped control character"
    events = [json.loads(line) for line in lines]
    for event in events:
        assert isinstance(event, dict) and {"ts", "level", "logger", "msg"} <= set(event), event
    return events


def test_poller_logs_escape_what_servers_send(tmp_path: Path) -> None:
    server = FeedServer().start()
    try:
        # A redirect whose header breaks HTTP (the client's error quotes it) and a page that is no feed.
        location = FORGED.replace("\u2028", "").encode("utf-8").decode("latin-1")  # headers are Latin-1
        server.put("/moved.xml", b"", status=301, headers={"Location": f"gopher://evil.example/{location}"})
        server.put("/page.xml", f"<html><title>{FORGED}</title></html>", content_type="text/html")
        feeds = tmp_path / "feeds.yaml"
        feeds.write_text(
            yaml.safe_dump(
                {
                    "feeds": [
                        {"url": server.url(p), "allow_private": True} for p in ("/moved.xml", "/page.xml")
                    ]
                }
            ),
            encoding="utf-8",
        )
        done = run(["poll", "--once", "--dry-run", str(feeds)], tmp_path)
    finally:
        server.stop()
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    events = json_lines(done.stderr)
    warnings = [e["msg"] for e in events if e["level"] == "warning"]
    assert len(warnings) == 2, events
    moved = next(m for m in warnings if "moved.xml" in m)
    # The server's bytes are quoted (escaped) inside the poller's own event, never an event of their own.
    assert "FORGED" in moved
    assert all(e["msg"] != "FORGED" and e["logger"].startswith(("wirewatch", "faust")) for e in events)


def test_alerter_logs_no_secret_and_stops_with_a_json_line(tmp_path: Path) -> None:
    watchlist = tmp_path / "watch.yaml"
    watchlist.write_text(
        yaml.safe_dump({"watch": [{"id": "anbar", "kind": "region", "names": ["Anbar"]}]}), encoding="utf-8"
    )
    notify = tmp_path / "notify.txt"
    notify.write_text(f"json://analyst:{PASSWORD}@127.0.0.1:{free_port()}/hook\n", encoding="utf-8")
    done = run(
        ["alert", "--watchlist", str(watchlist), "--metrics-port", "0"],
        tmp_path,
        WIREWATCH_NOTIFY_FILE=str(notify),
        WIREWATCH_KAFKA_BOOTSTRAP=f"127.0.0.1:{free_port()}",
        WIREWATCH_BROKER_GIVE_UP_AFTER="2",
    )
    assert done.returncode == 2, done.stderr.decode("utf-8", "replace")
    events = json_lines(done.stderr)
    assert PASSWORD.encode() not in done.stderr + done.stdout
    assert any("unreachable (attempt 1" in e["msg"] for e in events), events
    # The reason it stops is the last event, a JSON line like the others.
    assert events[-1]["level"] == "error" and "unreachable after" in events[-1]["msg"], events[-1]
