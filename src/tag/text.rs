//! Words of a body with byte spans and the case facts the entity rules
//! read, and a byte → char offset table so every span converts in O(1).
//! Also the cheap lookups the rules run per word: a fast hasher, and
//! [`WordSet`], a hash set with a filter in front that turns most misses
//! away without hashing.

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
    /// Every byte an ASCII letter or digit: no inner mark, no other
    /// script ("Kishida", not "U.S." or "Zürich"). Rules that look inside
    /// words for marks skip these.
    pub plain: bool,
    /// First word of a white-space separated token: the text starts with
    /// it or white space comes between it and the word before. A reader's
    /// word count is the count of these ([`count_tokens`]).
    pub token_start: bool,
}

/// Abbreviations written before or inside names.
const NAME_ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Capt", "Sgt", "Maj",
    "Adm", "Rev", "Cmdr", "Det", "Supt", "Cpl", "Pvt", "St", "Jr", "Sr", "Ft", "Mt", "Md", "Mohd",
    "Muhd",
];

/// True when `w`, at `start` of `text` and written with a period, is one
/// of [`NAME_ABBREVIATIONS`]. "Md" after a comma is Maryland ("Bethesda,
/// Md."), which may end a sentence, not the given name.
fn name_abbreviation(text: &str, start: usize, w: &str) -> bool {
    NAME_ABBREVIATIONS.contains(&w) && !(w == "Md" && text[..start].ends_with(", "))
}

impl Word {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// `char::is_alphanumeric` with two fast paths: ASCII, and the General
/// Punctuation block (curly quotes, dashes, spaces), which holds no letter
/// or digit and is the non-ASCII text wire copy is full of; everything else
/// goes to the Unicode tables.
#[inline]
pub fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{2000}'..='\u{206F}').contains(&c) {
        false
    } else {
        c.is_alphanumeric()
    }
}

/// `char::is_numeric` with the fast paths of [`is_alnum`]: the General
/// Punctuation block holds no numeral either.
#[inline]
pub fn is_numeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else if ('\u{2000}'..='\u{206F}').contains(&c) {
        false
    } else {
        c.is_numeric()
    }
}

/// The char at byte `i` of `text` (a char boundary) and its length,
/// decoding only when the byte is not ASCII.
#[inline]
pub fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((char::from(b), 1));
    }
    let c = text.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// What an ASCII byte is to the word splitter.
#[derive(Clone, Copy, PartialEq)]
enum AsciiClass {
    /// A letter or digit.
    Alnum,
    /// Punctuation after which the next word starts a sentence.
    Break,
    /// White space as `char::is_whitespace` sees it, but for the "\n"
    /// that is a break.
    Space,
    Other,
}

/// [`AsciiClass`] of every ASCII byte, so the splitter tests a byte with
/// one load.
const ASCII_CLASS: [AsciiClass; 128] = {
    let mut table = [AsciiClass::Other; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphanumeric() {
            AsciiClass::Alnum
        } else if matches!(c, b'.' | b'!' | b'?' | b'\n' | b':' | b'"' | b'(') {
            AsciiClass::Break
        } else if matches!(c, b' ' | b'\t' | b'\x0B' | b'\x0C' | b'\r') {
            AsciiClass::Space
        } else {
            AsciiClass::Other
        };
        b += 1;
    }
    table
};

/// Whether `b` is an ASCII letter or digit, with one load.
#[inline]
fn ascii_alnum(b: u8) -> bool {
    ASCII_CLASS
        .get(usize::from(b))
        .is_some_and(|&k| k == AsciiClass::Alnum)
}

/// The UTF-8 bytes of "’".
const RIGHT_QUOTE: [u8; 3] = [0xE2, 0x80, 0x99];

