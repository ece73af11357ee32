"""The gazetteer: places, their hierarchy, and finding them in text (pure).

This room knows every place wirewatch can name: countries, governorates, districts and cities,
bases and sites, each with a parent so that an attack on Ain al-Asad is also an attack in Anbar
and in Iraq. It finds place names in tokenized text in any spelling outlets use, with Arabic
attached prefixes (و ف ب ل ك ال لل) stripped only where the rest is a known name, and it keeps
ambiguous names (بلد, عنة, Al-Asad ...) as *context aliases* that count only next to a word like
قاعدة/base or when their parent place is named in the same article.

It reads its built-in table with ``importlib.resources`` and touches nothing else.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from wirewatch.core.scan import StartIndex, WordStarts, doc_words
from wirewatch.core.text import Words, normalize, tokens

KINDS = ("country", "governorate", "district", "city", "base", "site")

# Attached Arabic clitics, longest first. A stripped form is used only when it is a known name.
_PREFIXES = (
    "وبال",
    "فبال",
    "وال",
    "فال",
    "بال",
    "كال",
    "وب",
    "ول",
    "فب",
    "فل",
    "وك",
    "و",
    "ف",
    "ب",
    "ل",
    "ك",
)

# Words that, right before an ambiguous name, say that a place is meant.
_CONTEXT_BEFORE = frozenset(
    normalize(w)
    for w in (
        "قاعدة",
        "قاعده",
        "مطار",
        "مدينة",
        "قضاء",
        "ناحية",
        "محافظة",
        "معسكر",
        "بلدة",
        "منطقة",
        "منطقتي",
        "مدينتي",
        "بلدتي",
        "حقل",
        "صحراء",
        "بادية",
        "base",
        "airbase",
        "airfield",
        "camp",
        "town",
        "city",
        "district",
        "province",
        "governorate",
        "airport",
        "garrison",
        "field",
    )
)
_CONTEXT_AFTER = frozenset(
    normalize(w)
    for w in (
        "base",
        "airbase",
        "airfield",
        "air",
        "camp",
        "airport",
        "garrison",
        "complex",
        "الجوية",
        "الجويه",
    )
)


# Words before a name that say it stands where a place stands ("in Haditha", "قرب حديثة").
_LOCATIVE = frozenset(
    normalize(w)
    for w in (
        "في قرب بالقرب داخل عند حول ضواحي أطراف محيط من إلى الى نحو باتجاه بين جنوب شمال شرق غرب جنوبي"
        " شمالي شرقي غربي قضاء ناحية in at near on outside around into toward towards from across inside"
        " between north south east west مبنى مقر محيط building compound premises"
    ).split()
)
# Names that are everyday words: a place only right next to a word like قضاء/حي/base.
_COMMON_WORDS = frozenset(
    normalize(w)
    for w in (
        "الشعب المدينة العلم النصر الحي التقدم الدور"
        " الدورة العديد القائم الحرية الثورة الزيارة الخضراء الأزرق"
        " الزرقاء العقبة التل الباب الكرمة الخالص الرطبة الطبقة الهول السلمية الشامية العمارة الهندية حرير"
        " عمان"
        " victory hit salt bab dana"
    ).split()
)
# A name that starts an idiom: "مسقط رأسه" is a birthplace, not Muscat.
_IDIOMS = {normalize("مسقط"): normalize("رأس")}
# Places named like people: Saladin, al-Muthanna (and divisions named after them).
_ALSO_PERSONS = [
    [t.norm for t in tokens(name)]
    for name in ("صلاح الدين", "Salah al-Din", "Salahuddin", "Saladin", "المثنى", "Muthanna")
]
_PROVINCE = frozenset(normalize(w) for w in "province governorate محافظة".split())
# Words next to a name that make it a person: first names, titles, a ruler's regime and forces.
_PERSON_BEFORE = frozenset(
    normalize(w)
    for w in (
        "بشار حافظ ماهر رفعت باسل أسماء الرئيس رئيس نظام حكم عهد حكومة جيش قوات ميليشيات شبيحة عائلة آل أبو"
        " ابو بن ابن بنت الشيخ الأمير الملك السيد اللواء العميد العقيد المقدم الفريق الدكتور النائب الوزير"
        " محمد أحمد احمد علي حسن حسين عمر عثمان خالد سعد سعيد عبد إبراهيم ابراهيم يوسف مصطفى محمود جمال"
        " كمال صدام طارق عادل بكر قاسم هادي نوري حيدر عمار جعفر إياد سليم سليمان فهد عبدالله عبدالعزيز"
        " bashar hafez maher rifaat asma president mr mrs abu ibn bin bint sheikh prince king general gen"
        " dr minister"
    ).split()
)
_PERSON_AFTER = frozenset(
    normalize(w) for w in "regime government forces loyalists family himself s نفسه شخصيا ونظامه".split()
)


def _person_next_to(norms: Sequence[str], first: int, last: int) -> bool:
    before = norms[first - 1] if first > 0 else ""
    after = norms[last + 1] if last + 1 < len(norms) else ""
    return before in _PERSON_BEFORE or after in _PERSON_AFTER


def _stands_as_place(before: str) -> bool:
    return any(c in _LOCATIVE for c in (before, *(f for f in _candidates(before, None)[1:])))


@dataclass(frozen=True, slots=True)
class Place:
    """A named place with its parent in the hierarchy (``None`` for a country)."""

    id: str
    kind: str
    parent: str | None
    name_en: str
    name_ar: str
    aliases: tuple[str, ...] = ()
    context_aliases: tuple[str, ...] = ()
    geonames_id: str | None = None


@dataclass(slots=True)  # not frozen: built by the thousand, a frozen init costs four times more
class PlaceMention:
    """A place found in text: token span ``[first, last]`` and character span in the original."""

    place_id: str
    first: int
    last: int
    start: int
    end: int
    alias: str
    needs_context: bool


@dataclass(frozen=True, slots=True)
class _Pattern:
    words: tuple[str, ...]
    place_id: str
    needs_context: bool
    alias: str


@dataclass
class Gazetteer:
    """Places by id with an index from normalized alias words to places."""

    places: dict[str, Place]
    _index: dict[str, list[_Pattern]] = field(default_factory=dict, repr=False)
    _first: dict[str, dict[str | None, tuple[_Pattern, ...]]] = field(default_factory=dict, repr=False)
    _start_index: tuple[WordStarts, StartIndex] | None = field(default=None, repr=False)
    demonyms: dict[str, str] = field(default_factory=dict, repr=False)  # "iraqi" -> "IQ"
    _bases: dict[str, list[str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for place in self.places.values():
            if place.kind not in KINDS:
                raise ValueError(f"place {place.id}: unknown kind {place.kind!r}")
            if place.parent is not None and place.parent not in self.places:
                raise ValueError(f"place {place.id}: parent {place.parent!r} is not in the gazetteer")
            if place.kind == "base" and place.parent is not None:
                self._bases.setdefault(place.parent, []).append(place.id)
        if not self._index:  # ``with_places`` hands over an index it has updated
            self._index = _build_index(self.places.values())

    def base_in(self, place_id: str) -> str | None:
        """The one base a town holds ("the U.S. base in al-Shaddadi"), if it holds exactly one."""
        bases = self._bases.get(place_id, [])
        return bases[0] if len(bases) == 1 else None

    # -- hierarchy -------------------------------------------------------------------------
    def ancestors(self, place_id: str) -> list[str]:
        """Parents of a place from the nearest up to the country (the place itself excluded)."""
        out: list[str] = []
        parent = self.places[place_id].parent
        while parent is not None and parent not in out:
            out.append(parent)
            parent = self.places[parent].parent
        return out

    def lineage(self, place_id: str) -> list[str]:
        """The place and all its ancestors."""
        return [place_id, *self.ancestors(place_id)]

    def within(self, place_id: str, area_id: str) -> bool:
        """True when ``place_id`` is ``area_id`` or lies inside it."""
        return area_id in self.lineage(place_id)

    def governorate_of(self, place_id: str) -> str | None:
        return next((p for p in self.lineage(place_id) if self.places[p].kind == "governorate"), None)

    def country_of(self, place_id: str) -> str | None:
        return next((p for p in self.lineage(place_id) if self.places[p].kind == "country"), None)

    # -- lookup ------------------------------------------------------------------------------
    def lookup(self, name: str) -> list[str]:
        """Places whose alias is exactly ``name`` (in matching form), unambiguous aliases first."""
        words = name_words(name)
        if not words:
            return []
        found = [p for p in self._index.get(words[0], []) if p.words == words]
        found.sort(key=lambda p: p.needs_context)
        return list(dict.fromkeys(p.place_id for p in found))

    def with_places(self, extra: Iterable[Place]) -> Gazetteer:
        """A new gazetteer with places added or replaced (watchlist entries, extra aliases)."""
        merged = dict(self.places)
        for place in extra:
            merged[place.id] = place
        changed = [pid for pid in merged if merged[pid] is not self.places.get(pid)]
        return Gazetteer(merged, _index=_updated_index(self._index, merged, changed), demonyms=self.demonyms)

    def _town_after_in(self, m: PlaceMention, text: str) -> bool:
        """ "in Hit", "near Balad": a capitalized name of the detail countries, and the whole name
        (not the first word of a longer one: "in Tal Madiq")."""
        following = text[m.end : m.end + 2].lstrip()[:1]
        return (
            text[m.start : m.start + 1].isupper()
            and not following.isupper()
            and self.country_of(m.place_id) in _DETAIL_COUNTRIES
        )

    def _names_a_person(self, norms: Sequence[str], m: PlaceMention) -> bool:
        """A place named like a person ("صلاح الدين", "المثنى") is the person, unless it stands
        where a place stands: after "in", a direction, "محافظة", or before "province"."""
        if norms[m.first : m.last + 1] not in _ALSO_PERSONS:
            return False
        before = norms[m.first - 1] if m.first > 0 else ""
        after = norms[m.last + 1] if m.last + 1 < len(norms) else ""
        attached = norms[m.first] not in {p.words[0] for p in self._index.get(norms[m.first], ())}
        placed = attached or _stands_as_place(before) or before in _CONTEXT_BEFORE or after in _PROVINCE
        return not placed

    def demonyms_in(self, norms: list[str], positions: Iterable[int] | None = None) -> list[tuple[int, str]]:
        """(token index, country id) of every demonym: "Iraqi forces", "القوات العراقية".

        ``positions`` (from ``start_index``) limits the probing to the tokens where one may start.
        """
        found = []
        for i in range(len(norms)) if positions is None else positions:
            country = next(
                (self.demonyms[f] for f in _candidates(norms[i], None) if f in self.demonyms), None
            )
            if country is not None:
                found.append((i, country))
        return found

    # -- matching ----------------------------------------------------------------------------
    def _starting(self, word: str) -> dict[str | None, tuple[_Pattern, ...]]:
        """Patterns whose first word is the word or its clitic-stripped form, by their second word
        (``None``: one-word names), longest first (cached per word)."""
        found = self._first.get(word)
        if found is None:
            patterns = [p for first in _candidates(word, self._index) for p in self._index.get(first, ())]
            patterns.sort(key=lambda p: (-len(p.words), p.needs_context))
            groups: dict[str | None, list[_Pattern]] = {}
            for p in patterns:
                groups.setdefault(p.words[1] if len(p.words) > 1 else None, []).append(p)
            found = {k: tuple(v) for k, v in groups.items()}
            if len(self._first) < 500_000:
                self._first[word] = found
        return found

    def start_index(self, terms: WordStarts) -> StartIndex:
        """Where the terms of ``terms``, place names and demonyms may start, in one pass (``scan``):
        the first words of every name (and their forms without "ال") and every demonym, each at a
        token's start or after an attached clitic. Kept for the last term table asked for."""
        if self._start_index is None or self._start_index[0] is not terms:
            keys = [(k, False) for k in self._index]
            keys += [(k[2:], False) for k in self._index if k.startswith("ال") and len(k) >= 4]
            names = WordStarts(keys, (*_PREFIXES, "لل", "ولل", "فلل"))
            demonyms = WordStarts(((d, False) for d in self.demonyms), (*_PREFIXES, "لل"))
            self._start_index = (terms, StartIndex((terms, names, demonyms)))
        return self._start_index[1]

    def find(self, words: Words, positions: Iterable[int] | None = None) -> list[PlaceMention]:
        """Every place name in ``words``, longest match first, ambiguous ones not yet resolved.

        ``positions`` (from ``start_index``) limits the probing to the tokens where a name may start.
        """
        norms = words.norms
        out: list[PlaceMention] = []
        after = 0  # tokens before this are inside a name already found
        for i in range(len(norms)) if positions is None else positions:
            if i < after:
                continue
            best = self._match_at(norms, i)
            if best is None:
                continue
            pattern, size = best
            # A name that starts inside this one and reaches further is the name meant: "مدينة دير"
            # is a town, "مدينة دير الزور" the city of Deir ez-Zor.
            if size > 1 and any(
                (inner := self._match_at(norms, j)) is not None and j + inner[1] > i + size
                for j in range(i + 1, i + size)
            ):
                continue
            out.append(
                PlaceMention(
                    place_id=pattern.place_id,
                    first=i,
                    last=i + size - 1,
                    start=words.starts[i],
                    end=words.ends[i + size - 1],
                    alias=pattern.alias,
                    needs_context=pattern.needs_context,
                )
            )
            after = i + size
        return out

    def _match_at(self, norms: Sequence[str], i: int) -> tuple[_Pattern, int] | None:
        """The longest name that starts at token ``i``, and its length in tokens."""
        by_second = self._starting(norms[i])
        if not by_second:
            return None
        if i + 1 < len(norms):
            for pattern in by_second.get(norms[i + 1], ()):
                size = len(pattern.words)
                if i + size <= len(norms) and all(norms[i + k] == pattern.words[k] for k in range(2, size)):
                    return pattern, size
        single = by_second.get(None)
        return (single[0], 1) if single else None

    def resolve(
        self,
        words: Words,
        mentions: Sequence[PlaceMention],
        text: str = "",
    ) -> list[PlaceMention]:
        """Keep unambiguous mentions, and ambiguous ones that have context.

        Context: a word like قاعدة/base right before (or "air base" right after) the name; or
        the place's own parent, or another place inside the same governorate, named
        unambiguously in the text. A name next to a person's first name or title ("بشار
        الأسد", "President Assad", "Assad's forces") is a person, whatever else is near.
        """
        norms = words.norms
        sure = [m for m in mentions if not m.needs_context]
        areas = {a for o in sure for a in self.lineage(o.place_id) if self.places[a].kind != "country"}
        kept: list[PlaceMention] = []
        for m in mentions:
            idiom = _IDIOMS.get(norms[m.first])
            if idiom and m.last + 1 < len(norms) and norms[m.last + 1].startswith(idiom):
                continue
            if not m.needs_context:
                if self._names_a_person(norms, m):
                    continue  # "صلاح الدين دميرتاش", "the Muthanna division's commander"
                kept.append(m)
                continue
            if text and text[m.start : m.start + 1].isascii() and text[m.start : m.start + 1].islower():
                continue  # "rockets hit base" is the verb, "Hit base" the town: Latin names are capitalized
            before = norms[m.first - 1] if m.first > 0 else ""
            after = norms[m.last + 1] if m.last + 1 < len(norms) else ""
            if _person_next_to(norms, m.first, m.last):
                continue
            after2 = norms[m.last + 2] if m.last + 2 < len(norms) else ""
            if (
                any(
                    c in _CONTEXT_BEFORE
                    and not (c in _AREA_WORDS and self.places[m.place_id].kind == "governorate")
                    for c in _candidates(before, None)
                )
                or _base_in(norms, m.first)
                or after in _CONTEXT_AFTER
                # "the Victory military complex", "the Victory logistics complex"
                or (after in _DESCRIBING and after2 in _CONTEXT_AFTER)
                or (before == _AND_IN and text[m.end : m.end + 2].lstrip()[:1] in ("،", ","))  # "وفي القائم،"
                or (before in _IN_AR and all(w in _TOWNS_AFTER_IN for w in norms[m.first : m.last + 1]))
                or (before in _IN_LATIN and text and self._town_after_in(m, text))
            ):
                kept.append(m)
                continue
            if all(w in _COMMON_WORDS for w in norms[m.first : m.last + 1]):
                continue  # "الشعب" (the people), "المدينة" (the city): only next to a place word
            parents = set(self.ancestors(m.place_id)) - {self.country_of(m.place_id)}
            if parents & areas:
                kept.append(m)
        return kept


