//! Text repair: raw wire body in, normalized body and an edit log out.
//!
//! Each repair is a [`Pass`] in its own file. A pass reads the current text
//! and proposes [`Change`]s in that text's byte offsets; the [`Normalizer`]
//! applies them through a [`trace::Trace`], which composes every pass's changes
//! into one list of edits against the raw body. Passes never see each other or
//! the tagger; shared word lists (protected names, the lexicon) arrive through
//! [`Resources`], which the pipeline builds once at start-up.

pub mod basic;
pub mod breaks;
pub mod dateline;
pub mod html;
pub mod lexicon;
pub mod mojibake;
pub mod ocr;
pub mod quotes;
mod scan;
pub mod trace;
pub mod trailers;
pub mod wrap;

use std::sync::Arc;

use serde::Serialize;

pub use crate::span::{CharCounter, Span};
pub use trace::{Change, Trace};

/// Data that several passes read, built once and shared read-only.
///
/// The name sets hash with the lexicon's fast hash: the break pass and the
/// OCR pass probe them for words of every body, where the default
/// DoS-resistant hash cost several times more per probe.
#[derive(Debug, Default)]
pub struct Resources {
    /// Names that a repair must never alter (gazetteer names, known people).
    pub protected: lexicon::FastSet<String>,
    /// Names that are proper nouns in any context, even where the word is
    /// also a common one ("China", "Turkey", "Georgia"): countries,
    /// nationalities, states and regions.
    pub proper: lexicon::FastSet<String>,
    /// Each pair of adjacent words inside a protected name of several words
    /// ("European Union", "Commerce Committee" from "Senate Commerce
    /// Committee"): the second keeps its capital after the first.
    pub name_pairs: lexicon::FastSet<String>,
    /// Given names, lower-cased, besides the lexicon's own list: a given
    /// name runs on into the surname after it ("Mads. Krogh").
    pub first_names: lexicon::FastSet<String>,
    /// English word statistics; empty by default, which leaves the
    /// lexicon-driven passes (break and OCR repair) idle.
    pub lexicon: lexicon::Lexicon,
}

impl Resources {
    /// The standard resources: the embedded English lexicon, no protected
    /// names yet (the pipeline adds the gazetteer's).
    pub fn standard() -> Result<Self, lexicon::LexiconError> {
        Ok(Resources {
            lexicon: lexicon::Lexicon::embedded()?,
            ..Resources::default()
        })
    }

    /// Protects `names` from repair, noting the word pairs inside them.
    pub fn protect<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        for name in names {
            let words: Vec<&str> = name.split(' ').collect();
            for pair in words.windows(2) {
                if pair.iter().all(|w| w.starts_with(char::is_uppercase)) {
                    self.name_pairs.insert(pair.join(" "));
                }
            }
            self.protected.insert(name.to_string());
        }
    }
}

/// Everything a pass may consult besides the text.
pub struct PassContext<'a> {
    pub resources: &'a Resources,
}

/// What a pass hands back besides its changes.
#[derive(Debug, Default)]
pub struct PassNotes {
    /// Trailers ("Reuter", "(AP)", "-- MORE --") moved out of the body.
    pub trailers: Vec<String>,
    /// Warnings worth surfacing in the record.
    pub warnings: Vec<String>,
}

/// One repair pass.
pub trait Pass: Send + Sync {
    /// A stable name, used in logs and as the prefix of rule names.
    fn name(&self) -> &'static str;

    /// Proposes changes to `text`, sorted by position and non-overlapping.
    fn run(
        &self,
        text: &str,
        cx: &PassContext<'_>,
        changes: &mut Vec<Change>,
        notes: &mut PassNotes,
    );
}

/// The kind of an edit in the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EditOp {
    Replace,
    Insert,
    Delete,
}

/// One logged edit, in raw and normalized char offsets.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Edit {
    pub op: EditOp,
    pub before: String,
    pub after: String,
    pub raw_span: Span,
    pub normalized_span: Span,
    pub rule: String,
    pub confidence: f32,
}

