//! IPTC Media Topics scored by readable rules (`data/tag/topics.toml`):
//! phrases, regexes and the classes of organisations found. Every point of
//! a score carries its evidence: the rule's name and the span it matched.
//!
//! One Aho-Corasick pass over the body finds every phrase. Most rule
//! regexes are lists of phrases between word boundaries
//! (`(?i)(?-u:\b)(?:peace talks|end the war)(?-u:\b)`); their phrases go
//! into the same automaton, and the regex itself runs only when the body
//! holds a char its case folding could match that ASCII folding cannot.
//! Each other regex searches the whole body.

use std::collections::HashMap;

use aho_corasick::automaton::Automaton;
use aho_corasick::{Anchored, MatchKind, dfa::DFA};
use memchr::memmem;
use regex::{Regex, RegexBuilder};
use serde::Deserialize;

/// Compiled-size bound for one rule regex (bytes of program and of lazy
/// DFA cache).
const RULE_REGEX_SIZE_LIMIT: usize = 1 << 20;

use super::error::TagError;
use super::text::{CharIndex, FastMap};
use super::{Evidence, Topic};
use crate::span::Span;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    version: String,
    #[serde(default = "default_min_score")]
    min_score: f32,
    #[serde(default = "default_saturation")]
    saturation: f32,
    #[serde(default = "default_min_evidence")]
    min_evidence: usize,
    #[serde(default)]
    topic: Vec<TopicSpec>,
}

fn default_min_evidence() -> usize {
    1
}

