//! `Engine::step(session, inbound, now) -> Step`: the whole dialog logic, pure and deterministic.
//! A person's mistake (unknown text, a stale button) is an outcome with a kind reply, never an error.
//!
//! One turn is a `Turn`, its methods in one file per job: `commands` (a start, a command, a
//! pressed button, what is not text), `text` (typed words: triage, choices typed, words not
//! understood), `crisis` (the crisis answer and its lines), `booking` and `booking_*` (a
//! consultation booked, listed and cancelled in the chat), `render` (a screen's words and buttons). Pure helpers:
//! `payload` (a caseworker's link or code), `words` (yes, no and agreement in four languages),
//! `numbers` (an option's number as people type it).

mod booking;
mod booking_questions;
mod booking_render;
mod booking_result;
mod booking_text;
mod booking_words;
mod commands;
mod crisis;
mod numbers;
mod payload;
mod render;
mod text;
mod words;

pub use booking::REASON_CHARS;
pub(crate) use booking_words::staff_date;
pub use crisis::with_crisis_phones;
pub use numbers::typed_number;
pub use payload::{
    PAYLOAD_MAX, Payload, code_in_words, cry_besides, first_message, pasted_code, typed_code,
};
use words::{NO, YES};

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::booking::{Effect, EffectResult};
use super::content::Content;
use super::event::Event;
use super::lang::Lang;
use super::message::{Command, Inbound, InboundKind, Outbound};
use super::schedule::krakow_date;
use super::session::{Screen, Session};

/// What one turn produced: the session to save (`None`: delete everything about the person)
/// and what to say, in `lang`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub session: Option<Session>,
    pub out: Vec<Outbound>,
    pub lang: Lang,
    /// Work for the booking store; its result goes to `Engine::resume`.
    pub effect: Option<Effect>,
    /// What the turn did, for the anonymous demand figures.
    pub events: Vec<Event>,
}

#[derive(Clone)]
pub struct Engine {
    content: Arc<Content>,
}

impl Engine {
    pub fn new(content: Arc<Content>) -> Engine {
        Engine { content }
    }

    pub fn content(&self) -> &Content {
        &self.content
    }

    pub fn step(&self, session: Option<Session>, inbound: &Inbound, now: DateTime<Utc>) -> Step {
        let dialog = &self.content.dialog;
        let fresh = session.is_none();
        let last_seen = session.as_ref().map(|s| s.updated_at);
        let mut s = session.unwrap_or_else(|| Session::new(&dialog.start, now.timestamp()));
        // A renamed step (`aliases`) is the same step: people on it carry on.
        for id in std::iter::once(&mut s.node).chain(s.history.iter_mut()) {
            if let Some(node) = dialog.resolve(id).filter(|n| n.id != *id) {
                *id = node.id.clone();
            }
        }
        let gone = dialog.node(&s.node).is_none();
        let moved = gone || stale_booking(&self.content, &s);
        // The content changed under this session (a reload removed its step): back to the
        // last step before it that is still there, else from the start.
        let before = gone
            .then(|| {
                s.history
                    .iter()
                    .rev()
                    .find(|id| *id != &dialog.start && dialog.node(id).is_some())
                    .cloned()
            })
            .flatten();
        if moved {
            s.restart(&dialog.start);
            if let Some(step) = &before {
                s.go(step);
            }
        }
        s.lang = s.lang.or(inbound.hint);
        s.updated_at = now.timestamp();
        let mut turn = Turn::new(&self.content, s, now, inbound.staff);
        turn.shared = inbound.shared;
        turn.elsewhere = inbound.elsewhere;
        turn.first_today = last_seen
            .and_then(|t| DateTime::from_timestamp(t, 0))
            .is_none_or(|t| krakow_date(t) != krakow_date(now));
        let starts = matches!(inbound.kind, InboundKind::Start { .. });
        let edited = matches!(inbound.kind, InboundKind::Edited(_));
        let joined = matches!(inbound.kind, InboundKind::Joined { .. });
        if fresh && !starts && !edited && !joined {
            turn.events.push(Event::Started { tag: None });
        }
        if moved && !starts && turn.s.lang.is_some() {
            turn.say(match before {
                Some(_) => "content-changed-back",
                None => "content-changed",
            });
            let back = match &inbound.kind {
                InboundKind::Command(Command::Back) => true,
                InboundKind::Text(t) => self.content.triage.command(t) == Some(Command::Back),
                _ => false,
            };
            if matches!(inbound.kind, InboundKind::Button(_)) || (back && before.is_some()) {
                // The pressed button belonged to the step that is gone; "back" from it is
                // where the person now is.
                turn.show();
                return turn.finish();
            }
        }
        turn.on_inbound(&inbound.kind);
        turn.finish()
    }

