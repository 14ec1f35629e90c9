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
    /// Counts a message dropped; the warning to give. `at` is the wall clock's time of day,
    /// so the warning says how old it is when nothing has been sent since.
    pub(super) fn refused(&mut self, now: Instant, at: &str, error: &str) -> String {
        self.forget_before(now);
        self.times.push_back(now);
        self.last = shown(error);
        format!(
            "{} message(s) dropped within the last hour, refused by the platform or failing for a day (the last at {at}: {})",
            self.times.len(),
            self.last
        )
    }

    /// Forgets refusals older than an hour; true when that leaves none of those there were
    /// (the moment the warning goes), so a send with none to forget does no more.
    pub(super) fn just_emptied(&mut self, now: Instant) -> bool {
        !self.times.is_empty() && self.forget_before(now)
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

/// A platform's error as `/healthz` and the log may show it: a Matrix user, room or event id,
/// or a Telegram chat id, in it is nobody's business there, nor what follows the description
/// (a proxy or a local Bot API server may quote the message: "…in chat 42 (user 42): <text>").
pub(super) fn shown(error: &str) -> String {
    static IDS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"[@!$#][^\s:]+(:[^\s,;)]+)?|-?\b\d{4,}\b").expect("a valid pattern")
    });
    // teloxide quotes a description it does not know: `Unknown error: "Bad Request: chat 42
    // not found"` is the description inside the quotes.
    let error = error
        .strip_prefix("Unknown error: \"")
        .and_then(|e| e.strip_suffix('"'))
        .unwrap_or(error);
    let described: Vec<&str> = error.splitn(3, ": ").take(2).collect();
    IDS.replace_all(&described.join(": "), "<id>").into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_description_teloxide_quotes_is_shown_whole_without_its_ids() {
        assert_eq!(
            shown("Unknown error: \"Bad Request: chat 888003 not found\""),
            "Bad Request: chat <id> not found"
        );
    }

    #[test]
    fn refusals_are_counted_for_an_hour() {
        let mut refusals = Refusals::default();
        let start = Instant::now();
        assert!(refusals.forget_before(start));
        let said = refusals.refused(start, "10:00 UTC", "Bad Request: can't parse entities");
        assert!(said.starts_with("1 message(s) dropped"), "{said}");
        let said = refusals.refused(
            start + Duration::from_secs(60),
            "10:01 UTC",
            "M_FORBIDDEN: @olena:example.org is not in !AbC:example.org; chat -1001234567",
        );
        assert!(
            said.starts_with("2 message(s)")
                && said.ends_with(
                    "(the last at 10:01 UTC: M_FORBIDDEN: <id> is not in <id>; chat <id>)"
                ),
            "{said}"
        );
        let said = refusals.refused(
            start + Duration::from_secs(90),
            "10:01 UTC",
            "Bad Request: can't parse entities in chat 4040 (user 4040): Olena, +48 600 100 200",
        );
        assert!(
            said.ends_with("(the last at 10:01 UTC: Bad Request: can't parse entities in chat <id> (user <id>))"),
            "{said}"
        );
        assert!(!refusals.forget_before(start + Duration::from_secs(3601)));
        assert!(refusals.forget_before(start + Duration::from_secs(3691)));
    }
}
