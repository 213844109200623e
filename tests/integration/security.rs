//! Security: the worker against nats-servers configured for each kind of
//! authentication (token, user/password, NKey, `.creds` JWT) and for TLS with
//! a custom CA and mutual TLS; wrong credentials end the binary quickly with a
//! clear error; secrets never show up in logs, errors or `check-config`.
//!
//! Certificates, NKeys and JWTs are made in the test (rcgen, nkeys); nothing
//! is read from the network or from fixtures that could expire.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use async_nats::jetstream;
use base64::Engine as _;
use bytes::Bytes;
use wire_enricher::nats::Stats;
use wire_enricher::settings::Settings;

use crate::support::*;

/// The worker, started with `env`, enriches one article end to end; the
/// test's own client connects with the same settings through the worker's
/// `connect`, so it exercises the same options.
async fn worker_enriches_with(url: &str, env: &[(&str, &str)]) {
    let settings: Settings = settings(url, env);
    let worker = Worker::spawn(settings.clone());
    let client = wire_enricher::nats::connect(&settings.nats, Stats::new(), 1024)
        .await
        .expect("test client connects with the worker's settings");
    let js = jetstream::new(client.clone());
    consumer_ready(&js).await;
    js.publish(
        "wire.raw.ap",
        Bytes::from(r#"{"id":"s-1","body":"Officials met on Monday."}"#),
    )
    .await
    .expect("sent")
    .await
    .expect("stored");
    consumer_settled(&js, Duration::from_secs(20)).await;
    assert_eq!(message_count(&js, "WIRE_ENRICHED").await, 1);
    worker.stop().await;
}

/// What the binary did when run with `args` and `env` (at most `limit`).
struct Run {
    success: bool,
    took: Duration,
    output: String,
}

fn run_binary(args: &[&str], env: &[(&str, &str)], limit: Duration) -> Run {
    run_binary_until(args, env, limit, None)
}

/// Runs the binary until it exits, `limit` passes or its output holds
/// `until`. Its output is read as it comes, so a chatty run never blocks on
/// a full pipe.
fn run_binary_until(
    args: &[&str],
    env: &[(&str, &str)],
    limit: Duration,
    until: Option<&str>,
) -> Run {
    use std::io::Read;
    use std::sync::{Arc, Mutex};

    let started = Instant::now();
    let mut child = Command::new(bin())
        .args(args)
        .env_remove("NATS_URL")
        .env("WIRE__HTTP__LISTEN", "127.0.0.1:0")
        .env("WIRE__LOG__FORMAT", "json")
        .env("RUST_LOG", "debug")
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary starts");
    let output = Arc::new(Mutex::new(Vec::<u8>::new()));
    let readers: Vec<_> = [
        child
            .stdout
            .take()
            .map(|r| Box::new(r) as Box<dyn Read + Send>),
        child
            .stderr
            .take()
            .map(|r| Box::new(r) as Box<dyn Read + Send>),
    ]
    .into_iter()
    .flatten()
    .map(|mut pipe| {
        let output = Arc::clone(&output);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                output
                    .lock()
                    .expect("output lock")
                    .extend_from_slice(&buf[..n]);
            }
        })
    })
    .collect();
    let seen = |text: &str| {
        let output = output.lock().expect("output lock");
        String::from_utf8_lossy(&output).contains(text)
    };
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break Some(status);
        }
        if started.elapsed() > limit || until.is_some_and(seen) {
            let _ = child.kill();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let status = status.unwrap_or_else(|| child.wait().expect("wait after kill"));
    for reader in readers {
        let _ = reader.join();
    }
    let output = output.lock().expect("output lock");
    Run {
        success: status.success(),
        took: started.elapsed(),
        output: String::from_utf8_lossy(&output).into_owned(),
    }
}

/// Wrong credentials: a non-zero exit well inside the 30 s connect timeout
/// (so no retry loop), an error that says what failed, and no secret in it.
/// The bound leaves room for start-up on a loaded machine (loading the
/// word lists and gazetteers took over 5 s with builds running beside it);
/// a retry loop would run to the timeout.
fn assert_rejected_quickly(url: &str, env: &[(&str, &str)], says: &str, secrets: &[&str]) {
    let mut env = env.to_vec();
    env.push(("NATS_URL", url));
    let run = run_binary(&["run"], &env, Duration::from_secs(20));
    assert!(!run.success, "exit status is non-zero:\n{}", run.output);
    assert!(
        run.took < Duration::from_secs(15),
        "gave up at once, not after retries ({:?}):\n{}",
        run.took,
        run.output
    );
    assert!(
        run.output.contains(says),
        "error says {says:?}:\n{}",
        run.output
    );
    assert_no_secrets(&run.output, secrets);
}

