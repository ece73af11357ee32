"""English ordinary news by topic: headlines, opening sentences, body sentences and quoted claims.

Written for the benchmarks in the register of wire copy and regional English-language sites.
None of these sentences carries an attack word. ``LOOK_TWICE`` holds the ordinary sentences that
do carry one without a weapon (a labour strike, a police raid, a scathing attack on the budget, a
gas explosion): the generator puts one in about one ordinary article in ten, as in real news.
"""

from __future__ import annotations

# topic -> (headline, opening sentence): a headline says what its opening sentence says
LEADS: dict[str, tuple[tuple[str, str], ...]] = {
    "politics": (
        (
            "Parliament debates draft laws with {mps} lawmakers present",
            "{country}'s parliament met {today} with {mps} lawmakers present and debated several draft laws on its agenda.",
        ),
        (
            "Prime minister unveils measures to ease cost of living",
            "The prime minister {today} announced a package of measures he said would ease the cost of living for families in {city} and other cities.",
        ),
        (
            "President meets tribal leaders from {province}",
            "The president {today} received a delegation of tribal leaders from {province} to discuss services and social conditions there.",
        ),
        (
            "Cabinet approves new health and education decisions",
            "The cabinet approved a series of decisions on health and education at its weekly meeting {today}.",
        ),
        (
            "{person} calls for emergency session over delayed budget",
            "{person}, who heads one of the largest blocs in parliament, called for an emergency session to discuss the delayed federal budget.",
        ),
        (
            "Protesters in {city} demand jobs and better services",
            "Hundreds of protesters gathered outside the local government building in {city} {today} demanding jobs and better services.",
        ),
        (
            "Parliament passes social security bill",
            "Parliament passed a social security bill by a majority vote after a long session marked by disputes between the blocs.",
        ),
    ),
    "economy": (
        (
            "Central bank says foreign reserves reach ${bn} billion",
            "The central bank said {today} its foreign currency reserves rose to ${bn} billion at the end of last month.",
        ),
        (
            "Food prices in {city} rise {pct}% in a month",
            "Food prices in {city} rose {pct}% last month, according to data from the central statistics office.",
        ),
        (
            "Stocks close {spct}% higher",
            "The main stock index closed {spct}% higher {today} in active trading.",
        ),
        (
            "{company} to build low-cost housing in {province}",
            "The planning ministry {today} signed an agreement with {company} to build low-cost housing in {province}.",
        ),
        (
            "Sales slump in {city} markets, traders say",
            "Traders in {city}'s central markets say sales have fallen sharply since the start of the month.",
        ),
        (
            "Finance ministry starts paying {month} salaries",
            "The finance ministry said {today} it had begun paying public sector salaries and pensions for {month}.",
        ),
    ),
    "sport": (
        (
            "{club} beat {club2} {score}",
            "{club} beat visitors {club2} {score} {today} in round {round_n} of the league.",
        ),
        (
            "{club} and {club2} held to goalless draw",
            "{club} and {club2} played out a goalless draw in {city} in round {round_n} of the premier league.",
        ),
        (
            "{adj} coach names {num}-man squad for {country2} friendly",
            "The {adj} national team coach named a {num}-man squad for a friendly against {country2}.",
        ),
        (
            "{club} and {club2} meet in top-of-the-table clash",
            "{city}'s international stadium hosts the top-of-the-table clash between {club} and {club2} {next_day}, with a big crowd expected.",
        ),
        (
            "{club} appoint {person} as coach",
            "{club} said {today} they had appointed {person} as coach on a two-year contract.",
        ),
        (
            "Youth team wins Arab championship on penalties",
            "The national youth team won the Arab championship after beating {country2} on penalties in the final.",
        ),
    ),
    "health": (
        (
            "{num} new measles cases in {province}",
            "The health ministry said {today} it had recorded {num} new measles cases in {province} and urged parents to vaccinate their children.",
        ),
        (
            "New {hundreds}-bed hospital opens in {city}",
            "The health minister {today} opened a new specialist hospital in {city} with {hundreds} beds.",
        ),
        (
            "Polio vaccination drive in {city} to reach {num},000 children",
            "Health authorities in {city} launched a polio vaccination campaign to reach more than {num},000 children under five.",
        ),
        (
            "Surgeons in {city} complete rare kidney transplant",
            "Surgeons at {city} teaching hospital carried out a rare kidney transplant, the health department said.",
        ),
        (
            "Health ministry warns against overuse of antibiotics",
            "The health ministry {today} warned against taking antibiotics without medical advice.",
        ),
    ),
    "culture": (
        (
            "{city} book fair opens with {num} publishers",
            "The {city} international book fair opened {today} with {num} Arab and foreign publishers taking part.",
        ),
        (
            "Theatre festival in {city} draws artists from {few} Arab countries",
            "An Arab theatre festival opened in {city} with performers from {few} Arab countries.",
        ),
        (
            "Archaeologists unearth ancient finds near {city}",
            "Archaeologists said {today} they had found ancient artefacts near {city}.",
        ),
        (
            "Film by {person} wins top prize in {wcity}",
            "A film by director {person} won the top prize at the {wcity} film festival.",
        ),
        (
            "Young poets take the stage in {city}",
            "The cultural centre in {city} hosted an evening of readings by young poets.",
        ),
    ),
    "weather": (
        (
            "Clear skies and slightly warmer weather expected",
            "Forecasters expect clear to partly cloudy skies {today}, with temperatures rising slightly.",
        ),
        (
            "Heavy rain floods streets in {province}",
            "Heavy rain swept across large parts of {province}, flooding streets and low-lying neighbourhoods.",
        ),
        (
            "{city} records country's highest temperature",
            "{city} recorded the country's highest temperature {today} at {temp} degrees Celsius.",
        ),
        (
            "Schools closed in {province} as storms hit",
            "Authorities in {province} closed schools because of bad weather.",
        ),
    ),
    "courts": (
        (
            "Man jailed for {few} years over fake housing scheme",
            "A criminal court in {city} sentenced a man to {few} years in prison for defrauding buyers with fake housing projects.",
        ),
        (
            "Police arrest {few} suspects in {city} drugs case",
            "Anti-narcotics police arrested {few} suspects in {city} on charges of possessing and selling drugs.",
        ),
        (
            "Officials caught taking bribes in {city}",
            "The integrity commission said {today} it had caught officials at the property registry in {city} taking bribes.",
        ),
        (
            "Two killed in highway crash near {city}",
            "Two people were killed and three injured in a road accident on the highway near {city}, traffic police said.",
        ),
        (
            "Warehouse fire in {city} put out, no injuries",
            "Civil defence teams put out a fire at a household goods warehouse in {city}; no one was hurt.",
        ),
    ),
    "diplomacy": (
        (
            "Foreign minister discusses ties with {country2} counterpart",
            "The foreign minister discussed bilateral ties with his counterpart from {country2} in a phone call {today}.",
        ),
        (
            "Delegation from {country2} arrives in {capital}",
            "A delegation from {country2} arrived in {capital} {today} for a {few}-day visit.",
        ),
        (
            "Foreign minister receives ambassador of {country2}",
            "The foreign minister {today} received the ambassador of {country2} to discuss regional developments.",
        ),
        (
            "{country} and {country2} sign maritime transport memorandum",
            "{country} and {country2} signed a memorandum on cooperation in maritime transport and ports.",
        ),
    ),
    "education": (
        (
            "Pass rate in national exams reaches {pct}%",
            "The education ministry {today} published national exam results, with a pass rate of {pct}%.",
        ),
        (
            "More than {num},000 pupils return to school in {province}",
            "More than {num},000 pupils in {province} returned to school {today} at the start of the new academic year.",
        ),
        (
            "Postgraduate applications to open on {next_day}",
            "The higher education ministry said postgraduate applications at state universities will open on {next_day}.",
        ),
    ),
    "services": (
        (
            "{city} launches campaign to resurface main roads",
            "The municipality of {city} {today} launched a campaign to resurface main roads and pave side streets.",
        ),
        (
            "Residents of {city} complain of long power cuts",
            "Residents of several neighbourhoods in {city} say power cuts are lasting for hours as temperatures rise.",
        ),
        (
            "Desalination plant in {city} to serve {num},000 people",
            "The governor of {city} {today} opened a desalination plant serving about {num},000 people.",
        ),
        (
            "New {hundreds}-megawatt power station connected to grid",
            "The electricity ministry said a new {hundreds}-megawatt power station had been connected to the grid.",
        ),
    ),
    "energy": (
        (
            "Crude exports rise to {oil} million barrels a day",
            "Crude exports rose to {oil} million barrels a day last month, oil ministry data showed.",
        ),
        (
            "Oil ministry signs deal with {company} to develop field in {province}",
            "The oil ministry {today} signed a contract with {company} to develop an oil field in {province}.",
        ),
        (
            "Brent falls to ${brent} a barrel",
            "Brent crude fell to ${brent} a barrel {today} on worries about slowing global demand.",
        ),
        (
            "Plan to capture gas instead of flaring it",
            "The government announced a plan to capture gas produced with oil instead of flaring it.",
        ),
    ),
    "agriculture": (
        (
            "Wheat marketing season begins in {province}",
            "The agriculture ministry said the wheat marketing season had begun in {province}, with a large harvest expected.",
        ),
        (
            "Tigris and Euphrates at record lows, ministry warns",
            "The water resources ministry warned that levels in the Tigris and Euphrates had fallen to record lows.",
        ),
        (
            "Farmers in {province} complain of water shortages",
            "Farmers in {province} say water shortages and expensive fertiliser are hurting their crops.",
        ),
        (
            "Tomato imports banned to protect local growers",
            "The agriculture ministry banned tomato imports to protect local growers during the harvest.",
        ),
    ),
    "tech": (
        (
            "5G service launched in {city}",
            "{company} said {today} it had launched 5G service in {city}, with other cities to follow.",
        ),
        (
            "Single portal launched for official documents",
            "The communications ministry launched a single online portal for official documents.",
        ),
        (
            "Students from {city} win regional coding contest",
            "A team of students from the University of {city} won a regional programming contest held in {wcity}.",
        ),
    ),
    "religion": (
        (
            "Millions of pilgrims converge on Karbala for Arbaeen",
            "Millions of pilgrims converged on Karbala for Arbaeen amid tight organisation.",
        ),
        (
            "Hajj ministry says {big} foreign pilgrims have arrived",
            "The Hajj ministry said {big} pilgrims had arrived from abroad by air, land and sea.",
        ),
        (
            "Muslims asked to look for Ramadan crescent",
            "The religious endowment office asked Muslims to look for the Ramadan crescent on the evening of {next_day}.",
        ),
    ),
    "transport": (
        (
            "Flights between {city} and {wcity} to resume",
            "The civil aviation authority said flights between {city} and {wcity} would resume on {next_day}.",
        ),
        (
            "New highway links {city} and {city2}",
            "The transport minister {today} opened a new {num}-kilometre highway between {city} and {city2}.",
        ),
        (
            "Ministry plans expansion of {city} port",
            "The transport ministry announced a plan to expand {city} port.",
        ),
        (
            "Fare rises anger travellers after fuel price increase",
            "Higher fares between provinces have angered travellers after fuel prices went up.",
        ),
    ),
}

