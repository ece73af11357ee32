"""Liveness and readiness of a worker, and the small HTTP server that serves them with /metrics.

This room holds what a worker reports about itself (its loop beats, the partitions it holds),
what a background ``BrokerWatch`` measures from outside the consumer (does the broker answer; how
far behind is each consumer group, from committed offsets against end offsets, so a consumer
that silently stopped still shows its backlog), the pure verdicts drawn from those signals
(``liveness``, ``readiness``, ``track``), and the HTTP endpoint on the worker's metrics port:

    /metrics   the worker's registry, in the format Prometheus asks for (text or OpenMetrics)
    /healthz   liveness: 200 while the worker's loop beats (and while it starts), else 503
    /readyz    readiness: 200 when the broker answers, partitions are held, and no held partition
               with a backlog has stood still for ``consumer_stall_after`` seconds, else 503

Which checks apply is chosen where a worker is wired (``cli``): a worker that does not beat has
no ``loop`` check, a poller without scale-out no ``partitions`` check. It may touch the standard
library's HTTP server and threads, prometheus_client's exposition and kafka-python's admin
client; it imports nothing from the workers.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from prometheus_client.exposition import choose_encoder

from wirewatch.background import Background
from wirewatch.config import Settings
from wirewatch.errors import ConfigError
from wirewatch.metrics import Metrics

log = logging.getLogger("wirewatch.health")

Partition = tuple[str, int]  # (topic, partition)
CHECKS = ("loop", "broker", "partitions", "consumer")


@dataclass(frozen=True)
class Policy:
    """How long each signal may stay silent before it counts against the worker."""

    loop_stall_after: float = 30.0
    consumer_stall_after: float = 120.0
    broker_stale_after: float = 60.0  # no broker check for this long: the watch itself stopped

    @classmethod
    def from_settings(cls, settings: Settings) -> Policy:
        return cls(
            loop_stall_after=settings.loop_stall_after,
            consumer_stall_after=settings.consumer_stall_after,
            broker_stale_after=max(60.0, 6 * settings.health_check_interval),
        )


@dataclass(frozen=True)
class Progress:
    """One partition as last measured: where the group stands, its backlog, since when it moves."""

    position: int
    lag: int
    moving_since: float  # when the position last changed or the backlog was last empty


def track(
    previous: Mapping[Partition, Progress], offsets: Mapping[Partition, tuple[int, int]], now: float
) -> dict[Partition, Progress]:
    """The next progress per partition from ``(position, end offset)`` pairs just measured.

    A partition moves when its position changed since the last measurement or when it has no
    backlog; a partition that keeps a backlog and a still position is standing still.
    """
    out: dict[Partition, Progress] = {}
    for tp, (position, end) in offsets.items():
        lag = max(0, end - position)
        old = previous.get(tp)
        moving = old is None or lag == 0 or position != old.position
        out[tp] = Progress(position, lag, now if moving or old is None else old.moving_since)
    return out


def positions(
    committed: Mapping[Partition, int], earliest: Mapping[Partition, int], latest: Mapping[Partition, int]
) -> dict[Partition, tuple[int, int]]:
    """``(position, end)`` per partition: the committed offset, or the log start when there is none.

    Every wirewatch consumer starts at the earliest offset, and a committed offset that retention
    has deleted past is read from the log start too.
    """
    out: dict[Partition, tuple[int, int]] = {}
    for tp, end in latest.items():
        start = earliest.get(tp, 0)
        done = committed.get(tp, -1)
        out[tp] = (max(done, start), end)
    return out


@dataclass(frozen=True)
class Signals:
    """A snapshot of what a worker and its ``BrokerWatch`` reported."""

    checks: frozenset[str]
    beat_at: float | None = None
    broker_ok: bool | None = None
    broker_at: float | None = None
    broker_error: str | None = None
    held: frozenset[Partition] | None = None
    rebalancing: bool = False
    progress: Mapping[Partition, Progress] = field(default_factory=dict)


@dataclass(frozen=True)
class Verdict:
    ok: bool
    checks: dict[str, str]  # check -> "ok" or why not

    def body(self, worker: str) -> bytes:
        return json.dumps({"worker": worker, "ok": self.ok, "checks": self.checks}, sort_keys=True).encode()


def liveness(signals: Signals, now: float, policy: Policy) -> Verdict:
    """Alive unless the loop, once started, has not beaten for ``loop_stall_after`` seconds.

    A worker still starting (waiting for the broker, recovering tables) is alive: restarting it
    would only start it again.
    """
    checks: dict[str, str] = {}
    if "loop" in signals.checks:
        checks["loop"] = _loop(signals, now, policy) or "ok"
        if signals.beat_at is None:
            checks["loop"] = "ok (starting)"
    return Verdict(all(v.startswith("ok") for v in checks.values()), checks)


def readiness(signals: Signals, now: float, policy: Policy) -> Verdict:
    """Ready when every check that applies to the worker passes; each failing one says why."""
    checks: dict[str, str] = {}
    if "loop" in signals.checks:
        checks["loop"] = "not started" if signals.beat_at is None else _loop(signals, now, policy) or "ok"
    if "broker" in signals.checks:
        if signals.broker_ok is None or signals.broker_at is None:
            checks["broker"] = "not checked yet"
        elif now - signals.broker_at > policy.broker_stale_after:
            checks["broker"] = f"no broker check for {now - signals.broker_at:.0f} s"
        elif not signals.broker_ok:
            checks["broker"] = f"unreachable ({signals.broker_error or 'unknown'})"
        else:
            checks["broker"] = "ok"
    if "partitions" in signals.checks:
        if signals.held is None:
            checks["partitions"] = "no assignment yet"
        elif signals.rebalancing:
            checks["partitions"] = "rebalancing"
        elif not signals.held:
            checks["partitions"] = "no partitions assigned (more instances than partitions?)"
        else:
            checks["partitions"] = f"ok ({len(signals.held)})"
    if "consumer" in signals.checks:
        stalled = stalled_partitions(signals, now, policy)
        if stalled:
            topic, partition = stalled[0]
            p = signals.progress[stalled[0]]
            checks["consumer"] = (
                f"stalled: {len(stalled)} partitions, e.g. {topic}[{partition}] with {p.lag} messages "
                f"waiting has not moved for {now - p.moving_since:.0f} s"
            )
        else:
            checks["consumer"] = "ok"
    return Verdict(all(v.startswith("ok") for v in checks.values()), checks)


def stalled_partitions(signals: Signals, now: float, policy: Policy) -> list[Partition]:
    """Partitions (of those this worker holds, when it says) with a backlog that stood still."""
    return sorted(
        tp
        for tp, p in signals.progress.items()
        if (signals.held is None or tp in signals.held)
        and p.lag > 0
        and now - p.moving_since >= policy.consumer_stall_after
    )


def _loop(signals: Signals, now: float, policy: Policy) -> str | None:
    if signals.beat_at is not None and now - signals.beat_at > policy.loop_stall_after:
        return f"stalled: no beat for {now - signals.beat_at:.0f} s"
    return None


def _partition(item: Any) -> Partition:
    if isinstance(item, tuple):
        return (str(item[0]), int(item[1]))
    return (str(item.topic), int(item.partition))


class Health:
    """The signals of one worker, written by its threads and read by the HTTP server (thread-safe)."""

    def __init__(
        self,
        worker: str,
        checks: Iterable[str] = CHECKS,
        policy: Policy | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        unknown = set(checks) - set(CHECKS)
        if unknown:
            raise ValueError(f"unknown health checks: {sorted(unknown)}")
        self.worker = worker
        self.policy = policy or Policy()
        self.clock = clock
        self._lock = threading.Lock()
        self._signals = Signals(frozenset(checks))
        self._lost_at: float | None = None

    def _update(self, **changes: Any) -> None:
        with self._lock:
            self._signals = replace(self._signals, **changes)

    def beat(self) -> None:
        """The worker's loop is turning (call at least every few seconds from the loop itself)."""
        self._update(beat_at=self.clock())

    def hold(self, partitions: Iterable[Any] | None, rebalancing: bool = False) -> None:
        """The partitions this instance holds now: ``(topic, partition)`` pairs or TopicPartitions."""
        held = None if partitions is None else frozenset(_partition(p) for p in partitions)
        self._update(held=held, rebalancing=rebalancing)

    def broker(self, ok: bool, error: str | None = None) -> None:
        """The broker answered (or not) just now. Losing it is logged once as a WARNING, and its
        return once as an INFO with the outage's length (the first check logs only a failure)."""
        now = self.clock()
        with self._lock:
            was = self._signals.broker_ok
            lost_at = self._lost_at
            if not ok and was is not False:
                self._lost_at = now
            self._signals = replace(self._signals, broker_ok=ok, broker_at=now, broker_error=error)
        if not ok and was is not False:
            log.warning(
                "%s lost the broker (%s): not ready until it answers again; retrying",
                self.worker,
                error or "no answer",
            )
        elif ok and was is False and lost_at is not None:
            log.info("%s has the broker back after an outage of %.0f s", self.worker, now - lost_at)

    def consumers(self, offsets: Mapping[Partition, tuple[int, int]]) -> None:
        """``(position, end)`` per partition just measured: advances the progress of each."""
        now = self.clock()
        with self._lock:
            merged = dict(self._signals.progress)
            merged.update(track(self._signals.progress, offsets, now))
            self._signals = replace(self._signals, progress=merged)

    def signals(self) -> Signals:
        with self._lock:
            return self._signals

    def live(self) -> Verdict:
        return liveness(self.signals(), self.clock(), self.policy)

    def ready(self) -> Verdict:
        return readiness(self.signals(), self.clock(), self.policy)


