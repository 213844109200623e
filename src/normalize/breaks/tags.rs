//! Word classes around a break candidate, and how the pair of classes on
//! either side of a period leans: towards a sentence end ("crops. The", a
//! noun then a determiner) or towards running text ("the. Government", a
//! determiner then a noun).
//!
//! The table ([`derive_table`]) is counted in clean English text and
//! compiled in (`tag_pairs.rs`): pairs of adjacent words inside sentences
//! (across commas too, since damaged copy turns a comma before a wrap into a
//! period) against pairs across sentence ends. Each entry is
//! ln P(pair | inside a sentence) − ln P(pair | across an end), smoothed
//! towards the product of the two classes' own rates, so a positive value
//! is evidence of a wrap.

use crate::normalize::lexicon::{Lexicon, Pos};

/// A word's class: its usual part of speech, or what its shape says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tag {
    Nominal,
    Adjective,
    Finite,
    NonFinite,
    Determiner,
    Linking,
    Other,
    /// Capitalized where the capital is the writer's, and no common word
    /// other than a noun or adjective.
    Name,
    /// No word the lexicon tags.
    Unknown,
    /// Starts with a digit.
    Number,
    /// No word at all (punctuation, or nothing).
    Punct,
}

/// How many classes there are.
pub const TAGS: usize = Tag::Punct as usize + 1;

/// A table of log-odds by (first class, second class).
pub type Table = [[f32; TAGS]; TAGS];

/// The class of `word`. `cased`: whether its capital, if any, is the
/// writer's (false for the word after a candidate's period, whose capital
/// the damage may have made). `key` is a reusable buffer.
pub(super) fn tag(word: &str, cased: bool, lexicon: &Lexicon, key: &mut String) -> Tag {
    let word = word
        .trim_start_matches(['“', '"', '‘', '\'', '(', '['])
        .trim_end_matches(|c: char| !c.is_alphanumeric());
    let Some(first) = word.chars().next() else {
        return Tag::Punct;
    };
    if first.is_ascii_digit() {
        return Tag::Number;
    }
    super::fill_key(key, word);
    let pos = lexicon.pos(key).or_else(|| {
        let stem = key.strip_suffix("'s")?;
        lexicon.pos(stem)
    });
    if cased && first.is_uppercase() && pos.is_none_or(|p| p.usually(Pos::NOMINAL | Pos::ADJECTIVE))
    {
        return Tag::Name;
    }
    let Some(pos) = pos else {
        return Tag::Unknown;
    };
    match pos.usual() {
        Pos::NOMINAL => Tag::Nominal,
        Pos::ADJECTIVE => Tag::Adjective,
        Pos::FINITE => Tag::Finite,
        Pos::NON_FINITE => Tag::NonFinite,
        Pos::DETERMINER => Tag::Determiner,
        Pos::LINKING => Tag::Linking,
        _ => Tag::Other,
    }
}

/// True when `word` ends a sentence: a period, "?" or "!", closing quotes
/// and brackets aside.
fn ends_sentence(word: &str) -> bool {
    word.trim_end_matches(['”', '"', '’', '\'', ')'])
        .ends_with(['.', '?', '!'])
}

fn opens_quote(word: &str) -> bool {
    word.starts_with(['“', '"', '‘'])
}

/// Pair counts: inside sentences and across sentence ends.
#[derive(Default)]
struct Counts {
    inside: Box<[[u32; TAGS]; TAGS]>,
    end: Box<[[u32; TAGS]; TAGS]>,
}

impl Counts {
    /// ln P(pair | inside) − ln P(pair | end), each smoothed with weight
    /// `SMOOTHING` towards the product of its classes' rates.
    fn log_odds(&self) -> Table {
        let side = |counts: &[[u32; TAGS]; TAGS]| {
            let total: u32 = counts.iter().flatten().sum();
            let n = f64::from(total);
            let mut rows = [0.0f64; TAGS];
            let mut cols = [0.0f64; TAGS];
            for (a, row) in counts.iter().enumerate() {
                for (b, &count) in row.iter().enumerate() {
                    rows[a] += f64::from(count);
                    cols[b] += f64::from(count);
                }
            }
            let rate = |x: f64| (x + 0.5) / (n + 0.5 * TAGS as f64);
            let mut p = [[0.0f64; TAGS]; TAGS];
            for (a, row) in counts.iter().enumerate() {
                for (b, &count) in row.iter().enumerate() {
                    let prior = rate(rows[a]) * rate(cols[b]);
                    p[a][b] = (f64::from(count) + SMOOTHING * prior) / (n + SMOOTHING);
                }
            }
            p
        };
        let (inside, end) = (side(&self.inside), side(&self.end));
        let mut table = [[0.0f32; TAGS]; TAGS];
        for a in 0..TAGS {
            for b in 0..TAGS {
                table[a][b] = (inside[a][b].ln() - end[a][b].ln()) as f32;
            }
        }
        table
    }
}

