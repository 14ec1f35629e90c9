//! Who the caseworkers are now: read from the settings at start and again at SIGHUP, and
//! shared by the chat (`/day`, `/cancelbooking`, `/desk`) and the desk. Taking someone off
//! `caseworkers` and sending SIGHUP ends their desk sessions at their next request.

use std::collections::HashSet;
use std::sync::Arc;

use arc_swap::ArcSwap;

/// The caseworkers' user keys (`tg:123`, `mx:@ann:example.org`); clones share one list.
#[derive(Clone, Default)]
pub struct Staff(Arc<ArcSwap<HashSet<String>>>);

/// What a new list changed: how many were added, and who was taken off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffChange {
    pub added: usize,
    pub removed: Vec<String>,
}

impl Staff {
    pub fn new(who: impl IntoIterator<Item = String>) -> Staff {
        Staff(Arc::new(ArcSwap::from_pointee(who.into_iter().collect())))
    }

    pub fn contains(&self, who: &str) -> bool {
        self.0.load().contains(who)
    }

    pub fn len(&self) -> usize {
        self.0.load().len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.load().is_empty()
    }

    /// Uses `who` from now on, in the chat and the desk alike.
    pub fn replace(&self, who: impl IntoIterator<Item = String>) -> StaffChange {
        let new: HashSet<String> = who.into_iter().collect();
        let old = self.0.swap(Arc::new(new.clone()));
        let mut removed: Vec<String> = old.difference(&new).cloned().collect();
        removed.sort();
        StaffChange {
            added: new.difference(&old).count(),
            removed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replaced_list_is_seen_by_every_clone_and_the_change_counted() {
        let staff = Staff::new(["tg:1".to_owned(), "tg:2".to_owned()]);
        let desk = staff.clone();
        let change = staff.replace(["tg:2".to_owned(), "mx:@ann:example.org".to_owned()]);
        assert_eq!(
            change,
            StaffChange {
                added: 1,
                removed: vec!["tg:1".to_owned()]
            }
        );
        assert!(!desk.contains("tg:1"));
        assert!(desk.contains("mx:@ann:example.org"));
        assert_eq!(desk.len(), 2);
    }
}
