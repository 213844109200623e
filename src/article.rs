//! The only JSON shapes: what comes in (an [`Article`], decoded and validated
//! from raw bytes) and what goes out (a [`Record`]: a ninjs 3.1 document plus
//! the `enrichment` block). Decoding is where bad input is rejected with a
//! typed [`DecodeError`]; everything after it trusts the `Article`.

use serde::Serialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::normalize::{Dateline, Edit};
use crate::span::Span;
use crate::tag::{Entity, Language, Quantity, Quote, Topic};

/// Limits applied while decoding.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_payload_bytes: usize,
    pub max_body_chars: usize,
    /// Entities kept per record; the least salient beyond it are dropped
    /// (with a warning in the record).
    pub max_entities: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_payload_bytes: 1024 * 1024,
            max_body_chars: 500_000,
            max_entities: 1_000,
        }
    }
}

/// Why a payload cannot become an article. Permanent: retrying won't help.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    #[error("payload is empty")]
    Empty,
    #[error("payload of {size} bytes exceeds the limit of {limit} bytes")]
    TooLarge { size: usize, limit: usize },
    #[error("payload is not valid UTF-8 (valid up to byte {valid_up_to})")]
    NotUtf8 { valid_up_to: usize },
    #[error("payload is malformed JSON")]
    MalformedJson(#[source] serde_json::Error),
    #[error("JSON payload is not an object")]
    NotAnObject,
    #[error("field `{field}` must be a {expected}")]
    FieldType {
        field: &'static str,
        expected: &'static str,
    },
    #[error("article has no body text")]
    NoBody,
    #[error("body of {chars} characters exceeds the limit of {limit}")]
    BodyTooLong { chars: usize, limit: usize },
}

impl DecodeError {
    /// A short stable name for headers and metrics.
    pub fn kind(&self) -> &'static str {
        match self {
            DecodeError::Empty => "empty",
            DecodeError::TooLarge { .. } => "too_large",
            DecodeError::NotUtf8 { .. } => "not_utf8",
            DecodeError::MalformedJson(_) => "malformed_json",
            DecodeError::NotAnObject => "not_an_object",
            DecodeError::FieldType { .. } => "field_type",
            DecodeError::NoBody => "no_body",
            DecodeError::BodyTooLong { .. } => "body_too_long",
        }
    }
}

/// Where the article's identity came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum IdSource {
    Payload,
    MsgIdHeader,
    BodyHash,
}

/// A decoded, validated inbound article.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub id: String,
    pub id_source: IdSource,
    pub headline: Option<String>,
    pub body: String,
    pub byline: Option<String>,
    pub source: Option<String>,
    pub published_at: Option<String>,
    pub language: Option<String>,
    pub url: Option<String>,
    /// Fields we do not map, kept verbatim.
    pub extra: Map<String, Value>,
    /// Hex sha256 of the body as received.
    pub body_sha256: String,
}

impl Article {
    /// The id of the output record for this exact body: `<uri>@<16 hex>`.
    /// A redelivery repeats it; a correction (new body) changes it.
    pub fn output_msg_id(&self, uri: &str) -> String {
        format!("{uri}@{}", &self.body_sha256[..16])
    }
}

/// Field names accepted for each article field; the first present wins.
const ID_FIELDS: &[&str] = &["id", "uri", "guid"];
const HEADLINE_FIELDS: &[&str] = &["headline", "title"];
const BODY_FIELDS: &[&str] = &["body", "body_text", "text"];
const BYLINE_FIELDS: &[&str] = &["byline", "by"];
const TIME_FIELDS: &[&str] = &["published_at", "versionCreated", "firstCreated"];
const MAPPED: &[&str] = &[
    "id",
    "uri",
    "guid",
    "headline",
    "title",
    "headlines",
    "body",
    "body_text",
    "text",
    "bodies",
    "byline",
    "by",
    "source",
    "published_at",
    "versionCreated",
    "firstCreated",
    "language",
    "url",
];

