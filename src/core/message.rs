//! What comes in from a person and what goes out to them, free of any platform type.

use std::borrow::Cow;

use super::action::Action;
use super::lang::Lang;
use super::services::OpenStatus;

/// One thing a person did, as an adapter understood it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inbound {
    pub kind: InboundKind,
    /// The platform's idea of the person's language, used when the session has none yet.
    pub hint: Option<Lang>,
    /// A configured caseworker: their commands work; for everyone else they do not exist.
    pub staff: bool,
    /// Written in a chat others read (a Telegram group, a Matrix room of more than two): no
    /// booking there, since its name, number and notices would be read by all.
    pub shared: bool,
    /// Written in another chat than the person's last message (two Matrix DMs with the bot):
    /// a typed option number there may be meant for a list that chat does not show.
    pub elsewhere: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InboundKind {
    /// `/start`, with a deep-link payload such as `legal-uk-mops`.
    Start {
        payload: Option<String>,
    },
    Text(String),
    /// The data of a pressed button (Telegram `callback_data`).
    Button(String),
    Command(Command),
    /// A photo, voice message, sticker, location...; a photo's, video's or document's caption
    /// is triaged like a text.
    NonText {
        caption: Option<String>,
    },
    /// A phone contact shared from the chat app (Telegram's paperclip → Contact): taken as a
    /// typed number where the booking asks for one.
    Contact(String),
    /// The new words of a message the person corrected: read for a crisis only (a typo fixed
    /// in an ordinary message must not get the same answer twice), but a crisis added by
    /// editing is answered.
    Edited(String),
    /// The bot was added to a chat others read (a Telegram group) by the person this is
    /// from: it says there how it answers in a group, where anything personal goes, and the
    /// crisis lines. `handle` is how members address it (`@krok_bot`).
    Joined {
        handle: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Help,
    Back,
    Restart,
    Lang,
    Forget,
    Bookings,
    /// "привіт", "dzień dobry", "hello": shows where the person is.
    Hello,
    /// "дякую", "dziękuję", "thanks": a short "you're welcome" and the options.
    Thanks,
    /// "ок", "так", "dobrze", "ok": a short "all right" and the options. A button's own
    /// words ("Так, погоджуюсь") win over it.
    Ok,
    /// `/myid`: the person's own id, for the caseworkers' list.
    MyId,
}

impl Command {
    pub fn from_name(name: &str) -> Option<Command> {
        Some(match name {
            "help" => Command::Help,
            "back" => Command::Back,
            "restart" | "menu" => Command::Restart,
            "lang" | "language" => Command::Lang,
            "forget" => Command::Forget,
            "bookings" => Command::Bookings,
            "hello" => Command::Hello,
            "thanks" => Command::Thanks,
            "ok" => Command::Ok,
            "myid" => Command::MyId,
            _ => return None,
        })
    }
}

impl Inbound {
    pub fn new(kind: InboundKind) -> Inbound {
        Inbound {
            kind,
            hint: None,
            staff: false,
            shared: false,
            elsewhere: false,
        }
    }

    /// Marks a message written in a chat others read (see `shared`).
    pub fn in_shared_chat(mut self, shared: bool) -> Inbound {
        self.shared = shared;
        self
    }

    pub fn with_hint(mut self, hint: Option<Lang>) -> Inbound {
        self.hint = hint;
        self
    }

    /// A typed line: `/start payload` and the slash commands become their kinds, anything else
    /// (an unknown `/word` too) is text for the dialog to interpret. Only `TEXT_IN_MAX`
    /// characters are read (Telegram sends no more in one message), so that a sender of more
    /// (Matrix allows about 64 KB, a webhook with its secret) does not make every other person
    /// wait while megabytes are read: of a longer message, its beginning and its last
    /// `TAIL_IN` characters, where a long story often says what it is about ("…і я більше не
    /// хочу жити").
    pub fn from_text(text: &str) -> Inbound {
        let read: Cow<'_, str> = match text.char_indices().nth(TEXT_IN_MAX) {
            Some(_) => {
                let head = TEXT_IN_MAX - TAIL_IN - 3;
                let head_end = text.char_indices().nth(head).map_or(0, |(at, _)| at);
                let tail_start = text
                    .char_indices()
                    .rev()
                    .nth(TAIL_IN - 1)
                    .map_or(0, |(at, _)| at);
                Cow::Owned(format!("{} … {}", &text[..head_end], &text[tail_start..]))
            }
            None => Cow::Borrowed(text),
        };
        let text = read.as_ref();
        let trimmed = text.trim();
        let Some(rest) = trimmed.strip_prefix('/') else {
            return Inbound::new(InboundKind::Text(text.to_owned()));
        };
        let mut parts = rest.splitn(2, char::is_whitespace);
        // Telegram appends the bot's name in groups: /start@krok_bot
        let name = parts.next().unwrap_or("").split('@').next().unwrap_or("");
        let arg = parts.next().map(str::trim).filter(|a| !a.is_empty());
        let kind = match name.to_ascii_lowercase().as_str() {
            "start" => InboundKind::Start {
                payload: arg.map(str::to_owned),
            },
            other => match Command::from_name(other) {
                Some(c) => InboundKind::Command(c),
                None => InboundKind::Text(text.to_owned()),
            },
        };
        Inbound::new(kind)
    }
}

