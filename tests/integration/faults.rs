//! Fault tests: a worker, the server, a cluster node or the output goes away
//! mid-stream, or processing outlasts `ack_wait`, and every article still ends
//! exactly once in WIRE_ENRICHED or WIRE_DLQ.

use std::collections::{HashMap, HashSet};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use async_nats::jetstream;
use bytes::Bytes;
use futures::StreamExt;
use rand::{Rng, SeedableRng};

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

/// Every message of a stream as (`Nats-Msg-Id`, payload), read with an
/// ordered consumer (one request per message is too slow for 20,000).
async fn stored(js: &jetstream::Context, name: &str) -> Vec<(String, Bytes)> {
    let Ok(mut stream) = js.get_stream(name).await else {
        return Vec::new();
    };
    let count = stream.info().await.expect("stream info").state.messages as usize;
    if count == 0 {
        return Vec::new();
    }
    let consumer = stream
        .create_consumer(jetstream::consumer::pull::OrderedConfig::default())
        .await
        .expect("ordered consumer");
    let mut messages = consumer.messages().await.expect("messages").take(count);
    let mut out = Vec::with_capacity(count);
    while let Some(next) = tokio::time::timeout(Duration::from_secs(20), messages.next())
        .await
        .unwrap_or_else(|_| panic!("{name}: read {} of {count} in time", out.len()))
    {
        let m = next.expect("message");
        let id = m
            .headers
            .as_ref()
            .and_then(|h| h.get("Nats-Msg-Id"))
            .map(|v| v.as_str().to_string())
            .unwrap_or_default();
        out.push((id, m.payload.clone()));
    }
    out
}

/// The input id of every message in WIRE_ENRICHED (from the record) and
/// WIRE_DLQ (from the original payload), and how often each occurs. Also
/// checks that each stream's messages carry distinct `Nats-Msg-Id`s.
async fn outputs_by_input_id(js: &jetstream::Context) -> HashMap<String, usize> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (name, id_at) in [
        ("WIRE_ENRICHED", "/enrichment/source/id"),
        ("WIRE_DLQ", "/id"),
    ] {
        let messages = stored(js, name).await;
        let ids: HashSet<&String> = messages.iter().map(|(id, _)| id).collect();
        assert_eq!(
            ids.len(),
            messages.len(),
            "{name}: every message has its own Nats-Msg-Id"
        );
        for (_, payload) in &messages {
            let value: serde_json::Value =
                serde_json::from_slice(payload).unwrap_or(serde_json::Value::Null);
            let id = value
                .pointer(id_at)
                .and_then(|v| v.as_str())
                .map(str::to_string)
                .unwrap_or_else(|| format!("<unreadable {name} message>"));
            *seen.entry(id).or_default() += 1;
        }
    }
    seen
}

/// The invariant: ids `f-0` … `f-{n-1}` each appear exactly once across
/// WIRE_ENRICHED and WIRE_DLQ, and nothing else does.
async fn assert_each_input_exactly_once(js: &jetstream::Context, n: usize) {
    let seen = outputs_by_input_id(js).await;
    let missing: Vec<String> = (0..n)
        .map(|i| format!("f-{i}"))
        .filter(|id| !seen.contains_key(id))
        .take(10)
        .collect();
    let twice: Vec<(&String, &usize)> = seen.iter().filter(|(_, c)| **c > 1).take(10).collect();
    assert!(missing.is_empty(), "missing outputs, e.g. {missing:?}");
    assert!(twice.is_empty(), "stored more than once, e.g. {twice:?}");
    assert_eq!(seen.len(), n, "no outputs beyond the inputs");
    let total = message_count(js, "WIRE_ENRICHED").await + message_count(js, "WIRE_DLQ").await;
    assert_eq!(total, n as u64, "stream message counts");
}

/// Publishes `f-0` … `f-{n-1}` with up to 512 PubAcks outstanding.
async fn publish_articles(js: jetstream::Context, n: usize) {
    crate::publish_many(&js, "wire.raw.ap", (0..n).map(article).collect()).await;
}

/// Records plus dead letters stored so far.
async fn done_count(js: &jetstream::Context) -> u64 {
    message_count(js, "WIRE_ENRICHED").await + message_count(js, "WIRE_DLQ").await
}

/// A replica: the worker binary as a child process, SIGKILLed on drop.
struct Replica {
    child: Child,
}

impl Replica {
    fn spawn(url: &str, env: &[(&str, &str)]) -> Replica {
        let child = Command::new(bin())
            .arg("run")
            .env("NATS_URL", url)
            .env("WIRE__HTTP__LISTEN", "127.0.0.1:0")
            .env("WIRE__LOG__FORMAT", "json")
            .env("RUST_LOG", "error")
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("worker binary starts");
        Replica { child }
    }

