//! Level-2 topic samples: short articles in `tests/data/topics/`, each with
//! the topics it must get (checked by `test-rules`, as a newsroom would run
//! it) and, under `topics_absent`, the level-2 topics it must not get.
//! `test-rules` reads only the expected tags, so the absent list is checked
//! here with the built-in rules.

use std::path::{Path, PathBuf};

use serde_json::Value;
use wire_enricher::tag::{TagInput, Tagger};

fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/topics")
}

#[test]
fn test_rules_passes_on_the_topic_samples() {
    let report = wire_enricher::tag::test_rules(&samples_dir()).expect("runs");
    assert!(report.success(), "{report}");
}

#[test]
fn topic_samples_get_no_unrelated_level_2_topic() {
    let tagger = Tagger::from_embedded().expect("embedded data builds");
    let mut checked = 0;
    let mut wrong = Vec::new();
    for entry in std::fs::read_dir(samples_dir()).expect("samples dir") {
        let path = entry.expect("dir entry").path();
        let Some(name) = path
            .file_name()
            .and_then(|f| f.to_str())
            .and_then(|f| f.strip_suffix(".expected.json"))
        else {
            continue;
        };
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("expected file"))
                .expect("expected json");
        let body = std::fs::read_to_string(samples_dir().join(format!("{name}.txt")))
            .expect("sample body");
        let tags = tagger.tag(&TagInput {
            body: &body,
            headline: None,
            dateline_place: None,
        });
        let absent = expected["topics_absent"].as_array().expect("topics_absent");
        assert!(!absent.is_empty(), "{name}: topics_absent is empty");
        for qcode in absent.iter().filter_map(Value::as_str) {
            checked += 1;
            if tags.topics.iter().any(|t| t.qcode == qcode) {
                wrong.push(format!("{name}: {qcode}"));
            }
        }
    }
    assert!(checked > 0, "no samples found");
    assert!(wrong.is_empty(), "topics that do not fit: {wrong:?}");
}
