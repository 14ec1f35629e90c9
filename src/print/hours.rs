//! Opening hours as a printed weekly schedule in the reader's language: "Mon–Fri 08:00–20:00;
//! Sat 08:00–13:00", "24/7". Days that are not the same every week ("the last Saturday of the
//! month") say so rather than pretend to be weekly; the service's hours note explains them.

use chrono::{Datelike, NaiveDate, TimeDelta};
use opening_hours::{OpeningHours, RuleKind};

use crate::core::content::Content;
use crate::core::i18n::Locales;
use crate::core::lang::Lang;
use crate::core::message::Msg;

/// Weeks looked at: enough for every "last weekday of the month" to appear at least once.
const WEEKS: i64 = 8;
const DAY_KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Open intervals of one day, in minutes from midnight.
type Day = Vec<(u16, u16)>;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Plan {
    /// The same every week (empty: closed).
    Weekly(Day),
    /// Open these hours in some weeks, closed in the others.
    SomeWeeks(Day),
    /// Different hours in different weeks.
    Varies,
}

/// The schedule of the weeks from `today` on; `None` when the hours never open.
pub(crate) fn weekly(
    content: &Content,
    lang: Lang,
    oh: &OpeningHours,
    today: NaiveDate,
) -> Option<String> {
    let monday =
        today + TimeDelta::days((7 - i64::from(today.weekday().num_days_from_monday())) % 7);
    let mut closed = Vec::new();
    let plans: Vec<Plan> = (0..7).map(|d| plan(oh, monday, d, &mut closed)).collect();
    let t = |msg: Msg| content.locales.text(lang, &msg);
    if plans.iter().all(|p| *p == Plan::Weekly(vec![(0, 24 * 60)])) {
        return Some(t(Msg::new("print-hours-247")));
    }
    let parts: Vec<String> = groups(&plans)
        .into_iter()
        .map(|(plan, days)| {
            let days = day_names(content, lang, &days);
            match plan {
                Plan::Weekly(day) => format!("{days} {}", times(&day)),
                Plan::SomeWeeks(day) => t(Msg::new("print-hours-some-weeks")
                    .arg("hours", format!("{days} {}", times(&day)))),
                Plan::Varies => t(Msg::new("print-hours-varies").arg("days", days)),
            }
        })
        .collect();
    if parts.is_empty() {
        return None;
    }
    closed.sort();
    let mut parts = parts;
    if !closed.is_empty() {
        let dates: Vec<String> = closed.iter().map(|d| short_date(lang, *d)).collect();
        parts.push(t(
            Msg::new("print-hours-closed-on").arg("dates", dates.join(", "))
        ));
    }
    Some(parts.join("; "))
}

/// A day of the month as a list of closed days writes it: 24.12, or 24 Dec in English.
fn short_date(lang: Lang, day: NaiveDate) -> String {
    match lang {
        Lang::En => day.format("%-d %b").to_string(),
        _ => day.format("%d.%m").to_string(),
    }
}

/// How `weekday` opens over the weeks from `monday`. A day shut in one or two of them only (a
/// public holiday, a dated closure) keeps its weekly hours, its shut dates added to `closed`:
/// a poster saying "Thu (not every week)" for Christmas Eve would send people away every week.
fn plan(oh: &OpeningHours, monday: NaiveDate, weekday: i64, closed: &mut Vec<NaiveDate>) -> Plan {
    let dates: Vec<NaiveDate> = (0..WEEKS)
        .map(|w| monday + TimeDelta::days(w * 7 + weekday))
        .collect();
    let weeks: Vec<Day> = dates.iter().map(|d| open_intervals(oh, *d)).collect();
    if weeks.iter().all(|w| *w == weeks[0]) {
        return Plan::Weekly(weeks[0].clone());
    }
    let mut open: Vec<Day> = weeks.iter().filter(|w| !w.is_empty()).cloned().collect();
    open.sort();
    open.dedup();
    match open.as_slice() {
        [only] => {
            let shut = dates.iter().zip(&weeks).filter(|(_, w)| w.is_empty());
            let shut: Vec<NaiveDate> = shut.map(|(d, _)| *d).collect();
            if shut.len() <= 2 {
                closed.extend(shut);
                Plan::Weekly(only.clone())
            } else {
                Plan::SomeWeeks(only.clone())
            }
        }
        _ => Plan::Varies,
    }
}

