//! The at-least-once path: a durable pull consumer shared by every replica.
//!
//! Each consume loop pulls a batch, runs the pipeline on each message,
//! publishes the record with a `Nats-Msg-Id` and keeps up to `max_in_flight`
//! PubAck futures open. An input is acked only when its output's PubAck
//! arrives, so a crash at any point leaves the input unacked and the server
//! redelivers it; the output stream's duplicate window drops the republish.
//! Every message ends in exactly one [`Decision`], made in [`Loop::decide`].

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::{Duration, Instant};

use async_nats::jetstream::consumer::{AckPolicy, PullConsumer, pull};
use async_nats::jetstream::context::{Context, PublishAckFuture};
use async_nats::jetstream::message::PublishMessage;
use async_nats::jetstream::stream::{self, DiscardPolicy, StorageType};
use async_nats::jetstream::{self, AckKind, Message};
use futures::stream::{FuturesUnordered, StreamExt};
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

use super::SharedPipeline;
use super::{NatsError, Stats, dead_letter_headers, error_chain, headers};
use crate::pipeline::{self, Meta};
use crate::settings::{Settings, render_template, template_filter};
use crate::window::ArticleFacts;

/// How long one pull request waits for messages before it is renewed.
const PULL_EXPIRY: Duration = Duration::from_secs(1);
/// Payloads above this size are processed off the async threads, with
/// progress acks from the moment they are taken until their record is stored.
const LARGE_PAYLOAD_BYTES: usize = 64 * 1024;

/// The JetStream context with ack back-pressure sized for the publish window.
pub fn context(client: async_nats::Client, settings: &Settings) -> Context {
    let window = settings.delivery.max_in_flight * settings.delivery.workers + 64;
    jetstream::ContextBuilder::new()
        .max_ack_inflight(window)
        .backpressure_on_inflight(true)
        .timeout(Duration::from_secs(10))
        .build(client)
}

/// Creates the three streams (with `stream_replicas` replicas each) and the
/// shared consumer if they do not exist.
pub async fn provision(js: &Context, settings: &Settings) -> Result<(), NatsError> {
    let d = &settings.delivery;
    let s = &settings.subjects;
    let streams = [
        (&d.input_stream, s.input.clone()),
        (&d.output_stream, template_filter(&s.output)),
        (&d.dead_letter_stream, template_filter(&s.dead_letter)),
    ];
    for (name, subject) in streams {
        let config = stream::Config {
            name: name.clone(),
            subjects: vec![subject],
            storage: StorageType::File,
            discard: DiscardPolicy::Old,
            duplicate_window: Duration::from_millis(d.duplicate_window_ms),
            num_replicas: d.stream_replicas,
            ..Default::default()
        };
        js.get_or_create_stream(config)
            .await
            .map_err(|e| NatsError::Stream {
                stream: name.clone(),
                source: e.into(),
            })?;
    }
    consumer(js, settings, true).await.map(|_| ())
}

/// The shared durable consumer, created when `create` is set.
pub async fn consumer(
    js: &Context,
    settings: &Settings,
    create: bool,
) -> Result<PullConsumer, NatsError> {
    let d = &settings.delivery;
    let err = |source: async_nats::Error| NatsError::Consumer {
        stream: d.input_stream.clone(),
        consumer: d.consumer.clone(),
        source,
    };
    let stream = js
        .get_stream(&d.input_stream)
        .await
        .map_err(|e| err(e.into()))?;
    if !create {
        return stream.get_consumer(&d.consumer).await.map_err(err);
    }
    let config = pull::Config {
        durable_name: Some(d.consumer.clone()),
        ack_policy: AckPolicy::Explicit,
        ack_wait: Duration::from_millis(d.ack_wait_ms),
        max_deliver: d.max_deliver,
        filter_subject: settings.subjects.input.clone(),
        max_ack_pending: (d.max_in_flight * d.workers * 4).max(1000) as i64,
        ..Default::default()
    };
    stream
        .get_or_create_consumer(&d.consumer, config)
        .await
        .map_err(|e| err(e.into()))
}

/// What happens to one input message. Decided in one place.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// Its record (or dead letter) is stored: done.
    Ack,
    /// Permanently rejected and dead-lettered: never redeliver.
    Term,
    /// Transient failure: redeliver after a delay.
    Nak(Duration),
}

