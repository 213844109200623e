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
//! invented teaches nothing about other names. Every word also has a class
//! ([`class`]: its usual part of speech, else its ending, else "a name"),
//! and the classes around the period are read with the sentence's state,
//! so rare words that behave alike teach each other: "terminal. Building"
//! and "water. Bottles" are both a noun before a plural noun.

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
    /// The two words before the period.
    PrevPair,
    /// Whether a comma or a closed quote falls in the three words before
    /// the word before the period, and that word: ", officials said." ends
    /// a sentence where "Officials said. The toll" runs on.
    CommaPrev,
    /// The classes of the words on both sides of the period.
    Classes,
    /// The classes of the word before the period and the two after it.
    Classes3,
}

/// What the rest of the pass knows of the sentence around a candidate.
#[derive(Debug, Clone, Copy)]
pub(super) struct State {
    /// The words since the last sentence end hold a finite verb.
    pub has_verb: bool,
    /// The words after the period, to the next sentence end, hold none.
    pub verbless_next: bool,
    /// Those words join items with "and" or "or": a list's end.
    pub verbless_list: bool,
}

impl State {
    fn name(self) -> &'static str {
        match (self.has_verb, self.verbless_next, self.verbless_list) {
            (true, false, _) => "v",
            (true, true, false) => "vx",
            (true, true, true) => "vxa",
            (false, false, _) => "n",
            (false, true, false) => "nx",
            (false, true, true) => "nxa",
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
            Template::PrevPair => "p2p1",
            Template::CommaPrev => "cp1",
            Template::Classes => "k",
            Template::Classes3 => "k3",
        }
    }
}

/// Buffers reused across one document's candidates.
#[derive(Debug, Default)]
pub(super) struct WrapWords {
    lower: [String; 4],
    shapes: String,
    classes: String,
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
        let mut left_words = [""; 4];
        let mut right_words = [""; 3];
        for slot in &mut left_words {
            *slot = left.find(|w| !w.is_empty()).unwrap_or("");
        }
        for slot in &mut right_words {
            *slot = right.find(|w| !w.is_empty()).unwrap_or("");
        }
        let [b0, b1, b2, b3] = &mut self.lower;
        let (p1, k1) = read(left_words[0], lexicon, b0);
        let (p2, _) = read(left_words[1], lexicon, b1);
        let (n1, k2) = read(right_words[0], lexicon, b2);
        let (n2, k3) = read(right_words[1], lexicon, b3);
        f(Template::Prev, p1, "");
        f(Template::Prev2, p2, "");
        f(Template::Next, n1, "");
        f(Template::Next2, n2, "");
        f(Template::PrevNext, p1, n1);
        f(Template::NextPair, n1, n2);
        f(Template::NextShape2, n1, shape(right_words[1]));
        self.shapes.clear();
        for w in left_words[..3].iter().rev() {
            self.shapes.push_str(shape(w));
        }
        self.shapes.push('.');
        for w in &right_words {
            self.shapes.push_str(shape(w));
        }
        f(Template::Shapes, &self.shapes, "");
        let state = state.name();
        f(Template::StatePrev, state, p1);
        f(Template::StateNext, state, n1);
        f(Template::StateShapes, state, &self.shapes);
        f(Template::PrevPair, p2, p1);
        let comma = left_words[1..].iter().any(|w| {
            w.trim_end_matches(['”', '"', '’', '\'', ')'])
                .ends_with(',')
                || w.ends_with(['”', '"'])
        });
        f(Template::CommaPrev, if comma { "," } else { "-" }, p1);
        self.classes.clear();
        self.classes.push_str(state);
        self.classes.push('.');
        self.classes.push_str(k1);
        self.classes.push('.');
        self.classes.push_str(k2);
        f(Template::Classes, &self.classes, "");
        self.classes.push('.');
        self.classes.push_str(k3);
        f(Template::Classes3, &self.classes, "");
        if c.quoted {
            f(Template::QuotedNext, n1, n2);
            let after = self.shapes.len() - 3;
            f(Template::QuotedShapes, &self.shapes[after..], "");
        }
    }
}

/// A word as the model reads it, lower-cased once: the word itself when
/// frequent, else its shape; and its class ([`class`]).
fn read<'b>(word: &str, lexicon: &Lexicon, buf: &'b mut String) -> (&'b str, &'static str) {
    let core = word.trim_matches(|c: char| !c.is_alphanumeric());
    buf.clear();
    if core.is_ascii() {
        buf.push_str(core);
        buf.make_ascii_lowercase();
    } else {
        buf.extend(core.chars().flat_map(char::to_lowercase));
    }
    let info = lexicon.info(buf);
    let class = class(core, buf, info.is_some(), lexicon);
    if core.is_empty() || info.map_or(0, |w| w.count) < VOCABULARY {
        let s = shape(word);
        buf.clear();
        buf.push('#');
        buf.push_str(s);
    }
    (buf, class)
}

/// A word's class from its trimmed form `core`, lower-cased `lower`:
/// its usual part of speech when the lexicon lists it, else its ending,
/// and "X" for a word the lexicon does not know (a name) or that is not
/// ASCII.
fn class(core: &str, lower: &str, known: bool, lexicon: &Lexicon) -> &'static str {
    use crate::normalize::lexicon::Pos;
    if core.is_empty() {
        return "O";
    }
    if core.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
        return "D";
    }
    if !core.is_ascii() {
        return "X";
    }
    if let Some(pos) = lexicon.pos(lower) {
        let u = pos.usual();
        return if u & Pos::NOMINAL != 0 {
            if lower.ends_with('s') { "Ns" } else { "N" }
        } else if u & Pos::ADJECTIVE != 0 {
            "J"
        } else if u & Pos::FINITE != 0 {
            "F"
        } else if u & Pos::NON_FINITE != 0 {
            "V"
        } else if u & Pos::DETERMINER != 0 {
            "T"
        } else if u & Pos::LINKING != 0 {
            "L"
        } else {
            "R"
        };
    }
    if !known {
        return "X";
    }
    for (suffix, name) in [
        ("ing", "-ing"),
        ("ed", "-ed"),
        ("ly", "-ly"),
        ("tion", "-tion"),
        ("ers", "-ers"),
        ("er", "-er"),
        ("s", "-s"),
    ] {
        if lower.ends_with(suffix) {
            return name;
        }
    }
    "-"
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
            verbless_list: false,
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
                "p2p1 prices rose",
                "cp1 - rose",
                "k v.F.R ",
                "k3 v.F.R.L ",
            ]
        );
    }

    #[test]
    fn a_comma_before_the_clause_and_word_classes() {
        let got = features("The toll could rise, officials said. The rescue continued");
        assert!(got.contains(&"cp1 , said".to_string()), "{got:?}");
        let got = features("Officials said. The toll could rise");
        assert!(got.contains(&"cp1 - said".to_string()), "{got:?}");
        // A plural noun, an article, an adjective; a word the lexicon
        // does not know reads as a name.
        let got = features("in five years. A dramatic increase");
        assert!(got.contains(&"k v.Ns.T ".to_string()), "{got:?}");
        assert!(got.contains(&"k3 v.Ns.T.J ".to_string()), "{got:?}");
        let got = features("met Wojciechowski. Kowalczyk said");
        assert!(got.contains(&"k v.X.X ".to_string()), "{got:?}");
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
