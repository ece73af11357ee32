"""Run the tests that need no broker at moments spread over a week and a year's end.

    make test-dates            (or: .venv/bin/python tools/frozen_dates.py [pytest paths or options])

Each run is ``pytest --frozen-date MOMENT --frozen-tz ZONE`` (see tests/frozen_date.py): the
tests' clock starts at that moment, in that local time zone. The result must be the same every time.
Prints one line per run and exits 1 if any run failed.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Monday to Sunday across New Year 2027, in zones on both sides of UTC (Kiritimati is UTC+14,
# Pago Pago UTC-11: one calls it New Year's Day while the other still has New Year's Eve),
# and a leap day and a daylight-saving change.
MOMENTS = [
    ("2026-12-28T10:30:00+00:00", "Asia/Baghdad"),
    ("2026-12-29T23:59:50+00:00", "America/Los_Angeles"),
    ("2026-12-30T00:00:10+00:00", "UTC"),
    ("2026-12-31T23:59:30+00:00", "Pacific/Kiritimati"),
    ("2027-01-01T00:00:30+00:00", "Pacific/Pago_Pago"),
    ("2027-01-02T12:00:00+00:00", "Europe/London"),
    ("2027-01-03T18:45:00+00:00", "Asia/Kolkata"),
    ("2028-02-29T12:00:00+00:00", "Australia/Adelaide"),
    ("2027-03-28T00:59:50+00:00", "Europe/Berlin"),
]
DEFAULT_TARGETS = ["tests/unit", "tests/component"]


def run(moment: str, zone: str, targets: list[str]) -> tuple[int, str]:
    frozen = ["--frozen-date", moment, "--frozen-tz", zone]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *targets, *frozen],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    lines = result.stdout.strip().splitlines()
    if result.returncode != 0:
        print(result.stdout[-6000:], result.stderr[-2000:], sep="\n", file=sys.stderr)
    return result.returncode, lines[-1] if lines else result.stderr.strip()[-200:]


def main(argv: list[str]) -> int:
    targets = argv or DEFAULT_TARGETS
    failed = 0
    for moment, zone in MOMENTS:
        code, summary = run(moment, zone, targets)
        failed += code != 0
        day = datetime.fromisoformat(moment)
        print(f"{moment} {day:%a} (UTC) in {zone:<20} {summary}", flush=True)
    print(f"{len(MOMENTS) - failed} of {len(MOMENTS)} dates passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
