//! Language identification on short messages: Krok's `detect` (its rules, then `whatlang` for
//! Ukrainian against Russian in Cyrillic) beside the `lingua` library in its low- and
//! high-accuracy modes, alone and after Krok's rules, on every message with a known language
//! in the labelled sets (transliterated Ukrainian and Russian count as theirs). Prints
//! accuracy per language, the cost per message, and the memory lingua's models take.

use krok::core::lang::{Lang, detect, detect_by_rules};
use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};

#[path = "../../lang/measure.rs"]
mod measure;

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
    let cases = measure::cases(&root, &SETS);
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
        let score = measure::score(&cases, way, 5);
        let columns = measure::COLUMNS.map(|l| score.column(l));
        println!(
            "| {name} | {} | **{}** | {:.1} µs |",
            columns.join(" | "),
            score.all(),
            score.per_message.as_secs_f64() * 1e6
        );
    }
}
