//! sled session store. `flush()` on Linux uses sync_file_range, not fsync: a flushed write
//! survives kill -9 of the process but not necessarily a power cut (see README).

use std::path::Path;
use std::sync::{Arc, Mutex};

use super::disk::{Disk, Held};
use super::sent_log::SentLog;
use super::{SessionStore, StoreError, UserKey, decode, encode};
use crate::booking::Bookings;
use crate::core::session::Session;

impl From<sled::Error> for StoreError {
    fn from(error: sled::Error) -> StoreError {
        StoreError::Backend(error.to_string())
    }
}

pub struct SledStore {
    pub(super) disk: Arc<Disk>,
    pub(super) bookings: Arc<Bookings>,
    /// Sent messages, noted at once; their queue removals reach the disk later.
    pub(super) sent: Mutex<SentLog>,
}

impl SledStore {
    /// Opens (creating) the store under the data folder `dir`, which is made private to the
    /// user (0700, its files 0600).
    pub fn open(dir: &Path) -> Result<SledStore, StoreError> {
        let disk = Disk::open(dir)?;
        {
            let held = disk.read()?;
            // Before the directory, Matrix kept its direct chats in a tree of its own.
            let rooms = held.db.open_tree("matrix_rooms")?;
            for entry in rooms.iter() {
                let (user, room) = entry?;
                held.trees.directory.insert(user, room)?;
            }
            held.db.drop_tree("matrix_rooms")?;
        }
        let (sent, left) = SentLog::open(dir)?;
        let mut sent = sent;
        if !left.is_empty() {
            let held = disk.read()?;
            for (slot, seq) in left {
                if let Some(queue) = held.trees.queue.get(usize::from(slot)) {
                    queue.remove(seq.to_be_bytes())?;
                }
            }
            held.flush()?;
            sent.clear()?;
        }
        // A deletion a crash cut short is finished now, after the removals above: a sent
        // message left in the queue (the "everything is deleted" answer, with its chat) would
        // otherwise be copied into the new generation and only removed there.
        disk.rewrite_if_erased()?;
        let bookings = Arc::new(Bookings::open(Arc::clone(&disk)));
        Ok(SledStore {
            disk,
            bookings,
            sent: Mutex::new(sent),
        })
    }

    /// The live database, for tests that break records on purpose.
    pub fn db(&self) -> impl std::ops::Deref<Target = sled::Db> + '_ {
        DbView(self.disk.read().expect("the database is open"))
    }

    /// The database behind every sled port of this store.
    pub fn disk(&self) -> &Arc<Disk> {
        &self.disk
    }

    /// The daily demand figures kept in the same database.
    pub fn demand(&self) -> Result<crate::stats::Demand, StoreError> {
        Ok(crate::stats::Demand::open(Arc::clone(&self.disk)))
    }

    /// The desk's sign-in links and sessions, kept in the same database.
    pub fn desk(&self) -> Arc<dyn crate::store::DeskStore> {
        Arc::new(crate::store::SledDesk::new(Arc::clone(&self.disk)))
    }

    /// Bytes sled uses on disk, for benchmarks and metrics.
    pub fn size_on_disk(&self) -> Result<u64, StoreError> {
        Ok(self.disk.read()?.db.size_on_disk()?)
    }
}

struct DbView<'a>(Held<'a>);

impl std::ops::Deref for DbView<'_> {
    type Target = sled::Db;
    fn deref(&self) -> &sled::Db {
        &self.0.db
    }
}

impl SessionStore for SledStore {
    fn load(&self, user: &UserKey) -> Result<Option<Session>, StoreError> {
        self.disk
            .read()?
            .trees
            .sessions
            .get(user.as_str())?
            .map(|b| decode(&b))
            .transpose()
    }

    fn save(&self, user: &UserKey, session: &Session) -> Result<(), StoreError> {
        let value = encode(session)?;
        self.disk
            .read()?
            .trees
            .sessions
            .insert(user.as_str(), value)?;
        Ok(())
    }

    fn forget(&self, user: &UserKey) -> Result<(), StoreError> {
        {
            let held = self.disk.read()?;
            held.trees.sessions.remove(user.as_str())?;
            held.trees.directory.remove(user.as_str())?;
            held.flush()?;
        }
        self.disk.erased();
        Ok(())
    }

    fn sweep(&self, before: i64) -> Result<usize, StoreError> {
        // Reminders still reach people with a booking whose session ran out.
        let booked: std::collections::HashSet<String> =
            self.bookings.all()?.into_iter().map(|b| b.user).collect();
        let (mut removed, mut unreachable) = (0, false);
        {
            let held = self.disk.read()?;
            let sessions = &held.trees.sessions;
            for entry in sessions.iter() {
                let (key, value) = entry?;
                // An unreadable value is removed too: it can never be used again.
                if decode(&value).map_or(true, |s| s.updated_at < before) {
                    sessions.remove(&key)?;
                    removed += 1;
                }
            }
            // Where to reach a person kept for their booking's reminders, once the booking
            // is gone too (its session went first): nothing is left to reach them for.
            let directory = &held.trees.directory;
            for key in directory.iter().keys() {
                let key = key?;
                if !sessions.contains_key(&key)?
                    && !booked.contains(String::from_utf8_lossy(&key).as_ref())
                {
                    directory.remove(&key)?;
                    unreachable = true;
                }
            }
        }
        if removed > 0 || unreachable {
            self.disk.erased();
        }
        Ok(removed)
    }

    fn len(&self) -> Result<usize, StoreError> {
        Ok(self.disk.read()?.trees.sessions.len())
    }

    fn users_like(&self, prefix: &str, suffix: &str) -> Result<Vec<UserKey>, StoreError> {
        let held = self.disk.read()?;
        let mut users = std::collections::BTreeSet::new();
        let trees = [&held.trees.sessions, &held.trees.directory];
        for key in trees.iter().flat_map(|t| t.scan_prefix(prefix).keys()) {
            let key = key?;
            if key.ends_with(suffix.as_bytes()) {
                users.insert(String::from_utf8_lossy(&key).into_owned());
            }
        }
        Ok(users.iter().map(|k| UserKey::from_raw(k)).collect())
    }

    fn flush(&self) -> Result<(), StoreError> {
        self.disk.read()?.flush()?;
        Ok(())
    }
}
