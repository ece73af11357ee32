"""From a parsed feed entry to article fields: clean text, dates, links, identity (pure).

Takes the mapping feedparser produces for one entry (any mapping with its keys will do), so this
room needs neither the network nor feedparser itself.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from wirewatch.core.identity import article_id, fingerprint

_BLOCK_TAGS = "p div br li ul ol h1 h2 h3 h4 h5 h6 tr table blockquote section article header footer dd dt"
# A line break before every block tag, put in the markup itself: one regex pass is far cheaper
# than walking the parsed tree in Python, and the parser then decodes entities as usual.
_BLOCK_START = re.compile(r"<(/?(?:" + "|".join(_BLOCK_TAGS.split()) + r"))\b", re.IGNORECASE)
_SKIP_TAGS = ["script", "style", "noscript", "template", "iframe", "object", "svg", "head"]
_PAGE_CHROME = [*_SKIP_TAGS, "nav", "header", "footer", "aside", "form", "button", "figure", "menu"]
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_LINES = re.compile(r"\s*\n\s*")
MAX_MARKUP = 2_000_000  # characters of one summary or page that are looked at


def _tree(markup: str, fragment: bool = True) -> LexborHTMLParser:
    marked = _BLOCK_START.sub(r"\n<\1", markup[:MAX_MARKUP])
    # A fragment opens with <body> so that leading <style> or <noscript> stay where they were
    # written instead of being hoisted into <head> and leaving their text behind.
    return LexborHTMLParser("<body>" + marked if fragment else marked)


def html_to_text(markup: str) -> str:
    """Readable text from an HTML fragment: tags and scripts removed, entities decoded."""
    if "<" not in markup and "&" not in markup:
        return _tidy(markup)
    tree = _tree(markup)
    tree.strip_tags(_SKIP_TAGS)
    body = tree.body
    return _tidy(body.text(deep=True, separator="") if body is not None else "")


def article_text(page: str) -> str:
    """The main text of an article page: paragraphs of its ``<article>`` (or ``<main>``, or the
    body) with navigation, headers, footers, asides, forms and scripts removed."""
    tree = _tree(page, fragment=False)
    tree.strip_tags(_PAGE_CHROME)
    root = tree.css_first("article") or tree.css_first("main") or tree.body
    if root is None:
        return ""
    paragraphs = [_tidy(p.text(deep=True, separator="")) for p in root.css("p")]
    paragraphs = [p for p in paragraphs if p]
    if sum(len(p) for p in paragraphs) >= 200:
        return "\n".join(paragraphs)
    return _tidy(root.text(deep=True, separator=""))


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
    categories: tuple[str, ...] = ()  # the feed's <category> terms: the section it files it under


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
        categories=_categories(entry),
    )


def _categories(entry: Mapping[str, Any]) -> tuple[str, ...]:
    terms = [html_to_text(str(t.get("term") or t.get("label") or "")) for t in entry.get("tags") or ()]
    return tuple(dict.fromkeys(t[:80] for t in terms if t))[:10]
