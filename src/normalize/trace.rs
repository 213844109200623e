//! The edit trace: how the normalized text maps back onto the raw body.
//!
//! Every pass rewrites the text it is given through a list of [`Change`]s in
//! that text's byte offsets. The trace composes those per-pass changes into one
//! list of non-overlapping edits against the *raw* body, so a consumer can
//! replay `normalization.edits` on the raw bytes and get the normalized body,
//! whatever order the passes ran in. Composition is a single merge sweep over
//! the segment list per pass, so the cost stays linear in body size.

use std::ops::Range;

/// One change a pass makes to its input, in byte offsets of that input.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Bytes of the pass input that are replaced (may be empty: an insertion).
    pub range: Range<usize>,
    /// Text that takes their place (may be empty: a deletion).
    pub replacement: String,
    /// Name of the rule that made the change.
    pub rule: &'static str,
    /// How sure the rule is, 0.0–1.0.
    pub confidence: f32,
}

impl Change {
    /// A change replacing `range` with `replacement`.
    pub fn new(
        range: Range<usize>,
        replacement: impl Into<String>,
        rule: &'static str,
        confidence: f32,
    ) -> Self {
        Change {
            range,
            replacement: replacement.into(),
            rule,
            confidence,
        }
    }
}

/// Which rules touched one stretch of text, and the least confidence among them.
#[derive(Debug, Clone, PartialEq)]
pub struct EditInfo {
    pub rules: Vec<&'static str>,
    pub confidence: f32,
}

/// A stretch of the current text and the raw bytes it came from.
///
/// Identity segments copy raw text unchanged (equal lengths); edited segments
/// carry the rules that produced them.
#[derive(Debug, Clone, PartialEq)]
struct Segment {
    out: Range<usize>,
    raw: Range<usize>,
    edit: Option<EditInfo>,
}

/// A composed edit against the raw body, in byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct TracedEdit {
    pub raw: Range<usize>,
    pub out: Range<usize>,
    pub info: EditInfo,
}

/// Segment list mapping the current text back to the raw body.
#[derive(Debug, Clone)]
pub struct Trace {
    segments: Vec<Segment>,
}

/// A run of changes whose edited context touches, merged into one edit.
struct Group {
    start: usize,
    end: usize,
    /// Its changes, as a range of the accepted changes ([`Groups`]): each
    /// group takes the run of them that follows the previous group's.
    changes: Range<usize>,
    info: EditInfo,
}

/// The groups of one pass and the changes they accepted, in order.
struct Groups<'c> {
    groups: Vec<Group>,
    accepted: Vec<&'c Change>,
}

impl Group {
    /// Appends to `out` the text that replaces `start..end` of `text`,
    /// straight into the new text rather than through a string of its own.
    fn push_replacement(&self, text: &str, accepted: &[&Change], out: &mut String) {
        let mut at = self.start;
        for change in &accepted[self.changes.clone()] {
            out.push_str(&text[at..change.range.start]);
            out.push_str(&change.replacement);
            at = change.range.end;
        }
        out.push_str(&text[at..self.end]);
    }
}

impl Trace {
    /// The trace of an untouched text of `len` bytes.
    pub fn identity(len: usize) -> Self {
        let segments = if len == 0 {
            Vec::new()
        } else {
            vec![Segment {
                out: 0..len,
                raw: 0..len,
                edit: None,
            }]
        };
        Trace { segments }
    }

    /// Applies `changes` (sorted, non-overlapping, on char boundaries of
    /// `text`) and returns the new text. Changes that break those rules are
    /// skipped rather than trusted: a faulty pass must not corrupt the trace.
    pub fn apply(&mut self, text: &str, changes: &[Change]) -> String {
        let Groups { groups, accepted } = self.group(text, changes);
        if groups.is_empty() {
            return text.to_string();
        }
        let old = std::mem::take(&mut self.segments);
        let mut builder = Builder {
            old: &old,
            text,
            k: 0,
            out: String::with_capacity(text.len() + 16),
            segments: Vec::with_capacity(old.len() + 2 * groups.len()),
        };
        let mut cursor = 0;
        let mut after_group = false;
        for group in groups {
            builder.copy(cursor, group.start, after_group, true);
            let raw = map_start(&old, group.start)..map_end(&old, group.end);
            let start = builder.out.len();
            group.push_replacement(text, &accepted, &mut builder.out);
            if builder.out.len() > start || !raw.is_empty() {
                builder.segments.push(Segment {
                    out: start..builder.out.len(),
                    raw,
                    edit: Some(group.info),
                });
            }
            while builder.k < old.len() && old[builder.k].out.end <= group.end {
                builder.k += 1;
            }
            cursor = group.end;
            after_group = true;
        }
        builder.copy(cursor, text.len(), after_group, false);
        self.segments = builder.segments;
        builder.out
    }

