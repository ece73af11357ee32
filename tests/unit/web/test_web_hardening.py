"""The web pages behind a TLS proxy and under password guessing: the Secure session cookie, the
login limits (time is an input: a clock the test moves), the readiness probe and the store's
password file.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from tests.unit.web.test_web import PASSWORD, CapturedActions, csrf_of
from wirewatch.config import Settings
from wirewatch.core.analysis import Analyzer
from wirewatch.errors import ConfigError
from wirewatch.web.app import Web, create_app
from wirewatch.web.auth import User, Users, hash_password
from wirewatch.web.store import SqliteStore
from wirewatch.web.throttle import Attempts, LoginThrottle, ThrottleRules, after_failure, locked
from wirewatch.workers.web import store_password, throttle_of

T0 = datetime(2026, 3, 14, 9, 0, tzinfo=UTC)
LOCKOUT = timedelta(minutes=15)
WRONG = "Tr0ub4dor&3-not-it"


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture(scope="module")
def users() -> Users:
    digest = hash_password(PASSWORD)
    return Users((User(name="dana", role="analyst", password_hash=digest),))


@pytest.fixture
def site(tmp_path: Path, users: Users):
    """A web app with a clock the test moves and limits of 3 per name and 5 per address."""
    clock = Clock()
    store = SqliteStore(tmp_path / "store.sqlite3")
    throttle = LoginThrottle(ThrottleRules(per_name=3, per_address=5, lockout=LOCKOUT))
    web = Web(
        store=store,
        users=users,
        actions=CapturedActions(),
        analyzer=Analyzer.create(()),
        clock=clock,
        throttle=throttle,
    )
    yield web, clock
    store.close()


def try_login(client: TestClient, name: str, password: str):
    token = csrf_of(client.get("/login").text)
    return client.post(
        "/login", data={"name": name, "password": password, "csrf": token}, follow_redirects=False
    )


# -- the session cookie ------------------------------------------------------------------------------


def test_the_session_cookie_is_secure_and_host_bound_when_served_over_https(site) -> None:
    web, _ = site
    client = TestClient(create_app(web, "k" * 40, secure_cookies=True), base_url="https://testserver")
    answer = try_login(client, "dana", PASSWORD)
    assert answer.status_code == 303
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith("__Host-wirewatch_session=")
    assert "; secure" in cookie.lower() and "path=/" in cookie.lower() and "domain" not in cookie.lower()
    assert "samesite=strict" in cookie.lower() and "httponly" in cookie.lower()
    assert client.get("/board", follow_redirects=False).status_code == 200  # it comes back over https


def test_the_session_cookie_is_plain_for_the_local_http_demo_by_default(site) -> None:
    web, _ = site
    client = TestClient(create_app(web, "k" * 40))
    cookie = try_login(client, "dana", PASSWORD).headers["set-cookie"]
    assert cookie.startswith("wirewatch_session=") and "secure" not in cookie.lower()
    assert Settings.model_fields["web_secure_cookies"].default is False


def test_a_secure_cookie_is_not_sent_back_over_plain_http(site) -> None:
    web, _ = site
    client = TestClient(create_app(web, "k" * 40, secure_cookies=True))  # http://testserver
    # Not even the login form's session comes back: why the setting is off for the http demo.
    answer = try_login(client, "dana", PASSWORD)
    assert answer.status_code == 403 and "The form expired" in answer.text
    assert client.get("/board", follow_redirects=False).status_code == 303  # back to the login


# -- login limits ------------------------------------------------------------------------------------


def test_failures_for_one_name_lock_it_then_the_right_password_works_after_the_lockout(
    site, caplog: pytest.LogCaptureFixture
) -> None:
    web, clock = site
    client = TestClient(create_app(web, "k" * 40))
    caplog.set_level(logging.WARNING, "wirewatch.web")
    for _ in range(3):
        assert try_login(client, "dana", WRONG).status_code == 401
        clock.advance(seconds=10)
    refused = try_login(client, "dana", PASSWORD)  # the right one, but locked: not even checked
    assert refused.status_code == 429
    assert "Too many failed logins" in refused.text and "15 minutes" in refused.text
    assert int(refused.headers["retry-after"]) == 15 * 60 - 10
    assert PASSWORD not in refused.text and WRONG not in refused.text
    assert client.get("/board", follow_redirects=False).status_code == 303
    assert len([r for r in caplog.records if "repeated failed logins" in r.getMessage()]) == 1
    assert not any(WRONG in r.getMessage() or PASSWORD in r.getMessage() for r in caplog.records)

    clock.advance(minutes=14, seconds=49)  # one second before the lock ends
    assert try_login(client, "dana", PASSWORD).status_code == 429
    clock.advance(seconds=1)
    assert try_login(client, "dana", PASSWORD).status_code == 303
    assert client.get("/board", follow_redirects=False).status_code == 200


def test_an_unknown_name_locks_like_a_known_one(site) -> None:
    web, _ = site
    client = TestClient(create_app(web, "k" * 40))
    answers = [try_login(client, "nobody", WRONG).status_code for _ in range(4)]
    assert answers == [401, 401, 401, 429]  # the lock tells nothing about who exists


def test_failures_from_one_address_lock_it_for_every_name(site) -> None:
    web, clock = site
    client = TestClient(create_app(web, "k" * 40))
    names = ["a1", "b2", "c3", "d4", "e5"]  # one failure each: no name reaches its limit
    assert [try_login(client, n, WRONG).status_code for n in names] == [401] * 5
    assert try_login(client, "dana", PASSWORD).status_code == 429
    clock.advance(minutes=15)
    assert try_login(client, "dana", PASSWORD).status_code == 303


def test_a_success_starts_the_names_count_again(site) -> None:
    web, _ = site
    client = TestClient(create_app(web, "k" * 40))
    for _ in range(2):
        assert try_login(client, "dana", WRONG).status_code == 401
    assert try_login(client, "dana", PASSWORD).status_code == 303
    for _ in range(2):
        assert try_login(client, "dana", WRONG).status_code == 401
    assert try_login(client, "dana", PASSWORD).status_code == 303  # 4 failures, never 3 in a row


@pytest.mark.parametrize(
    ("gaps_minutes", "locked_after"),
    [
        ((0, 1, 1), True),  # three within the window
        ((0, 10, 10), False),  # the first has aged out when the third comes
        ((0, 14, 0.9), True),
        ((0, 1), False),  # two are not three
    ],
)
def test_failures_count_within_the_lockout_window(
    gaps_minutes: tuple[float, ...], locked_after: bool
) -> None:
    attempts, now = Attempts(), T0
    for gap in gaps_minutes:
        now += timedelta(minutes=gap)
        attempts = after_failure(attempts, now, 3, LOCKOUT)
    assert (locked(attempts, now) is not None) is locked_after
    if locked_after:
        assert locked(attempts, now + LOCKOUT) is None  # and it ends


def test_the_throttle_remembers_a_bounded_number_of_names() -> None:
    throttle = LoginThrottle(ThrottleRules(per_name=2, per_address=10**6, tracked=100))
    for n in range(1000):
        throttle.failed(f"spray-{n}", "192.0.2.7", T0)
    assert len(throttle) <= 100
    assert throttle.refused_until("spray-999", None, T0) is None  # one failure each: none locked


def test_the_limits_come_from_the_settings() -> None:
    settings = Settings(web_login_failures_per_name=2, web_login_failures_per_address=9, web_login_lockout=60)
    assert throttle_of(settings).rules == ThrottleRules(
        per_name=2, per_address=9, lockout=timedelta(seconds=60)
    )


# -- readiness and the store's password ----------------------------------------------------------------


def test_readyz_answers_without_login_and_fails_until_the_store_caught_up(site) -> None:
    web, _ = site
    caught_up = False
    web.ready = lambda: None if caught_up else "the store is catching up with the topics"
    client = TestClient(create_app(web, "k" * 40))
    answer = client.get("/readyz")
    assert answer.status_code == 503 and "catching up" in answer.text
    caught_up = True
    assert client.get("/readyz").status_code == 200
    web.healthy = lambda: "the store stopped reading the topics: KafkaError"
    assert client.get("/readyz").status_code == 503


def test_the_store_password_comes_from_its_file(tmp_path: Path) -> None:
    secret = tmp_path / "store-password"
    secret.write_text("s3cret-pw\n", "utf-8")
    assert store_password(Settings(web_store_password_file=secret)) == "s3cret-pw"
    assert store_password(Settings()) is None
    with pytest.raises(ConfigError, match="cannot read") as caught:
        store_password(Settings(web_store_password_file=tmp_path / "missing"))
    assert "s3cret" not in str(caught.value)
