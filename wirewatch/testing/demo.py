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


@dataclass(frozen=True)
class DemoSpec:
    feeds: dict[str, dict[str, Any]]
    items: tuple[DemoItem, ...]

    @classmethod
    def load(cls, path: Path = ITEMS_FILE) -> DemoSpec:
        raw = yaml.safe_load(path.read_text("utf-8"))
        items = tuple(DemoItem(**{k: v for k, v in i.items()}) for i in raw["items"])
        return cls(dict(raw["feeds"]), items)

    def expected_alerts(self) -> list[str]:
        return sorted({i.slug for i in self.items if i.expect == "alert"})


class DemoFeeds:
    """Renders the demo feeds at request time: each item shows once its time has come."""

    def __init__(
        self,
        spec: DemoSpec,
        base_url: str,
        started: datetime,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.spec = spec
        self.base_url = base_url
        self.started = started
        self.clock = clock

    def link(self, item: DemoItem) -> str:
        return f"{self.base_url}/news/{item.feed}/{item.slug}"

    def document(self, path: str) -> Document | None:
        name = path.strip("/").removeprefix("feeds/").removesuffix(".xml")
        feed = self.spec.feeds.get(name)
        if feed is None:
            return None
        now = self.clock()
        items = []
        for item in self.spec.items:
            if item.feed != name or self.started + timedelta(seconds=item.appear_after) > now:
                continue
            published = item.published(self.started)
            items.append(Item(item.title, self.link(item), item.text_at(published), published))
        items.reverse()  # newest first, as feeds list them
        link = f"{self.base_url}/{name}"
        if feed["kind"] == "atom":
            return Document(
                atom(feed["title"], link, items).encode(),
                "application/atom+xml; charset=utf-8",
                modified=self.started.timestamp(),
            )
        return Document(rss(feed["title"], link, items).encode(), modified=self.started.timestamp())
