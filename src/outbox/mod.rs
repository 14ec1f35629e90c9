//! The one place messages leave, per platform: at most `per_second` overall and one message per
//! `per_chat` interval to a chat; crisis answers first, then other replies, then batch sends
//! (reminders); on a rate-limit answer it waits exactly the `retry_after` the platform gave
//! before retrying that message. One chat's messages are never dropped or reordered. Queued
//! messages live in the store's queue, written in the same commit as the turn that produced
//! them, so a crash loses none. An outbox is the pipeline's `Channel` for its platform.

mod refusals;
mod schedule;

use std::future::Future;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::sync::{Notify, Semaphore};
use tokio::time::Instant;

use crate::app::Reply;
use crate::ops::{Health, Metrics};
pub use crate::pipeline::Priority;
use crate::pipeline::{Channel, Made};
use crate::store::{Platform, Record, StoreError, TurnStore};

use self::schedule::{Next, Queued, Schedule};

#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub per_second: u32,
    pub per_chat: Duration,
}

impl Limits {
    /// Telegram's documented limits, with a little room for network jitter.
    pub fn telegram() -> Limits {
        Limits {
            per_second: 29,
            per_chat: Duration::from_millis(1050),
        }
    }

    pub fn unlimited() -> Limits {
        Limits {
            per_second: 0,
            per_chat: Duration::ZERO,
        }
    }
}

/// Why a send failed, as the outbox needs to know it.
#[derive(Debug)]
pub enum SendError {
    /// The platform asked us to wait this long (Telegram 429 `retry_after`).
    RetryAfter(Duration),
    /// The person blocked the bot or is gone: drop their queue and their data.
    Gone,
    /// Network trouble: retry with backoff.
    Transient(String),
    /// The platform refused this message (a bug): log and drop it.
    Rejected(String),
}

/// What a platform's queued message must be: stored as JSON, sent from any task.
pub trait Message: Clone + Send + Sync + Serialize + DeserializeOwned + 'static {}
impl<M: Clone + Send + Sync + Serialize + DeserializeOwned + 'static> Message for M {}

/// A platform's messages for one reply.
pub type Encoder<M> = fn(&Reply) -> Vec<M>;

/// A platform's way of sending one queued message.
pub trait Transport: Send + Sync + 'static {
    type Msg: Message;
    /// Whether the message counts against the per-chat limit (edits of a keyboard do not).
    fn counts_per_chat(msg: &Self::Msg) -> bool;
    fn send(
        &self,
        chat: &str,
        msg: &Self::Msg,
    ) -> impl Future<Output = Result<(), SendError>> + Send;
}

/// The version of the stored queue record written today.
pub const ITEM_VERSION: u32 = 1;

/// One queued message as stored (`{"v":1,...}`); its queue position is the key.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Item<M> {
    /// Records from before the version field are version 1.
    #[serde(default = "first_version")]
    pub v: u32,
    pub chat: String,
    pub priority: Priority,
    pub msg: M,
    /// Where the message the reply answers stood in the order people wrote, in records of
    /// versions that answered a batch's people side by side and committed their turns out of
    /// that order; still read, so such records leave in that order. Krok writes none now: a
    /// batch is saved in the order people wrote. Absent: the item's own queue position.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrival: Option<u64>,
}

fn first_version() -> u32 {
    1
}

impl<M> Item<M> {
    pub fn new(chat: impl Into<String>, priority: Priority, msg: M) -> Item<M> {
        Item {
            v: ITEM_VERSION,
            chat: chat.into(),
            priority,
            msg,
            arrival: None,
        }
    }
}

/// Counters for tests, benchmarks and metrics.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    pub sent: u64,
    pub retried_after: u64,
    pub dropped: u64,
    pub queued: usize,
}

/// Called with the chat of a person who blocked the bot or is gone.
pub type GoneHook = Box<dyn Fn(&str) + Send + Sync>;

