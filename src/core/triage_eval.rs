//! `krok triage --eval FILE`: triage measured on a labelled evaluation set (`kind lang text`,
//! tab-separated; kind is a crisis kind or `benign`): recall and false alarms per language and
//! per kind, whether the reply would be in the writer's language, and every miss listed.

use std::collections::BTreeMap;

use super::lang::Lang;
use super::triage::{Triage, Verdict};

/// One labelled message.
pub struct Case {
    pub kind: String,
    pub lang: String,
    pub text: String,
    /// Its line in the file.
    pub line: usize,
}

/// The label of a message that is no crisis.
pub const BENIGN: &str = "benign";

/// The writers' languages a set may name: a reply language, or Ukrainian or Russian in Latin
/// letters, or a message mixing languages.
pub const LANGS: [&str; 7] = ["uk", "pl", "en", "ru", "uk-lat", "ru-lat", "mixed"];

/// Every label a set's cases may not use, as `line N: …`: a kind that is neither one of
/// `kinds` nor `benign` would count every such message as a missed crisis.
pub fn check_labels(cases: &[Case], kinds: &[&str]) -> Vec<String> {
    let mut problems = Vec::new();
    for case in cases {
        if case.kind != BENIGN && !kinds.contains(&case.kind.as_str()) {
            problems.push(format!(
                "line {}: unknown label `{}`: use a crisis kind ({}) or `{BENIGN}` for a message that is no crisis",
                case.line,
                case.kind,
                kinds.join(", ")
            ));
        }
        if !LANGS.contains(&case.lang.as_str()) {
            problems.push(format!(
                "line {}: unknown language `{}`: use one of {}",
                case.line,
                case.lang,
                LANGS.join(", ")
            ));
        }
    }
    problems
}

/// Counts for one language or kind.
#[derive(Default, Clone, Copy)]
pub struct Tally {
    pub crisis: usize,
    pub found: usize,
    pub right_kind: usize,
    pub right_lang: usize,
    pub benign: usize,
    pub alarms: usize,
    /// Crises answered with the crisis lines: found, or matching nothing at all, which at a
    /// menu is answered with the emergency number and the 24/7 line (a missed crisis that
    /// looks like a need Krok knows, such as housing, is not).
    pub lines_shown: usize,
}

impl Tally {
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.crisis)
    }

    pub fn false_alarms(&self) -> f64 {
        ratio(self.alarms, self.benign)
    }
}

fn ratio(n: usize, of: usize) -> f64 {
    if of == 0 { 1.0 } else { n as f64 / of as f64 }
}

pub struct Report {
    pub by_lang: BTreeMap<String, Tally>,
    pub by_kind: BTreeMap<String, Tally>,
    pub all: Tally,
    pub misses: Vec<String>,
    /// Crisis messages found but answered as another kind, to see which answer they got.
    pub other_kind: Vec<String>,
}

/// The cases of a TSV evaluation file; a malformed line is an error with its number.
pub fn parse(text: &str) -> Result<Vec<Case>, String> {
    let mut cases = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let mut fields = line.splitn(3, '\t');
        match (fields.next(), fields.next(), fields.next()) {
            (Some(kind), Some(lang), Some(text)) => cases.push(Case {
                kind: kind.trim().to_owned(),
                lang: lang.trim().to_owned(),
                text: text.to_owned(),
                line: i + 1,
            }),
            _ => return Err(format!("line {}: expected kind<TAB>lang<TAB>text", i + 1)),
        }
    }
    Ok(cases)
}

/// The language a reply to this writer should be in (`None`: either Ukrainian or Russian).
fn expected_lang(lang: &str) -> Option<Lang> {
    match lang {
        "uk-lat" => Some(Lang::Uk),
        "ru-lat" => Some(Lang::Ru),
        "mixed" => None,
        code => Lang::from_code(code),
    }
}