BODY: dict[str, tuple[str, ...]] = {
    "politics": (
        "{person}, a member of parliament's legal committee, said the bill would get its second reading next week.",
        "The main blocs agree on the outline, he said, but several articles are still disputed.",
        "Parliament has postponed the vote {few} times for lack of a quorum.",
        "The session is due to resume on {next_day}.",
        "The electoral commission said it had finished distributing voter cards in {province}.",
        "Small peaceful demonstrations were held across the city and no incidents were reported, local sources said.",
        "{person} criticised what he called an unjustified delay in passing the budget.",
        "One bloc walked out of the session in protest at what it called a breach of the rules of procedure.",
        "Lawmakers from rival blocs traded accusations before the speaker adjourned the session.",
        "The prime minister said the government would press ahead with its reform programme despite financial difficulties.",
        "Committees will present their reports within thirty days, he said.",
        "Talks continue among political parties to agree on a consensus candidate for governor of {province}.",
        "Analysts say the crisis could drag on unless the parties reach a deal before the end of the year.",
        "Preliminary figures put turnout at {pct}%.",
        "Protesters demanded that officials be held to account for wasting public money.",
        "The interior minister met the governor of {city} to discuss security arrangements for the coming elections.",
        "Relations between the government and parliament have grown increasingly tense in recent weeks.",
        "The council has {num} members representing the province's communities and districts.",
    ),
    "economy": (
        "{person}, an economist, said rising prices reflected swings in the exchange rate and higher transport costs.",
        "Annual inflation held at {spct}%, the report said.",
        "The central bank has targeted inflation for {few} years to keep prices stable.",
        "Non-oil exports grew {pct}% from a year earlier.",
        "The business federation called for easier lending to small and medium-sized firms.",
        "The company has capital of {money} million {currency} and works in housing, energy and transport.",
        "The dollar fell on the parallel market to {big} {currency}.",
        "Official figures show {num} investment projects have been licensed since the start of the year.",
        "The government is studying extra tariffs on imported goods that have a local substitute.",
        "Gold shops in {city} reported few buyers after the price per gram hit a record.",
        "The International Monetary Fund expects growth of {spct}% next year.",
        "The budget deficit will be financed through domestic borrowing and bond sales, the ministry said.",
        "Many families say fixed salaries no longer keep up with prices.",
        "Analysts expect prices to keep rising until the end of the first quarter.",
        "Trade with neighbouring countries topped ${bn} billion last year.",
        "{woman}, who runs a clothes shop, said customers now buy only what they need.",
        "{company} plans to open {few} new branches next year.",
    ),
    "sport": (
        "{club} dominated the first half, but their forwards missed several clear chances.",
        "The visitors pressed forward after the break in search of an equaliser, but the defence held.",
        "The win lifts {club} to {num} points, in {rank_en} place.",
        "Coach {person} said he was pleased with his players and that the title race was still open.",
        "About {num},000 fans watched the match.",
        "The referee sent off a {club2} defender in the {minute}th minute.",
        "The {adj} national team will hold a {num}-day training camp in {wcity}.",
        "The club said the player had a knee injury and would be out for about {few} weeks.",
        "{club} host {club2} in the next round.",
        "All tickets for the match were sold {few} days before kick-off.",
        "Sprinter {person} won gold in the {meters} metres at the Asian championships.",
        "{person} put {club} ahead before {club2} levelled from the penalty spot.",
        "The team is {rank_en} with {num} points after {few} rounds.",
        "{person}'s move to {club} is the biggest transfer of the season.",
        "The club president promised new signings in the January transfer window.",
        "The goalkeeper made several important saves.",
        "{woman} won the long jump gold at the Arab Games.",
    ),
    "health": (
        "Mobile teams will visit schools and kindergartens in the coming days, the public health director said.",
        "The ministry said vaccines were available in sufficient quantities at all health centres.",
        "People with fever and a rash should go to their nearest health centre, it said.",
        "About {big} patients visited the hospital last month.",
        "Emergency wards were more than {pct}% full, he said.",
        "The health sector lacks nurses and modern equipment, according to a parliamentary report.",
        "Doctors warned against taking medicines without a prescription, especially painkillers and antibiotics.",
        "The awareness campaign covers schools, universities and government offices.",
        "The food and drug authority recalled a batch of a medicine that failed to meet standards.",
        "The ministry wants more medicines made locally and fewer imports.",
        "Outpatient clinics are open from 8 a.m. to 2 p.m.",
        "{person}, an internal medicine specialist, said the flu season had started early this year.",
        "The World Health Organization called for stronger disease surveillance in the region.",
        "Medical teams carried out more than {big} free breast cancer screenings.",
        "Diabetes cases are rising by {spct}% a year, figures show.",
        "Dr {woman} said prevention starts with a balanced diet and exercise.",
    ),
    "culture": (
        "The programme includes talks, poetry evenings and book signings.",
        "{person}, the fair's director, said attendance had exceeded expectations in the first days.",
        "The event runs until {next_day} and is open from 10 a.m. to 10 p.m.",
        "Young poets read their work, followed by traditional music.",
        "The exhibition shows paintings by {num} artists from different schools.",
        "Artist {woman} said her new work drew on her grandmothers' stories and the old markets.",
        "This year the festival celebrates folk heritage and handicrafts.",
        "The ministry of culture has launched a novel prize for writers under 35.",
        "The fair is part of an effort to revive the city's cultural life after years of decline.",
        "The central library holds more than {num},000 titles.",
        "The festival honoured several pioneers of theatre and television at its closing ceremony.",
        "The archaeological mission will continue digging until the end of the season.",
        "The film opens in local cinemas next month.",
        "Critics say the novel follows the city's changes across three generations.",
        "Publishers from {few} countries are taking part.",
    ),
    "weather": (
        "Winds will be light to moderate north-westerly, at times raising dust.",
        "Drivers were urged to take care because of poor visibility.",
        "Night temperatures will fall to {few} degrees in the north.",
        "Forecasters said this rainy season had been better than the last.",
        "Municipal crews pumped rainwater from low-lying areas through the night.",
        "Settled weather is expected to return from {next_day}.",
        "Civil defence warned of flash floods in valleys and low ground.",
        "The {city} station recorded {num} mm of rain in {few} hours.",
        "People with asthma were advised to stay indoors.",
        "A dust storm has disrupted flights at several airports for hours.",
        "Daytime highs in {city} range between {temp} and {temp2} degrees.",
        "Snow is expected on high ground in the north.",
    ),
    "courts": (
        "The verdict was issued under the penal code, the judicial council said.",
        "The suspects have been referred to an investigating judge.",
        "Investigations are continuing to identify the rest of the network, police said.",
        "The recovered funds are worth about {money} million {currency}.",
        "An administrative court overturned the dismissal of {num} employees.",
        "The court adjourned the case until {next_day} to hear more witnesses.",
        "The defence lawyer said his client would appeal.",
        "Traffic police impounded {num} vehicles during a week-long campaign.",
        "A traffic police source said a lorry tyre had burst and the vehicle veered off the road.",
        "Police arrested a man accused of stealing cars from public car parks in {city}.",
        "The integrity commission referred {few} former officials to the courts over misuse of public funds.",
        "The court ordered compensation of {money} million {currency}.",
    ),
    "diplomacy": (
        "The two sides stressed the importance of closer cooperation in energy, trade and investment.",
        "They discussed shared water resources and coordination at international forums.",
        "The minister invited his counterpart to visit {capital} soon.",
        "The joint ministerial committee will meet in {wcity} early next month.",
        "The minister said his country rejected interference in its internal affairs.",
        "The ambassador said his country wanted to raise trade, which reached ${bn} billion last year.",
        "The visit is part of a regional tour taking in {few} countries.",
        "The foreign minister attended the United Nations General Assembly in New York.",
        "The ministry welcomed the decision to reopen the consulate in {city}.",
        "The ministry called on all sides to show restraint and choose dialogue.",
        "They reviewed UN-sponsored negotiations under way.",
        "The two sides agreed to ease visas for business people and students.",
        "{woman}, the ministry spokeswoman, said the visit reflected close ties between the two countries.",
    ),
    "education": (
        "Results are available on the ministry's website.",
        "Schools in {province} are overcrowded and short of buildings.",
        "{person}, president of the University of {city}, said the university aimed to enter world rankings.",
        "The ministry formed a committee to review and update the curriculum.",
        "{big} schools still run double shifts.",
        "{woman} came first in the country with an average of {grade}.",
        "Textbooks have been delivered to {num} schools in the first phase.",
        "Exams will follow a published timetable, the director general said.",
        "The ministry launched an online platform for remote lessons.",
        "Parents asked for safe school transport in rural areas.",
        "The university offered scholarships to {num} top students.",
        "A new class of {num} doctors graduated from the medical school {today}.",
    ),
    "services": (
        "The project is {pct}% complete, the provincial projects director said.",
        "Crews are working in shifts to finish before the rainy season, the mayor said.",
        "The project will cost ${money} million in total.",
        "Maintenance teams are repairing repeated bursts in the main water pipes.",
        "The electricity ministry promised longer supply hours in summer.",
        "Residents asked for paved side streets and sewage networks.",
        "More than {big} tonnes of rubbish were removed during the campaign.",
        "Work has begun on {few} new bridges to ease congestion.",
        "Many residents rely on private generators during power cuts.",
        "Water will be cut in several districts for {few} hours for maintenance.",
        "Stalled projects will be taken away from contractors who miss deadlines, the governor said.",
        "Shopkeepers complained that roadworks outside their shops had dragged on for months.",
    ),
    "energy": (
        "Revenue from exports reached ${bn} billion in the month.",
        "The ministry wants to use associated gas instead of flaring it and import less gas for power stations.",
        "{person}, the ministry spokesman, said petrol prices at the pump would not change.",
        "The plan aims to raise refinery capacity.",
        "OPEC and its allies kept output unchanged until the end of next quarter.",
        "The company will build a gas processing plant with a capacity of {hundreds} million cubic feet a day.",
        "More than {big} workers and technicians are employed on the project.",
        "Southern ports exported about {num} million barrels last month.",
        "The government plans {hundreds} megawatts of solar power in desert areas.",
        "Experts say swings in oil prices expose an economy that relies on one resource.",
        "North Oil Company said it had raised output from fields in {province}.",
    ),
    "agriculture": (
        "About {big} tonnes of wheat have been delivered so far.",
        "The ministry urged farmers to use sprinkler and drip irrigation.",
        "This season {big} dunams were planted, the agriculture directorate said.",
        "Markets in {city} are well stocked with local produce and tomato prices have fallen.",
        "Reservoirs hold enough water for the summer season, he said.",
        "Farmers demanded payment of arrears from previous seasons.",
        "Agriculture accounts for about {pct}% of rural jobs.",
        "Salty water has cut yields in southern areas.",
        "The government wants to revive cotton and maize farming.",
    ),
    "tech": (
        "The regulator said subscribers' personal data had not been compromised.",
        "The government wants to move public services online.",
        "The country has more than {num} million internet users.",
        "Experts from {few} countries are attending the artificial intelligence conference.",
        "Cyber security experts warned of scam messages posing as banks and telecom firms.",
        "Internet package prices were cut by {pct}%.",
        "{woman}, founder of a start-up, said the digital business climate was slowly improving.",
        "The app lets people pay electricity and water bills online.",
        "The company plans to lay {num},000 kilometres of fibre-optic cable.",
    ),
    "religion": (
        "Volunteers served food and drink to pilgrims along the route.",
        "{big} pilgrims have arrived from abroad so far.",
        "Hospitals and field clinics are ready for emergencies, health officials said.",
        "The shrines organised cultural programmes alongside the pilgrimage.",
        "The transport ministry assigned {big} buses to carry pilgrims between provinces.",
        "The Friday preacher called for tolerance and solidarity.",
        "Electronic permits are required to perform Hajj this year.",
        "Work continues to expand the squares around the mosque.",
    ),
    "transport": (
        "Passenger numbers rose {pct}% from last year, the airport director said.",
        "The new road halves travel time between the two cities.",
        "The national carrier will operate {few} flights a week on the route.",
        "The port's capacity will reach about {num} million tonnes a year after the expansion.",
        "Taxi drivers asked for official fares after fuel prices rose.",
        "Railway repairs will be finished before the end of the year, the ministry said.",
        "Traffic is heavy at rush hour because of roadworks.",
        "New vehicle number plates will be issued from {next_day}.",
    ),
}

