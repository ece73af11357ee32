"""The poller on a real broker: each entry produced once, state survives a restart, pollers share
the feed list by consumer-group assignment and the survivor takes over a killed poller's feeds.

What must not happen (a feed polled by two pollers, an entry produced twice, an hourly feed
polled again) is judged after later polls that must happen: of every feed, or of a feed polled
every second beside the hourly one. Never after a fixed sleep."""

import asyncio
import subprocess
import sys
import threading
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml

from tests.integration.procs import Worker, read_topic, wait_until, worker_env
from wirewatch.feedlist import Feed, FeedList
from wirewatch.metrics import Metrics
from wirewatch.poller.assignment import GroupFeeds, StaticFeeds, publish_feed_list
from wirewatch.poller.surges import SurgeBoard, SurgeReader, request_surge
from wirewatch.testing.feeds import Item, rss
from wirewatch.testing.receivers import FeedServer
from wirewatch.topics import ARTICLES, FEED_HEALTH, FEEDS
from wirewatch.topics.admin import ensure_topics
from wirewatch.topics.reader import read_compacted
from wirewatch.topics.records import MAX_TITLE, ArticleRecord, FeedHealthEvent
from wirewatch.workers.poller import kafka_poller, make_producer

pytestmark = pytest.mark.broker
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def poll_once(settings, feeds: FeedList) -> None:
    producer = make_producer(settings)
    try:
        poller = kafka_poller(settings, StaticFeeds(feeds.feeds), Metrics.create(), producer, SurgeBoard())
        asyncio.run(poller.run(once=True))
    finally:
        producer.flush()
        producer.close()


def test_each_entry_once_across_restarts_and_edits_as_revisions(settings) -> None:
    ensure_topics(settings)
    server = FeedServer().start()
    try:
        items = [Item(f"Story {i}", f"https://example.org/{i}", f"Body {i}", NOW) for i in range(3)]
        server.put("/rss.xml", rss("Wire", "https://example.org", items))
        server.put("/gone.xml", b"", status=410)
        feeds = FeedList(
            feeds=(
                Feed(url=server.url("/rss.xml"), outlet="Wire", lang="en", allow_private=True),
                Feed(url=server.url("/gone.xml"), allow_private=True),
            )
        )

        poll_once(settings, feeds)
        first = read_topic(settings, ARTICLES, ArticleRecord)
        assert sorted(r.title for r in first) == ["Story 0", "Story 1", "Story 2"]
        assert {r.outlet for r in first} == {"Wire"} and {r.revision for r in first} == {0}

        poll_once(settings, feeds)  # a new poller: state comes back from the compacted topic
        assert len(read_topic(settings, ARTICLES, ArticleRecord)) == 3
        rss_requests = [h for p, h in server.requests if p == "/rss.xml"]
        assert rss_requests[-1].get("If-None-Match")  # it sent back the validator it had stored

        items[2] = Item("Story 2", "https://example.org/2", "Body 2, updated: three wounded", NOW)
        server.put(
            "/rss.xml",
            rss(
                "Wire",
                "https://example.org",
                [*items, Item("Story 3", "https://example.org/3", "Body 3", NOW)],
            ),
        )
        poll_once(settings, feeds)
        after = read_topic(settings, ARTICLES, ArticleRecord)
        assert len(after) == 5
        edited = [r for r in after if r.revision == 1]
        assert [r.title for r in edited] == ["Story 2"]
        assert edited[0].id == next(r.id for r in first if r.title == "Story 2")

        # The 410 feed failed three times across three pollers: its failure count survived them.
        for _ in range(settings.feed_broken_after - 3):
            poll_once(settings, feeds)
        events = read_topic(settings, FEED_HEALTH, FeedHealthEvent)
        assert [(e.feed_url, e.event, e.error_class) for e in events] == [
            (server.url("/gone.xml"), "broken", "http_410")
        ]
    finally:
        server.stop()


