"""Error patterns found by reading samples of real news (SaudiNewsNet, Reuters-21578, FA-KES).

Each row is a short report written for this test in the way the real articles read (never their
text), with what the detector must make of it. tests/eval/REVIEWING.md says how the samples were
read; the closing notes of the detection work give the counts.
"""

from datetime import UTC, datetime

import pytest

from wirewatch.core.analysis import Analyzer
from wirewatch.core.detect import Article
from wirewatch.core.scan import fold
from wirewatch.core.watch import WatchEntry

PUBLISHED = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # a Wednesday

WATCH = (
    WatchEntry("ain-al-asad", "base", ("Ain al-Asad", "عين الأسد")),
    WatchEntry("anbar", "region", ("Anbar", "الأنبار")),
    WatchEntry("baghdad", "city", ("Baghdad", "بغداد")),
    WatchEntry("salah-al-din", "region", ("Salah al-Din", "صلاح الدين")),
    WatchEntry("basra", "region", ("Basra", "البصرة")),
    WatchEntry("diyala", "region", ("Diyala", "ديالى")),
    WatchEntry("maysan", "region", ("Maysan", "ميسان")),
    WatchEntry("incirlik", "base", ("Incirlik Air Base", "قاعدة إنجرليك")),
    WatchEntry("mezzeh", "base", ("Mezzeh military airport", "مطار المزة العسكري")),
    WatchEntry("t4", "base", ("Tiyas (T4) air base",)),
    WatchEntry("shaddadi", "base", ("Al-Shaddadi base",)),
    WatchEntry("harir", "base", ("Harir Air Base",)),
    WatchEntry("erbil-airport", "base", ("Erbil International Airport",)),
    WatchEntry("tanf", "base", ("Al-Tanf Garrison",)),
    WatchEntry("tower-22", "base", ("Tower 22",)),
    WatchEntry("shayrat", "base", ("Shayrat air base",)),
    WatchEntry("al-omar", "base", ("Al-Omar oil field",)),
    WatchEntry("sulaymaniyah", "region", ("Sulaymaniyah Governorate",), place="IQ-SU"),
    WatchEntry("conoco", "base", ("Conoco gas field",)),
    WatchEntry("kirkuk", "region", ("Kirkuk Governorate",), place="IQ-KI"),
    WatchEntry("k1", "base", ("K-1 Air Base",), place="k1"),
    WatchEntry("nineveh", "region", ("Nineveh Governorate",), place="IQ-NI"),
    WatchEntry("deir-ez-zor", "region", ("Deir ez-Zor Governorate",), place="SY-DY"),
    WatchEntry("victory-base", "base", ("Victory Base",)),
)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer.create(WATCH)


def run(analyzer: Analyzer, title: str, text: str, url: str = "") -> dict:
    return analyzer.analyze(Article("t", title, text, published=PUBLISHED, url=url)).record()


