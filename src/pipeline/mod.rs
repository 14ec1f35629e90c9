//! The one path of every message on every platform: dedupe the platform's event id -> one turn
//! per person at a time -> load -> decide (`App`) -> one commit (the session, every outgoing
//! message for every recipient, the event id, where the person writes from) -> hand the
//! messages to the outbox of each recipient's platform. Adapters only convert and transport;
//! a feature written once reaches every platform, and the error answer is written once here.

mod channel;
mod locks;
mod outside;

use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

pub use self::channel::{Channel, Made, Priority};
use self::locks::Locks;
use crate::app::{App, Reply};
use crate::core::engine::{code_in_words, cry_besides, pasted_code, typed_code};
use crate::core::event::Event;
use crate::core::lang::Lang;
use crate::core::message::{Inbound, InboundKind};
use crate::core::session::Session;
use crate::stats::Counted;
use crate::store::{Commit, Platform, Record, StoreError, TurnStore, UserKey};

/// How far the homeserver's clock and Krok's may be apart (and a turn's whole second from
/// its list's millisecond) before a reply is taken to answer an earlier list.
const CLOCKS_APART_MS: i64 = 3000;

/// One thing a person did, as an adapter understood it, with where it came from.
#[derive(Clone, Debug)]
pub struct Incoming {
    pub user: UserKey,
    /// The chat the answer goes to (a Telegram chat id, a Matrix room id).
    pub chat: String,
    /// The platform's id of the event, so a redelivered one is not answered twice.
    pub id: Option<Vec<u8>>,
    pub inbound: Inbound,
    /// The platform has no deep links: a caseworker's code typed (`legal-uk-mops`) opens that
    /// step, also mid-conversation when it names a language (Matrix, the console).
    pub typed_codes: bool,
    /// The message whose button was pressed: a second tap on its buttons (before the adapter
    /// took them away) is not answered again.
    pub pressed: Option<i32>,
    /// When the bot's message this one answers was sent (Unix milliseconds; a Matrix reply):
    /// an option's number typed in reply to a list older than the last is not a choice on
    /// the last.
    pub answers: Option<i64>,
}

/// What became of an incoming message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Answered,
    /// Already answered before (a redelivery, or a second tap on the buttons of a message
    /// whose first tap was answered): nothing sent.
    Duplicate,
    /// A fault: the person got "something went wrong" with the crisis lines.
    Failed,
}

/// Messages for one channel, encoded and waiting for the commit.
struct Outgoing {
    channel: Arc<dyn Channel>,
    records: Vec<Record>,
    /// The records' messages as the channel made them, in the same order.
    made: Vec<Made>,
}

pub struct Pipeline {
    app: Arc<App>,
    store: Arc<dyn TurnStore>,
    channels: RwLock<Vec<Arc<dyn Channel>>>,
    locks: Locks,
    /// People whose `/forget` could not be done whole yet, and the chat to tell them in.
    forgets: Mutex<Vec<(UserKey, String)>>,
    /// Booking codes forgotten lately, with when: a caseworker's list decided before the
    /// deletion and queued after the withdrawal (`forget_naming`) is withdrawn too.
    forgotten: Mutex<Vec<(std::time::Instant, String)>>,
}

/// How long forgotten codes are looked for in what turns queue: far longer than a turn.
const FORGOTTEN_WATCH: std::time::Duration = std::time::Duration::from_secs(600);

impl Pipeline {
    /// The app keeps its bookings in `store`, so turns, reminders and `/forget` see one set.
    pub fn new(app: App, store: Arc<dyn TurnStore>) -> Pipeline {
        let app = Arc::new(app.with_bookings(store.bookings()));
        Pipeline {
            app,
            store,
            channels: RwLock::new(Vec::new()),
            locks: Locks::default(),
            forgets: Mutex::new(Vec::new()),
            forgotten: Mutex::new(Vec::new()),
        }
    }

    pub fn app(&self) -> &Arc<App> {
        &self.app
    }

