"""The feed list from YAML and from OPML, with errors that point at the file and the field."""

import re
from pathlib import Path

import pytest

from wirewatch.errors import ConfigError
from wirewatch.feedlist import load_feed_list, parse_opml

OPML = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Analyst subscriptions</title></head>
  <body>
    <outline text="Iraq">
      <outline text="Anbar desk">
        <outline type="rss" text="Anbar News" title="Anbar News" xmlUrl="https://anbar.example.org/rss" language="ar"/>
      </outline>
      <outline type="rss" text="Baghdad Wire" xmlUrl="https://baghdad.example.org/feed.xml"/>
    </outline>
    <outline type="rss" text="Top level" xmlUrl="https://top.example.org/atom"/>
    <outline type="rss" text="Duplicate" xmlUrl="https://top.example.org/atom"/>
    <outline text="Empty folder"/>
  </body>
</opml>"""


def test_yaml_feed_list_with_every_field(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text(
        "feeds:\n"
        "  - url: https://news.example.org/rss.xml\n"
        "    outlet: Example\n    interval: 60\n    lang: en\n"
        "    groups: [iraq, anbar]\n    full_text: true\n    allow_private: true\n"
        "  - url: https://other.example.org/feed\n",
        encoding="utf-8",
    )
    feeds = load_feed_list(path).feeds
    assert feeds[0].groups == ("iraq", "anbar") and feeds[0].full_text and feeds[0].allow_private
    assert feeds[1].groups == () and not feeds[1].full_text and not feeds[1].allow_private


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("  - url: ftp://x.example.org/f\n", "feeds[0].url"),
        ("  - url: https://x.example.org/f\n    groups: ['no spaces']\n", "feeds[0].groups"),
        ("  - url: https://x.example.org/f\n    interval: 0\n", "feeds[0].interval"),
        ("  - url: https://x.example.org/f\n    allow_privat: true\n", "feeds[0].allow_privat"),
    ],
)
def test_bad_yaml_names_the_field(tmp_path: Path, entry: str, message: str) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text("feeds:\n" + entry, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"feeds\.yaml:\d+") as err:
        load_feed_list(path)
    assert message in str(err.value)


def test_opml_folders_become_groups_and_duplicates_go() -> None:
    feeds = parse_opml(OPML).feeds
    assert [(f.url, f.outlet, f.groups) for f in feeds] == [
        ("https://anbar.example.org/rss", "Anbar News", ("Iraq", "Anbar-desk")),
        ("https://baghdad.example.org/feed.xml", "Baghdad Wire", ("Iraq",)),
        ("https://top.example.org/atom", "Top level", ()),
    ]
    assert feeds[0].lang == "ar"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<opml><body><outline xmlUrl='https://a.example.org/x'>", "not valid OPML"),
        (b"<rss><channel/></rss>", "not OPML"),
        (
            b"<opml><body><outline type='rss' xmlUrl='file:///etc/passwd'/></body></opml>",
            "not an http(s) URL",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]><opml/>',
            "DOCTYPE",
        ),
    ],
)
def test_bad_opml_is_one_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        parse_opml(data, "subs.opml")


@pytest.mark.parametrize(
    ("attributes", "allowed"),
    [
        ("", False),
        ('allowPrivate="true"', True),
        ('allowPrivate=" True "', True),
        ('allowPrivate="false"', False),
        ('xmlns:wirewatch="https://wirewatch.example/opml" wirewatch:allowPrivate="true"', True),
    ],
)
def test_an_opml_outline_says_allow_private_with_an_attribute(attributes: str, allowed: bool) -> None:
    data = f'<opml><body><outline type="rss" text="Lab" xmlUrl="http://10.0.0.5/rss" {attributes}/></body></opml>'
    [feed] = parse_opml(data.encode()).feeds
    assert feed.allow_private is allowed


def test_a_junk_allow_private_value_is_an_error_naming_the_outline() -> None:
    data = b'<opml><body><outline type="rss" text="Lab" xmlUrl="http://10.0.0.5/rss" allowPrivate="yes"/></body></opml>'
    with pytest.raises(ConfigError) as err:
        parse_opml(data, "subs.opml")
    assert (
        str(err.value)
        == 'subs.opml: field \'outline[Lab].allowPrivate\': should be "true" or "false", not "yes"'
    )


def test_load_feed_list_reads_opml_by_suffix_or_content(tmp_path: Path) -> None:
    (tmp_path / "subs.opml").write_bytes(OPML)
    (tmp_path / "export.txt").write_bytes(OPML)
    assert len(load_feed_list(tmp_path / "subs.opml").feeds) == 3
    assert len(load_feed_list(tmp_path / "export.txt").feeds) == 3
    with pytest.raises(ConfigError, match="file not found"):
        load_feed_list(tmp_path / "missing.opml")
