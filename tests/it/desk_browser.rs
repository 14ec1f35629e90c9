//! The desk in a real browser (headless Chromium through puppeteer-core): the sign-in link
//! opened from outside lands signed in; every page, with a booking marked and figures large
//! enough to draw, passes axe-core and is captured as a screenshot in which the charts show
//! bars; then the duty consultant cancels with a reason by typing and clicking in the page,
//! and the person is told on Telegram in Ukrainian. `DESK_SHOTS=docs/desk` keeps the
//! screenshots (the README's pictures).

use std::path::Path;
use std::process::Command;

use chrono::{DateTime, Days, Utc};
use chrono_tz::Europe::Warsaw;
use krok::core::event::Event;
use krok::core::lang::Lang;
use krok::store::SessionStore;

use super::botapi::BotApi;
use super::desk::{PERSON, csrf_of, desk_link, form_encode, http, krok_with_desk, sign_in};
use super::support::{free_port, root};

/// The link opened in a real browser (headless Chromium) shows one button and signs in
/// nobody by itself, as a chat app's link preview opens it; pressing the button lands on the
/// desk signed in: the SameSite=Strict cookie goes with the same-site step to `/`. The pages
/// have no script and ask for nothing outside.
#[test]
fn a_sign_in_link_opened_in_a_browser_lands_on_the_desk() {
    let api = BotApi::start(false);
    let data = tempfile::tempdir().unwrap();
    let port = free_port();
    let krok = krok_with_desk(&api, data.path(), port);
    let link = desk_link(&api);
    let preview = super::print::chromium::run(&["--dump-dom", "--virtual-time-budget=8000", &link]);
    assert!(preview.contains("action=\"/login\""), "{preview}");
    assert!(
        !preview.contains("Wyloguj się"),
        "not signed in by opening: {preview}"
    );
    let landed = node("tests/desk_login.mjs", &[&link]);
    krok.kill9();
    let landed: serde_json::Value = serde_json::from_str(landed.trim()).expect(&landed);
    let dom = landed["html"].as_str().unwrap();
    assert_eq!(landed["url"], format!("http://127.0.0.1:{port}/"));
    assert!(dom.contains("Potwierdzone rezerwacje na dziś"), "{dom}");
    assert!(dom.contains("Wyloguj się"), "signed in: {dom}");
    assert!(!dom.contains("<script"));
}

/// Runs axe-core on `urls` in headless Chromium with the session cookie (`tests/axe.mjs`);
/// panics with every serious or critical violation.
fn axe(cookie: &str, urls: &[String], shots: Option<&Path>) -> String {
    let shots = shots.map_or("-".into(), |p| p.display().to_string());
    let mut args = vec![shots.as_str(), cookie];
    args.extend(urls.iter().map(String::as_str));
    node("tests/axe.mjs", &args)
}

