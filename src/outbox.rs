//! The one place messages leave, per platform: at most `per_second` overall and one message per
//! `per_chat` interval to a chat, replies to a person before batch sends (reminders), and on a
//! rate-limit answer it waits exactly the `retry_after` the platform gave before retrying that
//! message. One chat's messages are never dropped or reordered. Queued messages live in a sled
//! tree, written in the same transaction as the turn that produced them, so a crash loses none.

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::sync::Notify;
use tokio::time::Instant;

use crate::ops::Metrics;

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Priority {
    /// An answer to someone who just wrote: never waits behind a batch.
    Reply,
    /// Reminders and other sends nobody is waiting for.
    Batch,
}

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

/// A platform's way of sending one queued message.
pub trait Transport: Send + Sync + 'static {
    type Msg: Clone + Send + Sync + Serialize + DeserializeOwned + 'static;
    /// Whether the message counts against the per-chat limit (edits of a keyboard do not).
    fn counts_per_chat(msg: &Self::Msg) -> bool;
    fn send(
        &self,
        chat: &str,
        msg: &Self::Msg,
    ) -> impl Future<Output = Result<(), SendError>> + Send;
}

/// One queued message as stored: the sled key is its sequence number.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Item<M> {
    pub chat: String,
    pub priority: Priority,
    pub msg: M,
}

struct Queued<M> {
    seq: u64,
    item: Item<M>,
    attempts: u32,
}

struct Chat<M> {
    items: VecDeque<Queued<M>>,
    not_before: Option<Instant>,
    in_flight: bool,
}

