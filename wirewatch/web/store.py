"""The web worker's store: what the pages read, rebuilt from Kafka and kept with its offsets.

``Store`` is the interface the pages and the ingest loop use; ``SqliteStore`` is the embedded
default. A batch of records and the topic offsets after it are written in one transaction, so a
restart resumes exactly where the data stops: nothing is lost, and because every write is an
idempotent upsert (an incident by id, kept only if its revision is not older; a revision by
incident, revision, change and article), reading a record twice changes nothing.

``PostgresStore`` runs the same SQL on a PostgreSQL server (``WIREWATCH_WEB_STORE=postgresql://…``)
for a team whose web pages run on more than one machine: the SQL here is the part of both
dialects that they share, and ``?`` placeholders become ``%s`` for psycopg.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from wirewatch.core.alerting import Silence
from wirewatch.core.incidents import Incident
from wirewatch.errors import ConfigError
from wirewatch.topics.records import (
    DeliveryRecord,
    FeedbackRecord,
    FeedHealthEvent,
    FeedRecord,
    FeedState,
    NotificationRecord,
    SurgeRecord,
)

Offsets = dict[tuple[str, int], int]  # (topic, partition) -> the next offset to read


def stamp(when: datetime | None) -> str | None:
    """A UTC time as text that sorts in time order (SQLite compares strings)."""
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def unstamp(text: str | None) -> datetime | None:
    return None if text is None else datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


# -- what goes in ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IncidentSeen:
    """An incident's state, with what the web worker adds: watch entries hit and place names."""

    incident: Incident
    entries: tuple[str, ...] = ()
    place_path: tuple[str, ...] = ()  # the main place and the areas it lies in, by name


@dataclass(frozen=True, slots=True)
class RevisionSeen:
    incident_id: str
    revision: int
    change: str
    article_id: str
    at: datetime


@dataclass(frozen=True, slots=True)
class ReportSeen:
    """The text of one report as the processor analyzed it (attack-reports topic): the incident
    page explains it again, to show its reasons."""

    article_id: str
    revision: int
    text: str


@dataclass(frozen=True, slots=True)
class Tombstone:
    kind: str  # silence | surge | feedback | feed_state
    key: str


Change = (
    IncidentSeen
    | RevisionSeen
    | ReportSeen
    | FeedState
    | FeedRecord
    | FeedHealthEvent
    | SurgeRecord
    | Silence
    | NotificationRecord
    | DeliveryRecord
    | tuple[str, FeedbackRecord]
    | Tombstone
)


# -- what comes out ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BoardQuery:
    entry: str = ""
    place: str = ""
    type: str = ""
    state: str = ""
    since: datetime | None = None  # last update at or after
    q: str = ""
    dismissed: bool = False  # show dismissed incidents too
    limit: int = 50


@dataclass(frozen=True, slots=True)
class BoardRow:
    incident: Incident
    entries: tuple[str, ...]
    place_path: tuple[str, ...]
    dismissed: bool


@dataclass(frozen=True, slots=True)
class Sent:
    key: str
    channel: str
    kind: str
    revision: int
    created_at: datetime | None
    status: str  # delivered | dead_lettered | pending
    attempts: int
    detail: str


@dataclass(frozen=True)
class IncidentPage:
    row: BoardRow
    revisions: list[RevisionSeen]
    texts: dict[str, str]  # article id -> its text as analyzed (latest revision)
    sent: list[Sent]
    feedback: list[tuple[str, FeedbackRecord]]


@dataclass(frozen=True, slots=True)
class FeedView:
    url: str
    outlet: str
    groups: tuple[str, ...]
    broken: bool
    failures: int
    last_success: datetime | None
    last_attempt: datetime | None
    error_class: str | None
    error: str | None
    next_due: datetime | None
    surges: tuple[SurgeRecord, ...] = field(default=())


class Store(Protocol):
    """What the web worker needs from a store; every method is safe to call from any thread."""

    def offsets(self) -> Offsets: ...
    def apply(self, changes: Sequence[Change], offsets: Offsets) -> None: ...
    def board(self, query: BoardQuery) -> list[BoardRow]: ...
    def incident(self, incident_id: str) -> IncidentPage | None: ...
    def feeds(self) -> list[FeedView]: ...
    def silences(self) -> list[Silence]: ...
    def surges(self) -> list[SurgeRecord]: ...
    def places(self) -> list[tuple[str, str]]: ...
    def count(self) -> int: ...
    def close(self) -> None: ...


