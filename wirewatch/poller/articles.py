"""From what the feed step found to wire records: article records, health events, feed states.

``core.feedstep`` decides which entries are news and what becomes of the feed; this room shapes
its answers into the records of the articles, feed-health and feed-state topics. A field past
its wire limit (``MAX_TITLE``, ``MAX_TEXT``, ``MAX_URL``) is cut and the record marked
``truncated``.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime

from wirewatch.core import feedstep
from wirewatch.core.feeddoc import ParsedFeed
from wirewatch.core.feedstep import NewItem, news
from wirewatch.core.health import FeedEvent
from wirewatch.topics.records import (
    MAX_TEXT,
    MAX_TITLE,
    MAX_URL,
    ArticleRecord,
    FeedHealthEvent,
    FeedRecord,
    FeedState,
)

_STATE_FIELDS = tuple(f.name for f in fields(feedstep.FeedState))


def article_record(feed: FeedRecord, outlet: str, item: NewItem, now: datetime) -> ArticleRecord:
    """The record of a new or edited entry, cut to the wire limits."""
    entry = item.entry
    truncated = len(entry.title) > MAX_TITLE or len(entry.text) > MAX_TEXT or len(entry.url) > MAX_URL
    return ArticleRecord(
        id=entry.id,
        revision=item.revision,
        url=entry.url[:MAX_URL],
        guid=entry.guid[:MAX_URL] if entry.guid else entry.guid,
        feed_url=feed.url,
        outlet=outlet[:MAX_TITLE],
        title=entry.title[:MAX_TITLE],
        text=entry.text[:MAX_TEXT],
        truncated=truncated,
        published=entry.published,
        fetched_at=now,
        lang=feed.lang,
        categories=entry.categories,
    )


def health_record(event: FeedEvent) -> FeedHealthEvent:
    return FeedHealthEvent(**event.model_dump())


def state_of(record: FeedState) -> feedstep.FeedState:
    """The feed step's state from the feed-state record."""
    return feedstep.FeedState(**{name: getattr(record, name) for name in _STATE_FIELDS})


def state_record(state: feedstep.FeedState) -> FeedState:
    """The feed-state record of the feed step's state."""
    values = {name: getattr(state, name) for name in _STATE_FIELDS}
    return FeedState(**values | {"seen": dict(state.seen), "revisions": dict(state.revisions)})


def new_articles(
    feed: FeedRecord, parsed: ParsedFeed, state: FeedState | None, now: datetime
) -> tuple[list[ArticleRecord], FeedState]:
    """Records for entries not seen before or whose text changed, and the feed's next state."""
    base = state or FeedState(url=feed.url)
    items, seen, revisions = news(parsed, base.seen, base.revisions)
    outlet = feed.outlet or parsed.title or feed.url
    records = [article_record(feed, outlet, item, now) for item in items]
    return records, base.model_copy(update={"seen": seen, "revisions": revisions})


def with_text(record: ArticleRecord, text: str) -> ArticleRecord:
    """The record with the article page's text, when that says more than the feed did."""
    if len(text) <= len(record.text):
        return record
    return record.model_copy(update={"text": text})
