"""The README's first command works: the demo raises exactly the expected alerts, and no other.

The demo proves the "no other" itself: after the expected alerts it shows one last item, the end
marker, and waits until the marker's alert has come through the whole pipeline.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from wirewatch.testing.ports import free_port

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]


def test_demo_alerts_once_for_the_attack_then_updates_it_and_never_alerts_on_other_news(
    tmp_path: Path,
) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "deploy" / "demo" / "run.py"),
            "--exit-after-alerts",
            "2",
            "--timeout",
            "180",
            "--kafka-port",
            str(free_port()),
            "--run-dir",
            str(tmp_path / "demo"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    lines = result.stdout.splitlines()
    summary = json.loads(next(line for line in lines if line.startswith('{"alerts"')))
    # The Arabic report raises the alert; the English one, minutes later in the feeds, joins the same
    # incident and turns it into an update (corroborated by a second outlet), not a second alert.
    assert summary["alerts"] == 2 and summary["mails"] == 2
    assert summary["titles"][0].startswith("Rocket attack: Ain al-Asad Air Base")
    assert summary["titles"][1].startswith("UPDATE (corroborated): Rocket attack: Ain al-Asad Air Base")
    assert "ALERT  Rocket attack: Ain al-Asad" in result.stdout  # shown in the terminal by the alerter

    # What the demo expected and what it got, item by item, and the end marker after them.
    report = json.loads(next(line for line in lines if line.startswith('{"expected"')))
    assert report == {
        "expected": [
            {"item": "arabic-wire/rockets-ain-al-asad", "stage": "alerted", "detail": summary["titles"][0]},
            {"item": "english-wire/rockets-ain-al-asad", "stage": "alerted", "detail": summary["titles"][1]},
        ],
        "unexpected": [],
        "marker": True,
    }
    assert "expected alerts for 2 items, got 2 of them (2 alerts received):" in result.stdout
    assert "no other alert was on its way" in result.stdout

    # The terminal shows wirewatch's lines; the libraries' chatter went to the file the demo named.
    library_log = tmp_path / "demo" / "workers.log"
    assert f"log lines go to {library_log}" in result.stdout
    terminal = result.stdout + result.stderr
    assert " faust." not in terminal and " aiokafka" not in terminal and " mode." not in terminal
    assert " INFO faust." in library_log.read_text("utf-8")
    assert "channels: demo-webhook" in result.stdout and "notify-1" not in terminal
    # The web pages' address is printed; the demo user's password is in a file, not on the terminal.
    password_file = tmp_path / "demo" / "web-password.txt"
    assert "web pages: \033[1mhttp://127.0.0.1:" in result.stdout and str(password_file) in result.stdout
    assert password_file.stat().st_mode & 0o077 == 0
    assert password_file.read_text().strip() not in terminal
