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
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from wirewatch.core.dateline import reference_time
from wirewatch.core.figures import (
    ARMED_MEN,
    GENERIC_ROCKET,
    Claims,
    aggregate,
    attack_types,
    claimants,
    count_near,
    count_projectiles,
    dual_count,
)
from wirewatch.core.focus import fit_to_focus
from wirewatch.core.furniture import without_furniture
from wirewatch.core.gazetteer import Gazetteer, PlaceMention
from wirewatch.core.genre import genre
from wirewatch.core.lexicon import FOLLOWS, Lexicon, TermHit, default_lexicon, is_trigger, word_forms
from wirewatch.core.recency import CURRENT_DAYS, TimeRef, decide, find_time_refs
from wirewatch.core.roles import (
    after_word,
    in_response,
    is_attacker,
    is_attribute,
    is_base_in_use,
    is_boundary,
    is_calm,
    is_destination,
    is_flown_over,
    is_funeral,
    is_grounded,
    is_issued_at,
    is_landmark,
    is_media_title,
    is_office,
    is_origin,
    is_outlet,
    is_reference,
    is_reference_point,
    is_retracted,
    is_route,
    is_spared,
    is_speaker,
    is_speakers_post,
    is_staging,
    is_street,
    is_unit,
    is_victims_attack,
    is_village,
    most_specific,
    other_clause,
    other_time,
    recent_afters,
    response_point,
    target_place,
    time_zone,
)
from wirewatch.core.scan import fold
from wirewatch.core.senses import held_sense, other_sense
from wirewatch.core.text import Words, normalize, split_sentences, tokens

# The headline and the first sentences: where a news report says what happened. An undated
# attack mentioned first further down is background, not the article's news.
LEAD_SENTENCES = 3
# An attack dated this many days back, told as an article's news, is a late report: still news to
# an analyst who has not heard of it (the alert policy decides what it triggers).
LATE_DAYS = 7
# Words that open another news item within an article: its first undated attack is news too.
_NEW_ITEM = (
    *(
        tuple(normalize(p).split())
        for p in (
            "من جهة أخرى",
            "من جهة ثانية",
            "من جهة اخرى",
            "في غضون ذلك",
            "إلى ذلك",
            "الى ذلك",
            "ميدانيا",
            "في سياق متصل",
            "في سياق آخر",
            "على صعيد آخر",
            "على صعيد متصل",
            "في تطور آخر",
            "في تطور اخر",
            "meanwhile",
            "elsewhere",
            "separately",
            "in another development",
            "in a separate",
        )
    ),
)

# "بغداد – ", "BAGHDAD (Reuters) - ", "Erbil, Iraq — ": where the report was filed, not a target;
# "واشنطن - بغداد - ": filed from two cities (a second one of one or two names).
_NAME = r"(?:[A-Z\u0600-\u06FF][^\s–—:-]*)"
_DATELINE = re.compile(
    r"^\s*[^\n–—:-]{2,45}?\s+[–—-]{1,2}\s+(?:(?:" + _NAME + r"\s+)?" + _NAME + r"\s+[–—-]{1,2}\s+)?"
)


# A wire's note on what an update changed, above the dateline: "(Adds U.S. official on injuries)".
_UPDATE_NOTE = re.compile(
    r"\s*\((?:Adds?|Updates?|Updated|Recasts?|Changes|Corrects|Rewrites|Releads|Writes through|Refiles"
    r"|Repeats|Inserts|Clarifies|Fixes|Removes)\b[^()\n]{0,300}\)\s*"
)


# Longest text analyzed (characters): a longer one is cut and the article marked ``truncated``,
# so that no article can stall a stage. The poller cuts its records to the same length.
MAX_TEXT = 200_000


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
    categories: tuple[str, ...] = ()  # the feed's sections ("Opinion", "رياضة"), when it gives them
    truncated: bool = False  # the text was cut to MAX_TEXT

    @classmethod
    def bounded(cls, id: str, title: str, text: str, **fields: Any) -> Article:
        """An article with its title and text cut to MAX_TEXT (and marked) when longer."""
        cut = len(title) > MAX_TEXT or len(text) > MAX_TEXT or bool(fields.pop("truncated", False))
        return cls(id, title[:MAX_TEXT], text[:MAX_TEXT], truncated=cut, **fields)


@dataclass(frozen=True, slots=True)
class Mention:
    """One sentence's attack mention."""

    sentence: int
    start: int
    end: int
    types: tuple[str, ...]
    recency: str  # "current" | "late" (2 to 7 days old, reported as the news) | "past"
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
    # Arabic صاروخ/صواريخ name rockets and missiles alike: true when that is the only rocket word.
    generic_rocket: bool = field(default=False, repr=False)


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
    reference: datetime | None  # what time words are read against (core.dateline)
    dateline: tuple[int, int] | None
    mentions: tuple[Mention, ...]
    rejected: tuple[Rejected, ...]
    claims: Claims

    @property
    def current(self) -> tuple[Mention, ...]:
        return tuple(m for m in self.mentions if m.recency == "current")

    @property
    def late(self) -> tuple[Mention, ...]:
        return tuple(m for m in self.mentions if m.recency == "late")

    @property
    def attack(self) -> bool:
        return bool(self.current)


def compose(article: Article) -> tuple[str, tuple[int, int] | None]:
    """Title and text as one document, and the span of the text's dateline if it has one."""
    title = article.title.strip()
    text = without_furniture(article.text).strip()
    note = _UPDATE_NOTE.match(text)
    if note:
        text = text[note.end() :]
    if text.startswith(title) and title:
        title = ""  # some feeds repeat the headline as the first line of the body
    head = f"{title}\n" if title else ""
    match = _DATELINE.match(text)
    dateline = None
    # "BAGHDAD, Jan 8 (Reuters) -", "بغداد، 18 أكتوبر تشرين الأول (رويترز) -": the agency in
    # brackets allows a longer date.
    if match and len(match.group(0).split()) <= (9 if "(" in match.group(0) else 6):
        dateline = (len(head) + match.start(), len(head) + match.end())
    return head + text, dateline


def detect(
    article: Article, gazetteer: Gazetteer, lexicon: Lexicon | None = None, fast: bool = True
) -> Detection:
    """The attack mentions of an article.

    ``fast`` folds and tokenizes the whole document at once and probes only the tokens an
    automaton points at (``core.scan``); ``fast=False`` probes every token of ``text.tokens``.
    Both give the same detection (a test compares them on the evaluation sets). A document that
    does not fold (a "_" or a ligature in it) is tokenized word by word, then read as fast.
    """
    lexicon = lexicon or default_lexicon()
    doc, dateline = compose(article)
    folded = fold(doc) if fast else None
    if folded is not None and not lexicon.may_have_trigger(folded.norm):
        return Detection(
            doc, None, dateline, (), (), Claims()
        )  # most news: no attack words, no tokens needed
    # The reference path reads ``text.tokens``; a document that does not fold, the same tokens
    # from one split.
    words = folded.words() if folded is not None else Words.of_text(doc) if fast else Words.of(tokens(doc))
    if fast and folded is None and not lexicon.may_have_trigger(" ".join(words.norms)):
        return Detection(doc, None, dateline, (), (), Claims())  # the same first pass on its tokens
    # Where terms, place names and demonyms may start (every token on the reference path).
    starts: list[list[int]] | list[None] = (
        gazetteer.start_index(lexicon.starts).positions(words.norms) if fast else [None, None, None]
    )
    hits = lexicon.find(words, positions=starts[0])
    if not any(is_trigger(h.label) for h in hits):
        return Detection(doc, None, dateline, (), (), Claims())
    hits = _type_corrections(_inside_phrases(hits), words.norms)
    reference = reference_time(article.text, article.published)
    spans = [
        (index, start, end, words.first_at(start), words.first_at(end) - 1)
        for index, (start, end) in enumerate(split_sentences(doc))
    ]
    found = gazetteer.find(words, starts[1])
    places = gazetteer.resolve(words, found, doc)
    named = [p for p in places if gazetteer.places[p.place_id].kind != "country"]  # before the focus
    datelined: list[str] = []
    if dateline:
        datelined = [
            p.place_id
            for p in places
            if dateline[0] <= p.start < dateline[1] and gazetteer.places[p.place_id].kind != "country"
        ]
        places = [p for p in places if not (dateline[0] <= p.start < dateline[1])]
    ranges = [(first, last) for _, _, _, first, last in spans]
    demonyms = (
        [d for d in gazetteer.demonyms_in(words.norms, starts[2]) if not _attacker(words.norms, d[0])]
        if places
        else []
    )
    places = fit_to_focus(
        places, gazetteer, ranges, ranges[0] if article.title.strip() and ranges else None, demonyms
    )
    sentences = []
    for index, start, end, first, last in spans:
        if first <= last:
            sentences.append(
                _Sentence(
                    index,
                    start,
                    end,
                    first,
                    words.norms[first : last + 1],
                    [h for h in hits if first <= h.first <= last],
                    [p for p in places if first <= p.first <= last],
                )
            )
    article_labels = {h.label for h in hits}
    # A denial denies the article's attack unless it dates what it denies further back ("Moscow
    # denied an earlier raid on May 31"). One in the lead denies the whole article; one further
    # down denies only the attacks on the places it names ("Damascus denied bombing hospitals"
    # at the end of a car-bomb report denies a side claim, not the car bomb).
    denials = [
        s
        for s in sentences
        if _is_denial(s.labels) and not any(r.kind == "past" for r in find_time_refs(s.words, reference))
    ]
    first_report = next((s.index for s in sentences if _attacky(s.labels)), None)
    # '"There was no attack," he said' below the lead, right after a sentence about a place, denies
    # what that sentence told (a false alarm at another base), not the article's attack.
    told_before = {
        s.index: _told_before(sentences, k, gazetteer)
        for k, s in enumerate(sentences)
        if s in denials and s.index >= LEAD_SENTENCES and not _names_a_place(s, named)
    }
    denied_everywhere = any(
        ("no_event" in s.labels and not _names_a_place(s, named) and not told_before.get(s.index))
        or (s.index < LEAD_SENTENCES and s.index == first_report)
        for s in denials
    )
    # The places a denial names after its verb: "the committee heads to Erbil ... and both
    # governments denied there was any Israeli headquarters" denies nothing in Erbil.
    denied_places = {
        p.place_id
        for s in denials
        for p in s.places
        if gazetteer.places[p.place_id].kind != "country"
        and any(
            h.label in _DENY and h.first < p.first and not _affirmed_between(s, h.last, p.first)
            for h in s.hits
        )
    } | {place for told in told_before.values() for place in told}
    sport_words = sum(1 for h in hits if h.label == "sport")
    # Players come back injured: many sport words outweigh "wounded", never "killed".
    sporty = (sport_words >= 3 and not article_labels & {"killed", "wounded"}) or (
        sport_words >= _MANY_SPORT_WORDS and "killed" not in article_labels
    )
    frame: str | None = "sport" if sporty else None
    if frame is None:
        frame = _GENRE_FRAMES.get(genre(article.title, article.url, article.categories))
    titled = bool(sentences) and article.title.strip() != ""
    live = titled and _live_page(sentences[0])
    if frame is None and titled and not live:
        frame = _title_frame(article.title, sentences[0])
    # Bases and sites the headline names beside a weapon ("... and rockets on Balad air base")
    in_title = [s for s in sentences if titled and s.start < len(article.title.strip())]
    headline_sites = (
        frozenset(
            p.place_id
            for s in in_title
            for p in s.places
            if gazetteer.places[p.place_id].kind in ("base", "site")
        )
        if any(h.label.startswith("weapon:") for s in in_title for h in s.hits)
        else frozenset()
    )
    # The other senses the headline gives its words hold down the story (core.senses.held_sense).
    headline_senses = {
        h.term: sense
        for s in in_title
        for h in s.hits
        if is_trigger(h.label) and (sense := other_sense(h, s.words, s.offset))
    }
    mentions: list[Mention] = []
    rejected: list[Rejected] = []
    lead: Mention | None = None
    dated_lead: int | None = None  # a lead sentence that dates the news without itself counting
    opener: _Sentence | None = None  # "On Sunday, it was the turn of the US base in al-Shaddadi."
    sites_told_past: dict[str, int] = {}  # bases of the attacks told as earlier, and where first told
    for position, told in enumerate(sentences):
        sentence = _the_strikes(told, lead, words)
        outcome = _mention(
            sentence,
            reference,
            gazetteer,
            mentions[-1] if mentions else None,
            lead,
            dated_lead,
            opener,
            headline_sites,
            headline_senses if sentence not in in_title else {},
            sites_told_past,
        )
        # an opener dates only the sentence right after it
        opener = sentence if outcome is None and _opens_item(sentence, gazetteer, reference) else None
        if isinstance(outcome, Mention):
            denied = denied_everywhere or bool(denied_places & _lineages(outcome.places, gazetteer))
            at_base = any(gazetteer.places[p].kind in ("base", "site") for p in outcome.places)
            reason = _framed_out(outcome, sentence, frame, denied, at_base)
            if reason is not None:
                outcome = Rejected(sentence.index, sentence.start, sentence.end, reason, tuple(sentence.hits))
        if isinstance(outcome, Mention):
            mentions.append(outcome)
            _note_sites_told_past(outcome, gazetteer, sites_told_past)
            # "C-RAM intercepts rockets" says nothing the next lines follow; nor does an undated
            # mention below the lead, read as background (a dated one after it leads instead)
            if (
                not outcome.recency_reason.startswith(_GENERAL)
                and outcome.recency_reason != _UNDATED_BACKGROUND
            ):
                lead = lead or outcome
        elif outcome is None and dated_lead is None and sentence.index < LEAD_SENTENCES:
            if (
                sentence.labels & {"killed", "wounded"}
                and "funeral" not in sentence.labels  # a funeral's day is not the attack's
                and any(r.kind == "current" for r in find_time_refs(sentence.words, reference))
            ):
                dated_lead = sentence.index  # "killed in separate security incidents today", then the details
        elif outcome is not None:
            rejected.append(outcome)
            if (
                dated_lead is None
                and sentence.index < LEAD_SENTENCES
                and outcome.reason in _UNPROVEN
                and any(r.kind == "current" for r in find_time_refs(sentence.words, reference))
            ):
                dated_lead = sentence.index  # "اليوم الأحد ... بعد استهداف قاعدتين", then the details
        # The headline (or the first sentence that speaks of an attack) says what the article is
        # about: a denial, a trial, a test... Later sentences are read in that frame.
        if frame is None and isinstance(outcome, Rejected) and position <= 1 and lead is None and not live:
            frame = outcome.reason if outcome.reason in _FRAMING else None
    mentions, rejected = _false_alarms(mentions, rejected, sentences)
    asides = {s.index for s in sentences if s.words and s.words[0] in _ASIDE}
    mentions = _date_the_headline(mentions, article.title.strip() != "", asides, gazetteer)
    mentions = _casualties_in_paragraph(mentions, sentences, doc)
    mentions = _places_in_next_sentence(mentions, sentences, doc, gazetteer, reference)
    mentions = _at_the_dateline(mentions, datelined)
    return Detection(doc, reference, dateline, tuple(mentions), tuple(rejected), claimants(doc, words, hits))


