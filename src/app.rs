//! The commands behind the CLI, and telemetry. This is the layer that knows
//! the clock, signals, files and stdout; it wires settings, the pipeline and
//! the NATS layer together.

use std::io::{BufRead, Read, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use tokio_util::sync::CancellationToken;

use crate::nats::{self, Stats, feed, jetstream::now_rfc3339};
use crate::pipeline::{self, Meta, Pipeline};
use crate::settings::{LogFormat, Mode, Settings};
use crate::status::{self, Reporter};

/// Sets up `tracing`: JSON lines or pretty output on stderr; `RUST_LOG`
/// overrides the configured level.
pub fn init_telemetry(format: LogFormat, level: &str) {
    use std::io::IsTerminal;
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    let json = match format {
        LogFormat::Json => true,
        LogFormat::Pretty => false,
        LogFormat::Auto => !std::io::stderr().is_terminal(),
    };
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    // A second initialisation (tests) keeps the first subscriber.
    let _ = if json {
        builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .try_init()
    } else {
        builder.try_init()
    };
}

/// Cancels `token` on SIGTERM or SIGINT.
pub fn cancel_on_signals(token: CancellationToken) -> anyhow::Result<()> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = signal(SignalKind::terminate()).context("cannot listen for SIGTERM")?;
    let mut int = signal(SignalKind::interrupt()).context("cannot listen for SIGINT")?;
    tokio::spawn(async move {
        tokio::select! {
            _ = term.recv() => tracing::info!(signal = "SIGTERM", "shutting down"),
            _ = int.recv() => tracing::info!(signal = "SIGINT", "shutting down"),
        }
        token.cancel();
    });
    Ok(())
}

/// Builds the pipeline from the settings: embedded data, rule files from
/// `rules.dir` when set.
pub fn build_pipeline(settings: &Settings) -> anyhow::Result<Pipeline> {
    let dir = (!settings.rules.dir.is_empty()).then(|| std::path::Path::new(&settings.rules.dir));
    Pipeline::build(settings.limits(), dir).map_err(|err| match dir {
        Some(dir) => anyhow::Error::new(err).context(format!("rules directory {}", dir.display())),
        None => anyhow::Error::new(err),
    })
}

/// Rebuilds the pipeline on SIGHUP. A good build replaces the running one
/// (messages in flight finish on the old one); a bad one is logged and the
/// old rules stay.
pub fn reload_on_sighup(
    settings: Arc<Settings>,
    pipeline: nats::SharedPipeline,
    cancel: CancellationToken,
) -> anyhow::Result<()> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut hup = signal(SignalKind::hangup()).context("cannot listen for SIGHUP")?;
    tokio::spawn(async move {
        loop {
            tokio::select! {
                _ = cancel.cancelled() => return,
                signal = hup.recv() => if signal.is_none() { return },
            }
            let settings = settings.clone();
            match tokio::task::spawn_blocking(move || build_pipeline(&settings)).await {
                Ok(Ok(new)) => {
                    tracing::info!(rules_version = new.rules_version(), "rules reloaded");
                    pipeline.store(Arc::new(new));
                }
                Ok(Err(err)) => {
                    tracing::error!(error = %format!("{err:#}"), "rules reload failed; keeping the rules in use");
                }
                Err(err) => tracing::error!(error = %err, "rules reload task failed"),
            }
        }
    });
    Ok(())
}

