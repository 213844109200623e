//! The deployment files users run but this machine cannot (no Docker
//! engine): the compose file parses and every path it names exists.

use std::path::Path;

use serde_norway::Value;

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
