//! Word classes around a break candidate, and how the pair of classes on
//! either side of a period leans: towards a sentence end ("crops. The", a
//! noun then a determiner) or towards running text ("the. Government", a
//! determiner then a noun).
//!
//! The table is counted in clean English text (`crate::eval::classes`) and
//! compiled in (`tag_pairs.rs`): pairs of adjacent words inside sentences
//! (across commas too, since damaged copy turns a comma before a wrap into a
//! period) against pairs across sentence ends. Each entry is
//! ln P(pair | inside a sentence) − ln P(pair | across an end), smoothed
//! towards the product of the two classes' own rates, so a positive value
//! is evidence of a wrap.

use crate::normalize::lexicon::{Lexicon, Pos};

/// A word's class: its usual part of speech, or what its shape says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
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
pub fn tag(word: &str, cased: bool, lexicon: &Lexicon, key: &mut String) -> Tag {
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
}
