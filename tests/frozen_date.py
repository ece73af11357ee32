"""A pytest plugin: ``--frozen-date`` runs every test as if it started at another moment.

time-machine moves this process's clock (``datetime.now``, ``time.time``, ``date.today``) to the
given moment for each test; the clock ticks on from there, so waits and timeouts still run.
``--frozen-tz`` sets the local time zone as well. The suite's result must depend on neither:

    .venv/bin/python -m pytest tests/unit tests/component --frozen-date 2026-12-31T23:59:30Z \\
        --frozen-tz Pacific/Kiritimati

``make test-dates`` (``tools/frozen_dates.py``) runs that at dates over a week and a year's end.
Monotonic clocks are left alone, and so are the processes a test starts: workers and the broker
run on the real date (tests hand them times relative to their clock instead).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("wirewatch")
    group.addoption(
        "--frozen-date",
        metavar="ISO",
        help="run every test as if it started at this moment (ISO 8601; UTC unless it has an offset)",
    )
    group.addoption(
        "--frozen-tz", metavar="ZONE", help="with --frozen-date: the local time zone, e.g. Asia/Baghdad"
    )


def frozen_moment(config: pytest.Config) -> datetime | None:
    value = config.getoption("--frozen-date")
    if not value:
        return None
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    zone = config.getoption("--frozen-tz")
    # A ZoneInfo destination makes time-machine set the process's local zone too (TZ, tzset).
    return moment.astimezone(ZoneInfo(zone)) if zone else moment


def pytest_report_header(config: pytest.Config) -> str | None:
    moment = frozen_moment(config)
    if moment is None:
        return None
    return f"frozen date: {moment.isoformat()} ({moment:%A} there, {moment.astimezone(UTC):%A} in UTC)"


@pytest.fixture(autouse=True)
def _frozen_date(request: pytest.FixtureRequest) -> Iterator[None]:
    moment = frozen_moment(request.config)
    if moment is None:
        yield
        return
    with time_machine.travel(moment, tick=True):
        yield
