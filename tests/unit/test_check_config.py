"""`wirewatch check-config`: every problem at once, each at its file, line and field, in plain words."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from wirewatch.alerts.watchlist import load_watchlist
from wirewatch.checkconfig import check_config
from wirewatch.config import load_settings
from wirewatch.core.http import parse_networks, refused_host
from wirewatch.errors import ConfigError
from wirewatch.feedlist import load_feed_list

# Each problem's line carries its expectation: "# L<line> <field> | <words in the message>".
WATCHLIST_WITH_ELEVEN_ERRORS = """\
channels:
  mail: {url: "json://127.0.0.1:8000/hook"}
  "bad name": {url: "json://127.0.0.1:8000/x"}     # L3 channels.bad name | channel name 'bad name' must be
  both: {url: "json://127.0.0.1/x", url_env: X}    # L4 channels.both | give exactly one of url, url_env, url_file
routes:
  default: [mail]
  operator: [mail, nope]                           # L7 routes.operator[1] | unknown channel 'nope' (the channels are mail, bad name, both)
alerting:
  notify_at: sometimes                             # L9 alerting.notify_at | should be one of 'reported' or 'corroborated', not "sometimes"
  freshness: 10                                    # L10 alerting.freshness | should be at least 60, not 10
watch:
  - id: ain-al-asad
    kind: base
    names: Ain al-Asad                             # L14 watch[0].names | should be a list of names, like [a, b], not "Ain al-Asad"
  - id: anbar
    kind: castle                                   # L16 watch[1].kind | kind 'castle' is not one of base, region, city, site
    names: [Anbar]
    chanels: [mail]                                # L18 watch[1].chanels | is not a known field: did you mean 'channels'?
  - id: ain-al-asad                                # L19 watch[2].id | id 'ain-al-asad' is already used by watch[0]
    kind: base
    place: no-such-place                           # L21 watch[2].place | unknown built-in place 'no-such-place'
    channels: [mail, pager]                        # L22 watch[2].channels[1] | unknown channel 'pager'
"""

FEEDS_WITH_ERRORS_AND_WARNINGS = """\
feeds:
  - url: https://news.example.org/rss
  - url: http://127.0.0.1:8080/rss                 # W3 feeds[1].url | '127.0.0.1' is a loopback address
  - url: http://localhost/rss
    allow_private: true
  - url: ftp://news.example.org/feed               # L6 feeds[3].url | not an http(s) URL
  - url: https://wire.example.org/rss
    interval: soon                                 # L8 feeds[4].interval | should be a number, not "soon"
  - url: http://[::1]/feed                         # W9 feeds[5].url | '::1' is a loopback address
  - url: https://news.example.org/rss              # L10 feeds[6].url | listed twice: feeds[0] has the same URL
    full_text: maybe                               # L11 feeds[6].full_text | should be true or false, not "maybe"
  - url: http://10.1.2.3/feed                      # W12 feeds[7].url | '10.1.2.3' is a private address
  - url: https://agency.example.org/rss
    groups: no-list                                # L14 feeds[8].groups | should be a list of groups, like [a, b], not "no-list"
"""


def expectations(text: str, path: Path) -> set[str]:
    """The report lines the file's comments announce (the message must start with the words)."""
    out = set()
    for match in re.finditer(r"# ([LW])(\d+) (\S+(?: name)?) \| (.+)", text):  # "bad name" has a space
        kind, line, field, words = match.groups()
        out.add(f"{path}:{line}: {'warning: ' if kind == 'W' else ''}field '{field}': {words.strip()}")
    return out


