"""Attack detection: which sentences report an attack, of what type, where, and how recent (pure).

This room reads one article sentence by sentence. A sentence *mentions an attack* when it has
a weapon or attack word together with evidence that something happened (an event verb, an
outcome, a number of projectiles); denials, threats, exercises, arms deals and sport make
such words harmless. Each mention gets a recency (``current`` or ``past``) from its time words,
background words ("similar", "since", "these attacks") or, without either, from the mention
before it when it adds no new place. Places in a current mention are its targets, except the
dateline and launch origins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from wirewatch.core.gazetteer import Gazetteer, PlaceMention
from wirewatch.core.lexicon import ATTACK_TYPES, Lexicon, TermHit, default_lexicon, word_forms
from wirewatch.core.numbers import VAGUE, dual_of, number_word
from wirewatch.core.recency import TimeRef, decide, find_time_refs
from wirewatch.core.text import Token, normalize, split_sentences, tokens

# "بغداد – ", "BAGHDAD (Reuters) - ", "Erbil, Iraq — ": where the report was filed, not a target.
_DATELINE = re.compile(r"^\s*[^\n–—:-]{2,45}?\s+[–—-]{1,2}\s+")
_DUAL_STEMS = tuple(normalize(s) for s in ("صاروخ", "قذيفة", "طائرة", "مسيرة", "عبوة", "هجوم", "غارة"))
_ORIGIN_WORDS = frozenset(normalize(w) for w in ("من", "from"))
# Before "from X", these make X where the attack or the convoy came from, not its target.
_LAUNCH_WORDS = frozenset(
    normalize(w)
    for w in (
        "أطلق",
        "أطلقت",
        "انطلقت",
        "اطلقت",
        "قادمة",
        "القادمة",
        "القادم",
        "قادم",
        "القادمين",
        "آتية",
        "انطلاقا",
        "launched",
        "fired",
        "coming",
        "arriving",
        "travelling",
        "traveling",
        "heading",
        "flown",
    )
)
_ARTICLE_ONE = frozenset(("a", "an", "one", normalize("واحد"), normalize("واحدة")))
_PLURAL_ATTACKS = frozenset(normalize(w) for w in ("هجمات", "هجوما", "attacks", "strikes", "incidents"))


@dataclass(frozen=True, slots=True)
class Article:
    """What the core needs of an article; the workers build it from a topic record."""

    id: str
    title: str
    text: str
    url: str = ""
    outlet: str = ""
    published: datetime | None = None
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """One sentence's attack mention."""

    sentence: int
    start: int
    end: int
    types: tuple[str, ...]
    recency: str  # "current" | "past"
    recency_reason: str
    places: tuple[str, ...]
    origins: tuple[str, ...]
    projectiles: int | None
    killed: int | None
    wounded: int | None
    no_casualties: bool
    intercepted: bool
    terms: tuple[TermHit, ...] = field(repr=False)
    place_mentions: tuple[PlaceMention, ...] = field(repr=False)
    time_refs: tuple[TimeRef, ...] = field(repr=False)


@dataclass(frozen=True, slots=True)
class Rejected:
    """A sentence with attack words that was not counted, and why (for ``explain``)."""

    sentence: int
    start: int
    end: int
    reason: str
    terms: tuple[TermHit, ...] = field(repr=False)


@dataclass(frozen=True, slots=True)
class Detection:
    """Everything the detector found in one article."""

    doc: str  # title and text as analyzed (offsets point into this)
    dateline: tuple[int, int] | None
    mentions: tuple[Mention, ...]
    rejected: tuple[Rejected, ...]
    claimed_by: tuple[str, ...]

    @property
    def current(self) -> tuple[Mention, ...]:
        return tuple(m for m in self.mentions if m.recency == "current")

    @property
    def attack(self) -> bool:
        return bool(self.current)


def compose(article: Article) -> tuple[str, tuple[int, int] | None]:
    """Title and text as one document, and the span of the text's dateline if it has one."""
    title = article.title.strip()
    text = article.text.strip()
    if text.startswith(title) and title:
        title = ""  # some feeds repeat the headline as the first line of the body
    head = f"{title}\n" if title else ""
    match = _DATELINE.match(text)
    dateline = None
    if match and len(match.group(0).split()) <= 6:
        dateline = (len(head) + match.start(), len(head) + match.end())
    return head + text, dateline


def detect(article: Article, gazetteer: Gazetteer, lexicon: Lexicon | None = None) -> Detection:
    lexicon = lexicon or default_lexicon()
    doc, dateline = compose(article)
    toks = tokens(doc)
    hits = lexicon.find(toks)
    places = gazetteer.resolve(toks, gazetteer.find(toks))
    if dateline:
        places = [p for p in places if not (dateline[0] <= p.start < dateline[1])]
    mentions: list[Mention] = []
    rejected: list[Rejected] = []
    for index, (start, end) in enumerate(split_sentences(doc)):
        first = _first_token(toks, start)
        last = _first_token(toks, end) - 1
        if first > last:
            continue
        s_toks = toks[first : last + 1]
        s_hits = [h for h in hits if first <= h.first <= last]
        s_places = [p for p in places if first <= p.first <= last]
        outcome = _mention(
            index,
            start,
            end,
            first,
            s_toks,
            s_hits,
            s_places,
            article.published,
            gazetteer,
            mentions[-1] if mentions else None,
        )
        if isinstance(outcome, Mention):
            mentions.append(outcome)
        elif outcome is not None:
            rejected.append(outcome)
    return Detection(doc, dateline, tuple(mentions), tuple(rejected), _claimants(toks, hits))


def _first_token(toks: Sequence[Token], offset: int) -> int:
    lo, hi = 0, len(toks)
    while lo < hi:
        mid = (lo + hi) // 2
        if toks[mid].start < offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _labels(hits: Sequence[TermHit]) -> set[str]:
    return {h.label for h in hits}


