//! Sentence spans: a rule-based splitter that knows common abbreviations and
//! initials, so "U.S. forces" and "Mr. Biden" do not end sentences.

use crate::span::{CharCounter, Span};

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Col", "Lt", "Sgt", "Capt", "Adm",
    "Cpl", "Pvt", "Cst", "St", "Jr", "Sr", "Inc", "Corp", "Co", "Ltd", "vs", "No", "Jan", "Feb",
    "Mar", "Apr", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mt", "Ft", "approx", "etc", "U.S",
    "U.K", "U.N", "E.U",
];

/// Length in bytes of the longest of [`ABBREVIATIONS`].
const LONGEST_ABBREVIATION: usize = {
    let mut longest = 0;
    let mut i = 0;
    while i < ABBREVIATIONS.len() {
        if ABBREVIATIONS[i].len() > longest {
            longest = ABBREVIATIONS[i].len();
        }
        i += 1;
    }
    longest
};

/// Splits text into sentences.
pub struct SentenceSplitter;

impl SentenceSplitter {
    pub fn new() -> Self {
        SentenceSplitter
    }

    /// Char spans of the sentences of `text`, trimmed of surrounding space.
    pub fn split(&self, text: &str) -> Vec<Span> {
        let mut counter = CharCounter::new(text);
        self.split_bytes(text)
            .into_iter()
            .map(|(s, e)| counter.span(s..e))
            .collect()
    }

    /// Byte spans of the sentences of `text`, trimmed of surrounding space:
    /// the tagger converts them with the char index it builds anyway, and
    /// the quote rules read the starts as bytes.
    pub fn split_bytes(&self, text: &str) -> Vec<(usize, usize)> {
        // Room for sentences of 40 bytes on average, so news prose never
        // grows the vector.
        let mut spans = Vec::with_capacity(text.len() / 40 + 4);
        let mut start = 0usize;
        let bytes = text.as_bytes();
        let mut i = 0usize;
        // The next '!' at or after `i`: rare, so found apart from the three
        // common ends and looked for again only once passed.
        let mut bang = memchr::memchr(b'!', bytes);
        while i < bytes.len() {
            // Only these bytes can end a sentence; jump to the next one.
            if bang.is_some_and(|p| p < i) {
                bang = memchr::memchr(b'!', &bytes[i..]).map(|k| i + k);
            }
            let common = memchr::memchr3(b'\n', b'.', b'?', &bytes[i..]).map(|k| i + k);
            let Some(next) = (match (common, bang) {
                (Some(c), Some(b)) => Some(c.min(b)),
                (c, b) => c.or(b),
            }) else {
                break;
            };
            i = next;
            let b = bytes[i];
            let boundary_end = if b == b'\n' {
                Some(i)
            } else if matches!(b, b'.' | b'!' | b'?') && self.ends_sentence(text, start, i) {
                // Take closing quotes and brackets with the sentence.
                let mut end = i + 1;
                for c in text[end..].chars() {
                    if matches!(c, '”' | '’' | '"' | '\'' | ')') {
                        end += c.len_utf8();
                    } else {
                        break;
                    }
                }
                Some(end)
            } else {
                None
            };
            if let Some(end) = boundary_end {
                push_trimmed(text, start, end, &mut spans);
                start = end;
                i = end.max(i + 1);
                continue;
            }
            i += 1;
        }
        push_trimmed(text, start, text.len(), &mut spans);
        spans
    }

    /// Whether the punctuation at byte `i` ends a sentence.
    fn ends_sentence(&self, text: &str, start: usize, i: usize) -> bool {
        let after = &text[i + 1..];
        let after = after.trim_start_matches(['”', '’', '"', '\'', ')']);
        let Some(next) = after.chars().next() else {
            return true;
        };
        if !next.is_whitespace() {
            return false;
        }
        let following = after.trim_start().chars().next();
        if following.is_some_and(|c| c.is_lowercase()) {
            return false;
        }
        if text.as_bytes()[i] != b'.' {
            return true;
        }
        let word = text[start..i]
            .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '“')
            .next()
            .unwrap_or("");
        let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
        // Most words are longer than any abbreviation: their length turns
        // them away before the list is read.
        !(single_initial || word.len() <= LONGEST_ABBREVIATION && ABBREVIATIONS.contains(&word))
    }
}

impl Default for SentenceSplitter {
    fn default() -> Self {
        Self::new()
    }
}

fn push_trimmed(text: &str, start: usize, end: usize, spans: &mut Vec<(usize, usize)>) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if trimmed.is_empty() {
        return;
    }
    let s = start + lead;
    spans.push((s, s + trimmed.len()));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        SentenceSplitter::new()
            .split(text)
            .into_iter()
            .map(|s| chars[s.start..s.end].iter().collect())
            .collect()
    }

    #[test]
    fn splits_on_sentence_ends_only() {
        assert_eq!(
            sentences("The U.S. forces left. Mr. Biden said “yes.” Then he went home!\nNew para"),
            vec![
                "The U.S. forces left.",
                "Mr. Biden said “yes.”",
                "Then he went home!",
                "New para"
            ]
        );
        assert_eq!(sentences("  "), Vec::<String>::new());
        assert_eq!(
            sentences("J. R. Smith won 3.5 points."),
            vec!["J. R. Smith won 3.5 points."]
        );
    }
}
