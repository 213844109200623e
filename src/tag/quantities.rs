//! Figures: percentages ("2% of gross domestic product"), money with its
//! currency ("$1.5 billion", "300 million euros") and counts with a unit
//! ("5,000 troops"). One compiled regex per kind.
//!
//! The currency-symbol pattern runs over the whole body: its regex finds
//! the symbols with a literal prefilter. The other three start with a
//! digit or a number word, which no prefilter finds, so instead of a scan
//! of every byte by each of them, one pass lists where a figure may start
//! and each pattern is tried there alone, anchored, on a window that holds
//! any match it can make. The matches are those a search of the whole body
//! finds.

use regex::{Captures, Regex};

use super::text::{CharIndex, Word, char_at, is_numeric};
use super::{Quantity, QuantityKind};

/// The compiled quantity patterns.
pub struct QuantityRules {
    percent: Anchorable,
    money_symbol: Regex,
    money_word: Anchorable,
    count: Anchorable,
}

/// A pattern that opens with `(?-u:\b)` and then a number (or, with
/// `words`, a number word), with its twin anchored at the haystack start.
struct Anchorable {
    whole: Regex,
    anchored: Regex,
    words: bool,
}

impl Anchorable {
    fn new(pattern: &str, words: bool) -> Result<Self, regex::Error> {
        Ok(Anchorable {
            whole: Regex::new(pattern)?,
            anchored: Regex::new(&format!("^(?:{pattern})"))?,
            words,
        })
    }

    /// The matches `captures_iter` gives over `text`, in order: tried at
    /// each of `starts` past the previous match, or, without `starts`,
    /// searched for over the whole text.
    fn figures<'t>(&self, text: &'t str, starts: &mut Option<Starts>) -> Vec<Figure<'t>> {
        let Some(starts) = starts else {
            return self
                .whole
                .captures_iter(text)
                .filter_map(|c| Figure::new(&c, 0))
                .collect();
        };
        let mut out = Vec::new();
        let mut done = 0;
        for k in 0..starts.at.len() {
            let (at, word) = starts.at[k];
            if at < done || (word && !self.words) {
                continue;
            }
            let end = starts.window_end(text, k);
            if let Some(c) = self.anchored.captures(&text[at..end])
                && let Some(f) = Figure::new(&c, at)
            {
                done = f.end;
                out.push(f);
            }
        }
        out
    }
}

/// One match of a quantity pattern: its byte span in the body and the
/// text of its named groups.
struct Figure<'t> {
    start: usize,
    end: usize,
    text: &'t str,
    n: Option<&'t str>,
    scale: Option<&'t str>,
    cur: Option<&'t str>,
    unit: Option<&'t str>,
}

impl<'t> Figure<'t> {
    /// `offset` is where the haystack of `c` starts in the body.
    fn new(c: &Captures<'t>, offset: usize) -> Option<Self> {
        let m = c.get(0)?;
        let group = |name| c.name(name).map(|g| g.as_str());
        Some(Figure {
            start: offset + m.start(),
            end: offset + m.end(),
            text: m.as_str(),
            n: group("n"),
            scale: group("scale"),
            cur: group("cur"),
            unit: group("unit"),
        })
    }
}

/// Most whitespace-separated tokens a match of an anchorable pattern
/// spans ("12.5 percentage points of their gross national product").
const MAX_FIGURE_TOKENS: usize = 8;

/// Where a figure may start, in order, as (byte, is a number word): an
/// ASCII digit or the first letter of a number word, after a byte that is
/// no ASCII word byte, as the patterns' opening `(?-u:\b)` demands.
struct Starts {
    at: Vec<(usize, bool)>,
    /// The window end of each start, once computed (0 before).
    ends: Vec<usize>,
}

impl Starts {
    /// `words` are the words of `text` ([`words`](super::text::words)).
    /// `None` when the text holds a numeral other than an ASCII digit:
    /// `\d` matches those too, so such text is searched whole.
    fn new(text: &str, words: &[Word]) -> Option<Starts> {
        if has_other_numeral(text) {
            return None;
        }
        let bytes = text.as_bytes();
        let word_byte = |b: u8| WORD_BYTES[usize::from(b)];
        let mut at = Vec::new();
        let mut consider = |i: usize| {
            let b = bytes[i];
            let digit = b.is_ascii_digit();
            if !(digit || NUMBER_WORD_FIRST[usize::from(b)])
                || i.checked_sub(1).is_some_and(|p| word_byte(bytes[p]))
            {
                return;
            }
            if digit {
                at.push((i, false));
            } else if is_number_word(&bytes[i..]) {
                at.push((i, true));
            }
        };
        // A start is an ASCII letter or digit after a byte that is not:
        // the first of a word, or one inside a word after an inner mark or
        // a non-ASCII char. The possessive a word leaves out ("’s") holds
        // none.
        for w in words {
            // Most words open with a byte no figure opens with: tested here
            // before the call.
            let b = bytes[w.start];
            if b.is_ascii_digit() || NUMBER_WORD_FIRST[usize::from(b)] {
                consider(w.start);
            }
            let inner = &bytes[w.start..w.end];
            if w.plain || inner.iter().all(|&b| word_byte(b)) {
                continue;
            }
            for (k, pair) in inner.windows(2).enumerate() {
                if !word_byte(pair[0]) && pair[1].is_ascii_alphanumeric() {
                    consider(w.start + k + 1);
                }
            }
        }
        let ends = vec![0; at.len()];
        Some(Starts { at, ends })
    }

