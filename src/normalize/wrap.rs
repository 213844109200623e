//! Fixed-width bodies: hard line breaks inside paragraphs joined with a
//! space, end-of-line hyphenation rejoined.
//!
//! A body counts as hard-wrapped only when its lines look like the output of
//! a fixed-width formatter: a wrap width of 30–150 characters, most line
//! breaks at a point where the next line's first word would not have fitted,
//! and most broken lines ending mid-sentence. That gate matters: many feeds
//! put one paragraph per line with single newlines (lines of very different,
//! often great, length), and those newlines are real paragraph breaks.
//! Inside a hard-wrapped body a break is kept when the next word would have
//! fitted on the line (a deliberate short line), when the next line is
//! indented or starts a list item, or at a blank line.
//!
//! A line ending in a letter and a hyphen, followed by a line starting with a
//! lower-case letter, is a wrap in any body. The hyphen is dropped when the
//! two halves make a word of the shipped word list ("inter-" + "national"),
//! and kept otherwise ("anti-" + "ship"). The list (`data/words/`, derived
//! from the MIT-licensed SymSpell frequency list, see the NOTICE there) is
//! compiled into the binary and loaded once when the pass is built.

use std::collections::HashSet;

use super::{Change, Pass, PassContext, PassNotes};

/// Common English words of five letters or more, one per line.
const WORDS: &str = include_str!("../../data/words/en-common.txt");

/// [`WORDS`] as a set, built once for the process: this pass and the
/// entity rules read it.
pub(crate) fn common_words() -> &'static HashSet<&'static str> {
    static SET: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        WORDS
            .lines()
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .collect()
    })
}

/// Narrowest and widest wrap width the gate accepts.
const MIN_WIDTH: usize = 30;
const MAX_WIDTH: usize = 150;

/// Share of breaks that must fall where the next word would not fit.
const MIN_FULL_SHARE: f64 = 0.6;

/// Largest share of broken lines that may end a sentence.
const MAX_SENTENCE_END_SHARE: f64 = 0.5;

/// Smallest share of words starting with a lower-case letter in broken
/// lines: running prose has most, results tables and name lists few.
const MIN_LOWER_WORD_SHARE: f64 = 0.4;

/// One line of the body.
struct Line {
    /// Byte offset of the first character after any indentation.
    content_start: usize,
    /// Byte offset just past the last non-whitespace character.
    content_end: usize,
    /// Width in characters, indentation included, trailing blanks excluded.
    width: usize,
    /// Indented further than the body's usual margin: a paragraph start.
    indented: bool,
    blank: bool,
}

/// Splits `text` into lines. A margin every line shares (a body set in by
/// two spaces throughout) is not a paragraph indent.
fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut indents = Vec::new();
    let mut start = 0;
    for piece in text.split('\n') {
        let trimmed_end = piece.trim_end();
        let body = trimmed_end.trim_start();
        let indent = trimmed_end.len() - body.len();
        out.push(Line {
            content_start: start + indent,
            content_end: start + trimmed_end.len(),
            width: trimmed_end.chars().count(),
            indented: false,
            blank: body.is_empty(),
        });
        indents.push(indent);
        start += piece.len() + 1;
    }
    let margin = out
        .iter()
        .zip(&indents)
        .filter(|(line, _)| !line.blank)
        .map(|(_, &indent)| indent)
        .min()
        .unwrap_or(0);
    for (line, indent) in out.iter_mut().zip(indents) {
        line.indented = indent > margin;
    }
    out
}

/// Width of the first word of `s`, in characters.
fn first_word_width(s: &str) -> usize {
    s.split_whitespace().next().map_or(0, |w| w.chars().count())
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end_matches(['"', '\'', '”', '’', ')'])
        .ends_with(['.', '!', '?', ':'])
}

fn starts_list_item(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some('-' | '*' | '•' | '·' | '>' | '|') => true,
        Some(c) if c.is_ascii_digit() => {
            let rest = s.trim_start_matches(|c: char| c.is_ascii_digit());
            rest.starts_with(". ") || rest.starts_with(") ")
        }
        _ => false,
    }
}

/// Joins hard-wrapped lines and rejoins hyphenated words.
pub struct Wrap {
    words: &'static HashSet<&'static str>,
}

impl Wrap {
    pub fn new() -> Self {
        Wrap {
            words: common_words(),
        }
    }

