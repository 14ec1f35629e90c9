//! Demand figures in memory, ordered as the sled tree orders them.

use std::collections::BTreeMap;
use std::sync::Mutex;

use chrono::NaiveDate;

use super::{DemandStore, Figure};
use crate::store::StoreError;

#[derive(Default)]
pub struct MemoryDemand {
    counts: Mutex<BTreeMap<(NaiveDate, String, String), u64>>,
}

impl MemoryDemand {
    fn counts(&self) -> std::sync::MutexGuard<'_, BTreeMap<(NaiveDate, String, String), u64>> {
        self.counts.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl DemandStore for MemoryDemand {
    fn add(&self, date: NaiveDate, counter: &str, label: &str, n: u64) -> Result<(), StoreError> {
        *self
            .counts()
            .entry((date, counter.to_owned(), label.to_owned()))
            .or_insert(0) += n;
        Ok(())
    }

    fn contains(&self, date: NaiveDate, counter: &str, label: &str) -> Result<bool, StoreError> {
        let key = (date, counter.to_owned(), label.to_owned());
        Ok(self.counts().contains_key(&key))
    }

    fn labels(&self, date: NaiveDate, counter: &str) -> Result<usize, StoreError> {
        Ok(self
            .counts()
            .keys()
            .filter(|(d, c, _)| *d == date && c == counter)
            .count())
    }

    fn figures(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Figure>, StoreError> {
        Ok(self
            .counts()
            .iter()
            .filter(|((d, _, _), _)| (from..=to).contains(d))
            .map(|((date, counter, label), count)| Figure {
                date: *date,
                counter: counter.clone(),
                label: label.clone(),
                count: *count,
            })
            .collect())
    }

    fn remove_before(&self, date: NaiveDate) -> Result<usize, StoreError> {
        let mut counts = self.counts();
        let before = counts.len();
        counts.retain(|(d, _, _), _| *d >= date);
        Ok(before - counts.len())
    }
}