def test_a_one_megabyte_title_is_cut_named_once_and_its_neighbours_arrive_once(settings, caplog) -> None:
    ensure_topics(settings)
    server = FeedServer().start()
    try:
        items = [Item(f"Story {i}", f"https://example.org/{i}", f"Body {i}", NOW) for i in range(5)]
        items[2] = Item("Rockets " + "x" * 1_000_000, "https://example.org/2", "Body 2", NOW)
        server.put("/rss.xml", rss("Wire", "https://example.org", items))
        feeds = FeedList(
            feeds=(Feed(url=server.url("/rss.xml"), outlet="Wire", lang="en", allow_private=True),)
        )
        with caplog.at_level("INFO", logger="wirewatch.poller"):
            poll_once(settings, feeds)
            poll_once(settings, feeds)  # a new poller with the state the first one saved: nothing again

        records = read_topic(settings, ARTICLES, ArticleRecord)
        assert sorted(r.url for r in records) == [f"https://example.org/{i}" for i in range(5)]
        big = next(r for r in records if r.url == "https://example.org/2")
        assert big.truncated and len(big.title) == MAX_TITLE and big.title.startswith("Rockets x")
        assert not any(r.truncated for r in records if r is not big)
        said = [r.getMessage() for r in caplog.records if "past its limit" in r.getMessage()]
        assert len(said) == 1 and server.url("/rss.xml") in said[0], said
        assert not [r for r in caplog.records if r.levelname == "ERROR"]
    finally:
        server.stop()


class Traffic:
    """Which poller (by User-Agent) asked for which feed, since a mark."""

    def __init__(self, server: FeedServer) -> None:
        self.server = server
        self.mark = 0

    def reset(self) -> None:
        self.mark = len(self.server.requests)

    def since(self) -> dict[str, set[str]]:
        seen: dict[str, set[str]] = defaultdict(set)
        for path, headers in list(self.server.requests)[self.mark :]:
            seen[path].add(headers.get("User-Agent", ""))
        return seen

    def polled(self, paths: list[str], times: int) -> bool:
        """Every one of ``paths`` was asked for at least ``times`` times since the mark."""
        counts = Counter(path for path, _ in list(self.server.requests)[self.mark :])
        return all(counts[p] >= times for p in paths)


def wait_for_split(
    traffic: Traffic, paths: list[str], agents: set[str], timeout: float, workers
) -> dict[str, str]:
    """Wait until, over one window in which every feed was polled three times, every feed was
    polled by exactly one of ``agents`` and each of ``agents`` polled some; return feed -> agent.
    Windows that catch a rebalance are retried."""
    traffic.reset()
    found: dict[str, str] = {}

    def split() -> bool:
        if not traffic.polled(paths, 3):
            return False
        seen = traffic.since()
        owners = {p: seen.get(p, set()) for p in paths}
        if all(len(o) == 1 for o in owners.values()) and {a for o in owners.values() for a in o} == agents:
            found.update((p, next(iter(o))) for p, o in owners.items())
            return True
        traffic.reset()  # a window that caught a rebalance: try the next one
        return False

    try:
        wait_until(split, timeout, interval=0.2, what="the feeds to split")
    except AssertionError:
        logs = "\n".join(w.output()[-3000:] for w in workers)
        raise AssertionError(
            f"feeds never split over {sorted(agents)}: {dict(traffic.since())}\n{logs}"
        ) from None
    return found