# "وفي سوريا، قال المرصد إن الضربات استهدفت مواقع في الميادين": below a current air strike, "the
# strikes" are those air strikes, though an Arabic ضربات alone is no weapon (penalty kicks, blows).
_THE_STRIKES = frozenset(normalize(w) for w in "الضربات والضربات الضربة والضربة".split())


def _the_strikes(sentence: _Sentence, lead: Mention | None, words: Words) -> _Sentence:
    """``sentence`` with "the strikes" read as air strikes when it follows a current air strike and
    names no weapon or attack of its own but says something happened ("targeted", "hit")."""
    if (
        lead is None
        or lead.recency != "current"
        or "airstrike" not in lead.types
        or _attacky(sentence.labels)
    ):
        return sentence
    for k, word in enumerate(sentence.words):
        at = sentence.offset + k
        # the verb must be another word: "الضربات" is itself an event form of ضرب
        if word in _THE_STRIKES and any(
            h.label == "event" and not h.first <= at <= h.last for h in sentence.hits
        ):
            hit = TermHit("weapon:airstrike", at, at, words.starts[at], words.ends[at], word)
            return replace(sentence, hits=sorted([*sentence.hits, hit], key=lambda h: h.first))
    return sentence


def _at_the_dateline(mentions: list[Mention], datelined: Sequence[str]) -> list[Mention]:
    """ "BASRA – ... A Katyusha rocket fell late last night a few streets from the market": when no
    current attack of the article names a place, the dateline's city is where it struck."""
    current = [m for m in mentions if m.recency == "current"]
    if len(datelined) != 1 or not current or any(m.places for m in current):
        return mentions
    first = current[0]
    return [
        replace(m, places=tuple(datelined), recency_reason=m.recency_reason + "; at the dateline's city")
        if m is first
        else m
        for m in mentions
    ]


# A later sentence that says what the sounds were: "the sounds came from a controlled detonation
# of old ordnance", "ما حدث هو اختبار دوري لمنظومة سي رام", "الحريق نجم عن ارتفاع درجات الحرارة".
_EXPLAINED = frozenset(("accident", "exercise", "simulated"))
_EXPLAINED_REACH = 2  # sentences after the attack told
_WHAT_WAS_HEARD = frozenset(
    normalize(w)
    for w in """الأصوات الاصوات أصوات الدوي دوي الانفجارات حدث جرى الحريق sounds sound noise noises
    bangs blasts explosions happened""".split()
)


def _harms(hits: Sequence[TermHit]) -> bool:
    """Someone was killed or wounded: "ولم تسجل إصابات" (no injuries were recorded) harms no one."""
    spared = {k for h in hits if h.label == "no_casualties" for k in range(h.first, h.last + 1)}
    return any(h.label in ("killed", "wounded") and h.first not in spared for h in hits)


def _false_alarms(
    mentions: list[Mention], rejected: list[Rejected], sentences: Sequence[_Sentence]
) -> tuple[list[Mention], list[Rejected]]:
    """Attacks that hurt no one, told before a sentence explaining what was heard as an accident, a
    controlled detonation or a test: a false alarm, not an attack."""
    explaining = [
        s.index
        for s in sentences
        if s.labels & _EXPLAINED and not _harms(s.hits) and any(w in _WHAT_WAS_HEARD for w in s.words)
    ]
    if not explaining:
        return mentions, rejected
    kept: list[Mention] = []
    for m in mentions:
        later = next((k for k in explaining if 0 < k - m.sentence <= _EXPLAINED_REACH), None)
        if later is not None and not any(h.label in ("killed", "wounded") for h in m.terms):
            reason = f"a false alarm: sentence {later + 1} says what was heard"
            rejected.append(Rejected(m.sentence, m.start, m.end, reason, m.terms))
        else:
            kept.append(m)
    return kept, sorted(rejected, key=lambda r: r.sentence)


# A word inside a longer phrase of another label means that phrase: "the counter-attack killed the
# game off" harms no one, "لم تقع إصابات" (no injuries happened) denies no attack, "كتائب سيد
# الشهداء" is a militia's name, a counter-rocket system fires no rocket.
_INSIDE = {
    "sport": ("killed", "wounded"),
    "no_casualties": ("no_event", "deny"),
    "group_name": ("killed",),
    "called_a_threat": ("threat",),
    # "counter-rocket system", "counter-drone", "shooting down two of them"
    "intercepted": ("weapon:rocket", "weapon:drone", "weapon:shooting"),
    "weapon:drone": ("weapon:suicide",),  # "طائرة مسيرة انتحارية" is a drone
}


def _inside_phrases(hits: list[TermHit]) -> list[TermHit]:
    """The hits less those that are words of a sport idiom or of a no-casualties phrase."""
    covered = {
        (label, k) for h in hits for label in _INSIDE.get(h.label, ()) for k in range(h.first, h.last + 1)
    }
    if not covered:
        return hits
    return [h for h in hits if (h.label, h.first) not in covered]


# "ينفي ... استهداف قاعدة الحبانية، ويؤكد أن الهجوم اقتصر على عين الأسد": what the denial then
# confirms is not denied.
_AFFIRMING = frozenset(
    normalize(w)
    for w in """يؤكد ويؤكد أكد وأكد مؤكدا مؤكدة اقتصر لكن ولكن بل but confirmed confirming only""".split()
)


def _affirmed_between(sentence: _Sentence, denial_end: int, place_start: int) -> bool:
    between = sentence.words[denial_end - sentence.offset + 1 : place_start - sentence.offset]
    return any(w in _AFFIRMING for w in between)


def _type_corrections(hits: list[TermHit], norms: Sequence[str]) -> list[TermHit]:
    """ "A drone, not a rocket, hit the base", "قذيفتا هاون وليس صواريخ": a weapon right before "not
    a rocket" corrects the type and denies nothing. The hits less that "not" phrase and the weapon
    it sets aside."""
    weapons = [h for h in hits if h.label.startswith("weapon:")]
    ends = {h.last for h in weapons}
    dropped: set[int] = set()
    for w in weapons:  # "هما قذيفتا هاون عيار 82 ملم، وليسا صاروخين"
        if w.first > 0 and norms[w.first - 1] in _NOT_AR and any(0 < w.first - 1 - e <= 4 for e in ends):
            dropped.add(id(w))
    for h in hits:
        if h.label != "no_event" or not h.term.startswith(("not ", "rather than ")):
            continue
        inside = [w for w in weapons if h.first <= w.first <= h.last]
        if inside and h.first - 1 in ends:
            dropped.add(id(h))
            dropped.update(id(w) for w in inside)
    return [h for h in hits if id(h) not in dropped] if dropped else hits


_NOT_AR = frozenset(normalize(w) for w in "وليس وليسا وليست ليس ليسا ليست لا".split())


def _casualties_in_paragraph(
    mentions: list[Mention], sentences: Sequence[_Sentence], doc: str
) -> list[Mention]:
    """ "Two rockets hit the base. Two soldiers were killed and three wounded.": the toll in the
    next sentence of the same paragraph belongs to the attack that has none of its own."""
    by_index = {s.index: s for s in sentences}
    counted = {m.sentence for m in mentions}
    out = []
    for m in mentions:
        following = by_index.get(m.sentence + 1)
        if (
            m.killed is None
            and m.wounded is None
            and not m.no_casualties
            and following is not None
            and following.index not in counted
            and "\n\n" not in doc[m.end : following.start]
        ):
            killed, wounded = _toll(following)
            if killed is not None or wounded is not None:
                out.append(replace(m, killed=killed, wounded=wounded))
                continue
        out.append(m)
    return out


# "The base lies south of al-Tanf": a sentence that says where a place is, not what was hit.
_LOCATED = frozenset(normalize(w) for w in "يقع تقع الواقعة الواقع يقعان located lies situated".split())


def _places_in_next_sentence(
    mentions: list[Mention],
    sentences: Sequence[_Sentence],
    doc: str,
    gazetteer: Gazetteer,
    published: datetime | None,
) -> list[Mention]:
    """ "US warplanes struck two sites early on Thursday. The targets were a depot near al-Qaim in
    Anbar and a site in Jurf al-Sakhar.": the next sentence of the paragraph, with no attack word
    of its own but words of a hit or a toll, names where the attack was."""
    by_index = {s.index: s for s in sentences}
    counted = {m.sentence for m in mentions}
    out = []
    for m in mentions:
        following = by_index.get(m.sentence + 1)
        if m.recency != "current" or following is None:
            out.append(m)
            continue
        naming = _naming_sentence(m, by_index, counted, gazetteer)
        for extra, source in (
            (_hit_places(m, following, counted, doc, gazetteer, published), following),
            (_named_site(naming, gazetteer) if naming is not None else [], naming or following),
        ):
            places = most_specific(tuple(dict.fromkeys((*m.places, *extra))), gazetteer)
            if places != m.places:
                out.append(replace(m, places=places, place_mentions=(*m.place_mentions, *source.places)))
                break
        else:
            out.append(m)
    return out


_NAMING_REACH = 8  # sentences after an attack on "a base in northeast Jordan" read for its name


def _naming_sentence(
    m: Mention, by_index: dict[int, _Sentence], counted: set[int], gazetteer: Gazetteer
) -> _Sentence | None:
    """The first of the next few sentences that names the site of an attack on an unnamed base
    ("... a base in northeast Jordan." ... "Officials said the base is Tower 22."), before any other
    attack is told; the next sentence only when the attack already has a base."""
    named_base = any(gazetteer.places[p].kind in ("base", "site") for p in m.places)
    for k in range(1, 2 if named_base else _NAMING_REACH + 1):
        sentence = by_index.get(m.sentence + k)
        if sentence is None:
            continue  # a sentence with no term and no place tells no other attack
        if k > 1 and sentence.index in counted:
            return None
        if (
            _names_the_site(sentence.words)
            or _hosts(sentence, gazetteer)
            or _attack_on_a_base(sentence, gazetteer)
        ) and not (k > 1 and _attacky(sentence.labels)):
            return sentence
    return None


