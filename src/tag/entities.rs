//! People, organisations, places and nationalities: gazetteer hits plus
//! rules for the names no list holds.
//!
//! One pass over the words builds capitalised runs ("Japanese Foreign
//! Affairs Minister Hayashi Yoshimasa"); each run is read by rules in order
//! of how much they prove: a title before a name, an organisation head or
//! tail word, a known first name, then context ("said X Y", "X Y, a
//! spokesman for"). In a sports story, towns standing where teams stand
//! are read as clubs. Later surname-only mentions and repeats of a name join
//! the entity found first, so one story gives one string one type. Unknown
//! capitalised words that nothing explains stay untagged: guessing costs
//! more precision than it gains recall.

use super::gazetteer::{self, Entry, EntryKind, GazMatch, Gazetteer, ascii_fold, rank};
use std::cell::Cell;

use super::text::{CharIndex, FastMap, Word, WordClasses, WordSet, is_alnum};
use super::{Entity, EntityKind, Mention};

/// Longest stretch of words one rule reads: names and titles are short,
/// and the bound keeps every rule linear on a body of capitalised words.
const MAX_NAME_WORDS: usize = 8;

/// Words that, capitalised before a name, are a title ("Prime Minister",
/// "Secretary of State", "Foreign Affairs Minister").
pub(crate) const TITLE_HEADS: &[&str] = &[
    "President",
    "President-elect",
    "Minister",
    "Secretary",
    "Secretary-General",
    "Undersecretary",
    "Under-Secretary",
    "Chancellor",
    "Premier",
    // "FEMA Administrator", "General Manager".
    "Administrator",
    "Manager",
    // Ireland's prime minister and deputy: "Taoiseach Micheál Martin".
    "Taoiseach",
    "Tánaiste",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Pope",
    "Senator",
    "Sen.",
    "Rep.",
    "Representative",
    "Gov.",
    "Governor",
    "Mayor",
    "Gen.",
    "General",
    "Adm.",
    "Admiral",
    "Commodore",
    "Brigadier",
    "Lieutenant",
    "Inspector",
    "Superintendent",
    "Col.",
    "Colonel",
    "Lt.",
    "Capt.",
    "Captain",
    "Sgt.",
    "Cpl.",
    "Pvt.",
    "Cst.",
    "Maj.",
    "Judge",
    "Justice",
    "Ambassador",
    "Envoy",
    "Chairman",
    "Chairperson",
    "Magistrate",
    "Chairwoman",
    "Chair",
    "Director",
    "Director-General",
    "Commissioner",
    "Speaker",
    "Leader",
    "Prof.",
    "Professor",
    "Rev.",
    "Bishop",
    "Cardinal",
    "Archbishop",
    "Sheikh",
    "Emir",
    "Sultan",
    "Ayatollah",
    "CEO",
    "Coach",
    "Spokesman",
    "Spokeswoman",
    // "Treasurer Jim Chalmers", "Major Kaisa Lind".
    "Treasurer",
    "Major",
    // An Indian district's head: "District Collector Tushar Desai".
    "Collector",
    // Members of parliaments and assemblies: "Labour MP Sarah Tolvane",
    // "Congress MLA Ramesh Vasava" (after a name they are post-nominal
    // letters, [`POST_NOMINALS`]).
    "MP",
    "MLA",
    "MEP",
    "MSP",
    "MPP",
    "Chief",
    "Lawmaker",
    "Attorney",
    "Officer",
    // "General Counsel Ana Ruiz", "Prosecutor-General Luis Mora".
    "Counsel",
    "Prosecutor",
    "Prosecutor-General",
    "Commander",
    "Marshal",
    "Sergeant",
    "Executive",
    "Deputy",
    "Vice",
    "Sen",
    "Rep",
    "Gov",
    "Gen",
    "Adm",
    "Col",
    "Lt",
    "Capt",
    "Sgt",
    "Cpl",
    "Pvt",
    "Cst",
    "Maj",
    "Prof",
    "Rev",
    "Cmdr",
    "Det",
    "Supt",
];

/// Short forms of titles, some of them also surnames ("Sen", "Col"):
/// written without a period at the end of a name they are the surname.
const BARE_TITLE_ABBREVIATIONS: &[&str] = &[
    "Sen", "Rep", "Gov", "Gen", "Adm", "Col", "Lt", "Capt", "Sgt", "Maj", "Prof", "Rev", "Cmdr",
    "Det", "Supt",
];

/// Letters written after a person's name: senior counsel, members of
/// parliament, orders of the British Empire.
const POST_NOMINALS: &[&str] = &["SC", "KC", "QC", "MP", "MEP", "OBE", "MBE", "CBE", "KBE"];

/// Short forms of a given name, written with a period before the rest of
/// the name ("Md. Shahjahan Sikder").
const GIVEN_NAME_ABBREVIATIONS: &[&str] = &["Md", "Mohd", "Muhd"];

/// Honorifics: they prove a person but are not worth recording as a title.
const HONORIFICS: &[&str] = &[
    "Mr.", "Mrs.", "Ms.", "Dr.", "Mr", "Mrs", "Ms", "Dr", "Sir", "Dame", "Lord", "Lady",
    // Malaysian and Bruneian styles: "Datuk Seri Anwar Ibrahim", "Tun Dr
    // Mahathir Mohamad" ("Tan Sri" is left out: "Tan" is a surname).
    "Datuk", "Dato'", "Dato", "Datin", "Tun", "Seri",
];

/// Last words of organisation names.
pub(crate) const ORG_TAILS: &[&str] = &[
    "Inc",
    "Inc.",
    "Corp",
    "Corp.",
    "Co.",
    "Ltd",
    "Ltd.",
    "LLC",
    "PLC",
    "plc",
    "AG",
    "SA",
    "GmbH",
    "Group",
    "Bank",
    "University",
    "Institute",
    "Institution",
    "Council",
    "Committee",
    "Ministry",
    "Agency",
    "Commission",
    "Party",
    "Association",
    "Foundation",
    "Department",
    "Court",
    "Airlines",
    "Airways",
    "Motors",
    "Motor",
    "Holdings",
    "Partners",
    "Refinery",
    // "S&P Global Ratings", "Fitch Ratings".
    "Ratings",
    "Advisors",
    "Advisers",
    "Fund",
    "Union",
    "Federation",
    "Organization",
    "Organisation",
    "Authority",
    "Administration",
    "Army",
    "Navy",
    "Forces",
    "Force",
    "Guard",
    "Police",
    "Church",
    "Hospital",
    "College",
    "School",
    "Center",
    "Centre",
    "Club",
    "Times",
    "Post",
    "Journal",
    "News",
    "Network",
    "Exchange",
    "Board",
    "Bureau",
    "Assembly",
    "Parliament",
    "Cabinet",
    "Corporation",
    "Company",
    "Industries",
    "Technologies",
    "Systems",
    "Securities",
    "Pharmaceuticals",
    "Railways",
    "Telecom",
    "Studios",
    "Alliance",
    "Front",
    "Movement",
    "Brigade",
    "Brigades",
    "Service",
    "Services",
    "Office",
    "Congress",
    "Senate",
    "Legislature",
    "Coalition",
    "Trust",
    "Society",
    "League",
    "Academy",
    "Enterprises",
    "Resources",
    "Petroleum",
    "Electric",
    "Electronics",
    "Pharma",
    "Foods",
    "Brands",
    "Solutions",
    "Communications",
    "Capital",
    "Ventures",
    "Investments",
    "Workers",
    "Embassy",
    "Consulate",
    "Mission",
    "Community",
    "Tribunal",
    "Jury",
    "Treasury",
    "Observatory",
    "Programme",
    "Program",
    "Directorate",
    "Secretariat",
    "Bloc",
    "Forum",
    "Command",
    "Aerospace",
    "Inspectorate",
    "Initiative",
    "Chamber",
    "Centres",
    "Centers",
    // Drug and technology companies: "Halvora Therapeutics".
    "Therapeutics",
    "Biosciences",
    "Technology",
    // "Athletics Integrity Unit", "Financial Intelligence Unit".
    "Unit",
    // Rugby clubs and competitions: "Cardiff Rugby", "Premiership Rugby".
    "Rugby",
    // Turkish companies: "Koç Holding", "Anadolu Sigorta".
    "Holding",
    "Sigorta",
    // Competitions: their names end like organisations' and are events
    // ([`EVENT_TAILS`]).
    "Cup",
    "Finals",
    // Football clubs: "Sheffield United", "Bolton Wanderers".
    "United",
    "Rovers",
    "Wanderers",
    "Athletic",
    "Albion",
    "Hotspur",
    // Companies by trade, broadcasters, surveys and panels
    // ([`TRADE_TAILS`]).
    "Management",
    "Energy",
    "Pharmaceutical",
    "Mining",
    "Minerals",
    "Metals",
    "Lithium",
    "Intelligence",
    "TV",
    "Survey",
    "Panel",
    "Aviation",
    // "Korean Confederation of Trade Unions", "Dairy Farmers Cooperative".
    "Confederation",
    "Cooperative",
    // Law firms: "Carter Doyle Lawyers", "Maurice Blackburn Lawyers".
    "Lawyers",
    "Solicitors",
    // Power and gas networks: "Amber Grid", "State Grid".
    "Grid",
];

/// Last words of organisation names that running text also writes in
/// lower case after a capitalised word ("the Kenyan government", "the
/// city's art museum"): the tagger reads them as tails, with its own
/// checks ("Government" only after two words or more that are not a
/// country's), but the break repair does not keep their capital.
const LOWER_CASE_ORG_TAILS: &[&str] = &[
    // "BMO Capital Markets", "DNB Markets".
    "Markets",
    "Government",
    // "Tokyo National Museum", "National Portrait Gallery".
    "Museum",
    "Gallery",
    "Library",
    // "Alberta Energy Regulator", "Nuclear Safety Regulator".
    "Regulator",
    // Shipping lines, insurers, chipmakers, brokers, builders (also in
    // [`CORPORATE_TAILS`]; not every company tail there ends a name
    // alone, "Apparels" does so only after a legal form or a cue).
    "Lines",
    "Shipping",
    "Logistics",
    "Underwriters",
    "Semiconductor",
    "Semiconductors",
    "Equities",
    "Labs",
    "Developers",
    "Construction",
    "Contracting",
    "Limited",
    // "Pittsburgh Regional Transit".
    "Transit",
    // Pollsters and consultancies: "Atlantic Varo Research".
    "Research",
    // "the Sinaloa Cartel", "Cartel de Santa Rosa de Lima".
    "Cartel",
    // "Australian Antarctic Division", "82nd Airborne Division".
    "Division",
    // "Tata Sons", "Vander Hoek Family Farms" ("Mines" is left out: it
    // ends portfolios, "Minister of Energy and Mines").
    "Sons",
    "Farms",
    // British spelling: "Kaimai Dairy Co-operative".
    "Co-operative",
    // "Varo Semiconductor Manufacturing"; Dutch and German "Energie".
    "Manufacturing",
    "Energie",
];

/// Tails that end a second name after "X of Y and": "University of Tokyo
/// and Osaka University". Not tails that also end a field of the first
/// name ("Bureau of Fisheries and Aquatic Resources").
const SECOND_NAME_TAILS: &[&str] = &[
    "University",
    "College",
    "Party",
    "Museum",
    "Hospital",
    "Bank",
];

/// Organisation tails that also name a field or a portfolio ("Rystad
/// Energy" but "Energy Minister", "the Energy and Commerce Committee"):
/// before a title they end no name, and first in a name they may take an
/// "and". The others: "Takeda Pharmaceutical", "Tianqi Lithium",
/// "Benchmark Mineral Intelligence", "Citizen TV", "British Antarctic
/// Survey", "Intergovernmental Panel on Climate Change".
const TRADE_TAILS: &[&str] = &[
    "Energy",
    "Pharmaceutical",
    "Mining",
    "Minerals",
    "Metals",
    "Lithium",
    "Intelligence",
    "TV",
    "Survey",
    "Panel",
    // "InterGlobe Aviation", "Civil Aviation Minister".
    "Aviation",
    // "Pharmaceuticals and Medical Devices Agency".
    "Pharmaceuticals",
    // "Apex Sports Management", "Disaster Management Minister".
    "Management",
];

/// Legal forms written after company names in the wires' style ("Antofagasta
/// Plc", "Eni SpA", "Equinor ASA", "Nokia Oyj", "Garuda Indonesia Tbk"):
/// organisation tails and corporate tails both. Kept apart from
/// [`ORG_TAILS`], which the break repair also reads, where they say
/// nothing.
const LEGAL_FORMS: &[&str] = &[
    "Plc", "SpA", "NV", "ASA", "Oyj", "Bhd", "Tbk", "Ltda", "BV", "AB", "SE", "JSC", "PJSC",
    // Finnish, Estonian and Norwegian, Russian and Central Asian, Gulf,
    // British and Malaysian forms: "Baltic Cable Services Oy", "Elisa
    // Eesti AS", "Kumtor Gold Company CJSC", "Bank Muscat SAOG".
    "Oy", "AS", "CJSC", "OJSC", "SAOG", "SAOC", "QSC", "QPSC", "KSC", "LLP", "Sdn",
    // Dotted forms, read as words with their last period: Egyptian
    // "S.A.E.", Turkish "A.Ş.", Mexican "S.A. de C.V." (its last word),
    // and "S.A." itself.
    "S.A.E.", "A.Ş.", "C.V.", "S.A.",
];

/// Whether `word` is a company's legal form, which closes its name: before
/// "of" ("Teck Resources Ltd of Canada") and before "and" ("Elisa Eesti AS
/// and Baltic Cable Services Oy" are two).
fn closes_company_name(word: &str) -> bool {
    LEGAL_FORMS.contains(&word)
        || CORPORATE_ABBREVIATIONS.contains(&word.trim_end_matches('.'))
        || matches!(
            word,
            "LLC" | "PLC" | "plc" | "GmbH" | "AG" | "SA" | "S.A." | "KG"
        )
}

/// Whether `tail` makes a company of the word before it ([`CORPORATE_TAILS`]
/// and [`LEGAL_FORMS`]).
fn is_corporate_tail(tail: &str) -> bool {
    CORPORATE_TAILS.contains(&tail) || LEGAL_FORMS.contains(&tail)
}

/// Tails that make a company of the word before them, which later stands
/// for the company alone ("Halvora Therapeutics" ... "Halvora").
const CORPORATE_TAILS: &[&str] = &[
    "Inc",
    "Inc.",
    "Corp",
    "Corp.",
    "Ltd",
    "Ltd.",
    "LLC",
    "PLC",
    "plc",
    "AG",
    "SA",
    "GmbH",
    "Group",
    "Holdings",
    "Partners",
    "Therapeutics",
    "Biosciences",
    "Pharmaceuticals",
    "Telecom",
    "Technologies",
    "Technology",
    "Industries",
    "Systems",
    "Electronics",
    "Airlines",
    "Airways",
    "Motors",
    "Securities",
    "Capital",
    "Ventures",
    "Resources",
    "Petroleum",
    "Energy",
    "Pharmaceutical",
    "Mining",
    "Minerals",
    "Lithium",
    "Aviation",
    // Garment makers: "Sonar Apparels", "Rahman Knitwear".
    "Apparels",
    "Garments",
    "Knitwear",
    "Textiles",
    // Shipping lines, insurers, chipmakers, brokers, builders: "Orvik
    // Container Lines", "Baltic Marine Underwriters", "Norvane
    // Semiconductor", "Tarsa Equities", "Veridan Labs", "Kirinyaga
    // Heights Developers", "Siam Varo Construction", "Al-Nadir
    // Contracting".
    "Lines",
    "Shipping",
    "Logistics",
    "Underwriters",
    "Semiconductor",
    "Semiconductors",
    "Equities",
    "Labs",
    "Developers",
    "Construction",
    "Contracting",
];

/// Last words of competitions named for a place, a nationality or a body
/// written as an acronym ("Australian Open", "Singapore Grand Prix", "PGA
/// Tour"): after other first words they are too often ordinary words.
const COMPETITION_TAILS: &[&str] = &[
    "Open",
    "Tour",
    "Championship",
    "Championships",
    "Prix",
    "Masters",
    "Classic",
    // "Berlin Marathon", "Boston Marathon".
    "Marathon",
];

/// Last words of the names of competitions, which are events ("Australian
/// Open", "Berlin Marathon", "ATP Finals"); "Cup" makes one wherever it
/// stands ("Africa Cup of Nations"), and so does "Champions League" at the
/// end ("CAF Champions League"). Leagues and tours that are bodies stay
/// organisations ("Premier League", "PGA Tour", "Champions Hockey
/// League").
const EVENT_TAILS: &[&str] = &[
    "Cup",
    "Prix",
    "Finals",
    "Open",
    "Masters",
    "Classic",
    "Marathon",
    "Championship",
    "Championships",
    "Olympics",
    "Trophy",
];

/// Last words of laws, treaties and plans, which no person's name ends in:
/// "General Data Protection Regulation" is no general's name.
const DOCUMENT_TAILS: &[&str] = &[
    "Regulation",
    "Act",
    "Directive",
    "Treaty",
    "Convention",
    "Protocol",
    "Accord",
    "Accords",
    "Charter",
    "Code",
];

/// True when an organisation-shaped name is a competition.
fn is_competition(name: &str) -> bool {
    let mut words = name.split(' ');
    let last = words.next_back().unwrap_or("");
    EVENT_TAILS.contains(&last) || words.any(|w| w == "Cup") || name.ends_with(" Champions League")
}

/// First words of organisation names when "of" or "for" follows
/// ("Ministry of Defense", "Center for Strategic ...").
pub(crate) const ORG_HEADS: &[&str] = &[
    "Ministry",
    // "Parliament of Montenegro", "Government of Canada".
    "Parliament",
    "Government",
    // "Police of the Republic of Mozambique".
    "Police",
    "University",
    "Bank",
    "Department",
    "Institute",
    "Center",
    "Centre",
    "Council",
    "Office",
    "Bureau",
    "Commission",
    "Committee",
    "Board",
    "Federation",
    "Association",
    "Organization",
    "Organisation",
    "League",
    "Union",
    "Court",
    "Academy",
    "Church",
    "Party",
    "Agency",
    "Society",
    "Foundation",
    "House",
    "Chamber",
    "Embassy",
    // "Museum of Fine Arts", "Library of Congress", "Secretariat of
    // Security and Citizen Protection".
    "Museum",
    "Library",
    "Secretariat",
    // "Movement for Socialism", "Front for the Liberation of ...".
    "Movement",
    "Front",
    "Alliance",
    "Coalition",
    "Congress",
    "Centres",
    "Centers",
    // Groups of people named for a cause ("Airlines for America",
    // "Physicians for Human Rights", "Friends of the Earth").
    "Airlines",
    "Doctors",
    "Physicians",
    "Lawyers",
    "Reporters",
    "Scientists",
    "Citizens",
    "Friends",
    "Veterans",
    // "Solidarity for Economic Reform", "Campaign for Nuclear
    // Disarmament", "Forum for Democratic Change".
    "Solidarity",
    "Campaign",
    "Forum",
    // "Confederation of British Industry", "Port of Antwerp-Bruges" (a
    // listed place such as "Port of Spain" is matched first).
    "Confederation",
    "Port",
];

/// First words of organisation names in Spanish, Portuguese, French and
/// Italian, which name the kind of body first and need no "of" after it
/// ("Grupo México", "Banco de Crédito e Inversiones", "Coupe de France").
const FOREIGN_ORG_HEADS: &[&str] = &[
    // "Politecnico di Torino", "Entreprise Générale du Cobalt",
    // "Defensoría del Pueblo".
    "Politecnico",
    "Entreprise",
    "Defensoría",
    // Mining companies and watchdogs: "Minera Escondida", "Observatório
    // do Clima".
    "Minera",
    "Mineração",
    "Observatório",
    "Observatorio",
    "Observatoire",
    // Broadcasters everywhere: "Radio Cooperativa", "Rádio Renascença".
    "Radio",
    "Rádio",
    "Grupo",
    "Groupe",
    "Gruppo",
    "Banco",
    "Banca",
    "Banque",
    "Caixa",
    "Caisse",
    "Compañía",
    "Compagnie",
    "Companhia",
    "Instituto",
    "Institut",
    "Universidad",
    "Universidade",
    "Università",
    "Université",
    "Partido",
    "Partito",
    "Frente",
    // Malay and Indonesian: "Parti Islam Se-Malaysia", "Barisan Nasional".
    "Parti",
    "Partai",
    "Barisan",
    "Pakatan",
    "Perikatan",
    "Gabungan",
    "Universiti",
    "Persatuan",
    "Pertubuhan",
    "Movimiento",
    "Movimento",
    // French: "Bloc Québécois", "Rassemblement National".
    "Bloc",
    "Rassemblement",
    "Mouvement",
    "Fundación",
    "Fundação",
    // "Comisión para el Mercado Financiero", "Constructora Norberto
    // Odebrecht", "Consejo Nacional Electoral".
    "Comisión",
    "Comissão",
    "Consejo",
    "Conselho",
    "Corporación",
    "Constructora",
    "Construtora",
    "Empresa",
    "Sociedad",
    "Superintendencia",
    "Ministerio",
    "Secretaría",
    "Copa",
    "Coupe",
    "Coppa",
    "Taça",
    // Broadcasters and agencies: "Telewizja Polska", "Agence France-Presse",
    // "Société Nationale des Chemins de Fer".
    "Telewizja",
    "Televisión",
    "Televisão",
    "Télévision",
    "Agence",
    "Société",
];

/// Sports and fields of government that name a country's national body
/// when the country follows ("Athletics Kenya", "Statistics Canada").
const NATIONAL_BODY_FIELDS: &[&str] = &[
    "Athletics",
    "Cricket",
    "Rugby",
    "Football",
    "Tennis",
    "Swimming",
    "Cycling",
    "Hockey",
    "Netball",
    "Basketball",
    "Volleyball",
    "Golf",
    "Rowing",
    "Sailing",
    "Gymnastics",
    "Boxing",
    "Triathlon",
    "Badminton",
    "Elections",
    "Statistics",
    "Transport",
    "Parks",
    "Sport",
];

/// Sentence words ([`NOT_NAMES`]) that also open organisation names
/// mid-sentence ("the opposition All Progressives Congress", "the New
/// Nigeria Peoples Party"), when an organisation tail ends the name.
const ORG_OPENERS: &[&str] = &["All", "New"];

/// Last words of place names ("Tana River", "Tiananmen Square").
const PLACE_TAILS: &[&str] = &[
    "River",
    "Lake",
    "Island",
    "Islands",
    "Mountain",
    "Mountains",
    "Mount",
    "Sea",
    "Ocean",
    "Bay",
    "Valley",
    "County",
    "Province",
    "Prefecture",
    "Square",
    "Airport",
    "Desert",
    "Coast",
    "Peninsula",
    "Strait",
    "Canal",
    "Park",
    "Bridge",
    "Street",
    "Avenue",
    "Heights",
    "Hills",
    "Beach",
    "Falls",
    "Harbor",
    "Harbour",
    "District",
    // Louisiana's counties: "Cameron Parish".
    "Parish",
    "Governorate",
    "Oblast",
    "Region",
    "Stadium",
    "Arena",
    "Station",
    "Hall",
    "Lane",
    "Road",
    // "Mekong Delta", "East Anatolian Fault", "Brandenburg Gate".
    "Delta",
    "Fault",
    "Gate",
    // "Thwaites Glacier", "Second Thomas Shoal", "Great Barrier Reef",
    // "Melbourne Cricket Ground".
    "Glacier",
    "Shoal",
    "Reef",
    "Atoll",
    "Ground",
    // "Prince William Sound", "Stanley Prison".
    "Sound",
    "Prison",
    // "Belém Palace", "Eden Gardens", "Fraser Canyon", "Rovuma Basin".
    "Palace",
    "Gardens",
    "Canyon",
    "Basin",
    // "Lefthand Canyon Drive", "Sunset Boulevard", "Shasta Dam".
    "Drive",
    "Boulevard",
    "Dam",
    // "Sulphur Creek", "Sepang International Circuit", "Johor-Singapore
    // Causeway", "Lichtenfelser Gasse".
    "Creek",
    "Circuit",
    "Causeway",
    "Gasse",
    "Strasse",
    "Straße",
    "Platz",
    // "Hoyt Lakes", "West Gate Tunnel", "Great Hungarian Plain", "Prague
    // Castle", "Iron Range".
    "Lakes",
    "Tunnel",
    "Plain",
    "Castle",
    "Range",
    // "Texas Capitol".
    "Capitol",
];

/// First words of place names when "of" follows ("Bay of Bengal", "Gulf
/// of Aden", "Isle of Wight").
const PLACE_HEADS: &[&str] = &[
    "Bay", "Gulf", "Sea", "Strait", "Straits", "Isle", "Cape", "Lake", "Mount",
    // "Province of Alessandria", "Palace of Justice", "Garden of
    // Remembrance".
    "Province", "Palace", "Garden",
];

/// First words of place names that need no "of" ("Stade de France",
/// "Estadio Azteca", "Salar de Atacama"): grounds and features named in
/// the language of their country.
const PLACE_OPENERS: &[&str] = &[
    "Stade",
    "Estadio",
    "Estádio",
    "Stadio",
    "Stadion",
    "Salar",
    "Laguna",
    "Lago",
    "Cerro",
    "Volcán",
    "Nevado",
    "Bahía",
    "Isla",
    "Côte", // "Autódromo Hermanos Rodríguez".
    "Autódromo",
    "Autodromo",
    // "Calle Florida", "Plaza San Martín", "Paseo de la Reforma",
    // "Avenida Paulista", "Rua Augusta", "Jalan Duta".
    "Calle",
    "Plaza",
    "Paseo",
    "Avenida",
    "Rua",
    "Jalan",
    // "Boulevard Saint-Germain", "Palais Bourbon", "Port Glasgow".
    "Boulevard",
    "Palais",
    "Port",
];

/// Last words of works named for a titled person ("King Fahd Causeway",
/// "Queen Alia International Airport"): the title and name make a place.
/// (Surnames such as "Hall", "Lane" or "Park" are left out.)
const TITLED_WORKS: &[&str] = &[
    "Sound",
    "Canal",
    "Bridge",
    "Causeway",
    "Airport",
    "Stadium",
    "Dam",
    "Highway",
    "Mosque",
    "Reservoir",
    // "Lady Bird Lake", "Queen Street".
    "Lake",
    "River",
    "Street",
    "Avenue",
    "Square",
];

/// First words of French-language place names when a particle follows
/// ("Col du Tourmalet", "Place de la Concorde", "Rue de Rivoli", "Plateau
/// de Beille"); alone, "Col" is a title and "Place" a verb.
const PARTICLE_PLACE_OPENERS: &[&str] = &["Col", "Place", "Rue", "Plateau", "Pont"];

/// True when `word` is one of [`PARTICLE_PLACE_OPENERS`], written without
/// a period ("Col. de Villiers" is a colonel).
fn particle_place_opener(text: &str, word: &Word) -> bool {
    PARTICLE_PLACE_OPENERS.contains(&word.text(text)) && !text[word.end..].starts_with('.')
}

/// True when `word`, lower-cased, is an everyday English word
/// ([`crate::normalize::wrap::common_words`]). Short ASCII words are
/// lower-cased on the stack.
fn everyday_word(word: &str) -> bool {
    let common = crate::normalize::wrap::common_words();
    let mut buf = [0u8; 32];
    match buf.get_mut(..word.len()) {
        Some(lower) if word.is_ascii() => {
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            std::str::from_utf8(lower).is_ok_and(|l| common.contains(l))
        }
        _ => common.contains(word.to_lowercase().as_str()),
    }
}

/// True when `word` opens with an elided French particle: "d'Agnes" in
/// "Col d'Agnes".
fn elided_particle(word: &str) -> bool {
    ["d'", "d’", "l'", "l’"].iter().any(|p| word.starts_with(p)) && word.len() > 3
}

/// Korean family names: before a hyphenated given name ("Park Ji-hoon",
/// "Yoon Suk-yeol") they make a person, family name first.
const KOREAN_FAMILY_NAMES: &[&str] = &[
    "Kim", "Lee", "Park", "Choi", "Jung", "Jeong", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han",
    "Oh", "Seo", "Shin", "Kwon", "Hwang", "Ahn", "Song", "Yoo", "Hong", "Jeon", "Ko", "Moon",
    "Yang", "Son", "Bae", "Baek", "Heo", "Nam", "Noh", "Ha", "Chung", "Ryu", "Yu", "Im", "Kwak",
    "Sung", "Cha", "Joo", "Woo", "Min", "Byun", "Chae", "Won", "Hyun", "Ham", "Rhee",
];

/// Days and months: they end a name ("Supreme Court on Monday").
pub(crate) const DATE_WORDS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Capitalised words after a place name that keep it a place
/// ("Washington State", "Gaza City").
const PLACE_WORDS: &[&str] = &[
    "State",
    "Province",
    "County",
    "City",
    "Region",
    "District",
    "Prefecture",
    "Oblast",
    "Governorate",
    "Island",
    "Islands",
    "Metropolitan",
    "Municipality",
];

/// Words before a place name ("the town of Kuriga").
const PLACE_LEADS: &[&str] = &[
    "town of",
    "city of",
    "village of",
    "province of",
    "state of",
    "region of",
    "district of",
    "county of",
    "island of",
    "port of",
    "capital of",
    "islands of",
    "towns of",
    "cities of",
    "villages of",
    "suburb of",
    "outskirts of",
    "neighborhood of",
    "prefecture of",
    "coast of",
    "shores of",
    "residents of",
    "states of",
    "provinces of",
    "regions of",
    "districts of",
    "counties of",
    "prefectures of",
];

/// Common nouns that, right before an unknown capitalised name, make it an
/// organisation ("carmaker Stellantis", "fintech company Flutterwave").
const ORG_NOUNS: &[&str] = &[
    "company",
    "firm",
    "group",
    "carmaker",
    "automaker",
    "planemaker",
    "shipbuilder",
    "steelmaker",
    "bank",
    "lender",
    "insurer",
    "retailer",
    "airline",
    "carrier",
    "startup",
    "start-up",
    "conglomerate",
    "broadcaster",
    "newspaper",
    "agency",
    "regulator",
    "miner",
    "producer",
    "manufacturer",
    "giant",
    "maker",
    "operator",
    "chipmaker",
    "developer",
    "publisher",
    "club",
    "party",
    "union",
    "militia",
    "monitor",
    "watchdog",
    "brewer",
    "chain",
    "supermarket",
    "consultancy",
    "charity",
    "outlet",
    "drugmaker",
    "utility",
    "supplier",
    "side",
    "team",
    "outfit",
    "champions",
    "journal",
    "magazine",
    "tabloid",
    "daily",
    "weekly",
    "subsidiary",
    "affiliate",
    "unit",
    // "Rival Telstra said", "shares of rival Optus".
    "rival",
    // "Cocobod, as the board is known".
    "board",
    "authority",
    // "Gavi, the vaccine alliance".
    "alliance",
    // "Dairy cooperative Fonterra".
    "cooperative",
    "co-operative",
    // "municipal distributor City Power", "pipeline operator".
    "distributor",
    "refiner",
    "exporter",
    "importer",
    "trader",
    "shipper",
];

/// Lower-case nouns that, right after an unknown capitalised name, make it
/// an organisation ("the Chega party", "the Wagner group").
const ORG_AFTER_NOUNS: &[&str] = &[
    "party",
    "movement",
    "militia",
    "alliance",
    "bloc",
    "coalition",
    "faction",
    "group",
    // Media named before what they are: "told ABC radio".
    "radio",
    "television",
    "newspaper",
    // "the B3 exchange".
    "exchange",
];

