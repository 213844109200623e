//! Byte scans for the character passes: most of a body is printable ASCII
//! that the control-character and NFC passes leave alone, so they look for
//! the next byte that may start a change by skipping such bytes eight at a
//! time.
//! (Typography keeps a plain table scan: quote marks, apostrophes and
//! hyphens are frequent enough in prose that whole clean words are rare.)

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Whether any byte of `word` is zero. Exact for "any"; which byte it
/// flags may be wrong, and callers do not ask.
fn has_zero(word: u64) -> bool {
    word.wrapping_sub(ONES) & !word & HIGHS != 0
}

/// Whether all eight bytes of `word` are printable ASCII (0x20–0x7E) other
/// than the bytes in `special`.
fn all_plain(word: u64, special: &[u8]) -> bool {
    let below_space = word.wrapping_sub(0x20 * ONES) & !word & HIGHS != 0;
    let high_or_del = word & HIGHS != 0 || has_zero(word ^ (0x7F * ONES));
    !below_space
        && !high_or_del
        && !special
            .iter()
            .any(|&s| has_zero(word ^ (u64::from(s) * ONES)))
}

/// The first index at or after `from` where `wanted` holds, or
/// `bytes.len()`. `wanted` must be false for printable ASCII bytes outside
/// `special`: eight-byte words made only of those are skipped unread.
pub fn find_byte(bytes: &[u8], from: usize, special: &[u8], wanted: impl Fn(u8) -> bool) -> usize {
    let mut i = from;
    loop {
        while let Some(chunk) = bytes.get(i..i + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            if !all_plain(u64::from_le_bytes(word), special) {
                break;
            }
            i += 8;
        }
        let block = bytes.len().min(i + 8);
        match bytes[i..block].iter().position(|&b| wanted(b)) {
            Some(k) => return i + k,
            None if block == bytes.len() => return bytes.len(),
            None => i = block,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_a_plain_search_finds() {
        let text = "plain text, then \"quotes\" and a tab\there; é and \u{7f} end-";
        let bytes = text.as_bytes();
        let wanted = |b: u8| b == b'"' || b == b'-' || !(0x20..0x7F).contains(&b);
        for from in 0..=bytes.len() {
            let want = bytes[from..]
                .iter()
                .position(|&b| wanted(b))
                .map_or(bytes.len(), |k| from + k);
            assert_eq!(find_byte(bytes, from, b"\"-", wanted), want, "from {from}");
        }
    }
}