    pub fn store(&self) -> &Arc<dyn TurnStore> {
        &self.store
    }

    /// Makes a platform reachable: its people's replies, notices and reminders go to `channel`.
    pub fn register(&self, channel: Arc<dyn Channel>) {
        let mut channels = self.channels.write().unwrap_or_else(|p| p.into_inner());
        channels.retain(|c| c.platform() != channel.platform());
        channels.push(channel);
    }

    /// Drops, on every platform, what waits to be sent that names a forgotten booking. The
    /// codes are noted first, so a turn that queues one after this scan finds them
    /// (`withdraw_late`).
    fn forget_naming(&self, codes: &[String]) {
        if codes.is_empty() {
            return;
        }
        {
            let now = std::time::Instant::now();
            let mut noted = self.noted_forgotten(now);
            noted.extend(codes.iter().map(|c| (now, c.clone())));
        }
        self.withdraw(codes);
    }

    /// A turn's messages, just queued, that name a booking forgotten lately (a list decided
    /// before the deletion): withdrawn as the deletion's own scan would have.
    fn withdraw_late(&self, queued: &[Vec<u8>]) {
        let named: Vec<String> = {
            // Kept only for the watch: once it is over, a turn looks at nothing here.
            let noted = self.noted_forgotten(std::time::Instant::now());
            if noted.is_empty() {
                return;
            }
            let names = |code: &str| {
                let code = code.as_bytes();
                queued
                    .iter()
                    .any(|b| b.windows(code.len()).any(|w| w == code))
            };
            noted
                .iter()
                .filter(|(_, code)| names(code))
                .map(|(_, code)| code.clone())
                .collect()
        };
        if !named.is_empty() {
            self.withdraw(&named);
        }
    }