def _hit_places(
    m: Mention,
    following: _Sentence,
    counted: set[int],
    doc: str,
    gazetteer: Gazetteer,
    published: datetime | None,
) -> list[str]:
    """The targets of a next sentence with words of a hit or a toll and no attack word of its own."""
    if not (
        following.index not in counted
        and following.places
        and "\n\n" not in doc[m.end : following.start]
        and following.labels & {"event", "physical", "killed", "wounded"}
        and not following.labels & {"attack", "background", "aftermath", "threat", "conditional", "no_event"}
        and not any(label.startswith("weapon:") for label in following.labels)
        and not any(r.kind == "past" for r in find_time_refs(following.words, published))
        and not _LOCATED.intersection(following.words)
    ):
        return []
    words, offset = following.words, following.offset
    return [
        target_place(gazetteer, words, p, offset)
        for k, p in enumerate(following.places)
        if not is_boundary(words, p.first - offset)
        and not is_origin(words, p.first - offset)
        and not is_reference(words, p.first - offset)
        and not is_route(words, p.first - offset)
        and not time_zone(words, p.first - offset, p.last - offset)
        and not _not_a_target(
            words,
            p.first - offset,
            p.last - offset,
            k > 0,
            len(following.places) > 1,
            speaks=gazetteer.places[p.place_id].kind not in _SILENT,
        )
    ]


def _named_site(following: _Sentence, gazetteer: Gazetteer) -> list[str]:
    """The base a next sentence names as the site ("The site, known as Tower 22, ..."): the first
    one; others it names say what the site is near or supports."""
    if not (
        _names_the_site(following.words)
        or _hosts(following, gazetteer)
        or _attack_on_a_base(following, gazetteer)
    ):
        return []
    words, offset = following.words, following.offset
    return [
        p.place_id
        for k, p in enumerate(following.places)
        if gazetteer.places[p.place_id].kind in ("base", "site")
        and not _not_the_base(gazetteer, words, following.places, k, offset)
    ][:1]


# "The site, known as Tower 22, houses ...", "وتعرف القاعدة باسم ...": the next sentence names the
# base the attack sentence called "a small outpost".
_SITE_WORDS = frozenset(
    normalize(w)
    for w in "site base outpost position installation camp facility garrison".split()
    + "القاعدة الموقع النقطة المعسكر".split()
)
_KNOWN_AS = frozenset(
    normalize(w)
    for w in "known called named referred dubbed المعروفة المعروف تعرف يعرف المسماة المسمى".split()
)


_IS = frozenset(("is", "was", "identified"))


_HOSTS = frozenset(normalize(w) for w in "hosts houses تضم تستضيف".split())


def _hosts(sentence: _Sentence, gazetteer: Gazetteer) -> bool:
    """ "Tower 22 hosts roughly 350 Army and Air Force personnel": a base that opens the sentence
    as what hosts the troops names the site."""
    first = sentence.places[0] if sentence.places else None
    if first is None or gazetteer.places[first.place_id].kind not in ("base", "site"):
        return False
    start, end = first.first - sentence.offset, first.last - sentence.offset
    opening = [w for w in sentence.words[:start] if w not in ("the", "this")]
    return not opening and end + 1 < len(sentence.words) and sentence.words[end + 1] in _HOSTS


def _jordan_outpost(
    gazetteer: Gazetteer,
    words: Sequence[str],
    places: Sequence[PlaceMention],
    offset: int,
    place_ids: tuple[str, ...],
) -> tuple[str, ...]:
    """ "a drone attack on a base in northeastern Jordan near the Syrian border", "على موقع عسكري في
    شمال شرق الأردن": the U.S. outpost there is Tower 22, which the first reports do not name."""
    if _JORDAN not in place_ids or _TOWER_22 not in gazetteer.places or _TOWER_22 in place_ids:
        return place_ids
    for p in places:
        i = p.first - offset
        if p.place_id != _JORDAN or i < 2:
            continue
        before = set(words[max(0, i - 4) : i])
        north_east = (bool(before & _NORTH) and bool(before & _EAST)) or bool(before & _NORTHEAST)
        if north_east and any(f in _OUTPOST_WORDS for w in words[max(0, i - 8) : i] for f in word_forms(w)):
            return tuple(_TOWER_22 if q == _JORDAN else q for q in place_ids)
    return place_ids


_JORDAN, _TOWER_22 = "JO", "tower-22"
_NORTH = frozenset(normalize(w) for w in "north شمال شمالي".split())
_EAST = frozenset(normalize(w) for w in "east eastern شرق شرقي".split())
_NORTHEAST = frozenset(normalize(w) for w in "northeast northeastern".split())
_OUTPOST_WORDS = frozenset(
    normalize(w) for w in "base outpost site garrison قاعدة القاعدة موقع موقعا موقعاً الموقع نقطة".split()
)


def _reduced_relative(words: Sequence[str], first: int, last: int) -> bool:
    """ "the remains of three soldiers killed in a drone attack were carried off": a participle that
    says who the dead were, not something that happened in this sentence (no "were" before it)."""
    before = words[first - 1] if first > 0 else ""
    after = words[last + 1] if last + 1 < len(words) else ""
    return (
        words[first] in _PARTICIPLES
        and first > 0
        and before not in _AUXILIARIES
        and before.isascii()
        and after in ("in", "by", "during")
    )


_PARTICIPLES = frozenset("killed wounded injured hurt".split())
_AUXILIARIES = frozenset("were was been be are is have has had being and".split())


def _attack_on_a_base(sentence: _Sentence, gazetteer: Gazetteer) -> bool:
    """ "The attack on the K-1 base, which hosts U.S. forces, was the deadliest ...": the attack
    told before, opening the sentence with the base it hit."""
    first = sentence.places[0] if sentence.places else None
    if first is None or gazetteer.places[first.place_id].kind not in ("base", "site"):
        return False
    opening = [w for w in sentence.words[: first.first - sentence.offset] if w not in ("the", "this")]
    return opening == ["attack", "on"]


def _names_the_site(words: Sequence[str]) -> bool:
    """ "The site, known as Tower 22, ...", "officials said the base is Tower 22", or "officials
    identified the site as Tower 22"."""
    opening = [w for w in words[:3] if w not in ("the", "this")]
    if opening and opening[0] in _SITE_WORDS and _KNOWN_AS.intersection(words[:8]):
        return True
    # "The attack on the outpost, known as Tower 22, was the first to kill ...": the attack told
    # before, and the name of the site it hit
    attack_on = [w for w in words[:5] if w not in ("the", "this")]
    if attack_on[:2] == ["attack", "on"] and attack_on[2:3] and attack_on[2] in _SITE_WORDS:
        return bool(_KNOWN_AS.intersection(words[:10]))
    return any(
        w in _SITE_WORDS
        and (words[k + 1] in _IS or (words[k + 1] == "as" and "identified" in words[max(0, k - 2) : k]))
        for k, w in enumerate(words[:15])
        if k + 1 < len(words)
    )


def _toll(sentence: _Sentence) -> tuple[int | None, int | None]:
    """Killed and wounded counts of a sentence ("مقتل جنديين", "three were wounded")."""
    words, offset = sentence.words, sentence.offset
    killed_hits = [h for h in sentence.hits if h.label == "killed"]
    wounded_hits = [h for h in sentence.hits if h.label == "wounded"]
    killed = count_near(words, killed_hits, offset) or dual_count(words, killed_hits, offset)
    wounded = count_near(words, wounded_hits, offset) or dual_count(words, wounded_hits, offset)
    return killed, wounded


# Words that make attack words harmless, read within this many words of one (a clause).
CLAUSE = 8
_CONTEXTS = frozenset(
    (
        "civil",
        "court",
        "verdict",
        "sport",
        "visit",
    )
)
_DATED = ("time", "late report")
_KNOWN_DATED = "a known attack its own clause dates back"
_GENERAL = "no time words, no place, no figure"


_LONG_AGO_DAYS = 60


def _long_ago(mention: Mention) -> bool:
    days = [r.days_ago for r in mention.time_refs if r.days_ago is not None]
    return bool(days) and min(days) > _LONG_AGO_DAYS


# Weapons that are fired at a place (not "shot", "attack" or "striker", which sport shares)
_FIRED_WEAPONS = frozenset(
    ("weapon:drone", "weapon:rocket", "weapon:missile", "weapon:mortar", "weapon:ied", "weapon:airstrike")
)
_STRUCK = frozenset(("attack", "killed", "wounded"))
_SINCE = frozenset(normalize(w) for w in ("since", "منذ"))
# "يذكر أن البلدة ...", "يشار إلى أن": a reminder of the background, which dates no headline
_ASIDE = frozenset(normalize(w) for w in ("يذكر", "ويذكر", "يشار", "ويشار"))


def _date_the_headline(
    mentions: list[Mention], has_title: bool, asides: Set[int], gazetteer: Gazetteer
) -> list[Mention]:
    """An undated headline is about the attack the body first dates ("Contractor hurt in Balad
    rocket attack" over "in last week's rocket attack on Balad"); undated sentences that followed
    the headline follow it."""
    if (
        not has_title
        or not mentions
        or mentions[0].sentence != 0
        or mentions[0].recency_reason.startswith(_DATED)
    ):
        return mentions
    # The lead's "arrested over the attack that targeted the base last Monday" dates it too.
    dated = next(
        (
            m
            for k, m in enumerate(mentions[1:], start=1)
            if m.sentence not in asides
            # "more than 150 attacks since October": a tally's time dates no single attack
            and not (
                m.recency == "past"
                and any(t.label == "background" and normalize(t.term) in _SINCE for t in m.terms)
            )
            # "In the wake of the 2013 attack" far below the lead: background, not the news
            and not (m.recency == "past" and m.sentence >= LEAD_SENTENCES and _long_ago(m))
            and _same_places(
                [p for told in mentions[:k] for p in told.places],
                m.places or [p.place_id for p in m.place_mentions],  # "attacks in Kabul on Friday"
                gazetteer,
            )
            and (
                m.recency_reason.startswith(_DATED)
                or (m.recency_reason.startswith(_KNOWN_DATED) and m.sentence < LEAD_SENTENCES)
            )
        ),
        None,
    )
    if dated is None or dated.recency == mentions[0].recency:
        return mentions
    why = f"headline dated by sentence {dated.sentence + 1}"
    out = [replace(mentions[0], recency=dated.recency, recency_reason=why)]
    for m in mentions[1:]:
        inherited = (
            m.recency_reason.startswith(("undated", "continues", "no time words: the article"))
            and m.sentence < dated.sentence
        )
        out.append(replace(m, recency=dated.recency, recency_reason=why) if inherited else m)
    return out


def _same_places(told: Sequence[str], dating: Sequence[str], gazetteer: Gazetteer) -> bool:
    """Whether a dated mention may tell the attack of the headline and the sentences before it:
    they share a place below the country ("Kunduz" and "Khan Abad in Kunduz"), or one side names
    none (a country alone may be the attacker's). A bombing in Kunduz is not dated by "the Kabul
    attacks three days ago" further down."""
    places = gazetteer.places

    def below_country(ids: Sequence[str]) -> set[str]:
        return {p for p in _lineages(ids, gazetteer) if p in places and places[p].kind != "country"}

    mine, theirs = below_country(told), below_country(dating)
    return not (mine and theirs) or bool(mine & theirs)


@dataclass(slots=True)  # not frozen: built by the thousand, a frozen init costs four times more
class _Sentence:
    index: int
    start: int
    end: int
    offset: int
    words: list[str]  # the matching forms of its tokens
    hits: list[TermHit]
    places: list[PlaceMention]

    @property
    def labels(self) -> set[str]:
        return {h.label for h in self.hits}


