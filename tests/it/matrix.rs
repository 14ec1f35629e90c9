//! Matrix end to end: `krok run` against a real Synapse on 127.0.0.1:8008 (started by
//! `.ci/synapse`, which installs it from PyPI when missing), and a resident on a second
//! matrix-sdk client. The harness (Synapse, bot, resident) is shared with `benches/matrix.rs`.
#![allow(dead_code)]

use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use matrix_sdk::config::SyncSettings;
use matrix_sdk::ruma::api::client::room::create_room::v3::{Request as CreateRoom, RoomPreset};
use matrix_sdk::ruma::events::InitialStateEvent;
use matrix_sdk::ruma::events::room::encryption::RoomEncryptionEventContent;
use matrix_sdk::ruma::events::room::member::MembershipState;
use matrix_sdk::ruma::events::room::message::{
    MessageType, OriginalSyncRoomMessageEvent, Relation, RoomMessageEventContent,
};
use matrix_sdk::ruma::{OwnedUserId, UserId};
use matrix_sdk::{Client, Room};
use tokio::sync::mpsc;

use super::bounded::{self, PROCESS_LIMIT};
use super::support::{krok_bin, root};

pub const HOMESERVER: &str = "http://127.0.0.1:8008";
pub const WAIT: Duration = Duration::from_secs(40);

pub fn synapse() {
    static STARTED: OnceLock<Result<(), String>> = OnceLock::new();
    let started = STARTED.get_or_init(|| {
        // Installing Synapse from PyPI on a new machine takes a while.
        let out = bounded::output(
            Command::new("bash")
                .arg(root().join(".ci/synapse"))
                .arg("start"),
            b"",
            Duration::from_secs(900),
            "bash .ci/synapse start",
        );
        if out.status.success() {
            Ok(())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).into_owned())
        }
    });
    if let Err(why) = started {
        panic!(
            "the Matrix tests need a Synapse homeserver on 127.0.0.1:8008. `bash .ci/synapse start` installs matrix-synapse from PyPI into .ci/.synapse-venv and starts it; it failed:\n{why}"
        );
    }
}

