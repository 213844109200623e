//! The English lexicon the repair passes consult: word frequencies, word-pair
//! frequencies, usual casing and abbreviations.
//!
//! The data is derived from the SymSpell frequency lists and the Punkt English
//! models (see `data/lexicon/NOTICE.md`) and compiled into the binary with
//! `include_str!`, so nothing is read or downloaded at run time. It is parsed
//! once at start-up into hash maps keyed by lower-case words; every lookup
//! afterwards is a hash probe, which keeps the passes linear in body size.

use std::collections::{HashMap, HashSet};

/// Hash map and set with a fast non-cryptographic hash (foldhash, fixed
/// seed) for word-keyed tables: the keys are short words and trusted data,
/// so the DoS-resistant default buys nothing on the per-word lookups of
/// every body.
pub type FastMap<K, V> = HashMap<K, V, foldhash::fast::FixedState>;
pub type FastSet<K> = HashSet<K, foldhash::fast::FixedState>;

/// Word, count and Punkt orthographic bits, one word a line.
const WORDS: &str = include_str!("../../data/lexicon/words.tsv");
/// Frequent word pairs with their counts.
const BIGRAMS: &str = include_str!("../../data/lexicon/bigrams.tsv");
/// Punkt abbreviation types, without their final period.
const ABBREVIATIONS: &str = include_str!("../../data/lexicon/abbrev.txt");
/// Common first names, lower-case.
const FIRST_NAMES: &str = include_str!("../../data/lexicon/first_names.txt");
/// Common words with their Penn Treebank tags, most frequent first.
const POS: &str = include_str!("../../data/lexicon/pos.tsv");
/// Learned weights of the words around a break candidate.
const WRAP_WORDS: &str = include_str!("../../data/lexicon/wrap_words.tsv");

/// Punkt orthographic bits (see `punkt/rules/orthography.py`).
const BEG_UC: u8 = 1 << 1;
const MID_UC: u8 = 1 << 2;
const UNK_UC: u8 = 1 << 3;
const MID_LC: u8 = 1 << 5;

/// Why the lexicon data could not be parsed.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("{file} line {line}: expected {expected}")]
    BadLine {
        file: &'static str,
        line: usize,
        expected: &'static str,
    },
}

/// What the lexicon knows about one lower-case word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordInfo {
    /// Dense id, used to key word pairs.
    pub id: u32,
    /// Corpus count (0 for words known only from casing statistics).
    pub count: u64,
    /// Punkt bits from Wall Street Journal text.
    pub news_ortho: u8,
    /// Punkt bits from web text.
    pub web_ortho: u8,
}

impl WordInfo {
    /// True when the news model saw the word lower-case mid-sentence.
    pub fn seen_lower_in_news(&self) -> bool {
        self.news_ortho & MID_LC != 0
    }

    /// True when news or web text saw the word lower-case mid-sentence.
    pub fn seen_lower_mid_sentence(&self) -> bool {
        (self.news_ortho | self.web_ortho) & MID_LC != 0
    }
}

/// Words counted this often are common words rather than names.
const COMMON_WORD: u64 = 5_000_000;

/// How a word is usually written in running text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Casing {
    /// Lower-case mid-sentence ("spending", "allies").
    Lower,
    /// Capitalized mid-sentence too: a name or a proper adjective.
    Capital,
    /// Seen both ways often enough that the statistics cannot tell.
    Mixed,
    /// Not in the lexicon.
    Unknown,
}

/// Word statistics, built once and shared read-only.
#[derive(Debug, Default)]
pub struct Lexicon {
    words: FastMap<String, WordInfo>,
    bigrams: FastMap<u64, u64>,
    abbreviations: FastSet<String>,
    first_names: FastSet<String>,
    pos: FastMap<String, Pos>,
    wrap_words: FastMap<u64, f32>,
    total: f64,
}

/// The parts of speech a word can take, as a set of [`Pos`] classes, and
/// the one it takes most often.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    all: u16,
    usual: u16,
}

impl Pos {
    /// Nouns, proper nouns, numbers and pronouns.
    pub const NOMINAL: u16 = 1;
    /// Adjectives.
    pub const ADJECTIVE: u16 = 1 << 1;
    /// Finite verb forms: past tense, present tense, modals.
    pub const FINITE: u16 = 1 << 2;
    /// Base forms and participles.
    pub const NON_FINITE: u16 = 1 << 3;
    /// Determiners and possessive pronouns.
    pub const DETERMINER: u16 = 1 << 4;
    /// Prepositions, particles, "to" and conjunctions.
    pub const LINKING: u16 = 1 << 5;
    /// Adverbs and anything else.
    pub const OTHER: u16 = 1 << 6;

