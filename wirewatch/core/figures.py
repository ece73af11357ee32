"""Figures of an attack report: types, projectile counts, casualties, claimants (pure).

Reads the matched terms of one sentence: which weapon types it names (a missile term covers the
rocket word inside it), how many projectiles (digits, number words, Arabic duals), how many
killed and wounded, whether it only counts many past attacks, and who claimed it.
"""

from __future__ import annotations

from collections.abc import Sequence

from wirewatch.core.lexicon import ATTACK_TYPES, TermHit, word_forms
from wirewatch.core.numbers import VAGUE, dual_of, number_word
from wirewatch.core.text import normalize

_DUAL_STEMS = tuple(normalize(s) for s in ("صاروخ", "قذيفة", "طائرة", "مسيرة", "عبوة", "هجوم", "غارة"))


_ARTICLE_ONE = frozenset(("a", "an", "one", normalize("واحد"), normalize("واحدة")))


_PLURAL_ATTACKS = frozenset(normalize(w) for w in ("هجمات", "هجوما", "attacks", "strikes", "incidents"))


GENERIC_ROCKET = frozenset(("صاروخ*", "صواريخ*"))


def attack_types(hits: Sequence[TermHit]) -> tuple[str, ...]:
    found: dict[str, list[TermHit]] = {}
    for h in hits:
        if h.label.startswith("weapon:"):
            found.setdefault(h.label.split(":", 1)[1], []).append(h)
    # A missile term covers the rocket word inside it ("صاروخ باليستي"); a drone strike is not
    # also an airstrike; a suicide car bomb is a suicide attack, not also an IED.
    if "missile" in found and "rocket" in found:
        missile_tokens = {i for h in found["missile"] for i in range(h.first, h.last + 1)}
        if all(h.first in missile_tokens for h in found["rocket"]):
            del found["rocket"]
    if "drone" in found:
        found.pop("airstrike", None)
    if "suicide" in found:
        found.pop("ied", None)
    types = [t for t in ATTACK_TYPES if t in found]
    return tuple(types) or ("other",)


def count_projectiles(words: Sequence[str], weapons: Sequence[TermHit], offset: int) -> int | None:
    best: int | None = None
    for h in weapons:
        i = h.first - offset
        head = words[i]
        forms = word_forms(head)
        if any(dual_of(f, _DUAL_STEMS) for f in forms) or normalize("طائرتين") in forms:
            value: int | None = 2
        else:
            value = None
            for j in (i - 1, i - 2):
                if 0 <= j < len(words):
                    n = number_word(words[j])
                    if n is not None and (
                        j == i - 1 or words[j + 1] in VAGUE or words[j + 1] in ("of", "من")
                    ):
                        value = n
                        break
                    if words[j] in VAGUE:
                        break
            if value is None and i + 1 < len(words):
                n = number_word(words[i + 1])  # "صواريخ ثلاثة"
                value = n if n is not None and words[i + 1] not in _ARTICLE_ONE else None
        if value is not None and 0 < value < 1000:
            best = max(best or 0, value)
    return best


def count_near(words: Sequence[str], hits: Sequence[TermHit], offset: int) -> int | None:
    total: int | None = None
    for h in hits:
        i = h.first - offset
        for j in (i + 1, i - 1, i - 2, i - 3, i + 2):
            if 0 <= j < len(words) and words[j] not in _ARTICLE_ONE:
                n = number_word(words[j])
                if n is not None and n < 1000 and not (1900 <= n <= 2100):
                    total = max(total or 0, n)
                    break
    return total


def aggregate(words: Sequence[str]) -> bool:
    """ "نحو ثلاثين هجوما", "dozens of attacks": many attacks counted, none reported."""
    for i, w in enumerate(words):
        if any(f in _PLURAL_ATTACKS for f in word_forms(w)):
            for j in (i - 1, i - 2):
                if j >= 0 and (words[j] in VAGUE or (number_word(words[j]) or 0) >= 3):
                    return True
    return False


_CLAIM_STOP = frozenset(
    normalize(w) for w in ("الهجوم", "مسؤولية", "المسؤولية", "عن", "the", "responsibility", "attack")
)


def claimants(norms: Sequence[str], hits: Sequence[TermHit]) -> tuple[str, ...]:
    """Who claimed the attack: the words after an Arabic claim verb, before an English one."""
    out: list[str] = []
    for h in hits:
        if h.label != "claim":
            continue
        if "\u0600" <= h.term[0] <= "\u06ff":
            words = []
            for norm in norms[h.last + 1 : h.last + 6]:
                if norm in _CLAIM_STOP:
                    break
                words.append(norm)
        else:
            words = [n for n in norms[max(0, h.first - 3) : h.first] if n not in _CLAIM_STOP]
        if words:
            out.append(" ".join(words))
    return tuple(dict.fromkeys(out))
