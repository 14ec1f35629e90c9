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
                    parse_mode: Some("HTML"),
                    reply_markup: (!buttons.is_empty()).then(|| Keyboard {
                        // Numbered as on Matrix and the console: the texts say an option's
                        // number can be typed ("2" picks the second button).
                        inline_keyboard: buttons
                            .iter()
                            .enumerate()
                            .map(|(i, (text, callback_data))| {
                                [Button {
                                    text: format!("{}. {text}", i + 1),
                                    callback_data: callback_data.clone(),
                                }]
                            })
                            .collect(),
                    }),
                };
                let result = self.api.call::<IgnoredAny>(Method::SendMessage, &payload);
                match result.await {
                    Ok(_) => Ok(()),
                    Err(RequestError::Api(error)) if !is_gone(&error) => {
                        self.send_plain(chat_id, html, buttons, error).await
                    }
                    Err(e) => Err(classify(e)),
                }
            }
            TgMsg::ClearKeyboard { message_id } => {
                let clear = ClearKeyboard {
                    chat_id,
                    message_id: *message_id,
                };
                clear.ask(&self.api).await
            }
        }
    }
}

impl TgTransport {
    /// Telegram refused a message as formatted (its markup, a button): the words and numbers
    /// still go out, once, as plain text with the options as numbered lines, which the dialog
    /// takes as typed. Refused again, the message is dropped with the first refusal's reason.
    async fn send_plain(
        &self,
        chat_id: i64,
        html: &str,
        buttons: &[(String, String)],
        refused: ApiError,
    ) -> Result<(), SendError> {
        let payload = SendText {
            chat_id,
            text: plain_text(html, buttons),
            parse_mode: None,
            reply_markup: None,
        };
        let result = self.api.call::<IgnoredAny>(Method::SendMessage, &payload);
        match result.await.map_err(classify) {
            Ok(_) => {
                tracing::warn!(error = %refused, "a message Telegram refused as formatted was sent as plain text");
                Ok(())
            }
            Err(SendError::Rejected(_)) => Err(SendError::Rejected(refused.to_string())),
            Err(other) => Err(other),
        }
    }
}

/// The text of a message as `to_messages` writes it (escaped text, bold names), without the
/// markup; the buttons' labels as numbered lines, when they fit in one message.
fn plain_text(html: &str, buttons: &[(String, String)]) -> String {
    let mut text = html
        .replace("<b>", "")
        .replace("</b>", "")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    let options: String = buttons
        .iter()
        .enumerate()
        .map(|(i, (label, _))| format!("\n{}. {label}", i + 1))
        .collect();
    if !options.is_empty()
        && text.chars().count() + 1 + options.chars().count() <= super::convert::TEXT_MAX
    {
        text.push('\n');
        text.push_str(&options);
    }
    text
}

/// `sendMessage` with HTML text and, when there are options, one button per row.
#[derive(Serialize)]
struct SendText {
    chat_id: i64,
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    parse_mode: Option<&'static str>,
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
pub(super) struct ClearKeyboard {
    pub chat_id: i64,
    pub message_id: i32,
}

/// Attempts at taking a keyboard away while Telegram is out of reach (waits 1, 2, 4, 8, 16 s).
const CLEAR_ATTEMPTS: u32 = 6;

impl ClearKeyboard {
    /// One request. A message without a keyboard, deleted or too old to edit has nothing
    /// left to take away: done.
    async fn ask(&self, api: &Api) -> Result<(), SendError> {
        let asked = api.call::<IgnoredAny>(Method::EditMessageReplyMarkup, self);
        match asked.await {
            Ok(_) => Ok(()),
            Err(RequestError::Api(error)) if !is_gone(&error) => {
                tracing::debug!(%error, "keyboard not cleared");
                Ok(())
            }
            Err(e) => Err(classify(e)),
        }
    }

    /// Takes the keyboard away, holding one of `permits` while a request is under way.
    pub(super) async fn send(self, api: Api, permits: std::sync::Arc<tokio::sync::Semaphore>) {
        for attempt in 0..CLEAR_ATTEMPTS {
            let permit = permits.acquire().await;
            let wait = match self.ask(&api).await {
                Ok(()) | Err(SendError::Gone | SendError::Rejected(_)) => return,
                Err(SendError::RetryAfter(wait)) => wait,
                Err(SendError::Transient(error)) => {
                    tracing::debug!(%error, attempt, "keyboard not taken away yet");
                    std::time::Duration::from_secs(1 << attempt)
                }
            };
            drop(permit);
            if attempt + 1 < CLEAR_ATTEMPTS {
                tokio::time::sleep(wait).await;
            }
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
    use super::{described, plain_text};

    #[test]
    fn the_plain_text_of_a_message_keeps_its_words_and_numbers_its_options() {
        let html = "<b>Kryzysowy &amp; telefon</b>\n+48 12 421 92 82 &lt;24/7&gt; \"tak\"";
        let buttons = [
            ("Dalej".to_owned(), "@next".to_owned()),
            ("Menu".to_owned(), "@menu".to_owned()),
        ];
        assert_eq!(
            plain_text(html, &buttons),
            "Kryzysowy & telefon\n+48 12 421 92 82 <24/7> \"tak\"\n\n1. Dalej\n2. Menu"
        );
        // Options that would make it longer than one message are left out, not the text.
        let long = "a".repeat(4090);
        assert_eq!(plain_text(&long, &buttons), long);
    }

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
