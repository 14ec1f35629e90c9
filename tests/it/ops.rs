//! What the city and the operator see: daily demand figures (no personal data, "<5"),
//! live content reload, and `/healthz` + `/metrics` of a running `krok run`.

use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use krok::app::App;
use krok::core::message::{Inbound, InboundKind};
use krok::reload::Reloader;
use krok::store::{SessionStore, SledStore, TurnStore, UserKey};

use super::botapi::BotApi;
use super::bounded::{self, PROCESS_LIMIT};
use super::support::{free_port, get, krok_bin, root, shipped, tuesday_morning, wait_for};
use super::telegram::Krok;

const WAIT: Duration = Duration::from_secs(20);

fn say(app: &App, user: &str, text: &str) -> String {
    answer(app, user, Inbound::from_text(text)).join("\n")
}

/// What `user` is answered to `inbound`, message by message.
fn answer(app: &App, user: &str, inbound: Inbound) -> Vec<String> {
    let reply = app.handle(&UserKey::from_raw(user), &inbound, tuesday_morning());
    reply.messages.into_iter().map(|m| m.text).collect()
}

fn place(app: &App, user: &str) -> String {
    app.store()
        .load(&UserKey::from_raw(user))
        .unwrap()
        .unwrap()
        .node
}

/// A sled-backed app counting demand, as `krok run` builds it.
fn counting_app(dir: &Path) -> (App, Arc<SledStore>) {
    let store = Arc::new(SledStore::open(dir).unwrap());
    let bookings = store.bookings();
    let demand = store.demand().unwrap();
    let app = App::new(shipped(), store.clone(), 30)
        .with_bookings(bookings)
        .with_demand(demand, 400);
    (app, store)
}

#[test]
fn demand_figures_count_a_scripted_day_and_hold_no_personal_data() {
    let dir = tempfile::tempdir().unwrap();
    {
        let (app, store) = counting_app(dir.path());
        for n in 0..6 {
            say(&app, &format!("tg:70000{n}"), "/start legal-uk-mops");
        }
        for n in 0..3 {
            let user = format!("mx:@resident{n}:example.org");
            say(&app, &user, "dzień dobry");
            app.handle(
                &UserKey::from_raw(&user),
                &Inbound::new(InboundKind::Button("@lang:pl".into())),
                tuesday_morning(),
            );
        }
        say(&app, "tg:700009", "Я не хочу більше жити");
        let booker = "tg:700010";
        for line in ["/start legal-uk", "1", "1", "1", "Оля Петренко", "2"] {
            say(&app, booker, line);
        }
        say(&app, booker, "+48 600 100 200");
        let done = say(&app, booker, "1");
        assert!(
            done.contains("PIN") || done.contains("код") || !done.is_empty(),
            "{done}"
        );
        say(&app, booker, "/bookings");
        say(&app, booker, "1");
        say(&app, booker, "2");
        store.flush().unwrap();
        let figures = store
            .demand()
            .unwrap()
            .figures(
                tuesday_morning().date_naive(),
                tuesday_morning().date_naive(),
            )
            .unwrap();
        let count = |counter: &str, label: &str| {
            figures
                .iter()
                .find(|f| f.counter == counter && f.label == label)
                .map_or(0, |f| f.count)
        };
        assert_eq!(
            count("started-platform", "telegram"),
            6 + 1 + 1,
            "{figures:#?}"
        );
        assert_eq!(count("started-platform", "matrix"), 3);
        assert_eq!(count("started-tag", "mops"), 6);
        assert_eq!(count("started-lang", "uk"), 6 + 1 + 1);
        assert_eq!(
            count("started-lang", "pl"),
            3,
            "Matrix people greeted in Polish, so they were answered in it"
        );
        assert_eq!(count("crisis", "telegram"), 1);
        assert!(count("service", "emergency-112") >= 1);
        assert!(count("node", "legal") >= 7);
        assert_eq!(count("booked", "legal"), 1, "{figures:#?}");
        assert_eq!(count("cancelled", "legal"), 1, "{figures:#?}");
        // Nothing in the tree names a person, a chat or what they wrote.
        let shape = regex::Regex::new(r"^\d{4}-\d\d-\d\d\x00[a-z-]+\x00[a-z0-9_-]+$").unwrap();
        let tree = store.db().open_tree("demand").unwrap();
        for entry in tree.iter() {
            let (key, value) = entry.unwrap();
            let key = String::from_utf8(key.to_vec()).unwrap();
            assert!(shape.is_match(&key), "unexpected key {key:?}");
            assert_eq!(value.len(), 8, "a value is a count");
            for personal in ["7000", "resident", "example.org", "Оля", "600", "жити"] {
                assert!(!key.contains(personal), "{key:?} holds {personal}");
            }
        }
    }
    // The "<5" rule, as `krok stats` prints it (the app above has let go of the store).
    let date = tuesday_morning().date_naive().to_string();
    let stats = |min: &str| {
        let out = bounded::output(
            Command::new(krok_bin())
                .args(["stats", "--from", &date, "--to", &date, "--csv"])
                .current_dir(root())
                .env_clear()
                .env("KROK_DATA_DIR", dir.path())
                .env("KROK_STATS_MIN_COUNT", min),
            b"",
            PROCESS_LIMIT,
            "krok stats",
        );
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let csv = stats("5");
    assert!(csv.starts_with("date,counter,label,count\n"), "{csv}");
    for line in [
        "started-platform,telegram,8",
        "started-platform,matrix,<5",
        "crisis,telegram,<5",
        "started-tag,mops,6",
    ] {
        assert!(csv.contains(&format!("{date},{line}\n")), "{csv}");
    }
    assert!(!csv.contains(",1\n") && !csv.contains(",3\n"), "{csv}");
    let exact = stats("2");
    assert!(
        exact.contains(&format!("{date},started-platform,matrix,3\n")),
        "{exact}"
    );
}

/// The shipped content copied where a test may edit it.
pub(super) fn content_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for sub in [
        "dialogs",
        "locales/uk",
        "locales/pl",
        "locales/en",
        "locales/ru",
    ] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        for entry in std::fs::read_dir(root().join(sub)).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                std::fs::copy(&path, dir.path().join(sub).join(path.file_name().unwrap())).unwrap();
            }
        }
    }
    dir
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// A copy of the content to edit, and an app that started on the shipped content.
fn editable() -> (tempfile::TempDir, Arc<App>) {
    let store = Arc::new(krok::store::MemoryStore::new());
    (content_copy(), Arc::new(App::new(shipped(), store, 30)))
}

