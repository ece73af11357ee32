"""What part a place plays in a sentence about an attack (pure).

A place named near attack words is not always the target: "rockets launched from X", "after the
attack on X" (an earlier event), "residents of X lost power after a strike on Y" (a consequence),
"north of X" (outside the city), "3:30 a.m. Baghdad time" (a clock). These functions read such
roles from the words around the place; ``detect`` keeps only targets.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from wirewatch.core.gazetteer import BASE_WORDS, Gazetteer, PlaceMention
from wirewatch.core.lexicon import QUARTER_WORDS, word_forms
from wirewatch.core.recency import TimeRef
from wirewatch.core.text import normalize

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
        "شن",
        "تشن",
        "يشن",
        "غارات",
        "طلعات",
        "strikes",
        "airstrikes",
        "raids",
        "sorties",
        "missions",
        "flights",
        "launch",
        "launching",
        "fly",
        "flying",
    )
)


_DIRECTIONS = frozenset(
    normalize(w)
    for w in (
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "شمال",
        "شمالي",
        "جنوب",
        "جنوبي",
        "شرق",
        "شرقي",
        "غرب",
        "غربي",
        "شمال غرب",
        "جنوب غرب",
        "شمال شرق",
        "جنوب شرق",
    )
)


def target_place(gazetteer: Gazetteer, words: Sequence[str], mention: PlaceMention, offset: int) -> str:
    """The place a mention makes a target: "north of Baghdad" is outside the city, in its province."""
    i = mention.first - offset
    place = gazetteer.places[mention.place_id]
    if place.kind in ("base", "site") and place.parent is not None and is_surroundings(words, i):
        return place.parent  # "villages around Habbaniyah air base": in its town, not the base
    if place.kind not in ("city", "district") or place.parent is None:
        return mention.place_id
    base = gazetteer.base_in(mention.place_id)
    k = i
    while k > 2 and i - k < 4 and words[k - 1] in _TOWN_WORDS:
        k -= 1  # "the base in the town of al-Shaddadi", "the coalition base in al-Shaddadah"
    if base is not None and k >= 2 and words[k - 1] in _IN_AT and _a_base(words[max(0, k - 5) : k - 1]):
        return base  # "the U.S. base in al-Shaddadi", "القاعدة الأمريكية في الشدادي"
    if base is not None and k >= 1 and "of" in words[k:i] and _a_base(words[max(0, k - 4) : k]):
        return base  # "the American occupation base of al-Shaddadi"
    j = i
    while j > 0 and i - j < 2 and words[j - 1] in _CAPITAL_WORDS:
        j -= 1  # "north of the capital Baghdad", "شمالي العاصمة بغداد"
    before = words[max(0, j - 2) : j]
    english = len(before) == 2 and before[1] == "of" and before[0] in _DIRECTIONS
    arabic = len(before) >= 1 and any(f in _DIRECTIONS for f in word_forms(before[-1]))
    if arabic and any(w in QUARTER_WORDS for w in words[max(0, j - 5) : j - 1]):
        return mention.place_id  # "حي المشتل شرقي العاصمة بغداد": a quarter in the city's east
    return place.parent if english or arabic else mention.place_id


_TOWN_WORDS = frozenset(
    normalize(w)
    for w in (
        "the",
        "of",
        "al",
        "el",
        "town",
        "city",
        "northern",
        "southern",
        "eastern",
        "western",
        "بلدة",
        "مدينة",
    )
)
_IN_AT = frozenset(normalize(w) for w in ("in", "at", "near", "في", "قرب", "بمنطقة"))
_BASE_OWNERS = frozenset(
    normalize(w)
    for w in """الأمريكية الأميركية الامريكية الأمريكي الأميركي التركية الروسية العسكرية الجوية للتحالف
    التحالف الدولي الاحتلال للاحتلال قوات القوات لقوات للقوات""".split()
)


def _a_base(before: Sequence[str]) -> bool:
    """ "base", "the U.S. base", "القاعدة الأمريكية", "قاعدة الاحتلال الأمريكي": a base named by its
    town, not by a name (a base word, then only words that say whose base it is)."""
    for k in range(1, len(before) + 1):
        if before[-k] in BASE_WORDS:
            # "Harir airbase in Erbil": an English base word after a name says where that base is
            named = k < len(before) and before[-k - 1].isascii() and before[-k - 1] not in _ENGLISH_OWNERS
            return not named
        if before[-k] not in _BASE_OWNERS:
            return False
    return False


# What may stand before an English base word that a town names ("the U.S. base in Shaddadi").
_ENGLISH_OWNERS = frozenset(
    """the a an its their us u s american coalition military main key large small another one
    occupation""".split()
)


_CAPITAL_WORDS = frozenset(normalize(w) for w in ("العاصمة", "مدينة", "the", "capital", "city"))
_COUNTRY_ADJECTIVES = frozenset(normalize(w) for w in ("العراقية", "السورية", "iraqi", "syrian"))


def _words(text: str) -> frozenset[str]:
    return frozenset(normalize(w) for w in text.split())


# "near the al-Tanf garrison", "supports the al-Tanf garrison", "ويقدم الدعم لحامية التنف".
_LANDMARK = _words(
    "قريبة قريب مقربة بالقرب near close supports support supporting serves الدعم لدعم يدعم تدعم"
)
_DISTANCE = _words(
    "كم كلم كيلومتر كيلومترا كيلومترات كيلو ميل أميال مسافة km kms kilometres kilometers kilometre kilometer"
    " miles mile"
)
_STREET_BEFORE = _words("شارع طريق أوتوستراد اوتوستراد")
_STREET_AFTER = _words("street st road avenue highway")
# "Iran-backed", "Turkish-led", "الموالية لإيران", "المدعومة من إيران": a patron, not a target.
_ATTRIBUTE_AFTER = _words("backed led allied aligned sponsored funded supported based linked affiliated")
_ATTRIBUTE_BEFORE = _words(
    "المدعومة المدعوم مدعومة مدعوم الموالية الموالي الموالين موالية الموالون التابعة التابع تابعة تابع"
)
# A place inside a speaker's title or an authority's name: "محافظ الأنبار", "governor of Basra".
_OFFICE = _words(
    "محافظ مجلس قائد قيادة عمليات مسؤول مدير متحدث الناطق نائب عضو governor council commander command"
    " spokesman spokeswoman spokesperson official mayor chief lawmaker mp"
)
# "use of Incirlik", "استخدام قاعدة إنجرليك", "deployed to Incirlik": where forces stand or fly from.
_STAGING = _words(
    "استخدام باستخدام انطلاقا تنطلق تقلع أقلعت نشر المتمركزة المتمركز تتمركز use using deployed deploy"
    " stationed based fly flew flying operate operating host hosting hosts"
)
_STAGING_SKIP = _words("قاعدة قاعده base air airbase the of to at in from في من إلى الى")
# "Baghdad said", "Tehran's statement", "أعلنت بغداد": a capital standing for its government.
_SPEAKS_AFTER = _words(
    "said says say announced claimed denied accused reported communique statement radio government officials"
    " spokesman responded warned insisted says insists claims accuses denies warns"
)
# "transferred to Baghdad", "نقل الجرحى إلى بغداد": where the wounded were taken, not a target.
_TAKEN = _words(
    "نقل نقلوا نقلت ينقل أسعف اسعف أسعفوا إسعاف اسعاف أجلي أجليت"
    " taken transferred rushed evacuated flown airlifted"
    # a convoy on its way: "الرتل كان متجها من الجنوب نحو بغداد", "trucks heading to Baghdad"
    " متجها متجهة متجهين متجهًا طريقه طريقها heading headed bound"
)
_TO = _words("إلى الى نحو to toward towards for")
_TAKEN_REACH = 12
# "taken to a hospital in Baghdad": the words between where they were taken and the place.
_CARE_PLACES = _words(
    "the a an in في مستشفى المستشفى مستشفيات hospital hospitals clinic مركز صحي military عسكري العسكري"
    " medical طبي الطبي"
)
# "قيادة عمليات بغداد", "the Muthanna division": a unit's name, never a target.
_UNIT = _words("عمليات قيادة فرقة لواء فيلق الفرقة اللواء الفيلق division brigade corps command operations")
_SPEAKS_BEFORE = _words(
    "قالت أعلنت اعلنت أكدت اكدت اتهمت نفت حذرت طالبت ردت تقول تؤكد ترى تعتبر تتهم تنفي تحذر تطالب ترد"
)


_LOCATING = _words("في in")
_LANDMARK_UNITS = _words("محافظة مدينة قضاء ناحية منطقة district province town city area the")


def _locates_the_landmark(words: Sequence[str], i: int) -> bool:
    k = i - 1
    while k >= 0 and words[k] in _LANDMARK_UNITS:
        k -= 1
    if k < 2 or words[k] not in _LOCATING:
        return False
    # "من <noun> في": a landmark that is no number, no unit of distance and no place word before
    before = words[k - 1]
    return words[k - 2] in _FROM_WORDS and not before[:1].isdigit() and before not in _DISTANCE


_FROM_WORDS = _words("من from of")


def is_reference_point(words: Sequence[str], i: int, other_place_before: bool) -> bool:
    """ "30 km north of Baghdad", "على بعد 50 كلم من الموصل", "Baqubah, north-east of Baghdad":
    a point to measure from, not where the attack was."""
    window = words[max(0, i - 8) : i]
    if any(f in _DISTANCE for w in window for f in word_forms(w)):
        # "على بعد كيلومتر من المجمع في قضاء الزبير": the place says where the thing measured
        # from stands, and so where the rocket fell
        return not _locates_the_landmark(words, i)
    j = i
    while j > 0 and i - j < 3 and words[j - 1] in _CAPITAL_WORDS | _COUNTRY_ADJECTIVES | {"of"}:
        j -= 1
    return other_place_before and j > 0 and any(f in _DIRECTIONS for f in word_forms(words[j - 1]))


_BETWEEN = frozenset(
    normalize(w)
    for w in (
        "between بين المحاذية المحاذي المتاخمة المتاخم المجاورة المجاور الحدودية الحدودي bordering adjacent"
        " neighbouring border boundary المطلة المطل تطل يطل المشرفة المشرف overlooking overlook"
        " overlooks"
    ).split()
)


def is_landmark(words: Sequence[str], first: int, another_ends: int | None) -> bool:
    """ "Tower 22, a logistics point near the al-Tanf garrison": a base named to say where another
    place is (for bases only: "Zrgwez near Sulaymaniyah" is in Sulaymaniyah). The word "near" stands
    after that other place (``another_ends``), not before it: "fired from near Albukamal hit Ain
    al-Asad air base" hit the base."""
    return another_ends is not None and any(
        f in _LANDMARK for w in words[max(0, first - 3, another_ends + 1) : first] for f in word_forms(w)
    )


