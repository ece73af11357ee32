"""From a parsed feed entry to article fields: clean text, dates, links, identity (pure).

Takes the mapping feedparser produces for one entry (any mapping with its keys will do), so this
room needs neither the network nor feedparser itself.
"""

from __future__ import annotations

import calendar
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

from wirewatch.core.identity import article_id, fingerprint

_BLOCK_TAGS = frozenset("p div br li ul ol h1 h2 h3 h4 h5 h6 tr table blockquote section article".split())
_SKIP_TAGS = frozenset(("script", "style", "noscript", "template", "iframe", "object"))
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_LINES = re.compile(r"\s*\n\s*")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Readable text from an HTML fragment: tags and scripts removed, entities decoded."""
    if "<" not in markup and "&" not in markup:
        return _tidy(markup)
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    return _tidy(
        html.unescape("".join(parser.parts)) if "&" in "".join(parser.parts) else "".join(parser.parts)
    )


def _tidy(text: str) -> str:
    text = _SPACES.sub(" ", text)
    return _LINES.sub("\n", text).strip()


@dataclass(frozen=True, slots=True)
class EntryFields:
    id: str
    fingerprint: str
    url: str
    guid: str | None
    title: str
    text: str
    published: datetime | None


def _date(entry: Mapping[str, Any]) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
            except (TypeError, ValueError, OverflowError):
                continue
    return None


def _body(entry: Mapping[str, Any]) -> str:
    contents = entry.get("content") or []
    best = ""
    for item in contents:
        value = item.get("value", "") if isinstance(item, Mapping) else ""
        if len(value) > len(best):
            best = value
    summary = entry.get("summary") or entry.get("description") or ""
    return best if len(best) >= len(summary) else summary


def entry_fields(entry: Mapping[str, Any]) -> EntryFields | None:
    """The article fields of a feed entry, or ``None`` when it has neither title, text nor link."""
    title = html_to_text(str(entry.get("title") or ""))
    text = html_to_text(str(_body(entry)))
    link = str(entry.get("link") or "")
    guid = entry.get("id") or entry.get("guid")
    guid = str(guid) if guid else None
    if not (title or text or link):
        return None
    return EntryFields(
        id=article_id(link, guid, title, text),
        fingerprint=fingerprint(title, text),
        url=link,
        guid=guid,
        title=title,
        text=text,
        published=_date(entry),
    )
