//! Who started a conversation today, so the figures count a person once a day even when
//! `/forget` has taken their session (and with it the mark that they were counted): one
//! account sending `/start <link>` and `/forget` in a loop would otherwise be fifty people
//! from fifty referral points. Kept as hashes under a key drawn from the CSPRNG each Kraków
//! day, in memory only: at the day's end key and hashes go, and nothing links a hash to a
//! person without the key.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use sha2::{Digest, Sha256};

#[derive(Default)]
pub struct StartedToday {
    day: parking_lot::Mutex<Day>,
}

#[derive(Default)]
struct Day {
    date: Option<NaiveDate>,
    key: [u8; 32],
    seen: HashSet<[u8; 16]>,
}

impl StartedToday {
    /// Whether `user` starts for the first time this Kraków day (and, if so, remembers it).
    pub fn first(&self, user: &str, now: DateTime<Utc>) -> bool {
        let today = crate::core::schedule::krakow_date(now);
        let mut day = self.day.lock();
        if day.date != Some(today) {
            let mut key = [0; 32];
            // Without the operating system's randomness the key is all zeros: the hashes
            // still count a person once, they only no longer hide who is who in memory.
            if let Err(error) = getrandom::getrandom(&mut key) {
                tracing::warn!(%error, "no randomness for the day's key of the figures");
            }
            *day = Day {
                date: Some(today),
                key,
                seen: HashSet::new(),
            };
        }
        let digest = Sha256::new()
            .chain_update(day.key)
            .chain_update(user.as_bytes())
            .finalize();
        let mut hash = [0; 16];
        hash.copy_from_slice(&digest[..16]);
        day.seen.insert(hash)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_is_first_once_a_krakow_day() {
        let today = StartedToday::default();
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().to_utc();
        assert!(today.first("tg:1", at("2026-12-01T10:00:00Z")));
        assert!(!today.first("tg:1", at("2026-12-01T22:59:00Z")));
        assert!(today.first("tg:2", at("2026-12-01T22:59:00Z")));
        // 23:00 UTC is midnight in Kraków in winter: a new day.
        assert!(today.first("tg:1", at("2026-12-01T23:00:00Z")));
    }
}