const LEGAL_EN: &str = "node-legal = What kind of matter is it?";

#[test]
fn reload_takes_a_valid_change_refuses_a_broken_one_and_moves_a_stranded_session_gently() {
    let (copy, app) = editable();
    let (dialogs, locales) = (copy.path().join("dialogs"), copy.path().join("locales"));
    let reloader = Reloader::new(app.clone(), &dialogs, &locales);
    say(&app, "tg:1", "/start legal_business-en");
    assert!(say(&app, "tg:2", "/start legal-en").starts_with("What kind of matter"));

    edit(
        &locales.join("en/flow.ftl"),
        LEGAL_EN,
        "node-legal = Which matter is it about?",
    );
    reloader.reload().expect("a valid change is taken");
    assert!(say(&app, "tg:2", "/start legal-en").starts_with("Which matter is it about?"));

    edit(
        &dialogs.join("flow.toml"),
        "goto = \"legal_advice\"",
        "goto = \"legal_advise\"",
    );
    let problems = reloader.reload().expect_err("a broken change is refused");
    let report = problems.to_string();
    assert!(report.contains("flow.toml:"), "file and line: {report}");
    assert!(report.contains("legal_advise"), "{report}");
    assert!(
        say(&app, "tg:2", "/start legal-en").starts_with("Which matter is it about?"),
        "the previous content stays"
    );
    let (_, noted) = app.content_state().last_reload.expect("noted for the desk");
    assert!(
        noted
            .iter()
            .any(|p| p.contains("flow.toml:") && p.contains("legal_advise")),
        "{noted:?}"
    );
    edit(
        &dialogs.join("flow.toml"),
        "goto = \"legal_advise\"",
        "goto = \"legal_advice\"",
    );

    // Person 4 went there through the legal step.
    say(&app, "tg:4", "/start legal-en");
    let pressed = Inbound::new(InboundKind::Button("legal|opt-legal-business".into()));
    assert!(!answer(&app, "tg:4", pressed).is_empty());

    // The step person 1 is on disappears (renamed): their next press starts again, gently.
    for file in ["flow.toml", "triage.toml"] {
        let path = dialogs.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replace("legal_business", "business")).unwrap();
    }
    reloader.reload().expect("the renamed step is valid");
    let pressed = Inbound::new(InboundKind::Button("legal_business|opt-x".into()));
    let text = answer(&app, "tg:1", pressed);
    assert!(
        text[0].starts_with("This guide has just been updated"),
        "{text:?}"
    );
    assert!(text[1].starts_with("Hello, I'm Krok"), "{text:?}");
    assert_eq!(place(&app, "tg:1"), "start");
    assert!(say(&app, "tg:3", "/start business-en").starts_with("Advice for foreigners"));
    // Person 4's "back" from the step that is gone is the step they came from.
    let text = answer(&app, "tg:4", Inbound::from_text("/back"));
    assert!(
        text[0].ends_with("Here is the step before it:") && text[1].starts_with("Which matter"),
        "{text:?}"
    );
    assert_eq!(place(&app, "tg:4"), "legal");
}

