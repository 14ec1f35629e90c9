//! The service directory (`dialogs/services.toml`) and "open now / opens Tuesday 09:00".

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc, Weekday};
use chrono_tz::Europe::Warsaw;
use opening_hours::OpeningHours;
use serde::Deserialize;
use toml::Spanned;

use super::entries::List;
use super::lang::Lang;
use super::problem::{Problem, Problems, Source};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ServicesFile {
    #[serde(default)]
    service: List<ServiceFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ServiceFile {
    id: Spanned<String>,
    #[serde(default)]
    phones: Vec<PhoneFile>,
    address: Option<String>,
    email: Option<String>,
    web: Option<String>,
    #[serde(default)]
    languages: Vec<Spanned<String>>,
    hours: Option<Spanned<String>>,
    hours_note: Option<String>,
    /// Both asked for together when missing (serde would name only the first).
    source: Option<String>,
    verified: Option<Spanned<toml::value::Datetime>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PhoneFile {
    number: Spanned<String>,
    note: Option<String>,
    /// The line's own hours when they differ from the office's (a 24/7 line).
    hours: Option<Spanned<String>>,
    /// Another service this number really belongs to as well (one line for both).
    shared_with: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Phone {
    /// As shown: `+48 12 421 92 82`, or a short public number such as `112`.
    pub number: String,
    /// Fluent message id of a note such as "day and night".
    pub note: Option<String>,
    /// When the line answers, if not with the office's hours.
    pub hours: Option<OpeningHours>,
    /// Another service whose entry gives the same number on purpose (`shared_with`).
    pub shared_with: Option<String>,
    /// Where the number is written in `services.toml`.
    pub line: usize,
}

impl Phone {
    /// `tel:` URI a phone dials with one tap.
    pub fn tel_uri(&self) -> String {
        tel_uri(&self.number)
    }
}

/// The `tel:` URI of a number as written (`+48 12 421 92 82` -> `tel:+48124219282`).
pub fn tel_uri(number: &str) -> String {
    let digits: String = number
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("tel:{digits}")
}

#[derive(Clone, Debug)]
pub struct Service {
    pub id: String,
    pub phones: Vec<Phone>,
    pub address: Option<String>,
    pub email: Option<String>,
    pub web: Option<String>,
    pub languages: Vec<Lang>,
    pub hours: Option<OpeningHours>,
    pub hours_note: Option<String>,
    /// The hours as written (the office's, then each phone's), with their lines: checked
    /// against the source document.
    pub hours_written: Vec<(String, usize)>,
    pub source: String,
    pub verified: NaiveDate,
    pub file: String,
    pub line: usize,
}

/// Whether a service is open, as the person should read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenStatus {
    Always,
    /// Open, closing later the same day at this time.
    OpenUntil(NaiveTime),
    /// Open, closing on a later day.
    Open,
    OpensToday(NaiveTime),
    OpensTomorrow(NaiveTime),
    OpensOn(Weekday, NaiveTime),
    /// No hours known, or no opening within the next weeks.
    Unknown,
}

/// Whether hours say day and night, every day (`24/7`), taken on a plain week in January so a
/// check of the content reads the same any day of the year.
pub fn always(hours: &OpeningHours) -> bool {
    let monday = NaiveDate::from_ymd_opt(2026, 1, 5)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .expect("a valid date");
    status_at(hours, monday) == OpenStatus::Always
}

impl Phone {
    /// Whether this line answers day and night: hours of its own that say so, or none and the
    /// service's do.
    pub fn always(&self, service: Option<&OpeningHours>) -> bool {
        self.hours.as_ref().or(service).is_some_and(always)
    }
}

impl Service {
    /// Whether one of its phone lines with hours of their own answers at `now` (a 24/7 line of
    /// an office that is closed): then the card must not read as "closed".
    pub fn line_open(&self, now: DateTime<Utc>) -> bool {
        let local = now.with_timezone(&Warsaw).naive_local();
        self.phones
            .iter()
            .filter_map(|p| p.hours.as_ref())
            .any(|h| h.is_open(local))
    }

    pub fn status(&self, now: DateTime<Utc>) -> OpenStatus {
        match &self.hours {
            Some(oh) => status_at(oh, now.with_timezone(&Warsaw).naive_local()),
            None => OpenStatus::Unknown,
        }
    }
}

fn status_at(oh: &OpeningHours, local: NaiveDateTime) -> OpenStatus {
    let horizon = local + TimeDelta::days(21);
    if oh.is_open(local) {
        return match oh.next_change(local) {
            None => OpenStatus::Always,
            Some(t) if t >= horizon => OpenStatus::Always,
            Some(t) if t.date() == local.date() => OpenStatus::OpenUntil(t.time()),
            Some(_) => OpenStatus::Open,
        };
    }
    let mut t = local;
    // Closed and unknown spans can alternate; a handful of changes reach any weekly opening.
    for _ in 0..16 {
        match oh.next_change(t) {
            Some(next) if next < horizon => t = next,
            _ => return OpenStatus::Unknown,
        }
        if oh.is_open(t) {
            let days = (t.date() - local.date()).num_days();
            return match days {
                0 => OpenStatus::OpensToday(t.time()),
                1 => OpenStatus::OpensTomorrow(t.time()),
                _ => OpenStatus::OpensOn(t.date().weekday(), t.time()),
            };
        }
    }
    OpenStatus::Unknown
}

#[derive(Clone, Debug, Default)]
pub struct Services {
    by_id: HashMap<String, Service>,
    order: Vec<String>,
}

impl Services {
    pub fn get(&self, id: &str) -> Option<&Service> {
        self.by_id.get(id)
    }

    pub fn ids(&self) -> HashSet<String> {
        self.by_id.keys().cloned().collect()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Service> {
        self.order.iter().map(|id| &self.by_id[id])
    }

    pub fn load(src: &Source, problems: &mut Problems) -> Services {
        let Some(file) = src.parse_toml::<ServicesFile>(problems) else {
            return Services::default();
        };
        let mut services = Services::default();
        for sf in src.entries(file.service, problems) {
            let line = src.line_of(sf.id.span().start);
            if let Some(first) = services.by_id.get(sf.id.get_ref()) {
                let msg = format!(
                    "duplicate service id `{}` (first defined on line {})",
                    first.id, first.line
                );
                problems.push(Problem::error(&src.path, line, msg));
                continue;
            }
            if let Some(service) = check_service(src, sf, problems) {
                services.order.push(service.id.clone());
                services.by_id.insert(service.id.clone(), service);
            }
        }
        services
    }
}

fn check_service(src: &Source, sf: ServiceFile, problems: &mut Problems) -> Option<Service> {
    let id = sf.id.get_ref().clone();
    let line = src.line_of(sf.id.span().start);
    let mut err = |span: std::ops::Range<usize>, msg: String| {
        problems.push(Problem::error(&src.path, src.line_of(span.start), msg));
    };
    if !valid_id(&id) {
        err(
            sf.id.span(),
            format!("service id `{id}` may use only lowercase letters, digits and -"),
        );
    }
    for phone in &sf.phones {
        if !valid_phone(phone.number.get_ref()) {
            err(
                phone.number.span(),
                format!(
                    "phone `{}` of `{id}` should look like `+48 12 421 92 82` (or a short public number such as 112)",
                    phone.number.get_ref()
                ),
            );
        }
    }
    let mut phone_hours = Vec::new();
    for phone in &sf.phones {
        phone_hours.push(
            phone
                .hours
                .as_ref()
                .and_then(|h| match parse_hours(h.get_ref()) {
                    Ok(oh) => Some(oh),
                    Err(first) => {
                        let why = format!("hours `{}` of a phone of `{id}`: {first}", h.get_ref());
                        err(h.span(), why);
                        None
                    }
                }),
        );
    }
    let mut languages = Vec::new();
    for l in &sf.languages {
        match Lang::from_code(l.get_ref()) {
            Some(lang) => languages.push(lang),
            None => err(
                l.span(),
                format!("unknown language `{}` (use uk, pl, en or ru)", l.get_ref()),
            ),
        }
    }
    let hours = sf
        .hours
        .as_ref()
        .and_then(|h| match parse_hours(h.get_ref()) {
            Ok(oh) => Some(oh),
            Err(first) => {
                err(
                    h.span(),
                    format!("hours `{}` of `{id}`: {first}", h.get_ref()),
                );
                None
            }
        });
    let verified = sf.verified.as_ref().and_then(|v| {
        let date = parse_date(v.get_ref());
        if date.is_none() {
            err(
                v.span(),
                format!("verified date of `{id}` should be a date such as 2026-11-21"),
            );
        }
        date
    });
    let missing: Vec<&str> = [
        (
            "source = \"the file in dialogs/sources/ its facts come from\"",
            sf.source.is_none(),
        ),
        (
            "verified = 2026-12-01 (the day a person checked them, year-month-day)",
            sf.verified.is_none(),
        ),
    ]
    .into_iter()
    .filter_map(|(what, absent)| absent.then_some(what))
    .collect();
    if !missing.is_empty() {
        err(
            sf.id.span(),
            format!("service `{id}` needs {}", missing.join(" and ")),
        );
    }
    // A service with a mistake is kept, so the steps that name it do not also fail as
    // "unknown service": the mistake itself is already reported, and content with errors is
    // never used.
    let hours_written = sf
        .hours
        .iter()
        .chain(sf.phones.iter().filter_map(|p| p.hours.as_ref()))
        .map(|h| (h.get_ref().clone(), src.line_of(h.span().start)))
        .collect();
    valid_id(&id).then(|| Service {
        id,
        hours_written,
        phones: sf
            .phones
            .into_iter()
            .zip(phone_hours)
            .map(|(p, hours)| Phone {
                line: src.line_of(p.number.span().start),
                number: p.number.into_inner(),
                note: p.note,
                shared_with: p.shared_with,
                hours,
            })
            .collect(),
        address: sf.address,
        email: sf.email,
        web: sf.web,
        languages,
        hours,
        hours_note: sf.hours_note,
        source: sf.source.unwrap_or_default(),
        verified: verified.unwrap_or_default(),
        file: src.path.clone(),
        line,
    })
}

fn valid_phone(number: &str) -> bool {
    let groups: Vec<&str> = number.split(' ').collect();
    let digits_only = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    match groups.as_slice() {
        [short] => short.len() >= 3 && short.len() <= 6 && digits_only(short),
        [cc, rest @ ..] => {
            cc.strip_prefix('+').is_some_and(digits_only) && rest.iter().all(|g| digits_only(g))
        }
        [] => false,
    }
}

/// A plain TOML date (`2026-12-24`), not a date-time.
pub(crate) fn parse_date(dt: &toml::value::Datetime) -> Option<NaiveDate> {
    match (dt.date, dt.time) {
        (Some(d), None) => NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into()),
        _ => None,
    }
}

/// Ids editors write for services and consultation kinds: lowercase letters, digits and -.
pub(crate) fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Parses OpenStreetMap opening_hours; an error says from where it was not understood (from
/// the parser's multi-line report) and what to write instead, in the editor's words.
pub(crate) fn parse_hours(text: &str) -> Result<OpeningHours, String> {
    // An en or em dash between days or times is what a typist (and the style guide) writes.
    let text = text.replace(['–', '—'], "-");
    // "PH off" is how opening_hours says closed on public holidays: Poland's, from the
    // crate's own calendar (Kraków's services keep Poland's days off, Wigilia included).
    let holidays = opening_hours::Context::default()
        .with_holidays(opening_hours::localization::Country::PL.holidays());
    if let Some(why) = unlikely_hours(&text) {
        return Err(why);
    }
    let parsed = text
        .parse::<OpeningHours>()
        .map(|oh| oh.with_context(holidays));
    parsed.map_err(|e| {
        let report = e.to_string();
        let at = report
            .lines()
            .find_map(|l| l.trim().strip_prefix("--> "))
            .and_then(|pos| pos.split(':').nth(1))
            .map(|column| format!("not understood from character {column}"))
            .unwrap_or_else(|| "not understood".to_owned());
        format!("{at}: {}", hours_hint(&text))
    })
}

/// Hours the format takes but no office keeps: a time past 24:00 (a typo for 15:00 read as
/// "open until 01:00"), or a note in quotes, which no card shows.
fn unlikely_hours(text: &str) -> Option<String> {
    if text.contains('"') {
        return Some(
            "a note in quotes is not shown to anyone: put it in `hours_note` (a message id of services.ftl)"
                .to_owned(),
        );
    }
    let past = text
        .split(|c: char| !(c.is_ascii_digit() || c == ':'))
        .find(|t| {
            t.split_once(':').is_some_and(|(h, m)| {
                let (h, m) = (h.parse::<u32>().unwrap_or(0), m.parse::<u32>().unwrap_or(0));
                h > 24 || (h == 24 && m > 0) || m > 59
            })
        })?;
    Some(format!(
        "`{past}` is no time of day: a day's hours run from 00:00 to 24:00 (a line open over midnight is written `20:00-08:00`)"
    ))
}

/// What to write instead, in the editor's words rather than the grammar's.
fn hours_hint(text: &str) -> &'static str {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let polish = [
        "pn", "pon", "wt", "sr", "śr", "cz", "czw", "pt", "sob", "nd", "niedz",
    ];
    let english = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let spelt_out = |w: &String| w.len() > 2 && english.iter().any(|d| w.starts_with(d));
    if words
        .iter()
        .any(|w| polish.contains(&w.as_str()) || spelt_out(w))
    {
        return "days are two English letters: Mo Tu We Th Fr Sa Su (e.g. `Mo-Fr 08:00-15:00`)";
    }
    let bare_hours = text
        .split([' ', ';', ','])
        .filter_map(|t| t.split_once('-'))
        .any(|(from, to)| {
            [from, to]
                .iter()
                .all(|n| !n.is_empty() && n.len() <= 2 && n.chars().all(|c| c.is_ascii_digit()))
        });
    if bare_hours {
        return "write times with minutes, as 08:00-15:00 (not 8-15)";
    }
    "write hours like `Mo-Fr 08:00-15:00; Sa 10:00-14:00`, `24/7`, or with a closed day `Dec 24 off` (the OpenStreetMap opening_hours format)"
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Warsaw
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn status(hours: &str, now: DateTime<Utc>) -> OpenStatus {
        status_at(
            &parse_hours(hours).unwrap(),
            now.with_timezone(&Warsaw).naive_local(),
        )
    }

    #[test]
    fn public_holidays_are_polands() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        // Christmas Day 2026 is a Friday, Wigilia before it a public holiday since 2025.
        assert_eq!(
            status("Mo-Fr 08:00-16:00; PH off", at(2026, 12, 24, 10, 0)),
            OpenStatus::OpensOn(Weekday::Mon, t(8, 0))
        );
        assert_eq!(
            status("Mo-Fr 08:00-16:00", at(2026, 12, 24, 10, 0)),
            OpenStatus::OpenUntil(t(16, 0))
        );
    }

    #[test]
    fn open_closed_and_next_opening_in_warsaw_time() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        // 2026-11-23 is a Monday.
        let mon_noon = at(2026, 11, 23, 12, 0);
        assert_eq!(status("24/7", mon_noon), OpenStatus::Always);
        assert_eq!(
            status("Mo-Fr 08:00-15:00", mon_noon),
            OpenStatus::OpenUntil(t(15, 0))
        );
        assert_eq!(
            status("Tu-Fr 09:00-19:00", mon_noon),
            OpenStatus::OpensTomorrow(t(9, 0))
        );
        assert_eq!(
            status("Th 16:00-19:00", mon_noon),
            OpenStatus::OpensOn(Weekday::Thu, t(16, 0))
        );
        assert_eq!(
            status("Mo-Fr 16:00-19:00", mon_noon),
            OpenStatus::OpensToday(t(16, 0))
        );
        // Friday evening: next opening is Tuesday.
        assert_eq!(
            status("Tu-Fr 09:00-19:00", at(2026, 11, 27, 20, 0)),
            OpenStatus::OpensOn(Weekday::Tue, t(9, 0))
        );
    }

    #[test]
    fn phone_format() {
        assert!(valid_phone("+48 12 421 92 82"));
        assert!(valid_phone("112"));
        assert!(!valid_phone("12 421 92 82"));
        assert!(!valid_phone("+48 12-421"));
        assert_eq!(
            Phone {
                number: "+48 12 421 92 82".into(),
                note: None,
                shared_with: None,
                hours: None,
                line: 1,
            }
            .tel_uri(),
            "tel:+48124219282"
        );
    }
}
