"""Places, people, clubs and attack targets of the synthetic news, as (Arabic, English) pairs."""

from __future__ import annotations

from dataclasses import dataclass

Pair = tuple[str, str]


@dataclass(frozen=True)
class Region:
    """A country as its news names it: cities, provinces (with their word), clubs, money."""

    code: str
    country: Pair
    adjective: Pair  # masculine Arabic adjective ("العراقي"), English adjective
    capital: Pair
    cities: tuple[Pair, ...]
    provinces: tuple[Pair, ...]  # with the province word: ("محافظة نينوى", "Nineveh province")
    clubs: tuple[Pair, ...]
    currency: Pair  # plural as used after a number: ("دينار", "dinars")


def _provinces(word_ar: str, word_en: str, names: str) -> tuple[Pair, ...]:
    """``"نينوى:Nineveh|..."`` -> (("محافظة نينوى", "Nineveh province"), ...)."""
    out = []
    for item in names.split("|"):
        ar, en = item.strip().split(":")
        out.append((f"{word_ar} {ar}", f"{en} {word_en}"))
    return tuple(out)


def _pairs(text: str) -> tuple[Pair, ...]:
    """``"بغداد:Baghdad|..."`` -> (("بغداد", "Baghdad"), ...)."""
    return tuple(tuple(item.strip().split(":")) for item in text.split("|") if item.strip())  # type: ignore[misc]


IRAQ = Region(
    "iq",
    ("العراق", "Iraq"),
    ("العراقي", "Iraqi"),
    ("بغداد", "Baghdad"),
    _pairs(
        "بغداد:Baghdad|البصرة:Basra|الموصل:Mosul|أربيل:Erbil|كركوك:Kirkuk|النجف:Najaf|كربلاء:Karbala"
        "|الحلة:Hillah|الناصرية:Nasiriyah|الرمادي:Ramadi|الفلوجة:Fallujah|تكريت:Tikrit|سامراء:Samarra"
        "|بعقوبة:Baqubah|الكوت:Kut|الديوانية:Diwaniyah|السماوة:Samawah|دهوك:Duhok|السليمانية:Sulaymaniyah"
        "|زاخو:Zakho|تلعفر:Tal Afar|سنجار:Sinjar|الحويجة:Hawija|خانقين:Khanaqin|المقدادية:Muqdadiya"
        "|الزبير:Zubair|أم قصر:Umm Qasr|الكوفة:Kufa|المسيب:Musayyib|بيجي:Baiji|الشرقاط:Shirqat"
        "|طوزخورماتو:Tuz Khurmatu|حلبجة:Halabja|عانة:Anah|الرطبة:Rutba|المحمودية:Mahmudiyah"
    ),
    _provinces(
        "محافظة",
        "province",
        "نينوى:Nineveh|الأنبار:Anbar|ديالى:Diyala|صلاح الدين:Salah al-Din|ذي قار:Dhi Qar|ميسان:Maysan"
        "|واسط:Wasit|بابل:Babil|المثنى:Muthanna|القادسية:Qadisiyah|البصرة:Basra|كركوك:Kirkuk"
        "|النجف:Najaf|كربلاء:Karbala|أربيل:Erbil|دهوك:Duhok|السليمانية:Sulaymaniyah",
    ),
    _pairs(
        "الزوراء:Al-Zawraa|الشرطة:Al-Shorta|الطلبة:Al-Talaba"
        "|نفط البصرة:Naft Al-Basra|الكهرباء:Al-Kahraba|زاخو:Zakho FC|أربيل:Erbil SC|الميناء:Al-Minaa"
        "|نفط ميسان:Naft Maysan|الحدود:Al-Hudood|النجف:Al-Najaf FC"
    ),
    ("دينار", "dinars"),
)

