//! Telegram update -> `Inbound`; `Reply` -> Telegram messages (HTML, every dynamic text escaped,
//! options as an inline keyboard on the last message, split at Telegram's 4096 characters).

use serde::{Deserialize, Serialize};

use super::update::{Message, Update, User};
use crate::adapters::escape_html_into;
use crate::app::Reply;
use crate::core::lang::Lang;
use crate::core::message::{Inbound, InboundKind, Outbound};
use crate::store::UserKey;

/// Telegram's longest message text, in characters.
pub const TEXT_MAX: usize = 4096;

/// One queued Telegram message for the outbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TgMsg {
    Text {
        html: String,
        buttons: Vec<(String, String)>,
    },
    /// Removes the keyboard of a message whose button was pressed: queued by versions before
    /// the keyboard was taken away beside the reply, and still sent when found in the queue.
    ClearKeyboard { message_id: i32 },
}

/// What the bot needs from one update.
#[derive(Debug)]
pub struct Incoming {
    pub chat: i64,
    pub user: UserKey,
    pub inbound: Inbound,
    /// The callback query to answer, and the message whose keyboard to clear.
    pub callback: Option<(String, Option<i32>)>,
}

/// `None` for updates the bot does not answer: channel posts, group chatter not addressed to
/// the bot, edits that change no words.
pub fn to_incoming(update: &Update, bot_username: &str) -> Option<Incoming> {
    if let Some(msg) = &update.message {
        return from_message(msg, bot_username);
    }
    if let Some(msg) = &update.edited_message {
        let mut incoming = from_message(msg, bot_username)?;
        let words = match incoming.inbound.kind {
            InboundKind::Text(text) => text,
            InboundKind::NonText {
                caption: Some(caption),
            } => caption,
            _ => return None,
        };
        incoming.inbound.kind = InboundKind::Edited(words);
        return Some(incoming);
    }
    let q = update.callback_query.as_ref()?;
    let (chat, message_id) = q.message.as_ref().map(|m| (m.chat.id, m.message_id))?;
    if chat > 0 && !same_person(chat, q.from.id) {
        return None;
    }
    let hint = q.from.language_code.as_deref().and_then(Lang::from_hint);
    let data = q.data.clone().unwrap_or_default();
    Some(Incoming {
        chat,
        user: user_key(chat, q.from.id, chat > 0),
        inbound: Inbound::new(InboundKind::Button(data))
            .with_hint(hint)
            .in_shared_chat(chat <= 0),
        // In a group the pressed message may be another member's: its buttons stay.
        callback: Some((q.id.clone(), (chat > 0).then_some(message_id))),
    })
}

fn from_message(msg: &Message, bot_username: &str) -> Option<Incoming> {
    let from = msg.from.as_ref().filter(|u| !u.is_bot)?;
    let private = msg.chat.is_private();
    if private && !same_person(msg.chat.id, from.id) {
        return None;
    }
    let hint = from.language_code.as_deref().and_then(Lang::from_hint);
    let inbound = match msg.text.as_deref() {
        _ if !private && adds_bot(msg, bot_username) => Inbound::new(InboundKind::Joined {
            handle: format!("@{bot_username}"),
        }),
        // A command tapped from a menu comes as `/day@krok_bot` in a private chat too.
        Some(text) if private && text.starts_with('/') => {
            Inbound::from_text(&without_mention(text, bot_username).unwrap_or(text.to_owned()))
        }
        Some(text) if private => Inbound::from_text(text),
        Some(text) => Inbound::from_text(&addressed(msg, text, bot_username)?),
        None if !private => return None,
        None => match &msg.contact {
            Some(contact) => Inbound::new(InboundKind::Contact(contact.phone_number.clone())),
            None => Inbound::new(InboundKind::NonText {
                caption: msg.caption.clone(),
            }),
        },
    };
    Some(Incoming {
        chat: msg.chat.id,
        user: user_key(msg.chat.id, from.id, private),
        inbound: inbound.with_hint(hint).in_shared_chat(!private),
        callback: None,
    })
}

/// Whether this group message is the bot being added (or the group created with it).
fn adds_bot(msg: &Message, bot_username: &str) -> bool {
    msg.group_chat_created
        || msg
            .new_chat_members
            .iter()
            .flatten()
            .any(|u| is_bot(u, bot_username))
}

/// Whether `user` is this bot (Telegram's names are compared in any case).
fn is_bot(user: &User, bot_username: &str) -> bool {
    user.is_bot
        && user
            .username
            .as_deref()
            .is_some_and(|n| n.eq_ignore_ascii_case(bot_username))
}

