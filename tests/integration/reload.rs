//! Rules hot reload: SIGHUP swaps in rebuilt rules; a bad reload keeps the
//! rules in use and the worker running.

use std::path::Path;
use std::time::Duration;

use async_nats::jetstream;
use bytes::Bytes;
use futures::StreamExt;

use crate::support::*;

fn set_version(dir: &Path, version: &str) {
    let original =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/tag/topics.toml"))
            .expect("built-in topic rules");
    let mut replaced = false;
    let text: String = original
        .lines()
        .map(|line| {
            if !replaced && line.starts_with("version") {
                replaced = true;
                format!("version = \"{version}\"\n")
            } else {
                format!("{line}\n")
            }
        })
        .collect();
    assert!(replaced, "topics.toml declares a version");
    std::fs::write(dir.join("topics.toml"), text).expect("write rules");
}

fn sighup(pid: u32) {
    let status = std::process::Command::new("kill")
        .args(["-HUP", &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sighup_reloads_rules_and_a_bad_reload_keeps_the_old_ones() {
    let server = NatsServer::start();
    let rules = tempfile::tempdir().expect("rules dir");
    set_version(rules.path(), "first");
    let mut worker = std::process::Command::new(bin())
        .arg("run")
        .env("NATS_URL", server.url())
        .env("WIRE__RULES__DIR", rules.path())
        .env("WIRE__HTTP__LISTEN", "127.0.0.1:0")
        .env("RUST_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("worker starts");
    let client = client(&server.url()).await;
    let js = jetstream::new(client.clone());
    consumer_ready(&js).await;
    let mut sub = client
        .subscribe("wire.enriched.>")
        .await
        .expect("subscribe");

    let mut n = 0;
    let mut version_of_next_record = async || -> String {
        n += 1;
        let payload = Bytes::from(format!(
            "{{\"id\":\"r-{n}\",\"body\":\"Parliament passed the budget on day {n}.\"}}"
        ));
        js.publish("wire.raw.ap", payload)
            .await
            .expect("sent")
            .await
            .expect("stored");
        let msg = tokio::time::timeout(Duration::from_secs(10), sub.next())
            .await
            .expect("record arrives")
            .expect("subscription open");
        let record: serde_json::Value = serde_json::from_slice(&msg.payload).expect("json");
        record["enrichment"]["pipeline"]["rulesVersion"]
            .as_str()
            .expect("version")
            .to_string()
    };
    assert_eq!(version_of_next_record().await, "first");

    set_version(rules.path(), "second");
    sighup(worker.id());
    let mut seen = String::new();
    for _ in 0..50 {
        seen = version_of_next_record().await;
        if seen == "second" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(seen, "second", "reload took effect");

    std::fs::write(rules.path().join("topics.toml"), "not = [valid toml").expect("write bad rules");
    sighup(worker.id());
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        version_of_next_record().await,
        "second",
        "bad reload keeps the old rules"
    );
    assert!(
        worker.try_wait().expect("wait").is_none(),
        "worker still running"
    );

    let _ = std::process::Command::new("kill")
        .args(["-TERM", &worker.id().to_string()])
        .status();
    let _ = worker.wait();
}
