"""What /metrics serves follows Prometheus' conventions: prefix, base units, series that exist at zero."""

from __future__ import annotations

from prometheus_client import generate_latest
from prometheus_client.parser import text_string_to_metric_families

from wirewatch.metrics import Metrics

# Labelled by the process itself when it starts, so they cannot exist before.
# Gauges labelled by worker or stage, set by the first check (a 0 before it would say "down").
SET_AT_START = {  # gauges whose label values are known only at start
    "wirewatch_worker_up",
    "wirewatch_worker_ready",
    "wirewatch_consumer_lag_messages",
    "wirewatch_broker_up",
    "wirewatch_channel_up",  # per channel name, set by the dispatcher when it starts
}


def families() -> list:
    metrics = Metrics.create()
    return list(text_string_to_metric_families(generate_latest(metrics.registry).decode()))


def test_names_have_the_prefix_and_base_units() -> None:
    for family in families():
        assert family.name.startswith("wirewatch_"), family.name
        assert not any(part in family.name for part in ("_ms", "millis", "_minutes", "_bytes_kb")), (
            family.name
        )
        if family.type in ("histogram", "summary") and any(w in family.name for w in ("duration", "latency")):
            assert family.name.endswith("_seconds"), family.name
        if family.type == "counter":
            assert all(s.name.endswith(("_total", "_created")) for s in family.samples), family.name


def test_labelled_series_exist_at_zero_from_the_first_scrape() -> None:
    # Without a first zero, a counter's first increase is invisible to rate() and increase().
    empty = {f.name for f in families() if not f.samples} - SET_AT_START
    assert not empty, f"no series before the first event: {sorted(empty)}"


def test_the_issue_s_metrics_are_there() -> None:
    names = {f.name for f in families()}
    for name in (
        "wirewatch_feed_entries",  # articles fetched (counter family names drop _total)
        "wirewatch_articles_published",
        "wirewatch_feed_fetches",
        "wirewatch_stage_duration_seconds",
        "wirewatch_attack_reports",
        "wirewatch_incidents",
        "wirewatch_notifications",
        "wirewatch_detection_latency_seconds",
        "wirewatch_alert_latency_seconds",
        "wirewatch_alert_publication_latency_seconds",
        "wirewatch_consumer_lag_messages",
    ):
        assert name in names, name
