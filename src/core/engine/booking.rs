//! The booking steps of a turn: choose a slot, give a name and a way to be reached, agree,
//! and the list of one's bookings; plus the caseworkers' commands. Here: where a booking
//! stands and its buttons pressed; `booking_text` reads typed answers and caseworkers'
//! commands, `booking_result` says what the booking store did, `booking_render` shows a
//! booking's screen, `booking_words` holds the words and dates read.

use super::Turn;
use crate::core::action::Action;
use crate::core::booking::{
    Contact, Draft, DraftStep, Effect, EffectResult, valid_name, valid_phone,
};
use crate::core::lang::Lang;
use crate::core::session::Screen;
use crate::core::slot_words::SaidTime;

/// A time named in words at the list of times.
pub(super) enum Named {
    /// The one time on the buttons it names.
    Offered(i64),
    /// None or several of the buttons: looked for among all free times.
    Elsewhere(SaidTime),
}

/// A caseworker's reason for a cancellation, as told to the person, is cut to this length.
pub const REASON_CHARS: usize = 300;

impl Turn<'_> {
    pub(super) fn lang(&self) -> Lang {
        self.s.lang.unwrap_or(Lang::Uk)
    }

    pub(super) fn awaiting_input(&self) -> bool {
        matches!(
            self.booking_step(),
            Some(DraftStep::Name | DraftStep::Phone)
        )
    }

    /// Whether `text` is what the booking under way asks for (a name, a phone number),
    /// wherever the screen is now.
    pub(super) fn answers_booking(&self, text: &str) -> bool {
        match self.s.booking.as_ref().map(|d| d.step) {
            Some(DraftStep::Name) => valid_name(text).is_some(),
            Some(DraftStep::Phone) => valid_phone(text).is_some(),
            _ => false,
        }
    }

    /// The step of the booking on the screen, if one is.
    pub(super) fn booking_step(&self) -> Option<DraftStep> {
        let draft = self
            .s
            .booking
            .as_ref()
            .filter(|_| self.s.screen == Screen::Booking);
        draft.map(|d| d.step)
    }

    pub(super) fn start_booking(&mut self, kind: &str) {
        self.s.booking = Some(Draft::new(kind));
        self.s.screen = Screen::Booking;
        self.effect = Some(Effect::FindSlots {
            kind: kind.to_owned(),
            after: None,
            at: None,
        });
    }

    /// Back out of a booking: a held slot is released.
    pub(super) fn leave_booking(&mut self) {
        match self.s.booking.as_ref().and_then(|d| d.code.clone()) {
            Some(code) => self.effect = Some(Effect::Release { code }),
            None => {
                self.s.booking = None;
                self.s.screen = super::Screen::Node;
                self.show();
            }
        }
    }

    /// Back while booking: one step back (the phone number or the consent to how to reach
    /// them, that to the name), keeping the held slot and what was typed; from the name or the
    /// slots, out of the booking.
    pub(super) fn booking_back(&mut self) {
        let previous = match self.s.booking.as_ref().map(|d| d.step) {
            Some(DraftStep::Phone | DraftStep::Consent) => Some(DraftStep::Contact),
            Some(DraftStep::Contact) => Some(DraftStep::Name),
            _ => None,
        };
        let held = self.s.booking.as_ref().and_then(|d| d.code.clone());
        match (previous, self.s.booking.as_mut()) {
            (Some(step), _) => self.set_step(step),
            // From the name, back to the times: the held one is let go first.
            (None, Some(draft)) if draft.step == DraftStep::Name && held.is_some() => {
                draft.step = DraftStep::Slots;
                self.effect = held.map(|code| Effect::Release { code });
            }
            (None, _) => self.leave_booking(),
        }
    }

    /// Whether the slot held for the draft was let go while the person was away (or its
    /// name and contact were erased with it): the steps after the slot cannot go on.
    pub(super) fn hold_lost(&self) -> bool {
        self.s.booking.as_ref().is_some_and(|d| {
            d.step != DraftStep::Slots
                && (d.code.is_none() || d.until.is_some_and(|u| self.now.timestamp() > u))
        })
    }

    /// A booking button; `false` when `action` is not one.
    pub(super) fn on_booking_action(&mut self, action: &Action) -> bool {
        let draft = self.s.booking.as_ref();
        let step = draft.map(|d| d.step);
        let goes_on = matches!(
            action,
            Action::ContactChat | Action::ContactPhone | Action::Agree
        );
        if goes_on && self.hold_lost() {
            self.on_result(EffectResult::Expired);
            return true;
        }
        match action {
            Action::Bookings => {
                // "No, keep it": said so, and the list shown, not the question again.
                if self.s.screen == Screen::CancelAsk {
                    self.s.screen = Screen::Bookings;
                    self.say("bookings-kept");
                }
                self.effect = Some(Effect::ListMine);
            }
            Action::Drop => self.leave_booking(),
            Action::Later if step == Some(DraftStep::Slots) => {
                if let Some(d) = self.s.booking.as_mut() {
                    d.pages.extend(d.offered.first());
                    self.effect = Some(Effect::FindSlots {
                        kind: d.kind.clone(),
                        after: d.offered.last().copied(),
                        at: None,
                    });
                }
            }
            Action::Earlier if step == Some(DraftStep::Slots) => {
                if let Some(d) = self.s.booking.as_mut() {
                    // From the first slot that page showed (a slot taken since is left out).
                    let first = d.pages.pop();
                    self.effect = Some(Effect::FindSlots {
                        kind: d.kind.clone(),
                        after: first.map(|start| start - 1),
                        at: None,
                    });
                }
            }
            Action::ContactChat if matches!(step, Some(DraftStep::Contact | DraftStep::Phone)) => {
                if let Some(d) = self.s.booking.as_mut() {
                    d.phone = None;
                }
                self.set_step(DraftStep::Consent)
            }
            Action::ContactPhone if step == Some(DraftStep::Contact) => {
                self.set_step(DraftStep::Phone)
            }
            Action::Agree if step == Some(DraftStep::Consent) => {
                match draft.and_then(|d| {
                    let contact = d.phone.clone().map_or(Contact::Chat, Contact::Phone);
                    Some((d.code.clone()?, d.name.clone()?, contact))
                }) {
                    Some((code, name, contact)) => {
                        self.effect = Some(Effect::Confirm {
                            code,
                            name,
                            contact,
                        })
                    }
                    // The hold ran out and the name and contact were erased with it.
                    None => self.on_result(EffectResult::Expired),
                }
            }
            Action::Slot(start) => self.on_slot(*start),
            // A tap on "cancel" (in the list, a reminder, an old message) asks first: a number
            // typed from habit, or a tap meant for the row above, must not cancel. The question
            // is asked once the store confirms the booking is still there (a caseworker may
            // have cancelled it since the list was shown).
            Action::Cancel(code) => {
                if let Some(booking) = self.s.listed.iter().find(|b| b.code == *code).cloned() {
                    self.s.listed = vec![booking];
                    self.s.screen = Screen::CancelAsk;
                }
                self.effect = Some(Effect::ListMine);
            }
            Action::CancelSure(code)
                if self.s.screen == Screen::CancelAsk
                    && self.s.listed.first().is_some_and(|b| b.code == *code) =>
            {
                self.effect = Some(Effect::Cancel { code: code.clone() });
            }
            Action::Book(kind) if self.content.schedule.kind(kind).is_some() => {
                self.start_booking(kind)
            }
            _ => return false,
        }
        true
    }

    pub(super) fn set_step(&mut self, step: DraftStep) {
        if let Some(d) = self.s.booking.as_mut() {
            d.step = step;
        }
        self.show();
    }

    /// Whether the booking waits for the person's agreement to keep their details.
    pub(super) fn consent_asked(&self) -> bool {
        self.booking_step() == Some(DraftStep::Consent)
    }
}
