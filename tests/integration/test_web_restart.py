"""A restart of ``wirewatch web`` mid-stream loses no incident and shows none twice.

Incidents and their updates are produced onto the real topics while the web worker runs; it is
killed (SIGKILL: no clean shutdown) in the middle of the stream and started again on the same
store. It resumes from the offsets stored with the data: every incident and every revision is
there once, and the board lists each incident once.
"""

from __future__ import annotations

import re
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx2
import pytest
import yaml
from kafka import KafkaProducer

from tests.conftest import make_settings
from tests.factories import facts, incident
from tests.integration.procs import Worker, wait_until, worker_env
from wirewatch.testing.ports import free_port
from wirewatch.topics import INCIDENT_UPDATES, INCIDENTS
from wirewatch.topics.admin import ensure_topics
from wirewatch.topics.codec import encode, key
from wirewatch.topics.records import IncidentRecord, IncidentUpdate
from wirewatch.web.auth import hash_password
from wirewatch.web.store import SqliteStore

pytestmark = [pytest.mark.broker, pytest.mark.e2e]
T0 = datetime(2026, 3, 14, 6, 0, tzinfo=UTC)
INCIDENTS_IN_STREAM = 300


def produce(settings, count: int, started: threading.Event, halfway: threading.Event) -> None:
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all", linger_ms=5)
    for n in range(count):
        when = T0 + timedelta(minutes=n)
        first = facts(f"a{n}", "Wire A", when, title=f"report {n} of wire A")
        second = facts(f"b{n}", "Wire B", when + timedelta(minutes=3), title=f"report {n} of wire B")
        one, _ = incident(first)
        two, _ = incident(first, second)
        for change, state, article in (("new", one, f"a{n}"), ("corroborated", two, f"b{n}")):
            producer.send(
                INCIDENT_UPDATES.full_name(settings.topic_prefix),
                key=key(state.id),
                value=encode(IncidentUpdate(change=change, incident=state, article_id=article, at=when)),
            )
            producer.send(
                INCIDENTS.full_name(settings.topic_prefix),
                key=key(state.id),
                value=encode(IncidentRecord(incident=state, country="IQ", partition=0)),
            )
        if n % 20 == 0:
            producer.flush()
        started.set()
        if n == count // 2:
            halfway.set()
    producer.flush()
    producer.close()


def test_a_killed_web_worker_catches_up_from_its_store_with_nothing_lost_or_doubled(
    kafka, topic_prefix: str, tmp_path: Path
) -> None:
    port = free_port()
    settings = make_settings(kafka, topic_prefix, tmp_path)
    ensure_topics(settings)
    store_file = tmp_path / "web" / "store.sqlite3"
    users = tmp_path / "users.yaml"
    users.write_text(
        yaml.safe_dump(
            {"users": [{"name": "vic", "role": "viewer", "password_hash": hash_password("pw-for-vic")}]}
        )
    )
    env = worker_env(
        settings,
        WIREWATCH_WEB_PORT=str(port),
        WIREWATCH_WEB_STORE=str(store_file),
        WIREWATCH_WEB_USERS=str(users),
    )
    started, halfway = threading.Event(), threading.Event()
    stream = threading.Thread(target=produce, args=(settings, INCIDENTS_IN_STREAM, started, halfway))
    first = Worker("web", ["web"], env, tmp_path)
    second = None
    try:
        wait_until(lambda: "web store caught up" in first.output(), 120, what="the first web worker")
        stream.start()
        assert halfway.wait(120), "the stream did not get halfway"
        wait_until(lambda: _stored(store_file) > 0, 60, what="the first worker to store something")
        first.kill()  # mid-stream, no clean shutdown
        stored_at_kill = _stored(store_file)
        assert 0 < stored_at_kill < INCIDENTS_IN_STREAM
        first.log.rename(tmp_path / "web-first.log")
        second = Worker("web", ["web"], env, tmp_path)
        stream.join(120)
        assert not stream.is_alive()
        wait_until(
            lambda: _revisions(store_file) == 2 * INCIDENTS_IN_STREAM,
            120,
            what=f"all {2 * INCIDENTS_IN_STREAM} revisions in the store",
        )
        assert "from 0 stored offsets" not in second.output()  # it resumed, it did not start over
        store = SqliteStore(store_file)
        try:
            assert store.count() == INCIDENTS_IN_STREAM
            rows = store.board(_query(limit=INCIDENTS_IN_STREAM * 2))
            ids = [r.incident.id for r in rows]
            assert len(ids) == len(set(ids)) == INCIDENTS_IN_STREAM
            assert all(r.incident.state == "corroborated" and r.incident.revision == 2 for r in rows)
        finally:
            store.close()
        # The page lists each incident once: one row per id on the board the analysts see.
        with httpx2.Client(base_url=f"http://127.0.0.1:{port}") as client:
            token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text).group(1)
            client.post("/login", data={"name": "vic", "password": "pw-for-vic", "csrf": token})
            html = client.get("/board/rows").text
            shown = re.findall(r'data-id="([^"]+)"', html)
            assert len(shown) == 50 and len(set(shown)) == 50
    finally:
        if stream.is_alive():
            stream.join(60)
        for worker in (first, second):
            if worker is not None:
                worker.stop()


def _stored(path: Path) -> int:
    import sqlite3

    if not path.exists():
        return 0
    with sqlite3.connect(path, timeout=10) as db:
        try:
            return int(db.execute("SELECT count(*) FROM incidents").fetchone()[0])
        except sqlite3.OperationalError:
            return 0


def _revisions(path: Path) -> int:
    import sqlite3

    with sqlite3.connect(path, timeout=10) as db:
        return int(db.execute("SELECT count(*) FROM revisions").fetchone()[0])


def _query(limit: int):
    from wirewatch.web.store import BoardQuery

    return BoardQuery(limit=limit)
