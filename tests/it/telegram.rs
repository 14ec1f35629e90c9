//! Telegram end to end: `krok run` as a process against the Bot API test server.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use krok::store::{SessionStore, SledStore, UserKey};
use serde_json::json;

use super::botapi::{BOT_USERNAME, BotApi, Sent, TOKEN};
use super::bounded::PROCESS_LIMIT;
use super::support::{free_port, krok_bin, root};

pub(super) const WAIT: Duration = Duration::from_secs(15);

/// A running `krok run`; killed when dropped.
pub(super) struct Krok(Child);

impl Krok {
    pub(super) fn start(api: &BotApi, data: &Path, env: &[(&str, &str)]) -> Krok {
        Krok::start_with(api, data, env, Stdio::inherit())
    }

    /// As `start`, with the bot's log (warnings and worse) going to `log`.
    pub(super) fn start_with(api: &BotApi, data: &Path, env: &[(&str, &str)], log: Stdio) -> Krok {
        let mut cmd = Command::new(krok_bin());
        cmd.arg("run")
            .current_dir(root())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log);
        for var in krok::config::ENV_VARS {
            cmd.env_remove(var);
        }
        cmd.env("KROK_TELEGRAM_TOKEN", TOKEN)
            .env("KROK_TELEGRAM_API_URL", &api.url)
            .env("KROK_DATA_DIR", data)
            .env("KROK_TELEGRAM_POLL_TIMEOUT_SECS", "1")
            .env("KROK_HEALTH_LISTEN", "")
            .env("RUST_LOG", "warn");
        cmd.envs(env.iter().copied());
        Krok(cmd.spawn().expect("krok starts"))
    }

    pub(super) fn pid(&self) -> u32 {
        self.0.id()
    }

    /// Waits up to `within` for the process to end by itself: its exit status, if it did.
    pub(super) fn ended_within(mut self, within: Duration) -> Option<std::process::ExitStatus> {
        let until = std::time::Instant::now() + within;
        while std::time::Instant::now() < until {
            if let Some(status) = self.0.try_wait().unwrap() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        None
    }

    pub(super) fn kill9(mut self) {
        self.0.kill().unwrap();
        self.0.wait().unwrap();
    }

    /// SIGTERM, as an operator stops it, and wait for a clean exit.
    fn stop(mut self) {
        Command::new("kill")
            .arg(self.0.id().to_string())
            .status()
            .unwrap();
        let status = super::bounded::wait(&mut self.0, PROCESS_LIMIT, "krok run after SIGTERM");
        assert!(status.success(), "krok exits cleanly on SIGTERM: {status}");
    }
}

