"""Term tables and a multi-word term matcher for Arabic and English news (pure).

This room holds the words that signal an attack, its weapon, its outcome, and the contexts that
make such words harmless (denials, threats, exercises, arms deals, sport). Terms are written in
natural spelling; they are normalized with the same function as the text. A trailing ``*`` on a
word makes it a stem (``صاروخ*`` matches صاروخين, صاروخية; ``rocket*`` matches rockets). Arabic
attached clitics (و ف ب ل ك ال لل) are stripped from each text word before comparing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from wirewatch.core.scan import Starts, WordStarts
from wirewatch.core.text import Words, normalize

ATTACK_TYPES = ("rocket", "missile", "mortar", "drone", "ied", "suicide", "shooting", "airstrike", "other")


# "حي" (a quarter of a city), with its clitics: "حي المشتل", "حي واحد حزيران".
QUARTER_WORDS = frozenset(normalize(w) for w in ("حي", "بحي", "الحي", "لحي", "وحي"))


def term_list(text: str) -> tuple[str, ...]:
    """Terms separated by ``|`` or new lines (a compact way to keep long word lists readable)."""
    return tuple(t.strip() for t in text.replace("\n", "|").split("|") if t.strip())


# "The announcement followed a drone attack that killed three soldiers on Sunday": background
# words that put the attack before the news (detect lets an attack word before them off).
FOLLOWS = term_list("""
    followed a | followed an | follows a | follows an | came after a | comes after a
    came days after | comes days after | came a week after | comes a week after
