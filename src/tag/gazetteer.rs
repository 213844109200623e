//! Gazetteers: countries (with aliases and demonyms), cities, regions,
//! organisations and prominent people, loaded from the tab-separated files
//! in `data/tag/` and compiled into one Aho-Corasick automaton.
//!
//! Matching is anchored at word starts and leftmost-longest, so "North
//! Korean" wins over "Korean" and "White House National Security Council"
//! over "White House". The automaton folds ASCII case so all-caps text
//! ("WASHINGTON") is found; a match whose case differs from the name in any
//! other way ("us" for "US", "apple" for "Apple") is dropped.

use std::collections::HashMap;

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};
use unicode_normalization::UnicodeNormalization;

use super::error::TagError;
use super::text::Word;

/// What a gazetteer name denotes.
#[derive(Debug, Clone, PartialEq)]
pub enum EntryKind {
    Country,
    /// A demonym or national adjective ("Japanese").
    Demonym,
    City {
        population: u64,
        capital: bool,
        /// The name is also an everyday English word ("Nice", "Mobile").
        common_word: bool,
    },
    Region,
    Event,
    Organization {
        class: String,
    },
    Person {
        title: Option<String>,
    },
    /// A surname of a listed person: a person only if nothing in the story
    /// says otherwise.
    Surname,
    /// A phrase that absorbs a shorter match and tags nothing.
    Blocked,
}

/// One thing a name may denote.
#[derive(Debug, Clone)]
pub struct Entry {
    pub kind: EntryKind,
    pub canonical: String,
    pub country_code: Option<String>,
    pub uri: Option<String>,
    /// A short form that names the entry only once a fuller name has named
    /// it earlier in the same text ("Wizz" after "Wizz Air").
    pub later_only: bool,
}

/// A gazetteer hit in a text: byte span and the index of its candidates.
#[derive(Debug, Clone, Copy)]
pub struct GazMatch {
    pub start: usize,
    pub end: usize,
    /// Index into [`Gazetteer::candidates`].
    pub name: usize,
}

/// Sources of the gazetteer files, by file name.
pub struct GazetteerFiles<'a> {
    pub countries: &'a str,
    pub cities: &'a str,
    pub us_states: &'a str,
    pub regions: &'a str,
    pub orgs: &'a str,
    pub companies: &'a str,
    pub people: &'a str,
}

/// The compiled gazetteer.
pub struct Gazetteer {
    /// The names as one trie, searched anchored at a word start; read
    /// through [`Automaton`] so a search is one tight loop over the bytes.
    automaton: NFA,
    /// The surface form of each pattern, for the case check.
    patterns: Vec<String>,
    /// Pattern index → index into `names`.
    pattern_name: Vec<usize>,
    /// Candidates per distinct name, most likely first.
    names: Vec<Vec<Entry>>,
    /// First bytes of patterns that start lower-case ("al-Qaida").
    lower_starts: [bool; 256],
    /// ASCII-lower-cased first two bytes of every pattern, as a bit set:
    /// most capitalised words start no name, and this skips their search.
    prefixes: Vec<u64>,
    /// Exact first two bytes of the patterns that start with an ASCII
    /// lower-case letter. A match starting lower-case is kept only when it
    /// equals its pattern (see `case_matches`), so a lower-case word whose
    /// first two bytes start no such pattern needs no search.
    lower_prefixes: Vec<u64>,
    /// ASCII-lower-cased first four bytes of every pattern of four bytes
    /// or more, hashed into a bit set: a capitalised word that shares its
    /// first two bytes with a name ("Prime", "President") rarely shares
    /// four, and this skips its search too.
    prefixes4: Vec<u64>,
    /// [`prefix_bit`] of the patterns shorter than four bytes, which
    /// `prefixes4` does not hold.
    short_prefixes: Vec<u64>,
    /// Exact first four bytes of the patterns of four bytes or more that
    /// start with an ASCII lower-case letter, hashed like `prefixes4`: a
    /// match starting lower-case is kept only when it equals its pattern.
    lower_prefixes4: Vec<u64>,
}

/// log2 of the bits in [`Gazetteer::prefixes4`]: a few per cent of them
/// set by the ~50,000 names.
const PREFIX4_BITS: u32 = 20;

/// Index of the ASCII-lower-cased four bytes `b` in
/// [`Gazetteer::prefixes4`].
fn prefix4_bit(b: [u8; 4]) -> usize {
    exact_prefix4_bit(b.map(|c| c.to_ascii_lowercase()))
}

