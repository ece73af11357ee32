"""The input contract of ``wirewatch analyze`` and ``wirewatch explain``: JSON Lines to ``Article``.

Each line is one JSON object; a line that is not UTF-8, not JSON or not a valid article comes
back as a message naming what is wrong (with the column where there is one), never as an
exception. It touches the file or standard input it reads, nothing else.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

from wirewatch.errors import ConfigError

if TYPE_CHECKING:
    from wirewatch.core.detect import Article


def numbered_lines(source: str) -> Iterator[tuple[int, str | UnicodeDecodeError]]:
    """Numbered lines of a file or of standard input; a line that is not UTF-8 comes as its error."""
    try:
        handle = sys.stdin.buffer if source == "-" else open(source, "rb")  # noqa: SIM115
    except FileNotFoundError:
        raise ConfigError("input file not found", path=source) from None
    with handle:
        for number, raw in enumerate(handle, start=1):
            try:
                yield number, raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield number, exc


def article_from_dict(data: Any) -> Article:
    """An ``Article`` from one input object of the analyze contract; ``ValueError`` says what is wrong."""
    from wirewatch.core.detect import Article  # here: ``wirewatch --help`` need not load the lexicon

    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    article_id = data.get("id")
    if not isinstance(article_id, str | int) or article_id == "":
        raise ValueError("missing field 'id'")
    for name in ("title", "text", "url", "outlet", "lang"):
        if data.get(name) is not None and not isinstance(data[name], str):
            raise ValueError(f"field '{name}' must be a string")
    if not (data.get("title") or data.get("text")):
        raise ValueError("needs 'title' or 'text'")
    published = data.get("published")
    when = None
    if published:
        if not isinstance(published, str):
            raise ValueError("field 'published' must be an ISO 8601 string")
        try:
            when = datetime.fromisoformat(published.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"field 'published' is not ISO 8601: {published[:40]!r}") from None
        if when.tzinfo is None:
            raise ValueError("field 'published' needs a timezone (e.g. Z or +03:00)")
    categories = data.get("categories") or ()
    if isinstance(categories, str):
        categories = (categories,)
    if not isinstance(categories, list | tuple) or not all(isinstance(c, str) for c in categories):
        raise ValueError("field 'categories' must be a string or a list of strings")
    return Article.bounded(
        id=str(article_id),
        title=data.get("title") or "",
        text=data.get("text") or "",
        url=data.get("url") or "",
        outlet=data.get("outlet") or "",
        published=when,
        lang=data.get("lang"),
        categories=tuple(categories),
    )


def article_from_line(line: str) -> Article:
    """An ``Article`` from one input line; ``ValueError`` says what is wrong."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON: {exc.msg} at column {exc.colno}") from None
    return article_from_dict(data)


def parsed(source: str) -> Iterator[tuple[int, Article | str]]:
    """(line number, Article or what is wrong with the line) for every non-blank input line."""
    for number, line in numbered_lines(source):
        if isinstance(line, UnicodeDecodeError):
            yield number, f"not UTF-8: byte {line.object[line.start]:#04x} at column {line.start + 1}"
            continue
        if not line.strip():
            continue
        try:
            yield number, article_from_line(line)
        except ValueError as exc:
            yield number, str(exc)