def _mention(
    index: int,
    start: int,
    end: int,
    offset: int,
    toks: Sequence[Token],
    hits: list[TermHit],
    places: list[PlaceMention],
    published: datetime | None,
    gazetteer: Gazetteer,
    previous: Mention | None,
) -> Mention | Rejected | None:
    labels = _labels(hits)
    weapons = [h for h in hits if h.label.startswith("weapon:")]
    if not weapons and "attack" not in labels:
        return None
    words = [t.norm for t in toks]
    projectiles = _projectiles(words, [h for h in weapons], offset)
    killed = _count_near(words, [h for h in hits if h.label == "killed"], offset)
    wounded = _count_near(words, [h for h in hits if h.label == "wounded"], offset)
    evidence = labels & {"event", "physical", "killed", "wounded", "no_casualties", "intercepted"}
    if not evidence and projectiles is None:
        return Rejected(index, start, end, "attack words without an event", tuple(hits))
    if (
        not weapons
        and not labels & {"killed", "wounded", "physical", "target_noun"}
        and not any(gazetteer.places[p.place_id].kind in ("base", "site") for p in places)
    ):
        return Rejected(
            index, start, end, "attack word without a weapon, a military target or harm", tuple(hits)
        )
    reason = _harmless(labels)
    if reason:
        return Rejected(index, start, end, reason, tuple(hits))

    refs = find_time_refs(toks, published)
    background = "background" in labels
    decided = decide(refs, background) if refs else None
    place_ids = tuple(dict.fromkeys(p.place_id for p in places if not _is_origin(words, p.first - offset)))
    origins = tuple(dict.fromkeys(p.place_id for p in places if _is_origin(words, p.first - offset)))
    if decided is not None:
        when, why = decided, "time: " + ", ".join(r.text for r in refs)
    elif "background" in labels:
        when, why = "past", "background: " + ", ".join(h.term for h in hits if h.label == "background")
    elif _aggregate(words):
        when, why = "past", "a count of many attacks"
    elif previous is not None and set(place_ids) <= set(previous.places):
        when, why = previous.recency, f"continues sentence {previous.sentence + 1}"
    else:
        when, why = "current", "no time words: the article's own news"
    return Mention(
        sentence=index,
        start=start,
        end=end,
        types=_types(hits, words, offset),
        recency=when,
        recency_reason=why,
        places=most_specific(place_ids, gazetteer),
        origins=origins,
        projectiles=projectiles,
        killed=killed,
        wounded=wounded,
        no_casualties="no_casualties" in labels and not killed and not wounded,
        intercepted="intercepted" in labels,
        terms=tuple(hits),
        place_mentions=tuple(places),
        time_refs=tuple(refs),
    )


def _harmless(labels: set[str]) -> str | None:
    physical = bool(labels & {"physical", "killed", "wounded"})
    if "sport" in labels and not labels & {"killed", "wounded"}:
        return "sport"
    if "deny" in labels and "responsibility" not in labels:
        return "denial"
    if "exercise" in labels and not physical:
        return "exercise or test"
    if "deal" in labels and not physical:
        return "arms deal or delivery"
    if "threat" in labels and not physical:
        return "threat or warning"
    return None


def _types(hits: Sequence[TermHit], words: Sequence[str], offset: int) -> tuple[str, ...]:
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


def _projectiles(words: Sequence[str], weapons: Sequence[TermHit], offset: int) -> int | None:
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


def _count_near(words: Sequence[str], hits: Sequence[TermHit], offset: int) -> int | None:
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


def _is_origin(words: Sequence[str], i: int) -> bool:
    """ "launched from Syria", "أطلقت من ...", "القادمة من الكويت": where the attack came from."""
    if i <= 0 or words[i - 1] not in _ORIGIN_WORDS:
        return False
    return any(f in _LAUNCH_WORDS for w in words[max(0, i - 6) : i - 1] for f in word_forms(w))


def _aggregate(words: Sequence[str]) -> bool:
    """ "نحو ثلاثين هجوما", "dozens of attacks": many attacks counted, none reported."""
    for i, w in enumerate(words):
        if any(f in _PLURAL_ATTACKS for f in word_forms(w)):
            for j in (i - 1, i - 2):
                if j >= 0 and (words[j] in VAGUE or (number_word(words[j]) or 0) >= 3):
                    return True
    return False


def most_specific(place_ids: Sequence[str], gazetteer: Gazetteer) -> tuple[str, ...]:
    """Drop a country when a place inside it is also named (it is implied by the hierarchy)."""
    kept = []
    for pid in place_ids:
        if gazetteer.places[pid].kind == "country" and any(
            other != pid and gazetteer.within(other, pid) for other in place_ids
        ):
            continue
        kept.append(pid)
    return tuple(kept)


_CLAIM_STOP = frozenset(
    normalize(w) for w in ("الهجوم", "مسؤولية", "المسؤولية", "عن", "the", "responsibility", "attack")
)


def _claimants(toks: Sequence[Token], hits: Sequence[TermHit]) -> tuple[str, ...]:
    """Who claimed the attack: the words after an Arabic claim verb, before an English one."""
    out: list[str] = []
    for h in hits:
        if h.label != "claim":
            continue
        if "\u0600" <= h.term[0] <= "\u06ff":
            words = []
            for t in toks[h.last + 1 : h.last + 6]:
                if t.norm in _CLAIM_STOP:
                    break
                words.append(t.norm)
        else:
            words = [t.norm for t in toks[max(0, h.first - 3) : h.first] if t.norm not in _CLAIM_STOP]
        if words:
            out.append(" ".join(words))
    return tuple(dict.fromkeys(out))
