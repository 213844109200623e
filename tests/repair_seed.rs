//! Golden tests of break and OCR repair: the seed story against its hand
//! repair, the clean evaluation articles (which must stay untouched), and
//! the edit log replaying onto the raw body.

use std::sync::Arc;

use wire_enricher::eval::repair::ends_sentence;
use wire_enricher::normalize::{Normalizer, Resources, replay};

const RAW: &str = include_str!("data/seed-000.raw.txt");
const REPAIRED: &str = include_str!("data/seed-000.repaired.txt");

/// Raw words at the garbled spots the hand repair left (or could only fix
/// from outside knowledge): "under. And Italy", "jets. Fighter",
/// "Taiwan. Works", "center. for" (→ "Center").
const GARBLED: &[&str] = &["under.", "jets.", "center."];

fn normalizer() -> &'static Normalizer {
    static NORMALIZER: std::sync::OnceLock<Normalizer> = std::sync::OnceLock::new();
    NORMALIZER.get_or_init(|| {
        Normalizer::new(Arc::new(
            Resources::standard().expect("embedded lexicon parses"),
        ))
    })
}

fn letters(word: &str) -> String {
    word.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[test]
fn seed_story_is_repaired() {
    let out = normalizer().normalize(RAW).text;
    let raw: Vec<&str> = RAW.split_whitespace().collect();
    let want: Vec<&str> = REPAIRED.split_whitespace().collect();
    let got: Vec<&str> = out.split_whitespace().collect();
    assert_eq!(raw.len(), want.len());
    assert_eq!(
        got.len(),
        want.len(),
        "repair added or removed words:\n{out}"
    );

    let (mut spurious, mut repaired, mut ocr, mut ocr_fixed) = (0, 0, 0, 0);
    let mut missed = Vec::new();
    let mut lost = Vec::new();
    let mut changed = Vec::new();
    for i in 0..want.len() {
        let last = i + 1 == want.len();
        let raw_break = !last && ends_sentence(raw[i]);
        let want_break = !last && ends_sentence(want[i]);
        let got_break = !last && ends_sentence(got[i]);
        let garbled = GARBLED.contains(&raw[i]) || (raw[i] == "Taiwan." && raw[i + 1] == "Works");
        if raw_break && !want_break {
            spurious += 1;
            if got_break {
                missed.push(format!("{} {}", raw[i], raw[i + 1]));
            } else {
                repaired += 1;
            }
        }
        if want_break && !got_break && !garbled {
            lost.push(format!("{} {}", raw[i], raw[i + 1]));
        }
        if letters(raw[i]) != letters(want[i]) {
            ocr += 1;
            ocr_fixed += usize::from(letters(got[i]) == letters(want[i]));
        } else if letters(got[i]) != letters(want[i]) {
            changed.push(format!("{} -> {}", raw[i], got[i]));
        }
    }
    assert_eq!(spurious, 41);
    assert_eq!(repaired, 41, "missed: {missed:?}");
    assert_eq!((ocr, ocr_fixed), (2, 2), "OCR errors fixed");
    assert!(lost.is_empty(), "true breaks lost: {lost:?}");
    assert!(changed.is_empty(), "other words changed: {changed:?}");
    assert!(out.contains("Prime Minister Fumio Kishida"), "{out}");
    assert!(
        out.contains("World War II. Japan’s defense spending"),
        "{out}"
    );
    assert!(out.contains("fellow Group of Seven leaders"), "{out}");
    assert!(out.contains("Trudeau Italian Prime Minister"), "{out}");
    assert!(out.contains("in five years, a dramatic increase"), "{out}");
}

#[test]
fn clean_articles_stay_untouched() {
    let normalizer = normalizer();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("eval/repair/clean");
    let (mut words, mut edits) = (0usize, 0usize);
    let mut touched = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("corpus directory") {
        let path = entry.expect("corpus entry").path();
        let text = std::fs::read_to_string(&path).expect("article");
        let n = normalizer.normalize(text.trim());
        words += text.split_whitespace().count();
        edits += n.edits.len();
        if !n.edits.is_empty() {
            touched.push((path.display().to_string(), n.edits));
        }
    }
    assert!(words > 4_000);
    let per_1k = edits as f64 * 1000.0 / words as f64;
    assert!(per_1k <= 0.2, "{per_1k:.2} edits per 1k words: {touched:?}");
}

#[test]
fn edit_log_replays_onto_the_raw_body() {
    let n = normalizer().normalize(RAW);
    assert!(n.edits.len() > 40, "{}", n.edits.len());
    assert_eq!(replay(RAW, &n.edits).as_deref(), Some(n.text.as_str()));
    assert!(
        n.edits.iter().any(|e| e.rule.contains("break-join")),
        "{:?}",
        n.edits
    );
    assert!(n.edits.iter().any(|e| e.rule.contains("ocr-letter")));
}

proptest::proptest! {
    /// Damaged-looking input of any shape normalizes without a panic and
    /// its edit log replays onto the raw text.
    #[test]
    fn any_input_replays(text in "([A-Za-zé’”“\"']{1,9}[.,]?[ \n]{0,2}){0,60}") {
        let n = normalizer().normalize(&text);
        proptest::prop_assert_eq!(replay(&text, &n.edits), Some(n.text.clone()));
    }
}
