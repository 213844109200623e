//! Golden records: the whole pipeline on fixed input, compared byte for byte
//! with a file in `tests/golden/`. Rewrite them on purpose with `BLESS=1`.

use std::path::{Path, PathBuf};

use crate::support::{assert_valid_record, bin, ninjs_validator};

const STAMP: &str = "2026-01-01T00:00:00Z";

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Compares `actual` with the golden file, or rewrites it under `BLESS=1`.
fn check_golden(name: &str, actual: &str) {
    let path = repo("tests/golden").join(name);
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing {}; create it with BLESS=1", path.display()));
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from the golden file at line {}:\n  golden: {:?}\n  actual: {:?}\n(rewrite with BLESS=1 if the change is intended)",
            first + 1,
            expected.lines().nth(first),
            actual.lines().nth(first)
        );
    }
}

/// `wire-enricher enrich` on the seed story gives the golden record.
#[test]
fn enrich_command_on_the_seed_story_gives_the_golden_record() {
    let output = std::process::Command::new(bin())
        .args(["enrich", "--processed-at", STAMP])
        .arg(repo("tests/data/seed-000.raw.txt"))
        .env("RUST_LOG", "error")
        .output()
        .expect("enrich runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).expect("utf8");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "one record per article");
    let record: serde_json::Value = serde_json::from_str(lines[0]).expect("json");
    assert_valid_record(&record);
    let pretty = serde_json::to_string_pretty(&record).expect("pretty") + "\n";
    check_golden("seed-000.json", &pretty);

    // The edit log replays onto the raw body.
    let raw = std::fs::read_to_string(repo("tests/data/seed-000.raw.txt")).expect("raw");
    let mut out = String::new();
    let chars: Vec<char> = raw.chars().collect();
    let mut at = 0usize;
    for edit in record["enrichment"]["normalization"]["edits"]
        .as_array()
        .expect("edits")
    {
        let start = edit["rawSpan"]["start"].as_u64().expect("start") as usize;
        let end = edit["rawSpan"]["end"].as_u64().expect("end") as usize;
        assert!(start >= at && end >= start && end <= chars.len());
        out.extend(&chars[at..start]);
        assert_eq!(
            chars[start..end].iter().collect::<String>(),
            edit["before"].as_str().expect("before")
        );
        out.push_str(edit["after"].as_str().expect("after"));
        at = end;
    }
    out.extend(&chars[at..]);
    assert_eq!(
        out,
        record["ninjs"]["bodies"][0]["value"]
            .as_str()
            .expect("body")
    );
}

/// A bad line becomes an error line and a non-zero exit; the good lines
/// still come out, in order.
#[test]
fn enrich_command_reports_bad_lines_and_fails_at_the_end() {
    let dir = tempfile::tempdir().expect("tmp");
    let input = dir.path().join("in.jsonl");
    std::fs::write(
        &input,
        "{\"id\":\"1\",\"body\":\"First.\"}\n{not json\n{\"id\":\"3\",\"body\":\"Third.\"}\n",
    )
    .expect("write");
    let output = std::process::Command::new(bin())
        .args(["enrich", "--processed-at", STAMP])
        .arg(&input)
        .env("RUST_LOG", "error")
        .output()
        .expect("enrich runs");
    assert!(!output.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .expect("utf8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["ninjs"]["uri"], "urn:wire:unknown:1");
    assert_eq!(lines[1]["error"]["kind"], "malformed_json");
    assert_eq!(lines[1]["id"], "input:2");
    assert_eq!(lines[2]["ninjs"]["uri"], "urn:wire:unknown:3");
}

/// `wire-enricher enrich … | head`: a reader that stops early ends the
/// command quietly, with success and no panic.
#[test]
fn enrich_command_stops_quietly_when_its_reader_goes() {
    use std::io::Read;
    let dir = tempfile::tempdir().expect("tmp");
    let input = dir.path().join("in.jsonl");
    let line = "{\"id\":\"1\",\"body\":\"Officials met on Monday.\"}\n";
    std::fs::write(&input, line.repeat(20_000)).expect("write");
    let mut child = std::process::Command::new(bin())
        .args(["enrich", "--processed-at", STAMP])
        .arg(&input)
        .env("RUST_LOG", "error")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("enrich runs");
    let mut first = [0u8; 100];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut first)
        .expect("some output");
    // The read end is dropped here, closing the pipe.
    let output = child.wait_with_output().expect("enrich ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "status {:?}: {stderr}",
        output.status
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// The schema check can fail: a record with a broken ninjs part is rejected.
#[test]
fn the_ninjs_validator_rejects_invalid_documents() {
    let validator = ninjs_validator();
    assert!(validator.is_valid(&serde_json::json!({"uri": "urn:x:1", "type": "text"})));
    assert!(!validator.is_valid(&serde_json::json!({"uri": "urn:x:1", "type": "bogus"})));
    assert!(!validator.is_valid(&serde_json::json!({"uri": "urn:x:1", "unknownField": 1})));
    assert!(!validator.is_valid(&serde_json::json!({"type": "text"})));
}
