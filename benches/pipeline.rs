//! Whole-pipeline throughput: decode → normalize → tag → encode on the seed
//! story (plain text and JSON-wrapped) and on a short article, then the
//! stages the tagging bench does not cover (decode, all repair passes,
//! encode) on the seed alone, so a change can be placed.
//!
//! `cargo bench --bench pipeline`

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use wire_enricher::article::{self, Limits};
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

    let mut stage = c.benchmark_group("stage");
    stage.throughput(Throughput::Bytes(SEED.len() as u64));
    let limits = Limits::default();
    stage.bench_function("decode_seed", |b| {
        b.iter(|| article::decode(black_box(SEED.as_bytes()), None, &limits))
    });
    stage.bench_function("normalize_seed", |b| {
        b.iter(|| pipeline.normalizer().normalize(black_box(SEED)))
    });
    let record = pipeline
        .process(SEED.as_bytes(), &meta)
        .expect("valid input")
        .record;
    stage.bench_function("encode_seed", |b| b.iter(|| encode(black_box(&record))));
    stage.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