# Rejection reasons that say what a whole article is about when its headline has them.
_FRAMING = frozenset(
    (
        "sport",
        "denial",
        "exercise or test",
        "arms deal or delivery",
        "threat or warning",
        "a court case",
        "a sentence carried out",
        "politics",
        "an accident or a controlled explosion",
        "peaceful or criminal use, not an attack",
        "a condition or hypothesis",
        "a permission, agreement or plan",
        "a reaction to an attack",
        "care after an attack",
        "forces sent or stationed, not an attack",
        "a halt or a truce",
        "defused or stopped before it went off",
        "peaceful or criminal use, not an attack",
        "weapons found or seized",
    )
)
# "Fire at an arms depot blamed on the heat": only explosions with no weapon named are that accident.
_HEADLINE_ACCIDENT = "an accident named in the headline"
# Title words that frame the article even when the title names no attack.
_TITLE_FRAMES = {
    "deny": "denial",
    "no_event": "denial",
    "threat": "threat or warning",
    "court": "a court case",
    "verdict": "a court case",
    "execution": "a sentence carried out",
    "exercise": "exercise or test",
    "simulated": "exercise or test",
    "visit": "exercise or test",
    "deal": "arms deal or delivery",
    "accident": _HEADLINE_ACCIDENT,
}


# Pieces that are not news reports (core.genre): only a dated attack counts in them.
_GENRE_FRAMES = {"opinion": "analysis", "feature": "analysis", "sport": "sport"}


_LIVE = frozenset(normalize(w) for w in ("live", "مباشر", "مباشرة", "لحظة"))


def _live_page(title: _Sentence) -> bool:
    """ "Live: strikes, threats and diplomacy on day 34": a live page's headline lists its day's
    topics, and each entry is news of its own, so the headline frames nothing."""
    return any(w in _LIVE for w in title.words[:3])


def _title_frame(title: str, first: _Sentence) -> str | None:
    """What a headline says the article is about, when that is not a new attack."""
    labels = first.labels
    if "fact_check" in labels:
        return "denial"
    if "aftermath" in labels:
        return "aftermath of an attack"
    if labels & {"reaction", "aftercare", "funeral"}:
        return "a reaction to an attack"
    if not _attacky(labels):
        if "deal" in labels and all(h.term in _POLITICAL_DEAL for h in first.hits if h.label == "deal"):
            labels = labels - {"deal"}  # "Sinjar deal stalls again": a political deal, not arms
        return next((frame for label, frame in _TITLE_FRAMES.items() if label in labels), None)
    return None


_POLITICAL_DEAL = frozenset(("deal*",))


_MANY_SPORT_WORDS = 5
_DENY = frozenset(("deny", "no_event", "rule_out"))
# A denial of a claim of responsibility, or of a halt ("denied that the campaign was halted"),
# says nothing against the attack.
_NOT_DENIED = frozenset(("responsibility", "halt"))


def _between_in_one(
    gazetteer: Gazetteer,
    words: Sequence[str],
    places: Sequence[PlaceMention],
    offset: int,
    kept: Sequence[str],
) -> tuple[str, ...]:
    """ "a village between Jalawla and Khanaqin": the edges name no target, but when both lie in
    one governorate the attack happened inside it (not "between Kirkuk and Salah al-Din")."""
    edges = [
        p.place_id
        for k, p in enumerate(places)
        if is_boundary(words, p.first - offset)
        # "launched from an area between Altun Kupri and Dibis": where it came from
        and not is_origin(words, p.first - offset)
        and not _near_the_origin(words, places, k, offset)
    ]
    if len(edges) < 2:
        return ()
    areas = {
        next((a for a in gazetteer.lineage(e) if gazetteer.places[a].kind == "governorate"), None)
        for e in edges
    }
    area = next(iter(areas)) if len(areas) == 1 else None
    return (area,) if area is not None and area not in kept else ()


def _told_before(sentences: Sequence[_Sentence], k: int, gazetteer: Gazetteer) -> set[str]:
    """The places below country level that the sentence before sentence ``k`` names; when sentence
    ``k`` speaks of "the base" ("وأضاف أن القاعدة لم تتعرض لأي استهداف"), the bases named before it."""
    if k == 0:
        return set()
    told = {p.place_id for p in sentences[k - 1].places if gazetteer.places[p.place_id].kind != "country"}
    if not _THE_BASE.intersection(sentences[k].words):
        return told
    return told | {
        p.place_id for s in sentences[:k] for p in s.places if gazetteer.places[p.place_id].kind == "base"
    }


# "the base" as a denial's subject: the one the article named (not "bases" in general).
_THE_BASE = frozenset(normalize(w) for w in "القاعدة base".split())


_BASES = frozenset(normalize(w) for w in "bases airbases قواعد القواعد قاعدتي قاعدتين".split())
_AND = frozenset(("and", "&"))


def _listed_base(
    gazetteer: Gazetteer, words: Sequence[str], places: Sequence[PlaceMention], k: int, offset: int
) -> str | None:
    """ "bases hosting US troops at Al-Asad and Irbil", "قاعدتي/قواعد ... في عين الأسد وأربيل": a town
    listed after a base, where the sentence speaks of bases, names the one base in that town."""
    if k == 0:
        return None
    before, mention = places[k - 1], places[k]
    base = gazetteer.base_in(mention.place_id)
    if base is None or gazetteer.places[before.place_id].kind != "base":
        return None
    gap = words[before.last - offset + 1 : mention.first - offset]
    joined = (len(gap) == 1 and gap[0] in _AND) or (not gap and words[mention.first - offset].startswith("و"))
    first = before.first - offset
    return base if joined and _BASES.intersection(words[max(0, first - 12) : first]) else None


def _the_same(words: Sequence[str], attack_terms: Sequence[TermHit], offset: int) -> bool:
    """The sentence's first attack word is "the strikes", "the attack": the one just told."""
    first = min(attack_terms, key=lambda h: h.first).first - offset
    return first > 0 and words[first - 1] == "the" and words[first] in _THE_SAME


_THE_SAME = frozenset("strike strikes attack attacks raid raids airstrike airstrikes".split())


_REPORTING = frozenset("said says adding added saying told stated announced confirmed".split())


def _backshifted(words: Sequence[str], i: int) -> bool:
    """ "the command said, adding that none of the personnel had been hurt": reported speech puts
    the verb one tense back; nothing here is older than the report."""
    before = words[max(0, i - 12) : i]
    if "that" not in before:
        return False
    k = max(j for j, w in enumerate(before) if w == "that")
    return any(w in _REPORTING for w in words[max(0, i - 18) : i - len(before) + k])


def _opens_item(sentence: _Sentence, gazetteer: Gazetteer, published: datetime | None) -> bool:
    """A sentence with no term that gives a day of the news and a place ("On Sunday, it was the turn
    of the US base in al-Shaddadi."): the next attack sentence without time words or places is that
    day's, at that place."""
    return (
        all(h.label in _OPENER_LABELS for h in sentence.hits)
        and any(gazetteer.places[p.place_id].kind != "country" for p in sentence.places)
        and any(r.kind == "current" for r in find_time_refs(sentence.words, published))
    )


_OPENER_LABELS = frozenset(("target_noun", "source"))


def _opened_sites(opener: _Sentence, gazetteer: Gazetteer) -> tuple[str, ...]:
    """The bases and sites an opening sentence names ("the US base in al-Shaddadi")."""
    targets = (target_place(gazetteer, opener.words, p, opener.offset) for p in opener.places)
    return tuple(dict.fromkeys(t for t in targets if gazetteer.places[t].kind in ("base", "site")))


def _names_a_place(sentence: _Sentence, named: Sequence[PlaceMention]) -> bool:
    """A "there was no attack" that names where ("al-Tanf, which was not attacked") denies that
    place only."""
    last = sentence.offset + len(sentence.words) - 1
    return any(sentence.offset <= p.first <= last for p in named)


def _lineages(place_ids: Sequence[str], gazetteer: Gazetteer) -> set[str]:
    return {p for place_id in place_ids if place_id in gazetteer.places for p in gazetteer.lineage(place_id)}


# "a U.S. drone", "غارات إسرائيلية", "Turkish jets": the attacker's nationality, which says nothing of
# where the attack was (a focus on the United States would drop "east Baghdad").
_ARMED = frozenset(
    normalize(w)
    for w in (
        "قوات القوات طائرة طائرات مسيرة مسيرات غارة غارات ضربة ضربات قصف صواريخ صاروخ الطيران طيران"
        " مقاتلات forces troops drone drones jets warplanes strike strikes airstrike airstrikes missiles"
        " missile rockets aircraft"
    ).split()
)


def _attacker(norms: Sequence[str], position: int) -> bool:
    return any(w in _ARMED for w in norms[max(0, position - 2) : position + 3] if w)


def _since_yesterday(refs: Sequence[TimeRef]) -> bool:
    """Every time in the sentence says today or yesterday (the report's day and the attack's)."""
    days = [r.days_ago for r in refs if r.kind == "current" and r.days_ago is not None]
    return bool(days) and max(days) <= 1 and all(r.kind == "current" for r in refs)


def _attacky(labels: set[str]) -> bool:
    return any(is_trigger(label) for label in labels)


def _is_denial(labels: set[str]) -> bool:
    # "the attack caused no damage, urging citizens not to follow rumours": an appeal beside what
    # the attack did denies nothing; "not to follow rumours of an attack on the base" does.
    appeal = "appeal" in labels and bool(labels & {"event", "physical", "no_casualties", "killed", "wounded"})
    return _attacky(labels) and bool(labels & _DENY) and not labels & _NOT_DENIED and not appeal


_FOLLOWED = ("undated: read like the lead", "continues sentence")
_AFTER_LABELS = frozenset(("aftermath", "aftercare", "funeral", "reaction"))  # news that follows an attack


def _framed_out(
    mention: Mention, sentence: _Sentence, frame: str | None, denied: bool, at_base: bool = False
) -> str | None:
    """Why a mention does not count given what the article is about, or ``None`` when it does."""
    labels = sentence.labels
    explicit_now = any(r.explicit for r in mention.time_refs)
    physical = bool(labels & {"physical", "killed", "wounded"})
    if denied and not (explicit_now and physical and "hearsay" not in labels):
        return "the article denies the attack"
    if (
        frame is not None
        and _starts_item(sentence)
        and any(r.kind == "current" for r in mention.time_refs)
        and not labels & _AFTER_LABELS
    ):
        return None  # "Meanwhile, a drone was shot down near Harir late on Monday": news of its own
    if (
        frame == "a reaction to an attack"
        and _starts_item(sentence)
        and physical
        and mention.places
        and not labels & _AFTER_LABELS
    ):
        # Iraq's protest at US strikes, then "In Syria, a monitor said US strikes on Albu Kamal
        # killed 23": the other front's strikes are news of their own
        return None
    if frame is not None and mention.recency in ("current", "late"):
        # A follow-up ("the launcher used in last night's attack was found") still reports a recent
        # attack when it dates it; a denial, a trial or a test needs a dated, physical one.
        if frame in ("aftermath of an attack", "analysis", "a reaction to an attack"):
            # an undated sentence that reads like a counted, dated one before it is dated by it
            # ("the committee investigating the drone attack ... said on Friday": the saying's day)
            dated_now = any(
                r.kind == "current"
                and not _aftermath_time(r, mention, sentence)
                and not (frame == "aftermath of an attack" and _reporting_time(sentence.words, r, reach=2))
                for r in mention.time_refs
            ) or (mention.recency_reason.startswith(_FOLLOWED))
            if not dated_now:
                return f"the article is about something else ({frame})"
        elif frame == "threat or warning" and physical and _since_yesterday(mention.time_refs):
            return None  # "vows to respond to Sunday's drone attack that killed three soldiers", on Monday
        elif (
            frame == "politics"
            and mention.recency == "current"
            and mention.recency_reason.startswith("time:")
            and all(r.kind == "current" for r in mention.time_refs)
        ):
            return None  # an election story that tells "rockets were fired at the embassy early on Friday"
        elif frame == "sport" and at_base and labels & _FIRED_WEAPONS and labels & _STRUCK:
            return None  # the match stopped because "drones had attacked Erbil International Airport"
        elif frame == _HEADLINE_ACCIDENT:
            if set(mention.types) <= {"other"} and not labels & {"killed", "wounded"}:  # the blaze's
                return f"the article is about something else ({frame})"
        elif not (explicit_now and physical):
            return f"the article is about something else ({frame})"
    return None


def _aftermath_time(ref: TimeRef, mention: Mention, sentence: _Sentence) -> bool:
    """ "أعلنت اليوم القبض على خلية تورطت في استهداف أرتال": a time before the arrest, and the
    arrest before the attack word, is the arrest's ("on Friday attended the transfer of the
    soldiers killed in the drone attack": the visit's)."""
    attacks = [h.first - sentence.offset for h in mention.terms if is_trigger(h.label) or h.label == "event"]
    return bool(attacks) and any(
        ref.last < h.first - sentence.offset < min(attacks)
        for h in mention.terms
        if h.label in ("aftermath", "aftercare", "funeral") and normalize(h.term) not in _CAUSED_BY
    )