fn default_min_score() -> f32 {
    0.15
}
fn default_saturation() -> f32 {
    5.0
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicSpec {
    qcode: String,
    label: String,
    level: u8,
    #[serde(default)]
    rules: Vec<RuleSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSpec {
    name: String,
    weight: f32,
    #[serde(default)]
    phrases: Vec<String>,
    regex: Option<String>,
    #[serde(default)]
    entity_classes: Vec<String>,
    #[serde(default = "default_max_hits")]
    max_hits: usize,
}

fn default_max_hits() -> usize {
    5
}

struct Rule {
    name: String,
    weight: f32,
    regex: Option<Regex>,
    /// The regex as a phrase list, when it is one: then the phrase
    /// automaton finds its matches.
    regex_phrases: Option<PhraseList>,
    max_hits: usize,
}

/// A rule regex of the form `(?i)?(?-u:\b)(?:…)(?-u:\b)` whose group is
/// built of ASCII letters, digits, spaces, `|`, non-capturing groups and
/// `?` alone: a finite list of phrases, each starting and ending with a
/// letter or digit.
#[derive(Debug, PartialEq)]
struct PhraseList {
    /// `(?i)`: phrases match in any case.
    case_insensitive: bool,
    /// Every string the group matches, in the order the regex prefers
    /// them (leftmost-first: earlier alternatives, and `x?` taking `x`).
    phrases: Vec<String>,
}

/// Most phrases one regex may expand to before it is left to the regex
/// engine.
const MAX_REGEX_PHRASES: usize = 64;

/// Chars other than ASCII ones that Unicode simple case folding, which
/// `(?i)` uses, maps to ASCII letters: LATIN SMALL LETTER LONG S (s) and
/// KELVIN SIGN (k). Where one occurs, ASCII case folding would miss a
/// match.
const NON_ASCII_FOLDS: [&str; 2] = ["\u{17F}", "\u{212A}"];

impl PhraseList {
    /// The phrase list `pattern` denotes, or `None` when it is not of the
    /// simple form.
    fn parse(pattern: &str) -> Option<PhraseList> {
        const BOUNDARY: &str = "(?-u:\\b)";
        let (case_insensitive, rest) = match pattern.strip_prefix("(?i)") {
            Some(rest) => (true, rest),
            None => (false, pattern),
        };
        let group = rest.strip_prefix(BOUNDARY)?.strip_suffix(BOUNDARY)?;
        let mut bytes = group.as_bytes();
        let phrases = alternation(&mut bytes, 0)?;
        let simple = bytes.is_empty()
            && phrases.iter().all(|p| {
                p.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric)
                    && p.as_bytes().last().is_some_and(u8::is_ascii_alphanumeric)
            });
        simple.then_some(PhraseList {
            case_insensitive,
            phrases,
        })
    }
}

/// Deepest group nesting [`alternation`] follows.
const MAX_GROUP_DEPTH: usize = 8;

/// The strings of `a|b|…` at the front of `rest`, in preference order;
/// stops before a `)` or at the end, `None` on anything else.
fn alternation(rest: &mut &[u8], depth: usize) -> Option<Vec<String>> {
    let mut out = sequence(rest, depth)?;
    while let Some((b'|', tail)) = rest.split_first() {
        *rest = tail;
        out.extend(sequence(rest, depth)?);
        if out.len() > MAX_REGEX_PHRASES {
            return None;
        }
    }
    Some(out)
}

/// The strings of a run of literal chars and `(?:…)` groups, each
/// optionally followed by `?`.
fn sequence(rest: &mut &[u8], depth: usize) -> Option<Vec<String>> {
    let mut out = vec![String::new()];
    loop {
        let mut item: Vec<String> = match rest.first() {
            Some(&b) if b.is_ascii_alphanumeric() || b == b' ' => {
                *rest = &rest[1..];
                vec![char::from(b).to_string()]
            }
            Some(b'(') if depth < MAX_GROUP_DEPTH => {
                *rest = rest.strip_prefix(b"(?:")?;
                let inner = alternation(rest, depth + 1)?;
                *rest = rest.strip_prefix(b")")?;
                inner
            }
            Some(b'|' | b')') | None => return Some(out),
            Some(_) => return None,
        };
        if let Some((b'?', tail)) = rest.split_first() {
            *rest = tail;
            // Greedy: the regex prefers taking the item.
            item.push(String::new());
        }
        if matches!(rest.first(), Some(b'?' | b'*' | b'+' | b'{')) {
            return None;
        }
        if out.len() * item.len() > MAX_REGEX_PHRASES {
            return None;
        }
        out = out
            .iter()
            .flat_map(|a| item.iter().map(move |b| format!("{a}{b}")))
            .collect();
    }
}

/// `(?-u:\b)`'s word bytes.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

struct TopicDef {
    qcode: String,
    label: String,
    level: u8,
    rules: Vec<Rule>,
}

/// The compiled topic rules.
pub struct TopicRules {
    version: String,
    min_score: f32,
    /// Evidence spans a topic needs: one stray word is not a topic.
    min_evidence: usize,
    saturation: f32,
    topics: Vec<TopicDef>,
    /// Phrases of the rules and of the phrase-list regexes.
    phrases: Option<DFA>,
    /// Automaton pattern → the rules it feeds.
    pattern_rules: Vec<PatternRules>,
    /// Entity class → the (topic, rule) pairs that count it: each class
    /// span is looked up once instead of against every rule.
    class_rules: FastMap<String, Vec<(usize, usize)>>,
    /// Finders of [`NON_ASCII_FOLDS`], when a phrase-list regex is
    /// case-insensitive.
    fold_finders: Vec<memmem::Finder<'static>>,
}

/// The rules one pattern of the phrase automaton feeds.
#[derive(Default)]
struct PatternRules {
    /// (topic, rule) of the rules it is a phrase of.
    phrase: Vec<(usize, usize)>,
    /// (topic, rule, preference) of the phrase-list regexes it is a phrase
    /// of.
    regex: Vec<(usize, usize, usize)>,
}

/// A phrase-list regex match candidate: (topic, rule, start, preference,
/// end).
type RegexHit = (usize, usize, usize, usize, usize);

/// Every match of the phrase automaton in `bytes` as (start, end,
/// pattern), overlapping ones too, in the order `find_overlapping_iter`
/// reports them: by end, and at one end in the order the state holds
/// them. The loop keeps its state and offset in registers, where the
/// library's resumable search stores both between bytes.
fn overlapping_matches(dfa: &DFA, bytes: &[u8]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::with_capacity(128);
    let Ok(mut sid) = dfa.start_state(Anchored::No) else {
        return out;
    };
    for (at, &b) in bytes.iter().enumerate() {
        sid = dfa.next_state(Anchored::No, sid, b);
        if dfa.is_special(sid) {
            if dfa.is_dead(sid) {
                break;
            }
            if dfa.is_match(sid) {
                for k in 0..dfa.match_len(sid) {
                    let pattern = dfa.match_pattern(sid, k);
                    let end = at + 1;
                    out.push((end - dfa.pattern_len(pattern), end, pattern.as_usize()));
                }
            }
        }
    }
    out
}

/// Most evidence spans kept per topic.
const MAX_EVIDENCE: usize = 12;

impl TopicRules {
    /// Parses and compiles a rules file; `file` names it in errors.
    pub fn parse(file: &str, source: &str) -> Result<TopicRules, TagError> {
        let spec: RulesFile = toml::from_str(source).map_err(|source| TagError::Rules {
            file: file.to_string(),
            source,
        })?;
        if spec.saturation.is_nan() || spec.saturation <= 0.0 {
            return Err(TagError::Rule {
                rule: "saturation".into(),
                reason: "must be positive".into(),
            });
        }
        let mut by_phrase: HashMap<String, PatternRules> = HashMap::new();
        let mut class_rules: FastMap<String, Vec<(usize, usize)>> = FastMap::default();
        let mut any_case_insensitive = false;
        let mut topics = Vec::with_capacity(spec.topic.len());
        for (ti, t) in spec.topic.into_iter().enumerate() {
            let digits = t.qcode.strip_prefix("medtop:").unwrap_or("");
            if digits.len() != 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(TagError::Rule {
                    rule: t.qcode,
                    reason: "qcode must be medtop: and eight digits".into(),
                });
            }
            let mut rules = Vec::with_capacity(t.rules.len());
            for (ri, r) in t.rules.into_iter().enumerate() {
                if r.phrases.is_empty() && r.regex.is_none() && r.entity_classes.is_empty() {
                    return Err(TagError::Rule {
                        rule: r.name,
                        reason: "needs phrases, regex or entity_classes".into(),
                    });
                }
                if !r.weight.is_finite() {
                    return Err(TagError::Rule {
                        rule: r.name,
                        reason: "weight must be a number".into(),
                    });
                }
                for class in &r.entity_classes {
                    let rules = class_rules.entry(class.clone()).or_default();
                    if !rules.contains(&(ti, ri)) {
                        rules.push((ti, ri));
                    }
                }
                for p in &r.phrases {
                    let p = p.trim().to_lowercase();
                    if p.is_empty() {
                        return Err(TagError::Rule {
                            rule: r.name,
                            reason: "empty phrase".into(),
                        });
                    }
                    by_phrase.entry(p).or_default().phrase.push((ti, ri));
                }
                let regex = match &r.regex {
                    // Rule files come from users: bound the compiled size so a
                    // pathological pattern fails at load, not on a message. The
                    // regex crate matches in time linear in the text whatever
                    // the pattern, so no rule can make tagging backtrack.
                    Some(re) => Some(
                        RegexBuilder::new(re)
                            .size_limit(RULE_REGEX_SIZE_LIMIT)
                            .dfa_size_limit(RULE_REGEX_SIZE_LIMIT)
                            .build()
                            .map_err(|source| TagError::Regex {
                                rule: r.name.clone(),
                                source,
                            })?,
                    ),
                    None => None,
                };
                let regex_phrases = r.regex.as_deref().and_then(PhraseList::parse);
                if let Some(list) = &regex_phrases {
                    any_case_insensitive |= list.case_insensitive;
                    for (k, p) in list.phrases.iter().enumerate() {
                        by_phrase
                            .entry(p.to_ascii_lowercase())
                            .or_default()
                            .regex
                            .push((ti, ri, k));
                    }
                }
                rules.push(Rule {
                    name: r.name,
                    weight: r.weight,
                    regex,
                    regex_phrases,
                    max_hits: r.max_hits,
                });
            }
            topics.push(TopicDef {
                qcode: t.qcode,
                label: t.label,
                level: t.level,
                rules,
            });
        }
        let mut phrases: Vec<(String, PatternRules)> = by_phrase.into_iter().collect();
        phrases.sort_by(|a, b| a.0.cmp(&b.0));
        let automaton = if phrases.is_empty() {
            None
        } else {
            Some(
                // A DFA: a few hundred phrases make a small one, and it scans
                // a body several times faster than the NFA. Overlapping
                // matches: the phrase-list regexes need every phrase at
                // every start, and the longest rule phrases are picked out
                // of them. No prefilter: then only dead and match states
                // are special, and the scan in `hits` steps state to
                // state.
                DFA::builder()
                    .match_kind(MatchKind::Standard)
                    .ascii_case_insensitive(true)
                    .prefilter(false)
                    .build(phrases.iter().map(|p| p.0.as_str()))
                    .map_err(|source| TagError::Automaton {
                        what: "topic phrase",
                        source,
                    })?,
            )
        };
        Ok(TopicRules {
            version: spec.version,
            min_score: spec.min_score,
            min_evidence: spec.min_evidence,
            saturation: spec.saturation,
            topics,
            phrases: automaton,
            pattern_rules: phrases.into_iter().map(|p| p.1).collect(),
            class_rules,
            fold_finders: if any_case_insensitive {
                NON_ASCII_FOLDS.iter().map(memmem::Finder::new).collect()
            } else {
                Vec::new()
            },
        })
    }

    /// Whether the phrase-list regexes must run as regexes on `text`: it
    /// holds a char that `(?i)` folds to an ASCII letter.
    fn needs_regex_engine(&self, text: &str) -> bool {
        self.fold_finders
            .iter()
            .any(|f| f.find(text.as_bytes()).is_some())
    }

    /// Every hit as (topic, rule, start, end) in one list, unsorted: sorted,
    /// it groups by topic then rule with spans in order, which is what
    /// scoring reads, and nothing is allocated per topic or rule. With
    /// `regex_engine` the phrase-list regexes search `text` as regexes.
    fn hits(
        &self,
        text: &str,
        classes: &[(&str, usize, usize)],
        regex_engine: bool,
    ) -> Vec<(usize, usize, usize, usize)> {
        let mut hits: Vec<(usize, usize, usize, usize)> = Vec::with_capacity(128);
        if let Some(dfa) = &self.phrases {
            let bytes = text.as_bytes();
            // Rule phrases as (start, end, pattern) in order of start, the
            // longest first, and candidates of the phrase-list regexes.
            let mut found: Vec<(usize, usize, usize)> = Vec::with_capacity(128);
            let mut regex_hits: Vec<RegexHit> = Vec::new();
            for (start, end, pattern) in overlapping_matches(dfa, bytes) {
                let rules = &self.pattern_rules[pattern];
                if !rules.phrase.is_empty() {
                    // Matches come by end, so by start too but where they
                    // overlap: the place is a few steps back at most.
                    let key = |f: &(usize, usize, usize)| (f.0, usize::MAX - f.1);
                    let at = found
                        .iter()
                        .rposition(|f| key(f) < key(&(start, end, pattern)))
                        .map_or(0, |k| k + 1);
                    found.insert(at, (start, end, pattern));
                }
                if regex_engine || rules.regex.is_empty() {
                    continue;
                }
                let bounded = (start == 0 || !is_word_byte(bytes[start - 1]))
                    && bytes.get(end).is_none_or(|&b| !is_word_byte(b));
                if !bounded {
                    continue;
                }
                for &(t, r, k) in &rules.regex {
                    if let Some(list) = &self.topics[t].rules[r].regex_phrases
                        && (list.case_insensitive || list.phrases[k] == text[start..end])
                    {
                        regex_hits.push((t, r, start, k, end));
                    }
                }
            }
            self.longest_phrases(text, &found, &mut hits);
            self.first_regex_matches(&mut regex_hits, &mut hits);
        }
        for (t, def) in self.topics.iter().enumerate() {
            for (r, rule) in def.rules.iter().enumerate() {
                if let Some(re) = &rule.regex
                    && (regex_engine || rule.regex_phrases.is_none())
                {
                    for m in re.find_iter(text).take(rule.max_hits) {
                        hits.push((t, r, m.start(), m.end()));
                    }
                }
            }
        }
        if !self.class_rules.is_empty() {
            for &(class, s, e) in classes {
                if let Some(rules) = self.class_rules.get(class) {
                    hits.extend(rules.iter().map(|&(t, r)| (t, r, s, e)));
                }
            }
        }
        hits
    }

    /// The rule phrases among the overlapping matches `found`, sorted by
    /// start and the longest first, that a leftmost-longest search reports
    /// (the longest at the leftmost start, then on after its end), kept
    /// when they stand as whole words.
    fn longest_phrases(
        &self,
        text: &str,
        found: &[(usize, usize, usize)],
        hits: &mut Vec<(usize, usize, usize, usize)>,
    ) {
        let mut done = 0;
        for &(start, end, pattern) in found.iter() {
            if start < done {
                continue;
            }
            done = end;
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            for &(t, r) in &self.pattern_rules[pattern].phrase {
                hits.push((t, r, start, end));
            }
        }
    }

    /// The matches a regex search from the start reports, rule by rule,
    /// from the phrase-list candidates: at each start the phrase the regex
    /// prefers, then on after its end, at most `max_hits`.
    fn first_regex_matches(
        &self,
        candidates: &mut [RegexHit],
        hits: &mut Vec<(usize, usize, usize, usize)>,
    ) {
        candidates.sort_unstable();
        let mut rest = &*candidates;
        while let Some(&(t, r, _, _, _)) = rest.first() {
            let n = rest.partition_point(|c| (c.0, c.1) == (t, r));
            let (rule_candidates, tail) = rest.split_at(n);
            rest = tail;
            let max_hits = self.topics[t].rules[r].max_hits;
            let (mut done, mut taken) = (0, 0);
            for &(_, _, start, _, end) in rule_candidates {
                if taken == max_hits {
                    break;
                }
                // Sorted by start then preference: the first at a start
                // is the regex's match there.
                if start < done {
                    continue;
                }
                hits.push((t, r, start, end));
                done = end;
                taken += 1;
            }
        }
    }

    /// The `version` the rules file declares.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Scores the topics of `text`; `classes` are (class, byte span) of the
    /// entities found. Sorted by score, best first.
    pub fn score(
        &self,
        text: &str,
        classes: &[(&str, usize, usize)],
        index: &CharIndex,
    ) -> Vec<Topic> {
        let mut hits = self.hits(text, classes, self.needs_regex_engine(text));
        hits.sort_unstable();
        hits.dedup();
        let mut out = Vec::new();
        // (span, rule) of the topic being scored; names are copied only for
        // the evidence kept.
        let mut evidence: Vec<(Span, usize)> = Vec::new();
        let mut rest = hits.as_slice();
        while let Some(&(t, _, _, _)) = rest.first() {
            let n = rest.partition_point(|h| h.0 == t);
            let (topic_hits, tail) = rest.split_at(n);
            rest = tail;
            let def = &self.topics[t];
            let mut raw = 0.0f32;
            evidence.clear();
            for (r, rule) in def.rules.iter().enumerate() {
                let from = topic_hits.partition_point(|h| h.1 < r);
                let to = topic_hits.partition_point(|h| h.1 <= r);
                let spans = &topic_hits[from..to.min(from.saturating_add(rule.max_hits))];
                raw += rule.weight * spans.len() as f32;
                evidence.extend(spans.iter().map(|&(_, _, s, e)| (index.span(s, e), r)));
            }
            if raw <= 0.0 {
                continue;
            }
            let score = 1.0 - (-raw / self.saturation).exp();
            if score < self.min_score || evidence.len() < self.min_evidence {
                continue;
            }
            // Stable, so equal spans keep rule order as before.
            evidence.sort_by_key(|e| e.0);
            evidence.truncate(MAX_EVIDENCE);
            out.push(Topic {
                qcode: def.qcode.clone(),
                label: def.label.clone(),
                level: def.level,
                score: (score * 1000.0).round() / 1000.0,
                evidence: evidence
                    .iter()
                    .map(|&(span, r)| Evidence {
                        rule: def.rules[r].name.clone(),
                        span,
                    })
                    .collect(),
            });
        }
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.qcode.cmp(&b.qcode))
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &str = r#"
version = "t"
[[topic]]
qcode = "medtop:16000000"
label = "conflict, war and peace"
level = 1
rules = [
  { name = "war", weight = 2.0, phrases = ["missile", "troops"] },
  { name = "mil", weight = 1.0, entity_classes = ["military"] },
]
[[topic]]
qcode = "medtop:15000000"
label = "sport"
level = 1
rules = [{ name = "goal", weight = 2.0, regex = '\bgoals?\b' }]
"#;

    /// The hits of `text` found through the phrase automaton, after
    /// checking they equal those the regexes find; sorted, distinct.
    fn same_hits_both_ways(rules: &TopicRules, text: &str) -> Vec<(usize, usize, usize, usize)> {
        let mut want = rules.hits(text, &[], true);
        want.sort_unstable();
        want.dedup();
        let mut got = rules.hits(text, &[], false);
        got.sort_unstable();
        got.dedup();
        assert_eq!(got, want, "{text}");
        got
    }

    #[test]
    fn scores_with_evidence() {
        let rules = TopicRules::parse("t.toml", RULES).expect("valid rules");
        let text = "Troops fired a missile; NATO said. Missiles x.";
        let idx = CharIndex::new(text);
        let topics = rules.score(text, &[("military", 35, 39)], &idx);
        assert_eq!(topics.len(), 1);
        assert_eq!(topics[0].qcode, "medtop:16000000");
        let names: Vec<&str> = topics[0].evidence.iter().map(|e| e.rule.as_str()).collect();
        assert_eq!(names, vec!["war", "war", "mil"]);
    }

    #[test]
    fn phrase_list_regexes_are_recognized() {
        let list = |ci: bool, p: &[&str]| {
            Some(PhraseList {
                case_insensitive: ci,
                phrases: p.iter().map(|s| s.to_string()).collect(),
            })
        };
        let cases: &[(&str, Option<PhraseList>)] = &[
            (
                r"(?i)(?-u:\b)(?:stock markets?|shares (?:rose|fell))(?-u:\b)",
                list(
                    true,
                    &[
                        "stock markets",
                        "stock market",
                        "shares rose",
                        "shares fell",
                    ],
                ),
            ),
            (
                r"(?-u:\b)(?:pleaded (?:not )?guilty)(?-u:\b)",
                list(false, &["pleaded not guilty", "pleaded guilty"]),
            ),
            (r"(?i)(?-u:\b)G7(?-u:\b)", list(true, &["G7"])),
            (r"(?i)\b(?:peace talks)\b", None),
            (r"(?i)(?-u:\b)(?:peace talks)", None),
            (r"(?-u:\b)(?:President|Premier) [A-Z][a-z]+", None),
            (r"(?i)(?-u:\b)(?:talks??)(?-u:\b)", None),
            (r"(?i)(?-u:\b)(?:talks*)(?-u:\b)", None),
            (r"(?i)(?-u:\b)(?:war|)(?-u:\b)", None),
            (r"(?i)(?-u:\b)(?:war |peace)(?-u:\b)", None),
            (r"(?i)(?-u:\b)(?:(war)|peace)(?-u:\b)", None),
            (r"(?i)(?-u:\b)(?:a.b)(?-u:\b)", None),
            (r"(?i)(?-u:\b)(?:ab(?:c|d)(?-u:\b)", None),
            (r"(?-u:\b)(?:US\$)(?-u:\b)", None),
        ];
        for (pattern, want) in cases {
            assert_eq!(&PhraseList::parse(pattern), want, "{pattern}");
        }
    }

    #[test]
    fn only_the_listed_chars_fold_to_ascii_letters() {
        let letter = Regex::new(r"(?i)^[a-z]$").expect("valid regex");
        let folds: Vec<char> = ('\u{80}'..=char::MAX)
            .filter(|c| letter.is_match(c.encode_utf8(&mut [0; 4])))
            .collect();
        let listed: Vec<char> = NON_ASCII_FOLDS
            .iter()
            .filter_map(|s| s.chars().next())
            .collect();
        assert_eq!(folds, listed);
    }

    #[test]
    fn phrase_list_regexes_find_what_the_regex_engine_finds() {
        let rules =
            TopicRules::parse("topics.toml", crate::tag::embedded::TOPICS).expect("embedded rules");
        assert!(
            rules
                .topics
                .iter()
                .flat_map(|t| &t.rules)
                .any(|r| r.regex_phrases.is_some()),
            "the embedded rules have phrase-list regexes"
        );
        let seed = include_str!("../../tests/data/seed-000.repaired.txt");
        let mut texts: Vec<String> = vec![
            seed.to_string(),
            seed.to_uppercase(),
            seed.to_lowercase(),
            "Peace talks: peace talksx, xpeace talks, PEACE TALKS_ peace  talks peace talks."
                .to_string(),
            "stock markets stock market stock marketsx shares rose shares fell; \
             pleaded not guilty, pleaded guilty, pleaded not guiltyx. terror attack \
             terror attacks terror attacks terror attacks terror attacks terror attacks \
             terror attacks terror attack."
                .to_string(),
            "éPeace talksé, 1peace talks, peace talks1, “Peace talks”, President Biden, \
             Foreign Minister Hayashi, foreign minister Hayashi, foreign ministry."
                .to_string(),
            "campaign trail, campaign traiL, CAMPAIGN TRAIL, campaign trails".to_string(),
        ];
        for (i, w) in seed.split_whitespace().enumerate().step_by(7) {
            texts.push(format!("{w} stock markets{w} peace talks {i}"));
        }
        for text in &texts {
            same_hits_both_ways(&rules, text);
        }
        let folded = "ſtock markets and peace tal\u{212A}s";
        assert!(rules.needs_regex_engine(folded));
        assert!(!rules.needs_regex_engine(seed));
    }

    #[test]
    fn phrase_list_regexes_keep_the_regex_preferences() {
        let rules = TopicRules::parse(
            "t.toml",
            r#"
version = "t"
[[topic]]
qcode = "medtop:04000000"
label = "economy"
level = 1
rules = [
  { name = "short-first", weight = 1.0, regex = '(?i)(?-u:\b)(?:bond|bond market|bond markets?)(?-u:\b)' },
  { name = "long-first", weight = 1.0, max_hits = 2, regex = '(?i)(?-u:\b)(?:bond markets?|bond)(?-u:\b)' },
  { name = "nested", weight = 1.0, regex = '(?i)(?-u:\b)(?:(?:big |small )?(?:bond|stock)s? (?:market|fall)s?)(?-u:\b)' },
  { name = "exact-case", weight = 1.0, regex = '(?-u:\b)(?:Bond Market|BOND)(?-u:\b)' },
  { name = "phrases", weight = 1.0, phrases = ["bond market", "bond", "market falls"] },
]
"#,
        )
        .expect("valid rules");
        let lists = rules.topics[0].rules.iter();
        assert_eq!(lists.filter(|r| r.regex_phrases.is_some()).count(), 4);
        let pieces = [
            "bond", "Bond", "BOND", "bonds", "market", "Market", "markets", "falls", "big",
            "small", "stock", "stocks", "x", "_", "1", "é", "-", ".", "’",
        ];
        // A fixed linear congruential sequence picks the pieces.
        let mut state = 7u64;
        let mut texts = Vec::new();
        for _ in 0..400 {
            let mut text = String::new();
            for _ in 0..12 {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                text.push_str(pieces[(state >> 33) as usize % pieces.len()]);
                if !(state >> 20).is_multiple_of(3) {
                    text.push(' ');
                }
            }
            texts.push(text);
        }
        let mut regex_hits = 0;
        for text in &texts {
            let got = same_hits_both_ways(&rules, text);
            regex_hits += got.iter().filter(|h| h.1 < 4).count();
        }
        assert!(regex_hits > 400, "{regex_hits}");
    }

    #[test]
    fn bad_rules_fail() {
        let cases = [
            "version = 1",
            "version = \"x\"\n[[topic]]\nqcode = \"11000000\"\nlabel = \"x\"\nlevel = 1",
            "version = \"x\"\n[[topic]]\nqcode = \"medtop:11000000\"\nlabel = \"x\"\nlevel = 1\nrules = [{ name = \"r\", weight = 1.0 }]",
            "version = \"x\"\n[[topic]]\nqcode = \"medtop:11000000\"\nlabel = \"x\"\nlevel = 1\nrules = [{ name = \"r\", weight = 1.0, regex = \"(\" }]",
            "version = \"x\"\nunknown = 1",
        ];
        for c in cases {
            assert!(TopicRules::parse("t.toml", c).is_err(), "{c}");
        }
    }
}