def open_store(spec: str, password: str | None = None) -> Store:
    """The store a setting names: ``postgresql://…`` (a server, ``password`` from its own setting
    when given), else a SQLite file path."""
    if spec.startswith(("postgresql:", "postgres:")):
        return PostgresStore(spec, password)
    path = spec.removeprefix("sqlite:").removeprefix("//")
    return SqliteStore(Path(path))


_SCHEMA = """
CREATE TABLE IF NOT EXISTS offsets (topic TEXT NOT NULL, part INTEGER NOT NULL, next_offset BIGINT NOT NULL,
    PRIMARY KEY (topic, part));
CREATE TABLE IF NOT EXISTS incidents (
    id TEXT PRIMARY KEY, revision INTEGER NOT NULL, state TEXT NOT NULL,
    first_seen TEXT NOT NULL, last_update TEXT NOT NULL,
    types TEXT NOT NULL, places TEXT NOT NULL, entries TEXT NOT NULL, search TEXT NOT NULL,
    place_path TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS incidents_by_update ON incidents (last_update DESC);
CREATE TABLE IF NOT EXISTS revisions (incident_id TEXT NOT NULL, revision INTEGER NOT NULL,
    change TEXT NOT NULL, article_id TEXT NOT NULL, at TEXT NOT NULL,
    PRIMARY KEY (incident_id, revision, change, article_id));
CREATE TABLE IF NOT EXISTS reports (article_id TEXT PRIMARY KEY, revision INTEGER NOT NULL,
    doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS feeds (url TEXT PRIMARY KEY, outlet TEXT, groups TEXT NOT NULL DEFAULT '[]',
    state TEXT, health TEXT);
CREATE TABLE IF NOT EXISTS surges ("group" TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS silences (id TEXT PRIMARY KEY, until TEXT NOT NULL, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS notifications (key TEXT PRIMARY KEY, incident_id TEXT, revision INTEGER,
    channel TEXT NOT NULL, kind TEXT NOT NULL, created_at TEXT);
CREATE INDEX IF NOT EXISTS notifications_by_incident ON notifications (incident_id);
CREATE TABLE IF NOT EXISTS deliveries (key TEXT PRIMARY KEY, status TEXT NOT NULL,
    attempts INTEGER NOT NULL, at TEXT NOT NULL, detail TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS feedback (key TEXT PRIMARY KEY, incident_id TEXT NOT NULL, mark TEXT NOT NULL,
    doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS feedback_by_incident ON feedback (incident_id);
"""

_DISMISSED = (
    "EXISTS (SELECT 1 FROM feedback f WHERE f.incident_id = i.id "
    "AND f.mark IN ('not_attack', 'not_relevant'))"
)


# An incident merged into another says so in its own JSON (written compact by pydantic).
_MERGED = '%"merged_into":"%'


def _words(items: Iterable[str]) -> str:
    """Space-padded list, so ``LIKE '% x %'`` finds one whole item."""
    return " " + " ".join(items) + " "


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class _Connection(Protocol):
    """What the store uses of a DB-API connection in autocommit mode (sqlite3, or ``_Postgres``)."""

    def execute(self, sql: str, params: Sequence[Any] = ..., /) -> Any: ...
    def executemany(self, sql: str, params: Iterable[Sequence[Any]], /) -> Any: ...
    def close(self) -> None: ...