/// What processing and publishing one message came to.
enum Outcome {
    /// The record is stored (or was a duplicate of a stored one).
    Published {
        duplicate: bool,
        facts: Box<ArticleFacts>,
    },
    /// Bad input, dead-lettered; the reason is in the dead letter's headers.
    Rejected { kind: String },
    /// Publishing failed; worth retrying.
    Transient(String),
}

/// One consume loop: pull, process, publish, settle.
pub struct Loop {
    pub js: Context,
    pub consumer: PullConsumer,
    pub pipeline: SharedPipeline,
    pub settings: Arc<Settings>,
    pub stats: Arc<Stats>,
    pub cancel: CancellationToken,
}

type Pending = std::pin::Pin<Box<dyn std::future::Future<Output = (Message, Outcome)> + Send>>;

impl Loop {
    /// Runs until cancelled, then settles everything in hand: messages
    /// fetched but not started are Nak'ed, published ones wait for their
    /// PubAck and are acked.
    pub async fn run(self) {
        let max_in_flight = self.settings.delivery.max_in_flight;
        let batch_size = self.settings.delivery.batch_size;
        let mut in_flight: FuturesUnordered<Pending> = FuturesUnordered::new();
        let mut failures = 0u32;
        while !self.cancel.is_cancelled() {
            let batch = self
                .consumer
                .batch()
                .max_messages(batch_size)
                .expires(PULL_EXPIRY)
                .messages()
                .await;
            let mut batch = match batch {
                Ok(batch) => {
                    failures = 0;
                    batch
                }
                Err(err) => {
                    failures += 1;
                    tracing::warn!(error = %error_chain(&err), "pull request failed");
                    let backoff = Duration::from_millis((100u64 << failures.min(5)).min(2000));
                    tokio::select! {
                        _ = self.cancel.cancelled() => break,
                        _ = tokio::time::sleep(backoff) => continue,
                    }
                }
            };
            // Messages of this pull that arrived while a large one was being
            // processed: the server's ack_wait runs for them too, so each is
            // kept alive until it is started.
            let mut queued: VecDeque<(Message, KeepAlive)> = VecDeque::new();
            let mut batch_open = true;
            loop {
                let next = if let Some((msg, _keep_alive)) = queued.pop_front() {
                    Some(msg)
                } else if batch_open {
                    tokio::select! {
                        biased;
                        Some((msg, outcome)) = in_flight.next(), if !in_flight.is_empty() => {
                            self.stats.in_flight.dec();
                            self.settle(msg, outcome).await;
                            continue;
                        }
                        next = batch.next() => match next {
                            Some(Ok(msg)) => Some(msg),
                            None => None,
                            Some(Err(err)) => {
                                tracing::debug!(error = %err, "pull batch ended with an error");
                                None
                            }
                        },
                    }
                } else {
                    None
                };
                let Some(msg) = next else {
                    break;
                };
                if self.cancel.is_cancelled() {
                    // Fetched but not started: let another replica take it.
                    self.respond(&msg, Decision::Nak(Duration::ZERO)).await;
                    continue;
                }
                self.stats.received.inc();
                let started = self.start(msg);
                tokio::pin!(started);
                let started = loop {
                    tokio::select! {
                        biased;
                        started = &mut started => break started,
                        next = batch.next(), if batch_open => match next {
                            Some(Ok(msg)) => {
                                // It may have waited in the client's buffer:
                                // its first progress ack goes at once.
                                let keep_alive = self.keep_alive(&msg, Duration::ZERO);
                                queued.push_back((msg, keep_alive));
                            }
                            None => batch_open = false,
                            Some(Err(err)) => {
                                tracing::debug!(error = %err, "pull batch ended with an error");
                                batch_open = false;
                            }
                        },
                    }
                };
                match started {
                    Started::Pending(p) => {
                        self.stats.in_flight.inc();
                        in_flight.push(p);
                    }
                    Started::Done(done) => {
                        let (msg, outcome) = *done;
                        self.settle(msg, outcome).await;
                    }
                }
                while in_flight.len() >= max_in_flight {
                    if let Some((msg, outcome)) = in_flight.next().await {
                        self.stats.in_flight.dec();
                        self.settle(msg, outcome).await;
                    }
                }
            }
        }
        while let Some((msg, outcome)) = in_flight.next().await {
            self.stats.in_flight.dec();
            self.settle(msg, outcome).await;
        }
    }

