//! What a turn did that the city may count: no person, chat or text in it, only which step,
//! service or kind of booking (see `stats` for the daily counters and the "<5" rule).

/// One countable thing that happened in a turn.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Event {
    /// A conversation began: a first message, or `/start` (with a caseworker's referral tag).
    Started { tag: Option<String> },
    /// A dialog step was shown.
    Node(String),
    /// A service card was shown.
    Service(String),
    /// A crisis phrase was recognised and the crisis lines shown.
    Crisis,
    /// A consultation of this kind was booked.
    Booked(String),
    /// A consultation of this kind was cancelled, by the person or a caseworker.
    Cancelled(String),
}