CLAIMS: dict[str, tuple[str, ...]] = {
    "politics": (
        "the government would press ahead with its programme despite the pressure",
        "dialogue was the only way to settle disputes between the blocs",
        "the bill would be put to a vote before the end of the session",
        "the elections would be held on time",
        "the protesters' demands were legitimate",
        "the budget would reach parliament within days",
    ),
    "economy": (
        "the economy needed to rely less on oil",
        "prices would stabilise in the coming months",
        "the private sector was a key partner in development",
        "the new measures would help attract foreign investment",
        "banks should ease lending conditions",
    ),
    "sport": (
        "the team deserved the three points",
        "the title race would go down to the last round",
        "injuries had hurt the team in recent weeks",
        "the fans had made the difference",
    ),
    "health": (
        "the situation was under control",
        "the vaccines were safe and free at all health centres",
        "the new hospital would ease pressure on the city's hospitals",
    ),
    "culture": (
        "culture was a bridge between peoples",
        "the city was slowly regaining its cultural standing",
        "state support for the arts was still not enough",
    ),
    "weather": (
        "the weather would improve gradually over the coming days",
        "service crews were on alert for more rain",
    ),
    "courts": (
        "the judiciary would not tolerate anyone who misused public money",
        "the investigation would expose everyone involved",
        "the verdict could be appealed",
    ),
    "diplomacy": (
        "relations between the two countries were improving steadily",
        "his country supported political solutions to the region's crises",
        "the visit would open new areas of economic cooperation",
    ),
    "education": (
        "the ministry was tackling the shortage of school buildings",
        "the new curriculum would be introduced gradually",
    ),
    "services": (
        "the project would be finished before the end of the year",
        "the power crisis was being solved",
    ),
    "energy": (
        "fuel prices would not change for now",
        "the country could raise output if market conditions allowed",
        "renewable energy was a strategic choice",
    ),
    "agriculture": ("this was one of the best seasons in years", "water shortages threatened food security"),
    "tech": ("moving services online would curb red tape", "protecting personal data was a priority"),
    "religion": ("the service plan had coped with the large numbers of pilgrims",),
    "transport": ("new airlines would start flying to the airport next year",),
}

