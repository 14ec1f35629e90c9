//! The turn pipeline's port: what one turn writes all at once (the person's session, every
//! outgoing message for every recipient, the platform's event id, where the person can be
//! reached), and the durable outgoing queue and handled-event ids around it. `SledStore` and
//! `MemoryStore` implement it; `tests/it/store.rs` runs one conformance suite over both.

use std::sync::Arc;

use super::{Platform, SessionStore, StoreError, UserKey};
use crate::booking::Bookings;
use crate::core::session::Session;

/// One queued outgoing message as stored: its platform, its place in the queue and the
/// platform's own encoding of it (opaque here).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub platform: Platform,
    pub seq: u64,
    pub bytes: Vec<u8>,
}

/// Everything one turn writes, all or nothing.
#[derive(Debug)]
pub struct Commit<'a> {
    pub user: &'a UserKey,
    /// The next session; `None` forgets the person (and where to reach them).
    pub session: Option<&'a Session>,
    /// The chat the person wrote from, remembered for notices and reminders.
    pub chat: Option<&'a str>,
    /// The platform's id of the event this turn answered, so a redelivery is skipped.
    pub handled: Option<&'a [u8]>,
    /// Unix seconds, kept with the handled id so old ids can be swept.
    pub at: i64,
    pub queued: &'a [Record],
    /// A booking's reminder marked as sent in the same commit.
    pub booking: Option<BookingUpdate<'a>>,
}

/// A reminder marked as sent on its booking together with the queued reminder, so it goes out
/// exactly once. The mark changes the record as it is then (a booking cancelled meanwhile is
/// not brought back, a desk mark made meanwhile is kept).
#[derive(Debug)]
pub struct BookingUpdate<'a> {
    pub code: &'a str,
    pub reminded: crate::booking::ReminderKind,
}

/// The port the turn pipeline and the outboxes use. Every write that a person is told about
/// is on disk (for a durable implementation) when the call returns.
pub trait TurnStore: SessionStore {
    /// The bookings kept beside the sessions.
    fn bookings(&self) -> Arc<Bookings>;
    /// Whether an event of `user.platform()` with this id was already answered.
    fn handled(&self, platform: Platform, id: &[u8]) -> Result<bool, StoreError>;
    /// The chat where the person last wrote from.
    fn address(&self, user: &UserKey) -> Result<Option<String>, StoreError>;
    /// A new queue position, increasing.
    fn next_seq(&self) -> Result<u64, StoreError>;
    /// Writes one turn, all or nothing, and makes it durable before it returns.
    fn commit(&self, commit: &Commit<'_>) -> Result<(), StoreError> {
        self.commit_all(std::slice::from_ref(commit))
    }
    /// Writes several turns (a platform batch, decided one after another) in one write, all or
    /// nothing, made durable by one flush before it returns.
    fn commit_all(&self, commits: &[Commit<'_>]) -> Result<(), StoreError>;
    /// Queues messages outside a turn, optionally with a booking record in the same write.
    fn enqueue(
        &self,
        records: &[Record],
        booking: Option<BookingUpdate<'_>>,
    ) -> Result<(), StoreError>;
    /// What is queued for `platform`, oldest first.
    fn queued(&self, platform: Platform) -> Result<Vec<(u64, Vec<u8>)>, StoreError>;
    /// Removes a sent (or undeliverable) message from the queue, durably.
    fn dequeue(&self, platform: Platform, seq: u64) -> Result<(), StoreError>;
    /// Where `platform`'s stream of events was read up to (Matrix's sync token), noted once
    /// every event before it was handled; `None` before the first.
    fn position(&self, platform: Platform) -> Result<Option<String>, StoreError>;
    /// Notes the position. It reaches the disk with the next flush: one lost to a crash only
    /// brings events again, and those already answered are skipped (`handled`).
    fn set_position(&self, platform: Platform, position: &str) -> Result<(), StoreError>;
    /// Forgets handled event ids older than `before` (unix seconds); returns how many.
    fn sweep_handled(&self, before: i64) -> Result<usize, StoreError>;
    /// People whose session holds a booking draft with a name or a contact.
    fn drafts(&self) -> Result<Vec<UserKey>, StoreError>;
    /// Notes that personal data was overwritten, so `erase_deleted` has work to do.
    fn mark_erased(&self);
    /// Makes every deletion real on disk: a durable store rewrites itself without the deleted
    /// and overwritten records, so none of their bytes stay in its files. True if it did.
    fn erase_deleted(&self) -> Result<bool, StoreError>;
    /// Whether a deletion is not yet real on disk (`erase_deleted` has work to do).
    fn erasure_pending(&self) -> bool;
}

/// Whether an encoded session may hold a draft's name or phone (cheap, before decoding).
pub(crate) fn may_hold_contact(encoded: &[u8]) -> bool {
    let has = |needle: &[u8]| encoded.windows(needle.len()).any(|w| w == needle);
    has(b"\"name\":\"") || has(b"\"phone\":\"")
}
