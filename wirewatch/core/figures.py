"""Figures of an attack report: types, projectile counts, casualties, claimants (pure).

Reads the matched terms of one sentence: which weapon types it names (a missile term covers the
rocket word inside it), how many projectiles (digits, number words, Arabic duals), how many
killed and wounded, whether it only counts many past attacks, and who claimed it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from wirewatch.core.lexicon import ATTACK_TYPES, TermHit, word_forms
from wirewatch.core.numbers import VAGUE, dual_of, number_word
from wirewatch.core.text import Words, normalize

_DUAL_STEMS = tuple(normalize(s) for s in ("صاروخ", "قذيفة", "طائرة", "مسيرة", "عبوة", "هجوم", "غارة"))


_ARTICLE_ONE = frozenset(("a", "an", "one", normalize("واحد"), normalize("واحدة")))


# "هجوما", "استهدافا": the singular a number from 11 to 99 takes ("32 استهدافاً").
_PLURAL_ATTACKS = frozenset(
    normalize(w)
    for w in ("هجمات", "هجوما", "استهدافا", "استهدافات", "اعتداءات", "attacks", "strikes", "incidents")
)


ARMED_MEN = frozenset(("مسلحون", "مسلحين", "gunmen", "gunman"))
GENERIC_ROCKET = frozenset(("صاروخ*", "صواريخ*"))
_FIRED = frozenset(("airstrike", "rocket", "missile", "mortar", "drone"))


def attack_types(hits: Sequence[TermHit]) -> tuple[str, ...]:
    found: dict[str, list[TermHit]] = {}
    for h in hits:
        if h.label.startswith("weapon:"):
            found.setdefault(h.label.split(":", 1)[1], []).append(h)
    # A missile term covers the rocket word inside it ("صاروخ باليستي"); a drone strike is not
    # also an airstrike; a suicide car bomb is a suicide attack, not also an IED.
    if "missile" in found and "rocket" in found:
        missile_tokens = {i for h in found["missile"] for i in range(h.first, h.last + 1)}
        if all(h.first in missile_tokens for h in found["rocket"]):
            del found["rocket"]
    if "rocket" in found and (aircraft := found.get("drone", []) + found.get("airstrike", [])):
        # "طائرة مسيرة أطلقت صاروخين على عجلة": the drone's own missiles, no rocket attack
        found["rocket"] = [r for r in found["rocket"] if not _fired_by(r, aircraft, hits)]
        if not found["rocket"]:
            del found["rocket"]
    if "drone" in found:
        found.pop("airstrike", None)
    # "غارة قتلت 20 مسلحا": the gunmen are the ones hit; "مسلحون أطلقوا صواريخ": they fired rockets
    if found.keys() & _FIRED and all(h.term in ARMED_MEN for h in found.get("shooting", [])):
        found.pop("shooting", None)
    if "suicide" in found:
        found.pop("ied", None)
    types = [t for t in ATTACK_TYPES if t in found]
    return tuple(types) or ("other",)


def _fired_by(rocket: TermHit, aircraft: Sequence[TermHit], hits: Sequence[TermHit]) -> bool:
    """A generic rocket word right after an aircraft and a firing verb: that aircraft's munition."""
    if rocket.term not in GENERIC_ROCKET:
        return False
    return any(
        0 < rocket.first - a.last <= 4
        and any(a.last < h.first < rocket.first and h.term.startswith(_FIRE_VERBS) for h in hits)
        for a in aircraft
    )


_FIRE_VERBS = ("أطلق", "اطلق", "fired", "launched")


# Weapons fired or flown one by one, which a report counts: rockets, missiles, shells, drones.
_PROJECTILES = frozenset(("weapon:rocket", "weapon:missile", "weapon:mortar", "weapon:drone"))


_WEAPON_AS_MODIFIER = frozenset(
    """expert experts analyst analysts specialist specialists scientist scientists engineer engineers
    program programs programme programmes industry technology technologies""".split()
)


