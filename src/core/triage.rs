//! Crisis and intent patterns (`dialogs/triage.toml`), checked on every text before the dialog,
//! compiled once into one set (`quick.rs`); and the localised words that act as commands.
//!
//! Unicode `\b` keeps the regex crate off its DFA for non-ASCII text (a 4096-character message
//! took 56 ms). So the set is built from a looser form of each pattern (see `quick_form`): it
//! can only match more, runs on the lazy DFA, and its few candidates are then confirmed with
//! the exact pattern.

use std::collections::{HashMap, HashSet};

use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};

use self::quick::QuickSet;
use serde::Deserialize;
use toml::Spanned;

use super::entries::{List, written_ids};
use super::lang::Lang;
use super::message::Command;
use super::normalize;
use super::problem::{Problem, Problems, Source};

mod quick;
mod together;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TriageFile {
    crisis_services: Vec<Spanned<String>>,
    #[serde(default)]
    kind: List<KindFile>,
    #[serde(default)]
    crisis: List<CrisisFile>,
    #[serde(default)]
    intent: List<IntentFile>,
    #[serde(default)]
    command: List<CommandFile>,
    /// Ordinary words one letter away from a crisis word: typo tolerance never changes them.
    #[serde(default)]
    ordinary_words: Vec<String>,
    #[serde(default)]
    concept: List<together::ConceptFile>,
    /// How many words apart the concepts of a `together` entry may stand.
    together_within: Option<usize>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CrisisFile {
    id: Spanned<String>,
    lang: Spanned<String>,
    kind: Spanned<String>,
    #[serde(default)]
    patterns: Vec<Spanned<String>>,
    /// Concepts that together make this crisis ("partner-uk + hits-uk").
    #[serde(default)]
    together: Vec<Spanned<String>>,
    /// Contexts that cancel this group's match ("not to live" + "on the street").
    #[serde(default)]
    unless: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct KindFile {
    id: Spanned<String>,
    text: String,
    button: String,
    step: Spanned<String>,
    services: Vec<Spanned<String>>,
    /// Someone's life or safety at stake this minute: what follows its answer points to 112.
    #[serde(default)]
    emergency: bool,
}

/// A kind of crisis and how it is answered: its own text, its services in order, and the
/// dialog step that helps further (a button beside "continue" and "main menu").
#[derive(Clone, Debug)]
pub struct CrisisKind {
    pub id: String,
    pub text: String,
    pub button: String,
    pub step: String,
    pub services: Vec<String>,
    /// Its answer is the emergency number first (someone not breathing, a break-in, a child
    /// gone), not a feeling to talk through: what follows the answer points to it again.
    pub emergency: bool,
    pub file: String,
    pub line: usize,
}

impl CrisisKind {
    /// The message said instead of `text` in a group, where the content has one ("write me
    /// 'forget me', then delete the chat" hides nothing from a group's members).
    pub fn text_in_group(&self) -> String {
        format!("{}-shared", self.text)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IntentFile {
    id: Spanned<String>,
    goto: Spanned<String>,
    /// A cry for help ("допоможіть", "мені страшно"): read also where a booking asks for a
    /// name or a number, so it is never taken as one.
    #[serde(default)]
    urgent: bool,
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
    Crisis { lang: Lang, kind: usize },
    Intent { goto: String, urgent: bool },
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
    /// For a `together` entry (`pattern` holds its text): the concepts it joins.
    together: Option<Vec<usize>>,
}

impl Rule {
    /// Whether the exact pattern matches the normalised text. A pattern too large to compile
    /// alone (it compiled in the set) counts as a match: a false alarm beats a missed crisis.
    fn confirms(&self, normalized: &str) -> bool {
        let exact = self.exact.get_or_init(|| compile(&self.pattern).ok());
        exact.as_ref().is_none_or(|r| r.is_match(normalized))
    }
}

/// The result of triage on one message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Crisis {
        lang: CrisisLang,
        kind: String,
    },
    /// `urgent`: a cry for help (see the intent's `urgent` in triage.toml); `also`: the step
    /// of another intent the same message matched, when it names another.
    Intent {
        goto: String,
        urgent: bool,
        also: Option<String>,
    },
    None,
}

/// What tells the language of a message in crisis, weakest last.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrisisLang {
    /// Told by letters or words only one language has (see `lang::detect_by_rules_weighed`).
    pub by_rules: Option<Lang>,
    /// Told only by verb endings ("-ть" for Russian): the platform's language, when its
    /// patterns matched, wins over it ("болить у грудях" from a Ukrainian phone).
    pub by_endings: Option<Lang>,
    /// The language library's guess for Cyrillic the rules cannot tell: wrong between
    /// Ukrainian and Russian in a message of two or three words often enough to lose to the
    /// patterns that matched.
    pub guessed: Option<Lang>,
    /// The languages of the crisis groups that matched, the first one's first (never empty).
    pub groups: Vec<Lang>,
    /// Ukrainian or Russian written in Latin letters ("ne hochu zhyt"): the two cannot be told
    /// apart reliably, so a platform's Ukrainian or Russian wins over the patterns' language.
    pub transliterated: bool,
    /// No word of any language ("SOS", "!!!"): the platform's language wins.
    pub neutral: bool,
}

impl CrisisLang {
    /// Nothing in the message tells a language: the platform's, or Ukrainian.
    pub fn of_platform(hint: Option<Lang>) -> CrisisLang {
        CrisisLang {
            by_rules: None,
            by_endings: None,
            guessed: None,
            groups: vec![hint.unwrap_or(Lang::Uk)],
            transliterated: false,
            neutral: true,
        }
    }

