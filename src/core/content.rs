//! All content together: dialog, services, triage and locales, cross-checked as one.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use chrono::NaiveDate;

use super::dialog::{Dialog, Target, load_flow};
use super::entries::written_ids;
use super::i18n::{CORE_MESSAGES, Locales};
use super::lang::Lang;
use super::problem::{Problem, Problems, Source};
use super::schedule::Schedule;
use super::services::{Phone, Service, Services};
use super::triage::{CrisisKind, Triage};

/// The dialog files Krok reads from the dialogs folder.
pub const DIALOG_FILES: [&str; 4] = ["flow.toml", "services.toml", "triage.toml", "booking.toml"];

/// The files of each language's folder in `locales/`.
pub const LOCALE_FILES: [&str; 7] = [
    "booking.ftl",
    "core.ftl",
    "crisis.ftl",
    "desk.ftl",
    "flow.ftl",
    "print.ftl",
    "services.ftl",
];

#[derive(Debug)]
pub struct Content {
    pub dialog: Dialog,
    pub services: Services,
    pub triage: Triage,
    pub schedule: Schedule,
    pub locales: Locales,
    /// Warnings found while loading (the content is usable).
    pub warnings: Problems,
}

impl Content {
    /// The numbers to call for a consultation of `kind` (its service's phones, comma
    /// separated; empty when it has none).
    pub fn duty_phones(&self, kind: &str) -> String {
        let service = self
            .schedule
            .kind(kind)
            .and_then(|k| self.services.get(&k.service));
        let phones: Vec<&str> = service
            .map(|s| s.phones.iter().map(|p| p.number.as_str()).collect())
            .unwrap_or_default();
        phones.join(", ")
    }

    /// Whether step `node` shows the emergency number (the first crisis service) itself.
    pub fn step_names_emergency(&self, node: &str) -> bool {
        let emergency = self.triage.crisis_services.first();
        let step = self.dialog.node(node);
        step.is_some_and(|n| emergency.is_some_and(|e| n.services.contains(e)))
    }

    /// `dialogs` are the files of the dialogs folder, `locales` every `.ftl` with its language.
    pub fn load(dialogs: &[Source], locales: &[(Lang, Source)]) -> Result<Content, Problems> {
        let mut problems = Problems::default();
        let file = |name: &str| dialogs.iter().find(|s| file_name(&s.path) == name);
        for name in DIALOG_FILES.iter().filter(|n| file(n).is_none()) {
            problems.push(Problem::error(
                name,
                1,
                "file is missing from the dialogs folder",
            ));
        }
        let services = file("services.toml")
            .map(|s| Services::load(s, &mut problems))
            .unwrap_or_default();
        // Ids as written count as defined: a service whose entry (or whole file) could not be
        // read has that reported once, not again at every step that names it.
        let written = |name: &str| file(name).map_or_else(HashSet::new, |s| written_ids(&s.text));
        let mut ids = written("services.toml");
        ids.extend(services.ids());
        let dialog = file("flow.toml").and_then(|s| load_flow(s, &ids, &mut problems));
        let triage = file("triage.toml").and_then(|s| Triage::load(s, &ids, &mut problems));
        let mut schedule = file("booking.toml")
            .map(|s| Schedule::load(s, &ids, &mut problems))
            .unwrap_or_default();
        schedule.attach_service_hours(&services);
        // Whether every message is used can be told only when every entry of the dialog files
        // was read: one that could not be may be what uses a message.
        let whole = !problems.has_errors();
        let locales = Locales::load(locales, &mut problems);
        // What needs only the services, the schedule and the locales is checked even when
        // the flow or triage could not be read: one run lists all it can.
        check_shared_phones(&services, &mut problems);
        check_booking_hours(&schedule, &services, &mut problems);
        problems
            .0
            .extend(super::facts::untracked_numbers(&services, &locales));
        let (Some(dialog), Some((mut triage, targets))) = (dialog, triage) else {
            // Without the flow nothing tells which messages are used: a message some
            // languages lack is said, as `check_messages` says it when a dialog file is broken.
            problems
                .0
                .extend(locales.missing.iter().map(|(_, p)| p.clone()));
            return Err(problems.sorted());
        };
        let nodes = written("flow.toml");
        triage.learn_words(locales.vocabulary());
        for (goto, path, line) in &targets.0 {
            if dialog.node(goto).is_none() && !nodes.contains(goto) {
                problems.push(Problem::error(
                    path,
                    *line,
                    format!(
                        "intent leads to node `{goto}`, which does not exist{}",
                        super::plain::unknown_id(goto, nodes.iter().map(String::as_str))
                    ),
                ));
            }
        }
        for kind in &triage.kinds {
            if dialog.node(&kind.step).is_none() && !nodes.contains(&kind.step) {
                let why = format!(
                    "crisis kind `{}` leads to node `{}`, which does not exist{}",
                    kind.id,
                    kind.step,
                    super::plain::unknown_id(&kind.step, nodes.iter().map(String::as_str))
                );
                problems.push(Problem::error(&kind.file, kind.line, why));
            }
        }
        if let Some(src) = file("triage.toml") {
            check_crisis_phones(src, &triage, &services, &mut problems);
        }
        check_day_and_night(&triage, &services, &mut problems);
        check_booking_targets(&dialog, &schedule, &written("booking.toml"), &mut problems);
        let content = (&dialog, &services, &schedule, &triage);
        check_messages(content, &locales, whole, &mut problems);
        check_lengths(&dialog, &locales, &mut problems);
        if problems.has_errors() {
            return Err(problems.sorted());
        }
        Ok(Content {
            dialog,
            services,
            triage,
            schedule,
            locales,
            warnings: problems.sorted(),
        })
    }

