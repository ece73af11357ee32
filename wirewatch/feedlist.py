"""The feed list file: which feeds to poll, as whom, and how often; from YAML or OPML.

```yaml
feeds:
  - url: https://news.example.org/rss.xml
    outlet: Example News     # display name; defaults to the feed's own title
    interval: 300            # seconds between polls; optional
    lang: en                 # language of its items when known; optional
    groups: [IQ, IQ-AN]      # surge groups (see core.schedule); place ids surge on incidents
    full_text: true          # fetch each new item's page when the feed carries only a headline
    allow_private: false     # true lets it point at loopback or private addresses
```

An OPML file (what feed readers export: ``<outline type="rss" xmlUrl=... text=...>``, nested
outlines as folders) is read as a feed list too: the folder names become groups, and an
outline's ``allowPrivate="true"`` (or ``wirewatch:allowPrivate`` with a namespace) is
``allow_private``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from wirewatch import yamlfile
from wirewatch.core.schedule import group_name
from wirewatch.errors import ConfigError
from wirewatch.logs import untrusted
from wirewatch.validation import CheckedAsWritten, Loc, plain_message


class Feed(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    url: str
    outlet: str | None = Field(default=None, description="display name; the feed's own title when unset")
    interval: float | None = Field(default=None, ge=1, le=86400, description="seconds between polls")
    lang: str | None = Field(default=None, description="language of the feed's items when known (ar, en ...)")
    groups: tuple[str, ...] = Field(
        default=(), description="surge groups (letters, digits, . _ -): a surge on one polls this feed faster"
    )
    full_text: bool = Field(
        default=False, description="fetch the linked page of each new item for its full text"
    )
    allow_private: bool = Field(
        default=False,
        description="may point at (or redirect to) loopback, link-local or private addresses",
    )

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"not an http(s) URL: {value!r}")
        return value.strip()

    @field_validator("groups")
    @classmethod
    def _group_names(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(group_name(group) for group in value)


class FeedList(CheckedAsWritten):
    model_config = ConfigDict(frozen=True, extra="forbid")

    feeds: tuple[Feed, ...] = ()

    @classmethod
    def references(cls, data: Any) -> list[tuple[Loc, str]]:
        """Feeds listed twice (the second listing is the problem)."""
        listed = data.get("feeds") if isinstance(data, dict) else None
        seen: dict[str, int] = {}
        twice: list[tuple[Loc, str]] = []
        for index, feed in enumerate(listed if isinstance(listed, list | tuple) else []):
            url = feed.get("url") if isinstance(feed, dict) else getattr(feed, "url", None)
            if not isinstance(url, str):
                continue
            if url.strip() in seen:
                twice.append(
                    (("feeds", index, "url"), f"listed twice: feeds[{seen[url.strip()]}] has the same URL")
                )
            seen.setdefault(url.strip(), index)
        return twice


def is_opml(path: str | Path) -> bool:
    """Whether a feed list file is OPML: named ``.opml`` or ``.xml``, or starting like XML."""
    path = Path(path)
    if path.suffix.lower() in (".opml", ".xml"):
        return True
    try:
        start = path.read_bytes()[:200].lstrip()
    except OSError:
        return False  # yamlfile.load reports the missing file properly
    return start.startswith((b"<?xml", b"<opml"))


def load_feed_list(path: str | Path) -> FeedList:
    """A feed list from YAML, or from OPML when the file is ``.opml`` or starts like XML."""
    return load_opml(path) if is_opml(path) else yamlfile.load(path, FeedList)


def _group_name(title: str) -> str:
    name = re.sub(r"[^\w.-]+", "-", title.strip()).strip("-")[:64]
    return name or "folder"


def parse_opml(data: bytes, source: str = "OPML") -> FeedList:
    """Feeds from OPML bytes; folders become groups; duplicate URLs are kept once."""
    if b"<!DOCTYPE" in data[:4096].upper() or b"<!ENTITY" in data.upper():
        raise ConfigError("OPML with a DOCTYPE or entities is not accepted", path=source)
    try:
        root = ET.fromstring(data)  # noqa: S314 - no DOCTYPE, so no entities to expand
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise ConfigError(f"not valid OPML: {exc}", path=source, line=line) from None
    if root.tag != "opml":
        raise ConfigError(f"not OPML: the root element is <{root.tag}>", path=source)
    body = root.find("body")
    feeds: list[Feed] = []
    seen: set[str] = set()

    def walk(node: ET.Element, groups: tuple[str, ...]) -> None:
        for outline in node.findall("outline"):
            url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
            title = (outline.get("title") or outline.get("text") or "").strip()
            if url:
                if url in seen:
                    continue
                seen.add(url)
                lang = (outline.get("language") or "").strip()[:8] or None
                label = title or url
                allow_private = _allow_private(outline, source, label)
                try:
                    feeds.append(
                        Feed(
                            url=url,
                            outlet=title or None,
                            groups=groups,
                            lang=lang,
                            allow_private=allow_private,
                        )
                    )
                except ValidationError as exc:
                    message = plain_message(exc.errors()[0], Feed)
                    raise ConfigError(message, path=source, field=f"outline[{label}].xmlUrl") from None
            else:
                walk(outline, (*groups, _group_name(title)) if title else groups)

    if body is not None:
        walk(body, ())
    return FeedList(feeds=tuple(feeds))


def _allow_private(outline: ET.Element, source: str, label: str) -> bool:
    """The outline's ``allowPrivate`` attribute (with or without a namespace prefix such as
    ``wirewatch:``): what ``allow_private`` is in a YAML feed list."""
    given = [value for key, value in outline.attrib.items() if key.rpartition("}")[2] == "allowPrivate"]
    value = given[0].strip().lower() if given else "false"
    if value not in ("true", "false"):
        raise ConfigError(
            f'should be "true" or "false", not {untrusted(given[0], 40)}',
            path=source,
            field=f"outline[{label}].allowPrivate",
        )
    return value == "true"


def load_opml(path: str | Path) -> FeedList:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError("file not found", path=str(path)) from None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", path=str(path)) from None
    return parse_opml(data, str(path))
