//! Criterion benchmarks for the core turn: `cargo bench --bench core`. Figures in BENCHMARKS.md.

use std::path::Path;
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use krok::app::App;
use krok::booking::Hold;
use krok::core::booking::Contact;
use krok::core::lang::Lang;
use krok::core::message::Inbound;
use krok::files::load_content;
use krok::store::{SledStore, TurnStore, UserKey};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The shipped content, or the dialogs in `BENCH_DIALOGS` (to compare code on fixed content
/// while the shipped files change).
fn content() -> krok::core::content::Content {
    let dialogs = std::env::var_os("BENCH_DIALOGS").map_or(root().join("dialogs"), Into::into);
    load_content(&dialogs, &root().join("locales")).expect("shipped content loads")
}

/// One turn: load the session from sled, triage, step, save to sled, render.
fn turn(c: &mut Criterion) {
    turn_with(c, "turn: triage + step + render + sled save", false);
    turn_with(c, "turn: the same + daily demand figures in sled", true);
}

fn turn_with(c: &mut Criterion, name: &str, counted: bool) {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(SledStore::open(dir.path()).unwrap());
    let mut app = App::new(Arc::new(content()), store.clone(), 30);
    if counted {
        app = app.with_demand(store.demand().unwrap(), 400);
    }
    let now = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
    let user = UserKey::new("tg", "4242");
    app.handle(&user, &Inbound::from_text("/start legal-uk"), now);
    // "1" goes to free legal advice (a step with two service cards), "/back" returns.
    let inputs = [Inbound::from_text("1"), Inbound::from_text("/back")];
    let mut i = 0;
    c.bench_function(name, |b| {
        b.iter(|| {
            i += 1;
            app.handle(&user, &inputs[i % 2], now)
        })
    });
}

/// A 4096-character message (Telegram's maximum) that matches nothing: every pattern is tried.
fn triage(c: &mut Criterion) {
    let content = content();
    let words = "Добрий день, підкажіть будь ласка як доїхати до вокзалу і скільки коштує квиток, dziękuję bardzo, \
                 мы приехали вчера из Харькова с детьми и не знаем куда идти, where is the nearest office? ";
    let text: String = words.chars().cycle().take(4096).collect();
    assert_eq!(
        content.triage.classify(&text),
        krok::core::triage::Verdict::None
    );
    c.bench_function("triage: 4096-character message", |b| {
        b.iter(|| content.triage.classify(&text))
    });
}

fn load(c: &mut Criterion) {
    c.bench_function("load + validate all shipped content", |b| b.iter(content));
    let app = App::new(
        Arc::new(content()),
        Arc::new(krok::store::MemoryStore::new()),
        30,
    );
    c.bench_function("reload: load + validate + swap in", |b| {
        b.iter(|| app.set_content(Arc::new(content())))
    });
}

fn schedule(text: &str) -> krok::core::schedule::Schedule {
    let content = content();
    let mut problems = krok::core::problem::Problems::default();
    let schedule = krok::core::schedule::Schedule::load(
        &krok::core::problem::Source::new("bench.toml", text),
        &content.services.ids(),
        &mut problems,
    );
    assert!(!problems.has_errors(), "{problems}");
    schedule
}

/// Hold + confirm, with the flush to disk that comes before telling anyone it is confirmed.
fn confirm(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store = SledStore::open(dir.path()).unwrap();
    let bookings = store.bookings();
    let schedule = schedule(
        "hold_minutes = 10\nkeep_days = 30\n[[kind]]\nid = \"legal\"\nservice = \"migrant-legal-duty\"\nschedule = \"Mo-Su 00:00-24:00\"\nslot_minutes = 30\nconsultants = 1000000\nhorizon_days = 7\nlanguages = [\"uk\"]\n",
    );
    let now = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
    let start = bookings.free_slots(&schedule, "legal", None, now).unwrap()[0];
    let user = UserKey::new("tg", "1");
    c.bench_function("booking: hold + confirm + flush", |b| {
        b.iter(|| {
            let Hold::Held(code) = bookings
                .hold(&schedule, "legal", start, &user, Lang::Uk, now)
                .unwrap()
            else {
                panic!("room")
            };
            bookings
                .confirm(&code, &user, "O", &Contact::Chat, Lang::Uk, now)
                .unwrap()
                .unwrap()
        })
    });
}

/// Free-slot search over a 12-week horizon when all but the last week is booked up: every slot
/// of the horizon is generated and checked.
fn slot_search(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store = SledStore::open(dir.path()).unwrap();
    let bookings = store.bookings();
    let schedule = schedule(
        "hold_minutes = 10\nkeep_days = 30\n[[kind]]\nid = \"business\"\nservice = \"business-point\"\nschedule = \"Mo-Fr 08:00-15:00\"\nslot_minutes = 30\nconsultants = 1\nhorizon_days = 84\nlanguages = [\"uk\"]\n",
    );
    let now = Utc.with_ymd_and_hms(2026, 12, 1, 6, 0, 0).unwrap();
    let kind = schedule.kind("business").unwrap();
    let all: Vec<i64> = kind.slots(now).map(|s| s.timestamp()).collect();
    let last_week = now.timestamp() + 77 * 86_400;
    for (i, start) in all.iter().filter(|s| **s < last_week).enumerate() {
        let user = UserKey::new("tg", &i.to_string());
        let Hold::Held(code) = bookings
            .hold(&schedule, "business", *start, &user, Lang::Uk, now)
            .unwrap()
        else {
            panic!("room")
        };
        bookings
            .confirm(&code, &user, "O", &Contact::Chat, Lang::Uk, now)
            .unwrap();
    }
    let found = bookings
        .free_slots(&schedule, "business", None, now)
        .unwrap();
    assert!(found.iter().all(|s| *s >= last_week) && !found.is_empty());
    c.bench_function(
        &format!(
            "booking: free-slot search, 12-week horizon, {} slots, {} booked",
            all.len(),
            all.iter().filter(|s| **s < last_week).count()
        ),
        |b| {
            b.iter(|| {
                bookings
                    .free_slots(&schedule, "business", None, now)
                    .unwrap()
            })
        },
    );
}

/// The erasure rewrite: the live records of a store with 10 000 sessions (and their chat
/// addresses) copied into a fresh generation, the old one deleted.
fn rewrite(c: &mut Criterion) {
    use krok::store::SessionStore;
    let dir = tempfile::tempdir().unwrap();
    let store = SledStore::open(dir.path()).unwrap();
    for i in 0..10_000 {
        let user = UserKey::new("tg", &(5_000_000 + i).to_string());
        let mut session = krok::core::session::Session::new("start", 1_764_400_000);
        session.lang = Some(Lang::Uk);
        store.save(&user, &session).unwrap();
    }
    store.flush().unwrap();
    let _ = store.next_seq();
    let mut group = c.benchmark_group("store");
    group.sample_size(10);
    group.bench_function("erasure rewrite, 10 000 sessions", |b| {
        b.iter(|| store.disk().rewrite().unwrap())
    });
    group.finish();
}

/// The desk's heaviest pages: a day with 200 bookings, and the figures of 400 days as charts.
fn desk(c: &mut Criterion) {
    use krok::booking::{Booking, State};
    use krok::core::booking::Contact;
    use krok::core::lang::Lang;
    use krok::desk::pages::{self, Frame};
    let content = content();
    let frame = Frame {
        locales: &content.locales,
        lang: Lang::Pl,
        csrf: Some("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
        here: "/bookings",
        cut_off: Vec::new(),
    };
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    let bookings: Vec<Booking> = (0..200)
        .map(|i| Booking {
            v: 1,
            code: format!("ABCD{i:04}"),
            kind: "legal".into(),
            start: 1_796_310_000 + i * 60,
            user: format!("tg:{i}"),
            lang: Lang::ALL[i as usize % 4],
            name: Some(format!("Оля {i}")),
            contact: Contact::Phone(format!("+48 600 100 {i:03}")),
            state: State::Confirmed,
            created: 0,
            reminded: Vec::new(),
            outcome: None,
        })
        .collect();
    c.bench_function("desk: a day with 200 bookings", |b| {
        b.iter(|| pages::day(&frame, day, &bookings, &pages::Others::default(), None))
    });
    let from = day - chrono::Days::new(399);
    let mut figures = Vec::new();
    for d in 0..400 {
        let date = from + chrono::Days::new(d);
        for (counter, labels) in [
            ("started-platform", &["telegram", "matrix"][..]),
            ("started-lang", &["uk", "pl", "en", "ru"][..]),
            ("started-tag", &["mops", "oik", "mip"][..]),
            (
                "node",
                &[
                    "start",
                    "legal",
                    "legal_advice",
                    "help_now",
                    "family",
                    "donate",
                ][..],
            ),
            (
                "service",
                &["emergency-112", "crisis-centre", "mops", "krafos"][..],
            ),
            ("crisis", &["telegram", "matrix"][..]),
            ("booked", &["legal"][..]),
        ] {
            for (i, label) in labels.iter().enumerate() {
                figures.push(krok::stats::Figure {
                    date,
                    counter: counter.into(),
                    label: (*label).into(),
                    count: (d + i as u64 * 7) % 40,
                });
            }
        }
    }
    c.bench_function("desk: figures of 400 days as charts", |b| {
        let names = |counter: &str, label: &str| {
            krok::print::desk::figure_name(&content, Lang::Pl, counter, label)
        };
        b.iter(|| pages::stats(&frame, from, day, &figures, 5, &names, None))
    });
}

criterion_group!(
    benches,
    turn,
    triage,
    load,
    confirm,
    slot_search,
    rewrite,
    desk
);
criterion_main!(benches);
