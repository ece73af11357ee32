"""The spellings real outlets give a watched base resolve to it (English and Arabic), table-driven.

Wire copy, Kurdish English services, militia statements and Pentagon releases each spell the
bases their own way ("Al-Asad Airbase", "Ayn al-Asad", "Q-West", "Mission Support Site Conoco",
"Hewler airport", "قاعدة الأسد الجوية"). Each row is one spelling in a one-line report.
"""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from wirewatch.alerts.watchlist import analyzer_for
from wirewatch.core.analysis import Analyzer
from wirewatch.core.detect import Article

WATCHLIST = Path(__file__).resolve().parents[1] / "eval" / "watchlist.yaml"
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


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return analyzer_for(WATCHLIST)


@pytest.mark.parametrize(("name", "entry"), ENGLISH)
def test_an_english_spelling_of_a_base_hits_it(analyzer: Analyzer, name: str, entry: str) -> None:
    text = f"Two rockets hit {name} on Tuesday, officials said."
    assert entry in analyzer.analyze(Article("x", "", text, published=PUBLISHED))["watch_hits"]


@pytest.mark.parametrize(("name", "entry"), ARABIC)
def test_an_arabic_spelling_of_a_base_hits_it(analyzer: Analyzer, name: str, entry: str) -> None:
    text = f"سقط صاروخان على {name} يوم الثلاثاء، بحسب مصادر أمنية."
    assert entry in analyzer.analyze(Article("x", "", text, published=PUBLISHED))["watch_hits"]
