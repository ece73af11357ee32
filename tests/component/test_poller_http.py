"""The poller against real local HTTP servers: every outcome, every rule, every bad input.

Each bad input is checked for the same four things: it is an outcome with its error class (not
an exception), it is counted, it is logged once, and the other feeds of the same round are
polled as if nothing happened.
"""

import asyncio
import gzip
import json
import logging
import random
import shutil
import subprocess
import sys
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml

from wirewatch.config import load_settings
from wirewatch.feedlist import Feed
from wirewatch.logs import JsonFormatter
from wirewatch.metrics import Metrics
from wirewatch.poller.assignment import StaticFeeds
from wirewatch.poller.loop import Poller
from wirewatch.poller.sinks import MemorySink
from wirewatch.poller.surges import SurgeBoard
from wirewatch.testing.feeds import Item, atom, rss
from wirewatch.testing.ports import free_port
from wirewatch.testing.receivers import Document, FeedServer
from wirewatch.topics.records import SurgeRecord

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
HOST = "https://example.org"


@pytest.fixture
def server():
    srv = FeedServer().start()
    yield srv
    srv.stop()


@pytest.fixture
def settings(clean_env, tmp_path: Path):
    return load_settings(
        poll_min_interval=0.5,
        fetch_timeout=3,
        fetch_read_timeout=2,
        fetch_max_bytes=1_000_000,
        fetch_max_decompressed=2_000_000,
        fetch_host_rate=1000,
        fetch_per_host=8,
        feed_broken_after=3,
        data_dir=tmp_path,
    )


def items(n: int, prefix: str = "Story", start: int = 0) -> list[Item]:
    return [
        Item(
            f"{prefix} {i}",
            f"https://example.org/{i}?utm_source=rss",
            f"Body {i}: officials said the situation in the city remained calm on the day.",
            NOW,
        )
        for i in range(start, start + n)
    ]


class Harness:
    """One poller with an in-memory sink; ``round()`` polls every feed once."""

    def __init__(self, settings, feeds: list[Feed]) -> None:
        self.sink = MemorySink()
        self.metrics = Metrics.create()
        self.poller = Poller(settings, StaticFeeds(feeds), self.metrics, self.sink)

    def round(self) -> dict[str, dict]:
        rows: list[dict] = []
        asyncio.run(self.poller.run(once=True, emit=rows.append))
        self.rows = rows
        return {r["url"]: r for r in rows if "outcome" in r}

    def state(self, url: str):
        return self.poller.slots[url].state

    def metric(self, name: str, **labels: str) -> float:
        return self.metrics.registry.get_sample_value(name, labels or None) or 0.0


def private(url: str, **extra) -> Feed:
    return Feed(url=url, allow_private=True, **extra)


# -- feeds that work ---------------------------------------------------------------------------


def test_rss_and_atom_parse_into_entries(server: FeedServer, settings) -> None:
    server.put("/rss.xml", rss("Wire", HOST, items(3)))
    server.put("/atom.xml", atom("Wire", HOST, items(2)), content_type="application/atom+xml")
    h = Harness(settings, [private(server.url("/rss.xml")), private(server.url("/atom.xml"))])
    out = h.round()
    assert out[server.url("/rss.xml")] == {
        "url": server.url("/rss.xml"),
        "outcome": "ok",
        "status": 200,
        "entries": 3,
        "error": None,
    }
    assert out[server.url("/atom.xml")]["entries"] == 2
    assert len(h.sink.articles) == 5 and {a.outlet for a in h.sink.articles} == {"Wire"}
    state = h.state(server.url("/rss.xml"))
    assert state.etag and state.last_modified and state.failures == 0
    assert server.requests[0][1]["User-Agent"].startswith("wirewatch/")