# (pattern, title, text, a current attack? ("late": a late report), watch hits that must be
# there, hits that must not)
PATTERNS = [
    # -- denials: one further down the story denies only what it names ------------------------
    (
        "side denial of an earlier claim",
        "Car bomb kills five in a Damascus market",
        "A car bomb killed five people on Wednesday in a crowded market in Damascus, the state news "
        "agency said. The blast damaged shops and cars nearby.\n\nIn a separate statement the "
        "government denied bombing hospitals in its campaign against the rebels.",
        True,
        set(),
        set(),
    ),
    (
        "side denial about civilian victims",
        "هجوم انتحاري يستهدف مركزا للشرطة في ديار بكر",
        "قتل ثلاثة من رجال الشرطة اليوم الأربعاء في هجوم انتحاري بسيارة مفخخة استهدف مركزا للشرطة "
        "في ديار بكر.\n\nوتضاربت المعلومات حول سقوط مدنيين في الغارات على جبال شمال العراق، إذ نفى "
        "الجيش أن تكون غاراته قد أصابت أي قرى.",
        True,
        set(),
        set(),
    ),
    (
        "the event itself denied further down",
        "Blasts heard near Baghdad airport",
        "Residents reported loud explosions near Baghdad airport late on Tuesday and social media "
        "pages spoke of a rocket attack.\n\nAn hour later a security source said there was no "
        "attack and that the sounds came from the controlled burning of expired munitions.",
        False,
        set(),
        {"baghdad"},
    ),
    (
        "a denial in the lead",
        "الإعلام الأمني ينفي استهداف قاعدة عين الأسد",
        "نفت خلية الإعلام الأمني اليوم الأربعاء الأنباء التي تحدثت عن سقوط صواريخ على قاعدة عين الأسد "
        "الجوية في الأنبار.",
        False,
        set(),
        {"ain-al-asad", "anbar"},
    ),
    # -- places that are not where the attack was -----------------------------------------
    (
        "a unit named for a city",
        "قيادة عمليات بغداد: سقوط صاروخين على قاعدة عين الأسد",
        "أعلنت قيادة عمليات بغداد اليوم سقوط صاروخين من نوع كاتيوشا على قاعدة عين الأسد الجوية دون خسائر.",
        True,
        {"ain-al-asad"},
        {"baghdad"},
    ),
    (
        "a person named like a governorate",
        "Twin bombing kills dozens at a rally in Ankara",
        "Two suicide bombers struck a peace rally in Ankara on Wednesday, killing at least 30 people. "
        "Opposition leader Salah al-Din Demirtas blamed the government for the lapse in security.",
        True,
        set(),
        {"salah-al-din"},
    ),
    (
        "where the wounded were taken",
        "عبوة ناسفة تستهدف دورية للجيش في الرمادي",
        "انفجرت عبوة ناسفة صباح اليوم على دورية للجيش في مدينة الرمادي ما أدى إلى إصابة ثلاثة جنود "
        "نقلوا إلى مستشفى في بغداد لتلقي العلاج.",
        True,
        {"anbar"},
        {"baghdad"},
    ),
    (
        "a speaker in the capital",
        "Baghdad says rockets hit Ain al-Asad",
        "Baghdad said on Wednesday that three rockets struck Ain al-Asad air base overnight without "
        "causing casualties.",
        True,
        {"ain-al-asad", "anbar"},
        {"baghdad"},
    ),
    (
        "a neighbourhood named in front of another city is that city's",
        "مقتل مدنيين بتفجير عبوات ناسفة في بعقوبة",
        "قتل ثمانية مدنيين اليوم بانفجار عبوات ناسفة في حيي اليرموك والمعلمين في بعقوبة مركز محافظة "
        "ديالى، على بعد 60 كيلومترا شمال شرق بغداد.",
        True,
        {"diyala"},
        {"baghdad"},
    ),
    (
        "a neighbourhood of a city in another country",
        "Rockets kill three in Aleppo neighbourhood",
        "Three people were killed on Wednesday when rocket shells hit the Azamiyah neighbourhood of "
        "Aleppo, the city's police command said. Another shell hit al-Azamiyah's main street.",
        True,
        set(),
        {"baghdad"},
    ),
    (
        "a governorate sharing its name with one in another country",
        "ميسان تشيع أحد ضحايا القصف على نقطة حدودية",
        "شيعت محافظة ميسان جنوب الطائف أمس جثمان جندي قتل في قصف بقذائف الهاون استهدف نقطة حدودية "
        "في جازان. ونقل جثمانه من جازان إلى الطائف. وتجمع المئات في ميسان لتشييع الجندي الذي قتل في "
        "القصف بقذائف الهاون.",
        True,
        set(),
        {"maysan"},
    ),
    (
        "a front in Yemen with an Iraqi homonym, in a report from Marib",
        "غارات للتحالف على مواقع الحوثيين في اليمن",
        "شن طيران التحالف غارات على مواقع للحوثيين في محافظة مأرب شرق اليمن. وسيطرت القوات الحكومية "
        "على منطقة العلم عند المدخل الشرقي لعدن. وقالت المصادر إن غارة صباح أمس في منطقة الفاو دمرت "
        "عربة مدرعة وقتلت ستة من المسلحين.",
        True,
        set(),
        {"basra"},
    ),
    (
        "fighters deployed at a base to strike elsewhere",
        "غارات تركية جديدة على مواقع للمتمردين في شمال العراق",
        "نشرت الولايات المتحدة اليوم مقاتلات من طراز إف-16 في قاعدة إنجرليك جنوب تركيا، فيما شنت "
        "المقاتلات التركية اليوم غارات على مواقع للمتمردين الأكراد في شمال العراق.",
        True,
        set(),
        {"incirlik"},
    ),
    (
        "a base opened for use in strikes",
        "طائرات أمريكية تقصف مواقع لداعش في سوريا",
        "شنت طائرات أمريكية اليوم غارات على مواقع لتنظيم داعش في الرقة وقتلت عشرة من عناصره. وقالت "
        "صحيفة تركية إن قاعدة إنجرليك "
        "ستفتح في وقت قريب جدا أمام القوات الأمريكية للاستخدام في شن غارات.",
        True,
        set(),
        {"incirlik"},
    ),
    (
        "buildings overlooking an airport",
        "مقاتلو المعارضة يسيطرون على مبان في داريا",
        "سيطر مقاتلو المعارضة اليوم بعد اشتباكات عنيفة مع قوات النظام على مبان في داريا المطلة على "
        "مطار المزة العسكري، وقتل خمسة من عناصر النظام.",
        True,
        set(),
        {"mezzeh"},
    ),
    (
        "the village a base is named after",
        "Warplanes strike militants in eastern Homs",
        "Army warplanes on Wednesday struck militant positions in the villages of al-Tiyas and Sharifeh "
        "in eastern Homs, killing a number of fighters and destroying rocket launchers.",
        True,
        set(),
        {"t4"},
    ),
    (
        "rockets near a base hit the base; an agency that published the news is not a deployment",
        "صواريخ تسقط قرب قاعدة إنجرليك",
        "نشرت وكالة أنباء محلية اليوم صورا لسقوط ثلاثة صواريخ بالقرب من قاعدة إنجرليك جنوب تركيا.",
        True,
        {"incirlik"},
        set(),
    ),
    (
        "the latest in a series of attacks is the newest, not an old one",
        "Rockets target U.S. forces in western Iraq",
        "Two rockets hit Ain al-Asad air base in western Iraq on Tuesday, the latest in a series of "
        "attacks on bases hosting U.S. troops, two security sources said.",
        True,
        {"ain-al-asad", "anbar"},
        set(),
    ),
    (
        "the newest attack in a series (Arabic)",
        "صواريخ تستهدف قاعدة عين الأسد",
        "سقطت ثلاثة صواريخ على قاعدة عين الأسد الجوية في الأنبار فجر الثلاثاء، في أحدث هجوم ضمن سلسلة "
        "هجمات تستهدف القوات الأمريكية.",
        True,
        {"ain-al-asad", "anbar"},
        set(),
    ),
    (
        "an attack hours before the strikes that answered it is news too",
        "U.S. strikes militia sites in Iraq",
        "U.S. warplanes struck three facilities used by an armed faction in Iraq early on Wednesday, the "
        "Pentagon said, hours after a ballistic missile attack on al-Asad air base injured several "
        "personnel.",
        True,
        {"ain-al-asad"},
        set(),
    ),
    (
        "a base named by its town is the town's base",
        "Drone attack on U.S. base in Syria",
        "The Islamic Resistance in Iraq claimed responsibility on Wednesday for a drone attack on the "
        "U.S. base in al-Shaddadi in Syria's Hasakah province.",
        True,
        {"shaddadi"},
        set(),
    ),
    (
        "a named base in a city is that base, not the city's other base",
        "إسقاط مسيرتين فوق قاعدة حرير في أربيل",
        "أعلن جهاز مكافحة الإرهاب في الإقليم اليوم إسقاط طائرتين مسيرتين مفخختين فوق قاعدة حرير في "
        "أربيل دون خسائر.",
        True,
        {"harir"},
        {"erbil-airport"},
    ),
    (
        "troops stationed at a base are attacked there",
        "Rockets hit U.S. troops in western Iraq",
        "Rockets struck U.S. troops stationed at Ain al-Asad air base on Tuesday, injuring two, officials "
        "said.",
        True,
        {"ain-al-asad"},
        set(),
    ),
    (
        "a tally over the past 24 hours is today's news",
        "Russian air strikes kill 120 militants in Syria",
        "Some 120 militants were killed in a series of Russian air strikes in Syria over the past 24 hours, "
        "the defence ministry in Moscow said on Wednesday.",
        True,
        set(),
        set(),
    ),
    (
        "the first deaths since a war began are new deaths",
        "Drone attack kills soldiers in Anbar",
        "Two soldiers were killed when a drone struck their post in Anbar on Tuesday, the first deaths "
        "from an attack in the province since the summer.",
        True,
        {"anbar"},
        set(),
    ),
    (
        "a monitoring centre based at a base is not the target",
        "Militants shell villages in Latakia",
        "Militants shelled three villages in Latakia during the past 24 hours, the Russian "
        "reconciliation centre based in Hmeimim added.",
        True,
        set(),
        set(),
    ),
    (
        "a vow to respond to yesterday's deadly attack reports the attack",
        "U.S. vows response to drone strike in Anbar",
        "The defense secretary said on Wednesday the United States would respond at a time of its "
        "choosing to Tuesday's drone attack in Anbar that killed three soldiers.",
        True,
        {"anbar"},
        set(),
    ),
    (
        "the soldiers are mourned in another city than where they were killed",
        "Funerals held for soldiers killed in Anbar attack",
        "Funerals were held in Baghdad on Wednesday for four soldiers killed in an Islamic State attack "
        "in Anbar on Tuesday night.",
        True,
        {"anbar"},
        {"baghdad"},
    ),
    (
        "a meeting today about attacks in general",
        "رئيس الوزراء يبحث مع السفير الأمريكي الهجمات على القواعد",
        "بحث رئيس الوزراء مع السفير الأمريكي اليوم الهجمات التي تستهدف البعثات الدبلوماسية والقواعد "
        "العسكرية في بغداد والأنبار وسبل إيقافها.",
        False,
        set(),
        {"baghdad", "anbar"},
    ),
    (
        "an Arabic wire dateline names where the desk is, not the target",
        "هجوم بطائرات مسيرة على قاعدة عين الأسد",
        "بغداد، 25 نوفمبر تشرين الثاني (رويترز) - قال مسؤولان أمنيان إن طائرتين مسيرتين استهدفتا قاعدة "
        "عين الأسد الجوية في محافظة الأنبار في وقت مبكر من صباح الأربعاء.",
        True,
        {"ain-al-asad", "anbar"},
        {"baghdad"},
    ),
    (
        "a base described as near another base",
        "مقتل ثلاثة جنود أمريكيين بهجوم بطائرة مسيرة في الأردن",
        "قتل ثلاثة جنود أمريكيين اليوم بهجوم بطائرة مسيرة. وقال مسؤولون إن الهجوم أصاب موقع البرج 22، "
        "وهو نقطة دعم لوجستي قريبة من حامية التنف داخل سوريا.",
        True,
        {"tower-22"},
        {"tanf"},
    ),
    (
        "the next sentence names the outpost the lead called a small base",
        "Three U.S. soldiers killed in drone strike on base in Jordan",
        "Three American service members were killed when a drone struck a small outpost in "
        "northeastern Jordan on Wednesday, officials said. The site, known as Tower 22, houses troops.",
        True,
        {"tower-22"},
        set(),
    ),
    (
        "SANA calls an airstrike an aggression",
        "سانا: عدوان إسرائيلي يستهدف مطار الشعيرات",
        "نقلت الوكالة عن مصدر عسكري أن العدو الإسرائيلي نفذ فجر اليوم عدوانا جويا مستهدفا مطار الشعيرات "
        "في ريف حمص، ما أدى إلى استشهاد عسكريين اثنين.",
        True,
        {"shayrat"},
        set(),
    ),
    (
        "forces were targeted today",
        "U.S. forces at al-Omar field targeted by drone",
        "U.S. forces at the al-Omar oil field were targeted by a drone on Wednesday morning, a coalition "
        "source said.",
        True,
        {"al-omar"},
        set(),
    ),
    (
        "a time on the other side of 'where' is another event's",
        "Crowds mark anniversary of strike near Baghdad airport",
        "Thousands gathered on Wednesday near Baghdad airport, where a drone strike killed two commanders "
        "three years ago, chanting slogans.",
        False,
        set(),
        {"baghdad"},
    ),
    (
        "an investigation announced today into an attack weeks old",
        "نتائج التحقيق في هجوم مطار أربيل",
        "أعلن مجلس أمن إقليم كوردستان، اليوم، نتائج التحقيق في الهجوم بطائرة مسيرة الذي استهدف مطار "
        "أربيل الدولي منتصف أيلول الماضي.",
        False,
        set(),
        {"erbil-airport"},
    ),
    (
        "an attack hours before, called similar, is news too",
        "إسقاط مسيرات استهدفت قاعدة التنف",
        "أسقطت القوات الأمريكية اليوم طائرتين مسيرتين كانتا تستهدفان قاعدة التنف. وجاء ذلك بعد ساعات من "
        "هجوم مماثل بمسيرتين على قاعدة عين الأسد غربي العراق.",
        True,
        {"tanf", "ain-al-asad"},
        set(),
    ),
    (
        "missiles fired from the direction of a base",
        "عدوان إسرائيلي على مطار الشعيرات",
        "نفذ العدو الإسرائيلي مساء اليوم عدوانا جويا بعدد من الصواريخ من اتجاه منطقة التنف مستهدفا مطار "
        "الشعيرات في ريف حمص.",
        True,
        {"shayrat"},
        {"tanf"},
    ),
    (
        "the attacker's nationality is not where the attack was",
        "مقتل قيادي بضربة مسيرة أمريكية شرقي الرمادي",
        "قتل قيادي بارز واثنان من مرافقيه مساء اليوم عندما استهدفت طائرة مسيرة أمريكية سيارتهم.",
        True,
        {"anbar"},
        set(),
    ),
    (
        "a year's tally counted in the singular",
        "المرصد: 32 استهدافا إسرائيليا للأراضي السورية",
        "وثق المرصد 32 استهدافا إسرائيليا للأراضي السورية طالت مطار الشعيرات ومطار المزة العسكري.",
        False,
        set(),
        {"shayrat", "mezzeh"},
    ),
    (
        "a village near a city is in that city's governorate",
        "Iran strikes Kurdish opposition groups in northern Iraq",
        "Iran's Revolutionary Guards fired missiles and drones on Wednesday at bases of Kurdish opposition "
        "parties in Koya, east of Erbil, and at Zrgwez near Sulaymaniyah, killing at least nine people.",
        True,
        {"sulaymaniyah"},
        set(),
    ),
    (
        "one year ago this weekday",
        "A year after Iran's missile strike, Ain al-Asad troops still recovering",
        "One year ago this Wednesday, Iran fired more than a dozen ballistic missiles at Ain al-Asad air "
        "base in Iraq's Anbar province.",
        False,
        set(),
        {"ain-al-asad"},
    ),
    (
        "an attack the previous day, told the next day",
        "U.S. says al-Tanf garrison targeted by drones",
        "The U.S. military said on Wednesday that its garrison at al-Tanf in southern Syria came under a "
        "coordinated attack the previous day involving drones and indirect fire.",
        True,
        {"tanf"},
        set(),
    ),
    (
        "missiles fired from the direction of a base (English)",
        "Syria says Israeli strike hits Shayrat air base",
        "Israeli warplanes struck the Shayrat air base late on Tuesday, a military source said, adding "
        "that the missiles were fired from the direction of the al-Tanf area.",
        True,
        {"shayrat"},
        {"tanf"},
    ),
    (
        "the outpost supports another base, which was not hit",
        "Three U.S. soldiers killed in drone strike in Jordan",
        "Three American service members were killed when a drone struck a small U.S. outpost in "
        "northeastern Jordan on Wednesday, officials said. The site, known as Tower 22, lies close to "
        "the Syrian border and supports the al-Tanf garrison just across the frontier.",
        True,
        {"tower-22"},
        {"tanf"},
    ),
    # -- other senses of attack words ------------------------------------------------------
    (
        "a march, not a drone",
        "مسيرة حاشدة في البصرة احتجاجا على انقطاع الكهرباء",
        "خرجت اليوم مسيرة حاشدة في شوارع البصرة احتجاجا على انقطاع الكهرباء وطالب المشاركون "
        "بمحاسبة المسؤولين.",
        False,
        set(),
        {"basra"},
    ),
    (
        "a strike by workers",
        "Oil workers strike in Basra over unpaid wages",
        "Hundreds of oil workers went on strike in Basra on Wednesday, demanding wages unpaid since "
        "the summer.",
        False,
        set(),
        {"basra"},
    ),
    (
        "a space rocket",
        "Rocket carrying a weather satellite fails after launch",
        "A rocket carrying a weather satellite failed minutes after lift-off on Wednesday, the space "
        "agency said, and its debris fell into the ocean.",
        False,
        set(),
        set(),
    ),
    (
        "a shark attack",
        "Shark attack injures a swimmer off the Red Sea coast",
        "A shark bit a swimmer off a beach on Wednesday, wounding him in the leg, local officials said.",
        False,
        set(),
        set(),
    ),
    (
        "an animal attacks",
        "قرد يهاجم زوار متنزه ويصيب اثنين",
        "هاجم قرد اليوم زوار أحد المتنزهات في مدينة بغداد وأصاب شخصين بجروح نقلا على إثرها إلى المستشفى.",
        False,
        set(),
        {"baghdad"},
    ),
    (
        "shampoo bottles and a market called the rockets market",
        "ضبط مواد غذائية فاسدة في سوق الصواريخ",
        "ضبطت فرق الرقابة اليوم في سوق الصواريخ كميات من المواد الغذائية الفاسدة و300 عبوة شامبو "
        "منتهية الصلاحية.",
        False,
        set(),
        set(),
    ),
    (
        "a research rocket",
        "إطلاق صاروخ للبحث العلمي من صحراء الأنبار",
        "أعلنت وزارة العلوم إطلاق أول صاروخ لأغراض البحث العلمي من صحراء الأنبار اليوم.",
        False,
        set(),
        {"anbar"},
    ),
    (
        "tear gas and flares are not bombs",
        "قوات الاحتلال تطلق قنابل الغاز والقنابل المضيئة",
        "أطلقت قوات الاحتلال اليوم قنابل الغاز المسيل للدموع على المصلين في باحات المسجد، كما أطلقت قنابل "
        "مضيئة فوق التلال الحدودية جنوب لبنان.",
        False,
        set(),
        set(),
    ),
    (
        "in dire need is not yesterday",
        "مقال: الأمن أولا",
        "قتل مسلحون ثلاثة أشخاص في بغداد بأمس الحاجة إلى الأمن بإطلاق النار عليهم.",
        False,
        set(),
        {"baghdad"},
    ),
    (
        "a rocket that carries a probe to Mars",
        "صاروخ ياباني يحمل مسبار الأمل نحو المريخ",
        "انطلق صاروخ إتش 2 إيه الياباني فجر اليوم من مركز تانيغاشيما حاملا مسبار الأمل في أول مهمة "
        "عربية إلى المريخ.",
        False,
        set(),
        set(),
    ),
    (
        "a rocket launched into orbit",
        "Satellite built by students lifts off aboard SpaceX rocket",
        "A small satellite built by students was carried into orbit on Tuesday aboard a Falcon 9 rocket "
        "launched from California.",
        False,
        set(),
        set(),
    ),
    # -- old attacks, plans, accidents, halts ----------------------------------------------
    (
        "an execution notice retells the crime it punishes",
        "تنفيذ حكم القتل قصاصا في جان بالبصرة",
        "نفذت السلطات اليوم حكم القتل قصاصا في جان أقدم على قتل شقيقين بإطلاق النار عليهما إثر خلاف "
        "بينهم في البصرة.",
        False,
        set(),
        {"basra"},
    ),
    (
        "a phone charger explodes",
        "إنقاذ عشرين شخصا من حريق سببه انفجار شاحن جوال",
        "أنقذت فرق الدفاع المدني اليوم عشرين شخصا من حريق في مبنى سكني ببغداد نتج عن انفجار شاحن جوال، "
        "وأصيب شخصان بحالات اختناق.",
        False,
        set(),
        {"baghdad"},
    ),
    (
        "controlled detonations (Arabic)",
        "تفجيرات مسيطر عليها داخل قاعدة عين الأسد",
        "أكد مصدر أمني أن الأصوات التي سمعت اليوم في محيط قاعدة عين الأسد ناجمة عن تفجيرات مسيطر عليها "
        "لمخلفات حربية، ولا علاقة لها بأي هجوم.",
        False,
        set(),
        {"ain-al-asad"},
    ),
    (
        "a funeral for a known attack's victims",
        "تشييع ضحايا التفجير الذي استهدف المسجد",
        "شيع الأهالي أمس ضحايا التفجير الذي استهدف المسجد يوم الخميس الماضي وسط حضور رسمي وشعبي.",
        False,
        set(),
        set(),
    ),
    (
        "an attack being prepared",
        "Militants preparing an attack on Ain al-Asad, officials say",
        "Security officials said on Wednesday that militants were preparing an attack on Ain al-Asad "
        "air base and that patrols had been stepped up.",
        False,
        set(),
        {"ain-al-asad"},
    ),
    (
        "a stray bullet at a wedding",
        "Child wounded by celebratory gunfire at a wedding in Basra",
        "A child was wounded on Wednesday by a stray bullet fired in celebration at a wedding in Basra, "
        "police said.",
        False,
        set(),
        {"basra"},
    ),
    (
        "the day before yesterday is still the news",
        "مقتل جنديين بقذائف هاون في الأنبار",
        "قتل جنديان وأصيب ثلاثة آخرون أول أمس في قصف بقذائف الهاون استهدف موقعا للجيش في الأنبار.",
        True,
        set(),
        set(),
    ),
    (
        "a former president is not an earlier attack",
        "عدن: السلطات الصحية تعلن حصيلة جديدة",
        "قالت السلطات الصحية إن عشرين مدنيا قتلوا يوم الاثنين عندما قصفت قوات موالية للرئيس اليمني "
        "السابق أحياء سكنية في مدينة عدن.",
        True,
        set(),
        set(),
    ),
    (
        "a strike two days later counts from the attack, not from today",
        "Families remember the victims of the 2020 rocket attack on Camp Taji",
        "Relatives gathered on the anniversary of the rocket attack that killed two soldiers at Camp Taji "
        "in 2020. The attack prompted airstrikes two days later.",
        False,
        set(),
        set(),
    ),
    (
        "three days ago is a late report",
        "مقتل جنديين بقذائف هاون في الأنبار",
        "قتل جنديان وأصيب ثلاثة آخرون قبل ثلاثة أيام في قصف بقذائف الهاون استهدف موقعا للجيش في الأنبار.",
        "late",
        set(),
        set(),
    ),
    (
        "a truce: the shelling stopped",
        "Army halts shelling of Fallujah to let families leave",
        "The army stopped its shelling of Fallujah on Wednesday to open a corridor for families "
        "leaving the city, a military source said.",
        False,
        set(),
        {"anbar"},
    ),
    (
        "an execution for an old murder",
        "تنفيذ حكم القتل قصاصا بجان في الرياض",
        "أعلنت وزارة الداخلية اليوم تنفيذ حكم القتل قصاصا بمواطن أقدم على قتل آخر بإطلاق النار عليه "
        "إثر خلاف بينهما قبل ثلاث سنوات.",
        False,
        set(),
        set(),
    ),
    (
        "an attack on Saturday reported on Wednesday",
        "Details emerge of Saturday's rocket attack on Ain al-Asad",
        "Three rockets struck Ain al-Asad air base on Saturday, damaging a hangar, officials said in "
        "a statement released on Wednesday.",
        "late",
        set(),
        {"ain-al-asad"},
    ),
    (
        "a place named in a speaker's title",
        "Airstrike kills militants near Hawija",
        "An airstrike killed eight militants near Hawija on Wednesday, said the media officer of the "
        "north Salah al-Din operations command.",
        True,
        set(),
        {"salah-al-din"},
    ),
    (
        "a court case about an old bombing",
        "Court sentences man over 2019 bombing in Basra",
        "A criminal court in Basra on Wednesday sentenced a man to death for his role in a car bombing "
        "that killed eleven people in 2019.",
        False,
        set(),
        {"basra"},
    ),
    (
        "a bomb near a court is an attack",
        "Bomb explodes outside a courthouse in Baghdad",
        "A bomb exploded outside a courthouse in Baghdad on Wednesday morning, killing two guards and "
        "wounding five people.",
        True,
        {"baghdad"},
        set(),
    ),
    # -- probes in the style of 2019-2024 base reporting (this session's round) ----------------
    (
        "mortar as a building material",
        "Mortar shortage hits Basra builders",
        "Builders in Basra said on Wednesday that a shortage of cement and mortar has doubled prices "
        "this month.",
        False,
        set(),
        {"basra"},
    ),
    (
        "a controlled detonation in the accusative (تفجيرا مسيطرا عليه)",
        "تفجير مواد متفجرة مضبوطة",
        "قامت مفارز معالجة المتفجرات اليوم بتفجير كمية من العبوات الناسفة المضبوطة تفجيرا مسيطرا عليه "
        "في صحراء الأنبار.",
        False,
        set(),
        {"anbar"},
    ),
    (
        "the occupation's base in a town that holds one base",
        "المقاومة تعلن استهداف قاعدة الاحتلال في الشدادي",
        "أعلنت المقاومة الإسلامية في العراق اليوم استهداف قاعدة الاحتلال الأمريكي في الشدادي بالطيران "
        "المسير.",
        True,
        {"shaddadi"},
        set(),
    ),
    (
        "a base by its Pentagon name (Mission Support Site Conoco)",
        "U.S. forces in Syria come under rocket fire",
        "U.S. forces at Mission Support Site Conoco in eastern Syria came under rocket fire on "
        "Wednesday, a U.S. official said. There were no injuries.",
        True,
        {"conoco"},
        set(),
    ),
    (
        "an Olympic trap shooter",
        "Jordanian shooter reaches Olympic final",
        "Jordan's trap shooter reached the Olympic final on Tuesday after hitting 121 of 125 targets, "
        "a national record. He trained for years at a shooting range near Amman.",
        False,
        set(),
        set(),
    ),
    (
        "a film crew shooting a war film",
        "Film crew stages battle scenes in Anbar desert",
        "A film crew began shooting a war film in the Anbar desert on Tuesday, staging explosions and "
        "battle scenes with dozens of extras, the production company said.",
        False,
        set(),
        {"anbar"},
    ),
    (
        "a correction of where the attack struck is not a denial",
        "Wounded in Tower 22 drone strike rise to 40",
        "The number of U.S. troops wounded in Tuesday's drone strike on the Tower 22 post in northeastern "
        "Jordan has risen to 40, a U.S. official said on Wednesday. Officials had first said the drone hit "
        "a site in Syria rather than Jordanian territory.",
        True,
        {"tower-22"},
        set(),
    ),
    (
        "sanctions over attacks across years (a period, not today's attack)",
        "US sanctions militia leaders over attacks on US troops",
        "The U.S. Treasury on Wednesday imposed sanctions on three militia leaders it accused of "
        "planning rocket and drone attacks on U.S. troops in Iraq over the past three years.",
        False,
        set(),
        set(),
    ),
    (
        "a bombardment over the past three days is still going on",
        "Shelling kills 40 in Aleppo in three days",
        "The army said on Wednesday that rebel rocket fire had killed 40 people in Aleppo during the "
        "past three days.",
        True,
        set(),
        set(),
    ),
    (
        "a village that belongs to a district (التابعة لقضاء) is where it lies, not a patron",
        "ارتفاع حصيلة هجوم الجلام إلى أربعة قتلى",
        "أعلنت خلية الإعلام الأمني، اليوم الأربعاء، ارتفاع حصيلة الهجوم الإرهابي "
        "الذي استهدف ليلة أمس نقطة للجيش في منطقة الجلام التابعة لقضاء سامراء إلى أربعة شهداء بينهم ضابط.",
        True,
        {"salah-al-din"},
        set(),
    ),
    (
        "an attack some days back (قبل أيام) in the last sentence is background",
        "مسيرة انتحارية تستهدف قاعدة حقل العمر",
        "أفاد المرصد السوري صباح اليوم بدوي انفجار في القاعدة الأمريكية بحقل العمر النفطي بريف دير الزور "
        "الشرقي ناجم عن استهدافها بطائرة مسيرة انتحارية. وكان المرصد قد أشار قبل أيام إلى استهداف قاعدة "
        "حقل كونيكو بعدة قذائف صاروخية.",
        True,
        {"al-omar"},
        {"conoco"},
    ),
    (
        "an arms-depot fire the headline blames on the heat",
        "حريق في مخزن عتاد بالمقدادية والسلطات تعزوه إلى ارتفاع درجات الحرارة",
        "اندلع حريق عصر اليوم في مخزن للعتاد تابع لأحد الأفواج الأمنية في قضاء المقدادية، ما أدى إلى سماع "
        "انفجارات متتالية لساعات. وقال مصدر في شرطة ديالى إن الحريق ناجم عن ارتفاع درجات الحرارة وسوء "
        "ظروف التخزين.",
        False,
        set(),
        {"diyala"},
    ),
    # -- a second probe round, scored once before these fixes ----------------------------------
    (
        "a base named by whose it is, then its place (a name that is also a word)",
        "فصائل عراقية تتبنى هجوما على قاعدة في أربيل",
        "أعلنت فصائل عراقية ليل الثلاثاء استهداف «قاعدة الاحتلال الأمريكي في حرير» بمحافظة أربيل بطائرة "
        "مسيرة.",
        True,
        {"harir"},
        set(),
    ),
    (
        "a household gas canister (عبوة غاز) exploding in a restaurant",
        "إصابة خمسة أشخاص بانفجار عبوة غاز في مطعم بأربيل",
        "أصيب خمسة أشخاص بجروح مساء اليوم إثر انفجار عبوة غاز منزلية داخل مطعم شعبي في مدينة أربيل، "
        "وسيطرت فرق الإطفاء على الحريق خلال دقائق.",
        False,
        set(),
        set(),
    ),
    (
        "an earlier strike told in the pluperfect (وكانت ... قد تعرضت) is background",
        "سقوط صاروخين على قاعدة القيارة جنوبي الموصل",
        "أفاد مصدر أمني بأن صاروخين سقطا عصر اليوم داخل قاعدة القيارة الجوية دون خسائر. وكانت قاعدة عين "
        "الأسد في الأنبار قد تعرضت فجر الثامن من الشهر الجاري لقصف بصواريخ باليستية.",
        True,
        set(),
        {"ain-al-asad", "anbar"},
    ),
    (
        "a statement that a named base was not attacked denies that base only",
        "بايدن يتوعد بالرد بعد مقتل ثلاثة جنود بمسيرة على الحدود الأردنية",
        "تعهد الرئيس الأمريكي بمحاسبة المسؤولين عن الهجوم بطائرة مسيرة الذي استهدف فجر الثلاثاء موقعا يعرف "
        "باسم البرج 22 في شمال شرقي الأردن وأدى إلى مقتل ثلاثة جنود. وتقع القاعدة على مسافة قريبة من قاعدة "
        "التنف داخل الأراضي السورية، والتي لم تتعرض لأي هجوم بحسب مسؤولين أمريكيين.",
        True,
        {"tower-22"},
        {"tanf"},
    ),
    (
        "controlled explosions (plural) of old devices",
        "Engineers destroy old explosives west of Ramadi",
        "Army engineers on Wednesday carried out controlled explosions of more than 200 improvised "
        "explosive devices and mortar shells left behind by Islamic State in the desert west of Ramadi.",
        False,
        set(),
        {"anbar"},
    ),
    (
        "a fuel tanker exploding at a petrol station",
        "Explosion at petrol station in Basra injures four",
        "Four people were injured on Wednesday when a fuel tanker exploded while unloading at a petrol "
        "station in Basra, civil defence said, blaming a leak.",
        False,
        set(),
        {"basra"},
    ),
    (
        "an MP blasts the government",
        "Basra MP blasts government over power cuts as temperatures hit 50C",
        "A member of parliament from Basra on Wednesday blasted the government over power cuts that left "
        "neighbourhoods without electricity for twelve hours a day.",
        False,
        set(),
        {"basra"},
    ),
    (
        "the drone of engines at an airport",
        "New Erbil-Vienna route takes off",
        "Over the drone of engines at Erbil International Airport, officials on Wednesday launched a "
        "twice-weekly flight to Vienna.",
        False,
        set(),
        {"erbil-airport"},
    ),
    (
        "an attack between two towns of one governorate happened inside it",
        "Militants kill three fighters near Jalawla",
        "Three fighters were killed when Islamic State militants attacked their position in a village "
        "between Jalawla and Khanaqin late on Tuesday, local officials said.",
        True,
        {"diyala"},
        set(),
    ),
    (
        "a field at the far end of 'between ... and' is an edge, not the target",
        "Car bomb kills 18 displaced people in Deir ez-Zor",
        "A car bomb went off late on Tuesday among displaced families gathered in the area between "
        "al-Jafra and the Conoco gas field in the northern countryside of Deir ez-Zor, killing 18.",
        True,
        {"deir-ez-zor"},
        {"conoco"},
    ),
    (
        "'the attacks' right after a campaign count are the counted ones, not today's",
        "Drones fired at Ain al-Asad overnight",
        "Two drones were fired at the Ain al-Asad air base in Anbar overnight, security sources said "
        "on Wednesday.\n\nUS forces have been attacked more than 50 times in Iraq and Syria since "
        "mid-October, Pentagon figures show. The attacks have targeted Harir air base, the Conoco gas "
        "field and the al-Omar oil field.",
        True,
        {"anbar"},
        {"harir", "conoco", "al-omar", "deir-ez-zor"},
    ),
    (
        "a rocketing rise in prices is no rocket (accusative form, in the body)",
        "قفزة في أسعار الشقق قرب مطار أربيل",
        "شهدت أسعار الشقق في الأحياء المحيطة بمطار أربيل ارتفاعاً صاروخياً، وفق "
        "مكاتب عقارية، فيما أعلنت شركات عن «قنبلة الموسم» لجذب مشترين من بغداد والموصل.",
        False,
        set(),
        {"erbil-airport", "erbil", "baghdad"},
    ),
    (
        "media 'affiliated with' a side, then raids: the raids are fired, not a fleet",
        "غارات على صنعاء",
        "عاجل | قناة تابعة للحوثيين: غارات أمريكية تستهدف مواقع في صنعاء والحديدة.",
        True,
        set(),
        set(),
    ),
    (
        "'in al-Qaim' (في القائم) is the town: the everyday word never follows 'in'",
        "قتلى في قصف على مقرات للحشد",
        "قال الحشد الشعبي إن ثلاثة من مقاتليه قتلوا فجر اليوم في قصف جوي استهدف مقرا له في القائم.",
        True,
        {"anbar"},
        set(),
    ),
    (
        "a fear that attacks on a base will escalate is no attack on it",
        "غارات أمريكية على مواقع في دير الزور",
        "شنت طائرات أمريكية فجر اليوم غارات على مواقع لفصائل مسلحة في دير الزور. ويخشى مسؤولون "
        "عراقيون أن تدفع الضربات الفصائل إلى تصعيد هجماتها على قواعد مثل عين الأسد.",
        True,
        {"deir-ez-zor"},
        {"ain-al-asad", "anbar"},
    ),
    (
        "air traffic at an airport resumed after a strike on the city: the airport was not hit",
        "صواريخ على أربيل",
        "سقطت صواريخ باليستية فجر اليوم على حي سكني في مدينة أربيل، وقال مسؤول إن حركة الملاحة "
        "في مطار أربيل استؤنفت صباحا بعد تعليقها لساعات.",
        True,
        set(),
        {"erbil-airport"},
    ),
    (
        "'On Christmas Day' is a past day, and 'the repeated attacks' are many",
        "Iraq presses for a timetable for the coalition's exit",
        "Iraq's prime minister on Sunday called for a quick exit of the US-led coalition.\n\n"
        "On Christmas Day, a drone attack on Erbil airport wounded three US service members.\n\n"
        "In Anbar, tribal leaders worry about the repeated attacks on Ain al-Asad, which employs "
        "hundreds of local people.",
        False,
        set(),
        {"erbil-airport", "ain-al-asad", "anbar"},
    ),
    (
        "an unidentified drone that crashed near a base failed an attack: no accident",
        "Unidentified drone crashes near Ain al-Asad",
        "An unidentified drone crashed near the perimeter of Ain al-Asad air base late on Tuesday "
        "without causing damage, a security source said.",
        True,
        {"ain-al-asad", "anbar"},
        set(),
    ),
    (
        "a booby-trapped drone that fell near a base (Arabic)",
        "سقوط مسيرة مفخخة قرب قاعدة عين الأسد",
        "سقطت طائرة مسيرة مفخخة في محيط قاعدة عين الأسد الجوية مساء الثلاثاء دون أن تسفر عن أضرار.",
        True,
        {"ain-al-asad", "anbar"},
        set(),
    ),
    (
        "a tally's 'since October' dates no headline: the undated wire is today's",
        "Drone strike kills three US troops at Jordan outpost",
        "A drone attack blamed on Iran-backed militias killed three American service members at a "
        "small desert outpost in Jordan near the Syrian border.\n\nThe drone struck Tower 22, a "
        "logistics site near the Syrian border.\n\nMore than 150 attacks on US forces in Iraq and "
        "Syria have been recorded since October, most causing no injuries.",
        True,
        {"tower-22"},
        set(),
    ),
    (
        "an election story that dates its rocket attack today still reports it",
        "Posters, promises and rockets: Baghdad's election campaign enters its last week",
        "Candidates covered Baghdad's walls with posters this week as the provincial election "
        "campaign entered its final stretch.\n\nThe tension came into the open again early on "
        "Wednesday, when several rockets were fired at the US embassy compound in the Green Zone.",
        True,
        {"baghdad"},
        set(),
    ),
    (
        "prices that rose 'بشكل صاروخي' (rocket-like) are no rocket",
        "فيروس يضرب مزارع الطماطم في البصرة",
        "قال مزارعون في البصرة إن الفيروس ضرب الزرع خلال أسبوعين، وإن أسعار الطماطم في علوة البصرة "
        "ارتفعت بشكل صاروخي.",
        False,
        set(),
        {"basra"},
    ),
    (
        "drones that light up a city's sky are a show",
        "300 طائرة مسيرة تضيء سماء أربيل في ليلة نوروز",
        "حلقت مساء اليوم 300 طائرة مسيرة فوق قلعة أربيل في عرض احتفالي بعيد نوروز.",
        False,
        set(),
        {"erbil"},
    ),
    (
        "a fuel tanker that overturned and exploded is a road accident",
        "انفجار صهريج وقود قرب التاجي",
        "اندلع حريق كبير فجر اليوم إثر انقلاب صهريج محمل بالبنزين على الطريق السريع بغداد - سامراء، "
        "ما أدى إلى انفجار خزان الصهريج.",
        False,
        set(),
        {"baghdad", "salah-al-din"},
    ),
    (
        "a dollar rate that rockets in Baghdad's exchanges is no rocket",
        "Dollar rate rockets in Baghdad exchanges as the central bank launches a campaign",
        "The dollar rate rocketed in Baghdad's exchanges on Monday, traders said.",
        False,
        set(),
        {"baghdad"},
    ),
    (
        "spikes 'like rockets' in a volleyball final are sport",
        "Anbar University hosts the volleyball championship",
        "The host team's attack smashed spikes like rockets past the blockers of the University of "
        "Mosul on Tuesday, the coach said.",
        False,
        set(),
        {"nineveh", "anbar"},
    ),
    (
        "lightning that struck a tower with an explosion-like bang is weather",
        "Lightning strikes a telecom tower in Baquba as a storm hits Diyala",
        "A bolt of lightning struck a mobile phone tower in central Baquba on Tuesday, causing a fire "
        "and a loud explosion-like bang. The storm also struck orchards in Khalis with hail.",
        False,
        set(),
        {"diyala"},
    ),
    (
        "a satellite that blasts off on a Falcon 9 rocket is a launch",
        "Iraqi students' satellite blasts off aboard a Falcon 9 rocket",
        "Students in Baghdad cheered on Tuesday when the rocket lifted off carrying their satellite.",
        False,
        set(),
        {"baghdad"},
    ),
    (
        "an attack of years ago far below the lead dates no undated headline",
        "At least 80 civilians dead in gas attack in Syria's Idlib",
        "The regime used chemical weapons once again, killing at least 80 civilians including "
        "children in an airstrike on Idlib. Ambulances crossed from Turkey. Doctors said the symptoms "
        "matched a nerve agent. Aid groups said hospitals were short of medicine. The chemical attack "
        "was the worst in years. In the wake of the 2013 attack, Assad agreed to a deal to destroy "
        "his chemical arsenal.",
        True,
        set(),
        set(),
    ),
    (
        "'إيقاف إطلاق النار' is a ceasefire, not a shooting",
        "دول الخليج تؤكد تمسكها بقرار مجلس الأمن بشأن إيقاف إطلاق النار في اليمن",
        "أكد الأمين العام لمجلس التعاون اليوم تمسك دول المجلس بقرار مجلس الأمن بشأن إيقاف إطلاق النار.",
        False,
        set(),
        set(),
    ),
    (
        "'بداية المسيرة نحو تحرير صنعاء' is a march on the capital, not a drone",
        "الحوثيون يخسرون مواقع في الجنوب",
        "بعد سلسلة الهزائم التي مني بها الحوثيون، يعني تحرير قاعدة العند بداية المسيرة نحو تحرير "
        "العاصمة صنعاء، كما يرى مراقبون.",
        False,
        set(),
        set(),
    ),
    (
        "an attack told without a place strikes the dateline's city",
        "Traders in Kirkuk complain of a slow Ramadan",
        "KIRKUK – Traders in the city's old market say business is the slowest they remember.\n\n"
        "A Katyusha rocket fell late on Tuesday on the roof of an empty warehouse a few streets from "
        "the market, shattering windows, police said.",
        True,
        {"kirkuk"},
        set(),
    ),
    (
        "a communique's kills 'within operations east of Fallujah' hit Anbar; the command's name measures nothing",
        "مقتل عشرات المسلحين بغارات وعمليات",
        "أعلنت خلية الإعلام الحربي اليوم مقتل 40 مسلحا بقصف جوي شمال سامراء. وفي سياق متصل أعلنت "
        "قيادة عمليات بغداد في بيان منفصل، عن مقتل 17 داعشيا ضمن عمليات شرقي الفلوجة.",
        True,
        {"anbar"},
        {"baghdad"},
    ),
    (
        "a match report stopped because drones attacked a base still reports the attack",
        "Erbil v Zakho halted as air defences fire over the airport",
        "The league match between Erbil SC and Zakho at the city stadium was stopped for twenty "
        "minutes on Tuesday evening after explosions were heard.\n\nAuthorities said drones had "
        "attacked Erbil International Airport, a few kilometres from the stadium.\n\nBefore the "
        "stoppage Erbil's attack had been sharper, their striker hitting the post twice, and the "
        "keeper made two saves. The hosts won 1-0 with a late header.",
        True,
        {"erbil-airport"},
        set(),
    ),
    (
        "a weather story whose headline names rockets on a base reports them in its third paragraph",
        "عاصفة رعدية تضرب صلاح الدين.. وصواريخ على قاعدة بلد في ذروة العاصفة",
        "ضربت عاصفة رعدية مصحوبة بالبرد مناطق واسعة من محافظة صلاح الدين مساء الثلاثاء.\n\n"
        "وقالت مديرية الدفاع المدني إن الأمطار أغرقت شوارع في سامراء وتكريت.\n\n"
        "وفي خضم العاصفة، سقطت خمسة صواريخ نوع كاتيوشا داخل قاعدة بلد الجوية، بحسب خلية الإعلام الأمني.",
        True,
        {"salah-al-din"},
        set(),
    ),
    (
        "between two governorates: neither is the target",
        "Gunmen attack army post",
        "Gunmen attacked an army post late on Tuesday in a valley between Kirkuk and Salah al-Din, "
        "killing two soldiers, a security source said.",
        True,
        set(),
        {"salah-al-din"},
    ),
    (
        "a known attack that its own clause dates to yesterday is covered news",
        "مسؤولون يدينون تفجير مسجد في الرمادي",
        "ندد عدد من المسؤولين في محافظة الأنبار بالتفجير الآثم الذي استهدف مساء الثلاثاء مسجدا في مدينة "
        "الرمادي أثناء صلاة العشاء ونتج عنه استشهاد عدد من المصلين.",
        True,
        {"anbar"},
        set(),
    ),
    # -- a third probe round, scored once before these fixes -----------------------------------
    (
        "bases put on alert but not targeted, in the next sentence",
        "Rocket attack wounds U.S. personnel at Ain al-Asad",
        "Several U.S. personnel were wounded on Tuesday when two rockets struck the Ain al-Asad air base, "
        "officials said. The rockets were fired from a truck found abandoned. Coalition troops at Harir "
        "were put on high alert but were not targeted, one of the officials said.",
        True,
        {"ain-al-asad"},
        {"harir"},
    ),
    (
        "a rally on the first anniversary of a drone strike",
        "Thousands rally in Baghdad on anniversary of airport strike",
        "Thousands of supporters of armed factions rallied in central Baghdad on Wednesday to mark the "
        "first anniversary of the U.S. drone strike near Baghdad airport that killed an Iranian general.",
        False,
        set(),
        {"baghdad"},
    ),
    (
        "a clock's a.m. does not end the sentence",
        "Iraqi military: 22 missiles fell on two bases",
        "Twenty-two missiles landed in Iraq between 1:45 a.m. and 2:15 a.m. on Wednesday, the joint "
        "command said, 17 of them aimed at al-Asad airbase.",
        True,
        {"ain-al-asad"},
        set(),
    ),
    (
        "an attack 'this month' in a story about talks",
        "Iraq and U.S. open talks on coalition future",
        "Iraq and the United States opened talks on Wednesday on the future of the coalition. The prime "
        "minister has called for a reduction of foreign forces after a U.S. strike in Baghdad this month "
        "killed a militia commander.",
        False,
        set(),
        {"baghdad"},
    ),
    (
        "a quarter in the east of the capital (حي ... شرقي العاصمة بغداد) is in the city",
        "مقتل قيادي بضربة مسيرة شرقي بغداد",
        "قتل ثلاثة أشخاص مساء اليوم بضربة من طائرة مسيرة استهدفت سيارة في حي المشتل شرقي العاصمة بغداد، "
        "بحسب مصادر أمنية.",
        True,
        {"baghdad"},
        set(),
    ),
    # -- a fourth probe round, scored once before these fixes ----------------------------------
    (
        "a weekday followed by its date: the date says which one",
        "بعد ثمانية أيام: لا نتائج لتحقيق الهجوم على قاعدة حرير",
        "لم تكشف اللجنة المشتركة بعد نتائج تحقيقها في استهداف قاعدة حرير بطائرة مسيرة مساء الثلاثاء 17 "
        "تشرين الثاني.",
        False,
        set(),
        {"harir"},
    ),
    (
        "Harir with the article (قاعدة الحرير)",
        "مسيرة مفخخة استهدفت قاعدة الحرير",
        "أعلن جهاز مكافحة الإرهاب في إقليم كوردستان أن طائرة مسيرة مفخخة استهدفت قاعدة الحرير مساء "
        "الثلاثاء دون خسائر.",
        True,
        {"harir"},
        set(),
    ),
    (
        "a correction that withdraws a report (الخبر غير صحيح)",
        "تصحيح: لا صواريخ على عين الأسد",
        "نشرت الوكالة صباح اليوم خبرا عن سقوط صواريخ على قاعدة عين الأسد، ويتبين بعد التحقق أن الخبر غير "
        "صحيح.",
        False,
        set(),
        {"ain-al-asad"},
    ),
    (
        "an army drone down with a technical fault (عطل فني)",
        "سقوط طائرة مسيرة للجيش قرب بيجي بسبب عطل فني",
        "أعلنت قيادة طيران الجيش اليوم سقوط طائرة مسيرة تابعة لها قرب قضاء بيجي أثناء مهمة استطلاع بسبب "
        "عطل فني، دون خسائر.",
        False,
        set(),
        {"salah-al-din"},
    ),
    (
        "locusts attack farms",
        "Locust swarms attack farms around Ramadi",
        "Swarms of locusts have attacked wheat fields on farms around Ramadi and Hit, the Anbar "
        "agriculture directorate said on Wednesday.",
        False,
        set(),
        {"anbar"},
    ),
    (
        "families gather to mark a year since an attack",
        "A year after Tower 22, families gather",
        "Relatives of the three soldiers killed in a drone strike on the Tower 22 outpost in Jordan "
        "gathered to mark one year since the attack.",
        False,
        set(),
        {"tower-22"},
    ),
    # -- the labelled SaudiNewsNet round E (seed 71) -------------------------------------------
    (
        "a quarter named after a date (حي واحد حزيران) is not a date",
        "مقتل ثلاثة بهجمات متفرقة",
        "قتل شخصان اليوم بانفجار عبوة ناسفة في بغداد. وفي كركوك أفاد مصدر أمني آخر بمقتل شخص في هجوم "
        "شنه عليه مسلحون مجهولون قرب حي واحد حزيران.",
        True,
        {"baghdad", "kirkuk"},
        set(),
    ),
    (
        "a tally of attacks counted in times names earlier targets, not today's",
        "Militia says it hit the Conoco base with a drone",
        "An Iraqi militia said on Wednesday it had struck the U.S. base at the Conoco gas field with a "
        "drone this morning. U.S. forces in Iraq and Syria have been attacked more than 40 times, with "
        "the most recent incidents targeting Ain al-Asad and the al-Omar oil field.",
        True,
        {"conoco"},
        {"ain-al-asad", "anbar", "al-omar"},
    ),
    (
        "a series of attacks over the past two months (الشهرين الماضيين) is background",
        "قتلى وجرحى بقصف صاروخي على قاعدة عين الأسد",
        "سقطت صباح اليوم عدة صواريخ على قاعدة عين الأسد في الأنبار ما أدى إلى إصابة جنديين. ويعد هذا "
        "الهجوم الأعنف ضمن سلسلة هجمات طالت خلال الشهرين الماضيين قواعد عسكرية بينها قاعدة بلد ومحيط "
        "مطار بغداد.",
        True,
        {"ain-al-asad", "anbar"},
        {"baghdad"},
    ),
    (
        "the attack a strike answers (ردا على) is not its target",
        "غارات أمريكية على مواقع للفصائل في البوكمال",
        "قالت القيادة المركزية الأمريكية إن مقاتلاتها قصفت فجر اليوم مواقع للفصائل في البوكمال بريف "
        "دير الزور، ردا على هجوم بطائرة مسيرة استهدف قاعدة التنف.",
        True,
        set(),
        {"tanf"},
    ),
    (
        "a visit in another clause does not make rockets a tour",
        "Coalition says no one was hurt",
        "Several rockets struck Ain al-Asad air base in western Iraq on Wednesday morning, the "
        "coalition said, a day before the foreign minister is expected to begin an official visit to "
        "the country.",
        True,
        {"ain-al-asad", "anbar"},
        set(),
    ),
    (
        "after midnight (بعد منتصف الليل) is a time, not another clause",
        "غارات على مستودعات في البوكمال",
        "استهدفت غارات جوية بعد منتصف الليل مستودعات أسلحة للفصائل في مدينة البوكمال شرقي دير الزور.",
        True,
        {"deir-ez-zor"},
        set(),
    ),
    (
        "the attack came a week after other strikes: those are not today's",
        "Rockets hit Ain al-Asad",
        "Ten rockets hit Ain al-Asad air base in Anbar on Wednesday, the coalition said. The attack came "
        "amid rising tension after U.S. airstrikes on militia sites in Syria's Deir ez-Zor province.",
        True,
        {"ain-al-asad"},
        {"deir-ez-zor"},
    ),
    (
        "'there was no attack' below the lead denies the false alarm told just before it",
        "Drones target U.S. troops at al-Tanf",
        "Two drones targeted coalition forces at the al-Tanf garrison in Syria late on Tuesday, the "
        "Pentagon said. One was shot down and the other struck the base, lightly wounding two soldiers. "
        "An official said the attack was carried out by Iran-backed groups. Separately, a contractor "
        'died of a cardiac arrest while sheltering at Ain al-Asad air base after a false alarm. "There '
        'was no attack," the official said.',
        True,
        {"tanf"},
        {"ain-al-asad"},
    ),
    (
        "three drone attacks on one day are a round-up, not a tally",
        "Coalition forces in Iraq repel three drone attacks",
        "Coalition forces in Iraq fended off three drone attacks on Wednesday, a U.S. official said. Two "
        "drones targeted Ain al-Asad air base in western Iraq. A third drone was shot down as it approached Harir Air Base "
        "in the north.",
        True,
        {"ain-al-asad", "harir"},
        set(),
    ),
    (
        "workers who went on strike at a gas plant",
        "Workers at Conoco gas plant walk out",
        "Hundreds of workers at the Conoco gas plant in Deir ez-Zor's countryside went on strike on "
        "Wednesday over months of unpaid salaries.",
        False,
        set(),
        {"conoco"},
    ),
    (
        "strikes carried out in retaliation are not a threat of retaliation",
        "U.S. strikes militia sites in retaliation for drone attack",
        "U.S. warplanes struck weapons depots of Iran-backed militias in al-Qaim in Anbar province late "
        "on Tuesday in retaliation for a drone attack that wounded troops last week.",
        True,
        {"anbar"},
        set(),
    ),
    (
        "'Harir airbase in Erbil' says where Harir is, not that Erbil's airport was hit",
        "Drones target Harir airbase in Erbil",
        "Two drones targeted Harir airbase in Erbil on Wednesday morning, a Kurdish security source "
        "said, adding that one was shot down.",
        True,
        {"harir"},
        {"erbil-airport"},
    ),
    (
        "the base an official names a few sentences after 'a base in northeast Jordan'",
        "Three troops killed in drone attack in Jordan",
        "Three U.S. soldiers were killed on Wednesday in a one-way drone attack on a small base in "
        "northeast Jordan, near the Syrian border, the military said. Dozens more were hurt. Their names "
        "will be released later. Officials told reporters the base is Tower 22, which supports the "
        "nearby al-Tanf garrison.",
        True,
        {"tower-22"},
        {"tanf"},
    ),
    (
        "the coalition base in the town of al-Shaddadi is the Shaddadi base",
        "Drone downed near coalition base in Hasakah",
        "Air defences at the coalition base in the town of al-Shaddadi, south of Hasakah, shot down a "
        "drone on Wednesday morning, local sources said.",
        True,
        {"shaddadi"},
        set(),
    ),
    (
        "rockets launched near the boundary with a province do not hit it",
        "Rockets hit Erbil",
        "Several rockets hit Erbil on Wednesday night. The rockets were launched from a truck west of the "
        "city, near the boundary with Nineveh province, officials said.",
        True,
        set(),
        {"nineveh"},
    ),
    (
        "the city a bombed convoy was heading to is not the target",
        "عبوة ناسفة تستهدف رتلا في الديوانية",
        "انفجرت عبوة ناسفة صباح اليوم على رتل شاحنات للدعم اللوجستي على الطريق السريع في الديوانية، "
        "وقال مصدر أمني إن الرتل كان متجها من الجنوب نحو بغداد.",
        True,
        set(),
        {"baghdad"},
    ),
    (
        "the border town of al-Qaim is a target, not a boundary",
        "U.S. jets strike militia sites on Iraq-Syria border",
        "U.S. jets struck militia sites on Wednesday near the border town of al-Qaim in western Iraq, the "
        "Pentagon said.",
        True,
        {"anbar"},
        set(),
    ),
    (
        "the news site 'بغداد اليوم' is neither Baghdad nor today",
        "صواريخ على قاعدة عين الأسد",
        'قالت خلية الإعلام الأمني في بيان تلقت "بغداد اليوم" نسخة منه إن ثلاثة صواريخ سقطت فجر اليوم '
        "على قاعدة عين الأسد في الأنبار.",
        True,
        {"ain-al-asad", "anbar"},
        {"baghdad"},
    ),
    (
        "a name placed in another province's district is a homonym (الحويجة بقضاء هيت)",
        "صواريخ تسقط قرب هيت",
        "سقط صاروخان فجر اليوم في منطقة الحويجة بقضاء هيت غربي الأنبار دون أن يسفرا عن إصابات.",
        True,
        {"anbar"},
        {"kirkuk"},
    ),
    (
        "a funeral's day (شيعت اليوم) does not date the attack its dead fell in",
        "تشييع جندي قتل في هجوم على قاعدة حرير",
        "شيعت اليوم الأربعاء في بلدته جنازة أحد الجنود الذين قتلوا في الهجوم بطائرة مسيرة على قاعدة حرير "
        "الشهر الماضي.",
        False,
        set(),
        {"harir"},
    ),
    (
        "a leader who on Wednesday stood at a transfer of the dead dates his act, not the attack",
        "President attends return of soldiers killed in drone attack",
        "The president on Wednesday stood in silence as the remains of three soldiers killed in a drone "
        "attack on Tower 22 in Jordan were carried off a plane. The soldiers died on Saturday when the "
        "drone struck their quarters.",
        False,  # the transfer frames the article: the attack days before is a follow-up's, no late report
        set(),
        {"tower-22"},
    ),
    (
        "a headline that asks why explains; it does not report",
        "Four months of quiet: why the factions stopped firing at U.S. bases",
        "For four months no rocket or drone has been fired at U.S. forces. Rockets hit Ain al-Asad and "
        "drones struck Harir and Erbil airport in the weeks before the pause, and a drone attack on Tower "
        "22 killed three soldiers.",
        False,
        set(),
        {"ain-al-asad", "harir", "erbil-airport"},
    ),
    (
        "'days after' an attack dates it days back",
        "Militia says it is suspending operations against U.S. forces",
        "The militia said on Wednesday it was suspending operations against U.S. forces, days after "
        "Washington blamed it for a drone attack that killed three soldiers at Tower 22.",
        "late",
        set(),
        {"tower-22"},
    ),
    (
        "a match report's attack line stays football though players come back injured",
        "هجوم أربيل يقصف مرمى الشرطة",
        "فاز فريق أربيل على الشرطة في الدوري الممتاز مساء اليوم. وشن المهاجمون غارات متتالية على الجهة "
        "اليمنى للدفاع، وواصل هجوم أربيل قصف المرمى في الشوط الثاني. وقال مدرب الفريق بعد المباراة إن "
        "خط الهجوم استعاد قوته بعد عودة المصابين.",
        False,
        set(),
        set(),
    ),
    (
        "a pilot's career (مسيرة) that ends at an air base is not a drone",
        "مسيرة ثلاثة عقود تنتهي على مدرج قاعدة بلد",
        "أنهى الطيار اليوم آخر طلعة له في قاعدة بلد الجوية بعد خدمة طويلة، وقال إن أصعب أيام المسيرة "
        "كانت سنوات الحرب.",
        False,
        set(),
        {"salah-al-din"},
    ),
    (
        "teams that remove old unexploded shells report no attack",
        "Civil defence teams remove old mortar shells near Qayyarah",
        "Civil defence teams said on Wednesday they had removed and safely detonated dozens of unexploded "
        "mortar shells left over from the war near Qayyarah.",
        False,
        set(),
        set(),
    ),
    (
        "the time and the background after 'in response to' belong to the attacks answered",
        "U.S. strikes militia sites in Anbar",
        "U.S. aircraft struck two militia facilities in al-Qaim in Anbar province early on Wednesday, the "
        "Pentagon said, in response to a string of drone attacks on U.S. forces in recent weeks.",
        True,
        {"anbar"},
        set(),
    ),
    (
        "drones downed on the anniversary of a killing are today's attack",
        "Two drones shot down near Baghdad airport on Soleimani anniversary",
        "Two armed drones were shot down on Wednesday as they approached a coalition facility at Baghdad "
        "airport, on the second anniversary of the killing of an Iranian general, an official said.",
        True,
        {"baghdad"},
        set(),
    ),
    (
        "what 'in retaliation for' a dated killing tells is dated by it",
        "Pentagon raises the count of troops hurt in Iran missile attack",
        "The number of troops diagnosed with brain injuries from Iran's missile attack on Ain al-Asad "
        "earlier this month has risen to 64, the Pentagon said on Wednesday. Iran fired 16 ballistic "
        "missiles at Ain al-Asad in retaliation for the U.S. killing of an Iranian commander in Baghdad on "
        "Jan. 3.",
        False,
        set(),
        {"ain-al-asad"},
    ),
    (
        "a known attack whose own clause dates it back is background to today's news",
        "ميسان تودع أحد ضحايا تفجير أبها",
        "ودعت ميسان اليوم أحد الضحايا، وأكدت العائلة أمس أن التفجير الذي استهدف المسجد في أبها السبت "
        "الماضي خلف جرحا كبيرا.",
        False,
        set(),
        set(),
    ),
    (
        # and the risen toll says the bombing was reported before: a follow-up, not a late report
        "Friday night (ليل الجمعة) is five days back on a Wednesday, not tonight",
        "ارتفاع حصيلة ضحايا تفجير سوق في ديالى",
        "ارتفعت حصيلة ضحايا تفجير سيارة مفخخة في سوق شعبي بمحافظة ديالى إلى 60 قتيلا، وقال مسؤول محلي إن "
        "الانفجار الذي وقع ليل الجمعة في سوق مزدحم خلف أيضا عشرات الجرحى.",
        False,
        set(),
        {"diyala"},
    ),
    (
        "denying that a campaign was halted is not denying an attack",
        "نائب رئيس الوزراء ينفي توقف الحملة العسكرية في الأنبار",
        "نفى نائب رئيس الوزراء اليوم وقف العمليات العسكرية على الفلوجة، فيما قتل خمسة جنود بتفجير عبوة "
        "ناسفة استهدفت عربتهم في الرمادي صباح اليوم.",
        True,
        {"anbar"},
        set(),
    ),
    # -- probe round 7 (tests/eval/probe-7-*.jsonl), one row per error pattern -------------------
    (
        "the first deaths since a war began is a record, not background",
        "Drone kills two U.S. soldiers in Jordan",
        "A drone launched by militants struck a U.S. outpost in Jordan early on Wednesday, killing two "
        "soldiers, the first U.S. fatalities from hostile fire in the Middle East since the war erupted "
        "in October. The drone hit living quarters at Tower 22, officials said.",
        True,
        {"tower-22"},
        set(),
    ),
    (
        "a threat in a clause of its own after the attack does not frame it",
        "Drones target Ain al-Asad as Iraqi factions threaten US forces",
        "Two drones were launched at Ain al-Asad air base early on Wednesday, a US official said.",
        True,
        {"ain-al-asad", "anbar"},
        set(),
    ),
    (
        "the attack an announcement followed is background",
        "Faction announces a pause in its operations against US forces",
        "The faction said on Wednesday it would stop its operations. The announcement followed a drone "
        "attack that killed two soldiers at a base in Jordan on Monday.",
        False,
        set(),
        set(),
    ),
    (
        "last weekend is days back, not the ceremony's day",
        "Remains of three soldiers return home",
        "The remains of three soldiers killed in a drone attack in Jordan last weekend were carried off "
        "a plane at Dover on Wednesday.",
        False,  # a dignified transfer follows an attack reported before: no late report either
        set(),
        set(),
    ),
    (
        "a counter-attack that killed the game off harms no one",
        "Erbil's attack sinks Zawraa",
        "Erbil SC's attack was too much for Zawraa on Tuesday night, and a late counter-attack killed "
        "the game off when the striker blasted a shot past the keeper at the stadium.",
        False,
        set(),
        set(),
    ),
    (
        "an explosion in prices",
        "ارتفاع حاد في أسعار الخضار في الرمادي",
        "عزا تجار في الرمادي الانفجار في الأسعار إلى موجة الحر التي ضربت المزارع، وإلى تأخر الشحنات عبر "
        "منفذ طريبيل.",
        False,
        set(),
        {"anbar"},
    ),
    (
        "a cyber attack on an airport's website",
        "هجوم سيبراني يعطل موقع مطار أربيل الدولي",
        "تعرض الموقع الرسمي لمطار أربيل الدولي اليوم لهجوم سيبراني أوقفه عن العمل عدة ساعات.",
        False,
        set(),
        {"erbil-airport"},
    ),
    (
        "crop-spraying drones against a pest's attack",
        "طائرات مسيرة ترش حقول الحنطة في كركوك",
        "حلقت أسراب من الطائرات المسيرة اليوم فوق حقول الحنطة في كركوك لمواجهة هجوم حشرة السونة.",
        False,
        set(),
        {"kirkuk"},
    ),
    (
        "a headline's 'تضرب' is the strike; the raid five days before it is background",
        "صواريخ إيرانية تضرب عين الأسد",
        "لم تمض خمسة أيام على الغارة التي استهدفت موكبا قرب مطار بغداد حتى انتقلت المواجهة إلى مرحلة "
        "جديدة. وأطلق الحرس الثوري فجر اليوم صواريخ باليستية على قاعدتين في العراق.",
        True,
        {"ain-al-asad", "anbar"},
        {"baghdad"},
    ),
    (
        "the site named paragraphs later, after quotes with no place in them",
        "Biden vows response after drone attack kills three US troops",
        "Three American service members were killed and dozens wounded in an overnight drone attack on "
        "U.S. forces stationed in northeastern Jordan, the president said on Wednesday. He called them "
        "patriots. He said the country grieved with their families. He promised a response. He asked "
        "for a moment of silence at a church. Defense officials identified the site as Tower 22, a "
        "small logistics outpost near the Syrian border.",
        True,
        {"tower-22"},
        set(),
    ),
    (
        "a farewell today to a soldier killed in an attack late last month",
        "بلدة أمريكية تودع جنديا قتل في هجوم البرج 22",
        "ودع مئات السكان في ولاية جورجيا الأمريكية، اليوم الأربعاء، أحد الجنود الذين قتلوا في الهجوم "
        "بطائرة مسيرة على قاعدة البرج 22 في الأردن أواخر الشهر الماضي.",
        False,
        set(),
        {"tower-22"},
    ),
    (
        "explosions and drones on a film set",
        "انفجارات وطائرات مسيرة في موقع تصوير فيلم قرب القيارة",
        "بدأ فريق فيلم روائي تصوير مشاهد المعارك اليوم في قرية قرب القيارة، مستخدما انفجارات مصطنعة "
        "وطائرات مسيرة للتصوير الجوي.",
        False,
        set(),
        set(),
    ),
    (
        "a prince named Faisal is no act of arriving (فيصل is not و + يصل)",
        "أمير منطقة يتفقد موقع تفجير مسجد في أبها",
        "وقف أمير منطقة عسير الأمير فيصل بن خالد ظهر اليوم على موقع التفجير الذي استهدف "
        "مسجد قوات الطوارئ في أبها وأسفر عن مقتل 13 شخصا.",
        True,
        set(),
        set(),
    ),
    (
        "condemned today, with no injuries among one army: the attack is today's",
        "الحكومة تدين الهجوم على موقع حدودي",
        "دان الناطق باسم الحكومة، اليوم الأربعاء، الهجوم الذي استهدف موقعا متقدما على الحدود تتمركز فيه "
        "قوات أمريكية. وأوضح أن "
        "الهجوم الذي نفذ بطائرة مسيرة على البرج 22 أسفر عن مقتل جنديين أمريكيين، مؤكدا أنه لم تقع إصابات "
        "في صفوف القوات الأردنية.",
        True,
        {"tower-22"},
        set(),
    ),
    # -- probe round 8 (tests/eval/probe-8-*.jsonl), one row per error pattern -------------------
    (
        "explosions explained as a controlled detonation, with no breach or targeting",
        "توضيح بشأن أصوات انفجارات قرب مطار بغداد",
        "أوضحت خلية الإعلام الأمني أن أصوات الانفجارات التي سمعت صباح اليوم الأربعاء قرب مطار بغداد "
        "ناجمة عن تفجير مسيطر عليه لأعتدة قديمة. وأكدت الخلية عدم وجود أي خرق أمني أو استهداف لمطار "
        "بغداد، وأن الرحلات مستمرة.",
        False,
        set(),
        {"baghdad"},
    ),
    (
        "farm drones that target fields, fifty dunams in a single day",
        "طائرات مسيرة لرش المبيدات في حقول الحويجة",
        "بدأت مديرية الزراعة رش حقول الحنطة بالطائرات المسيرة الزراعية لمكافحة الآفات. وقال مدير "
        "الزراعة إن الطائرات المسيرة تستهدف الحقول المصابة بدقة وتغطي خمسين دونما في اليوم الواحد.",
        False,
        set(),
        set(),
    ),
    (
        "a war of words between two MPs is not shelling",
        "قصف جبهات بين نائبين عن الأنبار",
        "اشتعل قصف جبهات على مواقع التواصل بين نائبين عن محافظة الأنبار على خلفية تأخر مشاريع في ناحية "
        "البغدادي، حيث تقع قاعدة عين الأسد الجوية. وشن أحدهما هجوما لاذعا على زميله.",
        False,
        set(),
        {"ain-al-asad", "anbar"},
    ),
    (
        "arrests over an attack the lead dates days back: the headline is that attack",
        "قوات سوريا الديمقراطية تعتقل شبانا بتهمة المشاركة في استهداف حقل كونيكو",
        "اعتقلت قوات سوريا الديمقراطية، اليوم الأربعاء، خمسة شبان في ريف دير الزور الشرقي بتهمة "
        "المشاركة في الهجوم الذي استهدف حقل كونيكو يوم الأحد الماضي. ولم يسفر الهجوم عن إصابات.",
        False,
        set(),
        {"conoco", "deir-ez-zor"},
    ),
    (
        "the day crowds gathered at the site of last year's strike is the rally's",
        "Thousands rally in Baghdad on anniversary of airport drone strike",
        "Thousands of supporters rallied in Baghdad on Wednesday to mark the first anniversary of the US "
        "drone strike that killed two commanders near Baghdad International Airport. On Tuesday night, "
        "crowds gathered on the airport road at the site of the strike, where a memorial now stands.",
        False,
        set(),
        {"baghdad"},
    ),
    (
        "a dog shot by mistake for a lion is not a shooting attack",
        "الشرطة تطلق النار على كلب ظنته أسدا",
        "قالت الشرطة اليوم الأربعاء إن أحد أفرادها أطلق النار بالخطأ على كلب ضخم بعد بلاغات عن أسد طليق في "
        "الحي. وقال طبيب بيطري إن الكلب أصيب بطلق ناري في ساقه وإنه سيتعافى.",
        False,
        set(),
        set(),
    ),
    (
        "a market named after rockets is a place, not a rocket attack",
        "مصادرة أطنان من الأغذية الفاسدة في جدة",
        "قامت بلدية جنوب جدة بمشاركة شرطة جدة ومكتب العمل بإحباط توزيع ثمانية أطنان من الأغذية الفاسدة "
        "في أسواق الصواريخ، وأزالت عشرات البسطات المخالفة.",
        False,
        set(),
        set(),
    ),
    (
        "children gathered outside when the strike hit: the time is the strike's",
        "Air strike hits school in Idlib countryside",
        "Rescuers said 20 people were killed by the attack which struck a school in a village of Idlib "
        "province around midday on Tuesday as children gathered outside to go home.",
        True,
        set(),
        set(),
    ),
    (
        "a town listed after a base, where the sentence speaks of bases, names that town's base",
        "Missiles hit two bases in Iraq",
        "Officials said on Wednesday that the missiles targeted two bases hosting coalition troops at "
        "Ain al-Asad and Irbil.",
        True,
        {"ain-al-asad", "erbil-airport"},
        set(),
    ),
    (
        "the Arabic list: two bases in Ain al-Asad and Erbil",
        "صواريخ على قاعدتين في العراق",
        "قال مسؤولون اليوم الأربعاء إن صواريخ بالستية سقطت على قاعدتين تضمان قوات التحالف في عين الأسد وأربيل.",
        True,
        {"ain-al-asad", "erbil-airport"},
        set(),
    ),
    (
        "a town listed after a base in a sentence about no bases stays the town",
        "Rockets hit Ain al-Asad and Erbil",
        "Rockets struck Ain al-Asad and Erbil on Wednesday, officials said.",
        True,
        {"ain-al-asad"},
        {"erbil-airport"},
    ),
    (
        "the position the attack hit, named two sentences later ('referred to as Tower 22')",
        "Jordan condemns drone attack on border post",
        "Jordan on Tuesday condemned the drone attack on a forward position on its border with Syria that "
        "killed three soldiers. The spokesman said the attack targeted a site where allied forces are "
        "deployed. The position, referred to by the US military as Tower 22, lies in the desert.",
        True,
        {"tower-22"},
        set(),
    ),
    (
        "the attack in paragraph 3, dated and placed by the sentence before it ('it was the turn of')",
        "Attack on Shaddadi base as the campaign against US forces drags on",
        "Six weeks into the campaign of rocket attacks on US forces, the bases in northeast Syria are "
        "frequent targets.\n\nOn Tuesday, it was the turn of the US base in al-Shaddadi, south of Hasakah "
        "city. Local sources said a drone approached the base from the west and was shot down by the "
        "base's air defences.",
        True,
        {"shaddadi"},
        set(),
    ),
    (
        "a dated sentence about a base is no date for an attack sentence that names a place of its own",
        "Rocket fire in Deir ez-Zor",
        "On Tuesday, the minister visited the US base in al-Shaddadi. A rocket hit Deir ez-Zor city, "
        "residents said.",
        True,
        {"deir-ez-zor"},
        {"shaddadi"},
    ),
    # -- probe round 9 (tests/eval/probe-9-*.jsonl), one row per error pattern -------------------
    (
        "strikes on a training facility are strikes, not an exercise",
        "US strikes militia sites in eastern Syria",
        "US aircraft carried out precision strikes on Tuesday against a training facility and a safe "
        "house used by the Revolutionary Guards near Albu Kamal in Deir ez-Zor province, the Pentagon said.",
        True,
        {"deir-ez-zor"},
        set(),
    ),
    (
        "'the strikes' two sentences after a dated strike are that strike, where it hit",
        "Washington hits back at Kataib Hezbollah",
        "Militias have fired rockets at US bases dozens of times since October, and Washington has tried "
        "to calibrate its answers.\n\nEarly on Tuesday, it "
        "struck again. US forces carried out strikes on three facilities used by the group, the Pentagon "
        "said. Two Iraqi officials said the strikes hit a compound near the town of al-Qaim in Anbar province.",
        True,
        {"anbar"},
        set(),
    ),
    (
        "rocket launch rails found in an orchard are a cache, not a launch",
        "Security forces find rockets and launch rails west of Baghdad",
        "Iraqi security forces on Tuesday found a cache of 107mm rockets and launch rails buried in an "
        "orchard west of Baghdad, the Security Media Cell said. A bomb disposal team removed the detonators.",
        False,
        set(),
        {"baghdad"},
    ),
    (
        "air traffic halted at an airport is no hit on the airport",
        "Missiles strike Erbil residential area",
        "Several ballistic missiles struck a residential area of Erbil late on Tuesday, killing four "
        "civilians. Loud explosions were heard across the city and air traffic at Erbil International "
        "Airport was halted for hours.",
        True,
        set(),
        {"erbil-airport"},
    ),
    (
        "the base near the northern town of X is X's base",
        "Rockets hit US base in Hasakah",
        "Several rockets hit the US base near the northern town of al-Shaddadi on Tuesday, local sources said.",
        True,
        {"shaddadi"},
        set(),
    ),
    (
        "a denial names only the places after its verb: a committee heading to a city is no denial there",
        "صواريخ بالستية على مدينة بغداد",
        "قتل أربعة مدنيين ليل الثلاثاء جراء قصف بصواريخ بالستية على مدينة بغداد. وأعلنت الحكومة تشكيل "
        "لجنة تحقيق تتوجه إلى بغداد للوقوف على ملابسات الهجوم، ونفت وجود أي مقر أجنبي في المنزل المستهدف.",
        True,
        {"baghdad"},
        set(),
    ),
    (
        "an attack on a point of the army (نقطة للجيش) has a military target",
        "هجوم على نقطة للجيش في ديالى",
        "شن عناصر من تنظيم داعش مساء اليوم الثلاثاء هجوما على نقطة للجيش العراقي في قضاء المقدادية "
        "بمحافظة ديالى.",
        True,
        {"diyala"},
        set(),
    ),
    (
        "the Rutba desert names Rutba (a name that is also a word)",
        "انتحاري يفجر نفسه غربي الأنبار",
        "فجر انتحاري حزامه الناسف صباح اليوم الثلاثاء قرب نقطة تفتيش للجيش في صحراء الرطبة، بحسب مصدر أمني.",
        True,
        {"anbar"},
        set(),
    ),
    (
        "a launch site near the edge of a province (قرب حدود محافظة) is no target there",
        "صواريخ على قاعدة عين الأسد",
        "سقطت صواريخ مساء اليوم الثلاثاء على قاعدة عين الأسد، وقالت خلية الإعلام الأمني إنها أطلقت من "
        "منطقة صحراوية قرب حدود محافظة صلاح الدين.",
        True,
        {"ain-al-asad"},
        {"salah-al-din"},
    ),
    (
        "a dateline of two cities ('واشنطن - بغداد -') files the report, it is no target",
        "غارات أمريكية في سوريا",
        "واشنطن - بغداد - شنت الولايات المتحدة مساء أمس الثلاثاء غارات جوية على مواقع لفصائل مسلحة في "
        "ريف دير الزور الشرقي.",
        True,
        {"deir-ez-zor"},
        {"baghdad"},
    ),
    (
        "'وفي القائم،' opens an item on a town whose name is also a word",
        "غارات أمريكية على مواقع للفصائل",
        "شنت طائرات أمريكية فجر اليوم الثلاثاء غارات على مواقع لفصائل مسلحة في ريف دير الزور. وفي "
        "القائم، قال شهود عيان إن الانفجارات هزت المدينة وإن الضربات أصابت مقرات ومخازن.",
        True,
        {"anbar", "deir-ez-zor"},
        set(),
    ),
    (
        "the day of an arrest, said before the arrest, is not the day of the attacks the cell did",
        "القبض على خلية استهدفت أرتال الدعم اللوجستي في الناصرية",
        "أعلنت قيادة شرطة ذي قار، اليوم، القبض على خلية من ثلاثة متهمين تورطت في استهداف أرتال الدعم "
        "اللوجستي بعبوات ناسفة على الطريق السريع في الناصرية.",
        False,
        set(),
        set(),
    ),
    (
        "wounded yesterday as a result of (إثر) a bombing: that day is the bombing's",
        "إصابة شرطيين إثر تفجير في بغداد",
        "أصيب شرطيان بجروح أمس الثلاثاء إثر تفجير عبوة ناسفة استهدفت دوريتهما في منطقة الكرادة وسط بغداد.",
        True,
        {"baghdad"},
        set(),
    ),
    (
        "'adding that none had been hurt' is reported speech, no earlier attack",
        "Missiles hit two bases in Iraq",
        "Missiles struck Erbil airport early on Tuesday, officials said.\n\nIn western Iraq, more than ten "
        "missiles struck Ain al-Asad air base in Anbar province, the command said in a separate statement, "
        "adding that none of the Iraqi personnel at the base had been hurt.",
        True,
        {"ain-al-asad", "anbar"},
        set(),
    ),
    (
        "a missile that fell near the road to a city did not hit that city",
        "Missiles land near Erbil airport",
        "Several missiles struck Erbil airport early on Tuesday. Another fell 30 km west of the city, on open "
        "ground near the road to Mosul, and did not explode.",
        True,
        {"erbil-airport"},
        {"nineveh"},
    ),
    # -- SaudiNewsNet round H (seed 121), one row per error pattern --------------------------------
    (
        "bullets fired in joy at a wedding hall that landed in a house are no shooting attack",
        "رصاص الأفراح يخترق منزلا في الطائف",
        "تعرض منزل في جنوب محافظة الطائف لطلقات نارية مصدرها قاعة أفراح تبعد عنه كيلومترين، ونجا أفراد "
        "الأسرة الذين كانوا في فناء المنزل.",
        False,
        set(),
        set(),
    ),
    (
        "'اغتيل' (was assassinated) is itself the event",
        "اغتيال قيادي في فصيل مسلح",
        "اغتيل قيادي في فصيل مسلح اليوم الثلاثاء في حي الجمهورية وسط مدينة البصرة، وفق مصدر أمني.",
        True,
        {"basra"},
        set(),
    ),
    (
        "a 'يذكر أن' reminder of last month's battle does not date the headline's bombing",
        "داعش ينفذ تفجيرين انتحاريين قرب حاجزين في ديالى",
        "فجر انتحاريان شاحنتين مفخختين قرب حاجزين للجيش في قضاء المقدادية بمحافظة ديالى وسط أنباء عن "
        "سقوط قتلى. يذكر أن القوات الأمنية استعادت القضاء الشهر الماضي في هجوم ساندته ضربات جوية.",
        True,
        {"diyala"},
        set(),
    ),
    (
        "armed men who burst into a wedding and opened fire on the guests attacked them",
        "مقتل 12 بإطلاق نار في حفل زفاف شمالي بغداد",
        "قال مصدر في الشرطة اليوم الثلاثاء إن مسلحين دخلوا حفل زفاف في قضاء الطارمية شمالي بغداد وفتحوا "
        "النار على الضيوف، ما أسفر عن مقتل 12 شخصا.",
        True,
        set(),
        set(),
    ),
    (
        "gunmen who opened fire on a wedding party attacked it",
        "مقتل خمسة بهجوم على حفل زفاف في ديالى",
        "قتل خمسة أشخاص مساء الثلاثاء عندما فتح مسلحون النار على حفل زفاف في قضاء المقدادية بمحافظة ديالى.",
        True,
        {"diyala"},
        set(),
    ),
    # -- probe round 10 -----------------------------------------------------------------------
    (
        "sanctions over attacks in general report no attack",
        "US sanctions militia figures over attacks on troops",
        "The US Treasury on Wednesday imposed sanctions on four men it accused of directing and "
        "financing rocket and drone attacks on American troops in Iraq and Syria.",
        False,
        set(),
        set(),
    ),
    (
        "a militia's name with martyrs in it kills no one",
        "عقوبات أمريكية على قادة فصيل عراقي",
        "فرضت وزارة الخزانة الأمريكية اليوم الأربعاء عقوبات على قادة في كتائب سيد الشهداء، متهمة إياهم "
        "بالمسؤولية عن هجمات على القوات الأمريكية في العراق وسوريا.",
        False,
        set(),
        set(),
    ),
    (
        "a lion that attacked a keeper at the zoo is no attack",
        "إصابة حارس في حديقة الزوراء",
        "أصيب حارس في حديقة حيوانات الزوراء ببغداد صباح اليوم الأربعاء بجروح إثر هجوم من أحد الأسود "
        "أثناء إطعامه.",
        False,
        set(),
        {"baghdad"},
    ),
    (
        "bangs mistaken for rocket fire are no attack",
        "Fireworks alarm Baghdad residents",
        "Residents of central Baghdad mistook the bangs for rocket fire on Tuesday night before coloured "
        "lights filled the sky over the Tigris.",
        False,
        set(),
        {"baghdad"},
    ),
    (
        "a base that officials say nothing struck is not hit, whatever the claim says",
        "Drone downed near Erbil airport",
        "A drone was shot down near Erbil International Airport early on Wednesday, Kurdish officials "
        "said. A militia claimed strikes on the Harir and Erbil bases, but officials said nothing had "
        "struck Harir Air Base.",
        True,
        {"erbil-airport"},
        {"harir"},
    ),
    (
        "an inquiry's findings told on the day they are announced report no new attack",
        "Inquiry: drones in Erbil airport attack came from Nineveh",
        "A committee investigating the drone attack on Erbil International Airport concluded that the "
        "drones were launched from a farm in Nineveh, the regional security council said on Wednesday.",
        False,
        set(),
        {"erbil-airport", "nineveh"},
    ),
    (
        "drones launched from a farm in a province came from it",
        "Drones target Erbil airport",
        "Two drones launched from a farm in the Nineveh Plains struck Erbil International Airport "
        "overnight, officials said on Wednesday.",
        True,
        {"erbil-airport"},
        {"nineveh"},
    ),
    (
        "a live page's headline of threats frames none of its entries",
        "Live: strikes, threats and talks on day 40 of the war",
        "10:05 GMT - Two rockets landed near the coalition base at the Conoco gas field around midday, "
        "local activists said.",
        True,
        {"conoco"},
        set(),
    ),
    (
        "explosions heard near a base, then explained as a controlled detonation, are a false alarm",
        "دوي انفجارات قرب قاعدة عين الأسد",
        "سمع سكان قضاء البغدادي غربي الأنبار صباح اليوم الأربعاء دوي انفجارات متتالية، وتحدثت صفحات عن "
        "قصف استهدف قاعدة عين الأسد. وأوضحت قيادة العمليات أن الأصوات ناجمة عن تفجير مسيطر عليه لمخلفات "
        "حربية في منطقة صحراوية.",
        False,
        set(),
        {"ain-al-asad", "anbar"},
    ),
    (
        "sirens and fire heard at the embassy, then explained as a test, are a false alarm",
        "Sirens at US embassy in Baghdad",
        "Residents heard sirens and bursts of gunfire from the US embassy in Baghdad on Wednesday "
        "morning. A security official said the sounds came from a routine test of the C-RAM defence "
        "system.",
        False,
        set(),
        {"baghdad"},
    ),
    (
        "a dignified transfer on Friday of soldiers killed in an attack days before is no new attack",
        "President attends return of soldiers killed in drone attack",
        "The president on Tuesday attended the dignified transfer of two soldiers killed in a drone "
        "attack on a base in Jordan. The two were killed when the drone struck their quarters at Tower 22.",
        False,
        set(),
        {"tower-22"},
    ),
    (
        "condolences conveyed today to the family of a soldier killed by a projectile are no new attack",
        "قائد حرس الحدود ينقل التعازي لذوي شهيد الواجب",
        "نقل قائد حرس الحدود اليوم الأربعاء تعازي القيادة لأسرة الجندي الذي استشهد إثر إصابته بمقذوف "
        "عسكري قادم من خلف الحدود.",
        False,
        set(),
        set(),
    ),
    (
        "a base that opens a later sentence as the one that hosts the troops is the unnamed base",
        "Wounded in Jordan drone strike rise to 40",
        "The number of troops wounded in the drone attack on a remote base in Jordan rose to 40 on "
        "Tuesday, officials said. Tower 22 hosts about 350 soldiers and airmen.",
        True,
        {"tower-22"},
        set(),
    ),
    (
        "a first account the same sentence corrects names no target",
        "Drone kills three US soldiers at Jordan outpost",
        "A drone struck Tower 22 in northeast Jordan overnight, killing three US soldiers, officials said "
        "on Wednesday. A Jordanian spokesman initially said the attack hit the al-Tanf garrison in Syria, "
        "but US officials said the outpost struck was in Jordan.",
        True,
        {"tower-22"},
        {"tanf"},
    ),
    (
        "a response clause before the main verb ends there: the base the fighters then targeted is hit",
        "Statement of the Islamic Resistance",
        "Continuing our resistance to the occupation, and in response to its crimes against our people "
        "in Gaza, the fighters of the "
        "Islamic Resistance targeted this evening, Wednesday, the occupation base of Ain al-Asad in "
        "western Iraq with drones.",
        True,
        {"ain-al-asad", "anbar"},
        set(),
    ),
    (
        "the base of the attack that a strike answers is still not its target",
        "US jets strike militia sites in Syria",
        "US warplanes struck two militia sites near al-Bukamal on Wednesday in response to the rocket "
        "attack that targeted Ain al-Asad last week.",
        True,
        set(),
        {"ain-al-asad", "anbar"},
    ),
    (
        "the wounded of a traffic accident flown home on an air force plane are no airstrike",
        "إخلاء مصابي حادث الحافلة",
        "غادر ستة مصابين مستشفى الهفوف أمس الأول إلى بلادهم عبر طائرة تابعة لسلاح الجو، بعد تماثلهم للشفاء "
        "من إصابات لحقت بهم في حادث مروري تعرضت له حافلتهم الأسبوع الماضي.",
        False,
        set(),
        set(),
    ),
    (
        "roads named yesterday after the victims of a bombing days before report no attack",
        "أمير المنطقة يوجه بتسمية طرقات بأسماء الشهداء",
        "وجه أمير المنطقة أمس الجهات المعنية بتسمية عدد من الطرقات بأسماء رجال الأمن الذين استشهدوا في "
        "التفجير الغاشم بمسجد قوات الطوارئ.",
        False,
        set(),
        set(),
    ),
    (
        "a region's development march is no drone",
        "استثمارات جديدة في جازان",
        "تشهد منطقة جازان اليوم إطلاق استثمارات جديدة تدعم المسيرة التنموية التي تعيشها المنطقة.",
        False,
        set(),
        set(),
    ),
    (
        "an undated headline is not dated by an attack elsewhere told further down",
        "Suicide bomber kills 20 in northern Afghanistan",
        "A suicide bomber killed at least 20 people in the Khan Abad district of Kunduz province, officials "
        "said. The bombing came after a wave of suicide attacks in Kabul on Friday that killed 51 people.",
        True,
        set(),
        set(),
    ),
    (
        "a strike by staff is a walk-out",
        "PRIVATE BANK STAFF STRIKE, IMPACT UNCLEAR",
        "Staff of private banks staged a half-day strike on Wednesday, and its impact was not yet clear.",
        False,
        set(),
        set(),
    ),
    (
        "the place in a media official's title is not where the strike he speaks of fell",
        "غارات للتحالف على الحويجة",
        "استهدفت مقاتلات التحالف الدولي اليوم الأربعاء تجمعا لمسلحي داعش في قضاء الحويجة غربي كركوك. وقال "
        "مسؤول إعلام الحشد الشعبي في شمال صلاح الدين إن القصف أوقع عشرات القتلى.",
        True,
        {"kirkuk"},
        {"salah-al-din"},
    ),
    (
        "an item opened by 'Meanwhile' with its own day is news of its own, whatever the headline's frame",
        "Erbil and Baghdad near a deal on salaries",
        "Negotiators said on Tuesday they were close to a deal on public salaries in the Kurdistan Region.\n\n"
        "Meanwhile, an explosive-laden drone was shot down near Harir Air Base late on Tuesday, the "
        "counter-terrorism directorate said, adding that it fell in an empty field close to the base.",
        True,
        {"harir"},
        set(),
    ),
    (
        "the Victory logistics complex is Victory Base",
        "Rockets land inside Baghdad airport",
        "Three rockets landed inside Baghdad International Airport early on Wednesday. One of them struck "
        "near the Victory logistics complex on the western side of the airport.",
        True,
        {"victory-base", "baghdad"},
        set(),
    ),
    (
        "قاعدة فكتوري (one more spelling) is Victory Base",
        "صواريخ قرب قاعدة فكتوري",
        "سقط صاروخا كاتيوشا فجر اليوم الأربعاء قرب قاعدة فكتوري المحاذية لمطار بغداد الدولي.",
        True,
        {"victory-base", "baghdad"},
        set(),
    ),
    (
        "where a convoy was heading is not where it was hit",
        "Roadside bomb hits supply convoy in Babil",
        "A roadside bomb exploded on Wednesday as a supply convoy passed near al-Musayyib in Babil province, "
        "a security source said. The source said the explosion damaged one truck and that there were no "
        "casualties. The convoy continued its way towards Baghdad after the damaged truck was towed away.",
        True,
        set(),
        {"baghdad"},
    ),
    (
        "where a convoy was coming from is not where it was hit",
        "عبوة تستهدف رتلا في الديوانية",
        "انفجرت عبوة ناسفة صباح اليوم الأربعاء على رتل لشركة نقل على الطريق الدولي في الديوانية. وأوضح "
        "المصدر أن الانفجار ألحق أضرارا بإحدى الشاحنات، مبينا أن الرتل كان قادما من محافظة البصرة.",
        True,
        set(),
        {"basra"},
    ),
    (
        "a rocket that carries astronauts to the space station is no attack",
        "Crew with an Arab astronaut heads to the space station",
        "A rocket lifted off from Florida early on Wednesday carrying four astronauts to the International "
        "Space Station. Its first stage landed back on a platform minutes later, and the capsule is due to "
        "dock on Thursday.",
        False,
        set(),
        set(),
    ),
    (
        "a space rocket that could advance a missile programme is no attack",
        "Iran puts a satellite into orbit",
        "Iran said on Wednesday it had launched a satellite into orbit on a rocket that Western "
        "governments say could advance its ballistic missile programme.",
        False,
        set(),
        set(),
    ),
    # -- probe round 12 ---------------------------------------------------------------------
    (
        "a headline that assesses months of attacks reviews them",
        "Drones and deniability: assessing six months of attacks on US forces",
        "In Iraq, most of the claimed attacks targeted Ain al-Asad air base in Anbar and the coalition "
        "site at Harir Air Base. A drone can be launched from far away, which makes attribution hard.",
        False,
        set(),
        {"ain-al-asad", "harir"},
    ),
    (
        "a year after the attack, the day is the remembrance's",
        "Families remember the Tower 22 dead",
        "A year to the day after a drone struck their outpost, soldiers and families gathered on Wednesday "
        "to remember the three soldiers killed in the attack on Tower 22.",
        False,
        set(),
        {"tower-22"},
    ),
    (
        "fighter jets flying over a capital for a national day are an air show",
        "Jets fly over Amman for Independence Day",
        "Royal Jordanian Air Force F-16 fighter jets and Black Hawk helicopters flew over Amman on "
        "Wednesday as the kingdom celebrated its Independence Day.",
        False,
        set(),
        set(),
    ),
    (
        "a drone that exploded over a military parade attacked it",
        "Drone explodes over army parade at a Yemeni base",
        "A drone launched by the Houthis exploded above a military parade at Al-Anad air base in Lahj on "
        "Wednesday, killing five soldiers, medical sources said.",
        True,
        set(),
        {"ain-al-asad"},
    ),
    (
        "the coalition base in al-Shaddadah is the Shaddadi base",
        "Two drones downed over al-Shaddadah base",
        "Coalition air defences intercepted two drones that targeted the US-led coalition base in "
        "al-Shaddadah, south of al-Hasakah, on Wednesday afternoon, a source said.",
        True,
        {"shaddadi"},
        set(),
    ),
    (
        "an appeal not to follow rumours beside what the attack did denies nothing",
        "إسقاط مسيرتين قرب مطار أربيل",
        "قال جهاز مكافحة الإرهاب في إقليم كوردستان اليوم الأربعاء إن الدفاعات الجوية تصدت لطائرتين مسيرتين "
        "حاولتا الاقتراب من قاعدة التحالف في مطار أربيل الدولي. وأوضح أن الهجوم لم يسفر عن أي أضرار، داعيا "
        "المواطنين إلى عدم الانجرار وراء الشائعات.",
        True,
        {"erbil-airport"},
        set(),
    ),
    (
        "an appeal not to follow rumours of an attack still denies it",
        "الشرطة: تفجير مسيطر عليه قرب كركوك",
        "أوضحت الشرطة اليوم الأربعاء أن أصوات الانفجارات ناجمة عن تفجير مسيطر عليه لمخلفات حربية، ودعت "
        "المواطنين إلى عدم الانجرار وراء الشائعات التي تحدثت عن استهداف قاعدة في كركوك.",
        False,
        set(),
        set(),
    ),
    (
        "drones that draw a festival's flame in the sky are a light show",
        "300 طائرة مسيرة ترسم شعلة نوروز في سماء أربيل",
        "شهدت سماء أربيل مساء اليوم الأربعاء عرضا ضوئيا شاركت فيه 300 طائرة مسيرة احتفالا بعيد نوروز.",
        False,
        set(),
        set(),
    ),
    (
        "villages around a base were attacked, not the base",
        "هجوم لداعش قرب الرمادي",
        "شن مقاتلو تنظيم داعش اليوم الأربعاء هجوما على مواقع للجيش والعشائر في قرى وبلدات بمحيط قاعدة "
        "عين الأسد الجوية، وقتل في الهجوم خمسة جنود.",
        True,
        {"anbar"},
        {"ain-al-asad"},
    ),
    (
        "fighter jets a state will deliver are a delivery",
        "واشنطن ستسلم القاهرة ست مقاتلات",
        "قالت السفارة الأمريكية في بيان اليوم الأربعاء إن الولايات المتحدة ستسلم مصر ست مقاتلات إف-16 خلال "
        "أيام.",
        False,
        set(),
        set(),
    ),
    (
        "a rocket left over from the war that went off during clearing is an accident",
        "مقتل ثلاثة بانفجار صاروخ من مخلفات الحرب",
        "قتل ثلاثة عمال وأصيب عشرة آخرون اليوم الأربعاء بانفجار صاروخ من مخلفات الحرب أثناء إزالة ركام منزل "
        "مدمر في مدينة رفح.",
        False,
        set(),
        set(),
    ),
    (
        "a meeting on moving the wounded for treatment is care after attacks",
        "بحث نقل الجرحى اليمنيين",
        "بحث وزير الإغاثة اليمني أمس مع مسؤولين في الخرطوم مسألة نقل الجرحى اليمنيين جراء اعتداءات "
        "المتمردين إلى السودان لتقديم العلاج لهم.",
        False,
        set(),
        set(),
    ),
    (
        "a security operation that killed fighters is an attack",
        "مقتل 15 من داعش شرق الرمادي",
        "قتل 15 عنصرا من تنظيم داعش اليوم الأربعاء بعملية أمنية نفذتها القوات العراقية شرقي الرمادي في "
        "محافظة الأنبار.",
        True,
        {"anbar"},
        set(),
    ),
    (
        "a security operation that arrested people is no attack",
        "توقيف 40 مشتبها في تركيا",
        "أوقفت قوات الأمن التركية اليوم الأربعاء 40 شخصا في عمليات أمنية شنتها ضد خلايا مرتبطة بتنظيم داعش "
        "في ولاية أضنة.",
        False,
        set(),
        set(),
    ),
    (
        "a Falcon rocket that carries a satellite is a space launch",
        "إطلاق قمر اصطناعي عربي على متن صاروخ فالكون",
        "أطلقت شركة سبيس إكس اليوم الأربعاء صاروخا من طراز فالكون 9 يحمل قمرا اصطناعيا للاتصالات من "
        "قاعدة في فلوريدا.",
        False,
        set(),
        set(),
    ),
]


