//! Typo tolerance for crisis triage: the words of the crisis patterns (letter runs of five or
//! more) form a lexicon, and a typed word within one edit (a letter missing, extra, wrong or
//! two swapped) of a lexicon word's start is corrected to it, so `самогбство` is read as
//! `самогубство` without anyone listing that misspelling. Patterns then run on the corrected
//! text too, as far as `WORDS_AFTER` words past the last correction. Only the first
//! `WORDS_CHECKED` words are looked at, to keep a long message fast; a crisis phrase spelled
//! right is found anywhere. A word that is itself an ordinary word
//! (one of Krok's own texts in any language, or listed in triage.toml's `ordinary_words`) is
//! never corrected: "traffic" is not a typo of "trafficking", nor "назад" of "напад".

use std::collections::{HashMap, HashSet};

/// Words shorter than this are never corrected: one edit changes them too much.
const MIN_LEN: usize = 5;

/// Words of a message that are checked for near-misses.
const WORDS_CHECKED: usize = 48;

/// Words of a corrected message, after the last correction, that are still read with it: a
/// crisis phrase that contains a corrected word ends within this many words of it.
const WORDS_AFTER: usize = 16;

/// Letters a typed word may hold and still be compared (a longer word is never a typo of a
/// crisis word's start).
const MAX_CHARS: usize = 40;

#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    by_first: HashMap<char, Vec<Entry>>,
    /// Real words, lowercase: never corrected.
    known: HashSet<String>,
}

/// A lexicon word and the set of its letters as bits, so most words are ruled out by one
/// AND: a word one edit away lacks at most one of them.
#[derive(Clone, Debug)]
struct Entry {
    chars: Vec<char>,
    mask: u64,
}

fn bit(c: char) -> u64 {
    1 << ((c as u32).wrapping_mul(0x9E37_79B1) >> 26)
}

/// A corrected message: the whole text, and how much of it can hold a phrase that a
/// correction created (the rest reads as typed).
pub struct Corrected {
    pub text: String,
    pub window: usize,
}

impl Lexicon {
    /// The letter runs of five or more outside character classes and escapes.
    pub fn from_patterns<'a>(patterns: impl Iterator<Item = &'a str>) -> Lexicon {
        let mut by_first: HashMap<char, Vec<Entry>> = HashMap::new();
        for pattern in patterns {
            for word in literal_runs(pattern) {
                let list = by_first.entry(word[0]).or_default();
                if !list.iter().any(|e| e.chars == word) {
                    let mask = word.iter().fold(0, |m, &c| m | bit(c));
                    list.push(Entry { chars: word, mask });
                }
            }
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|e| e.chars.len());
        }
        Lexicon {
            by_first,
            known: HashSet::new(),
        }
    }

    /// Adds ordinary words (any case) that must never be corrected.
    pub fn learn(&mut self, words: impl IntoIterator<Item = String>) {
        self.known
            .extend(words.into_iter().map(|w| w.to_lowercase()));
    }

    /// `text` with near-misses corrected, or `None` when nothing was corrected (the usual
    /// case, which allocates nothing).
    pub fn correct(&self, text: &str) -> Option<Corrected> {
        let mut fixes: Vec<(usize, String)> = Vec::new();
        for (i, word) in text.split(' ').take(WORDS_CHECKED).enumerate() {
            if let Some(fixed) = self.fix(word) {
                fixes.push((i, fixed));
            }
        }
        let last = fixes.last()?.0;
        // The words up to `WORDS_AFTER` past the last correction, corrected; then the rest as typed.
        let mut out = String::with_capacity(text.len() + 8);
        let mut fixes = fixes.into_iter().peekable();
        let mut taken = 0;
        for (i, word) in text.split(' ').take(last + 1 + WORDS_AFTER).enumerate() {
            if i > 0 {
                out.push(' ');
            }
            match fixes.next_if(|(at, _)| *at == i) {
                Some((_, fixed)) => out.push_str(&fixed),
                None => out.push_str(word),
            }
            taken += word.len() + 1;
        }
        let window = out.len();
        if let Some(rest) = text.get(taken..) {
            out.push(' ');
            out.push_str(rest);
        }
        Some(Corrected { text: out, window })
    }

    fn fix(&self, word: &str) -> Option<String> {
        if word.len() < MIN_LEN {
            return None;
        }
        let candidates = self.by_first.get(&word.chars().next()?)?;
        // The typed word's letters, and the letter sets of its starts.
        let mut w = ['\0'; MAX_CHARS];
        let mut masks = [0u64; MAX_CHARS + 1];
        let mut n = 0;
        for c in word.chars() {
            if n == MAX_CHARS {
                return None;
            }
            w[n] = c;
            masks[n + 1] = masks[n] | bit(c);
            n += 1;
        }
        let w = &w[..n];
        if n < MIN_LEN {
            return None;
        }
        // Entries are sorted by length: one longer than the word plus one can never be near.
        let near = || {
            candidates
                .iter()
                .take_while(|l| l.chars.len() <= n + 1)
                .filter(|l| (l.mask & !masks[(l.chars.len() + 1).min(n)]).count_ones() <= 1)
        };
        if near().any(|l| w.starts_with(&l.chars)) {
            return None;
        }
        let fixed = near().find_map(|e| fixed(w, &e.chars))?;
        let known = self
            .known
            .contains(word.trim_matches(|c: char| !c.is_alphabetic()));
        (!known).then_some(fixed)
    }
}

