"""Places as outlets name them resolve to the watched entries, table-driven.

- Bases: wire copy, Kurdish English services, militia statements and Pentagon releases each spell
  them their own way ("Al-Asad Airbase", "Ayn al-Asad", "Q-West", "Mission Support Site Conoco",
  "Hewler airport", "قاعدة الأسد الجوية").
- Towns: district and subdistrict towns of Iraq and Syria that reports name alone ("a roadside
  bomb in Hit", "near Balad", "in al-Susah") hit the governorate they are in.
Each row is one name in a one-line report.
"""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from wirewatch.alerts.watchlist import analyzer_for
from wirewatch.core.analysis import Analyzer
from wirewatch.core.detect import Article

WATCHLIST = Path(__file__).resolve().parents[2] / "eval" / "watchlist.yaml"
PUBLISHED = datetime(2024, 1, 10, 12, 0, tzinfo=UTC)
ENGLISH = [
    ("Ain al-Assad air base", "ain-al-asad"),
    ("Al-Asad Airbase", "ain-al-asad"),
    ("Al Asad Air Base", "ain-al-asad"),
    ("Ayn al-Asad", "ain-al-asad"),
    ("Asad air base", "ain-al-asad"),
    ("the al-Asad base", "ain-al-asad"),
    ("Ain Al-Asad", "ain-al-asad"),
    ("Erbil International Airport", "erbil-airport"),
    ("Erbil air base", "erbil-airport"),
    ("Irbil airport", "erbil-airport"),
    ("Hewler airport", "erbil-airport"),
    ("Harir air base", "harir"),
    ("the Harir base", "harir"),
    ("Harir airbase", "harir"),
    ("Victory Base Complex", "victory-base"),
    ("Camp Victory", "victory-base"),
    ("the Victory base near Baghdad airport", "victory-base"),
    ("Baghdad International Airport", "baghdad-airport"),
    ("Baghdad airport", "baghdad-airport"),
    ("the US embassy in Baghdad", "us-embassy-baghdad"),
    ("the American embassy in Baghdad", "us-embassy-baghdad"),
    ("the U.S. Embassy compound in Baghdad's Green Zone", "us-embassy-baghdad"),
    ("Camp Taji", "camp-taji"),
    ("the Taji base", "camp-taji"),
    ("Taji military camp", "camp-taji"),
    ("Balad Air Base", "balad-air-base"),
    ("Balad airbase", "balad-air-base"),
    ("K-1 air base", "k1"),
    ("the K1 base", "k1"),
    ("K-1 military base near Kirkuk", "k1"),
    ("Qayyarah West air base", "qayyarah-west"),
    ("Q-West", "qayyarah-west"),
    ("Qayyarah airfield", "qayyarah-west"),
    ("al-Tanf garrison", "al-tanf"),
    ("the Tanf base", "al-tanf"),
    ("At Tanf", "al-tanf"),
    ("al-Tanf military base", "al-tanf"),
    ("Tower 22", "tower-22"),
    ("the Conoco gas field", "conoco"),
    ("Conoco base", "conoco"),
    ("Mission Support Site Conoco", "conoco"),
    ("al-Omar oil field", "al-omar"),
    ("Omar oil field", "al-omar"),
    ("the al-Omar base", "al-omar"),
    ("Green Village base at al-Omar", "al-omar"),
    ("al-Shaddadi base", "shaddadi-base"),
    ("al-Shaddadah base", "shaddadi-base"),
]
ARABIC = [
    ("قاعدة عين الأسد الجوية", "ain-al-asad"),
    ("قاعدة عين الاسد", "ain-al-asad"),
    ("قاعدة الأسد الجوية", "ain-al-asad"),
    ("قاعدة عين الأسد في الأنبار", "ain-al-asad"),
    ("مطار أربيل الدولي", "erbil-airport"),
    ("قاعدة حرير", "harir"),
    ("قاعدة حرير الجوية", "harir"),
    ("قاعدة فكتوريا", "victory-base"),
    ("معسكر فيكتوري", "victory-base"),
    ("مطار بغداد الدولي", "baghdad-airport"),
    ("السفارة الأمريكية في بغداد", "us-embassy-baghdad"),
    ("السفارة الأميركية في بغداد", "us-embassy-baghdad"),
    ("معسكر التاجي", "camp-taji"),
    ("قاعدة التاجي", "camp-taji"),
    ("قاعدة بلد الجوية", "balad-air-base"),
    ("قاعدة كي وان", "k1"),
    ("قاعدة K1", "k1"),
    ("قاعدة القيارة", "qayyarah-west"),
    ("قاعدة التنف", "al-tanf"),
    ("قاعدة التنف العسكرية", "al-tanf"),
    ("البرج 22", "tower-22"),
    ("حقل كونيكو", "conoco"),
    ("حقل غاز كونيكو", "conoco"),
    ("قاعدة حقل العمر", "al-omar"),
    ("حقل العمر النفطي", "al-omar"),
    ("قاعدة الشدادي", "shaddadi-base"),
    ("قاعدة الشدادي في الحسكة", "shaddadi-base"),
]

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
    ("Khanasor", "nineveh"),
    ("Sinune", "nineveh"),
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


@pytest.mark.parametrize(("name", "entry"), ENGLISH)
def test_an_english_spelling_of_a_base_hits_it(analyzer: Analyzer, name: str, entry: str) -> None:
    text = f"Two rockets hit {name} on Tuesday, officials said."
    assert entry in analyzer.analyze(Article("x", "", text, published=PUBLISHED)).current.watch_hits


@pytest.mark.parametrize(("name", "entry"), ARABIC)
def test_an_arabic_spelling_of_a_base_hits_it(analyzer: Analyzer, name: str, entry: str) -> None:
    text = f"سقط صاروخان على {name} يوم الثلاثاء، بحسب مصادر أمنية."
    assert entry in analyzer.analyze(Article("x", "", text, published=PUBLISHED)).current.watch_hits


@pytest.mark.parametrize(("town", "region"), TOWNS)
def test_an_attack_in_a_town_hits_its_region(analyzer: Analyzer, town: str, region: str) -> None:
    text = f"A roadside bomb exploded in {town} on Tuesday, killing two soldiers, police said."
    assert region in analyzer.analyze(Article("x", "", text, published=PUBLISHED)).current.watch_hits


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
    assert region in analyzer.analyze(Article("x", "", text, published=PUBLISHED)).current.watch_hits


def test_a_capitalized_word_that_begins_a_longer_name_is_no_town(analyzer: Analyzer) -> None:
    # "clashes in Tal Madiq": "Tal" is a town elsewhere, but here the first word of another name
    text = "Helicopters struck as clashes went on in Tal Madiq on Tuesday, killing 16 fighters."
    out = analyzer.analyze(Article("x", "", text, published=PUBLISHED))
    assert all(not p.id.startswith("PK") for p in out.current.places)
