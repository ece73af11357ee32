"""Page furniture ("Related" lists, "Read also" lines) is not part of the article it follows."""

from datetime import UTC, datetime

import pytest

from wirewatch.core.analysis import Analyzer
from wirewatch.core.detect import Article
from wirewatch.core.furniture import without_furniture
from wirewatch.core.watch import WatchEntry

STORY = (
    "Coalition air strikes killed 30 militants near Tabqa in northern Syria on Saturday night, a news agency "
    "said. The offensive on the province's rural areas began on Friday."
)
FOOTER = (
    " ... 52 Related Army Retakes Villages Near Deir ez-Zor Airbase Coalition Strikes Kill 9 Militants "
    "Near Iraqi Sinjar Tags militants Syria Comment via Facebook"
)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (STORY + FOOTER, STORY + " ..."),  # a flattened page's footer list
        (STORY + " Source: agencies Related News Strikes kill 12 in Mosul", STORY + " Source: agencies "),
        # an inline line of another story, in an Arabic page: the line goes, the story stays
        (
            "سقطت ثلاث قذائف هاون على حي سكني.\nاقرأ أيضا: غارة على قرية قرب سنجار\nوأفاد مصدر بإصابة شخصين.",
            "سقطت ثلاث قذائف هاون على حي سكني.\n\nوأفاد مصدر بإصابة شخصين.",
        ),
        ("Read more: Drone strikes a convoy near Erbil\n" + STORY, "\n" + STORY),
        # an early list in a flattened page is followed by the story: nothing can be cut
        ("Print Tweet Views 371 Related Jets strike Raqqa A car bomb killed 45 in Homs on Tuesday", None),
        ("The talks related to the base's future resumed on Monday.", None),  # the word, not a list
    ],
)
def test_furniture_is_cut_from_its_marker_to_the_end_of_its_paragraph(text: str, kept: str | None) -> None:
    assert without_furniture(text) == (text if kept is None else kept)


def test_a_strike_in_a_related_headline_is_not_the_articles_target() -> None:
    analyzer = Analyzer.create((WatchEntry("nineveh", "region", ("Nineveh", "نينوى")),))
    published = datetime(2017, 4, 16, 12, 0, tzinfo=UTC)
    out = analyzer.analyze(
        Article(
            "f", "Coalition strikes kill 30 militants in northern Syria", STORY + FOOTER, published=published
        )
    )
    assert out.attack is True
    assert out.current.watch_hits == () and "IQ-NI/sinjar" not in [p.id for p in out.current.places]