/// Lower-case nouns that, right after a capitalised name, make it a place
/// ("Sindh province", "Tana River county").
const PLACE_NOUNS: &[&str] = &[
    "province",
    "provinces",
    "region",
    "state",
    "county",
    "counties",
    "district",
    "prefecture",
    "island",
    "islands",
    "village",
    "town",
    "city",
    "oblast",
    "governorate",
    "municipality",
    "mine",
    "oilfield",
    "gasfield",
    "temple",
    "shrine",
    // "the Shackleton crater", "the Taal volcano".
    "crater",
    "volcano",
    "glacier",
    // "the Kali Gandaki river", "Myagdi and Baglung districts".
    "river",
    "districts",
];

/// Words before "in" that make the next name no place ("a stake in
/// Tesla", "published in Nature", "starred in Dune").
const NOT_PLACE_BEFORE_IN: &[&str] = &[
    "stake",
    "stakes",
    "shares",
    "invested",
    "invest",
    "investment",
    "investor",
    "role",
    "starred",
    "appeared",
    "published",
    "reported",
    "wrote",
    "written",
    "printed",
    "interest",
    "position",
    "holding",
    "trading",
    "fluent",
    "taught",
    "degree",
    "classes",
    "believe",
    "believes",
    "faith",
    "confidence",
    "trust",
    // Languages: "chanted in Ge'ez".
    "spoken",
    "speaking",
    "speak",
    "speaks",
    "chanted",
    "sung",
    "sang",
    "translated",
    "dubbed",
    "subtitled",
];

/// Plural place nouns after "X and Y", which make both names places.
/// ("departments" only here: "the Justice department" is an organisation,
/// "the Artibonite and Centre departments" are two places.)
const PLURAL_PLACE_NOUNS: &[&str] = &[
    "provinces",
    "districts",
    "regions",
    "states",
    "counties",
    "prefectures",
    "islands",
    "departments",
    "governorates",
    "oblasts",
    "cantons",
    "territories",
];

/// Plural organisation nouns after "X and Y" or a single name, which make
/// the names organisations ("the CGT and SUD-Rail unions", "the Houthi
/// and Hezbollah militias").
const PLURAL_ORG_NOUNS: &[&str] = &[
    "unions",
    "parties",
    "militias",
    "factions",
    "movements",
    "groups",
    "banks",
    "lenders",
    "airlines",
    "carriers",
    "clubs",
    "newspapers",
    "broadcasters",
];

/// Kinds of site that, after a capitalised name and one word saying what
/// is there, make the name a place ("the Fordow enrichment site", "the
/// Tengiz oil field"). "field" alone is left out: "the Republican field".
const PLACE_SITE_NOUNS: &[&str] = &["site", "field", "mine", "reactor"];

/// Role nouns of appositions ("John Kirby, a spokesman for ...").
pub(crate) const ROLE_NOUNS: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chair",
    "chairman",
    "chairwoman",
    "director",
    "professor",
    "analyst",
    "minister",
    "ambassador",
    "official",
    "adviser",
    "advisor",
    "economist",
    "researcher",
    "fellow",
    "lawyer",
    "attorney",
    "ceo",
    "president",
    "secretary",
    "founder",
    "executive",
    "head",
    "leader",
    "member",
    "senator",
    "governor",
    "mayor",
    "commander",
    "general",
    "strategist",
    "expert",
    "scientist",
    "historian",
    "correspondent",
    "editor",
    "officer",
    "manager",
    "partner",
    "envoy",
    "lawmaker",
    "representative",
    "chief",
    "coach",
    "captain",
    "judge",
    "diplomat",
    "aide",
    "negotiator",
    "investor",
    "owner",
    "activist",
    "journalist",
    "author",
    "singer",
    "actor",
    "actress",
    "player",
    "striker",
    "businessman",
    "businesswoman",
    "billionaire",
    "tycoon",
    "dissident",
    "blogger",
    "pilot",
    "commissioner",
    "prosecutor",
    "rapper",
    "midfielder",
    "defender",
    "forward",
    "goalkeeper",
    "winger",
    "substitute",
    "co-author",
    "candidate",
    "nominee",
    "challenger",
    "astronomer",
    "physicist",
    "biologist",
    "chemist",
    "engineer",
    "consultant",
    "lecturer",
    "novelist",
    "poet",
    "coordinator",
    "solicitor",
    "barrister",
    "counsel",
    "campaigner",
    "organiser",
    "organizer",
    "inspector",
    // Players by position, as sports copy writes them before a name
    // ("Leg-spinner Ravindran Iyer", "opener Aarav Deshmukh").
    "opener",
    "spinner",
    "leg-spinner",
    "off-spinner",
    "bowler",
    "batsman",
    "batter",
    "all-rounder",
    "wicketkeeper",
    "paceman",
    "seamer",
    "skipper",
    "selector",
    "referee",
    "umpire",
    "keeper",
    "teammate",
    "team-mate",
    "fly-half",
    "scrum-half",
    "left-back",
    "right-back",
    "flanker",
    "full-back",
    "fullback",
    "flyhalf",
    "scrumhalf",
    "halfback",
    "centre-back",
    "playmaker",
    "quarterback",
    "pitcher",
    "jockey",
    // Basketball: "Guard Devonte Harrell scored"; rugby: "Wing Rodrigo
    // Marta", "hooker Julian Montoya".
    "guard",
    "wing",
    "hooker",
    "cyclist",
    "sprinter",
    "boxer",
    "golfer",
    "swimmer",
    // Ice hockey: "Goaltender Eetu Kärkkäinen", "defenceman Joonas Lehtinen".
    "goaltender",
    "netminder",
    "defenceman",
    "defenseman",
    // People in the street, as wire copy quotes them: "Ghulam Rasool, a
    // 52-year-old farmer, said", "nurse Esperance Mwamba".
    "farmer",
    "fisherman",
    "herder",
    "rancher",
    "grower",
    "miner",
    "worker",
    "labourer",
    "laborer",
    "driver",
    "mechanic",
    "trader",
    "vendor",
    "shopkeeper",
    "merchant",
    "baker",
    "nurse",
    "midwife",
    "doctor",
    "physician",
    "surgeon",
    "pharmacist",
    "paramedic",
    "firefighter",
    "teacher",
    "student",
    "resident",
    "villager",
    "survivor",
    "witness",
    "volunteer",
    "retiree",
    "pensioner",
    "veteran",
    "widow",
    "refugee",
    "migrant",
    "protester",
    "priest",
    "imam",
    "pastor",
    "banker",
    "broker",
    "accountant",
    "architect",
    "entrepreneur",
    "artist",
    "photographer",
    "filmmaker",
    "musician",
    "writer",
];

/// Words that name a storm ("said Typhoon Haima was"), not a person.
const STORM_WORDS: &[&str] = &["Typhoon", "Hurricane", "Cyclone", "Storm", "Tropical"];

/// Lower-case words allowed inside a capitalised run.
const CONNECTORS: &[&str] = &[
    "of", "for", "and", "the", "de", "du", "da", "del", "van", "von", "der", "bin", "al", "la",
    "le", "on", // "Banco de Crédito e Inversiones", "Ortega y Gasset".
    "e", "y", // "Comisión para el Mercado Financiero".
    "para", "el", // "Observatório do Clima", "Daniel ole Kipeno".
    "do", "dos", "das", "ole", // "Maria de los Reyes", "Jordi Puigvert i Casals".
    "los", "las", "i",   // "Mathieu van den Broeck".
    "den", // "Banca Popolare di Sondrio", "Monte dei Paschi di Siena", "Nurul Ain binti Ismail".
    "di", "dei", "della", "delle", "dello", "degli", "des", "binti", // "Rhodri ap Gwilym".
    "ap",    // "Maryam bint Nasser Al Zadjali".
    "bint",
];

/// Verbs that attribute speech, shared with the quote rules.
pub const CUE_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "asked",
    "stated",
    "noted",
    "wrote",
    "declared",
    "announced",
    "warned",
    "insisted",
    "explained",
    "argued",
    "claimed",
    "tweeted",
    "continued",
    "replied",
    "acknowledged",
    "admitted",
    "stressed",
    "emphasized",
    "urged",
    "according",
    "recalled",
    "predicted",
    "cautioned",
    "conceded",
    "observed",
    "remarked",
    "suggested",
    "posted",
];

/// Capitalised words that begin sentences or headlines and are never names.
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "But",
    "And",
    "Or",
    "In",
    "On",
    "At",
    "For",
    "With",
    "From",
    "By",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Ahead",
    "Along",
    "Among",
    "His",
    "Her",
    "Their",
    "Our",
    "Its",
    "There",
    "Here",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Some",
    "Many",
    "Most",
    "All",
    "No",
    "Not",
    "Yet",
    "So",
    "Still",
    "Also",
    "Despite",
    "During",
    "Under",
    "Over",
    "About",
    "Why",
    "What",
    "How",
    "Who",
    "Where",
    "Which",
    "Now",
    "Then",
    "Once",
    "Earlier",
    "Later",
    "Last",
    "Next",
    "New",
    "Senior",
    "Former",
    "Western",
    "Eastern",
    "Northern",
    "Southern",
    "Only",
    "Just",
    "Even",
    "Both",
    "Each",
    "Every",
    "Neither",
    "Either",
    "Such",
    "Another",
    "Several",
    "Few",
    "Instead",
    "Meanwhile",
    "However",
    "Although",
    "Though",
    "Because",
    "Since",
    "Until",
    "Unlike",
    "Besides",
    "Including",
];

/// Compass adjectives: never a name alone, but they open organisation names
/// ("Southern African Development Community", "Western Union").
const COMPASS: &[&str] = &["Northern", "Southern", "Eastern", "Western"];

/// How an entity was found: sets its confidence.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Source {
    Gazetteer,
    Title,
    Organization,
    FirstName,
    Context,
}

impl Source {
    fn confidence(self) -> f32 {
        match self {
            Source::Gazetteer => 0.9,
            Source::Title => 0.85,
            Source::Organization => 0.75,
            Source::FirstName => 0.8,
            Source::Context => 0.7,
        }
    }
}

/// A labelled stretch of the text before entities are merged. Its strings
/// borrow from the text or the gazetteer, so making, copying and dropping
/// hits allocates nothing; only the entities built at the end own strings.
#[derive(Debug, Clone)]
struct Hit<'a> {
    start: usize,
    end: usize,
    kind: EntityKind,
    canonical: &'a str,
    country_code: Option<&'a str>,
    uri: Option<&'a str>,
    title: Option<&'a str>,
    source: Source,
    class: Option<&'a str>,
}

/// An organisation named with the place it serves is one name: "Euronext
/// Paris", "Samsung Vietnam", "Boeing South Carolina". The place must
/// follow after one space and be no possessive ("Sony Corp. Japan's"
/// ends a sentence), and the organisation must not end in a period.
fn join_org_places<'a>(text: &'a str, hits: &mut Vec<Hit<'a>>) {
    join_adjacent(text, hits, |org, place| {
        org.kind == EntityKind::Organization
            && place.kind == EntityKind::Place
            && text.get(org.end..place.start) == Some(" ")
            && !text[org.start..org.end].ends_with('.')
            && !text[place.end..].starts_with(['’', '\'', '-'])
    });
}

/// Joins each hit to the one kept before it where `joins` says the two
/// are one name, the first taking the second's end. One pass, compacting
/// in place.
fn join_adjacent<'a>(
    text: &'a str,
    hits: &mut Vec<Hit<'a>>,
    joins: impl Fn(&Hit<'a>, &Hit<'a>) -> bool,
) {
    let mut kept = 0;
    for i in 0..hits.len() {
        if kept > 0 && joins(&hits[kept - 1], &hits[i]) {
            let end = hits[i].end;
            let h = &mut hits[kept - 1];
            h.end = end;
            h.canonical = &text[h.start..end];
            h.uri = None;
            continue;
        }
        hits.swap(kept, i);
        kept += 1;
    }
    hits.truncate(kept);
}

/// Word lists the entity rules read, built once.
pub struct EntityRules {
    first_names: WordSet,
    title_heads: WordSet,
    honorifics: WordSet,
    org_tails: WordSet,
    org_heads: WordSet,
    role_nouns: WordSet,
    connectors: WordSet,
    not_names: WordSet,
    cues: WordSet,
    place_tails: WordSet,
    place_leads: Vec<&'static str>,
    /// The last bytes every place lead ends in exactly (" of"): text that
    /// does not end in them ends in no lead.
    place_lead_tail: &'static str,
    org_nouns: WordSet,
    org_after_nouns: WordSet,
    place_nouns: WordSet,
    /// The lists of [`list`] each of their words is in: the rules ask a
    /// word of a run about list after list, and [`Lists`] keeps the
    /// answer of one probe.
    lists: WordClasses,
}

/// Bits of the word lists in [`EntityRules::lists`].
mod list {
    pub const TITLE_HEAD: u32 = 1;
    pub const HONORIFIC: u32 = 1 << 1;
    pub const ORG_TAIL: u32 = 1 << 2;
    pub const ORG_HEAD: u32 = 1 << 3;
    pub const CONNECTOR: u32 = 1 << 4;
    pub const NOT_NAME: u32 = 1 << 5;
    pub const PLACE_TAIL: u32 = 1 << 6;
    pub const FIRST_NAME: u32 = 1 << 7;
    pub const FOREIGN_ORG_HEAD: u32 = 1 << 8;
    pub const NATIONAL_BODY_FIELD: u32 = 1 << 9;
    pub const CLUB_HEAD: u32 = 1 << 10;
    pub const TRADE_TAIL: u32 = 1 << 11;
    pub const PLACE_OPENER: u32 = 1 << 12;
    pub const PLACE_HEAD: u32 = 1 << 13;
    pub const DATE_WORD: u32 = 1 << 14;
    /// Set once a word's lists are known.
    pub const KNOWN: u32 = 1 << 31;
}

/// Entities found, plus the organisation class of each (for topic rules)
/// and the byte span of every mention (for the quote rules).
pub struct Found<'a> {
    pub entities: Vec<Entity>,
    pub classes: Vec<Option<&'a str>>,
    /// Byte spans of the mentions of all entities, entity after entity,
    /// each in the order of its `mentions`.
    pub mention_bytes: Vec<(usize, usize)>,
}

impl EntityRules {
    /// The given names the rules know, as written in the name files.
    pub fn first_names(&self) -> impl Iterator<Item = &str> {
        self.first_names.iter()
    }

    /// Whether `w` is a listed given name, written as listed or with
    /// accents the list leaves out ("María", "Siobhán", "Tomás").
    fn is_first_name(&self, w: &str) -> bool {
        self.first_names.contains(w)
            || (!w.is_ascii() && {
                let plain = ascii_fold(w);
                plain.is_ascii() && self.first_names.contains(&plain)
            })
    }

    /// `first_names` are the texts of the first-name files (one name a
    /// line, `#` comments).
    pub fn new(first_names: &[&str]) -> Self {
        let mut rules = EntityRules {
            first_names: first_names
                .iter()
                .flat_map(|f| f.lines())
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect(),
            title_heads: TITLE_HEADS.iter().copied().collect(),
            honorifics: HONORIFICS.iter().copied().collect(),
            org_tails: ORG_TAILS
                .iter()
                .chain(LEGAL_FORMS)
                .chain(LOWER_CASE_ORG_TAILS)
                .copied()
                .collect(),
            org_heads: ORG_HEADS.iter().copied().collect(),
            role_nouns: ROLE_NOUNS.iter().copied().collect(),
            connectors: CONNECTORS.iter().copied().collect(),
            // Days and months start no name, except "May", which can.
            not_names: NOT_NAMES
                .iter()
                .chain(DATE_WORDS.iter().filter(|w| **w != "May"))
                .copied()
                .collect(),
            cues: CUE_VERBS.iter().copied().collect(),
            place_tails: PLACE_TAILS.iter().copied().collect(),
            place_leads: PLACE_LEADS.to_vec(),
            place_lead_tail: exact_common_tail(PLACE_LEADS),
            org_nouns: ORG_NOUNS.iter().copied().collect(),
            org_after_nouns: ORG_AFTER_NOUNS.iter().copied().collect(),
            place_nouns: PLACE_NOUNS.iter().copied().collect(),
            lists: WordClasses::new(),
        };
        // From the sets themselves where there is one, so a list answers
        // as its set does.
        let mut lists = WordClasses::new();
        for (set, bit) in [
            (&rules.title_heads, list::TITLE_HEAD),
            (&rules.honorifics, list::HONORIFIC),
            (&rules.org_tails, list::ORG_TAIL),
            (&rules.org_heads, list::ORG_HEAD),
            (&rules.connectors, list::CONNECTOR),
            (&rules.not_names, list::NOT_NAME),
            (&rules.place_tails, list::PLACE_TAIL),
            (&rules.first_names, list::FIRST_NAME),
        ] {
            lists.add(set.iter(), bit);
        }
        for (words, bit) in [
            (FOREIGN_ORG_HEADS, list::FOREIGN_ORG_HEAD),
            (NATIONAL_BODY_FIELDS, list::NATIONAL_BODY_FIELD),
            (CLUB_HEADS, list::CLUB_HEAD),
            (TRADE_TAILS, list::TRADE_TAIL),
            (PLACE_OPENERS, list::PLACE_OPENER),
            (PLACE_HEADS, list::PLACE_HEAD),
            (DATE_WORDS, list::DATE_WORD),
        ] {
            lists.add(words.iter().copied(), bit);
        }
        rules.lists = lists;
        rules
    }

    /// The lists of [`list`] `w` is in, [`list::FIRST_NAME`] as
    /// [`EntityRules::is_first_name`] reads it.
    fn lists_of(&self, w: &str) -> u32 {
        let mut bits = self.lists.of(w);
        if bits & list::FIRST_NAME == 0 && !w.is_ascii() && self.is_first_name(w) {
            bits |= list::FIRST_NAME;
        }
        bits
    }

