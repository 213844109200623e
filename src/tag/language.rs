//! Language detection with `whatlang` (trigram profiles compiled into the
//! crate, so nothing loads at run time).

use super::Language;
use super::text::char_at;

/// The languages a body may be found to be in. whatlang scores each
/// language of the text's script against the text's trigrams, a fixed cost
/// of about 13,000 instructions per language whatever the text's length, so
/// its 37 Latin-script languages cost a short flash about 500,000
/// instructions, most of its enrichment. The Latin-script languages kept
/// are the 21 that national news agencies publish in (Javanese, Zulu,
/// Esperanto, Latin and the like are left out); every language of the
/// other scripts is kept, since those scripts have six or fewer.
const CANDIDATES: &[whatlang::Lang] = {
    use whatlang::Lang::*;
    &[
        Eng, Fra, Deu, Spa, Por, Ita, Nld, Tur, Pol, Swe, Dan, Nob, Fin, Ind, Vie, Ron, Ces, Hun,
        Cat, Hrv, Slk, Rus, Ukr, Bel, Bul, Srp, Mkd, Ara, Pes, Urd, Heb, Yid, Hin, Mar, Nep, Cmn,
        Jpn, Kor, Ell, Tha, Ben, Kat, Tam, Guj, Kan, Tel, Mal, Ori, Pan, Sin, Khm, Amh, Mya, Hye,
    ]
};

/// Detects the language of a body.
pub struct LanguageDetector {
    detector: whatlang::Detector,
}

impl LanguageDetector {
    pub fn new() -> Self {
        LanguageDetector {
            detector: whatlang::Detector::with_allowlist(CANDIDATES.to_vec()),
        }
    }

    /// The language of `text`, or `None` when the text says too little.
    /// Only the first kilobyte is read: trigram scores are stable well
    /// before that in news prose, and whatlang's cost grows with the
    /// length (about 150 µs per kilobyte), which would dominate tagging.
    pub fn detect(&self, text: &str) -> Option<Language> {
        if let Some(english) = plainly_english(text) {
            return Some(english);
        }
        let end = text.floor_char_boundary(1024);
        let info = self.detector.detect(&text[..end])?;
        Some(Language {
            code: iso639_1(info.lang()).to_string(),
            confidence: (info.confidence() as f32 * 1000.0).round() / 1000.0,
        })
    }
}

