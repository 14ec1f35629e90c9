//! sled disk and memory per stored session: `cargo bench --bench store_footprint`.
//! Prints figures (no timing assertions); see BENCHMARKS.md.

use std::time::Instant;

use krok::core::lang::Lang;
use krok::core::session::{Screen, Session};
use krok::store::{SessionStore, SledStore, UserKey};

const SESSIONS: u64 = 100_000;

fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let rss_before = rss_kib();
    let store = SledStore::open(dir.path()).unwrap();
    let started = Instant::now();
    for i in 0..SESSIONS {
        let session = Session {
            lang: Some(Lang::ALL[(i % 4) as usize]),
            screen: Screen::Node,
            node: "legal_advice".into(),
            history: vec!["start".into(), "legal".into()],
            tag: (i % 3 == 0).then(|| "mops".into()),
            referred_at: None,
            updated_at: 1_764_579_600 + i as i64,
            booking: None,
            listed: Vec::new(),
            crisis: None,
            unplaced: 0,
            chose_lang: false,
            pressed: vec![41, 44],
            unread: false,
            greeted_at: None,
            also: None,
        };
        store
            .save(
                &UserKey::new("tg", &(100_000_000 + i).to_string()),
                &session,
            )
            .unwrap();
    }
    store.flush().unwrap();
    let elapsed = started.elapsed();
    let disk = store.size_on_disk().unwrap();
    let rss = rss_kib().saturating_sub(rss_before) * 1024;
    println!("sessions stored:        {SESSIONS}");
    println!(
        "insert + flush:         {:.2} s ({:.0} sessions/s)",
        elapsed.as_secs_f64(),
        SESSIONS as f64 / elapsed.as_secs_f64()
    );
    println!(
        "sled size on disk:      {} bytes = {} bytes/session",
        disk,
        disk / SESSIONS
    );
    println!(
        "resident memory growth: {} bytes = {} bytes/session",
        rss,
        rss / SESSIONS
    );
}
