//! sled session store. `flush()` on Linux uses sync_file_range, not fsync: a flushed write
//! survives kill -9 of the process but not necessarily a power cut (see README).

use std::path::Path;
use std::sync::Arc;

use super::{SessionStore, StoreError, UserKey, decode, encode};
use crate::booking::Bookings;
use crate::core::session::Session;

impl From<sled::Error> for StoreError {
    fn from(error: sled::Error) -> StoreError {
        StoreError::Backend(error.to_string())
    }
}

pub struct SledStore {
    pub(super) db: sled::Db,
    pub(super) sessions: sled::Tree,
    /// Where each person can be reached: user key -> chat.
    pub(super) directory: sled::Tree,
    /// Per durable platform: handled event ids and the outgoing queue.
    pub(super) handled: [sled::Tree; 2],
    pub(super) queue: [sled::Tree; 2],
    pub(super) bookings: Arc<Bookings>,
}

impl SledStore {
    /// Opens (creating) the store under `dir`, which is created private to the user (0700).
    pub fn open(dir: &Path) -> Result<SledStore, StoreError> {
        create_private_dir(dir)?;
        let db = open_waiting_for_lock(&dir.join("sled"))?;
        let sessions = db.open_tree("sessions")?;
        let directory = db.open_tree("directory")?;
        // Before the directory, Matrix kept its direct chats in a tree of its own.
        let rooms = db.open_tree("matrix_rooms")?;
        for entry in rooms.iter() {
            let (user, room) = entry?;
            directory.insert(user, room)?;
        }
        db.drop_tree("matrix_rooms")?;
        let handled = [db.open_tree("telegram_seen")?, db.open_tree("matrix_seen")?];
        let queue = [
            db.open_tree("telegram_outbox")?,
            db.open_tree("matrix_outbox")?,
        ];
        let bookings = Arc::new(Bookings::open(&db)?);
        Ok(SledStore {
            db,
            sessions,
            directory,
            handled,
            queue,
            bookings,
        })
    }

    pub fn db(&self) -> &sled::Db {
        &self.db
    }

    /// The daily demand figures kept in the same database.
    pub fn demand(&self) -> Result<crate::stats::Demand, StoreError> {
        crate::stats::Demand::open(&self.db)
    }

    /// Bytes sled uses on disk, for benchmarks and metrics.
    pub fn size_on_disk(&self) -> Result<u64, StoreError> {
        Ok(self.db.size_on_disk()?)
    }
}

/// A store that was just closed (or a process that is just exiting) holds sled's file lock
/// until its flusher thread ends, up to about half a second: wait for it instead of failing.
fn open_waiting_for_lock(path: &Path) -> Result<sled::Db, StoreError> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        match sled::Config::new().path(path).open() {
            Err(sled::Error::Io(e))
                if std::time::Instant::now() < deadline && e.to_string().contains("lock") =>
            {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            other => return Ok(other?),
        }
    }
}

pub(crate) fn create_private_dir(dir: &Path) -> Result<(), StoreError> {
    let fail = |source| StoreError::Folder {
        path: dir.display().to_string(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(fail)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).map_err(fail)?;
    }
    Ok(())
}

impl SessionStore for SledStore {
    fn load(&self, user: &UserKey) -> Result<Option<Session>, StoreError> {
        self.sessions
            .get(user.as_str())?
            .map(|b| decode(&b))
            .transpose()
    }

    fn save(&self, user: &UserKey, session: &Session) -> Result<(), StoreError> {
        self.sessions.insert(user.as_str(), encode(session)?)?;
        Ok(())
    }

    fn forget(&self, user: &UserKey) -> Result<(), StoreError> {
        self.sessions.remove(user.as_str())?;
        self.directory.remove(user.as_str())?;
        self.db.flush()?;
        Ok(())
    }

    fn sweep(&self, before: i64) -> Result<usize, StoreError> {
        let mut removed = 0;
        for entry in self.sessions.iter() {
            let (key, value) = entry?;
            // An unreadable value is removed too: it can never be used again.
            if decode(&value).map_or(true, |s| s.updated_at < before) {
                self.sessions.remove(key)?;
                removed += 1;
            }
        }
        Ok(removed)
    }

    fn len(&self) -> Result<usize, StoreError> {
        Ok(self.sessions.len())
    }

    fn flush(&self) -> Result<(), StoreError> {
        self.db.flush()?;
        Ok(())
    }
}
