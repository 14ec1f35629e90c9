//! Telegram figures against the Bot API test server: `cargo bench --bench telegram`
//! (`-- batch` or `-- throughput` for one of them). Prints figures; see BENCHMARKS.md.

#[path = "../tests/it/botapi.rs"]
mod botapi;
#[path = "../tests/it/procstat.rs"]
mod procstat;

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use botapi::{BotApi, TOKEN};
use krok::adapters::telegram::convert::TgMsg;
use krok::adapters::telegram::{Telegram, TelegramConfig};
use krok::app::App;
use krok::outbox::{Item, Limits, Priority};
use krok::shutdown::Shutdown;
use krok::store::SledStore;

const BATCH: i64 = 3000;
const BATCH_FIRST_CHAT: i64 = 20_000;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--list") {
        return;
    }
    let only = |name: &str| {
        !args.iter().any(|a| a == "batch" || a == "throughput") || args.iter().any(|a| a == name)
    };
    if only("batch") {
        batch();
    }
    if only("throughput") {
        throughput();
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// 3000 batch messages to 3000 chats at Telegram's limits while one person keeps writing.
fn batch() {
    let api = BotApi::start(true);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(SledStore::open(dir.path()).unwrap());
    let content =
        krok::files::load_content(&root().join("dialogs"), &root().join("locales")).unwrap();
    let app = App::new(Arc::new(content), store.clone(), 30);
    let pipeline = Arc::new(krok::pipeline::Pipeline::new(app, store));
    let config = TelegramConfig {
        token: TOKEN.into(),
        api_url: Some(api.url.clone()),
        webhook_url: None,
        webhook_listen: "127.0.0.1:0".parse().unwrap(),
        webhook_listener: None,
        webhook_secret: None,
        limits: Limits::telegram(),
        poll_timeout_secs: 1,
        webhook_check: std::time::Duration::from_secs(60),
    };
    let telegram = runtime
        .block_on(Telegram::connect(config, pipeline))
        .unwrap();
    let reminder =
        "Нагадування: завтра о 16:00 ваша консультація. Щоб скасувати, натисніть кнопку."
            .to_owned();
    let items = (0..BATCH)
        .map(|i| {
            let msg = TgMsg::Text {
                html: reminder.clone(),
                buttons: Vec::new(),
            };
            Item::new((BATCH_FIRST_CHAT + i).to_string(), Priority::Batch, msg)
        })
        .collect();
    telegram.outbox().enqueue(items).unwrap();
    let (trigger, shutdown) = Shutdown::new();
    let serving = runtime.spawn(telegram.serve(shutdown));
    let user = 7;
    let mut latencies = Vec::new();
    let batch_sent = |api: &BotApi| {
        api.all_sent()
            .into_iter()
            .filter(|s| s.chat >= BATCH_FIRST_CHAT)
            .collect::<Vec<_>>()
    };
    let mut turn = 0;
    while (batch_sent(&api).len() as i64) < BATCH {
        let before = api.wait_messages(user, 0, Duration::ZERO).len();
        let text = if turn % 2 == 0 { "/start" } else { "1" };
        let asked = Instant::now();
        api.send_text(user, "uk", text);
        let replies = api.wait_messages(user, before + 1, Duration::from_secs(10));
        if let Some(reply) = replies.get(before) {
            latencies.push(reply.at.duration_since(asked));
        }
        turn += 1;
        std::thread::sleep(Duration::from_millis(1500));
    }
    trigger.fire();
    runtime.block_on(serving).unwrap().unwrap();
    let sent = batch_sent(&api);
    let span = sent
        .last()
        .unwrap()
        .at
        .duration_since(sent.first().unwrap().at);
    latencies.sort();
    println!(
        "batch: {} messages to {} chats in {:.1} s = {:.2} msg/s; 429 answers: {}",
        sent.len(),
        BATCH,
        span.as_secs_f64(),
        (sent.len() - 1) as f64 / span.as_secs_f64(),
        api.too_many_requests()
    );
    println!(
        "person writing during the batch: {} replies, p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms",
        latencies.len(),
        percentile(&latencies, 0.5).as_secs_f64() * 1e3,
        percentile(&latencies, 0.99).as_secs_f64() * 1e3,
        latencies.last().unwrap().as_secs_f64() * 1e3
    );
}

fn rss_kib(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Updates handled per second end to end with the limits off, and the bot process's memory.
fn throughput() {
    const USERS: i64 = 200;
    const PER_USER: usize = 10;
    let api = BotApi::start(false);
    let dir = tempfile::tempdir().unwrap();
    let mut bot = Command::new(env!("CARGO_BIN_EXE_krok"))
        .arg("run")
        .current_dir(root())
        .env("KROK_TELEGRAM_TOKEN", TOKEN)
        .env("KROK_TELEGRAM_API_URL", &api.url)
        .env("KROK_DATA_DIR", dir.path())
        .env("KROK_TELEGRAM_PER_SECOND", "0")
        .env("KROK_TELEGRAM_PER_CHAT_MS", "0")
        .env("KROK_TELEGRAM_POLL_TIMEOUT_SECS", "1")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    api.send_text(1, "en", "/start");
    api.wait_messages(1, 1, Duration::from_secs(10));
    let idle_rss = rss_kib(bot.id(), "VmRSS:");
    let started = Instant::now();
    for round in 0..PER_USER {
        for user in 0..USERS {
            let text = match round {
                0 => "/start",
                r if r % 2 == 1 => "1",
                _ => "/back",
            };
            api.send_text(1000 + user, "uk", text);
        }
    }
    let total = USERS as usize * PER_USER;
    let deadline = Instant::now() + Duration::from_secs(300);
    let mut peak = 0;
    loop {
        let done = api
            .all_sent()
            .iter()
            .filter(|s| s.chat >= 1000 && s.method == "sendMessage")
            .count();
        peak = peak.max(rss_kib(bot.id(), "VmRSS:"));
        if done >= total || Instant::now() > deadline {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let elapsed = started.elapsed();
    let hwm = rss_kib(bot.id(), "VmHWM:");
    bot.kill().unwrap();
    bot.wait().unwrap();
    println!(
        "throughput: {total} updates from {USERS} people answered in {:.2} s = {:.0} updates/s end to end",
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64()
    );
    println!(
        "bot memory: {:.1} MiB resident when idle, {:.1} MiB peak while answering (VmHWM {:.1} MiB)",
        idle_rss as f64 / 1024.0,
        peak as f64 / 1024.0,
        hwm as f64 / 1024.0
    );
}
