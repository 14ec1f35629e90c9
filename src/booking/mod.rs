//! Consultation bookings: free slots, holds, confirmations, cancels, reminders, `/forget`, over
//! the `BookingRecords` port (sled or memory), whose atomic operations check each slot's
//! capacity, so a slot is never double-booked; a confirmation is durable before anyone is told.
//! Expired holds are swept; bookings are deleted `keep_days` after their slot.

mod memory_records;
mod records;

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use chrono_tz::Europe::Warsaw;
use serde::{Deserialize, Serialize};

pub use self::memory_records::MemoryRecords;
pub use self::records::BookingRecords;
use crate::core::booking::{BookingRef, Contact, Effect, EffectResult, SLOTS_PER_PAGE, StaffLine};
use crate::core::lang::Lang;
use crate::core::schedule::Schedule;
pub use crate::store::SledRecords;
use crate::store::{StoreError, UserKey};

/// The version of the stored booking format.
const FORMAT_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum State {
    Held { until: i64 },
    Confirmed,
}

/// Which reminder was sent, so it is sent once.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReminderKind {
    DayBefore,
    HourBefore,
}

/// How a consultation went, as the duty consultant marked it on the desk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Done,
    NotReached,
}

impl Outcome {
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Done => "done",
            Outcome::NotReached => "not_reached",
        }
    }

    pub fn parse(code: &str) -> Option<Outcome> {
        [Outcome::Done, Outcome::NotReached]
            .into_iter()
            .find(|o| o.code() == code)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booking {
    pub v: u32,
    pub code: String,
    pub kind: String,
    pub start: i64,
    pub user: String,
    pub lang: Lang,
    pub name: Option<String>,
    pub contact: Contact,
    pub state: State,
    pub created: i64,
    #[serde(default)]
    pub reminded: Vec<ReminderKind>,
    /// Set by the desk after the slot; absent in records written before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
}

impl Booking {
    /// Notes a reminder as sent (once).
    pub fn remind(&mut self, kind: ReminderKind) {
        if !self.reminded.contains(&kind) {
            self.reminded.push(kind);
        }
    }

    pub fn to_ref(&self) -> BookingRef {
        BookingRef {
            code: self.code.clone(),
            kind: self.kind.clone(),
            start: self.start,
        }
    }
}

/// Who cancelled a confirmed booking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CancelledBy {
    Person,
    Caseworker,
}

/// What `/forget` deleted of a person's bookings.
#[derive(Debug, Default)]
pub struct Forgotten {
    /// The bookings that were held or confirmed, as they were.
    pub live: Vec<Booking>,
    /// The codes of every booking deleted, cancelled ones included: what else names the
    /// person (a caseworker's day list waiting to be sent) is found by them.
    pub codes: Vec<String>,
}

/// A confirmed booking that was cancelled, kept so the desk shows who cancelled which time,
/// when and why (a consultant expecting someone at 16:00 sees the place is free), until its
/// day is swept with the bookings; `/forget` deletes it with the rest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cancelled {
    pub v: u32,
    pub booking: Booking,
    /// Unix seconds.
    pub at: i64,
    pub by: CancelledBy,
    /// What the caseworker wrote to the person, if anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// How a cancel is to be kept.
#[derive(Clone, Debug)]
pub struct CancelNote {
    pub at: i64,
    pub by: CancelledBy,
    pub reason: Option<String>,
}

impl CancelNote {
    /// What is kept of `b` cancelled so: only a confirmed booking (a hold let go or run out
    /// was never anyone's appointment).
    pub fn keep(&self, b: &Booking) -> Option<Cancelled> {
        (b.state == State::Confirmed).then(|| Cancelled {
            v: FORMAT_VERSION,
            booking: b.clone(),
            at: self.at,
            by: self.by,
            reason: self.reason.clone(),
        })
    }
}

/// Whether `start` (unix seconds) falls on the local date `date` in Kraków.
fn on_date(start: i64, date: NaiveDate) -> bool {
    DateTime::<Utc>::from_timestamp(start, 0)
        .is_some_and(|t| t.with_timezone(&Warsaw).date_naive() == date)
}

/// Outcome of a hold.
#[derive(Debug, PartialEq, Eq)]
pub enum Hold {
    Held(String),
    Taken,
}

/// What marking how a consultation went did.
#[derive(Debug)]
pub enum Marked {
    Done(Booking),
    /// No such confirmed booking (cancelled, forgotten or only held).
    NotConfirmed,
    /// Its time has not come.
    Early,
}

pub struct Bookings {
    records: Arc<dyn BookingRecords>,
}

