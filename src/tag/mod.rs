//! Tagging: entities, topics, quotes, quantities and language, read off the
//! normalized text. Pure and synchronous; built once at start-up from the
//! data files and shared read-only. Knows nothing of the repair passes: what
//! it needs from them (the dateline place) arrives as plain values.

pub mod language;
pub mod sentences;

use serde::Serialize;

use crate::span::Span;

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
}

/// The input the tagger reads.
pub struct TagInput<'a> {
    pub body: &'a str,
    pub headline: Option<&'a str>,
    /// The dateline place as written in the body ("Washington").
    pub dateline_place: Option<&'a str>,
}

/// The tagger: compiled data and rules.
pub struct Tagger {
    sentences: sentences::SentenceSplitter,
    language: language::LanguageDetector,
}

impl Tagger {
    /// Builds the tagger from its data. Fails on bad rules or data.
    pub fn new() -> Self {
        Tagger {
            sentences: sentences::SentenceSplitter::new(),
            language: language::LanguageDetector::new(),
        }
    }

    /// Tags one normalized body.
    pub fn tag(&self, input: &TagInput<'_>) -> Tags {
        Tags {
            sentences: self.sentences.split(input.body),
            language: self.language.detect(input.body),
            ..Tags::default()
        }
    }
}

impl Default for Tagger {
    fn default() -> Self {
        Self::new()
    }
}