    /// SIGKILL: no shutdown, no acks, no flush.
    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        self.kill();
    }
}

/// `n` articles through two replica processes of the binary; at five moments
/// drawn from a seeded RNG (as fractions of the stream done) one replica,
/// also drawn, is SIGKILLed and started again. Every article ends exactly
/// once across WIRE_ENRICHED and WIRE_DLQ.
async fn replicas_killed_at_random_moments(n: usize, seed: u64) {
    let server = NatsServer::start();
    // Unacked work of a killed replica comes back after ack_wait: keep it short.
    let env = [("WIRE__DELIVERY__ACK_WAIT_MS", "2000")];
    let mut replicas = [
        Replica::spawn(&server.url(), &env),
        Replica::spawn(&server.url(), &env),
    ];
    let client = client(&server.url()).await;
    let js = jetstream::new(client.clone());
    consumer_ready(&js).await;

    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let mut moments: Vec<u64> = (0..5)
        .map(|_| rng.random_range(n as u64 / 20..n as u64 * 9 / 10))
        .collect();
    moments.sort_unstable();
    let victims: Vec<usize> = (0..5).map(|_| rng.random_range(0..2)).collect();
    eprintln!("seed {seed}: kill replicas {victims:?} at {moments:?} of {n} done");

    let started = Instant::now();
    let producer = tokio::spawn(publish_articles(js.clone(), n));
    // Generous for the debug build on shared cores; the CI size takes ~40 s.
    let per_stage = Duration::from_secs(30 + n as u64 / 100);
    for (moment, victim) in moments.iter().zip(&victims) {
        let deadline = Instant::now() + per_stage;
        loop {
            let done = done_count(&js).await;
            if done >= *moment {
                assert!(done < n as u64, "kill at {moment} came after the end");
                break;
            }
            assert!(Instant::now() < deadline, "stuck at {done} of {n}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let replica = &mut replicas[*victim];
        assert!(replica.is_running(), "replica {victim} was running");
        replica.kill();
        *replica = Replica::spawn(&server.url(), &env);
    }
    tokio::time::timeout(per_stage, producer)
        .await
        .expect("producer finishes")
        .expect("producer task");
    consumer_settled(&js, per_stage).await;
    eprintln!("{n} articles settled in {:?}", started.elapsed());
    assert_each_input_exactly_once(&js, n).await;
    eprintln!("checked after {:?}", started.elapsed());
    for replica in &mut replicas {
        assert!(replica.is_running(), "replicas keep running");
    }
}

/// CI size: 5,000 articles keep the debug build under a minute on two
/// shared cores. The full-size run is `worker_crash_full_size`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn worker_replicas_sigkilled_at_random_moments() {
    replicas_killed_at_random_moments(5_000, seed()).await;
}

/// The size, 20,000 articles (about three minutes on a debug build);
/// run with `cargo test --test integration faults::worker_crash_full_size -- --ignored`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "full size; run explicitly (see RELIABILITY.md)"]
async fn worker_crash_full_size() {
    replicas_killed_at_random_moments(20_000, seed()).await;
}

/// `WIRE_TEST_SEED` reproduces a run; the default is fixed.
fn seed() -> u64 {
    std::env::var("WIRE_TEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_251_126)
}

/// A free loopback port (for cluster routes, which must be known up front).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// Three nats-server nodes routed to each other on loopback, JetStream on.
fn start_cluster() -> Vec<NatsServer> {
    let routes: Vec<u16> = (0..3).map(|_| free_port()).collect();
    (0..3)
        .map(|i| {
            let others: Vec<String> = routes
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, p)| format!("\"nats-route://127.0.0.1:{p}\""))
                .collect();
            NatsServer::start_with_config(&format!(
                "server_name: n{i}\ncluster {{\n  name: wire\n  listen: \"127.0.0.1:{}\"\n  routes: [{}]\n}}\n",
                routes[i],
                others.join(", ")
            ))
        })
        .collect()
}

