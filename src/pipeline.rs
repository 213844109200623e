//! decode → normalize → tag → encode, synchronous and pure.
//!
//! The pipeline sees bytes and a little metadata and returns a record; it
//! never sees NATS, tokio, the clock or the environment. The worker stamps the
//! time it passes in and the duration it measured around the call, which keeps
//! output deterministic for the same input, rules and stamp.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use crate::article::{
    self, AltId, Article, Body, DatelineInfo, DecodeError, Enrichment, Limits, Named, Ninjs,
    NormalizationInfo, NormalizationTotals, Offsets, PipelineInfo, Record, SourceInfo, Standard,
    Subject, TextValue,
};
use crate::normalize::{Normalizer, Resources};
use crate::tag::{EntityKind, TagInput, Tagger};

/// Name and version written into every record.
pub const PIPELINE_NAME: &str = "wire-enricher";
pub const PIPELINE_VERSION: &str = env!("CARGO_PKG_VERSION");
/// Version of the record layout (`enrichment.schemaVersion`).
pub const SCHEMA_VERSION: &str = "1.0";

/// How many topics go into `ninjs.subjects`, and the least score they need.
const MAX_SUBJECTS: usize = 5;
const MIN_SUBJECT_SCORE: f32 = 0.2;
/// Entities at or above this salience are what the story is `about`.
const ABOUT_SALIENCE: f32 = 0.5;

/// Why the pipeline could not be built.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("cannot load the lexicon")]
    Lexicon(#[source] crate::normalize::lexicon::LexiconError),
    #[error("cannot load the tagging rules")]
    Rules(#[source] crate::tag::TagError),
}

/// Facts about a message that come from outside the payload.
#[derive(Debug, Clone, Default)]
pub struct Meta<'a> {
    /// Subject the message arrived on.
    pub subject: Option<&'a str>,
    /// Sequence in the input stream (JetStream only).
    pub stream_sequence: Option<u64>,
    /// The inbound `Nats-Msg-Id` header.
    pub msg_id: Option<&'a str>,
    /// RFC 3339 time the worker stamps as `processedAt`.
    pub processed_at: &'a str,
}

/// A processed article, ready to encode and publish.
#[derive(Debug, Clone)]
pub struct Enriched {
    pub record: Record,
    /// `Nats-Msg-Id` for the output: `<uri>@<16 hex of the body sha256>`.
    pub msg_id: String,
    /// Subject-safe source name ("ap"), for the output subject template.
    pub source: String,
    /// Language code or "und", for the output subject template.
    pub lang: String,
    /// Top topic code ("11000000") or "none", for the output subject template.
    pub topic: String,
}

/// The pipeline: everything compiled once and shared read-only.
pub struct Pipeline {
    normalizer: Normalizer,
    tagger: Tagger,
    limits: Limits,
    rules_version: String,
}

impl Pipeline {
    /// Builds the pipeline with the embedded data and rules.
    ///
    /// The embedded data is checked by the test suite, so this cannot fail
    /// in a released build; should it ever, the repair passes that need the
    /// lexicon stay idle rather than the worker refusing to start.
    pub fn new(limits: Limits) -> Self {
        match Self::build(limits, None) {
            Ok(pipeline) => pipeline,
            Err(_) => Self::assemble(limits, Resources::default(), Tagger::new()),
        }
    }

    /// Builds the pipeline; rule files in `rules_dir` replace the embedded
    /// ones. Bad data or rules fail here, at start-up or reload, never on a
    /// message.
    pub fn build(limits: Limits, rules_dir: Option<&Path>) -> Result<Self, BuildError> {
        let resources = Resources::standard().map_err(BuildError::Lexicon)?;
        let tagger = match rules_dir {
            Some(dir) => Tagger::from_rules_dir(dir),
            None => Tagger::from_embedded(),
        }
        .map_err(BuildError::Rules)?;
        Ok(Self::assemble(limits, resources, tagger))
    }

    fn assemble(limits: Limits, mut resources: Resources, tagger: Tagger) -> Self {
        // Gazetteer names are never "repaired".
        resources.protect(tagger.protected_names());
        resources
            .proper
            .extend(tagger.proper_names().map(str::to_string));
        resources
            .first_names
            .extend(tagger.first_names().map(str::to_lowercase));
        Pipeline {
            normalizer: Normalizer::new(Arc::new(resources)),
            // The `version` declared by the topic rules file in use.
            rules_version: tagger.rules_version().to_string(),
            tagger,
            limits,
        }
    }