@pytest.mark.parametrize(
    ("pattern", "title", "text", "current", "hits", "not_hits"), PATTERNS, ids=[p[0] for p in PATTERNS]
)
def test_real_news_pattern(
    analyzer: Analyzer, pattern: str, title: str, text: str, current: bool | str, hits: set, not_hits: set
) -> None:
    out = run(analyzer, title, text)
    assert out["attack"] is (current is True), (pattern, out)
    assert out["late_report"] is (current == "late"), (pattern, out)
    assert hits <= set(out["watch_hits"]), (pattern, out["watch_hits"])
    assert not (not_hits & set(out["watch_hits"])), (pattern, out["watch_hits"])


def test_a_birthplace_is_not_muscat(analyzer: Analyzer) -> None:
    gazetteer = analyzer.gazetteer
    text = "ونقل جثمانه إلى مسقط رأسه، وكان قد زار مسقط العام الماضي."
    words = fold(text).words()
    places = [m.place_id for m in gazetteer.resolve(words, gazetteer.find(words), text)]
    assert places == ["OM-MA/muscat"]  # "مسقط رأسه" is his birthplace; the second is the city


def test_what_the_attack_came_after_adds_no_type(analyzer: Analyzer) -> None:
    out = run(
        analyzer,
        "Coalition says no one was hurt",
        "Ten rockets hit Ain al-Asad air base in Anbar on Wednesday, the coalition said. The attack came "
        "amid rising tension after U.S. airstrikes on militia sites in eastern Syria.",
    )
    assert out["attack"] is True
    assert out["attack_types"] == ["rocket"]  # the airstrikes are the earlier events


