"""The workers as real processes, watched by a real Prometheus (Debian's 2.42) with wirewatch's rules.

One pipeline for the module: a feed that is empty until Prometheus has scraped every worker, then
carries an attack on a watched base; a webhook that accepts, and a channel with a password in its
URL that refuses. Prometheus scrapes the three /metrics endpoints every second and evaluates
deploy/prometheus/rules. The tests read what Prometheus recorded through its HTTP API, the probes
of each worker, the Grafana dashboard's queries against the live metric names, and the JSON logs.
Prometheus missing fails the module: run `make prometheus-fetch`.
"""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import make_settings
from tests.integration.procs import Worker, scrape, wait_until, worker_env
from wirewatch.testing.feeds import Item, rss
from wirewatch.testing.ports import free_port
from wirewatch.testing.receivers import FeedServer, WebhookReceiver
from wirewatch.topics.admin import ensure_topics

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "deploy" / "prometheus"))

from prom import LocalPrometheus, metric_names, scrape_config  # noqa: E402

pytestmark = [pytest.mark.broker, pytest.mark.e2e]

RULES = ROOT / "deploy" / "prometheus" / "rules" / "wirewatch.rules.yml"
DASHBOARD = ROOT / "deploy" / "grafana" / "dashboards" / "wirewatch.json"
JOBS = {"poller": "wirewatch-poller", "processor": "wirewatch-processor", "alerter": "wirewatch-alerter"}
COMMANDS = {"poller": "poll", "processor": "process", "alerter": "alert"}
PASSWORD = "S3cret-Passw0rd-never-logged"
# Names Prometheus makes itself, not the workers.
PROMETHEUS_OWN = {"up", "ALERTS", "ALERTS_FOR_STATE"}

WATCHLIST = {"watch": [{"id": "ain-al-asad", "kind": "base", "names": ["Ain al-Asad", "عين الأسد"]}]}


@dataclass
class Pipeline:
    prometheus: LocalPrometheus
    ports: dict[str, int]
    workers: dict[str, Worker]
    hook: WebhookReceiver
    started: float  # Unix time just before the attack article appeared in the feed
    exit_codes: dict[str, int] = field(default_factory=dict)

    def logs(self) -> str:
        return "\n".join(f"--- {w.name}\n{w.stderr()[-3000:]}" for w in self.workers.values())

    def value(self, expr: str) -> float:
        got = self.prometheus.value(expr)
        return float("nan") if got is None else got


def probe(port: int, path: str) -> tuple[int, dict[str, Any]]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as resp:
            return resp.status, json.load(resp)
    except urllib.error.HTTPError as exc:
        return exc.code, json.load(exc)


