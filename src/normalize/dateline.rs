//! Datelines: "WASHINGTON –", "NEW YORK (Reuters) -", "KYIV, Ukraine (AP) —".
//! Found at the head of the normalized body; the place is reported in title
//! case and the tagger resolves it to a country.

use regex::Regex;

use super::{CharCounter, Dateline};

/// How far into a body a dateline may reach. The longest real ones ("SAN
/// JOSE DEL CABO, Mexico (Reuters) —") are under 60 bytes. The regex
/// engine that reports groups zeroes a table the size of what it is given
/// on every search, so it is given only this much.
const DATELINE_REACH: usize = 256;

/// Finds a dateline at the start of a body.
pub struct DatelineFinder {
    pattern: Regex,
}

impl DatelineFinder {
    pub fn new() -> Self {
        // A run of capitalised words, optionally a comma and a region or a
        // date (and a comma and a date after the region), optionally an
        // agency in brackets, then a dash.
        let pattern = Regex::new(
            r"^(?P<place>\p{Lu}[\p{Lu}.'’\-]*(?: \p{Lu}[\p{Lu}.'’\-]*){0,3})(?:, (?P<after>[\p{L}0-9.' ]{1,30}))?(?:, [\p{L}0-9. ]{1,20})?(?: \([^)\n]{1,20}\))? ?[–—-]{1,2}(?: |$)",
        )
        .expect("dateline pattern is valid");
        DatelineFinder { pattern }
    }

    /// The dateline of `text`, if it opens with one.
    pub fn find(&self, text: &str) -> Option<Dateline> {
        let reach = text.floor_char_boundary(DATELINE_REACH);
        let caps = self.pattern.captures(&text[..reach])?;
        let whole = caps.get(0)?;
        // The pattern may end at the end of the text; the end of the slice
        // is not that.
        if whole.end() == reach && reach < text.len() {
            return None;
        }
        let place = caps.name("place")?.as_str();
        if place.chars().filter(|c| c.is_alphabetic()).count() < 3 {
            return None;
        }
        let raw = whole.as_str().trim_end();
        let mut counter = CharCounter::new(text);
        Some(Dateline {
            raw: raw.to_string(),
            place: title_case(place),
            region: caps.name("after").and_then(|m| region(m.as_str())),
            span: counter.span(0..raw.len()),
        })
    }
}

impl Default for DatelineFinder {
    fn default() -> Self {
        Self::new()
    }
}

/// The region or country written after a dateline's place and its comma
/// ("British Columbia" in "VICTORIA, British Columbia (Reuters) -"); a date
/// there ("Oct. 3") is none.
fn region(after: &str) -> Option<String> {
    let after = after.trim_end();
    (!after.is_empty() && !after.contains(|c: char| c.is_ascii_digit())).then(|| after.to_string())
}

/// "NEW YORK" → "New York", "WASHINGTON" → "Washington".
fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut word_start = true;
    for c in s.chars() {
        if word_start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        word_start = c == ' ' || c == '-';
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        let finder = DatelineFinder::new();
        let cases = [
            (
                "WASHINGTON – President Joe Biden",
                Some(("WASHINGTON –", "Washington")),
            ),
            (
                "NEW YORK (Reuters) - Stocks fell",
                Some(("NEW YORK (Reuters) -", "New York")),
            ),
            (
                "KYIV, Ukraine (AP) — Russia",
                Some(("KYIV, Ukraine (AP) —", "Kyiv")),
            ),
            ("The talks – which began", None),
            ("US - Japan ties", None),
            ("WASHINGTON -", Some(("WASHINGTON -", "Washington"))),
            ("WASHINGTON -\nThe talks", None),
        ];
        for (input, want) in cases {
            let got = finder.find(input).map(|d| (d.raw, d.place));
            let want = want.map(|(r, p)| (r.to_string(), p.to_string()));
            assert_eq!(got, want, "input {input:?}");
        }
    }

    #[test]
    fn the_region_after_the_place_is_kept_and_a_date_is_not() {
        let finder = DatelineFinder::new();
        let cases = [
            (
                "VICTORIA, British Columbia (Reuters) - Smoke",
                Some("British Columbia"),
            ),
            ("KYIV, Ukraine (AP) — Russia", Some("Ukraine")),
            (
                "ST. GALLEN, Switzerland, May 4 (Reuters) - The",
                Some("Switzerland"),
            ),
            ("PORT LOUIS, Mauritius - Rain", Some("Mauritius")),
            ("COLOMBO, Oct. 3 (Xinhua) -- The fund", None),
            ("NAIROBI, March 4 (Reuters) - Tea", None),
            ("OSLO (Reuters) - It rained.", None),
        ];
        for (input, want) in cases {
            let got = finder.find(input).expect(input).region;
            assert_eq!(got.as_deref(), want, "input {input:?}");
        }
    }

    #[test]
    fn a_dash_at_the_edge_of_the_reach_is_no_dateline() {
        let finder = DatelineFinder::new();
        let head = "A".repeat(DATELINE_REACH - 2);
        assert!(finder.find(&format!("{head} -")).is_some());
        assert_eq!(finder.find(&format!("{head} -Budget talks")), None);
        assert_eq!(finder.find(&format!("{head}AB - Budget talks")), None);
    }
}
