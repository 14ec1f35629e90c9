//! A consultation time named in a sentence, as people write on a phone without buttons ("на
//! 17:00 можна?", "3 грудня о 16", "o 16:30 proszę", "at 5:30pm"): the hour and minute, and the
//! day of the month when a month's name or number is beside it. Pure: the engine matches it
//! against the times it offered.

use std::sync::LazyLock;

use chrono::{DateTime, Datelike, Timelike, Utc};
use chrono_tz::Europe::Warsaw;
use regex::Regex;

/// What a sentence says of a time: the day of the month (if any), hour and minute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SaidTime {
    pub day: Option<u32>,
    pub hour: u32,
    pub minute: u32,
}

impl SaidTime {
    /// Whether a slot starting at `start` (unix seconds) is this time in Kraków: its hour and
    /// minute, and its day of the month when one was said.
    pub fn fits(&self, start: i64) -> bool {
        let local = DateTime::<Utc>::from_timestamp(start, 0)
            .unwrap_or_default()
            .with_timezone(&Warsaw);
        (local.hour(), local.minute()) == (self.hour, self.minute)
            && self.day.is_none_or(|d| d == local.day())
    }

    /// The time as the slot buttons write it ("16:00").
    pub fn clock(&self) -> String {
        format!("{:02}:{:02}", self.hour, self.minute)
    }
}

/// "17:00", "17.30" (not "3.12", a date), and an hour after a word for "at": "о 16", "в 16",
/// "o 16", "at 5", "godz. 17".
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:^|[^\d.:])(?P<h>[01]?\d|2[0-3])[:](?P<m>[0-5]\d)(?:\s*(?P<pm>pm|p\.m\.))?(?:[^\d]|$)
        | (?:^|[^\d.:])(?P<h2>1\d|2[0-3])\.(?P<m2>[0-5]\d)(?:[^\d.]|$)
        | (?:^|\s)(?:о|об|в|у|o|at|godz\.?|godzinie|около|близько)\s+(?P<h3>[01]?\d|2[0-3])(?:\s*(?P<pm3>pm|p\.m\.))?(?P<am>\s*(?:ранку|утра|rano|am|a\.m\.))?(?:[^\d:.]|$)
        ",
    )
    .expect("a valid pattern")
});

/// "3 грудня", "3-го декабря", "3 grudnia", "3rd of December", "3.12", "3/12".
static DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:^|[^\d])(?P<d>[1-9]|[12]\d|3[01])(?:-?(?:го|ого|е|ое|th|st|nd|rd))?(?:\s+of)?\s+
            (?:січ|лют|берез|квіт|трав|черв|лип|серп|верес|жовт|листоп|груд
              |янв|февр|март|апр|ма[яй]|июн|июл|авг|сент|окт|нояб|декаб
              |stycz|lut|marc|kwie|maj|czerw|lip|sierp|wrze|pazdz|październ|listop|grud
              |jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)
        | (?:^|[^\d:])(?P<d2>[1-9]|[12]\d|3[01])[./](?:0?[1-9]|1[0-2])(?:[^\d:]|$)
        ",
    )
    .expect("a valid pattern")
});

/// The time a sentence names, if it names one; none when it names two ("17:00 не підходить,
/// краще 17:30": which one is meant is not for a pattern to guess).
pub fn said_time(text: &str) -> Option<SaidTime> {
    let text = text.to_lowercase();
    let mut times = TIME.captures_iter(&text).filter_map(|c| time_of(&c));
    let (hour, minute) = times.next()?;
    if times.any(|other| other != (hour, minute)) {
        return None;
    }
    let day = DAY.captures(&text).and_then(|c| {
        c.name("d")
            .or(c.name("d2"))
            .and_then(|m| m.as_str().parse().ok())
    });
    Some(SaidTime { day, hour, minute })
}

/// The hour and minute of one match of `TIME`.
fn time_of(found: &regex::Captures) -> Option<(u32, u32)> {
    let number = |name: &str| {
        found
            .name(name)
            .and_then(|m| m.as_str().parse::<u32>().ok())
    };
    let pm = found.name("pm").or(found.name("pm3")).is_some();
    let (hour, minute) = match (number("h"), number("h2"), number("h3")) {
        (Some(h), _, _) => (h, number("m")?),
        (_, Some(h), _) => (h, number("m2")?),
        (_, _, Some(h)) => (h, 0),
        _ => return None,
    };
    // "5:30pm", "at 5" for a consultation in the afternoon: no slot is before 7 in the
    // morning, so a small hour is read as the afternoon's, unless the morning is said.
    let morning = found.name("am").is_some();
    let hour = match (pm || hour < 7) && hour < 12 && !morning {
        true => hour + 12,
        false => hour,
    };
    Some((hour, minute))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(day: Option<u32>, hour: u32, minute: u32) -> Option<SaidTime> {
        Some(SaidTime { day, hour, minute })
    }

    #[test]
    fn a_time_is_read_from_a_sentence_in_every_language() {
        assert_eq!(said_time("на 17:00 можна?"), said(None, 17, 0));
        assert_eq!(said_time("3 грудня о 16"), said(Some(3), 16, 0));
        assert_eq!(said_time("3-го декабря в 16:30"), said(Some(3), 16, 30));
        assert_eq!(
            said_time("czwartek 3 grudnia o 17:30 proszę"),
            said(Some(3), 17, 30)
        );
        assert_eq!(said_time("3.12 o 18"), said(Some(3), 18, 0));
        assert_eq!(said_time("at 5:30pm please"), said(None, 17, 30));
        assert_eq!(said_time("17.30"), said(None, 17, 30));
        assert_eq!(said_time("at 5"), said(None, 17, 0));
        assert_eq!(said_time("5 декабря в 16"), said(Some(5), 16, 0));
        assert_eq!(said_time("можна у 18"), said(None, 18, 0));
    }

    #[test]
    fn a_date_or_a_number_alone_is_no_time() {
        assert_eq!(said_time("3.12"), None);
        assert_eq!(said_time("10 грудня"), None);
        assert_eq!(said_time("2"), None);
        assert_eq!(said_time("+48 600 100 200"), None);
        assert_eq!(said_time("наступного четверга"), None);
        assert_eq!(said_time("на 17 трамваї"), None);
        assert_eq!(said_time("на 4 людей"), None);
        assert_eq!(said_time("о 5 ранку"), said(None, 5, 0));
        assert_eq!(said_time("17:00 не підходить, краще 17:30"), None);
        assert_eq!(said_time("17:30, так, 17:30"), said(None, 17, 30));
    }
}