fn assert_no_secrets(text: &str, secrets: &[&str]) {
    for secret in secrets {
        assert!(
            !text.contains(secret),
            "secret {secret:?} appears in:\n{text}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token_authentication() {
    let token = "tok-7d1c0e5a9b";
    let server =
        NatsServer::start_with_config(&format!("authorization {{ token: \"{token}\" }}\n"));
    worker_enriches_with(&server.url(), &[("WIRE__NATS__TOKEN", token)]).await;
    assert_rejected_quickly(
        &server.url(),
        &[("WIRE__NATS__TOKEN", "tok-wrong-1234")],
        "authentication failed",
        &["tok-wrong-1234", token],
    );
    assert_rejected_quickly(&server.url(), &[], "authentication failed", &[token]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn user_and_password_authentication() {
    let password = "pw-3e8f1a77c2";
    let server = NatsServer::start_with_config(&format!(
        "authorization {{ user: wire, password: \"{password}\" }}\n"
    ));
    worker_enriches_with(
        &server.url(),
        &[
            ("WIRE__NATS__USER", "wire"),
            ("WIRE__NATS__PASSWORD", password),
        ],
    )
    .await;
    assert_rejected_quickly(
        &server.url(),
        &[
            ("WIRE__NATS__USER", "wire"),
            ("WIRE__NATS__PASSWORD", "pw-wrong-9911"),
        ],
        "authentication failed",
        &["pw-wrong-9911", password],
    );
    // In the URL instead of the settings.
    let url = server
        .url()
        .replace("nats://", &format!("nats://wire:{password}@"));
    worker_enriches_with(&url, &[]).await;
    let url = server
        .url()
        .replace("nats://", "nats://wire:pw-wrong-9911@");
    assert_rejected_quickly(&url, &[], "authentication failed", &["pw-wrong-9911"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nkey_authentication() {
    let user = nkeys::KeyPair::new_user();
    let seed = user.seed().expect("seed");
    let server = NatsServer::start_with_config(&format!(
        "authorization {{ users: [ {{ nkey: {} }} ] }}\n",
        user.public_key()
    ));
    worker_enriches_with(&server.url(), &[("WIRE__NATS__NKEY_SEED", &seed)]).await;
    let stranger = nkeys::KeyPair::new_user().seed().expect("seed");
    assert_rejected_quickly(
        &server.url(),
        &[("WIRE__NATS__NKEY_SEED", &stranger)],
        "authentication failed",
        &[&stranger, &seed],
    );
}

/// A JWT (header.claims.signature, base64url without padding) signed by
/// `issuer` with the `ed25519-nkey` algorithm nats-server expects.
fn jwt(issuer: &nkeys::KeyPair, subject: &str, name: &str, nats: serde_json::Value) -> String {
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let header = b64.encode(r#"{"typ":"JWT","alg":"ed25519-nkey"}"#);
    let claims = serde_json::json!({
        "jti": format!("{name}-{subject}"),
        "iat": 1_700_000_000,
        "iss": issuer.public_key(),
        "name": name,
        "sub": subject,
        "nats": nats,
    });
    let claims = b64.encode(claims.to_string());
    let signature = issuer
        .sign(format!("{header}.{claims}").as_bytes())
        .expect("sign");
    format!("{header}.{claims}.{}", b64.encode(signature))
}

/// Account claims without limits; with `jetstream`, unlimited JetStream
/// too (the system account must not have it).
fn account_claims(jetstream: bool) -> serde_json::Value {
    let mut limits = serde_json::json!({
        "subs": -1, "data": -1, "payload": -1, "imports": -1, "exports": -1,
        "wildcards": true, "conn": -1, "leaf": -1
    });
    if jetstream {
        for key in ["mem_storage", "disk_storage", "streams", "consumer"] {
            limits[key] = serde_json::json!(-1);
        }
    }
    serde_json::json!({
        "limits": limits,
        "default_permissions": {"pub": {}, "sub": {}},
        "type": "account",
        "version": 2
    })
}

fn user_claims() -> serde_json::Value {
    serde_json::json!({
        "pub": {}, "sub": {}, "subs": -1, "data": -1, "payload": -1,
        "type": "user", "version": 2
    })
}

/// A `.creds` file as `nsc` writes it: the user JWT and the user's seed.
fn creds_file(dir: &Path, name: &str, user_jwt: &str, seed: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(
        &path,
        format!(
            "-----BEGIN NATS USER JWT-----\n{user_jwt}\n------END NATS USER JWT------\n\n\
             ************************* IMPORTANT *************************\n\
             NKEY Seed printed below can be used to sign and prove identity.\n\n\
             -----BEGIN USER NKEY SEED-----\n{seed}\n------END USER NKEY SEED------\n"
        ),
    )
    .expect("write creds");
    path
}

/// Decentralized auth: an operator, a system account and an application
/// account preloaded into a memory resolver, and a user `.creds` file
/// signed by the application account.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn creds_file_authentication() {
    let operator = nkeys::KeyPair::new_operator();
    let system = nkeys::KeyPair::new_account();
    let account = nkeys::KeyPair::new_account();
    let operator_jwt = jwt(
        &operator,
        &operator.public_key(),
        "wire-operator",
        serde_json::json!({"type": "operator", "version": 2,
            "system_account": system.public_key()}),
    );
    let system_jwt = jwt(
        &operator,
        &system.public_key(),
        "SYS",
        account_claims(false),
    );
    let account_jwt = jwt(
        &operator,
        &account.public_key(),
        "WIRE",
        account_claims(true),
    );
    let server = NatsServer::start_with_config(&format!(
        "operator: \"{operator_jwt}\"\nsystem_account: {}\nresolver: MEMORY\n\
         resolver_preload: {{\n  {}: \"{system_jwt}\"\n  {}: \"{account_jwt}\"\n}}\n",
        system.public_key(),
        system.public_key(),
        account.public_key(),
    ));
    let user = nkeys::KeyPair::new_user();
    let seed = user.seed().expect("seed");
    let user_jwt = jwt(&account, &user.public_key(), "worker", user_claims());
    let creds = creds_file(server.dir.path(), "worker.creds", &user_jwt, &seed);
    let creds = creds.to_str().expect("utf-8 path");
    worker_enriches_with(&server.url(), &[("WIRE__NATS__CREDS_FILE", creds)]).await;

    // A user signed by an account the server does not know.
    let rogue_account = nkeys::KeyPair::new_account();
    let rogue = nkeys::KeyPair::new_user();
    let rogue_seed = rogue.seed().expect("seed");
    let rogue_jwt = jwt(&rogue_account, &rogue.public_key(), "rogue", user_claims());
    let rogue_creds = creds_file(server.dir.path(), "rogue.creds", &rogue_jwt, &rogue_seed);
    assert_rejected_quickly(
        &server.url(),
        &[(
            "WIRE__NATS__CREDS_FILE",
            rogue_creds.to_str().expect("utf-8 path"),
        )],
        "authentication failed",
        &[&rogue_seed, &seed],
    );
    // A creds file that is not there: a clear error naming the path.
    let run = run_binary(
        &["run"],
        &[
            ("NATS_URL", &server.url()),
            ("WIRE__NATS__CREDS_FILE", "/nonexistent/worker.creds"),
        ],
        Duration::from_secs(20),
    );
    assert!(!run.success);
    assert!(
        run.output
            .contains("cannot read NATS credentials file /nonexistent/worker.creds"),
        "{}",
        run.output
    );
}

/// A CA, a server certificate for 127.0.0.1 and a client certificate, all
/// PEM files in `dir`: (ca, server cert, server key, client cert, client key).
struct Pki {
    ca: PathBuf,
    server_cert: PathBuf,
    server_key: PathBuf,
    client_cert: PathBuf,
    client_key: PathBuf,
    other_ca: PathBuf,
}

fn pki(dir: &Path) -> Pki {
    use rcgen::{
        BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer,
        KeyPair, KeyUsagePurpose, SanType,
    };
    let write = |name: &str, text: String| {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("write pem");
        path
    };
    let ca = |cn: &str| {
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("params");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.distinguished_name.push(DnType::CommonName, cn);
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let key = KeyPair::generate().expect("key");
        let cert = params.self_signed(&key).expect("self-signed");
        (cert.pem(), Issuer::new(params, key))
    };
    let (ca_pem, issuer) = ca("wire test CA");
    let (other_ca_pem, _) = ca("some other CA");
    let leaf = |cn: &str, usage: ExtendedKeyUsagePurpose| {
        let mut params = CertificateParams::new(vec!["localhost".to_string()]).expect("params");
        params
            .subject_alt_names
            .push(SanType::IpAddress(std::net::IpAddr::from([127, 0, 0, 1])));
        params.distinguished_name.push(DnType::CommonName, cn);
        params.extended_key_usages = vec![usage];
        let key = KeyPair::generate().expect("key");
        let cert = params.signed_by(&key, &issuer).expect("signed");
        (cert.pem(), key.serialize_pem())
    };
    let (server_cert, server_key) = leaf("nats-server", ExtendedKeyUsagePurpose::ServerAuth);
    let (client_cert, client_key) = leaf("wire-enricher", ExtendedKeyUsagePurpose::ClientAuth);
    Pki {
        ca: write("ca.pem", ca_pem),
        server_cert: write("server.pem", server_cert),
        server_key: write("server-key.pem", server_key),
        client_cert: write("client.pem", client_cert),
        client_key: write("client-key.pem", client_key),
        other_ca: write("other-ca.pem", other_ca_pem),
    }
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tls_with_a_custom_ca() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pki = pki(dir.path());
    let server = NatsServer::start_with_config(&format!(
        "tls {{\n  cert_file: \"{}\"\n  key_file: \"{}\"\n  timeout: 2\n}}\n",
        path(&pki.server_cert),
        path(&pki.server_key)
    ));
    worker_enriches_with(
        &server.url(),
        &[
            ("WIRE__NATS__TLS_CA_FILE", path(&pki.ca)),
            ("WIRE__NATS__TLS_REQUIRED", "true"),
        ],
    )
    .await;
    // A CA that did not sign the server's certificate.
    assert_rejected_quickly(
        &server.url(),
        &[
            ("WIRE__NATS__TLS_CA_FILE", path(&pki.other_ca)),
            ("WIRE__NATS__TLS_REQUIRED", "true"),
        ],
        "TLS",
        &[],
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mutual_tls() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pki = pki(dir.path());
    let server = NatsServer::start_with_config(&format!(
        "tls {{\n  cert_file: \"{}\"\n  key_file: \"{}\"\n  ca_file: \"{}\"\n  verify: true\n  timeout: 2\n}}\n",
        path(&pki.server_cert),
        path(&pki.server_key),
        path(&pki.ca)
    ));
    worker_enriches_with(
        &server.url(),
        &[
            ("WIRE__NATS__TLS_CA_FILE", path(&pki.ca)),
            ("WIRE__NATS__TLS_CERT_FILE", path(&pki.client_cert)),
            ("WIRE__NATS__TLS_KEY_FILE", path(&pki.client_key)),
            ("WIRE__NATS__TLS_REQUIRED", "true"),
        ],
    )
    .await;
    // No client certificate: the server refuses the handshake.
    assert_rejected_quickly(
        &server.url(),
        &[
            ("WIRE__NATS__TLS_CA_FILE", path(&pki.ca)),
            ("WIRE__NATS__TLS_REQUIRED", "true"),
        ],
        "TLS",
        &[],
    );
}

/// Secrets given in every way the settings take them are redacted by
/// `check-config`, and absent from the logs and the error of a refused run
/// and from the logs of an accepted one, at debug level.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secrets_never_appear_in_output() {
    let server = NatsServer::start_with_config("authorization { token: \"the-right-one-6a2f\" }\n");
    let seed = nkeys::KeyPair::new_user().seed().expect("seed");
    let url_with_password = server
        .url()
        .replace("nats://", "nats://wire:pw-url-55e2b1@");
    let url = server.url();
    // (settings that carry a secret, the secret)
    let cases: [(Vec<(&str, &str)>, &str); 4] = [
        (
            vec![("NATS_URL", &url), ("WIRE__NATS__TOKEN", "tok-4f0b2c9e11")],
            "tok-4f0b2c9e11",
        ),
        (
            vec![
                ("NATS_URL", &url),
                ("WIRE__NATS__USER", "wire"),
                ("WIRE__NATS__PASSWORD", "pw-a81c3d5e77"),
            ],
            "pw-a81c3d5e77",
        ),
        (
            vec![("NATS_URL", &url), ("WIRE__NATS__NKEY_SEED", &seed)],
            &seed,
        ),
        (vec![("NATS_URL", &url_with_password)], "pw-url-55e2b1"),
    ];
    for (env, secret) in &cases {
        let shown = run_binary(&["check-config"], env, Duration::from_secs(10));
        assert!(shown.success, "{}", shown.output);
        assert!(shown.output.contains("<redacted>"), "{}", shown.output);
        assert_no_secrets(&shown.output, &[secret]);

        let run = run_binary(&["run"], env, Duration::from_secs(20));
        assert!(!run.success, "{}", run.output);
        assert!(
            run.output.contains("authentication failed"),
            "{}",
            run.output
        );
        assert_no_secrets(&run.output, &[secret]);
    }

    // And a worker that is let in logs at debug level until it consumes
    // without showing its token (start-up takes seconds on a loaded
    // machine, so the run waits for the line, not a fixed time).
    let run = run_binary_until(
        &["run"],
        &[
            ("NATS_URL", &url),
            ("WIRE__NATS__TOKEN", "the-right-one-6a2f"),
        ],
        Duration::from_secs(30),
        Some("consuming"),
    );
    assert!(run.output.contains("consuming"), "{}", run.output);
    assert_no_secrets(&run.output, &["the-right-one-6a2f"]);
}
