"""Liveness and readiness verdicts, consumer progress, the HTTP endpoint and the broker watch (fake admin)."""

from __future__ import annotations

import asyncio
import json
import urllib.error
import urllib.request
from dataclasses import replace
from typing import Any, get_args

import pytest
from prometheus_client.parser import text_string_to_metric_families

from wirewatch.config import load_settings
from wirewatch.core.incidents import State
from wirewatch.health.lag import BrokerWatch, Stage, consumer_stages
from wirewatch.health.readiness import Readiness, keep_beating
from wirewatch.health.rules import (
    Progress,
    ReadinessRules,
    Signals,
    live_verdict,
    positions,
    ready_verdict,
    track,
)
from wirewatch.health.server import HealthServer
from wirewatch.metrics import CONSUMER_STAGES, INCIDENT_STATES, Metrics
from wirewatch.topics import ARTICLES, ATTACK_REPORTS, FEED_HEALTH, INCIDENT_UPDATES

ART, REP = ARTICLES.full_name("p"), ATTACK_REPORTS.full_name("p")

RULES = ReadinessRules(loop_stall_after=30, consumer_stall_after=120, broker_stale_after=60)
ALL = frozenset({"loop", "broker", "partitions", "consumer"})
TP = ("w.articles.v1", 0)
HEALTHY = Signals(
    ALL,
    beat_at=1000.0,
    broker_ok=True,
    broker_at=1000.0,
    held=frozenset({TP}),
    progress={TP: Progress(position=10, lag=0, moving_since=1000.0)},
)


class Clock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


# -- consumer progress -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "position", "end", "expected"),
    [
        (None, 5, 9, Progress(5, 4, 200.0)),  # first sight: moving from now on
        (Progress(5, 4, 100.0), 5, 12, Progress(5, 7, 100.0)),  # backlog grew, position still
        (Progress(5, 4, 100.0), 7, 12, Progress(7, 5, 200.0)),  # position moved
        (Progress(5, 4, 100.0), 9, 9, Progress(9, 0, 200.0)),  # caught up
        (Progress(9, 0, 100.0), 9, 9, Progress(9, 0, 200.0)),  # idle without backlog is not a stall
        (Progress(9, 0, 100.0), 9, 8, Progress(9, 0, 200.0)),  # end behind position: no negative lag
    ],
)
def test_track(before: Progress | None, position: int, end: int, expected: Progress) -> None:
    previous = {TP: before} if before else {}
    assert track(previous, {TP: (position, end)}, now=200.0) == {TP: expected}


def test_positions_start_at_the_log_start_without_a_usable_commit() -> None:
    a, b, c = ("t", 0), ("t", 1), ("t", 2)
    got = positions(committed={a: 7, b: -1, c: 2}, earliest={a: 0, b: 3, c: 5}, latest={a: 9, b: 10, c: 6})
    assert got == {a: (7, 9), b: (3, 10), c: (5, 6)}


# -- verdicts --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "now", "failing"),
    [
        ({}, 1010.0, {}),
        ({"beat_at": None}, 1010.0, {"loop": "not started"}),
        ({}, 1031.0, {"loop": "stalled: no beat for 31 s"}),
        ({"broker_ok": None, "broker_at": None}, 1010.0, {"broker": "not checked yet"}),
        (
            {"broker_ok": False, "broker_error": "NoBrokersAvailable"},
            1010.0,
            {"broker": "unreachable (NoBrokersAvailable)"},
        ),
        ({"beat_at": 1070.0}, 1070.0, {"broker": "no broker check for 70 s"}),
        ({"held": None}, 1010.0, {"partitions": "no assignment yet"}),
        (
            {"held": frozenset()},
            1010.0,
            {"partitions": "no partitions assigned (more instances than partitions?)"},
        ),
        ({"rebalancing": True}, 1010.0, {"partitions": "rebalancing"}),
        (
            {"progress": {TP: Progress(10, 3, 880.0)}},
            1010.0,
            {
                "consumer": "stalled: 1 partitions, e.g. w.articles.v1[0] with 3 messages waiting has not moved for 130 s"
            },
        ),
        # A stalled partition held by another instance is that instance's problem.
        ({"progress": {("w.articles.v1", 1): Progress(10, 3, 880.0)}}, 1010.0, {}),
        ({"progress": {TP: Progress(10, 3, 900.0)}}, 1010.0, {}),  # 110 s: not yet
    ],
)
def test_readiness(change: dict[str, Any], now: float, failing: dict[str, str]) -> None:
    verdict = ready_verdict(replace(HEALTHY, **change), now, RULES)
    bad = {k: v for k, v in verdict.checks.items() if not v.startswith("ok")}
    assert bad == failing
    assert verdict.ok is (not failing)
    assert set(verdict.checks) == ALL


