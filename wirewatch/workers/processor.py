"""The processor: a Faust app that turns articles into attack reports, and reports into incidents.

Two agents, each three steps (decode with ``topics``, call ``core``, send or record):

- ``analyze_articles``: articles → ``core.analysis`` → an attack report for each current attack,
  keyed by the country of the main target so one event's reports meet on one partition.
- ``build_incidents``: attack reports → ``core.casebook`` → the incident in a RocksDB-backed
  table (changelogged, so a restarted or rebalanced instance recovers it) and on the compacted
  incidents topic, and the change on the incident-updates topic for the alerter.
- ``route_marks``: analysts' "same event" and "not this event" marks (feedback topic) → an
  incident-mark record to every attack-reports partition; the partition that holds the incident
  applies it in ``build_incidents`` (``core.casebook``: why merges cross partitions this way).

At-least-once with idempotent updates: a redelivered report finds its incident through the
report-owner table and changes nothing. Agent concurrency stays 1: with more, Faust can commit
an offset past a message still in flight (faust-streaming issue 606). A malformed message or a
bug on one message is counted, logged once and skipped.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import time
import zlib
from collections.abc import AsyncIterator, Mapping
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

import faust

from wirewatch.alerts.marks import Marks, MarksFollower, with_exclusions
from wirewatch.config import Settings
from wirewatch.core import casebook, incidents
from wirewatch.core.analysis import Analyzer
from wirewatch.core.casebook import Outcome
from wirewatch.core.findings import AttackFacts
from wirewatch.core.incidents import Incident
from wirewatch.core.schedule import incident_surges
from wirewatch.errors import WirewatchError
from wirewatch.health.readiness import Readiness, keep_beating
from wirewatch.logs import untrusted
from wirewatch.metrics import INCIDENT_STATES, Metrics
from wirewatch.topics import ARTICLES, ATTACK_REPORTS, FEEDBACK, INCIDENT_UPDATES, INCIDENTS, POLL_SURGES
from wirewatch.topics.codec import decode, encode, key
from wirewatch.topics.groups import PROCESSOR, group_id
from wirewatch.topics.reader import ConsumedRecord, read_range
from wirewatch.topics.records import (
    ArticleRecord,
    AttackReport,
    IncidentMarkRecord,
    IncidentRecord,
    IncidentUpdate,
    SurgeRecord,
)
from wirewatch.topics.security import faust_broker
from wirewatch.workers.bad_messages import skip_bad
from wirewatch.workers.incident_desk import (
    Desk,
    HeldIncidents,
    ReportOwners,
    incident_step,
    log_outcome,
    routed_mark,
    write,
)
from wirewatch.workers.positions import keep_positions
from wirewatch.workers.skips import SkipGuard

log = logging.getLogger("wirewatch.processor")
_skip_bad = partial(skip_bad, log=log, error_kind="analysis_error")

PRODUCER_METADATA_MAX_AGE_MS = 10_000  # one metadata request per 10 s: a dead leader costs seconds

# Bytes per partition and fetch: about 50 real-length articles. With Faust's default, 1 MiB (about
# 400), 4 of 5 ten-minute runs of bench-incidents at 800 articles/s had minutes on end with a p99
# of 2-4.6 s, in which articles waited 1.1-2.2 s before analysis while the processor's core had
# time to spare; with this, 0 of 3 after their first minute (the cause is not known). A record
# larger than this still comes whole: the broker returns at least one batch.
CONSUMER_FETCH_BYTES = 128 * 1024
# RocksDB's default block cache is 2 GiB per table: far more than incidents need.
_ROCKSDB = {"block_cache_size": 16 * 1024 * 1024, "block_cache_compressed_size": 8 * 1024 * 1024}


def country_of(facts: AttackFacts) -> str:
    """The partition key of a report: the country of its most specific target, or ``none``."""
    return next((p.country for p in facts.places if p.country), "none")


def partition_for(country: str, partitions: int) -> int:
    """A stable partition per country (explicit, so the processor knows where each incident lives)."""
    return zlib.crc32(country.encode("utf-8")) % partitions


def report_for(
    value: bytes | None, analyzer: Analyzer, seen_at: datetime | None, metrics: Metrics
) -> AttackReport | None:
    """The attack report for one article message, ``None`` when it is not a current attack.

    Raises ``BadRecord`` for a message that is not an article record.
    """
    record = decode(value, ArticleRecord)
    started = time.perf_counter()
    article = record.to_article()
    analysis = analyzer.analyze(article)
    metrics.articles_processed.labels("true" if analysis.attack else "false").inc()
    view = incidents.reported(analysis)  # a current attack, or a late report of one
    if view is None:
        metrics.article_process_seconds.observe(time.perf_counter() - started)
        return None
    now = datetime.now(UTC)
    facts = incidents.facts_from_analysis(analysis, article, seen_at=seen_at or now, revision=record.revision)
    metrics.article_process_seconds.observe(time.perf_counter() - started)
    for attack_type in view.attack_types:
        metrics.attack_reports.labels(attack_type).inc()
    return AttackReport(
        country=country_of(view),
        facts=facts,
        detected_at=now,
        watch_hits=analysis.current.watch_hits,
        text=article.text,
    )


def build_app(
    settings: Settings,
    analyzer: Analyzer,
    metrics: Metrics,
    guard: SkipGuard,
    rules: incidents.IncidentRules | None = None,
    marks: Marks | None = None,
) -> faust.App:
    rules = rules or settings.incident_rules()
    # Static membership with an instance id: a restarted processor gets its partitions back at once.
    static: dict[str, Any] = (
        {"consumer_group_instance_id": settings.instance_id} if settings.instance_id else {}
    )
    app = faust.App(
        group_id(settings.topic_prefix, PROCESSOR),
        **faust_broker(settings),
        store="rocksdb://",
        datadir=str(settings.data_dir / "processor"),
        web_enabled=False,
        topic_replication_factor=settings.replication_factor,
        topic_partitions=settings.partitions,
        consumer_auto_offset_reset="earliest",
        producer_acks=-1,
        # aiokafka learns a partition's new leader only from fresh metadata, and a send to a dead
        # broker (NodeNotReadyError) does not ask for it: with the 5-minute default, the updates of
        # a partition whose leader died waited up to 5 minutes before going to the new leader.
        producer_metadata_max_age_ms=PRODUCER_METADATA_MAX_AGE_MS,
        broker_commit_interval=1.0,
        consumer_max_fetch_size=CONSUMER_FETCH_BYTES,
        table_cleanup_interval=3600.0,
        broker_session_timeout=settings.consumer_session_timeout,
        broker_heartbeat_interval=max(1.0, settings.consumer_session_timeout / 10),
        **static,
    )

    def topic(name: str) -> Any:
        return app.topic(name, key_serializer="raw", value_serializer="raw", internal=False)

    prefix = settings.topic_prefix
    articles = topic(ARTICLES.full_name(prefix))
    reports = topic(ATTACK_REPORTS.full_name(prefix))
    incidents_topic = topic(INCIDENTS.full_name(prefix))
    updates_topic = topic(INCIDENT_UPDATES.full_name(prefix))
    surges_topic = topic(POLL_SURGES.full_name(prefix))
    feedback = topic(FEEDBACK.full_name(prefix))
    held = HeldIncidents(
        app.Table(
            "incidents",
            key_type=bytes,
            value_type=bytes,
            partitions=settings.partitions,
            options=dict(_ROCKSDB),
        )
    )
    owners = ReportOwners(
        app.Table(
            "report-owners",
            key_type=bytes,
            value_type=bytes,
            partitions=settings.partitions,
            options=dict(_ROCKSDB),
        )
    )
    desk = Desk(rules, timedelta(days=settings.incident_retention_days), held, owners)

    async def skipped_before(message: Any, stage: str) -> list[ConsumedRecord]:
        """Records of this partition the stream skipped before ``message``, read back directly."""
        gap = guard.skipped(message.topic, message.partition, message.offset, app.consumer_generation_id)
        if not gap:
            return []
        metrics.consumer_gaps.labels(stage).inc(len(gap))
        log.warning(
            "%s[%d]: the stream skipped offsets %d to %d; reading them back",
            message.topic,
            message.partition,
            gap.start,
            gap.stop - 1,
        )
        return await asyncio.to_thread(
            read_range, settings, message.topic, message.partition, gap.start, gap.stop
        )

    async def records(stream: Any, stage: str) -> AsyncIterator[ConsumedRecord]:
        """The stream's records, each preceded by any the stream skipped before it."""
        async for event in stream.events():
            message = event.message
            for record in await skipped_before(message, stage):
                yield record
            yield ConsumedRecord(
                message.topic, message.partition, message.offset, event.value, message.timestamp
            )

    cache: dict[frozenset[str], Analyzer] = {}

    def current_analyzer() -> Analyzer:
        """The analyzer with the places analysts marked as read wrongly ignored (web feedback)."""
        wrong = marks.wrong_places if marks is not None else frozenset()
        if wrong not in cache:
            cache.clear()
            cache[wrong] = with_exclusions(analyzer, wrong)
        return cache[wrong]

    async def analyze(record: ConsumedRecord) -> None:
        started = time.perf_counter()
        seen_at = datetime.fromtimestamp(record.timestamp, tz=UTC) if record.timestamp else None
        report = None
        with _skip_bad(metrics, "article", record):
            report = report_for(record.value, current_analyzer(), seen_at, metrics)
        if report is not None:
            await reports.send(
                key=key(report.country),
                value=encode(report),
                partition=partition_for(report.country, settings.partitions),
            )
            _observe_detection(metrics, report)
        metrics.stage_seconds.labels("analyze").observe(time.perf_counter() - started)

    @app.agent(articles, concurrency=1)
    async def analyze_articles(stream: Any) -> Any:
        async for record in records(stream, "analyze"):
            await analyze(record)
            yield None

    async def send(outcome: Outcome, now: datetime) -> None:
        """Send what a step changed: incidents, their updates for the alerter, surges, hand-overs."""
        for kept in outcome.keep:
            record = IncidentRecord(incident=kept.incident, country=kept.country, partition=kept.partition)
            await incidents_topic.send(key=key(kept.incident.id), value=encode(record))
        for change in outcome.changes:
            update = IncidentUpdate(
                change=change.change,
                incident=change.incident,
                article_id=change.article_id,
                article_seen_at=change.article_seen_at,
                at=now,
            )
            await updates_topic.send(key=key(change.incident.id), value=encode(update))
            if change.change == "new":
                for surge in _surges_for(change.incident, now, settings):
                    await surges_topic.send(key=key(surge.group), value=encode(surge))
        for hand_over in outcome.hand_over:
            mark = IncidentMarkRecord(
                kind="absorb",
                incident_id=hand_over.absorbed,
                into=hand_over.into,
                reports=hand_over.reports,
                at=now,
            )
            await broadcast(mark)

    async def broadcast(mark: IncidentMarkRecord) -> None:
        """To every partition of the attack-reports topic: only the one holding the incident acts."""
        for partition in range(settings.partitions):
            await reports.send(key=key(mark.incident_id), value=encode(mark), partition=partition)

    async def file(record: ConsumedRecord) -> None:
        started = time.perf_counter()
        now = datetime.now(UTC)
        book = desk.book(
            frozenset(
                tp.partition for tp in app.assignor.assigned_actives() if tp.topic == reports.get_topic_name()
            )
        )
        outcome = Outcome()
        with _skip_bad(metrics, "report", record):
            outcome = incident_step(book, record.value, record.partition, now)
            write(held, owners, outcome)
        log_outcome(metrics, outcome)
        await send(outcome, now)
        with _skip_bad(metrics, "report", record):
            if time.monotonic() >= desk.next_sweep:
                desk.next_sweep = time.monotonic() + 600
                _, swept = casebook.retire(book, record.partition, now)
                write(held, owners, swept)
                if swept.retired:
                    log.info(
                        "removed %d incidents past retention from partition %d",
                        len(swept.retired),
                        record.partition,
                    )
        for incident_state in INCIDENT_STATES:
            metrics.incidents.labels(incident_state).set(book.state_counts[incident_state])
        metrics.stage_seconds.labels("incident").observe(time.perf_counter() - started)

    @app.agent(reports, concurrency=1)
    async def build_incidents(stream: Any) -> Any:
        async for record in records(stream, "incident"):
            await file(record)
            yield None

    @app.agent(feedback, concurrency=1)
    async def route_marks(stream: Any) -> Any:
        """Analysts' merges and splits, from the feedback topic to the incidents' partitions."""
        async for event in stream.events():
            message = event.message
            mark = None
            with _skip_bad(metrics, "feedback", message):
                mark = routed_mark(event.value)
            if mark is not None:
                log.info("%s of incident %s routed to its partition", mark.kind, untrusted(mark.incident_id))
                await broadcast(mark)
            yield None

    return app


