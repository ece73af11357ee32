"""Filling a template's ``{slot}``s for one article, and the counted nouns of attack reports.

Slots: {city} {city2} {province} {country} {country2} {capital} {adj} {wcity} {person} {woman}
{club} {club2} {company} {currency} {few} {num} {big} {pct} {spct} {money} {bn} {oil} {brent}
{temp} {temp2} {hundreds} {mps} {grade} {minute} {score} {meters} {round} {round_n} {rank}
{rank_en} {month} {today} {next_day} {ago_year} {ago_k} {ago_nth} {site}; a report adds its own
({when} {target} {source} ...) through ``extra``.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from newsbank.world import (
    COMPANIES,
    COUNTRIES,
    FAMILY_NAMES,
    FIRST_NAMES,
    MONTHS_EN,
    MONTHS_GULF,
    MONTHS_LEVANT,
    TARGETS,
    WEEKDAYS,
    WOMEN_NAMES,
    WORLD_CITIES,
    Region,
)

ORDINALS_AR_F = (
    *"الأولى الثانية الثالثة الرابعة الخامسة السادسة السابعة الثامنة التاسعة العاشرة".split(),
    *("الحادية عشرة", "الثانية عشرة", "الثالثة عشرة", "الرابعة عشرة", "الخامسة عشرة"),
)
ORDINALS_AR_M = "الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر".split()
ORDINALS_EN = "first second third fourth fifth sixth seventh eighth ninth tenth".split()
NUMBER_WORDS_EN = "zero one two three four five six seven eight nine ten".split()
SITES = tuple((t[0], t[1]) for t in TARGETS if t[3] == "site")

# -- counts and casualties, in each language ---------------------------------------------------


def count_ar(n: int, forms: tuple[str, str, str, str]) -> str:
    """An Arabic counted noun in the genitive: (one, two, three to ten, eleven and more)."""
    one, two, plural, single = forms
    if n == 1:
        return one
    if n == 2:
        return two
    return f"{n} {plural}" if n <= 10 else f"{n} {single}"


def count_en(n: int, singular: str, plural: str) -> str:
    if n == 1:
        return f"a {singular}"
    return f"{NUMBER_WORDS_EN[n] if n <= 10 else n} {plural}"


PEOPLE_AR = ("شخص", "شخصين", "أشخاص", "شخصا")


def casualties_ar(rng: random.Random, killed: int, wounded: int) -> str:
    hurt = count_ar(wounded, PEOPLE_AR)
    if killed and wounded:
        others = "شخص آخر" if wounded == 1 else f"{hurt} آخرين"
        return f"ما أسفر عن مقتل {count_ar(killed, PEOPLE_AR)} وإصابة {others}"
    if killed:
        return f"ما أسفر عن مقتل {count_ar(killed, PEOPLE_AR)}"
    if wounded:
        return f"ما أدى إلى إصابة {hurt} بجروح"
    return rng.choice(("دون أن يسفر عن خسائر بشرية", "دون وقوع إصابات", "واقتصرت الأضرار على الماديات"))


def casualties_en(rng: random.Random, killed: int, wounded: int) -> str:
    def people(n: int) -> str:
        return "one person" if n == 1 else f"{NUMBER_WORDS_EN[n] if n <= 10 else n} people"

    if killed and wounded:
        return (
            f"killing {people(killed)} and wounding {NUMBER_WORDS_EN[wounded] if wounded <= 10 else wounded}"
        )
    if killed:
        return f"killing {people(killed)}"
    if wounded:
        return f"wounding {people(wounded)}"
    return rng.choice(("causing no casualties", "without causing injuries", "causing only material damage"))


# -- slots ---------------------------------------------------------------------------------------

_SLOT = re.compile(r"\{(\w+)\}")


class Filler:
    """Fills ``{slot}`` templates for one article: a language, a region, a publication time.

    A slot name without a trailing digit that names a place, club or company keeps its value for
    the whole article; other slots keep theirs within one sentence.
    """

    ANCHORED = frozenset(
        {
            "city",
            "province",
            "club",
            "club2",
            "country2",
            "company",
            "wcity",
            "ago_year",
            "ago_k",
            "ago_nth",
            "site",
        }
    )

    def __init__(
        self,
        rng: random.Random,
        lang: str,
        region: Region,
        published: datetime,
        extra: dict[str, str] | None = None,
    ) -> None:
        self.rng = rng
        self.lang = lang
        self.ar = lang == "ar"
        self.region = region
        self.published = published
        self.extra = extra or {}
        self.article: dict[str, str] = {}
        self.months = MONTHS_LEVANT if region.code in ("iq", "sy", "jo", "lb") else MONTHS_GULF
        self._ago = rng.randint(3, 10)
        self._sentence: dict[str, str] = {}
        self.draws = self._draws()

    def fill(self, template: str, keep: bool = False) -> str:
        """``template`` filled; ``keep`` reuses the previous sentence's values (a headline's figures
        in its opening sentence)."""
        sentence = self._sentence if keep else {}
        self._sentence = sentence

        def value(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in self.extra:
                return self.extra[name]
            if name in sentence:
                return sentence[name]
            if name in self.ANCHORED and name in self.article:
                return self.article[name]
            drawn = self._draw(name)
            (self.article if name in self.ANCHORED else sentence)[name] = drawn
            return drawn

        text = _SLOT.sub(value, template)
        if not self.ar and text:
            text = text[0].upper() + text[1:]
        return text

    def _pair(self, pair: tuple[str, str]) -> str:
        return pair[0] if self.ar else pair[1]

    def _distinct(self, pool: Sequence[tuple[str, str]], avoid: Iterable[str]) -> str:
        taken = set(avoid)
        for _ in range(8):
            got = self._pair(self.rng.choice(pool))
            if got not in taken:
                return got
        return got

    def _number(self, low: int, high: int) -> str:
        n = self.rng.randint(low, high)
        return f"{n:,}" if not self.ar else str(n)

    def _decimal(self, low: float, high: float) -> str:
        return f"{self.rng.uniform(low, high):.1f}"

    def _weekday(self, days_ahead: int) -> str:
        return self._pair(WEEKDAYS[(self.published.weekday() + days_ahead) % 7])

    def _today(self) -> str:
        day = self._weekday(0)
        if self.ar:
            return self.rng.choice(("اليوم", f"اليوم {day}", f"اليوم ({day})", "صباح اليوم", f"اليوم {day}"))
        return self.rng.choice((f"on {day}", f"on {day}", f"on {day}", "today"))

    def _draws(self) -> dict[str, Callable[[], str]]:
        rng, r = self.rng, self.region
        return {
            "city": lambda: self._distinct(
                r.cities, [self.article.get("city", ""), *self._sentence.values()]
            ),
            "province": lambda: self._distinct(r.provinces, [self.article.get("province", "")]),
            "country": lambda: self._pair(r.country),
            "country2": lambda: self._distinct(COUNTRIES, [self._pair(r.country)]),
            "capital": lambda: self._pair(r.capital),
            "adj": lambda: self._pair(r.adjective),
            "currency": lambda: self._pair(r.currency),
            "wcity": lambda: self._pair(rng.choice(WORLD_CITIES)),
            "person": lambda: f"{self._pair(rng.choice(FIRST_NAMES))} {self._pair(rng.choice(FAMILY_NAMES))}",
            "woman": lambda: f"{self._pair(rng.choice(WOMEN_NAMES))} {self._pair(rng.choice(FAMILY_NAMES))}",
            "club": lambda: self._distinct(
                r.clubs, [self.article.get("club", ""), self.article.get("club2", "")]
            ),
            "company": lambda: self._pair(rng.choice(COMPANIES)),
            "few": lambda: str(rng.randint(3, 9)),
            "num": lambda: str(rng.randint(11, 99)),
            "big": lambda: self._number(120, 9800),
            "pct": lambda: self._decimal(3, 48) if rng.random() < 0.4 else str(rng.randint(3, 48)),
            "spct": lambda: self._decimal(0.3, 4.9),
            "money": lambda: str(rng.randint(11, 950)),
            "bn": lambda: self._decimal(1.2, 45.8),
            "oil": lambda: self._decimal(2.9, 4.6),
            "brent": lambda: str(rng.randint(61, 94)),
            "temp": lambda: str(rng.randint(30, 47)),
            "temp2": lambda: str(int(self._sentence.get("temp", "35")) + rng.randint(2, 5)),
            "hundreds": lambda: str(100 * rng.randint(1, 9)),
            "mps": lambda: str(rng.choice([n for n in range(170, 300) if n % 100])),
            "grade": lambda: self._decimal(97.5, 99.9),
            "minute": lambda: str(rng.randint(5, 90)),
            "score": lambda: f"{rng.randint(1, 4)}-{rng.randint(0, 1)}",
            "meters": lambda: str(rng.choice((100, 200, 400, 800, 1500, 5000))),
            "round": lambda: rng.choice(ORDINALS_AR_F) if self.ar else rng.choice(ORDINALS_EN),
            "round_n": lambda: str(rng.randint(3, 30)),
            "rank": lambda: rng.choice(ORDINALS_AR_M[:8]),
            "rank_en": lambda: rng.choice(ORDINALS_EN[1:8]),
            "month": lambda: rng.choice(self.months) if self.ar else rng.choice(MONTHS_EN),
            "today": self._today,
            "next_day": self._next_day,
            "ago_k": lambda: str(self._ago),
            "ago_year": lambda: str(self.published.year - self._ago),
            "ago_nth": lambda: ORDINALS_AR_F[self._ago - 1],
            "site": lambda: self._pair(rng.choice(SITES)),
        }

    def _next_day(self) -> str:
        day = self._weekday(self.rng.randint(2, 6))
        return f"{day} المقبل" if self.ar else day

    def _draw(self, name: str) -> str:
        draw = self.draws.get(name) or self.draws.get(name.rstrip("0123456789"))
        if draw is None:
            raise KeyError(f"unknown slot {{{name}}}")
        return draw()
