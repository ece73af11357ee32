"""Which sense an attack word has in its sentence, from the words around it (pure).

Some attack and weapon words have other everyday senses, and outlets use both: "مسيرة" is a drone
and a march (and, as "المسيرة", the Houthis' television channel); a "strike" is an airstrike and
a walk-out; "rocket" flies to orbit and prices rocket; a shark or a heart "attacks"; police set an
"ambush" to arrest a gang; builders lay bricks in mortar; a film crew is shooting; an MP blasts
the government over the drone of generators. Each such word has the neighbours of its other
senses; a word with one of them within a few words, and none of the weapon sense's, is not an
attack word here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from wirewatch.core.lexicon import TermHit, term_list, word_forms
from wirewatch.core.text import normalize

WINDOW = 4  # words on each side read for the sense


@dataclass(frozen=True, slots=True)
class _Sense:
    name: str  # the other sense, as explain says it
    terms: frozenset[str]  # the polysemous terms (as written in lexicon.TERMS)
    other: frozenset[str]  # neighbours of the other sense
    weapon: frozenset[str]  # neighbours that keep the weapon sense whatever else is near
    anywhere: frozenset[str] = frozenset()  # words that decide the other sense anywhere in the sentence
    named: frozenset[str] = frozenset()  # a word before it that makes it a name ("سوق الصواريخ")


def _words(text: str) -> frozenset[str]:
    return frozenset(w for phrase in term_list(text) for w in normalize(phrase).split())


_SENSES = (
    _Sense(
        "a march, the al-Masira channel or a camera drone",
        frozenset(("مسيرة", "مسيرات", "الطيران المسير")),
        _words("""
            قناة | تلفزيون | فضائية | شاشة | نت | الحوثية | تظاهر | تظاهرة | احتجاج | احتجاجية | سلمية | حاشدة
            راجلة | المشاركين | المشاركون | شارك | شاركت | خرجت | جابت | رفع | شعارات | مواطنين | حشود
            المسيرة | مسيرة السلام | تضامن | تضامنية | عودة | العودة | حياة | حياته | حياتها | مهنية | المهنية
            عمل | العمل | تنمية | التنمية | التنموية | تنموية | إصلاح | الإصلاح | نجاح | رياضية | فنية
            علمية | الخير | البناء
            التعليم | مسيرته | مسيرتها | طويلة | حافلة | عطاء | رحلة | سنوات
            عقود | عقدين | عاما | أيام | اكمال | إكمال | استكمال | مواصلة | للتصوير | التصوير | تصوير
            فيلم | الفيلم | بداية | تحرير | نحو | ليال | ليالي
        """),
        _words("طائرة | طائرات | مفخخة | مفخخات | انتحارية | أسقط | اسقاط | اعترض | اعتراض | أطلقت | بطائرة"),
    ),
    _Sense(
        "a walk-out or a deal",
        frozenset(("strike", "strikes", "struck")),
        _words("""
            workers | union | unions | hunger | walkout | pay | wage | wages | employees | dockworkers
            seamen | miners | deal | agreement | balance | chord | accord | bargain | lightning | clock
            went | salaries | salary | protest | teachers | drivers | staff | unofficial | stoppage
            stoppages | strikers | dockers | grain | staged | storm | storms | hail | hailstorm | thunderstorm
            rain | flood | floods | earthquake | quake
        """),
        _words(
            "air | airstrike | missile | missiles | drone | drones | jets | warplanes | artillery | killed"
        ),
    ),
    _Sense(
        "a space rocket or a figure of speech",
        frozenset(("rocket*", "صاروخ*", "صواريخ*")),
        _words("""
            satellite | satellites | space | orbit | nasa | spacex | astronaut | astronauts | prices | price
            shares | sales | فضائي | فضائية | الفضاء | قمر | أقمار | صناعي | مدار | رواد | تسديدة | تسديدات
            هدف | مرمى | الأسهم | الأسعار | أسعار | العلمي | علمي | علمية | الأبحاث | أبحاث | الأرصاد
            research | scientific | weather | meteorological | rate | rates | dollar | exchange | exchanges
            currency | inflation | stocks | rents | spikes | volleyball | تجريبي | تجريبيا | تجريبياً | طلبة
            طلاب | الطلبة | الطلاب | مسابقة | الجامعة | جامعة | هندسة | students | student | competition
            university | hobby | model
        """),
        _words(
            "fired | launched at | hit | struck | sirens | intercepted | سقط | سقوط | استهدف | اعترض"
            " | أطلقت على"
        ),
        # "a rocket ... carrying the Mars probe", "launched ... into orbit"; not "الفضاء" (airspace
        # too), "مدار" ("على مدار الساعة"), "probe" (an inquiry) or "فضائية" (a TV channel)
        _words(
            "مسبار | المريخ | orbit | spaceport | nasa | spacex | astronaut | astronauts | cosmonauts"
            " | capsule | ناسا | سبيس | فالكون | كانافيرال | الاصطناعي | اصطناعي | اصطناعيا | الاصطناعية"
            " | falcon | liftoff | lifted"
        ),
        # Jeddah's "أسواق الصواريخ", a market named after rockets; "ارتفاع صاروخي", a rocketing rise
        _words(
            "سوق | أسواق | اسواق | حي | شارع | ارتفاع | ارتفاعا | قفزة | قفزات | نمو | نموا | صعود | صعودا"
            " | بشكل | بصورة | like"
        ),
    ),
    _Sense(
        "an animal shot, not an attack",
        frozenset(
            (
                "طلق ناري",
                "طلقات نارية",
                "بالرصاص",
                "رصاصة",
                "أطلق النار",
                "اطلق النار",
                "أطلقت النار",
                "إطلاق النار",
                "shot dead",
            )
        ),
        frozenset(),
        frozenset(),
        # a police officer shot a dog he took for a lion; the vets looked for its owner
        _words(
            "كلب | الكلب | كلاب | الكلاب | بيطري | بيطريون | البيطري | البيطرية | dog | dogs | veterinary"
        ),
    ),
    _Sense(
        "an attack of another kind (a shark, the heart, hackers)",
        frozenset(("attack*", "هجوم*", "هجمات*", "هاجم*", "يهاجم*")),
        _words("""
            shark | sharks | heart | panic | asthma | cyber | cyberattack | hacker* | hacking | ransomware
            dog | dogs | bear | crocodile | قرش | أسماك | قلبية | قلب | نوبة | إلكتروني | الكتروني | قرصنة
            قراصنة | اختراق | فيروس | كلب | كلاب | قرد | قرود | ذئب | ذئاب | نمر | ثعبان | أفعى | دب
            monkey | monkeys | wolf | wolves | snake | tiger | lion | lions | locust | locusts | insects
            swarms | pests | جراد | الجراد | حشرات | حشرة | السونة | آفة | آفات | سيبراني | سيبرانية
            إلكترونية | الأسود | حيوانات | الحيوانات | zoo
        """),
        _words("rocket | rockets | drone | bomb | gunmen | صاروخ | مسيرة | عبوة | مسلحين | انتحاري"),
    ),
    _Sense(
        "an explosion of prices, anger or numbers, or a film's effects",
        frozenset(("انفجار*", "انفجارات", "explosion*")),
        _words("""
            أسعار | الأسعار | سكاني | السكاني | غضب | الغضب | الطلب | التضخم | prices | price | population
            anger | demand | inflation | مصطنعة | مؤثرات | سينمائية | الخدع | فيلم | الفيلم | تصوير
            like | thunder | رعد | الرعد
        """),
        _words(
            "عبوة | ناسفة | مفخخة | انتحاري | قتل | مقتل | إصابة | bomb | device | suicide | killed | wounded"
        ),
        # "a bolt of lightning struck a tower, causing ... a loud explosion-like bang"
        _words("lightning | thunderbolt | صاعقة | الصاعقة"),
    ),
    _Sense(
        "an assault on a person, not an armed attack",
        frozenset(("اعتداء*", "assault*")),
        _words("""
            جنسي | جنسية | الجنسي | التحرش | تحرش | اغتصاب | لفظي | بالضرب | ضرب | طبيب | الطبيب | معلم
            ممرض | ممرضة | مريض | طالب | زوجته | طفل | أطفال | قاصر | sexual | harassment | rape | verbal
            beating | beat | doctor | nurse | teacher | wife | child | children | minor
        """),
        _words("صاروخ | قذيفة | مسلح | مسلحين | عبوة | انتحاري | rocket | mortar | gunmen | bomb | drone"),
    ),
    _Sense(
        "targeting in another sense (money, markets, customers)",
        frozenset(("استهداف*", "target*")),
        _words("""
            تمويل | التمويل | شبكات | الاقتصاد | الأسعار | غسيل | الأموال | أسواق | المستهلكين | العملاء
            الناخبين | الجمهور | مبيعات | التضخم | financing | networks | funding | sanctions | markets
            market | consumers | customers | voters | audience | inflation | sales | growth | revenue
        """),
        _words("صاروخ | قذيفة | غارة | مسيرة | قصف | rocket | mortar | airstrike | drone | shelling | bomb"),
    ),
    _Sense(
        "a can or a bottle",
        frozenset(("عبوة", "عبوات")),
        _words("""
            حليب | الحليب | مشروب | مشروبات | طاقة | الطاقة | مياه | ماء | غذائية | بلاستيكية | معدنية | عصير
            مياه معدنية | لتر | مل | غرام | كرتون | كرتونية | علبة | زجاجة | منتج | منتجات | مستحضر
            تمور | التمور | شامبو | منظفات | عطر | عطور | shampoo | غاز | الغاز | منزلية | الطبخ
        """),
        _words("ناسفة | ناسفتين | لاصقة | انفجار | انفجرت | تفجير | زرع | مزروعة | مفخخة"),
    ),
    _Sense(
        "tear gas or flares, not a bomb",
        frozenset(("قنبلة", "قنابل", "grenade*", "bomb", "bombs")),
        _words("""
            الغاز | غاز | مسيلة | المسيلة | مسيل | المسيل | للدموع | دخانية | الدخانية | مضيئة | المضيئة
            ضوئية | tear | gas | smoke | flare | flares | illumination | stun
        """),
        _words("ناسفة | يدوية | مفخخة | انفجرت | انفجار | قتل | مقتل | explosive | killed | exploded"),
    ),
    _Sense(
        "shooting as a sport or a film shoot",
        frozenset(("shooting",)),
        _words("""
            olympic | olympics | championship | championships | medal | medals | trap | skeet | range | rifle
            competition | tournament | qualification | final | film | films | movie | movies | scenes | scene
            crew | documentary | series | episode | episodes | director | actors | actress | photo
        """),
        _words(
            "gunmen | gunman | killed | wounded | dead | police | attack | victims | opened fire | injured"
        ),
    ),
    _Sense(
        "the drone of engines, or a drone light show",
        frozenset(("drone*",)),
        _words("""
            engines | engine | hum | humming | buzz | bagpipes | traffic | generators | monotone
            lit | light | lights | show | shows | display | formation | formations | festival | newroz
            nowruz | celebration | celebrations | celebrated | fireworks
        """),
        _words(
            "attack | attacks | strike | explosive | explosives | launched | shot | struck | hit | killed"
        ),
    ),
    _Sense(
        "criticism (an MP blasts the government)",
        frozenset(("blast*",)),
        _words("""
            government | ministry | minister | ministers | policy | policies | decision | critics | lawmaker
            mp | parliament | officials | authorities | cuts | corruption | handling | failure | media
        """),
        _words("bomb | explosive | explosives | killed | wounded | injured | dead | car | suicide | device"),
    ),
    _Sense(
        "mortar for building",
        frozenset(("mortar*",)),
        _words("""
            cement | concrete | brick | bricks | sand | plaster | masonry | builders | builder | construction
            tiles | pestle | lime | grout
        """),
        _words("shell | shells | round | rounds | fired | landed | attack | struck | killed | wounded"),
    ),
    _Sense(
        "a police trap to arrest",
        frozenset(("كمين", "ambush*")),
        _words(
            "القبض | قبض | اعتقال | اعتقل | ضبط | الإطاحة | أطاحت | arrested | arrest | caught | detained"
            " | sting"
        ),
        _words("قتل | مقتل | جرح | إصابة | استشهاد | killed | wounded | dead | fire | النار"),
    ),
)
_BY_TERM = {term: sense for sense in _SENSES for term in sense.terms}


def other_sense(hit: TermHit, words: Sequence[str], offset: int) -> str | None:
    """The other sense of an attack or weapon word in its sentence, or ``None`` for the weapon's."""
    sense = _BY_TERM.get(hit.term)
    if sense is None:
        return None
    first, last = hit.first - offset, hit.last - offset
    near = (*words[max(0, first - WINDOW) : first], *words[last + 1 : last + 1 + WINDOW])
    around = {f for w in near for f in word_forms(w)}
    if sense.anywhere and sense.anywhere & {f for w in words for f in word_forms(w)}:
        return sense.name
    if first > 0 and sense.named & set(word_forms(words[first - 1])):
        return sense.name
    following = words[last + 1] if last + 1 < len(words) else ""
    if following in sense.other and following not in sense.weapon:
        return sense.name  # "عبوة غاز", "shooting range": the word's own complement decides
    if _any_cue(sense.weapon, around):
        return None
    return sense.name if _any_cue(sense.other, around) else None


