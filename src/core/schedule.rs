//! Consultation schedules (`dialogs/booking.toml`) and the slots they give, in Europe/Warsaw.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta, Utc};
use chrono_tz::Europe::Warsaw;
use opening_hours::OpeningHours;
use serde::Deserialize;
use toml::Spanned;

use super::entries::List;
use super::lang::Lang;
use super::problem::{Problem, Problems, Source};
use super::services::{parse_date, parse_hours, valid_id};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BookingFile {
    hold_minutes: Spanned<u32>,
    keep_days: Spanned<u32>,
    #[serde(default)]
    kind: List<KindFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct KindFile {
    id: Spanned<String>,
    service: Spanned<String>,
    schedule: Spanned<String>,
    slot_minutes: Spanned<u32>,
    consultants: Spanned<u32>,
    horizon_days: Spanned<u32>,
    languages: Vec<Spanned<String>>,
    #[serde(default)]
    closed: Vec<Spanned<toml::value::Datetime>>,
}

/// One kind of consultation people can book.
#[derive(Clone, Debug)]
pub struct Kind {
    pub id: String,
    pub service: String,
    pub hours: OpeningHours,
    pub slot_minutes: u32,
    pub consultants: u32,
    pub horizon_days: u32,
    pub languages: Vec<Lang>,
    pub closed: HashSet<NaiveDate>,
    /// The hours of the service that gives the consultations (its office's, and its lines'
    /// own): a time it is closed is not offered ("Dec 24 off" there, a duty moved). `None`:
    /// the service gives no hours.
    pub service_hours: Option<(OpeningHours, Vec<OpeningHours>)>,
    pub file: String,
    pub line: usize,
}

#[derive(Clone, Debug, Default)]
pub struct Schedule {
    pub hold_minutes: u32,
    pub keep_days: u32,
    kinds: Vec<Kind>,
}

impl Schedule {
    pub fn kind(&self, id: &str) -> Option<&Kind> {
        self.kinds.iter().find(|k| k.id == id)
    }

    pub fn kinds(&self) -> &[Kind] {
        &self.kinds
    }

    /// The places (free and booked) of every kind from `now` to the end of its horizon.
    pub fn places(&self, now: DateTime<Utc>) -> usize {
        self.kinds
            .iter()
            .map(|k| k.slots(now).count() * k.consultants as usize)
            .sum()
    }

    /// Gives each kind its service's hours, once both files are read.
    pub fn attach_service_hours(&mut self, services: &super::services::Services) {
        for kind in &mut self.kinds {
            kind.service_hours = services.get(&kind.service).and_then(|s| {
                let lines = s.phones.iter().filter_map(|p| p.hours.clone()).collect();
                Some((s.hours.clone()?, lines))
            });
        }
    }

    pub fn load(src: &Source, services: &HashSet<String>, problems: &mut Problems) -> Schedule {
        let Some(file) = src.parse_toml::<BookingFile>(problems) else {
            return Schedule::default();
        };
        // A hold of 0 minutes lets go of a time before anyone can type a name; 0 days' keeping
        // deletes a booking as its consultation starts (and the consent text would say so).
        for (value, range, what) in [
            (
                &file.hold_minutes,
                2..=60,
                "hold_minutes should be between 2 and 60",
            ),
            (
                &file.keep_days,
                1..=365,
                "keep_days should be between 1 and 365",
            ),
        ] {
            if !range.contains(value.get_ref()) {
                problems.push(Problem::error(
                    &src.path,
                    src.line_of(value.span().start),
                    what,
                ));
            }
        }
        let mut schedule = Schedule {
            hold_minutes: file.hold_minutes.into_inner(),
            keep_days: file.keep_days.into_inner(),
            kinds: Vec::new(),
        };
        for kf in src.entries(file.kind, problems) {
            let line = src.line_of(kf.id.span().start);
            if schedule.kind(kf.id.get_ref()).is_some() {
                problems.push(Problem::error(
                    &src.path,
                    line,
                    format!("duplicate consultation kind `{}`", kf.id.get_ref()),
                ));
                continue;
            }
            if let Some(kind) = check_kind(src, kf, services, problems) {
                schedule.kinds.push(kind);
            }
        }
        schedule
    }
}

fn check_kind(
    src: &Source,
    kf: KindFile,
    services: &HashSet<String>,
    problems: &mut Problems,
) -> Option<Kind> {
    let errors_before = problems.error_count();
    let id = kf.id.get_ref().clone();
    let mut err = |span: std::ops::Range<usize>, msg: String| {
        problems.push(Problem::error(&src.path, src.line_of(span.start), msg))
    };
    if !valid_id(&id) {
        err(
            kf.id.span(),
            format!("kind id `{id}` may use only lowercase letters, digits and -"),
        );
    }
    if !services.contains(kf.service.get_ref()) {
        err(
            kf.service.span(),
            format!(
                "unknown service `{}` (not in services.toml)",
                kf.service.get_ref()
            ),
        );
    }
    if !(5..=240).contains(kf.slot_minutes.get_ref()) {
        err(
            kf.slot_minutes.span(),
            "slot_minutes should be between 5 and 240".into(),
        );
    }
    if !(1..=365).contains(kf.horizon_days.get_ref()) {
        err(
            kf.horizon_days.span(),
            "horizon_days should be between 1 and 365".into(),
        );
    }
    if *kf.consultants.get_ref() == 0 {
        err(
            kf.consultants.span(),
            "consultants must be at least 1".into(),
        );
    }
    let hours = match parse_hours(kf.schedule.get_ref()) {
        Ok(oh) => Some(oh),
        Err(first) => {
            err(
                kf.schedule.span(),
                format!("schedule `{}`: {first}", kf.schedule.get_ref()),
            );
            None
        }
    };
    let mut languages = Vec::new();
    for l in &kf.languages {
        match Lang::from_code(l.get_ref()) {
            Some(lang) => languages.push(lang),
            None => err(
                l.span(),
                format!("unknown language `{}` (use uk, pl, en or ru)", l.get_ref()),
            ),
        }
    }
    let mut closed = HashSet::new();
    let mut warned = Vec::new();
    for d in &kf.closed {
        match parse_date(d.get_ref()) {
            Some(date) => {
                let line = src.line_of(d.span().start);
                if !closed.insert(date) {
                    let said = format!("{date} is among the closed dates twice");
                    warned.push(Problem::warning(&src.path, line, said));
                } else if let Some(oh) = &hours
                    && !opens_on(oh, date)
                {
                    // The holiday meant stays bookable: the year or the day mistyped.
                    let meant = (1..=7)
                        .flat_map(|n| [date - TimeDelta::days(n), date + TimeDelta::days(n)])
                        .find(|d| opens_on(oh, *d));
                    let hint = meant.map_or(String::new(), |m| format!("; did you mean {m}?"));
                    let said = format!(
                        "{date} ({}) is not a day `{id}` gives consultations, so closing it changes nothing{hint}",
                        date.format("%a")
                    );
                    warned.push(Problem::warning(&src.path, line, said));
                }
            }
            None => err(
                d.span(),
                "closed dates are plain dates such as 2026-12-24".into(),
            ),
        }
    }
    for warning in warned {
        problems.push(warning);
    }
    (problems.error_count() == errors_before).then(|| Kind {
        line: src.line_of(kf.id.span().start),
        id,
        service: kf.service.into_inner(),
        hours: hours.expect("checked above"),
        slot_minutes: kf.slot_minutes.into_inner(),
        consultants: kf.consultants.into_inner(),
        horizon_days: kf.horizon_days.into_inner(),
        languages,
        closed,
        service_hours: None,
        file: src.path.clone(),
    })
}

/// Whether `hours` open at all on `date`.
fn opens_on(hours: &OpeningHours, date: NaiveDate) -> bool {
    hours
        .schedule_at(date)
        .into_iter()
        .any(|r| r.kind == opening_hours::RuleKind::Open)
}

impl Kind {
    /// Whether `start` is one of this kind's times (not on a closed date, within its hours).
    pub fn offers(&self, start: DateTime<Utc>) -> bool {
        self.slots(start - TimeDelta::seconds(1)).next() == Some(start)
    }

    /// Every slot start after `now` within the horizon, in order. Times are Warsaw wall-clock
    /// times, so a 16:00 slot stays at 16:00 across a daylight-saving change.
    pub fn slots(&self, now: DateTime<Utc>) -> impl Iterator<Item = DateTime<Utc>> + '_ {
        let local_now = now.with_timezone(&Warsaw).naive_local();
        let end = local_now + TimeDelta::days(self.horizon_days.into());
        let length = TimeDelta::minutes(self.slot_minutes.into());
        self.hours
            .iter_range(
                local_now
                    .date()
                    .and_hms_opt(0, 0, 0)
                    .expect("midnight exists"),
                end,
            )
            .filter(|r| {
                self.hours.is_open(r.range.start) && !self.closed.contains(&r.range.start.date())
            })
            .flat_map(move |r| {
                let count =
                    ((r.range.end - r.range.start).num_minutes() / length.num_minutes()).max(0);
                (0..count).map(move |i| r.range.start + length * i as i32)
            })
            .filter(|start| self.service_covers(*start))
            .filter_map(to_utc)
            .filter(move |start| *start > now)
    }

    /// Whether the service answers through the whole slot starting at `start` (Warsaw time),
    /// by its hours or a line's own.
    pub fn service_covers(&self, start: NaiveDateTime) -> bool {
        let end = start + TimeDelta::minutes(self.slot_minutes.into()) - TimeDelta::minutes(1);
        self.service_open(start) && self.service_open(end)
    }

    fn service_open(&self, at: NaiveDateTime) -> bool {
        self.service_hours
            .as_ref()
            .is_none_or(|(office, lines)| office.is_open(at) || lines.iter().any(|h| h.is_open(at)))
    }
}

