"""Names for the world gazetteer: matching forms, clean spellings, ambiguity, Arabic and Latin forms.

Pure helpers of tools/build_world.py (build time only). A name's *matching form* is the one the
gazetteer compares (``wirewatch.core.text``); everything else here chooses which GeoNames spellings
are worth a row, and which names need context.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from difflib import SequenceMatcher

from wirewatch.core.text import strip_accents, tokens
from world import cities as wc
from world.sources import ARAB, REGION, City

ARABIC_WORD = re.compile("^[\u0621-\u063a\u0641-\u064a]+$")
# Letters of Persian, Urdu, Pashto, Kurdish and Uyghur: names with them are not Arabic spellings.
NON_ARABIC_LETTERS = re.compile("[\u0671-\u06d3\u06d5-\u06ff\u0750-\u077f]")
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640\u200b-\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff]")
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z]*(?:['\- ]+[A-Za-z]+)*\.?")
# Spellings from German, Slavic or French transliteration: not how English outlets write MENA names.
_FOREIGN = re.compile(r"dz|dj|tz|sch|zh|cz|sz|[ae]j[^aeiou]|ij|[bcdfghklmnpqrstvwxz]j|ou$|kh'", re.IGNORECASE)
_ELISION = re.compile(r"\b([LDldJj])['\u2019](?=[A-Za-z])")
_AYN = re.compile("[\u2018\u2019\u02bb\u02bc\u02bd\u02bf\u02be`'\u00b4]")
# Arabic words for a division or a town: alternate names that start with one are not the town's name.
TYPE_WORDS_AR = frozenset("مدينة ولاية والاية محافظة منطقة إقليم اقليم بلدية قضاء ناحية مركز مقاطعة".split())
ARTICLES = frozenset("al el as ash ar ad at az an adh ath ed en er es et ez".split())

# Type words in ISO division names, dropped from the bare name ("Taizz Governorate" -> "Taizz").
TYPE_WORDS = re.compile(
    r"\s*(?:\[.*?\]|\(.*?\)|,?\s*Respublika|\bSheng\b|\bShi\b|\bZizhiqu\b|\bZhuangzu\b|\bHuizu\b|"
    r"\bUygur\b|\boblast'?\b|\bkray\b|\bavtonomnyy okrug\b|\bavtonomnaya oblast'?\b|(?-i:\bSAR\b))",
    re.IGNORECASE,
)


def key(name: str) -> str:
    """The matching form of a name: what the gazetteer compares."""
    return " ".join(t.norm for t in tokens(name))


def split(cell: str) -> list[str]:
    return [a.strip() for a in (cell or "").split("|") if a.strip()]


def clean(name: str) -> str:
    """A name fit for a cell: NFC, single spaces, no commas, quotes or pipes, no Arabic marks."""
    name = _MARKS.sub("", unicodedata.normalize("NFC", name))
    name = name.replace(",", " ").replace('"', "").replace("|", " ").replace("†", "")
    name = name.replace("\u2013", "-").replace("\u2014", "-")
    return " ".join(name.split())


def arabic_text(name: str) -> str:
    """An Arabic name as news writes it: no marks, the conjunction و joined to its word."""
    return re.sub(r"(^| )و (?=\S)", r"\1و", clean(name)) if name and not name.isascii() else ""


def ascii_name(name: str) -> str:
    """A plain Latin spelling: accents and ayn or hamza marks removed, dotless i as i."""
    text = strip_accents(unicodedata.normalize("NFKC", name)).replace("ı", "i").replace("ł", "l")
    text = _ELISION.sub(r"\1\0", text)  # L'Oriental, d'Ivoire: French elision, not an ayn
    return " ".join(_AYN.sub("", text).split()).replace("\0", "'")


def arabic_letters(name: str) -> str:
    """An Arabic word's letters without the article."""
    word = key(name)
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


# -- ambiguity -------------------------------------------------------------------------------------
AMBIGUOUS_KEYS = frozenset(key(n) for n in (*wc.AMBIGUOUS_AR, *wc.AMBIGUOUS_EN, *wc.AMBIGUOUS_PHRASES))
GENERIC = frozenset(key(n) for n in wc.GENERIC)
FAMOUS_SHORT = frozenset(key(n) for n in wc.FAMOUS_SHORT)


def ambiguous(name: str) -> bool:
    """True for a name that also means something else: a hand-listed one, or a short Arabic word."""
    k = key(name)
    if k in AMBIGUOUS_KEYS:
        return True
    words = k.split()
    if k in FAMOUS_SHORT:
        return False
    if len(words) == 1 and ARABIC_WORD.match(words[0]) and len(arabic_letters(words[0])) <= 3:
        return True
    return len(words) == 1 and words[0].isascii() and len(words[0]) <= 2


_SKELETON_AR = str.maketrans(
    {
        **dict.fromkeys("قكجغخ", "k"),
        **dict.fromkeys("تطث", "t"),
        **dict.fromkeys("دضذ", "d"),
        **dict.fromkeys("سصش", "s"),
        **dict.fromkeys("زظ", "z"),
        **dict.fromkeys("حه", "h"),
        **dict.fromkeys("اأإآءئؤعيىةو ", ""),
        "ب": "b",
        "ف": "f",
        "ل": "l",
        "م": "m",
        "ن": "n",
        "ر": "r",
    }
)
_LATIN_DIGRAPHS = (("sh", "s"), ("kh", "k"), ("th", "t"), ("dh", "d"), ("gh", "k"), ("ch", "s"), ("ph", "f"))
_SKELETON_LATIN = str.maketrans(
    {
        **dict.fromkeys("qkcgjx", "k"),
        **dict.fromkeys("aeiouyw '-", ""),
        "p": "b",
        "v": "f",
    }
)


