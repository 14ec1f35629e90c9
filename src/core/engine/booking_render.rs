//! A booking's screen: the free times, the question of the step, the list of one's
//! bookings, and their buttons.

use super::Turn;
use crate::core::action::Action;
use crate::core::booking::{DraftStep, SLOTS_PER_PAGE, when_args};
use crate::core::message::{Button, Msg};
use crate::core::session::Screen;

impl Turn<'_> {
    pub(super) fn when_msg(start: i64) -> Msg {
        when_args(start)
            .into_iter()
            .fold(Msg::new("book-when"), |m, (k, v)| m.arg(k, v))
    }

    /// "Thu 3 Dec, 16:00" in the person's language, for messages that name a slot.
    pub(super) fn when(&self, start: i64) -> String {
        self.content
            .locales
            .text(self.lang(), &Self::when_msg(start))
    }

    pub(super) fn kind_name(&self, kind: &str) -> String {
        self.content
            .locales
            .text(self.lang(), &Msg::new(format!("booking-kind-{kind}")))
    }

    pub(super) fn hold_minutes(&self) -> String {
        self.content.schedule.hold_minutes.to_string()
    }

    /// The booking screens: free slots, the questions, or the person's bookings.
    pub(super) fn show_booking(&mut self) {
        if let (Screen::CancelAsk, Some(b)) = (self.s.screen, self.s.listed.first().cloned()) {
            let msg = Msg::new("bookings-cancel-ask")
                .arg("when", self.when(b.start))
                .arg("kind", self.kind_name(&b.kind));
            return self.say_msg(msg);
        }
        if self.s.screen == Screen::Bookings {
            if self.s.listed.is_empty() {
                self.say("bookings-none");
            } else {
                self.say("bookings-list");
                // With the numbers to call at that time: the list is where a person looks
                // for them on the day.
                for b in self.s.listed.clone() {
                    let phones = self.content.duty_phones(&b.kind);
                    let id = match phones.is_empty() {
                        true => "bookings-line",
                        false => "bookings-line-phones",
                    };
                    let msg = Msg::new(id)
                        .arg("when", self.when(b.start))
                        .arg("kind", self.kind_name(&b.kind))
                        .arg("code", b.code)
                        .arg("phones", phones);
                    self.say_msg(msg);
                }
            }
            return;
        }
        let Some(draft) = self.s.booking.clone() else {
            self.s.screen = Screen::Node;
            return self.show();
        };
        match draft.step {
            DraftStep::Slots if draft.offered.is_empty() => {
                self.say_msg(Msg::new("book-none").arg("kind", self.kind_name(&draft.kind)));
                if let Some(service) = self
                    .content
                    .schedule
                    .kind(&draft.kind)
                    .map(|k| k.service.clone())
                {
                    self.place(&service);
                }
            }
            DraftStep::Slots => {
                self.say_msg(Msg::new("book-slots").arg("kind", self.kind_name(&draft.kind)))
            }
            DraftStep::Name => {
                // The minutes left, when the step is shown again (after a crisis answer, say).
                let minutes = draft.until.map_or_else(
                    || self.hold_minutes(),
                    |until| {
                        ((until - self.now.timestamp() + 59) / 60)
                            .max(1)
                            .to_string()
                    },
                );
                let msg = Msg::new("book-held")
                    .arg("when", self.when(draft.start.unwrap_or_default()))
                    .arg("minutes", minutes);
                self.say_msg(msg);
            }
            DraftStep::Contact => self.say("book-contact"),
            DraftStep::Phone => self.say("book-phone"),
            DraftStep::Consent => self.say_msg(
                Msg::new("book-consent").arg("days", self.content.schedule.keep_days.to_string()),
            ),
        }
    }

    pub(super) fn booking_buttons(&self) -> Vec<Button> {
        if let (Screen::CancelAsk, Some(b)) = (self.s.screen, self.s.listed.first()) {
            return vec![
                Button::new(Msg::new("bookings-keep"), Action::Bookings),
                Button::new(
                    Msg::new("bookings-cancel-sure"),
                    Action::CancelSure(b.code.clone()),
                ),
            ];
        }
        if self.s.screen == Screen::Bookings {
            let mut out: Vec<Button> = self
                .s
                .listed
                .iter()
                .map(|b| {
                    Button::new(
                        Msg::new("bookings-cancel").arg("when", self.when(b.start)),
                        Action::Cancel(b.code.clone()),
                    )
                })
                .collect();
            // Looked at in the middle of booking another time ("мої записи" typed there): the
            // way back to it, not only to the main menu.
            if self.s.booking.is_some() && !self.hold_lost() {
                out.push(Button::new(Msg::new("nav-continue"), Action::Here));
            }
            out.push(Button::new(Msg::new("nav-restart"), Action::Restart));
            return out;
        }
        let Some(draft) = &self.s.booking else {
            return Vec::new();
        };
        let drop = Button::new(Msg::new("book-drop"), Action::Drop);
        match draft.step {
            DraftStep::Slots => {
                let mut out: Vec<Button> = draft
                    .offered
                    .iter()
                    .map(|s| Button::new(Self::when_msg(*s), Action::Slot(*s)))
                    .collect();
                // "Later" right under the times on every page, so that its number stays the
                // same (typed "5" twice on Matrix goes on, not back and forth).
                if draft.offered.len() == SLOTS_PER_PAGE {
                    out.push(Button::new(Msg::new("book-later"), Action::Later));
                }
                if !draft.pages.is_empty() {
                    out.push(Button::new(Msg::new("book-earlier"), Action::Earlier));
                }
                out.push(Button::new(Msg::new("nav-back"), Action::Drop));
                out
            }
            DraftStep::Name => vec![drop],
            // Someone without a phone of their own (or who would rather not give it) goes
            // on here in the chat.
            DraftStep::Phone => vec![
                Button::new(Msg::new("book-contact-chat"), Action::ContactChat),
                drop,
            ],
            DraftStep::Contact => vec![
                Button::new(Msg::new("book-contact-chat"), Action::ContactChat),
                Button::new(Msg::new("book-contact-phone"), Action::ContactPhone),
                drop,
            ],
            DraftStep::Consent => vec![Button::new(Msg::new("book-agree"), Action::Agree), drop],
        }
    }
}
