//! The first pass of triage: every pattern's loose form in one set, matched over a one-byte-
//! per-letter copy of the normalised message. Normalised text is lower case ASCII, Cyrillic
//! and a few Polish letters; each of those letters gets one byte of its own (0x80 and up) and
//! every other character the byte `OTHER`. Patterns are rewritten the same way, so a loose `\S`
//! is one byte class instead of a UTF-8 automaton: the compiled set and each thread's matching
//! cache are a fraction of the size (they were most of Krok's memory), and Cyrillic text is
//! half as many bytes to scan. Every rewritten pattern matches at least what its loose form
//! matches (a character outside the alphabet may stand for any other), so the exact patterns
//! still decide.

use std::sync::Arc;

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::util::pool::Pool;
use regex_automata::{Input, MatchKind, PatternID, PatternSet};
use regex_syntax::hir::{Class, ClassBytes, ClassBytesRange, Hir, HirKind};

/// The letters with a byte of their own, at `0x80 + index`: Cyrillic `а`..`я` first (so its
/// ranges stay ranges), then the other Cyrillic and the Polish letters, then the apostrophes
/// and signs written in patterns.
const ALPHABET: [char; 52] = [
    'а', 'б', 'в', 'г', 'д', 'е', 'ж', 'з', 'и', 'й', 'к', 'л', 'м', 'н', 'о', 'п', 'р', 'с', 'т',
    'у', 'ф', 'х', 'ц', 'ч', 'ш', 'щ', 'ъ', 'ы', 'ь', 'э', 'ю', 'я', 'ё', 'є', 'і', 'ї', 'ґ', 'ў',
    'ó', 'ą', 'ć', 'ę', 'ł', 'ń', 'ś', 'ź', 'ż', 'ʼ', '’', '‘', '…', '→',
];

/// The byte of every character outside ASCII and `ALPHABET`.
const OTHER: u8 = 0xff;

/// The byte standing for `c`.
fn byte_of(c: char) -> u8 {
    match c {
        '\0'..='\x7f' => c as u8,
        'а'..='я' => 0x80 + (c as u32 - 'а' as u32) as u8,
        _ => ALPHABET
            .iter()
            .position(|&a| a == c)
            .map_or(OTHER, |i| 0x80 + i as u8),
    }
}

/// A matching cache per thread that triages at the same time.
type Caches = Pool<Cache, Box<dyn Fn() -> Cache + Send + Sync>>;

/// The loose patterns compiled together, as one lazy DFA that only runs forward: which
/// patterns match is all triage asks of it, so there is no reverse automaton, no capture
/// state and no slower engine to fall back to. The DFA never gives up on a message: with
/// thousands of patterns, a fallback's bookkeeping (a slot per pattern per state) would
/// need gigabytes, so a message that fills the cache clears it and goes on instead.
#[derive(Clone)]
pub(crate) struct QuickSet {
    dfa: Arc<DFA>,
    caches: Arc<Caches>,
}

impl std::fmt::Debug for QuickSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QuickSet")
            .field("patterns", &self.dfa.pattern_len())
            .finish()
    }
}

/// Which patterns of the set may match a message.
pub(crate) struct Hits(PatternSet);

impl Hits {
    pub(crate) fn matched(&self, i: usize) -> bool {
        PatternID::new(i).is_ok_and(|id| self.0.contains(id))
    }
}

impl QuickSet {
    /// Compiles the loose patterns; an error names the first that could not be parsed.
    pub(crate) fn build(
        patterns: &[String],
        size_limit: usize,
        cache_limit: usize,
    ) -> Result<QuickSet, String> {
        let mut hirs = Vec::with_capacity(patterns.len());
        for pattern in patterns {
            let hir = regex_syntax::ParserBuilder::new()
                .build()
                .parse(pattern)
                .map_err(|e| format!("`{pattern}`: {e}"))?;
            hirs.push(to_bytes(&hir));
        }
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .utf8(false)
                    .which_captures(WhichCaptures::None)
                    .nfa_size_limit(Some(size_limit)),
            )
            .build_many_from_hir(&hirs)
            .map_err(|e| e.to_string())?;
        let dfa = DFA::builder()
            .configure(
                DFA::config()
                    .match_kind(MatchKind::All)
                    .cache_capacity(cache_limit)
                    .minimum_cache_clear_count(None),
            )
            .build_from_nfa(nfa)
            .map_err(|e| e.to_string())?;
        let dfa = Arc::new(dfa);
        let for_caches = Arc::clone(&dfa);
        let caches: Caches = Pool::new(Box::new(move || for_caches.create_cache()));
        Ok(QuickSet {
            dfa,
            caches: Arc::new(caches),
        })
    }

    /// The patterns that may match `text` (normalised).
    pub(crate) fn matches(&self, text: &str) -> Hits {
        let bytes: Vec<u8> = text.chars().map(byte_of).collect();
        let mut set = PatternSet::new(self.dfa.pattern_len());
        let mut cache = self.caches.get();
        let searched =
            self.dfa
                .try_which_overlapping_matches(&mut cache, &Input::new(&bytes), &mut set);
        if searched.is_err() {
            // Not expected (the DFA never gives up and has no byte it stops at); should it
            // happen, every pattern stays a candidate and the exact patterns decide.
            for i in 0..self.dfa.pattern_len() {
                set.insert(PatternID::new_unchecked(i));
            }
        }
        Hits(set)
    }
}