/// Decodes a payload: a JSON object with article fields, or any other UTF-8
/// text as the body. `msg_id` is the inbound `Nats-Msg-Id` header, if any.
pub fn decode(
    payload: &[u8],
    msg_id: Option<&str>,
    limits: &Limits,
) -> Result<Article, DecodeError> {
    if payload.len() > limits.max_payload_bytes {
        return Err(DecodeError::TooLarge {
            size: payload.len(),
            limit: limits.max_payload_bytes,
        });
    }
    let text = std::str::from_utf8(payload).map_err(|e| DecodeError::NotUtf8 {
        valid_up_to: e.valid_up_to(),
    })?;
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    let article = if text.trim_start().starts_with('{') {
        decode_json(text, msg_id)?
    } else {
        plain(text.to_string(), msg_id)
    };
    let chars = article.body.chars().count();
    if chars > limits.max_body_chars {
        return Err(DecodeError::BodyTooLong {
            chars,
            limit: limits.max_body_chars,
        });
    }
    Ok(article)
}

fn body_hash(body: &str) -> String {
    hex::encode(Sha256::digest(body.as_bytes()))
}

fn plain(body: String, msg_id: Option<&str>) -> Article {
    let body_sha256 = body_hash(&body);
    let (id, id_source) = identity(None, msg_id, &body_sha256);
    Article {
        id,
        id_source,
        headline: None,
        body,
        byline: None,
        source: None,
        published_at: None,
        language: None,
        url: None,
        extra: Map::new(),
        body_sha256,
    }
}

fn identity(
    payload_id: Option<String>,
    msg_id: Option<&str>,
    body_sha256: &str,
) -> (String, IdSource) {
    match (payload_id, msg_id.map(str::trim).filter(|m| !m.is_empty())) {
        (Some(id), _) => (id, IdSource::Payload),
        (None, Some(m)) => (m.to_string(), IdSource::MsgIdHeader),
        (None, None) => (format!("sha256:{body_sha256}"), IdSource::BodyHash),
    }
}

fn decode_json(text: &str, msg_id: Option<&str>) -> Result<Article, DecodeError> {
    let value: Value = serde_json::from_str(text).map_err(DecodeError::MalformedJson)?;
    let Value::Object(mut obj) = value else {
        return Err(DecodeError::NotAnObject);
    };
    let id = first_scalar(&obj, ID_FIELDS, "id")?;
    let headline = match first_string(&obj, HEADLINE_FIELDS, "headline")? {
        Some(h) => Some(h),
        None => nested_value(&obj, "headlines", "headline")?,
    };
    let body = match first_string(&obj, BODY_FIELDS, "body")? {
        Some(b) => Some(b),
        None => nested_value(&obj, "bodies", "body")?,
    };
    let body = body
        .filter(|b| !b.trim().is_empty())
        .ok_or(DecodeError::NoBody)?;
    let byline = first_string(&obj, BYLINE_FIELDS, "byline")?;
    let source = first_string(&obj, &["source"], "source")?;
    let published_at = first_string(&obj, TIME_FIELDS, "published_at")?;
    let language = first_string(&obj, &["language"], "language")?;
    let url = first_string(&obj, &["url"], "url")?;
    obj.retain(|k, _| !MAPPED.contains(&k.as_str()));
    let body_sha256 = body_hash(&body);
    let (id, id_source) = identity(id, msg_id, &body_sha256);
    Ok(Article {
        id,
        id_source,
        headline,
        body,
        byline,
        source,
        published_at,
        language,
        url,
        extra: obj,
        body_sha256,
    })
}

