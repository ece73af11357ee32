"""A team's own rules over detection (core.rules, wirewatch.rules): what they suppress, what they keep,
what explain says, and the errors a bad rules file gets."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from wirewatch.alerts.watchlist import analyzer_for
from wirewatch.cli import main
from wirewatch.core.detect import Article
from wirewatch.errors import ConfigError
from wirewatch.explain import explain
from wirewatch.rules import load_rules

WHEN = datetime(2024, 3, 5, 12, tzinfo=UTC)
DRILL = Article(
    id="drill",
    title="Mortar rounds fall on Camp Taji",
    text="Three mortar rounds fell on Camp Taji north of Baghdad this morning during a live-fire exercise, "
    "the army said.",
    published=WHEN,
    lang="en",
)
ATTACK = Article(
    id="attack",
    title="",
    text="Two rockets struck Ain al-Asad air base in Anbar this morning, security sources said. "
    "Separately, the army held a live-fire exercise near Basra.",
    published=WHEN,
    lang="en",
)
ARABIC = Article(
    id="ar",
    title="",
    text="سقطت ثلاث قذائف هاون على معسكر التاجي صباح اليوم في مشهد من الحلقة الأخيرة لمسلسل الحدود، بحسب مخرج العمل.",
    published=WHEN,
    lang="ar",
)


def rules_file(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_an_article_scoped_rule_drops_every_attack_of_an_article_with_its_phrase(tmp_path: Path) -> None:
    plain = analyzer_for(None)
    ruled = analyzer_for(
        None,
        rules_file(
            tmp_path,
            {
                "suppress": [
                    {
                        "id": "drills",
                        "phrases": ["live-fire exercise", "الحلقه الاخيره لمسلسل"],
                        "reason": "drills",
                    }
                ]
            },
        ),
    )
    assert plain.analyze(DRILL).attack and plain.analyze(ARABIC).attack
    assert not ruled.analyze(DRILL).attack
    # The phrase is matched in matching form: ة and ه, and the hamza forms, fold together.
    assert not ruled.analyze(ARABIC).attack
    # An article scope reaches the other paragraph too: the rocket report is dropped as well.
    assert not ruled.analyze(ATTACK).attack


def test_a_sentence_scoped_rule_keeps_attacks_told_in_other_sentences(tmp_path: Path) -> None:
    ruled = analyzer_for(
        None,
        rules_file(
            tmp_path,
            {
                "suppress": [
                    {
                        "id": "drills",
                        "phrases": ["live-fire exercise"],
                        "reason": "drills",
                        "scope": "sentence",
                    }
                ]
            },
        ),
    )
    kept = ruled.analyze(ATTACK)
    assert kept.attack and kept.current.places[0].id == "ain-al-asad"
    # The drill's own sentence is the only attack sentence of DRILL's body; its headline stays.
    record = ruled.analyze(DRILL)
    assert all(a.sentence == 1 for a in record.current.attacks)


def test_ignored_places_are_never_a_target(tmp_path: Path) -> None:
    ruled = analyzer_for(None, rules_file(tmp_path, {"ignore_places": ["camp-taji"]}))
    record = ruled.analyze(DRILL)
    assert "camp-taji" not in [p.id for p in record.current.places]
    assert "camp-taji" in [p.id for p in analyzer_for(None).analyze(DRILL).current.places]


def test_explain_names_the_rule_that_rejected_a_sentence(tmp_path: Path) -> None:
    ruled = analyzer_for(
        None,
        rules_file(
            tmp_path,
            {
                "suppress": [
                    {"id": "range-drills", "phrases": ["live-fire exercise"], "reason": "drills at the range"}
                ]
            },
        ),
    )
    out = io.StringIO()
    record = explain(DRILL, ruled, out, color=False)
    assert record.attack is False
    assert "rule range-drills: drills at the range" in out.getvalue()


def test_analyze_takes_rules_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"id": "drill", "title": "Mortar rounds fall on Camp Taji", "text": "Three mortar rounds fell on Camp '
        'Taji north of Baghdad this morning during a live-fire exercise.", "published": "2024-03-05T12:00:00Z"}\n',
        encoding="utf-8",
    )
    rules = rules_file(
        tmp_path, {"suppress": [{"id": "d", "phrases": ["live-fire exercise"], "reason": "drills"}]}
    )
    assert main(["analyze", str(source)]) == 0
    assert '"attack": true' in capsys.readouterr().out
    assert main(["analyze", "--rules", str(rules), str(source)]) == 0
    assert '"attack": false' in capsys.readouterr().out


def test_a_bad_rules_file_names_every_problem_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(
        "suppress:\n"
        "  - id: ok\n"
        "    phrases: ['a drill']\n"
        "    reason: drills\n"
        "  - id: ok\n"
        "    phrases: []\n"
        "    reason: ''\n"
        "ignore_places: [no-such-place]\n"
        "colour: red\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        load_rules(path)
    problems = "\n".join(str(p) for p in caught.value.problems)
    assert "rules.yaml:6: field 'suppress[1].phrases'" in problems
    assert "rules.yaml:7: field 'suppress[1].reason'" in problems
    assert "rules.yaml:8: field 'ignore_places': unknown place id 'no-such-place'" in problems
    assert "rules.yaml:9: field 'colour'" in problems


def test_a_missing_rules_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="rules file not found"):
        load_rules(tmp_path / "absent.yaml")


def test_check_config_resolves_the_rules_file_and_reports_its_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = rules_file(tmp_path, {"suppress": [{"id": "d", "phrases": ["a drill"], "reason": "drills"}]})
    assert main(["check-config", "--rules", str(good)]) == 0
    assert f"rules: {good}: 1 suppress rule (d), 0 ignored places" in capsys.readouterr().out
    bad = tmp_path / "bad.yaml"
    bad.write_text("suppress:\n  - id: d\n    phrases: []\n    reason: drills\n", encoding="utf-8")
    assert main(["check-config", "--rules", str(bad)]) == 2
    assert f"{bad}:3: field 'suppress[0].phrases'" in capsys.readouterr().err