class SqlStore:
    """The store over SQL that SQLite and PostgreSQL both run; a subclass says how to connect."""

    begin = "BEGIN"

    def __init__(self) -> None:
        self._local = threading.local()
        self._all: list[_Connection] = []
        self._lock = threading.Lock()
        db = self._db()
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                db.execute(statement)

    def _connect(self) -> _Connection:
        raise NotImplementedError

    def _db(self) -> _Connection:
        db: _Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = self._connect()
            self._local.db = db
            with self._lock:
                self._all.append(db)
        return db

    @contextmanager
    def _tx(self) -> Iterator[_Connection]:
        db = self._db()
        db.execute(self.begin)
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            for db in self._all:
                db.close()
            self._all.clear()
        self._local = threading.local()

    # -- writing -------------------------------------------------------------------------------

    def offsets(self) -> Offsets:
        rows = self._db().execute("SELECT topic, part, next_offset FROM offsets").fetchall()
        return {(topic, part): nxt for topic, part, nxt in rows}

    def apply(self, changes: Sequence[Change], offsets: Offsets) -> None:
        with self._tx() as db:
            for change in changes:
                _write(db, change)
            db.executemany(
                "INSERT INTO offsets (topic, part, next_offset) VALUES (?, ?, ?) "
                "ON CONFLICT (topic, part) DO UPDATE SET next_offset = excluded.next_offset "
                "WHERE excluded.next_offset > offsets.next_offset",
                [(topic, part, nxt) for (topic, part), nxt in offsets.items()],
            )

    # -- reading -------------------------------------------------------------------------------

    def count(self) -> int:
        return int(self._db().execute("SELECT count(*) FROM incidents").fetchone()[0])

    def board(self, query: BoardQuery) -> list[BoardRow]:
        where, args = [], []
        if query.entry:
            where.append("i.entries LIKE ?")
            args.append(f"% {query.entry} %")
        if query.place:
            where.append("i.places LIKE ?")
            args.append(f"% {query.place} %")
        if query.type:
            where.append("i.types LIKE ?")
            args.append(f"% {query.type} %")
        if query.state:
            where.append("i.state = ?")
            args.append(query.state)
        if query.since is not None:
            where.append("i.last_update >= ?")
            args.append(stamp(query.since) or "")
        if query.q.strip():
            for word in query.q.casefold().split()[:8]:
                where.append("i.search LIKE ? ESCAPE '\\'")
                args.append(_like(word))
        if not query.dismissed:
            where.append(f"NOT {_DISMISSED}")
        where.append("i.doc NOT LIKE ?")  # an incident merged into another shows as that one
        args.append(_MERGED)
        sql = (
            f"SELECT i.doc, i.entries, i.place_path, {_DISMISSED} FROM incidents i"  # noqa: S608 (fixed fragments)
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY i.last_update DESC LIMIT ?"
        )
        rows = self._db().execute(sql, [*args, query.limit]).fetchall()
        return [_board_row(*row) for row in rows]

    def incident(self, incident_id: str) -> IncidentPage | None:
        db = self._db()
        found = db.execute(
            f"SELECT i.doc, i.entries, i.place_path, {_DISMISSED} FROM incidents i WHERE i.id = ?",  # noqa: S608
            (incident_id,),
        ).fetchone()
        if found is None:
            return None
        row = _board_row(*found)
        revisions = [
            RevisionSeen(i, r, c, a, unstamp(at) or datetime.min.replace(tzinfo=UTC))
            for i, r, c, a, at in db.execute(
                "SELECT incident_id, revision, change, article_id, at FROM revisions "
                "WHERE incident_id = ? ORDER BY revision, at",
                (incident_id,),
            )
        ]
        ids = [r.article_id for r in row.incident.reports]
        texts: dict[str, str] = {}
        if ids:
            marks = ",".join("?" * len(ids))
            for article_id, doc in db.execute(
                f"SELECT article_id, doc FROM reports WHERE article_id IN ({marks})",  # noqa: S608 (only ?s)
                ids,
            ):
                # a JSON object with the text (stores before attack-report/4 kept the whole analysis too)
                texts[article_id] = str(json.loads(doc).get("text") or "")
        sent = [
            Sent(
                key,
                channel,
                kind,
                revision or 0,
                unstamp(created),
                status or "pending",
                attempts or 0,
                detail or "",
            )
            for key, channel, kind, revision, created, status, attempts, detail in db.execute(
                "SELECT n.key, n.channel, n.kind, n.revision, n.created_at, d.status, d.attempts, d.detail "
                "FROM notifications n LEFT JOIN deliveries d ON d.key = n.key "
                "WHERE n.incident_id = ? ORDER BY n.created_at, n.channel",
                (incident_id,),
            )
        ]
        feedback = [
            (key, FeedbackRecord.model_validate_json(doc))
            for key, doc in db.execute(
                "SELECT key, doc FROM feedback WHERE incident_id = ? ORDER BY key", (incident_id,)
            )
        ]
        return IncidentPage(row, revisions, texts, sent, feedback)

    def feeds(self) -> list[FeedView]:
        surges = self.surges()
        out = []
        for url, outlet, groups, state, health in self._db().execute(
            "SELECT url, outlet, groups, state, health FROM feeds"
        ):
            out.append(_feed_view(url, outlet, json.loads(groups), state, health, surges))
        # Broken first, then failing, then by outlet.
        out.sort(key=lambda f: (not f.broken, f.failures == 0, f.outlet.casefold(), f.url))
        return out

    def silences(self) -> list[Silence]:
        rows = self._db().execute("SELECT doc FROM silences ORDER BY until DESC").fetchall()
        return [Silence.model_validate_json(doc) for (doc,) in rows]

    def surges(self) -> list[SurgeRecord]:
        rows = self._db().execute('SELECT doc FROM surges ORDER BY "group"').fetchall()
        return [SurgeRecord.model_validate_json(doc) for (doc,) in rows]

    def places(self) -> list[tuple[str, str]]:
        """(place id, name) of every place an incident names (for the filter and the map)."""
        seen: dict[str, str] = {}
        for (doc,) in self._db().execute("SELECT doc FROM incidents ORDER BY last_update DESC LIMIT 2000"):
            for place in json.loads(doc).get("places", []):
                seen.setdefault(place["id"], place["name"])
        return sorted(seen.items(), key=lambda p: p[1].casefold())


