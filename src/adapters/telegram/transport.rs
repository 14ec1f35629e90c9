//! Sends queued `TgMsg`s through the Bot API and tells the outbox what a failure means.
//!
//! The sends have payloads of our own and their answer is skipped, not parsed: teloxide's
//! `Message` is an untagged, flattened type whose parsing was about a tenth of the bot's CPU
//! under load, and the outbox needs nothing from it.

use serde::Serialize;
use serde::de::IgnoredAny;
use teloxide_core::{ApiError, RequestError};

use super::api::{Api, Method};
use super::convert::TgMsg;
use crate::outbox::{SendError, Transport};

pub struct TgTransport {
    pub api: Api,
}

impl Transport for TgTransport {
    type Msg = TgMsg;

    fn counts_per_chat(msg: &TgMsg) -> bool {
        matches!(msg, TgMsg::Text { .. })
    }

    async fn send(&self, chat: &str, msg: &TgMsg) -> Result<(), SendError> {
        let chat_id: i64 = chat
            .parse()
            .map_err(|_| SendError::Rejected(format!("bad chat key `{chat}`")))?;
        match msg {
            TgMsg::Text { html, buttons } => {
                let payload = SendText {
                    chat_id,
                    text: html.clone(),
                    parse_mode: "HTML",
                    reply_markup: (!buttons.is_empty()).then(|| Keyboard {
                        inline_keyboard: buttons
                            .iter()
                            .map(|(text, callback_data)| {
                                [Button {
                                    text: text.clone(),
                                    callback_data: callback_data.clone(),
                                }]
                            })
                            .collect(),
                    }),
                };
                let result = self.api.call::<IgnoredAny>(Method::SendMessage, &payload);
                result.await.map(drop).map_err(classify)
            }
            TgMsg::ClearKeyboard { message_id } => {
                let payload = ClearKeyboard {
                    chat_id,
                    message_id: *message_id,
                };
                let result = self
                    .api
                    .call::<IgnoredAny>(Method::EditMessageReplyMarkup, &payload);
                match result.await {
                    Ok(_) => Ok(()),
                    // Already without a keyboard, too old to edit, deleted: nothing left to clear.
                    Err(RequestError::Api(error)) if !is_gone(&error) => {
                        tracing::debug!(%error, "keyboard not cleared");
                        Ok(())
                    }
                    Err(e) => Err(classify(e)),
                }
            }
        }
    }
}

/// `sendMessage` with HTML text and, when there are options, one button per row.
#[derive(Serialize)]
struct SendText {
    chat_id: i64,
    text: String,
    parse_mode: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reply_markup: Option<Keyboard>,
}

#[derive(Serialize)]
struct Keyboard {
    inline_keyboard: Vec<[Button; 1]>,
}

#[derive(Serialize)]
struct Button {
    text: String,
    callback_data: String,
}

/// `editMessageReplyMarkup` without a markup: the keyboard is removed.
#[derive(Serialize)]
struct ClearKeyboard {
    chat_id: i64,
    message_id: i32,
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
        RequestError::Network(e) => SendError::Transient(described(&e)),
        RequestError::Io(e) => SendError::Transient(described(&e)),
        // The Bot API answers JSON, even to refuse: anything else came from something in
        // between (a proxy's error page, a misrouted path), so Telegram has not refused the
        // message and it is tried again.
        RequestError::InvalidJson { .. } => SendError::Transient(
            "the answer was not the Bot API's JSON (not shown): a proxy or another service \
             answers at telegram_api_url"
                .to_owned(),
        ),
        other => SendError::Rejected(hide_token(&other.to_string())),
    }
}

/// An error with its causes ("error sending request: client error (Connect): tcp connect
/// error: Connection refused"), since its own words alone do not tell a refused connection
/// from a name that does not resolve or a certificate; a bot token in an address is hidden.
pub fn described(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(c) = cause {
        let more = c.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        cause = c.source();
    }
    hide_token(&text)
}

/// `text` with a bot token in it (as in `/bot123:AbC/getMe`, which a proxy's error page may
/// repeat, its colon perhaps encoded) replaced by `bot<token>`.
pub fn hide_token(text: &str) -> String {
    static TOKEN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i:bot\d+(?::|%3a))[A-Za-z0-9_-]+").expect("a valid pattern")
    });
    TOKEN.replace_all(text, "bot<token>").into_owned()
}

#[cfg(test)]
mod tests {
    use super::described;

    #[derive(Debug)]
    struct Outer(std::io::Error);

    impl std::fmt::Display for Outer {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(
                "error sending request for https://api.telegram.org/bot123:AbC-x_9/getUpdates",
            )
        }
    }

    impl std::error::Error for Outer {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.0)
        }
    }

    #[test]
    fn an_error_is_told_with_its_causes_and_without_the_token() {
        let refused =
            std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "Connection refused");
        let text = described(&Outer(refused));
        assert_eq!(
            text,
            "error sending request for https://api.telegram.org/bot<token>/getUpdates: Connection refused"
        );
    }
}