/// The dateline found at the head of a story.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Dateline {
    /// The dateline as written, dash included ("WASHINGTON –").
    pub raw: String,
    /// The place, in title case ("Washington").
    pub place: String,
    /// The region or country written after the place ("British Columbia"
    /// in "VICTORIA, British Columbia (Reuters) -").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Char span of `raw` in the normalized body.
    pub span: Span,
}

/// The result of normalizing one body.
#[derive(Debug, Clone, PartialEq)]
pub struct Normalized {
    pub text: String,
    pub edits: Vec<Edit>,
    pub trailers: Vec<String>,
    pub dateline: Option<Dateline>,
    pub warnings: Vec<String>,
}

/// The passes in their standard order: decoding repairs first (HTML
/// references may spell mojibake, and Latin-1 mojibake needs the C1
/// controls the control pass removes), then clean characters, so later
/// passes see tidy text; typography before the structural repairs that read
/// quotes.
pub fn standard_passes() -> Vec<Box<dyn Pass>> {
    vec![
        Box::new(html::Html::new()),
        Box::new(mojibake::Mojibake::new()),
        Box::new(basic::ControlChars),
        Box::new(basic::Nfc),
        Box::new(wrap::Wrap::new()),
        Box::new(basic::Whitespace::new()),
        Box::new(trailers::Trailers::new()),
        Box::new(quotes::Typography::new()),
        Box::new(ocr::OcrLetters),
        Box::new(breaks::SpuriousBreaks::new()),
    ]
}

/// Runs the passes in order. Built once; cheap to share behind an `Arc`.
pub struct Normalizer {
    passes: Vec<Box<dyn Pass>>,
    resources: Arc<Resources>,
    datelines: dateline::DatelineFinder,
}

impl Normalizer {
    /// A normalizer running [`standard_passes`].
    pub fn new(resources: Arc<Resources>) -> Self {
        Normalizer {
            passes: standard_passes(),
            resources,
            datelines: dateline::DatelineFinder::new(),
        }
    }

    /// The names of the passes, in the order they run.
    /// The lexicon and word lists the passes read.
    pub fn resources(&self) -> &Resources {
        &self.resources
    }

    pub fn pass_names(&self) -> Vec<&'static str> {
        self.passes.iter().map(|p| p.name()).collect()
    }

    /// Normalizes `raw`. Never fails: a pass that finds nothing to do leaves
    /// the text as it is.
    pub fn normalize(&self, raw: &str) -> Normalized {
        let cx = PassContext {
            resources: &self.resources,
        };
        let mut trace = Trace::identity(raw.len());
        let mut text = raw.to_string();
        let mut changes = Vec::new();
        let mut notes = PassNotes::default();
        for pass in &self.passes {
            changes.clear();
            pass.run(&text, &cx, &mut changes, &mut notes);
            if !changes.is_empty() {
                text = trace.apply(&text, &changes);
            }
        }
        let edits = log_edits(raw, &text, &trace);
        let dateline = self.datelines.find(&text);
        Normalized {
            text,
            edits,
            trailers: notes.trailers,
            dateline,
            warnings: notes.warnings,
        }
    }
}

/// Turns the composed trace into logged edits with char offsets.
fn log_edits(raw: &str, text: &str, trace: &Trace) -> Vec<Edit> {
    let mut raw_chars = CharCounter::new(raw);
    let mut out_chars = CharCounter::new(text);
    // Sized first: a damaged body has an edit every line or so, and
    // growing the list by doubling copied it over and over.
    let mut edits = Vec::with_capacity(trace.edit_views().count());
    edits.extend(trace.edit_views().map(|(raw_range, out_range, info)| {
        let before = raw[raw_range.clone()].to_string();
        let after = text[out_range.clone()].to_string();
        let op = if before.is_empty() {
            EditOp::Insert
        } else if after.is_empty() {
            EditOp::Delete
        } else {
            EditOp::Replace
        };
        Edit {
            op,
            before,
            after,
            raw_span: raw_chars.span(raw_range),
            normalized_span: out_chars.span(out_range),
            rule: match info.rules.as_slice() {
                [rule] => (*rule).to_string(),
                rules => rules.join("+"),
            },
            confidence: info.confidence,
        }
    }));
    edits
}

