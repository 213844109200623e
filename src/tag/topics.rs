//! IPTC Media Topics scored by readable rules (`data/tag/topics.toml`):
//! phrases (one Aho-Corasick automaton for all of them), regexes and the
//! classes of organisations found. Every point of a score carries its
//! evidence: the rule's name and the span it matched.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::{Regex, RegexBuilder};

/// Compiled-size bound for one rule regex (bytes of program and of lazy
/// DFA cache).
const RULE_REGEX_SIZE_LIMIT: usize = 1 << 20;
use serde::Deserialize;

use super::error::TagError;
use super::text::CharIndex;
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
    classes: Vec<String>,
    max_hits: usize,
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
    phrases: Option<AhoCorasick>,
    /// Phrase pattern → the (topic, rule) pairs it feeds.
    phrase_rules: Vec<Vec<(usize, usize)>>,
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
        let mut by_phrase: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
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
                for p in &r.phrases {
                    let p = p.trim().to_lowercase();
                    if p.is_empty() {
                        return Err(TagError::Rule {
                            rule: r.name,
                            reason: "empty phrase".into(),
                        });
                    }
                    by_phrase.entry(p).or_default().push((ti, ri));
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
                rules.push(Rule {
                    name: r.name,
                    weight: r.weight,
                    regex,
                    classes: r.entity_classes,
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
        let mut phrases: Vec<(String, Vec<(usize, usize)>)> = by_phrase.into_iter().collect();
        phrases.sort_by(|a, b| a.0.cmp(&b.0));
        let automaton = if phrases.is_empty() {
            None
        } else {
            Some(
                // A DFA: a few hundred phrases make a small one, and it scans
                // a body several times faster than the NFA.
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .ascii_case_insensitive(true)
                    .kind(Some(aho_corasick::AhoCorasickKind::DFA))
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
            phrase_rules: phrases.into_iter().map(|p| p.1).collect(),
        })
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
        // Every hit as (topic, rule, start, end) in one list: sorted, it
        // groups by topic then rule with spans in order, which is what
        // scoring reads, and nothing is allocated per topic or rule.
        let mut hits: Vec<(usize, usize, usize, usize)> = Vec::with_capacity(128);
        if let Some(ac) = &self.phrases {
            for m in ac.find_iter(text) {
                let before = text[..m.start()].chars().next_back();
                let after = text[m.end()..].chars().next();
                if before.is_some_and(char::is_alphanumeric)
                    || after.is_some_and(char::is_alphanumeric)
                {
                    continue;
                }
                for &(t, r) in &self.phrase_rules[m.pattern().as_usize()] {
                    hits.push((t, r, m.start(), m.end()));
                }
            }
        }
        for (t, def) in self.topics.iter().enumerate() {
            for (r, rule) in def.rules.iter().enumerate() {
                if let Some(re) = &rule.regex {
                    for m in re.find_iter(text).take(rule.max_hits) {
                        hits.push((t, r, m.start(), m.end()));
                    }
                }
                if !rule.classes.is_empty() {
                    for &(class, s, e) in classes {
                        if rule.classes.iter().any(|c| c == class) {
                            hits.push((t, r, s, e));
                        }
                    }
                }
            }
        }
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
