//! The outbox's decisions, pure: which queued message leaves next and when, over values of
//! time. At most `per_second` messages overall, one per `per_chat` interval to a chat; crisis
//! answers before other replies, replies before batch sends (a reply never waits behind a
//! reminder, not even in its own chat); within one priority a chat's messages keep their
//! order; after a rate-limit answer the chat waits exactly as long as it was told. Between
//! chats of one priority, the chat served fewer times since it last had nothing waiting goes
//! first, then the order people wrote in: a few accounts flooding the bot cannot make a new
//! person wait behind their backlog.

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::time::{Duration, Instant};

use super::{Item, Limits, Priority};

/// A queued message with its queue position and failed attempts so far.
#[derive(Clone, Debug)]
pub struct Queued<M> {
    pub seq: u64,
    pub item: Item<M>,
    pub attempts: u32,
}

struct Chat<M> {
    items: VecDeque<Queued<M>>,
    not_before: Option<Instant>,
    in_flight: bool,
    /// Its rank in `Schedule::ranked`, while it has a message and none in flight.
    ranked: Option<Rank>,
    /// Messages handed out for it since it was last empty.
    served: u64,
}

/// What to do now.
#[derive(Debug)]
pub enum Next<M> {
    /// Send this message to this chat, then report with `sent`, `retry` or `failed`.
    Send(String, Queued<M>),
    /// Nothing may leave before this moment.
    Wait(Instant),
    /// Nothing queued (or everything in flight).
    Idle,
}

pub struct Schedule<M> {
    limits: Limits,
    chats: HashMap<String, Chat<M>>,
    /// The chats that have a message to send, most urgent first, so that `next` looks at the
    /// first chats whose interval allows one, not at every chat waiting (thousands in a burst).
    ranked: BTreeSet<(Rank, String)>,
    /// Chats left with nothing queued, kept until their interval ends so that a new message
    /// still waits it; in the order their intervals end.
    resting: VecDeque<(Instant, String)>,
    queued: usize,
    /// The earliest moment the next message may leave, by the overall rate.
    next_slot: Option<Instant>,
}

impl<M: Clone> Schedule<M> {
    pub fn new(limits: Limits) -> Schedule<M> {
        Schedule {
            limits,
            chats: HashMap::new(),
            ranked: BTreeSet::new(),
            resting: VecDeque::new(),
            queued: 0,
            next_slot: None,
        }
    }

    pub fn push(&mut self, seq: u64, item: Item<M>) {
        let key = item.chat.clone();
        let chat = self.chats.entry(key.clone()).or_insert_with(|| Chat {
            items: VecDeque::new(),
            not_before: None,
            in_flight: false,
            ranked: None,
            served: 0,
        });
        chat.items.push_back(Queued {
            seq,
            item,
            attempts: 0,
        });
        self.queued += 1;
        self.rank(&key);
    }

    pub fn queued(&self) -> usize {
        self.queued
    }

    /// Messages waiting to go to `chat`.
    pub fn waiting(&self, chat: &str) -> usize {
        self.chats.get(chat).map_or(0, |c| c.items.len())
    }

    /// Messages of `priority` waiting to go to `chat`.
    pub fn waiting_at(&self, chat: &str, priority: Priority) -> usize {
        self.chats.get(chat).map_or(0, |c| {
            c.items
                .iter()
                .filter(|q| q.item.priority == priority)
                .count()
        })
    }

    fn spacing(&self) -> Duration {
        match self.limits.per_second {
            0 => Duration::ZERO,
            n => Duration::from_secs(1) / n,
        }
    }