    /// Finds the entities of `text`.
    #[allow(clippy::too_many_arguments)]
    pub fn find<'a>(
        &self,
        text: &'a str,
        words: &[Word],
        gaz: &'a Gazetteer,
        matches: &[GazMatch],
        dateline_place: Option<&str>,
        dateline_country: Option<&str>,
        headline: Option<&str>,
        index: &CharIndex,
    ) -> Found<'a> {
        // "Khalid al-Harthi": a name opening with the Arabic article reads
        // as capitalised, here only; the copy is made only for a body that
        // has one.
        let adjusted: Vec<Word>;
        let words = if words.iter().any(|wd| {
            !wd.cap
                && matches!(text.as_bytes()[wd.start], b'a' | b'e')
                && article_name(&text.as_bytes()[wd.start..wd.end])
        }) {
            adjusted = words
                .iter()
                .map(|wd| Word {
                    cap: wd.cap || article_name(&text.as_bytes()[wd.start..wd.end]),
                    ..*wd
                })
                .collect();
            &adjusted[..]
        } else {
            words
        };
        // Story context for place ambiguity: countries named outright.
        let mut country_weight: FastMap<&str, f64> = FastMap::default();
        if let Some(cc) = dateline_country {
            *country_weight.entry(cc).or_default() += 3.0;
        }
        for m in matches {
            let c = gaz.candidates(m.name);
            if c.len() == 1
                && let Some(cc) = c[0].country_code.as_deref()
                && matches!(c[0].kind, EntryKind::Country | EntryKind::Demonym)
            {
                *country_weight.entry(cc).or_default() += 1.0;
            }
        }

        // Word index → covering gazetteer match.
        // Collected rather than filled in: a zeroed vector of a word count's
        // length costs a memset.
        let word_match: Vec<Option<usize>> = {
            let mut mi = 0;
            words
                .iter()
                .map(|w| {
                    while mi < matches.len() && matches[mi].end <= w.start {
                        mi += 1;
                    }
                    (mi < matches.len()
                        && matches[mi].start <= w.start
                        && w.start < matches[mi].end)
                        .then_some(mi)
                })
                .collect()
        };
        let lists = Lists::new(self, text, words);
        // The meaning of every match, chosen once. A company's one-word
        // name ending a longer name means nothing of its own, and a short
        // form means its entry only after a fuller name has named it.
        let mut named: Vec<&str> = Vec::new();
        let chosen: Vec<Option<&'a Entry>> = matches
            .iter()
            .map(|m| {
                let e = choose_among(gaz.candidates(m.name), &country_weight, |e| {
                    !e.later_only || named.contains(&e.canonical.as_str())
                })
                .filter(|e| {
                    !(matches!(&e.kind, EntryKind::Organization { class } if class == "company")
                        && self.ends_longer_name(text, words, &lists, matches, m))
                })?;
                if matches!(e.kind, EntryKind::Organization { .. }) && !e.later_only {
                    named.push(&e.canonical);
                }
                Some(e)
            })
            .collect();
        let chosen_of = |mi: usize| -> Option<&'a Entry> { chosen.get(mi).copied().flatten() };
        // The meaning at every word and the word just past every match,
        // which the rules ask about again and again.
        let word_entry: Vec<Option<&'a Entry>> =
            word_match.iter().map(|m| m.and_then(chosen_of)).collect();
        let match_end: Vec<usize> = matches
            .iter()
            .map(|m| words.partition_point(|x| x.start < m.end))
            .collect();

        let mut hits: Vec<Hit<'a>> = Vec::with_capacity(matches.len() + words.len() / 8);
        // Words consumed by a rule (so gazetteer hits inside them are dropped).
        let mut taken = vec![false; words.len()];
        let sport = is_sport(text, words);

        for run in self.runs(text, words, &lists) {
            self.read_run(
                text,
                words,
                &lists,
                &run,
                &word_match,
                matches,
                &word_entry,
                &match_end,
                &country_weight,
                sport,
                &mut taken,
                &mut hits,
            );
        }

        // Gazetteer hits not overruled by a rule.
        for (mi, m) in matches.iter().enumerate() {
            let first = words.partition_point(|w| w.end <= m.start);
            let covered = words[first..]
                .iter()
                .enumerate()
                .take_while(|(_, w)| w.start < m.end)
                .any(|(k, _)| taken[first + k]);
            if covered {
                continue;
            }
            let Some(e) = chosen_of(mi) else { continue };
            // "Best Buy": two everyday-word towns side by side are one
            // name no list holds, not two places.
            let common_town = |k: usize| {
                chosen_of(k).is_some_and(|e| {
                    matches!(
                        e.kind,
                        EntryKind::City {
                            common_word: true,
                            ..
                        }
                    )
                })
            };
            let joined = |a: &GazMatch, b: &GazMatch| text.get(a.end..b.start) == Some(" ");
            if common_town(mi)
                && (mi > 0 && common_town(mi - 1) && joined(&matches[mi - 1], m)
                    || matches
                        .get(mi + 1)
                        .is_some_and(|n| common_town(mi + 1) && joined(m, n)))
            {
                continue;
            }
            if let EntryKind::City { common_word, .. } = e.kind {
                // "Nice", "Mobile", "Along": only mid-sentence, only big.
                let wi = words.partition_point(|w| w.start < m.start);
                let sentence_start = words.get(wi).is_none_or(|w| w.sentence_start);
                let surface = &text[m.start..m.end];
                let all_caps = !surface.chars().any(char::is_lowercase);
                // "To" for the town "Tô", "Can" for "Çan": a short name
                // matched only once its accent is dropped is as weak at a
                // sentence start as an everyday word.
                let folded_short = surface != e.canonical
                    && surface.len() <= 4
                    && !e.canonical.is_ascii()
                    && ascii_fold(&e.canonical) == surface;
                if ((common_word || folded_short) && sentence_start && !all_caps)
                    || self.not_names.contains(surface)
                {
                    continue;
                }
            }
            if matches!(e.kind, EntryKind::City { .. } | EntryKind::Region)
                && self.inside_longer_name(text, words, &lists, matches, m)
            {
                continue;
            }
            if let Some(hit) = hit_from_entry(e, m.start, m.end) {
                hits.push(hit);
            }
        }
        if let Some(hit) = accented_dateline(text, words, gaz, matches, &country_weight) {
            hits.push(hit);
        }
        if sport {
            // Towns the gazetteer holds, even where no hit was kept for them
            // ("Bologna" first in a sentence, a common word as well).
            // Capitals are left alone: "travel to London" is a trip, and
            // their clubs carry a second word ("Hertha Berlin").
            let town_at = |wi: usize| {
                word_match[wi]
                    .and_then(chosen_of)
                    .is_some_and(|e| matches!(e.kind, EntryKind::City { capital: false, .. }))
            };
            let place_at = |wi: usize| {
                word_match[wi]
                    .and_then(chosen_of)
                    .is_some_and(|e| matches!(e.kind, EntryKind::City { .. } | EntryKind::Region))
            };
            self.type_clubs(text, words, &taken, &town_at, &place_at, &mut hits);
        }
        hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        // Roles in appositions: "Chris Johnstone, who is now Japan chair at ...".
        for h in hits.iter_mut() {
            if h.kind == EntityKind::Person
                && (h.title.is_none() || h.source == Source::Gazetteer)
                && let Some(role) = self.apposition(&text[h.end..])
            {
                h.title = Some(role);
            }
            // A role noun just before the name: "Kremlin spokesman Dmitry
            // Peskov". A role written in lower case wins over a listed
            // title; a capitalised one is the end of a title ("Prime
            // Minister"), which the list gives whole.
            if h.kind == EntityKind::Person
                && (h.title.is_none()
                    || h.source == Source::Gazetteer
                        && text[..h.start]
                            .trim_end()
                            .rsplit(' ')
                            .next()
                            .is_some_and(|w| w.starts_with(|c: char| c.is_lowercase())))
            {
                let before = text[..h.start]
                    .trim_end()
                    .rsplit(|c: char| !c.is_alphanumeric() && c != '-')
                    .next()
                    .unwrap_or("");
                if self.is_role_noun(before) {
                    h.title = Some(before);
                }
            }
        }

        // The dateline names where the story was filed, whatever else the
        // name can be: "UNITED NATIONS —" is a place. Hits are in text
        // order, so it is the first.
        let same_name = |written: &str, place: &str| {
            written
                .chars()
                .flat_map(char::to_lowercase)
                .eq(place.chars().flat_map(char::to_lowercase))
        };
        if let Some(place) = dateline_place {
            if let Some(h) = hits.first_mut().filter(|h| {
                text[..h.start].trim().is_empty() && same_name(&text[h.start..h.end], place)
            }) {
                h.kind = EntityKind::Place;
                h.class = None;
            } else if let Some(end) = text
                .char_indices()
                .nth(place.chars().count())
                .map(|(at, _)| at)
                .filter(|&end| same_name(&text[..end], place))
                && hits.first().is_none_or(|h| h.start >= end || h.end <= end)
            {
                // A place no list holds ("OTUKPO, Nigeria"), or one that
                // holds a listed name ("EAST PALESTINE, Ohio").
                hits.retain(|h| h.start >= end);
                hits.insert(
                    0,
                    typed_hit(text, 0, end, EntityKind::Place, Source::Context),
                );
            }
        }

        // The agency in the dateline's brackets is an organisation, listed
        // or not: "CARDIFF (PA) -", "ANTWERP, Belgium (Belga) —".
        if dateline_place.is_some()
            && let Some((start, end)) = dateline_agency(text)
            && !hits.iter().any(|h| h.start < end && start < h.end)
        {
            let at = hits.partition_point(|h| h.start < start);
            hits.insert(
                at,
                typed_hit(text, start, end, EntityKind::Organization, Source::Context),
            );
        }

        // "SAN JOSE, Calif.", "in Dover, Del.": a US state's short form
        // after a place and a comma.
        let mut states = Vec::new();
        for (h, next) in hits.iter().zip(hits.iter().skip(1).map(Some).chain([None])) {
            if h.kind != EntityKind::Place {
                continue;
            }
            let at = h.end + 2;
            if text[h.end..].starts_with(", ")
                && let Some((state, len)) = gazetteer::ap_state(&text[at..])
                && next.is_none_or(|n| n.start >= at + len)
            {
                let mut hit = typed_hit(text, at, at + len, EntityKind::Place, Source::Context);
                hit.canonical = state;
                hit.country_code = Some("US");
                states.push(hit);
            }
        }
        if !states.is_empty() {
            hits.extend(states);
            hits.sort_by_key(|h| h.start);
        }

        // "Upper Egypt", "Lower Saxony": the upper or lower part of a
        // listed place is a place of its own.
        for i in 0..hits.len() {
            let h = &hits[i];
            if h.kind != EntityKind::Place {
                continue;
            }
            let before = &text[..h.start];
            let Some(part) = ["Upper ", "Lower "].iter().find(|p| before.ends_with(*p)) else {
                continue;
            };
            let start = h.start - part.len();
            let free = i == 0 || hits[i - 1].end <= start;
            let word_start = text[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            if free && word_start {
                let h = &mut hits[i];
                h.start = start;
                h.canonical = &text[start..h.end];
                h.uri = None;
            }
        }

        // "the U.S. Gulf Coast", "U.S. Midwest": a place named with its
        // country's short form before it is one place.
        join_adjacent(text, &mut hits, |us, place| {
            us.kind == EntityKind::Place
                && place.kind == EntityKind::Place
                && matches!(&text[us.start..us.end], "U.S." | "US")
                && text.get(us.end..place.start) == Some(" ")
                && place.country_code.is_none_or(|cc| cc == "US")
                && place.end - place.start > 4
        });

        // "Addis Ababa Bole International Airport": a city's name may
        // open its airport's.
        join_adjacent(text, &mut hits, |city, airport| {
            city.kind == EntityKind::Place
                && airport.kind == EntityKind::Place
                && text.get(city.end..airport.start) == Some(" ")
                && text[airport.start..airport.end].ends_with(" Airport")
        });

        // "Interstate 20", "U.S. Highway 36", "State Route 99": a road's
        // number names it, and a place inside the name is no mention.
        for wd in words.iter().filter(|wd| wd.cap && wd.plain) {
            if let Some((start, end)) = road_at(text, wd.start, wd.end)
                && !hits
                    .iter()
                    .any(|h| h.start < start && start < h.end || h.start < end && end < h.end)
            {
                hits.retain(|h| h.end <= start || end <= h.start);
                let at = hits.partition_point(|h| h.start < start);
                hits.insert(
                    at,
                    typed_hit(text, start, end, EntityKind::Place, Source::Context),
                );
            }
        }

        self.merge(text, words, hits, &taken, headline, index)
    }

    /// Capitalised runs: maximal word sequences of capitalised words and
    /// inner connectors, not crossing punctuation.
    fn runs(&self, text: &str, words: &[Word], lists: &Lists<'_>) -> Vec<std::ops::Range<usize>> {
        let mut runs = Vec::with_capacity(words.len() / 4);
        // "the Hanoi-based DOJI Group", "Johannesburg-listed MTN Group",
        // "Iran-backed Houthis": a place or body said to house, list, own
        // or back something is no part of its name (the gazetteer reads
        // the place inside). A word of letters and digits alone holds no
        // hyphen.
        let based = |wd: &Word| {
            !wd.plain
                && text[wd.start..wd.end]
                    .rsplit_once('-')
                    .is_some_and(|(_, tail)| {
                        ATTRIBUTIVE_TAILS.contains(&tail)
                            || gazetteer::PLACED.contains(&tail)
                            || gazetteer::LED.contains(&tail)
                    })
        };
        let mut i = 0;
        while i < words.len() {
            if !words[i].cap || based(&words[i]) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            let mut last_cap = i;
            while j < words.len() {
                let gap = &text[words[j - 1].end..words[j].start];
                let plain = gap.chars().all(|c| c == ' ') || (words[j - 1].abbrev && gap == ". ");
                let inner = inner_possessive(text, &words[j - 1]);
                // "Pratt & Whitney": an ampersand between capitalised words.
                let amp = gap == " & " && words[j - 1].cap && words[j].cap;
                // "Prosecutors' Office": a plural possessive before an
                // organisation tail.
                let plural_possessive = matches!(gap, "' " | "’ ")
                    && words[j - 1].text(text).ends_with('s')
                    && lists.has(j, list::ORG_TAIL);
                if (words[j - 1].possessive || !(plain || amp || plural_possessive)) && !inner
                    || based(&words[j])
                {
                    break;
                }
                if words[j].cap {
                    last_cap = j;
                } else if !lists.has(j, list::CONNECTOR)
                    || j + 1 < words.len() && lists.has(j + 1, list::DATE_WORD)
                {
                    // "Marks and Spencer on Wednesday": a day or month
                    // after a connector starts no part of a name.
                    break;
                }
                j += 1;
            }
            runs.push(i..last_cap + 1);
            i = last_cap + 1;
        }
        runs
    }

    /// Reads one capitalised run left to right, trying the rules in order
    /// at each word; words a rule consumes are marked `taken`.
    #[allow(clippy::too_many_arguments)]
    fn read_run<'a>(
        &self,
        text: &'a str,
        words: &[Word],
        lists: &Lists<'_>,
        run: &std::ops::Range<usize>,
        word_match: &[Option<usize>],
        matches: &[GazMatch],
        word_entry: &[Option<&'a Entry>],
        match_end: &[usize],
        country_weight: &FastMap<&str, f64>,
        sport: bool,
        taken: &mut [bool],
        hits: &mut Vec<Hit<'a>>,
    ) {
        let w = |i: usize| words[i].text(text);
        let entry_at = |i: usize| word_entry[i];
        let kind_at = |i: usize| entry_at(i).map(|e| &e.kind);
        // A word a listed organisation, country, person or blocked phrase covers.
        let firm = |i: usize| {
            kind_at(i).is_some_and(|k| {
                matches!(
                    k,
                    EntryKind::Country
                        | EntryKind::Organization { .. }
                        | EntryKind::Person { .. }
                        | EntryKind::Demonym
                        | EntryKind::Blocked
                        | EntryKind::Event
                )
            })
        };
        let is_connector = |i: usize| !words[i].cap && lists.has(i, list::CONNECTOR);
        // Listed words that may open an organisation name ("Royal Swedish
        // Academy", "European Court of Justice", "Kenya Red Cross").
        let adjective = |i: usize| {
            kind_at(i).is_some_and(|k| {
                matches!(
                    k,
                    EntryKind::Demonym
                        | EntryKind::Country
                        | EntryKind::Blocked
                        | EntryKind::Organization { .. }
                )
            })
        };
        let is_head = |i: usize| lists.has(i, list::TITLE_HEAD) && !firm(i);
        // "Health Minister Samanta Lal Sen urged": a title's short form
        // written without its period that ends the run after a name word
        // is a surname, since a title stands before a name.
        let bare_abbreviation_last = |k: usize| {
            k > run.start
                && k + 1 == run.end
                && words[k - 1].cap
                && !words[k].abbrev
                && BARE_TITLE_ABBREVIATIONS.contains(&w(k))
                && text[words[k].end..].starts_with(' ')
        };
        // The word index just past a listed country that starts at word `i`.
        let country_end = |i: usize| -> Option<usize> {
            let mi = word_match[i]?;
            let m = matches.get(mi)?;
            (m.start == words[i].start && matches!(kind_at(i), Some(EntryKind::Country)))
                .then(|| match_end[mi])
        };
        // The word index just past a gazetteer match that starts at word `i`.
        let match_end_word = |i: usize| -> Option<usize> {
            let mi = word_match[i]?;
            let m = matches.get(mi)?;
            if m.start != words[i].start {
                return None;
            }
            match_end.get(mi).copied()
        };
        // Words `i..end` as one hit.
        let span_hit = |i: usize, end: usize, kind: EntityKind, source: Source| {
            typed_hit(text, words[i].start, words[end - 1].end, kind, source)
        };
        let take = |taken: &mut [bool], from: usize, to: usize| {
            for t in taken.iter_mut().take(to).skip(from) {
                *t = true;
            }
        };
        // The end of a club's name written with the letters clubs put
        // before or after it, from word `i` of a run that ends at
        // `run_end` (rule 3j): "FC" and up to three capitalized words, or
        // the run's one to three words ending in the letters.
        let club_with_affix = |i: usize, run_start: usize, run_end: usize, taken: &[bool]| {
            let free = |a: usize, b: usize| (a..b).all(|k| !taken[k] && words[k].cap);
            if CLUB_AFFIXES.contains(&w(i)) {
                let last = run_end.min(i + 4);
                let end = (i + 1..last).find(|&k| !free(k, k + 1)).unwrap_or(last);
                return (end > i + 1).then_some(end);
            }
            (i == run_start
                && (2..=4).contains(&(run_end - i))
                && CLUB_AFFIXES.contains(&w(run_end - 1))
                && free(i, run_end - 1))
            .then_some(run_end)
        };
        // The word before word `i` in the text, past spaces and punctuation.
        let word_before = |i: usize| -> &str {
            text[..words[i].start]
                .trim_end()
                .rsplit(|c: char| !c.is_alphanumeric() && c != '-')
                .next()
                .unwrap_or("")
        };
        // "the" before a name: people are not written "the National Treasury".
        let after_the = |i: usize| matches!(word_before(i), "the" | "The");
        // An unknown capitalised word just before `i` in its run, which
        // nothing explains: `i` is inside a name no list holds ("Samagi
        // Jana Balawegaya"), so a first name there proves nothing.
        let unknown_before = |taken: &[bool], i: usize| {
            i > run.start
                && words[i - 1].cap
                && !taken[i - 1]
                && !words[i - 1].sentence_start
                && entry_at(i - 1).is_none()
                && !self.is_role_noun(w(i - 1))
                && !lists.has(i - 1, list::TITLE_HEAD)
                && !lists.has(i - 1, list::HONORIFIC)
                && !lists.has(i - 1, list::NOT_NAME)
                && !lists.has(i - 1, list::FIRST_NAME)
        };

        // "in Nampula, Cabo Delgado and Niassa": an unknown single word
        // ending a list of two or more listed places is one more.
        let listed_place = |k: usize| {
            kind_at(k).is_some_and(|k| {
                matches!(
                    k,
                    EntryKind::City { .. } | EntryKind::Region | EntryKind::Country
                )
            })
        };
        // "between Beni and Jomsom": an unknown single word after "and"
        // when "between" and a listed place open the pair.
        let between_places = |i: usize| {
            i >= 2
                && i + 1 == run.end
                && run.start == i - 2
                && w(i - 1) == "and"
                && listed_place(i - 2)
                && match_end_word(i - 2) == Some(i - 1)
                && word_before(i - 2) == "between"
        };
        let last_of_places = |i: usize| {
            i >= 2
                && i + 1 == run.end
                && w(i - 1) == "and"
                && listed_place(i - 2)
                && word_match[i - 2]
                    .and_then(|mi| matches.get(mi))
                    .is_some_and(|m| {
                        let s = words.partition_point(|x| x.start < m.start);
                        m.end == words[i - 2].end
                            && s > 0
                            && text.get(words[s - 1].end..words[s].start) == Some(", ")
                            && listed_place(s - 1)
                    })
        };
        // The word index just past the last place a lead ("the states of")
        // found in this run.
        let mut lead_place_end: Option<usize> = None;
        // "Pratt & Whitney", "Kim & Chang": capitalised words joined by an
        // ampersand name a firm, unless a list holds the whole name.
        for k in run.start + 1..run.end {
            if taken[k] || text.get(words[k - 1].end..words[k].start) != Some(" & ") {
                continue;
            }
            let joined = |a: usize| text.get(words[a].end..words[a + 1].start) == Some(" ");
            let mut start = k - 1;
            while start > run.start
                && k - 1 - start < 2
                && words[start - 1].cap
                && !taken[start - 1]
                && joined(start - 1)
                && !lists.has(start - 1, list::NOT_NAME)
                && !lists.has(start - 1, list::TITLE_HEAD)
                && !self.is_role_noun(w(start - 1))
            {
                start -= 1;
            }
            let mut end = k + 1;
            while end < run.end && end - k < 3 && words[end].cap && joined(end - 1) {
                end += 1;
            }
            if taken[start]
                || lists.has(start, list::NOT_NAME)
                || match_end_word(start).is_some_and(|e| e > k)
            {
                continue;
            }
            hits.push(span_hit(
                start,
                end,
                EntityKind::Organization,
                Source::Organization,
            ));
            take(taken, start, end);
        }
        let run_has_inner = words[run.start..run.end]
            .iter()
            .any(|wd| inner_possessive(text, wd));
        let mut i = run.start;
        while i < run.end {
            if taken[i] || !words[i].cap {
                i += 1;
                continue;
            }
            // No rule starts inside a listed name ("Chi" in "Ho Chi Minh City").
            if word_match[i]
                .and_then(|mi| matches.get(mi))
                .is_some_and(|m| m.start < words[i].start)
            {
                i += 1;
                continue;
            }
            // "Canlaon City", "Quezon City": a listed town and "City",
            // outside sports copy, where "Manchester City" is a club.
            // "Busan City Hall" is a place too; "Minsk City Court" is a
            // body, left to the organisation rules.
            if !sport
                && matches!(kind_at(i), Some(EntryKind::City { .. } | EntryKind::Region))
                && let Some(e) = match_end_word(i)
                && e < run.end
                && w(e) == "City"
                && !taken[e]
                && text.get(words[e - 1].end..words[e].start) == Some(" ")
                && !(e + 1 < run.end && lists.has(e + 1, list::ORG_TAIL))
            {
                let end = if e + 1 < run.end && lists.has(e + 1, list::PLACE_TAIL) {
                    e + 2
                } else {
                    e + 1
                };
                hits.push(span_hit(i, end, EntityKind::Place, Source::Context));
                take(taken, i, end);
                i = end;
                continue;
            }
            // 1. Title + name: "Foreign Affairs Minister Hayashi Yoshimasa",
            //    "Chief Financial Officer Kenta Kon", "Secretary of State X".
            // A listed town of several words that opens with a title word
            // ("Prince George", "Prince Albert", "Prince Rupert"), in a country the story
            // names, is the town, not a title and a name.
            // So is a listed place of three words or more ("King Abdullah
            // Sports City", "Prince Edward Island").
            let titled_town = || {
                entry_at(i).is_some_and(|e| {
                    matches!(e.kind, EntryKind::City { .. } | EntryKind::Region)
                        && e.country_code
                            .as_deref()
                            .is_some_and(|cc| country_weight.contains_key(cc))
                }) && match_end_word(i).is_some_and(|e| e > i + 1)
                    || matches!(kind_at(i), Some(EntryKind::Region))
                        && match_end_word(i).is_some_and(|e| e > i + 2)
            };
            // "Col du Tourmalet" is a mountain pass, not a colonel.
            let french_place = particle_place_opener(text, &words[i])
                && i + 1 < run.end
                && (is_connector(i + 1) || elided_particle(w(i + 1)));
            if (is_head(i) || lists.has(i, list::HONORIFIC)) && !titled_town() && !french_place {
                let mut title_start = i;
                while title_start > run.start
                    && i - title_start < MAX_NAME_WORDS
                    && words[title_start - 1].cap
                    && !firm(title_start - 1)
                    && !taken[title_start - 1]
                    && !lists.has(title_start - 1, list::NOT_NAME)
                    && !lists.has(title_start - 1, list::FIRST_NAME)
                {
                    title_start -= 1;
                }
                // Extend over further heads and the words between them
                // ("Chief Financial Officer"), and over "of State".
                let mut k = i + 1;
                loop {
                    if k - i >= 2 * MAX_NAME_WORDS {
                        break;
                    }
                    if k < run.end && is_head(k) {
                        k += 1;
                    } else if k + 1 < run.end
                        && words[k].cap
                        && !firm(k)
                        && !lists.has(k, list::FIRST_NAME)
                        && is_head(k + 1)
                    {
                        k += 2;
                    } else if k + 2 < run.end
                        && matches!(w(k), "of" | "for")
                        && words[k + 1].cap
                        && !lists.has(k + 1, list::FIRST_NAME)
                    {
                        // "Minister of Water Resources and Irrigation
                        // Sherif Mansour", "Minister of Energy and Mines
                        // Jorge Montero": a portfolio of two fields.
                        let second_field = |k: usize| {
                            k + 2 < run.end
                                && w(k) == "and"
                                && words[k + 1].cap
                                && !firm(k + 1)
                                && !lists.has(k + 1, list::FIRST_NAME)
                                && words[k + 2].cap
                        };
                        k += 2;
                        if second_field(k) {
                            k += 1;
                        }
                        while k + 1 < run.end
                            && k - i < 2 * MAX_NAME_WORDS
                            && words[k].cap
                            && !firm(k)
                            && !lists.has(k, list::FIRST_NAME)
                            && !is_connector(k)
                            // "Minister for European Integration Doina
                            // Ceban": two words left, the first no English
                            // word, are the name whole.
                            && !(k + 2 == run.end
                                && entry_at(k).is_none()
                                && !everyday_word(w(k)))
                        {
                            k += 1;
                            if second_field(k) {
                                k += 1;
                            }
                        }
                    } else {
                        break;
                    }
                }
                // "Plantation Minister Datuk Seri Anwar X", "Health Minister
                // Dr Ana Y": honorifics after the title are no name.
                let mut name_start = k;
                while name_start + 1 < run.end && lists.has(name_start, list::HONORIFIC) {
                    name_start += 1;
                }
                let mut name_end = name_start;
                if name_start < run.end
                    && kind_at(name_start).is_some_and(|k| matches!(k, EntryKind::Person { .. }))
                    && let Some(end) = match_end_word(name_start)
                {
                    // A listed person: take the whole listed name.
                    name_end = end.min(run.end).max(name_start + 1);
                } else {
                    // Particles do not count toward the length ("Jorge Luis
                    // Chávez de la Cruz").
                    while name_end < run.end
                        && (name_start..name_end).filter(|&j| words[j].cap).count() < 5
                        && (words[name_end].cap
                            || (is_connector(name_end)
                                && self.name_particle(w(name_end))
                                && name_end + 1 < run.end))
                        && (!is_head(name_end) || bare_abbreviation_last(name_end))
                        && !kind_at(name_end).is_some_and(|k| {
                            matches!(
                                k,
                                EntryKind::Country
                                    | EntryKind::Organization { .. }
                                    | EntryKind::Demonym
                                    | EntryKind::Blocked
                            )
                        })
                    {
                        name_end += 1;
                        if words[name_end - 1].possessive {
                            break;
                        }
                    }
                    // A name ends in a capitalised word, not a particle.
                    while name_end > name_start && !words[name_end - 1].cap {
                        name_end -= 1;
                    }
                }
                // "the Director of Public Prosecutions": an office, whose
                // last word is no one's name.
                let office = after_the(title_start)
                    && (i..k).any(|t| w(t) == "of")
                    && name_end == name_start + 1
                    && name_end == run.end;
                if office {
                    take(taken, title_start, name_end);
                    i = name_end;
                    continue;
                }
                // "King Abdullah Canal", "Sheikh Zayed Bridge": works named
                // for a titled person are places.
                // "Queen Street", "King Square": a one-word title before a
                // place's tail alone.
                let titled_place = name_end == name_start + 1
                    && title_start == i
                    && k == i + 1
                    && matches!(w(i), "King" | "Queen" | "Prince" | "Princess")
                    && matches!(
                        w(name_start),
                        "Street" | "Square" | "Avenue" | "Road" | "Bridge" | "Station"
                    );
                if name_end >= name_start + 2 && TITLED_WORKS.contains(&w(name_end - 1))
                    || titled_place
                {
                    hits.push(span_hit(
                        title_start,
                        name_end,
                        EntityKind::Place,
                        Source::Context,
                    ));
                    take(taken, title_start, name_end);
                    i = name_end;
                    continue;
                }
                if name_end > name_start
                    && !lists.has(name_start, list::NOT_NAME)
                    && !lists.has(name_end - 1, list::ORG_TAIL)
                    && !DOCUMENT_TAILS.contains(&w(name_end - 1))
                {
                    let honorific_only =
                        i == title_start && k == i + 1 && lists.has(i, list::HONORIFIC);
                    let title_end = words[k - 1].end + usize::from(words[k - 1].abbrev);
                    let title =
                        (!honorific_only).then(|| &text[words[title_start].start..title_end]);
                    let (start, mut end) = (words[name_start].start, words[name_end - 1].end);
                    // A listed name may end in a period the words leave out ("Jr.").
                    if let Some(m) = word_match[name_start].and_then(|mi| matches.get(mi))
                        && m.start == start
                        && m.end > end
                        && text[end..m.end].trim_matches('.').is_empty()
                    {
                        end = m.end;
                    }
                    let listed = entry_at(name_start)
                        .filter(|e| {
                            matches!(e.kind, EntryKind::Person { .. } | EntryKind::Surname)
                                && name_end - name_start >= 1
                        })
                        .and_then(|e| hit_from_entry(e, start, end));
                    let mut hit =
                        listed.unwrap_or_else(|| person_hit(text, start, end, Source::Title));
                    hit.start = start;
                    hit.end = end;
                    hit.title = title.or(hit.title);
                    // "Shizuoka Governor Hiroshi Tanabe", "Tamil Nadu Chief
                    // Minister": a listed place that opens the title is a
                    // place mention of its own.
                    if title_start < i
                        && matches!(
                            kind_at(title_start),
                            Some(
                                EntryKind::City {
                                    common_word: false,
                                    ..
                                } | EntryKind::Region
                                    | EntryKind::Country
                            )
                        )
                        && let Some(e) = match_end_word(title_start)
                        && e <= i
                        && !words[e - 1].possessive
                    {
                        hits.push(span_hit(title_start, e, EntityKind::Place, Source::Context));
                    }
                    hits.push(hit);
                    take(taken, title_start, name_end);
                    i = name_end;
                    continue;
                }
            }

            // 2b. A nationality before two capitalised words no list
            //     knows that end the run: a person introduced by
            //     nationality, as sports and world copy does ("Slovenian
            //     Tadej Pogačar", "Kenyan Faith Chepkoech"). Titles, name
            //     tails and words the story writes in lower case leave it
            //     ("Japanese Prime Minister", "Norwegian Cruise Line").
            if matches!(kind_at(i), Some(EntryKind::Demonym))
                && match_end_word(i) == Some(i + 1)
                && i + 3 == run.end
                && !words[i].possessive
                && !words[i + 1].possessive
                && (i + 1..i + 3).all(|k| {
                    !taken[k]
                        && entry_at(k).is_none()
                        && words[k].cap
                        && !words[k].abbrev
                        && !is_acronym(w(k))
                        && !lists.has(
                            k,
                            list::TITLE_HEAD
                                | list::ORG_TAIL
                                | list::ORG_HEAD
                                | list::PLACE_TAIL
                                | list::NOT_NAME
                                | list::DATE_WORD
                                | list::TRADE_TAIL,
                        )
                        && w(k).chars().count() >= 4
                        && !everyday_word(w(k))
                        && !written_lower(text, w(k))
                })
            {
                hits.push(person_hit(
                    text,
                    words[i + 1].start,
                    words[i + 2].end,
                    Source::Context,
                ));
                take(taken, i + 1, i + 3);
            }

            // 2a. A Korean or Chinese name, family name first: "Park
            // Ji-hoon", "Sun Yingsha".
            if i + 1 < run.end
                && !taken[i + 1]
                && !firm(i)
                && word_match[i + 1].is_none()
                && family_first_name(w(i), w(i + 1))
            {
                hits.push(person_hit(
                    text,
                    words[i].start,
                    words[i + 1].end,
                    Source::FirstName,
                ));
                take(taken, i, i + 2);
                i += 2;
                continue;
            }

            // 2c. Two to four capitalised words no list holds, one of them a
            // Kalenjin name ("Kipyegon", "Chepkoech", "Jepchirchir"): a
            // person, whose given name may be an everyday word ("Faith
            // Kipyegon", "Mercy Jerotich Kiplagat", "Jacob Kiplimo Otieno").
            let plain = |k: usize| {
                !taken[k]
                    && words[k].cap
                    && word_match[k].is_none()
                    && !lists.has(
                        k,
                        list::TITLE_HEAD | list::HONORIFIC | list::ORG_TAIL | list::NOT_NAME,
                    )
            };
            let mut end = i;
            while end < run.end && end - i < 4 && plain(end) {
                end += 1;
                if words[end - 1].possessive {
                    break;
                }
            }
            if end - i >= 2 && (i..end).any(|k| kalenjin_name(w(k))) {
                hits.push(person_hit(
                    text,
                    words[i].start,
                    words[end - 1].end,
                    Source::Context,
                ));
                take(taken, i, end);
                i = end;
                continue;
            }

            // 2. Known first name (or an initial) + capitalised surname(s).
            // The word up to any hyphen ("Jean" in "Jean-Pierre").
            let word = w(i);
            let hyphen = word.bytes().position(|b| b == b'-');
            let first = hyphen.map_or(word, |p| &word[..p]);
            // "S. Somanath": a single capital followed by a period; so too
            // the short forms of Muhammad in South and Southeast Asian names
            // ("Md. Rafiqul Islam", "Mohd. Azmi"; "Bethesda, Md." is
            // Maryland, which `text::words` does not join to the next word).
            // Bangladeshi copy often writes "Md" without its period ("Md
            // Mostafizur Rahman").
            let initial = (w(i).chars().nth(1).is_none()
                || GIVEN_NAME_ABBREVIATIONS.contains(&w(i)))
                && text[words[i].end..].starts_with(". ")
                || GIVEN_NAME_ABBREVIATIONS.contains(&w(i))
                    && text[words[i].end..].starts_with(' ');
            // A particle written with a capital inside a name is no place
            // or word of its own ("Kristof Van den Bossche", "Ana De la
            // Torre"): it needs a particle or a capitalised word after it.
            let capital_particle = |j: usize| {
                j + 1 < run.end
                    && (words[j + 1].cap || is_connector(j + 1))
                    && self.capitalised_particle(w(j))
            };
            let loose = |j: usize| {
                !firm(j)
                    || kind_at(j).is_some_and(|k| matches!(k, EntryKind::Person { .. }))
                    || capital_particle(j)
            };
            // The surname, after any particle ("Mohammed bin Abdulrahman")
            // or two ("Josh van der Flier", "Ana de la Cruz").
            let mut sur = i + 1;
            while sur + 1 < run.end
                && sur - i <= 2
                && is_connector(sur)
                && self.name_particle(w(sur))
            {
                sur += 1;
            }
            // "Israel Montero", "Chad Morris": a listed country that is also
            // a listed given name, before an unknown capitalised word that
            // the story never writes in lower case, is a person's given
            // name ("Jordan Valley" keeps its place tail, "Kenya Power"
            // its lower-case "power", "the Chad Basin" its article).
            let country_given_name = || {
                sur == i + 1
                    && !after_the(i)
                    && kind_at(i).is_some_and(|k| matches!(k, EntryKind::Country))
                    && match_end_word(i) == Some(i + 1)
                    && entry_at(sur).is_none_or(|e| {
                        matches!(e.kind, EntryKind::Surname | EntryKind::City { .. })
                    })
                    && !lists.has(sur, list::PLACE_TAIL)
                    && !written_lower(text, w(sur))
            };
            let first_name = match hyphen {
                None => lists.has(i, list::FIRST_NAME),
                Some(_) => self.is_first_name(first),
            };
            // "Dane Magnus Bjerregaard": a nationality that is also a
            // given name, before a given name, is the nationality.
            let nationality_before_name = matches!(kind_at(i), Some(EntryKind::Demonym))
                && sur < run.end
                && lists.has(sur, list::FIRST_NAME);
            if (first_name || initial)
                && !nationality_before_name
                && !unknown_before(taken, i)
                && sur < run.end
                && words[sur].cap
                && loose(sur)
                && (!lists.has(sur, list::TITLE_HEAD) || bare_abbreviation_last(sur))
                && !lists.has(sur, list::ORG_TAIL)
                && !lists.has(sur, list::NOT_NAME)
                && !words[i].possessive
                && (!kind_at(i).is_some_and(|k| {
                    matches!(
                        k,
                        EntryKind::Country
                            | EntryKind::Organization { .. }
                            | EntryKind::Person { .. }
                            | EntryKind::Blocked
                    )
                }) || country_given_name())
            {
                // One or two particles before a capitalised surname ("Lula
                // da Silva", "Ochoa de la Garza", "Mathieu van den Broeck").
                let particles = |j: usize| {
                    (1..=2).find(|&n| {
                        j + n < run.end
                            && (j..j + n).all(|k| is_connector(k) && self.name_particle(w(k)))
                            && words[j + n].cap
                    })
                };
                let mut end = sur + 1;
                let mut capitals = end - i;
                while end < run.end
                    && capitals < 5
                    && !words[end - 1].possessive
                    && !lists.has(end, list::ORG_TAIL)
                {
                    if words[end].cap && loose(end) {
                        end += 1;
                        capitals += 1;
                    } else if let Some(n) = particles(end) {
                        // The word after the particles is the surname,
                        // listed as a place or not ("de la Cruz").
                        end += n + 1;
                        capitals += 1;
                    } else {
                        break;
                    }
                }
                // A listed place exactly ("Santa Cruz") stays a place.
                let whole_place = match_end_word(i) == Some(end)
                    && kind_at(i)
                        .is_some_and(|k| matches!(k, EntryKind::City { .. } | EntryKind::Region));
                // "Johns Hopkins University" is an organisation and "Tana
                // River" a place, not people.
                // "the Kali Gandaki river": a place noun after the run.
                let place_noun_after = end == run.end
                    && text[words[end - 1].end..].starts_with(' ')
                    && words.get(end).is_some_and(|n| {
                        !n.cap
                            && text.get(words[end - 1].end..n.start) == Some(" ")
                            && self.place_nouns.contains(n.text(text))
                    });
                let org_follows = whole_place
                    || place_noun_after
                    || end < run.end && lists.has(end, list::ORG_TAIL)
                    || lists.has(end - 1, list::PLACE_TAIL);
                if !org_follows {
                    let (start, stop) = (words[i].start, words[end - 1].end);
                    hits.push(person_hit(text, start, stop, Source::FirstName));
                    take(taken, i, end);
                    i = end;
                    continue;
                }
            }

            // 3h. A club named by a word many clubs of Central and
            //     Eastern Europe and Israel share and its listed city
            //     ("Sparta Prague", "Dinamo Zagreb", "Maccabi Haifa").
            if lists.has(i, list::CLUB_HEAD)
                && !taken[i]
                && i + 1 < run.end
                && !taken[i + 1]
                && matches!(kind_at(i + 1), Some(EntryKind::City { .. }))
                && let Some(end) = match_end_word(i + 1)
                && end <= run.end
            {
                hits.push(span_hit(i, end, EntityKind::Organization, Source::Context));
                take(taken, i, end);
                i = end;
                continue;
            }

            // 3k. A national body named for its country and then its sport
            //     or field ("Sri Lanka Cricket", "New Zealand Rugby"); the
            //     field first is rule 3e's. A tail after it is left to the
            //     tail ("Bangladesh Cricket Board").
            if !taken[i]
                && let Some(e) = country_end(i)
                && e < run.end
                && !taken[e]
                && lists.has(e, list::NATIONAL_BODY_FIELD)
                && (e + 1 == run.end || !words[e + 1].cap)
                && !words[e - 1].possessive
            {
                hits.push(span_hit(
                    i,
                    e + 1,
                    EntityKind::Organization,
                    Source::Organization,
                ));
                take(taken, i, e + 1);
                i = e + 1;
                continue;
            }

            // 3j. A club named with the letters clubs put before or after
            //     their name ("FC St. Pauli", "Karlsruher SC", "VfB
            //     Stuttgart", "Brentford FC"): the name and the letters.
            if !taken[i]
                && let Some(end) = club_with_affix(i, run.start, run.end, taken)
            {
                let mut hit = span_hit(i, end, EntityKind::Organization, Source::Context);
                // "1. FC Köln": German clubs write their rank first.
                if let Some(rank) = text[..words[i].start].strip_suffix(". ")
                    && rank.ends_with(|c: char| c.is_ascii_digit())
                    && !rank[..rank.len() - 1].ends_with(|c: char| c.is_alphanumeric())
                {
                    hit.start = rank.len() - 1;
                    hit.canonical = &text[hit.start..hit.end];
                }
                hits.push(hit);
                take(taken, i, end);
                i = end;
                continue;
            }

            // 3i. An unknown word before a listed country that ends the
            //     run, after an organisation noun or "opposition", is a
            //     party or a body named for the country ("the opposition
            //     Progressive Slovakia", "the party Civic Lithuania").
            if i == run.start
                && !words[i].sentence_start
                && !taken[i]
                && entry_at(i).is_none()
                && !lists.has(i, list::FIRST_NAME)
                && !lists.has(i, list::TITLE_HEAD)
                && !self.is_role_noun(w(i))
                && !lists.has(i, list::NOT_NAME)
                && i + 1 < run.end
                && !taken[i + 1]
                && let Some(end) = country_end(i + 1)
                && end == run.end
                && (self.org_nouns.contains(word_before(i))
                    || matches!(word_before(i), "opposition" | "ruling" | "governing"))
            {
                hits.push(span_hit(i, end, EntityKind::Organization, Source::Context));
                take(taken, i, end);
                i = end;
                continue;
            }

            // 3g. A single unknown word written as a company writes its
            //     name, with a capital inside ("IndiGo", "InterGlobe") or
            //     ending in "bank" ("Kiwibank", "Rabobank"), standing alone.
            if !firm(i)
                && !taken[i]
                && entry_at(i).is_none()
                && i + 1 == run.end
                && (i == run.start
                    || !words[i - 1].cap
                    || taken[i - 1]
                    || lists.has(i - 1, list::NOT_NAME)
                    || self.is_role_noun(w(i - 1))
                    || self.org_nouns.contains_lowercased(w(i - 1)))
                && !lists.has(i, list::FIRST_NAME)
                && company_form(w(i))
            {
                hits.push(span_hit(
                    i,
                    i + 1,
                    EntityKind::Organization,
                    Source::Context,
                ));
                take(taken, i, i + 1);
                i += 1;
                continue;
            }

            // 3e. A sport or a field of government before a listed country,
            //     region or city that ends the name is its body ("Athletics
            //     Kenya", "Cricket Australia", "Elections Canada", "Cricket
            //     Victoria").
            if lists.has(i, list::NATIONAL_BODY_FIELD)
                && i + 1 < run.end
                && !taken[i + 1]
                && let Some(end) = country_end(i + 1).or_else(|| {
                    match_end_word(i + 1).filter(|_| {
                        matches!(
                            kind_at(i + 1),
                            Some(EntryKind::Region | EntryKind::City { .. })
                        )
                    })
                })
                && (end == run.end || end < run.end && w(end) == "and")
                && !words[end - 1].possessive
            {
                hits.push(span_hit(
                    i,
                    end,
                    EntityKind::Organization,
                    Source::Organization,
                ));
                take(taken, i, end);
                i = end;
                continue;
            }

            // 3a. An organisation head before a listed country is the
            //     country's institution: "Bank Indonesia".
            if lists.has(i, list::ORG_HEAD)
                && i + 1 < run.end
                && !taken[i + 1]
                && kind_at(i + 1).is_some_and(|k| matches!(k, EntryKind::Country))
                && let Some(end) = match_end_word(i + 1)
                && end <= run.end
            {
                hits.push(span_hit(
                    i,
                    end,
                    EntityKind::Organization,
                    Source::Organization,
                ));
                take(taken, i, end);
                i = end;
                continue;
            }

            // 3. Organisation: "Ministry of Defense", "... Institute".
            // A listed organisation may open a longer one ("Federal Reserve
            // Bank of New York", "Amazon Web Services"), but only if the
            // name grows past the listed words.
            // A sentence-opening organisation noun or role opens no name
            // ("Drugmaker Sumitomo Pharma said").
            if (!firm(i) || adjective(i))
                && !(words[i].sentence_start
                    && i + 1 < run.end
                    && (self.org_nouns.contains_lowercased(w(i)) || self.is_role_noun(w(i))))
                && (!lists.has(i, list::NOT_NAME)
                    || COMPASS.contains(&w(i))
                    || ORG_OPENERS.contains(&w(i)) && !words[i].sentence_start)
                && let Some(end) = self.org_end(
                    text,
                    words,
                    i,
                    run.end,
                    &firm,
                    &adjective,
                    &country_end,
                    &|a: usize, b: usize| word_match[a].is_some() && word_match[a] == word_match[b],
                    taken,
                    is_acronym(w(i))
                        || kind_at(i).is_some_and(|k| {
                            matches!(
                                k,
                                EntryKind::Country
                                    | EntryKind::Demonym
                                    | EntryKind::City { .. }
                                    | EntryKind::Region
                            )
                        }),
                    lists,
                )
                && end - i >= 2
                && match_end_word(i).is_none_or(|listed_end| end > listed_end)
            {
                // "Organization for Security and Co-operation in Europe",
                // "Board of Control for Cricket in India": a name with "for"
                // may end in "in" and a country or region, which the run
                // leaves out.
                let mut end = end;
                if end == run.end
                    && (i..end).any(|k| w(k) == "for")
                    && end + 1 < words.len()
                    && w(end) == "in"
                    && text.get(words[end - 1].end..words[end].start) == Some(" ")
                    && text.get(words[end].end..words[end + 1].start) == Some(" ")
                    && kind_at(end + 1)
                        .is_some_and(|k| matches!(k, EntryKind::Country | EntryKind::Region))
                    && let Some(place_end) = match_end_word(end + 1)
                    && words.get(place_end).is_none_or(|n| {
                        !n.cap || text.get(words[place_end - 1].end..n.start) != Some(" ")
                    })
                {
                    end = place_end;
                }
                // A competition is an event, not a body: "Singapore Grand
                // Prix", "Africa Cup of Nations".
                let kind = if is_competition(&text[words[i].start..words[end - 1].end]) {
                    EntityKind::Event
                } else {
                    EntityKind::Organization
                };
                let mut hit = span_hit(i, end, kind, Source::Organization);
                // "5th U.S. Circuit Court of Appeals", "82nd Airborne
                // Division": an ordinal written in figures opens the name.
                if i == run.start
                    && let Some(start) = ordinal_before(text, words[i].start)
                {
                    hit.start = start;
                    hit.canonical = &text[start..hit.end];
                }
                hits.push(hit);
                take(taken, i, end);
                i = end;
                continue;
            }

            // 3f. A listed organisation directly before a listed country
            //     that ends the run is its national arm ("Transparency
            //     International Slovakia", "Westpac New Zealand").
            if matches!(kind_at(i), Some(EntryKind::Organization { .. }))
                && let Some(e) = match_end_word(i)
                && e < run.end
                && !taken[e]
                && !words[e - 1].possessive
                && text.get(words[e - 1].end..words[e].start) == Some(" ")
                && let Some(end) = country_end(e)
                && end == run.end
            {
                hits.push(span_hit(
                    i,
                    end,
                    EntityKind::Organization,
                    Source::Organization,
                ));
                take(taken, i, end);
                i = end;
                continue;
            }

            // 3d. A country or nationality before a listed body of no
            //     country is that body's national society ("Peruvian Red
            //     Cross", "Turkish Red Crescent").
            if kind_at(i).is_some_and(|k| matches!(k, EntryKind::Country | EntryKind::Demonym))
                && let Some(e) = match_end_word(i)
                && e < run.end
                && !taken[e]
                && entry_at(e).is_some_and(|en| {
                    en.country_code.is_none()
                        && matches!(&en.kind, EntryKind::Organization { class } if class == "ngo")
                })
                && let Some(end) = match_end_word(e)
                && end <= run.end
            {
                hits.push(span_hit(
                    i,
                    end,
                    EntityKind::Organization,
                    Source::Organization,
                ));
                take(taken, i, end);
                i = end;
                continue;
            }

            // 3b. A name with "People's" (or "Women's", ...) inside is a
            //     party, army, assembly or league ("National People's
            //     Power") unless listed.
            if run_has_inner && !firm(i) && !lists.has(i, list::NOT_NAME) {
                let mut end = i;
                let mut inner = false;
                while end < run.end
                    && end - i < MAX_NAME_WORDS
                    && words[end].cap
                    && !firm(end)
                    && !taken[end]
                {
                    inner |= inner_possessive(text, &words[end]) && end + 1 < run.end;
                    end += 1;
                    if words[end - 1].possessive && !inner_possessive(text, &words[end - 1]) {
                        break;
                    }
                }
                if inner && end - i >= 2 {
                    hits.push(span_hit(
                        i,
                        end,
                        EntityKind::Organization,
                        Source::Organization,
                    ));
                    take(taken, i, end);
                    i = end;
                    continue;
                }
            }

            // 3c. A listed country or organisation before a place tail is a
            //     place of its own ("Emirates Stadium", "Jordan River").
            if i + 1 < run.end
                && lists.has(i + 1, list::PLACE_TAIL)
                && !taken[i + 1]
                && kind_at(i).is_some_and(|k| {
                    matches!(k, EntryKind::Country | EntryKind::Organization { .. })
                })
                && match_end_word(i) == Some(i + 1)
            {
                let (start, stop) = (words[i].start, words[i + 1].end);
                hits.push(typed_hit(
                    text,
                    start,
                    stop,
                    EntityKind::Place,
                    Source::Context,
                ));
                take(taken, i, i + 2);
                i += 2;
                continue;
            }

            // 4. Place: "Bay of Bengal" (unless listed whole), "Tana River",
            //    "St. Peter's Square"; "the town of X".
            // One or two connectors before a capitalised word ("Place de
            // la Concorde").
            let connectors_then_cap = |j: usize| {
                j + 1 < run.end && is_connector(j) && words[j + 1].cap
                    || j + 2 < run.end
                        && (j..j + 2).all(|k| is_connector(k) && self.name_particle(w(k)))
                        && words[j + 2].cap
            };
            let opener = lists.has(i, list::PLACE_OPENER)
                && i + 1 < run.end
                && (words[i + 1].cap || w(i + 1) != "and" && connectors_then_cap(i + 1))
                || particle_place_opener(text, &words[i])
                    && i + 1 < run.end
                    && (!words[i + 1].cap && connectors_then_cap(i + 1)
                        || elided_particle(w(i + 1)));
            if opener
                && !taken[i + 1]
                // A listed town named by the opener alone ("Cerro", Cuba)
                // does not hold the feature's name back.
                && match_end_word(i).is_none_or(|e| e <= i + 1)
            {
                let mut end = i + 1;
                // "Paseo de la Reforma and Jalan Duta": two places.
                while end < run.end
                    && end - i < 5
                    && !taken[end]
                    && (words[end].cap || w(end) != "and" && connectors_then_cap(end))
                {
                    end += 1;
                    if words[end - 1].possessive {
                        break;
                    }
                }
                hits.push(span_hit(i, end, EntityKind::Place, Source::Context));
                take(taken, i, end);
                i = end;
                continue;
            }
            // "Bay of Bengal" after its "of"; "Lake Tanganyika", "Mount
            // Lewotobi Laki-laki", "Lake Victoria", "River Severn" directly:
            // the head and the capitalised words after it, listed or not (no
            // title). A capitalised word before "River" makes it part of a
            // longer name ("New River Triangle").
            let place_head =
                if lists.has(i, list::PLACE_HEAD) && i + 2 < run.end && w(i + 1) == "of" {
                    Some((i + 2, 5))
                } else if matches!(w(i), "Lake" | "Mount" | "Mt." | "River")
                    && (w(i) != "River" || i == run.start || !words[i - 1].cap)
                    && i + 1 < run.end
                    && text.get(words[i].end..words[i + 1].start) == Some(" ")
                {
                    Some((i + 1, 4))
                } else {
                    None
                };
            if let Some((first, longest)) = place_head
                && words[first].cap
                && !taken[first]
                && match_end_word(i).is_none_or(|listed_end| listed_end <= i + 1)
            {
                let mut end = first;
                // "Palace of Justice": a title word may be the name's
                // first, but stands nowhere after it.
                while end < run.end
                    && end - i < longest
                    && words[end].cap
                    && !taken[end]
                    && (end == first || !lists.has(end, list::TITLE_HEAD))
                {
                    end += 1;
                    if words[end - 1].possessive {
                        break;
                    }
                }
                hits.push(span_hit(i, end, EntityKind::Place, Source::Context));
                take(taken, i, end);
                i = end;
                continue;
            }
            // A compass word opens a place that ends in a tail ("Western
            // North Region", "Northern Province").
            let compass = COMPASS.contains(&w(i));
            if compass || !firm(i) && !lists.has(i, list::NOT_NAME) {
                let mut end = i;
                // "Education Minister Park Ji-yeon": a title never stands
                // inside a place's name.
                while end < run.end
                    && end - i < 4
                    && words[end].cap
                    && (firm(end) || !lists.has(end, list::TITLE_HEAD))
                    && (!firm(end)
                        || end == i && compass
                        // "Orvik Delta": a tail that is also a listed name.
                        || end > i && lists.has(end, list::PLACE_TAIL))
                {
                    end += 1;
                    // "Lefthand Canyon Drive": a tail may name a road or a
                    // site after a feature.
                    if lists.has(end - 1, list::PLACE_TAIL)
                        && !(end < run.end && words[end].cap && lists.has(end, list::PLACE_TAIL))
                    {
                        break;
                    }
                }
                let tail = end > i + 1 && lists.has(end - 1, list::PLACE_TAIL);
                let before = text[..words[i].start].trim_end();
                // "the states of Kelantan and Terengganu": the lead covers
                // the second of two places too.
                let second = lead_place_end.is_some_and(|e| e + 1 == i && w(e) == "and");
                let of_place = (self.ends_with_place_lead(before)
                    || second
                    || last_of_places(i)
                    || between_places(i))
                    && entry_at(i).is_none();
                if tail || of_place && !compass {
                    let end = if tail {
                        end
                    } else {
                        (i + 1..end)
                            .find(|&j| is_connector(j))
                            .unwrap_or(end)
                            .max(i + 1)
                    };
                    hits.push(span_hit(i, end, EntityKind::Place, Source::Context));
                    take(taken, i, end);
                    if of_place && !tail {
                        lead_place_end = Some(end);
                    }
                    i = end;
                    continue;
                }
            }

            // 5. A common noun before or after an unknown name types it:
            //    "spokesman Dmitry Peskov", "fintech company Flutterwave",
            //    "Sindh province", "the Chega party", "an economist at
            //    Berenberg", "Safaricom, the country's biggest operator".
            //    An organisation noun may also retype a listed town
            //    ("retailer Marks and Spencer", "Italian side Bologna").
            let unknown = entry_at(i).is_none();
            // A listed town opening a longer name where a company stands:
            // "an economist at Union Investment".
            let town_at_work = || {
                kind_at(i).is_some_and(|k| matches!(k, EntryKind::City { .. }))
                    && match_end_word(i).is_some_and(|listed_end| listed_end < run.end)
                    && self.role_at(&text[..words[i].start])
            };
            // A listed region too: "robot maker Kansai Robotics Co.".
            // "the weekly Mombasa tea auction": a paper's period, which
            // may also say how often a market sits, leaves a town a town.
            let town = || {
                kind_at(i).is_some_and(|k| matches!(k, EntryKind::City { .. } | EntryKind::Region))
                    && self.org_nouns.contains(word_before(i))
                    && !matches!(word_before(i), "weekly" | "daily" | "monthly")
                    || town_at_work()
            };
            // "Southern Copper, a unit of ...": a compass word may open
            // the name.
            let opens = !lists.has(i, list::NOT_NAME)
                || COMPASS.contains(&w(i)) && i + 1 < run.end && words[i + 1].cap;
            if !firm(i) && opens && (unknown || town()) {
                let mut end = i;
                // "Manpower Minister Yassierli": a title word inside the
                // run ends the name before it, and opens its own rule at
                // the next word ("Stephanie Pope" ends in one).
                while end < run.end
                    && end - i < 3
                    && words[end].cap
                    && !firm(end)
                    && !is_connector(end)
                    && !(end > i && end + 1 < run.end && is_head(end))
                {
                    end += 1;
                    if words[end - 1].possessive {
                        break;
                    }
                }
                let mid = !words[i].sentence_start;
                // A sentence's first word has no word before it in the sentence.
                let before_word = if mid { word_before(i) } else { "" };
                // The word before that, as written: "shares" in "shares of
                // X", "Prize" in "Nobel Prize in Physics".
                let two_before = || text[..words[i].start].split_whitespace().nth_back(1);
                let after_word = || {
                    text[words[end - 1].end..]
                        .trim_start()
                        .split(|c: char| !c.is_alphanumeric())
                        .next()
                        .unwrap_or("")
                };
                let next = (end < run.end).then(|| w(end));
                let whole = end == run.end;
                // "Marks and Spencer": two single words joined by "and".
                let pair = next == Some("and")
                    && end + 2 == run.end
                    && end == i + 1
                    && words[end + 1].cap
                    && !firm(end + 1);
                // "Insurer Old Mutual gained": the noun opens the sentence.
                // "his rival Ostrowski" is a person's rival, not a company's.
                let owned_rival = before_word == "rival"
                    && ["his rival", "her rival", "their rival"]
                        .iter()
                        .any(|p| ends_with_words(text[..words[i].start].trim_end(), p));
                // "Shares in PGE rose", "shares of Albemarle": a listed
                // company is found already, an unknown name there is one.
                let shares_before = unknown
                    && matches!(before_word, "in" | "of")
                    && two_before().is_some_and(|s| s.eq_ignore_ascii_case("shares"));
                // Two single names joined by "and" before a plural noun
                // ("Myagdi and Baglung districts", "the CGT and SUD-Rail
                // unions"): the noun, which may say what both are.
                let pair_noun = if mid
                    && end == i + 1
                    && next == Some("and")
                    && end + 2 == run.end
                    && words[end + 1].cap
                {
                    text[words[run.end - 1].end..]
                        .trim_start()
                        .split(|c: char| !c.is_alphanumeric())
                        .next()
                        .unwrap_or("")
                } else {
                    ""
                };
                let noun_before = shares_before
                    || self.org_nouns.contains(before_word) && !owned_rival
                    || i == run.start + 1
                        && words[run.start].sentence_start
                        && self.org_nouns.contains_lowercased(before_word);
                let kind = if unknown
                    && mid
                    && end - i >= 2
                    && (whole || next == Some("of"))
                    && self.is_role_noun(before_word)
                    && !DOCUMENT_TAILS.contains(&w(end - 1))
                {
                    Some(EntityKind::Person)
                } else if mid
                    && noun_before
                    && (whole
                        || pair
                        // "the socialist union ABVV and the Christian
                        // union ACV": an acronym before a connector.
                        || end == i + 1 && is_acronym(w(i)) && !words[end].cap)
                {
                    if pair {
                        end = run.end;
                    }
                    Some(EntityKind::Organization)
                } else if unknown
                    && end == i + 1
                    && whole
                    && is_acronym(w(i))
                    && (self.is_role_noun(after_word())
                        || text[words[i].end..].starts_with(", which "))
                {
                    // "ELN commander Wilmer Cáceres", "AIB, which lost ...".
                    Some(EntityKind::Organization)
                } else if unknown
                    && whole
                    && mid
                    && text[words[end - 1].end..].starts_with(',')
                    && text[..words[i].start]
                        .trim_end()
                        .strip_suffix(',')
                        .and_then(|b| b.rsplit(' ').next())
                        .is_some_and(|noun| self.org_nouns.contains(noun))
                {
                    // "Her party, Chega, said": named in apposition to an
                    // organisation noun.
                    Some(EntityKind::Organization)
                } else if unknown
                    && whole
                    && mid
                    && matches!(before_word, "a" | "an" | "A" | "An")
                    && self.is_role_noun(after_word())
                {
                    // "an Akzo Nobel spokesman": a person's employer.
                    Some(EntityKind::Organization)
                } else if unknown
                    && whole
                    && end == i + 1
                    && is_acronym(w(i))
                    && {
                        let before = text[..words[i].start].trim_end();
                        ends_with_words(before, "known as")
                            || ends_with_words(before, "known as the")
                    }
                    && hits
                        .last()
                        .is_some_and(|h| h.kind == EntityKind::Organization)
                {
                    // "The council, known as ERCOT,": the short name of the
                    // organisation just named.
                    Some(EntityKind::Organization)
                } else if unknown
                    && end == i + 1
                    && mid
                    && (whole || next == Some("and") && end + 2 == run.end)
                    && self.in_org_list(text, words, i, hits, {
                        // A listed organisation ending at the word before,
                        // or before the "and".
                        let j = i.checked_sub(1 + usize::from(i > 1 && w(i - 1) == "and"));
                        j.and_then(|j| {
                            word_match[j]
                                .filter(|_| {
                                    matches!(kind_at(j), Some(EntryKind::Organization { .. }))
                                })
                                .map(|mi| (matches[mi].start, matches[mi].end))
                        })
                    })
                {
                    // "Cardiff Rugby, Ospreys, Scarlets and Dragons": an
                    // unknown word in a list after an organisation.
                    Some(EntityKind::Organization)
                } else if !(unknown || whole && town_at_work()) {
                    None
                } else if mid
                    && (whole || next == Some("and"))
                    && (self.role_at(&text[..words[i].start])
                        || hits.last().is_some_and(|h| {
                            h.kind == EntityKind::Person
                                && text.get(h.end..words[i].start) == Some(" of the ")
                        }))
                {
                    Some(EntityKind::Organization)
                } else if mid
                    && whole
                    && (self.place_nouns.contains(after_word())
                        || site_after(&text[words[end - 1].end..]))
                {
                    Some(EntityKind::Place)
                } else if PLURAL_PLACE_NOUNS.contains(&pair_noun) {
                    // "Myagdi and Baglung districts", "Gandaki and Lumbini
                    // provinces": the plural noun places both.
                    Some(EntityKind::Place)
                } else if PLURAL_ORG_NOUNS.contains(&pair_noun) {
                    // "the CGT and SUD-Rail unions": the plural noun makes
                    // both organisations.
                    Some(EntityKind::Organization)
                } else if whole
                    && (mid
                        && (self.org_after_nouns.contains(after_word())
                            || PLURAL_ORG_NOUNS.contains(&after_word()))
                        || text[words[end - 1].end..].starts_with(", ")
                            && self.org_apposition(&text[words[end - 1].end..]))
                {
                    Some(EntityKind::Organization)
                } else if mid
                    && whole
                    && matches!(before_word, "in" | "near" | "from" | "outside")
                    && words
                        .get(end)
                        .is_some_and(|n| text.get(words[end - 1].end..n.start) == Some(", "))
                    && kind_at(end)
                        .is_some_and(|k| matches!(k, EntryKind::Region | EntryKind::Country))
                    && match_end_word(end).is_some_and(|e| !words[e - 1].possessive)
                {
                    // "in Cushing, Oklahoma": a town no list holds, placed
                    // by the state or country after it ("Embrapa, Brazil's
                    // research agency" is no town).
                    Some(EntityKind::Place)
                } else if mid
                    && whole
                    && end - i <= 2
                    && matches!(before_word, "in" | "near")
                    && !words[end - 1].possessive
                    && !is_acronym(w(i))
                    && !lists.has(i, list::FIRST_NAME)
                    // "Nobel Prize in Physics": a capitalised word before
                    // "in" makes it part of a title.
                    && two_before().is_some_and(|v| {
                        !v.starts_with(char::is_uppercase) && !NOT_PLACE_BEFORE_IN.contains(&v)
                    })
                    && text[words[end - 1].end..]
                        .chars()
                        .next()
                        .is_some_and(|c| matches!(c, '.' | ',' | ';' | ' '))
                    // Last, as it reads the whole story for each word.
                    && !(i..end).any(|k| lists.has(k, list::DATE_WORD) || written_lower(text, w(k)))
                {
                    // "a community hall in Kondele", "off the coast near
                    // Leba": a name no list holds where a place stands.
                    Some(EntityKind::Place)
                } else {
                    None
                };
                if let Some(kind) = kind {
                    let (start, stop) = (words[i].start, words[end - 1].end);
                    let mut hit = typed_hit(text, start, stop, kind, Source::Context);
                    if kind == EntityKind::Person {
                        hit.title = Some(before_word);
                    }
                    hits.push(hit);
                    take(taken, i, end);
                    i = end;
                    continue;
                }
            }

            // 6. Context: "said X Y", "X Y said", "X Y, a spokesman ...".
            //    A capitalised role opens no name ("Comedian Sanjay Ghoshal").
            //    Nor does an organisation noun ("Carmaker Volantis said").
            //    Nor a plural role opening the sentence ("Organisers SCC
            //    Events said"), and a person's name opens with no acronym
            //    of three letters or more.
            if !firm(i)
                && !lists.has(i, list::NOT_NAME)
                && !self.is_role_noun(w(i))
                && (!words[i].sentence_start
                    || !self.org_nouns.contains_lowercased(w(i))
                        && !w(i)
                            .strip_suffix('s')
                            .is_some_and(|one| self.is_role_noun(one)))
                && !(w(i).len() >= 3 && is_acronym(w(i)))
            {
                let mut end = i;
                while end < run.end
                    && end - i < 3
                    && words[end].cap
                    && !firm(end)
                    && !taken[end]
                    && !is_connector(end)
                    && !(end > i && end + 1 < run.end && is_head(end))
                {
                    end += 1;
                    if words[end - 1].possessive {
                        break;
                    }
                }
                // A listed place exactly ("Cape Town, said") stays a place,
                // and a region that is no given name opens no person's name
                // ("said Île-de-France Mobilités").
                let whole_place = match_end_word(i) == Some(end)
                    && kind_at(i)
                        .is_some_and(|k| matches!(k, EntryKind::City { .. } | EntryKind::Region))
                    || matches!(kind_at(i), Some(EntryKind::Region))
                        && !lists.has(i, list::FIRST_NAME);
                if end - i >= 2
                    && end == run.end
                    && !lists.has(end - 1, list::ORG_TAIL)
                    && !is_corporate_tail(w(end - 1))
                    && !STORM_WORDS.contains(&w(i))
                    && !after_the(i)
                    && !whole_place
                {
                    let before = text[..words[i].start].trim_end();
                    let after = &text[words[end - 1].end..];
                    // "said its executive director, Kumari Jayasuriya".
                    let role_before = before
                        .strip_suffix(',')
                        .and_then(|b| b.rsplit(' ').next())
                        .is_some_and(|r| self.is_role_noun(r));
                    let said_before = before.ends_with(" said")
                        || before.ends_with(" says")
                        || before.ends_with(" told")
                        || role_before;
                    // "X Y, who ..." is a person's clause when no list
                    // knows a word of the name (a club or a town may take
                    // "who" too) and no given name stands later in it
                    // ("Comedian Sanjay Ghoshal, who").
                    let who_after = after.starts_with(", who ")
                        && i == run.start
                        && (i..end).all(|k| entry_at(k).is_none())
                        && !(i + 1..end).any(|k| lists.has(k, list::FIRST_NAME));
                    // In a sports story, what players do: "Vitor Roque
                    // scored twice", "Handre Pollard kicked 17 points".
                    let played_after = sport && SPORT_VERBS.contains(&leading_word(after));
                    let said_after = self.cue_after(after)
                        || self.apposition(after).is_some()
                        || who_after
                        || played_after;
                    if said_before || said_after {
                        let (start, stop) = (words[i].start, words[end - 1].end);
                        hits.push(person_hit(text, start, stop, Source::Context));
                        take(taken, i, end);
                        i = end;
                        continue;
                    }
                }
            }
            i += 1;
        }
    }

    /// Whether a city or region match is the first word of a longer name
    /// no list holds ("Independence Day", "Union Station", "Houston
    /// Rockets"): an unknown capitalised word follows it directly. Titles
    /// ("Tokyo Governor"), place words ("Washington State"), days and months
    /// ("Paris Monday") do not count.
    fn inside_longer_name(
        &self,
        text: &str,
        words: &[Word],
        lists: &Lists<'_>,
        matches: &[GazMatch],
        m: &GazMatch,
    ) -> bool {
        let wi = words.partition_point(|w| w.start < m.end);
        let Some(next) = words.get(wi) else {
            return false;
        };
        let Some(last) = wi.checked_sub(1).and_then(|k| words.get(k)) else {
            return false;
        };
        let nw = next.text(text);
        text.get(m.end..next.start) == Some(" ")
            && !last.possessive
            && next.cap
            && !next.abbrev
            && !lists.has(wi, list::TITLE_HEAD | list::NOT_NAME | list::PLACE_TAIL)
            && !PLACE_WORDS.contains(&nw)
            && matches
                .binary_search_by_key(&next.start, |x| x.start)
                .is_err()
    }

    /// True when the one-word name `m` follows a capitalised word of the
    /// same name that no list explains: a surname or the end of a name the
    /// lists lack, not the company it is also the name of ("Haruka
    /// Shimizu", "Nikola Tesla", "EFG Hermes", "College Scholastic Ability
    /// Test"). A possessive, a listed name, a title or a word opening the
    /// sentence before it leaves the company ("Japan's Toyota", "Rival
    /// Nissan"), unless that word is a given name ("Rania Saab", though
    /// Rania is a town too).
    fn ends_longer_name(
        &self,
        text: &str,
        words: &[Word],
        lists: &Lists<'_>,
        matches: &[GazMatch],
        m: &GazMatch,
    ) -> bool {
        let wi = words.partition_point(|w| w.start < m.start);
        if words
            .get(wi)
            .is_none_or(|w| w.end != m.end || w.sentence_start)
        {
            return false;
        }
        let Some(prev) = wi.checked_sub(1).map(|k| &words[k]) else {
            return false;
        };
        // A sentence may open with a role before the company ("Rival
        // Nissan said"), so there only a given name counts.
        text.get(prev.end..m.start) == Some(" ")
            && prev.cap
            && !prev.possessive
            && !prev.abbrev
            && (!prev.sentence_start || lists.has(wi - 1, list::FIRST_NAME))
            && !lists.has(wi - 1, list::TITLE_HEAD | list::NOT_NAME | list::DATE_WORD)
            && (lists.has(wi - 1, list::FIRST_NAME)
                || matches[..matches.partition_point(|x| x.start < prev.end)]
                    .last()
                    .is_none_or(|x| x.end <= prev.start))
    }

    /// Football and other clubs named like their towns ("Bologna beat
    /// Genoa 2-1", "Wrexham visit Millwall"): in a sports story, a town or
    /// an unknown single capitalised word that stands where a team stands
    /// (before or after a match verb, before a score, before "coach") is a
    /// club, and so is every other mention of it that is not "in" a place
    /// or an all-caps dateline.
    fn type_clubs<'a>(
        &self,
        text: &'a str,
        words: &[Word],
        taken: &[bool],
        town_at: &dyn Fn(usize) -> bool,
        place_at: &dyn Fn(usize) -> bool,
        hits: &mut Vec<Hit<'a>>,
    ) {
        let mut clubs: Vec<&'a str> = Vec::new();
        self.type_long_clubs(text, words, taken, town_at, place_at, hits, &mut clubs);
        for h in hits.iter() {
            let surface = &text[h.start..h.end];
            if h.kind == EntityKind::Place
                && h.class == Some("city")
                && surface.chars().any(char::is_lowercase)
                && team_slot(text, h.start, h.end)
                && town_at(words.partition_point(|w| w.start < h.start))
            {
                clubs.push(surface);
            }
        }
        // A sentence may open with a club before a match verb ("Fenerbahçe
        // beat Olympiacos"), but not with a story person's surname.
        let club_opens = |wd: &Word, surface: &str| {
            let next = text[wd.end..]
                .trim_start_matches(' ')
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            CLUB_BEFORE.contains(&next)
                && !hits.iter().any(|h| {
                    h.kind == EntityKind::Person
                        && text[h.start..h.end].rsplit(' ').next() == Some(surface)
                })
        };
        let covered = Covered::new(hits);
        for (wi, wd) in words.iter().enumerate() {
            let surface = wd.text(text);
            if wd.cap
                && !taken[wi]
                && (!wd.sentence_start || town_at(wi) || club_opens(wd, surface))
                && !wd.possessive
                && surface.chars().any(char::is_lowercase)
                && !self.not_names.contains(surface)
                && !self.title_heads.contains(surface)
                && words
                    .get(wi + 1)
                    .is_none_or(|n| !n.cap || n.start > wd.end + 1)
                && (wi == 0 || !words[wi - 1].cap || words[wi - 1].end + 1 < wd.start)
                && !covered.overlaps(wd.start, wd.end)
                && club_slot(text, wd.start, wd.end)
            {
                clubs.push(surface);
            }
        }
        // National teams named as their countries (or as the nations of
        // the United Kingdom, listed as regions): a country that stands
        // where a team stands ("South Africa beat New Zealand 32-24",
        // "Wales coach Warren Gatland") is the team there; elsewhere the
        // story may mean the country.
        let nation = |h: &Hit| {
            h.kind == EntityKind::Place
                && matches!(h.class, Some("country" | "region"))
                && text[h.start..h.end].chars().any(char::is_lowercase)
        };
        let mut teams: Vec<&'a str> = Vec::new();
        for h in hits.iter_mut() {
            if nation(h) && national_side_slot(text, h.start, h.end) {
                teams.push(&text[h.start..h.end]);
                make_team(text, h);
            }
        }
        // A team's list goes on with teams: "have beaten Italy and
        // Wales", "drawn with Brazil, Morocco and Scotland".
        hits.sort_unstable_by_key(|h| h.start);
        for i in 1..hits.len() {
            if hits[i - 1].class == Some("sport")
                && nation(&hits[i])
                && joins_list(&text[hits[i - 1].end..hits[i].start])
            {
                teams.push(&text[hits[i].start..hits[i].end]);
                make_team(text, &mut hits[i]);
            }
        }
        // A country that was a team once is the team wherever the story
        // does not put something in it or come from it ("sport in
        // Georgia", "France-based players").
        for h in hits.iter_mut() {
            if nation(h)
                && teams.contains(&&text[h.start..h.end])
                && !text[h.end..].starts_with('-')
                && !PLACE_BEFORE.contains(&word_before(text, h.start))
                && !is_dateline_city(word_before(text, h.start))
            {
                make_team(text, h);
            }
        }
        if clubs.is_empty() {
            return;
        }
        let is_club = |s: usize, e: usize| {
            let surface = &text[s..e];
            clubs.contains(&surface)
                && surface.chars().any(char::is_lowercase)
                && !text[..s].ends_with(" in ")
        };
        for h in hits.iter_mut() {
            if h.kind == EntityKind::Place && h.class == Some("city") && is_club(h.start, h.end) {
                make_team(text, h);
            }
        }
        let covered = Covered::new(hits);
        for (wi, wd) in words.iter().enumerate() {
            if wd.cap
                && !taken[wi]
                && is_club(wd.start, wd.end)
                && !covered.overlaps(wd.start, wd.end)
            {
                let mut hit = typed_hit(
                    text,
                    wd.start,
                    wd.end,
                    EntityKind::Organization,
                    Source::Context,
                );
                hit.class = Some("sport");
                hits.push(hit);
            }
        }
    }

    /// Clubs of two or three words ("Mumbai Indians beat Chennai Super
    /// Kings", "beat Boca Juniors 2-1"): a capitalised run that stands
    /// where a team stands, no rule explained and no person or
    /// organisation covers, opening with a town or region or ending in a
    /// plural ("Juniors", "Royals") with no given name in it; with both
    /// ("behind Rajasthan Royals") no team's slot is needed. Every
    /// mention of it becomes the club; a town that opens it is the club
    /// when it stands alone too ("lifts Mumbai to second"), which
    /// `clubs` carries on to [`EntityRules::type_clubs`].
    #[allow(clippy::too_many_arguments)]
    fn type_long_clubs<'a>(
        &self,
        text: &'a str,
        words: &[Word],
        taken: &[bool],
        town_at: &dyn Fn(usize) -> bool,
        place_at: &dyn Fn(usize) -> bool,
        hits: &mut Vec<Hit<'a>>,
        clubs: &mut Vec<&'a str>,
    ) {
        // Capitalised runs joined by single spaces, no possessive inside.
        let mut runs: Vec<(usize, usize)> = Vec::new();
        let mut wi = 0;
        while wi < words.len() {
            if !words[wi].cap {
                wi += 1;
                continue;
            }
            let mut j = wi + 1;
            while j < words.len()
                && words[j].cap
                && !words[j - 1].possessive
                && text.get(words[j - 1].end..words[j].start) == Some(" ")
            {
                j += 1;
            }
            if (2..=3).contains(&(j - wi)) {
                runs.push((wi, j));
            }
            wi = j;
        }
        let plural_at = |k: usize| {
            let word = words[k].text(text);
            word.len() > 3
                && word.ends_with('s')
                && !word.ends_with("ss")
                && word.chars().skip(1).all(char::is_lowercase)
        };
        // A company's name before a plural is its club: "Kia Tigers",
        // "LG Twins", "Yomiuri Giants".
        let mut long: Vec<&'a str> = Vec::new();
        for &(a, b) in &runs {
            if b == a + 2
                && !taken[b - 1]
                && plural_at(b - 1)
                && !self.is_first_name(words[b - 1].text(text))
                && let Some(k) = hits.iter().position(|h| {
                    h.kind == EntityKind::Organization
                        && h.class == Some("company")
                        && h.start == words[a].start
                        && h.end == words[a].end
                })
            {
                hits.swap_remove(k);
                long.push(&text[words[a].start..words[b - 1].end]);
            }
        }
        // People and organisations found already keep their words; the
        // span index keeps the pass linear on long bodies.
        let blocking: Vec<Hit<'a>> = hits
            .iter()
            .filter(|h| {
                matches!(
                    h.kind,
                    EntityKind::Person | EntityKind::Organization | EntityKind::Event
                )
            })
            .cloned()
            .collect();
        let blocked = Covered::new(&blocking);
        for &(a, b) in &runs {
            let (start, end) = (words[a].start, words[b - 1].end);
            let plural = plural_at(b - 1);
            if (a..b).all(|k| !taken[k] && !self.is_first_name(words[k].text(text)))
                && !self.not_names.contains(words[a].text(text))
                && !self.title_heads.contains(words[a].text(text))
                && !blocked.overlaps(start, end)
                && (place_at(a) && !place_at(b - 1) && (plural || club_slot(text, start, end))
                    || plural && club_slot(text, start, end))
            {
                long.push(&text[start..end]);
                if town_at(a) {
                    clubs.push(words[a].text(text));
                }
            }
        }
        if long.is_empty() {
            return;
        }
        let mut found = Vec::new();
        for &(a, b) in &runs {
            let (start, end) = (words[a].start, words[b - 1].end);
            if long.contains(&&text[start..end]) && !blocked.overlaps(start, end) {
                let mut hit =
                    typed_hit(text, start, end, EntityKind::Organization, Source::Context);
                hit.class = Some("sport");
                found.push(hit);
            }
        }
        // The places and nationalities inside a club's name give way to it.
        let clubs_at = Covered::new(&found);
        hits.retain(|h| !clubs_at.overlaps(h.start, h.end));
        hits.extend(found);
    }

    /// The surname of several words a person's full name ends in, as the
    /// story writes it alone later: from the word before the first particle
    /// ("Fernandez de Kirchner" of "Cristina Fernandez de Kirchner", "Lula
    /// da Silva" of "Luiz Inacio Lula da Silva"), or from the particle
    /// when the given name stands before it ("von der Leyen", "bin
    /// Salman").
    fn compound_surname<'s>(&self, name: &'s str) -> Option<&'s str> {
        // Byte offsets of the word before and of the word at hand.
        let (mut before, mut at) = (0, 0);
        for (k, w) in name.split(' ').enumerate() {
            // A particle may be written with a capital ("Kristof Van den
            // Bossche", "Cian Ó Ceallaigh").
            let particle = self.name_particle(w) || self.capitalised_particle(w);
            if k > 0 && particle {
                // Two given names before it are no surname: "Maria
                // Concepcion de los Reyes" is "de los Reyes" later.
                let given = k == 1
                    || k == 2
                        && name[..at]
                            .split(' ')
                            .filter(|g| !g.is_empty())
                            .all(|g| self.is_first_name(g));
                // A particle needs a word after it.
                return (at + w.len() < name.len())
                    .then(|| &name[if given { at } else { before }..]);
            }
            before = at;
            at += w.len() + 1;
        }
        None
    }

    /// Where the two surnames of a Spanish or Portuguese name begin: after
    /// one or two given names, two capitalised words of which the first
    /// is no given name ("Ximena Huamaní Quispe", "Jesús Alfredo Beltrán
    /// Inzunza"; not "Rajendra Prasad Bhattarai").
    fn two_surnames(&self, name: &str) -> Option<usize> {
        let mut parts = [""; 4];
        let mut n = 0;
        for part in name.split(' ') {
            *parts.get_mut(n)? = part;
            n += 1;
        }
        let given = match n {
            3 => 1,
            4 if self.is_first_name(parts[1]) => 2,
            _ => return None,
        };
        let first = parts[given];
        let cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        (self.is_first_name(parts[0])
            && !self.is_first_name(first)
            && cap(first)
            && cap(parts[given + 1])
            && first.chars().nth(1).is_some_and(char::is_lowercase))
        .then(|| parts[..given].iter().map(|p| p.len() + 1).sum())
    }

    /// A particle written with a capital ("Kristof Van den Bossche", "Cian
    /// Ó Ceallaigh"); the Catalan "i" is no particle as the pronoun "I".
    /// Every particle is at most five bytes, so longer words are not
    /// lower-cased to be looked up.
    fn capitalised_particle(&self, w: &str) -> bool {
        w.len() <= 5
            && w != "I"
            && w.chars().next().is_some_and(char::is_uppercase)
            && self.name_particle(&w.to_lowercase())
    }

    /// Lower-case particles inside personal names ("Lula da Silva").
    fn name_particle(&self, w: &str) -> bool {
        matches!(
            w,
            "da" | "de"
                | "do"
                | "dos"
                | "du"
                | "van"
                | "von"
                | "der"
                | "den"
                | "bin"
                | "ibn"
                | "al"
                | "del"
                | "della"
                | "di"
                | "la"
                | "le"
                | "binti"
                | "bint"
                // Irish, written with a capital: "Cian Ó Ceallaigh".
                | "ó"
                | "ní"
                | "los"
                | "las"
                // Catalan, between two surnames: "Jordi Puigvert i Casals".
                | "i"
                // Welsh: "Rhodri ap Gwilym".
                | "ap"
                // Maasai: "Daniel ole Kipeno".
                | "ole"
        )
    }

    /// Whether the single word `i` is an item of a list of three or more
    /// that an organisation found just before opens: the item before it
    /// is an organisation, and either a further item follows ("Ospreys,
    /// Scarlets and") or it closes a list that commas joined ("and
    /// Dragons").
    ///
    /// `listed_before` is the span of a listed organisation that ends just
    /// before the word, if one does ("Cardiff Rugby, Ospreys").
    fn in_org_list(
        &self,
        text: &str,
        words: &[Word],
        i: usize,
        hits: &[Hit<'_>],
        listed_before: Option<(usize, usize)>,
    ) -> bool {
        let found = hits
            .last()
            .filter(|h| h.kind == EntityKind::Organization && h.end <= words[i].start)
            .map(|h| (h.start, h.end));
        // The nearer of the two.
        let Some((prev_start, prev_end)) =
            found.into_iter().chain(listed_before).max_by_key(|s| s.1)
        else {
            return false;
        };
        if prev_end > words[i].start {
            return false;
        }
        let before = &text[prev_end..words[i].start];
        let after = &text[words[i].end..];
        let more = after.starts_with(", ") || after.starts_with(" and ");
        match before {
            ", " => more,
            " and " | ", and " => text[..prev_start].ends_with(", "),
            _ => false,
        }
    }

    /// End (exclusive word index) of an organisation name starting at `i`.
    #[allow(clippy::too_many_arguments)]
    fn org_end(
        &self,
        text: &str,
        words: &[Word],
        i: usize,
        run_end: usize,
        firm: &dyn Fn(usize) -> bool,
        kind_at_is_adjective: &dyn Fn(usize) -> bool,
        country_end: &dyn Fn(usize) -> Option<usize>,
        same_match: &dyn Fn(usize, usize) -> bool,
        taken: &[bool],
        competition: bool,
        lists: &Lists<'_>,
    ) -> Option<usize> {
        let w = |k: usize| words[k].text(text);
        // "Grupo México", "Coupe de France": the head names the kind of
        // body, and every capitalised word after it (with inner
        // particles) belongs to the name.
        if lists.has(i, list::FOREIGN_ORG_HEAD) {
            let mut end = i + 1;
            let mut last_cap = i;
            while end < run_end && end - i < MAX_NAME_WORDS && !taken[end] {
                let word = w(end);
                if words[end].cap {
                    if lists.has(end, list::DATE_WORD | list::TITLE_HEAD) {
                        break;
                    }
                    last_cap = end;
                } else if !(self.name_particle(word) || matches!(word, "e" | "y" | "para" | "el")) {
                    // Its own language's particles only: "Grupo Bimbo and
                    // Banco Azteca" are two names.
                    break;
                }
                end += 1;
                if words[end - 1].possessive {
                    break;
                }
            }
            if last_cap > i {
                return Some(last_cap + 1);
            }
        }
        // "of Toronto", "for Strategic and International Studies": a tail
        // extension, stopping before "and" when a listed name follows it
        // ("Bank of America and Goldman Sachs").
        // "Coalition Against Galamsey", "Centre Against Organised Crime":
        // a capitalised "Against" names a body's cause.
        let extend = |from: usize| -> usize {
            if from + 1 >= run_end || !matches!(w(from), "of" | "for" | "on" | "Against") {
                return from;
            }
            // "Rubin Observatory on Cerro Pachón": a body stands on a
            // mountain or an island, and is not named for one.
            if w(from) == "on" && lists.has(from + 1, list::PLACE_OPENER | list::PLACE_HEAD) {
                return from;
            }
            // "Government House on Sukhbaatar Square": nor on a square or
            // a street.
            if w(from) == "on" {
                let last = (from + 1..run_end).take_while(|&k| words[k].cap).last();
                if last.is_some_and(|k| lists.has(k, list::PLACE_TAIL)) {
                    return from;
                }
            }
            // A company's legal form ends its name: "Teck Resources Ltd of
            // Canada".
            if from > 0 && closes_company_name(w(from - 1)) {
                return from;
            }
            // "Central Bank of Kenya Cuts Rates", "Central Bank of the
            // Republic of Turkey and the ...": a listed name that runs past
            // "of" ends where the list ends it, unless an organisation word
            // follows.
            // "Ministry of Foreign Affairs and Trade": an everyday word
            // after "and" that ends the run is a second field.
            if from > 0 && same_match(from - 1, from + 1) {
                let e = (from + 2..run_end)
                    .find(|&k| !same_match(from + 1, k))
                    .unwrap_or(run_end);
                let second_field = e + 2 == run_end
                    && w(e) == "and"
                    && words[e + 1].cap
                    && !firm(e + 1)
                    && !lists.has(e + 1, list::ORG_TAIL)
                    && everyday_word(w(e + 1));
                if second_field {
                    return run_end;
                }
                if e == run_end || !lists.has(e, list::ORG_TAIL) {
                    return e;
                }
            }
            // "Central Bank of Chile Holds Rates": a listed country after
            // "of" ends the name unless an organisation word follows it.
            if let Some(e) = country_end(from + 1)
                && e < run_end
                && words[e].cap
                && !lists.has(e, list::ORG_TAIL)
            {
                return e;
            }
            // "University of Jordan and Aarhus University", "Bank of England
            // and the Treasury": an "and" after the country joins a second
            // name.
            if let Some(e) = country_end(from + 1)
                && e < run_end
                && w(e) == "and"
            {
                return e;
            }
            // "Reserve Bank of New Zealand": a listed country of several
            // words after "of" belongs to the name whole.
            let (mut end, mut last_cap) = match country_end(from + 1) {
                Some(e) if e <= run_end => (e, e - 1),
                _ => (from + 1, from),
            };
            while end < run_end && end - from < MAX_NAME_WORDS && !taken[end] {
                let word = w(end);
                if word == "and" {
                    // "University of Tokyo and Osaka University", "Party of
                    // Andhra Pradesh and the Janata Dal": after the "and" a
                    // name of its own, with its own tail or article.
                    // But "National Institute for Public Health and the
                    // Environment": "the" and one everyday word closing
                    // the run are a second field ("Bank of England and the
                    // Treasury" ends in a listed name).
                    let field_after_the = || {
                        end + 3 == run_end
                            && words[end + 2].cap
                            && !firm(end + 2)
                            && !lists.has(end + 2, list::ORG_TAIL)
                            && !matches!(
                                w(end + 2),
                                "Opposition" | "Senate" | "Congress" | "Cabinet" | "Army" | "Navy"
                            )
                            && everyday_word(w(end + 2))
                    };
                    let own_name = end + 1 < run_end
                        && (w(end + 1) == "the" && !field_after_the()
                            || (end + 2..run_end.min(end + 5))
                                .take_while(|&k| words[k].cap)
                                .any(|k| SECOND_NAME_TAILS.contains(&w(k))));
                    if end + 1 >= run_end
                        || own_name
                        || firm(end + 1)
                        || lists.has(end + 1, list::FIRST_NAME)
                        || (end + 2 < run_end && family_first_name(w(end + 1), w(end + 2)))
                    {
                        break;
                    }
                } else if words[end].cap {
                    // "Ministry of Finance Secretary Tarvo Lindqvist": a
                    // title before a name ends the body's name ("Office of
                    // the Prime Minister" keeps its title words, which no
                    // name follows).
                    if end > from + 1
                        && lists.has(end, list::TITLE_HEAD)
                        && !lists.has(end, list::ORG_TAIL)
                        && end + 1 < run_end
                        && words[end + 1].cap
                        && !lists.has(end + 1, list::TITLE_HEAD)
                        && !lists.has(end + 1, list::ORG_TAIL)
                    {
                        break;
                    }
                    // "Supreme Court on Monday": days and months end a name.
                    // "Office of the Australian Information Commissioner":
                    // a nationality after "of the" may open the rest.
                    // "Economic Community of West African States": so may
                    // one inside the rest, before a capitalised word.
                    let inner_adjective = end >= from + 2
                        && (from..end).all(|k| w(k) != "and")
                        && kind_at_is_adjective(end)
                        && end + 1 < run_end
                        && words[end + 1].cap
                        && !firm(end + 1);
                    // "Central Bank of the Republic of Turkey": a listed
                    // country after an inner "of" closes the name.
                    if end > from + 2
                        && firm(end)
                        && w(end - 1) == "of"
                        && let Some(e) = country_end(end)
                        && e <= run_end
                        && (e == run_end || !words[e].cap)
                    {
                        last_cap = e - 1;
                        break;
                    }
                    // "Office of the United States Trade Representative":
                    // a listed country after "of the" opens the rest;
                    // "National Grid Corporation of the Philippines": it
                    // closes a name that ends with it.
                    if end == from + 2
                        && w(end - 1) == "the"
                        && let Some(e) = country_end(end)
                        && e <= run_end
                    {
                        if e < run_end && words[e].cap && !firm(e) {
                            last_cap = e;
                            end = e + 1;
                            continue;
                        }
                        if e == run_end || !words[e].cap {
                            last_cap = e - 1;
                            break;
                        }
                    }
                    // "Office of the United Nations High Commissioner for
                    // Refugees", "Council of the European Union": a listed
                    // name of several words after "of the" is the rest of
                    // the name, whole. (One listed word may be a
                    // nationality opening the rest: "Office of the
                    // Australian Information Commissioner".)
                    if end == from + 2
                        && w(end - 1) == "the"
                        && firm(end)
                        && end + 1 < run_end
                        && same_match(end, end + 1)
                    {
                        let e = (end + 1..run_end)
                            .find(|&k| !same_match(end, k))
                            .unwrap_or(run_end);
                        last_cap = e - 1;
                        break;
                    }
                    // "Reserve Bank of New Zealand": a listed name
                    // ("Bank of New Zealand") runs on inside the name.
                    if (firm(end)
                        && end > from + 1
                        && !inner_adjective
                        && !same_match(end - 1, end))
                        || lists.has(end, list::DATE_WORD)
                    {
                        break;
                    }
                    last_cap = end;
                } else if !lists.has(end, list::CONNECTOR) {
                    break;
                }
                end += 1;
                if words[end - 1].possessive {
                    break;
                }
            }
            if last_cap > from { last_cap + 1 } else { from }
        };
        // Head first: "Ministry of Defense", "University of Toronto".
        if lists.has(i, list::ORG_HEAD) {
            let end = extend(i + 1);
            if end > i + 2 {
                return Some(end);
            }
        }
        // Tail last: "Princeton University", "Royal Swedish Academy of Sciences".
        let mut last_tail = None;
        // "Nepal Workers and Peasants Party": an "and" inside a name that
        // ends in a tail. "Finance Ministry and Defence Ministry" are two
        // names (the same tail both sides), "Army and Navy" two bodies.
        let mut and_at: Option<usize> = None;
        let mut contest_last = false;
        for k in i..run_end.min(i + MAX_NAME_WORDS) {
            if taken[k] {
                break;
            }
            if k > i && !words[k].cap {
                // A legal form closes a company's name: "Elisa Eesti AS and
                // Baltic Cable Services Oy" are two.
                // So does a listed name ("BP and Kosmos Energy"), unless it
                // is one everyday word that may name a field ("Labour and
                // Economic Development Research Institute").
                let listed = || {
                    firm(i)
                        && same_match(i, k - 1)
                        && (k > i + 1 || is_acronym(w(i)) || !everyday_word(w(i)))
                };
                if w(k) == "and"
                    && and_at.is_none()
                    && !closes_company_name(w(k - 1))
                    && !listed()
                    && k + 1 < run_end
                    && words[k + 1].cap
                    && !firm(k + 1)
                    && !lists.has(k + 1, list::FIRST_NAME)
                    && !(k == i + 1
                        && lists.has(i, list::ORG_TAIL)
                        && !lists.has(i, list::TRADE_TAIL))
                {
                    and_at = Some(k);
                    continue;
                }
                break;
            }
            if k > i && firm(k) && !kind_at_is_adjective(k) {
                break;
            }
            // "Directorate General of Health Services": "General" after
            // an organisation tail is part of the name.
            if k > i && w(k) == "General" && lists.has(k - 1, list::ORG_TAIL) {
                last_tail = Some(k + 1);
                continue;
            }
            // A title ends the name ("Varo Bank Chief Executive"), but
            // not one that is a tail's first word ("Nchanga General
            // Hospital").
            if k > i
                && lists.has(k, list::TITLE_HEAD)
                && !lists.has(k, list::ORG_TAIL)
                && !(k + 1 < run_end
                    && lists.has(k + 1, list::ORG_TAIL)
                    && !lists.has(k + 1, list::TITLE_HEAD))
            {
                break;
            }
            let contest = competition && COMPETITION_TAILS.contains(&w(k));
            // "Hydrocarbons and Energy Minister": a trade before a title
            // is a portfolio.
            // So is "Cabinet" before one: "Interior Cabinet Secretary".
            let portfolio = (lists.has(k, list::TRADE_TAIL) || w(k) == "Cabinet")
                && k + 1 < run_end
                && lists.has(k + 1, list::TITLE_HEAD);
            // "Autonomous Bougainville Government", "Kurdistan Regional
            // Government": a government named with two words or more, not
            // a country's ("the Kenyan Government", "the New Zealand
            // Government", "the Federal Government").
            let countrys_government =
                w(k) == "Government" && (k < i + 2 || country_end(i) == Some(k));
            if (lists.has(k, list::ORG_TAIL) || contest)
                && k > i
                && !portfolio
                && !countrys_government
            {
                // Past three words after the "and", only once a tail
                // there has counted ("Midstream and Downstream Petroleum
                // Regulatory Authority").
                // "Savanna Commercial Bank and Lekki Trust Bank": names
                // ending in the same tail on both sides of the "and" are
                // two, whatever tails the second holds inside it.
                let ends = match and_at {
                    None => true,
                    Some(a) => {
                        // So are two companies: "Tarsel Marine Underwriters
                        // and Norvane Semiconductor".
                        // And "Saudi National Bank and Al Rajhi Capital":
                        // a bank's name ends in "Bank" unless the "and"
                        // goes on with a tail ("Bank and Trust Company").
                        let first_ended = lists.has(a - 1, list::ORG_TAIL)
                            && ((a + 1..run_end.min(i + MAX_NAME_WORDS)).any(|j| w(j) == w(a - 1))
                                || is_corporate_tail(w(a - 1)) && is_corporate_tail(w(k))
                                || w(a - 1) == "Bank" && !lists.has(a + 1, list::ORG_TAIL));
                        w(a - 1) != w(k)
                            && !first_ended
                            && (k - a <= 3 || last_tail.is_some_and(|t| t > a + 1))
                    }
                };
                if ends {
                    last_tail = Some(k + 1);
                    // "Singapore Grand Prix for McLaren": a competition's
                    // name takes no "of" or "for" after it.
                    contest_last = contest && !lists.has(k, list::ORG_TAIL);
                }
            }
            if words[k].possessive && !inner_possessive(text, &words[k]) {
                break;
            }
        }
        // "the Artibonite and Centre departments": a plural place noun
        // after "X and Y" makes two places of them, whatever the tail.
        if let Some(t) = last_tail
            && and_at.is_some()
            && t == run_end
            && PLURAL_PLACE_NOUNS.contains(
                &text[words[t - 1].end..]
                    .trim_start_matches(' ')
                    .split(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or(""),
            )
        {
            return None;
        }
        // A college or university named with its city after it: "Imperial
        // College London", "University College Dublin".
        if let Some(t) = last_tail
            && t + 1 == run_end
            && matches!(w(t - 1), "College" | "University")
            && words[t].cap
            && !taken[t]
            && !firm(t)
            && !words[t].possessive
            && !lists.has(t, list::TITLE_HEAD)
            && !lists.has(t, list::DATE_WORD)
        {
            return Some(t + 1);
        }
        last_tail.map(|t| if contest_last { t } else { extend(t) })
    }

    /// Whether `before` ends in a role and "at", "for" or "with" ("an
    /// economist at", "researchers at", "a spokeswoman for the"): the
    /// name that follows is where the person works.
    fn role_at(&self, before: &str) -> bool {
        let mut toks = before.trim_end().rsplit(' ');
        let mut last = toks.next().unwrap_or("");
        if last == "the" {
            last = toks.next().unwrap_or("");
        }
        if !matches!(last, "at" | "for" | "with") {
            return false;
        }
        let role = toks.next().unwrap_or("");
        let is_role = |r: &str| {
            self.is_role_noun(r) || r.strip_suffix('s').is_some_and(|r| self.is_role_noun(r))
        };
        if is_role(role) {
            return true;
        }
        // "head of commodities research at", "director of policy at": a
        // role, "of" and one or two lower-case words naming its field.
        let field = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_lowercase());
        let mut prev = role;
        for _ in 0..2 {
            if !field(prev) || self.connectors.contains(prev) {
                return false;
            }
            let t = toks.next().unwrap_or("");
            if t == "of" {
                return is_role(toks.next().unwrap_or(""));
            }
            prev = t;
        }
        false
    }

    /// Whether `after` opens an apposition naming an organisation ("X, the
    /// country's biggest telecoms operator,"): an article, then an
    /// organisation noun before the clause ends and before any role noun.
    fn org_apposition(&self, after: &str) -> bool {
        let Some(rest) = after.strip_prefix(", ") else {
            return false;
        };
        // "Cocobod, as the board is known,": the clause names what it is.
        let (rest, known) = match rest.strip_prefix("as ") {
            Some(r) => (r, true),
            None => (rest, false),
        };
        let mut toks = rest.split([' ', '\n']);
        // "the", "a", or a capitalised possessive: "Embrapa, Brazil's
        // agricultural research agency".
        let opener = toks.next().unwrap_or("");
        let possessive = opener.starts_with(char::is_uppercase)
            && (opener.ends_with("'s") || opener.ends_with("’s"));
        if !matches!(opener, "the" | "a" | "an") && !possessive {
            return false;
        }
        let mut org = false;
        let mut named = !known;
        for t in toks.take(8) {
            let bare = t.trim_end_matches([',', '.', ';']);
            // "Phiri, a former central bank governor": a role anywhere in
            // the clause makes it a person's.
            if self.is_role_noun(bare) {
                return false;
            }
            org |= self.org_nouns.contains(bare);
            named |= bare == "known";
            if bare.len() != t.len() {
                break;
            }
        }
        org && named
    }

    fn cue_after(&self, after: &str) -> bool {
        let word = leading_word(after.trim_start_matches([',', ' ']));
        // "X Y, according to ..." names a source, rarely a person.
        word != "according" && self.cues.contains(word)
    }

    /// The role of an apposition: ", a spokesman for ..." → "spokesman";
    /// ", who is now Japan chair at ..." → "Japan chair". The role is a
    /// slice of `after`: its words are consecutive there, one space apart.
    pub fn apposition<'t>(&self, after: &'t str) -> Option<&'t str> {
        let rest = after.strip_prefix(", ")?;
        // The first nine space-separated tokens with their byte offsets.
        let mut toks: [(usize, &str); 9] = [(0, ""); 9];
        let mut n = 0;
        let mut off = 0;
        for t in rest.split([' ', '\n']).take(9) {
            toks[n] = (off, t);
            n += 1;
            off += t.len() + 1;
        }
        let mut skip = 0;
        for lead in [
            "who",
            "is",
            "was",
            "now",
            "currently",
            "formerly",
            "a",
            "an",
            "the",
        ] {
            if skip < n && toks[skip].1 == lead {
                skip += 1;
            }
        }
        let toks = &toks[skip..n];
        for (k, &(t_off, t)) in toks.iter().enumerate().take(5) {
            let bare = t.trim_end_matches([',', '.', ';']);
            if self.is_role_noun(bare) {
                let next_ok = bare.len() == t.len()
                    && toks.get(k + 1).is_none_or(|(_, n)| {
                        matches!(
                            *n,
                            "for"
                                | "at"
                                | "of"
                                | "with"
                                | "in"
                                | "to"
                                | "and"
                                | "based"
                                | "from"
                                | "near"
                                | "who"
                        )
                    });
                if next_ok || bare.len() != t.len() {
                    return Some(&rest[toks[0].0..t_off + bare.len()]);
                }
            }
            if t.ends_with(',') || t.ends_with('.') {
                break;
            }
        }
        None
    }

    /// Whether `before` ends in a place lead ("the town of"), read as
    /// [`ends_with_words`] reads it.
    fn ends_with_place_lead(&self, before: &str) -> bool {
        before.ends_with(self.place_lead_tail)
            && self.place_leads.iter().any(|l| ends_with_words(before, l))
    }

    /// Whether `w` lower-cased is a role noun, lower-casing ASCII on the
    /// stack. Every "-ologist" is one ("epidemiologist", "microbiologist").
    fn is_role_noun(&self, w: &str) -> bool {
        if w.len() > 7
            && w.ends_with("ologist")
            && w.bytes().skip(1).all(|b| b.is_ascii_lowercase())
        {
            return true;
        }
        self.role_nouns.contains_lowercased(w)
    }

    /// Merges hits into entities: same canonical name and kind → one
    /// entity; surname-only mentions and repeats join the full name.
    ///
    /// The passes that look every word up (surnames, acronyms, repeats)
    /// use [`WordKeyed`] maps, whose first-byte filter answers most words
    /// without hashing them.
    fn merge<'a>(
        &self,
        text: &'a str,
        words: &[Word],
        mut hits: Vec<Hit<'a>>,
        taken: &[bool],
        headline: Option<&str>,
        index: &CharIndex,
    ) -> Found<'a> {
        join_org_places(text, &mut hits);
        // "Rebecca Thornton SC", "Alan Reid MP": letters after a name are
        // no part of it, nor of the surname later mentions link by.
        for h in &mut hits {
            if h.kind == EntityKind::Person
                && h.source != Source::Gazetteer
                && let Some((name, letters)) = text[h.start..h.end].rsplit_once(' ')
                && name.contains(' ')
                && POST_NOMINALS.contains(&letters)
            {
                h.end = h.start + name.len();
                h.canonical = &text[h.start..h.end];
            }
        }
        // Whether a word also stands in the story in lower case.
        let lower_words = LowerWords::new(text);
        // Surnames of people found with a full name, and their canonical.
        type Person<'a> = (&'a str, Option<&'a str>, Option<&'a str>);
        // A later mention of a story person at `start..end`.
        let later_mention =
            |start: usize, end: usize, (canonical, country_code, uri): Person<'a>| Hit {
                start,
                end,
                kind: EntityKind::Person,
                canonical,
                country_code,
                uri,
                title: None,
                source: Source::Context,
                class: None,
            };
        let mut surnames: WordKeyed<'a, Person<'a>> = WordKeyed::default();
        // Listed given names of the same people: Thai copy, among others,
        // names a person by the given name after the first mention
        // ("Chaiwat Srisuwan" ... "Chaiwat had harmed"). A surname wins.
        let mut given_names: WordKeyed<'a, Person<'a>> = WordKeyed::default();
        for h in &hits {
            if h.kind == EntityKind::Person {
                let surface = &text[h.start..h.end];
                if let Some(last) = surface.split_whitespace().last()
                    && surface.split_whitespace().nth(1).is_some()
                {
                    let person = (h.canonical, h.country_code, h.uri);
                    surnames.insert_first(last, person);
                    // A listed person's first word too, known given name
                    // or not ("Lando" of "Lando Norris", "Virat").
                    if let Some(given) = surface.split_whitespace().next()
                        && (self.is_first_name(given)
                            || h.source == Source::Gazetteer
                                && given.chars().nth(2).is_some()
                                && !given.ends_with('.'))
                    {
                        given_names.insert_first(given, person);
                    }
                    // "Park Ji-hoon" is "Park" later: the family name comes first.
                    if let Some((family, given)) = surface.split_once(' ')
                        && family_first_name(family, given)
                    {
                        surnames.insert_first(family, person);
                    }
                    // "Ximena Huamaní Quispe" is "Huamaní" later: Spanish and
                    // Portuguese names carry two surnames, the first used
                    // alone.
                    if let Some(surnames_at) = self.two_surnames(surface) {
                        let first = surface[surnames_at..].split(' ').next().unwrap_or("");
                        surnames.insert_first(first, person);
                    }
                    // "Jordi Puigvert i Casals" is "Puigvert" later: the
                    // first of two Catalan surnames joined by "i".
                    if let Some(at) = surface.find(" i ")
                        && let Some((given, first)) = surface[..at].rsplit_once(' ')
                        && !given.is_empty()
                    {
                        surnames.insert_first(first, person);
                    }
                    // Listed people may appear as "Antony" or "Anthony": the
                    // canonical surname maps too.
                    if let Some(cl) = h.canonical.split_whitespace().last() {
                        surnames.insert_first(cl, person);
                    }
                }
            }
        }
        // Surname hits and weak places named like a story person become that person.
        for h in hits.iter_mut() {
            let surface = &text[h.start..h.end];
            let weak = h.kind == EntityKind::Place && h.class == Some("city")
                || h.class == Some("surname");
            if (weak || h.kind == EntityKind::Person && !surface.contains(' '))
                && let Some(&(canonical, cc, uri)) = surnames.get(surface)
            {
                h.kind = EntityKind::Person;
                h.canonical = canonical;
                h.country_code = cc;
                h.uri = uri;
                h.class = None;
            }
        }
        // Untagged capitalised words equal to a person's surname.
        if !surnames.is_empty() {
            let covered = Covered::new(&hits);
            let mut extra = Vec::new();
            for (wi, wd) in words.iter().enumerate() {
                if taken[wi] || !wd.cap {
                    continue;
                }
                let surface = wd.text(text);
                // "al-Sharabi" opening a sentence is "Al-Sharabi".
                let lowered = lower_particle(surface);
                if let Some(&(canonical, cc, uri)) = surnames
                    .get(surface)
                    .or_else(|| lowered.as_deref().and_then(|l| surnames.get(l)))
                    // Opening a sentence ("\"Max was all over me\"") only
                    // when the story never writes the word in lower case.
                    .or_else(|| {
                        given_names
                            .get(surface)
                            .filter(|_| !wd.sentence_start || !lower_words.has(surface))
                    })
                    && !covered.overlaps(wd.start, wd.end)
                    && !before_day(text, wd.end)
                {
                    extra.push(later_mention(wd.start, wd.end, (canonical, cc, uri)));
                }
            }
            hits.extend(extra);
        }
        // Surnames of several words, with a particle: "Cristina Fernandez
        // de Kirchner" is "Fernandez de Kirchner" later, "Ursula von der
        // Leyen" "von der Leyen" (or "Von der Leyen" opening a sentence).
        let mut compound: Vec<(&'a str, Person<'a>, usize)> = Vec::new();
        for h in hits.iter().filter(|h| h.kind == EntityKind::Person) {
            let surface = &text[h.start..h.end];
            // Both surnames of a Spanish name: "Beltrán Inzunza" of "Jesús
            // Alfredo Beltrán Inzunza".
            if let Some(tail) = self
                .compound_surname(surface)
                .or_else(|| self.two_surnames(surface).map(|at| &surface[at..]))
                && !compound.iter().any(|c| c.0 == tail)
            {
                compound.push((tail, (h.canonical, h.country_code, h.uri), h.end));
            }
        }
        if !compound.is_empty() {
            let mut extra = Vec::new();
            for &(tail, (canonical, cc, uri), first_end) in &compound {
                let head = tail.chars().next().unwrap_or(' ');
                let rest = &tail[head.len_utf8()..];
                for at in text[first_end..]
                    .match_indices(rest)
                    .map(|(at, _)| first_end + at)
                    .filter(|&at| at >= first_end + head.len_utf8())
                {
                    let start = at - head.len_utf8();
                    let end = at + rest.len();
                    if text.is_char_boundary(start)
                        && text[start..]
                            .chars()
                            .next()
                            .is_some_and(|c| c.to_lowercase().eq(head.to_lowercase()))
                        && text[..start]
                            .chars()
                            .next_back()
                            .is_none_or(|c| !c.is_alphanumeric())
                        && text[end..]
                            .chars()
                            .next()
                            .is_none_or(|c| !c.is_alphanumeric())
                    {
                        extra.push(later_mention(start, end, (canonical, cc, uri)));
                    }
                }
            }
            hits.retain(|h| !extra.iter().any(|e| h.start >= e.start && h.end <= e.end));
            hits.extend(extra);
        }
        // Surname entries of listed people that no story person claimed,
        // unless the story writes the word in lower case: then it is an
        // everyday word ("He", "May", "Power"), not a bare surname.
        hits.retain(|h| h.class != Some("surname") || !lower_words.has(&text[h.start..h.end]));
        // Diseases named for where they were found ("Marburg virus",
        // "Lassa fever"): the name is the disease there, and wherever else
        // the story writes it but after "in", "from", "at" or "near"
        // ("outbreaks of Marburg and Ebola").
        let diseases: Vec<&str> = hits
            .iter()
            .filter(|h| h.kind == EntityKind::Place && names_disease(text, h.end))
            .map(|h| &text[h.start..h.end])
            .collect();
        // A region standing for its people is no place: "Pacific
        // leaders", "the Pacific islanders" (as "European leaders" is
        // none).
        hits.retain(|h| {
            h.kind != EntityKind::Place
                || h.class == Some("country")
                || !matches!(word_after(text, h.end), "leaders" | "islanders")
        });
        // A place named for a saint: "St. Elizabeth" (a Jamaican parish)
        // is not "Elizabeth".
        for h in hits.iter_mut().filter(|h| h.kind == EntityKind::Place) {
            let before = &text[..h.start];
            if let Some(prefix) = ["St. ", "St ", "Saint ", "Ste. "]
                .iter()
                .find(|p| before.ends_with(*p))
                && before[..before.len() - prefix.len()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
            {
                h.start -= prefix.len();
                h.canonical = &text[h.start..h.end];
                h.country_code = None;
                h.uri = None;
            }
        }
        // A law named for what it rules is no body: "the Digital Markets
        // Act", "the Federal Reserve Act".
        hits.retain(|h| h.kind != EntityKind::Organization || !names_law(text, h.end));
        if !diseases.is_empty() {
            hits.retain(|h| {
                h.kind != EntityKind::Place
                    || !diseases.contains(&&text[h.start..h.end])
                    || matches!(word_before(text, h.start), "in" | "from" | "at" | "near")
            });
        }
        for h in hits.iter_mut() {
            if h.class == Some("surname") {
                h.class = None;
            }
        }
        // Names an organisation is also called, given beside it: "the
        // Polish Financial Supervision Authority, or KNF," and "the Chilean
        // Copper Commission, known as Cochilco,". The alias is tagged as
        // the organisation, whatever was read in it ("Africa" in "known as
        // Africa CDC").
        let aliases: Vec<(usize, usize, usize)> = hits
            .iter()
            .enumerate()
            .filter(|(_, h)| h.kind == EntityKind::Organization)
            .filter_map(|(k, h)| alias_after(text, h.start, h.end).map(|(s, e)| (k, s, e)))
            .collect();
        if !aliases.is_empty() {
            let mut extra = Vec::with_capacity(aliases.len());
            for &(k, start, end) in &aliases {
                let mut h = hits[k].clone();
                h.start = start;
                h.end = end;
                h.source = Source::Context;
                extra.push(h);
            }
            hits.retain(|h| !aliases.iter().any(|&(_, s, e)| h.start >= s && h.end <= e));
            hits.extend(extra);
        }
        // The aliases are the last hits.
        let aliases_from = hits.len() - aliases.len();
        // Acronyms defined in the text: "Federal Emergency Management Agency
        // (FEMA)" makes every later "FEMA" that organisation; short names
        // of companies ("Halvora" for "Halvora Therapeutics") do the same,
        // and so does a one-word alias given beside the name.
        let mut acronyms: WordKeyed<'a, usize> = WordKeyed::default();
        // "Malawi Electoral Commission" is "MEC" later, "Sri Lanka Cricket"
        // "SLC": the capitals of an organisation's words spell an acronym
        // the story writes on its own.
        let mut initials: Vec<usize> = Vec::new();
        // Short names whose company is also named without its abbreviated
        // tail: "Kansai Robotics, which" is left whole to the repeats.
        let mut short_before: Vec<(&str, &str)> = Vec::new();
        for (k, h) in hits.iter().enumerate() {
            if h.kind != EntityKind::Organization {
                continue;
            }
            if k >= aliases_from && !text[h.start..h.end].contains(' ') {
                acronyms.insert_first(&text[h.start..h.end], k);
            }
            if initials_of(&text[h.start..h.end]).nth(1).is_some() {
                initials.push(k);
            }
            if let Some(rest) = text[h.end..].strip_prefix(" (")
                && let Some(close) = rest.bytes().take(10).position(|b| b == b')')
                && (2..=8).contains(&close)
                && rest[..close]
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '&' || c == '-')
                && rest[..close].chars().any(|c| c.is_ascii_uppercase())
            {
                acronyms.insert_first(&rest[..close], k);
            }
            // "Halvora Therapeutics" is "Halvora" later, "TPG Telecom"
            // "TPG": a company found by rule, one word and a corporate tail.
            // "Corvane Systems Inc." is "Corvane" later too: behind an
            // abbreviated tail any second word will do, unless the article
            // writes the first in lower case as an everyday word ("Energy
            // Fiji Ltd." and "energy prices").
            let name = &text[h.start..h.end];
            let bare = name
                .rsplit_once(' ')
                .filter(|(_, t)| CORPORATE_ABBREVIATIONS.contains(t))
                .map(|(l, _)| l);
            // A listed company too, when its first word is no everyday
            // word: "Dassault Aviation" is "Dassault" later, but "General
            // Motors" is never "General".
            let listed = h.source == Source::Gazetteer;
            if let Some((lead, tail)) = bare.unwrap_or(name).split_once(' ')
                && (!listed
                    || is_corporate_tail(tail) && !lead.contains(' ') && !everyday_word(lead))
                && (is_corporate_tail(tail)
                    || !listed
                        && bare.is_some()
                        && !tail.contains(' ')
                        && tail.starts_with(char::is_uppercase)
                        && !lower_words.has(lead))
                && lead.len() >= 2
                && !self.not_names.contains(lead)
                && !self.title_heads.contains(lead)
            {
                acronyms.insert_first(lead, k);
                if bare.is_some() && !is_corporate_tail(tail) {
                    short_before.push((lead, tail));
                }
            }
        }
        if !acronyms.is_empty() || !initials.is_empty() {
            let covered = Covered::new(&hits);
            let mut extra = Vec::new();
            for wd in words {
                let surface = wd.text(text);
                let by_initials = || {
                    is_acronym(surface)
                        .then(|| {
                            initials.iter().find(|&&k| {
                                initials_of(&text[hits[k].start..hits[k].end]).eq(surface.chars())
                            })
                        })
                        .flatten()
                };
                if let Some(&k) = acronyms.get(surface).or_else(by_initials)
                    && !covered.overlaps(wd.start, wd.end)
                    && !short_before.iter().any(|&(lead, tail)| {
                        lead == surface
                            && text[wd.end..]
                                .strip_prefix(' ')
                                .is_some_and(|r| r.starts_with(tail))
                    })
                {
                    let mut h = hits[k].clone();
                    h.start = wd.start;
                    h.end = wd.end;
                    h.source = Source::Context;
                    extra.push(h);
                }
            }
            hits.extend(extra);
        }

        // Same string, same type: repeats of a multi-word name the rules found.
        let mut by_surface: FastMap<&str, usize> = FastMap::default();
        for (k, h) in hits.iter().enumerate() {
            if h.source != Source::Gazetteer && text[h.start..h.end].contains(' ') {
                by_surface.entry(&text[h.start..h.end]).or_insert(k);
                // "Hanjin Heavy Industries" is "Hanjin Heavy" later: a
                // company of three words or more without its corporate tail.
                if h.kind == EntityKind::Organization
                    && let Some((lead, tail)) = text[h.start..h.end].rsplit_once(' ')
                    && is_corporate_tail(tail)
                    && lead.contains(' ')
                    && lead.ends_with(|c: char| c.is_alphanumeric())
                    && lead
                        .rsplit(' ')
                        .next()
                        .is_some_and(|l| l.starts_with(char::is_uppercase))
                {
                    by_surface.entry(lead).or_insert(k);
                }
            }
        }
        // One pass over the word starts finds them all, so the cost stays
        // linear in the body and nothing is compiled per article: surfaces
        // are looked up by their leading run of letters and digits.
        let lead = |s: &str| -> usize { s.find(|c: char| !is_alnum(c)).unwrap_or(s.len()) };
        let mut by_lead: WordKeyed<'_, Vec<(&str, usize)>> = WordKeyed::default();
        for (surface, k) in by_surface {
            by_lead
                .get_or_default(&surface[..lead(surface)])
                .push((surface, k));
        }
        let mut repeats = Vec::new();
        if !by_lead.is_empty() {
            by_lead.for_each_value(|candidates| {
                // Longest first, then by text, so the choice is deterministic.
                candidates.sort_unstable_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
            });
            let covered = Covered::new(&hits);
            let mut done = 0usize;
            for word in words {
                let pos = word.start;
                if pos < done || !by_lead.may_start(text.as_bytes()[pos]) {
                    continue;
                }
                let rest = &text[pos..];
                let Some(candidates) = by_lead.get(&rest[..lead(rest)]) else {
                    continue;
                };
                let before_ok = text[..pos].chars().next_back().is_none_or(|c| !is_alnum(c));
                if !before_ok {
                    continue;
                }
                for &(surface, k) in candidates {
                    if !rest.starts_with(surface) {
                        continue;
                    }
                    let end = pos + surface.len();
                    let after_ok = text[end..].chars().next().is_none_or(|c| !is_alnum(c));
                    if after_ok && !covered.overlaps(pos, end) {
                        let mut h = hits[k].clone();
                        h.start = pos;
                        h.end = end;
                        h.title = None;
                        repeats.push(h);
                        done = end;
                        break;
                    }
                }
            }
        }
        hits.extend(repeats);
        // "Ministry of Economy, Trade and Industry": a ministry named for
        // a list of portfolios is one body, not three.
        // A person or place in the list ("the Ministry of Health, Ghana and
        // Togo") says it is no list of portfolios.
        // A listed ministry may open a longer name ("Ministry of Natural
        // Resources, Ecology and Technical Supervision"); a "person" in
        // the list with no given name is one of its fields.
        let mut portfolios: Vec<(usize, usize, usize)> = Vec::new();
        for (k, h) in hits.iter().enumerate() {
            if h.kind == EntityKind::Organization
                && PORTFOLIO_HEADS.iter().any(|head| {
                    text[h.start..h.end]
                        .strip_prefix(head)
                        .is_some_and(|r| r.starts_with(" of "))
                })
                && let Some(end) = portfolio_list_end(text, h.end)
                && !hits.iter().any(|o| {
                    o.kind != EntityKind::Organization
                        && o.start < end
                        && o.end > h.end
                        && (o.kind != EntityKind::Person
                            || text[o.start..o.end]
                                .split(' ')
                                .next()
                                .is_some_and(|given| self.is_first_name(given)))
                })
            {
                portfolios.push((k, h.end, end));
            }
        }
        for &(k, _, end) in &portfolios {
            hits[k].end = end;
            hits[k].canonical = &text[hits[k].start..end];
        }
        if !portfolios.is_empty() {
            hits.retain(|h| {
                !portfolios
                    .iter()
                    .any(|&(_, s, e)| h.start >= s && h.end <= e)
            });
        }
        // "Rodolfo Bautista Jr. said": a generational suffix keeps its
        // period, as a listed "Ferdinand Marcos Jr." does.
        for h in &mut hits {
            if h.kind == EntityKind::Person
                && (text[h.start..h.end].ends_with(" Jr") || text[h.start..h.end].ends_with(" Sr"))
                && text[h.end..].starts_with('.')
            {
                h.end += 1;
                if h.source != Source::Gazetteer {
                    h.canonical = &text[h.start..h.end];
                }
            }
        }
        // "Corvane Systems Inc. fell", "Kanade Industries Co. said": an
        // abbreviated corporate tail keeps its period, and one written
        // after a company the rules found belongs to its name.
        // A listed company takes one too ("Hyundai Motor Co."), keeping
        // its listed name.
        for h in &mut hits {
            if h.kind != EntityKind::Organization {
                continue;
            }
            let listed = h.source == Source::Gazetteer;
            if listed && h.class != Some("company") {
                continue;
            }
            let end = corporate_abbreviation_end(text, h.start, h.end);
            if end != h.end {
                h.end = end;
                if !listed {
                    h.canonical = &text[h.start..end];
                }
            }
        }
        hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        // Nothing is named inside a person's name: "la Fuente" (a listed
        // surname) inside a later "De la Fuente". Hits are sorted by start,
        // so a hit lies inside an earlier person's span when it ends by the
        // furthest end of the persons before it.
        let mut person: Option<(usize, usize)> = None;
        hits.retain(|h| {
            let inside =
                person.is_some_and(|(start, end)| h.end <= end && (h.start, h.end) != (start, end));
            if h.kind == EntityKind::Person && !inside {
                person = Some(match person {
                    Some((start, end)) if end >= h.end => (start, end),
                    _ => (h.start, h.end),
                });
            }
            !inside
        });

        // Group into entities in order of first mention (hits are sorted),
        // keyed by borrowed names so grouping allocates nothing per hit.
        let mut group_of_hit: Vec<usize> = Vec::with_capacity(hits.len());
        let mut groups = 0usize;
        {
            let mut group_of: FastMap<(EntityKind, &str, Option<&str>), usize> =
                FastMap::with_capacity_and_hasher(hits.len(), Default::default());
            for h in &hits {
                let cc = if h.kind == EntityKind::Person {
                    None
                } else {
                    h.country_code
                };
                let g = *group_of
                    .entry((h.kind, h.canonical, cc))
                    .or_insert_with(|| {
                        groups += 1;
                        groups - 1
                    });
                group_of_hit.push(g);
            }
        }
        // The hits of each group in text order, all groups in one list (a
        // counting sort by group): group `g` is `order[bounds[g]..bounds[g + 1]]`.
        let mut bounds = vec![0usize; groups + 1];
        for &g in &group_of_hit {
            bounds[g + 1] += 1;
        }
        for g in 0..groups {
            bounds[g + 1] += bounds[g];
        }
        let mut order = vec![0usize; hits.len()];
        {
            let mut next = bounds.clone();
            for (k, &g) in group_of_hit.iter().enumerate() {
                order[next[g]] = k;
                next[g] += 1;
            }
        }
        let body_chars = index.at(text.len()).max(1) as f32;
        let headline_lc = headline.map(Headline::new);
        let max_mentions = bounds.windows(2).map(|b| b[1] - b[0]).max().unwrap_or(1) as f32;
        let mut entities = Vec::with_capacity(groups);
        let mut classes = Vec::with_capacity(groups);
        let mut mention_bytes = Vec::with_capacity(hits.len());
        for b in bounds.windows(2) {
            let ids = &order[b[0]..b[1]];
            let group = || ids.iter().map(|&k| &hits[k]);
            let Some(lead) = group().next() else {
                continue;
            };
            let fullest = group()
                .max_by_key(|h| (h.end - h.start, std::cmp::Reverse(h.start)))
                .map(|h| text[h.start..h.end].to_string())
                .unwrap_or_default();
            let title = group().find_map(|h| h.title).map(str::to_string);
            let country_code = group().find_map(|h| h.country_code).map(str::to_string);
            let uri = group().find_map(|h| h.uri).map(str::to_string);
            let class = group().find_map(|h| h.class);
            let confidence = group()
                .map(|h| h.source.confidence())
                .fold(0.0f32, f32::max);
            let mentions: Vec<Mention> = group()
                .map(|h| Mention {
                    text: text[h.start..h.end].to_string(),
                    span: index.span(h.start, h.end),
                })
                .collect();
            let first = mentions.first().map(|m| m.span.start).unwrap_or(0) as f32;
            let in_headline = headline_lc.as_ref().is_some_and(|hl| {
                // Mentions mostly repeat one surface: test each once in a row.
                // The canonical name written as a mention was tested with it.
                mentions.iter().enumerate().any(|(k, m)| {
                    (k == 0 || mentions[k - 1].text != m.text) && hl.contains_lowercased(&m.text)
                }) || (!mentions.iter().any(|m| m.text == lead.canonical)
                    && hl.contains_lowercased(lead.canonical))
            });
            let salience = 0.45 * (mentions.len() as f32 / max_mentions)
                + 0.35 * (1.0 - first / body_chars)
                + if in_headline { 0.2 } else { 0.0 };
            entities.push(Entity {
                kind: lead.kind,
                text: fullest,
                canonical: lead.canonical.to_string(),
                uri,
                title,
                country_code,
                mentions,
                salience: (salience.clamp(0.0, 1.0) * 1000.0).round() / 1000.0,
                confidence,
            });
            classes.push(class);
            mention_bytes.extend(group().map(|h| (h.start, h.end)));
        }
        Found {
            entities,
            classes,
            mention_bytes,
        }
    }
}

