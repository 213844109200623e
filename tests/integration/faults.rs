//! Fault tests: the server or the output goes away mid-stream, and every
//! article still ends exactly once in WIRE_ENRICHED.

use std::collections::HashSet;
use std::time::Duration;

use async_nats::jetstream;
use bytes::Bytes;

use crate::support::*;

fn article(i: usize) -> Bytes {
    Bytes::from(
        serde_json::json!({"id": format!("f-{i}"), "body": format!("Report {i}: officials met on Monday to discuss the budget.")})
            .to_string(),
    )
}

/// Publishes `n` articles one by one, retrying each until it is stored; the
/// input `Nats-Msg-Id` makes a retried publish idempotent.
async fn produce_through_outages(js: jetstream::Context, n: usize) {
    for i in 0..n {
        loop {
            let mut headers = async_nats::HeaderMap::new();
            headers.insert("Nats-Msg-Id", format!("in-{i}").as_str());
            match js
                .publish_with_headers("wire.raw.ap", headers, article(i))
                .await
            {
                Ok(ack) => match ack.await {
                    Ok(_) => break,
                    Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
                },
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
    }
}

fn distinct_msg_ids(stored: &[async_nats::jetstream::message::StreamMessage]) -> usize {
    stored
        .iter()
        .filter_map(|m| m.headers.get("Nats-Msg-Id").map(|v| v.as_str().to_string()))
        .collect::<HashSet<_>>()
        .len()
}

/// nats-server is SIGKILLed mid-stream and restarted on the same port and
/// store: the worker reconnects by itself, `/readyz` is 503 during the outage
/// and 200 after, and nothing is lost or stored twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_crash_and_restart() {
    let mut server = NatsServer::start();
    let worker = Worker::spawn(settings(&server.url(), &[]));
    let client = client(&server.url()).await;
    let js = jetstream::new(client.clone());
    consumer_ready(&js).await;
    wait_until(Duration::from_secs(10), "ready", || async {
        worker.ready_status().await == 200
    })
    .await;

    let n = 3000;
    let producer = tokio::spawn(produce_through_outages(js.clone(), n));
    wait_until(Duration::from_secs(30), "first records", || {
        let js = js.clone();
        async move { message_count(&js, "WIRE_ENRICHED").await >= 300 }
    })
    .await;

    server.kill();
    wait_until(Duration::from_secs(10), "readiness to drop", || async {
        worker.ready_status().await == 503
    })
    .await;
    let (_, body) = http_get(worker.http_addr().await, "/readyz")
        .await
        .expect("readyz");
    assert!(body.contains("not connected"), "{body}");
    tokio::time::sleep(Duration::from_millis(500)).await;
    server.restart();
    wait_until(Duration::from_secs(20), "readiness to return", || async {
        worker.ready_status().await == 200
    })
    .await;

    tokio::time::timeout(Duration::from_secs(60), producer)
        .await
        .expect("producer finishes")
        .expect("producer task");
    consumer_settled(&js, Duration::from_secs(60)).await;
    let stored = messages(&js, "WIRE_ENRICHED").await;
    assert_eq!((stored.len(), distinct_msg_ids(&stored)), (n, n));
    assert_eq!(message_count(&js, "WIRE_DLQ").await, 0);
    assert!(worker.stats.reconnects.get() >= 1);
    let (status, metrics) = http_get(worker.http_addr().await, "/metrics")
        .await
        .expect("metrics");
    assert_eq!(status, 200);
    assert!(metrics.contains("wire_reconnects_total"), "{metrics}");
    worker.stop().await;
}

/// The output stream is deleted mid-stream: publishes fail, inputs are
/// Nak'ed with growing delay, and once the stream is back everything is
/// processed; nothing lost, nothing dead-lettered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn output_stream_unavailable_then_back() {
    let server = NatsServer::start();
    let env = [
        ("WIRE__DELIVERY__NAK_DELAY_MS", "100"),
        ("WIRE__DELIVERY__NAK_DELAY_MAX_MS", "400"),
        ("WIRE__DELIVERY__MAX_DELIVER", "-1"),
    ];
    let worker = Worker::spawn(settings(&server.url(), &env));
    let client = client(&server.url()).await;
    let js = jetstream::new(client.clone());
    consumer_ready(&js).await;
    let output = stream(&js, "WIRE_ENRICHED").await;
    let config = output.cached_info().config.clone();
    js.delete_stream("WIRE_ENRICHED")
        .await
        .expect("delete output stream");

    let n = 200;
    produce_through_outages(js.clone(), n).await;
    wait_until(Duration::from_secs(20), "retries", || async {
        worker.stats.retried() >= 20
    })
    .await;
    assert_eq!(worker.stats.enriched(), 0);

    js.create_stream(config)
        .await
        .expect("recreate output stream");
    consumer_settled(&js, Duration::from_secs(60)).await;
    let stored = messages(&js, "WIRE_ENRICHED").await;
    assert_eq!((stored.len(), distinct_msg_ids(&stored)), (n, n));
    assert_eq!(message_count(&js, "WIRE_DLQ").await, 0);
    worker.stop().await;
}

/// A message whose record the output stream always refuses (too large for
/// the stream's `max_msg_size`) is tried exactly `max_deliver` times, then
/// dead-lettered with the reason; the others keep flowing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn poison_message_is_dead_lettered_after_max_deliver() {
    let server = NatsServer::start();
    let env = [
        ("WIRE__DELIVERY__NAK_DELAY_MS", "50"),
        ("WIRE__DELIVERY__NAK_DELAY_MAX_MS", "100"),
        ("WIRE__DELIVERY__MAX_DELIVER", "3"),
    ];
    let worker = Worker::spawn(settings(&server.url(), &env));
    let client = client(&server.url()).await;
    let js = jetstream::new(client.clone());
    consumer_ready(&js).await;
    let output = stream(&js, "WIRE_ENRICHED").await;
    let mut config = output.cached_info().config.clone();
    config.max_message_size = 20_000;
    js.update_stream(config)
        .await
        .expect("limit output message size");

    let poison = Bytes::from(
        serde_json::json!({"id": "poison", "body": "word ".repeat(10_000)}).to_string(),
    );
    js.publish("wire.raw.ap", poison.clone())
        .await
        .expect("sent")
        .await
        .expect("stored");
    for i in 0..50 {
        js.publish("wire.raw.ap", article(i))
            .await
            .expect("sent")
            .await
            .expect("stored");
    }
    consumer_settled(&js, Duration::from_secs(30)).await;

    assert_eq!(message_count(&js, "WIRE_ENRICHED").await, 50);
    let dead = messages(&js, "WIRE_DLQ").await;
    assert_eq!(dead.len(), 1);
    let letter = &dead[0];
    assert_eq!(letter.payload, poison);
    let header = |name: &str| {
        letter
            .headers
            .get(name)
            .map(|v| v.as_str().to_string())
            .unwrap_or_default()
    };
    assert_eq!(header("Wire-Error-Kind"), "max_deliver");
    assert_eq!(header("Wire-Delivered"), "3");
    assert!(
        header("Wire-Error").contains("failed 3 times"),
        "{}",
        header("Wire-Error")
    );
    assert_eq!(worker.stats.retried(), 2, "two naks, then the dead letter");
    worker.stop().await;
}
