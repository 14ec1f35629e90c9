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
use regex_automata::{Anchored, Input, MatchKind, PatternID, PatternSet};
use regex_syntax::hir::{Class, ClassBytes, ClassBytesRange, Hir, HirKind, Look};

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

/// The loose patterns compiled together, as lazy DFAs that only run forward: which patterns
/// match is all triage asks of them, so there is no reverse automaton, no capture state and no
/// slower engine to fall back to. The DFAs never give up on a message: with thousands of
/// patterns, a fallback's bookkeeping (a slot per pattern per state) would need gigabytes, so
/// a message that fills the cache clears it and goes on instead.
///
/// Almost every pattern starts at a word's edge (`\b`, `^`, a space): those are matched from
/// each word edge of the message on, anchored, and only until no pattern can go on. Searched
/// unanchored, every position of a long message of varied words met a new combination of
/// half-matched patterns, each a new DFA state built over the whole set (2000 characters of
/// shuffled words took a second); anchored, the states are those of the patterns' own
/// beginnings, the same wherever they begin, and the cache keeps them.
#[derive(Clone)]
pub(crate) struct QuickSet {
    /// Patterns whose matches start at a word edge only.
    edged: Part,
    /// The rest, searched unanchored.
    anywhere: Part,
    patterns: usize,
}

/// Some of the patterns as one DFA, with their places in the whole set.
#[derive(Clone)]
struct Part {
    dfa: Arc<DFA>,
    caches: Arc<Caches>,
    ids: Vec<usize>,
}

impl Part {
    fn build(
        hirs: Vec<Hir>,
        ids: Vec<usize>,
        size_limit: usize,
        cache_limit: usize,
    ) -> Result<Part, String> {
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
        Ok(Part {
            dfa,
            caches: Arc::new(caches),
            ids,
        })
    }

    /// Adds to `set` the patterns that match `bytes` from one of `starts` (anchored), or
    /// anywhere when `starts` is `None`.
    fn search(&self, bytes: &[u8], starts: Option<&[usize]>, set: &mut PatternSet) {
        if self.ids.is_empty() {
            return;
        }
        let mut found = PatternSet::new(self.dfa.pattern_len());
        let mut cache = self.caches.get();
        let mut failed = false;
        match starts {
            None => {
                let input = Input::new(bytes);
                failed = self
                    .dfa
                    .try_which_overlapping_matches(&mut cache, &input, &mut found)
                    .is_err();
            }
            Some(starts) => {
                for &at in starts {
                    let input = Input::new(bytes).range(at..).anchored(Anchored::Yes);
                    failed |= self
                        .dfa
                        .try_which_overlapping_matches(&mut cache, &input, &mut found)
                        .is_err();
                    if found.is_full() {
                        break;
                    }
                }
            }
        }
        for (local, &id) in self.ids.iter().enumerate() {
            // Not expected (the DFA never gives up and has no byte it stops at); should it
            // happen, every pattern stays a candidate and the exact patterns decide.
            if failed || found.contains(PatternID::new_unchecked(local)) {
                set.insert(PatternID::new_unchecked(id));
            }
        }
    }
}

impl std::fmt::Debug for QuickSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QuickSet")
            .field("patterns", &self.patterns)
            .field("at_word_edges", &self.edged.ids.len())
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
        let (mut edged, mut anywhere) = ((Vec::new(), Vec::new()), (Vec::new(), Vec::new()));
        for (i, pattern) in patterns.iter().enumerate() {
            let hir = regex_syntax::ParserBuilder::new()
                .build()
                .parse(pattern)
                .map_err(|e| format!("`{pattern}`: {e}"))?;
            let part = if starts_at_edge(&hir) {
                &mut edged
            } else {
                &mut anywhere
            };
            part.0.push(without_tail(&to_bytes(&hir)));
            part.1.push(i);
        }
        Ok(QuickSet {
            edged: Part::build(edged.0, edged.1, size_limit, cache_limit)?,
            anywhere: Part::build(anywhere.0, anywhere.1, size_limit, cache_limit)?,
            patterns: patterns.len(),
        })
    }

    /// The patterns that may match `text` (normalised).
    pub(crate) fn matches(&self, text: &str) -> Hits {
        let bytes: Vec<u8> = text.chars().map(byte_of).collect();
        let mut set = PatternSet::new(self.patterns.max(1));
        // Every place a word edge can be: all but those between two letters of one word.
        let starts: Vec<usize> = (0..=bytes.len())
            .filter(|&i| {
                i == 0 || i == bytes.len() || !(is_word(bytes[i - 1]) && is_word(bytes[i]))
            })
            .collect();
        self.edged.search(&bytes, Some(&starts), &mut set);
        self.anywhere.search(&bytes, None, &mut set);
        Hits(set)
    }
}

/// Whether `byte` stands for a letter, digit or `_` (one that `\b` counts as a word's): those
/// of the alphabet that are, never `OTHER`, which may stand for anything.
fn is_word(byte: u8) -> bool {
    match byte {
        b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' | b'_' => true,
        0x80..=0xfe => ALPHABET
            .get(usize::from(byte - 0x80))
            .is_some_and(|c| c.is_alphanumeric()),
        _ => false,
    }
}