    fn class(tag: &str) -> Option<u16> {
        Some(match tag {
            "NN" | "NNS" | "NNP" | "NNPS" | "CD" | "PRP" | "EX" | "WP" => Self::NOMINAL,
            "JJ" | "JJR" | "JJS" => Self::ADJECTIVE,
            "VBD" | "VBP" | "VBZ" | "MD" => Self::FINITE,
            "VB" | "VBN" | "VBG" => Self::NON_FINITE,
            "DT" | "PDT" | "PRP$" | "WP$" | "WDT" | "POS" => Self::DETERMINER,
            "IN" | "RP" | "TO" | "CC" => Self::LINKING,
            "RB" | "RBR" | "RBS" | "WRB" | "UH" | "FW" | "LS" | "SYM" => Self::OTHER,
            _ => return None,
        })
    }

    /// True when the word can be any of `classes`.
    pub fn can_be(self, classes: u16) -> bool {
        self.all & classes != 0
    }

    /// The class the word most often takes.
    pub fn usual(self) -> u16 {
        self.usual
    }

    /// True when the word is most often one of `classes`.
    pub fn usually(self, classes: u16) -> bool {
        self.usual & classes != 0
    }
}

impl Lexicon {
    /// The lexicon compiled into the binary.
    pub fn embedded() -> Result<Self, LexiconError> {
        Self::parse(WORDS, BIGRAMS, ABBREVIATIONS, FIRST_NAMES)?
            .with_pos(POS)?
            .with_wrap_words(WRAP_WORDS)
    }

    /// Adds the learned weights of `wrap_words.tsv` (format in
    /// `data/lexicon/NOTICE.md`): what each word or word shape around a
    /// period says about a wrap, read by the break pass.
    pub fn with_wrap_words(mut self, table: &str) -> Result<Self, LexiconError> {
        self.wrap_words.reserve(table.lines().count());
        for (i, line) in table.lines().enumerate() {
            if line.starts_with('#') {
                continue;
            }
            let bad = || LexiconError::BadLine {
                file: "wrap_words.tsv",
                line: i + 1,
                expected: "a template, two parts and a weight",
            };
            let mut fields = line.split('\t');
            let (Some(template), Some(a), Some(b), Some(weight), None) = (
                fields.next(),
                fields.next(),
                fields.next(),
                fields.next(),
                fields.next(),
            ) else {
                return Err(bad());
            };
            let weight: f32 = weight.parse().map_err(|_| bad())?;
            self.wrap_words.insert(wrap_key(template, a, b), weight);
        }
        Ok(self)
    }

    /// Adds the parts of speech of `pos.tsv` (format in
    /// `data/lexicon/NOTICE.md`).
    pub fn with_pos(mut self, pos: &str) -> Result<Self, LexiconError> {
        self.pos.reserve(pos.lines().count());
        for (i, line) in pos.lines().enumerate() {
            let bad = || LexiconError::BadLine {
                file: "pos.tsv",
                line: i + 1,
                expected: "a word and Penn Treebank tags",
            };
            let (word, tags) = line.split_once('\t').ok_or_else(bad)?;
            let mut classes = tags.split(' ').map(|t| Pos::class(t).ok_or_else(bad));
            let usual = classes.next().ok_or_else(bad)??;
            let mut all = usual;
            for class in classes {
                all |= class?;
            }
            self.pos.insert(word.to_string(), Pos { all, usual });
        }
        Ok(self)
    }

