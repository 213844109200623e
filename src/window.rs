//! A sliding window of per-article facts: what the stats feed and the status
//! page report about "the last few seconds or minutes".
//!
//! Prometheus counters only ever grow and carry no names of people or places,
//! so the worker also keeps a ring of one-second buckets. Each settled article
//! touches the ring once, under one short mutex: a few counter bumps, one
//! histogram bin per latency, and one map entry per distinct topic, person,
//! place and organisation of the article (already deduplicated by the
//! pipeline). Readers merge whole buckets, so nothing ever rescans records,
//! and they merge outside the lock: buckets are shared (`Arc`), a reader
//! takes the lock only to clone the pointers of the seconds it wants, and a
//! writer copies the current bucket only if a reader still holds it
//! (copy-on-write), so a reader never holds up the hot path for long.
//!
//! Latency percentiles come from log-scaled histograms with four bins per
//! doubling: a reported percentile is the geometric middle of its bin (at
//! most about 9 % off), capped at the largest value seen. Each bucket keeps at
//! most [`MAX_NAMES_PER_BUCKET`] distinct names per kind; beyond that, new
//! names in that second are not counted, so the top lists are approximate at
//! very high name diversity, and memory stays bounded.
//!
//! The window never reads the clock: callers pass the current Unix second.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use serde::Serialize;

/// Seconds of history the ring keeps; the longest span a reader may ask for.
pub const WINDOW_SECS: u64 = 900;
/// Distinct names per kind counted in one one-second bucket.
pub const MAX_NAMES_PER_BUCKET: usize = 256;
/// Names of one kind taken from one article.
pub const MAX_NAMES_PER_ARTICLE: usize = 16;
/// Histogram bins: four per doubling of microseconds, up to 2^40 µs.
const BINS_PER_DOUBLING: f64 = 4.0;
const BINS: usize = 161;

/// What the window learns from one enriched article.
#[derive(Debug, Clone, Default)]
pub struct ArticleFacts {
    /// Top topic code ("11000000") and label, if the article has a topic.
    pub topic: Option<(String, String)>,
    pub people: Vec<String>,
    pub places: Vec<String>,
    pub organisations: Vec<String>,
    /// Time in the pipeline.
    pub processing_us: u64,
}

impl ArticleFacts {
    /// What the window keeps of an enriched article: its top topic and the
    /// names of its people, places and organisations (each once).
    pub fn of(enriched: &crate::pipeline::Enriched, processing_us: u64) -> Self {
        let names = |list: &[crate::article::Named]| -> Vec<String> {
            list.iter()
                .take(MAX_NAMES_PER_ARTICLE)
                .map(|n| n.name.clone())
                .collect()
        };
        let ninjs = &enriched.record.ninjs;
        ArticleFacts {
            topic: enriched.record.enrichment.topics.first().map(|t| {
                (
                    t.qcode.trim_start_matches("medtop:").to_string(),
                    t.label.clone(),
                )
            }),
            people: names(&ninjs.people),
            places: names(&ninjs.places),
            organisations: names(&ninjs.organisations),
            processing_us,
        }
    }
}

/// A settled article, as the window counts it.
#[derive(Debug, Clone)]
pub enum Fact {
    /// Its record was published (and, in JetStream mode, stored).
    Enriched {
        facts: Box<ArticleFacts>,
        /// Publish-to-stored lag, where the input carries a publish time.
        lag_us: Option<u64>,
    },
    /// It went to the dead-letter subject, for this kind of error.
    DeadLettered { kind: String },
    /// It was Nak'ed for a retry.
    Retried,
}

/// Latency percentiles over a span, in milliseconds.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Percentiles {
    pub count: u64,
    pub p50: f64,
    pub p90: f64,
    pub p99: f64,
    pub max: f64,
}

/// A topic code, its label and how many articles had it as top topic.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TopicCount {
    pub code: String,
    pub label: String,
    pub count: u64,
}