def test_conditional_get_sends_back_exactly_the_validators(server: FeedServer, settings) -> None:
    server.put("/rss.xml", rss("Wire", HOST, items(2)))
    h = Harness(settings, [private(server.url("/rss.xml"))])
    h.round()
    state = h.state(server.url("/rss.xml"))
    out = h.round()
    assert out[server.url("/rss.xml")]["outcome"] == "not_modified"
    assert out[server.url("/rss.xml")]["status"] == 304
    sent = server.requests[-1][1]
    assert sent["If-None-Match"] == state.etag and sent["If-Modified-Since"] == state.last_modified
    assert h.metric("wirewatch_feed_not_modified_ratio") == 0.5  # one 200, one 304


def test_etag_wins_over_last_modified(server: FeedServer, settings) -> None:
    server.put("/rss.xml", rss("Wire", HOST, items(2)), modified=1_700_000_000)
    h = Harness(settings, [private(server.url("/rss.xml"))])
    h.round()
    # New content, same Last-Modified: a server that honours If-None-Match first sends it.
    server.put("/rss.xml", rss("Wire", HOST, items(3)), modified=1_700_000_000)
    out = h.round()
    assert out[server.url("/rss.xml")]["outcome"] == "ok" and len(h.sink.articles) == 3


def test_gzip_feed(server: FeedServer, settings) -> None:
    server.put(
        "/gz.xml", gzip.compress(rss("Wire", HOST, items(4)).encode()), headers={"Content-Encoding": "gzip"}
    )
    h = Harness(settings, [private(server.url("/gz.xml"))])
    assert h.round()[server.url("/gz.xml")]["entries"] == 4
    assert server.requests[-1][1]["Accept-Encoding"] == "gzip, deflate"


# -- what is news and what is not ----------------------------------------------------------------


def _same_items_variants() -> dict[str, list[Item]]:
    base = items(3)
    return {
        "reordered": list(reversed(base)),
        "new tracking parameters": [
            Item(i.title, i.link.replace("rss", "email") + "&fbclid=x", i.text, i.published) for i in base
        ],
        "dates dropped": [Item(i.title, i.link, i.text, None) for i in base],
        "dates changed": [Item(i.title, i.link, i.text, NOW + timedelta(days=3)) for i in base],
        "GUIDs changed": [
            Item(i.title, i.link, i.text, i.published, guid=f"urn:new:{n}") for n, i in enumerate(base)
        ],
        "HTML-encoded differently": [
            Item(i.title, i.link, i.text.replace("calm", "calm "), i.published) for i in base
        ],
    }


@pytest.mark.parametrize("variant", list(_same_items_variants()))
def test_the_same_items_again_are_not_news(server: FeedServer, settings, variant: str) -> None:
    server.put("/rss.xml", rss("Wire", HOST, items(3)))
    h = Harness(settings, [private(server.url("/rss.xml"))])
    h.round()
    assert len(h.sink.articles) == 3
    server.put("/rss.xml", rss("Wire", HOST, _same_items_variants()[variant]))
    out = h.round()
    assert out[server.url("/rss.xml")]["outcome"] == "ok"
    assert len(h.sink.articles) == 3, [a.title for a in h.sink.articles[3:]]


def test_new_and_edited_entries(server: FeedServer, settings) -> None:
    server.put("/rss.xml", rss("Wire", HOST, items(3)))
    h = Harness(settings, [private(server.url("/rss.xml"))])
    h.round()
    first = {a.title: a for a in h.sink.articles}
    edited = items(3)
    edited[1] = Item(edited[1].title, edited[1].link, "Body 1, updated: two wounded", NOW)
    server.put("/rss.xml", rss("Wire", HOST, [*items(1, start=3), *edited]))
    h.round()
    later = h.sink.articles[3:]
    assert sorted((a.title, a.revision) for a in later) == [("Story 1", 1), ("Story 3", 0)]
    assert next(a for a in later if a.title == "Story 1").id == first["Story 1"].id
    assert h.metric("wirewatch_articles_published_total", revision="update") == 1


