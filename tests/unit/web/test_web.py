"""The web pages over a real SQLite store: login, roles, CSRF, escaping, and every route behind login.

No Kafka: the store is filled the way the ingest thread fills it (``changes_of`` on encoded
records), and the analyst's actions go to a capturing twin instead of a producer.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

import pytest
from markupsafe import escape
from starlette.routing import Mount, Route
from starlette.testclient import TestClient

from tests.factories import ERBIL_AIRPORT, facts, incident
from tests.unit.alerts.test_render import HOSTILE, HOSTILE_TITLES
from wirewatch.alerts.admin import new_silence
from wirewatch.core.analysis import Analyzer
from wirewatch.core.watch import WatchEntry
from wirewatch.topics import ATTACK_REPORTS, FEED_STATE, INCIDENT_UPDATES, INCIDENTS, TopicSpec
from wirewatch.topics.codec import encode
from wirewatch.topics.records import (
    AttackReport,
    FeedbackRecord,
    FeedState,
    IncidentRecord,
    IncidentUpdate,
    feedback_key,
)
from wirewatch.web.app import PUBLIC, Web, create_app
from wirewatch.web.auth import User, Users, hash_password
from wirewatch.web.ingest import Places, changes_of
from wirewatch.web.store import SqliteStore, Tombstone
from wirewatch.web.views import clean

NOW = datetime(2026, 3, 14, 9, 0, tzinfo=UTC)
PASSWORD = "correct horse battery staple"


class CapturedActions:
    """The analyst's actions as records, as the Kafka producer would have sent them."""

    def __init__(self) -> None:
        self.sent: list[object] = []

    def mark(self, record: FeedbackRecord):
        self.sent.append(record)
        return (feedback_key(record.mark, record.incident_id, record.article_id, record.place_id), record)

    def silence(self, entry, channel, until, comment, by, now):
        silence = new_silence(entry, channel, until, f"{comment} (by {by})", now)
        self.sent.append(silence)
        return silence

    def expire(self, silence):
        self.sent.append(("expire", silence.id))
        return Tombstone("silence", silence.id)

    def surge(self, group, interval, duration, reason, now):
        from wirewatch.topics.records import SurgeRecord

        record = SurgeRecord(group=group, interval=interval, until=now + duration, reason=reason)
        self.sent.append(record)
        return record


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer.create(
        (
            WatchEntry(id="ain-al-asad", kind="base", names=("Ain al-Asad", "عين الأسد")),
            WatchEntry(id="anbar", kind="region", names=("Anbar", "الأنبار")),
        )
    )


@pytest.fixture(scope="module")
def users() -> Users:
    digest = hash_password(PASSWORD)
    return Users(
        (
            User(name="dana", role="analyst", password_hash=digest),
            User(name="vic", role="viewer", password_hash=digest),
        )
    )


def feed(
    store: SqliteStore, analyzer: Analyzer, spec: TopicSpec, key: str, value: bytes | None, n: int
) -> None:
    store.apply(changes_of(spec, key, value, Places(analyzer)), {(spec.name, 0): n})


def two_incidents(
    store: SqliteStore, analyzer: Analyzer, title: str = "Two rockets hit Ain al-Asad air base"
):
    arabic = facts(
        "a1",
        "وكالة الأنباء",
        NOW - timedelta(minutes=30),
        lang="ar",
        title="سقوط صاروخين على قاعدة عين الأسد الجوية غربي الأنبار",
        url="https://example.org/a1",
        projectiles=2,
    )
    english = facts("e1", "Demo Wire", NOW - timedelta(minutes=20), title=title, url="https://example.org/e1")
    asad, _ = incident(arabic, english)
    erbil, _ = incident(
        facts("x1", "Local Daily", NOW - timedelta(minutes=5), places=(ERBIL_AIRPORT,), types=("drone",))
    )
    for n, inc in enumerate((asad, erbil)):
        feed(
            store,
            analyzer,
            INCIDENTS,
            inc.id,
            encode(IncidentRecord(incident=inc, country="IQ", partition=0)),
            n,
        )
        feed(
            store,
            analyzer,
            INCIDENT_UPDATES,
            inc.id,
            encode(IncidentUpdate(change="new", incident=inc, article_id=inc.reports[0].article_id, at=NOW)),
            n,
        )
    text = "أعلنت خلية الإعلام الأمني أن صاروخين سقطا داخل قاعدة عين الأسد الجوية في محافظة الأنبار اليوم."
    feed(
        store,
        analyzer,
        ATTACK_REPORTS,
        "IQ",
        encode(
            AttackReport(
                country="IQ",
                facts=arabic,
                detected_at=NOW,
                watch_hits=("ain-al-asad",),
                text=text,
            )
        ),
        0,
    )
    return asad, erbil


