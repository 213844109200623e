//! Wrap chains: deciding all of a document's break candidates together.
//!
//! A spurious break is a line wrap, and line wraps are not free to fall
//! anywhere: each line of a wrapped paragraph is between a short word less
//! than the width and the width long, the widths in use lie in a known band
//! (wire copy wraps at 35–90 columns), and a paragraph longer than a line
//! has a wrap at least once a line. A real sentence end is under no such
//! rule. So the candidates labelled "wrap" must form a chain whose links
//! are plausible line lengths, and a stretch of text longer than a line
//! with no wrap in it costs something: either the wrap there was left
//! unbroken, which the damage does now and then, or a break was missed.
//!
//! Deciding each candidate on its own cannot use this; deciding them all
//! at once can. [`decode`] finds the labelling that maximizes the sum of
//! the candidates' local evidence (log-odds for "wrap", from the words
//! around the period) plus the fit of every line the labelling implies. It
//! is a semi-Markov Viterbi pass: the state is where the current line
//! started, every newline ends a line whatever the labels, and only line
//! starts within a few lines' reach are compared, so the pass is linear in
//! the number of candidates.
//!
//! A line end is not always a wrap to join: a real sentence end can fall
//! where a line wraps. A site whose words say so strongly enough ends its
//! line and keeps its period.
//!
//! When a document wraps at one width (a fixed-width feed), the width is
//! estimated first and lines are fitted to it closely; otherwise only the
//! band of widths is known.

/// One break candidate, in char positions from the start of the text.
#[derive(Debug, Clone, Copy)]
pub(super) struct Site {
    /// Where the word before the period ends (the period's position).
    pub end: usize,
    /// Where the next line would start (the next word's first char).
    pub next: usize,
    /// The gap holds a newline: a line ends here whatever the label.
    pub newline: bool,
    /// Local log-odds that this is a wrap; `None` for never.
    pub evidence: Option<f32>,
}

/// The line geometry lines are fitted against.
#[derive(Debug, Clone, Copy)]
pub(super) struct Geometry {
    /// The document's estimated wrap width, when it has one.
    pub width: Option<usize>,
}

/// Shortest line a wrap can end: the narrowest width in use less a long
/// word. A "wrap" closer than this to the previous one is not a wrap.
const MIN_LINE: usize = 28;
/// Longest line: the widest width in use plus a closing quote.
const MAX_LINE: usize = 92;
/// Cost of each wrap a line skips (left unbroken, or missed): wrap breaks
/// are frequent, so a long stretch without one is unlikely.
const UNBROKEN: f32 = 2.2;
/// The same where no width was fitted. Lines then run anywhere from
/// [`MIN_LINE`] to [`MAX_LINE`], so a line longer than that is the only
/// sign of a wrap left unjoined, and it counts for more. (Chosen on the
/// training corpus with a new width every line: 5.35 boundary errors per
/// 1,000 words at 2.2, 5.21 at 3, 5.18 at 3.5 with more false edits,
/// 5.45 at 4.5; held-out copy 4.53 → 4.35 at 3. The paragraph's last
/// line keeps [`UNBROKEN`]: 3 there too gave 5.16 but more false edits.)
const UNBROKEN_BAND: f32 = 3.0;
/// Evidence against a wrap that would end a line too short to wrap.
const TOO_SHORT: f32 = 6.0;
/// Local evidence below which a site taken as a line end keeps its
/// period: a real sentence end that falls where a line wraps. Without it,
/// the fit of the lines on both sides (about +6 for a site one width from
/// the last wrap) outweighs any but the strongest evidence against a join.
/// (Chosen on the training corpus with one width per document, for the
/// fewest boundary errors plus false edits with case errors at most 3 per
/// 1,000 words and the seed story whole: −3 gave 4.10 (2.09 + 2.01, case
/// 2.72), against 4.26 at −4.5 and 4.15 at −3.5; −2.5 gave 4.05 but left
/// one of the seed's wraps ("Group of Seven. Keaders", its next word an
/// OCR error that reads as a name), and −2 took case errors past 3. With
/// a new width every line, and with phrase wraps, −3 also cut false edits
/// at no cost in the other two.)
pub(super) const KEEP_AT_WRAP: f32 = -3.0;
/// Line starts further back than this are compared by their score alone:
/// every line from there on skips several wraps anyway.
const REACH: usize = 6 * MAX_LINE;