def test_full_text_from_the_article_page(server: FeedServer, settings) -> None:
    paragraph = "Two rockets struck the base on Tuesday evening, officials said. "
    server.put(
        "/article/1",
        f"<html><body><nav>Menu</nav><article><p>{paragraph * 3}</p><p>{paragraph * 3}</p></article></body></html>",
        content_type="text/html; charset=utf-8",
    )
    server.put("/rss.xml", rss("Wire", HOST, [Item("Rockets hit base", server.url("/article/1"), "", NOW)]))
    h = Harness(settings, [private(server.url("/rss.xml"), full_text=True)])
    h.round()
    (article,) = h.sink.articles
    assert article.text.startswith("Two rockets struck") and "Menu" not in article.text
    assert h.metric("wirewatch_feed_bytes_total", kind="page") > 0


# -- HTTP statuses -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "headers", "error_class", "at_least"),
    [
        (401, {}, "http_401", 0),
        (403, {}, "http_403", 0),
        (404, {}, "http_404", 0),
        (410, {}, "http_410", 0),
        (400, {}, "http_4xx", 0),
        (429, {"Retry-After": "120"}, "http_429", 120),
        (500, {}, "http_5xx", 0),
        (502, {}, "http_5xx", 0),
        (503, {"Retry-After": "600"}, "http_5xx", 600),
    ],
)
def test_http_errors_are_counted_outcomes(
    server: FeedServer, settings, status, headers, error_class, at_least
) -> None:
    server.put("/bad.xml", b"", status=status, headers=headers)
    server.put("/good.xml", rss("Wire", HOST, items(2)))
    h = Harness(settings, [private(server.url("/bad.xml")), private(server.url("/good.xml"))])
    out = h.round()
    bad = out[server.url("/bad.xml")]
    assert (bad["outcome"], bad["status"], bad["error"]) == ("error", status, f"HTTP {status}")
    state = h.state(server.url("/bad.xml"))
    assert (state.failures, state.last_error_class) == (1, error_class)
    assert state.next_due >= state.last_attempt + timedelta(seconds=at_least * 0.9)  # Retry-After honoured
    assert h.metric("wirewatch_feed_errors_total", error_class=error_class) == 1
    assert out[server.url("/good.xml")]["outcome"] == "ok" and len(h.sink.articles) == 2


def test_failures_back_off_and_never_park(server: FeedServer, settings) -> None:
    server.put("/bad.xml", b"", status=500)
    h = Harness(settings, [private(server.url("/bad.xml"))])
    delays = []
    for _ in range(6):
        h.round()
        state = h.state(server.url("/bad.xml"))
        delays.append((state.next_due - state.last_attempt).total_seconds())
    assert h.state(server.url("/bad.xml")).failures == 6
    assert delays[-1] > delays[0] * 8  # doubled per failure (interval 300 s, jitter ±10 %)
    assert delays[-1] <= settings.poll_max_backoff * 1.1  # capped, still scheduled


def test_broken_after_n_failures_then_recovered_logged_once(server: FeedServer, settings, caplog) -> None:
    server.put("/f.xml", b"", status=503)
    h = Harness(settings, [private(server.url("/f.xml"), outlet="Wire")])
    with caplog.at_level(logging.INFO, logger="wirewatch.poller"):
        for _ in range(5):
            h.round()
        assert [e.event for e in h.sink.events] == ["broken"]
        assert h.sink.events[0].failures == 3 and h.sink.events[0].error_class == "http_5xx"
        assert h.state(server.url("/f.xml")).broken
        server.put("/f.xml", rss("Wire", HOST, items(1)))
        h.round()
    assert [e.event for e in h.sink.events] == ["broken", "recovered"]
    assert h.sink.events[1].failures == 5
    lines = [r.getMessage() for r in caplog.records if server.url("/f.xml") in r.getMessage()]
    assert len([m for m in lines if "failed" in m]) == 1  # five failures, one line
    assert len([m for m in lines if "declared broken" in m]) == 1
    assert len([m for m in lines if "recovered" in m]) == 1
    assert h.metric("wirewatch_feed_health_events_total", event="broken") == 1


