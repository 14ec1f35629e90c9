//! Language identification on short messages: Krok's `detect` (its rules, then `whatlang` for
//! Ukrainian against Russian in Cyrillic) beside the `lingua` library in its low- and
//! high-accuracy modes, alone and after Krok's rules, on every message with a known language
//! in the labelled sets (transliterated Ukrainian and Russian count as theirs). Prints
//! accuracy per language, the cost per message, and the memory lingua's models take.

use std::collections::BTreeMap;
use std::time::Instant;

use krok::core::lang::{Lang, detect, detect_by_rules};
use krok::core::triage_eval::parse;
use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};

const SETS: [&str; 6] = [
    "tests/triage_eval.tsv",
    "tests/triage_eval_b.tsv",
    "tests/triage_eval_c.tsv",
    "tests/triage_eval_d.tsv",
    "tests/triage_heldout3.tsv",
    "tests/triage_heldout4.tsv",
];

fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
        .unwrap_or(0)
}

fn to_lang(l: Language) -> Lang {
    match l {
        Language::Ukrainian => Lang::Uk,
        Language::Russian => Lang::Ru,
        Language::Polish => Lang::Pl,
        _ => Lang::En,
    }
}

fn build(low: bool) -> (LanguageDetector, u64) {
    let before = rss_kib();
    let mut builder = LanguageDetectorBuilder::from_languages(&[
        Language::English,
        Language::Polish,
        Language::Russian,
        Language::Ukrainian,
    ]);
    let detector = if low {
        builder.with_low_accuracy_mode().with_preloaded_language_models().build()
    } else {
        builder.with_preloaded_language_models().build()
    };
    // Models are read on the first use, whatever the builder says: count them after one.
    std::hint::black_box(detector.detect_language_of("добрий день, dzień dobry"));
    (detector, rss_kib().saturating_sub(before))
}

fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    let mut cases: Vec<(String, Lang, String)> = Vec::new();
    for set in SETS {
        let text = std::fs::read_to_string(root.join(set)).expect(set);
        cases.extend(parse(&text).expect(set).into_iter().filter_map(|c| {
            let want = match c.lang.as_str() {
                "uk-lat" => Lang::Uk,
                "ru-lat" => Lang::Ru,
                code => Lang::from_code(code)?,
            };
            Some((c.lang, want, c.text))
        }));
    }
    let (low, low_kib) = build(true);
    let (high, high_kib) = build(false);
    println!("{} messages with a known language from {}\n", cases.len(), SETS.join(", "));
    println!("models in memory: low accuracy {} MiB, high accuracy {} MiB\n", low_kib / 1024, high_kib / 1024);
    let lingua_low = |t: &str| low.detect_language_of(t).map(to_lang);
    let lingua_high = |t: &str| high.detect_language_of(t).map(to_lang);
    let ways: [(&str, &dyn Fn(&str) -> Option<Lang>); 5] = [
        ("Krok detect", &detect),
        ("lingua low", &lingua_low),
        ("lingua high", &lingua_high),
        ("rules, lingua low", &|t| detect_by_rules(t).or_else(|| lingua_low(t))),
        ("rules, lingua high", &|t| detect_by_rules(t).or_else(|| lingua_high(t))),
    ];
    println!(
        "| method | uk | ru | pl | en | uk-lat | ru-lat | all | per message |\n|---|---|---|---|---|---|---|---|---|"
    );
    for (name, way) in ways {
        let mut right: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for (label, want, text) in &cases {
            let entry = right.entry(label.as_str()).or_default();
            entry.0 += usize::from(way(text) == Some(*want));
            entry.1 += 1;
        }
        let start = Instant::now();
        let rounds = 5;
        for _ in 0..rounds {
            for (_, _, text) in &cases {
                std::hint::black_box(way(std::hint::black_box(text)));
            }
        }
        let per = start.elapsed() / (rounds * cases.len() as u32);
        let pct = |(r, n): (usize, usize)| format!("{:.1}%", 100.0 * r as f64 / n.max(1) as f64);
        let all = right.values().fold((0, 0), |(a, b), (r, n)| (a + r, b + n));
        let col = |l: &str| right.get(l).copied().map_or("-".into(), pct);
        println!(
            "| {name} | {} | {} | {} | {} | {} | {} | **{}** | {:.1} µs |",
            col("uk"),
            col("ru"),
            col("pl"),
            col("en"),
            col("uk-lat"),
            col("ru-lat"),
            pct(all),
            per.as_secs_f64() * 1e6
        );
    }
}