# "أصيب ضابطان أمس إثر تفجير": wounded by the bombing, at its time
_CAUSED_BY = frozenset(normalize(w) for w in ("إثر", "اثر", "عقب"))


_IN = frozenset(normalize(w) for w in ("في", "وفي", "in", "and"))
_WAS = frozenset(normalize(w) for w in ("وكان", "وكانت", "وكانا", "وكانتا", "وكانوا", "كان", "كانت"))
_QAD = normalize("قد")


def _pluperfect(words: Sequence[str]) -> bool:
    """ "وكانت قاعدة عين الأسد ... قد تعرضت": a sentence that opens with "had" tells what came
    before the news (the Arabic pluperfect, its parts apart); not "وكان المتحدث قد صرح", which
    reports the news itself."""
    if not words or words[0] not in _WAS or _QAD not in words[1:14]:
        return False
    q = words.index(_QAD, 1)
    return q + 1 < len(words) and not (set(word_forms(words[q + 1])) & _REPORTING)


def _starts_item(sentence: _Sentence) -> bool:
    """A sentence that opens another news item: "Meanwhile, ...", "ميدانيا، ...", "وفي الرمادي، ..."."""
    words = sentence.words
    if any(tuple(words[k : k + len(m)]) == m for m in _NEW_ITEM for k in range(min(3, len(words)))):
        return True
    if len(words) > 2 and all(w.isdigit() and len(w) <= 2 for w in words[:2]):
        return True  # "22:40 - ...": an entry of a live blog
    opener = 2 if words[:2] == ["and", "in"] else 1
    return (
        bool(words) and words[0] in _IN and any(p.first - sentence.offset == opener for p in sentence.places)
    )


_CLAUSE_OF_ATTACK = 4  # words after an attack word whose verb is the attack's own clause
_RELATIVE = frozenset(normalize(w) for w in "الذي التي الذين اللذين اللتين اللاتي which that who".split())
# "Drones target Ain al-Assad and Harir bases as Iraqi factions threaten US": a clause of its own
# after the attack tells what else is going on; its threat, talks or reaction do not frame the
# attack.
_WHILE = frozenset(normalize(w) for w in "as while amid بينما فيما وسط".split())
_CIRCUMSTANCES = frozenset(("threat", "politics", "reaction"))


def _circumstance(words: Sequence[str], hit: TermHit, anchors: Sequence[int], offset: int) -> bool:
    """A context word after every attack word, behind "as"/"while"/"amid" (بينما، فيما، وسط)."""
    if hit.label not in _CIRCUMSTANCES or not anchors or hit.first < max(anchors):
        return False
    return any(words[k] in _WHILE for k in range(max(anchors) - offset + 1, hit.first - offset))


def _launch_area(words: Sequence[str], hit: TermHit, offset: int) -> bool:
    """ "قذائف هاون أُطلقت من منطقة زراعية", "rockets fired from farmland": where the attack came from
    is no crop-spraying."""
    if hit.label != "civil":
        return False
    i = hit.first - offset
    before = words[max(0, i - 3) : i]
    return any(w in _FROM_WORDS for w in before) and any(
        f in _LAUNCHED for w in words[max(0, i - 6) : i] for f in word_forms(w)
    )


_FROM_WORDS = frozenset(normalize(w) for w in ("من", "from"))
_LAUNCHED = frozenset(
    normalize(w) for w in "أطلقت أطلق اطلقت انطلقت انطلق أطلقتا انطلقتا fired launched".split()
)


_FACILITY_AFTER = frozenset(
    normalize(w)
    for w in """facility facilities camp camps site sites centre center compound compounds base ground
    grounds""".split()
)
_FACILITY_BEFORE = frozenset(normalize(w) for w in "معسكر معسكرات مركز مراكز مقر مقرات قاعدة موقع".split())


def _modifies(
    words: Sequence[str],
    hit: TermHit,
    offset: int,
    label: str,
    stems: tuple[str, ...],
    after: frozenset[str],
    before: frozenset[str],
) -> bool:
    """A one-word term of ``label`` that only describes a noun: the noun after it in English
    ("training facility", "launch rails"), before it in Arabic ("معسكر تدريب", "منصات إطلاق")."""
    if hit.label != label or hit.first != hit.last:
        return False
    i = hit.first - offset
    if not words[i].startswith(stems):
        return False
    return (i + 1 < len(words) and words[i + 1] in after) or (i > 0 and words[i - 1] in before)


def _training_site(words: Sequence[str], hit: TermHit, offset: int) -> bool:
    """ "strikes on a training facility", "قصف معسكر تدريب": the training names what was struck."""
    return _modifies(words, hit, offset, "exercise", _TRAINING, _FACILITY_AFTER, _FACILITY_BEFORE)


_TRAINING = ("training", normalize("تدريب"))
_GEAR = frozenset(
    normalize(w)
    for w in """rail rails platform platforms pad pads tube tubes ramp ramps system systems truck
    trucks""".split()
)
_GEAR_BEFORE = frozenset(normalize(w) for w in "منصة منصات منصتي منصتين قاعدة قواعد".split())


def _launch_gear(words: Sequence[str], hit: TermHit, offset: int) -> bool:
    """ "launch rails", "منصات إطلاق": a launcher's parts, no launch."""
    return _modifies(words, hit, offset, "event", _LAUNCH, _GEAR, _GEAR_BEFORE)


_LAUNCH = ("launch", normalize("إطلاق"))

# What a weapon word can name instead of a weapon fired: "drone storage facilities", "ballistic
# missile technology", "مخازن صواريخ".
_THINGS_AFTER = frozenset(
    normalize(w)
    for w in """storage depot depots factory factories technology technologies program programs programme
    programmes production industry stockpile stockpiles warehouse warehouses workshop workshops
    components batteries battery defence defense interceptor interceptors""".split()
)
_STORES = frozenset(
    normalize(w)
    for w in """storage depot depots factory factories warehouse warehouses stockpile stockpiles cache
    caches""".split()
)
_THINGS_BEFORE = frozenset(
    normalize(w) for w in "مخزن مخازن مستودع مستودعات مصنع مصانع ورشة ورش برنامج تكنولوجيا تقنية".split()
)
# "maintain Iraq's fleet of F-16 fighter jets", "طائرة تابعة لسلاح الجو" (a plane of the air force)
_EQUIPMENT = frozenset(normalize(w) for w in "fleet fleets squadron squadrons maintain maintains".split())
# "التابعة لسلاح الجو": right before the air force it belongs to; not "وسائل إعلام تابعة للحوثيين:
# غارات ...", media of one side reporting raids
_BELONGING = frozenset(normalize(w) for w in "تابعة التابعة تابع التابع".split())
_WEAPON_LIST = frozenset(
    normalize(w)
    for w in "and or rocket rockets missile missiles drone drones ballistic cruise long range".split()
)


def _names_a_thing(words: Sequence[str], hit: TermHit, offset: int) -> bool:
    """A weapon word that names where weapons are kept or made, not a weapon fired (the list
    before the noun counts too: "rocket, missile and drone storage facilities"), or aircraft as an
    air force's equipment ("maintain Iraq's fleet of F-16 fighter jets")."""
    if not hit.label.startswith("weapon:"):
        return False
    first, i = hit.first - offset, hit.last - offset + 1
    while i < len(words) and i - first < 8 and words[i] in _WEAPON_LIST:
        i += 1
    return (
        (i < len(words) and words[i] in _THINGS_AFTER)
        or (first > 0 and any(f in _THINGS_BEFORE for f in word_forms(words[first - 1])))
        or _stored(words, first)
        or (
            hit.label == "weapon:airstrike"
            and (
                any(w in _EQUIPMENT for w in words[max(0, first - 4) : first])
                or (first > 0 and words[first - 1] in _BELONGING)
            )
        )
    )


# "strikes destroyed five fighting positions, a VBIED and a mortar system", "دمرت منصة صواريخ":
# weapons destroyed, seized or dismantled are what was hit, not what was fired.
_DESTROYED = frozenset(
    normalize(w)
    for w in """destroyed destroying destroy destroys dismantled dismantling seized seizing seize
    confiscated captured defused
    دمرت دمر دمرنا دمروا تدمير ضبط ضبطت مصادرة صادرت تفكيك فككت""".split()
)
# "destroyed by a drone", "with rockets": the weapon after these did the destroying
_INSTRUMENT = frozenset(normalize(w) for w in "by with using from".split())


def _destroyed_object(words: Sequence[str], hit: TermHit, offset: int, attack_starts: set[int]) -> bool:
    """A weapon word that is the object of "destroyed"/"seized" a few words before it in the same
    clause ("engaged three units and destroyed a rocket-propelled grenade system and a UAV"); not
    when an attack word comes between ("سيارات دمرت في انفجار عبوات ناسفة": the bombs destroyed them)."""
    if not hit.label.startswith("weapon:") or hit.label == "weapon:airstrike":
        return False
    first = hit.first - offset
    for k in range(first - 1, max(-1, first - 13), -1):
        word = words[k]
        if word in _INSTRUMENT or k in attack_starts:
            return False
        if any(f in _DESTROYED for f in word_forms(word)):  # "وتفكيك": and dismantled
            return not words[first].startswith(normalize("ب"))  # "دمرت ... بطائرة مسيرة": the instrument
    return False


def _stored(words: Sequence[str], first: int) -> bool:
    """ "storage sites for rockets, missiles and drones", "caches of mortar rounds": the list of
    weapons after "for"/"of" that follows a store."""
    j = first - 1
    while j >= 0 and first - j < 10 and words[j] in _WEAPON_LIST:
        j -= 1
    return j > 0 and words[j] in ("for", "of") and bool(_STORES.intersection(words[max(0, j - 3) : j]))


_UNDATED_BACKGROUND = "undated and not in the lead: background"
_OPERATIONS = frozenset(
    normalize(t)
    for t in (
        "عملية عسكرية",
        "عمليات عسكرية",
        "عملية أمنية",
        "عمليات أمنية",
        "military operation",
        "military operations",
        "ضمن عمليات",
        "خلال عمليات",
    )
)
_PARADES = frozenset(normalize(w) for w in ("parade", "عرض عسكري"))
_UNPROVEN = frozenset(
    ("attack words without an event", "attack word without a weapon, a military target or harm")
)