_IN_AT = frozenset(normalize(w) for w in ("في", "in", "at"))
# "منطقة الجزيرة" west of Samarra is an area, not Sudan's Gezira state: an area word is no context
# for a governorate's ambiguous name (a governorate is a province, ولاية or محافظة).
_AREA_WORDS = frozenset(normalize(w) for w in ("منطقة", "منطقتي"))
_DESCRIBING = frozenset(("military", "logistics", "logistic", "support", "air"))
_AND_IN = normalize("وفي")  # "وفي القائم، قال شهود": a news item opening on its place
_IN_AR = frozenset(normalize(w) for w in ("في", "وفي"))
# Everyday words whose everyday sense never follows "في" right away (القائم بالأعمال, the one in
# charge; الرطبة, humid): after it, the town ("قتلوا في قصف ... في القائم").
_TOWNS_AFTER_IN = frozenset(
    normalize(w) for w in "القائم الرطبة الكرمة الخالص الهول حرير الزبير سفوان".split()
)
# "a bomb exploded in Hit", "near Balad": a capitalized name right after a locative word is the town
_IN_LATIN = frozenset(("in", "near", "outside", "around", "into"))
_DETAIL_COUNTRIES = frozenset(("IQ", "SY", "JO"))
BASE_WORDS = frozenset(
    normalize(w) for w in ("base", "airbase", "garrison", "قاعدة", "القاعدة", "قاعده", "القاعده")
)