    /// Processes one message and starts its publish.
    async fn start(&self, msg: Message) -> Started {
        let (seq, delivered) = match msg.info() {
            Ok(info) => (Some(info.stream_sequence), info.delivered),
            Err(_) => (None, 1),
        };
        if delivered > 1 {
            self.stats.redelivered.inc();
        }
        let subject = msg.subject.to_string();
        let span = tracing::info_span!("message", subject = %subject, stream_sequence = seq, delivered, id = tracing::field::Empty);
        async move {
            let started = Instant::now();
            // Processing, encoding, publishing and storing a large record can
            // together outlast ack_wait: keep the message alive throughout.
            let keep_alive = (msg.payload.len() > LARGE_PAYLOAD_BYTES)
                .then(|| self.keep_alive(&msg, Duration::ZERO));
            let processed_at = now_rfc3339();
            let msg_id = msg
                .headers
                .as_ref()
                .and_then(|h| h.get(headers::MSG_ID))
                .map(|v| v.as_str().to_string());
            if self.settings.pipeline.passthrough {
                let out = super::passthrough(&self.settings, &subject, &msg.payload);
                return self.publish(msg, out, keep_alive).await;
            }
            let result = if msg.payload.len() > LARGE_PAYLOAD_BYTES {
                self.process_off_thread(&msg, &subject, seq, msg_id.as_deref(), &processed_at)
                    .await
            } else {
                let meta = Meta {
                    subject: Some(&subject),
                    stream_sequence: seq,
                    msg_id: msg_id.as_deref(),
                    processed_at: &processed_at,
                };
                Some(self.pipeline.load().process(&msg.payload, &meta))
            };
            match result {
                None => Started::Done(Box::new((msg, Outcome::Transient("processing task failed".to_string())))),
                Some(Err(err)) => {
                    tracing::warn!(kind = err.kind(), error = %error_chain(&err), "rejecting bad input");
                    let outcome = self
                        .dead_letter(&msg, err.kind(), &error_chain(&err), seq, delivered)
                        .await;
                    Started::Done(Box::new((msg, outcome)))
                }
                Some(Ok(enriched)) => {
                    let out = super::output(&self.settings, &self.stats, enriched, started);
                    tracing::Span::current().record("id", out.id.as_str());
                    self.publish(msg, out, keep_alive).await
                }
            }
        }
        .instrument(span)
        .await
    }

    /// Starts the publish of a record; its PubAck settles the input later.
    async fn publish(
        &self,
        msg: Message,
        out: super::Output,
        keep_alive: Option<KeepAlive>,
    ) -> Started {
        let publish = PublishMessage::build()
            .payload(out.payload)
            .message_id(&out.msg_id)
            .header(headers::CONTENT_TYPE, "application/json");
        match self.js.send_publish(out.subject, publish).await {
            Ok(ack) => Started::Pending(pending(msg, ack, out.facts, keep_alive)),
            Err(err) => Started::Done(Box::new((msg, Outcome::Transient(error_chain(&err))))),
        }
    }

    /// Runs the pipeline on a blocking thread, so a large payload does not
    /// hold up the async threads (its [`KeepAlive`] sends the progress acks).
    async fn process_off_thread(
        &self,
        msg: &Message,
        subject: &str,
        seq: Option<u64>,
        msg_id: Option<&str>,
        processed_at: &str,
    ) -> Option<Result<pipeline::Enriched, crate::article::DecodeError>> {
        let pipeline = self.pipeline.load_full();
        let payload = msg.payload.clone();
        let (subject, msg_id, processed_at) = (
            subject.to_string(),
            msg_id.map(str::to_string),
            processed_at.to_string(),
        );
        tokio::task::spawn_blocking(move || {
            let meta = Meta {
                subject: Some(&subject),
                stream_sequence: seq,
                msg_id: msg_id.as_deref(),
                processed_at: &processed_at,
            };
            pipeline.process(&payload, &meta)
        })
        .await
        .ok()
    }

    /// Starts sending progress acks for `msg`, the first after `first` and
    /// then every third of `ack_wait`, so the server does not redeliver it
    /// while it is in hand.
    fn keep_alive(&self, msg: &Message, first: Duration) -> KeepAlive {
        let tick = Duration::from_millis(self.settings.delivery.ack_wait_ms / 3)
            .max(Duration::from_millis(100));
        let (msg, stats) = (msg.clone(), self.stats.clone());
        KeepAlive(tokio::spawn(async move {
            let mut wait = first;
            loop {
                tokio::time::sleep(wait).await;
                wait = tick;
                if msg.ack_with(AckKind::Progress).await.is_ok() {
                    stats.progress_acks.inc();
                }
            }
        }))
    }

