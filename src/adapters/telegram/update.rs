//! The parts of a Telegram update Krok reads, and `getUpdates` asking for them.
//!
//! teloxide's `Update` models every field of every kind through untagged and flattened enums,
//! which serde parses by buffering each message twice; under load that was the biggest single
//! cost of polling. These types hold only what `convert` reads, every field optional, and
//! unknown fields are skipped. A batch is parsed update by update, so one update that cannot be
//! read is skipped alone (its id still moves the offset on) and never stalls the others.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use teloxide_core::types::AllowedUpdate;

/// The updates Krok asks Telegram for, polling or by webhook.
pub const ALLOWED: [AllowedUpdate; 3] = [
    AllowedUpdate::Message,
    AllowedUpdate::EditedMessage,
    AllowedUpdate::CallbackQuery,
];

#[derive(Debug, Deserialize)]
pub struct Update {
    pub update_id: u32,
    #[serde(default)]
    pub message: Option<Message>,
    /// A message the person corrected, with its new text.
    #[serde(default)]
    pub edited_message: Option<Message>,
    #[serde(default)]
    pub callback_query: Option<CallbackQuery>,
}

#[derive(Debug, Deserialize)]
pub struct Message {
    #[serde(default)]
    pub message_id: i32,
    pub chat: Chat,
    #[serde(default)]
    pub from: Option<User>,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub caption: Option<String>,
    #[serde(default)]
    pub reply_to_message: Option<Box<Replied>>,
    #[serde(default)]
    pub contact: Option<SharedContact>,
    /// Members added to a group: the bot itself when someone adds it.
    #[serde(default)]
    pub new_chat_members: Option<Vec<User>>,
    /// A group created with the bot in it (Telegram sends no `new_chat_members` then).
    #[serde(default)]
    pub group_chat_created: bool,
}

/// A phone contact shared in the chat: only its number is read.
#[derive(Debug, Deserialize)]
pub struct SharedContact {
    pub phone_number: String,
}

/// The message a message replies to: only who wrote it matters.
#[derive(Debug, Deserialize)]
pub struct Replied {
    #[serde(default)]
    pub from: Option<User>,
}

#[derive(Debug, Deserialize)]
pub struct Chat {
    pub id: i64,
    #[serde(rename = "type", default)]
    pub kind: String,
}

impl Chat {
    pub fn is_private(&self) -> bool {
        self.kind == "private"
    }
}

#[derive(Debug, Deserialize)]
pub struct User {
    pub id: u64,
    #[serde(default)]
    pub is_bot: bool,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub language_code: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct CallbackQuery {
    pub id: String,
    pub from: User,
    /// The message with the button; an inaccessible one (too old) has these two fields too.
    #[serde(default)]
    pub message: Option<Pressed>,
    #[serde(default)]
    pub data: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Pressed {
    pub message_id: i32,
    pub chat: Chat,
}

/// `answerCallbackQuery`'s parameters: stops the pressed button's spinner, saying nothing.
#[derive(Serialize)]
pub struct AnswerCallback {
    pub callback_query_id: String,
}

/// Just the id of an update that could not be read otherwise.
#[derive(Deserialize)]
struct IdOnly {
    update_id: u32,
}

/// `getUpdates`' parameters; its answer is kept as raw JSON per update, read by [`read_batch`].
#[derive(Serialize)]
pub struct GetUpdates {
    pub offset: i64,
    pub timeout: u32,
    pub allowed_updates: [AllowedUpdate; 3],
}

impl GetUpdates {
    pub fn new(offset: i64, timeout: u32) -> GetUpdates {
        GetUpdates {
            offset,
            timeout,
            allowed_updates: ALLOWED,
        }
    }
}

/// The updates of one batch that could be read, and the offset that confirms them all (also
/// those that could not be read, which would otherwise come back forever).
pub fn read_batch(raw: &[Box<RawValue>]) -> (Vec<Update>, Option<i64>) {
    let mut updates = Vec::with_capacity(raw.len());
    let mut last = None;
    for one in raw {
        match serde_json::from_str::<Update>(one.get()) {
            Ok(update) => {
                last = Some(update.update_id);
                updates.push(update);
            }
            // Where it broke, not serde's message: that quotes the value it did not expect,
            // which could be someone's name or words.
            Err(error) => {
                let (kind, line, column) = (error.classify(), error.line(), error.column());
                match serde_json::from_str::<IdOnly>(one.get()) {
                    Ok(id) => {
                        tracing::warn!(
                            ?kind,
                            line,
                            column,
                            "an update that could not be read was skipped"
                        );
                        last = Some(id.update_id);
                    }
                    Err(_) => {
                        tracing::warn!(?kind, line, column, "an update without an id was skipped")
                    }
                }
            }
        }
    }
    (updates, last.map(|id| i64::from(id) + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(json: &str) -> Box<RawValue> {
        RawValue::from_string(json.to_owned()).expect("valid JSON")
    }

    #[test]
    fn an_unreadable_update_is_skipped_and_still_confirmed() {
        let batch = [
            raw(
                r#"{"update_id":7,"message":{"message_id":1,"chat":{"id":5,"type":"private"},"text":"hi"}}"#,
            ),
            raw(r#"{"update_id":8,"message":{"chat":"not a chat"}}"#),
        ];
        let (updates, offset) = read_batch(&batch);
        assert_eq!(updates.len(), 1);
        assert_eq!(
            updates[0].message.as_ref().unwrap().text.as_deref(),
            Some("hi")
        );
        assert_eq!(offset, Some(9));
    }

    #[test]
    fn fields_krok_does_not_read_are_skipped() {
        let batch = [raw(
            r#"{"update_id":1,"callback_query":{"id":"q","from":{"id":3,"is_bot":false,"first_name":"A"},
            "message":{"message_id":4,"date":0,"chat":{"id":3,"type":"private"}},"chat_instance":"x","data":"d"}}"#,
        )];
        let (updates, offset) = read_batch(&batch);
        let query = updates[0].callback_query.as_ref().unwrap();
        assert_eq!(
            (
                query.data.as_deref(),
                query.message.as_ref().unwrap().message_id
            ),
            (Some("d"), 4)
        );
        assert_eq!(offset, Some(2));
    }
}
