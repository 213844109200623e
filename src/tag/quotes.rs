//! Direct quotations and who said them.
//!
//! Quote marks are paired within a paragraph (curly or straight; a quote
//! left open runs to the paragraph's end, as wire copy often does). The
//! speaker comes from the attribution after the quote (",” said John
//! Kirby", ",” he said"), else before it in the same sentence ("Blinken said
//! the plan is “decades in the making”"), else from the quote just before
//! it in the same paragraph. A pronoun speaker is the person named last
//! before the quote. No attribution, no speaker: a wrong speaker is worse.

use super::entities::CUE_VERBS;
use super::text::{CharIndex, WordSet, char_at, is_alnum};
use super::{Quote, Speaker};

/// A person mention: byte span and entity index.
#[derive(Debug, Clone, Copy)]
pub struct PersonMention {
    pub start: usize,
    pub end: usize,
    pub entity: usize,
}

/// Finds quotes; holds the cue verbs.
pub struct QuoteRules {
    cues: WordSet,
}

struct Raw {
    /// Byte of the opening mark.
    mark: usize,
    /// Inner text bytes.
    start: usize,
    end: usize,
    /// Bytes of the marks (end = after the closing mark, or inner end).
    outer_end: usize,
    paragraph: usize,
}

const PRONOUNS: &[&str] = &["he", "she", "He", "She"];

/// Bytes before a quote searched for "X said" in the same sentence.
const MAX_ATTRIBUTION: usize = 600;

impl QuoteRules {
    pub fn new() -> Self {
        QuoteRules {
            cues: CUE_VERBS.iter().copied().collect(),
        }
    }