def _mention(
    sentence: _Sentence,
    published: datetime | None,
    gazetteer: Gazetteer,
    previous: Mention | None,
    lead: Mention | None,
    dated_lead: int | None = None,
    opener: _Sentence | None = None,
    headline_sites: frozenset[str] = frozenset(),
    headline_senses: dict[str, str] | None = None,
    sites_told_past: Mapping[str, int] | None = None,
) -> Mention | Rejected | None:
    index, start, end, offset = sentence.index, sentence.start, sentence.end, sentence.offset
    hits, places, words = sentence.hits, sentence.places, sentence.words
    triggers = [h for h in hits if is_trigger(h.label)]
    if not triggers:
        return None
    senses = {
        (h.first, h.last, h.label): other_sense(h, words, offset)
        or (held_sense(h, words, offset, headline_senses) if headline_senses else None)
        for h in triggers
    }
    if all(senses.values()):
        sense = next(iter(senses.values()))
        return Rejected(index, start, end, f"another sense of the word: {sense}", tuple(hits))
    attack_starts = {h.first - offset for h in hits if h.label in ("attack", "event")}
    hits = [
        h
        for h in hits
        if not senses.get((h.first, h.last, h.label))
        and not _launch_gear(words, h, offset)
        and not _names_a_thing(words, h, offset)
        and not _destroyed_object(words, h, offset, attack_starts)
    ]
    if not any(is_trigger(h.label) for h in hits):
        return Rejected(
            index, start, end, "weapons named only as things destroyed, seized, kept or made", tuple(hits)
        )
    # A context word counts only in the clause of an attack word: "agricultural land west of the
    # airport" two clauses away does not make the rockets a crop-spraying drone.
    attack_terms = [h for h in hits if is_trigger(h.label)]
    anchors = [h.first for h in attack_terms]
    labels = {
        h.label
        for h in hits
        if not _circumstance(words, h, anchors, offset)
        and not _training_site(words, h, offset)
        and not _launch_area(words, h, offset)
        and (
            h.label not in _CONTEXTS
            or any(abs(h.first - a) <= CLAUSE or abs(h.last - a) <= CLAUSE for a in anchors)
            # "the governor visited the homes the shells fell on": a visit first frames the sentence
            or (h.label == "visit" and any(h.last < a for a in anchors))
        )
    }
    if (
        "exercise" in labels
        and labels & {"killed", "wounded", "event"}
        and all(normalize(h.term) in _PARADES for h in hits if h.label == "exercise")
    ):
        # "a drone exploded over a military parade, killing six": a parade is where it struck
        labels.discard("exercise")
    if (
        attack_terms
        and all(normalize(h.term) in _OPERATIONS for h in attack_terms)
        and not labels & {"killed", "wounded"}
    ):
        # "security operations" that arrested 54, freed hostages: an attack only when it killed
        return Rejected(index, start, end, "a security operation without a toll", tuple(hits))
    if "stray" in labels and any(h.term in ARMED_MEN for h in hits):
        labels.discard("stray")  # gunmen who opened fire on the guests of a wedding attacked them
    if (
        "accident" in labels
        and any(h.label == "weapon:drone" for h in hits)
        and _HOSTILE_DRONE.intersection(words)
    ):
        labels.discard("accident")  # "an unidentified drone crashed near Ain al-Asad": it failed
    weapons = [h for h in hits if h.label.startswith("weapon:")]
    projectiles = count_projectiles(words, list(weapons), offset)
    killed, wounded = _toll(sentence)
    refs = find_time_refs(words, published, clocks=bool(labels & {"killed", "wounded"}))
    # "visited yesterday", "the session held today": the time of another act, never the attack's.
    # "struck ... on Wednesday in response to a string of attacks in recent weeks": the time and
    # the background words after "in response to" are the earlier attacks'.
    answered = response_point(words, [h.first - offset for h in hits if is_trigger(h.label)])
    if answered is not None and not any(r.last < answered for r in refs):
        answered = None  # undated before it: the sentence is dated by what it says of the other
    own_refs = [
        r
        for r in refs
        if not _foreign_time(words, r)
        and not (r.first and is_outlet(words, r.first - 1))
        and (answered is None or r.first < answered)
    ]
    # "said on Friday": the time of the reporting, used only when nothing else dates the attack.
    event_refs = [r for r in own_refs if not _reporting_time(words, r)] or own_refs
    when_refs = _nearest_refs(event_refs, attack_terms, offset, words)
    # An event word of its own ("exploded", "سقط"), not the attack noun read as one ("تفجير").
    # Verbs in a relative clause ("the bombing that happened") describe the attack referred to.
    spans = {(h.first, h.last) for h in attack_terms}
    acted = any(
        h.label in ("event", "physical")
        and (h.first, h.last) not in spans
        and not (h.first > offset and words[h.first - offset - 1] in _RELATIVE)
        and not _reduced_relative(words, h.first - offset, h.last - offset)
        and not (
            h.first - offset > 1
            and words[h.first - offset - 1] in _AUXILIARIES
            and words[h.first - offset - 2] in _RELATIVE
        )  # "for the three members who were killed in the drone strike"
        for h in hits
    )
    reason = _harmless(
        labels,
        bool(weapons),
        any(r.explicit for r in when_refs),
        acted,
        any(r.kind == "current" for r in when_refs),
    )
    if reason:
        return Rejected(index, start, end, reason, tuple(hits))
    evidence = labels & {"event", "physical", "killed", "wounded", "no_casualties", "intercepted"}
    # Headlines are nominal: "drone attack on al-Tanf", "suicide car bomb at a checkpoint".
    headline_like = bool(weapons) and "attack" in labels
    counted = projectiles is not None or count_projectiles(words, weapons, offset, every_weapon=True)
    if not evidence and not counted and not headline_like:
        return Rejected(index, start, end, "attack words without an event", tuple(hits))  # in _UNPROVEN
    if (
        not weapons
        and not labels & {"killed", "wounded", "physical", "target_noun"}
        and not any(gazetteer.places[p.place_id].kind in ("base", "site") for p in places)
    ):
        return Rejected(
            index, start, end, "attack word without a weapon, a military target or harm", tuple(hits)
        )

    after = after_word(words)
    hours_after = recent_afters(words)  # "hours after", "بعد ساعات من"
    ref_starts = {r.first for r in refs}
    # "in the past 24 hours": the background words "in the past" are part of a time.
    ref_words = {k for r in refs for k in range(r.first, r.last + 1)}
    # "منذ ليلة أمس" (since last night) is a time, not the background word "since".
    background_hits = [
        h
        for h in hits
        if h.label == "background"
        and h.last - offset + 1 not in ref_starts
        and h.last - offset not in ref_words
        and not _former_office(words, h.first - offset, h.term)
        and not (h.term == "had been" and _backshifted(words, h.first - offset))
        and not (_latest_of(words, h.first - offset, h.term) and not _marks(h, attack_terms))
        and not (h.term in _FOLLOWS and any(a.first < h.first for a in attack_terms))
        # "hours after a similar attack on Ain al-Asad": the similar attack is hours old
        and not any(k < h.first - offset for k in hours_after)
        and (answered is None or h.first - offset < answered)
        # "drones shot down on Monday, on the anniversary of Soleimani's killing": the anniversary
        # of something that is no attack word dates nothing here
        and not (
            h.term == "anniversary"
            and "on" in words[max(0, h.first - offset - 3) : h.first - offset]
            and not any(a.first > h.last for a in attack_terms)
        )
    ]
    pluperfect = _pluperfect(words) and not any(r.kind == "current" for r in refs)
    background = bool(background_hits) or pluperfect
    anniversary = any(h.term in _ANNIVERSARY for h in background_hits) or any(
        normalize(h.term) in _YEAR_AFTER and any(0 < a.first - h.last <= 4 for a in attack_terms)
        for h in background_hits
    )
    attack_positions = [h.first - offset for h in attack_terms]
    # Event verbs that start a main clause: not after "that"/"الذي", nor right after an attack
    # word ("هجوم بطائرة مسيرة استهدف قاعدة التنف": an attack that targeted)
    main_verbs = [
        h.first - offset
        for h in hits
        if h.label == "event"
        and not (h.first > offset and words[h.first - offset - 1] in _RELATIVE)
        and not any(0 < h.first - a <= _CLAUSE_OF_ATTACK for a in (t.last for t in attack_terms))
    ]
    place_ids = tuple(
        dict.fromkeys(
            _listed_base(gazetteer, words, places, k, offset) or target_place(gazetteer, words, p, offset)
            for k, p in enumerate(places)
            if not is_origin(words, p.first - offset)
            and not is_reference(words, p.first - offset)
            and not is_retracted(words, p.first - offset)
            and not is_media_title(words, p.first - offset)
            and not is_route(words, p.first - offset)
            and not _locates_a_route(words, places, k, offset)
            and not _near_the_origin(words, places, k, offset)
            and not other_clause(p.first - offset, after, attack_positions, after in hours_after)
            and not other_time(p.first - offset, refs)
            and not in_response(p.first - offset, words, main_verbs)
            and not time_zone(words, p.first - offset, p.last - offset)
            and not is_funeral(words, p.first - offset, attack_positions)
            and not is_victims_attack(words, p.first - offset)
            and not is_flown_over(words, p.first - offset)
            and not _where_found(words, hits, offset, p.first - offset)
            and not _not_a_target(
                words,
                p.first - offset,
                p.last - offset,
                # a unit named for a place ("قيادة عمليات بغداد") is no place to measure from
                any(not is_unit(words, q.first - offset, q.last - offset) for q in places[:k]),
                len(places) > 1,
                any(a < p.first - offset for a in attack_positions),
                speaks=gazetteer.places[p.place_id].kind not in _SILENT,
            )
            and not _not_the_base(gazetteer, words, places, k, offset)
            and not _placed_elsewhere(gazetteer, words, offset, p, places[k + 1 : k + 2])
            and not (
                gazetteer.places[p.place_id].kind == "country"
                and is_attacker(words, p.first - offset, p.last - offset)
            )
        )
    )
    place_ids += _between_in_one(gazetteer, words, places, offset, place_ids)
    place_ids = _jordan_outpost(gazetteer, words, places, offset, place_ids)
    origins = tuple(dict.fromkeys(p.place_id for p in places if is_origin(words, p.first - offset)))
    decided = decide(when_refs, background) if when_refs else None
    if decided == "current" and anniversary:
        decided = "past"  # "the anniversary today of the 2020 strike": today is not the attack's day
    names_known = _referred_to(words, attack_terms, offset)
    referred = names_known and not any(r.explicit for r in when_refs)
    # The times of the relative clause that names the known attack ("التي طالت مساء الجمعة").
    in_clause = _clause_refs(words, attack_terms, offset, refs) if names_known else []
    if in_clause and all(r.kind == "past" for r in in_clause):
        # "the drone that struck Tower 22 late last month", in a report of today's findings
        when, why = (
            "past",
            f"{_KNOWN_DATED}: " + ", ".join(r.text for r in in_clause),
        )
    elif referred and in_clause and all(r.kind == "current" and (r.days_ago or 0) <= 1 for r in in_clause):
        # "الضربات الأمريكية التي طالت مساء الجمعة", on Saturday: the article covers a current one
        when, why = "current", "time: " + ", ".join(r.text for r in when_refs) + " (in the clause naming it)"
    elif referred and "reaction" in labels and _today(refs):
        # "دان ... اليوم الأحد الهجوم الإرهابي الذي استهدف": condemned today, the attack is today's
        when, why = "current", "a known attack condemned today: " + ", ".join(r.text for r in refs)
    elif referred and decided == "past":
        # "بعد أسبوع على الهجوم الذي استهدف قاعدة عين الأسد": the known attack, and how long ago
        when, why = "past", "time: " + ", ".join(r.text for r in when_refs) + " (a known attack)"
    elif referred:
        when, why = "past", 'a known attack referred to ("the bombing that ...", "حادث التفجير")'
    elif decided == "past" and _late(when_refs) and "toll_update" in labels:
        # "ارتفعت حصيلة ضحايا الهجوم ... الجمعة إلى 120": a risen toll follows an attack reported before
        when, why = (
            "past",
            "time: " + ", ".join(r.text for r in when_refs) + " (a toll update of a known attack)",
        )
    elif decided == "past" and _late(when_refs) and (index < LEAD_SENTENCES or _starts_item(sentence)):
        days = max(r.days_ago or 0 for r in when_refs)
        when, why = (
            "late",
            f"late report: {days:g} days before publication ({', '.join(r.text for r in when_refs)})",
        )
    elif decided is not None:
        when, why = decided, "time: " + ", ".join(r.text for r in when_refs)
    elif background:
        cues = [h.term for h in background_hits] + (["وكان ... قد"] if pluperfect else [])
        when, why = "past", "background: " + ", ".join(cues)
    elif aggregate(words):
        when, why = "past", "a count of many attacks"
    elif _came_after(words, attack_terms, offset) and not hours_after:
        when, why = "past", 'context: "the attack came after ...", the earlier events'
    elif _starts_item(sentence):
        when, why = "current", 'no time words: a news item of its own (after "meanwhile", "وفي <place>")'
    elif (
        opener is not None
        and opener.index == index - 1
        and not places
        and _SITE_WORDS.intersection(words)
        and (sites := _opened_sites(opener, gazetteer))
    ):
        # "On Sunday, it was the turn of the US base in al-Shaddadi. Two sources said a drone
        # approached the base ...": the sentence before dates the attack and names its base.
        when, why = "current", f"undated: sentence {opener.index + 1} dates it and names the base"
        place_ids = sites
    elif previous is not None and set(place_ids) <= set(previous.places):
        when, why = previous.recency, f"continues sentence {previous.sentence + 1}"
    elif (
        previous is not None
        and previous.recency == "current"
        and index - previous.sentence <= 2
        and _the_same(words, attack_terms, offset)
    ):
        # "Early on Wednesday, it struck again. ... The strikes hit a compound in Jurf al-Sakhar":
        # the attack just told, and where it hit
        when, why = "current", f"the attack of sentence {previous.sentence + 1}, where it hit"
    elif (
        previous is not None
        and previous.recency == "past"
        and index - previous.sentence == 1
        and attack_terms
        and all(
            h.label == "attack" and h.first == h.last and words[h.first - offset] in _PLURAL_ATTACK_NOUNS
            for h in attack_terms
        )
    ):
        # "attacked at least 55 times since Oct. 17. The attacks have targeted Ain al-Asad, Harir
        # ...": the attacks just counted, not today's
        when, why = "past", f"the attacks of sentence {previous.sentence + 1}"
    elif (
        sites_told_past
        and place_ids
        and all(p in sites_told_past for p in place_ids)
        and _definite_attack(words, attack_terms, offset)
    ):
        # "ونفت طهران أي علاقة لها بالهجوم على البرج 22", after "قتل الجنود الأحد الماضي في هجوم على
        # البرج 22": the attack on that base, told as days old above
        told = min(sites_told_past[p] for p in place_ids)
        when, why = "past", f"the attack on a base told as earlier (sentence {told + 1})"
    elif lead is not None:
        when, why = lead.recency, f"undated: read like the lead (sentence {lead.sentence + 1})"
    elif index < LEAD_SENTENCES and (place_ids or killed or wounded or projectiles):
        when, why = "current", "no time words: the article's own news"
    elif index < LEAD_SENTENCES:
        when, why = "past", _GENERAL + ": attacks in general"
    elif dated_lead is not None:
        when, why = "current", f"undated: the lead dates the news (sentence {dated_lead + 1})"
    elif headline_sites.intersection(place_ids):
        # "Storm hits Salah al-Din.. and rockets on Balad air base at its height", then in the
        # third paragraph "five Katyusha rockets fell inside Balad air base": the headline's news
        when, why = "current", "undated: the attack on the base the headline names"
    else:
        when, why = "past", _UNDATED_BACKGROUND
    rockets = [h for h in hits if h.label == "weapon:rocket"]
    generic_rocket = bool(rockets) and all(h.term in GENERIC_ROCKET for h in rockets)
    return Mention(
        sentence=index,
        start=start,
        end=end,
        # the weapons of the attack answered are not this one's
        types=_from_the_air(
            _at_sea(
                attack_types(
                    [
                        h
                        for h in hits
                        if answered is None
                        or h.first - offset < answered
                        or not h.label.startswith("weapon:")
                    ]
                ),
                generic_rocket,
                words,
            ),
            attack_terms,
            words,
            offset,
        ),
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
        generic_rocket=generic_rocket,
    )