/// A three-node cluster with R3 streams; the node leading WIRE_RAW is
/// SIGKILLed mid-stream. The worker and the producer fail over to the other
/// nodes and every article ends exactly once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_node_loss_mid_stream() {
    let mut nodes = start_cluster();
    let urls: Vec<String> = nodes.iter().map(NatsServer::url).collect();
    let addrs: Vec<async_nats::ServerAddr> = urls
        .iter()
        .map(|u| u.parse().expect("server address"))
        .collect();
    let client = async_nats::ConnectOptions::new()
        .retry_on_initial_connect()
        .connect(addrs)
        .await
        .expect("test client connects");
    let js = jetstream::new(client.clone());
    // JetStream is usable once the meta group has a leader and all three
    // peers can hold a replica: probe with an R3 stream.
    wait_until(Duration::from_secs(30), "JetStream cluster", || {
        let js = js.clone();
        async move {
            let probe = jetstream::stream::Config {
                name: "PROBE".into(),
                subjects: vec!["probe".into()],
                num_replicas: 3,
                ..Default::default()
            };
            js.get_or_create_stream(probe).await.is_ok()
        }
    })
    .await;
    js.delete_stream("PROBE").await.expect("delete probe");

    let env = [
        ("WIRE__DELIVERY__STREAM_REPLICAS", "3"),
        ("WIRE__DELIVERY__ACK_WAIT_MS", "3000"),
    ];
    let worker = Worker::spawn(settings(&urls.join(","), &env));
    consumer_ready(&js).await;
    for name in ["WIRE_RAW", "WIRE_ENRICHED", "WIRE_DLQ"] {
        let mut stream = stream(&js, name).await;
        let info = stream.info().await.expect("stream info");
        assert_eq!(info.config.num_replicas, 3, "{name} is R3");
    }

    let n = 3000;
    let producer = tokio::spawn(produce_through_outages(js.clone(), n));
    wait_until(Duration::from_secs(30), "first records", || {
        let js = js.clone();
        async move { message_count(&js, "WIRE_ENRICHED").await >= 500 }
    })
    .await;
    let mut raw = stream(&js, "WIRE_RAW").await;
    let leader = raw
        .info()
        .await
        .expect("stream info")
        .cluster
        .clone()
        .and_then(|c| c.leader)
        .expect("WIRE_RAW has a leader");
    let index: usize = leader
        .trim_start_matches('n')
        .parse()
        .expect("node name n<i>");
    nodes[index].kill();
    assert!(
        done_count(&js).await < n as u64,
        "the node went away mid-stream"
    );

    tokio::time::timeout(Duration::from_secs(40), producer)
        .await
        .expect("producer finishes")
        .expect("producer task");
    consumer_settled(&js, Duration::from_secs(40)).await;
    assert_each_input_exactly_once(&js, n).await;
    worker.stop().await;
}

/// A body of plain wire copy big enough that the pipeline, built here as the
/// worker builds it, takes about `about` on this machine and build, and the
/// time it is expected to take: one megabyte is timed and the size scaled
/// from it (processing is linear in size), capped at 24 MB (a record of
/// about 28 MB: the server refused a 40 MB article as too large, JetStream
/// error 10077, though `max_payload` was 64 MB).
fn body_taking(about: Duration) -> (String, Duration) {
    use wire_enricher::article::Limits;
    use wire_enricher::pipeline::{Meta, Pipeline};
    let copy = |len: usize| {
        // Long sentences with no names, quotes or figures: the record is
        // little more than the body (no entity, edit or quote per
        // sentence), so a body slow enough stays under the limit.
        let sentence = "The committee said on that day that the budget talks would resume in the \
                        capital after a long pause over the terms of the proposed agreement and \
                        the schedule for further meetings between the parties and their advisers.";
        let mut body = String::with_capacity(len + 256);
        let mut i = 0;
        while body.len() < len {
            body.push_str(sentence);
            i += 1;
            body.push_str(if i % 8 == 0 { "\n\n" } else { " " });
        }
        body
    };
    let pipeline = Pipeline::new(Limits {
        max_payload_bytes: 64 << 20,
        max_body_chars: 64 << 20,
        max_entities: 1_000,
    });
    let sample = serde_json::json!({"id": "f-0", "body": copy(1 << 20)}).to_string();
    let meta = Meta {
        processed_at: "2026-01-01T00:00:00Z",
        ..Meta::default()
    };
    let started = Instant::now();
    let _ = pipeline.process(sample.as_bytes(), &meta);
    let per_mb = started.elapsed().as_secs_f64().max(1e-3);
    let mb = (about.as_secs_f64() / per_mb).clamp(1.0, 24.0);
    (
        copy((mb * (1 << 20) as f64) as usize),
        Duration::from_secs_f64(mb * per_mb),
    )
}

