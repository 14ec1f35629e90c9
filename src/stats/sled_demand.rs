//! Demand figures in a sled tree: a key is `date \0 counter \0 label`, a value a big-endian
//! count, so a date range is a key range.

use std::sync::Arc;

use chrono::NaiveDate;

use super::{DemandStore, Figure};
use crate::store::{Disk, StoreError};

/// The figures live in the `demand` tree of the store's database.
pub struct SledDemand {
    disk: Arc<Disk>,
}

impl SledDemand {
    pub fn new(disk: Arc<Disk>) -> SledDemand {
        SledDemand { disk }
    }
}

fn key(date: NaiveDate, counter: &str, label: &str) -> Vec<u8> {
    format!("{date}\0{counter}\0{label}").into_bytes()
}

fn plus(old: Option<&[u8]>, n: u64) -> Option<Vec<u8>> {
    let count = old
        .and_then(|b| b.try_into().ok())
        .map_or(0, u64::from_be_bytes);
    Some((count + n).to_be_bytes().to_vec())
}

fn parse(key: &[u8], value: &[u8]) -> Option<Figure> {
    let key = std::str::from_utf8(key).ok()?;
    let mut parts = key.split('\0');
    let date = parts.next()?.parse().ok()?;
    let counter = parts.next()?.to_owned();
    let label = parts.next()?.to_owned();
    let count = u64::from_be_bytes(value.try_into().ok()?);
    Some(Figure {
        date,
        counter,
        label,
        count,
    })
}

impl DemandStore for SledDemand {
    fn add(&self, date: NaiveDate, counter: &str, label: &str, n: u64) -> Result<(), StoreError> {
        self.disk
            .read()?
            .trees
            .demand
            .update_and_fetch(key(date, counter, label), |old| plus(old, n))?;
        Ok(())
    }

    fn contains(&self, date: NaiveDate, counter: &str, label: &str) -> Result<bool, StoreError> {
        Ok(self
            .disk
            .read()?
            .trees
            .demand
            .contains_key(key(date, counter, label))?)
    }

    fn labels(&self, date: NaiveDate, counter: &str) -> Result<usize, StoreError> {
        let held = self.disk.read()?;
        Ok(held
            .trees
            .demand
            .scan_prefix(key(date, counter, ""))
            .count())
    }

    fn figures(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Figure>, StoreError> {
        let start = from.to_string();
        let end = format!("{to}\u{1}");
        let held = self.disk.read()?;
        let mut out = Vec::new();
        for entry in held.trees.demand.range(start.as_bytes()..end.as_bytes()) {
            let (k, v) = entry?;
            if let Some(figure) = parse(&k, &v) {
                out.push(figure);
            }
        }
        Ok(out)
    }

    fn remove_before(&self, date: NaiveDate) -> Result<usize, StoreError> {
        let held = self.disk.read()?;
        let tree = &held.trees.demand;
        let mut removed = 0;
        for entry in tree.range(..date.to_string().as_bytes()) {
            tree.remove(entry?.0)?;
            removed += 1;
        }
        Ok(removed)
    }
}
