//! Sends queued `MxMsg`s to their rooms and tells the outbox what a failure means. A message
//! for a room the bot has left (the person left their direct chat, and the bot with them)
//! goes to a direct chat with that person, opened anew if none is joined: a caseworker's
//! cancellation or a reminder must reach someone who cleared the chat.

use std::sync::Arc;

use matrix_sdk::config::RequestConfig;
use matrix_sdk::ruma::api::error::{ErrorKind, RetryAfter};
use std::collections::HashMap;

use matrix_sdk::ruma::events::relation::Thread;
use matrix_sdk::ruma::events::room::message::{Relation, RoomMessageEventContent};
use matrix_sdk::ruma::{EventId, OwnedEventId, OwnedRoomId, RoomId, UserId};
use matrix_sdk::{Client, Room, RoomState};

use super::convert::MxMsg;
use crate::outbox::{SendError, Transport};
use crate::store::{StoreError, TurnStore, UserKey};

pub struct MxTransport {
    pub client: Client,
    /// Who wrote from which room, to find the person of a room the bot has left.
    pub store: Arc<dyn TurnStore>,
    pub threads: Threads,
}

/// The thread each room's person last wrote in, if they wrote in one: what is sent to the
/// room goes there. In memory: after a restart the answers go to the room's timeline.
#[derive(Clone, Default)]
pub struct Threads(Arc<parking_lot::Mutex<HashMap<OwnedRoomId, OwnedEventId>>>);

impl Threads {
    pub fn enter(&self, room: &RoomId, root: &EventId) {
        self.0.lock().insert(room.to_owned(), root.to_owned());
    }

    pub fn leave(&self, room: &RoomId) {
        self.0.lock().remove(room);
    }

    fn of(&self, room: &RoomId) -> Option<OwnedEventId> {
        self.0.lock().get(room).cloned()
    }
}

impl Transport for MxTransport {
    type Msg = MxMsg;

    fn counts_per_chat(_: &MxMsg) -> bool {
        true
    }

    async fn send(&self, chat: &str, msg: &MxMsg) -> Result<(), SendError> {
        let room_id = RoomId::parse(chat).map_err(|e| SendError::Rejected(e.to_string()))?;
        let room = match self.client.get_room(&room_id) {
            Some(room) if room.state() == RoomState::Joined => room,
            // The rooms' state is in memory, learnt by each start's first sync, and a
            // homeserver may answer that sync from a cache made before the bot joined a room.
            // Joining again looks the room up: the homeserver answers it without a new event
            // for a room the bot is in, and refuses it for one the bot has left: then the
            // person is reached in a direct chat of their own.
            _ => match self.client.join_room_by_id(&room_id).await {
                Ok(room) => room,
                Err(error) if error.client_api_error_kind().is_some() => self.reopen(chat).await?,
                Err(error) => return Err(classify(&error)),
            },
        };
        let mut content = RoomMessageEventContent::text_html(msg.plain.clone(), msg.html.clone());
        if let Some(root) = self.threads.of(room.room_id()) {
            content.relates_to = Some(Relation::Thread(Thread::without_fallback(root)));
        }
        // The outbox does the waiting: the SDK must not retry behind its back.
        match room
            .send(content)
            .with_request_config(RequestConfig::new().disable_retry())
            .await
        {
            Ok(_) => Ok(()),
            Err(error) => Err(classify(&error)),
        }
    }
}

impl MxTransport {
    /// A joined direct chat with the person who last wrote from `chat`, a room the bot has
    /// left; one is opened (and the person invited) when there is none.
    async fn reopen(&self, chat: &str) -> Result<Room, SendError> {
        let (store, left) = (Arc::clone(&self.store), chat.to_owned());
        let person = tokio::task::spawn_blocking(move || person_of(&*store, &left))
            .await
            .map_err(|e| SendError::Transient(e.to_string()))?
            .map_err(|e| SendError::Transient(e.to_string()))?;
        let Some(person) = person else {
            return Err(SendError::Gone);
        };
        let user_id = UserId::parse(person.id()).map_err(|e| SendError::Rejected(e.to_string()))?;
        if let Some(room) = self.client.get_dm_room(&user_id) {
            return Ok(room);
        }
        tracing::info!("a person left their direct chat; opening a new one to reach them");
        self.client
            .create_dm(&user_id)
            .await
            .map_err(|e| classify(&e))
    }
}

/// The Matrix person whose last message came from `chat`.
fn person_of(store: &dyn TurnStore, chat: &str) -> Result<Option<UserKey>, StoreError> {
    for user in store.users_like("mx:", "")? {
        if store.address(&user)?.as_deref() == Some(chat) {
            return Ok(Some(user));
        }
    }
    Ok(None)
}

fn classify(error: &matrix_sdk::Error) -> SendError {
    match error.client_api_error_kind() {
        Some(ErrorKind::LimitExceeded(limit)) => {
            let wait = match &limit.retry_after {
                Some(RetryAfter::Delay(d)) => *d,
                Some(RetryAfter::DateTime(t)) => t
                    .duration_since(std::time::SystemTime::now())
                    .unwrap_or_default(),
                None => std::time::Duration::from_secs(1),
            };
            SendError::RetryAfter(wait)
        }
        Some(ErrorKind::Forbidden) => SendError::Gone,
        Some(_) => SendError::Rejected(error.to_string()),
        None => SendError::Transient(error.to_string()),
    }
}
