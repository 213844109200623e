//! Hostile input through a running worker: every payload of the corpus ends
//! exactly once, enriched or dead-lettered with a reason, and the worker
//! keeps running. Limits are raised so the large cases reach the pipeline
//! instead of stopping at the size check (one case checks that too).

use std::collections::HashMap;
use std::time::Duration;

use async_nats::jetstream;
use bytes::Bytes;

use crate::support::*;

/// What a payload must come to. Text that does not start with `{` is a
/// plain-text article, so a top-level array, `null` or 100,000 nested `[`
/// are enriched as text; JSON objects nested past serde_json's recursion
/// limit are malformed.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    Enriched,
    Dead(&'static str),
}

fn json(value: serde_json::Value) -> Bytes {
    Bytes::from(value.to_string())
}

/// The corpus: (name, payload, expectation). Each is published on
/// `wire.raw.<name>`, so its output subject names it.
fn corpus() -> Vec<(&'static str, Bytes, Expect)> {
    let nested_arrays = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let nested_objects = format!("{}1{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
    vec![
        (
            "invalidutf8",
            Bytes::from_static(b"caf\xe9 \xff\xfe \xc0\x80"),
            Expect::Dead("not_utf8"),
        ),
        (
            "nuljson",
            json(serde_json::json!({"id": "nul", "body": "Before\u{0}after\u{0}\u{0} end."})),
            Expect::Enriched,
        ),
        (
            "nulplain",
            Bytes::from_static(b"Plain text\x00with NUL\x00bytes."),
            Expect::Enriched,
        ),
        ("empty", Bytes::new(), Expect::Dead("empty")),
        (
            "whitespace",
            Bytes::from_static(b" \n\t \r\n"),
            Expect::Dead("empty"),
        ),
        (
            "overmax",
            Bytes::from(vec![b'a'; 9_000_000]),
            Expect::Dead("too_large"),
        ),
        ("nestedarrays", Bytes::from(nested_arrays), Expect::Enriched),
        (
            "nestedobjects",
            Bytes::from(nested_objects),
            Expect::Dead("malformed_json"),
        ),
        (
            "bodynumber",
            json(serde_json::json!({"id": "n", "body": 42})),
            Expect::Dead("field_type"),
        ),
        (
            "bodyarray",
            json(serde_json::json!({"id": "a", "body": ["x", "y"]})),
            Expect::Dead("field_type"),
        ),
        (
            "bodyobject",
            json(serde_json::json!({"id": "o", "body": {"text": "x"}})),
            Expect::Dead("field_type"),
        ),
        (
            "idobject",
            json(serde_json::json!({"id": {"x": 1}, "body": "Text."})),
            Expect::Dead("field_type"),
        ),
        (
            "toplevelarray",
            Bytes::from_static(b"[1, 2, 3]"),
            Expect::Enriched,
        ),
        (
            "toplevelnull",
            Bytes::from_static(b"null"),
            Expect::Enriched,
        ),
        (
            "lonesurrogate",
            Bytes::from_static(br#"{"id": "s", "body": "bad \ud800 half"}"#),
            Expect::Dead("malformed_json"),
        ),
        (
            "bigword",
            json(serde_json::json!({"id": "w", "body": "x".repeat(5_000_000)})),
            Expect::Enriched,
        ),
        (
            "shortlines",
            json(serde_json::json!({"id": "l", "body": "a\n".repeat(200_000)})),
            Expect::Enriched,
        ),
        (
            "rtl",
            json(
                serde_json::json!({"id": "r", "body": "\u{202E}gnp.exe\u{202C} قال الوزير يوم الاثنين إن المحادثات ستستأنف. אמר השר ביום שני.\u{200F}"}),
            ),
            Expect::Enriched,
        ),
        (
            "combining",
            json(
                serde_json::json!({"id": "c", "body": format!("Z{}algo e{} text.", "\u{0336}\u{0334}\u{0337}".repeat(300), "\u{0301}".repeat(5000))}),
            ),
            Expect::Enriched,
        ),
        (
            "emoji",
            json(
                serde_json::json!({"id": "e", "body": "Fans 👨‍👩‍👧‍👦 cheered 🇺🇦🇫🇷 as 👍🏽 and 🏳️‍🌈 filled the square. \u{FE0F}\u{200D}"}),
            ),
            Expect::Enriched,
        ),
        (
            "html",
            json(
                serde_json::json!({"id": "h", "body": "<script>alert('x')</script><p onclick=\"evil()\">Officials <b>met</b> on Monday.</p><img src=x onerror=alert(1)><!-- --><style>p{}</style>"}),
            ),
            Expect::Enriched,
        ),
        (
            "quotes",
            json(serde_json::json!({"id": "q", "body": "\"".repeat(1_000_000)})),
            Expect::Enriched,
        ),
        (
            "controls",
            json(
                serde_json::json!({"id": "k", "body": "Bell\u{7} escape\u{1b}[31m red\u{1b}[0m form\u{c}feed\u{85}next\u{2028}line\u{2029}para."}),
            ),
            Expect::Enriched,
        ),
    ]
}

fn header(headers: &async_nats::HeaderMap, name: &str) -> String {
    headers
        .get(name)
        .map(|v| v.as_str().to_string())
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_corpus_ends_enriched_or_dead_lettered_and_the_worker_keeps_running() {
    let server = NatsServer::start_with_config("max_payload: 16MB\n");
    let env = [
        ("WIRE__LIMITS__MAX_PAYLOAD_BYTES", "8000000"),
        ("WIRE__LIMITS__MAX_BODY_CHARS", "8000000"),
        ("WIRE__DELIVERY__NAK_DELAY_MS", "100"),
        ("WIRE__DELIVERY__NAK_DELAY_MAX_MS", "400"),
    ];
    let worker = Worker::spawn(settings(&server.url(), &env));
    let client = client(&server.url()).await;
    let js = jetstream::new(client.clone());
    consumer_ready(&js).await;

    let corpus = corpus();
    for (name, payload, _) in &corpus {
        js.publish(format!("wire.raw.{name}"), payload.clone())
            .await
            .expect("sent")
            .await
            .unwrap_or_else(|e| panic!("{name} stored: {e}"));
    }
    consumer_settled(&js, Duration::from_secs(50)).await;

    let mut outcomes: HashMap<String, Vec<String>> = HashMap::new();
    for m in messages(&js, "WIRE_ENRICHED").await {
        let name = m.subject.rsplit('.').next().unwrap_or_default().to_string();
        let record: serde_json::Value = serde_json::from_slice(&m.payload).expect("record is JSON");
        assert!(
            record["ninjs"]["bodies"][0]["value"].is_string(),
            "{name}: body"
        );
        if m.payload.len() < 200_000 {
            assert_valid_record(&record);
        }
        outcomes.entry(name).or_default().push("enriched".into());
    }
    for m in messages(&js, "WIRE_DLQ").await {
        let original = header(&m.headers, "Wire-Original-Subject");
        let name = original.rsplit('.').next().unwrap_or_default().to_string();
        let kind = header(&m.headers, "Wire-Error-Kind");
        assert!(!kind.is_empty(), "{name}: dead letter has a kind");
        assert!(
            !header(&m.headers, "Wire-Error").is_empty(),
            "{name}: and a reason"
        );
        outcomes
            .entry(name)
            .or_default()
            .push(format!("dead:{kind}"));
    }
    let mut report = Vec::new();
    for (name, _, expect) in &corpus {
        let got = outcomes.remove(*name).unwrap_or_default();
        report.push(format!("{name}: {got:?}"));
        assert_eq!(got.len(), 1, "{name} ends exactly once: {got:?}");
        match expect {
            Expect::Enriched => assert_eq!(got[0], "enriched", "{name}"),
            Expect::Dead(kind) => assert_eq!(got[0], format!("dead:{kind}"), "{name}"),
        }
    }
    assert!(outcomes.is_empty(), "unexpected outputs: {outcomes:?}");
    eprintln!("{}", report.join("\n"));

    // Still running and healthy: a plain article goes through.
    assert_eq!(worker.ready_status().await, 200);
    js.publish(
        "wire.raw.after",
        Bytes::from(r#"{"id":"after","body":"Officials met on Monday."}"#),
    )
    .await
    .expect("sent")
    .await
    .expect("stored");
    consumer_settled(&js, Duration::from_secs(10)).await;
    let after = messages(&js, "WIRE_ENRICHED").await;
    assert!(
        after
            .iter()
            .any(|m| m.subject.as_str() == "wire.enriched.after")
    );
    worker.stop().await;
}
