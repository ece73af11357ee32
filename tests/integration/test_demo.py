"""The README's first command works: the demo raises exactly the expected alert, and no other."""

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
        timeout=400,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    summary = json.loads(next(line for line in result.stdout.splitlines() if line.startswith('{"alerts"')))
    # The Arabic report raises the alert; the English one, minutes later in the feeds, joins the same
    # incident and turns it into an update (corroborated by a second outlet), not a second alert.
    assert summary["alerts"] == 2 and summary["mails"] == 2
    assert summary["titles"][0].startswith("Rocket attack: Ain al-Asad Air Base")
    assert summary["titles"][1].startswith("UPDATE (corroborated): Rocket attack: Ain al-Asad Air Base")
    assert "ALERT  Rocket attack: Ain al-Asad" in result.stdout  # shown in the terminal by the alerter
