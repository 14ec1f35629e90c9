//! The contract through the console: the pipe a person types into, one person per console.

use std::collections::VecDeque;
use std::io::Write;
use std::sync::{Arc, Mutex};

use krok::adapters::console;
use krok::app::App;
use krok::pipeline::Pipeline;
use krok::store::{SledStore, UserKey};

use super::{Heard, Side};
use crate::support::shipped;

/// Each write of the console channel is one reply.
#[derive(Clone, Default)]
struct Replies(Arc<Mutex<VecDeque<String>>>);

impl Write for Replies {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let text = String::from_utf8_lossy(buf).into_owned();
        self.0.lock().unwrap().push_back(text);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub struct ConsoleSide {
    pipeline: Arc<Pipeline>,
    replies: Replies,
    data: tempfile::TempDir,
}

impl ConsoleSide {
    pub fn start() -> ConsoleSide {
        let data = tempfile::tempdir().unwrap();
        let store = Arc::new(SledStore::open(data.path()).unwrap());
        let replies = Replies::default();
        let app = App::new(shipped(), store.clone(), 30);
        let pipeline = Arc::new(console::pipeline(app, store, replies.clone()));
        ConsoleSide {
            pipeline,
            replies,
            data,
        }
    }
}

impl Side for ConsoleSide {
    fn open(&mut self, who: usize, code: &str) {
        self.say(who, code);
    }

    fn say(&mut self, who: usize, text: &str) {
        assert_eq!(who, 0, "the console has one person");
        let incoming = console::incoming(text, None);
        self.pipeline.turn(&incoming, chrono::Utc::now());
    }

    fn show_photo(&mut self, _: usize, _: &str) {
        unreachable!("a console carries no photos");
    }

    fn choose(&mut self, who: usize, n: usize) {
        self.say(who, &n.to_string());
    }

    fn hear(&mut self, _: usize) -> Heard {
        let text = self
            .replies
            .0
            .lock()
            .unwrap()
            .pop_front()
            .expect("the console answered");
        let options = text
            .lines()
            .filter_map(|l| l.trim_start().split_once(". "))
            .filter(|(n, _)| n.parse::<usize>().is_ok())
            .map(|(_, label)| label.to_owned())
            .collect();
        Heard { text, options }
    }

    fn user(&self, _: usize) -> UserKey {
        console::user()
    }

    fn pipeline(&self) -> &Arc<Pipeline> {
        &self.pipeline
    }
}

#[test]
fn console_link_options_crisis_and_forget() {
    super::link_options_crisis_and_forget(&mut ConsoleSide::start());
}

#[test]
fn console_book_list_and_cancel() {
    super::book_list_and_cancel(&mut ConsoleSide::start());
}

#[test]
fn console_reminder() {
    super::reminder(&mut ConsoleSide::start());
}

#[test]
fn console_forget_leaves_no_byte_on_disk() {
    let mut side = ConsoleSide::start();
    let data = side.data.path().to_owned();
    super::erase::book_forget_and_scan(&mut side, &data, None);
}