fn open_intervals(oh: &OpeningHours, date: NaiveDate) -> Day {
    oh.schedule_at(date)
        .into_iter()
        .filter(|r| r.kind == RuleKind::Open)
        .map(|r| {
            (
                r.range.start.mins_from_midnight(),
                r.range.end.mins_from_midnight(),
            )
        })
        .collect()
}

/// Weekdays with the same plan together, in the order of their first day; closed days left out.
fn groups(plans: &[Plan]) -> Vec<(Plan, Vec<usize>)> {
    let mut groups: Vec<(Plan, Vec<usize>)> = Vec::new();
    for (day, plan) in plans.iter().enumerate() {
        if *plan == Plan::Weekly(Vec::new()) {
            continue;
        }
        match groups.iter_mut().find(|(p, _)| p == plan) {
            Some((_, days)) => days.push(day),
            None => groups.push((plan.clone(), vec![day])),
        }
    }
    groups
}

/// A weekday's short name ("Thu", "czw."), Monday being 0.
pub(crate) fn weekday(locales: &Locales, lang: Lang, day: usize) -> String {
    locales.text(lang, &Msg::new("print-weekday").arg("day", DAY_KEYS[day]))
}

/// "Mon–Fri", "Sat, Sun", "Mon, Wed, Fri": runs of three or more days as a range.
fn day_names(content: &Content, lang: Lang, days: &[usize]) -> String {
    let name = |d: usize| weekday(&content.locales, lang, d);
    let mut parts = Vec::new();
    let mut i = 0;
    while i < days.len() {
        let mut j = i;
        while j + 1 < days.len() && days[j + 1] == days[j] + 1 {
            j += 1;
        }
        match j - i {
            0 => parts.push(name(days[i])),
            1 => parts.extend([name(days[i]), name(days[j])]),
            _ => parts.push(format!("{}–{}", name(days[i]), name(days[j]))),
        }
        i = j + 1;
    }
    parts.join(", ")
}

fn times(day: &Day) -> String {
    let hm = |m: u16| {
        let h = if m > 24 * 60 { m / 60 - 24 } else { m / 60 };
        format!("{h:02}:{:02}", m % 60)
    };
    let ranges: Vec<String> = day
        .iter()
        .map(|(a, b)| format!("{}–{}", hm(*a), hm(*b)))
        .collect();
    ranges.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_group_and_irregular_days_are_marked() {
        let day = |a: u16, b: u16| vec![(a * 60, b * 60)];
        let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let oh: OpeningHours = "Tu-Fr 09:00-19:00; Sa[-1] 09:00-14:00; Sa[-1] +1 day 09:00-14:00"
            .parse()
            .unwrap();
        let mut closed = Vec::new();
        let plans: Vec<Plan> = (0..7).map(|d| plan(&oh, monday, d, &mut closed)).collect();
        assert!(closed.is_empty());
        assert_eq!(plans[0], Plan::Weekly(Vec::new()));
        assert_eq!(plans[1], Plan::Weekly(day(9, 19)));
        assert_eq!(plans[5], Plan::SomeWeeks(day(9, 14)));
        let g = groups(&plans);
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].1, vec![1, 2, 3, 4]);
        assert_eq!(g[1].1, vec![5, 6]);
        // Christmas Eve and the holidays: the weekdays keep their hours, the dates are listed.
        let oh = crate::core::services::parse_hours("Mo-Fr 08:00-16:00; PH off").unwrap();
        let mut closed = Vec::new();
        let december = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let plans: Vec<Plan> = (0..7)
            .map(|d| plan(&oh, december, d, &mut closed))
            .collect();
        assert!(plans[..5].iter().all(|p| *p == Plan::Weekly(day(8, 16))));
        closed.sort();
        let shown: Vec<String> = closed.iter().map(|d| short_date(Lang::Pl, *d)).collect();
        assert_eq!(shown, ["24.12", "25.12", "01.01", "06.01"]);
        assert_eq!(
            times(&vec![(450, 900), (1380, 1560)]),
            "07:30–15:00, 23:00–02:00"
        );
    }
}