    /// The message to send at `now`: the most urgent (priority, then queue position) among
    /// the chats that may receive one now; or when to look again.
    pub fn next(&mut self, now: Instant) -> Next<M> {
        self.end_rests(now);
        let mut best = None;
        let mut wake: Option<Instant> = None;
        for (_, key) in &self.ranked {
            match self.chats[key].not_before.filter(|t| *t > now) {
                Some(t) => wake = Some(wake.map_or(t, |w| w.min(t))),
                None => {
                    best = Some(key.clone());
                    break;
                }
            }
        }
        let Some(key) = best else {
            return wake.map_or(Next::Idle, Next::Wait);
        };
        if let Some(slot) = self.next_slot.filter(|s| *s > now) {
            return Next::Wait(slot);
        }
        // Keep the cadence of the schedule, not of (slightly late) wake-ups, so lateness does
        // not add up to a slower rate; after an idle spell, start afresh.
        let spacing = self.spacing();
        let slot = self
            .next_slot
            .filter(|s| *s + spacing >= now)
            .unwrap_or(now);
        self.next_slot = Some(slot + spacing);
        let chat = self.chats.get_mut(&key).expect("a ranked chat exists");
        let (index, _) = most_urgent(&chat.items).expect("a ranked chat has messages");
        chat.in_flight = true;
        chat.served += 1;
        let queued = chat.items[index].clone();
        self.rank(&key);
        Next::Send(key, queued)
    }

    /// The message left; `counts`: it counts against the per-chat interval.
    pub fn sent(&mut self, chat: &str, seq: u64, counts: bool, now: Instant) {
        let per_chat = self.limits.per_chat;
        self.finish(chat, seq, counts.then(|| now + per_chat));
    }

    /// The platform refused the message for good: it is dropped, the chat goes on.
    pub fn failed(&mut self, chat: &str, seq: u64) {
        self.finish(chat, seq, None);
    }

    /// Try the message again at `at` (the platform's `retry_after`, or a backoff).
    pub fn retry(&mut self, chat: &str, seq: u64, at: Instant, count_attempt: bool) {
        if let Some(c) = self.chats.get_mut(chat) {
            c.in_flight = false;
            c.not_before = Some(at);
            if let (true, Some(q)) = (count_attempt, c.items.iter_mut().find(|q| q.seq == seq)) {
                q.attempts += 1;
            }
            self.rank(chat);
        }
    }

    /// The person is gone: everything for them is dropped; the queue positions removed.
    pub fn drop_chat(&mut self, chat: &str) -> Vec<u64> {
        let Some(c) = self.chats.remove(chat) else {
            return Vec::new();
        };
        if let Some(rank) = c.ranked {
            self.ranked.remove(&(rank, chat.to_owned()));
        }
        self.queued -= c.items.len();
        c.items.into_iter().map(|q| q.seq).collect()
    }

    /// Drops what waits for `chat` from before queue position `before` (one being sent
    /// finishes on its own); the dropped positions.
    pub fn drop_before(&mut self, chat: &str, before: u64) -> Vec<u64> {
        let Some(c) = self.chats.get_mut(chat) else {
            return Vec::new();
        };
        let (dropped, kept): (Vec<Queued<M>>, Vec<Queued<M>>) = std::mem::take(&mut c.items)
            .into_iter()
            .partition(|q| q.seq < before);
        c.items = kept.into_iter().collect();
        self.queued -= dropped.len();
        self.rank(chat);
        dropped.into_iter().map(|q| q.seq).collect()
    }

    /// Drops every queued message, to any chat, that `names` says names someone (a
    /// caseworker's day list naming a person who asked to be forgotten); the dropped
    /// positions.
    pub fn drop_naming(&mut self, names: impl Fn(&M) -> bool) -> Vec<u64> {
        let mut dropped = Vec::new();
        let mut touched = Vec::new();
        for (key, c) in &mut self.chats {
            let before = c.items.len();
            c.items.retain(|q| {
                let named = names(&q.item.msg);
                if named {
                    dropped.push(q.seq);
                }
                !named
            });
            if c.items.len() < before {
                touched.push(key.clone());
            }
        }
        self.queued -= dropped.len();
        for key in touched {
            self.rank(&key);
        }
        dropped
    }

