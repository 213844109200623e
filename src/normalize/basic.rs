//! Character-level clean-up: control and invisible characters, Unicode NFC,
//! and whitespace. These run first so every later pass sees one newline
//! convention, one space between words and composed characters.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::{Change, Pass, PassContext, PassNotes};

/// Removes control characters and invisible format characters that carry no
/// meaning in wire copy; turns `\r\n` and lone `\r` into `\n`.
pub struct ControlChars;

/// Whether `c` is dropped from the body. Line feed and tab survive (the
/// whitespace pass handles them); joiners and bidi marks survive because
/// emoji sequences and right-to-left text need them.
fn is_removable(c: char) -> bool {
    match c {
        '\n' | '\t' | '\r' => false,
        '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => true,
        c => c.is_control(),
    }
}

impl Pass for ControlChars {
    fn name(&self) -> &'static str {
        "control-chars"
    }

    fn run(&self, text: &str, _: &PassContext<'_>, changes: &mut Vec<Change>, _: &mut PassNotes) {
        let bytes = text.as_bytes();
        let mut run_start: Option<usize> = None;
        let mut i = 0;
        while i < bytes.len() {
            // Bytes that cannot start a removable character (or `\r`) are
            // skipped in bulk; a skipped stretch holds at least one kept
            // character, so it ends any run of removable ones.
            let k = super::scan::find_byte(bytes, i, &[], |b| MAY_REMOVE[usize::from(b)]) - i;
            if k > 0 {
                if let Some(start) = run_start.take() {
                    changes.push(Change::new(start..i, "", "control-char", 1.0));
                }
                i += k;
            }
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            if is_removable(c) {
                run_start.get_or_insert(i);
                i += c.len_utf8();
                continue;
            }
            if let Some(start) = run_start.take() {
                changes.push(Change::new(start..i, "", "control-char", 1.0));
            }
            if c == '\r' {
                let end = if bytes.get(i + 1) == Some(&b'\n') {
                    i + 2
                } else {
                    i + 1
                };
                changes.push(Change::new(i..end, "\n", "line-ending", 1.0));
                i = end;
                continue;
            }
            i += c.len_utf8();
        }
        if let Some(start) = run_start {
            changes.push(Change::new(start..text.len(), "", "control-char", 1.0));
        }
    }
}

/// Bytes that can start a character [`is_removable`] may drop, or `\r`:
/// C0 controls but line feed and tab, DEL, and the lead bytes of the C1
/// controls and soft hyphen (0xC2), the zero-width space and word joiner
/// (0xE2) and the byte-order mark (0xEF). Every other byte is skipped
/// without decoding, which is what keeps the pass cheap on clean text.
static MAY_REMOVE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b != 0x0A && b != 0x09;
        b += 1;
    }
    table[0x7F] = true;
    table[0xC2] = true;
    table[0xE2] = true;
    table[0xEF] = true;
    table
};

/// Composes characters to Unicode NFC, one whitespace-delimited chunk at a time
/// so only the chunks that change are logged.
pub struct Nfc;

impl Pass for Nfc {
    fn name(&self) -> &'static str {
        "nfc"
    }

    fn run(&self, text: &str, _: &PassContext<'_>, changes: &mut Vec<Change>, _: &mut PassNotes) {
        if is_nfc_quick(folded_chars(text)) == IsNormalized::Yes {
            return;
        }
        let mut start = 0;
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            if c.is_whitespace() {
                let chunk = &text[start..i];
                if is_nfc_quick(chunk.chars()) != IsNormalized::Yes {
                    let composed: String = chunk.nfc().collect();
                    if composed != chunk {
                        changes.push(Change::new(start..i, composed, "nfc", 1.0));
                    }
                }
                start = i + c.len_utf8();
            }
        }
    }
}

/// The bytes [`Whitespace`] stops at: ASCII white space as
/// `u8::is_ascii_whitespace` sees it and every byte of a non-ASCII char
/// (which may be white space too). Like `u8::is_ascii_whitespace`, it
/// passes over the vertical tab: only a run another white space char
/// opens takes one in.
static MAY_BE_SPACE: [bool; 256] = {
    let mut table = [true; 256];
    let mut b = 0;
    while b < 0x80 {
        table[b] = (b as u8).is_ascii_whitespace();
        b += 1;
    }
    table
};

