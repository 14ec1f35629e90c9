//! The contract through Matrix: the in-process adapter on a real Synapse; people are matrix-sdk
//! clients in direct chats with the bot, answering options by their numbers. Also the two
//! platforms at once: a caseworker on Matrix cancels the booking of a person on Telegram.

use std::sync::Arc;

use krok::adapters::matrix::MatrixConfig;
use krok::pipeline::Pipeline;
use krok::store::UserKey;
use matrix_sdk::Room;
use matrix_sdk::ruma::OwnedUserId;

use super::telegram::TelegramSide;
use super::{Heard, Side};
use crate::matrix::{HOMESERVER, Resident, register, runtime, synapse};
use crate::support::sled_pipeline;

pub struct MatrixSide {
    pipeline: Arc<Pipeline>,
    people: Vec<(Resident, Room)>,
    bot: OwnedUserId,
    runtime: Arc<tokio::runtime::Runtime>,
    stop: Option<krok::shutdown::Trigger>,
    serving: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
    /// The bot's account name and password, and the data folder, to start it again.
    account: (String, String),
    data: std::path::PathBuf,
}

/// The bot's settings: its account, its folder under `data`, no limits worth waiting for.
fn config(account: &(String, String), data: &std::path::Path) -> MatrixConfig {
    let (name, password) = account;
    MatrixConfig {
        homeserver: HOMESERVER.into(),
        user: format!("@{name}:localhost"),
        password: Some(password.clone().into()),
        access_token: None,
        store_passphrase: "a test passphrase".into(),
        dir: data.join("matrix"),
        accept_rooms: false,
        limits: krok::outbox::Limits {
            per_second: 20,
            per_chat: std::time::Duration::ZERO,
        },
    }
}

/// Two residents logged in, before the bot exists (a caseworker's id goes into its settings).
pub fn residents(runtime: &tokio::runtime::Runtime) -> Vec<Resident> {
    synapse();
    runtime.block_on(async { vec![Resident::login().await, Resident::login().await] })
}

pub fn mx_key(resident: &Resident) -> String {
    format!("mx:{}", resident.client.user_id().unwrap())
}

impl MatrixSide {
    /// The bot in-process on `pipeline`, and each resident in a direct chat with it.
    pub fn start(
        pipeline: Arc<Pipeline>,
        residents: Vec<Resident>,
        data: &std::path::Path,
        runtime: Arc<tokio::runtime::Runtime>,
    ) -> MatrixSide {
        let account = register("krok");
        let bot: OwnedUserId = format!("@{}:localhost", account.0).try_into().unwrap();
        let mut side = MatrixSide {
            pipeline,
            people: Vec::new(),
            bot,
            runtime,
            stop: None,
            serving: None,
            account,
            data: data.to_owned(),
        };
        side.serve();
        let bot = side.bot.clone();
        side.people = side.runtime.block_on(async {
            let mut people = Vec::new();
            for resident in residents {
                let room = resident.open_room(&bot, true, false).await;
                resident.wait_joined(&room, &bot).await;
                people.push((resident, room));
            }
            people
        });
        side
    }

    /// Runs the adapter on the side's account, folder and pipeline until `stop` fires.
    fn serve(&mut self) {
        let (stop, shutdown) = krok::shutdown::Shutdown::new();
        self.serving = Some(self.runtime.spawn(krok::adapters::matrix::run(
            config(&self.account, &self.data),
            self.pipeline.clone(),
            shutdown,
        )));
        self.stop = Some(stop);
    }

    /// Stops the adapter cleanly and starts it again on the same account, folder and store:
    /// what the bot knew of its rooms in memory is gone.
    fn restart(&mut self) {
        if let (Some(stop), Some(serving)) = (self.stop.take(), self.serving.take()) {
            stop.fire();
            let stopped = crate::bounded::stopped(&self.runtime, serving, "the Matrix adapter");
            assert!(stopped.is_ok(), "the adapter stops cleanly: {stopped:?}");
        }
        self.serve();
    }
}

impl Drop for MatrixSide {
    fn drop(&mut self) {
        if let (Some(stop), Some(serving)) = (self.stop.take(), self.serving.take()) {
            stop.fire();
            crate::bounded::stopped_quietly(&self.runtime, serving);
        }
    }
}

impl Side for MatrixSide {
    fn open(&mut self, who: usize, code: &str) {
        self.say(who, code);
    }

    fn say(&mut self, who: usize, text: &str) {
        let (resident, room) = &mut self.people[who];
        self.runtime.block_on(resident.say(room, text));
    }

    fn show_photo(&mut self, who: usize, caption: &str) {
        let (resident, room) = &mut self.people[who];
        self.runtime.block_on(resident.show_photo(room, caption));
    }

    fn choose(&mut self, who: usize, n: usize) {
        self.say(who, &n.to_string());
    }

    fn hear(&mut self, who: usize) -> Heard {
        let bot = self.bot.clone();
        let (resident, _) = &mut self.people[who];
        let (text, _) = self.runtime.block_on(resident.hear(&bot));
        let options = text
            .lines()
            .filter_map(|l| l.split_once(". "))
            .filter(|(n, _)| n.parse::<usize>().is_ok())
            .map(|(_, label)| label.to_owned())
            .collect();
        Heard { text, options }
    }

