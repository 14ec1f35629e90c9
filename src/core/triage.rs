//! Crisis and intent patterns (`dialogs/triage.toml`), checked on every text before the dialog,
//! compiled once into one `RegexSet`; and the localised words that act as commands.

use std::collections::{HashMap, HashSet};

use regex::{RegexSet, RegexSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use super::lang::Lang;
use super::message::Command;
use super::normalize;
use super::problem::{Problem, Problems, Source};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TriageFile {
    crisis_services: Vec<Spanned<String>>,
    #[serde(default)]
    crisis: Vec<CrisisFile>,
    #[serde(default)]
    intent: Vec<IntentFile>,
    #[serde(default)]
    command: Vec<CommandFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CrisisFile {
    id: Spanned<String>,
    lang: Spanned<String>,
    patterns: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IntentFile {
    id: Spanned<String>,
    goto: Spanned<String>,
    patterns: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CommandFile {
    id: Spanned<String>,
    words: Vec<String>,
}

/// What a pattern belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    Crisis { lang: Lang },
    Intent { goto: String },
}

/// One compiled pattern, with where it was written so editors can find it.
#[derive(Clone, Debug)]
pub struct Rule {
    pub id: String,
    pub kind: Kind,
    pub file: String,
    pub line: usize,
}

/// The result of triage on one message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Crisis { lang: Lang },
    Intent { goto: String },
    None,
}

#[derive(Clone, Debug)]
pub struct Triage {
    set: RegexSet,
    rules: Vec<Rule>,
    pub crisis_services: Vec<String>,
    commands: HashMap<String, Command>,
}

/// Intent `goto` targets, kept for validation against the dialog once it is loaded.
pub struct IntentTargets(pub Vec<(String, String, usize)>);

impl Triage {
    /// The first crisis match wins over any intent; intents in file order.
    pub fn classify(&self, text: &str) -> Verdict {
        let matches = self.set.matches(&normalize::for_patterns(text));
        let mut intent = None;
        for i in matches.iter() {
            match &self.rules[i].kind {
                Kind::Crisis { lang } => return Verdict::Crisis { lang: *lang },
                Kind::Intent { goto } if intent.is_none() => intent = Some(goto.clone()),
                Kind::Intent { .. } => {}
            }
        }
        intent.map_or(Verdict::None, |goto| Verdict::Intent { goto })
    }

    /// Every rule a text matches, for `krok triage`.
    pub fn explain(&self, text: &str) -> Vec<&Rule> {
        let matches = self.set.matches(&normalize::for_patterns(text));
        matches.iter().map(|i| &self.rules[i]).collect()
    }

    /// A whole message that is a command word ("назад", "zapomnij mnie").
    pub fn command(&self, text: &str) -> Option<Command> {
        self.commands.get(&command_key(text)).copied()
    }

    pub fn load(
        src: &Source,
        services: &HashSet<String>,
        problems: &mut Problems,
    ) -> Option<(Triage, IntentTargets)> {
        let file: TriageFile = match toml::from_str(&src.text) {
            Ok(f) => f,
            Err(e) => {
                let line = e.span().map_or(1, |s| src.line_of(s.start));
                problems.push(Problem::error(&src.path, line, e.message().trim()));
                return None;
            }
        };
        let errors_before = problems.error_count();
        let mut crisis_services = Vec::new();
        for s in &file.crisis_services {
            if !services.contains(s.get_ref()) {
                problems.push(Problem::error(
                    &src.path,
                    src.line_of(s.span().start),
                    format!("unknown service `{}` (not in services.toml)", s.get_ref()),
                ));
            }
            crisis_services.push(s.get_ref().clone());
        }
        let mut patterns = Vec::new();
        let mut rules = Vec::new();
        let mut ids = HashSet::new();
        let mut targets = Vec::new();
        let mut add = |id: &Spanned<String>,
                       kind: Kind,
                       list: &[Spanned<String>],
                       problems: &mut Problems| {
            if !ids.insert(id.get_ref().clone()) {
                problems.push(Problem::error(
                    &src.path,
                    src.line_of(id.span().start),
                    format!("duplicate triage id `{}`", id.get_ref()),
                ));
            }
            for p in list {
                let line = src.line_of(p.span().start);
                if has_uppercase_literal(p.get_ref()) {
                    problems.push(Problem::error(&src.path, line, format!("pattern `{}` has capital letters; messages are lowercased before matching, so write it in lower case", p.get_ref())));
                    continue;
                }
                if let Err(e) = regex_syntax::Parser::new().parse(p.get_ref()) {
                    let why = e.to_string().lines().last().unwrap_or_default().to_owned();
                    problems.push(Problem::error(
                        &src.path,
                        line,
                        format!("pattern `{}` is not a valid regex: {why}", p.get_ref()),
                    ));
                    continue;
                }
                patterns.push(p.get_ref().clone());
                rules.push(Rule {
                    id: id.get_ref().clone(),
                    kind: kind.clone(),
                    file: src.path.clone(),
                    line,
                });
            }
        };
        for c in &file.crisis {
            let Some(lang) = Lang::from_code(c.lang.get_ref()) else {
                problems.push(Problem::error(
                    &src.path,
                    src.line_of(c.lang.span().start),
                    format!(
                        "unknown language `{}` (use uk, pl, en or ru)",
                        c.lang.get_ref()
                    ),
                ));
                continue;
            };
            add(&c.id, Kind::Crisis { lang }, &c.patterns, problems);
        }
        for i in &file.intent {
            targets.push((
                i.goto.get_ref().clone(),
                src.path.clone(),
                src.line_of(i.goto.span().start),
            ));
            add(
                &i.id,
                Kind::Intent {
                    goto: i.goto.get_ref().clone(),
                },
                &i.patterns,
                problems,
            );
        }
        let commands = load_commands(src, &file.command, problems);
        // Messages are lowercased first (see normalize.rs), so the set is compiled case-sensitively:
        // Unicode case folding of a few hundred patterns would exceed the compiled size limit.
        let set = RegexSetBuilder::new(&patterns)
            .size_limit(PATTERN_SIZE_LIMIT)
            .build();
        let set = match set {
            Ok(set) => set,
            Err(e) => {
                problems.push(Problem::error(
                    &src.path,
                    1,
                    format!("patterns could not be compiled together: {e}"),
                ));
                return None;
            }
        };
        (problems.error_count() == errors_before).then_some((
            Triage {
                set,
                rules,
                crisis_services,
                commands,
            },
            IntentTargets(targets),
        ))
    }
}

/// Compiled size allowed for all patterns together.
const PATTERN_SIZE_LIMIT: usize = 64 << 20;

/// Capital letters outside escapes such as `\B`, `\W` or `\p{Lu}`.
fn has_uppercase_literal(pattern: &str) -> bool {
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some('p' | 'P') = chars.next()
                    && chars.clone().next() == Some('{')
                {
                    chars.by_ref().find(|&c| c == '}');
                }
            }
            c if c.is_uppercase() => return true,
            _ => {}
        }
    }
    false
}

/// Words compare without case, accents and punctuation; a word that is only punctuation ("?")
/// compares as typed.
fn command_key(text: &str) -> String {
    let key = normalize::for_labels(text);
    if key.is_empty() {
        text.trim().to_owned()
    } else {
        key
    }
}

fn load_commands(
    src: &Source,
    list: &[CommandFile],
    problems: &mut Problems,
) -> HashMap<String, Command> {
    let mut commands = HashMap::new();
    for c in list {
        let line = src.line_of(c.id.span().start);
        let Some(cmd) = Command::from_name(c.id.get_ref())
            .or((c.id.get_ref() == "start").then_some(Command::Restart))
        else {
            problems.push(Problem::error(
                &src.path,
                line,
                format!(
                    "unknown command `{}` (use start, restart, back, lang, forget or help)",
                    c.id.get_ref()
                ),
            ));
            continue;
        };
        for w in &c.words {
            let key = command_key(w);
            if let Some(prev) = commands.insert(key, cmd)
                && prev != cmd
            {
                problems.push(Problem::error(
                    &src.path,
                    line,
                    format!("command word `{w}` is also listed for another command"),
                ));
            }
        }
    }
    commands
}
