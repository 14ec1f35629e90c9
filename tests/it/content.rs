//! The shipped content: loads cleanly, its facts come from the seeds, every service is close at
//! hand; broken fixtures are reported at the right `file:line`; triage cases hold.

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::Path;

use krok::core::dialog::Target;
use krok::core::triage::Verdict;
use krok::files::load_content;
use serde::Deserialize;

use super::support::{root, shipped};

#[test]
fn shipped_content_loads_without_warnings() {
    let content = shipped();
    assert!(content.warnings.0.is_empty(), "{}", content.warnings);
    for id in ["crisis", "legal", "donate", "family"] {
        let start = content.dialog.start_node();
        let top = start
            .options
            .iter()
            .any(|c| c.target == Target::Node(id.into()));
        assert!(top, "`{id}` is a top-level branch of the start node");
    }
}

/// The seniors' number pasted onto the social services' card is in the same source document,
/// so the facts check takes it; a number two services share is refused at both entries, each
/// naming the other, unless one of them says `shared_with` the other.
#[test]
fn a_number_two_services_share_is_refused_unless_declared_shared() {
    let edited = Edited::of("dialogs/services.toml");
    let text = edited.text.clone();
    let from = "phones = [{ number = \"+48 12 616 54 08\" }]";
    assert!(text.contains(from));
    let load = |services: String| edited.load(services);
    let pasted = text.replacen(from, "phones = [{ number = \"+48 12 445 96 67\" }]", 1);
    let refused = load(pasted).expect_err("refused").to_string();
    let line_of = |number: &str| text.lines().position(|l| l.contains(number)).unwrap() + 1;
    let (mops, senior) = (line_of("+48 12 616 54 08"), line_of("+48 12 445 96 67"));
    for expected in [
        format!(
            "services.toml:{mops}: phone +48 12 445 96 67 of `mops` is also the number of `senior-info` (line {senior})"
        ),
        format!(
            "services.toml:{senior}: phone +48 12 445 96 67 of `senior-info` is also the number of `mops` (line {mops})"
        ),
    ] {
        assert!(refused.contains(&expected), "{expected}\n{refused}");
    }
    assert!(
        refused.contains("shared_with = \"senior-info\""),
        "{refused}"
    );

    let declared = text.replacen(
        from,
        "phones = [{ number = \"+48 12 445 96 67\", shared_with = \"senior-info\" }]",
        1,
    );
    let content = load(declared).expect("declared shared");
    assert!(content.warnings.0.is_empty(), "{}", content.warnings);

    let wrong = text.replacen(
        from,
        "phones = [{ number = \"+48 12 616 54 08\", shared_with = \"senior-info\" }]",
        1,
    );
    let refused = load(wrong).expect_err("refused").to_string();
    assert!(
        refused.contains(
            "says shared_with = \"senior-info\", but `senior-info` has no phone with this number"
        ),
        "{refused}"
    );
}

/// An editor in Notepad breaks services.toml the usual ways: each is said in plain words at its
/// line (TOML's own words after), and the steps that name the service whose entry broke are
/// not reported again as naming an unknown one.
#[test]
fn a_broken_services_file_is_said_plainly_at_its_line_without_follow_on_errors() {
    let edited = Edited::of("dialogs/services.toml");
    let text = edited.text.clone();
    let id = "id = \"crisis-centre\"";
    let line = text.lines().position(|l| l == id).unwrap() + 1;
    for (broken, said) in [
        ("id = \"crisis-centre", "a text in quotes is not closed"),
        ("id = “crisis-centre”", "texts go between straight quotes"),
        ("id = crisis-centre", "a text goes between quotes"),
        (
            "id \"crisis-centre\"",
            "a setting is written as name = value",
        ),
        (
            "id = \"crisis-centre\" source = \"x\"",
            "the line goes on after its value",
        ),
        // The key misspelt: the entry is not read, and said once, not again at every step
        // naming the service.
        ("idd = \"crisis-centre\"", "unknown key `idd`"),
    ] {
        let Err(problems) = edited.load(text.replacen(id, broken, 1)) else {
            panic!("{broken} loaded");
        };
        let shown = problems.to_string();
        assert!(
            shown.contains(&format!("services.toml:{line}: {said}")),
            "{broken}: {shown}"
        );
        assert!(!shown.contains("unknown service"), "{broken}: {shown}");
    }
    let Err(problems) = edited.load(text.replacen("address = ", "adress = ", 1)) else {
        panic!("a misspelt key loaded");
    };
    let shown = problems.to_string();
    assert!(
        shown.contains("unknown key `adress`: did you mean `address`?"),
        "{shown}"
    );
}