struct Inner<M> {
    platform: Platform,
    store: Arc<dyn TurnStore>,
    encode: Encoder<M>,
    schedule: Mutex<Schedule<M>>,
    stats: Mutex<Stats>,
    wake: Notify,
    metrics: OnceLock<Arc<Metrics>>,
    /// Where failing sends are told (`<platform> sends: not ok`), once they fail in a row.
    health: OnceLock<Arc<Health>>,
    failing: std::sync::atomic::AtomicU32,
    refusals: Mutex<refusals::Refusals>,
}

pub struct Outbox<M> {
    inner: Arc<Inner<M>>,
}

impl<M> Clone for Outbox<M> {
    fn clone(&self) -> Self {
        Outbox {
            inner: Arc::clone(&self.inner),
        }
    }
}

/// A send that fails for a reason that passes (a network fault, the server's 5xx) is tried
/// again, the waits doubling from 250 ms to a minute: for about a day, since a late answer to
/// someone in crisis still carries the numbers they need. A message Telegram refuses (4xx)
/// is dropped at once.
const MAX_ATTEMPTS: u32 = 8 + 24 * 60;
const MAX_BACKOFF: Duration = Duration::from_secs(60);

/// How long a stop waits for sends under way.
const STOP_WAIT: Duration = Duration::from_secs(2);

static SENDS_FAILED: crate::ops::throttled::Throttled =
    crate::ops::throttled::Throttled::new(Duration::from_secs(60));

/// Failed sends in a row after which `/healthz` says the platform's sends are failing.
const FAILING_AFTER: u32 = 3;

/// Sends under way at once, at most. Telegram's 30 messages a second need a few; without
/// limits (a local Bot API server) each one more holds a connection and its buffers, and past
/// what the round trip needs they only wait in the server's queue.
const MAX_IN_FLIGHT: usize = 128;

impl<M: Message> Outbox<M> {
    /// Loads what a previous run left queued for `platform`.
    pub fn open(
        platform: Platform,
        limits: Limits,
        store: Arc<dyn TurnStore>,
        encode: Encoder<M>,
    ) -> Result<Self, StoreError> {
        let queued = store.queued(platform)?;
        let outbox = Outbox {
            inner: Arc::new(Inner {
                platform,
                store,
                encode,
                schedule: Mutex::new(Schedule::new(limits)),
                stats: Mutex::new(Stats::default()),
                wake: Notify::new(),
                metrics: OnceLock::new(),
                health: OnceLock::new(),
                failing: std::sync::atomic::AtomicU32::new(0),
                refusals: Mutex::new(Default::default()),
            }),
        };
        if !queued.is_empty() {
            tracing::info!(count = queued.len(), "resuming queued messages");
        }
        outbox.push_encoded(queued);
        Ok(outbox)
    }

    /// Queues and persists messages outside a turn (batch sends).
    pub fn enqueue(&self, items: Vec<Item<M>>) -> Result<(), StoreError> {
        let mut records = Vec::new();
        for item in &items {
            records.push(Record {
                platform: self.inner.platform,
                seq: self.inner.store.next_seq()?,
                bytes: serde_json::to_vec(item)?,
            });
        }
        self.inner.store.enqueue(&records, None)?;
        self.push_committed(records.iter().map(|r| r.seq).zip(items).collect());
        Ok(())
    }

    /// Takes over stored records; one that cannot be read is dropped from the queue, loudly.
    fn push_encoded(&self, records: Vec<(u64, Vec<u8>)>) {
        let mut items = Vec::new();
        for (seq, bytes) in records {
            match serde_json::from_slice::<Item<M>>(&bytes) {
                Ok(item) if item.v == ITEM_VERSION => items.push((seq, item)),
                Ok(item) => {
                    tracing::error!(
                        version = item.v,
                        "queued message of an unknown version dropped"
                    );
                    self.dequeue(seq);
                }
                Err(error) => {
                    tracing::error!(%error, "unreadable queued message dropped");
                    self.dequeue(seq);
                }
            }
        }
        self.push_committed(items);
    }

    /// Hands over messages already written to the store.
    fn push_committed(&self, items: Vec<(u64, Item<M>)>) {
        let mut schedule = self.schedule();
        for (seq, item) in items {
            schedule.push(seq, item);
        }
        drop(schedule);
        self.inner.wake.notify_one();
    }