/// An ASCII byte that is not white space as `char::is_whitespace` sees it
/// (which, unlike `u8::is_ascii_whitespace`, counts the vertical tab).
fn is_ascii_word_byte(b: u8) -> bool {
    b < 0x80 && !matches!(b, b'\t'..=b'\r' | b' ')
}

/// The characters of `text` for the NFC quick check, with every run of
/// characters below U+0300 folded into one 'a'. Those are all starters that
/// are NFC as they stand, which is all the check learns from them, so it
/// answers the same; their runs are skipped without decoding, printable
/// ASCII eight bytes at a time (every character from U+0300 on has a lead
/// byte of 0xCC or more, and every byte of a smaller one is below 0xCC).
fn folded_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        if *bytes.get(i)? < 0xCC {
            i = super::scan::find_byte(bytes, i, &[], |b| b >= 0xCC);
            return Some('a');
        }
        let c = text.get(i..)?.chars().next()?;
        i += c.len_utf8();
        Some(c)
    })
}

/// One space between words, no spaces at line ends, at most one blank line
/// between paragraphs, nothing before the first or after the last word.
pub struct Whitespace;

impl Whitespace {
    pub fn new() -> Self {
        Whitespace
    }
}

impl Default for Whitespace {
    fn default() -> Self {
        Self::new()
    }
}

impl Pass for Whitespace {
    fn name(&self) -> &'static str {
        "whitespace"
    }

    fn run(&self, text: &str, _: &PassContext<'_>, changes: &mut Vec<Change>, _: &mut PassNotes) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < text.len() {
            // Fast skip over ASCII that is not whitespace, one table
            // lookup a byte.
            let b = bytes[i];
            if !MAY_BE_SPACE[usize::from(b)] {
                i += 1;
                continue;
            }
            // The usual gaps, one space or one or two newlines between two
            // words, are already what this pass wants.
            let gap = match (b, bytes.get(i + 1)) {
                (b' ' | b'\n', _) if i == 0 => 0,
                (b' ' | b'\n', Some(&next)) if is_ascii_word_byte(next) => 1,
                (b'\n', Some(b'\n'))
                    if bytes.get(i + 2).is_some_and(|&n| is_ascii_word_byte(n)) =>
                {
                    2
                }
                _ => 0,
            };
            if gap > 0 {
                i += gap + 1;
                continue;
            }
            let c = match text[i..].chars().next() {
                Some(c) => c,
                None => break,
            };
            if !c.is_whitespace() {
                i += c.len_utf8();
                continue;
            }
            let start = i;
            let mut newlines = 0;
            let mut end = i;
            for (j, c) in text[i..].char_indices() {
                if !c.is_whitespace() {
                    break;
                }
                if c == '\n' || c == '\u{2028}' || c == '\u{2029}' {
                    newlines += 1;
                }
                end = i + j + c.len_utf8();
            }
            let want = if start == 0 || end == text.len() {
                ""
            } else {
                match newlines {
                    0 => " ",
                    1 => "\n",
                    _ => "\n\n",
                }
            };
            if &text[start..end] != want {
                changes.push(Change::new(start..end, want, "whitespace", 1.0));
            }
            i = end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Resources;

    fn run(pass: &dyn Pass, text: &str) -> String {
        crate::normalize::tests::run_pass(pass, text, &Resources::default()).0
    }

    #[test]
    fn control_chars() {
        let cases = [
            ("a\u{0}b", "ab"),
            ("a\r\nb\rc", "a\nb\nc"),
            ("zero\u{200B}width\u{FEFF}", "zerowidth"),
            ("tab\tkept", "tab\tkept"),
            ("emoji 👩\u{200D}💻 kept", "emoji 👩\u{200D}💻 kept"),
            ("\u{7}\u{7}", ""),
        ];
        for (input, want) in cases {
            assert_eq!(run(&ControlChars, input), want, "input {input:?}");
        }
    }

    #[test]
    fn nfc() {
        assert_eq!(run(&Nfc, "cafe\u{301} ole\u{301}"), "café olé");
        assert_eq!(run(&Nfc, "café"), "café");
    }

    #[test]
    fn whitespace() {
        let cases = [
            ("  a  b ", "a b"),
            ("a \n b", "a\nb"),
            ("a\n\n\n\nb", "a\n\nb"),
            ("a\u{A0}b\tc", "a b c"),
            ("a b\nc", "a b\nc"),
            ("   ", ""),
        ];
        for (input, want) in cases {
            assert_eq!(run(&Whitespace::new(), input), want, "input {input:?}");
        }
    }
}
