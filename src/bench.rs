//! `wire-enricher bench`: the end-to-end load generator.
//!
//! It starts (or uses) a nats-server, runs the worker as separate processes
//! (1 or 2 replicas), publishes N articles from a corpus at a fixed rate or
//! as fast as possible, each stamped with its send time, and measures
//! throughput and publish-to-record latency, plus the workers' peak resident
//! memory and CPU. Every scenario runs twice in the same run — with the real
//! pipeline and with the pass-through pipeline (payload copied unread) — so
//! the report gives `enriched / pass-through`: how close the worker gets to
//! what the transport alone can carry.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context as _, bail};
use bytes::Bytes;
use futures::StreamExt;
use hdrhistogram::Histogram;
use serde::Serialize;

use crate::settings::Mode;

/// What to run.
#[derive(Debug, Clone)]
pub struct BenchOptions {
    pub articles: usize,
    /// Articles per second; `None` publishes as fast as possible.
    pub rate: Option<f64>,
    pub modes: Vec<Mode>,
    pub replicas: Vec<usize>,
    /// Files to take article bodies from (`.jsonl` lines with a `body`, or
    /// whole text files); empty uses the built-in corpus.
    pub corpus: Vec<PathBuf>,
    /// Use this server instead of starting one.
    pub nats_url: Option<String>,
    /// Also measure latency at half the measured enriched throughput.
    pub half_rate_latency: bool,
    /// Skip the pass-through runs (soak).
    pub enriched_only: bool,
    /// Sample throughput and memory this often.
    pub sample_every: Duration,
    /// The worker binary.
    pub worker_exe: PathBuf,
    /// Show a progress bar on stderr.
    pub progress: bool,
}

/// One point of a run's timeline.
#[derive(Debug, Clone, Serialize)]
pub struct Sample {
    pub t_s: f64,
    pub received_per_s: f64,
    pub worker_rss_mb: f64,
}

/// The result of one scenario.
#[derive(Debug, Clone, Serialize)]
pub struct RunResult {
    pub mode: String,
    pub pipeline: String,
    pub replicas: usize,
    pub target_rate: Option<f64>,
    pub sent: usize,
    pub received: usize,
    pub duplicates: usize,
    pub elapsed_s: f64,
    pub throughput_per_s: f64,
    pub latency_ms_p50: f64,
    pub latency_ms_p99: f64,
    pub latency_ms_p999: f64,
    pub latency_ms_max: f64,
    pub worker_peak_rss_mb: f64,
    pub worker_cpu_percent: f64,
    pub per_replica_cpu_percent: Vec<f64>,
    pub timeline: Vec<Sample>,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    pub articles: usize,
    pub corpus_articles: usize,
    pub corpus_mean_body_bytes: usize,
    pub runs: Vec<RunResult>,
    /// enriched / pass-through throughput per mode and replica count.
    pub ratios: Vec<Ratio>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Ratio {
    pub mode: String,
    pub replicas: usize,
    pub enriched_per_s: f64,
    pub passthrough_per_s: f64,
    pub ratio: f64,
}

/// Runs every scenario and returns the report.
pub async fn run(options: &BenchOptions) -> anyhow::Result<BenchReport> {
    let corpus = load_corpus(&options.corpus)?;
    let mean = corpus.iter().map(String::len).sum::<usize>() / corpus.len().max(1);
    let bodies: Vec<String> = corpus
        .iter()
        .map(|b| serde_json::to_string(b).context("encode body"))
        .collect::<anyhow::Result<_>>()?;

    let _server;
    let url = match &options.nats_url {
        Some(url) => url.clone(),
        None => {
            let server = LocalServer::start()?;
            let url = server.url.clone();
            _server = server;
            url
        }
    };
    let client = async_nats::connect(url.as_str())
        .await
        .context("connect to NATS")?;

    let mut runs = Vec::new();
    let mut scenario = 0usize;
    for &mode in &options.modes {
        for &replicas in &options.replicas {
            let pipelines: &[bool] = if options.enriched_only {
                &[false]
            } else {
                &[false, true]
            };
            for &passthrough in pipelines {
                scenario += 1;
                let result = run_one(
                    options,
                    &client,
                    &url,
                    &bodies,
                    Scenario {
                        id: scenario,
                        mode,
                        replicas,
                        passthrough,
                        rate: options.rate,
                        articles: options.articles,
                    },
                )
                .await?;
                runs.push(result);
            }
            if options.half_rate_latency {
                let max = runs
                    .iter()
                    .filter(|r| {
                        r.pipeline == "enriched"
                            && r.mode == mode_name(mode)
                            && r.replicas == replicas
                    })
                    .map(|r| r.throughput_per_s)
                    .fold(0.0, f64::max);
                if max > 0.0 {
                    scenario += 1;
                    let result = run_one(
                        options,
                        &client,
                        &url,
                        &bodies,
                        Scenario {
                            id: scenario,
                            mode,
                            replicas,
                            passthrough: false,
                            rate: Some(max / 2.0),
                            articles: options.articles.min((max * 10.0) as usize).max(1000),
                        },
                    )
                    .await?;
                    runs.push(result);
                }
            }
        }
    }
    let mut ratios = Vec::new();
    for &mode in &options.modes {
        for &replicas in &options.replicas {
            let find = |pipeline: &str| {
                runs.iter()
                    .find(|r| {
                        r.mode == mode_name(mode)
                            && r.replicas == replicas
                            && r.pipeline == pipeline
                            && r.target_rate == options.rate
                    })
                    .map(|r| r.throughput_per_s)
            };
            if let (Some(enriched), Some(passthrough)) = (find("enriched"), find("passthrough")) {
                ratios.push(Ratio {
                    mode: mode_name(mode).to_string(),
                    replicas,
                    enriched_per_s: enriched,
                    passthrough_per_s: passthrough,
                    ratio: if passthrough > 0.0 {
                        enriched / passthrough
                    } else {
                        0.0
                    },
                });
            }
        }
    }
    Ok(BenchReport {
        articles: options.articles,
        corpus_articles: corpus.len(),
        corpus_mean_body_bytes: mean,
        runs,
        ratios,
    })
}

fn mode_name(mode: Mode) -> &'static str {
    match mode {
        Mode::Jetstream => "jetstream",
        Mode::Core => "core",
    }
}