def _surges_for(incident: Incident, now: datetime, settings: Settings) -> list[SurgeRecord]:
    """Ask the pollers to look sooner at the outlets covering a new incident's places."""
    surges = incident_surges(
        (place for lineage in incident.lineages() for place in lineage),
        incident.event_time,
        now,
        settings.incident_surge_interval,
        settings.incident_surge_duration,
    )
    if surges:
        log.info(
            "incident %s: pollers asked to surge groups %s for %.0f s",
            incident.id,
            ", ".join(s.group for s in surges),
            settings.incident_surge_duration,
        )
    reason = f"incident {incident.id}"
    return [SurgeRecord(group=s.group, interval=s.interval, until=s.until, reason=reason) for s in surges]


def _observe_detection(metrics: Metrics, report: AttackReport) -> None:
    """Publication time in the feed and arrival on Kafka, to this report (clocks may disagree: >= 0)."""
    facts = report.facts
    if facts.published is not None:
        seconds = (report.detected_at - facts.published).total_seconds()
        metrics.detection_latency_seconds.labels("published").observe(max(0.0, seconds))
    metrics.detection_latency_seconds.labels("kafka").observe(
        max(0.0, (report.detected_at - facts.seen_at).total_seconds())
    )


def _faust_sensors(app: faust.App, metrics: Metrics) -> None:
    """Faust's own sensor metrics (``wirewatch_faust_*``) on the worker's registry.

    What ``faust.sensors.prometheus.setup_prometheus_sensors`` does, less its web page: the worker
    serves the registry on its own port (``wirewatch.health``), Faust's web server stays off.
    """
    from faust.sensors.prometheus import FaustMetrics, PrometheusMonitor

    app.monitor = PrometheusMonitor(metrics=FaustMetrics.create(metrics.registry, "wirewatch_faust"))


