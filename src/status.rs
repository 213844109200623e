//! The status report: one JSON shape for the stats feed on
//! `wire.stats.<worker>` and for the live page at `/` (schema in
//! `schemas/stats.schema.json`).
//!
//! A report joins a span of the [`Window`](crate::window::Window) (counts,
//! rates, percentiles, top lists) with the process totals from the Prometheus
//! counters, so the page's totals are the numbers `/metrics` shows. The page
//! report is built once a second by [`run_page_reports`] and shared through a
//! `watch` channel: however many browsers watch, the window is merged once.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use serde::Serialize;
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;

use crate::metrics::{Stats, unix_now};
use crate::window::Summary;

/// Version of the stats record layout (`schemaVersion`).
pub const STATS_SCHEMA_VERSION: &str = "1.0";
/// How often the page report (and so the page) is refreshed.
pub const PAGE_REFRESH: Duration = Duration::from_secs(1);
/// The status page, self-contained: no network, no CDN.
pub const PAGE_HTML: &str = include_str!("status.html");

/// Who is reporting, fixed for the life of the process.
#[derive(Debug, Clone)]
pub struct Reporter {
    /// Subject-safe worker id.
    pub worker: String,
    /// "jetstream" or "core".
    pub mode: &'static str,
    /// Entries per top list.
    pub top: usize,
}

/// One stats record.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub schema_version: &'static str,
    pub worker: String,
    pub version: &'static str,
    pub mode: &'static str,
    pub generated_at: String,
    pub window: WindowReport,
    pub totals: Totals,
    pub gauges: Gauges,
    pub ready: bool,
    pub not_ready: Vec<&'static str>,
}

/// What happened in the report's window.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WindowReport {
    pub start: String,
    pub end: String,
    pub seconds: u64,
    pub rates: Rates,
    #[serde(flatten)]
    pub summary: Summary,
}

/// Articles per second over the window.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rates {
    pub enriched: f64,
    pub dead_lettered: f64,
    pub retried: f64,
}

/// Counts since the process started: the values of the Prometheus counters.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Totals {
    pub received: u64,
    pub enriched: u64,
    pub dead_lettered: u64,
    pub dead_lettered_by_kind: BTreeMap<String, u64>,
    pub retried: u64,
    pub redelivered: u64,
    pub duplicates: u64,
    pub reconnects: u64,
    pub slow_consumer_events: u64,
}

/// Current values of the gauges.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Gauges {
    pub in_flight: i64,
    pub consumer_pending: i64,
    pub consumer_ack_pending: i64,
}

impl Reporter {
    /// A report over the Unix seconds `[start, end)`.
    pub fn report(&self, stats: &Stats, start: u64, end: u64, series: bool) -> Report {
        let summary = stats.window.summarize(start, end, self.top, series);
        let seconds = end.saturating_sub(start).max(1);
        let rate = |n: u64| ((n as f64 / seconds as f64) * 1000.0).round() / 1000.0;
        let (ready, not_ready) = match stats.readiness() {
            Ok(()) => (true, Vec::new()),
            Err(reasons) => (false, reasons),
        };
        Report {
            schema_version: STATS_SCHEMA_VERSION,
            worker: self.worker.clone(),
            version: env!("CARGO_PKG_VERSION"),
            mode: self.mode,
            generated_at: rfc3339(unix_now()),
            window: WindowReport {
                start: rfc3339(start),
                end: rfc3339(end),
                seconds,
                rates: Rates {
                    enriched: rate(summary.enriched),
                    dead_lettered: rate(summary.dead_lettered),
                    retried: rate(summary.retried),
                },
                summary,
            },
            totals: Totals {
                received: stats.received.get(),
                enriched: stats.enriched(),
                dead_lettered: stats.dead_lettered(),
                dead_lettered_by_kind: stats.dead_letters_by_kind(),
                retried: stats.retried(),
                redelivered: stats.redelivered.get(),
                duplicates: stats.duplicates.get(),
                reconnects: stats.reconnects.get(),
                slow_consumer_events: stats.slow_consumer_events.get(),
            },
            gauges: Gauges {
                in_flight: stats.in_flight.get(),
                consumer_pending: stats.consumer_pending.get(),
                consumer_ack_pending: stats.consumer_ack_pending.get(),
            },
            ready,
            not_ready,
        }
    }
}