    /// The end of the window for start `k`: the end of the text, or the
    /// whitespace after the token [`MAX_FIGURE_TOKENS`] + 2 tokens on. A
    /// match from the start ends inside it and is the one the whole text
    /// gives, and the patterns' closing `(?-u:\b)` reads there as in the
    /// whole text.
    fn window_end(&mut self, text: &str, k: usize) -> usize {
        if self.ends[k] == 0 {
            self.ends[k] = token_window_end(text, self.at[k].0);
        }
        self.ends[k]
    }
}

/// The byte after `MAX_FIGURE_TOKENS + 2` whitespace-separated tokens
/// from `start` (whitespace as `\s` reads it), or the end of the text.
fn token_window_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut tokens = 0;
    let mut in_token = false;
    let mut i = start;
    while let Some(&b) = bytes.get(i) {
        let (space, len) = if b < 0x80 {
            (b.is_ascii_whitespace() || b == 0x0B, 1)
        } else {
            match char_at(text, i) {
                Some((c, len)) => (c.is_whitespace(), len),
                None => break,
            }
        };
        if space {
            if in_token {
                tokens += 1;
                if tokens == MAX_FIGURE_TOKENS + 2 {
                    return i;
                }
            }
            in_token = false;
        } else {
            in_token = true;
        }
        i += len;
    }
    bytes.len()
}

/// The ASCII word bytes of `(?-u:\b)`: letters, digits and `_`.
const WORD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    table
};

/// The first letters of the words of [`WORD_NUMBER`].
const NUMBER_WORD_FIRST: [bool; 256] = {
    let mut table = [false; 256];
    let firsts = b"otfsenhdm";
    let mut k = 0;
    while k < firsts.len() {
        table[firsts[k] as usize] = true;
        k += 1;
    }
    table
};

/// Whether the run of ASCII lower-case letters opening `rest` is a word
/// [`WORD_NUMBER`] starts with.
fn is_number_word(rest: &[u8]) -> bool {
    let run = rest.iter().take_while(|b| b.is_ascii_lowercase()).count();
    matches!(
        &rest[..run],
        b"one"
            | b"two"
            | b"three"
            | b"four"
            | b"five"
            | b"six"
            | b"seven"
            | b"eight"
            | b"nine"
            | b"ten"
            | b"eleven"
            | b"twelve"
            | b"twenty"
            | b"thirty"
            | b"forty"
            | b"fifty"
            | b"hundred"
            | b"dozens"
            | b"hundreds"
            | b"thousands"
            | b"millions"
    )
}

/// Whether `text` holds a numeral that is no ASCII digit. Only non-ASCII
/// chars are decoded; runs of ASCII are passed over eight bytes at a time.
fn has_other_numeral(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8)
            && let Ok(eight) = <[u8; 8]>::try_from(chunk)
            && u64::from_le_bytes(eight) & 0x8080_8080_8080_8080 == 0
        {
            i += 8;
            continue;
        }
        match char_at(text, i) {
            Some((c, len)) => {
                if !c.is_ascii() && is_numeric(c) {
                    return true;
                }
                i += len;
            }
            None => break,
        }
    }
    false
}

const NUMBER: &str = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?";
const SCALE: &str = r"(?:\s?(?:thousand|million|billion|trillion|bn|mn|m(?-u:\b)|b(?-u:\b)))?";
const WORD_NUMBER: &str = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|dozens of|hundreds of|thousands of|millions of)";
const UNITS: &str = r"(?:people|persons|troops|soldiers|civilians|deaths|dead|casualties|refugees|migrants|children|workers|jobs|employees|residents|voters|votes|seats|missiles|rockets|drones|tanks|jets|aircraft|planes|ships|warships|vessels|cars|vehicles|homes|houses|buildings|barrels|tons|tonnes|kilometers|kilometres|km|miles|meters|metres|feet|acres|hectares|square miles|square kilometers|megawatts|MW|gigawatts|GW|doses|cases|points|countries|nations|islands|bases|years|months|weeks|days|hours|minutes)";