    /// Parses the data files (formats in `data/lexicon/NOTICE.md`).
    pub fn parse(
        words: &str,
        bigrams: &str,
        abbreviations: &str,
        first_names: &str,
    ) -> Result<Self, LexiconError> {
        let mut map = FastMap::with_capacity_and_hasher(words.lines().count(), Default::default());
        let mut total = 0f64;
        for (i, line) in words.lines().enumerate() {
            let bad = || LexiconError::BadLine {
                file: "words.tsv",
                line: i + 1,
                expected: "word, count, news bits, web bits",
            };
            let (word, mut info) = word_line(line).ok_or_else(bad)?;
            info.id = u32::try_from(map.len()).map_err(|_| bad())?;
            total += info.count as f64;
            map.insert(word.to_string(), info);
        }
        let mut pairs =
            FastMap::with_capacity_and_hasher(bigrams.lines().count(), Default::default());
        for (i, line) in bigrams.lines().enumerate() {
            let bad = || LexiconError::BadLine {
                file: "bigrams.tsv",
                line: i + 1,
                expected: "two words and a count",
            };
            let (words, count) = line.split_once('\t').ok_or_else(bad)?;
            let (a, b) = words.split_once(' ').ok_or_else(bad)?;
            let count: u64 = count.parse().map_err(|_| bad())?;
            if let (Some(a), Some(b)) = (map.get(a), map.get(b)) {
                pairs.insert(pair_key(a.id, b.id), count);
            }
        }
        let list = |text: &str| -> FastSet<String> {
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect()
        };
        Ok(Lexicon {
            words: map,
            bigrams: pairs,
            abbreviations: list(abbreviations),
            first_names: list(first_names),
            pos: FastMap::default(),
            wrap_words: FastMap::default(),
            total: total.max(1.0),
        })
    }

    /// True when the lexicon holds no words (the default, for tests of
    /// passes that must then stay idle).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Number of words known.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// What is known about `lower` (a lower-case word).
    pub fn info(&self, lower: &str) -> Option<&WordInfo> {
        self.words.get(lower)
    }

    /// Corpus count of `lower`, 0 when unknown.
    pub fn count(&self, lower: &str) -> u64 {
        self.words.get(lower).map_or(0, |w| w.count)
    }

    /// True when `lower` is a known word (counted, or seen in news text).
    pub fn knows(&self, lower: &str) -> bool {
        self.words.contains_key(lower)
    }

    /// Pointwise mutual information of the pair `a b` (lower-case), when the
    /// pair is frequent enough to be listed.
    pub fn pair_pmi(&self, a: &str, b: &str) -> Option<f64> {
        let (a, b) = (self.words.get(a)?, self.words.get(b)?);
        let count = *self.bigrams.get(&pair_key(a.id, b.id))?;
        let expected = (a.count.max(1) as f64) * (b.count.max(1) as f64) / self.total;
        Some((count as f64 / expected).ln())
    }

    /// The parts of speech of `lower`, when it is a common word.
    ///
    /// Inlined into the break pass's verb test, which asks for every word
    /// it reads: as a call it cost ≈ 12 k instructions more per seed article.
    #[inline]
    pub fn pos(&self, lower: &str) -> Option<Pos> {
        self.pos.get(lower).copied()
    }

    /// The learned weight of one wrap-word feature (`template`, its two
    /// parts), 0 when the table has none.
    #[inline]
    pub fn wrap_weight(&self, template: &str, a: &str, b: &str) -> f32 {
        if self.wrap_words.is_empty() {
            return 0.0;
        }
        self.wrap_words
            .get(&wrap_key(template, a, b))
            .copied()
            .unwrap_or(0.0)
    }

    /// True when `lower` is a common first name.
    pub fn is_first_name(&self, lower: &str) -> bool {
        self.first_names.contains(lower)
    }

    /// True when the news model saw `lower` lower-case mid-sentence.
    pub fn seen_lower_in_news(&self, lower: &str) -> bool {
        self.words
            .get(lower)
            .is_some_and(WordInfo::seen_lower_in_news)
    }

    /// True when `lower` (without its final period) is a known abbreviation.
    pub fn is_abbreviation(&self, lower: &str) -> bool {
        self.abbreviations.contains(lower)
    }

    /// How `lower` is usually written mid-sentence. News statistics decide
    /// first; web statistics, which see nearly every word both ways, only
    /// where the news model never saw the word.
    pub fn casing(&self, lower: &str) -> Casing {
        self.words
            .get(lower)
            .map_or(Casing::Unknown, WordInfo::casing)
    }
}

/// The words of `wanted` (lower-case) that news writes in lower case
/// mid-sentence ([`Lexicon::casing`]), read from the embedded word list
/// without building a lexicon: for the tagger, which asks about a few
/// hundred surnames at start-up.
pub fn lower_case_words<'w>(wanted: &FastSet<&'w str>) -> FastSet<&'w str> {
    let mut found = FastSet::default();
    for line in WORDS.lines() {
        if let Some((word, info)) = word_line(line)
            && let Some(&w) = wanted.get(word)
            && info.casing() == Casing::Lower
        {
            found.insert(w);
        }
    }
    found
}