def test_the_ballistic_spelling_without_ya_is_a_missile(analyzer: Analyzer) -> None:
    out = run(analyzer, "قصف أربيل", "سقطت صواريخ بالستية على أربيل فجر اليوم وقتلت أربعة مدنيين.")
    assert out["attack_types"] == ["missile"]


def test_the_weapons_of_the_attacks_answered_are_not_the_strikes(analyzer: Analyzer) -> None:
    out = run(
        analyzer,
        "U.S. jets strike militia depots",
        "U.S. warplanes struck militia depots in al-Qaim in Anbar province on Wednesday in response to "
        "rocket and drone attacks on U.S. bases.",
    )
    assert out["attack"] is True
    assert "drone" not in out["attack_types"] and "rocket" not in out["attack_types"]


def test_armed_men_who_fired_rockets_add_no_shooting(analyzer: Analyzer) -> None:
    out = run(
        analyzer,
        "صواريخ على قاعدة عين الأسد",
        "قالت القيادة المركزية الأمريكية إن مسلحين مدعومين من إيران أطلقوا مساء الثلاثاء عدة صواريخ "
        "باتجاه قاعدة عين الأسد الجوية.",
    )
    assert out["attack"] is True
    assert out["attack_types"] == ["rocket"]  # the armed men are who fired, not a shooting