    /// The language to answer in, for someone who has not chosen one: the one their letters
    /// tell; else the platform's (`hint`) or the library's guess when patterns of that
    /// language matched; else the first matching group's. "думаю про самогубство" matches only
    /// Ukrainian patterns and is answered in Ukrainian, whatever the library guessed. Verb
    /// endings count where the phone or the patterns agree with them.
    pub fn reply(&self, hint: Option<Lang>) -> Lang {
        let matched = |l: &Lang| self.groups.contains(l);
        let eastern = |l: &Lang| matches!(l, Lang::Uk | Lang::Ru);
        self.by_rules
            .or(hint.filter(|h| matched(h) || self.neutral || (self.transliterated && eastern(h))))
            // Endings agree with the phone or with the patterns that matched, or tell nothing:
            // "найти" ends as a Ukrainian infinitive does, but only Russian patterns matched
            // "не могу найти ребенка".
            .or(self.by_endings.filter(|e| matched(e) || hint == Some(*e)))
            .or(self.guessed.filter(matched))
            .or(self.groups.first().copied())
            .or(self.by_endings)
            .unwrap_or(Lang::Uk)
    }
}

#[derive(Clone, Debug)]
pub struct Triage {
    set: QuickSet,
    rules: Vec<Rule>,
    pub crisis_services: Vec<String>,
    /// In the order of the file, which is also their precedence when several match.
    pub kinds: Vec<CrisisKind>,
    /// Per rule's group id: contexts that cancel the group's match.
    unless: HashMap<String, Vec<Context>>,
    commands: HashMap<String, Command>,
    /// Words of five letters or more from the crisis patterns, for typo tolerance.
    lexicon: super::fuzzy::Lexicon,
    /// Rules with patterns come first, each at its index in `set`; the concepts' patterns
    /// follow them in the set, and the `together` rules follow them in `rules`.
    concepts: together::Concepts,
}

/// Intent `goto` targets, kept for validation against the dialog once it is loaded.
pub struct IntentTargets(pub Vec<(String, String, usize)>);

impl Triage {
    /// Ordinary words (Krok's own texts) that typo tolerance must never change.
    pub(crate) fn learn_words(&mut self, words: impl IntoIterator<Item = String>) {
        self.lexicon.learn(words);
    }