impl<M> Default for Chat<M> {
    fn default() -> Self {
        Chat {
            items: VecDeque::new(),
            not_before: None,
            in_flight: false,
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

type GoneHook = Box<dyn Fn(&str) + Send + Sync>;

/// The chat and message to send now, or when to look again.
type Pick<M> = (Option<(String, Queued<M>)>, Option<Instant>);

struct Inner<T: Transport> {
    transport: T,
    limits: Limits,
    tree: sled::Tree,
    db: sled::Db,
    chats: Mutex<HashMap<String, Chat<T::Msg>>>,
    stats: Mutex<Stats>,
    wake: Notify,
    on_gone: GoneHook,
    metrics: OnceLock<(Arc<Metrics>, &'static str)>,
}

pub struct Outbox<T: Transport> {
    inner: Arc<Inner<T>>,
}

impl<T: Transport> Clone for Outbox<T> {
    fn clone(&self) -> Self {
        Outbox {
            inner: Arc::clone(&self.inner),
        }
    }
}

const MAX_ATTEMPTS: u32 = 8;

impl<T: Transport> Outbox<T> {
    /// Loads what a previous run left queued in `tree`.
    pub fn open(
        transport: T,
        limits: Limits,
        db: &sled::Db,
        tree: sled::Tree,
        on_gone: GoneHook,
    ) -> Result<Self, sled::Error> {
        let outbox = Outbox {
            inner: Arc::new(Inner {
                transport,
                limits,
                tree: tree.clone(),
                db: db.clone(),
                chats: Mutex::new(HashMap::new()),
                stats: Mutex::new(Stats::default()),
                wake: Notify::new(),
                on_gone,
                metrics: OnceLock::new(),
            }),
        };
        let mut loaded = Vec::new();
        for entry in tree.iter() {
            let (key, value) = entry?;
            match serde_json::from_slice::<Item<T::Msg>>(&value) {
                Ok(item) => loaded.push((seq_of(&key), item)),
                Err(error) => {
                    tracing::error!(%error, "unreadable queued message dropped");
                    tree.remove(key)?;
                }
            }
        }
        if !loaded.is_empty() {
            tracing::info!(count = loaded.len(), "resuming queued messages");
        }
        outbox.push_committed(loaded);
        Ok(outbox)
    }

    /// The key and value to write for `item` in the turn's transaction.
    pub fn record(&self, item: &Item<T::Msg>) -> Result<(u64, Vec<u8>), sled::Error> {
        let seq = self.inner.db.generate_id()?;
        Ok((
            seq,
            serde_json::to_vec(item).expect("queued messages serialise"),
        ))
    }

    pub fn tree(&self) -> &sled::Tree {
        &self.inner.tree
    }

    /// Queues and persists messages outside a turn (batch sends).
    pub fn enqueue(&self, items: Vec<Item<T::Msg>>) -> Result<(), sled::Error> {
        let mut committed = Vec::new();
        for item in items {
            let (seq, bytes) = self.record(&item)?;
            self.inner.tree.insert(seq.to_be_bytes(), bytes)?;
            committed.push((seq, item));
        }
        self.inner.db.flush()?;
        self.push_committed(committed);
        Ok(())
    }

    /// Queues messages and writes one `mark` entry in another tree of the same database, all or
    /// nothing (a reminder queued and marked sent together, so it is sent exactly once).
    pub fn enqueue_marking(
        &self,
        items: Vec<Item<T::Msg>>,
        mark: (&sled::Tree, &[u8], &[u8]),
    ) -> Result<(), sled::Error> {
        use sled::Transactional;
        let mut records = Vec::new();
        let mut committed = Vec::new();
        for item in items {
            let (seq, bytes) = self.record(&item)?;
            records.push((seq.to_be_bytes(), bytes));
            committed.push((seq, item));
        }
        let (tree, key, value) = mark;
        (tree, &self.inner.tree)
            .transaction(|(t, queue)| {
                t.insert(key, value)?;
                for (k, v) in &records {
                    queue.insert(k.as_slice(), v.as_slice())?;
                }
                Ok::<_, sled::transaction::ConflictableTransactionError<()>>(())
            })
            .map_err(|e| match e {
                sled::transaction::TransactionError::Storage(e) => e,
                sled::transaction::TransactionError::Abort(()) => {
                    sled::Error::Unsupported("aborted".into())
                }
            })?;
        self.inner.db.flush()?;
        self.push_committed(committed);
        Ok(())
    }

    /// Hands over messages already written to the tree (by a turn's transaction).
    pub fn push_committed(&self, items: Vec<(u64, Item<T::Msg>)>) {
        let mut chats = self.inner.chats.lock().unwrap_or_else(|p| p.into_inner());
        for (seq, item) in items {
            let chat = chats.entry(item.chat.clone()).or_default();
            chat.items.push_back(Queued {
                seq,
                item,
                attempts: 0,
            });
        }
        drop(chats);
        self.inner.wake.notify_one();
    }

    /// Counts sends, rate limits, retries and drops in `metrics` under `platform`, and reports
    /// the queue length at every scrape.
    pub fn observe(&self, metrics: Arc<Metrics>, platform: &'static str) {
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
        let _ = self.inner.metrics.set((metrics, platform));
    }

    fn count(&self, which: fn(&Metrics) -> &prometheus::IntCounterVec) {
        if let Some((metrics, platform)) = self.inner.metrics.get() {
            which(metrics).with_label_values(&[*platform]).inc();
        }
    }

    pub fn stats(&self) -> Stats {
        let mut stats = *self.inner.stats.lock().unwrap_or_else(|p| p.into_inner());
        let chats = self.inner.chats.lock().unwrap_or_else(|p| p.into_inner());
        stats.queued = chats.values().map(|c| c.items.len()).sum();
        stats
    }

    /// Sends until `shutdown` resolves; what is still queued stays in the tree for next time.
    pub async fn run(self, shutdown: impl Future<Output = ()>) {
        tokio::pin!(shutdown);
        let spacing = match self.inner.limits.per_second {
            0 => Duration::ZERO,
            n => Duration::from_secs(1) / n,
        };
        let mut next_slot = Instant::now();
        loop {
            let (pick, wake_at) = self.pick(Instant::now());
            if let Some((chat, queued)) = pick {
                let outbox = self.clone();
                tokio::spawn(async move { outbox.deliver(chat, queued).await });
                // Keep the cadence of the schedule, not of the (slightly late) wake-ups: lateness
                // would add up to a slower rate. After an idle spell, start afresh.
                let now = Instant::now();
                next_slot = if next_slot + spacing < now {
                    now
                } else {
                    next_slot
                } + spacing;
                tokio::select! {
                    _ = tokio::time::sleep_until(next_slot) => {}
                    _ = &mut shutdown => return,
                }
                continue;
            }
            let sleep = tokio::time::sleep_until(
                wake_at.unwrap_or_else(|| Instant::now() + Duration::from_secs(3600)),
            );
            tokio::select! {
                _ = sleep => {}
                _ = self.inner.wake.notified() => {}
                _ = &mut shutdown => return,
            }
        }
    }

    /// The next message to send: replies first, then the oldest; or when to look again.
    fn pick(&self, now: Instant) -> Pick<T::Msg> {
        let mut chats = self.inner.chats.lock().unwrap_or_else(|p| p.into_inner());
        chats.retain(|_, c| !c.items.is_empty() || c.not_before.is_some_and(|t| t > now));
        let mut best: Option<(&String, (Priority, u64))> = None;
        let mut wake_at: Option<Instant> = None;
        for (key, chat) in chats.iter() {
            let Some(head) = chat.items.front() else {
                continue;
            };
            if chat.in_flight {
                continue;
            }
            if let Some(t) = chat.not_before.filter(|t| *t > now) {
                wake_at = Some(wake_at.map_or(t, |w| w.min(t)));
                continue;
            }
            let rank = (head.item.priority, head.seq);
            if best.is_none_or(|(_, r)| rank < r) {
                best = Some((key, rank));
            }
        }
        let Some((key, _)) = best else {
            return (None, wake_at);
        };
        let key = key.clone();
        let chat = chats.get_mut(&key).expect("picked chat exists");
        chat.in_flight = true;
        let head = chat.items.front().expect("picked chat has a message");
        let queued = Queued {
            seq: head.seq,
            item: head.item.clone(),
            attempts: head.attempts,
        };
        (Some((key, queued)), None)
    }

    async fn deliver(&self, chat: String, queued: Queued<T::Msg>) {
        let counts = T::counts_per_chat(&queued.item.msg);
        let result = self.inner.transport.send(&chat, &queued.item.msg).await;
        let now = Instant::now();
        match result {
            Ok(()) => {
                self.finish(
                    &chat,
                    queued.seq,
                    counts.then(|| now + self.inner.limits.per_chat),
                );
                self.bump(|s| s.sent += 1);
                self.count(|m| &m.sent);
            }
            Err(SendError::RetryAfter(wait)) => {
                tracing::warn!(
                    wait_secs = wait.as_secs_f64(),
                    "rate limited; waiting as told"
                );
                self.requeue(&chat, now + wait, false);
                self.bump(|s| s.retried_after += 1);
                self.count(|m| &m.rate_limited);
            }
            Err(SendError::Transient(error)) if queued.attempts + 1 < MAX_ATTEMPTS => {
                let backoff = Duration::from_millis(250 << queued.attempts.min(8));
                tracing::warn!(%error, attempt = queued.attempts + 1, "send failed; retrying");
                self.requeue(&chat, now + backoff, true);
                self.count(|m| &m.retries);
            }
            Err(SendError::Gone) => {
                tracing::info!("recipient blocked the bot or is gone; dropping their queue");
                self.drop_chat(&chat);
                (self.inner.on_gone)(&chat);
            }
            Err(SendError::Transient(error) | SendError::Rejected(error)) => {
                tracing::error!(%error, "message dropped");
                self.finish(&chat, queued.seq, None);
                self.bump(|s| s.dropped += 1);
                self.count(|m| &m.dropped);
            }
        }
        self.inner.wake.notify_one();
    }

    fn bump(&self, f: impl FnOnce(&mut Stats)) {
        f(&mut self.inner.stats.lock().unwrap_or_else(|p| p.into_inner()));
    }

    /// Removes the sent message, durably: a restart must not send it again.
    fn finish(&self, chat: &str, seq: u64, not_before: Option<Instant>) {
        if let Err(error) = self
            .inner
            .tree
            .remove(seq.to_be_bytes())
            .and_then(|_| self.inner.db.flush())
        {
            tracing::error!(%error, "could not remove a sent message from the queue");
        }
        let mut chats = self.inner.chats.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(c) = chats.get_mut(chat) {
            c.items.pop_front();
            c.in_flight = false;
            c.not_before = not_before.or(c.not_before);
            if c.items.is_empty() && c.not_before.is_none_or(|t| t <= Instant::now()) {
                chats.remove(chat);
            }
        }
    }

    fn requeue(&self, chat: &str, not_before: Instant, count_attempt: bool) {
        let mut chats = self.inner.chats.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(c) = chats.get_mut(chat) {
            c.in_flight = false;
            c.not_before = Some(not_before);
            if let (true, Some(head)) = (count_attempt, c.items.front_mut()) {
                head.attempts += 1;
            }
        }
    }

    fn drop_chat(&self, chat: &str) {
        let removed = self
            .inner
            .chats
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(chat);
        for q in removed.into_iter().flat_map(|c| c.items) {
            let _ = self.inner.tree.remove(q.seq.to_be_bytes());
            self.bump(|s| s.dropped += 1);
            self.count(|m| &m.dropped);
        }
        let _ = self.inner.db.flush();
    }
}

fn seq_of(key: &[u8]) -> u64 {
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&key[..8.min(key.len())]);
    u64::from_be_bytes(bytes)
}