#[test]
fn a_changed_file_is_picked_up_by_the_watcher() {
    let (copy, app, _watcher) = watched();
    let locales = copy.path().join("locales");
    edit(
        &locales.join("en/flow.ftl"),
        LEGAL_EN,
        "node-legal = Tell me more, please.",
    );
    wait_for("the change to be picked up", || {
        say(&app, "tg:2", "/start legal-en").starts_with("Tell me more")
    });
    // The folder replaced whole, as a deploy does (`mv`, then a fresh copy): later edits of
    // the new folder are picked up too.
    let moved = copy.path().join("locales.old");
    std::fs::rename(&locales, &moved).unwrap();
    copy_folder(&moved, &locales);
    std::fs::remove_dir_all(&moved).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(800));
    edit(
        &locales.join("en/flow.ftl"),
        "node-legal = Tell me more, please.",
        "node-legal = And in the new folder?",
    );
    wait_for("an edit in the replaced folder to be picked up", || {
        say(&app, "tg:2", "/start legal-en").starts_with("And in the new folder")
    });
}

/// Content served through a `current` link that a deploy switches to a new release: the new
/// release is loaded, and an edit in it later too.
#[test]
fn a_release_switched_by_a_symbolic_link_is_picked_up() {
    let (copy, app) = editable();
    let releases = tempfile::tempdir().unwrap();
    let (one, two) = (releases.path().join("one"), releases.path().join("two"));
    for release in [&one, &two] {
        copy_folder(&copy.path().join("dialogs"), &release.join("dialogs"));
        copy_folder(&copy.path().join("locales"), &release.join("locales"));
    }
    let current = releases.path().join("current");
    std::os::unix::fs::symlink(&one, &current).unwrap();
    let _watch = Reloader::new(
        app.clone(),
        &current.join("dialogs"),
        &current.join("locales"),
    )
    .watch()
    .unwrap();
    edit(
        &two.join("locales/en/flow.ftl"),
        LEGAL_EN,
        "node-legal = The new release.",
    );
    // Switched as deploys do it at once: a new link renamed over the old one.
    let next = releases.path().join("current.next");
    std::os::unix::fs::symlink(&two, &next).unwrap();
    std::fs::rename(&next, &current).unwrap();
    wait_for("the switched release to be loaded", || {
        say(&app, "tg:2", "/start legal-en").starts_with("The new release")
    });
    std::thread::sleep(std::time::Duration::from_millis(800));
    edit(
        &two.join("locales/en/flow.ftl"),
        "node-legal = The new release.",
        "node-legal = Edited in the new release.",
    );
    wait_for("an edit in the new release to be picked up", || {
        say(&app, "tg:2", "/start legal-en").starts_with("Edited in the new release")
    });
}

/// A save written in place in two parts, a second apart (the first half is no valid file):
/// no refused reload is reported or counted, only the finished file taken.
#[test]
fn a_save_in_two_parts_is_taken_without_a_refused_reload() {
    let (copy, app, _watcher) = watched();
    let locales = copy.path().join("locales");
    let flow = locales.join("en/flow.ftl");
    let whole = std::fs::read_to_string(&flow).unwrap().replacen(
        LEGAL_EN,
        "node-legal = Saved in two parts.",
        1,
    );
    let half = whole.len() / 2;
    let cut = (0..=half)
        .rev()
        .find(|i| whole.is_char_boundary(*i))
        .unwrap();
    std::fs::write(&flow, &whole[..cut]).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1000));
    std::fs::write(&flow, &whole).unwrap();
    wait_for("the whole save to be taken", || {
        say(&app, "tg:2", "/start legal-en").starts_with("Saved in two parts")
    });
    let refused = app.metrics().reloads.with_label_values(&["error"]).get();
    assert_eq!(
        refused, 0,
        "no refused reload counted for the half-written file"
    );
}

