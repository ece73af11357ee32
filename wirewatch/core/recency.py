"""When did it happen? Time expressions relative to an article's publication (pure).

This room reads the time words of a sentence ("أمس", "منتصف أبريل الماضي", "الأحد والاثنين",
"last month", "in January 2020", "on Tuesday") and says how many days before publication each
points to. An attack mention is *current* when its time is within ``CURRENT_DAYS`` of
publication or says today/yesterday/hours ago, and *past* when it points further back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from wirewatch.core.lexicon import QUARTER_WORDS, term_list, word_forms
from wirewatch.core.numbers import number_word
from wirewatch.core.text import normalize

# The region's clock (Iraq, Syria and Jordan keep UTC+3): the day a text means by "on Friday" or
# "tonight" is the day where the attack happened.
REGION_TIME = timezone(timedelta(hours=3))

# An attack up to this many days before publication is news; older ones are references. Two days:
# "the day before yesterday" and "on Tuesday" in a Thursday paper are how outlets date the news
# they are still reporting (readers of real streams call those attacks current).
CURRENT_DAYS = 2.0
PERIOD_PAST_DAYS = 7  # "over the past N days" from this long on is a tally, not today's attack


@dataclass(frozen=True, slots=True)
class TimeRef:
    """A time expression: ``days_ago`` is ``None`` when it only says "recent" without a number."""

    kind: str  # "current" | "past"
    days_ago: float | None
    first: int
    last: int
    text: str
    explicit: bool = False  # "today", "yesterday", "hours ago": says *now* in so many words


def _n(words: str) -> tuple[str, ...]:
    return tuple(normalize(words).split())


def _phrases(text: str, days: float) -> dict[tuple[str, ...], float]:
    return {_n(p): days for p in term_list(text)}


_CURRENT_PHRASES: dict[tuple[str, ...], float] = {
    **_phrases(
        """
        اليوم | الليلة | الليلة الماضية | ليل | فجر اليوم | صباح اليوم | ظهر اليوم | مساء اليوم
        قبل ساعات
        منذ ساعات | قبل قليل | قبل ساعة | منذ قليل | في وقت سابق اليوم | في وقت سابق من اليوم | للتو
        today | tonight | this morning | this afternoon | this evening | last night | overnight
        hours ago
        earlier today | early hours | moments ago | just now | breaking
        past 24 hours | last 24 hours | الساعات الأربع والعشرين الماضية | الـ24 ساعة الماضية | 24 ساعة الماضية
    """,
        0.0,
    ),
    **_phrases("أول أمس | اول امس | أول من أمس | أمس الأول | قبل أمس | the day before yesterday", 2.0),
    **_phrases(
        """
        أمس | البارحة | مساء أمس | صباح أمس | ليل أمس | ليلة أمس | فجر أمس | ظهر أمس
        yesterday | late yesterday | the previous day
    """,
        1.0,
    ),
}
_PAST_PHRASES: dict[tuple[str, ...], float] = {
    **_phrases("الأسبوع الماضي | last week | the previous week", 7),
    # not today's or yesterday's, or the text would say so
    **_phrases(
        "earlier this week | earlier in the week | مطلع الأسبوع | مطلع الأسبوع الجاري | مطلع هذا الأسبوع"
        " | في وقت سابق من هذا الأسبوع | في وقت سابق من الأسبوع",
        3,
    ),
    # "the remains of three soldiers killed ... last weekend", in a Friday paper: some days back
    **_phrases("نهاية الأسبوع الماضي | last weekend | the previous weekend", 5),
    **_phrases("الشهر الماضي | last month | earlier this month", 30),
    **_phrases("this month | هذا الشهر | الشهر الجاري | الشهر الحالي", 10),
    **_phrases("العام الماضي | السنة الماضية | العام الفائت | last year | previous year", 365),
    **_phrases("الأعوام الماضية | السنوات الماضية", 730),
    **_phrases("الأشهر الماضية | in recent months | past months", 90),
    **_phrases("الأسابيع الماضية | in recent weeks | past weeks", 21),
    **_phrases("مطلع العام | بداية العام | earlier this year", 60),
    **_phrases("past year", 180),
    **_phrases("past decade | last decade | العقد الماضي | العقد الأخير", 1800),
    # the dual: "خلال الشهرين الماضيين", over the past two months
    **_phrases("الأسبوعين الماضيين | الاسبوعين الماضيين", 14),
    **_phrases("الشهرين الماضيين | الشهرين الأخيرين", 60),
    **_phrases("العامين الماضيين | السنتين الماضيتين", 730),
}
# "that night", "تلك الليلة": a time word pointed at another time, not the article's day.
_DEMONSTRATIVES = frozenset(_n("تلك ذلك that the same"))
_NEED = frozenset(_n("الحاجة حاجة"))
_SINGLE = frozenset(_n("الواحد الآخر"))  # "في اليوم الواحد": in a single day; "اليوم الآخر": the Last Day
_NIGHT = frozenset(_n("ليل"))  # "tonight" alone, the night of the day named after it
_MAX_PHRASE = max(len(k) for k in (*_CURRENT_PHRASES, *_PAST_PHRASES))

_BROKEN = frozenset("the a an through down up away out into its their his her".split())
_DEADLINE = frozenset(_n("by until till بحلول"))
_TOGETHER = frozenset(_n("معا معاً"))
_BOTH = frozenset(_n("كلا هذين هذان"))
_WEEKDAYS = {  # Monday = 0, as datetime.weekday()
    **{
        normalize(w): i
        for i, w in enumerate(("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"))
    },
    **{
        w: i
        for i, w in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
    },
}
# Month names in matching form, as word tuples ("كانون الثاني" is two); core.dateline reads them too.
MONTHS: dict[tuple[str, ...], int] = {}
for _i, _names in enumerate(
    (
        ("يناير", "كانون الثاني", "january", "jan"),
        ("فبراير", "شباط", "february", "feb"),
        ("مارس", "آذار", "march", "mar"),
        ("أبريل", "ابريل", "نيسان", "april", "apr"),
        ("مايو", "أيار", "may"),
        ("يونيو", "حزيران", "june", "jun"),
        ("يوليو", "تموز", "july", "jul"),
        ("أغسطس", "آب", "august", "aug"),
        ("سبتمبر", "أيلول", "september", "sep", "sept"),
        ("أكتوبر", "تشرين الأول", "october", "oct"),
        ("نوفمبر", "تشرين الثاني", "november", "nov"),
        ("ديسمبر", "كانون الأول", "december", "dec"),
    ),
    start=1,
):
    for _name in _names:
        MONTHS[_n(_name)] = _i
# Words that may be a month or something else ("may" the verb, "آب" father, "mar" to spoil):
# counted only next to a day number, a year, or a preposition of time.
_WEAK_MONTHS = {
    _n(w)
    for w in (
        "may",
        "آب",
        "mar",
        "jan",
        "feb",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "مارس",
    )
}
_MONTH_LEAD = {
    normalize(w)
    for w in (
        "in",
        "since",
        "early",
        "late",
        "mid",
        "on",
        "في",
        "منتصف",
        "مطلع",
        "أواخر",
        "اواخر",
        "أوائل",
        "بداية",
        "نهاية",
        "شهر",
        "خلال",
        "منذ",
    )
}
_PART_OF_MONTH = {
    normalize("منتصف"): 15,
    "mid": 15,
    normalize("مطلع"): 3,
    normalize("أوائل"): 5,
    normalize("بداية"): 3,
    "early": 5,
    normalize("أواخر"): 26,
    normalize("نهاية"): 27,
    "late": 26,
    normalize("اواخر"): 26,
}
_LAST = {normalize(w) for w in ("الماضي", "الماضية", "الفائت", "المنصرم", "last", "past", "previous")}
_LAST_BEFORE = frozenset(("last", "past", "previous"))  # English puts them before the weekday
_AGO_UNITS = {
    # the accusative singular follows a number from 11 on: "بعد 470 يوماً", "منذ 15 عاماً"
    **{normalize(w): 1 for w in ("يوم", "أيام", "ايام", "يومين", "يوما", "يوماً", "days", "day")},
    **{
        normalize(w): 7
        for w in (
            "أسبوع",
            "اسبوع",
            "أسابيع",
            "اسابيع",
            "أسبوعين",
            "اسبوعين",
            "أسبوعا",
            "اسبوعا",
            "weeks",
            "week",
        )
    },
    **{normalize(w): 30 for w in ("شهر", "أشهر", "اشهر", "شهور", "شهرين", "شهرا", "شهراً", "months", "month")},
    **{
        normalize(w): 365
        for w in (
            "عام",
            "أعوام",
            "اعوام",
            "سنة",
            "سنوات",
            "سنين",
            "عامين",
            "سنتين",
            "عاما",
            "عاماً",
            "years",
            "year",
        )
    },
}
_DUAL_UNITS = {normalize(w) for w in ("يومين", "أسبوعين", "اسبوعين", "شهرين", "عامين", "سنتين")}
_AGO_BEFORE = {normalize("قبل"), normalize("منذ")}
_BEFORE, _FROM = normalize("قبل"), normalize("من")
_SOME_DAYS = {normalize(w) for w in ("أيام", "ايام", "days")}
# "three days ago", "two years after the strike", "a year since", "five years on", "خمس سنوات على"
_AGO_AFTER = {normalize(w) for w in ("ago", "after", "since", "on", "later", "على")}
_PASSAGE = {normalize(w) for w in ("مرور", "بعد")}
_AGE = frozenset(_n("العمر عمره عمرها البالغ يبلغ تبلغ بعمر aged age"))
_YEAR_LEAD = {
    normalize(w)
    for w in (
        "عام",
        "سنة",
        "في",
        "in",
        "since",
        "خريف",
        "ربيع",
        "صيف",
        "شتاء",
        "منذ",
        "autumn",
        "fall",
        "spring",
        "summer",
        "winter",
        "of",
    )
}


# Days named by a fixed-date holiday: "On Christmas Day, a drone struck Erbil" in a January story.
_HOLIDAYS: dict[tuple[str, ...], tuple[int, int]] = {
    ("christmas", "day"): (12, 25),
    ("christmas", "eve"): (12, 24),
    ("new", "year", "s", "day"): (1, 1),
    ("new", "year", "s", "eve"): (12, 31),
    ("boxing", "day"): (12, 26),
}


_HOLIDAY_FIRST = frozenset(key[0] for key in _HOLIDAYS)


def _holiday_at(words: list[str], i: int, published: datetime | None) -> tuple[str, float | None, int] | None:
    if words[i] not in _HOLIDAY_FIRST:
        return None
    for key, (month, day) in _HOLIDAYS.items():
        if tuple(words[i : i + len(key)]) == key:
            if published is None:
                return None
            year = published.year if (month, day) <= (published.month, published.day) else published.year - 1
            days = _days_between(published, date(year, month, day))
            return ("past" if days > CURRENT_DAYS else "current"), days, len(key)
    return None


_WEEKEND = "weekend"
_OVER_THE = frozenset(("over", "at", "during"))


# "shortly after 8 a.m., killing two men", "الساعة الرابعة فجراً": a time of day with no day named
# is the report's own day. Read only when asked (a sentence that tells harm: history pieces and
# earthquakes give clock times too) and only when the sentence names no other time.
_MERIDIEM = frozenset((("a", "m"), ("p", "m")))
_MERIDIEM_GLUED = re.compile(r"\d{1,2}(?:am|pm)")
_HOUR = frozenset(_n("الساعة الساعه"))
_HOUR_WORDS = frozenset(
    _n("الواحدة الثانية الثالثة الرابعة الخامسة السادسة السابعة الثامنة التاسعة العاشرة الحادية")
)
_HOUR_TAIL = frozenset(_n("عشرة والنصف والربع ونصف وربع"))
_DAY_PARTS = frozenset(_n("صباحاً صباحا مساءً مساء مساءا فجراً فجرا ظهراً ظهرا ليلاً ليلا عصراً عصرا"))


def _clock_at(words: list[str], i: int) -> int:
    """The length of a clock time at ``i`` (0: none)."""
    word = words[i]
    if _MERIDIEM_GLUED.fullmatch(word):
        return 1
    if word.isdigit() and len(word) <= 2 and 1 <= int(word) <= 12:
        k = i + 1
        if k < len(words) and words[k].isdigit() and len(words[k]) == 2:
            k += 1  # "10 30 p m": 10:30 p.m.
        return k + 2 - i if tuple(words[k : k + 2]) in _MERIDIEM else 0
    if word not in _HOUR or i + 1 >= len(words):
        return 0
    k = i + 1
    if not (words[k] in _HOUR_WORDS or (words[k].isdigit() and len(words[k]) <= 2)):
        return 0
    k += 1
    while k < len(words) and (words[k] in _HOUR_TAIL or (words[k].isdigit() and len(words[k]) == 2)):
        k += 1
    return k + 1 - i if k < len(words) and words[k] in _DAY_PARTS else 0


def _triggers() -> frozenset[str]:
    words = {k[0] for k in (*_CURRENT_PHRASES, *_PAST_PHRASES, *_HOLIDAYS)}
    words |= {k[0] for k in MONTHS} | set(_PART_OF_MONTH) | set(_WEEKDAYS) | _AGO_BEFORE | _PASSAGE
    words |= _DUAL_UNITS | _SOME_DAYS | {_WEEKEND} | _HOUR
    return frozenset(words)


_TRIGGERS = _triggers()


def _may_start(word: str) -> bool:
    """Whether a time expression can start at this word (a cheap test before the parsers)."""
    if word[:1].isdigit() or number_word(word) is not None:
        return True
    return any(form in _TRIGGERS for form in word_forms(word))


_STARTS: dict[str, bool] = {}  # word -> _may_start(word), for the words seen (news vocabulary repeats)


def _starts(words: list[str]) -> list[int]:
    """Indices of the words at which a time expression may start."""
    known = list(map(_STARTS.get, words))
    if None in known:
        if len(_STARTS) > 65536:
            _STARTS.clear()
        _STARTS.update((w, _may_start(w)) for w in words if w not in _STARTS)
        known = list(map(_STARTS.get, words))
    return [k for k, start in enumerate(known) if start]


def _int(word: str) -> int | None:
    return int(word) if word.isdigit() and len(word) <= 4 else None


def _days_between(published: datetime, when: date) -> float:
    return float((published.date() - when).days)


def find_time_refs(words: list[str], published: datetime | None, clocks: bool = False) -> list[TimeRef]:
    """Time expressions in a sentence (its tokens' matching forms), each with the days before
    publication it points to. With ``clocks``, a clock time ("8 a.m.") dates a sentence that names
    no other time to the day of publication."""
    out: list[TimeRef] = []
    clock_refs: list[TimeRef] = []
    i = 0
    for start in _starts(words):
        if start < i:
            continue  # inside the time found before
        i = start
        size = _clock_at(words, i) if clocks else 0
        if size:
            clock_refs.append(TimeRef("current", 0.0, i, i + size - 1, " ".join(words[i : i + size])))
            i += size
            continue
        ref = (
            _phrase_at(words, i)
            or _weekend_at(words, i, published)
            or _ago_at(words, i)
            or _month_at(words, i, published)
            or _holiday_at(words, i, published)
        )
        if ref is not None and words[i] in _NIGHT and i + 1 < len(words):
            ref = _night_of(words, i + 1, published) or ref
        weekday = None if ref else _weekday_at(words, i, published)
        if weekday is not None and i + weekday[2] < len(words):
            # "الاثنين 11 كانون الأول", "Monday, Dec. 11": the date says which Monday
            dated = _month_at(words, i + weekday[2], published)
            if dated is not None:
                weekday = (dated[0], dated[1], weekday[2] + dated[2])
        ref = ref or weekday or _year_at(words, i, published)
        if ref is None:
            continue
        kind, days, size = ref
        if kind == "current" and i + size < len(words) and words[i + size] in _NEED | _SINGLE:
            i += size  # "بأمس الحاجة": in dire need, not yesterday; "اليوم الواحد": a day's worth
            continue
        if words[i] == "breaking" and i + 1 < len(words) and words[i + 1] in _BROKEN:
            i += size  # "breaking the siege", "breaking through": a verb, not the BREAKING flag
            continue
        if words[i] == _BEFORE and i + size < len(words) and words[i + size] == _FROM:
            i += size  # "غادروا المكان قبل ساعات من الإطلاق": hours before the launch, not hours ago
            continue
        if (
            kind == "current"
            and i > 0
            and words[i - 1] in _DEMONSTRATIVES
            and words[i] not in _LAST | {_WEEKEND}
        ):
            i += size  # "تلك الليلة", "that night": another time than the article's
            continue
        if (
            kind == "past"
            and ref is not weekday
            and i + size < len(words)
            and (words[i + size],) in _CURRENT_PHRASES
        ):
            size += 1  # "six years ago today" is one past time; not "الاثنين الماضي، اليوم الخميس"
        elif kind == "past" and _weekday_next(words, i + size):
            size += 2  # "one year ago this Friday"
        if kind == "current" and days == 0.0 and (back := _evening_before(words[i : i + size], published)):
            days = back  # "this evening" in a statement put out at 1 a.m.: the evening before
        text = " ".join(words[i : i + size])
        explicit = kind == "current" and any(
            (f, *words[i + 1 : i + size]) in _CURRENT_PHRASES for f in word_forms(words[i])
        )
        out.append(TimeRef(kind, days, i, i + size - 1, text, explicit))
        i += size
    return out or clock_refs


def _night_of(words: list[str], k: int, published: datetime | None) -> tuple[str, float | None, int] | None:
    """ "ليل الجمعة" is Friday night, not tonight; "ليل الأحد الاثنين" (or "الأحد/الاثنين") is the
    night from Sunday into Monday, dated by the morning it ended in."""
    night = _weekday_at(words, k, published)
    if night is None:
        return None
    after = _weekday_at(words, k + night[2], published) if k + night[2] < len(words) else None
    if after is not None and night[1] is not None and after[1] is not None and night[1] - after[1] == 1:
        return after[0], after[1], 1 + night[2] + after[2]
    return night[0], night[1], 1 + night[2]


def _weekday_next(words: list[str], k: int) -> bool:
    """ "this Friday", "on Friday" right after a past time: the anniversary's weekday (not "Monday
    and Tuesday")."""
    return k + 1 < len(words) and words[k] in ("this", "on") and words[k + 1] in _WEEKDAYS


# The evening and night words of the day of publication. Published in the small hours (the
# region's time, as incidents read days), "tonight" is the night that is ending: the day before.
_EVENING = frozenset(_n("tonight evening overnight الليلة مساء ليل"))
_SMALL_HOURS = 6
_EVENING_HOUR = 21  # where such an evening is put: 9 p.m. the day before, in the region's time


def _evening_before(phrase: Sequence[str], published: datetime | None) -> float:
    """How many days before publication "this evening" is, when it is the evening that has ended
    (0.0 when it is the publication's own evening). 9 p.m. the day before, so that an evening
    told at 1 a.m. still comes after the same day's afternoon."""
    if published is None or published.tzinfo is None or not any(w in _EVENING for w in phrase):
        return 0.0
    local = published.astimezone(REGION_TIME)
    if local.hour >= _SMALL_HOURS:
        return 0.0
    return (local.hour + local.minute / 60 + 24 - _EVENING_HOUR) / 24


def _weekend_at(words: list[str], i: int, published: datetime | None) -> tuple[str, float | None, int] | None:
    """ "killed three soldiers over the weekend": the Sunday before publication (a Thursday's
    "over the weekend" is four days back, a Monday's one)."""
    if (
        words[i] != _WEEKEND
        or published is None
        or i < 2
        or words[i - 1] != "the"
        or words[i - 2] not in _OVER_THE
    ):
        return None
    days = float((published.weekday() - 6) % 7) or 7.0  # Sunday is weekday 6; on a Sunday, the last one
    return ("past" if days > CURRENT_DAYS else "current"), days, 1


def _phrase_at(words: list[str], i: int) -> tuple[str, float | None, int] | None:
    for size in range(min(_MAX_PHRASE, len(words) - i), 0, -1):
        for first in word_forms(words[i]):
            key = (first, *words[i + 1 : i + size])
            if key in _CURRENT_PHRASES:
                return "current", _CURRENT_PHRASES[key], size
            if key in _PAST_PHRASES:
                return "past", _PAST_PHRASES[key], size
    return None


def _ago_at(words: list[str], i: int) -> tuple[str, float | None, int] | None:
    # "قبل ثلاثة أيام", "منذ عامين", "3 days ago", "two weeks ago"
    w = words[i]
    if w in _AGO_BEFORE and i + 1 < len(words):
        if words[i + 1] in _DUAL_UNITS:
            return "past", 2.0 * _AGO_UNITS[words[i + 1]], 2
        count = number_word(words[i + 1])
        if count is not None and i + 2 < len(words) and words[i + 2] in _AGO_UNITS:
            days = count * _AGO_UNITS[words[i + 2]]
            return ("past" if days > CURRENT_DAYS else "current"), float(days), 3
        if words[i + 1] in _AGO_UNITS and _AGO_UNITS[words[i + 1]] >= 7:
            return "past", float(_AGO_UNITS[words[i + 1]]), 2
        if words[i + 1] in _SOME_DAYS:  # "قبل أيام": some days back, more than a current attack's two
            return "past", 3.0, 2
    if w in _SOME_DAYS and i + 1 < len(words) and words[i + 1] in ("ago", "after"):  # "(a few) days ago"
        return "past", 3.0, 2  # "days after Washington blamed them for the attack": days before now
    if w in _PASSAGE and i + 1 < len(words):  # "مرور عامين على", "مرور خمس سنوات"
        inner = _ago_at([_n("قبل")[0], *words[i + 1 :]], 0)
        if inner is not None:
            return inner[0], inner[1], inner[2]
    count = number_word(w)
    if count is not None and i + 2 < len(words) and words[i + 1] in _AGO_UNITS and words[i + 2] in _AGO_AFTER:
        if _AGE.intersection(words[max(0, i - 3) : i]):
            return None  # "يبلغ من العمر 33 عاماً على خلفية ...": an age, not a time
        days = count * _AGO_UNITS[words[i + 1]]
        if words[i + 2] != "ago" and days <= CURRENT_DAYS:
            return None  # "two days later", "a day after the strike": counted from another event
        return ("past" if days > CURRENT_DAYS else "current"), float(days), 3
    if w in _DUAL_UNITS and i + 1 < len(words) and words[i + 1] in _AGO_AFTER:  # "عامين على"
        return "past", 2.0 * _AGO_UNITS[w], 2
    return _period_at(words, i)


def _period_at(words: list[str], i: int) -> tuple[str, float | None, int] | None:
    """A period reaching up to now: "over the past three years", "الأشهر الثلاثة الماضية". A week or
    more is a tally or a campaign (past); a few days is a bombardment still going on (current)."""
    w = words[i]
    count, days = None, 0
    if w in _PERIOD_EN and i + 2 < len(words) and words[i + 2] in _AGO_UNITS:
        count, days = number_word(words[i + 1]), _AGO_UNITS[words[i + 2]]
    elif w in _AGO_UNITS and i + 2 < len(words) and words[i + 2] in _LAST:
        count, days = number_word(words[i + 1]), _AGO_UNITS[w]
    if count is None:
        return None
    return ("past", float(count * days), 3) if count * days >= PERIOD_PAST_DAYS else ("current", 0.0, 3)


_PERIOD_EN = frozenset(("past", "last"))


def _month_at(words: list[str], i: int, published: datetime | None) -> tuple[str, float | None, int] | None:
    day: int | None = None
    start = i
    if any(w in QUARTER_WORDS for w in words[max(0, i - 2) : i]):
        return None  # "حي واحد حزيران", "حي 17 تموز": a quarter named after a date
    if words[i] in _PART_OF_MONTH:
        day, i = _PART_OF_MONTH[words[i]], i + 1
    elif _int(words[i]) is not None and 1 <= (_int(words[i]) or 0) <= 31:
        day, i = _int(words[i]), i + 1
    if i >= len(words):
        return None
    month = None
    size = 0
    for n in (2, 1):
        key = tuple(words[i : i + n])
        if len(key) == n and key in MONTHS:
            month, size = MONTHS[key], n
            break
    if month is None:
        return None
    after = i + size
    year = _int(words[after]) if after < len(words) else None
    if year is not None and not 1900 <= year <= 2100:
        year = None
    if (
        day is None
        and after < len(words)
        and _int(words[after]) is not None
        and (_int(words[after]) or 0) <= 31
    ):
        day, year = _int(words[after]), None  # "January 5", "May 3, 2021"
        after += 1
        year = _int(words[after]) if after < len(words) and (_int(words[after]) or 0) >= 1900 else None
    if year is not None:
        after += 1
    last = after < len(words) and words[after] in _LAST
    if last:
        after += 1
    weak = tuple(words[i : i + size]) in _WEAK_MONTHS
    lead = start > 0 and words[start - 1] in _MONTH_LEAD
    if weak and day is None and year is None and not last and not lead:
        return None
    total = after - start
    if published is None:
        return ("past", None, total) if (last or year) else None
    if year is None:
        year = published.year if month <= published.month else published.year - 1
        if last and month == published.month:
            year -= 1
    try:
        when = date(year, month, day or 15)
    except ValueError:
        return None
    days = _days_between(published, when)
    if day is None and year == published.year and month == published.month and not last:
        return None  # "this month" without a day: says nothing about recency
    if day is None and days < 0:
        return None
    if days < -1:
        # "rules to counter the attacks by 24 August", on the 9th: a date to come is no time of
        # an attack told as news (a day ahead is the region's clock against the agency's)
        return "past", days, total
    return ("past" if days > CURRENT_DAYS else "current"), days, total


def _weekday_at(words: list[str], i: int, published: datetime | None) -> tuple[str, float | None, int] | None:
    forms = word_forms(words[i])
    weekday = next((_WEEKDAYS[f] for f in forms if f in _WEEKDAYS), None)
    if weekday is None:
        return None
    if (i + 1 < len(words) and words[i + 1] in _TOGETHER) or (i > 0 and words[i - 1] in _BOTH):
        return None  # "خسرت الاثنين معا", "كلا الاثنين": the two of them, not Monday
    if i > 0 and words[i - 1] in _DEADLINE:
        return None  # "rebels must leave Aleppo by Friday evening": a deadline, not the day of an attack
    size = 1
    last = i + 1 < len(words) and words[i + 1] in _LAST
    if last:
        size = 2
    if published is None:
        return ("past", None, size) if last else None
    days = (published.weekday() - weekday) % 7
    if days == 0 and last:
        days = 7  # "الخميس الماضي" on a Thursday: a week back
    elif days <= 1 and i > 0 and words[i - 1] in _LAST_BEFORE:
        # "last Wednesday" on a Wednesday or a Thursday: the week before ("Wednesday" is yesterday)
        days += 7
    return ("past" if days > CURRENT_DAYS else "current"), float(days), size


def _year_at(words: list[str], i: int, published: datetime | None) -> tuple[str, float | None, int] | None:
    year = _int(words[i])
    if year is None or not 1950 <= year <= 2100:
        return None
    led = i > 0 and words[i - 1] in _YEAR_LEAD
    if published is None:
        return ("past", None, 1) if led else None
    # A bare earlier year ("the 2024 drone attack") dates what is next to it; the current year
    # says nothing about recency.
    if year < published.year and (led or year > published.year - 40):
        # A bare number far back is more often a clock ("updated 1954") than a year.
        return "past", _days_between(published, date(year, 7, 1)), 1
    return None


def decide(refs: Sequence[TimeRef], background: bool = False) -> str | None:
    """``current`` if an expression says now/recent, ``past`` if all point further back.

    With ``background`` words in the sentence ("similar attacks on Sunday and Monday"), only an
    explicit "today"/"yesterday"/"hours ago" keeps the mention current.
    """
    if background:
        return "current" if any(r.explicit for r in refs) else "past"
    if any(r.kind == "current" for r in refs):
        return "current"
    if any(r.kind == "past" for r in refs):
        return "past"
    return None