@pytest.fixture
def world(tmp_path: Path, analyzer: Analyzer, users: Users):
    store = SqliteStore(tmp_path / "store.sqlite3")
    actions = CapturedActions()
    web = Web(
        store=store,
        users=users,
        actions=actions,
        analyzer=analyzer,
        clock=lambda: NOW,
        metrics_text=lambda: b"wirewatch_worker_up 1\n",
        channels=("ops",),
    )
    app = create_app(web, "k" * 40)
    yield store, actions, app
    store.close()


def login(client: TestClient, name: str = "dana") -> None:
    page = client.get("/login")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    answer = client.post(
        "/login", data={"name": name, "password": PASSWORD, "csrf": token}, follow_redirects=False
    )
    assert answer.status_code == 303, answer.text


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


# -- who may see what ------------------------------------------------------------------------------


def every_route(app) -> list[tuple[str, str]]:
    """(method, path) of every route the app has, path parameters filled in."""
    out = []
    for route in app.routes:
        if isinstance(route, Mount):
            out.append(("GET", route.path + "/app.css"))
            continue
        assert isinstance(route, Route)
        path = re.sub(r"\{[^}]+\}", "some-id", route.path)
        for method in sorted(route.methods or {"GET"}):
            if method != "HEAD":
                out.append((method, path))
    return out


def test_every_route_but_healthz_metrics_and_login_needs_a_login(world) -> None:
    _, actions, app = world
    client = TestClient(app)
    routes = every_route(app)
    assert len(routes) >= 15  # the enumeration found the app's routes
    # A new public path must be argued for here. /readyz: a probe's "ready" or "catching up", no data.
    assert {"/healthz", "/readyz", "/metrics", "/login"} == PUBLIC
    for method, path in routes:
        if path in PUBLIC:
            continue
        answer = client.request(method, path, follow_redirects=False, headers={"Accept": "text/html"})
        assert answer.status_code in (303, 401), (method, path, answer.status_code)
        if answer.status_code == 303:
            assert answer.headers["location"].startswith("/login"), (method, path)
    assert client.get("/healthz").status_code == 200
    assert client.get("/metrics").text == "wirewatch_worker_up 1\n"
    assert actions.sent == []


def test_a_wrong_password_or_a_missing_token_logs_nobody_in(world) -> None:
    _, _, app = world
    client = TestClient(app)
    token = csrf_of(client.get("/login").text)
    wrong = client.post("/login", data={"name": "dana", "password": "nope", "csrf": token})
    assert wrong.status_code == 401 and "Wrong name or password" in wrong.text
    unknown = client.post("/login", data={"name": "mallory", "password": PASSWORD, "csrf": token})
    assert unknown.status_code == 401
    no_token = client.post("/login", data={"name": "dana", "password": PASSWORD})
    assert no_token.status_code == 403
    assert client.get("/board", follow_redirects=False).status_code == 303


def test_every_form_post_without_the_csrf_token_is_refused(world, analyzer) -> None:
    store, actions, app = world
    asad, _ = two_incidents(store, analyzer)
    client = TestClient(app)
    login(client)
    posts = [(m, p) for m, p in every_route(app) if m == "POST" and p != "/login"]
    assert {p for _, p in posts} >= {"/logout", "/silences", "/incidents/some-id/feedback"}
    for _, path in posts:
        answer = client.post(path.replace("some-id", asad.id), data={"mark": "not_attack", "entry": "anbar"})
        assert answer.status_code == 403, path
    assert actions.sent == []


def test_a_viewer_reads_but_may_not_mark_or_silence(world, analyzer) -> None:
    store, actions, app = world
    asad, _ = two_incidents(store, analyzer)
    client = TestClient(app)
    login(client, "vic")
    page = client.get(f"/incidents/{asad.id}")
    assert page.status_code == 200 and "Mark this incident" not in page.text
    token = csrf_of(page.text)
    answer = client.post(f"/incidents/{asad.id}/feedback", data={"mark": "not_attack", "csrf": token})
    assert answer.status_code == 403 and "only analysts" in answer.text
    answer = client.post("/silences", data={"entry": "anbar", "duration": "1h", "csrf": token})
    assert answer.status_code == 403
    assert actions.sent == []


