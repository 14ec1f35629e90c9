//! Fluent bundles per locale: syntax and cross-locale checks when loading, text when rendering.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;

use super::lang::Lang;
use super::message::Msg;
use super::problem::{Problem, Problems, Source};

/// Message ids the program itself uses, whatever the dialog files say.
pub const CORE_MESSAGES: &[&str] = &[
    "lang-choose",
    "lang-name-uk",
    "lang-name-pl",
    "lang-name-en",
    "lang-name-ru",
    "nav-back",
    "nav-restart",
    "nav-lang",
    "nav-continue",
    "reask",
    "reask-typed",
    "reask-again",
    "desk-link",
    "desk-off",
    "desk-nav-stats",
    "desk-col-outcome",
    "desk-outcome-done",
    "desk-outcome-not_reached",
    "desk-mark-done",
    "desk-mark-not_reached",
    "desk-mark-clear",
    "desk-marked",
    "desk-unmarked",
    "desk-not-marked",
    "desk-cancel-failed",
    "desk-stats-title",
    "desk-stats-from",
    "desk-stats-to",
    "desk-stats-rule",
    "desk-stats-none",
    "desk-chart-per-day",
    "desk-chart-platform",
    "desk-chart-lang",
    "desk-chart-tag",
    "desk-chart-node",
    "desk-chart-service",
    "desk-chart-crisis",
    "desk-chart-booked",
    "desk-chart-cancelled",
    "desk-nav-links",
    "desk-link-step",
    "desk-link-lang",
    "desk-link-tag",
    "desk-link-make",
    "desk-link-code",
    "desk-link-qr",
    "desk-link-card",
    "desk-nav-content",
    "desk-directory",
    "desk-content-loaded",
    "desk-reload-none",
    "desk-reload-ok",
    "desk-reload-refused",
    "desk-stale",
    "desk-stale-none",
    "desk-title",
    "desk-nav",
    "desk-nav-today",
    "desk-nav-bookings",
    "desk-nav-logout",
    "desk-language",
    "desk-sign-in-title",
    "desk-sign-in-how",
    "desk-link-bad",
    "desk-too-many",
    "desk-sign-in-confirm",
    "desk-sign-in-button",
    "desk-signed-out",
    "desk-form-expired",
    "desk-today",
    "desk-today-count",
    "desk-open-day",
    "desk-day",
    "desk-date",
    "desk-show",
    "desk-prev",
    "desk-next",
    "desk-csv",
    "desk-day-none",
    "desk-col-time",
    "desk-col-kind",
    "desk-col-name",
    "desk-col-contact",
    "desk-col-lang",
    "desk-col-code",
    "desk-col-state",
    "desk-state-held",
    "desk-state-confirmed",
    "desk-contact-chat",
    "desk-cancel",
    "desk-cancel-reason",
    "desk-cancel-tell",
    "desk-cancelled",
    "desk-not-found",
    "booking-cancelled-by-staff-why",
    "stale-button",
    "thanks-reply",
    "ok-reply",
    "content-changed",
    "non-text",
    "crisis-alert",
    "forgotten",
    "forget-failed",
    "svc-line-open",
    "svc-office",
    "help",
    "error",
    "svc-open-247",
    "svc-open-now",
    "svc-open-now-today",
    "svc-closed-opens-today",
    "svc-closed-opens-tomorrow",
    "svc-closed-opens",
    "svc-hours-unknown",
    "svc-languages",
    "language-pl",
    "language-uk",
    "language-en",
    "language-ru",
    "opt-book",
    "nav-bookings",
    "book-later",
    "book-when",
    "book-slots",
    "book-none",
    "book-taken",
    "book-held",
    "book-name-invalid",
    "book-contact",
    "book-contact-chat",
    "book-contact-phone",
    "book-phone",
    "book-phone-invalid",
    "book-phone-read",
    "book-enough",
    "book-private",
    "book-consent",
    "book-agree",
    "book-drop",
    "book-dropped",
    "book-confirmed",
    "book-expired",
    "bookings-none",
    "bookings-list",
    "bookings-line",
    "bookings-cancel",
    "booking-cancelled",
    "booking-gone",
    "booking-cancelled-by-staff",
    "reminder-day",
    "reminder-hour",
    "reminder-cancel",
    "staff-day",
    "staff-line",
    "staff-contact-chat",
    "staff-cancelled",
    "staff-not-found",
    "staff-help",
    "forgotten-booking",
    "undecryptable",
    // Krok on paper (src/print): the card of `krok link --card`, `krok export`.
    "print-start-title",
    "print-card-about",
    "print-card-scan-telegram",
    "print-card-scan-matrix",
    "print-card-matrix",
    "print-card-crisis",
    "print-export-title",
    "print-export-intro",
    "print-export-dates",
    "print-section-crisis",
    "print-section-other",
    "print-label-phone",
    "print-label-address",
    "print-label-email",
    "print-label-web",
    "print-label-hours",
    "print-label-languages",
    "print-hours-247",
    "print-hours-ask",
    "print-hours-some-weeks",
    "print-hours-varies",
    "print-weekday",
];

