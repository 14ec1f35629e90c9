//! Language identification on short messages: Krok's own rules (`core::lang::detect`) against
//! the `whatlang` library (allowed: Ukrainian, Russian, Polish, English), and `detect`, which
//! Krok uses (the rules first; the library where they cannot tell Ukrainian from Russian in
//! Cyrillic), on every message of
//! `tests/triage_eval.tsv` whose language is known (transliterated Ukrainian and Russian count
//! as theirs; mixed messages are left out). Prints accuracy per language and the cost per
//! message. Run: `cargo bench --no-default-features --bench lang_id`.

use std::collections::BTreeMap;
use std::time::Instant;

use krok::core::lang::{Lang, detect, detect_by_rules};
use krok::core::triage_eval::parse;

/// A way to tell a message's language.
type Method = fn(&str) -> Option<Lang>;

fn library(text: &str) -> Option<Lang> {
    let detector = whatlang::Detector::with_allowlist(vec![
        whatlang::Lang::Ukr,
        whatlang::Lang::Rus,
        whatlang::Lang::Pol,
        whatlang::Lang::Eng,
    ]);
    Some(match detector.detect_lang(text)? {
        whatlang::Lang::Ukr => Lang::Uk,
        whatlang::Lang::Rus => Lang::Ru,
        whatlang::Lang::Pol => Lang::Pl,
        _ => Lang::En,
    })
}

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("tests/triage_eval.tsv")).unwrap();
    let cases: Vec<(String, Lang, String)> = parse(&text)
        .unwrap()
        .into_iter()
        .filter_map(|c| {
            let want = match c.lang.as_str() {
                "uk-lat" => Lang::Uk,
                "ru-lat" => Lang::Ru,
                code => Lang::from_code(code)?,
            };
            Some((c.lang, want, c.text))
        })
        .collect();
    let ways: [(&str, Method); 3] = [
        ("Krok's rules alone", detect_by_rules),
        ("whatlang alone", library),
        ("detect (rules, library)", detect),
    ];
    println!(
        "{} messages with a known language (mixed ones left out)\n",
        cases.len()
    );
    println!(
        "{:<22} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>10} {:>12}",
        "method", "uk", "ru", "pl", "en", "uk-lat", "ru-lat", "all", "undecided", "per message"
    );
    for (name, way) in ways {
        let mut right: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        let mut undecided = 0;
        for (label, want, text) in &cases {
            let got = way(text);
            undecided += usize::from(got.is_none());
            let entry = right.entry(label.as_str()).or_default();
            entry.0 += usize::from(got == Some(*want));
            entry.1 += 1;
        }
        let rounds = 200;
        let start = Instant::now();
        for _ in 0..rounds {
            for (_, _, text) in &cases {
                std::hint::black_box(way(std::hint::black_box(text)));
            }
        }
        let per = start.elapsed() / (rounds * cases.len() as u32);
        let pct = |(r, n): (usize, usize)| format!("{:.1}%", 100.0 * r as f64 / n.max(1) as f64);
        let all = right.values().fold((0, 0), |(a, b), (r, n)| (a + r, b + n));
        let col = |l: &str| pct(right.get(l).copied().unwrap_or_default());
        println!(
            "{:<22} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>10} {:>10.1?}",
            name,
            col("uk"),
            col("ru"),
            col("pl"),
            col("en"),
            col("uk-lat"),
            col("ru-lat"),
            pct(all),
            undecided,
            per
        );
    }
}
