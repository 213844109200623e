//! Level-2 topic samples: short articles in `tests/data/topics/`, each with
//! the topics it must get and, under `topics_absent`, the level-2 topics it
//! must not get, checked by `test-rules` as a newsroom would run it.

use std::path::Path;

#[test]
fn test_rules_passes_on_the_topic_samples() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/topics");
    let report = wire_enricher::tag::test_rules(&dir).expect("runs");
    assert_eq!(report.samples.len(), 8, "{report}");
    assert!(report.success(), "{report}");
}