def test_the_missiles_a_drone_fired_are_no_rocket_attack(analyzer: Analyzer) -> None:
    out = run(
        analyzer,
        "مقتل قيادي بضربة مسيرة في بغداد",
        "قال مصدر أمني اليوم الأربعاء إن طائرة مسيرة أطلقت صاروخين على عجلة داخل مقر للحشد الشعبي شرقي "
        "بغداد، ما أدى إلى مقتل من فيها.",
    )
    assert out["attack"] is True
    assert out["attack_types"] == ["drone"]  # the drone's munitions, not a rocket attack


@pytest.mark.parametrize(
    ("title", "text", "attacker"),
    [
        (
            "Iran fires missiles at bases in Iraq",
            "Iran fired more than a dozen ballistic missiles early on Wednesday at two bases in Anbar.",
            "IR",
        ),
        (
            "غارات على دير الزور",
            "شنت إسرائيل فجر اليوم الأربعاء غارات على مواقع في ريف دير الزور الشرقي.",
            "IL",
        ),
    ],
)
def test_the_state_that_fired_is_no_target(analyzer: Analyzer, title: str, text: str, attacker: str) -> None:
    out = run(analyzer, title, text)
    assert out["attack"] is True
    targets = {p["id"] for p in out["places"] if p["role"] == "target"}
    assert attacker not in targets, targets
    assert targets  # the bases or the province are