""")

# label -> terms. Weapon labels are "weapon:<type>".
TERMS: dict[str, tuple[str, ...]] = {
    "weapon:rocket": term_list("""
        صاروخ* | صواريخ* | كاتيوشا* | كاتيوشات | غراد | قذيفة صاروخية | قذائف صاروخية | راجمة | راجمات
        rocket* | katyusha* | grad rocket* | 107mm | 122mm
    """),
    "weapon:missile": term_list("""
        صاروخ باليستي* | صواريخ باليستي* | صاروخ كروز | صواريخ كروز | صاروخ موجه* | صواريخ موجه*
        باليستي* | صاروخ بالستي* | صواريخ بالستي* | بالستي*
        صاروخ مجنح* | صواريخ مجنح* | صواريخ أرض أرض | صاروخ أرض أرض | صاروخ فرط صوتي | صواريخ فرط صوتية
        missile* | ballistic* | cruise missile* | atgm | anti tank guided | kornet
    """),
    "weapon:mortar": term_list("""
        هاون | قذيفة هاون | قذائف هاون | قذائف الهاون | قنبرة | قنابر
        mortar*
    """),
    "weapon:drone": term_list("""
        مسيرة | مسيرتين | مسيرتان | مسيرات | طائرة مسيرة | طائرتين مسيرتين | طائرتان مسيرتان
        طائرات مسيرة
        طائرة بدون طيار | طائرات بدون طيار | طائرة بلا طيار | طائرات بلا طيار | طائرة مفخخة | طائرات مفخخة
        درون | الدرون | درونز | طائرة انتحارية | طائرات انتحارية | الطيران المسير
        مسيرة انتحارية | مسيرات انتحارية | طائرة مسيرة انتحارية | طائرات مسيرة انتحارية
        سرب من الطائرات المسيرة
        الطائرات المسيرة | طيران مسير
        drone* | uav* | unmanned aerial | one way attack | loitering munition* | kamikaze | shahed
    """),
    "weapon:ied": term_list("""
        عبوة ناسفة | عبوتين ناسفتين | عبوتان ناسفتان | عبوات ناسفة | عبوة لاصقة | عبوات لاصقة | عبوة
        عبوتين
        عبوات | سيارة مفخخة | سيارات مفخخة | دراجة مفخخة | دراجة نارية مفخخة | لغم أرضي | ألغام أرضية
        جسم متفجر | عبوة صوتية | قنبلة زرعت | قنبلة مزروعة | قنبلة على جانب الطريق | زرعت على جانب الطريق
        عجلة مفخخة | عجلات مفخخة | سيارة ملغومة | سيارات ملغومة | عربة مفخخة | شاحنة مفخخة | شاحنات مفخخة
        صهريج مفخخ | صهاريج مفخخة
        ied* | vbied* | roadside bomb* | explosive device* | improvised explosive | car bomb*
        truck bomb*
        sticky bomb* | landmine* | booby trap* | bomb blast | bomb attack | bomb exploded | bomb went off
    """),
    "weapon:suicide": term_list("""
        انتحاري* | حزام ناسف | أحزمة ناسفة | هجوم انتحاري | تفجير انتحاري | حزاما ناسفا
        suicide bomb* | suicide attack* | suicide vest* | suicide car | self detonat* | blew himself
        blew herself
    """),
    "weapon:shooting": term_list("""
        إطلاق نار | إطلاق النار | اطلاق نار | نيران أسلحة | مسلحون | مسلحين | هجوم مسلح | قناص*
        رشقات نارية
        اشتباك* | كمين | أسلحة خفيفة | أسلحة رشاشة | بالأسلحة الخفيفة | الأسلحة الخفيفة والمتوسطة
        بالأسلحة الرشاشة | بأسلحة خفيفة | بالرصاص | برصاص | رصاصة | رصاصات | طلق ناري | طلقات نارية
        اغتيال | اغتيل | اغتالت | اغتال | اغتالوا
        أطلق النار | اطلق النار | أطلقوا النار | اطلقوا النار | فتح النار
        فتحوا النار | أطلق عليه النار | أطلقت النار
        assassinat* | gunshot* | shot and killed | shot him | shot her
        shooting | gunmen | gunman | open fire | opened fire | opens fire | opening fire | gunfire
        sniper*
        shot dead | ambush* | small arms fire | firefight | clashes | armed attack | machine gun*
        with rifles | rifle fire | assault rifle*
    """),
    "weapon:airstrike": term_list("""
        غارة جوية | غارات جوية | غارة | غارات | قصف جوي | ضربة جوية | ضربات جوية | طائرات حربية | طائرة حربية
        طيران حربي
        الطيران الحربي | مقاتلات | سلاح الجو | القوة الجوية | ضربة جوية دقيقة | عدوان جوي | عدوانا جويا
        عدوانا إسرائيليا | عدوان إسرائيلي | العدوان الإسرائيلي | طلعة جوية | طلعات جوية
        شنت طائرات أمريكية | شنت طائرات أميركية | شنت طائرات إسرائيلية | شنت طائرات روسية
        شنت طائرات تركية | شنت طائرات التحالف | نفذت طائرات أمريكية | نفذت طائرات أميركية
        نفذت طائرات إسرائيلية | نفذت طائرات روسية | نفذت طائرات تركية | نفذت طائرات التحالف
        airstrike* | air strike* | air raid* | warplane* | fighter jet* | bombing raid* | strike aircraft
        precision strike* | conducted strike* | conducted a strike
        coalition aircraft | helicopter gunship* | israeli aggression | air aggression
        aircraft struck | aircraft bombed | aircraft targeted | aircraft attacked | aircraft pounded
        jets struck | jets bombed | jets targeted | jets attacked | jets pounded | bombers struck
        launched an aggression | launched a new aggression | committed an aggression | commit aggression
        commits aggression | occupation aircraft | fighter aircraft | air force aircraft | f 15 aircraft
        f 16 aircraft | f 35 aircraft | f 15e* | b 1b bomber* | b 52 bomber*
    """),
    # Weapons of no listed type: hand grenades, unknown projectiles.
    "weapon:other": term_list("""
        قنبلة يدوية | قنابل يدوية | رمانة يدوية | رمانات يدوية | قنبلة صوتية | مقذوف* | مقذوفات
        قذيفة مدفعية | قذائف مدفعية | قذائف المدفعية | قذيفة مدفع | قذائف مدفع | قصف مدفعي | قصفا مدفعيا
        grenade* | hand grenade* | projectile* | unidentified object* | artillery shell* | artillery fire
        artillery rounds
    """),
    # Words that name an attack without its weapon.
    "attack": term_list("""
        هجوم* | هجمات* | هاجم* | الهجوم* | استهداف* | اعتداء* | قصف* | تقصف | يقصف | تفجير* | انفجار*
        انفجارات | قنبلة
        قنابل
        attack* | assault* | raid* | explosion* | blast* | bombing* | shelling | shelled | strike
        strikes | struck
        bomb | bombs | grenade*
        عملية عسكرية | عمليات عسكرية | عملية أمنية | عمليات أمنية | military operation | military operations
        ضمن عمليات | خلال عمليات
    """),
    # Verbs and nouns that say a thing happened to a target.
    "event": term_list("""
        استهدف* | يستهدف | تستهدف | سقط* | سقوط | تسقط | يسقط | انفجر* | انفجار* | تفجير* | قصف* | تقصف
        يقصف | ضرب* | تضرب
        أصاب* | أصابت | طال | طالت | تعرض* | تعرضت | أطلق* | إطلاق | هز* | دوي | هاجم* | شن* | نفذ*
        استهداف*
        أسفر* | أدى | ادى | أدت | ادت | وقع | وقعت | فجر* | ألقى | ألقت
        اغتيل | اغتيلت | اغتالت | اغتال | اغتالوا | assassinated
        hit | hits | hitting | struck | strike | strikes | striking | target* | land | landed | landing
        lands
        heard | sirens | fell | fall | falls | explod* | detonat* | launch* | fire | fired | fires
        firing | shell*
        impact*
        slam* | rock | rocked | rocks | attacked | attacking | came under | come under | comes under
        kill*
        wound* | injur* | damag* | carried out | carry out | blew up | blow up | went off | targeting
        threw
        hurled | lobbed
    """),
    "intercepted": term_list("""
        اعترض* | إسقاط | أسقط* | اسقط* | تصدت | تصدي | الدفاعات الجوية | منظومة سيرام | سي رام | إحباط
        intercept* | shot down | downed | air defen* | c ram | counter rocket | counter drone* | brought down
        shooting down | shoot down | shoots down
        foiled
    """),
    "killed": term_list("""
        قتل* | مقتل | قتلى | قتيل* | مصرع | استشهاد | شهداء | شهيد* | لقي حتفه | لقوا حتفهم | حصيلة
        kill* | dead | death* | died | dies | fatalit* | lost their lives | toll
    """),
    "wounded": term_list("""
        جرح* | جرحى | جريح* | إصابة | إصابات | اصابة | اصابات | مصاب* | أصيب* | اصيب*
        wound* | injur* | hurt | casualt*
    """),
    "no_casualties": term_list("""
        دون خسائر بشرية | دون وقوع خسائر | دون أن يحدث خسائر | دون أن يحدثا خسائر | دون أن تحدث خسائر
        دون أن يسفر* عن خسائر | دون أن تسفر* عن خسائر | دون أن يسفر* عن إصابات | دون أن تسفر* عن إصابات
        دون أن يسفر* عن وقوع | دون أن تسفر* عن وقوع | دون تسجيل خسائر | دون تسجيل إصابات | دون إصابات
        دون اصابات | دون وقوع إصابات | لم يسفر عن إصابات | لم يسفر عن خسائر | لم تسفر عن إصابات
        لم تسفر عن خسائر | لم يسفر عن وقوع | لم تسفر عن وقوع | لا إصابات | لم تسجل إصابات
        لم تسجل أي إصابات | لم تقع إصابات | لم تقع أي إصابات | لم تقع خسائر | لم يقع ضحايا
        لم تقع أضرار
        no casualties | no injuries | no one was hurt | no one was injured | nobody was hurt
        without casualties
        caused no casualties | no reported casualties | no immediate reports of casualties
        no one was killed
    """),
    # A fact check: the headline's attack is the claim it checks ("Fact check: video of 'tonight's
    # strike on Ain al-Asad' was filmed in 2020").
    "fact_check": term_list("""
        fact check | fact-check | factcheck | fact checking | تقصي الحقائق | فحص الحقائق | تدقيق المعلومات
        حقيقة فيديو | حقيقة الفيديو | فيديو قديم | مقطع قديم
    """),
    "claim": term_list("""
        تبنت | تبنى | أعلنت مسؤوليتها | أعلن مسؤوليته | اعلنت مسؤوليتها
        claimed responsibility | claimed the attack | claimed | claim of responsibility
    """),
    # Nobody claimed it: a state of its own, not a claimant.
    "unclaimed": term_list("""
        لم تعلن أي جهة | لم تعلن اي جهة | لم يعلن أحد | لم يتبن أحد | لم تتبن أي جهة | لم تتبن اي جهة
        لم تتبن | لم يتبن
        no group claimed | no one claimed | nobody claimed | no immediate claim | no claim of responsibility
        has not been claimed | was not claimed | there was no claim | did not claim
    """),
    # A toll that rose: the attack was reported before (a late report it is not).
    "toll_update": term_list("""
        ارتفعت حصيلة | ارتفاع حصيلة | ارتفع عدد ضحايا | ارتفاع عدد ضحايا | ارتفع عدد قتلى | ارتفاع عدد قتلى
        toll rose | toll rises | toll has risen | toll climbed | toll climbs | toll has climbed
    """),
    # Who reported the attack (see SOURCES for the names shown).
    "source": (),  # filled below from SOURCES
    # Contexts that make attack words harmless.
    # Someone denies ("the ministry denied ..."): the denial's scope is what it names.
    # "disputed" as a verb only, never the adjective: "the disputed territories", "disputed Tuz
    # Khurmatu" are places whose owner is in question, not a denied attack.
    "deny": term_list("""
        نفى | نفت | ينفي | تنفي | نفي | نافيا | نافياً | نافية | غير صحيحة | غير دقيقة | غير دقيق
        denied | denies | deny reports | deny that | deny any | deny the report*
        disputed the | disputes the | disputed that | disputes that | disputing | disputed this
        disputed claim* | disputed report* | disputed account* | disputed it | dispute the
        is false | was false | were false | are false
        dismissed
        baseless
        inaccurate
    """),
    # Someone rules a cause out ("مستبعداً وجود أي عمل تخريبي أو استهداف بطائرة مسيرة"): a denial
    # of what it names, never a headline's frame ("فرضية الاختراق الأمني مستبعدة" rules out a
    # breach, not the bombing).
    "rule_out": term_list("""
        مستبعدا | مستبعدة | استبعد | استبعدت | يستبعد | تستبعد | ruled out | rules out | ruling out
    """),
    # The attack did not happen ("no truth to any targeting", "there was no attack"): the whole
    # story is denied wherever this stands.
    "no_event": term_list("""
        لا صحة | عار عن الصحة | عارية عن الصحة | لم يتعرض
        لم تتعرض
        لم يقع | لم تقع | لم يحدث | لم تسقط | لم يسقط | شائعات | مفبركة | كاذبة | عدم صحة | أي هجوم
        لا أساس لها | لا أساس له | عارية | لم يتعرض لأي | الخبر غير صحيح | غير صحيح
        no attack | not attacked | did not come under | false report* | fake
        rumour*
        rumor* | there was no attack | there was no strike | there was no explosion | no rockets | no rocket
        no drones | no drone | no missiles
        completely false | not been attacked | had not been attacked | no indication of any attack
        untrue | no truth
        not a drone* | not drone* | not a rocket* | not rocket* | not an attack | not a strike
        not an explosion | not targeted | were not targeted | was not targeted | were not hit | was not hit
        was not struck | were not struck
        not a missile* | rather than an attack | rather than a strike | rather than an explosion
        rather than a drone | rather than a rocket | rather than a missile | rather than a bomb
        وليس هجوم* | ليس هجوم* | ليست هجوم* | وليس قصف* | وليس نتيجة
        لا علاقة له* بهجوم | لم يكن هجوم*
        عدم وجود أي خرق | بعدم وجود أي خرق | عدم وجود أي استهداف | لا يوجد أي استهداف
        no security breach
        nothing had struck | nothing struck | nothing hit | nothing had hit | nothing was hit
    """),
    "threat": term_list("""
        هدد* | يهدد* | تهدد* | توعد* | تتوعد | يتوعد | تهديد* | حذر* | يحذر* | تحذر* | تحذير* | سنستهدف
        ستستهدف
        سيستهدف | سنرد | سترد | سيرد | في حال | خطط* | مخطط* | يخطط* | وعيد | ثأر | الثأر
        ضمن مدى | في مرمى | خطر | مخاطر | أنصاره إلى
        يتأهب* | تتأهب | يستعد* | تستعد* | استعداد* | استعدادا | تحضير* | تحضيرات
        يخشى | تخشى | ويخشى | وتخشى | يخشون | ويخشون | تصعيد هجمات* | تصعيد الهجمات
        risk* | advisory | threat* | warn* | vow* | plan to | plans to | planned to | preparing | prepare
        gearing up | poised
        planning to | accused of planning | of planning | plot* | intend* | avenge
        would target | could target | will target | may target | might target | could attack
        would attack
        will attack | could strike | would strike | will strike | could hit | would hit | will hit
        in case of
        if attacked | within range | revenge
        will retaliate | would retaliate | to retaliate | promised retaliation | promises retaliation
    """),
    # A responsibility or involvement denial is not a denial that the attack happened.
    "responsibility": term_list("""
        مسؤولية | مسؤوليتها | مسؤوليته | مسؤوليتهم | ضلوع* | تورط* | علاقة*
        responsib* | involvement | involved | link*
        its planes | its jets | its aircraft | its warplanes | its forces | its troops
        their planes | their jets
        طائراتها | طائراته | قواتها | قواته | مقاتلاتها
        did not deny | didn't deny | not denied | لم ينف | لم تنف
        did not rule out | didn't rule out | not ruled out | not ruling out | لم يستبعد | لم تستبعد
    """),
    # Names of armed groups with a harm word in them ("كتائب سيد الشهداء"): no one was killed.
    "group_name": term_list("""
        كتائب سيد الشهداء | سيد الشهداء | كتائب شهداء الأقصى | شهداء الأقصى | martyrs brigade*
    """),
    # What a statement calls the attack it condemns ("وتعدّه تهديداً مباشراً لأمن المواطنين",
    # "calling it a threat to regional security"): a word on the attack told, not a threat of one.
    "called_a_threat": term_list("""
        تعده تهديدا | وتعده تهديدا | يعده تهديدا | ويعده تهديدا | تعتبره تهديدا | وتعتبره تهديدا
        يعتبره تهديدا | ويعتبره تهديدا | اعتبرته تهديدا | واعتبرته تهديدا | اعتبره تهديدا | واعتبره تهديدا
        معتبرا إياه تهديدا | معتبرة إياه تهديدا | معتبرا اياه تهديدا | معتبرة اياه تهديدا
        calling it a threat | called it a threat | calls it a threat | describing it as a threat
        described it as a threat
    """),
    # Outcome words that only a real event has.
    "physical": term_list("""
        سقط* | سقوط | انفجر* | أصاب* | طالت | أسفر* | قتل* | مقتل | هز* | دوي | أضرار | اضرار | خسائر
        تضرر*
        احتراق | حريق | أصيب* | اصيب*
        hit | hits | hitting | struck | land | lands | landed | fell | falls | explod* | kill* | wound*
        injur*
        damag* | went off | blew up | rock | rocks | rocked | impact* | slam* | set fire | destroy*
    """),
    "exercise": term_list("""
        مناورة | مناورات | تمرين* | تمارين | تدريبات عسكرية | تجربة صاروخية | تجارب صاروخية | اختبار*
        تجربة
        تعبوي | عرض عسكري | استعراض* | تدريب*
        عرض ضوئي | عرضا ضوئيا
        exercise* | drill* | test | tests | tested | testing | test fire* | test fired | test launch*
        wargame* | parade | live fire | live-fire | maneuver*
        manoeuvre*
        training | light show | air show | airshow | flypast | fly-past | flyover | aerobatic*
        independence day | national day | army day | air force day
        ترسم | رسمت | لوحة ضوئية | لوحات ضوئية | تضيء سماء | أضاءت سماء | تزين سماء | زينت سماء
        عيد الاستقلال | العيد الوطني | عيد الجيش | يوم القوة الجوية
    """),
    # A visit or an inspection of a base: harmless only in the attack's own clause ("two days before
    # the Pope's visit" does not make the rockets a tour).
    "visit": term_list("""
        تفقد* | زيارة | زار
        visit* | inspected | toured
    """),
    "deal": term_list("""
        صفقة | صفقات | شراء | بيع | تسليم | عقد | تزويد | تسلم* | استلم* | صناعة | تصنيع
        يتسلم | تتسلم | يستلم | تستلم | دفعة | وصول دفعة | معرض | معرض الدفاع | exhibition | arms fair
        ستسلم | سيسلم | ستتسلم | سيتسلم | ستزود | سيزود
        expo
        unveil* | showcase* | shows off | showed off
        deal* | purchase* | sale | sales | sell* | buy* | contract* | deliver* | procure* | order
        ordered
        manufactur* | factory | export*
    """),
    "sport": term_list("""
        مباراة | مباريات | الدوري | المنتخب | لاعب* | تسديدة | تسديدات | مرمى | حارس مرمى | ركلة
        كرة القدم
        بطولة | الملعب | هداف | المدرب | نادي | فريق | الفريق | جمهور | أهداف | هدفين | الشوط | ديربي
        football | soccer | match | league | striker* | goalkeeper | goal | goals | midfield* | tournament
        scored | scorer | coach | kick | penalty | fans | stadium | playoff* | inning* | derby | club
        keeper | killed the game | killed off the game | killed the match | killed off the match
        friendly | friendlies | substitute | top corner | half-time | halftime | equaliser | equalizer
        hat-trick | hat trick | world cup | asian cup | qualifier*
        مباراة ودية | ودية | كأس العالم | كأس آسيا | كأس اسيا | تصفيات
    """),
    # Weapons found or seized: harmless unless something also happened.
    "seizure": term_list("""
        مصادرة | ضبط | مخزن أسلحة | عثر* على | العثور على | مخبأ | وكر
        seized | seize* | confiscat* | cache | stockpile* | hideout* found | found a launch*
    """),
    # Conditions and hypotheses: "if Washington struck", "would turn al-Omar into a graveyard".
    # Permissions, agreements and plans: "Turkey lets the US launch strikes from Incirlik".
    "permission": term_list("""
        يسمح | تسمح | سمحت | سمح | السماح | بالسماح | وافقت على | وافق على | يوافق على
        اتفاق | اتفاقا | اتفقت | اتفق
        allow* | permit* | approv* | agreed to | agreement | authoriz* | authoris*
    """),
    "conditional": term_list("""
        لو | إذا | اذا | في حال | في حالة | إن تم | ما لم
        if | unless | would | should they | in the event
        قد يسقط | قد تسقط | قد يستهدف | قد تستهدف | قد يصيب | قد تصيب | قد يضرب | قد تضرب
        could fall | could hit | could strike | may fall | may hit | might fall | might hit
    """),
    "politics": term_list("""
        موازنة | الموازنة | ميزانية | البرلمان | مجلس النواب | النواب | انتقد* | انتقاد* | هجوما سياسيا
        هجوم سياسي | هجوما لاذعا | هجوما حادا | الانتخابات | انتخابات | قصف جبهات | قصف الجبهات
        حرب كلامية
        budget | parliament | lawmaker* | legislator* | criticis* | criticiz* | election*
        rhetoric* | verbal | metaphor* | spending
        فرض عقوبات | عقوبات على | sanctions | imposed sanctions | sanctioned
    """),
    # An attack played, not fought: "التصدي لهجمات افتراضية بالطائرات المسيرة" is a drill even
    # when it evacuates "the wounded".
    "simulated": term_list("""
        افتراضي* | هدف وهمي | أهداف وهمية | هجمات وهمية | هجوم وهمي | هجوم افتراضي
        simulat* | mock target | dummy target | mock attack* | mock strike*
        film about | films about | documentary about | movie about | a film on | a documentary on
        فيلم عن | فيلما عن | فيلم وثائقي | فيلما وثائقيا | الفيلم الوثائقي | وثائقي عن | فيلم يروي | مسلسل عن
    """),
    "court": term_list("""
        محكمة | المحكمة | محكمه | قضائي* | أحكام* | الحكم | الإعدام | بالإعدام
        محاكمة | جنايات | الإفراج
        court | sentence | sentences | trial | judge* | judiciary
        prosecutor*
        death penalty | indicted | sue | sues | sued | lawsuit*
        دعوى | دعوى قضائية
    """),
    # A conviction or a sentence: the attack it names is the crime judged, whatever the day of the
    # verdict ("أصدرت المحكمة اليوم حكماً بالسجن المؤبد بحق مدانين بإطلاق صواريخ على معسكر التاجي").
    "verdict": term_list("""
        بالسجن | السجن المؤبد | المؤبد | مدان | مدانين | مدانَين | المدان | المدانين | أدين | أدينا | أدينوا
        أدينت | convicted | sentenced | verdict | acquitted
        life imprisonment | life in prison | death sentence
    """),
    # A sentence carried out: the notice retells the crime it punishes ("أطلق النار على شقيقين").
    "execution": term_list("""
        قصاصا | القصاص | قصاص | تعزيرا | حكم القتل | تنفيذ حكم | executed for | execution of
    """),
    "aftermath": term_list("""
        تحقيق* | التحقيق* | لجنة تحقيقية | تعويض* | اعتقال | اعتقل* | القبض | إقالة | أقال | إجراءات أمنية
        على خلفية | في أعقاب | إثر | عقب | بعد الهجوم | بعد هجوم | بعد القصف | تشييع | جنازة
        investigat* | inquiry | probe | compensat* | arrest* | suspects | sacked | dismiss*
        removed the commander
        in the wake of | following the attack | following last | after the attack | aftermath | funeral*
        security measures | tightened security | stepped up security
        منفذ | منفذي | هوية | identity of | identified the | perpetrator*
    """),
    # Old ordnance that went off ("صاروخ من مخلفات الاحتلال" while rubble was cleared): an accident
    # even when it killed.
    "remnant": term_list("""
        من مخلفات الاحتلال | من مخلفات الحرب | مخلفات الاحتلال | مخلفات الحرب | من مخلفات القصف
        unexploded | leftover ordnance | left over from the war | left from the war
    """),
    # An appeal to the public not to spread rumours or unverified pictures of an attack: the attack
    # is not denied by it ("داعياً المواطنين إلى عدم الانجرار وراء الشائعات").
    "appeal": term_list("""
        عدم الانجرار وراء الشائعات | عدم الانجرار خلف الشائعات | عدم الانسياق وراء الشائعات
        عدم تداول الشائعات | عدم نشر الشائعات | عدم الالتفات إلى الشائعات
        not to spread rumours | not to spread rumors | not to believe rumours | not to believe rumors
        not to circulate rumours | not to circulate rumors
    """),
    # A truce, a stop to the shelling: not an attack, whatever it stops ("flights suspended" is
    # not one: airports halt flights after an attack).
    "halt": term_list("""
        وقف إطلاق النار | وقف اطلاق النار | إيقاف إطلاق النار | ايقاف اطلاق النار
        هدنة | الهدنة | وقف القصف | توقف القصف | إيقاف القصف | ايقاف القصف
        وقف العمليات العسكرية | ceasefire | cease fire | truce | halt to the shelling | halt the shelling
        أوقفت القصف | اوقفت القصف | أوقفت عمليات القصف | اوقفت عمليات القصف | علقت جزئيا | تعليق القصف
        halts shelling | halted shelling | halts the shelling | halted the shelling | stopped its shelling
        stopped the shelling | suspended the shelling | suspended its shelling | suspended air strikes
        suspended airstrikes | partially suspended
    """),
    # Forces and weapons sent somewhere: a deployment, not an attack.
    "deployment": term_list("""
        نشر | تنشر | نشرت | ينشر | إرسال | ارسال | يرسل | ترسل | أرسلت | ارسلت | تعزيزات | تعزيز
        deploy* | dispatch* | sends | sent | reinforcement* | redeploy* | stationed
    """),
    # Reactions to an attack: condemnations. An undated one is news of the reaction, not the attack.
    "reaction": term_list("""
        يدين | تدين | أدان | ادان | أدانت | ادانت | دان | دانت | إدانة | ادانة
        يستنكر | تستنكر | استنكر | استنكرت | استنكار | شجب | يشجب | تشجب | شجبت
        condemn* | denounc* | deplor*
    """),
    # Care after an attack, days later: condolences, visits to the wounded, receptions of the
    # victims' families, funerals. Its date is the visit's, not the attack's.
    # A burial: its day is the funeral's, not the attack's (care after an attack, like aftercare).
    "funeral": term_list("""
        hearse | funeral home | cemetery | graveside | laid to rest
        تشيع | شيعت | شيع | تشييع | يشيع | يشيعون | شيعوا | جنازة | جنازات | مقبرة | ووري الثرى
    """),
    "aftercare": term_list("""
        يعزي | تعزي | عزى | عزت | تعزية | تعازي | التعازي | تعازيه | العزاء | مواساة | مواساته | يواسي
        استقبل | يستقبل | استقبال | يتفقد | اتصالا هاتفيا | اتصال هاتفي | تلقى اتصالا
        اطمأن | أطمأن | يطمئن | الاطمئنان | ذوي الشهداء | أسر الشهداء | أسر شهداء | أسر وذوي
        زار | يزور | بزيارة | زيارة لمصابي | زيارة للمصابين
        condolence* | mourn* | tribute* | vigil* | paid respects | visited the wounded | visits the wounded
        checks on | checked on | inspects | inspected
        families of the victims | تودع | يودع | وداع
        لنقل الجرحى | نقل الجرحى | إجلاء الجرحى | لتلقي العلاج | medical evacuation | evacuated for treatment
        attends | attended | dignified transfer | flag draped | caskets | coffins | نعوش | جثامين
        stood in silence | the remains of
        بتسمية | تسمية | تكريم | بتكريم | كرمت | named after | renamed | honouring | honoring
    """),
    # Nothing went off: bombs defused, launchers found primed, plots stopped before the attack.
    "defused": term_list("""
        تفكيك | فكك* | أبطل* | إبطال | معدة للإطلاق | معدّة للإطلاق | معدة للاطلاق | قبل إطلاق*
        قبل انطلاق*
        قبل تفجير* | قبل انفجار*
        defused | defuse* | dismantl* | disarm* | before firing | before they could | before it could
        bomb disposal | bomb squad | remove | removes | removed | removal | رفع مخلفات
    """),
    # Drones and rockets in peaceful or criminal use.
    "civil": term_list("""
        زراعة | الزراعة | زراعي* | مكافحة الآفات | مكافحة الحشرات | مكافحة حشرة | الدوباس | رش المبيدات
        آفات | الآفات | آفات الحنطة | محصول | المحاصيل | محاصيل | حشرة | حشرات | الحشرات | حشرة السونة
        المبيدات | تصوير جوي | التصوير الجوي | تهريب | مهرب* | مخدرات | المخدرات | عرض جوي | هواة
        agricultur* | crop* | spraying | pesticide* | pest* | farmer* | filming | photograph* | smuggl*
        drug*
        narcotic* | captagon | hobby | delivery drone* | light show | aerial show | drone show*
        عرض الطائرات المسيرة | عرضا للطائرات المسيرة
        تصوير فيلم | موقع تصوير | فيلم روائي | مؤثرات بصرية | خدع سينمائية | الخدع السينمائية
        مشاهد تصوير | تصوير مسلسل | تصوير مشاهد | مسلسل درامي
        film shoot | film set | movie set | special effects
    """),
    "hearsay": term_list("""
        تداولت | تداول* | متداول* | المتداول | أنباء عن | مزاعم | يزعم | زعم* | مواقع التواصل
        منصات التواصل
        تناقل* | المنصات | بعض الصفحات
        مقطع فيديو | مقطع | إشاعة | إشاعات
        social media | circulating | circulated | video* | claims of | unverified | unconfirmed
        تكهنات | speculation
        purported*
    """),
    "accident": term_list("""
        ارتفاع درجات الحرارة | تماس كهربائي | سوء الخزن | قنينة غاز | قناني غاز | عرضي | حادث عرضي
        شبهة استهداف
        تفجير مسيطر عليه | تفجير مسيطر | تفجيرات مسيطر | مسيطر عليها | تفجير متحكم | مخلفات حربية
        تفجيرا مسيطرا | مسيطرا عليه | مسيطرا عليها | تفجيرا متحكما
        مقذوفات غير منفلقة | ألعاب نارية | الألعاب النارية
        جدار الصوت | حاجز الصوت | تحطم | سقوط طائرة تدريب | خلل فني | عطل فني | عطل تقني
        accident* | short circuit | heat | gas cylinder | controlled detonation* | controlled explosion*
        fuel tanker | gas tanker | tanker exploded | petrol station | gas station | fuel station
        unexploded ordnance | fireworks | sonic boom | crash* | technical fault | malfunction
        not an attack | mistook | mistaken for | mistaking
        no suspicion | training flight | blaze
        أسطوانة غاز | اسطوانة غاز | أسطوانات الغاز | تسرب غاز | تسرب الغاز | مولدة | مولد كهربائي
        صهريج وقود | صهريج محمل | صهريج محمّل | انقلاب صهريج | انقلاب شاحنة | حادث مروري | الحادث مروري
        عبوة غاز | عبوات غاز | عبوة الغاز | غاز منزلي | غاز منزلية
        حريق أعشاب
        حادث مروري | حوادث مرورية | حادث سير | حوادث السير | traffic accident* | road accident* | car crash*
        gas leak | gas explosion | gas blast | boiler | generator | brush fire | wildfire | bushfire
        grain elevator | dust explosion | industrial accident | شاحن | الشاحن | بطارية الجوال
        unexploded | left over from | leftover | explosive remnants | غير المنفلقة | غير منفلقة
        grain elevator
    """),
    # Shots fired in celebration or gone astray: someone hurt is still not an attack.
    "stray": term_list("""
        رصاصة طائشة | رصاص طائش | طلق طائش | ابتهاجا | احتفالا | الأعراس | عرس | حفل زفاف
        قاعة أفراح | قاعة الأفراح | قاعات الأفراح
        stray bullet* | celebratory gunfire | celebratory fire | fired in celebration
        بالخطأ | بطريق الخطأ | عن طريق الخطأ | accidentally shot | shot by mistake | accidental discharge
        accidental shooting
    """),
    # What attacks hit: with one of these, an attack word without a weapon is still a physical attack.
    "target_noun": term_list("""
        قاعدة | قواعد | معسكر* | رتل | أرتال | ارتال | حاجز | سيطرة | دورية | دوريات | نقطة تفتيش | مقر
        مقرات
        ثكنة | القوات | قوات | الجيش | الشرطة | السفارة | القنصلية | مطار | موكب
        base | bases | airbase | checkpoint* | patrol* | convoy* | camp | troops | soldiers | forces
        police
        army | embassy | consulate | airport | outpost* | barracks | headquarters | motorcade
        facility | facilities | safe house | depot | depots | compound
        للجيش | للشرطة | نقطة عسكرية | نقاط عسكرية
    """),
    # Words that say the attack is one of many or a past one without a date.
    "background": term_list("""
        منذ | سابق | سابقة | السابق | مماثل* | الذكرى | ذكرى | أعقاب | سلسلة هجمات | عشرات الهجمات
        هذه الهجمات
        تلك الهجمات | مثل هذه | بانتظام | باستمرار | مرارا | مراراً | تكرار* | الهجمات المتكررة | عادة
        قديم
        قديمة | آنذاك | حينها | وقتها | في حينه | سبق أن | سبق وأن | كانت قد | كان قد | الأخيرة من نوعها
        since | previous* | similar | anniversary | a series of | string of | dozens of attacks
        these attacks
        such attacks | earlier attack* | past attack* | recalled | reminiscent | repeatedly | regularly
        frequent*
        at the time | back then | had been | old footage | old video | in the past | years ago
        last year's
        most recently | most recent | history of | has been targeted | have been targeted
        have long been | has long been | routinely | often carry out | usually carry out
        every few days | every day | every night | every week | each day | each night | each week
        كل بضعة أيام | كل يوم | كل ليلة | كل أسبوع | كل اسبوع
        على مدار الشهر | طوال الشهر | على مدى الشهر | خلال الشهر الماضي | على مدار الأسبوع | طوال الأسبوع
        خلال هذه الفترة | خلال تلك الفترة | during this period | over this period
        throughout the month | over the past month | during the month | over the month
        أيام إثر | days since the
        to mark | commemorat* | إحياء ذكرى
        a year after | a year to the day after | years after | a year since | one year since
        two years since | بعد عام على | بعد مرور عام على | مرور عام على | عام على
    """)
    + FOLLOWS,
}

# Reporting bodies: canonical name -> the ways outlets name it.
SOURCES: dict[str, tuple[str, ...]] = {
    "Security Media Cell": term_list("خلية الإعلام الأمني | security media cell"),
    "Joint Operations Command": term_list(
        "قيادة العمليات المشتركة | العمليات المشتركة | joint operations command"
    ),
    "Iraqi Ministry of Defence": term_list(
        "وزارة الدفاع العراقية | iraqi defence ministry | iraqi defense ministry"
    ),
    "Iraqi Ministry of Interior": term_list("وزارة الداخلية العراقية | iraqi interior ministry"),
    "Kurdistan Region Counter-Terrorism": term_list("""
        جهاز مكافحة الإرهاب في إقليم كوردستان | مكافحة الإرهاب في الإقليم
        kurdistan region counter terrorism | krg counter terrorism
    """),
    "US Central Command": term_list("""
        القيادة المركزية الأمريكية | القيادة المركزية الأميركية
        centcom | us central command | u s central command
    """),
    "Pentagon": term_list("البنتاغون | وزارة الدفاع الأمريكية | وزارة الدفاع الأميركية | pentagon"),
    "US-led coalition": term_list(
        "التحالف الدولي | us led coalition | u s led coalition | coalition spokes*"
    ),
    "Syrian Democratic Forces": term_list("قوات سوريا الديمقراطية | قسد | syrian democratic forces | sdf"),
    "security sources": term_list("مصدر أمني | مصادر أمنية | security source* | police source*"),
}
TERMS["source"] = tuple(term for terms in SOURCES.values() for term in terms)
_SOURCE_OF = {normalize(term.rstrip("*")): name for name, terms in SOURCES.items() for term in terms}


def source_name(term: str) -> str:
    """The canonical name of a reporting body from the term that matched it."""
    return _SOURCE_OF.get(normalize(term.rstrip("*")), term)


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


@dataclass(slots=True)  # not frozen: built by the thousand, a frozen init costs four times more
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


# Words that say nothing on their own: the first pass does not look for them.
_FILLER = frozenset(normalize(w) for w in "a an the of من في على عن".split())


def _start_key(term: Term) -> tuple[str, bool]:
    """What ``scan.WordStarts`` looks for to find where a term may start: its first two words
    when the first is whole ("في حال": not every "في"), else its first word."""
    first = term.words[0]
    if len(term.words) > 1 and not first.stem:
        second = term.words[1]
        return f"{first.text} {second.text}", second.stem
    return first.text, first.stem


def is_trigger(label: str) -> bool:
    """An attack word or a weapon: what makes a sentence speak of an attack."""
    return label == "attack" or label.startswith("weapon:")


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
        terms = [term for bucket in self._buckets.values() for term in bucket]
        self.starts = WordStarts((_start_key(t) for t in terms), _CLITICS)
        # The first pass: an article in which no attack or weapon term has all its words (as
        # words, anywhere) has no such term.
        triggers = [t for t in terms if is_trigger(t.label)]
        self._trigger_words = Starts(
            (
                (w.text, w.stem, k == 0)
                for t in triggers
                for k, w in enumerate(t.words)
                if w.text not in _FILLER
            ),
            _CLITICS,
        )
        self._needs: dict[str, list[frozenset[str]]] = {}
        for t in triggers:
            needed = frozenset(w.text for w in t.words if w.text not in _FILLER)
            for word in needed:
                self._needs.setdefault(word, []).append(needed)

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

    def may_have_trigger(self, norm: str) -> bool:
        """Whether an attack or weapon term may occur in ``norm`` (a document's matching form):
        false only when none can."""
        found = self._trigger_words.words_in(norm)
        return any(needed <= found for word in found for needed in self._needs.get(word, ()))

    def find(
        self, words: Words, labels: frozenset[str] | None = None, positions: Iterable[int] | None = None
    ) -> list[TermHit]:
        """All terms in ``words``; per label, the longest match at each position, no overlaps.

        ``positions`` (from ``Gazetteer.start_index``) limits the probing to the tokens where a
        term may start.
        """
        norms, starts, ends = words.norms, words.starts, words.ends
        hits: list[TermHit] = []
        covered: dict[str, int] = {}  # label -> first token index not yet covered
        for i in range(len(norms)) if positions is None else positions:
            seen_labels: set[str] = set()
            for term in self._starting(norms[i]):
                if term.label in seen_labels or (labels is not None and term.label not in labels):
                    continue
                if covered.get(term.label, 0) > i:
                    continue
                size = len(term.words)
                if i + size > len(norms):
                    continue
                if all(term.words[k].matches(norms[i + k]) for k in range(1, size)):
                    seen_labels.add(term.label)
                    covered[term.label] = i + size
                    hits.append(
                        TermHit(term.label, i, i + size - 1, starts[i], ends[i + size - 1], term.source)
                    )
        return hits


_DEFAULT: Lexicon | None = None


def default_lexicon() -> Lexicon:
    global _DEFAULT  # noqa: PLW0603 - built once, read-only afterwards
    if _DEFAULT is None:
        _DEFAULT = Lexicon(TERMS)
    return _DEFAULT
