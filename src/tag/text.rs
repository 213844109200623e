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
    /// First word of a sentence or a quotation, where capitals say little.
    pub sentence_start: bool,
    /// The word ended in a possessive "’s" (left out of the span).
    pub possessive: bool,
    /// An abbreviation or initial followed by its period ("Sen.", "F."),
    /// which neither ends a sentence nor breaks a name.
    pub abbrev: bool,
}

/// Abbreviations written before or inside names.
const NAME_ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Capt", "Sgt", "Maj",
    "Adm", "Rev", "Cmdr", "Det", "Supt", "Cpl", "Pvt", "St", "Jr", "Sr", "Ft", "Mt",
];

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
        let bytes = &text.as_bytes()[start..end];
        if bytes.len() > 2 && matches!(bytes[bytes.len() - 1], b's' | b'S') {
            for mark in ["’", "'"] {
                let Some(cut) = (end - 1).checked_sub(mark.len()) else {
                    continue;
                };
                if cut > start && text.is_char_boundary(cut) && &text[cut..end - 1] == mark {
                    word_end = cut;
                    possessive = true;
                    break;
                }
            }
        }
        let w = &text[start..word_end];
        let abbrev = !possessive
            && text[word_end..].starts_with('.')
            && ((w.len() == 1 && c.is_uppercase()) || NAME_ABBREVIATIONS.contains(&w));
        out.push(Word {
            start,
            end: word_end,
            cap: c.is_uppercase(),
            sentence_start: at_start,
            possessive,
            abbrev,
        });
        at_start = false;
        if abbrev {
            // Step over the period so it does not start a sentence.
            if let Some(&(j, '.')) = iter.peek()
                && j == word_end
            {
                iter.next();
            }
        }
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
        // A byte that starts a char (not 0b10xx_xxxx) gets the count of
        // chars before it; a continuation byte belongs to the char before.
        let mut starts = 0u32;
        for &b in text.as_bytes() {
            if b & 0xC0 != 0x80 {
                table.push(starts);
                starts += 1;
            } else {
                table.push(starts.saturating_sub(1));
            }
        }
        table.push(starts);
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

/// A fast non-cryptographic hasher (the multiply-rotate hash rustc uses)
/// for the small word sets the rules probe many times per article; the
/// keys are our own data and words of the text, and a collision only costs
/// time, so SipHash's flooding resistance buys nothing here.
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.write(&[i]);
    }

    fn write_usize(&mut self, i: usize) {
        self.write(&i.to_le_bytes());
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FastBuild = std::hash::BuildHasherDefault<FastHasher>;
pub type FastSet<T> = std::collections::HashSet<T, FastBuild>;
pub type FastMap<K, V> = std::collections::HashMap<K, V, FastBuild>;

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
    fn possessives_at_the_very_start() {
        for text in ["its", "Bo's", "’s x", "s's", "X’s"] {
            let _ = words(text);
        }
        let text = "Japan’s";
        let w = words(text);
        assert_eq!((w[0].text(text), w[0].possessive), ("Japan", true));
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
