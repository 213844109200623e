//! Times each normalization pass on its own over a 10 MB body built from the
//! seed story, to see where normalization time goes:
//! `cargo run --release --example pass_times`.

use std::sync::Arc;
use std::time::Instant;

use wire_enricher::normalize::{
    Normalizer, Pass, PassContext, PassNotes, Resources, basic, breaks, ocr, quotes,
};

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
    let passes: Vec<Box<dyn Pass>> = vec![
        Box::new(basic::ControlChars),
        Box::new(basic::Nfc),
        Box::new(basic::Whitespace::new()),
        Box::new(quotes::Typography::new()),
        Box::new(ocr::OcrLetters),
        Box::new(breaks::SpuriousBreaks::new()),
    ];
    for pass in &passes {
        let start = Instant::now();
        let mut changes = Vec::new();
        pass.run(&text, &cx, &mut changes, &mut PassNotes::default());
        let ms = start.elapsed().as_secs_f64() * 1e3;
        println!(
            "{:>14} {ms:>8.1} ms {:>8} changes",
            pass.name(),
            changes.len()
        );
    }
    let normalizer = Normalizer::new(Arc::new(resources));
    let start = Instant::now();
    let out = normalizer.normalize(&text);
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{:>14} {:>8.1} ms {:>8} edits, {:.1} MB/s",
        "all passes",
        secs * 1e3,
        out.edits.len(),
        text.len() as f64 / secs / 1e6
    );
    Ok(())
}