    /// The codes forgotten within `FORGOTTEN_WATCH` before `now` (older ones let go).
    fn noted_forgotten(
        &self,
        now: std::time::Instant,
    ) -> std::sync::MutexGuard<'_, Vec<(std::time::Instant, String)>> {
        let mut noted = self.forgotten.lock().unwrap_or_else(|p| p.into_inner());
        noted.retain(|(at, _)| now.duration_since(*at) < FORGOTTEN_WATCH);
        noted
    }

    fn withdraw(&self, codes: &[String]) {
        let channels = self
            .channels
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        let dropped: usize = channels.iter().map(|c| c.forget_naming(codes)).sum();
        if dropped > 0 {
            tracing::info!(
                dropped,
                "queued messages naming a person who asked to be forgotten were withdrawn"
            );
        }
    }

    fn channel(&self, platform: Platform) -> Option<Arc<dyn Channel>> {
        let channels = self.channels.read().unwrap_or_else(|p| p.into_inner());
        channels.iter().find(|c| c.platform() == platform).cloned()
    }

    /// Answers one incoming message; blocking (adapters call it off their async threads).
    pub fn turn(&self, incoming: &Incoming, now: DateTime<Utc>) -> Outcome {
        self.turns(std::slice::from_ref(incoming), now)[0]
    }

    /// Answers a platform's batch (a `getUpdates` answer, a Matrix sync) in order on this
    /// thread, each turn seeing the ones before it, and commits them all in one write and one
    /// flush before any reply is handed over and before the caller confirms the batch to the
    /// platform: a turn costs the disk a share of one flush, not one of its own. The people of
    /// the batch are held until then, so no other turn reads what is not written yet. Blocking.
    pub fn turns(&self, batch: &[Incoming], now: DateTime<Utc>) -> Vec<Outcome> {
        let started = Instant::now();
        let mut pending = Pending::default();
        let mut outcomes = Vec::with_capacity(batch.len());
        for (i, incoming) in batch.iter().enumerate() {
            if !pending.held.iter().any(|h| h.user() == &incoming.user) {
                pending.held.push(self.locks.hold(&incoming.user));
            }
            let outcome = match self.decide_one(batch, i, &pending.turns, now) {
                Ok(Some(turn)) => {
                    pending.turns.push((i, turn));
                    Outcome::Answered
                }
                Ok(None) => Outcome::Duplicate,
                Err(error) => {
                    crate::store_fault!(error, "turn failed; answering with the crisis lines");
                    self.answer_error(incoming, now);
                    Outcome::Failed
                }
            };
            outcomes.push(outcome);
        }
        if pending.turns.is_empty() {
            return outcomes;
        }
        let commits: Vec<Commit<'_>> = pending
            .turns
            .iter()
            .map(|(i, t)| t.commit(&batch[*i], now))
            .collect();
        let decided = started.elapsed();
        let committed = self.store.commit_all(&commits);
        // Where a batch's time goes (`RUST_LOG=krok::pipeline=debug`): deciding, or the disk.
        tracing::debug!(
            turns = commits.len(),
            decide_us = decided.as_micros(),
            save_us = (started.elapsed() - decided).as_micros(),
            "batch decided and saved"
        );
        drop(commits);
        drop(std::mem::take(&mut pending.held));
        match committed {
            Ok(()) => {
                let done: Vec<_> = pending
                    .turns
                    .into_iter()
                    .map(|(i, turn)| (i, self.after(&batch[i], turn)))
                    .collect();
                let counted: Vec<_> = done
                    .iter()
                    .map(|(i, (lang, events, took))| {
                        let turn = Counted {
                            now,
                            platform: batch[*i].user.platform(),
                            lang: *lang,
                            events,
                        };
                        (turn, *took)
                    })
                    .collect();
                self.app.count_all(&counted);
            }
            Err(error) => {
                crate::store_fault!(
                    error,
                    "turns could not be saved; answering with the crisis lines"
                );
                for (i, turn) in pending.turns {
                    // `/forget` deleted the bookings before the save failed: what names them
                    // goes all the same.
                    self.forget_naming(&turn.reply.forgotten_codes);
                    self.answer_error(&batch[i], now);
                    outcomes[i] = Outcome::Failed;
                }
            }
        }
        outcomes
    }

    /// Decides `batch[i]` on the person's session as the turns decided before it (`earlier`,
    /// by their place in the batch) left it; `None` for a redelivery.
    fn decide_one(
        &self,
        batch: &[Incoming],
        i: usize,
        earlier: &[(usize, Decided)],
        now: DateTime<Utc>,
    ) -> Result<Option<Decided>, StoreError> {
        let incoming = &batch[i];
        let user = &incoming.user;
        if let Some(id) = &incoming.id {
            let again = earlier.iter().any(|(j, _)| {
                batch[*j].user.on() == user.on() && batch[*j].id.as_deref() == Some(id)
            });
            let before = self.store.handled(user.on(), id).unwrap_or_else(|error| {
                crate::store_fault!(error, "could not check for a redelivery");
                false
            });
            if again || before {
                tracing::debug!("event already answered; skipped");
                return Ok(None);
            }
        }
        let started = Instant::now();
        let session = match earlier.iter().rev().find(|(j, _)| &batch[*j].user == user) {
            Some((_, earlier)) => earlier.next.clone(),
            None => self.store.load(user)?,
        };
        if let Some(message) = incoming.pressed
            && session.as_ref().is_some_and(|s| s.was_pressed(message))
        {
            // Its buttons are being taken away; the first tap was answered.
            tracing::debug!("a second tap on one message's buttons; skipped");
            return Ok(None);
        }
        let mut inbound = match &incoming.inbound.kind {
            InboundKind::Text(text) => {
                let content = self.app.content();
                // A code alone opens its step; one with words besides, unless they are a
                // crisis or a cry for help. A command is a command, whatever its words hold
                // (a caseworker's cancel note: "please book again here: https://t.me/…").
                let command = text.trim_start().starts_with('/');
                let code = match incoming.typed_codes {
                    _ if command => None,
                    true => typed_code(&content, text, session.is_none())
                        .filter(|_| !cry_besides(&content, text)),
                    false => pasted_code(&content, text).or_else(|| code_in_words(&content, text)),
                };
                match code {
                    Some(code) => Inbound {
                        kind: InboundKind::Start {
                            payload: Some(code),
                        },
                        ..incoming.inbound.clone()
                    },
                    None => incoming.inbound.clone(),
                }
            }
            _ => incoming.inbound.clone(),
        };
        inbound.elsewhere = self.elsewhere(incoming, session.as_ref())?;
        let (mut next, reply) = self.app.decide(user, session, &inbound, now)?;
        if let (Some(message), Some(next)) = (incoming.pressed, next.as_mut()) {
            next.note_press(message);
        }
        let mut outgoing = Vec::new();
        let priority = if reply.crisis {
            Priority::Crisis
        } else {
            Priority::Reply
        };
        let own = self.require(user.on())?;
        let chat = &incoming.chat;
        // The desk acting for a caseworker no chat reaches (a Matrix caseworker after
        // `/forget`): the notices go; the caseworker reads the outcome on the desk.
        if !chat.is_empty() {
            self.encode(&mut outgoing, own, chat, priority, &reply)?;
        }
        for (other, notice) in &reply.notices {
            self.encode_for(&mut outgoing, other, Priority::Reply, notice)?;
        }
        Ok(Some(Decided {
            records: records(&outgoing),
            outgoing,
            next,
            reply,
            took: started.elapsed(),
        }))
    }

    /// Whether an option's number was meant for another list than the last one shown: typed
    /// in another chat than the person's last message, or in reply to a list sent before the
    /// person's last turn (only asked of platforms without buttons, and only for a number:
    /// one read more).
    fn elsewhere(
        &self,
        incoming: &Incoming,
        session: Option<&Session>,
    ) -> Result<bool, StoreError> {
        let number = matches!(&incoming.inbound.kind, InboundKind::Text(t) if crate::core::engine::typed_number(t).is_some());
        if !incoming.typed_codes || !number {
            return Ok(false);
        }
        let last_turn = session.map(|s| s.updated_at);
        // The list's time is the homeserver's clock, the turn's Krok's, in whole seconds: a
        // list counts as older only by more than their difference could be, or a reply to the
        // last list would now and then be taken for one to an earlier.
        let older = incoming
            .answers
            .zip(last_turn)
            .is_some_and(|(sent_ms, turn)| sent_ms < turn * 1000 - CLOCKS_APART_MS);
        if older {
            return Ok(true);
        }
        let last = self.store.address(&incoming.user)?;
        Ok(last.is_some_and(|chat| chat != incoming.chat))
    }

    /// Once a turn is saved: its messages to their outboxes, a `/forget` that could not
    /// finish remembered for retrying. Returns what the figures count of it (the batch's turns
    /// are counted together).
    fn after(&self, incoming: &Incoming, turn: Decided) -> (Option<Lang>, Vec<Event>, Duration) {
        if turn.next.is_none() && !incoming.inbound.shared {
            forget_chat(&turn.outgoing, incoming.user.on(), &incoming.chat);
        }
        self.forget_naming(&turn.reply.forgotten_codes);
        let queued = hand_over(turn.outgoing);
        self.withdraw_late(&queued);
        let user = &incoming.user;
        let lang = turn.next.as_ref().and_then(|s| s.lang);
        let mut pending = turn.reply.forget_pending;
        if turn.next.is_none()
            && !pending
            && let Err(error) = self.forget_elsewhere(user)
        {
            tracing::error!(%error, "could not delete a person's places in groups; retrying");
            pending = true;
        }
        if pending {
            let mut forgets = self.forgets.lock().unwrap_or_else(|p| p.into_inner());
            forgets.retain(|(u, _)| u != user);
            forgets.push((user.clone(), incoming.chat.clone()));
        }
        (lang, turn.reply.events, turn.took)
    }

    /// The language the person chose, if they did (and the store can tell).
    fn lang_of(&self, user: &UserKey) -> Result<Option<Lang>, StoreError> {
        Ok(self.store.load(user)?.and_then(|s| s.lang))
    }

    fn require(&self, platform: Platform) -> Result<Arc<dyn Channel>, StoreError> {
        self.channel(platform).ok_or_else(|| {
            StoreError::Corrupt(format!("no adapter for {} is running", platform.name()))
        })
    }

    /// Encodes `reply` for `user` wherever they are; a person on a platform that is not
    /// running, or never seen, cannot be reached and is logged.
    fn encode_for(
        &self,
        outgoing: &mut Vec<Outgoing>,
        user: &UserKey,
        priority: Priority,
        reply: &Reply,
    ) -> Result<bool, StoreError> {
        let platform = user.on();
        let Some(channel) = self.channel(platform) else {
            tracing::warn!(
                platform = platform.name(),
                "a message for a person on a platform that is not running was not sent"
            );
            return Ok(false);
        };
        let Some(chat) = self.address(user)? else {
            tracing::warn!(
                platform = platform.name(),
                "no chat known for a person; message not sent"
            );
            return Ok(false);
        };
        self.encode(outgoing, channel, &chat, priority, reply)?;
        Ok(true)
    }

    fn encode(
        &self,
        outgoing: &mut Vec<Outgoing>,
        channel: Arc<dyn Channel>,
        chat: &str,
        priority: Priority,
        reply: &Reply,
    ) -> Result<(), StoreError> {
        let (mut records, mut made) = (Vec::new(), Vec::new());
        for (bytes, message) in channel.encode(chat, priority, reply) {
            records.push(Record {
                platform: channel.platform(),
                seq: self.store.next_seq()?,
                bytes,
            });
            made.push(message);
        }
        outgoing.push(Outgoing {
            channel,
            records,
            made,
        });
        Ok(())
    }

    /// Where a person can be reached: the chat they last wrote from; for Telegram, whose
    /// private chat is the person, their id.
    pub fn address(&self, user: &UserKey) -> Result<Option<String>, StoreError> {
        if let Some(chat) = self.store.address(user)? {
            return Ok(Some(chat));
        }
        Ok(match user.on() {
            Platform::Telegram => Some(user.id().split('/').next().unwrap_or("").to_owned()),
            Platform::Console => Some(user.id().to_owned()),
            Platform::Matrix => None,
        })
    }

    /// "Something went wrong" with the crisis lines, in the person's language when it is
    /// known; queued durably when the store still works, sent anyway when it does not.
    fn answer_error(&self, incoming: &Incoming, now: DateTime<Utc>) {
        let known = self.lang_of(&incoming.user).ok().flatten();
        let lang = known.or(incoming.inbound.hint).unwrap_or(Lang::Uk);
        let reply = self.app.error_reply(lang, now);
        let Some(channel) = self.channel(incoming.user.on()) else {
            tracing::error!("no adapter to answer through");
            return;
        };
        let (mut records, mut made) = (Vec::new(), Vec::new());
        for (i, (bytes, message)) in channel
            .encode(&incoming.chat, Priority::Crisis, &reply)
            .into_iter()
            .enumerate()
        {
            made.push(message);
            // Without a working store, a number of our own keeps the order.
            let seq = self.store.next_seq().unwrap_or(u64::MAX / 2 + i as u64);
            records.push(Record {
                platform: channel.platform(),
                seq,
                bytes,
            });
        }
        if let Err(error) = self.store.enqueue(&records, None) {
            crate::store_fault!(
                error,
                "the error answer could not be queued; sending it anyway"
            );
        }
        hand_over(vec![Outgoing {
            channel,
            records,
            made,
        }]);
    }

    /// Deletes expired sessions, holds, old bookings and figures, and old handled event ids.
    pub fn sweep(&self, now: DateTime<Utc>) -> Result<usize, StoreError> {
        let removed = self.app.sweep(now)?;
        self.expire_drafts(now)?;
        // Telegram keeps an unconfirmed update for 24 hours; twice that is safe.
        self.store.sweep_handled(now.timestamp() - 48 * 3600)?;
        Ok(removed)
    }
}

