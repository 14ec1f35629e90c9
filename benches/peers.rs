//! Krok side by side with the bots people would otherwise write, on one Bot API test server:
//! `bash benches/peers/run` (installs the Python peers into a virtual environment, builds the
//! release binaries, then runs this). Each bot runs as its own process against the server in
//! this one; N people each go start → button → button → button → text, waiting for every
//! reply; bots alternate round by round. For each: updates/s, reply latency p50/p99, the bot
//! process's CPU per 1000 updates (from /proc/<pid>/stat), its peak RSS, and the server's
//! own CPU, so it is seen not to be the bottleneck. Writes `target/peers/results.md` and the
//! latency plot `target/peers/latency.svg`; with `--plot` also the documented plot
//! `benches/peers/latency.svg` (so a short run never overwrites the one BENCHMARKS.md shows).
//!
//! `--burst` runs the burst with Telegram's limits on instead (see `peers/burst.rs`).
//! `--replot` draws `benches/peers/latency.svg` again from `target/peers/results.md` without
//! running anything.
//! Arguments (all optional): `--bots krok,teloxide-memory,teloxide-sqlite,aiogram-memory,
//! aiogram-sqlite,ptb-memory,ptb-sqlite`
//! `--users 100,1000,10000`
//! `--rtt 0,20` (milliseconds added to every Bot API request) `--seconds 15` `--rounds 2`.

#[path = "../tests/it/botapi.rs"]
mod botapi;
#[path = "peers/burst.rs"]
mod burst;
#[path = "peers/drive.rs"]
mod drive;
#[path = "peers/plot.rs"]
mod plot;
#[path = "../tests/it/procstat.rs"]
mod procstat;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use botapi::{BotApi, TOKEN};
use drive::Figures;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
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
            "krok,teloxide-memory,teloxide-sqlite,aiogram-memory,aiogram-sqlite,ptb-memory,ptb-sqlite",
        ),
        users: list("--users", "100,1000,10000")
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
    if std::env::args().any(|a| a == "--burst") {
        burst::burst(|url| {
            let dir = tempfile::tempdir().unwrap();
            Box::new((start("krok-limited", url, dir.path()), dir))
        });
        return;
    }
    if std::env::args().any(|a| a == "--replot") {
        let table = std::fs::read_to_string(root().join("target/peers/results.md")).unwrap();
        let figures: Vec<Figures> = table.lines().filter_map(parse_row).collect();
        std::fs::write(
            root().join("benches/peers/latency.svg"),
            plot::latency(&figures),
        )
        .unwrap();
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
    let svg = plot::latency(&best);
    std::fs::write(out.join("latency.svg"), &svg).unwrap();
    if std::env::args().any(|a| a == "--plot") {
        std::fs::write(root().join("benches/peers/latency.svg"), &svg).unwrap();
        println!("plot: benches/peers/latency.svg");
    } else {
        println!("plot: target/peers/latency.svg (--plot writes benches/peers/latency.svg)");
    }
}

/// A bot's process, killed when dropped (also when a run panics).
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The bot's process, started against the server at `url` with its state in `dir`: `krok`
/// (limits off), `krok-limited` (Telegram's limits, as deployed), or a peer named
/// `<framework>-<memory|sqlite>`.
fn start(bot: &str, url: &str, dir: &Path) -> Running {
    let (kind, store) = bot.split_once('-').unwrap_or((bot, ""));
    let mut cmd = match kind {
        "krok" => {
            let mut c = Command::new(root().join("target/release/krok"));
            c.arg("run")
                .env("KROK_TELEGRAM_TOKEN", TOKEN)
                .env("KROK_TELEGRAM_API_URL", url)
                .env("KROK_DATA_DIR", dir)
                .env("KROK_TELEGRAM_POLL_TIMEOUT_SECS", "1")
                .env("KROK_HEALTH_LISTEN", "")
                // `PEERS_KROK_LOG=krok::pipeline=debug,krok::adapters::telegram=debug` with
                // `PEERS_VERBOSE=1` shows where each polling cycle's time goes.
                .env(
                    "RUST_LOG",
                    std::env::var("PEERS_KROK_LOG").unwrap_or_else(|_| "warn".into()),
                );
            if store != "limited" {
                c.env("KROK_TELEGRAM_PER_SECOND", "0")
                    .env("KROK_TELEGRAM_PER_CHAT_MS", "0");
            }
            c
        }
        "teloxide" | "aiogram" | "ptb" => {
            let mut c = match kind {
                "teloxide" => {
                    Command::new(root().join("target/peers-teloxide/release/krok-peer-teloxide"))
                }
                _ => {
                    let python = std::env::var("PEERS_PYTHON").unwrap_or_else(|_| "python3".into());
                    let mut c = Command::new(python);
                    c.arg(root().join(format!("benches/peers/{kind}_bot.py")));
                    c
                }
            };
            c.args([url, TOKEN, store]).arg(dir.join("state.sqlite"));
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
        if name.starts_with("KROK_") && kind != "krok" {
            cmd.env_remove(name);
        }
    }
    Running(
        cmd.spawn()
            .unwrap_or_else(|e| panic!("starting {bot}: {e}")),
    )
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
    let figures = drive::drive(&api, &replies, child.0.id(), bot, users, rtt, window);
    drop(child);
    figures
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

/// A row of the table back into figures (`--replot` draws the plot again from the last run).
fn parse_row(line: &str) -> Option<Figures> {
    let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
    let number =
        |i: usize| -> Option<f64> { cells.get(i)?.split_whitespace().next()?.parse().ok() };
    if cells.len() != 9 {
        return None;
    }
    Some(Figures {
        bot: cells[0].to_owned(),
        users: number(1)? as usize,
        rtt_ms: number(2)? as u64,
        updates: 0,
        per_second: number(3)?,
        p50_ms: number(4)?,
        p99_ms: number(5)?,
        cpu_per_1000: number(6)?,
        peak_rss_mib: number(7)?,
        server_cpu_share: number(8)? / 100.0,
    })
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