def test_two_pollers_share_feeds_and_the_survivor_takes_over(settings, tmp_path: Path) -> None:
    ensure_topics(settings)
    server = FeedServer().start()
    paths = [f"/f{i}.xml" for i in range(12)]
    stories = {
        p: [Item(f"{p} story {j}", f"https://example.org{p}/{j}", f"Body {p} {j}", NOW) for j in range(2)]
        for p in paths
    }
    for p in paths:
        server.put(p, rss(f"Wire {p}", "https://example.org", stories[p]))
    feeds_file = tmp_path / "feeds.yaml"
    feeds_file.write_text(
        yaml.safe_dump(
            {"feeds": [{"url": server.url(p), "interval": 1, "allow_private": True} for p in paths]}
        )
    )
    workers: list[Worker] = []
    try:
        for name in ("a", "b"):
            env = worker_env(
                settings,
                WIREWATCH_FEEDS=str(feeds_file),
                WIREWATCH_USER_AGENT=f"poller-{name}",
                WIREWATCH_FETCH_HOST_RATE="200",  # all twelve feeds live on one host here
            )
            workers.append(Worker(f"poll-{name}", ["poll"], env, tmp_path))
        traffic = Traffic(server)
        split = wait_for_split(traffic, paths, {"poller-a", "poller-b"}, 120, workers)
        of_a = sorted(p for p, agent in split.items() if agent == "poller-a")
        assert 0 < len(of_a) < len(paths)

        workers[0].kill()  # SIGKILL: no goodbye to the group; the broker notices missed heartbeats
        wait_for_split(traffic, paths, {"poller-b"}, 120, workers[1:])

        # The survivor publishes what is new on the feeds it inherited, and nothing twice: judged
        # once a marker entry, added to every feed after that, was published from each.
        def publish(extra: str) -> None:
            for p in paths:
                late = [Item(f"{p} {e}", f"https://example.org{p}/{e}", e, NOW) for e in extra.split()]
                server.put(p, rss(f"Wire {p}", "https://example.org", [*reversed(late), *stories[p]]))

        def titles() -> list[str]:
            return sorted(a.title for a in read_topic(settings, ARTICLES, ArticleRecord))

        publish("late")
        wait_until(lambda: len(titles()) >= 36, 60, interval=1, what="the late entries")
        publish("late marker")
        wait_until(lambda: all(f"{p} marker" in titles() for p in paths), 60, interval=1, what="the markers")
        judged = [t for t in titles() if not t.endswith(" marker")]
        assert len(judged) == 36 and len(set(judged)) == 36, workers[1].output()[-3000:]
        assert all(f"{p} late" in judged for p in of_a)
    finally:
        for w in workers:
            w.stop()
        server.stop()


def test_a_surge_polls_its_group_faster_until_it_ends(settings) -> None:
    ensure_topics(settings)
    server = FeedServer().start()
    try:
        server.put("/hot.xml", rss("Hot", "https://example.org", []))
        server.put("/cold.xml", rss("Cold", "https://example.org", []))
        feeds = FeedList(
            feeds=(
                Feed(url=server.url("/hot.xml"), interval=3600, groups=("anbar",), allow_private=True),
                Feed(url=server.url("/cold.xml"), interval=3600, groups=("basra",), allow_private=True),
            )
        )
        producer = make_producer(settings)
        try:
            request_surge(settings, producer, "anbar", interval=1, duration=600, now=datetime.now(UTC))
        finally:
            producer.close()
        board = SurgeBoard()
        reader = SurgeReader(settings, board).start()
        try:
            wait_until(lambda: "anbar" in board.table(), 30, interval=0.2, what="the surge on the board")
            assert board.table()["anbar"].interval == 1
        finally:
            reader.stop()
        producer = make_producer(settings)
        try:
            poller = kafka_poller(settings, StaticFeeds(feeds.feeds), Metrics.create(), producer, board)

            async def run_a_while() -> None:
                task = asyncio.create_task(poller.run())
                while sum(1 for p, _ in server.requests if p == "/hot.xml") < 4:
                    await asyncio.sleep(0.1)
                poller.stop()
                await task

            asyncio.run(asyncio.wait_for(run_a_while(), 60))
        finally:
            producer.close()
        counts = {p: sum(1 for q, _ in server.requests if q == p) for p in ("/hot.xml", "/cold.xml")}
        assert counts["/hot.xml"] >= 4 and counts["/cold.xml"] <= 1
        hot = poller.slots[server.url("/hot.xml")].state
        cold = poller.slots[server.url("/cold.xml")].state
        assert hot.next_due - hot.last_attempt < timedelta(seconds=5)
        assert cold is None or cold.next_due - cold.last_attempt > timedelta(minutes=50)
    finally:
        server.stop()


def test_a_feed_dropped_from_the_list_is_withdrawn_from_the_pollers(settings) -> None:
    ensure_topics(settings)
    urls = [f"https://outlet{i}.example.org/rss.xml" for i in range(3)]
    producer = make_producer(settings)
    members = GroupFeeds(settings).start()
    try:
        assert publish_feed_list(settings, producer, [Feed(url=u) for u in urls]) == (3, 0)
        wait_until(lambda: set(members.snapshot()[1]) == set(urls), 60, 0.2, what="the member's feeds")

        kept = [urls[0], urls[2]]
        assert publish_feed_list(settings, producer, [Feed(url=u) for u in kept]) == (2, 1)
        # the running member lets the dropped feed go
        wait_until(lambda: set(members.snapshot()[1]) == set(kept), 30, 0.2, what="the feed withdrawn")

        # The same list again withdraws nothing more; the topic's last word on the feed is a tombstone.
        assert publish_feed_list(settings, producer, [Feed(url=u) for u in kept]) == (2, 0)
        last = {k: v for k, v, _ in read_compacted(settings, FEEDS)}
        assert last[urls[1]] is None and all(last[u] is not None for u in kept)
    finally:
        members.stop()
        producer.close()