struct Scenario {
    id: usize,
    mode: Mode,
    replicas: usize,
    passthrough: bool,
    rate: Option<f64>,
    articles: usize,
}

async fn run_one(
    options: &BenchOptions,
    client: &async_nats::Client,
    url: &str,
    bodies: &[String],
    s: Scenario,
) -> anyhow::Result<RunResult> {
    let prefix = format!("bench{}x{}", std::process::id(), s.id);
    let stream_prefix = prefix.to_uppercase();
    let mut workers = Vec::new();
    for _ in 0..s.replicas {
        workers.push(WorkerProcess::spawn(
            &options.worker_exe,
            url,
            &prefix,
            &stream_prefix,
            &s,
        )?);
    }
    for worker in &workers {
        worker.wait_ready(Duration::from_secs(30)).await?;
    }

    let mut sub = client
        .subscribe(format!("{prefix}.out.>"))
        .await
        .context("subscribe to output")?;
    let n = s.articles;
    let progress = if options.progress {
        let bar = indicatif::ProgressBar::new(n as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{prefix:>28} [{bar:30}] {pos}/{len} {per_sec} eta {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar.set_prefix(format!(
            "{} {} x{}{}",
            mode_name(s.mode),
            if s.passthrough {
                "pass-through"
            } else {
                "enriched"
            },
            s.replicas,
            s.rate.map(|r| format!(" @{r:.0}/s")).unwrap_or_default()
        ));
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };

    // Receiver: latency per record, duplicates by sequence number.
    let sample_every = options.sample_every;
    let pids: Vec<u32> = workers.iter().map(|w| w.child.id()).collect();
    let bar = progress.clone();
    // Microseconds, from 1 µs to 10 minutes.
    let mut hist =
        Histogram::<u64>::new_with_bounds(1, 600_000_000, 3).context("latency histogram")?;
    let receiver = tokio::spawn(async move {
        let mut seen = vec![false; n];
        let (mut received, mut duplicates) = (0usize, 0usize);
        let mut last = Instant::now();
        let mut timeline = Vec::new();
        let started = Instant::now();
        let mut window_start = Instant::now();
        let mut window_count = 0usize;
        while received < n {
            let msg = match tokio::time::timeout(Duration::from_secs(15), sub.next()).await {
                Ok(Some(msg)) => msg,
                _ => break,
            };
            let now_ns = unix_ns();
            if let (Some(seq), Some(sent)) = (
                find_number(&msg.payload, b"\"bench_seq\":"),
                find_number(&msg.payload, b"\"bench_sent_ns\":"),
            ) {
                let seq = seq as usize;
                if seq < n && !seen[seq] {
                    seen[seq] = true;
                    received += 1;
                    window_count += 1;
                    let _ = hist.record((now_ns.saturating_sub(sent) / 1000).max(1));
                    bar.inc(1);
                } else {
                    duplicates += 1;
                }
            }
            last = Instant::now();
            if window_start.elapsed() >= sample_every {
                let secs = window_start.elapsed().as_secs_f64();
                timeline.push(Sample {
                    t_s: started.elapsed().as_secs_f64(),
                    received_per_s: window_count as f64 / secs,
                    worker_rss_mb: pids.iter().map(|p| proc_rss_mb(*p).0).sum(),
                });
                window_start = Instant::now();
                window_count = 0;
            }
        }
        // Late duplicates show up within a moment.
        while let Ok(Some(msg)) = tokio::time::timeout(Duration::from_millis(300), sub.next()).await
        {
            if find_number(&msg.payload, b"\"bench_seq\":").is_some() {
                duplicates += 1;
            }
        }
        (hist, received, duplicates, last, timeline)
    });

    // Publisher.
    let input = format!("{prefix}.raw.bench");
    let js = async_nats::jetstream::new(client.clone());
    let cpu_before: Vec<f64> = workers
        .iter()
        .map(|w| proc_cpu_seconds(w.child.id()))
        .collect();
    let first_send = Instant::now();
    let mut acks = futures::stream::FuturesUnordered::new();
    for i in 0..n {
        if let Some(rate) = s.rate {
            let due = first_send + Duration::from_secs_f64(i as f64 / rate);
            let now = Instant::now();
            if due > now + Duration::from_millis(1) {
                tokio::time::sleep(due - now).await;
            }
        }
        let body = &bodies[i % bodies.len()];
        let payload = Bytes::from(format!(
            "{{\"id\":\"{prefix}-{i}\",\"source\":\"bench\",\"bench_seq\":{i},\"bench_sent_ns\":{},\"body\":{body}}}",
            unix_ns()
        ));
        match s.mode {
            Mode::Jetstream => {
                let ack = js
                    .publish(input.clone(), payload)
                    .await
                    .context("publish")?;
                acks.push(ack.into_future());
                while acks.len() >= 1024 {
                    if let Some(result) = acks.next().await {
                        result.context("input PubAck")?;
                    }
                }
            }
            Mode::Core => {
                client
                    .publish(input.clone(), payload)
                    .await
                    .context("publish")?;
            }
        }
    }
    while let Some(result) = acks.next().await {
        result.context("input PubAck")?;
    }
    client.flush().await.context("flush")?;

    let (hist, received, duplicates, last, timeline) = receiver.await.context("receiver task")?;
    progress.finish_and_clear();
    let elapsed = last.duration_since(first_send).as_secs_f64().max(1e-9);
    let cpu: Vec<f64> = workers
        .iter()
        .zip(&cpu_before)
        .map(|(w, before)| (proc_cpu_seconds(w.child.id()) - before) / elapsed * 100.0)
        .collect();
    let peak_rss: f64 = workers
        .iter()
        .map(|w| proc_rss_mb(w.child.id()).1)
        .fold(0.0, f64::max);
    for worker in workers {
        worker.stop().await;
    }
    for stream in ["RAW", "ENRICHED", "DLQ"] {
        let _ = js.delete_stream(format!("{stream_prefix}_{stream}")).await;
    }
    let ms = |q: f64| hist.value_at_quantile(q) as f64 / 1000.0;
    Ok(RunResult {
        mode: mode_name(s.mode).to_string(),
        pipeline: if s.passthrough {
            "passthrough"
        } else {
            "enriched"
        }
        .to_string(),
        replicas: s.replicas,
        target_rate: s.rate,
        sent: n,
        received,
        duplicates,
        elapsed_s: elapsed,
        throughput_per_s: received as f64 / elapsed,
        latency_ms_p50: ms(0.5),
        latency_ms_p99: ms(0.99),
        latency_ms_p999: ms(0.999),
        latency_ms_max: hist.max() as f64 / 1000.0,
        worker_peak_rss_mb: peak_rss,
        worker_cpu_percent: cpu.iter().sum(),
        per_replica_cpu_percent: cpu,
        timeline,
    })
}

/// A worker process configured for one scenario.
struct WorkerProcess {
    child: Child,
    http: SocketAddr,
}

impl WorkerProcess {
    fn spawn(
        exe: &Path,
        url: &str,
        prefix: &str,
        streams: &str,
        s: &Scenario,
    ) -> anyhow::Result<Self> {
        let http = free_port()?;
        let env: HashMap<&str, String> = HashMap::from([
            ("NATS_URL", url.to_string()),
            ("WIRE__DELIVERY__MODE", mode_name(s.mode).to_string()),
            ("WIRE__PIPELINE__PASSTHROUGH", s.passthrough.to_string()),
            ("WIRE__SUBJECTS__INPUT", format!("{prefix}.raw.>")),
            ("WIRE__SUBJECTS__OUTPUT", format!("{prefix}.out.{{source}}")),
            (
                "WIRE__SUBJECTS__DEAD_LETTER",
                format!("{prefix}.dlq.{{source}}"),
            ),
            ("WIRE__DELIVERY__INPUT_STREAM", format!("{streams}_RAW")),
            (
                "WIRE__DELIVERY__OUTPUT_STREAM",
                format!("{streams}_ENRICHED"),
            ),
            (
                "WIRE__DELIVERY__DEAD_LETTER_STREAM",
                format!("{streams}_DLQ"),
            ),
            ("WIRE__DELIVERY__QUEUE_GROUP", format!("{streams}_Q")),
            ("WIRE__HTTP__LISTEN", http.to_string()),
            ("WIRE__LOG__LEVEL", "warn".to_string()),
        ]);
        let child = Command::new(exe)
            .arg("run")
            .envs(env)
            .env_remove("RUST_LOG")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .with_context(|| format!("start worker {}", exe.display()))?;
        Ok(WorkerProcess { child, http })
    }

    async fn wait_ready(&self, timeout: Duration) -> anyhow::Result<()> {
        let deadline = Instant::now() + timeout;
        loop {
            if http_status(self.http, "/readyz").await == Some(200) {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!("worker on {} not ready within {timeout:?}", self.http);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn stop(mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A nats-server with JetStream in a temp dir, killed on drop.
struct LocalServer {
    child: Child,
    url: String,
    _dir: tempfile::TempDir,
}

impl LocalServer {
    fn start() -> anyhow::Result<Self> {
        let bin = find_nats_server()
            .context("nats-server not found: run scripts/nats-server.sh or set NATS_SERVER_BIN")?;
        let dir = tempfile::tempdir().context("temp dir")?;
        let child = Command::new(&bin)
            .args(["-js", "-a", "127.0.0.1", "-p", "-1", "--ports_file_dir"])
            .arg(dir.path())
            .arg("-sd")
            .arg(dir.path().join("js"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .with_context(|| format!("start {}", bin.display()))?;
        let ports = dir.path().join(format!("nats-server_{}.ports", child.id()));
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Ok(text) = std::fs::read_to_string(&ports)
                && let Ok(json) = serde_json::from_str::<serde_json::Value>(&text)
                && let Some(url) = json["nats"][0].as_str()
            {
                return Ok(LocalServer {
                    url: url.to_string(),
                    child,
                    _dir: dir,
                });
            }
            if Instant::now() > deadline {
                bail!("nats-server did not start");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for LocalServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `NATS_SERVER_BIN`, then `.tools/*/nats-server` (what scripts install),
/// then `PATH`.
pub fn find_nats_server() -> Option<PathBuf> {
    if let Ok(bin) = std::env::var("NATS_SERVER_BIN") {
        return Some(PathBuf::from(bin));
    }
    if let Ok(entries) = std::fs::read_dir(".tools") {
        for entry in entries.flatten() {
            let candidate = entry.path().join("nats-server");
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .map(|dir| dir.join("nats-server"))
            .find(|candidate| candidate.is_file())
    })
}

/// Article bodies: from files, or the built-in mix of the seed story and
/// the short samples.
fn load_corpus(files: &[PathBuf]) -> anyhow::Result<Vec<String>> {
    let mut bodies = Vec::new();
    if files.is_empty() {
        bodies.push(include_str!("../tests/data/seed-000.raw.txt").to_string());
        for line in include_str!("../samples/articles.jsonl").lines() {
            if let Ok(value) = serde_json::from_str::<serde_json::Value>(line)
                && let Some(body) = value["body"].as_str()
            {
                bodies.push(body.to_string());
            }
        }
        return Ok(bodies);
    }
    for path in files {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("read {}", path.display()))?;
        if crate::nats::feed::is_jsonl(path) {
            for line in text.lines() {
                if let Ok(value) = serde_json::from_str::<serde_json::Value>(line)
                    && let Some(body) = value["body"].as_str()
                {
                    bodies.push(body.to_string());
                }
            }
        } else {
            bodies.push(text);
        }
    }
    if bodies.is_empty() {
        bail!("the corpus has no article bodies");
    }
    Ok(bodies)
}

fn unix_ns() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0)
}

/// The unsigned number after `key` in `haystack`, without parsing the JSON.
fn find_number(haystack: &[u8], key: &[u8]) -> Option<u64> {
    let at = haystack.windows(key.len()).position(|w| w == key)? + key.len();
    let digits = haystack[at..].iter().take_while(|b| b.is_ascii_digit());
    let mut value = 0u64;
    let mut any = false;
    for d in digits {
        value = value.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
        any = true;
    }
    any.then_some(value)
}

fn free_port() -> anyhow::Result<SocketAddr> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").context("find a free port")?;
    Ok(listener.local_addr()?)
}

async fn http_status(addr: SocketAddr, path: &str) -> Option<u16> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.ok()?;
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.ok()?;
    let mut head = vec![0u8; 64];
    let read = stream.read(&mut head).await.ok()?;
    std::str::from_utf8(&head[..read])
        .ok()?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// (current, peak) resident memory of a process in MB, from /proc.
fn proc_rss_mb(pid: u32) -> (f64, f64) {
    let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) else {
        return (0.0, 0.0);
    };
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// User + system CPU seconds of a process, from /proc (clock ticks at the
/// Linux default of 100 Hz).
fn proc_cpu_seconds(pid: u32) -> f64 {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return 0.0;
    };
    // Fields after the parenthesised command name; utime and stime are the
    // 14th and 15th fields of the whole line.
    let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else {
        return 0.0;
    };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

/// The report as a table.
pub fn table(report: &BenchReport) -> String {
    let mut out = format!(
        "{} articles per run; corpus of {} bodies, mean {} bytes\n\n",
        report.articles, report.corpus_articles, report.corpus_mean_body_bytes
    );
    out.push_str(&format!(
        "{:<10} {:<12} {:>3} {:>9} {:>9} {:>10} {:>8} {:>8} {:>8} {:>8} {:>7} {:>6}\n",
        "mode",
        "pipeline",
        "rep",
        "rate",
        "received",
        "per_s",
        "p50_ms",
        "p99_ms",
        "p999_ms",
        "rss_mb",
        "cpu_%",
        "dups"
    ));
    for r in &report.runs {
        out.push_str(&format!(
            "{:<10} {:<12} {:>3} {:>9} {:>9} {:>10.0} {:>8.2} {:>8.2} {:>8.2} {:>8.1} {:>7.0} {:>6}\n",
            r.mode,
            r.pipeline,
            r.replicas,
            r.target_rate.map_or("max".to_string(), |x| format!("{x:.0}")),
            r.received,
            r.throughput_per_s,
            r.latency_ms_p50,
            r.latency_ms_p99,
            r.latency_ms_p999,
            r.worker_peak_rss_mb,
            r.worker_cpu_percent,
            r.duplicates
        ));
    }
    if !report.ratios.is_empty() {
        out.push_str("\nenriched / pass-through:\n");
        for r in &report.ratios {
            out.push_str(&format!(
                "  {:<10} x{}  {:>8.0} / {:>8.0} = {:.2}\n",
                r.mode, r.replicas, r.enriched_per_s, r.passthrough_per_s, r.ratio
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_numbers_without_parsing() {
        let payload =
            br#"{"id":"x","bench_seq":42,"bench_sent_ns":1700000000000000000,"body":"a"}"#;
        assert_eq!(find_number(payload, b"\"bench_seq\":"), Some(42));
        assert_eq!(
            find_number(payload, b"\"bench_sent_ns\":"),
            Some(1_700_000_000_000_000_000)
        );
        assert_eq!(find_number(payload, b"\"missing\":"), None);
        assert_eq!(
            find_number(br#"{"bench_seq":"x"}"#, b"\"bench_seq\":"),
            None
        );
    }

    #[test]
    fn the_built_in_corpus_is_not_empty() {
        let corpus = load_corpus(&[]).expect("corpus");
        assert!(corpus.len() >= 4);
    }
}