_SHIPS = frozenset(
    normalize(w)
    for w in """سفينة سفن ناقلة ناقلات بارجة ship ships vessel vessels tanker tankers destroyer warship
    freighter""".split()
)
_TROOPS = frozenset(normalize(w) for w in "جند الجند جنود".split())  # "ناقلة جند": a troop carrier


# "Coalition military forces conducted 31 strikes", "ضربات التحالف": strikes by an air force's
# owner, no weapon named, are air strikes.
_STRIKES = frozenset(normalize(w) for w in "strike strikes ضربة ضربات الضربات ضربتين".split())
_AIR_ACTORS = frozenset(
    normalize(w)
    for w in """coalition aircraft jets planes warplanes israeli russian centcom
    التحالف للتحالف طيران الطيران الإسرائيلي الإسرائيلية الاسرائيلي الاسرائيلية الروسي الروسية""".split()
)


def _from_the_air(
    types: tuple[str, ...], attack_terms: Sequence[TermHit], words: Sequence[str], offset: int
) -> tuple[str, ...]:
    if types != ("other",) or not _AIR_ACTORS.intersection(words):
        return types
    if any(h.first == h.last and words[h.first - offset] in _STRIKES for h in attack_terms):
        return ("airstrike",)
    return types


def _at_sea(types: tuple[str, ...], generic_rocket: bool, words: Sequence[str]) -> tuple[str, ...]:
    """ "ناقلة أصيبت بصاروخ": a plain صاروخ that hits a ship is an anti-ship missile, not a rocket."""
    if "rocket" not in types or not generic_rocket:
        return types
    if not any(
        any(f in _SHIPS for f in word_forms(w)) and (k + 1 == len(words) or words[k + 1] not in _TROOPS)
        for k, w in enumerate(words)
    ):
        return types
    return tuple(dict.fromkeys("missile" if t == "rocket" else t for t in types))


def _locates_a_route(words: Sequence[str], places: Sequence[PlaceMention], k: int, offset: int) -> bool:
    """ "متوجهاً ... إلى قاعدة عين الأسد في الأنبار", "ومتجهاً إلى قاعدة فكتوري قرب مطار بغداد": the
    province of a convoy's destination, or the place next to it."""
    if k == 0:
        return False
    before, place = places[k - 1], places[k]
    return (
        place.first - before.last == 2
        and words[place.first - offset - 1] in _LOCATING_WORDS | _NEXT_TO
        and is_route(words, before.first - offset)
    )


def _near_the_origin(words: Sequence[str], places: Sequence[PlaceMention], k: int, offset: int) -> bool:
    """ "launched from the Nineveh plains area near Bartella", "أطلقت من منطقة زراعية قرب الرضوانية",
    "launched from an area between Altun Kupri and Dibis in Kirkuk province": the places that locate
    where the attack came from, one after the other."""
    if k == 0:
        return False
    before, place = places[k - 1], places[k]
    between = words[before.last - offset + 1 : place.first - offset]
    return (
        0 < len(between) <= 3
        and all(w in _NEAR_WORDS | _AREA_WORDS | _AND for w in between)
        and (is_origin(words, before.first - offset) or _near_the_origin(words, places, k - 1, offset))
    )


_NEAR_WORDS = frozenset(normalize(w) for w in ("near", "قرب", "بالقرب", "من"))
_NEXT_TO = _NEAR_WORDS - {normalize("من")}  # "قرب مطار بغداد", not "من" (from)
_AREA_WORDS = frozenset(normalize(w) for w in ("area", "منطقة", "the", "in", "في", "province", "محافظة"))


def _where_found(words: Sequence[str], hits: Sequence[TermHit], offset: int, at: int) -> bool:
    """ "forces later found a launching ramp with four unfired rockets near al-Udhaim", "عثرت على منصة
    الإطلاق ... قرب البغدادي": a place after what was found there is where it was, not a target."""
    found = [h.last - offset for h in hits if h.label == "seizure" and h.last - offset < at]
    if not found:
        return False
    # not "the launcher of the rockets that targeted K-1": the place of the attack it served
    told = [
        h
        for h in hits
        if h.label in ("event", "attack")
        and max(found) < h.first - offset < at
        and not (h.first > offset and words[h.first - offset - 1] in _PLATFORMS)
    ]
    return not told


_PLATFORMS = frozenset(normalize(w) for w in ("منصة", "منصات", "launching", "launch"))


_LOCATING_WORDS = frozenset(normalize(w) for w in ("في", "in", "بمحافظة", "محافظة"))


def _not_the_base(
    gazetteer: Gazetteer, words: Sequence[str], places: Sequence[PlaceMention], k: int, offset: int
) -> bool:
    """Place ``k``, a base, named as where strikes start from, as a landmark near the place before
    it, or the village it is named after."""
    place = places[k]
    first, last = place.first - offset, place.last - offset
    another_ends = places[k - 1].last - offset if k > 0 else None
    return gazetteer.places[place.place_id].kind == "base" and (
        is_base_in_use(words, first, last)
        or is_village(words, first)
        or is_landmark(words, first, another_ends)
    )


# "منطقة الحويجة بقضاء هيت", "the village of X in the district of Y": the unit a place is said to lie in.
_IN_UNIT = frozenset(
    normalize(w)
    for w in (
        "بقضاء قضاء لقضاء بناحية ناحية لناحية بمحافظة محافظة لمحافظة district province governorate"
    ).split()
)


def _placed_elsewhere(
    gazetteer: Gazetteer, words: Sequence[str], offset: int, place: PlaceMention, nxt: Sequence[PlaceMention]
) -> bool:
    """A name followed by the district or province it lies in, where that unit is not its own: a
    homonym the gazetteer does not know ("الحويجة بقضاء هيت" is not Hawija in Kirkuk)."""
    if not nxt:
        return False
    unit = nxt[0]
    between = words[place.last - offset + 1 : unit.first - offset + 1]
    if len(between) > 3 or not any(w in _IN_UNIT for w in between):
        return False
    lineage, unit_lineage = gazetteer.lineage(place.place_id), gazetteer.lineage(unit.place_id)
    return unit.place_id not in lineage and place.place_id not in unit_lineage


def _not_a_target(
    words: Sequence[str],
    first: int,
    last: int,
    after_another: bool,
    others: bool,
    struck_before: bool = False,
    speaks: bool = True,
) -> bool:
    """A place named as a reference point or a boundary, a street, a patron, a base forces use or
    a capital that speaks; a place in a speaker's title only when the sentence names another.
    With ``struck_before`` (an attack word earlier in the sentence: "rockets struck U.S. troops
    stationed at Ain al-Asad"), the forces stationed there are the target, and so is the place.
    A base or a site never ``speaks``: "quarters at Tower 22, officials said" is the target."""
    return (
        is_reference_point(words, first, after_another)
        or is_boundary(words, first)
        or is_street(words, first, last)
        or is_attribute(words, first, last)
        or (is_staging(words, first) and not struck_before)
        or is_spared(words, last)
        or is_calm(words, first, last)
        or is_grounded(words, first, last)
        or (speaks and is_speaker(words, first, last))
        or is_destination(words, first)
        or is_outlet(words, first)
        or is_issued_at(words, first)
        or is_unit(words, first, last)
        or (others and is_office(words, first))
        or (others and is_speakers_post(words, first))
    )


_SILENT = frozenset(("base", "site"))  # places that are no government: they never "said"
_ANNIVERSARY = frozenset(("الذكرى", "ذكرى", "anniversary"))
# "A year to the day after a drone struck their outpost, soldiers gathered on Tuesday": a span
# right before the attack words makes the day the remembrance's, as an anniversary does.
_YEAR_AFTER = frozenset(
    normalize(t)
    for t in (
        "a year after",
        "a year to the day after",
        "years after",
        "a year since",
        "one year since",
        "two years since",
        "بعد عام على",
        "بعد مرور عام على",
        "مرور عام على",
        "عام على",
    )
)
# "The announcement followed a drone attack": the news is what followed; the attack before it is
# background. Not "the blast followed a rocket attack".
_FOLLOWS = frozenset(FOLLOWS)
# Drones that nobody owns or that carry explosives: one that crashes near a base failed an attack.
_HOSTILE_DRONE = frozenset(
    normalize(w) for w in "unidentified unknown laden trapped مجهولة مجهول مفخخة المفخخة ملغمة".split()
)
_PLURAL_ATTACK_NOUNS = frozenset(
    normalize(w) for w in ("attacks", "هجمات", "الهجمات", "اعتداءات", "الاعتداءات")
)
# "الرئيس اليمني السابق", "the previous government": a former office holder, not an earlier attack.
_FORMER = frozenset(normalize(w) for w in "سابق السابق سابقة السابقة previous".split())
_OFFICES = frozenset(
    normalize(w)
    for w in """
    رئيس الرئيس وزير الوزير النائب نائب المدير مدير الأمين أمين القائد قائد الحاكم حاكم محافظ المحافظ
    السفير سفير الملك ملك زعيم الزعيم النظام نظام الحكومة حكومة العضو عضو المسؤول مسؤول المتحدث متحدث
    رئيسة الرئيسة الوزيرة وزيرة المدرب مدرب اللاعب لاعب الضابط ضابط العقيد اللواء العميد الجنرال
    president minister government regime governor ambassador leader king chief commander administration
    """.split()
)


# "the latest in a series of attacks", "في أحدث هجوم ضمن سلسلة هجمات", "amid a string of attacks",
# "the deadliest since 2019", "أول هجوم منذ": the series or the record puts this attack at its
# newest end, not in the past.
_LATEST = frozenset(
    normalize(w)
    for w in (
        "latest newest amid first deadliest biggest largest worst أحدث الأحدث ضمن وسط أول الأولى أعنف"
        " الأعنف أكبر الأكبر أسوأ الأسوأ"
    ).split()
)


def _marks(hit: TermHit, attack_terms: Sequence[TermHit]) -> bool:
    """ "the first anniversary of the drone strike": an anniversary before the attack word marks
    that attack (not a shooting "during a march on the first anniversary of a killing")."""
    return (
        hit.term in _ANNIVERSARY
        and any(t.first > hit.first for t in attack_terms)
        and not any(t.first < hit.first for t in attack_terms)
    )


