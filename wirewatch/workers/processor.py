"""The processor: a Faust app that analyzes every article and emits attack reports.

Per message: decode the article record, run ``core`` analysis, send an attack report keyed by
incident when the article reports a current attack. A malformed message is counted, logged once
and skipped. Agent concurrency stays 1: with more, Faust can commit an offset past a message
still in flight (faust-streaming issue 606).
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from typing import Any

import faust

from wirewatch.config import Settings
from wirewatch.core.analysis import Analyzer
from wirewatch.errors import BadRecord
from wirewatch.metrics import Metrics
from wirewatch.topics import ARTICLES, ATTACK_REPORTS
from wirewatch.topics.codec import decode, encode, key
from wirewatch.topics.records import ArticleRecord, AttackReport

log = logging.getLogger("wirewatch.processor")


def report_for(
    value: bytes | None, analyzer: Analyzer, seen_at: datetime | None, metrics: Metrics
) -> AttackReport | None:
    """The attack report for one article message, ``None`` when it is not a current attack.

    Raises ``BadRecord`` for a message that is not an article record.
    """
    record = decode(value, ArticleRecord)
    started = time.perf_counter()
    analysis = analyzer.analyze(record.to_article())
    metrics.article_process_seconds.observe(time.perf_counter() - started)
    metrics.articles_processed.labels("true" if analysis["attack"] else "false").inc()
    if not analysis["attack"]:
        return None
    for attack_type in analysis["attack_types"]:
        metrics.attack_reports.labels(attack_type).inc()
    return AttackReport.from_analysis(record, analysis, seen_at=seen_at, now=datetime.now(UTC))


def build_app(settings: Settings, analyzer: Analyzer, metrics: Metrics) -> faust.App:
    app = faust.App(
        f"{settings.topic_prefix}-processor",
        broker=[f"kafka://{server}" for server in settings.kafka_bootstrap.split(",")],
        store="memory://",
        datadir=str(settings.data_dir / "processor"),
        web_enabled=False,
        topic_replication_factor=settings.replication_factor,
        topic_partitions=settings.partitions,
        consumer_auto_offset_reset="earliest",
        producer_acks=-1,
        broker_commit_interval=1.0,
    )
    articles = app.topic(
        ARTICLES.full_name(settings.topic_prefix),
        key_serializer="raw",
        value_serializer="raw",
        internal=False,
    )
    reports = app.topic(
        ATTACK_REPORTS.full_name(settings.topic_prefix),
        key_serializer="raw",
        value_serializer="raw",
        internal=False,
    )

    @app.agent(articles, concurrency=1)
    async def analyze_articles(stream: Any) -> Any:
        async for event in stream.events():
            seen_at = (
                datetime.fromtimestamp(event.message.timestamp, tz=UTC) if event.message.timestamp else None
            )
            try:
                report = report_for(event.value, analyzer, seen_at, metrics)
            except BadRecord as exc:
                metrics.bad_input.labels("article").inc()
                log.warning(
                    "skipping malformed article at %s[%d]@%d: %s",
                    event.message.topic,
                    event.message.partition,
                    event.message.offset,
                    exc,
                )
                continue
            except Exception:
                # A bug in analysis must not crash-loop the agent on one article: count it, log it
                # with its traceback once, and go on with the next.
                metrics.bad_input.labels("analysis_error").inc()
                log.exception(
                    "analysis failed for the article at %s[%d]@%d; skipped",
                    event.message.topic,
                    event.message.partition,
                    event.message.offset,
                )
                continue
            if report is not None:
                await reports.send(key=key(report.incident), value=encode(report))
                log.info(
                    "attack report %s: %s on %s",
                    report.incident,
                    ",".join(report.attack_types),
                    ",".join(p.id for p in report.places) or "unknown place",
                )
            yield None

    return app


def run(settings: Settings, analyzer: Analyzer, metrics: Metrics) -> int:
    """Entry point of ``wirewatch process``: wait for the broker, create topics, run the app."""
    from wirewatch.topics.admin import ensure_topics

    ensure_topics(settings)
    (settings.data_dir / "processor").mkdir(parents=True, exist_ok=True)
    app = build_app(settings, analyzer, metrics)
    metrics.up.labels("processor").set(1)
    worker = faust.Worker(
        app, loglevel=settings.log_level.lower(), quiet=True, override_logging=False, redirect_stdouts=False
    )
    worker.spinner = None  # a terminal spinner writes escape codes into our output
    try:
        worker.execute_from_commandline()  # runs until SIGTERM/SIGINT, then raises SystemExit
    except SystemExit as exc:
        return int(exc.code or 0)
    finally:
        metrics.up.labels("processor").set(0)
