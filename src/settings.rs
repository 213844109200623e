//! Configuration: `config/default.toml` (compiled in), an optional file,
//! `WIRE__SECTION__KEY` environment variables, `NATS_URL`, then flags —
//! merged as TOML values, then parsed into a validated [`Settings`] before
//! anything connects. Unknown keys are errors, so a typo cannot silently fall
//! back to a default.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::{Table, Value};

/// The defaults, compiled into the binary so it runs without a config dir.
pub const DEFAULT_TOML: &str = include_str!("../config/default.toml");

/// Prefix of environment overrides: `WIRE__DELIVERY__MODE=core`.
pub const ENV_PREFIX: &str = "WIRE__";

/// Why settings could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("cannot read config file {path}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("config file {path} is not valid TOML")]
    Parse {
        path: PathBuf,
        #[source]
        source: Box<toml::de::Error>,
    },
    #[error("environment variable {var} does not name a config key (expected WIRE__SECTION__KEY)")]
    EnvKey { var: String },
    #[error("invalid configuration")]
    Invalid(#[source] Box<toml::de::Error>),
    #[error("`{key}`: {reason}")]
    Value { key: &'static str, reason: String },
}

/// Delivery mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Jetstream,
    Core,
}

/// Log output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Auto,
    Json,
    Pretty,
}

