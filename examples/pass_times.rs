//! Times each normalization pass on its own over a 10 MB body built from the
//! seed story, to see where normalization time goes:
//! `cargo run --release --example pass_times`.

use std::sync::Arc;
use std::time::Instant;

use wire_enricher::normalize::{Normalizer, PassContext, PassNotes, Resources, standard_passes};

/// Time this thread has spent on a CPU (Linux schedstat), so that figures
/// taken on a busy machine are not counted while the thread waits.
fn cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

fn main() -> anyhow::Result<()> {
    let seed = include_str!("../tests/data/seed-000.raw.txt");
    let mut text = String::with_capacity(10_100_000);
    while text.len() < 10_000_000 {
        for line in seed.lines() {
            text.push_str(line);
            text.push('\n');
        }
    }
    let resources = Resources::standard()?;
    let cx = PassContext {
        resources: &resources,
    };
    let passes = standard_passes();
    let clean = include_str!("../eval/repair/clean/article-01.txt");
    let mut clean_body = String::with_capacity(10_100_000);
    while clean_body.len() < 10_000_000 {
        clean_body.push_str(clean);
        clean_body.push('\n');
    }
    for (label, body) in [("damaged", &text), ("clean", &clean_body)] {
        println!("{label} copy, 10 MB:");
        for pass in &passes {
            let start = Instant::now();
            let mut changes = Vec::new();
            pass.run(body, &cx, &mut changes, &mut PassNotes::default());
            let ms = start.elapsed().as_secs_f64() * 1e3;
            println!(
                "{:>14} {ms:>8.1} ms {:>8} changes",
                pass.name(),
                changes.len()
            );
        }
    }
    // Small bodies: each pass run many times on 1 KB, for per-call costs.
    let small: String = clean_body.chars().take(1000).collect();
    println!("clean copy, 1 KB x 10000:");
    for pass in &passes {
        let start = cpu_ns();
        for _ in 0..10_000 {
            let mut changes = Vec::new();
            pass.run(&small, &cx, &mut changes, &mut PassNotes::default());
        }
        let us = cpu_ns()
            .zip(start)
            .map_or(f64::NAN, |(b, a)| (b - a) as f64 / 1e3 / 10_000.0);
        println!("{:>14} {us:>8.2} µs per call on CPU", pass.name());
    }
    let normalizer = Normalizer::new(Arc::new(resources));
    let cpu_start = cpu_ns();
    let out = normalizer.normalize(&clean_body);
    let cpu = cpu_ns().zip(cpu_start).map(|(b, a)| (b - a) as f64 / 1e9);
    println!(
        "{:>14} {:>8} edits on 10 MB of clean copy, {} MB/s on CPU",
        "all passes",
        out.edits.len(),
        cpu.map_or("?".to_string(), |c| format!(
            "{:.1}",
            clean_body.len() as f64 / c / 1e6
        ))
    );
    let start = Instant::now();
    let cpu_start = cpu_ns();
    let out = normalizer.normalize(&text);
    let secs = start.elapsed().as_secs_f64();
    let cpu = cpu_ns().zip(cpu_start).map(|(b, a)| (b - a) as f64 / 1e9);
    println!(
        "{:>14} {:>8.1} ms {:>8} edits, {:.1} MB/s wall, {} MB/s on CPU",
        "all passes",
        secs * 1e3,
        out.edits.len(),
        text.len() as f64 / secs / 1e6,
        cpu.map_or("?".to_string(), |c| format!(
            "{:.1}",
            text.len() as f64 / c / 1e6
        ))
    );
    Ok(())
}
