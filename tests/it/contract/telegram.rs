//! The contract through Telegram: the in-process adapter against the Bot API test server;
//! people press the buttons the server recorded and hear what the bot really sent.

use std::sync::Arc;

use krok::adapters::telegram::Telegram;
use krok::pipeline::Pipeline;
use krok::store::UserKey;

use super::{Heard, Side};
use crate::botapi::{BotApi, Sent};
use crate::telegram::WAIT;

pub struct TelegramSide {
    pub api: BotApi,
    pipeline: Arc<Pipeline>,
    chats: [i64; 2],
    heard: [usize; 2],
    last: [Option<Sent>; 2],
    stop: Option<krok::shutdown::Trigger>,
    serving: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
    runtime: Arc<tokio::runtime::Runtime>,
}

impl TelegramSide {
    /// People 0 and 1 on Telegram; the adapter answers through `pipeline`.
    pub fn start(pipeline: Arc<Pipeline>, runtime: Arc<tokio::runtime::Runtime>) -> TelegramSide {
        let api = BotApi::start(true);
        let config = crate::telegram::config(&api);
        let telegram = runtime
            .block_on(Telegram::connect(config, pipeline.clone()))
            .unwrap();
        let (stop, shutdown) = krok::shutdown::Shutdown::new();
        let serving = runtime.spawn(telegram.serve(shutdown));
        TelegramSide {
            api,
            pipeline,
            chats: Self::PEOPLE,
            heard: [0; 2],
            last: [None, None],
            stop: Some(stop),
            serving: Some(serving),
            runtime,
        }
    }

    /// The Telegram ids of people 0 and 1.
    /// Long enough that their digits cannot occur by chance in a scan of the data folder.
    pub const PEOPLE: [i64; 2] = [5_550_177_101, 5_550_177_102];
}

impl Drop for TelegramSide {
    fn drop(&mut self) {
        if let (Some(stop), Some(serving)) = (self.stop.take(), self.serving.take()) {
            stop.fire();
            crate::bounded::stopped_quietly(&self.runtime, serving);
        }
    }
}

impl Side for TelegramSide {
    fn open(&mut self, who: usize, code: &str) {
        self.say(who, &format!("/start {code}"));
    }

    fn say(&mut self, who: usize, text: &str) {
        self.api.send_text(self.chats[who], "uk", text);
    }

    fn show_photo(&mut self, who: usize, caption: &str) {
        self.api
            .send_photo_with_caption(self.chats[who], "uk", caption);
    }

    fn choose(&mut self, who: usize, n: usize) {
        let last = self.last[who]
            .as_ref()
            .expect("a message with buttons was heard");
        let (_, data) = &last.buttons[n - 1];
        self.api.press(self.chats[who], "uk", last.message_id, data);
    }

    fn hear(&mut self, who: usize) -> Heard {
        self.heard[who] += 1;
        let sent = self
            .api
            .wait_messages(self.chats[who], self.heard[who], WAIT)
            .get(self.heard[who] - 1)
            .cloned()
            .expect("the bot answered on Telegram");
        // Each button carries its number, as the texts promise ("type its number").
        let options = sent
            .buttons
            .iter()
            .enumerate()
            .map(|(i, (label, _))| {
                let number = format!("{}. ", i + 1);
                let bare = label.strip_prefix(&number);
                bare.unwrap_or_else(|| panic!("{label:?} is not numbered {number:?}"))
                    .to_owned()
            })
            .collect();
        let text = sent.text.clone();
        if !sent.buttons.is_empty() {
            self.last[who] = Some(sent);
        }
        Heard { text, options }
    }

    fn user(&self, who: usize) -> UserKey {
        UserKey::new("tg", &self.chats[who].to_string())
    }

    fn pipeline(&self) -> &Arc<Pipeline> {
        &self.pipeline
    }
}

fn side(staff: &[String]) -> (TelegramSide, tempfile::TempDir) {
    let data = tempfile::tempdir().unwrap();
    let pipeline = crate::support::sled_pipeline(data.path(), staff);
    (
        TelegramSide::start(pipeline, crate::matrix::runtime()),
        data,
    )
}

#[test]
fn telegram_link_options_crisis_and_forget() {
    super::link_options_crisis_and_forget(&mut side(&[]).0);
}

#[test]
fn telegram_forget_leaves_no_byte_on_disk() {
    let (mut side, data) = side(&[]);
    super::erase::book_forget_and_scan(&mut side, data.path(), None);
}

#[test]
fn telegram_crisis_in_a_caption() {
    super::crisis_in_a_caption(&mut side(&[]).0);
}

#[test]
fn telegram_book_list_and_cancel() {
    super::book_list_and_cancel(&mut side(&[]).0);
}

#[test]
fn telegram_reminder() {
    super::reminder(&mut side(&[]).0);
}

#[test]
fn telegram_caseworker_on_telegram_cancels() {
    let staff = [format!("tg:{}", TelegramSide::PEOPLE[1])];
    super::caseworker_cancels(&mut side(&staff).0, None);
}