    /// Checks changes, expands each over the edited segments it touches and
    /// merges changes whose expanded ranges touch.
    fn group<'c>(&self, text: &str, changes: &'c [Change]) -> Groups<'c> {
        let mut groups: Vec<Group> = Vec::new();
        let mut accepted: Vec<&'c Change> = Vec::with_capacity(changes.len());
        // The rules and confidence of one change and the edits it touches,
        // reused from change to change: a change that joins the previous
        // group costs no list of its own.
        let mut info = EditInfo {
            rules: Vec::new(),
            confidence: 1.0,
        };
        let mut floor = 0usize;
        let mut j = 0usize;
        for change in changes {
            let (a, b) = (change.range.start, change.range.end);
            let valid = a >= floor
                && a <= b
                && b <= text.len()
                && text.is_char_boundary(a)
                && text.is_char_boundary(b)
                && !(change.replacement.is_empty() && a == b)
                && text[a..b] != change.replacement;
            if !valid {
                continue;
            }
            floor = b;
            while j < self.segments.len() && self.segments[j].out.end < a {
                j += 1;
            }
            let (mut start, mut end) = (a, b);
            info.rules.clear();
            info.confidence = change.confidence;
            let mut k = j;
            while k < self.segments.len() && self.segments[k].out.start <= b {
                let seg = &self.segments[k];
                if let Some(edit) = &seg.edit
                    && seg.out.end >= a
                {
                    start = start.min(seg.out.start);
                    end = end.max(seg.out.end);
                    merge_info(&mut info, edit);
                }
                k += 1;
            }
            add_rule(&mut info.rules, change.rule);
            accepted.push(change);
            match groups.last_mut() {
                Some(last) if start <= last.end => {
                    last.end = last.end.max(end);
                    last.changes.end = accepted.len();
                    merge_info(&mut last.info, &info);
                }
                _ => groups.push(Group {
                    start,
                    end,
                    changes: accepted.len() - 1..accepted.len(),
                    info: info.clone(),
                }),
            }
        }
        Groups { groups, accepted }
    }

    /// The composed edits, sorted by raw position.
    pub fn edits(&self) -> Vec<TracedEdit> {
        self.edit_views()
            .map(|(raw, out, info)| TracedEdit {
                raw,
                out,
                info: info.clone(),
            })
            .collect()
    }

    /// The composed edits as [`Trace::edits`] lists them, as raw range,
    /// current range and a borrow of their rules: the edit log reads them
    /// once, without a copy of each rule list.
    pub fn edit_views(&self) -> impl Iterator<Item = (Range<usize>, Range<usize>, &EditInfo)> {
        self.segments.iter().filter_map(|s| {
            s.edit
                .as_ref()
                .map(|info| (s.raw.clone(), s.out.clone(), info))
        })
    }

    /// Maps a byte range of the current text to the raw body.
    pub fn raw_range(&self, out: Range<usize>) -> Range<usize> {
        let start = map_start(&self.segments, out.start);
        start..map_end(&self.segments, out.end).max(start)
    }
}

fn add_rule(rules: &mut Vec<&'static str>, rule: &'static str) {
    if !rules.contains(&rule) {
        rules.push(rule);
    }
}

fn merge_info(into: &mut EditInfo, from: &EditInfo) {
    for rule in &from.rules {
        add_rule(&mut into.rules, rule);
    }
    into.confidence = into.confidence.min(from.confidence);
}

/// Builds the new segment list while `Trace::apply` sweeps the old one.
struct Builder<'a> {
    old: &'a [Segment],
    text: &'a str,
    k: usize,
    out: String,
    segments: Vec<Segment>,
}

impl Builder<'_> {
    /// Copies the old segments' part of `from..to` unchanged. Zero-length
    /// edited segments at a group boundary belong to that group.
    fn copy(&mut self, from: usize, to: usize, from_is_group: bool, to_is_group: bool) {
        while let Some(seg) = self.old.get(self.k) {
            let empty = seg.out.is_empty();
            if seg.out.start > to || (seg.out.start == to && (!empty || to_is_group)) {
                break;
            }
            if empty && seg.out.start == from && from_is_group {
                self.k += 1;
                continue;
            }
            let (lo, hi) = match seg.edit {
                None => (seg.out.start.max(from), seg.out.end.min(to)),
                Some(_) => (seg.out.start, seg.out.end),
            };
            if lo < hi || seg.edit.is_some() {
                let start = self.out.len();
                self.out.push_str(&self.text[lo..hi]);
                let raw = match seg.edit {
                    None => {
                        seg.raw.start + (lo - seg.out.start)..seg.raw.start + (hi - seg.out.start)
                    }
                    Some(_) => seg.raw.clone(),
                };
                self.segments.push(Segment {
                    out: start..self.out.len(),
                    raw,
                    edit: seg.edit.clone(),
                });
            }
            if seg.out.end > to {
                break;
            }
            self.k += 1;
        }
    }
}

