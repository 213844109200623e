//! The at-most-once path: a queue-group subscription shared by replicas and
//! core publishes, for the lowest latency. A message lost in flight stays
//! lost; slow-consumer drops are counted and logged by the event callback.
//! Each message gets a `message` span like the JetStream path's; core NATS
//! has no stream sequence and delivers once, so those fields are fixed.

use std::sync::Arc;
use std::time::Instant;

use async_nats::{Client, HeaderMap};
use futures::StreamExt;
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

use super::SharedPipeline;
use super::{NatsError, Stats, dead_letter_headers, error_chain, headers};
use crate::pipeline::{self, Meta, Pipeline};
use crate::settings::{Settings, render_template};

/// Consumes until cancelled, then unsubscribes and flushes.
pub async fn run(
    client: Client,
    settings: Arc<Settings>,
    pipeline: SharedPipeline,
    stats: Arc<Stats>,
    cancel: CancellationToken,
) -> Result<(), NatsError> {
    let input = settings.subjects.input.clone();
    let mut sub = client
        .queue_subscribe(input.clone(), settings.delivery.queue_group.clone())
        .await
        .map_err(|source| NatsError::Subscribe {
            subject: input.clone(),
            source,
        })?;
    stats
        .consumer_ok
        .store(true, std::sync::atomic::Ordering::Relaxed);
    tracing::info!(subject = %input, queue_group = %settings.delivery.queue_group, "consuming (core, at-most-once)");
    loop {
        let msg = tokio::select! {
            _ = cancel.cancelled() => break,
            msg = sub.next() => match msg {
                Some(msg) => msg,
                None => break,
            },
        };
        stats.received.inc();
        let span = tracing::info_span!("message", subject = %msg.subject, stream_sequence = tracing::field::Empty, delivered = 1, id = tracing::field::Empty);
        handle(&client, &settings, &pipeline.load(), &stats, msg)
            .instrument(span)
            .await;
    }
    if let Err(err) = sub.unsubscribe().await {
        tracing::debug!(error = %err, "unsubscribe failed");
    }
    if let Err(err) = client.flush().await {
        tracing::warn!(error = %err, "flush at shutdown failed");
    }
    Ok(())
}

/// Processes one message and publishes its record or dead letter.
async fn handle(
    client: &Client,
    settings: &Settings,
    pipeline: &Pipeline,
    stats: &Stats,
    msg: async_nats::Message,
) {
    let started = Instant::now();
    let processed_at = super::jetstream::now_rfc3339();
    let msg_id = msg
        .headers
        .as_ref()
        .and_then(|h| h.get(headers::MSG_ID))
        .map(|v| v.as_str().to_string());
    let meta = Meta {
        subject: Some(msg.subject.as_str()),
        stream_sequence: None,
        msg_id: msg_id.as_deref(),
        processed_at: &processed_at,
    };
    let result = if settings.pipeline.passthrough {
        Ok(super::passthrough(
            settings,
            msg.subject.as_str(),
            &msg.payload,
        ))
    } else {
        pipeline
            .process(&msg.payload, &meta)
            .map(|enriched| super::output(settings, stats, enriched, started))
    };
    let (subject, headers, payload) = match result {
        Ok(out) => {
            let mut h = HeaderMap::new();
            h.insert(headers::MSG_ID, out.msg_id.as_str());
            h.insert(headers::CONTENT_TYPE, "application/json");
            tracing::Span::current().record("id", out.id.as_str());
            // Core NATS carries no publish time to measure lag from.
            stats.record_enriched(*out.facts, None);
            (out.subject, h, out.payload)
        }
        Err(err) => {
            tracing::warn!(subject = %msg.subject, kind = err.kind(), error = %error_chain(&err), "rejecting bad input");
            let source = pipeline::source_name(None, Some(msg.subject.as_str()));
            let subject = render_template(&settings.subjects.dead_letter, &source, "und", "none");
            let id = format!("dlq:{}", msg.subject);
            stats.record_dead_letter(err.kind());
            (
                subject,
                dead_letter_headers(err.kind(), &error_chain(&err), msg.subject.as_str(), 1, &id),
                msg.payload.clone(),
            )
        }
    };
    if let Err(err) = client
        .publish_with_headers(subject.clone(), headers, payload)
        .await
    {
        tracing::warn!(subject = %subject, error = %err, "publish failed; message lost (core mode is at-most-once)");
    }
}
