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
# Places that say which country an article is about: a Saudi paper names Taif and Abha, not
# "Saudi Arabia", and its "Maysan" is the Taif governorate, not Iraq's.
_FOCUS = ("country", "governorate", "city")
_SITES = ("base", "site")


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
    # Twice: a name kept only because a false match of its country vouched for it (العلم, "the
    # flag", read as an Iraqi town in a report from Yemen) goes once that match has gone.
    first = _fit(places, gazetteer, sentences, headline, demonyms)
    return _fit(first, gazetteer, sentences, headline, demonyms) if len(first) < len(places) else first


# A neighbourhood named in front of another city ("Hay al-Yarmouk and al-Amlak in Baqubah"): that
# city's, not the homonym's in the capital.
_DISTRICT_OF = 4


def _fit(
    places: Sequence[PlaceMention],
    gazetteer: Gazetteer,
    sentences: Sequence[tuple[int, int]],
    headline: tuple[int, int] | None,
    demonyms: Sequence[tuple[int, str]],
) -> list[PlaceMention]:
    country = {m.place_id: gazetteer.country_of(m.place_id) for m in places}
    kind = {m.place_id: gazetteer.places[m.place_id].kind for m in places}
    named = {m.place_id for m in places}
    elsewhere: Counter[str] = Counter()
    for m in places:
        if kind[m.place_id] in _FOCUS and country[m.place_id]:
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
        if kind[m.place_id] == "district" and _not_its_city(m, places, named, gazetteer):
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
        if not _named_as_a_base(m, kind[m.place_id]) and any(
            kind[o.place_id] in _GEOGRAPHY[1:] and country[o.place_id] not in (own, None) for o in around
        ):
            continue  # a city or division of another country, nothing of its own
        if (
            not around
            and not any(country[o.place_id] == own for o in places if o.place_id != m.place_id)
            and not any(nation == own for _, nation in demonyms)
            and any(n >= 2 and n > elsewhere[own] for c, n in elsewhere.items() if c != own)
        ):
            continue  # the article is about another country, and names this place less often
        kept.append(m)
    return kept


def _named_as_a_base(m: PlaceMention, kind: str) -> bool:
    """ "rockets hit Ain al-Asad, a day after strikes near Damascus", "a drone targeted Harir, a day
    after Turkish strikes near Qamishli": a base's own name (not a name that needs context) is that
    base whatever foreign town the sentence names. Towns that contain a base's name are places of
    their own ("Busra al-Harir" in Daraa), matched first as the longer name."""
    return kind in _SITES and not m.needs_context


def _not_its_city(
    m: PlaceMention, places: Sequence[PlaceMention], named: set[str], gazetteer: Gazetteer
) -> bool:
    """A neighbourhood whose city and governorate the article never names, or one named right in
    front of another city: neighbourhood names repeat from city to city (Azamiyah in Aleppo,
    Rasafa in Deir ez-Zor, Hay al-Yarmouk in Baqubah)."""
    parents = set(gazetteer.ancestors(m.place_id)) - {gazetteer.country_of(m.place_id)}
    if not parents & named:
        return True
    return any(
        0 < o.first - m.last <= _DISTRICT_OF
        and gazetteer.places[o.place_id].kind in ("city", "governorate")
        and o.place_id not in parents
        and gazetteer.governorate_of(o.place_id) != gazetteer.governorate_of(m.place_id)
        for o in places
    )
