//! How the pipeline reaches a platform: a `Channel` encodes a reply as that platform's
//! messages and takes them over once they are committed. Telegram and Matrix channels are
//! their outboxes (durable, rate-limited); the console writes at once.

use crate::app::Reply;
use crate::store::Platform;

/// Which queued message leaves first when several wait.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Priority {
    /// The answer to a person whose message was a crisis: before everyone else waiting.
    Crisis,
    /// An answer to someone who just wrote: never waits behind a batch.
    Reply,
    /// Reminders and other sends nobody is waiting for.
    Batch,
}

/// A message as its channel made it, handed back to that channel after the commit so it is
/// not parsed again from the bytes just written.
pub type Made = Box<dyn std::any::Any + Send>;

pub trait Channel: Send + Sync {
    fn platform(&self) -> Platform;
    /// The platform's messages for `reply` to `chat`, each encoded for the queue and as made.
    fn encode(&self, chat: &str, priority: Priority, reply: &Reply) -> Vec<(Vec<u8>, Made)>;
    /// Takes over messages that are committed to the store (as `encode` made them), with
    /// their queue positions.
    fn push(&self, committed: Vec<(u64, Made)>);
    /// Drops what waits for `chat` from before queue position `before`, from the store too:
    /// after `/forget`, nothing written for the person earlier (their number read back, a
    /// booking's code) may stay on disk or reach them.
    fn forget_chat(&self, chat: &str, before: u64) {
        let _ = (chat, before);
    }
    /// Drops what waits for anyone that names one of `codes` (the booking codes of a person
    /// who asked to be forgotten: a caseworker's day list queued in an outage lists their
    /// name and phone beside the code), from the store too; how many.
    fn forget_naming(&self, codes: &[String]) -> usize {
        let _ = codes;
        0
    }
}