    fn schedule(&self) -> std::sync::MutexGuard<'_, Schedule<M>> {
        self.inner
            .schedule
            .lock()
            .unwrap_or_else(|p| p.into_inner())
    }

    /// Counts sends, rate limits, retries and drops in `metrics` under `platform`, and reports
    /// the queue length at every scrape.
    pub fn observe(&self, metrics: Arc<Metrics>) {
        let platform = self.inner.platform.name();
        metrics.serve_platform(platform);
        // Weak: the metrics outlive an outbox a test drops.
        let inner = Arc::downgrade(&self.inner);
        metrics.on_scrape(move |m| {
            let Some(inner) = inner.upgrade() else {
                return;
            };
            let queued = Outbox { inner }.stats().queued;
            m.queued
                .with_label_values(&[platform])
                .set(i64::try_from(queued).unwrap_or(i64::MAX));
        });
        let _ = self.inner.metrics.set(metrics);
    }

    fn count(&self, which: fn(&Metrics) -> &prometheus::IntCounterVec) {
        if let Some(metrics) = self.inner.metrics.get() {
            which(metrics)
                .with_label_values(&[self.inner.platform.name()])
                .inc();
        }
    }

    pub fn stats(&self) -> Stats {
        let mut stats = *self.inner.stats.lock().unwrap_or_else(|p| p.into_inner());
        stats.queued = self.schedule().queued();
        stats
    }

    /// Sends through `transport` until `shutdown` resolves; what is still queued stays in the
    /// store for next time. `on_gone` hears of people who blocked the bot.
    pub async fn run<T: Transport<Msg = M>>(
        self,
        transport: T,
        on_gone: GoneHook,
        shutdown: impl Future<Output = ()>,
    ) {
        let slots = Arc::new(Semaphore::new(MAX_IN_FLIGHT));
        self.send_until(transport, on_gone, Arc::clone(&slots), shutdown)
            .await;
        // Sends under way are let finish, so one the platform accepted is taken off the queue
        // and not sent again at the next start; one that takes longer is left to it.
        let all = u32::try_from(MAX_IN_FLIGHT).unwrap_or(u32::MAX);
        let finished = tokio::time::timeout(STOP_WAIT, slots.acquire_many(all)).await;
        let queued = self.stats().queued;
        tracing::info!(
            platform = self.inner.platform.name(),
            queued,
            sends_cut_short = finished.is_err(),
            "outbox stopped; what is queued is sent at the next start"
        );
    }

    async fn send_until<T: Transport<Msg = M>>(
        &self,
        transport: T,
        on_gone: GoneHook,
        slots: Arc<Semaphore>,
        shutdown: impl Future<Output = ()>,
    ) {
        let transport = Arc::new((transport, on_gone));
        tokio::pin!(shutdown);
        loop {
            let slot = tokio::select! {
                slot = Arc::clone(&slots).acquire_owned() => slot.expect("the semaphore stays open"),
                _ = &mut shutdown => return,
            };
            let next = self.schedule().next(std::time::Instant::now());
            let wait_until = match next {
                Next::Send(chat, queued) => {
                    let (outbox, transport) = (self.clone(), Arc::clone(&transport));
                    tokio::spawn(async move {
                        let (transport, on_gone) = &*transport;
                        outbox.deliver(transport, on_gone, chat, queued).await;
                        drop(slot);
                    });
                    continue;
                }
                Next::Wait(at) => Instant::from_std(at),
                Next::Idle => Instant::now() + Duration::from_secs(3600),
            };
            tokio::select! {
                _ = tokio::time::sleep_until(wait_until) => {}
                _ = self.inner.wake.notified() => {}
                _ = &mut shutdown => return,
            }
        }
    }

    async fn deliver<T: Transport<Msg = M>>(
        &self,
        transport: &T,
        on_gone: &GoneHook,
        chat: String,
        queued: Queued<M>,
    ) {
        let counts = T::counts_per_chat(&queued.item.msg);
        let result = transport.send(&chat, &queued.item.msg).await;
        let now = std::time::Instant::now();
        let seq = queued.seq;
        match result {
            Ok(()) => {
                self.sent_again();
                self.dequeue(seq);
                self.schedule().sent(&chat, seq, counts, now);
                self.bump(|s| s.sent += 1);
                self.count(|m| &m.sent);
            }
            Err(SendError::RetryAfter(wait)) => {
                tracing::warn!(
                    wait_secs = wait.as_secs_f64(),
                    "rate limited; waiting as told"
                );
                self.schedule().retry(&chat, seq, now + wait, false);
                self.bump(|s| s.retried_after += 1);
                self.count(|m| &m.rate_limited);
            }
            Err(SendError::Transient(error)) if queued.attempts + 1 < MAX_ATTEMPTS => {
                let backoff = Duration::from_millis(250 << queued.attempts.min(8)).min(MAX_BACKOFF);
                // In an outage every queued message fails every minute for a day: one line a
                // minute with the count (`/healthz` says the sends are failing meanwhile).
                if let Some(failed) = SENDS_FAILED.hit(now) {
                    tracing::warn!(%error, failed, "sends failed; retrying with backoff");
                }
                self.failed_send(&error);
                self.schedule().retry(&chat, seq, now + backoff, true);
                self.count(|m| &m.retries);
            }
            Err(SendError::Gone) => {
                tracing::info!("recipient blocked the bot or is gone; dropping their queue");
                self.drop_chat(&chat);
                on_gone(&chat);
            }
            Err(SendError::Transient(error) | SendError::Rejected(error)) => {
                tracing::error!(error = %refusals::shown(&error), "message dropped");
                self.dequeue(seq);
                self.schedule().failed(&chat, seq);
                self.bump(|s| s.dropped += 1);
                self.count(|m| &m.dropped);
                let at = chrono::Utc::now().format("%H:%M UTC").to_string();
                let said = self.lock_refusals().refused(now, &at, &error);
                if let Some(health) = self.inner.health.get() {
                    health.warn(&self.refusals_part(), said);
                }
            }
        }
        // Every send passes here: only the one after the last refusal's hour clears it.
        if self.lock_refusals().just_emptied(now)
            && let Some(health) = self.inner.health.get()
        {
            health.clear_warning(&self.refusals_part());
        }
        self.inner.wake.notify_one();
    }

    fn lock_refusals(&self) -> std::sync::MutexGuard<'_, refusals::Refusals> {
        self.inner
            .refusals
            .lock()
            .unwrap_or_else(|p| p.into_inner())
    }

    /// Where refused messages are told in `/healthz`.
    fn refusals_part(&self) -> String {
        format!("{} refusals", self.inner.platform.name())
    }

    /// Reports failing sends to `/healthz` from the third in a row on.
    pub fn watch_health(&self, health: Arc<Health>) {
        let _ = self.inner.health.set(health);
    }

    fn failed_send(&self, error: &str) {
        use std::sync::atomic::Ordering;
        let failing = self.inner.failing.fetch_add(1, Ordering::Relaxed) + 1;
        if let (Some(health), true) = (self.inner.health.get(), failing >= FAILING_AFTER) {
            let part = format!("{} sends", self.inner.platform.name());
            health.down(
                &part,
                format!("{failing} failed in a row, retrying: {error}"),
            );
        }
    }

    fn sent_again(&self) {
        use std::sync::atomic::Ordering;
        if self.inner.failing.swap(0, Ordering::Relaxed) >= FAILING_AFTER
            && let Some(health) = self.inner.health.get()
        {
            health.up(&format!("{} sends", self.inner.platform.name()));
        }
    }

    fn bump(&self, f: impl FnOnce(&mut Stats)) {
        f(&mut self.inner.stats.lock().unwrap_or_else(|p| p.into_inner()));
    }

    fn dequeue(&self, seq: u64) {
        if let Err(error) = self.inner.store.dequeue(self.inner.platform, seq) {
            crate::store_fault!(error, "could not remove a message from the queue");
        }
    }

    /// Everything queued for a person who is gone is dropped, from the store too.
    fn drop_chat(&self, chat: &str) {
        let dropped = self.schedule().drop_chat(chat);
        for seq in dropped {
            self.dequeue(seq);
            self.bump(|s| s.dropped += 1);
            self.count(|m| &m.dropped);
        }
    }
}

