//! Messages the platform refused within the last hour, for `/healthz`: a refusal drops the
//! message (sending it again would be refused again), so without a warning a storm of them —
//! a content edit Telegram cannot take, crisis answers among them — would be silent but for
//! a counter.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(3600);

#[derive(Default)]
pub(super) struct Refusals {
    times: VecDeque<Instant>,
    last: String,
}

impl Refusals {
    /// Counts a refusal; the warning to give.
    pub(super) fn refused(&mut self, now: Instant, error: &str) -> String {
        self.forget_before(now);
        self.times.push_back(now);
        self.last = error.to_owned();
        format!(
            "{} message(s) refused by the platform and dropped within the last hour (the last: {})",
            self.times.len(),
            self.last
        )
    }

    /// Forgets refusals older than an hour; true once none is left.
    pub(super) fn forget_before(&mut self, now: Instant) -> bool {
        while self
            .times
            .front()
            .is_some_and(|t| now.duration_since(*t) > WINDOW)
        {
            self.times.pop_front();
        }
        self.times.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_counted_for_an_hour() {
        let mut refusals = Refusals::default();
        let start = Instant::now();
        assert!(refusals.forget_before(start));
        let said = refusals.refused(start, "Bad Request: can't parse entities");
        assert!(said.starts_with("1 message(s) refused"), "{said}");
        let said = refusals.refused(start + Duration::from_secs(60), "Bad Request: x");
        assert!(said.starts_with("2 message(s)") && said.ends_with("(the last: Bad Request: x)"));
        assert!(!refusals.forget_before(start + Duration::from_secs(3601)));
        assert!(refusals.forget_before(start + Duration::from_secs(3661)));
    }
}
