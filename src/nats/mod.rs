//! The only code that touches async-nats: connecting, provisioning streams,
//! consuming, publishing and acking.
//!
//! `jetstream` is the at-least-once path (ack after PubAck), `core` the
//! at-most-once path (queue group), `feed` the publish/tail tools the demo and
//! tests use. [`Stats`] is the shared counter set the worker reports from.

pub mod core;
pub mod feed;
pub mod jetstream;
pub mod stats_feed;

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use async_nats::{Client, ConnectErrorKind, ConnectOptions, Event, HeaderMap};

pub use crate::metrics::Stats;

/// The pipeline in use, swapped whole when the rules are reloaded; each
/// message runs on the pipeline it started with.
pub type SharedPipeline = std::sync::Arc<arc_swap::ArcSwap<crate::pipeline::Pipeline>>;
use crate::pipeline::{self, Enriched};
use crate::settings::{NatsSettings, Settings, redact_url, render_template};
use crate::window::ArticleFacts;

/// Header names the worker writes.
pub mod headers {
    pub const MSG_ID: &str = "Nats-Msg-Id";
    pub const ERROR_KIND: &str = "Wire-Error-Kind";
    pub const ERROR: &str = "Wire-Error";
    pub const ORIGINAL_SUBJECT: &str = "Wire-Original-Subject";
    pub const DELIVERED: &str = "Wire-Delivered";
    pub const CONTENT_TYPE: &str = "Content-Type";
}

