//! Faults are never silent: ports in use stop `krok run` at start, each named with its
//! setting; Telegram unreachable at start is retried while `/healthz` says why; a stop does
//! not wait for a network that does not answer.

use std::io::Read;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::botapi::{BotApi, TOKEN};
use super::support::{free_port, get, krok_bin, root, wait_for};

/// `krok run` on `data` with only `env` set (no health endpoint unless given), stderr piped.
fn krok_process(data: &std::path::Path, env: &[(&str, &str)]) -> Child {
    let mut cmd = Command::new(krok_bin());
    cmd.arg("run")
        .current_dir(root())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    for var in krok::config::ENV_VARS {
        cmd.env_remove(var);
    }
    cmd.env("KROK_DATA_DIR", data)
        .env("KROK_HEALTH_LISTEN", "")
        .env("RUST_LOG", "warn")
        .envs(env.iter().copied());
    cmd.spawn().unwrap()
}

/// `krok run` polling the Bot API server at `api_url`.
fn krok_run(api_url: &str, data: &std::path::Path, env: &[(&str, &str)]) -> Child {
    let telegram = [
        ("KROK_TELEGRAM_TOKEN", TOKEN),
        ("KROK_TELEGRAM_API_URL", api_url),
        ("KROK_TELEGRAM_POLL_TIMEOUT_SECS", "1"),
    ];
    let all: Vec<(&str, &str)> = telegram.iter().chain(env).copied().collect();
    krok_process(data, &all)
}

/// Waits for the process to end by itself, at most `limit`; past that it is killed (so its
/// output can still be read) and `None` says it did not end by itself.
fn exits_within(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

/// Asserts the process stops by itself within `limit` with exit code 1; what it wrote to stderr.
fn fails_at_start(child: &mut Child, limit: Duration) -> String {
    let status = exits_within(child, limit);
    let stderr = stderr_of(child);
    let status = status.expect("krok run stops by itself");
    assert_eq!(status.code(), Some(1), "{stderr}");
    stderr
}

/// What an ended process wrote to stderr.
fn stderr_of(child: &mut Child) -> String {
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    stderr
}

fn sigterm(child: &Child) {
    Command::new("kill")
        .arg(child.id().to_string())
        .status()
        .unwrap();
}

#[test]
fn ports_in_use_stop_krok_run_at_start_each_named_with_its_setting() {
    let api = BotApi::start(false);
    let data = tempfile::tempdir().unwrap();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let listen = taken.local_addr().unwrap().to_string();
    // The health address taken too: both are named in the one start.
    let other = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let health = other.local_addr().unwrap().to_string();
    let env = [
        (
            "KROK_TELEGRAM_WEBHOOK_URL",
            "https://krok.example.org/telegram",
        ),
        ("KROK_TELEGRAM_WEBHOOK_LISTEN", listen.as_str()),
        ("KROK_TELEGRAM_WEBHOOK_SECRET", "s3cret"),
        ("KROK_HEALTH_LISTEN", health.as_str()),
    ];
    let mut krok = krok_run(&api.url, data.path(), &env);
    let stderr = fails_at_start(&mut krok, Duration::from_secs(20));
    assert!(
        stderr.contains(&format!(
            "telegram_webhook_listen `{listen}`: cannot listen there"
        )) && stderr.contains(&format!("health_listen `{health}`: cannot listen there")),
        "{stderr}"
    );
    assert!(api.webhook().is_none(), "nothing registered with Telegram");

    // Two settings on one free address are said to be each other's, not another process's.
    let free = format!("127.0.0.1:{}", free_port());
    let env = [
        ("KROK_HEALTH_LISTEN", free.as_str()),
        ("KROK_DESK_LISTEN", free.as_str()),
        ("KROK_DESK_PUBLIC_URL", "http://127.0.0.1:8090"),
    ];
    let mut krok = krok_run(&api.url, data.path(), &env);
    let stderr = fails_at_start(&mut krok, Duration::from_secs(20));
    assert!(
        stderr.contains(&format!(
            "desk_listen `{free}`: health_listen is the same address; give each its own port"
        )),
        "{stderr}"
    );
}

#[test]
fn telegram_unreachable_at_start_is_retried_with_the_cause_in_healthz_and_a_stop_is_quick() {
    let data = tempfile::tempdir().unwrap();
    let closed = format!("http://127.0.0.1:{}", free_port());
    let health = free_port();
    let listen = format!("127.0.0.1:{health}");
    let mut krok = krok_run(&closed, data.path(), &[("KROK_HEALTH_LISTEN", &listen)]);
    wait_for("/healthz to say why", || {
        get(health, "/healthz").is_some_and(|(status, body)| {
            status == 503 && body.contains("telegram") && body.contains("cannot reach")
        })
    });
    // The first wait is under a second: said as 1 s, not "retrying in 0s".
    let (_, said) = get(health, "/healthz").unwrap();
    assert!(
        said.contains("retrying in") && !said.contains("retrying in 0s"),
        "{said}"
    );
    assert!(
        krok.try_wait().unwrap().is_none(),
        "still running, retrying"
    );
    sigterm(&krok);
    // The README promises 2 s; the margin here is for a loaded CI machine.
    let status = exits_within(&mut krok, Duration::from_secs(5)).expect("a quick stop");
    assert!(status.success(), "{status}");
}

#[test]
fn a_stop_does_not_wait_for_a_server_that_never_answers() {
    let data = tempfile::tempdir().unwrap();
    // Accepts connections and never answers.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", silent.local_addr().unwrap());
    let holder = std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in silent.incoming().take(4) {
            held.push(stream);
        }
        std::thread::sleep(Duration::from_secs(30));
    });
    let mut krok = krok_run(&url, data.path(), &[]);
    std::thread::sleep(Duration::from_secs(2));
    assert!(krok.try_wait().unwrap().is_none());
    sigterm(&krok);
    let status = exits_within(&mut krok, Duration::from_secs(5)).expect("a quick stop");
    assert!(status.success(), "{status}");
    drop(holder);
}