    /// A crisis wins over any intent; of several crisis kinds, the first in the file; intents
    /// in file order.
    pub fn classify(&self, text: &str) -> Verdict {
        let mut intent = None;
        let mut also = None;
        let mut crisis: Option<(usize, Vec<Lang>)> = None;
        for rule in self.explain(text) {
            match &rule.kind {
                Kind::Crisis { lang, kind } => match &mut crisis {
                    Some((k, langs)) if k == kind => {
                        if !langs.contains(lang) {
                            langs.push(*lang);
                        }
                    }
                    Some((k, _)) if *k < *kind => {}
                    _ => crisis = Some((*kind, vec![*lang])),
                },
                Kind::Intent { goto, urgent } if intent.is_none() => {
                    intent = Some((goto.clone(), *urgent));
                }
                Kind::Intent { goto, .. }
                    if also.is_none() && intent.as_ref().is_some_and(|(g, _)| g != goto) =>
                {
                    also = Some(goto.clone());
                }
                Kind::Intent { .. } => {}
            }
        }
        if let Some((kind, groups)) = crisis {
            let kind = self.kinds[kind].id.clone();
            let (by_rules, by_endings) = super::lang::detect_by_rules_weighed(text);
            let guessed = (by_rules.is_none() && by_endings.is_none())
                .then(|| super::lang::detect(text))
                .flatten();
            let eastern = |l: &Lang| matches!(l, Lang::Uk | Lang::Ru);
            let cyrillic = text.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c));
            let lang = CrisisLang {
                by_rules,
                by_endings,
                guessed,
                transliterated: !cyrillic && groups.iter().any(eastern),
                neutral: neutral(text),
                groups,
            };
            return Verdict::Crisis { lang, kind };
        }
        intent.map_or(Verdict::None, |(goto, urgent)| Verdict::Intent {
            goto,
            urgent,
            also,
        })
    }

    /// The kind with this id.
    pub fn kind(&self, id: &str) -> Option<&CrisisKind> {
        self.kinds.iter().find(|k| k.id == id)
    }

    /// Every rule a text matches, in file order (`krok triage` prints them): on the text as
    /// typed, and on the text with near-misses of crisis words corrected (one typo in a word
    /// of five letters or more). A group's match is cancelled by one of its `unless` contexts.
    /// A message that opens with a greeting and matches nothing is read again without it
    /// ("Dzień dobry, potrzebuję pomocy" is how many first messages on Matrix begin).
    pub fn explain(&self, text: &str) -> Vec<&Rule> {
        let found = self.rules_of(text);
        // Once: a message of greetings only ("hi hi hi …") is not read again and again.
        match self.after_greeting(text) {
            Some(rest) if found.is_empty() => self.rules_of(&rest),
            _ => found,
        }
    }

    /// The words after a greeting that opens the message, normalised; `None` when none does
    /// or nothing follows it.
    fn after_greeting(&self, text: &str) -> Option<String> {
        let key = normalize::for_labels(text);
        let words: Vec<&str> = key.split(' ').collect();
        let longest = 3.min(words.len().saturating_sub(1));
        (1..=longest).rev().find_map(|n| {
            let head = words[..n].join(" ");
            (self.commands.get(&head) == Some(&Command::Hello)).then(|| words[n..].join(" "))
        })
    }

    fn rules_of(&self, text: &str) -> Vec<&Rule> {
        let normalized = normalize::for_patterns(text);
        let corrected = self.lexicon.correct(&normalized);
        let hits = self.set.matches(&normalized);
        let fixed = corrected.as_ref().map(|c| {
            let window = &c.text[..c.window];
            (c.text.as_str(), window, self.set.matches(window))
        });
        let scan = self.concepts.scan(&normalized, &hits);
        let fixed_scan = fixed
            .as_ref()
            .map(|(_, window, h)| self.concepts.scan(window, h));
        let matches = |i: usize, rule: &Rule| match &rule.together {
            None => {
                (hits.matched(i) && rule.confirms(&normalized))
                    || fixed
                        .as_ref()
                        .is_some_and(|(all, _, h)| h.matched(i) && rule.confirms(all))
            }
            Some(list) => scan.found(list) || fixed_scan.as_ref().is_some_and(|s| s.found(list)),
        };
        self.rules
            .iter()
            .enumerate()
            .filter(|(i, rule)| matches(*i, rule))
            .map(|(_, rule)| rule)
            .filter(|rule| {
                self.unless
                    .get(&rule.id)
                    .is_none_or(|list| !list.iter().any(|u| u.cancels(&normalized)))
            })
            .collect()
    }

    /// A whole message that is a command word ("назад", "zapomnij mnie"), also with a
    /// "please" before or after it ("забудь меня, пожалуйста").
    pub fn command(&self, text: &str) -> Option<Command> {
        let key = command_key(text);
        self.commands.get(&key).copied().or_else(|| {
            let words: Vec<&str> = key.split(' ').collect();
            let polite = words
                .iter()
                .position(|w| !POLITE.contains(w))
                .map(|first| {
                    let last = words
                        .iter()
                        .rposition(|w| !POLITE.contains(w))
                        .unwrap_or(first);
                    words[first..=last].join(" ")
                })?;
            (polite != key)
                .then(|| self.commands.get(&polite).copied())
                .flatten()
        })
    }

    pub fn load(
        src: &Source,
        services: &HashSet<String>,
        problems: &mut Problems,
    ) -> Option<(Triage, IntentTargets)> {
        let file = src.parse_toml::<TriageFile>(problems)?;
        let kind_list = src.entries(file.kind, problems);
        let crisis_list = src.entries(file.crisis, problems);
        let intent_list = src.entries(file.intent, problems);
        let command_list = src.entries(file.command, problems);
        let concept_list = src.entries(file.concept, problems);
        let written = written_ids(&src.text);
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
        let kinds = load_kinds(src, &kind_list, services, &crisis_services, problems);
        let mut unless = HashMap::new();
        let mut patterns = Vec::new();
        let mut rules = Vec::new();
        let mut ids = HashSet::new();
        let mut targets = Vec::new();
        let mut joined = Vec::new();
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
                let Some(pattern) = valid(src, p.get_ref(), line, problems) else {
                    continue;
                };
                patterns.push(quick_form(&pattern));
                rules.push(Rule {
                    id: id.get_ref().clone(),
                    kind: kind.clone(),
                    file: src.path.clone(),
                    line,
                    pattern,
                    exact: OnceLock::new(),
                    together: None,
                });
            }
        };
        for c in &crisis_list {
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
            let Some(kind) = kinds.iter().position(|k| k.id == *c.kind.get_ref()) else {
                if written.contains(c.kind.get_ref()) {
                    continue; // the kind's own entry could not be read, and says why
                }
                let known: Vec<&str> = kinds.iter().map(|k| k.id.as_str()).collect();
                problems.push(Problem::error(
                    &src.path,
                    src.line_of(c.kind.span().start),
                    format!(
                        "unknown crisis kind `{}` (the [[kind]] list has: {})",
                        c.kind.get_ref(),
                        known.join(", ")
                    ),
                ));
                continue;
            };
            if c.patterns.is_empty() && c.together.is_empty() {
                let why = format!(
                    "crisis group `{}` has neither `patterns` nor `together`",
                    c.id.get_ref()
                );
                problems.push(Problem::error(
                    &src.path,
                    src.line_of(c.id.span().start),
                    why,
                ));
            }
            add(&c.id, Kind::Crisis { lang, kind }, &c.patterns, problems);
            joined.push((c, Kind::Crisis { lang, kind }));
            let contexts = compile_unless(src, &c.unless, problems);
            if !contexts.is_empty() {
                unless.insert(c.id.get_ref().clone(), contexts);
            }
        }
        for i in &intent_list {
            targets.push((
                i.goto.get_ref().clone(),
                src.path.clone(),
                src.line_of(i.goto.span().start),
            ));
            add(
                &i.id,
                Kind::Intent {
                    goto: i.goto.get_ref().clone(),
                    urgent: i.urgent,
                },
                &i.patterns,
                problems,
            );
        }
        let within = file.together_within.unwrap_or(together::WITHIN_DEFAULT);
        let concepts =
            together::Concepts::load(src, &concept_list, within, &mut patterns, problems);
        for (c, kind) in joined {
            rules.extend(together_rules(src, c, kind, &concepts, problems));
        }
        let commands = load_commands(src, &command_list, problems);
        // Messages are lowercased first (see normalize.rs), so the set is compiled case-sensitively:
        // Unicode case folding of a few hundred patterns would exceed the compiled size limit.
        let set = QuickSet::build(&patterns, PATTERN_SIZE_LIMIT, DFA_CACHE_LIMIT);
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
        let mut lexicon = super::fuzzy::Lexicon::from_patterns(
            rules
                .iter()
                .filter(|r| matches!(r.kind, Kind::Crisis { .. }))
                .filter(|r| r.together.is_none())
                .map(|r| r.pattern.as_str())
                .chain(concepts.sources()),
        );
        lexicon.learn(file.ordinary_words.clone());
        // Returned with problems too, so the rest of the content is checked against it; the
        // problems make the content unusable.
        Some((
            Triage {
                set,
                rules,
                crisis_services,
                kinds,
                unless,
                commands,
                lexicon,
                concepts,
            },
            IntentTargets(targets),
        ))
    }
}

