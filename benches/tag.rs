//! Tagging speed on the seed article (about 660 words), the tagger built
//! once as in the worker; plus tagger construction (start-up cost).
//!
//! `cargo bench --bench tag`

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use wire_enricher::tag::{TagInput, Tagger};

const BODY: &str = include_str!("../tests/data/seed-000.repaired.txt");

fn tag_seed(c: &mut Criterion) {
    let tagger = match Tagger::from_embedded() {
        Ok(t) => t,
        Err(e) => panic!("embedded tagging data: {e}"),
    };
    let input = TagInput {
        body: BODY,
        headline: Some("Biden, Kishida to hold talks at White House"),
        dateline_place: Some("Washington"),
        dateline_region: None,
    };
    c.bench_function("tag/seed-000", |b| b.iter(|| tagger.tag(black_box(&input))));
    // The parts, to see where the time goes.
    let language = wire_enricher::tag::language::LanguageDetector::new();
    c.bench_function("part/language", |b| {
        b.iter(|| language.detect(black_box(BODY)))
    });
    let sentences = wire_enricher::tag::sentences::SentenceSplitter::new();
    c.bench_function("part/sentences", |b| {
        b.iter(|| sentences.split(black_box(BODY)))
    });
    let quantities = match wire_enricher::tag::quantities::QuantityRules::new() {
        Ok(q) => q,
        Err(e) => panic!("quantity patterns: {e}"),
    };
    let index = wire_enricher::tag::text::CharIndex::new(BODY);
    let words = wire_enricher::tag::text::words(BODY);
    c.bench_function("part/quantities", |b| {
        b.iter(|| quantities.find(black_box(BODY), &words, &index))
    });
    c.bench_function("part/words", |b| {
        b.iter(|| wire_enricher::tag::text::words(black_box(BODY)))
    });
    let mut slow = c.benchmark_group("startup");
    slow.sample_size(10);
    slow.bench_function("tagger/from_embedded", |b| {
        b.iter(|| Tagger::from_embedded().map(|t| t.rules_version().len()))
    });
    slow.finish();
}

criterion_group!(benches, tag_seed);
criterion_main!(benches);
