//! Figures: percentages ("2% of gross domestic product"), money with its
//! currency ("$1.5 billion", "300 million euros") and counts with a unit
//! ("5,000 troops"). One compiled regex per kind, run once over the body.

use regex::Regex;

use super::text::CharIndex;
use super::{Quantity, QuantityKind};

/// The compiled quantity patterns.
pub struct QuantityRules {
    percent: Regex,
    money_symbol: Regex,
    money_word: Regex,
    count: Regex,
}

const NUMBER: &str = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?";
const SCALE: &str = r"(?:\s?(?:thousand|million|billion|trillion|bn|mn|m(?-u:\b)|b(?-u:\b)))?";
const WORD_NUMBER: &str = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|dozens of|hundreds of|thousands of|millions of)";
const UNITS: &str = r"(?:people|persons|troops|soldiers|civilians|deaths|dead|casualties|refugees|migrants|children|workers|jobs|employees|residents|voters|votes|seats|missiles|rockets|drones|tanks|jets|aircraft|planes|ships|warships|vessels|cars|vehicles|homes|houses|buildings|barrels|tons|tonnes|kilometers|kilometres|km|miles|meters|metres|feet|acres|hectares|square miles|square kilometers|megawatts|MW|gigawatts|GW|doses|cases|points|countries|nations|islands|bases|years|months|weeks|days|hours|minutes)";

impl QuantityRules {
    pub fn new() -> Result<Self, regex::Error> {
        let of_what = r"(?:\s+of\s+(?:(?:the|its|their|a|an)\s+)?(?:gross domestic product|GDP|GNP|gross national product|the vote|the population|revenue|sales|(?:global|world) output|(?:its|their) budget|budget|income|households|respondents|voters))?";
        Ok(QuantityRules {
            percent: Regex::new(&format!(
                r"(?-u:\b)(?P<n>{NUMBER})\s?(?:%|percent(?-u:\b)|per cent(?-u:\b)|percentage points?(?-u:\b)){of_what}"
            ))?,
            money_symbol: Regex::new(&format!(
                r"(?P<cur>US\$|C\$|A\$|HK\$|\$|€|£|¥|₹|₩)\s?(?P<n>{NUMBER})(?P<scale>{SCALE})"
            ))?,
            money_word: Regex::new(&format!(
                r"(?-u:\b)(?P<n>{NUMBER})(?P<scale>{SCALE})\s(?P<cur>dollars|U\.S\. dollars|US dollars|euros|pounds|pounds sterling|yen|yuan|renminbi|rubles|roubles|rupees|won|francs|USD|EUR|GBP|JPY|CNY)(?-u:\b)"
            ))?,
            count: Regex::new(&format!(
                r"(?-u:\b)(?P<n>{NUMBER}|{WORD_NUMBER})(?P<scale>\s(?:thousand|million|billion))?\s(?:(?:more|new|additional|[a-z]+-range|U\.S\.|US|American|Chinese|Russian|Ukrainian|Israeli|Palestinian)\s)?(?P<unit>{UNITS})(?-u:\b)"
            ))?,
        })
    }

    /// Finds the figures of `text`, sorted by position, never overlapping.
    pub fn find(&self, text: &str, index: &CharIndex) -> Vec<Quantity> {
        let mut out: Vec<(usize, usize, Quantity)> = Vec::new();
        let push =
            |start: usize, end: usize, q: Quantity, out: &mut Vec<(usize, usize, Quantity)>| {
                if !out.iter().any(|(s, e, _)| *s < end && start < *e) {
                    out.push((start, end, q));
                }
            };
        for c in self.percent.captures_iter(text) {
            let Some(m) = c.get(0) else { continue };
            let value = c.name("n").map(|n| parse_number(n.as_str())).unwrap_or(0.0);
            let q = Quantity {
                kind: QuantityKind::Percent,
                text: m.as_str().to_string(),
                value,
                unit: "percent".to_string(),
                currency: None,
                span: index.span(m.start(), m.end()),
            };
            push(m.start(), m.end(), q, &mut out);
        }
        for re in [&self.money_symbol, &self.money_word] {
            for c in re.captures_iter(text) {
                let Some(m) = c.get(0) else { continue };
                let value = c.name("n").map(|n| parse_number(n.as_str())).unwrap_or(0.0)
                    * c.name("scale").map(|s| scale(s.as_str())).unwrap_or(1.0);
                let currency = c
                    .name("cur")
                    .map(|s| currency_code(s.as_str()))
                    .unwrap_or("XXX");
                let q = Quantity {
                    kind: QuantityKind::Money,
                    text: m.as_str().trim_end().to_string(),
                    value,
                    unit: currency.to_string(),
                    currency: Some(currency.to_string()),
                    span: index.span(m.start(), m.start() + m.as_str().trim_end().len()),
                };
                push(m.start(), m.end(), q, &mut out);
            }
        }
        for c in self.count.captures_iter(text) {
            let Some(m) = c.get(0) else { continue };
            let n = c.name("n").map(|n| n.as_str()).unwrap_or("");
            let value =
                word_or_number(n) * c.name("scale").map(|s| scale(s.as_str())).unwrap_or(1.0);
            let unit = c.name("unit").map(|u| u.as_str()).unwrap_or("");
            let q = Quantity {
                kind: QuantityKind::Count,
                text: m.as_str().to_string(),
                value,
                unit: unit.to_string(),
                currency: None,
                span: index.span(m.start(), m.end()),
            };
            push(m.start(), m.end(), q, &mut out);
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
                .find(text, &idx)
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
}
