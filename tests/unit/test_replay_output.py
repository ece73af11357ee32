"""What ``wirewatch replay`` prints: the window, the watched incidents, alerts per channel and the
diff, with feed text made inert for the terminal; and the window options."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest

from tests.factories import facts, incident
from wirewatch.core.replay import Alerted, Diff, HitChange, Outcome
from wirewatch.errors import ConfigError
from wirewatch.replay import Window, _print, window

T0 = datetime(2025, 2, 11, 6, tzinfo=UTC)


def test_the_report_names_hits_alerts_and_differences_with_titles_made_inert() -> None:
    hostile = "Rockets hit base \x1b[2J\x1b]8;;http://evil.example\x07click\u202e"
    found, _ = incident(facts("a-1", "Tigris Wire", T0, title=hostile))
    outcome = Outcome(
        articles=12,
        attacks=1,
        incidents={found.id: found},
        hits={found.id: ("ain-al-asad",)},
        alerts=[Alerted(found.id, "analysts", "new", ("ain-al-asad",), 1)],
    )
    changes = Diff(new_hits=[HitChange(found.id, "ain-al-asad", ("analysts",), hostile)])
    out = io.StringIO()
    _print(Window(T0, T0 + timedelta(days=1)), outcome, changes, ["articles.v1[0]@3: not JSON"], None, out)
    text = out.getvalue()
    assert text.startswith(
        "replay 2025-02-11T06:00Z to 2025-02-12T06:00Z: 12 articles, 1 current attacks, 1 incidents, "
        "1 with watch hits, 1 malformed records skipped\n"
    )
    assert f"  {found.id} 2025-02-11T06:00Z rocket at Ain al-Asad Air Base: 1 report, 1 outlet" in text
    assert "  analysts: 1 new\n" in text
    assert f"  + hit ain-al-asad on {found.id} (analysts): Rockets hit base \\u001b[2J" in text
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text


def test_the_window_comes_from_since_or_from_and_to() -> None:
    now = datetime(2025, 2, 11, 6, tzinfo=UTC)
    assert window("7d", None, None, now) == Window(now - timedelta(days=7), now)
    assert window(None, "2025-02-01T00:00Z", "2025-02-02T00:00+03:00", now) == Window(
        datetime(2025, 2, 1, tzinfo=UTC), datetime(2025, 2, 1, 21, tzinfo=UTC)
    )
    assert window(None, "2025-02-10T00:00Z", None, now).end == now
    with pytest.raises(ConfigError, match="needs a timezone"):
        window(None, "2025-02-01T00:00", None, now)
    with pytest.raises(ConfigError, match="is not after"):
        window(None, "2025-02-02T00:00Z", "2025-02-01T00:00Z", now)
    with pytest.raises(ConfigError, match="not a duration"):
        window("a week", None, None, now)


def test_a_window_older_than_the_archive_is_said_and_a_kept_one_is_not() -> None:
    from wirewatch.replay import Retained, retention_note

    span = Window(T0, T0 + timedelta(days=7))
    kept_from = T0 + timedelta(days=2, hours=6)
    note = retention_note(Retained(kept_from, trimmed=True, count=10), span, 30)
    assert note == (
        "articles.v1 keeps articles from 2025-02-13T12:00Z on (retention 30 d): the first 54.0 h of the "
        "window asked for are gone, and replay covers the rest"
    )
    # Nothing deleted yet (the topic is younger than the window), or the window is all kept.
    assert retention_note(Retained(kept_from, trimmed=False, count=10), span, 30) is None
    assert retention_note(Retained(T0 - timedelta(hours=1), trimmed=True, count=10), span, 30) is None
