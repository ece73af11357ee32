"""What kind of piece an article is: news, or opinion, analysis, feature, sport ... (pure).

An opinion column or a feature speaks of attacks without reporting one: "the bombings of
mosques", "the raids the Houthis carry out across Yemen". Outlets say which kind a piece is in
their feeds (the item's categories) and their addresses (``/opinion/``, ``/sports/``,
``Articles/Detail`` against ``News_Detail``), and headlines say it in so many words
("Analysis:", "رأي"). This room reads those signs; ``detect`` then counts only dated attacks in
such pieces, never undated mentions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urlsplit

from wirewatch.core.text import normalize

# Words of a section name, a category or an address that say which kind of piece it is.
_KINDS: dict[str, frozenset[str]] = {
    "opinion": frozenset(
        normalize(w)
        for w in (
            "opinion opinions oped column columns columnist columnists editorial editorials views commentary"
            " comment blog blogs writers kottab maqalat ara2 araa ra2y analysis analyses interview interviews"
            " رأي راي آراء اراء مقالات مقال كتاب الكتاب أعمدة اعمدة تحليل تحليلات حوار حوارات قراءة"
        ).split()
    ),
    "sport": frozenset(
        normalize(w) for w in "sport sports football soccer رياضة الرياضة رياضي كرة xgame".split()
    ),
    "feature": frozenset(
        normalize(w)
        for w in (
            "culture arts technology tech science health lifestyle travel entertainment variety features"
            " ثقافة الثقافة فنون تقنية تكنولوجيا صحة منوعات علوم سياحة"
        ).split()
    ),
}
_NEWS = frozenset(normalize(w) for w in "news أخبار اخبار خبر".split())
_URL_WORD = re.compile(r"[A-Za-z\u0600-\u06ff]+")
# Headlines that say what the piece is before what it is about.
_HEADLINE = re.compile(
    r"^\s*(analysis|explainer|opinion|comment|feature|book review|review|interview|profile|obituary"
    r"|تحليل|قراءة|رأي|مقال|مراجعة كتاب|حوار)\b",
    re.IGNORECASE,
)


# "Four months of quiet: why the factions stopped firing", "170 هجوماً.. كيف تحولت القواعد": a
# headline that asks why or how explains; it does not report.
_ASKS = re.compile(
    r"(^|[:.؟?]\s*)(why|how|كيف|لماذا|ماذا يعني|ماذا تعني|ماذا وراء|ما دلالات|ما دلالة|what is behind)\b"
    r"|(^|[:.؟?]\s*)what does .{0,60}\bmean\b",
    re.IGNORECASE,
)
# "...: assessing five months of attacks", "a year of drone war", "حصاد عام من الهجمات": a headline
# that weighs a span of attacks reviews them; it reports none of them.
_REVIEWS = re.compile(
    r"(^|:\s*)(assessing|understanding|explained|lessons?\b|what we know)"
    r"|\b(\w+|\d+) (months|years|weeks) of (\w+ )?(attacks|strikes|drone|rocket|war|shelling|bombing|raids)\b"
    r"|\ba year of (\w+ )?(attacks|strikes|drone|rocket|war|shelling|bombing|raids)\b"
    r"|(حصاد|دروس|قراءة في)\s",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def _word(word: str) -> str:
    """A word of a section, a category or an address in matching form (they repeat: cached)."""
    return normalize(word)


def _sections(url: str) -> list[str]:
    """The section part of an address: its path up to the first id or headline slug."""
    out = []
    for segment in urlsplit(url).path.split("/"):
        if any(ch.isdigit() for ch in segment) or segment.count("-") >= 2:
            break  # "410631", "من-دون-معالجة-الخلفية": the article's own id or headline
        if segment:
            out.append(segment)
    return out[:4]


def genre(title: str, url: str = "", categories: Iterable[str] = ()) -> str:
    """``news``, or ``opinion``, ``sport`` or ``feature`` when the outlet or the headline says so."""
    if _HEADLINE.match(title):
        return "opinion"
    if _ASKS.search(title) or _REVIEWS.search(title):
        return "feature"
    words = [_word(w) for c in categories for w in _URL_WORD.findall(c)]
    words += [_word(w) for segment in _sections(url) for w in _URL_WORD.findall(segment)]
    if "articles" in words and not _NEWS.intersection(words):
        words.append("opinion")  # "Articles/Detail" beside "News_Detail": the writers' pages
    for kind, vocabulary in _KINDS.items():
        if vocabulary.intersection(words):
            return kind
    return "news"
