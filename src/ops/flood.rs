//! A flood of bookings: more consultations booked within an hour than people book in a week,
//! as when a few accounts take every free time so that real people find none. Krok cannot
//! tell a real booking from a false one, so it tells the people who can: `/healthz` says so
//! (`bookings: warning: …`) and the log warns, until an hour passes with fewer.

use std::collections::VecDeque;

use chrono::{DateTime, TimeDelta, Utc};
use parking_lot::Mutex;

use super::health::Health;

/// Bookings within an hour above which someone should look (the city's duty has about a
/// dozen times a week).
pub const PER_HOUR: usize = 8;

/// The warning's name in `/healthz`.
const NAME: &str = "bookings";

#[derive(Default)]
pub struct BookingFlood {
    /// When each booking of the last hour was made, oldest first.
    times: Mutex<VecDeque<DateTime<Utc>>>,
}

impl BookingFlood {
    /// A booking confirmed at `at`.
    pub fn booked(&self, at: DateTime<Utc>, health: &Health) {
        let mut times = self.times.lock();
        times.push_back(at);
        let count = Self::within_hour(&mut times, at);
        if count > PER_HOUR {
            if count == PER_HOUR + 1 {
                tracing::warn!(count, "more consultations booked within an hour than usual");
            }
            health.warn(
                NAME,
                format!(
                    "{count} consultations booked within the hour before {} UTC, more than the {PER_HOUR} people book: look at them on the desk or with `krok bookings` (many with chat only and short names, made minutes apart, may be one person taking every time) and cancel the false ones",
                    at.format("%H:%M")
                ),
            );
        }
    }

    /// Clears the warning once the last hour holds no more than usual.
    pub fn check(&self, now: DateTime<Utc>, health: &Health) {
        let mut times = self.times.lock();
        if Self::within_hour(&mut times, now) <= PER_HOUR {
            health.clear_warning(NAME);
        }
    }

    fn within_hour(times: &mut VecDeque<DateTime<Utc>>, now: DateTime<Utc>) -> usize {
        while times
            .front()
            .is_some_and(|t| now - *t > TimeDelta::hours(1))
        {
            times.pop_front();
        }
        times.len()
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn many_bookings_within_an_hour_are_told_until_the_hour_is_quiet() {
        let (flood, health) = (BookingFlood::default(), Health::new());
        let at =
            |m: i64| Utc.with_ymd_and_hms(2026, 12, 1, 10, 0, 0).unwrap() + TimeDelta::minutes(m);
        for minute in 0..PER_HOUR as i64 {
            flood.booked(at(minute * 5), &health);
        }
        assert!(
            !health.report().1.contains("bookings"),
            "a busy hour is not a flood"
        );
        flood.booked(at(45), &health);
        assert!(
            health
                .report()
                .1
                .contains("bookings: warning: 9 consultations")
        );
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
}