/// Whether `w` is an English function word, ignoring ASCII case. In
/// English news prose these make up about 40% of the words, in other
/// languages almost none. None is longer than five letters, so `w` is
/// lower-cased on the stack and matched in one `match`: a word costs a
/// length test and a comparison or two.
fn is_function_word(w: &str) -> bool {
    let mut buf = [0u8; 5];
    let Some(lower) = buf.get_mut(..w.len()) else {
        return false;
    };
    for (d, s) in lower.iter_mut().zip(w.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    matches!(
        &*lower,
        b"the"
            | b"of"
            | b"and"
            | b"to"
            | b"a"
            | b"in"
            | b"is"
            | b"that"
            | b"for"
            | b"on"
            | b"with"
            | b"was"
            | b"as"
            | b"by"
            | b"at"
            | b"it"
            | b"from"
            | b"has"
            | b"have"
            | b"be"
            | b"are"
            | b"said"
            | b"its"
            | b"their"
            | b"an"
            | b"this"
            | b"were"
            | b"will"
            | b"would"
            | b"which"
            | b"who"
            | b"after"
            | b"but"
            | b"not"
    )
}

/// A fast path for the common case: when at least a quarter of the first
/// 150 words are English function words, the text is English, and the
/// trigram scoring (the costliest step of tagging) is skipped. Anything
/// less clear goes to whatlang.
fn plainly_english(text: &str) -> Option<Language> {
    let mut words = 0usize;
    let mut hits = 0usize;
    // Words are runs of alphabetic chars; the bytes are walked once,
    // decoding only non-ASCII chars.
    let mut start = None;
    let mut i = 0;
    while words < 150 {
        let next = match text.as_bytes().get(i) {
            Some(&b) if b < 0x80 => Some((b.is_ascii_alphabetic(), 1)),
            _ => char_at(text, i).map(|(c, len)| (c.is_alphabetic(), len)),
        };
        let alphabetic = next.is_some_and(|(a, _)| a);
        if alphabetic {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            words += 1;
            if is_function_word(&text[s..i]) {
                hits += 1;
            }
        }
        let Some((_, len)) = next else {
            break;
        };
        i += len;
    }
    if words < 30 || hits * 4 < words {
        return None;
    }
    let ratio = hits as f32 / words as f32;
    Some(Language {
        code: "en".to_string(),
        confidence: ((0.5 + ratio * 1.5).min(1.0) * 1000.0).round() / 1000.0,
    })
}

impl Default for LanguageDetector {
    fn default() -> Self {
        Self::new()
    }
}

/// Two-letter codes for the languages wire services publish in; others keep
/// whatlang's three-letter code, which BCP 47 also accepts.
fn iso639_1(lang: whatlang::Lang) -> &'static str {
    use whatlang::Lang::*;
    match lang {
        Eng => "en",
        Fra => "fr",
        Deu => "de",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Nld => "nl",
        Rus => "ru",
        Ukr => "uk",
        Ara => "ar",
        Cmn => "zh",
        Jpn => "ja",
        Kor => "ko",
        Tur => "tr",
        Pol => "pl",
        Swe => "sv",
        Dan => "da",
        Nob => "nb",
        Fin => "fi",
        Heb => "he",
        Hin => "hi",
        Ell => "el",
        Ind => "id",
        Vie => "vi",
        Ron => "ro",
        Ces => "cs",
        Hun => "hu",
        Cat => "ca",
        Hrv => "hr",
        Slk => "sk",
        Bul => "bg",
        Srp => "sr",
        Pes => "fa",
        Urd => "ur",
        Tha => "th",
        other => other.code(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The function words `is_function_word` knows.
    const ENGLISH_FUNCTION_WORDS: &[&str] = &[
        "the", "of", "and", "to", "a", "in", "is", "that", "for", "on", "with", "was", "as", "by",
        "at", "it", "from", "has", "have", "be", "are", "said", "its", "their", "an", "this",
        "were", "will", "would", "which", "who", "after", "but", "not",
    ];

    #[test]
    fn function_words_match_the_list_in_any_ascii_case() {
        for w in ENGLISH_FUNCTION_WORDS {
            assert!(w.len() <= 5, "{w}");
            assert!(is_function_word(w), "{w}");
            assert!(is_function_word(&w.to_ascii_uppercase()), "{w}");
        }
        for w in ["", "th", "thee", "Über", "whichs", "saïd", "bé"] {
            assert!(!is_function_word(w), "{w}");
        }
    }

    #[test]
    fn detects_english_and_french() {
        let d = LanguageDetector::new();
        let en = d.detect("The two administrations were also set to seal an agreement on Friday.");
        assert_eq!(en.map(|l| l.code), Some("en".to_string()));
        let fr = d.detect("Le gouvernement a annoncé vendredi un plan pour renforcer la défense.");
        assert_eq!(fr.map(|l| l.code), Some("fr".to_string()));
        assert_eq!(d.detect(""), None);
        let long = "The minister said on Friday that the government would raise spending to meet its goals, \
                    and that the plan was a response to the threats that the country has faced in the region \
                    for years. It was not clear how the new budget would be paid for, officials said.";
        let fast = d.detect(long).expect("english");
        assert_eq!(fast.code, "en");
        assert!(fast.confidence > 0.8);
        let de = "Die Regierung hat am Freitag angekündigt, die Ausgaben für die Verteidigung deutlich zu \
                  erhöhen, um auf die Bedrohungen in der Region zu reagieren. Es ist noch nicht klar, wie der \
                  neue Haushalt finanziert werden soll, sagten Beamte in Berlin am Abend.";
        assert_eq!(d.detect(de).map(|l| l.code), Some("de".to_string()));
    }

    #[test]
    fn short_flashes_in_agency_languages_are_told_apart() {
        let d = LanguageDetector::new();
        for (code, text) in [
            (
                "es",
                "El banco central mantuvo el lunes sus tasas de interés sin cambios.",
            ),
            (
                "pl",
                "Rząd ogłosił w piątek nowy plan wydatków na obronę kraju.",
            ),
            (
                "id",
                "Pemerintah mengumumkan rencana baru untuk memperkuat pertahanan negara.",
            ),
            (
                "ru",
                "Это было первое заседание правительства, на котором министры обсудили бюджет.",
            ),
            (
                "el",
                "Η κυβέρνηση ανακοίνωσε την Παρασκευή νέο σχέδιο για την άμυνα.",
            ),
            (
                "uk",
                "Уряд у п'ятницю оголосив новий план витрат на оборону країни.",
            ),
        ] {
            assert_eq!(
                d.detect(text).map(|l| l.code),
                Some(code.to_string()),
                "{text}"
            );
        }
    }

    #[test]
    fn a_latin_script_language_left_out_is_never_reported() {
        let d = LanguageDetector::new();
        let zulu = "Uhulumeni umemezele uhlelo olusha lokuqinisa ukuvikela kwezwe ngoLwesihlanu.";
        assert_ne!(d.detect(zulu).map(|l| l.code), Some("zul".to_string()));
        assert!(!CANDIDATES.contains(&whatlang::Lang::Zul));
    }
}
