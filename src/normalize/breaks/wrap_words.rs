//! Evidence learned from damaged copy: a weight for each word, word pair
//! and word shape seen around a break candidate.
//!
//! The hand-made features of [`super::features`] say what the words beside
//! a period are (a preposition, a title, a common word). These say how the
//! particular words behaved: over synthetic damage of the project's own
//! news-style corpus, which words before and after a period and which shapes
//! of the three words on each side left a wrap and which a real sentence
//! end. (How many words lie between periods is left out: in damaged copy
//! it measures the line length, which the line fit of [`super::chain`]
//! already weighs, and counting it twice joined real sentence ends.) The
//! weights are fitted (`scripts/fit_wrap_words.py`) on top of the rest of
//! the local evidence, so they only carry what it misses, and live in
//! `data/lexicon/wrap_words.tsv`.
//!
//! Words at least as frequent as [`VOCABULARY`] stand for themselves; rarer
//! words and names stand for their shape, so a name the training text
//! invented teaches nothing about other names.

use super::Candidate;
use crate::normalize::lexicon::Lexicon;

/// Words counted this often in the lexicon are read as themselves (about
/// the 10,000 most frequent).
const VOCABULARY: u64 = 4_000_000;

/// The feature templates, by the names the weights file uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Template {
    /// The word before the period.
    Prev,
    /// The word before that.
    Prev2,
    /// The word after the period.
    Next,
    /// The word after that.
    Next2,
    /// The words on both sides of the period.
    PrevNext,
    /// The two words after the period.
    NextPair,
    /// The word after the period, the shape of the one after it.
    NextShape2,
    /// The shapes of three words on each side.
    Shapes,
    /// After a quote the period closes: the two words after it ("time.”
    /// Gov. Rebecca Hollins said" is a speaker, where two names after a
    /// plain period open a sentence).
    QuotedNext,
    /// After a quote the period closes: the shapes of three words after it.
    QuotedShapes,
    /// The sentence's [`State`] and the word before the period.
    StatePrev,
    /// The sentence's state and the word after it: "He" after a sentence
    /// with no verb yet ("Along with Prime Minister Rishi Sunak. He") is
    /// not what it is after a whole sentence.
    StateNext,
    /// The sentence's state and the shapes around the period.
    StateShapes,
}

/// What the rest of the pass knows of the sentence around a candidate.
#[derive(Debug, Clone, Copy)]
pub(super) struct State {
    /// The words since the last sentence end hold a finite verb.
    pub has_verb: bool,
    /// The words after the period, to the next sentence end, hold none.
    pub verbless_next: bool,
}

impl State {
    fn name(self) -> &'static str {
        match (self.has_verb, self.verbless_next) {
            (true, false) => "v",
            (true, true) => "vx",
            (false, false) => "n",
            (false, true) => "nx",
        }
    }
}

impl Template {
    pub(super) const fn name(self) -> &'static str {
        match self {
            Template::Prev => "p1",
            Template::Prev2 => "p2",
            Template::Next => "n1",
            Template::Next2 => "n2",
            Template::PrevNext => "p1n1",
            Template::NextPair => "n1n2",
            Template::NextShape2 => "n1s2",
            Template::Shapes => "shapes",
            Template::QuotedNext => "qn1n2",
            Template::QuotedShapes => "qshapes",
            Template::StatePrev => "sp1",
            Template::StateNext => "sn1",
            Template::StateShapes => "sshapes",
        }
    }
}

/// Buffers reused across one document's candidates.
#[derive(Debug, Default)]
pub(super) struct WrapWords {
    lower: [String; 4],
    shapes: String,
}

impl WrapWords {
    /// The summed weight of every feature of `c`.
    pub(super) fn evidence(
        &mut self,
        text: &str,
        c: &Candidate,
        state: State,
        lexicon: &Lexicon,
    ) -> f32 {
        let mut sum = 0.0;
        self.features(text, c, state, lexicon, |t, a, b| {
            sum += lexicon.wrap_weight(t.name(), a, b);
        });
        sum
    }

