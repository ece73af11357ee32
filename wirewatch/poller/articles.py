"""From a fetch outcome to article records and the feed's next remembered state.

A record goes out for an entry never seen before (revision 0) and for a seen entry whose text
changed (the same article id, revision + 1); an entry seen with the same fingerprint is not
news, wherever it moved in the document and whatever its date says. The state keeps the ids of
the current document and the most recent others, so an item that drops out and comes back is
not news either; nor is an entry whose id is new but whose words are those of one already seen
(a feed that changed its GUIDs).
"""

from __future__ import annotations

from datetime import datetime

from wirewatch.core.entries import EntryFields
from wirewatch.poller.parse import ParsedFeed
from wirewatch.topics.records import MAX_TEXT, MAX_TITLE, MAX_URL, ArticleRecord, FeedRecord, FeedState

SEEN_LIMIT = 1000  # ids remembered per feed beyond those in the current document
MIN_ALIAS_CHARS = 40  # shorter entries ("Live updates") may repeat their words as distinct items


def new_articles(
    feed: FeedRecord, parsed: ParsedFeed, state: FeedState | None, now: datetime
) -> tuple[list[ArticleRecord], FeedState]:
    """Records for entries not seen before or whose text changed, and the feed's next state."""
    base = state or FeedState(url=feed.url)
    seen = base.seen
    revisions = dict(base.revisions)
    outlet = feed.outlet or parsed.title or feed.url
    records: list[ArticleRecord] = []
    current: dict[str, str] = dict(parsed.unchanged)
    fresh: list[EntryFields] = []
    for entry in parsed.entries:
        if entry.id in current:
            continue  # the same item twice in one document
        current[entry.id] = entry.fingerprint
        fresh.append(entry)
    known_texts = set(seen.values())
    for entry in fresh:
        old = seen.get(entry.id)
        if old == entry.fingerprint:
            continue
        if old is None and entry.fingerprint in known_texts and _substantial(entry):
            # The same words under a new GUID or link: a feed that re-keyed its items (a CMS
            # migration, a GUID with a session id), not news. Remembered under its new id.
            continue
        revision = 0 if old is None else revisions.get(entry.id, 0) + 1
        if revision:
            revisions[entry.id] = revision
        truncated = len(entry.title) > MAX_TITLE or len(entry.text) > MAX_TEXT or len(entry.url) > MAX_URL
        records.append(
            ArticleRecord(
                id=entry.id,
                revision=revision,
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
        )
    # Remember the current document's ids and the most recent others, oldest forgotten first.
    older = [(k, v) for k, v in seen.items() if k not in current]
    keep = dict(older[-SEEN_LIMIT:])
    keep.update(current)
    new_state = base.model_copy(
        update={
            "seen": keep,
            "revisions": {k: v for k, v in revisions.items() if k in keep},
        }
    )
    return records, new_state


def _substantial(entry: EntryFields) -> bool:
    """Enough words that equal text means the same article, not two short stubs alike."""
    return len(entry.title) + len(entry.text) >= MIN_ALIAS_CHARS


def with_text(record: ArticleRecord, text: str) -> ArticleRecord:
    """The record with the article page's text, when that says more than the feed did."""
    if len(text) <= len(record.text):
        return record
    return record.model_copy(update={"text": text})
