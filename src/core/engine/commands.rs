//! What is not typed words: a start (with a caseworker's link), a command, a pressed button,
//! a photo or voice note, a corrected message, a shared contact.

use chrono::DateTime;

use super::Turn;
use super::payload::Payload;
use crate::core::action::Action;
use crate::core::booking::{DraftStep, Effect};
use crate::core::dialog::Target;
use crate::core::event::Event;
use crate::core::message::Command;
use crate::core::schedule::krakow_date;
use crate::core::session::Screen;
use crate::core::triage::Verdict;

impl<'a> Turn<'a> {
    /// A conversation starts (or starts again). The figures count it once a day per person,
    /// and a caseworker's tag when it comes in a link: a person sending `/start` over and over
    /// is one conversation, and a tag kept from last week's link is not a new referral.
    pub(super) fn on_start(&mut self, payload: Option<&str>) {
        self.s.restart(&self.content.dialog.start);
        // A link whose language part is wrong (`legal-xx-mops`) still opens its step: a
        // caseworker's typo must not drop the person at the main menu.
        let link = payload.and_then(|p| Payload::parse(p).or_else(|| Payload::step_only(p)));
        let step = link
            .as_ref()
            .and_then(|l| self.content.dialog.resolve(&l.node))
            .map(|node| node.id.clone());
        let mut referral = None;
        // A printed card whose step was removed since: its language and referral still
        // count, and the person is told why the main menu opens.
        let outdated = link.is_some() && step.is_none();
        if let Some(link) = link {
            if let Some(step) = &step {
                self.s.go(step);
            }
            if !self.s.chose_lang {
                self.s.lang = link.lang.or(self.s.lang);
            }
            let referred_today = self
                .s
                .referred_at
                .and_then(|t| DateTime::from_timestamp(t, 0))
                .is_some_and(|t| krakow_date(t) == krakow_date(self.now));
            referral = link.tag.clone().filter(|_| !referred_today);
            if referral.is_some() {
                self.s.referred_at = Some(self.now.timestamp());
            }
            self.s.tag = link.tag.or(self.s.tag.take());
        }
        if self.first_today || referral.is_some() {
            self.events.push(Event::Started { tag: referral });
        }
        if outdated && self.s.lang.is_some() {
            self.say("link-outdated");
        }
        self.show();
    }

    pub(super) fn on_command(&mut self, command: Command) {
        match command {
            Command::Help if self.s.lang.is_some() => {
                self.say_msg(self.with_crisis_phones("help"));
                self.show();
            }
            Command::Help => self.show(),
            Command::Back if self.s.screen == Screen::Booking => self.booking_back(),
            Command::Bookings => self.effect = Some(Effect::ListMine),
            Command::Back => {
                if !self.s.back() {
                    self.s.restart(&self.content.dialog.start);
                }
                self.show();
            }
            Command::Restart => {
                self.s.restart(&self.content.dialog.start);
                self.show();
            }
            Command::Lang => {
                self.s.screen = Screen::Language;
                self.show();
            }
            // In a group the answer (and the bookings it names) would be read by everyone, and
            // a mis-tapped command there must not delete the person's private bookings.
            Command::Forget if self.shared => self.say_with_buttons("forget-private"),
            Command::Forget => {
                self.forget = true;
                self.say("forgotten");
            }
            // Greeted, the bot greets back (the menu's greeting, not only its question).
            Command::Hello => {
                self.s.greeted_at = None;
                self.show();
            }
            // The id a caseworker gives whoever runs Krok for the caseworkers' list; in a
            // group it would tell everyone, so only in a private chat.
            Command::MyId if self.shared => self.not_understood("/myid"),
            Command::MyId => self.effect = Some(Effect::MyId),
            // "Дякую" or "ок" right after the crisis lines: no cheerful "you're welcome" or
            // "all right, pick an option", but the line again and that the person may write
            // any time.
            Command::Thanks | Command::Ok if self.s.screen == Screen::Crisis => {
                self.say_msg(self.with_crisis_phones("crisis-thanks"));
                self.attach_buttons();
            }
            Command::Thanks | Command::Ok => {
                let id = match command {
                    Command::Thanks => "thanks-reply",
                    _ => "ok-reply",
                };
                if self.s.screen == Screen::Node {
                    return self.say_with_buttons(id);
                }
                if self.s.lang.is_some() {
                    self.say(id);
                }
                self.show();
            }
        }
    }

    pub(super) fn on_button(&mut self, data: &str) {
        match Action::parse(data) {
            Some(action) => self.on_action(&action),
            None => self.stale(),
        }
    }

