"""What the demo expected and what it got: for each item that should alert, its alert or the stage
where it stopped.

The stages, in the order an item passes them: fetched (on ``articles.v1``), an attack (an attack
report on ``attack-reports.v2``), routed (a notification on ``notifications.v1`` whose incident holds
the article), delivered (a delivery record on ``deliveries.v1``), received (the demo's webhook got
an alert holding it). ``judge`` is pure: records in, outcomes out. ``read_pipeline`` reads the
topics; ``lines`` words the report for the terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from wirewatch.config import Settings
from wirewatch.core.alerting import Notice
from wirewatch.logs import for_terminal
from wirewatch.testing.demo import DemoItem
from wirewatch.topics.records import ArticleRecord, AttackReport, DeliveryRecord

RECEIVED = "alerted"
NOT_FETCHED = "not fetched"
NOT_AN_ATTACK = "fetched, not an attack"
NOT_ROUTED = "an attack, not routed"
NOT_DELIVERED = "routed, not delivered"
NOT_RECEIVED = "delivered, not received"


@dataclass(frozen=True)
class Pipeline:
    """What the stages wrote, read back from their topics."""

    articles: Sequence[ArticleRecord] = ()
    reports: Sequence[AttackReport] = ()
    notices: Sequence[Notice] = ()
    deliveries: Sequence[DeliveryRecord] = ()


@dataclass(frozen=True)
class Outcome:
    item: DemoItem
    stage: str  # RECEIVED, or the first stage the item did not pass
    detail: str  # the alert's title, or why it stopped there

    def as_dict(self) -> dict[str, str]:
        return {"item": self.item.name, "stage": self.stage, "detail": self.detail}


def holds(alert: dict[str, Any], item: DemoItem) -> bool:
    """Whether a received alert (wirewatch's webhook payload) has the item among its reports."""
    return any((r.get("url") or "").endswith(item.path()) for r in alert.get("reports") or ())


def received(item: DemoItem, alerts: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """The first alert that holds the item: its own, or the update it brought about."""
    return next((a for a in alerts if holds(a, item)), None)


def unexpected(alerts: Sequence[dict[str, Any]], expected: Sequence[DemoItem]) -> list[dict[str, Any]]:
    """Alerts that hold none of the expected items (the end marker's among them: leave it out first)."""
    return [a for a in alerts if not any(holds(a, i) for i in expected)]


def judge(
    item: DemoItem,
    alerts: Sequence[dict[str, Any]],
    pipeline: Pipeline,
    why_not: Callable[[ArticleRecord], str],
) -> Outcome:
    """Where the item is: its alert, or the first stage it did not pass and why."""
    alert = received(item, alerts)
    if alert is not None:
        return Outcome(item, RECEIVED, str(alert.get("title", "")))
    article = next((a for a in pipeline.articles if a.url.endswith(item.path())), None)
    if article is None:
        return Outcome(item, NOT_FETCHED, "the poller never published it to articles.v1")
    report = next((r for r in pipeline.reports if r.facts.article_id == article.id), None)
    if report is None:
        return Outcome(item, NOT_AN_ATTACK, why_not(article))
    notices = [
        n for n in pipeline.notices if n.incident and article.id in {r.article_id for r in n.incident.reports}
    ]
    if not notices:
        places = ", ".join(p.id for p in report.facts.places) or "none found"
        return Outcome(
            item,
            NOT_ROUTED,
            f"the processor reported an attack (places: {places}); the alerter decided no notification "
            "for its incident (no watched entry hit, silenced, or held as an update)",
        )
    outcomes = {d.key: d for d in pipeline.deliveries}
    delivered = [n for n in notices if n.key in outcomes and outcomes[n.key].status == "delivered"]
    if not delivered:
        states = [
            f"{n.channel}: {outcomes[n.key].detail if n.key in outcomes else 'still being tried'}"
            for n in notices
        ]
        return Outcome(item, NOT_DELIVERED, "; ".join(states))
    return Outcome(
        item,
        NOT_RECEIVED,
        f"delivered to {', '.join(sorted({n.channel for n in delivered}))}, but the demo's webhook "
        "receiver has no alert holding it",
    )


def lines(
    outcomes: Sequence[Outcome], alerts: Sequence[dict[str, Any]], extra: Sequence[dict[str, Any]]
) -> list[str]:
    """The report for the terminal: expected, got, and where each missing item stopped."""
    got = sum(o.stage == RECEIVED for o in outcomes)
    out = [
        f"expected alerts for {len(outcomes)} items, got {got} of them "
        f"({len(alerts)} alert{'s' if len(alerts) != 1 else ''} received):"
    ]
    for o in outcomes:
        mark = "✓" if o.stage == RECEIVED else "✗"
        said = f'alert "{o.detail}"' if o.stage == RECEIVED else f"{o.stage}: {o.detail}"
        out.append(f"  {mark} {o.item.name}: {for_terminal(said)}")
    for alert in extra:
        out.append(f"  ✗ unexpected alert: {for_terminal(str(alert.get('title', '')))}")
    return out


def read_pipeline(settings: Settings) -> Pipeline:
    """Every record the stages wrote so far (the topics are read from their start to their end)."""
    from wirewatch.topics import ARTICLES, ATTACK_REPORTS, DELIVERIES, NOTIFICATIONS
    from wirewatch.topics.codec import decode
    from wirewatch.topics.reader import read_compacted
    from wirewatch.topics.records import NotificationRecord, report_or_mark

    def records(spec: Any, model: Any) -> list[Any]:
        return [decode(v, model) for _, v, _ in read_compacted(settings, spec) if v is not None]

    return Pipeline(
        articles=records(ARTICLES, ArticleRecord),
        reports=[
            r
            for _, v, _ in read_compacted(settings, ATTACK_REPORTS)
            if v is not None and isinstance(r := report_or_mark(v), AttackReport)
        ],
        notices=[n.notice for n in records(NOTIFICATIONS, NotificationRecord)],
        deliveries=records(DELIVERIES, DeliveryRecord),
    )
