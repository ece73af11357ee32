"""One pass over an article: its matching form, its tokens, and where terms may start (pure).

``text.tokens`` normalizes word by word, and the term and place tables probe every token; on
real news that per-word Python work was most of the cost of an analysis. This room does the
same in bulk, with loops that run inside the interpreter's C code:

- the whole document is folded at once (``str.lower`` and one ``str.replace`` per foldable
  character present), with a character table derived from ``text.normalize`` itself, so the two
  cannot drift; Arabic marks become placeholders, so the folded text keeps the original's
  offsets;
- tokens come from one ``re.split`` of the folded text, as three parallel lists (``Words``);
- one Aho-Corasick automaton (pyahocorasick, ``StartIndex``) over the tokens joined by spaces
  says which tokens may start a term, a place name or a demonym, and only those are probed, with
  the same rules as before.

A document with a character the table does not cover (ligatures, decomposed Latin accents, "_")
takes the word-by-word path. ``Starts.words_in`` over the words of the attack and weapon terms
is the first pass: an article in which no such term has all its words needs no tokens at all.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, count
from operator import add

import ahocorasick

from wirewatch.core.text import _INVISIBLE, _TASHKEEL, _WORD, Words, normalize

_MARKS_THAT_COMPOSE = ("\u0653", "\u0654", "\u0655")  # madda and hamza above/below (NFKC composes them)
_RANGES = ((0x0000, 0x0250), (0x0600, 0x0700), (0x0750, 0x0780), (0x2000, 0x2070), (0xFE70, 0xFF00))

# Arabic marks and tatweel stand in the folded text as one of two placeholders, so that the
# folded text keeps the original's length: a word may start with tatweel (a letter for the
# tokenizer) but not with a vowel mark. Neither can be in a document that folds (both lie
# outside ``_RANGES``), and each is a word character exactly when what it stands for is one
# (a vowel mark is not): regular expressions read the folded text as they read the original.
_MARK = "\ue000"  # a private-use character: not a word character
_LETTER_MARK = "\u3005"  # "々", a modifier letter like tatweel: a word character
_ARABIC = re.compile("[\u0600-\u06ff]")


def _is_token_char(ch: str) -> bool:
    return ch.isalnum()  # the tokenizer's [^\W_]


@dataclass(frozen=True)
class _Table:
    special: re.Pattern[str]  # finds a character NOT covered, or one in ``lowered``
    lowered: dict[str, str]  # a covered character -> its lower case, when ``str.lower`` leaves that unfolded
    common: tuple[str, ...]  # characters to fold that most Arabic documents hold (tested one by one)
    replace: dict[str, str]
    split: re.Pattern[str]  # a word of the folded text (``_split``)


@cache
def _table() -> _Table:
    """Which characters fold alone exactly as ``normalize`` folds them inside a word, and how."""
    wanted: dict[str, str] = {}
    for low, high in _RANGES:
        for code in range(low, high):
            ch = chr(code)
            if ch == "_":
                continue  # "a_b" is one word of two tokens in the word-by-word path
            if _INVISIBLE.fullmatch(ch):
                wanted[ch] = " "  # a word break, as ``tokens`` reads it
            elif _TASHKEEL.fullmatch(ch):
                wanted[ch] = _LETTER_MARK if _is_token_char(ch) else _MARK
            else:
                folded = normalize(ch)
                if not _is_token_char(ch) and not any(_is_token_char(c) for c in folded):
                    wanted[ch] = ch  # "…", "″": a separator either way
                    continue
                if len(folded) != 1 or _is_token_char(ch) != _is_token_char(folded):
                    continue
                if _is_token_char(ch) and not _WORD.fullmatch(ch):
                    continue
                if any(normalize(ch + m) != folded for m in _MARKS_THAT_COMPOSE):
                    continue  # a letter NFKC would compose with a following mark into another letter
                wanted[ch] = folded
    replace = {ch: out for ch, out in wanted.items() if ch.lower() != out}
    covered = {
        ch
        for ch, out in wanted.items()
        if len(ch.lower()) == 1 and replace.get(ch.lower(), ch.lower()) == out and ch.lower() in wanted
    }
    replace = {ch: out for ch, out in replace.items() if ch in covered}
    common = tuple(ch for ch in _COMMON if ch in replace)
    rare = set(replace) - set(common)
    lowered = {ch: ch.lower() for ch in covered if ch.lower() in rare}
    # One search over the document finds both what stops the fold and what it must replace.
    return _Table(re.compile(f"[^{_char_class(covered - set(lowered))}]"), lowered, common, replace, _split())


def _split() -> re.Pattern[str]:
    """A word of the folded text: what ``text._WORD`` finds in the original (one class, no
    alternation: the letter mark is a word character already).

    The class is ``[^\\W_]`` (``str.isalnum``) spelled out over the Basic Multilingual Plane,
    where every character of a folded text lies: the regex engine tests such a class with one
    bitmap read a character, and the Unicode category test of ``[^\\W_]`` with several (a fifth
    of the time of a document's split).
    """
    word = _char_class(chr(code) for code in range(0x10000) if chr(code).isalnum())
    return re.compile(f"([{word}]+(?:{_MARK}+[{word}]*)*)")


# Hamza and alef forms, ta marbuta, alef maqsura: in nearly every Arabic text, hundreds of times,
# so they are looked for by ``in``; a search for all the others then finds few.
_COMMON = ("\u0629", "\u0623", "\u0649", "\u0625", "\u0626", "\u0624", "\u0622")


def _char_class(chars: Iterable[str]) -> str:
    codes = sorted(ord(c) for c in chars)
    ranges: list[str] = []
    start = prev = codes[0]
    for code in [*codes[1:], -1]:
        if code != prev + 1:
            ranges.append(f"\\U{start:08x}" if start == prev else f"\\U{start:08x}-\\U{prev:08x}")
            start = code
        prev = code
    return "".join(ranges)


@dataclass(frozen=True, slots=True)
class Folded:
    """A document in matching form.

    ``wide`` has the original's length (marks as placeholders); ``norm`` drops the marks, as
    ``normalize`` does.
    """

    doc: str
    wide: str
    norm: str
    marked: bool  # whether ``wide`` holds placeholders (and ``norm`` is shorter)

    def words(self) -> Words:
        """The tokens of the document, exactly as ``text.tokens`` gives them."""
        parts = _table().split.split(self.wide)  # separator, word, separator, word, ..., separator
        bounds = list(accumulate(map(len, parts)))
        found = parts[1::2]
        starts = bounds[0:-1:2]
        ends = bounds[1::2]
        if not self.marked:
            return Words(found, starts, ends)
        norms = "\0".join(found).replace(_MARK, "").replace(_LETTER_MARK, "").split("\0")
        if "" in norms:  # a lone tatweel is a word of no letters: no token
            keep = [i for i, n in enumerate(norms) if n]
            return Words([norms[i] for i in keep], [starts[i] for i in keep], [ends[i] for i in keep])
        return Words(norms, starts, ends)


def fold(doc: str) -> Folded | None:
    """The matching form of a whole document, or ``None`` when it has a character not covered."""
    if doc.isascii():  # English copy: "_" is the one ASCII character not covered, and none folds
        if "_" in doc:
            return None
        lowered = doc.lower()
        return Folded(doc, lowered, lowered, False)
    table = _table()
    special = set(table.special.findall(doc))
    if not special <= table.lowered.keys():
        return None  # a character not covered
    wide = doc.lower()
    for ch in table.common:
        if ch in wide:
            wide = wide.replace(ch, table.replace[ch])
    for ch in {table.lowered[c] for c in special}:  # (no common character folds into one of these)
        wide = wide.replace(ch, table.replace[ch])
    if _MARK not in wide and _LETTER_MARK not in wide:
        return Folded(doc, wide, wide, False)
    return Folded(doc, wide, wide.replace(_MARK, "").replace(_LETTER_MARK, ""), True)


def doc_words(doc: str) -> tuple[Words, Folded | None]:
    """Tokens of a document in one pass when it can be folded whole, else word by word."""
    folded = fold(doc)
    return (folded.words() if folded is not None else Words.of_text(doc)), folded


@dataclass(frozen=True, slots=True)
class _Key:
    stem: bool  # the word may go on ("صاروخ*"); otherwise it ends where the token ends
    clitics: bool  # it may follow an attached clitic (otherwise it must start a token)


class Starts:
    """An Aho-Corasick automaton over the first words of terms or of place names."""

    def __init__(self, keys: Iterable[tuple[str, bool, bool]], clitics: Iterable[str] = ()) -> None:
        """``keys``: (word in matching form, whether it is a stem, whether it may carry clitics);
        ``clitics``: the attached prefixes such a word may carry (و, بال, لل ...)."""
        merged: dict[str, _Key] = {}
        for word, stem, attached in keys:
            if word:
                old = merged.get(word, _Key(False, False))
                merged[word] = _Key(old.stem or stem, old.clitics or attached)
        self._clitics = frozenset(clitics)
        self._longest = max(map(len, self._clitics), default=0)
        self._automaton = ahocorasick.Automaton()
        for word, key in merged.items():
            self._automaton.add_word(word, (len(word), key))
        self._empty = not merged
        if not self._empty:
            self._automaton.make_automaton()

    def words_in(self, norm: str) -> set[str]:
        """The keys that occur as words: at a token's start, or after an attached clitic."""
        found: set[str] = set()
        if self._empty:
            return found
        for last, (size, key) in self._automaton.iter(norm):
            start = last - size + 1
            head = start
            while head > 0 and start - head <= self._longest and norm[head - 1].isalnum():
                head -= 1
            if head < start and not (key.clitics and norm[head:start] in self._clitics):
                continue  # inside a word, not after a clitic
            if not key.stem and last + 1 < len(norm) and norm[last + 1].isalnum():
                continue  # a whole word that goes on
            found.add(norm[start : last + 1])
        return found


class WordStarts:
    """The keys of a term table that say where a term may start: one word, or two ("في حال": not
    every "في"), each at a token's start or after an attached clitic (or, for a stem, at the start
    of a longer word).

    Each key is searched in the tokens joined by single spaces, as " " + an attached clitic (or
    none) + the key, with a space after it when its last word must end there: every match is a
    token that may start a term, with no false starts inside other words.
    """

    def __init__(self, keys: Iterable[tuple[str, bool]], clitics: Iterable[str]) -> None:
        """``keys``: (one or two words in matching form, whether the last is a stem that may go on)."""
        self._keys = [(key, stem) for key, stem in keys if key]
        self._prefixes = ("", *clitics)

    def patterns(self) -> Iterator[str]:
        for key, stem in self._keys:
            for prefix in self._prefixes if _ARABIC.match(key) else ("",):  # clitics attach to Arabic words
                yield f" {prefix}{key}" + ("" if stem else " ")


class StartIndex:
    """Where the keys of several tables (``WordStarts``) start in a document's tokens: one
    Aho-Corasick automaton over all their patterns, one pass over the tokens joined by spaces."""

    def __init__(self, tables: Iterable[WordStarts]) -> None:
        self._tables = tuple(tables)
        owners: dict[str, int] = {}  # pattern -> the tables that have it, one bit each
        for k, table in enumerate(self._tables):
            for pattern in table.patterns():
                owners[pattern] = owners.get(pattern, 0) | (1 << k)
        self._automaton = ahocorasick.Automaton()
        # In sorted order, the trie's nodes are allocated near their parents: the walk over a
        # document touches less memory (a few per cent faster in the whole analysis).
        for pattern in sorted(owners):
            self._automaton.add_word(pattern, (len(pattern), owners[pattern]))
        self._empty = not owners
        if not self._empty:
            self._automaton.make_automaton()

    def positions(self, norms: list[str]) -> list[list[int]]:
        """For each table, the indices of the tokens at which one of its keys starts."""
        if self._empty or not norms:
            return [[] for _ in self._tables]
        found: list[set[int]] = [set() for _ in self._tables]
        joined = " " + " ".join(norms) + " "
        # A match starts at the space before its token; ``spaces[i]`` is where token i's stands.
        spaces = list(map(add, accumulate(map(len, norms), initial=0), count()))
        for last, (size, tables_bits) in self._automaton.iter(joined):
            index = bisect_left(spaces, last - size + 1)
            for k, starts in enumerate(found):
                if tables_bits >> k & 1:
                    starts.add(index)
        return [sorted(starts) for starts in found]