/// Sets the file size limit of process `pid` (0: every write to a file fails, as on a full
/// disk; `None`: no limit).
fn file_size_limit(pid: u32, bytes: Option<u64>) {
    let limit = bytes.map_or(libc::RLIM_INFINITY, |b| b as libc::rlim_t);
    let value = libc::rlimit {
        rlim_cur: limit,
        rlim_max: libc::RLIM_INFINITY,
    };
    // SAFETY: a valid pid and a rlimit that lives through the call.
    let done = unsafe {
        libc::prlimit(
            pid as libc::pid_t,
            libc::RLIMIT_FSIZE,
            &value,
            std::ptr::null_mut(),
        )
    };
    assert_eq!(done, 0, "prlimit: {}", std::io::Error::last_os_error());
}

/// A Bot API test server, a data folder, and a port for `/healthz` (with its listen address).
fn test_server_and_health() -> (BotApi, tempfile::TempDir, u16, String) {
    let health = free_port();
    (
        BotApi::start(false),
        tempfile::tempdir().unwrap(),
        health,
        format!("127.0.0.1:{health}"),
    )
}

/// `krok run` against a test server, once `/healthz` says it is healthy.
fn healthy_krok() -> (BotApi, tempfile::TempDir, u16, Child) {
    let (api, data, health, listen) = test_server_and_health();
    let krok = krok_run(&api.url, data.path(), &[("KROK_HEALTH_LISTEN", &listen)]);
    wait_for("healthy", || {
        get(health, "/healthz").is_some_and(|(status, _)| status == 200)
    });
    (api, data, health, krok)
}