def test_logout_ends_the_session(world) -> None:
    _, _, app = world
    client = TestClient(app)
    login(client)
    board = client.get("/board")
    assert board.status_code == 200
    client.post("/logout", data={"csrf": csrf_of(board.text)})
    assert client.get("/board", follow_redirects=False).status_code == 303


# -- what the pages show ---------------------------------------------------------------------------


def test_board_lists_open_incidents_newest_first_with_place_hits_figures_and_sources(world, analyzer) -> None:
    store, _, app = world
    asad, erbil = two_incidents(store, analyzer)
    client = TestClient(app)
    login(client)
    html = client.get("/board").text
    assert html.index(erbil.id) < html.index(asad.id)  # the Erbil drone was updated last
    row = html[html.index(asad.id) :]
    assert "Ain al-Asad Air Base" in row and "corroborated" in row
    assert 'class="entry">ain-al-asad' in row and 'class="entry">anbar' in row
    assert "projectiles 2" in row and "2 outlets" in row and "(ar, en)" in row
    # Filters and search narrow it down; a filtered fragment is what the live refresh fetches.
    only = client.get("/board/rows", params={"entry": "ain-al-asad"}).text
    assert asad.id in only and erbil.id not in only
    assert erbil.id in client.get("/board/rows", params={"type": "drone"}).text
    assert asad.id not in client.get("/board/rows", params={"type": "drone"}).text
    assert asad.id in client.get("/board/rows", params={"q": "demo wire"}).text
    assert "No open incident matches" in client.get("/board/rows", params={"q": "nothing-like-this"}).text
    assert asad.id in client.get("/board/rows", params={"place": "IQ-AN"}).text


