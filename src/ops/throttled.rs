//! A log line that cannot flood the operator's logs: written at most once per period, with how
//! many times it happened since the last line (an attacker's 3 000 bad webhook requests make a
//! handful of lines, not 3 000).

use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct Throttled {
    period: Duration,
    /// When the last line was written, and how many times it happened since.
    state: Mutex<(Option<Instant>, u64)>,
}

impl Throttled {
    pub const fn new(period: Duration) -> Throttled {
        Throttled {
            period,
            state: Mutex::new((None, 0)),
        }
    }

    /// Counts one occurrence at `now`; `Some(n)` when a line is due, `n` occurrences in it.
    pub fn hit(&self, now: Instant) -> Option<u64> {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        state.1 += 1;
        let due = state
            .0
            .is_none_or(|last| now.duration_since(last) >= self.period);
        if !due {
            return None;
        }
        let count = state.1;
        *state = (Some(now), 0);
        Some(count)
    }
}

/// Logs a store fault at ERROR, each kind at most once a minute with how many times it
/// happened: with the disk full, every message would otherwise write a few lines (a flood of
/// messages fills the journal while the operator is busy freeing space; `/healthz` says the
/// store is down meanwhile).
#[macro_export]
macro_rules! store_fault {
    ($error:expr, $what:literal) => {{
        static GATE: $crate::ops::throttled::Throttled =
            $crate::ops::throttled::Throttled::new(std::time::Duration::from_secs(60));
        if let Some(times) = GATE.hit(std::time::Instant::now()) {
            tracing::error!(error = %$error, times, $what);
        }
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_thousand_hits_in_a_second_make_one_line_then_one_per_period() {
        let gate = Throttled::new(Duration::from_secs(10));
        let start = Instant::now();
        let lines: Vec<u64> = (0..3000)
            .filter_map(|i| gate.hit(start + Duration::from_micros(i * 300)))
            .collect();
        assert_eq!(lines, vec![1]);
        assert_eq!(gate.hit(start + Duration::from_secs(11)), Some(3000));
    }
}
