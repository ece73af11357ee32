"""The poller against a real local HTTP server: outcomes, conditional GET, new and edited entries."""

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
import pytest

from wirewatch.config import load_settings
from wirewatch.feedlist import Feed, FeedList
from wirewatch.metrics import Metrics
from wirewatch.testing.feeds import Item, atom, rss
from wirewatch.testing.ports import free_port
from wirewatch.testing.receivers import FeedServer
from wirewatch.workers.poller import Poller, fetch_feed, new_articles

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


@pytest.fixture
def server():
    srv = FeedServer().start()
    yield srv
    srv.stop()


@pytest.fixture
def settings(clean_env, tmp_path: Path):
    return load_settings(poll_min_interval=0.5, fetch_timeout=3, data_dir=tmp_path)


def items(n: int, prefix: str = "Story") -> list[Item]:
    return [
        Item(f"{prefix} {i}", f"https://example.org/{i}?utm_source=rss", f"Body {i}", NOW) for i in range(n)
    ]


def fetch(settings, url: str, state=None):
    async def go():
        async with aiohttp.ClientSession() as session:
            return await fetch_feed(session, Feed(url=url), state, settings)

    return asyncio.run(go())


def test_rss_and_atom_parse_into_entries(server: FeedServer, settings) -> None:
    server.put("/rss.xml", rss("Wire", "https://example.org", items(3)))
    server.put(
        "/atom.xml", atom("Wire", "https://example.org", items(2)), content_type="application/atom+xml"
    )
    rss_result = fetch(settings, server.url("/rss.xml"))
    atom_result = fetch(settings, server.url("/atom.xml"))
    assert (rss_result.outcome, rss_result.status, len(rss_result.entries)) == ("ok", 200, 3)
    assert (atom_result.outcome, len(atom_result.entries)) == ("ok", 2)
    assert rss_result.etag and rss_result.last_modified


def test_conditional_get_sends_back_the_validators(server: FeedServer, settings) -> None:
    server.put("/rss.xml", rss("Wire", "https://example.org", items(2)))
    feed = Feed(url=server.url("/rss.xml"))
    first = fetch(settings, feed.url)
    _, state = new_articles(feed, first, None, NOW)
    second = fetch(settings, feed.url, state)
    assert second.outcome == "not_modified" and second.status == 304
    assert server.requests[-1][1].get("If-None-Match") == first.etag


@pytest.mark.parametrize(
    ("status", "error_class"),
    [
        (404, "http_4xx"),
        (410, "http_4xx"),
        (401, "http_4xx"),
        (403, "http_4xx"),
        (500, "http_5xx"),
        (503, "http_5xx"),
        (429, "http_429"),
    ],
)
def test_http_errors_are_outcomes_not_exceptions(
    server: FeedServer, settings, status: int, error_class: str
) -> None:
    server.put("/f.xml", b"", status=status, headers={"Retry-After": "120"} if status == 429 else {})
    result = fetch(settings, server.url("/f.xml"))
    assert (result.outcome, result.status, result.error_class) == ("error", status, error_class)
    if status == 429:
        assert result.retry_after == 120


@pytest.mark.parametrize(
    ("body", "error_class"),
    [(b"", "empty"), (b"   \n", "empty"), (b"<html><body>not a feed", "parse"), (b"\x00\x01binary", "parse")],
)
def test_bad_bodies_are_counted_outcomes(server: FeedServer, settings, body: bytes, error_class: str) -> None:
    server.put("/f.xml", body, content_type="text/html")
    result = fetch(settings, server.url("/f.xml"))
    assert result.outcome == "error" and result.error_class == error_class


def test_connection_refused(settings) -> None:
    result = fetch(settings, f"http://127.0.0.1:{free_port()}/feed.xml")
    assert result.outcome == "error" and result.error_class == "connect"


def test_new_then_unchanged_then_edited(server: FeedServer, settings) -> None:
    feed = Feed(url=server.url("/rss.xml"), outlet="Wire")
    server.put("/rss.xml", rss("Wire", "https://example.org", items(3)))
    records, state = new_articles(feed, fetch(settings, feed.url), None, NOW)
    assert len(records) == 3 and all(r.revision == 0 for r in records)
    # the same entries, reordered and with a new tracking parameter: nothing new
    reordered = [
        Item(i.title, i.link.replace("rss", "email"), i.text, i.published) for i in reversed(items(3))
    ]
    server.put("/rss.xml", rss("Wire", "https://example.org", reordered))
    records, state = new_articles(feed, fetch(settings, feed.url), state, NOW)
    assert records == []
    # one entry's text edited: the same article id, as revision 1
    edited = items(3)
    edited[1] = Item(edited[1].title, edited[1].link, "Body 1, updated: two wounded", NOW)
    server.put("/rss.xml", rss("Wire", "https://example.org", edited))
    records, _ = new_articles(feed, fetch(settings, feed.url), state, NOW)
    assert [(r.title, r.revision) for r in records] == [("Story 1", 1)]


def test_dry_run_prints_a_line_per_feed_and_per_new_entry(server: FeedServer, settings) -> None:
    server.put("/ok.xml", rss("Wire", "https://example.org", items(2)))
    feeds = FeedList(feeds=(Feed(url=server.url("/ok.xml")), Feed(url=server.url("/missing.xml"))))
    rows: list[dict] = []
    asyncio.run(Poller(settings, feeds, Metrics.create(), producer=None).run(once=True, emit=rows.append))
    by_url = {r["url"]: r for r in rows if "outcome" in r}
    assert by_url[server.url("/ok.xml")] == {
        "url": server.url("/ok.xml"),
        "outcome": "ok",
        "status": 200,
        "entries": 2,
        "error": None,
    }
    assert by_url[server.url("/missing.xml")]["outcome"] == "error"
    assert by_url[server.url("/missing.xml")]["error"] == "HTTP 404"
    assert len([r for r in rows if "feed" in r]) == 2
