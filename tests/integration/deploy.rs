//! The deployment files users run but this machine cannot (no Docker
//! engine): the compose file parses and every path it names exists; the
//! Prometheus and Grafana files point at each other and at the worker; and
//! every metric the dashboard queries is one a running worker exports.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use async_nats::jetstream;
use bytes::Bytes;
use serde_norway::Value;

use crate::support::*;
use wire_enricher::window::ArticleFacts;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn compose_file_parses_and_names_existing_paths() {
    let text = std::fs::read_to_string(repo().join("docker-compose.yml")).expect("compose file");
    let compose: Value = serde_norway::from_str(&text).expect("compose file is YAML");
    let services = compose["services"].as_mapping().expect("services");
    assert!(services.contains_key("nats") && services.contains_key("enricher"));

    let enricher = &compose["services"]["enricher"];
    let context = enricher["build"]["context"]
        .as_str()
        .expect("build context");
    let dockerfile = enricher["build"]["dockerfile"]
        .as_str()
        .expect("dockerfile");
    let dockerfile_path = repo().join(context).join(dockerfile);
    assert!(
        dockerfile_path.is_file(),
        "{} missing",
        dockerfile_path.display()
    );
    assert_eq!(enricher["deploy"]["replicas"].as_u64(), Some(2));

    // Bind mounts ("./host:container[:ro]") point at files in the repo;
    // named volumes are declared.
    let declared = compose["volumes"].as_mapping().expect("volumes");
    for (name, service) in services {
        for volume in service["volumes"].as_sequence().into_iter().flatten() {
            let spec = volume.as_str().expect("short volume syntax");
            let host = spec.split(':').next().expect("host part");
            if host.starts_with('.') {
                assert!(repo().join(host).exists(), "{name:?}: {host} missing");
            } else {
                assert!(
                    declared.contains_key(host),
                    "{name:?}: volume {host} not declared"
                );
            }
        }
    }

    // Every COPY source in the Dockerfile exists.
    let dockerfile = std::fs::read_to_string(&dockerfile_path).expect("read Dockerfile");
    for line in dockerfile
        .lines()
        .filter(|l| l.starts_with("COPY ") && !l.contains("--from"))
    {
        let parts: Vec<&str> = line.split_whitespace().collect();
        for source in &parts[1..parts.len() - 1] {
            assert!(
                repo().join(source).exists(),
                "Dockerfile copies missing {source}"
            );
        }
    }
}

#[test]
fn compose_nats_config_syncs_every_write() {
    let text = std::fs::read_to_string(repo().join("deploy/nats.conf")).expect("nats.conf");
    assert!(text.lines().any(|l| l.trim() == "sync_interval: always"));
}

fn compose() -> Value {
    let text = std::fs::read_to_string(repo().join("docker-compose.yml")).expect("compose file");
    serde_norway::from_str(&text).expect("compose file is YAML")
}

fn yaml(path: &str) -> Value {
    let text = std::fs::read_to_string(repo().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_norway::from_str(&text).unwrap_or_else(|e| panic!("{path} is not YAML: {e}"))
}

fn dashboard() -> serde_json::Value {
    let path = repo().join("deploy/grafana/dashboards/wire-enricher.json");
    let text = std::fs::read_to_string(&path).expect("dashboard file");
    serde_json::from_str(&text).expect("dashboard is JSON")
}

/// The repo path a service bind-mounts at `target` in its container.
fn mounted_at(service: &Value, target: &str) -> PathBuf {
    service["volumes"]
        .as_sequence()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .find_map(|spec| {
            let mut parts = spec.split(':');
            let (host, inside) = (parts.next()?, parts.next()?);
            (inside == target).then(|| repo().join(host))
        })
        .unwrap_or_else(|| panic!("nothing mounted at {target}"))
}

#[test]
fn prometheus_and_grafana_are_wired_to_the_workers_and_each_other() {
    let compose = compose();
    let services = &compose["services"];
    let enricher = &services["enricher"];
    let listen = enricher["environment"]["WIRE__HTTP__LISTEN"]
        .as_str()
        .expect("WIRE__HTTP__LISTEN set for the worker");
    assert!(listen.starts_with("0.0.0.0:"), "{listen}");
    let port: u64 = listen
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .expect("port");

    // Prometheus reads the config it is given and finds every replica by DNS.
    let prometheus = &services["prometheus"];
    let config_flag = prometheus["command"]
        .as_sequence()
        .expect("prometheus command")
        .iter()
        .filter_map(Value::as_str)
        .find_map(|a| a.strip_prefix("--config.file="))
        .expect("--config.file");
    let config_path = mounted_at(prometheus, config_flag);
    assert_eq!(config_path, repo().join("./deploy/prometheus.yml"));
    let config = yaml("deploy/prometheus.yml");
    let job = &config["scrape_configs"][0];
    assert_eq!(job["metrics_path"].as_str(), Some("/metrics"));
    let sd = &job["dns_sd_configs"][0];
    assert_eq!(sd["names"][0].as_str(), Some("enricher"));
    assert_eq!(sd["port"].as_u64(), Some(port), "scrape port = worker port");

    // Grafana: the datasource the dashboard names is provisioned, pointing at
    // the prometheus service; the dashboard directory is where the provider looks.
    let grafana = &services["grafana"];
    let provisioning = mounted_at(grafana, "/etc/grafana/provisioning");
    let datasources: Value = serde_norway::from_str(
        &std::fs::read_to_string(provisioning.join("datasources/prometheus.yml")).expect("read"),
    )
    .expect("YAML");
    let ds = &datasources["datasources"][0];
    assert_eq!(ds["url"].as_str(), Some("http://prometheus:9090"));
    let uid = ds["uid"].as_str().expect("datasource uid");
    let providers: Value = serde_norway::from_str(
        &std::fs::read_to_string(provisioning.join("dashboards/wire-enricher.yml")).expect("read"),
    )
    .expect("YAML");
    let dashboards_dir = providers["providers"][0]["options"]["path"]
        .as_str()
        .expect("provider path");
    let host_dir = mounted_at(grafana, dashboards_dir);
    assert!(host_dir.join("wire-enricher.json").is_file());
    let home = grafana["environment"]["GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"]
        .as_str()
        .expect("home dashboard");
    let home_name = home
        .strip_prefix(&format!("{dashboards_dir}/"))
        .expect("in dir");
    assert!(host_dir.join(home_name).is_file(), "{home} missing");

    let dashboard = dashboard();
    for panel in dashboard["panels"].as_array().expect("panels") {
        let title = panel["title"].as_str().unwrap_or("?");
        assert_eq!(panel["datasource"]["uid"].as_str(), Some(uid), "{title}");
        for target in panel["targets"].as_array().expect("targets") {
            assert_eq!(target["datasource"]["uid"].as_str(), Some(uid), "{title}");
        }
    }
}

/// Every `wire_…` name in the dashboard's PromQL.
fn dashboard_metric_names() -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for panel in dashboard()["panels"].as_array().expect("panels") {
        for target in panel["targets"].as_array().expect("targets") {
            let expr = target["expr"].as_str().expect("expr");
            let mut rest = expr;
            while let Some(at) = rest.find("wire_") {
                let tail = &rest[at..];
                let end = tail
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(tail.len());
                names.insert(tail[..end].to_string());
                rest = &tail[end..];
            }
        }
    }
    names
}