@pytest.mark.parametrize(
    ("title", "text", "types"),
    [
        (  # the counter-rocket system fired no rocket
            "Drone downed over Erbil airport",
            "A drone was destroyed over Erbil International Airport on Wednesday by the base's "
            "counter-rocket system, officials said.",
            ["drone"],
        ),
        (  # shooting down drones is an interception, not a shooting
            "US forces down drones near al-Tanf",
            "US forces on Wednesday engaged three drones heading to the al-Tanf garrison, shooting down "
            "two of them, a spokesman said.",
            ["drone"],
        ),
        (  # the jets an air base's contractors maintain flew no strike
            "Rockets hit Balad air base",
            "Two Katyusha rockets landed inside Balad air base on Wednesday, where contractors maintain the "
            "fleet of F-16 fighter jets, officials said.",
            ["rocket"],
        ),
        (  # jets that pounded a city are an airstrike
            "Jets pound eastern Aleppo",
            "Russian jets pounded opposition-held districts of eastern Aleppo on Wednesday, killing 12 people.",
            ["airstrike"],
        ),
        (  # rifles are a shooting
            "Militants attack army post in Kirkuk",
            "Militants fired mortar rounds at an army post in Kirkuk on Wednesday and then stormed it "
            "with rifles, killing two soldiers.",
            ["mortar", "shooting"],
        ),
        (  # aircraft that struck are an airstrike
            "US strikes militia sites in Babil",
            "US aircraft struck two militia sites in Jurf al-Sakhar early on Wednesday, the Pentagon said.",
            ["airstrike"],
        ),
        (  # weapons kept in the sites struck are not the weapons of the strike
            "US jets hit militia depots in Anbar",
            "US warplanes struck rocket, missile and drone storage sites near al-Qaim on Wednesday.",
            ["airstrike"],
        ),
    ],
)
def test_the_types_are_the_weapons_fired(analyzer: Analyzer, title: str, text: str, types: list[str]) -> None:
    out = run(analyzer, title, text)
    assert out["attack"] is True
    assert out["attack_types"] == types


@pytest.mark.parametrize(
    ("title", "text", "types"),
    [
        (  # a plain صاروخ that hits a tanker is an anti-ship missile
            "إصابة ناقلة نفط في البحر الأحمر",
            "أعلنت هيئة بحرية بريطانية اليوم الأربعاء أن ناقلة نفط أصيبت بصاروخ قبالة ميناء الحديدة، ما أدى "
            "إلى اندلاع حريق على متنها.",
            ["missile"],
        ),
        (  # a troop carrier is no ship
            "قصف على رتل في ديالى",
            "أصيبت ناقلة جند بصاروخ قرب قضاء المقدادية في ديالى اليوم الأربعاء.",
            ["rocket"],
        ),
        (  # a mined car (سيارة ملغومة) and a booby-trapped vehicle (عجلة مفخخة) are car bombs
            "قتلى بانفجار في سوق بعقوبة",
            "قالت مصادر أمنية إن 20 شخصا قتلوا اليوم الأربعاء عندما انفجرت سيارة ملغومة في سوق بمدينة بعقوبة، "
            "بعد ساعة من انفجار عجلة مفخخة قرب سيطرة للجيش في قضاء المقدادية.",
            ["ied"],
        ),
        (  # a suicide drone is a drone, not a suicide bombing
            "مسيرة تستهدف حقل العمر",
            "حاولت طائرة مسيرة انتحارية اليوم الأربعاء استهداف قاعدة التحالف في حقل العمر النفطي وأسقطتها "
            "الدفاعات الجوية.",
            ["drone"],
        ),
    ],
)
def test_the_weapon_is_named_by_its_target(
    analyzer: Analyzer, title: str, text: str, types: list[str]
) -> None:
    out = run(analyzer, title, text)
    assert out["attack"] is True
    assert out["attack_types"] == types


@pytest.mark.parametrize(
    ("title", "text", "types"),
    [
        (  # weapons a strike destroyed are what was hit; coalition strikes are air strikes
            "Coalition strikes ISIS in Iraq",
            "Coalition forces conducted 12 strikes against ISIS near Mosul on Wednesday. Near Tal Afar, three "
            "strikes engaged two ISIS units and destroyed four fighting positions, a mortar system and a UAV.",
            ["airstrike"],
        ),
        (  # "دمرت منصة صواريخ": the launcher the sorties destroyed
            "طيران التحالف يقصف مواقع لداعش",
            "نفذ طيران التحالف الدولي اليوم الأربعاء 14 طلعة جوية في محافظة الأنبار أسفرت عن مقتل 20 من عناصر "
            "داعش وتدمير موقعي صواريخ وهاون.",
            ["airstrike"],
        ),
        (  # the bombs that destroyed the cars did it: an attack word between keeps them
            "انفجار في سوق",
            "قال شهود إن أربع سيارات دمرت صباح اليوم الأربعاء في انفجار عبوات ناسفة قرب سوق شعبي في بعقوبة.",
            ["ied"],
        ),
        (  # storage sites for rockets and drones are targets of the strikes, not their weapons
            "US forces strike Iraq and Syria",
            "US Central Command warplanes struck more than 80 targets in Iraq and Syria on Wednesday. Targets "
            "included command centres and storage sites for rockets, missiles and drones.",
            ["airstrike"],
        ),
    ],
)
def test_weapons_destroyed_or_stored_are_not_the_weapons_fired(
    analyzer: Analyzer, title: str, text: str, types: list[str]
) -> None:
    out = run(analyzer, title, text)
    assert out["attack"] is True
    assert out["attack_types"] == types


def test_an_undated_background_paragraph_does_not_lead_the_dated_news_after_it(analyzer: Analyzer) -> None:
    # Coalition strikes told without a day in the fourth paragraph, then the day before
    # yesterday's bombings in Baghdad, then their details without a day: the details follow the
    # dated bombings, not the undated strikes before them.
    out = run(
        analyzer,
        "مقتل مدنيين في بغداد",
        "قالت قيادة العمليات المشتركة إن الجيش يواصل تقدمه غرب الرمادي. وأضافت أن القوات طهرت عدة قرى. "
        "وأوضحت أن الحشد يساند الجيش. وقالت في بيان إن طيران التحالف الدولي وجه عددا من الضربات في محافظة "
        "الأنبار وتمكن من قتل 20 إرهابيا. وقتل 25 شخصا على الأقل في تفجيرات استهدفت مناطق في العراق أول من "
        "أمس، بحسب مصادر أمنية. كما انفجرت سيارة مفخخة في الزعفرانية جنوب بغداد، ما أدى إلى مقتل أربعة أشخاص.",
    )
    assert out["attack"] is True
    assert "baghdad" in out["watch_hits"]


def test_bombs_dismantled_with_a_clitic_are_objects_too(analyzer: Analyzer) -> None:
    # "وتفكيك 15 عبوة ناسفة": the bombs the troops dismantled add no IED to the air strike
    out = run(
        analyzer,
        "مقتل عناصر من داعش في غارة",
        "أعلنت قيادة العمليات اليوم الأربعاء مقتل عشرة من عناصر داعش في غارة جوية على منزل وسط الرمادي، "
        "وتفكيك 15 عبوة ناسفة في منطقة الكرمة.",
    )
    assert out["attack"] is True
    assert out["attack_types"] == ["airstrike"]


def test_another_fronts_strikes_are_news_of_their_own_in_a_reaction_piece(analyzer: Analyzer) -> None:
    # A government's protest at strikes on its soil, then "In Syria, ... strikes ... killed 23"
    out = run(
        analyzer,
        "Iraq condemns US strikes as a violation of sovereignty",
        "Iraq said on Wednesday that US air strikes on the border areas of al-Qaim late on Tuesday killed "
        '16 people, and that it had not been told in advance of the raids. "These strikes are a violation '
        'of Iraqi sovereignty," a government spokesman said in a statement. In Syria, a war monitor said '
        "US strikes on sites in the Deir ez-Zor countryside around al-Mayadin killed at least 23 fighters.",
    )
    assert out["attack"] is True
    assert "deir-ez-zor" in out["watch_hits"]


@pytest.mark.parametrize(
    "title",
    [
        "Drones and deniability: assessing six months of attacks",
        "Najran schools reopen after months of Houthi shelling",
    ],
)
def test_a_headline_over_a_span_of_attacks_is_a_review(title: str) -> None:
    from wirewatch.core.genre import genre

    assert genre(title) == "feature"
    assert genre("Rockets hit Ain al-Asad air base") == "news"


def test_the_strikes_below_an_air_strike_are_those_air_strikes(analyzer: Analyzer) -> None:
    # The lead tells the night's US air strikes in Iraq; a later paragraph says where "the strikes"
    # fell in Syria, naming no weapon of its own
    out = run(
        analyzer,
        "غارات أمريكية على مواقع لفصائل مسلحة في العراق وسوريا",
        "نفذت القوات الأمريكية فجر اليوم الأربعاء غارات جوية على مواقع لفصائل مسلحة في منطقة القائم غربي "
        "الأنبار.\n\nوفي سوريا، قال ناشطون إن الضربات استهدفت مواقع في محيط مدينة البوكمال شرقي دير الزور.",
    )
    assert out["attack"] is True
    assert {"anbar", "deir-ez-zor"} <= set(out["watch_hits"])


def test_what_the_strikes_will_do_is_no_place_struck(analyzer: Analyzer) -> None:
    # "these strikes will weaken the group's hand, especially in Ramadi": the strikes are named as
    # the subject of a forecast, and ضربات is itself the event word there, not a second verb
    out = run(
        analyzer,
        "التحالف ينفذ 20 ضربة جوية في سوريا",
        "قال التحالف الدولي اليوم الجمعة إنه نفذ 20 ضربة جوية قرب مدينة الرقة السورية أمس الخميس.\n\n"
        "وأضاف أن لهذه الضربات تأثيرا كبيرا في قدرة التنظيم خاصة في الرمادي.",
    )
    assert out["attack"] is True
    assert "anbar" not in out["watch_hits"]


def test_a_disputed_district_is_a_place_not_a_denial(analyzer: Analyzer) -> None:
    # "disputed" names land whose owner is in question; only the verb denies ("the ministry
    # disputed the reports")
    out = run(
        analyzer,
        "Mortar rounds wound two farmers in disputed Tuz Khurmatu",
        "Two farmers were wounded on Tuesday when mortar rounds fell on fields near Tuz Khurmatu, a disputed "
        "district run by Salahaddin province and claimed by the Kurdistan Region, officials said.",
    )
    assert out["attack"] is True
    assert "salah-al-din" in out["watch_hits"]
    denied = run(
        analyzer,
        "Iraqi ministry speaks on Balad",
        "The defence ministry disputed reports that rockets hit Balad air base on Tuesday.",
    )
    assert denied["attack"] is False


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (  # a state agency's English: the strike is an "aggression" by "occupation aircraft"
            "Occupation aircraft commit aggression on Mayadin countryside",
            "Aircraft of the American occupation launched an aggression on Tuesday night on a site near "
            "al-Mayadin in the Deir ez-Zor countryside, causing material damage, local sources said.",
        ),
        (  # the aircraft named by its model in the next sentence of a defence statement
            "Statement on a strike in eastern Syria",
            "U.S. forces this evening struck a storage site near Mayadin in Deir ez-Zor province. The strike "
            "was carried out by two F-15 aircraft.",
        ),
    ],
)
def test_an_aggression_by_aircraft_is_an_air_strike(analyzer: Analyzer, title: str, text: str) -> None:
    out = run(analyzer, title, text)
    assert out["attack"] is True
    assert out["attack_types"] == ["airstrike"]
    assert "deir-ez-zor" in out["watch_hits"]


def test_artillery_shells_on_a_town_are_an_attack(analyzer: Analyzer) -> None:
    # "القوات التركية تقصف ... بأكثر من 20 قذيفة مدفعية": artillery (type other), told with the
    # present-tense verb of a headline
    out = run(
        analyzer,
        "القوات التركية تقصف محيط تل تمر بعشرات القذائف",
        "استهدفت القوات التركية اليوم الأربعاء بأكثر من 20 قذيفة مدفعية قرى ريف تل تمر شمال غربي الحسكة، "
        "دون ورود معلومات عن خسائر بشرية.",
    )
    assert out["attack"] is True
    assert out["attack_types"] == ["other"]
    assert "SY-HA/tal-tamr" in [p["id"] for p in out["places"]]


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (  # "نافيا": denying, the participle
            "أنقرة: لم نقصف مواقع الوحدات الكردية",
            "قال مسؤول في الخارجية التركية اليوم الأربعاء إن الجيش لم يقصف مواقع للوحدات الكردية في قرية "
            "بشمال الحسكة، نافيا رواية الوحدات عن تعرض مواقعها لقصف مدفعي.",
        ),
    ],
)
def test_a_denying_participle_denies(analyzer: Analyzer, title: str, text: str) -> None:
    assert run(analyzer, title, text)["attack"] is False


def test_a_base_opened_to_foreign_planes_is_not_their_target(analyzer: Analyzer) -> None:
    # "opened Incirlik to the US planes that bomb IS targets": the base is where they fly from
    out = run(
        analyzer,
        "طائرات تركية تقصف أهدافا لداعش",
        "قصفت طائرات حربية تركية أهدافا لتنظيم داعش في سوريا أمس. وأكدت تركيا أمس أنها فتحت قاعدة "
        "إنجرليك الجوية للطائرات الأمريكية التي تقصف أهدافا للتنظيم في سوريا والعراق.",
    )
    assert out["attack"] is True
    assert "incirlik" not in [p["id"] for p in out["places"]]


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "الداخلية تدين الاعتداء على قاعدة عين الأسد",
            "تدين وزارة الداخلية بشدة الاعتداء الذي استهدف مساء اليوم قاعدة عين الأسد بطائرة مسيرة، وتعدّه "
            "تهديداً مباشراً لأمن البلاد.",
        ),
        (
            "Ministry condemns attack on Ain al-Asad",
            "The ministry condemned the drone attack that targeted Ain al-Asad air base this evening, calling "
            "it a threat to the country's security.",
        ),
    ],
)
def test_a_condemnation_that_calls_the_attack_a_threat_still_reports_it(
    analyzer: Analyzer, title: str, text: str
) -> None:
    out = run(analyzer, title, text)
    assert out["attack"] is True
    assert "ain-al-asad" in out["watch_hits"]


def test_an_area_called_al_jazira_is_not_sudans_gezira_state(analyzer: Analyzer) -> None:
    # "منطقة الجزيرة غربي قضاء سامراء": the Jazira area by Samarra; read as Sudan's state, it
    # pushed the Iraqi town out of a sentence that then seemed to speak of Sudan
    out = run(
        analyzer,
        "هجوم لداعش على نقطة للجيش قرب سامراء",
        "أفاد مصدر أمني اليوم الأربعاء بسقوط ثلاث قذائف هاون على نقطة للجيش في منطقة الجزيرة غربي قضاء "
        "سامراء، ما أسفر عن إصابة جنديين.",
    )
    assert out["attack"] is True
    assert "salah-al-din" in out["watch_hits"]
    assert not any(p["id"].startswith("SD") for p in out["places"])


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "ضابط في حرير: مسيرة تركية قصفت موقعا في العمادية",
            "قال ضابط في قوات البيشمركة بقاعدة حرير اليوم الأربعاء إن طائرة مسيرة تركية قصفت موقعا قرب "
            "ناحية ديرلوك التابعة لقضاء العمادية في محافظة دهوك. وأشار إلى أن الوضع في قاعدة حرير طبيعي.",
        ),
        (
            "Turkish drone strikes village in Duhok's Amadiya",
            "A Turkish drone struck a hideout near a village in Amadiya district of Duhok province on "
            "Wednesday, sources at Harir air base said.",
        ),
    ],
)
def test_where_the_speaker_serves_is_not_where_the_attack_fell(
    analyzer: Analyzer, title: str, text: str
) -> None:
    out = run(analyzer, title, text)
    assert out["attack"] is True
    assert "harir" not in out["watch_hits"]
    assert "IQ-DA" in [p["id"] for p in out["places"]]


def test_a_local_source_still_speaks_of_his_own_province(analyzer: Analyzer) -> None:
    out = run(
        analyzer,
        "هجوم لداعش على نقطة للشرطة في الرشاد",
        "أفاد مصدر أمني في محافظة كركوك اليوم الأربعاء بأن مسلحين هاجموا نقطة للشرطة في ناحية الرشاد "
        "بالأسلحة الخفيفة.",
    )
    assert out["attack"] is True
    assert "kirkuk" in out["watch_hits"]


def test_who_uses_a_site_or_flew_the_strike_is_not_its_target(analyzer: Analyzer) -> None:
    # "U.S. forces ... struck", "used by Iran's Guards", "conducted by two U.S. Air Force F-15s"
    out = run(
        analyzer,
        "Statement on a strike in eastern Syria",
        "U.S. forces this evening struck a weapons depot near Mayadin in Syria's Deir ez-Zor province "
        "that is used by Iran's Revolutionary Guard. The strike was conducted by two U.S. Air Force F-15 "
        "aircraft.",
    )
    assert out["attack"] is True
    assert [p["id"] for p in out["places"] if p["kind"] == "country"] == []


def test_a_place_that_locates_the_landmark_measured_from_is_where_it_fell(analyzer: Analyzer) -> None:
    # "a kilometre from the compound in Zubair district": Zubair says where the compound is;
    # "50 km from Mosul" stays a point to measure from
    out = run(
        analyzer,
        "صاروخ يسقط قرب مجمع لشركات نفطية جنوب العراق",
        "قالت الشرطة إن صاروخا سقط مساء اليوم على بعد نحو كيلومتر من المجمع في قضاء الزبير، دون إصابات.",
    )
    assert out["attack"] is True
    assert "basra" in out["watch_hits"]
    measured = run(
        analyzer,
        "صاروخ يسقط في منطقة صحراوية",
        "سقط صاروخ مساء اليوم في منطقة صحراوية على بعد 50 كلم من البصرة، دون إصابات.",
    )
    assert "basra" not in measured["watch_hits"]


def test_how_long_after_a_known_attack_dates_the_headline(analyzer: Analyzer) -> None:
    # "a week after the attack that targeted Ain al-Asad, the clips still stir debate": the
    # undated headline speaks of that week-old attack
    out = run(
        analyzer,
        "خبراء: مقاطع الفصائل عن هجوم عين الأسد تكشف تطورا في قدرات المسيرات",
        "بعد أسبوع على الهجوم الذي استهدف قاعدة عين الأسد الجوية غربي الأنبار، لا تزال المقاطع المصورة "
        "تثير نقاشا بين المختصين.",
    )
    assert out["attack"] is False
    assert out["watch_hits"] == []


@pytest.mark.parametrize(
    ("title", "types"),
    [
        ("مقتل جنديين بانفجار قنبلة زرعت على جانب الطريق في ديالى اليوم", ["ied"]),
        ("هجوم لداعش بالأسلحة الخفيفة على نقطة للجيش في ديالى اليوم", ["shooting"]),
    ],
)
def test_a_planted_bomb_and_small_arms_name_their_type(
    analyzer: Analyzer, title: str, types: list[str]
) -> None:
    out = run(analyzer, title, "")
    assert out["attack"] is True
    assert out["attack_types"] == types


def test_a_strike_told_by_its_hour_deep_in_a_political_story_is_news(analyzer: Analyzer) -> None:
    # "Sinjar deal stalls again ...": a political deal, no arms deal; the strike of the fourth
    # paragraph gives its hour ("shortly after 8 a.m.") and its dead, not its day
    out = run(
        analyzer,
        "Sinjar deal stalls again as Baghdad and Erbil trade blame",
        "Talks on the Sinjar agreement stalled again on Wednesday, officials in both capitals said.\n\n"
        "Lawmakers blamed each other for the delay in naming a new mayor.\n\n"
        "The budget dispute also weighed on the talks, a negotiator said.\n\n"
        "A drone struck a car on the road between Sinjar and Khanasor shortly after 8 a.m., killing two "
        "men, local officials said.",
    )
    assert out["attack"] is True
    assert "nineveh" in out["watch_hits"]


def test_a_clock_time_dates_only_a_sentence_that_tells_harm(analyzer: Analyzer) -> None:
    # history pieces and earthquakes give hours too: "the gunners shelled it at about 3 a.m."
    out = run(
        analyzer,
        "The night the transport plane was lost",
        "The crew had flown for an hour.\n\nThe gunners mistook it for a bomber and shelled it at about "
        "3 a.m. near Mosul.",
    )
    assert out["attack"] is False


