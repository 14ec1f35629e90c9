//! Telling a message's language, measured: the labelled messages with a known language, and a
//! way's accuracy per language and cost per message on them. Shared by
//! `cargo bench --bench lang_id` and `benches/lang-peers` (which adds lingua) through `#[path]`.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use krok::core::lang::Lang;
use krok::core::triage_eval::parse;

/// The languages in the order the tables print them (transliterated ones count as theirs).
pub const COLUMNS: [&str; 6] = ["uk", "ru", "pl", "en", "uk-lat", "ru-lat"];

/// A labelled message: its set's language label, the language it should be told as, its text.
pub type Case = (String, Lang, String);

/// Every message of `files` (under `root`) with a known language; mixed ones are left out.
pub fn cases(root: &Path, files: &[&str]) -> Vec<Case> {
    let mut cases = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(root.join(file)).expect(file);
        cases.extend(parse(&text).expect(file).into_iter().filter_map(|c| {
            let want = match c.lang.as_str() {
                "uk-lat" => Lang::Uk,
                "ru-lat" => Lang::Ru,
                code => Lang::from_code(code)?,
            };
            Some((c.lang, want, c.text))
        }));
    }
    cases
}

/// How one way did: right answers and messages per label, undecided ones, time per message.
pub struct Score {
    right: BTreeMap<String, (usize, usize)>,
    pub undecided: usize,
    pub per_message: Duration,
}

impl Score {
    /// Share right for one label ("-" when the set has none).
    pub fn column(&self, label: &str) -> String {
        self.right.get(label).copied().map_or("-".into(), pct)
    }

    /// Share right over every message.
    pub fn all(&self) -> String {
        pct(self
            .right
            .values()
            .fold((0, 0), |(a, b), (r, n)| (a + r, b + n)))
    }
}

fn pct((right, of): (usize, usize)) -> String {
    format!("{:.1}%", 100.0 * right as f64 / of.max(1) as f64)
}

/// `way` on every case, then timed over `rounds` passes.
pub fn score(cases: &[Case], way: &dyn Fn(&str) -> Option<Lang>, rounds: u32) -> Score {
    let mut right: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut undecided = 0;
    for (label, want, text) in cases {
        let got = way(text);
        undecided += usize::from(got.is_none());
        let entry = right.entry(label.clone()).or_default();
        entry.0 += usize::from(got == Some(*want));
        entry.1 += 1;
    }
    let start = Instant::now();
    for _ in 0..rounds {
        for (_, _, text) in cases {
            std::hint::black_box(way(std::hint::black_box(text)));
        }
    }
    let per_message = start.elapsed() / (rounds * cases.len().max(1) as u32);
    Score {
        right,
        undecided,
        per_message,
    }
}