/// The headline lower-cased, with the byte pairs it holds: most names are
/// not in it, and a pair of adjacent letters of theirs it lacks says so.
struct Headline {
    lower: String,
    /// Bit `pair_bit(a, b)` for every two adjacent bytes of `lower`.
    pairs: [u64; 4],
}

fn pair_bit(a: u8, b: u8) -> usize {
    (usize::from(a).wrapping_mul(31) ^ usize::from(b)) & 255
}

impl Headline {
    fn new(headline: &str) -> Self {
        let lower = headline.to_lowercase();
        let mut pairs = [0u64; 4];
        for w in lower.as_bytes().windows(2) {
            let bit = pair_bit(w[0], w[1]);
            pairs[bit / 64] |= 1 << (bit % 64);
        }
        Headline { lower, pairs }
    }

    /// Whether the headline contains `needle` lower-cased; a short ASCII
    /// needle is lower-cased on the stack instead of in a new string.
    fn contains_lowercased(&self, needle: &str) -> bool {
        let mut buf = [0u8; 64];
        if needle.is_ascii()
            && let Some(lower) = buf.get_mut(..needle.len())
        {
            for (d, s) in lower.iter_mut().zip(needle.bytes()) {
                *d = s.to_ascii_lowercase();
            }
            // Every two adjacent bytes of a needle the headline holds are
            // two adjacent bytes of the headline.
            if lower.windows(2).any(|p| {
                let bit = pair_bit(p[0], p[1]);
                self.pairs[bit / 64] & (1 << (bit % 64)) == 0
            }) {
                return false;
            }
            // Headlines are short: a plain scan beats setting up a searcher.
            let Some(&first) = lower.first() else {
                return true;
            };
            let mut rest = self.lower.as_bytes();
            while let Some(p) = rest.iter().position(|&b| b == first) {
                if rest[p..].starts_with(lower) {
                    return true;
                }
                rest = &rest[p + 1..];
            }
            return false;
        }
        self.lower.contains(&needle.to_lowercase())
    }
}

