//! Bookings in sled: holding, confirming and cancelling are transactions over the records,
//! the places taken per slot and the holds index, so a slot is never double-booked; every
//! change a person is told about is flushed to disk first.

use std::sync::Arc;

use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError, TransactionalTree};

use super::{Disk, StoreError, UserKey};
use crate::booking::{Booking, BookingRecords, CancelNote, Cancelled, State};
use crate::core::booking::Contact;
use crate::core::lang::Lang;

/// The records live in the trees `bookings`, `booking_load` (places taken per slot) and
/// `booking_holds` (codes of unconfirmed holds and when they run out, so sweeping them reads
/// only them) of the store's database.
pub struct SledRecords {
    disk: Arc<Disk>,
}

fn load_key(kind: &str, start: i64) -> Vec<u8> {
    let mut key = kind.as_bytes().to_vec();
    key.push(0);
    key.extend_from_slice(&start.to_be_bytes());
    key
}

fn count(value: Option<sled::IVec>) -> u32 {
    value
        .and_then(|v| v.as_ref().try_into().ok())
        .map_or(0, u32::from_be_bytes)
}

fn storage(e: TransactionError<()>) -> StoreError {
    match e {
        TransactionError::Storage(e) => StoreError::from(e),
        TransactionError::Abort(()) => {
            StoreError::Corrupt("a booking record cannot be read".into())
        }
    }
}

fn decode(value: &[u8]) -> Result<Booking, ConflictableTransactionError<()>> {
    serde_json::from_slice(value).map_err(|_| ConflictableTransactionError::Abort(()))
}

impl SledRecords {
    pub fn new(disk: Arc<Disk>) -> SledRecords {
        SledRecords { disk }
    }
}

fn release(load: &TransactionalTree, b: &Booking) -> Result<(), ConflictableTransactionError<()>> {
    let key = load_key(&b.kind, b.start);
    match count(load.get(&key)?) {
        0 | 1 => load.remove(key.as_slice())?,
        n => load.insert(key.as_slice(), &(n - 1).to_be_bytes())?,
    };
    Ok(())
}

/// `edit` applied to the record of `code` inside a caller's transaction, if it exists.
pub(crate) fn change_in(
    bookings: &TransactionalTree,
    code: &str,
    edit: &(dyn Fn(&mut Booking) + Sync),
) -> Result<Option<Booking>, ConflictableTransactionError<()>> {
    let Some(value) = bookings.get(code)? else {
        return Ok(None);
    };
    let mut b = decode(&value)?;
    edit(&mut b);
    bookings.insert(code, serde_json::to_vec(&b).expect("bookings serialise"))?;
    Ok(Some(b))
}

impl BookingRecords for SledRecords {
    fn get(&self, code: &str) -> Result<Option<Booking>, StoreError> {
        Ok(self
            .disk
            .read()?
            .trees
            .bookings
            .get(code)?
            .map(|v| serde_json::from_slice(&v))
            .transpose()?)
    }

    fn all(&self) -> Result<Vec<Booking>, StoreError> {
        let held = self.disk.read()?;
        let mut out = Vec::new();
        for entry in held.trees.bookings.iter() {
            let (_, value) = entry?;
            out.push(serde_json::from_slice(&value)?);
        }
        Ok(out)
    }

    fn hold(&self, booking: &Booking, capacity: u32) -> Result<bool, StoreError> {
        let value = serde_json::to_vec(booking)?;
        let key = load_key(&booking.kind, booking.start);
        let until = match booking.state {
            State::Held { until } => until,
            State::Confirmed => i64::MAX,
        };
        let code = booking.code.as_bytes();
        let held = self.disk.read()?;
        let t = &held.trees;
        (&t.load, &t.bookings, &t.holds)
            .transaction(|(load, bookings, holds)| {
                let taken = count(load.get(&key)?);
                if taken >= capacity {
                    return Ok(false);
                }
                load.insert(key.as_slice(), &(taken + 1).to_be_bytes())?;
                bookings.insert(code, value.as_slice())?;
                holds.insert(code, &until.to_be_bytes())?;
                Ok(true)
            })
            .map_err(storage)
    }

