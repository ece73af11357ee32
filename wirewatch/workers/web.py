"""``wirewatch web``: the store's ingest thread and the HTTP server, in one process.

Three steps like every worker: the ingest thread decodes the topics into the store
(``web.ingest``), the pages read the store (``web.app``), and an analyst's marks and silences go
back to Kafka (``web.actions``). If the ingest thread dies the process ends with code 1, so that
``wirewatch up`` (or the platform) starts it again and it catches up from the stored offsets.
"""

from __future__ import annotations

import logging
import secrets
import threading
from datetime import timedelta

from prometheus_client import generate_latest

from wirewatch.config import Settings
from wirewatch.core.analysis import Analyzer
from wirewatch.errors import ConfigError
from wirewatch.logs import mask_credentials
from wirewatch.metrics import Metrics
from wirewatch.web.actions import Actions
from wirewatch.web.app import Web, create_app
from wirewatch.web.auth import Users
from wirewatch.web.ingest import Ingest, Places
from wirewatch.web.store import open_store
from wirewatch.web.throttle import LoginThrottle, ThrottleRules

log = logging.getLogger("wirewatch.web")


def session_secret(settings: Settings) -> str:
    if settings.web_secret_file is None:
        return secrets.token_urlsafe(32)
    try:
        secret = settings.web_secret_file.read_text("utf-8").strip()
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", path=str(settings.web_secret_file)) from None
    if len(secret) < 32:
        raise ConfigError("the session key needs 32 characters or more", path=str(settings.web_secret_file))
    return secret


def store_password(settings: Settings) -> str | None:
    path = settings.web_store_password_file
    if path is None:
        return None
    try:
        return path.read_text("utf-8").strip()
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", path=str(path)) from None


def throttle_of(settings: Settings) -> LoginThrottle:
    return LoginThrottle(
        ThrottleRules(
            per_name=settings.web_login_failures_per_name,
            per_address=settings.web_login_failures_per_address,
            lockout=timedelta(seconds=settings.web_login_lockout),
        )
    )


def channels_of(settings: Settings) -> tuple[str, ...]:
    if settings.watchlist is None:
        return ()
    from wirewatch.alerts.watchlist import load_watchlist

    return tuple(load_watchlist(settings.watchlist).channels)


def run(settings: Settings, analyzer: Analyzer, metrics: Metrics) -> int:
    import uvicorn

    users = Users.load(settings.web_users)
    if not users.by_name:
        log.warning("no users (WIREWATCH_WEB_USERS): nobody can log in; /healthz and /metrics still answer")
    store = open_store(settings.web_store, store_password(settings))
    actions = Actions(settings)
    web = Web(
        store=store,
        users=users,
        actions=actions,
        analyzer=analyzer,
        metrics_text=(lambda: generate_latest(metrics.registry)) if settings.web_metrics else None,
        trusted_header=settings.web_trusted_header,
        tile_url=settings.web_tile_url,
        channels=channels_of(settings),
        throttle=throttle_of(settings),
    )
    ingest = Ingest(
        settings,
        store,
        Places(analyzer),
        on_change=web.changes.changed,
        bad_input=metrics.bad_input.labels("web_record").inc,
    )

    def healthy() -> str | None:
        if ingest.failed is not None:
            return f"the store stopped reading the topics: {type(ingest.failed).__name__}"
        if not ingest.is_alive():
            return "the store is not reading the topics"
        return None

    def ready() -> str | None:
        return None if ingest.caught_up.is_set() else "the store is catching up with the topics"

    web.healthy = healthy
    web.ready = ready
    app = create_app(web, session_secret(settings), settings.web_session_hours, settings.web_secure_cookies)
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            host=settings.web_host,
            port=settings.web_port,
            log_level="warning",
            access_log=False,
            timeout_graceful_shutdown=3,
            # The client address (counted by the login limits) and the scheme come from
            # X-Forwarded-For and X-Forwarded-Proto only when a proxy of web_proxy_ips sent them.
            proxy_headers=True,
            forwarded_allow_ips=settings.web_proxy_ips,
        )
    )

    def watch() -> None:
        ingest.join()
        server.should_exit = True

    ingest.start()
    threading.Thread(target=watch, name="web-watch", daemon=True).start()
    metrics.up.labels("web").set(1)
    log.info(
        "web pages on http://%s:%d/ (store %s)",
        settings.web_host,
        settings.web_port,
        mask_credentials(settings.web_store),
    )
    try:
        server.run()
    finally:
        ingest.stop()
        ingest.join(timeout=10)
        actions.close()
        store.close()
        metrics.up.labels("web").set(0)
    return 1 if ingest.failed is not None else 0
