//! Throughput of all normalization passes together: the seed story, damaged
//! bodies of 1 KB, 100 KB and 10 MB built by repeating it (a join every 60
//! bytes or so: the worst case), and clean bodies of the same sizes built from
//! the evaluation corpus (the common case), so the figures show whether cost
//! stays linear in body size.
//!
//! `cargo bench --bench normalize -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use wire_enricher::normalize::{Normalizer, Resources};

const SEED: &str = include_str!("../tests/data/seed-000.raw.txt");
const CLEAN: &str = concat!(
    include_str!("../eval/repair/clean/article-01.txt"),
    "\n",
    include_str!("../eval/repair/clean/article-08.txt"),
    "\n",
    include_str!("../eval/repair/clean/article-23.txt"),
);

/// `source` repeated (paragraph by paragraph) up to `len` bytes.
fn body(source: &str, len: usize) -> String {
    let mut out = String::with_capacity(len + source.len());
    'fill: loop {
        for line in source.lines() {
            if out.len() + line.len() + 1 > len {
                break 'fill;
            }
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn normalize(c: &mut Criterion) {
    let resources = Resources::standard().expect("embedded lexicon parses");
    let normalizer = Normalizer::new(Arc::new(resources));
    let mut group = c.benchmark_group("normalize");
    group.sample_size(10);
    let inputs = [
        ("seed", SEED.to_string()),
        ("damaged-1KB", body(SEED, 1_000)),
        ("damaged-100KB", body(SEED, 100_000)),
        ("damaged-10MB", body(SEED, 10_000_000)),
        ("clean-1KB", body(CLEAN, 1_000)),
        ("clean-100KB", body(CLEAN, 100_000)),
        ("clean-10MB", body(CLEAN, 10_000_000)),
    ];
    for (name, text) in &inputs {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(*name, |b| b.iter(|| normalizer.normalize(black_box(text))));
    }
    group.finish();
}

criterion_group!(benches, normalize);
criterion_main!(benches);