def is_boundary(words: Sequence[str], first: int) -> bool:
    """ "a valley between Kirkuk and Salah al-Din", "المحاذية لمحافظة كركوك", "near the boundary with
    Nineveh": the edges of a place (not "the border town of al-Qaim", which is the place). The second
    edge may stand further from "between": "the area between al-Jafra and al-Koniko"."""
    k = first - 1
    while k >= 0 and words[k] in _ARTICLE_WORDS:
        k -= 1
    start = max(0, first - (7 if k >= 0 and words[k] in _AND_WORDS else 4))
    name = first - 1 if first > 1 and words[first - 1] in _UNIT_WORDS else first  # "محافظة كركوك"
    if name > 0 and words[name - 1] in _EDGE_OF:
        return True  # "قرب حدود محافظة كركوك", near the edge of Kirkuk province
    if (
        name < first
        and name > 1
        and words[name - 1] == _WITH
        and _BORDER.intersection(words[max(0, name - 3) : name - 1])
    ):
        # "قريبة من الحدود الإدارية مع محافظة صلاح الدين", the province's edge (not "الحدود مع سوريا",
        # where the strikes fell)
        return True
    return any(
        f in _BETWEEN and words[k + 1] not in _SETTLEMENTS
        for k, w in enumerate(words[start:first], start)
        for f in word_forms(w)
    )


