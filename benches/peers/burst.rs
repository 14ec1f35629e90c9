//! The burst (`--burst`): 1000 people start within one second, as when a caseworker posts the
//! link in a large group chat, and 10 of them write a crisis phrase instead. Telegram's limits
//! on: the server answers 429 past 30 messages/s overall or 1/s to one chat; Krok at its
//! defaults. Prints how long each crisis reply took (p99 goal ≤ 1.5 s), whether everyone else
//! was answered in the order they wrote, the rate the queue drained at (goal ≥ 28 msg/s) and
//! the 429 answers (goal none).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::botapi::BotApi;

const PEOPLE: i64 = 1000;
const FIRST: i64 = 200_000;
/// Every 100th person writes this instead of `/start`.
const CRISIS: &str = "хочу покінчити з собою";

pub fn burst(start_bot: impl FnOnce(&str) -> Box<dyn std::any::Any>) {
    let api = BotApi::start(true);
    let replies = api.subscribe(true);
    let bot = start_bot(&api.url);
    api.send_text(1, "uk", "/start");
    replies
        .recv_timeout(Duration::from_secs(60))
        .expect("the bot answers");
    std::thread::sleep(Duration::from_millis(1200));
    let mut asked: HashMap<i64, Instant> = HashMap::new();
    let began = Instant::now();
    for i in 0..PEOPLE {
        let at = began + Duration::from_secs(1) * i as u32 / PEOPLE as u32;
        std::thread::sleep(at.saturating_duration_since(Instant::now()));
        let text = if i % 100 == 50 { CRISIS } else { "/start" };
        asked.insert(FIRST + i, Instant::now());
        api.send_text(FIRST + i, "uk", text);
    }
    let mut first: HashMap<i64, Instant> = HashMap::new();
    let mut sent = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(120);
    while (first.len() as i64) < PEOPLE && Instant::now() < deadline {
        if let Ok(s) = replies.recv_timeout(Duration::from_millis(500)) {
            sent.push(s.at);
            first.entry(s.chat).or_insert(s.at);
        }
    }
    drop(bot);
    let mut crisis: Vec<f64> = (0..PEOPLE)
        .filter(|i| i % 100 == 50)
        .filter_map(|i| Some(first.get(&(FIRST + i))?.duration_since(asked[&(FIRST + i)])))
        .map(|d| d.as_secs_f64())
        .collect();
    crisis.sort_by(f64::total_cmp);
    let order: Vec<Instant> = (0..PEOPLE)
        .filter(|i| i % 100 != 50)
        .filter_map(|i| first.get(&(FIRST + i)).copied())
        .collect();
    let out_of_order = order.windows(2).filter(|w| w[1] < w[0]).count();
    let span = sent
        .last()
        .zip(sent.first())
        .map_or(0.0, |(l, f)| l.duration_since(*f).as_secs_f64());
    println!(
        "burst: {} of {PEOPLE} people answered; crisis replies ({} people): p50 {:.2} s, p99 {:.2} s, max {:.2} s",
        first.len(),
        crisis.len(),
        crisis.get(crisis.len() / 2).copied().unwrap_or(f64::NAN),
        crisis
            .get(((crisis.len().max(1) - 1) as f64 * 0.99).round() as usize)
            .copied()
            .unwrap_or(f64::NAN),
        crisis.last().copied().unwrap_or(f64::NAN)
    );
    println!(
        "burst: everyone else answered in the order they wrote, except {out_of_order} of {} neighbours; \
         {} messages drained at {:.2} msg/s; 429 answers: {}",
        order.len().saturating_sub(1),
        sent.len(),
        (sent.len().max(2) - 1) as f64 / span.max(1e-9),
        api.too_many_requests()
    );
}