/// Articles held longer than `ack_wait` are kept by progress acks: each is
/// delivered once and stored once. Nothing is faked: a few large articles
/// wait in the stream, one worker task takes them in one pull and processes
/// them in turn, so the last is in hand for the others' processing time,
/// several times `ack_wait` (sized by measuring, checked from the consumer
/// and the records). One article cannot be made slow enough on a fast
/// machine: the server refuses one much larger than 24 MB (see
/// [`body_taking`]), and the pipeline does 24 MB of plain copy in well
/// under a second.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_processing_is_kept_alive_by_progress_acks() {
    let ack_wait_ms = 1000u64;
    let (body, expected) = tokio::task::spawn_blocking(|| body_taking(Duration::from_millis(600)))
        .await
        .expect("body sized");
    // Enough articles that together they take four times `ack_wait`.
    let articles =
        ((4.0 * ack_wait_ms as f64 / 1000.0 / expected.as_secs_f64()).ceil() as usize).clamp(2, 10);
    eprintln!(
        "{articles} slow articles: {} bytes of body each, about {expected:?} to process",
        body.len()
    );
    // One pull hands the worker more than the default 64 MB a connection
    // may have pending; past it the server drops the client as slow.
    let server = NatsServer::start_with_config("max_payload: 64MB\nmax_pending: 1GB\n");
    let batch = articles.to_string();
    let env = [
        ("WIRE__DELIVERY__ACK_WAIT_MS", "1000"),
        ("WIRE__DELIVERY__WORKERS", "1"),
        ("WIRE__DELIVERY__BATCH_SIZE", batch.as_str()),
        ("WIRE__LIMITS__MAX_PAYLOAD_BYTES", "67108864"),
        ("WIRE__LIMITS__MAX_BODY_CHARS", "67108864"),
    ];
    // The first worker provisions the streams and the consumer; the
    // articles are stored while no worker runs, so the next takes them all.
    let worker = Worker::spawn(settings(&server.url(), &env));
    let client = client(&server.url()).await;
    let js = jetstream::new(client.clone());
    consumer_ready(&js).await;
    worker.stop().await;
    // Its last pull request lapses on the server, so the articles are not
    // handed to a worker that is gone.
    wait_until(Duration::from_secs(10), "pull requests lapsed", || {
        let js = js.clone();
        async move { consumer_info(&js).await.num_waiting == 0 }
    })
    .await;
    for i in 0..articles {
        let payload =
            Bytes::from(serde_json::json!({"id": format!("f-{i}"), "body": body}).to_string());
        js.publish("wire.raw.ap", payload)
            .await
            .expect("sent")
            .await
            .expect("stored");
    }
    let worker = Worker::spawn(settings(&server.url(), &env));
    // How many articles the worker holds at once, watched until it is done.
    let most_in_hand = Arc::new(AtomicUsize::new(0));
    let watch = tokio::spawn({
        let (js, most) = (js.clone(), most_in_hand.clone());
        async move {
            loop {
                most.fetch_max(consumer_info(&js).await.num_ack_pending, Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
    });
    consumer_settled(&js, Duration::from_secs(60)).await;
    watch.abort();
    let most_in_hand = most_in_hand.load(Ordering::Relaxed);

    let stored = messages(&js, "WIRE_ENRICHED").await;
    assert_eq!(stored.len(), articles);
    let records: Vec<serde_json::Value> = stored
        .iter()
        .map(|m| serde_json::from_slice(&m.payload).expect("json"))
        .collect();
    // Each input once (read from these records: the ordered consumer of
    // `assert_each_input_exactly_once` is too slow for records this size).
    let ids: HashSet<&str> = records
        .iter()
        .filter_map(|r| r.pointer("/enrichment/source/id").and_then(|v| v.as_str()))
        .collect();
    let want: Vec<String> = (0..articles).map(|i| format!("f-{i}")).collect();
    assert!(
        ids.len() == articles && want.iter().all(|id| ids.contains(id.as_str())),
        "each input stored once: {ids:?}"
    );
    let took_us: Vec<u64> = records
        .iter()
        .map(|r| {
            r["enrichment"]["pipeline"]["durationUs"]
                .as_u64()
                .expect("durationUs")
        })
        .collect();
    // Processed in turn, the last of the articles held at once was in hand
    // at least as long as the others before it took.
    let fastest_us = took_us.iter().min().copied().unwrap_or(0);
    let held_us = (most_in_hand.saturating_sub(1) as u64) * fastest_us;
    eprintln!("at most {most_in_hand} in hand; the last held at least {held_us} us");
    assert!(
        held_us > 3 * ack_wait_ms * 1000 / 2,
        "precondition: {most_in_hand} articles in hand at once, the last held at least \
         {held_us} us, half as long again as ack_wait ({ack_wait_ms} ms)"
    );
    assert!(worker.stats.progress_acks.get() >= 1, "progress acks sent");
    assert_eq!(worker.stats.redelivered.get(), 0, "never redelivered");
    let info = consumer_info(&js).await;
    assert_eq!(
        info.delivered.consumer_sequence, articles as u64,
        "each delivered exactly once"
    );
    assert_eq!(message_count(&js, "WIRE_DLQ").await, 0);
    worker.stop().await;
}
