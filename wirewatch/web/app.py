"""The web application: Starlette routes over the store, login for everything but /healthz and /metrics.

Pages are rendered on the server with Jinja2 (autoescape on: every value is escaped unless a
template says otherwise, and none does for untrusted text). The board listens to ``/events``
(server-sent events) and re-fetches its rows when the store changes; that is all the JavaScript
does (``static/app.js``, shipped in the package, no build step, nothing from a CDN).

Every form carries the session's CSRF token; every POST checks it before anything else.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from wirewatch.core.analysis import Analyzer
from wirewatch.core.detect import Article
from wirewatch.durations import seconds
from wirewatch.errors import ConfigError
from wirewatch.explain import sentences
from wirewatch.logs import untrusted
from wirewatch.topics.records import FeedbackRecord
from wirewatch.web import views
from wirewatch.web.auth import User, Users, new_token, same_token
from wirewatch.web.store import Change, Store
from wirewatch.web.throttle import LoginThrottle

log = logging.getLogger("wirewatch.web")
HERE = Path(__file__).resolve().parent
# Everything else needs a login. /readyz says only whether the store has caught up (for a probe).
PUBLIC = frozenset({"/healthz", "/readyz", "/metrics", "/login"})
MARKS = {
    "not_attack": "Not an attack",
    "wrong_place": "Wrong place",
    "same_event": "Same event as another incident",
    "not_this_event": "Not this event (a report: take it out)",
    "not_relevant": "Not relevant to us",
}


class Changes:
    """Tells every open board that the store changed (from the ingest thread to the event loop)."""

    def __init__(self) -> None:
        self.version = 0
        self._waiters: set[asyncio.Event] = set()
        self.loop: asyncio.AbstractEventLoop | None = None

    def changed(self) -> None:
        """Called from any thread."""
        if self.loop is not None:
            self.loop.call_soon_threadsafe(self._wake)

    def _wake(self) -> None:
        self.version += 1
        for event in self._waiters:
            event.set()

    async def wait(self, since: int, timeout: float) -> int:
        if self.version != since:
            return self.version
        event = asyncio.Event()
        self._waiters.add(event)
        try:
            await asyncio.wait_for(event.wait(), timeout)
        except TimeoutError:
            pass
        finally:
            self._waiters.discard(event)
        return self.version


@dataclass
class Web:
    """What the routes need: the store, the users, where marks and silences go, the clock."""

    store: Store
    users: Users
    actions: Any  # wirewatch.web.actions.Actions, or a twin in tests
    analyzer: Analyzer
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    healthy: Callable[[], str | None] = lambda: None  # None: healthy; else why not
    ready: Callable[[], str | None] = lambda: None  # None: the store has caught up; else why not
    metrics_text: Callable[[], bytes] | None = None
    trusted_header: str | None = None
    tile_url: str | None = None
    channels: tuple[str, ...] = ()
    changes: Changes = field(default_factory=Changes)
    throttle: LoginThrottle = field(default_factory=LoginThrottle)
    heartbeat: float = 15.0


class LoginRequired:
    """Every path but ``PUBLIC`` needs a logged-in user: a GET is sent to the login form (303 to
    /login, coming back after it), anything else (a POST, the event stream) gets 401."""

    def __init__(self, app: ASGIApp, web: Web) -> None:
        self.app = app
        self.web = web

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in PUBLIC:
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        user = current_user(request, self.web)
        if user is None:
            if request.method == "GET" and scope["path"] != "/events":
                target = scope["path"] + (
                    f"?{scope['query_string'].decode()}" if scope["query_string"] else ""
                )
                response: Response = RedirectResponse(f"/login?next={quote(target)}", status_code=303)
            else:
                response = PlainTextResponse("login required", status_code=401)
            await response(scope, receive, send)
            return
        scope["user"] = user
        await self.app(scope, receive, send)


def current_user(request: Request, web: Web) -> User | None:
    if web.trusted_header:
        name = request.headers.get(web.trusted_header)
        if name:
            return web.users.named(name.strip())
    session = request.scope.get("session") or {}
    name = session.get("user")
    return web.users.named(name) if isinstance(name, str) else None


def _templates() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["clean"] = views.clean
    env.filters["piece"] = views.piece
    env.filters["utc"] = views.utc
    env.filters["link"] = views.link
    env.filters["figure"] = views.figure
    env.globals["marks"] = MARKS
    return env


def create_app(web: Web, secret: str, session_hours: float = 12.0, secure_cookies: bool = False) -> Starlette:
    """The application. ``secure_cookies``: the session cookie is ``Secure`` and ``__Host-``
    named, for pages served over HTTPS (a browser then never sends it over plain http)."""
    env = _templates()

    def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        session = request.scope.get("session")
        if session is not None and "csrf" not in session:
            session["csrf"] = new_token()
        user = request.scope.get("user")
        now = web.clock()
        html = env.get_template(template).render(
            request=request,
            user=user,
            csrf=session.get("csrf", "") if session is not None else "",
            now=now,
            ago=lambda when: views.ago(when, now),
            **context,
        )
        return HTMLResponse(html, status_code=status, headers=_SECURITY_HEADERS)

    async def checked_form(request: Request, analyst: bool = True) -> FormData:
        form = await request.form()
        if not same_token(str(form.get("csrf", "")), request.session.get("csrf")):
            raise HTTPException(403, "missing or wrong CSRF token: reload the page and try again")
        user: User | None = request.scope.get("user")
        if analyst and (user is None or not user.analyst):
            raise HTTPException(403, "only analysts may do this")
        return form

    async def act(change: Callable[[], Change]) -> None:
        """Send to Kafka (blocking: a worker thread), then show it in the store at once."""
        from starlette.concurrency import run_in_threadpool

        done = await run_in_threadpool(change)
        await run_in_threadpool(web.store.apply, [done], {})
        web.changes.changed()

    # -- open ----------------------------------------------------------------------------------

    async def healthz(request: Request) -> Response:
        problem = web.healthy()
        return PlainTextResponse(problem or "ok", status_code=503 if problem else 200)

    async def readyz(request: Request) -> Response:
        problem = web.healthy() or web.ready()
        return PlainTextResponse(problem or "ready", status_code=503 if problem else 200)

    async def metrics(request: Request) -> Response:
        if web.metrics_text is None:
            return PlainTextResponse("metrics are off", status_code=404)
        return Response(web.metrics_text(), media_type="text/plain; version=0.0.4")

    async def login(request: Request) -> Response:
        target = request.query_params.get("next", "/board")
        if not target.startswith("/") or target.startswith("//") or "\\" in target:  # no other host
            target = "/board"
        if request.method == "GET":
            return page(request, "login.html", next=target, error="")
        form = await request.form()
        if not same_token(str(form.get("csrf", "")), request.session.get("csrf")):
            return page(request, "login.html", status=403, next=target, error="The form expired: try again.")
        from starlette.concurrency import run_in_threadpool

        name = str(form.get("name", ""))
        address = request.client.host if request.client else None
        refused = web.throttle.refused_until(name, address, web.clock())
        if refused is not None:  # not checked at all: a locked name tells nothing of its password
            return too_many(request, target, refused)
        user = await run_in_threadpool(web.users.check, name, str(form.get("password", "")))
        if user is None:
            if web.throttle.failed(name, address, web.clock()):
                log.warning(
                    "repeated failed logins: refusing name %s or address %s for %ds",
                    untrusted(name),
                    untrusted(address or "?"),
                    web.throttle.rules.lockout.total_seconds(),
                )
            return page(request, "login.html", status=401, next=target, error="Wrong name or password.")
        web.throttle.succeeded(name)
        request.session.clear()
        request.session.update({"user": user.name, "csrf": new_token()})
        log.info("user %s logged in", user.name)
        return RedirectResponse(target, status_code=303)

    def too_many(request: Request, target: str, until: datetime) -> Response:
        wait = max(1, math.ceil((until - web.clock()).total_seconds()))
        response = page(
            request,
            "login.html",
            status=429,
            next=target,
            error=f"Too many failed logins for this name or from this address: try again in "
            f"{math.ceil(wait / 60)} minute{'s' if wait > 60 else ''}.",
        )
        response.headers["Retry-After"] = str(wait)
        return response

    # -- pages ---------------------------------------------------------------------------------

    async def home(request: Request) -> Response:
        return RedirectResponse("/board", status_code=303)

    async def logout(request: Request) -> Response:
        await checked_form(request, analyst=False)
        request.session.clear()
        return RedirectResponse("/login", status_code=303)

    def board_rows(request: Request) -> tuple[views.Filters, list[Any]]:
        filters = views.Filters.of(request.query_params)
        return filters, web.store.board(filters.query(web.clock()))

    async def board(request: Request) -> Response:
        from starlette.concurrency import run_in_threadpool

        filters, rows = await run_in_threadpool(board_rows, request)
        entries = [w.entry_id for w in web.analyzer.watch]
        return page(
            request,
            "board.html",
            filters=filters,
            rows=rows,
            entries=sorted(set(entries)),
            places=await run_in_threadpool(web.store.places),
            types=views.TYPES,
            states=views.STATES,
            since=list(views.SINCE),
            rows_url="/board/rows?" + urlencode(filters.params()),
            views=views,
        )

    async def board_fragment(request: Request) -> Response:
        from starlette.concurrency import run_in_threadpool

        _, rows = await run_in_threadpool(board_rows, request)
        return page(request, "_rows.html", rows=rows, views=views)

    async def events(request: Request) -> Response:
        web.changes.loop = asyncio.get_running_loop()

        async def stream() -> AsyncIterator[str]:
            seen = web.changes.version
            yield f"retry: 3000\nevent: hello\ndata: {seen}\n\n"
            while not await request.is_disconnected():
                now = await web.changes.wait(seen, web.heartbeat)
                if now != seen:
                    seen = now
                    yield f"event: board\ndata: {now}\n\n"
                else:
                    yield ": still here\n\n"

        return StreamingResponse(
            stream(),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
        )

    async def incident(request: Request) -> Response:
        from starlette.concurrency import run_in_threadpool

        found = await run_in_threadpool(web.store.incident, request.path_params["id"])
        if found is None:
            raise HTTPException(404, "no such incident")
        explained = await run_in_threadpool(_explained, found, web.analyzer)
        return page(
            request, "incident.html", found=found, inc=found.row.incident, explained=explained, views=views
        )

    async def feedback(request: Request) -> Response:
        form = await checked_form(request)
        incident_id = request.path_params["id"]
        user: User = request.scope["user"]
        from starlette.concurrency import run_in_threadpool

        found = await run_in_threadpool(web.store.incident, incident_id)
        if found is None:
            raise HTTPException(404, "no such incident")
        reports = {r.article_id for r in found.row.incident.reports}
        if form.get("article_id") and str(form.get("article_id")) not in reports:
            raise HTTPException(400, "that report is not one of this incident's")
        mark = str(form.get("mark", ""))
        if mark not in MARKS:
            raise HTTPException(400, f"unknown mark {views.clean(mark, 40)!r}")
        try:
            record = FeedbackRecord(
                mark=mark,
                incident_id=incident_id,
                article_id=str(form.get("article_id") or "") or None,
                place_id=str(form.get("place_id") or "") or None,
                right_place=str(form.get("right_place") or ""),
                other_incident=str(form.get("other_incident") or "") or None,
                by=user.name,
                at=web.clock(),
                why=str(form.get("why") or ""),
            )
        except ValueError as exc:
            raise HTTPException(400, f"the mark is not valid: {views.clean(exc, 200)}") from None
        if mark == "wrong_place" and not record.place_id:
            raise HTTPException(400, "a wrong-place mark names the place read wrongly")
        if mark == "same_event" and not record.other_incident:
            raise HTTPException(400, "a same-event mark names the other incident")
        if mark == "not_this_event" and not record.article_id:
            raise HTTPException(400, "a not-this-event mark is given on one of the incident's reports")
        await act(lambda: web.actions.mark(record))
        return RedirectResponse(f"/incidents/{quote(incident_id)}", status_code=303)

    async def feeds(request: Request) -> Response:
        from starlette.concurrency import run_in_threadpool

        surges = [s for s in await run_in_threadpool(web.store.surges) if s.until > web.clock()]
        return page(request, "feeds.html", feeds=await run_in_threadpool(web.store.feeds), surges=surges)

    async def surge(request: Request) -> Response:
        form = await checked_form(request)
        now = web.clock()
        try:
            group = str(form.get("group") or "")
            if form.get("stop"):  # as `wirewatch surge stop`: a record that ends now
                await act(
                    lambda: web.actions.surge(group, 1.0, timedelta(0), "stopped from the web page", now)
                )
                return RedirectResponse("/feeds", status_code=303)
            every = seconds(str(form.get("every") or "1m"), "every")
            lasting = seconds(str(form.get("duration") or "2h"), "for")
            await act(
                lambda: web.actions.surge(group, every, timedelta(seconds=lasting), "from the web page", now)
            )
        except (ConfigError, ValueError) as exc:
            raise HTTPException(400, views.clean(exc, 300)) from None
        return RedirectResponse("/feeds", status_code=303)

    async def silences(request: Request) -> Response:
        from starlette.concurrency import run_in_threadpool

        listed = await run_in_threadpool(web.store.silences)
        channels = sorted(web.channels)
        return page(
            request,
            "silences.html",
            silences=listed,
            entries=sorted({w.entry_id for w in web.analyzer.watch}),
            channels=channels,
        )

    async def silence_add(request: Request) -> Response:
        form = await checked_form(request)
        now = web.clock()
        user: User = request.scope["user"]
        try:
            lasting = seconds(str(form.get("duration") or "2h"), "for")
            entry = str(form.get("entry") or "") or None
            channel = str(form.get("channel") or "") or None
            comment = str(form.get("comment") or "")[:500]
            until = now + timedelta(seconds=lasting)
            await act(lambda: web.actions.silence(entry, channel, until, comment, user.name, now))
        except ConfigError as exc:
            raise HTTPException(400, views.clean(exc, 300)) from None
        return RedirectResponse("/silences", status_code=303)

    async def silence_expire(request: Request) -> Response:
        await checked_form(request)
        from starlette.concurrency import run_in_threadpool

        wanted = request.path_params["id"]
        found = next((s for s in await run_in_threadpool(web.store.silences) if s.id == wanted), None)
        if found is None:
            raise HTTPException(404, "no such silence")
        await act(lambda: web.actions.expire(found))
        return RedirectResponse("/silences", status_code=303)

    async def map_page(request: Request) -> Response:
        from starlette.concurrency import run_in_threadpool

        rows = await run_in_threadpool(web.store.board, views.Filters().query(web.clock(), limit=500))
        view = views.map_view(_points(rows), web.tile_url)
        return page(request, "map.html", view=view, tiled=bool(web.tile_url))

    async def on_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if request.scope.get("user") is None and exc.status_code not in (401, 403):
            return PlainTextResponse(exc.detail, status_code=exc.status_code)
        return page(request, "error.html", status=exc.status_code, message=exc.detail)

    routes = [
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        Route("/metrics", metrics),
        Route("/login", login, methods=["GET", "POST"]),
        Route("/", home),
        Route("/logout", logout, methods=["POST"]),
        Route("/board", board),
        Route("/board/rows", board_fragment),
        Route("/events", events),
        Route("/incidents/{id:str}", incident),
        Route("/incidents/{id:str}/feedback", feedback, methods=["POST"]),
        Route("/feeds", feeds),
        Route("/feeds/surge", surge, methods=["POST"]),
        Route("/silences", silences),
        Route("/silences", silence_add, methods=["POST"]),
        Route("/silences/{id:str}/expire", silence_expire, methods=["POST"]),
        Route("/map", map_page),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(
                SessionMiddleware,
                secret_key=secret,
                # __Host-: a browser takes it only over HTTPS, for this host alone, on path /.
                session_cookie="__Host-wirewatch_session" if secure_cookies else "wirewatch_session",
                max_age=int(session_hours * 3600),
                same_site="strict",
                https_only=secure_cookies,
            ),
            Middleware(LoginRequired, web=web),
        ],
        exception_handlers={HTTPException: on_error},
    )
    app.state.web = web
    return app


_SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data: https:; style-src 'self'; "
    "script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def _explained(found: Any, analyzer: Analyzer) -> dict[str, list[Any]]:
    """The explain highlights of every report, from the text the processor analyzed."""
    out: dict[str, list[Any]] = {}
    for report in found.row.incident.reports:
        article = Article.bounded(
            id=report.article_id,
            title=report.title,
            text=found.texts.get(report.article_id, ""),
            url=report.url,
            outlet=report.outlet,
            published=report.published,
            lang=report.lang,
        )
        try:
            out[report.article_id] = sentences(article, analyzer)
        except Exception:  # a page must show even if explain trips on one text
            log.exception("explain failed for report %s", views.clean(report.article_id, 80))
            out[report.article_id] = []
    return out


def _points(rows: list[Any]) -> list[dict[str, Any]]:
    from wirewatch.web.places import coordinates

    known = coordinates()
    points = []
    for row in rows:
        inc = row.incident
        for place in inc.places[:1]:
            for candidate in (place.id, *place.lineage):
                if candidate in known:
                    lat, lon = known[candidate]
                    points.append(
                        {
                            "id": inc.id,
                            "lat": lat,
                            "lon": lon,
                            "name": place.name,
                            "state": inc.state,
                            "dismissed": row.dismissed,
                        }
                    )
                    break
    return points
