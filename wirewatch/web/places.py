"""Where places are on a map: the coordinates shipped in ``data/coordinates.csv`` (GeoNames at build time)."""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources


@cache
def coordinates() -> dict[str, tuple[float, float]]:
    """Place id -> (latitude, longitude)."""
    text = resources.files("wirewatch.data").joinpath("coordinates.csv").read_text("utf-8")
    return {row["id"]: (float(row["lat"]), float(row["lon"])) for row in csv.DictReader(text.splitlines())}