/// The most characters of a message that are read (Telegram's longest message).
pub const TEXT_IN_MAX: usize = 4096;

/// Of a longer message, how many of its last characters are read (with its beginning).
pub const TAIL_IN: usize = 1024;

/// A Fluent message id with its arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Msg {
    pub id: Cow<'static, str>,
    pub args: Vec<(&'static str, String)>,
}

impl Msg {
    pub fn new(id: impl Into<Cow<'static, str>>) -> Msg {
        Msg {
            id: id.into(),
            args: Vec::new(),
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<String>) -> Msg {
        self.args.push((name, value.into()));
        self
    }
}

/// A button: what it says and what pressing it does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Button {
    pub label: Msg,
    pub action: Action,
}

impl Button {
    pub fn new(label: Msg, action: Action) -> Button {
        Button { label, action }
    }
}

/// One message to the person. Buttons ride on the last message of a reply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outbound {
    Text {
        msg: Msg,
        buttons: Vec<Button>,
    },
    /// A service card: its details come from the directory, `status` from the clock.
    Place {
        service: String,
        status: OpenStatus,
        /// A phone line with hours of its own answers now, whatever `status` says.
        line_open: bool,
        buttons: Vec<Button>,
    },
}

impl Outbound {
    pub fn text(msg: Msg) -> Outbound {
        Outbound::Text {
            msg,
            buttons: Vec::new(),
        }
    }

    pub fn buttons(&self) -> &[Button] {
        match self {
            Outbound::Text { buttons, .. } | Outbound::Place { buttons, .. } => buttons,
        }
    }

    pub fn buttons_mut(&mut self) -> &mut Vec<Button> {
        match self {
            Outbound::Text { buttons, .. } | Outbound::Place { buttons, .. } => buttons,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn of_a_longer_message_its_beginning_and_its_end_are_read() {
        let long = "я ".repeat(300_000);
        let InboundKind::Text(read) = Inbound::from_text(&long).kind else {
            panic!("text");
        };
        assert_eq!(read.chars().count(), TEXT_IN_MAX);
        // A long story's last words are read too.
        let story = format!(
            "{}і я більше не хочу жити",
            "ми приїхали зі Львова ".repeat(300)
        );
        let InboundKind::Text(read) = Inbound::from_text(&story).kind else {
            panic!("text");
        };
        assert_eq!(read.chars().count(), TEXT_IN_MAX);
        assert!(read.starts_with("ми приїхали") && read.ends_with("не хочу жити"));
        let start = format!("/start {}", "a".repeat(10_000));
        let InboundKind::Start { payload } = Inbound::from_text(&start).kind else {
            panic!("start");
        };
        assert_eq!(
            payload.unwrap().chars().count(),
            TEXT_IN_MAX - "/start ".len()
        );
    }

    #[test]
    fn slash_lines_become_commands() {
        let start = Inbound::from_text("/start legal-uk-mops");
        assert_eq!(
            start.kind,
            InboundKind::Start {
                payload: Some("legal-uk-mops".into())
            }
        );
        assert_eq!(
            Inbound::from_text("/forget@krok_bot").kind,
            InboundKind::Command(Command::Forget)
        );
        assert_eq!(
            Inbound::from_text("/nonsense").kind,
            InboundKind::Text("/nonsense".into())
        );
        assert_eq!(
            Inbound::from_text("hello").kind,
            InboundKind::Text("hello".into())
        );
    }
}