/// Where the tables are counted, from the crate root: the clean training
/// articles of the repair evaluation.
pub const TAG_PAIRS_SOURCE: &str = "eval/repair/train";

/// The clean articles in `dir` (`*.txt`, by name).
pub fn training_texts(dir: &std::path::Path) -> std::io::Result<Vec<String>> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    paths.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    paths.sort();
    paths.iter().map(std::fs::read_to_string).collect()
}

/// How many pairs' worth of weight the smoothing prior gets.
const SMOOTHING: f64 = 20.0;

/// Counts the table in clean `texts` (one paragraph a line): the class of
/// the word before a period (or any word) against the class of the word
/// after it.
pub fn derive_table(texts: &[&str], lexicon: &Lexicon) -> Table {
    let mut counts = Counts::default();
    let key = &mut String::new();
    for text in texts {
        let mut last: Option<&str> = None;
        for line in text.lines() {
            let words: Vec<&str> = line.split_whitespace().collect();
            // A paragraph end is a sentence end too.
            if let (Some(a), Some(b)) = (last, words.first())
                && ends_sentence(a)
                && b.starts_with(char::is_alphabetic)
            {
                counts.end[tag(a, true, lexicon, key) as usize]
                    [tag(b, false, lexicon, key) as usize] += 1;
            }
            last = words.last().copied().or(last);
            for pair in words.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                // The word after a candidate never opens a quote.
                if opens_quote(b) {
                    continue;
                }
                let (ta, tb) = (tag(a, true, lexicon, key), tag(b, false, lexicon, key));
                if !ends_sentence(a) {
                    counts.inside[ta as usize][tb as usize] += 1;
                } else if b.starts_with(char::is_uppercase) {
                    counts.end[ta as usize][tb as usize] += 1;
                }
            }
        }
    }
    counts.log_odds()
}

/// The table as the Rust source of `tag_pairs.rs`.
pub fn table_source(table: &Table) -> String {
    let mut out = String::from(
        "//! Generated by `cargo run --release --example derive_tag_pairs`: the class\n\
         //! pair table of `tags.rs`, counted in the project's own clean training\n\
         //! articles (`eval/repair/train/`). Do not edit by hand.\n\n\
         use super::tags::{TAGS, Table};\n\n\
         pub(super) const ACROSS: Table = [\n",
    );
    for row in table {
        let cells: Vec<String> = row.iter().map(|v| format!("{v:.3}")).collect();
        out.push_str(&format!("    [{}],\n", cells.join(", ")));
    }
    out.push_str(&format!("];\n\nconst _: () = assert!(TAGS == {TAGS});\n"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> &'static Lexicon {
        &crate::normalize::tests::standard_resources().lexicon
    }

    #[test]
    fn words_get_their_usual_class_or_their_shape() {
        let key = &mut String::new();
        let mut tag = |word: &str, cased: bool| tag(word, cased, lexicon(), key);
        assert_eq!(tag("the", true), Tag::Determiner);
        assert_eq!(tag("crops", true), Tag::Nominal);
        assert_eq!(tag("said", true), Tag::Finite);
        assert_eq!(tag("of", true), Tag::Linking);
        assert_eq!(tag("“Government", true), Tag::Name);
        // The damage may have made the capital: the word's own class.
        assert_eq!(tag("Government", false), Tag::Nominal);
        // A capitalized function word is no name.
        assert_eq!(tag("The", true), Tag::Determiner);
        assert_eq!(tag("Kjeldsen", false), Tag::Unknown);
        assert_eq!(tag("2019,", true), Tag::Number);
        assert_eq!(tag("”", true), Tag::Punct);
    }

    #[test]
    fn the_table_leans_towards_ends_and_towards_running_text_where_english_does() {
        let c = |t: Tag| t as usize;
        let across = &super::super::tag_pairs::ACROSS;
        // "crops. The": a noun then a determiner is mostly a sentence end.
        assert!(across[c(Tag::Nominal)][c(Tag::Determiner)] < -1.0);
        // "the. Government", "in. March": never one.
        assert!(across[c(Tag::Determiner)][c(Tag::Nominal)] > 2.0);
        assert!(across[c(Tag::Linking)][c(Tag::Nominal)] > 2.0);
    }

    #[test]
    fn the_compiled_table_is_the_one_the_training_articles_give() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(TAG_PAIRS_SOURCE);
        let texts = training_texts(&dir).unwrap();
        assert!(texts.len() >= 30, "{} articles", texts.len());
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let derived = derive_table(&texts, lexicon());
        for (a, (row, want)) in super::super::tag_pairs::ACROSS
            .iter()
            .zip(&derived)
            .enumerate()
        {
            for (b, (have, want)) in row.iter().zip(want).enumerate() {
                assert!(
                    (have - want).abs() < 0.001,
                    "({a}, {b}): {have} compiled, {want} derived; run `cargo run --release --example derive_tag_pairs`"
                );
            }
        }
    }
}
