//! How a document itself writes its words, where nothing forces a capital.
//!
//! A join must give the word after the period its case back, and the word
//! lists only know how words are usually written: "three" is lower-case,
//! "Celsius" seen both ways, "Rover" is a car. The story usually says more:
//! wire copy repeats its names and its nouns, and most of their mentions sit
//! mid-sentence, after a word or a comma, where the case is the writer's.
//! "the. Rover" in a story that also has "the rover was" is "the rover";
//! "degrees. Celsius" in one that has "35 degrees Celsius" keeps its capital.
//!
//! Only positions where the case is free count: after a word that does not
//! end a sentence (letters, digits, a comma, a semicolon, a closing bracket),
//! not after a period, a colon, a quote or a dash, never the first word of a
//! line that reads like a headline in title case, and not words written all
//! in capitals (acronyms, datelines).

use crate::normalize::lexicon::{FastMap, FastSet};

/// How a document writes one word where its case is free.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DocCase {
    /// Only lower-case.
    Lower,
    /// With a capital, and at least once on its own, between lower-case
    /// words ("35 degrees Celsius on"): a name, not a part of one.
    Capital,
    /// Both ways, only inside longer names, or never where the case is free.
    Unknown,
}

/// Free-position spellings of one word.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    lower: u32,
    /// Capitalized between lower-case words.
    alone: u32,
    /// Capitalized next to another capitalized word.
    in_name: u32,
}

/// Each word's free-position spellings in one document, by lookup key
/// ([`case_key`]), and the pairs of capitalized words seen together.
#[derive(Debug, Default)]
pub(super) struct DocCasing {
    words: FastMap<String, Counts>,
    name_pairs: FastSet<String>,
}

impl DocCasing {
    /// Reads every free position of `text`; `function_word` tells the
    /// lower-case words that are no part of a name at a sentence start
    /// ("The Baltic states": "Baltic" stands on its own).
    pub(super) fn new(text: &str, function_word: impl Fn(&str) -> bool) -> Self {
        let mut casing = DocCasing::default();
        let mut key = String::new();
        let mut prev_key = String::new();
        for line in text.lines() {
            if title_case(line) {
                continue;
            }
            let tokens: Vec<&str> = line.split_whitespace().collect();
            // Whether the previous token was a capitalized word that can be
            // part of a name, and whether its case was free.
            let (mut prev_capital, mut prev_free) = (false, false);
            for (i, &token) in tokens.iter().enumerate() {
                let free = i > 0 && leaves_case_free(tokens[i - 1]);
                let case = first_case(token);
                case_key(&mut key, token);
                if let Some(capital) = case.filter(|_| free && !key.is_empty()) {
                    let counts = match casing.words.get_mut(key.as_str()) {
                        Some(counts) => counts,
                        None => casing.words.entry(key.clone()).or_default(),
                    };
                    if !capital {
                        counts.lower += 1;
                    } else if prev_capital || in_name(&tokens, i) {
                        counts.in_name += 1;
                    } else {
                        counts.alone += 1;
                    }
                    // Pairs only where both capitals are the writer's: after
                    // a damaged period any word has one.
                    if capital && prev_capital && prev_free {
                        casing.name_pairs.insert(format!("{prev_key} {key}"));
                    }
                }
                prev_capital = token.starts_with(char::is_uppercase)
                    && !token.ends_with([',', ';', '.'])
                    && (free || !function_word(&key));
                prev_free = free;
                std::mem::swap(&mut prev_key, &mut key);
            }
        }
        casing
    }

    /// How the document writes the word whose key is `key`.
    pub(super) fn case(&self, key: &str) -> DocCase {
        match self.words.get(key) {
            Some(c) if c.lower > 0 && c.alone + c.in_name == 0 => DocCase::Lower,
            Some(c) if c.alone > 0 && c.lower == 0 => DocCase::Capital,
            _ => DocCase::Unknown,
        }
    }

    /// Whether the two words, by key, stand together capitalized somewhere
    /// in the document where their case is free ("Coral Coast").
    pub(super) fn name_pair(&self, first: &str, second: &str, buf: &mut String) -> bool {
        buf.clear();
        buf.push_str(first);
        buf.push(' ');
        buf.push_str(second);
        self.name_pairs.contains(buf.as_str())
    }
}

/// The lookup key of a word: its first part before a hyphen, lower-case,
/// without a possessive, curly apostrophes made straight ("Japan’s-based"
/// → "japan").
pub(super) fn case_key(buf: &mut String, word: &str) {
    buf.clear();
    let word = word.trim_end_matches(|c: char| !c.is_alphanumeric());
    let head = word.split('-').next().unwrap_or(word);
    for c in head.chars().flat_map(char::to_lowercase) {
        buf.push(if c == '’' { '\'' } else { c });
    }
    if buf.len() > 2 && buf.ends_with("'s") {
        buf.truncate(buf.len() - 2);
    }
}

