"""The one-pass scan (core.scan) gives exactly what the word-by-word path gives.

``detect(fast=True)`` folds the whole document at once, tokenizes it with one split and probes
only the tokens an Aho-Corasick automaton points at, after a first pass that skips articles
with no attack or weapon term. ``fast=False`` is the reference: ``text.tokens`` and a probe of
every token. Their analyses must be identical on every article of the evaluation sets.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from wirewatch.alerts.watchlist import analyzer_for
from wirewatch.commands.articles import article_from_dict
from wirewatch.core.analysis import analysis_of
from wirewatch.core.detect import Article, compose, detect
from wirewatch.core.lexicon import default_lexicon
from wirewatch.core.scan import _LETTER_MARK, _MARK, _RANGES, Folded, StartIndex, WordStarts, _table, fold
from wirewatch.core.text import Words, tokens

EVAL = Path(__file__).resolve().parents[2] / "eval"
ANALYZER = analyzer_for(EVAL / "watchlist.yaml")
ARTICLES = [
    article_from_dict(json.loads(line))
    for path in sorted(EVAL.glob("*.jsonl"))
    for line in path.read_text("utf-8").splitlines()
    if line.strip()
]


def test_both_paths_give_the_same_analysis_on_every_evaluation_article() -> None:
    different = []
    for article in ARTICLES:
        fast = analysis_of(article, detect(article, ANALYZER.gazetteer), ANALYZER)
        slow = analysis_of(article, detect(article, ANALYZER.gazetteer, fast=False), ANALYZER)
        if fast != slow:
            different.append(article.id)
    assert len(ARTICLES) > 600
    assert different == []


@pytest.mark.parametrize(
    "text",
    [
        "صَاروخانِ سقطا على قاعدةِ عين الأسد",  # vowel marks inside and after words
        "ـقطعة الـسلاح",  # tatweel starting a word and inside one
        "Two ROCKETS hit Ain Al-Asad\u200b air base",  # case, a zero-width space
        "سقوط ﺻﺎﺭﻭﺥ على الأنبار",  # Arabic presentation forms
        "١٢ قذيفة هاون … على بغداد",  # Eastern Arabic digits, an ellipsis
        "Café \u0644\u0654\u0627 ʼattackʼ",  # accents, a hamza written as a mark, a modifier letter
        # Documents that do not fold: word by word, then the first pass and the start automaton.
        "سقط صاروخ_على قاعدة عين الأسد في الأنبار",
        "ﻻ صواريخ سقطت على قاعدة عين الأسد ﻹ الأنبار",
        "Two rockets hit Ain al-Asad air_base in Anbar",
        "وزير_النفط يبحث تطوير الحقول",
    ],
)
def test_folded_tokens_are_the_word_by_word_tokens(text: str) -> None:
    folded = fold(text)
    if folded is not None:
        assert folded.words() == Words.of(tokens(text))
    article = Article(id="x", title="", text=text)
    assert detect(article, ANALYZER.gazetteer) == detect(article, ANALYZER.gazetteer, fast=False)


@pytest.mark.parametrize(
    "text",
    [
        "a_b c_ _d e__f",  # "_" inside, after and before a word
        "ab\u064e_ x \u064eab",  # a vowel mark before a "_", a mark starting a separator
        "ﻻ ﻷحد ﷺ",  # ligatures: one word, two letters; a word of several tokens
        "ـ ـقطعة",  # a lone tatweel (a word of no tokens), one starting a word
        "Two\u200brockets, “hit” al-Asad",  # an invisible mark, quotes, a hyphen
        "",
    ],
)
def test_words_of_text_are_the_tokens(text: str) -> None:
    assert Words.of_text(text) == Words.of(tokens(text))


def test_words_of_text_are_the_tokens_of_every_evaluation_article() -> None:
    for article in ARTICLES:
        doc = compose(article)[0]
        assert Words.of_text(doc) == Words.of(tokens(doc)), article.id


def test_characters_the_fold_does_not_cover_take_the_word_by_word_path() -> None:
    assert fold("سقط صاروخ_على القاعدة") is None  # "_" joins two tokens into one word there
    assert fold("ﻻ صواريخ") is None  # the lam-alef ligature is two letters
    assert fold("a plain sentence") is not None


def test_the_first_pass_needs_every_word_of_some_attack_term() -> None:
    lexicon = default_lexicon()

    def passes(text: str) -> bool:
        folded = fold(text)
        assert folded is not None
        return lexicon.may_have_trigger(folded.norm)

    assert not passes("وزير النفط يبحث تطوير الحقول")
    assert not passes("سيارة جديدة في المعرض")  # "سيارة" alone is not "سيارة مفخخة"
    assert passes("انفجار سيارة مفخخة في السوق")
    assert passes("وبالصواريخ")  # a stem after attached clitics
    assert not passes("قادرون على الحضور")  # "درون" inside another word is not a drone


def test_start_index_finds_one_and_two_word_keys_after_clitics() -> None:
    terms = WordStarts([("في حال", False), ("صاروخ", True), ("attack", False)], ("و", "ب"))
    places = WordStarts([("بغداد", False)], ("و", "ب"))
    index = StartIndex((terms, places))
    norms = ["وفي", "حال", "في", "حالة", "وصاروخين", "attacks", "attack", "ببغداد", "بغدادي"]
    assert index.positions(norms) == [[0, 4, 6], [7]]
    assert index.positions([]) == [[], []]


def test_one_search_finds_what_stops_the_fold_and_what_it_replaces() -> None:
    """``fold`` replaces the common letters first, then what ``lowered`` names: none of the
    first replacements may need a second."""
    table = _table()
    assert not {table.replace[ch] for ch in table.common} & set(table.replace)
    assert all(table.special.match(ch) for ch in table.lowered)
    assert fold("ﻻ") is None and fold("Ｂ") is None  # a ligature; a full-width letter, not covered
    assert fold("\u0623\u064e\u062d\u0645\u062f \u06cc") == Folded(
        "\u0623\u064e\u062d\u0645\u062f \u06cc",
        "\u0627\ue000\u062d\u0645\u062f \u064a",
        "\u0627\u062d\u0645\u062f \u064a",
        True,
    )


def test_the_split_reads_words_as_the_tokenizer_on_every_folded_character() -> None:
    """``_table().split`` spells ``[^\\W_]`` out over the Basic Multilingual Plane: a folded text
    holds nothing beyond it."""
    folded = [f.wide for f in map(fold, (chr(c) for low, high in _RANGES for c in range(low, high))) if f]
    assert all(ord(ch) < 0x10000 for wide in folded for ch in wide)
    reference = re.compile(f"([^\\W_]+(?:{_MARK}+[^\\W_]*)*)")
    text = " ".join(folded) + "".join(folded) + f"{_MARK}a{_MARK}{_LETTER_MARK} {_MARK}_{_LETTER_MARK}"
    assert _table().split.split(text) == reference.split(text)


def test_ascii_text_folds_by_lower_case_alone_and_only_the_underscore_is_not_covered() -> None:
    """What the shortcut for ASCII documents in ``fold`` takes for granted, read from the table."""
    table = _table()
    special = [chr(c) for c in range(128) if table.special.match(chr(c))]
    uncovered = [ch for ch in special if ch not in table.lowered]
    folding = [chr(c) for c in range(128) if chr(c) in table.lowered or chr(c) in table.common]
    assert uncovered == ["_"]
    assert folding == []
    every = "".join(chr(c) for c in range(128) if chr(c) != "_")
    assert fold(every) == Folded(every, every.lower(), every.lower(), False)
