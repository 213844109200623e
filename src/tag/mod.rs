//! Tagging: entities, topics, quotes, quantities and language, read off the
//! normalized text. Pure and synchronous; built once at start-up from the
//! data files and shared read-only. Knows nothing of the repair passes: what
//! it needs from them (the dateline place) arrives as plain values.

pub mod entities;
pub mod error;
pub mod eval;
pub mod gazetteer;
pub mod language;
pub mod quantities;
pub mod quotes;
pub mod sentences;
pub mod testing;
pub mod text;
pub mod topics;

use std::path::Path;

use serde::Serialize;

use crate::span::Span;

pub use error::TagError;
pub use eval::{NerReport, evaluate};
pub use testing::{TestRulesReport, test_rules};

use entities::EntityRules;
use gazetteer::{EntryKind, Gazetteer, GazetteerFiles};
use quantities::QuantityRules;
use quotes::{PersonMention, QuoteRules};
use topics::TopicRules;

/// The data and rules compiled into the binary, so `Tagger::new()` needs no
/// files at run time.
mod embedded {
    pub const COUNTRIES: &str = include_str!("../../data/tag/countries.tsv");
    pub const CITIES: &str = include_str!("../../data/tag/cities.tsv");
    pub const US_STATES: &str = include_str!("../../data/tag/us_states.tsv");
    pub const REGIONS: &str = include_str!("../../data/tag/regions.tsv");
    pub const ORGS: &str = include_str!("../../data/tag/orgs.tsv");
    pub const COMPANIES: &str = include_str!("../../data/tag/companies.tsv");
    pub const PEOPLE: &str = include_str!("../../data/tag/people.tsv");
    pub const FIRST_NAMES: &str = include_str!("../../data/tag/first_names.txt");
    pub const FIRST_NAMES_INTL: &str = include_str!("../../data/tag/first_names_intl.txt");
    pub const TOPICS: &str = include_str!("../../data/tag/topics.toml");
}

/// File names a rules directory may hold; each one present replaces the
/// embedded file of the same name.
pub const RULE_FILES: &[&str] = &[
    "countries.tsv",
    "cities.tsv",
    "us_states.tsv",
    "regions.tsv",
    "orgs.tsv",
    "companies.tsv",
    "people.tsv",
    "first_names.txt",
    "first_names_intl.txt",
    "topics.toml",
];

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    Nationality,
    Event,
}

/// One occurrence of an entity in the body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    pub text: String,
    pub span: Span,
}

/// A person, organisation, place or other named thing.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Entity {
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// The fullest surface form seen ("Fumio Kishida").
    pub text: String,
    /// The canonical name from the gazetteer, or `text`.
    pub canonical: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    /// Title or role ("Prime Minister", "spokesman").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    pub mentions: Vec<Mention>,
    pub salience: f32,
    pub confidence: f32,
}

/// Who said a quote.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Speaker {
    /// Index into the record's `entities`, when the speaker is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<usize>,
    pub text: String,
}

/// A direct quotation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    pub text: String,
    pub span: Span,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<Speaker>,
    /// The attribution verb ("said", "added").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cue: Option<String>,
}

/// What a quantity measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuantityKind {
    Percent,
    Money,
    Count,
}

/// A number with its unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    #[serde(rename = "type")]
    pub kind: QuantityKind,
    pub text: String,
    pub value: f64,
    pub unit: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    pub span: Span,
}

/// Why a topic was assigned.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub rule: String,
    pub span: Span,
}

/// An IPTC Media Topic with its score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Topic {
    /// "medtop:11000000".
    pub qcode: String,
    pub label: String,
    pub level: u8,
    pub score: f32,
    pub evidence: Vec<Evidence>,
}

/// The detected language of the body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Language {
    /// ISO 639-1 code where one exists ("en").
    pub code: String,
    pub confidence: f32,
}

/// Everything the tagger found in one body.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tags {
    pub sentences: Vec<Span>,
    pub language: Option<Language>,
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    pub quantities: Vec<Quantity>,
    pub topics: Vec<Topic>,
    /// ISO 3166 code of the dateline place, when the gazetteer knows it.
    pub dateline_country: Option<String>,
    /// Words of the body as a reader counts them: white-space separated
    /// tokens with a letter or digit (see [`text::count_tokens`]).
    pub word_count: usize,
}

/// The input the tagger reads.
pub struct TagInput<'a> {
    pub body: &'a str,
    pub headline: Option<&'a str>,
    /// The dateline place as written in the body ("Washington").
    pub dateline_place: Option<&'a str>,
    /// The region or country written after the dateline's place ("British
    /// Columbia" in "VICTORIA, British Columbia (Reuters) -").
    pub dateline_region: Option<&'a str>,
}

/// The tagger: compiled data and rules.
pub struct Tagger {
    sentences: sentences::SentenceSplitter,
    language: language::LanguageDetector,
    /// `None` only when the embedded data failed to build (see `new`).
    rules: Option<Rules>,
}

/// Everything built from data and rule files.
struct Rules {
    gazetteer: Gazetteer,
    entities: EntityRules,
    quotes: QuoteRules,
    quantities: QuantityRules,
    topics: TopicRules,
}

impl Tagger {
    /// Builds the tagger from the data compiled into the binary.
    ///
    /// The embedded data is checked by the tests, so this cannot fail in a
    /// released build; should it ever, the tagger degrades to sentences and
    /// language only rather than stopping the worker.
    pub fn new() -> Self {
        match Self::from_embedded() {
            Ok(t) => t,
            Err(error) => {
                tracing::error!(%error, "embedded tagging data is invalid; tagging sentences and language only");
                Tagger {
                    sentences: sentences::SentenceSplitter::new(),
                    language: language::LanguageDetector::new(),
                    rules: None,
                }
            }
        }
    }

    /// Builds the tagger from the embedded data, reporting any failure.
    pub fn from_embedded() -> Result<Self, TagError> {
        Self::build(&Sources::embedded())
    }