impl QuantityRules {
    pub fn new() -> Result<Self, regex::Error> {
        let of_what = r"(?:\s+of\s+(?:(?:the|its|their|a|an)\s+)?(?:gross domestic product|GDP|GNP|gross national product|the vote|the population|revenue|sales|(?:global|world) output|(?:its|their) budget|budget|income|households|respondents|voters))?";
        Ok(QuantityRules {
            percent: Anchorable::new(
                &format!(
                    r"(?-u:\b)(?P<n>{NUMBER})\s?(?:%|percent(?-u:\b)|per cent(?-u:\b)|percentage points?(?-u:\b)){of_what}"
                ),
                false,
            )?,
            money_symbol: Regex::new(&format!(
                r"(?P<cur>US\$|C\$|A\$|HK\$|\$|€|£|¥|₹|₩)\s?(?P<n>{NUMBER})(?P<scale>{SCALE})"
            ))?,
            money_word: Anchorable::new(
                &format!(
                    r"(?-u:\b)(?P<n>{NUMBER})(?P<scale>{SCALE})\s(?P<cur>dollars|U\.S\. dollars|US dollars|euros|pounds|pounds sterling|yen|yuan|renminbi|rubles|roubles|rupees|won|francs|USD|EUR|GBP|JPY|CNY)(?-u:\b)"
                ),
                false,
            )?,
            count: Anchorable::new(
                &format!(
                    r"(?-u:\b)(?P<n>{NUMBER}|{WORD_NUMBER})(?P<scale>\s(?:thousand|million|billion))?\s(?:(?:more|new|additional|[a-z]+-range|U\.S\.|US|American|Chinese|Russian|Ukrainian|Israeli|Palestinian)\s)?(?P<unit>{UNITS})(?-u:\b)"
                ),
                true,
            )?,
        })
    }

    /// Finds the figures of `text`, sorted by position, never overlapping.
    pub fn find(&self, text: &str, words: &[Word], index: &CharIndex) -> Vec<Quantity> {
        let mut out: Vec<(usize, usize, Quantity)> = Vec::new();
        let push =
            |start: usize, end: usize, q: Quantity, out: &mut Vec<(usize, usize, Quantity)>| {
                if !out.iter().any(|(s, e, _)| *s < end && start < *e) {
                    out.push((start, end, q));
                }
            };
        let mut starts = Starts::new(text, words);
        for f in self.percent.figures(text, &mut starts) {
            let value = f.n.map(parse_number).unwrap_or(0.0);
            let q = Quantity {
                kind: QuantityKind::Percent,
                text: f.text.to_string(),
                value,
                unit: "percent".to_string(),
                currency: None,
                span: index.span(f.start, f.end),
            };
            push(f.start, f.end, q, &mut out);
        }
        let symbol_figures = self
            .money_symbol
            .captures_iter(text)
            .filter_map(|c| Figure::new(&c, 0));
        for f in symbol_figures.chain(self.money_word.figures(text, &mut starts)) {
            let value = f.n.map(parse_number).unwrap_or(0.0) * f.scale.map(scale).unwrap_or(1.0);
            let currency = f.cur.map(currency_code).unwrap_or("XXX");
            let trimmed = f.text.trim_end();
            let q = Quantity {
                kind: QuantityKind::Money,
                text: trimmed.to_string(),
                value,
                unit: currency.to_string(),
                currency: Some(currency.to_string()),
                span: index.span(f.start, f.start + trimmed.len()),
            };
            push(f.start, f.end, q, &mut out);
        }
        for f in self.count.figures(text, &mut starts) {
            let n = f.n.unwrap_or("");
            let value = word_or_number(n) * f.scale.map(scale).unwrap_or(1.0);
            let q = Quantity {
                kind: QuantityKind::Count,
                text: f.text.to_string(),
                value,
                unit: f.unit.unwrap_or("").to_string(),
                currency: None,
                span: index.span(f.start, f.end),
            };
            push(f.start, f.end, q, &mut out);
        }
        out.sort_by_key(|(s, _, _)| *s);
        out.into_iter().map(|(_, _, q)| q).collect()
    }
}

fn parse_number(s: &str) -> f64 {
    s.replace(',', "").parse().unwrap_or(0.0)
}

fn word_or_number(s: &str) -> f64 {
    match s {
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "hundred" => 100.0,
        "dozens of" => 24.0,
        "hundreds of" => 200.0,
        "thousands of" => 2000.0,
        "millions of" => 2_000_000.0,
        other => parse_number(other),
    }
}