#[test]
fn a_full_disk_gets_an_apology_with_the_crisis_lines_loses_no_booking_and_heals() {
    let (api, data, health, listen) = test_server_and_health();
    // sled logs every failed write of the full disk; quiet here.
    let env = [("KROK_HEALTH_LISTEN", listen.as_str()), ("RUST_LOG", "off")];
    let krok = super::telegram::Krok::start(&api, data.path(), &env);
    let person = 5_550_400_001;
    let (code, seen) = super::routing::book(&api, person, "en");
    let store_is = |state: &str| {
        get(health, "/healthz").is_some_and(|(_, body)| body.contains(&format!("store: {state}")))
    };
    wait_for("the store checked", || store_is("ok"));

    file_size_limit(krok.pid(), Some(0));
    api.send_text(person, "en", "/help");
    let replies = api.wait_messages(person, seen + 1, super::telegram::WAIT);
    let sorry = &replies
        .get(seen)
        .expect("an answer while the disk is full")
        .text;
    assert!(
        sorry.starts_with("Something went wrong") && sorry.contains("112"),
        "{sorry}"
    );
    wait_for("/healthz to say the disk fails", || {
        store_is("not ok: cannot write to the data folder")
    });

    file_size_limit(krok.pid(), None);
    wait_for("the store to heal", || store_is("ok"));
    api.send_text(person, "en", "/bookings");
    let replies = api.wait_messages(person, seen + 2, super::telegram::WAIT);
    let list = &replies.get(seen + 1).expect("answered again").text;
    assert!(
        list.contains(&code),
        "the confirmed booking is kept: {list}"
    );
}

/// Telegram's sendMessage failing for a while (its 5xx): the crisis answer waits and goes
/// out when it works again, and meanwhile `/healthz` says the sends are failing.
#[test]
fn a_crisis_answer_outlasts_a_send_outage_and_healthz_tells_of_it() {
    let (api, _data, health, mut krok) = healthy_krok();
    api.send_outage(true);
    let person = 4711;
    api.send_text(person, "uk", "хочу померти");
    wait_for("/healthz to tell of failing sends", || {
        get(health, "/healthz")
            .is_some_and(|(status, body)| status == 503 && body.contains("telegram sends: not ok"))
    });
    assert!(api.sent_to(person).is_empty());
    api.send_outage(false);
    let replies = api.wait_messages(person, 1, Duration::from_secs(60));
    assert!(
        replies
            .first()
            .is_some_and(|r| r.text.contains("+48 12 421 92 82")),
        "the crisis answer went out: {replies:?}"
    );
    wait_for("healthy again", || {
        get(health, "/healthz")
            .is_some_and(|(status, body)| status == 200 && body.contains("telegram sends: ok"))
    });
    sigterm(&krok);
    exits_within(&mut krok, Duration::from_secs(10)).expect("a stop");
}

/// A button pressed while Telegram's sends fail: the reply waits in the queue and the pressed
/// message keeps its keyboard until sends work again; then the reply goes out and the
/// keyboard is taken away, though it is not queued with the reply (it is tried again apart).
#[test]
fn a_press_during_a_send_outage_is_answered_and_its_keyboard_taken_away_after_it() {
    let (api, _data, health, _krok) = healthy_krok();
    let person = 4716;
    api.send_text(person, "en", "/start");
    let menu = api
        .wait_messages(person, 1, super::telegram::WAIT)
        .remove(0);
    let (_, data) = menu.buttons.first().expect("the menu has buttons").clone();
    api.send_outage(true);
    api.press(person, "en", menu.message_id, &data);
    wait_for("/healthz to tell of failing sends", || {
        get(health, "/healthz")
            .is_some_and(|(status, body)| status == 503 && body.contains("telegram sends: not ok"))
    });
    assert!(
        api.has_keyboard(person, menu.message_id),
        "nothing reached Telegram during the outage"
    );
    api.send_outage(false);
    assert_eq!(
        api.wait_messages(person, 2, Duration::from_secs(60)).len(),
        2,
        "the press is answered"
    );
    wait_for("the pressed message's keyboard to be taken away", || {
        !api.has_keyboard(person, menu.message_id)
    });
}