/// The calendar day in Kraków at `now`.
pub fn krakow_date(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&Warsaw).date_naive()
}

/// A Unix time on Kraków's clock, in a `chrono` format ("%Y-%m-%d %H:%M").
pub fn krakow_time(unix: i64, format: &str) -> String {
    DateTime::<Utc>::from_timestamp(unix, 0)
        .unwrap_or_default()
        .with_timezone(&Warsaw)
        .format(format)
        .to_string()
}

/// A Warsaw wall-clock time as an instant; a time skipped by the spring change has none.
pub fn to_utc(local: NaiveDateTime) -> Option<DateTime<Utc>> {
    local
        .and_local_timezone(Warsaw)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(schedule: &str, closed: &[NaiveDate]) -> Kind {
        Kind {
            id: "legal".into(),
            service: "x".into(),
            hours: schedule.parse().unwrap(),
            slot_minutes: 30,
            consultants: 2,
            horizon_days: 14,
            languages: vec![],
            closed: closed.iter().copied().collect(),
            service_hours: None,
            file: String::new(),
            line: 1,
        }
    }

    #[test]
    fn thursday_slots_in_warsaw_time_skipping_closed_days() {
        let now = to_utc(
            NaiveDate::from_ymd_opt(2026, 12, 1)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
        )
        .unwrap();
        let dec3 = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let slots: Vec<_> = kind(
            "Th 16:00-19:00",
            &[NaiveDate::from_ymd_opt(2026, 12, 10).unwrap()],
        )
        .slots(now)
        .collect();
        let local: Vec<String> = slots
            .iter()
            .map(|s| s.with_timezone(&Warsaw).format("%a %d %H:%M").to_string())
            .collect();
        assert_eq!(
            local,
            [
                "Thu 03 16:00",
                "Thu 03 16:30",
                "Thu 03 17:00",
                "Thu 03 17:30",
                "Thu 03 18:00",
                "Thu 03 18:30"
            ]
        );
        assert_eq!(
            slots[0],
            to_utc(dec3.and_hms_opt(16, 0, 0).unwrap()).unwrap()
        );
    }

    #[test]
    fn holds_keeping_and_horizons_that_break_booking_are_refused_at_their_lines() {
        let text = "hold_minutes = 0\nkeep_days = 0\n\n[[kind]]\nid = \"legal\"\nservice = \"x\"\n\
            schedule = \"Th 16:00-19:00\"\nslot_minutes = 30\nconsultants = 2\nhorizon_days = 100000\n\
            languages = [\"uk\"]\n";
        let src = Source::new("booking.toml", text);
        let mut problems = Problems::default();
        let services = HashSet::from(["x".to_owned()]);
        Schedule::load(&src, &services, &mut problems);
        let shown = problems.to_string();
        for expected in [
            "booking.toml:1: hold_minutes should be between 2 and 60",
            "booking.toml:2: keep_days should be between 1 and 365",
            "booking.toml:10: horizon_days should be between 1 and 365",
        ] {
            assert!(shown.contains(expected), "{expected} in {shown}");
        }
    }
}
