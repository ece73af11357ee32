"""Text normalization for matching Arabic and English news (pure).

This room turns raw article text into a *matching form*: Arabic letters folded the way outlets
vary them (hamza and alef forms, ya and alif maqsura, ta marbuta, Persian letter forms, Eastern
Arabic digits, diacritics, tatweel), Latin text case-folded with accents and hyphens removed.
Tokens keep their character offsets in the original text so that a person can be shown what
matched (``wirewatch explain``). It touches nothing outside Python's standard library.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain, repeat

# Arabic diacritics (tashkeel, incl. superscript alef U+0670 and Quranic marks) and tatweel.
_TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
# Directional marks, zero-width joiners and the Arabic letter mark: invisible, but they split words.
_INVISIBLE = re.compile("[\u200b-\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff]")

_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ٲ": "ا",
        "ٳ": "ا",
        "ى": "ي",
        "ی": "ي",
        "ې": "ي",
        "ۍ": "ي",
        "ئ": "ي",
        "ؤ": "و",
        "ة": "ه",
        "ۀ": "ه",
        "ە": "ه",
        "ھ": "ه",
        "ک": "ك",
        "ڪ": "ك",
        "گ": "ك",  # Persian gaf: outlets write both ك and گ in borrowed names
        "٠": "0",
        "١": "1",
        "٢": "2",
        "٣": "3",
        "٤": "4",
        "٥": "5",
        "٦": "6",
        "٧": "7",
        "٨": "8",
        "٩": "9",
        "۰": "0",
        "۱": "1",
        "۲": "2",
        "۳": "3",
        "۴": "4",
        "۵": "5",
        "۶": "6",
        "۷": "7",
        "۸": "8",
        "۹": "9",
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "`": "'",
    }
)

# A token: a run of letters or digits (any script). Apostrophes and hyphens split words so that
# "al-Asad", "al Asad" and "Al'Asad" all become the same tokens.
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)

# Punctuation, closing quotes and space, or newlines. The pattern starts with the class of the
# characters a match can start with, so the regex engine skips to them (a lookahead naming them
# does not let it: it tried a match at every character, a third of the cost of a split); the
# lookbehinds say which of them opened the match.
_SENTENCE_END = re.compile(r"[.!?؟;؛\n](?:(?<=[.!?؟;؛])[.!?؟;؛]*[\"'»”)]*\s+|(?<=\n)\n*)")
# A period after these is not a sentence end ("U.S. Embassy", "Lt. Gen.", "Jan. 5").
_ABBREVIATIONS = frozenset(
    "u.s us u.k uk u.n un mr mrs ms dr gen lt col maj sgt capt cpl pvt st no jan feb mar apr jun jul "
    "aug sep sept oct nov dec approx vs etc".split()
)

# Combining marks below the Arabic block: what ``strip_accents`` drops.
_LATIN_MARK = re.compile("[" + "".join(chr(c) for c in range(0x0600) if unicodedata.combining(chr(c))) + "]")
ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")


def strip_accents(text: str) -> str:
    """Drop combining marks from Latin letters (é → e); Arabic is handled by ``fold_arabic``."""
    if unicodedata.is_normalized("NFD", text) and not _LATIN_MARK.search(text):
        return text  # nothing to decompose, nothing to drop
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not (unicodedata.combining(ch) and ch < "\u0600"))


def fold_arabic(text: str) -> str:
    """Remove diacritics and tatweel and fold letter variants that outlets use interchangeably."""
    return _TASHKEEL.sub("", text).translate(_FOLD)


def normalize(text: str) -> str:
    """The matching form of a text: invisible marks removed, Arabic folded, Latin case-folded."""
    text = _INVISIBLE.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    return strip_accents(fold_arabic(text)).casefold()


@dataclass(frozen=True, slots=True)
class Token:
    """A word in matching form with its span in the original text."""

    norm: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Words:
    """The tokens of a document as parallel lists: matching forms and spans in the original."""

    norms: list[str]
    starts: list[int]
    ends: list[int]

    @classmethod
    def of(cls, toks: Sequence[Token]) -> Words:
        return cls([t.norm for t in toks], [t.start for t in toks], [t.end for t in toks])

    @classmethod
    def of_text(cls, text: str) -> Words:
        """The tokens of ``text`` as ``tokens`` gives them.

        The same words and spans from one ``re.split`` and C-level maps: no ``Token`` and no
        Python step per word, which was most of the cost of a document ``scan.fold`` cannot fold.
        """
        parts = _WORD_SPLIT.split(_INVISIBLE.sub(" ", text))
        bounds = list(accumulate(map(len, parts)))
        starts, ends = bounds[0:-1:2], bounds[1::2]
        norms = list(map(_word_norms, parts[1::2]))
        counts = list(map(len, norms))
        if counts.count(1) == len(counts):  # nearly every document: one token a word
            return cls([norm for (norm,) in norms], starts, ends)
        # A word that normalizes to several tokens (or none): each keeps the whole word's span.
        return cls(
            list(chain.from_iterable(norms)),
            list(chain.from_iterable(map(repeat, starts, counts))),
            list(chain.from_iterable(map(repeat, ends, counts))),
        )

    def __len__(self) -> int:
        return len(self.norms)

    def first_at(self, offset: int) -> int:
        """Index of the first token that starts at or after ``offset``."""
        return bisect_left(self.starts, offset)


def tokens(text: str) -> list[Token]:
    """Tokenize ``text`` into matching-form words that keep their original offsets.

    Normalization is applied per word so that offsets stay exact: removing tashkeel or
    invisible marks never moves a word's start or end in the original.
    """
    clean = _INVISIBLE.sub(" ", text)
    out: list[Token] = []
    for match in _WORD.finditer(clean):
        start, end = match.span()
        # Normalization can split a word (rare: a mark between letters); each part keeps the
        # whole word's span, which is a fine highlight.
        norms = _word_norms(match.group(0))
        if len(norms) == 1:  # nearly every word: no generator on the hot path
            out.append(Token(norms[0], start, end))
        else:
            out.extend(Token(norm, start, end) for norm in norms)
    return out


# Diacritics and tatweel are not word characters for the regex; they are joined into words first.
_WORD = re.compile(r"[^\W_][\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]*")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")  # separator, word, separator, ..., separator


@lru_cache(maxsize=262144)
def _word_norms(word: str) -> tuple[str, ...]:
    """Matching forms of one word; news vocabulary repeats, so this is cached."""
    return tuple(m.group(0) for m in _TOKEN.finditer(normalize(word)))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans of sentences: split at . ! ? ؟ ; and newlines, keeping quotes with their sentence."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.start()
        if text[end] == ".":
            last = _last_word(text, start, end)
            if _is_abbreviation(last) or _clock_mid_sentence(last, text, match.end()):
                continue
        if text[start:end].strip():
            spans.append((start, end))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _last_word(text: str, start: int, end: int) -> str:
    """The last whitespace-separated word of ``text[start:end]`` ("" if none), read from its end."""
    tail = text[max(start, end - 48) : end]
    parts = tail.rsplit(None, 1)
    if len(parts) < 2 and end - start > 48:
        parts = text[start:end].rsplit(None, 1)  # a word longer than the window
    return parts[-1] if parts else ""


def _clock_mid_sentence(last: str, text: str, after: int) -> bool:
    """ "between 1:45 a.m. and 2:15 a.m. on Wednesday": a clock's "a.m." (``last``, the word before
    the period) with the sentence going on in lower case (not "... at 4 a.m. The army said")."""
    rest = text[after : after + 2].lstrip()
    return last.casefold() in ("a.m", "p.m") and bool(rest) and not rest[0].isupper()


def _is_abbreviation(last: str) -> bool:
    word = last.lstrip("(\"'“«").casefold()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def script_counts(text: str) -> tuple[int, int]:
    """(Arabic-script letters, Latin letters) in ``text``."""
    return len(ARABIC_LETTER.findall(text)), len(LATIN_LETTER.findall(text))
