"""``wirewatch export incidents``: the incidents of a window as CSV, GeoJSON or JSON Lines.

Reads the compacted incidents topic (the latest state of every incident the processor still
keeps: ``incident_retention_days``), keeps those whose event time is in the window (and that hit
the ``--watch`` entries, if given), and writes them in event order.

- **CSV**, columns in the spirit of ACLED's: ``event_id, event_date, type, sub_type, country,
  admin1, admin2, location, latitude, longitude, geo_precision, source_outlets, source_count,
  fatalities, notes`` and wirewatch's own ``event_time, state, watch_hits``. ``sub_type`` uses
  ACLED's sub-event names; ``fatalities`` is the lowest figure any outlet gave, 0 when none did
  (``notes`` then says so). A cell that a spreadsheet would run as a formula is quoted with a
  leading apostrophe (outlet names and claims come from feeds).
- **GeoJSON**, a FeatureCollection (RFC 7946) of points with the same properties; an incident
  whose place has no coordinates has a null geometry.
- **JSON Lines**, one incident per line as the processor keeps it (less each report's text
  signature), with the same location fields.

Coordinates: a place's own point (``data/coordinates.csv`` for Iraq, Syria, Jordan and the bases,
``data/world.csv`` elsewhere) with geo_precision 1; else the nearest ancestor's point (2 for a
town or district, 3 for the centre of a governorate or country, the mean of its towns' points).
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from wirewatch.config import Settings
from wirewatch.core.gazetteer import Gazetteer
from wirewatch.core.incidents import Incident
from wirewatch.core.watch import hits_in
from wirewatch.errors import BadRecord, ConfigError
from wirewatch.replay import Window
from wirewatch.topics import INCIDENTS
from wirewatch.topics.codec import decode
from wirewatch.topics.reader import read_compacted
from wirewatch.topics.records import IncidentRecord

COLUMNS = (
    "event_id",
    "event_date",
    "type",
    "sub_type",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source_outlets",
    "source_count",
    "fatalities",
    "notes",
    "event_time",
    "state",
    "watch_hits",
)

# wirewatch's attack types as ACLED's sub-event types (their event type is "Explosions/Remote
# violence" for all but the shooting, a "Battles" armed clash).
SUB_TYPES = {
    "rocket": "Shelling/artillery/missile attack",
    "missile": "Shelling/artillery/missile attack",
    "mortar": "Shelling/artillery/missile attack",
    "drone": "Air/drone strike",
    "airstrike": "Air/drone strike",
    "ied": "Remote explosive/landmine/IED",
    "suicide": "Suicide bomb",
    "shooting": "Armed clash",
    "other": "Attack",
}
EVENT_TYPES = {"shooting": "Battles"}
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float
    precision: int  # 1 the place itself, 2 its town or district, 3 the centre of a larger area


class Locator:
    """Coordinates for gazetteer places: their own, or the nearest ancestor's."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        data = resources.files("wirewatch.data")
        self.own: dict[str, tuple[float, float]] = {}
        for name in ("world.csv", "coordinates.csv"):
            for row in csv.DictReader(io.StringIO(data.joinpath(name).read_text("utf-8"))):
                if row.get("lat") and row.get("lon"):
                    self.own[row["id"]] = (float(row["lat"]), float(row["lon"]))

    @cached_property
    def centres(self) -> dict[str, tuple[float, float]]:
        """Governorates and countries: the mean point of the towns inside them."""
        sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
        for place_id, (lat, lon) in self.own.items():
            if place_id not in self.gazetteer.places:
                continue
            for area in self.gazetteer.ancestors(place_id):
                if self.gazetteer.places[area].kind in ("governorate", "country"):
                    total = sums[area]
                    total[0] += lat
                    total[1] += lon
                    total[2] += 1
        return {area: (t[0] / t[2], t[1] / t[2]) for area, t in sums.items()}

    def point(self, place_id: str) -> Point | None:
        if place_id not in self.gazetteer.places:
            return None
        for depth, candidate in enumerate(self.gazetteer.lineage(place_id)):
            kind = self.gazetteer.places[candidate].kind
            if candidate in self.own and kind not in ("governorate", "country"):
                lat, lon = self.own[candidate]
                return Point(lat, lon, 1 if depth == 0 else 2)
            if candidate in self.centres:
                lat, lon = self.centres[candidate]
                return Point(lat, lon, 3)
        return None


def incidents_in(settings: Settings, span: Window) -> list[Incident]:
    """The incidents on the compacted topic whose event time is in the window, in event order."""
    latest: dict[str, Incident | None] = {}
    for record_key, value, _ in read_compacted(settings, INCIDENTS, client="export"):
        if value is None:
            latest[record_key] = None
            continue
        try:
            incident = decode(value, IncidentRecord).incident
        except BadRecord:
            continue
        latest[incident.id] = incident
    chosen = [i for i in latest.values() if i is not None and span.start <= i.event_time < span.end]
    return sorted(chosen, key=lambda i: (i.event_time, i.id))


def _cell(value: str) -> str:
    """Untrusted text as a spreadsheet cell: never a formula."""
    return "'" + value if value.startswith(_FORMULA) else value