def test_outcome_lines_carry_the_feed_and_the_outcome_as_fields(server: FeedServer, settings, caplog) -> None:
    password = "Hunter2-feed-pass"
    url = server.url("/f.xml").replace("http://", f"http://reader:{password}@")
    masked = server.url("/").rstrip("/") + "/…"
    server.put("/f.xml", b"", status=503)
    h = Harness(settings, [private(url, outlet="Wire")])
    with caplog.at_level(logging.INFO, logger="wirewatch.poller"):
        for _ in range(settings.feed_broken_after):
            h.round()
        server.put("/f.xml", rss("Wire", HOST, items(2)))
        h.round()
    lines = [r for r in caplog.records if getattr(r, "feed", None)]
    fields = [(r.levelname, r.feed, r.outcome, getattr(r, "event", None)) for r in lines]
    assert fields == [
        ("WARNING", masked, "error", None),
        ("WARNING", masked, "error", "broken"),
        ("INFO", masked, "ok", "recovered"),
        ("INFO", masked, "ok", None),
    ]
    assert (lines[0].error_class, lines[0].failures, lines[1].failures) == ("http_5xx", 1, 3)
    assert (lines[2].failures, lines[3].articles) == (3, 2)
    assert password not in caplog.text
    event = json.loads(JsonFormatter("poller").format(lines[0]))
    assert {k: event[k] for k in ("worker", "feed", "outcome", "error_class")} == {
        "worker": "poller",
        "feed": masked,
        "outcome": "error",
        "error_class": "http_5xx",
    }


# -- redirects -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "moves"), [(301, True), (308, True), (302, False), (307, False), (303, False)]
)
def test_only_a_permanent_redirect_moves_the_feed(
    server: FeedServer, settings, status: int, moves: bool
) -> None:
    server.put("/old.xml", b"", status=status, headers={"Location": "/new.xml"})
    server.put("/new.xml", rss("Wire", HOST, items(2)))
    h = Harness(settings, [private(server.url("/old.xml"))])
    assert h.round()[server.url("/old.xml")]["outcome"] == "ok"
    assert h.state(server.url("/old.xml")).fetch_url == (server.url("/new.xml") if moves else None)
    server.requests.clear()
    h.round()
    assert server.requests[0][0] == ("/new.xml" if moves else "/old.xml")
    assert len(h.sink.articles) == 2


@pytest.mark.parametrize(
    ("chain", "error"),
    [
        ({"/a": "/b", "/b": "/a"}, "redirect loop"),
        ({"/a": "/a"}, "redirect loop"),
        ({f"/r{i}": f"/r{i + 1}" for i in range(10)} | {"/a": "/r0"}, "more than 5 redirects"),
    ],
)
def test_redirect_loops_and_chains_are_cut(server: FeedServer, settings, chain: dict, error: str) -> None:
    for path, target in chain.items():
        server.put(path, b"", status=302, headers={"Location": target})
    h = Harness(settings, [private(server.url("/a"))])
    out = h.round()[server.url("/a")]
    assert out["outcome"] == "error" and error in out["error"]
    assert h.state(server.url("/a")).last_error_class == "redirects"


# -- where a feed may point ----------------------------------------------------------------------