/// Splits `text` into words in one pass over the bytes, decoding only
/// non-ASCII chars: ASCII bytes are classed by a table, and runs of ASCII
/// letters and digits, most of any text, are stepped over a byte at a
/// time.
pub fn words(text: &str) -> Vec<Word> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut out = Vec::with_capacity(n / 5);
    // Whether the next word starts a sentence: true at the start of the text.
    let mut at_start = true;
    // Whether white space came since the last word: true at the start too.
    let mut spaced = true;
    let mut i = 0usize;
    while let Some(&b) = bytes.get(i) {
        let (c, len) = if let Some(&class) = ASCII_CLASS.get(usize::from(b)) {
            match class {
                AsciiClass::Alnum => (char::from(b), 1),
                AsciiClass::Break => {
                    at_start = true;
                    spaced |= b == b'\n';
                    i += 1;
                    continue;
                }
                AsciiClass::Space => {
                    spaced = true;
                    i += 1;
                    continue;
                }
                AsciiClass::Other => {
                    // A hyphen standing alone is a dash, as after a
                    // dateline: "OSLO (Reuters) - Police said".
                    if b == b'-' && spaced && bytes.get(i + 1).is_some_and(u8::is_ascii_whitespace)
                    {
                        at_start = true;
                    }
                    i += 1;
                    continue;
                }
            }
        } else {
            let Some((c, len)) = char_at(text, i) else {
                break;
            };
            if !is_alnum(c) {
                if matches!(c, '“' | '‘' | '—' | '–') {
                    at_start = true;
                }
                spaced |= c.is_whitespace();
                i += len;
                continue;
            }
            (c, len)
        };
        let start = i;
        // Every char taken moves `end`, so `end` is also the next unread byte.
        let mut end = i + len;
        // Whether a byte other than an ASCII letter or digit was taken.
        let mut other = len > 1;
        loop {
            while bytes.get(end).is_some_and(|&e| ascii_alnum(e)) {
                end += 1;
            }
            let Some(&e) = bytes.get(end) else {
                break;
            };
            let dlen = if e.is_ascii() {
                if !matches!(e, b'.' | b'-' | b'\'' | b'&') {
                    break;
                }
                1
            } else {
                let Some((d, dlen)) = char_at(text, end) else {
                    break;
                };
                if is_alnum(d) {
                    other = true;
                    end += dlen;
                    continue;
                }
                if d != '’' {
                    break;
                }
                dlen
            };
            // An inner mark: keep it only when a letter or digit follows
            // it, or it is the closing period of an initialism ("U.S.").
            if char_at(text, end + dlen).is_some_and(|(n, _)| is_alnum(n)) {
                other = true;
                end += dlen;
            } else {
                if e == b'.' && is_initialism(&text[start..end]) {
                    other = true;
                    end += 1;
                }
                break;
            }
        }
        let mut word_end = end;
        let mut possessive = false;
        if end - start > 2 && matches!(bytes[end - 1], b's' | b'S') {
            if end >= start + 5 && bytes[end - 4..end - 1] == RIGHT_QUOTE {
                word_end = end - 4;
                possessive = true;
            } else if bytes[end - 2] == b'\'' {
                word_end = end - 2;
                possessive = true;
            }
        }
        let cap = capital(c, &text[start..word_end]);
        let abbrev = !possessive && bytes.get(word_end) == Some(&b'.') && {
            let w = &text[start..word_end];
            // Every listed abbreviation is capitalised and two to four
            // letters long: the list is searched only for such a word.
            cap && (w.chars().nth(1).is_none()
                || (w.len() <= 4 && name_abbreviation(text, start, w)))
        };
        out.push(Word {
            start,
            end: word_end,
            cap,
            sentence_start: at_start,
            possessive,
            abbrev,
            // The rare word with another byte is read again: a possessive
            // left out may have held the only one.
            plain: !other || bytes[start..word_end].iter().all(u8::is_ascii_alphanumeric),
            token_start: spaced,
        });
        at_start = false;
        spaced = false;
        i = end;
        // Step over the period of an abbreviation so it does not start a
        // sentence.
        if abbrev && i == word_end && bytes.get(i) == Some(&b'.') {
            i += 1;
        }
    }
    out
}

