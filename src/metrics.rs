//! The worker's counters, gauges and histograms, and its readiness state.
//!
//! One [`Stats`] per worker process, shared as an `Arc` by the consume loops,
//! the NATS event callback, the consumer monitor and the HTTP server. Every
//! value is a lock-free `prometheus-client` metric or an atomic flag, except
//! the [`Window`] of recent articles, which each settled article touches once
//! under a short mutex; `/metrics` encodes the registry on demand.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

use crate::window::{ArticleFacts, Fact, NameCount, Window};

/// The current Unix second, for the window.
pub fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// How an article ended.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct OutcomeLabel {
    pub outcome: &'static str,
}

/// Why an article was dead-lettered.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct KindLabel {
    pub kind: String,
}

/// A top-level IPTC topic code.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct TopicLabel {
    pub topic: String,
}

/// A name in a top list of the recent window: `kind` is `person`, `place`
/// or `organisation`.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct EntityLabel {
    pub kind: &'static str,
    pub name: String,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct BuildLabel {
    version: &'static str,
    mode: String,
}

/// Metrics and readiness of one worker process.
#[derive(Debug)]
pub struct Stats {
    registry: Registry,
    /// Messages taken off the input.
    pub received: Counter,
    articles: Family<OutcomeLabel, Counter>,
    dead_letters: Family<KindLabel, Counter>,
    /// The kinds `dead_letters` has seen (the family cannot be iterated).
    dead_letter_kinds: Mutex<BTreeSet<String>>,
    pub redelivered: Counter,
    pub duplicates: Counter,
    pub progress_acks: Counter,
    pub slow_consumer_events: Counter,
    pub reconnects: Counter,
    pub processing_seconds: Histogram,
    pub lag_seconds: Histogram,
    pub in_flight: Gauge,
    pub consumer_pending: Gauge,
    pub consumer_ack_pending: Gauge,
    topics: Family<TopicLabel, Counter>,
    top_entities: Family<EntityLabel, Gauge>,
    build_info: Family<BuildLabel, Gauge>,
    /// Recent articles, for the stats feed and the status page.
    pub window: Window,
    /// Connected to NATS right now.
    pub connected: AtomicBool,
    /// Set by the first connection; later `Connected` events are reconnects.
    pub ever_connected: AtomicBool,
    /// The input consumer (or core subscription) exists.
    pub consumer_ok: AtomicBool,
    /// Messages are pending but none has been delivered for a while.
    pub stalled: AtomicBool,
    /// Shutdown has begun.
    pub shutting_down: AtomicBool,
    /// Where the HTTP server listens, once bound.
    pub http_addr: OnceLock<std::net::SocketAddr>,
}