def test_private_addresses_are_refused_unless_allowed(server: FeedServer, clean_env, tmp_path) -> None:
    port = server.port
    server.put("/rss.xml", rss("Wire", HOST, items(1)))
    server.put("/to-loopback", b"", status=302, headers={"Location": f"http://127.0.0.2:{port}/rss.xml"})
    server.put("/to-v6", b"", status=301, headers={"Location": f"http://[::1]:{port}/rss.xml"})
    server.put("/to-name", b"", status=302, headers={"Location": f"http://localhost:{port}/rss.xml"})
    server.put(
        "/to-metadata", b"", status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"}
    )
    # 127.0.0.1 (and only it) is opened as an internal feed server would be, so that redirects
    # from it to other private addresses can be tried without any traffic leaving the machine.
    settings = load_settings(fetch_allow_networks=["127.0.0.1/32"], fetch_timeout=3, data_dir=tmp_path)
    cases = {
        server.url("/rss.xml"): "ok",
        server.url("/to-loopback"): "error",
        server.url("/to-v6"): "error",
        server.url("/to-metadata"): "error",
        f"http://127.0.0.2:{port}/rss.xml": "error",
        f"http://[::ffff:127.0.0.2]:{port}/rss.xml": "error",
    }
    h = Harness(settings, [Feed(url=u) for u in cases])
    out = h.round()
    assert {u: out[u]["outcome"] for u in cases} == cases
    for url, outcome in cases.items():
        if outcome == "error":
            assert h.state(url).last_error_class == "ssrf", (url, out[url])
    assert [p for p, _ in server.requests].count("/rss.xml") == 1  # only the direct, allowed one
    # A name is checked by what it resolves to: localhost is loopback, whatever its spelling.
    strict = load_settings(fetch_timeout=3, data_dir=tmp_path)
    names = [f"http://localhost:{port}/rss.xml", server.url("/to-name")]
    named = Harness(strict, [Feed(url=u) for u in names])
    named.round()
    assert [named.state(u).last_error_class for u in names] == ["ssrf", "ssrf"]
    # The same feeds with allow_private (per feed or by setting) go through.
    allowed = Harness(settings, [Feed(url=f"http://localhost:{port}/rss.xml", allow_private=True)])
    assert allowed.round()[f"http://localhost:{port}/rss.xml"]["outcome"] == "ok"
    everywhere = load_settings(fetch_allow_private=True, fetch_timeout=3, data_dir=tmp_path)
    assert (
        Harness(everywhere, [Feed(url=server.url("/to-name"))]).round()[server.url("/to-name")]["outcome"]
        == "ok"
    )


# -- the network failing -------------------------------------------------------------------------


def test_dns_failure(settings) -> None:
    url = "http://feeds.wirewatch-test.invalid/rss.xml"
    h = Harness(settings, [Feed(url=url)])
    assert h.round()[url]["outcome"] == "error"
    assert h.state(url).last_error_class == "dns"


def test_connection_refused(settings) -> None:
    url = f"http://127.0.0.1:{free_port()}/feed.xml"
    h = Harness(settings, [private(url)])
    assert h.round()[url]["outcome"] == "error"
    assert h.state(url).last_error_class == "connect"


@pytest.fixture(scope="module")
def self_signed(tmp_path_factory) -> tuple[str, str]:
    openssl = shutil.which("openssl")
    assert openssl, "the TLS test needs the openssl command (or the cryptography package)"
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return str(cert), str(key)


def test_tls_failure_with_a_self_signed_certificate(settings, self_signed) -> None:
    srv = FeedServer(tls=self_signed).start()
    try:
        srv.put("/rss.xml", rss("Wire", HOST, items(1)))
        url = srv.url("/rss.xml")
        assert url.startswith("https://")
        h = Harness(settings, [private(url)])
        assert h.round()[url]["outcome"] == "error"
        assert h.state(url).last_error_class == "tls"
    finally:
        srv.stop()


# -- hostile and broken bodies -------------------------------------------------------------------

SECRET = "wirewatch-secret-do-not-read"
BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(9))
    + b"]><rss><channel><title>&j;</title><item><title>&j;</title></item></channel></rss>"
)


def _xxe(path: Path) -> bytes:
    return (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{path}">]>'
        f"<rss><channel><title>t</title><item><title>&xxe;</title><link>https://e.org/1</link></item></channel></rss>"
    ).encode()


