"""The demo's report names, for each expected item, its alert or the stage where it stopped (no Kafka)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.factories import facts, incident
from wirewatch.core.alerting import Notice
from wirewatch.testing.demo import DemoItem
from wirewatch.testing.demo_report import (
    NOT_AN_ATTACK,
    NOT_DELIVERED,
    NOT_FETCHED,
    NOT_RECEIVED,
    NOT_ROUTED,
    RECEIVED,
    Pipeline,
    judge,
    lines,
    unexpected,
)
from wirewatch.topics.records import ArticleRecord, AttackReport, DeliveryRecord

T0 = datetime(2027, 1, 1, 0, 0, 30, tzinfo=UTC)
BASE = "http://127.0.0.1:8000"
ITEM = DemoItem("english-wire", "rockets", 20, 1, "alert", "Rockets hit Ain al-Asad", "Two rockets …")
OTHER = DemoItem("local-news", "dust-storm", 0, 200, "none", "Dust storm", "A dust storm …")
ARTICLE = ArticleRecord(
    id="a-1",
    url=f"{BASE}{ITEM.path()}",
    feed_url=f"{BASE}/feeds/english-wire.xml",
    outlet="Demo Wire English",
    title=ITEM.title,
    text=ITEM.text,
    published=T0,
    fetched_at=T0,
)
REPORT = AttackReport(country="IQ", facts=facts("a-1", "Demo Wire English", T0), detected_at=T0)
INCIDENT, _ = incident(REPORT.facts)


def notice(channel: str) -> Notice:
    return Notice(
        key=f"{INCIDENT.id}:1:{channel}:new",
        kind="new",
        channel=channel,
        severity="high",
        incident=INCIDENT,
        created_at=T0,
    )


def delivery(channel: str, status: str, detail: str = "") -> DeliveryRecord:
    return DeliveryRecord(
        key=notice(channel).key, channel=channel, status=status, attempts=3, at=T0, detail=detail
    )


def alert(title: str, *items: DemoItem) -> dict:
    return {"title": title, "reports": [{"url": f"{BASE}{i.path()}"} for i in items]}


def why_not(article: ArticleRecord) -> str:
    return f"sentence 1: a reference to an EARLIER attack (explained {article.id})"


@pytest.mark.parametrize(
    ("alerts", "pipeline", "stage", "detail"),
    [
        ([alert("UPDATE: Rocket attack", OTHER, ITEM)], Pipeline(), RECEIVED, "UPDATE: Rocket attack"),
        ([alert("Dust", OTHER)], Pipeline(), NOT_FETCHED, "never published it to articles.v1"),
        ([], Pipeline(articles=[ARTICLE]), NOT_AN_ATTACK, "EARLIER attack (explained a-1)"),
        ([], Pipeline(articles=[ARTICLE], reports=[REPORT]), NOT_ROUTED, "(places: ain-al-asad)"),
        (
            [],
            Pipeline([ARTICLE], [REPORT], [notice("demo-webhook"), notice("demo-mail")]),
            NOT_DELIVERED,
            "demo-webhook: still being tried; demo-mail: still being tried",
        ),
        (
            [],
            Pipeline(
                [ARTICLE],
                [REPORT],
                [notice("demo-webhook")],
                [delivery("demo-webhook", "dead_lettered", "failed after 3 attempts: HTTP 500")],
            ),
            NOT_DELIVERED,
            "demo-webhook: failed after 3 attempts: HTTP 500",
        ),
        (
            [],
            Pipeline([ARTICLE], [REPORT], [notice("demo-webhook")], [delivery("demo-webhook", "delivered")]),
            NOT_RECEIVED,
            "delivered to demo-webhook",
        ),
    ],
    ids=["received", "not-fetched", "not-an-attack", "not-routed", "pending", "dead-lettered", "lost"],
)
def test_each_stage_where_an_item_can_stop(alerts, pipeline, stage, detail) -> None:
    outcome = judge(ITEM, alerts, pipeline, why_not)
    assert outcome.stage == stage and detail in outcome.detail, outcome


def test_the_report_says_expected_got_and_what_else_came() -> None:
    alerts = [alert("Rocket attack: Ain al-Asad", ITEM), alert("Dust \x1b[2J storm", OTHER)]
    missing = DemoItem("arabic-wire", "rockets", 8, 3, "alert", "صواريخ", "…")
    outcomes = [judge(i, alerts, Pipeline(), why_not) for i in (ITEM, missing)]
    extra = unexpected(alerts, [ITEM, missing])
    assert lines(outcomes, alerts, extra) == [
        "expected alerts for 2 items, got 1 of them (2 alerts received):",
        '  ✓ english-wire/rockets: alert "Rocket attack: Ain al-Asad"',
        "  ✗ arabic-wire/rockets: not fetched: the poller never published it to articles.v1",
        "  ✗ unexpected alert: Dust \\u001b[2J storm",  # made inert for the terminal
    ]