async def keep_beating(
    health: Health,
    interval: float = 1.0,
    held: Callable[[], Iterable[Any] | None] | None = None,
    rebalancing: Callable[[], bool] | None = None,
) -> None:
    """Beat from the event loop every ``interval`` seconds; a blocked loop stops the beats.

    ``held`` and ``rebalancing`` are read on the loop too, where the consumer changes them.
    """
    while True:
        health.beat()
        if held is not None:
            health.hold(held(), rebalancing=rebalancing() if rebalancing is not None else False)
        await asyncio.sleep(interval)


# -- the HTTP endpoint ----------------------------------------------------------------------------


class HealthServer:
    """/metrics, /healthz and /readyz on one port, in a daemon thread."""

    def __init__(self, metrics: Metrics, health: Health, host: str, port: int) -> None:
        self.metrics = metrics
        self.health = health
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                owner._answer(self)

            def log_message(self, format: str, *args: Any) -> None:
                return  # one line per scrape would drown the worker's own log

        self._server = ThreadingHTTPServer((host, port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, name=f"{health.worker}-health", daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def start(self) -> HealthServer:
        self._thread.start()
        return self

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _answer(self, request: BaseHTTPRequestHandler) -> None:
        path = request.path.split("?", 1)[0]
        if path == "/metrics":
            # Readiness as a metric too, computed when Prometheus asks, so an alert can follow it.
            self.metrics.ready.labels(self.health.worker).set(1 if self.health.ready().ok else 0)
            # The format Prometheus asks for (OpenMetrics or text), as prometheus_client's own server.
            encoder, content_type = choose_encoder(request.headers.get("Accept", ""))
            self._send(request, 200, content_type, encoder(self.metrics.registry))
        elif path == "/healthz":
            verdict = self.health.live()
            self._send(
                request, 200 if verdict.ok else 503, "application/json", verdict.body(self.health.worker)
            )
        elif path == "/readyz":
            verdict = self.health.ready()
            self._send(
                request, 200 if verdict.ok else 503, "application/json", verdict.body(self.health.worker)
            )
        else:
            self._send(
                request, 404, "text/plain; charset=utf-8", b"not found: try /metrics, /healthz, /readyz\n"
            )

    @staticmethod
    def _send(request: BaseHTTPRequestHandler, status: int, content_type: str, body: bytes) -> None:
        request.send_response(status)
        request.send_header("Content-Type", content_type)
        request.send_header("Content-Length", str(len(body)))
        request.send_header("Cache-Control", "no-store")
        request.end_headers()
        request.wfile.write(body)


# -- the broker, seen from outside the consumers ---------------------------------------------------


@dataclass(frozen=True)
class Stage:
    """A consumer group and the topics it reads: one ``stage`` label of the lag metric."""

    name: str
    group: str
    topics: tuple[str, ...]
    # Whether a backlog that stands still makes the worker not ready. Not for a delivery outbox:
    # it holds a notification back on purpose while a receiver is down (that pages on its own).
    stall_check: bool = True


def consumer_stages(settings: Settings, worker: str) -> tuple[Stage, ...]:
    """The stages a worker consumes, by the group names the workers use."""
    from wirewatch import topics

    prefix = settings.topic_prefix
    if worker == "processor":  # the Faust app's id is its group
        group = f"{prefix}-processor"
        return (
            Stage("analyze", group, (topics.ARTICLES.full_name(prefix),)),
            Stage("incident", group, (topics.ATTACK_REPORTS.full_name(prefix),)),
        )
    if worker == "alerter":
        return (
            Stage(
                "alert",
                f"{prefix}-alerter",
                (topics.INCIDENT_UPDATES.full_name(prefix), topics.FEED_HEALTH.full_name(prefix)),
            ),
            Stage(
                "dispatch",
                f"{prefix}-dispatcher",
                (topics.NOTIFICATIONS.full_name(prefix),),
                stall_check=False,
            ),
        )
    return ()


class BrokerWatch(Background):
    """Every ``interval`` seconds: does the broker answer, and how far behind is each stage.

    Lag is measured with the admin API (committed offsets against end offsets), not reported by
    the consumer: a Faust agent that silently stopped consuming (faust-streaming issues 175, 640)
    still shows a growing backlog here.
    """

    # Briefly: a check waiting on an unreachable broker must not hold up the worker's exit (the
    # thread is a daemon and keeps nothing that needs saving).
    join_timeout = 2.0

    def __init__(
        self,
        settings: Settings,
        health: Health,
        metrics: Metrics,
        stages: Iterable[Stage] = (),
        interval: float | None = None,
        admin_factory: Callable[[], Any] | None = None,
    ) -> None:
        self.settings = settings
        self.health = health
        self.metrics = metrics
        self.stages = tuple(stages)
        self.interval = interval if interval is not None else settings.health_check_interval
        self._admin: Any = None
        self._admin_factory = admin_factory or self._kafka_admin
        super().__init__(f"{health.worker}-broker-watch")

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                self.check_once()
                self._stop.wait(self.interval)
        finally:
            self._close()

    def check_once(self) -> None:
        from kafka.errors import KafkaError

        try:
            admin = self._connect()
            topics = sorted({t for s in self.stages for t in s.topics}) or None
            described = admin.describe_topics(topics) if topics else admin.list_topics()
        except (KafkaError, OSError, ValueError) as exc:
            self.health.broker(False, type(exc).__name__)
            self.metrics.broker_up.labels(self.health.worker).set(0)
            self._close()
            return
        self.health.broker(True)
        self.metrics.broker_up.labels(self.health.worker).set(1)
        if not self.stages:
            return
        partitions = {
            t["name"]: [p["partition_index"] for p in t["partitions"]]
            for t in described
            if not t.get("error_code")
        }
        for stage in self.stages:
            try:
                offsets = self._measure(admin, stage, partitions)
            except (KafkaError, OSError, ValueError) as exc:
                # Commonly the group coordinator not elected yet; the next round tries again.
                log.debug("lag of stage %s not measured: %s", stage.name, type(exc).__name__)
                continue
            self.metrics.consumer_lag.labels(stage.name).set(sum(end - pos for pos, end in offsets.values()))
            if stage.stall_check:
                self.health.consumers(offsets)

    def _measure(
        self, admin: Any, stage: Stage, partitions: Mapping[str, list[int]]
    ) -> dict[Partition, tuple[int, int]]:
        from kafka import TopicPartition
        from kafka.admin import OffsetSpec

        tps = [TopicPartition(t, p) for t in stage.topics for p in partitions.get(t, [])]
        if not tps:
            return {}
        latest = admin.list_partition_offsets({tp: OffsetSpec.LATEST for tp in tps})
        earliest = admin.list_partition_offsets({tp: OffsetSpec.EARLIEST for tp in tps})
        committed = admin.list_group_offsets({stage.group: tps}).get(stage.group, {})
        return positions(
            {(tp.topic, tp.partition): c.offset for tp, c in committed.items()},
            {(tp.topic, tp.partition): o.offset for tp, o in earliest.items()},
            {(tp.topic, tp.partition): o.offset for tp, o in latest.items()},
        )

    def _connect(self) -> Any:
        if self._admin is None:
            self._admin = self._admin_factory()
        return self._admin

    def _kafka_admin(self) -> Any:
        from kafka import KafkaAdminClient

        from wirewatch.topics.security import client_config

        return KafkaAdminClient(
            **client_config(self.settings),
            client_id=f"{self.settings.topic_prefix}-{self.health.worker}-health",
            request_timeout_ms=max(5000, int(self.interval * 1000)),
        )

    def _close(self) -> None:
        admin, self._admin = self._admin, None
        if admin is not None:
            try:
                admin.close()
            except Exception as exc:  # closing a client whose broker went away may raise anything
                log.debug("closing the health admin client: %s", type(exc).__name__)


# -- wiring ------------------------------------------------------------------------------------------


@dataclass
class Monitoring:
    """What ``start`` opened for a worker; ``close`` stops it."""

    health: Health
    server: HealthServer | None
    watch: BrokerWatch | None

    def close(self) -> None:
        if self.watch is not None:
            self.watch.stop()
        if self.server is not None:
            self.server.close()


def start(
    worker: str,
    settings: Settings,
    metrics: Metrics,
    port: int,
    checks: Iterable[str] = CHECKS,
    watch_broker: bool = True,
) -> Monitoring:
    """Health signals, the HTTP endpoint on ``port`` (0: none) and a broker watch for one worker."""
    health = Health(worker, checks, Policy.from_settings(settings))
    server = None
    if port:
        try:
            server = HealthServer(metrics, health, settings.metrics_host, port).start()
        except OSError as exc:
            raise ConfigError(
                f"cannot listen on {settings.metrics_host}:{port}: {exc.strerror}",
                field=f"{worker}_metrics_port",
            ) from None
    watch = None
    if watch_broker:
        watch = BrokerWatch(settings, health, metrics, consumer_stages(settings, worker)).start()
    return Monitoring(health, server, watch)