/// White-space separated tokens of a text that hold a letter or digit,
/// counted off its `words` rather than by another pass over the text: a
/// word never crosses white space and every letter or digit of the text
/// is in a word or in the possessive "’s" that ends one, so each such
/// token opens with a word marked [`Word::token_start`].
pub fn count_tokens(words: &[Word]) -> usize {
    words.iter().filter(|w| w.token_start).count()
}

/// Whether a word opening with `first` reads as capitalised: it opens
/// with a capital, or it is a name with an elided particle ("Gerald
/// d'Entremont", "Côte d’Ivoire").
fn capital(first: char, word: &str) -> bool {
    first.is_uppercase()
        || ["d'", "d’"].iter().any(|p| {
            word.strip_prefix(p)
                .and_then(|rest| rest.chars().next())
                .is_some_and(char::is_uppercase)
        })
}

/// "U.S", "U.N", "E.U": single letters joined by periods.
fn is_initialism(w: &str) -> bool {
    w.contains('.') && w.split('.').all(|p| p.chars().count() == 1)
}

/// Char offset of every byte offset of a text, built once per body: one
/// bit per byte marks UTF-8 continuation bytes, and a count per 64-byte
/// block makes every lookup a popcount. Building it reads the text eight
/// bytes at a time, and it takes a sixteenth of the memory of a table
/// with one entry per byte.
pub struct CharIndex {
    /// Bit `b % 64` of word `b / 64`: byte `b` is a continuation byte.
    continuation: Vec<u64>,
    /// Continuation bytes before each 64-byte block.
    before: Vec<u32>,
    len: usize,
}

/// The high bit of every byte of `w` that is a continuation byte
/// (0b10xx_xxxx), gathered into the low eight bits in byte order.
fn continuation_bits(w: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let marked = w & !(w << 1) & HIGH;
    // Moves bit 7 of byte k to bit 56 + k; nothing else reaches those bits.
    ((marked >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let blocks = bytes.len().div_ceil(64);
        let mut continuation = Vec::with_capacity(blocks);
        let mut before = Vec::with_capacity(blocks);
        let mut count = 0u32;
        for block in bytes.chunks(64) {
            let mut bits = 0u64;
            let mut chunks = block.chunks_exact(8);
            let mut shift = 0;
            for c in &mut chunks {
                let mut w = [0u8; 8];
                w.copy_from_slice(c);
                bits |= continuation_bits(u64::from_le_bytes(w)) << shift;
                shift += 8;
            }
            for &b in chunks.remainder() {
                bits |= u64::from(b & 0xC0 == 0x80) << shift;
                shift += 1;
            }
            before.push(count);
            count += bits.count_ones();
            continuation.push(bits);
        }
        CharIndex {
            continuation,
            before,
            len: bytes.len(),
        }
    }

    /// Char offset of byte offset `b` (clamped to the end); a continuation
    /// byte belongs to the char it continues.
    pub fn at(&self, b: usize) -> usize {
        let b = b.min(self.len);
        let (block, bit) = (b / 64, b % 64);
        let Some(&bits) = self.continuation.get(block) else {
            // `b` is the end, on a block boundary: every continuation byte
            // is before it.
            let total = self.before.last().copied().unwrap_or(0) as usize
                + self
                    .continuation
                    .last()
                    .map_or(0, |w| w.count_ones() as usize);
            return b - total;
        };
        let below = bits & ((1u64 << bit) - 1);
        let continuations = self.before[block] as usize + below.count_ones() as usize;
        let inside = (bits >> bit) & 1;
        (b - continuations).saturating_sub(inside as usize)
    }

    pub fn span(&self, start: usize, end: usize) -> crate::span::Span {
        crate::span::Span::new(self.at(start), self.at(end))
    }
}

/// A fast non-cryptographic hash (foldhash, fixed seed) for the small word
/// sets the rules probe many times per article; the keys are our own data
/// and words of the text, and a collision only costs time, so SipHash's
/// flooding resistance buys nothing here.
pub type FastBuild = foldhash::fast::FixedState;
pub type FastSet<T> = std::collections::HashSet<T, FastBuild>;
pub type FastMap<K, V> = std::collections::HashMap<K, V, FastBuild>;

/// A set of words probed with words of the text, many times per article.
/// A bit per (length, first byte) pair in front of the hash set answers
/// most misses with one load: a word whose length and first letter no
/// member shares is not hashed at all.
#[derive(Clone, Default)]
pub struct WordSet {
    /// Bit `len.min(31) << 8 | first byte`.
    filter: Vec<u64>,
    words: FastSet<String>,
}

impl WordSet {
    fn bit(w: &str) -> Option<usize> {
        let first = *w.as_bytes().first()?;
        Some((w.len().min(31) << 8) | usize::from(first))
    }

    /// The words in the set, in no order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(String::as_str)
    }

    /// Whether `w` is in the set.
    #[inline]
    pub fn contains(&self, w: &str) -> bool {
        match Self::bit(w) {
            Some(bit) => {
                self.filter
                    .get(bit / 64)
                    .is_some_and(|f| f & (1 << (bit % 64)) != 0)
                    && self.words.contains(w)
            }
            None => self.words.contains(w),
        }
    }

    /// Whether `w` lower-cased is in the set. An ASCII word of up to 32
    /// bytes is folded on the stack (members are short words); longer ones
    /// and others allocate.
    pub fn contains_lowercased(&self, w: &str) -> bool {
        if !w.is_ascii() {
            return self.contains(&w.to_lowercase());
        }
        if !w.bytes().any(|b| b.is_ascii_uppercase()) {
            return self.contains(w);
        }
        let mut buf = [0u8; 32];
        let Some(lower) = buf.get_mut(..w.len()) else {
            return self.contains(&w.to_ascii_lowercase());
        };
        for (d, s) in lower.iter_mut().zip(w.bytes()) {
            *d = s.to_ascii_lowercase();
        }
        std::str::from_utf8(lower).is_ok_and(|l| self.contains(l))
    }
}