/// Index of the four bytes `b`, case kept, in a four-byte prefix set (a
/// multiplicative hash).
fn exact_prefix4_bit(b: [u8; 4]) -> usize {
    (u32::from_le_bytes(b).wrapping_mul(0x9E37_79B1) >> (32 - PREFIX4_BITS)) as usize
}

/// Index of a two-byte prefix in [`Gazetteer::prefixes`].
fn prefix_bit(a: u8, b: u8) -> usize {
    exact_prefix_bit(a.to_ascii_lowercase(), b.to_ascii_lowercase())
}

/// Index of a two-byte prefix, case kept, in [`Gazetteer::lower_prefixes`].
fn exact_prefix_bit(a: u8, b: u8) -> usize {
    (usize::from(a) << 8) | usize::from(b)
}

fn has_bit(set: &[u64], bit: usize) -> bool {
    set[bit / 64] & (1 << (bit % 64)) != 0
}

fn set_bit(set: &mut [u64], bit: usize) {
    set[bit / 64] |= 1 << (bit % 64);
}

const GEONAMES_URI: &str = "https://sws.geonames.org/";

fn rows<'a>(
    file: &'static str,
    text: &'a str,
    min_cols: usize,
) -> impl Iterator<Item = Result<(usize, Vec<&'a str>), TagError>> + 'a {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .map(move |(i, l)| {
            let cols: Vec<&str> = l.split('\t').map(str::trim).collect();
            if cols.len() < min_cols || cols[0].is_empty() {
                return Err(TagError::Data {
                    file: file.to_string(),
                    line: i + 1,
                    reason: "too few columns",
                });
            }
            Ok((i + 1, cols))
        })
}

fn col<'a>(cols: &[&'a str], i: usize) -> &'a str {
    cols.get(i).copied().unwrap_or("")
}

fn opt(s: &str) -> Option<String> {
    if s.is_empty() {
        None
    } else {
        Some(s.to_string())
    }
}

fn list(s: &str) -> impl Iterator<Item = &str> {
    s.split('|').map(str::trim).filter(|a| !a.is_empty())
}

/// "Zürich" → "Zurich": the spelling English copy mostly uses.
pub(super) fn ascii_fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .collect()
}

/// "Düsseldorf" → "Duesseldorf": German umlauts and "ß" written out, as
/// wires without the letters spell them; `None` when the name has none.
fn umlauts_spelled(s: &str) -> Option<String> {
    if !s.contains(['ä', 'ö', 'ü', 'Ä', 'Ö', 'Ü', 'ß']) {
        return None;
    }
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'Ä' => out.push_str("Ae"),
            'Ö' => out.push_str("Oe"),
            'Ü' => out.push_str("Ue"),
            'ß' => out.push_str("ss"),
            c => out.push(c),
        }
    }
    Some(out)
}

