//! Daily demand figures without personal data: conversations started per platform, language and
//! referral tag, steps reached, services shown, crisis triggers, bookings made and cancelled.
//! A key is `date \0 counter \0 label` and a value a big-endian count; no user id, chat id or
//! text ever enters this tree. `shown` hides small counts so no single person can be picked out.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Warsaw;

use crate::core::event::Event;
use crate::core::lang::Lang;

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

pub struct Demand {
    tree: sled::Tree,
}

impl Demand {
    pub fn open(db: &sled::Db) -> Result<Demand, sled::Error> {
        Ok(Demand {
            tree: db.open_tree("demand")?,
        })
    }

    /// Counts what one turn on `platform` did, on the Kraków day of `now`.
    pub fn record(
        &self,
        now: DateTime<Utc>,
        platform: &str,
        lang: Option<Lang>,
        events: &[Event],
    ) -> Result<(), sled::Error> {
        let date = now.with_timezone(&Warsaw).date_naive();
        for (counter, label) in counters(platform, lang, events) {
            let label = match counter {
                "started-tag" => self.tag_label(date, label)?,
                _ => label,
            };
            self.tree
                .update_and_fetch(key(date, counter, &label), bump)?;
        }
        Ok(())
    }

    fn tag_label(&self, date: NaiveDate, tag: String) -> Result<String, sled::Error> {
        if self.tree.contains_key(key(date, "started-tag", &tag))? {
            return Ok(tag);
        }
        let prefix = key(date, "started-tag", "");
        let known = self.tree.scan_prefix(prefix).take(TAGS_PER_DAY).count();
        Ok(if known >= TAGS_PER_DAY {
            "other".to_owned()
        } else {
            tag
        })
    }

    /// Every counter from `from` to `to`, both included, by date, counter and label.
    pub fn figures(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Figure>, sled::Error> {
        let start = from.to_string();
        let end = format!("{to}\u{1}");
        let mut out = Vec::new();
        for entry in self.tree.range(start.as_bytes()..end.as_bytes()) {
            let (k, v) = entry?;
            if let Some(figure) = parse(&k, &v) {
                out.push(figure);
            }
        }
        Ok(out)
    }

    /// Deletes the days older than `keep_days` before the Kraków day of `now`.
    pub fn sweep(&self, keep_days: u32, now: DateTime<Utc>) -> Result<usize, sled::Error> {
        let today = now.with_timezone(&Warsaw).date_naive();
        let first_kept = today - chrono::Days::new(keep_days.into());
        let mut removed = 0;
        for entry in self.tree.range(..first_kept.to_string().as_bytes()) {
            self.tree.remove(entry?.0)?;
            removed += 1;
        }
        Ok(removed)
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

fn key(date: NaiveDate, counter: &str, label: &str) -> Vec<u8> {
    format!("{date}\0{counter}\0{label}").into_bytes()
}

fn bump(old: Option<&[u8]>) -> Option<Vec<u8>> {
    let count = old
        .and_then(|b| b.try_into().ok())
        .map_or(0, u64::from_be_bytes);
    Some((count + 1).to_be_bytes().to_vec())
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
            out.push_str(&format!("{},{},{},{count}\n", f.date, f.counter, f.label));
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