def run(tmp_path: Path, feeds: str | None = None, watchlist: str | None = None, **settings):
    values = {}
    if feeds is not None:
        values["feeds"] = tmp_path / "feeds.yaml"
        values["feeds"].write_text(feeds, encoding="utf-8")
    if watchlist is not None:
        values["watchlist"] = tmp_path / "watch.yaml"
        values["watchlist"].write_text(watchlist, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = check_config(load_settings(**values, **settings), out, err)
    return code, out.getvalue(), err.getvalue().splitlines()


def matches(reported: list[str], expected: set[str]) -> tuple[set[str], list[str]]:
    """(expected lines no report line starts with, report lines no expectation explains)."""
    missing = {e for e in expected if not any(r.startswith(e) for r in reported)}
    unexplained = [r for r in reported if not any(r.startswith(e) for e in expected)]
    return missing, unexplained


def test_every_problem_of_a_watchlist_is_reported_at_once_at_its_line(
    clean_env: None, tmp_path: Path
) -> None:
    code, _, lines = run(tmp_path, watchlist=WATCHLIST_WITH_ELEVEN_ERRORS)
    expected = expectations(WATCHLIST_WITH_ELEVEN_ERRORS, tmp_path / "watch.yaml")
    assert len(expected) == 11
    assert code == 2
    assert lines[-1] == "wirewatch: check-config found 11 errors and 0 warnings"
    assert matches(lines[:-1], expected) == (set(), [])
    assert [int(line.split(":")[1]) for line in lines[:-1]] == sorted(
        int(line.split(":")[1]) for line in lines[:-1]
    )


def test_every_problem_of_a_feed_list_is_reported_with_warnings_for_refused_feeds(
    clean_env: None, tmp_path: Path
) -> None:
    code, _, lines = run(tmp_path, feeds=FEEDS_WITH_ERRORS_AND_WARNINGS)
    expected = expectations(FEEDS_WITH_ERRORS_AND_WARNINGS, tmp_path / "feeds.yaml")
    assert code == 2
    assert lines[-1] == "wirewatch: check-config found 5 errors and 3 warnings"
    assert matches(lines[:-1], expected) == (set(), [])


def test_load_lists_every_problem_too(tmp_path: Path) -> None:
    path = tmp_path / "watch.yaml"
    path.write_text(WATCHLIST_WITH_ELEVEN_ERRORS, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_watchlist(path)
    assert len(err.value.problems) == 11
    assert "more)" not in str(err.value)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("watch: {a: 1}\n", "1: field 'watch': should be a list, like [a, b], not a mapping"),
        (
            "watch:\n  - kind: base\n    names: [A]\n",
            "2: field 'watch[0].id': is missing: this field is required here",
        ),
        (
            "watch:\n  - {id: a, kind: base, names: [A, [B]]}\n",
            "2: field 'watch[0].names[1]': should be text, not a list",
        ),
        (
            "alerting: {update_min_interval: soon}\n",
            "1: field 'alerting.update_min_interval': should be a number, not \"soon\"",
        ),
        (
            "alerting: [reported]\n",
            "1: field 'alerting': should be a mapping of 'key: value' lines, not a list",
        ),
        (
            "routes: {default: mail}\n",
            "1: field 'routes.default': should be a list, like [a, b], not \"mail\"",
        ),
        (
            "channels:\n  ops:\n    uri: json://x\n",
            "3: field 'channels.ops.uri': is not a known field: did you mean 'url'?",
        ),
        (
            "colour: red\n",
            "1: field 'colour': is not a known field (known here: channels, routes, alerting, watch)",
        ),
        (
            "watch:\n  - id: a\n    kind: base\n    names: [A]\n    severity:\n      - {level: urgent}\n",
            "6: field 'watch[0].severity[0].level': should be one of",
        ),
    ],
)
def test_messages_are_in_plain_words(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "watch.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_watchlist(path)
    assert str(err.value).startswith(f"{path}:{problem}")
    assert "Input should" not in str(err.value) and "valid tuple" not in str(err.value)


def test_a_bad_channel_url_is_reported_with_the_channel_name_and_line(
    clean_env: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret_file = tmp_path / "ops-url"
    secret_file.write_text("# ops\nnosuchservice://TOKEN-SECRET@hooks.example.org\n", encoding="utf-8")
    monkeypatch.setenv("MAIL_URL", "bogus://user:PASSWORD9@smtp.example.org")
    watchlist = (
        "watch:\n"
        "  - {id: anbar, kind: region, names: [Anbar]}\n"
        "channels:\n"
        "  analysts-mail:\n"
        "    url_env: MAIL_URL\n"
        "  ops:\n"
        f"    url_file: {secret_file}\n"
        "  pager:\n"
        "    url_env: PAGER_URL_NOT_SET\n"
        "  hook: {url: 'json://127.0.0.1:8000/hook'}\n"
    )
    code, _, lines = run(tmp_path, watchlist=watchlist, notify=("nope://SECRET-2@example.org",))
    path = tmp_path / "watch.yaml"
    assert code == 2
    assert lines == [
        f"{path}:5: field 'channels.analysts-mail.url_env': channel 'analysts-mail': its URL (bogus://…) "
        "is not one apprise understands (see apprise's list of services)",
        f"{path}:7: field 'channels.ops.url_file': channel 'ops': its URL (nosuchservice://…) "
        "is not one apprise understands (see apprise's list of services)",
        f"{path}:9: field 'channels.pager.url_env': channel 'pager': environment variable PAGER_URL_NOT_SET "
        "is not set",
        "settings (WIREWATCH_* environment or flags): field 'notify': notification URL #1: its URL (nope://…) "
        "is not one apprise understands (see apprise's list of services)",
        "wirewatch: check-config found 4 errors and 0 warnings",
    ]


def test_channels_are_checked_even_when_the_rest_of_the_file_is_wrong(
    clean_env: None, tmp_path: Path
) -> None:
    watchlist = (
        "channels:\n  pager: {url_env: PAGER_URL_NOT_SET}\nwatch:\n  - {id: a, kind: castle, names: [A]}\n"
    )
    _, _, lines = run(tmp_path, watchlist=watchlist)
    assert [line.split(": field ")[1].split("'")[1] for line in lines[:-1]] == [
        "channels.pager.url_env",
        "watch[0].kind",
    ]


def test_warnings_alone_do_not_fail_and_the_routes_are_printed(clean_env: None, tmp_path: Path) -> None:
    feeds = "feeds:\n  - url: http://127.0.0.1:9/rss\n    outlet: Local\n"
    watchlist = "watch:\n  - {id: anbar, kind: region, names: [Anbar]}\n"
    code, out, lines = run(tmp_path, feeds=feeds, watchlist=watchlist)
    assert code == 0
    assert lines[0].startswith(
        f"{tmp_path / 'feeds.yaml'}:2: warning: field 'feeds[0].url': '127.0.0.1' is a loopback"
    )
    assert "allow_private: true" in lines[0]
    assert lines[-1] == "wirewatch: check-config found 0 errors and 1 warning"
    assert "anbar (region) = Anbar [IQ-AN > IQ] -> terminal only" in out


@pytest.mark.parametrize(
    ("settings", "warned"),
    [
        ({}, ["127.0.0.1", "10.1.2.3"]),
        ({"fetch_allow_private": True}, []),
        ({"fetch_allow_networks": ("10.1.2.0/24",)}, ["127.0.0.1"]),
    ],
)
def test_the_settings_that_let_feeds_reach_private_networks_silence_the_warning(
    clean_env: None, tmp_path: Path, settings: dict, warned: list[str]
) -> None:
    feeds = "feeds:\n  - url: http://127.0.0.1:9/rss\n  - url: http://10.1.2.3/rss\n"
    code, _, lines = run(tmp_path, feeds=feeds, **settings)
    assert code == 0
    assert [re.search(r"'([^']+)' is a", line).group(1) for line in lines[:-1]] == warned


def test_an_opml_feed_list_gets_the_warning_with_its_own_fix(clean_env: None, tmp_path: Path) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<opml version="2.0"><body>'
        '<outline type="rss" text="Local" xmlUrl="http://127.0.0.1:9/rss"/>'
        '<outline type="rss" text="Lab" xmlUrl="http://127.0.0.2:9/rss" allowPrivate="true"/>'
        "</body></opml>",
        encoding="utf-8",
    )
    out, err = io.StringIO(), io.StringIO()
    assert check_config(load_settings(feeds=opml), out, err) == 0
    [warning, _] = err.getvalue().splitlines()
    assert warning.startswith(
        f"{opml}: warning: field 'outline[Local].xmlUrl': '127.0.0.1' is a loopback address"
    )
    assert 'allowPrivate="true" to its outline' in warning


def test_text_from_the_file_is_inert_in_the_report(clean_env: None, tmp_path: Path) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<opml version="2.0"><body><outline type="rss" text="&#x9b;31mRed &#x202e;news" '
        'xmlUrl="ftp://news.example.org/rss"/></body></opml>',
        encoding="utf-8",
    )
    out, err = io.StringIO(), io.StringIO()
    assert check_config(load_settings(feeds=opml), out, err) == 2
    assert "\x9b" not in err.getvalue() and "\u202e" not in err.getvalue()
    assert "outline[\\u009b31mRed \\u202enews].xmlUrl" in err.getvalue()