def test_readiness_without_held_partitions_judges_every_partition() -> None:
    signals = Signals(frozenset({"consumer"}), progress={("t", 4): Progress(1, 2, 0.0)})
    assert not ready_verdict(signals, 500.0, RULES).ok
    assert ready_verdict(
        Signals(frozenset({"broker"}), broker_ok=True, broker_at=0.0), 10.0, RULES
    ).checks == {"broker": "ok"}


@pytest.mark.parametrize(
    ("beat_at", "now", "ok"),
    [(None, 10_000.0, True), (1000.0, 1030.0, True), (1000.0, 1031.0, False)],
)
def test_liveness_fails_only_on_a_stalled_loop(beat_at: float | None, now: float, ok: bool) -> None:
    # Everything else may be wrong: a broken broker or a stalled consumer is not cured by a restart.
    signals = replace(HEALTHY, beat_at=beat_at, broker_ok=False, held=frozenset())
    assert live_verdict(signals, now, RULES).ok is ok
    assert live_verdict(Signals(frozenset({"broker"})), now, RULES) == live_verdict(
        Signals(frozenset()), now, RULES
    )


# -- the signals holder ----------------------------------------------------------------------------


def test_health_follows_its_signals() -> None:
    clock = Clock()
    health = Readiness("processor", rules=RULES, clock=clock)
    assert health.live().ok and not health.ready().ok
    health.beat()
    health.broker(True)
    health.hold([("w.articles.v1", 0), type("TP", (), {"topic": "w.articles.v1", "partition": 1})()])
    health.consumers({TP: (5, 5), ("w.articles.v1", 1): (0, 2)})
    assert health.signals().held == {TP, ("w.articles.v1", 1)}
    assert health.ready().ok
    clock.now += 125
    health.beat()
    health.broker(True)
    health.consumers({("w.articles.v1", 1): (0, 4)})  # a backlog that did not move: stalled
    assert not health.ready().ok
    assert "w.articles.v1[1]" in health.ready().checks["consumer"]
    assert health.signals().progress[TP].lag == 0  # partitions not measured this time are kept
    clock.now += 31
    assert not health.live().ok
    with pytest.raises(ValueError, match="unknown health checks"):
        Readiness("x", checks=("loop", "disk"))


def test_keep_beating_beats_and_reports_partitions_from_the_loop() -> None:
    health = Readiness("poller", checks=("loop", "partitions"), clock=Clock())

    async def run() -> None:
        task = asyncio.create_task(keep_beating(health, 60.0, lambda: [("w.feeds.v1", 2)], lambda: True))
        await asyncio.sleep(0)
        task.cancel()

    asyncio.run(run())
    signals = health.signals()
    assert signals.beat_at == 1000.0 and signals.held == {("w.feeds.v1", 2)} and signals.rebalancing


# -- the HTTP endpoint -----------------------------------------------------------------------------