/// A number typed into a text passes no source check: one that no service gives is refused
/// at its message, in each language; a service's own number (without +48 too) and a date in
/// an example are not numbers to refuse.
#[test]
fn a_phone_number_typed_into_a_text_must_be_a_services_number() {
    let edited = Edited::of("locales/uk/crisis.ftl");
    let text = edited.text.clone();
    let load = |crisis: String| edited.load(crisis);
    let with = |sentence: &str| {
        text.replacen(
            "crisis-self-harm = ",
            &format!("crisis-self-harm = {sentence} "),
            1,
        )
    };
    // Two digits swapped in the crisis centre's number.
    let refused = load(with("Дзвоніть 12 421 29 82."))
        .expect_err("refused")
        .to_string();
    assert!(
        refused.contains(
            "uk/crisis.ftl:3: message `crisis-self-harm` (uk) gives the number 12 421 29 82, which no service in services.toml has"
        ),
        "{refused}"
    );
    // Written as people write numbers, each still checked.
    for wrong in [
        "Дзвоніть 12.421.29.82.",
        "Дзвоніть 12\u{2013}421\u{2013}29\u{2013}82.",
        "Дзвоніть (12) 421 29 82.",
        "Дзвоніть 12\u{200b}421 29 82.",
        "Дзвоніть 12 421 - 29 82.",
        "Дзвоніть 116 132.",
    ] {
        let Err(refused) = load(with(wrong)) else {
            panic!("{wrong}: taken");
        };
        let refused = refused.to_string();
        assert!(
            refused.contains("which no service in services.toml has"),
            "{wrong}: {refused}"
        );
    }
    for fine in [
        "Дзвоніть +48 12 421 92 82.",
        "Дзвоніть 12 421 92 82 або 112.",
        "Дзвоніть (12) 421-92-82.",
        "Наприклад, 2026-12-03 або 3.12.2026, у 2022\u{2013}2023.",
    ] {
        // Written in one language only, it differs from the other three: that alone is said.
        if let Err(problems) = load(with(fine)) {
            let problems = problems.to_string();
            assert!(
                problems
                    .lines()
                    .all(|l| l.contains("in the other languages")),
                "{fine}: {problems}"
            );
        }
    }
}

/// The duty moved to Wednesday in services.toml alone would leave Thursday consultations
/// bookable with nobody on the line: refused at the booking kind, naming the service's line.
#[test]
fn consultations_are_booked_only_within_their_services_hours() {
    let edited = Edited::of("dialogs/services.toml");
    let text = edited.text.clone();
    let thursday = "hours = \"Th 16:00-19:00\"";
    assert_eq!(text.matches(thursday).count(), 1);
    let load = |services: String| edited.load(services);
    let refused = load(text.replacen(thursday, "hours = \"We 15:00-18:00\"", 1))
        .expect_err("refused")
        .to_string();
    assert!(
        refused.contains("booking.toml:22: `legal` offers consultations when its service `migrant-legal-duty` is closed by its hours (services.toml:")
            && refused.contains("such as Thu 16:00"),
        "{refused}"
    );
    // The last slot must end within the hours too.
    let refused = load(text.replacen(thursday, "hours = \"Th 16:00-18:45\"", 1))
        .expect_err("refused")
        .to_string();
    assert!(refused.contains("such as Thu 18:30"), "{refused}");
    load(text.replacen(thursday, "hours = \"Th,Fr 16:00-19:00\"", 1)).expect("wider hours");
    // A day the service is closed on (a rule the plain weeks checked do not show) is not
    // offered at all.
    let content = load(text.replacen(thursday, "hours = \"Th 16:00-19:00; Dec 03 off\"", 1))
        .expect("the weekly hours agree");
    let legal = content.schedule.kind("legal").unwrap();
    let first = legal
        .slots(super::support::tuesday_morning())
        .next()
        .unwrap();
    let local = first.with_timezone(&chrono_tz::Europe::Warsaw);
    assert_eq!(
        local.format("%Y-%m-%d %H:%M").to_string(),
        "2026-12-10 16:00"
    );
}