SYRIA = Region(
    "sy",
    ("سوريا", "Syria"),
    ("السوري", "Syrian"),
    ("دمشق", "Damascus"),
    _pairs(
        "دمشق:Damascus|حلب:Aleppo|حمص:Homs|حماة:Hama|اللاذقية:Latakia|طرطوس:Tartus|دير الزور:Deir ez-Zor"
        "|الرقة:Raqqa|الحسكة:Al-Hasakah|القامشلي:Qamishli|إدلب:Idlib|درعا:Daraa|السويداء:As-Suwayda"
        "|البوكمال:Albu Kamal|منبج:Manbij|عفرين:Afrin|جرمانا:Jaramana|دوما:Douma|القنيطرة:Quneitra"
        "|سراقب:Saraqib|جسر الشغور:Jisr al-Shughur|مصياف:Masyaf|صافيتا:Safita"
    ),
    _provinces(
        "محافظة",
        "province",
        "حلب:Aleppo|حمص:Homs|حماة:Hama|اللاذقية:Latakia|طرطوس:Tartus|إدلب:Idlib|درعا:Daraa"
        "|السويداء:Suwayda|دير الزور:Deir ez-Zor|الحسكة:Hasakah|الرقة:Raqqa",
    ),
    _pairs(
        "الجيش:Al-Jaish|الوحدة:Al-Wahda|تشرين:Tishreen|الكرامة:Al-Karamah|حطين:Hutteen"
        "|الاتحاد:Al-Ittihad Aleppo|الفتوة:Al-Fotuwa|جبلة:Jableh SC"
    ),
    ("ليرة", "pounds"),
)

SAUDI = Region(
    "sa",
    ("السعودية", "Saudi Arabia"),
    ("السعودي", "Saudi"),
    ("الرياض", "Riyadh"),
    _pairs(
        "الرياض:Riyadh|جدة:Jeddah|مكة المكرمة:Mecca|المدينة المنورة:Medina|الدمام:Dammam|الخبر:Khobar"
        "|الظهران:Dhahran|أبها:Abha|تبوك:Tabuk|جازان:Jazan|نجران:Najran|بريدة:Buraidah|حائل:Hail"
        "|الطائف:Taif|الأحساء:Al-Ahsa|ينبع:Yanbu|الجبيل:Jubail|خميس مشيط:Khamis Mushait|عرعر:Arar"
        "|سكاكا:Sakaka|الباحة:Al-Baha|عنيزة:Unaizah|القطيف:Qatif"
    ),
    _provinces(
        "منطقة",
        "region",
        "الرياض:Riyadh|مكة المكرمة:Mecca|القصيم:Qassim|عسير:Asir|جازان:Jazan|نجران:Najran|حائل:Hail"
        "|تبوك:Tabuk|الجوف:Al-Jouf|الحدود الشمالية:Northern Borders|الباحة:Al-Baha",
    ),
    _pairs(
        "الهلال:Al-Hilal|النصر:Al-Nassr|الاتحاد:Al-Ittihad|الأهلي:Al-Ahli|الشباب:Al-Shabab"
        "|التعاون:Al-Taawoun|الفتح:Al-Fateh|الاتفاق:Al-Ettifaq|الفيصلي:Al-Faisaly|الرائد:Al-Raed"
        "|الوحدة:Al-Wehda|أبها:Abha Club"
    ),
    ("ريال", "riyals"),
)

YEMEN = Region(
    "ye",
    ("اليمن", "Yemen"),
    ("اليمني", "Yemeni"),
    ("صنعاء", "Sanaa"),
    _pairs(
        "صنعاء:Sanaa|عدن:Aden|تعز:Taiz|الحديدة:Hodeidah|مأرب:Marib|المكلا:Mukalla|إب:Ibb|ذمار:Dhamar"
        "|سيئون:Seiyun|صعدة:Saada|عتق:Ataq|الغيضة:Al-Ghaydah|زنجبار:Zinjibar"
    ),
    _provinces(
        "محافظة",
        "province",
        "حضرموت:Hadramout|مأرب:Marib|تعز:Taiz|الحديدة:Hodeidah|شبوة:Shabwa|أبين:Abyan|لحج:Lahj"
        "|المهرة:Mahra|الجوف:Al-Jawf|البيضاء:Al-Bayda",
    ),
    _pairs("التلال:Al-Tilal|الأهلي صنعاء:Al-Ahli Sanaa|وحدة صنعاء:Al-Wahda Sanaa|شعب حضرموت:Shaab Hadramaut"),
    ("ريال", "rials"),
)

