//! wire-enricher: repairs, tags and republishes news-wire articles.
//!
//! ```text
//!  NATS wire.raw.<source>                                   NATS wire.enriched.<source>
//!        │                                                           ▲
//!        ▼                                                           │
//!  nats::jetstream ──► pipeline::process ───────────────────► publish, await PubAck
//!        ▲            │  article::decode   (bytes → Article)         │
//!        │            │  normalize         (repair + edit log)       │
//!        │            │  tag               (entities, topics, …)     │
//!        │            │  pipeline::encode  (Record → JSON)           │
//!        │            └─ DecodeError ──► dead letter ──► wire.dlq.<source>
//!        └──────────── one decision per message: ack | term | nak(delay)
//! ```
//!
//! The core (`article`, `pipeline`, `normalize`, `tag`, `span`) is synchronous
//! and pure; only `nats` touches the network, only `app` signals, files and
//! stdout, and the clock is read only outside the core (`window` is given
//! the time by its callers). `settings` turns config into validated values
//! before anything connects; `metrics` and `http` are what operators watch:
//! `window` keeps the last minutes of settled articles in one-second buckets,
//! and `status` turns them, with the counters, into the stats record that
//! `nats::stats_feed` publishes and the status page at `/` shows live.

pub mod app;
pub mod article;
pub mod bench;
pub mod eval;
pub mod http;
pub mod metrics;
pub mod nats;
pub mod normalize;
pub mod pipeline;
pub mod settings;
pub mod span;
pub mod status;
pub mod tag;
pub mod window;
