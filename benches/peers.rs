//! Krok side by side with the bots people would otherwise write, on one Bot API test server:
//! `bash benches/peers/run` (installs the Python peers into a virtual environment, builds the
//! release binaries, then runs this). Each bot runs as its own process against the server in
//! this one; N people each go start → button → button → button → text, waiting for every
//! reply; bots alternate round by round. For each: updates/s, reply latency p50/p99, the bot
//! process's CPU per 1000 updates (from /proc/<pid>/stat), its peak RSS, and the server's
//! own CPU, so it is seen not to be the bottleneck. Writes `target/peers/results.md` and the
//! latency plot `benches/peers/latency.svg`.
//!
//! Arguments (all optional): `--bots krok,aiogram-memory,aiogram-sqlite,ptb-memory,ptb-sqlite`
//! `--users 100,1000`
//! `--rtt 0,20` (milliseconds added to every Bot API request) `--seconds 15` `--rounds 2`.

#[path = "../tests/it/botapi.rs"]
mod botapi;
#[path = "peers/plot.rs"]
mod plot;

use std::collections::HashMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use botapi::{BotApi, Sent, TOKEN};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

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

struct Settings {
    bots: Vec<String>,
    users: Vec<usize>,
    rtts: Vec<u64>,
    seconds: u64,
    rounds: usize,
}

fn settings() -> Settings {
    let args: Vec<String> = std::env::args().collect();
    let value = |name: &str, default: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1).cloned())
            .unwrap_or_else(|| default.to_owned())
    };
    let list = |name: &str, default: &str| -> Vec<String> {
        value(name, default).split(',').map(str::to_owned).collect()
    };
    Settings {
        bots: list(
            "--bots",
            "krok,aiogram-memory,aiogram-sqlite,ptb-memory,ptb-sqlite",
        ),
        users: list("--users", "100,1000")
            .iter()
            .map(|n| n.parse().expect("--users takes numbers"))
            .collect(),
        rtts: list("--rtt", "0,20")
            .iter()
            .map(|n| n.parse().expect("--rtt takes milliseconds"))
            .collect(),
        seconds: value("--seconds", "15").parse().expect("--seconds"),
        rounds: value("--rounds", "2").parse().expect("--rounds"),
    }
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let s = settings();
    let mut all: Vec<Figures> = Vec::new();
    for &rtt in &s.rtts {
        for &users in &s.users {
            for _ in 0..s.rounds {
                for bot in &s.bots {
                    let figures = run(bot, users, rtt, Duration::from_secs(s.seconds));
                    println!("{}", row(&figures));
                    all.push(figures);
                }
            }
        }
    }
    let best = best_of_rounds(&all);
    let table = table(&best);
    println!("\n{table}");
    let out = root().join("target/peers");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("results.md"), &table).unwrap();
    std::fs::write(
        root().join("benches/peers/latency.svg"),
        plot::latency(&best),
    )
    .unwrap();
}

/// A bot's process, killed when dropped (also when a run panics).
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The bot's process, started against the server at `url` with its state in `dir`.
fn start(bot: &str, url: &str, dir: &Path) -> Running {
    let python = std::env::var("PEERS_PYTHON").unwrap_or_else(|_| "python3".into());
    let mut cmd = match bot {
        "krok" => {
            let mut c = Command::new(root().join("target/release/krok"));
            c.arg("run")
                .env("KROK_TELEGRAM_TOKEN", TOKEN)
                .env("KROK_TELEGRAM_API_URL", url)
                .env("KROK_DATA_DIR", dir)
                .env("KROK_TELEGRAM_PER_SECOND", "0")
                .env("KROK_TELEGRAM_PER_CHAT_MS", "0")
                .env("KROK_TELEGRAM_POLL_TIMEOUT_SECS", "1")
                .env("KROK_HEALTH_LISTEN", "")
                .env("RUST_LOG", "warn");
            c
        }
        aiogram if aiogram.starts_with("aiogram-") => {
            let mut c = Command::new(&python);
            c.arg(root().join("benches/peers/aiogram_bot.py"))
                .arg(url)
                .arg(TOKEN)
                .arg(aiogram.trim_start_matches("aiogram-"))
                .arg(dir.join("fsm.sqlite"));
            c
        }
        ptb if ptb.starts_with("ptb-") => {
            let mut c = Command::new(&python);
            c.arg(root().join("benches/peers/ptb_bot.py"))
                .arg(url)
                .arg(TOKEN)
                .arg(ptb.trim_start_matches("ptb-"))
                .arg(dir.join("conv.sqlite"));
            c
        }
        other => panic!("no bot named {other}"),
    };
    cmd.current_dir(root())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(match std::env::var_os("PEERS_VERBOSE") {
            Some(_) => Stdio::inherit(),
            None => Stdio::null(),
        });
    for (name, _) in std::env::vars() {
        if name.starts_with("KROK_") && bot != "krok" {
            cmd.env_remove(name);
        }
    }
    Running(
        cmd.spawn()
            .unwrap_or_else(|e| panic!("starting {bot}: {e}")),
    )
}