/// A name and how many articles mentioned it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NameCount {
    pub name: String,
    pub count: u64,
}

/// Articles settled in one second: `[unix second, enriched, dead-lettered]`.
pub type SeriesPoint = [u64; 3];

/// Everything the window knows about the seconds `[start, end)`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub enriched: u64,
    pub dead_lettered: u64,
    pub dead_lettered_by_kind: BTreeMap<String, u64>,
    pub retried: u64,
    pub processing_ms: Option<Percentiles>,
    pub lag_ms: Option<Percentiles>,
    pub topics: Vec<TopicCount>,
    pub people: Vec<NameCount>,
    pub places: Vec<NameCount>,
    pub organisations: Vec<NameCount>,
    /// One point per second, oldest first; empty unless asked for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub series: Vec<SeriesPoint>,
}

/// The window: a ring of one-second buckets behind one mutex.
#[derive(Debug)]
pub struct Window {
    state: Mutex<State>,
}

#[derive(Debug)]
struct State {
    buckets: Vec<Arc<Bucket>>,
    /// Topic code to label; bounded by the topic taxonomy.
    labels: HashMap<String, String>,
}

#[derive(Debug, Default, Clone)]
struct Bucket {
    /// The Unix second this bucket holds, or `None` if never used.
    second: Option<u64>,
    enriched: u64,
    dead_lettered: BTreeMap<String, u64>,
    retried: u64,
    processing: Histogram,
    lag: Histogram,
    topics: HashMap<String, u64>,
    people: HashMap<String, u64>,
    places: HashMap<String, u64>,
    organisations: HashMap<String, u64>,
}

impl Bucket {
    fn reset(&mut self, second: u64) {
        self.second = Some(second);
        self.enriched = 0;
        self.dead_lettered.clear();
        self.retried = 0;
        self.processing.clear();
        self.lag.clear();
        self.topics.clear();
        self.people.clear();
        self.places.clear();
        self.organisations.clear();
    }
}

/// Log-scaled latency histogram in microseconds; allocated on first use.
#[derive(Debug, Default, Clone)]
struct Histogram {
    bins: Vec<u64>,
    count: u64,
    max: u64,
}

impl Histogram {
    fn clear(&mut self) {
        self.bins.fill(0);
        self.count = 0;
        self.max = 0;
    }

    fn observe(&mut self, us: u64) {
        if self.bins.is_empty() {
            self.bins.resize(BINS, 0);
        }
        self.bins[bin_of(us)] += 1;
        self.count += 1;
        self.max = self.max.max(us);
    }

    fn merge(&mut self, other: &Histogram) {
        if other.count == 0 {
            return;
        }
        if self.bins.is_empty() {
            self.bins.resize(BINS, 0);
        }
        for (a, b) in self.bins.iter_mut().zip(&other.bins) {
            *a += b;
        }
        self.count += other.count;
        self.max = self.max.max(other.max);
    }

    /// The value at quantile `q`, in microseconds.
    fn quantile(&self, q: f64) -> f64 {
        let rank = ((q * self.count as f64).ceil() as u64).max(1);
        let mut seen = 0;
        for (bin, n) in self.bins.iter().enumerate() {
            seen += n;
            if seen >= rank {
                return bin_middle(bin).min(self.max as f64);
            }
        }
        self.max as f64
    }

    fn percentiles_ms(&self) -> Option<Percentiles> {
        (self.count > 0).then(|| Percentiles {
            count: self.count,
            p50: round3(self.quantile(0.50) / 1000.0),
            p90: round3(self.quantile(0.90) / 1000.0),
            p99: round3(self.quantile(0.99) / 1000.0),
            max: round3(self.max as f64 / 1000.0),
        })
    }
}

