//! Bookings in memory (tests, `krok console --store memory`): one lock over the records, the
//! places taken per slot and the holds index, so every operation is atomic as in sled.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

use super::records::BookingRecords;
use super::{Booking, CancelNote, Cancelled, State};
use crate::core::booking::Contact;
use crate::core::lang::Lang;
use crate::store::{StoreError, UserKey};

#[derive(Default)]
struct Inner {
    /// The stored form, so a format error behaves as in sled.
    records: BTreeMap<String, Vec<u8>>,
    taken: HashMap<(String, i64), u32>,
    holds: HashMap<String, i64>,
    cancelled: BTreeMap<String, Vec<u8>>,
}

#[derive(Default)]
pub struct MemoryRecords {
    inner: Mutex<Inner>,
}

impl MemoryRecords {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Inner {
    fn read(&self, code: &str) -> Result<Option<Booking>, StoreError> {
        Ok(self
            .records
            .get(code)
            .map(|b| serde_json::from_slice(b))
            .transpose()?)
    }

    fn write(&mut self, b: &Booking) -> Result<(), StoreError> {
        self.records.insert(b.code.clone(), serde_json::to_vec(b)?);
        Ok(())
    }
}

impl BookingRecords for MemoryRecords {
    fn get(&self, code: &str) -> Result<Option<Booking>, StoreError> {
        self.lock().read(code)
    }

    fn all(&self) -> Result<Vec<Booking>, StoreError> {
        let inner = self.lock();
        let mut out = Vec::new();
        for bytes in inner.records.values() {
            out.push(serde_json::from_slice(bytes)?);
        }
        Ok(out)
    }

    fn hold(&self, booking: &Booking, capacity: u32) -> Result<bool, StoreError> {
        let mut inner = self.lock();
        let slot = (booking.kind.clone(), booking.start);
        let taken = inner.taken.get(&slot).copied().unwrap_or(0);
        if taken >= capacity {
            return Ok(false);
        }
        inner.write(booking)?;
        inner.taken.insert(slot, taken + 1);
        if let State::Held { until } = booking.state {
            inner.holds.insert(booking.code.clone(), until);
        }
        Ok(true)
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
        let mut inner = self.lock();
        let Some(mut b) = inner.read(code)? else {
            return Ok(None);
        };
        let valid = matches!(b.state, State::Held { until } if until >= now);
        if b.user != user.as_str() || !valid {
            return Ok(None);
        }
        b.state = State::Confirmed;
        b.name = Some(name.to_owned());
        b.contact = contact.clone();
        b.lang = lang;
        inner.write(&b)?;
        inner.holds.remove(code);
        Ok(Some(b))
    }

    fn remove(
        &self,
        code: &str,
        owner: Option<&UserKey>,
        note: Option<&CancelNote>,
    ) -> Result<Option<Booking>, StoreError> {
        let mut inner = self.lock();
        let Some(b) = inner.read(code)? else {
            return Ok(None);
        };
        if owner.is_some_and(|u| u.as_str() != b.user) {
            return Ok(None);
        }
        let slot = (b.kind.clone(), b.start);
        match inner.taken.get(&slot).copied().unwrap_or(0) {
            0 | 1 => inner.taken.remove(&slot),
            n => inner.taken.insert(slot, n - 1),
        };
        inner.records.remove(code);
        inner.holds.remove(code);
        if let Some(kept) = note.and_then(|n| n.keep(&b)) {
            inner
                .cancelled
                .insert(code.to_owned(), serde_json::to_vec(&kept)?);
        }
        Ok(Some(b))
    }

    fn cancelled(&self) -> Result<Vec<Cancelled>, StoreError> {
        let inner = self.lock();
        let mut out = Vec::new();
        for bytes in inner.cancelled.values() {
            out.push(serde_json::from_slice(bytes)?);
        }
        Ok(out)
    }

    fn drop_cancelled(
        &self,
        which: &(dyn Fn(&Cancelled) -> bool + Sync),
    ) -> Result<usize, StoreError> {
        let mut inner = self.lock();
        let mut dropped = Vec::new();
        for (code, bytes) in &inner.cancelled {
            if which(&serde_json::from_slice(bytes)?) {
                dropped.push(code.clone());
            }
        }
        for code in &dropped {
            inner.cancelled.remove(code);
        }
        Ok(dropped.len())
    }

    fn change(
        &self,
        code: &str,
        edit: &(dyn Fn(&mut Booking) + Sync),
    ) -> Result<Option<Booking>, StoreError> {
        let mut inner = self.lock();
        let Some(mut b) = inner.read(code)? else {
            return Ok(None);
        };
        edit(&mut b);
        inner.write(&b)?;
        Ok(Some(b))
    }

    fn expired_holds(&self, now: i64) -> Result<Vec<String>, StoreError> {
        Ok(self
            .lock()
            .holds
            .iter()
            .filter(|(_, until)| **until < now)
            .map(|(code, _)| code.clone())
            .collect())
    }

    fn taken(&self, kind: &str, start: i64) -> Result<u32, StoreError> {
        Ok(self
            .lock()
            .taken
            .get(&(kind.to_owned(), start))
            .copied()
            .unwrap_or(0))
    }

    fn contains(&self, code: &str) -> Result<bool, StoreError> {
        Ok(self.lock().records.contains_key(code))
    }
}