/// Ordinary replies waiting for one chat beyond which more are not queued: at about one a
/// second to a chat, a minute's worth. Someone sending hundreds of messages at once (a script,
/// a stuck key) would otherwise fill the queue on disk for hours; crisis answers always go.
pub const REPLIES_WAITING_MAX: usize = 60;

/// Crisis answers waiting for one chat beyond which more are not queued: the same lines ten
/// times over are enough, and accounts sending crisis phrases by the thousand must not build
/// a backlog that outlasts everyone else's first answer.
pub const CRISIS_WAITING_MAX: usize = 10;

/// Replies not queued for a flooding chat are logged at most once a minute, with a count.
static FLOODED: crate::ops::throttled::Throttled =
    crate::ops::throttled::Throttled::new(Duration::from_secs(60));

impl<M: Message> Channel for Outbox<M> {
    fn platform(&self) -> Platform {
        self.inner.platform
    }

    fn encode(&self, chat: &str, priority: Priority, reply: &Reply) -> Vec<(Vec<u8>, Made)> {
        let full = match priority {
            Priority::Reply => self.schedule().waiting(chat) >= REPLIES_WAITING_MAX,
            Priority::Crisis => {
                self.schedule().waiting_at(chat, Priority::Crisis) >= CRISIS_WAITING_MAX
            }
            Priority::Batch => false,
        };
        if full {
            if let Some(count) = FLOODED.hit(std::time::Instant::now()) {
                tracing::warn!(
                    count,
                    "replies to a chat with many replies waiting not queued"
                );
            }
            self.count(|m| &m.dropped);
            return Vec::new();
        }
        (self.inner.encode)(reply)
            .into_iter()
            .map(|msg| {
                let item = Item::new(chat, priority, msg);
                // Most messages take a few hundred bytes: one allocation, not a few doublings.
                let mut bytes = Vec::with_capacity(1024);
                serde_json::to_writer(&mut bytes, &item).expect("queued messages serialise");
                (bytes, Box::new(item) as Made)
            })
            .collect()
    }