/// One line of `words.tsv`: the word and its counts (id 0, for the caller
/// to set).
fn word_line(line: &str) -> Option<(&str, WordInfo)> {
    let mut cols = line.split('\t');
    let (Some(word), Some(count), Some(news), Some(web)) =
        (cols.next(), cols.next(), cols.next(), cols.next())
    else {
        return None;
    };
    Some((
        word,
        WordInfo {
            id: 0,
            count: count.parse().ok()?,
            news_ortho: news.parse().ok()?,
            web_ortho: web.parse().ok()?,
        },
    ))
}

impl WordInfo {
    /// How the word is usually written mid-sentence.
    fn casing(&self) -> Casing {
        let info = self;
        // News text capitalizes common words in headlines and names
        // ("Media General"): a frequent word seen lower-case mid-sentence
        // is a lower-case word.
        let common = info.count >= COMMON_WORD;
        let from_bits = |bits: u8| match (bits & MID_LC != 0, bits & MID_UC != 0) {
            (true, false) => Some(Casing::Lower),
            (false, true) => Some(Casing::Capital),
            (true, true) if common => Some(Casing::Lower),
            (true, true) => Some(Casing::Mixed),
            (false, false) => None,
        };
        if let Some(casing) = from_bits(info.news_ortho) {
            return casing;
        }
        if info.news_ortho & BEG_UC != 0 && info.count == 0 {
            return Casing::Capital;
        }
        // Web text lower-cases names freely: any capitalized sighting there
        // makes the word mixed.
        let web_capital = info.web_ortho & (BEG_UC | MID_UC | UNK_UC) != 0;
        match from_bits(info.web_ortho) {
            Some(Casing::Lower) if web_capital => Casing::Mixed,
            Some(casing) => casing,
            // Never seen in running text by either model: a name, most
            // likely, however often the word lists count it.
            None => Casing::Unknown,
        }
    }
}

/// The key of one wrap-word feature: its parts hashed, so a lookup
/// builds no string.
fn wrap_key(template: &str, a: &str, b: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::default().hash_one((template, a, b))
}

fn pair_key(a: u32, b: u32) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> Lexicon {
        Lexicon::embedded().expect("embedded lexicon parses")
    }

    #[test]
    fn embedded_data_parses_completely() {
        let lex = lexicon();
        assert_eq!(lex.len(), WORDS.lines().count());
        assert!(lex.bigrams.len() > 100_000, "{}", lex.bigrams.len());
        assert!(lex.is_abbreviation("u.s"));
        assert!(lex.is_abbreviation("mr"));
        assert!(lex.is_first_name("daniela"));
        assert_eq!(lex.pos.len(), POS.lines().count());
    }

    #[test]
    fn parts_of_speech_keep_the_usual_one() {
        let lex = lexicon();
        let took = lex.pos("took").expect("known");
        assert!(took.usually(Pos::FINITE) && !took.can_be(Pos::NOMINAL));
        let increase = lex.pos("increase").expect("known");
        assert!(increase.usually(Pos::NOMINAL) && increase.can_be(Pos::FINITE));
        assert!(lex.pos("the").expect("known").usually(Pos::DETERMINER));
        assert_eq!(lex.pos("kishida"), None);
        let err = Lexicon::default().with_pos("word\tXX\n").unwrap_err();
        assert!(err.to_string().contains("pos.tsv line 1"), "{err}");
    }

    #[test]
    fn casing_follows_running_text() {
        let lex = lexicon();
        let cases = [
            ("spending", Casing::Lower),
            ("allies", Casing::Lower),
            ("opportunity", Casing::Lower),
            ("japan", Casing::Capital),
            ("italian", Casing::Capital),
            ("washington", Casing::Capital),
            ("kishida", Casing::Unknown),
        ];
        for (word, want) in cases {
            assert_eq!(lex.casing(word), want, "{word}");
        }
    }

    #[test]
    fn frequent_pairs_have_positive_pmi() {
        let lex = lexicon();
        assert!(lex.pair_pmi("working", "together").unwrap_or(0.0) > 3.0);
        assert!(lex.pair_pmi("signed", "by").unwrap_or(0.0) > 3.0);
        assert_eq!(lex.pair_pmi("region", "japan"), None);
    }

    #[test]
    fn malformed_lines_are_errors() {
        let err = Lexicon::parse("word\tx\t0\t0\n", "", "", "").unwrap_err();
        assert!(err.to_string().contains("words.tsv line 1"), "{err}");
        assert!(Lexicon::parse("a\t1\t0\t0\n", "a\t3\n", "", "").is_err());
    }
}
