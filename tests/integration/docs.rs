//! The README's configuration reference and `config/default.toml` name the
//! same keys with the same defaults, so neither can drift from the other.

use std::collections::BTreeMap;
use std::path::Path;

fn repo_file(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `section.key` → default, from `config/default.toml`.
fn default_keys() -> BTreeMap<String, toml::Value> {
    let table: toml::Table = repo_file("config/default.toml").parse().expect("TOML");
    let mut keys = BTreeMap::new();
    for (section, value) in table {
        let toml::Value::Table(inner) = value else {
            panic!("top-level key {section} outside a section");
        };
        for (key, value) in inner {
            keys.insert(format!("{section}.{key}"), value);
        }
    }
    keys
}

/// `section.key` → default, from the README's "Configuration reference"
/// table: rows like "| `nats.url` | `"nats://127.0.0.1:4222"` | meaning |".
fn readme_keys() -> BTreeMap<String, toml::Value> {
    let readme = repo_file("README.md");
    let section = readme
        .split("### Configuration reference")
        .nth(1)
        .expect("README has a Configuration reference section");
    let section = section.split("\n#").next().unwrap_or(section);
    let mut keys = BTreeMap::new();
    for line in section.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.split(" | ").collect();
        assert!(cells.len() >= 3, "malformed row: {line}");
        let key = cells[0]
            .trim_start_matches("| ")
            .trim_matches('`')
            .to_string();
        let literal = cells[1].trim_matches('`');
        let parsed: toml::Table = format!("v = {literal}")
            .parse()
            .unwrap_or_else(|e| panic!("{key}: default {literal} is not TOML: {e}"));
        assert!(
            cells[2].trim_end_matches(" |").trim().len() > 3,
            "{key}: no meaning given"
        );
        assert!(
            keys.insert(key.clone(), parsed["v"].clone()).is_none(),
            "{key} listed twice"
        );
    }
    keys
}

#[test]
fn readme_configuration_reference_matches_default_toml() {
    let defaults = default_keys();
    let readme = readme_keys();
    let missing: Vec<&String> = defaults
        .keys()
        .filter(|k| !readme.contains_key(*k))
        .collect();
    let unknown: Vec<&String> = readme
        .keys()
        .filter(|k| !defaults.contains_key(*k))
        .collect();
    assert!(
        missing.is_empty() && unknown.is_empty(),
        "README configuration reference is out of date: missing {missing:?}, not in config/default.toml {unknown:?}"
    );
    for (key, value) in &defaults {
        assert_eq!(&readme[key], value, "README default of {key}");
    }
}

#[test]
fn readme_lists_every_exported_metric_family() {
    let readme = repo_file("README.md");
    // Labelled families appear only once they have a series: give each one.
    let stats = wire_enricher::nats::Stats::new();
    stats.set_build_info("jetstream");
    stats.record_enriched(
        wire_enricher::window::ArticleFacts {
            topic: Some(("11000000".into(), "politics".into())),
            ..Default::default()
        },
        None,
    );
    stats.record_dead_letter("not_utf8");
    let name = [wire_enricher::window::NameCount {
        name: "Japan".into(),
        count: 1,
    }];
    stats.set_top_entities([("place", &name), ("person", &[]), ("organisation", &[])]);
    let mut families = 0;
    for line in stats.encode().lines() {
        if let Some(rest) = line.strip_prefix("# TYPE ") {
            let mut parts = rest.split_whitespace();
            let (name, kind) = (parts.next().expect("name"), parts.next().expect("type"));
            let shown = if kind == "counter" {
                format!("`{name}_total`")
            } else {
                format!("`{name}`")
            };
            assert!(readme.contains(&shown), "README metrics list lacks {shown}");
            families += 1;
        }
    }
    assert_eq!(families, 16, "every family exported");
}