QUOTES: tuple[str, ...] = (
    "{person} told reporters {claim}.",
    "{person} said in a statement that {claim}.",
    "A source who asked not to be named said {claim}.",
    "{person}, a professor at the University of {city}, said {claim}.",
    "The spokesman said {claim}.",
    "{person} said {claim}, adding that more steps would follow in the coming days.",
    "An official statement issued {today} said {claim}.",
    "{woman} said {claim}.",
    "{person} told local media {claim}.",
    "The state news agency quoted {person} as saying {claim}.",
)

# (topic, headline or "", sentence): an attack word without a weapon in ordinary news.
LOOK_TWICE: tuple[tuple[str, str, str], ...] = (
    (
        "politics",
        "Lawmaker launches scathing attack on government over services",
        "Opposition lawmaker {person} launched a scathing attack on the government, accusing it of failing on basic services.",
    ),
    (
        "politics",
        "",
        "Opposition leader {person} attacked the government's economic policy, saying it lacked a clear vision.",
    ),
    (
        "tech",
        "Cyber attack knocks government websites offline",
        "Websites of several government departments went offline for hours after a cyber attack.",
    ),
    ("tech", "", "Response teams repelled the attack and restored service within hours, he said."),
    (
        "education",
        "Teachers' union threatens strike over delayed allowances",
        "The teachers' union called a strike over delayed allowances.",
    ),
    (
        "economy",
        "Cement workers strike over unpaid wages",
        "Workers at the state cement plant went on strike over unpaid wages.",
    ),
    (
        "economy",
        "",
        "Tax inspectors raided several wholesale warehouses suspected of under-declaring imports.",
    ),
    ("sport", "", "The coach set his side up to attack from the start and they scored early."),
    ("courts", "", "The court convicted a man of assaulting a public employee on duty."),
    (
        "courts",
        "Police raid warehouse of smuggled goods in {city}",
        "Police raided an unlicensed warehouse on the edge of the city and seized smuggled goods.",
    ),
    (
        "courts",
        "Gas cylinder explosion injures two restaurant workers",
        "Civil defence said a gas cylinder explosion at a restaurant had left two workers with minor burns.",
    ),
    ("economy", "", "The two companies struck a deal to share distribution networks."),
    ("diplomacy", "", "The minister said his country would not accept any assault on its sovereignty."),
)
