"""Hand tables for tools/build_world.py: cities and ambiguous names (build time only).

What a rule cannot decide about the GeoNames cities: the English and Arabic names news uses where
GeoNames transliterates otherwise, alternate names that are wrong or belong to something else, and
the names that also mean an ordinary word, a person or another thing (they count only with
context). Keys of the city tables are GeoNames ids.
"""

from __future__ import annotations

# English names where the GeoNames transliteration is not the one the press uses.
NAME_EN = {
    "104515": "Mecca",
    "109223": "Medina",
    "79415": "Hodeidah",
    "78754": "Mukalla",
    "71334": "Saada",
    "71137": "Sanaa",
    "283506": "Jenin",
    "266826": "Tripoli",
}

# Arabic names where GeoNames has none in Arabic script, or not the form Arab outlets use.
NAME_AR = {
    "2553604": "الدار البيضاء",  # Casablanca: "the white house", a translation
    "2507480": "الجزائر العاصمة",  # Algiers: الجزائر is the country
    "281184": "القدس",
    "101732": "عنيزة",  # Unaizah (Qassim)
    "285066": "الخليل",  # Hebron
    "282239": "رام الله",
    "73560": "لحج",
    "267008": "صور",  # Tyre; GeoNames' الصور is "the pictures"
    "266826": "طرابلس",
    "750269": "بورصة",
    "294098": "الناصرة",  # Nazareth: a translation, not a transliteration
    "315808": "إلازيغ",
    "2218840": "بني وليد",
    "104515": "مكة المكرمة",
    "109223": "المدينة المنورة",
    "108410": "الرياض",
}

# Alternate names of a city not worth having (another place, a word, a wrong reading).
JUNK: dict[str, str] = {}

# Short Arabic names of cities so often in the news that they stand on their own, though three
# letters or fewer usually means context only.
FAMOUS_SHORT = frozenset("عدن تعز غزة القدس مكة جدة".split())

# Arabic names that also mean an ordinary word, a person, a body or another place: context only.
# (Single words of three letters or fewer after the article are context anyway, FAMOUS_SHORT aside.)
AMBIGUOUS_AR = frozenset(
    # Ordinary words, found among world names by counting them in Arabic news (SaudiNewsNet).
    "وجدة وجده الأحمدي الاحمدي أصيلة اصيلة تاما أويل اويل تولوا أبينا ابينا أيدين ايدين بردا روان "
    "بولو ادوا أدوا ليري نارا براك بالتي أديا اديا باتا موشي داوني باتي كاتي ميسا جيان أبيك ابيك "
    "موندو بوما فينه بوشر أموس اموس رنية رنيه "
    "الجديد الجديدة جامعة الداخلية بيان دولة دوله عالية دوري الحد معسكر الشهداء الجزيرة "
    "الابيض الأبيض البيضاء الظاهرة العيون سلطات السد محلات الجميل طراز الزعيم الساحل الصف "
    "المنشاة المنشأة الطيبة كورونا بسيط البسيط العبور ينقل داخلة الكردي قصور القصور تربة "
    "بشري أدري جوهر حصار مساكن المذنب شقراء الغازية الحمام النعمة النجمة ميدان بورصة ميلان "
    "مشهد القريات عمران بركان الرديف الشروق بدين المحمدية المنزلة سلالة الخبراء آلاشهر "
    "محافظة مدينة الوادي الواحات المرج الشمالية الجنوبية الزاوية الشرق "
    "طائف واري تويوتا أطار رياض الام موبيل كارولينا لنكن نقده هاله الجمالية الخارجة رماح سترة "
    "قريات بانه هوئه هويه فرعون اورين سراب بهار القرين البستان ايوان ابهر رالي داروين القنطرة "
    "الحمامات ماري توما روسو تايلر أوستن "
    "جنان فتحية المالح بيتش مدان فورت جوري تاني المرسى اردو تربت أورانج سيان بولتون لنكولن "
    "الرابية بهوي أولو زاما آباده تاريخا رباط سويس اقصر ساري رينو ديربي أفيون طريف قاهره "
    # Given names and family names
    "نايف بيرا جمال بندر دورا سالم بشار سارة سعيدة فلاديمير ديلي ديلى سلوى رشيد يهود "
    "إليزابيث اليزابيث جاكسون كاري دخيل الغانم مينا ريمة فارس كاين لاتر ارين بالا صيلة "
    "قبلي جيهان يوجين لوريل لينكولن كلينتون هاملتون هاميلتون فرانكلين ماديسون ".split()
)

