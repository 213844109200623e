//! Mojibake: UTF-8 bytes that were decoded as Windows-1252 or Latin-1
//! ("â€™" for "’", "Ã©" for "é", "Â " for a no-break space) are turned back
//! into the characters they encode.
//!
//! The repair works like ftfy's core fix, but only where it is safe: every
//! candidate is a run of characters that each stand for one byte 0x80–0xFF
//! in Windows-1252 (or Latin-1, whose C1 controls fill the five holes of
//! Windows-1252). Inside such a run, a lead byte followed by the right number
//! of continuation bytes that form valid UTF-8 is decoded. Decodes into
//! scripts that a lone accident could produce ("Ö’" read as a Hebrew accent,
//! "é’”" as a CJK ideograph) are only trusted when they sit next to another
//! decode, because real mojibake of those scripts comes in runs. Text that is
//! mojibaked twice is decoded again, at most [`MAX_ROUNDS`] times, only
//! inside the run that changed. Every step is a single left-to-right sweep,
//! so the pass is linear in the body size.
//!
//! This pass runs before control characters are removed: Latin-1 mojibake
//! carries the C1 controls U+0080–U+009F as continuation bytes, and dropping
//! them first would lose the character for good.

use super::{Change, Pass, PassContext, PassNotes};

/// How many times a run is decoded again when the result still looks like
/// mojibake (text encoded twice or three times).
const MAX_ROUNDS: usize = 3;

/// The characters Windows-1252 puts at bytes 0x80–0x9F; `None` where the code
/// page has a hole (Latin-1 readers show a C1 control there instead).
const CP1252_HIGH: [Option<char>; 32] = [
    Some('\u{20AC}'),
    None,
    Some('\u{201A}'),
    Some('\u{0192}'),
    Some('\u{201E}'),
    Some('\u{2026}'),
    Some('\u{2020}'),
    Some('\u{2021}'),
    Some('\u{02C6}'),
    Some('\u{2030}'),
    Some('\u{0160}'),
    Some('\u{2039}'),
    Some('\u{0152}'),
    None,
    Some('\u{017D}'),
    None,
    None,
    Some('\u{2018}'),
    Some('\u{2019}'),
    Some('\u{201C}'),
    Some('\u{201D}'),
    Some('\u{2022}'),
    Some('\u{2013}'),
    Some('\u{2014}'),
    Some('\u{02DC}'),
    Some('\u{2122}'),
    Some('\u{0161}'),
    Some('\u{203A}'),
    Some('\u{0153}'),
    None,
    Some('\u{017E}'),
    Some('\u{0178}'),
];

/// The character Windows-1252 shows for `byte` in 0x80–0x9F, if any. HTML
/// numeric references in that range mean these characters too.
pub fn cp1252_char(byte: u8) -> Option<char> {
    match byte {
        0x80..=0x9F => CP1252_HIGH[usize::from(byte - 0x80)],
        _ => None,
    }
}

/// The byte 0x80–0xFF that `c` stands for when UTF-8 was read as
/// Windows-1252 or Latin-1; `None` for ASCII and every other character.
fn high_byte(c: char) -> Option<u8> {
    let code = u32::from(c);
    if (0x80..=0xFF).contains(&code) {
        return u8::try_from(code).ok();
    }
    // U+0152 ("Œ") to U+2122 ("™") are the bounds of the Windows-1252
    // characters outside Latin-1.
    if !(0x152..=0x2122).contains(&code) {
        return None;
    }
    CP1252_HIGH
        .iter()
        .position(|&m| m == Some(c))
        .and_then(|i| u8::try_from(i + 0x80).ok())
}

/// Whether `byte` (from [`high_byte`]) is a character a repair can start
/// from: a UTF-8 lead byte (0xC2–0xF4, which covers "Â" and "â" of the
/// orphan and no-break-space repairs too). A run without one is left alone
/// by [`Mojibake::repair_run`], so the pass does not call it.
fn is_lead_char(byte: u8) -> bool {
    (0xC2..=0xF4).contains(&byte)
}