/// A former id that is a step's id now, or that two steps claim, could open only one of
/// them: refused at its line.
#[test]
fn an_alias_names_one_step_that_is_gone() {
    let edited = Edited::of("dialogs/flow.toml");
    let with_aliases = |text: &str, id: &str, aliases: &str| {
        text.replacen(
            &format!("id = \"{id}\"\n"),
            &format!("id = \"{id}\"\naliases = {aliases}\n"),
            1,
        )
    };
    let broken = with_aliases(
        &edited.text,
        "legal_advice",
        "[\"legal\", \"Legal-Help\", \"legal_help\"]",
    );
    let broken = with_aliases(&broken, "legal_everyday", "[\"legal_help\"]");
    let refused = edited.load(broken).expect_err("refused").to_string();
    for expected in [
        "alias `legal` of node `legal_advice` is the id of a node",
        "alias `Legal-Help` of node `legal_advice` may use only lowercase letters, digits and _",
        "alias `legal_help` of node `legal_everyday` is also an alias of `legal_advice`",
    ] {
        assert!(refused.contains(expected), "{expected}\n{refused}");
    }
}

#[test]
fn service_facts_come_from_their_source() {
    // The shipped facts are all in their sources (`shipped()` loads with that check); each kind
    // of fact changed by one character is refused, at the service's line.
    let edits = [
        (
            "number = \"+48 12 421 92 82\"",
            "number = \"+48 12 421 92 83\"",
            "phone +48 12 421 92 83 of `crisis-centre` is not in its source",
        ),
        // A digit lost, the area code dropped (review 10): a part of a real number is not one.
        (
            "number = \"+48 12 421 92 82\"",
            "number = \"+48 12 421 92 8\"",
            "phone +48 12 421 92 8 of `crisis-centre` is not in its source",
        ),
        (
            "number = \"+48 12 421 92 82\"",
            "number = \"+48 421 92 82\"",
            "phone +48 421 92 82 of `crisis-centre` is not in its source",
        ),
        // Office hours pasted onto the 24/7 crisis line would tell someone at night it is closed.
        (
            "note = \"phone-note-24h\" }]\naddress = \"ul. Radziwiłłowska 8b, Kraków\"\n# No `languages`: the sources say the centre helps Ukrainians in Kraków, not in which languages.\nhours = \"24/7\"",
            "note = \"phone-note-24h\" }]\naddress = \"ul. Radziwiłłowska 8b, Kraków\"\n# No `languages`: the sources say the centre helps Ukrainians in Kraków, not in which languages.\nhours = \"Mo-Fr 08:00-15:00\"",
            "`crisis-centre` is in crisis_services, shown to people in crisis at any hour, but none of its phones answers day and night",
        ),
        (
            "ul. Kapelanka 60",
            "ul. Kapelanka 61",
            "address `ul. Kapelanka 61, Kraków` of `krafos` is not in its source",
        ),
        (
            "do@mops.krakow.pl",
            "od@mops.krakow.pl",
            "e-mail od@mops.krakow.pl of `mops` is not in its source",
        ),
        (
            "source = \"003_2d686746f0f1251d.txt\"",
            "source = \"public\"",
            "phone +48 12 421 92 82 of `crisis-centre` is not a public emergency number",
        ),
    ];
    for (from, to, expect) in edits {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&root().join("dialogs"), &dir.path().join("dialogs"));
        copy_dir(&root().join("locales"), &dir.path().join("locales"));
        let path = dir.path().join("dialogs/services.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{from}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
        let loaded = load_content(&dir.path().join("dialogs"), &dir.path().join("locales"));
        let problems = match loaded {
            Err(problems) => problems,
            Ok(_) => panic!("{expect}: loaded without errors"),
        };
        assert!(
            problems.0.iter().any(|p| p.message.starts_with(expect)),
            "{expect}: {problems}"
        );
    }
    // A wrong crisis number is shown with every other mistake, not only once they are fixed.
    let dir = shipped_copy();
    let edit = |file: &str, from: &str, to: &str| {
        let path = dir.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{from}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    edit(
        "dialogs/services.toml",
        "number = \"+48 12 421 92 82\"",
        "number = \"+48 12 421 92 83\"",
    );
    edit(
        "dialogs/flow.toml",
        "goto = \"legal_advice\"",
        "goto = \"legal_advise\"",
    );
    let Err(problems) = load_content(&dir.path().join("dialogs"), &dir.path().join("locales"))
    else {
        panic!("refused");
    };
    let report = problems.to_string();
    assert!(
        report.contains("legal_advise") && report.contains("+48 12 421 92 83"),
        "{report}"
    );
}

#[test]
fn every_service_is_shown_within_three_taps_of_the_main_menu() {
    let content = shipped();
    let mut depth = HashMap::from([(content.dialog.start.clone(), 0)]);
    let mut queue = VecDeque::from([content.dialog.start.clone()]);
    while let Some(id) = queue.pop_front() {
        for c in &content.dialog.node(&id).unwrap().options {
            if let Target::Node(next) = &c.target
                && !depth.contains_key(next)
            {
                depth.insert(next.clone(), depth[&id] + 1);
                queue.push_back(next.clone());
            }
        }
    }
    let mut shown: HashMap<&str, usize> = HashMap::new();
    for node in content.dialog.nodes() {
        for s in &node.services {
            let d = depth[&node.id];
            shown.entry(s).and_modify(|m| *m = (*m).min(d)).or_insert(d);
        }
    }
    for s in content.services.iter() {
        let d = shown
            .get(s.id.as_str())
            .unwrap_or_else(|| panic!("service {} is shown by no node", s.id));
        // Three taps from the main menu, plus one on the language screen: four at most.
        assert!(*d <= 3, "service {} needs {d} taps", s.id);
    }
}

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    text: String,
    expect: String,
}