/// `wire-enricher run`: the worker, until `cancel` fires.
/// `stats` collects the counters; pass a handle to read them while it runs.
pub async fn run(
    settings: Settings,
    stats: Arc<Stats>,
    cancel: CancellationToken,
) -> anyhow::Result<()> {
    let settings = Arc::new(settings);
    let pipeline: nats::SharedPipeline =
        Arc::new(arc_swap::ArcSwap::from_pointee(build_pipeline(&settings)?));
    reload_on_sighup(settings.clone(), pipeline.clone(), cancel.clone())?;
    let mode = match settings.delivery.mode {
        Mode::Jetstream => "jetstream",
        Mode::Core => "core",
    };
    stats.set_build_info(mode);
    let reporter = Reporter {
        worker: status::worker_id(&settings.stats.worker_id),
        mode,
        top: settings.stats.top,
    };
    // Serve health before connecting: /readyz then says why it is not ready.
    let http_cancel = CancellationToken::new();
    let http = if settings.http.enabled {
        let history = settings.stats.history_secs;
        let end = crate::metrics::unix_now() + 1;
        let first = serde_json::to_string(&reporter.report(
            &stats,
            end.saturating_sub(history),
            end,
            true,
        ))?;
        let (tx, rx) = tokio::sync::watch::channel(Arc::<str>::from(first));
        tokio::spawn(status::run_page_reports(
            reporter.clone(),
            stats.clone(),
            history,
            tx,
            http_cancel.clone(),
        ));
        let (addr, task) = crate::http::serve(
            &settings.http.listen,
            stats.clone(),
            rx,
            http_cancel.clone(),
        )
        .await?;
        let _ = stats.http_addr.set(addr);
        tracing::info!(addr = %addr, worker = %reporter.worker, "serving /, /events, /status.json, /healthz, /readyz, /metrics");
        Some(task)
    } else {
        None
    };
    {
        let (stats, cancel) = (stats.clone(), cancel.clone());
        tokio::spawn(async move {
            cancel.cancelled().await;
            stats
                .shutting_down
                .store(true, std::sync::atomic::Ordering::Relaxed);
        });
    }
    let client = nats::connect(
        &settings.nats,
        stats.clone(),
        settings.delivery.subscription_capacity,
    )
    .await?;
    if let Some(version) = server_version(&client)
        && !version_at_least(&version, (2, 10, 23))
    {
        tracing::warn!(server_version = %version, "nats-server older than 2.10.23 has known JetStream data-loss bugs; upgrade");
    }
    let feed_cancel = CancellationToken::new();
    let feed = settings.stats.enabled.then(|| {
        let subject = format!("{}.{}", settings.stats.subject_prefix, reporter.worker);
        tokio::spawn(nats::stats_feed::run(
            client.clone(),
            reporter.clone(),
            stats.clone(),
            subject,
            Duration::from_millis(settings.stats.interval_ms),
            feed_cancel.clone(),
        ))
    });
    let work = {
        let (client, settings, pipeline, stats, cancel) = (
            client.clone(),
            settings.clone(),
            pipeline.clone(),
            stats.clone(),
            cancel.clone(),
        );
        async move {
            match settings.delivery.mode {
                Mode::Jetstream => {
                    nats::jetstream::run(client, settings, pipeline, stats, cancel).await
                }
                Mode::Core => nats::core::run(client, settings, pipeline, stats, cancel).await,
            }
        }
    };
    tokio::pin!(work);
    let grace = Duration::from_millis(settings.shutdown.grace_period_ms);
    let result = tokio::select! {
        result = &mut work => result.map_err(anyhow::Error::from),
        _ = cancel.cancelled() => match tokio::time::timeout(grace, &mut work).await {
            Ok(result) => result.map_err(anyhow::Error::from),
            Err(_) => Err(anyhow::anyhow!(
                "work in hand not finished within the grace period of {} ms; unacked messages will be redelivered",
                settings.shutdown.grace_period_ms
            )),
        },
    };
    // The last stats record covers the work just finished.
    feed_cancel.cancel();
    if let Some(feed) = feed {
        let _ = tokio::time::timeout(Duration::from_secs(2), feed).await;
    }
    // Acks are fire-and-forget publishes: flush them before leaving.
    if let Err(err) = tokio::time::timeout(grace, client.flush())
        .await
        .map(|r| r.map_err(anyhow::Error::from))
    {
        tracing::warn!(error = %err, "flush at shutdown timed out");
    }
    if let Err(err) = client.drain().await {
        tracing::debug!(error = %err, "drain at shutdown failed");
    }
    stats.log_summary();
    http_cancel.cancel();
    if let Some(task) = http {
        let _ = task.await;
    }
    result
}

fn server_version(client: &async_nats::Client) -> Option<String> {
    Some(client.server_info().version)
}

/// Compares "2.10.23"-style versions (pre-release suffixes ignored).
pub fn version_at_least(version: &str, min: (u64, u64, u64)) -> bool {
    let mut parts = version
        .trim_start_matches('v')
        .split(['.', '-'])
        .map(|p| p.parse::<u64>().unwrap_or(0));
    let v = (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    );
    v >= min
}

/// Where `enrich` reads articles from.
pub enum EnrichInput {
    /// One article per line.
    Lines(Vec<u8>),
    /// The whole text is one article.
    Whole(Vec<u8>),
}

/// Reads the inputs of `enrich`: `.jsonl` files line by line, other files
/// whole, stdin line by line when it starts with `{`, else whole.
pub fn enrich_inputs(files: &[PathBuf]) -> anyhow::Result<Vec<EnrichInput>> {
    if files.is_empty() || files.iter().any(|f| f.as_os_str() == "-") && files.len() == 1 {
        let mut data = Vec::new();
        std::io::stdin()
            .read_to_end(&mut data)
            .context("cannot read stdin")?;
        let jsonl = data.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
        return Ok(vec![if jsonl {
            EnrichInput::Lines(data)
        } else {
            EnrichInput::Whole(data)
        }]);
    }
    files
        .iter()
        .map(|path| {
            let data =
                std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            Ok(if feed::is_jsonl(path) {
                EnrichInput::Lines(data)
            } else {
                EnrichInput::Whole(data)
            })
        })
        .collect()
}