_ARTICLE_WORDS = frozenset(("the", "al"))
_AND_WORDS = frozenset(("and", "&"))
_EDGE_OF = frozenset(normalize(w) for w in ("حدود", "لحدود"))  # not "الحدود في منطقة القائم"
_WITH = normalize("مع")
_BORDER = frozenset(normalize(w) for w in ("حدود", "الحدود", "لحدود", "للحدود"))
_UNIT_WORDS = frozenset(normalize(w) for w in ("محافظة", "مدينة", "قضاء", "ناحية"))


_SETTLEMENTS = _words("town city village crossing post")


def is_street(words: Sequence[str], first: int, last: int) -> bool:
    """ "شارع بغداد" in Damascus, "Baghdad Street": a street named after a city."""
    before = words[first - 1] if first > 0 else ""
    after = words[last + 1] if last + 1 < len(words) else ""
    return any(f in _STREET_BEFORE for f in word_forms(before)) or after in _STREET_AFTER


def is_attribute(words: Sequence[str], first: int, last: int) -> bool:
    """ "Iran-backed militias", "الفصائل الموالية لإيران": who stands behind, not who is hit."""
    after = words[last + 1] if last + 1 < len(words) else ""
    before = words[max(0, first - 2) : first]
    if before and before[-1] in _ADMIN_UNIT:
        return after in _ATTRIBUTE_AFTER  # "الجلام التابعة لقضاء سامراء": where it lies, not a patron
    return after in _ATTRIBUTE_AFTER or any(f in _ATTRIBUTE_BEFORE for w in before for f in word_forms(w))


_ADMIN_UNIT = _words("لقضاء قضاء لناحية ناحية لمحافظة محافظة لمدينة مدينة لبلدة بلدة لمنطقة منطقة")


def is_office(words: Sequence[str], first: int) -> bool:
    """ "محافظ الأنبار", "the governor of Basra", "Anbar Operations Command": a title, not a target."""
    before = [w for w in words[max(0, first - 3) : first] if w not in ("of", "the")]
    return bool(before) and any(f in _OFFICE for f in word_forms(before[-1]))


# "قال ضابط في قوات البيشمركة بقاعدة حرير إن مسيرة قصفت موقعاً في العمادية", "sources at Harir said":
# where the speaker serves, not where the attack fell (only when the sentence names another place).
_SERVING = _words(
    "ضابط مصدر مصادر مسؤول مسؤولون متحدث ناطق officer officers official officials source sources spokesman"
)
_AT_POST = _words("في at in")
_POST_REACH = 6  # words from the speaker's noun to the place