impl Gazetteer {
    /// Parses and compiles the gazetteer files.
    pub fn build(files: &GazetteerFiles<'_>) -> Result<Gazetteer, TagError> {
        let mut by_name: HashMap<String, Vec<Entry>> = HashMap::new();
        let mut add = |name: &str, entry: Entry| {
            let name = name.trim();
            if name.is_empty() {
                return;
            }
            // Copy writes an apostrophe straight or curly ("Côte d'Ivoire",
            // "Moody’s" after the typography pass): both spellings match.
            let other_apostrophe = if name.contains('\'') {
                Some(name.replace('\'', "’"))
            } else if name.contains('’') {
                Some(name.replace('’', "'"))
            } else {
                None
            };
            for name in std::iter::once(name).chain(other_apostrophe.as_deref()) {
                let folded = ascii_fold(name);
                if folded != name {
                    by_name.entry(folded).or_default().push(entry.clone());
                    if let Some(spelled) = umlauts_spelled(name) {
                        by_name.entry(spelled).or_default().push(entry.clone());
                    }
                }
                by_name
                    .entry(name.to_string())
                    .or_default()
                    .push(entry.clone());
            }
        };

        for row in rows("countries.tsv", files.countries, 3) {
            let (line, cols) = row?;
            let cc = cols[0];
            if cc.len() != 2 {
                return Err(TagError::Data {
                    file: "countries.tsv".into(),
                    line,
                    reason: "country code must have two letters",
                });
            }
            let canonical = col(&cols, 1).to_string();
            let uri = opt(col(&cols, 2)).map(|id| format!("{GEONAMES_URI}{id}/"));
            let country = Entry {
                kind: EntryKind::Country,
                canonical: canonical.clone(),
                country_code: Some(cc.to_string()),
                uri,
                later_only: false,
            };
            add(&canonical, country.clone());
            for alias in list(col(&cols, 3)) {
                add(alias, country.clone());
            }
            for demonym in list(col(&cols, 4)) {
                add(
                    demonym,
                    Entry {
                        kind: EntryKind::Demonym,
                        canonical: demonym.to_string(),
                        country_code: Some(cc.to_string()),
                        uri: None,
                        later_only: false,
                    },
                );
            }
        }
        for row in rows("cities.tsv", files.cities, 6) {
            let (line, cols) = row?;
            let bad = |reason| TagError::Data {
                file: "cities.tsv".into(),
                line,
                reason,
            };
            let population = cols[2].parse::<u64>().map_err(|_| bad("bad population"))?;
            let entry = Entry {
                kind: EntryKind::City {
                    population,
                    capital: cols[4] == "1",
                    common_word: cols[5] == "1",
                },
                canonical: cols[0].to_string(),
                country_code: Some(cols[1].to_string()),
                uri: opt(cols[3]).map(|id| format!("{GEONAMES_URI}{id}/")),
                later_only: false,
            };
            // English copy often drops the hyphen between capitalised
            // parts: "Port Vila" for "Port-Vila", "Ado Ekiti".
            if cols[0].contains('-')
                && cols[0]
                    .split('-')
                    .all(|part| part.starts_with(char::is_uppercase))
            {
                add(&cols[0].replace('-', " "), entry.clone());
            }
            // ... without the administrative suffix GeoNames gives Korean
            // cities ("Icheon-si", "Ganghwa-gun"), which copy leaves out ...
            if cols[1] == "KR"
                && let Some(base) = ["-si", "-gun", " gun"]
                    .iter()
                    .find_map(|suffix| cols[0].strip_suffix(suffix))
                && base.len() >= 4
            {
                add(base, entry.clone());
            }
            // ... with "Aa" for the Danish and Norwegian "Å", as English
            // copy writes it ("Aarhus") ...
            if cols[0].contains(['Å', 'å']) {
                add(
                    &cols[0].replace('Å', "Aa").replace('å', "aa"),
                    entry.clone(),
                );
            }
            // ... with an apostrophe for the glottal stop GeoNames writes
            // as a turned comma ("Nuku‘alofa", copy's "Nuku'alofa") ...
            if cols[0].contains(['‘', 'ʻ']) {
                add(&cols[0].replace(['‘', 'ʻ'], "'"), entry.clone());
            }
            // ... and without the soft sign GeoNames writes as an apostrophe
            // ("Chornomorsk", "Arkhangelsk"). Such a spelling may make an
            // everyday word ("Ha'il", "Hail"), so it is read as one: not
            // opening a sentence.
            if let Some(plain) = without_soft_signs(cols[0]) {
                let mut entry = entry.clone();
                if let EntryKind::City { common_word, .. } = &mut entry.kind {
                    *common_word = true;
                }
                add(&plain, entry);
            }
            add(cols[0], entry);
        }
        for row in rows("us_states.tsv", files.us_states, 2) {
            let (_, cols) = row?;
            add(
                cols[0],
                Entry {
                    kind: EntryKind::Region,
                    canonical: cols[0].to_string(),
                    country_code: Some("US".to_string()),
                    uri: opt(cols[1]).map(|id| format!("{GEONAMES_URI}{id}/")),
                    later_only: false,
                },
            );
        }
        for row in rows("regions.tsv", files.regions, 3) {
            let (line, cols) = row?;
            let kind = match cols[2] {
                "place" => EntryKind::Region,
                "event" => EntryKind::Event,
                "none" => EntryKind::Blocked,
                _ => {
                    return Err(TagError::Data {
                        file: "regions.tsv".into(),
                        line,
                        reason: "kind must be place, event or none",
                    });
                }
            };
            let entry = Entry {
                kind,
                canonical: cols[0].to_string(),
                country_code: opt(cols[1]),
                uri: None,
                later_only: false,
            };
            add(cols[0], entry.clone());
            for alias in list(col(&cols, 3)) {
                add(alias, entry.clone());
            }
        }
        let orgs = rows("orgs.tsv", files.orgs, 1);
        for row in orgs.chain(rows("companies.tsv", files.companies, 1)) {
            let (_, cols) = row?;
            let entry = Entry {
                kind: EntryKind::Organization {
                    class: col(&cols, 3).to_string(),
                },
                canonical: cols[0].to_string(),
                country_code: opt(col(&cols, 2)),
                uri: None,
                later_only: false,
            };
            add(cols[0], entry.clone());
            for alias in list(col(&cols, 1)) {
                add(alias, entry.clone());
            }
            for short in list(col(&cols, 4)) {
                add(
                    short,
                    Entry {
                        later_only: true,
                        ..entry.clone()
                    },
                );
            }
        }
        for row in rows("people.tsv", files.people, 1) {
            let (_, cols) = row?;
            let entry = Entry {
                kind: EntryKind::Person {
                    title: opt(col(&cols, 1)),
                },
                canonical: cols[0].to_string(),
                country_code: opt(col(&cols, 2)),
                uri: opt(col(&cols, 3)),
                later_only: false,
            };
            add(cols[0], entry.clone());
            for alias in list(col(&cols, 4)) {
                add(alias, entry.clone());
            }
            // The sixth column gives the surname written alone where it is
            // not the last word ("Xi" of "Xi Jinping", "Lopez Obrador"),
            // or "-" for none.
            let surname = match col(&cols, 5) {
                "-" => None,
                "" => {
                    let mut tokens = cols[0].split_whitespace();
                    let first = tokens.next();
                    tokens
                        // A generation's numeral is no surname: "King
                        // Charles III", "Pope Leo XIV".
                        .rfind(|t| !t.ends_with('.') && !t.bytes().all(|b| b"IVXL".contains(&b)))
                        .filter(|&last| Some(last) != first && last.chars().count() > 2)
                }
                given => Some(given),
            };
            if let Some(surname) = surname {
                add(
                    surname,
                    Entry {
                        kind: EntryKind::Surname,
                        ..entry.clone()
                    },
                );
            }
        }

        let mut names: Vec<(String, Vec<Entry>)> = by_name.into_iter().collect();
        names.sort_by(|a, b| a.0.cmp(&b.0));
        let mut patterns = Vec::with_capacity(names.len());
        let mut pattern_name = Vec::with_capacity(names.len());
        let mut candidates = Vec::with_capacity(names.len());
        let mut lower_starts = [false; 256];
        let mut prefixes = vec![0u64; 65536 / 64];
        let mut lower_prefixes = vec![0u64; 65536 / 64];
        let mut prefixes4 = vec![0u64; (1 << PREFIX4_BITS) / 64];
        let mut short_prefixes = vec![0u64; 65536 / 64];
        let mut lower_prefixes4 = vec![0u64; (1 << PREFIX4_BITS) / 64];
        for (i, (name, mut entries)) in names.into_iter().enumerate() {
            let b = name.as_bytes();
            let second = b.get(1).copied().unwrap_or(0);
            let bit = prefix_bit(b[0], second);
            set_bit(&mut prefixes, bit);
            match b.first_chunk::<4>() {
                Some(&first4) => {
                    set_bit(&mut prefixes4, prefix4_bit(first4));
                    if b[0].is_ascii_lowercase() {
                        set_bit(&mut lower_prefixes4, exact_prefix4_bit(first4));
                    }
                }
                None => set_bit(&mut short_prefixes, bit),
            }
            if b[0].is_ascii_lowercase() {
                set_bit(&mut lower_prefixes, exact_prefix_bit(b[0], second));
            }
            entries.sort_by(|a, b| rank(b).total_cmp(&rank(a)));
            entries.dedup_by(|a, b| {
                a.kind == b.kind && a.canonical == b.canonical && a.country_code == b.country_code
            });
            if name.starts_with(|c: char| c.is_lowercase()) {
                lower_starts[name.as_bytes()[0] as usize] = true;
            }
            patterns.push(name);
            pattern_name.push(i);
            candidates.push(entries);
        }
        // Anchored searches only, which use no prefilter.
        let automaton = NFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .prefilter(false)
            .build(&patterns)
            .map_err(|source| TagError::Automaton {
                what: "gazetteer",
                source,
            })?;
        Ok(Gazetteer {
            automaton,
            patterns,
            pattern_name,
            names: candidates,
            lower_starts,
            prefixes,
            lower_prefixes,
            prefixes4,
            short_prefixes,
            lower_prefixes4,
        })
    }

