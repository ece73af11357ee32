import re

import pytest

from wirewatch.core.text import _SENTENCE_END, normalize, split_sentences, tokens


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("قاعدة عَيْن الأَسَد", "قاعده عين الاسد"),  # diacritics, ta marbuta
        ("إربيل", "اربيل"),
        ("أربيل", "اربيل"),
        ("آمرلي", "امرلي"),
        ("نينوى", "نينوي"),  # alif maqsura folds to ya, never to alef
        ("صـــاروخ", "صاروخ"),  # tatweel
        ("٢٠٢١", "2021"),
        ("۱۴۰۰", "1400"),  # Persian digits
        ("کرکوک", "كركوك"),  # Persian kaf
        ("Ain Al-Asad", "ain al-asad"),
        ("Café", "cafe"),
        ("عين\u200fالأسد", "عينالاسد"),  # an invisible RTL mark is removed
    ],
)
def test_normalize_folds_what_outlets_vary(raw: str, folded: str) -> None:
    assert normalize(raw) == folded


def test_tokens_keep_offsets_into_the_original() -> None:
    text = "سقط صاروخان على قاعدةِ عين الأسد، al-Asad's"
    toks = tokens(text)
    assert [t.norm for t in toks] == ["سقط", "صاروخان", "علي", "قاعده", "عين", "الاسد", "al", "asad", "s"]
    for t in toks:
        assert normalize(text[t.start : t.end]).replace("-", " ").split()[0].startswith(t.norm[:2])
    assert text[toks[3].start : toks[3].end] == "قاعدةِ"


@pytest.mark.parametrize(
    "text",
    [
        'He said: "No." Then\n\n\nmore;\t"quoted"!» next',
        "نهاية؟! ثم.\nسطر؛ اخر..",
        "a.b. c!d ?\n.",
        ".\n\n. !",
    ],
)
def test_sentence_ends_are_those_of_the_lookahead_form(text: str) -> None:
    """The pattern starts with its first characters' class (so the engine skips to them) and finds
    what the form that named them in a lookahead found."""
    reference = re.compile(r"(?=[.!?؟;؛\n])(?:[.!?؟;؛]+[\"'»”)]*\s+|\n+)")
    assert [m.span() for m in _SENTENCE_END.finditer(text)] == [m.span() for m in reference.finditer(text)]


def test_sentences_split_on_arabic_and_latin_marks_but_not_abbreviations() -> None:
    text = "The U.S. Embassy was hit. Two rockets fell! وقال بيان: سقط صاروخان. هل من إصابات؟ لا"
    spans = [text[a:b] for a, b in split_sentences(text)]
    assert spans == [
        "The U.S. Embassy was hit",
        "Two rockets fell",
        "وقال بيان: سقط صاروخان",
        "هل من إصابات",
        "لا",
    ]