    /// The wrap width of a body that looks hard-wrapped, else `None`.
    fn wrap_width(&self, text: &str, lines: &[Line]) -> Option<usize> {
        let mut widths: Vec<usize> = lines.iter().filter(|l| !l.blank).map(|l| l.width).collect();
        if widths.len() < 3 {
            return None;
        }
        let k = (widths.len() - 1) * 95 / 100;
        let (_, &mut width, _) = widths.select_nth_unstable(k);
        if !(MIN_WIDTH..=MAX_WIDTH).contains(&width) {
            return None;
        }
        let (mut breaks, mut full, mut sentence_ends, mut columns) =
            (0usize, 0usize, 0usize, 0usize);
        let (mut words, mut lower_words) = (0usize, 0usize);
        for pair in lines.windows(2) {
            let (line, next) = (&pair[0], &pair[1]);
            // An indented line opens a paragraph: no evidence either way.
            if line.blank || next.blank || next.indented {
                continue;
            }
            breaks += 1;
            let line_text = &text[line.content_start..line.content_end];
            let next_text = &text[next.content_start..next.content_end];
            let hyphenated = line_text.ends_with('-')
                && next_text.chars().next().is_some_and(char::is_lowercase);
            if hyphenated || line.width + 1 + first_word_width(next_text) > width {
                full += 1;
            }
            if ends_sentence(line_text) {
                sentence_ends += 1;
            }
            // Aligned columns: a run of blanks inside the line.
            if line_text.contains("  ") || line_text.contains('\t') {
                columns += 1;
            }
            for word in line_text.split_whitespace() {
                words += 1;
                if word.chars().next().is_some_and(char::is_lowercase) {
                    lower_words += 1;
                }
            }
        }
        if breaks < 2 || words == 0 {
            return None;
        }
        let share = |n: usize| n as f64 / breaks as f64;
        let prose = lower_words as f64 / words as f64 >= MIN_LOWER_WORD_SHARE;
        (share(full) >= MIN_FULL_SHARE
            && share(sentence_ends) <= MAX_SENTENCE_END_SHARE
            && share(columns) <= 1.0 - MIN_FULL_SHARE
            && prose)
            .then_some(width)
    }

    /// The change for a hyphen at the end of `line` before `next`, if the
    /// break is a hyphenated wrap. `wrapped` says the body is hard-wrapped,
    /// which also allows a capital after the hyphen ("US-\nJapan").
    fn hyphen_change(&self, text: &str, line: &Line, next: &Line, wrapped: bool) -> Option<Change> {
        let head = &text[line.content_start..line.content_end];
        let stem = head.strip_suffix('-')?;
        let before_start = stem
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c.is_alphabetic())
            .last()
            .map(|(i, _)| i)?;
        let before = &stem[before_start..];
        let tail = &text[next.content_start..next.content_end];
        let first = tail.chars().next()?;
        if !(first.is_lowercase() || (wrapped && first.is_alphabetic())) || next.indented {
            return None;
        }
        let after: String = tail.chars().take_while(|c| c.is_alphabetic()).collect();
        let joined = format!("{before}{after}").to_lowercase();
        let one_word = first.is_lowercase() && self.words.contains(joined.as_str());
        let hyphen_at = line.content_end - 1;
        if one_word {
            Some(Change::new(
                hyphen_at..next.content_start,
                "",
                "hyphenation",
                0.85,
            ))
        } else {
            Some(Change::new(
                line.content_end..next.content_start,
                "",
                "hard-wrap-hyphen",
                0.8,
            ))
        }
    }
}

impl Default for Wrap {
    fn default() -> Self {
        Self::new()
    }
}

