//! People are reached wherever they are: a caseworker's cancel reaches the person on their own
//! platform, in their language, from the same platform and from another one; the same update
//! delivered to the webhook several times at once is answered once, and so is a button tapped
//! twice.

use serde_json::json;

use super::botapi::BotApi;
use super::telegram::{Krok, WAIT, connect_with_staff, start_webhook};

/// Books the first legal consultation on Telegram in `lang`; the code and how many messages
/// the person has had.
pub(super) fn book(api: &BotApi, user: i64, lang: &str) -> (String, usize) {
    let (code, seen, _) = book_slot(api, user, lang);
    (code, seen)
}

/// As `book`, with the slot's start (unix seconds).
pub(super) fn book_slot(api: &BotApi, user: i64, lang: &str) -> (String, usize, i64) {
    let mut seen = 0;
    let mut next = || {
        seen += 1;
        api.wait_messages(user, seen, WAIT)
            .pop()
            .expect("the bot answers")
    };
    api.send_text(user, lang, &format!("/start legal-{lang}"));
    let legal = next();
    api.press(user, lang, legal.message_id, "legal|opt-legal-advice");
    let advice = next();
    api.press(user, lang, advice.message_id, "legal_advice|opt-book");
    let slots = next();
    let (_, slot) = slots
        .buttons
        .iter()
        .find(|(_, d)| d.starts_with("@slot:"))
        .expect("slots offered")
        .clone();
    api.press(user, lang, slots.message_id, &slot);
    next();
    api.send_text(user, lang, "Оля");
    let contact = next();
    api.press(user, lang, contact.message_id, "@contact:chat");
    let consent = next();
    api.press(user, lang, consent.message_id, "@agree");
    let booked = next().text;
    let code: String = booked
        .split(|c: char| !c.is_ascii_alphanumeric())
        .find(|w| {
            w.len() == 8
                && w.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        })
        .unwrap_or_default()
        .to_owned();
    assert_eq!(code.len(), 8, "a code in the confirmation: {booked}");
    (code, seen, slot["@slot:".len()..].parse().unwrap())
}

