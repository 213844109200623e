//! Offline evaluations of the core: each builds what it measures from data
//! in the repository, runs it deterministically (seeded) and returns a
//! report that serializes to JSON and prints as a readable table. The CLI
//! calls these; nothing here touches NATS, the clock or the environment.

pub mod classes;
pub mod ner;
pub mod repair;

use std::path::PathBuf;

pub use repair::{RepairReport, run};

/// Why an evaluation could not run.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("cannot read corpus directory {path}")]
    ReadCorpus {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot read article {path}")]
    ReadArticle {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("no articles (*.txt) in {path}")]
    EmptyCorpus { path: PathBuf },
    #[error("embedded lexicon unreadable")]
    Lexicon(#[from] crate::normalize::lexicon::LexiconError),
    #[error("cannot build the pipeline")]
    Pipeline(#[from] crate::pipeline::BuildError),
    #[error("cannot evaluate tagging")]
    Tag(#[from] crate::tag::TagError),
}
