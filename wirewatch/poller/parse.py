"""Feed bytes to entries: feedparser on bytes (never a URL), with the work cut to what changed.

feedparser gets the body and the response headers and nothing else: handed a string it might
open a file or a URL itself. It sets ``bozo`` instead of raising; a document that yields no
entry and is bozo is a parse error, a counted outcome.

Most refreshed feeds that did change gained an item or two and kept the rest byte for byte.
``ItemMemory`` remembers, per feed and in this process only, the digest of each item's bytes
and the article id and fingerprint it gave; the next parse hands feedparser the document's
head with only the items it has not seen (``core.feeddoc.split_items``). Anything unusual falls
back to parsing the whole document, so the memory only ever saves work, never changes results.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping
from typing import Any

import feedparser

from wirewatch.core.entries import EntryFields, entry_fields
from wirewatch.core.feeddoc import Chunks, ItemMemory, ParsedFeed, split_items, xml_hazard
from wirewatch.core.http import feed_ttl

_ROOT_TAG = re.compile(rb"<[A-Za-z]")

# feedparser first tries the libxml2 SAX driver, which is not installed: a failed import (and a
# walk of sys.path) on every parse. Expat, its fallback, is what it ends up using anyway.
if "drv_libxml2" in feedparser.api.PREFERRED_XML_PARSERS:
    feedparser.api.PREFERRED_XML_PARSERS.remove("drv_libxml2")


def _prolog(head: bytes, content_type: str) -> bytes:
    """What decides how the items' bytes read: the XML declaration, the root start tag (its
    namespaces and xml:base) and the declared content type."""
    match = _ROOT_TAG.search(head)
    end = head.find(b">", match.start()) + 1 if match else 0
    return head[: end or 512] + b"\x00" + content_type.encode("latin-1", "replace")


def _feedparser(body: bytes, headers: Mapping[str, Any]) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # feedparser warns about odd documents: they are outcomes
        # Sanitizing HTML costs a third of the parse and wirewatch never renders it: core.entries
        # reduces it to text. Relative links stay as the feed wrote them.
        return feedparser.parse(
            body, response_headers=dict(headers), sanitize_html=False, resolve_relative_uris=False
        )


def _fields(entries: list[Any]) -> list[EntryFields | None]:
    return [entry_fields(e) for e in entries]


def parse_feed(body: bytes, headers: Mapping[str, Any], memory: ItemMemory | None = None) -> ParsedFeed:
    """Entries of a feed document. Never raises for a bad document: it returns an error class."""
    if not body.strip():
        return ParsedFeed([], [], 0, None, None, "empty", "empty body")
    hazard = xml_hazard(body)
    if hazard is not None:
        return ParsedFeed([], [], 0, None, None, "xml_hazard", f"refused: {hazard}")
    chunks = split_items(body)
    prolog = _prolog(chunks.head, str(headers.get("content-type", ""))) if chunks else b""
    if chunks is not None and memory is not None and memory.prolog == prolog and memory.items:
        partial = _parse_unseen(chunks, headers, memory, prolog)
        if partial is not None:
            return partial
    return _parse_whole(body, headers, chunks, prolog)


def _parse_whole(body: bytes, headers: Mapping[str, Any], chunks: Chunks | None, prolog: bytes) -> ParsedFeed:
    parsed = _feedparser(body, headers)
    fields = _fields(parsed.entries)
    entries = [f for f in fields if f is not None]
    title = parsed.feed.get("title") or None
    ttl = feed_ttl(parsed.feed.get("ttl"))
    if parsed.bozo and not entries:
        reason = parsed.get("bozo_exception")
        return ParsedFeed(
            [], [], 0, None, None, "parse", f"not a feed: {type(reason).__name__}: {reason}"[:300]
        )
    memory = None
    if chunks is not None and len(chunks.items) == len(parsed.entries):
        # feedparser keeps document order, so item i of the bytes is entry i.
        memory = ItemMemory(
            prolog,
            {
                d: (f.id, f.fingerprint) if f is not None else None
                for d, f in zip(chunks.digests(), fields, strict=True)
            },
        )
    return ParsedFeed(entries, [], len(parsed.entries), title, ttl, memory=memory)


def _parse_unseen(
    chunks: Chunks, headers: Mapping[str, Any], memory: ItemMemory, prolog: bytes
) -> ParsedFeed | None:
    digests = chunks.digests()
    unseen = [i for i, d in enumerate(digests) if d not in memory.items]
    parsed = _feedparser(chunks.document(unseen), headers)
    if len(parsed.entries) != len(unseen):
        return None  # the bytes did not split the way the parser reads them: parse it whole
    fields = _fields(parsed.entries)
    known = dict(memory.items)
    for i, f in zip(unseen, fields, strict=True):
        known[digests[i]] = (f.id, f.fingerprint) if f is not None else None
    fresh = set(unseen)
    unchanged = [known[d] for i, d in enumerate(digests) if i not in fresh]
    return ParsedFeed(
        [f for f in fields if f is not None],
        [u for u in unchanged if u is not None],
        len(digests),
        parsed.feed.get("title") or None,
        feed_ttl(parsed.feed.get("ttl")),
        memory=ItemMemory(prolog, {d: known[d] for d in digests}),
        partial=True,
    )
