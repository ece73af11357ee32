"""The web board with 100,000 incidents in its SQLite store: first page and search, as an analyst waits.

Fills a fresh store (in a temporary folder) the way the ingest thread does, in batches with
offsets, with synthetic incidents: 12 places (bases, towns, governorates) with their watch
entries, 9 attack types, 40 outlets, two reports each, one a day for the last months. Then times,
each 30 times after a warm-up: the store query and the whole page (login, render, through
Starlette's test client) for the board's first page, a search for an outlet, a search for a
headline word, and a filter by watch entry and by state. Prints median and p95 per case, then one
JSON line. Not a test: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from starlette.testclient import TestClient  # noqa: E402

from wirewatch.core.analysis import Analyzer  # noqa: E402
from wirewatch.core.incidents import Figure, Incident, PlaceFact, ReportFacts  # noqa: E402
from wirewatch.core.watch import WatchEntry  # noqa: E402
from wirewatch.web.app import Web, create_app  # noqa: E402
from wirewatch.web.auth import User, Users, hash_password  # noqa: E402
from wirewatch.web.ingest import Places  # noqa: E402
from wirewatch.web.store import BoardQuery, SqliteStore  # noqa: E402

NOW = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)
PLACES = (
    PlaceFact(
        id="ain-al-asad",
        name="Ain al-Asad Air Base",
        kind="base",
        lineage=("ain-al-asad", "IQ-AN/baghdadi", "IQ-AN", "IQ"),
    ),
    PlaceFact(
        id="erbil-airport",
        name="Erbil International Airport",
        kind="base",
        lineage=("erbil-airport", "IQ-AR/erbil", "IQ-AR", "IQ"),
    ),
    PlaceFact(id="IQ-AN/al-qaim", name="Al-Qaim", kind="city", lineage=("IQ-AN/al-qaim", "IQ-AN", "IQ")),
    PlaceFact(id="IQ-BG/baghdad", name="Baghdad", kind="city", lineage=("IQ-BG/baghdad", "IQ-BG", "IQ")),
    PlaceFact(id="IQ-NI/mosul", name="Mosul", kind="city", lineage=("IQ-NI/mosul", "IQ-NI", "IQ")),
    PlaceFact(id="IQ-BA/basra", name="Basra", kind="city", lineage=("IQ-BA/basra", "IQ-BA", "IQ")),
    PlaceFact(id="IQ-AN", name="Anbar", kind="governorate", lineage=("IQ-AN", "IQ")),
    PlaceFact(id="IQ-SD", name="Salah al-Din", kind="governorate", lineage=("IQ-SD", "IQ")),
    PlaceFact(id="IQ-DI", name="Diyala", kind="governorate", lineage=("IQ-DI", "IQ")),
    PlaceFact(id="IQ-KI/kirkuk", name="Kirkuk", kind="city", lineage=("IQ-KI/kirkuk", "IQ-KI", "IQ")),
    PlaceFact(id="IQ-NA/najaf", name="Najaf", kind="city", lineage=("IQ-NA/najaf", "IQ-NA", "IQ")),
    PlaceFact(id="IQ-AR/erbil", name="Erbil", kind="city", lineage=("IQ-AR/erbil", "IQ-AR", "IQ")),
)
TYPES = ("rocket", "missile", "drone", "mortar", "airstrike", "ied", "suicide", "shooting", "other")
WORDS = (
    "Katyusha",
    "barrage",
    "convoy",
    "checkpoint",
    "patrol",
    "logistics",
    "airport",
    "base",
    "camp",
    "depot",
)
STATES = ("reported", "corroborated", "updated")


def synthetic(n: int) -> Incident:
    place = PLACES[n % len(PLACES)]
    kind = TYPES[n % len(TYPES)]
    when = NOW - timedelta(minutes=2 * n)
    reports = tuple(
        ReportFacts(
            article_id=f"art-{n}-{k}",
            outlet=f"Outlet {(n + 7 * k) % 40}",
            lang="ar" if k else "en",
            title=f"{WORDS[(n + k) % len(WORDS)]} {kind} attack reported near {place.name} ({n})",
            url=f"https://news.example/{n}/{k}",
            published=when,
            seen_at=when + timedelta(minutes=k),
            event_time=when,
            types=(kind,),
            places=(place,),
        )
        for k in range(2)
    )
    return Incident(
        id=f"inc-{n:08x}",
        revision=2,
        state=STATES[n % 3],
        first_seen=when,
        last_update=when + timedelta(minutes=1),
        event_time=when,
        places=(place,),
        attack_types=(kind,),
        killed=Figure(low=n % 5, high=n % 5, latest=n % 5),
        reports=reports,
        outlets=tuple(r.outlet for r in reports),
        independent_outlets=2,
        languages=("ar", "en"),
    )


def timed(action, runs: int) -> dict[str, float]:
    action()  # warm-up
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        seconds.append(time.perf_counter() - started)
    seconds.sort()
    return {
        "median_ms": round(statistics.median(seconds) * 1000, 2),
        "p95_ms": round(seconds[int(0.95 * (len(seconds) - 1))] * 1000, 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    analyzer = Analyzer.create(
        (
            WatchEntry(id="ain-al-asad", kind="base", names=("Ain al-Asad",)),
            WatchEntry(id="anbar", kind="region", names=("Anbar",)),
            WatchEntry(id="erbil-airport", kind="base", names=("Erbil airport",)),
        )
    )
    places = Places(analyzer)
    with tempfile.TemporaryDirectory(prefix="bench-web-") as folder:
        store = SqliteStore(Path(folder) / "store.sqlite3")
        started = time.perf_counter()
        batch = 1000
        for start in range(0, args.incidents, batch):
            changes = [places.seen(synthetic(n)) for n in range(start, min(start + batch, args.incidents))]
            store.apply(changes, {("incidents", 0): start + len(changes)})
        fill_s = time.perf_counter() - started
        size_mb = (Path(folder) / "store.sqlite3").stat().st_size / 1e6
        print(
            f"filled {store.count():,} incidents in {fill_s:.1f} s ({args.incidents / fill_s:,.0f}/s); store {size_mb:.0f} MB"
        )

        users = Users((User(name="bench", role="viewer", password_hash=hash_password("bench-password")),))
        web = Web(store=store, users=users, actions=None, analyzer=analyzer, clock=lambda: NOW)
        client = TestClient(create_app(web, "b" * 40))
        token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text).group(1)
        client.post("/login", data={"name": "bench", "password": "bench-password", "csrf": token})

        cases = {
            "first_page": ({}, BoardQuery()),
            "search_outlet": ({"q": "Outlet 17"}, BoardQuery(q="Outlet 17")),
            "search_word_rare": ({"q": "katyusha mosul"}, BoardQuery(q="katyusha mosul")),
            "search_no_match": ({"q": "no-such-thing"}, BoardQuery(q="no-such-thing")),
            "filter_entry": ({"entry": "erbil-airport"}, BoardQuery(entry="erbil-airport")),
            "filter_state_type": (
                {"state": "updated", "type": "drone"},
                BoardQuery(state="updated", type="drone"),
            ),
        }
        results: dict[str, dict[str, object]] = {}
        for name, (params, query) in cases.items():
            rows = len(store.board(query))
            store_t = timed(lambda q=query: store.board(q), args.runs)
            page_t = timed(lambda p=params: client.get("/board", params=p).raise_for_status(), args.runs)
            results[name] = {"rows": rows, "store": store_t, "page": page_t}
            print(
                f"{name:18} rows {rows:3}  store median {store_t['median_ms']:7.2f} ms p95 {store_t['p95_ms']:7.2f} ms"
                f"   whole page median {page_t['median_ms']:7.2f} ms p95 {page_t['p95_ms']:7.2f} ms"
            )
        store.close()
    print(
        json.dumps(
            {"incidents": args.incidents, "fill_s": round(fill_s, 1), "store_mb": round(size_mb), **results}
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