#[test]
fn the_operators_commands_work_while_krok_run_runs() {
    let api = BotApi::start(true);
    let data = tempfile::tempdir().unwrap();
    let krok = Krok::start(&api, data.path(), &[]);
    let (code, _, start) = book_slot(&api, 631, "pl");
    let date = chrono::DateTime::from_timestamp(start, 0)
        .unwrap()
        .with_timezone(&chrono_tz::Europe::Warsaw)
        .date_naive()
        .to_string();
    let run = |args: &[&str]| {
        let out = super::bounded::output(
            std::process::Command::new(super::support::krok_bin())
                .args(args)
                .current_dir(super::support::root())
                .env("KROK_DATA_DIR", data.path()),
            b"",
            super::bounded::PROCESS_LIMIT,
            &format!("krok {args:?}"),
        );
        assert!(
            out.status.success(),
            "krok {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let table = run(&["bookings", "--date", &date]);
    assert!(
        table.starts_with(&format!("{date}: 1 booking(s)")) && table.contains(&code),
        "{table}"
    );
    let csv = run(&["stats", "--from", &date, "--to", &date, "--csv"]);
    assert!(csv.starts_with("date,counter,label,count\n"), "{csv}");
    let today = run(&["stats", "--csv"]);
    assert!(today.contains("started-platform,telegram"), "{today}");
    // A request line that never ends is cut off, not read into memory for ever.
    {
        use std::io::{Read, Write};
        let mut socket =
            std::os::unix::net::UnixStream::connect(data.path().join("admin.sock")).unwrap();
        socket
            .set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .unwrap();
        let _ = socket.write_all(&[b'x'; 4096]);
        let mut answer = String::new();
        // The answer, or a reset if the bytes it did not read were still on their way: either
        // way the connection ends, and at once.
        match socket.read_to_string(&mut answer) {
            Ok(_) => assert_eq!(answer, "error: one request line, sent at once\n"),
            Err(e) => assert_eq!(e.kind(), std::io::ErrorKind::ConnectionReset, "{e}"),
        }
    }
    assert!(
        run(&["bookings", "--date", &date]).contains(&code),
        "and it still answers"
    );
    drop(krok);
    let after = run(&["bookings", "--date", &date]);
    assert!(
        after.contains(&code),
        "and from the store when krok is stopped: {after}"
    );
}

#[test]
fn a_telegram_caseworker_cancels_and_the_telegram_person_is_told_in_ukrainian() {
    let api = BotApi::start(true);
    let data = tempfile::tempdir().unwrap();
    let _krok = Krok::start(&api, data.path(), &[("KROK_CASEWORKERS", "tg:612")]);
    let person = 611;
    let (code, seen) = book(&api, person, "uk");
    // The most natural note holds a link to book again: the command is still a command.
    let link = format!(
        "https://t.me/{}?start=legal_advice-uk-mops",
        super::botapi::BOT_USERNAME
    );
    let note = format!("Konsultant jest chory. Proszę zarezerwować ponownie: {link}");
    api.send_text(612, "pl", &format!("/cancelbooking {code} {note}"));
    let staff = api.wait_messages(612, 1, WAIT);
    assert!(
        staff[0].text.contains(&code) && staff[0].text.contains("odwołana"),
        "{}",
        staff[0].text
    );
    let told = api.wait_messages(person, seen + 1, WAIT);
    let notice = &told.get(seen).expect("the person is told").text;
    assert!(
        notice.starts_with("Нам дуже шкода") && notice.contains(&link),
        "{notice}"
    );
}

#[test]
fn a_console_caseworker_cancels_a_telegram_booking_and_the_person_is_told() {
    let api = BotApi::start(true);
    let data = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (telegram, pipeline) = connect_with_staff(&api, data.path(), &runtime, &["console:local"]);
    let screen = super::support::Captured::default();
    let console = krok::adapters::console::Console::new(screen.clone());
    pipeline.register(std::sync::Arc::new(console));
    let (stop, shutdown) = krok::shutdown::Shutdown::new();
    let serving = runtime.spawn(telegram.serve(shutdown));
    let person = 621;
    let (code, seen) = book(&api, person, "en");
    let command = format!("/cancelbooking {code}");
    let incoming = krok::adapters::console::incoming(&command, None);
    let outcome = pipeline.turn(&incoming, chrono::Utc::now());
    assert_eq!(outcome, krok::pipeline::Outcome::Answered);
    let staff = screen.take();
    assert!(staff.contains(&code), "{staff}");
    let told = api.wait_messages(person, seen + 1, WAIT);
    let notice = &told.get(seen).expect("the person is told on Telegram").text;
    assert!(notice.starts_with("We are sorry"), "{notice}");
    stop.fire();
    super::bounded::stopped(&runtime, serving, "the Telegram adapter").unwrap();
}

#[test]
fn the_same_update_delivered_to_the_webhook_at_once_is_answered_once() {
    let api = BotApi::start(false);
    let data = tempfile::tempdir().unwrap();
    let (_krok, _, listen) = start_webhook(&api, data.path(), "s3cret");
    super::support::wait_for("the webhook to be registered", || api.webhook().is_some());
    let user = 831;
    for round in 0..5u32 {
        let update = json!({"update_id": 5000 + round, "message": {"message_id": 10 + round,
            "date": 1_764_579_600, "text": if round == 0 { "/start" } else { "1" },
            "chat": {"id": user, "type": "private", "first_name": "Olena"},
            "from": BotApi::user(user, "en")}});
        // The bot may still be binding its port just after registering.
        super::support::wait_for("the webhook to listen", || {
            round > 0 || std::net::TcpStream::connect(&listen).is_ok()
        });
        let statuses = api.post_to_webhook_at_once("s3cret", update, 6);
        assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    }
    // One more, delivered once: when its answer is there, everything before it was sent.
    api.send_text(user, "en", "/help");
    let answers = api.wait_messages(user, 6, WAIT);
    assert_eq!(
        answers.len(),
        6,
        "five updates delivered six times each, and one more: six answers"
    );
}

#[test]
fn a_button_tapped_twice_is_answered_once_and_back_twice_goes_back_one_step() {
    let api = BotApi::start(false);
    let data = tempfile::tempdir().unwrap();
    let _krok = Krok::start(&api, data.path(), &[]);
    let user = 611;
    api.send_text(user, "uk", "/start legal-uk");
    let legal = api.wait_messages(user, 1, WAIT).pop().unwrap();
    // Two taps before the bot answered the first (one batch), and one after it answered,
    // before the phone took the buttons away.
    let advice = "legal|opt-legal-advice";
    api.press(user, "uk", legal.message_id, advice);
    api.press(user, "uk", legal.message_id, advice);
    let advice = api.wait_messages(user, 2, WAIT).pop().unwrap();
    api.press(user, "uk", legal.message_id, "legal|opt-legal-advice");
    api.press(user, "uk", advice.message_id, "@back");
    api.press(user, "uk", advice.message_id, "@back");
    // What the person writes next is answered after whatever the taps brought.
    api.send_text(user, "uk", "привіт");
    let all = api.wait_messages(user, 4, WAIT);
    std::thread::sleep(std::time::Duration::from_millis(500));
    let all: Vec<String> = api
        .wait_messages(user, all.len(), WAIT)
        .into_iter()
        .map(|m| m.text)
        .collect();
    assert_eq!(all.len(), 4, "{all:#?}");
    assert_eq!(all[2], legal.text, "one step back, to where the taps began");
    assert_eq!(
        api.answered_callbacks().len(),
        5,
        "every tap's spinner stopped"
    );
}
