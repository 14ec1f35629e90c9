//! In-memory stores for tests and `krok console --store memory`: the session store and the turn
//! port. It keeps the encoded forms so it behaves like the sled store, format errors included,
//! and one lock over everything so a commit is all or nothing here too.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use super::turns::{BookingUpdate, Commit, Record, TurnStore, may_hold_contact};
use super::{Platform, SessionStore, StoreError, UserKey, decode, encode};
use crate::booking::Bookings;
use crate::core::session::Session;

#[derive(Default)]
struct State {
    sessions: HashMap<UserKey, Vec<u8>>,
    directory: HashMap<UserKey, String>,
    handled: HashMap<(Platform, Vec<u8>), i64>,
    queue: BTreeMap<(Platform, u64), Vec<u8>>,
    positions: HashMap<Platform, String>,
    next_seq: u64,
}

pub struct MemoryStore {
    state: Mutex<State>,
    bookings: Arc<Bookings>,
}

impl Default for MemoryStore {
    fn default() -> MemoryStore {
        MemoryStore::new()
    }
}

impl MemoryStore {
    pub fn new() -> MemoryStore {
        MemoryStore {
            state: Mutex::default(),
            bookings: Arc::new(Bookings::memory()),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        // A panic elsewhere cannot leave a half-written entry: each operation is one map call.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl SessionStore for MemoryStore {
    fn load(&self, user: &UserKey) -> Result<Option<Session>, StoreError> {
        self.state()
            .sessions
            .get(user)
            .map(|b| decode(b))
            .transpose()
    }

    fn save(&self, user: &UserKey, session: &Session) -> Result<(), StoreError> {
        let bytes = encode(session)?;
        self.state().sessions.insert(user.clone(), bytes);
        Ok(())
    }

    fn forget(&self, user: &UserKey) -> Result<(), StoreError> {
        let mut state = self.state();
        state.sessions.remove(user);
        state.directory.remove(user);
        Ok(())
    }

    fn sweep(&self, before: i64) -> Result<usize, StoreError> {
        // Reminders still reach people with a booking whose session ran out.
        let booked: std::collections::HashSet<String> =
            self.bookings.all()?.into_iter().map(|b| b.user).collect();
        let mut state = self.state();
        let old: Vec<UserKey> = state
            .sessions
            .iter()
            .filter(|(_, b)| decode(b).map_or(true, |s| s.updated_at < before))
            .map(|(k, _)| k.clone())
            .collect();
        for k in &old {
            state.sessions.remove(k);
        }
        // Where to reach a person, kept while a session or a booking needs it.
        let state = &mut *state;
        let sessions = &state.sessions;
        state
            .directory
            .retain(|k, _| sessions.contains_key(k) || booked.contains(k.as_str()));
        Ok(old.len())
    }

    fn len(&self) -> Result<usize, StoreError> {
        Ok(self.state().sessions.len())
    }

    fn users_like(&self, prefix: &str, suffix: &str) -> Result<Vec<UserKey>, StoreError> {
        let state = self.state();
        let keys = state.sessions.keys().chain(state.directory.keys());
        let like = |k: &&UserKey| k.as_str().starts_with(prefix) && k.as_str().ends_with(suffix);
        let users: std::collections::BTreeSet<&UserKey> = keys.filter(like).collect();
        Ok(users.into_iter().cloned().collect())
    }

    fn flush(&self) -> Result<(), StoreError> {
        Ok(())
    }
}

impl TurnStore for MemoryStore {
    fn bookings(&self) -> Arc<Bookings> {
        Arc::clone(&self.bookings)
    }

    fn handled(&self, platform: Platform, id: &[u8]) -> Result<bool, StoreError> {
        Ok(self.state().handled.contains_key(&(platform, id.to_vec())))
    }

    fn address(&self, user: &UserKey) -> Result<Option<String>, StoreError> {
        Ok(self.state().directory.get(user).cloned())
    }

    fn next_seq(&self) -> Result<u64, StoreError> {
        let mut state = self.state();
        state.next_seq += 1;
        Ok(state.next_seq)
    }

    fn commit_all(&self, commits: &[Commit<'_>]) -> Result<(), StoreError> {
        // Everything that can fail first, so a failure changes nothing.
        let sessions = commits
            .iter()
            .map(|c| c.session.map(encode).transpose())
            .collect::<Result<Vec<_>, _>>()?;
        for u in commits.iter().filter_map(|c| c.booking.as_ref()) {
            self.bookings.mark_reminded(u.code, u.reminded)?;
        }
        let mut state = self.state();
        for (c, session) in commits.iter().zip(sessions) {
            match session {
                Some(bytes) => {
                    state.sessions.insert(c.user.clone(), bytes);
                    if let Some(chat) = c.chat {
                        state.directory.insert(c.user.clone(), chat.to_owned());
                    }
                }
                None => {
                    state.sessions.remove(c.user);
                    state.directory.remove(c.user);
                }
            }
            if let Some(id) = c.handled {
                state.handled.insert((c.user.on(), id.to_vec()), c.at);
            }
            for r in c.queued {
                state.queue.insert((r.platform, r.seq), r.bytes.clone());
            }
        }
        Ok(())
    }

    fn enqueue(
        &self,
        records: &[Record],
        booking: Option<BookingUpdate<'_>>,
    ) -> Result<(), StoreError> {
        let mut state = self.state();
        if let Some(u) = booking {
            self.bookings.mark_reminded(u.code, u.reminded)?;
        }
        for r in records {
            state.queue.insert((r.platform, r.seq), r.bytes.clone());
        }
        Ok(())
    }

    fn queued(&self, platform: Platform) -> Result<Vec<(u64, Vec<u8>)>, StoreError> {
        Ok(self
            .state()
            .queue
            .range((platform, 0)..=(platform, u64::MAX))
            .map(|((_, seq), bytes)| (*seq, bytes.clone()))
            .collect())
    }

    fn dequeue(&self, platform: Platform, seq: u64) -> Result<(), StoreError> {
        self.state().queue.remove(&(platform, seq));
        Ok(())
    }

    fn position(&self, platform: Platform) -> Result<Option<String>, StoreError> {
        Ok(self.state().positions.get(&platform).cloned())
    }

    fn set_position(&self, platform: Platform, position: &str) -> Result<(), StoreError> {
        self.state().positions.insert(platform, position.to_owned());
        Ok(())
    }

    fn sweep_handled(&self, before: i64) -> Result<usize, StoreError> {
        let mut state = self.state();
        let n = state.handled.len();
        state.handled.retain(|_, at| *at >= before);
        Ok(n - state.handled.len())
    }

    fn drafts(&self) -> Result<Vec<UserKey>, StoreError> {
        Ok(self
            .state()
            .sessions
            .iter()
            .filter(|(_, v)| may_hold_contact(v) && decode(v).is_ok_and(|s| s.has_contact()))
            .map(|(k, _)| k.clone())
            .collect())
    }

    /// Nothing is on disk: a deletion is real at once.
    fn mark_erased(&self) {}

    fn erase_deleted(&self) -> Result<bool, StoreError> {
        Ok(false)
    }

    fn erasure_pending(&self) -> bool {
        false
    }
}
