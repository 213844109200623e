//! Whole-pipeline throughput: decode → normalize → tag → encode on the seed
//! story (plain text and JSON-wrapped) and on a short article.
//!
//! `cargo bench --bench pipeline`

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use wire_enricher::article::Limits;
use wire_enricher::pipeline::{Meta, Pipeline, encode};

const SEED: &str = include_str!("../tests/data/seed-000.raw.txt");

fn bench(c: &mut Criterion) {
    let pipeline = Pipeline::new(Limits::default());
    let meta = Meta {
        subject: Some("wire.raw.ap"),
        stream_sequence: Some(1),
        msg_id: None,
        processed_at: "2026-01-01T00:00:00Z",
    };
    let json =
        serde_json::json!({"id": "seed-000", "headline": "Biden and Kishida meet", "body": SEED})
            .to_string();
    let short = r#"{"id":"s1","body":"LONDON (Reuters) - Shares rose 2% on Monday after the central bank held rates. Reuters"}"#;

    let mut group = c.benchmark_group("pipeline");
    for (name, payload) in [
        ("seed_text", SEED.as_bytes()),
        ("seed_json", json.as_bytes()),
        ("short_json", short.as_bytes()),
    ] {
        group.throughput(Throughput::Bytes(payload.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                let enriched = pipeline
                    .process(black_box(payload), &meta)
                    .expect("valid input");
                black_box(encode(&enriched.record))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