    /// Candidates of a name found by [`Gazetteer::find`], most likely first.
    pub fn candidates(&self, name: usize) -> &[Entry] {
        self.names.get(name).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Looks a whole string up (exact case), for dateline places.
    pub fn lookup(&self, s: &str) -> Option<&[Entry]> {
        let i = self.patterns.binary_search_by(|p| p.as_str().cmp(s)).ok()?;
        Some(self.candidates(self.pattern_name[i]))
    }

    /// Every name the gazetteer knows, for the repair stage to leave alone.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.patterns
            .iter()
            .zip(&self.pattern_name)
            .filter(|&(_, &name)| !self.names[name].is_empty())
            .map(|(p, _)| p.as_str())
    }

    /// The names that are surnames of listed people.
    pub fn surnames(&self) -> impl Iterator<Item = &str> {
        self.patterns
            .iter()
            .zip(&self.pattern_name)
            .filter(|&(_, &name)| {
                self.names[name]
                    .iter()
                    .any(|e| matches!(e.kind, EntryKind::Surname))
            })
            .map(|(p, _)| p.as_str())
    }

    /// Forgets the surnames of listed people that `everyday` says are
    /// everyday words ("He" of "He Lifeng", "May", "Power"): standing
    /// alone they are far more often the word than the person. Full
    /// names still match, and the story links the surname to them.
    pub fn forget_everyday_surnames(&mut self, everyday: impl Fn(&str) -> bool) {
        for (pattern, &name) in self.patterns.iter().zip(&self.pattern_name) {
            let entries = &mut self.names[name];
            if entries.iter().any(|e| matches!(e.kind, EntryKind::Surname))
                && everyday(&pattern.to_lowercase())
            {
                entries.retain(|e| !matches!(e.kind, EntryKind::Surname));
            }
        }
    }

