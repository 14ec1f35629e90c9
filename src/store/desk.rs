//! The desk's port: one-time sign-in grants and signed-in sessions of caseworkers, each kept
//! under the SHA-256 of its secret, never the secret itself, so a copy of the data folder
//! opens no desk. Implemented in sled (`sled_desk.rs`) and in memory (below); one conformance
//! suite (`tests/it/desk_store.rs`) runs on both.

use std::collections::HashMap;

use parking_lot::Mutex;
use serde::{Deserialize, Serialize};

use super::StoreError;

/// The SHA-256 of a token or a session secret.
pub type Digest = [u8; 32];

/// What a sign-in link grants: who asked for it (`tg:…`, `mx:…`) and until when it can be
/// used (Unix seconds).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskGrant {
    pub who: String,
    pub until: i64,
}

/// A signed-in caseworker. `csrf` is the token every form of this session carries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskSession {
    pub who: String,
    pub csrf: String,
    pub started: i64,
    pub last_seen: i64,
}

pub trait DeskStore: Send + Sync {
    fn grant(&self, hash: &Digest, grant: &DeskGrant) -> Result<(), StoreError>;
    /// Takes the grant: it is gone afterwards, used or run out.
    fn redeem(&self, hash: &Digest) -> Result<Option<DeskGrant>, StoreError>;
    fn open(&self, hash: &Digest, session: &DeskSession) -> Result<(), StoreError>;
    /// Takes the grant under `grant` and, if `session` makes a session of it, opens that under
    /// `into`, as one step: a `close_all` sees the grant or the session, never neither (a
    /// sign-in under way would otherwise open after "sign out everywhere").
    fn sign_in(
        &self,
        grant: &Digest,
        into: &Digest,
        session: &(dyn Fn(&DeskGrant) -> Option<DeskSession> + Sync),
    ) -> Result<Option<DeskSession>, StoreError>;
    /// The session if it was used within `idle` seconds before `now`, marked as used now; an
    /// idle session is ended.
    fn session(
        &self,
        hash: &Digest,
        now: i64,
        idle: i64,
    ) -> Result<Option<DeskSession>, StoreError>;
    fn close(&self, hash: &Digest) -> Result<(), StoreError>;
    /// Ends every session of `who` and voids their unused sign-in links (signing out on every
    /// device, or taken off the caseworkers' list); how many sessions were ended.
    fn close_all(&self, who: &str) -> Result<usize, StoreError>;
    /// Ends run-out grants and idle sessions; how many were ended.
    fn sweep(&self, now: i64, idle: i64) -> Result<usize, StoreError>;
}

#[derive(Default)]
pub struct MemoryDesk {
    grants: Mutex<HashMap<Digest, DeskGrant>>,
    sessions: Mutex<HashMap<Digest, DeskSession>>,
}

impl DeskStore for MemoryDesk {
    fn grant(&self, hash: &Digest, grant: &DeskGrant) -> Result<(), StoreError> {
        self.grants.lock().insert(*hash, grant.clone());
        Ok(())
    }

    fn redeem(&self, hash: &Digest) -> Result<Option<DeskGrant>, StoreError> {
        Ok(self.grants.lock().remove(hash))
    }

    fn open(&self, hash: &Digest, session: &DeskSession) -> Result<(), StoreError> {
        self.sessions.lock().insert(*hash, session.clone());
        Ok(())
    }

    fn sign_in(
        &self,
        grant: &Digest,
        into: &Digest,
        session: &(dyn Fn(&DeskGrant) -> Option<DeskSession> + Sync),
    ) -> Result<Option<DeskSession>, StoreError> {
        // Both held, in `close_all`'s order.
        let mut grants = self.grants.lock();
        let mut sessions = self.sessions.lock();
        let opened = grants.remove(grant).and_then(|g| session(&g));
        if let Some(opened) = &opened {
            sessions.insert(*into, opened.clone());
        }
        Ok(opened)
    }

    fn session(
        &self,
        hash: &Digest,
        now: i64,
        idle: i64,
    ) -> Result<Option<DeskSession>, StoreError> {
        let mut sessions = self.sessions.lock();
        match sessions.get_mut(hash) {
            Some(s) if now - s.last_seen <= idle => {
                s.last_seen = now;
                Ok(Some(s.clone()))
            }
            Some(_) => {
                sessions.remove(hash);
                Ok(None)
            }
            None => Ok(None),
        }
    }

    fn close(&self, hash: &Digest) -> Result<(), StoreError> {
        self.sessions.lock().remove(hash);
        Ok(())
    }

    fn close_all(&self, who: &str) -> Result<usize, StoreError> {
        let mut grants = self.grants.lock();
        grants.retain(|_, g| g.who != who);
        let mut sessions = self.sessions.lock();
        let before = sessions.len();
        sessions.retain(|_, s| s.who != who);
        Ok(before - sessions.len())
    }

    fn sweep(&self, now: i64, idle: i64) -> Result<usize, StoreError> {
        let mut grants = self.grants.lock();
        let mut sessions = self.sessions.lock();
        let before = grants.len() + sessions.len();
        grants.retain(|_, g| g.until >= now);
        sessions.retain(|_, s| now - s.last_seen <= idle);
        Ok(before - grants.len() - sessions.len())
    }
}