/// Why the worker could not start or keep running.
#[derive(Debug, thiserror::Error)]
pub enum NatsError {
    #[error("cannot connect to NATS at {url}: authentication failed")]
    Auth {
        url: String,
        #[source]
        source: async_nats::ConnectError,
    },
    #[error("cannot connect to NATS at {url}: TLS handshake failed")]
    Tls {
        url: String,
        #[source]
        source: async_nats::ConnectError,
    },
    #[error("cannot connect to NATS at {url}")]
    Connect {
        url: String,
        #[source]
        source: async_nats::ConnectError,
    },
    #[error("cannot read NATS credentials file {path}")]
    Credentials {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot set up stream {stream}")]
    Stream {
        stream: String,
        #[source]
        source: async_nats::Error,
    },
    #[error("cannot set up consumer {consumer} on stream {stream}")]
    Consumer {
        stream: String,
        consumer: String,
        #[source]
        source: async_nats::Error,
    },
    #[error("cannot subscribe to {subject}")]
    Subscribe {
        subject: String,
        #[source]
        source: async_nats::SubscribeError,
    },
    #[error("cannot publish to {subject}")]
    Publish {
        subject: String,
        #[source]
        source: async_nats::Error,
    },
    #[error("cannot read input {path}")]
    Input {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// Connects with the configured authentication and TLS, reconnecting
/// forever once connected. The first connection is retried until
/// `connect_timeout_ms` for a server that is still starting; authentication
/// and TLS failures end it at once, so bad credentials or certificates exit
/// instead of retrying.
pub async fn connect(
    settings: &NatsSettings,
    stats: Arc<Stats>,
    capacity: usize,
) -> Result<Client, NatsError> {
    let shown_url = redact_url(&settings.url);
    let deadline = Instant::now() + Duration::from_millis(settings.connect_timeout_ms);
    let mut delay = Duration::from_millis(100);
    let (addrs, url_credentials) = server_addrs(&settings.url);
    loop {
        let mut options = options(settings, stats.clone(), capacity).await?;
        if let Some(credentials) = &url_credentials {
            options = credentials.apply(options);
        }
        match options.connect(addrs.as_slice()).await {
            Ok(client) => {
                stats.connected.store(true, Ordering::Relaxed);
                tracing::info!(url = %shown_url, "connected to NATS");
                return Ok(client);
            }
            Err(err)
                if matches!(
                    err.kind(),
                    ConnectErrorKind::Authentication | ConnectErrorKind::AuthorizationViolation
                ) =>
            {
                return Err(NatsError::Auth {
                    url: shown_url,
                    source: err,
                });
            }
            Err(err) if is_tls_failure(&err) => {
                return Err(NatsError::Tls {
                    url: shown_url,
                    source: err,
                });
            }
            Err(err) if Instant::now() + delay < deadline => {
                tracing::warn!(url = %shown_url, error = %err, retry_in_ms = delay.as_millis() as u64, "NATS not reachable yet");
                tokio::time::sleep(delay).await;
                delay = (delay * 2).min(Duration::from_secs(2));
            }
            Err(err) => {
                return Err(NatsError::Connect {
                    url: shown_url,
                    source: err,
                });
            }
        }
    }
}

/// Credentials written into a server URL (`nats://user:password@host` or
/// `nats://token@host`).
enum UrlCredentials {
    UserPassword(String, String),
    Token(String),
}

impl UrlCredentials {
    fn apply(&self, options: ConnectOptions) -> ConnectOptions {
        match self {
            UrlCredentials::UserPassword(user, password) => {
                options.user_and_password(user.clone(), password.clone())
            }
            UrlCredentials::Token(token) => options.token(token.clone()),
        }
    }
}

/// The server addresses of a comma-separated URL list, with any credentials
/// taken out of them. The client does not send URL credentials by itself,
/// and it logs addresses at debug level: credentials go through the connect
/// options instead, where they are sent and never logged.
fn server_addrs(urls: &str) -> (Vec<async_nats::ServerAddr>, Option<UrlCredentials>) {
    let mut credentials = None;
    let mut addrs = Vec::new();
    for url in urls.split(',').map(str::trim) {
        let Ok(addr) = url.parse::<async_nats::ServerAddr>() else {
            continue;
        };
        let user = addr.username().map(str::to_string);
        let password = addr.password().map(str::to_string);
        match (user, password) {
            (Some(user), Some(password)) => {
                credentials = Some(UrlCredentials::UserPassword(user, password));
            }
            (Some(token), None) => credentials = Some(UrlCredentials::Token(token)),
            _ => {
                addrs.push(addr);
                continue;
            }
        }
        let mut bare = addr.into_inner();
        // Cannot fail for the nats/tls/ws URLs a ServerAddr holds.
        let _ = bare.set_password(None);
        let _ = bare.set_username("");
        if let Ok(addr) = async_nats::ServerAddr::from_url(bare) {
            addrs.push(addr);
        }
    }
    (addrs, credentials)
}

/// Whether a connect error is a TLS handshake failure (an untrusted server
/// certificate, a client certificate the server refuses). The client reports
/// those as I/O errors of kind `InvalidData` wrapping the TLS error; no retry
/// can fix them.
fn is_tls_failure(err: &async_nats::ConnectError) -> bool {
    if err.kind() == ConnectErrorKind::Tls {
        return true;
    }
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<std::io::Error>()
            && io.kind() == std::io::ErrorKind::InvalidData
        {
            return true;
        }
        source = s.source();
    }
    false
}

async fn options(
    settings: &NatsSettings,
    stats: Arc<Stats>,
    capacity: usize,
) -> Result<ConnectOptions, NatsError> {
    let mut options = if settings.creds_file.is_empty() {
        ConnectOptions::new()
    } else {
        ConnectOptions::with_credentials_file(&settings.creds_file)
            .await
            .map_err(|source| NatsError::Credentials {
                path: settings.creds_file.clone(),
                source,
            })?
    };
    options = options
        .name(&settings.name)
        .max_reconnects(None)
        .subscription_capacity(capacity)
        .connection_timeout(Duration::from_secs(5))
        .reconnect_delay_callback(|attempts| {
            // Quick first retries, then at most two seconds apart.
            Duration::from_millis((50u64 << attempts.min(6)).min(2000))
        })
        .event_callback(move |event| {
            let stats = stats.clone();
            async move {
                match event {
                    Event::Connected => {
                        stats.connected.store(true, Ordering::Relaxed);
                        if stats.ever_connected.swap(true, Ordering::Relaxed) {
                            stats.reconnects.inc();
                            tracing::info!("reconnected to NATS");
                        }
                    }
                    Event::Disconnected => {
                        stats.connected.store(false, Ordering::Relaxed);
                        tracing::warn!("disconnected from NATS");
                    }
                    Event::SlowConsumer(sid) => {
                        stats.slow_consumer_events.inc();
                        tracing::warn!(
                            sid,
                            "slow consumer: subscription buffer full, messages dropped"
                        );
                    }
                    Event::LameDuckMode => tracing::warn!("NATS server entered lame duck mode"),
                    other => tracing::debug!(event = %other, "NATS event"),
                }
            }
        });
    if !settings.token.is_empty() {
        options = options.token(settings.token.clone());
    }
    if !settings.user.is_empty() {
        options = options.user_and_password(settings.user.clone(), settings.password.clone());
    }
    if !settings.nkey_seed.is_empty() {
        options = options.nkey(settings.nkey_seed.clone());
    }
    if !settings.tls_ca_file.is_empty() {
        options = options.add_root_certificates(settings.tls_ca_file.clone().into());
    }
    if !settings.tls_cert_file.is_empty() {
        options = options.add_client_certificate(
            settings.tls_cert_file.clone().into(),
            settings.tls_key_file.clone().into(),
        );
    }
    if settings.tls_required {
        options = options.require_tls(true);
    }
    Ok(options)
}

/// A record ready to publish.
#[derive(Debug)]
pub struct Output {
    pub subject: String,
    pub msg_id: String,
    pub payload: bytes::Bytes,
    /// What the stats window counts once the record is out.
    pub facts: Box<ArticleFacts>,
    /// The article id, for logs.
    pub id: String,
}

/// Stamps the processing time on an enriched article, encodes it and fills
/// the output subject template. Shared by the JetStream and core paths.
pub fn output(
    settings: &Settings,
    stats: &Stats,
    mut enriched: Enriched,
    started: Instant,
) -> Output {
    let elapsed = started.elapsed();
    stats.processing_seconds.observe(elapsed.as_secs_f64());
    enriched.record.enrichment.pipeline.duration_us = elapsed.as_micros() as u64;
    let facts = Box::new(ArticleFacts::of(&enriched, elapsed.as_micros() as u64));
    Output {
        subject: render_template(
            &settings.subjects.output,
            &enriched.source,
            &enriched.lang,
            &enriched.topic,
        ),
        payload: pipeline::encode(&enriched.record).into(),
        msg_id: enriched.msg_id,
        facts,
        id: enriched.record.enrichment.source.id,
    }
}

/// The pass-through path used to measure the transport alone: the payload is
/// copied to the output subject unread, with a Msg-Id from its hash.
pub fn passthrough(settings: &Settings, subject: &str, payload: &bytes::Bytes) -> Output {
    use sha2::{Digest, Sha256};
    let hash = hex::encode(&Sha256::digest(payload)[..8]);
    let source = pipeline::source_name(None, Some(subject));
    Output {
        subject: render_template(&settings.subjects.output, &source, "und", "none"),
        msg_id: format!("passthrough:{hash}"),
        payload: payload.clone(),
        facts: Box::default(),
        id: hash,
    }
}

/// Makes a string safe as a header value: one line, bounded length.
pub fn header_value(text: &str) -> String {
    let mut out: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(512)
        .collect();
    out.truncate(out.trim_end().len());
    out
}

/// Headers for a dead-lettered message.
pub fn dead_letter_headers(
    kind: &str,
    error: &str,
    subject: &str,
    delivered: i64,
    msg_id: &str,
) -> HeaderMap {
    let mut h = HeaderMap::new();
    h.insert(headers::ERROR_KIND, header_value(kind).as_str());
    h.insert(headers::ERROR, header_value(error).as_str());
    h.insert(headers::ORIGINAL_SUBJECT, header_value(subject).as_str());
    h.insert(headers::DELIVERED, delivered.to_string().as_str());
    h.insert(headers::MSG_ID, header_value(msg_id).as_str());
    h
}

/// The full error chain as one line: "outer: inner: root".
pub fn error_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_credentials_move_out_of_the_addresses() {
        let (addrs, credentials) =
            server_addrs("nats://wire:s3cret@127.0.0.1:4222, nats://127.0.0.1:4223");
        let shown: Vec<String> = addrs.iter().map(|a| format!("{a:?}")).collect();
        assert_eq!(addrs.len(), 2);
        assert!(shown.iter().all(|s| !s.contains("s3cret")), "{shown:?}");
        assert!(matches!(
            credentials,
            Some(UrlCredentials::UserPassword(u, p)) if u == "wire" && p == "s3cret"
        ));
        let (_, credentials) = server_addrs("nats://tok3n@127.0.0.1:4222");
        assert!(matches!(credentials, Some(UrlCredentials::Token(t)) if t == "tok3n"));
        let (addrs, credentials) = server_addrs("nats://127.0.0.1:4222");
        assert_eq!((addrs.len(), credentials.is_none()), (1, true));
    }
}
