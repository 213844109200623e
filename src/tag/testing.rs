//! `test-rules`: runs the tagger on sample articles with the tags a person
//! expects beside them and reports every mismatch, so a newsroom can pin
//! its rules the way `vector test` pins a pipeline config.
//!
//! A rules directory holds any of the files in [`super::RULE_FILES`] (each
//! replaces the built-in one) and samples: `NAME.txt` (or
//! `NAME.repaired.txt`), the normalized body, beside `NAME.expected.json`.
//! Samples are read from `DIR/tests/` when it exists, else from `DIR`. The
//! expected file has the shape of `seed-000.expected.json`; every list is
//! optional and lists are sets:
//!
//! ```json
//! {"dateline": {"place": "Washington", "countryCode": "US"},
//!  "people": [{"name": "Joe Biden", "title": "President", "mentions_include": ["Biden"]}],
//!  "organizations": ["NASA"], "organization_aliases": {"Group of Seven": ["G-7"]},
//!  "places": [{"name": "Japan", "countryCode": "JP"}],
//!  "nationalities": [{"text": "Japanese", "countryCode": "JP"}],
//!  "topics_top_level": [{"qcode": "medtop:11000000"}], "topics": [{"qcode": "medtop:16000000"}],
//!  "topics_absent": ["medtop:20000574"],
//!  "quotes": [{"speaker": "John Kirby", "text_starts": "Japan is"}],
//!  "quantities": [{"text": "2% of gross domestic product", "value": 2, "unit": "percent"}],
//!  "absent": ["Oval Office"]}
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Entity, EntityKind, TagError, TagInput, Tagger, Tags};