/// The first present field among `names` as a string; `null` counts as absent.
fn first_string(
    obj: &Map<String, Value>,
    names: &[&str],
    field: &'static str,
) -> Result<Option<String>, DecodeError> {
    for name in names {
        match obj.get(*name) {
            None | Some(Value::Null) => continue,
            Some(Value::String(s)) => return Ok(Some(s.clone())),
            Some(_) => {
                return Err(DecodeError::FieldType {
                    field,
                    expected: "string",
                });
            }
        }
    }
    Ok(None)
}

/// Like [`first_string`], but numbers are accepted too (numeric ids).
fn first_scalar(
    obj: &Map<String, Value>,
    names: &[&str],
    field: &'static str,
) -> Result<Option<String>, DecodeError> {
    for name in names {
        match obj.get(*name) {
            None | Some(Value::Null) => continue,
            Some(Value::String(s)) if s.trim().is_empty() => continue,
            Some(Value::String(s)) => return Ok(Some(s.clone())),
            Some(Value::Number(n)) => return Ok(Some(n.to_string())),
            Some(_) => {
                return Err(DecodeError::FieldType {
                    field,
                    expected: "string or number",
                });
            }
        }
    }
    Ok(None)
}

/// `headlines[0].value` / `bodies[0].value` as ninjs writes them.
fn nested_value(
    obj: &Map<String, Value>,
    name: &'static str,
    field: &'static str,
) -> Result<Option<String>, DecodeError> {
    let wrong = DecodeError::FieldType {
        field,
        expected: "string or array of objects with a string `value`",
    };
    match obj.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Array(items)) => match items.first() {
            None => Ok(None),
            Some(Value::Object(first)) => match first.get("value") {
                Some(Value::String(s)) => Ok(Some(s.clone())),
                None | Some(Value::Null) => Ok(None),
                Some(_) => Err(wrong),
            },
            Some(_) => Err(wrong),
        },
        Some(_) => Err(wrong),
    }
}

/// The record published downstream: ninjs plus enrichment.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    pub ninjs: Ninjs,
    pub enrichment: Enrichment,
}

/// The ninjs 3.1 part of the record.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ninjs {
    pub standard: Standard,
    pub uri: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub version: String,
    pub version_created: String,
    pub first_created: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub headlines: Vec<TextValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub located: Option<String>,
    pub bodies: Vec<Body>,
    pub subjects: Vec<Subject>,
    pub people: Vec<Named>,
    pub organisations: Vec<Named>,
    pub places: Vec<Named>,
    pub alt_ids: Vec<AltId>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Standard {
    pub name: &'static str,
    pub version: &'static str,
    pub schema: &'static str,
}