impl Stats {
    pub fn new() -> Arc<Self> {
        let mut registry = Registry::with_prefix("wire");
        let received = Counter::default();
        let articles = Family::<OutcomeLabel, Counter>::default();
        let dead_letters = Family::<KindLabel, Counter>::default();
        let redelivered = Counter::default();
        let duplicates = Counter::default();
        let progress_acks = Counter::default();
        let slow_consumer_events = Counter::default();
        let reconnects = Counter::default();
        // 10 µs … ~5 s.
        let processing_seconds = Histogram::new(exponential_buckets(0.00001, 2.5, 15));
        // 1 ms … ~5 min.
        let lag_seconds = Histogram::new(exponential_buckets(0.001, 2.5, 14));
        let in_flight = Gauge::default();
        let consumer_pending = Gauge::default();
        let consumer_ack_pending = Gauge::default();
        let topics = Family::<TopicLabel, Counter>::default();
        let top_entities = Family::<EntityLabel, Gauge>::default();
        let build_info = Family::<BuildLabel, Gauge>::default();

        registry.register(
            "messages_received",
            "Messages taken off the input",
            received.clone(),
        );
        registry.register("articles", "Articles by final outcome", articles.clone());
        registry.register(
            "dead_letters",
            "Dead-lettered articles by error kind",
            dead_letters.clone(),
        );
        registry.register(
            "redeliveries",
            "Messages delivered more than once",
            redelivered.clone(),
        );
        registry.register(
            "duplicate_publishes",
            "Records the output stream reported as duplicates",
            duplicates.clone(),
        );
        registry.register(
            "progress_acks",
            "Progress acks sent for slow work",
            progress_acks.clone(),
        );
        registry.register(
            "slow_consumer_events",
            "Core subscriptions that dropped messages",
            slow_consumer_events.clone(),
        );
        registry.register("reconnects", "Reconnections to NATS", reconnects.clone());
        registry.register(
            "processing_duration_seconds",
            "Time in the pipeline per article",
            processing_seconds.clone(),
        );
        registry.register(
            "end_to_end_lag_seconds",
            "Time from the raw article's storage to its record's PubAck",
            lag_seconds.clone(),
        );
        registry.register(
            "in_flight",
            "Records published and awaiting their PubAck",
            in_flight.clone(),
        );
        registry.register(
            "consumer_pending",
            "Input messages not yet delivered",
            consumer_pending.clone(),
        );
        registry.register(
            "consumer_ack_pending",
            "Input messages delivered and not yet acked",
            consumer_ack_pending.clone(),
        );
        registry.register(
            "topics",
            "Enriched articles by top IPTC Media Topic",
            topics.clone(),
        );
        registry.register(
            "top_entity_articles",
            "Articles naming each of the top people, places and organisations in the status window",
            top_entities.clone(),
        );
        registry.register(
            "build_info",
            "Version and delivery mode",
            build_info.clone(),
        );

        Arc::new(Stats {
            registry,
            received,
            articles,
            dead_letters,
            dead_letter_kinds: Mutex::new(BTreeSet::new()),
            redelivered,
            duplicates,
            progress_acks,
            slow_consumer_events,
            reconnects,
            processing_seconds,
            lag_seconds,
            in_flight,
            consumer_pending,
            consumer_ack_pending,
            topics,
            top_entities,
            build_info,
            window: Window::new(),
            connected: AtomicBool::new(false),
            ever_connected: AtomicBool::new(false),
            consumer_ok: AtomicBool::new(false),
            stalled: AtomicBool::new(false),
            shutting_down: AtomicBool::new(false),
            http_addr: OnceLock::new(),
        })
    }

    /// Records the version and mode in `wire_build_info`.
    pub fn set_build_info(&self, mode: &str) {
        self.build_info
            .get_or_create(&BuildLabel {
                version: env!("CARGO_PKG_VERSION"),
                mode: mode.to_string(),
            })
            .set(1);
    }

    /// An article's record was published (in JetStream mode: stored);
    /// `lag` is the time since the input was stored, where known.
    pub fn record_enriched(&self, facts: ArticleFacts, lag: Option<Duration>) {
        self.articles
            .get_or_create(&OutcomeLabel {
                outcome: "enriched",
            })
            .inc();
        if let Some((code, _)) = &facts.topic {
            self.topics
                .get_or_create(&TopicLabel {
                    topic: code.clone(),
                })
                .inc();
        }
        if let Some(lag) = lag {
            self.lag_seconds.observe(lag.as_secs_f64());
        }
        self.window.record(
            unix_now(),
            Fact::Enriched {
                facts: Box::new(facts),
                lag_us: lag.map(|l| l.as_micros() as u64),
            },
        );
    }

    /// An article went to the dead-letter subject.
    pub fn record_dead_letter(&self, kind: &str) {
        self.articles
            .get_or_create(&OutcomeLabel {
                outcome: "dead_lettered",
            })
            .inc();
        self.dead_letters
            .get_or_create(&KindLabel {
                kind: kind.to_string(),
            })
            .inc();
        if let Ok(mut kinds) = self.dead_letter_kinds.lock()
            && !kinds.contains(kind)
        {
            kinds.insert(kind.to_string());
        }
        self.window.record(
            unix_now(),
            Fact::DeadLettered {
                kind: kind.to_string(),
            },
        );
    }

    /// An article was Nak'ed for a retry.
    pub fn record_retry(&self) {
        self.articles
            .get_or_create(&OutcomeLabel { outcome: "retried" })
            .inc();
        self.window.record(unix_now(), Fact::Retried);
    }