/// An editable copy of the content, an app on it, and the file watcher reloading it.
fn watched() -> (tempfile::TempDir, Arc<App>, krok::reload::Watch) {
    let (copy, app) = editable();
    let (dialogs, locales) = (copy.path().join("dialogs"), copy.path().join("locales"));
    let watch = Reloader::new(app.clone(), &dialogs, &locales)
        .watch()
        .unwrap();
    (copy, app, watch)
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        match entry.file_type().unwrap().is_dir() {
            true => copy_folder(&entry.path(), &target),
            false => drop(std::fs::copy(entry.path(), &target).unwrap()),
        }
    }
}

pub(super) fn scrape(port: u16) -> prometheus_parse::Scrape {
    let (status, body) = get(port, "/metrics").expect("metrics answer");
    assert_eq!(status, 200);
    let lines = body.lines().map(|l| Ok(l.to_owned()));
    prometheus_parse::Scrape::parse(lines).expect("Prometheus text format")
}

pub(super) fn sample(
    scrape: &prometheus_parse::Scrape,
    name: &str,
    labels: &[(&str, &str)],
) -> f64 {
    scrape
        .samples
        .iter()
        .filter(|s| s.metric == name)
        .filter(|s| labels.iter().all(|(k, v)| s.labels.get(k) == Some(*v)))
        .map(|s| match s.value {
            prometheus_parse::Value::Counter(v)
            | prometheus_parse::Value::Gauge(v)
            | prometheus_parse::Value::Untyped(v) => v,
            _ => f64::NAN,
        })
        .sum()
}

