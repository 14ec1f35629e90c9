//! Criterion benchmarks for the core turn: `cargo bench --bench core`. Figures in BENCHMARKS.md.

use std::path::Path;
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use krok::app::App;
use krok::core::message::Inbound;
use krok::files::load_content;
use krok::store::{SledStore, UserKey};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn content() -> krok::core::content::Content {
    load_content(&root().join("dialogs"), &root().join("locales")).expect("shipped content loads")
}

/// One turn: load the session from sled, triage, step, save to sled, render.
fn turn(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(SledStore::open(dir.path()).unwrap());
    let app = App::new(Arc::new(content()), store, 30);
    let now = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
    let user = UserKey::new("tg", "4242");
    app.handle(&user, &Inbound::from_text("/start legal-uk"), now);
    // "1" goes to free legal advice (a step with two service cards), "/back" returns.
    let inputs = [Inbound::from_text("1"), Inbound::from_text("/back")];
    let mut i = 0;
    c.bench_function("turn: triage + step + render + sled save", |b| {
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
}

criterion_group!(benches, turn, triage, load);
criterion_main!(benches);
