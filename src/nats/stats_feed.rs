//! The stats feed: every `stats.interval_ms`, one JSON [`Report`] on
//! `<stats.subject_prefix>.<worker id>`, published with core NATS.
//!
//! Consecutive records cover consecutive whole seconds, `[previous end,
//! now)`, so summing the feed loses and double-counts nothing. Records are
//! not stored: dashboards subscribe, or an operator adds a stream on the
//! subject if history is wanted.

use std::sync::Arc;
use std::time::Duration;

use async_nats::Client;
use tokio_util::sync::CancellationToken;

use super::Stats;
use crate::metrics::unix_now;
use crate::status::Reporter;

/// Publishes stats records until `cancel` fires, then one last record for
/// the seconds since the previous one.
pub async fn run(
    client: Client,
    reporter: Reporter,
    stats: Arc<Stats>,
    subject: String,
    interval: Duration,
    cancel: CancellationToken,
) {
    let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + interval, interval);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut start = unix_now();
    tracing::info!(subject = %subject, interval_ms = interval.as_millis() as u64, "publishing stats");
    loop {
        let last = tokio::select! {
            _ = cancel.cancelled() => true,
            _ = tick.tick() => false,
        };
        let end = unix_now();
        if end > start {
            let report = reporter.report(&stats, start, end, false);
            match serde_json::to_vec(&report) {
                Ok(json) => {
                    if let Err(err) = client.publish(subject.clone(), json.into()).await {
                        tracing::warn!(subject = %subject, error = %err, "stats record not published");
                    }
                }
                Err(err) => tracing::warn!(error = %err, "cannot encode stats record"),
            }
            start = end;
        }
        if last {
            return;
        }
    }
}