    /// Services whose facts were last checked more than `max_age_days` before `today`, or
    /// whose `verified` date is still to come (a typo that would hide the first warning for
    /// as long).
    pub fn stale_services(&self, today: NaiveDate, max_age_days: i64) -> Vec<Problem> {
        self.services
            .iter()
            .filter_map(|s| {
                let age = (today - s.verified).num_days();
                let what = match age {
                    ..0 => format!("service `{}` says it was verified on {}, which is still to come; write the day its facts were checked", s.id, s.verified),
                    _ if age > max_age_days => format!("service `{}` was last verified {} ({age} days ago); check its facts against the source and update `verified`", s.id, s.verified),
                    _ => return None,
                };
                Some(Problem::warning(&s.file, s.line, what))
            })
            .collect()
    }
}

/// The last part of a path as editors write it (`/` or `\\`).
pub(crate) fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// The texts that name the emergency number and the crisis line ("call { $emergency } or the
/// 24/7 line { $line }") take them from the first two crisis services.
fn check_crisis_phones(
    src: &Source,
    triage: &Triage,
    services: &Services,
    problems: &mut Problems,
) {
    let with_phone = triage
        .crisis_services
        .iter()
        .take(2)
        .filter(|id| services.get(id).is_some_and(|s| !s.phones.is_empty()))
        .count();
    let known = triage
        .crisis_services
        .iter()
        .take(2)
        .all(|id| services.get(id).is_some());
    if with_phone < 2 && known {
        let line = src
            .text
            .lines()
            .position(|l| l.starts_with("crisis_services"))
            .map_or(1, |i| i + 1);
        let why = "the first two crisis_services need a phone each: the emergency number, then the 24/7 crisis line (the texts that name them take their first phones)";
        problems.push(Problem::error(&src.path, line, why));
    }
}

/// A line shown to people in crisis at any hour (`crisis_services`), or a phone whose note says
/// "day and night", answers day and night by its hours too: office hours pasted onto it would
/// tell someone at 3 a.m. that the line is closed.
fn check_day_and_night(triage: &Triage, services: &Services, problems: &mut Problems) {
    for s in services.iter() {
        let crisis = triage.crisis_services.contains(&s.id);
        let service_hours = s.hours.as_ref();
        if crisis && !s.phones.is_empty() && !s.phones.iter().any(|p| p.always(service_hours)) {
            let why = format!(
                "`{}` is in crisis_services, shown to people in crisis at any hour, but none of its phones answers day and night by its hours: give the service or its crisis phone `hours = \"24/7\"`, as its source says",
                s.id
            );
            problems.push(Problem::error(&s.file, s.line, why));
        }
        for p in s
            .phones
            .iter()
            .filter(|p| p.note.as_deref() == Some(DAY_AND_NIGHT))
        {
            if !p.always(service_hours) {
                let why = format!(
                    "phone {} of `{}` has the note `{DAY_AND_NIGHT}` (day and night) but its hours say otherwise: give it `hours = \"24/7\"` or another note",
                    p.number, s.id
                );
                problems.push(Problem::error(&s.file, p.line, why));
            }
        }
    }
}

