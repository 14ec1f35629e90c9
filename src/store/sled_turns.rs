//! `TurnStore` on sled: a turn is one transaction over the sessions, the directory, the handled
//! ids and the queues; a flush (sync_file_range: survives kill -9, see README) makes it durable,
//! one per turn or one for a batch of turns.

use std::sync::Arc;

use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError};

use super::change_in;
use super::turns::{BookingUpdate, Commit, Record, TurnStore, may_hold_contact};
use super::{Platform, SledStore, StoreError, UserKey, decode, encode};
use crate::booking::Bookings;

/// The slot of a durable platform's trees; the console keeps nothing.
fn slot(platform: Platform) -> Option<usize> {
    match platform {
        Platform::Telegram => Some(0),
        Platform::Matrix => Some(1),
        Platform::Console => None,
    }
}

/// One turn's writes in a transaction over the trees of `commit_all`.
fn write_turn(
    tx: &[sled::transaction::TransactionalTree],
    c: &Commit<'_>,
    session: Option<&[u8]>,
) -> Result<(), ConflictableTransactionError<()>> {
    let key = c.user.as_str();
    if let Some(u) = &c.booking {
        change_in(&tx[6], u.code, &|b| b.remind(u.reminded))?;
    }
    match session {
        Some(v) => {
            tx[0].insert(key, v)?;
            if let Some(chat) = c.chat {
                tx[1].insert(key, chat)?;
            }
        }
        None => {
            tx[0].remove(key)?;
            tx[1].remove(key)?;
        }
    }
    if let Some((id, i)) = c.handled.zip(slot(c.user.on())) {
        tx[2 + i].insert(id, &c.at.to_be_bytes())?;
    }
    for r in c.queued {
        if let Some(i) = slot(r.platform) {
            tx[4 + i].insert(&r.seq.to_be_bytes(), r.bytes.as_slice())?;
        }
    }
    Ok(())
}

/// The key of a platform's stream position in the meta tree.
fn position_key(platform: Platform) -> Vec<u8> {
    [b"position/".as_slice(), platform.name().as_bytes()].concat()
}

fn storage(e: TransactionError<()>) -> StoreError {
    match e {
        TransactionError::Storage(e) => StoreError::from(e),
        TransactionError::Abort(()) => StoreError::Corrupt("transaction aborted".into()),
    }
}

impl TurnStore for SledStore {
    fn bookings(&self) -> Arc<Bookings> {
        Arc::clone(&self.bookings)
    }

    fn handled(&self, platform: Platform, id: &[u8]) -> Result<bool, StoreError> {
        match slot(platform) {
            Some(i) => Ok(self.disk.read()?.trees.handled[i].contains_key(id)?),
            None => Ok(false),
        }
    }

    fn address(&self, user: &UserKey) -> Result<Option<String>, StoreError> {
        Ok(self
            .disk
            .read()?
            .trees
            .directory
            .get(user.as_str())?
            .map(|v| String::from_utf8_lossy(&v).into_owned()))
    }

    fn next_seq(&self) -> Result<u64, StoreError> {
        self.disk.read()?.next_seq()
    }