def _base_in(norms: Sequence[str], first: int) -> bool:
    """ "قاعدة الاحتلال الأمريكي في حرير", "the U.S. base in Hit": a base word a few words before
    "in" right before the name (context enough for a name that is also a word)."""
    if first < 2 or norms[first - 1] not in _IN_AT:
        return False
    return any(w in BASE_WORDS for w in norms[max(0, first - 5) : first - 1])


def _candidates(word: str, index: dict[str, list[_Pattern]] | None) -> list[str]:
    """The word and its forms with Arabic clitics stripped (only known names when indexed)."""
    out = [word]
    for prefix in _PREFIXES:
        if len(word) - len(prefix) < 2 or not word.startswith(prefix):
            continue
        rest = word[len(prefix) :]
        forms = [rest]
        if prefix.endswith("ل") and not prefix.endswith("ال"):
            forms.append("ال" + rest[1:] if rest.startswith("ل") else "ال" + rest)  # للرمادي → الرمادي
        if prefix.endswith("ال"):
            forms.append("ال" + rest)  # بالانبار → الانبار
        for form in forms:
            if form not in out and (index is None or form in index):
                out.append(form)
    return out


def _patterns(place: Place) -> list[_Pattern]:
    """The names of a place as patterns: its names and aliases, then the names that need context."""
    names = [(n, False) for n in (place.name_en, place.name_ar, *place.aliases) if n]
    names += [(n, True) for n in place.context_aliases]
    out: list[_Pattern] = []
    seen: set[tuple[str, ...]] = set()
    for name, ambiguous in names:
        words = name_words(name)
        if words and words not in seen:
            seen.add(words)
            out.append(_Pattern(words, place.id, ambiguous, name))
    return out