/// The lists of [`list`] each word of a text is in, looked up on a
/// word's first question and kept: the rules ask one capitalised word of a
/// run about list after list.
struct Lists<'r> {
    rules: &'r EntityRules,
    text: &'r str,
    words: &'r [Word],
    /// [`list`] bits of each word, with [`list::KNOWN`] once looked up.
    known: Vec<Cell<u32>>,
}

impl<'r> Lists<'r> {
    fn new(rules: &'r EntityRules, text: &'r str, words: &'r [Word]) -> Self {
        Lists {
            rules,
            text,
            words,
            known: vec![Cell::new(0); words.len()],
        }
    }

    /// Whether word `k` is in one of the lists `of`. Inlined: the rules
    /// ask about two thousand times an article, nearly always about a word
    /// already looked up.
    #[inline(always)]
    fn has(&self, k: usize, of: u32) -> bool {
        let mut bits = self.known[k].get();
        if bits == 0 {
            bits = self.look_up(k);
        }
        bits & of != 0
    }

    /// Looks word `k` up and keeps its lists.
    fn look_up(&self, k: usize) -> u32 {
        let bits = self.rules.lists_of(self.words[k].text(self.text)) | list::KNOWN;
        self.known[k].set(bits);
        bits
    }
}

/// Arabic surname particles joined by a hyphen, written lower-case inside a
/// sentence and capitalized opening one ("al-Sharabi", "Al-Sharabi").
const HYPHEN_PARTICLES: &[&str] = &["Al-", "El-"];

