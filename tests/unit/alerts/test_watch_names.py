"""Watch names that would match far too much are refused unless the entry says exact: true."""

from pathlib import Path

import pytest

from wirewatch.alerts.watchlist import load_watchlist
from wirewatch.errors import ConfigError


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "watch.yaml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "why"),
    [("A", "1 letter"), ("و", "1 letter"), ("Ka", "2 letters"), ("the", "everyday word"), ("في", "letters")],
)
def test_a_short_or_everyday_name_is_refused_with_its_line(tmp_path: Path, name: str, why: str) -> None:
    path = write(tmp_path, f'watch:\n  - id: x\n    kind: city\n    names: ["{name}"]\n')
    with pytest.raises(ConfigError) as caught:
        load_watchlist(path)
    text = str(caught.value)
    assert why in text and "exact: true" in text and "watch.yaml:2" in text


def test_exact_takes_a_short_name_as_written(tmp_path: Path) -> None:
    path = write(
        tmp_path, 'watch:\n  - id: hit\n    kind: city\n    names: ["Hit", "هيت"]\n    exact: true\n'
    )
    assert load_watchlist(path).watch[0].names == ("Hit", "هيت")


def test_ordinary_names_pass(tmp_path: Path) -> None:
    path = write(tmp_path, 'watch:\n  - id: anbar\n    kind: region\n    names: ["Anbar", "الأنبار"]\n')
    assert load_watchlist(path).watch[0].id == "anbar"
