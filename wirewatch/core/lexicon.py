"""Term tables and a multi-word term matcher for Arabic and English news (pure).

This room holds the words that signal an attack, its weapon, its outcome, and the contexts that
make such words harmless (denials, threats, exercises, arms deals, sport). Terms are written in
natural spelling; they are normalized with the same function as the text. A trailing ``*`` on a
word makes it a stem (``صاروخ*`` matches صاروخين, صاروخية; ``rocket*`` matches rockets). Arabic
attached clitics (و ف ب ل ك ال لل) are stripped from each text word before comparing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from wirewatch.core.text import Token, normalize

ATTACK_TYPES = ("rocket", "missile", "mortar", "drone", "ied", "suicide", "shooting", "airstrike", "other")

# label -> terms. Weapon labels are "weapon:<type>".
TERMS: dict[str, tuple[str, ...]] = {
    "weapon:rocket": (
        "صاروخ*",
        "صواريخ*",
        "كاتيوشا*",
        "كاتيوشات",
        "غراد",
        "قذيفة صاروخية",
        "قذائف صاروخية",
        "rocket*",
        "katyusha*",
        "grad rocket*",
        "107mm",
        "122mm",
    ),
    "weapon:missile": (
        "صاروخ باليستي*",
        "صواريخ باليستي*",
        "صاروخ كروز",
        "صواريخ كروز",
        "صاروخ موجه*",
        "صواريخ موجه*",
        "صاروخ مجنح*",
        "صواريخ مجنح*",
        "صواريخ أرض أرض",
        "صاروخ أرض أرض",
        "صاروخ فرط صوتي",
        "صواريخ فرط صوتية",
        "missile*",
        "ballistic*",
        "cruise missile*",
        "atgm",
        "anti tank guided",
        "kornet",
    ),
    "weapon:mortar": ("هاون", "قذيفة هاون", "قذائف هاون", "قذائف الهاون", "mortar*"),
    "weapon:drone": (
        "مسيرة",
        "مسيرتين",
        "مسيرتان",
        "مسيرات",
        "طائرة مسيرة",
        "طائرتين مسيرتين",
        "طائرتان مسيرتان",
        "طائرات مسيرة",
        "طائرة بدون طيار",
        "طائرات بدون طيار",
        "طائرة بلا طيار",
        "طائرات بلا طيار",
        "طائرة مفخخة",
        "طائرات مفخخة",
        "درون",
        "الدرون",
        "درونز",
        "drone*",
        "uav*",
        "unmanned aerial",
        "one way attack",
        "loitering munition*",
        "kamikaze",
        "shahed",
    ),
    "weapon:ied": (
        "عبوة ناسفة",
        "عبوتين ناسفتين",
        "عبوتان ناسفتان",
        "عبوات ناسفة",
        "عبوة لاصقة",
        "عبوات لاصقة",
        "عبوة",
        "عبوتين",
        "عبوات",
        "سيارة مفخخة",
        "سيارات مفخخة",
        "دراجة مفخخة",
        "دراجة نارية مفخخة",
        "لغم أرضي",
        "ألغام أرضية",
        "جسم متفجر",
        "ied*",
        "vbied*",
        "roadside bomb*",
        "explosive device*",
        "improvised explosive",
        "car bomb*",
        "sticky bomb*",
        "landmine*",
        "booby trap*",
        "bomb blast",
        "bomb attack",
        "bomb exploded",
    ),
    "weapon:suicide": (
        "انتحاري*",
        "حزام ناسف",
        "أحزمة ناسفة",
        "هجوم انتحاري",
        "تفجير انتحاري",
        "suicide bomb*",
        "suicide attack*",
        "suicide vest*",
        "suicide car",
        "self detonat*",
        "blew himself",
        "blew herself",
    ),
    "weapon:shooting": (
        "إطلاق نار",
        "إطلاق النار",
        "اطلاق نار",
        "نيران أسلحة",
        "مسلحون",
        "مسلحين",
        "هجوم مسلح",
        "قناص*",
        "رشقات نارية",
        "اشتباك*",
        "كمين",
        "shooting",
        "gunmen",
        "gunman",
        "open fire",
        "opened fire",
        "opens fire",
        "opening fire",
        "gunfire",
        "sniper*",
        "shot dead",
        "ambush*",
        "small arms fire",
        "firefight",
        "clashes",
        "armed attack",
    ),
    "weapon:airstrike": (
        "غارة جوية",
        "غارات جوية",
        "غارة",
        "غارات",
        "قصف جوي",
        "ضربة جوية",
        "ضربات جوية",
        "طائرات حربية",
        "طيران حربي",
        "airstrike*",
        "air strike*",
        "air raid*",
        "warplane*",
        "fighter jet*",
        "bombing raid*",
    ),
    # Words that name an attack without its weapon.
    "attack": (
        "هجوم*",
        "هجمات*",
        "هاجم*",
        "الهجوم*",
        "استهداف*",
        "اعتداء*",
        "قصف*",
        "تفجير*",
        "انفجار*",
        "attack*",
        "assault*",
        "raid*",
        "explosion*",
        "blast*",
        "bombing*",
        "shelling",
        "shelled",
        "strike",
        "strikes",
        "struck",
    ),
    # Verbs and nouns that say a thing happened to a target.
    "event": (
        "استهدف*",
        "يستهدف",
        "تستهدف",
        "سقط*",
        "سقوط",
        "تسقط",
        "يسقط",
        "انفجر*",
        "انفجار*",
        "تفجير*",
        "قصف*",
        "ضرب*",
        "أصاب*",
        "أصابت",
        "طال",
        "طالت",
        "تعرض*",
        "تعرضت",
        "أطلق*",
        "إطلاق",
        "هز*",
        "دوي",
        "هاجم*",
        "شن*",
        "نفذ*",
        "استهداف*",
        "أسفر*",
        "أدى",
        "ادى",
        "أدت",
        "ادت",
        "وقع",
        "وقعت",
        "hit",
        "hits",
        "hitting",
        "struck",
        "strike",
        "strikes",
        "striking",
        "target*",
        "land",
        "landed",
        "landing",
        "lands",
        "fell",
        "fall",
        "falls",
        "explod*",
        "detonat*",
        "launch*",
        "fire",
        "fired",
        "fires",
        "firing",
        "shell*",
        "impact*",
        "slam*",
        "rock",
        "rocked",
        "rocks",
        "attacked",
        "attacking",
        "came under",
        "come under",
        "comes under",
        "kill*",
        "wound*",
        "injur*",
        "damag*",
        "carried out",
        "carry out",
        "blew up",
        "blow up",
        "went off",
        "targeting",
    ),
    "intercepted": (
        "اعترض*",
        "إسقاط",
        "أسقط*",
        "اسقط*",
        "تصدت",
        "تصدي",
        "الدفاعات الجوية",
        "منظومة سيرام",
        "سي رام",
        "intercept*",
        "shot down",
        "downed",
        "air defen*",
        "c ram",
        "counter rocket",
        "brought down",
    ),
    "killed": (
        "قتل*",
        "مقتل",
        "قتلى",
        "قتيل*",
        "مصرع",
        "استشهاد",
        "شهداء",
        "شهيد*",
        "لقي حتفه",
        "لقوا حتفهم",
        "kill*",
        "dead",
        "death*",
        "died",
        "dies",
        "fatalit*",
        "lost their lives",
    ),
    "wounded": (
        "جرح*",
        "جرحى",
        "جريح*",
        "إصابة",
        "إصابات",
        "اصابة",
        "اصابات",
        "مصاب*",
        "أصيب*",
        "اصيب*",
        "wound*",
        "injur*",
        "hurt",
        "casualt*",
    ),
    "no_casualties": (
        "دون خسائر بشرية",
        "دون وقوع خسائر",
        "دون أن يحدث خسائر",
        "دون أن يحدثا خسائر",
        "دون أن تحدث خسائر",
        "دون أن يسفر* عن خسائر",
        "دون أن تسفر* عن خسائر",
        "دون أن يسفر* عن إصابات",
        "دون أن تسفر* عن إصابات",
        "دون أن يسفر* عن وقوع",
        "دون أن تسفر* عن وقوع",
        "دون تسجيل خسائر",
        "دون تسجيل إصابات",
        "دون إصابات",
        "دون اصابات",
        "دون وقوع إصابات",
        "لم يسفر عن إصابات",
        "لم يسفر عن خسائر",
        "لم تسفر عن إصابات",
        "لم تسفر عن خسائر",
        "لم يسفر عن وقوع",
        "لم تسفر عن وقوع",
        "لا إصابات",
        "لم تسجل إصابات",
        "لم تسجل أي إصابات",
        "no casualties",
        "no injuries",
        "no one was hurt",
        "no one was injured",
        "nobody was hurt",
        "without casualties",
        "caused no casualties",
        "no reported casualties",
        "no immediate reports of casualties",
    ),
    "claim": (
        "تبنت",
        "تبنى",
        "أعلنت مسؤوليتها",
        "أعلن مسؤوليته",
        "اعلنت مسؤوليتها",
        "claimed responsibility",
        "claimed the attack",
        "claimed",
        "claim of responsibility",
    ),
    # Contexts that make attack words harmless.
    "deny": (
        "نفى",
        "نفت",
        "ينفي",
        "تنفي",
        "نفي",
        "لا صحة",
        "عار عن الصحة",
        "عارية عن الصحة",
        "غير صحيحة",
        "لم يتعرض",
        "لم تتعرض",
        "لم يقع",
        "لم تقع",
        "لم يحدث",
        "لم تسقط",
        "لم يسقط",
        "شائعات",
        "مفبركة",
        "denied",
        "denies",
        "deny",
        "no attack",
        "not attacked",
        "did not come under",
        "false report*",
        "fake",
        "rumour*",
        "rumor*",
        "there was no",
    ),
    "threat": (
        "هدد*",
        "يهدد*",
        "تهدد*",
        "توعد*",
        "تتوعد",
        "يتوعد",
        "تهديد*",
        "حذر*",
        "يحذر*",
        "تحذر*",
        "تحذير*",
        "سنستهدف",
        "ستستهدف",
        "سيستهدف",
        "سنرد",
        "سترد",
        "سيرد",
        "في حال",
        "خطط*",
        "مخطط*",
        "يخطط*",
        "threat*",
        "warn*",
        "vow*",
        "plan to",
        "plans to",
        "planned to",
        "planning to",
        "plot*",
        "intend*",
        "would target",
        "could target",
        "will target",
        "may target",
        "might target",
        "could attack",
        "would attack",
        "will attack",
        "could strike",
        "would strike",
        "will strike",
        "could hit",
        "would hit",
        "will hit",
        "in case of",
        "if attacked",
    ),
    # A responsibility or involvement denial is not a denial that the attack happened.
    "responsibility": (
        "مسؤولية",
        "مسؤوليتها",
        "مسؤوليته",
        "مسؤوليتهم",
        "ضلوع*",
        "تورط*",
        "علاقة*",
        "responsib*",
        "involvement",
        "involved",
        "link*",
    ),
    # Outcome words that only a real event has.
    "physical": (
        "سقط*",
        "سقوط",
        "انفجر*",
        "أصاب*",
        "طالت",
        "أسفر*",
        "قتل*",
        "مقتل",
        "هز*",
        "دوي",
        "أضرار",
        "اضرار",
        "خسائر",
        "تضرر*",
        "احتراق",
        "حريق",
        "أصيب*",
        "اصيب*",
        "hit",
        "hits",
        "hitting",
        "struck",
        "land",
        "lands",
        "landed",
        "fell",
        "falls",
        "explod*",
        "kill*",
        "wound*",
        "injur*",
        "damag*",
        "went off",
        "blew up",
        "rock",
        "rocks",
        "rocked",
        "impact*",
        "slam*",
        "set fire",
        "destroy*",
    ),
    "exercise": (
        "مناورة",
        "مناورات",
        "تمرين",
        "تمارين",
        "تدريبات عسكرية",
        "تجربة صاروخية",
        "تجارب صاروخية",
        "اختبار",
        "exercise*",
        "drill*",
        "test fire*",
        "test fired",
        "test launch*",
        "simulat*",
        "wargame*",
    ),
    "deal": (
        "صفقة",
        "صفقات",
        "شراء",
        "بيع",
        "تسليم",
        "عقد",
        "منظومة",
        "منظومات",
        "تزويد",
        "deal*",
        "purchase*",
        "sale",
        "sales",
        "sell*",
        "buy*",
        "contract*",
        "deliver*",
        "procure*",
        "order",
        "ordered",
    ),
    "sport": (
        "مباراة",
        "مباريات",
        "الدوري",
        "المنتخب",
        "لاعب*",
        "تسديدة",
        "تسديدات",
        "مرمى",
        "حارس مرمى",
        "ركلة",
        "كرة القدم",
        "بطولة",
        "الملعب",
        "هداف",
        "المدرب",
        "football",
        "soccer",
        "match",
        "league",
        "striker*",
        "goalkeeper",
        "goal",
        "goals",
        "midfield*",
        "tournament",
        "scored",
        "coach",
        "kick",
        "penalty",
        "fans",
        "stadium",
        "playoff*",
        "inning*",
    ),
    # What attacks hit: with one of these, an attack word without a weapon is still a physical attack.
    "target_noun": (
        "قاعدة",
        "قواعد",
        "معسكر*",
        "رتل",
        "أرتال",
        "ارتال",
        "حاجز",
        "سيطرة",
        "دورية",
        "دوريات",
        "نقطة تفتيش",
        "مقر",
        "مقرات",
        "ثكنة",
        "القوات",
        "قوات",
        "الجيش",
        "الشرطة",
        "السفارة",
        "القنصلية",
        "مطار",
        "موكب",
        "base",
        "bases",
        "airbase",
        "checkpoint*",
        "patrol*",
        "convoy*",
        "camp",
        "troops",
        "soldiers",
        "forces",
        "police",
        "army",
        "embassy",
        "consulate",
        "airport",
        "outpost*",
        "barracks",
        "headquarters",
        "motorcade",
    ),
    # Words that say the attack is one of many or a past one without a date.
    "background": (
        "منذ",
        "سابق",
        "سابقة",
        "السابق",
        "مماثل*",
        "الذكرى",
        "ذكرى",
        "أعقاب",
        "سلسلة هجمات",
        "عشرات الهجمات",
        "هذه الهجمات",
        "تلك الهجمات",
        "مثل هذه",
        "بانتظام",
        "باستمرار",
        "مرارا",
        "مراراً",
        "تكرار*",
        "الهجمات المتكررة",
        "عادة",
        "since",
        "previous*",
        "similar",
        "anniversary",
        "a series of",
        "string of",
        "dozens of attacks",
        "these attacks",
        "such attacks",
        "earlier attack*",
        "past attack*",
        "recalled",
        "reminiscent",
        "repeatedly",
        "regularly",
        "frequent*",
    ),
}


@dataclass(frozen=True, slots=True)
class _Word:
    text: str
    stem: bool

    def matches(self, form: str) -> bool:
        return form.startswith(self.text) if self.stem else form == self.text


@dataclass(frozen=True, slots=True)
class Term:
    label: str
    words: tuple[_Word, ...]
    source: str


@dataclass(frozen=True, slots=True)
class TermHit:
    """A term found at tokens ``[first, last]`` (characters ``[start, end)`` of the original)."""

    label: str
    first: int
    last: int
    start: int
    end: int
    term: str


def _clitic_prefixes() -> tuple[str, ...]:
    out = {"لل", "ولل", "فلل"}
    for conj in ("", "و", "ف"):
        for prep in ("", "ب", "ل", "ك"):
            for art in ("", "ال"):
                out.add(conj + prep + art)
    out.discard("")
    return tuple(sorted(out, key=len, reverse=True))


_CLITICS = _clitic_prefixes()


@lru_cache(maxsize=262144)
def word_forms(word: str) -> tuple[str, ...]:
    """A word and its forms with Arabic attached clitics removed (remainder of 2+ letters)."""
    forms = [word]
    if word and "\u0600" <= word[0] <= "\u06ff":
        for prefix in _CLITICS:
            if word.startswith(prefix) and len(word) - len(prefix) >= 2:
                forms.append(word[len(prefix) :])
    return tuple(forms)


class Lexicon:
    """Terms indexed by the first two letters of their first word."""

    def __init__(self, table: Mapping[str, Iterable[str]]) -> None:
        self._buckets: dict[str, list[Term]] = {}
        for label, sources in table.items():
            for source in sources:
                words: list[_Word] = []
                for raw in source.split():
                    stem = raw.endswith("*")
                    norm = normalize(raw.rstrip("*")).replace("-", " ")
                    words.extend(
                        _Word(w, stem and k == len(norm.split()) - 1) for k, w in enumerate(norm.split())
                    )
                if words:
                    term = Term(label, tuple(words), source)
                    self._buckets.setdefault(words[0].text[:2], []).append(term)
        for bucket in self._buckets.values():
            bucket.sort(key=lambda t: -len(t.words))
        self._first: dict[str, tuple[Term, ...]] = {}

    def _starting(self, word: str) -> tuple[Term, ...]:
        """Terms whose first word matches one of the word's forms, longest first (cached per word)."""
        found = self._first.get(word)
        if found is None:
            terms = [
                term
                for form in word_forms(word)
                for term in self._buckets.get(form[:2], ())
                if term.words[0].matches(form)
            ]
            found = tuple(sorted(dict.fromkeys(terms), key=lambda t: -len(t.words)))
            if len(self._first) < 500_000:
                self._first[word] = found
        return found

    def find(self, toks: Sequence[Token], labels: frozenset[str] | None = None) -> list[TermHit]:
        """All terms in ``toks``; per label, the longest match at each position, no overlaps."""
        hits: list[TermHit] = []
        covered: dict[str, int] = {}  # label -> first token index not yet covered
        for i, tok in enumerate(toks):
            seen_labels: set[str] = set()
            for term in self._starting(tok.norm):
                if term.label in seen_labels or (labels is not None and term.label not in labels):
                    continue
                if covered.get(term.label, 0) > i:
                    continue
                size = len(term.words)
                if i + size > len(toks):
                    continue
                if all(term.words[k].matches(toks[i + k].norm) for k in range(1, size)):
                    seen_labels.add(term.label)
                    covered[term.label] = i + size
                    hits.append(
                        TermHit(term.label, i, i + size - 1, tok.start, toks[i + size - 1].end, term.source)
                    )
        return hits


_DEFAULT: Lexicon | None = None


def default_lexicon() -> Lexicon:
    global _DEFAULT  # noqa: PLW0603 - built once, read-only afterwards
    if _DEFAULT is None:
        _DEFAULT = Lexicon(TERMS)
    return _DEFAULT