impl<'a> FromIterator<&'a str> for WordSet {
    fn from_iter<I: IntoIterator<Item = &'a str>>(iter: I) -> Self {
        let mut set = WordSet {
            filter: vec![0; (32 << 8) / 64],
            words: FastSet::default(),
        };
        for w in iter {
            if let Some(bit) = Self::bit(w) {
                set.filter[bit / 64] |= 1 << (bit % 64);
            }
            set.words.insert(w.to_string());
        }
        set
    }
}

/// Words with the classes each is in, as bits: one probe of a word
/// answers for every class, where a [`WordSet`] per class takes one probe
/// each. The same (length, first byte) filter turns most misses away.
#[derive(Clone)]
pub struct WordClasses {
    /// Bit [`WordSet::bit`] of every word.
    filter: Vec<u64>,
    words: FastMap<String, u32>,
}

impl WordClasses {
    pub fn new() -> Self {
        WordClasses {
            filter: vec![0; (32 << 8) / 64],
            words: FastMap::default(),
        }
    }

    /// Puts each of `words` in the classes `classes`.
    pub fn add<'a>(&mut self, words: impl IntoIterator<Item = &'a str>, classes: u32) {
        for w in words {
            if let Some(bit) = WordSet::bit(w) {
                self.filter[bit / 64] |= 1 << (bit % 64);
            }
            *self.words.entry(w.to_string()).or_default() |= classes;
        }
    }

    /// The classes `w` is in; 0 for a word in none.
    #[inline]
    pub fn of(&self, w: &str) -> u32 {
        if let Some(bit) = WordSet::bit(w)
            && self
                .filter
                .get(bit / 64)
                .is_none_or(|f| f & (1 << (bit % 64)) == 0)
        {
            return 0;
        }
        self.words.get(w).copied().unwrap_or(0)
    }
}

impl Default for WordClasses {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word splitter as first written, char by char: the table-driven
    /// one must agree with it.
    fn is_inner_mark(c: char) -> bool {
        matches!(c, '.' | '-' | '\'' | '’' | '&')
    }