/// One rule per `together` entry of a crisis group; an unknown concept is a problem.
fn together_rules(
    src: &Source,
    group: &CrisisFile,
    kind: Kind,
    concepts: &together::Concepts,
    problems: &mut Problems,
) -> Vec<Rule> {
    let mut rules = Vec::new();
    for entry in &group.together {
        let line = src.line_of(entry.span().start);
        match concepts.resolve(entry.get_ref()) {
            Ok(list) => rules.push(Rule {
                id: group.id.get_ref().clone(),
                kind: kind.clone(),
                file: src.path.clone(),
                line,
                pattern: entry.get_ref().clone(),
                exact: OnceLock::new(),
                together: Some(list),
            }),
            Err(why) => problems.push(Problem::error(&src.path, line, why)),
        }
    }
    rules
}

/// The `[[kind]]` list: unique ids, known services, at least one crisis service each, and an
/// emergency's answer with the emergency number (the first crisis service) first.
fn load_kinds(
    src: &Source,
    list: &[KindFile],
    services: &HashSet<String>,
    crisis_services: &[String],
    problems: &mut Problems,
) -> Vec<CrisisKind> {
    let emergency_number = crisis_services.first();
    let mut kinds: Vec<CrisisKind> = Vec::new();
    for k in list {
        let line = src.line_of(k.id.span().start);
        if kinds.iter().any(|other| other.id == *k.id.get_ref()) {
            let why = format!("crisis kind `{}` is defined twice", k.id.get_ref());
            problems.push(Problem::error(&src.path, line, why));
        }
        for s in k
            .services
            .iter()
            .filter(|s| !services.contains(s.get_ref()))
        {
            problems.push(Problem::error(
                &src.path,
                src.line_of(s.span().start),
                format!("unknown service `{}` (not in services.toml)", s.get_ref()),
            ));
        }
        if k.services.is_empty() {
            let why = format!("crisis kind `{}` lists no service to call", k.id.get_ref());
            problems.push(Problem::error(&src.path, line, why));
        }
        let shown = |s: &Spanned<String>| crisis_services.contains(s.get_ref());
        if !crisis_services.is_empty() && !k.services.is_empty() && !k.services.iter().any(shown) {
            let why = format!(
                "crisis kind `{}` shows none of the crisis services ({}): someone in crisis must see where help answers now",
                k.id.get_ref(),
                crisis_services.join(", ")
            );
            problems.push(Problem::error(&src.path, line, why));
        }
        if let Some(number) = emergency_number
            && k.emergency
            && k.services.first().map(|s| s.get_ref()) != Some(number)
        {
            let why = format!(
                "crisis kind `{}` is an emergency: its services must start with `{number}`",
                k.id.get_ref()
            );
            problems.push(Problem::error(&src.path, line, why));
        }
        kinds.push(CrisisKind {
            id: k.id.get_ref().clone(),
            text: k.text.clone(),
            button: k.button.clone(),
            step: k.step.get_ref().clone(),
            services: k.services.iter().map(|s| s.get_ref().clone()).collect(),
            emergency: k.emergency,
            file: src.path.clone(),
            line,
        });
    }
    kinds
}

