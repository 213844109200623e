//! The NER evaluation on `eval/ner/` runs and stays above a floor; run with
//! `--nocapture` to see the report.

use std::path::Path;

#[test]
fn ner_evaluation_meets_the_floor() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("eval/ner");
    let report = wire_enricher::tag::evaluate(&dir).expect("evaluation runs");
    println!("{report}");
    assert!(report.documents >= 30, "{} documents", report.documents);
    assert!(
        report.overall.f1 >= 0.80,
        "overall F1 {:.3}",
        report.overall.f1
    );
}