/// A new account on the test homeserver: (localpart, password).
pub fn register(prefix: &str) -> (String, String) {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis()
        % 1_000_000_000;
    let name = format!(
        "{prefix}{stamp}x{}x{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    );
    let password = format!("pw-{name}");
    let out = bounded::output(
        Command::new("bash")
            .arg(root().join(".ci/synapse"))
            .args(["register", &name, &password]),
        b"",
        PROCESS_LIMIT,
        "bash .ci/synapse register",
    );
    assert!(
        out.status.success(),
        "registering {name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (name, password)
}

/// `krok run` serving Matrix; killed when dropped.
pub struct Bot {
    pub child: Child,
    pub user: OwnedUserId,
    env: Vec<(String, String)>,
}

impl Bot {
    pub fn start(data: &std::path::Path) -> Bot {
        Bot::start_with(data, &[])
    }

    /// With more settings, e.g. `KROK_HEALTH_LISTEN`.
    pub fn start_with(data: &std::path::Path, more: &[(&str, String)]) -> Bot {
        let (name, password) = register("krok");
        let mut env = vec![
            ("KROK_MATRIX_HOMESERVER".to_owned(), HOMESERVER.to_owned()),
            ("KROK_MATRIX_USER".to_owned(), format!("@{name}:localhost")),
            ("KROK_MATRIX_PASSWORD".to_owned(), password),
            (
                "KROK_MATRIX_STORE_PASSPHRASE".to_owned(),
                "a test passphrase".to_owned(),
            ),
            ("KROK_DATA_DIR".to_owned(), data.display().to_string()),
        ];
        env.extend(more.iter().map(|(k, v)| ((*k).to_owned(), v.clone())));
        let child = Bot::spawn(&env);
        Bot {
            child,
            user: UserId::parse(format!("@{name}:localhost")).unwrap(),
            env,
        }
    }

    fn spawn(env: &[(String, String)]) -> Child {
        let mut cmd = Command::new(krok_bin());
        cmd.arg("run")
            .current_dir(root())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .env(
                "RUST_LOG",
                std::env::var("IT_BOT_LOG").unwrap_or_else(|_| "warn".into()),
            );
        for var in krok::config::ENV_VARS {
            cmd.env_remove(var);
        }
        cmd.env("KROK_HEALTH_LISTEN", "");
        cmd.envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        cmd.spawn().unwrap()
    }

    /// SIGTERM, a clean exit, and a new process on the same data.
    pub fn restart(&mut self) {
        self.stop();
        self.start_again();
    }

    /// SIGTERM and a clean exit.
    pub fn stop(&mut self) {
        Command::new("kill")
            .arg(self.child.id().to_string())
            .status()
            .unwrap();
        let status = bounded::wait(&mut self.child, PROCESS_LIMIT, "krok run after SIGTERM");
        assert!(status.success(), "krok exits cleanly: {status}");
    }

    /// A new process on the same data, after `stop`.
    pub fn start_again(&mut self) {
        self.child = Bot::spawn(&self.env);
    }
}

impl Drop for Bot {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A text message as a resident's sync saw it.
struct Heard {
    sender: OwnedUserId,
    body: String,
    html: String,
    /// When the homeserver received it (milliseconds since the epoch).
    at: u64,
    id: matrix_sdk::ruma::OwnedEventId,
    /// The thread it was sent in, if any.
    thread: Option<matrix_sdk::ruma::OwnedEventId>,
}

/// A resident on Element-like terms: a matrix-sdk client with its own keys.
pub struct Resident {
    pub client: Client,
    replies: mpsc::UnboundedReceiver<Heard>,
}

impl Resident {
    pub async fn login() -> Resident {
        let (name, password) = register("resident");
        let client = Client::builder()
            .homeserver_url(HOMESERVER)
            .respect_login_well_known(false)
            .with_enable_share_history_on_invite(false)
            .build()
            .await
            .unwrap();
        client
            .matrix_auth()
            .login_username(&name, &password)
            .send()
            .await
            .unwrap();
        client.sync_once(SyncSettings::default()).await.unwrap();
        let (tx, replies) = mpsc::unbounded_channel();
        client.add_event_handler(move |ev: OriginalSyncRoomMessageEvent| {
            let tx = tx.clone();
            async move {
                if let MessageType::Text(t) = &ev.content.msgtype {
                    let html = t
                        .formatted
                        .as_ref()
                        .map(|f| f.body.clone())
                        .unwrap_or_default();
                    let _ = tx.send(Heard {
                        sender: ev.sender.clone(),
                        body: t.body.clone(),
                        html,
                        at: ev.origin_server_ts.get().into(),
                        id: ev.event_id.clone(),
                        thread: match &ev.content.relates_to {
                            Some(Relation::Thread(t)) => Some(t.event_id.clone()),
                            _ => None,
                        },
                    });
                }
            }
        });
        // Not `Client::sync`: it pauses a second after every quick sync (see the bot's
        // src/adapters/matrix/sync.rs), which would add a second to every round trip measured.
        let syncing = client.clone();
        tokio::spawn(async move {
            loop {
                let settings = SyncSettings::default().timeout(Duration::from_secs(1));
                if syncing.sync_once(settings).await.is_err() {
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            }
        });
        Resident { client, replies }
    }

    pub async fn open_room(&self, bot: &UserId, direct: bool, encrypted: bool) -> Room {
        let mut request = CreateRoom::new();
        request.invite = vec![bot.to_owned()];
        request.is_direct = direct;
        request.preset = Some(if direct {
            RoomPreset::TrustedPrivateChat
        } else {
            RoomPreset::PrivateChat
        });
        if encrypted {
            request.initial_state = vec![
                InitialStateEvent::with_empty_state_key(
                    RoomEncryptionEventContent::with_recommended_defaults(),
                )
                .to_raw_any(),
            ];
        }
        self.client.create_room(request).await.unwrap()
    }

    pub async fn wait_joined(&self, room: &Room, bot: &UserId) {
        let joined = wait_membership(room, bot, MembershipState::Join).await;
        assert!(joined, "the bot joins the direct chat");
    }

    /// Sends `text`; the homeserver's id for it.
    pub async fn say(&mut self, room: &Room, text: &str) -> matrix_sdk::ruma::OwnedEventId {
        room.send(RoomMessageEventContent::text_plain(text))
            .await
            .unwrap()
            .response
            .event_id
    }

    /// Says `text` and waits for the bot's answer: the id of what was said, and when the
    /// homeserver received each (milliseconds since the epoch), so the time between leaves out
    /// this client.
    pub async fn exchange(
        &mut self,
        room: &Room,
        text: &str,
        bot: &UserId,
    ) -> (matrix_sdk::ruma::OwnedEventId, u64, u64) {
        let me = self.client.user_id().expect("logged in").to_owned();
        let id = self.say(room, text).await;
        let (mut asked, mut answered) = (None, None);
        tokio::time::timeout(WAIT, async {
            while asked.is_none() || answered.is_none() {
                let heard = self.replies.recv().await.expect("syncing");
                if heard.sender == me && heard.body == text {
                    asked = Some(heard.at);
                } else if heard.sender == bot {
                    answered = Some(heard.at);
                }
            }
        })
        .await
        .expect("the bot answers");
        (id, asked.unwrap_or(0), answered.unwrap_or(0))
    }

    /// Corrects the message `id` (an `m.replace` edit with its `* …` fallback).
    pub async fn correct(&mut self, room: &Room, id: &matrix_sdk::ruma::EventId, text: &str) {
        use matrix_sdk::ruma::events::room::message::ReplacementMetadata;
        let edit = RoomMessageEventContent::text_plain(text)
            .make_replacement(ReplacementMetadata::new(id.to_owned(), None));
        room.send(edit).await.unwrap();
    }

    /// A photo with a caption (the file name differs from the body, so the body is the caption).
    pub async fn show_photo(&mut self, room: &Room, caption: &str) {
        use matrix_sdk::ruma::events::room::message::{ImageMessageEventContent, MessageType};
        let mut image =
            ImageMessageEventContent::plain(caption.to_owned(), "mxc://localhost/photo".into());
        image.filename = Some("photo.jpg".to_owned());
        room.send(RoomMessageEventContent::new(MessageType::Image(image)))
            .await
            .unwrap();
    }

    /// The bot's next message: (plain body, HTML body).
    pub async fn hear(&mut self, bot: &UserId) -> (String, String) {
        let heard = self.hear_event(bot).await;
        (heard.body, heard.html)
    }

    /// The bot's next message and its event id.
    pub async fn hear_with_id(&mut self, bot: &UserId) -> (String, matrix_sdk::ruma::OwnedEventId) {
        let heard = self.hear_event(bot).await;
        (heard.body, heard.id)
    }

    async fn hear_event(&mut self, bot: &UserId) -> Heard {
        tokio::time::timeout(WAIT, async {
            loop {
                let heard = self.replies.recv().await.expect("syncing");
                if heard.sender == bot {
                    return heard;
                }
            }
        })
        .await
        .expect("the bot answers")
    }
}

/// Waits until `user`'s membership in `room`, as this client sees it, is `state`.
pub async fn wait_membership(room: &Room, user: &UserId, state: MembershipState) -> bool {
    let reached = async {
        loop {
            let member = room.get_member_no_sync(user).await.unwrap();
            if member.is_some_and(|m| *m.membership() == state) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    };
    tokio::time::timeout(WAIT, reached).await.is_ok()
}

pub fn runtime() -> Arc<tokio::runtime::Runtime> {
    Arc::new(
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap(),
    )
}

#[test]
fn an_unencrypted_dm_from_invite_to_a_service_with_its_phone_number() {
    synapse();
    let data = tempfile::tempdir().unwrap();
    let port = super::support::free_port();
    let bot = Bot::start_with(
        data.path(),
        &[("KROK_HEALTH_LISTEN", format!("127.0.0.1:{port}"))],
    );
    runtime().block_on(async {
        let mut ann = Resident::login().await;
        let room = ann.open_room(&bot.user, true, false).await;
        ann.wait_joined(&room, &bot.user).await;
        ann.say(&room, "hello").await;
        assert!(
            ann.hear(&bot.user).await.0.starts_with("Оберіть мову"),
            "asked for the language"
        );
        ann.say(&room, "English").await;
        let heard = ann.hear_event(&bot.user).await;
        let (menu, html, menu_id) = (heard.body, heard.html, heard.id);
        assert!(
            menu.contains("1. 🆘 I need help now") && html.contains("<ol>"),
            "{menu}"
        );
        // The next list comes seconds later (more than the clocks may be apart), so the menu
        // is an older list by the clock.
        tokio::time::sleep(Duration::from_millis(4100)).await;
        ann.say(&room, "legal or official matters").await;
        assert!(
            ann.hear(&bot.user)
                .await
                .0
                .starts_with("What kind of matter")
        );
        // Element's "Reply" to the older main menu with "1" (its 🆘): not a choice on the
        // legal list shown last; the crisis lines, and that list shown again.
        let mut answer = RoomMessageEventContent::text_plain("1");
        answer.relates_to = Some(matrix_sdk::ruma::events::room::message::Relation::Reply(
            matrix_sdk::ruma::events::relation::Reply::new(
                matrix_sdk::ruma::events::relation::InReplyTo::new(menu_id),
            ),
        ));
        room.send(answer).await.unwrap();
        let mut again = ann.hear(&bot.user).await.0;
        assert!(
            again.starts_with("That number was for an earlier list")
                && again.contains("112")
                && again.contains("+48 12 421 92 82"),
            "{again}"
        );
        if !again.contains("What kind of matter") {
            again = ann.hear(&bot.user).await.0;
        }
        assert!(again.contains("\n\nWhat kind of matter"), "{again}");
        ann.say(&room, "1").await;
        let (advice, html) = ann.hear(&bot.user).await;
        assert!(advice.contains("+48 510 080 765"), "{advice}");
        assert!(html.contains("href=\"tel:+48510080765\""), "{html}");
        // Element's `/me …` is words too: a crisis written so gets the crisis answer.
        room.send(RoomMessageEventContent::emote_plain(
            "I don't want to live anymore",
        ))
        .await
        .unwrap();
        let crisis = ann.hear_event(&bot.user).await;
        assert!(
            crisis.body.starts_with("Thank you for telling me"),
            "{}",
            crisis.body
        );
        assert_eq!(crisis.thread, None);
        // Element's "Reply in thread" to that answer: the answer comes in the thread, where
        // the person reads; written in the room again, the answer is in the room again.
        let mut in_thread = RoomMessageEventContent::text_plain("he is next to me");
        in_thread.relates_to = Some(Relation::Thread(
            matrix_sdk::ruma::events::relation::Thread::plain(crisis.id.clone(), crisis.id.clone()),
        ));
        room.send(in_thread).await.unwrap();
        let answer = ann.hear_event(&bot.user).await;
        assert_eq!(answer.thread.as_ref(), Some(&crisis.id), "{}", answer.body);
        ann.say(&room, "thank you").await;
        let answer = ann.hear_event(&bot.user).await;
        assert_eq!(answer.thread, None, "{}", answer.body);
    });
    assert_eq!(
        super::support::get(port, "/healthz").unwrap(),
        (200, "matrix: ok\nstore: ok\n".into())
    );
    let metrics = super::ops::scrape(port);
    let mx = [("platform", "matrix")];
    assert_eq!(
        super::ops::sample(&metrics, "krok_messages_received_total", &mx),
        8.0
    );
    super::support::wait_for("eight replies counted as sent", || {
        super::ops::sample(&super::ops::scrape(port), "krok_messages_sent_total", &mx) >= 8.0
    });
}

#[test]
fn two_messages_that_arrive_in_one_sync_are_answered_in_order() {
    synapse();
    let data = tempfile::tempdir().unwrap();
    let mut bot = Bot::start(data.path());
    runtime().block_on(async {
        let mut ann = Resident::login().await;
        let room = ann.open_room(&bot.user, true, false).await;
        ann.wait_joined(&room, &bot.user).await;
        ann.say(&room, "hello").await;
        ann.hear(&bot.user).await;
        ann.say(&room, "English").await;
        assert!(
            ann.hear(&bot.user)
                .await
                .0
                .contains("1. 🆘 I need help now")
        );
        // Written while the bot restarts: both come in its first sync.
        bot.stop();
        ann.say(&room, "2").await;
        ann.say(&room, "1").await;
        bot.start_again();
        let (legal, _) = ann.hear(&bot.user).await;
        assert!(
            legal.starts_with("What kind of matter"),
            "the 2 first: {legal}"
        );
        let (advice, _) = ann.hear(&bot.user).await;
        assert!(
            advice.contains("+48 510 080 765"),
            "then the 1, on the legal step it led to: {advice}"
        );
    });
}

#[test]
fn an_encrypted_dm_continues_after_a_restart_and_is_still_decrypted() {
    synapse();
    let data = tempfile::tempdir().unwrap();
    let mut bot = Bot::start(data.path());
    runtime().block_on(async {
        let mut ann = Resident::login().await;
        let room = ann.open_room(&bot.user, true, true).await;
        ann.wait_joined(&room, &bot.user).await;
        assert!(room.latest_encryption_state().await.unwrap().is_encrypted());
        ann.say(&room, "/start family-pl").await;
        assert!(
            ann.hear(&bot.user)
                .await
                .0
                .starts_with("Kto potrzebuje wsparcia?"),
            "the code opened the family step in Polish"
        );
        bot.stop();
        // What an earlier Krok kept of the rooms' state; only the keys stay on disk now.
        let store = data.path().join("matrix/store");
        std::fs::write(
            store.join("matrix-sdk-state.sqlite3"),
            b"rooms, members, names",
        )
        .unwrap();
        bot.start_again();
        ann.say(&room, "3").await;
        let (seniors, _) = ann.hear(&bot.user).await;
        assert!(
            seniors.contains("+48 12 445 96 67"),
            "continued where it was, decrypted: {seniors}"
        );
        assert!(!store.join("matrix-sdk-state.sqlite3").exists());
        assert!(store.join("matrix-sdk-crypto.sqlite3").exists());
        ann.say(&room, "chcę się zabić").await;
        let (crisis, _) = ann.hear(&bot.user).await;
        assert!(
            crisis.contains("112") && crisis.contains("+48 12 421 92 82"),
            "{crisis}"
        );
    });
}

#[test]
fn a_typed_code_opens_a_step_and_a_room_that_is_not_a_dm_is_left() {
    synapse();
    let data = tempfile::tempdir().unwrap();
    let bot = Bot::start(data.path());
    runtime().block_on(async {
        let mut ann = Resident::login().await;
        let room = ann.open_room(&bot.user, true, false).await;
        ann.wait_joined(&room, &bot.user).await;
        ann.say(&room, "legal-uk-mops").await;
        assert!(ann.hear(&bot.user).await.0.starts_with("Яка у вас справа?"));
        // A corrected message is read for a crisis only: the ordinary correction gets no
        // answer, the next reply is the one to the crisis written in by editing.
        let asked = ann.say(&room, "де поїсти").await;
        ann.hear(&bot.user).await;
        ann.correct(&room, &asked, "де поїсти безкоштовно").await;
        ann.correct(&room, &asked, "чоловік мене б'є, допоможіть")
            .await;
        let crisis = ann.hear(&bot.user).await.0;
        assert!(
            crisis.contains("12 421 22 88"),
            "the violence lines: {crisis}"
        );
        // A room not called direct with only the person in it (Element's "New room") is a
        // private chat all the same: the bot comes in and answers.
        let private = ann.open_room(&bot.user, false, false).await;
        ann.wait_joined(&private, &bot.user).await;
        ann.say(&private, "меню").await;
        assert!(
            ann.hear(&bot.user).await.0.contains("1. 🆘"),
            "answered there"
        );
        // A group it is invited to: it says why, with the crisis lines, and leaves.
        let bob = Resident::login().await;
        let mut request = CreateRoom::new();
        request.invite = vec![bot.user.clone(), bob.client.user_id().unwrap().to_owned()];
        request.preset = Some(RoomPreset::PrivateChat);
        let group = ann.client.create_room(request).await.unwrap();
        let said = ann.hear(&bot.user).await.0;
        assert!(
            said.starts_with("У цій кімнаті, крім нас із вами, є й інші люди")
                && said.contains("112"),
            "in the person's language: {said}"
        );
        let left = wait_membership(&group, &bot.user, MembershipState::Leave).await;
        assert!(left, "the bot leaves a group");
        // A direct chat into which the person invites a third (who has not joined yet, and
        // would read the history): the bot says why and leaves before anything more is said.
        let spoofed = ann.open_room(&bot.user, true, false).await;
        ann.wait_joined(&spoofed, &bot.user).await;
        let bob_id = bob.client.user_id().unwrap().to_owned();
        spoofed.invite_user_by_id(&bob_id).await.unwrap();
        let (said, html) = ann.hear(&bot.user).await;
        assert!(
            said.starts_with("У цій кімнаті, крім нас із вами, є й інші люди")
                && said.contains("112")
                && said.contains("+48 12 421 92 82"),
            "{said}"
        );
        assert!(
            html.contains("href=\"tel:+48124219282\"") && html.contains("href=\"tel:112\""),
            "the crisis lines can be tapped: {html}"
        );
        let left = wait_membership(&spoofed, &bot.user, MembershipState::Leave).await;
        assert!(
            left,
            "the bot leaves a 'direct' room a third person is invited to"
        );
        // A "direct" room anyone may join (as one someone else made public and left): the
        // bot says why as it comes in, and leaves.
        let mut request = CreateRoom::new();
        request.invite = vec![bot.user.clone()];
        request.is_direct = true;
        request.preset = Some(RoomPreset::PublicChat);
        let public = ann.client.create_room(request).await.unwrap();
        let said = ann.hear(&bot.user).await.0;
        assert!(
            said.starts_with("У цій кімнаті, крім нас із вами, є й інші люди")
                && said.contains("112"),
            "{said}"
        );
        let left = wait_membership(&public, &bot.user, MembershipState::Leave).await;
        assert!(left, "the bot leaves a 'direct' room anyone may join");
    });
}

/// The bot's own view of its rooms, through a second login of its account.
pub async fn bot_joined_rooms(bot: &UserId, password: &str) -> Vec<String> {
    let http = reqwest::Client::new();
    let login: serde_json::Value = http
        .post(format!("{HOMESERVER}/_matrix/client/v3/login"))
        .json(&serde_json::json!({"type": "m.login.password", "identifier": {"type": "m.id.user", "user": bot.localpart()}, "password": password, "device_id": "CHECKER"}))
        .send().await.unwrap().json().await.unwrap();
    let token = login["access_token"].as_str().unwrap().to_owned();
    let rooms: serde_json::Value = http
        .get(format!("{HOMESERVER}/_matrix/client/v3/joined_rooms"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    rooms["joined_rooms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap().to_owned())
        .collect()
}

/// A direct chat opened without a first message (Element X opens it before anyone writes)
/// is greeted with the first step and where help answers, once (the answer to the person's
/// first words is the menu, not a second greeting); the bot leaves the chat when the person
/// does.
#[test]
fn a_direct_chat_opened_in_silence_is_greeted_and_left_when_the_person_leaves() {
    synapse();
    let data = tempfile::tempdir().unwrap();
    let bot = Bot::start(data.path());
    let password = bot
        .env
        .iter()
        .find(|(k, _)| k == "KROK_MATRIX_PASSWORD")
        .unwrap()
        .1
        .clone();
    runtime().block_on(async {
        let mut ann = Resident::login().await;
        let room = ann.open_room(&bot.user, true, false).await;
        ann.wait_joined(&room, &bot.user).await;
        let greeting = ann.hear(&bot.user).await.0;
        assert!(
            greeting.starts_with("Оберіть мову") && greeting.contains("112"),
            "{greeting}"
        );
        ann.say(&room, "polski").await;
        let menu = ann.hear(&bot.user).await.0;
        assert!(
            menu.contains("1. "),
            "the menu, not a second greeting: {menu}"
        );
        let id = room.room_id().to_string();
        assert!(bot_joined_rooms(&bot.user, &password).await.contains(&id));
        room.leave().await.unwrap();
        let left = tokio::time::timeout(WAIT, async {
            while bot_joined_rooms(&bot.user, &password).await.contains(&id) {
                tokio::time::sleep(Duration::from_millis(300)).await;
            }
        });
        left.await.expect("the bot left the empty direct chat");
    });
}