    fn finish(&mut self, chat: &str, seq: u64, not_before: Option<Instant>) {
        let Some(c) = self.chats.get_mut(chat) else {
            return;
        };
        let before = c.items.len();
        c.items.retain(|q| q.seq != seq);
        self.queued -= before - c.items.len();
        c.in_flight = false;
        c.not_before = not_before.or(c.not_before);
        let rest = c.items.is_empty().then_some(c.not_before);
        self.rank(chat);
        // An empty chat is kept while its interval runs, so the next message still waits.
        match rest {
            Some(None) => {
                self.chats.remove(chat);
            }
            Some(Some(until)) => self.resting.push_back((until, chat.to_owned())),
            None => {}
        }
    }

    /// Puts `key` in `ranked` under the rank of its most urgent message, or takes it out
    /// while it has none or one in flight.
    fn rank(&mut self, key: &str) {
        let Some(chat) = self.chats.get_mut(key) else {
            return;
        };
        let rank = match chat.in_flight {
            true => None,
            false => most_urgent(&chat.items)
                .map(|(_, (priority, arrival, seq))| (priority, chat.served, arrival, seq)),
        };
        if chat.ranked != rank {
            if let Some(old) = chat.ranked.take() {
                self.ranked.remove(&(old, key.to_owned()));
            }
            if let Some(new) = rank {
                self.ranked.insert((new, key.to_owned()));
            }
            chat.ranked = rank;
        }
    }

    /// Forgets the chats whose interval has ended with nothing queued for them.
    fn end_rests(&mut self, now: Instant) {
        while let Some((until, _)) = self.resting.front()
            && *until <= now
        {
            let (_, key) = self.resting.pop_front().expect("a front entry");
            let done = self.chats.get(&key).is_some_and(|c| {
                c.items.is_empty() && !c.in_flight && c.not_before.is_none_or(|t| t <= now)
            });
            if done {
                self.chats.remove(&key);
            }
        }
    }
}

/// A chat's place among the chats waiting: its most urgent message's priority, the messages
/// the chat was handed since it last had none waiting, then that message's place in the order
/// people wrote in and in the queue.
type Rank = (Priority, u64, u64, u64);