    fn push(&self, committed: Vec<(u64, Made)>) {
        let mut items = Vec::with_capacity(committed.len());
        for (seq, made) in committed {
            match made.downcast::<Item<M>>() {
                Ok(item) => items.push((seq, *item)),
                Err(_) => {
                    // Only this outbox's `encode` makes what is pushed here; a mix-up of
                    // channels is a bug, and the message is still in the store for a restart.
                    tracing::error!("a message made by another channel was handed to this outbox");
                }
            }
        }
        self.push_committed(items);
    }

    fn forget_chat(&self, chat: &str, before: u64) {
        let dropped = self.schedule().drop_before(chat, before);
        for seq in dropped {
            self.dequeue(seq);
        }
    }

    fn forget_naming(&self, codes: &[String]) -> usize {
        if codes.is_empty() {
            return 0;
        }
        let names = |msg: &M| {
            let text = serde_json::to_string(msg).unwrap_or_default();
            codes.iter().any(|code| text.contains(code.as_str()))
        };
        let dropped = self.schedule().drop_naming(names);
        for &seq in &dropped {
            self.dequeue(seq);
        }
        dropped.len()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::store::MemoryStore;

    /// Counts the sends under way; each takes a while, as over a slow network.
    #[derive(Clone, Default)]
    struct Slow {
        now: Arc<AtomicUsize>,
        most: Arc<AtomicUsize>,
    }

    impl Transport for Slow {
        type Msg = String;
        fn counts_per_chat(_: &String) -> bool {
            true
        }
        async fn send(&self, _: &str, _: &String) -> Result<(), SendError> {
            let now = self.now.fetch_add(1, Ordering::SeqCst) + 1;
            self.most.fetch_max(now, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(20)).await;
            self.now.fetch_sub(1, Ordering::SeqCst);
            Ok(())
        }
    }

    /// An outbox with one message for each of `chats` chats, sending through `Slow` until
    /// `stop` is sent.
    struct Sending {
        runtime: tokio::runtime::Runtime,
        store: Arc<dyn TurnStore>,
        outbox: Outbox<String>,
        slow: Slow,
        stop: tokio::sync::oneshot::Sender<()>,
        sender: tokio::task::JoinHandle<()>,
    }

    fn sending(chats: usize) -> Sending {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .unwrap();
        let store: Arc<dyn TurnStore> = Arc::new(MemoryStore::new());
        let outbox: Outbox<String> = Outbox::open(
            Platform::Telegram,
            Limits::unlimited(),
            Arc::clone(&store),
            |_| Vec::new(),
        )
        .unwrap();
        let items = (0..chats)
            .map(|chat| Item::new(chat.to_string(), Priority::Reply, "hello".to_owned()))
            .collect();
        outbox.enqueue(items).unwrap();
        let slow = Slow::default();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let sender = runtime.spawn(outbox.clone().run(slow.clone(), Box::new(|_| {}), async {
            let _ = stopped.await;
        }));
        Sending {
            runtime,
            store,
            outbox,
            slow,
            stop,
            sender,
        }
    }

    #[test]
    fn no_more_sends_are_under_way_than_the_cap_however_many_chats_wait() {
        let chats = 3 * MAX_IN_FLIGHT;
        let s = sending(chats);
        s.runtime.block_on(async {
            while s.outbox.stats().sent < chats as u64 {
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        });
        let _ = s.stop.send(());
        s.runtime.block_on(s.sender).unwrap();
        assert_eq!(s.slow.most.load(Ordering::SeqCst), MAX_IN_FLIGHT);
    }

    /// A stop while sends are under way lets them finish: what the platform accepted leaves
    /// the queue and is not sent again at the next start.
    #[test]
    fn a_stop_lets_sends_under_way_finish_and_leave_the_queue() {
        let s = sending(10);
        s.runtime.block_on(async {
            while s.slow.now.load(Ordering::SeqCst) < 10 {
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
        });
        // All ten are with the platform (each takes 20 ms): stop now.
        let _ = s.stop.send(());
        s.runtime.block_on(s.sender).unwrap();
        assert_eq!(s.outbox.stats().sent, 10);
        assert!(s.store.queued(Platform::Telegram).unwrap().is_empty());
    }

    /// A chat with a minute of replies waiting gets no more ordinary replies queued (a flood
    /// cannot fill the disk); its crisis answers and other chats' replies still are, up to ten
    /// crisis answers waiting for one chat.
    #[test]
    fn a_flooding_chat_gets_no_more_ordinary_replies_queued_but_crisis_answers() {
        let store: Arc<dyn TurnStore> = Arc::new(MemoryStore::new());
        let outbox: Outbox<String> =
            Outbox::open(Platform::Telegram, Limits::telegram(), store, |_| {
                vec!["answer".to_owned()]
            })
            .unwrap();
        let items = (0..REPLIES_WAITING_MAX)
            .map(|_| Item::new("7", Priority::Reply, "earlier".to_owned()))
            .collect();
        outbox.enqueue(items).unwrap();
        let reply = Reply {
            lang: crate::core::lang::Lang::Uk,
            out: Vec::new(),
            messages: Vec::new(),
            notices: Vec::new(),
            crisis: false,
            events: Vec::new(),
            forget_pending: false,
            forgotten_codes: Vec::new(),
        };
        assert!(outbox.encode("7", Priority::Reply, &reply).is_empty());
        assert_eq!(outbox.encode("7", Priority::Crisis, &reply).len(), 1);
        let crises = (0..CRISIS_WAITING_MAX)
            .map(|_| Item::new("9", Priority::Crisis, "lines".to_owned()))
            .collect();
        outbox.enqueue(crises).unwrap();
        assert!(outbox.encode("9", Priority::Crisis, &reply).is_empty());
        assert_eq!(outbox.encode("7", Priority::Batch, &reply).len(), 1);
        assert_eq!(outbox.encode("8", Priority::Reply, &reply).len(), 1);
    }
}