/// A proxy answering sendMessage with its own page (not the Bot API's JSON) has not had the
/// message refused by Telegram: the crisis answer is tried again and goes out once the proxy
/// is mended, and `/healthz` never repeats the token the page repeats. A message Telegram
/// itself refuses is dropped, and said in `/healthz` as a warning.
#[test]
fn a_proxy_page_is_retried_and_a_refusal_is_a_warning_in_healthz() {
    use super::botapi::SendFault;
    let (api, _data, health, _krok) = healthy_krok();
    api.send_fault(Some(SendFault::Page));
    let person = 4712;
    api.send_text(person, "uk", "хочу померти");
    wait_for("/healthz to tell of failing sends", || {
        get(health, "/healthz")
            .is_some_and(|(status, body)| status == 503 && body.contains("telegram sends: not ok"))
    });
    let (_, body) = get(health, "/healthz").unwrap();
    assert!(!body.contains(super::botapi::TOKEN), "{body}");
    api.send_fault(None);
    let replies = api.wait_messages(person, 1, Duration::from_secs(60));
    assert!(
        replies[0].text.contains("+48 12 421 92 82"),
        "the crisis answer went out: {replies:?}"
    );
    // Refused as formatted (a bug in its markup or a button): the words go out as plain
    // text, the options numbered, and a number typed picks one.
    api.send_fault(Some(SendFault::RefusedFormatted));
    let person = 4714;
    api.send_text(person, "pl", "chcę umrzeć");
    let crisis = &api.wait_messages(person, 1, Duration::from_secs(30))[0];
    assert!(
        crisis.text.contains("+48 12 421 92 82") && crisis.buttons.is_empty(),
        "{crisis:?}"
    );
    assert!(!crisis.html.contains("<b>"), "{crisis:?}");
    let number = crisis
        .text
        .lines()
        .find(|l| l.contains("Menu główne"))
        .and_then(|l| l.split_once(". "))
        .map(|(n, _)| n.to_owned())
        .unwrap_or_else(|| panic!("the options are numbered: {}", crisis.text));
    api.send_text(person, "pl", &number);
    let menu = &api.wait_messages(person, 2, Duration::from_secs(30))[1];
    assert!(
        menu.buttons.is_empty() && menu.text.contains("1. "),
        "{menu:?}"
    );
    api.send_fault(Some(SendFault::Refused));
    api.send_text(4713, "uk", "/start");
    wait_for("/healthz to tell of the refusal", || {
        get(health, "/healthz").is_some_and(|(status, body)| {
            status == 200
                && body.contains("telegram refusals: warning: 1 message(s) dropped")
                && body.contains("message is too long")
        })
    });
    let (_, metrics) = get(health, "/metrics").unwrap();
    assert!(
        metrics.contains("krok_health_warnings{part=\"telegram refusals\"} 1"),
        "{metrics}"
    );
}

/// Telegram throttling getUpdates (429) is said in `/healthz` as a warning and counted, not
/// taken for a loop that hung (a restart would not shorten the wait); once it lets the bot
/// ask again, the warning goes.
#[test]
fn a_throttled_get_updates_is_told_and_counted() {
    let (api, _data, health, _krok) = healthy_krok();
    api.throttle_updates(Some(1));
    wait_for("/healthz to tell of the 429", || {
        get(health, "/healthz").is_some_and(|(status, body)| {
            status == 200
                && body.contains("telegram updates: warning: Telegram answered getUpdates with 429")
        })
    });
    let (_, metrics) = get(health, "/metrics").unwrap();
    // `/healthz` in numbers, for an alert that needs no parsing of its text.
    assert!(
        metrics.contains("krok_health_ok{part=\"telegram\"} 1")
            && metrics.contains("krok_health_warnings{part=\"telegram updates\"} 1")
            && metrics.contains("krok_health_ok{part=\"store\"} 1")
            && metrics.contains("krok_build_info{version=\"")
            && metrics.contains("krok_start_time_seconds "),
        "{metrics}"
    );
    assert!(
        metrics.lines().any(
            |l| l.starts_with("krok_rate_limited_total{platform=\"telegram\"}")
                && !l.ends_with(" 0")
        ),
        "{metrics}"
    );
    api.throttle_updates(None);
    wait_for("the warning gone", || {
        get(health, "/healthz")
            .is_some_and(|(status, body)| status == 200 && !body.contains("telegram updates"))
    });
}