    /// Builds the tagger from a rules directory: each file of
    /// [`RULE_FILES`] found there replaces the embedded one. A bad file
    /// fails construction.
    pub fn from_rules_dir(dir: &Path) -> Result<Self, TagError> {
        let mut owned: Vec<(usize, String)> = Vec::new();
        for (i, name) in RULE_FILES.iter().enumerate() {
            let path = dir.join(name);
            match std::fs::read_to_string(&path) {
                Ok(text) => owned.push((i, text)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => return Err(TagError::Read { path, source }),
            }
        }
        if !dir.is_dir() {
            return Err(TagError::Read {
                path: dir.to_path_buf(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "not a directory"),
            });
        }
        let mut sources = Sources::embedded();
        for (i, text) in &owned {
            sources.set(RULE_FILES[*i], text);
        }
        Self::build(&sources)
    }

    fn build(s: &Sources<'_>) -> Result<Self, TagError> {
        let mut gazetteer = Gazetteer::build(&GazetteerFiles {
            countries: s.countries,
            cities: s.cities,
            us_states: s.us_states,
            regions: s.regions,
            orgs: s.orgs,
            companies: s.companies,
            people: s.people,
        })?;
        // A listed person's surname that news writes in lower case
        // mid-sentence ("he", "may", "power") is no name standing alone.
        let surnames: Vec<String> = gazetteer.surnames().map(str::to_lowercase).collect();
        let everyday = crate::normalize::lexicon::lower_case_words(
            &surnames.iter().map(String::as_str).collect(),
        );
        gazetteer.forget_everyday_surnames(|lower| everyday.contains(lower));
        Ok(Tagger {
            sentences: sentences::SentenceSplitter::new(),
            language: language::LanguageDetector::new(),
            rules: Some(Rules {
                gazetteer,
                entities: EntityRules::new(&[s.first_names, s.first_names_intl]),
                quotes: QuoteRules::new(),
                quantities: QuantityRules::new().map_err(|source| TagError::Pattern {
                    what: "quantity",
                    source,
                })?,
                topics: TopicRules::parse("topics.toml", s.topics)?,
            }),
        })
    }

    /// Version of the topic rules in use (`version` in `topics.toml`).
    pub fn rules_version(&self) -> &str {
        self.rules
            .as_ref()
            .map(|r| r.topics.version())
            .unwrap_or("none")
    }

    /// Gazetteer names the repair stage must never alter ("Kishida" is not
    /// a misspelling).
    pub fn protected_names(&self) -> impl Iterator<Item = &str> {
        self.rules.iter().flat_map(|r| r.gazetteer.names())
    }

    /// The given names the entity rules know ("Mads", "Daniela").
    pub fn first_names(&self) -> impl Iterator<Item = &str> {
        self.rules.iter().flat_map(|r| r.entities.first_names())
    }

    /// Gazetteer names that are proper nouns wherever they stand, even
    /// when the word is also a common one ("Turkey", "Georgia"): names
    /// whose every entry is a country, a nationality or a region.
    pub fn proper_names(&self) -> impl Iterator<Item = &str> {
        self.rules.iter().flat_map(|r| {
            r.gazetteer.names().filter(|name| {
                r.gazetteer.lookup(name).is_some_and(|entries| {
                    entries.iter().all(|e| {
                        matches!(
                            e.kind,
                            EntryKind::Country | EntryKind::Demonym | EntryKind::Region
                        )
                    })
                })
            })
        })
    }

    /// Tags one normalized body.
    pub fn tag(&self, input: &TagInput<'_>) -> Tags {
        let body = input.body;
        // Built once and shared: every stage reports char spans, and the
        // rules and the word count read the same words.
        let index = text::CharIndex::new(body);
        let words = text::words(body);
        let sentences = self.sentences.split_bytes(body);
        let mut tags = Tags {
            sentences: sentences.iter().map(|&(s, e)| index.span(s, e)).collect(),
            language: self.language.detect(body),
            word_count: text::count_tokens(&words),
            ..Tags::default()
        };
        if let Some(rules) = &self.rules {
            rules.tag(input, &words, &index, &sentences, &mut tags);
        }
        tags
    }
}

impl Rules {
    /// `words` are the words of the body, `sentences` the byte spans of
    /// its sentences.
    fn tag(
        &self,
        input: &TagInput<'_>,
        words: &[text::Word],
        index: &text::CharIndex,
        sentences: &[(usize, usize)],
        tags: &mut Tags,
    ) {
        let body = input.body;
        let matches = self.gazetteer.find(body, words);
        let dateline_country = input
            .dateline_place
            .and_then(|p| self.place_country(p, input.dateline_region));
        let found = self.entities.find(
            body,
            words,
            &self.gazetteer,
            &matches,
            input.dateline_place,
            dateline_country.as_deref(),
            input.headline,
            index,
        );
        let entities = found.entities;

        // Person mentions in byte offsets for the quote rules.
        let mentions = found.mention_bytes.len();
        let mut people: Vec<PersonMention> = Vec::with_capacity(mentions);
        let mut class_spans: Vec<(&str, usize, usize)> = Vec::with_capacity(mentions);
        let mut spans = found.mention_bytes.as_slice();
        for (i, e) in entities.iter().enumerate() {
            let (own, rest) = spans.split_at(e.mentions.len().min(spans.len()));
            spans = rest;
            for &(s, t) in own {
                if e.kind == EntityKind::Person {
                    people.push(PersonMention {
                        start: s,
                        end: t,
                        entity: i,
                    });
                }
                if let Some(class) = found.classes[i] {
                    class_spans.push((class, s, t));
                }
            }
        }
        people.sort_by_key(|p| p.start);
        let name_of = |i: usize| entities.get(i).map(|e| e.text.clone()).unwrap_or_default();
        let sentence_starts: Vec<usize> = sentences.iter().map(|&(s, _)| s).collect();
        let quotes = self
            .quotes
            .find(body, &sentence_starts, &people, &name_of, index);
        let quantities = self.quantities.find(body, words, index);
        let topics = self.topics.score(body, &class_spans, index);
        tags.entities = entities;
        tags.quotes = quotes;
        tags.quantities = quantities;
        tags.topics = topics;
        tags.dateline_country = dateline_country;
    }

