//! Why building a tagger failed. Construction is the only fallible step:
//! data and rules are parsed and compiled once, and a bad file fails here,
//! never on a message.

use std::path::PathBuf;

/// A failure to load or compile tagging data and rules.
#[derive(Debug, thiserror::Error)]
pub enum TagError {
    /// A data or rules file could not be read.
    #[error("cannot read {path}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A line of a tab-separated data file is malformed.
    #[error("{file} line {line}: {reason}")]
    Data {
        file: String,
        line: usize,
        reason: &'static str,
    },
    /// The topic rules file is not valid TOML of the expected shape.
    #[error("topic rules {file} are invalid")]
    Rules {
        file: String,
        #[source]
        source: toml::de::Error,
    },
    /// A topic rule is well-formed TOML but makes no sense.
    #[error("topic rule {rule}: {reason}")]
    Rule { rule: String, reason: String },
    /// A regex in a topic rule does not compile.
    #[error("topic rule {rule}: bad regex")]
    Regex {
        rule: String,
        #[source]
        source: regex::Error,
    },
    /// A built-in pattern does not compile.
    #[error("cannot compile the {what} patterns")]
    Pattern {
        what: &'static str,
        #[source]
        source: regex::Error,
    },
    /// An Aho-Corasick automaton could not be built.
    #[error("cannot build the {what} automaton")]
    Automaton {
        what: &'static str,
        #[source]
        source: aho_corasick::BuildError,
    },
    /// An evaluation or test sample is malformed.
    #[error("sample {path}: {reason}")]
    Sample { path: PathBuf, reason: String },
    /// An expected-tags file is not valid JSON of the expected shape.
    #[error("expected tags {path} are invalid")]
    Expected {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
}