@pytest.fixture(scope="module")
def pipeline(kafka, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pipeline]:
    tmp = tmp_path_factory.mktemp("observability")
    ports = {name: free_port() for name in JOBS}
    settings = make_settings(
        kafka,
        f"obs-{free_port()}",
        tmp,
        poller_metrics_port=ports["poller"],
        processor_metrics_port=ports["processor"],
        alerter_metrics_port=ports["alerter"],
        health_check_interval=1.0,
        log_json=True,
        delivery_down_after=20,  # the channel nobody answers is declared down during the test
    )
    ensure_topics(settings)
    config = scrape_config({JOBS[n]: [f"127.0.0.1:{p}"] for n, p in ports.items()}, [str(RULES)])
    prometheus = LocalPrometheus(tmp / "prometheus", config).start()
    server, hook = FeedServer().start(), WebhookReceiver().start()
    workers: dict[str, Worker] = {}
    try:
        server.put("/ar.xml", rss("Demo Arabic Wire", "https://news.example.org", []))
        feeds_file, watch_file, notify_file = tmp / "feeds.yaml", tmp / "watch.yaml", tmp / "notify.txt"
        feeds_file.write_text(
            yaml.safe_dump({"feeds": [{"url": server.url("/ar.xml"), "interval": 2, "allow_private": True}]}),
            encoding="utf-8",
        )
        watch_file.write_text(yaml.safe_dump(WATCHLIST, allow_unicode=True), encoding="utf-8")
        # A channel that accepts, and one whose URL holds a password and that nobody answers.
        notify_file.write_text(
            f"json://127.0.0.1:{hook.port}/hook\njson://wirewatch:{PASSWORD}@127.0.0.1:{free_port()}/hook\n",
            encoding="utf-8",
        )
        env = worker_env(
            settings,
            WIREWATCH_FEEDS=str(feeds_file),
            WIREWATCH_WATCHLIST=str(watch_file),
            WIREWATCH_NOTIFY_FILE=str(notify_file),
        )
        for name in ("processor", "alerter", "poller"):
            workers[name] = Worker(name, [COMMANDS[name]], env, tmp, split=True)
        pipe = Pipeline(prometheus, ports, workers, hook, 0.0)

        # A baseline first: every worker scraped, the (empty) feed polled, nothing published yet.
        def baseline() -> bool:
            up = {r["metric"]["job"]: r["value"][1] for r in prometheus.query('up{job=~"wirewatch-.*"}')}
            fetched = pipe.value('sum(wirewatch_feed_fetches_total{outcome="ok"})')
            return up == dict.fromkeys(JOBS.values(), "1") and fetched >= 1

        wait_until(baseline, 120, 0.5, what="Prometheus to scrape all three workers and one poll")
        assert pipe.value("sum(wirewatch_articles_published_total)") == 0
        pipe.started = datetime.now(UTC).timestamp()
        published = datetime.now(UTC) - timedelta(minutes=4)
        server.put(
            "/ar.xml",
            rss(
                "Demo Arabic Wire",
                "https://news.example.org",
                [
                    Item(
                        "سقوط صاروخين على قاعدة عين الأسد الجوية",
                        "https://news.example.org/ar/1",
                        "أعلنت خلية الإعلام الأمني اليوم أن صاروخين من نوع كاتيوشا سقطا داخل قاعدة عين الأسد "
                        "الجوية في محافظة الأنبار من دون أن يسفرا عن خسائر بشرية.",
                        published,
                    ),
                    Item(
                        "وزير التخطيط يعلن موعد التعداد السكاني",
                        "https://news.example.org/ar/2",
                        "أعلن وزير التخطيط أن التعداد السكاني سيجري في موعده في جميع المحافظات.",
                        published - timedelta(hours=2),
                    ),
                ],
            ),
        )
        posts = hook.wait_for(1, 150)
        assert len(posts) == 1, pipe.logs()

        def recorded() -> bool:
            return (
                pipe.value("sum(wirewatch_articles_published_total)") == 2
                and pipe.value('sum(wirewatch_notifications_total{outcome="sent"})') >= 1
                and pipe.value('sum(wirewatch_notifications_total{outcome="failed"})') >= 1
                # Lag is measured from outside every few seconds: wait for a reading after the
                # alerter committed its last update, as for the other stages.
                and pipe.value('max(wirewatch_consumer_lag_messages{stage=~"analyze|incident|alert"})') == 0
                and pipe.value('count(ALERTS{alertname="WirewatchNotificationsFailing"})') >= 1
                and pipe.value('count(ALERTS{alertname="WirewatchChannelDown",alertstate="firing"})') >= 1
                # The dead letter follows the channel's fall; its rule reads the counter a scrape
                # later, so wait for it too (one CI run read the alerts between the two).
                and pipe.value(
                    'count(ALERTS{alertname="WirewatchNotificationsDeadLettered",alertstate="firing"})'
                )
                >= 1
            )

        wait_until(recorded, 90, 0.5, what="Prometheus to record the pipeline's work")
        yield pipe
    finally:
        for worker in workers.values():
            worker.stop()
        prometheus.stop()
        server.stop()
        hook.stop()


def series(pipe: Pipeline, expr: str) -> list[float]:
    """The values of a one-series ``expr`` every second since just before the attack appeared."""
    answer = pipe.prometheus.api(
        "query_range",
        query=expr,
        start=str(pipe.started - 5),
        end=str(datetime.now(UTC).timestamp()),
        step="1",
    )
    assert answer["status"] == "success", answer
    result = answer["data"]["result"]
    assert len(result) == 1, f"{expr}: {result}"
    return [float(v) for _, v in result[0]["values"]]


def test_prometheus_scrapes_every_worker(pipeline: Pipeline) -> None:
    up = {
        r["metric"]["job"]: float(r["value"][1]) for r in pipeline.prometheus.query('up{job=~"wirewatch-.*"}')
    }
    assert up == dict.fromkeys(JOBS.values(), 1.0)
    # Each worker's readiness, as Prometheus reads it.
    ready = {
        r["metric"]["worker"]: float(r["value"][1])
        for r in pipeline.prometheus.query("wirewatch_worker_ready")
    }
    assert ready == dict.fromkeys(JOBS, 1.0), pipeline.logs()


def test_counters_moved_as_the_article_went_through(pipeline: Pipeline) -> None:
    published = series(pipeline, "sum(wirewatch_articles_published_total)")
    assert published[0] == 0 and published[-1] == 2, published
    assert series(pipeline, 'sum(wirewatch_articles_published_total{revision="new"})')[-1] == 2
    assert pipeline.value("sum(wirewatch_feed_entries_total)") >= 2  # read again at every poll
    analyzed = series(pipeline, "sum(wirewatch_articles_processed_total)")
    assert analyzed[0] == 0 and analyzed[-1] == 2
    assert pipeline.value('sum(wirewatch_articles_processed_total{attack="true"})') == 1
    assert pipeline.value('sum(wirewatch_attack_reports_total{attack_type="rocket"})') == 1
    new = series(pipeline, 'sum(wirewatch_incident_changes_total{change="new"})')
    assert new[0] == 0 and new[-1] == 1, new
    assert pipeline.value('sum(wirewatch_incidents{state="reported"})') == 1
    assert pipeline.value('sum(wirewatch_notifications_total{channel="json", outcome="sent"})') >= 1
    assert pipeline.value('sum(wirewatch_notifications_total{channel="json", outcome="failed"})') >= 1
    # Faust's own sensor, on the same registry: it saw the two articles.
    assert pipeline.value("sum(wirewatch_faust_messages_received_total)") >= 2