impl Geometry {
    /// Evidence for a wrap ending a line of `len` chars.
    fn wrap(self, len: usize) -> f32 {
        match self.width {
            Some(width) => super::wrap_evidence(len, width) - self.skipped(len) as f32 * UNBROKEN,
            None if len < MIN_LINE => -TOO_SHORT,
            None => -(self.skipped(len) as f32) * UNBROKEN_BAND,
        }
    }

    /// Evidence for a last line of `len` chars ending a paragraph.
    fn last(self, len: usize) -> f32 {
        -(self.skipped(len) as f32) * UNBROKEN
    }

    /// How many wraps a line of `len` chars must have skipped.
    fn skipped(self, len: usize) -> usize {
        let max = self.width.map_or(MAX_LINE, |w| w + 2);
        len.saturating_sub(1) / max
    }
}

/// A line start: the text start, a newline, or a candidate taken as a wrap.
#[derive(Debug, Clone, Copy)]
struct Node {
    start: usize,
    score: f32,
    /// The node this one's line followed, `usize::MAX` for the first.
    back: usize,
    /// The candidate joined as a wrap here, if any.
    site: Option<usize>,
}

/// A paragraph's line starts, for finding the best one to end a line at.
struct Paragraph {
    /// Index of its first node.
    first: usize,
    /// Nodes before `near` are out of reach; the best-scoring of them is
    /// `far`.
    near: usize,
    far: Option<usize>,
}

impl Paragraph {
    fn new(first: usize) -> Self {
        Paragraph {
            first,
            near: first,
            far: None,
        }
    }

    /// The best (score, node) for a line ending at `end`, with `fit`
    /// scoring the line's length.
    fn best(&mut self, nodes: &[Node], end: usize, fit: impl Fn(usize) -> f32) -> (f32, usize) {
        while self.near < nodes.len() && nodes[self.near].start + REACH < end {
            if self
                .far
                .is_none_or(|f| nodes[self.near].score > nodes[f].score)
            {
                self.far = Some(self.near);
            }
            self.near += 1;
        }
        let line = |i: usize| nodes[i].score + fit(end.saturating_sub(nodes[i].start));
        let mut best = self
            .far
            .map_or((f32::NEG_INFINITY, self.first), |f| (line(f), f));
        for i in self.near..nodes.len() {
            let score = line(i);
            if score > best.0 {
                best = (score, i);
            }
        }
        best
    }
}