    /// Non-overlapping matches at word starts, leftmost-longest. `words`
    /// are the words of `text` ([`words`](super::text::words)).
    ///
    /// A name starts at an alphanumeric char that no letter, digit, period
    /// or apostrophe precedes. Every such char is the first of a word or
    /// follows a hyphen or ampersand inside one ("US-Japan", "AT&T"), so
    /// only those positions are tried rather than every byte of the text.
    pub fn find(&self, text: &str, words: &[Word]) -> Vec<GazMatch> {
        let bytes = text.as_bytes();
        let mut out = Vec::with_capacity(words.len() / 4);
        // No match may start inside the previous one.
        let mut done = 0usize;
        let mut try_at = |at: usize, done: &mut usize| {
            if at >= *done
                && self.may_start(bytes, at)
                && let Some(m) = self.match_at(text, at)
            {
                *done = m.end;
                out.push(m);
            }
        };
        // The hyphens and ampersands of the whole text, in one pass: most
        // words hold none.
        let mut marks = memchr::memchr2_iter(b'-', b'&', bytes).peekable();
        for w in words {
            try_at(w.start, &mut done);
            // Inner marks sit between letters, never first or last.
            while let Some(&m) = marks.peek()
                && m + 1 < w.end
            {
                marks.next();
                if m > w.start {
                    try_at(m + 1, &mut done);
                }
            }
        }
        out
    }

    /// Whether a name may start at byte `i`, from its first bytes alone:
    /// a capital, a non-ASCII lead byte or the first byte of a lower-case
    /// name, followed by a byte some name has second, and then by bytes
    /// some name has third and fourth (in the same case, after a
    /// lower-case letter), or a name is shorter.
    #[inline]
    fn may_start(&self, bytes: &[u8], i: usize) -> bool {
        let Some(&b) = bytes.get(i) else {
            return false;
        };
        if !(b.is_ascii_uppercase() || b >= 0xC0 || self.lower_starts[usize::from(b)]) {
            return false;
        }
        let second = bytes.get(i + 1).copied().unwrap_or(0);
        let bit = prefix_bit(b, second);
        has_bit(&self.prefixes, bit)
            && (!b.is_ascii_lowercase()
                || has_bit(&self.lower_prefixes, exact_prefix_bit(b, second)))
            && (has_bit(&self.short_prefixes, bit)
                || bytes
                    .get(i..)
                    .and_then(<[u8]>::first_chunk::<4>)
                    .is_some_and(|&first4| {
                        if b.is_ascii_lowercase() {
                            has_bit(&self.lower_prefixes4, exact_prefix4_bit(first4))
                        } else {
                            has_bit(&self.prefixes4, prefix4_bit(first4))
                        }
                    }))
    }

