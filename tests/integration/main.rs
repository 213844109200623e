//! Integration tests on a real nats-server: each test starts its own server
//! on a random loopback port and its own worker(s).

mod deploy;
mod docs;
mod faults;
mod golden;
mod hostile;
mod ops;
mod reload;
mod security;
mod support;

use std::collections::HashSet;
use std::time::{Duration, Instant};

use async_nats::HeaderMap;
use async_nats::jetstream;
use bytes::Bytes;
use futures::StreamExt;
use support::*;

fn article(id: &str, body: &str) -> Bytes {
    Bytes::from(
        serde_json::json!({"id": id, "headline": format!("Story {id}"), "body": body}).to_string(),
    )
}

async fn publish_confirmed(js: &jetstream::Context, subject: &str, payload: Bytes) {
    js.publish(subject.to_string(), payload)
        .await
        .expect("publish sent")
        .await
        .expect("publish stored");
}

/// Publishes many payloads with up to 512 PubAcks outstanding.
async fn publish_many(js: &jetstream::Context, subject: &str, payloads: Vec<Bytes>) {
    let mut acks = futures::stream::FuturesUnordered::new();
    for payload in payloads {
        let ack = js
            .publish(subject.to_string(), payload)
            .await
            .expect("publish sent");
        acks.push(ack.into_future());
        if acks.len() >= 512 {
            acks.next().await.expect("ack").expect("stored");
        }
    }
    while let Some(ack) = acks.next().await {
        ack.expect("stored");
    }
}