    /// Continues a turn with what the booking store answered to `Step::effect`.
    pub fn resume(&self, session: Session, result: EffectResult, now: DateTime<Utc>) -> Step {
        let mut turn = Turn::new(&self.content, session, now, false);
        turn.on_result(result);
        turn.finish()
    }
}

struct Turn<'a> {
    content: &'a Content,
    s: Session,
    out: Vec<Outbound>,
    now: DateTime<Utc>,
    forget: bool,
    staff: bool,
    effect: Option<Effect>,
    events: Vec<Event>,
    /// This turn's message could not be placed (see `Session::unplaced`).
    unplaced: bool,
    /// This turn's message could not be opened (see `Session::unread`).
    unread: bool,
    /// Written in a chat others read (see `Inbound::shared`).
    shared: bool,
    /// Written in another chat than the person's last message (see `Inbound::elsewhere`).
    elsewhere: bool,
    /// The person's first message of the Kraków day: a `/start` then is a conversation
    /// started in the figures; another one the same day is not a new one.
    first_today: bool,
    /// A caseworker's command (`/day`, `/desk`, `/cancelbooking`): work, not someone's need,
    /// so it starts no conversation in the figures.
    staff_command: bool,
}

impl<'a> Turn<'a> {
    fn new(content: &'a Content, s: Session, now: DateTime<Utc>, staff: bool) -> Turn<'a> {
        Turn {
            content,
            s,
            out: Vec::new(),
            now,
            forget: false,
            unplaced: false,
            unread: false,
            shared: false,
            elsewhere: false,
            first_today: false,
            staff_command: false,
            staff,
            effect: None,
            events: Vec::new(),
        }
    }

    fn finish(mut self) -> Step {
        if self.shared && self.effect.is_some() {
            // A booking (or the list of one's bookings) in a group would show a name, a phone
            // number and later a caseworker's note to everyone in it: only in a private chat.
            self.effect = None;
            self.s.booking = None;
            self.s.screen = Screen::Node;
            self.say_with_buttons("book-private");
        }
        if self.staff_command {
            self.events.retain(|e| !matches!(e, Event::Started { .. }));
        }
        self.s.unread = self.unread;
        self.s.unplaced = match self.unplaced {
            true => self.s.unplaced.saturating_add(1),
            false => 0,
        };
        // Which crisis was answered is kept for the crisis screen only: a kept "self-harm"
        // would say of the person, for as long as they use the bot, what they once wrote.
        if self.s.screen != Screen::Crisis {
            self.s.crisis = None;
        }
        let lang = self.s.lang.unwrap_or(Lang::Uk);
        Step {
            session: (!self.forget).then_some(self.s),
            out: self.out,
            lang,
            effect: self.effect,
            events: self.events,
        }
    }

    fn on_inbound(&mut self, kind: &InboundKind) {
        match kind {
            InboundKind::Start { payload } => self.on_start(payload.as_deref()),
            InboundKind::Command(c) => self.on_command(*c),
            InboundKind::Button(data) => self.on_button(data),
            InboundKind::Text(text) => self.on_text(text),
            InboundKind::NonText { caption } => self.on_non_text(caption.as_deref()),
            InboundKind::Contact(phone) => self.on_contact(phone),
            InboundKind::Edited(text) => self.on_edited(text),
            InboundKind::Joined { handle } => self.on_joined(handle),
        }
    }
}

/// A booking draft of a kind the schedule no longer has.
fn stale_booking(content: &Content, s: &Session) -> bool {
    s.booking
        .as_ref()
        .is_some_and(|d| content.schedule.kind(&d.kind).is_none())
}
