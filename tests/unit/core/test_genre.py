"""Genre from the outlet's own signs: sections in the address and the feed, headline labels."""

from datetime import UTC, datetime

import pytest

from wirewatch.core.analysis import Analyzer
from wirewatch.core.detect import Article
from wirewatch.core.genre import genre

PUBLISHED = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("title", "url", "categories", "kind"),
    [
        ("x", "https://news.example.org/Articles/Detail.aspx?ArticleId=26949", (), "opinion"),
        ("x", "https://news.example.org/Politics/News_Detail.aspx?ArticleID=23", (), "news"),
        ("x", "https://example.org/opinion/articles/1234", (), "opinion"),
        ("x", "https://example.org/sports/a/55", (), "sport"),
        ("x", "https://example.org/culture/shots/9", (), "feature"),
        # the headline's own words in the slug say nothing of the section
        ("x", "https://example.org/home/article/4107/تحليل-الوضع-الأمني-في-الأنبار", (), "news"),
        ("x", "", ("رأي",), "opinion"),
        ("x", "", ("World News", "Iraq"), "news"),
        ("Analysis: why the rockets keep falling on Erbil", "", (), "opinion"),
        ("تحليل: لماذا تتكرر الهجمات على القواعد", "", (), "opinion"),
    ],
)
def test_the_kind_of_piece(title: str, url: str, categories: tuple[str, ...], kind: str) -> None:
    assert genre(title, url, categories) == kind


def test_an_undated_attack_in_an_opinion_piece_is_not_news_but_a_dated_one_is() -> None:
    analyzer = Analyzer.create()
    column = "https://news.example.org/opinion/columns/1"
    undated = Article(
        "o1",
        "The militias and the state",
        "Rockets hit the Green Zone in Baghdad, and nobody asks who fires them.",
        url=column,
        published=PUBLISHED,
    )
    dated = Article(
        "o2",
        "The militias and the state",
        "Rockets hit the Green Zone in Baghdad this morning, killing two guards.",
        url=column,
        published=PUBLISHED,
    )
    assert analyzer.analyze(undated).attack is False
    assert analyzer.analyze(dated).attack is True


def test_an_undated_mention_with_no_place_and_no_figure_is_attacks_in_general() -> None:
    analyzer = Analyzer.create()
    general = Article(
        "g", "Terrorism targets mosques", "The bombing of worshippers in their mosques is a crime."
    )
    specific = Article("s", "Car bomb kills four at a market in Ramadi", "")
    assert analyzer.analyze(general).attack is False
    assert analyzer.analyze(specific).attack is True


@pytest.mark.parametrize(
    ("title", "attack"),
    [
        ("جابت مسيرة حاشدة شوارع صنعاء اليوم وأصيب ثلاثة من المشاركين في تدافع", False),  # a march
        ("أصيب مراسل قناة المسيرة في صنعاء اليوم", False),  # the al-Masira channel
        ("أسقطت الدفاعات الجوية طائرة مسيرة مفخخة قرب أربيل اليوم", True),  # a drone
        ("Dock workers strike hit Basra port on Tuesday over unpaid wages", False),  # a walk-out
        ("A US air strike hit an ammunition depot near al-Qaim on Tuesday", True),
        ("A shark attack injured a swimmer off the coast of Aqaba on Tuesday", False),
        ("انفجر صاروخ يحمل قمرا صناعيا بعد إطلاقه اليوم", False),  # a space rocket
        ("نصبت الشرطة كمينا استهدف عصابة سرقة في الرياض اليوم وألقت القبض على أفرادها", False),  # a trap
    ],
)
def test_a_word_with_two_senses_is_read_by_its_neighbours(title: str, attack: bool) -> None:
    out = Analyzer.create().analyze(Article("s", title, "", published=PUBLISHED))
    assert out.attack is attack, out


@pytest.mark.parametrize(
    "title",
    [
        "ماذا يعني عسكريا استمرار إطلاق الصواريخ من غزة",
        "What does the drone strike on Tower 22 mean for US policy?",
    ],
)
def test_a_headline_asking_what_something_means_explains_it(title: str) -> None:
    assert genre(title) == "feature"
    assert genre("ماذا حدث في عين الأسد الليلة") == "news"  # "what happened" asks for the news
