//! The bot's sync loop. matrix-sdk's own loop (`sync_with_callback`) sleeps a whole second after
//! any sync that came back within a second of the one before, as a guard against servers that
//! ignore the long-poll timeout. A bot's reply comes back to it at once as its own echo, so with
//! that loop the bot's next sync started a second after each reply (seen in its debug log), and
//! a message arriving meanwhile waited. Here only a sync that came back early *and empty*, which
//! is what a server ignoring the timeout looks like, is followed by a pause.
//!
//! Every sync asks only for what the bot acts on. matrix-sdk processes each sync response in
//! full (state and crypto store transactions, key counts) before any handler runs, a fixed cost
//! of several milliseconds that sits in front of every reply. So the homeserver is told to leave
//! out the bot's own messages (each reply used to come back as a sync of its own), typing
//! notices, read receipts and presence: none of them wakes the bot any more.
//!
//! After each sync, whose events the handlers have all decided and committed by then, its
//! position is noted in Krok's store: a restart goes on from there, so a message that came
//! while the bot was down or in a sync cut short by a crash is answered, and one already
//! answered is skipped by its event id.

use std::sync::Arc;
use std::time::{Duration, Instant};

use matrix_sdk::Client;
use matrix_sdk::config::SyncSettings;
use matrix_sdk::ruma::UserId;
use matrix_sdk::ruma::api::client::filter::{
    Filter as EventFilter, FilterDefinition, LazyLoadOptions, RoomEventFilter,
};
use matrix_sdk::ruma::api::client::sync::sync_events::v3::Filter;

use crate::ops::Health;
use crate::store::{Platform, TurnStore};

/// How long the homeserver may hold a sync open when nothing happens.
pub(super) const LONG_POLL: Duration = Duration::from_secs(10);
const PAUSE: Duration = Duration::from_secs(1);

/// What the bot's syncs ask for: everything but its own timeline events, typing notices, read
/// receipts and presence.
pub(super) fn settings(bot: &UserId) -> SyncSettings {
    SyncSettings::default().filter(Filter::FilterDefinition(wanted(bot)))
}

/// What each start's first sync, from nothing, asks for: every joined room with its latest
/// event only and the members lazily (matrix-sdk fetches a room's members when it needs them,
/// to encrypt), so a bot in thousands of rooms learns them in one short answer.
pub(super) fn first_settings(bot: &UserId) -> SyncSettings {
    SyncSettings::default().filter(Filter::FilterDefinition(first_wanted(bot)))
}

fn first_wanted(bot: &UserId) -> FilterDefinition {
    let mut first = wanted(bot);
    let lazily = LazyLoadOptions::Enabled {
        include_redundant_members: false,
    };
    first.room.timeline.limit = Some(1u32.into());
    first.room.timeline.lazy_load_options = lazily;
    first.room.state.lazy_load_options = lazily;
    first
}

fn wanted(bot: &UserId) -> FilterDefinition {
    let mut wanted = FilterDefinition::empty();
    wanted.presence = EventFilter::ignore_all();
    wanted.room.ephemeral = RoomEventFilter::ignore_all();
    wanted.room.timeline.not_senders = vec![bot.to_owned()];
    wanted
}

/// Notes that every event before `position` was handled. A failure is logged and not fatal:
/// the next sync notes a later one, and until then a restart only brings events again.
pub(super) fn note_position(store: &dyn TurnStore, position: &str) {
    if let Err(error) = store.set_position(Platform::Matrix, position) {
        tracing::error!(%error, "cannot note where the Matrix sync stopped");
    }
}

/// Syncs as `bot` from `token` until the future is dropped, noting each handled position in
/// `store` and telling `health` how each sync went.
pub(super) async fn run(
    client: Client,
    bot: &UserId,
    mut token: String,
    store: Arc<dyn TurnStore>,
    health: Arc<Health>,
    name: &str,
) {
    loop {
        let settings = settings(bot).token(token.clone()).timeout(LONG_POLL);
        let started = Instant::now();
        match client.sync_once(settings).await {
            Ok(response) => {
                health.up(name);
                let empty = response.rooms.is_empty() && response.to_device.is_empty();
                token = response.next_batch;
                note_position(store.as_ref(), &token);
                if empty && started.elapsed() < LONG_POLL / 2 {
                    tokio::time::sleep(PAUSE).await;
                }
            }
            Err(error) => {
                health.down(name, format!("sync failed: {error}"));
                tracing::warn!(%error, "sync failed; retrying");
                tokio::time::sleep(PAUSE * 2).await;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The filter the homeserver receives: the bot's own timeline events, typing notices, read
    /// receipts and presence are left out; state (joins, leaves) and to-device events are not.
    #[test]
    fn syncs_leave_out_the_bots_own_messages_typing_receipts_and_presence() {
        let bot = UserId::parse("@krok:example.org").unwrap();
        let json = serde_json::to_value(wanted(&bot)).unwrap();
        assert_eq!(
            json["room"]["timeline"]["not_senders"],
            serde_json::json!(["@krok:example.org"])
        );
        assert_eq!(json["room"]["ephemeral"]["types"], serde_json::json!([]));
        assert_eq!(json["presence"]["types"], serde_json::json!([]));
        assert!(
            json["room"]
                .get("state")
                .is_none_or(|s| s.get("types").is_none())
        );
        assert!(json["room"]["timeline"].get("types").is_none());
        assert!(
            json.get("account_data")
                .is_none_or(|a| a.get("types").is_none())
        );
    }

    /// Each start's first sync asks for the same, but one event per room and the members
    /// lazily: it only has to learn the rooms.
    #[test]
    fn the_first_sync_asks_for_one_event_per_room_and_members_lazily() {
        let bot = UserId::parse("@krok:example.org").unwrap();
        let json = serde_json::to_value(first_wanted(&bot)).unwrap();
        assert_eq!(json["room"]["timeline"]["limit"], serde_json::json!(1));
        assert_eq!(
            json["room"]["state"]["lazy_load_members"],
            serde_json::json!(true)
        );
        assert_eq!(
            json["room"]["timeline"]["not_senders"],
            serde_json::json!(["@krok:example.org"])
        );
        assert_eq!(json["presence"]["types"], serde_json::json!([]));
    }
}