JORDAN = Region(
    "jo",
    ("الأردن", "Jordan"),
    ("الأردني", "Jordanian"),
    ("عمّان", "Amman"),
    _pairs(
        "عمّان:Amman|إربد:Irbid|الزرقاء:Zarqa|العقبة:Aqaba|المفرق:Mafraq|الكرك:Karak|مادبا:Madaba|جرش:Jerash"
    ),
    _provinces("محافظة", "governorate", "إربد:Irbid|الزرقاء:Zarqa|المفرق:Mafraq|الكرك:Karak|البلقاء:Balqa"),
    _pairs("الفيصلي:Al-Faisaly|الوحدات:Al-Wehdat|الرمثا:Al-Ramtha|الحسين إربد:Al-Hussein Irbid"),
    ("دينار", "dinars"),
)

LEBANON = Region(
    "lb",
    ("لبنان", "Lebanon"),
    ("اللبناني", "Lebanese"),
    ("بيروت", "Beirut"),
    _pairs(
        "بيروت:Beirut|طرابلس:Tripoli|صيدا:Sidon|صور:Tyre|زحلة:Zahle|جبيل:Byblos|بعلبك:Baalbek|جونية:Jounieh"
    ),
    _provinces("محافظة", "governorate", "عكار:Akkar|البقاع:Bekaa|الشمال:North|الجنوب:South|النبطية:Nabatieh"),
    _pairs("الأنصار:Al-Ansar|النجمة:Al-Nejmeh|العهد:Al-Ahed|الصفاء:Safa"),
    ("ليرة", "pounds"),
)

EGYPT = Region(
    "eg",
    ("مصر", "Egypt"),
    ("المصري", "Egyptian"),
    ("القاهرة", "Cairo"),
    _pairs(
        "القاهرة:Cairo|الإسكندرية:Alexandria|الجيزة:Giza|أسوان:Aswan|الأقصر:Luxor|بورسعيد:Port Said"
        "|السويس:Suez|المنصورة:Mansoura|طنطا:Tanta|أسيوط:Assiut"
    ),
    _provinces("محافظة", "governorate", "الجيزة:Giza|أسوان:Aswan|الدقهلية:Dakahlia|المنيا:Minya|سوهاج:Sohag"),
    _pairs("الأهلي:Al Ahly|الزمالك:Zamalek|الإسماعيلي:Ismaily|المصري:Al-Masry|بيراميدز:Pyramids FC"),
    ("جنيه", "pounds"),
)

GULF = Region(
    "gulf",
    ("الكويت", "Kuwait"),
    ("الكويتي", "Kuwaiti"),
    ("الكويت", "Kuwait City"),
    _pairs("الكويت:Kuwait City|الجهراء:Jahra|الأحمدي:Ahmadi|حولي:Hawalli|الفروانية:Farwaniya"),
    _provinces(
        "محافظة", "governorate", "الأحمدي:Ahmadi|الجهراء:Jahra|حولي:Hawalli|مبارك الكبير:Mubarak Al-Kabeer"
    ),
    _pairs("القادسية:Qadsia|الكويت:Kuwait SC|العربي:Al-Arabi|السالمية:Salmiya"),
    ("دينار", "dinars"),
)

REGIONS = {r.code: r for r in (IRAQ, SYRIA, SAUDI, YEMEN, JORDAN, LEBANON, EGYPT, GULF)}
# How often an article is about each region, by language (the Arabic outlets lean Gulf and Iraqi).
REGION_WEIGHTS = {
    "ar": {"iq": 36, "sa": 26, "sy": 14, "ye": 8, "jo": 4, "lb": 4, "eg": 5, "gulf": 3},
    "en": {"iq": 38, "sy": 20, "sa": 18, "ye": 8, "jo": 4, "lb": 5, "eg": 4, "gulf": 3},
}

