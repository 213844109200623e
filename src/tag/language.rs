//! Language detection with `whatlang` (trigram profiles compiled into the
//! crate, so nothing loads at run time).

use super::Language;

/// Detects the language of a body.
pub struct LanguageDetector;

impl LanguageDetector {
    pub fn new() -> Self {
        LanguageDetector
    }

    /// The language of `text`, or `None` when the text says too little.
    /// Only the first few kilobytes are read: enough for a stable guess,
    /// and it keeps the cost flat for huge bodies.
    pub fn detect(&self, text: &str) -> Option<Language> {
        let mut end = text.len().min(4096);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let info = whatlang::detect(&text[..end])?;
        Some(Language {
            code: iso639_1(info.lang()).to_string(),
            confidence: (info.confidence() as f32 * 1000.0).round() / 1000.0,
        })
    }
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
        other => other.code(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_english_and_french() {
        let d = LanguageDetector::new();
        let en = d.detect("The two administrations were also set to seal an agreement on Friday.");
        assert_eq!(en.map(|l| l.code), Some("en".to_string()));
        let fr = d.detect("Le gouvernement a annoncé vendredi un plan pour renforcer la défense.");
        assert_eq!(fr.map(|l| l.code), Some("fr".to_string()));
        assert_eq!(d.detect(""), None);
    }
}