/// An `unless` context. Checked only once its group matched, so compiled on first use: the
/// hundred contexts with Unicode word classes held about 10 MB when compiled at load.
#[derive(Clone, Debug)]
struct Context {
    pattern: String,
    compiled: OnceLock<Option<Regex>>,
}

impl Context {
    fn cancels(&self, normalized: &str) -> bool {
        let compiled = self.compiled.get_or_init(|| compile(&self.pattern).ok());
        compiled.as_ref().is_some_and(|r| r.is_match(normalized))
    }
}

fn compile(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern)
        .size_limit(PATTERN_SIZE_LIMIT)
        .build()
}

/// The contexts of a group, each compiled once here to report a broken one with its line.
fn compile_unless(src: &Source, list: &[Spanned<String>], problems: &mut Problems) -> Vec<Context> {
    let mut out = Vec::new();
    for p in list {
        let pattern = as_messages_are(p.get_ref());
        match compile(&pattern) {
            Ok(_) => out.push(Context {
                pattern,
                compiled: OnceLock::new(),
            }),
            Err(e) => {
                let why = e.to_string().lines().last().unwrap_or_default().to_owned();
                problems.push(Problem::error(
                    &src.path,
                    src.line_of(p.span().start),
                    format!(
                        "`unless` pattern `{}` is not a valid regex: {why}",
                        p.get_ref()
                    ),
                ));
            }
        }
    }
    out
}

