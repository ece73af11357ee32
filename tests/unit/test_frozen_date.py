"""``--frozen-date`` and ``--frozen-tz`` really move the clock a test reads (tests/frozen_date.py)."""

from __future__ import annotations

import pytest

INNER = """
import time
from datetime import UTC, date, datetime


def test_clock():
    now = datetime.now(UTC)
    assert (now.year, now.month, now.day, now.hour) == (2026, 12, 31, 23), now
    assert abs(time.time() - now.timestamp()) < 5
    assert date.today() == date(2027, 1, 1)  # local date: already New Year on Kiritimati (UTC+14)
    assert datetime.now().astimezone().utcoffset().total_seconds() == 14 * 3600
"""


def test_frozen_date_and_zone_reach_the_test(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_inner=INNER)
    result = pytester.runpytest_inprocess(
        "-p",
        "tests.frozen_date",
        "--frozen-date",
        "2026-12-31T23:59:30Z",
        "--frozen-tz",
        "Pacific/Kiritimati",
    )
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["frozen date: 2027-01-01T13:59:30+14:00 (Friday there, Thursday in UTC)"])
