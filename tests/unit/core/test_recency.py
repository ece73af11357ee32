from datetime import UTC, datetime, timedelta

import pytest

from wirewatch.core.recency import decide, find_time_refs
from wirewatch.core.text import tokens

TUESDAY = datetime(2021, 5, 4, 12, 0, tzinfo=UTC)


def norms(sentence: str) -> list[str]:
    return [t.norm for t in tokens(sentence)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("سقط صاروخان اليوم على القاعدة", "current"),
        ("استهدف هجوم أمس القاعدة", "current"),
        ("two rockets hit the base last night", "current"),
        ("rockets hit the base on Monday", "current"),  # yesterday for a Tuesday article
        ("rockets hit the base on Sunday", "current"),  # two days before: still the news
        ("rockets hit the base on Saturday", "past"),  # three days before
        ("وقعت هجمات السبت على القاعدة", "past"),
        ("وقعت هجمات أول أمس على القاعدة", "current"),
        ("the strike prompted US airstrikes two days later", None),  # counted from the strike
        ("updated 1954 rockets hit the base", None),  # a clock, not a year 67 years back
        ("one year ago this Tuesday rockets hit the base", "past"),  # the anniversary's weekday
        ("one year ago on Tuesday rockets hit the base", "past"),
        ("اشتباكات يومي الأحد والاثنين", "current"),  # Sunday and Monday: the Monday is yesterday
        ("since 1954 rockets hit the base", "past"),  # a year led by "since" is a year
        ("هجوم بطائرة مسيرة منتصف أبريل الماضي", "past"),
        ("in January 2020 Iran fired missiles", "past"),
        ("a drone attack last month", "past"),
        ("قبل ثلاثة أيام سقط صاروخ", "past"),
        ("three weeks ago a rocket hit", "past"),
        ("منذ خريف 2019", "past"),
        ("the attack on 3 May", "current"),
        ("the attack on 1 May", "past"),
        ("rockets hit the base", None),
        ("سقطت صواريخ ليل الجمعة على القاعدة", "past"),  # Friday night, four days back, not tonight
        ("سقطت صواريخ ليل السبت الأحد على القاعدة", "current"),  # into Sunday morning: two days
        ("سقطت صواريخ ليل السبت/الأحد على القاعدة", "current"),
        ("سقطت صواريخ ليل على القاعدة", "current"),
        ("the militia may strike again", None),  # "may" is not the month here
    ],
)
def test_time_words_relative_to_publication(sentence: str, expected: str | None) -> None:
    assert decide(find_time_refs(norms(sentence), TUESDAY)) == expected


def test_background_words_need_an_explicit_now_to_stay_current() -> None:
    refs = find_time_refs(norms("هجمات مماثلة الأحد والاثنين"), TUESDAY)
    assert decide(refs, background=True) == "past"
    refs = find_time_refs(norms("هجوم مماثل اليوم"), TUESDAY)
    assert decide(refs, background=True) == "current"


def test_without_publication_date_weekdays_say_nothing() -> None:
    assert decide(find_time_refs(norms("rockets hit the base on Sunday"), None)) is None
    assert decide(find_time_refs(norms("rockets hit the base last year"), None)) == "past"


def test_a_past_weekday_and_today_after_it_are_two_times() -> None:
    # "the attack that targeted the airport last Saturday, today Tuesday, the committee said":
    # the weekday dates the attack, "today" the committee; "six years ago today" stays one time.
    refs = find_time_refs(norms("الهجوم الذي استهدف المطار السبت الماضي، اليوم الثلاثاء"), TUESDAY)
    assert [(r.kind, r.text) for r in refs] == [
        ("past", "السبت الماضي"),
        ("current", "اليوم"),
        ("current", "الثلاثاء"),
    ]
    assert [r.kind for r in find_time_refs(norms("six years ago today rockets hit"), TUESDAY)] == ["past"]


def test_a_single_day_is_a_measure_not_today() -> None:
    assert find_time_refs(norms("تغطي الطائرة خمسين دونما في اليوم الواحد"), TUESDAY) == []


@pytest.mark.parametrize(
    ("published", "days"),
    [
        (datetime(2024, 1, 21, 8, 0, tzinfo=UTC), 27),  # a January story: last December's
        (datetime(2023, 12, 26, 8, 0, tzinfo=UTC), 1),  # the day after: yesterday
    ],
)
def test_a_fixed_holiday_names_its_last_day_before_publication(published: datetime, days: int) -> None:
    refs = find_time_refs(norms("On Christmas Day, a drone struck the airport"), published)
    assert [(r.text, r.days_ago) for r in refs] == [("christmas day", days)]


_SMALL_HOURS = datetime(2023, 11, 9, 1, 0, tzinfo=UTC)  # 4 a.m. in the region
_AFTERNOON = datetime(2023, 11, 9, 15, 0, tzinfo=UTC)
_EVENING_BEFORE = datetime(2023, 11, 8, 18, 0, tzinfo=UTC)  # 9 p.m. in the region, the day before


@pytest.mark.parametrize(
    ("sentence", "published", "when"),
    [
        # put out at 4 a.m. in the region: "this evening" is the evening that has ended
        ("U.S. forces this evening struck a depot", _SMALL_HOURS, _EVENING_BEFORE),
        ("سقطت صواريخ مساء اليوم على القاعدة", _SMALL_HOURS, _EVENING_BEFORE),
        # in the afternoon it is the evening to come, or the one of the day
        ("U.S. forces this evening struck a depot", _AFTERNOON, _AFTERNOON),
        # "today" is the day of publication at any hour
        ("سقطت صواريخ اليوم على القاعدة", _SMALL_HOURS, _SMALL_HOURS),
    ],
)
def test_an_evening_told_in_the_small_hours_is_the_day_before(
    sentence: str, published: datetime, when: datetime
) -> None:
    refs = find_time_refs(norms(sentence), published)
    assert [published - timedelta(days=r.days_ago) for r in refs if r.days_ago is not None] == [when]