/// `/forget` while Telegram's sendMessage fails: what was queued for the person before it
/// (their number read back, a booking's code) is dropped from the queue, so it neither stays
/// on disk nor reaches them later; only the confirmation goes out once sends work again.
#[test]
fn a_forget_during_a_send_outage_drops_what_was_queued_for_the_person_before_it() {
    let (api, _data, health, mut krok) = healthy_krok();
    api.send_outage(true);
    let (person, other) = (4714, 4715);
    api.send_text(person, "en", "/start");
    api.send_text(other, "en", "/start");
    wait_for("/healthz to tell of failing sends", || {
        get(health, "/healthz")
            .is_some_and(|(status, body)| status == 503 && body.contains("telegram sends: not ok"))
    });
    api.send_text(person, "en", "/forget");
    std::thread::sleep(Duration::from_secs(1));
    api.send_outage(false);
    let replies = api.wait_messages(person, 1, Duration::from_secs(60));
    assert!(
        replies[0]
            .text
            .starts_with("Done. I have deleted everything"),
        "{replies:?}"
    );
    assert_eq!(
        api.wait_messages(other, 1, Duration::from_secs(60)).len(),
        1
    );
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(api.sent_to(person).len(), 1, "{:?}", api.sent_to(person));
    sigterm(&krok);
    exits_within(&mut krok, Duration::from_secs(10)).expect("a stop");
}

/// Webhook mode with Telegram in trouble at start: setWebhook is tried again (the cause in
/// `/healthz`) until it works, and then the webhook serves.
#[test]
fn a_webhook_telegram_cannot_register_at_first_is_registered_when_it_can() {
    let (api, data, health, listen) = test_server_and_health();
    let port = free_port();
    let url = format!("http://127.0.0.1:{port}/telegram");
    let hook = format!("127.0.0.1:{port}");
    api.outage(true);
    let env = [
        ("KROK_HEALTH_LISTEN", listen.as_str()),
        ("KROK_TELEGRAM_WEBHOOK_URL", url.as_str()),
        ("KROK_TELEGRAM_WEBHOOK_LISTEN", hook.as_str()),
        ("KROK_TELEGRAM_WEBHOOK_SECRET", "s3cret"),
    ];
    let mut krok = krok_run(&api.url, data.path(), &env);
    wait_for("/healthz to tell why", || {
        get(health, "/healthz")
            .is_some_and(|(status, body)| status == 503 && body.contains("setWebhook"))
    });
    api.outage(false);
    wait_for("the webhook to be registered", || api.webhook().is_some());
    api.send_text(4712, "en", "/start");
    assert_eq!(api.wait_messages(4712, 1, Duration::from_secs(30)).len(), 1);
    wait_for("healthy", || {
        get(health, "/healthz").is_some_and(|(status, _)| status == 200)
    });
    sigterm(&krok);
    exits_within(&mut krok, Duration::from_secs(10)).expect("a stop");
}

