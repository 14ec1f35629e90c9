//! Concepts and `together` rules: a crisis group can match when words of two or more named
//! concepts ("a partner", "hits") stand within a few words of each other, so an editor writes
//! the parts of a crisis once instead of every phrase that joins them ("мій чоловік знову
//! сильно побив", "чоловік вчора мене бив", "he hit me again, my husband").
//!
//! Concept patterns join the one quick set in their loose form; only when every concept of
//! a rule is among the set's matches are positions read, with each loose match confirmed by
//! the exact pattern on the few words around it (cheap even on a long message).

use std::cell::OnceCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

use super::quick::Hits;
use serde::Deserialize;
use toml::Spanned;

use super::super::problem::{Problem, Problems, Source};
use super::quick_form;

/// Words two concepts of one rule may stand apart when the file does not say.
pub(super) const WITHIN_DEFAULT: usize = 8;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ConceptFile {
    id: Spanned<String>,
    patterns: Vec<Spanned<String>>,
}

#[derive(Clone, Debug)]
struct Pattern {
    /// Both forms are compiled on first use: most concepts are never all present at once.
    quick: OnceLock<Option<Regex>>,
    exact: OnceLock<Option<Regex>>,
    source: String,
}

#[derive(Clone, Debug)]
struct Concept {
    /// Index in the quick set of its first pattern; the rest follow.
    first: usize,
    patterns: Vec<Pattern>,
}

/// Every concept of the file, and how near their words must be.
#[derive(Clone, Debug, Default)]
pub(super) struct Concepts {
    list: Vec<Concept>,
    ids: HashMap<String, usize>,
    pub(super) within: usize,
}

impl Concepts {
    /// The concepts, their patterns appended to `set` (the loose forms) from its current end.
    pub(super) fn load(
        src: &Source,
        files: &[ConceptFile],
        within: usize,
        set: &mut Vec<String>,
        problems: &mut Problems,
    ) -> Concepts {
        let mut concepts = Concepts {
            within,
            ..Concepts::default()
        };
        for file in files {
            let line = src.line_of(file.id.span().start);
            if concepts.ids.contains_key(file.id.get_ref()) {
                let why = format!("concept `{}` is defined twice", file.id.get_ref());
                problems.push(Problem::error(&src.path, line, why));
                continue;
            }
            let first = set.len();
            let mut patterns = Vec::new();
            for p in &file.patterns {
                let line = src.line_of(p.span().start);
                let Some(pattern) = super::valid(src, p.get_ref(), line, problems) else {
                    continue;
                };
                set.push(quick_form(&pattern));
                patterns.push(Pattern {
                    quick: OnceLock::new(),
                    exact: OnceLock::new(),
                    source: pattern,
                });
            }
            if patterns.is_empty() {
                let why = format!("concept `{}` has no pattern", file.id.get_ref());
                problems.push(Problem::error(&src.path, line, why));
            }
            concepts
                .ids
                .insert(file.id.get_ref().clone(), concepts.list.len());
            concepts.list.push(Concept { first, patterns });
        }
        concepts
    }

    /// The concepts of one `together` entry ("partner-uk + hits-uk"), or why it is wrong.
    pub(super) fn resolve(&self, entry: &str) -> Result<Vec<usize>, String> {
        let names: Vec<&str> = entry.split('+').map(str::trim).collect();
        if names.len() < 2 || names.iter().any(|n| n.is_empty()) {
            return Err(format!(
                "`together` entry `{entry}` must join two or more concept ids with `+`"
            ));
        }
        names
            .iter()
            .map(|n| {
                self.ids.get(*n).copied().ok_or_else(|| {
                    let mut known: Vec<&str> = self.ids.keys().map(String::as_str).collect();
                    known.sort_unstable();
                    format!(
                        "unknown concept `{n}` in `{entry}` (the [[concept]] list has: {})",
                        known.join(", ")
                    )
                })
            })
            .collect()
    }

    /// The patterns of every concept, for the typo lexicon.
    pub(super) fn sources(&self) -> impl Iterator<Item = &str> {
        self.list
            .iter()
            .flat_map(|c| c.patterns.iter().map(|p| p.source.as_str()))
    }