/// Where a message is defined: file, line and the variables it uses.
#[derive(Clone, Debug)]
pub struct Definition {
    pub file: String,
    pub line: usize,
    pub vars: BTreeSet<String>,
}

pub struct Locales {
    bundles: HashMap<Lang, FluentBundle<FluentResource>>,
    /// Per language, every message id with where it is defined.
    pub defined: BTreeMap<Lang, BTreeMap<String, Definition>>,
}

impl std::fmt::Debug for Locales {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Locales")
            .field("defined", &self.defined)
            .finish_non_exhaustive()
    }
}

impl Locales {
    /// `files` holds every `.ftl` file with its language.
    pub fn load(files: &[(Lang, Source)], problems: &mut Problems) -> Locales {
        let mut locales = Locales {
            bundles: HashMap::new(),
            defined: BTreeMap::new(),
        };
        for lang in Lang::ALL {
            let mut bundle = FluentBundle::new_concurrent(vec![
                lang.code().parse().expect("language codes are valid tags"),
            ]);
            bundle.set_use_isolating(false);
            let defined = locales.defined.entry(lang).or_default();
            for (_, src) in files.iter().filter(|(l, _)| *l == lang) {
                add_file(&mut bundle, defined, src, problems);
            }
            locales.bundles.insert(lang, bundle);
        }
        locales.check_across(problems);
        locales
    }

    /// Every id and its variables must be the same in all four languages; English is the
    /// reference the others are compared with.
    fn check_across(&self, problems: &mut Problems) {
        let reference = &self.defined[&Lang::En];
        for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
            let other = &self.defined[&lang];
            for (id, def) in reference {
                match other.get(id) {
                    None => problems.push(Problem::error(
                        &def.file,
                        def.line,
                        format!(
                            "message `{id}` is missing in locale {lang} (add it to {})",
                            in_locale(&def.file, lang)
                        ),
                    )),
                    Some(o) if o.vars != def.vars => problems.push(Problem::error(
                        &o.file,
                        o.line,
                        format!(
                            "message `{id}` uses variables {:?} in {lang} but {:?} in en",
                            o.vars, def.vars
                        ),
                    )),
                    Some(_) => {}
                }
            }
            for (id, def) in other.iter().filter(|(id, _)| !reference.contains_key(*id)) {
                problems.push(Problem::error(
                    &def.file,
                    def.line,
                    format!("message `{id}` is missing in locale en"),
                ));
            }
        }
    }

    pub fn has(&self, lang: Lang, id: &str) -> bool {
        self.defined.get(&lang).is_some_and(|d| d.contains_key(id))
    }

    /// Every word of five letters or more in every message of every language, lowercase.
    pub fn vocabulary(&self) -> std::collections::HashSet<String> {
        let mut words = std::collections::HashSet::new();
        for (lang, defined) in &self.defined {
            for id in defined.keys() {
                let text = self.text(*lang, &Msg::new(id.clone()));
                words.extend(
                    text.split(|c: char| !c.is_alphabetic())
                        .filter(|w| w.chars().count() >= 5)
                        .map(str::to_lowercase),
                );
            }
        }
        words
    }

    /// Where a message Krok itself uses should be: where another language defines it, else
    /// the start of the first file of `lang`.
    pub fn place_for(&self, lang: Lang, id: &str) -> Option<(String, usize)> {
        let elsewhere = Lang::ALL
            .iter()
            .filter_map(|l| self.defined.get(l)?.get(id))
            .map(|d| (d.file.clone(), d.line))
            .next();
        let first_file = || {
            let files = self.defined.get(&lang)?.values().map(|d| d.file.clone());
            files.min().map(|f| (f, 1))
        };
        elsewhere.or_else(first_file)
    }

    /// A language's own name ("Українська", "Polski"), as the language list shows it.
    pub fn lang_name(&self, lang: Lang) -> String {
        self.text(lang, &Msg::new(format!("lang-name-{}", lang.code())))
    }

    /// The text of a message. A missing message shows its id rather than failing: `krok check`
    /// and the loader make sure it never happens with shipped content.
    pub fn text(&self, lang: Lang, msg: &Msg) -> String {
        let bundle = &self.bundles[&lang];
        let Some(pattern) = bundle.get_message(&msg.id).and_then(|m| m.value()) else {
            return msg.id.to_string();
        };
        let mut args = FluentArgs::new();
        for (name, value) in &msg.args {
            args.set(*name, fluent_value(value));
        }
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, Some(&args), &mut errors)
            .into_owned()
    }
}