impl Drop for Krok {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn a_whole_conversation_with_deep_link_buttons_and_a_crisis_phrase() {
    let api = BotApi::start(true);
    let data = tempfile::tempdir().unwrap();
    let _krok = Krok::start(&api, data.path(), &[]);
    let user = 501;
    api.send_text(user, "ru", "/start legal-uk-mops");
    let first = api.wait_messages(user, 1, WAIT).remove(0);
    assert!(
        first.text.starts_with("Яка у вас справа?"),
        "Ukrainian from the link, not Russian from the app: {}",
        first.text
    );
    assert!(
        first
            .buttons
            .iter()
            .any(|(_, d)| d == "legal|opt-legal-advice"),
        "{:?}",
        first.buttons
    );
    api.press(user, "ru", first.message_id, "legal|opt-legal-advice");
    let second = api.wait_messages(user, 2, WAIT).remove(1);
    assert!(
        second.text.contains("+48 510 080 765") && second.html.contains("<b>"),
        "{}",
        second.html
    );
    // Taken away beside the reply, not before it.
    crate::support::wait_for("the pressed message's keyboard to be gone", || {
        !api.has_keyboard(user, first.message_id)
    });
    assert!(api.has_keyboard(user, second.message_id));
    assert_eq!(
        api.answered_callbacks().len(),
        1,
        "every callback query is answered"
    );
    api.send_text(user, "ru", "я не хочу жити");
    let third = api.wait_messages(user, 3, WAIT).remove(2);
    assert!(
        third.text.contains("112") && third.text.contains("+48 12 421 92 82"),
        "{}",
        third.text
    );
    assert_eq!(api.too_many_requests(), 0, "the outbox kept to the limits");
}

#[test]
fn language_comes_from_telegram_on_first_contact() {
    let api = BotApi::start(true);
    let data = tempfile::tempdir().unwrap();
    let _krok = Krok::start(&api, data.path(), &[]);
    api.send_text(502, "pl", "/start");
    assert!(
        api.wait_messages(502, 1, WAIT)[0]
            .text
            .starts_with("Dzień dobry")
    );
    api.send_text(503, "de", "/start");
    assert!(
        api.wait_messages(503, 1, WAIT)[0]
            .text
            .starts_with("Оберіть мову"),
        "unknown language: asked"
    );
    // A caseworker's link pasted as a message instead of opened, and the code a card prints
    // typed in: each opens the step, in the link's language.
    let legal = "Щочетверга з 16:00 до 19:00";
    api.send_text(
        504,
        "ru",
        &format!("https://t.me/{BOT_USERNAME}?start=legal_advice-uk-mops"),
    );
    let opened = api.wait_messages(504, 1, WAIT).remove(0).text;
    assert!(opened.starts_with(legal), "{opened}");
    api.send_text(505, "pl", "/start");
    api.wait_messages(505, 1, WAIT);
    api.send_text(505, "pl", "legal_advice-uk-mops");
    let opened = api.wait_messages(505, 2, WAIT).remove(1).text;
    assert!(opened.starts_with(legal), "{opened}");
    // With words around it, or typed with spaces as a card is read: the step too, never the
    // benefits office the tag "mops" would read as; with a crisis besides, the crisis answer.
    let link = format!("https://t.me/{BOT_USERNAME}?start=legal_advice-uk-mops");
    for (user, text) in [
        (506, format!("Мені дали посилання {link}, що робити?")),
        (507, "Legal advice uk mops".to_owned()),
        (508, "мій код legal_advice-uk-mops".to_owned()),
    ] {
        api.send_text(user, "ru", &text);
        let opened = api.wait_messages(user, 1, WAIT).remove(0).text;
        assert!(opened.starts_with(legal), "{text}: {opened}");
    }
    api.send_text(509, "uk", &format!("{link} не хочу жити"));
    let answer = api.wait_messages(509, 1, WAIT).remove(0).text;
    assert!(
        !answer.starts_with(legal) && answer.contains("+48 12 421 92 82"),
        "{answer}"
    );
}

#[test]
fn kill_9_mid_conversation_then_every_update_is_answered_exactly_once() {
    let api = BotApi::start(true);
    let data = tempfile::tempdir().unwrap();
    let user = 601;
    let krok = Krok::start(&api, data.path(), &[]);
    api.send_text(user, "en", "/start");
    api.wait_messages(user, 1, WAIT);
    // A burst the per-chat limit spreads over seconds: some answered, some queued, some not
    // yet handled when the process dies.
    let burst = ["1", "/back", "2", "/back", "3", "/back"];
    for text in burst {
        api.send_text(user, "en", text);
    }
    // Two of the burst answered, the next not due for most of a second (the per-chat limit
    // holds the rest back): the kill lands between sends. A kill just after a send can double
    // that message (the known exactly-once window; see README, Privacy and durability).
    api.wait_messages(user, 3, WAIT);
    std::thread::sleep(Duration::from_millis(400));
    krok.kill9();
    let before_restart = api.wait_messages(user, 0, Duration::ZERO).len();
    api.send_text(user, "en", "4");
    let _krok = Krok::start(&api, data.path(), &[]);
    let expected = 1 + burst.len() + 1;
    let replies = api.wait_messages(user, expected, Duration::from_secs(30));
    // One more: when its answer is there, anything sent twice before it would be there too.
    api.send_text(user, "en", "/help");
    let replies_later = api.wait_messages(user, expected + 1, WAIT);
    assert!(
        before_restart < expected,
        "the kill came mid-conversation ({before_restart} of {expected} answered)"
    );
    assert_eq!(replies.len(), expected, "every update answered");
    assert_eq!(replies_later.len(), expected + 1, "and none twice");
    // Answers came in order: the `4` at the main menu led to the family step.
    let four = &replies_later[expected - 1].text;
    assert!(four.starts_with("Who needs support?"), "{four}");
}

#[test]
fn a_retry_after_is_waited_out_and_nothing_is_lost_or_reordered() {
    let api = BotApi::start(true);
    let data = tempfile::tempdir().unwrap();
    // The bot is told it may send faster than the server allows: the server answers 429.
    let _krok = Krok::start(&api, data.path(), &[("KROK_TELEGRAM_PER_CHAT_MS", "0")]);
    let user = 650;
    for text in ["/start", "1", "/back", "2"] {
        api.send_text(user, "en", text);
    }
    let replies = api.wait_messages(user, 4, Duration::from_secs(20));
    assert_eq!(replies.len(), 4);
    assert!(api.too_many_requests() > 0, "the server did rate-limit");
    let starts: Vec<&str> = replies
        .iter()
        .map(|r| r.text.lines().next().unwrap_or(""))
        .collect();
    assert!(
        starts[1].starts_with("If your life")
            && starts[2].starts_with("What do you need?")
            && starts[3].starts_with("What kind"),
        "{starts:?}"
    );
    for pair in replies.windows(2) {
        assert!(
            pair[1].at.duration_since(pair[0].at) >= Duration::from_millis(900),
            "retry_after was honoured"
        );
    }
}

/// In a group nobody books (their name, number and a caseworker's note would be read by all):
/// they are sent to a private chat, and so is a `/forget`. A member's press leaves another member's buttons where
/// they are, and the bot's name is matched whole, in any case. `/forget` in the private chat
/// also deletes the person's place in the group, and a group that removed the bot is
/// forgotten with its members' places.
#[test]
fn in_a_group_nobody_books_and_nobody_takes_the_buttons_off_anothers_message() {
    let api = BotApi::start(false);
    let data = tempfile::tempdir().unwrap();
    let krok = Krok::start(&api, data.path(), &[]);
    let group = -902;
    api.send_group_text(group, 811, "@Krok_Test_Bot /start legal_advice-en");
    let step = &api.wait_messages(group, 1, WAIT)[0];
    assert!(
        !step.buttons.is_empty() && step.buttons.iter().all(|(l, _)| !l.contains("Book")),
        "no booking offered in a group: {:?}",
        step.buttons
    );
    // A booking button all the same (one sent in a private chat and forwarded, a forged
    // press) is refused.
    api.press_in_group(group, 811, step.message_id, "legal_advice|opt-book");
    let refused = &api.wait_messages(group, 2, WAIT)[1];
    assert!(
        refused.text.starts_with("So that others in this group"),
        "{}",
        refused.text
    );
    // Another member's press is theirs (what the button says, answered in their language:
    // no booking in a group either), and takes no buttons away.
    api.press_in_group(group, 812, refused.message_id, "legal_advice|opt-book");
    let theirs = &api.wait_messages(group, 3, WAIT)[2];
    assert!(
        theirs.text.starts_with("Żeby inni członkowie grupy"),
        "{}",
        theirs.text
    );
    for message in [step.message_id, refused.message_id] {
        assert!(api.has_keyboard(group, message), "buttons stay in a group");
    }
    api.send_group_text(group, 813, "hello @krok_test_bot_fake");
    api.send_group_text(group, 811, &format!("@{BOT_USERNAME} /bookings"));
    let replies = api.wait_messages(group, 4, WAIT);
    assert_eq!(replies.len(), 4, "another account's name is not the bot's");
    assert!(
        replies[3].text.starts_with("So that others in this group"),
        "{}",
        replies[3].text
    );
    api.send_text(811, "en", "/forget");
    api.wait_messages(811, 1, WAIT);
    // /forget written in the group deletes nothing (a mis-tap there must not cancel the
    // person's private bookings, and the answer would name them to everyone): write privately.
    api.send_text(814, "en", "/start");
    api.wait_messages(814, 1, WAIT);
    api.send_group_text(group, 814, &format!("@{BOT_USERNAME} hi"));
    api.send_group_text(group, 814, &format!("@{BOT_USERNAME} /forget"));
    let refused = api.wait_messages(group, 6, WAIT).remove(5);
    assert!(
        refused.text.starts_with("Stąd niczego nie usunę"),
        "{}",
        refused.text
    );
    let gone_group = -903;
    api.block(gone_group);
    api.send_group_text(gone_group, 821, &format!("@{BOT_USERNAME} hi"));
    api.send_text(822, "en", "/start");
    api.wait_messages(822, 1, WAIT);
    super::support::wait_for("every update confirmed", || api.pending_updates() == 0);
    std::thread::sleep(Duration::from_millis(500));
    krok.stop();
    let store = SledStore::open(data.path()).unwrap();
    let kept = |key: &str| store.load(&UserKey::from_raw(key)).unwrap().is_some();
    assert!(!kept("tg:811"), "forgotten");
    assert!(!kept("tg:-902/811"), "and their place in the group");
    assert!(kept("tg:-902/812"), "another member's stays");
    assert!(
        kept("tg:814") && kept("tg:-902/814"),
        "nothing forgotten from the group"
    );
    assert!(
        !kept("tg:-903/821"),
        "a group that removed the bot is forgotten"
    );
}

/// Added to a group, the bot says there, in the language of whoever added it, how it answers in
/// a group, that booking and anything personal are for a private chat, and the crisis lines;
/// a person added to a group it is in gets nothing.
#[test]
fn added_to_a_group_the_bot_says_how_it_answers_there_with_the_crisis_lines() {
    let api = BotApi::start(false);
    let data = tempfile::tempdir().unwrap();
    let _krok = Krok::start(&api, data.path(), &[]);
    let bot = json!({"id": super::botapi::BOT_ID, "is_bot": true, "first_name": "Krok", "username": BOT_USERNAME});
    let group = |id: i64, from: i64, lang: &str, what: (&str, serde_json::Value)| {
        let mut message = json!({
            "message_id": 1, "date": 1_700_000_000,
            "chat": {"id": id, "type": "supergroup", "title": "Pomoc"},
            "from": BotApi::user(from, lang),
        });
        message[what.0] = what.1;
        api.push(json!({ "message": message }));
    };
    group(
        -904,
        831,
        "uk",
        ("new_chat_members", json!([BotApi::user(832, "pl")])),
    );
    group(-904, 831, "uk", ("new_chat_members", json!([bot])));
    group(-905, 833, "en", ("group_chat_created", json!(true)));
    for (chat, greeting) in [(-904, "Вітаю всіх!"), (-905, "Hello, everyone!")] {
        let said = api.wait_messages(chat, 1, WAIT);
        let text = &said[0].text;
        assert!(text.starts_with(greeting), "{text}");
        for part in [&format!("@{BOT_USERNAME}"), "112", "+48 12 421 92 82"] {
            assert!(text.contains(part), "{part} in {text}");
        }
        assert!(said[0].buttons.is_empty(), "the group asked for no list");
    }
    super::support::wait_for("every update confirmed", || api.pending_updates() == 0);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(api.sent_to(-904).len(), 1, "a person added gets nothing");
    // A cry for help in the group: the crisis lines there at once, and the offer to go on
    // where the neighbours do not read.
    api.send_group_text(-904, 834, &format!("@{BOT_USERNAME} я не хочу більше жити"));
    let said = api.wait_messages(-904, 2, WAIT);
    let answer: Vec<&str> = said[1..].iter().map(|m| m.text.as_str()).collect();
    let answer = answer.join("\n");
    assert!(answer.contains("+48 12 421 92 82"), "{answer}");
    super::support::wait_for("the whole answer", || {
        api.sent_to(-904)
            .last()
            .is_some_and(|m| m.text.contains("напишіть мені в особисті повідомлення"))
    });
}

#[test]
fn blocked_user_unknown_callback_oversized_malformed_and_unreadable_input_do_not_stop_the_bot() {
    let api = BotApi::start(true);
    let data = tempfile::tempdir().unwrap();
    let krok = Krok::start(&api, data.path(), &[]);
    let (gone, other) = (701, 702);
    api.block(gone);
    api.send_text(gone, "uk", "/start");
    api.send_text(other, "en", "/start %%%not-a-payload");
    let menu = api.wait_messages(other, 1, WAIT).remove(0);
    assert!(
        menu.text.starts_with("Hello"),
        "malformed payload: the normal start"
    );
    api.press(other, "en", menu.message_id, "zzz|no-such-option");
    assert!(
        api.wait_messages(other, 2, WAIT)[1]
            .text
            .starts_with("That button is from an earlier step")
    );
    api.send_text(other, "en", &"very long message ".repeat(300));
    assert!(
        api.wait_messages(other, 3, WAIT)[2]
            .text
            .starts_with("Sorry, I didn't quite get that")
    );
    api.send_photo(other, "en");
    assert!(
        api.wait_messages(other, 4, WAIT)[3]
            .text
            .starts_with("Sorry, I can only read text")
    );
    api.send_group_text(-900, 703, "hello everyone, who is coming tomorrow?");
    api.send_group_text(-900, 703, &format!("@{BOT_USERNAME} /start"));
    assert_eq!(
        api.wait_messages(-900, 1, WAIT).len(),
        1,
        "only the message naming the bot is answered"
    );
    // An update Krok cannot read (a field of a type Telegram does not send) is skipped,
    // confirmed with the rest, and does not hold up the next person.
    api.push(json!({"message": {"message_id": 1, "date": 0, "chat": "not a chat"}}));
    api.send_text(704, "en", "/start");
    assert_eq!(api.wait_messages(704, 1, WAIT).len(), 1);
    super::support::wait_for("every update confirmed", || api.pending_updates() == 0);
    assert!(api.sent_to(gone).is_empty());
    krok.stop();
    let store = SledStore::open(data.path()).unwrap();
    assert!(
        store
            .load(&UserKey::new("tg", &gone.to_string()))
            .unwrap()
            .is_none(),
        "a user who blocked the bot is forgotten"
    );
    assert!(
        store
            .load(&UserKey::new("tg", &other.to_string()))
            .unwrap()
            .is_some()
    );
}

/// `krok run` in webhook mode with `secret`: the process, the webhook URL and its address.
pub(super) fn start_webhook(api: &BotApi, data: &Path, secret: &str) -> (Krok, String, String) {
    webhook_logged(api, data, secret, Stdio::inherit())
}

/// A file in `data` for the bot's log: its path, and the bot's stderr.
fn log_file(data: &Path) -> (std::path::PathBuf, Stdio) {
    let path = data.join("krok.log");
    let log = Stdio::from(std::fs::File::create(&path).unwrap());
    (path, log)
}

/// As `start_webhook`, with the bot's log going to `log`.
fn webhook_logged(api: &BotApi, data: &Path, secret: &str, log: Stdio) -> (Krok, String, String) {
    let port = free_port().to_string();
    let url = format!("http://127.0.0.1:{port}/telegram");
    let listen = format!("127.0.0.1:{port}");
    let env = [
        ("KROK_TELEGRAM_WEBHOOK_URL", url.as_str()),
        ("KROK_TELEGRAM_WEBHOOK_LISTEN", listen.as_str()),
        ("KROK_TELEGRAM_WEBHOOK_SECRET", secret),
    ];
    (Krok::start_with(api, data, &env, log), url, listen)
}

#[test]
fn webhook_checks_the_secret_on_every_request() {
    let api = BotApi::start(true);
    let data = tempfile::tempdir().unwrap();
    let (log_path, log) = log_file(data.path());
    let (_krok, url, listen) = webhook_logged(&api, data.path(), "s3cret-Token_1", log);
    let deadline = std::time::Instant::now() + WAIT;
    super::support::wait_for("the webhook to be registered", || api.webhook().is_some());
    assert_eq!(api.webhook(), Some((url.clone(), "s3cret-Token_1".into())));
    let update = json!({"update_id": 1, "message": {"message_id": 1, "date": 1_764_579_600, "text": "/start",
        "chat": {"id": 801, "type": "private", "first_name": "Olena"}, "from": BotApi::user(801, "en")}});
    // The bot may still be binding its port just after registering: retry a refused connection.
    let mut status = 0;
    while status == 0 && std::time::Instant::now() < deadline {
        status = api.post_to_webhook(Some("wrong"), update.clone());
    }
    assert_eq!(status, 401);
    assert_eq!(api.post_to_webhook(None, update.clone()), 401);
    assert!(
        api.sent_to(801).is_empty(),
        "rejected requests are not handled"
    );
    // A refused request ends its connection, keep-alive asked or not: a stranger cannot hold
    // the webhook's connections by asking again on them.
    let (head, closed) = refused_on_a_kept_connection(&listen, "/telegram");
    assert!(head.starts_with("HTTP/1.1 401"), "{head}");
    assert!(head.to_lowercase().contains("connection: close"), "{head}");
    assert!(closed, "the connection is closed after the refusal");
    api.send_text(802, "en", "/start");
    assert_eq!(
        api.wait_messages(802, 1, WAIT).len(),
        1,
        "with the secret, handled"
    );
    // An update that cannot be read is skipped (answered 200, or Telegram would send it again
    // and hold every later update behind it), and the log says where it broke, never what it
    // held (serde's own message quotes the value).
    let odd = json!({"update_id": 3, "message": {"message_id": 1, "date": 1_764_579_600, "text": "SECRETWORDS",
        "chat": {"id": "SECRETUSER", "type": "private"}, "from": BotApi::user(803, "en")}});
    assert_eq!(api.post_to_webhook(Some("s3cret-Token_1"), odd), 200);
    let logged = || std::fs::read_to_string(&log_path).unwrap();
    super::support::wait_for("the rejection to be logged", || {
        logged().contains("webhook updates that cannot be read skipped")
    });
    assert!(!logged().contains("SECRET"), "{}", logged());
    // Without the secret, refused before the body is read: a stranger who announces a large
    // body and sends none is answered at once, not after the request's time limit.
    use std::io::{Read, Write};
    let address = url
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    let mut stream = std::net::TcpStream::connect(&address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let head = "POST /telegram HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
                Content-Length: 1000000\r\n\r\n";
    stream.write_all(head.as_bytes()).unwrap();
    let mut answer = [0u8; 12];
    stream
        .read_exact(&mut answer)
        .expect("an answer before the body");
    assert_eq!(&answer, b"HTTP/1.1 401");
    // With it, a body far larger than an update is refused.
    let huge = json!({"update_id": 4, "padding": "x".repeat(300_000)});
    assert_eq!(api.post_to_webhook(Some("s3cret-Token_1"), huge), 413);
}

/// Polling: an update that cannot be read is skipped (the next is answered) and logged by
/// where it broke, never with the value serde quotes (someone's name or words).
#[test]
fn an_unreadable_polled_update_is_skipped_and_logged_without_its_values() {
    let api = BotApi::start(false);
    let data = tempfile::tempdir().unwrap();
    let (log_path, log) = log_file(data.path());
    let _krok = Krok::start_with(&api, data.path(), &[], log);
    api.push(
        json!({"message": {"message_id": 1, "date": 1_764_579_600, "text": "SECRETWORDS",
        "chat": {"id": "SECRETNAME", "type": "private"}, "from": BotApi::user(811, "en")}}),
    );
    api.send_text(812, "en", "/start");
    assert_eq!(
        api.wait_messages(812, 1, WAIT).len(),
        1,
        "the next is answered"
    );
    let logged = || std::fs::read_to_string(&log_path).unwrap();
    super::support::wait_for("the skip to be logged", || {
        logged().contains("could not be read was skipped")
    });
    assert!(!logged().contains("SECRET"), "{}", logged());
}

/// In-process bot (the reminders take a test clock).
fn connect(
    api: &BotApi,
    data: &Path,
    runtime: &tokio::runtime::Runtime,
) -> (
    krok::adapters::telegram::Telegram,
    std::sync::Arc<krok::pipeline::Pipeline>,
) {
    connect_with_staff(api, data, runtime, &[])
}

/// In-process bot with caseworkers (`tg:42`, `console:local`).
pub(super) fn connect_with_staff(
    api: &BotApi,
    data: &Path,
    runtime: &tokio::runtime::Runtime,
    staff: &[&str],
) -> (
    krok::adapters::telegram::Telegram,
    std::sync::Arc<krok::pipeline::Pipeline>,
) {
    let staff: Vec<String> = staff.iter().map(|s| s.to_string()).collect();
    let pipeline = super::support::sled_pipeline(data, &staff);
    let telegram = krok::adapters::telegram::Telegram::connect(config(api), pipeline.clone());
    (runtime.block_on(telegram).unwrap(), pipeline)
}

/// The in-process adapter's settings against the test server: polling, Telegram's limits.
pub(super) fn config(api: &BotApi) -> krok::adapters::telegram::TelegramConfig {
    krok::adapters::telegram::TelegramConfig {
        token: TOKEN.into(),
        api_url: Some(api.url.clone()),
        webhook_url: None,
        webhook_listen: "127.0.0.1:0".parse().unwrap(),
        webhook_listener: None,
        webhook_secret: None,
        limits: krok::outbox::Limits::telegram(),
        poll_timeout_secs: 1,
        webhook_check: std::time::Duration::from_secs(60),
    }
}

#[test]
fn book_on_telegram_then_a_reminder_comes_once_and_its_cancel_button_works() {
    let api = BotApi::start(true);
    let data = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let user = 901;
    let (telegram, _) = connect(&api, data.path(), &runtime);
    let (stop, shutdown) = krok::shutdown::Shutdown::new();
    let serving = runtime.spawn(telegram.serve(shutdown));
    let mut seen = 0;
    let mut next = |api: &BotApi| {
        seen += 1;
        api.wait_messages(user, seen, WAIT).pop().unwrap()
    };
    api.send_text(user, "en", "/start legal-en");
    let legal = next(&api);
    api.press(user, "en", legal.message_id, "legal|opt-legal-advice");
    let advice = next(&api);
    api.press(user, "en", advice.message_id, "legal_advice|opt-book");
    let slots = next(&api);
    let (_, first_slot) = slots
        .buttons
        .iter()
        .find(|(_, d)| d.starts_with("@slot:"))
        .expect("slots offered")
        .clone();
    api.press(user, "en", slots.message_id, &first_slot);
    assert!(next(&api).text.starts_with("I'm keeping"));
    api.send_text(user, "en", "Olena");
    let contact = next(&api);
    api.press(user, "en", contact.message_id, "@contact:chat");
    let consent = next(&api);
    api.press(user, "en", consent.message_id, "@agree");
    let booked = next(&api);
    assert!(booked.text.starts_with("Booked: "), "{}", booked.text);
    stop.fire();
    super::bounded::stopped(&runtime, serving, "the Telegram adapter").unwrap();

    // The day before the slot, by the test clock: one reminder, at batch priority.
    let start: i64 = first_slot["@slot:".len()..].parse().unwrap();
    let (day_before, begins) = super::support::reminder_moment(start);
    let (telegram, pipeline) = connect(&api, data.path(), &runtime);
    assert_eq!(pipeline.remind(day_before).unwrap(), 1);
    assert_eq!(pipeline.remind(day_before).unwrap(), 0, "sent once");
    let (stop, shutdown) = krok::shutdown::Shutdown::new();
    let serving = runtime.spawn(telegram.serve(shutdown));
    let reminder = next(&api);
    assert!(reminder.text.starts_with(begins), "{}", reminder.text);
    let cancel = reminder.buttons[0].1.clone();
    assert!(cancel.starts_with("@cancel:"));
    api.press(user, "en", reminder.message_id, &cancel);
    let asked = next(&api);
    assert!(
        asked.text.starts_with("Cancel your consultation: "),
        "{}",
        asked.text
    );
    let sure = asked.buttons[1].1.clone();
    assert!(sure.starts_with("@sure:"), "{sure}");
    api.press(user, "en", asked.message_id, &sure);
    assert!(next(&api).text.contains("is cancelled"));
    stop.fire();
    super::bounded::stopped(&runtime, serving, "the Telegram adapter").unwrap();
    drop(pipeline);
    let (_telegram, pipeline) = connect(&api, data.path(), &runtime);
    assert_eq!(
        pipeline.remind(day_before).unwrap(),
        0,
        "not again after a restart, nor for a cancelled booking"
    );
    assert!(
        pipeline
            .app()
            .bookings()
            .mine(&UserKey::new("tg", &user.to_string()))
            .unwrap()
            .is_empty()
    );
}

/// Updates of different people in one `getUpdates` batch are answered side by side, each
/// A crisis added by correcting a message is answered; a corrected ordinary message is not
/// answered again. A phone contact shared where the booking asks for the number is taken.
#[test]
fn an_edited_message_with_a_crisis_is_answered_and_a_shared_contact_books() {
    let api = BotApi::start(true);
    let data = tempfile::tempdir().unwrap();
    let krok = Krok::start(&api, data.path(), &[]);
    let person = 731;
    api.send_text(person, "uk", "де поїсти");
    let first = api.wait_messages(person, 1, WAIT);
    api.edit_text(person, "uk", api.last_message_id(), "де поїсти безкоштовно");
    api.edit_text(
        person,
        "uk",
        api.last_message_id(),
        "чоловік мене б'є, допоможіть",
    );
    let crisis = api.wait_messages(person, 2, WAIT).remove(1);
    assert!(
        crisis.text.contains("112") && crisis.text.contains("12 421 22 88"),
        "the violence lines: {}",
        crisis.text
    );
    api.send_text(person, "uk", "/start legal-uk");
    let legal = api.wait_messages(person, 3, WAIT).remove(2);
    assert_eq!(first.len(), 1);
    let press = |n: usize, shown: &Sent| {
        let data = shown.buttons[n].1.clone();
        api.press(person, "uk", shown.message_id, &data)
    };
    let mut seen = 3;
    let mut next = |api: &BotApi| {
        seen += 1;
        api.wait_messages(person, seen, WAIT).remove(seen - 1)
    };
    press(0, &legal);
    let advice = next(&api);
    press(0, &advice);
    let slots = next(&api);
    press(0, &slots);
    let name = next(&api);
    assert!(
        name.text.starts_with("Я притримаю для вас"),
        "{}",
        name.text
    );
    api.send_text(person, "uk", "Марія");
    let how = next(&api);
    press(1, &how);
    next(&api);
    api.send_contact(person, "uk", "+380501234567");
    let read = next(&api);
    assert!(read.text.contains("+380 50 123 45 67"), "{}", read.text);
    krok.stop();
}

/// person's in the order they wrote: forty people writing four messages at once get the same
/// four answers, in the same order, as one person who waited for each.
#[test]
fn many_people_at_once_are_each_answered_in_their_own_order() {
    let api = BotApi::start(false);
    let data = tempfile::tempdir().unwrap();
    let unlimited = [
        ("KROK_TELEGRAM_PER_SECOND", "0"),
        ("KROK_TELEGRAM_PER_CHAT_MS", "0"),
    ];
    let _krok = Krok::start(&api, data.path(), &unlimited);
    let script = ["/start", "1", "/back", "2"];
    let alone = 700;
    for (i, text) in script.iter().enumerate() {
        api.send_text(alone, "en", text);
        api.wait_messages(alone, i + 1, WAIT);
    }
    let expected: Vec<String> = api
        .sent_to(alone)
        .into_iter()
        .filter(|m| m.method == "sendMessage")
        .map(|m| m.text)
        .collect();
    assert_eq!(expected.len(), script.len());
    let crowd: Vec<i64> = (701..741).collect();
    for text in script {
        for person in &crowd {
            api.send_text(*person, "en", text);
        }
    }
    for person in crowd {
        let got: Vec<String> = api
            .wait_messages(person, script.len(), WAIT)
            .into_iter()
            .map(|m| m.text)
            .collect();
        assert_eq!(got, expected, "person {person}");
    }
}

/// Asks `path` on `listen` without the secret, keep-alive asked for: the answer's head, and
/// whether the server closed the connection after it.
fn refused_on_a_kept_connection(listen: &str, path: &str) -> (String, bool) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(listen).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(5)))
        .unwrap();
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{{}}"
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = Vec::new();
    let mut chunk = [0u8; 1024];
    let closed = loop {
        match stream.read(&mut chunk) {
            Ok(0) => break true,
            Ok(n) => answer.extend_from_slice(&chunk[..n]),
            Err(_) => break false,
        }
    };
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let head = answer
        .split("\r\n\r\n")
        .next()
        .unwrap_or_default()
        .to_owned();
    (head, closed)
}