def is_speakers_post(words: Sequence[str], first: int) -> bool:
    """The place a speaker is said to be at ("an officer at Harir base", "مصدر في قاعدة عين الأسد")."""
    window = words[max(0, first - _POST_REACH) : first]
    if not any(f in _SERVING for w in window for f in word_forms(w)):
        return False
    prev = words[first - 1] if first > 0 else ""
    if prev == "at" or words[first].startswith(normalize("بقاعد")):
        return True  # "sources at Harir", "ضابط ... بقاعدة حرير"
    if prev in _AT_POST and first > 1 and any(f in _SERVING for f in word_forms(words[first - 2])):
        return True  # "ضابط في حرير: ..."
    if (
        prev in _AT_POST
        and first > 2
        and words[first] in BASE_WORDS
        and any(f in _SERVING for f in word_forms(words[first - 3]))
    ):
        return True  # "عن مصادر عسكرية في قاعدة حرير الجوية": a base, not a province
    if prev in _AT_POST and first > 1 and words[first] in BASE_WORDS and words[first - 2] in _PRESENT:
        return True  # "مصدر في قوات البيشمركة متواجد في قاعدة حرير الجوية"
    # "مصدر في قاعدة عين الأسد", "an officer in Harir base"; not "مصدر أمني في محافظة كركوك",
    # a local source, who most often speaks of his own province
    return prev in BASE_WORDS and first > 1 and words[first - 2] in _AT_POST


_PRESENT = _words("متواجد المتواجد متواجدة موجود الموجود موجودة")
_SAID = _words("قال قالت أكد أضاف أوضح said told")
_MEDIA = _words("إعلام اعلام الإعلام الاعلام media press")
_TITLE_REACH = 8  # words from "قال" back across a media official's title to the place


def is_media_title(words: Sequence[str], first: int) -> bool:
    """ "وقال مسؤول إعلام الحشد الشعبي في شمال صلاح الدين، علي الحسيني، إن ...": the place of a
    media official's title, who speaks of an attack elsewhere."""
    window = words[max(0, first - _TITLE_REACH) : first]
    return any(
        any(f in _SAID for f in word_forms(window[k - 1]))
        and any(f in _OFFICE for f in word_forms(window[k]))
        and any(f in _MEDIA for f in word_forms(window[k + 1]))
        for k in range(1, len(window) - 1)
    )


# "تلقت بغداد اليوم نسخة منه", "told Baghdad Today": the news site, not the city and not today.
_OUTLET_TODAY = _words("اليوم today")
_OUTLET_CUES_BEFORE = _words("ل لـ تلقت وكالة موقع شبكة told the to")
_OUTLET_CUES_AFTER = _words("نسخة نسخه website site agency news")
_OUTLET_CITIES = _words("بغداد baghdad")


def is_outlet(words: Sequence[str], first: int) -> bool:
    """The place at ``first`` opens the name of a news site ("بغداد اليوم", "Baghdad Today")."""
    if words[first] not in _OUTLET_CITIES or first + 1 >= len(words) or words[first + 1] not in _OUTLET_TODAY:
        return False
    before = words[first - 1] if first > 0 else ""
    after = words[first + 2] if first + 2 < len(words) else ""
    return before in _OUTLET_CUES_BEFORE or after in _OUTLET_CUES_AFTER


def is_issued_at(words: Sequence[str], first: int) -> bool:
    """Where a statement was issued: "في بيان صدر ببغداد", "in a statement issued in Baghdad", "said in
    a statement from Baghdad", "speaking from Erbil"."""
    if first > 1 and words[first - 1] == "from" and words[first - 2] in _SPOKE_FROM:
        return True
    return _is_before(words, first, _LOCATING, _ISSUED)


_ISSUED = _words("صدر صادر الصادر issued released")
_SPOKE_FROM = _words("statement communique speaking said told")


_TO_ROAD = frozenset(normalize(w) for w in ("to", "إلى", "الى"))
_ROADS = frozenset(
    normalize(w) for w in ("road", "highway", "route", "الطريق", "المؤدي", "المؤدية", "المتجه", "طريق")
)


def is_destination(words: Sequence[str], first: int) -> bool:
    """ "the wounded were taken to the capital Baghdad": where they went, not what was hit."""
    if first > 1 and words[first - 1] in _TO_ROAD and words[first - 2] in _ROADS:
        return True  # "near the road to Mosul", "الطريق المؤدي إلى الموصل": where the road goes
    j = first
    while j > 0 and first - j < 5 and words[j - 1] in _CAPITAL_WORDS | _COUNTRY_ADJECTIVES | _CARE_PLACES:
        j -= 1
    return (
        j > 0
        and any(f in _TO for f in word_forms(words[j - 1]))
        # "نقل جنديان أصيبا بانفجار عبوة ناسفة في الطارمية اليوم إلى": the verb leads the sentence
        and any(f in _TAKEN for w in words[max(0, j - _TAKEN_REACH) : j - 1] for f in word_forms(w))
    )


_HEADING = _words(
    "continued heading headed travelling traveling moving en route bound متجها متجهة متوجها متوجهة"
    " طريقه طريقها"
)
_TOWARDS = _words("towards toward to باتجاه نحو إلى الى")
_COMING = _words("قادما قادمة القادم القادمة coming travelling traveling")
_FROM = _words("from من")
_PROVINCE_WORDS = _words("محافظة province governorate the")
# "متوجهاً من الحدود الكويتية إلى قاعدة عين الأسد": a convoy's destination named as a base or port
_ROUTE_ENDS = BASE_WORDS | _words("معسكر ميناء مطار camp port airport")


