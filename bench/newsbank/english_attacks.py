"""English attack words in news: mentions that are not current attacks, and current attack reports.

The same kinds as ``arabic_attacks``, written for English-language wires and regional sites.
"""

from __future__ import annotations

# kind -> topic of the background sentences, headlines, opening sentences (the n-th headline goes
# with the n-th opening sentence), further sentences
MENTIONS: dict[str, dict[str, tuple[str, ...] | str]] = {
    "anniversary": {
        "topic": "politics",
        "titles": (
            "{city} remembers victims of {ago_year} bombing",
            "{ago_k} years on, {city} marks market bombing",
            "Vigil held for victims of {city} suicide attack",
        ),
        "leads": (
            "Residents of {city} {today} marked the anniversary of the {ago_year} car bombing that tore through a crowded market and killed dozens.",
            "{ago_k} years ago to the day, {city} woke to a series of explosions that shook its old quarter and left scores dead.",
            "Civil society groups in {city} held a vigil for the victims of the suicide attack carried out in {month} {ago_year}.",
        ),
        "more": (
            "The bombing killed more than {num} people and wounded dozens in one of the deadliest attacks the city saw at the time.",
            "Mourners laid wreaths at the site and held up pictures of the dead.",
            "Families of the victims called for the findings of the investigation to be made public.",
            "{woman}, who lost her brother in the attack, said the wound had never healed.",
            "The site of the blast is now a memorial that residents visit every year.",
            "The city suffered a string of roadside bombs and car bombs in those years.",
        ),
    },
    "trial": {
        "topic": "courts",
        "titles": (
            "Man sentenced to death over {city} car bomb",
            "Life term for planting roadside bombs near {city}",
            "Appeals court upholds death sentences over {ago_year} attack",
            "Trial opens over drone parts smuggled to armed groups",
        ),
        "leads": (
            "The central criminal court {today} sentenced a man to death for planning a car bombing in {city} in {ago_year}.",
            "A criminal court jailed for life a man convicted of planting roadside bombs on the roads out of {city} {ago_k} years ago.",
            "The court of cassation upheld death sentences against {few} men convicted over a suicide attack on a funeral gathering in {province} in {month} {ago_year}.",
            "A court in {wcity} began hearing the case of men accused of smuggling drones and missile parts to armed groups in the region.",
        ),
        "more": (
            "The convicted man confessed during questioning to belonging to a militant group and taking part in the attack, the judicial council said.",
            "The court said the evidence, including his confession and witness statements, was enough to convict.",
            "The sentence was passed under the anti-terrorism law.",
            "The defence lawyer said he would appeal, arguing his client had confessed under duress.",
            "Relatives of the victims attended the hearing and welcomed the verdict.",
            "Security forces arrested him months after the attack in an intelligence-led operation.",
        ),
    },
    "threat": {
        "topic": "politics",
        "titles": (
            "Armed faction threatens to target foreign bases",
            "Faction commander vows rocket and drone response",
            "Analyst warns of regional missile war",
            "Official vows response to any attack on bases",
        ),
        "leads": (
            "An armed group {today} threatened to target foreign interests in {country} if foreign troops did not leave within a deadline.",
            "A commander of an armed faction vowed in a statement to respond to any attack with rockets and drones.",
            "{person}, a strategic affairs analyst, warned that the region could slide into an open missile war if escalation continued.",
            "A military official said his forces would respond forcefully to any attack on their bases in the region.",
        ),
        "more": (
            "All bases hosting foreign troops were within range of its missiles, the statement said.",
            "The threat comes amid rising tension in the region and fears of a wider confrontation.",
            "The government urged all sides to show restraint and keep the country out of regional conflicts.",
            "There was no official comment on the threat.",
            "Analysts say the threats are political pressure rather than a real intention to escalate.",
        ),
    },
    "denial": {
        "topic": "politics",
        "titles": (
            "Security cell denies rockets fell on {city}",
            "No drone attack on military site, source says",
            "Video of airport shelling is old, command says",
        ),
        "leads": (
            "The security media cell {today} denied reports circulating on social media that rockets had fallen on {city}, calling them baseless.",
            "A security source in {province} denied that any military site had been attacked by a drone, saying residents had heard a controlled detonation of old munitions.",
            "The joint operations command said a video purporting to show a rocket attack on {city} airport was filmed years ago.",
        ),
        "more": (
            "The cell urged media to check their facts with official sources.",
            "The security situation is completely stable and traffic is normal, the source said.",
            "Legal action will be taken against those spreading rumours, he said.",
            "Social media accounts had reported explosions in the area, which turned out to be fireworks at a wedding.",
        ),
    },
    "drill": {
        "topic": "politics",
        "titles": (
            "Army holds live-fire exercise in {province} desert",
            "Navy wraps up joint drills with {country2} including missile firing",
            "Air defence units train to counter drones",
        ),
        "leads": (
            "The armed forces {today} held a live-fire exercise in the {province} desert involving artillery and drone units.",
            "The navy concluded joint manoeuvres with {country2} that included missile firings at simulated targets at sea.",
            "Air defence forces held an exercise near {city} to practise countering drone attacks.",
        ),
        "more": (
            "The exercise aims to raise combat readiness and coordination between units, the defence ministry said.",
            "The army chief of staff and senior commanders watched the exercise.",
            "Residents may hear explosions from the exercise and there is no cause for concern, the ministry said.",
            "Such drills are held regularly under the annual training plan.",
        ),
    },
    "arms_deal": {
        "topic": "economy",
        "titles": (
            "${bn} billion deal for air defence systems and drones",
            "{country2} approves sale of guided missiles to {country}",
            "Arms imports to region up {pct}%, report says",
        ),
        "leads": (
            "The defence ministry {today} signed a ${bn} billion contract to buy air defence systems and drones from {country2}.",
            "{country2} approved the sale of guided missiles and military equipment to {country}.",
            "Arms imports to the region rose {pct}% over five years, led by missiles and fighter jets, an international report said.",
        ),
        "more": (
            "{person}, a member of parliament's security and defence committee, said the deal would strengthen the country's air defences.",
            "The package includes training and spare parts for {few} years.",
            "Deliveries are expected to start early next year.",
            "Some lawmakers criticised the deal, saying the money should go to health and education.",
        ),
    },
    "opinion": {
        "topic": "politics",
        "titles": (
            "Opinion: Drones and the weapon of chaos",
            "Who decides on war?",
            "Comment: When missiles become the language of politics",
        ),
        "leads": (
            "Drones are no longer the weapon of regular armies; they have become a cheap tool for groups that play with the region's security.",
            "Every time a rocket lands on a base or an airport, the same question returns: who decides on war and peace in this country?",
            "The past years have taught us that roadside bombs and car bombs make no distinction between civilians and soldiers.",
        ),
        "more": (
            "Security measures alone are not enough unless the political and economic causes are addressed.",
            "What is needed is for the state to hold all weapons, not more statements of condemnation.",
            "Ordinary people have paid for this chaos with their lives, their money and their children's future.",
            "Our cities' bitter experience should teach us that nobody wins a war.",
            "The question remains: how long will this go on?",
        ),
    },
    "sport_metaphor": {
        "topic": "sport",
        "titles": (
            "{person} rocket seals win for {club}",
            "Al-Quwa Al-Jawiya edge past {club2}",
            "{club} sharpshooter hits hat-trick",
        ),
        "leads": (
            "{person} fired a rocket from outside the box to give {club} a {score} win over {club2}.",
            "Al-Quwa Al-Jawiya, the air force club, beat {club2} 2-0 {today} in round {round_n} of the league.",
            "{club}'s striker hit a hat-trick as his side's shooting finally clicked against {club2}.",
        ),
        "more": (
            "The {club2} keeper made several saves but could do nothing about the missile in the {minute}th minute.",
            "Fans call the winger 'the rocket' for his pace down the flank.",
            "The team's shooting from distance has improved under coach {person}.",
            "{club} bombarded the box with crosses but could not find a second goal.",
        ),
    },
    "followup": {
        "topic": "services",
        "titles": (
            "Rebuilding begins at {city} market months after bombing",
            "Compensation paid to families of rocket attack victims",
            "Suspect arrested over drone attack",
            "Residents of {city} still waiting for repairs to shelled homes",
            "Teams clear landmines from farmland in {province}",
        ),
        "leads": (
            "Local authorities in {city} {today} began rebuilding the market destroyed by a car bomb {few} months ago.",
            "The government paid compensation to {num} families of victims of last year's rocket attacks on residential areas in {province}.",
            "Security forces said they had arrested a suspect in last month's drone attack on {site}.",
            "Residents of a neighbourhood in {city} are still waiting for repairs to homes damaged by shelling {few} months ago.",
            "Specialist teams began clearing landmines and unexploded ordnance from farmland in {province}, years after the fighting ended.",
        ),
        "more": (
            "The first phase covers {num} shops and water and power networks, a local official said.",
            "{woman}, a resident, said families were still hoping to return home.",
            "The investigation into the attack is almost complete and findings will be announced soon, he said.",
            "The United Nations says large areas are still contaminated with explosive remnants of war.",
            "Residents called for faster compensation and the repair of schools and clinics.",
        ),
    },
    "history": {
        "topic": "culture",
        "titles": (
            "Documentary revisits {city}'s war years",
            "New novel follows family who lost home in air strike",
            "{city} museum opens wing on 1980s war",
        ),
        "leads": (
            "A new documentary by {person} tells the stories of {city}'s residents during the war years, when mortar rounds rained on homes.",
            "A new novel by {person} is set in {city} during the war and follows a family who lost their home in an air strike in {ago_year}.",
            "A museum in {city} opened a new wing displaying the remains of missiles and shells from the war of the 1980s.",
        ),
        "more": (
            "The film draws on survivors' accounts and rare archive footage.",
            "The director said the work was an attempt to save collective memory from oblivion.",
            "The exhibition includes photographs of everyday life in wartime.",
            "Critics say the novel captures the fear people lived with without preaching.",
        ),
    },
    "seizure": {
        "topic": "courts",
        "titles": (
            "Weapons cache with rockets and mortars found in {province}",
            "Roadside bomb defused on farm road near {city}",
            "Plot to attack civilians in {city} foiled",
            "Cell planning drone attacks arrested",
        ),
        "leads": (
            "The security media cell said {today} troops had found a weapons cache containing Katyusha rockets and mortar rounds in {province}.",
            "Bomb disposal teams defused a roadside bomb planted on a farm road near {city} before it could go off.",
            "Security forces foiled a plot to attack gatherings of civilians in {city} and arrested {few} suspects.",
            "The counter-terrorism service said it had arrested a cell planning attacks with explosive-laden drones.",
        ),
        "more": (
            "The operation followed precise intelligence, the statement said.",
            "The seized material was handed over to specialists for disposal.",
            "The suspects have been referred to the judiciary.",
            "Security forces are still searching remote areas for remnants of militant cells.",
        ),
    },
    "yearly_report": {
        "topic": "diplomacy",
        "titles": (
            "UN: thousands of civilians hit by air strikes and shelling last year",
            "Landmines killed {num} children this year, rights group says",
        ),
        "leads": (
            "Thousands of civilians were killed or wounded by air strikes and shelling in the region last year, the United Nations said in a report published {today}.",
            "Landmines and explosive remnants of war have killed {num} children in {country} since the start of the year, a rights group said.",
        ),
        "more": (
            "The report called on parties to conflicts to respect international humanitarian law and protect civilians.",
            "Women and children make up a large share of the victims, it said.",
            "The group called for more funding for mine clearance and awareness programmes.",
        ),
    },
}