    /// Quotes of `text` with speakers resolved against `people` (sorted by
    /// start); `names` gives each entity's display text.
    /// `sentence_starts` are the byte offsets where sentences begin, sorted.
    pub fn find(
        &self,
        text: &str,
        sentence_starts: &[usize],
        people: &[PersonMention],
        names: &dyn Fn(usize) -> String,
        index: &CharIndex,
    ) -> Vec<Quote> {
        let raws = pair_marks(text);
        let mut out: Vec<Quote> = Vec::with_capacity(raws.len());
        let newlines: Vec<usize> = memchr::memchr_iter(b'\n', text.as_bytes()).collect();
        let starting_at = |at: usize| -> Option<&PersonMention> {
            people
                .binary_search_by_key(&at, |p| p.start)
                .ok()
                .and_then(|i| people.get(i))
        };
        let mut prev: Option<(usize, usize, Option<usize>, Option<String>)> = None; // (paragraph, outer_end, entity, cue)
        for r in raws {
            let inner = text[r.start..r.end].trim();
            if inner.split_whitespace().nth(1).is_none() {
                continue;
            }
            let lead = text[r.start..r.end].len() - text[r.start..r.end].trim_start().len();
            let (istart, iend) = (r.start + lead, r.start + lead + inner.len());
            let mut speaker: Option<usize> = None;
            let mut cue: Option<String> = None;

            // After: ",” said John Kirby" / ",” he said" / ",” Kirby said".
            let para_end = newlines
                .get(newlines.partition_point(|&n| n < r.outer_end))
                .copied()
                .unwrap_or(text.len());
            let after = &text[r.outer_end..para_end.max(r.outer_end)];
            let para_end = after.len();
            let words: Vec<(usize, &str)> = word_offsets(after).take(4).collect();
            if let Some(&(_, w0)) = words.first() {
                if self.cues.contains(w0) {
                    cue = Some(w0.to_string());
                    if let Some(&(off, w1)) = words.get(1) {
                        let at = r.outer_end + off;
                        speaker = if PRONOUNS.contains(&w1) {
                            last_before(people, r.start)
                        } else {
                            starting_at(at).map(|p| p.entity)
                        };
                    }
                } else if PRONOUNS.contains(&w0)
                    && words.get(1).is_some_and(|(_, w)| self.cues.contains(w))
                {
                    cue = words.get(1).map(|(_, w)| w.to_string());
                    speaker = last_before(people, r.start);
                } else {
                    let at = r.outer_end + words[0].0;
                    if let Some(p) = starting_at(at) {
                        let rest = text.get(p.end..r.outer_end + para_end).unwrap_or("");
                        let next: Option<&str> = word_offsets(rest).next().map(|(_, w)| w);
                        if let Some(w) = next.filter(|w| self.cues.contains(w)) {
                            cue = Some(w.to_string());
                            speaker = Some(p.entity);
                        }
                    }
                }
            }

            // Before, in the same sentence: "Blinken said ... “decades ...”".
            if speaker.is_none() {
                let k = sentence_starts.partition_point(|&s| s <= r.mark);
                let sentence_start = if k == 0 { 0 } else { sentence_starts[k - 1] };
                // Start after any earlier quote in the sentence.
                let sentence_start = match &prev {
                    Some((_, end, _, _)) if *end > sentence_start && *end <= r.mark => *end,
                    _ => sentence_start,
                };
                // Attribution sits close to the quote; reading at most
                // MAX_ATTRIBUTION bytes back keeps run-on text linear.
                let mut sentence_start = sentence_start.max(r.mark.saturating_sub(MAX_ATTRIBUTION));
                while !text.is_char_boundary(sentence_start) {
                    sentence_start += 1;
                }
                let window = &text[sentence_start..r.mark];
                let mut found = None;
                let mut previous = "";
                for (off, w) in word_offsets(window) {
                    let pronoun = PRONOUNS.contains(&previous);
                    previous = w;
                    if self.cues.contains(w) {
                        let at = sentence_start + off;
                        let before = people[..people.partition_point(|p| p.start < at)]
                            .iter()
                            .rev()
                            .take_while(|p| p.start >= sentence_start)
                            .find(|p| p.end <= at);
                        if let Some(p) = before {
                            found = Some((p.entity, w));
                        } else if pronoun && let Some(e) = last_before(people, at) {
                            found = Some((e, w));
                        }
                    }
                }
                if let Some((e, w)) = found {
                    speaker = Some(e);
                    cue = Some(w.to_string());
                }
            }

            // A quote after another in the same paragraph, with nobody else
            // named between them, continues it.
            if speaker.is_none()
                && let Some((para, end, Some(e), pcue)) = &prev
                && *para == r.paragraph
                && !people[people.partition_point(|p| p.start < *end)
                    ..people.partition_point(|p| p.start < r.mark)]
                    .iter()
                    .any(|p| p.end <= r.mark && p.entity != *e)
            {
                speaker = Some(*e);
                cue = pcue.clone();
            }
            if speaker.is_none() {
                cue = None;
            }
            prev = Some((r.paragraph, r.outer_end, speaker, cue.clone()));
            out.push(Quote {
                text: inner.to_string(),
                span: index.span(istart, iend),
                speaker: speaker.map(|e| Speaker {
                    entity: Some(e),
                    text: names(e),
                }),
                cue,
            });
        }
        out
    }
}

impl Default for QuoteRules {
    fn default() -> Self {
        Self::new()
    }
}

fn last_before(people: &[PersonMention], pos: usize) -> Option<usize> {
    people[..people.partition_point(|p| p.start < pos)]
        .iter()
        .rev()
        .find(|p| p.end <= pos)
        .map(|p| p.entity)
}

/// Words of `s` (letters, digits, inner hyphens) with their byte offsets.
/// Steps over bytes and decodes only non-ASCII chars ([`char_at`]), which
/// [`is_alnum`] answers as `char::is_alphanumeric` does.
fn word_offsets(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut i = 0usize;
    std::iter::from_fn(move || {
        loop {
            let (c, len) = char_at(s, i)?;
            i += len;
            if !is_alnum(c) {
                continue;
            }
            let start = i - len;
            while let Some((d, dlen)) = char_at(s, i)
                && (d == '-' || is_alnum(d))
            {
                i += dlen;
            }
            return Some((start, &s[start..i]));
        }
    })
}

