"""Numbers in Arabic and English news: digits, number words and Arabic dual forms (pure)."""

from __future__ import annotations

from wirewatch.core.text import normalize

_WORDS: dict[str, int] = {}
for _value, _forms in {
    1: ("واحد", "واحدة", "one", "a", "an", "single"),
    2: ("اثنان", "اثنين", "اثنتان", "اثنتين", "two", "pair", "couple"),
    3: ("ثلاث", "ثلاثة", "three"),
    4: ("أربع", "أربعة", "اربع", "اربعة", "four"),
    5: ("خمس", "خمسة", "five"),
    6: ("ست", "ستة", "six"),
    7: ("سبع", "سبعة", "seven"),
    8: ("ثماني", "ثمانية", "ثمان", "eight"),
    9: ("تسع", "تسعة", "nine"),
    10: ("عشر", "عشرة", "ten"),
    11: ("eleven",),
    12: ("twelve",),
    15: ("fifteen",),
    20: ("عشرين", "عشرون", "twenty"),
    30: ("ثلاثين", "ثلاثون", "thirty"),
}.items():
    for _form in _forms:
        _WORDS[normalize(_form)] = _value

# Words for "several"/"dozens": a count that is plural but unknown.
VAGUE = frozenset(
    normalize(w) for w in ("عدة", "عدد", "several", "multiple", "dozens", "عشرات", "بضعة", "some")
)


def number_word(word: str) -> int | None:
    """The value of a digit string or a number word, else ``None``."""
    if word.isdigit() and len(word) <= 6:
        return int(word)
    return _WORDS.get(word)


def dual_of(word: str, stems: tuple[str, ...]) -> bool:
    """True for an Arabic dual of one of ``stems`` (صاروخين, صاروخان, طائرتين, مسيرتين, قذيفتين)."""
    for stem in stems:
        base = stem[:-1] if stem.endswith("ه") else stem
        for ending in ("ين", "ان", "تين", "تان"):
            if word == base + ending or word == stem + ending:
                return True
    return False