def test_incident_page_shows_reports_in_order_highlights_timeline_and_feedback(world, analyzer) -> None:
    store, actions, app = world
    asad, _ = two_incidents(store, analyzer)
    client = TestClient(app)
    login(client)
    html = client.get(f"/incidents/{asad.id}").text
    assert html.index("وكالة الأنباء") < html.index("Demo Wire")  # arrival order
    assert '<mark class="place"' in html and '<mark class="weapon"' in html  # explain highlights
    assert "counted as a CURRENT attack" in html
    assert 'href="https://example.org/a1"' in html
    assert f"revision {asad.revision}: <strong>new</strong>" in html
    # An analyst marks it: the record goes out, and the page shows the mark and the dismissal.
    answer = client.post(
        f"/incidents/{asad.id}/feedback",
        data={"mark": "not_attack", "why": "an exercise", "csrf": csrf_of(html)},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    (mark,) = actions.sent
    assert mark.mark == "not_attack" and mark.by == "dana" and mark.at == NOW and mark.why == "an exercise"
    after = client.get(f"/incidents/{asad.id}").text
    assert "Dismissed by an analyst" in after and "an exercise" in after
    assert asad.id not in client.get("/board").text  # dismissed incidents leave the board


def test_a_wrong_place_mark_needs_the_place(world, analyzer) -> None:
    store, actions, app = world
    asad, _ = two_incidents(store, analyzer)
    client = TestClient(app)
    login(client)
    token = csrf_of(client.get(f"/incidents/{asad.id}").text)
    answer = client.post(f"/incidents/{asad.id}/feedback", data={"mark": "wrong_place", "csrf": token})
    assert answer.status_code == 400 and "names the place" in answer.text
    answer = client.post(
        f"/incidents/{asad.id}/feedback",
        data={"mark": "wrong_place", "place_id": "ain-al-asad", "right_place": "Al Asad town", "csrf": token},
    )
    assert answer.status_code == 200
    assert actions.sent[0].place_id == "ain-al-asad" and actions.sent[0].right_place == "Al Asad town"


def test_silences_are_created_and_expired_from_the_page(world) -> None:
    _store, actions, app = world
    client = TestClient(app)
    login(client)
    token = csrf_of(client.get("/silences").text)
    client.post(
        "/silences",
        data={"entry": "anbar", "channel": "ops", "duration": "2h", "comment": "drill", "csrf": token},
    )
    (silence,) = actions.sent
    assert silence.entry == "anbar" and silence.channel == "ops" and silence.until == NOW + timedelta(hours=2)
    page = client.get("/silences").text
    assert silence.id in page and "drill (by dana)" in page and "active" in page
    client.post(f"/silences/{silence.id}/expire", data={"csrf": token})
    assert actions.sent[-1] == ("expire", silence.id)
    assert silence.id not in client.get("/silences").text
    bad = client.post("/silences", data={"duration": "2h", "csrf": token})
    assert bad.status_code == 400 and "needs --entry, --channel or both" in bad.text


def test_feeds_page_lists_broken_feeds_first(world, analyzer) -> None:
    store, _, app = world
    ok = FeedState(
        url="https://ok.example/rss",
        last_success=NOW - timedelta(minutes=3),
        next_due=NOW + timedelta(minutes=2),
    )
    broken = FeedState(
        url="https://zz-broken.example/rss",
        failures=7,
        broken=True,
        last_error_class="http_404",
        last_error="404 Not Found",
        last_success=NOW - timedelta(days=2),
    )
    for n, state in enumerate((ok, broken)):
        feed(store, analyzer, FEED_STATE, state.url, encode(state), n)
    client = TestClient(app)
    login(client)
    html = client.get("/feeds").text
    assert html.index("zz-broken.example") < html.index("ok.example")
    assert "BROKEN" in html and "http_404" in html and "2 d ago" in html and "in 2 min" in html


# -- untrusted text --------------------------------------------------------------------------------


@pytest.mark.parametrize(("hostile", "_slack"), [*HOSTILE_TITLES, (HOSTILE, "")])
def test_hostile_text_is_escaped_on_every_page(world, analyzer, hostile: str, _slack: str) -> None:
    store, _, app = world
    asad, _ = two_incidents(store, analyzer, title=hostile)
    bad_link = facts("h1", hostile, NOW, title=hostile, url="javascript:alert(1)", claimed_by=(hostile,))
    hostile_incident, _ = incident(bad_link)
    feed(
        store,
        analyzer,
        INCIDENTS,
        "h",
        encode(IncidentRecord(incident=hostile_incident, country="IQ", partition=0)),
        9,
    )
    feed(
        store,
        analyzer,
        FEED_STATE,
        "f",
        encode(
            FeedState(
                url="https://x.example/" + hostile, last_error_class=hostile, last_error=hostile, failures=1
            )
        ),
        9,
    )
    store.apply([new_silence("anbar", None, NOW + timedelta(hours=1), hostile, NOW)], {})
    mark = FeedbackRecord(
        mark="not_relevant", incident_id=asad.id, by="dana", at=NOW, why=hostile, right_place=hostile
    )
    store.apply([(feedback_key("not_relevant", asad.id), mark)], {})
    client = TestClient(app)
    login(client)
    pages = [
        "/board",
        "/board/rows",
        "/board?" + urlencode({"q": hostile[:20]}),
        "/feeds",
        "/silences",
        "/map",
    ]
    pages += [f"/incidents/{asad.id}", f"/incidents/{hostile_incident.id}"]
    shown = 0
    for path in pages:
        html = client.get(path).text
        assert "<script>alert" not in html and "<!channel" not in html and "<@U" not in html, path
        assert "<!here" not in html and "<http://evil" not in html, path
        assert "\x1b" not in html and "\r" not in html, path
        assert 'href="javascript:' not in html and 'src="javascript:' not in html, path
        shown += str(escape(clean(hostile))) in html
    assert shown >= 5  # the hostile text was on the pages, escaped, not dropped


def test_unknown_incident_is_404_after_login(world) -> None:
    _, _, app = world
    client = TestClient(app)
    login(client)
    assert client.get("/incidents/nope").status_code == 404


def test_a_trusted_proxy_header_names_the_user_when_configured_and_only_then(
    tmp_path: Path, analyzer, users
) -> None:
    store = SqliteStore(tmp_path / "store.sqlite3")
    try:
        for header, expected in (("X-Forwarded-User", 200), (None, 303)):
            web = Web(
                store=store, users=users, actions=CapturedActions(), analyzer=analyzer, trusted_header=header
            )
            client = TestClient(create_app(web, "k" * 40))
            answer = client.get("/board", headers={"X-Forwarded-User": "vic"}, follow_redirects=False)
            assert answer.status_code == expected
            unknown = client.get("/board", headers={"X-Forwarded-User": "mallory"}, follow_redirects=False)
            assert unknown.status_code == 303  # a name missing from the users file gets nothing
    finally:
        store.close()


def test_a_store_change_wakes_the_boards_waiting_for_it() -> None:
    import asyncio

    from wirewatch.web.app import Changes

    async def scenario() -> tuple[int, int]:
        changes = Changes()
        changes.loop = asyncio.get_running_loop()
        quiet = await changes.wait(0, timeout=0.01)  # nothing changed: the heartbeat's turn
        waiter = asyncio.create_task(changes.wait(0, timeout=30))
        await asyncio.sleep(0)
        changes.changed()  # as the ingest thread does after writing a batch
        return quiet, await waiter

    assert asyncio.run(scenario()) == (0, 1)


def test_the_map_places_points_in_mercator_and_asks_tiles_only_when_configured() -> None:
    from wirewatch.web.views import map_view, mercator

    assert mercator(0.0, 0.0, 0) == (128.0, 128.0)  # the middle of the single world tile
    asad = {
        "id": "i",
        "lat": 33.8,
        "lon": 42.44,
        "name": "Ain al-Asad",
        "state": "reported",
        "dismissed": False,
    }
    offline = map_view([asad], None)
    assert offline.tiles == []
    (point,) = offline.points
    assert 0 < point["x"] < offline.box[2] and 0 < point["y"] < offline.box[3]
    tiled = map_view([asad], "https://tiles.example/{z}/{x}/{y}.png")
    assert tiled.tiles and all(url.startswith("https://tiles.example/6/") for url, _, _ in tiled.tiles)


def test_the_map_page_draws_incident_points(world, analyzer) -> None:
    store, _, app = world
    two_incidents(store, analyzer)
    client = TestClient(app)
    login(client)
    html = client.get("/map").text
    assert html.count('class="pt ') == 2 and "<image" not in html and "Drawn without map tiles" in html
    assert 'class="landmark">Baghdad<' in html


def test_login_comes_back_only_to_a_page_of_this_site(world) -> None:
    _, _, app = world
    client = TestClient(app)
    for target, lands in (
        ("/feeds", "/feeds"),
        ("//evil.example/x", "/board"),
        ("/\\evil.example", "/board"),
    ):
        token = csrf_of(client.get("/login").text)
        answer = client.post(
            "/login",
            params={"next": target},
            data={"name": "dana", "password": PASSWORD, "csrf": token},
            follow_redirects=False,
        )
        assert answer.headers["location"] == lands, target


def test_a_mark_must_name_an_incident_and_a_report_of_it(world, analyzer) -> None:
    store, actions, app = world
    asad, erbil = two_incidents(store, analyzer)
    client = TestClient(app)
    login(client)
    token = csrf_of(client.get("/board").text)
    missing = client.post("/incidents/nope/feedback", data={"mark": "not_attack", "csrf": token})
    assert missing.status_code == 404
    other = erbil.reports[0].article_id
    wrong = client.post(
        f"/incidents/{asad.id}/feedback", data={"mark": "not_attack", "article_id": other, "csrf": token}
    )
    assert wrong.status_code == 400
    assert actions.sent == []


def test_an_analyst_starts_and_stops_a_surge_from_the_feeds_page(world) -> None:
    _, actions, app = world
    client = TestClient(app)
    login(client)
    token = csrf_of(client.get("/feeds").text)
    client.post("/feeds/surge", data={"group": "anbar", "every": "30s", "duration": "1h", "csrf": token})
    (started,) = actions.sent
    assert started.group == "anbar" and started.interval == 30 and started.until == NOW + timedelta(hours=1)
    page = client.get("/feeds").text
    assert 'data-group="anbar"' in page and "30 s" in page
    client.post("/feeds/surge", data={"group": "anbar", "stop": "1", "csrf": token})
    assert actions.sent[-1].until == NOW  # ends now, as `wirewatch surge stop`
    assert "No surge in force" in client.get("/feeds").text
    bad = client.post("/feeds/surge", data={"group": "no spaces allowed", "csrf": token})
    assert bad.status_code == 400