/// `word` with the particle it opens with lower-cased ("Al-Sharabi" →
/// "al-Sharabi"), if it opens with one.
fn lower_particle(word: &str) -> Option<String> {
    let particle = HYPHEN_PARTICLES.iter().find(|p| word.starts_with(*p))?;
    Some(particle.to_ascii_lowercase() + &word[particle.len()..])
}

/// A map keyed by words of the text with a filter on their first byte:
/// the merge passes look every word of the body up, and most words start
/// with a byte no key starts with, so they are answered without hashing.
struct WordKeyed<'k, V> {
    first: [bool; 256],
    map: FastMap<&'k str, V>,
}

impl<V> Default for WordKeyed<'_, V> {
    fn default() -> Self {
        WordKeyed {
            first: [false; 256],
            map: FastMap::default(),
        }
    }
}

impl<'k, V> WordKeyed<'k, V> {
    fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Whether a key may start with byte `b`.
    fn may_start(&self, b: u8) -> bool {
        self.first[usize::from(b)]
    }

    fn mark(&mut self, key: &str) {
        if let Some(&b) = key.as_bytes().first() {
            self.first[usize::from(b)] = true;
        }
    }

    /// Inserts unless the key is already there: the first value wins.
    fn insert_first(&mut self, key: &'k str, value: V) {
        self.mark(key);
        self.map.entry(key).or_insert(value);
    }