    /// One message's view of the concepts, for `found`: which are present (from the set's
    /// matches) and, once asked, where.
    pub(super) fn scan<'a>(&'a self, text: &'a str, hits: &'a Hits) -> Scan<'a> {
        let present = self
            .list
            .iter()
            .map(|c| (c.first..c.first + c.patterns.len()).any(|i| hits.matched(i)))
            .collect();
        Scan {
            concepts: self,
            text,
            hits,
            present,
            places: vec![OnceCell::new(); self.list.len()],
            words: OnceCell::new(),
        }
    }

    /// Word numbers where the concept's exact patterns match.
    fn places(&self, concept: usize, text: &str, hits: &Hits, words: &WordIndex) -> Vec<usize> {
        let c = &self.list[concept];
        let mut out = Vec::new();
        for (i, p) in c.patterns.iter().enumerate() {
            if !hits.matched(c.first + i) {
                continue;
            }
            let quick = p.quick.get_or_init(|| build(&quick_form(&p.source)));
            // A loose form too large to compile alone (it compiled in the set): every word
            // counts as a place, since a false alarm beats a missed crisis.
            let Some(quick) = quick else {
                out.extend(0..=words.number(text.len()));
                continue;
            };
            for m in quick.find_iter(text) {
                let (start, end) = words.around(text, m.start(), m.end());
                if p.confirms(&text[start..end]) {
                    out.push(words.number(m.start()));
                }
            }
        }
        out
    }
}

/// A message as the concepts see it; places are found once per concept, whichever rules ask.
pub(super) struct Scan<'a> {
    concepts: &'a Concepts,
    text: &'a str,
    hits: &'a Hits,
    present: Vec<bool>,
    places: Vec<OnceCell<Vec<usize>>>,
    words: OnceCell<WordIndex>,
}

impl Scan<'_> {
    /// Whether words of all `concepts` stand within `within` words of the first one's.
    pub(super) fn found(&self, concepts: &[usize]) -> bool {
        if !concepts.iter().all(|&c| self.present[c]) {
            return false;
        }
        let words = self.words.get_or_init(|| WordIndex::new(self.text));
        let place = |c: usize| {
            self.places[c].get_or_init(|| self.concepts.places(c, self.text, self.hits, words))
        };
        let (anchor, rest) = concepts.split_first().expect("two or more concepts");
        let within = self.concepts.within;
        place(*anchor).iter().any(|&at| {
            rest.iter()
                .all(|&c| place(c).iter().any(|&w| w.abs_diff(at) <= within))
        })
    }
}

impl Pattern {
    /// The exact pattern on the words around a loose match. A slice cut at spaces or the
    /// message's ends keeps `\b` as it is in the whole message.
    fn confirms(&self, slice: &str) -> bool {
        let exact = self.exact.get_or_init(|| build(&self.source));
        exact.as_ref().is_none_or(|r| r.is_match(slice))
    }
}

/// Byte offsets of the spaces of a normalised text (words are separated by one space).
struct WordIndex(Vec<usize>);

impl WordIndex {
    fn new(text: &str) -> WordIndex {
        WordIndex(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b' ')
                .map(|(i, _)| i)
                .collect(),
        )
    }

    fn number(&self, offset: usize) -> usize {
        self.0.partition_point(|&s| s < offset)
    }

    /// From the start of the word holding `start` to the end of the word holding `end`.
    fn around(&self, text: &str, start: usize, end: usize) -> (usize, usize) {
        let n = self.number(start);
        let from = if n == 0 { 0 } else { self.0[n - 1] + 1 };
        let to = self.0.get(self.number(end)).copied().unwrap_or(text.len());
        (from, to.max(from))
    }
}

fn build(pattern: &str) -> Option<Regex> {
    super::compile(pattern).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_numbered_and_cut_at_spaces() {
        let text = "мій чоловік мене б'є";
        let w = WordIndex::new(text);
        let at = text.find("мене").unwrap();
        assert_eq!(w.number(at), 2);
        assert_eq!(w.number(0), 0);
        let (a, b) = w.around(text, at + 2, at + 4);
        assert_eq!(&text[a..b], "мене");
        let at = text.find("б'є").unwrap();
        let (a, b) = w.around(text, at, text.len());
        assert_eq!(&text[a..b], "б'є");
    }
}
