//! Daily demand figures without personal data: conversations started per platform, language and
//! referral tag, steps reached, services shown, crisis triggers, bookings made and cancelled.
//! A counter is a date, a counter name and a label, and a count; no user id, chat id or text
//! ever enters them. `shown` hides small counts so no single person can be picked out.

mod memory_demand;
mod sled_demand;
mod today;

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Warsaw;

pub use self::memory_demand::MemoryDemand;
pub use self::sled_demand::SledDemand;
pub use self::today::StartedToday;
use crate::core::event::Event;
use crate::core::lang::Lang;
use crate::store::StoreError;

/// Distinct referral tags counted per day; more are counted as `other`, so made-up links
/// cannot grow the tree without bound.
pub const TAGS_PER_DAY: usize = 50;

/// One daily counter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figure {
    pub date: NaiveDate,
    pub counter: String,
    pub label: String,
    pub count: u64,
}

/// The demand figures port: daily counters keyed by date, counter and label, with a sled
/// and an in-memory implementation that pass one suite (`tests/it/ops.rs`).
pub trait DemandStore: Send + Sync {
    /// Adds `n` to a counter.
    fn add(&self, date: NaiveDate, counter: &str, label: &str, n: u64) -> Result<(), StoreError>;
    fn contains(&self, date: NaiveDate, counter: &str, label: &str) -> Result<bool, StoreError>;
    /// How many different labels a counter has on a date.
    fn labels(&self, date: NaiveDate, counter: &str) -> Result<usize, StoreError>;
    /// Every counter from `from` to `to`, both included, by date, counter and label.
    fn figures(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Figure>, StoreError>;
    /// Deletes every counter of the days before `date`; returns how many.
    fn remove_before(&self, date: NaiveDate) -> Result<usize, StoreError>;
}

/// What one turn did, as the figures count it.
pub struct Counted<'a> {
    pub now: DateTime<Utc>,
    pub platform: &'a str,
    pub lang: Option<Lang>,
    pub events: &'a [Event],
}

/// Counts what turns did, per Kraków day, in a `DemandStore`.
#[derive(Clone)]
pub struct Demand {
    store: Arc<dyn DemandStore>,
}

impl Demand {
    /// The figures in the store's sled database (through `SledStore::demand`).
    pub(crate) fn open(disk: Arc<crate::store::Disk>) -> Demand {
        Demand::new(Arc::new(SledDemand::new(disk)))
    }

    /// Figures kept in memory only.
    pub fn memory() -> Demand {
        Demand::new(Arc::new(MemoryDemand::default()))
    }

    pub fn new(store: Arc<dyn DemandStore>) -> Demand {
        Demand { store }
    }

    /// Counts what one turn on `platform` did, on the Kraków day of `now`.
    pub fn record(
        &self,
        now: DateTime<Utc>,
        platform: &str,
        lang: Option<Lang>,
        events: &[Event],
    ) -> Result<(), StoreError> {
        self.record_all([&Counted {
            now,
            platform,
            lang,
            events,
        }])
    }

    /// Counts the turns of a batch with one write per counter they touch, not one per event.
    pub fn record_all<'a, 'b: 'a>(
        &self,
        turns: impl IntoIterator<Item = &'a Counted<'b>>,
    ) -> Result<(), StoreError> {
        let mut sums: BTreeMap<(NaiveDate, &'static str, String), u64> = BTreeMap::new();
        let mut new_tags = Vec::new();
        for turn in turns {
            let date = turn.now.with_timezone(&Warsaw).date_naive();
            for (counter, label) in counters(turn.platform, turn.lang, turn.events) {
                let label = match counter {
                    "started-tag" => self.tag_label(date, label, &mut new_tags)?,
                    _ => label,
                };
                *sums.entry((date, counter, label)).or_default() += 1;
            }
        }
        for ((date, counter, label), n) in sums {
            self.store.add(date, counter, &label, n)?;
        }
        Ok(())
    }

    /// The label a referral tag is counted under: itself while the day has fewer than
    /// `TAGS_PER_DAY` tags (those stored and those `new` in this batch), else `other`.
    fn tag_label(
        &self,
        date: NaiveDate,
        tag: String,
        new: &mut Vec<(NaiveDate, String)>,
    ) -> Result<String, StoreError> {
        let new_that_day = || new.iter().filter(|(d, _)| *d == date);
        if new_that_day().any(|(_, t)| *t == tag)
            || self.store.contains(date, "started-tag", &tag)?
        {
            return Ok(tag);
        }
        let known = self.store.labels(date, "started-tag")? + new_that_day().count();
        if known >= TAGS_PER_DAY {
            return Ok("other".to_owned());
        }
        new.push((date, tag.clone()));
        Ok(tag)
    }

    /// Every counter from `from` to `to`, both included, by date, counter and label.
    pub fn figures(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Figure>, StoreError> {
        self.store.figures(from, to)
    }

    /// Deletes the days older than `keep_days` before the Kraków day of `now`.
    pub fn sweep(&self, keep_days: u32, now: DateTime<Utc>) -> Result<usize, StoreError> {
        let today = now.with_timezone(&Warsaw).date_naive();
        self.store
            .remove_before(today - chrono::Days::new(keep_days.into()))
    }
}

/// The counters one turn's events add to.
fn counters(platform: &str, lang: Option<Lang>, events: &[Event]) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for event in events {
        match event {
            Event::Started { tag } => {
                out.push(("started-platform", platform.to_owned()));
                let lang = lang.map_or("none", Lang::code);
                out.push(("started-lang", lang.to_owned()));
                if let Some(tag) = tag {
                    out.push(("started-tag", tag.clone()));
                }
            }
            Event::Node(id) => out.push(("node", id.clone())),
            Event::Service(id) => out.push(("service", id.clone())),
            Event::Crisis => out.push(("crisis", platform.to_owned())),
            Event::Booked(kind) => out.push(("booked", kind.clone())),
            Event::Cancelled(kind) => out.push(("cancelled", kind.clone())),
        }
    }
    out
}

/// A count as it may be shown: below `threshold` (but not zero) it is `<threshold`.
pub fn shown(count: u64, threshold: u64) -> String {
    if count > 0 && count < threshold {
        format!("<{threshold}")
    } else {
        count.to_string()
    }
}

/// The figures as a table or CSV, each count passed through `shown`.
pub fn report(figures: &[Figure], threshold: u64, csv: bool) -> String {
    let mut out = String::new();
    if csv {
        out.push_str("date,counter,label,count\n");
        for f in figures {
            let count = shown(f.count, threshold);
            // Labels are ids and tags of letters, digits, `_` and `-`; one kept from before
            // tags had to start with a letter or digit must not read as a formula.
            let label = match f.label.starts_with(['=', '+', '-', '@']) {
                true => format!("'{}", f.label),
                false => f.label.clone(),
            };
            out.push_str(&format!("{},{},{label},{count}\n", f.date, f.counter));
        }
        return out;
    }
    if figures.is_empty() {
        out.push_str("no figures for these days\n");
    }
    for f in figures {
        let count = shown(f.count, threshold);
        let line = format!("{}  {:<17} {:<32} {count:>6}\n", f.date, f.counter, f.label);
        out.push_str(&line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_counts_are_hidden() {
        assert_eq!(shown(0, 5), "0");
        assert_eq!(shown(1, 5), "<5");
        assert_eq!(shown(4, 5), "<5");
        assert_eq!(shown(5, 5), "5");
        assert_eq!(shown(3, 1), "3");
    }
}