/// Pairs quote marks within each paragraph, scanning bytes: only `"`,
/// a newline and the lead byte of a curly quote are looked at closely.
fn pair_marks(text: &str) -> Vec<Raw> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut paragraph = 0usize;
    // (byte of the opening mark, byte after it)
    let mut open: Option<(usize, usize)> = None;
    let mut i = 0usize;
    while i < bytes.len() {
        // Jump to the next byte that can matter.
        let Some(k) = memchr::memchr3(b'\n', b'"', 0xE2, &bytes[i..]) else {
            break;
        };
        i += k;
        let (c, len) = match bytes[i] {
            b'\n' => {
                if let Some((mark, start)) = open.take() {
                    out.push(Raw {
                        mark,
                        start,
                        end: i,
                        outer_end: i,
                        paragraph,
                    });
                }
                paragraph += 1;
                i += 1;
                continue;
            }
            b'"' => ('"', 1),
            0xE2 if bytes.get(i + 1) == Some(&0x80) => match bytes.get(i + 2) {
                Some(0x9C) => ('“', 3),
                Some(0x9D) => ('”', 3),
                _ => {
                    i += 1;
                    continue;
                }
            },
            _ => {
                i += 1;
                continue;
            }
        };
        let prev = text[..i].chars().next_back();
        let next = text[i + len..].chars().next();
        let after = i + len;
        match (c, open) {
            ('“', None) => open = Some((i, after)),
            ('"', None)
                if prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–')) =>
            {
                open = Some((i, after));
            }
            // A closing mark, or a wrong-way closing “ after text, before a
            // space or the end; any other “ opens a new quote.
            ('”' | '"', Some((mark, start))) | ('“', Some((mark, start)))
                if c != '“'
                    || (prev.is_some_and(|p| !p.is_whitespace())
                        && next.is_none_or(char::is_whitespace)) =>
            {
                out.push(Raw {
                    mark,
                    start,
                    end: i,
                    outer_end: after,
                    paragraph,
                });
                open = None;
            }
            ('“', Some(_)) => open = Some((i, after)),
            _ => {}
        }
        i = after;
    }
    if let Some((mark, start)) = open {
        out.push(Raw {
            mark,
            start,
            end: bytes.len(),
            outer_end: bytes.len(),
            paragraph,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_marks_per_paragraph() {
        let text = "“One two,” said A. He said “three four\nand “five six“ went";
        let got: Vec<&str> = pair_marks(text)
            .iter()
            .map(|r| &text[r.start..r.end])
            .collect();
        assert_eq!(got, vec!["One two,", "three four", "five six"]);
        let text = "He said \"yes sir\" and 5\"2 then \"open to the end";
        let got: Vec<&str> = pair_marks(text)
            .iter()
            .map(|r| &text[r.start..r.end])
            .collect();
        assert_eq!(got, vec!["yes sir", "open to the end"]);
    }

    #[test]
    fn words_are_runs_of_letters_digits_and_inner_hyphens() {
        let cases: &[(&str, &[(usize, &str)])] = &[
            ("", &[]),
            ("-- ,", &[]),
            ("he said", &[(0, "he"), (3, "said")]),
            (
                "“Kong-rey,” said Zürich's 2-0 -x",
                &[
                    (3, "Kong-rey"),
                    (16, "said"),
                    (21, "Zürich"),
                    (29, "s"),
                    (31, "2-0"),
                    (36, "x"),
                ],
            ),
            ("東京—½ a-", &[(0, "東京"), (9, "½"), (12, "a-")]),
        ];
        for (text, want) in cases {
            let got: Vec<(usize, &str)> = word_offsets(text).collect();
            assert_eq!(&got, want, "{text:?}");
        }
    }
}