impl Standard {
    pub fn ninjs() -> Self {
        Standard {
            name: "ninjs",
            version: "3.1",
            schema: "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TextValue {
    pub role: &'static str,
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Body {
    pub role: &'static str,
    pub content_type: &'static str,
    pub value: String,
    pub char_count: usize,
    pub word_count: usize,
}

/// A ninjs subject: an IPTC Media Topic.
#[derive(Debug, Clone, Serialize)]
pub struct Subject {
    pub uri: String,
    pub literal: String,
    pub name: String,
    pub rel: &'static str,
    pub relevance: u8,
    pub confidence: u8,
    pub creator: &'static str,
}

/// A ninjs person, organisation or place.
#[derive(Debug, Clone, Serialize)]
pub struct Named {
    pub name: String,
    pub rel: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AltId {
    pub role: &'static str,
    pub value: String,
}

/// What ninjs has no slot for.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Enrichment {
    pub schema_version: &'static str,
    pub pipeline: PipelineInfo,
    pub source: SourceInfo,
    pub offsets: Offsets,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dateline: Option<DatelineInfo>,
    pub sentences: Vec<Span>,
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    pub quantities: Vec<Quantity>,
    pub topics: Vec<Topic>,
    pub normalization: NormalizationInfo,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PipelineInfo {
    pub name: &'static str,
    pub version: &'static str,
    pub rules_version: String,
    pub processed_at: String,
    pub duration_us: u64,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceInfo {
    pub id: String,
    pub id_source: IdSource,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stream_sequence: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub raw_byte_length: usize,
    pub raw_sha256: String,
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Offsets {
    pub unit: &'static str,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DatelineInfo {
    #[serde(flatten)]
    pub dateline: Dateline,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NormalizationInfo {
    pub edits: Vec<Edit>,
    pub totals: NormalizationTotals,
    pub trailers: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NormalizationTotals {
    pub edits: usize,
    /// Edits per rule name, sorted by name for stable output.
    pub by_rule: std::collections::BTreeMap<String, usize>,
    pub raw_chars: usize,
    pub normalized_chars: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> Limits {
        Limits::default()
    }

    #[test]
    fn json_fields_first_found_wins_and_extras_are_kept() {
        let payload = br#"{"guid":"g1","title":"T","text":"Body.","source":"ap","desk":"world","bodies":[{"value":"ignored"}]}"#;
        let a = decode(payload, Some("hdr"), &limits()).expect("decodes");
        assert_eq!(a.id, "g1");
        assert_eq!(a.id_source, IdSource::Payload);
        assert_eq!(a.headline.as_deref(), Some("T"));
        assert_eq!(a.body, "Body.");
        assert_eq!(a.source.as_deref(), Some("ap"));
        assert_eq!(a.extra.get("desk"), Some(&Value::String("world".into())));
        assert!(!a.extra.contains_key("bodies"));
    }

    #[test]
    fn ninjs_shaped_input() {
        let payload = br#"{"uri":"urn:x:1","headlines":[{"value":"H"}],"bodies":[{"value":"B"}]}"#;
        let a = decode(payload, None, &limits()).expect("decodes");
        assert_eq!(
            (a.id.as_str(), a.headline.as_deref(), a.body.as_str()),
            ("urn:x:1", Some("H"), "B")
        );
    }

    #[test]
    fn identity_falls_back_to_header_then_hash() {
        let a = decode(b"plain body", Some("m-1"), &limits()).expect("decodes");
        assert_eq!((a.id.as_str(), a.id_source), ("m-1", IdSource::MsgIdHeader));
        let b = decode(b"plain body", None, &limits()).expect("decodes");
        assert_eq!(b.id_source, IdSource::BodyHash);
        assert_eq!(b.id, format!("sha256:{}", b.body_sha256));
        assert_eq!(b.body_sha256.len(), 64);
    }

    #[test]
    fn bad_input_is_rejected_with_a_kind() {
        let small = Limits {
            max_payload_bytes: 10,
            max_body_chars: 5,
            max_entities: 10,
        };
        let cases: [(&[u8], &Limits, &str); 9] = [
            (b"", &limits(), "empty"),
            (b"  \n ", &limits(), "empty"),
            (b"\xff\xfe", &limits(), "not_utf8"),
            (b"{\"body\": ", &limits(), "malformed_json"),
            (b"{\"id\": \"x\"}", &limits(), "no_body"),
            (b"{\"body\": 5}", &limits(), "field_type"),
            (b"{\"body\": \"   \"}", &limits(), "no_body"),
            (b"0123456789ab", &small, "too_large"),
            (b"abcdefgh", &small, "body_too_long"),
        ];
        for (payload, limits, kind) in cases {
            let err = decode(payload, None, limits).expect_err("rejected");
            assert_eq!(err.kind(), kind, "payload {payload:?}: {err}");
        }
    }

    #[test]
    fn deeply_nested_json_is_an_error_not_a_crash() {
        let mut payload = "{\"a\":".repeat(100_000);
        payload.push('1');
        let err = decode(
            payload.as_bytes(),
            None,
            &Limits {
                max_payload_bytes: 10 << 20,
                max_body_chars: 10,
                max_entities: 10,
            },
        )
        .expect_err("rejected");
        assert_eq!(err.kind(), "malformed_json");
    }
}
