"""Figures and claims an analyst can read aloud, on short reports written for these tests.

Each row paraphrases a pattern seen in real reporting (issue 17, "Figures and claims").
"""

from datetime import UTC, datetime

import pytest

from wirewatch.core.analysis import Analyzer
from wirewatch.core.detect import Article

PUBLISHED = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer.create()


def run(analyzer: Analyzer, title: str, text: str = "") -> dict:
    return analyzer.analyze(Article("f", title, text, published=PUBLISHED)).record()


@pytest.mark.parametrize(
    ("title", "text", "killed", "wounded"),
    [
        # The toll in the sentence after the attack sentence, same paragraph.
        (
            "Roadside bomb hits army patrol near Tikrit",
            "A roadside bomb struck an army patrol north of Tikrit on Tuesday. Two soldiers were killed and "
            "three were wounded, a police source said.",
            2,
            3,
        ),
        # The Arabic dual carries the number.
        ("مقتل جنديين بانفجار عبوة ناسفة في كركوك اليوم", "", 2, None),
        ("إصابة شرطيين بهجوم مسلح على نقطة تفتيش في الموصل اليوم", "", None, 2),
    ],
)
def test_casualties_are_read_where_reports_give_them(
    analyzer: Analyzer, title: str, text: str, killed: int | None, wounded: int | None
) -> None:
    out = run(analyzer, title, text)
    assert out["attack"] is True, out
    assert out["casualties"] == {"killed": killed, "wounded": wounded}


def test_a_toll_in_the_next_paragraph_belongs_to_something_else(analyzer: Analyzer) -> None:
    out = run(
        analyzer,
        "Rockets hit an army base near Samarra",
        "Two rockets struck an army base near Samarra on Tuesday.\n\nSeparately, five people died when a "
        "bus overturned on the Baghdad road.",
    )
    assert out["attack"] is True
    assert out["casualties"]["killed"] is None


@pytest.mark.parametrize(
    ("title", "text", "claimed_by", "claim"),
    [
        (
            "Rockets hit Ain al-Asad air base",
            "No group claimed responsibility for the attack on Tuesday.",
            [],
            "none",
        ),
        ("سقوط صواريخ على قاعدة عين الأسد اليوم", "ولم تعلن أي جهة مسؤوليتها عن الهجوم.", [], "none"),
        (
            "Drone attack on Erbil airport",
            "A drone struck Erbil airport on Tuesday. The Islamic Resistance in Iraq claimed responsibility.",
            ["Islamic Resistance in Iraq"],
            "claimed",
        ),
        (
            "انفجار سيارة مفخخة في سوق ببغداد اليوم",
            "وتبنى تنظيم داعش الهجوم في بيان.",
            ["تنظيم داعش"],
            "claimed",
        ),
        (  # the name ends where the claimed attack begins
            "هجوم بطائرة مسيرة على قاعدة عين الأسد اليوم",
            "وتبنت المقاومة الإسلامية في العراق هجوما بطائرة مسيرة على القاعدة.",
            ["المقاومة الإسلامية في العراق"],
            "claimed",
        ),
        (  # and at a comma: the words after it are the statement's, not the group's
            "سقوط صواريخ على قاعدة عين الأسد اليوم",
            "وتبنت كتائب حزب الله، في بيان مقتضب، إطلاق الصواريخ.",
            ["كتائب حزب الله"],
            "claimed",
        ),
        ("Mortar rounds land near a base in Diyala on Tuesday", "", [], None),
    ],
)
def test_a_claim_only_when_a_group_is_named_as_claiming_and_no_claim_as_a_state(
    analyzer: Analyzer, title: str, text: str, claimed_by: list[str], claim: str | None
) -> None:
    out = run(analyzer, title, text)
    assert out["attack"] is True, out
    assert out["claimed_by"] == claimed_by
    assert out["claim"] == claim


@pytest.mark.parametrize(
    ("title", "projectiles"),
    [
        ("An airstrike killed seven militants near Hit on Tuesday", None),  # not one projectile
        ("Seven killed as two rockets hit a market in Baghdad on Tuesday", 2),  # not the death toll
        ("سقوط ثلاثة صواريخ على معسكر في ديالى اليوم", 3),
    ],
)
def test_projectiles_count_rockets_and_drones_not_deaths_or_airstrikes(
    analyzer: Analyzer, title: str, projectiles: int | None
) -> None:
    out = run(analyzer, title)
    assert out["attack"] is True, out
    assert out["projectiles"] == projectiles


def test_militants_killed_in_an_airstrike_are_not_a_shooting(analyzer: Analyzer) -> None:
    out = run(analyzer, "مقتل عشرين مسلحا بغارة جوية للتحالف قرب الرمادي اليوم")
    assert out["attack"] is True and out["attack_types"] == ["airstrike"]


def test_a_weapon_word_before_expert_counts_no_projectile() -> None:
    from wirewatch.core.figures import count_projectiles
    from wirewatch.core.lexicon import TermHit

    words = ["said", "one", "missile", "expert"]
    expert = TermHit("weapon:missile", 2, 2, 0, 0, "missile*")
    assert count_projectiles(words, [expert], 0, every_weapon=True) is None
    fired = ["one", "missile", "hit", "the", "base"]
    assert count_projectiles(fired, [TermHit("weapon:missile", 1, 1, 0, 0, "missile*")], 0) == 1