/// A number given for two services is most often one pasted into the wrong entry (the
/// seniors' line on the social services' card), and both entries pass the fact check when
/// one source lists both services: an error at each entry, naming the other, unless one of
/// them says `shared_with` the other.
fn check_shared_phones(services: &Services, problems: &mut Problems) {
    let digits = |p: &Phone| super::facts::digits(&p.number);
    let mut by_number: BTreeMap<String, Vec<(&Service, &Phone)>> = BTreeMap::new();
    for s in services.iter() {
        for p in &s.phones {
            by_number.entry(digits(p)).or_default().push((s, p));
        }
    }
    let declared = |a: &(&Service, &Phone), b: &(&Service, &Phone)| {
        a.1.shared_with.as_deref() == Some(b.0.id.as_str())
            || b.1.shared_with.as_deref() == Some(a.0.id.as_str())
    };
    for same in by_number.values() {
        for a in same {
            let others = same.iter().filter(|b| b.0.id != a.0.id && !declared(a, b));
            for b in others {
                let why = format!(
                    "phone {} of `{}` is also the number of `{}` (line {}): one of them is probably pasted into the wrong entry; check both against their sources, and if the two services really share this line, add shared_with = \"{}\" to this phone",
                    a.1.number, a.0.id, b.0.id, b.1.line, b.0.id
                );
                problems.push(Problem::error(&a.0.file, a.1.line, why));
            }
        }
    }
    for s in services.iter() {
        for p in &s.phones {
            let Some(other) = &p.shared_with else {
                continue;
            };
            let shares = by_number[&digits(p)]
                .iter()
                .any(|(o, _)| &o.id == other && o.id != s.id);
            if !shares {
                let why = format!(
                    "phone {} of `{}` says shared_with = \"{other}\", but `{other}` has no phone with this number",
                    p.number, s.id
                );
                problems.push(Problem::error(&s.file, p.line, why));
            }
        }
    }
}

/// A consultation booked when its service is closed by its hours (the duty moved to
/// Wednesday in services.toml, booking.toml still offering Thursdays) sends someone to call a
/// line nobody answers. Taken on two plain weeks in January, so the check reads the same any
/// day of the year; the service's lines with hours of their own count as open.
fn check_booking_hours(schedule: &Schedule, services: &Services, problems: &mut Problems) {
    let monday = NaiveDate::from_ymd_opt(2026, 1, 5)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .and_then(super::schedule::to_utc)
        .expect("a valid date");
    for kind in schedule.kinds() {
        let Some(service) = services.get(&kind.service) else {
            continue;
        };
        // The times the schedule alone gives (at run time those outside the service's hours
        // are left out; here they are the mistake to report).
        let unbound = super::schedule::Kind {
            service_hours: None,
            ..kind.clone()
        };
        let outside = unbound
            .slots(monday - chrono::TimeDelta::seconds(1))
            .take_while(|start| *start < monday + chrono::TimeDelta::days(14))
            .map(|start| {
                start
                    .with_timezone(&chrono_tz::Europe::Warsaw)
                    .naive_local()
            })
            .find(|start| !kind.service_covers(*start));
        if let Some(start) = outside {
            let why = format!(
                "`{}` offers consultations when its service `{}` is closed by its hours (services.toml:{}), such as {}: change the schedule here too, or the service's hours",
                kind.id,
                service.id,
                service.line,
                start.format("%a %H:%M")
            );
            problems.push(Problem::error(&kind.file, kind.line, why));
        }
    }
}

/// Phones cut a button's label at about 48 characters, and Telegram splits a message over
/// 4096: a label or a step's text that long is worth a look, in every language.
fn check_lengths(dialog: &Dialog, locales: &Locales, problems: &mut Problems) {
    const LABEL_MAX: usize = 48;
    const TEXT_MAX: usize = 3000;
    let labels: BTreeSet<&str> = dialog
        .nodes()
        .flat_map(|n| n.options.iter().map(|c| c.label.as_str()))
        .collect();
    for (lang, defined) in &locales.defined {
        for (id, def) in defined {
            let length = def.text.trim().chars().count();
            if labels.contains(id.as_str()) && length > LABEL_MAX {
                let why = format!(
                    "button `{id}` ({lang}) is {length} characters: phones cut a button's label at about {LABEL_MAX}; shorten it (the step's text can say more)"
                );
                problems.push(Problem::warning(&def.file, def.line, why));
            } else if length > TEXT_MAX {
                let why = format!(
                    "message `{id}` ({lang}) is {length} characters: on a phone that is many screens, and over 4096 Telegram splits it; shorten it or split the step"
                );
                problems.push(Problem::warning(&def.file, def.line, why));
            }
        }
    }
}

/// The note that says a phone answers day and night.
const DAY_AND_NIGHT: &str = "phone-note-24h";

/// Every message id the content uses exists (in English; the other locales are compared with
/// English when loading) and every English message is used.
fn check_booking_targets(
    dialog: &Dialog,
    schedule: &Schedule,
    written: &HashSet<String>,
    problems: &mut Problems,
) {
    for node in dialog.nodes() {
        for choice in &node.options {
            if let Target::Book(kind) = &choice.target
                && schedule.kind(kind).is_none()
                && !written.contains(kind)
            {
                problems.push(Problem::error(
                    &node.file,
                    choice.line,
                    format!(
                        "option `{}` books `{kind}`, which booking.toml does not define",
                        choice.label
                    ),
                ));
            }
        }
    }
}