def skeleton_ar(name: str) -> str:
    """The consonants of an Arabic name, in Latin classes (ta marbuta, folded to ه, is a vowel)."""
    words = [w[2:] if w.startswith("ال") and len(w) > 4 else w for w in key(name).split()]
    words = [w[:-1] if w.endswith("ه") and len(w) > 2 else w for w in words]
    return re.sub(r"(.)\1+", r"\1", "".join(words).translate(_SKELETON_AR))


def skeleton_latin(name: str) -> str:
    """The consonants of a Latin name, in the same classes as ``skeleton_ar``."""
    words = ascii_name(name).casefold().replace("-", " ").split()
    words = [w for i, w in enumerate(words) if not (w in ARTICLES and i < len(words) - 1)]
    text = "".join(words)
    for a, b in _LATIN_DIGRAPHS:
        text = text.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", text.translate(_SKELETON_LATIN))


def sounds_like(arabic: str, latin: Iterable[str]) -> float:
    """How close an Arabic spelling sounds to the best of some Latin ones (0 to 1, consonants only)."""
    a = skeleton_ar(arabic)
    return max((SequenceMatcher(None, a, skeleton_latin(n)).ratio() for n in latin if n), default=0.0)


def arabic_forms(city: City) -> list[str]:
    """The Arabic-script alternate names of a city that are Arabic spellings (not Persian, Urdu...)."""
    junk = set(split(wc.JUNK.get(city.gid, "")))
    out = []
    for raw in city.alternates:
        text = clean(raw)
        words = text.split()
        if not words or text in junk or NON_ARABIC_LETTERS.search(text) or words[0] in TYPE_WORDS_AR:
            continue
        if any("ى" in w[:-1] for w in words):
            continue  # a dotless ya inside a word: a careless or machine spelling
        if all(ARABIC_WORD.match(w) for w in words) and len(words) <= 4:
            out.append(text)
    # "لقدس" beside "القدس": the article lost its alef, not a spelling of the name
    return [f for f in dict.fromkeys(out) if not (f.startswith("ل") and "ا" + f in out)]


def latin_forms(city: City, en: str) -> list[str]:
    """Latin spellings of a city close to its English or GeoNames name, in ASCII and as written."""
    junk = set(split(wc.JUNK.get(city.gid, "")))
    refs = {loose(en), loose(city.name)}
    out = []
    for raw in (city.name, *city.alternates):
        text = clean(raw)
        if text in junk or "(" in raw or not _LATIN_NAME.fullmatch(ascii_name(text)):
            continue
        if text.split()[-1].casefold() in DIVISION_TYPES - {"city"}:  # "Tokat Province" is not the town
            continue
        if any(len(w) > 1 and w.isupper() for w in ascii_name(text).replace("-", " ").split()):
            continue  # codes: "SAH", "UAE"
        if city.country not in REGION and loose(text) not in refs:
            continue  # elsewhere only accent, article and spacing variants: the rest are other languages'
        if max(SequenceMatcher(None, loose(text), ref).ratio() for ref in refs) < 0.75 or _FOREIGN.search(
            text
        ):
            continue
        # "Tʻripʻoli": modifier letters mark another language's transliteration; keep the plain form
        marked = any(unicodedata.category(ch) in ("Lm", "Sk") for ch in text)
        out += [ascii_name(text)] if marked else [text, ascii_name(text)]
    return list(dict.fromkeys(out))


def best_arabic(city: City, forms: list[str], latin: list[str]) -> str:
    """The Arabic name: the spelling that sounds most like the Latin names; careful spelling first."""
    if city.gid in wc.NAME_AR:
        return wc.NAME_AR[city.gid]
    if not forms:
        return ""
    # In Arab countries the article is part of most names (الرياض, الدمام): prefer the form with it.
    article = city.country in ARAB or ascii_name(city.name).split()[0].casefold().split("-")[0] in ARTICLES
    scored = sorted(
        forms,
        key=lambda f: (
            -round(sounds_like(f, latin), 1),
            f.startswith("ال") != article,
            ambiguous(f),  # كسلا, not كسل ("laziness"), is Kassala
            f.endswith("ى") and not latin[0].endswith("a"),  # دبي, not دبى
            -sum(f.count(ch) for ch in "ةأإآء"),
            # Native spellings keep the emphatic letters that transliterations back from Latin lose
            -sum(f.count(ch) for ch in "طصضظقعح") if city.country in REGION else 0,
            f.endswith("ه"),
            len(f),
            f,
        ),
    )
    best = scored[0]
    # A spelling that sounds nothing like the place is a translation or another place.
    return best if sounds_like(best, latin) >= 0.5 else ""


def english(city: City) -> str:
    if city.gid in wc.NAME_EN:
        return wc.NAME_EN[city.gid]
    words = ascii_name(city.name).replace("-", " - ").split()
    text = " ".join(words).replace(" - ", "-")
    return clean(text)


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", ascii_name(re.sub(r"\(.*?\)", "", name)).casefold()).strip("-")


DIVISION_TYPES = frozenset(
    "province governorate region state oblast prefecture department district municipality county "
    "emirate popularate territory republic city autonomous capital division parish".split()
)


def loose(name: str) -> str:
    """A loose Latin form for telling two spellings of one name: no accents, articles, spaces,
    type words or doubled letters."""
    text = ascii_name(TYPE_WORDS.sub(" ", name)).casefold()
    words = [w for w in re.split(r"[^a-z0-9]+", text) if w]
    words = [w for w in words if w not in DIVISION_TYPES] or words
    words = [w for i, w in enumerate(words) if not (w in ARTICLES and i < len(words) - 1)]
    return re.sub(r"(.)\1+", r"\1", "".join(words))
