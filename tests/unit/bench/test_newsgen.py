"""The benchmarks' article generator (bench/newsgen.py): deterministic, in the analyze contract, and
with the statistics of real news it claims. About the generator's properties, never about speed."""

from __future__ import annotations

import re
import statistics
import sys
from datetime import datetime
from pathlib import Path

import pytest

from wirewatch.commands.articles import article_from_dict
from wirewatch.core.lexicon import TERMS, default_lexicon
from wirewatch.core.scan import doc_words

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))

import newsgen

SAMPLE = 2000
WEAPONS = frozenset(label for label in TERMS if label.startswith("weapon:"))


@pytest.fixture(scope="module")
def sample() -> list[newsgen.Generated]:
    return newsgen.NewsGen(seed=7).labelled(SAMPLE)


def has_attack_word(article: dict[str, object]) -> bool:
    words, _ = doc_words(f"{article['title']}\n{article['text']}")
    return bool(default_lexicon().find(words, WEAPONS))


def test_same_seed_same_articles_other_seed_others() -> None:
    assert newsgen.generate(300, seed=3) == newsgen.generate(300, seed=3)
    assert newsgen.generate(300, seed=3) != newsgen.generate(300, seed=4)


def test_reports_of_an_event_do_not_depend_on_what_came_before() -> None:
    """bench_incidents interleaves reports with other news: a report is seeded by its event and number."""
    gen = newsgen.NewsGen(seed=5)
    event = gen.event(newsgen.DEFAULT_START)
    outlet = newsgen.OUTLETS["ar"][0]
    first = gen.report(event, newsgen.DEFAULT_START, "ar", outlet, number=2)
    gen.articles(50)
    assert gen.report(event, newsgen.DEFAULT_START, "ar", outlet, number=2) == first
    assert gen.report(event, newsgen.DEFAULT_START, "ar", outlet, number=3) != first


def test_every_article_has_the_contract_fields(sample: list[newsgen.Generated]) -> None:
    ids = set()
    for g in sample:
        a = g.article
        assert {"id", "url", "outlet", "title", "text", "published", "lang"} <= a.keys()
        assert all(isinstance(a[k], str) and a[k] for k in ("id", "url", "outlet", "title", "text", "lang"))
        assert a["lang"] in ("ar", "en")
        assert datetime.fromisoformat(a["published"]).tzinfo is not None
        assert a["url"].startswith("https://") and ".example/" in a["url"]
        if "categories" in a:
            assert isinstance(a["categories"], list) and all(isinstance(c, str) for c in a["categories"])
        assert "{" not in a["title"] + a["text"], "an unfilled slot"
        article_from_dict(a)  # the analyze contract accepts it
        ids.add(a["id"])
    assert len(ids) == len(sample)


def test_length_matches_real_news(sample: list[newsgen.Generated]) -> None:
    """SaudiNewsNet: median 1,258 characters of title and text, mean 1,760, p90 3,617, 4.7 % over 5,000."""
    lengths = sorted(len(g.article["title"]) + len(g.article["text"]) for g in sample)
    assert 1100 <= statistics.median(lengths) <= 1450
    assert 1500 <= statistics.fmean(lengths) <= 2050
    assert 2900 <= lengths[int(0.9 * len(lengths))] <= 4400
    assert 0.02 <= sum(1 for n in lengths if n > 5000) / len(lengths) <= 0.08
    assert lengths[0] >= 150 and lengths[-1] <= newsgen.LENGTH_MAX


def test_languages(sample: list[newsgen.Generated]) -> None:
    arabic = sum(1 for g in sample if g.article["lang"] == "ar") / len(sample)
    assert 0.55 <= arabic <= 0.65


def test_about_one_article_in_ten_has_an_attack_word_and_most_are_not_current_attacks(
    sample: list[newsgen.Generated],
) -> None:
    """SaudiNewsNet: 10.1 % of articles hold a weapon term of the lexicon."""
    with_word = [g for g in sample if has_attack_word(g.article)]
    current = [g for g in sample if g.kind == "current"]
    assert 0.075 <= len(with_word) / len(sample) <= 0.13
    assert 0.015 <= len(current) / len(sample) <= 0.045
    assert len([g for g in with_word if g.kind != "current"]) > 2 * len(current)
    assert len({g.kind for g in with_word}) >= 10  # trials, threats, denials, sport ... not one kind
    assert all(has_attack_word(g.article) for g in current)
    assert not any(has_attack_word(g.article) for g in sample if g.kind in ("ordinary", "look_twice"))


def test_current_reports_say_when_from_their_own_publication_date(sample: list[newsgen.Generated]) -> None:
    """ "Today", "yesterday" or the weekday of the publication (or of the day before), never another day."""
    time_words = ("اليوم", "أمس", "الليلة الماضية", "today", "yesterday", "overnight", "this morning", " on ")
    reports = [g for g in sample if g.kind == "current"]
    assert reports
    for g in reports:
        lead = g.article["text"].split("\n")[0]
        assert any(w in lead for w in time_words), lead
        weekday = datetime.fromisoformat(g.article["published"]).weekday()
        allowed = {newsgen.WEEKDAYS[weekday], newsgen.WEEKDAYS[(weekday - 1) % 7]}
        words = set(re.findall(r"\w+", lead))
        named = {day for day in newsgen.WEEKDAYS if day[0] in words or day[1] in words}
        assert named <= allowed, lead


def test_varied_sentences(sample: list[newsgen.Generated]) -> None:
    sentences = [s for g in sample for s in g.article["text"].replace("\n", " ").split(". ")]
    assert len(set(sentences)) > 0.3 * len(sentences)