    /// Replaces `wire_top_entity_articles` with the given top lists, so the
    /// family holds only names that are in a top list now.
    pub fn set_top_entities(&self, lists: [(&'static str, &[NameCount]); 3]) {
        self.top_entities.clear();
        for (kind, names) in lists {
            for n in names {
                self.top_entities
                    .get_or_create(&EntityLabel {
                        kind,
                        name: n.name.clone(),
                    })
                    .set(n.count as i64);
            }
        }
    }

    /// Dead letters so far, by kind.
    pub fn dead_letters_by_kind(&self) -> std::collections::BTreeMap<String, u64> {
        let kinds: Vec<String> = match self.dead_letter_kinds.lock() {
            Ok(kinds) => kinds.iter().cloned().collect(),
            Err(_) => Vec::new(),
        };
        kinds
            .into_iter()
            .map(|kind| {
                let n = self
                    .dead_letters
                    .get_or_create(&KindLabel { kind: kind.clone() })
                    .get();
                (kind, n)
            })
            .collect()
    }

    pub fn enriched(&self) -> u64 {
        self.articles
            .get_or_create(&OutcomeLabel {
                outcome: "enriched",
            })
            .get()
    }

    pub fn dead_lettered(&self) -> u64 {
        self.articles
            .get_or_create(&OutcomeLabel {
                outcome: "dead_lettered",
            })
            .get()
    }

    pub fn retried(&self) -> u64 {
        self.articles
            .get_or_create(&OutcomeLabel { outcome: "retried" })
            .get()
    }

    /// Ready to take work: connected, consumer in place, not stalled, not
    /// shutting down. Returns the reasons when not.
    pub fn readiness(&self) -> Result<(), Vec<&'static str>> {
        let mut reasons = Vec::new();
        if !self.connected.load(Ordering::Relaxed) {
            reasons.push("not connected to NATS");
        }
        if !self.consumer_ok.load(Ordering::Relaxed) {
            reasons.push("input consumer not in place");
        }
        if self.stalled.load(Ordering::Relaxed) {
            reasons.push("consumer stalled: messages pending but none delivered");
        }
        if self.shutting_down.load(Ordering::Relaxed) {
            reasons.push("shutting down");
        }
        if reasons.is_empty() {
            Ok(())
        } else {
            Err(reasons)
        }
    }

    /// The registry in Prometheus text format.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        if let Err(err) = prometheus_client::encoding::text::encode(&mut out, &self.registry) {
            out = format!("# metrics encoding failed: {err}\n");
        }
        out
    }

    /// Logs the counters once, at shutdown.
    pub fn log_summary(&self) {
        tracing::info!(
            received = self.received.get(),
            enriched = self.enriched(),
            dead_lettered = self.dead_lettered(),
            retried = self.retried(),
            redelivered = self.redelivered.get(),
            duplicates = self.duplicates.get(),
            slow_consumer_events = self.slow_consumer_events.get(),
            reconnects = self.reconnects.get(),
            "worker totals"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_are_exposed_in_prometheus_text() {
        let stats = Stats::new();
        stats.set_build_info("jetstream");
        stats.record_enriched(
            ArticleFacts {
                topic: Some(("11000000".into(), "politics".into())),
                people: vec!["Fumio Kishida".into()],
                ..ArticleFacts::default()
            },
            Some(Duration::from_millis(3)),
        );
        stats.record_dead_letter("not_utf8");
        let recent = stats.window.summarize(0, unix_now() + 1, 10, false);
        stats.set_top_entities([
            ("person", &recent.people),
            ("place", &recent.places),
            ("organisation", &recent.organisations),
        ]);
        stats.processing_seconds.observe(0.0002);
        let text = stats.encode();
        for needle in [
            "wire_articles_total{outcome=\"enriched\"} 1",
            "wire_dead_letters_total{kind=\"not_utf8\"} 1",
            "wire_topics_total{topic=\"11000000\"} 1",
            "wire_processing_duration_seconds_count 1",
            "wire_build_info{version=",
            "wire_end_to_end_lag_seconds_count 1",
            "wire_top_entity_articles{kind=\"person\",name=\"Fumio Kishida\"} 1",
        ] {
            assert!(text.contains(needle), "missing {needle} in\n{text}");
        }
        assert_eq!((stats.enriched(), stats.dead_lettered()), (1, 1));
        assert_eq!(stats.dead_letters_by_kind().get("not_utf8"), Some(&1));
        assert_eq!((recent.enriched, recent.dead_lettered), (1, 1));
    }

    #[test]
    fn readiness_names_what_is_missing() {
        let stats = Stats::new();
        assert_eq!(
            stats.readiness(),
            Err(vec!["not connected to NATS", "input consumer not in place"])
        );
        stats.connected.store(true, Ordering::Relaxed);
        stats.consumer_ok.store(true, Ordering::Relaxed);
        assert_eq!(stats.readiness(), Ok(()));
        stats.shutting_down.store(true, Ordering::Relaxed);
        assert_eq!(stats.readiness(), Err(vec!["shutting down"]));
    }
}
