//! Language identification on short messages: Krok's own rules (`core::lang::detect`) against
//! the `whatlang` library (allowed: Ukrainian, Russian, Polish, English), and `detect`, which
//! Krok uses (the rules first; the library where they cannot tell Ukrainian from Russian in
//! Cyrillic), on every message of
//! `tests/triage_eval.tsv` whose language is known (transliterated Ukrainian and Russian count
//! as theirs; mixed messages are left out). Prints accuracy per language and the cost per
//! message. Run: `cargo bench --no-default-features --bench lang_id`.

use krok::core::lang::{Lang, detect, detect_by_rules};

#[path = "lang/measure.rs"]
mod measure;

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
    let cases = measure::cases(root, &["tests/triage_eval.tsv"]);
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
        let score = measure::score(&cases, &way, 200);
        let columns = measure::COLUMNS.map(|l| format!("{:>8}", score.column(l)));
        println!(
            "{:<22} {} {:>8} {:>10} {:>10.1?}",
            name,
            columns.join(" "),
            score.all(),
            score.undecided,
            score.per_message
        );
    }
}