/// The lazy DFA's transition cache; too small and it gives up for the slow PikeVM.
const DFA_CACHE_LIMIT: usize = 32 << 20;

/// Compiled size allowed for all patterns together.
const PATTERN_SIZE_LIMIT: usize = 64 << 20;

/// A looser form of the pattern for the first pass: it matches every normalised text the pattern
/// matches. `\b` is left for the set, which drops it (`quick.rs`); `\w` becomes `\S` and `\W` any character (normalised text has
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
                    // Kept for the set to see where a match can start; it matches nothing there.
                    ('b', 0) => out.push_str(r"\b"),
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

/// The pattern as messages are compared, if it is lower case and valid regex syntax; if not,
/// says so at its line. Letters that messages never hold are written as messages have them
/// (`ё` as `е`, `ę` as `e`), so an alternative written with them matches too.
fn valid(src: &Source, pattern: &str, line: usize, problems: &mut Problems) -> Option<String> {
    let mut refuse = |why: String| {
        problems.push(Problem::error(&src.path, line, why));
        None
    };
    if has_uppercase_literal(pattern) {
        return refuse(format!(
            "pattern `{pattern}` has capital letters; messages are lowercased before matching, so write it in lower case"
        ));
    }
    if let Some(c) = pattern.chars().find(|c| c.is_control()) {
        return refuse(format!(
            "pattern `{}` has a control character (U+{:04X}): in double quotes `\\b` is a backspace, so write patterns in single quotes, '\\b…'",
            pattern.escape_debug(),
            u32::from(c)
        ));
    }
    let pattern = as_messages_are(pattern);
    if let Err(e) = regex_syntax::Parser::new().parse(&pattern) {
        let why = e.to_string().lines().last().unwrap_or_default().to_owned();
        return refuse(format!("pattern `{pattern}` is not a valid regex: {why}"));
    }
    Some(pattern)
}

/// Every letter of `pattern` as normalised messages hold it (`ё` -> `е`, `ę` -> `e`, a
/// non-breaking space -> a space); the regex syntax is ASCII and stays as written.
fn as_messages_are(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    for c in pattern.chars() {
        match c.is_ascii() {
            true => out.push(c),
            false => out.push_str(&match super::normalize::for_patterns(&c.to_string()) {
                folded if folded.is_empty() => " ".to_owned(),
                folded => folded,
            }),
        }
    }
    out
}

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
/// Words of asking nicely, in the four languages, that may stand around a command.
/// (As `normalize::for_labels` leaves them: lower case, no Polish accents, no punctuation.)
const POLITE: &[&str] = &[
    "please",
    "pls",
    "plz",
    "пожалуйста",
    "пожалуста",
    "пж",
    "пжлст",
    "плиз",
    "будь",
    "ласка",
    "прошу",
    "prosze",
    "bardzo",
];