#[derive(Debug, Default, Deserialize)]
struct Expected {
    #[serde(default)]
    dateline: Option<ExpectedDateline>,
    #[serde(default)]
    people: Vec<ExpectedPerson>,
    #[serde(default)]
    organizations: Vec<String>,
    #[serde(default)]
    organization_aliases: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    places: Vec<ExpectedPlace>,
    #[serde(default)]
    nationalities: Vec<ExpectedNationality>,
    #[serde(default)]
    topics_top_level: Vec<ExpectedTopic>,
    #[serde(default)]
    topics: Vec<ExpectedTopic>,
    /// Topics (qcodes) that must not be reported.
    #[serde(default)]
    topics_absent: Vec<String>,
    #[serde(default)]
    quotes: Vec<ExpectedQuote>,
    #[serde(default)]
    quantities: Vec<ExpectedQuantity>,
    /// Strings that must not be tagged as any entity.
    #[serde(default)]
    absent: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct ExpectedDateline {
    place: Option<String>,
    /// The region or country written after the place, as the worker's
    /// dateline finder reports it.
    region: Option<String>,
    #[serde(rename = "countryCode")]
    country_code: Option<String>,
}

#[derive(Debug, Deserialize)]
struct ExpectedPerson {
    name: String,
    title: Option<String>,
    #[serde(default)]
    mentions_include: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct ExpectedPlace {
    name: String,
    #[serde(rename = "countryCode")]
    country_code: Option<String>,
    #[serde(default)]
    mentions_include: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct ExpectedNationality {
    text: String,
    #[serde(rename = "countryCode")]
    country_code: Option<String>,
}

#[derive(Debug, Deserialize)]
struct ExpectedTopic {
    qcode: String,
}

#[derive(Debug, Deserialize)]
struct ExpectedQuote {
    speaker: Option<String>,
    text_starts: String,
    /// When present the attribution is implicit: no speaker is accepted.
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
struct ExpectedQuantity {
    text: String,
    value: Option<f64>,
    unit: Option<String>,
}

/// The outcome of one sample.
#[derive(Debug, Clone, Serialize)]
pub struct SampleResult {
    pub name: String,
    pub passed: bool,
    /// Checks made.
    pub checks: usize,
    pub mismatches: Vec<String>,
}

/// The outcome of `test-rules` on a directory.
#[derive(Debug, Clone, Serialize)]
pub struct TestRulesReport {
    /// `version` of the topic rules tested.
    pub rules_version: String,
    pub samples: Vec<SampleResult>,
    pub passed: usize,
    pub failed: usize,
}

impl TestRulesReport {
    /// Whether every sample passed (and there was at least one).
    pub fn success(&self) -> bool {
        self.failed == 0 && self.passed > 0
    }
}

/// Builds the tagger from `dir` and checks every sample in it.
pub fn test_rules(dir: &Path) -> Result<TestRulesReport, TagError> {
    let tagger = Tagger::from_rules_dir(dir)?;
    let samples_dir = if dir.join("tests").is_dir() {
        dir.join("tests")
    } else {
        dir.to_path_buf()
    };
    let mut samples = Vec::new();
    for (name, body_path, expected_path) in sample_files(&samples_dir)? {
        let body = read(&body_path)?;
        let expected_text = read(&expected_path)?;
        let expected: Expected =
            serde_json::from_str(&expected_text).map_err(|source| TagError::Expected {
                path: expected_path.clone(),
                source,
            })?;
        let dateline = expected.dateline.as_ref();
        let tags = tagger.tag(&TagInput {
            body: &body,
            headline: None,
            dateline_place: dateline.and_then(|d| d.place.as_deref()),
            dateline_region: dateline.and_then(|d| d.region.as_deref()),
        });
        let mut check = Checker::default();
        check.all(&tags, &expected);
        samples.push(SampleResult {
            name,
            passed: check.mismatches.is_empty(),
            checks: check.checks,
            mismatches: check.mismatches,
        });
    }
    if samples.is_empty() {
        return Err(TagError::Sample {
            path: samples_dir,
            reason: "no NAME.txt with NAME.expected.json found".into(),
        });
    }
    let passed = samples.iter().filter(|s| s.passed).count();
    Ok(TestRulesReport {
        rules_version: tagger.rules_version().to_string(),
        failed: samples.len() - passed,
        passed,
        samples,
    })
}

fn read(path: &Path) -> Result<String, TagError> {
    std::fs::read_to_string(path).map_err(|source| TagError::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// (name, body, expected) for every `NAME.expected.json` with a body beside it.
fn sample_files(dir: &Path) -> Result<Vec<(String, PathBuf, PathBuf)>, TagError> {
    let entries = std::fs::read_dir(dir).map_err(|source| TagError::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| TagError::Read {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = entry.path();
        let Some(file) = path.file_name().and_then(|f| f.to_str()) else {
            continue;
        };
        let Some(name) = file.strip_suffix(".expected.json") else {
            continue;
        };
        let body = [format!("{name}.txt"), format!("{name}.repaired.txt")]
            .into_iter()
            .map(|f| dir.join(f))
            .find(|p| p.is_file())
            .ok_or_else(|| TagError::Sample {
                path: path.clone(),
                reason: format!("no {name}.txt or {name}.repaired.txt beside it"),
            })?;
        out.push((name.to_string(), body, path));
    }
    out.sort();
    Ok(out)
}

#[derive(Default)]
struct Checker {
    checks: usize,
    mismatches: Vec<String>,
}

fn named<'a>(tags: &'a Tags, kind: EntityKind, name: &str) -> Option<&'a Entity> {
    tags.entities.iter().find(|e| {
        e.kind == kind
            && (e.text == name || e.canonical == name || e.mentions.iter().any(|m| m.text == name))
    })
}

fn describe(tags: &Tags, name: &str) -> String {
    let other: Vec<String> = tags
        .entities
        .iter()
        .filter(|e| {
            e.text == name || e.canonical == name || e.mentions.iter().any(|m| m.text == name)
        })
        .map(|e| format!("{:?}", e.kind).to_lowercase())
        .collect();
    if other.is_empty() {
        "not found".to_string()
    } else {
        format!("found as {}", other.join(", "))
    }
}

impl Checker {
    fn expect(&mut self, ok: bool, what: impl FnOnce() -> String) {
        self.checks += 1;
        if !ok {
            self.mismatches.push(what());
        }
    }

    fn entity(&mut self, tags: &Tags, kind: EntityKind, label: &str, name: &str) -> Option<Entity> {
        let e = named(tags, kind, name).cloned();
        self.expect(e.is_some(), || {
            format!("{label} {name:?}: {}", describe(tags, name))
        });
        e
    }

    fn all(&mut self, tags: &Tags, x: &Expected) {
        if let Some(cc) = x.dateline.as_ref().and_then(|d| d.country_code.as_deref()) {
            self.expect(tags.dateline_country.as_deref() == Some(cc), || {
                format!(
                    "dateline country: want {cc}, got {:?}",
                    tags.dateline_country
                )
            });
        }
        for p in &x.people {
            let Some(e) = self.entity(tags, EntityKind::Person, "person", &p.name) else {
                continue;
            };
            if let Some(t) = &p.title {
                self.expect(e.title.as_deref() == Some(t.as_str()), || {
                    format!("title of {:?}: want {t:?}, got {:?}", p.name, e.title)
                });
            }
            for m in &p.mentions_include {
                self.expect(e.mentions.iter().any(|x| &x.text == m), || {
                    format!("person {:?} lacks mention {m:?}", p.name)
                });
            }
        }
        for o in &x.organizations {
            self.entity(tags, EntityKind::Organization, "organization", o);
        }
        for (o, aliases) in &x.organization_aliases {
            let Some(e) = named(tags, EntityKind::Organization, o) else {
                continue;
            };
            for a in aliases {
                self.expect(e.mentions.iter().any(|m| &m.text == a), || {
                    format!("organization {o:?} lacks mention {a:?}")
                });
            }
        }
        for p in &x.places {
            let Some(e) = self.entity(tags, EntityKind::Place, "place", &p.name) else {
                continue;
            };
            if let Some(cc) = &p.country_code {
                self.expect(e.country_code.as_deref() == Some(cc.as_str()), || {
                    format!(
                        "country of {:?}: want {cc}, got {:?}",
                        p.name, e.country_code
                    )
                });
            }
            for m in &p.mentions_include {
                self.expect(e.mentions.iter().any(|x| &x.text == m), || {
                    format!("place {:?} lacks mention {m:?}", p.name)
                });
            }
        }
        for n in &x.nationalities {
            let Some(e) = self.entity(tags, EntityKind::Nationality, "nationality", &n.text) else {
                continue;
            };
            if let Some(cc) = &n.country_code {
                self.expect(e.country_code.as_deref() == Some(cc.as_str()), || {
                    format!(
                        "country of {:?}: want {cc}, got {:?}",
                        n.text, e.country_code
                    )
                });
            }
        }
        for t in x.topics_top_level.iter().chain(&x.topics) {
            self.expect(tags.topics.iter().any(|f| f.qcode == t.qcode), || {
                let found: Vec<&str> = tags.topics.iter().map(|f| f.qcode.as_str()).collect();
                format!("topic {} not among {found:?}", t.qcode)
            });
        }
        for qcode in &x.topics_absent {
            let found = tags.topics.iter().find(|f| f.qcode == *qcode);
            self.expect(found.is_none(), || {
                let score = found.map_or(0.0, |f| f.score);
                format!("topic {qcode} reported (score {score:.2}), expected absent")
            });
        }
        for q in &x.quotes {
            let found = tags
                .quotes
                .iter()
                .find(|f| f.text.starts_with(&q.text_starts));
            self.expect(found.is_some(), || {
                format!("quote {:?} not found", q.text_starts)
            });
            let (Some(f), Some(want)) = (found, &q.speaker) else {
                continue;
            };
            let got = f.speaker.as_ref().map(|s| s.text.as_str());
            let ok = got == Some(want.as_str()) || (q.note.is_some() && got.is_none());
            self.expect(ok, || {
                format!("speaker of {:?}: want {want:?}, got {got:?}", q.text_starts)
            });
        }
        for q in &x.quantities {
            let found = tags.quantities.iter().find(|f| f.text == q.text);
            self.expect(found.is_some(), || {
                format!("quantity {:?} not found", q.text)
            });
            let Some(f) = found else { continue };
            if let Some(v) = q.value {
                self.expect((f.value - v).abs() < 1e-9, || {
                    format!("value of {:?}: want {v}, got {}", q.text, f.value)
                });
            }
            if let Some(u) = &q.unit {
                self.expect(&f.unit == u, || {
                    format!("unit of {:?}: want {u}, got {}", q.text, f.unit)
                });
            }
        }
        for a in &x.absent {
            let tagged = tags
                .entities
                .iter()
                .any(|e| e.mentions.iter().any(|m| &m.text == a));
            self.expect(!tagged, || {
                format!("{a:?} should not be tagged: {}", describe(tags, a))
            });
        }
        // No person may also be a place or an organisation.
        for p in &x.people {
            for kind in [EntityKind::Place, EntityKind::Organization] {
                self.expect(named(tags, kind, &p.name).is_none(), || {
                    format!("person {:?} also tagged {kind:?}", p.name)
                });
            }
        }
    }
}

impl fmt::Display for TestRulesReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "testing rules {}", self.rules_version)?;
        for s in &self.samples {
            if s.passed {
                writeln!(f, "test {} ... passed ({} checks)", s.name, s.checks)?;
            } else {
                writeln!(
                    f,
                    "test {} ... failed ({} of {} checks)",
                    s.name,
                    s.mismatches.len(),
                    s.checks
                )?;
                for m in &s.mismatches {
                    writeln!(f, "  - {m}")?;
                }
            }
        }
        writeln!(f, "{} passed, {} failed", self.passed, self.failed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) {
        std::fs::write(dir.join(name), text).expect("write sample");
    }

    #[test]
    fn reports_passes_and_mismatches() {
        let dir = tempfile::tempdir().expect("tempdir");
        write(
            dir.path(),
            "a.txt",
            "PARIS – President Emmanuel Macron met NATO leaders in Paris.",
        );
        write(
            dir.path(),
            "a.expected.json",
            r#"{"dateline": {"place": "Paris", "countryCode": "FR"},
                "people": [{"name": "Emmanuel Macron", "title": "President"}],
                "organizations": ["NATO"], "places": [{"name": "Paris", "countryCode": "FR"}]}"#,
        );
        write(dir.path(), "b.txt", "Nothing here.");
        write(
            dir.path(),
            "b.expected.json",
            r#"{"organizations": ["NASA"]}"#,
        );
        write(
            dir.path(),
            "c.txt",
            "Voters went to the polls on Sunday in a tight election. Turnout \
             was high and the ballots were counted overnight, the election \
             commission said. The opposition candidate won the election.",
        );
        write(
            dir.path(),
            "c.expected.json",
            r#"{"topics_absent": ["medtop:11000000"]}"#,
        );
        let report = test_rules(dir.path()).expect("runs");
        assert_eq!((report.passed, report.failed), (1, 2));
        assert!(report.samples[1].mismatches[0].contains("NASA"));
        let absent = &report.samples[2].mismatches;
        assert!(absent[0].contains("medtop:11000000") && absent[0].contains("absent"));
        assert!(report.to_string().contains("1 passed, 2 failed"));
    }

    #[test]
    fn bad_rules_and_missing_bodies_fail() {
        let dir = tempfile::tempdir().expect("tempdir");
        write(dir.path(), "topics.toml", "version = 1");
        assert!(matches!(
            test_rules(dir.path()),
            Err(TagError::Rules { .. })
        ));
        let dir = tempfile::tempdir().expect("tempdir");
        write(dir.path(), "x.expected.json", "{}");
        assert!(matches!(
            test_rules(dir.path()),
            Err(TagError::Sample { .. })
        ));
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(matches!(
            test_rules(dir.path()),
            Err(TagError::Sample { .. })
        ));
    }
}