/// (user + system CPU seconds, peak RSS in KiB) of a process.
fn usage(pid: u32) -> (f64, u64) {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    let field = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
    };
    let cpu = (field(11) + field(12)) as f64 / 100.0;
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

/// One bot, `users` people, for `window` after a warm-up.
fn run(bot: &str, users: usize, rtt: u64, window: Duration) -> Figures {
    let api = BotApi::start(false);
    let replies = api.subscribe(true);
    let dir = tempfile::tempdir().unwrap();
    let child = start(bot, &api.url, dir.path());
    // The bot is up when it answers one person.
    api.send_text(1, "uk", "/start");
    replies
        .recv_timeout(Duration::from_secs(60))
        .unwrap_or_else(|_| panic!("{bot} did not answer within a minute"));
    api.set_round_trip(Duration::from_millis(rtt));
    let mut people: HashMap<i64, Person> = HashMap::new();
    for i in 0..users as i64 {
        let mut p = Person {
            step: 0,
            asked: Instant::now(),
            last: None,
        };
        act(&api, FIRST_USER + i, &mut p);
        people.insert(FIRST_USER + i, p);
    }
    let warm = window / 3;
    let started = Instant::now();
    let mut measuring: Option<(Instant, f64, f64)> = None;
    let mut latencies = Vec::new();
    loop {
        let now = Instant::now();
        if measuring.is_none() && now >= started + warm {
            measuring = Some((now, usage(child.0.id()).0, BotApi::cpu_seconds()));
        }
        if let Some((from, _, _)) = measuring
            && now >= from + window
        {
            break;
        }
        let Ok(sent) = replies.recv_timeout(Duration::from_millis(200)) else {
            continue;
        };
        answered(
            &api,
            &sent,
            &mut people,
            measuring.is_some(),
            &mut latencies,
        );
    }
    let (from, cpu_before, server_before) = measuring.unwrap();
    let elapsed = from.elapsed().as_secs_f64();
    let (cpu_after, hwm) = usage(child.0.id());
    let server = BotApi::cpu_seconds() - server_before;
    drop(child);
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

/// Per bot, users and round trip, the round with the most updates/s.
fn best_of_rounds(all: &[Figures]) -> Vec<Figures> {
    let mut best: Vec<Figures> = Vec::new();
    for f in all {
        match best
            .iter_mut()
            .find(|b| b.bot == f.bot && b.users == f.users && b.rtt_ms == f.rtt_ms)
        {
            Some(b) if b.per_second < f.per_second => *b = f.clone(),
            Some(_) => {}
            None => best.push(f.clone()),
        }
    }
    best
}

fn row(f: &Figures) -> String {
    format!(
        "| {} | {} | {} ms | {:.0} | {:.1} | {:.1} | {:.3} s | {:.0} MiB | {:.0} % |",
        f.bot,
        f.users,
        f.rtt_ms,
        f.per_second,
        f.p50_ms,
        f.p99_ms,
        f.cpu_per_1000,
        f.peak_rss_mib,
        f.server_cpu_share * 100.0
    )
}

/// The side-by-side table with Krok's ratios against each peer in the same setting.
fn table(best: &[Figures]) -> String {
    let mut out = String::from(
        "| bot | people | round trip | updates/s | p50 ms | p99 ms | CPU per 1000 updates | peak RSS | server CPU |\n\
         |---|---|---|---|---|---|---|---|---|\n",
    );
    for f in best {
        out.push_str(&row(f));
        out.push('\n');
    }
    out.push_str("\n| setting | peer | Krok's CPU per update, times less | Krok's updates/s, times more |\n|---|---|---|---|\n");
    for k in best.iter().filter(|f| f.bot == "krok") {
        for p in best
            .iter()
            .filter(|f| f.bot != "krok" && f.users == k.users && f.rtt_ms == k.rtt_ms)
        {
            out.push_str(&format!(
                "| {} people, {} ms | {} | {:.1}× | {:.1}× |\n",
                k.users,
                k.rtt_ms,
                p.bot,
                p.cpu_per_1000 / k.cpu_per_1000,
                k.per_second / p.per_second
            ));
        }
    }
    out
}