    fn commit_all(&self, commits: &[Commit<'_>]) -> Result<(), StoreError> {
        let sessions = commits
            .iter()
            .map(|c| c.session.map(encode).transpose())
            .collect::<Result<Vec<_>, _>>()?;
        let held = self.disk.read()?;
        let t = &held.trees;
        let trees = [
            &t.sessions,
            &t.directory,
            &t.handled[0],
            &t.handled[1],
            &t.queue[0],
            &t.queue[1],
            &t.bookings,
        ];
        // One transaction for all: sled writes its log buffer to disk around every
        // transaction, so a batch of turns in one costs two buffer writes instead of two each.
        trees
            .as_slice()
            .transaction(|tx| {
                for (c, session) in commits.iter().zip(&sessions) {
                    write_turn(tx, c, session.as_deref())?;
                }
                Ok::<_, ConflictableTransactionError<()>>(())
            })
            .map_err(storage)?;
        held.flush()?;
        drop(held);
        if sessions.iter().any(Option::is_none) {
            self.disk.erased();
        }
        Ok(())
    }

    fn enqueue(
        &self,
        records: &[Record],
        booking: Option<BookingUpdate<'_>>,
    ) -> Result<(), StoreError> {
        let held = self.disk.read()?;
        let t = &held.trees;
        (&t.bookings, &t.queue[0], &t.queue[1])
            .transaction(|(b, tg, mx)| {
                if let Some(u) = &booking {
                    change_in(b, u.code, &|b| b.remind(u.reminded))?;
                }
                for r in records {
                    match slot(r.platform) {
                        Some(0) => tg.insert(&r.seq.to_be_bytes(), r.bytes.as_slice())?,
                        Some(_) => mx.insert(&r.seq.to_be_bytes(), r.bytes.as_slice())?,
                        None => None,
                    };
                }
                Ok::<_, ConflictableTransactionError<()>>(())
            })
            .map_err(storage)?;
        held.flush()?;
        Ok(())
    }

    fn queued(&self, platform: Platform) -> Result<Vec<(u64, Vec<u8>)>, StoreError> {
        let Some(i) = slot(platform) else {
            return Ok(Vec::new());
        };
        let held = self.disk.read()?;
        let mut out = Vec::new();
        for entry in held.trees.queue[i].iter() {
            let (key, value) = entry?;
            let seq = <[u8; 8]>::try_from(key.as_ref())
                .map(u64::from_be_bytes)
                .map_err(|_| StoreError::Corrupt("queue key is not 8 bytes".into()))?;
            out.push((seq, value.to_vec()));
        }
        Ok(out)
    }

    fn dequeue(&self, platform: Platform, seq: u64) -> Result<(), StoreError> {
        let Some(i) = slot(platform) else {
            return Ok(());
        };
        // The journal entry is durable against a kill -9 as soon as it is written; the
        // removal is made in the same hold, so emptying the journal after a flush loses none.
        let mut sent = self.sent.lock().unwrap_or_else(|p| p.into_inner());
        let full = sent.append(i as u8, seq)?;
        let held = self.disk.read()?;
        held.trees.queue[i].remove(seq.to_be_bytes())?;
        if full {
            held.flush()?;
            sent.clear()?;
        }
        drop(held);
        self.disk.dequeued(seq);
        Ok(())
    }

    fn position(&self, platform: Platform) -> Result<Option<String>, StoreError> {
        let held = self.disk.read()?;
        let at = held.trees.meta.get(position_key(platform))?;
        Ok(at.map(|v| String::from_utf8_lossy(&v).into_owned()))
    }

    fn set_position(&self, platform: Platform, position: &str) -> Result<(), StoreError> {
        let held = self.disk.read()?;
        held.trees
            .meta
            .insert(position_key(platform), position.as_bytes())?;
        Ok(())
    }

    fn sweep_handled(&self, before: i64) -> Result<usize, StoreError> {
        let held = self.disk.read()?;
        let mut removed = 0;
        for tree in &held.trees.handled {
            for entry in tree.iter() {
                let (key, value) = entry?;
                let at = <[u8; 8]>::try_from(value.as_ref()).map_or(0, i64::from_be_bytes);
                if at < before {
                    tree.remove(key)?;
                    removed += 1;
                }
            }
        }
        Ok(removed)
    }

    fn drafts(&self) -> Result<Vec<UserKey>, StoreError> {
        let held = self.disk.read()?;
        let mut out = Vec::new();
        for entry in held.trees.sessions.iter() {
            let (key, value) = entry?;
            if may_hold_contact(&value) && decode(&value).is_ok_and(|s| s.has_contact()) {
                out.push(UserKey::from_raw(&String::from_utf8_lossy(&key)));
            }
        }
        Ok(out)
    }

    fn mark_erased(&self) {
        self.disk.erased();
    }

    fn erase_deleted(&self) -> Result<bool, StoreError> {
        self.disk.rewrite_if_erased()
    }

    fn erasure_pending(&self) -> bool {
        self.disk.is_erased()
    }
}