def is_route(words: Sequence[str], first: int) -> bool:
    """ "the convoy continued its way towards Baghdad", "كان الرتل قادماً من محافظة البصرة", "متوجهاً
    ... إلى قاعدة عين الأسد": where a convoy was going or coming from, not where it was hit."""
    j = first
    while j > 0 and first - j < 3 and words[j - 1] in _CAPITAL_WORDS | _PROVINCE_WORDS | _ROUTE_ENDS:
        j -= 1
    if j == 0:
        return False
    before = words[j - 1]
    if any(f in _TOWARDS for f in word_forms(before)):
        return any(f in _HEADING for w in words[max(0, j - 6) : j - 1] for f in word_forms(w))
    if any(f in _FROM for f in word_forms(before)):
        return any(f in _COMING for w in words[max(0, j - 3) : j - 1] for f in word_forms(w))
    return False


def is_unit(words: Sequence[str], first: int, last: int) -> bool:
    """ "قيادة عمليات بغداد", "فرقة المثنى", "the Muthanna division": a unit named for a place."""
    before = words[first - 1] if first > 0 else ""
    after = words[last + 1] if last + 1 < len(words) else ""
    return any(f in _UNIT for f in word_forms(before)) or after in _UNIT


def _skip_back(words: Sequence[str], first: int, skip: frozenset[str], most: int = 3) -> int:
    """Where the words before ``first`` start once up to ``most`` words of ``skip`` are passed over."""
    j = first
    while j > 0 and first - j < most and words[j - 1] in skip:
        j -= 1
    return j


def _word_before(words: Sequence[str], first: int, skip: frozenset[str], most: int = 3) -> str | None:
    """The word before ``first`` once up to ``most`` words of ``skip`` are passed over."""
    j = _skip_back(words, first, skip, most)
    return words[j - 1] if j > 0 else None


def _is_before(words: Sequence[str], first: int, skip: frozenset[str], cues: frozenset[str]) -> bool:
    word = _word_before(words, first, skip)
    return word is not None and any(f in cues for f in word_forms(word))


def is_staging(words: Sequence[str], first: int) -> bool:
    """ "the use of Incirlik", "F-16s deployed to Incirlik": where forces stand, not a target."""
    return _is_before(words, first, _STAGING_SKIP, _STAGING)


# A base forces strike from: "strikes on ISIS from Incirlik", "نشرت واشنطن مقاتلات ... في قاعدة
# إنجرليك", "ستفتح قاعدة إنجرليك أمام القوات الأمريكية للاستخدام في شن غارات".
_DEPLOYED = _words("نشر نشرت تنشر ينشر ستنشر بنشر")
_FOR_USE = _words(
    "للاستخدام لاستخدام لشن لتنفيذ للانطلاق لانطلاق لإطلاق للطائرات لطائرات"
)  # "opened X to US planes"
_AIRCRAFT = _words("مقاتلات طائرات قاذفات مروحيات قوات جنود منظومة منظومات بطاريات")
_IN = _words("في")
_LAUNCHING = normalize("شن")
# "near the base" is the base: "بالقرب من قاعدة عين الأسد".
_NEAR_FROM = _words(
    "بالقرب قرب مقربة القريبة قريبة قريب القريب كم كلم كيلومتر كيلومترات away"
    # "طائرة مسيرة كانت تقترب من قاعدة حرير": approaching the base, not coming from it
    " تقترب يقترب اقتربت اقترب تقتربان يقتربان"
)


def is_base_in_use(words: Sequence[str], first: int, last: int) -> bool:
    """A base named as where strikes start from, where aircraft were deployed, or as opened for
    use: the staging ground, not the target (only for bases)."""
    j = _skip_back(words, first, _BASE_WORDS - {normalize("في")}, 4)
    if j > 1 and words[j - 1] in _ORIGIN_WORDS and words[j - 2] not in _NEAR_FROM:
        return True
    before = words[max(0, first - 12) : first]
    deployed = next((k for k, w in enumerate(before) if w in _DEPLOYED), None)
    if deployed is not None and any(f in _AIRCRAFT for w in before[deployed + 1 :] for f in word_forms(w)):
        return True  # "نشرت" alone also says "published"
    after = words[last + 1 : last + 13]
    return any(w in _FOR_USE for w in after) or any(
        a in _IN and b == _LAUNCHING for a, b in pairwise(after[:7])
    )


_VILLAGE = _words("village villages town قرية قرى بلدة بلدات")
_VILLAGE_SKIP = _words("of al el the")


_AROUND = _words("محيط around surrounding vicinity")
_AREAS = _words("قرى قرية بلدات بلدة مناطق منطقة أحياء احياء مواقع villages village towns areas positions")


def is_surroundings(words: Sequence[str], first: int) -> bool:
    """ "positions in villages and towns around (بمحيط) Habbaniyah air base": the base says where
    the villages are; they were attacked, not it."""
    j = first
    while j > 0 and first - j < 2 and words[j - 1] in _TOWN_WORDS:
        j -= 1  # "around the base"
    if j == 0 or not any(f in _AROUND for f in word_forms(words[j - 1])):
        return False
    return any(f in _AREAS for w in words[max(0, j - 6) : j - 1] for f in word_forms(w))