@pytest.mark.parametrize(
    ("kind", "body", "error_class"),
    [
        ("empty", b"", "empty"),
        ("blank", b"   \n\t", "empty"),
        ("html page", b"<html><body>not a feed", "parse"),
        ("binary", b"\x00\x01\x02binary\xff", "parse"),
        ("malformed XML", b"<?xml version='1.0'?><rss><channel><title>x</titl", "parse"),
        ("external entity", None, "xml_hazard"),
        ("entity expansion bomb", BOMB, "xml_hazard"),
    ],
)
def test_bad_bodies_are_counted_outcomes(
    server: FeedServer, settings, tmp_path, caplog, kind, body, error_class
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    server.put("/bad.xml", body if body is not None else _xxe(secret), content_type="application/xml")
    server.put("/good.xml", rss("Wire", HOST, items(2)))
    h = Harness(settings, [private(server.url("/bad.xml")), private(server.url("/good.xml"))])
    with caplog.at_level(logging.WARNING, logger="wirewatch.poller"):
        out = h.round()
        h.round()  # failing again is not logged again
    assert out[server.url("/bad.xml")]["outcome"] == "error"
    assert h.state(server.url("/bad.xml")).last_error_class == error_class
    assert h.metric("wirewatch_feed_errors_total", error_class=error_class) == 2
    assert len([r for r in caplog.records if server.url("/bad.xml") in r.getMessage()]) == 1
    assert out[server.url("/good.xml")]["outcome"] == "ok" and len(h.sink.articles) == 2
    assert SECRET not in repr(h.rows) + repr(h.sink.articles) + caplog.text


def _gzip_bomb(expanded: int) -> bytes:
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b"\0" * 1_000_000
    parts = [z.compress(b"<rss>")]
    parts += [z.compress(block) for _ in range(expanded // len(block))]
    return b"".join(parts) + z.flush()


def _endless_feed(limit: int):
    def stream():
        yield b'<?xml version="1.0"?><rss><channel><title>huge</title>'
        item = b"<item><title>x</title><description>" + b"y" * 60_000 + b"</description></item>"
        sent = 0
        while sent < limit:
            yield item
            sent += len(item)

    return stream


def _drip():
    for byte in b'<?xml version="1.0"?><rss><channel><title>drip</title></channel></rss>':
        yield bytes([byte])


@pytest.mark.parametrize(
    ("kind", "document", "error_class"),
    [
        (
            "gzip bomb (50 MB from ~50 kB)",
            Document(_gzip_bomb(50_000_000), headers={"Content-Encoding": "gzip"}),
            "too_large",
        ),
        ("500 MB body, streamed", Document(b"", stream=_endless_feed(500_000_000)), "too_large"),
        ("Content-Length over the cap", Document(b"x" * 1_100_000), "too_large"),
        ("one byte a second", Document(b"", stream=_drip, delay=1.0), "timeout"),
        ("unrequested encoding", Document(b"junk", headers={"Content-Encoding": "br"}), "other"),
        ("corrupt gzip", Document(b"\x1f\x8b\x08junkjunk", headers={"Content-Encoding": "gzip"}), "other"),
    ],
)
def test_oversized_and_slow_feeds_are_cut_off(
    server: FeedServer, settings, kind, document, error_class
) -> None:
    server.documents["/bad.xml"] = document
    server.put("/good.xml", rss("Wire", HOST, items(2)))
    h = Harness(settings, [private(server.url("/bad.xml")), private(server.url("/good.xml"))])
    out = h.round()
    assert out[server.url("/bad.xml")]["outcome"] == "error", out
    assert h.state(server.url("/bad.xml")).last_error_class == error_class
    assert out[server.url("/good.xml")]["outcome"] == "ok"
    assert h.metric("wirewatch_feed_bytes_total", kind="feed") < 3_000_000  # read up to the cap, not on


# -- politeness, sinks, the command line ----------------------------------------------------------


def test_per_host_concurrency_is_capped(server: FeedServer, clean_env, tmp_path) -> None:
    def slow():
        yield rss("Wire", HOST, items(1)).encode()[:50]
        yield rss("Wire", HOST, items(1)).encode()[50:]

    active = {"now": 0, "peak": 0}
    import threading

    lock = threading.Lock()

    def provider(path: str):
        def stream():
            with lock:
                active["now"] += 1
                active["peak"] = max(active["peak"], active["now"])
            try:
                yield from slow()
                import time

                time.sleep(0.1)
            finally:
                with lock:
                    active["now"] -= 1

        return Document(b"", stream=stream)

    server.provider = provider
    settings = load_settings(fetch_per_host=2, fetch_host_rate=1000, fetch_timeout=10, data_dir=tmp_path)
    h = Harness(settings, [private(server.url(f"/f{i}.xml")) for i in range(8)])
    out = h.round()
    assert all(r["outcome"] == "ok" for r in out.values())
    assert active["peak"] <= 2


def test_a_surge_that_starts_while_running_brings_its_feeds_forward(server: FeedServer, settings) -> None:
    """Feeds polled hourly; a surge on one group arrives mid-run: that group is polled every
    second from then on, the other group keeps its hour."""

    class Earliest(random.Random):  # no jitter: first polls at once, surge polls on the second
        def uniform(self, a: float, b: float) -> float:
            return a

    server.put("/hot.xml", rss("Hot", HOST, items(1)))
    server.put("/cold.xml", rss("Cold", HOST, items(1)))
    server.put("/tick.xml", rss("Tick", HOST, items(1)))
    feeds = [
        private(server.url("/hot.xml"), interval=3600, groups=("anbar",)),
        private(server.url("/cold.xml"), interval=3600, groups=("basra",)),
        # Polled every second: the hourly feeds are judged after its polls, not after a sleep.
        private(server.url("/tick.xml"), interval=1),
    ]
    board = SurgeBoard()
    poller = Poller(
        settings, StaticFeeds(feeds), Metrics.create(), MemorySink(), surges=board, rng=Earliest()
    )

    def polls(path: str) -> int:
        return sum(1 for p, _ in server.requests if p == path)

    async def scenario() -> tuple[int, int]:
        task = asyncio.create_task(poller.run())
        while polls("/hot.xml") < 1 or polls("/cold.xml") < 1:
            await asyncio.sleep(0.05)
        ticks = polls("/tick.xml")
        while polls("/tick.xml") < ticks + 2:
            await asyncio.sleep(0.05)
        before = polls("/hot.xml")  # one hour to go: nothing more without the surge
        now = datetime.now(UTC)
        board.apply(SurgeRecord(group="anbar", interval=1, until=now + timedelta(minutes=10)), now)
        while polls("/hot.xml") < before + 3:
            await asyncio.sleep(0.05)
        poller.stop()
        await task
        return before, polls("/cold.xml")

    before, cold = asyncio.run(asyncio.wait_for(scenario(), 30))
    assert before == 1
    assert cold == 1


def test_state_is_kept_when_the_sink_refuses(server: FeedServer, settings) -> None:
    server.put("/rss.xml", rss("Wire", HOST, items(2)))
    h = Harness(settings, [private(server.url("/rss.xml"))])
    h.sink.refuse = True
    h.round()
    assert h.sink.articles == [] and h.state(server.url("/rss.xml")) is None
    h.sink.refuse = False
    h.round()
    assert len(h.sink.articles) == 2  # sent again, once acknowledged


def test_dry_run_command_prints_a_line_per_feed_and_entry_and_exits_0(
    server: FeedServer, clean_env, tmp_path
) -> None:
    server.put("/ok.xml", rss("Wire", HOST, items(2)))
    # A title that would recolour the terminal and flip the rest of the line right to left.
    hostile = "Rockets hit \u202ethe base\u202c \x1b[31m now"
    server.put("/hostile.xml", rss("Wire", HOST, [Item(hostile, f"{HOST}/h", "Body.", NOW)]))
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(
        yaml.safe_dump(
            {
                "feeds": [
                    {"url": server.url("/ok.xml"), "allow_private": True},
                    {"url": server.url("/hostile.xml"), "allow_private": True},
                    {"url": server.url("/missing.xml"), "allow_private": True},
                    {"url": server.url("/ok.xml").replace("ok.xml", "private.xml")},
                ]
            }
        )
    )
    result = subprocess.run(
        [sys.executable, "-m", "wirewatch.cli", "poll", "--once", "--dry-run", str(feeds)],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    import json

    rows = [json.loads(line) for line in result.stdout.splitlines()]
    by_url = {r["url"]: r for r in rows if "outcome" in r}
    assert by_url[server.url("/ok.xml")] == {
        "url": server.url("/ok.xml"),
        "outcome": "ok",
        "status": 200,
        "entries": 2,
        "error": None,
    }
    assert by_url[server.url("/missing.xml")]["error"] == "HTTP 404"
    assert "not a public address" in by_url[server.url("/private.xml")]["error"]
    entries = [r for r in rows if "feed" in r]
    assert len(entries) == 3
    assert set(entries[0]) == {"id", "url", "outlet", "title", "text", "published", "lang", "feed"}
    # The terminal sees escapes, a JSON reader gets the title back as the feed wrote it.
    assert not any(c in result.stdout for c in ("\x1b", "\u202e", "\u202c"))
    assert "\\u202e" in result.stdout
    assert [r["title"] for r in entries if r["feed"] == server.url("/hostile.xml")] == [hostile]


def dry_run_feeds(server: FeedServer, tmp_path: Path, stories: list[Item]) -> Path:
    server.put("/wire.xml", rss("Wire", HOST, stories))
    server.put("/missing.xml", b"", status=404)
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(
        yaml.safe_dump(
            {
                "feeds": [
                    {"url": server.url("/wire.xml"), "allow_private": True, "outlet": "Wire", "lang": "en"},
                    {"url": server.url("/missing.xml"), "allow_private": True},
                ]
            }
        ),
        encoding="utf-8",
    )
    return feeds


ATTACK = Item(
    "Two rockets hit Ain al-Asad air base",
    f"{HOST}/rockets",
    "Two rockets struck Ain al-Asad air base in Anbar this morning, officials said.",
    NOW,
)


def test_dry_run_entries_are_the_analyze_input(server: FeedServer, clean_env, tmp_path: Path) -> None:
    from wirewatch.commands.articles import article_from_dict

    feeds = dry_run_feeds(server, tmp_path, [ATTACK, *items(2)])
    result = subprocess.run(
        [sys.executable, "-m", "wirewatch.cli", "poll", "--dry-run", str(feeds)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    import json

    entries = [json.loads(line) for line in result.stdout.splitlines() if '"outcome"' not in line]
    assert len(entries) == 3
    for entry in entries:
        article = article_from_dict(entry)  # raises ValueError on anything analyze would refuse
        assert (article.outlet, article.lang, article.url) == ("Wire", "en", entry["url"])
        assert article.text and article.published == NOW
    assert entries[0]["text"].startswith("Two rockets struck Ain al-Asad air base")


def test_dry_run_entries_only_pipe_into_analyze(server: FeedServer, clean_env, tmp_path: Path) -> None:
    feeds = dry_run_feeds(server, tmp_path, [ATTACK, *items(2)])
    poll = subprocess.Popen(
        [sys.executable, "-m", "wirewatch.cli", "poll", "--dry-run", "--entries-only", str(feeds)],
        stdout=subprocess.PIPE,
    )
    analyze = subprocess.run(
        [sys.executable, "-m", "wirewatch.cli", "analyze", "-"],
        stdin=poll.stdout,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert poll.stdout is not None
    poll.stdout.close()
    assert poll.wait(timeout=60) == 0
    assert analyze.returncode == 0, analyze.stdout + analyze.stderr
    import json

    rows = [json.loads(line) for line in analyze.stdout.splitlines()]
    assert len(rows) == 3 and all("error" not in row for row in rows)
    assert [row["attack"] for row in rows] == [True, False, False]
    assert rows[0]["places"][0]["id"] == "ain-al-asad"


def test_dry_run_stops_quietly_when_its_reader_leaves(server: FeedServer, clean_env, tmp_path: Path) -> None:
    import fcntl
    import os

    probe_read, probe_write = os.pipe()
    capacity = fcntl.fcntl(probe_write, fcntl.F_GETPIPE_SZ)
    os.close(probe_read)
    os.close(probe_write)
    # Entries of a few hundred bytes each: far more than the pipe holds.
    feeds = dry_run_feeds(server, tmp_path, items(4 * capacity // 200))
    with subprocess.Popen(
        [sys.executable, "-m", "wirewatch.cli", "poll", "--dry-run", str(feeds)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        line = proc.stdout.readline()
        proc.stdout.close()
        stderr = proc.stderr.read()
        assert proc.wait(timeout=120) == 141
    assert line.startswith("{")
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr and "bug while polling" not in stderr