def count_projectiles(
    words: Sequence[str], weapons: Sequence[TermHit], offset: int, every_weapon: bool = False
) -> int | None:
    """How many rockets, missiles, shells or drones: "two rockets", "صاروخين", "صواريخ ثلاثة".
    An airstrike or a shooting has no such count ("an airstrike" is not one projectile), unless
    ``every_weapon`` asks whether any weapon word is counted at all."""
    best: int | None = None
    for h in weapons:
        if h.label not in _PROJECTILES and not every_weapon:
            continue
        i = h.first - offset
        if h.last - offset + 1 < len(words) and words[h.last - offset + 1] in _WEAPON_AS_MODIFIER:
            continue  # "one missile expert", "a drone programme": no weapon was counted
        head = words[i]
        forms = word_forms(head)
        if any(dual_of(f, _DUAL_STEMS) for f in forms) or normalize("طائرتين") in forms:
            value: int | None = 2
        else:
            value = None
            for j in (i - 1, i - 2):
                if 0 <= j < len(words):
                    n = number_word(words[j])
                    if n is not None and (
                        j == i - 1 or words[j + 1] in VAGUE or words[j + 1] in ("of", "من")
                    ):
                        value = n
                        break
                    if words[j] in VAGUE:
                        break
            if value is None and i + 1 < len(words) and "\u0600" <= h.term[:1] <= "\u06ff":
                n = number_word(words[i + 1])  # "صواريخ ثلاثة", not "rockets, 7 people killed"
                value = n if n is not None and words[i + 1] not in _ARTICLE_ONE else None
        if value is not None and 0 < value < 1000:
            best = max(best or 0, value)
    return best


def count_near(words: Sequence[str], hits: Sequence[TermHit], offset: int) -> int | None:
    total: int | None = None
    for h in hits:
        i = h.first - offset
        for j in (i + 1, i - 1, i - 2, i - 3, i + 2):
            if 0 <= j < len(words) and words[j] not in _ARTICLE_ONE:
                n = number_word(words[j])
                if n is not None and n < 1000 and not (1900 <= n <= 2100):
                    total = max(total or 0, n)
                    break
    return total


# "attacked at least 38 times", "استهدفت 40 مرة": a count of attacks when the number is large (a
# base "hit three times" overnight is one attack's shots, "three drone attacks on Tuesday" a
# day's round-up).
_TIMES = frozenset(normalize(w) for w in ("times", "مرة", "مرات"))
_MANY = 10
# "the repeated attacks on Ain al-Asad", "الهجمات المتكررة": many attacks, none told
_REPEATED = frozenset(
    normalize(w) for w in ("repeated", "frequent", "recurring", "المتكررة", "متكررة", "المتواصلة", "متواصلة")
)


def aggregate(words: Sequence[str]) -> bool:
    """ "نحو ثلاثين هجوما", "dozens of attacks", "attacked 38 times": many attacks counted, none
    reported."""
    for i, w in enumerate(words):
        if w in _TIMES or any(f in _PLURAL_ATTACKS for f in word_forms(w)):
            for j in (i - 1, i - 2):
                if j >= 0 and (
                    words[j] in VAGUE or words[j] in _REPEATED or (number_word(words[j]) or 0) >= _MANY
                ):
                    return True
            # "الهجمات المتكررة": the adjective follows in Arabic
            if i + 1 < len(words) and words[i + 1] in _REPEATED and w not in _TIMES:
                return True
    return False


