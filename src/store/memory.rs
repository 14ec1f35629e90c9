//! In-memory session store for tests and `krok console --store memory`; keeps the encoded
//! form so it behaves like the sled store, format errors included.

use std::collections::HashMap;
use std::sync::Mutex;

use super::{SessionStore, StoreError, UserKey, decode, encode};
use crate::core::session::Session;

#[derive(Default)]
pub struct MemoryStore {
    map: Mutex<HashMap<UserKey, Vec<u8>>>,
}

impl MemoryStore {
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }

    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<UserKey, Vec<u8>>> {
        // A panic elsewhere cannot leave a half-written entry: each operation is one map call.
        self.map
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl SessionStore for MemoryStore {
    fn load(&self, user: &UserKey) -> Result<Option<Session>, StoreError> {
        self.map().get(user).map(|b| decode(b)).transpose()
    }

    fn save(&self, user: &UserKey, session: &Session) -> Result<(), StoreError> {
        let bytes = encode(session)?;
        self.map().insert(user.clone(), bytes);
        Ok(())
    }

    fn forget(&self, user: &UserKey) -> Result<(), StoreError> {
        self.map().remove(user);
        Ok(())
    }

    fn sweep(&self, before: i64) -> Result<usize, StoreError> {
        let mut map = self.map();
        let old: Vec<UserKey> = map
            .iter()
            .filter(|(_, b)| decode(b).map_or(true, |s| s.updated_at < before))
            .map(|(k, _)| k.clone())
            .collect();
        for k in &old {
            map.remove(k);
        }
        Ok(old.len())
    }

    fn len(&self) -> Result<usize, StoreError> {
        Ok(self.map().len())
    }

    fn flush(&self) -> Result<(), StoreError> {
        Ok(())
    }
}