fn check_messages(
    (dialog, services, schedule, triage): (&Dialog, &Services, &Schedule, &Triage),
    locales: &Locales,
    whole: bool,
    problems: &mut Problems,
) {
    let mut used: HashSet<String> = CORE_MESSAGES.iter().map(|s| s.to_string()).collect();
    // A message no language has is missing in each, said with the file it belongs in; one that
    // some languages have is compared across them when the locales load.
    let mut need = |id: &str, (file, line): (&str, usize), ftl: &str, problems: &mut Problems| {
        if Lang::ALL.iter().all(|l| !locales.has(*l, id)) {
            for lang in Lang::ALL {
                let add_to = locales.file_in(lang, ftl);
                let why =
                    format!("message `{id}` is missing in locale {lang} (add it to {add_to})");
                problems.push(Problem::error(file, line, why));
            }
        }
        used.insert(id.to_owned());
    };
    for id in CORE_MESSAGES {
        let (file, line) = locales
            .place_for(Lang::En, id)
            .unwrap_or_else(|| ("locales/en".to_owned(), 1));
        need(id, (&file, line), "core.ftl", problems);
    }
    // Texts Krok shows as they are: a variable in one would be shown raw ("{$line}").
    let mut plain: Vec<&str> = Vec::new();
    for node in dialog.nodes() {
        let at = (node.file.as_str(), node.line);
        need(&node.text, at, "flow.ftl", problems);
        plain.push(&node.text);
        if let Some(again) = &node.again {
            need(again, at, "flow.ftl", problems);
            plain.push(again);
        }
        for choice in &node.options {
            need(
                &choice.label,
                (&node.file, choice.line),
                "flow.ftl",
                problems,
            );
            plain.push(&choice.label);
        }
    }
    for s in services.iter() {
        let at = (s.file.as_str(), s.line);
        need(&format!("svc-{}", s.id), at, "services.ftl", problems);
        need(&format!("svc-{}-about", s.id), at, "services.ftl", problems);
        let notes = s
            .phones
            .iter()
            .filter_map(|p| p.note.as_deref())
            .chain(s.hours_note.as_deref());
        for note in notes.collect::<BTreeSet<_>>() {
            need(note, at, "services.ftl", problems);
        }
    }
    let shared: Vec<String> = triage.kinds.iter().map(CrisisKind::text_in_group).collect();
    for (kind, in_group) in triage.kinds.iter().zip(&shared) {
        let at = (kind.file.as_str(), kind.line);
        need(&kind.text, at, "crisis.ftl", problems);
        need(&kind.button, at, "crisis.ftl", problems);
        plain.extend([kind.text.as_str(), kind.button.as_str()]);
        // Its words for a group, where it has them (see `Turn::crisis`).
        if Lang::ALL.iter().any(|l| locales.has(*l, in_group)) {
            need(in_group, at, "crisis.ftl", problems);
            plain.push(in_group);
        }
    }
    for id in plain.into_iter().collect::<BTreeSet<_>>() {
        for lang in Lang::ALL {
            let Some(def) = locales.defined.get(&lang).and_then(|d| d.get(id)) else {
                continue;
            };
            if let Some(var) = def.vars.iter().next() {
                let why = format!(
                    "message `{id}` places {{ ${var} }}, which Krok does not fill in this text: it would be shown as written; write what it stands for"
                );
                problems.push(Problem::error(&def.file, def.line, why));
            }
        }
    }
    for kind in schedule.kinds() {
        let at = (kind.file.as_str(), kind.line);
        need(
            &format!("booking-kind-{}", kind.id),
            at,
            "booking.ftl",
            problems,
        );
        need(
            &format!("booking-how-{}", kind.id),
            at,
            "booking.ftl",
            problems,
        );
    }
    // A message some languages lack is asked for where something uses it; one nothing uses
    // is to be deleted, from every language at once, not added where it is missing.
    for (id, problem) in &locales.missing {
        if !whole || used.contains(id) {
            problems.push(problem.clone());
        }
    }
    if !whole {
        return;
    }
    let ids: BTreeSet<&String> = locales.defined.values().flat_map(|d| d.keys()).collect();
    for id in ids.into_iter().filter(|id| !used.contains(*id)) {
        let defs: Vec<_> = Lang::ALL
            .iter()
            .filter_map(|l| locales.defined.get(l)?.get(id))
            .collect();
        let Some(first) = defs.first() else {
            continue;
        };
        let places: Vec<String> = defs
            .iter()
            .map(|def| format!("{}:{}", def.file, def.line))
            .collect();
        let why = format!(
            "message `{id}` is not used by any step, service or the program: delete it from {} (or give it a use)",
            places.join(", ")
        );
        problems.push(Problem::warning(&first.file, first.line, why));
    }
}
