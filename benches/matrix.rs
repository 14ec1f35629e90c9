//! Matrix figures against a real Synapse on 127.0.0.1:8008: `cargo bench --bench matrix`.
//! Round trip (a resident sends, the bot's reply comes back through the resident's sync),
//! encrypted and not; the homeserver's receipt of the message to its receipt of the reply
//! (leaves out the resident's client); the bot's own share, apart from Synapse and the client,
//! timed on the wire by a proxy between the bot and Synapse (`matrix/wire.rs`: the sync carrying
//! the message handed to the bot -> the bot's send begins); the bot's CPU per message; the
//! bot's memory with 200 open direct chats. Prints figures.
// matrix-sdk's sync future is deep enough to need it.
#![recursion_limit = "256"]

#[path = "../tests/it/bounded.rs"]
#[allow(dead_code)]
mod bounded;
#[path = "../tests/it/matrix.rs"]
mod harness;
#[path = "../tests/it/procstat.rs"]
mod procstat;
#[path = "matrix/wire.rs"]
mod wire;

/// What the harness needs from the test support module.
mod support {
    use std::path::{Path, PathBuf};

    pub fn root() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }

    pub fn krok_bin() -> &'static Path {
        Path::new(env!("CARGO_BIN_EXE_krok"))
    }
}

use std::time::{Duration, Instant};

use harness::{Bot, Resident};
use wire::Wire;

const ROUNDS: usize = 60;
const ROOMS: usize = 200;

fn rss_mib(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kib: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0.0);
    kib / 1024.0
}

/// The process's user + system CPU time so far.
fn cpu(pid: u32) -> Duration {
    let stat = format!("/proc/{pid}/stat");
    Duration::from_secs_f64(procstat::stat_cpu_seconds(std::path::Path::new(&stat)))
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    harness::synapse();
    let data = tempfile::tempdir().unwrap();
    let runtime = harness::runtime();
    // The bot talks to Synapse through the timing proxy; the residents talk to it directly.
    let wire = runtime.block_on(Wire::start(
        harness::HOMESERVER.trim_start_matches("http://"),
    ));
    let bot = Bot::start_with(data.path(), &[("KROK_MATRIX_HOMESERVER", wire.url.clone())]);
    runtime.block_on(async {
        let mut ann = Resident::login().await;
        for encrypted in [false, true] {
            let room = ann.open_room(&bot.user, true, encrypted).await;
            ann.wait_joined(&room, &bot.user).await;
            ann.say(&room, "/start legal-en").await;
            ann.hear(&bot.user).await;
            let (mut times, mut shares, mut own) = (Vec::new(), Vec::new(), Vec::new());
            let cpu_before = cpu(bot.child.id());
            for i in 0..ROUNDS {
                let asked = Instant::now();
                let text = if i % 2 == 0 { "1" } else { "/back" };
                let (id, sent, answered) = ann.exchange(&room, text, &bot.user).await;
                times.push(asked.elapsed());
                shares.push(Duration::from_millis(answered.saturating_sub(sent)));
                own.push(wire.share(id.as_str()).expect("the proxy saw the message and the reply"));
            }
            let cpu_each = (cpu(bot.child.id()) - cpu_before) / ROUNDS as u32;
            times.sort();
            shares.sort();
            own.sort();
            let ms = |d: Duration| d.as_secs_f64() * 1e3;
            let which = if encrypted { "encrypted" } else { "unencrypted" };
            println!(
                "round trip, {which}: {ROUNDS} messages, median {:.0} ms, p99 {:.0} ms, max {:.0} ms",
                ms(times[ROUNDS / 2]),
                ms(times[(ROUNDS * 99) / 100]),
                ms(*times.last().unwrap())
            );
            println!(
                "homeserver's receipt of the message to its receipt of the reply, {which}: median {:.0} ms, p99 {:.0} ms",
                ms(shares[ROUNDS / 2]),
                ms(shares[(ROUNDS * 99) / 100]),
            );
            println!(
                "the bot's own share, {which} (on the wire: the sync carrying the message handed to the bot -> the bot's send begins): median {:.1} ms, p99 {:.1} ms; bot CPU {:.2} ms per message",
                ms(own[ROUNDS / 2]),
                ms(own[(ROUNDS * 99) / 100]),
                ms(cpu_each)
            );
        }
        let idle = rss_mib(bot.child.id());
        let mut residents = Vec::new();
        for _ in 0..(ROOMS / 20) {
            residents.push(Resident::login().await);
        }
        let mut opened = 0;
        for resident in residents.iter_mut() {
            for _ in 0..20 {
                let room = resident.open_room(&bot.user, true, true).await;
                resident.wait_joined(&room, &bot.user).await;
                resident.say(&room, "/start").await;
                resident.hear(&bot.user).await;
                opened += 1;
            }
        }
        tokio::time::sleep(Duration::from_secs(3)).await;
        println!("bot memory: {idle:.1} MiB resident with 2 direct chats, {:.1} MiB with {} more open encrypted direct chats", rss_mib(bot.child.id()), opened);
    });
}