    /// Country code of a dateline place: the country of the region or
    /// country written after it ("VICTORIA, British Columbia"), else a
    /// country of that name, else the capital or largest city of that name.
    fn place_country(&self, place: &str, region: Option<&str>) -> Option<String> {
        let region_country = region
            .map(|r| match gazetteer::ap_state(r) {
                Some((state, len)) if len == r.len() => state,
                _ => r,
            })
            .and_then(|r| self.gazetteer.lookup(r))
            .and_then(|candidates| {
                candidates
                    .iter()
                    .find(|e| matches!(e.kind, EntryKind::Country | EntryKind::Region))
            })
            .and_then(|e| e.country_code.clone());
        if region_country.is_some() {
            return region_country;
        }
        let candidates = self.gazetteer.lookup(place.trim())?;
        let best = candidates
            .iter()
            .filter(|e| {
                matches!(
                    e.kind,
                    EntryKind::Country | EntryKind::City { .. } | EntryKind::Region
                )
            })
            .max_by(|a, b| dateline_rank(a).total_cmp(&dateline_rank(b)))?;
        best.country_code.clone()
    }
}

/// Datelines name cities: countries first, then capitals, then population.
fn dateline_rank(e: &gazetteer::Entry) -> f64 {
    match &e.kind {
        EntryKind::Country => 1e13,
        EntryKind::City {
            population,
            capital,
            ..
        } => *population as f64 + if *capital { 1e12 } else { 0.0 },
        _ => 1.0,
    }
}

/// The texts of each data file, embedded or read from a rules directory.
struct Sources<'a> {
    countries: &'a str,
    cities: &'a str,
    us_states: &'a str,
    regions: &'a str,
    orgs: &'a str,
    companies: &'a str,
    people: &'a str,
    first_names: &'a str,
    first_names_intl: &'a str,
    topics: &'a str,
}

impl<'a> Sources<'a> {
    fn embedded() -> Self {
        Sources {
            countries: embedded::COUNTRIES,
            cities: embedded::CITIES,
            us_states: embedded::US_STATES,
            regions: embedded::REGIONS,
            orgs: embedded::ORGS,
            companies: embedded::COMPANIES,
            people: embedded::PEOPLE,
            first_names: embedded::FIRST_NAMES,
            first_names_intl: embedded::FIRST_NAMES_INTL,
            topics: embedded::TOPICS,
        }
    }

    fn set(&mut self, name: &str, text: &'a str) {
        match name {
            "countries.tsv" => self.countries = text,
            "cities.tsv" => self.cities = text,
            "us_states.tsv" => self.us_states = text,
            "regions.tsv" => self.regions = text,
            "orgs.tsv" => self.orgs = text,
            "companies.tsv" => self.companies = text,
            "people.tsv" => self.people = text,
            "first_names.txt" => self.first_names = text,
            "first_names_intl.txt" => self.first_names_intl = text,
            _ => self.topics = text,
        }
    }
}