def _pattern_order(p: _Pattern) -> tuple[int, bool]:
    return (-len(p.words), p.needs_context)  # longest first, then the names that stand alone


def _build_index(places: Iterable[Place]) -> dict[str, list[_Pattern]]:
    index: dict[str, list[_Pattern]] = {}
    for place in places:
        for pattern in _patterns(place):
            index.setdefault(pattern.words[0], []).append(pattern)
    for patterns in index.values():
        patterns.sort(key=_pattern_order)
    return index


def _updated_index(
    index: dict[str, list[_Pattern]], places: dict[str, Place], changed: Sequence[str]
) -> dict[str, list[_Pattern]]:
    """The index of ``places`` from the index of the places before ``changed`` were added or
    replaced: only the words those places' names start with are indexed again, in the same
    order ``_build_index`` gives (place order, then name order, then sorted)."""
    if not changed:
        return index
    words = {p.words[0] for pid in changed for p in _patterns(places[pid])}
    gone = set(changed)
    words |= {w for w, patterns in index.items() if any(p.place_id in gone for p in patterns)}
    order = {pid: k for k, pid in enumerate(places)}
    out = dict(index)
    for word in words:
        owners = {p.place_id for p in index.get(word, ())} | gone
        patterns = [
            p
            for pid in sorted(owners, key=order.__getitem__)
            for p in _patterns(places[pid])
            if p.words[0] == word
        ]
        patterns.sort(key=_pattern_order)
        if patterns:
            out[word] = patterns
        else:
            out.pop(word, None)
    return out