/// Runs a puppeteer script with the npm packages `.ci/test` installs and the system's
/// Chromium; its output, or a panic with its errors.
fn node(script: &str, args: &[&str]) -> String {
    let modules = root().join(".ci/.node/node_modules");
    assert!(
        modules.join("axe-core").is_dir() && modules.join("puppeteer-core").is_dir(),
        "the accessibility test needs axe-core and puppeteer-core: bash .ci/test installs them \
         (npm install --prefix .ci/.node axe-core@4.10 puppeteer-core@24)"
    );
    let out = super::bounded::output(
        Command::new("node")
            .arg(root().join(script))
            .arg(&modules)
            .arg(super::print::chromium::binary())
            .args(args),
        b"",
        super::bounded::PROCESS_LIMIT,
        &format!("node {script}"),
    );
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{script} failed:\n{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    text
}

/// Two weeks of figures, every count at least 5, so each chart has bars to draw.
fn seed_figures(data: &Path, now: DateTime<Utc>) {
    let store = krok::store::SledStore::open(data).unwrap();
    let demand = store.demand().unwrap();
    for back in 0..14u64 {
        let day = now - Days::new(back);
        let people = 5 + (back * 7 % 9);
        for i in 0..people {
            let (platform, lang) = match i % 3 {
                0 => ("matrix", Lang::Pl),
                _ => ("telegram", Lang::Uk),
            };
            let tag = (i % 2 == 0).then(|| "mops".to_owned());
            let mut events = vec![
                Event::Started { tag },
                Event::Node("legal".into()),
                Event::Service("krafos".into()),
                Event::Booked("legal".into()),
            ];
            if i % 4 == 1 {
                events.push(Event::Crisis);
            }
            demand.record(day, platform, Some(lang), &events).unwrap();
        }
    }
    store.flush().unwrap();
}

/// Fraction of a chart's pixels in the bars' colour (#0b3d91), give or take anti-aliasing.
fn bar_share(png: &Path) -> f64 {
    let image = image::open(png).unwrap().to_rgb8();
    let bars = image
        .pixels()
        .filter(|p| p.0[0] < 0x20 && (0x30..0x4a).contains(&p.0[1]) && p.0[2] > 0x80)
        .count();
    bars as f64 / (image.width() * image.height()) as f64
}

#[test]
fn every_desk_page_in_a_browser_passes_axe_draws_bars_and_cancels_by_click() {
    let api = BotApi::start(false);
    let data = tempfile::tempdir().unwrap();
    seed_figures(data.path(), Utc::now());
    let port = free_port();
    let krok = krok_with_desk(&api, data.path(), port);
    let (code, _, start) = super::routing::book_slot(&api, PERSON, "uk");
    let date = DateTime::from_timestamp(start, 0)
        .unwrap()
        .with_timezone(&Warsaw)
        .date_naive();
    let link = desk_link(&api);
    let session = sign_in(port, &link);
    let day = format!("/bookings?date={date}");
    let page = http(port, "GET", &day, Some(&session), "");
    let csrf = &csrf_of(&page.body);
    let date_text = date.to_string();
    let form = form_encode(&[
        ("csrf", csrf),
        ("code", &code),
        ("date", &date_text),
        ("outcome", "done"),
    ]);
    // Still to come: not marked, and said so.
    let early = http(port, "POST", "/bookings/mark", Some(&session), &form);
    assert!(
        early.status == 303 && early.header("location").ends_with("marked=early"),
        "{}",
        early.header("location")
    );

    let query = "node=legal&lang=uk&tag=mops";
    let pages = [
        "/".to_owned(),
        day,
        "/stats".into(),
        format!("/links?{query}"),
        "/content".into(),
        "/directory?lang=uk".into(),
        format!("/links/card?{query}"),
        "/bookings?find=Kowalska".into(),
    ];
    let base = format!("http://127.0.0.1:{port}");
    let urls: Vec<String> = pages.iter().map(|p| format!("{base}{p}")).collect();
    let kept = std::env::var_os("DESK_SHOTS").map(|d| root().join(d));
    let shots = tempfile::tempdir().unwrap();
    let folder = kept.as_deref().unwrap_or(shots.path());
    std::fs::create_dir_all(folder).unwrap();
    let found = axe(&session, &urls, Some(folder));

    // On a phone the day's bookings are cards, each value under its column's name: nothing
    // runs off the screen sideways.
    let phone = node("tests/desk_phone.mjs", &[&session, &urls[1]]);
    let seen: serde_json::Value = serde_json::from_str(phone.trim()).expect(&phone);
    let screen = seen["screen"].as_i64().unwrap();
    assert!(seen["page"].as_i64().unwrap() <= screen, "{phone}");
    for table in seen["tables"].as_array().unwrap() {
        let (wide, shown) = (
            table["scroll"].as_i64().unwrap(),
            table["client"].as_i64().unwrap(),
        );
        assert!(
            wide <= shown + 1,
            "a table scrolls sideways on a phone: {phone}"
        );
    }
    assert!(
        seen["label"].as_str().unwrap().contains("Godzina"),
        "{phone}"
    );

    // The duty consultant cancels in the browser; the person is told, with the reason, in
    // Ukrainian.
    let reason = "Консультантка захворіла, оберіть інший час";
    let done = node(
        "tests/desk_cancel.mjs",
        &[&session, &urls[1], &code, reason],
    );
    let person_told = || {
        api.sent_to(PERSON)
            .into_iter()
            .find(|m| m.text.contains("довелося скасувати") && m.text.contains(reason))
    };
    super::support::wait_for("the person's notice", || person_told().is_some());
    krok.kill9();
    assert!(
        done.contains(&format!("Rezerwacja {code} została odwołana"))
            && done.contains("\"listed\":false"),
        "{done}"
    );

    for url in &urls {
        assert!(
            found.contains(&format!("{{\"url\":\"{url}\",\"checked\":true}}")),
            "{found}"
        );
    }
    for name in [
        "today",
        "bookings",
        "stats",
        "links",
        "content",
        "directory",
        "bookings-find",
    ] {
        let shot = folder.join(format!("{name}.png"));
        let size = image::image_dimensions(&shot).unwrap();
        assert!(size.0 >= 900 && size.1 >= 300, "{name}: {size:?}");
    }
    let share = bar_share(&folder.join("stats-chart.png"));
    assert!(
        share > 0.05,
        "the first chart shows bars: {share:.3} of it is bar-coloured"
    );
}