# Latin names that are also English words or given names: context only.
AMBIGUOUS_EN = frozenset(
    # English words: single-word names met in lower case at least a fifth of the time in English
    # news (Reuters-21578 and the project's English stream), then by hand.
    "Acre Anchorage Ann Ascension Awash Bar Barking Big Billings Bolivar CAR Can Cars Cat Coast Sana "
    "Copperbelt Dinar Dire Enterprise Era Erode Hail Hub Independence Jam Lira Male Man Maritime "
    "Mile Mobile Nice Off Of Oral Orange Pare Pest Pool Reading Rich Rivers Riverside Sale Say "
    "Shaping Shot Soda Sour Split Store Sur Surprise Tank Tire Unity Van Bath Gulf Delta Bay "
    "Commonwealth Phoenix Lakes San Lac Metro Mesa Vista Paradise Springs Falcon Samba Saga "
    "Cascade Concord Centrale Mon Wal Sues Ahmad Batman Mary Mus Ordu Best Gold Police Bus "
    "Marche Cork Derby Bolton Nord Sud Est Centre Centro Norte Sur Oriental Occidental Capital "
    "Plateau Littoral Lagunes Savanes Lake Islands Coastal Western Eastern Northern Southern "
    "Central Upper Lower Middle Mid Valley Highlands "
    # Given names and family names, companies and newspapers
    "George Taft Midland Burlington Santos Nigel Edison Irving Zaire Westminster Montgomery Brent "
    "Southland Henderson Bush Ida Carolina Kimberley Nelson Eugene Leo Victoria Dudley Elizabeth "
    "Warren Columbus Hitachi Norman Mena Salem Jackson Kent Kennedy Madison Hassan Negara "
    "Richardson Yao Ahram Nancy Vladimir Farah Toyota Kawasaki Komatsu Austin Lincoln Clinton "
    "Franklin Hamilton Jefferson Florence Marion Charlotte Aurora Regina Mercedes Lowell Lawrence "
    "Chester Cleveland Dayton Fullerton Preston Bradford Durham Irvine Albany Windsor Newport "
    "Paterson Pasadena Tyler Abilene Allen Beaumont Carson Davis Fairfield Frederick Gary Hayward "
    "Jackson Lafayette Layton Logan Miller Murray Norwalk Pearland Quincy Redding Sandy "
    "Warner Wilson Troy Vernon Weston Wilmington Jordan "
    "Lebanon Kuwait Pearl Bradley Stanley Hastings Crawley Wakefield Bury Sutton Hull Tal Aga Maki "
    "Monte Saba Chas Soma Lai Adam Rodriguez Milton Salvador Cesar Lara Everett Langley Buffalo "
    "Savannah Sabah Soriano Liwa".split()
)

# Names of several words that are also ordinary phrases: context only.
AMBIGUOUS_PHRASES = frozenset(
    "الجبل الأخضر|المنطقة الوسطى|المنطقة الشمالية|المنطقة الجنوبية|المنطقة الشرقية|المنطقة الغربية|"
    "البحر الأحمر|النيل الأزرق|النيل الأبيض|نهر النيل|الجهة الشرقية|Santa Clara|Old City|New City|"
    "Red Sea|Blue Nile|White Nile|Green Mountain|West Coast|High Point|Al Awsat|Long Island|"
    "Eastern Province|Western Province|Northern Province|Southern Province|Central Province|"
    "Eastern Region|Western Region|Northern Region|Southern Region|Central Region|"
    "Eastern District|Western District|Northern District|Southern District|Central District".split("|")
)

# Words never used bare as a division's name (directions, "capital"): only the qualified forms
# ("Northern (Bahrain)", "محافظة العاصمة") are kept.
GENERIC = frozenset(
    "north south east west northern southern eastern western central centre center capital "
    "north-east north-west south-east south-west northeast northwest southeast southwest "
    "nord sud est ouest centre-nord centre-sud centre-est centre-ouest upper lower middle "
    "العاصمة الشمال الجنوب الشرق الغرب الوسط الشمالية الجنوبية الشرقية الغربية الوسطى "
    "المركز مركزي".split()
)

# Names shared with a place of places.csv that stay unambiguous for the world place, because it
# is by far the more prominent one; the places.csv place keeps its own reading too.
# Tyre (صور, Lebanon) stays unambiguous in English despite the car tyre: it is a frequent target.
WORLD_WINS = frozenset(
    {
        "الإسكندرية",  # Alexandria, Egypt, over Iskandariya (Babil)
    }
)

# Names shared by several world places where one is meant far more often (matching form -> id).
PREFER = {
    "Ontario": "CA-ON",  # the province, not Ontario (California)
    "رفح": "PS-RFH/rafah",  # Gaza's Rafah, not the Egyptian side of the crossing
    "Rafah": "PS-RFH/rafah",
    "الجوف": "",  # Saudi Arabia's region and Yemen's governorate are both in the news
    "Al Jawf": "",
}