    /// The repair stage, with the gazetteer names it protects.
    pub fn normalizer(&self) -> &Normalizer {
        &self.normalizer
    }

    /// The tagging stage.
    pub fn tagger(&self) -> &Tagger {
        &self.tagger
    }

    /// The version of the tagging rules in use.
    pub fn rules_version(&self) -> &str {
        &self.rules_version
    }

    /// The limits this pipeline decodes with.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Decodes, repairs and tags one payload.
    pub fn process(&self, payload: &[u8], meta: &Meta<'_>) -> Result<Enriched, DecodeError> {
        let article = article::decode(payload, meta.msg_id, &self.limits)?;
        Ok(self.enrich(article, payload.len(), meta))
    }

    /// Repairs and tags a decoded article.
    pub fn enrich(&self, article: Article, raw_len: usize, meta: &Meta<'_>) -> Enriched {
        let mut normalized = self.normalizer.normalize(&article.body);
        let headline = article
            .headline
            .as_deref()
            .map(str::trim)
            .filter(|h| !h.is_empty());
        let mut tags = self.tagger.tag(&TagInput {
            body: &normalized.text,
            headline,
            dateline_place: normalized.dateline.as_ref().map(|d| d.place.as_str()),
            dateline_region: normalized
                .dateline
                .as_ref()
                .and_then(|d| d.region.as_deref()),
        });
        let mut warnings = std::mem::take(&mut normalized.warnings);
        if let Some(warning) = cap_entities(&mut tags, self.limits.max_entities) {
            warnings.push(warning);
        }

        let source = source_name(article.source.as_deref(), meta.subject);
        let uri = record_uri(&article.id, &source);
        let msg_id = article.output_msg_id(&uri);
        let language = article
            .language
            .clone()
            .or_else(|| tags.language.as_ref().map(|l| l.code.clone()));
        let time = article
            .published_at
            .as_deref()
            .filter(|t| is_rfc3339(t))
            .unwrap_or(meta.processed_at)
            .to_string();

        // Counted by borrowed name: one string per rule, not per edit.
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for edit in &normalized.edits {
            *counts.entry(edit.rule.as_str()).or_insert(0) += 1;
        }
        let by_rule: BTreeMap<String, usize> = counts
            .into_iter()
            .map(|(rule, n)| (rule.to_string(), n))
            .collect();
        let totals = NormalizationTotals {
            edits: normalized.edits.len(),
            by_rule,
            raw_chars: article.body.chars().count(),
            normalized_chars: normalized.text.chars().count(),
        };

        let named = |kind: EntityKind| -> Vec<Named> {
            tags.entities
                .iter()
                .filter(|e| e.kind == kind)
                .map(|e| Named {
                    name: e.canonical.clone(),
                    rel: if e.salience >= ABOUT_SALIENCE {
                        "about"
                    } else {
                        "mentions"
                    },
                    uri: e.uri.clone(),
                })
                .collect()
        };
        let subjects: Vec<Subject> = tags
            .topics
            .iter()
            .filter(|t| t.score >= MIN_SUBJECT_SCORE)
            .take(MAX_SUBJECTS)
            .map(|t| {
                let code = t.qcode.trim_start_matches("medtop:");
                Subject {
                    uri: format!("http://cv.iptc.org/newscodes/mediatopic/{code}"),
                    literal: t.qcode.clone(),
                    name: t.label.clone(),
                    rel: "about",
                    relevance: percent(t.score),
                    confidence: percent(t.score),
                    creator: "machine",
                }
            })
            .collect();
        let topic = tags
            .topics
            .first()
            .map(|t| t.qcode.trim_start_matches("medtop:").to_string())
            .unwrap_or_else(|| "none".to_string());

        let mut alt_ids = vec![AltId {
            role: "source",
            value: article.id.clone(),
        }];
        if let Some(seq) = meta.stream_sequence {
            alt_ids.push(AltId {
                role: "streamSequence",
                value: seq.to_string(),
            });
        }

        let char_count = totals.normalized_chars;
        let word_count = tags.word_count;
        let ninjs = Ninjs {
            standard: Standard::ninjs(),
            uri,
            kind: "text",
            version: article.body_sha256[..16].to_string(),
            version_created: time.clone(),
            first_created: time,
            language: language.clone(),
            headlines: headline
                .map(|h| {
                    vec![TextValue {
                        role: "main",
                        value: h.to_string(),
                    }]
                })
                .unwrap_or_default(),
            by: article.byline.clone(),
            located: normalized.dateline.as_ref().map(|d| d.place.clone()),
            bodies: vec![Body {
                role: "main",
                content_type: "text/plain",
                value: normalized.text,
                char_count,
                word_count,
            }],
            subjects,
            people: named(EntityKind::Person),
            organisations: named(EntityKind::Organization),
            places: named(EntityKind::Place),
            alt_ids,
        };
        let enrichment = Enrichment {
            schema_version: SCHEMA_VERSION,
            pipeline: PipelineInfo {
                name: PIPELINE_NAME,
                version: PIPELINE_VERSION,
                rules_version: self.rules_version.clone(),
                processed_at: meta.processed_at.to_string(),
                duration_us: 0,
            },
            source: SourceInfo {
                id: article.id,
                id_source: article.id_source,
                name: article.source,
                subject: meta.subject.map(str::to_string),
                stream_sequence: meta.stream_sequence,
                url: article.url,
                raw_byte_length: raw_len,
                raw_sha256: article.body_sha256,
                extra: article.extra,
            },
            offsets: Offsets { unit: "char" },
            language: tags.language,
            dateline: normalized.dateline.map(|dateline| DatelineInfo {
                dateline,
                country_code: tags.dateline_country,
            }),
            sentences: tags.sentences,
            entities: tags.entities,
            quotes: tags.quotes,
            quantities: tags.quantities,
            topics: tags.topics,
            normalization: NormalizationInfo {
                edits: normalized.edits,
                totals,
                trailers: normalized.trailers,
            },
            warnings,
        };
        Enriched {
            record: Record { ninjs, enrichment },
            msg_id,
            source,
            lang: language.unwrap_or_else(|| "und".to_string()),
            topic,
        }
    }
}