#[test]
fn healthz_and_metrics_follow_a_running_bot_and_sighup_reloads() {
    let api = BotApi::start(false);
    let data = tempfile::tempdir().unwrap();
    let copy = content_copy();
    let port = free_port();
    let listen = format!("127.0.0.1:{port}");
    let (dialogs, locales) = (copy.path().join("dialogs"), copy.path().join("locales"));
    let settings = [
        ("KROK_DIALOGS_DIR", dialogs.to_str().unwrap()),
        ("KROK_LOCALES_DIR", locales.to_str().unwrap()),
        ("KROK_RELOAD_ON_CHANGE", "false"),
        ("KROK_HEALTH_LISTEN", &listen),
        ("KROK_STATS_MIN_COUNT", "2"),
    ];
    let krok = Krok::start(&api, data.path(), &settings);
    wait_for("healthy", || {
        get(port, "/healthz").is_some_and(|(s, _)| s == 200)
    });
    assert_eq!(
        get(port, "/healthz").unwrap().1,
        "store: ok\ntelegram: ok\n"
    );
    assert_eq!(probe(port), (true, "store: ok\ntelegram: ok\n".to_owned()));
    // A page of another domain that resolves to this address (DNS rebinding) reads nothing.
    for path in ["/healthz", "/metrics"] {
        let (status, body) = super::support::get_as(port, path, "evil.example").unwrap();
        assert_eq!(status, 421, "{path}");
        assert!(!body.contains("store"), "{body}");
        let by_address = format!("127.0.0.1:{port}");
        assert_eq!(
            super::support::get_as(port, path, &by_address).unwrap().0,
            200
        );
    }

    link_then_crisis(&api, port, 801, 2.0);
    // One person's figures are below stats_min_count: no series singles them out.
    let m = scrape(port);
    let demand = |m: &prometheus_parse::Scrape| {
        m.samples
            .iter()
            .filter(|s| {
                [
                    "started",
                    "referrals",
                    "crisis",
                    "nodes",
                    "services",
                    "bookings",
                ]
                .iter()
                .any(|d| s.metric.contains(d))
            })
            .count()
    };
    assert_eq!(demand(&m), 0, "{:?}", m.samples);
    link_then_crisis(&api, port, 804, 4.0);
    let m = scrape(port);
    let tg = [("platform", "telegram")];
    assert_eq!(sample(&m, "krok_messages_received_total", &tg), 4.0);
    let uk = [("platform", "telegram"), ("lang", "uk")];
    assert_eq!(sample(&m, "krok_conversations_started_total", &uk), 2.0);
    assert_eq!(sample(&m, "krok_referrals_total", &[("tag", "mops")]), 2.0);
    assert_eq!(sample(&m, "krok_crisis_triggers_total", &tg), 2.0);
    assert_eq!(
        sample(&m, "krok_nodes_reached_total", &[("node", "legal")]),
        2.0
    );
    assert!(
        sample(
            &m,
            "krok_services_shown_total",
            &[("service", "emergency-112")]
        ) >= 1.0
    );
    assert_eq!(sample(&m, "krok_outbox_queued", &tg), 0.0);
    assert_eq!(sample(&m, "krok_rate_limited_total", &tg), 0.0);
    // Fault counters exist at 0 before the first fault, so an alert has a series to watch.
    for family in [
        "krok_send_retries_total",
        "krok_messages_dropped_total",
        "krok_rate_limited_total",
        "krok_content_reloads_total",
    ] {
        assert!(m.samples.iter().any(|s| s.metric == family), "{family}");
    }
    assert!(sample(&m, "krok_store_bytes", &[]) > 0.0);
    let turns = m
        .samples
        .iter()
        .find(|s| s.metric == "krok_turn_duration_seconds")
        .expect("the turn latency histogram");
    match &turns.value {
        prometheus_parse::Value::Histogram(buckets) => {
            let all = buckets.iter().map(|b| b.count).fold(0.0, f64::max);
            assert_eq!(all, 4.0, "four turns in the histogram");
        }
        other => panic!("not a histogram: {other:?}"),
    }

    // SIGHUP with a broken file: refused, the bot goes on; fixed: taken.
    let flow = copy.path().join("dialogs/flow.toml");
    edit(&flow, "goto = \"legal_advice\"", "goto = \"nowhere\"");
    reload_by_hangup(&krok, port, "error");
    let text = first_reply(&api, 802, "/start legal-en");
    assert!(text.starts_with("What kind of matter"), "{text}");
    let (status, body) = get(port, "/healthz").unwrap();
    assert!(
        status == 200 && body.contains("content: warning: the last change was refused (errors: "),
        "serving, and the operator told before a restart would fail: {body}"
    );
    edit(&flow, "goto = \"nowhere\"", "goto = \"legal_advice\"");
    edit(
        &copy.path().join("locales/en/flow.ftl"),
        LEGAL_EN,
        "node-legal = Which matter is it about?",
    );
    reload_by_hangup(&krok, port, "ok");
    let text = first_reply(&api, 803, "/start legal-en");
    assert!(text.starts_with("Which matter"), "{text}");
    assert!(!get(port, "/healthz").unwrap().1.contains("content"));

    // Telegram goes away: unhealthy, saying which adapter and why; back: healthy again.
    api.outage(true);
    wait_for("unhealthy", || {
        get(port, "/healthz").is_some_and(|(s, _)| s == 503)
    });
    let body = get(port, "/healthz").unwrap().1;
    assert!(
        body.contains("\ntelegram: not ok: getUpdates failed"),
        "{body}"
    );
    assert!(!probe(port).0, "`krok health` fails too");
    api.outage(false);
    wait_for("healthy again", || {
        get(port, "/healthz").is_some_and(|(s, _)| s == 200)
    });

    // A restart with content broken meanwhile (a translation deleted on the server) serves the
    // last good content, and says so, rather than serving nobody.
    drop(krok);
    edit(&flow, "goto = \"legal_advice\"", "goto = \"nowhere\"");
    let _krok = Krok::start(&api, data.path(), &settings);
    wait_for("up on the last good content", || {
        get(port, "/healthz").is_some_and(|(s, _)| s == 200)
    });
    let body = get(port, "/healthz").unwrap().1;
    assert!(
        body.contains("content: warning: the content folders have errors (errors: "),
        "{body}"
    );
    let text = first_reply(&api, 805, "/start legal-en");
    assert!(text.starts_with("Which matter"), "the kept content: {text}");

    // A kept copy that is damaged (or edited by hand into something the checks refuse) is not
    // served, and a start that can use neither says why.
    drop(_krok);
    let kept = data.path().join("content.last-good.json");
    let text = std::fs::read_to_string(&kept).unwrap();
    let half = (0..=text.len() / 2)
        .rev()
        .find(|&i| text.is_char_boundary(i));
    std::fs::write(&kept, &text[..half.unwrap()]).unwrap();
    let log = data.path().join("refused.log");
    let krok = Krok::start_with(
        &api,
        data.path(),
        &[
            ("KROK_DIALOGS_DIR", dialogs.to_str().unwrap()),
            ("KROK_LOCALES_DIR", locales.to_str().unwrap()),
        ],
        std::process::Stdio::from(std::fs::File::create(&log).unwrap()),
    );
    let status = krok
        .ended_within(Duration::from_secs(30))
        .expect("it stops");
    let said = std::fs::read_to_string(&log).unwrap();
    assert!(!status.success(), "{said}");
    assert!(
        said.contains("the last good content cannot be served instead")
            && said.contains("content.last-good.json: damaged"),
        "{said}"
    );
}