OTHER_SENSES: tuple[tuple[str, str, str], ...] = (
    (
        "agriculture",
        "Drones deployed against date palm pests in {province}",
        "The agriculture directorate is using drones to spray date palm groves against the dubas bug.",
    ),
    (
        "services",
        "Aerial survey maps informal housing in {city}",
        "The municipality used a drone to film and map informal neighbourhoods for its urban plan.",
    ),
    (
        "economy",
        "Building material prices rocket",
        "Prices of steel and cement have rocketed in recent weeks.",
    ),
    (
        "tech",
        "{country2} launches communications satellite",
        "{country2} launched a rocket carrying a communications satellite into orbit.",
    ),
    (
        "politics",
        "Shouting match halts parliament session",
        "The session descended into clashes between two lawmakers, forcing the speaker to adjourn for several minutes.",
    ),
    (
        "culture",
        "Air show over {capital} marks national day",
        "Thousands celebrated national day as air force fighter jets flew over the capital.",
    ),
    (
        "culture",
        "Film crew begins shooting in {city} old town",
        "Shooting of the historical drama began in the old town this week.",
    ),
    (
        "services",
        "Heritage houses restored with traditional mortar",
        "Craftsmen are restoring the old houses with lime mortar made the traditional way.",
    ),
    (
        "economy",
        "Shares hit by profit-taking",
        "Shares in {company} took a hit as investors locked in gains.",
    ),
)

