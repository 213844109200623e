//! wire-enricher: repairs, tags and republishes news-wire articles.
//!
//! ```text
//!  NATS wire.raw.<source>                                   NATS wire.enriched.<source>
//!        │                                                           ▲
//!        ▼                                                           │
//!  nats::consume ──► pipeline::process ─────────────────────► nats::publish (await PubAck)
//!        ▲            │  article::decode   (bytes → Article)         │
//!        │            │  normalize         (repair + edit log)       │
//!        │            │  tag               (entities, topics, …)     │
//!        │            │  pipeline::encode  (Record → JSON)           │
//!        │            └─ DecodeError ──► nats::dead_letter ──► wire.dlq.<source>
//!        └──────────── one ack decision per message: ack | term | nak(delay)
//! ```
//!
//! The core (`article`, `pipeline`, `normalize`, `tag`, `span`) is synchronous
//! and pure; only `nats` touches the network and only `app` the clock, signals
//! and environment.


pub mod article;

pub mod normalize;
pub mod pipeline;

pub mod span;
pub mod tag;
