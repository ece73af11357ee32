"""deploy/grafana: the dashboard's structure, its data source, and the metric names its queries use.

The names are checked here against the metrics wirewatch registers (and Faust's sensor); the
observability test checks them again against a live scrape of running workers, and runs every
query through a real Prometheus.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from faust.sensors.prometheus import FaustMetrics
from prometheus_client import generate_latest
from prometheus_client.parser import text_string_to_metric_families

from wirewatch.metrics import Metrics

ROOT = Path(__file__).resolve().parents[3]
GRAFANA = ROOT / "deploy" / "grafana"
sys.path.insert(0, str(ROOT / "deploy" / "prometheus"))

from prom import metric_names  # noqa: E402

PROMETHEUS_OWN = {"up", "ALERTS", "ALERTS_FOR_STATE"}


def dashboard() -> dict[str, Any]:
    return dict(json.loads((GRAFANA / "dashboards" / "wirewatch.json").read_text("utf-8")))


def panels(items: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for panel in items:
        yield panel
        yield from panels(panel.get("panels", []))


def registered_names() -> set[str]:
    metrics = Metrics.create()
    FaustMetrics.create(metrics.registry, "wirewatch_faust")
    metrics.consumer_lag.labels("analyze")  # set by the broker watch at run time
    metrics.ready.labels("processor")
    metrics.up.labels("processor")
    text = generate_latest(metrics.registry).decode()
    return {s.name for family in text_string_to_metric_families(text) for s in family.samples}


def test_dashboard_structure() -> None:
    board = dashboard()
    assert board["uid"] == "wirewatch" and board["title"] == "wirewatch"
    every = list(panels(board["panels"]))
    assert len({p["id"] for p in every}) == len(every)
    rows = [p["title"] for p in every if p["type"] == "row"]
    assert rows == ["Pipeline", "Feeds", "Alerts"]
    for panel in every:
        pos = panel["gridPos"]
        assert pos["x"] >= 0 and pos["x"] + pos["w"] <= 24, panel["title"]
        if panel["type"] == "row":
            continue
        assert panel["targets"] and all(t["expr"].strip() for t in panel["targets"]), panel["title"]
        assert len({t["refId"] for t in panel["targets"]}) == len(panel["targets"])


def test_dashboard_uses_the_provisioned_data_source() -> None:
    provisioned = yaml.safe_load(
        (GRAFANA / "provisioning" / "datasources" / "prometheus.yml").read_text("utf-8")
    )
    (source,) = provisioned["datasources"]
    assert source["type"] == "prometheus"
    for panel in panels(dashboard()["panels"]):
        if panel["type"] == "row":
            continue
        assert panel["datasource"] == {"type": "prometheus", "uid": source["uid"]}, panel["title"]
        for target in panel["targets"]:
            assert target["datasource"]["uid"] == source["uid"]


def test_dashboard_queries_registered_metrics_only() -> None:
    known = registered_names() | PROMETHEUS_OWN
    exprs = [t["expr"] for p in panels(dashboard()["panels"]) for t in p.get("targets", [])]
    used = set().union(*(metric_names(e) for e in exprs))
    assert not used - known, sorted(used - known)
    # The pipeline, the feeds and the alerts are all on it.
    for name in (
        "wirewatch_articles_published_total",
        "wirewatch_consumer_lag_messages",
        "wirewatch_stage_duration_seconds_bucket",
        "wirewatch_feeds",
        "wirewatch_feed_errors_total",
        "wirewatch_notifications_total",
        "wirewatch_notifications_dead_lettered_total",
        "wirewatch_alert_publication_latency_seconds_bucket",
        "wirewatch_faust_total_rebalances",
    ):
        assert name in used, name


def test_metric_names_are_read_out_of_promql() -> None:
    expr = (
        'histogram_quantile(0.95, sum by (stage, le) (rate(wirewatch_stage_duration_seconds_bucket{job=~"a|b"}'
        "[$__rate_interval]))) / on () group_left sum(wirewatch_feeds offset 5m) > bool 1e3 and up"
    )
    assert metric_names(expr) == {"wirewatch_stage_duration_seconds_bucket", "wirewatch_feeds", "up"}
    assert metric_names('label_replace(increase(a_total[30m]), "x", "$1", "y", "(.*)")') == {"a_total"}