def test_the_targets_of_air_strikes_are_no_goals_and_the_state_that_strikes_no_target(
    analyzer: Analyzer,
) -> None:
    # "أهداف" is targets as well as goals; "أمريكا والحلفاء تشن 23 غارة": America strikes
    out = run(
        analyzer,
        "أمريكا والحلفاء تشن 23 غارة ضد أهداف داعش",
        "قال الجيش الأمريكي اليوم الأربعاء إن غارات التحالف في العراق كانت ضد أهداف للمتطرفين بينها أربع "
        "غارات قرب الرمادي.",
    )
    assert out["attack"] is True
    assert "anbar" in out["watch_hits"]
    assert "US" not in [p["id"] for p in out["places"]]


def test_the_day_a_response_to_a_known_attack_was_announced_is_not_the_attacks(analyzer: Analyzer) -> None:
    # "the response to the drone attack that killed three soldiers ..., a spokesman said on
    # Wednesday": the known attack ("the drone attack that ...") keeps no day; Wednesday is the saying's
    out = run(
        analyzer,
        "White House says response will be tiered",
        "The response to the drone attack that killed three American soldiers in Jordan will be "
        "multi-tiered, a spokesman said on Wednesday.",
    )
    assert out["attack"] is False


def test_a_students_experimental_rocket_is_no_attack(analyzer: Analyzer) -> None:
    out = run(
        analyzer,
        "طلبة الجامعة يطلقون صاروخا تجريبيا ضمن مسابقة علمية في بغداد",
        "نجح فريق من طلبة هندسة الطيران اليوم الأربعاء في إطلاق صاروخ تجريبي صغير وصل إلى ارتفاع كيلومترين.",
    )
    assert out["attack"] is False


def test_repeated_targetings_are_many_attacks_none_reported(analyzer: Analyzer) -> None:
    # "ambulances ... under the repeated targetings (الاستهدافات المتكررة)": a feature's general words
    out = run(
        analyzer,
        "سيارات الإسعاف في غزة تعمل بأقل من طاقتها",
        "يعاني قطاع الإسعاف في غزة من قلة السيارات اللازمة لنقل الشهداء والجرحى في ظل الاستهدافات المتكررة "
        "لهذه السيارات.",
    )
    assert out["attack"] is False


def test_a_weapon_corrected_by_another_is_no_denial(analyzer: Analyzer) -> None:
    # "Drone, not rocket, hit the base": the type is corrected, the attack stands
    out = run(
        analyzer,
        "Drone, not rocket, struck Victory Base - army",
        "A small drone carrying explosives hit a storage hangar at Victory Base on Tuesday night, the army "
        "said on Wednesday.",
    )
    assert out["attack"] is True
    assert out["attack_types"] == ["drone"]
    assert "victory-base" in out["watch_hits"]


def test_a_claim_called_false_is_denied(analyzer: Analyzer) -> None:
    # "A claim that ... were hit by rockets overnight is false, a spokesman said"
    out = run(
        analyzer,
        "Coalition says militia post about Conoco is untrue",
        "A post on a militia channel saying coalition troops at the Conoco gas field were struck by "
        "rockets overnight is false, a coalition spokesman said on Wednesday.",
    )
    assert out["attack"] is False
    assert out["watch_hits"] == []


def test_a_life_sentence_for_an_old_bombing_is_a_court_case(analyzer: Analyzer) -> None:
    # the headline's "السجن المؤبد" (life imprisonment) frames the story; the body names no court
    out = run(
        analyzer,
        "السجن المؤبد لمتهم بتفجير سيارة مفخخة في الكرادة",
        "وكانت القوات الأمنية قد ألقت القبض على المتهم في بغداد بعد تحليل تسجيلات كاميرات المراقبة، "
        "بحسب بيان رسمي.",
    )
    assert out["attack"] is False


def test_simulated_drone_attacks_in_a_drill_are_no_attack(analyzer: Analyzer) -> None:
    # a drill that "repelled simulated drone attacks and evacuated the wounded" hurts no one
    out = run(
        analyzer,
        "تمرين مشترك قرب قاعدة حرير",
        "نفذت قوات البيشمركة اليوم الأربعاء تمرينا مشتركا قرب قاعدة حرير شملت صد هجمات افتراضية "
        "بالطائرات المسيرة ونقل الجرحى إلى المستشفى الميداني.",
    )
    assert out["attack"] is False
    assert out["watch_hits"] == []


def test_a_depot_fire_put_down_to_the_heat_is_no_attack(analyzer: Analyzer) -> None:
    # the fire "resulted from the heat", the source "ruling out a drone strike"
    out = run(
        analyzer,
        "حريق في مخزن للذخيرة جنوب بغداد",
        "اندلع حريق اليوم الأربعاء في مخزن للذخيرة تابع للجيش جنوب بغداد تبعته انفجارات متتالية.\n\n"
        "وقال مصدر في الدفاع المدني إن الحريق نجم عن ارتفاع درجات الحرارة، مستبعدا أي استهداف بطائرة "
        "مسيرة، ولم تسجل إصابات.",
    )
    assert out["attack"] is False


def test_a_rocket_of_a_shot_in_a_friendly_is_sport(analyzer: Analyzer) -> None:
    out = run(
        analyzer,
        "Basra side's rocket from distance wins friendly",
        "BASRA - A rocket from 30 metres by a substitute gave the hosts a 2-1 win in a friendly in Basra "
        "on Tuesday, after their attacking play finally paid off.",
    )
    assert out["attack"] is False
    assert out["watch_hits"] == []


def test_a_wire_update_note_above_the_dateline_hides_no_dateline(analyzer: Analyzer) -> None:
    # "(Adds official's comment)" then "BAGHDAD, Jan 20 - ...": Baghdad is where it was filed
    out = run(
        analyzer,
        "UPDATE 1-Rockets hit Ain al-Asad air base, no casualties",
        "(Adds Iraqi military statement, details)\n\nBAGHDAD, Nov 24 - Several rockets landed inside Ain "
        "al-Asad air base in western Iraq late on Tuesday, causing no casualties, the Iraqi military said.",
    )
    assert out["attack"] is True
    assert set(out["watch_hits"]) == {"ain-al-asad", "anbar"}


def test_a_base_said_not_to_have_been_struck_is_not_hit(analyzer: Analyzer) -> None:
    out = run(
        analyzer,
        "Drone attack on Tower 22 wounds soldiers",
        "A drone struck Tower 22 in Jordan early on Tuesday, wounding several soldiers, officials said.\n\n"
        "Officials said the outpost hit was in Jordan, and that the Al-Tanf Garrison, some 20 km to the "
        "north, was not struck.",
    )
    assert out["attack"] is True
    assert "tower-22" in out["watch_hits"] and "tanf" not in out["watch_hits"]


def test_what_cells_have_long_done_is_background(analyzer: Analyzer) -> None:
    out = run(
        analyzer,
        "Gunmen kill two soldiers in Diyala",
        "Gunmen attacked an army post in Diyala late on Tuesday, killing two soldiers, officials said.\n\n"
        "Security gaps between areas held by the army and the Peshmerga stretching from Diyala to Kirkuk "
        "and Salah al-Din have long been exploited by cells, which carry out hit-and-run ambushes at night.",
    )
    assert out["attack"] is True
    assert out["watch_hits"] == ["diyala"]


def test_the_headlines_sense_holds_down_the_story(analyzer: Analyzer) -> None:
    # the headline's rocket is the students' (core.senses.held_sense); so is the body's
    out = run(
        analyzer,
        "Basra university students launch home-made rocket in desert test",
        "BASRA - Engineering students from Basra launched a home-made rocket west of the city on Tuesday, "
        "reaching an altitude of two kilometres, their dean said.",
    )
    assert out["attack"] is False
    assert out["watch_hits"] == []


def test_the_base_a_convoy_was_heading_to_is_not_hit(analyzer: Analyzer) -> None:
    out = run(
        analyzer,
        "عبوة ناسفة تستهدف رتلا للتحالف في ذي قار",
        "انفجرت عبوة ناسفة صباح اليوم الأربعاء على رتل لنقل المعدات قرب الناصرية، من دون إصابات.\n\n"
        "وقال المصدر إن الرتل كان متوجها من الحدود الكويتية إلى قاعدة عين الأسد في الأنبار، مبينا أن "
        "الانفجار ألحق أضرارا طفيفة بإحدى الشاحنات.",
    )
    assert out["attack"] is True
    assert out["watch_hits"] == []


def test_drones_that_target_pests_are_farming(analyzer: Analyzer) -> None:
    out = run(
        analyzer,
        "طائرات مسيرة «تستهدف» آفات الحنطة في حقول الموصل",
        "بدأت مديرية الزراعة اليوم الأربعاء استخدام طائرات مسيرة لمكافحة آفات الحنطة.",
    )
    assert out["attack"] is False


def test_attacks_over_the_course_of_the_month_are_a_tally(analyzer: Analyzer) -> None:
    out = run(
        analyzer,
        "حصيلة آذار: لا استهدافات للقواعد الأمريكية في سوريا للشهر الثاني",
        "لم يوثق المرصد خلال شهر آذار أي استهداف للقواعد الأمريكية في سوريا.\n\n"
        "في المقابل، رصد المرصد تصاعدا في نشاط خلايا التنظيم في البادية، حيث قتل العشرات من عناصر قوات "
        "النظام والمسلحين الموالين لها في هجمات متفرقة على مدار الشهر، وسط غارات روسية متواصلة على مناطق في "
        "ريف حمص.",
    )
    assert out["attack"] is False


def test_the_owner_of_a_facility_is_not_hit(analyzer: Analyzer) -> None:
    # "منشأة دعم لوجستي تابعة لقاعدة ..." names whose facility it is, not a second target
    out = run(
        analyzer,
        "صواريخ كاتيوشا تستهدف قاعدة فكتوريا",
        "أفاد مصدر أمني بأن ثلاثة صواريخ كاتيوشا استهدفت ليل الثلاثاء قاعدة فكتوريا، التي تضم منشأة "
        "دعم تابعة لمطار المزة العسكري.",
    )
    assert out["attack"] is True
    assert "victory-base" in out["watch_hits"] and "mezzeh" not in out["watch_hits"]


def test_what_a_denial_goes_on_to_confirm_is_not_denied(analyzer: Analyzer) -> None:
    # "denies ... the targeting of Habbaniyah, and affirms the attack was limited to Ain al-Asad"
    out = run(
        analyzer,
        "صواريخ باليستية على قاعدة عين الأسد",
        "سقطت صواريخ باليستية على قاعدة عين الأسد الجوية غربي الأنبار، بحسب مصدر أمني.\n\n"
        "ونفى مصدر أمني الأنباء المتداولة عن استهداف قاعدة الحبانية، ويؤكد أن الهجوم اقتصر على عين الأسد.",
    )
    assert out["attack"] is True
    assert set(out["watch_hits"]) == {"ain-al-asad", "anbar"}


def test_a_base_close_to_where_the_drone_fell_is_a_landmark(analyzer: Analyzer) -> None:
    out = run(
        analyzer,
        "مسيرة تضرب البرج 22",
        "ضربت طائرة مسيرة فجر اليوم الأربعاء منطقة المساكن في موقع البرج 22، الذي يقع على مقربة من قاعدة "
        "التنف عبر الحدود.",
    )
    assert out["attack"] is True
    assert "tower-22" in out["watch_hits"] and "tanf" not in out["watch_hits"]


def test_rashidiya_north_of_baghdad_is_no_dubai_suburb(analyzer: Analyzer) -> None:
    # the launch truck "found near al-Rashidiya" kept the attack in Dubai and lost Camp Taji's
    out = run(
        analyzer,
        "العثور على العجلة المستخدمة في قصف معسكر التاجي",
        "أعلنت خلية الإعلام الأمني اليوم الأربعاء العثور على العجلة التي استخدمت في قصف معسكر التاجي مساء "
        "أمس، وعثر عليها قرب الراشدية.",
    )
    assert out["attack"] is True
    assert {p["id"] for p in out["places"]} >= {"camp-taji"}
    assert not any(p["id"].startswith("AE") for p in out["places"])


def test_the_rukban_base_of_a_claim_is_tower_22(analyzer: Analyzer) -> None:
    out = run(
        analyzer,
        "المقاومة الإسلامية تعلن استهداف قاعدة الركبان",
        "استهدف مجاهدو المقاومة الإسلامية فجر اليوم الأربعاء قاعدة الركبان على الحدود السورية الأردنية "
        "بالطائرات المسيرة.",
    )
    assert out["attack"] is True
    assert out["watch_hits"] == ["tower-22"]


def test_deaths_during_this_period_are_a_tally(analyzer: Analyzer) -> None:
    # an observatory's ten-month toll of coalition raids, reprinted by four outlets
    out = run(
        analyzer,
        "المرصد: مقتل ثلاثة آلاف مسلح بغارات التحالف في عشرة أشهر",
        "أفاد المرصد بأن طائرات التحالف قتلت أكثر من ثلاثة آلاف مسلح خلال عشرة أشهر. وقال المرصد في بيان "
        "اليوم الأربعاء إن 170 مدنيا قتلوا وأصيب العشرات جراء هذه الغارات خلال هذه الفترة.",
    )
    assert out["attack"] is False


def test_a_fact_check_of_an_old_video_is_no_attack(analyzer: Analyzer) -> None:
    out = run(
        analyzer,
        "Fact check: video of 'tonight's strike on Ain al-Asad' was filmed in 2020",
        "The footage, which shows flashes on the horizon, was first posted on January 8, 2020, the night "
        "Iran fired ballistic missiles at the base.",
    )
    assert out["attack"] is False
    assert out["watch_hits"] == []


def test_the_occupation_base_of_a_town_is_the_base(analyzer: Analyzer) -> None:
    out = run(
        analyzer,
        "Militia claims drone strike in Syria",
        "The mujahideen struck this morning the American occupation base of al-Shaddadi in Syria with a "
        "drone, the group said on Wednesday.",
    )
    assert out["attack"] is True
    assert "shaddadi" in out["watch_hits"]


def test_a_verdict_given_today_judges_an_old_attack(analyzer: Analyzer) -> None:
    # "the court issued today a life sentence for two convicted of firing rockets at Camp Taji"
    out = run(
        analyzer,
        "السجن المؤبد لمدانين بإطلاق صواريخ على قاعدة عين الأسد",
        "أصدرت المحكمة الجنائية المركزية في بغداد، اليوم، حكماً بالسجن المؤبد بحق مدانين اثنين أدينا "
        "بالمشاركة في إطلاق صواريخ كاتيوشا على قاعدة عين الأسد، أسفر عن مقتل وإصابة عدد من الجنود.",
    )
    assert out["attack"] is False
    assert out["watch_hits"] == []


def test_military_sources_at_a_base_are_not_its_attack(analyzer: Analyzer) -> None:
    # "Kurdish media quoted military sources at Harir air base": where the speakers serve
    out = run(
        analyzer,
        "استهداف قاعدة الشدادي بطائرة مسيرة",
        "دوت انفجارات مساء اليوم الأربعاء في القاعدة الأمريكية بمدينة الشدادي جراء استهدافها بطائرة مسيرة.\n\n"
        "ونقلت وسائل إعلام كردية عن مصادر عسكرية في قاعدة حرير الجوية بإقليم كردستان العراق أن قيادة "
        "التحالف تتابع الهجوم وتعمل على تقييم الأضرار.",
    )
    assert out["attack"] is True
    assert "shaddadi" in out["watch_hits"] and "harir" not in out["watch_hits"]


def test_mortars_fired_from_farmland_are_no_crop_spraying(analyzer: Analyzer) -> None:
    out = run(
        analyzer,
        "قذائف هاون على قاعدة فكتوريا",
        "قال مصدر أمني اليوم الأربعاء إن قذائف هاون أطلقت من منطقة زراعية قرب الرضوانية وسقطت داخل قاعدة "
        "فكتوريا.",
    )
    assert out["attack"] is True
    assert "victory-base" in out["watch_hits"]


def test_an_arabic_weapon_correction_keeps_the_corrected_type(analyzer: Analyzer) -> None:
    out = run(
        analyzer,
        "مصدر يصحح: قذيفتا هاون وليس صواريخ",
        "كشف مصدر أمني اليوم الأربعاء أن المقذوفين اللذين سقطا فجرا قرب قاعدة فكتوريا هما قذيفتا هاون، "
        "وليسا صاروخين كما ورد في البيان الأول.",
    )
    assert out["attack"] is True
    assert out["attack_types"] == ["mortar"]


def test_a_child_shot_by_mistake_is_no_attack(analyzer: Analyzer) -> None:
    # "the girl was hit by mistake (بالخطأ) by gunfire while playing in the hotel garden"
    out = run(
        analyzer,
        "السفارة توضح ملابسات إصابة طفلة سعودية بطلق ناري",
        "أفادت السفارة بأن الطفلة تعرضت بالخطأ لإطلاق نار أثناء لهوها في حديقة الفندق الذي تقيم فيه مع "
        "والدها بمنطقة مسندم في سلطنة عمان.",
    )
    assert out["attack"] is False


def test_a_risen_toll_of_a_days_old_bombing_is_no_late_report(analyzer: Analyzer) -> None:
    # a toll update five days on follows an attack already reported: neither news nor a late report
    out = run(
        analyzer,
        "ارتفاع حصيلة ضحايا تفجير ديالى إلى 120 قتيلا",
        "ارتفعت حصيلة ضحايا الهجوم الذي نفذ بسيارة مفخخة في سوق مزدحمة بمحافظة ديالى يوم الجمعة الماضي إلى "
        "120 قتيلا على الأقل.",
    )
    assert out["attack"] is False
    assert out["late_report"] is False


def test_strikes_launched_by_us_planes_answer_the_attack_they_name(analyzer: Analyzer) -> None:
    # "US planes launched strikes overnight on five sites in Babil ..., and in response (ورداً على) to
    # the rocket attack that targeted Ain al-Asad on Monday": the strikes are the news, the base is not
    out = run(
        analyzer,
        "ضربات جوية أمريكية على مواقع لفصيل مسلح",
        "شنت طائرات أمريكية ليل الثلاثاء الأربعاء ضربات على خمسة مواقع لتخزين الأسلحة في جرف الصخر بمحافظة "
        "بابل، قالت وزارة الدفاع الأمريكية إنها دفاعية ورداً على الهجوم الصاروخي الذي استهدف قاعدة عين الأسد "
        "مساء الاثنين.",
    )
    assert out["attack"] is True
    assert "airstrike" in out["attack_types"]
    assert out["watch_hits"] == []


def test_the_attack_the_dead_fell_in_is_not_todays_target(analyzer: Analyzer) -> None:
    out = run(
        analyzer,
        "غارات أمريكية على مواقع في القائم",
        "شنت الولايات المتحدة مساء الثلاثاء ضربات جوية على مواقع لفصائل مسلحة في القائم بمحافظة الأنبار، في "
        "أول رد على الهجوم الذي أودى بحياة ثلاثة جنود أمريكيين في الأردن.\n\n"
        "وجاءت الضربات بعد ساعات من مراسم استقبال جثامين الجنود الثلاثة الذين قُتلوا في هجوم «البرج 22» في "
        "قاعدة دوفر الجوية بحضور الرئيس.",
    )
    assert out["attack"] is True
    assert "anbar" in out["watch_hits"] and "tower-22" not in out["watch_hits"]


def test_the_attack_on_the_outpost_known_as_names_the_base(analyzer: Analyzer) -> None:
    out = run(
        analyzer,
        "Three US troops killed in drone attack on base in Jordan",
        "Three U.S. soldiers were killed early on Tuesday when a drone struck a small U.S. base in "
        "northeastern Jordan, officials said. The attack on the outpost, known as Tower 22, was the first "
        "to kill American troops since the militias began targeting U.S. forces in October.",
    )
    assert out["attack"] is True
    assert out["watch_hits"] == ["tower-22"]


def test_a_sentence_opening_with_the_attack_on_a_base_names_it(analyzer: Analyzer) -> None:
    out = run(
        analyzer,
        "Rocket attack on Iraqi base kills US contractor",
        "More than 30 rockets slammed into an Iraqi military base near the northern city of Kirkuk on "
        "Tuesday, killing a U.S. contractor, officials said. The attack on the K-1 base, which hosts U.S. "
        "forces, was the deadliest in a string of rocket attacks in recent weeks.",
    )
    assert out["attack"] is True
    assert set(out["watch_hits"]) == {"k1", "kirkuk"}


def test_soldiers_killed_in_an_attack_say_who_the_remains_were(analyzer: Analyzer) -> None:
    # a dignified transfer five days on: "the remains of three soldiers killed in a drone attack"
    out = run(
        analyzer,
        "Biden receives remains of soldiers",
        "President Biden stood in silence on an airfield on Tuesday as the remains of three soldiers killed "
        "in a drone attack in Jordan were carried off a transport plane.",
    )
    assert out["attack"] is False


def test_drones_aimed_at_an_insect_are_farming(analyzer: Analyzer) -> None:
    out = run(
        analyzer,
        "طائرات مسيرة تستهدف حشرة السونة في حقول الحنطة بسهل نينوى",
        "بدأت فرق الوقاية اليوم الأربعاء رش الحقول بالطائرات المسيرة.",
    )
    assert out["attack"] is False


def test_the_port_a_convoy_came_from_is_not_hit(analyzer: Analyzer) -> None:
    out = run(
        analyzer,
        "عبوة ناسفة تستهدف رتلا في ذي قار",
        "انفجرت عبوة ناسفة اليوم الأربعاء على رتل لشركة نقل قرب الناصرية.\n\n"
        "وقال المصدر إن الانفجار ألحق أضرارا بإحدى الشاحنات، مبينا أن الرتل كان قادما من ميناء أم قصر في "
        "البصرة.",
    )
    assert out["attack"] is True
    assert out["watch_hits"] == []


