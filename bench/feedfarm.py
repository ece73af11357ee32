"""A local feed farm for the poller benchmark: thousands of RSS and Atom feeds over HTTP.

    python bench/feedfarm.py --feeds 10000 --hosts 100 --port 0 [--latency-ms 50] [--cpu 1]

Feed ``i`` lives at ``http://127.0.0.<1 + i % hosts>:<port>/feed/<i>.xml`` (every address is
loopback, one listening socket per address, so a poller sees ``hosts`` distinct hosts). Even
feeds are RSS 2.0, odd ones Atom 1.0, with 20 to 50 items of a few hundred characters each.
Every response carries ``ETag`` and ``Last-Modified`` and a conditional GET that matches gets
304. On each request a feed gains a new item (and drops its oldest) with probability
``--change`` (default 0.2, decided by a seeded hash of feed and request number, so runs are
repeatable): about 80 % of refreshes are unchanged. Bodies are gzipped when asked for.

Network delay: with ``--latency-ms M`` (or ``GET /__latency?ms=M`` while running) every feed
response waits before it is sent, as a publisher across the internet does (round trip plus the
server's time to first byte). The wait is fixed per host and spread from 0.4 M to 1.6 M over
the hosts, so the mean is M. Only the response waits: connection set-up costs no extra round
trip, which flatters a client that opens a new connection per request (the naive baseline).

Prints ``ready <port>`` on stdout when listening. ``GET /__stats`` returns JSON counters.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gzip
import hashlib
import os
import sys
import time
from email.utils import formatdate
from xml.sax.saxutils import escape

from aiohttp import web

WORDS = (
    "officials said the security forces reported attack on base near the city province council "
    "government ministry statement drone rocket convoy road market election oil prices talks "
    "delegation minister parliament budget water electricity school hospital bridge border"
).split()
BASE_TIME = 1_795_000_000  # a fixed epoch second, so documents are the same on every run


def _iso(epoch: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


def _text(seed: int, words: int) -> str:
    h = hashlib.blake2b(str(seed).encode(), digest_size=32).digest()
    return " ".join(WORDS[(h[i % 32] + i * 7) % len(WORDS)] for i in range(words))


# Texts come from fixed pools so that rendering a document costs the farm little: the farm must
# not be what limits the poller it measures.
TITLES = [escape(_text(n, 9).capitalize()) for n in range(997)]
BODIES = [escape(_text(n + 5000, 45) + ".") for n in range(1009)]


class Farm:
    def __init__(self, feeds: int, hosts: int, change: float, latency_ms: float = 0.0) -> None:
        self.feeds = feeds
        self.hosts = hosts
        self.change = change
        self.latency_ms = latency_ms
        self.version = [0] * feeds
        self.requests = [0] * feeds
        self.stats = {"requests": 0, "ok": 0, "not_modified": 0, "body_bytes": 0}
        self.cache: dict[tuple[int, int, bool], bytes] = {}  # the current version of each feed

    def items(self, i: int) -> int:
        return 20 + (i * 7919) % 31  # 20 to 50

    def delay(self, i: int) -> float:
        """Seconds feed ``i``'s host waits before answering (0.4 to 1.6 times the mean)."""
        if self.latency_ms <= 0:
            return 0.0
        host = i % self.hosts
        spread = ((host * 37) % self.hosts) / max(1, self.hosts - 1)
        return self.latency_ms * (0.4 + 1.2 * spread) / 1000

    def _changes(self, i: int) -> bool:
        h = hashlib.blake2b(f"{i}:{self.requests[i]}".encode(), digest_size=4).digest()
        return int.from_bytes(h, "big") < self.change * 2**32

    def document(self, i: int, version: int) -> bytes:
        n = self.items(i)
        newest = version + n  # item numbers newest first: version+n-1 ... version
        updated = BASE_TIME + version * 60
        link = f"https://outlet{i}.example.org"
        entries = []
        for k in range(newest - 1, version - 1, -1):
            title = TITLES[(i * 31 + k) % len(TITLES)]
            body = BODIES[(i * 17 + k * 13) % len(BODIES)]
            url = f"{link}/news/{k}?utm_source=rss"
            when = BASE_TIME + k * 60
            if i % 2 == 0:
                entries.append(
                    f"<item><title>{title}</title><link>{url}</link>"
                    f'<guid isPermaLink="false">{i}-{k}</guid>'
                    f"<pubDate>{formatdate(when, usegmt=True)}</pubDate>"
                    f"<description>&lt;p&gt;{body}&lt;/p&gt;</description></item>"
                )
            else:
                iso = _iso(when)
                entries.append(
                    f'<entry><title>{title}</title><link href="{url}"/><id>urn:feed:{i}:{k}</id>'
                    f"<updated>{iso}</updated><published>{iso}</published>"
                    f'<summary type="html">&lt;p&gt;{body}&lt;/p&gt;</summary></entry>'
                )
        if i % 2 == 0:
            doc = (
                '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
                f"<title>Outlet {i}</title><link>{link}</link><description>News from outlet {i}</description>"
                f"<lastBuildDate>{formatdate(updated, usegmt=True)}</lastBuildDate>\n"
                + "\n".join(entries)
                + "\n</channel></rss>"
            )
        else:
            doc = (
                '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
                f'<title>Outlet {i}</title><link href="{link}"/><id>{link}/</id>'
                f"<updated>{_iso(updated)}</updated>\n" + "\n".join(entries) + "\n</feed>"
            )
        return doc.encode()

    async def feed(self, request: web.Request) -> web.Response:
        try:
            i = int(request.match_info["n"])
        except ValueError:
            raise web.HTTPNotFound() from None
        if not 0 <= i < self.feeds:
            raise web.HTTPNotFound()
        self.stats["requests"] += 1
        delay = self.delay(i)
        if delay:
            await asyncio.sleep(delay)
        if self.requests[i] and self._changes(i):
            self.version[i] += 1
        self.requests[i] += 1
        version = self.version[i]
        etag = f'"{i}-{version}"'
        modified = formatdate(BASE_TIME + version * 60, usegmt=True)
        headers = {"ETag": etag, "Last-Modified": modified, "Cache-Control": "max-age=60"}
        match = request.headers.get("If-None-Match")
        if match == etag or (match is None and request.headers.get("If-Modified-Since") == modified):
            self.stats["not_modified"] += 1
            return web.Response(status=304, headers=headers)
        zipped = "gzip" in request.headers.get("Accept-Encoding", "")
        body = self.cache.get((i, version, zipped))
        if body is None:
            self.cache.pop((i, version - 1, zipped), None)
            body = self.document(i, version)
            if zipped:
                body = gzip.compress(body, 1)
            self.cache[(i, version, zipped)] = body
        if zipped:
            headers["Content-Encoding"] = "gzip"
        self.stats["ok"] += 1
        self.stats["body_bytes"] += len(body)
        content_type = "application/rss+xml" if i % 2 == 0 else "application/atom+xml"
        return web.Response(body=body, headers=headers, content_type=content_type, charset="utf-8")

    async def stats_view(self, request: web.Request) -> web.Response:
        return web.json_response(self.stats)

    async def latency_view(self, request: web.Request) -> web.Response:
        if "ms" in request.query:
            self.latency_ms = float(request.query["ms"])
        return web.json_response({"latency_ms": self.latency_ms})


async def serve(feeds: int, hosts: int, port: int, change: float, latency_ms: float) -> None:
    farm = Farm(feeds, hosts, change, latency_ms)
    app = web.Application()
    app.router.add_get("/feed/{n}.xml", farm.feed)
    app.router.add_get("/__stats", farm.stats_view)
    app.router.add_get("/__latency", farm.latency_view)
    runner = web.AppRunner(app, access_log=None, handle_signals=True)
    await runner.setup()
    first = web.TCPSite(runner, "127.0.0.1", port, backlog=4096)
    await first.start()
    port = first._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    for h in range(2, hosts + 1):
        await web.TCPSite(runner, f"127.0.0.{h}", port, backlog=4096).start()
    print(f"ready {port}", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--feeds", type=int, default=10000)
    parser.add_argument("--hosts", type=int, default=100)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--change", type=float, default=0.2)
    parser.add_argument("--latency-ms", type=float, default=0.0, help="mean wait before each response")
    parser.add_argument("--cpu", type=int, default=None, help="pin the farm to this CPU")
    args = parser.parse_args()
    if args.cpu is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {args.cpu})
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(args.feeds, args.hosts, args.port, args.change, args.latency_ms))
    return 0


if __name__ == "__main__":
    sys.exit(main())