    /// Publishes the original bytes to the dead-letter subject and waits for
    /// the PubAck: a dead letter that is not stored is not a decision.
    async fn dead_letter(
        &self,
        msg: &Message,
        kind: &str,
        error: &str,
        seq: Option<u64>,
        delivered: i64,
    ) -> Outcome {
        let source = pipeline::source_name(None, Some(msg.subject.as_str()));
        let subject = render_template(&self.settings.subjects.dead_letter, &source, "und", "none");
        let dlq_id = match seq {
            Some(seq) => format!("dlq:{}:{seq}", self.settings.delivery.input_stream),
            None => format!("dlq:{}", msg.subject),
        };
        let publish = PublishMessage::build()
            .payload(msg.payload.clone())
            .headers(dead_letter_headers(
                kind,
                error,
                msg.subject.as_str(),
                delivered,
                &dlq_id,
            ));
        let ack = match self.js.send_publish(subject, publish).await {
            Ok(ack) => ack.await,
            Err(err) => {
                return Outcome::Transient(format!(
                    "dead-letter publish failed: {}",
                    error_chain(&err)
                ));
            }
        };
        match ack {
            Ok(_) => Outcome::Rejected {
                kind: kind.to_string(),
            },
            Err(err) => {
                Outcome::Transient(format!("dead-letter publish failed: {}", error_chain(&err)))
            }
        }
    }

    /// Turns an outcome into the one decision for the message, and sends it.
    async fn settle(&self, msg: Message, outcome: Outcome) {
        let decision = self.decide(&msg, outcome).await;
        self.respond(&msg, decision).await;
    }

    async fn decide(&self, msg: &Message, outcome: Outcome) -> Decision {
        let (seq, delivered) = match msg.info() {
            Ok(info) => (Some(info.stream_sequence), info.delivered),
            Err(_) => (None, 1),
        };
        let d = &self.settings.delivery;
        match outcome {
            Outcome::Published { duplicate, facts } => {
                if duplicate {
                    self.stats.duplicates.inc();
                }
                let lag = msg.info().ok().map(|info| {
                    let lag = time::OffsetDateTime::now_utc() - info.published;
                    Duration::from_secs_f64(lag.as_seconds_f64().max(0.0))
                });
                self.stats.record_enriched(*facts, lag);
                Decision::Ack
            }
            Outcome::Rejected { kind } => {
                self.stats.record_dead_letter(&kind);
                Decision::Term
            }
            Outcome::Transient(reason) if d.max_deliver > 0 && delivered >= d.max_deliver => {
                tracing::error!(stream_sequence = seq, delivered, reason = %reason, "giving up after max_deliver attempts");
                match self
                    .dead_letter(
                        msg,
                        "max_deliver",
                        &format!("failed {delivered} times: {reason}"),
                        seq,
                        delivered,
                    )
                    .await
                {
                    Outcome::Rejected { kind } => {
                        self.stats.record_dead_letter(&kind);
                        Decision::Term
                    }
                    // Even the dead-letter stream is unreachable: keep the
                    // message rather than lose it.
                    _ => Decision::Nak(Duration::from_millis(d.nak_delay_max_ms)),
                }
            }
            Outcome::Transient(reason) => {
                let delay = nak_delay(d.nak_delay_ms, d.nak_delay_max_ms, delivered);
                tracing::warn!(stream_sequence = seq, delivered, reason = %reason, delay_ms = delay.as_millis() as u64, "will retry");
                self.stats.record_retry();
                Decision::Nak(delay)
            }
        }
    }

    async fn respond(&self, msg: &Message, decision: Decision) {
        let kind = match decision {
            Decision::Ack => AckKind::Ack,
            Decision::Term => AckKind::Term,
            Decision::Nak(delay) if delay.is_zero() => AckKind::Nak(None),
            Decision::Nak(delay) => AckKind::Nak(Some(delay)),
        };
        if let Err(err) = msg.ack_with(kind).await {
            // The server will redeliver after ack_wait; the output's
            // duplicate window absorbs the republish.
            tracing::warn!(error = %err, "acknowledgement not sent");
        }
    }
}

enum Started {
    Pending(Pending),
    Done(Box<(Message, Outcome)>),
}

/// Progress acks for one message while it is in hand; they stop when this
/// is dropped, just before the message's decision is sent.
struct KeepAlive(tokio::task::JoinHandle<()>);

impl Drop for KeepAlive {
    fn drop(&mut self) {
        self.0.abort();
    }
}

