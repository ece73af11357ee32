"""The world gazetteer table (wirewatch/data/world.csv) and the demonyms (demonyms.csv).

Built by tools/build_world.py. These tests check that the table loads beside places.csv into one
gazetteer, and that places outside Iraq, Syria and Jordan resolve to their own country.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from functools import cache
from importlib import resources

import pytest

from wirewatch.core.gazetteer import Gazetteer, Place, parse_places
from wirewatch.core.text import tokens

DETAILED = {"IQ", "SY", "JO"}  # their divisions and cities are in places.csv only


def _text(name: str) -> str:
    return resources.files("wirewatch.data").joinpath(name).read_text("utf-8")


@cache
def _places() -> list[Place]:
    return parse_places(_text("places.csv"))


@cache
def _world() -> list[Place]:
    return parse_places(_text("world.csv"), "world.csv")


@cache
def _gazetteer() -> Gazetteer:
    return Gazetteer({p.id: p for p in [*_places(), *_world()]})


def _key(name: str) -> str:
    return " ".join(t.norm for t in tokens(name))


def test_world_parses_with_its_columns() -> None:
    rows = list(csv.DictReader(io.StringIO(_text("world.csv"))))
    assert list(rows[0]) == [
        "id",
        "kind",
        "parent",
        "name_en",
        "name_ar",
        "aliases",
        "context_aliases",
        "geonames_id",
        "lat",
        "lon",
    ]
    assert len(_world()) == len(rows) > 10_000
    assert {p.kind for p in _world()} == {"country", "governorate", "city"}


def test_ids_are_unique_across_both_tables() -> None:
    counts = Counter(p.id for p in [*_places(), *_world()])
    assert [i for i, n in counts.items() if n > 1] == []


def test_every_parent_exists_and_the_gazetteer_builds() -> None:
    gazetteer = _gazetteer()  # raises on an unknown kind or a missing parent
    for place in _world():
        assert gazetteer.country_of(place.id), place.id


def test_no_division_or_city_of_the_detailed_countries() -> None:
    gazetteer = _gazetteer()
    leaks = [p.id for p in _world() if gazetteer.country_of(p.id) in DETAILED]
    assert leaks == []


def test_countries_are_not_repeated_and_all_have_an_arabic_name() -> None:
    in_places = {p.id for p in _places() if p.kind == "country"}
    countries = [p for p in _world() if p.kind == "country"]
    assert not in_places & {p.id for p in countries}
    assert len(countries) + len(in_places) == 249  # every ISO 3166-1 country
    assert [p.id for p in countries if not p.name_ar] == []


def test_divisions_are_under_their_country() -> None:
    for place in _world():
        if place.kind == "governorate":
            assert place.parent == place.id.split("-")[0], place.id


def test_cities_have_coordinates() -> None:
    rows = [r for r in csv.DictReader(io.StringIO(_text("world.csv"))) if r["kind"] == "city"]
    for r in rows:
        assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180, r["id"]
        assert r["geonames_id"].isdigit(), r["id"]


def test_unambiguous_names_belong_to_one_world_place() -> None:
    owners: dict[str, set[str]] = {}
    for place in _world():
        for name in {place.name_en, place.name_ar, *place.aliases} - {""}:
            owners.setdefault(_key(name), set()).add(place.id)
    shared = {k: v for k, v in owners.items() if len(v) > 1}
    assert shared == {}


# Names of places.csv that a world place also reads as unambiguous, because it is by far the more
# prominent one (the tool's WORLD_WINS): Alexandria, Egypt, beside Iskandariya's context alias.
SHARED_WITH_PLACES = {"الاسكندريه"}


def test_world_names_do_not_take_places_names() -> None:
    sure = {_key(n) for p in _places() for n in (p.name_en, p.name_ar, *p.aliases) if n}
    names = sure | {_key(n) for p in _places() for n in p.context_aliases}
    taken = {_key(n) for p in _world() for n in (p.name_en, p.name_ar, *p.aliases) if n and _key(n) in names}
    assert taken == SHARED_WITH_PLACES
    assert not taken & sure


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("المدينة المنورة", "SA"),
        ("Medina", "SA"),
        ("مكة المكرمة", "SA"),
        ("Mecca", "SA"),
        ("تعز", "YE"),
        ("Taiz", "YE"),
        ("صنعاء", "YE"),
        ("Sanaa", "YE"),
        ("عدن", "YE"),
        ("Aden", "YE"),
        ("مأرب", "YE"),
        ("Marib", "YE"),
        ("الحديدة", "YE"),
        ("Hodeidah", "YE"),
        ("المكلا", "YE"),
        ("صعدة", "YE"),
        ("حضرموت", "YE"),
        ("نجران", "SA"),
        ("جازان", "SA"),
        ("جيزان", "SA"),
        ("أبها", "SA"),
        ("خميس مشيط", "SA"),
        ("القطيف", "SA"),
        ("Qatif", "SA"),
        ("الدمام", "SA"),
        ("ديار بكر", "TR"),
        ("Diyarbakir", "TR"),
        ("Diyarbakır", "TR"),
        ("غازي عنتاب", "TR"),
        ("قندوز", "AF"),
        ("Kunduz", "AF"),
        ("قندهار", "AF"),
        ("هلمند", "AF"),
        ("طهران", "IR"),
        ("الأهواز", "IR"),
        ("بيروت", "LB"),
        ("النبطية", "LB"),
        ("Tyre", "LB"),
        ("الخليل", "PS"),
        ("جنين", "PS"),
        ("Jenin", "PS"),
        ("خان يونس", "PS"),
        ("بنغازي", "LY"),
        ("Misrata", "LY"),
        ("الخرطوم", "SD"),
        ("الفاشر", "SD"),
        ("مقديشو", "SO"),
        ("Mogadishu", "SO"),
        ("القاهرة", "EG"),
        ("العريش", "EG"),
        ("الإسكندرية", "EG"),
        ("Timbuktu", "ML"),
        ("Kabul", "AF"),
        ("كابل", "AF"),
        ("Quetta", "PK"),
        ("كراتشي", "PK"),
        ("باماكو", "ML"),
        ("Maiduguri", "NG"),
        ("الدار البيضاء", "MA"),
        ("Casablanca", "MA"),
        ("جيبوتي", "DJ"),
        ("Moscow", "RU"),
        ("كييف", "UA"),
    ],
)
def test_spot_checks(name: str, country: str) -> None:
    gazetteer = _gazetteer()
    found = gazetteer.lookup(name)
    assert found, name
    assert gazetteer.country_of(found[0]) == country, (name, found)


@pytest.mark.parametrize(
    ("name", "place_id"),
    [
        ("الفاو", "IQ-BA/faw"),  # Iraq's Faw stays Iraq's
        ("Erbil", "IQ-AR/erbil"),
        ("الرمادي", "IQ-AN/ramadi"),
    ],
)
def test_places_names_keep_their_place(name: str, place_id: str) -> None:
    assert _gazetteer().lookup(name)[0] == place_id


@pytest.mark.parametrize(
    "name",
    ["Nice", "Reading", "Mobile", "Of", "Van", "Batman", "المدينة", "النصر", "الأمل", "مالي", "بورصة"],
)
def test_ambiguous_world_names_need_context(name: str) -> None:
    # No world place takes the word on its own: where one has it, it is a context alias.
    key = _key(name)
    plain = [p.id for p in _world() if key in {_key(n) for n in (p.name_en, p.name_ar, *p.aliases)}]
    assert plain == []


def test_demonyms_cover_every_country() -> None:
    rows = list(csv.DictReader(io.StringIO(_text("demonyms.csv"))))
    assert list(rows[0]) == ["country", "demonyms"]
    codes = [r["country"] for r in rows]
    assert len(codes) == len(set(codes)) == 249
    demonyms = {r["country"]: r["demonyms"].split("|") for r in rows}
    assert {"Iraqi", "Iraqis", "عراقي", "العراقية", "العراقيين", "العراقيون"} <= set(demonyms["IQ"])
    assert {"Iranian", "إيراني", "الإيرانية"} <= set(demonyms["IR"])
    assert {"أمريكي", "أميركي", "الأمريكية", "الأميركية", "American"} <= set(demonyms["US"])
    arabic = [c for c, d in demonyms.items() if any(not w.isascii() for w in d)]
    assert len(arabic) >= 60


def test_no_demonym_is_a_country_name() -> None:
    names = {
        _key(n)
        for p in [*_places(), *_world()]
        if p.kind == "country"
        for n in (p.name_en, p.name_ar, *p.aliases)
        if n
    }
    rows = csv.DictReader(io.StringIO(_text("demonyms.csv")))
    clashes = [(r["country"], d) for r in rows for d in r["demonyms"].split("|") if d and _key(d) in names]
    assert clashes == []


def test_a_gazetteer_with_places_added_or_replaced_indexes_them_as_one_built_whole() -> None:
    from wirewatch.core.gazetteer import _build_index, builtin

    base = builtin()
    anbar = base.places["IQ-AN"]
    extra = [
        # a built-in place with one more alias, one that starts like other names ("al-")
        Place(
            anbar.id,
            anbar.kind,
            anbar.parent,
            anbar.name_en,
            anbar.name_ar,
            (*anbar.aliases, "al-Ramadi plain"),
        ),
        # a place of its own, named like a common first word of other names
        Place("camp-echo", "base", "IQ-AN", "Camp Echo", "معسكر إيكو", ("Echo Base",)),
    ]
    extended = base.with_places(extra)
    merged = {**base.places, **{p.id: p for p in extra}}
    assert extended._index == _build_index(merged.values())
    assert extended.lookup("Camp Echo") == ["camp-echo"]
    assert base.lookup("Camp Echo") == []  # the gazetteer it came from is unchanged
