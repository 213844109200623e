//! Typography: straight and typewriter quotes to curly ones, quotes that
//! point the wrong way turned round, double hyphens to dashes, and the first
//! word of a quoted sentence capitalised. Direction comes from the characters
//! on either side, which is what a copy editor reads too; where both sides
//! are blank, an open quotation in the same paragraph decides.
//!
//! Capitalisation only applies where the quotation starts a sentence (start
//! of a paragraph, or after ".", "!" or "?"), so partial quotes inside a
//! sentence ("is “decades in the making”") keep their lower case.

use super::{Change, Pass, PassContext, PassNotes};

/// Normalizes quote marks and dashes.
pub struct Typography;

impl Typography {
    pub fn new() -> Self {
        Typography
    }
}

impl Default for Typography {
    fn default() -> Self {
        Self::new()
    }
}

/// Characters after which a quote mark opens a quotation.
fn opens_after(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => {
            c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | '“' | '‘')
        }
    }
}

/// Whether `next` can follow a closing quote mark.
fn closes_before(next: Option<char>) -> bool {
    match next {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || (c.is_ascii_punctuation() && c != '(')
                || matches!(c, '—' | '–' | '”' | '’')
        }
    }
}

/// Where the scan stands relative to sentences and quotations.
#[derive(Default)]
struct Context {
    /// The last character that is not whitespace, where it ends, and the
    /// one before it.
    last: Option<char>,
    last_end: usize,
    before_last: Option<char>,
    /// A line break came after `last`.
    newline_since: bool,
    /// A double quotation opened in this paragraph is still open.
    open: bool,
}

impl Context {
    fn see(&mut self, c: char, end: usize) {
        if c == '\n' {
            self.newline_since = true;
            self.open = false;
        } else if !c.is_whitespace() {
            self.before_last = self.last;
            self.last = Some(c);
            self.last_end = end;
            self.newline_since = false;
        }
    }

    /// The same as calling [`Context::see`] on every character of
    /// `text[range]` and setting `prev` to the last one, but looking only
    /// at the last two non-blank characters and for a newline.
    fn see_all(&mut self, text: &str, range: std::ops::Range<usize>, prev: &mut Option<char>) {
        let piece = &text[range.clone()];
        let Some(last_char) = piece.chars().next_back() else {
            return;
        };
        *prev = Some(last_char);
        if memchr::memchr(b'\n', piece.as_bytes()).is_some() {
            self.open = false;
        }
        let mut newline_after = false;
        let mut found: Option<(char, usize)> = None;
        for (j, c) in piece.char_indices().rev() {
            if !c.is_whitespace() {
                match found {
                    None => found = Some((c, range.start + j + c.len_utf8())),
                    Some((last, last_end)) => {
                        self.before_last = Some(c);
                        self.last = Some(last);
                        self.last_end = last_end;
                        self.newline_since = newline_after;
                        return;
                    }
                }
            } else if c == '\n' && found.is_none() {
                newline_after = true;
            }
        }
        match found {
            Some((last, last_end)) => {
                self.before_last = self.last;
                self.last = Some(last);
                self.last_end = last_end;
                self.newline_since = newline_after;
            }
            None => self.newline_since |= newline_after,
        }
    }

    /// Whether a quotation opened right here starts a sentence: at the start
    /// of a paragraph or after sentence-ending punctuation, possibly closed
    /// by a quote mark or bracket ("… said. “a" or "… moon.” “a").
    fn at_sentence_start(&self, text: &str, prev: Option<char>) -> bool {
        let ends = |c: Option<char>| matches!(c, Some('.' | '!' | '?'));
        match prev {
            None => true,
            Some(p) if p.is_whitespace() => {
                self.last.is_none()
                    || self.newline_since
                    || (ends(self.last) && !after_abbreviation(&text[..self.last_end]))
                    || (matches!(self.last, Some('”' | '’' | ')' | '"')) && ends(self.before_last))
            }
            Some(_) => false,
        }
    }
}

/// Titles and short forms whose period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Sgt", "Capt", "Prof",
    "Jr", "Sr", "No", "vs", "Inc", "Corp", "Co", "Ltd", "Jan", "Feb", "Aug", "Sept", "Oct", "Nov",
    "Dec", "approx", "est", "Mt", "Ft", "Pres",
];

