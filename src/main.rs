//! The `wire-enricher` binary: parse flags, set up logging, load settings,
//! run the chosen command, map the result to an exit code.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use tokio_util::sync::CancellationToken;
use wire_enricher::app;
use wire_enricher::bench::{self, BenchOptions};
use wire_enricher::settings::{Mode, Settings, Sources};

#[derive(Parser)]
#[command(
    name = "wire-enricher",
    version,
    about = "Repairs, tags and republishes news-wire articles over NATS"
)]
struct Cli {
    /// A TOML file overriding config/default.toml.
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// NATS server URL (overrides config and NATS_URL).
    #[arg(long, global = true, value_name = "URL")]
    nats_url: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the worker.
    Run {
        /// Delivery mode: jetstream (at-least-once) or core (at-most-once).
        #[arg(long)]
        mode: Option<String>,
    },
    /// Enrich files (JSONL, or one text article per file) or stdin to JSONL on stdout.
    Enrich {
        files: Vec<PathBuf>,
        /// Fixed processedAt stamp (RFC 3339) for reproducible output.
        #[arg(long, value_name = "TIME")]
        processed_at: Option<String>,
    },
    /// Validate the configuration and print it with secrets redacted.
    CheckConfig,
    /// Publish articles from files to a subject.
    Publish {
        /// Subject to publish to.
        #[arg(long, default_value = "wire.raw.demo")]
        subject: String,
        /// Publish with core NATS instead of waiting for JetStream PubAcks.
        #[arg(long)]
        core: bool,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Measure end to end: publish a corpus through worker processes and time the records.
    Bench {
        /// Articles per run.
        #[arg(long, default_value_t = 20_000)]
        articles: usize,
        /// Articles per second (default: as fast as possible).
        #[arg(long)]
        rate: Option<f64>,
        /// Delivery modes to run: jetstream, core, or both.
        #[arg(long, default_value = "both")]
        mode: String,
        /// Replica counts to run, comma-separated.
        #[arg(long, default_value = "1,2", value_delimiter = ',')]
        replicas: Vec<usize>,
        /// Corpus files (.jsonl with `body`, or text files); default: built-in samples.
        #[arg(long)]
        corpus: Vec<PathBuf>,
        /// Also measure latency at half the measured enriched throughput.
        #[arg(long)]
        half_rate_latency: bool,
        /// Soak: enriched runs only, sampling throughput and memory over time.
        #[arg(long)]
        soak: bool,
        /// Sample interval for the timeline, in seconds.
        #[arg(long, default_value_t = 5.0)]
        sample_every_s: f64,
        /// Write the full report as JSON here.
        #[arg(long)]
        json: Option<PathBuf>,
    },
    /// Measure text repair: damage a clean corpus the way wire feeds do, repair it, score it.
    EvalRepair {
        /// Directory of clean articles (*.txt).
        #[arg(long, default_value = "eval/repair/clean")]
        corpus: PathBuf,
        /// Seed of the damage generator.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Print the report as JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Check tagging rules against sample articles with expected tags (NAME.txt + NAME.expected.json).
    TestRules {
        /// Rules directory; its rule files replace the built-in ones, samples in DIR/tests or DIR.
        dir: PathBuf,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Measure entity tagging: precision, recall and F1 per type on an annotated set.
    EvalNer {
        #[arg(default_value = "eval/ner")]
        dir: PathBuf,
        /// What the tagger is given: the annotated text as written, after the
        /// worker's normalizer, or damaged like wire copy and then repaired
        /// (one wrap width per document, or a new one every line).
        #[arg(long, value_enum, default_value = "as-written")]
        input: wire_enricher::eval::ner::NerInput,
        /// Seed of the damage generator.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print messages arriving on a subject, one per line.
    Tail {
        #[arg(long, default_value = "wire.enriched.>")]
        subject: String,
        /// Stop after this many messages.
        #[arg(long)]
        count: Option<usize>,
        /// Stop when nothing arrives for this long.
        #[arg(long, default_value_t = 10_000)]
        idle_ms: u64,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut flags = Vec::new();
    if let Some(url) = &cli.nats_url {
        flags.push(("nats.url".to_string(), url.clone()));
    }
    if let Command::Run { mode: Some(mode) } = &cli.command {
        flags.push(("delivery.mode".to_string(), mode.clone()));
    }
    let sources = Sources {
        file: cli.config.clone(),
        env: std::env::vars().collect(),
        flags,
    };
    let settings = match Settings::load(&sources) {
        Ok(settings) => settings,
        Err(err) => {
            eprintln!("error: {}", wire_enricher::nats::error_chain(&err));
            return ExitCode::from(2);
        }
    };
    app::init_telemetry(settings.log.format, &settings.log.level);
    // The bench starts its own server unless a URL is given on the command line.
    let bench_url = cli.nats_url.clone();
    match execute(cli.command, settings, bench_url) {
        Ok(code) => code,
        // A reader that stops early (`| head`) is no failure.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!(error = %format!("{err:#}"), "failed");
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn execute(
    command: Command,
    settings: Settings,
    nats_url: Option<String>,
) -> anyhow::Result<ExitCode> {
    match command {
        Command::CheckConfig => {
            let pipeline = app::build_pipeline(&settings)?;
            emit(settings.redacted_toml())?;
            eprintln!(
                "configuration valid; rules version {}",
                pipeline.rules_version()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Enrich {
            files,
            processed_at,
        } => {
            let inputs = app::enrich_inputs(&files)?;
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let rejected = app::enrich(&settings, &inputs, processed_at.as_deref(), &mut out)?;
            if rejected > 0 {
                eprintln!("error: {rejected} input(s) rejected");
                return Ok(ExitCode::FAILURE);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Run { .. } => runtime()?.block_on(async {
            let cancel = CancellationToken::new();
            app::cancel_on_signals(cancel.clone())?;
            app::run(settings, wire_enricher::nats::Stats::new(), cancel).await?;
            Ok(ExitCode::SUCCESS)
        }),
        Command::Publish {
            subject,
            core,
            files,
        } => runtime()?.block_on(async {
            let sent = app::publish(&settings, &subject, &files, core).await?;
            eprintln!("published {sent} article(s) to {subject}");
            Ok(ExitCode::SUCCESS)
        }),
        Command::Bench {
            articles,
            rate,
            mode,
            replicas,
            corpus,
            half_rate_latency,
            soak,
            sample_every_s,
            json,
        } => {
            let modes = match mode.as_str() {
                "both" => vec![Mode::Jetstream, Mode::Core],
                "jetstream" => vec![Mode::Jetstream],
                "core" => vec![Mode::Core],
                other => anyhow::bail!("unknown mode {other:?} (jetstream, core or both)"),
            };
            let options = BenchOptions {
                articles,
                rate,
                modes,
                replicas,
                corpus,
                nats_url,
                half_rate_latency,
                enriched_only: soak,
                sample_every: Duration::from_secs_f64(sample_every_s.max(0.1)),
                worker_exe: std::env::current_exe()?,
                progress: true,
            };
            let report = runtime()?.block_on(bench::run(&options))?;
            emit(bench::table(&report))?;
            if let Some(path) = json {
                std::fs::write(&path, serde_json::to_vec_pretty(&report)?)?;
                eprintln!("report written to {}", path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::EvalRepair { corpus, seed, json } => {
            let report = wire_enricher::eval::repair::run(&corpus, seed)?;
            if json {
                emit(format_args!("{}\n", serde_json::to_string_pretty(&report)?))?;
            } else {
                emit(&report)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::TestRules { dir, json } => {
            let report = wire_enricher::tag::testing::test_rules(&dir)?;
            if json {
                emit(format_args!("{}\n", serde_json::to_string_pretty(&report)?))?;
            } else {
                emit(&report)?;
            }
            Ok(if report.success() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Command::EvalNer {
            dir,
            input,
            seed,
            json,
        } => {
            let report = wire_enricher::eval::ner::run(&dir, input, seed)?;
            if json {
                emit(format_args!("{}\n", serde_json::to_string_pretty(&report)?))?;
            } else {
                emit(&report)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Tail {
            subject,
            count,
            idle_ms,
        } => runtime()?.block_on(async {
            let seen =
                app::tail(&settings, &subject, count, Duration::from_millis(idle_ms)).await?;
            eprintln!("received {seen} message(s) on {subject}");
            Ok(ExitCode::SUCCESS)
        }),
    }
}

/// Writes a command's output to stdout, returning write errors instead of
/// panicking as `print!` does when the reader has gone.
fn emit(text: impl std::fmt::Display) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    write!(out, "{text}")?;
    out.flush()
}

/// True when `err` comes from writing to a pipe whose reader has closed it.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?)
}