@cache
def name_words(name: str) -> tuple[str, ...]:
    """A name's words in matching form (cached: the watchlist's gazetteer re-reads the built-in
    names)."""
    return tuple(doc_words(name)[0].norms)


def _split(cell: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in cell.split("|") if a.strip())


def parse_places(text: str, source: str = "places.csv") -> list[Place]:
    """Rows of a places table (``id,kind,parent,name_en,name_ar,aliases,context_aliases[,geonames_id]``)."""
    rows = csv.DictReader(io.StringIO(text))
    out: list[Place] = []
    for line, row in enumerate(rows, start=2):
        try:
            out.append(
                Place(
                    id=row["id"].strip(),
                    kind=row["kind"].strip(),
                    parent=(row.get("parent") or "").strip() or None,
                    name_en=(row.get("name_en") or "").strip(),
                    name_ar=(row.get("name_ar") or "").strip(),
                    aliases=_split(row.get("aliases") or ""),
                    context_aliases=_split(row.get("context_aliases") or ""),
                    geonames_id=(row.get("geonames_id") or "").strip() or None,
                )
            )
        except (KeyError, AttributeError) as exc:
            raise ValueError(f"{source}:{line}: missing column {exc}") from exc
    return out


@cache
def builtin() -> Gazetteer:
    """The gazetteer shipped with wirewatch (built once per process): Iraq, Syria, Jordan and the
    bases in detail (places.csv), every country, first-level division and large city elsewhere
    (world.csv, from GeoNames and ISO 3166), and every country's demonyms (demonyms.csv)."""
    data = resources.files("wirewatch.data")
    places = parse_places(data.joinpath("places.csv").read_text("utf-8"))
    known = {p.id for p in places}
    world = parse_places(data.joinpath("world.csv").read_text("utf-8"), "world.csv")
    places += [p for p in world if p.id not in known]
    gazetteer = Gazetteer({p.id: p for p in places})
    gazetteer.demonyms = parse_demonyms(data.joinpath("demonyms.csv").read_text("utf-8"))
    return gazetteer


def parse_demonyms(text: str) -> dict[str, str]:
    """``country,demonyms`` rows: each demonym in matching form -> its country's id."""
    out: dict[str, str] = {}
    for row in csv.DictReader(io.StringIO(text)):
        for name in _split(row.get("demonyms") or ""):
            words = name_words(name)
            if len(words) == 1:  # "Iraqi", "العراقية"; "Saudi Arabian" is read as "Saudi"
                out.setdefault(words[0], row["country"].strip())
    return out
