//! Bookings in sled: holding, confirming and cancelling are transactions over the records,
//! the places taken per slot and the holds index, so a slot is never double-booked; every
//! change a person is told about is flushed to disk first.

use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError, TransactionalTree};

use super::records::BookingRecords;
use super::{Booking, State};
use crate::core::booking::Contact;
use crate::store::{StoreError, UserKey};

pub struct SledRecords {
    db: sled::Db,
    bookings: sled::Tree,
    load: sled::Tree,
    /// Codes of unconfirmed holds and when they run out, so sweeping them reads only them.
    holds: sled::Tree,
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
    pub fn open(db: &sled::Db) -> Result<SledRecords, StoreError> {
        Ok(SledRecords {
            db: db.clone(),
            bookings: db.open_tree("bookings")?,
            load: db.open_tree("booking_load")?,
            holds: db.open_tree("booking_holds")?,
        })
    }

    /// The records' tree, for a caller's transaction (a reminder queued and marked at once).
    pub(crate) fn tree(&self) -> &sled::Tree {
        &self.bookings
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

impl BookingRecords for SledRecords {
    fn get(&self, code: &str) -> Result<Option<Booking>, StoreError> {
        Ok(self
            .bookings
            .get(code)?
            .map(|v| serde_json::from_slice(&v))
            .transpose()?)
    }

    fn all(&self) -> Result<Vec<Booking>, StoreError> {
        let mut out = Vec::new();
        for entry in self.bookings.iter() {
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
        (&self.load, &self.bookings, &self.holds)
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
        now: i64,
    ) -> Result<Option<Booking>, StoreError> {
        let confirmed = (&self.bookings, &self.holds)
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
                tx.insert(code, serde_json::to_vec(&b).expect("bookings serialise"))?;
                holds.remove(code)?;
                Ok(Some(b))
            })
            .map_err(storage)?;
        self.db.flush()?;
        Ok(confirmed)
    }

    fn remove(&self, code: &str, owner: Option<&UserKey>) -> Result<Option<Booking>, StoreError> {
        let removed = (&self.load, &self.bookings, &self.holds)
            .transaction(|(load, bookings, holds)| {
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
                Ok(Some(b))
            })
            .map_err(storage)?;
        self.db.flush()?;
        Ok(removed)
    }

    fn put(&self, booking: &Booking) -> Result<(), StoreError> {
        self.bookings
            .insert(booking.code.as_bytes(), serde_json::to_vec(booking)?)?;
        self.db.flush()?;
        Ok(())
    }

    fn expired_holds(&self, now: i64) -> Result<Vec<String>, StoreError> {
        let mut expired = Vec::new();
        for entry in self.holds.iter() {
            let (code, until) = entry?;
            let until = <[u8; 8]>::try_from(until.as_ref()).map_or(i64::MIN, i64::from_be_bytes);
            if until < now {
                expired.push(String::from_utf8_lossy(&code).into_owned());
            }
        }
        Ok(expired)
    }

    fn taken(&self, kind: &str, start: i64) -> Result<u32, StoreError> {
        Ok(count(self.load.get(load_key(kind, start))?))
    }

    fn contains(&self, code: &str) -> Result<bool, StoreError> {
        Ok(self.bookings.contains_key(code)?)
    }
}