    fn user(&self, who: usize) -> UserKey {
        let id = self.people[who].0.client.user_id().unwrap().to_string();
        UserKey::new("mx", &id)
    }

    fn pipeline(&self) -> &Arc<Pipeline> {
        &self.pipeline
    }
}

fn side(staff_is_person_1: bool) -> (MatrixSide, tempfile::TempDir) {
    let runtime = runtime();
    let residents = residents(&runtime);
    let staff: Vec<String> = staff_is_person_1
        .then(|| mx_key(&residents[1]))
        .into_iter()
        .collect();
    let data = tempfile::tempdir().unwrap();
    let pipeline = sled_pipeline(data.path(), &staff);
    (
        MatrixSide::start(pipeline, residents, data.path(), runtime),
        data,
    )
}

#[test]
fn matrix_link_options_crisis_and_forget() {
    super::link_options_crisis_and_forget(&mut side(false).0);
}

/// The Matrix library's own store (`matrix/`) keeps the person's Matrix id and device keys
/// for end-to-end encryption; the README says so.
#[test]
fn matrix_forget_leaves_no_byte_on_disk_outside_the_encryption_store() {
    let (mut side, data) = side(false);
    super::erase::book_forget_and_scan(&mut side, data.path(), Some("matrix"));
}

#[test]
fn matrix_crisis_in_a_caption() {
    super::crisis_in_a_caption(&mut side(false).0);
}

#[test]
fn matrix_book_list_and_cancel() {
    super::book_list_and_cancel(&mut side(false).0);
}

#[test]
fn matrix_reminder() {
    super::reminder(&mut side(false).0);
}

/// After a restart the bot knows its rooms only from its first sync; a reminder, which no
/// message from the person precedes, still reaches their room, and its answer is understood.
#[test]
fn matrix_reminder_after_a_restart_reaches_the_room() {
    let (mut side, _data) = side(false);
    let (_, start) = super::book(&mut side, 0, "en");
    side.restart();
    super::remind_and_cancel(&mut side, start);
}

#[test]
fn matrix_caseworker_on_matrix_cancels() {
    super::caseworker_cancels(&mut side(true).0, None);
}

#[test]
fn a_caseworker_on_matrix_cancels_a_telegram_booking_and_the_person_is_told_there() {
    let runtime = runtime();
    let residents = residents(&runtime);
    let staff = vec![mx_key(&residents[1])];
    let data = tempfile::tempdir().unwrap();
    let pipeline = sled_pipeline(data.path(), &staff);
    let mut telegram = TelegramSide::start(pipeline.clone(), runtime.clone());
    let mut matrix = MatrixSide::start(pipeline, residents, data.path(), runtime);
    super::caseworker_cancels(&mut telegram, Some(&mut matrix));
}

#[test]
fn a_caseworker_on_telegram_cancels_a_matrix_booking_and_the_person_is_told_there() {
    let runtime = runtime();
    let residents = residents(&runtime);
    let staff = vec![format!("tg:{}", TelegramSide::PEOPLE[1])];
    let data = tempfile::tempdir().unwrap();
    let pipeline = sled_pipeline(data.path(), &staff);
    let mut telegram = TelegramSide::start(pipeline.clone(), runtime.clone());
    let mut matrix = MatrixSide::start(pipeline, residents, data.path(), runtime);
    super::caseworker_cancels(&mut matrix, Some(&mut telegram));
}

/// A person who left their direct chat (the bot leaves with them) is still reached by what
/// the bot sends them later (a caseworker's cancellation, a reminder): in a new direct chat
/// the bot opens, inviting them.
#[test]
fn a_person_who_left_the_chat_is_reached_in_a_new_one() {
    let (mut side, _data) = side(false);
    side.say(0, "привіт");
    side.hear(0);
    let user = side.user(0);
    let bot = side.bot.clone();
    let left = side.people[0].1.room_id().to_owned();
    let password = side.account.1.clone();
    side.runtime.block_on(async {
        let (_, room) = &side.people[0];
        room.leave().await.unwrap();
        let gone = tokio::time::timeout(crate::matrix::WAIT, async {
            let room = room.room_id().to_string();
            while crate::matrix::bot_joined_rooms(&bot, &password)
                .await
                .contains(&room)
            {
                tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            }
        });
        assert!(gone.await.is_ok(), "the bot leaves with the person");
    });
    side.pipeline
        .say(&user, left.as_str(), "undecryptable")
        .unwrap();
    let runtime = side.runtime.clone();
    let (resident, _) = &mut side.people[0];
    let (text, _) = runtime.block_on(async {
        let invited = tokio::time::timeout(crate::matrix::WAIT, async {
            loop {
                let rooms = resident.client.invited_rooms();
                if let Some(room) = rooms.into_iter().find(|r| r.room_id() != left) {
                    return room;
                }
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            }
        })
        .await
        .expect("invited to a new direct chat");
        resident
            .client
            .join_room_by_id(invited.room_id())
            .await
            .unwrap();
        resident.hear(&bot).await
    });
    assert!(text.starts_with("Вибачте, я не можу прочитати"), "{text}");
    // What could not be read may have been a cry for help.
    assert!(
        text.contains("112") && text.contains("+48 12 421 92 82"),
        "{text}"
    );
}
