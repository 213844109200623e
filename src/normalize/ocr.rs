//! OCR letter repair: "Keaders" → "Leaders", "Ltalian" → "Italian".
//!
//! A word is repaired only when it is unknown to the lexicon and to the
//! protected names, and exactly one frequent word lies one *classic* OCR
//! confusion away (K/L, I/l, l/1, O/0, rn/m, cl/d, c/e, h/b, vv/w). Unknown
//! words with no such neighbour are names the lexicon does not know
//! (Kishida, Yonaguni) and stay as they are, unless exactly one name the
//! gazetteers hold lies one such confusion away ("Kagos" → "Lagos"). The
//! check is a hash probe per word plus a handful of probes per unknown
//! word, so cost is linear.

use super::breaks::{capital_before, followed_by_capital};
use super::{Change, Pass, PassContext, PassNotes};
use crate::normalize::lexicon::{Casing, Lexicon};

/// Confusions, as (seen, meant) on lower-case text.
const CONFUSIONS: &[(&str, &str)] = &[
    ("k", "l"),
    ("l", "i"),
    ("i", "l"),
    ("1", "l"),
    ("1", "i"),
    ("0", "o"),
    ("rn", "m"),
    ("m", "rn"),
    ("cl", "d"),
    ("d", "cl"),
    ("c", "e"),
    ("e", "c"),
    ("h", "b"),
    ("b", "h"),
    ("vv", "w"),
];

/// Least corpus count a replacement must have (SymSpell counts; "leaders"
/// has about 35 million, "disinformation" about 460 thousand). Words the
/// news model saw lower-case in running text count as this frequent even
/// where the SymSpell list lacks them ("canceled").
const MIN_CANDIDATE_COUNT: u64 = 100_000;
/// How much more frequent the best candidate must be than the runner-up.
const DOMINANCE: u64 = 20;
/// Shortest word considered; short tokens are too often codes or initials.
const MIN_LEN: usize = 4;
/// Short words are one letter from many others: their replacement must be
/// a common word.
const SHORT_WORD: usize = 5;
const MIN_SHORT_CANDIDATE_COUNT: u64 = 2_000_000;
/// Shortest all-capitals word considered; shorter ones are acronyms.
const MIN_CAPS_LEN: usize = 5;

/// The OCR letter repair pass.
pub struct OcrLetters;

impl Pass for OcrLetters {
    fn name(&self) -> &'static str {
        "ocr"
    }

    fn run(
        &self,
        text: &str,
        cx: &PassContext<'_>,
        changes: &mut Vec<Change>,
        _notes: &mut PassNotes,
    ) {
        let lexicon = &cx.resources.lexicon;
        if lexicon.is_empty() {
            return;
        }
        let mut buf = String::new();
        let mut fix = |at: std::ops::Range<usize>, replacement: String, confidence: f32| {
            changes.push(Change::new(at, replacement, "ocr-letter", confidence));
        };
        for (start, word) in words(text) {
            let span = start..start + word.len();
            if let Some(fixed) = zero_for_o(text, start, word, lexicon) {
                fix(span, fixed, 0.9);
                continue;
            }
            // Words are ASCII here; most have no capital and are their own
            // lookup key.
            let lower: &str = if word.bytes().any(|b| b.is_ascii_uppercase()) {
                buf.clear();
                buf.push_str(word);
                buf.make_ascii_lowercase();
                &buf
            } else {
                word
            };
            if lexicon.knows(lower) || cx.resources.protected.contains(word) {
                continue;
            }
            // Acronyms are left alone; a capitalized dateline word
            // ("KONDON") is repaired only into a name the lexicon writes
            // capitalized.
            let caps = is_all_caps(word);
            if caps && word.len() < MIN_CAPS_LEN {
                continue;
            }
            // A short lower-case word between two capitalized ones is a
            // particle of a name the lexicon does not know ("Maryam bint
            // Nasser", not "hint").
            if !caps
                && word.len() <= 4
                && word.starts_with(|c: char| c.is_ascii_lowercase())
                && capital_before(text, span.start)
                && followed_by_capital(text, span.end)
            {
                continue;
            }
            let fixed = repair(lower, lexicon);
            if fixed.is_none()
                && !caps
                && let Some(name) = repair_name(word, lower, &cx.resources.protected)
            {
                fix(span, name, 0.7);
                continue;
            }
            if let Some(fixed) = fixed {
                if caps && lexicon.casing(&fixed) != Casing::Capital {
                    continue;
                }
                // A capitalized word beside another is read as part of a
                // name ("Kang Min-seok", "Pape Malick Seck"): only a word
                // written capitalized ("Ltalian Prime Minister") repairs
                // it, never a common word ("Lang", "Seek").
                if !caps
                    && word.starts_with(|c: char| c.is_ascii_uppercase())
                    && lexicon.casing(&fixed) != Casing::Capital
                    && beside_capitalized(text, span.clone())
                {
                    continue;
                }
                let replacement = if caps {
                    fixed.to_uppercase()
                } else {
                    match_case(word, &fixed, lexicon)
                };
                fix(span, replacement, 0.8);
            }
        }
    }
}