    /// Calls `f` with each feature of `c`: its template and two parts.
    pub(super) fn features(
        &mut self,
        text: &str,
        c: &Candidate,
        state: State,
        lexicon: &Lexicon,
        mut f: impl FnMut(Template, &str, &str),
    ) {
        let mut left = text[..c.gap.start].rsplit(char::is_whitespace);
        let mut right = text[c.gap.end..].split(char::is_whitespace);
        let mut left3 = [""; 3];
        let mut right3 = [""; 3];
        for slot in &mut left3 {
            *slot = left.find(|w| !w.is_empty()).unwrap_or("");
        }
        for slot in &mut right3 {
            *slot = right.find(|w| !w.is_empty()).unwrap_or("");
        }
        let [b0, b1, b2, b3] = &mut self.lower;
        let p1 = token(left3[0], lexicon, b0);
        let p2 = token(left3[1], lexicon, b1);
        let n1 = token(right3[0], lexicon, b2);
        let n2 = token(right3[1], lexicon, b3);
        f(Template::Prev, p1, "");
        f(Template::Prev2, p2, "");
        f(Template::Next, n1, "");
        f(Template::Next2, n2, "");
        f(Template::PrevNext, p1, n1);
        f(Template::NextPair, n1, n2);
        f(Template::NextShape2, n1, shape(right3[1]));
        self.shapes.clear();
        for w in left3.iter().rev() {
            self.shapes.push_str(shape(w));
        }
        self.shapes.push('.');
        for w in &right3 {
            self.shapes.push_str(shape(w));
        }
        f(Template::Shapes, &self.shapes, "");
        let state = state.name();
        f(Template::StatePrev, state, p1);
        f(Template::StateNext, state, n1);
        f(Template::StateShapes, state, &self.shapes);
        if c.quoted {
            f(Template::QuotedNext, n1, n2);
            let after = self.shapes.len() - 3;
            f(Template::QuotedShapes, &self.shapes[after..], "");
        }
    }
}

/// A word as the model reads it: lower-case when frequent, else its shape.
fn token<'b>(word: &str, lexicon: &Lexicon, buf: &'b mut String) -> &'b str {
    let core = word.trim_matches(|c: char| !c.is_alphanumeric());
    buf.clear();
    if core.is_ascii() {
        buf.push_str(core);
        buf.make_ascii_lowercase();
    } else {
        buf.extend(core.chars().flat_map(char::to_lowercase));
    }
    if core.is_empty() || lexicon.count(buf) < VOCABULARY {
        let s = shape(word);
        buf.clear();
        buf.push('#');
        buf.push_str(s);
    }
    buf
}

/// A word's shape: capitalized, lower-case, a number, or something else
/// (a dash, nothing).
fn shape(word: &str) -> &'static str {
    match word.chars().find(|c| c.is_alphanumeric()) {
        Some(c) if c.is_uppercase() => "C",
        Some(c) if c.is_lowercase() => "l",
        Some(c) if c.is_numeric() => "D",
        _ => "O",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(text: &str) -> Vec<String> {
        let lexicon = &crate::normalize::tests::standard_resources().lexicon;
        let c = super::super::find_candidates(text)
            .next()
            .expect("a candidate");
        let mut out = Vec::new();
        let state = State {
            has_verb: true,
            verbless_next: false,
        };
        WrapWords::default().features(text, &c, state, lexicon, |t, a, b| {
            out.push(format!("{} {a} {b}", t.name()));
        });
        out
    }

    #[test]
    fn reads_words_shapes_and_lengths() {
        let got = features("Prices rose. Again in the Kowalski region.");
        assert_eq!(
            got,
            [
                "p1 rose ",
                "p2 prices ",
                "n1 again ",
                "n2 in ",
                "p1n1 rose again",
                "n1n2 again in",
                "n1s2 again l",
                "shapes OCl.Cll ",
                "sp1 v rose",
                "sn1 v again",
                "sshapes v OCl.Cll",
            ]
        );
    }

    #[test]
    fn rare_words_and_names_stand_for_their_shape() {
        let got = features("met Wojciechowski. Kowalczyk said 12 had left");
        assert!(got.contains(&"p1n1 #C #C".to_string()), "{got:?}");
        assert!(got.contains(&"n2 said ".to_string()), "{got:?}");
        assert!(got.contains(&"shapes OlC.ClD ".to_string()), "{got:?}");
    }

    #[test]
    fn a_closed_quote_has_features_of_its_own() {
        let got = features("“We will see.” Gov. Rebecca Hollins said");
        assert!(got.contains(&"qn1n2 #C #C".to_string()), "{got:?}");
        assert!(got.contains(&"qshapes CCC ".to_string()), "{got:?}");
        let plain = features("We will see. Gov. Rebecca Hollins said");
        assert!(!plain.iter().any(|f| f.starts_with('q')), "{plain:?}");
    }

    #[test]
    fn a_line_break_is_white_space_and_the_text_ends_in_empty_shapes() {
        let got = features("Vote.\nIn");
        assert!(got.contains(&"shapes OOC.COO ".to_string()), "{got:?}");
        assert!(got.contains(&"n1n2 in #O".to_string()), "{got:?}");
    }
}