def is_village(words: Sequence[str], first: int) -> bool:
    """ "the villages of al-Tiyas and Sharifeh": the village a base is named after, not the base."""
    return _is_before(words, first, _VILLAGE_SKIP, _VILLAGE)


_FUNERAL = _words("شيعت شيع يشيع تشييع جنازة جنازات جثامين جثمان دفن funeral funerals buried burial mourners")


def is_funeral(words: Sequence[str], first: int, attacks: Sequence[int]) -> bool:
    """ "funerals were held in Baghdad for soldiers killed in Kirkuk", "شيعت في بغداد جثامين ...":
    where the dead are mourned, not where they were attacked."""
    window = range(max(0, first - 6), first)
    return any(
        any(f in _FUNERAL for f in word_forms(words[k])) and not any(k < a < first for a in attacks)
        for k in window
    )


def is_victims_attack(words: Sequence[str], first: int) -> bool:
    """ "the three soldiers who were killed in the attack on Tower 22", "الجنود الذين قتلوا في هجوم
    البرج 22": the attack the dead fell in, named to say who they were, not the news."""
    window = words[max(0, first - 8) : first]
    for k, w in enumerate(window):
        if w in _WHO and any(f in _KILLED_IN for v in window[k + 1 : k + 4] for f in word_forms(v)):
            rest = window[k + 1 :]
            return any(f in _IN_THE_ATTACK for v in rest for f in word_forms(v))
    return False


_WHO = _words("الذين اللذين الذي التي who")
_KILLED_IN = _words("قتلوا قتلا قتل قتلت استشهدوا سقطوا killed died wounded injured")
_IN_THE_ATTACK = _words("هجوم الهجوم بهجوم attack strike bombing")


def is_flown_over(words: Sequence[str], first: int) -> bool:
    """ "helicopters seen flying low over al-Omar field", "تحلق على علو منخفض فوق حقل العمر": where
    aircraft flew, not what was hit."""
    before = [w for w in words[max(0, first - 2) : first] if w not in ("the", "al")]
    window = {f for w in words[max(0, first - 8) : first] for f in word_forms(w)}
    return bool(before) and before[-1] in _OVER and bool(window & _FLYING) and not window & _DRONES


_OVER = _words("over above فوق")
_DRONES = _words("drone drones uav مسيرة مسيرات مسيّرة مسيّرات")  # a drone flying over a base targets it
_FLYING = _words("تحلق يحلق حلقت حلق تحليق flying flew fly flies circling hovering")


_NOT = _words("not never لم لن")
_HIT = _words("hit struck targeted damaged reached يصب تصب يتعرض تتعرض يستهدف تستهدف")


_SITUATION = _words("الوضع الأوضاع الاوضاع situation")
_CALM = _words("طبيعي طبيعية مستقر مستقرة هادئ هادئة normal calm stable")


def is_calm(words: Sequence[str], first: int, last: int) -> bool:
    """ "الوضع في قاعدة حرير طبيعي", "the situation at the base is normal": the place is well."""
    before = words[max(0, first - 3) : first]
    after = words[last + 1 : last + 5]
    return any(w in _SITUATION for w in before) and any(w in _CALM for w in after)


def is_spared(words: Sequence[str], last: int) -> bool:
    """ "but the airport was not struck", "ولم تتعرض القاعدة لأي ضرر": the place was not hit."""
    after = words[last + 1 : last + 7]
    return any(a in _NOT and b in _HIT for a, b in pairwise(after))


_TRAFFIC = frozenset(normalize(w) for w in "traffic flights flight الملاحة الرحلات".split())
_HALTED = frozenset(
    normalize(w)
    for w in """halted suspended stopped diverted closed grounded أوقفت توقفت علقت تعليق إيقاف توقف إغلاق
    أغلق resumed reopened استؤنفت استئناف تعليقها إغلاقه""".split()
)


def is_grounded(words: Sequence[str], first: int, last: int) -> bool:
    """ "air traffic at Erbil airport was halted", "توقفت حركة الملاحة في مطار أربيل": the airport
    closed its sky (or opened it again: "استؤنفت"), no one struck it."""
    before = words[max(0, first - 3) : first]
    after = words[last + 1 : last + 5]
    return bool(_TRAFFIC.intersection(before)) and bool(
        _HALTED.intersection([*after, *words[max(0, first - 5) : first]])
    )


_STRUCK_EN = frozenset(
    """fires fired launches launched strikes struck bombs bombed shells shelled pounds pounded
    attacks attacked""".split()
)
_STRUCK_AR = frozenset(normalize(w) for w in "أطلقت أطلق وأطلقت شنت شن وشنت".split())


_FORCES_EN = frozenset("forces troops military jets warplanes aircraft army navy".split())
_WHEN_EN = frozenset(
    """today tonight overnight yesterday later earlier then this evening morning afternoon night on late
    early monday tuesday wednesday thursday friday saturday sunday""".split()
)


