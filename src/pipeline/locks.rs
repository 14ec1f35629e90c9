//! One turn per person at a time: two messages of one person (a webhook delivered twice at
//! once, a reminder queued during a turn) are decided one after the other; turns of different
//! people do not wait for each other. Order between one person's messages comes from the
//! adapters, which hand them over one after another in the order the platform gave them.

use std::collections::HashSet;
use std::sync::{Condvar, Mutex};

use crate::store::UserKey;

#[derive(Default)]
pub(super) struct Locks {
    busy: Mutex<HashSet<UserKey>>,
    freed: Condvar,
}

/// Held while one person's turn runs.
pub(super) struct Held<'a> {
    locks: &'a Locks,
    user: UserKey,
}

impl Locks {
    pub(super) fn hold(&self, user: &UserKey) -> Held<'_> {
        let mut busy = self.busy.lock().unwrap_or_else(|p| p.into_inner());
        while busy.contains(user) {
            busy = self.freed.wait(busy).unwrap_or_else(|p| p.into_inner());
        }
        busy.insert(user.clone());
        Held {
            locks: self,
            user: user.clone(),
        }
    }
}

impl Held<'_> {
    pub(super) fn user(&self) -> &UserKey {
        &self.user
    }
}

impl Drop for Held<'_> {
    fn drop(&mut self) {
        let mut busy = self.locks.busy.lock().unwrap_or_else(|p| p.into_inner());
        busy.remove(&self.user);
        drop(busy);
        self.locks.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[test]
    fn one_turn_per_person_at_a_time() {
        let locks = Arc::new(Locks::default());
        let inside = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let threads: Vec<_> = (0..8)
            .map(|_| {
                let (locks, inside, most) = (locks.clone(), inside.clone(), most.clone());
                std::thread::spawn(move || {
                    for _ in 0..50 {
                        let _held = locks.hold(&UserKey::new("tg", "1"));
                        let now = inside.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        std::thread::yield_now();
                        inside.fetch_sub(1, Ordering::SeqCst);
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert_eq!(most.load(Ordering::SeqCst), 1);
        assert!(locks.busy.lock().unwrap().is_empty());
    }
}
