"""Late reports: an attack first told days after it happened is reported with its date, apart.

Paraphrased from real reporting: a Monday story on a car bomb "on Friday evening", a Friday
story on a shooting "on Tuesday". Two days back ("on Saturday" in a Monday paper, "the day before
yesterday") is still the current news, as readers of real streams call it. They are news to an analyst who has not heard of them; the
alert policy (the freshness budget) decides whether they page or go to a digest.
"""

from datetime import UTC, datetime

import pytest

from wirewatch.core.analysis import Analyzer, analyze_batch
from wirewatch.core.detect import Article
from wirewatch.core.watch import WatchEntry

MONDAY = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
WATCH = (WatchEntry("anbar", "region", ("Anbar", "الأنبار")),)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer.create(WATCH)


def run(analyzer: Analyzer, title: str, text: str = "") -> dict:
    return analyzer.analyze(Article("l", title, text, published=MONDAY)).record()


@pytest.mark.parametrize(
    "title",
    [
        "A car bomb exploded at a market in Ramadi on Friday evening, killing four people",
        "انفجار سيارة مفخخة في سوق بالرمادي مساء الجمعة أسفر عن مقتل أربعة أشخاص",
    ],
)
def test_an_attack_three_to_seven_days_old_told_as_the_news_is_a_late_report(
    analyzer: Analyzer, title: str
) -> None:
    out = run(analyzer, title)
    assert out["attack"] is False and out["watch_hits"] == []  # "attack" stays a current attack
    assert out["late_report"] is True
    late = out["late"]
    assert late["watch_hits"] == ["anbar"] and late["attack_types"] == ["ied"]
    assert late["event_time"].startswith("2026-11-20")  # Friday, three days before Monday
    assert late["event_dated"] is True  # the text gives the day, the incident stage may rely on it


@pytest.mark.parametrize(
    "title",
    [
        "A car bomb exploded at a market in Ramadi on Saturday evening, killing four people",
        "انفجار سيارة مفخخة في سوق بالرمادي أول أمس أسفر عن مقتل أربعة أشخاص",
    ],
)
def test_an_attack_two_days_old_is_still_current(analyzer: Analyzer, title: str) -> None:
    out = run(analyzer, title)
    assert out["attack"] is True and out["late_report"] is False and out["watch_hits"] == ["anbar"]


def test_a_recent_attack_is_current_and_not_late(analyzer: Analyzer) -> None:
    out = run(analyzer, "A car bomb exploded at a market in Ramadi on Monday morning, killing four people")
    assert out["attack"] is True and out["late_report"] is False and out["late"] is None


def test_an_old_attack_recalled_below_the_lead_is_a_reference_not_a_late_report(analyzer: Analyzer) -> None:
    out = run(
        analyzer,
        "Ramadi market reopens after repairs",
        "Shops in the central market of Ramadi opened again on Monday. Traders said business was slow. "
        "The city's markets have been quiet for months. A car bomb exploded at the market on Friday, "
        "killing four people.",
    )
    assert out["attack"] is False and out["late_report"] is False


def test_a_condolence_visit_days_later_is_neither(analyzer: Analyzer) -> None:
    out = run(
        analyzer,
        "Governor visits the wounded of Friday's Ramadi car bomb",
        "The governor of Anbar visited the wounded of the car bomb that exploded on Friday evening.",
    )
    assert out["attack"] is False and out["late_report"] is False


def test_late_reports_join_the_incident_of_the_attack_they_tell(analyzer: Analyzer) -> None:
    same_day = Article(
        "a",
        "A car bomb exploded at a market in Ramadi, killing four people",
        "",
        published=datetime(2026, 11, 20, 19, 0, tzinfo=UTC),
    )
    later = Article(
        "b",
        "A car bomb exploded at a market in Ramadi on Friday evening, killing four people",
        "",
        published=MONDAY,
    )
    first, second = analyze_batch([same_day, later], analyzer)
    assert first.attack is True and second.late_report is True
    assert first.incident is not None and second.incident == first.incident


def test_the_processor_reports_a_late_report_with_its_date_and_mark(analyzer: Analyzer) -> None:
    from prometheus_client import CollectorRegistry

    from wirewatch.metrics import Metrics
    from wirewatch.topics.codec import encode
    from wirewatch.topics.records import ArticleRecord
    from wirewatch.workers.processor import report_for

    record = ArticleRecord(
        id="l-1",
        url="https://example.org/l-1",
        feed_url="https://example.org/feed",
        outlet="Example",
        title="A car bomb exploded at a market in Ramadi on Friday evening, killing four people",
        text="",
        published=MONDAY,
        fetched_at=MONDAY,
    )
    report = report_for(encode(record), analyzer, MONDAY, Metrics.create(CollectorRegistry()))
    assert report is not None and report.facts.late is True
    assert report.facts.event_time.date().isoformat() == "2026-11-20"
    assert report.country == "IQ" and [p.id for p in report.facts.places] == ["IQ-AN/ramadi"]