/// Whether `head`, which ends in a period, ends in an abbreviation ("U.S.",
/// "Mr.", an initial) rather than a sentence. Looks back at one short token.
fn after_abbreviation(head: &str) -> bool {
    let Some(body) = head.strip_suffix('.') else {
        return false;
    };
    let mut token: Vec<char> = body
        .chars()
        .rev()
        .take(12)
        .take_while(|c| !c.is_whitespace() && !matches!(c, '(' | '“' | '"'))
        .collect();
    token.reverse();
    let token: String = token.into_iter().collect();
    token.contains('.') || token.chars().count() == 1 || ABBREVIATIONS.contains(&token.as_str())
}

/// The upper-case form of the word starting at `text[at..]`, if it is an
/// all-lower-case word whose first letter has a one-character capital.
/// Words with inner capitals ("iPhone", "eBay") are brand spellings.
fn capitalised_first(text: &str, at: usize) -> Option<(std::ops::Range<usize>, String)> {
    let mut chars = text[at..].chars();
    let first = chars.next()?;
    if !first.is_lowercase() {
        return None;
    }
    let word_rest = chars.take_while(|c| c.is_alphabetic() || *c == '\'' || *c == '’');
    if word_rest.clone().any(char::is_uppercase) {
        return None;
    }
    let mut upper = first.to_uppercase();
    let capital = upper.next()?;
    if upper.next().is_some() {
        return None;
    }
    Some((at..at + first.len_utf8(), capital.to_string()))
}

/// Direction of a double quote mark from its neighbours.
fn double_mark(prev: Option<char>, next: Option<char>) -> &'static str {
    if opens_after(prev) && !next.is_none_or(char::is_whitespace) {
        "“"
    } else {
        "”"
    }
}

impl Pass for Typography {
    fn name(&self) -> &'static str {
        "typography"
    }

    fn run(&self, text: &str, _: &PassContext<'_>, changes: &mut Vec<Change>, _: &mut PassNotes) {
        let bytes = text.as_bytes();
        let mut cx = Context::default();
        let mut prev: Option<char> = None;
        let mut i = 0;
        while i < bytes.len() {
            // Characters that cannot start a change are taken in bulk: only
            // the context they leave behind matters.
            if !MAY_CHANGE[usize::from(bytes[i])] {
                let stop = bytes[i..]
                    .iter()
                    .position(|&b| MAY_CHANGE[usize::from(b)])
                    .map_or(bytes.len(), |k| i + k);
                cx.see_all(text, i..stop, &mut prev);
                i = stop;
                continue;
            }
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            let end = i + c.len_utf8();
            let next = text[end..].chars().next();
            // The double quote mark this character ends up as, the bytes it
            // covers, and the change that makes it so, if any.
            let mut double: Option<(&'static str, usize)> = None;
            match c {
                '"' => {
                    let mark = double_mark(prev, next);
                    changes.push(Change::new(i..end, mark, "curly-double-quote", 0.95));
                    double = Some((mark, end));
                }
                // Typewriter quotes: ``like this'' from old fixed-width feeds.
                '`' | '\'' if next == Some(c) => {
                    let stop = end + 1;
                    let after = text[stop..].chars().next();
                    let mark = if c == '`' {
                        "“"
                    } else {
                        double_mark(prev, after)
                    };
                    changes.push(Change::new(i..stop, mark, "typewriter-quote", 0.9));
                    double = Some((mark, stop));
                }
                '\'' => {
                    let opening = opens_after(prev)
                        && next.is_some_and(|n| n.is_alphabetic())
                        && prev.is_some();
                    let mark = if opening { "‘" } else { "’" };
                    changes.push(Change::new(i..end, mark, "curly-single-quote", 0.9));
                }
                '“' if !opens_after(prev) && closes_before(next) => {
                    changes.push(Change::new(i..end, "”", "quote-direction", 0.9));
                    double = Some(("”", end));
                }
                // Where the neighbours leave the direction open (blanks on
                // both sides, or a word on both sides), a quotation already
                // open in the same paragraph decides: nested quotations use
                // single marks, so this one closes it.
                '“' if cx.open
                    && (!opens_after(prev)
                        || (prev.is_some_and(char::is_whitespace)
                            && next.is_none_or(char::is_whitespace))) =>
                {
                    changes.push(Change::new(i..end, "”", "quote-balance", 0.8));
                    double = Some(("”", end));
                }
                '”' if opens_after(prev)
                    && prev.is_some()
                    && next.is_some_and(char::is_alphanumeric) =>
                {
                    changes.push(Change::new(i..end, "“", "quote-direction", 0.9));
                    double = Some(("“", end));
                }
                '“' | '”' => double = Some((if c == '“' { "“" } else { "”" }, end)),
                '-' if next == Some('-') => {
                    // "--" and "---" become an em dash.
                    let stop = end + bytes[end..].iter().take_while(|&&b| b == b'-').count();
                    if stop - i <= 3 {
                        changes.push(Change::new(i..stop, "—", "em-dash", 0.95));
                    }
                    prev = Some('-');
                    cx.see('-', stop);
                    i = stop;
                    continue;
                }
                _ => {}
            }
            if let Some((mark, stop)) = double {
                if mark == "“" {
                    if cx.at_sentence_start(text, prev)
                        && let Some((range, capital)) = capitalised_first(text, stop)
                    {
                        changes.push(Change::new(range, capital, "quote-capital", 0.8));
                    }
                    cx.open = true;
                } else {
                    cx.open = false;
                }
                let shown = if mark == "“" { '“' } else { '”' };
                prev = Some(shown);
                cx.see(shown, stop);
                i = stop;
                continue;
            }
            prev = Some(c);
            cx.see(c, end);
            i = end;
        }
    }
}

