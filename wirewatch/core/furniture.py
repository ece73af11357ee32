"""Page furniture that is not the article (pure): "Related" lists, "Read also" lines.

Feeds and crawls carry what the page put around the story: "... 87 Related Turkey Detains 49
Suspects ... Coalition Strikes Kill 10 Militants Near Iraqi Sinjar Tags ...", "Read more: <another
headline>", "اقرأ أيضا: <عنوان آخر>". Those headlines are other stories: read as part of the
article, a strike near Sinjar in a footer becomes a Nineveh hit of an article about Raqqa.

A marker's paragraph is dropped from the marker on. When the text is one long paragraph (a
flattened page), only a marker in its second half is dropped to the end: an early "Related" list
is followed by the story itself, and there is no telling where the list stops.
"""

from __future__ import annotations

import re

_MARKER = re.compile(
    r"(?:\.\.\.|\s\d{1,5})\s+Related\s+(?=[A-Z])"  # "... 87 Related Turkey Detains ..."
    r"|\bRelated (?:Articles|Stories|News|Coverage|Posts|Content|Reading)\b"
    r"|\b(?:Read|READ) (?:more|also|More|Also|MORE|ALSO)\s*:"
    r"|\b(?:See|Also) (?:also|read)\s*:"
    r"|(?:اقرأ|اقرا|إقرأ|إقرا)\s+(?:أيضا|أيضاً|ايضا|ايضاً)"
    r"|(?:مواضيع|أخبار|اخبار|مقالات)\s+ذات\s+صلة"
    r"|شاهد\s+(?:أيضا|أيضاً|ايضا|ايضاً)"
)
# Words every marker holds; the expression runs only around them ("أيضا" alone is in a
# third of Arabic articles: the verbs before it are rarer).
_CHEAP = (
    "Related",
    "Read",
    "READ",
    "See also",
    "Also read",
    "اقرأ",
    "اقرا",
    "إقرأ",
    "إقرا",
    "ذات صلة",
    "شاهد أيضا",
)
_CUES = re.compile("|".join(re.escape(cue) for cue in _CHEAP))
_LATE = 0.5  # where in a one-paragraph text a marker may start for the rest to go
_BEFORE_CUE = 12  # "... 87 Related": the ellipsis and the count before the cue
_AFTER_CUE = 40  # the marker's own words after its cue


def without_furniture(text: str) -> str:
    """``text`` with each furniture paragraph cut from its marker on (the rest of it kept)."""
    markers = _markers(text)
    if not markers:
        return text
    out: list[str] = []
    kept = 0
    for start in markers:
        if start < kept:
            continue
        end = text.find("\n", start)
        if end < 0:
            if start < _LATE * len(text):
                continue  # an early list in a flattened page: the story follows it
            end = len(text)
        out.append(text[kept:start])
        kept = end
    if not out:
        return text
    out.append(text[kept:])
    return "".join(out)


def _markers(text: str) -> list[int]:
    """Where markers start. The expression runs only in a small window around each cue word:
    run over a whole article it cost a fifth of the analysis of the Arabic corpus."""
    found: set[int] = set()
    for cue in _CUES.finditer(text):
        at = cue.start()
        match = _MARKER.search(text, max(0, at - _BEFORE_CUE), at + _AFTER_CUE)
        if match is not None:
            found.add(match.start())
    return sorted(found)