    pub(super) fn on_action(&mut self, action: &Action) {
        match action {
            Action::Back => self.on_command(Command::Back),
            Action::Restart => self.on_command(Command::Restart),
            Action::Lang => self.on_command(Command::Lang),
            Action::Here => {
                self.s.screen = if self.s.booking.is_some() {
                    Screen::Booking
                } else {
                    Screen::Node
                };
                self.show();
            }
            Action::Goto(node) if self.content.dialog.node(node).is_some() => {
                self.s.go(node);
                self.s.screen = Screen::Node;
                self.show();
            }
            Action::SetLang(lang) => {
                // A greeting in a language the person could not read was no greeting.
                if self.s.lang != Some(*lang) {
                    self.s.greeted_at = None;
                }
                self.s.lang = Some(*lang);
                self.s.chose_lang = true;
                // The step re-shown in the new language is the booking, if one is under way.
                self.s.screen = if self.s.booking.is_some() {
                    Screen::Booking
                } else {
                    Screen::Node
                };
                self.show();
            }
            _ if self.on_booking_action(action) => {}
            Action::Option { node, label } => match self.option_target(node, label) {
                Some(target) => self.follow(target),
                None => self.stale(),
            },
            _ => self.stale(),
        }
    }

    /// The target of a pressed option: one of the step the person is at; or one of an
    /// earlier message whose step and option still exist (a menu answered by typing keeps its
    /// buttons, and 🆘 pressed on it later must open the crisis step), a step or a booking,
    /// not "back" from wherever the person is now. Mid-booking only a way to a crisis step is
    /// taken from an old message: any other pressed by mistake must not let the held time go
    /// without a word.
    pub(super) fn option_target(&self, node_id: &str, label: &str) -> Option<Target> {
        self.s.lang?;
        let node = self.content.dialog.resolve(node_id)?;
        let target = node
            .options
            .iter()
            .find(|c| c.label == label)?
            .target
            .clone();
        if node.id == self.s.node {
            return Some(target);
        }
        let booking = self.s.screen == Screen::Booking && self.s.booking.is_some();
        match &target {
            Target::Node(id) if self.is_crisis_step(id) => Some(target),
            Target::Node(_) | Target::Book(_) if !booking => Some(target),
            _ => None,
        }
    }

    /// Whether `id` is a step a crisis answer leads to (`step` of a crisis kind).
    pub(super) fn is_crisis_step(&self, id: &str) -> bool {
        self.content.triage.kinds.iter().any(|k| k.step == id)
    }

    pub(super) fn follow(&mut self, target: Target) {
        match target {
            Target::Node(id) => {
                self.s.go(&id);
                self.s.screen = Screen::Node;
                self.show();
            }
            Target::Back => self.on_command(Command::Back),
            Target::Restart => self.on_command(Command::Restart),
            Target::Lang => self.on_command(Command::Lang),
            Target::Book(kind) => self.start_booking(&kind),
        }
    }

    /// A button of an earlier step: said so, and the step the person is at shown again. In the
    /// middle of a booking that is the booking's question, the held time kept: an old button
    /// pressed by mistake must not let it go without a word.
    pub(super) fn stale(&mut self) {
        let booking = self.s.screen == Screen::Booking && self.s.booking.is_some();
        if self.s.lang.is_some() && (self.s.screen == Screen::Node || booking) {
            self.say("stale-button");
        }
        if !booking {
            self.s.screen = Screen::Node;
        }
        self.show();
    }

    /// Krok reads only text: a caption is read as a message ("де ночувати" under a photo);
    /// without one, the reply says so and names the crisis lines (a voice message or a
    /// location may be someone who cannot type).
    pub(super) fn on_non_text(&mut self, caption: Option<&str>) {
        match caption.map(str::trim).filter(|c| !c.is_empty()) {
            Some(caption) => self.on_text(caption),
            None => self.cannot_read(),
        }
    }

    pub(super) fn cannot_read(&mut self) {
        if self.s.lang.is_none() {
            return self.show();
        }
        // A voice note, then a sticker, then a location: the whole explanation once, then a
        // short line (with 112 still in it).
        let id = match self.s.unread {
            false => "non-text",
            true => "non-text-again",
        };
        self.unread = true;
        self.unplaced = true;
        self.say_msg(self.with_crisis_phones(id));
        self.attach_buttons();
    }

    /// A corrected message is answered only when the correction is a crisis (see
    /// `InboundKind::Edited`).
    pub(super) fn on_edited(&mut self, text: &str) {
        if let Verdict::Crisis { lang, kind } = self.content.triage.classify(text) {
            return self.crisis(&lang, &kind);
        }
        // The last message was not understood ("юрсит"), and the person fixed the typo by
        // editing it: the corrected words are the answer they wait for.
        if self.s.unplaced > 0 && self.booking_step().is_none() {
            return self.on_text(text);
        }
        self.on_booking_edit(text);
    }

    /// A shared contact where the booking asks how to reach the person is their number.
    pub(super) fn on_contact(&mut self, phone: &str) {
        match self.booking_step() {
            Some(DraftStep::Contact) => {
                if let Some(d) = self.s.booking.as_mut() {
                    d.step = DraftStep::Phone;
                }
                self.on_text(phone)
            }
            Some(DraftStep::Phone | DraftStep::Consent) => self.on_text(phone),
            _ => self.cannot_read(),
        }
    }
}