@pytest.mark.parametrize(
    ("host", "networks", "kind"),
    [
        ("127.0.0.1", (), "loopback"),
        ("localhost", (), "loopback"),
        ("feeds.localhost.", (), "loopback"),
        ("[::1]", (), "loopback"),
        ("::ffff:127.0.0.1", (), "loopback"),
        ("10.1.2.3", (), "private"),
        ("192.168.0.10", (), "private"),
        ("169.254.169.254", (), "link-local"),
        ("100.64.0.1", (), "non-public"),
        ("10.1.2.3", ("10.0.0.0/8",), None),
        ("93.184.216.34", (), None),
        ("news.example.org", (), None),  # a name: checked when it resolves, at poll time
    ],
)
def test_refused_host(host: str, networks: tuple[str, ...], kind: str | None) -> None:
    assert refused_host(host, parse_networks(networks)) == kind


def test_feed_list_duplicates_point_at_the_second_listing(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text(
        "feeds:\n  - url: https://a.org/rss\n  - url: https://b.org/rss\n  - url: https://a.org/rss\n"
    )
    with pytest.raises(ConfigError) as err:
        load_feed_list(path)
    assert str(err.value) == f"{path}:4: field 'feeds[2].url': listed twice: feeds[0] has the same URL"


def test_an_unusable_url_is_named_by_its_reason_and_never_shown(tmp_path: Path) -> None:
    # A token pasted before the scheme, and an e-mail URL asking for PGP (apprise knows it,
    # wirewatch's e-mail sender does not do it): each gets its own reason, and no secret shows.
    code, _, lines = run(
        tmp_path,
        watchlist="watch:\n  - {id: anbar, kind: region, names: [Anbar]}\n",
        notify=(
            "xoxb-123-SECRET https://hooks.example.org/x",
            "mailto://ann:SECRET-PW@example.org?pgp=encrypt",
        ),
    )
    assert code == 2
    assert lines[:2] == [
        "settings (WIREWATCH_* environment or flags): field 'notify': notification URL #1: its URL (?://…) "
        "is not one apprise understands (see apprise's list of services)",
        "settings (WIREWATCH_* environment or flags): field 'notify': notification URL #2: its URL (mailto://…) "
        "asks for PGP, which wirewatch's e-mail sender does not do; remove pgp= and wkd=",
    ]
    assert not any("SECRET" in line.upper() for line in lines)


def test_a_url_written_where_a_mapping_belongs_is_reported_masked(tmp_path: Path) -> None:
    watchlist = (
        "channels:\n"
        "  ops: 'mailto://alice:s3cretPW@smtp.example.org'\n"
        "watch:\n"
        "  - {id: anbar, kind: region, names: [Anbar], channels: [ops]}\n"
    )
    code, _, lines = run(tmp_path, watchlist=watchlist)
    assert code == 2
    assert any("'channels.ops'" in line and "mailto://smtp.example.org/" in line for line in lines), lines
    assert not any("s3cret" in line for line in lines)