/// The index of a chat's most urgent message, the first of its best priority: priority, then
/// the order people wrote in (`arrival`, else the queue position), then the queue position.
fn most_urgent<M>(items: &VecDeque<Queued<M>>) -> Option<(usize, (Priority, u64, u64))> {
    items
        .iter()
        .enumerate()
        .map(|(i, q)| (i, (q.item.priority, q.item.arrival.unwrap_or(q.seq), q.seq)))
        .min_by_key(|(_, rank)| *rank)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(chat: &str, priority: Priority) -> Item<&'static str> {
        Item::new(chat, priority, "text")
    }

    fn telegram() -> Schedule<&'static str> {
        Schedule::new(Limits {
            per_second: 30,
            per_chat: Duration::from_secs(1),
        })
    }

    /// Sends everything, as the loop does, answering each send at once; (time, chat, seq).
    fn drain(s: &mut Schedule<&'static str>, start: Instant) -> Vec<(Duration, String, u64)> {
        let mut now = start;
        let mut out = Vec::new();
        loop {
            match s.next(now) {
                Next::Send(chat, q) => {
                    s.sent(&chat, q.seq, true, now);
                    out.push((now - start, chat, q.seq));
                }
                Next::Wait(t) => now = t,
                Next::Idle => return out,
            }
        }
    }

    #[test]
    fn replies_leave_in_the_order_people_wrote_not_the_order_turns_committed() {
        let mut s = telegram();
        let wrote = |chat: &str, arrival: u64| Item {
            arrival: Some(arrival),
            ..item(chat, Priority::Reply)
        };
        // Ann wrote first (arrival 1) but her turn committed last (queue position 30).
        s.push(30, wrote("ann", 1));
        s.push(20, wrote("bob", 2));
        s.push(21, wrote("bob", 2));
        s.push(25, item("notice", Priority::Reply));
        s.push(40, item("carol", Priority::Crisis));
        let order: Vec<String> = drain(&mut s, Instant::now())
            .into_iter()
            .map(|(_, chat, seq)| format!("{chat}{seq}"))
            .collect();
        assert_eq!(order, ["carol40", "ann30", "bob20", "notice25", "bob21"]);
    }

    /// Forty chats flooding crisis answers, more than the overall rate serves: a new person's
    /// crisis answer leaves within the next round of sends, not after the whole backlog.
    #[test]
    fn a_new_chat_is_served_before_the_backlog_of_chats_served_already() {
        let mut s = telegram();
        let mut seq = 0;
        for round in 0..60 {
            for i in 0..40 {
                seq += 1;
                let wrote = Item {
                    arrival: Some(round * 40 + i),
                    ..item(&format!("flood{i}"), Priority::Crisis)
                };
                s.push(seq, wrote);
            }
        }
        // Some of the flood leaves, then someone new writes.
        let mut now = Instant::now();
        let mut sent = 0;
        while sent < 100 {
            match s.next(now) {
                Next::Send(chat, q) => {
                    s.sent(&chat, q.seq, true, now);
                    sent += 1;
                }
                Next::Wait(t) => now = t,
                Next::Idle => unreachable!("the flood is longer"),
            }
        }
        let late = Item {
            arrival: Some(1_000_000),
            ..item("new", Priority::Crisis)
        };
        s.push(seq + 1, late);
        let order = drain(&mut s, now);
        let at = order.iter().position(|(_, chat, _)| chat == "new");
        let (waited, _, _) = &order[at.expect("sent")];
        assert!(
            *waited < Duration::from_secs(2),
            "waited {waited:?}, {} messages in all",
            order.len()
        );
    }

    #[test]
    fn in_a_burst_the_crisis_answer_leaves_first_and_no_reply_waits_behind_a_reminder() {
        let mut s = telegram();
        let mut seq = 0;
        for i in 0..200 {
            seq += 1;
            s.push(seq, item(&format!("batch{i}"), Priority::Batch));
        }
        for i in 0..100 {
            seq += 1;
            s.push(seq, item(&format!("person{i}"), Priority::Reply));
        }
        // A reminder was queued for this person; then they wrote; then someone in crisis.
        s.push(1000, item("person7", Priority::Batch));
        s.push(1001, item("person7", Priority::Reply));
        s.push(1002, item("crisis", Priority::Crisis));
        let sent = drain(&mut s, Instant::now());
        assert_eq!(sent.len(), 303);
        assert_eq!(sent[0].1, "crisis", "the crisis answer leaves first");
        let is_reply = |seq: u64| (201..=300).contains(&seq);
        let last_reply = sent.iter().rposition(|(_, _, q)| is_reply(*q)).unwrap();
        let first_batch = sent.iter().position(|(_, _, q)| *q <= 200).unwrap();
        assert!(last_reply < first_batch, "every reply before any reminder");
        let p7: Vec<u64> = sent
            .iter()
            .filter(|(_, c, _)| c == "person7")
            .map(|(_, _, q)| *q)
            .collect();
        assert_eq!(
            p7,
            vec![208, 1001, 1000],
            "the person's reply before their reminder"
        );
    }

    #[test]
    fn the_overall_rate_and_the_per_chat_interval_hold() {
        let mut s = telegram();
        for seq in 0..90 {
            s.push(seq, item(&format!("c{}", seq % 30), Priority::Reply));
        }
        let sent = drain(&mut s, Instant::now());
        assert_eq!(sent.len(), 90);
        for window in sent.windows(31) {
            assert!(
                window[30].0 - window[0].0 >= Duration::from_millis(999),
                "30/s at most"
            );
        }
        for chat in 0..30 {
            let times: Vec<Duration> = sent
                .iter()
                .filter(|(_, c, _)| *c == format!("c{chat}"))
                .map(|(t, _, _)| *t)
                .collect();
            for pair in times.windows(2) {
                assert!(
                    pair[1] - pair[0] >= Duration::from_secs(1),
                    "1/s to one chat"
                );
            }
        }
        // 90 messages at 30/s: three seconds, not more.
        assert!(sent[89].0 < Duration::from_millis(3000), "{:?}", sent[89].0);
    }

    #[test]
    fn a_retry_after_is_waited_exactly_and_the_chat_keeps_its_order() {
        let mut s = telegram();
        let start = Instant::now();
        s.push(1, item("a", Priority::Reply));
        s.push(2, item("a", Priority::Reply));
        let Next::Send(chat, q) = s.next(start) else {
            panic!("sends")
        };
        s.retry(&chat, q.seq, start + Duration::from_secs(7), false);
        match s.next(start + Duration::from_millis(100)) {
            Next::Wait(t) => assert_eq!(t, start + Duration::from_secs(7)),
            other => panic!("waits: {other:?}"),
        }
        let Next::Send(_, again) = s.next(start + Duration::from_secs(7)) else {
            panic!("sends again")
        };
        assert_eq!(again.seq, 1, "the same message first");
    }

    #[test]
    fn a_message_to_a_chat_that_just_had_one_waits_its_interval() {
        let mut s = telegram();
        let now = Instant::now();
        s.push(1, item("a", Priority::Reply));
        let Next::Send(chat, q) = s.next(now) else {
            panic!("sends")
        };
        s.sent(&chat, q.seq, true, now);
        s.push(2, item("a", Priority::Reply));
        match s.next(now + Duration::from_millis(500)) {
            Next::Wait(t) => assert_eq!(t, now + Duration::from_secs(1)),
            other => panic!("waits for the chat's interval: {other:?}"),
        }
    }

    #[test]
    fn a_chat_in_flight_gets_nothing_more_until_its_message_is_answered() {
        let mut s = telegram();
        let now = Instant::now();
        s.push(1, item("a", Priority::Reply));
        s.push(2, item("a", Priority::Reply));
        assert!(matches!(s.next(now), Next::Send(..)));
        assert!(matches!(s.next(now + Duration::from_secs(5)), Next::Idle));
        assert_eq!(s.drop_chat("a"), vec![1, 2]);
        assert_eq!(s.queued(), 0);
    }

    #[test]
    fn messages_naming_someone_are_dropped_from_every_chat_and_the_rest_still_leave() {
        let mut s = telegram();
        let now = Instant::now();
        s.push(1, Item::new("staff", Priority::Reply, "list: AB12CD34"));
        s.push(2, Item::new("other", Priority::Reply, "hello"));
        s.push(3, Item::new("other", Priority::Batch, "reminder AB12CD34"));
        s.push(4, Item::new("staff", Priority::Reply, "cancelled AB12CD34"));
        let mut dropped = s.drop_naming(|m| m.contains("AB12CD34"));
        dropped.sort_unstable();
        assert_eq!(dropped, vec![1, 3, 4]);
        assert_eq!(s.queued(), 1);
        // A chat left with nothing is no longer ranked: the next send is the other chat's.
        assert!(matches!(s.next(now), Next::Send(chat, q) if chat == "other" && q.seq == 2));
        s.push(5, Item::new("staff", Priority::Reply, "help"));
        let later = now + Duration::from_secs(1);
        assert!(matches!(s.next(later), Next::Send(chat, q) if chat == "staff" && q.seq == 5));
    }

    #[test]
    fn a_chat_sent_everything_is_forgotten_once_its_interval_ends() {
        let mut s = telegram();
        let now = Instant::now();
        for (seq, chat) in [(1, "a"), (2, "b"), (3, "a")] {
            s.push(seq, item(chat, Priority::Reply));
        }
        assert_eq!(s.queued(), 3);
        let sent = drain(&mut s, now);
        assert_eq!(sent.len(), 3);
        assert_eq!(s.queued(), 0);
        let last = now + sent[2].0;
        assert!(matches!(s.next(last), Next::Idle));
        assert_eq!(s.chats.len(), 2, "both still in their interval");
        assert!(matches!(s.next(last + Duration::from_secs(1)), Next::Idle));
        assert!(s.chats.is_empty() && s.ranked.is_empty() && s.resting.is_empty());
    }
}