pub fn evaluate(triage: &Triage, cases: &[Case]) -> Report {
    let mut report = Report {
        by_lang: BTreeMap::new(),
        by_kind: BTreeMap::new(),
        all: Tally::default(),
        misses: Vec::new(),
        other_kind: Vec::new(),
    };
    for case in cases {
        let verdict = triage.classify(&case.text);
        let mut t = Tally::default();
        if case.kind == BENIGN {
            t.benign = 1;
            if let Verdict::Crisis { kind, .. } = &verdict {
                t.alarms = 1;
                let line = format!("false alarm ({kind}) {}: {}", case.lang, case.text);
                report.misses.push(line);
            }
        } else {
            t.crisis = 1;
            match &verdict {
                Verdict::Crisis { lang, kind } => {
                    t.found = 1;
                    t.lines_shown = 1;
                    t.right_kind = usize::from(*kind == case.kind);
                    if *kind != case.kind {
                        let line = format!(
                            "{} {} answered as {kind}: {}",
                            case.kind, case.lang, case.text
                        );
                        report.other_kind.push(line);
                    }
                    let reply = lang.reply(None);
                    t.right_lang = usize::from(match expected_lang(&case.lang) {
                        Some(l) => l == reply,
                        None => matches!(reply, Lang::Uk | Lang::Ru),
                    });
                }
                Verdict::None => {
                    t.lines_shown = 1;
                    let line = format!("missed {} {}: {}", case.kind, case.lang, case.text);
                    report.misses.push(line);
                }
                Verdict::Intent { goto, .. } => {
                    let line = format!(
                        "missed {} {} (read as {goto}): {}",
                        case.kind, case.lang, case.text
                    );
                    report.misses.push(line);
                }
            }
        }
        for tally in [
            report.by_lang.entry(case.lang.clone()).or_default(),
            report.by_kind.entry(case.kind.clone()).or_default(),
            &mut report.all,
        ] {
            tally.crisis += t.crisis;
            tally.found += t.found;
            tally.right_kind += t.right_kind;
            tally.right_lang += t.right_lang;
            tally.benign += t.benign;
            tally.alarms += t.alarms;
            tally.lines_shown += t.lines_shown;
        }
    }
    report
}

impl Report {
    pub fn render(&self) -> String {
        let pct = |x: f64| format!("{:.1}%", x * 100.0);
        let mut out = format!(
            "{:<8} {:>7} {:>8} {:>11} {:>12} {:>12} {:>7} {:>13}\n",
            "language",
            "crisis",
            "recall",
            "right kind",
            "reply lang",
            "lines shown",
            "benign",
            "false alarms"
        );
        let all = "all".to_owned();
        let rows = self.by_lang.iter().chain([(&all, &self.all)]);
        for (name, t) in rows {
            let alarms = match t.benign {
                0 => "-".to_owned(),
                _ => pct(t.false_alarms()),
            };
            out.push_str(&format!(
                "{name:<8} {:>7} {:>8} {:>11} {:>12} {:>12} {:>7} {alarms:>13}\n",
                t.crisis,
                pct(t.recall()),
                pct(ratio(t.right_kind, t.crisis)),
                pct(ratio(t.right_lang, t.crisis)),
                pct(ratio(t.lines_shown, t.crisis)),
                t.benign,
            ));
        }
        out.push_str(&format!(
            "\n{:<13} {:>7} {:>8} {:>11}\n",
            "kind", "crisis", "recall", "right kind"
        ));
        for (name, t) in self.by_kind.iter().filter(|(k, _)| *k != "benign") {
            out.push_str(&format!(
                "{name:<13} {:>7} {:>8} {:>11}\n",
                t.crisis,
                pct(t.recall()),
                pct(ratio(t.right_kind, t.crisis))
            ));
        }
        if !self.misses.is_empty() {
            out.push('\n');
            for m in &self.misses {
                out.push_str(m);
                out.push('\n');
            }
        }
        if !self.other_kind.is_empty() {
            out.push_str("\nfound, with another kind's answer:\n");
            for m in &self.other_kind {
                out.push_str(m);
                out.push('\n');
            }
        }
        out
    }
}