impl Pass for Wrap {
    fn name(&self) -> &'static str {
        "wrap"
    }

    fn run(&self, text: &str, _: &PassContext<'_>, changes: &mut Vec<Change>, _: &mut PassNotes) {
        if !text.contains('\n') {
            return;
        }
        let lines = lines(text);
        let width = self.wrap_width(text, &lines);
        for pair in lines.windows(2) {
            let (line, next) = (&pair[0], &pair[1]);
            if line.blank || next.blank {
                continue;
            }
            if let Some(change) = self.hyphen_change(text, line, next, width.is_some()) {
                changes.push(change);
                continue;
            }
            let Some(width) = width else { continue };
            let next_text = &text[next.content_start..next.content_end];
            let full = line.width + 1 + first_word_width(next_text) > width;
            if full && !next.indented && !starts_list_item(next_text) {
                // A hyphen after a word or number ("2019-" + "20") joins
                // without a space; a free-standing dash keeps its spacing.
                let line_text = &text[line.content_start..line.content_end];
                let joiner = match line_text.strip_suffix('-') {
                    Some(stem) if stem.ends_with(char::is_alphanumeric) => "",
                    _ => " ",
                };
                changes.push(Change::new(
                    line.content_end..next.content_start,
                    joiner,
                    "hard-wrap",
                    0.85,
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Resources;

    fn run(text: &str) -> String {
        crate::normalize::tests::run_pass(&Wrap::new(), text, &Resources::default()).0
    }

    const WRAPPED: &str = "\
The two governments signed an agreement on Friday to
strengthen cooperation in space at a ceremony held at
the headquarters of the agency in Washington, officials
said.

Japan last month announced plans to raise its defense
spending to 2% of gross domestic product in five years,
a dramatic increase for a nation that took a pacifist
approach after the war.";

    const JOINED: &str = "\
The two governments signed an agreement on Friday to strengthen cooperation in space at a ceremony held at the headquarters of the agency in Washington, officials said.

Japan last month announced plans to raise its defense spending to 2% of gross domestic product in five years, a dramatic increase for a nation that took a pacifist approach after the war.";

    #[test]
    fn joins_hard_wrapped_paragraphs() {
        let indented = WRAPPED.replace("\n\n", "\n    ");
        let cases = [
            (WRAPPED.to_string(), JOINED.to_string()),
            (
                WRAPPED.replace('\n', "  \n"),
                JOINED.replace("\n\n", "  \n  \n"),
            ),
            (indented, JOINED.replace("\n\n", "\n    ")),
            (
                format!("  {}", WRAPPED.replace('\n', "\n  ")),
                format!("  {}", JOINED.replace("\n\n", "\n  \n  ")),
            ),
            (
                WRAPPED.replace("five years,\n", "the 2019-\n"),
                JOINED.replace("five years, ", "the 2019-"),
            ),
        ];
        for (input, want) in cases {
            assert_eq!(run(&input), want, "input {input:?}");
        }
    }

    #[test]
    fn rejoins_hyphenated_words() {
        let cases = [
            ("the inter-\nnational order", "the international order"),
            (
                "boost anti-\nship capabilities",
                "boost anti-ship capabilities",
            ),
            ("a well-\nknown name", "a well-known name"),
            ("Inter-\nnational", "International"),
            ("the US-\nJapan alliance", "the US-\nJapan alliance"),
            ("a list -\nitem", "a list -\nitem"),
            ("ends with a dash --\nthen", "ends with a dash --\nthen"),
            ("a hyphen-\n  indented", "a hyphen-\n  indented"),
        ];
        for (input, want) in cases {
            assert_eq!(run(input), want, "input {input:?}");
        }
    }

    #[test]
    fn leaves_unwrapped_bodies_alone() {
        let seed = include_str!("../../tests/data/seed-000.repaired.txt");
        let cases = [
            seed,
            "First paragraph is a single line.\nSecond one too.\nThird.",
            "Apples\nBananas\nCherries\nDates",
            "- first item in a list of things to do today\n- second item in the list of things to do\n- third item in the list of things to do",
            "One sentence per line that is of medium length here.\nAnother sentence per line that is also medium.\nA third sentence per line that is similar in size.\nAnd a fourth one that closes this short example.",
            "",
            "\n\n\n",
            "Manchester United 2 Liverpool 1 (Rashford 12, Fernandes\nArsenal 3 Chelsea 1 (Saka 12, Martinelli 45, Jesus 80\nTottenham Hotspur 0 Newcastle United 0 Brighton West Ham\nEverton 1 Fulham 1 (Calvert-Lewin 30, Mitrovic 88 Leeds",
            "Team            Won   Lost   Points scored against them\nArsenal         10    2      the most in the league table\nChelsea         8     4      fewer than any other club side\nLiverpool       7     5      about as many as the rest",
        ];
        for input in cases {
            assert_eq!(run(input), input, "input {input:?}");
        }
    }
}
