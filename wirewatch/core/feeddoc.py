"""Looking at a feed document's bytes before a parser does (pure).

Two jobs. ``xml_hazard`` refuses documents whose DOCTYPE declares entities that reach outside
(``SYSTEM``/``PUBLIC``), parameter entities, entities built from other entities (the billion
laughs) or very long ones (quadratic blow-up): no real news feed needs them, and saying so
turns an attack into a counted outcome instead of trusting each parser's defences.

``split_items`` cuts a document into its head, its ``<item>``/``<entry>`` elements and its
tail, as bytes. A feed that changed usually gained one or two items and kept thirty: the
poller parses the head with only the items it has not seen byte for byte, which is the same
parser on a smaller document. The split is a cheap scan, so it is conservative: anything it
is unsure of (CDATA or comments that mention items, nesting, odd encodings) returns ``None``
and the whole document is parsed as usual.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from wirewatch.core.entries import EntryFields

_DOCTYPE = re.compile(rb"<!DOCTYPE\b", re.IGNORECASE)
_ENTITY_DECL = re.compile(rb"<!ENTITY\s+(%\s*)?([^\s>]+)\s+(SYSTEM|PUBLIC|\"[^\"]*\"|'[^']*')", re.IGNORECASE)
_NAMED_REF = re.compile(rb"&[A-Za-z_][\w.-]*;")
MAX_ENTITY_VALUE = 256  # characters; longer ones are how quadratic blow-ups are built
PROLOG_SCAN = 64 * 1024  # a DOCTYPE lives before the root element, near the top


def xml_hazard(body: bytes) -> str | None:
    """Why the document is refused, or ``None`` if its DOCTYPE (if any) is harmless."""
    head = body[:PROLOG_SCAN]
    if not _DOCTYPE.search(head):
        return None
    for match in _ENTITY_DECL.finditer(head):
        parameter, name, what = match.groups()
        label = name.decode("ascii", "replace")[:40]
        if parameter:
            return f"parameter entity {label!r} declared"
        if what.upper() in (b"SYSTEM", b"PUBLIC"):
            return f"external entity {label!r} declared"
        value = what[1:-1]
        if _NAMED_REF.search(value):
            return f"entity {label!r} is built from other entities"
        if len(value) > MAX_ENTITY_VALUE:
            return f"entity {label!r} is {len(value)} bytes long"
    return None


@dataclass(frozen=True, slots=True)
class Chunks:
    head: bytes
    items: tuple[bytes, ...]
    tail: bytes

    def digests(self) -> tuple[int, ...]:
        return tuple(item_digest(i) for i in self.items)

    def document(self, keep: list[int]) -> bytes:
        """The document with only the items at the positions in ``keep``."""
        return self.head + b"".join(self.items[i] for i in keep) + self.tail


def item_digest(raw: bytes) -> int:
    """64 bits of BLAKE2b: collisions among one feed's items are out of reach, and an int costs
    a poller with ten thousand feeds far less memory than a hex string."""
    return int.from_bytes(hashlib.blake2b(raw, digest_size=8).digest(), "big")


_OPEN = re.compile(rb"<(item|entry)[\s>/]")


def _balanced(piece: bytes) -> bool:
    """CDATA sections and comments open and close within the piece."""
    return piece.count(b"<![CDATA[") == piece.count(b"]]>") and piece.count(b"<!--") == piece.count(b"-->")


def split_items(body: bytes) -> Chunks | None:
    """Head, items and tail of an RSS or Atom document, or ``None`` when unsure."""
    first = _OPEN.search(body)
    if first is None:
        return None
    name = first.group(1)
    close = b"</" + name + b">"
    opener = re.compile(rb"<" + name + rb"[\s>/]")
    head = body[: first.start()]
    items: list[bytes] = []
    pos = first.start()
    while True:
        end = body.find(close, pos)
        if end < 0:
            return None
        end += len(close)
        item = body[pos:end]
        # An item inside an item, or a split through a CDATA section or a comment, means the
        # bytes do not say where items end: parse the whole document instead.
        if opener.search(item, 1) or not _balanced(item):
            return None
        items.append(item)
        nxt = opener.search(body, end)
        if nxt is None:
            tail = body[end:]
            break
        if body[end : nxt.start()].strip():
            return None  # something other than whitespace between items: keep it whole
        pos = nxt.start()
    if not (_balanced(head) and _balanced(tail)):
        return None
    return Chunks(head, tuple(items), tail)


# -- what a parse gave ----------------------------------------------------------------------------


@dataclass
class ItemMemory:
    """Item digests of a feed's last parsed document: digest -> (article id, fingerprint)."""

    prolog: bytes = b""
    items: dict[int, tuple[str, str] | None] = field(default_factory=dict)


@dataclass
class ParsedFeed:
    """A feed document as the parser read it (``poller.parse``), or why it could not."""

    entries: list[EntryFields]  # entries parsed this time (all, or the unseen ones)
    unchanged: list[tuple[str, str]]  # (id, fingerprint) of items known byte for byte
    count: int  # entries in the document
    title: str | None
    ttl: float | None
    error_class: str | None = None
    error: str | None = None
    memory: ItemMemory | None = None
    partial: bool = False  # parsed only the unseen items