def get(port: int, path: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as resp:
            return resp.status, resp.headers["Content-Type"], resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read()


def test_server_answers_metrics_and_probes() -> None:
    clock = Clock()
    metrics = Metrics.create()
    health = Readiness("alerter", checks=("loop", "broker"), rules=RULES, clock=clock)
    server = HealthServer(metrics, health, "127.0.0.1", 0).start()
    try:
        status, kind, body = get(server.port, "/readyz")
        assert (status, kind) == (503, "application/json")
        assert json.loads(body) == {
            "worker": "alerter",
            "ok": False,
            "checks": {"loop": "not started", "broker": "not checked yet"},
        }
        assert get(server.port, "/healthz")[0] == 200
        status, kind, body = get(server.port, "/metrics")
        assert status == 200 and kind.startswith("text/plain; version=0.0.4")
        assert 'wirewatch_worker_ready{worker="alerter"} 0.0' in body.decode()
        health.beat()
        health.broker(True)
        assert get(server.port, "/readyz?verbose=1")[0] == 200
        assert 'wirewatch_worker_ready{worker="alerter"} 1.0' in get(server.port, "/metrics")[2].decode()
        clock.now += 40
        status, _, body = get(server.port, "/healthz")
        assert status == 503 and json.loads(body)["checks"]["loop"] == "stalled: no beat for 40 s"
        assert get(server.port, "/")[0] == 404
        # Prometheus asks for OpenMetrics first; it gets what prometheus_client's own server gives.
        request = urllib.request.Request(
            f"http://127.0.0.1:{server.port}/metrics",
            headers={"Accept": "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5"},
        )
        with urllib.request.urlopen(request, timeout=5) as resp:
            assert resp.headers["Content-Type"].startswith("application/openmetrics-text; version=1.0.0")
            assert resp.read().endswith(b"# EOF\n")
    finally:
        server.close()


# -- the broker watch, against an in-memory admin client --------------------------------------------


class FakeAdmin:
    """Answers like kafka-python's admin client, from dictionaries."""

    def __init__(self) -> None:
        self.partitions = {ART: 2, REP: 1}
        self.end: dict[tuple[str, int], int] = {}
        self.start: dict[tuple[str, int], int] = {}
        self.committed: dict[str, dict[tuple[str, int], int]] = {}
        self.down = False
        self.closed = 0

    def describe_topics(self, topics: list[str]) -> list[dict[str, Any]]:
        if self.down:
            from kafka.errors import KafkaConnectionError

            raise KafkaConnectionError("down")
        return [
            {
                "name": t,
                "error_code": 0,
                "partitions": [{"partition_index": p} for p in range(self.partitions[t])],
            }
            if t in self.partitions
            else {"name": t, "error_code": 3, "partitions": []}
            for t in topics
        ]

    def list_topics(self) -> list[str]:
        if self.down:
            from kafka.errors import KafkaConnectionError

            raise KafkaConnectionError("down")
        return list(self.partitions)

    def list_partition_offsets(self, specs: dict[Any, int]) -> dict[Any, Any]:
        from kafka.admin import OffsetSpec

        table = self.end if next(iter(specs.values())) == OffsetSpec.LATEST else self.start
        return {tp: type("O", (), {"offset": table.get((tp.topic, tp.partition), 0)})() for tp in specs}

    def list_group_offsets(self, specs: dict[str, list[Any]]) -> dict[str, dict[Any, Any]]:
        ((group, tps),) = specs.items()
        done = self.committed.get(group, {})
        return {
            group: {tp: type("C", (), {"offset": done.get((tp.topic, tp.partition), -1)})() for tp in tps}
        }

    def close(self) -> None:
        self.closed += 1


def test_broker_watch_measures_lag_per_stage_and_notices_the_broker_leaving() -> None:
    settings = load_settings(topic_prefix="p")
    clock = Clock()
    health = Readiness("processor", checks=("broker", "consumer"), rules=RULES, clock=clock)
    metrics = Metrics.create()
    admin = FakeAdmin()
    stages = consumer_stages(settings, "processor")
    watch = BrokerWatch(settings, health, metrics, stages, interval=1.0, admin_factory=lambda: admin)
    admin.end = {(ART, 0): 10, (ART, 1): 4, (REP, 0): 3}
    admin.start = {(ART, 1): 1}
    admin.committed = {"p-processor": {(ART, 0): 6, (REP, 0): 3}}

    watch.check_once()
    lag = {s.labels["stage"]: s.value for s in samples(metrics, "wirewatch_consumer_lag_messages")}
    assert lag == {"analyze": 4 + 3, "incident": 0}
    assert health.ready().ok

    clock.now += 130  # nothing committed since: the articles stall
    watch.check_once()
    assert health.ready().checks["consumer"].startswith("stalled: 2 partitions")

    admin.down = True
    watch.check_once()
    assert health.ready().checks["broker"] == "unreachable (KafkaConnectionError)"
    assert admin.closed == 1  # a fresh client next time


def test_an_outage_is_one_warning_then_one_info_with_its_length(caplog: pytest.LogCaptureFixture) -> None:
    settings = load_settings(topic_prefix="p")
    clock = Clock()
    health = Readiness("alerter", checks=("broker",), rules=RULES, clock=clock)
    metrics = Metrics.create()
    admin = FakeAdmin()
    watch = BrokerWatch(settings, health, metrics, (), interval=1.0, admin_factory=lambda: admin)
    caplog.set_level("INFO", logger="wirewatch.health")

    watch.check_once()
    assert health.ready().ok and caplog.records == []  # an answering broker is not news
    up = {s.labels["worker"]: s.value for s in samples(metrics, "wirewatch_broker_up")}
    assert up == {"alerter": 1.0}

    admin.down = True
    for _ in range(3):  # three failed checks, 15 s apart: one warning
        watch.check_once()
        clock.now += 15
    warnings = [r for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1 and "alerter lost the broker (KafkaConnectionError)" in warnings[0].getMessage()
    assert not health.ready().ok
    assert {s.value for s in samples(metrics, "wirewatch_broker_up")} == {0.0}

    admin.down = False
    watch.check_once()
    watch.check_once()
    infos = [r.getMessage() for r in caplog.records if r.levelname == "INFO"]
    assert infos == ["alerter has the broker back after an outage of 45 s"]
    assert health.ready().ok
    assert {s.value for s in samples(metrics, "wirewatch_broker_up")} == {1.0}


def samples(metrics: Metrics, name: str) -> list[Any]:
    from prometheus_client import generate_latest

    text = generate_latest(metrics.registry).decode()
    return [s for f in text_string_to_metric_families(text) for s in f.samples if s.name == name]


def test_consumer_stages_name_the_groups_the_workers_use() -> None:
    settings = load_settings(topic_prefix="p")
    processor = consumer_stages(settings, "processor")
    assert processor == (Stage("analyze", "p-processor", (ART,)), Stage("incident", "p-processor", (REP,)))
    alerter = consumer_stages(settings, "alerter")
    updates, feed_health = INCIDENT_UPDATES.full_name("p"), FEED_HEALTH.full_name("p")
    assert alerter[0] == Stage("alert", "p-alerter", (updates, feed_health))
    assert all(not s.stall_check for s in alerter[1:])  # the outbox waits for receivers on purpose
    assert consumer_stages(settings, "poller") == ()
    assert {s.name for s in processor + alerter} <= set(CONSUMER_STAGES)


def test_incident_states_are_the_cores() -> None:
    assert set(INCIDENT_STATES) == set(get_args(State))


def test_a_busy_metrics_port_is_a_configuration_error() -> None:
    from wirewatch import health as health_module
    from wirewatch.errors import ConfigError

    metrics = Metrics.create()
    first = HealthServer(metrics, Readiness("poller"), "127.0.0.1", 0).start()
    try:
        settings = load_settings(poller_metrics_port=first.port)
        with pytest.raises(ConfigError, match=f"poller_metrics_port.*127.0.0.1:{first.port}"):
            health_module.start("poller", settings, metrics, first.port, watch_broker=False)
        quiet = health_module.start("poller", settings, metrics, 0, watch_broker=False)
        assert quiet.server is None and quiet.watch is None
        quiet.close()
    finally:
        first.close()


@pytest.mark.parametrize("worker", ["poller", "processor", "alerter", "web"])
def test_the_lag_watch_measures_the_groups_the_worker_joins(worker: str) -> None:
    # One place names the groups: the stages watched are groups the worker's ACLs let it read.
    from wirewatch.topics.acls import groups

    settings = load_settings(topic_prefix="p")
    watched = {stage.group for stage in consumer_stages(settings, worker)}
    assert watched <= set(groups(settings, worker))
    assert watched or worker in ("poller", "web")  # the poller's group holds feeds, not a backlog
