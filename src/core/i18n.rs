//! Fluent bundles per locale: syntax and cross-locale checks when loading, text when rendering.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;

use super::content::file_name;

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
    "reask-number",
    "reask-typed",
    "reask-again",
    "crisis-reask",
    "crisis-reask-emergency",
    "crisis-reask-emergency-again",
    "crisis-still",
    "crisis-again",
    "help-here",
    "crisis-reask-again",
    "desk-link",
    "desk-off",
    "my-id",
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
    "desk-not-yet-marked",
    "desk-cancel-failed",
    "desk-stats-title",
    "desk-stats-from",
    "desk-stats-to",
    "desk-stats-rule",
    "desk-stats-none",
    "desk-bad-date",
    "desk-stats-bad-date",
    "desk-stats-too-long",
    "desk-stats-figures",
    "desk-stats-what",
    "desk-stats-count",
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
    "desk-link-no-step",
    "desk-link-no-lang",
    "desk-link-bad-tag",
    "desk-link-no-platform",
    "desk-link-no-name",
    "desk-link-failed",
    "desk-nav-content",
    "desk-directory",
    "desk-content-loaded",
    "desk-reload-none",
    "desk-reload-ok",
    "desk-reload-refused",
    "desk-content-warnings",
    "desk-stale",
    "desk-stale-none",
    "desk-title",
    "desk-nav",
    "desk-nav-today",
    "desk-nav-bookings",
    "desk-nav-logout",
    "desk-nav-logout-everywhere",
    "desk-language",
    "desk-sign-in-title",
    "desk-sign-in-how",
    "desk-link-bad",
    "desk-too-many",
    "desk-cross-site",
    "desk-wrong-host",
    "desk-sign-in-confirm",
    "desk-sign-in-button",
    "desk-signed-out",
    "desk-signed-out-everywhere",
    "desk-form-expired",
    "desk-today",
    "desk-today-count",
    "desk-open-day",
    "desk-upcoming",
    "desk-upcoming-count",
    "desk-day",
    "desk-date",
    "desk-show",
    "desk-prev",
    "desk-next",
    "desk-csv",
    "desk-csv-excel",
    "desk-day-none",
    "desk-col-time",
    "desk-col-kind",
    "desk-col-name",
    "desk-col-contact",
    "desk-col-lang",
    "desk-col-code",
    "desk-col-state",
    "desk-col-booked",
    "desk-state-held",
    "desk-state-confirmed",
    "desk-contact-chat",
    "desk-cancel",
    "desk-cancel-reason",
    "desk-cancel-sure",
    "desk-cancelled",
    "desk-cancelled-note",
    "desk-cannot-send",
    "desk-cancel-unsure",
    "desk-not-found",
    "desk-find",
    "desk-find-go",
    "desk-held",
    "desk-flood",
    "desk-cancelled-title",
    "desk-col-cancelled",
    "desk-col-reason",
    "desk-cancelled-by-person",
    "desk-cancelled-by-caseworker",
    "desk-find-title",
    "desk-find-short",
    "desk-find-none",
    "desk-find-count",
    "desk-find-more",
    "desk-found",
    "booking-cancelled-by-staff-why",
    "stale-button",
    "stale-number",
    "thanks-reply",
    "crisis-thanks",
    "ok-reply",
    "content-changed",
    "content-changed-back",
    "link-outdated",
    "non-text",
    "non-text-again",
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
    "book-earlier",
    "book-when",
    "book-slots",
    "book-none",
    "book-taken",
    "book-said-none",
    "book-said-several",
    "book-held",
    "book-held-again",
    "book-name-invalid",
    "book-contact",
    "book-contact-chat",
    "book-contact-phone",
    "book-phone",
    "book-phone-invalid",
    "book-phone-read",
    "book-name-corrected",
    "book-enough",
    "book-also",
    "also-step",
    "book-day-none",
    "book-day-several",
    "book-q-free",
    "book-q-langs",
    "book-q-bring",
    "book-q-length",
    "lang-word-uk",
    "lang-word-pl",
    "lang-word-en",
    "lang-word-ru",
    "book-private",
    "crisis-private",
    "forget-private",
    "book-consent",
    "book-agree",
    "book-drop",
    "book-dropped",
    "book-confirmed",
    "book-expired",
    "bookings-none",
    "bookings-list",
    "bookings-line",
    "bookings-line-phones",
    "bookings-cancel",
    "bookings-cancel-ask",
    "bookings-keep",
    "bookings-cancel-sure",
    "bookings-kept",
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
    "staff-already-cancelled",
    "staff-note-too-long",
    "staff-help",
    "forgotten-booking",
    "undecryptable",
    "room-shared",
    "group-welcome",
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
    "print-hours-closed-on",
    "print-weekday",
];