/// Whether every match of `hir` starts at a word edge: it begins with `\b`, `^` or a
/// character no word has (a space, a dash), in every branch.
fn starts_at_edge(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Look(look) => matches!(
            look,
            Look::Start
                | Look::StartLF
                | Look::StartCRLF
                | Look::WordAscii
                | Look::WordUnicode
                | Look::WordStartAscii
                | Look::WordStartUnicode
                | Look::WordEndAscii
                | Look::WordEndUnicode
                | Look::WordStartHalfAscii
                | Look::WordStartHalfUnicode
                | Look::WordEndHalfAscii
                | Look::WordEndHalfUnicode
        ),
        HirKind::Concat(parts) => parts.first().is_some_and(starts_at_edge),
        HirKind::Alternation(parts) => parts.iter().all(starts_at_edge),
        HirKind::Capture(capture) => starts_at_edge(&capture.sub),
        HirKind::Repetition(rep) => rep.min >= 1 && starts_at_edge(&rep.sub),
        HirKind::Literal(lit) => std::str::from_utf8(&lit.0)
            .ok()
            .and_then(|t| t.chars().next())
            .is_some_and(|c| !c.is_alphanumeric() && c != '_'),
        HirKind::Class(Class::Unicode(class)) => class.ranges().iter().all(|r| {
            let (start, end) = (r.start() as u32, r.end() as u32);
            end - start < 0x4000
                && (start..=end)
                    .filter_map(char::from_u32)
                    .all(|c| !c.is_alphanumeric() && c != '_')
        }),
        _ => false,
    }
}

/// `hir` without what may follow at its end and can match nothing (`\w*` after a stem, a
/// `( \S+){0,3}` that ends a pattern), and with a repetition at its end once: whether a match
/// starts at a place does not change, and the DFA stops sooner.
fn without_tail(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Concat(parts) => {
            let mut parts = parts.clone();
            while parts
                .last()
                .is_some_and(|p| p.properties().minimum_len() == Some(0))
            {
                parts.pop();
            }
            if let Some(last) = parts.pop() {
                parts.push(without_tail(&last));
            }
            Hir::concat(parts)
        }
        HirKind::Alternation(parts) => Hir::alternation(parts.iter().map(without_tail).collect()),
        HirKind::Capture(capture) => without_tail(&capture.sub),
        HirKind::Repetition(rep) if rep.min == 0 => Hir::empty(),
        HirKind::Repetition(rep) => {
            let mut once: Vec<Hir> = (1..rep.min).map(|_| (*rep.sub).clone()).collect();
            once.push(without_tail(&rep.sub));
            Hir::concat(once)
        }
        _ => hir.clone(),
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
    fn a_pattern_that_starts_at_a_word_edge_is_looked_for_at_word_edges_only() {
        // The word edge at its end is dropped (which only widens); its start is kept.
        assert_eq!(hits(&[r"\bbije\b"], "on mnie bijeee"), vec![0]);
        assert_eq!(hits(&[r"\bbije\b"], "zabije"), Vec::<usize>::new());
        assert_eq!(hits(&[r"bije"], "zabije"), vec![0], "no edge: anywhere");
        // After an apostrophe, a dash, a digit's end, at the start and after the message's
        // characters outside the alphabet.
        let patterns = [r"\bє\b", r"\bnie\b", r"(?:^|\s)о 16", r"\bok"];
        assert_eq!(hits(&patterns, "б'є"), vec![0]);
        assert_eq!(hits(&patterns, "tak-nie"), vec![1]);
        assert_eq!(hits(&patterns, "о 16"), vec![2]);
        assert_eq!(hits(&patterns, "так о 16"), vec![2]);
        assert_eq!(hits(&patterns, "🙈ok 5ok"), vec![3]);
        assert_eq!(hits(&patterns, "nieok"), vec![1], "its end's edge dropped");
    }

    #[test]
    fn a_pattern_ending_in_a_repetition_is_found_as_before() {
        let patterns = [
            r"\bвбит\w*",
            r"\bне хочу( \S+){0,3} жити",
            r"\bсам(\S+ ){1,2}вдома",
        ];
        assert_eq!(hits(&patterns, "хоче вбити"), vec![0]);
        assert_eq!(hits(&patterns, "вбит"), vec![0]);
        assert_eq!(hits(&patterns, "я не хочу більше так жити"), vec![1]);
        assert_eq!(
            hits(&patterns, "я не хочу більше так от зовсім жити"),
            Vec::<usize>::new()
        );
        assert_eq!(hits(&patterns, "я сама вдома"), vec![2]);
    }

    #[test]
    fn a_message_that_fills_the_cache_again_and_again_is_still_matched_exactly() {
        // Many patterns and a small cache: the DFA clears its cache many times in one long
        // message. It must neither give up (all patterns candidates) nor fall back to an
        // engine whose bookkeeping grows with patterns times states.
        let patterns: Vec<String> = (0..400).map(|i| format!(r"сл{i}о\S*в[аеи]")).collect();
        let set = QuickSet::build(&patterns, 1 << 24, 1 << 17).unwrap();
        assert_eq!(set.edged.ids.len(), 0, "these start anywhere");
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
