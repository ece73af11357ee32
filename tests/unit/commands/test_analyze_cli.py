"""The `wirewatch analyze` contract, through the real console script."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

WATCHLIST = """\
watch:
  - id: ain-al-asad
    kind: base
    names: ["Ain al-Asad", "عين الأسد"]
  - id: anbar
    kind: region
    names: ["Anbar", "الأنبار"]
"""


def analyze(
    tmp_path: Path, lines: list[str], watchlist: str | None = WATCHLIST
) -> subprocess.CompletedProcess:
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "wirewatch.cli", "analyze"]
    if watchlist is not None:
        wl = tmp_path / "watch.yaml"
        wl.write_text(watchlist, encoding="utf-8")
        cmd += ["--watchlist", str(wl)]
    return subprocess.run([*cmd, str(src)], capture_output=True, text=True, timeout=60)


def article(**fields) -> str:
    base = {
        "id": "a1",
        "url": "https://example.org/1",
        "outlet": "Example",
        "title": "",
        "text": "",
        "published": "2026-11-25T09:00:00Z",
    }
    base.update(fields)
    return json.dumps(base, ensure_ascii=False)


def test_one_output_per_line_in_order_with_the_contract_fields(tmp_path: Path) -> None:
    result = analyze(
        tmp_path,
        [
            article(id="x1", title="صاروخان يسقطان على قاعدة عين الأسد غربي الأنبار"),
            article(id="x2", title="Iraq's parliament approves the budget"),
            article(id="x3", title="Two rockets hit Ain al-Asad air base", published=None),
        ],
    )
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["x1", "x2", "x3"]
    for row in rows:
        assert {"id", "lang", "attack", "attack_types", "watch_hits", "incident"} <= row.keys()
    assert rows[0]["lang"] == "ar" and rows[1]["lang"] == "en"
    assert rows[0]["attack"] is True and rows[0]["attack_types"] == ["rocket"]
    assert set(rows[0]["watch_hits"]) == {"ain-al-asad", "anbar"}
    assert rows[1]["attack"] is False and rows[1]["incident"] is None and rows[1]["watch_hits"] == []
    assert rows[2]["attack"] is True and rows[2]["incident"] != rows[0]["incident"]


def test_reports_of_one_attack_on_one_day_share_an_incident(tmp_path: Path) -> None:
    result = analyze(
        tmp_path,
        [
            article(id="ar", title="سقوط صاروخين على قاعدة عين الأسد"),
            article(id="en", title="Two rockets hit Ain al-Asad air base", published="2026-11-25T10:30:00Z"),
            article(
                id="later", title="Two rockets hit Ain al-Asad air base", published="2026-11-29T10:30:00Z"
            ),
        ],
    )
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[0]["incident"] == rows[1]["incident"]
    assert rows[2]["incident"] != rows[0]["incident"]


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ("{not json", "not JSON"),
        ("[1, 2]", "not a JSON object"),
        ('{"title": "no id"}', "missing field 'id'"),
        ('{"id": "b", "title": "t", "published": "yesterday"}', "not ISO 8601"),
        ('{"id": "b", "title": "t", "published": "2026-11-25T09:00:00"}', "needs a timezone"),
        ('{"id": "b"}', "needs 'title' or 'text'"),
    ],
)
def test_a_malformed_line_is_reported_in_place_and_the_rest_still_runs(
    tmp_path: Path, line: str, error: str
) -> None:
    result = analyze(tmp_path, [article(id="ok1", title="x"), line, article(id="ok2", title="y")])
    assert result.returncode == 1
    rows = [json.loads(out) for out in result.stdout.splitlines()]
    assert [r.get("id") for r in rows] == ["ok1", None, "ok2"]
    assert rows[1]["line"] == 2 and error in rows[1]["error"]


def test_a_line_that_is_not_utf8_is_reported_in_place_and_the_rest_still_runs(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    good = [article(id="ok1", title="x").encode(), article(id="ok2", title="y").encode()]
    src.write_bytes(good[0] + b"\n" + b'{"id": "bad", "title": "\xff"}\n' + good[1] + b"\n")
    result = subprocess.run(
        [sys.executable, "-m", "wirewatch.cli", "analyze", str(src)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    rows = [json.loads(out) for out in result.stdout.splitlines()]
    assert [r.get("id") for r in rows] == ["ok1", None, "ok2"]
    assert rows[1]["line"] == 2 and "not UTF-8" in rows[1]["error"] and "0xff" in rows[1]["error"]


def test_analysis_windows_carry_open_incidents_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A long input is analyzed window by window; a report in the next window still joins."""
    from wirewatch.commands import offline

    monkeypatch.setattr(offline, "ANALYZE_WINDOW", 2)
    src = tmp_path / "in.jsonl"
    lines = [
        article(id="ar", title="سقوط صاروخين على قاعدة عين الأسد"),
        article(id="x", title="Iraq's parliament approves the budget"),
        article(id="en", title="Two rockets hit Ain al-Asad air base", published="2026-11-25T10:30:00Z"),
    ]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = io.StringIO()
    assert offline.analyze(str(src), None, out) == 0
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["id"] for r in rows] == ["ar", "x", "en"]
    assert rows[0]["incident"] is not None and rows[0]["incident"] == rows[2]["incident"]


def test_unreadable_watchlist_exits_2_naming_file_line_and_field(tmp_path: Path) -> None:
    result = analyze(
        tmp_path, [article(title="x")], watchlist="watch:\n  - id: a\n    kind: fortress\n    names: [A]\n"
    )
    assert result.returncode == 2
    assert "watch.yaml:3" in result.stderr and "watch[0].kind" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_standard_input(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "wirewatch.cli", "analyze", "-"],
        input=article(title="Mortar rounds hit a base in Anbar"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert json.loads(result.stdout)["attack_types"] == ["mortar"]


def test_explain_shows_the_decisions_in_the_text(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        "\n".join(
            [
                article(id="new", title="Two rockets hit Ain al-Asad air base today"),
                article(id="denied", title="Officials deny reports of a drone attack on Ain al-Asad"),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "wirewatch.cli", "explain", "--color", "never", str(src)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    new, denied = result.stdout.split("== denied")
    assert "== new [en] ATTACK" in new
    assert "[W:rockets]" in new and "[P:Ain al-Asad air base]" in new and "[T:today]" in new
    assert "counted as a CURRENT attack" in new
    assert "not an attack" in denied and "not counted: denial" in denied


def test_explain_never_passes_terminal_controls_from_the_article(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        article(id="x\x1b[2J", title="Two rockets \x1b]0;owned\x07hit Ain al-Asad\u202e air base today")
        + "\n",
        encoding="utf-8",
    )
    for color in ("never", "always"):
        result = subprocess.run(
            [sys.executable, "-m", "wirewatch.cli", "explain", "--color", color, str(src)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert "ATTACK" in result.stdout and "\\u001b]0;owned\\u0007" in result.stdout
        assert (
            "\x07" not in result.stdout and "\u202e" not in result.stdout and "\x1b[2J" not in result.stdout
        )
        if color == "never":
            assert "\x1b" not in result.stdout  # the only escapes in colour are wirewatch's own