    fn words_reference(text: &str) -> Vec<Word> {
        let bytes = text.as_bytes();
        let mut out = Vec::with_capacity(text.len() / 5);
        // Whether the next word starts a sentence: true at the start of the text.
        let mut at_start = true;
        let mut spaced = true;
        let mut i = 0usize;
        while let Some(&b) = bytes.get(i) {
            let (c, len) = if b.is_ascii() {
                if !b.is_ascii_alphanumeric() {
                    if matches!(b, b'.' | b'!' | b'?' | b'\n' | b':' | b'"' | b'(') {
                        at_start = true;
                    }
                    spaced |= char::from(b).is_whitespace();
                    i += 1;
                    continue;
                }
                (char::from(b), 1)
            } else {
                let Some((c, len)) = char_at(text, i) else {
                    break;
                };
                if !is_alnum(c) {
                    if matches!(c, '“' | '‘' | '—' | '–') {
                        at_start = true;
                    }
                    spaced |= c.is_whitespace();
                    i += len;
                    continue;
                }
                (c, len)
            };
            let start = i;
            // Every char taken moves `end`, so `end` is also the next unread byte.
            let mut end = i + len;
            loop {
                while bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                    end += 1;
                }
                let Some((d, dlen)) = char_at(text, end) else {
                    break;
                };
                if is_alnum(d) {
                    end += dlen;
                } else if is_inner_mark(d) {
                    // Keep the mark only when a letter or digit follows it, or it
                    // is the closing period of an initialism ("U.S.").
                    if char_at(text, end + dlen).is_some_and(|(n, _)| is_alnum(n)) {
                        end += dlen;
                    } else {
                        if d == '.' && is_initialism(&text[start..end]) {
                            end += 1;
                        }
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
                && text.as_bytes().get(word_end) == Some(&b'.')
                && ((w.chars().nth(1).is_none() && c.is_uppercase())
                    || name_abbreviation(text, start, w));
            out.push(Word {
                start,
                end: word_end,
                cap: capital(c, w),
                sentence_start: at_start,
                possessive,
                abbrev,
                plain: text.as_bytes()[start..word_end]
                    .iter()
                    .all(u8::is_ascii_alphanumeric),
                token_start: spaced,
            });
            at_start = false;
            spaced = false;
            i = end;
            // Step over the period of an abbreviation so it does not start a
            // sentence.
            if abbrev && i == word_end && text.as_bytes().get(i) == Some(&b'.') {
                i += 1;
            }
        }
        out
    }

    #[test]
    fn words_agree_with_the_char_by_char_splitter() {
        let seed = include_str!("../../tests/data/seed-000.repaired.txt");
        let texts = [
            seed,
            "WASHINGTON – The U.S.-Japan pact, Japan’s G-7 role. “Those days",
            "its Bo's ’s x s's X’s Japan’s A’s AB’s ABC’s x’’s U.S. E.U.’s Sen. F. Kennedy",
            "AT&T, Jean-Pierre, O'Brien, rock’n’roll, a-, -b, x.., U.S.., Zürich’s Ölfeld",
            "end.Start Mr. Smith? (Yes) said: \"no\" — “quote” ‘single’ – dash 😀x y😀 é.é",
            "Dr. Prof. St. Jr. Ft.X Mt. ' ’ . - & 1.5 3,000 5% _x_ x_y",
        ];
        let lower = seed.to_lowercase();
        let upper = seed.to_uppercase();
        for text in texts
            .iter()
            .copied()
            .chain([lower.as_str(), upper.as_str()])
        {
            type Key = (usize, usize, bool, bool, bool, bool, bool, bool);
            let key = |w: &[Word]| -> Vec<Key> {
                w.iter()
                    .map(|w| {
                        (
                            w.start,
                            w.end,
                            w.cap,
                            w.sentence_start,
                            w.possessive,
                            w.abbrev,
                            w.plain,
                            w.token_start,
                        )
                    })
                    .collect()
            };
            assert_eq!(key(&words(text)), key(&words_reference(text)), "{text:?}");
        }
    }

    /// Tokens as a reader counts them, by the definition.
    fn tokens_reference(text: &str) -> usize {
        text.split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    }

    #[test]
    fn tokens_with_a_letter_or_digit_are_counted_off_the_words() {
        let seed = include_str!("../../tests/data/seed-000.repaired.txt");
        let cases = [
            "",
            "   ",
            "one",
            " one  two\tthree\n\nfour ",
            "a — b -- c 42 ... “quoted” x\u{A0}y\u{2003}z\u{B}w",
            "Zürich São Paulo 東京 — ½ ² !!",
            "-- ... x",
            "...",
            "a",
            "é",
            "  —x  y— \u{2003}",
            "‘a’ “b” — – … ‰ ⁂ \u{2028}c\u{2029}d\u{202F}e\u{205F}f",
            "Japan’s G-7 role, the U.S.-Japan pact; Sen. Alex and Mr.Smith's x's ’s 's",
            "rock'n'roll 5% $3,000 1.5 x—y x\u{85}y x\u{1680}y x\u{3000}y _ _x_ 😀 😀x",
            seed,
        ];
        for text in cases {
            assert_eq!(
                count_tokens(&words(text)),
                tokens_reference(text),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        /// Any text: the count off the words is the count by definition.
        #[test]
        fn tokens_counted_off_any_words(text in "[a-zA-Z0-9é½ .,'’s&\\-—“”\t\n\u{A0}\u{2003}\u{85}]{0,40}") {
            proptest::prop_assert_eq!(count_tokens(&words(&text)), tokens_reference(&text));
        }
    }

    #[test]
    fn name_abbreviations_are_short_capitalised_words() {
        // `words` searches the list only for such a word.
        for a in NAME_ABBREVIATIONS {
            assert!(
                (2..=4).contains(&a.len()) && a.starts_with(|c: char| c.is_ascii_uppercase()),
                "{a}"
            );
        }
    }

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
    fn is_alnum_agrees_with_the_standard_library() {
        for c in ('\0'..='\u{3000}').chain(['\u{FEFF}', '\u{1F600}']) {
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn is_numeric_agrees_with_the_standard_library() {
        for c in '\0'..=char::MAX {
            assert_eq!(is_numeric(c), c.is_numeric(), "{c:?}");
        }
    }

    #[test]
    fn word_set_filter_never_hides_a_member() {
        let set: WordSet = [
            "Sen.",
            "a",
            "President-elect",
            "Ministerpresidentinnenkonferenz",
        ]
        .into_iter()
        .collect();
        for w in [
            "Sen.",
            "a",
            "President-elect",
            "Ministerpresidentinnenkonferenz",
        ] {
            assert!(set.contains(w), "{w}");
        }
        for w in [
            "Sen",
            "b",
            "",
            "President",
            "Ministerpresidentinnenkonferenzen",
        ] {
            assert!(!set.contains(w), "{w}");
        }
    }

    #[test]
    fn char_index_agrees_with_a_table_per_byte() {
        let texts = [
            String::new(),
            "a".repeat(64),
            "a–b".to_string(),
            "WASHINGTON – “Japan’s” G-7 😀 Zürich ".repeat(9),
            "é".repeat(70),
            format!("{}😀{}", "x".repeat(61), "y".repeat(70)),
        ];
        for text in &texts {
            let idx = CharIndex::new(text);
            let mut chars = 0;
            for (b, _) in text.bytes().enumerate() {
                let want = if text.is_char_boundary(b) {
                    chars += 1;
                    chars - 1
                } else {
                    chars - 1
                };
                assert_eq!(idx.at(b), want, "{text:?} at {b}");
            }
            assert_eq!(idx.at(text.len()), chars, "{text:?} at end");
            assert_eq!(idx.at(text.len() + 7), chars, "{text:?} past end");
        }
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