def _sought(guard: SkipGuard, starts: Mapping[Any, int], generation: int) -> None:
    for tp, offset in starts.items():
        guard.sought(tp.topic, tp.partition, offset, generation)


def _create_changelogs(settings: Settings, app: faust.App) -> None:
    """Create the tables' changelog topics before Faust starts, as Faust itself would.

    Faust creates them while it starts, just before the first rebalance; a second processor
    starting at the same moment could then be assigned partitions while its metadata did not
    list a changelog yet ("Ignoring missing topic"), and every table write failed with
    PartitionsMismatch until it did (seen in the failover test: 18 reports lost). Created here,
    they exist before any processor joins the group.
    """
    from kafka.admin import NewTopic

    from wirewatch.topics.admin import create_missing, durability

    create_missing(
        settings,
        [
            NewTopic(
                table.changelog_topic.get_topic_name(),
                table.partitions or settings.partitions,
                settings.replication_factor,
                topic_configs={"cleanup.policy": "compact", **durability(settings)},
            )
            for table in app.tables.values()
        ],
    )


def _await_marks(follower: MarksFollower) -> None:
    """Wait until the analysts' marks are read to their end, before any article is analyzed: a place
    marked as read wrongly is ignored from the first article after a restart, not minutes later."""
    while not follower.caught_up.wait(10):
        if not follower.following():
            raise WirewatchError("the processor could not read the feedback topic (see the log above)")
        log.info("waiting for the analysts' marks (feedback topic) before analyzing articles")
    log.info("analysts' marks read: %d", len(follower.marks.by_key))


