//! Typography: straight quotes to curly ones, quotes that point the wrong way
//! turned round, double hyphens to dashes. Direction comes from the characters
//! on either side, which is what a copy editor reads too.

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

impl Pass for Typography {
    fn name(&self) -> &'static str {
        "typography"
    }

    fn run(&self, text: &str, _: &PassContext<'_>, changes: &mut Vec<Change>, _: &mut PassNotes) {
        let mut prev: Option<char> = None;
        let mut iter = text.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            let next = iter.peek().map(|&(_, n)| n);
            let end = i + c.len_utf8();
            match c {
                '"' => {
                    let mark = if opens_after(prev) && !next.is_none_or(char::is_whitespace) {
                        "“"
                    } else {
                        "”"
                    };
                    changes.push(Change::new(i..end, mark, "curly-double-quote", 0.95));
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
                }
                '”' if opens_after(prev)
                    && prev.is_some()
                    && next.is_some_and(char::is_alphanumeric) =>
                {
                    changes.push(Change::new(i..end, "“", "quote-direction", 0.9));
                }
                '-' if next == Some('-') => {
                    // "--" and "---" become an em dash.
                    let mut stop = end;
                    while let Some(&(j, '-')) = iter.peek() {
                        stop = j + 1;
                        iter.next();
                    }
                    if stop - i <= 3 {
                        changes.push(Change::new(i..stop, "—", "em-dash", 0.95));
                    }
                    prev = Some('-');
                    continue;
                }
                _ => {}
            }
            prev = Some(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::{Resources, Trace};

    fn run(text: &str) -> String {
        let resources = Resources::default();
        let cx = PassContext {
            resources: &resources,
        };
        let mut changes = Vec::new();
        Typography.run(text, &cx, &mut changes, &mut PassNotes::default());
        Trace::identity(text.len()).apply(text, &changes)
    }

    #[test]
    fn quotes_and_dashes() {
        let cases = [
            (r#"He said "yes." Then"#, "He said “yes.” Then"),
            (r#""Quoted," he said"#, "“Quoted,” he said"),
            ("it's Japan's 'plan'", "it’s Japan’s ‘plan’"),
            ("on the moon.“\nNext", "on the moon.”\nNext"),
            ("“fine” and ”odd”", "“fine” and “odd”"),
            ("wait -- what", "wait — what"),
            ("a - b", "a - b"),
            ("----", "----"),
            ("the '90s", "the ’90s"),
        ];
        for (input, want) in cases {
            assert_eq!(run(input), want, "input {input:?}");
        }
    }
}