    fn confirm(
        &self,
        code: &str,
        user: &UserKey,
        name: &str,
        contact: &Contact,
        lang: Lang,
        now: i64,
    ) -> Result<Option<Booking>, StoreError> {
        let held = self.disk.read()?;
        let confirmed = (&held.trees.bookings, &held.trees.holds)
            .transaction(|(tx, holds)| {
                let Some(value) = tx.get(code)? else {
                    return Ok(None);
                };
                let mut b = decode(&value)?;
                let valid = matches!(b.state, State::Held { until } if until >= now);
                if b.user != user.as_str() || !valid {
                    return Ok(None);
                }
                b.state = State::Confirmed;
                b.name = Some(name.to_owned());
                b.contact = contact.clone();
                b.lang = lang;
                tx.insert(code, serde_json::to_vec(&b).expect("bookings serialise"))?;
                holds.remove(code)?;
                Ok(Some(b))
            })
            .map_err(storage)?;
        held.flush()?;
        Ok(confirmed)
    }

    fn remove(
        &self,
        code: &str,
        owner: Option<&UserKey>,
        note: Option<&CancelNote>,
    ) -> Result<Option<Booking>, StoreError> {
        let held = self.disk.read()?;
        let t = &held.trees;
        let removed = (&t.load, &t.bookings, &t.holds, &t.cancelled)
            .transaction(|(load, bookings, holds, cancelled)| {
                let Some(value) = bookings.get(code)? else {
                    return Ok(None);
                };
                let b = decode(&value)?;
                if owner.is_some_and(|u| u.as_str() != b.user) {
                    return Ok(None);
                }
                release(load, &b)?;
                bookings.remove(code.as_bytes())?;
                holds.remove(code.as_bytes())?;
                if let Some(kept) = note.and_then(|n| n.keep(&b)) {
                    let value = serde_json::to_vec(&kept).expect("bookings serialise");
                    cancelled.insert(code.as_bytes(), value)?;
                }
                Ok(Some(b))
            })
            .map_err(storage)?;
        held.flush()?;
        drop(held);
        if removed.is_some() {
            // The record held a name and a contact.
            self.disk.erased();
        }
        Ok(removed)
    }

    fn cancelled(&self) -> Result<Vec<Cancelled>, StoreError> {
        let held = self.disk.read()?;
        let mut out = Vec::new();
        for entry in held.trees.cancelled.iter() {
            let (_, value) = entry?;
            out.push(serde_json::from_slice(&value)?);
        }
        Ok(out)
    }

    fn drop_cancelled(
        &self,
        which: &(dyn Fn(&Cancelled) -> bool + Sync),
    ) -> Result<usize, StoreError> {
        let held = self.disk.read()?;
        let mut dropped = 0;
        for entry in held.trees.cancelled.iter() {
            let (code, value) = entry?;
            if which(&serde_json::from_slice(&value)?) {
                held.trees.cancelled.remove(code)?;
                dropped += 1;
            }
        }
        if dropped > 0 {
            held.flush()?;
            drop(held);
            // The records held names and contacts.
            self.disk.erased();
        }
        Ok(dropped)
    }

    fn change(
        &self,
        code: &str,
        edit: &(dyn Fn(&mut Booking) + Sync),
    ) -> Result<Option<Booking>, StoreError> {
        let held = self.disk.read()?;
        let changed = held
            .trees
            .bookings
            .transaction(|tx| change_in(tx, code, edit))
            .map_err(storage)?;
        held.flush()?;
        Ok(changed)
    }

    fn expired_holds(&self, now: i64) -> Result<Vec<String>, StoreError> {
        let held = self.disk.read()?;
        let mut expired = Vec::new();
        for entry in held.trees.holds.iter() {
            let (code, until) = entry?;
            let until = <[u8; 8]>::try_from(until.as_ref()).map_or(i64::MIN, i64::from_be_bytes);
            if until < now {
                expired.push(String::from_utf8_lossy(&code).into_owned());
            }
        }
        Ok(expired)
    }

    fn taken(&self, kind: &str, start: i64) -> Result<u32, StoreError> {
        Ok(count(
            self.disk.read()?.trees.load.get(load_key(kind, start))?,
        ))
    }

    fn contains(&self, code: &str) -> Result<bool, StoreError> {
        Ok(self.disk.read()?.trees.bookings.contains_key(code)?)
    }
}