/// Where a message is defined: file, line and the variables it uses.
#[derive(Clone, Debug)]
pub struct Definition {
    pub file: String,
    pub line: usize,
    pub vars: BTreeSet<String>,
    /// Other messages (`{ other }`) and terms (`{ -term }`) it places.
    pub refs: BTreeSet<String>,
    /// What its text says outside placeables, every variant joined: where a phone number
    /// typed into a text is looked for.
    pub text: String,
}

pub struct Locales {
    /// Messages some languages lack, each with its problem: reported by the content check
    /// for the messages something uses (one nobody uses is to be deleted, not added).
    pub missing: Vec<(String, Problem)>,
    bundles: HashMap<Lang, FluentBundle<FluentResource>>,
    /// Per language, every message id with where it is defined.
    pub defined: BTreeMap<Lang, BTreeMap<String, Definition>>,
    /// Per language, the ids of entries a syntax error made unreadable (reported there, so
    /// not again as missing), and the terms (`-name`) defined.
    broken: BTreeMap<Lang, BTreeSet<String>>,
    terms: BTreeMap<Lang, BTreeSet<String>>,
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
            missing: Vec::new(),
            bundles: HashMap::new(),
            defined: BTreeMap::new(),
            broken: BTreeMap::new(),
            terms: BTreeMap::new(),
        };
        for lang in Lang::ALL {
            let mut bundle = FluentBundle::new_concurrent(vec![
                lang.code().parse().expect("language codes are valid tags"),
            ]);
            bundle.set_use_isolating(false);
            let defined = locales.defined.entry(lang).or_default();
            let mut read = Read {
                defined,
                broken: locales.broken.entry(lang).or_default(),
                terms: locales.terms.entry(lang).or_default(),
            };
            for (_, src) in files.iter().filter(|(l, _)| *l == lang) {
                add_file(&mut bundle, &mut read, src, problems);
            }
            locales.bundles.insert(lang, bundle);
        }
        let without = locales.no_texts(files, problems);
        locales.missing = locales.check_across(&without, problems);
        locales
    }

    /// A language with no files at all (its folder missing or empty) is said once, not as
    /// every one of its messages missing.
    fn no_texts(&self, files: &[(Lang, Source)], problems: &mut Problems) -> Vec<Lang> {
        let read = |lang: &Lang| files.iter().any(|(l, _)| l == lang);
        if !Lang::ALL.iter().any(read) {
            return Vec::new();
        }
        let without: Vec<Lang> = Lang::ALL.into_iter().filter(|l| !read(l)).collect();
        for &lang in &without {
            let folder = self.file_in(lang, "");
            let why = format!(
                "locale {lang} has no texts (the folder is missing or empty): every message is \
                 needed in each language; copy the files of another language here and translate them"
            );
            problems.push(Problem::error(folder.trim_end_matches('/'), 1, why));
        }
        without
    }

    /// Every id is in all four languages with the same variables, and every message or term
    /// a text places exists. A language that lacks a message is told where to add it; one whose
    /// variables differ from what the others agree on is the one blamed, at its line.
    fn check_across(&self, without: &[Lang], problems: &mut Problems) -> Vec<(String, Problem)> {
        let mut missing = Vec::new();
        let ids: BTreeSet<&String> = self.defined.values().flat_map(|d| d.keys()).collect();
        for id in ids {
            let found: Vec<(Lang, &Definition)> = Lang::ALL
                .into_iter()
                .filter_map(|l| Some((l, self.defined.get(&l)?.get(id)?)))
                .collect();
            let Some(&(_, shown)) = found.iter().find(|(l, _)| *l == Lang::En).or(found.first())
            else {
                continue;
            };
            for lang in Lang::ALL {
                let unreadable = self.broken.get(&lang).is_some_and(|b| b.contains(id));
                let told = unreadable || without.contains(&lang);
                if !told && !found.iter().any(|(l, _)| *l == lang) {
                    let file = self.file_in(lang, file_name(&shown.file));
                    let why =
                        format!("message `{id}` is missing in locale {lang} (add it to {file})");
                    missing.push((id.clone(), Problem::error(&shown.file, shown.line, why)));
                }
            }
            let vars = agreed(&found, |d| d.vars.clone());
            for (lang, def) in found.iter().filter(|(_, d)| d.vars != vars) {
                let why = format!(
                    "message `{id}` uses {} in {lang} but {} in the other languages",
                    as_placeables(&def.vars),
                    as_placeables(&vars)
                );
                problems.push(Problem::error(&def.file, def.line, why));
            }
            let same = agreed(&found, |d| numbers(&d.text));
            for (lang, def) in found.iter().filter(|(_, d)| numbers(&d.text) != same) {
                let list = |n: &BTreeSet<String>| match n.is_empty() {
                    true => "no numbers".to_owned(),
                    false => n.iter().cloned().collect::<Vec<_>>().join(" "),
                };
                let why = format!(
                    "message `{id}` writes {} in {lang} but {} in the other languages: a phone number or an hour must read the same in every language",
                    list(&numbers(&def.text)),
                    list(&same)
                );
                problems.push(Problem::error(&def.file, def.line, why));
            }
        }
        for (lang, defined) in &self.defined {
            for (id, def) in defined {
                for r in &def.refs {
                    let known = match r.strip_prefix('-') {
                        Some(term) => self.terms.get(lang).is_some_and(|t| t.contains(term)),
                        None => defined.contains_key(r),
                    };
                    if !known {
                        let why = format!(
                            "message `{id}` places `{{ {r} }}`, which is no message of {lang}: a variable is written `{{ ${r} }}`, and a brace as text `{{\"{{\"}}`"
                        );
                        problems.push(Problem::error(&def.file, def.line, why));
                    }
                }
            }
        }
        missing
    }

    /// The path of a locale file `name` of `lang`: beside that language's other files, else
    /// where another language keeps its own.
    pub fn file_in(&self, lang: Lang, name: &str) -> String {
        let beside = |l: Lang| {
            let file = &self.defined.get(&l)?.values().next()?.file;
            let dir = &file[..file.len() - file_name(file).len()];
            Some(match l == lang {
                true => format!("{dir}{name}"),
                false => match dir.rfind(&format!("/{}/", l.code())) {
                    Some(at) => format!("{}/{}/{name}", &dir[..at], lang.code()),
                    None => format!("locales/{}/{name}", lang.code()),
                },
            })
        };
        beside(lang)
            .or_else(|| Lang::ALL.into_iter().find_map(beside))
            .unwrap_or_else(|| format!("locales/{}/{name}", lang.code()))
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

/// What most languages have (English's on a tie): the one that differs is the one with the
/// mistake.
fn agreed<T: PartialEq + Clone + Default>(
    found: &[(Lang, &Definition)],
    of: impl Fn(&Definition) -> T,
) -> T {
    let all: Vec<(Lang, T)> = found.iter().map(|(l, d)| (*l, of(d))).collect();
    let count = |x: &T| all.iter().filter(|(_, y)| y == x).count();
    let mut best: Option<&T> = all.iter().find(|(l, _)| *l == Lang::En).map(|(_, x)| x);
    for (_, x) in &all {
        if best.is_none_or(|b| count(x) > count(b)) {
            best = Some(x);
        }
    }
    best.cloned().unwrap_or_default()
}

/// The numbers a text writes outside placeables (a phone number's groups, 112, an hour),
/// "24/7" left out (some languages say "day and night"):
/// they must be the same in every language, where a typo in one ("121") would send someone
/// to nobody.
fn numbers(text: &str) -> BTreeSet<String> {
    let text = text.replace("24/7", " ");
    let bytes = text.as_bytes();
    let mut out = BTreeSet::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        // "8:00" and "08:00", "з 10 до 14" and "10:00–14:00" say the same: an hour is its
        // number; whole minutes say nothing more.
        let number = text[start..i].trim_start_matches('0');
        let time = bytes.get(i) == Some(&b':');
        if !number.is_empty() && (number.len() >= 2 || time) {
            out.insert(number.to_owned());
        }
    }
    out
}