/// The turns of a batch decided so far, not yet saved, and the people they hold.
#[derive(Default)]
struct Pending<'a> {
    held: Vec<locks::Held<'a>>,
    turns: Vec<(usize, Decided)>,
}

/// One turn decided: what to save and, once saved, what to hand over and count.
struct Decided {
    next: Option<Session>,
    records: Vec<Record>,
    outgoing: Vec<Outgoing>,
    reply: Reply,
    took: std::time::Duration,
}

impl Decided {
    fn commit<'a>(&'a self, incoming: &'a Incoming, now: DateTime<Utc>) -> Commit<'a> {
        Commit {
            user: &incoming.user,
            session: self.next.as_ref(),
            // A group is not where to reach the person later (a notice, a reminder).
            chat: (!incoming.inbound.shared).then_some(incoming.chat.as_str()),
            handled: incoming.id.as_deref(),
            at: now.timestamp(),
            queued: &self.records,
            booking: None,
        }
    }
}

/// Everything encoded for one write, for every channel.
fn records(outgoing: &[Outgoing]) -> Vec<Record> {
    outgoing.iter().flat_map(|o| o.records.clone()).collect()
}

/// After `/forget`: what waits for the person's chat from before this turn's own messages is
/// dropped.
fn forget_chat(outgoing: &[Outgoing], platform: Platform, chat: &str) {
    let Some(own) = outgoing.iter().find(|o| o.channel.platform() == platform) else {
        return;
    };
    if let Some(first) = own.records.iter().map(|r| r.seq).min() {
        own.channel.forget_chat(chat, first);
    }
}