/// Consultations one person may have booked ahead at a time: enough for themselves and a
/// relative, too few for one account to take a day's places from everyone else.
pub const UPCOMING_MAX: usize = 2;

/// Unambiguous letters and digits for booking codes (no 0/O, 1/I/L).
pub(crate) const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const CODE_LEN: usize = 8;

/// `len` characters of `ALPHABET` from the operating system's CSPRNG, without modulo bias.
pub fn random_code(len: usize) -> Result<String, StoreError> {
    let mut code = String::with_capacity(len);
    // 248 = 8 * 31: bytes at or above it are drawn again, so every letter is equally likely.
    let limit = (256 / ALPHABET.len() * ALPHABET.len()) as u8;
    while code.len() < len {
        let mut bytes = [0u8; 16];
        getrandom::getrandom(&mut bytes)
            .map_err(|e| StoreError::Corrupt(format!("no randomness from the system: {e}")))?;
        for b in bytes.into_iter().filter(|b| *b < limit) {
            if code.len() < len {
                code.push(ALPHABET[usize::from(b) % ALPHABET.len()] as char);
            }
        }
    }
    Ok(code)
}

impl Bookings {
    /// Bookings in the store's sled database (through `SledStore::bookings`).
    pub(crate) fn open(disk: Arc<crate::store::Disk>) -> Bookings {
        Bookings::new(Arc::new(SledRecords::new(disk)))
    }

    /// Bookings that live in memory only (tests, the console with `--store memory`).
    pub fn memory() -> Bookings {
        Bookings::new(Arc::new(MemoryRecords::default()))
    }

    pub fn new(records: Arc<dyn BookingRecords>) -> Bookings {
        Bookings { records }
    }

    /// A code from the operating system's CSPRNG, unique in the store: eight characters of a
    /// 31-letter alphabet without look-alikes (about 2^39 codes), so one cannot be guessed.
    fn new_code(&self) -> Result<String, StoreError> {
        loop {
            let code = random_code(CODE_LEN)?;
            if !self.records.contains(&code)? {
                return Ok(code);
            }
        }
    }

    pub fn get(&self, code: &str) -> Result<Option<Booking>, StoreError> {
        self.records.get(code)
    }

    /// Every booking. A record that cannot be read is an error, never skipped: `/forget` must
    /// not say "deleted" while a booking it could not read is still there.
    pub(crate) fn all(&self) -> Result<Vec<Booking>, StoreError> {
        self.records.all()
    }

