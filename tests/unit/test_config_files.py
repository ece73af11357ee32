from pathlib import Path

import pytest

from wirewatch.alerts.watchlist import analyzer_for, load_watchlist
from wirewatch.config import load_settings
from wirewatch.errors import ConfigError
from wirewatch.feedlist import load_feed_list


def write(tmp_path: Path, text: str, name: str = "f.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "line", "field", "words"),
    [
        (
            "watch:\n  - id: a\n    kind: base\n    names: [A]\n  - id: b\n    kind: castle\n    names: [B]\n",
            6,
            "watch[1].kind",
            "castle",
        ),
        ("watch:\n  - id: a\n    kind: base\n", 2, "watch[0]", "needs names"),
        (
            "watch:\n  - id: a\n    kind: base\n    names: [A]\n    colour: red\n",
            5,
            "watch[0].colour",
            "is not a known field",
        ),
        (
            "watch:\n  - id: a\n    kind: base\n    names: [A]\n  - id: a\n    kind: region\n    names: [B]\n",
            5,
            "watch[1].id",
            "id 'a' is already used by watch[0]",
        ),
        ("watch:\n  - id: a\n   kind: base\n", 3, None, "not valid YAML"),
    ],
)
def test_bad_watchlist_names_file_line_and_field(
    tmp_path: Path, text: str, line: int, field: str | None, words: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        load_watchlist(path)
    message = str(err.value)
    assert f"{path}:{line}" in message
    if field:
        assert f"field '{field}'" in message
    assert words in message


def test_unknown_builtin_place_is_a_config_error(tmp_path: Path) -> None:
    path = write(tmp_path, "watch:\n  - id: x\n    kind: base\n    place: no-such-place\n")
    with pytest.raises(ConfigError, match="no-such-place"):
        analyzer_for(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        load_feed_list(tmp_path / "nope.yaml")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("feeds:\n  - url: ftp://example.org/feed\n", 2, "not an http(s) URL"),
        ("feeds:\n  - url: https://example.org/rss\n    interval: 0\n", 3, "should be at least 1, not 0"),
        ("feeds:\n  - url: https://a.org/rss\n  - url: https://a.org/rss\n", 3, "listed twice"),
    ],
)
def test_bad_feed_list(tmp_path: Path, text: str, line: int, words: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        load_feed_list(path)
    assert f"{path}:{line}" in str(err.value)
    assert words in str(err.value)


def test_settings_errors_name_the_field(clean_env: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIREWATCH_KAFKA_BOOTSTRAP", "localhost")
    with pytest.raises(ConfigError, match="kafka_bootstrap"):
        load_settings()


def test_notify_file_keeps_urls_out_of_the_environment(clean_env: None, tmp_path: Path) -> None:
    path = write(tmp_path, "# alerts\njson://127.0.0.1:9/hook\n\nmailto://u:secret@127.0.0.1\n", "notify.txt")
    settings = load_settings(notify_file=path, notify=("json://127.0.0.1:8/x",))
    assert settings.notify_urls() == (
        "json://127.0.0.1:8/x",
        "json://127.0.0.1:9/hook",
        "mailto://u:secret@127.0.0.1",
    )