def run(settings: Settings, analyzer: Analyzer, metrics: Metrics, health: Readiness | None = None) -> int:
    """Entry point of ``wirewatch process``: wait for the broker, create topics, run the app."""
    from wirewatch.topics.admin import ensure_topics

    ensure_topics(settings, worker="processor")
    (settings.data_dir / "processor").mkdir(parents=True, exist_ok=True)
    guard = SkipGuard()
    marks = Marks()
    follower = MarksFollower(settings, marks, metrics.bad_input.labels("feedback").inc).start()
    _await_marks(follower)
    app = build_app(settings, analyzer, metrics, guard, marks=marks)
    analyzer.warm()  # before the group: the first articles do not wait for the tables
    gc.freeze()  # the analyzer's tables live as long as the process: no collection scans them
    _create_changelogs(settings, app)
    _faust_sensors(app, metrics)
    metrics.up.labels("processor").set(1)
    worker = faust.Worker(
        app, loglevel=settings.log_level.lower(), quiet=True, override_logging=False, redirect_stdouts=False
    )
    worker.spinner = None  # a terminal spinner writes escape codes into our output
    sources = {ARTICLES.full_name(settings.topic_prefix), ATTACK_REPORTS.full_name(settings.topic_prefix)}
    keep_positions(app, sources, on_seek=lambda starts: _sought(guard, starts, app.consumer_generation_id))
    if health is not None:
        # On the worker's own loop from its first turn: Faust's timers start only after recovery.
        beating = worker.loop.create_task(
            keep_beating(
                health,
                held=lambda: [tp for tp in app.assignor.assigned_actives() if tp.topic in sources],
                rebalancing=lambda: bool(app.rebalancing),
            )
        )

        @app.on_before_shutdown.connect
        def _stop_beating(sender: Any, /, *args: Any, signal: Any, **kwargs: Any) -> None:
            beating.cancel()  # else the worker waits a second for it at exit

    try:
        worker.execute_from_commandline()  # runs until SIGTERM/SIGINT, then raises SystemExit
    except SystemExit as exc:
        return int(exc.code or 0)
    finally:
        follower.stop()
        metrics.up.labels("processor").set(0)
