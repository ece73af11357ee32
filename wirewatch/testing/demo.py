"""The demo's news: the items of ``deploy/demo/items.yaml`` rendered as feeds at a given time.

Shared by the demo (``deploy/demo/run.py``) and the test that runs every demo item through the
analyzer on every weekday, so both read the same words. Time is an input: the feeds are rendered
for the ``now`` they are given, and an item's ``{weekday}`` is the weekday of its publication.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from wirewatch.testing.feeds import Item, atom, rss
from wirewatch.testing.receivers import Document

ITEMS_FILE = Path(__file__).resolve().parents[2] / "deploy" / "demo" / "items.yaml"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS_AR = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")


@dataclass(frozen=True)
class DemoItem:
    feed: str
    slug: str
    appear_after: float  # seconds after the demo starts
    age_minutes: float  # how long before it appears it was published
    expect: str  # "alert" | "none"
    title: str
    text: str

    def published(self, started: datetime) -> datetime:
        return started + timedelta(seconds=self.appear_after) - timedelta(minutes=self.age_minutes)

    def text_at(self, published: datetime) -> str:
        """The item's words as published: ``{weekday}`` becomes the day it came out (UTC)."""
        day = published.astimezone(UTC).weekday()
        return self.text.replace("{weekday}", WEEKDAYS[day]).replace("{weekday_ar}", WEEKDAYS_AR[day])

    @property
    def name(self) -> str:
        return f"{self.feed}/{self.slug}"

    def path(self) -> str:
        """Where the item's link points on the demo's feed server (its article page)."""
        return f"/news/{self.feed}/{self.slug}"


@dataclass(frozen=True)
class DemoSpec:
    feeds: dict[str, dict[str, Any]]
    items: tuple[DemoItem, ...]
    marker: DemoItem  # shown after the expected alerts: once its alert is in, no other is on its way

    @classmethod
    def load(cls, path: Path = ITEMS_FILE) -> DemoSpec:
        raw = yaml.safe_load(path.read_text("utf-8"))
        items = tuple(DemoItem(**i) for i in raw["items"])
        return cls(dict(raw["feeds"]), items, DemoItem(**raw["marker"]))

    def expected_alerts(self) -> list[DemoItem]:
        return [i for i in self.items if i.expect == "alert"]


class DemoFeeds:
    """Renders the demo feeds at request time: each item shows once its time has come.

    Before ``start`` (or without ``started``) the feeds are served empty: the news begins when the
    pipeline is ready. ``show`` makes one more item appear from the moment it is called.
    """

    def __init__(
        self,
        spec: DemoSpec,
        base_url: str,
        started: datetime | None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.spec = spec
        self.base_url = base_url
        self.started = started
        self.clock = clock
        self.extra: list[tuple[DemoItem, datetime]] = []
        self.created = clock()

    def start(self) -> datetime:
        self.started = self.clock()
        return self.started

    def show(self, item: DemoItem) -> None:
        self.extra.append((item, self.clock()))

    def link(self, item: DemoItem) -> str:
        return f"{self.base_url}{item.path()}"

    def shown(self, now: datetime) -> list[tuple[DemoItem, datetime]]:
        """(item, its publication time) of every item out at ``now``."""
        timed = [(i, self.started) for i in self.spec.items] if self.started else []
        timed += self.extra
        return [(i, i.published(at)) for i, at in timed if at + timedelta(seconds=i.appear_after) <= now]

    def document(self, path: str) -> Document | None:
        name = path.strip("/").removeprefix("feeds/").removesuffix(".xml")
        feed = self.spec.feeds.get(name)
        if feed is None:
            return None
        out = sorted(
            ((i, published) for i, published in self.shown(self.clock()) if i.feed == name),
            key=lambda shown: shown[1],
            reverse=True,  # newest first, as feeds list them
        )
        items = [Item(i.title, self.link(i), i.text_at(published), published) for i, published in out]
        link = f"{self.base_url}/{name}"
        modified = (self.started or self.created).timestamp()
        if feed["kind"] == "atom":
            body = atom(feed["title"], link, items).encode()
            return Document(body, "application/atom+xml; charset=utf-8", modified=modified)
        return Document(rss(feed["title"], link, items).encode(), modified=modified)
