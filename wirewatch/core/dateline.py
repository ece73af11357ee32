"""The date an article gives itself at its head, when it gives a full one (pure).

Wire copy and many sites open with their own date: "Thu Sep 5 2013 Car bomb kills four...",
"13-08-2013 Deadly blast...", "KIRKUK, Aug 3 2013 (Reuters) -", "الرياض 21 يوليو 2015". When a feed
or a crawl stamps the article days later (a republication, a late crawl), "on Tuesday" and
"yesterday" still mean the days before the date the article was written: that date is the one
to read its time words against.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from wirewatch.core.recency import MONTHS
from wirewatch.core.scan import fold
from wirewatch.core.text import normalize

_MONTHS = {" ".join(words): number for words, number in MONTHS.items()}
_MONTH = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_PATTERNS = (
    # 13-08-2013, 13/08/2013
    re.compile(r"\b(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>(?:19|20)\d\d)\b"),
    # 2013-08-13
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"),
    # 5 September 2013, 21 يوليو 2015
    re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH})\.?,?\s+(?P<y>(?:19|20)\d\d)\b"),
    # Sep 5 2013, September 5, 2013
    re.compile(rf"\b(?P<m>{_MONTH})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>(?:19|20)\d\d)\b"),
    # Nov 272017: a page whose comma and space were stripped ("Nov 27, 2017")
    re.compile(rf"\b(?P<m>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?P<y>(?:19|20)\d\d)\b"),
)
_YEAR = re.compile(r"(?:19|20)\d\d")  # what every pattern needs: most heads have none, and cost no more
_WEEKDAY_BEFORE = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\.?,?\s*$|"
    + "(?:"
    + "|".join(
        normalize(w) for w in ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
    )
    + r")\s*،?\s*$"
)
WITH_WEEKDAY = 320  # characters of the text searched for a weekday and a full date
# What may stand before a dateline's date: nothing, a weekday, "Posted on", a city in capitals.
_OPENER = re.compile(
    r"(?:(?i:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?|posted on|published(?: on)?"
    r"|(?:last )?updated(?: at|:)?|date of publication)"
    r"|[A-Z][A-Z .'-]{1,30},?|الاثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت|الأحد)?"
)


def dateline_date(text: str) -> date | None:
    """The full date (day, month, year) an article opens with, or ``None``.

    A date counts at the very start (after a weekday, "Posted on", or a city in capitals), or
    anywhere in the first lines right after a weekday ("... AFP Tuesday 6 Aug 2013 A bomb ..."),
    as wire copy pasted into a page leaves it.
    """
    head = text[:WITH_WEEKDAY]
    folded = fold(head)
    view = folded.wide if folded is not None else head.lower()  # the same length as ``head``
    if not _YEAR.search(view):
        return None
    found: list[tuple[int, date]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(view):
            opener = head[: match.start()].strip(" ,.:-–—|")
            if not (_OPENER.fullmatch(opener) or _WEEKDAY_BEFORE.search(view[: match.start()])):
                continue  # "On 21 August 2013 the regime fired ...": the date of what it tells
            month = match.group("m")
            number = int(month) if month.isdigit() else _MONTHS.get(month, 0)
            try:
                found.append((match.start(), date(int(match.group("y")), number, int(match.group("d")))))
            except ValueError:
                continue
    return min(found)[1] if found else None


def reference_time(text: str, published: datetime | None) -> datetime | None:
    """The time to read the article's time words against: its publication time, or the date it
    opens with when that is another day (then noon of that day, in the publication's zone)."""
    if published is None:
        return None
    own = dateline_date(text)
    if own is None or own == published.date():
        return published
    return datetime.combine(own, time(12), tzinfo=published.tzinfo)
