//! Counts the break pass's word-class pair table in the clean training
//! articles and writes it as Rust source:
//! `cargo run --release --example derive_tag_pairs`.

use std::path::Path;

use wire_enricher::eval::classes::{derive_from_corpus, table_source};
use wire_enricher::normalize::lexicon::Lexicon;

fn main() -> anyhow::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let table = derive_from_corpus(root, &Lexicon::embedded()?)?;
    let out = root.join("src/normalize/breaks/tag_pairs.rs");
    std::fs::write(&out, table_source(&table))?;
    // In the layout `cargo fmt --check` expects.
    let status = std::process::Command::new("rustfmt")
        .args(["--edition", "2024"])
        .arg(&out)
        .status()?;
    anyhow::ensure!(status.success(), "rustfmt failed on {}", out.display());
    println!("wrote {}", out.display());
    Ok(())
}
