//! The peer benchmark's driver: simulated people who each go start → button → button →
//! button → text against a bot through the Bot API test server, waiting for every reply, and
//! the figures of a run. Shared by `benches/peers.rs` and its short version in the suite
//! (`tests/it/peers.rs`).

#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use crate::botapi::{BotApi, Sent};

/// One run's figures.
#[derive(Clone, Debug)]
pub struct Figures {
    pub bot: String,
    pub users: usize,
    pub rtt_ms: u64,
    pub updates: usize,
    pub per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub cpu_per_1000: f64,
    pub peak_rss_mib: f64,
    pub server_cpu_share: f64,
}

/// (user + system CPU seconds, peak RSS in KiB) of a process.
pub fn usage(pid: u32) -> (f64, u64) {
    let cpu = crate::procstat::stat_cpu_seconds(std::path::Path::new(&format!("/proc/{pid}/stat")));
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let hwm = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0);
    (cpu, hwm)
}

/// Where one simulated person is in the script.
struct Person {
    step: usize,
    asked: Instant,
    /// The latest message with buttons, and its first button's data.
    last: Option<(i32, String)>,
}

const STEPS: usize = 5;
const FIRST_USER: i64 = 100_000;

fn act(api: &BotApi, id: i64, p: &mut Person) {
    p.asked = Instant::now();
    match (p.step, &p.last) {
        (0, _) | (_, None) => {
            p.step = 0;
            api.send_text(id, "uk", "/start");
        }
        (4, _) => {
            api.send_text(id, "uk", "шукаю житло");
        }
        (_, Some((message, data))) => {
            api.press(id, "uk", *message, data);
        }
    }
}

/// Drives `users` people against the bot with process id `pid` (already answering) for
/// `window` after a warm-up of a third of it, with `rtt` added to every Bot API request.
pub fn drive(
    api: &BotApi,
    replies: &Receiver<Sent>,
    pid: u32,
    bot: &str,
    users: usize,
    rtt: u64,
    window: Duration,
) -> Figures {
    api.set_round_trip(Duration::from_millis(rtt));
    let mut people: HashMap<i64, Person> = HashMap::new();
    for i in 0..users as i64 {
        let mut p = Person {
            step: 0,
            asked: Instant::now(),
            last: None,
        };
        act(api, FIRST_USER + i, &mut p);
        people.insert(FIRST_USER + i, p);
    }
    let warm = window / 3;
    let started = Instant::now();
    let mut measuring: Option<(Instant, f64, f64)> = None;
    let mut latencies = Vec::new();
    loop {
        let now = Instant::now();
        if measuring.is_none() && now >= started + warm {
            measuring = Some((now, usage(pid).0, BotApi::cpu_seconds()));
        }
        if let Some((from, _, _)) = measuring
            && now >= from + window
        {
            break;
        }
        let Ok(sent) = replies.recv_timeout(Duration::from_millis(200)) else {
            continue;
        };
        answered(api, &sent, &mut people, measuring.is_some(), &mut latencies);
    }
    let (from, cpu_before, server_before) = measuring.unwrap();
    let elapsed = from.elapsed().as_secs_f64();
    let (cpu_after, hwm) = usage(pid);
    let server = BotApi::cpu_seconds() - server_before;
    latencies.sort();
    let at = |p: f64| {
        latencies
            .get(((latencies.len().max(1) - 1) as f64 * p).round() as usize)
            .map_or(f64::NAN, |d: &Duration| d.as_secs_f64() * 1e3)
    };
    let updates = latencies.len();
    Figures {
        bot: bot.to_owned(),
        users,
        rtt_ms: rtt,
        updates,
        per_second: updates as f64 / elapsed,
        p50_ms: at(0.5),
        p99_ms: at(0.99),
        cpu_per_1000: (cpu_after - cpu_before) / updates.max(1) as f64 * 1000.0,
        peak_rss_mib: hwm as f64 / 1024.0,
        server_cpu_share: server / elapsed,
    }
}

/// A reply reached a person: note its latency and do their next step.
fn answered(
    api: &BotApi,
    sent: &Sent,
    people: &mut HashMap<i64, Person>,
    counting: bool,
    latencies: &mut Vec<Duration>,
) {
    let Some(p) = people.get_mut(&sent.chat) else {
        return;
    };
    if let Some((_, data)) = sent.buttons.first() {
        p.last = Some((sent.message_id, data.clone()));
    }
    if counting {
        latencies.push(sent.at.duration_since(p.asked));
    }
    p.step = (p.step + 1) % STEPS;
    act(api, sent.chat, p);
}