/// `krok health`, as a container health check runs it.
fn probe(port: u16) -> (bool, String) {
    let out = bounded::output(
        Command::new(krok_bin())
            .arg("health")
            .current_dir(root())
            .env_clear()
            .env("KROK_HEALTH_LISTEN", format!("0.0.0.0:{port}")),
        b"",
        PROCESS_LIMIT,
        "krok health",
    );
    (out.status.success(), String::from_utf8(out.stdout).unwrap())
}

/// SIGHUP, then wait until the metrics count one reload with `result`.
/// `person` opens a caseworker's link, then writes a crisis phrase; waits until `/metrics`
/// counts `sent` messages in all.
fn link_then_crisis(api: &BotApi, port: u16, person: i64, sent: f64) {
    api.send_text(person, "uk", "/start legal-uk-mops");
    api.wait_messages(person, 1, WAIT);
    api.send_text(person, "uk", "Я не хочу більше жити");
    api.wait_messages(person, 2, WAIT);
    wait_for("the replies counted as sent", || {
        sample(
            &scrape(port),
            "krok_messages_sent_total",
            &[("platform", "telegram")],
        ) >= sent
    });
}

fn reload_by_hangup(krok: &Krok, port: u16, result: &str) {
    hangup_until(krok, port, result, 1.0);
}