#[test]
fn triage_cases() {
    let text = std::fs::read_to_string(root().join("tests/triage_cases.toml")).unwrap();
    let cases: Cases = toml::from_str(&text).unwrap();
    assert!(cases.case.len() >= 100);
    let triage = &shipped().triage;
    let mut failures = Vec::new();
    for c in &cases.case {
        let ok = match (c.expect.as_str(), triage.classify(&c.text)) {
            ("crisis", Verdict::Crisis { .. }) | ("none", Verdict::None) => true,
            (expect, Verdict::Intent { .. }) if expect.starts_with("intent:") => {
                let want = &expect["intent:".len()..];
                triage.explain(&c.text).iter().any(|r| matches!(&r.kind, krok::core::triage::Kind::Intent { goto, .. } if goto == want))
            }
            _ => false,
        };
        if !ok {
            failures.push(format!(
                "{:?}: expected {}, got {:?}",
                c.text,
                c.expect,
                triage.classify(&c.text)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} triage case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[derive(Deserialize)]
struct Broken {
    case: Vec<BrokenCase>,
}

#[derive(Deserialize)]
struct BrokenCase {
    name: String,
    file: String,
    find: Option<String>,
    replace: Option<String>,
    append: Option<String>,
    #[serde(default)]
    line_offset: i64,
    line_from: Option<String>,
    expect: String,
    #[serde(default)]
    alone: bool,
}

/// A copy of the shipped content with one file to edit: load it with the file's new text.
struct Edited {
    dir: tempfile::TempDir,
    path: std::path::PathBuf,
    text: String,
}

impl Edited {
    fn of(file: &str) -> Edited {
        let dir = shipped_copy();
        let path = dir.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        Edited { dir, path, text }
    }

    fn load(
        &self,
        text: String,
    ) -> Result<krok::core::content::Content, krok::core::problem::Problems> {
        std::fs::write(&self.path, text).unwrap();
        load_content(
            &self.dir.path().join("dialogs"),
            &self.dir.path().join("locales"),
        )
    }
}

/// A copy of the shipped dialogs and locales folders to break.
fn shipped_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("dialogs"), &dir.path().join("dialogs"));
    copy_dir(&root().join("locales"), &dir.path().join("locales"));
    dir
}

pub(super) fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

fn line_of(text: &str, needle: &str) -> i64 {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` is not in the shipped file"));
    text[..at].matches('\n').count() as i64 + 1
}

fn run_broken(case: &BrokenCase) -> Result<(), String> {
    let dir = shipped_copy();
    let path = dir.path().join(&case.file);
    let text = std::fs::read_to_string(&path).unwrap();
    let (edited, line) = match (&case.find, &case.append) {
        (Some(find), None) => {
            let line_text = match &case.line_from {
                Some(other) => std::fs::read_to_string(root().join(other)).unwrap(),
                None => text.clone(),
            };
            (
                text.replacen(find, case.replace.as_deref().unwrap_or(""), 1),
                line_of(&line_text, find),
            )
        }
        (None, Some(append)) => (
            format!("{text}{append}"),
            text.matches('\n').count() as i64 + 1,
        ),
        _ => panic!("{}: give either find or append", case.name),
    };
    std::fs::write(&path, edited).unwrap();
    let file = case.line_from.as_deref().unwrap_or(&case.file);
    let expect = case
        .expect
        .replace("{file}", file)
        .replace("{line}", &(line + case.line_offset).to_string());
    let problems = match load_content(&dir.path().join("dialogs"), &dir.path().join("locales")) {
        Ok(_) => return Err(format!("{}: loaded without errors", case.name)),
        Err(p) => p,
    };
    let prefix = format!("{}/", dir.path().display());
    let lines: Vec<String> = problems
        .0
        .iter()
        .map(|p| p.to_string().replace(&prefix, ""))
        .collect();
    let found = lines.iter().any(|l| l.starts_with(&expect));
    if found && (!case.alone || lines.len() == 1) {
        Ok(())
    } else {
        Err(format!(
            "{}: expected `{expect}`, got:\n  {}",
            case.name,
            lines.join("\n  ")
        ))
    }
}

/// An editor who made a mistake in every file sees them all in one run, each once, at its line:
/// a misspelt key, values of the wrong type, a step that leads nowhere and a message missing
/// from one locale, with nothing reported again where a broken entry is named.
#[test]
fn mistakes_in_every_file_are_reported_together_each_once() {
    let dir = shipped_copy();
    // Each edit: the file, the start of the line it replaces, the line written instead.
    let edits = [
        (
            "dialogs/flow.toml",
            "text = \"node-start\"",
            "txt = \"node-start\"",
        ),
        (
            "dialogs/flow.toml",
            "  { label = \"opt-legal-everyday\"",
            "  { label = \"opt-legal-everyday\", goto = \"legal_every_day\" },",
        ),
        (
            "dialogs/services.toml",
            "address = \"ul. Radziwi",
            "adress = \"ul. Radziwiłłowska 8b, Kraków\"",
        ),
        ("dialogs/services.toml", "hours = \"24/7\"", "hours = 24"),
        (
            "dialogs/triage.toml",
            "button = ",
            "buton = \"crisis-go-violence\"",
        ),
        (
            "dialogs/booking.toml",
            "slot_minutes = ",
            "slot_minutes = \"half an hour\"",
        ),
        (
            "locales/pl/core.ftl",
            "stale-button = ",
            "# stale-button: to be translated",
        ),
    ];
    let mut expect = Vec::new();
    for (file, start, instead) in edits {
        let path = dir.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let at = text
            .find(start)
            .unwrap_or_else(|| panic!("`{start}` in {file}"));
        let end = text[at..].find('\n').map_or(text.len(), |n| at + n);
        std::fs::write(&path, format!("{}{instead}{}", &text[..at], &text[end..])).unwrap();
        expect.push(match file {
            "locales/pl/core.ftl" => format!(
                "locales/en/core.ftl:{}",
                line_in("locales/en/core.ftl", start)
            ),
            _ => format!("{file}:{}", line_of(&text, start)),
        });
    }
    let problems =
        load_content(&dir.path().join("dialogs"), &dir.path().join("locales")).expect_err("errors");
    let prefix = format!("{}/", dir.path().display());
    let shown: Vec<String> = problems
        .0
        .iter()
        .map(|p| p.to_string().replace(&prefix, ""))
        .collect();
    for place in &expect {
        assert_eq!(
            shown
                .iter()
                .filter(|l| l.starts_with(&format!("{place}:")))
                .count(),
            1,
            "{place} once in:\n{}",
            shown.join("\n")
        );
    }
    assert_eq!(
        shown.len(),
        expect.len(),
        "nothing else:\n{}",
        shown.join("\n")
    );
    assert!(
        shown
            .iter()
            .any(|l| l.contains("message `stale-button` is missing in locale pl"))
    );
}

/// The texts that name the emergency number and the crisis line take them from the first two
/// crisis services: one without a phone is refused, not rendered as a blank.
#[test]
fn the_crisis_line_needs_a_phone() {
    let dir = shipped_copy();
    let path = dir.path().join("dialogs/services.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let phone = "phones = [{ number = \"+48 12 421 92 82\", note = \"phone-note-24h\" }]\n";
    assert!(text.contains(phone));
    std::fs::write(&path, text.replacen(phone, "", 1)).unwrap();
    let problems = load_content(&dir.path().join("dialogs"), &dir.path().join("locales"))
        .expect_err("refused");
    let line = line_in("dialogs/triage.toml", "crisis_services =");
    let expect = format!(
        "{}/dialogs/triage.toml:{line}: the first two crisis_services need a phone each",
        dir.path().display()
    );
    assert!(
        problems
            .0
            .iter()
            .any(|p| p.to_string().starts_with(&expect)),
        "{problems}"
    );
}

fn line_in(file: &str, needle: &str) -> usize {
    line_of(&std::fs::read_to_string(root().join(file)).unwrap(), needle) as usize
}

/// "Every last weekend of the month" (the Migrant Info Point): over 24 months, the weekend days
/// it opens are a month's last Saturday and the Sunday right after it, never two weekends.
#[test]
fn the_last_weekend_of_each_month_is_one_saturday_and_the_sunday_after_it() {
    use chrono::{Datelike, NaiveDate, Weekday};
    let content = shipped();
    let hours = content
        .services
        .get("migrant-info-point")
        .and_then(|s| s.hours.clone())
        .expect("the Migrant Info Point has hours");
    let mut day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let end = NaiveDate::from_ymd_opt(2028, 12, 1).unwrap();
    let mut open_weekend_days = Vec::new();
    while day < end {
        let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        if weekend && hours.is_open(day.and_hms_opt(10, 0, 0).unwrap()) {
            open_weekend_days.push(day);
        }
        day = day.succ_opt().unwrap();
    }
    assert_eq!(open_weekend_days.len(), 48, "{open_weekend_days:?}");
    for pair in open_weekend_days.chunks(2) {
        let (saturday, sunday) = (pair[0], pair[1]);
        assert_eq!(saturday.weekday(), Weekday::Sat, "{pair:?}");
        assert_eq!(sunday, saturday.succ_opt().unwrap(), "{pair:?}");
        let next_saturday = saturday + chrono::TimeDelta::days(7);
        assert_ne!(
            next_saturday.month(),
            saturday.month(),
            "the last Saturday: {pair:?}"
        );
    }
}

#[test]
fn a_byte_order_mark_at_the_start_of_a_file_is_accepted() {
    let dir = shipped_copy();
    for file in ["locales/pl/core.ftl", "dialogs/services.toml"] {
        let path = dir.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("\u{feff}{text}")).unwrap();
    }
    let loaded = load_content(&dir.path().join("dialogs"), &dir.path().join("locales"));
    assert!(loaded.is_ok(), "{}", loaded.err().unwrap());
}

/// A message nothing uses is one warning naming its line in every language that has it, to
/// delete it there; it is not asked for in the languages that lack it, and it does not stop a
/// text prepared ahead of its step.
#[test]
fn a_message_nothing_uses_is_one_warning_naming_every_language() {
    let dir = shipped_copy();
    for lang in ["en", "pl"] {
        let path = dir.path().join(format!("locales/{lang}/core.ftl"));
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("{text}never-used = Nobody says this.\n")).unwrap();
    }
    let content = load_content(&dir.path().join("dialogs"), &dir.path().join("locales"))
        .expect("a warning, not an error");
    let prefix = format!("{}/", dir.path().display());
    let warned: Vec<String> = content
        .warnings
        .0
        .iter()
        .map(|p| p.to_string().replace(&prefix, ""))
        .collect();
    assert_eq!(warned.len(), 1, "{warned:?}");
    let lines = |lang: &str| {
        std::fs::read_to_string(dir.path().join(format!("locales/{lang}/core.ftl")))
            .unwrap()
            .lines()
            .count()
    };
    assert_eq!(
        warned[0],
        format!(
            "locales/pl/core.ftl:{}: warning: message `never-used` is not used by any step, service or the program: delete it from locales/pl/core.ftl:{}, locales/en/core.ftl:{} (or give it a use)",
            lines("pl"),
            lines("pl"),
            lines("en")
        )
    );
}

/// A button label phones would cut, or a text of many screens, is a warning in the language
/// it is in; the content still loads.
#[test]
fn a_long_button_label_is_a_warning() {
    let edited = Edited::of("locales/uk/flow.ftl");
    let label = "opt-work = 💼 Робота, вакансії, резюме, допомога з пошуком роботи та перекладом документів";
    let text = edited
        .text
        .lines()
        .map(|l| {
            if l.starts_with("opt-work = ") {
                label
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let content = edited.load(text + "\n").expect("a warning, not an error");
    let warned = content.warnings.to_string();
    assert!(
        warned.contains("warning: button `opt-work` (uk) is 78 characters: phones cut a button's label at about 48"),
        "{warned}"
    );
}

#[test]
fn broken_fixtures_are_reported_at_file_and_line() {
    let text = std::fs::read_to_string(root().join("tests/fixtures/broken.toml")).unwrap();
    let broken: Broken = toml::from_str(&text).unwrap();
    let failures: Vec<String> = broken
        .case
        .iter()
        .filter_map(|c| run_broken(c).err())
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let names: HashSet<&str> = broken.case.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names.len(), broken.case.len(), "case names are unique");
}

/// Element swallows `/help` and asks about any other `/word`, so the help and the privacy
/// texts name each command's words too: every word they quote in front of a command is one
/// the bot takes as that command.
#[test]
fn the_words_the_help_names_for_each_command_are_commands() {
    use krok::core::lang::Lang;
    use krok::core::message::Msg;
    let content = shipped();
    for lang in Lang::ALL {
        let help = content.locales.text(lang, &Msg::new("help"));
        let mut named = 0;
        for line in help.lines() {
            let Some((quoted, command)) = line.trim().split_once(" /") else {
                continue;
            };
            let word: String = quoted
                .chars()
                .filter(|c| !"«»“”„".contains(*c))
                .collect::<String>()
                .rsplit_once(' ')
                .map_or(String::new(), |(w, _)| w.to_owned());
            if word.is_empty() {
                continue;
            }
            let slash = command.split(':').next().unwrap();
            let meant = if slash == "start" { "restart" } else { slash };
            let by_word = content.triage.command(&word);
            assert_eq!(
                by_word.map(|c| format!("{c:?}").to_lowercase()).as_deref(),
                Some(meant),
                "{lang:?}: «{word}» is not /{command}"
            );
            named += 1;
        }
        assert_eq!(named, 5, "{lang:?}: {help}");
    }
}

/// A closed date on a day without consultations (the weekday or the year mistyped) leaves
/// the holiday meant bookable: warned of, with the nearest consultation day; so is a date
/// given twice.
#[test]
fn a_closed_date_that_closes_nothing_is_warned_of() {
    let edited = Edited::of("dialogs/booking.toml");
    let text = edited.text.replace(
        "closed = [2026-12-24, 2027-05-27, 2027-11-11]",
        "closed = [2026-12-24, 2027-01-06, 2027-11-11, 2027-11-11]",
    );
    assert_ne!(
        text, edited.text,
        "the closed dates are where the test expects"
    );
    let loaded = edited.load(text).expect("warnings only");
    let warnings = loaded.warnings.to_string();
    for expected in [
        "warning: 2027-01-06 (Wed) is not a day `legal` gives consultations, so closing it changes nothing; did you mean 2027-01-07?",
        "warning: 2027-11-11 is among the closed dates twice",
    ] {
        assert!(warnings.contains(expected), "{expected}\n{warnings}");
    }
}

/// A content file that cannot be read is the one line said: what the rest lacks without it
/// (its messages in that language) would bury it among dozens of follow-on lines.
#[test]
fn a_file_that_cannot_be_read_is_said_alone() {
    let dir = shipped_copy();
    let flow = dir.path().join("locales/uk/flow.ftl");
    std::fs::remove_file(&flow).unwrap();
    // A folder where the file was: unreadable as a file even for root, as tests run.
    std::fs::create_dir(&flow).unwrap();
    let Err(problems) = load_content(&dir.path().join("dialogs"), &dir.path().join("locales"))
    else {
        panic!("refused");
    };
    assert_eq!(problems.0.len(), 1, "{problems}");
    assert!(
        problems.0[0].file.ends_with("uk/flow.ftl")
            && problems.0[0].message.starts_with("cannot read file"),
        "{problems}"
    );
}
