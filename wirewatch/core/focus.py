"""Which country an article and each of its sentences are about, and the places that fit (pure).

Geoparsers resolve a name against the focus of the text around it (Mordecai's focus country,
CLIFF-CLAVIN's "same country as the others"): "Salah al-Din" in a sentence about Aleppo is the
Aleppo district, not Iraq's governorate; "al-Faw" in a report from Marib is a Yemeni village. This
room keeps a place only when its country fits: the countries a sentence names (countries,
first-level divisions, and other places it names, the place itself left out) include the place's
own, or, when the sentence names none, the article as a whole does not point elsewhere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from wirewatch.core.gazetteer import Gazetteer, PlaceMention

# Places that say where a sentence is: a country, a division, a city. Bases and sites do not:
# "Ain al-Asad and al-Tanf" names two countries' bases in one breath.
_GEOGRAPHY = ("country", "governorate", "district", "city")
_ANCHORS = ("country", "governorate")


def fit_to_focus(
    places: Sequence[PlaceMention],
    gazetteer: Gazetteer,
    sentences: Sequence[tuple[int, int]],
    headline: tuple[int, int] | None = None,
    demonyms: Sequence[tuple[int, str]] = (),
) -> list[PlaceMention]:
    """The place mentions whose country agrees with the countries named around them.

    A place goes when its sentence names a division or city of another country and nothing of
    its own ("Aleppo's Salah al-Din district"); or, in a sentence that names no other place, when
    the article names another country or its divisions at least twice and nothing of this
    place's country. Demonyms ("Yemeni forces", "القوات العراقية") say which countries an article
    and a sentence speak of, for a place's own country and against it, but never make a target.
    """
    country = {m.place_id: gazetteer.country_of(m.place_id) for m in places}
    kind = {m.place_id: gazetteer.places[m.place_id].kind for m in places}
    elsewhere: Counter[str] = Counter()
    for m in places:
        if kind[m.place_id] in _ANCHORS and country[m.place_id]:
            weight = 2 if headline and headline[0] <= m.first <= headline[1] else 1
            elsewhere[country[m.place_id] or ""] += weight
    for position, nation in demonyms:
        elsewhere[nation] += 2 if headline and headline[0] <= position <= headline[1] else 1
    kept = []
    for m in places:
        own = country[m.place_id]
        if own is None or kind[m.place_id] == "country":
            kept.append(m)
            continue
        low, high = next(((a, b) for a, b in sentences if a <= m.first <= b), (m.first, m.last))
        around = [o for o in places if o.place_id != m.place_id and low <= o.first <= high]
        # Support comes from a place of the same country, a neighbourhood aside: neighbourhood
        # names repeat from city to city ("the Azamiyah neighbourhood" of Aleppo) and vouch for nothing.
        if any(country[o.place_id] == own and kind[o.place_id] != "district" for o in around) or any(
            nation == own and low <= position <= high for position, nation in demonyms
        ):
            kept.append(m)
            continue
        if any(kind[o.place_id] in _GEOGRAPHY[1:] and country[o.place_id] not in (own, None) for o in around):
            continue  # a city or division of another country, nothing of its own
        if (
            not around
            and not any(country[o.place_id] == own for o in places if o.place_id != m.place_id)
            and not any(nation == own for _, nation in demonyms)
            and any(n >= 2 for c, n in elsewhere.items() if c != own)
        ):
            continue  # the article is about another country and never names this one
        kept.append(m)
    return kept
