"""Feed documents before and around the parser: hostile DOCTYPEs, item bytes, partial parses."""

from datetime import UTC, datetime

import pytest

from wirewatch.core.feeddoc import split_items, xml_hazard
from wirewatch.poller.parse import parse_feed
from wirewatch.testing.feeds import Item, atom, rss

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
HEADERS = {"content-type": "application/rss+xml; charset=utf-8"}


def items(n: int, start: int = 0) -> list[Item]:
    return [
        Item(f"Story {i}", f"https://example.org/{i}", f"Body of story {i} with <b>markup</b>", NOW)
        for i in range(start, start + n)
    ]


@pytest.mark.parametrize(
    ("doc", "refused"),
    [
        (b"<rss><channel/></rss>", None),
        (b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "x.dtd"><rss/>', None),
        (b'<!DOCTYPE rss [<!ENTITY nbsp "&#160;">]><rss/>', None),  # a character entity is fine
        (b'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss/>', "external entity"),
        (b'<!DOCTYPE rss [<!ENTITY xxe PUBLIC "x" "http://169.254.169.254/">]><rss/>', "external entity"),
        (b'<!DOCTYPE rss [<!ENTITY % p SYSTEM "http://x/">%p;]><rss/>', "parameter entity"),
        (
            b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><rss>&lol2;</rss>',
            "built from other entities",
        ),
        (b'<!DOCTYPE rss [<!ENTITY big "' + b"A" * 5000 + b'">]><rss/>', "bytes long"),
    ],
)
def test_xml_hazards(doc: bytes, refused: str | None) -> None:
    reason = xml_hazard(doc)
    assert (reason is None) if refused is None else (refused in (reason or ""))


@pytest.mark.parametrize(
    ("doc", "count"),
    [
        (rss("W", "https://example.org", items(3)).encode(), 3),
        (atom("W", "https://example.org", items(4)).encode(), 4),
        (b"<rss><channel><title>none</title></channel></rss>", None),
        (b"<rss><channel><item><title>a</title><item>nested</item></item></channel></rss>", None),
        (
            b"<rss><channel><description><![CDATA[ <item> ]]></description><item>x</item></channel></rss>",
            None,
        ),
        (b"<rss><channel><item><description><![CDATA[</item>]]></description></item></channel></rss>", None),
        (b"<rss><channel><item>a</item><junk/><item>b</item></channel></rss>", None),
        (b"<rss><channel><item>a</item>", 1),  # truncated: the parser sees the same bytes either way
    ],
)
def test_split_items_is_conservative(doc: bytes, count: int | None) -> None:
    chunks = split_items(doc)
    assert (chunks is None) if count is None else (chunks is not None and len(chunks.items) == count)


def test_partial_parse_gives_the_same_entries_as_a_whole_one() -> None:
    first = rss("W", "https://example.org", items(30)).encode()
    whole = parse_feed(first, HEADERS)
    assert not whole.partial and whole.count == 30 and whole.memory is not None
    changed = rss("W", "https://example.org", items(2, start=30) + items(30)[:-2]).encode()
    partial = parse_feed(changed, HEADERS, whole.memory)
    reference = parse_feed(changed, HEADERS)
    assert partial.partial and [e.title for e in partial.entries] == ["Story 30", "Story 31"]
    assert partial.count == 30 and partial.title == "W"
    everything = {e.id: e.fingerprint for e in reference.entries}
    got = {e.id: e.fingerprint for e in partial.entries} | dict(partial.unchanged)
    assert got == everything


def test_a_changed_prolog_means_a_whole_parse() -> None:
    first = parse_feed(rss("W", "https://example.org", items(3)).encode(), HEADERS)
    again = rss("W", "https://example.org", items(3)).encode().replace(b"utf-8", b"iso-8859-1", 1)
    assert not parse_feed(again, HEADERS, first.memory).partial
