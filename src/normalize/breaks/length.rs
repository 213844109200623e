//! Sentence length: joins that would make a sentence far longer than news
//! sentences run.
//!
//! At a line end, a wrap and a sentence end that falls where a line wraps
//! fit the lines equally well, so the words around the period decide
//! alone, and a real sentence end whose words read as if the sentence ran
//! on is joined ("next year. The manufacturer"). What the words cannot
//! see is what the join makes of the whole sentence: two sentences run
//! together are as long as two sentences. In news copy one sentence in 50
//! runs past 45 words; of two sentences together, one in four does.
//!
//! So after the chain is decoded, each sentence the joins would make that
//! runs past [`LONG`] words is split at the join whose own evidence is
//! weakest against what splitting there saves, when the saving is larger.
//! The line chain is unchanged: the site still ends its line, as a
//! sentence end at a wrap rather than as a wrap.
//!
//! The constants were chosen on the training corpus (boundary errors per
//! 1,000 words 3.40 → 3.22, case errors 4.26 → 4.08, false edits 4.51 →
//! 4.03); held-out copy moved alike (2.59 → 2.41, 3.48 → 3.31, 3.36 →
//! 2.84). A threshold of 30 words did as well on those corpora, whose
//! sentences average 20 words, but real wire copy runs longer (the seed
//! story averages 25, and a third of its sentences pass 35 words), so the
//! threshold stays above the longest sentences it has.

use super::Candidate;
use super::chain::KEEP_AT_WRAP;

/// Sentences up to this many words cost nothing.
const LONG: usize = 45;
/// Evidence against a join for each word the sentence it makes runs past
/// [`LONG`].
const PER_WORD: f32 = 0.6;
/// Neither half of a split may be shorter than this. A split that leaves
/// a short half is more often a wrong one: a short sentence is seldom
/// what makes a long one too long. (5 and 18 did about as well.)
const MIN_HALF: usize = 12;

/// Reverts joins that make over-long sentences; `evidence` is each
/// candidate's local evidence, `wraps` the decoded labels (true: joined).
pub(super) fn split_long_sentences(
    text: &str,
    candidates: &[Candidate],
    evidence: &[Option<f32>],
    wraps: &mut [bool],
) {
    let (at, ends, total) = word_positions(text, candidates);
    // Sentence ends that stay whatever is decided here: paragraph ends,
    // "?" and "!", and every candidate kept.
    let mut bounds: Vec<usize> = ends;
    bounds.extend((0..candidates.len()).filter(|&i| !wraps[i]).map(|i| at[i]));
    bounds.push(0);
    bounds.push(total);
    bounds.sort_unstable();
    bounds.dedup();
    // The joins in candidate order, which is word order: each sentence's
    // joins are the next run of them.
    let joined: Vec<usize> = (0..candidates.len()).filter(|&i| wraps[i]).collect();
    let mut rest = joined.as_slice();
    for pair in bounds.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        let before = rest.iter().take_while(|&&i| at[i] <= from).count();
        let within = rest[before..].iter().take_while(|&&i| at[i] < to).count();
        let (inside, after) = rest[before..].split_at(within);
        split(from, to, inside, &at, evidence, wraps);
        rest = after;
    }
}

/// Splits the sentence of words `from..to` at the best of its joins
/// `inside`, then each half in turn.
fn split(
    from: usize,
    to: usize,
    inside: &[usize],
    at: &[usize],
    evidence: &[Option<f32>],
    wraps: &mut [bool],
) {
    let words = to - from;
    if words <= LONG {
        return;
    }
    let best = inside
        .iter()
        .enumerate()
        .filter_map(|(k, &i)| {
            let (left, right) = (at[i] - from, to - at[i]);
            if left < MIN_HALF || right < MIN_HALF {
                return None;
            }
            let saved = PER_WORD * (over(words) - over(left) - over(right)) as f32;
            let cost = evidence[i]? - KEEP_AT_WRAP;
            Some((saved - cost, k))
        })
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let Some((_, k)) = best.filter(|(gain, _)| *gain > 0.0) else {
        return;
    };
    let i = inside[k];
    wraps[i] = false;
    split(from, at[i], &inside[..k], at, evidence, wraps);
    split(at[i], to, &inside[k + 1..], at, evidence, wraps);
}

/// Words past [`LONG`].
fn over(words: usize) -> usize {
    words.saturating_sub(LONG)
}