/// The words the pass judges, with their byte offsets: runs of ASCII
/// letters and digits of at least [`MIN_LEN`] bytes with a letter among
/// them. A word glued to other letters (accented, apostrophes) is still a
/// word; the apostrophe ends it. The cheap tests (length, a letter) come
/// before the look at the neighbouring characters.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            if WORD_BYTE[usize::from(bytes[i])] == 0 {
                i += 1;
                continue;
            }
            let start = i;
            let mut kinds = 0;
            while let Some(&b) = bytes.get(i) {
                let kind = WORD_BYTE[usize::from(b)];
                if kind == 0 {
                    break;
                }
                kinds |= kind;
                i += 1;
            }
            if i - start < MIN_LEN || kinds & LETTER == 0 {
                continue;
            }
            // Skip words glued to non-ASCII letters (names with accents):
            // the lexicon cannot judge them.
            let glued = |c: Option<char>| c.is_some_and(|c| !c.is_ascii() && c.is_alphabetic());
            let before = bytes[..start].last().is_some_and(|b| !b.is_ascii())
                && glued(text[..start].chars().next_back());
            let after =
                bytes.get(i).is_some_and(|b| !b.is_ascii()) && glued(text[i..].chars().next());
            if before || after {
                continue;
            }
            return Some((start, &text[start..i]));
        }
        None
    })
}

/// What each byte is in a word: 0 outside words, else [`DIGIT`] or
/// [`LETTER`] (ASCII only), so the word scan is one table load a byte.
const DIGIT: u8 = 1;
const LETTER: u8 = 2;
static WORD_BYTE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x80 {
        table[b] = match b as u8 {
            b'0'..=b'9' => DIGIT,
            b'a'..=b'z' | b'A'..=b'Z' => LETTER,
            _ => 0,
        };
        b += 1;
    }
    table
};

/// A zero read for an O: "0kafor", "0utplayed", "0SLO". No word starts
/// with a digit followed by letters only, so this holds for names the
/// lexicon does not know too. The O is lower-case where the lexicon writes
/// the word lower-case and it does not start a sentence.
fn zero_for_o(text: &str, start: usize, word: &str, lexicon: &Lexicon) -> Option<String> {
    let rest = word.strip_prefix('0')?;
    if rest.len() < 3 || !rest.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let all_caps = rest.bytes().all(|b| b.is_ascii_uppercase());
    let lower = format!("o{}", rest.to_ascii_lowercase());
    let sentence_start = text[..start]
        .trim_end()
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | '“' | '"' | '\n'));
    let capital = all_caps || sentence_start || lexicon.casing(&lower) != Casing::Lower;
    Some(format!("{}{rest}", if capital { 'O' } else { 'o' }))
}

/// True when the word at `at` has a capitalized word right before or
/// after it in the same sentence, with one space between (the whitespace
/// pass has run).
fn beside_capitalized(text: &str, at: std::ops::Range<usize>) -> bool {
    let after_word = text[..at.start]
        .trim_end_matches(' ')
        .ends_with(char::is_alphanumeric);
    (after_word && capital_before(text, at.start)) || followed_by_capital(text, at.end)
}

fn is_all_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_ascii_alphabetic()).count() > 1
        && !word.chars().any(|c| c.is_ascii_lowercase())
}