impl Default for Tagger {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn tagger() -> &'static Tagger {
        static TAGGER: OnceLock<Tagger> = OnceLock::new();
        TAGGER.get_or_init(|| match Tagger::from_embedded() {
            Ok(t) => t,
            Err(e) => panic!("embedded data: {e}"),
        })
    }

    fn found(text: &str) -> Vec<(EntityKind, String, Option<String>)> {
        let tags = tagger().tag(&TagInput {
            body: text,
            headline: None,
            dateline_place: None,
            dateline_region: None,
        });
        tags.entities
            .into_iter()
            .flat_map(|e| {
                let title = e.title.clone();
                e.mentions
                    .into_iter()
                    .map(move |m| (e.kind, m.text, title.clone()))
            })
            .collect()
    }

    /// The agency in a dateline's brackets is an organisation, listed or
    /// not; brackets elsewhere, or holding a date, are not an agency.
    #[test]
    fn a_datelines_agency_is_an_organisation() {
        let orgs = |body: &str, place: &str| -> Vec<String> {
            tagger()
                .tag(&TagInput {
                    body,
                    headline: None,
                    dateline_place: Some(place),
                    dateline_region: None,
                })
                .entities
                .into_iter()
                .filter(|e| e.kind == EntityKind::Organization)
                .map(|e| e.text)
                .collect()
        };
        assert_eq!(
            orgs("TARVONBURG (Velna) - Rain fell.", "Tarvonburg"),
            ["Velna"]
        );
        assert_eq!(
            orgs("OSTREVA, Valdania (Marel Press) — Rain fell.", "Ostreva"),
            ["Marel Press"]
        );
        assert_eq!(
            orgs("SAINT-VAREL (Velna) - Rain fell.", "Saint-Varel"),
            ["Velna"]
        );
        assert!(orgs("TARVONBURG - Rain fell (Velna) - on Monday.", "Tarvonburg").is_empty());
        assert!(orgs("TARVONBURG (May 3) - Rain fell.", "Tarvonburg").is_empty());
    }

    /// The region or country after a dateline's place decides its country
    /// (a US state's AP short form too), a listed town of that country
    /// opening with a title is the town, and a dateline place no list holds
    /// is a place.
    #[test]
    fn a_datelines_region_names_its_country() {
        // (body, place, region, country, places found)
        let cases: &[(&str, &str, &str, &str, &[&str])] = &[
            (
                "VICTORIA, British Columbia (Reuters) - Smoke reached Prince George on Monday.",
                "Victoria",
                "British Columbia",
                "CA",
                &["VICTORIA", "British Columbia", "Prince George"],
            ),
            (
                "TARVOLA, Calif. (AP) - The council voted on Monday.",
                "Tarvola",
                "Calif.",
                "US",
                &["TARVOLA", "Calif."],
            ),
            // A dateline place that holds a listed name is one place.
            (
                "EAST PALESTINE, Ohio (AP) - The council voted on Monday.",
                "East Palestine",
                "Ohio",
                "US",
                &["EAST PALESTINE", "Ohio"],
            ),
        ];
        for &(body, place, region, country, want) in cases {
            let tags = tagger().tag(&TagInput {
                body,
                headline: None,
                dateline_place: Some(place),
                dateline_region: Some(region),
            });
            assert_eq!(tags.dateline_country.as_deref(), Some(country), "{body}");
            let places: Vec<&str> = tags
                .entities
                .iter()
                .filter(|e| e.kind == EntityKind::Place)
                .map(|e| e.text.as_str())
                .collect();
            assert_eq!(places, want, "{body}");
        }
    }

    #[test]
    fn entity_rules_by_example() {
        use EntityKind::*;
        // (text, [(kind, surface, title)]) — every mention, in order.
        type Case<'a> = (&'a str, &'a [(EntityKind, &'a str, Option<&'a str>)]);
        let cases: &[Case] = &[
            // "Treasurer" is a title; two particles, or the Catalan "i",
            // inside a name, and the surname linked later; French passes
            // and squares; "Md." opens a name; a US state's short form
            // after a town.
            (
                "Treasurer Joel Marrick-Vane said José Luis Tarrega de la Vorta paid. Tarrega de la Vorta left. Spokesman Jordi Valmanya i Corbera agreed. Valmanya spoke.",
                &[
                    (Person, "Joel Marrick-Vane", Some("Treasurer")),
                    (Person, "José Luis Tarrega de la Vorta", None),
                    (Person, "Tarrega de la Vorta", None),
                    (Person, "Jordi Valmanya i Corbera", Some("Spokesman")),
                    (Person, "Valmanya", Some("Spokesman")),
                ],
            ),
            (
                "Mathieu van den Hoeck won atop the Col du Varnet, and Col. Anders Tovik met Md. Karim Sovhan on the Place de la Vorrine. They flew to Fresno, Calif., and Baltimore, Md. Lena Orvik said.",
                &[
                    (Person, "Mathieu van den Hoeck", None),
                    (Place, "Col du Varnet", None),
                    (Person, "Anders Tovik", Some("Col.")),
                    (Person, "Md. Karim Sovhan", None),
                    (Place, "Place de la Vorrine", None),
                    (Place, "Fresno", None),
                    (Place, "Calif.", None),
                    (Place, "Baltimore", None),
                    (Place, "Md.", None),
                    (Person, "Lena Orvik", None),
                ],
            ),
            // A title before a name of two particles; honorifics after a
            // title; a non-ASCII initial; works named for a titled person;
            // Italian connectors; "Sons" and "Farms" end company names;
            // "Major" is a title; a racing circuit.
            (
                "Interior Minister Mónica Tarva Olmedo de la Vorre met Plantation Minister Datuk Seri Azlan Kerimov and Lars Ø. Tovikstad at the King Tarvan Canal. Banca Popolare di Varvena, Ruskin Sons and Orvel Family Farms paid. Major Kaisa Tovik drove to the Autódromo Hermanos Varela.",
                &[
                    (
                        Person,
                        "Mónica Tarva Olmedo de la Vorre",
                        Some("Interior Minister"),
                    ),
                    (Person, "Azlan Kerimov", Some("Plantation Minister")),
                    (Person, "Lars Ø. Tovikstad", None),
                    (Place, "King Tarvan Canal", None),
                    (Organization, "Banca Popolare di Varvena", None),
                    (Organization, "Ruskin Sons", None),
                    (Organization, "Orvel Family Farms", None),
                    (Person, "Kaisa Tovik", Some("Major")),
                    (Place, "Autódromo Hermanos Varela", None),
                ],
            ),
            // "Administrator" and "Manager" are titles; a Louisiana parish
            // is a place; a chip foundry's name runs on to
            // "Manufacturing"; "Englishman" is a nationality.
            (
                "FEMA Administrator Karen Velloway flew over Tarvo Parish. Norvane Semiconductor Manufacturing paid. Englishman Tom Ashcombe won.",
                &[
                    (Organization, "FEMA", None),
                    (Person, "Karen Velloway", Some("Administrator")),
                    (Place, "Tarvo Parish", None),
                    (Organization, "Norvane Semiconductor Manufacturing", None),
                    (Nationality, "Englishman", None),
                    (Person, "Tom Ashcombe", None),
                ],
            ),
            // Builders, pollsters and cartels; a portfolio of two fields
            // in a title; a nationality that is also a given name.
            (
                "Minister of Water Resources and Irrigation Hany Varelo said Siam Tarvo Construction, Orvana Research and the Lerma Cartel paid. Dane Magnus Terkelsen won.",
                &[
                    (
                        Person,
                        "Hany Varelo",
                        Some("Minister of Water Resources and Irrigation"),
                    ),
                    (Organization, "Siam Tarvo Construction", None),
                    (Organization, "Orvana Research", None),
                    (Organization, "Lerma Cartel", None),
                    (Nationality, "Dane", None),
                    (Person, "Magnus Terkelsen", None),
                ],
            ),
            // A capitalised particle inside a name, and the Welsh "ap";
            // "Jr." keeps its period; a company noun; a "Management"
            // tail; a name with an elided particle.
            (
                "Kristof Van den Horvaet met Rhodri ap Gwyndor and Rodolfo Bautisca Jr. on Monday. Van den Horvaet and ap Gwyndor then saw distributor Vorel Power. Tarrow Sports Management declined. Gerald d'Entrevaux said so.",
                &[
                    (Person, "Kristof Van den Horvaet", None),
                    (Person, "Van den Horvaet", None),
                    (Person, "Rhodri ap Gwyndor", None),
                    (Person, "ap Gwyndor", None),
                    (Person, "Rodolfo Bautisca Jr.", None),
                    (Organization, "Vorel Power", None),
                    (Organization, "Tarrow Sports Management", None),
                    (Person, "Gerald d'Entrevaux", None),
                ],
            ),
            // A title ends a body's name after "of"; "Md" without its
            // period opens a name; "bint" and a capitalised Irish "Ó" are
            // particles, "Ó" also in the later mention.
            (
                "Ministry of Finance Secretary Tarvo Lindqvist met Md Rafiqul Varshan, Hamoud bin Salim Al Tarvani and Cian Ó Ceallvaigh. Ó Ceallvaigh left.",
                &[
                    (Organization, "Ministry of Finance", None),
                    (Person, "Tarvo Lindqvist", Some("Secretary")),
                    (Person, "Md Rafiqul Varshan", None),
                    (Person, "Hamoud bin Salim Al Tarvani", None),
                    (Person, "Cian Ó Ceallvaigh", None),
                    (Person, "Ó Ceallvaigh", None),
                ],
            ),
            // A member's letters before a name are a title, after it no
            // part of the name.
            (
                "Labour MP Sarah Tolvane and Congress MLA Ramesh Varvasa met Tom Arkell MP.",
                &[
                    (Organization, "Labour", None),
                    (Person, "Sarah Tolvane", Some("MP")),
                    (Organization, "Congress", None),
                    (Person, "Ramesh Varvasa", Some("MLA")),
                    (Person, "Tom Arkell", None),
                ],
            ),
            // "Collector" is a title; "Sound" and "Prison" end place
            // names, "Sound" also after a title and name; "Calle" opens one.
            (
                "District Collector Tushar Vasdane said ships left King Tarvo Sound for Velmar Prison on Calle Varena.",
                &[
                    (Person, "Tushar Vasdane", Some("District Collector")),
                    (Place, "King Tarvo Sound", None),
                    (Place, "Velmar Prison", None),
                    (Place, "Calle Varena", None),
                ],
            ),
            // Two fields in a portfolio, the first of one word.
            (
                "Minister of Energy and Mines Jorge Telvaro spoke.",
                &[(
                    Person,
                    "Jorge Telvaro",
                    Some("Minister of Energy and Mines"),
                )],
            ),
            // A listed place opening a title is a place; "Cpl." is a
            // title; "ole" and "do" sit inside names; an unknown word
            // closing a list after listed clubs is a club.
            (
                "Osaka Governor Hiro Tanevu met Cpl. Anil Verkade, Governor Daniel ole Sarkeno and the Observatório do Verde. Cardiff Rugby, Ospreys and Tarvens agreed.",
                &[
                    (Place, "Osaka", None),
                    (Person, "Hiro Tanevu", Some("Osaka Governor")),
                    (Person, "Anil Verkade", Some("Cpl.")),
                    (Person, "Daniel ole Sarkeno", Some("Governor")),
                    (Organization, "Observatório do Verde", None),
                    (Organization, "Cardiff Rugby", None),
                    (Organization, "Ospreys", None),
                    (Organization, "Tarvens", None),
                ],
            ),
            // A listed body of several words after "Office of the" is the
            // rest of the name; two names with the same tail around an
            // "and" are two, tails inside the second one or not.
            (
                "The Office of the United Nations High Commissioner for Refugees praised Varnoa Commercial Bank and Kelto Trust Bank.",
                &[
                    (
                        Organization,
                        "Office of the United Nations High Commissioner for Refugees",
                        None,
                    ),
                    (Organization, "Varnoa Commercial Bank", None),
                    (Organization, "Kelto Trust Bank", None),
                ],
            ),
            // Shipping lines, insurers and chipmakers; a title word that
            // opens a tail does not end the name before it.
            (
                "Patients went to Varo North General Hospital. Korvane Orient Lines, Tarsel Marine Underwriters and Norvane Semiconductor paid.",
                &[
                    (Organization, "Varo North General Hospital", None),
                    (Organization, "Korvane Orient Lines", None),
                    (Organization, "Tarsel Marine Underwriters", None),
                    (Organization, "Norvane Semiconductor", None),
                ],
            ),
            // A generation's numeral is no later mention of a king; a
            // hyphen standing alone after a dateline opens a sentence, so
            // a city named like a common word is no place there.
            (
                "LONDON (Reuters) - Police said a Phase III trial of the drug began.",
                &[(Place, "LONDON", None), (Organization, "Reuters", None)],
            ),
            // After "said": a garment maker and a storm are no person.
            (
                "The inquiry said Rupsa Tarel Apparels was not licensed, and the weather office said Typhoon Keroma was weakening.",
                &[],
            ),
            (
                "A fire at Rupsa Tarel Apparels Ltd killed 12. The inquiry said Rupsa Tarel Apparels was not licensed.",
                &[
                    (Organization, "Rupsa Tarel Apparels Ltd", None),
                    (Organization, "Rupsa Tarel Apparels", None),
                ],
            ),
            // Foreign heads of broadcasters, agencies and companies.
            (
                "Telewizja Narvo aired the vote. Agence Marvelle de Santé paid Société Varnet.",
                &[
                    (Organization, "Telewizja Narvo", None),
                    (Organization, "Agence Marvelle de Santé", None),
                    (Organization, "Société Varnet", None),
                ],
            ),
            (
                "Counsel assisting, Marta Vellin SC, questioned the Tarvo Water Regulator. Vellin said more.",
                &[
                    (Person, "Marta Vellin", None),
                    (Person, "Vellin", None),
                    (Organization, "Tarvo Water Regulator", None),
                ],
            ),
            (
                "Brokers at Orvalen Menkul Değerler A.Ş. and Nilora Shipping Services S.A.E. bought shares.",
                &[
                    (Organization, "Orvalen Menkul Değerler A.Ş.", None),
                    (Organization, "Nilora Shipping Services S.A.E.", None),
                ],
            ),
            (
                "A unit of Grupo Tarsen S.A. de C.V. paid the fine.",
                &[(Organization, "Grupo Tarsen S.A. de C.V.", None)],
            ),
            (
                "Sen. Alex Padilla met Lt. Gov. Eleni Kounalakis.",
                &[
                    (Person, "Alex Padilla", Some("Sen.")),
                    (Person, "Eleni Kounalakis", Some("Lt. Gov.")),
                ],
            ),
            (
                "He cited John F. Kennedy on Monday.",
                &[(Person, "John F. Kennedy", None)],
            ),
            (
                "The Federal Emergency Management Agency (FEMA) said FEMA would help.",
                &[
                    (Organization, "Federal Emergency Management Agency", None),
                    (Organization, "FEMA", None),
                    (Organization, "FEMA", None),
                ],
            ),
            (
                "Fires reached Santa Cruz on Friday.",
                &[(Place, "Santa Cruz", None)],
            ),
            (
                "Roads in Tana River were closed.",
                &[(Place, "Tana River", None)],
            ),
            ("Deaths in Sindh province rose.", &[(Place, "Sindh", None)]),
            (
                "The fintech company Flutterwave grew.",
                &[(Organization, "Flutterwave", None)],
            ),
            (
                "Kremlin spokesman Dmitry Peskov declined to comment.",
                &[
                    (Organization, "Kremlin", None),
                    (Person, "Dmitry Peskov", Some("spokesman")),
                ],
            ),
            (
                "A railway to Ho Chi Minh City opens.",
                &[(Place, "Ho Chi Minh City", None)],
            ),
            ("Typhoon Kong-rey hit land.", &[]),
            (
                "She studied at Johns Hopkins University.",
                &[(Organization, "Johns Hopkins University", None)],
            ),
            (
                "He teaches at the University of Toronto.",
                &[(Organization, "University of Toronto", None)],
            ),
            (
                "The U.S. Embassy in Moscow objected.",
                &[
                    (Organization, "U.S. Embassy", None),
                    (Place, "Moscow", None),
                ],
            ),
            ("Let us go to the apple store.", &[]),
            (
                "Crowds at Union Station marked Independence Day; the Supreme Court on Monday ruled.",
                &[
                    (Place, "Union Station", None),
                    (Organization, "Supreme Court", None),
                ],
            ),
            (
                "The Federal Reserve Bank of New York and Amazon Web Services said so.",
                &[
                    (Organization, "Federal Reserve Bank of New York", None),
                    (Organization, "Amazon Web Services", None),
                ],
            ),
            (
                "Midfielder Tommaso Ferri scored.",
                &[(Person, "Tommaso Ferri", Some("Midfielder"))],
            ),
            (
                "Co-author Tadeusko Rao of Leiden University agreed.",
                &[
                    (Person, "Tadeusko Rao", Some("Co-author")),
                    (Organization, "Leiden University", None),
                ],
            ),
            (
                "British retailer Marks and Spencer said sales rose.",
                &[
                    (Nationality, "British", None),
                    (Organization, "Marks and Spencer", None),
                ],
            ),
            (
                "Prices rose, said Priya Raman, an economist at Berenberg.",
                &[
                    (Person, "Priya Raman", Some("economist")),
                    (Organization, "Berenberg", None),
                ],
            ),
            (
                "The far-right Chega party came second.",
                &[(Organization, "Chega", None)],
            ),
            (
                "The governing National People's Power won.",
                &[(Organization, "National People's Power", None)],
            ),
            (
                "He voted for the Vekara Sandanaya Balawegaya in Kandy.",
                &[(Place, "Kandy", None)],
            ),
            (
                "Safaricom, the country's biggest telecoms operator, said so.",
                &[(Organization, "Safaricom", None)],
            ),
            (
                "Arsenal host Chelsea at the Emirates Stadium after a 2-0 win in the league.",
                &[
                    (Organization, "Arsenal", None),
                    (Organization, "Chelsea", None),
                    (Place, "Emirates Stadium", None),
                ],
            ),
            (
                "Bologna beat Genoa 2-1 and the coach said Genoa host Lecce in Bologna next.",
                &[
                    (Organization, "Bologna", None),
                    (Organization, "Genoa", None),
                    (Organization, "Genoa", None),
                    (Organization, "Lecce", None),
                    (Place, "Bologna", None),
                ],
            ),
            // A national team's list, its players and games, "the" before
            // it, and its other mentions; the country where the story puts
            // something in it, and a dateline's country.
            (
                "OSLO, Norway (AP) - Norway beat the Netherlands 3-1 and have \
                 beaten Austria and Poland this year. The Netherlands had \
                 won 2-0 in Austria before the Norway game, and a former \
                 Poland striker plays his club football for Lens.",
                &[
                    (Place, "OSLO", None),
                    (Place, "Norway", None),
                    (Organization, "AP", None),
                    (Organization, "Norway", None),
                    (Organization, "Norway", None),
                    (Organization, "Netherlands", None),
                    (Organization, "Netherlands", None),
                    (Organization, "Austria", None),
                    (Organization, "Poland", None),
                    (Organization, "Poland", None),
                    (Place, "Austria", None),
                    (Organization, "Lens", None),
                ],
            ),
            // A national side ranked against others, before what a side
            // does, and as the subject of a match verb; not before a
            // possessive.
            (
                "SUVA (Reuters) - Fiji came from behind to beat Samoa 24-17 on \
                 Saturday. Samoa trailed 10-3 at half-time, and the result \
                 leaves Fiji two points clear of Tonga.",
                &[
                    (Place, "SUVA", None),
                    (Organization, "Reuters", None),
                    (Organization, "Fiji", None),
                    (Organization, "Fiji", None),
                    (Organization, "Samoa", None),
                    (Organization, "Samoa", None),
                    (Organization, "Tonga", None),
                ],
            ),
            (
                "Fiji beat Samoa 24-17 in the league match. Anna Vake finished behind \
                 Tonga's Maria Lui.",
                &[
                    (Organization, "Fiji", None),
                    (Organization, "Samoa", None),
                    (Person, "Anna Vake", None),
                    (Place, "Tonga", None),
                    (Person, "Maria Lui", None),
                ],
            ),
            // Museums, galleries and libraries; a body "on" a mountain is
            // not named for it.
            (
                "Loans came from the Harbin Lantern Museum, the Museum of \
                 Northern Crafts and the Lakeshore Art Gallery. The Vega \
                 Observatory on Cerro Tolar opened a library.",
                &[
                    (Organization, "Harbin Lantern Museum", None),
                    (Organization, "Museum of Northern Crafts", None),
                    (Organization, "Lakeshore Art Gallery", None),
                    (Organization, "Vega Observatory", None),
                    (Place, "Cerro Tolar", None),
                ],
            ),
            // An office holder's office is a body; a listed country's
            // possessive stays outside.
            (
                "A spokesman for the Solicitor General's Office, the \
                 Anti-Fraud Prosecutor's Office and the Prosecutor's Office for \
                 Economic Crimes said Peru's Office of the Comptroller agreed.",
                &[
                    (Organization, "Solicitor General's Office", None),
                    (Organization, "Anti-Fraud Prosecutor's Office", None),
                    (
                        Organization,
                        "Prosecutor's Office for Economic Crimes",
                        None,
                    ),
                    (Place, "Peru", None),
                    (Organization, "Office of the Comptroller", None),
                ],
            ),
            // Two given names and two surnames; both surnames later, and
            // the first alone.
            (
                "Police detained José Manuel Quintero Arvizu on Monday. \
                 Quintero Arvizu denied it, and Quintero will appear in court.",
                &[
                    (Person, "José Manuel Quintero Arvizu", None),
                    (Person, "Quintero Arvizu", None),
                    (Person, "Quintero", None),
                ],
            ),
            // A portfolio after "for" ends where two words no English
            // word opens are left: the name.
            (
                "Minister for Regional Integration Ilinca Vornicu spoke.",
                &[(
                    Person,
                    "Ilinca Vornicu",
                    Some("Minister for Regional Integration"),
                )],
            ),
            // A bank's markets arm; a law named for a body is no body.
            (
                "Analysts at Harlow Capital Markets said the Farmers Bank Act \
                 would pass.",
                &[(Organization, "Harlow Capital Markets", None)],
            ),
            // A government named with two words or more, not a country's.
            (
                "The Autonomous Rivers Government said the New Zealand \
                 Government and the Federal Government agreed.",
                &[
                    (Organization, "Autonomous Rivers Government", None),
                    (Place, "New Zealand", None),
                ],
            ),
            // Kalenjin names make a person of the unknown words around
            // them, an everyday given name included.
            (
                "Grace Kipruto beat Joy Chepleting Aroni and Kiprop Lemaiyan.",
                &[
                    (Person, "Grace Kipruto", None),
                    (Person, "Joy Chepleting Aroni", None),
                    (Person, "Kiprop Lemaiyan", None),
                ],
            ),
            // Legal forms of more countries; a legal form closes a name
            // before "and".
            (
                "Shares of Vesi Eesti AS and Norra Cable Oy rose, and Altyn \
                 Mining CJSC fell.",
                &[
                    (Organization, "Vesi Eesti AS", None),
                    (Organization, "Norra Cable Oy", None),
                    (Organization, "Altyn Mining CJSC", None),
                ],
            ),
            // A company's name before a plural is its club in a sports
            // story.
            (
                "Samsung Falcons beat the Hyundai Otters 5-3 in the league.",
                &[
                    (Organization, "Samsung Falcons", None),
                    (Organization, "Hyundai Otters", None),
                ],
            ),
            // A place named for a saint is not the place of the name.
            (
                "Farmers in St. Elizabeth and Saint Marlow lost crops.",
                &[
                    (Place, "St. Elizabeth", None),
                    (Place, "Saint Marlow", None),
                ],
            ),
            // A region standing for its people; a country stays a place.
            (
                "Pacific leaders met in Suva, and Kenya leaders in Nairobi.",
                &[
                    (Place, "Suva", None),
                    (Place, "Kenya", None),
                    (Place, "Nairobi", None),
                ],
            ),
            // A disease named for a place, and the place elsewhere.
            (
                "Cases of Marburg virus rose. Outbreaks of Marburg are rare, \
                 said a doctor in Marburg.",
                &[(Place, "Marburg", None)],
            ),
            // A town written without its listed hyphen or soft sign, or
            // with an apostrophe for its turned comma.
            (
                "Storms hit Port Vila and Nuku'alofa, and ships left Chornomorsk.",
                &[
                    (Place, "Port Vila", None),
                    (Place, "Nuku'alofa", None),
                    (Place, "Chornomorsk", None),
                ],
            ),
            // A transfer story is a sports story without a score.
            (
                "The club signed striker Tomás Ibarra from Nacional, and coach Ana Ruiz \
                 said he captained Uruguay and scored nine goals in 31 league matches \
                 for Nacional.",
                &[
                    (Person, "Tomás Ibarra", Some("striker")),
                    (Organization, "Nacional", None),
                    (Organization, "Nacional", None),
                    (Person, "Ana Ruiz", Some("coach")),
                    (Organization, "Uruguay", None),
                ],
            ),
            // Chinese names in pinyin, family name first, and the family name
            // alone later; English after a family name is no given name.
            (
                "Shi Yuqi beat Lin Chunyi in the final. Shi said the Fan Zone was full.",
                &[
                    (Person, "Shi Yuqi", None),
                    (Person, "Shi", None),
                    (Person, "Lin Chunyi", None),
                ],
            ),
            // A broadcaster named after "Radio", after a verb of telling.
            (
                "\"We will pay,\" Minister Rosa Ibarra told Radio Zonda.",
                &[
                    (Person, "Rosa Ibarra", Some("Minister")),
                    (Organization, "Radio Zonda", None),
                ],
            ),
            // An undersecretary is a title; a company's legal form ends its
            // name before "of" and its town.
            (
                "Undersecretary Lourdes Vega said Kestrel Metals AG of Zug would appeal.",
                &[
                    (Person, "Lourdes Vega", Some("Undersecretary")),
                    (Organization, "Kestrel Metals AG", None),
                    (Place, "Zug", None),
                ],
            ),
            // A rugby position before a name; a salt flat named in Spanish.
            (
                "Fullback Tomasi Vaka scored twice. Lithium brine is pumped from the \
                 Salar de Ollagüe.",
                &[
                    (Person, "Tomasi Vaka", Some("Fullback")),
                    (Place, "Salar de Ollagüe", None),
                ],
            ),
            // "of the" and a country closes a name that ends with it.
            (
                "The National Grid Corporation of the Philippines said power was restored.",
                &[(
                    Organization,
                    "National Grid Corporation of the Philippines",
                    None,
                )],
            ),
            (
                "The minister will visit Lyon and face critics in Paris.",
                &[(Place, "Lyon", None), (Place, "Paris", None)],
            ),
            (
                "Hakan Fidan met Wang Yi in Ankara.",
                &[
                    (Person, "Hakan Fidan", Some("foreign minister")),
                    (Person, "Wang Yi", Some("Foreign Minister")),
                    (Place, "Ankara", None),
                ],
            ),
            // A title word inside unknown names; a lake named for a
            // titled person; "Against" in a body's name; canyons, drives
            // and palaces; roads by number; a bank's name ends before
            // "and"; the upper part of a place; a market's "weekly"; a
            // city opening its airport's name.
            (
                "Manpower Minister Tavorli said Lady Varn Lake froze.",
                &[
                    (Person, "Tavorli", Some("Manpower Minister")),
                    (Place, "Lady Varn Lake", None),
                ],
            ),
            (
                "The Tarvik Coalition Against Dredging met near Orvel Canyon Drive and the Belvar Palace.",
                &[
                    (Organization, "Tarvik Coalition Against Dredging", None),
                    (Place, "Orvel Canyon Drive", None),
                    (Place, "Belvar Palace", None),
                ],
            ),
            (
                "Traffic on U.S. Highway 36 and Interstate 20 stopped. Varmond National Bank and Tessel Capital led the sale.",
                &[
                    (Place, "U.S. Highway 36", None),
                    (Place, "Interstate 20", None),
                    (Organization, "Varmond National Bank", None),
                    (Organization, "Tessel Capital", None),
                ],
            ),
            // "Magistrate" is a title; a royal title before a street; a
            // listed town's "City Hall" is a place and its "City Court"
            // a body; a capitol.
            (
                "Magistrate Irma Valdane said. Fans lined Queen Street. Officials met at Busan City Hall before the Minsk City Court ruled near the Texas Capitol.",
                &[
                    (Person, "Irma Valdane", Some("Magistrate")),
                    (Place, "Queen Street", None),
                    (Place, "Busan City Hall", None),
                    (Organization, "Minsk City Court", None),
                    (Place, "Texas Capitol", None),
                ],
            ),
            // A second field after "and" ("and the Environment", "and
            // Trade"); a place named with "U.S." before it; a foreign
            // head; place heads with "of", and more place tails.
            (
                "The Varnholm Institute for Public Health and the Environment said. The Ministry of Foreign Affairs and Trade met refiners of the U.S. Gulf Coast at the Politecnico di Varno.",
                &[
                    (
                        Organization,
                        "Varnholm Institute for Public Health and the Environment",
                        None,
                    ),
                    (Organization, "Ministry of Foreign Affairs and Trade", None),
                    (Place, "U.S. Gulf Coast", None),
                    (Organization, "Politecnico di Varno", None),
                ],
            ),
            (
                "Guards stood at the Palace of Justice in the Province of Varnella, near Orvel Lakes, the Tessin Tunnel, the Great Varnish Plain, Orvel Castle and the Tessin Range.",
                &[
                    (Place, "Palace of Justice", None),
                    (Place, "Province of Varnella", None),
                    (Place, "Orvel Lakes", None),
                    (Place, "Tessin Tunnel", None),
                    (Place, "Great Varnish Plain", None),
                    (Place, "Orvel Castle", None),
                    (Place, "Tessin Range", None),
                ],
            ),
            // "Chairperson" is a title; "Port", "Boulevard" and "Palais"
            // open place names, and circuits, creeks and German streets
            // end them.
            (
                "Chairperson Tavo Renn drove from Port Varnby along Boulevard Saint-Orvel past the Palais Tessier to the Varnby Street Circuit, Orvel Creek and Tessiner Gasse.",
                &[
                    (Person, "Tavo Renn", Some("Chairperson")),
                    (Place, "Port Varnby", None),
                    (Place, "Boulevard Saint-Orvel", None),
                    (Place, "Palais Tessier", None),
                    (Place, "Varnby Street Circuit", None),
                    (Place, "Orvel Creek", None),
                    (Place, "Tessiner Gasse", None),
                ],
            ),
            // Dams end place names; an elided particle after "Col"; Spanish
            // and Malay street words, and "and" between two streets; a
            // listed body before "and".
            (
                "Varnholt Dam fed the Col d'Orvane near Paseo de la Varela and Jalan Tembusu. Shares of BP and Varnhold Energy rose.",
                &[
                    (Place, "Varnholt Dam", None),
                    (Place, "Col d'Orvane", None),
                    (Place, "Paseo de la Varela", None),
                    (Place, "Jalan Tembusu", None),
                    (Organization, "BP", None),
                    (Organization, "Varnhold Energy", None),
                ],
            ),
            (
                "Farmers in Upper Egypt sold tea at the weekly Mombasa tea auction. Flights at Addis Ababa Varto International Airport resumed.",
                &[
                    (Place, "Upper Egypt", None),
                    (Place, "Mombasa", None),
                    (Place, "Addis Ababa Varto International Airport", None),
                ],
            ),
        ];
        for (text, want) in cases {
            let want: Vec<(EntityKind, String, Option<String>)> = want
                .iter()
                .map(|(k, s, t)| (*k, s.to_string(), t.map(str::to_string)))
                .collect();
            assert_eq!(found(text), want, "{text}");
        }
    }

    #[test]
    fn topics_by_example() {
        // (text, qcodes that must be among the topics)
        let cases: &[(&str, &[&str])] = &[
            (
                "Police fired tear gas at protesters as demonstrators clashed with police; a curfew was imposed.",
                &["medtop:20000065"],
            ),
            (
                "Troops pushed an offensive under heavy shelling and airstrikes as the war entered its third year.",
                &["medtop:16000000", "medtop:20000056"],
            ),
            (
                "The central bank raised interest rates as inflation and unemployment rose and stocks fell.",
                &["medtop:04000000"],
            ),
        ];
        for (text, want) in cases {
            let tags = tagger().tag(&TagInput {
                body: text,
                headline: None,
                dateline_place: None,
                dateline_region: None,
            });
            for q in *want {
                assert!(
                    tags.topics.iter().any(|t| t.qcode == *q),
                    "{text}: {q} not in {:?}",
                    tags.topics
                );
            }
        }
    }

    #[test]
    fn rules_dir_overrides_and_bad_rules_fail() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join("orgs.tsv"),
            "Acme Widgets\tAcme\tUS\tcompany\n",
        )
        .expect("write");
        let t = Tagger::from_rules_dir(dir.path()).expect("builds");
        let tags = t.tag(&TagInput {
            body: "Acme said profits rose.",
            headline: None,
            dateline_place: None,
            dateline_region: None,
        });
        assert_eq!(tags.entities[0].canonical, "Acme Widgets");
        assert!(t.protected_names().any(|n| n == "Acme"));
        std::fs::write(
            dir.path().join("cities.tsv"),
            "Nowhere\tXX\tmany\t1\t0\t0\n",
        )
        .expect("write");
        assert!(matches!(
            Tagger::from_rules_dir(dir.path()),
            Err(TagError::Data { .. })
        ));
        assert!(Tagger::from_rules_dir(&dir.path().join("missing")).is_err());
    }
}
