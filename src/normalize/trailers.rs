//! Trailers: agency sign-offs and take markers that are not part of the
//! story ("Reuter", "(AP)", "-- MORE --", "ENDS", "###", "-30-",
//! "(Reporting by …; Editing by …)") are cut from the body and handed to the
//! record through [`PassNotes::trailers`].
//!
//! Sign-offs are only taken from the end of the body: on a line of their
//! own, or after the last sentence of the last paragraph. Take markers
//! ("-- MORE --", "(MORE)") are taken wherever they stand alone on a line,
//! because concatenated takes leave them mid-body. Runs after whitespace
//! normalization, so lines are trimmed and breaks are "\n" or "\n\n", and
//! before typography, which would turn "--" into a dash.

use regex::Regex;

use super::{Change, Pass, PassContext, PassNotes};

/// How many trailers are peeled off the end of one body at most.
const MAX_TRAILERS: usize = 8;

/// Finds and removes trailers.
pub struct Trailers {
    /// A whole line that is a sign-off or an end marker.
    end_line: Regex,
    /// A sign-off after the last sentence on the same line.
    end_inline: Regex,
    /// A take marker on a line of its own.
    take_marker: Regex,
}

impl Trailers {
    pub fn new() -> Self {
        // Fixed patterns, tested below: building them cannot fail at run time.
        let build =
            |p: &str| Regex::new(p).unwrap_or_else(|e| unreachable!("trailer pattern: {e}"));
        let credits = r"\((?:(?:Additional )?[Rr]eporting|Writing|Editing|Compiled|Edited|Research|Translated)\b[^()\n]{0,300}\)";
        let signoffs =
            r"Reuters?|REUTERS?|\(AP\)|AP|\(Reuters\)|AFP|\(AFP\)|ENDS?|###|#|-\s?30\s?-|\(?END\)?";
        let markers = r"-{1,3}\s?MORE\s?-{1,3}|\(MORE\)|MORE";
        Trailers {
            end_line: build(&format!(
                r"(?:^|\n)((?:{credits})|(?:{signoffs})|(?:{markers}))\s*$"
            )),
            end_inline: build(&format!(
                r"[.!?”’\x22\x27)] ((?:{credits})|Reuters?|REUTER|\(AP\)|\(Reuters\))\s*$"
            )),
            take_marker: build(r"(?m)^(?:-{1,3} ?MORE ?-{1,3}|\(MORE\))$"),
        }
    }
}

impl Default for Trailers {
    fn default() -> Self {
        Self::new()
    }
}

/// End of the last non-whitespace character before `pos`.
fn content_end_before(text: &str, pos: usize) -> usize {
    text[..pos].trim_end().len()
}

impl Pass for Trailers {
    fn name(&self) -> &'static str {
        "trailers"
    }

    fn run(
        &self,
        text: &str,
        _: &PassContext<'_>,
        changes: &mut Vec<Change>,
        notes: &mut PassNotes,
    ) {
        // Peel sign-offs off the end, last first.
        let mut end = text.trim_end().len();
        let mut tail: Vec<(std::ops::Range<usize>, String)> = Vec::new();
        for _ in 0..MAX_TRAILERS {
            let body = &text[..end];
            let found = self
                .end_line
                .captures(body)
                .and_then(|c| c.get(1))
                .map(|m| (m.start(), m.as_str()))
                .or_else(|| {
                    self.end_inline
                        .captures(body)
                        .and_then(|c| c.get(1))
                        .map(|m| (m.start(), m.as_str()))
                });
            let Some((start, trailer)) = found else { break };
            let cut = content_end_before(text, start);
            if cut == 0 {
                // Nothing but trailers: keep the last one as the body.
                break;
            }
            tail.push((cut..end, trailer.trim().to_string()));
            end = cut;
        }
        // Take markers left inside the body.
        for m in self.take_marker.find_iter(&text[..end]) {
            let cut = content_end_before(text, m.start());
            if cut == 0 {
                continue;
            }
            changes.push(Change::new(cut..m.end(), "", "take-marker", 0.95));
            notes.trailers.push(m.as_str().to_string());
        }
        if let Some(first) = tail.last() {
            let range = first.0.start..text.len();
            changes.push(Change::new(range, "", "trailer", 0.9));
        }
        notes
            .trailers
            .extend(tail.into_iter().rev().map(|(_, t)| t));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Resources;

    fn run(text: &str) -> (String, Vec<String>) {
        let (out, notes) =
            crate::normalize::tests::run_pass(&Trailers::new(), text, &Resources::default());
        (out, notes.trailers)
    }

    #[test]
    fn cuts_trailers() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("Shares rose.\nReuter", "Shares rose.", &["Reuter"]),
            ("Shares rose.\n\nReuters", "Shares rose.", &["Reuters"]),
            ("Shares rose. Reuter", "Shares rose.", &["Reuter"]),
            ("Shares rose. (AP)", "Shares rose.", &["(AP)"]),
            ("Shares rose.\nAP", "Shares rose.", &["AP"]),
            ("Shares rose.\n-- MORE --", "Shares rose.", &["-- MORE --"]),
            ("Shares rose.\nENDS", "Shares rose.", &["ENDS"]),
            ("Shares rose.\n###", "Shares rose.", &["###"]),
            ("Shares rose.\n-30-", "Shares rose.", &["-30-"]),
            (
                "Shares rose.\n(Reporting by Jane Doe; Editing by John Roe)",
                "Shares rose.",
                &["(Reporting by Jane Doe; Editing by John Roe)"],
            ),
            (
                "Shares rose. (Reporting by Jane Doe; Editing by John Roe)\nReuters",
                "Shares rose.",
                &["(Reporting by Jane Doe; Editing by John Roe)", "Reuters"],
            ),
            (
                "One.\n-- MORE --\nTwo.\n\nENDS",
                "One.\nTwo.",
                &["-- MORE --", "ENDS"],
            ),
            ("One.\n\n(MORE)\n\nTwo.", "One.\n\nTwo.", &["(MORE)"]),
        ];
        for (input, want, trailers) in cases {
            let (text, got) = run(input);
            assert_eq!(text, *want, "input {input:?}");
            assert_eq!(got, *trailers, "input {input:?}");
        }
    }

    #[test]
    fn keeps_story_text() {
        let cases = [
            "NEW YORK (Reuters) - Shares rose on Friday.",
            "He told Reuters",
            "He told Reuters.",
            "The company said it would sell more.\nShares rose 5% to end at a record.",
            "Reuters",
            "The score ended 30-30.",
            "Ask for MORE",
            "He gave the AP",
            include_str!("../../tests/data/seed-000.repaired.txt"),
        ];
        for input in cases {
            let (text, got) = run(input);
            assert_eq!(text, input, "input {input:?}");
            assert!(got.is_empty(), "input {input:?}: {got:?}");
        }
    }
}