/// The one frequent word a classic confusion away from `lower`, if any.
fn repair(lower: &str, lexicon: &Lexicon) -> Option<String> {
    let mut best: Option<(u64, String)> = None;
    let mut second = 0u64;
    let mut candidate = String::with_capacity(lower.len() + 1);
    // The ASCII bytes of the word, so a confusion whose first letter it
    // lacks costs one test instead of a scan.
    let present = lower.bytes().fold(0u128, |set, b| {
        set | 1u128.checked_shl(u32::from(b)).unwrap_or(0)
    });
    for (seen, meant) in CONFUSIONS {
        let first = seen.as_bytes()[0];
        if present & (1u128 << first) == 0 {
            continue;
        }
        for at in occurrences(lower.as_bytes(), seen.as_bytes()) {
            candidate.clear();
            candidate.push_str(&lower[..at]);
            candidate.push_str(meant);
            candidate.push_str(&lower[at + seen.len()..]);
            let count = frequency(&candidate, lexicon);
            let least = if lower.len() <= SHORT_WORD {
                MIN_SHORT_CANDIDATE_COUNT
            } else {
                MIN_CANDIDATE_COUNT
            };
            if count < least {
                continue;
            }
            match &best {
                Some((_, w)) if *w == candidate => {}
                Some((c, _)) if count > *c => {
                    second = *c;
                    best = Some((count, candidate.clone()));
                }
                Some(_) => second = second.max(count),
                None => best = Some((count, candidate.clone())),
            }
        }
    }
    let (count, word) = best?;
    (count >= second.saturating_mul(DOMINANCE)).then_some(word)
}

/// Shortest capitalized word repaired into a gazetteer name: short names
/// are one letter from too many others.
const MIN_NAME_LEN: usize = 5;

/// Confusions of a capital letter, as (seen, meant) lower-cased: the
/// strokes of K, L and I read for one another ("Keaders", "Ltalian").
/// Inside a name, the other confusions turn one real name into another
/// too often ("Haile" → "Halle", "Aidan" → "Aldan").
const CAPITAL_CONFUSIONS: &[(&str, &str)] = &[("k", "l"), ("l", "i"), ("i", "l")];

/// The gazetteer name a confusion of its capital away from the capitalized
/// `word` (`lower` is its lower-case form), if there is one. Each capital
/// has one confusion, so there is at most one.
fn repair_name(
    word: &str,
    lower: &str,
    names: &crate::normalize::lexicon::FastSet<String>,
) -> Option<String> {
    if word.len() < MIN_NAME_LEN || !word.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let (seen, meant) = CAPITAL_CONFUSIONS
        .iter()
        .find(|(seen, _)| lower.starts_with(seen))?;
    let name = format!("{}{}", meant.to_ascii_uppercase(), &lower[seen.len()..]);
    names.contains(&name).then_some(name)
}

/// Starts of the non-overlapping occurrences of `pattern` in `haystack`,
/// left to right, as `str::match_indices` finds them; a plain byte
/// comparison, which beats a substring searcher for these one- and
/// two-letter patterns. The first byte is compared on its own: a slice
/// comparison at every position is a `memcmp` call each.
fn occurrences<'h>(haystack: &'h [u8], pattern: &'h [u8]) -> impl Iterator<Item = usize> + 'h {
    let mut at = 0;
    std::iter::from_fn(move || {
        let (&first, rest) = pattern.split_first()?;
        while at + pattern.len() <= haystack.len() {
            if haystack[at] == first && haystack[at + 1..].starts_with(rest) {
                let found = at;
                at += pattern.len();
                return Some(found);
            }
            at += 1;
        }
        None
    })
}

/// How frequent `word` counts as a replacement: one lookup for both the
/// count and the casing bit.
fn frequency(word: &str, lexicon: &Lexicon) -> u64 {
    match lexicon.info(word) {
        Some(info) if info.seen_lower_in_news() => info.count.max(MIN_CANDIDATE_COUNT),
        Some(info) => info.count,
        None => 0,
    }
}

