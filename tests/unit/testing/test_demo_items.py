"""Every demo item gives its ``expect`` whatever day the demo runs on (no Kafka).

The demo feeds are rendered as they would be served, read by the poller's parser, and analyzed
with the demo watchlist, as if the demo started on each weekday and around midnight UTC. An
item that says "on Wednesday" would be an old attack on five days of seven: this test is what
catches it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from wirewatch.alerts.watchlist import analyzer_for
from wirewatch.core.analysis import analyze_batch
from wirewatch.core.detect import Article
from wirewatch.explain import reasons
from wirewatch.poller.articles import new_articles
from wirewatch.poller.parse import parse_feed
from wirewatch.testing.demo import ITEMS_FILE, DemoFeeds, DemoSpec
from wirewatch.topics.records import FeedRecord

SPEC = DemoSpec.load()
ANALYZER = analyzer_for(ITEMS_FILE.parent / "watchlist.yaml")
BASE = "http://127.0.0.1:8000"

# A demo start on each weekday (2026-12-07 is a Monday), and starts whose alert items are
# published across midnight UTC, one of them across a year's end.
MIDDAY = [datetime(2026, 12, 7, 10, 30, tzinfo=UTC) + timedelta(days=d) for d in range(7)]
MIDNIGHTS = [
    datetime(2026, 12, 9, tzinfo=UTC) + timedelta(seconds=s)  # Wednesday 00:00
    for s in (-30, 50, 61, 210)
] + [datetime(2027, 1, 1, tzinfo=UTC) + timedelta(seconds=s) for s in (-30, 61)]


def served_articles(started: datetime) -> dict[str, dict]:
    """The analysis of every demo item and the end marker, as the pipeline would see them a minute
    after start."""
    feeds = DemoFeeds(SPEC, BASE, started, clock=lambda: started + timedelta(minutes=1))
    feeds.show(SPEC.marker)
    articles, slugs = [], {}
    for name, feed in SPEC.feeds.items():
        document = feeds.document(f"/feeds/{name}.xml")
        assert document is not None
        parsed = parse_feed(document.body, {"content-type": document.content_type})
        assert parsed.error is None, parsed.error
        record = FeedRecord(url=f"{BASE}/feeds/{name}.xml", outlet=feed["title"], lang=feed["lang"])
        records, _ = new_articles(record, parsed, None, started + timedelta(minutes=1))
        for r in records:
            articles.append(r.to_article())
            slugs[r.id] = (name, r.url.rsplit("/", 1)[-1])
    results = analyze_batch(articles, ANALYZER)
    return {slugs[r.id]: r for r in results}


@pytest.mark.parametrize("started", MIDDAY + MIDNIGHTS, ids=lambda d: d.strftime("%a-%Y%m%dT%H%M%S"))
def test_every_demo_item_gives_its_expectation_on_any_day(started: datetime) -> None:
    results = served_articles(started)
    assert len(results) == len(SPEC.items) + 1
    wrong = []
    for item in [*SPEC.items, SPEC.marker]:
        r = results[(item.feed, item.slug)]
        alerts = bool(r.attack and r.current.watch_hits)
        if alerts != (item.expect == "alert"):
            reasons = [a.recency_reason for a in r.current.attacks + r.references]
            wrong.append(
                f"{item.feed}/{item.slug}: expected {item.expect}, got {r.attack=} {r.current.watch_hits=} {reasons}"
            )
    assert not wrong, "\n".join(wrong)
    # The Arabic report and the English one are one incident: the demo's "corroborated" update.
    incidents = {results[(i.feed, i.slug)].incident for i in SPEC.items if i.expect == "alert"}
    assert len(incidents) == 1 and None not in incidents
    # The end marker is an incident of its own: an alert, not an update of the demo's attack.
    assert results[(SPEC.marker.feed, SPEC.marker.slug)].incident not in incidents


def test_the_publication_weekday_is_what_fills_the_placeholder() -> None:
    item = next(i for i in SPEC.items if i.expect == "alert" and "{weekday}" in i.text)
    assert "Saturday" in item.text_at(datetime(2026, 12, 5, 23, 59, tzinfo=UTC))
    assert "Sunday" in item.text_at(datetime(2026, 12, 6, 0, 1, tzinfo=UTC))


def test_the_reasons_the_demo_report_gives_for_an_old_weekday() -> None:
    """What the demo says when the English item stops at "not an attack": the old wording, read on
    a Saturday, is a late report of a three-day-old attack, and the reason names the weekday."""
    item = next(i for i in SPEC.items if i.expect == "alert" and "{weekday}" in i.text)
    saturday = datetime(2026, 12, 5, 10, 0, tzinfo=UTC)
    old = Article(
        "a-1", item.title, item.text.replace("{weekday}", "Wednesday"), published=saturday, lang="en"
    )
    said = reasons(old, ANALYZER)
    assert any("a LATE REPORT" in r and "3 days before publication (wednesday)" in r for r in said), said
    assert not any("CURRENT" in r for r in said), said
    now = Article("a-1", item.title, item.text_at(saturday), published=saturday, lang="en")
    assert any("counted as a CURRENT attack" in r for r in reasons(now, ANALYZER))