/// Applies logged edits to `raw`; the inverse check of [`Normalizer::normalize`].
pub fn replay(raw: &str, edits: &[Edit]) -> Option<String> {
    let offsets: Vec<usize> = raw
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(raw.len()))
        .collect();
    let mut out = String::with_capacity(raw.len());
    let mut copied = 0usize;
    for edit in edits {
        let start = *offsets.get(edit.raw_span.start)?;
        let end = *offsets.get(edit.raw_span.end)?;
        if start < copied || end < start || raw[start..end] != edit.before {
            return None;
        }
        out.push_str(&raw[copied..start]);
        out.push_str(&edit.after);
        copied = end;
    }
    out.push_str(&raw[copied..]);
    Some(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The standard resources, parsed once for all unit tests.
    pub(crate) fn standard_resources() -> &'static Resources {
        static RESOURCES: std::sync::OnceLock<Resources> = std::sync::OnceLock::new();
        RESOURCES.get_or_init(|| Resources::standard().expect("embedded lexicon parses"))
    }

    #[test]
    fn protected_names_note_their_word_pairs() {
        let mut resources = Resources::default();
        resources.protect(["Senate Commerce Committee", "Bank of England", "Kishida"]);
        assert!(resources.protected.contains("Bank of England"));
        assert!(resources.protected.contains("Kishida"));
        let mut pairs: Vec<&str> = resources.name_pairs.iter().map(String::as_str).collect();
        pairs.sort_unstable();
        // Pairs with a lower-case word ("Bank of") are no name pairs.
        assert_eq!(pairs, ["Commerce Committee", "Senate Commerce"]);
    }

    /// Runs one pass over `text` and applies its changes: the text it
    /// produces and the notes it took.
    pub(crate) fn run_pass(
        pass: &dyn Pass,
        text: &str,
        resources: &Resources,
    ) -> (String, PassNotes) {
        let cx = PassContext { resources };
        let mut changes = Vec::new();
        let mut notes = PassNotes::default();
        pass.run(text, &cx, &mut changes, &mut notes);
        (Trace::identity(text.len()).apply(text, &changes), notes)
    }

    fn normalizer() -> Normalizer {
        Normalizer::new(Arc::new(Resources::default()))
    }

    #[test]
    fn edits_replay_to_the_normalized_text() {
        let raw = "WASHINGTON --  He said \"yes\"\u{200B} to\r\nthe  plan.\u{0007}  ";
        let n = normalizer().normalize(raw);
        assert_eq!(replay(raw, &n.edits).as_deref(), Some(n.text.as_str()));
        assert_eq!(n.text, "WASHINGTON — He said “yes” to\nthe plan.");
    }

    #[test]
    fn seed_story_gets_only_the_intended_repairs() {
        let n = normalizer();
        let repaired = include_str!("../../tests/data/seed-000.repaired.txt");
        let clean = n.normalize(repaired.trim_end());
        assert!(clean.edits.is_empty(), "{:?}", clean.edits);
        let raw = include_str!("../../tests/data/seed-000.raw.txt").trim_end();
        let damaged = n.normalize(raw);
        let got: Vec<(&str, &str, &str)> = damaged
            .edits
            .iter()
            .map(|e| (e.before.as_str(), e.after.as_str(), e.rule.as_str()))
            .collect();
        assert_eq!(
            got,
            [("“", "”", "quote-direction"), ("a", "A", "quote-capital")]
        );
        assert!(damaged.trailers.is_empty());
    }

    #[test]
    fn clean_text_is_untouched() {
        let raw = "Japan’s defense spending has been below 1 percent of GDP.\n\nIt rose.";
        let n = normalizer().normalize(raw);
        assert!(n.edits.is_empty(), "{:?}", n.edits);
        assert_eq!(n.text, raw);
    }
}
