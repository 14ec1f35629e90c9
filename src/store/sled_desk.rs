//! The desk's grants and sessions in the store's `desk` tree, as versioned JSON
//! (`{"v":1,...}`) under `g` or `s` and the secret's SHA-256.

use std::sync::Arc;

use serde::{Deserialize, Serialize, de::DeserializeOwned};

use super::desk::{DeskGrant, DeskSession, DeskStore, Digest};
use super::{Disk, FORMAT_VERSION, StoreError};

pub struct SledDesk {
    disk: Arc<Disk>,
}

impl SledDesk {
    pub fn new(disk: Arc<Disk>) -> SledDesk {
        SledDesk { disk }
    }
}

#[derive(Serialize, Deserialize)]
struct Stored<T> {
    v: u32,
    #[serde(flatten)]
    value: T,
}

fn key(kind: u8, hash: &Digest) -> Vec<u8> {
    let mut key = Vec::with_capacity(33);
    key.push(kind);
    key.extend_from_slice(hash);
    key
}

fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, StoreError> {
    let stored = Stored {
        v: FORMAT_VERSION,
        value,
    };
    serde_json::to_vec(&stored).map_err(|e| StoreError::Backend(e.to_string()))
}

/// A record this version cannot read counts as absent: it opens nothing.
fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    serde_json::from_slice::<Stored<T>>(bytes)
        .ok()
        .filter(|s| s.v == FORMAT_VERSION)
        .map(|s| s.value)
}

const GRANT: u8 = b'g';
const SESSION: u8 = b's';

impl DeskStore for SledDesk {
    fn grant(&self, hash: &Digest, grant: &DeskGrant) -> Result<(), StoreError> {
        let held = self.disk.read()?;
        held.trees.desk.insert(key(GRANT, hash), encode(grant)?)?;
        Ok(())
    }

    fn redeem(&self, hash: &Digest) -> Result<Option<DeskGrant>, StoreError> {
        let held = self.disk.read()?;
        let taken = held.trees.desk.remove(key(GRANT, hash))?;
        // Flushed, so a used link stays used after a crash.
        held.trees.desk.flush()?;
        Ok(taken.and_then(|b| decode(&b)))
    }

    fn open(&self, hash: &Digest, session: &DeskSession) -> Result<(), StoreError> {
        let held = self.disk.read()?;
        held.trees
            .desk
            .insert(key(SESSION, hash), encode(session)?)?;
        Ok(())
    }

    fn sign_in(
        &self,
        grant: &Digest,
        into: &Digest,
        session: &(dyn Fn(&DeskGrant) -> Option<DeskSession> + Sync),
    ) -> Result<Option<DeskSession>, StoreError> {
        use sled::transaction::{ConflictableTransactionError, TransactionError};
        let held = self.disk.read()?;
        // A transaction excludes every plain write of the tree while it runs (sled's
        // concurrency control), so `close_all`'s removals come wholly before or after it.
        let opened = held
            .trees
            .desk
            .transaction(|tx| {
                let Some(taken) = tx.remove(key(GRANT, grant))? else {
                    return Ok(None);
                };
                let Some(opened) = decode::<DeskGrant>(&taken).and_then(|g| session(&g)) else {
                    return Ok(None);
                };
                let bytes = encode(&opened).map_err(ConflictableTransactionError::Abort)?;
                tx.insert(key(SESSION, into), bytes)?;
                Ok(Some(opened))
            })
            .map_err(|e| match e {
                TransactionError::Abort(e) => e,
                TransactionError::Storage(e) => StoreError::from(e),
            })?;
        // Flushed, so a used link stays used after a crash.
        held.trees.desk.flush()?;
        Ok(opened)
    }

    fn session(
        &self,
        hash: &Digest,
        now: i64,
        idle: i64,
    ) -> Result<Option<DeskSession>, StoreError> {
        let held = self.disk.read()?;
        let tree = &held.trees.desk;
        let k = key(SESSION, hash);
        // Marked as used only if it is still there as read: a sign-out between the read and
        // the write must not be undone by a request of the cookie being signed out.
        loop {
            let Some(old) = tree.get(&k)? else {
                return Ok(None);
            };
            let Some(mut session) = decode::<DeskSession>(&old) else {
                return Ok(None);
            };
            let idle = now - session.last_seen > idle;
            session.last_seen = now;
            let new = (!idle).then(|| encode(&session)).transpose()?;
            if tree.compare_and_swap(&k, Some(old), new)?.is_ok() {
                return Ok((!idle).then_some(session));
            }
        }
    }

    fn close(&self, hash: &Digest) -> Result<(), StoreError> {
        let held = self.disk.read()?;
        held.trees.desk.remove(key(SESSION, hash))?;
        held.trees.desk.flush()?;
        Ok(())
    }

    fn close_all(&self, who: &str) -> Result<usize, StoreError> {
        let held = self.disk.read()?;
        let tree = &held.trees.desk;
        let mut ended = 0;
        for entry in tree.scan_prefix([GRANT]) {
            let (k, v) = entry?;
            if decode::<DeskGrant>(&v).is_some_and(|g| g.who == who) {
                tree.remove(k)?;
            }
        }
        for entry in tree.scan_prefix([SESSION]) {
            let (k, v) = entry?;
            if decode::<DeskSession>(&v).is_some_and(|s| s.who == who) {
                tree.remove(k)?;
                ended += 1;
            }
        }
        // Flushed, as one sign-out is: a stolen cookie must not come back after a crash.
        tree.flush()?;
        Ok(ended)
    }

    fn sweep(&self, now: i64, idle: i64) -> Result<usize, StoreError> {
        let held = self.disk.read()?;
        let tree = &held.trees.desk;
        let mut ended = 0;
        for entry in tree.iter() {
            let (k, v) = entry?;
            let over = match k.first() {
                Some(&GRANT) => decode::<DeskGrant>(&v).is_none_or(|g| g.until < now),
                Some(&SESSION) => {
                    decode::<DeskSession>(&v).is_none_or(|s| now - s.last_seen > idle)
                }
                _ => false,
            };
            if over {
                tree.remove(k)?;
                ended += 1;
            }
        }
        Ok(ended)
    }
}
