//! Fuzzes what the worker does with one message: decode the payload into an
//! article and run the whole pipeline. It must never panic; a record it
//! produces must encode to JSON; and on any UTF-8 input the normalizer's
//! edits must replay on the raw text to the normalized text.

#![no_main]

use std::sync::{Arc, OnceLock};

use libfuzzer_sys::fuzz_target;
use wire_enricher::article::Limits;
use wire_enricher::normalize::{Normalizer, Resources, replay};
use wire_enricher::pipeline::{self, Meta, Pipeline};

/// Built once, as the worker does.
fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| {
        Pipeline::new(Limits {
            max_payload_bytes: 1 << 20,
            max_body_chars: 500_000,
        })
    })
}

fn normalizer() -> &'static Normalizer {
    static NORMALIZER: OnceLock<Normalizer> = OnceLock::new();
    NORMALIZER.get_or_init(|| Normalizer::new(Arc::new(Resources::default())))
}

fuzz_target!(|data: &[u8]| {
    let meta = Meta {
        subject: Some("wire.raw.fuzz"),
        processed_at: "2026-01-01T00:00:00Z",
        ..Meta::default()
    };
    if let Ok(enriched) = pipeline().process(data, &meta) {
        let bytes = pipeline::encode(&enriched.record);
        assert!(serde_json::from_slice::<serde_json::Value>(&bytes).is_ok());
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let normalized = normalizer().normalize(text);
        assert_eq!(
            replay(text, &normalized.edits).as_deref(),
            Some(normalized.text.as_str())
        );
    }
});
