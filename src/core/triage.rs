//! Crisis and intent patterns (`dialogs/triage.toml`), checked on every text before the dialog,
//! compiled once into one `RegexSet`; and the localised words that act as commands.
//!
//! Unicode `\b` keeps the regex crate off its DFA for non-ASCII text (a 4096-character message
//! took 56 ms). So the set is built from a looser form of each pattern (see `quick_form`): it
//! can only match more, runs on the lazy DFA, and its few candidates are then confirmed with
//! the exact pattern.

use std::collections::{HashMap, HashSet};

use std::sync::OnceLock;

use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
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

/// One pattern, with where it was written so editors can find it.
#[derive(Clone, Debug)]
pub struct Rule {
    pub id: String,
    pub kind: Kind,
    pub file: String,
    pub line: usize,
    pub pattern: String,
    /// Compiled on first use: most patterns are never a candidate.
    exact: OnceLock<Option<Regex>>,
}

impl Rule {
    /// Whether the exact pattern matches the normalised text. A pattern too large to compile
    /// alone (it compiled in the set) counts as a match: a false alarm beats a missed crisis.
    fn confirms(&self, normalized: &str) -> bool {
        let exact = self.exact.get_or_init(|| {
            RegexBuilder::new(&self.pattern)
                .size_limit(PATTERN_SIZE_LIMIT)
                .build()
                .ok()
        });
        exact.as_ref().is_none_or(|r| r.is_match(normalized))
    }
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
        let mut intent = None;
        for rule in self.explain(text) {
            match &rule.kind {
                Kind::Crisis { lang } => return Verdict::Crisis { lang: *lang },
                Kind::Intent { goto } if intent.is_none() => intent = Some(goto.clone()),
                Kind::Intent { .. } => {}
            }
        }
        intent.map_or(Verdict::None, |goto| Verdict::Intent { goto })
    }

    /// Every rule a text matches, in file order (`krok triage` prints them).
    pub fn explain(&self, text: &str) -> Vec<&Rule> {
        let normalized = normalize::for_patterns(text);
        let candidates = self.set.matches(&normalized);
        candidates
            .iter()
            .map(|i| &self.rules[i])
            .filter(|rule| rule.confirms(&normalized))
            .collect()
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
        let file = src.parse_toml::<TriageFile>(problems)?;
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
                patterns.push(quick_form(p.get_ref()));
                rules.push(Rule {
                    id: id.get_ref().clone(),
                    kind: kind.clone(),
                    file: src.path.clone(),
                    line,
                    pattern: p.get_ref().clone(),
                    exact: OnceLock::new(),
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
            .dfa_size_limit(DFA_CACHE_LIMIT)
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

/// The lazy DFA's transition cache; too small and it gives up for the slow PikeVM.
const DFA_CACHE_LIMIT: usize = 32 << 20;

/// Compiled size allowed for all patterns together.
const PATTERN_SIZE_LIMIT: usize = 64 << 20;

/// A looser form of the pattern for the first pass: it matches every normalised text the pattern
/// matches. `\b` is dropped; `\w` becomes `\S` and `\W` any character (normalised text has
/// no line breaks and word characters are never spaces), whose UTF-8 automata are small: with
/// Unicode `\w` the set took 180 ms to compile. Inside a negated class nothing is changed,
/// since widening there would narrow the match.
fn quick_form(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars().peekable();
    let mut depth = 0usize;
    let mut negated = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(next) = chars.next() else {
                    out.push(c);
                    break;
                };
                match (next, depth) {
                    ('b', 0) => {}
                    ('w', 0) => out.push_str(r"\S"),
                    ('W', 0) => out.push_str("(?s:.)"),
                    ('w', 1) if !negated => out.push_str(r"\S"),
                    _ => {
                        out.push(c);
                        out.push(next);
                    }
                }
            }
            '[' => {
                depth += 1;
                out.push(c);
                if depth == 1 {
                    negated = chars.peek() == Some(&'^');
                }
            }
            ']' if depth > 0 => {
                depth -= 1;
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_form_widens_outside_negated_classes() {
        assert_eq!(quick_form(r"\bне хочу\b"), "не хочу");
        assert_eq!(quick_form(r"\bвб\w*ю\W"), r"вб\S*ю(?s:.)");
        assert_eq!(quick_form(r"[\w']+ [^\w\s]"), r"[\S']+ [^\w\s]");
        assert_eq!(quick_form(r"[\b]x\\b"), r"[\b]x\\b");
        assert!(has_uppercase_literal("Kill"));
        assert!(!has_uppercase_literal(r"\bkill\W\p{Lu}\B"));
    }
}
