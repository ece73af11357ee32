"""Synthetic news articles with the statistics of real news, for the benchmarks (seeded, deterministic).

    python bench/newsgen.py --stats [--articles 2000] [--seed 7] [--corpus FILE.jsonl ...]
    python bench/newsgen.py --jsonl OUT.jsonl [--articles 2000] [--seed 7]

Each article is a dict in the ``wirewatch analyze`` input contract: id, url, outlet, title, text,
published (ISO 8601 with its offset), lang, and categories when the outlet's feed gives them.
What the generator matches in real news (measured on SaudiNewsNet; ``--stats`` prints both;
also a long article is likelier to hold an attack word, as in real news):

- length of title and text: a log-normal draw (median 1,250 characters, sigma 0.82, so mean about
  1,750, p90 about 3,600, p99 about 8,300), clipped to 200..20,000, filled with whole sentences;
- languages: Arabic 60 %, English 40 %; outlets of their own, some with sections in their
  addresses or feed categories (``core.genre`` reads both);
- topics: politics, economy, sport, health, culture, weather, courts, diplomacy, education,
  services, energy, agriculture, technology, religion, transport; places from Iraq, Syria, Saudi
  Arabia, Yemen and their neighbours, people, clubs, figures and dates in slots;
- attack words (rocket, missile, mortar, drone, IED, suicide bombing, shooting, air strike):
  about 10 % of articles; with attack words that name no weapon (هجوم حاد, a labour strike), about
  20 % pass the detector's first pass. Most are not current attacks: anniversaries, trials, threats, denials,
  drills, arms deals, opinion, sport metaphors, follow-ups, history, seizures, yearly reports, and
  weapon words in everyday senses (a march, a water bottle, prices that rocket). About 3 % of
  articles are current attack reports: a place, a time word computed from the publication date
  ("اليوم", "on Tuesday"), figures and a source.

The sentences are in ``bench/newsbank`` (written for the benchmarks; nothing is copied from a
corpus), their slots filled by ``newsbank.filler``; ``newsstats`` measures articles, generated or
real.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from newsbank import arabic, arabic_attacks, english, english_attacks
from newsbank.filler import Filler, casualties_ar, casualties_en, count_ar, count_en
from newsbank.world import REGION_WEIGHTS, REGIONS, TARGETS, WEEKDAYS
from newsstats import measure, print_figures, read_jsonl

LOCAL = timezone(timedelta(hours=3))  # Baghdad and Riyadh: publication times carry this offset
DEFAULT_START = datetime(2026, 11, 23, 6, 0, tzinfo=LOCAL)

LENGTH_MEDIAN = 1250  # characters of title + text
LENGTH_SIGMA = 0.82  # of the log: mean = median * exp(sigma^2 / 2), about 1,750
LENGTH_MIN, LENGTH_MAX = 200, 20_000
LENGTH_MEAN = LENGTH_MEDIAN * math.exp(LENGTH_SIGMA**2 / 2)  # before clipping

ARABIC_SHARE = 0.6
CURRENT_SHARE = 0.03  # current attack reports
MENTION_SHARE = 0.058  # articles built around an attack word that is not a current attack
OTHER_SENSE_SHARE = 0.022  # ordinary articles with a weapon word in its everyday sense
LOOK_TWICE_SHARE = 0.09  # ordinary articles with an attack word but no weapon (هجوم حاد, a strike)

TOPIC_WEIGHTS = {
    "politics": 17,
    "economy": 13,
    "sport": 14,
    "health": 6,
    "culture": 6,
    "weather": 4,
    "courts": 7,
    "diplomacy": 9,
    "education": 5,
    "services": 6,
    "energy": 4,
    "agriculture": 3,
    "tech": 3,
    "religion": 2,
    "transport": 3,
}
MENTION_WEIGHTS = {
    "followup": 14,
    "threat": 12,
    "trial": 10,
    "seizure": 10,
    "opinion": 10,
    "denial": 8,
    "arms_deal": 8,
    "drill": 8,
    "anniversary": 6,
    "sport_metaphor": 6,
    "history": 5,
    "yearly_report": 3,
}
WEAPON_WEIGHTS = {
    "rocket": 25,
    "drone": 25,
    "ied": 15,
    "shooting": 12,
    "airstrike": 10,
    "mortar": 8,
    "suicide": 5,
}
WEAPON_TARGETS = {  # which kinds of target each weapon's sentences fit
    "rocket": ("site", "town"),
    "drone": ("site", "town"),
    "mortar": ("site", "town"),
    "ied": ("town",),
    "suicide": ("town",),
    "shooting": ("town",),
    "airstrike": ("town",),
}

# topic -> (address section, Arabic category, English category)
SECTIONS = {
    "politics": ("politics", "سياسة", "Politics"),
    "economy": ("economy", "اقتصاد", "Business"),
    "energy": ("economy", "اقتصاد", "Business"),
    "agriculture": ("economy", "اقتصاد", "Business"),
    "sport": ("sport", "رياضة", "Sport"),
    "health": ("health", "صحة", "Health"),
    "culture": ("culture", "ثقافة", "Culture"),
    "tech": ("tech", "تقنية", "Technology"),
    "diplomacy": ("world", "عربي ودولي", "World"),
    "weather": ("local", "محليات", "Local"),
    "courts": ("local", "محليات", "Local"),
    "education": ("local", "محليات", "Local"),
    "services": ("local", "محليات", "Local"),
    "religion": ("local", "محليات", "Local"),
    "transport": ("local", "محليات", "Local"),
    "opinion": ("opinion", "مقالات", "Opinion"),
    "security": ("news", "أخبار", "News"),
}


@dataclass(frozen=True)
class Outlet:
    name: str
    lang: str
    domain: str
    sections: bool  # its addresses carry the section (/sport/...)
    categories: bool  # its feed gives <category> terms


def _outlets(lang: str, text: str) -> tuple[Outlet, ...]:
    out = []
    for k, item in enumerate(text.split("|")):
        name, domain = item.strip().split(":")
        out.append(Outlet(name, lang, f"{domain}.example", sections=k % 3 != 2, categories=k % 2 == 0))
    return tuple(out)


OUTLETS = {
    "ar": _outlets(
        "ar",
        "أخبار الرافدين اليوم:rafidain-today|بوابة دجلة:dijla-gate|نبض الفرات:furat-pulse|صحيفة النخلة:nakhla"
        "|شبكة الخليج الرقمية:gulf-digital|وكالة أنباء الواحة:waha-agency|صدى الشام:sada-sham"
        "|منبر اليمن:yemen-minbar|المرصد الاقتصادي:econ-observer|صحيفة الأفق:ofuq-daily|شبكة الجنوب:south-net"
        "|مرآة الشمال:north-mirror|بريد الشرق:east-post|الديوان نيوز:diwan-news",
    ),
    "en": _outlets(
        "en",
        "Tigris Wire:tigris-wire|Gulf Ledger:gulf-ledger|Levant Monitor:levant-monitor|Euphrates Post:euphrates-post"
        "|Northern Iraq Today:niq-today|Desert Daily:desert-daily|Arabia Business Review:abr|Mesopotamia Report:meso-report"
        "|Crescent News Agency:crescent-news|Regional Affairs Online:regional-affairs",
    ),
}

BANKS = {"ar": (arabic, arabic_attacks), "en": (english, english_attacks)}


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def draw_length(rng: random.Random) -> int:
    """Characters of title + text: log-normal around the median of real news, clipped."""
    return int(min(LENGTH_MAX, max(LENGTH_MIN, rng.lognormvariate(math.log(LENGTH_MEDIAN), LENGTH_SIGMA))))


# -- events and their reports --------------------------------------------------------------------


@dataclass(frozen=True)
class AttackEvent:
    """One attack, as every report of it tells it: where, what, when, and its toll."""

    number: int
    weapon: str
    target: tuple[str, str, str, str]  # Arabic, English, region, kind
    at: datetime
    projectiles: int
    killed: int
    wounded: int
    claimed: bool


def _when(lang: str, rng: random.Random, event_at: datetime, published: datetime) -> str:
    """The time word of a report: "today" or "yesterday" as seen on the publication day."""
    days = (published.astimezone(LOCAL).date() - event_at.astimezone(LOCAL).date()).days
    day = WEEKDAYS[event_at.astimezone(LOCAL).weekday()]
    if lang == "ar":
        if days <= 0:
            return rng.choice(
                ("اليوم", "فجر اليوم", "صباح اليوم", "مساء اليوم", f"اليوم {day[0]}", f"فجر اليوم {day[0]}")
            )
        return rng.choice(("أمس", "مساء أمس", "ليلة أمس", f"أمس {day[0]}", "الليلة الماضية"))
    if days <= 0:
        return rng.choice((f"on {day[1]}", f"early on {day[1]}", "today", "this morning", f"on {day[1]}"))
    return rng.choice(
        (f"late on {day[1]}", f"on {day[1]} night", "yesterday", "overnight", f"late on {day[1]}")
    )


# -- the generator -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Generated:
    """An article (the analyze contract) and what the generator meant it to be."""

    article: dict[str, Any]
    kind: str  # "ordinary", "look_twice", "other_sense", "current", or a mention kind ("trial", ...)


class NewsGen:
    """A seeded stream of synthetic articles; the same seed gives the same articles."""

    def __init__(
        self,
        seed: int = 7,
        start: datetime = DEFAULT_START,
        arabic_share: float = ARABIC_SHARE,
        current_share: float = CURRENT_SHARE,
        mention_share: float = MENTION_SHARE,
        other_sense_share: float = OTHER_SENSE_SHARE,
        look_twice_share: float = LOOK_TWICE_SHARE,
    ) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.start = start
        self.arabic_share = arabic_share
        self.shares = (current_share, mention_share, other_sense_share, look_twice_share)
        self.count = 0
        self.events = 0

    # A whole sample: publication times spread over ``span`` from ``start``.
    def articles(self, n: int, span: timedelta = timedelta(days=7)) -> list[dict[str, Any]]:
        return [g.article for g in self.labelled(n, span)]

    def labelled(self, n: int, span: timedelta = timedelta(days=7)) -> list[Generated]:
        step = span / max(n, 1)
        return [self.next(self.start + step * i) for i in range(n)]

    def next(self, published: datetime) -> Generated:
        """The next article of the stream, published at ``published``."""
        rng = self.rng
        lang = "ar" if rng.random() < self.arabic_share else "en"
        length = draw_length(rng)
        current, mention, other, look_twice = self.shares
        # A long article is more likely to hold an attack word somewhere, in proportion to its
        # length as in real news (SaudiNewsNet: articles the first pass keeps are twice as long as
        # the average). The shares hold on average; only the longest pieces are capped.
        scale = min(length / LENGTH_MEAN, (0.9 - current) / (mention + other + look_twice))
        mention, other, look_twice = mention * scale, other * scale, look_twice * scale
        roll = rng.random()
        if roll < current:
            event = self.event(published - timedelta(minutes=rng.uniform(20, 600)))
            return Generated(
                self.report(event, published, lang, rng.choice(OUTLETS[lang]), rng=rng), "current"
            )
        if roll < current + mention:
            return self._mention(lang, _pick(rng, MENTION_WEIGHTS), published, length)
        bank, attacks = BANKS[lang]
        if roll < current + mention + other:
            return self._inserted(lang, "other_sense", attacks.OTHER_SENSES, published, length)
        if roll < current + mention + other + look_twice:
            return self._inserted(lang, "look_twice", bank.LOOK_TWICE, published, length)
        return self._ordinary(lang, _pick(rng, TOPIC_WEIGHTS), published, length)

    def event(self, at: datetime, rng: random.Random | None = None) -> AttackEvent:
        """A new attack at ``at``: its weapon, target and toll."""
        rng = rng or self.rng
        weapon = _pick(rng, WEAPON_WEIGHTS)
        target = rng.choice([t for t in TARGETS if t[3] in WEAPON_TARGETS[weapon]])
        lethal = rng.random() < 0.45
        self.events += 1
        return AttackEvent(
            number=self.events,
            weapon=weapon,
            target=target,
            at=at,
            projectiles=rng.choice((1, 2, 2, 3, 3, 4, 5, 6)),
            killed=rng.randint(1, 6) if lethal else 0,
            wounded=rng.randint(1, 12) if lethal or rng.random() < 0.3 else 0,
            claimed=rng.random() < 0.2,
        )

    def report(
        self,
        event: AttackEvent,
        published: datetime,
        lang: str,
        outlet: Outlet,
        number: int = 0,
        rng: random.Random | None = None,
    ) -> dict[str, Any]:
        """One outlet's report of ``event``, worded its own way (seeded by the event and ``number``)."""
        rng = rng or random.Random(f"{self.seed}-{event.number}-{number}")
        bank, attacks = BANKS[lang]
        target_ar, target_en, region_code, _ = event.target
        region = REGIONS[region_code]
        ar = lang == "ar"
        extra = {
            "when": _when(lang, rng, event.at, published),
            "target": target_ar if ar else target_en,
            "casualties": (casualties_ar if ar else casualties_en)(rng, event.killed, event.wounded),
        }
        if ar:
            source, gender = rng.choice(attacks.REPORT_SOURCES[region_code])
            extra |= {
                "source": source,
                "announced": "أعلنت" if gender == "f" else "أعلن",
                "reported": "أفادت" if gender == "f" else "أفاد",
                "rockets": count_ar(event.projectiles, ("صاروخ", "صاروخين", "صواريخ", "صاروخا")),
                "mortars": count_ar(
                    event.projectiles, ("قذيفة هاون", "قذيفتي هاون", "قذائف هاون", "قذيفة هاون")
                ),
                "drones": count_ar(
                    min(event.projectiles, 3),
                    ("طائرة مسيرة", "طائرتين مسيرتين", "طائرات مسيرة", "طائرة مسيرة"),
                ),
            }
        else:
            extra |= {
                "source": rng.choice(attacks.REPORT_SOURCES[region_code]),
                "rockets": count_en(event.projectiles, "rocket", "rockets"),
                "mortars": count_en(event.projectiles, "mortar round", "mortar rounds"),
                "drones": count_en(min(event.projectiles, 3), "drone", "drones"),
            }
        filler = Filler(rng, lang, region, published, extra)
        headline, lead = rng.choice(attacks.REPORT_LEADS[event.weapon])
        title = filler.fill(headline)
        more = [*rng.sample(attacks.REPORT_DETAILS[event.weapon], 1)]
        more += rng.sample(attacks.REPORT_DETAILS["all"], rng.randint(1, 3))
        if event.wounded:
            more.append(rng.choice(attacks.REPORT_WOUNDED))
        more.append(attacks.REPORT_CLAIMS[1] if event.claimed else rng.choice(attacks.REPORT_CLAIMS[::2]))
        first = [filler.fill(lead, keep=True), *(filler.fill(m) for m in more)]
        # Attack reports run shorter than the rest of the news: the facts, then the background.
        background = attacks.REPORT_BACKGROUND
        text = self._body(
            rng, filler, bank, "politics", title, first, int(draw_length(rng) * 0.7), background
        )
        return self._article(
            f"e{event.number}-{number}", lang, outlet, "security", title, text, published, rng
        )

    # -- kinds of articles --

    def _ordinary(self, lang: str, topic: str, published: datetime, length: int) -> Generated:
        rng = self.rng
        bank, _ = BANKS[lang]
        filler = self._filler(lang, published)
        headline, lead = rng.choice(bank.LEADS[topic])
        title = filler.fill(headline)
        text = self._body(rng, filler, bank, topic, title, [filler.fill(lead, keep=True)], length)
        return Generated(
            self._article(None, lang, self._outlet(lang), topic, title, text, published, rng), "ordinary"
        )

    def _inserted(
        self, lang: str, kind: str, items: Sequence[tuple[str, str, str]], published: datetime, length: int
    ) -> Generated:
        """An ordinary article of an item's topic holding its sentence (and at times its headline);
        long articles hold more of that topic's items, one per 3,000 characters or so."""
        rng = self.rng
        bank, _ = BANKS[lang]
        topic, headline, _ = rng.choice(items)
        mine = [i for i in items if i[0] == topic]
        chosen = rng.sample(mine, min(len(mine), 1 + length // 3000))
        filler = self._filler(lang, published)
        own_headline, lead = rng.choice(bank.LEADS[topic])
        title = filler.fill(headline if headline and rng.random() < 0.5 else own_headline)
        opening = [filler.fill(lead, keep=not headline)]
        insert = [filler.fill(sentence) for _, _, sentence in chosen]
        text = self._body(rng, filler, bank, topic, title, opening, length, insert=insert)
        return Generated(
            self._article(None, lang, self._outlet(lang), topic, title, text, published, rng), kind
        )

    def _mention(self, lang: str, kind: str, published: datetime, length: int) -> Generated:
        rng = self.rng
        bank, attacks = BANKS[lang]
        spec = attacks.MENTIONS[kind]
        topic = str(spec["topic"])
        filler = self._filler(lang, published)
        pick = rng.randrange(len(spec["leads"]))
        title = filler.fill(spec["titles"][pick])
        more = list(spec["more"])
        opening = [filler.fill(spec["leads"][pick], keep=True)]
        opening += [
            filler.fill(m) for m in rng.sample(more, min(len(more), rng.randint(1, 3) + length // 3000))
        ]
        text = self._body(rng, filler, bank, topic, title, opening, length)
        section = "opinion" if kind == "opinion" else topic
        return Generated(
            self._article(None, lang, self._outlet(lang), section, title, text, published, rng), kind
        )

    # -- assembly --

    def _filler(self, lang: str, published: datetime) -> Filler:
        region = REGIONS[_pick(self.rng, REGION_WEIGHTS[lang])]
        return Filler(self.rng, lang, region, published)

    def _outlet(self, lang: str) -> Outlet:
        return self.rng.choice(OUTLETS[lang])

    @staticmethod
    def _body(
        rng: random.Random,
        filler: Filler,
        bank: Any,
        topic: str,
        title: str,
        first: list[str],
        length: int,
        only: Sequence[str] | None = None,
        insert: Sequence[str] = (),
    ) -> str:
        """``first`` sentences (filled), then the topic's sentences and quotes (or once each of
        ``only``) until about ``length`` characters (title included), in paragraphs of one to three
        sentences; ``insert`` sentences (filled) go anywhere after the first sentence."""
        sentences = list(first)
        inserted = list(insert)
        used = len(title) + sum(len(s) + 1 for s in sentences + inserted)
        pool: list[str] = rng.sample(only, len(only)) if only is not None else []
        while used < length:
            if not pool and only is not None:
                break
            if not pool:  # a fresh pass: the topic, its quotes, and a neighbouring topic for long pieces
                pool = list(bank.BODY[topic])
                pool += [rng.choice(bank.QUOTES).replace("{claim}", c) for c in bank.CLAIMS[topic]]
                if len(sentences) > 12:
                    pool += bank.BODY[_pick(rng, TOPIC_WEIGHTS)]
                rng.shuffle(pool)
            sentence = filler.fill(pool.pop())
            if used + len(sentence) + 1 > length and (
                length - used < used + len(sentence) + 1 - length or used + len(sentence) + 1 > LENGTH_MAX
            ):
                break  # stopping short is closer to the drawn length than going on
            sentences.append(sentence)
            used += len(sentence) + 1
        for sentence in inserted:
            sentences.insert(rng.randint(1, len(sentences)), sentence)
        paragraphs, k = [], 0
        while k < len(sentences):
            size = rng.choice((1, 1, 2, 2, 3))
            paragraphs.append(" ".join(sentences[k : k + size]))
            k += size
        return "\n".join(paragraphs)

    def _article(
        self,
        article_id: str | None,
        lang: str,
        outlet: Outlet,
        section: str,
        title: str,
        text: str,
        published: datetime,
        rng: random.Random,
    ) -> dict[str, Any]:
        self.count += 1
        article_id = article_id or f"g{self.seed}-{self.count}"
        path, category_ar, category_en = SECTIONS[section]
        stamp = published.astimezone(LOCAL)
        slug = f"{stamp:%Y/%m/%d}/{article_id}"
        url = (
            f"https://{outlet.domain}/{path}/{slug}" if outlet.sections else f"https://{outlet.domain}/{slug}"
        )
        article: dict[str, Any] = {
            "id": article_id,
            "url": url,
            "outlet": outlet.name,
            "title": title,
            "text": text,
            "published": stamp.isoformat(),
            "lang": lang,
        }
        if outlet.categories:
            article["categories"] = [category_ar if lang == "ar" else category_en]
        return article


def generate(n: int, seed: int = 7, start: datetime = DEFAULT_START) -> list[dict[str, Any]]:
    """``n`` articles over seven days from ``start``."""
    return NewsGen(seed, start).articles(n)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--stats", action="store_true", help="measure the generated articles")
    parser.add_argument("--corpus", action="append", default=[], help="also measure a real JSONL corpus")
    parser.add_argument("--corpus-limit", type=int, default=None, help="first N articles of each corpus")
    parser.add_argument("--jsonl", help="write the generated articles to this file")
    args = parser.parse_args(argv)
    generated = NewsGen(args.seed).labelled(args.articles)
    if args.jsonl:
        with open(args.jsonl, "w", encoding="utf-8") as out:
            for g in generated:
                out.write(json.dumps(g.article, ensure_ascii=False) + "\n")
        print(f"wrote {len(generated)} articles to {args.jsonl}")
    if args.stats:
        figures = {"generated": measure([g.article for g in generated], [g.kind for g in generated])}
        for path in args.corpus:
            figures[path] = measure(read_jsonl(path, args.corpus_limit))
        for name, values in figures.items():
            print_figures(name, values)
        print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