/// Series names in Prometheus text, plus the names a declared family can
/// produce even before it has a series (`_total`, `_bucket`, …).
fn exported_names(metrics: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for line in metrics.lines() {
        if let Some(rest) = line.strip_prefix("# TYPE ") {
            let mut parts = rest.split_whitespace();
            let (Some(name), Some(kind)) = (parts.next(), parts.next()) else {
                continue;
            };
            let suffixes: &[&str] = match kind {
                "counter" => &["_total"],
                "histogram" => &["_bucket", "_count", "_sum"],
                "info" => &["_info"],
                _ => &[""],
            };
            for suffix in suffixes {
                names.insert(format!("{name}{suffix}"));
            }
        } else if !line.starts_with('#') {
            let end = line.find(['{', ' ']).unwrap_or(line.len());
            names.insert(line[..end].to_string());
        }
    }
    names
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_metric_the_dashboard_queries_is_exported_by_a_worker() {
    let server = NatsServer::start();
    let worker = Worker::spawn(settings(&server.url(), &[]));
    let js = jetstream::new(client(&server.url()).await);
    consumer_ready(&js).await;
    for payload in [
        r#"{"id":"d-1","body":"PARIS -- Ministers met on Monday."}"#,
        r#"{"id":"d-2","body":"BERLIN -- Markets rose."}"#,
        r#"{"id":"d-3","body":2}"#,
    ] {
        js.publish("wire.raw.deploy", Bytes::from(payload))
            .await
            .expect("sent")
            .await
            .expect("stored");
    }
    let addr = worker.http_addr().await;
    wait_until(Duration::from_secs(15), "articles settled", || async move {
        let (_, text) = http_get(addr, "/metrics").await.unwrap_or_default();
        text.contains("wire_articles_total{outcome=\"enriched\"} 2")
            && text.contains("wire_dead_letters_total{kind=\"field_type\"} 1")
    })
    .await;
    // The topic and entity families depend on what the tagger finds, which
    // this test is not about: one article's facts recorded directly make
    // sure those families have series too. The top-entity gauges follow
    // within a page refresh (one second).
    worker.stats.record_enriched(
        ArticleFacts {
            topic: Some(("11000000".into(), "politics".into())),
            people: vec!["Fumio Kishida".into()],
            places: vec!["Japan".into()],
            organisations: vec!["NATO".into()],
            processing_us: 100,
        },
        None,
    );
    wait_until(Duration::from_secs(5), "top entity gauges", || async move {
        let (_, text) = http_get(addr, "/metrics").await.unwrap_or_default();
        text.contains("wire_top_entity_articles{kind=\"organisation\",name=\"NATO\"} 1")
    })
    .await;
    let (_, metrics) = http_get(addr, "/metrics").await.expect("metrics");
    // Labelled series the dashboard groups by exist now.
    for series in [
        "wire_articles_total{outcome=",
        "wire_dead_letters_total{kind=",
        "wire_processing_duration_seconds_bucket{le=",
        "wire_end_to_end_lag_seconds_bucket{le=",
        "wire_build_info{",
        "wire_topics_total{topic=",
        "wire_top_entity_articles{kind=\"place\",name=\"Japan\"}",
    ] {
        assert!(metrics.contains(series), "no {series} series in\n{metrics}");
    }
    let exported = exported_names(&metrics);
    let used = dashboard_metric_names();
    assert!(
        used.len() >= 10,
        "dashboard queries too few metrics: {used:?}"
    );
    let missing: Vec<&String> = used.iter().filter(|n| !exported.contains(*n)).collect();
    assert!(
        missing.is_empty(),
        "dashboard queries metrics the worker does not export: {missing:?}\n{metrics}"
    );
    worker.stop().await;
}