def _names(gazetteer: Gazetteer, incident: Incident) -> dict[str, str]:
    out = {"country": "", "admin1": "", "admin2": "", "location": ""}
    if not incident.places:
        return out
    place = incident.places[0]
    out["location"] = place.name
    for ancestor in place.lineage[1:] if place.id in gazetteer.places else ():
        known = gazetteer.places.get(ancestor)
        if known is None:
            continue
        name = known.name_en or known.name_ar
        if known.kind == "country" and not out["country"]:
            out["country"] = name
        elif known.kind == "governorate" and not out["admin1"]:
            out["admin1"] = name
        elif known.kind in ("district", "city") and not out["admin2"] and not out["admin1"]:
            out["admin2"] = name
    if place.kind == "governorate":
        out["admin1"] = place.name
    if place.kind == "country":
        out["country"] = place.name
    return out


def _notes(incident: Incident) -> str:
    parts = [", ".join(SUB_TYPES.get(t, t) for t in incident.attack_types) or "Attack"]
    if incident.places:
        parts[0] += f" at {incident.places[0].name}"
    if incident.projectiles.high:
        parts.append(f"{incident.projectiles.high} projectiles")
    if incident.killed.low is None:
        parts.append("fatalities not reported")
    if incident.wounded.high:
        parts.append(
            f"{incident.wounded.low}-{incident.wounded.high} wounded"
            if incident.wounded.low != incident.wounded.high
            else f"{incident.wounded.high} wounded"
        )
    if incident.intercepted:
        parts.append("intercepted")
    if incident.claimed_by:
        parts.append("claimed by " + ", ".join(incident.claimed_by))
    if incident.late:
        parts.append("first reported days later")
    return "; ".join(parts)


def row(incident: Incident, gazetteer: Gazetteer, locator: Locator, hits: Sequence[str]) -> dict[str, Any]:
    """One incident as the export's fields, typed (numbers as numbers, lists as lists)."""
    lead = incident.attack_types[0] if incident.attack_types else "other"
    point = locator.point(incident.places[0].id) if incident.places else None
    return {
        "event_id": incident.id,
        "event_date": incident.event_time.date().isoformat(),
        "type": EVENT_TYPES.get(lead, "Explosions/Remote violence"),
        "sub_type": SUB_TYPES.get(lead, "Attack"),
        **_names(gazetteer, incident),
        "latitude": point.lat if point else None,
        "longitude": point.lon if point else None,
        "geo_precision": point.precision if point else None,
        "source_outlets": list(incident.outlets),
        "source_count": len(incident.outlets),
        "fatalities": incident.killed.low or 0,
        "notes": _notes(incident),
        "event_time": incident.event_time.isoformat(),
        "state": incident.state,
        "watch_hits": list(hits),
    }


def write_csv(rows: Iterable[dict[str, Any]], out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for r in rows:
        flat = dict(r)
        flat["source_outlets"] = "; ".join(r["source_outlets"])
        flat["watch_hits"] = "; ".join(r["watch_hits"])
        for name in ("country", "admin1", "admin2", "location", "source_outlets", "notes"):
            flat[name] = _cell(str(flat[name]))
        writer.writerow({k: "" if v is None else v for k, v in flat.items()})


def geojson(rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    features = []
    for r in rows:
        has_point = r["latitude"] is not None and r["longitude"] is not None
        geometry = {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]} if has_point else None
        properties = {k: v for k, v in r.items() if k not in ("latitude", "longitude")}
        features.append(
            {"type": "Feature", "id": r["event_id"], "geometry": geometry, "properties": properties}
        )
    return {"type": "FeatureCollection", "features": features}


def jsonl_record(incident: Incident, fields: dict[str, Any]) -> dict[str, Any]:
    data = incident.model_dump(mode="json", exclude={"reports": {"__all__": {"signature"}}})
    data["location"] = {
        k: fields[k]
        for k in ("country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision")
    }
    data["watch_hits"] = fields["watch_hits"]
    return data


def run(
    settings: Settings,
    span: Window,
    fmt: str,
    watch: Sequence[str],
    watchlist: Path | None,
    output: Path | None,
    out: TextIO,
) -> int:
    from wirewatch.alerts.watchlist import analyzer_for

    if watch and watchlist is None:
        raise ConfigError(
            "--watch needs the watchlist that defines the entry: --watchlist FILE", field="watch"
        )
    analyzer = analyzer_for(watchlist)
    known = {w.entry_id for w in analyzer.watch}
    unknown = [w for w in watch if w not in known]
    if unknown:
        raise ConfigError(f"--watch {unknown[0]!r}: no such entry in the watchlist", path=str(watchlist))
    locator = Locator(analyzer.gazetteer)
    chosen: list[tuple[Incident, dict[str, Any]]] = []
    for incident in incidents_in(settings, span):
        hits = hits_in(incident.lineages(), analyzer.watch)
        if watch and not set(watch) & set(hits):
            continue
        chosen.append((incident, row(incident, analyzer.gazetteer, locator, hits)))
    target = output.open("w", encoding="utf-8", newline="") if output is not None else out
    try:
        if fmt == "csv":
            write_csv((r for _, r in chosen), target)
        elif fmt == "geojson":
            target.write(json.dumps(geojson(r for _, r in chosen), ensure_ascii=False) + "\n")
        else:
            for incident, fields in chosen:
                target.write(json.dumps(jsonl_record(incident, fields), ensure_ascii=False) + "\n")
    finally:
        if output is not None:
            target.close()
    return 0