/// Validated settings. See `config/default.toml` for what each key means.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub nats: NatsSettings,
    pub subjects: SubjectSettings,
    pub delivery: DeliverySettings,
    pub limits: LimitSettings,
    pub shutdown: ShutdownSettings,
    pub http: HttpSettings,
    pub stats: StatsSettings,
    pub pipeline: PipelineSettings,
    pub rules: RulesSettings,
    pub log: LogSettings,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NatsSettings {
    pub url: String,
    pub name: String,
    pub token: String,
    pub user: String,
    pub password: String,
    pub nkey_seed: String,
    pub creds_file: String,
    pub tls_ca_file: String,
    pub tls_cert_file: String,
    pub tls_key_file: String,
    pub tls_required: bool,
    pub connect_timeout_ms: u64,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SubjectSettings {
    pub input: String,
    pub output: String,
    pub dead_letter: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DeliverySettings {
    pub mode: Mode,
    pub provision: bool,
    pub input_stream: String,
    pub output_stream: String,
    pub dead_letter_stream: String,
    pub consumer: String,
    pub batch_size: usize,
    pub workers: usize,
    pub max_in_flight: usize,
    pub ack_wait_ms: u64,
    pub max_deliver: i64,
    pub nak_delay_ms: u64,
    pub nak_delay_max_ms: u64,
    pub duplicate_window_ms: u64,
    pub stream_replicas: usize,
    pub stall_timeout_ms: u64,
    pub queue_group: String,
    pub subscription_capacity: usize,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LimitSettings {
    pub max_payload_bytes: usize,
    pub max_body_chars: usize,
    pub max_entities: usize,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ShutdownSettings {
    pub grace_period_ms: u64,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RulesSettings {
    pub dir: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PipelineSettings {
    pub passthrough: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HttpSettings {
    pub enabled: bool,
    pub listen: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StatsSettings {
    pub enabled: bool,
    pub subject_prefix: String,
    pub worker_id: String,
    pub interval_ms: u64,
    pub history_secs: u64,
    pub top: usize,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LogSettings {
    pub format: LogFormat,
    pub level: String,
}

/// Where settings come from besides the defaults.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// `--config FILE`.
    pub file: Option<PathBuf>,
    /// Environment variables (name, value); pass `std::env::vars()`.
    pub env: Vec<(String, String)>,
    /// Flag overrides as dotted keys: ("delivery.mode", "core").
    pub flags: Vec<(String, String)>,
}

impl Settings {
    /// Loads, merges and validates settings.
    pub fn load(sources: &Sources) -> Result<Settings, SettingsError> {
        let mut table: Table = DEFAULT_TOML.parse().map_err(|e| SettingsError::Parse {
            path: PathBuf::from("config/default.toml"),
            source: Box::new(e),
        })?;
        if let Some(path) = &sources.file {
            merge(&mut table, read_file(path)?);
        }
        for (var, value) in &sources.env {
            if var == "NATS_URL" {
                set(&mut table, "nats", "url", Value::String(value.clone()));
                continue;
            }
            let Some(rest) = var.strip_prefix(ENV_PREFIX) else {
                continue;
            };
            let mut parts = rest.splitn(2, "__");
            let (Some(section), Some(key)) = (parts.next(), parts.next()) else {
                return Err(SettingsError::EnvKey { var: var.clone() });
            };
            if section.is_empty() || key.is_empty() {
                return Err(SettingsError::EnvKey { var: var.clone() });
            }
            set(
                &mut table,
                &section.to_ascii_lowercase(),
                &key.to_ascii_lowercase(),
                scalar(value),
            );
        }
        for (dotted, value) in &sources.flags {
            if let Some((section, key)) = dotted.split_once('.') {
                set(&mut table, section, key, scalar(value));
            }
        }
        let settings: Settings = Value::Table(table)
            .try_into()
            .map_err(|e| SettingsError::Invalid(Box::new(e)))?;
        settings.validate()?;
        Ok(settings)
    }

    /// Checks what types alone cannot.
    pub fn validate(&self) -> Result<(), SettingsError> {
        let bad = |key: &'static str, reason: &str| {
            Err(SettingsError::Value {
                key,
                reason: reason.to_string(),
            })
        };
        let d = &self.delivery;
        for (key, value) in [
            ("delivery.batch_size", d.batch_size),
            ("delivery.workers", d.workers),
            ("delivery.max_in_flight", d.max_in_flight),
            ("delivery.subscription_capacity", d.subscription_capacity),
            ("delivery.stream_replicas", d.stream_replicas),
            ("limits.max_payload_bytes", self.limits.max_payload_bytes),
            ("limits.max_body_chars", self.limits.max_body_chars),
            ("limits.max_entities", self.limits.max_entities),
        ] {
            if value == 0 {
                return bad(key, "must be greater than zero");
            }
        }
        if d.stream_replicas > 5 {
            return bad("delivery.stream_replicas", "must be between 1 and 5");
        }
        if d.ack_wait_ms < 1000 {
            return bad("delivery.ack_wait_ms", "must be at least 1000");
        }
        if d.max_deliver == 0 || d.max_deliver < -1 {
            return bad(
                "delivery.max_deliver",
                "must be positive, or -1 for unlimited",
            );
        }
        if d.nak_delay_max_ms < d.nak_delay_ms {
            return bad(
                "delivery.nak_delay_max_ms",
                "must not be less than delivery.nak_delay_ms",
            );
        }
        if self.http.enabled && self.http.listen.parse::<std::net::SocketAddr>().is_err() {
            return bad("http.listen", "must be an address like 127.0.0.1:9464");
        }
        let st = &self.stats;
        let window = crate::window::WINDOW_SECS;
        if st.interval_ms < 1000 || st.interval_ms > window * 1000 / 2 {
            return bad(
                "stats.interval_ms",
                &format!("must be between 1000 and {}", window * 1000 / 2),
            );
        }
        if st.history_secs < 10 || st.history_secs > window {
            return bad(
                "stats.history_secs",
                &format!("must be between 10 and {window}"),
            );
        }
        if st.top == 0 || st.top > 100 {
            return bad("stats.top", "must be between 1 and 100");
        }
        if crate::status::subject_token(&st.worker_id) != st.worker_id {
            return bad(
                "stats.worker_id",
                "must be one subject token: no spaces, '.', '*' or '>'",
            );
        }
        if st.subject_prefix.contains(['*', '>', '{', '}']) {
            return bad(
                "stats.subject_prefix",
                "must be a subject without wildcards or placeholders",
            );
        }
        check_subject_pattern("stats.subject_prefix", &st.subject_prefix)?;
        if subject_matches(
            &self.subjects.input,
            &format!("{}.worker", st.subject_prefix),
        ) {
            return bad(
                "stats.subject_prefix",
                "would be consumed as input: it matches subjects.input",
            );
        }
        if self.nats.url.trim().is_empty() {
            return bad("nats.url", "must not be empty");
        }
        for (key, name) in [
            ("delivery.input_stream", &d.input_stream),
            ("delivery.output_stream", &d.output_stream),
            ("delivery.dead_letter_stream", &d.dead_letter_stream),
            ("delivery.consumer", &d.consumer),
            ("delivery.queue_group", &d.queue_group),
        ] {
            if name.is_empty()
                || name
                    .chars()
                    .any(|c| c.is_whitespace() || matches!(c, '.' | '*' | '>'))
            {
                return bad(
                    key,
                    "must be a non-empty name without spaces, '.', '*' or '>'",
                );
            }
        }
        let s = &self.subjects;
        check_subject_pattern("subjects.input", &s.input)?;
        for (key, template) in [
            ("subjects.output", &s.output),
            ("subjects.dead_letter", &s.dead_letter),
        ] {
            check_template(key, template)?;
            if template.as_str() == s.input.as_str() {
                return bad(key, "must differ from subjects.input");
            }
            let sample = render_template(template, "sample", "en", "11000000");
            if subject_matches(&s.input, &sample) {
                return bad(key, "would be consumed again: it matches subjects.input");
            }
        }
        if s.output == s.dead_letter {
            return bad("subjects.dead_letter", "must differ from subjects.output");
        }
        if self.nats.password.is_empty() != self.nats.user.is_empty() {
            return bad("nats.user", "user and password must be set together");
        }
        let auth_methods = [
            !self.nats.token.is_empty(),
            !self.nats.user.is_empty(),
            !self.nats.nkey_seed.is_empty(),
            !self.nats.creds_file.is_empty(),
        ];
        if auth_methods.iter().filter(|x| **x).count() > 1 {
            return bad(
                "nats.token",
                "set at most one of token, user/password, nkey_seed, creds_file",
            );
        }
        if self.nats.tls_cert_file.is_empty() != self.nats.tls_key_file.is_empty() {
            return bad(
                "nats.tls_cert_file",
                "tls_cert_file and tls_key_file must be set together",
            );
        }
        Ok(())
    }

    /// The effective settings as TOML with secrets replaced by `"<redacted>"`.
    pub fn redacted_toml(&self) -> String {
        let mut shown = self.clone();
        for secret in [
            &mut shown.nats.token,
            &mut shown.nats.password,
            &mut shown.nats.nkey_seed,
        ] {
            if !secret.is_empty() {
                *secret = "<redacted>".to_string();
            }
        }
        shown.nats.url = redact_url(&shown.nats.url);
        toml::to_string_pretty(&shown)
            .unwrap_or_else(|e| format!("# cannot render settings: {e}\n"))
    }

    /// Decoding limits for the pipeline.
    pub fn limits(&self) -> crate::article::Limits {
        crate::article::Limits {
            max_payload_bytes: self.limits.max_payload_bytes,
            max_body_chars: self.limits.max_body_chars,
            max_entities: self.limits.max_entities,
        }
    }
}

/// Hides `user:password@` in URLs.
pub fn redact_url(url: &str) -> String {
    url.split(',')
        .map(|u| match (u.find("://"), u.rfind('@')) {
            (Some(scheme), Some(at)) if at > scheme => {
                format!("{}<redacted>@{}", &u[..scheme + 3], &u[at + 1..])
            }
            _ => u.to_string(),
        })
        .collect::<Vec<_>>()
        .join(",")
}

fn read_file(path: &Path) -> Result<Table, SettingsError> {
    let text = std::fs::read_to_string(path).map_err(|source| SettingsError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    text.parse().map_err(|e| SettingsError::Parse {
        path: path.to_path_buf(),
        source: Box::new(e),
    })
}

/// Deep-merges `over` into `base`.
fn merge(base: &mut Table, over: Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(Value::Table(b)), Value::Table(o)) => merge(b, o),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

fn set(table: &mut Table, section: &str, key: &str, value: Value) {
    let entry = table
        .entry(section.to_string())
        .or_insert_with(|| Value::Table(Table::new()));
    if let Value::Table(t) = entry {
        t.insert(key.to_string(), value);
    } else {
        *entry = Value::Table(Table::from_iter([(key.to_string(), value)]));
    }
}

/// An environment or flag value: a TOML bool or number where it parses as
/// one, else a string.
fn scalar(value: &str) -> Value {
    match value {
        "true" => Value::Boolean(true),
        "false" => Value::Boolean(false),
        v => v
            .parse::<i64>()
            .map(Value::Integer)
            .or_else(|_| v.parse::<f64>().map(Value::Float))
            .unwrap_or_else(|_| Value::String(v.to_string())),
    }
}

fn check_subject_pattern(key: &'static str, subject: &str) -> Result<(), SettingsError> {
    let tokens: Vec<&str> = subject.split('.').collect();
    let valid = !subject.is_empty()
        && tokens.iter().enumerate().all(|(i, t)| {
            !t.is_empty()
                && !t.chars().any(char::is_whitespace)
                && (*t != ">" || i == tokens.len() - 1)
                && (!t.contains(['*', '>']) || *t == "*" || *t == ">")
        });
    if valid {
        Ok(())
    } else {
        Err(SettingsError::Value {
            key,
            reason: format!("{subject:?} is not a valid subject"),
        })
    }
}

/// Placeholders an output subject template may use.
const PLACEHOLDERS: [&str; 3] = ["{source}", "{lang}", "{topic}"];

fn check_template(key: &'static str, template: &str) -> Result<(), SettingsError> {
    if template.contains(['*', '>']) {
        return Err(SettingsError::Value {
            key,
            reason: format!("{template:?} must not contain wildcards"),
        });
    }
    let mut rest = template.to_string();
    for p in PLACEHOLDERS {
        rest = rest.replace(p, "x");
    }
    if rest.contains(['{', '}']) {
        return Err(SettingsError::Value {
            key,
            reason: format!(
                "{template:?} has an unknown placeholder (known: {})",
                PLACEHOLDERS.join(", ")
            ),
        });
    }
    check_subject_pattern(key, &rest)
}

/// Fills an output subject template.
pub fn render_template(template: &str, source: &str, lang: &str, topic: &str) -> String {
    template
        .replace("{source}", source)
        .replace("{lang}", lang)
        .replace("{topic}", topic)
}

/// The stream subject that captures every subject a template can produce:
/// placeholder tokens become `*`, and a trailing one becomes `>`.
pub fn template_filter(template: &str) -> String {
    let tokens: Vec<&str> = template.split('.').collect();
    let last = tokens.len() - 1;
    tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            if t.contains('{') {
                if i == last { ">" } else { "*" }
            } else {
                t
            }
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// NATS subject matching with `*` and `>` wildcards in `pattern`.
pub fn subject_matches(pattern: &str, subject: &str) -> bool {
    let mut p = pattern.split('.');
    let mut s = subject.split('.');
    loop {
        match (p.next(), s.next()) {
            (Some(">"), Some(_)) => return true,
            (Some("*"), Some(_)) => {}
            (Some(a), Some(b)) if a == b => {}
            (None, None) => return true,
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(env: &[(&str, &str)]) -> Result<Settings, SettingsError> {
        Settings::load(&Sources {
            env: env
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..Sources::default()
        })
    }

    #[test]
    fn defaults_load_and_validate() {
        let s = load(&[]).expect("defaults are valid");
        assert_eq!(s.delivery.mode, Mode::Jetstream);
        assert_eq!(s.subjects.input, "wire.raw.>");
    }

    #[test]
    fn env_and_nats_url_override() {
        let s = load(&[
            ("WIRE__DELIVERY__MODE", "core"),
            ("WIRE__DELIVERY__BATCH_SIZE", "8"),
            ("NATS_URL", "nats://10.0.0.1:4222"),
            ("UNRELATED", "x"),
        ])
        .expect("valid");
        assert_eq!(s.delivery.mode, Mode::Core);
        assert_eq!(s.delivery.batch_size, 8);
        assert_eq!(s.nats.url, "nats://10.0.0.1:4222");
    }

    #[test]
    fn invalid_settings_name_the_key() {
        let cases: &[(&[(&str, &str)], &str)] = &[
            (&[("WIRE__DELIVERY__BATCH_SIZ", "8")], "batch_siz"),
            (&[("WIRE__NOPE__X", "8")], "nope"),
            (
                &[("WIRE__SUBJECTS__OUTPUT", "wire.out.>")],
                "subjects.output",
            ),
            (
                &[("WIRE__SUBJECTS__OUTPUT", "wire.raw.>")],
                "subjects.output",
            ),
            (
                &[("WIRE__SUBJECTS__OUTPUT", "wire.raw.{source}")],
                "subjects.output",
            ),
            (
                &[("WIRE__SUBJECTS__OUTPUT", "wire.{nope}")],
                "subjects.output",
            ),
            (&[("WIRE__DELIVERY__WORKERS", "0")], "delivery.workers"),
            (
                &[("WIRE__DELIVERY__MAX_IN_FLIGHT", "0")],
                "delivery.max_in_flight",
            ),
            (&[("WIRE__DELIVERY__MODE", "sometimes")], "mode"),
            (
                &[("WIRE__DELIVERY__STREAM_REPLICAS", "0")],
                "delivery.stream_replicas",
            ),
            (
                &[("WIRE__DELIVERY__STREAM_REPLICAS", "7")],
                "delivery.stream_replicas",
            ),
            (
                &[("WIRE__NATS__TOKEN", "t"), ("WIRE__NATS__CREDS_FILE", "/x")],
                "nats.token",
            ),
            (&[("WIRE__BADLY", "x")], "WIRE__BADLY"),
            (&[("WIRE__STATS__INTERVAL_MS", "10")], "stats.interval_ms"),
            (&[("WIRE__STATS__WORKER_ID", "a.b")], "stats.worker_id"),
            (
                &[("WIRE__STATS__SUBJECT_PREFIX", "wire.raw.stats")],
                "stats.subject_prefix",
            ),
        ];
        for (env, needle) in cases {
            let err = load(env).expect_err("invalid");
            let text = format!(
                "{err}: {}",
                std::error::Error::source(&err)
                    .map(|s| s.to_string())
                    .unwrap_or_default()
            );
            assert!(text.contains(needle), "env {env:?}: {text}");
        }
    }

    #[test]
    fn secrets_are_redacted() {
        let s = load(&[
            ("WIRE__NATS__TOKEN", "s3cr3t-token"),
            ("NATS_URL", "nats://bob:hunter2@127.0.0.1:4222"),
        ])
        .expect("valid");
        let shown = s.redacted_toml();
        assert!(!shown.contains("s3cr3t-token"), "{shown}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("<redacted>"));
    }

    #[test]
    fn subjects() {
        assert!(subject_matches("wire.raw.>", "wire.raw.ap"));
        assert!(subject_matches("wire.*.ap", "wire.raw.ap"));
        assert!(!subject_matches("wire.raw.>", "wire.raw"));
        assert!(!subject_matches("wire.raw.*", "wire.raw.ap.x"));
        assert_eq!(template_filter("wire.enriched.{source}"), "wire.enriched.>");
        assert_eq!(template_filter("wire.{lang}.out"), "wire.*.out");
        assert_eq!(
            render_template("a.{source}.{lang}.{topic}", "ap", "en", "1"),
            "a.ap.en.1"
        );
    }
}
