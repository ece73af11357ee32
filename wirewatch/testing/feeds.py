"""Writing RSS 2.0 and Atom documents for local feed servers (demo and tests)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Item:
    title: str
    link: str
    text: str
    published: datetime | None
    guid: str | None = None


def rss(title: str, link: str, items: Sequence[Item], ttl: int | None = None) -> str:
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0"><channel>',
        f"<title>{escape(title)}</title><link>{escape(link)}</link><description>{escape(title)}</description>",
    ]
    if ttl is not None:
        parts.append(f"<ttl>{ttl}</ttl>")
    for item in items:
        parts.append("<item>")
        parts.append(f"<title>{escape(item.title)}</title><link>{escape(item.link)}</link>")
        parts.append(f'<guid isPermaLink="false">{escape(item.guid or item.link)}</guid>')
        if item.published is not None:
            parts.append(f"<pubDate>{format_datetime(item.published)}</pubDate>")
        parts.append(f"<description>{escape(item.text)}</description>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "\n".join(parts)


def atom(title: str, link: str, items: Sequence[Item]) -> str:
    newest = max((i.published for i in items if i.published), default=None)
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f'<title>{escape(title)}</title><link href="{escape(link)}"/><id>{escape(link)}</id>',
        f"<updated>{(newest.isoformat() if newest else '2000-01-01T00:00:00+00:00')}</updated>",
    ]
    for item in items:
        parts.append("<entry>")
        parts.append(f'<title>{escape(item.title)}</title><link href="{escape(item.link)}"/>')
        parts.append(f"<id>{escape(item.guid or item.link)}</id>")
        if item.published is not None:
            parts.append(f"<updated>{item.published.isoformat()}</updated>")
            parts.append(f"<published>{item.published.isoformat()}</published>")
        parts.append(f'<summary type="text">{escape(item.text)}</summary>')
        parts.append("</entry>")
    parts.append("</feed>")
    return "\n".join(parts)