    /// The end and pattern of the longest name at byte `i` that `keep`
    /// accepts, as an anchored search of the automaton from `i` passes
    /// their match states: the last one kept before the trie has no way on.
    fn longest_at(
        &self,
        bytes: &[u8],
        i: usize,
        keep: impl Fn(usize, usize) -> bool,
    ) -> Option<(usize, usize)> {
        let nfa = &self.automaton;
        let mut sid = nfa.start_state(Anchored::Yes).ok()?;
        let mut found = None;
        if nfa.is_match(sid) && keep(i, nfa.match_pattern(sid, 0).as_usize()) {
            found = Some((i, nfa.match_pattern(sid, 0).as_usize()));
        }
        for (k, &b) in bytes[i..].iter().enumerate() {
            let at = i + k;
            sid = nfa.next_state(Anchored::Yes, sid, b);
            if nfa.is_special(sid) {
                if nfa.is_dead(sid) {
                    break;
                }
                if nfa.is_match(sid) {
                    // A match state also holds the names that end there but
                    // start later (the unanchored search's failure matches),
                    // and every spelling of one name that differs only in
                    // case ("Al Shabaab", "al Shabaab"): each is checked.
                    for m in 0..nfa.match_len(sid) {
                        let pattern = nfa.match_pattern(sid, m);
                        if at + 1 - nfa.pattern_len(pattern) <= i
                            && keep(at + 1, pattern.as_usize())
                        {
                            found = Some((at + 1, pattern.as_usize()));
                            break;
                        }
                    }
                }
            }
        }
        found
    }

    /// The accepted match starting at byte `i` (a char boundary) that
    /// [`Gazetteer::may_start`] lets through, if any.
    fn match_at(&self, text: &str, i: usize) -> Option<GazMatch> {
        let b = *text.as_bytes().get(i)?;
        let c = text[i..].chars().next()?;
        let prev = text[..i].chars().next_back();
        let starts_word = c.is_alphanumeric()
            && !prev.is_some_and(|p| p.is_alphanumeric() || p == '.' || p == '\'' || p == '’');
        if !starts_word || !(c.is_uppercase() || self.lower_starts[usize::from(b)]) {
            return None;
        }
        let after_hyphen = prev == Some('-');
        // The longest name written as listed wins; where the longest is
        // written otherwise ("the Hong Kong stock exchange" for "Hong Kong
        // Stock Exchange"), a shorter one inside it may.
        let (end, pat) = self.longest_at(text.as_bytes(), i, |end, pat| {
            case_matches(&text[i..end], &self.patterns[pat])
        })?;
        self.accepted(text, i, end, pat, after_hyphen)
    }