/// One piece of a run: either a decoded UTF-8 sequence or a character kept.
struct Piece {
    /// Byte range of the run text the piece covers.
    range: std::ops::Range<usize>,
    /// The decoded character, if the piece is a sequence that decodes.
    decoded: Option<char>,
}

/// Whether a decode can be trusted on its own: Latin-1 and Latin Extended-A
/// letters, Vietnamese, general punctuation, currency and letter-like
/// symbols. Anything else (IPA from "CAFÉ’S", Cyrillic from "Ó’") needs a
/// decoded neighbour: real mojibake of other scripts comes in whole words.
fn trusted_alone(c: char) -> bool {
    matches!(u32::from(c), 0xA0..=0x17F | 0x1E00..=0x1EFF | 0x2000..=0x21FF)
}

/// Splits `run` (all high-byte characters) into pieces, decoding every
/// lead byte followed by enough continuation bytes.
fn pieces(run: &str) -> Vec<Piece> {
    let chars: Vec<(usize, char, u8)> = run
        .char_indices()
        .filter_map(|(i, c)| high_byte(c).map(|b| (i, c, b)))
        .collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let (start, c, lead) = chars[k];
        let need = match lead {
            0xC2..=0xDF => 1,
            0xE0..=0xEF => 2,
            0xF0..=0xF4 => 3,
            _ => 0,
        };
        let tail = chars.get(k + 1..k + 1 + need).unwrap_or(&[]);
        if need > 0 && tail.len() == need && tail.iter().all(|t| (0x80..=0xBF).contains(&t.2)) {
            let mut bytes = [0u8; 4];
            bytes[0] = lead;
            for (slot, t) in bytes[1..].iter_mut().zip(tail) {
                *slot = t.2;
            }
            let decoded = std::str::from_utf8(&bytes[..=need])
                .ok()
                .and_then(|s| s.chars().next())
                .filter(|d| !d.is_control());
            if let Some(d) = decoded {
                let end = tail.last().map_or(start, |t| t.0 + t.1.len_utf8());
                out.push(Piece {
                    range: start..end,
                    decoded: Some(d),
                });
                k += need + 1;
                continue;
            }
        }
        out.push(Piece {
            range: start..start + c.len_utf8(),
            decoded: None,
        });
        k += 1;
    }
    out
}

/// Decodes one round over `run`; `None` when nothing is decoded.
fn decode_round(run: &str) -> Option<String> {
    let pieces = pieces(run);
    let decoded_at = |i: usize| pieces.get(i).is_some_and(|p| p.decoded.is_some());
    let mut out = String::with_capacity(run.len());
    let mut changed = false;
    for (i, piece) in pieces.iter().enumerate() {
        match piece.decoded {
            Some(d) if trusted_alone(d) || (i > 0 && decoded_at(i - 1)) || decoded_at(i + 1) => {
                out.push(d);
                changed = true;
            }
            _ => out.push_str(&run[piece.range.clone()]),
        }
    }
    changed.then_some(out)
}

/// Repairs mojibake.
pub struct Mojibake;

impl Mojibake {
    pub fn new() -> Self {
        Mojibake
    }

    /// Decodes the run `text[start..end]` and proposes the change, if any.
    fn repair_run(text: &str, start: usize, end: usize, changes: &mut Vec<Change>) {
        let run = &text[start..end];
        let mut fixed: Option<String> = None;
        for _ in 0..MAX_ROUNDS {
            let current = fixed.as_deref().unwrap_or(run);
            match decode_round(current) {
                Some(next) => fixed = Some(next),
                None => break,
            }
        }
        if let Some(fixed) = fixed {
            changes.push(Change::new(start..end, fixed, "mojibake", 0.9));
            return;
        }
        // "â€" left alone: the third byte of "”" (0x9D) is a hole in
        // Windows-1252, so decoders drop it or replace it with U+FFFD.
        let orphan = "\u{E2}\u{20AC}";
        if run == orphan {
            let next = text[end..].chars().next();
            if next != Some('?') {
                let stop = if next == Some('\u{FFFD}') {
                    end + 3
                } else {
                    end
                };
                changes.push(Change::new(start..stop, "\u{201D}", "mojibake-quote", 0.7));
            }
            return;
        }
        // "Â" before a plain space: a no-break space whose second byte
        // became an ordinary space.
        if run == "\u{C2}" && text[end..].starts_with(' ') {
            let prev = text[..start].chars().next_back();
            if !prev.is_some_and(char::is_alphanumeric) {
                changes.push(Change::new(start..end, "", "mojibake-nbsp", 0.8));
            }
        }
    }
}