/// Gives `fixed` the case pattern of `word`: a capital first letter stays a
/// capital, and so does a leading digit read as a capital letter ("0ttawa")
/// where the lexicon writes the word capitalized.
fn match_case(word: &str, fixed: &str, lexicon: &Lexicon) -> String {
    let first = word.chars().next();
    let capital = first.is_some_and(char::is_uppercase)
        || (first.is_some_and(|c| c.is_ascii_digit()) && lexicon.casing(fixed) == Casing::Capital);
    let mut chars = fixed.chars();
    match chars.next() {
        Some(first) if capital => first.to_uppercase().chain(chars).collect(),
        _ => fixed.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Resources;

    fn run(text: &str) -> String {
        let resources = crate::normalize::tests::standard_resources();
        run_with(text, resources)
    }

    fn run_with(text: &str, resources: &Resources) -> String {
        crate::normalize::tests::run_pass(&OcrLetters, text, resources).0
    }

    #[test]
    fn repairs_classic_confusions() {
        let cases = [
            (
                "talks with fellow Group of Seven. Keaders that",
                "talks with fellow Group of Seven. Leaders that",
            ),
            (
                "Trudeau. Ltalian Prime Minister",
                "Trudeau. Italian Prime Minister",
            ),
            ("the ltalian team", "the italian team"),
            ("flights were eanceled", "flights were canceled"),
            ("the hushfire spread", "the bushfire spread"),
            ("KONDON – Prices rose", "LONDON – Prices rose"),
            ("health eenters", "health centers"),
            ("a rnajor step", "a major step"),
            ("after the Keaders met", "after the Leaders met"),
            ("the 0fficial said", "the official said"),
            ("he clecided to go", "he decided to go"),
        ];
        for (input, want) in cases {
            assert_eq!(run(input), want, "input {input:?}");
        }
    }

    #[test]
    fn leaves_names_and_known_words_alone() {
        let cases = [
            "Kishida met leaders on Yonaguni and Ishigaki.",
            "Giorgia Meloni and Emmanuel Macron in Kyiv.",
            "NASA and the IAEA, KLM and LTTE.",
            "Kelly, Lake and Iowa are words or names.",
            "Zelenskyy thanked Erdoğan in Kraków.",
            // Unknown names one confusion from a common word ("Seek",
            // "Lang", "Clan"), beside another capitalized word.
            "Defender Pape Malick Seck scored, Kang Min-seok said.",
            "The forward Cian Mulqueen scored twice.",
            "code X1Y2 and 2024 and 10am",
        ];
        for input in cases {
            assert_eq!(run(input), input);
        }
    }

    #[test]
    fn a_misread_capital_of_a_gazetteer_name_is_repaired() {
        let mut resources = Resources::standard().expect("embedded lexicon parses");
        resources.protect(["Lagos", "Halle", "Ibadan"]);
        let run = |text: &str| run_with(text, &resources);
        assert_eq!(run("flights to Kagos resumed"), "flights to Lagos resumed");
        assert_eq!(run("talks in Lbadan ended"), "talks in Ibadan ended");
        // Only the capital's strokes are read for one another: "Haile" is
        // no "Halle"; nor is a lower-case word a name.
        assert_eq!(run("Haile Gebrselassie won"), "Haile Gebrselassie won");
        assert_eq!(run("the kagos"), "the kagos");
    }

    #[test]
    fn a_leading_zero_is_an_o() {
        let resources = crate::normalize::tests::standard_resources();
        let run = |text: &str| crate::normalize::tests::run_pass(&OcrLetters, text, resources).0;
        assert_eq!(run("they 0utplayed the hosts"), "they outplayed the hosts");
        assert_eq!(run("said 0kafor, a lawyer"), "said Okafor, a lawyer");
        assert_eq!(run("in 0SLO on Monday"), "in OSLO on Monday");
        assert_eq!(run("It rose. 0ther firms"), "It rose. Other firms");
        // Figures and codes are not words.
        assert_eq!(
            run("rose 0.5% in 0x1F and 007"),
            "rose 0.5% in 0x1F and 007"
        );
    }

    #[test]
    fn a_short_word_between_capitalized_ones_is_a_name_particle() {
        assert_eq!(
            run("Maryam bint Nasser Al Varzadi spoke, and a bint was found."),
            "Maryam bint Nasser Al Varzadi spoke, and a hint was found."
        );
    }

    #[test]
    fn protected_names_are_never_changed() {
        let mut resources = Resources::standard().expect("lexicon");
        assert_eq!(run_with("Keaders met", &resources), "Leaders met");
        resources.protected.insert("Keaders".to_string());
        assert_eq!(run_with("Keaders met", &resources), "Keaders met");
    }

    #[test]
    fn idle_without_a_lexicon() {
        assert_eq!(
            run_with("Keaders met", &Resources::default()),
            "Keaders met"
        );
    }
}