/// `wire-enricher enrich`: the pipeline offline, one JSON line out per
/// article in. Returns how many inputs were rejected.
pub fn enrich(
    settings: &Settings,
    inputs: &[EnrichInput],
    processed_at: Option<&str>,
    out: &mut dyn Write,
) -> anyhow::Result<usize> {
    let pipeline = build_pipeline(settings)?;
    let stamp = processed_at.map(str::to_string).unwrap_or_else(now_rfc3339);
    let mut rejected = 0;
    let mut line_no = 0usize;
    let mut one = |payload: &[u8], out: &mut dyn Write| -> anyhow::Result<()> {
        line_no += 1;
        let meta = Meta {
            processed_at: &stamp,
            ..Meta::default()
        };
        match pipeline.process(payload, &meta) {
            Ok(enriched) => out.write_all(&pipeline::encode(&enriched.record))?,
            Err(err) => {
                rejected += 1;
                let line = serde_json::json!({
                    "id": format!("input:{line_no}"),
                    "error": {"kind": err.kind(), "message": nats::error_chain(&err)},
                });
                serde_json::to_writer(&mut *out, &line)?;
            }
        }
        out.write_all(b"\n")?;
        Ok(())
    };
    for input in inputs {
        match input {
            EnrichInput::Whole(data) => one(data, out)?,
            EnrichInput::Lines(data) => {
                for line in data.split(|b| *b == b'\n') {
                    let line = line.strip_suffix(b"\r").unwrap_or(line);
                    if line.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    one(line, out)?;
                }
            }
        }
    }
    out.flush()?;
    Ok(rejected)
}

/// `wire-enricher publish`.
pub async fn publish(
    settings: &Settings,
    subject: &str,
    files: &[PathBuf],
    core: bool,
) -> anyhow::Result<usize> {
    let articles = feed::read_articles(files)?;
    let client = nats::connect(
        &settings.nats,
        Stats::new(),
        settings.delivery.subscription_capacity,
    )
    .await?;
    let sent = feed::publish(&client, subject, &articles, !core).await?;
    client.flush().await.context("flush failed")?;
    Ok(sent)
}

/// `wire-enricher tail`.
pub async fn tail(
    settings: &Settings,
    subject: &str,
    count: Option<usize>,
    idle: Duration,
) -> anyhow::Result<usize> {
    let client = nats::connect(
        &settings.nats,
        Stats::new(),
        settings.delivery.subscription_capacity,
    )
    .await?;
    Ok(feed::tail(&client, subject, count, idle).await?)
}

/// Lines of a reader, for tests that feed `enrich` from memory.
pub fn lines_of(reader: impl BufRead) -> std::io::Result<Vec<String>> {
    reader.lines().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        assert!(version_at_least("2.15.1", (2, 10, 23)));
        assert!(version_at_least("2.10.23", (2, 10, 23)));
        assert!(!version_at_least("2.10.22", (2, 10, 23)));
        assert!(!version_at_least("2.9.25", (2, 10, 23)));
        assert!(version_at_least("v2.11.0-beta.1", (2, 10, 23)));
    }

    #[test]
    fn enrich_writes_one_line_per_input_and_counts_rejects() {
        let settings = Settings::load(&Default::default()).expect("defaults");
        let inputs = vec![
            EnrichInput::Lines(
                b"{\"id\":\"a\",\"body\":\"One.\"}\n\n{\"body\": 3}\nplain line\n".to_vec(),
            ),
            EnrichInput::Whole(b"Whole\nfile.".to_vec()),
        ];
        let mut out = Vec::new();
        let rejected =
            enrich(&settings, &inputs, Some("2026-01-01T00:00:00Z"), &mut out).expect("runs");
        let lines = lines_of(out.as_slice()).expect("utf8");
        assert_eq!(lines.len(), 4);
        assert_eq!(rejected, 1);
        let second: serde_json::Value = serde_json::from_str(&lines[1]).expect("json");
        assert_eq!(second["error"]["kind"], "field_type");
        let last: serde_json::Value = serde_json::from_str(&lines[3]).expect("json");
        assert_eq!(last["ninjs"]["bodies"][0]["value"], "Whole\nfile.");
    }
}