# weapon -> (headline, opening sentence) of a current report
REPORT_LEADS: dict[str, tuple[tuple[str, str], ...]] = {
    "rocket": (
        ("Rockets hit {target}", "{rockets} struck {target} {when}, {casualties}, {source} said."),
        (
            "Rocket attack targets {target}",
            "A rocket attack targeted {target} {when}, {casualties}, according to {source}.",
        ),
        (
            "Rockets land inside {target}",
            "{source} said {rockets} landed inside {target} {when}, {casualties}.",
        ),
    ),
    "drone": (
        (
            "Drone attack on {target}",
            "An explosive-laden drone attacked {target} {when}, {casualties}, {source} said.",
        ),
        ("Drones target {target}", "{source} said {drones} targeted {target} {when}, {casualties}."),
        (
            "Drone shot down near {target}",
            "Air defences shot down a drone approaching {target} {when} while a second one crashed nearby, {casualties}, {source} said.",
        ),
    ),
    "mortar": (
        (
            "Mortar rounds land on {target}",
            "{mortars} landed on {target} {when}, {casualties}, {source} said.",
        ),
        (
            "Mortar fire hits area around {target}",
            "Mortar rounds hit the area around {target} {when}, {casualties}, according to {source}.",
        ),
    ),
    "ied": (
        (
            "Roadside bomb hits convoy near {target}",
            "A roadside bomb hit a military convoy near {target} {when}, {casualties}, {source} said.",
        ),
        (
            "Bomb targets police patrol in {target}",
            "A bomb exploded next to a police patrol in {target} {when}, {casualties}, according to {source}.",
        ),
        (
            "Car bomb explodes near market in {target}",
            "A parked car bomb exploded near a market in {target} {when}, {casualties}.",
        ),
    ),
    "suicide": (
        (
            "Suicide bomber strikes crowd in {target}",
            "A suicide bomber wearing an explosive vest blew himself up among civilians in {target} {when}, {casualties}.",
        ),
        (
            "Suicide bomber hits security building in {target}",
            "{source} said a suicide bomber blew himself up at the entrance of a security building in {target} {when}, {casualties}.",
        ),
    ),
    "shooting": (
        (
            "Gunmen attack checkpoint in {target}",
            "Gunmen attacked an army checkpoint in {target} {when}, {casualties}, {source} said.",
        ),
        (
            "Gunmen open fire on patrol near {target}",
            "{source} said gunmen opened fire on a security patrol near {target} {when}, {casualties}.",
        ),
    ),
    "airstrike": (
        (
            "Air strikes hit {target}",
            "Unidentified warplanes carried out air strikes on positions in {target} {when}, {casualties}, {source} said.",
        ),
        (
            "Air strike hits armed faction's headquarters in {target}",
            "An air strike hit the headquarters of an armed faction in {target} {when}, {casualties}.",
        ),
    ),
}