/// In a group, only a message naming the bot (`@krok_bot`, `/start@krok_bot`, in any case, as
/// Telegram's names are) or replying to it is for the bot; the mention is removed.
/// `@krok_bot_fake` names another account.
fn addressed(msg: &Message, text: &str, bot_username: &str) -> Option<String> {
    let reply_to_bot = msg
        .reply_to_message
        .as_ref()
        .and_then(|r| r.from.as_ref())
        .is_some_and(|u| is_bot(u, bot_username));
    match without_mention(text, bot_username) {
        Some(rest) => Some(rest),
        None => reply_to_bot.then(|| text.to_owned()),
    }
}

/// `text` without its mentions of `@name` (a whole name, any case), or `None` if it has none.
fn without_mention(text: &str, name: &str) -> Option<String> {
    let name_char = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut rest = String::with_capacity(text.len());
    let mut found = false;
    let mut at = 0;
    while let Some(offset) = text[at..].find('@') {
        let start = at + offset;
        let end = start + 1 + name.len();
        let named = text
            .get(start + 1..end)
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
            && !text[end..].starts_with(name_char);
        rest.push_str(&text[at..start]);
        if named {
            found = true;
            rest.push(' ');
            at = end;
        } else {
            rest.push('@');
            at = start + 1;
        }
    }
    rest.push_str(&text[at..]);
    found.then(|| rest.trim().to_owned())
}

/// Private chats are the person; in a group each member has their own place in the dialog.
/// A private chat's id is the person's own: an update from someone else in it is not one
/// Telegram sends (a forged one would act on the chat owner's session and bookings).
fn same_person(chat: i64, user: u64) -> bool {
    u64::try_from(chat) == Ok(user)
}

fn user_key(chat: i64, user: u64, private: bool) -> UserKey {
    if private {
        UserKey::new("tg", &chat.to_string())
    } else {
        UserKey::new("tg", &format!("{chat}/{user}"))
    }
}

/// The whole reply as few messages as Telegram allows: one, unless it is longer than 4096
/// characters; a text longer than that alone is split at its paragraphs, lines or spaces,
/// never cut (its end may be the number to call). The service's name is bold; buttons ride
/// on the last message.
pub fn to_messages(reply: &Reply) -> Vec<TgMsg> {
    let mut messages = Vec::new();
    let (mut current, mut current_chars) = (String::new(), 0);
    let mut pieces: Vec<(String, usize)> = Vec::new();
    for (out, rendered) in reply.out.iter().zip(&reply.messages) {
        match out {
            Outbound::Place { .. } => {
                let (name, rest) = rendered
                    .text
                    .split_once('\n')
                    .unwrap_or((&rendered.text, ""));
                let mut html = String::with_capacity(rendered.text.len() + 16);
                html.push_str("<b>");
                escape_html_into(&mut html, name);
                html.push_str("</b>\n");
                escape_html_into(&mut html, rest);
                // Bytes first: counting characters is needed only for a part that may be too long.
                if html.len() > TEXT_MAX {
                    html = truncate_html(&html, TEXT_MAX);
                }
                let chars = rendered.text.chars().count().min(TEXT_MAX);
                pieces.push((html, chars));
            }
            Outbound::Text { .. } => {
                for part in split_text(&rendered.text, TEXT_MAX) {
                    let mut html = String::with_capacity(part.len() + 16);
                    escape_html_into(&mut html, part);
                    pieces.push((html, part.chars().count()));
                }
            }
        }
    }
    for (html, chars) in pieces {
        if current_chars > 0 && current_chars + 2 + chars > TEXT_MAX {
            messages.push(std::mem::take(&mut current));
            current_chars = 0;
        }
        if current_chars > 0 {
            current.push_str("\n\n");
            current_chars += 2;
        }
        if current.is_empty() {
            current = html;
        } else {
            current.push_str(&html);
        }
        current_chars += chars;
    }
    messages.push(current);
    let mut buttons: Vec<(String, String)> = reply
        .messages
        .last()
        .map(|m| {
            m.buttons
                .iter()
                .map(|b| (b.label.clone(), b.data.clone()))
                .collect()
        })
        .unwrap_or_default();
    let last = messages.len() - 1;
    messages
        .into_iter()
        .enumerate()
        .map(|(i, html)| TgMsg::Text {
            html,
            buttons: if i == last {
                std::mem::take(&mut buttons)
            } else {
                Vec::new()
            },
        })
        .collect()
}

/// `text` in parts of at most `max` characters, each ending at a paragraph, else a line,
/// else a space (a word longer than a whole part is cut).
fn split_text(text: &str, max: usize) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = text;
    while rest.chars().count() > max {
        let limit = rest.char_indices().nth(max).map_or(rest.len(), |(i, _)| i);
        let head = &rest[..limit];
        let at = ["\n\n", "\n", " "]
            .iter()
            .find_map(|sep| head.rfind(sep).filter(|&i| i > 0))
            .unwrap_or(limit);
        parts.push(rest[..at].trim_end());
        rest = rest[at..].trim_start();
    }
    if !rest.is_empty() || parts.is_empty() {
        parts.push(rest);
    }
    parts
}

