"""Incident exports (wirewatch.export): CSV that pandas reads with the right types, GeoJSON that
validates against the GeoJSON schema, coordinates with their precision, and untrusted text that
never becomes a spreadsheet formula."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta

import jsonschema
import pandas as pd
import pytest
from geojson_pydantic import FeatureCollection

from tests.factories import AIN_AL_ASAD, AL_QAIM, ANBAR, ERBIL_AIRPORT, facts, incident
from wirewatch.core.gazetteer import builtin
from wirewatch.core.incidents import PlaceFact
from wirewatch.export import COLUMNS, Locator, geojson, jsonl_record, row, write_csv

T0 = datetime(2025, 2, 11, 6, tzinfo=UTC)
NOWHERE = PlaceFact(id="made-up-outpost", name="Outpost Nine", kind="base", lineage=("made-up-outpost",))


@pytest.fixture(scope="module")
def locator() -> Locator:
    return Locator(builtin())


def incidents():
    rockets, _ = incident(
        facts("a-1", "Tigris Wire", T0, killed=2, wounded=5, projectiles=3, claimed_by=("Saraya Example",)),
        facts("a-2", "Euphrates Post", T0 + timedelta(minutes=30), killed=3),
    )
    drone, _ = incident(
        facts(
            "b-1",
            '=HYPERLINK("http://evil.example")',
            T0 + timedelta(hours=3),
            places=(ERBIL_AIRPORT,),
            types=("drone",),
        )
    )
    vague, _ = incident(
        facts("c-1", "Rafidain News", T0 + timedelta(hours=5), places=(ANBAR,), types=("mortar",))
    )
    lost, _ = incident(
        facts("d-1", "Rafidain News", T0 + timedelta(hours=6), places=(NOWHERE,), types=("ied",))
    )
    return [rockets, drone, vague, lost]


def rows(locator: Locator) -> list[dict]:
    g = locator.gazetteer
    return [row(i, g, locator, ("ain-al-asad",) if n == 0 else ()) for n, i in enumerate(incidents())]


def test_places_get_their_own_point_or_their_nearest_ancestors(locator: Locator) -> None:
    own = locator.point(AIN_AL_ASAD.id)
    assert own is not None and own.precision == 1 and 33 < own.lat < 34.5 and 42 < own.lon < 43
    near = locator.point(AL_QAIM.id)  # a base without a point of its own: its town's
    town = locator.point("IQ-AN/al-qaim")
    assert (
        near is not None
        and town is not None
        and near.precision == 2
        and (near.lat, near.lon) == (town.lat, town.lon)
    )
    area = locator.point(ANBAR.id)  # a governorate: the centre of its towns
    assert area is not None and area.precision == 3 and 32 < area.lat < 35 and 39 < area.lon < 44
    assert locator.point("made-up-outpost") is None


def test_the_csv_opens_in_pandas_with_the_right_types(locator: Locator) -> None:
    out = io.StringIO()
    write_csv(rows(locator), out)
    frame = pd.read_csv(io.StringIO(out.getvalue()), parse_dates=["event_date"], keep_default_na=True)
    assert tuple(frame.columns) == COLUMNS
    assert len(frame) == 4
    assert str(frame["event_date"].dtype).startswith("datetime64")
    assert frame["latitude"].dtype == "float64" and frame["longitude"].dtype == "float64"
    assert frame["source_count"].dtype == "int64" and frame["fatalities"].dtype == "int64"
    first = frame.iloc[0]
    assert first["event_date"] == pd.Timestamp("2025-02-11")
    assert first["sub_type"] == "Shelling/artillery/missile attack"
    assert (first["country"], first["admin1"], first["location"]) == ("Iraq", "Anbar", "Ain al-Asad Air Base")
    assert first["fatalities"] == 2  # the lowest figure an outlet gave
    assert first["source_count"] == 2
    assert first["watch_hits"] == "ain-al-asad"
    assert "claimed by Saraya Example" in first["notes"]
    # A cell a spreadsheet would run is text: an apostrophe leads it.
    assert frame.iloc[1]["source_outlets"].startswith("'=HYPERLINK")
    assert frame.iloc[3][["latitude", "longitude"]].isna().all()
    assert frame.iloc[2]["notes"].endswith("fatalities not reported")


def test_the_geojson_validates_against_the_geojson_schema(locator: Locator) -> None:
    document = json.loads(json.dumps(geojson(rows(locator))))
    jsonschema.validate(document, FeatureCollection.model_json_schema())
    collection = FeatureCollection.model_validate(document)
    assert len(collection.features) == 4
    point = document["features"][0]["geometry"]
    assert point["type"] == "Point" and 42 < point["coordinates"][0] < 43  # longitude first (RFC 7946)
    assert document["features"][3]["geometry"] is None
    assert document["features"][1]["properties"]["source_outlets"] == ['=HYPERLINK("http://evil.example")']


def test_a_schema_violation_is_caught_by_the_same_check(locator: Locator) -> None:
    document = json.loads(json.dumps(geojson(rows(locator))))
    document["features"][0]["geometry"]["coordinates"] = [42.4]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, FeatureCollection.model_json_schema())


def test_json_lines_carry_the_incident_without_signatures(locator: Locator) -> None:
    first = incidents()[0]
    record = jsonl_record(first, rows(locator)[0])
    assert record["id"] == first.id and len(record["reports"]) == 2
    assert all("signature" not in r for r in record["reports"])
    assert record["location"]["geo_precision"] == 1 and record["watch_hits"] == ["ain-al-asad"]