# Cities abroad, for conferences, talks and exhibitions.
WORLD_CITIES = _pairs(
    "جنيف:Geneva|باريس:Paris|لندن:London|واشنطن:Washington|موسكو:Moscow|بكين:Beijing|برلين:Berlin"
    "|إسطنبول:Istanbul|أنقرة:Ankara|طهران:Tehran|الدوحة:Doha|أبوظبي:Abu Dhabi|دبي:Dubai|مسقط:Muscat"
    "|المنامة:Manama|روما:Rome|فيينا:Vienna|بروكسل:Brussels|نيويورك:New York|طوكيو:Tokyo|نيودلهي:New Delhi"
)
COUNTRIES = _pairs(
    "العراق:Iraq|سوريا:Syria|السعودية:Saudi Arabia|اليمن:Yemen|الأردن:Jordan|لبنان:Lebanon|مصر:Egypt"
    "|الكويت:Kuwait|قطر:Qatar|الإمارات:the United Arab Emirates|البحرين:Bahrain|سلطنة عمان:Oman"
    "|تركيا:Turkey|إيران:Iran|فرنسا:France|ألمانيا:Germany|بريطانيا:Britain|الولايات المتحدة:the United States"
    "|روسيا:Russia|الصين:China|اليابان:Japan|الهند:India|إيطاليا:Italy|كوريا الجنوبية:South Korea"
)

FIRST_NAMES = _pairs(
    "محمد:Mohammed|أحمد:Ahmed|علي:Ali|حسين:Hussein|حسن:Hassan|عمر:Omar|خالد:Khaled|عبد الله:Abdullah"
    "|مصطفى:Mustafa|سعد:Saad|فيصل:Faisal|يوسف:Youssef|إبراهيم:Ibrahim|كريم:Karim|سامي:Sami|ماجد:Majed"
    "|نبيل:Nabil|رائد:Raed|زياد:Ziad|عادل:Adel|طارق:Tariq|ناصر:Nasser|جاسم:Jassim|حيدر:Haidar"
    "|سلمان:Salman|فهد:Fahd|بندر:Bandar|وليد:Walid|هشام:Hisham|منير:Munir|قاسم:Qassem|عباس:Abbas"
)
WOMEN_NAMES = _pairs(
    "سارة:Sara|مريم:Maryam|نور:Noor|فاطمة:Fatima|هدى:Huda|ريم:Reem|لينا:Lina|زينب:Zainab|رنا:Rana"
    "|منى:Mona|دعاء:Duaa|أمل:Amal|نادية:Nadia|سلمى:Salma"
)
FAMILY_NAMES = _pairs(
    "الجبوري:al-Jubouri|الدليمي:al-Dulaimi|العبيدي:al-Obeidi|الربيعي:al-Rubaie|الساعدي:al-Saadi"
    "|الخفاجي:al-Khafaji|الموسوي:al-Musawi|الحسيني:al-Husseini|الشمري:al-Shammari|العنزي:al-Anazi"
    "|القحطاني:al-Qahtani|الغامدي:al-Ghamdi|الزهراني:al-Zahrani|العتيبي:al-Otaibi|الحربي:al-Harbi"
    "|الدوسري:al-Dosari|المالكي:al-Maliki|الكبيسي:al-Kubaisi|التميمي:al-Tamimi|الكعبي:al-Kaabi"
    "|الأحمد:al-Ahmad|الخطيب:al-Khatib|الحلبي:al-Halabi|الشامي:al-Shami|العمري:al-Omari"
    "|الحكيم:al-Hakim|البياتي:al-Bayati|الزبيدي:al-Zubaidi|الأسدي:al-Asadi|النعيمي:al-Nuaimi"
    "|بارزاني:Barzani|طالباني:Talabani|حمه:Hama Karim|المصري:al-Masri|العواد:al-Awad"
)

COMPANIES = _pairs(
    "شركة الأفق للاستثمار:Horizon Investment|شركة النخيل للمقاولات:Palm Contracting"
    "|مجموعة الضفاف القابضة:Dhifaf Holding|شركة البيان للطاقة:Bayan Energy|شركة سنا للاتصالات:Sana Telecom"
    "|شركة الواحة الدولية:Oasis International|شركة دجلة للصناعات الغذائية:Tigris Foods"
    "|شركة المدار للتقنية:Madar Technology|شركة الخليج الشمالي للنقل:North Gulf Transport"
    "|شركة نماء الزراعية:Namaa Agriculture|شركة الرواد للإسكان:Pioneers Housing|شركة أعمار الشرق:East Build"
)

