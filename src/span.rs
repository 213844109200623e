//! Char spans shared by the repair and tagging stages and the record.

use serde::Serialize;

/// A half-open span of Unicode scalar values in the text it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
}

/// The number of chars in `text`, as `text.chars().count()` gives it, by
/// `bytecount`'s count of the bytes that start a char. The standard count
/// sets up a word-at-a-time scan for each call, and most calls here count
/// a few dozen bytes between two edits or two candidates.
pub fn char_count(text: &str) -> usize {
    bytecount::num_chars(text.as_bytes())
}

/// Converts ascending byte offsets of one text to char offsets in a single
/// forward sweep, so converting every span of a record stays linear.
pub struct CharCounter<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharCounter<'a> {
    pub fn new(text: &'a str) -> Self {
        CharCounter {
            text,
            byte: 0,
            chars: 0,
        }
    }

    /// Char offset of byte offset `pos` (clamped to the text and moved back to
    /// a char boundary). A smaller offset than the last restarts the count.
    pub fn at(&mut self, pos: usize) -> usize {
        let mut pos = pos.min(self.text.len());
        while !self.text.is_char_boundary(pos) {
            pos -= 1;
        }
        if pos < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += char_count(&self.text[self.byte..pos]);
        self.byte = pos;
        self.chars
    }

    /// Char span of a byte range.
    pub fn span(&mut self, range: std::ops::Range<usize>) -> Span {
        let start = self.at(range.start);
        Span {
            start,
            end: self.at(range.end),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_count_counts_as_chars_does() {
        let long = "ab“cé”d 北京 👩\u{200D}💻 ".repeat(40);
        for text in ["", "a", "é", "“quoted”", "北京", &long, &long[1..]] {
            assert_eq!(char_count(text), text.chars().count(), "{text:?}");
        }
    }
}
