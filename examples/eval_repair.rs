//! Runs the repair evaluation until the CLI subcommand is wired:
//! `cargo run --release --example eval_repair -- [CORPUS_DIR] [SEED] [--json]`.

use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .map_or_else(|| PathBuf::from("eval/repair/clean"), PathBuf::from);
    let seed: u64 = args.next().map_or(Ok(1), |s| s.parse())?;
    let report = wire_enricher::eval::run(&dir, seed)?;
    if args.any(|a| a == "--json") {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{report}");
    }
    Ok(())
}