/// The same file of another locale: `locales/en/flow.ftl` -> `locales/pl/flow.ftl`.
fn in_locale(file: &str, lang: Lang) -> String {
    match file.rfind("/en/") {
        Some(at) => format!("{}/{}/{}", &file[..at], lang.code(), &file[at + 4..]),
        None => format!("the {lang} locale"),
    }
}

/// A whole number as a number, so that a message can choose by it (`[1] січня`, a plural's
/// `[few]`); anything else as text. A number with a leading zero ("05") stays text, as it was
/// written.
fn fluent_value(value: &str) -> FluentValue<'_> {
    let number = !value.is_empty()
        && value.len() <= 9
        && value.bytes().all(|b| b.is_ascii_digit())
        && (value == "0" || !value.starts_with('0'));
    if number {
        FluentValue::try_number(value)
    } else {
        FluentValue::from(value)
    }
}

/// The first line indented with a tab in the message around `line` (1-based): the line itself
/// and the indented lines after it.
fn tab_indented(text: &str, line: usize) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let start = line.saturating_sub(1);
    if lines.get(start)?.starts_with('\t') {
        return Some(line);
    }
    lines[start + 1..]
        .iter()
        .take_while(|l| l.is_empty() || l.starts_with([' ', '\t', '}', '*', '[']))
        .position(|l| l.starts_with('\t'))
        .map(|i| line + 1 + i)
}

fn add_file(
    bundle: &mut FluentBundle<FluentResource>,
    defined: &mut BTreeMap<String, Definition>,
    src: &Source,
    problems: &mut Problems,
) {
    let resource = match FluentResource::try_new(src.text.clone()) {
        Ok(r) => r,
        Err((r, errors)) => {
            for e in errors {
                // "Expected }" points just past the end of the line that lacks it.
                let at = e.pos.start;
                let at = if at > 0 && src.text.as_bytes().get(at - 1) == Some(&b'\n') {
                    at - 1
                } else {
                    at
                };
                let line = src.line_of(at);
                let problem = match tab_indented(&src.text, line) {
                    Some(tabbed) => Problem::error(
                        &src.path,
                        tabbed,
                        "indented with a tab: Fluent needs spaces to indent a message's lines \
                         and variants",
                    ),
                    None => Problem::error(&src.path, line, format!("Fluent syntax: {}", e.kind)),
                };
                problems.push(problem);
            }
            r
        }
    };
    for entry in resource.entries() {
        if let ast::Entry::Message(m) = entry {
            let line = src.line_of(offset_in(resource.source(), m.id.name));
            let id = m.id.name.to_owned();
            if let Some(first) = defined.get(&id) {
                problems.push(Problem::error(
                    &src.path,
                    line,
                    format!(
                        "duplicate message `{id}` (first defined at {}:{})",
                        first.file, first.line
                    ),
                ));
                continue;
            }
            if m.value.is_none() {
                problems.push(Problem::error(
                    &src.path,
                    line,
                    format!("message `{id}` has no text"),
                ));
            }
            let mut vars = BTreeSet::new();
            if let Some(p) = &m.value {
                collect_vars(p, &mut vars);
            }
            defined.insert(
                id,
                Definition {
                    file: src.path.clone(),
                    line,
                    vars,
                },
            );
        }
    }
    // Duplicates are reported above with their lines; the bundle keeps the first definition.
    let _ = bundle.add_resource(resource);
}

/// Byte offset of a slice borrowed from `text`.
fn offset_in(text: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(text.as_ptr() as usize)
}

fn collect_vars(pattern: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            collect_expr(expression, vars);
        }
    }
}

fn collect_expr(expr: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match expr {
        ast::Expression::Inline(inline) => collect_inline(inline, vars),
        ast::Expression::Select { selector, variants } => {
            collect_inline(selector, vars);
            for v in variants {
                collect_vars(&v.value, vars);
            }
        }
    }
}

fn collect_inline(inline: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_owned());
        }
        ast::InlineExpression::Placeable { expression } => collect_expr(expression, vars),
        _ => {}
    }
}