_ALLIES_AR = frozenset(normalize(w) for w in "وحلفاؤها وحلفاؤه والحلفاء وحلفائها وحلفاءها وشركاؤها".split())
_LAUNCH_AR = frozenset(
    normalize(w) for w in "يشن تشن يشنون تشنان شنت تنفذ ينفذ نفذت تقصف يقصف قصفت تضرب ضربت".split()
)
_BY_WHOM = frozenset(
    """used backed run operated controlled held manned funded armed supported conducted carried
    launched fired flown""".split()
)


def is_attacker(words: Sequence[str], first: int, last: int) -> bool:
    """ "Iran fires ballistic missiles at bases in Iraq", "شنت إسرائيل غارات": the state that
    struck, not a target (not "Jordan attacked by drones")."""
    after = words[last + 1 : last + 7]
    if after and after[0] == "s":
        after = after[1:]  # "Israel's jets struck"
    if after and after[0] in _FORCES_EN:
        after = after[1:]  # "U.S. forces this evening struck": the forces of the state
        while after and after[0] in _WHEN_EN:
            after = after[1:]  # "this evening", "on Tuesday"
    if after and after[0] in _STRUCK_EN and (len(after) < 2 or after[1] != "by"):
        return True
    if first > 0 and words[first - 1] in _STRUCK_AR:
        return True
    # "أمريكا وحلفاؤها يشنون 29 ضربة جوية", "أمريكا والحلفاء تشن 23 غارة": the state, then its verb
    later = [w for w in words[last + 1 : last + 4] if w not in _ALLIES_AR]
    if later and later[0] in _LAUNCH_AR:
        return True
    # "a depot used by Iran's Guards", "conducted by two U.S. Air Force F-15s": who uses a site or
    # flew the strike, not the target
    by = next((k for k in range(first - 1, max(-1, first - 4), -1) if words[k] == "by"), None)
    return by is not None and by > 0 and words[by - 1] in _BY_WHOM


def is_speaker(words: Sequence[str], first: int, last: int) -> bool:
    """ "Baghdad said", "a Baghdad communique", "أعلنت بغداد": a government by its capital's name."""
    after = words[last + 1] if last + 1 < len(words) else ""
    if after == "s" and last + 2 < len(words):
        after = words[last + 2]  # "Tehran's statement"
    before = words[first - 1] if first > 0 else ""
    return after in _SPEAKS_AFTER or any(f in _SPEAKS_BEFORE for f in word_forms(before))


def is_origin(words: Sequence[str], i: int) -> bool:
    """ "launched from Syria", "أطلقت من ...", "القادمة من الكويت", "strikes from a US air base
    at Incirlik", "من اتجاه منطقة التنف": where the attack came from."""
    k = _skip_back(words, i, _DIRECTION_SKIP, 4)
    if k > 1 and words[k - 1] in _DIRECTION_OF:
        before = words[k - 2] if words[k - 2] != "the" else words[k - 3] if k > 2 else ""
        if before in _ORIGIN_WORDS:
            return True  # "من اتجاه منطقة التنف", "from the direction of the al-Tanf area"
    j = _skip_back(words, i, _FROM_SKIP, 4)  # "من قاعدة جوية أمريكية في ...", "from a farm in"
    if j <= 0 or words[j - 1] not in _ORIGIN_WORDS:
        return False
    return any(f in _LAUNCH_WORDS for w in words[max(0, j - 6) : j - 1] for f in word_forms(w))


_DIRECTION_OF = frozenset(normalize(w) for w in ("اتجاه", "direction"))
_DIRECTION_SKIP = frozenset(normalize(w) for w in ("منطقة", "the", "of", "area", "al"))
_BASE_WORDS = frozenset(
    normalize(w)
    for w in (
        "قاعدة قاعده جوية الجوية أمريكية الأمريكية أميركية في base air airbase us american the a an at in"
    ).split()
)


_FROM_SKIP = _BASE_WORDS | frozenset(
    normalize(w)
    for w in (
        "farm farms orchard orchards field fields area village between near مزرعة مزارع بستان بساتين بين"
        " قرب بالقرب"
    ).split()
)


_CLAUSE_AFTER = frozenset(normalize(w) for w in ("after", "following", "بعد", "إثر", "اثر", "عقب", "أعقاب"))
_AFTER = _CLAUSE_AFTER | {normalize("since"), normalize("منذ")}


_NOT_AFTER = frozenset(
    normalize(w)
    for w in (
        *("على", "لم", "لا", "ما", "يتضح", "وقت", "قليل", "ذلك", "فيما", "the"),
        # a time of day: "بعد منتصف الليل", "after midnight", "بعد ظهر اليوم"
        *("منتصف", "ظهر", "الظهر", "العصر", "الغروب", "midnight", "noon", "dark", "dusk", "sunset"),
    )
)


_SKIPPABLE = frozenset(normalize(w) for w in ("the", "a", "last", "هجوم", "الهجوم", "قصف", "استهداف"))


