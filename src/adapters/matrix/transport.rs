//! Sends queued `MxMsg`s to their rooms and tells the outbox what a failure means.

use matrix_sdk::Client;
use matrix_sdk::config::RequestConfig;
use matrix_sdk::ruma::RoomId;
use matrix_sdk::ruma::api::error::{ErrorKind, RetryAfter};
use matrix_sdk::ruma::events::room::message::RoomMessageEventContent;

use super::convert::MxMsg;
use crate::outbox::{SendError, Transport};

pub struct MxTransport {
    pub client: Client,
}

impl Transport for MxTransport {
    type Msg = MxMsg;

    fn counts_per_chat(_: &MxMsg) -> bool {
        true
    }

    async fn send(&self, chat: &str, msg: &MxMsg) -> Result<(), SendError> {
        let room_id = RoomId::parse(chat).map_err(|e| SendError::Rejected(e.to_string()))?;
        let room = match self.client.get_room(&room_id) {
            Some(room) => room,
            // The rooms' state is in memory, learnt by each start's first sync, and a
            // homeserver may answer that sync from a cache made before the bot joined a room.
            // Joining again looks the room up: the homeserver answers it without a new event
            // for a room the bot is in, and refuses it for one the bot has left (gone).
            None => self
                .client
                .join_room_by_id(&room_id)
                .await
                .map_err(|e| classify(&e))?,
        };
        let content = RoomMessageEventContent::text_html(msg.plain.clone(), msg.html.clone());
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