def test_an_evening_told_just_after_midnight_still_follows_that_days_afternoon() -> None:
    """Published at 00:00 in the region, "this evening" is 9 p.m. the day before: three hours back,
    not twelve (which put it at noon, before the afternoon's attacks; replay's export order)."""
    published = datetime(2023, 11, 8, 21, 0, tzinfo=UTC)
    refs = find_time_refs(norms("Mortar rounds fell on Camp Taji this evening"), published)
    assert [r.days_ago for r in refs] == [3 / 24]


@pytest.mark.parametrize(
    ("published", "kind", "days"),
    [
        (datetime(2024, 2, 1, 16, 0, tzinfo=UTC), "past", 4.0),  # a Thursday: four days after Sunday
        (datetime(2024, 2, 5, 16, 0, tzinfo=UTC), "current", 1.0),  # a Monday: yesterday
    ],
)
def test_over_the_weekend_is_the_sunday_before(published: datetime, kind: str, days: float) -> None:
    refs = find_time_refs(norms("a drone killed three soldiers in Jordan over the weekend"), published)
    assert [(r.kind, r.days_ago) for r in refs] == [(kind, days)]


def test_a_date_to_come_is_no_time_of_the_news() -> None:
    # "he will release fixes against the attacks by 24 August", on 9 August
    published = datetime(2015, 8, 9, 12, 0, tzinfo=UTC)
    refs = find_time_refs(norms("سيطلق قواعد للتصدي للهجمات بحلول 24 أغسطس"), published)
    assert decide(refs) == "past"
    # a day ahead is the region's clock against the agency's: still today's news
    assert decide(find_time_refs(norms("rockets hit the base on August 10"), published)) == "current"


def test_the_past_decade_is_no_time_of_todays_news() -> None:
    refs = find_time_refs(
        norms("Israel has hit weapons shipments in Syria hundreds of times over the past decade"), TUESDAY
    )
    assert decide(refs) == "past"


@pytest.mark.parametrize(
    ("sentence", "days"),
    [
        ("بعد 470 يوما من الحرب", 470.0),  # from 11 on, the unit is an accusative singular
        ("منذ 15 عاماً", 15 * 365.0),
        ("قبل 11 شهرا", 330.0),
    ],
)
def test_a_count_from_eleven_takes_the_singular_unit(sentence: str, days: float) -> None:
    assert [(r.kind, r.days_ago) for r in find_time_refs(norms(sentence), TUESDAY)] == [("past", days)]


def test_an_age_is_no_time() -> None:
    # "a young man aged 33, over a video ...": "33 years on" would be a time
    assert find_time_refs(norms("شاب يبلغ من العمر 33 عاما على خلفية مقطع فيديو"), TUESDAY) == []


@pytest.mark.parametrize(
    "sentence", ["a drone hit the base last Thursday", "a drone hit the base this past Thursday"]
)
def test_last_thursday_told_on_a_thursday_is_a_week_back(sentence: str) -> None:
    thursday = datetime(2024, 2, 1, 16, 30, tzinfo=UTC)
    refs = find_time_refs(norms(sentence), thursday)
    assert [(r.kind, r.days_ago) for r in refs] == [("past", 7.0)]


def test_hours_before_another_event_are_not_hours_ago() -> None:
    """'غادروا المكان قبل ساعات من الإطلاق': hours before the launch (a week ago), not hours ago."""
    monday = datetime(2023, 11, 27, 12, 0, tzinfo=UTC)
    assert find_time_refs(norms("وغادر المنفذون المكان قبل ساعات من الإطلاق"), monday) == []
    assert [r.kind for r in find_time_refs(norms("سقطت الصواريخ قبل ساعات"), monday)] == ["current"]


def test_last_wednesday_told_on_a_thursday_is_the_week_before() -> None:
    """A wire writes 'on Wednesday' for the day before; 'last Wednesday' is the one before that."""
    thursday = datetime(2023, 10, 26, 6, 30, tzinfo=UTC)
    assert [
        r.days_ago for r in find_time_refs(norms("drones targeted the base last Wednesday"), thursday)
    ] == [8.0]
    assert [r.days_ago for r in find_time_refs(norms("a drone targeted Harir on Wednesday"), thursday)] == [
        1.0
    ]
    assert [r.days_ago for r in find_time_refs(norms("rockets hit the base last Monday"), thursday)] == [3.0]


@pytest.mark.parametrize(
    "sentence",
    [
        "rebels must leave Aleppo by Friday evening",
        "the ceasefire holds until Friday",
        "fighters are breaking the siege of the city",
    ],
)
def test_a_deadline_and_a_verb_are_no_time_of_an_attack(sentence: str) -> None:
    """'by Friday' is a deadline, 'breaking the siege' a verb: neither dates an attack (the
    BREAKING flag of a wire is 'Breaking: ...', followed by the news)."""
    wednesday = datetime(2016, 11, 30, 12, 0, tzinfo=UTC)
    assert find_time_refs(norms(sentence), wednesday) == []


def test_breaking_news_is_still_now() -> None:
    refs = find_time_refs(norms("Breaking: rockets hit the base"), datetime(2016, 11, 30, 12, 0, tzinfo=UTC))
    assert [r.kind for r in refs] == ["current"]