/// Gives committed messages to their outboxes; their bytes as stored, for a last look.
fn hand_over(outgoing: Vec<Outgoing>) -> Vec<Vec<u8>> {
    let mut queued = Vec::new();
    for o in outgoing {
        let committed = o.records.iter().map(|r| r.seq).zip(o.made).collect();
        o.channel.push(committed);
        queued.extend(o.records.into_iter().map(|r| r.bytes));
    }
    queued
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::{Channel, Made, Pipeline, Priority};
    use crate::app::{App, Reply};
    use crate::store::{MemoryStore, Platform};

    /// A channel that notes which codes it was asked to withdraw.
    #[derive(Default)]
    struct Noting(Mutex<Vec<Vec<String>>>);

    impl Channel for Noting {
        fn platform(&self) -> Platform {
            Platform::Telegram
        }
        fn encode(&self, _: &str, _: Priority, _: &Reply) -> Vec<(Vec<u8>, Made)> {
            Vec::new()
        }
        fn push(&self, _: Vec<(u64, Made)>) {}
        fn forget_naming(&self, codes: &[String]) -> usize {
            self.0.lock().unwrap().push(codes.to_vec());
            0
        }
    }

    /// A caseworker's list decided before a `/forget` and queued after its withdrawal scan
    /// (two people's turns run side by side): withdrawn when it is queued.
    #[test]
    fn a_list_queued_after_a_forget_naming_its_code_is_withdrawn_then() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let content =
            crate::files::load_content(&root.join("dialogs"), &root.join("locales")).unwrap();
        let store = Arc::new(MemoryStore::new());
        let pipeline = Pipeline::new(App::new(Arc::new(content), store.clone(), 30), store);
        let channel = Arc::new(Noting::default());
        pipeline.register(channel.clone());
        pipeline.withdraw_late(&[b"09:00 Olena AB12CD34".to_vec()]);
        assert!(
            channel.0.lock().unwrap().is_empty(),
            "nothing forgotten yet"
        );
        pipeline.forget_naming(&["AB12CD34".to_owned()]);
        pipeline.withdraw_late(&[b"16:00 Petro ZZ99YY88".to_vec()]);
        pipeline.withdraw_late(&[b"16:00 Olena AB12CD34 +48 600".to_vec()]);
        let asked = channel.0.lock().unwrap().clone();
        assert_eq!(
            asked,
            vec![vec!["AB12CD34".to_owned()]; 2],
            "the scan, then the late one"
        );
    }
}
