//! Properties of the normalizer on arbitrary and hostile input: it never
//! panics, every logged edit names text that is really there (inside the
//! body, on character boundaries), and replaying the edits on the raw body
//! gives the normalized body. The hostile cases only have to finish and
//! replay; their speed is measured in the benches, not asserted here.

use std::sync::{Arc, OnceLock};

use proptest::prelude::*;
use wire_enricher::normalize::{Normalized, Normalizer, Resources, replay};

/// Built once for all cases, as the worker does.
fn normalizer() -> &'static Normalizer {
    static NORMALIZER: OnceLock<Normalizer> = OnceLock::new();
    NORMALIZER.get_or_init(|| Normalizer::new(Arc::new(Resources::default())))
}

/// Byte offsets of every char boundary of `s`, end included.
fn boundaries(s: &str) -> Vec<usize> {
    s.char_indices().map(|(i, _)| i).chain([s.len()]).collect()
}

/// Checks every invariant of one normalization and returns a description
/// of the first broken one.
fn check(raw: &str, n: &Normalized) -> Result<(), String> {
    let raw_at = boundaries(raw);
    let out_at = boundaries(&n.text);
    let mut last_raw_end = 0;
    for edit in &n.edits {
        let (rs, re) = (edit.raw_span.start, edit.raw_span.end);
        let (ns, ne) = (edit.normalized_span.start, edit.normalized_span.end);
        if rs > re || re >= raw_at.len() || rs < last_raw_end {
            return Err(format!(
                "raw span out of order or outside the body: {edit:?}"
            ));
        }
        if ns > ne || ne >= out_at.len() {
            return Err(format!("normalized span outside the text: {edit:?}"));
        }
        if raw[raw_at[rs]..raw_at[re]] != edit.before {
            return Err(format!(
                "`before` is not the raw text at its span: {edit:?}"
            ));
        }
        if n.text[out_at[ns]..out_at[ne]] != edit.after {
            return Err(format!(
                "`after` is not the normalized text at its span: {edit:?}"
            ));
        }
        last_raw_end = re;
    }
    match replay(raw, &n.edits) {
        Some(text) if text == n.text => Ok(()),
        Some(text) => Err(format!("replay gives {text:?}, normalized is {:?}", n.text)),
        None => Err("edits do not replay".to_string()),
    }
}

/// Pieces of real and damaged wire copy, and of everything hostile.
fn fragment() -> impl Strategy<Value = String> {
    let pieces: Vec<&'static str> = vec![
        "مرحبا بالعالم",
        "שלום",
        "\u{200F}",
        "\u{202E}",
        "e\u{301}",
        "\u{301}\u{301}",
        "👩\u{200D}💻",
        "🇯🇵",
        "\0",
        "\r\n",
        "\r",
        "\n",
        "\n\n",
        "\t",
        "\u{A0}",
        "\u{200B}",
        "\u{FEFF}",
        "<p>",
        "</p>",
        "<br/>",
        "<script>",
        "</script>",
        "<!--",
        "-->",
        "<b class=\"x\">",
        "<AAPL.O>",
        "&amp;",
        "&amp;#8217;",
        "&#8217;",
        "&#x2019;",
        "&#0;",
        "&#146;",
        "&nbsp;",
        "&",
        "\"",
        "'",
        "``",
        "''",
        "“",
        "”",
        "‘",
        "’",
        "--",
        "â€™",
        "â€œ",
        "â€",
        "\u{9d}",
        "Ã©",
        "Â ",
        "Ã",
        "inter-\nnational",
        "anti-\nship",
        "-\n",
        "Reuter",
        "\nReuters",
        " (AP)",
        "\n-- MORE --\n",
        "ENDS",
        "\n###",
        "-30-",
        "(Reporting by A; Editing by B)",
        ". ",
        "WASHINGTON – ",
    ];
    prop_oneof![
        prop::sample::select(pieces).prop_map(str::to_string),
        any::<char>().prop_map(String::from),
        "[a-zA-Z]{1,12}",
        "[a-z ,.]{20,80}\n",
    ]
}

fn body() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..80).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn edits_replay_on_mixed_wire_damage(raw in body()) {
        let n = normalizer().normalize(&raw);
        if let Err(problem) = check(&raw, &n) {
            prop_assert!(false, "{problem}\nraw: {raw:?}");
        }
    }

    #[test]
    fn edits_replay_on_any_unicode(raw in any::<String>()) {
        let n = normalizer().normalize(&raw);
        if let Err(problem) = check(&raw, &n) {
            prop_assert!(false, "{problem}\nraw: {raw:?}");
        }
    }
}

#[test]
fn hostile_bodies_complete_and_replay() {
    let n = normalizer();
    let cases: Vec<(&str, String)> = vec![
        ("a single 5 MB word", "a".repeat(5 * 1024 * 1024)),
        ("200,000 one-character lines", "a\n".repeat(200_000)),
        ("a million straight quotes", "\"".repeat(1_000_000)),
        ("a million curly quotes", "“".repeat(1_000_000)),
        (
            "a million opening quotes before words",
            "“a ".repeat(300_000),
        ),
        ("unclosed tags", "<".repeat(1_000_000)),
        ("unclosed comments", "<!--".repeat(200_000)),
        ("unclosed scripts", "<script>".repeat(200_000)),
        ("ampersands", "&#".repeat(500_000)),
        ("mojibake leads", "Ã".repeat(1_000_000)),
        ("hyphenated lines", "inter-\nnational ".repeat(100_000)),
        ("trailer lines", "Reuter\n".repeat(100_000)),
        ("take markers", "x\n-- MORE --\n".repeat(100_000)),
        (
            "wrapped paragraphs",
            "a line of text that is about fifty characters wide\n".repeat(50_000),
        ),
    ];
    for (what, raw) in cases {
        let out = n.normalize(&raw);
        if let Err(problem) = check(&raw, &out) {
            panic!("{what}: {problem:.300}");
        }
    }
}
