//! Words of a body with byte spans and the case facts the entity rules
//! read, and a byte → char offset table so every span converts in O(1).

/// One word: letters, digits and the inner marks of names ("U.S.",
/// "Jean-Pierre", "O'Brien"); a possessive "’s" and trailing punctuation
/// are left out.
#[derive(Debug, Clone, Copy)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    /// First letter upper-case ("Kishida", "G-7", "U.S.").
    pub cap: bool,
    /// Two or more letters, none lower-case ("WASHINGTON", "NASA").
    pub all_caps: bool,
    /// First word of a sentence or a quotation, where capitals say little.
    pub sentence_start: bool,
    /// First byte after the word skipping a possessive, for "X’s" checks.
    pub possessive: bool,
}

impl Word {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

fn is_inner_mark(c: char) -> bool {
    matches!(c, '.' | '-' | '\'' | '’' | '&')
}

/// Splits `text` into words in one pass.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut iter = text.char_indices().peekable();
    // Whether the next word starts a sentence: true at the start of the text.
    let mut at_start = true;
    while let Some((i, c)) = iter.next() {
        if !c.is_alphanumeric() {
            if matches!(
                c,
                '.' | '!' | '?' | '\n' | ':' | '“' | '"' | '‘' | '(' | '—' | '–'
            ) {
                at_start = true;
            }
            continue;
        }
        let start = i;
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = iter.peek() {
            if d.is_alphanumeric() {
                end = j + d.len_utf8();
                iter.next();
            } else if is_inner_mark(d) {
                // Keep the mark only when a letter or digit follows it, or it
                // is the closing period of an initialism ("U.S.").
                let rest = &text[j + d.len_utf8()..];
                let next = rest.chars().next();
                if next.is_some_and(char::is_alphanumeric) {
                    end = j + d.len_utf8();
                    iter.next();
                } else if d == '.' && is_initialism(&text[start..j]) {
                    end = j + 1;
                    iter.next();
                    break;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        let mut word_end = end;
        let mut possessive = false;
        for suffix in ["’s", "'s", "’S", "'S"] {
            if text[start..end].ends_with(suffix) && end - start > suffix.len() {
                word_end = end - suffix.len();
                possessive = true;
                break;
            }
        }
        let w = &text[start..word_end];
        let first = w.chars().next().unwrap_or(' ');
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        out.push(Word {
            start,
            end: word_end,
            cap: first.is_uppercase(),
            all_caps: letters >= 2 && !w.chars().any(char::is_lowercase),
            sentence_start: at_start,
            possessive,
        });
        at_start = false;
    }
    out
}

/// "U.S", "U.N", "E.U": single letters joined by periods.
fn is_initialism(w: &str) -> bool {
    let parts: Vec<&str> = w.split('.').collect();
    parts.len() >= 2 && parts.iter().all(|p| p.chars().count() == 1)
}

/// Char offset of every byte offset of a text (one entry per byte plus the
/// end), built once per body.
pub struct CharIndex {
    table: Vec<u32>,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        let mut table = Vec::with_capacity(text.len() + 1);
        let mut n = 0u32;
        for c in text.chars() {
            for _ in 0..c.len_utf8() {
                table.push(n);
            }
            n += 1;
        }
        table.push(n);
        CharIndex { table }
    }

    /// Char offset of byte offset `b` (clamped to the end).
    pub fn at(&self, b: usize) -> usize {
        let last = self.table.len() - 1;
        self.table[b.min(last)] as usize
    }

    pub fn span(&self, start: usize, end: usize) -> crate::span::Span {
        crate::span::Span::new(self.at(start), self.at(end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_inner_marks_and_drop_possessives() {
        let text = "WASHINGTON – The U.S.-Japan pact, Japan’s G-7 role. “Those days";
        let got: Vec<(&str, bool, bool)> = words(text)
            .iter()
            .map(|w| (w.text(text), w.cap, w.sentence_start))
            .collect();
        assert_eq!(
            got,
            vec![
                ("WASHINGTON", true, true),
                ("The", true, true),
                ("U.S.", true, false),
                ("Japan", true, false),
                ("pact", false, false),
                ("Japan", true, false),
                ("G-7", true, false),
                ("role", false, false),
                ("Those", true, true),
                ("days", false, false),
            ]
        );
    }

    #[test]
    fn char_index_counts_scalars() {
        let idx = CharIndex::new("a–b");
        assert_eq!(
            (idx.at(0), idx.at(1), idx.at(4), idx.at(5), idx.at(99)),
            (0, 1, 2, 3, 3)
        );
    }
}