class SqliteStore(SqlStore):
    """The embedded default: one file, WAL mode so the pages read while the ingest thread writes."""

    begin = "BEGIN IMMEDIATE"

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        super().__init__()

    def _connect(self) -> _Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        return db


class _Postgres:
    """A psycopg connection that takes the store's ``?`` placeholders."""

    def __init__(self, dsn: str, password: str | None = None) -> None:
        import psycopg

        if password is not None:  # over the URL's own; libpq merges it into the connection string
            dsn = psycopg.conninfo.make_conninfo(dsn, password=password)
        self.db = psycopg.connect(dsn, autocommit=True)

    def execute(self, sql: str, params: Sequence[Any] = (), /) -> Any:
        return self.db.execute(sql.replace("?", "%s"), params)

    def executemany(self, sql: str, params: Iterable[Sequence[Any]], /) -> Any:
        with self.db.cursor() as cursor:
            cursor.executemany(sql.replace("?", "%s"), params)

    def close(self) -> None:
        self.db.close()


class PostgresStore(SqlStore):
    """The same store on a PostgreSQL server (``postgresql://user@host/db``): several web workers
    can share it, one of them ingesting."""

    def __init__(self, dsn: str, password: str | None = None) -> None:
        self.dsn = dsn
        self.password = password  # over the URL's own, when set (from a file, not the environment)
        super().__init__()

    def _connect(self) -> _Connection:
        try:
            return _Postgres(self.dsn, self.password)
        except ImportError:
            raise ConfigError(
                "a PostgreSQL store needs psycopg: pip install 'wirewatch[postgres]'", field="web_store"
            ) from None


def _board_row(doc: str, entries: str, place_path: str, dismissed: int) -> BoardRow:
    return BoardRow(
        Incident.model_validate_json(doc),
        tuple(entries.split()),
        tuple(json.loads(place_path)),
        bool(dismissed),
    )


def _feed_view(
    url: str,
    outlet: str | None,
    groups: list[str],
    state: str | None,
    health: str | None,
    surges: list[SurgeRecord],
) -> FeedView:
    fs = FeedState.model_validate_json(state) if state else None
    event = FeedHealthEvent.model_validate_json(health) if health else None
    broken = fs.broken if fs is not None else (event is not None and event.event == "broken")
    return FeedView(
        url=url,
        outlet=outlet or (event.outlet if event and event.outlet else ""),
        groups=tuple(groups),
        broken=broken,
        failures=fs.failures if fs else (event.failures if event else 0),
        last_success=fs.last_success if fs else None,
        last_attempt=fs.last_attempt if fs else None,
        error_class=(fs.last_error_class if fs else None)
        or (event.error_class if event and broken else None),
        error=(fs.last_error if fs else None) or (event.error if event and broken else None),
        next_due=fs.next_due if fs else None,
        surges=tuple(s for s in surges if s.group in groups or s.group == "all"),
    )


