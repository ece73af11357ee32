"""Detection on short reports written for these tests: one row per trap or pattern."""

from datetime import UTC, datetime

import pytest

from wirewatch.core.analysis import Analyzer
from wirewatch.core.detect import Article
from wirewatch.core.watch import WatchEntry

PUBLISHED = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # a Wednesday

WATCH = (
    WatchEntry("ain-al-asad", "base", ("Ain al-Asad", "عين الأسد")),
    WatchEntry("anbar", "region", ("Anbar", "الأنبار")),
    WatchEntry("basra", "region", ("Basra", "البصرة")),
    WatchEntry("erbil-airport", "base", ("Erbil airport", "مطار أربيل")),
    WatchEntry("baghdad", "city", ("Baghdad", "بغداد")),
)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer.create(WATCH)


def run(analyzer: Analyzer, title: str, text: str = "") -> dict:
    return analyzer.analyze(Article("t", title, text, published=PUBLISHED)).record()


ATTACKS = [
    # (title, text, types, watch hits)
    ("Two Katyusha rockets hit Ain al-Asad air base", "", {"rocket"}, {"ain-al-asad", "anbar"}),
    ("وسقط صاروخان بالأنبار", "", {"rocket"}, {"anbar"}),
    ("سقوط صاروخي كاتيوشا على قاعدة عين الاسد", "", {"rocket"}, {"ain-al-asad", "anbar"}),
    (
        "Drone attack on Erbil airport foiled, air defenses shoot down two drones",
        "",
        {"drone"},
        {"erbil-airport"},
    ),
    ("إسقاط طائرتين مسيرتين مفخختين قرب مطار أربيل", "", {"drone"}, {"erbil-airport"}),
    ("Roadside bomb hits coalition supply convoy in Basra", "", {"ied"}, {"basra"}),
    ("انفجار عبوة ناسفة على رتل للدعم اللوجستي في البصرة", "", {"ied"}, {"basra"}),
    ("Mortar rounds land near Baghdad airport", "", {"mortar"}, {"baghdad"}),
    ("قصف بقذائف الهاون يستهدف مطار بغداد الدولي فجر اليوم", "", {"mortar"}, {"baghdad"}),
    ("Suicide bomber kills five at checkpoint in Ramadi", "", {"suicide"}, {"anbar"}),
    ("Gunmen open fire on a police patrol in Fallujah, wounding two officers", "", {"shooting"}, {"anbar"}),
    ("Ballistic missiles strike Erbil airport overnight", "", {"missile"}, {"erbil-airport"}),
]


@pytest.mark.parametrize(("title", "text", "types", "hits"), ATTACKS)
def test_current_attacks_are_found_with_type_and_place(
    analyzer: Analyzer, title: str, text: str, types: set, hits: set
) -> None:
    out = run(analyzer, title, text)
    assert out["attack"] is True, out
    assert types <= set(out["attack_types"]), out["attack_types"]
    assert set(out["watch_hits"]) == hits


NOT_ATTACKS = [
    ("Iraq striker's rocket of a shot stuns Jordan in the league match", ""),
    ("المنتخب يهاجم بقوة ويسجل هدفا بتسديدة صاروخية", ""),
    ("Security officials deny reports of a rocket attack on Ain al-Asad", ""),
    ("نفت خلية الإعلام الأمني تعرض قاعدة عين الأسد لأي هجوم صاروخي", ""),
    ("Militia threatens to target Ain al-Asad with drones if troops stay", ""),
    ("Talks on withdrawal of coalition forces from Ain al-Asad base continue", ""),
    ("Iraq signs deal to buy air defence missiles", ""),
    ("Troops hold live-fire exercise with mortars near Erbil", ""),
    ("Veterans mark anniversary of the January 2020 missile strike on Ain al-Asad", ""),
    ("قاعدة بيانات جديدة لوزارة التخطيط في البصرة", ""),
    ("The opposition attacked the government's budget in Baghdad", ""),
    ("Dust storm closes Baghdad airport", ""),
]


@pytest.mark.parametrize(("title", "text"), NOT_ATTACKS)
def test_harmless_uses_of_attack_words_are_not_attacks(analyzer: Analyzer, title: str, text: str) -> None:
    out = run(analyzer, title, text)
    assert out["attack"] is False, out
    assert out["watch_hits"] == []


def test_one_new_attack_among_references_to_old_ones(analyzer: Analyzer) -> None:
    text = (
        "Two rockets struck Ain al-Asad air base on Wednesday, the security media cell said. "
        "In mid-April a drone laden with explosives hit Erbil airport. "
        "Last month, similar attacks targeted Baghdad airport."
    )
    out = run(analyzer, "Rockets hit Iraqi base hosting US troops", text)
    assert out["attack"] is True
    assert set(out["watch_hits"]) == {"ain-al-asad", "anbar"}
    assert {p["id"] for r in out["references"] for p in r["places"]} >= {"erbil-airport", "baghdad-airport"}


def test_numbers_and_casualties(analyzer: Analyzer) -> None:
    out = run(analyzer, "سقوط ثلاثة صواريخ على قاعدة عين الأسد دون وقوع إصابات")
    assert out["projectiles"] == 3
    assert out["casualties"] == {"killed": 0, "wounded": 0}
    out = run(analyzer, "Car bomb kills 4 and wounds 11 in Baghdad")
    assert out["casualties"] == {"killed": 4, "wounded": 11}


def test_dual_form_counts_two(analyzer: Analyzer) -> None:
    assert run(analyzer, "صاروخان يستهدفان قاعدة عين الأسد")["projectiles"] == 2


def test_launch_origin_is_not_a_target(analyzer: Analyzer) -> None:
    out = run(analyzer, "Rockets launched from Basra hit a base in Anbar")
    assert "basra" not in out["watch_hits"]
    assert "anbar" in out["watch_hits"]


def test_dateline_is_not_a_target(analyzer: Analyzer) -> None:
    out = run(analyzer, "Rockets hit Ain al-Asad", "BAGHDAD - Two rockets hit Ain al-Asad air base today.")
    assert "baghdad" not in out["watch_hits"]


def test_warm_builds_the_start_automaton_before_the_first_article() -> None:
    # A watchlist entry extends the gazetteer, so this analyzer has a gazetteer of its own.
    analyzer = Analyzer.create((WatchEntry(id="anbar", kind="region", names=("Anbar",)),))
    assert analyzer.gazetteer._start_index is None
    analyzer.warm()
    assert analyzer.gazetteer._start_index is not None