/// Keeps the `max` most salient entities (still in first-mention order) and
/// renumbers the quote speakers that point at them.
fn cap_entities(tags: &mut crate::tag::Tags, max: usize) -> Option<String> {
    let found = tags.entities.len();
    if found <= max {
        return None;
    }
    let mut order: Vec<usize> = (0..found).collect();
    order.sort_by(|&a, &b| {
        tags.entities[b]
            .salience
            .total_cmp(&tags.entities[a].salience)
            .then(a.cmp(&b))
    });
    let mut keep = vec![false; found];
    for &i in order.iter().take(max) {
        keep[i] = true;
    }
    let mut new_index = vec![None; found];
    let mut next = 0;
    for (i, kept) in keep.iter().enumerate() {
        if *kept {
            new_index[i] = Some(next);
            next += 1;
        }
    }
    let mut i = 0;
    tags.entities.retain(|_| {
        i += 1;
        keep[i - 1]
    });
    for quote in &mut tags.quotes {
        if let Some(speaker) = &mut quote.speaker {
            speaker.entity = speaker
                .entity
                .and_then(|e| new_index.get(e).copied().flatten());
        }
    }
    Some(format!(
        "entities capped at limits.max_entities: {found} found, {max} kept"
    ))
}

/// Encodes a record as compact JSON into a buffer sized for it up front
/// (the edit log, offsets and entities take several times the body), so
/// the writer does not grow it step by step.
pub fn encode(record: &Record) -> Vec<u8> {
    let body_len: usize = record.ninjs.bodies.iter().map(|b| b.value.len()).sum();
    let mut out = Vec::with_capacity(4096 + 8 * body_len);
    // Serializing plain structs of strings and numbers cannot fail; the
    // fallback keeps the worker panic-free should that ever change.
    match serde_json::to_writer(&mut out, record) {
        Ok(()) => out,
        Err(e) => format!(
            "{{\"error\":{{\"kind\":\"encode\",\"message\":{:?}}}}}",
            e.to_string()
        )
        .into_bytes(),
    }
}

fn percent(score: f32) -> u8 {
    (score.clamp(0.0, 1.0) * 100.0).round() as u8
}