def _write(db: _Connection, change: Change) -> None:
    if isinstance(change, IncidentSeen):
        _write_incident(db, change)
    elif isinstance(change, RevisionSeen):
        db.execute(
            "INSERT INTO revisions VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (change.incident_id, change.revision, change.change, change.article_id, stamp(change.at)),
        )
    elif isinstance(change, ReportSeen):
        db.execute(
            "INSERT INTO reports VALUES (?, ?, ?) ON CONFLICT (article_id) DO UPDATE SET "
            "revision = excluded.revision, doc = excluded.doc WHERE excluded.revision >= reports.revision",
            (change.article_id, change.revision, json.dumps({"text": change.text}, ensure_ascii=False)),
        )
    elif isinstance(change, FeedState):
        db.execute(
            "INSERT INTO feeds (url, state) VALUES (?, ?) "
            "ON CONFLICT (url) DO UPDATE SET state = excluded.state",
            (change.url, change.model_dump_json(by_alias=True)),
        )
    elif isinstance(change, FeedRecord):
        db.execute(
            "INSERT INTO feeds (url, outlet, groups) VALUES (?, ?, ?) ON CONFLICT (url) DO UPDATE SET "
            "outlet = excluded.outlet, groups = excluded.groups",
            (change.url, change.outlet, json.dumps(list(change.groups))),
        )
    elif isinstance(change, FeedHealthEvent):
        db.execute(
            "INSERT INTO feeds (url, outlet, health) VALUES (?, ?, ?) ON CONFLICT (url) DO UPDATE SET "
            "health = excluded.health, outlet = coalesce(feeds.outlet, excluded.outlet)",
            (change.feed_url, change.outlet, change.model_dump_json(by_alias=True)),
        )
    elif isinstance(change, SurgeRecord):
        db.execute(
            'INSERT INTO surges VALUES (?, ?) ON CONFLICT ("group") DO UPDATE SET doc = excluded.doc',
            (change.group, change.model_dump_json(by_alias=True)),
        )
    elif isinstance(change, Silence):
        db.execute(
            "INSERT INTO silences VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET until = excluded.until, "
            "doc = excluded.doc",
            (change.id, stamp(change.until), change.model_dump_json()),
        )
    elif isinstance(change, NotificationRecord):
        notice = change.notice
        incident = notice.incident
        db.execute(
            "INSERT INTO notifications VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (
                notice.key,
                incident.id if incident else None,
                incident.revision if incident else None,
                notice.channel,
                notice.kind,
                stamp(notice.created_at),
            ),
        )
    elif isinstance(change, DeliveryRecord):
        db.execute(
            "INSERT INTO deliveries VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
            "status = excluded.status, attempts = excluded.attempts, at = excluded.at, "
            "detail = excluded.detail",
            (change.key, change.status, change.attempts, stamp(change.at), change.detail),
        )
    elif isinstance(change, tuple):
        key, mark = change
        db.execute(
            "INSERT INTO feedback VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET doc = excluded.doc",
            (key, mark.incident_id, mark.mark, mark.model_dump_json(by_alias=True)),
        )
    elif isinstance(change, Tombstone):
        table, column = {
            "silence": ("silences", "id"),
            "surge": ("surges", '"group"'),
            "feedback": ("feedback", "key"),
            "feed_state": ("feeds", "url"),
        }[change.kind]
        db.execute(f"DELETE FROM {table} WHERE {column} = ?", (change.key,))  # noqa: S608 (names from the table above)


def _write_incident(db: _Connection, seen: IncidentSeen) -> None:
    incident = seen.incident
    place_ids = {i for p in incident.places for i in (p.id, *p.lineage)}
    search = " ".join(
        [
            incident.id,
            *(p.name for p in incident.places),
            *seen.place_path,
            *incident.outlets,
            *(r.title for r in incident.reports),
            *incident.attack_types,
            *seen.entries,
        ]
    ).casefold()
    db.execute(
        "INSERT INTO incidents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
        "revision = excluded.revision, state = excluded.state, first_seen = excluded.first_seen, "
        "last_update = excluded.last_update, types = excluded.types, places = excluded.places, "
        "entries = excluded.entries, search = excluded.search, place_path = excluded.place_path, "
        "doc = excluded.doc WHERE excluded.revision >= incidents.revision",
        (
            incident.id,
            incident.revision,
            incident.state,
            stamp(incident.first_seen),
            stamp(incident.last_update),
            _words(incident.attack_types),
            _words(sorted(place_ids)),
            _words(seen.entries),
            search,
            json.dumps(list(seen.place_path), ensure_ascii=False),
            incident.model_dump_json(),
        ),
    )


def open_since(now: datetime, hours: float) -> datetime:
    return now - timedelta(hours=hours)