WEEKDAYS: tuple[Pair, ...] = (  # Monday first, as datetime.weekday()
    ("الاثنين", "Monday"),
    ("الثلاثاء", "Tuesday"),
    ("الأربعاء", "Wednesday"),
    ("الخميس", "Thursday"),
    ("الجمعة", "Friday"),
    ("السبت", "Saturday"),
    ("الأحد", "Sunday"),
)
MONTHS_EN = "January February March April May June July August September October November December".split()
MONTHS_GULF = tuple("يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر".split())
MONTHS_LEVANT = (
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
)

# Where current attacks happen in the synthetic stream: names the gazetteer knows, as the news
# writes them. (Arabic, English, region, kind: "site" for bases, airports and fields; "town")
TARGETS: tuple[tuple[str, str, str, str], ...] = (
    ("قاعدة عين الأسد الجوية في محافظة الأنبار", "Ain al-Asad air base in Anbar province", "iq", "site"),
    ("مطار أربيل الدولي", "Erbil International Airport", "iq", "site"),
    ("قاعدة حرير شمالي أربيل", "Harir air base north of Erbil", "iq", "site"),
    ("قاعدة فكتوريا قرب مطار بغداد الدولي", "the Victory base complex near Baghdad airport", "iq", "site"),
    ("معسكر التاجي شمالي بغداد", "Camp Taji north of Baghdad", "iq", "site"),
    ("قاعدة بلد الجوية في محافظة صلاح الدين", "Balad Air Base in Salah al-Din province", "iq", "site"),
    ("المنطقة الخضراء وسط بغداد", "Baghdad's Green Zone", "iq", "site"),
    ("قاعدة القيارة الجوية جنوبي الموصل", "Qayyarah West air base south of Mosul", "iq", "site"),
    (
        "حقل كورمور للغاز في محافظة السليمانية",
        "the Khor Mor gas field in Sulaymaniyah province",
        "iq",
        "site",
    ),
    ("قاعدة كركوك الجوية", "Kirkuk Air Base", "iq", "site"),
    ("مدينة المقدادية في محافظة ديالى", "the town of Muqdadiya in Diyala province", "iq", "town"),
    ("قضاء الطارمية شمالي بغداد", "Tarmiyah, north of Baghdad", "iq", "town"),
    ("مدينة سامراء", "the city of Samarra", "iq", "town"),
    ("قضاء طوزخورماتو", "Tuz Khurmatu", "iq", "town"),
    ("ناحية جلولاء في محافظة ديالى", "Jalawla in Diyala province", "iq", "town"),
    ("قضاء الحويجة غربي كركوك", "Hawija, west of Kirkuk", "iq", "town"),
    ("مدينة الناصرية", "the southern city of Nasiriyah", "iq", "town"),
    ("حقل العمر النفطي في ريف دير الزور", "the al-Omar oil field in Deir ez-Zor province", "sy", "site"),
    ("حقل كونيكو للغاز شرقي دير الزور", "the Conoco gas field east of Deir ez-Zor", "sy", "site"),
    ("قاعدة التنف قرب المثلث الحدودي", "the al-Tanf garrison near the border triangle", "sy", "site"),
    ("قاعدة الشدادي جنوبي الحسكة", "the al-Shaddadi base south of Hasakah", "sy", "site"),
    ("مدينة البوكمال على الحدود العراقية", "Albu Kamal on the Iraqi border", "sy", "town"),
    ("مدينة الميادين في ريف دير الزور", "the town of Mayadin in Deir ez-Zor province", "sy", "town"),
    ("مدينة درعا", "the southern city of Daraa", "sy", "town"),
    ("مدينة منبج في ريف حلب", "Manbij in Aleppo province", "sy", "town"),
    ("مدينة إدلب", "the city of Idlib", "sy", "town"),
)
