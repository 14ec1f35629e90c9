//! A flood of bookings: more consultations booked within an hour, or within a day, than real
//! demand books for the places there are, or more times held without being booked than people
//! hold, as when a few accounts take every free time so that real people find none (holds
//! need no name and run out after minutes, so one account can keep a day's times held by
//! holding again and again). Krok cannot tell a real booking from a false one, so it tells the
//! people who can: `/healthz` says so (`bookings: warning: …`), the desk's pages show it to the
//! caseworkers, and the log warns, until the window is quiet.

use std::collections::VecDeque;

use chrono::{DateTime, TimeDelta, Utc};
use parking_lot::Mutex;

use super::health::Health;

/// Bookings within a day above which someone should look, for `places` free and booked
/// places in the schedule's horizon: a third of them (16 of the city duty's 48 over four
/// weeks), so that bookings paced under the limit still leave two thirds of the places for
/// the next day, when they are told; at least 12. A drop-in point where caseworkers help
/// people book, or a link posted in a group, books half a dozen an hour for real: a warning
/// then would teach the caseworkers to doubt real people (or to ignore it).
pub fn per_day(places: usize) -> usize {
    (places / 3).max(12)
}

/// Bookings within an hour above which someone should look: three quarters of a day's.
pub fn per_hour(places: usize) -> usize {
    (per_day(places) * 3 / 4).max(8)
}

/// Times held within an hour above which someone should look: a person holds one or two
/// while booking; someone holding again every few minutes from a dozen accounts holds more.
pub const HELD_PER_HOUR: usize = 24;

/// The warning's name in `/healthz`.
const NAME: &str = "bookings";

/// When each event of the last `span` happened, oldest first.
struct Window {
    span: TimeDelta,
    most: usize,
    times: VecDeque<DateTime<Utc>>,
}

impl Window {
    fn new(span: TimeDelta, most: usize) -> Window {
        Window {
            span,
            most,
            times: VecDeque::new(),
        }
    }

    /// How many events the window holds at `now`.
    fn count(&mut self, now: DateTime<Utc>) -> usize {
        while self.times.front().is_some_and(|t| now - *t > self.span) {
            self.times.pop_front();
        }
        self.times.len()
    }

    fn over(&mut self, now: DateTime<Utc>) -> bool {
        self.count(now) > self.most
    }
}

pub struct BookingFlood {
    windows: Mutex<[Window; 3]>,
}

impl Default for BookingFlood {
    fn default() -> BookingFlood {
        BookingFlood {
            windows: Mutex::new([
                Window::new(TimeDelta::hours(1), per_hour(0)),
                Window::new(TimeDelta::hours(24), per_day(0)),
                Window::new(TimeDelta::hours(1), HELD_PER_HOUR),
            ]),
        }
    }
}

impl BookingFlood {
    /// A booking confirmed at `at`, with `places` in the schedule's horizon then (free and
    /// booked: the content may have changed them).
    pub fn booked(&self, at: DateTime<Utc>, places: usize, health: &Health) {
        let mut windows = self.windows.lock();
        windows[0].most = per_hour(places);
        windows[1].most = per_day(places);
        windows[0].times.push_back(at);
        windows[1].times.push_back(at);
        Self::tell(&mut windows, at, health);
    }

    /// A time held (not yet booked) at `at`.
    pub fn held(&self, at: DateTime<Utc>, health: &Health) {
        let mut windows = self.windows.lock();
        windows[2].times.push_back(at);
        Self::tell(&mut windows, at, health);
    }

    /// The warning, while one is given (for the desk's pages).
    pub fn warning(&self, health: &Health) -> Option<String> {
        health.warning(NAME)
    }

    /// Clears the warning once every window holds no more than usual.
    pub fn check(&self, now: DateTime<Utc>, health: &Health) {
        let mut windows = self.windows.lock();
        if !windows.iter_mut().any(|w| w.over(now)) {
            health.clear_warning(NAME);
        }
    }

    fn tell(windows: &mut [Window; 3], at: DateTime<Utc>, health: &Health) {
        let what = [
            "consultations booked within the hour",
            "consultations booked within the day",
            "times held without being booked within the hour",
        ];
        let mut told = Vec::new();
        for (w, what) in windows.iter_mut().zip(what) {
            let count = w.count(at);
            if count > w.most {
                if count == w.most + 1 {
                    tracing::warn!(count, what, "more than usual");
                }
                told.push(format!("{count} {what} (usually at most {})", w.most));
            }
        }
        if told.is_empty() {
            return;
        }
        health.warn(
            NAME,
            format!(
                "{} before {} UTC: look at them on the desk or with `krok bookings` (many with chat only and short names, made minutes apart, or times held again and again, may be one person taking every time); before cancelling one, call or write to the person: a real person's booking is not cancelled on the pattern alone",
                told.join("; "),
                at.format("%H:%M")
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn at(m: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 10, 0, 0).unwrap() + TimeDelta::minutes(m)
    }

    /// The city duty's places over four weeks: 6 times a Thursday, 2 consultants.
    const PLACES: usize = 48;

    #[test]
    fn the_limits_follow_the_places_there_are() {
        assert_eq!((per_day(PLACES), per_hour(PLACES)), (16, 12));
        assert_eq!((per_day(12), per_hour(12)), (12, 9), "never below");
        assert_eq!((per_day(600), per_hour(600)), (200, 150));
    }

    #[test]
    fn many_bookings_within_an_hour_are_told_until_the_hour_is_quiet() {
        let (flood, health) = (BookingFlood::default(), Health::new());
        for minute in 0..per_hour(PLACES) as i64 {
            flood.booked(at(minute * 5), PLACES, &health);
        }
        assert!(
            !health.report().1.contains("bookings"),
            "a busy hour is not a flood"
        );
        flood.booked(at(45), PLACES, &health);
        assert!(
            health
                .report()
                .1
                .contains("bookings: warning: 13 consultations booked within the hour")
        );
        assert!(flood.warning(&health).is_some());
        flood.check(at(50), &health);
        assert!(
            health.report().1.contains("bookings: warning"),
            "still within the hour"
        );
        flood.check(at(110), &health);
        assert!(
            !health.report().1.contains("bookings"),
            "{}",
            health.report().1
        );
    }

    #[test]
    fn bookings_paced_under_the_hours_limit_and_holds_again_and_again_are_told() {
        let (flood, health) = (BookingFlood::default(), Health::new());
        // Four an hour, for a little over four hours.
        for i in 0..=per_day(PLACES) as i64 {
            flood.booked(at(i * 16), PLACES, &health);
        }
        let report = health.report().1;
        assert!(
            report.contains("17 consultations booked within the day")
                && !report.contains("within the hour ("),
            "{report}"
        );
        let (flood, health) = (BookingFlood::default(), Health::new());
        // Twelve accounts holding again every nine minutes.
        for round in 0..3 {
            for _ in 0..12 {
                flood.held(at(round * 9), &health);
            }
        }
        let report = health.report().1;
        assert!(
            report.contains("36 times held without being booked within the hour"),
            "{report}"
        );
        flood.check(at(200), &health);
        assert!(!health.report().1.contains("bookings"));
    }
}