/// A message with no word of any language in it: letters only in "SOS", or none at all.
fn neutral(text: &str) -> bool {
    let letters: String = text.chars().filter(|c| c.is_alphabetic()).collect();
    letters.is_empty() || letters.eq_ignore_ascii_case("sos")
}

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
                    "unknown command `{}` (use start, restart, back, lang, forget, help, bookings, hello or thanks)",
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

    const TOGETHER: &str = r#"
crisis_services = ["emergency-112"]
together_within = 3

[[kind]]
id = "violence"
text = "crisis-violence"
button = "crisis-go-violence"
step = "crisis"
services = ["emergency-112"]

[[concept]]
id = "partner"
patterns = ['\bhusband', '\bboyfriend']

[[concept]]
id = "hits"
patterns = ['\bhit(s|ting)?\b', '\bbeats?\b']

[[crisis]]
id = "partner-hits"
lang = "en"
kind = "violence"
together = ["partner + hits"]
unless = ['\bbeat the record']
"#;

    #[test]
    fn together_needs_every_concept_within_the_window() {
        let src = Source::new("triage.toml", TOGETHER);
        let services = HashSet::from(["emergency-112".to_owned()]);
        let mut problems = Problems::default();
        let (triage, _) = Triage::load(&src, &services, &mut problems).expect("loads");
        let crisis = |t: &str| matches!(triage.classify(t), Verdict::Crisis { .. });
        assert!(crisis("my husband hits me"));
        assert!(crisis("He beats me. My husband, I mean"));
        assert!(crisis("my husbend hits me"), "a typo of a concept word");
        assert!(!crisis("my husband hitchhiked"), "a word edge after");
        assert!(!crisis(
            "my husband is at work and the storm hits the coast"
        ));
        assert!(!crisis("hits"), "one concept alone");
        assert!(!crisis("my husband wants to beat the record"), "unless");
        assert!(!crisis("a shitstorm, said my husband"), "a word edge");
        let rules = triage.explain("my boyfriend hit me");
        assert_eq!(rules.len(), 1);
        assert_eq!(rules[0].pattern, "partner + hits");
        assert_eq!(rules[0].line, 24);
    }

    #[test]
    fn a_pattern_is_taken_as_messages_are_written_or_refused_with_why() {
        let src = Source::new("triage.toml", "");
        let mut problems = Problems::default();
        let taken = |p: &str, problems: &mut Problems| valid(&src, p, 3, problems);
        assert_eq!(
            taken(r"\bzamknęli (mnie|nas)\b", &mut problems).as_deref(),
            Some(r"\bzamkneli (mnie|nas)\b")
        );
        assert_eq!(
            taken("вер[её]вк", &mut problems).as_deref(),
            Some("вер[ее]вк")
        );
        assert!(problems.0.is_empty(), "{problems}");
        // "\b" in TOML's double quotes is a backspace: that pattern never matches.
        assert_eq!(taken("\u{8}замкнули мене", &mut problems), None);
        assert!(
            problems.0[0].message.contains("single quotes") && problems.0[0].line == 3,
            "{problems}"
        );
    }

    #[test]
    fn quick_form_widens_outside_negated_classes() {
        assert_eq!(quick_form(r"\bне хочу\b"), r"\bне хочу\b");
        assert_eq!(quick_form(r"\bвб\w*ю\W"), r"\bвб\S*ю(?s:.)");
        assert_eq!(quick_form(r"[\w']+ [^\w\s]"), r"[\S']+ [^\w\s]");
        assert_eq!(quick_form(r"[\b]x\\b"), r"[\b]x\\b");
        assert!(has_uppercase_literal("Kill"));
        assert!(!has_uppercase_literal(r"\bkill\W\p{Lu}\B"));
    }
}