    fn get_or_default(&mut self, key: &'k str) -> &mut V
    where
        V: Default,
    {
        self.mark(key);
        self.map.entry(key).or_default()
    }

    fn for_each_value(&mut self, f: impl FnMut(&mut V)) {
        self.map.values_mut().for_each(f);
    }

    fn get(&self, key: &str) -> Option<&V> {
        match key.as_bytes().first() {
            Some(&b) if self.may_start(b) => self.map.get(key),
            // The empty key is stored without a first byte to filter on.
            Some(_) => None,
            None => self.map.get(key),
        }
    }
}

/// Byte spans of hits, answering "does anything cover this span?" in
/// O(log n) so the linking passes stay linear on long bodies.
struct Covered {
    /// (start, end) sorted by start.
    spans: Vec<(usize, usize)>,
    /// Largest end among `spans[..=i]`.
    max_end: Vec<usize>,
}

impl Covered {
    fn new(hits: &[Hit<'_>]) -> Self {
        let mut spans: Vec<(usize, usize)> = hits.iter().map(|h| (h.start, h.end)).collect();
        spans.sort_unstable();
        let mut max_end = Vec::with_capacity(spans.len());
        let mut m = 0;
        for &(_, e) in &spans {
            m = m.max(e);
            max_end.push(m);
        }
        Covered { spans, max_end }
    }

    /// Whether some span overlaps `start..end`.
    fn overlaps(&self, start: usize, end: usize) -> bool {
        let n = self.spans.partition_point(|&(s, _)| s < end);
        n > 0 && self.max_end[n - 1] > start
    }
}

/// Verbs and words a team name stands before: "Bologna host Napoli",
/// "Barcelona coach Hansi Flick".
const CLUB_BEFORE: &[&str] = &[
    "beat",
    "beats",
    "defeated",
    "drew",
    "host",
    "hosts",
    "visit",
    "visits",
    "face",
    "faces",
    "travel",
    "travels",
    "thrashed",
    "edged",
    "routed",
    "captain",
    "fans",
    "supporters",
];

/// A team's staff and players, named after the team ("Barcelona coach
/// Hansi Flick"); with a match score, they also mark a sports story.
const TEAM_ROLES: &[&str] = &[
    "coach",
    "manager",
    "boss",
    "captain",
    // "Mercedes driver George Russell", "UAE Team Emirates rider".
    "driver",
    "rider",
    "winger",
    "forward",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "goaltender",
    "defenceman",
    "defenseman",
];

/// What players do, after an unknown name in a sports story ("Vitor Roque
/// scored twice"); none of them is what a team does more often.
const SPORT_VERBS: &[&str] = &[
    "scored",
    "kicked",
    "struck",
    "netted",
    "converted",
    "headed",
    "volleyed",
    "bowled",
    "equalised",
    "equalized",
    "clocked",
    "served",
    "saved",
];

/// Words a team name stands after: "beat Genoa", "travel to Lecce".
const CLUB_AFTER: &[&str] = &[
    "beat",
    "beating",
    "defeated",
    "defeating",
    "against",
    "host",
    "hosts",
    "hosting",
    "visit",
    "visiting",
    "face",
    "facing",
    "thrashed",
    "edged",
    "routed",
    "joined",
    "joining",
    "meet",
    "meets",
    "play",
    "plays",
    "beaten",
    "join",
    "joins",
    "captained",
    "rivals",
    "arch-rivals",
];

/// A team's players and games, named after the team: "former England
/// hooker", "the Australia game", "the Wales squad".
const TEAM_NOUNS: &[&str] = &[
    "hooker",
    "prop",
    "flanker",
    "lock",
    "fly-half",
    "flyhalf",
    "scrum-half",
    "scrumhalf",
    "full-back",
    "fullback",
    "wing",
    "centre",
    "back",
    "batsman",
    "batter",
    "bowler",
    "opener",
    "all-rounder",
    "wicketkeeper",
    "spinner",
    "pitcher",
    "player",
    "players",
    "squad",
    "side",
    "team",
    "game",
    "match",
    "clash",
    "fixture",
];

/// Words that, before "for", make the next name a team a player plays
/// for: "plays his club rugby for Lyon", "two wickets for the
/// Netherlands".
const CLUB_AFTER_FOR: &[&str] = &[
    "play",
    "plays",
    "played",
    "playing",
    "rugby",
    "football",
    "cricket",
    "wickets",
    "runs",
    "goals",
    "tries",
    "caps",
    "appearances",
    "debut",
    "signed",
    "scored",
    "matches",
    "games",
];

/// Words that, before "by", make the next name a team: "called up by
/// Argentina", "beaten by Ireland".
const CLUB_AFTER_BY: &[&str] = &["up", "beaten", "defeated", "thrashed", "selected", "capped"];

/// Words that, before "over", make the next name a team: "a 2-0 win
/// over Lens".
const CLUB_AFTER_OVER: &[&str] = &["win", "wins", "victory", "victories", "triumph"];

/// Words that, before "from", make the next name a team a player left:
/// "signed from Strasbourg", "on loan from Lens".
const CLUB_AFTER_FROM: &[&str] = &["signed", "loan", "arrived", "joined", "moved"];

/// Words that, before "to" or "with", make the next name a team: "lost to",
/// "travel to", "draw with", "away to". Not "home": "returning home to
/// Dunedin" is a trip.
const CLUB_AFTER_TO: &[&str] = &[
    "lost", "lose", "travel", "travels", "drew", "draw", "drawn", "away", "loss", "defeat",
    "defeats", "meeting", "clash", "group", "match", "tie",
];

/// Words that, with a match score, make a story a sports story (so do the
/// [`TEAM_ROLES`]).
const SPORT_WORDS: &[&str] = &[
    "goal",
    "goals",
    "league",
    "season",
    "match",
    "club",
    "stadium",
    "minute",
    "half-time",
    "play-off",
    "playoff",
    "relegation",
    "scored",
    "tournament",
    "cup",
    "champions",
    "wickets",
    "innings",
];

/// Whether `text` reads as a sports story: a match score ("2-1") and a
/// word of the game. The score is sought first: most stories have none.
fn is_sport(text: &str, words: &[Word]) -> bool {
    // Only words that start with a digit can be scores.
    let b = text.as_bytes();
    // Words read as bytes: most differ from the ones sought in length,
    // and a byte slice is cut without the char boundary checks.
    let word = |w: &Word| &b[w.start..w.end];
    let scored = |w: &Word| {
        b[w.start].is_ascii_digit()
            && word(w)
                .iter()
                .position(|&c| c == b'-')
                .is_some_and(|p| is_score(text, w.start + p))
    };
    // Cricket is won "by six wickets" and has no score of that form, and
    // a motor race is run over laps.
    let cricket = |w: &Word| matches!(word(w), b"wickets" | b"innings" | b"laps");
    // Australian football and rugby league are won "by 22 points",
    // cricket "by 40 runs": a margin after a win.
    let margin_words = |t: &[Word]| {
        word(&t[0]) == b"by"
            && matches!(word(&t[2]), b"points" | b"runs")
            && word(&t[1]).iter().all(u8::is_ascii_digit)
    };
    // One pass over the words for all three; the text is read for the
    // win only once a margin is written.
    let mut margin = false;
    let mut found = false;
    for (k, w) in words.iter().enumerate() {
        if scored(w) || cricket(w) {
            found = true;
            break;
        }
        // Only a "by" opens a margin: the window is cut for it alone.
        if !margin && word(w) == b"by" {
            margin = words.get(k..k + 3).is_some_and(margin_words);
        }
    }
    let scored = (found || margin && (text.contains(" beat ") || text.contains(" defeated ")))
        && words.iter().any(|w| {
            let t = w.text(text);
            t.len() <= 10
                && (SPORT_WORDS.iter().chain(TEAM_ROLES)).any(|s| s.eq_ignore_ascii_case(t))
        });
    // A story with no score, such as a transfer, is a sports story when it
    // uses at least three different words only sport uses.
    scored || {
        let mut seen = 0u32;
        for w in words {
            if let Some(i) = sport_only(word(w)) {
                seen |= 1 << i;
                if seen.count_ones() >= 3 {
                    return true;
                }
            }
        }
        false
    }
}

/// Words that, three different ones together, make a story a sports story
/// without a score: "signed the midfielder ... nine goals in 31 league
/// matches for the club". Words other stories use too ("manager",
/// "season", "captain", "driver") are not among them. Each has its own
/// number; a match on bytes reads a word by its length first.
fn sport_only(word: &[u8]) -> Option<u32> {
    Some(match word {
        b"goal" => 0,
        b"goals" => 1,
        b"league" => 2,
        b"club" => 3,
        b"stadium" => 4,
        b"midfielder" => 5,
        b"striker" => 6,
        b"winger" => 7,
        b"defender" => 8,
        b"goalkeeper" => 9,
        b"coach" => 10,
        b"squad" => 11,
        b"tournament" => 12,
        b"relegation" => 13,
        b"playoff" => 14,
        b"play-off" => 15,
        b"wickets" => 16,
        b"innings" => 17,
        b"batsman" => 18,
        b"batsmen" => 19,
        b"bowler" => 20,
        b"bowlers" => 21,
        b"wicketkeeper" => 22,
        b"stumps" => 23,
        b"fly-half" => 24,
        b"try" => 25,
        b"tries" => 26,
        b"cyclist" => 27,
        b"peloton" => 28,
        _ => return None,
    })
}

/// Whether the hyphen at byte `p` joins a match score: one or two digits
/// each side, with no letter or digit beyond them.
fn is_score(text: &str, p: usize) -> bool {
    let b = text.as_bytes();
    let left = b[..p]
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .count();
    let right = b[p + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
    (1..=2).contains(&left)
        && (1..=2).contains(&right)
        && (p == left || !b[p - left - 1].is_ascii_alphanumeric() && b[p - left - 1] != b'-')
        && b.get(p + right + 1)
            .is_none_or(|c| !c.is_ascii_alphanumeric() && *c != b'-')
}

/// A place hit becomes the team named for it.
fn make_team<'a>(text: &'a str, h: &mut Hit<'a>) {
    h.kind = EntityKind::Organization;
    h.canonical = &text[h.start..h.end];
    h.country_code = None;
    h.uri = None;
    h.class = Some("sport");
    h.source = Source::Context;
}

/// Whether `word` is a Kalenjin name, which opens with "Kip", "Chep" or
/// "Jep" before a lower-case letter: "Kipchoge", "Chepngetich",
/// "Jepchirchir".
fn kalenjin_name(word: &str) -> bool {
    ["Kip", "Chep", "Jep"].iter().any(|p| {
        word.strip_prefix(p)
            .is_some_and(|rest| rest.len() >= 3 && rest.bytes().all(|b| b.is_ascii_lowercase()))
    })
}

/// Whether the text after byte `end` names a disease: " virus", " fever",
/// " disease".
fn names_disease(text: &str, end: usize) -> bool {
    matches!(word_after(text, end), "virus" | "fever" | "disease")
}

/// Whether the text after byte `end` makes a law's name of the name
/// before it: " Act", " Bill", " Directive".
fn names_law(text: &str, end: usize) -> bool {
    matches!(word_after(text, end), "Act" | "Bill" | "Directive")
}

/// Whether `gap`, the text between two names, goes on with a list.
fn joins_list(gap: &str) -> bool {
    matches!(gap, ", " | " and " | " or " | ", and " | ", or ")
}

/// The word just before byte `at`.
fn word_before(text: &str, at: usize) -> &str {
    text[..at]
        .trim_end_matches(' ')
        .rsplit(' ')
        .next()
        .unwrap_or("")
}

/// The word just after byte `at`, hyphens kept ("fly-half").
fn word_after(text: &str, at: usize) -> &str {
    text[at..]
        .trim_start_matches(' ')
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .next()
        .unwrap_or("")
}

/// Where the agency written in brackets in a dateline lies: the first
/// brackets among the opening words, holding one to three capitalised
/// words and no digit ("(PA)", "(Canadian Press)"), with the dash right
/// after them.
fn dateline_agency(text: &str) -> Option<(usize, usize)> {
    let head = &text[..text.floor_char_boundary(120)];
    let open = head.find('(')? + 1;
    // The brackets come before the dateline's dash ("SAINT-DENIS (AFP)
    // -" has a hyphen in its place).
    if head[..open].contains(['–', '—']) || head[..open].contains(" -") {
        return None;
    }
    let close = open + head[open..].find(')')?;
    let inner = &head[open..close];
    let after = head[close + 1..].trim_start_matches(' ');
    let words = inner.split(' ').count();
    let good = (1..=3).contains(&words)
        && inner.len() >= 2
        && inner
            .split(' ')
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !inner.contains(|c: char| c.is_ascii_digit() || c == ',')
        && after.starts_with(['-', '–', '—']);
    good.then_some((open, close))
}

/// Words that name a road with its number after them.
const ROAD_WORDS: &[&str] = &[
    "Interstate",
    "Highway",
    "Route",
    "Motorway",
    "Autobahn",
    "Autoroute",
    "Expressway",
];

/// What may stand before a road word as part of the road's name.
const ROAD_PREFIXES: &[&str] = &[
    "U.S. ",
    "US ",
    "State ",
    "County ",
    "National ",
    "Federal ",
    "Provincial ",
];

/// The road named by the word at `start..end` and the number after it
/// ("Highway 36"), with a prefix before it ("U.S. Highway 36"): its span.
fn road_at(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    if !ROAD_WORDS.contains(&&text[start..end]) {
        return None;
    }
    let number = text[end..].strip_prefix(' ')?;
    let digits = number.bytes().take_while(u8::is_ascii_digit).count();
    let stop = end + 1 + digits;
    if !(1..=4).contains(&digits)
        || text[stop..].starts_with(|c: char| {
            c.is_alphanumeric()
                || c == ',' && text[stop + 1..].starts_with(|c: char| c.is_ascii_digit())
        })
    {
        return None;
    }
    let before = &text[..start];
    let from = ROAD_PREFIXES
        .iter()
        .find(|p| before.ends_with(*p))
        .map_or(start, |p| start - p.len());
    Some((from, stop))
}

/// Whether `word` is an all-caps dateline city before its country:
/// "WELLINGTON, New Zealand".
fn is_dateline_city(word: &str) -> bool {
    word.strip_suffix(',')
        .is_some_and(|w| w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase))
}

/// Words before which a country is the place even where the story named
/// its team: "sport in Georgia", "clubs across France".
const PLACE_BEFORE: &[&str] = &[
    "in",
    "at",
    "from",
    "into",
    "across",
    "throughout",
    "around",
    "of",
    "to",
];

/// [`club_slot`] for a name that is a place too, a town or a country,
/// where a few more words mark a team: its players and games after it
/// ("former England hooker", "the Australia game"), "the" before it
/// ("beat the Netherlands"). An unknown word is not read so freely: "the
/// Olympic champion", "Left-arm spinner".
fn team_slot(text: &str, start: usize, end: usize) -> bool {
    if TEAM_NOUNS.contains(&word_after(text, end)) || club_slot(text, start, end) {
        return true;
    }
    let before = text[..start].trim_end_matches(' ');
    before
        .strip_suffix("the")
        .filter(|b| b.ends_with(' '))
        .is_some_and(|b| club_slot(text, b.len(), end))
}

/// [`team_slot`] for a country, which a sports story names as its side
/// in a few more places: ranked against others ("one point ahead of
/// Canada", "second behind Australia"), before what a side does ("India
/// won the toss") and as the subject of a match verb ("New Zealand came
/// from behind to beat"). Not before a possessive: "finished behind
/// Kenya's Faith Kipyegon".
fn national_side_slot(text: &str, start: usize, end: usize) -> bool {
    if team_slot(text, start, end) {
        return true;
    }
    if text[end..].starts_with(['\'', '’']) {
        return false;
    }
    let mut before = text[..start].trim_end_matches(' ').rsplit(' ');
    match before.next().unwrap_or("") {
        "behind" => return true,
        "of" if matches!(before.next(), Some("ahead" | "clear")) => return true,
        _ => {}
    }
    TEAM_RESULTS.contains(&word_after(text, end)) || beats_in_clause(text, end)
}

/// What a national side does in a match report, after its name: "India
/// won the toss", "Wales trailed 10-3".
const TEAM_RESULTS: &[&str] = &["scored", "won", "lost", "trailed", "led", "leads"];

/// Whether the clause after byte `end`, before any punctuation or other
/// name, comes to a match verb within eight words: "New Zealand came from
/// behind to beat South Africa".
fn beats_in_clause(text: &str, end: usize) -> bool {
    let clause = text[end..]
        .split(['.', ',', ';', ':', '"', '“', '(', '\n'])
        .next()
        .unwrap_or("");
    for word in clause.split(' ').filter(|w| !w.is_empty()).take(8) {
        if word.starts_with(char::is_uppercase) {
            return false;
        }
        if matches!(
            word,
            "beat" | "beats" | "defeated" | "thrashed" | "edged" | "routed"
        ) {
            return true;
        }
    }
    false
}

/// Whether the name at `start..end` stands where a team stands.
fn club_slot(text: &str, start: usize, end: usize) -> bool {
    let after = text[end..].trim_start_matches(' ');
    let next = word_after(text, end);
    if CLUB_BEFORE.contains(&next) || TEAM_ROLES.contains(&next) {
        return true;
    }
    // "Leinster head coach", "Lazio assistant manager".
    if matches!(next, "head" | "assistant")
        && after[next.len()..]
            .trim_start_matches(' ')
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .is_some_and(|role| TEAM_ROLES.contains(&role))
    {
        return true;
    }
    if let Some(p) = next.find('-')
        && text[end..].starts_with(' ')
        && is_score(text, end + (text[end..].len() - after.len()) + p)
    {
        return true;
    }
    let mut before = text[..start].trim_end_matches(' ').rsplit(' ');
    let last = before.next().unwrap_or("");
    if CLUB_AFTER.contains(&last) {
        return true;
    }
    let played = match last {
        "for" => Some(CLUB_AFTER_FOR),
        "by" => Some(CLUB_AFTER_BY),
        "over" => Some(CLUB_AFTER_OVER),
        _ => None,
    };
    if let Some(words) = played {
        return words.contains(&before.next().unwrap_or(""));
    }
    if matches!(last, "to" | "with") {
        // "draw 2-2 with", "lost 1-0 to": a score may stand between.
        let mut prev = before.next().unwrap_or("");
        if prev.contains('-') && prev.bytes().any(|c| c.is_ascii_digit()) {
            prev = before.next().unwrap_or("");
        }
        return CLUB_AFTER_TO.contains(&prev);
    }
    if last == "from" {
        return CLUB_AFTER_FROM.contains(&before.next().unwrap_or(""));
    }
    false
}

/// The place of an all-caps dateline with accents ("BOGOTÁ", "SÃO
/// PAULO"), which the gazetteer's ASCII case folding cannot match: the
/// leading all-caps words, looked up as the gazetteer writes them.
fn accented_dateline<'a>(
    text: &'a str,
    words: &[Word],
    gaz: &'a Gazetteer,
    matches: &[GazMatch],
    country_weight: &FastMap<&str, f64>,
) -> Option<Hit<'a>> {
    let first = words.first()?;
    if !text[..first.start].trim().is_empty() {
        return None;
    }
    let mut n = 0;
    while n < words.len() && n < 4 {
        let t = words[n].text(text);
        if t.chars().any(char::is_lowercase) || !t.chars().any(char::is_alphabetic) {
            break;
        }
        n += 1;
        if words
            .get(n)
            .is_none_or(|next| text.get(words[n - 1].end..next.start) != Some(" "))
        {
            break;
        }
    }
    let (start, end) = (first.start, words.get(n.checked_sub(1)?)?.end);
    let surface = &text[start..end];
    if surface.is_ascii() || matches.first().is_some_and(|m| m.start < end) {
        return None;
    }
    let written: Vec<String> = surface
        .split(' ')
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| {
                    c.to_uppercase()
                        .chain(chars.flat_map(char::to_lowercase))
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect();
    let entry = choose(gaz.lookup(&written.join(" "))?, country_weight)?;
    if !matches!(
        entry.kind,
        EntryKind::City { .. } | EntryKind::Region | EntryKind::Country
    ) {
        return None;
    }
    hit_from_entry(entry, start, end)
}

/// Whether the word `b` is a name opening with the Arabic article
/// ("al-Harthi", "el-Sisi"): the article, a hyphen and a capital.
fn article_name(b: &[u8]) -> bool {
    let rest = match b {
        [b'a' | b'e', b'l', b'-', rest @ ..] => rest,
        _ => return false,
    };
    rest.first().is_some_and(u8::is_ascii_uppercase)
}

/// The start of an ordinal in figures ("5th", "82nd") that ends one space
/// before `at`.
fn ordinal_before(text: &str, at: usize) -> Option<usize> {
    let before = text[..at].strip_suffix(' ')?;
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_ascii_alphanumeric())
        .map_or(0, |(k, c)| k + c.len_utf8());
    let token = &before[start..];
    let digits = token.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0 && digits <= 3 && matches!(&token[digits..], "st" | "nd" | "rd" | "th"))
        .then_some(start)
}

/// Whether `after` (the text after a name) opens with one lower-case word
/// and a kind of site: " enrichment site", " oil field".
fn site_after(after: &str) -> bool {
    let mut toks = after.strip_prefix(' ').unwrap_or("").splitn(3, ' ');
    let (Some(what), Some(site)) = (toks.next(), toks.next()) else {
        return false;
    };
    !what.is_empty()
        && what.bytes().all(|b| b.is_ascii_lowercase())
        && PLACE_SITE_NOUNS.contains(&site.trim_end_matches([',', '.', ';']))
}

/// The longest tail that every one of `leads` ends in and that
/// [`ends_with_words`] compares exactly: all but a lead's first byte.
fn exact_common_tail(leads: &[&'static str]) -> &'static str {
    let Some(&first) = leads.first() else {
        return "";
    };
    let mut len = leads
        .iter()
        .map(|l| l.len().saturating_sub(1))
        .min()
        .unwrap_or(0);
    while !leads.iter().all(|l| {
        l.is_char_boundary(l.len() - len) && l[l.len() - len..] == first[first.len() - len..]
    }) {
        len -= 1;
    }
    &first[first.len() - len..]
}

/// Whether `text` ends in the words `lead`, a capital first letter
/// allowed ("Residents of" opening a sentence) and a whole first word
/// required ("presidents of" is no "residents of").
fn ends_with_words(text: &str, lead: &str) -> bool {
    let Some(at) = text.len().checked_sub(lead.len()) else {
        return false;
    };
    text.is_char_boundary(at)
        && text[at..].eq_ignore_ascii_case(lead)
        && text[at + 1..] == lead[1..]
        && text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// What follows the hyphen in a word that says who owns, backs or leads
/// something ("state-owned", "Iran-backed", "Yang-led"); with the
/// gazetteer's [`gazetteer::PLACED`] ("Seoul-based", "London-listed"),
/// what keeps such a word out of the name after it.
const ATTRIBUTIVE_TAILS: &[&str] = &[
    // "the Muslim-majority province", "AI-ready data centres".
    "majority",
    "dominated",
    "speaking",
    "ready",
    "style",
    "born",
];

/// Letters football and other sports clubs write before or after their
/// name ("FC Porto", "Karlsruher SC", "VfL Wolfsburg").
const CLUB_AFFIXES: &[&str] = &[
    "FC", "AFC", "SC", "CF", "SV", "FK", "NK", "SK", "BK", "IF", "IFK", "AC", "VfB", "VfL", "TSG",
    "RB", "SSC", "CD", "UD", "SD", "RC", "KV", "KRC", "KAA",
];

/// First words of football clubs of Central and Eastern Europe and
/// Israel that their city's name follows ("Sparta Prague", "Dynamo Kyiv",
/// "Legia Warsaw", "Hapoel Tel Aviv").
const CLUB_HEADS: &[&str] = &[
    "Sparta",
    "Slavia",
    "Dynamo",
    "Dinamo",
    "Spartak",
    "Lokomotiv",
    "CSKA",
    "Legia",
    "Lech",
    "Steaua",
    "Partizan",
    "Rapid",
    "Zenit",
    "Shakhtar",
    "Hertha",
    "Maccabi",
    "Hapoel",
    "Beitar",
    "Viktoria",
];

/// Beginnings of three letters or more after which a capital inside a
/// word marks a person's name ("MacArthur", "VanHolt", "FitzGerald");
/// two-letter ones ("McCain", "DeSantis", "LeBron") are left out by
/// [`company_form`] itself.
const NAME_PREFIXES: &[&str] = &["Mac", "Van", "Von", "Fitz", "Sha", "Della", "Vander"];

/// Whether `w` is written as companies write their names and people's
/// names are not: a capital after two or more letters and before a
/// lower-case one ("IndiGo", "InterGlobe", "SoftBank", not "McCain" or
/// "LeBron"), or a
/// lower-case word ending in "bank" ("Kiwibank", "Sberbank"). Hyphens,
/// apostrophes and digits leave a word out.
fn company_form(w: &str) -> bool {
    if w.len() < 5 || !w.chars().all(char::is_alphabetic) {
        return false;
    }
    let mut chars = w.chars();
    if !chars.next().is_some_and(char::is_uppercase) {
        return false;
    }
    let rest: Vec<char> = chars.collect();
    if let Some(stem) = w.strip_suffix("bank")
        && stem.len() >= 3
        && rest.iter().all(|c| c.is_lowercase())
    {
        return true;
    }
    let Some(k) = rest
        .windows(2)
        .position(|p| p[0].is_lowercase() && p[1].is_uppercase())
    else {
        return false;
    };
    // The beginning before the inner capital (three letters or more),
    // and a lower-case letter after it.
    let prefix_len = k + 2;
    let prefix: String = w.chars().take(prefix_len).collect();
    k >= 1
        && rest[k + 1..].iter().filter(|c| c.is_lowercase()).count() >= 1
        && !NAME_PREFIXES.contains(&prefix.as_str())
}

/// Whether the word ending at `end` stands before a day of the month, as
/// a month does: "Jan. 6", "May 5" (not the names "Jan" or "May").
fn before_day(text: &str, end: usize) -> bool {
    let rest = text[end..].strip_prefix('.').unwrap_or(&text[end..]);
    rest.strip_prefix(' ')
        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
}

/// Whether `w` is an acronym: two to six capital letters.
fn is_acronym(w: &str) -> bool {
    (2..=6).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_uppercase())
}

/// Small words an organisation's initials skip ("Bank of England",
/// "Alianza para el Progreso").
const INITIALS_SKIP: &[&str] = &[
    "of", "and", "for", "the", "on", "in", "de", "del", "des", "du", "la", "le", "el", "para",
    "por",
];

/// The initials of an organisation's name, one for each word written with
/// a capital ("M", "E", "C" for "Malawi Electoral Commission"); none at
/// all when a word other than a small one is lower-case.
fn initials_of(name: &str) -> impl Iterator<Item = char> + '_ {
    let words = || name.split([' ', '-']);
    let plain = words()
        .all(|w| w.starts_with(char::is_uppercase) || w.is_empty() || INITIALS_SKIP.contains(&w));
    words()
        .filter(move |_| plain)
        .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
}

/// The span of an alias given right after an organisation's name that
/// ends at `end`: ", or KNF," (an acronym) or ", known as Africa CDC,"
/// (one to three capitalized words), closed by a comma, period,
/// semicolon or bracket.
fn alias_after(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let rest = &text[end..];
    // "Africa Centres for Disease Control and Prevention (Africa CDC)": an
    // acronym in brackets after the name's own first word.
    if let Some(inner) = rest.strip_prefix(" (")
        && let Some(close) = inner.bytes().take(24).position(|b| b == b')')
        && let Some((first, acronym)) = inner[..close].split_once(' ')
        && text[start..end].split(' ').next() == Some(first)
        && (2..=8).contains(&acronym.len())
        && acronym.bytes().all(|b| b.is_ascii_uppercase() || b == b'-')
    {
        let from = end + 2;
        return Some((from, from + close));
    }
    let (after, acronym_only) = if let Some(a) = rest.strip_prefix(", or ") {
        (a, true)
    } else {
        (rest.strip_prefix(", known as ")?, false)
    };
    let start = end + (rest.len() - after.len());
    let len = after.find([',', '.', ';', ')']).filter(|&n| n > 0)?;
    let alias = &after[..len];
    let words: Vec<&str> = alias.split(' ').collect();
    let acronym = |w: &str| {
        (2..=8).contains(&w.len())
            && w.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'&' || b == b'-')
            && w.bytes().any(|b| b.is_ascii_uppercase())
    };
    let ok = if acronym_only {
        words.len() == 1 && acronym(words[0])
    } else {
        words.len() <= 3
            && words.iter().all(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars()
                        .all(|c| c.is_alphanumeric() || c == '-' || c == '&')
            })
    };
    ok.then_some((start, start + len))
}

/// Whether `family` and `given` make a name written family name first:
/// Korean ([`korean_name`]) or Chinese in pinyin ([`chinese_name`]).
fn family_first_name(family: &str, given: &str) -> bool {
    korean_name(family, given) || chinese_name(family, given)
}

/// Whether `family given` is a Chinese name in pinyin: a common family
/// name, then a given name of one or two pinyin syllables written as one
/// word ("Sun Yingsha", "Shi Yuqi", "Wang Chuqin"). English words are
/// seldom whole pinyin ("Sun Life", "Hu Manufacturing" are not), and a
/// name the gazetteer holds ("Hong Kong") is read before this.
fn chinese_name(family: &str, given: &str) -> bool {
    let mut chars = given.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && (2..=9).contains(&given.len())
        && chars.all(|c| c.is_ascii_lowercase())
        && CHINESE_FAMILY_NAMES.binary_search(&family).is_ok()
        // The first letter read lower-case, the rest already is.
        && {
            let mut lower = [0u8; 9];
            lower[..given.len()].copy_from_slice(given.as_bytes());
            lower[0] = lower[0].to_ascii_lowercase();
            std::str::from_utf8(&lower[..given.len()]).is_ok_and(|g| pinyin_syllables(g, 2))
        }
}

/// Whether `word` is at most `most` pinyin syllables, tone marks left out.
fn pinyin_syllables(word: &str, most: usize) -> bool {
    if word.is_empty() {
        return true;
    }
    if most == 0 {
        return false;
    }
    let initial = [
        "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x",
        "r", "z", "c", "s", "y", "w", "",
    ]
    .into_iter()
    .find(|i| word.starts_with(i))
    .unwrap_or("");
    let rest = &word[initial.len()..];
    PINYIN_FINALS.iter().any(|f| {
        rest.starts_with(f)
            // "o" alone follows only the lip sounds ("bo", "mo", "wo"), and
            // "ue" only these ("xue", "lüe"): "Zone" is no pinyin.
            && (*f != "o" || matches!(initial, "b" | "p" | "m" | "f" | "w" | ""))
            && (*f != "ue" || matches!(initial, "j" | "q" | "x" | "y" | "n" | "l"))
            // Nor is "fe" or "hi": "Life", "Chief".
            && (*f != "e" || !matches!(initial, "b" | "p" | "f" | "w" | "j" | "q" | "x"))
            && (*f != "i" || !matches!(initial, "f" | "g" | "k" | "h" | "w"))
            // "Wang" is one syllable, not "wan" and a second starting "g".
            && pinyin_syllables(&rest[f.len()..], most - 1)
    })
}

/// Pinyin finals, longest first.
const PINYIN_FINALS: &[&str] = &[
    "iang", "iong", "uang", "ang", "eng", "ing", "ong", "ian", "iao", "uai", "uan", "ai", "ei",
    "ao", "ou", "an", "en", "in", "un", "ia", "ie", "iu", "ua", "uo", "ui", "ue", "er", "a", "o",
    "e", "i", "u", "v",
];

/// Common Chinese family names in pinyin, sorted (a test holds it). "He",
/// "Long" and others that are everyday English words at a sentence start
/// are left out.
const CHINESE_FAMILY_NAMES: &[&str] = &[
    "Bai", "Cai", "Cao", "Chen", "Cheng", "Cui", "Dai", "Deng", "Ding", "Dong", "Du", "Duan",
    "Fan", "Feng", "Fu", "Gao", "Geng", "Gong", "Gu", "Guo", "Hao", "Hou", "Hu", "Huang", "Jia",
    "Jiang", "Jin", "Kang", "Kong", "Lai", "Lei", "Li", "Liang", "Liao", "Lin", "Liu", "Lou", "Lu",
    "Luo", "Lyu", "Ma", "Mao", "Meng", "Mo", "Niu", "Pan", "Peng", "Qi", "Qian", "Qin", "Qiu",
    "Ren", "Shao", "Shen", "Shi", "Su", "Sun", "Tan", "Tang", "Tao", "Tian", "Wan", "Wang", "Wei",
    "Wen", "Wu", "Xia", "Xiao", "Xie", "Xiong", "Xu", "Xue", "Yan", "Yang", "Yao", "Ye", "Yu",
    "Yuan", "Zeng", "Zhang", "Zhao", "Zheng", "Zhong", "Zhou", "Zhu", "Zou",
];

/// Whether `family` and `given` are a Korean name written family name
/// first, the given name in two hyphenated syllables, the second
/// lower-case ("Park Ji-hoon", "Kim Jong-un").
fn korean_name(family: &str, given: &str) -> bool {
    // The given name first: few words hold a hyphen, and the family
    // names are a list read one by one.
    given.split_once('-').is_some_and(|(first, second)| {
        let mut chars = first.chars();
        chars.next().is_some_and(|c| c.is_ascii_uppercase())
                && chars.all(|c| c.is_ascii_lowercase())
                && (2..=5).contains(&first.len())
                && (1..=5).contains(&second.len())
                && second.bytes().all(|c| c.is_ascii_lowercase())
                // "Hong Kong-based", "Yang-led": English after the hyphen.
                && !matches!(
                    second,
                    "based" | "led" | "run" | "born" | "owned" | "made" | "style" | "era" | "bound"
                        | "wide" | "held" | "built" | "like" | "class" | "level" | "type"
                )
    }) && KOREAN_FAMILY_NAMES.contains(&family)
}

/// Whether a possessive stays inside a name: "People's", "Women's",
/// "Children's" ("National People's Power", "Children's Hospital") belong
/// to the names they stand in, unlike "Kenya's" before a noun; so does an
/// office holder's before "Office" ("Attorney General's Office",
/// "Ombudsman's Office").
fn inner_possessive(text: &str, word: &Word) -> bool {
    if !word.possessive {
        return false;
    }
    let Some(rest) = text.get(word.end..) else {
        return false;
    };
    let Some(after) = rest
        .strip_prefix("'s ")
        .or_else(|| rest.strip_prefix("’s "))
    else {
        return false;
    };
    matches!(word.text(text), "People" | "Women" | "Children" | "Men")
        || OFFICE_HOLDERS.contains(&word.text(text))
            && after.starts_with("Office")
            && !after[6..].starts_with(char::is_alphanumeric)
}

/// Office holders whose office is a body: "Attorney General's Office",
/// "Prosecutor's Office", "Mayor's Office" (not "Kenya's Office of ...").
const OFFICE_HOLDERS: &[&str] = &[
    "General",
    "Prosecutor",
    "Ombudsman",
    "Minister",
    "Mayor",
    "Governor",
    "President",
    "Commissioner",
    "Auditor",
    "Comptroller",
    "Controller",
    "Registrar",
    "Speaker",
    "Chancellor",
    "Premier",
];

/// Heads of bodies named for a list of portfolios.
const PORTFOLIO_HEADS: &[&str] = &["Ministry", "Department", "Secretariat", "Institute"];

/// Where a list of portfolios after a ministry's name ends: at `end` the
/// text goes on ", Trade and Industry" (or ", Trade, Industry and
/// Energy"), each item one to three capitalised words. None when it does
/// not, or when "and" never comes.
fn portfolio_list_end(text: &str, end: usize) -> Option<usize> {
    let mut at = end + text[end..].strip_prefix(", ").map(|_| 2)?;
    for _ in 0..4 {
        let item_end = at + capitalised_item(&text[at..]);
        if item_end == at {
            return None;
        }
        let after = &text[item_end..];
        if after.starts_with(", ") {
            at = item_end + 2;
        } else if let Some(last) = after.strip_prefix(" and ") {
            let len = capitalised_item(last);
            return (len > 0).then_some(item_end + " and ".len() + len);
        } else {
            return None;
        }
    }
    None
}

/// The length in bytes of the one to three capitalised words that open
/// `rest` (letters and hyphens, single spaces between), ending early at a
/// word that punctuation closes; 0 when `rest` opens with none.
fn capitalised_item(rest: &str) -> usize {
    let mut len = 0;
    for (n, word) in rest.split([' ', '\n']).take(3).enumerate() {
        let bare = word.trim_end_matches([',', '.', ';', ':', '”', '’']);
        let cap = bare.chars().next().is_some_and(char::is_uppercase)
            && bare.chars().all(|c| c.is_alphabetic() || c == '-');
        if !cap {
            break;
        }
        len += usize::from(n > 0) + bare.len();
        if bare.len() != word.len() {
            break;
        }
    }
    len
}

/// [`written_lower`] for many words of one text: the text's lower-case
/// words are gathered once, on the first question, so asking about every
/// mention of a long story costs one pass, not one per mention.
struct LowerWords<'t> {
    text: &'t str,
    words: std::cell::OnceCell<super::text::FastSet<&'t str>>,
}

impl<'t> LowerWords<'t> {
    fn new(text: &'t str) -> Self {
        LowerWords {
            text,
            words: std::cell::OnceCell::new(),
        }
    }

    /// Whether `word` also stands in the text in lower case.
    fn has(&self, word: &str) -> bool {
        // Words of letters and digits alone are looked up; others (with
        // a hyphen or a space) are sought as `written_lower` seeks them.
        if !word.chars().all(is_alnum) {
            return written_lower(self.text, word);
        }
        let words = self.words.get_or_init(|| {
            self.text
                .split(|c: char| !is_alnum(c))
                .filter(|w| w.starts_with(|c: char| !c.is_uppercase()) && !w.is_empty())
                .collect()
        });
        words.contains(word.to_lowercase().as_str())
    }
}

/// The letters that open `text` after its spaces: "said" of " said he".
fn leading_word(text: &str) -> &str {
    let text = text.trim_start_matches(' ');
    &text[..text
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(text.len())]
}

/// Whether `word` also stands in `text` in lower case as a word of its own.
fn written_lower(text: &str, word: &str) -> bool {
    let lower = word.to_lowercase();
    text.match_indices(lower.as_str())
        .any(|(p, m)| !text[..p].ends_with(is_alnum) && !text[p + m.len()..].starts_with(is_alnum))
}

/// Abbreviated corporate tails written with a period.
const CORPORATE_ABBREVIATIONS: &[&str] = &["Inc", "Corp", "Co", "Ltd"];

/// Where an organisation's span at `start..end` ends once an abbreviated
/// corporate tail is counted in: "Vantor Corp" before "." takes the
/// period, "Vantor Industries" before " Co." or " Inc." takes both words,
/// and before a bare " Co" or " Corp" as wire copy writes them ("Ford
/// Motor Co, which") takes the word; "S.A." takes a " de C.V." after it.
/// Any other span keeps `end`.
fn corporate_abbreviation_end(text: &str, start: usize, end: usize) -> usize {
    let end = abbreviation_end(text, start, end);
    let rest = &text[end..];
    // "Takumi Industries Co., Ltd.": the Japanese and Korean form of two.
    if text[start..end].ends_with(" Co.")
        && let Some(after) = rest.strip_prefix(", Ltd")
    {
        return match after.chars().next() {
            Some('.') => end + ", Ltd.".len(),
            Some(c) if c.is_alphanumeric() => end,
            _ => end + ", Ltd".len(),
        };
    }
    // "Marex Group plc", "Kessler Holding AG": a legal form written after
    // the name the rules found.
    if let Some(after) = rest.strip_prefix(' ') {
        let form = after
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | ')' | '”' | '"'))
            .next()
            .unwrap_or("");
        // An undotted form before a period ends the sentence: the period
        // is not the form's.
        let undotted = form.strip_suffix('.').unwrap_or(form);
        if LEGAL_FORMS.contains(&form) && form.contains('.') {
            return end + 1 + form.len();
        }
        if !undotted.contains('.') && closes_company_name(undotted) {
            return end + 1 + undotted.len();
        }
    }
    end
}