_CLAIM_STOP = frozenset(
    normalize(w)
    for w in (
        "الهجوم",
        "مسؤولية",
        "المسؤولية",
        "عن",
        "the",
        "responsibility",
        "attack",
        "has",
        "have",
        "had",
        "it",
    )
)
# "no group claimed", "لم تعلن أي جهة مسؤوليتها": nobody claimed it (a state of its own).
_NO_ONE = frozenset(normalize(w) for w in ("no", "not", "nobody", "none", "لم", "لا", "أي", "اي", "without"))
_SENTENCE_BREAK = re.compile(r"[.!?;\n]")
_NAME_BREAK = re.compile(r"[.!?;\n,،:]")
# What a claim's Arabic name runs into: the attack it claims ("هجوما", "قصف", "استهداف").
_TOLD = frozenset(("attack", "event", *(f"weapon:{t}" for t in ATTACK_TYPES)))
# Words that may stand inside an English group's name ("Islamic Resistance in Iraq").
_NAME_JOINERS = frozenset(("in", "of", "al", "the", "and", "el"))


@dataclass(frozen=True, slots=True)
class Claims:
    """Who claimed the attack, in the words of the text; ``none`` when the text says nobody did."""

    by: tuple[str, ...] = ()
    none: bool = False


def claimants(doc: str, words: Words, hits: Sequence[TermHit]) -> Claims:
    """Who claimed the attack: the name after an Arabic claim verb, the name before an English one."""
    norms = words.norms
    out: list[str] = []
    nobody = False
    # "تبنت المقاومة الإسلامية في العراق هجوما بطائرة مسيرة": the name ends where the attack begins
    told = {k for h in hits if h.label in _TOLD for k in range(h.first, h.last + 1)}
    for h in hits:
        if h.label == "unclaimed":
            nobody = True
        if h.label != "claim":
            continue
        before = norms[max(0, h.first - 4) : h.first]
        if any(w in _NO_ONE for w in before) or (h.first > 0 and norms[h.first - 1] in ("no", "لم")):
            nobody = True
            continue
        if "\u0600" <= h.term[0] <= "\u06ff":
            span = []
            for k in range(h.last + 1, min(len(norms), h.last + 6)):
                if norms[k] in _CLAIM_STOP or k in told:
                    break
                span.append(k)
                if _NAME_BREAK.search(doc[words.ends[k] : words.starts[k + 1]] if k + 1 < len(norms) else ""):
                    break  # "تبنت كتائب حزب الله، في بيان، ..."
        else:
            span = []
            k = h.first - 1
            while (
                k >= 0
                and h.first - k <= 6
                and (_capitalized(doc, words, k) or norms[k] in _NAME_JOINERS)
                and not _SENTENCE_BREAK.search(doc[words.ends[k] : words.starts[k + 1]])
            ):
                span.insert(0, k)
                k -= 1
            while span and norms[span[0]] in _NAME_JOINERS:
                span.pop(0)  # "the Islamic State" -> "Islamic State"
            if not span or not any(_capitalized(doc, words, k) for k in span):
                span = []
        if span:
            if any(norms[k] in _NO_ONE for k in span[:2]):
                nobody = True  # "لم تتبن أي جهة"
                continue
            out.append(doc[words.starts[span[0]] : words.ends[span[-1]]])
    named = tuple(dict.fromkeys(out))
    return Claims(named, nobody and not named)


def _capitalized(doc: str, words: Words, k: int) -> bool:
    first = doc[words.starts[k] : words.starts[k] + 1]
    return first.isupper() or not first.isascii()


# Person nouns whose Arabic dual differs from their plural: "مقتل جنديين" is two soldiers.
_DUAL_PEOPLE = frozenset(
    normalize(w)
    for w in (
        "جنديين جنديان شخصين شخصان عنصرين عنصران شرطيين شرطيان طفلين طفلان ضابطين ضابطان رجلين رجلان"
        " امرأتين امرأتان مواطنان حارسين حارسان"
    ).split()
)


def dual_count(words: Sequence[str], hits: Sequence[TermHit], offset: int) -> int | None:
    """2 when a casualty word is followed by a dual person noun ("مقتل جنديين", "إصابة شرطيين")."""
    for h in hits:
        i = h.last - offset
        for j in (i + 1, i + 2):
            if 0 <= j < len(words) and words[j] in _DUAL_PEOPLE:
                return 2
    return None