/// Labels every site: true where it is joined as a wrap. `newlines` are the
/// char positions of the newlines outside any site's gap (paragraph ends),
/// ascending; `len` is the text's length in chars.
pub(super) fn decode(
    sites: &[Site],
    newlines: &[usize],
    len: usize,
    geometry: Geometry,
) -> Vec<bool> {
    // One node for the start, each site and each paragraph end at most.
    let mut nodes = Vec::with_capacity(1 + sites.len() + newlines.len());
    nodes.push(Node {
        start: 0,
        score: 0.0,
        back: usize::MAX,
        site: None,
    });
    let mut paragraph = Paragraph::new(0);
    let mut newlines = newlines.iter().copied().peekable();
    let end_paragraph = |nodes: &mut Vec<Node>, paragraph: &mut Paragraph, at: usize| {
        let (score, back) = paragraph.best(nodes, at, |l| geometry.last(l));
        nodes.push(Node {
            start: at + 1,
            score,
            back,
            site: None,
        });
        *paragraph = Paragraph::new(nodes.len() - 1);
    };
    for (j, site) in sites.iter().enumerate() {
        while let Some(at) = newlines.next_if(|&at| at < site.end) {
            end_paragraph(&mut nodes, &mut paragraph, at);
        }
        // A line end here is a wrap joined, or a sentence end at a wrap
        // kept, whichever the evidence favours.
        let wrap = site.evidence.map(|evidence| {
            let (score, back) = paragraph.best(&nodes, site.end, |l| geometry.wrap(l));
            let joined = (evidence >= KEEP_AT_WRAP).then_some(j);
            (score + evidence.max(KEEP_AT_WRAP), back, joined)
        });
        if site.newline {
            let (kept, kept_back) = paragraph.best(&nodes, site.end, |l| geometry.last(l));
            let node = match wrap {
                Some((score, back, joined)) if score > kept => Node {
                    start: site.next,
                    score,
                    back,
                    site: joined,
                },
                _ => Node {
                    start: site.next,
                    score: kept,
                    back: kept_back,
                    site: None,
                },
            };
            nodes.push(node);
            paragraph = Paragraph::new(nodes.len() - 1);
        } else if let Some((score, back, joined)) = wrap {
            nodes.push(Node {
                start: site.next,
                score,
                back,
                site: joined,
            });
        }
    }
    for at in newlines {
        end_paragraph(&mut nodes, &mut paragraph, at);
    }
    let (_, mut at) = paragraph.best(&nodes, len, |l| geometry.last(l));
    let mut wraps = vec![false; sites.len()];
    while at != usize::MAX {
        let node = nodes[at];
        if let Some(j) = node.site {
            wraps[j] = true;
        }
        at = node.back;
    }
    wraps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(end: usize, evidence: f32) -> Site {
        Site {
            end,
            next: end + 2,
            newline: false,
            evidence: Some(evidence),
        }
    }

    const BAND: Geometry = Geometry { width: None };

    #[test]
    fn confident_sites_are_wraps_whatever_the_lines() {
        let sites = [site(60, 5.0), site(70, -5.0), site(130, 5.0)];
        assert_eq!(decode(&sites, &[], 180, BAND), [true, false, true]);
    }

    #[test]
    fn two_wraps_cannot_sit_a_few_chars_apart() {
        // Both look like wraps on their own; the second ends a 10-char line.
        let sites = [site(60, 3.0), site(72, 2.0)];
        assert_eq!(decode(&sites, &[], 100, BAND), [true, false]);
    }

    #[test]
    fn a_long_paragraph_needs_a_wrap_once_a_line() {
        // 150 chars with one doubtful site in the middle: leaving it a
        // sentence end means a line longer than any width.
        let sites = [site(75, -1.0)];
        assert_eq!(decode(&sites, &[], 150, BAND), [true]);
        // In a short paragraph the same evidence leaves it alone.
        let sites = [site(40, -1.0)];
        assert_eq!(decode(&sites, &[], 80, BAND), [false]);
    }

    #[test]
    fn newlines_end_lines() {
        // A paragraph end at 50 restarts the line: the site at 70 ends a
        // 19-char line, too short for a wrap.
        let sites = [site(70, 2.0)];
        assert_eq!(decode(&sites, &[50], 120, BAND), [false]);
    }

    #[test]
    fn vetoed_sites_are_never_wraps() {
        let sites = [Site {
            evidence: None,
            ..site(90, 0.0)
        }];
        assert_eq!(decode(&sites, &[], 300, BAND), [false]);
    }

    #[test]
    fn a_sentence_end_at_a_wrap_ends_the_line_and_keeps_its_period() {
        let geometry = Geometry { width: Some(60) };
        // The site at 58 fits the width but its words say a sentence ends
        // there: the line ends, the period stays, and the next line (58 to
        // 118) fits the width too.
        let sites = [site(58, -6.0), site(118, 0.5)];
        assert_eq!(decode(&sites, &[], 180, geometry), [false, true]);
    }

    #[test]
    fn a_known_width_prefers_lines_of_that_width() {
        let geometry = Geometry { width: Some(60) };
        // 58 chars fits a 60-column line; 35 does not, nor do 35 + 58.
        let sites = [site(35, 0.5), site(58, 0.5)];
        assert_eq!(decode(&sites, &[], 100, geometry), [false, true]);
    }
}
