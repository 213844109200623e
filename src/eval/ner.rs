//! Entity tagging measured on the text the tagger sees in the worker: the
//! annotated set (`eval/ner/`) run through the repair stage, as written or
//! first damaged the way wire feeds damage copy.
//!
//! `eval-ner` on its own tags the annotated text as written. Real copy
//! reaches the tagger through the normalizer, and damaged copy through the
//! break and OCR repair, whose misses (a name's capital lost, a common word
//! left capitalized after a kept break, a name run into the sentence
//! before) cost entities. Scoring the same gold pairs on damaged and
//! repaired text measures what the repair leaves for the tagger.

use std::path::Path;

use clap::ValueEnum;

use super::EvalError;
use super::repair::{Rng, Wrap, article_seed, damage};
use crate::article::Limits;
use crate::pipeline::Pipeline;
use crate::tag::eval::{NerReport, Prepared, evaluate_prepared};

/// Damaged versions scored per annotated document.
const ROUNDS: u64 = 4;

/// What the tagger is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NerInput {
    /// The annotated text as written, not normalized.
    AsWritten,
    /// The text after the worker's normalizer, as clean copy reaches the
    /// tagger.
    Normalized,
    /// Damaged (wrapped at one width per document, wraps turned into
    /// sentence breaks, OCR swaps), then normalized.
    Damaged,
    /// Damaged with a new wrap width every line, then normalized.
    Irregular,
    /// Damaged with a new wrap width every line, each wrap moved back to
    /// the start of a phrase near it, as the seed story's are; then
    /// normalized.
    Phrase,
}

/// Scores the worker's tagger on every annotated `*.txt` in `dir`, given
/// the text as `input` says; damage is drawn from `seed`.
pub fn run(dir: &Path, input: NerInput, seed: u64) -> Result<NerReport, EvalError> {
    let pipeline = Pipeline::build(Limits::default(), None)?;
    let normalizer = pipeline.normalizer();
    let lexicon = &normalizer.resources().lexicon;
    let repaired = |text: &str| {
        let normalized = normalizer.normalize(text);
        let (dateline_place, dateline_region) = normalized
            .dateline
            .map_or((None, None), |d| (Some(d.place), d.region));
        Prepared {
            dateline_place,
            dateline_region,
            text: normalized.text,
        }
    };
    let report = match input {
        NerInput::AsWritten => crate::tag::eval::evaluate_with(pipeline.tagger(), dir)?,
        NerInput::Normalized => {
            evaluate_prepared(pipeline.tagger(), dir, |_, text| vec![repaired(text)])?
        }
        NerInput::Damaged | NerInput::Irregular | NerInput::Phrase => {
            let wrap = match input {
                NerInput::Irregular => Wrap::PerLine,
                NerInput::Phrase => Wrap::Phrase,
                _ => Wrap::Regular,
            };
            evaluate_prepared(pipeline.tagger(), dir, |name, text| {
                (0..ROUNDS)
                    .map(|round| {
                        let mut rng = Rng::new(article_seed(seed, name, round));
                        repaired(&damage(text, &mut rng, lexicon, wrap).text)
                    })
                    .collect()
            })?
        }
    };
    Ok(report)
}