/// Bytes that can start a character the pass may change: the ASCII quote
/// marks and hyphen, and 0xE2, the lead byte of the curly double quotes.
static MAY_CHANGE: [bool; 256] = {
    let mut table = [false; 256];
    table[b'"' as usize] = true;
    table[b'\'' as usize] = true;
    table[b'`' as usize] = true;
    table[b'-' as usize] = true;
    table[0xE2] = true;
    table
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Resources;

    fn run(text: &str) -> String {
        crate::normalize::tests::run_pass(&Typography, text, &Resources::default()).0
    }

    #[test]
    fn quotes_and_dashes() {
        let cases = [
            (r#"He said "yes." Then"#, "He said “yes.” Then"),
            (r#""Quoted," he said"#, "“Quoted,” he said"),
            ("it's Japan's 'plan'", "it’s Japan’s ‘plan’"),
            ("on the moon.“\nNext", "on the moon.”\nNext"),
            ("it is “fine” and ”odd”", "it is “fine” and “odd”"),
            ("wait -- what", "wait — what"),
            ("a - b", "a - b"),
            ("----", "----"),
            ("the '90s", "the ’90s"),
            ("``Yes,'' he said", "“Yes,” he said"),
            (
                "“a few years ago, there was”",
                "“A few years ago, there was”",
            ),
            ("He left. “a plan,” he said", "He left. “A plan,” he said"),
            (
                "He left.\n\"a plan,\" he said",
                "He left.\n“A plan,” he said",
            ),
            (
                "It is “decades in the making”",
                "It is “decades in the making”",
            ),
            ("said: “a plan”", "said: “a plan”"),
            ("Done.” “the next”", "Done.” “The next”"),
            ("“iPhone sales” rose", "“iPhone sales” rose"),
            ("“Yes, “ he said", "“Yes, ” he said"),
            ("word “ word", "word “ word"),
            ("“Yes,“he said", "“Yes,”he said"),
            ("a“b", "a“b"),
            ("“One.\n“ two", "“One.\n“ two"),
            ("the U.S. “a la carte” plan", "the U.S. “a la carte” plan"),
            ("said Mr. “nice guy” Smith", "said Mr. “nice guy” Smith"),
            ("Done! “a test”", "Done! “A test”"),
        ];
        for (input, want) in cases {
            assert_eq!(run(input), want, "input {input:?}");
        }
    }
}
