//! Named-entity evaluation on an annotated set (`eval/ner/`): precision,
//! recall and F1 per type (person, organization, place), scored the way the
//! held-out evaluation scores: per document, the set of distinct (type,
//! surface) pairs, exact match, summed over documents.

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{EntityKind, TagError, TagInput, Tagger};
use crate::normalize::dateline::DatelineFinder;

/// Types scored, in report order.
const TYPES: [(&str, EntityKind); 3] = [
    ("person", EntityKind::Person),
    ("organization", EntityKind::Organization),
    ("place", EntityKind::Place),
];

/// Counts and scores for one type (or all together).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct TypeScore {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl TypeScore {
    fn finish(&mut self) {
        let (tp, fp, fn_) = (
            self.true_positives as f64,
            self.false_positives as f64,
            self.false_negatives as f64,
        );
        self.precision = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
        self.recall = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
        self.f1 = if self.precision + self.recall > 0.0 {
            2.0 * self.precision * self.recall / (self.precision + self.recall)
        } else {
            0.0
        };
    }
}

/// What one document got wrong.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentErrors {
    pub document: String,
    /// Annotated but not found: "person:Kenta Kon".
    pub missed: Vec<String>,
    /// Found but not annotated (or with another type).
    pub spurious: Vec<String>,
}

/// The evaluation report.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NerReport {
    pub documents: usize,
    pub person: TypeScore,
    pub organization: TypeScore,
    pub place: TypeScore,
    /// Micro average over the three types.
    pub overall: TypeScore,
    pub errors: Vec<DocumentErrors>,
}

/// One annotated document: plain text and its gold (type, surface) pairs.
pub struct Annotated {
    pub text: String,
    pub gold: BTreeSet<(&'static str, String)>,
}

/// Strips `[[TYPE:surface]]` markup, returning the text and gold pairs.
pub fn parse_annotated(source: &str, path: &Path) -> Result<Annotated, TagError> {
    let mut text = String::with_capacity(source.len());
    let mut gold = BTreeSet::new();
    let mut rest = source;
    while let Some(open) = rest.find("[[") {
        text.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let close = after.find("]]").ok_or_else(|| TagError::Sample {
            path: path.to_path_buf(),
            reason: "unclosed [[".into(),
        })?;
        let inner = &after[..close];
        let (kind, surface) = inner.split_once(':').ok_or_else(|| TagError::Sample {
            path: path.to_path_buf(),
            reason: format!("annotation {inner:?} lacks TYPE:"),
        })?;
        let kind = match kind {
            "PER" => "person",
            "ORG" => "organization",
            "LOC" => "place",
            other => {
                return Err(TagError::Sample {
                    path: path.to_path_buf(),
                    reason: format!("unknown type {other:?}"),
                });
            }
        };
        text.push_str(surface);
        gold.insert((kind, surface.to_string()));
        rest = &after[close + 2..];
    }
    text.push_str(rest);
    Ok(Annotated { text, gold })
}

/// Evaluates the embedded tagger on every `*.txt` in `dir`.
pub fn evaluate(dir: &Path) -> Result<NerReport, TagError> {
    let tagger = Tagger::from_embedded()?;
    evaluate_with(&tagger, dir)
}

/// A document's text as the tagger is to see it, with the dateline place
/// the normalizer reported for it.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub text: String,
    pub dateline_place: Option<String>,
    pub dateline_region: Option<String>,
}

/// Evaluates `tagger` on every `*.txt` in `dir`, tagging the annotated
/// text as written.
pub fn evaluate_with(tagger: &Tagger, dir: &Path) -> Result<NerReport, TagError> {
    // The dateline as the normalizer finds it for the worker.
    let datelines = DatelineFinder::new();
    evaluate_prepared(tagger, dir, |_, text| {
        let dateline = datelines.find(text);
        vec![Prepared {
            dateline_region: dateline.as_ref().and_then(|d| d.region.clone()),
            dateline_place: dateline.map(|d| d.place),
            text: text.to_string(),
        }]
    })
}

