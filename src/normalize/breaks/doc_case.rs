//! How a document itself writes its words, where nothing forces a capital.
//!
//! A join must give the word after the period its case back, and the word
//! lists only know how words are usually written: "three" is lower-case,
//! "arsenal" seen both ways, "Rover" is a car. The story usually says more:
//! wire copy repeats its names and its nouns, and most of their mentions sit
//! mid-sentence, after a word or a comma, where the case is the writer's.
//! "the. Rover" in a story that also has "the rover was" is "the rover";
//! "of. Arsenal" in one that has "fans of Arsenal at home" keeps its capital.
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
    /// ("The Baltic states": "Baltic" stands on its own). One pass, with
    /// buffers reused across lines and words; only words that may be
    /// `wanted` (and capitalized ones, which shape the names around them)
    /// get a lookup key.
    pub(super) fn new(text: &str, wanted: &Wanted, function_word: impl Fn(&str) -> bool) -> Self {
        let mut casing = DocCasing::default();
        let mut tokens: Vec<&str> = Vec::new();
        let (mut key, mut prev_key, mut pair) = (String::new(), String::new(), String::new());
        for line in text.lines() {
            tokens.clear();
            tokens.extend(line.split_ascii_whitespace());
            if title_case(&tokens) {
                continue;
            }
            for (i, &token) in tokens.iter().enumerate().skip(1) {
                let prev = tokens[i - 1];
                if !wanted.may_hold(token) || !leaves_case_free(prev) {
                    continue;
                }
                let Some(capital) = first_case(token) else {
                    continue;
                };
                case_key(&mut key, token);
                if key.is_empty() {
                    continue;
                }
                // The word before: a capitalized word that can be part of a
                // name, and whether its own case was free.
                let prev_free = i > 1 && leaves_case_free(tokens[i - 2]);
                let prev_capital =
                    prev.starts_with(char::is_uppercase) && !prev.ends_with([',', ';']) && {
                        case_key(&mut prev_key, prev);
                        prev_free || !function_word(&prev_key)
                    };
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
                // Pairs only where both capitals are the writer's: after a
                // damaged period any word has one.
                if capital && prev_capital && prev_free {
                    pair.clear();
                    pair.push_str(&prev_key);
                    pair.push(' ');
                    pair.push_str(&key);
                    if !casing.name_pairs.contains(pair.as_str()) {
                        casing.name_pairs.insert(pair.clone());
                    }
                }
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

/// The words a document's casing is read for, by their first three
/// letters: a filter that spares the scan a lookup key for most tokens. It
/// may pass a token that is not wanted, never the other way round.
#[derive(Debug)]
pub(super) struct Wanted {
    /// One bit per (letter, letter or none, letter or none) of ASCII keys.
    bits: Box<[u64; Wanted::WORDS]>,
    /// Some wanted key starts with a non-ASCII letter.
    non_ascii: bool,
}

impl Default for Wanted {
    fn default() -> Self {
        Wanted {
            bits: Box::new([0; Wanted::WORDS]),
            non_ascii: false,
        }
    }
}

impl Wanted {
    const WORDS: usize = (26 * 27 * 27usize).div_ceil(64);

    /// Adds a lookup key ([`case_key`]).
    pub(super) fn add(&mut self, key: &str) {
        match Self::slot(key.as_bytes()) {
            Some(slot) => self.bits[slot / 64] |= 1 << (slot % 64),
            None => self.non_ascii |= !key.is_ascii(),
        }
    }

    /// True when no token can pass (nothing was added, or only keys that
    /// start with neither letter, which no token's key does).
    pub(super) fn is_empty(&self) -> bool {
        !self.non_ascii && self.bits.iter().all(|&word| word == 0)
    }

    /// Whether `token`'s key may be a wanted one.
    fn may_hold(&self, token: &str) -> bool {
        match Self::slot(token.as_bytes()) {
            Some(slot) => self.bits[slot / 64] & (1 << (slot % 64)) != 0,
            None => self.non_ascii && !token.is_ascii(),
        }
    }

    /// The bit of a word by its first three bytes, case folded (anything
    /// but an ASCII letter, or nothing, counts as one more value after the
    /// last third; a word stops at the first); `None` when the first is no
    /// ASCII letter.
    fn slot(bytes: &[u8]) -> Option<usize> {
        let letter = |b: u8| {
            let b = b.to_ascii_lowercase();
            b.is_ascii_lowercase().then(|| usize::from(b - b'a'))
        };
        let first = letter(*bytes.first()?)?;
        let second = bytes.get(1).and_then(|&b| letter(b));
        let third = second.and_then(|_| bytes.get(2).and_then(|&b| letter(b)));
        Some((first * 27 + second.unwrap_or(26)) * 27 + third.unwrap_or(26))
    }
}

/// The lookup key of a word: its first part before a hyphen, lower-case,
/// without a possessive, curly apostrophes made straight ("Japan’s-based"
/// → "japan").
pub(super) fn case_key(buf: &mut String, word: &str) {
    buf.clear();
    if word.is_ascii() {
        // The same steps on bytes: cut at the first hyphen, then drop
        // trailing punctuation (which a hyphen never follows in a key).
        let bytes = word.as_bytes();
        let head = &bytes[..memchr::memchr(b'-', bytes).unwrap_or(bytes.len())];
        let end = head
            .iter()
            .rposition(u8::is_ascii_alphanumeric)
            .map_or(0, |i| i + 1);
        buf.push_str(&word[..end]);
        buf.make_ascii_lowercase();
    } else {
        let word = word.trim_end_matches(|c: char| !c.is_alphanumeric());
        let head = word.split('-').next().unwrap_or(word);
        for c in head.chars().flat_map(char::to_lowercase) {
            buf.push(if c == '’' { '\'' } else { c });
        }
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
fn title_case(tokens: &[&str]) -> bool {
    let (mut words, mut capitals) = (0usize, 0usize);
    for token in tokens {
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

    /// A filter that passes every ASCII word.
    fn all() -> Wanted {
        let mut wanted = Wanted::default();
        let more = || (b'a'..=b'z').chain([b'\'']);
        for a in b'a'..=b'z' {
            for b in more() {
                for c in more() {
                    wanted.add(&String::from_utf8(vec![a, b, c]).unwrap());
                }
            }
        }
        wanted
    }

    #[test]
    fn the_filter_passes_every_wanted_word() {
        let mut wanted = Wanted::default();
        let mut key = String::new();
        for word in ["Celsius", "rover’s", "I", "Øresund", "co-op"] {
            case_key(&mut key, word);
            wanted.add(&key);
        }
        for token in [
            "celsius,",
            "Rover",
            "I",
            "Øresund",
            "Co-operation",
            "I’m",
            "Celtic",
        ] {
            assert!(wanted.may_hold(token), "{token}");
        }
        for token in ["degrees", "the", "Monday", "Rob", "cover", "42"] {
            assert!(!wanted.may_hold(token), "{token}");
        }
    }

    fn case_of(text: &str, word: &str) -> DocCase {
        let mut key = String::new();
        case_key(&mut key, word);
        DocCasing::new(text, &all(), |w| w == "the").case(&key)
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
        let casing = DocCasing::new(text, &all(), |w| w == "the");
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
