//! The first pass of triage: every pattern's loose form in one set, matched over a one-byte-
//! per-letter copy of the normalised message. Normalised text is lower case ASCII, Cyrillic
//! and a few Polish letters; each of those letters gets one byte of its own (0x80 and up) and
//! every other character the byte `OTHER`. Patterns are rewritten the same way, so a loose `\S`
//! is one byte class instead of a UTF-8 automaton: the compiled set and each thread's matching
//! cache are a fraction of the size (they were most of Krok's memory), and Cyrillic text is
//! half as many bytes to scan. Every rewritten pattern matches at least what its loose form
//! matches (a character outside the alphabet may stand for any other), so the exact patterns
//! still decide.

use regex_automata::meta::{self, Regex};
use regex_automata::util::syntax;
use regex_automata::{Input, MatchKind, PatternSet};
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

/// The loose patterns compiled together.
#[derive(Clone, Debug)]
pub(crate) struct QuickSet {
    regex: Regex,
}

/// Which patterns of the set may match a message.
pub(crate) struct Hits(PatternSet);

impl Hits {
    pub(crate) fn matched(&self, i: usize) -> bool {
        regex_automata::PatternID::new(i).is_ok_and(|id| self.0.contains(id))
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
        let config = meta::Config::new()
            .match_kind(MatchKind::All)
            .utf8_empty(false)
            .nfa_size_limit(Some(size_limit))
            .hybrid_cache_capacity(cache_limit);
        let regex = meta::Builder::new()
            .configure(config)
            .syntax(syntax::Config::new().utf8(false))
            .build_many_from_hir(&hirs)
            .map_err(|e| e.to_string())?;
        Ok(QuickSet { regex })
    }

    /// The patterns that may match `text` (normalised).
    pub(crate) fn matches(&self, text: &str) -> Hits {
        let bytes: Vec<u8> = text.chars().map(byte_of).collect();
        let mut set = PatternSet::new(self.regex.pattern_len());
        self.regex
            .which_overlapping_matches(&Input::new(&bytes), &mut set);
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
}