/// Builds the page report over the last `history_secs` every
/// [`PAGE_REFRESH`] and sends it, as JSON, to `tx`; also refreshes
/// `wire_top_entity_articles` from it. Runs until `cancel` fires.
pub async fn run_page_reports(
    reporter: Reporter,
    stats: Arc<Stats>,
    history_secs: u64,
    tx: watch::Sender<Arc<str>>,
    cancel: CancellationToken,
) {
    let mut tick = tokio::time::interval(PAGE_REFRESH);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    loop {
        tokio::select! {
            _ = cancel.cancelled() => return,
            _ = tick.tick() => {}
        }
        // The current second is still filling; include it so the page is live.
        let end = unix_now() + 1;
        let report = reporter.report(&stats, end.saturating_sub(history_secs), end, true);
        let w = &report.window.summary;
        stats.set_top_entities([
            ("person", &w.people),
            ("place", &w.places),
            ("organisation", &w.organisations),
        ]);
        match serde_json::to_string(&report) {
            Ok(json) => {
                tx.send_replace(Arc::from(json));
            }
            Err(err) => tracing::warn!(error = %err, "cannot encode status report"),
        }
        if stats.shutting_down.load(Ordering::Relaxed) && tx.is_closed() {
            return;
        }
    }
}

/// The worker id: the configured one, else `<hostname>-<pid>`, made safe as
/// one subject token.
pub fn worker_id(configured: &str) -> String {
    let raw = if configured.is_empty() {
        let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
            .ok()
            .or_else(|| std::env::var("HOSTNAME").ok())
            .map(|h| h.trim().to_string())
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| "worker".to_string());
        format!("{host}-{}", std::process::id())
    } else {
        configured.to_string()
    };
    subject_token(&raw)
}

/// Replaces what a subject token may not contain with `-`.
pub fn subject_token(raw: &str) -> String {
    raw.chars()
        .map(|c| {
            if c.is_whitespace() || c.is_control() || matches!(c, '.' | '*' | '>') {
                '-'
            } else {
                c
            }
        })
        .collect()
}

/// A Unix second as RFC 3339.
pub fn rfc3339(second: u64) -> String {
    time::OffsetDateTime::from_unix_timestamp(second as i64)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::window::ArticleFacts;

    #[test]
    fn worker_ids_are_one_subject_token() {
        assert_eq!(subject_token("host.example com>*"), "host-example-com--");
        assert_eq!(worker_id("w1"), "w1");
        let auto = worker_id("");
        assert!(
            auto.ends_with(&format!("-{}", std::process::id())),
            "{auto}"
        );
        assert!(!auto.contains(['.', '*', '>', ' ']), "{auto}");
    }

    #[test]
    fn report_joins_window_and_totals() {
        let stats = Stats::new();
        stats.record_enriched(
            ArticleFacts {
                topic: Some(("11000000".into(), "politics".into())),
                places: vec!["Japan".into()],
                processing_us: 1500,
                ..ArticleFacts::default()
            },
            None,
        );
        stats.record_dead_letter("not_utf8");
        let reporter = Reporter {
            worker: "w1".into(),
            mode: "core",
            top: 5,
        };
        let now = unix_now();
        let report = reporter.report(&stats, now.saturating_sub(9), now + 1, false);
        let json = serde_json::to_value(&report).expect("json");
        assert_eq!(json["window"]["seconds"], 10);
        assert_eq!(json["window"]["enriched"], 1);
        assert_eq!(json["window"]["rates"]["enriched"], 0.1);
        assert_eq!(json["window"]["places"][0]["name"], "Japan");
        assert_eq!(json["window"]["topics"][0]["label"], "politics");
        assert_eq!(json["totals"]["deadLetteredByKind"]["not_utf8"], 1);
        assert_eq!(json["ready"], false);
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
    }
}
