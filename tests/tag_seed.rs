//! Golden test: the tagger on the hand-repaired seed finds everything the
//! human tagger listed in `seed-000.expected.json`, with the right types.

use std::collections::HashSet;

use serde_json::Value;
use wire_enricher::tag::{EntityKind, QuantityKind, TagInput, Tagger, Tags};

const BODY: &str = include_str!("data/seed-000.repaired.txt");
const EXPECTED: &str = include_str!("data/seed-000.expected.json");

fn tags() -> (Tags, Value) {
    let tagger = Tagger::from_embedded().expect("embedded data builds");
    let tags = tagger.tag(&TagInput {
        body: BODY,
        headline: None,
        dateline_place: Some("Washington"),
        dateline_region: None,
    });
    let expected: Value = serde_json::from_str(EXPECTED).expect("expected json");
    (tags, expected)
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Whether an entity of `kind` is known under `name` (text, canonical or a mention).
fn has(tags: &Tags, kind: EntityKind, name: &str) -> bool {
    tags.entities.iter().any(|e| {
        e.kind == kind
            && (e.text == name || e.canonical == name || e.mentions.iter().any(|m| m.text == name))
    })
}

fn entity<'a>(
    tags: &'a Tags,
    kind: EntityKind,
    name: &str,
) -> Option<&'a wire_enricher::tag::Entity> {
    tags.entities.iter().find(|e| {
        e.kind == kind
            && (e.text == name || e.canonical == name || e.mentions.iter().any(|m| m.text == name))
    })
}

#[test]
fn dump_when_asked() {
    if std::env::var_os("DUMP").is_some() {
        let (tags, _) = tags();
        for e in &tags.entities {
            let m: Vec<&str> = e.mentions.iter().map(|m| m.text.as_str()).collect();
            println!(
                "{:?} {:?} canon={:?} cc={:?} title={:?} sal={} {:?}",
                e.kind, e.text, e.canonical, e.country_code, e.title, e.salience, m
            );
        }
        for q in &tags.quotes {
            println!(
                "QUOTE {:?} by {:?} cue {:?}",
                q.text,
                q.speaker.as_ref().map(|s| &s.text),
                q.cue
            );
        }
        for q in &tags.quantities {
            println!("QTY {:?} {} {}", q.text, q.value, q.unit);
        }
        for t in &tags.topics {
            println!("TOPIC {} {} {}", t.qcode, t.label, t.score);
        }
    }
}

#[test]
fn people_with_titles_and_surname_mentions() {
    let (tags, expected) = tags();
    for p in expected["people"].as_array().expect("people") {
        let name = p["name"].as_str().expect("name");
        let e = entity(&tags, EntityKind::Person, name)
            .unwrap_or_else(|| panic!("person {name} missing"));
        let want_title = p["title"].as_str().expect("title");
        assert_eq!(e.title.as_deref(), Some(want_title), "title of {name}");
        for m in strs(&p["mentions_include"]) {
            assert!(
                e.mentions.iter().any(|x| x.text == m),
                "{name} lacks mention {m}"
            );
        }
        for kind in [EntityKind::Place, EntityKind::Organization] {
            assert!(!has(&tags, kind, name), "{name} also tagged {kind:?}");
            if let Some(last) = name.split_whitespace().last() {
                assert!(!has(&tags, kind, last), "{last} tagged {kind:?}");
            }
        }
    }
}

#[test]
fn organisations_with_aliases() {
    let (tags, expected) = tags();
    for name in strs(&expected["organizations"]) {
        assert!(
            has(&tags, EntityKind::Organization, &name),
            "organisation {name} missing"
        );
    }
    let aliases = expected["organization_aliases"]
        .as_object()
        .expect("aliases");
    for (name, list) in aliases {
        let e = entity(&tags, EntityKind::Organization, name)
            .unwrap_or_else(|| panic!("{name} missing"));
        for alias in strs(list) {
            assert!(
                e.mentions.iter().any(|m| m.text == alias),
                "{name} lacks alias mention {alias}"
            );
        }
    }
}