/// Raw position where a group starting at `pos` begins: before any
/// zero-length edit sitting there.
fn map_start(segments: &[Segment], pos: usize) -> usize {
    let idx =
        segments.partition_point(|s| s.out.end < pos || (s.out.end == pos && s.edit.is_none()));
    match segments.get(idx) {
        None => segments.last().map_or(0, |s| s.raw.end),
        Some(s) if s.edit.is_none() => s.raw.start + pos.saturating_sub(s.out.start),
        Some(s) => s.raw.start,
    }
}

/// Raw position where a group ending at `pos` ends: after any zero-length
/// edit sitting there.
fn map_end(segments: &[Segment], pos: usize) -> usize {
    let idx =
        segments.partition_point(|s| s.out.start < pos || (s.out.start == pos && s.edit.is_some()));
    match idx.checked_sub(1).and_then(|i| segments.get(i)) {
        None => 0,
        Some(s) if s.edit.is_none() => s.raw.start + (pos - s.out.start).min(s.raw.len()),
        Some(s) => s.raw.end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Replays composed edits on the raw text.
    fn replay(raw: &str, edits: &[TracedEdit], out: &str) -> String {
        let mut s = String::new();
        let mut at = 0;
        for e in edits {
            assert!(
                e.raw.start >= at,
                "edits overlap or are unsorted: {edits:?}"
            );
            s.push_str(&raw[at..e.raw.start]);
            s.push_str(&out[e.out.clone()]);
            at = e.raw.end;
        }
        s.push_str(&raw[at..]);
        s
    }

    /// Turns random (position, length, replacement) triples into valid,
    /// sorted, non-overlapping changes on `text`.
    fn changes_for(text: &str, raw: Vec<(usize, usize, String)>) -> Vec<Change> {
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let mut picks: Vec<(usize, usize, String)> = raw
            .into_iter()
            .map(|(p, l, r)| {
                let a = p % bounds.len();
                let b = (a + l % 3).min(bounds.len() - 1);
                (bounds[a], bounds[b], r)
            })
            .collect();
        picks.sort_by_key(|p| (p.0, p.1));
        let mut out = Vec::new();
        let mut floor = 0;
        for (a, b, r) in picks {
            if a < floor || (a == b && r.is_empty()) {
                continue;
            }
            floor = b;
            out.push(Change::new(a..b, r, "test", 1.0));
        }
        out
    }

    fn arb_changes() -> impl Strategy<Value = Vec<(usize, usize, String)>> {
        prop::collection::vec((0usize..64, 0usize..3, "[ab é]{0,2}"), 0..6)
    }

    proptest! {
        #[test]
        fn composed_edits_replay_to_the_final_text(
            raw in "[ab .é\n]{0,24}",
            passes in prop::collection::vec(arb_changes(), 1..4),
        ) {
            let mut trace = Trace::identity(raw.len());
            let mut text = raw.clone();
            for pass in passes {
                let changes = changes_for(&text, pass);
                text = trace.apply(&text, &changes);
            }
            let edits = trace.edits();
            prop_assert_eq!(replay(&raw, &edits, &text), text.clone());
            let total = trace.raw_range(0..text.len());
            prop_assert!(total.end <= raw.len());
        }
    }

    #[test]
    fn adjacent_changes_from_two_passes_merge() {
        let raw = "ab. Cd";
        let mut trace = Trace::identity(raw.len());
        let t1 = trace.apply(raw, &[Change::new(2..3, "", "drop-period", 0.9)]);
        assert_eq!(t1, "ab Cd");
        let t2 = trace.apply(&t1, &[Change::new(3..4, "c", "lower", 0.8)]);
        assert_eq!(t2, "ab cd");
        let edits = trace.edits();
        assert_eq!(edits.len(), 2, "{edits:?}");
        assert_eq!(edits[1].raw, 4..5);
        assert_eq!(edits[1].info.rules, vec!["lower"]);
        let t3 = trace.apply(&t2, &[Change::new(2..3, ", ", "comma", 0.7)]);
        assert_eq!(t3, "ab, cd");
        let edits = trace.edits();
        assert_eq!(edits.len(), 1, "{edits:?}");
        assert_eq!(edits[0].raw, 2..5);
        assert_eq!(edits[0].info.rules, vec!["drop-period", "lower", "comma"]);
        assert_eq!(edits[0].info.confidence, 0.7);
    }
}