def after_word(words: Sequence[str]) -> int | None:
    """Position of the first "after"/"بعد" that joins two clauses (not "على بعد", "لم ... بعد")."""
    for i, w in enumerate(words):
        if w in _CLAUSE_AFTER:
            previous = words[i - 1] if i else ""
            following = words[i + 1] if i + 1 < len(words) else ""
            if previous in _NOT_AFTER or not following or following[0].isdigit() or following in _NOT_AFTER:
                continue
            return i
    return None


# "hours after", "shortly after", "بعد ساعات من": the earlier attack is news too.
_SHORTLY = frozenset(
    normalize(w) for w in "hours hour minutes shortly soon just moments ساعات ساعة دقائق قليل".split()
)


def _recent_after(words: Sequence[str], after: int) -> bool:
    """ "hours after", "shortly after", "بعد ساعات من": the two clauses are hours apart."""
    return (after > 0 and words[after - 1] in _SHORTLY) or (
        after + 1 < len(words) and words[after + 1] in _SHORTLY
    )


def recent_afters(words: Sequence[str]) -> list[int]:
    """Positions of every "hours after"/"بعد ساعات من" ("وجاء ذلك بعد ساعات من هجوم مماثل")."""
    return [k for k, w in enumerate(words) if w in _CLAUSE_AFTER and _recent_after(words, k)]


def other_clause(i: int, after: int | None, attacks: Sequence[int], recent: bool = False) -> bool:
    """Which side of "after" holds the reported attack.

    "Drones hit Harir, three days after an attack on Erbil airport": the attack comes first, so
    places after "after" are the earlier event. "Power cuts in Erbil after a drone strike on Khor
    Mor": the main clause is a consequence, so places before "after" are not targets. With
    ``recent`` ("strikes on Kataib Hezbollah hours after a missile attack on al-Asad"), attacks on
    both sides are both news.
    """
    if after is None or not attacks:
        return False
    attack_first = any(a < after for a in attacks)
    if recent and attack_first and any(a > after for a in attacks):
        return False
    return i > after if attack_first else i < after


# "... in response to the Tower 22 attack", "ردا على هجوم": what follows is the earlier attack.
_RESPONSE = frozenset(
    normalize(w) for w in ("ردا", "رداً", "وردا", "ورداً", "انتقاما", "وانتقاما", "retaliation", "response")
)
_OPENING = 3  # "In retaliation for the attack, jets struck...": the earlier attack comes first


def _response_word(words: Sequence[str]) -> int | None:
    """Where "in response to"/"ردا على" first stands in mid-sentence, or ``None``."""
    return next((k for k in range(_OPENING, len(words)) if words[k] in _RESPONSE), None)


def in_response(i: int, words: Sequence[str], verbs: Sequence[int]) -> bool:
    """The place at ``i`` is named after "in response to"/"ردا على" in mid-sentence: the attack the
    news answers, not its target. A main verb between them (``verbs``: event verbs that no "that"
    or "الذي" introduces) ends the response clause: "in response to the massacres in Gaza, the
    fighters targeted the base of Ain al-Asad"."""
    k = _response_word(words)
    return k is not None and k < i and not any(k < v < i for v in verbs)


def response_point(words: Sequence[str], attacks: Sequence[int]) -> int | None:
    """Where "in response to"/"ردا على" starts the earlier attack, in mid-sentence after an attack
    word ("jets struck ... in response to a string of attacks"), or ``None``."""
    k = _response_word(words)
    return k if k is not None and any(a < k for a in attacks) else None


def other_time(i: int, refs: Sequence[TimeRef]) -> bool:
    """In a sentence with both a recent and an older time, a place nearest the older one is older."""
    if not any(r.kind == "current" for r in refs) or not any(r.kind == "past" for r in refs):
        return False
    nearest = min(refs, key=lambda r: min(abs(r.first - i), abs(r.last - i)))
    return nearest.kind == "past"


_CLOCK = normalize("توقيت")


def time_zone(words: Sequence[str], first: int, last: int) -> bool:
    """ "3:30 a.m. Baghdad time", "بتوقيت بغداد": a clock, not a place."""
    following = words[last + 1] if last + 1 < len(words) else ""
    return following == "time" or (first > 0 and _CLOCK in word_forms(words[first - 1]))


_FIRST_ACCOUNT = frozenset(normalize(w) for w in ("initially", "originally"))
_BUT = frozenset(normalize(w) for w in ("but", "however", "لكن", "ولكن", "غير", "إلا", "الا"))


def is_retracted(words: Sequence[str], i: int) -> bool:
    """ "Jordan initially said the attack took place across the border, at the al-Tanf garrison,
    but US officials said the outpost was on the Jordanian side": a first account the same
    sentence corrects names no target."""
    if not any(w in _FIRST_ACCOUNT for w in words[max(0, i - 16) : i]):
        return False
    return any(f in _BUT for w in words[i + 1 : i + 12] for f in word_forms(w))


def is_reference(words: Sequence[str], i: int) -> bool:
    """ "after the Tower 22 attack", "بعد هجوم البرج 22": a place named as the cause, not a target."""
    j = i - 1
    while j >= 0 and i - j <= 3 and words[j] in _SKIPPABLE:
        j -= 1
    return j >= 0 and any(f in _AFTER for f in word_forms(words[j]))


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