/// `hir` over the one-byte alphabet: letters become their bytes, classes the bytes of their
/// members, assertions (word edges, ends) nothing, which only widens the match.
fn to_bytes(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Hir::empty(),
        HirKind::Literal(lit) => match std::str::from_utf8(&lit.0) {
            Ok(text) => Hir::literal(text.chars().map(byte_of).collect::<Vec<u8>>()),
            // Bytes of a `(?-u)` pattern: those outside ASCII may be any byte here.
            Err(_) => Hir::concat(lit.0.iter().map(|&b| byte_class(b, b)).collect()),
        },
        HirKind::Class(Class::Unicode(class)) => {
            let mut members = [false; 256];
            for range in class.ranges() {
                mark(&mut members, range.start(), range.end());
            }
            Hir::class(Class::Bytes(to_class(&members)))
        }
        HirKind::Class(Class::Bytes(class)) => {
            let parts = class
                .ranges()
                .iter()
                .map(|r| byte_class(r.start(), r.end()));
            Hir::alternation(parts.collect())
        }
        HirKind::Repetition(rep) => {
            let mut rep = rep.clone();
            rep.sub = Box::new(to_bytes(&rep.sub));
            Hir::repetition(rep)
        }
        HirKind::Capture(capture) => to_bytes(&capture.sub),
        HirKind::Concat(parts) => Hir::concat(parts.iter().map(to_bytes).collect()),
        HirKind::Alternation(parts) => Hir::alternation(parts.iter().map(to_bytes).collect()),
    }
}

/// Marks the bytes standing for the characters `start..=end`.
fn mark(members: &mut [bool; 256], start: char, end: char) {
    for b in (start as u32).min(0x80)..=(end as u32).min(0x7f) {
        members[b as usize] = true;
    }
    let (low, high) = ((start as u32).max(0x80), end as u32);
    if low > high {
        return;
    }
    let mut inside = 0u32;
    for (i, &c) in ALPHABET.iter().enumerate() {
        if (low..=high).contains(&(c as u32)) {
            members[0x80 + i] = true;
            inside += 1;
        }
    }
    if high - low + 1 > inside {
        members[usize::from(OTHER)] = true;
    }
}

/// Raw bytes `start..=end` of a `(?-u)` class: ASCII as it is, anything above for any letter.
fn byte_class(start: u8, end: u8) -> Hir {
    let mut members = [false; 256];
    for b in start..=end {
        if b < 0x80 {
            members[usize::from(b)] = true;
        } else {
            members[0x80..].fill(true);
        }
    }
    Hir::class(Class::Bytes(to_class(&members)))
}

fn to_class(members: &[bool; 256]) -> ClassBytes {
    let mut ranges = Vec::new();
    let mut b = 0usize;
    while b < 256 {
        if members[b] {
            let start = b;
            while b + 1 < 256 && members[b + 1] {
                b += 1;
            }
            ranges.push(ClassBytesRange::new(start as u8, b as u8));
        }
        b += 1;
    }
    ClassBytes::new(ranges)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(patterns: &[&str], text: &str) -> Vec<usize> {
        let patterns: Vec<String> = patterns.iter().map(|p| (*p).to_owned()).collect();
        let set = QuickSet::build(&patterns, 1 << 24, 1 << 22).unwrap();
        let hits = set.matches(text);
        (0..patterns.len()).filter(|&i| hits.matched(i)).collect()
    }

    #[test]
    fn letters_classes_and_counts_keep_their_meaning() {
        let patterns = [
            r"вбит\S*",
            r"[а-я]{3} з ножем",
            r"mąż",
            r"b[iy]je",
            r"i[^ ]{2,3}z",
            r"ґанок|їжак",
        ];
        assert_eq!(hits(&patterns, "він хоче мене вбити"), vec![0]);
        assert_eq!(hits(&patterns, "йде з ножем"), vec![1]);
        assert_eq!(hits(&patterns, "іде з ножем"), Vec::<usize>::new());
        assert_eq!(hits(&patterns, "йде з ножом"), Vec::<usize>::new());
        assert_eq!(hits(&patterns, "mój mąż mnie bije"), vec![2, 3]);
        assert_eq!(hits(&patterns, "iłaz"), vec![4]);
        assert_eq!(hits(&patterns, "iłłłłz"), Vec::<usize>::new());
        assert_eq!(hits(&patterns, "там їжак"), vec![5]);
    }

    #[test]
    fn characters_outside_the_alphabet_may_stand_for_each_other() {
        // Loose, never narrower: a pattern's emoji matches any character outside the alphabet.
        assert_eq!(hits(&["ха😂", r"ok\S"], "ха🙈 ok€"), vec![0, 1]);
        assert_eq!(hits(&["ха😂"], "хаа"), Vec::<usize>::new());
    }

    #[test]
    fn word_edges_are_dropped_which_only_widens() {
        assert_eq!(hits(&[r"\bbije\b"], "zabije"), vec![0]);
    }

    #[test]
    fn a_message_that_fills_the_cache_again_and_again_is_still_matched_exactly() {
        // Many patterns and a small cache: the DFA clears its cache many times in one long
        // message. It must neither give up (all patterns candidates) nor fall back to an
        // engine whose bookkeeping grows with patterns times states.
        let patterns: Vec<String> = (0..400).map(|i| format!(r"сл{i}о\S*в[аеи]")).collect();
        let set = QuickSet::build(&patterns, 1 << 24, 1 << 17).unwrap();
        let mut text = String::new();
        for i in (0..4000).step_by(7) {
            text.push_str(&format!("сл{}ово{} ", i % 997, i % 13));
        }
        text.push_str("сл17оглава");
        let hits = set.matches(&text);
        let found: Vec<usize> = (0..patterns.len()).filter(|&i| hits.matched(i)).collect();
        assert!(found.contains(&17), "the pattern at the end is found");
        assert!(!found.contains(&3), "сл3о… never occurs");
        assert!(
            found.len() < patterns.len(),
            "not every pattern a candidate"
        );
    }
}
