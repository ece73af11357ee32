"""The web store's contract, against each store: the embedded SQLite file and a real PostgreSQL server.

The same changes in, the same pages' data out: idempotent upserts (a record read twice changes
nothing, an older revision never replaces a newer one), offsets that only move forward, filters
and search, dismissal by feedback, tombstones. PostgreSQL is Debian's server (``make postgres``),
started for the session in a temporary folder on a free port.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.factories import ERBIL_AIRPORT, facts, incident
from tests.integration.procs import wait_until
from wirewatch.alerts.admin import new_silence
from wirewatch.testing.ports import free_port
from wirewatch.topics.records import FeedbackRecord, feedback_key
from wirewatch.web.store import BoardQuery, IncidentSeen, RevisionSeen, Store, Tombstone, open_store

NOW = datetime(2026, 3, 14, 9, 0, tzinfo=UTC)
PG_PASSWORD = "pg-s3cret-for-tests"  # the server asks it over TCP (SCRAM), as a team's server would


def _initdb() -> str:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    assert found, "Debian's PostgreSQL server is missing: run `make postgres`"
    return str(Path(found[-1]).parent)


@pytest.fixture(scope="session")
def postgres() -> Iterator[str]:
    """A throwaway PostgreSQL server; yields its connection string."""
    bindir = _initdb()
    # Not under pytest's folder: as root that is private to root, and PostgreSQL will not run as root.
    home = Path(tempfile.mkdtemp(prefix="wirewatch-pg-"))
    data = home / "data"
    data.mkdir()
    as_user: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root: run it as the postgres user
        shutil.chown(home, "postgres")
        shutil.chown(data, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    pwfile = home / "pwfile"
    pwfile.write_text(PG_PASSWORD + "\n", "utf-8")
    if as_user:
        shutil.chown(pwfile, "postgres")
    subprocess.run(
        [
            *as_user,
            f"{bindir}/initdb",
            "-D",
            str(data),
            "-U",
            "wirewatch",
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            f"--pwfile={pwfile}",
            "-E",
            "UTF8",
        ],
        check=True,
        capture_output=True,
    )
    port = free_port()
    server = subprocess.Popen(
        [
            *as_user,
            f"{bindir}/postgres",
            "-D",
            str(data),
            "-p",
            str(port),
            "-k",
            str(data),
            "-h",
            "127.0.0.1",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    dsn = f"postgresql://wirewatch:{PG_PASSWORD}@127.0.0.1:{port}/postgres"
    try:
        import psycopg

        def accepting() -> bool:
            assert server.poll() is None, f"postgres exited with {server.returncode}"
            try:
                psycopg.connect(dsn).close()
            except psycopg.OperationalError:
                return False
            return True

        wait_until(accepting, 60, interval=0.2, what="PostgreSQL to accept connections")
        yield dsn
    finally:
        server.terminate()
        server.wait(30)
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        opened = open_store(str(tmp_path / "store.sqlite3"))
    else:
        import psycopg

        dsn = request.getfixturevalue("postgres")
        schema = f"t{os.getpid()}_{int(time.monotonic() * 1000) % 10**9}"
        with psycopg.connect(dsn, autocommit=True) as db:
            db.execute(f"CREATE SCHEMA {schema}")
        opened = open_store(f"{dsn}?options=-csearch_path%3D{schema}")
    yield opened
    opened.close()


def stories():
    first = facts("a1", "Wire A", NOW - timedelta(minutes=30), title="Rockets hit Ain al-Asad", projectiles=2)
    second = facts("b1", "Wire B", NOW - timedelta(minutes=20), title="Two rockets hit the base")
    one, _ = incident(first)
    two, _ = incident(first, second)
    erbil, _ = incident(
        facts("x1", "Local Daily", NOW - timedelta(minutes=5), places=(ERBIL_AIRPORT,), types=("drone",))
    )
    return one, two, erbil


def test_upserts_are_idempotent_and_never_go_back_a_revision(store: Store) -> None:
    one, two, erbil = stories()
    seen = [
        IncidentSeen(two, ("ain-al-asad", "anbar"), ("Ain al-Asad Air Base", "Anbar", "Iraq")),
        IncidentSeen(erbil),
    ]
    revisions = [
        RevisionSeen(two.id, 2, "corroborated", "b1", NOW),
        RevisionSeen(two.id, 1, "new", "a1", NOW),
    ]
    store.apply([*seen, *revisions], {("incidents.v1", 0): 10})
    store.apply(
        [*seen, *revisions, IncidentSeen(one)], {("incidents.v1", 0): 7}
    )  # read again; an older state
    assert store.count() == 2
    page = store.incident(two.id)
    assert page is not None and page.row.incident.revision == 2 and page.row.incident.state == "corroborated"
    assert [(r.revision, r.change) for r in page.revisions] == [(1, "new"), (2, "corroborated")]
    assert store.offsets() == {("incidents.v1", 0): 10}  # offsets only move forward
    store.apply([], {("incidents.v1", 0): 12, ("incident-updates.v1", 2): 5})
    assert store.offsets() == {("incidents.v1", 0): 12, ("incident-updates.v1", 2): 5}


def test_board_filters_search_and_dismissal(store: Store) -> None:
    _, two, erbil = stories()
    store.apply(
        [IncidentSeen(two, ("ain-al-asad", "anbar"), ("Ain al-Asad Air Base",)), IncidentSeen(erbil)], {}
    )
    assert [r.incident.id for r in store.board(BoardQuery())] == [erbil.id, two.id]
    assert [r.incident.id for r in store.board(BoardQuery(entry="anbar"))] == [two.id]
    assert [r.incident.id for r in store.board(BoardQuery(type="drone"))] == [erbil.id]
    assert [r.incident.id for r in store.board(BoardQuery(place="IQ-AN"))] == [two.id]
    assert [r.incident.id for r in store.board(BoardQuery(q="TWO rockets"))] == [two.id]
    assert store.board(BoardQuery(q="100% _x_")) == []  # LIKE's own characters are searched as text
    assert [r.incident.id for r in store.board(BoardQuery(since=NOW - timedelta(minutes=10)))] == [erbil.id]
    mark = FeedbackRecord(mark="not_attack", incident_id=two.id, by="dana", at=NOW)
    key = feedback_key("not_attack", two.id)
    store.apply([(key, mark)], {})
    assert [r.incident.id for r in store.board(BoardQuery())] == [erbil.id]
    assert store.board(BoardQuery(dismissed=True))[1].dismissed
    store.apply([Tombstone("feedback", key)], {})
    assert len(store.board(BoardQuery())) == 2


def test_silences_come_and_go(store: Store) -> None:
    silence = new_silence("anbar", None, NOW + timedelta(hours=2), "drill", NOW)
    store.apply([silence, silence], {})
    assert [s.id for s in store.silences()] == [silence.id]
    store.apply([Tombstone("silence", silence.id)], {})
    assert store.silences() == []


def test_the_postgresql_password_comes_from_its_own_setting_and_is_never_shown(postgres: str) -> None:
    bare = postgres.replace(f":{PG_PASSWORD}@", "@")  # the URL as a ConfigMap would hold it
    assert bare != postgres
    with pytest.raises(Exception) as refused:  # the server asks a password: none, or a wrong one
        open_store(bare, "not-the-password")
    assert "password authentication failed" in str(refused.value)
    assert "not-the-password" not in str(refused.value)
    opened = open_store(bare, PG_PASSWORD)  # WIREWATCH_WEB_STORE_PASSWORD_FILE's content
    try:
        assert opened.count() >= 0
    finally:
        opened.close()