    /// The match of pattern `pat` at `i..end`, written as listed, if it
    /// stands as a word of its own.
    fn accepted(
        &self,
        text: &str,
        i: usize,
        end: usize,
        pat: usize,
        after_hyphen: bool,
    ) -> Option<GazMatch> {
        let next = text[end..].chars().next();
        let name = self.pattern_name[pat];
        // Inside a hyphenated word ("Kong-rey", "Jean-Pierre") only
        // countries and nationalities count ("US-Japan", "Sino-Japanese").
        let before_hyphen = next == Some('-')
            && text[end + 1..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
        // "the Hanoi-based bank", "Johannesburg-listed MTN": the place a
        // thing is based, listed or registered in.
        // So too the place or body that leads, backs or runs it
        // ("Moscow-led", "Hamas-run").
        let based = before_hyphen
            && PLACED.iter().chain(LED).any(|tail| {
                text[end + 1..].starts_with(tail)
                    && !text[end + 1 + tail.len()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
            });
        // "US$68", "HK$2 billion": a currency's mark, not the place.
        let rejected = next.is_some_and(|c| c.is_alphanumeric() || c == '$')
            || ((after_hyphen || before_hyphen && !based)
                && !self.names[name]
                    .iter()
                    .any(|e| matches!(e.kind, EntryKind::Country | EntryKind::Demonym)));
        if rejected {
            return None;
        }
        Some(GazMatch {
            start: i,
            end,
            name,
        })
    }
}

/// The AP style's short forms of US states, written after a town and a
/// comma ("SAN JOSE, Calif.", "in Dover, Del."), and the states they name.
/// Many are words or other names alone ("Ind.", "Miss.", "Wash."), so they
/// are read only there.
pub(crate) const AP_STATES: &[(&str, &str)] = &[
    ("Ala.", "Alabama"),
    ("Ariz.", "Arizona"),
    ("Ark.", "Arkansas"),
    ("Calif.", "California"),
    ("Colo.", "Colorado"),
    ("Conn.", "Connecticut"),
    ("Del.", "Delaware"),
    ("Fla.", "Florida"),
    ("Ga.", "Georgia"),
    ("Ill.", "Illinois"),
    ("Ind.", "Indiana"),
    ("Kan.", "Kansas"),
    ("Ky.", "Kentucky"),
    ("La.", "Louisiana"),
    ("Md.", "Maryland"),
    ("Mass.", "Massachusetts"),
    ("Mich.", "Michigan"),
    ("Minn.", "Minnesota"),
    ("Miss.", "Mississippi"),
    ("Mo.", "Missouri"),
    ("Mont.", "Montana"),
    ("Neb.", "Nebraska"),
    ("Nev.", "Nevada"),
    ("N.H.", "New Hampshire"),
    ("N.J.", "New Jersey"),
    ("N.M.", "New Mexico"),
    ("N.Y.", "New York"),
    ("N.C.", "North Carolina"),
    ("N.D.", "North Dakota"),
    ("Okla.", "Oklahoma"),
    ("Ore.", "Oregon"),
    ("Pa.", "Pennsylvania"),
    ("R.I.", "Rhode Island"),
    ("S.C.", "South Carolina"),
    ("S.D.", "South Dakota"),
    ("Tenn.", "Tennessee"),
    ("Vt.", "Vermont"),
    ("Va.", "Virginia"),
    ("Wash.", "Washington"),
    ("W.Va.", "West Virginia"),
    ("Wis.", "Wisconsin"),
    ("Wyo.", "Wyoming"),
];

/// The state an AP short form at the start of `s` names, and the short
/// form's length in bytes: "Calif. (AP)" gives ("California", 6).
pub(crate) fn ap_state(s: &str) -> Option<(&'static str, usize)> {
    AP_STATES.iter().find_map(|&(short, state)| {
        s.strip_prefix(short)
            .filter(|rest| !rest.starts_with(char::is_alphanumeric))
            .map(|_| (state, short.len()))
    })
}

/// What follows the hyphen after a place a thing is based, listed or
/// registered in ("Hanoi-based", "Johannesburg-listed"). The entity rules
/// keep such words out of names with more like them ("Iran-backed").
pub(crate) const PLACED: &[&str] = &["based", "listed", "headquartered", "registered"];

/// What follows the hyphen after a place or body that leads, backs, owns
/// or runs a thing ("Moscow-led", "Iran-backed", "Hamas-run"): the name
/// before it is read, and the entity rules keep it out of the name after.
pub(crate) const LED: &[&str] = &[
    "owned",
    "backed",
    "led",
    "run",
    "controlled",
    "funded",
    "allied",
    "aligned",
];

/// Prior preference among the meanings of one name: listed people and
/// organisations over countries over regions over cities, bigger cities
/// first.
pub fn rank(e: &Entry) -> f64 {
    match &e.kind {
        EntryKind::Blocked => 13.0,
        EntryKind::Person { .. } => 12.0,
        EntryKind::Organization { .. } => 11.0,
        EntryKind::Country => 7.0,
        EntryKind::Demonym => 6.5,
        EntryKind::Event => 6.0,
        EntryKind::Region => 5.0,
        EntryKind::Surname => 4.5,
        // 25,000 people → 4.6, 1 million → 5.6, 10 million → 6.2.
        EntryKind::City {
            population,
            capital,
            ..
        } => 2.0 + (*population as f64 + 1.0).log10() * 0.6 + if *capital { 1.0 } else { 0.0 },
    }
}

/// Whether a case-insensitive hit really is the name: the same text, the
/// same text in capitals, or the same text with only the first letter's
/// case changed ("Al-Qaida" at a sentence start).
fn case_matches(surface: &str, pattern: &str) -> bool {
    if surface == pattern {
        return true;
    }
    let letters = surface.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 3 && !surface.chars().any(char::is_lowercase) {
        return true;
    }
    let (mut s, mut p) = (surface.chars(), pattern.chars());
    match (s.next(), p.next()) {
        (Some(a), Some(b)) => a.to_lowercase().eq(b.to_lowercase()) && a.is_uppercase() && s.eq(p),
        _ => false,
    }
}

/// `name` without the apostrophes that stand between a letter and a
/// lower-case letter ("Chornomors’k" → "Chornomorsk"); None when it has
/// none.
fn without_soft_signs(name: &str) -> Option<String> {
    let chars: Vec<char> = name.chars().collect();
    let soft = |k: usize| {
        matches!(chars[k], '\'' | '’')
            && k > 0
            && chars[k - 1].is_alphabetic()
            && chars.get(k + 1).is_some_and(|c| c.is_lowercase())
    };
    (0..chars.len()).any(soft).then(|| {
        (0..chars.len())
            .filter(|&k| !soft(k))
            .map(|k| chars[k])
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Gazetteer {
        Gazetteer::build(&GazetteerFiles {
            countries: "JP\tJapan\t1861060\t\tJapanese\nUS\tUnited States\t6252001\tUS|U.S.\tAmerican\nKP\tNorth Korea\t1\t\tNorth Korean\nKR\tSouth Korea\t2\t\tSouth Korean|Korean",
            cities: "Washington\tUS\t689545\t4140963\t1\t0\nNice\tFR\t342669\t2990440\t0\t1\nGaryeong-si\tKR\t90000\t\t0\t0\nÅvlund\tDK\t30000\t\t0\t0",
            us_states: "Washington\t5815135",
            regions: "North American\t\tnone\t",
            orgs: "White House\t\tUS\tgovernment\nNational Security Council\tWhite House National Security Council\tUS\tsecurity\nal-Qaida\t\t\tmilitary\nal-Shabaab\tAl Shabaab|al Shabaab\tSO\tmilitary",
            companies: "Kering\t\tFR\tcompany\nWizz Air\t\tHU\tcompany\tWizz",
            people: "Joe Biden\tPresident\tUS\t\t",
        })
        .expect("valid data")
    }

    #[test]
    fn finds_longest_names_at_word_starts_with_case_rules() {
        let g = tiny();
        let cases: &[(&str, &[&str])] = &[
            (
                "WASHINGTON – Japan and the US met",
                &["WASHINGTON", "Japan", "US"],
            ),
            ("let us go to Japanese", &["Japanese"]),
            (
                "North Korean and North American forces",
                &["North Korean", "North American"],
            ),
            (
                "the White House National Security Council said",
                &["White House National Security Council"],
            ),
            ("U.S.-Japanese ties", &["U.S.", "Japanese"]),
            ("Al-Qaida and al-Qaida", &["Al-Qaida", "al-Qaida"]),
            // Spellings that differ only in case are each checked.
            (
                "Al Shabaab, al Shabaab and al-Shabaab",
                &["Al Shabaab", "al Shabaab", "al-Shabaab"],
            ),
            ("Biden met Joe Biden", &["Biden", "Joe Biden"]),
            ("Japanx Japan", &["Japan"]),
            // A Korean city without its suffix; "Aa" for "Å".
            (
                "Garyeong and Garyeong-si, Aavlund and Åvlund",
                &["Garyeong", "Garyeong-si", "Aavlund", "Åvlund"],
            ),
        ];
        for (text, want) in cases {
            let got: Vec<&str> = g
                .find(text, &crate::tag::text::words(text))
                .iter()
                .map(|m| &text[m.start..m.end])
                .collect();
            assert_eq!(&got, want, "{text}");
        }
    }

    #[test]
    fn the_prefix_filter_turns_away_only_positions_without_a_match() {
        let tagger = crate::tag::Tagger::from_embedded().expect("embedded data");
        let g = &tagger.rules.as_ref().expect("rules").gazetteer;
        let seed = include_str!("../../tests/data/seed-000.repaired.txt");
        let ner = include_str!("../../eval/ner/01.txt");
        let texts = [
            seed.to_string(),
            seed.to_uppercase(),
            seed.to_lowercase(),
            ner.to_string(),
            "al-Qaida AL-QAIDA Al-Qaida the Hague The Hague US USA U.S. UK Nice nice Thatta"
                .to_string(),
        ];
        let mut turned_away = 0;
        for text in &texts {
            for (i, _) in text.char_indices() {
                if !g.may_start(text.as_bytes(), i) {
                    turned_away += 1;
                    let m = g.match_at(text, i).map(|m| &text[m.start..m.end]);
                    assert_eq!(m, None, "{i} in {:?}", &text[i..]);
                }
            }
        }
        assert!(turned_away > 0);
    }

    #[test]
    fn candidates_are_ranked() {
        let g = tiny();
        let c = g.lookup("Washington").expect("known");
        assert_eq!(c.len(), 2);
        // The capital city outranks the state of the same name.
        assert!(matches!(c[0].kind, EntryKind::City { capital: true, .. }));
        assert!(g.lookup("Nowhere").is_none());
    }

    #[test]
    fn short_forms_are_marked_for_later_mentions() {
        let g = tiny();
        let full = g.lookup("Wizz Air").expect("known");
        let short = g.lookup("Wizz").expect("known");
        assert!(!full[0].later_only);
        assert!(short[0].later_only);
        assert_eq!(short[0].canonical, "Wizz Air");
        assert!(!g.lookup("Kering").expect("known")[0].later_only);
    }

    #[test]
    fn bad_rows_fail_construction() {
        let bad = GazetteerFiles {
            countries: "JPN\tJapan\t1",
            cities: "",
            us_states: "",
            regions: "",
            orgs: "",
            companies: "",
            people: "",
        };
        assert!(Gazetteer::build(&bad).is_err());
    }
}