/// Bin 0 holds 0 µs; bin k ≥ 1 holds `[2^((k-1)/4), 2^(k/4))` µs.
fn bin_of(us: u64) -> usize {
    if us == 0 {
        return 0;
    }
    let k = ((us as f64).log2() * BINS_PER_DOUBLING).floor() as usize + 1;
    k.min(BINS - 1)
}

fn bin_middle(bin: usize) -> f64 {
    if bin == 0 {
        0.0
    } else {
        2f64.powf((bin as f64 - 0.5) / BINS_PER_DOUBLING)
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn count_names(map: &mut HashMap<String, u64>, names: &[String]) {
    for name in names.iter().take(MAX_NAMES_PER_ARTICLE) {
        if let Some(n) = map.get_mut(name) {
            *n += 1;
        } else if map.len() < MAX_NAMES_PER_BUCKET {
            map.insert(name.clone(), 1);
        }
    }
}

/// Adds `from` into `into`, borrowing the names: merging allocates no strings.
fn merge_names<'a>(into: &mut HashMap<&'a str, u64>, from: &'a HashMap<String, u64>) {
    for (name, n) in from {
        *into.entry(name.as_str()).or_insert(0) += n;
    }
}

/// The `top` largest counts, ties broken by name so output is stable; only
/// the names kept are copied.
fn top_names(map: HashMap<&str, u64>, top: usize) -> Vec<NameCount> {
    let mut all: Vec<(&str, u64)> = map.into_iter().collect();
    let order = |a: &(&str, u64), b: &(&str, u64)| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0));
    if all.len() > top && top > 0 {
        all.select_nth_unstable_by(top - 1, order);
    }
    all.truncate(top);
    all.sort_unstable_by(order);
    all.into_iter()
        .map(|(name, count)| NameCount {
            name: name.to_string(),
            count,
        })
        .collect()
}

impl Default for Window {
    fn default() -> Self {
        Self::new()
    }
}

impl Window {
    pub fn new() -> Self {
        let buckets = (0..WINDOW_SECS)
            .map(|_| Arc::new(Bucket::default()))
            .collect();
        Window {
            state: Mutex::new(State {
                buckets,
                labels: HashMap::new(),
            }),
        }
    }

    /// Counts one settled article in the bucket of `now` (a Unix second).
    pub fn record(&self, now: u64, fact: Fact) {
        let Ok(mut state) = self.state.lock() else {
            return;
        };
        if let Fact::Enriched { facts, .. } = &fact
            && let Some((code, label)) = &facts.topic
            && !state.labels.contains_key(code)
        {
            state.labels.insert(code.clone(), label.clone());
        }
        let slot = &mut state.buckets[(now % WINDOW_SECS) as usize];
        if slot.second != Some(now) {
            match Arc::get_mut(slot) {
                Some(bucket) => bucket.reset(now),
                // A reader still holds the old second: leave it to them.
                None => {
                    *slot = Arc::new(Bucket {
                        second: Some(now),
                        ..Bucket::default()
                    })
                }
            }
        }
        let bucket = Arc::make_mut(slot);
        match fact {
            Fact::Enriched { facts, lag_us } => {
                bucket.enriched += 1;
                bucket.processing.observe(facts.processing_us);
                if let Some(lag) = lag_us {
                    bucket.lag.observe(lag);
                }
                if let Some((code, _)) = &facts.topic {
                    count_names(&mut bucket.topics, std::slice::from_ref(code));
                }
                count_names(&mut bucket.people, &facts.people);
                count_names(&mut bucket.places, &facts.places);
                count_names(&mut bucket.organisations, &facts.organisations);
            }
            Fact::DeadLettered { kind } => {
                *bucket.dead_lettered.entry(kind).or_insert(0) += 1;
            }
            Fact::Retried => bucket.retried += 1,
        }
    }

