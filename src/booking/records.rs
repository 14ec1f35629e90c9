//! The bookings port: where booking records live, with the few operations that must be atomic
//! (taking a place in a slot only while it has room, confirming only a valid hold of the same
//! person, cancelling and giving the place back). `SledRecords` and `MemoryRecords` implement
//! it; `tests/it/booking.rs` runs one suite, the 1000-client race included, over both.

use super::{Booking, CancelNote, Cancelled};
use crate::core::booking::Contact;
use crate::core::lang::Lang;
use crate::store::{StoreError, UserKey};

pub trait BookingRecords: Send + Sync {
    fn get(&self, code: &str) -> Result<Option<Booking>, StoreError>;
    /// Every record; one that cannot be read is an error, never skipped.
    fn all(&self) -> Result<Vec<Booking>, StoreError>;
    /// Stores a new held booking if its slot has fewer than `capacity` places taken; `false`
    /// when the slot is full (nothing stored).
    fn hold(&self, booking: &Booking, capacity: u32) -> Result<bool, StoreError>;
    /// Confirms `code` if it is `user`'s hold and still valid at `now` (unix seconds), with the
    /// name, contact and the language the person confirmed in (the one they are called and
    /// reminded in: they may have changed it since the hold); durable before it returns.
    fn confirm(
        &self,
        code: &str,
        user: &UserKey,
        name: &str,
        contact: &Contact,
        lang: Lang,
        now: i64,
    ) -> Result<Option<Booking>, StoreError>;
    /// Deletes `code` (only if it is `owner`'s, when given) and gives its place back; with a
    /// `note`, a confirmed booking is kept as cancelled in the same write; durable.
    fn remove(
        &self,
        code: &str,
        owner: Option<&UserKey>,
        note: Option<&CancelNote>,
    ) -> Result<Option<Booking>, StoreError>;
    /// Every cancelled booking kept; one that cannot be read is an error.
    fn cancelled(&self) -> Result<Vec<Cancelled>, StoreError>;
    /// Deletes the cancelled bookings `which` picks; how many, durable.
    fn drop_cancelled(
        &self,
        which: &(dyn Fn(&Cancelled) -> bool + Sync),
    ) -> Result<usize, StoreError>;
    /// Changes a booking's record in place, atomically, if it still exists (so a change never
    /// brings back a booking cancelled meanwhile); the changed record, durable.
    fn change(
        &self,
        code: &str,
        edit: &(dyn Fn(&mut Booking) + Sync),
    ) -> Result<Option<Booking>, StoreError>;
    /// Codes of holds that ran out before `now` (unix seconds), from the holds index.
    fn expired_holds(&self, now: i64) -> Result<Vec<String>, StoreError>;
    /// Places taken (held or confirmed) in one slot.
    fn taken(&self, kind: &str, start: i64) -> Result<u32, StoreError>;
    fn contains(&self, code: &str) -> Result<bool, StoreError>;
}
