"""All of wirewatch's Prometheus metrics, built against an injected registry.

Names follow ``wirewatch_<noun>_<unit>`` / ``_total``; label values are bounded (outcome classes,
attack types, channel schemes: never URLs or article ids) and pre-created so that every series
exists at zero from the first scrape.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, Summary

from wirewatch.core import alerting, health, incidents
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
    "http_401",
    "http_403",
    "http_404",
    "http_410",
    "http_other",
    "redirects",
    "ssrf",
    "xml_hazard",
    "too_large",
    "parse",
    "empty",
    "other",
)
NOTIFY_OUTCOMES = ("sent", "failed", "retried", "no_target")
CHANNEL_TYPES = ("webhook", "json", "slack", "mailto", "mmost", "other")  # bounded: other schemes are "other"
SEVERITIES = alerting.SEVERITIES
ALERT_KINDS = get_args(alerting.Kind)
FEED_CONDITIONS = get_args(health.FeedCondition)
FEED_HEALTH_EVENTS = get_args(health.HealthEvent)
FETCHED_KINDS = ("feed", "page")
BAD_INPUT_KINDS = (
    "article",
    "report",
    "incident_update",
    "feed_health",
    "feed_entry",
    "silence",
    "notification",
    "analysis_error",  # a bug in the processor on one message
    "alert_error",  # a bug in the alerter on one message
    "feedback",
    "web_record",
)
STAGES = ("poll", "analyze", "incident", "alert")  # per-stage processing time
CONSUMER_STAGES = ("analyze", "incident", "alert", "dispatch")  # consumer groups, by what they do
INCIDENT_STATES = get_args(incidents.State)
INCIDENT_CHANGES = (*get_args(incidents.Change), "duplicate")  # duplicate: a redelivery, nothing changed
LATENCY_SINCE = ("published", "kafka")  # publication time in the feed, arrival on Kafka


@dataclass(frozen=True)
class Metrics:
    registry: CollectorRegistry
    feed_fetches: Counter
    feed_fetch_seconds: Histogram
    feed_errors: Counter
    articles_published: Counter
    articles_truncated: Counter
    articles_processed: Counter
    article_process_seconds: Histogram
    attack_reports: Counter
    alerts: Counter
    incident_changes: Counter
    notifications: Counter
    notifications_dead_lettered: Counter
    notifications_silenced: Counter
    notifications_dismissed: Counter
    delivery_latency_seconds: Histogram
    digest_incidents: Histogram
    outbox_pending: Gauge
    alert_latency_seconds: Histogram
    bad_input: Counter
    consumer_gaps: Counter
    up: Gauge
    feed_bytes: Counter
    feeds: Gauge
    feed_staleness_seconds: Summary
    feed_not_modified_ratio: Gauge
    feed_health_events: Counter
    stage_seconds: Histogram
    consumer_lag: Gauge
    incidents: Gauge
    detection_latency_seconds: Histogram
    alert_publication_latency_seconds: Histogram
    ready: Gauge
    broker_up: Gauge
    feed_entries: Counter
    channel_up: Gauge

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
            articles_truncated=Counter(
                "wirewatch_articles_truncated_total",
                "Articles published with a field cut to its limit (title, text or URL)",
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
            incident_changes=Counter(
                "wirewatch_incident_changes_total",
                "Incident changes by kind (new, corroborated, updated, report_added, report_revised, "
                "merged, split, duplicate)",
                ["change"],
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
                "Notification delivery attempts by channel type, severity and outcome "
                "(sent, failed, retried, no_target)",
                ["channel", "severity", "outcome"],
                registry=registry,
            ),
            notifications_dead_lettered=Counter(
                "wirewatch_notifications_dead_lettered_total",
                "Notifications given up on after their retry budget, by channel type and severity",
                ["channel", "severity"],
                registry=registry,
            ),
            notifications_silenced=Counter(
                "wirewatch_notifications_silenced_total",
                "Notifications not sent because a silence muted the entry or the channel",
                registry=registry,
            ),
            notifications_dismissed=Counter(
                "wirewatch_notifications_dismissed_total",
                "Incident updates not alerted because an analyst dismissed the incident (web feedback)",
                registry=registry,
            ),
            delivery_latency_seconds=Histogram(
                "wirewatch_notification_delivery_latency_seconds",
                "Incident update on Kafka to notification accepted by the receiver",
                buckets=(0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5, 10, 30, 60, 300),
                registry=registry,
            ),
            digest_incidents=Histogram(
                "wirewatch_digest_incidents",
                "Incidents summarized in one catch-up digest",
                buckets=(1, 2, 5, 10, 20, 50, 100),
                registry=registry,
            ),
            outbox_pending=Gauge(
                "wirewatch_outbox_pending_notifications",
                "Notifications read from the outbox and not yet delivered or dead-lettered",
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
            consumer_gaps=Counter(
                "wirewatch_consumer_gaps_total",
                "Records the stream consumer skipped (around rebalances) that wirewatch read back itself",
                ["stage"],
                registry=registry,
            ),
            up=Gauge("wirewatch_worker_up", "1 while the worker runs", ["worker"], registry=registry),
            feed_bytes=Counter(
                "wirewatch_feed_bytes_total",
                "Bytes received from publishers (on the wire, before decompression), feeds or article pages",
                ["kind"],
                registry=registry,
            ),
            feeds=Gauge(
                "wirewatch_feeds",
                "Feeds this poller owns, by condition (ok, failing, broken: still polled)",
                ["condition"],
                registry=registry,
            ),
            feed_staleness_seconds=Summary(
                "wirewatch_feed_seconds_since_success",
                "Seconds since a feed's last successful fetch, observed at each poll (one series)",
                registry=registry,
            ),
            feed_not_modified_ratio=Gauge(
                "wirewatch_feed_not_modified_ratio",
                "Share of answered fetches that were 304 Not Modified, over the last 1,000",
                registry=registry,
            ),
            feed_health_events=Counter(
                "wirewatch_feed_health_events_total",
                "Feed broken and recovered events sent",
                ["event"],
                registry=registry,
            ),
            stage_seconds=Histogram(
                "wirewatch_stage_duration_seconds",
                "Time one item spends in a stage: a feed poll (fetch to publish), an article's analysis, "
                "a report's incident step, an alert",
                ["stage"],
                buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
                registry=registry,
            ),
            consumer_lag=Gauge(
                "wirewatch_consumer_lag_messages",
                "Messages on a stage's input topics not yet committed by its consumer group, measured "
                "from outside the consumer",
                ["stage"],
                registry=registry,
            ),
            incidents=Gauge(
                "wirewatch_incidents",
                "Incidents this processor holds (its partitions, within retention), by state",
                ["state"],
                registry=registry,
            ),
            detection_latency_seconds=Histogram(
                "wirewatch_detection_latency_seconds",
                "Publication time in the feed, or arrival on Kafka, to the attack report",
                ["since"],
                buckets=(0.1, 0.5, 1, 2.5, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21600),
                registry=registry,
            ),
            alert_publication_latency_seconds=Histogram(
                "wirewatch_alert_publication_latency_seconds",
                "Publication time in the feed to notification accepted by the receiver",
                buckets=(5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21600),
                registry=registry,
            ),
            ready=Gauge(
                "wirewatch_worker_ready",
                "1 while the worker's readiness checks pass (as /readyz), computed at each scrape",
                ["worker"],
                registry=registry,
            ),
            broker_up=Gauge(
                "wirewatch_broker_up",
                "1 when the worker's last broker check was answered, 0 when it was not",
                ["worker"],
                registry=registry,
            ),
            feed_entries=Counter(
                "wirewatch_feed_entries_total",
                "Entries read in the feed documents fetched, new or already seen (new ones are published)",
                registry=registry,
            ),
            channel_up=Gauge(
                "wirewatch_channel_up",
                "0 while a notification channel is declared down (no successful send for "
                "WIREWATCH_DELIVERY_DOWN_AFTER), 1 otherwise; by the channel's name in the watchlist",
                ["channel"],
                registry=registry,
            ),
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
        for change in INCIDENT_CHANGES:
            m.incident_changes.labels(change)
        for kind in ALERT_KINDS:
            m.alerts.labels(kind)
        for channel in CHANNEL_TYPES:
            for severity in SEVERITIES:
                m.notifications_dead_lettered.labels(channel, severity)
                for outcome in NOTIFY_OUTCOMES:
                    m.notifications.labels(channel, severity, outcome)
        for kind in FETCHED_KINDS:
            m.feed_bytes.labels(kind)
        for condition in FEED_CONDITIONS:
            m.feeds.labels(condition)
        for event in FEED_HEALTH_EVENTS:
            m.feed_health_events.labels(event)
        for kind in BAD_INPUT_KINDS:
            m.bad_input.labels(kind)
        for stage in STAGES:
            m.stage_seconds.labels(stage)
        for stage in ("analyze", "incident"):
            m.consumer_gaps.labels(stage)
        for state in INCIDENT_STATES:
            m.incidents.labels(state)
        for since in LATENCY_SINCE:
            m.detection_latency_seconds.labels(since)
        return m
