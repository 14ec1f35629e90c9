//! sled session store. `flush()` on Linux uses sync_file_range, not fsync: a flushed write
//! survives kill -9 of the process but not necessarily a power cut (see README).

use std::path::Path;

use sled::Transactional;

use super::{SessionStore, StoreError, UserKey, decode, encode};
use crate::core::session::Session;

/// Key-value pairs to write into one tree.
pub type Entries = Vec<(Vec<u8>, Vec<u8>)>;

pub struct SledStore {
    db: sled::Db,
    sessions: sled::Tree,
}

impl SledStore {
    /// Opens (creating) the store under `dir`, which is created private to the user (0700).
    pub fn open(dir: &Path) -> Result<SledStore, StoreError> {
        create_private_dir(dir)?;
        let db = open_waiting_for_lock(&dir.join("sled"))?;
        let sessions = db.open_tree("sessions")?;
        Ok(SledStore { db, sessions })
    }

    pub fn db(&self) -> &sled::Db {
        &self.db
    }

    /// Saves (or, with `None`, forgets) a session and writes `extra` entries into other trees
    /// of the same database, all or nothing, then flushes: what a platform adapter does before
    /// it confirms a message to the platform.
    pub fn commit_turn(
        &self,
        user: &UserKey,
        session: Option<&Session>,
        extra: &[(&sled::Tree, Entries)],
    ) -> Result<(), StoreError> {
        let value = session.map(encode).transpose()?;
        let mut trees = vec![&self.sessions];
        trees.extend(extra.iter().map(|(t, _)| *t));
        trees
            .as_slice()
            .transaction(|tx| {
                match &value {
                    Some(v) => tx[0].insert(user.as_str(), v.as_slice())?,
                    None => tx[0].remove(user.as_str())?,
                };
                for (i, (_, entries)) in extra.iter().enumerate() {
                    for (k, v) in entries {
                        tx[i + 1].insert(k.as_slice(), v.as_slice())?;
                    }
                }
                Ok(())
            })
            .map_err(|e: sled::transaction::TransactionError<()>| match e {
                sled::transaction::TransactionError::Storage(e) => StoreError::Sled(e),
                sled::transaction::TransactionError::Abort(()) => {
                    unreachable!("the transaction never aborts")
                }
            })?;
        self.db.flush()?;
        Ok(())
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
