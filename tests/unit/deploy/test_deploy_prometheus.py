"""deploy/prometheus checked with promtool (Debian's prometheus 2.42): configs, rules, rule unit tests.

promtool missing fails these tests: `make prometheus-fetch` (part of `make test`) unpacks it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from wirewatch.config import Settings

ROOT = Path(__file__).resolve().parents[3]
PROM = ROOT / "deploy" / "prometheus"
sys.path.insert(0, str(PROM))

from prom import tool  # noqa: E402

CONFIGS = [PROM / "prometheus.yml", PROM / "prometheus-k8s.yml"]
RULES = PROM / "rules" / "wirewatch.rules.yml"
RULE_TESTS = PROM / "tests" / "wirewatch.rules.test.yml"
JOBS = {"wirewatch-poller": "poller", "wirewatch-processor": "processor", "wirewatch-alerter": "alerter"}


def promtool(*args: str) -> str:
    done = subprocess.run([tool("promtool"), *args], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, f"promtool {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def alerting_rules() -> list[dict[str, Any]]:
    groups = yaml.safe_load(RULES.read_text("utf-8"))["groups"]
    return [rule for group in groups for rule in group["rules"] if "alert" in rule]


@pytest.mark.parametrize("config", CONFIGS, ids=lambda p: p.name)
def test_promtool_checks_the_scrape_configuration(config: Path) -> None:
    out = promtool("check", "config", str(config))
    assert "SUCCESS: 11 rules found" in out  # the rules the configuration loads were checked too


def test_promtool_checks_the_rules() -> None:
    assert "SUCCESS: 11 rules found" in promtool("check", "rules", str(RULES))


def test_promtool_unit_tests_of_the_rules_pass() -> None:
    assert "SUCCESS" in promtool("test", "rules", str(RULE_TESTS))


def test_every_alert_has_a_runbook_a_severity_and_tests_both_ways() -> None:
    rules = alerting_rules()
    names = [r["alert"] for r in rules]
    assert len(names) == len(set(names)) == 11
    cases: dict[str, dict[str, int]] = {name: {"fires": 0, "quiet": 0} for name in names}
    for test in yaml.safe_load(RULE_TESTS.read_text("utf-8"))["tests"]:
        for check in test.get("alert_rule_test", []):
            cases[check["alertname"]]["fires" if check["exp_alerts"] else "quiet"] += 1
    for rule in rules:
        annotations = rule["annotations"]
        assert len(annotations.get("runbook", "")) > 40, rule["alert"]
        assert annotations.get("summary") and annotations.get("description"), rule["alert"]
        assert rule["labels"]["severity"] in ("page", "ticket"), rule["alert"]
        assert cases[rule["alert"]]["fires"] >= 1, f"{rule['alert']} has no test where it fires"
        assert cases[rule["alert"]]["quiet"] >= 1, f"{rule['alert']} has no test where it must stay quiet"


def test_the_issue_asks_for_these_alerts() -> None:
    exprs = {r["alert"]: r["expr"] for r in alerting_rules()}
    assert "wirewatch_articles_published_total" in exprs["WirewatchNoArticles"]
    assert "wirewatch_consumer_lag_messages" in exprs["WirewatchConsumerLagGrowing"]
    assert 'wirewatch_feeds{condition="broken"}' in exprs["WirewatchFeedsBroken"]
    assert 'wirewatch_notifications_total{outcome="failed"}' in exprs["WirewatchNotificationsFailing"]
    assert "wirewatch_notifications_dead_lettered_total" in exprs["WirewatchNotificationsDeadLettered"]
    assert "up{" in exprs["WirewatchWorkerDown"]


@pytest.mark.parametrize("config", CONFIGS, ids=lambda p: p.name)
def test_scrape_jobs_are_the_ones_rules_and_dashboard_use(config: Path) -> None:
    jobs = {job["job_name"]: job for job in yaml.safe_load(config.read_text("utf-8"))["scrape_configs"]}
    assert set(JOBS) <= set(jobs)
    defaults = Settings.model_fields
    for job, worker in JOBS.items():
        (sd,) = jobs[job]["dns_sd_configs"]
        assert sd["port"] == defaults[f"{worker}_metrics_port"].default, job


@pytest.mark.parametrize("config", CONFIGS, ids=lambda p: p.name)
def test_the_web_pages_are_scraped_on_their_own_port_and_paged_on(config: Path) -> None:
    jobs = {job["job_name"]: job for job in yaml.safe_load(config.read_text("utf-8"))["scrape_configs"]}
    (sd,) = jobs["wirewatch-web"]["dns_sd_configs"]
    assert sd["port"] == Settings.model_fields["web_port"].default
    exprs = {r["alert"]: r["expr"] for r in alerting_rules()}
    assert "web" in exprs["WirewatchWorkerDown"] and 'job="wirewatch-web"' in exprs["WirewatchStageMissing"]