def test_surge_command_speeds_up_a_running_poller_and_stops(settings) -> None:
    """``wirewatch surge start`` while a poller runs: its hourly feed in that group is polled
    every second from then on; ``surge list`` shows it, ``surge stop`` ends it; mistakes exit 2."""
    ensure_topics(settings)
    env = worker_env(settings)

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "wirewatch.cli", "surge", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )

    server = FeedServer().start()
    board = SurgeBoard()
    reader = SurgeReader(settings, board).start()
    producer = make_producer(settings)
    stop = threading.Event()
    runner: threading.Thread | None = None
    try:
        server.put("/hot.xml", rss("Hot", "https://example.org", []))
        server.put("/tick.xml", rss("Tick", "https://example.org", []))
        feed = Feed(url=server.url("/hot.xml"), interval=3600, groups=("anbar",), allow_private=True)
        # Polled every second whatever happens: what the hourly feed did is judged after its polls.
        tick = Feed(url=server.url("/tick.xml"), interval=1, allow_private=True)
        poller = kafka_poller(settings, StaticFeeds([feed, tick]), Metrics.create(), producer, board)

        def polls(path: str = "/hot.xml") -> int:
            return sum(1 for p, _ in server.requests if p == path)

        def two_more_ticks() -> None:
            ticks = polls("/tick.xml")
            wait_until(lambda: polls("/tick.xml") >= ticks + 2, 30, 0.1, what="two polls of the 1 s feed")

        async def run() -> None:
            task = asyncio.create_task(poller.run())
            while not stop.is_set():
                await asyncio.sleep(0.1)
            poller.stop()
            await task

        runner = threading.Thread(target=asyncio.run, args=(run(),))
        runner.start()
        wait_until(lambda: polls() >= 1, 30, what="the first poll")
        two_more_ticks()
        assert polls() == 1  # an hour to the next one

        started = cli("start", "anbar", "--every", "1s", "--for", "10m", "--reason", "drill \x1b[2J")
        assert started.returncode == 0, started.stderr
        assert started.stdout.startswith("anbar\tevery 1 s\tuntil ")
        wait_until(lambda: polls() >= 4, 30, what="the surge to speed the feed up")
        listed = cli("list")
        assert (
            listed.returncode == 0
            and listed.stdout.startswith("anbar\tevery 1 s")
            and "drill \\u001b[2J" in listed.stdout  # the reason, made inert for the terminal
        )
        assert "\x1b" not in started.stdout + listed.stdout

        stopped = cli("stop", "anbar")
        assert stopped.returncode == 0 and stopped.stdout == "stopped anbar\n", stopped.stderr
        assert cli("list").stdout == ""
        # The poller's board lets the surge go; then the feed's next poll goes back to its hour
        # (one poll already scheduled under the surge may still come).
        wait_until(lambda: "anbar" not in board.table(), 30, 0.1, what="the poller to see the surge end")
        settled = polls()
        two_more_ticks()
        two_more_ticks()
        assert polls() <= settled + 1

        for args, message in [
            (("stop", "anbar"), "no surge in force on 'anbar'"),
            (("start", "a/b", "--every", "1m", "--for", "1h"), "group 'a/b'"),
            (("start", "anbar", "--every", "0s", "--for", "1h"), "between 1 s and 1 d"),
            (("start", "anbar", "--every", "soon", "--for", "1h"), "--every 'soon' is not a duration"),
            (("start", "anbar", "--every", "1m", "--until", "2026-01-01T00:00"), "needs a timezone"),
        ]:
            out = cli(*args)
            assert out.returncode == 2 and message in out.stderr and "Traceback" not in out.stderr, out.stderr
    finally:
        stop.set()
        if runner is not None:
            runner.join(timeout=30)
        reader.stop()
        producer.close()
        server.stop()