def test_stage_times_and_latencies_were_observed(pipeline: Pipeline) -> None:
    count = "wirewatch_stage_duration_seconds_count"
    assert pipeline.value(f'sum({count}{{stage="poll"}})') >= 2
    assert pipeline.value(f'sum({count}{{stage="analyze"}})') == 2
    assert pipeline.value(f'sum({count}{{stage="incident"}})') == 1
    # The article was published four minutes before it appeared in the feed.
    assert pipeline.value('sum(wirewatch_detection_latency_seconds_count{since="published"})') == 1
    assert pipeline.value('sum(wirewatch_detection_latency_seconds_sum{since="published"})') >= 239
    assert pipeline.value('sum(wirewatch_detection_latency_seconds_count{since="kafka"})') == 1


def test_consumer_lag_is_measured_per_stage_and_drained(pipeline: Pipeline) -> None:
    lag = {
        r["metric"]["stage"]: float(r["value"][1])
        for r in pipeline.prometheus.query("wirewatch_consumer_lag_messages")
    }
    assert {"analyze", "incident", "alert"} <= set(lag), lag
    assert lag["analyze"] == 0 and lag["incident"] == 0 and lag["alert"] == 0


def test_alerting_rules_evaluate_on_real_data(pipeline: Pipeline) -> None:
    rules = pipeline.prometheus.api("rules")["data"]["groups"]
    health = {r["name"]: (r["health"], r.get("lastError", "")) for g in rules for r in g["rules"]}
    defined = {r["alert"] for g in yaml.safe_load(RULES.read_text("utf-8"))["groups"] for r in g["rules"]}
    assert set(health) == defined and all(h == "ok" for h, _ in health.values()), health
    alerts = pipeline.prometheus.api("alerts")["data"]["alerts"]
    firing = {
        (a["labels"]["alertname"], a["labels"].get("channel")) for a in alerts if a["state"] == "firing"
    }
    # The channel nobody answers pages at once, is declared down after 20 s and its notification
    # dead-lettered; nothing else is wrong with this pipeline.
    assert {
        ("WirewatchNotificationsFailing", "json"),
        ("WirewatchChannelDown", "notify-2"),
        ("WirewatchNotificationsDeadLettered", "json"),
    } == firing, firing


def test_probes_answer_on_the_metrics_port(pipeline: Pipeline) -> None:
    for name, port in pipeline.ports.items():
        status, body = probe(port, "/healthz")
        assert status == 200 and body["worker"] == name, body
        status, body = probe(port, "/readyz")
        assert status == 200 and body["ok"], body
    assert set(probe(pipeline.ports["processor"], "/readyz")[1]["checks"]) == {
        "loop",
        "broker",
        "partitions",
        "consumer",
    }


def dashboard_exprs() -> list[str]:
    def panels(items: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for panel in items:
            yield panel
            yield from panels(panel.get("panels", []))

    board = json.loads(DASHBOARD.read_text("utf-8"))
    return [t["expr"] for p in panels(board["panels"]) for t in p.get("targets", [])]


def test_dashboard_and_rules_query_only_exported_metrics(pipeline: Pipeline) -> None:
    exported: set[str] = set()
    for port in pipeline.ports.values():
        exported |= {name for name, _ in scrape(port)}
    assert "wirewatch_faust_total_rebalances" in exported
    exprs = dashboard_exprs()
    assert len(exprs) >= 30
    used = set().union(*(metric_names(e) for e in exprs))
    missing = used - exported - PROMETHEUS_OWN
    assert not missing, f"the dashboard queries metrics no worker exports: {sorted(missing)}"
    rules = yaml.safe_load(RULES.read_text("utf-8"))["groups"][0]["rules"]
    rule_names = set().union(*(metric_names(r["expr"]) for r in rules))
    assert not rule_names - exported - PROMETHEUS_OWN, sorted(rule_names - exported - PROMETHEUS_OWN)
    # And each query is PromQL this Prometheus accepts.
    for expr in exprs:
        pipeline.prometheus.query(expr.replace("$__rate_interval", "1m"))


def test_logs_are_json_lines_without_secrets(pipeline: Pipeline) -> None:
    for worker in pipeline.workers.values():
        err = worker.stderr()
        lines = err.split("\n")[:-1]
        assert lines, f"{worker.name} logged nothing"
        # One object per physical line, also for readers that split on Unicode line breaks.
        assert len(err.splitlines()) == len(lines)
        for line in lines:
            event = json.loads(line)
            assert {"ts", "level", "logger", "msg"} <= set(event), line
        assert PASSWORD not in err and PASSWORD not in worker.output(), worker.name


def test_workers_stop_cleanly(pipeline: Pipeline) -> None:
    codes = {name: worker.stop() for name, worker in pipeline.workers.items()}
    assert codes == dict.fromkeys(JOBS, 0), pipeline.logs()
    for worker in pipeline.workers.values():
        assert "Traceback" not in worker.stderr(), worker.stderr()[-3000:]