/// The source name used in subjects: the payload's `source`, else the last
/// token of the inbound subject, made safe as a subject token.
pub fn source_name(source: Option<&str>, subject: Option<&str>) -> String {
    let raw = source
        .filter(|s| !s.trim().is_empty())
        .or_else(|| subject.and_then(|s| s.rsplit('.').next()))
        .unwrap_or("unknown");
    let token: String = raw
        .trim()
        .chars()
        .map(|c| {
            let c = c.to_ascii_lowercase();
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(64)
        .collect();
    if token.is_empty() {
        "unknown".to_string()
    } else {
        token
    }
}

/// The ninjs `uri`: the inbound id when it already is a URI, else a URN.
pub fn record_uri(id: &str, source: &str) -> String {
    let has_scheme = id.split_once(':').is_some_and(|(scheme, rest)| {
        !rest.is_empty()
            && scheme.len() > 1
            && scheme
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            && scheme != "sha256"
    });
    if has_scheme && !id.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return id.to_string();
    }
    let mut out = format!("urn:wire:{source}:");
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b':') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A cheap RFC 3339 check so a malformed inbound time never reaches ninjs.
fn is_rfc3339(t: &str) -> bool {
    time::OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const STAMP: &str = "2026-01-01T00:00:00Z";

    fn meta() -> Meta<'static> {
        Meta {
            subject: Some("wire.raw.ap"),
            stream_sequence: Some(7),
            msg_id: None,
            processed_at: STAMP,
        }
    }

    #[test]
    fn entities_beyond_the_limit_are_dropped_by_salience_and_speakers_renumbered() {
        use crate::span::Span;
        use crate::tag::{Entity, Quote, Speaker, Tags};
        let entity = |text: &str, salience: f32| Entity {
            kind: EntityKind::Person,
            text: text.to_string(),
            canonical: text.to_string(),
            uri: None,
            title: None,
            country_code: None,
            mentions: Vec::new(),
            salience,
            confidence: 1.0,
        };
        let quote = |entity: usize| Quote {
            text: "q".to_string(),
            span: Span::new(0, 1),
            speaker: Some(Speaker {
                entity: Some(entity),
                text: "s".to_string(),
            }),
            cue: None,
        };
        let mut tags = Tags {
            entities: vec![entity("A", 0.9), entity("B", 0.1), entity("C", 0.5)],
            quotes: vec![quote(2), quote(1)],
            ..Tags::default()
        };
        assert_eq!(cap_entities(&mut tags, 3), None);
        let warning = cap_entities(&mut tags, 2).expect("capped");
        assert!(warning.contains("3 found, 2 kept"));
        let names: Vec<&str> = tags.entities.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(names, vec!["A", "C"]);
        let speakers: Vec<Option<usize>> = tags
            .quotes
            .iter()
            .map(|q| q.speaker.as_ref().and_then(|s| s.entity))
            .collect();
        assert_eq!(speakers, vec![Some(1), None]);
    }

    #[test]
    fn source_and_uri() {
        assert_eq!(source_name(Some("AP News"), None), "ap_news");
        assert_eq!(source_name(None, Some("wire.raw.reuters")), "reuters");
        assert_eq!(source_name(None, None), "unknown");
        assert_eq!(record_uri("urn:ap:123", "ap"), "urn:ap:123");
        assert_eq!(record_uri("https://x.test/a", "ap"), "https://x.test/a");
        assert_eq!(record_uri("a b/1", "ap"), "urn:wire:ap:a%20b%2F1");
        assert!(record_uri("sha256:ab12", "ap").starts_with("urn:wire:ap:sha256:ab12"));
    }

    #[test]
    fn same_body_same_msg_id_new_body_new_msg_id() {
        let p = Pipeline::new(Limits::default());
        let a = p
            .process(br#"{"id":"s1","body":"One."}"#, &meta())
            .expect("ok");
        let b = p
            .process(br#"{"id":"s1","body":"One."}"#, &meta())
            .expect("ok");
        let c = p
            .process(br#"{"id":"s1","body":"One, corrected."}"#, &meta())
            .expect("ok");
        assert_eq!(a.msg_id, b.msg_id);
        assert_ne!(a.msg_id, c.msg_id);
        assert!(a.msg_id.starts_with("urn:wire:ap:s1@"));
        assert_eq!(encode(&a.record), encode(&b.record));
    }

    #[test]
    fn record_fields() {
        let p = Pipeline::new(Limits::default());
        let e = p
            .process(
                br#"{"id":"s2","headline":" Talks ","body":"LONDON -- Talks  began today.","published_at":"2025-03-01T10:00:00Z"}"#,
                &meta(),
            )
            .expect("ok");
        let n = &e.record.ninjs;
        assert_eq!(n.bodies[0].value, "LONDON — Talks began today.");
        assert_eq!(n.bodies[0].word_count, 4);
        assert_eq!(n.located.as_deref(), Some("London"));
        assert_eq!(n.version_created, "2025-03-01T10:00:00Z");
        assert_eq!(n.headlines[0].value, "Talks");
        assert_eq!(e.source, "ap");
        assert_eq!(e.record.enrichment.normalization.totals.edits, 2);
    }
}
