"""An article's own dateline dates its time words when a feed or a crawl stamps it later."""

from datetime import UTC, date, datetime

import pytest

from wirewatch.core.analysis import Analyzer
from wirewatch.core.dateline import dateline_date, reference_time
from wirewatch.core.detect import Article


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thu Sep 5 2013 Car bomb kills four in a market", date(2013, 9, 5)),
        ("13-08-2013 Deadly blast hits a suburb", date(2013, 8, 13)),
        ("Posted on August 3 2013 by a correspondent", date(2013, 8, 3)),
        ("KIRKUK, Aug 3 2013 (Wire) - Rockets struck", date(2013, 8, 3)),
        ("الرياض 21 يوليو 2015 - أعلنت", None),  # a city before the date is only read in capitals
        ("21 يوليو 2015 الرياض - أعلنت", date(2015, 7, 21)),
        ("On 21 August 2013 the regime fired rockets", None),  # the date of what it tells
        ("In January 2020 Iran fired missiles", None),  # no day: not a dateline
        ("Rockets struck the base on Tuesday", None),
        ("Published June 1 2016 A total of 14 militants were killed", date(2016, 6, 1)),
        ("Last updated at Nov 272017 BEIRUT A push by government forces", date(2017, 11, 27)),
        ("Date of publication 26 October 2016 Warplanes struck a school", date(2016, 10, 26)),
        ("Updated: 8 April 2017 A bus bomb", date(2017, 4, 8)),
    ],
)
def test_the_date_an_article_opens_with(text: str, expected: date | None) -> None:
    assert dateline_date(text) == expected


def test_the_dateline_dates_the_time_words_of_an_article_stamped_days_later() -> None:
    stamped = datetime(2013, 8, 18, 12, 0, tzinfo=UTC)  # a crawl twelve days after
    text = (
        "Tue Aug 6 2013 A car bomb exploded on Tuesday in a market in Jaramana near Damascus, killing eight."
    )
    assert reference_time(text, stamped) == datetime(2013, 8, 6, 12, 0, tzinfo=UTC)
    out = Analyzer.create().analyze(
        Article("d", "Car bomb kills eight near Damascus", text, published=stamped)
    )
    assert out.attack is True and out.current.event_time is not None
    assert out.current.event_time.isoformat().startswith("2013-08-06")


def test_a_dateline_of_the_same_day_keeps_the_publication_time() -> None:
    published = datetime(2013, 8, 6, 21, 30, tzinfo=UTC)
    assert reference_time("Tue Aug 6 2013 Blast in Homs", published) == published