REPORT_DETAILS: dict[str, tuple[str, ...]] = {
    "rocket": (
        "The rockets were fired from nearby farmland, where security forces later found the launcher, the statement said.",
        "Witnesses said sirens sounded moments before the rockets landed.",
    ),
    "drone": (
        "Where the drones were launched from was not known, the source said.",
        "Air defence systems engaged the attack as soon as it was detected, sources said.",
    ),
    "mortar": ("The rounds landed on open ground near a watchtower, he said.",),
    "ied": (
        "The bomb had been planted by the roadside and was detonated remotely as the convoy passed, the source said.",
        "The blast damaged several shops and parked cars.",
    ),
    "suicide": (
        "A guard stopped the bomber from entering the building before he detonated his vest at the gate.",
    ),
    "shooting": ("The attackers exchanged fire with the guards for about half an hour before fleeing.",),
    "airstrike": (
        "Residents said they heard heavy explosions and saw columns of smoke rising from the site.",
    ),
    "all": (
        "Security forces sealed off the area and began searching the surrounding districts.",
        "Explosions were heard across the area and smoke could be seen rising from the site.",
        "It was the {rank_en} such attack this month.",
        "The area has seen similar attacks in recent months.",
        "The government condemned the attack and ordered an urgent investigation.",
        "Forensic teams are gathering evidence at the scene.",
    ),
}
REPORT_CLAIMS = (
    "No group has claimed responsibility for the attack.",
    "A little-known armed group claimed the attack in a statement on its Telegram channel.",
    "There was no immediate claim of responsibility.",
)
REPORT_BACKGROUND = (
    "Militant cells remain active in the surrounding area, using the rough terrain to hide.",
    "Security forces regularly search the farmland and desert around the area.",
    "Army and police units are deployed in the area alongside local armed groups.",
    "The government announced a plan earlier this year to tighten security on highways and around key facilities.",
    "Analysts say repeated attacks point to gaps in intelligence work.",
    "Sites in the area have been attacked repeatedly in recent years by armed groups.",
    "Lawmakers from the province called for a review of security plans.",
    "Residents say security has improved a great deal compared with past years, but breaches still happen.",
    "The area lies on a busy road linking several cities.",
    "Commanders later raised the alert level of units deployed in the sector.",
    "The attack comes amid rising regional tension and an exchange of threats between several parties.",
    "Initial findings suggest the attackers used dirt tracks to reach the site, a security official said.",
    "Authorities have not yet released a final toll.",
    "Local leaders called for compensation and quick repairs.",
    "{person}, a security analyst, said the attack carried a political message more than a military one.",
    "Local authorities urged residents to report any suspicious movements.",
)
REPORT_WOUNDED = (
    "The wounded were taken to a nearby hospital, some in critical condition.",
    "The health department said the wounded had reached hospital and were in stable condition.",
)
REPORT_SOURCES: dict[str, tuple[str, ...]] = {
    "iq": (
        "the security media cell",
        "a security source",
        "the joint operations command",
        "local police",
        "a local official",
        "two security officials",
    ),
    "sy": (
        "the Syrian Observatory for Human Rights",
        "medical sources",
        "a military source",
        "state media",
        "local sources",
    ),
}