#[test]
fn places_with_country_codes() {
    let (tags, expected) = tags();
    for p in expected["places"].as_array().expect("places") {
        let name = p["name"].as_str().expect("name");
        let e = entity(&tags, EntityKind::Place, name)
            .unwrap_or_else(|| panic!("place {name} missing"));
        assert_eq!(
            e.country_code.as_deref(),
            p["countryCode"].as_str(),
            "country of {name}"
        );
        for m in strs(&p["mentions_include"]) {
            assert!(
                e.mentions.iter().any(|x| x.text == m),
                "{name} lacks mention {m}"
            );
        }
    }
    assert_eq!(
        tags.dateline_country.as_deref(),
        expected["dateline"]["countryCode"].as_str()
    );
}

#[test]
fn nationalities() {
    let (tags, expected) = tags();
    for n in expected["nationalities"].as_array().expect("nationalities") {
        let text = n["text"].as_str().expect("text");
        let e = entity(&tags, EntityKind::Nationality, text)
            .unwrap_or_else(|| panic!("nationality {text} missing"));
        assert_eq!(
            e.country_code.as_deref(),
            n["countryCode"].as_str(),
            "country of {text}"
        );
    }
}

#[test]
fn top_level_topics() {
    let (tags, expected) = tags();
    let found: HashSet<&str> = tags
        .topics
        .iter()
        .filter(|t| t.level == 1)
        .map(|t| t.qcode.as_str())
        .collect();
    for t in expected["topics_top_level"].as_array().expect("topics") {
        let q = t["qcode"].as_str().expect("qcode");
        assert!(found.contains(q), "topic {q} missing from {found:?}");
        let topic = tags.topics.iter().find(|x| x.qcode == q).expect("found");
        assert!(!topic.evidence.is_empty(), "{q} has no evidence");
    }
}

#[test]
fn quotes_with_speakers() {
    let (tags, expected) = tags();
    for q in expected["quotes"].as_array().expect("quotes") {
        let start = q["text_starts"].as_str().expect("text_starts");
        let quote = tags
            .quotes
            .iter()
            .find(|x| x.text.starts_with(start))
            .unwrap_or_else(|| panic!("quote {start:?} missing"));
        let speaker = quote.speaker.as_ref().map(|s| s.text.as_str());
        let want = q["speaker"].as_str().expect("speaker");
        if q.get("note").is_some() {
            // Implicit attribution: unknown is allowed, a wrong name is not.
            assert!(
                speaker.is_none() || speaker == Some(want),
                "{start}: {speaker:?}"
            );
        } else {
            assert_eq!(speaker, Some(want), "speaker of {start:?}");
            assert!(quote.cue.is_some(), "cue of {start:?}");
        }
    }
}

#[test]
fn quantities() {
    let (tags, expected) = tags();
    for q in expected["quantities"].as_array().expect("quantities") {
        let text = q["text"].as_str().expect("text");
        let found = tags
            .quantities
            .iter()
            .find(|x| x.text == text)
            .unwrap_or_else(|| panic!("quantity {text} missing"));
        assert_eq!(found.kind, QuantityKind::Percent);
        assert_eq!(Some(found.value), q["value"].as_f64());
        assert_eq!(Some(found.unit.as_str()), q["unit"].as_str());
    }
}

#[test]
fn entities_are_sorted_by_first_mention() {
    let (tags, _) = tags();
    let firsts: Vec<usize> = tags
        .entities
        .iter()
        .map(|e| e.mentions[0].span.start)
        .collect();
    let mut sorted = firsts.clone();
    sorted.sort_unstable();
    assert_eq!(firsts, sorted);
}

#[test]
fn test_rules_passes_on_the_seed_directory() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let report = wire_enricher::tag::test_rules(&dir).expect("runs");
    assert!(report.success(), "{report}");
}

mod never_panics {
    use proptest::prelude::*;
    use std::sync::OnceLock;
    use wire_enricher::tag::{TagInput, Tagger};

    fn tagger() -> &'static Tagger {
        static TAGGER: OnceLock<Tagger> = OnceLock::new();
        TAGGER.get_or_init(Tagger::new)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// Arbitrary text made of the pieces that trip rules: names,
        /// titles, quotes of every kind, possessives, hyphens, figures.
        #[test]
        fn tagging_arbitrary_text_does_not_panic(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("President Joe Biden".to_string()),
                    Just(" said ".to_string()),
                    Just("“".to_string()), Just("”".to_string()), Just("\"".to_string()),
                    Just("’s".to_string()), Just("'s".to_string()), Just("-".to_string()),
                    Just("U.S.".to_string()), Just(", a spokesman for the ".to_string()),
                    Just("$1.5 billion".to_string()), Just("2%".to_string()),
                    Just("\n".to_string()), Just(". ".to_string()), Just("Ministry of ".to_string()),
                    Just("WASHINGTON –".to_string()), Just("é".to_string()),
                    "[A-Za-z’'“”. ,\\-]{0,12}",
                    any::<String>(),
                ],
                0..40,
            )
        ) {
            let body: String = parts.concat();
            let tags = tagger().tag(&TagInput { body: &body, headline: Some(&body), dateline_place: Some(&body), dateline_region: None });
            let chars = body.chars().count();
            for e in &tags.entities {
                for m in &e.mentions {
                    prop_assert!(m.span.start <= m.span.end && m.span.end <= chars);
                }
            }
        }
    }
}