def held_sense(hit: TermHit, words: Sequence[str], offset: int, headline: dict[str, str]) -> str | None:
    """The sense the headline gave the same word, kept in a later sentence with no weapon's
    neighbour of its own (one sense per story): "students launch home-made rocket in desert test",
    then "the students launched a home-made rocket ... reaching three kilometres"."""
    sense = headline.get(hit.term)
    if sense is None:
        return None
    first, last = hit.first - offset, hit.last - offset
    near = (*words[max(0, first - WINDOW) : first], *words[last + 1 : last + 1 + WINDOW])
    hits_something = _BY_TERM[hit.term].weapon - _LAUNCHED
    return None if _any_cue(hits_something, {f for w in near for f in word_forms(w)}) else sense


# Launching and firing are what both senses do; only hitting something keeps the weapon's here.
_LAUNCHED = _words("launched at | fired | أطلقت على")


def _any_cue(cues: frozenset[str], words: set[str]) -> bool:
    """A cue is the word, or begins it when it is long enough to be a stem ("قمر" in "قمرا")."""
    if cues & words:
        return True
    stems = _stems(cues)
    return any(c for w in words for c in stems.get(w[:3], ()) if w.startswith(c))


@cache
def _stems(cues: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """Cues of three letters or more, by their first three letters."""
    out: dict[str, list[str]] = {}
    for c in cues:
        if len(c) >= 3:
            out.setdefault(c[:3], []).append(c)
    return {k: tuple(v) for k, v in out.items()}