/// [`corporate_abbreviation_end`] for the abbreviated tails and the
/// Mexican forms.
fn abbreviation_end(text: &str, start: usize, end: usize) -> usize {
    let name = &text[start..end];
    let last = name.rsplit(' ').next().unwrap_or(name);
    let rest = &text[end..];
    // Mexican forms of two parts: "S.A. de C.V.", "S. de R.L.".
    if matches!(last, "S.A." | "S.A.B." | "S.")
        && let Some(second) = [" de C.V.", " de R.L."]
            .iter()
            .find(|s| rest.starts_with(*s))
    {
        return end + second.len();
    }
    if name.contains(' ') && CORPORATE_ABBREVIATIONS.contains(&last) && rest.starts_with('.') {
        return end + 1;
    }
    if let Some(after) = rest.strip_prefix(' ')
        && !CORPORATE_ABBREVIATIONS.contains(&last)
    {
        for abbr in CORPORATE_ABBREVIATIONS {
            let Some(r) = after.strip_prefix(abbr) else {
                continue;
            };
            if r.starts_with('.') {
                return end + 1 + abbr.len() + 1;
            }
            if !r.starts_with(|c: char| c.is_alphanumeric() || c == '-' || c == '&') {
                return end + 1 + abbr.len();
            }
        }
    }
    end
}

fn person_hit(text: &str, start: usize, end: usize, source: Source) -> Hit<'_> {
    typed_hit(text, start, end, EntityKind::Person, source)
}

/// A hit no list backs: its canonical name is its text.
fn typed_hit(text: &str, start: usize, end: usize, kind: EntityKind, source: Source) -> Hit<'_> {
    Hit {
        start,
        end,
        kind,
        canonical: &text[start..end],
        country_code: None,
        uri: None,
        title: None,
        source,
        class: None,
    }
}

fn hit_from_entry(e: &Entry, start: usize, end: usize) -> Option<Hit<'_>> {
    let (kind, class, title) = match &e.kind {
        EntryKind::Country => (EntityKind::Place, Some("country"), None),
        EntryKind::Demonym => (EntityKind::Nationality, None, None),
        EntryKind::City { .. } => (EntityKind::Place, Some("city"), None),
        EntryKind::Region => (EntityKind::Place, Some("region"), None),
        EntryKind::Event => (EntityKind::Event, None, None),
        EntryKind::Organization { class } => (EntityKind::Organization, Some(class.as_str()), None),
        EntryKind::Person { title } => (EntityKind::Person, None, title.as_deref()),
        EntryKind::Surname => (EntityKind::Person, Some("surname"), None),
        EntryKind::Blocked => return None,
    };
    Some(Hit {
        start,
        end,
        kind,
        canonical: &e.canonical,
        country_code: e.country_code.as_deref(),
        uri: e.uri.as_deref(),
        title,
        source: Source::Gazetteer,
        class,
    })
}

/// Picks the meaning of an ambiguous name: the listed rank, raised for
/// places in a country the story is about.
fn choose<'e>(candidates: &'e [Entry], country_weight: &FastMap<&str, f64>) -> Option<&'e Entry> {
    choose_among(candidates, country_weight, |_| true)
}

/// [`choose`] among the candidates `usable` keeps.
fn choose_among<'e>(
    candidates: &'e [Entry],
    country_weight: &FastMap<&str, f64>,
    usable: impl Fn(&Entry) -> bool,
) -> Option<&'e Entry> {
    // Most names have one meaning, which needs no score. Otherwise each
    // is scored once; the last of equal scores wins, as with `max_by` on
    // the entries.
    if let [only] = candidates {
        return usable(only).then_some(only);
    }
    candidates
        .iter()
        .filter(|e| usable(e))
        .map(|e| (score(e, country_weight), e))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, e)| e)
}

fn score(e: &Entry, country_weight: &FastMap<&str, f64>) -> f64 {
    let base = rank(e);
    let is_place = matches!(
        e.kind,
        EntryKind::City { .. } | EntryKind::Region | EntryKind::Country
    );
    if !is_place {
        return base;
    }
    let context = e
        .country_code
        .as_deref()
        .and_then(|cc| country_weight.get(cc))
        .map(|w| 0.8 + 0.4 * w.min(5.0))
        .unwrap_or(0.0);
    base + context
}

#[cfg(test)]
mod tests {
    use super::super::{EntityKind, TagInput, Tagger};
    use std::sync::OnceLock;

    use crate::normalize::dateline::DatelineFinder;

    #[test]
    fn chinese_family_names_are_sorted_for_binary_search() {
        assert!(super::CHINESE_FAMILY_NAMES.is_sorted());
    }

    #[test]
    fn pinyin_given_names_and_english_words() {
        for given in ["yingsha", "yuqi", "chuqin", "wang", "xue", "bo"] {
            assert!(super::pinyin_syllables(given, 2), "{given}");
        }
        for word in ["zone", "life", "air", "auto", "street", "yingshaxu"] {
            assert!(!super::pinyin_syllables(word, 2), "{word}");
        }
    }

    /// Each text's mentions, in order, are exactly the wanted ones.
    fn assert_found(cases: &[(&str, &[(EntityKind, &str)])]) {
        for (text, want) in cases {
            let got = found(text);
            let want: Vec<(EntityKind, String)> =
                want.iter().map(|(k, s)| (*k, s.to_string())).collect();
            assert_eq!(got, want, "{text}");
        }
    }

    fn found(text: &str) -> Vec<(EntityKind, String)> {
        static TAGGER: OnceLock<Tagger> = OnceLock::new();
        let tagger = TAGGER.get_or_init(|| match Tagger::from_embedded() {
            Ok(t) => t,
            Err(e) => panic!("embedded data: {e}"),
        });
        // The dateline as the normalizer finds it for the worker.
        static DATELINES: OnceLock<DatelineFinder> = OnceLock::new();
        let dateline = DATELINES.get_or_init(DatelineFinder::new).find(text);
        let tags = tagger.tag(&TagInput {
            body: text,
            headline: None,
            dateline_place: dateline.as_ref().map(|d| d.place.as_str()),
            dateline_region: dateline.as_ref().and_then(|d| d.region.as_deref()),
        });
        tags.entities
            .into_iter()
            .flat_map(|e| e.mentions.into_iter().map(move |m| (e.kind, m.text)))
            .collect()
    }

    #[test]
    fn names_no_list_holds_by_context() {
        use EntityKind::*;
        // (text, every mention in order).
        let cases: &[(&str, &[(EntityKind, &str)])] = &[
            (
                "It was brought by Tavita Faleolo, who leads the party.",
                &[(Person, "Tavita Faleolo")],
            ),
            // A nationality before a name no list holds; not before
            // common words.
            (
                "Slovenian Tadej Pogačar won. Norwegian Cruise Line fell.",
                &[
                    (Nationality, "Slovenian"),
                    (Person, "Tadej Pogačar"),
                    (Nationality, "Norwegian"),
                ],
            ),
            // Two particles before the surname; a month before a day is
            // no later mention of a person named like it.
            (
                "A cross from Josh van der Flier, and Jan Kowalczyk scored on \
                 Jan. 6. Theresa May spoke on May 5; May said so.",
                &[
                    (Person, "Josh van der Flier"),
                    (Person, "Jan Kowalczyk"),
                    (Person, "Theresa May"),
                    (Person, "May"),
                ],
            ),
            // A surname of several words used alone later, whole.
            (
                "Former President Cristina Fernandez de Kirchner met Ursula \
                 von der Leyen. Fernandez de Kirchner, 72, denied it. Von \
                 der Leyen agreed.",
                &[
                    (Person, "Cristina Fernandez de Kirchner"),
                    (Person, "Fernandez de Kirchner"),
                    (Person, "Ursula von der Leyen"),
                    (Person, "Von der Leyen"),
                ],
            ),
            (
                "Comedian Sanjay Ghoshal, who performs nightly, agreed.",
                &[(Person, "Sanjay Ghoshal")],
            ),
            (
                "The office of the Director of Public Prosecutions said it would appeal.",
                &[],
            ),
            (
                "The loans were made by AIB, which lost money.",
                &[(Organization, "AIB")],
            ),
            (
                "MNLA commander Tavita Faleolo spoke.",
                &[(Organization, "MNLA"), (Person, "Tavita Faleolo")],
            ),
            (
                "Her party, Taxawu, said it would vote no.",
                &[(Organization, "Taxawu")],
            ),
            (
                "Funding came from Embrapa, Brazil's agricultural research agency.\n",
                &[(Organization, "Embrapa"), (Place, "Brazil")],
            ),
            (
                "A Lanxess spokesman declined to comment.",
                &[(Organization, "Lanxess")],
            ),
            (
                "said Moana Tuilagi, an epidemiologist at the clinic.",
                &[(Person, "Moana Tuilagi")],
            ),
            (
                "said a fund manager at Union Investment.",
                &[(Organization, "Union Investment")],
            ),
            (
                "The World Food Programme sent rations.",
                &[(Organization, "World Food Programme")],
            ),
            (
                "said Moana Tuilagi, an aviation analyst based in the city.",
                &[(Person, "Moana Tuilagi")],
            ),
            (
                "She teaches at Imperial College London.",
                &[(Organization, "Imperial College London")],
            ),
            (
                "It was won by the Farmers and Fishermen Party.",
                &[(Organization, "Farmers and Fishermen Party")],
            ),
            (
                "The Finance Ministry and Defence Ministry said so.",
                &[
                    (Organization, "Finance Ministry"),
                    (Organization, "Defence Ministry"),
                ],
            ),
            (
                "It asked the Centre for Water Research in Kenya for data.",
                &[(Organization, "Centre for Water Research in Kenya")],
            ),
            (
                "Central Bank of Kenya Cuts Rates Again\nIt was expected.",
                &[(Organization, "Central Bank of Kenya")],
            ),
            (
                "Shares of Grupo Bimbo and Banco de Ahorro e Inversiones rose.",
                &[
                    (Organization, "Grupo Bimbo"),
                    (Organization, "Banco de Ahorro e Inversiones"),
                ],
            ),
            (
                "It was backed by the opposition All Farmers Congress.",
                &[(Organization, "All Farmers Congress")],
            ),
            (
                "Tents came from the Ugandan Red Cross.",
                &[(Organization, "Ugandan Red Cross")],
            ),
            (
                "The final is at the Estadio Monumental.",
                &[(Place, "Estadio Monumental")],
            ),
            (
                "Cuts were made by the National Water Directorate.",
                &[(Organization, "National Water Directorate")],
            ),
            (
                "The study ran in the journal Heliyon.",
                &[(Organization, "Heliyon")],
            ),
            (
                "Governor Lucía Fernández Mamani spoke. Fernández said no.",
                &[(Person, "Lucía Fernández Mamani"), (Person, "Fernández")],
            ),
            (
                "Carmaker Volantis said it would cut jobs.",
                &[(Organization, "Volantis")],
            ),
            (
                "The licence went to Northern Nickel, a unit of a larger group.",
                &[(Organization, "Northern Nickel")],
            ),
            (
                "Residents of Ngalda said the wells were dry.",
                &[(Place, "Ngalda")],
            ),
            (
                "Leg-spinner Tavita Faleolo took three wickets.",
                &[(Person, "Tavita Faleolo")],
            ),
        ];
        assert_found(cases);
    }

    #[test]
    fn names_of_companies_agencies_sites_and_people_by_class() {
        use EntityKind::*;
        // (text, every mention, entity after entity).
        let cases: &[(&str, &[(EntityKind, &str)])] = &[
            (
                "The deal was advised by Brandt & Okafor, a law firm.",
                &[(Organization, "Brandt & Okafor")],
            ),
            (
                "The Lyon-based lender Corvane Group said profit rose.",
                &[(Place, "Lyon"), (Organization, "Corvane Group")],
            ),
            (
                "The runner was suspended, Swimming Australia and Cricket Australia said.",
                &[
                    (Organization, "Swimming Australia"),
                    (Organization, "Cricket Australia"),
                ],
            ),
            // The same before a region or a city: a state's or a city's body.
            (
                "The final drew 18,000, Cricket Victoria said, and Parks Tasmania agreed.",
                &[
                    (Organization, "Cricket Victoria"),
                    (Organization, "Parks Tasmania"),
                ],
            ),
            (
                "The plan was backed by Corvane Group, Telvora, Mistrel and Quonset.",
                &[
                    (Organization, "Corvane Group"),
                    (Organization, "Telvora"),
                    (Organization, "Mistrel"),
                    (Organization, "Quonset"),
                ],
            ),
            (
                "A complaint was filed with the Daegu District Prosecutors' Office on Friday.",
                &[(Organization, "Daegu District Prosecutors' Office")],
            ),
            (
                "Samples came from the rim of the Aldervane crater, near the Orvik Delta.",
                &[(Place, "Aldervane"), (Place, "Orvik Delta")],
            ),
            (
                "Shares of Dalmun Heavy Industries fell; Dalmun Heavy builds tankers.",
                &[
                    (Organization, "Dalmun Heavy Industries"),
                    (Organization, "Dalmun Heavy"),
                ],
            ),
            (
                "Organisers QRX Events said 40,000 runners had finished.",
                &[],
            ),
            (
                "Shares of Halvix Therapeutics rose after Halvix said trials would resume.",
                &[
                    (Organization, "Halvix Therapeutics"),
                    (Organization, "Halvix"),
                ],
            ),
            (
                "The Office of the Canadian Privacy Commissioner said it would look into it.",
                &[(Organization, "Office of the Canadian Privacy Commissioner")],
            ),
            (
                "A ruling by the 9th U.S. Circuit Court of Appeals stands.",
                &[(Organization, "9th U.S. Circuit Court of Appeals")],
            ),
            (
                "The bill was backed by Physicians for Human Rights.",
                &[(Organization, "Physicians for Human Rights")],
            ),
            (
                "Foreign Minister Omar al-Nasser met the envoys, and al-Nasser said talks would go on.",
                &[(Person, "Omar al-Nasser"), (Person, "al-Nasser")],
            ),
            (
                "Prime Minister Somchai Rattanakorn resigned; Somchai said he had no choice.",
                &[(Person, "Somchai Rattanakorn"), (Person, "Somchai")],
            ),
            (
                "Voters in the Eastern Highlands Province went to the polls.",
                &[(Place, "Eastern Highlands Province")],
            ),
            (
                "Stocks piled up in Keota, Iowa, last week.",
                &[(Place, "Keota"), (Place, "Iowa")],
            ),
            (
                "Inspectors have not visited the Zarnak enrichment site since May.",
                &[(Place, "Zarnak")],
            ),
            (
                "Rival Vodanet said its network was not affected.",
                &[(Organization, "Vodanet")],
            ),
            (
                "The minister told RTK radio that he would stay.",
                &[(Organization, "RTK")],
            ),
            (
                "Ratings fell, said Ana Costa, head of credit research at Bankhaus Lampe.",
                &[(Person, "Ana Costa"), (Organization, "Bankhaus Lampe")],
            ),
            (
                "Sonabel, as the utility is known, raised prices.",
                &[(Organization, "Sonabel")],
            ),
            (
                "She won the Qatar Open and then the Italian Masters.",
                &[(Event, "Qatar Open"), (Event, "Italian Masters")],
            ),
            (
                "He drove the Bahrain Grand Prix for Haas.",
                &[(Event, "Bahrain Grand Prix")],
            ),
            (
                "Its leader joined the Parti Keadilan Rakyat last year.",
                &[(Organization, "Parti Keadilan Rakyat")],
            ),
            (
                "Rain hit the states of Penang and Kedah overnight.",
                &[(Place, "Penang"), (Place, "Kedah")],
            ),
            (
                "Cases rose in Nampula, Cabo Delgado and Mueda.",
                &[
                    (Place, "Nampula"),
                    (Place, "Cabo Delgado"),
                    (Place, "Mueda"),
                ],
            ),
            (
                "The Gulf Reliability Council of Oman, known as GRCO, warned of cuts.",
                &[
                    (Organization, "Gulf Reliability Council of Oman"),
                    (Organization, "GRCO"),
                ],
            ),
            // Two everyday-word towns side by side ("Best", "Anthem") are
            // one name no list holds; a listed company of two such words is
            // the company; a person's rival is no company.
            ("Queues formed outside Best Anthem stores.", &[]),
            (
                "Queues formed outside Best Buy stores.",
                &[(Organization, "Best Buy")],
            ),
            ("He beat his rival Okonjo in the runoff.", &[]),
        ];
        assert_found(cases);
    }

    #[test]
    fn names_places_and_datelines_by_form() {
        use EntityKind::*;
        let cases: &[(&str, &[(EntityKind, &str)])] = &[
            (
                "Park Ji-hoon led the team. Park said the work was new.",
                &[(Person, "Park Ji-hoon"), (Person, "Park")],
            ),
            ("A Hong Kong-based fund bought it.", &[(Place, "Hong Kong")]),
            // A listed name written otherwise gives way to one inside it.
            (
                "It filed with the Hong Kong stock exchange.",
                &[(Place, "Hong Kong")],
            ),
            (
                "Johannesburg-listed MTN Group rose.",
                &[(Place, "Johannesburg"), (Organization, "MTN Group")],
            ),
            (
                "Ships left the Bay of Bengal for the coast of Tavira.",
                &[(Place, "Bay of Bengal"), (Place, "Tavira")],
            ),
            (
                "The deputy governor of Bank Indonesia resigned.",
                &[(Organization, "Bank Indonesia")],
            ),
            ("BOGOTÁ – Talks resumed.", &[(Place, "BOGOTÁ")]),
            // A plural place noun after "X and Y" makes places of both,
            // even where Y is an organisation tail (which alone is no name).
            (
                "Gangs spread into the Artibonite and Nippes departments.",
                &[(Place, "Artibonite"), (Place, "Nippes")],
            ),
            (
                "Gangs spread into the Artibonite and Centre departments.",
                &[(Place, "Artibonite")],
            ),
            // A dateline is a place, even one that names an organisation;
            // the organisation's other mentions stay organisations.
            (
                "UNITED NATIONS — The United Nations renewed the mission.",
                &[(Place, "UNITED NATIONS"), (Organization, "United Nations")],
            ),
            (
                "The award went to María Fernanda Lozano.",
                &[(Person, "María Fernanda Lozano")],
            ),
            (
                "Fenerbahçe beat Olympiacos 84-79 on Thursday in the league.",
                &[(Organization, "Fenerbahçe"), (Organization, "Olympiacos")],
            ),
            (
                "“We showed it,” Leinster head coach Owen Brosnan said after a 38-17 win in the league.",
                &[(Organization, "Leinster"), (Person, "Owen Brosnan")],
            ),
            (
                "Leinster beat Munster 38-17 in the league and open away to Toulon.",
                &[
                    (Organization, "Leinster"),
                    (Organization, "Munster"),
                    (Organization, "Toulon"),
                ],
            ),
            (
                "Colombo Strikers beat Kandy Falcons by six wickets, and Kandy fans left early in Colombo.",
                &[
                    (Organization, "Colombo Strikers"),
                    (Organization, "Kandy Falcons"),
                    (Organization, "Kandy"),
                    (Place, "Colombo"),
                ],
            ),
            (
                "Perth Falcons won 3-1 in the league and trail Geelong Comets by a point.",
                &[
                    (Organization, "Perth Falcons"),
                    (Organization, "Geelong Comets"),
                ],
            ),
            (
                "Metz beat Lens 2-0 in the league. The goal came from a winger signed from Brest in May.",
                &[
                    (Organization, "Metz"),
                    (Organization, "Lens"),
                    (Organization, "Brest"),
                ],
            ),
        ];
        assert_found(cases);
    }

    #[test]
    fn audit_classes_on_untuned_copy() {
        use EntityKind::*;
        let cases: &[(&str, &[(EntityKind, &str)])] = &[
            // A short town matched only without its accent is no name at
            // a sentence start.
            ("The plan was approved. To pay for it, fees rise.", &[]),
            // Abbreviated corporate tails keep their period.
            (
                "Shares of Vantorel Systems Inc. fell 4% on Monday.",
                &[(Organization, "Vantorel Systems Inc.")],
            ),
            (
                "Brenmoor Energy Corp. said it would cut jobs. Brenmoor employs 900.",
                &[
                    (Organization, "Brenmoor Energy Corp."),
                    (Organization, "Brenmoor"),
                ],
            ),
            // A company's one-word name after a given name or an unknown
            // capitalised word is part of that name; after a role opening
            // the sentence it is the company.
            (
                "The engineer Haruka Shimizu led the work.",
                &[(Person, "Haruka Shimizu")],
            ),
            ("Rival Nissan said sales fell.", &[(Organization, "Nissan")]),
            // A listed company's short form names it only after its fuller
            // name.
            ("Seagate said demand rose.", &[]),
            (
                "Shares of Seagate Technology rose. Seagate said demand was strong.",
                &[
                    (Organization, "Seagate Technology"),
                    (Organization, "Seagate"),
                ],
            ),
            // Wire copy drops the period: "Ford Motor Co, which".
            (
                "It supplies Brenmoor Energy Corp and Ford Motor Co, which has 40 plants.",
                &[
                    (Organization, "Brenmoor Energy Corp"),
                    (Organization, "Ford Motor Co"),
                ],
            ),
            (
                "Kestrow Lunar Inc. built it. Kestrow Lunar, which has 40 staff, agreed.",
                &[
                    (Organization, "Kestrow Lunar Inc."),
                    (Organization, "Kestrow Lunar"),
                ],
            ),
            (
                "Power Kaltra Ltd. said on Monday that power prices rose. Power fell.",
                &[(Organization, "Power Kaltra Ltd.")],
            ),
            // A legal form after the name, and the form of two after "Co.".
            (
                "Shares of Varnholm Group plc rose, and Tessik Holding AG fell.",
                &[
                    (Organization, "Varnholm Group plc"),
                    (Organization, "Tessik Holding AG"),
                ],
            ),
            (
                "Shares of Orikawa Industries Co., Ltd. rose after Orikawa Motors Co., Ltd said it was buying.",
                &[
                    (Organization, "Orikawa Industries Co., Ltd."),
                    (Organization, "Orikawa Motors Co., Ltd"),
                ],
            ),
            (
                "Shares of glassmaker Orikawa Industries Co. rose.",
                &[(Organization, "Orikawa Industries Co.")],
            ),
            // A ministry named for a list of portfolios is one body.
            (
                "It is funded by the Ministry of Fisheries, Forests and Tourism, officials said.",
                &[(Organization, "Ministry of Fisheries, Forests and Tourism")],
            ),
            // So is a listed ministry's name that goes on, with a field no
            // given name opens.
            (
                "Data came from the Ministry of Natural Resources, Ecology and Technical \
                 Supervision on Monday.",
                &[(
                    Organization,
                    "Ministry of Natural Resources, Ecology and Technical Supervision",
                )],
            ),
            (
                "Data came from the Ministry of Mines, Energy and Water.\nTalks resume soon.",
                &[(Organization, "Ministry of Mines, Energy and Water")],
            ),
            // A title never stands inside a place's name.
            (
                "Trade Minister Park Seo-yun said the talks would resume.",
                &[(Person, "Park Seo-yun")],
            ),
        ];
        assert_found(cases);
    }

    #[test]
    fn given_names_that_are_countries_trades_and_places_after_in() {
        use EntityKind::*;
        let cases: &[(&str, &[(EntityKind, &str)])] = &[
            // A country that is a given name, before an unknown surname.
            (
                "The race was won by Chad Okonjo-Reyes, and Okonjo-Reyes said so.",
                &[(Person, "Chad Okonjo-Reyes"), (Person, "Okonjo-Reyes")],
            ),
            (
                "Farmers in the Jordan Valley protested.",
                &[(Place, "Jordan Valley")],
            ),
            // A trade tail makes a company, not before a title.
            (
                "Analysts at Vantrel Energy said prices would rise.",
                &[(Organization, "Vantrel Energy")],
            ),
            (
                "Mines and Energy Minister Tomas Ferreira Lunde agreed.",
                &[(Person, "Tomas Ferreira Lunde")],
            ),
            (
                "He chairs the Energy and Commerce Committee, aides said.",
                &[(Organization, "Energy and Commerce Committee")],
            ),
            // "General" after an organisation tail.
            (
                "Figures from the Directorate General of Water Affairs showed it.",
                &[(Organization, "Directorate General of Water Affairs")],
            ),
            // A bare title abbreviation ending a name is a surname.
            (
                "Health Minister Anita Lal Sen urged calm.",
                &[(Person, "Anita Lal Sen")],
            ),
            // Places by the noun after them and by "in" or "near".
            (
                "A bridge over the Kali Torvang river collapsed.",
                &[(Place, "Kali Torvang")],
            ),
            (
                "Rain fell in Torvang and Miskari districts on Monday.",
                &[(Place, "Torvang"), (Place, "Miskari")],
            ),
            (
                "She runs a shop near Miskari, police said.",
                &[(Place, "Miskari")],
            ),
            ("The hymn was chanted in Torvangi by the choir.", &[]),
            (
                "Shares in Torvex rose 2% on the news.",
                &[(Organization, "Torvex")],
            ),
        ];
        assert_found(cases);
    }

    #[test]
    fn company_forms_national_arms_and_names_with_listed_parts() {
        use EntityKind::*;
        let cases: &[(&str, &[(EntityKind, &str)])] = &[
            // Prosecutors and counsel are titles.
            (
                "Prosecutor-General Luisa Brandão said General Counsel \
                 Maren Holt had resigned.",
                &[(Person, "Luisa Brandão"), (Person, "Maren Holt")],
            ),
            // A law firm by its tail; a parliament by its head; a currency
            // mark is no place; a surname particle capitalized opening a
            // sentence.
            (
                "Lawyers from Brennan Okafor Lawyers said the Parliament of \
                 Moldova must vote. Oil averages US$68 a barrel, said Karim \
                 al-Tahiri. Al-Tahiri left.",
                &[
                    (Organization, "Brennan Okafor Lawyers"),
                    (Organization, "Parliament of Moldova"),
                    (Person, "Karim al-Tahiri"),
                    (Person, "Al-Tahiri"),
                ],
            ),
            // National teams where a team stands; the country elsewhere;
            // two companies, a university after "of" and a country.
            (
                "South Africa beat New Zealand 32-24 on Saturday. Wales coach \
                 Warren Gatland said the tour of England had been long. \
                 Researchers at the University of Jordan and Aarhus \
                 University agreed, as did Teck Resources Ltd of Canada.",
                &[
                    (Organization, "South Africa"),
                    (Organization, "New Zealand"),
                    (Organization, "Wales"),
                    (Person, "Warren Gatland"),
                    (Place, "England"),
                    (Organization, "University of Jordan"),
                    (Organization, "Aarhus University"),
                    (Organization, "Teck Resources Ltd"),
                    (Place, "Canada"),
                ],
            ),
            // After "X of Y and", a second name with a tail of its own or
            // an article; a field of the first name runs on.
            (
                "Scientists from the University of Tokyo and Osaka University \
                 met officials of the Bureau of Fisheries and Aquatic Resources.",
                &[
                    (Organization, "University of Tokyo"),
                    (Organization, "Osaka University"),
                    (Organization, "Bureau of Fisheries and Aquatic Resources"),
                ],
            ),
            // An organisation with the place it serves is one name, but not
            // across a period or before a possessive; a river named British
            // style; a naval title before a name.
            (
                "Shares of Kestrel Holdings rose on Nasdaq Stockholm. Fishing \
                 was banned on the River Tamar, said Commodore Elias Moreno. \
                 The fine was paid by Vantor Corp. Japan's regulator said.",
                &[
                    (Organization, "Kestrel Holdings"),
                    (Organization, "Nasdaq Stockholm"),
                    (Place, "River Tamar"),
                    (Person, "Elias Moreno"),
                    (Organization, "Vantor Corp."),
                    (Place, "Japan"),
                ],
            ),
            // A listed country of two words after "of", a listed name inside.
            (
                "The Central Bank of Sri Lanka held rates on Tuesday.",
                &[(Organization, "Central Bank of Sri Lanka")],
            ),
            // A sentence-opening organisation noun opens no name.
            (
                "Drugmaker Halvern Pharma said it would appeal.",
                &[(Organization, "Halvern Pharma")],
            ),
            // "and" after a trade in an agency's name.
            (
                "The Pharmaceuticals and Food Safety Agency approved it.",
                &[(Organization, "Pharmaceuticals and Food Safety Agency")],
            ),
            // A confederation of unions.
            (
                "The Ghana Confederation of Labour Unions called a strike.",
                &[(Organization, "Ghana Confederation of Labour Unions")],
            ),
            // A company written as companies write names.
            (
                "The regulator fined BrightJet on Monday, and Solbank too.",
                &[(Organization, "BrightJet"), (Organization, "Solbank")],
            ),
            // An alias given beside the name, and initials written later.
            (
                "The Chilean Copper Commission, known as Cochilco, cut its \
                 forecast. The Malawi Electoral Commission said so, and the \
                 Polish Financial Supervision Authority, or KNF, agreed. The MEC \
                 and Cochilco declined to comment.",
                // Mentions of one organisation are listed together.
                &[
                    (Organization, "Chilean Copper Commission"),
                    (Organization, "Cochilco"),
                    (Organization, "Cochilco"),
                    (Organization, "Malawi Electoral Commission"),
                    (Organization, "MEC"),
                    (Organization, "Polish Financial Supervision Authority"),
                    (Organization, "KNF"),
                ],
            ),
            // Long names with a nationality or a country inside.
            (
                "The Central Bank of the Republic of Turkey and the Economic \
                 Community of West African States met the Office of the United \
                 States Trade Representative.",
                &[
                    (Organization, "Central Bank of the Republic of Turkey"),
                    (Organization, "Economic Community of West African States"),
                    (
                        Organization,
                        "Office of the United States Trade Representative",
                    ),
                ],
            ),
            // National sports bodies.
            (
                "Sri Lanka Cricket and Rugby Australia agreed, as did Hockey Canada \
                 and the Bangladesh Cricket Board.",
                &[
                    (Organization, "Sri Lanka Cricket"),
                    (Organization, "Rugby Australia"),
                    (Organization, "Hockey Canada"),
                    (Organization, "Bangladesh Cricket Board"),
                ],
            ),
            // Clubs written with their letters.
            (
                "Karlsruher SC drew with FC St. Pauli and VfB Stuttgart won. \
                 They beat 1. FC Heidenheim.",
                &[
                    (Organization, "Karlsruher SC"),
                    (Organization, "FC St. Pauli"),
                    (Organization, "VfB Stuttgart"),
                    (Organization, "1. FC Heidenheim"),
                ],
            ),
            // A plural organisation noun after two names.
            (
                "Members of the CGT and SUD-Rail unions walked out.",
                &[(Organization, "CGT"), (Organization, "SUD-Rail")],
            ),
            // A listed body before a listed country is its national arm.
            (
                "Oxfam Ghana said the cuts would hurt farmers.",
                &[(Organization, "Oxfam Ghana")],
            ),
            // An acronym after "union" before a connector.
            (
                "The teachers' union KTU and the nurses' union said so.",
                &[(Organization, "KTU")],
            ),
            // An ice hockey position before a name.
            (
                "Goaltender Veikko Lindroos stopped 30 shots.",
                &[(Person, "Veikko Lindroos")],
            ),
            // A club's shared first word and its city.
            (
                "He joined from Legia Warsaw in June.",
                &[(Organization, "Legia Warsaw")],
            ),
            // An unknown word and a country after "opposition".
            (
                "Leaders of the opposition Civic Lithuania walked out.",
                &[(Organization, "Civic Lithuania")],
            ),
        ];
        assert_found(cases);
    }
}
