//! A consultation time named in a sentence, as people write on a phone without buttons ("на
//! 17:00 можна?", "3 грудня о 16", "o 16:30 proszę", "at 5:30pm"): the hour and minute, and the
//! day of the month when a month's name or number is beside it; or a day alone ("17 грудня",
//! "у четвер"). Pure: the engine matches it against the times it offered.

use std::sync::LazyLock;

use chrono::{DateTime, Datelike, Timelike, Utc, Weekday};
use chrono_tz::Europe::Warsaw;
use regex::Regex;

/// What a sentence says of a time: the day of the month or of the week (if any), and the hour
/// and minute (none when only a day was named: "17 грудня", "у четвер").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SaidTime {
    pub day: Option<u32>,
    pub weekday: Option<Weekday>,
    pub clock: Option<(u32, u32)>,
}

impl SaidTime {
    /// Whether a slot starting at `start` (unix seconds) is this time in Kraków: its hour and
    /// minute, its day of the month and of the week, each when said.
    pub fn fits(&self, start: i64) -> bool {
        let local = DateTime::<Utc>::from_timestamp(start, 0)
            .unwrap_or_default()
            .with_timezone(&Warsaw);
        self.clock
            .is_none_or(|c| c == (local.hour(), local.minute()))
            && self.day.is_none_or(|d| d == local.day())
            && self.weekday.is_none_or(|w| w == local.weekday())
    }

    /// The time as the slot buttons write it ("16:00"); empty for a day alone.
    pub fn clock(&self) -> String {
        self.clock
            .map(|(h, m)| format!("{h:02}:{m:02}"))
            .unwrap_or_default()
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
    let clock = times.next()?;
    if times.any(|other| other != clock) {
        return None;
    }
    Some(SaidTime {
        day: day_of(&text),
        weekday: None,
        clock: Some(clock),
    })
}

/// A day named without a time ("17 грудня", "3.12", "у четвер", "czwartek", "on Friday"): the
/// day of the month, or else of the week; `None` when a time is named too (see `said_time`),
/// or two days of the week are.
pub fn said_day(text: &str) -> Option<SaidTime> {
    let text = text.to_lowercase();
    if TIME.is_match(&text) {
        return None;
    }
    let day = day_of(&text);
    let mut days = WEEKDAY
        .find_iter(&text)
        .filter_map(|m| weekday_of(m.as_str()));
    let weekday = match (day, days.next()) {
        (Some(_), _) | (None, None) => None,
        (None, Some(first)) => Some(first).filter(|f| days.all(|other| other == *f)),
    };
    if day.is_none() && weekday.is_none() {
        return None;
    }
    Some(SaidTime {
        day,
        weekday,
        clock: None,
    })
}

/// The day of the month `text` names with its month.
fn day_of(text: &str) -> Option<u32> {
    DAY.captures(text).and_then(|c| {
        c.name("d")
            .or(c.name("d2"))
            .and_then(|m| m.as_str().parse().ok())
    })
}

/// The names of the days of the week in four languages, in any case ending ("у четвер",
/// "в пятницу", "w czwartek", "on Thursday"); "серед" alone is "among", so only its forms.
static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)\b(?:
          понеділ\w* | вівтор\w* | серед[ауі] | четвер\w* | п.?ятниц\w* | субот\w* | неділ\w*
        | понедельн\w* | вторник\w* | сред[ауы] | четверг\w* | пятниц\w* | суббот\w* | воскресен\w*
        | poniedzia\w* | wtor\w* | środ\w* | srod[aeyz]\w* | czwart\w* | piąt\w* | piatek | piatk\w*
        | sobot\w* | niedziel\w*
        | monday | tuesday | wednesday | thursday | friday | saturday | sunday
        )\b",
    )
    .expect("a valid pattern")
});

/// The day of the week one `WEEKDAY` match names.
fn weekday_of(word: &str) -> Option<Weekday> {
    const STEMS: [(&str, Weekday); 27] = [
        ("понед", Weekday::Mon),
        ("вівт", Weekday::Tue),
        ("вторн", Weekday::Tue),
        ("серед", Weekday::Wed),
        ("сред", Weekday::Wed),
        ("четв", Weekday::Thu),
        ("п", Weekday::Fri),
        ("суб", Weekday::Sat),
        ("неді", Weekday::Sun),
        ("воскр", Weekday::Sun),
        ("ponie", Weekday::Mon),
        ("wtor", Weekday::Tue),
        ("śr", Weekday::Wed),
        ("sr", Weekday::Wed),
        ("czw", Weekday::Thu),
        ("pi", Weekday::Fri),
        ("sob", Weekday::Sat),
        ("niedz", Weekday::Sun),
        ("mon", Weekday::Mon),
        ("tue", Weekday::Tue),
        ("wed", Weekday::Wed),
        ("thu", Weekday::Thu),
        ("fri", Weekday::Fri),
        ("sat", Weekday::Sat),
        ("sun", Weekday::Sun),
        ("пятн", Weekday::Fri),
        ("п'ят", Weekday::Fri),
    ];
    STEMS
        .iter()
        .find(|(stem, _)| word.starts_with(stem))
        .map(|(_, day)| *day)
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
        Some(SaidTime {
            day,
            weekday: None,
            clock: Some((hour, minute)),
        })
    }

    fn day(day: Option<u32>, weekday: Option<Weekday>) -> Option<SaidTime> {
        Some(SaidTime {
            day,
            weekday,
            clock: None,
        })
    }

    #[test]
    fn a_day_alone_is_read_by_its_date_or_its_name_in_every_language() {
        assert_eq!(said_day("17 грудня"), day(Some(17), None));
        assert_eq!(said_day("а 17 декабря можно?"), day(Some(17), None));
        assert_eq!(
            said_day("17.12"),
            None,
            "a time as well: said_time reads it"
        );
        assert_eq!(said_day("3/12 proszę"), day(Some(3), None));
        assert_eq!(said_day("у четвер"), day(None, Some(Weekday::Thu)));
        assert_eq!(said_day("в четверг"), day(None, Some(Weekday::Thu)));
        assert_eq!(said_day("w czwartek"), day(None, Some(Weekday::Thu)));
        assert_eq!(
            said_day("On Thursday please"),
            day(None, Some(Weekday::Thu))
        );
        assert_eq!(said_day("у п'ятницю"), day(None, Some(Weekday::Fri)));
        assert_eq!(said_day("w piątek"), day(None, Some(Weekday::Fri)));
        assert_eq!(said_day("в пятницу"), day(None, Some(Weekday::Fri)));
        assert_eq!(said_day("czwartek 3 grudnia"), day(Some(3), None));
        assert_eq!(said_day("у четвер о 17"), None, "a time: said_time");
        assert_eq!(said_day("серед цих немає зручного"), None);
        assert_eq!(said_day("у четвер або в п'ятницю"), None, "two days");
        assert_eq!(said_day("Олена"), None);
        assert_eq!(said_day("2"), None);
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