fn scale(s: &str) -> f64 {
    match s.trim() {
        "thousand" => 1e3,
        "million" | "mn" | "m" => 1e6,
        "billion" | "bn" | "b" => 1e9,
        "trillion" => 1e12,
        _ => 1.0,
    }
}

fn currency_code(s: &str) -> &'static str {
    match s {
        "$" | "US$" | "dollars" | "U.S. dollars" | "US dollars" | "USD" => "USD",
        "C$" => "CAD",
        "A$" => "AUD",
        "HK$" => "HKD",
        "€" | "euros" | "EUR" => "EUR",
        "£" | "pounds" | "pounds sterling" | "GBP" => "GBP",
        "¥" | "yen" | "JPY" => "JPY",
        "yuan" | "renminbi" | "CNY" => "CNY",
        "rubles" | "roubles" => "RUB",
        "rupees" | "₹" => "INR",
        "won" | "₩" => "KRW",
        "francs" => "CHF",
        _ => "XXX",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::tag::text::words;

    #[test]
    fn finds_figures() {
        let rules = QuantityRules::new().expect("patterns compile");
        // (text, [(quantity text, value, unit)])
        type Case<'a> = (&'a str, &'a [(&'a str, f64, &'a str)]);
        let cases: &[Case] = &[
            (
                "raise spending to 2% of gross domestic product in five years",
                &[
                    ("2% of gross domestic product", 2.0, "percent"),
                    ("five years", 5.0, "years"),
                ],
            ),
            (
                "below 1 percent of GDP.",
                &[("1 percent of GDP", 1.0, "percent")],
            ),
            (
                "a $1.5 billion deal and 300 million euros",
                &[
                    ("$1.5 billion", 1.5e9, "USD"),
                    ("300 million euros", 3e8, "EUR"),
                ],
            ),
            (
                "sent 5,000 troops and 12 long-range missiles",
                &[
                    ("5,000 troops", 5000.0, "troops"),
                    ("12 long-range missiles", 12.0, "missiles"),
                ],
            ),
            ("no figures here", &[]),
        ];
        for (text, want) in cases {
            let idx = CharIndex::new(text);
            let got: Vec<(String, f64, String)> = rules
                .find(text, &words(text), &idx)
                .into_iter()
                .map(|q| (q.text, q.value, q.unit))
                .collect();
            let want: Vec<(String, f64, String)> = want
                .iter()
                .map(|(t, v, u)| (t.to_string(), *v, u.to_string()))
                .collect();
            assert_eq!(got, want, "{text}");
        }
    }

    /// The anchored search at the listed starts finds what a search of the
    /// whole text finds, for every pattern.
    #[test]
    fn starts_find_what_the_whole_text_gives() {
        let rules = QuantityRules::new().expect("patterns compile");
        let seed = include_str!("../../tests/data/seed-000.repaired.txt");
        let texts = [
            seed,
            "5%5% and 7 %, 8percent, 9 per cent,10 percentage points of the vote",
            "x5% _5% a5 percent; 12.5 percentage points of their gross national product",
            "raised 1,000,000 euros, 3 billion U.S. dollars and 4 bn pounds sterling",
            "hundreds of thousands of people, dozens of new troops, one hundred days",
            "twenty  \n  more\tpeople; tens of people; someone 5 long-range missiles",
            "50 Chinese warships and 3 square  kilometers, 7\u{a0}percent, 8\u{2009}percent",
            "an end with 5",
            "an end with five",
            "12 percent of",
            "\u{201c}3 percent\u{201d} of GDP, (4%) and [6 dead]",
            "five years, seven people and eleven thousand\nvoters",
            "\u{fc}5 percent; \u{e9}ten people",
        ];
        for text in texts {
            let Some(starts) = Starts::new(text, &words(text)) else {
                panic!("{text:?} holds only ASCII digits");
            };
            for pattern in [&rules.percent, &rules.money_word, &rules.count] {
                let spans = |s: &mut Option<Starts>| -> Vec<(usize, usize, Option<String>)> {
                    pattern
                        .figures(text, s)
                        .iter()
                        .map(|f| (f.start, f.end, f.n.map(str::to_string)))
                        .collect()
                };
                let whole = spans(&mut None);
                assert_eq!(
                    spans(&mut Some(Starts {
                        at: starts.at.clone(),
                        ends: starts.ends.clone()
                    })),
                    whole,
                    "{text:?}"
                );
            }
        }
        for text in ["\u{663} percent", "\u{201c}5\u{bd} percent"] {
            assert!(Starts::new(text, &words(text)).is_none(), "{text:?}");
        }
    }
}