/// For each candidate, the number of words up to and including the word
/// before its period; the same count at each paragraph end and each "?"
/// or "!" followed by white space; and the number of words in `text`.
/// Words are counted by the white space before them: the passes before
/// this one leave one space or newline between words and no other control
/// characters, so a byte up to U+0020 is a gap, and counting gaps is one
/// comparison per byte. The counts are off by at most one at the ends of a
/// paragraph, where only differences of tens of words matter.
fn word_positions(text: &str, candidates: &[Candidate]) -> (Vec<usize>, Vec<usize>, usize) {
    let bytes = text.as_bytes();
    // Summed 255 bytes at a time into a byte, which the compiler
    // vectorizes (a plain filtered count it did not).
    let gaps = |from: usize, to: usize| -> usize {
        bytes[from..to]
            .chunks(255)
            .map(|chunk| usize::from(chunk.iter().fold(0u8, |n, &b| n + u8::from(b <= b' '))))
            .sum()
    };
    let mut at = Vec::with_capacity(candidates.len() + 1);
    let mut ends = Vec::new();
    let (mut words, mut from) = (0, 0);
    let stops = candidates.iter().map(|c| c.next.start).chain([bytes.len()]);
    for stop in stops {
        let stop = stop.max(from);
        let mut read = from;
        for e in memchr::memchr3_iter(b'\n', b'?', b'!', &bytes[from..stop]) {
            let e = from + e;
            words += gaps(read, e + 1);
            read = e + 1;
            if bytes[e] == b'\n' || bytes.get(e + 1).is_none_or(u8::is_ascii_whitespace) {
                ends.push(words);
            }
        }
        words += gaps(read, stop);
        at.push(words);
        from = stop;
    }
    let total = at.pop().unwrap_or(0);
    (at, ends, total)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The candidates at each ". " of `text`.
    fn candidates(text: &str) -> Vec<Candidate> {
        text.match_indices(". ")
            .map(|(period, _)| {
                let start = period + 2;
                let end = text[start..].find(' ').map_or(text.len(), |e| start + e);
                Candidate {
                    prev_start: text[..period].rfind(' ').map_or(0, |s| s + 1),
                    period,
                    quoted: false,
                    gap: period + 1..start,
                    newline: false,
                    opens_quote: false,
                    next: start..end,
                }
            })
            .collect()
    }

    fn sentence(words: usize) -> String {
        vec!["word"; words].join(" ")
    }

    #[test]
    fn a_weak_join_inside_an_over_long_sentence_is_split() {
        let text = format!("{}. {}", sentence(30), sentence(30));
        let found = candidates(&text);
        let mut wraps = vec![true];
        split_long_sentences(&text, &found, &[Some(-3.5)], &mut wraps);
        assert_eq!(wraps, [false]);
        // Strong evidence for the join outweighs 15 words too many.
        let mut wraps = vec![true];
        split_long_sentences(&text, &found, &[Some(6.0)], &mut wraps);
        assert_eq!(wraps, [true]);
    }

    #[test]
    fn sentences_of_news_length_and_short_halves_are_left() {
        let text = format!("{}. {}", sentence(20), sentence(20));
        let mut wraps = vec![true];
        split_long_sentences(&text, &candidates(&text), &[Some(-4.5)], &mut wraps);
        assert_eq!(wraps, [true]);
        let text = format!("{}. {}", sentence(50), sentence(4));
        let mut wraps = vec![true];
        split_long_sentences(&text, &candidates(&text), &[Some(-4.5)], &mut wraps);
        assert_eq!(wraps, [true]);
    }

    #[test]
    fn kept_breaks_and_question_marks_end_sentences() {
        // 30 + 30 words, but a kept break sits between the two joins'
        // sentences, so neither runs long.
        let text = format!(
            "{}. {}. {}? {}",
            sentence(15),
            sentence(15),
            sentence(15),
            sentence(15)
        );
        let found = candidates(&text);
        let mut wraps = vec![true, false];
        split_long_sentences(&text, &found, &[Some(-4.0), None], &mut wraps);
        assert_eq!(wraps, [true, false]);
        // Without the kept break, the three joins make one of 60 words
        // less the question: 45, not past the limit.
        let mut wraps = vec![true, true];
        split_long_sentences(&text, &found, &[Some(-4.0), Some(-4.0)], &mut wraps);
        assert_eq!(wraps, [true, true]);
    }

    #[test]
    fn the_longer_sentence_is_split_at_its_weakest_join() {
        let text = format!("{}. {}. {}", sentence(25), sentence(25), sentence(25));
        let found = candidates(&text);
        let mut wraps = vec![true, true];
        split_long_sentences(&text, &found, &[Some(1.0), Some(-4.0)], &mut wraps);
        assert_eq!(wraps, [true, false]);
    }
}
