"""All of wirewatch's Prometheus metrics, built against an injected registry.

Names follow ``wirewatch_<noun>_<unit>`` / ``_total``; label values are bounded (outcome classes,
attack types, channel schemes: never URLs or article ids) and pre-created so that every series
exists at zero from the first scrape.
"""

from __future__ import annotations

from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, start_http_server

from wirewatch.core.lexicon import ATTACK_TYPES

FETCH_OUTCOMES = ("ok", "not_modified", "error")
ERROR_CLASSES = (
    "timeout",
    "dns",
    "connect",
    "tls",
    "http_4xx",
    "http_5xx",
    "http_429",
    "too_large",
    "parse",
    "empty",
    "other",
)
NOTIFY_OUTCOMES = ("sent", "failed", "no_target")
BAD_INPUT_KINDS = ("article", "report", "feed_entry", "analysis_error")


@dataclass(frozen=True)
class Metrics:
    registry: CollectorRegistry
    feed_fetches: Counter
    feed_fetch_seconds: Histogram
    feed_errors: Counter
    articles_published: Counter
    articles_processed: Counter
    article_process_seconds: Histogram
    attack_reports: Counter
    alerts: Counter
    notifications: Counter
    alert_latency_seconds: Histogram
    bad_input: Counter
    up: Gauge

    @classmethod
    def create(cls, registry: CollectorRegistry | None = None) -> Metrics:
        registry = registry or CollectorRegistry()
        m = cls(
            registry=registry,
            feed_fetches=Counter(
                "wirewatch_feed_fetches_total", "Feed fetches by outcome", ["outcome"], registry=registry
            ),
            feed_fetch_seconds=Histogram(
                "wirewatch_feed_fetch_duration_seconds",
                "Time to fetch and parse one feed",
                ["outcome"],
                buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
                registry=registry,
            ),
            feed_errors=Counter(
                "wirewatch_feed_errors_total",
                "Failed feed fetches by error class",
                ["error_class"],
                registry=registry,
            ),
            articles_published=Counter(
                "wirewatch_articles_published_total",
                "Articles produced to the articles topic",
                ["revision"],
                registry=registry,
            ),
            articles_processed=Counter(
                "wirewatch_articles_processed_total",
                "Articles analyzed by the processor",
                ["attack"],
                registry=registry,
            ),
            article_process_seconds=Histogram(
                "wirewatch_article_process_duration_seconds",
                "Time to analyze one article",
                buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1),
                registry=registry,
            ),
            attack_reports=Counter(
                "wirewatch_attack_reports_total",
                "Attack reports emitted, by attack type",
                ["attack_type"],
                registry=registry,
            ),
            alerts=Counter(
                "wirewatch_alerts_total",
                "Alerts raised for watched entries, by kind of alert",
                ["kind"],
                registry=registry,
            ),
            notifications=Counter(
                "wirewatch_notifications_total",
                "Notification deliveries by channel and outcome",
                ["channel", "outcome"],
                registry=registry,
            ),
            alert_latency_seconds=Histogram(
                "wirewatch_alert_latency_seconds",
                "Article on Kafka to notification accepted by the receiver",
                buckets=(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300),
                registry=registry,
            ),
            bad_input=Counter(
                "wirewatch_bad_input_total", "Malformed inputs skipped, by kind", ["kind"], registry=registry
            ),
            up=Gauge("wirewatch_worker_up", "1 while the worker runs", ["worker"], registry=registry),
        )
        for outcome in FETCH_OUTCOMES:
            m.feed_fetches.labels(outcome)
            m.feed_fetch_seconds.labels(outcome)
        for error_class in ERROR_CLASSES:
            m.feed_errors.labels(error_class)
        for revision in ("new", "update"):
            m.articles_published.labels(revision)
        for flag in ("true", "false"):
            m.articles_processed.labels(flag)
        for attack_type in ATTACK_TYPES:
            m.attack_reports.labels(attack_type)
        m.alerts.labels("new")
        for outcome in NOTIFY_OUTCOMES:
            m.notifications.labels("other", outcome)
        for kind in BAD_INPUT_KINDS:
            m.bad_input.labels(kind)
        return m


def serve(metrics: Metrics, host: str, port: int) -> None:
    """Expose ``/metrics`` on ``host:port`` in a background thread (port 0: not at all)."""
    if port:
        start_http_server(port, addr=host, registry=metrics.registry)
