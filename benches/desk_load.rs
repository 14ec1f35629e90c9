//! Does serving the desk slow down chat turns? `cargo bench --bench desk_load`: one thread runs
//! turns back to back (1000 people, sled on disk, the shipped dialogs) for a few seconds without
//! desk traffic, then as long with a desk request every 100 ms (the stats page over 400 days
//! and a day's bookings, in turn, over HTTP from another thread); three rounds, alternating.
//! Prints each turn's p50/p99/p99.9 with and without, and the desk's own answer times.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use chrono::{Days, Utc};
use krok::adapters::console::Console;
use krok::app::App;
use krok::core::event::Event;
use krok::core::lang::Lang;
use krok::core::message::Inbound;
use krok::desk::Access;
use krok::pipeline::{Incoming, Outcome, Pipeline};
use krok::shutdown::Shutdown;
use krok::staff::Staff;
use krok::store::{SledStore, UserKey};

const PHASE: Duration = Duration::from_secs(4);
const ROUNDS: usize = 3;
const PEOPLE: u32 = 1000;
const EVERY: Duration = Duration::from_millis(100);
/// What each person types in turn: a start, menu numbers, a free-text need, a step back.
const SCRIPT: [&str; 6] = ["/start", "1", "2", "шукаю житло", "0", "3"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(SledStore::open(dir.path()).unwrap());
    seed_figures(&store);
    let content =
        krok::files::load_content(&root().join("dialogs"), &root().join("locales")).unwrap();
    let access = Arc::new(Access::new(
        store.desk(),
        "http://127.0.0.1",
        480,
        Staff::new(["tg:1".to_owned()]),
    ));
    let app = App::new(Arc::new(content), store.clone(), 30)
        .with_staff(["tg:1".to_owned()])
        .with_demand(store.demand().unwrap(), 400)
        .with_desk(access.clone());
    let pipeline = Arc::new(Pipeline::new(app, store));
    pipeline.register(Arc::new(Console::new(std::io::sink())));

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let (trigger, shutdown) = Shutdown::new();
    let config = Arc::new(krok::config::Config::default());
    let (addr, serving) = runtime
        .block_on(krok::desk::server::serve(
            "127.0.0.1:0",
            access.clone(),
            pipeline.clone(),
            config,
            shutdown,
        ))
        .unwrap();
    let now = Utc::now().timestamp();
    let link = access.link("tg:1", now).unwrap();
    let token = link.rsplit('=').next().unwrap();
    let cookie = access.sign_in(token, now).unwrap().unwrap().cookie;

    let (mut quiet, mut busy, mut desk) = (Vec::new(), Vec::new(), Vec::new());
    let mut step = 0usize;
    for _ in 0..ROUNDS {
        quiet.extend(turns(&pipeline, &mut step, PHASE));
        let stop = Arc::new(AtomicBool::new(false));
        let client = std::thread::spawn({
            let (stop, cookie) = (stop.clone(), cookie.clone());
            move || desk_traffic(addr, &cookie, &stop)
        });
        busy.extend(turns(&pipeline, &mut step, PHASE));
        stop.store(true, Ordering::Relaxed);
        desk.extend(client.join().unwrap());
    }
    trigger.fire();
    runtime.block_on(serving).unwrap();
    report("turns without desk traffic", &mut quiet);
    report("turns with a desk request every 100 ms", &mut busy);
    report(
        "desk answers (stats over 400 days, a day's bookings)",
        &mut desk,
    );
}

/// Turns back to back for `phase`; each one's duration.
fn turns(pipeline: &Pipeline, step: &mut usize, phase: Duration) -> Vec<Duration> {
    let mut took = Vec::new();
    let until = Instant::now() + phase;
    while Instant::now() < until {
        let person = (*step as u32) % PEOPLE;
        let text = SCRIPT[(*step / PEOPLE as usize) % SCRIPT.len()];
        let incoming = Incoming {
            user: UserKey::new("console", &person.to_string()),
            chat: person.to_string(),
            id: None,
            inbound: Inbound::from_text(text),
            typed_codes: true,
            pressed: None,
            answers: None,
        };
        let started = Instant::now();
        let outcome = pipeline.turn(&incoming, Utc::now());
        took.push(started.elapsed());
        assert!(
            matches!(outcome, Outcome::Answered),
            "every turn is answered"
        );
        *step += 1;
    }
    took
}

/// A desk page every `EVERY` until told to stop; each answer's time.
fn desk_traffic(addr: SocketAddr, cookie: &str, stop: &AtomicBool) -> Vec<Duration> {
    let today = Utc::now().date_naive();
    let from = today - Days::new(400);
    let pages = [
        format!("/stats?from={from}&to={today}"),
        format!("/bookings?date={today}"),
    ];
    let mut took = Vec::new();
    let mut next = Instant::now();
    while !stop.load(Ordering::Relaxed) {
        let page = &pages[took.len() % pages.len()];
        let started = Instant::now();
        let mut stream = TcpStream::connect(addr).unwrap();
        let request = format!(
            "GET {page} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: krok_desk={cookie}\r\n\
             Connection: close\r\n\r\n"
        );
        stream.write_all(request.as_bytes()).unwrap();
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).unwrap();
        took.push(started.elapsed());
        assert!(answer.starts_with(b"HTTP/1.1 200"), "the desk answers");
        next += EVERY;
        std::thread::sleep(next.saturating_duration_since(Instant::now()));
    }
    took
}

/// 400 days of figures, so the stats page has a year's bars to draw.
fn seed_figures(store: &SledStore) {
    let demand = store.demand().unwrap();
    for back in 0..400u64 {
        let day = Utc::now() - Days::new(back);
        for i in 0..(5 + back % 7) {
            let events = [
                Event::Started {
                    tag: Some(format!("tag{}", i % 4)),
                },
                Event::Node("legal".into()),
                Event::Service("krafos".into()),
            ];
            let lang = Lang::ALL[i as usize % 4];
            demand.record(day, "telegram", Some(lang), &events).unwrap();
        }
    }
}

fn report(what: &str, took: &mut [Duration]) {
    took.sort();
    let at = |p: f64| took[((took.len() - 1) as f64 * p).round() as usize].as_secs_f64() * 1e3;
    println!(
        "{what}: n = {}, p50 {:.3} ms, p99 {:.3} ms, p99.9 {:.3} ms, max {:.3} ms",
        took.len(),
        at(0.5),
        at(0.99),
        at(0.999),
        at(1.0)
    );
}
