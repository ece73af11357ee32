"""Towns where attacks happen resolve to the watched region around them, table-driven.

District and subdistrict towns of Iraq and Syria that reports name alone ("a roadside bomb in
Hit", "near Balad", "in al-Susah"): each row is one town in a one-line report, and the report
must hit the governorate the town is in.
"""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from wirewatch.alerts.watchlist import analyzer_for
from wirewatch.core.analysis import Analyzer
from wirewatch.core.detect import Article

WATCHLIST = Path(__file__).resolve().parents[1] / "eval" / "watchlist.yaml"
PUBLISHED = datetime(2024, 1, 10, 12, 0, tzinfo=UTC)
TOWNS = [
    ("Ramadi", "anbar"),
    ("Fallujah", "anbar"),
    ("Haditha", "anbar"),
    ("Hit", "anbar"),
    ("Rutba", "anbar"),
    ("Rawa", "anbar"),
    ("Anah", "anbar"),
    ("al-Qaim", "anbar"),
    ("Akashat", "anbar"),
    ("Khan al-Baghdadi", "anbar"),
    ("Habbaniyah", "anbar"),
    ("Amiriyat al-Fallujah", "anbar"),
    ("Karma", "anbar"),
    ("Saqlawiyah", "anbar"),
    ("Heet", "anbar"),
    ("Husaybah", "anbar"),
    ("Nukhaib", "anbar"),
    ("Mosul", "nineveh"),
    ("Tal Afar", "nineveh"),
    ("Sinjar", "nineveh"),
    ("Qayyarah", "nineveh"),
    ("Hammam al-Alil", "nineveh"),
    ("Bartella", "nineveh"),
    ("Makhmour", "nineveh"),
    ("Baaj", "nineveh"),
    ("Rabia", "nineveh"),
    ("Zummar", "nineveh"),
    ("Tikrit", "salah-al-din"),
    ("Samarra", "salah-al-din"),
    ("Baiji", "salah-al-din"),
    ("Balad", "salah-al-din"),
    ("Tuz Khurmatu", "salah-al-din"),
    ("al-Dour", "salah-al-din"),
    ("Dujail", "salah-al-din"),
    ("Ishaqi", "salah-al-din"),
    ("Mutaibija", "salah-al-din"),
    ("Yathrib", "salah-al-din"),
    ("Baquba", "diyala"),
    ("Muqdadiya", "diyala"),
    ("Khanaqin", "diyala"),
    ("Jalawla", "diyala"),
    ("Balad Ruz", "diyala"),
    ("Mandali", "diyala"),
    ("Khalis", "diyala"),
    ("Udhaim", "diyala"),
    ("Saadiya", "diyala"),
    ("Qara Tapa", "diyala"),
    ("Hawija", "kirkuk"),
    ("Daquq", "kirkuk"),
    ("Dibis", "kirkuk"),
    ("Multaqa", "kirkuk"),
    ("Zab", "kirkuk"),
    ("Abbasi", "kirkuk"),
    ("Soran", "erbil"),
    ("Shaqlawa", "erbil"),
    ("Koya", "erbil"),
    ("Mergasor", "erbil"),
    ("Choman", "erbil"),
    ("Khabat", "erbil"),
    ("Harir", "erbil"),
    ("Rawanduz", "erbil"),
    ("Gwer", "erbil"),
    ("Zubair", "basra"),
    ("Abu al-Khasib", "basra"),
    ("Qurna", "basra"),
    ("Faw", "basra"),
    ("Umm Qasr", "basra"),
    ("Safwan", "basra"),
    ("Mayadin", "deir-ez-zor"),
    ("Albu Kamal", "deir-ez-zor"),
    ("Hajin", "deir-ez-zor"),
    ("al-Susah", "deir-ez-zor"),
    ("Busayrah", "deir-ez-zor"),
    ("Dhiban", "deir-ez-zor"),
    ("Shuhayl", "deir-ez-zor"),
    ("Khasham", "deir-ez-zor"),
    ("Tabiya", "deir-ez-zor"),
    ("Muhassan", "deir-ez-zor"),
    ("Ashara", "deir-ez-zor"),
    ("al-Kasrah", "deir-ez-zor"),
    ("Qamishli", "hasakah"),
    ("Tal Tamr", "hasakah"),
    ("Shaddadi", "hasakah"),
    ("al-Hol", "hasakah"),
    ("Ras al-Ain", "hasakah"),
    ("Rmelan", "hasakah"),
    ("Malikiyah", "hasakah"),
    ("Amuda", "hasakah"),
    ("Derbasiyah", "hasakah"),
    ("Markada", "hasakah"),
]


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return analyzer_for(WATCHLIST)


@pytest.mark.parametrize(("town", "region"), TOWNS)
def test_an_attack_in_a_town_hits_its_region(analyzer: Analyzer, town: str, region: str) -> None:
    text = f"A roadside bomb exploded in {town} on Tuesday, killing two soldiers, police said."
    assert region in analyzer.analyze(Article("x", "", text, published=PUBLISHED))["watch_hits"]


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("انفجرت عبوة ناسفة في الزبير اليوم الثلاثاء ما أدى إلى مقتل جنديين.", "basra"),
        ("انفجرت عبوة ناسفة قرب ناحية العظيم اليوم الثلاثاء ما أدى إلى مقتل جنديين.", "diyala"),
        ("قصفت طائرات مسيرة مواقع في بلدة الطابية بريف دير الزور اليوم الثلاثاء.", "deir-ez-zor"),
        ("هاجم مسلحون نقطة للجيش في ناحية الملتقى بكركوك اليوم الثلاثاء وقتلوا جنديا.", "kirkuk"),
    ],
)
def test_an_arabic_report_in_a_town_hits_its_region(analyzer: Analyzer, text: str, region: str) -> None:
    assert region in analyzer.analyze(Article("x", "", text, published=PUBLISHED))["watch_hits"]


def test_a_capitalized_word_that_begins_a_longer_name_is_no_town(analyzer: Analyzer) -> None:
    # "clashes in Tal Madiq": "Tal" is a town elsewhere, but here the first word of another name
    text = "Helicopters struck as clashes went on in Tal Madiq on Tuesday, killing 16 fighters."
    out = analyzer.analyze(Article("x", "", text, published=PUBLISHED))
    assert all(not p["id"].startswith("PK") for p in out["places"])