    /// Merges the seconds `[start, end)` (clamped to the ring) with the `top`
    /// entries of each list; with `series`, one point per second too.
    pub fn summarize(&self, start: u64, end: u64, top: usize, series: bool) -> Summary {
        let start = start.max(end.saturating_sub(WINDOW_SECS));
        let mut summary = Summary {
            enriched: 0,
            dead_lettered: 0,
            dead_lettered_by_kind: BTreeMap::new(),
            retried: 0,
            processing_ms: None,
            lag_ms: None,
            topics: Vec::new(),
            people: Vec::new(),
            places: Vec::new(),
            organisations: Vec::new(),
            series: Vec::new(),
        };
        let (buckets, labels): (Vec<Arc<Bucket>>, HashMap<String, String>) = {
            let Ok(state) = self.state.lock() else {
                return summary;
            };
            let buckets = (start..end)
                .map(|second| state.buckets[(second % WINDOW_SECS) as usize].clone())
                .collect();
            (buckets, state.labels.clone())
        };
        let (mut processing, mut lag) = (Histogram::default(), Histogram::default());
        let (mut topics, mut people, mut places, mut organisations) = (
            HashMap::new(),
            HashMap::new(),
            HashMap::new(),
            HashMap::new(),
        );
        for (second, bucket) in (start..end).zip(&buckets) {
            if bucket.second != Some(second) {
                if series {
                    summary.series.push([second, 0, 0]);
                }
                continue;
            }
            let dead: u64 = bucket.dead_lettered.values().sum();
            if series {
                summary.series.push([second, bucket.enriched, dead]);
            }
            summary.enriched += bucket.enriched;
            summary.dead_lettered += dead;
            summary.retried += bucket.retried;
            for (kind, n) in &bucket.dead_lettered {
                *summary
                    .dead_lettered_by_kind
                    .entry(kind.clone())
                    .or_insert(0) += n;
            }
            processing.merge(&bucket.processing);
            lag.merge(&bucket.lag);
            merge_names(&mut topics, &bucket.topics);
            merge_names(&mut people, &bucket.people);
            merge_names(&mut places, &bucket.places);
            merge_names(&mut organisations, &bucket.organisations);
        }
        summary.topics = top_names(topics, top)
            .into_iter()
            .map(|NameCount { name, count }| TopicCount {
                label: labels.get(&name).cloned().unwrap_or_default(),
                code: name,
                count,
            })
            .collect();
        summary.people = top_names(people, top);
        summary.places = top_names(places, top);
        summary.organisations = top_names(organisations, top);
        summary.processing_ms = processing.percentiles_ms();
        summary.lag_ms = lag.percentiles_ms();
        summary
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enriched(topic: &str, people: &[&str], places: &[&str], us: u64) -> Fact {
        Fact::Enriched {
            facts: Box::new(ArticleFacts {
                topic: Some((topic.to_string(), format!("label {topic}"))),
                people: people.iter().map(|s| s.to_string()).collect(),
                places: places.iter().map(|s| s.to_string()).collect(),
                organisations: Vec::new(),
                processing_us: us,
            }),
            lag_us: Some(us * 10),
        }
    }

    #[test]
    fn counts_and_tops_cover_only_the_asked_seconds() {
        let w = Window::new();
        w.record(99, enriched("01000000", &["Old"], &[], 100));
        w.record(
            100,
            enriched("11000000", &["Kishida", "Biden"], &["Japan"], 100),
        );
        w.record(
            100,
            enriched("11000000", &["Biden"], &["Japan", "Italy"], 200),
        );
        w.record(101, enriched("04000000", &[], &["Japan"], 300));
        w.record(
            101,
            Fact::DeadLettered {
                kind: "not_utf8".into(),
            },
        );
        w.record(101, Fact::Retried);
        w.record(102, enriched("04000000", &["New"], &[], 100));

        let s = w.summarize(100, 102, 2, true);
        assert_eq!((s.enriched, s.dead_lettered, s.retried), (3, 1, 1));
        assert_eq!(s.dead_lettered_by_kind.get("not_utf8"), Some(&1));
        assert_eq!(
            s.topics[0],
            TopicCount {
                code: "11000000".into(),
                label: "label 11000000".into(),
                count: 2
            }
        );
        let names = |v: &[NameCount]| {
            v.iter()
                .map(|n| (n.name.clone(), n.count))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(&s.people),
            [("Biden".into(), 2), ("Kishida".into(), 1)]
        );
        assert_eq!(names(&s.places), [("Japan".into(), 3), ("Italy".into(), 1)]);
        assert_eq!(s.series, vec![[100, 2, 0], [101, 1, 1]]);
        assert_eq!(s.processing_ms.as_ref().map(|p| p.count), Some(3));
    }

    #[test]
    fn old_buckets_are_reused_not_counted() {
        let w = Window::new();
        w.record(5, Fact::Retried);
        w.record(5 + WINDOW_SECS, Fact::Retried);
        assert_eq!(w.summarize(0, 10, 5, false).retried, 0);
        assert_eq!(
            w.summarize(WINDOW_SECS, WINDOW_SECS + 10, 5, false).retried,
            1
        );
        // A span longer than the ring is clamped to it.
        assert_eq!(w.summarize(0, 2 * WINDOW_SECS, 5, false).retried, 1);
    }

    #[test]
    fn percentiles_are_within_a_bin_of_the_truth() {
        let w = Window::new();
        for us in 1..=1000u64 {
            w.record(7, enriched("x", &[], &[], us * 10));
        }
        let p = w.summarize(7, 8, 1, false).processing_ms.expect("samples");
        assert_eq!(p.count, 1000);
        for (got, want) in [(p.p50, 5.0), (p.p90, 9.0), (p.p99, 9.9)] {
            assert!((got - want).abs() / want < 0.1, "{got} vs {want}");
        }
        assert_eq!(p.max, 10.0);
        let lag = w.summarize(7, 8, 1, false).lag_ms.expect("lag");
        assert!((lag.p50 - 50.0).abs() / 50.0 < 0.1, "{lag:?}");
    }

    #[test]
    fn names_per_bucket_are_bounded() {
        let w = Window::new();
        for i in 0..(MAX_NAMES_PER_BUCKET + 50) {
            w.record(1, enriched("x", &[&format!("p{i}")], &[], 1));
        }
        w.record(1, enriched("x", &["p0"], &[], 1));
        let s = w.summarize(1, 2, usize::MAX, false);
        assert_eq!(s.people.len(), MAX_NAMES_PER_BUCKET);
        assert_eq!(
            s.people[0],
            NameCount {
                name: "p0".into(),
                count: 2
            }
        );
    }

    #[test]
    fn readers_and_writers_do_not_lose_counts() {
        let w = Arc::new(Window::new());
        let writer = {
            let w = w.clone();
            std::thread::spawn(move || {
                for i in 0..20_000u64 {
                    w.record(10 + i / 5_000, enriched("x", &["p"], &[], 1));
                }
            })
        };
        let mut seen = 0;
        while !writer.is_finished() {
            let n = w.summarize(0, 20, 1, false).enriched;
            assert!(n >= seen, "counts never go back: {n} < {seen}");
            seen = n;
        }
        writer.join().expect("writer");
        let s = w.summarize(0, 20, 1, true);
        assert_eq!(s.enriched, 20_000);
        assert_eq!(s.people[0].count, 20_000);
        assert_eq!(
            &s.series[10..14],
            &[[10, 5000, 0], [11, 5000, 0], [12, 5000, 0], [13, 5000, 0]]
        );
    }

    #[test]
    fn empty_window_has_no_percentiles() {
        let s = Window::new().summarize(0, 60, 10, false);
        assert_eq!(s.enriched, 0);
        assert!(s.processing_ms.is_none() && s.lag_ms.is_none() && s.topics.is_empty());
    }
}