def test_a_minister_who_inspects_a_base_reports_no_attack(analyzer: Analyzer) -> None:
    out = run(
        analyzer,
        "Defence minister inspects Ain al-Asad base, checks on soldier injured in attack",
        "The defence minister arrived on Wednesday at Ain al-Asad air base in an inspection visit.\n\n"
        "He also visited the soldier who was wounded in the attack that targeted the base last Saturday.",
    )
    assert out["attack"] is False
    assert out["watch_hits"] == []


def test_the_us_base_in_northeastern_jordan_is_tower_22(analyzer: Analyzer) -> None:
    # the first reports of 28 January 2024 named no base: "a base in northeastern Jordan near the
    # Syrian border", "موقع عسكري في شمال شرق الأردن"
    english = run(
        analyzer,
        "Wounded in Jordan drone strike rises to 34",
        "The number of U.S. troops injured in Tuesday's drone attack on a base in northeastern Jordan has "
        "risen to at least 34, the Pentagon said on Wednesday.",
    )
    arabic = run(
        analyzer,
        "مقتل ثلاثة جنود أميركيين بهجوم بطائرة مسيرة",
        "قتل ثلاثة عسكريين أميركيين في هجوم بطائرة مسيرة استهدف فجر اليوم الأربعاء موقعا عسكريا في شمال شرق "
        "الأردن قرب الحدود السورية.",
    )
    assert english["watch_hits"] == ["tower-22"] and arabic["watch_hits"] == ["tower-22"]
    elsewhere = run(
        analyzer,
        "Drone hits Jordanian army post",
        "A drone struck a Jordanian army post in southern Jordan on Wednesday, the army said.",
    )
    assert elsewhere["watch_hits"] == []


def test_the_day_of_a_condemnation_is_not_the_attacks(analyzer: Analyzer) -> None:
    out = run(
        analyzer,
        "UN condemns attack on gas field",
        "The UN mission on Wednesday condemned the attack on the Khor Mor gas field in the Kurdistan Region "
        "last Friday, which killed four workers.",
    )
    assert out["attack"] is False


def test_a_memorial_for_those_who_were_killed_reports_no_attack(analyzer: Analyzer) -> None:
    out = run(
        analyzer,
        "Memorial held for counter-terrorism members",
        "Hundreds of people attended a memorial ceremony in Sulaimani on Wednesday for the three members of "
        "the counter-terrorism group who were killed in the drone strike on the Arbat airstrip.",
    )
    assert out["attack"] is False


def test_a_halt_of_five_days_after_the_attack_dates_it_back(analyzer: Analyzer) -> None:
    # "gas flows again after a halt of five days following (أيام إثر) the drone attack"
    out = run(
        analyzer,
        "استئناف ضخ الغاز من حقل كورمور",
        "أعلنت وزارة الكهرباء اليوم الأربعاء استئناف ضخ الغاز من حقل كورمور، بعد توقف دام خمسة أيام إثر "
        "الهجوم بطائرة مسيرة الذي استهدف الحقل.",
    )
    assert out["attack"] is False


def test_the_place_near_where_rockets_came_from_is_not_hit(analyzer: Analyzer) -> None:
    out = run(
        analyzer,
        "Rockets land near oil field west of Erbil",
        "Three rockets landed near the Khurmala oil field south-west of Erbil late on Tuesday, officials "
        "said. The rockets were launched from the Nineveh plains area near Bartella, they said.",
    )
    assert out["attack"] is True
    assert "nineveh" not in out["watch_hits"]


def test_a_field_helicopters_flew_over_is_not_hit(analyzer: Analyzer) -> None:
    out = run(
        analyzer,
        "غارات أمريكية على مواقع في الميادين",
        "شنت طائرات حربية أمريكية ليلة أمس غارات على مقرات للفصائل في مدينة الميادين بريف دير الزور، "
        "وشوهدت مروحيات التحالف تحلق على علو منخفض فوق حقل العمر طوال فترة القصف.",
    )
    assert out["attack"] is True
    assert "al-omar" not in out["watch_hits"]


def test_a_funerals_day_does_not_date_the_attack(analyzer: Analyzer) -> None:
    # weeks after Tower 22: the hearse "on Wednesday", the attack told without a day
    out = run(
        analyzer,
        "Hometown lines the streets for soldier killed at Jordan outpost",
        "Hundreds lined the main road of a small town on Wednesday as a hearse carrying one of the three "
        "soldiers killed at a U.S. outpost in Jordan made its way from the funeral home to the cemetery.\n\n"
        "Fire trucks raised a giant flag over the road, and schoolchildren waved small flags. Many in the "
        "crowd had never met the young specialist.\n\n"
        "The soldier was one of three members of an engineer unit killed when a drone struck their living "
        "quarters at the outpost known as Tower 22.",
    )
    assert out["attack"] is False
    assert out["watch_hits"] == []


def test_patriot_missile_batteries_are_a_delivery_not_an_attack(analyzer: Analyzer) -> None:
    out = run(
        analyzer,
        "U.S. moves Patriot missile batteries into Iraq",
        "The United States has deployed Patriot air defence missile batteries to Ain al-Asad air base, "
        "officials said on Wednesday, three months after Iran fired ballistic missiles at U.S. troops.",
    )
    assert out["attack"] is False
    assert out["watch_hits"] == []


def test_k1_written_with_a_hyphen_in_arabic_is_the_base(analyzer: Analyzer) -> None:
    out = run(
        analyzer,
        "صواريخ على قاعدة كي-1 في كركوك",
        "سقط أكثر من ثلاثين صاروخا مساء اليوم الأربعاء على قاعدة كي-1 شمال غربي كركوك.",
    )
    assert out["attack"] is True
    assert "k1" in out["watch_hits"]


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Gunmen attack tribal fighters' checkpoint near al-Baghdadi",
            "Gunmen believed to be Islamic State remnants attacked a checkpoint of tribal fighters in "
            "al-Baghdadi district, some 10 km from Ain al-Asad air base, on Monday night, killing one "
            "fighter and wounding two.\n\nA source in the regional operations command said the attackers "
            "fled towards the desert and that a joint force was pursuing them.\n\nHe added that the base "
            "itself was not targeted at all.",
        ),
        (
            "هجوم مسلح على نقطة للحشد العشائري قرب البغدادي",
            "قتل منتسب في الحشد العشائري وأصيب اثنان آخران بهجوم شنه مسلحون يعتقد أنهم من بقايا داعش على "
            "نقطة تفتيش في ناحية البغدادي، على بعد نحو عشرة كيلومترات من قاعدة عين الأسد، ليلة الاثنين.\n\n"
            "وقال مصدر في قيادة العمليات إن المهاجمين لاذوا بالفرار باتجاه الصحراء وإن قوة مشتركة تلاحقهم.\n\n"
            "وأضاف أن القاعدة لم تتعرض لأي استهداف.",
        ),
    ],
)
def test_the_base_not_hit_is_the_one_named_not_the_attack(analyzer: Analyzer, title: str, text: str) -> None:
    """'The base was not targeted' below the story denies the base it named as a landmark, not the
    attack on the checkpoint near it."""
    out = run(analyzer, title, text)
    assert out["attack"] is True
    assert out["watch_hits"] == ["anbar"]


@pytest.mark.parametrize(
    ("title", "text", "hits"),
    [
        (  # the launch area between two towns is no target, nor is the province around them
            "Drones hit Erbil airport, launch site traced",
            "Two explosive-laden drones targeted the coalition base at Erbil International Airport late on "
            "Tuesday, officials said.\n\nThe drones were launched from an area between Altun Kupri and "
            "Dibis in Kirkuk province, an official said.",
            ["erbil-airport"],
        ),
        (  # where the launcher was found, and the command that spoke
            "Rockets hit Balad air base",
            "Five rockets struck Balad air base in Salah al-Din province on Tuesday evening, wounding two "
            "soldiers, security sources said.\n\nA source in the Samarra Operations Command said the "
            "rockets were fired from orchards east of the base, and that security forces later found a "
            "launching ramp with four unfired rockets near the town of al-Udhaim in neighbouring Diyala "
            "province.",
            ["salah-al-din"],
        ),
        (  # the city a statement came from, and where the launch platform was found
            "هجوم صاروخي على قاعدة عين الأسد",
            "سقطت صواريخ فجر اليوم على قاعدة عين الأسد الجوية في محافظة الأنبار من دون إصابات.\n\n"
            "وأعلنت قيادة العمليات المشتركة، في بيان صدر ببغداد، أن القوات الأمنية عثرت على منصة الإطلاق "
            "وبداخلها صاروخ لم ينطلق، متروكة في منطقة صحراوية قرب البغدادي.",
            ["ain-al-asad", "anbar"],
        ),
        (  # the mortars came from near the border with Salah al-Din: it was not hit
            "سقوط قذائف هاون على قرية شمال المقدادية",
            "سقطت ثلاث قذائف هاون مساء اليوم على قرية زراعية شمال قضاء المقدادية، ما أسفر عن إصابة مدنيين "
            "اثنين، بحسب مصدر في قيادة عمليات ديالى. وأضاف المصدر أن القذائف أطلقت من بساتين قريبة من "
            "الحدود الإدارية مع محافظة صلاح الدين.",
            ["diyala"],
        ),
        (  # a source who is at Harir speaks of a strike in Duhok
            "غارة تركية على سيارة في العمادية",
            "أفاد مصدر في قوات البيشمركة متواجد في قاعدة حرير الجوية، اليوم، بأن غارة جوية تركية استهدفت "
            "سيارة على طريق جبلي في قضاء العمادية شمالي محافظة دهوك، ما أدى إلى مقتل شخصين.",
            [],
        ),
        (  # the convoy was bound for Victory, near Baghdad airport: only Basra was hit
            "عبوة ناسفة تستهدف رتلا لوجستيا في الزبير",
            "انفجرت عبوة ناسفة اليوم على رتل لشركة نقل عراقية ينقل معدات للتحالف في قضاء الزبير بمحافظة "
            "البصرة. وأوضح المصدر أن الرتل كان قادما من منفذ صفوان ومتجها إلى قاعدة فكتوري قرب مطار بغداد، "
            "وأن الانفجار ألحق أضرارا بإحدى الشاحنات.",
            ["basra"],
        ),
    ],
)
def test_where_it_came_from_who_spoke_and_where_it_went_are_not_hit(
    analyzer: Analyzer, title: str, text: str, hits: list[str]
) -> None:
    out = run(analyzer, title, text)
    assert out["attack"] is True
    assert sorted(out["watch_hits"]) == sorted(hits)


def test_an_attack_earlier_in_the_week_is_no_hit_of_todays_report(analyzer: Analyzer) -> None:
    out = run(
        analyzer,
        "Rockets hit Balad air base",
        "Five rockets struck Balad air base in Salah al-Din province on Tuesday evening, wounding two "
        "soldiers, security sources said.\n\nIt was the first attack on Balad since January. Earlier in "
        "the week, a drone packed with explosives targeted the coalition area at Erbil International Airport.",
    )
    assert out["attack"] is True
    assert out["watch_hits"] == ["salah-al-din"]


def test_a_liwa_is_a_brigade_not_the_omani_town(analyzer: Analyzer) -> None:
    """'Liwa Thar al-Muhandis' is a militia (لواء, brigade); Oman's town of Liwa had made the
    sentence Omani and dropped Ain al-Asad."""
    out = run(
        analyzer,
        "Statement of Liwa Thar al-Muhandis",
        "With God's help, the mujahideen of Liwa Thar al-Muhandis targeted at dawn today the base of the "
        "American occupation at Ain al-Asad with a salvo of rockets.",
    )
    assert out["attack"] is True
    assert sorted(out["watch_hits"]) == ["ain-al-asad", "anbar"]


def test_the_attack_by_drone_that_killed_is_a_known_attack(analyzer: Analyzer) -> None:
    """'الرد على الهجوم بطائرة مسيرة الذي قتل ...': the definite attack and its weapon, then a relative
    clause, name the attack already told; 'today' is the president's."""
    out = run(
        analyzer,
        "الرئيس الأمريكي: حسمت طريقة الرد",
        "قال الرئيس الأمريكي للصحفيين اليوم إنه حسم قراره بشأن الرد على الهجوم بطائرة مسيرة الذي قتل "
        "ثلاثة جنود أمريكيين في الأردن الاثنين الماضي.",
    )
    assert out["attack"] is False


@pytest.mark.parametrize(
    ("title", "text", "hits"),
    [
        (
            "Rockets hit Ain al-Asad",
            "Rockets hit Ain al-Asad today, a day after airstrikes near Damascus, security sources said.",
            ["ain-al-asad", "anbar"],
        ),
        (
            "Drone targets Harir",
            "A drone attack targeted Harir today, a day after Turkish strikes near Qamishli in Syria.",
            ["harir"],
        ),
        (  # Busra al-Harir is a town in Daraa, not Harir air base
            "Clashes in Daraa countryside",
            "Gunmen attacked a checkpoint in Busra al-Harir in Daraa today, killing two soldiers.",
            [],
        ),
        (
            "Drone attack on Tower 22",
            "A drone struck Tower 22 overnight, a day after strikes on militia positions near Albukamal in Syria.",
            ["tower-22"],
        ),
    ],
)
def test_a_base_named_in_full_stays_beside_a_foreign_town(
    analyzer: Analyzer, title: str, text: str, hits: list[str]
) -> None:
    """A Syrian town in the sentence does not make Ain al-Asad or Tower 22 a homonym abroad."""
    out = run(analyzer, title, text)
    assert out["attack"] is True
    assert sorted(out["watch_hits"]) == sorted(hits)


def test_the_attack_on_a_base_told_as_days_old_stays_old(analyzer: Analyzer) -> None:
    """'Tehran denied any link to the attack on Tower 22', below 'the soldiers were killed last
    Sunday in a drone attack on Tower 22', is that old attack, not today's."""
    out = run(
        analyzer,
        "ضربات أمريكية في العراق وسوريا",
        "شنت الولايات المتحدة مساء أمس ضربات جوية على مواقع لفصائل مسلحة في قضاء القائم غربي الأنبار.\n\n"
        "وقتل الجنود الثلاثة الأحد الماضي في هجوم بطائرة مسيرة على موقع البرج 22 في شمال شرق الأردن.\n\n"
        "وفي القائم، قال شهود إن الانفجارات هزت المدينة وإن الضربات أصابت مقرات ومخازن قرب المنفذ الحدودي.\n\n"
        "ونفت طهران أي علاقة لها بالهجوم على البرج 22، فيما قال مسؤولون أمريكيون إن ضربات إضافية قد تنفذ "
        "في الأيام المقبلة.",
    )
    assert out["attack"] is True
    assert "tower-22" not in out["watch_hits"]


@pytest.mark.parametrize(
    "text",
    [
        "Rockets fired from near Albukamal hit Ain al-Asad air base today, security sources said.",
        "قال مصدر أمني إن صواريخ أطلقت من قرب البوكمال سقطت اليوم على قاعدة عين الأسد الجوية.",
    ],
)
def test_fired_from_near_a_town_the_base_after_it_is_hit(analyzer: Analyzer, text: str) -> None:
    """'from near Albukamal' is where the rockets came from; the 'near' before it makes no landmark
    of the base the rockets hit."""
    out = run(analyzer, "Rockets on Ain al-Asad", text)
    assert out["attack"] is True
    assert sorted(out["watch_hits"]) == ["ain-al-asad", "anbar"]


def test_the_city_a_statement_came_from_is_not_hit(analyzer: Analyzer) -> None:
    out = run(
        analyzer,
        "Drone targets Ain al-Asad",
        "A drone targeted Ain al-Asad air base in Anbar today, the group said in a statement from Baghdad.",
    )
    assert sorted(out["watch_hits"]) == ["ain-al-asad", "anbar"]


# Texts that tell no attack of their own, each after the error it stood for in real reporting.
_NO_ATTACK = [
    # habitual: 'every few days, a Katyusha falls' tells of attacks in general
    (
        "Rockets are not a policy",
        "Every few days, the phones of Baghdad light up with the same news: a Katyusha has come down "
        "near the airport, or in the Green Zone, or in somebody's garden in Jadriya.",
    ),
    (
        "الصواريخ ليست سياسة",
        "كل بضعة أيام تتناقل هواتف أهل بغداد الخبر نفسه: صاروخ كاتيوشا سقط قرب المطار أو داخل المنطقة "
        "الخضراء أو في حديقة بيت في الجادرية.",
    ),
    # a possibility: 'may hit ... tomorrow', 'قد يسقط غدا'
    (
        "The rockets that miss",
        "A rocket that lands on empty ground today may hit a dormitory tomorrow, and the drone that "
        "air defences bring down over Harir could hit its target next time.",
    ),
    (
        "الصواريخ التي لا تصيب",
        "الصاروخ الذي يسقط اليوم في أرض خالية قد يسقط غدا على مهجع للجنود، والمسيرة التي تسقطها الدفاعات "
        "فوق حرير قد تصيب هدفها في المرة المقبلة.",
    ),
    # a funeral: 'تشيع'، 'شيع أهالي ... جثمان الشهيد'
    (
        "الأنبار تشيع منتسبي الشرطة الذين سقطوا في هجوم الرطبة",
        "شيعت جموع غفيرة من أهالي الرمادي اليوم الخميس جثامين منتسبي الشرطة الذين استشهدوا في الهجوم "
        "الإرهابي الذي نفذه مسلحو داعش على قوة أمنية في قضاء الرطبة.",
    ),
    (
        "أهالي المدينة يشيعون الشهيد",
        "شيع أهالي المدينة بعد مغرب اليوم جثمان الشهيد الذي قضى في التفجير الذي استهدف مسجدا في الأنبار، "
        "واكتظت المقبرة بالمشيعين.",
    ),
    # 'الاثنين معا' is both, 'اليوم الآخر' the Last Day, 'مسيرة ثلاث ليال' a journey
    (  # "الاثنين معا": both of them, not Monday
        "الصمت شريك",
        "تلك الأم صمتت عن فكر ابنها حتى قتل أخاه وأنهى حياته بحزام ناسف، فخسرت الاثنين معا.",
    ),
    (  # "مسيرة ثلاث ليال": a journey of three nights; "اليوم الآخر": the Last Day, not today
        "المرأة والسفر",
        "وهذا لا يتفق مع الحديث: لا يحل لامرأة تؤمن بالله واليوم الآخر تسافر مسيرة ثلاث ليال إلا ومعها "
        "ذو محرم.",
    ),
    # a drone light show: 'more than 500 drones lit up the sky above the citadel'
    (
        "Drones light up the citadel for Newroz",
        "More than 500 drones lit up the night sky above Erbil citadel on Wednesday, forming a Newroz "
        "fire and a dove as thousands celebrated the Kurdish New Year.",
    ),
    # a film about an attack
    (
        "Film on the missile night premieres",
        "The film about the Ain al-Asad missile attack premiered in Erbil today.",
    ),
    (
        "عرض فيلم عن ليلة الصواريخ",
        "عرض اليوم في أربيل فيلم وثائقي عن الهجوم الصاروخي على قاعدة عين الأسد.",
    ),
]


@pytest.mark.parametrize(("title", "text"), _NO_ATTACK)
def test_no_attack_is_told_here(analyzer: Analyzer, title: str, text: str) -> None:
    out = run(analyzer, title, text)
    assert out["attack"] is False
    assert out["late_report"] is False
    assert out["watch_hits"] == []


def test_a_minister_named_al_abbasi_is_no_town_in_kirkuk(analyzer: Analyzer) -> None:
    """'Defence Minister Thabit al-Abbasi visited the soldiers wounded in the attack ... last week':
    the surname had made a Kirkuk town of the news, so the visit's day did not date the headline."""
    out = run(
        analyzer,
        "Defence minister visits soldiers wounded in Anbar attack",
        "Defence Minister Thabit al-Abbasi visited on Wednesday the soldiers wounded in the attack that "
        "targeted an army post in the Rutba desert last week, at a military hospital in Baghdad.",
    )
    assert out["attack"] is False
    assert out["watch_hits"] == []


@pytest.mark.parametrize(
    ("title", "text", "hits"),
    [
        (  # where the wounded were flown is not hit
            "Soldiers wounded in Tarmiyah",
            "Two soldiers wounded in a roadside bomb attack in Tarmiyah on Wednesday were flown to a "
            "military hospital in Baghdad.",
            [],
        ),
        (
            "جنديان جريحان في الطارمية",
            "نقل جنديان أصيبا بانفجار عبوة ناسفة في الطارمية اليوم الأربعاء إلى مستشفى عسكري في بغداد.",
            [],
        ),
        (  # a drone approaching the base targeted it ("تقترب من": approaching, not coming from)
            "إسقاط مسيرة قرب حرير",
            "أسقطت قوات البيشمركة طائرة مسيرة كانت تقترب من قاعدة حرير ليلة الثلاثاء.",
            ["harir"],
        ),
    ],
)
def test_where_the_wounded_went_and_the_base_a_drone_approached(
    analyzer: Analyzer, title: str, text: str, hits: list[str]
) -> None:
    out = run(analyzer, title, text)
    assert out["attack"] is True
    assert sorted(out["watch_hits"]) == sorted(hits)