/// SIGHUP, then wait until `/metrics` on `port` counts `reloads` reloads with `result` (the
/// settings are read again before the content).
pub(super) fn hangup_until(krok: &Krok, port: u16, result: &str, reloads: f64) {
    let status = Command::new("kill")
        .args(["-HUP", &krok.pid().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    wait_for("the reload", || {
        let m = scrape(port);
        sample(&m, "krok_content_reloads_total", &[("result", result)]) == reloads
    });
}

fn first_reply(api: &BotApi, user: i64, text: &str) -> String {
    api.send_text(user, "en", text);
    api.wait_messages(user, 1, WAIT).remove(0).text
}

#[test]
fn an_adapter_that_cannot_reach_its_server_makes_healthz_fail_while_the_other_goes_on() {
    let api = BotApi::start(false);
    let data = tempfile::tempdir().unwrap();
    let port = free_port();
    let listen = format!("127.0.0.1:{port}");
    // Nothing listens on port 1: the Matrix adapter cannot log in and keeps trying.
    let _krok = Krok::start(
        &api,
        data.path(),
        &[
            ("KROK_HEALTH_LISTEN", &listen),
            ("KROK_MATRIX_HOMESERVER", "http://127.0.0.1:1"),
            ("KROK_MATRIX_USER", "@krok:localhost"),
            ("KROK_MATRIX_PASSWORD", "unused"),
            ("KROK_MATRIX_STORE_PASSPHRASE", "a test passphrase"),
        ],
    );
    wait_for("the Matrix adapter to say why it is down", || {
        get(port, "/healthz")
            .is_some_and(|(_, body)| body.contains("matrix: not ok: cannot reach the server"))
    });
    wait_for("Telegram up", || {
        get(port, "/healthz").is_some_and(|(_, body)| body.contains("telegram: ok"))
    });
    let (status, body) = get(port, "/healthz").unwrap();
    assert_eq!(status, 503, "{body}");
    let text = first_reply(&api, 901, "/start legal-en");
    assert!(
        text.starts_with("What kind of matter"),
        "Telegram still answers: {text}"
    );
}

/// A Telegram address that answers, but not as the Bot API (a proxy's error page, the URL of
/// another service) is said as such in `/healthz`, with the page's first words, not as a
/// server out of reach; Krok keeps trying.
#[test]
fn a_telegram_address_that_answers_a_web_page_is_said_to_be_no_bot_api() {
    use std::io::{Read, Write};
    let page = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let page_url = format!("http://{}", page.local_addr().unwrap());
    std::thread::spawn(move || {
        for conn in page.incoming() {
            let Ok(mut conn) = conn else { return };
            std::thread::spawn(move || {
                // The request's head read before answering.
                let _ = conn.set_read_timeout(Some(Duration::from_secs(2)));
                let mut request = Vec::new();
                let mut chunk = [0u8; 4096];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match conn.read(&mut chunk) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => request.extend_from_slice(&chunk[..n]),
                    }
                }
                // Its first words repeat the request's path, as many servers' error pages do;
                // the path holds the bot's token.
                let head = String::from_utf8_lossy(&request);
                let path = head.split(' ').nth(1).unwrap_or("/").to_owned();
                let body = format!("Cannot POST {path} (Welcome to nginx!)");
                let _ = write!(
                    conn,
                    "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\n\
                 content-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                // Whatever of the request is still unread is read to its end before closing:
                // closing with it unread would reset the connection, and the client would see a
                // network fault instead of the page.
                let _ = conn.shutdown(std::net::Shutdown::Write);
                while matches!(conn.read(&mut chunk), Ok(n) if n > 0) {}
            });
        }
    });
    let api = BotApi::start(false);
    let data = tempfile::tempdir().unwrap();
    let port = free_port();
    let listen = format!("127.0.0.1:{port}");
    let _krok = Krok::start(
        &api,
        data.path(),
        &[
            ("KROK_HEALTH_LISTEN", &listen),
            ("KROK_TELEGRAM_API_URL", &page_url),
        ],
    );
    wait_for("Telegram's fault said", || {
        get(port, "/healthz").is_some_and(|(_, body)| {
            body.contains("telegram: not ok: the server at")
                && body.contains("answered getMe, but not as Telegram's Bot API does")
                && body.contains("Welcome to nginx!")
        })
    });
    let (_, body) = get(port, "/healthz").unwrap();
    assert!(!body.contains("cannot reach"), "{body}");
    assert!(
        !body.contains(super::botapi::TOKEN) && body.contains("/bot<token>/GetMe"),
        "the token is not repeated: {body}"
    );
}

/// Someone who opens connections and sends nothing, or trickles a request's head a byte at a
/// time, holds a listener for seconds, not for ever: a probe gets its answer while they try.
#[test]
fn idle_and_trickling_connections_are_closed_and_the_probe_still_answers() {
    use std::io::{Read, Write};
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (trigger, shutdown) = krok::shutdown::Shutdown::new();
    let health = Arc::new(krok::ops::Health::new());
    health.up("store");
    let metrics = Arc::new(krok::ops::Metrics::new());
    let (bound, _task) = runtime
        .block_on(krok::ops::http::serve(
            "127.0.0.1:0",
            health,
            metrics,
            shutdown,
        ))
        .unwrap();
    let limits = krok::ops::listen::Limits::OPS;
    // More idle connections than the listener takes at once.
    let idle: Vec<std::net::TcpStream> = (0..limits.connections + 8)
        .map(|_| std::net::TcpStream::connect(bound).unwrap())
        .collect();
    let trickle = std::thread::spawn(move || {
        let mut s = std::net::TcpStream::connect(bound).unwrap();
        s.set_read_timeout(Some(Duration::from_millis(500)))
            .unwrap();
        let started = std::time::Instant::now();
        let head = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        for byte in head.iter().cycle() {
            if s.write_all(&[*byte]).is_err() {
                break;
            }
            let mut buf = [0; 256];
            match s.read(&mut buf) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                Err(_) => break,
            }
            assert!(started.elapsed() < Duration::from_secs(60), "still open");
        }
        started.elapsed()
    });
    let (status, body) = get(bound.port(), "/healthz").expect("the probe is answered");
    assert_eq!((status, body.as_str()), (200, "store: ok\n"));
    let held = trickle.join().unwrap();
    assert!(
        held >= limits.head,
        "closed by the limit, not at once: {held:?}"
    );
    for mut s in idle {
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let mut buf = [0; 16];
        let read = s.read(&mut buf);
        let timed_out = read.as_ref().is_err_and(|e| {
            matches!(
                e.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            )
        });
        assert!(
            matches!(read, Ok(0) | Err(_)) && !timed_out,
            "an idle connection is closed: {read:?}"
        );
    }
    trigger.fire();
}