fn header(headers: &HeaderMap, name: &str) -> String {
    headers
        .get(name)
        .map(|v| v.as_str().to_string())
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_and_plain_text_articles_are_enriched_with_msg_ids() {
    let server = NatsServer::start();
    let worker = Worker::spawn(settings(&server.url(), &[]));
    let client = client(&server.url()).await;
    let js = jetstream::new(client.clone());
    consumer_ready(&js).await;
    let mut sub = client
        .subscribe("wire.enriched.>")
        .await
        .expect("subscribe");

    let json = r#"{"id":"ap-1","source":"ap","headline":"Talks","body":"WASHINGTON -- Leaders met on \"Friday\".","language":"en","desk":"world"}"#;
    publish_confirmed(&js, "wire.raw.ap", Bytes::from(json)).await;
    publish_confirmed(
        &js,
        "wire.raw.reuters",
        Bytes::from("LONDON (Reuters) - Markets rose on Monday."),
    )
    .await;

    let mut got = Vec::new();
    for _ in 0..2 {
        let msg = tokio::time::timeout(Duration::from_secs(10), sub.next())
            .await
            .expect("record arrives")
            .expect("subscription open");
        got.push(msg);
    }
    got.sort_by(|a, b| a.subject.cmp(&b.subject));
    assert_eq!(got[0].subject.as_str(), "wire.enriched.ap");
    assert_eq!(got[1].subject.as_str(), "wire.enriched.reuters");
    for msg in &got {
        let record: serde_json::Value =
            serde_json::from_slice(&msg.payload).expect("record is JSON");
        assert_valid_record(&record);
        let msg_id = header(msg.headers.as_ref().expect("headers"), "Nats-Msg-Id");
        let uri = record["ninjs"]["uri"].as_str().expect("uri");
        let sha = record["enrichment"]["source"]["rawSha256"]
            .as_str()
            .expect("sha");
        assert_eq!(msg_id, format!("{uri}@{}", &sha[..16]));
    }
    let ap: serde_json::Value = serde_json::from_slice(&got[0].payload).expect("json");
    assert_eq!(ap["ninjs"]["uri"], "urn:wire:ap:ap-1");
    assert_eq!(
        ap["ninjs"]["bodies"][0]["value"],
        "WASHINGTON — Leaders met on “Friday”."
    );
    assert_eq!(ap["enrichment"]["source"]["extra"]["desk"], "world");
    assert_eq!(ap["enrichment"]["source"]["subject"], "wire.raw.ap");
    let plain: serde_json::Value = serde_json::from_slice(&got[1].payload).expect("json");
    assert_eq!(plain["enrichment"]["source"]["idSource"], "bodyHash");
    assert_eq!(plain["ninjs"]["located"], "London");

    consumer_settled(&js, Duration::from_secs(10)).await;
    assert_eq!(message_count(&js, "WIRE_ENRICHED").await, 2);
    worker.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_is_dead_lettered_with_reasons_and_terminated() {
    let server = NatsServer::start();
    let worker = Worker::spawn(settings(
        &server.url(),
        &[("WIRE__LIMITS__MAX_PAYLOAD_BYTES", "2048")],
    ));
    let client = client(&server.url()).await;
    let js = jetstream::new(client.clone());
    consumer_ready(&js).await;

    let oversize = Bytes::from(format!("{{\"body\":\"{}\"}}", "x".repeat(4000)));
    let cases: Vec<(&str, Bytes, &str)> = vec![
        (
            "wire.raw.a",
            Bytes::from_static(b"caf\xe9 \xff\xfe"),
            "not_utf8",
        ),
        (
            "wire.raw.b",
            Bytes::from_static(b"{\"id\": \"x\", \"body\": "),
            "malformed_json",
        ),
        (
            "wire.raw.c",
            Bytes::from_static(b"{\"id\": \"y\", \"body\": \"\"}"),
            "no_body",
        ),
        ("wire.raw.d", oversize, "too_large"),
    ];
    for (subject, payload, _) in &cases {
        publish_confirmed(&js, subject, payload.clone()).await;
    }
    consumer_settled(&js, Duration::from_secs(10)).await;

    let dead = messages(&js, "WIRE_DLQ").await;
    assert_eq!(dead.len(), cases.len());
    for (subject, payload, kind) in &cases {
        let msg = dead
            .iter()
            .find(|m| header(&m.headers, "Wire-Original-Subject") == *subject)
            .unwrap_or_else(|| panic!("dead letter for {subject}"));
        let source = subject.rsplit('.').next().expect("token");
        assert_eq!(msg.subject.as_str(), format!("wire.dlq.{source}"));
        assert_eq!(&msg.payload, payload, "original bytes kept");
        assert_eq!(header(&msg.headers, "Wire-Error-Kind"), *kind);
        assert!(!header(&msg.headers, "Wire-Error").is_empty());
        assert_eq!(header(&msg.headers, "Wire-Delivered"), "1");
    }
    assert_eq!(message_count(&js, "WIRE_ENRICHED").await, 0);
    // Terminated, not left for redelivery.
    let info = consumer_info(&js).await;
    assert_eq!(
        (info.num_pending, info.num_ack_pending, info.num_redelivered),
        (0, 0, 0)
    );
    assert_eq!(worker.stats.dead_lettered(), 4);
    worker.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redelivered_article_is_stored_once_and_a_correction_again() {
    let server = NatsServer::start();
    let worker = Worker::spawn(settings(&server.url(), &[]));
    let client = client(&server.url()).await;
    let js = jetstream::new(client.clone());
    consumer_ready(&js).await;

    let original = article("story-7", "The minister resigned on Tuesday.");
    publish_confirmed(&js, "wire.raw.ap", original.clone()).await;
    publish_confirmed(&js, "wire.raw.ap", original).await;
    consumer_settled(&js, Duration::from_secs(10)).await;
    assert_eq!(message_count(&js, "WIRE_ENRICHED").await, 1);

    publish_confirmed(
        &js,
        "wire.raw.ap",
        article("story-7", "The minister resigned on Wednesday."),
    )
    .await;
    consumer_settled(&js, Duration::from_secs(10)).await;
    let stored = messages(&js, "WIRE_ENRICHED").await;
    assert_eq!(stored.len(), 2);
    let ids: HashSet<String> = stored
        .iter()
        .map(|m| header(&m.headers, "Nats-Msg-Id"))
        .collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.iter().all(|id| id.starts_with("urn:wire:ap:story-7@")));
    worker.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_replicas_share_the_jetstream_consumer() {
    let server = NatsServer::start();
    let env = [("WIRE__DELIVERY__BATCH_SIZE", "16")];
    let a = Worker::spawn(settings(&server.url(), &env));
    let b = Worker::spawn(settings(&server.url(), &env));
    let client = client(&server.url()).await;
    let js = jetstream::new(client.clone());
    consumer_ready(&js).await;

    let n = 2000;
    let payloads = (0..n)
        .map(|i| {
            article(
                &format!("a-{i}"),
                &format!("Article number {i} reports that the council met again."),
            )
        })
        .collect();
    publish_many(&js, "wire.raw.ap", payloads).await;
    consumer_settled(&js, Duration::from_secs(60)).await;

    let stored = messages(&js, "WIRE_ENRICHED").await;
    assert_eq!(stored.len(), n);
    let ids: HashSet<String> = stored
        .iter()
        .map(|m| header(&m.headers, "Nats-Msg-Id"))
        .collect();
    assert_eq!(ids.len(), n);
    let (done_a, done_b) = (a.stats.enriched(), b.stats.enriched());
    assert!(
        done_a > 0 && done_b > 0,
        "both replicas worked: {done_a} + {done_b}"
    );
    a.stop().await;
    b.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_replicas_share_a_core_queue_group() {
    let server = NatsServer::start();
    let env = [("WIRE__DELIVERY__MODE", "core")];
    let a = Worker::spawn(settings(&server.url(), &env));
    let b = Worker::spawn(settings(&server.url(), &env));
    let client = client(&server.url()).await;
    let mut sub = client
        .subscribe("wire.enriched.>")
        .await
        .expect("subscribe");

    // Probe until both replicas have joined the queue group.
    let mut probes = 0;
    wait_until(
        Duration::from_secs(15),
        "both core replicas subscribed",
        || {
            probes += 1;
            let client = client.clone();
            let (ra, rb) = (a.stats.received.get(), b.stats.received.get());
            let probe = article(&format!("probe-{probes}"), "Probe.");
            async move {
                if ra > 0 && rb > 0 {
                    return true;
                }
                client.publish("wire.raw.ap", probe).await.expect("probe");
                false
            }
        },
    )
    .await;

    let n = 2000;
    for i in 0..n {
        client
            .publish(
                "wire.raw.ap",
                article(&format!("c-{i}"), &format!("Core article {i}.")),
            )
            .await
            .expect("publish");
    }
    client.flush().await.expect("flush");
    let mut seen = HashSet::new();
    let mut duplicates = 0;
    let deadline = Instant::now() + Duration::from_secs(30);
    while seen.len() < n && Instant::now() < deadline {
        let Ok(Some(msg)) = tokio::time::timeout(Duration::from_secs(5), sub.next()).await else {
            break;
        };
        let id = header(msg.headers.as_ref().expect("headers"), "Nats-Msg-Id");
        if id.contains(":probe-") {
            continue;
        }
        if !seen.insert(id) {
            duplicates += 1;
        }
    }
    // Anything late would be a duplicate: give it a moment to show up.
    while let Ok(Some(msg)) = tokio::time::timeout(Duration::from_millis(300), sub.next()).await {
        let id = header(msg.headers.as_ref().expect("headers"), "Nats-Msg-Id");
        if !id.contains(":probe-") && !seen.insert(id) {
            duplicates += 1;
        }
    }
    assert_eq!((seen.len(), duplicates), (n, 0));
    assert_eq!(
        a.stats.slow_consumer_events.get() + b.stats.slow_consumer_events.get(),
        0
    );
    a.stop().await;
    b.stop().await;
}

/// The binary, stopped with SIGTERM while articles flow, exits 0 within the
/// grace period; after a restart every article is stored exactly once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_mid_stream_then_restart_loses_and_duplicates_nothing() {
    let server = NatsServer::start();
    let grace_ms = 5000u64;
    // Killed when dropped, so a failed assertion leaves no worker behind.
    struct Worker(std::process::Child);
    impl Drop for Worker {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let spawn = || {
        let child = std::process::Command::new(bin())
            .arg("run")
            .env("NATS_URL", server.url())
            .env("WIRE__HTTP__LISTEN", "127.0.0.1:0")
            .env("WIRE__SHUTDOWN__GRACE_PERIOD_MS", grace_ms.to_string())
            .env("WIRE__LOG__FORMAT", "json")
            .env("RUST_LOG", "warn")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("worker binary starts");
        Worker(child)
    };
    let mut worker = spawn();
    let client = client(&server.url()).await;
    let js = jetstream::new(client.clone());
    consumer_ready(&js).await;

    let n = 5000usize;
    let producer = {
        let js = js.clone();
        tokio::spawn(async move {
            for chunk in 0..(n / 250) {
                let payloads = (chunk * 250..(chunk + 1) * 250)
                    .map(|i| {
                        article(
                            &format!("t-{i}"),
                            &format!("Story {i}: the committee voted on the plan."),
                        )
                    })
                    .collect();
                publish_many(&js, "wire.raw.ap", payloads).await;
                tokio::time::sleep(Duration::from_millis(40)).await;
            }
        })
    };
    wait_until(Duration::from_secs(30), "some records", || {
        let js = js.clone();
        async move { message_count(&js, "WIRE_ENRICHED").await >= 500 }
    })
    .await;

    let pid = worker.0.id().to_string();
    let sent = Instant::now();
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill runs");
    assert!(status.success());
    let exit = loop {
        if let Some(exit) = worker.0.try_wait().expect("wait") {
            break exit;
        }
        assert!(
            sent.elapsed() < Duration::from_millis(grace_ms + 2000),
            "worker did not exit within the grace period"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert!(exit.success(), "worker exit status {exit:?}");
    let mid = message_count(&js, "WIRE_ENRICHED").await;

    producer.await.expect("producer finishes");
    let _worker = spawn();
    consumer_settled(&js, Duration::from_secs(60)).await;
    let stored = messages(&js, "WIRE_ENRICHED").await;
    let ids: HashSet<String> = stored
        .iter()
        .map(|m| header(&m.headers, "Nats-Msg-Id"))
        .collect();
    assert!(
        mid < n as u64,
        "the stop happened mid-stream ({mid} of {n} done)"
    );
    assert_eq!((stored.len(), ids.len()), (n, n));
    assert_eq!(message_count(&js, "WIRE_DLQ").await, 0);
}