/// Evaluates `tagger` on every `*.txt` in `dir`, each annotated text
/// passed through `prepare` (given the file name and the text) first.
/// Every version `prepare` returns is scored as a document of its own
/// against the file's gold pairs, so a text can be scored as damaged and
/// repaired several times over.
///
/// Surfaces are compared with curly apostrophes and quotes folded to
/// straight ones: the worker's typography pass writes "O’Brien" where the
/// annotation may say "O'Brien", and that is the same name.
pub fn evaluate_prepared(
    tagger: &Tagger,
    dir: &Path,
    mut prepare: impl FnMut(&str, &str) -> Vec<Prepared>,
) -> Result<NerReport, TagError> {
    let files = text_files(dir)?;
    let mut scores: [TypeScore; 3] = Default::default();
    let mut errors = Vec::new();
    let mut documents = 0;
    for path in &files {
        let source = std::fs::read_to_string(path).map_err(|source| TagError::Read {
            path: path.clone(),
            source,
        })?;
        let doc = parse_annotated(&source, path)?;
        let gold: BTreeSet<(&'static str, String)> =
            doc.gold.iter().map(|(k, s)| (*k, fold_quotes(s))).collect();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for prepared in prepare(&name, &doc.text) {
            documents += 1;
            let tags = tagger.tag(&TagInput {
                body: &prepared.text,
                headline: None,
                dateline_place: prepared.dateline_place.as_deref(),
                dateline_region: prepared.dateline_region.as_deref(),
            });
            let mut found: BTreeSet<(&'static str, String)> = BTreeSet::new();
            for e in &tags.entities {
                if let Some((kind, _)) = TYPES.iter().find(|(_, k)| *k == e.kind) {
                    for m in &e.mentions {
                        found.insert((kind, fold_quotes(&m.text)));
                    }
                }
            }
            for (i, (kind, _)) in TYPES.iter().enumerate() {
                let g: BTreeSet<&String> = gold
                    .iter()
                    .filter(|(k, _)| k == kind)
                    .map(|(_, s)| s)
                    .collect();
                let f: BTreeSet<&String> = found
                    .iter()
                    .filter(|(k, _)| k == kind)
                    .map(|(_, s)| s)
                    .collect();
                scores[i].true_positives += g.intersection(&f).count();
                scores[i].false_positives += f.difference(&g).count();
                scores[i].false_negatives += g.difference(&f).count();
            }
            let missed: Vec<String> = gold
                .difference(&found)
                .map(|(k, s)| format!("{k}:{s}"))
                .collect();
            let spurious: Vec<String> = found
                .difference(&gold)
                .map(|(k, s)| format!("{k}:{s}"))
                .collect();
            if !missed.is_empty() || !spurious.is_empty() {
                errors.push(DocumentErrors {
                    document: name.clone(),
                    missed,
                    spurious,
                });
            }
        }
    }
    let mut overall = TypeScore::default();
    for s in scores.iter_mut() {
        s.finish();
        overall.true_positives += s.true_positives;
        overall.false_positives += s.false_positives;
        overall.false_negatives += s.false_negatives;
    }
    overall.finish();
    let [person, organization, place] = scores;
    Ok(NerReport {
        documents,
        person,
        organization,
        place,
        overall,
        errors,
    })
}

/// `s` with curly apostrophes and quotes made straight.
fn fold_quotes(s: &str) -> String {
    s.replace(['’', '‘'], "'").replace(['“', '”'], "\"")
}

/// The `*.txt` files of `dir`, sorted.
pub(crate) fn text_files(dir: &Path) -> Result<Vec<PathBuf>, TagError> {
    let read = std::fs::read_dir(dir).map_err(|source| TagError::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut files = Vec::new();
    for entry in read {
        let entry = entry.map_err(|source| TagError::Read {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "txt") && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

impl fmt::Display for NerReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "NER evaluation on {} documents (distinct type+surface per document)",
            self.documents
        )?;
        writeln!(
            f,
            "{:<14}{:>6}{:>6}{:>6}{:>11}{:>9}{:>7}",
            "type", "tp", "fp", "fn", "precision", "recall", "f1"
        )?;
        for (name, s) in [
            ("person", &self.person),
            ("organization", &self.organization),
            ("place", &self.place),
            ("overall", &self.overall),
        ] {
            writeln!(
                f,
                "{:<14}{:>6}{:>6}{:>6}{:>11.3}{:>9.3}{:>7.3}",
                name,
                s.true_positives,
                s.false_positives,
                s.false_negatives,
                s.precision,
                s.recall,
                s.f1
            )?;
        }
        for e in &self.errors {
            writeln!(f, "{}:", e.document)?;
            if !e.missed.is_empty() {
                writeln!(f, "  missed:   {}", e.missed.join(", "))?;
            }
            if !e.spurious.is_empty() {
                writeln!(f, "  spurious: {}", e.spurious.join(", "))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_markup() {
        let doc = parse_annotated(
            "[[PER:Joe Biden]] met [[ORG:NATO]] in [[LOC:Paris]].",
            Path::new("x"),
        )
        .expect("valid markup");
        assert_eq!(doc.text, "Joe Biden met NATO in Paris.");
        assert_eq!(doc.gold.len(), 3);
        for bad in ["[[PER:x", "[[x]]", "[[FOO:x]]"] {
            assert!(parse_annotated(bad, Path::new("x")).is_err(), "{bad}");
        }
    }

    #[test]
    fn scores_add_up() {
        let mut s = TypeScore {
            true_positives: 8,
            false_positives: 2,
            false_negatives: 2,
            ..TypeScore::default()
        };
        s.finish();
        assert!(
            (s.precision - 0.8).abs() < 1e-9
                && (s.recall - 0.8).abs() < 1e-9
                && (s.f1 - 0.8).abs() < 1e-9
        );
    }
}