fn pending(
    msg: Message,
    ack: PublishAckFuture,
    facts: Box<ArticleFacts>,
    keep_alive: Option<KeepAlive>,
) -> Pending {
    Box::pin(async move {
        let outcome = match ack.await {
            Ok(ack) => Outcome::Published {
                duplicate: ack.duplicate,
                facts,
            },
            Err(err) => Outcome::Transient(error_chain(&err)),
        };
        drop(keep_alive);
        (msg, outcome)
    })
}

/// Nak delay: `base` doubled for each delivery so far, capped at `max`.
pub fn nak_delay(base_ms: u64, max_ms: u64, delivered: i64) -> Duration {
    let exp = (delivered.max(1) - 1).min(20) as u32;
    Duration::from_millis(base_ms.saturating_mul(1u64 << exp).min(max_ms))
}

/// The current time as RFC 3339, stamped by the worker around the pure core.
pub fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_string())
}

/// Runs `workers` consume loops until `cancel` fires and all have settled.
pub async fn run(
    client: async_nats::Client,
    settings: Arc<Settings>,
    pipeline: SharedPipeline,
    stats: Arc<Stats>,
    cancel: CancellationToken,
) -> Result<(), NatsError> {
    let js = context(client, &settings);
    if settings.delivery.provision {
        provision(&js, &settings).await?;
    }
    let consumer = consumer(&js, &settings, settings.delivery.provision).await?;
    tracing::info!(
        consumer = %settings.delivery.consumer,
        stream = %settings.delivery.input_stream,
        workers = settings.delivery.workers,
        "consuming (jetstream, at-least-once)"
    );
    stats
        .consumer_ok
        .store(true, std::sync::atomic::Ordering::Relaxed);
    let monitor = tokio::spawn(monitor(
        consumer.clone(),
        stats.clone(),
        cancel.clone(),
        Duration::from_millis(settings.delivery.stall_timeout_ms),
    ));
    let mut loops = tokio::task::JoinSet::new();
    for _ in 0..settings.delivery.workers {
        let l = Loop {
            js: js.clone(),
            consumer: consumer.clone(),
            pipeline: pipeline.clone(),
            settings: settings.clone(),
            stats: stats.clone(),
            cancel: cancel.clone(),
        };
        loops.spawn(l.run());
    }
    while let Some(joined) = loops.join_next().await {
        if let Err(err) = joined {
            tracing::error!(error = %err, "consume loop failed");
        }
    }
    monitor.abort();
    Ok(())
}

/// How often the consumer's state is read for gauges and stall detection.
const MONITOR_INTERVAL: Duration = Duration::from_secs(2);

/// Reads the consumer's info periodically: pending gauges, whether the
/// consumer still exists, and whether it has stalled (input pending but no
/// delivery for `stall_timeout`).
async fn monitor(
    consumer: PullConsumer,
    stats: Arc<Stats>,
    cancel: CancellationToken,
    stall_timeout: Duration,
) {
    use std::sync::atomic::Ordering::Relaxed;
    let mut last_delivered = None;
    let mut since = Instant::now();
    loop {
        tokio::select! {
            _ = cancel.cancelled() => return,
            _ = tokio::time::sleep(MONITOR_INTERVAL) => {}
        }
        match consumer.get_info().await {
            Ok(info) => {
                stats.consumer_ok.store(true, Relaxed);
                stats.consumer_pending.set(info.num_pending as i64);
                stats.consumer_ack_pending.set(info.num_ack_pending as i64);
                let delivered = info.delivered.consumer_sequence;
                if info.num_pending == 0 || last_delivered != Some(delivered) {
                    last_delivered = Some(delivered);
                    since = Instant::now();
                    stats.stalled.store(false, Relaxed);
                } else if since.elapsed() >= stall_timeout {
                    stats.stalled.store(true, Relaxed);
                }
            }
            Err(err) => {
                tracing::debug!(error = %err, "consumer info unavailable");
                stats.consumer_ok.store(false, Relaxed);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nak_delay_grows_and_caps() {
        let delays: Vec<u64> = (1..=8)
            .map(|d| nak_delay(500, 30_000, d).as_millis() as u64)
            .collect();
        assert_eq!(
            delays,
            vec![500, 1000, 2000, 4000, 8000, 16000, 30000, 30000]
        );
        assert_eq!(nak_delay(500, 30_000, i64::MAX).as_millis(), 30_000);
    }
}
