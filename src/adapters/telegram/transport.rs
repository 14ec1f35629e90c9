//! Sends queued `TgMsg`s through the Bot API and tells the outbox what a failure means.

use teloxide_core::prelude::*;
use teloxide_core::types::{InlineKeyboardButton, InlineKeyboardMarkup, MessageId, ParseMode};
use teloxide_core::{ApiError, RequestError};

use super::convert::TgMsg;
use crate::outbox::{SendError, Transport};

pub struct TgTransport {
    pub bot: Bot,
}

impl Transport for TgTransport {
    type Msg = TgMsg;

    fn counts_per_chat(msg: &TgMsg) -> bool {
        matches!(msg, TgMsg::Text { .. })
    }

    async fn send(&self, chat: &str, msg: &TgMsg) -> Result<(), SendError> {
        let chat = ChatId(
            chat.parse()
                .map_err(|_| SendError::Rejected(format!("bad chat key `{chat}`")))?,
        );
        match msg {
            TgMsg::Text { html, buttons } => {
                let request = self
                    .bot
                    .send_message(chat, html.clone())
                    .parse_mode(ParseMode::Html);
                let result = if buttons.is_empty() {
                    request.await
                } else {
                    let rows = buttons.iter().map(|(label, data)| {
                        [InlineKeyboardButton::callback(label.clone(), data.clone())]
                    });
                    request.reply_markup(InlineKeyboardMarkup::new(rows)).await
                };
                result.map(drop).map_err(classify)
            }
            TgMsg::ClearKeyboard { message_id } => match self
                .bot
                .edit_message_reply_markup(chat, MessageId(*message_id))
                .await
            {
                Ok(_) => Ok(()),
                // Already without a keyboard, too old to edit, deleted: nothing left to clear.
                Err(RequestError::Api(error)) if !is_gone(&error) => {
                    tracing::debug!(%error, "keyboard not cleared");
                    Ok(())
                }
                Err(e) => Err(classify(e)),
            },
        }
    }
}

fn is_gone(error: &ApiError) -> bool {
    match error {
        ApiError::BotBlocked
        | ApiError::UserDeactivated
        | ApiError::CantInitiateConversation
        | ApiError::BotKicked
        | ApiError::BotKickedFromSupergroup
        | ApiError::ChatNotFound => true,
        ApiError::Unknown(description) => description.starts_with("Forbidden"),
        _ => false,
    }
}

pub fn classify(error: RequestError) -> SendError {
    match error {
        RequestError::RetryAfter(wait) => SendError::RetryAfter(wait.duration()),
        RequestError::Api(e) if is_gone(&e) => SendError::Gone,
        RequestError::Api(e) => SendError::Rejected(e.to_string()),
        RequestError::Network(e) => SendError::Transient(e.to_string()),
        RequestError::Io(e) => SendError::Transient(e.to_string()),
        other => SendError::Rejected(other.to_string()),
    }
}