impl Default for Mojibake {
    fn default() -> Self {
        Self::new()
    }
}

impl Pass for Mojibake {
    fn name(&self) -> &'static str {
        "mojibake"
    }

    fn run(&self, text: &str, _: &PassContext<'_>, changes: &mut Vec<Change>, _: &mut PassNotes) {
        // Every repair needs a character U+00C2–U+00F4 in its run (a UTF-8
        // lead byte read as Windows-1252, "Â" or "â"), and all of them are
        // written 0xC3 0x82–0xB4: a body without a 0xC3 byte is left as it
        // is without decoding a character.
        if !text.as_bytes().contains(&0xC3) {
            return;
        }
        // Start of the current run, and whether it holds a lead character.
        let mut run: Option<(usize, bool)> = None;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // ASCII ends a run and is stepped over a run at a time; only
            // other characters are decoded.
            let (high, width) = if bytes[i].is_ascii() {
                let ascii = bytes[i..].iter().position(|b| !b.is_ascii());
                (None, ascii.unwrap_or(bytes.len() - i))
            } else {
                let Some(c) = text[i..].chars().next() else {
                    break;
                };
                (high_byte(c), c.len_utf8())
            };
            match high {
                Some(b) => {
                    let lead = is_lead_char(b);
                    match &mut run {
                        Some((_, has_lead)) => *has_lead |= lead,
                        None => run = Some((i, lead)),
                    }
                }
                None => {
                    if let Some((start, true)) = run.take() {
                        Self::repair_run(text, start, i, changes);
                    }
                }
            }
            i += width;
        }
        if let Some((start, true)) = run {
            Self::repair_run(text, start, text.len(), changes);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Resources;

    fn run(text: &str) -> String {
        crate::normalize::tests::run_pass(&Mojibake, text, &Resources::default()).0
    }

    #[test]
    fn repairs_utf8_read_as_windows_1252() {
        let cases = [
            ("Japanâ€™s push", "Japan’s push"),
            ("cafÃ© au lait", "café au lait"),
            ("â€œQuotedâ€\u{9d} he said", "“Quoted” he said"),
            ("â€œQuotedâ€ he said", "“Quoted” he said"),
            ("â€œQuotedâ€\u{FFFD} he said", "“Quoted” he said"),
            ("wait â€” what", "wait — what"),
            ("costs Â£5", "costs £5"),
            ("50Â\u{A0}km", "50\u{A0}km"),
            ("a Â b", "a  b"),
            ("ZÃ¼rich and MÃ¼nchen", "Zürich and München"),
            ("Ð¼Ð¾Ñ\u{81}ÐºÐ²Ð°", "москва"),
            ("æ—¥æœ¬", "日本"),
            ("SÃ£o Paulo", "São Paulo"),
            // Latin-1 reading: C1 controls stand in for 0x80–0x9F.
            ("Japan\u{E2}\u{80}\u{99}s", "Japan’s"),
            // Encoded twice.
            (
                "Japan\u{C3}\u{A2}\u{E2}\u{82}\u{AC}\u{E2}\u{84}\u{A2}s",
                "Japan’s",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(run(input), want, "input {input:?}");
        }
    }

    #[test]
    fn leaves_real_text_alone() {
        let cases = [
            "café, naïve, Zürich, São Paulo, Ærø, œuvre",
            "the café’s menu",
            "ÖSTERREICH’s",
            "Москва, 東京, القاهرة, עברית",
            "price: 5 € or £4 — “quoted” … ™",
            "Â",
            "Ã",
            "the café’” end",
            "CAFÉ’S MENU",
            "NACIÓ’s",
            "plain ASCII text",
            "ÂB is a name",
        ];
        for input in cases {
            assert_eq!(run(input), input, "input {input:?}");
        }
    }
}
