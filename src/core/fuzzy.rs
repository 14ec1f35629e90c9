//! Typo tolerance for crisis triage: the words of the crisis patterns (letter runs of five or
//! more) form a lexicon, and a typed word within one edit (a letter missing, extra, wrong or
//! two swapped) of a lexicon word's start is corrected to it, so `самогбство` is read as
//! `самогубство` without anyone listing that misspelling. Patterns then run on the corrected
//! text too. Only the first `WORDS_CHECKED` words are looked at, to keep a long message fast;
//! a crisis phrase spelled right is found anywhere. A word that is itself an ordinary word
//! (one of Krok's own texts in any language, or listed in triage.toml's `ordinary_words`) is
//! never corrected: "traffic" is not a typo of "trafficking", nor "назад" of "напад".

use std::collections::{HashMap, HashSet};

/// Words shorter than this are never corrected: one edit changes them too much.
const MIN_LEN: usize = 5;

/// Words of a message that are checked for near-misses.
const WORDS_CHECKED: usize = 48;

#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    by_first: HashMap<char, Vec<Vec<char>>>,
    /// Real words, lowercase: never corrected.
    known: HashSet<String>,
}

impl Lexicon {
    /// The letter runs of five or more outside character classes and escapes.
    pub fn from_patterns<'a>(patterns: impl Iterator<Item = &'a str>) -> Lexicon {
        let mut by_first: HashMap<char, Vec<Vec<char>>> = HashMap::new();
        for pattern in patterns {
            for word in literal_runs(pattern) {
                let list = by_first.entry(word[0]).or_default();
                if !list.contains(&word) {
                    list.push(word);
                }
            }
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
    pub fn correct(&self, text: &str) -> Option<String> {
        let fixes: Vec<(usize, String)> = text
            .split(' ')
            .take(WORDS_CHECKED)
            .enumerate()
            .filter_map(|(i, word)| self.fix(word).map(|f| (i, f)))
            .collect();
        if fixes.is_empty() {
            return None;
        }
        let mut words: Vec<&str> = text.split(' ').collect();
        for (i, fixed) in &fixes {
            words[*i] = fixed;
        }
        Some(words.join(" "))
    }

    fn fix(&self, word: &str) -> Option<String> {
        if word.len() < MIN_LEN {
            return None;
        }
        let candidates = self.by_first.get(&word.chars().next()?)?;
        let w: Vec<char> = word.chars().collect();
        if w.len() < MIN_LEN {
            return None;
        }
        if candidates.iter().any(|l| w.starts_with(l))
            || self
                .known
                .contains(word.trim_matches(|c: char| !c.is_alphabetic()))
        {
            return None;
        }
        for l in candidates {
            // A word that is a crisis word's stem cut short ("traffic", "trafficking") is a
            // word of its own, not a typo.
            if l.starts_with(&w) {
                continue;
            }
            for k in [l.len(), l.len() - 1, l.len() + 1] {
                if k <= w.len() && k >= MIN_LEN - 1 && within_one(&w[..k], l) {
                    let rest: String = w[k..].iter().collect();
                    return Some(l.iter().collect::<String>() + rest.as_str());
                }
            }
        }
        None
    }
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
            lexicon.correct("думаю про самогбство").as_deref(),
            Some("думаю про самогубство")
        );
        assert_eq!(
            lexicon.correct("thinking of sucide").as_deref(),
            Some("thinking of suicide")
        );
        assert_eq!(lexicon.correct("thinking of suxxide"), None, "two edits");
        assert_eq!(lexicon.correct("самогубство"), None, "already right");
        assert_eq!(lexicon.correct("kil me"), None, "short words stay");
        let mut lexicon = Lexicon::from_patterns([r"\btraffick\w*", r"\bнапад\w*"].into_iter());
        assert_eq!(
            lexicon.correct("stuck in traffic"),
            None,
            "a stem cut short"
        );
        assert_eq!(lexicon.correct("stuck in trafic"), None);
        assert_eq!(
            lexicon.correct("повернутися назад").as_deref(),
            Some("повернутися напад")
        );
        lexicon.learn(["Назад".to_owned()]);
        assert_eq!(lexicon.correct("повернутися назад"), None, "a known word");
        assert!(within_one(&['a', 'b'], &['b', 'a']));
        assert!(!within_one(&['a', 'b', 'c'], &['c', 'b', 'a']));
    }
}