/// The typed word `w` with its start read as lexicon word `l`, when that start is one edit away.
fn fixed(w: &[char], l: &[char]) -> Option<String> {
    // A word that is a crisis word's stem cut short ("traffic", "trafficking") is a word of
    // its own, not a typo.
    if l.starts_with(w) {
        return None;
    }
    let k = [l.len(), l.len() - 1, l.len() + 1]
        .into_iter()
        .find(|&k| k <= w.len() && k >= MIN_LEN - 1 && within_one(&w[..k], l))?;
    Some(l.iter().chain(&w[k..]).collect())
}

/// Whether `a` becomes `b` with at most one insertion, deletion, substitution or swap of two
/// neighbouring letters.
fn within_one(a: &[char], b: &[char]) -> bool {
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) > 1 {
        return false;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    if prefix == n && prefix == m {
        return true;
    }
    let (ra, rb) = (&a[prefix..], &b[prefix..]);
    let swapped =
        ra.len() >= 2 && rb.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..];
    swapped || ra.get(1..) == rb.get(1..) || ra.get(1..) == Some(rb) || Some(ra) == rb.get(1..)
}

/// Runs of letters in a pattern, outside `[...]` classes, escapes and `{..}` counts.
fn literal_runs(pattern: &str) -> Vec<Vec<char>> {
    let mut runs = Vec::new();
    let mut run: Vec<char> = Vec::new();
    let mut chars = pattern.chars();
    let mut class = 0usize;
    let flush = |run: &mut Vec<char>, runs: &mut Vec<Vec<char>>| {
        if run.len() >= MIN_LEN {
            runs.push(std::mem::take(run));
        }
        run.clear();
    };
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
                flush(&mut run, &mut runs);
            }
            '[' => {
                class += 1;
                flush(&mut run, &mut runs);
            }
            ']' if class > 0 => class -= 1,
            c if class == 0 && c.is_alphabetic() => run.push(c),
            // A letter before `?`, `*` or `{` is optional: the run ends before it.
            '?' | '*' | '{' => {
                run.pop();
                flush(&mut run, &mut runs);
            }
            _ => flush(&mut run, &mut runs),
        }
    }
    flush(&mut run, &mut runs);
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon_of(pattern: &str) -> Lexicon {
        Lexicon::from_patterns([pattern].into_iter())
    }

    #[test]
    fn one_edit_is_forgiven_on_long_words_only() {
        let lexicon = Lexicon::from_patterns(
            [
                r"\bсамогуб\w*",
                r"\bsuicid\w*",
                r"[ув]бити себе",
                r"\bkill myself",
            ]
            .into_iter(),
        );
        assert_eq!(
            lexicon
                .correct("думаю про самогбство")
                .map(|c| c.text)
                .as_deref(),
            Some("думаю про самогубство")
        );
        assert_eq!(
            lexicon
                .correct("thinking of sucide")
                .map(|c| c.text)
                .as_deref(),
            Some("thinking of suicide")
        );
        assert!(
            lexicon.correct("thinking of suxxide").is_none(),
            "two edits"
        );
        assert!(lexicon.correct("самогубство").is_none(), "already right");
        assert!(lexicon.correct("kil me").is_none(), "short words stay");
        let mut lexicon = Lexicon::from_patterns([r"\btraffick\w*", r"\bнапад\w*"].into_iter());
        assert!(
            lexicon.correct("stuck in traffic").is_none(),
            "a stem cut short"
        );
        assert!(lexicon.correct("stuck in trafic").is_none());
        assert_eq!(
            lexicon
                .correct("повернутися назад")
                .map(|c| c.text)
                .as_deref(),
            Some("повернутися напад")
        );
        lexicon.learn(["Назад".to_owned()]);
        assert!(
            lexicon.correct("повернутися назад").is_none(),
            "a known word"
        );
        assert!(within_one(&['a', 'b'], &['b', 'a']));
        let long = format!("думаю про самогбство {}", "і ".repeat(40));
        let fixed = lexicon_of(r"\bсамогуб\w*").correct(long.trim()).unwrap();
        assert_eq!(
            &fixed.text[..fixed.window],
            format!("думаю про самогубство{}", " і".repeat(16))
        );
        assert_eq!(
            fixed.text,
            format!("думаю про самогубство{}", " і".repeat(40))
        );
        let short = lexicon_of(r"\bсамогуб\w*").correct("самогбство").unwrap();
        assert_eq!(
            (short.text.as_str(), short.window),
            ("самогубство", "самогубство".len())
        );
        assert!(!within_one(&['a', 'b', 'c'], &['c', 'b', 'a']));
    }
}