/// Webhook mode where Telegram cannot reach the bot: `/healthz` tells it, with Telegram's
/// reason and how many updates wait (from getWebhookInfo); once Telegram reaches the webhook
/// again what waited is answered and `/healthz` is well. A webhook gone from Telegram (another
/// instance with the same token) is told too.
#[test]
fn a_webhook_telegram_cannot_reach_is_told_in_healthz_and_what_waited_is_answered() {
    let (api, data, health, listen) = test_server_and_health();
    let port = free_port();
    let url = format!("http://127.0.0.1:{port}/telegram");
    let hook = format!("127.0.0.1:{port}");
    let env = [
        ("KROK_HEALTH_LISTEN", listen.as_str()),
        ("KROK_TELEGRAM_WEBHOOK_URL", url.as_str()),
        ("KROK_TELEGRAM_WEBHOOK_LISTEN", hook.as_str()),
        ("KROK_TELEGRAM_WEBHOOK_SECRET", "s3cret"),
        ("KROK_TELEGRAM_WEBHOOK_CHECK_SECS", "1"),
        ("RUST_LOG", "warn,krok::adapters::telegram::delivery=info"),
    ];
    let mut krok = krok_run(&api.url, data.path(), &env);
    let healthz = |want: u16, line: &str| {
        get(health, "/healthz").is_some_and(|(status, body)| status == want && body.contains(line))
    };
    wait_for("healthy", || healthz(200, "telegram delivery: ok"));
    api.webhook_unreachable(Some("Connection refused"));
    api.send_text(4713, "uk", "/start");
    let refused = "telegram delivery: not ok: Telegram cannot deliver updates to the webhook: \
                   Connection refused (1 waiting)";
    wait_for("/healthz to tell", || healthz(503, refused));
    api.webhook_unreachable(None);
    assert_eq!(api.wait_messages(4713, 1, Duration::from_secs(30)).len(), 1);
    wait_for("healthy again", || healthz(200, "telegram delivery: ok"));
    // An answer that cannot be read says nothing good: not left green.
    api.webhook_info_garbled(true);
    wait_for("/healthz to tell", || {
        healthz(503, "Telegram's answer about the webhook could not be read")
    });
    api.webhook_info_garbled(false);
    wait_for("healthy again", || healthz(200, "telegram delivery: ok"));
    api.drop_webhook();
    wait_for("/healthz to tell", || {
        healthz(503, "Telegram has no webhook for this bot")
    });
    sigterm(&krok);
    exits_within(&mut krok, Duration::from_secs(10)).expect("a stop");
    let stderr = stderr_of(&mut krok);
    let trouble = stderr.find("Telegram cannot deliver to the webhook");
    let recovered = stderr.find("Telegram delivers to the webhook again");
    assert!(
        trouble.is_some() && recovered > trouble,
        "the recovery is logged as the trouble was: {stderr}"
    );
}

#[test]
fn while_telegram_is_down_a_stop_is_quick() {
    let (api, _data, health, mut krok) = healthy_krok();
    api.outage(true);
    wait_for("getUpdates failing twice", || {
        get(health, "/healthz").is_some_and(|(_, body)| body.contains("getUpdates failed"))
    });
    std::thread::sleep(Duration::from_secs(3));
    sigterm(&krok);
    let status = exits_within(&mut krok, Duration::from_secs(5)).expect("a quick stop");
    assert!(status.success(), "{status}");
}

#[test]
fn three_hundred_rejected_webhook_requests_make_one_log_line() {
    let api = BotApi::start(false);
    let data = tempfile::tempdir().unwrap();
    let port = free_port();
    let url = format!("http://127.0.0.1:{port}/telegram");
    let listen = format!("127.0.0.1:{port}");
    let env = [
        ("KROK_TELEGRAM_WEBHOOK_URL", url.as_str()),
        ("KROK_TELEGRAM_WEBHOOK_LISTEN", listen.as_str()),
        ("KROK_TELEGRAM_WEBHOOK_SECRET", "s3cret"),
    ];
    let mut krok = krok_run(&api.url, data.path(), &env);
    wait_for("the webhook to be registered", || api.webhook().is_some());
    for i in 0..300 {
        let update = serde_json::json!({"update_id": i});
        assert_eq!(api.post_to_webhook(Some("wrong"), update), 401);
    }
    sigterm(&krok);
    exits_within(&mut krok, Duration::from_secs(5)).expect("a quick stop");
    let stderr = stderr_of(&mut krok);
    let lines = stderr
        .lines()
        .filter(|l| l.contains("without the right secret"))
        .count();
    assert_eq!(lines, 1, "{stderr}");
}

#[test]
fn a_login_the_homeserver_refuses_stops_krok_run_instead_of_retrying() {
    super::matrix::synapse();
    let (name, _) = super::matrix::register("wrongpw");
    let data = tempfile::tempdir().unwrap();
    let user = format!("@{name}:localhost");
    let env = [
        ("KROK_MATRIX_HOMESERVER", super::matrix::HOMESERVER),
        ("KROK_MATRIX_USER", user.as_str()),
        ("KROK_MATRIX_PASSWORD", "not the password"),
        ("KROK_MATRIX_STORE_PASSPHRASE", "a test passphrase"),
        ("RUST_LOG", "off"),
    ];
    let mut krok = krok_process(data.path(), &env);
    let stderr = fails_at_start(&mut krok, Duration::from_secs(30));
    assert!(stderr.contains("logging in to Matrix"), "{stderr}");
}
