//! A booking's typed answers: a time named in words, a name, a phone number or "here in the
//! chat", yes or no to a cancel, a corrected message; and the caseworkers' commands.

use super::Turn;
use super::booking::{Named, REASON_CHARS};
use super::booking_words::{contact_words, no_phone, says_cancel, staff_date};
use crate::core::action::Action;
use crate::core::booking::{
    Draft, DraftStep, Effect, EffectResult, shown_phone, valid_name, valid_phone,
};
use crate::core::lang::Lang;
use crate::core::message::Msg;
use crate::core::schedule::{krakow_date, krakow_time};
use crate::core::session::Screen;
use crate::core::slot_words::SaidTime;

impl Turn<'_> {
    /// The time `text` names, by its hour and minute and its day of the month when the text
    /// gives one: the one offered time it is, or else the time to look for among all free ones
    /// (the buttons show only a page of them: "18:30" typed under Thursday's first four).
    pub(super) fn slot_in_words(&self, text: &str) -> Option<Named> {
        let said = crate::core::slot_words::said_time(text)
            .or_else(|| crate::core::slot_words::said_day(text))?;
        let draft = self.s.booking.as_ref()?;
        let mut found = draft.offered.iter().copied().filter(|s| said.fits(*s));
        Some(match (found.next(), found.next()) {
            (Some(one), None) => Named::Offered(one),
            _ => Named::Elsewhere(said),
        })
    }

    /// The free times at a time the person named that is not one of the buttons: one is held
    /// at once, several are offered, none is said before the times shown again.
    pub(super) fn on_said(&mut self, slots: Vec<i64>, at: SaidTime) {
        self.s.screen = Screen::Booking;
        let Some(draft) = self.s.booking.as_mut() else {
            return self.show();
        };
        draft.step = DraftStep::Slots;
        let slots = match (at.clock, at.weekday) {
            // "у четвер": the nearest such day with a free time, not every one.
            (None, Some(_)) => nearest_day(slots),
            _ => slots,
        };
        match slots[..] {
            [] if at.clock.is_none() => {
                self.say("book-day-none");
                self.show();
            }
            [] => {
                let day = if at.day.is_some() { "yes" } else { "no" };
                self.say_msg(
                    Msg::new("book-said-none")
                        .arg("time", at.clock())
                        .arg("day", day),
                );
                self.show();
            }
            [one] => {
                draft.offered = slots;
                self.on_slot(one);
            }
            _ => {
                draft.offered = slots;
                match at.clock {
                    Some(_) => self.say_msg(Msg::new("book-said-several").arg("time", at.clock())),
                    None => self.say("book-day-several"),
                }
                self.show();
            }
        }
    }

    /// One of the offered slots was chosen: hold it; a slot not offered now is a stale button.
    pub(super) fn on_slot(&mut self, start: i64) {
        let offered = self
            .s
            .booking
            .as_mut()
            .filter(|d| d.step == DraftStep::Slots && d.offered.contains(&start));
        match offered {
            Some(draft) => {
                draft.start = Some(start);
                let kind = draft.kind.clone();
                self.effect = Some(Effect::Hold { kind, start });
            }
            None => self.stale(),
        }
    }

    /// A typed answer to "Cancel your consultation on …?": a yes (or the button's verb alone)
    /// cancels, a no keeps it, and a bare "ok" asks again rather than answer "all right" to a
    /// question without acting on it. False for anything else.
    pub(super) fn on_cancel_answer(&mut self, text: &str) -> bool {
        const CANCEL: [&str; 9] = [
            "скасувати",
            "скасуйте",
            "отменить",
            "отмените",
            "odwołaj",
            "odwolaj",
            "anuluj",
            "cancel",
            "cancel it",
        ];
        // As `for_labels` leaves them: no Latin marks, no apostrophes ("don't" is "don t").
        const KEEP: [&str; 23] = [
            "залишити",
            "залиште",
            "залишіть",
            "не скасовуйте",
            "не скасовувати",
            "не треба скасовувати",
            "оставить",
            "оставьте",
            "не отменяйте",
            "не отменять",
            "не надо отменять",
            "zostaw",
            "zostawcie",
            "zostawic",
            "nie odwoluj",
            "nie odwolujcie",
            "nie trzeba",
            "keep",
            "keep it",
            "don t cancel",
            "do not cancel",
            "don t cancel it",
            "do not cancel it",
        ];
        const POLITE: [&str; 5] = ["будь", "ласка", "пожалуйста", "please", "prosze"];
        let said = crate::core::normalize::for_labels(text);
        let Some(code) = self.s.listed.first().map(|b| b.code.clone()) else {
            return false;
        };
        // "да, отмените", "так, скасуйте будь ласка": a yes and the cancel word together.
        let words: Vec<&str> = said.split(' ').filter(|w| !POLITE.contains(w)).collect();
        let yes_cancel = match words.as_slice() {
            [yes, rest @ ..] if super::YES.contains(yes) => {
                CANCEL.contains(&rest.join(" ").as_str())
            }
            _ => false,
        };
        let keep = |said: &str| super::NO.contains(&said) || KEEP.contains(&said);
        // "ні, залиште", "nie, nie odwołuj": a no and the keep words together.
        let no_keep = match words.as_slice() {
            [no, rest @ ..] if super::NO.contains(no) && !rest.is_empty() => keep(&rest.join(" ")),
            _ => false,
        };
        let said = words.join(" ");
        if yes_cancel || super::YES.contains(&said.as_str()) || CANCEL.contains(&said.as_str()) {
            self.on_action(&Action::CancelSure(code));
        } else if no_keep || keep(&said) {
            self.on_action(&Action::Bookings);
        } else if self.content.triage.command(text) == Some(crate::core::message::Command::Ok) {
            self.show();
        } else {
            return false;
        }
        true
    }

    /// A phone number taken: read back ("501 234 567" was taken for a Polish number), then
    /// the consent, which is asked again when the number is typed again before agreeing.
    pub(super) fn take_phone(&mut self, phone: String) {
        self.say_msg(Msg::new("book-phone-read").arg("phone", shown_phone(&phone)));
        if let Some(d) = self.s.booking.as_mut() {
            d.phone = Some(phone);
        }
        self.set_step(DraftStep::Consent);
    }

    /// The hold ran out while the person was typing their name or number (a stressed person
    /// on a phone easily takes the minutes): what they typed is kept (`keep`), and the same
    /// time is held again; if someone took it meanwhile, the times are offered again and the
    /// next one chosen goes on from what was typed (`EffectResult::Held`).
    pub(super) fn hold_again(&mut self, keep: impl FnOnce(&mut Draft)) {
        let Some(d) = self.s.booking.as_mut() else {
            return self.on_result(EffectResult::Expired);
        };
        let Some(start) = d.start else {
            return self.on_result(EffectResult::Expired);
        };
        keep(d);
        d.step = DraftStep::Slots;
        d.code = None;
        d.until = None;
        self.effect = Some(Effect::Hold {
            kind: d.kind.clone(),
            start,
        });
    }

    /// A message corrected by editing while a booking is under way (fixing a typo by editing
    /// is what people do on phones): a phone number replaces the one taken (read back, and
    /// the agreement asked again), a name the name taken (said, and the question asked
    /// again). Anything else is left: an ordinary correction is not answered twice.
    pub(super) fn on_booking_edit(&mut self, text: &str) {
        if self.booking_step().is_none() || self.hold_lost() {
            return;
        }
        let Some(draft) = self.s.booking.as_mut() else {
            return;
        };
        if draft.phone.is_some()
            && let Some(phone) = valid_phone(text)
        {
            return self.take_phone(phone);
        }
        if draft.step != DraftStep::Name
            && draft.name.is_some()
            && valid_phone(text).is_none()
            && let Some(name) = valid_name(text)
        {
            draft.name = Some(name.clone());
            self.say_msg(Msg::new("book-name-corrected").arg("name", name));
            self.show();
        }
    }

    /// A name or phone number typed while the booking asks for it.
    pub(super) fn on_booking_text(&mut self, text: &str) -> bool {
        // "скасуйте запис", "я не зможу прийти" under a list of one booking: that one (asked
        // about before it is cancelled); with several, the person picks on the list.
        if self.s.screen == Screen::Bookings
            && let [only] = self.s.listed.as_slice()
            && says_cancel(text)
        {
            let action = Action::Cancel(only.code.clone());
            self.on_action(&action);
            return true;
        }
        if self.consent_asked() && self.s.booking.as_ref().is_some_and(|d| d.phone.is_some()) {
            // The number read back was wrong: typed again before agreeing, it replaces it.
            let Some(phone) = valid_phone(text) else {
                return false;
            };
            self.take_phone(phone);
            return true;
        }
        // "How can we reach you?" answered with a number: by phone, at that number (a digit
        // alone is an option's number).
        if self.booking_step() == Some(DraftStep::Contact)
            && self.typed_choice(text).is_none()
            && let Some(phone) = valid_phone(text)
        {
            if self.hold_lost() {
                self.hold_again(|d| d.phone = Some(phone));
            } else {
                self.take_phone(phone);
            }
            return true;
        }
        // "How can we reach you?" answered in words ("тут у чаті", "czat", "телефоном").
        if self.booking_step() == Some(DraftStep::Contact)
            && self.typed_choice(text).is_none()
            && let Some(action) = contact_words(text)
        {
            self.on_action(&action);
            return true;
        }
        // A time named in a sentence ("на 17:00 можна?", "3 грудня о 16") at the list of
        // times: the one offered time it names.
        if self.booking_step() == Some(DraftStep::Slots)
            && self.typed_choice(text).is_none()
            && let Some(named) = self.slot_in_words(text)
        {
            match named {
                Named::Offered(start) => self.on_slot(start),
                Named::Elsewhere(at) => {
                    if let Some(d) = &self.s.booking {
                        self.effect = Some(Effect::FindSlots {
                            kind: d.kind.clone(),
                            after: None,
                            at: Some(at),
                        });
                    }
                }
            }
            return true;
        }
        // "у мене немає телефону", "nie mam telefonu" where the number is asked: the chat.
        if self.booking_step() == Some(DraftStep::Phone)
            && valid_phone(text).is_none()
            && no_phone(text)
        {
            self.on_action(&Action::ContactChat);
            return true;
        }
        if !self.awaiting_input() {
            return false;
        }
        if self.hold_lost() {
            let step = self.s.booking.as_ref().map(|d| d.step);
            match (step, valid_name(text), valid_phone(text)) {
                (Some(DraftStep::Name), Some(name), _) => self.hold_again(|d| d.name = Some(name)),
                (Some(DraftStep::Phone), _, Some(phone)) => {
                    self.hold_again(|d| d.phone = Some(phone))
                }
                _ => self.on_result(EffectResult::Expired),
            }
            return true;
        }
        // The prompt's own button, typed by its number or its words ("Не бронювати"), is
        // pressed: no name or phone number is a digit alone or a button's label.
        if let Some(action) = self.typed_choice(text) {
            self.on_action(&action);
            return true;
        }
        let Some(draft) = self.s.booking.as_mut() else {
            return false;
        };
        let refused = match draft.step {
            DraftStep::Name => match valid_name(text) {
                Some(name) => {
                    draft.name = Some(name);
                    self.set_step(DraftStep::Contact);
                    None
                }
                None => Some("book-name-invalid"),
            },
            _ => match valid_phone(text) {
                Some(phone) => {
                    self.take_phone(phone);
                    None
                }
                None => Some("book-phone-invalid"),
            },
        };
        // What is not a name may be someone saying how they are: the refusal names the
        // crisis line.
        if let Some(id) = refused {
            self.say_msg(self.with_crisis_phones(id));
            self.attach_buttons();
        }
        true
    }

    /// `/day 2026-12-03` and `/cancelbooking CODE`, for caseworkers only.
    pub(super) fn on_staff_text(&mut self, text: &str) -> bool {
        if !self.staff {
            return false;
        }
        let mut words = text.split_whitespace();
        let today = krakow_date(self.now);
        // `/DAY` from a phone's keyboard that capitalises the first word is the same command.
        let first = words.next().map(str::to_lowercase);
        match (first.as_deref(), words.next()) {
            (Some("/day"), day) if let Some(date) = staff_date(day, today) => {
                self.effect = Some(Effect::StaffDay { date })
            }
            (Some("/cancelbooking"), Some(code)) => {
                let reason =
                    crate::core::normalize::shown_line(&words.collect::<Vec<_>>().join(" "));
                let long = reason.chars().count();
                if long > REASON_CHARS {
                    // Cut, a note could end in half a phone number: nothing is cancelled, and
                    // the caseworker is told how long it may be.
                    let msg = Msg::new("staff-note-too-long")
                        .arg("count", long.to_string())
                        .arg("max", REASON_CHARS.to_string());
                    self.say_msg(msg);
                } else {
                    self.effect = Some(Effect::StaffCancel {
                        // A code is 8 letters: a mistyped one is shown back, so only its start.
                        code: code
                            .chars()
                            .take(16)
                            .collect::<String>()
                            .to_ascii_uppercase(),
                        reason: (!reason.is_empty()).then_some(reason),
                    })
                }
            }
            (Some("/desk"), None) => self.effect = Some(Effect::DeskLink),
            (Some("/day" | "/cancelbooking" | "/staff" | "/desk"), _) => self.say("staff-help"),
            _ => return false,
        }
        self.staff_command = true;
        // A caseworker whose app gives no language (Matrix) is answered in the language of
        // the note they wrote, else in Polish, as the desk is; not in Ukrainian.
        if self.s.lang.is_none() {
            self.s.lang = Some(crate::core::lang::detect(text).unwrap_or(Lang::Pl));
        }
        true
    }
}

/// The slots of the earliest day among `slots` (in Kraków), in order.
fn nearest_day(mut slots: Vec<i64>) -> Vec<i64> {
    slots.sort_unstable();
    let date = |start: i64| krakow_time(start, "%Y-%m-%d");
    let Some(first) = slots.first().map(|s| date(*s)) else {
        return slots;
    };
    slots.retain(|s| date(*s) == first);
    slots
}