/// Whether the capitalized token at `i` has a capitalized word beside
/// it, directly or across a linking word of a longer name ("Ministry of
/// Economy", "Organization for Migration", "Education and Scientific
/// Research").
fn in_name(tokens: &[&str], i: usize) -> bool {
    const LINKS: &[&str] = &["of", "for", "and", "&", "de"];
    let capital = |j: usize| {
        tokens.get(j).is_some_and(|t| {
            t.trim_start_matches(['“', '"', '('])
                .starts_with(char::is_uppercase)
        })
    };
    let link = |j: usize| {
        tokens
            .get(j)
            .is_some_and(|t| LINKS.contains(&t.trim_end_matches('.')))
    };
    let own_end = tokens[i].ends_with([',', ';', '.']);
    (!own_end && (capital(i + 1) || (link(i + 1) && capital(i + 2))))
        || (i >= 2 && link(i - 1) && !tokens[i - 1].ends_with('.') && capital(i - 2))
}

/// Whether a token starts with a capital (`Some(true)`) or a lower-case
/// letter (`Some(false)`); `None` for tokens whose case says nothing: one
/// opening with a quote or bracket, a digit, or written all in capitals.
fn first_case(token: &str) -> Option<bool> {
    let mut chars = token.chars();
    let first = chars.next()?;
    if first.is_lowercase() {
        return Some(false);
    }
    if !first.is_uppercase() {
        return None;
    }
    // "NATO", "U.S.", "WASHINGTON": no lower-case letter at all.
    token.chars().any(char::is_lowercase).then_some(true)
}

/// True when the token after this one is mid-sentence: this one ends in a
/// letter, a digit, a comma, a semicolon, a closing bracket or a percent
/// sign.
fn leaves_case_free(token: &str) -> bool {
    let Some(last) = token.chars().next_back() else {
        return false;
    };
    last.is_alphanumeric() || matches!(last, ',' | ';' | ')' | '%')
}

/// A headline written in title case: three or more words, most of them
/// capitalized ("Japan Seeks Stronger Defense Ties With Allies").
fn title_case(line: &str) -> bool {
    let (mut words, mut capitals) = (0usize, 0usize);
    for token in line.split_whitespace() {
        match first_case(token) {
            Some(true) => {
                words += 1;
                capitals += 1;
            }
            Some(false) => words += 1,
            None => {}
        }
    }
    words >= 3 && capitals * 2 > words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case_of(text: &str, word: &str) -> DocCase {
        let mut key = String::new();
        case_key(&mut key, word);
        DocCasing::new(text, |w| w == "the").case(&key)
    }

    #[test]
    fn words_mid_sentence_give_their_case() {
        let text = "The rover landed, and the rover’s wheels turned. Temperatures hit \
                    35 degrees Celsius on Monday.";
        assert_eq!(case_of(text, "Rover"), DocCase::Lower);
        assert_eq!(case_of(text, "celsius"), DocCase::Capital);
        assert_eq!(case_of(text, "Monday"), DocCase::Capital);
    }

    #[test]
    fn sentence_starts_quotes_and_capitals_say_nothing() {
        let text = "He left. Temperatures fell, “Nobody came,” said the NATO \
                    official – Officials said.";
        // After a period, an opening quote, a dash; written in capitals.
        assert_eq!(case_of(text, "temperatures"), DocCase::Unknown);
        assert_eq!(case_of(text, "nobody"), DocCase::Unknown);
        assert_eq!(case_of(text, "officials"), DocCase::Unknown);
        assert_eq!(case_of(text, "nato"), DocCase::Unknown);
        assert_eq!(case_of(text, "he"), DocCase::Unknown);
    }

    #[test]
    fn parts_of_longer_names_are_pairs_not_names() {
        let text = "Ships waited at the Port of Busan, and the Coral Coast was shut.";
        assert_eq!(case_of(text, "port"), DocCase::Unknown);
        assert_eq!(case_of(text, "coast"), DocCase::Unknown);
        let mut buf = String::new();
        let casing = DocCasing::new(text, |w| w == "the");
        assert!(casing.name_pair("coral", "coast", &mut buf));
        assert!(!casing.name_pair("the", "coral", &mut buf));
    }

    #[test]
    fn a_word_seen_both_ways_is_unknown() {
        let text = "They reached the coast on foot, then drove along the Coast road.";
        assert_eq!(case_of(text, "coast"), DocCase::Unknown);
    }

    #[test]
    fn title_case_headlines_are_skipped() {
        let text = "Japan Seeks Stronger Defense Ties\nThe talks in Tokyo seek stronger ties.";
        assert_eq!(case_of(text, "stronger"), DocCase::Lower);
        assert_eq!(case_of(text, "seeks"), DocCase::Unknown);
    }
}