/// Variables as an editor writes them: `{ $when }, { $code }`, or "no variables".
fn as_placeables(vars: &BTreeSet<String>) -> String {
    match vars.is_empty() {
        true => "no variables".to_owned(),
        false => vars
            .iter()
            .map(|v| format!("{{ ${v} }}"))
            .collect::<Vec<_>>()
            .join(", "),
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

/// A Fluent syntax error as the editor's mistake, at the line to mend, with the parser's own
/// words after it in brackets.
fn syntax_problem(src: &Source, e: &fluent_syntax::parser::ParserError) -> Problem {
    use fluent_syntax::parser::ErrorKind;
    let at = e.pos.start;
    let line_start = at == 0 || src.text.as_bytes().get(at - 1) == Some(&b'\n');
    let line = src.line_of(at);
    if let Some(tabbed) = tab_indented(&src.text, line) {
        return Problem::error(
            &src.path,
            tabbed,
            "indented with a tab: Fluent needs spaces to indent a message's lines and variants",
        );
    }
    let (line, what) = match &e.kind {
        // It points just past the end of the line that lacks it.
        ErrorKind::ExpectedToken('}') => (
            if line_start && line > 1 {
                line - 1
            } else {
                line
            },
            "a `{` is not closed: a variable is written `{ $name }`, with `}` on the same line",
        ),
        ErrorKind::ExpectedCharRange { .. } if line_start => (
            line,
            "this line is neither a new message nor part of one: a text goes on on the next line \
             only when that line starts with spaces, so indent it as the lines above or join it \
             to the line before",
        ),
        ErrorKind::ExpectedCharRange { .. } => (
            line,
            "a variable is written `{ $name }`: `$` and straight after it the name in Latin \
             letters, exactly as in the other languages",
        ),
        ErrorKind::ExpectedToken('=') => (
            line,
            "a message starts with its id, then ` = ` and its text (`opt-yes = Tak`)",
        ),
        ErrorKind::ExpectedInlineExpression => (
            line,
            "`{ }` hold a variable such as `{ $when }`, as in the other languages; write the \
             text itself without braces",
        ),
        ErrorKind::UnbalancedClosingBrace => (line, "a `}` with no `{` before it"),
        _ => (line, "Fluent cannot read this line"),
    };
    Problem::error(&src.path, line, format!("{what} (Fluent: {})", e.kind))
}

/// What the files of one language hold, as they are read.
struct Read<'a> {
    defined: &'a mut BTreeMap<String, Definition>,
    broken: &'a mut BTreeSet<String>,
    terms: &'a mut BTreeSet<String>,
}

fn add_file(
    bundle: &mut FluentBundle<FluentResource>,
    read: &mut Read<'_>,
    src: &Source,
    problems: &mut Problems,
) {
    let defined = &mut *read.defined;
    let resource = match FluentResource::try_new(src.text.clone()) {
        Ok(r) => r,
        Err((r, errors)) => {
            for e in errors {
                problems.push(syntax_problem(src, &e));
            }
            r
        }
    };
    for entry in resource.entries() {
        let m = match entry {
            ast::Entry::Message(m) => m,
            ast::Entry::Term(t) => {
                read.terms.insert(t.id.name.to_owned());
                continue;
            }
            // The id a syntax error made unreadable: `opt-x Free lawyer` lacks its `=`.
            ast::Entry::Junk { content } => {
                let id = content
                    .trim_start()
                    .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
                    .next()
                    .unwrap_or_default();
                read.broken.insert(id.to_owned());
                continue;
            }
            _ => continue,
        };
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
        let mut found = Placed::default();
        if let Some(p) = &m.value {
            collect_vars(p, &mut found);
        }
        for attribute in &m.attributes {
            collect_vars(&attribute.value, &mut found);
        }
        defined.insert(
            id,
            Definition {
                file: src.path.clone(),
                line,
                vars: found.vars,
                refs: found.refs,
                text: found.text,
            },
        );
    }
    // Duplicates are reported above with their lines; the bundle keeps the first definition.
    let _ = bundle.add_resource(resource);
}

/// Byte offset of a slice borrowed from `text`.
fn offset_in(text: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(text.as_ptr() as usize)
}

/// The variables and the other messages or terms a text places.
#[derive(Default)]
struct Placed {
    vars: BTreeSet<String>,
    refs: BTreeSet<String>,
    text: String,
}

fn collect_vars(pattern: &ast::Pattern<&str>, found: &mut Placed) {
    for element in &pattern.elements {
        match element {
            ast::PatternElement::Placeable { expression } => {
                collect_expr(expression, found);
                found.text.push('\n');
            }
            ast::PatternElement::TextElement { value } => found.text.push_str(value),
        }
    }
}

fn collect_expr(expr: &ast::Expression<&str>, found: &mut Placed) {
    match expr {
        ast::Expression::Inline(inline) => collect_inline(inline, found),
        ast::Expression::Select { selector, variants } => {
            collect_inline(selector, found);
            for v in variants {
                collect_vars(&v.value, found);
                found.text.push('\n');
            }
        }
    }
}

fn collect_inline(inline: &ast::InlineExpression<&str>, found: &mut Placed) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            found.vars.insert(id.name.to_owned());
        }
        ast::InlineExpression::MessageReference { id, .. } => {
            found.refs.insert(id.name.to_owned());
        }
        ast::InlineExpression::TermReference { id, .. } => {
            found.refs.insert(format!("-{}", id.name));
        }
        ast::InlineExpression::Placeable { expression } => collect_expr(expression, found),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The mistakes people make in a `.ftl` file, said as the mistake, at the line to mend.
    fn problems_of(text: &str) -> Vec<String> {
        let mut problems = Problems::default();
        let src = Source::new("ru/flow.ftl", text);
        Locales::load(&[(Lang::Ru, src)], &mut problems);
        problems.0.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn numbers_are_compared_as_an_hour_or_a_phone_reads() {
        let n = |t: &str| numbers(t).into_iter().collect::<Vec<_>>();
        assert_eq!(n("о 8:00"), n("o 08:00"));
        assert_eq!(n("з 10 до 14"), n("10:00–14:00"));
        assert_eq!(n("24/7: +48 12 421 92 82"), ["12", "421", "48", "82", "92"]);
        assert_ne!(n("телефонуйте 112"), n("телефонуйте 121"));
        assert!(n("1 день, 3 дні").is_empty());
    }

    #[test]
    fn syntax_errors_are_said_as_the_mistake_at_its_line() {
        let stray = problems_of("a = Пункт сбора\nАдрес и часы уточняйте\nb = Да\n");
        assert!(
            stray
                .iter()
                .any(|p| p.starts_with("ru/flow.ftl:2: this line is neither")),
            "{stray:?}"
        );
        let blank = problems_of("a = Пункт сбора\n\nАдрес и часы\nb = Да\n");
        assert!(
            blank
                .iter()
                .any(|p| p.starts_with("ru/flow.ftl:3: this line")),
            "{blank:?}"
        );
        let open = problems_of("a = Когда { $when\nb = Да\n");
        assert!(
            open.iter()
                .any(|p| p.starts_with("ru/flow.ftl:1: a `{` is not closed")),
            "{open:?}"
        );
        let spaced = problems_of("a = Когда { $ when }\n");
        assert!(
            spaced
                .iter()
                .any(|p| p.contains(":1: a variable is written")),
            "{spaced:?}"
        );
        let no_equals = problems_of("opt-point Пункт\n");
        assert!(
            no_equals
                .iter()
                .any(|p| p.contains(":1: a message starts with its id, then ` = `")),
            "{no_equals:?}"
        );
    }
}
