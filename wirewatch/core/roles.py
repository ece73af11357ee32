"""What part a place plays in a sentence about an attack (pure).

A place named near attack words is not always the target: "rockets launched from X", "after the
attack on X" (an earlier event), "residents of X lost power after a strike on Y" (a consequence),
"north of X" (outside the city), "3:30 a.m. Baghdad time" (a clock). These functions read such
roles from the words around the place; ``detect`` keeps only targets.
"""

from __future__ import annotations

from collections.abc import Sequence

from wirewatch.core.gazetteer import Gazetteer, PlaceMention
from wirewatch.core.lexicon import word_forms
from wirewatch.core.recency import TimeRef
from wirewatch.core.text import normalize

_ORIGIN_WORDS = frozenset(normalize(w) for w in ("من", "from"))


# Before "from X", these make X where the attack or the convoy came from, not its target.
_LAUNCH_WORDS = frozenset(
    normalize(w)
    for w in (
        "أطلق",
        "أطلقت",
        "انطلقت",
        "اطلقت",
        "قادمة",
        "القادمة",
        "القادم",
        "قادم",
        "القادمين",
        "آتية",
        "انطلاقا",
        "launched",
        "fired",
        "coming",
        "arriving",
        "travelling",
        "traveling",
        "heading",
        "flown",
    )
)


_DIRECTIONS = frozenset(
    normalize(w)
    for w in (
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "شمال",
        "شمالي",
        "جنوب",
        "جنوبي",
        "شرق",
        "شرقي",
        "غرب",
        "غربي",
        "شمال غرب",
        "جنوب غرب",
        "شمال شرق",
        "جنوب شرق",
    )
)


def target_place(gazetteer: Gazetteer, words: Sequence[str], mention: PlaceMention, offset: int) -> str:
    """The place a mention makes a target: "north of Baghdad" is outside the city, in its province."""
    i = mention.first - offset
    place = gazetteer.places[mention.place_id]
    if place.kind not in ("city", "district") or place.parent is None:
        return mention.place_id
    j = i
    while j > 0 and i - j < 2 and words[j - 1] in _CAPITAL_WORDS:
        j -= 1  # "north of the capital Baghdad", "شمالي العاصمة بغداد"
    before = words[max(0, j - 2) : j]
    english = len(before) == 2 and before[1] == "of" and before[0] in _DIRECTIONS
    arabic = len(before) >= 1 and any(f in _DIRECTIONS for f in word_forms(before[-1]))
    return place.parent if english or arabic else mention.place_id


_CAPITAL_WORDS = frozenset(normalize(w) for w in ("العاصمة", "مدينة", "the", "capital", "city"))


def is_origin(words: Sequence[str], i: int) -> bool:
    """ "launched from Syria", "أطلقت من ...", "القادمة من الكويت": where the attack came from."""
    if i <= 0 or words[i - 1] not in _ORIGIN_WORDS:
        return False
    return any(f in _LAUNCH_WORDS for w in words[max(0, i - 6) : i - 1] for f in word_forms(w))


_CLAUSE_AFTER = frozenset(normalize(w) for w in ("after", "following", "بعد", "إثر", "اثر", "عقب", "أعقاب"))
_AFTER = _CLAUSE_AFTER | {normalize("since"), normalize("منذ")}


_NOT_AFTER = frozenset(
    normalize(w) for w in ("على", "لم", "لا", "ما", "يتضح", "وقت", "قليل", "ذلك", "فيما", "the")
)


_SKIPPABLE = frozenset(normalize(w) for w in ("the", "a", "last", "هجوم", "الهجوم", "قصف", "استهداف"))


def after_word(words: Sequence[str]) -> int | None:
    """Position of the first "after"/"بعد" that joins two clauses (not "على بعد", "لم ... بعد")."""
    for i, w in enumerate(words):
        if w in _CLAUSE_AFTER:
            previous = words[i - 1] if i else ""
            following = words[i + 1] if i + 1 < len(words) else ""
            if previous in _NOT_AFTER or not following or following[0].isdigit() or following in _NOT_AFTER:
                continue
            return i
    return None


def other_clause(i: int, after: int | None, attacks: Sequence[int]) -> bool:
    """Which side of "after" holds the reported attack.

    "Drones hit Harir, three days after an attack on Erbil airport": the attack comes first, so
    places after "after" are the earlier event. "Power cuts in Erbil after a drone strike on Khor
    Mor": the main clause is a consequence, so places before "after" are not targets.
    """
    if after is None or not attacks:
        return False
    attack_first = any(a < after for a in attacks)
    return i > after if attack_first else i < after


def other_time(i: int, refs: Sequence[TimeRef]) -> bool:
    """In a sentence with both a recent and an older time, a place nearest the older one is older."""
    if not any(r.kind == "current" for r in refs) or not any(r.kind == "past" for r in refs):
        return False
    nearest = min(refs, key=lambda r: min(abs(r.first - i), abs(r.last - i)))
    return nearest.kind == "past"


_CLOCK = normalize("توقيت")


def time_zone(words: Sequence[str], first: int, last: int) -> bool:
    """ "3:30 a.m. Baghdad time", "بتوقيت بغداد": a clock, not a place."""
    following = words[last + 1] if last + 1 < len(words) else ""
    return following == "time" or (first > 0 and _CLOCK in word_forms(words[first - 1]))


def is_reference(words: Sequence[str], i: int) -> bool:
    """ "after the Tower 22 attack", "بعد هجوم البرج 22": a place named as the cause, not a target."""
    j = i - 1
    while j >= 0 and i - j <= 3 and words[j] in _SKIPPABLE:
        j -= 1
    return j >= 0 and any(f in _AFTER for f in word_forms(words[j]))


def most_specific(place_ids: Sequence[str], gazetteer: Gazetteer) -> tuple[str, ...]:
    """Drop a country when a place inside it is also named (it is implied by the hierarchy)."""
    kept = []
    for pid in place_ids:
        if gazetteer.places[pid].kind == "country" and any(
            other != pid and gazetteer.within(other, pid) for other in place_ids
        ):
            continue
        kept.append(pid)
    return tuple(kept)
