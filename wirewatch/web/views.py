"""Shaping store rows for the templates (pure): times as people read them, figures, filters, text."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from wirewatch.alerts.render import safe_link
from wirewatch.core.incidents import Figure, Incident
from wirewatch.web.store import BoardQuery

STATES = ("reported", "corroborated", "updated")
TYPES = ("rocket", "missile", "drone", "mortar", "airstrike", "ied", "suicide", "shooting", "other")
SINCE = {"": None, "6h": 6, "24h": 24, "3d": 72, "7d": 168, "30d": 720}


def clean(text: object, limit: int = 500) -> str:
    """Untrusted text for a page: no control or direction-override characters (which could make a
    title show other than it reads), one line, bounded. HTML escaping is the template's."""
    if text is None:
        return ""
    value = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch
        for ch in str(text)
        if unicodedata.category(ch) != "Cf" or ch in "\u200c\u200d"
    )
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def piece(text: object, limit: int = 2000) -> str:
    """A piece of a sentence between highlights: like ``clean`` but keeps its edge spaces, so the
    words on either side of a highlight stay apart."""
    value = str(text or "")
    lead = " " if value[:1].isspace() else ""
    trail = " " if value[-1:].isspace() and value.strip() else ""
    return lead + clean(value, limit) + trail


def link(url: str | None) -> str:
    """The article link if it is a plain http(s) URL, else nothing (no javascript:, data:, ...)."""
    return safe_link(url)


def ago(when: datetime | None, now: datetime) -> str:
    if when is None:
        return "never"
    seconds = (now - when).total_seconds()
    if seconds < 0:
        return "in " + _span(-seconds)
    return _span(seconds) + " ago"


def _span(seconds: float) -> str:
    if seconds < 90:
        return f"{int(seconds)} s"
    if seconds < 5400:
        return f"{int(seconds // 60)} min"
    if seconds < 48 * 3600:
        return f"{seconds / 3600:.0f} h"
    return f"{seconds / 86400:.0f} d"


def utc(when: datetime | None) -> str:
    return "" if when is None else when.strftime("%Y-%m-%d %H:%M UTC")


def figure(fig: Figure) -> str:
    if fig.latest is None and fig.low is None:
        return ""
    if fig.low is not None and fig.high is not None and fig.low != fig.high:
        return f"{fig.low}–{fig.high}"
    return str(fig.latest if fig.latest is not None else fig.low)


def figures(incident: Incident) -> list[tuple[str, str]]:
    out = [
        (label, figure(fig))
        for label, fig in (
            ("killed", incident.killed),
            ("wounded", incident.wounded),
            ("projectiles", incident.projectiles),
        )
    ]
    shown = [(label, value) for label, value in out if value]
    if incident.intercepted:
        shown.append(("intercepted", "yes"))
    return shown


def first_report(incident: Incident) -> Any:
    return min(incident.reports, key=lambda r: r.seen_at) if incident.reports else None


@dataclass(frozen=True)
class Filters:
    entry: str = ""
    place: str = ""
    type: str = ""
    state: str = ""
    since: str = ""
    q: str = ""

    @classmethod
    def of(cls, params: Any) -> Filters:
        def get(name: str, allowed: Any = None) -> str:
            value = clean(params.get(name, "") or "", 200)
            return value if allowed is None or value in allowed else ""

        return cls(
            entry=get("entry"),
            place=get("place"),
            type=get("type", TYPES),
            state=get("state", STATES),
            since=get("since", SINCE),
            q=get("q"),
        )

    def query(self, now: datetime, limit: int = 50) -> BoardQuery:
        hours = SINCE.get(self.since)
        return BoardQuery(
            entry=self.entry,
            place=self.place,
            type=self.type,
            state=self.state,
            since=now - timedelta(hours=hours) if hours else None,
            q=self.q,
            limit=limit,
        )

    def params(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v}


# -- the map ---------------------------------------------------------------------------------------

MAP_AREA = (34.0, 28.0, 50.0, 38.5)  # west, south, east, north: Iraq, Syria, Jordan and the bases
MAP_ZOOM = 6
# Cities drawn faintly on the map so that a point can be placed at a glance with no tiles.
LANDMARKS = (
    ("IQ-BG/baghdad", "Baghdad"),
    ("IQ-BA/basra", "Basra"),
    ("IQ-NI/mosul", "Mosul"),
    ("IQ-AR/erbil", "Erbil"),
    ("SY-HL/aleppo", "Aleppo"),
    ("SY-DY/deir-ez-zor", "Deir ez-Zor"),
    ("JO-AM/amman", "Amman"),
)


def mercator(lon: float, lat: float, zoom: int = MAP_ZOOM) -> tuple[float, float]:
    """Web Mercator pixels at ``zoom`` (256-pixel tiles), as tile servers cut the world."""
    import math

    scale = 256 * 2**zoom
    x = (lon + 180.0) / 360.0 * scale
    rad = math.radians(lat)
    y = (1.0 - math.log(math.tan(rad) + 1.0 / math.cos(rad)) / math.pi) / 2.0 * scale
    return x, y


@dataclass(frozen=True)
class MapView:
    """What the map page draws: a view box in Mercator pixels, the points, and the tiles (if any)."""

    box: tuple[float, float, float, float]  # x, y, width, height
    points: list[dict[str, Any]]
    tiles: list[tuple[str, float, float]]  # (URL, x, y)
    landmarks: list[tuple[str, float, float]] = field(default_factory=list)  # (name, x, y)


def map_view(points: list[dict[str, Any]], tile_url: str | None) -> MapView:
    west, south, east, north = MAP_AREA
    x0, y0 = mercator(west, north)
    x1, y1 = mercator(east, south)
    placed = []
    for p in points:
        x, y = mercator(p["lon"], p["lat"])
        placed.append({**p, "x": round(x - x0, 1), "y": round(y - y0, 1)})
    tiles = []
    if tile_url:
        for tx in range(int(x0 // 256), int(x1 // 256) + 1):
            for ty in range(int(y0 // 256), int(y1 // 256) + 1):
                url = tile_url.replace("{z}", str(MAP_ZOOM)).replace("{x}", str(tx)).replace("{y}", str(ty))
                tiles.append((url, tx * 256 - x0, ty * 256 - y0))
    from wirewatch.web.places import coordinates

    known = coordinates()
    marks = []
    for place_id, name in LANDMARKS:
        if place_id in known:
            lat, lon = known[place_id]
            x, y = mercator(lon, lat)
            marks.append((name, round(x - x0, 1), round(y - y0, 1)))
    return MapView((0.0, 0.0, round(x1 - x0, 1), round(y1 - y0, 1)), placed, tiles, marks)
