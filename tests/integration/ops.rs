//! What operators watch: the stats feed on `wire.stats.<worker>`, the status
//! report behind the page, and the page itself.

use std::path::Path;
use std::time::Duration;

use async_nats::jetstream;
use bytes::Bytes;
use futures::StreamExt;

use crate::support::*;

fn stats_validator() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/stats.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("schema file")).expect("json");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("stats schema compiles")
}

fn assert_valid_stats(validator: &jsonschema::Validator, record: &serde_json::Value) {
    let errors: Vec<String> = validator
        .iter_errors(record)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "stats record invalid: {errors:?}\n{record:#}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stats_feed_records_follow_the_schema_and_add_up_to_what_was_processed() {
    let server = NatsServer::start();
    let client = client(&server.url()).await;
    let mut feed = client.subscribe("wire.stats.>").await.expect("subscribe");
    let worker = Worker::spawn(settings(
        &server.url(),
        &[
            ("WIRE__STATS__INTERVAL_MS", "1000"),
            ("WIRE__STATS__WORKER_ID", "feed-test"),
        ],
    ));
    let js = jetstream::new(client.clone());
    consumer_ready(&js).await;
    for i in 0..5 {
        let body = format!("TOKYO -- Story number {i} about trade talks on Friday.");
        let payload = serde_json::json!({"id": format!("s-{i}"), "body": body}).to_string();
        js.publish("wire.raw.feed", Bytes::from(payload))
            .await
            .expect("sent")
            .await
            .expect("stored");
    }
    js.publish("wire.raw.feed", Bytes::from_static(b"{\"body\": 1}"))
        .await
        .expect("sent")
        .await
        .expect("stored");

    let validator = stats_validator();
    let (mut enriched, mut dead, mut records) = (0, 0, 0);
    let mut last_end: Option<String> = None;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while enriched < 5 || dead < 1 {
        let msg = tokio::time::timeout_at(deadline, feed.next())
            .await
            .unwrap_or_else(|_| panic!("feed stalled at {enriched} enriched, {dead} dead"))
            .expect("subscription open");
        assert_eq!(msg.subject.as_str(), "wire.stats.feed-test");
        let record: serde_json::Value = serde_json::from_slice(&msg.payload).expect("json");
        assert_valid_stats(&validator, &record);
        assert_eq!(record["worker"], "feed-test");
        assert!(
            record["window"].get("series").is_none(),
            "feed has no series"
        );
        // Consecutive records tile time: each starts where the last ended.
        if let Some(end) = &last_end {
            assert_eq!(record["window"]["start"].as_str(), Some(end.as_str()));
        }
        last_end = record["window"]["end"].as_str().map(str::to_string);
        enriched += record["window"]["enriched"].as_u64().expect("count");
        dead += record["window"]["deadLettered"].as_u64().expect("count");
        records += 1;
    }
    assert_eq!((enriched, dead), (5, 1), "after {records} records");

    // The page's report: same schema, with a series, totals equal to /metrics.
    let addr = worker.http_addr().await;
    wait_until(
        Duration::from_secs(5),
        "status report totals",
        || async move {
            let (_, body) = http_get(addr, "/status.json").await.unwrap_or_default();
            serde_json::from_str::<serde_json::Value>(&body)
                .map(|r| r["totals"]["enriched"] == 5 && r["totals"]["deadLettered"] == 1)
                .unwrap_or(false)
        },
    )
    .await;
    let (status, body) = http_get(addr, "/status.json").await.expect("status.json");
    assert_eq!(status, 200);
    let report: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_valid_stats(&validator, &report);
    assert!(
        !report["window"]["series"]
            .as_array()
            .expect("series")
            .is_empty()
    );
    assert_eq!(report["totals"]["deadLetteredByKind"]["field_type"], 1);
    let (_, metrics) = http_get(addr, "/metrics").await.expect("metrics");
    assert!(metrics.contains("wire_articles_total{outcome=\"enriched\"} 5"));

    let (status, page) = http_get(addr, "/").await.expect("page");
    assert_eq!(status, 200);
    assert!(page.contains("<title>wire-enricher status</title>") && page.contains("EventSource"));
    worker.stop().await;
}

/// Reads from `stream` until `buf` holds a complete `report` event; returns
/// its data as JSON.
async fn next_report(stream: &mut tokio::net::TcpStream, buf: &mut String) -> serde_json::Value {
    use tokio::io::AsyncReadExt;
    loop {
        if let Some(at) = buf.find("event: report\ndata: ") {
            let rest = &buf[at + "event: report\ndata: ".len()..];
            if let Some(end) = rest.find("\n\n") {
                let json = serde_json::from_str(&rest[..end]).expect("report is JSON");
                let consumed = at + "event: report\ndata: ".len() + end + 2;
                buf.drain(..consumed);
                return json;
            }
        }
        let mut chunk = [0u8; 16384];
        let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut chunk))
            .await
            .expect("an event within 5 s")
            .expect("read");
        assert!(n > 0, "event stream closed early:\n{buf}");
        buf.push_str(&String::from_utf8_lossy(&chunk[..n]));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_stream_a_report_now_and_every_second_and_end_at_shutdown() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let server = NatsServer::start();
    let worker = Worker::spawn(settings(&server.url(), &[("WIRE__DELIVERY__MODE", "core")]));
    let addr = worker.http_addr().await;
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    stream
        .write_all(format!("GET /events HTTP/1.1\r\nHost: {addr}\r\n\r\n").as_bytes())
        .await
        .expect("request");
    let mut buf = String::new();
    let first = next_report(&mut stream, &mut buf).await;
    assert!(
        buf.is_empty() || !buf.contains("HTTP/1.1"),
        "headers consumed"
    );
    let second = next_report(&mut stream, &mut buf).await;
    assert_eq!(first["mode"], "core");
    assert_ne!(
        first["window"]["end"], second["window"]["end"],
        "a new report each second"
    );
    assert!(
        second["window"]["series"].as_array().expect("series").len() >= 10,
        "the page's report carries a per-second series"
    );

    // An open event stream does not hold up shutdown; it ends with it.
    worker.stop().await;
    let mut rest = Vec::new();
    let end = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut rest)).await;
    assert!(end.is_ok(), "event stream still open after shutdown");
}