/// A single part longer than a whole message (a service card; never with shipped content) is
/// cut, keeping whole characters and whole entities.
fn truncate_html(html: &str, max_chars: usize) -> String {
    if html.chars().count() <= max_chars {
        return html.to_owned();
    }
    let mut cut: String = html.chars().take(max_chars - 1).collect();
    if let Some(amp) = cut.rfind('&').filter(|&i| !cut[i..].contains(';')) {
        cut.truncate(amp);
    }
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_html() {
        use crate::adapters::escape_html;
        assert_eq!(escape_html("a < b & c > d"), "a &lt; b &amp; c &gt; d");
        assert_eq!(escape_html("\"ж\"&"), "&quot;ж&quot;&amp;");
        assert_eq!(escape_html("нічого"), "нічого");
    }

    #[test]
    fn a_mention_is_the_whole_name_in_any_case() {
        let bot = "krok_bot";
        assert_eq!(
            without_mention("@krok_bot привіт", bot).as_deref(),
            Some("привіт")
        );
        assert_eq!(without_mention("hi @Krok_Bot", bot).as_deref(), Some("hi"));
        assert_eq!(
            without_mention("/start@krok_bot legal-uk", bot).as_deref(),
            Some("/start  legal-uk")
        );
        assert_eq!(without_mention("hello @krok_bot_fake", bot), None);
        assert_eq!(without_mention("mail me@x.pl @krok", bot), None);
        assert_eq!(without_mention("ж@krok_botж", bot).as_deref(), Some("ж ж"));
    }

    #[test]
    fn a_command_tapped_from_the_menu_in_a_private_chat_loses_the_bots_name() {
        let message = serde_json::json!({"update_id": 1, "message": {"message_id": 7,
            "date": 1, "text": "/day@Krok_Bot 3.12",
            "chat": {"id": 42, "type": "private"},
            "from": {"id": 42, "is_bot": false, "first_name": "A"}}});
        let update: Update = serde_json::from_value(message).unwrap();
        let incoming = to_incoming(&update, "krok_bot").unwrap();
        assert_eq!(
            incoming.inbound.kind,
            InboundKind::Text("/day  3.12".to_owned())
        );
    }

    #[test]
    fn a_press_or_message_in_someone_elses_private_chat_is_not_taken() {
        let update = |from: u64, chat: i64, callback: bool| -> Update {
            let message = serde_json::json!({"message_id": 7, "date": 1, "text": "1",
                "chat": {"id": chat, "type": "private"},
                "from": {"id": from, "is_bot": false, "first_name": "A"}});
            let body = match callback {
                true => serde_json::json!({"update_id": 1, "callback_query": {"id": "q",
                    "from": {"id": from, "is_bot": false, "first_name": "A"},
                    "message": message, "data": "x"}}),
                false => serde_json::json!({"update_id": 1, "message": message}),
            };
            serde_json::from_value(body).unwrap()
        };
        for callback in [true, false] {
            assert!(to_incoming(&update(6001, 6001, callback), "krok_bot").is_some());
            assert!(to_incoming(&update(6003, 6001, callback), "krok_bot").is_none());
        }
    }

    #[test]
    fn a_long_text_is_split_at_its_paragraphs_never_cut() {
        let paragraph = "Слово ".repeat(300).trim_end().to_owned();
        let text = format!("{paragraph}\n\n{paragraph}\n\nТелефонуйте 112 & +48 12 421 92 82.");
        let parts = split_text(&text, 4096);
        assert!(parts.len() == 1, "short enough: {}", parts.len());
        let long = format!("{paragraph}\n\n{paragraph}\n\n{paragraph}\n\nТелефонуйте 112.");
        let parts = split_text(&long, 4096);
        assert_eq!(parts.len(), 2);
        assert!(parts.iter().all(|p| p.chars().count() <= 4096));
        assert!(parts[1].ends_with("Телефонуйте 112."));
        assert_eq!(
            parts.concat().len() + 2,
            long.len(),
            "only the break between is dropped"
        );
        let trailing = format!("{}\n\n   ", "ж ".repeat(2048));
        assert!(split_text(&trailing, 4096).iter().all(|p| !p.is_empty()));
        let word = "ж".repeat(5000);
        let parts = split_text(&word, 4096);
        assert_eq!(parts.iter().map(|p| p.chars().count()).sum::<usize>(), 5000);
    }

    #[test]
    fn cuts_without_breaking_entities() {
        let long = "&amp;".repeat(2000);
        let cut = truncate_html(&long, 4096);
        assert!(cut.ends_with(";…") || cut.ends_with('…'));
        assert!(!cut.trim_end_matches('…').ends_with("&am"));
    }
}