_SINCE = frozenset(normalize(w) for w in ("since", "منذ"))


def _latest_of(words: Sequence[str], first: int, term: str) -> bool:
    # "the first U.S. fatalities from hostile fire in the Middle East since": a record's noun
    # phrase runs longer before "since" than before "similar"
    reach = 14 if term in _SINCE else 8
    return any(f in _LATEST for w in words[max(0, first - reach) : first] for f in word_forms(w))


def _former_office(words: Sequence[str], first: int, term: str) -> bool:
    """The background word "former"/"السابق" after an office ("the former president")."""
    return term in _FORMER and any(
        f in _OFFICES for w in words[max(0, first - 3) : first] for f in word_forms(w)
    )


_REPORTING = frozenset(
    normalize(w)
    for w in (
        "said",
        "says",
        "told",
        "announced",
        "reported",
        "stated",
        "added",
        "confirmed",
        "statement",
        "according",
        "قال",
        "قالت",
        "أعلن",
        "أعلنت",
        "أفاد",
        "أفادت",
        "ذكر",
        "ذكرت",
        "أكد",
        "أكدت",
        "أوضح",
        "أوضحت",
        "أضاف",
        "أضافت",
        "صرح",
        "بيان",
        "نقلت",
        "مصدر",
        "مصادر",
    )
)


_CONDEMNED = frozenset(
    normalize(w) for w in "condemned denounced condemns denounces أدان أدانت ندد نددت استنكر استنكرت".split()
)


_FAREWELL = frozenset(normalize(w) for w in "ودع يودع تودع".split())
_FOREIGN_ACTS = (
    frozenset(
        normalize(w)
        for w in (
            "زار يزور زيارة استقبل يستقبل التقى يلتقي اجتمع اجتماع جلسة ترأس عقد عقدت أدى صلاة شيع تشييع وصل"
            " وصلت نشرت كشفت تفقد visited visit visits received receives met meeting session chaired held"
            " prayed buried arrived arrives published revealed unveiled toured بحث يبحث ناقش يناقش discussed"
            " discusses شيعت شيعوا يشيع تشيع جنازة funeral attended attends stood"
        ).split()
    )
    | _FAREWELL
)
# Acts whose time comes before them ("Biden on Friday stood at Dover", "شيعت اليوم").
_ACTS_AFTER = frozenset(normalize(w) for w in "stood attended attends visited met held شيعت شيعوا".split())
# A crowd's act after a time that opens the sentence ("On Saturday night, crowds gathered at the
# site"); not "struck ... on Wednesday as children gathered outside".
_GATHERED = frozenset(normalize(w) for w in "gathered rallied marched".split())


_REFERRING = frozenset(normalize(w) for w in "الذي التي الذين اللذين which that who".split())
_INCIDENT = frozenset(normalize(w) for w in "حادث حادثة جريمة الحادث الجريمة incident crime".split())
_THE = frozenset(("the", "this", "that", "these", "those", "last", "s"))


def _note_sites_told_past(mention: Mention, gazetteer: Gazetteer, told: dict[str, int]) -> None:
    """Add the bases and sites of a mention told as an earlier attack, with its sentence."""
    if mention.recency in ("past", "late"):
        for p in mention.places:
            if gazetteer.places[p].kind in ("base", "site"):
                told.setdefault(p, mention.sentence)


def _definite_attack(words: Sequence[str], terms: Sequence[TermHit], offset: int) -> bool:
    """The sentence's first attack word is definite: "the attack", "بالهجوم", "الهجوم"."""
    attack = [h for h in terms if h.label == "attack"]
    if not attack:
        return False
    first = min(attack, key=lambda h: h.first).first - offset
    return _definite(words, first, first)


def _definite(words: Sequence[str], first: int, head: int) -> bool:
    """The word at ``first`` (its phrase starting at ``head``) is definite: "al-" on either, or an
    article before the phrase ("the drone attack", "الهجوم بطائرة مسيرة")."""
    return any(f.startswith("ال") for f in (*word_forms(words[first]), *word_forms(words[head]))) or (
        head > 0 and words[head - 1] in _THE
    )


def _referred_to(words: Sequence[str], terms: Sequence[TermHit], offset: int) -> bool:
    """Every attack word names a known attack: definite and followed by a relative clause ("the
    bombing that targeted the mosque", "التفجير الذي استهدف المسجد"), or after "the incident of"
    ("حادث التفجير"). A new attack is told with a verb or an indefinite noun."""
    if not terms:
        return False
    covered = {k - offset for h in terms for k in range(h.first, h.last + 1)}
    for h in terms:
        first, last = h.first - offset, h.last - offset
        head = first
        while head > 0 and head - 1 in covered and first - head < 2:
            head -= 1  # "the drone attack that ...": the article stands before the whole phrase
        definite = _definite(words, first, head)
        relative = any(w in _REFERRING for w in words[last + 1 : last + 4])
        incident = first > 0 and words[first - 1] in _INCIDENT
        if not ((definite and relative) or incident):
            return False
    return True


def _clause_refs(
    words: Sequence[str], terms: Sequence[TermHit], offset: int, refs: Sequence[TimeRef]
) -> list[TimeRef]:
    """The time of the relative clause that names a known attack ("the drone that struck Tower 22
    late last month"): the first one after it. A later one tells the main verb's time ("الهجوم الذي
    استهدف المطار مساء الاثنين الماضي، اليوم الخميس": the committee spoke today)."""
    last = terms[0].last - offset
    clause = next((k for k in range(last + 1, min(len(words), last + 4)) if words[k] in _REFERRING), None)
    if clause is None:
        return []
    # "..., a spokesman said on Thursday": the time of the saying, not of the clause
    return [r for r in refs if r.first > clause and not _said_at(words, r.first)][:1]


_SPOKE = frozenset(normalize(w) for w in "said says told announced قال قالت أعلن أعلنت أكد أكدت".split())


def _said_at(words: Sequence[str], first: int) -> bool:
    before = [w for w in words[max(0, first - 2) : first] if w != "on"]
    return bool(before) and before[-1] in _SPOKE


def _today(refs: Sequence[TimeRef]) -> bool:
    """Every time in the sentence says today, in so many words ("اليوم الأحد", "on Sunday" is not)."""
    return any(r.explicit for r in refs) and all(r.kind == "current" and (r.days_ago or 0) < 1 for r in refs)


def _late(refs: Sequence[TimeRef]) -> bool:
    """Every time of the attack says a day 2 to 7 days back ("on Saturday", "قبل ثلاثة أيام")."""
    return bool(refs) and all(r.days_ago is not None and CURRENT_DAYS < r.days_ago <= LATE_DAYS for r in refs)


def _foreign_time(words: Sequence[str], ref: TimeRef) -> bool:
    """A time next to another act ("زار أمس", "the session held today", "Biden on Friday stood at
    Dover"): that act's time."""
    # A farewell leads its long subject ("ودع مئات الأمريكيين في ولاية جورجيا، اليوم الجمعة"): it may
    # stand further back than the other acts.
    before = words[max(0, ref.first - 8) : ref.first]
    after = words[ref.last + 1 : ref.last + 3]
    return (
        any(
            f in (_FOREIGN_ACTS if k >= len(before) - 6 else _FAREWELL)
            for k, w in enumerate(before)
            for f in word_forms(w)
        )
        or any(w in _ACTS_AFTER for w in after)
        or (ref.first <= 1 and any(w in _GATHERED for w in words[ref.last + 1 : ref.last + 4]))
    )


_CAME = frozenset(
    normalize(w) for w in ("came", "come", "comes", "جاء", "وجاء", "يأتي", "ويأتي", "تأتي", "وتأتي")
)
_CAME_WHEN = frozenset(
    normalize(w)
    for w in ("after", "amid", "as", "before", "days", "weeks", "بعد", "وسط", "عقب", "إثر", "قبل", "فيما")
)


def _came_after(words: Sequence[str], attack_terms: Sequence[TermHit], offset: int) -> bool:
    """ "The attack came a week after U.S. airstrikes ...", "The strikes come as ...", "ويأتي
    الهجوم بعد ...": an undated sentence that places the attack already told among other events;
    what it names is theirs."""
    opening = words[:4]
    came = next((k for k, w in enumerate(opening) if w in _CAME), None)
    if came is None or not any(w in _CAME_WHEN for w in words[came + 1 : came + 8]):
        return False
    return any(h.first - offset <= came + 2 for h in attack_terms)


def _reporting_time(words: Sequence[str], ref: TimeRef, reach: int = 6) -> bool:
    """A time right after a reporting verb ("said on Friday", "أعلن مجلس أمن الإقليم، الخميس") dates
    the report. ``reach=2`` asks for nothing between them: "the council said on Friday" is the
    saying's day, "said the attack, carried out overnight" is not."""
    window = words[max(0, ref.first - reach) : ref.first]
    if any(f in _REPORTING for w in window for f in word_forms(w)):
        return True
    # "UNAMI on Tuesday condemned the attack ... last Friday": the day of the reaction
    after = words[ref.last + 1 : ref.last + 3]
    return any(f in _CONDEMNED for w in after for f in word_forms(w))


# "gathered on Tuesday near the airport, where a drone strike killed him three years ago": a time
# on the other side of "where" is another event's.
_WHERE = frozenset(normalize(w) for w in ("where", "حيث"))


def _nearest_refs(
    refs: Sequence[TimeRef], terms: Sequence[TermHit], offset: int, words: Sequence[str] = ()
) -> list[TimeRef]:
    """For each attack word, the time expression nearest to it: the time of *that* attack, on its
    side of a "where"."""
    if not refs or not terms:
        return list(refs)
    chosen: list[TimeRef] = []
    wheres = [k for k, w in enumerate(words) if w in _WHERE]
    for term in terms:
        position = term.first - offset
        same_side = [
            r for r in refs if not any(min(r.first, position) < k < max(r.last, position) for k in wheres)
        ]
        nearest = min(same_side or refs, key=lambda r: min(abs(r.first - position), abs(r.last - position)))
        if nearest not in chosen:
            chosen.append(nearest)
    return chosen


def _harmless(
    labels: set[str],
    weapons: bool = True,
    explicit_now: bool = False,
    acted: bool = True,
    dated_now: bool = True,
) -> str | None:
    physical = bool(labels & {"physical", "killed", "wounded"})
    harmed = bool(labels & {"killed", "wounded"})
    if "seizure" in labels and not labels & {"event", "physical", "killed", "wounded"}:
        return "weapons found or seized"
    if "defused" in labels and not harmed:
        return "defused or stopped before it went off"
    if "civil" in labels and not harmed:
        return "peaceful or criminal use, not an attack"
    if "permission" in labels and not harmed and "physical" not in labels:
        return "a permission, agreement or plan"
    if "conditional" in labels and not harmed:
        return "a condition or hypothesis"
    if "remnant" in labels:
        return "an accident: old ordnance went off"
    if "accident" in labels and (not weapons or not harmed):
        return "an accident or a controlled explosion"
    if "stray" in labels and not labels & {"attack", "weapon:ied", "weapon:suicide", "weapon:airstrike"}:
        return "an accident or a controlled explosion"  # a bullet fired at a wedding wounds a guest
    if "halt" in labels and not harmed:
        return "a halt or a truce"
    if "deployment" in labels and not harmed and not acted:
        return "forces sent or stationed, not an attack"
    if labels & {"aftercare", "funeral"} and not acted:
        return "care after an attack"  # condolences to the families of the bombing's victims
    if "reaction" in labels and not acted and not dated_now:
        return "a reaction to an attack"  # "condemned the bombing", no day of its own
    if "execution" in labels:
        return "a sentence carried out"  # the notice retells the crime it punishes
    if "verdict" in labels or ("court" in labels and not (harmed and explicit_now)):
        return "a court case"  # a bomb outside a court "yesterday" is an attack, a verdict is not
    if "politics" in labels and not physical:
        return "politics"
    # "غارات ... ضد أهداف للمتطرفين": an air strike is no idiom of the game, its targets no goals
    if "sport" in labels and not labels & {"killed", "wounded", "weapon:airstrike"}:
        return "sport"
    if labels & _DENY and not labels & _NOT_DENIED:
        return "denial"
    if "simulated" in labels or (labels & {"exercise", "visit"} and not harmed):
        return "exercise or test"
    if "deal" in labels and not physical:
        return "arms deal or delivery"
    if "threat" in labels and not physical:
        return "threat or warning"
    return None