    /// Free slots of `kind` after `after` (or from now), a page at a time.
    pub fn free_slots(
        &self,
        schedule: &Schedule,
        kind: &str,
        after: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<Vec<i64>, StoreError> {
        self.free_slots_except(schedule, kind, after, now, &[], |_| true)
    }

    /// The free slots that `wanted` takes, but for the times in `skip` (those the person has
    /// booked already: a second booking of the same time would take a place from someone else).
    fn free_slots_except(
        &self,
        schedule: &Schedule,
        kind: &str,
        after: Option<i64>,
        now: DateTime<Utc>,
        skip: &[i64],
        wanted: impl Fn(i64) -> bool,
    ) -> Result<Vec<i64>, StoreError> {
        self.sweep_holds(now)?;
        let Some(k) = schedule.kind(kind) else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for start in k
            .slots(now)
            .map(|s| s.timestamp())
            .filter(|s| after.is_none_or(|a| *s > a) && !skip.contains(s) && wanted(*s))
        {
            if self.records.taken(kind, start)? < k.consultants {
                out.push(start);
                if out.len() == SLOTS_PER_PAGE {
                    break;
                }
            }
        }
        Ok(out)
    }

    /// Holds a slot for `hold_minutes` if it still has room.
    pub fn hold(
        &self,
        schedule: &Schedule,
        kind: &str,
        start: i64,
        user: &UserKey,
        lang: Lang,
        now: DateTime<Utc>,
    ) -> Result<Hold, StoreError> {
        let Some(k) = schedule.kind(kind) else {
            return Ok(Hold::Taken);
        };
        if !k.slots(now).any(|s| s.timestamp() == start) {
            return Ok(Hold::Taken);
        }
        // One hold per person: a new one lets the last go (the step's "Book" pressed again,
        // /start mid-booking, a batch of presses), so one account cannot hold every place.
        // Read through the holds index (every hold runs out before the end of time): a few
        // records, not every booking.
        for code in self.records.expired_holds(i64::MAX)? {
            if self
                .records
                .get(&code)?
                .is_some_and(|b| b.user == user.as_str())
            {
                self.records.remove(&code, None, None)?;
            }
        }
        let code = self.new_code()?;
        let booking = Booking {
            v: FORMAT_VERSION,
            code: code.clone(),
            kind: kind.to_owned(),
            start,
            user: user.as_str().to_owned(),
            lang,
            name: None,
            contact: Contact::Chat,
            state: State::Held {
                until: now.timestamp() + i64::from(schedule.hold_minutes) * 60,
            },
            created: now.timestamp(),
            reminded: Vec::new(),
            outcome: None,
        };
        let held = self.records.hold(&booking, k.consultants)?;
        Ok(if held { Hold::Held(code) } else { Hold::Taken })
    }

    /// Confirms a hold that is still valid, and flushes before returning.
    pub fn confirm(
        &self,
        code: &str,
        user: &UserKey,
        name: &str,
        contact: &Contact,
        lang: Lang,
        now: DateTime<Utc>,
    ) -> Result<Option<Booking>, StoreError> {
        self.records
            .confirm(code, user, name, contact, lang, now.timestamp())
    }

    /// Cancels a booking (the person's own, or any for `user: None`, a caseworker), keeping
    /// nothing of it.
    pub fn cancel(
        &self,
        code: &str,
        user: Option<&UserKey>,
    ) -> Result<Option<Booking>, StoreError> {
        self.records.remove(code, user, None)
    }

    /// Cancels a booking as `cancel` does, and keeps it as cancelled (`note`) for the desk.
    pub fn cancel_noted(
        &self,
        code: &str,
        user: Option<&UserKey>,
        note: &CancelNote,
    ) -> Result<Option<Booking>, StoreError> {
        self.records.remove(code, user, Some(note))
    }

    /// Times held on a local date and not booked yet, by time.
    pub fn held_on(&self, date: NaiveDate) -> Result<Vec<Booking>, StoreError> {
        self.on_day(date, |s| matches!(s, State::Held { .. }))
    }

    /// The bookings cancelled on a local date, by time.
    pub fn cancelled_on(&self, date: NaiveDate) -> Result<Vec<Cancelled>, StoreError> {
        let mut list: Vec<Cancelled> = self
            .records
            .cancelled()?
            .into_iter()
            .filter(|c| on_date(c.booking.start, date))
            .collect();
        list.sort_by_key(|c| (c.booking.start, c.at));
        Ok(list)
    }

    /// The cancelled booking with this code, while its record is kept.
    pub fn cancelled_code(&self, code: &str) -> Result<Option<Cancelled>, StoreError> {
        let found = self.records.cancelled()?.into_iter();
        Ok(found
            .filter(|c| c.booking.code == code)
            .max_by_key(|c| c.at))
    }

    /// The person's confirmed bookings, soonest first.
    pub fn mine(&self, user: &UserKey) -> Result<Vec<Booking>, StoreError> {
        self.confirmed(|b| b.user == user.as_str())
    }

    /// Confirmed bookings still to come, soonest first.
    pub fn upcoming(&self, now: DateTime<Utc>) -> Result<Vec<Booking>, StoreError> {
        self.confirmed(|b| b.start > now.timestamp())
    }

    /// The confirmed bookings that `keep`, soonest first.
    fn confirmed(&self, keep: impl Fn(&Booking) -> bool) -> Result<Vec<Booking>, StoreError> {
        let mut list: Vec<Booking> = self
            .all()?
            .into_iter()
            .filter(|b| b.state == State::Confirmed && keep(b))
            .collect();
        list.sort_by_key(|b| b.start);
        Ok(list)
    }

    /// The next local dates from `from` on with confirmed bookings, and how many, at most
    /// `days` of them: what a caseworker opening the desk looks for first.
    pub fn next_days(
        &self,
        from: NaiveDate,
        days: usize,
    ) -> Result<Vec<(NaiveDate, usize)>, StoreError> {
        let mut count: BTreeMap<NaiveDate, usize> = BTreeMap::new();
        for b in self.all()? {
            let date = DateTime::<Utc>::from_timestamp(b.start, 0)
                .map(|t| t.with_timezone(&Warsaw).date_naive());
            if let Some(date) = date.filter(|d| *d >= from && b.state == State::Confirmed) {
                *count.entry(date).or_default() += 1;
            }
        }
        Ok(count.into_iter().take(days).collect())
    }

    /// Confirmed bookings on a local date, by time.
    pub fn day(&self, date: NaiveDate) -> Result<Vec<Booking>, StoreError> {
        self.on_day(date, |s| *s == State::Confirmed)
    }

    /// The bookings on a local date whose state `keep` picks, by time.
    fn on_day(
        &self,
        date: NaiveDate,
        keep: impl Fn(&State) -> bool,
    ) -> Result<Vec<Booking>, StoreError> {
        let mut list: Vec<Booking> = self
            .all()?
            .into_iter()
            .filter(|b| keep(&b.state) && on_date(b.start, date))
            .collect();
        list.sort_by(|a, b| (a.start, &a.kind, &a.code).cmp(&(b.start, &b.kind, &b.code)));
        Ok(list)
    }

    /// Deletes every booking of the person (for `/forget`), the cancelled ones kept for the
    /// desk included; returns the live ones as they were, and every code deleted.
    pub fn forget(&self, user: &UserKey) -> Result<Forgotten, StoreError> {
        let live: Vec<Booking> = self
            .all()?
            .into_iter()
            .filter(|b| b.user == user.as_str())
            .collect();
        for b in &live {
            self.cancel(&b.code, None)?;
        }
        let cancelled = std::sync::Mutex::new(Vec::new());
        self.records.drop_cancelled(&|c| {
            let mine = c.booking.user == user.as_str();
            if mine {
                let mut codes = cancelled.lock().unwrap_or_else(|p| p.into_inner());
                codes.push(c.booking.code.clone());
            }
            mine
        })?;
        let mut codes = cancelled.into_inner().unwrap_or_else(|p| p.into_inner());
        codes.extend(live.iter().map(|b| b.code.clone()));
        Ok(Forgotten { live, codes })
    }

    /// Releases holds that ran out, reading only the holds index.
    pub fn sweep_holds(&self, now: DateTime<Utc>) -> Result<usize, StoreError> {
        let expired = self.records.expired_holds(now.timestamp())?;
        for code in &expired {
            self.cancel(code, None)?;
        }
        Ok(expired.len())
    }

    /// Deletes bookings whose slot was more than `keep_days` ago.
    pub fn sweep_old(&self, keep_days: u32, now: DateTime<Utc>) -> Result<usize, StoreError> {
        let before = now.timestamp() - i64::from(keep_days) * 86_400;
        let old: Vec<String> = self
            .all()?
            .into_iter()
            .filter(|b| b.start < before)
            .map(|b| b.code)
            .collect();
        for code in &old {
            self.cancel(code, None)?;
        }
        let cancelled = self.records.drop_cancelled(&|c| c.booking.start < before)?;
        Ok(old.len() + cancelled)
    }

    /// How many holds and bookings each slot has, to check capacity in tests.
    pub fn load_by_slot(&self) -> Result<BTreeMap<(String, i64), u32>, StoreError> {
        let mut out = BTreeMap::new();
        for b in self.all()? {
            *out.entry((b.kind, b.start)).or_insert(0) += 1;
        }
        Ok(out)
    }

    /// Carries out one booking effect of the dialog for `user`.
    pub fn execute(
        &self,
        schedule: &Schedule,
        user: &UserKey,
        lang: Lang,
        effect: Effect,
        now: DateTime<Utc>,
    ) -> Result<EffectResult, StoreError> {
        Ok(match effect {
            Effect::FindSlots { kind, after, at } => {
                let mine = self.mine(user)?;
                let upcoming: Vec<&Booking> =
                    mine.iter().filter(|b| b.start > now.timestamp()).collect();
                if upcoming.len() >= UPCOMING_MAX {
                    return Ok(EffectResult::Enough(
                        upcoming.into_iter().map(Booking::to_ref).collect(),
                    ));
                }
                let booked: Vec<i64> = mine
                    .iter()
                    .filter(|b| b.kind == kind)
                    .map(|b| b.start)
                    .collect();
                let at_time = |start: i64| at.is_none_or(|a| a.fits(start));
                let free = self.free_slots_except(schedule, &kind, after, now, &booked, at_time)?;
                match at {
                    Some(at) => EffectResult::Said { slots: free, at },
                    None => EffectResult::Slots {
                        slots: free,
                        upcoming: upcoming.into_iter().map(Booking::to_ref).collect(),
                    },
                }
            }
            Effect::Hold { kind, start } => {
                match self.hold(schedule, &kind, start, user, lang, now)? {
                    Hold::Held(code) => EffectResult::Held { code },
                    Hold::Taken => EffectResult::Taken,
                }
            }
            Effect::Confirm {
                code,
                name,
                contact,
            } => match self.confirm(&code, user, &name, &contact, lang, now)? {
                Some(b) => EffectResult::Confirmed(b.to_ref()),
                None => {
                    self.cancel(&code, Some(user))?;
                    EffectResult::Expired
                }
            },
            Effect::Release { code } => {
                self.cancel(&code, Some(user))?;
                EffectResult::Released
            }
            Effect::ListMine => {
                EffectResult::Mine(self.mine(user)?.iter().map(Booking::to_ref).collect())
            }
            Effect::Cancel { code } => {
                let note = CancelNote {
                    at: now.timestamp(),
                    by: CancelledBy::Person,
                    reason: None,
                };
                let cancelled = self.cancel_noted(&code, Some(user), &note)?;
                EffectResult::Cancelled(cancelled.map(|b| b.to_ref()))
            }
            Effect::StaffDay { date } => {
                let lines = self
                    .day(date)?
                    .into_iter()
                    .map(|b| StaffLine {
                        booking: b.to_ref(),
                        name: b.name.unwrap_or_default(),
                        contact: b.contact,
                        lang: b.lang,
                    })
                    .collect();
                EffectResult::StaffDay { date, lines }
            }
            Effect::StaffCancel { code, reason } => {
                let note = CancelNote {
                    at: now.timestamp(),
                    by: CancelledBy::Caseworker,
                    reason,
                };
                let found = self.cancel_noted(&code, None, &note)?.map(|b| b.to_ref());
                let earlier = match found {
                    Some(_) => None,
                    None => self
                        .cancelled_code(&code)?
                        .map(|c| (c.at, c.by == CancelledBy::Person)),
                };
                EffectResult::StaffCancelled {
                    found,
                    code,
                    earlier,
                }
            }
            // The app answers these; bookings hold no desk.
            Effect::DeskLink => EffectResult::DeskLink(None),
            Effect::MyId => EffectResult::MyId(user.as_str().to_owned()),
        })
    }

    /// Reminders due at `now` that were not sent yet: the day before (same time) and an hour
    /// before, in Warsaw wall-clock time. A reminder whose moment came before the booking was
    /// made is not sent.
    pub fn due_reminders(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Vec<(Booking, ReminderKind)>, StoreError> {
        let mut due = Vec::new();
        for b in self
            .all()?
            .into_iter()
            .filter(|b| b.state == State::Confirmed && b.start > now.timestamp())
        {
            let Some(start) = DateTime::<Utc>::from_timestamp(b.start, 0) else {
                continue;
            };
            let local = start.with_timezone(&Warsaw).naive_local();
            let day_before = crate::core::schedule::to_utc(local - TimeDelta::days(1));
            let hour_before = start - TimeDelta::hours(1);
            let moments = [
                (ReminderKind::DayBefore, day_before),
                (ReminderKind::HourBefore, Some(hour_before)),
            ];
            for (kind, at) in moments {
                let Some(at) = at else { continue };
                let is_due =
                    at <= now && at.timestamp() >= b.created && !b.reminded.contains(&kind);
                // Only the latest due reminder: an hour before makes the day-before one moot.
                if is_due && !(kind == ReminderKind::DayBefore && hour_before <= now) {
                    due.push((b.clone(), kind));
                }
            }
        }
        due.sort_by_key(|(b, _)| b.start);
        Ok(due)
    }

    /// Marks a reminder sent, outside a queue transaction.
    pub fn mark_reminded(&self, code: &str, kind: ReminderKind) -> Result<(), StoreError> {
        self.records.change(code, &|b| b.remind(kind)).map(drop)
    }

    /// The person chose another language: their bookings' reminders and notices, and the
    /// language the desk says to call them in, follow it. How many bookings changed.
    pub fn relang(&self, user: &UserKey, lang: Lang) -> Result<usize, StoreError> {
        let mut changed = 0;
        for b in self.mine(user)?.into_iter().filter(|b| b.lang != lang) {
            changed += usize::from(self.records.change(&b.code, &|b| b.lang = lang)?.is_some());
        }
        Ok(changed)
    }

    /// Records how a confirmed consultation went (`None` takes a mark back) once its time
    /// has come (`now`, Unix seconds): a mark on a consultation still to come would put a
    /// false "took place" into the day's list and its CSV.
    pub fn mark(
        &self,
        code: &str,
        outcome: Option<Outcome>,
        now: i64,
    ) -> Result<Marked, StoreError> {
        match self.records.get(code)? {
            Some(b) if b.state != State::Confirmed => return Ok(Marked::NotConfirmed),
            None => return Ok(Marked::NotConfirmed),
            Some(b) if outcome.is_some() && b.start > now => return Ok(Marked::Early),
            Some(_) => {}
        }
        Ok(match self.records.change(code, &|b| b.outcome = outcome)? {
            Some(booking) => Marked::Done(booking),
            None => Marked::NotConfirmed,
        })
    }
}