#[test]
fn dump_file_when_asked() {
    if let Some(path) = std::env::var_os("DUMP_FILE") {
        let raw = std::fs::read_to_string(path).expect("read");
        let body = raw
            .replace("[[PER:", "")
            .replace("[[ORG:", "")
            .replace("[[LOC:", "")
            .replace("]]", "");
        let tagger = Tagger::from_embedded().expect("embedded data builds");
        let tags = tagger.tag(&TagInput {
            body: &body,
            headline: None,
            dateline_place: None,
            dateline_region: None,
        });
        for e in &tags.entities {
            let m: Vec<&str> = e.mentions.iter().map(|m| m.text.as_str()).collect();
            println!("{:?} {:?} title={:?} {:?}", e.kind, e.canonical, e.title, m);
        }
    }
}

/// The tags reach the record: ninjs people, organisations, places and
/// subjects, and the enrichment lists, from the raw seed through the whole
/// pipeline (whatever the repair stage leaves unrepaired).
#[test]
fn tags_reach_the_record_through_the_pipeline() {
    use wire_enricher::article::Limits;
    use wire_enricher::pipeline::{Meta, Pipeline};
    let raw = include_str!("data/seed-000.raw.txt");
    let payload =
        serde_json::json!({"id": "seed-000", "headline": "Biden, Kishida to meet", "body": raw})
            .to_string();
    let p = Pipeline::new(Limits::default());
    let meta = Meta {
        subject: Some("wire.raw.ap"),
        stream_sequence: Some(1),
        msg_id: None,
        processed_at: "2026-01-01T00:00:00Z",
    };
    let e = p.process(payload.as_bytes(), &meta).expect("processes");
    let n = &e.record.ninjs;
    assert!(
        n.people.iter().any(|x| x.name == "Joe Biden"),
        "{:?}",
        n.people
    );
    assert!(n.places.iter().any(|x| x.name == "Japan"));
    assert!(n.organisations.iter().any(|x| x.name == "NASA"));
    assert!(n.subjects.iter().any(|s| s.literal == "medtop:11000000"));
    let en = &e.record.enrichment;
    assert!(!en.quotes.is_empty() && !en.quantities.is_empty() && !en.topics.is_empty());
    assert_eq!(en.pipeline.rules_version, Tagger::new().rules_version());
}

/// Long bodies of the shapes that could make a rule quadratic — one endless
/// capitalised run, one endless sentence full of quotes and names — are
/// tagged in time proportional to their length.
#[test]
fn long_pathological_bodies_stay_linear() {
    let tagger = Tagger::from_embedded().expect("embedded data builds");
    let shapes = [
        "Minister Chief Foreign Affairs Secretary Bank Center Council Kim Lee Park ",
        "“Alpha beta gamma,” said John Smith and Secretary of State Jane Doe said “delta epsilon” ",
        "U.S.-Japan G-7 Washington Biden Kishida Toyota’s $1.5 billion 2% of GDP ",
    ];
    for shape in shapes {
        let small: String = shape.repeat(200);
        let large: String = shape.repeat(2000);
        let time = |body: &str| {
            let start = std::time::Instant::now();
            let tags = tagger.tag(&TagInput {
                body,
                headline: None,
                dateline_place: None,
                dateline_region: None,
            });
            (start.elapsed(), tags.entities.len())
        };
        let (t_small, _) = time(&small);
        let (t_large, n) = time(&large);
        assert!(n > 0, "{shape}");
        // Ten times the text may take ten times as long, with a wide margin
        // for noise, but not the hundred times a quadratic rule would.
        assert!(
            t_large < t_small * 40 + std::time::Duration::from_millis(200),
            "{shape}: {t_small:?} for 200 repeats, {t_large:?} for 2000"
        );
    }
}
