//! The booking steps of a turn: choose a slot, give a name and a way to be reached, agree,
//! and the list of one's bookings; plus the caseworkers' commands.

use chrono::{Datelike, NaiveDate};

use super::Turn;
use crate::core::action::Action;
use crate::core::booking::{
    BookingRef, Contact, Draft, DraftStep, Effect, EffectResult, SLOTS_PER_PAGE, StaffLine,
    shown_phone, valid_name, valid_phone, when_args,
};
use crate::core::event::Event;
use crate::core::lang::Lang;
use crate::core::message::{Button, Msg};
use crate::core::schedule::krakow_date;
use crate::core::session::Screen;
use crate::core::slot_words::SaidTime;

/// A time named in words at the list of times.
enum Named {
    /// The one time on the buttons it names.
    Offered(i64),
    /// None or several of the buttons: looked for among all free times.
    Elsewhere(SaidTime),
}

/// A caseworker's reason for a cancellation, as told to the person, is cut to this length.
pub const REASON_CHARS: usize = 300;

fn button(label: Msg, action: Action) -> Button {
    Button::new(label, action)
}

/// The day a caseworker's `/day` asks for: none or "today" is today in Kraków, "tomorrow" the
/// next; `2026-12-03`, `3.12`, `03.12.2026` or `3/12` a date (a day and month without a year
/// is the nearest such day, ahead when two are as near).
pub(crate) fn staff_date(word: Option<&str>, today: NaiveDate) -> Option<NaiveDate> {
    let Some(word) = word else {
        return Some(today);
    };
    let word = word.to_lowercase();
    match word.as_str() {
        "today" | "сьогодні" | "сегодня" | "dzis" | "dziś" | "dzisiaj" => {
            return Some(today);
        }
        "tomorrow" | "завтра" | "jutro" => return today.succ_opt(),
        "yesterday" | "вчора" | "вчера" | "wczoraj" => return today.pred_opt(),
        _ => {}
    }
    if let Ok(date) = NaiveDate::parse_from_str(&word, "%Y-%m-%d") {
        return Some(date);
    }
    let parts: Vec<&str> = word.split(['.', '/']).filter(|p| !p.is_empty()).collect();
    let number = |p: &str| p.parse::<u32>().ok();
    match parts.as_slice() {
        [d, m, y] => {
            let y = number(y)?;
            let y = if y < 100 { 2000 + y } else { y };
            NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, number(m)?, number(d)?)
        }
        // The nearest such day, back or ahead: "1.12" on the 2nd of December is yesterday's
        // list (who booked and did not call), "3.1" the coming January.
        [d, m] => {
            let (d, m) = (number(d)?, number(m)?);
            (today.year() - 1..=today.year() + 1)
                .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
                .min_by_key(|date| ((*date - today).num_days().abs(), *date < today))
        }
        _ => None,
    }
}

impl Turn<'_> {
    pub(super) fn lang(&self) -> Lang {
        self.s.lang.unwrap_or(Lang::Uk)
    }

    fn when_msg(start: i64) -> Msg {
        when_args(start)
            .into_iter()
            .fold(Msg::new("book-when"), |m, (k, v)| m.arg(k, v))
    }

    /// "Thu 3 Dec, 16:00" in the person's language, for messages that name a slot.
    fn when(&self, start: i64) -> String {
        self.content
            .locales
            .text(self.lang(), &Self::when_msg(start))
    }

    fn kind_name(&self, kind: &str) -> String {
        self.content
            .locales
            .text(self.lang(), &Msg::new(format!("booking-kind-{kind}")))
    }

    fn hold_minutes(&self) -> String {
        self.content.schedule.hold_minutes.to_string()
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
    fn hold_lost(&self) -> bool {
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

    /// The time `text` names, by its hour and minute and its day of the month when the text
    /// gives one: the one offered time it is, or else the time to look for among all free ones
    /// (the buttons show only a page of them: "18:30" typed under Thursday's first four).
    fn slot_in_words(&self, text: &str) -> Option<Named> {
        let said = crate::core::slot_words::said_time(text)?;
        let draft = self.s.booking.as_ref()?;
        let mut found = draft.offered.iter().copied().filter(|s| said.fits(*s));
        Some(match (found.next(), found.next()) {
            (Some(one), None) => Named::Offered(one),
            _ => Named::Elsewhere(said),
        })
    }

    /// The free times at a time the person named that is not one of the buttons: one is held
    /// at once, several are offered, none is said before the times shown again.
    fn on_said(&mut self, slots: Vec<i64>, at: SaidTime) {
        self.s.screen = Screen::Booking;
        let Some(draft) = self.s.booking.as_mut() else {
            return self.show();
        };
        draft.step = DraftStep::Slots;
        match slots[..] {
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
                self.say_msg(Msg::new("book-said-several").arg("time", at.clock()));
                self.show();
            }
        }
    }

    /// One of the offered slots was chosen: hold it; a slot not offered now is a stale button.
    fn on_slot(&mut self, start: i64) {
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

    fn set_step(&mut self, step: DraftStep) {
        if let Some(d) = self.s.booking.as_mut() {
            d.step = step;
        }
        self.show();
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

    /// Whether the booking waits for the person's agreement to keep their details.
    pub(super) fn consent_asked(&self) -> bool {
        self.booking_step() == Some(DraftStep::Consent)
    }

    /// A phone number taken: read back ("501 234 567" was taken for a Polish number), then
    /// the consent, which is asked again when the number is typed again before agreeing.
    fn take_phone(&mut self, phone: String) {
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
    fn hold_again(&mut self, keep: impl FnOnce(&mut Draft)) {
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

    pub(super) fn on_result(&mut self, result: EffectResult) {
        match result {
            EffectResult::Said { slots, at } => self.on_said(slots, at),
            EffectResult::Slots(slots) => {
                if let Some(d) = self.s.booking.as_mut() {
                    d.offered = slots;
                    d.step = DraftStep::Slots;
                }
                self.s.screen = Screen::Booking;
                self.show();
            }
            EffectResult::Held { code } => {
                let start = self
                    .s
                    .booking
                    .as_ref()
                    .and_then(|d| d.start)
                    .unwrap_or_default();
                let minutes = i64::from(self.content.schedule.hold_minutes);
                let until = self.now.timestamp() + minutes * 60;
                let mut kept = None;
                if let Some(d) = self.s.booking.as_mut() {
                    d.code = Some(code);
                    d.until = Some(until);
                    // A name (and number) typed before the last hold ran out go on.
                    d.step = match (&d.name, &d.phone) {
                        (None, _) => DraftStep::Name,
                        (Some(_), None) => DraftStep::Contact,
                        (Some(_), Some(_)) => DraftStep::Consent,
                    };
                    kept = d.name.clone().map(|name| (name, d.phone.clone()));
                }
                let Some((name, phone)) = kept else {
                    let msg = Msg::new("book-held")
                        .arg("when", self.when(start))
                        .arg("minutes", self.hold_minutes());
                    self.say_msg(msg);
                    return self.attach_buttons();
                };
                let msg = Msg::new("book-held-again")
                    .arg("when", self.when(start))
                    .arg("minutes", self.hold_minutes())
                    .arg("name", name);
                self.say_msg(msg);
                if let Some(phone) = phone {
                    self.say_msg(Msg::new("book-phone-read").arg("phone", shown_phone(&phone)));
                }
                self.show();
            }
            EffectResult::Taken => {
                self.say("book-taken");
                self.refind();
            }
            EffectResult::Expired => {
                self.say_msg(Msg::new("book-expired").arg("minutes", self.hold_minutes()));
                self.refind();
            }
            EffectResult::Confirmed(booking) => self.confirmed(&booking),
            // Let go on the way back from the name to the times (see `booking_back`).
            EffectResult::Released
                if self
                    .s
                    .booking
                    .as_ref()
                    .is_some_and(|d| d.step == DraftStep::Slots && d.code.is_some()) =>
            {
                self.refind()
            }
            EffectResult::Released => {
                self.s.booking = None;
                self.s.screen = Screen::Node;
                self.say("book-dropped");
                self.show();
            }
            EffectResult::Mine(list) => {
                let asked = (self.s.screen == Screen::CancelAsk)
                    .then(|| self.s.listed.first().map(|b| b.code.clone()))
                    .flatten();
                match asked.map(|code| list.iter().find(|b| b.code == code).cloned()) {
                    Some(Some(still)) => self.s.listed = vec![still],
                    gone => {
                        if gone.is_some() {
                            self.say("booking-gone");
                        }
                        self.s.list_bookings(list);
                    }
                }
                self.show();
            }
            EffectResult::Enough(list) => {
                self.say_msg(Msg::new("book-enough").arg("count", list.len().to_string()));
                self.s.booking = None;
                self.s.list_bookings(list);
                self.show();
            }
            EffectResult::Cancelled(found) => {
                match found {
                    Some(b) => {
                        self.events.push(Event::Cancelled(b.kind.clone()));
                        self.say_msg(Msg::new("booking-cancelled").arg("when", self.when(b.start)))
                    }
                    None => self.say("booking-gone"),
                }
                self.s.listed.clear();
                self.s.screen = Screen::Node;
                self.show();
            }
            EffectResult::StaffDay { date, lines } => self.staff_day(date, &lines),
            EffectResult::StaffCancelled {
                code,
                found,
                earlier,
            } => match (found, earlier) {
                (Some(b), _) => {
                    self.events.push(Event::Cancelled(b.kind.clone()));
                    self.say_msg(Msg::new("staff-cancelled").arg("code", b.code))
                }
                // Cancelled twice (by the person meanwhile, or another caseworker): said so,
                // not "no such booking", which would send the caseworker looking for a typo.
                (None, Some((at, by_person))) => {
                    let when = self.when(at);
                    let by = if by_person { "person" } else { "caseworker" };
                    self.say_msg(
                        Msg::new("staff-already-cancelled")
                            .arg("code", code)
                            .arg("when", when)
                            .arg("by", by),
                    )
                }
                (None, None) => self.say_msg(Msg::new("staff-not-found").arg("code", code)),
            },
            EffectResult::DeskLink(Some(link)) => {
                let minutes = (super::super::booking::DESK_LINK_MINUTES).to_string();
                self.say_msg(
                    Msg::new("desk-link")
                        .arg("link", link)
                        .arg("minutes", minutes),
                )
            }
            EffectResult::DeskLink(None) => self.say("desk-off"),
            EffectResult::MyId(id) => self.say_msg(Msg::new("my-id").arg("id", id)),
        }
    }

    fn refind(&mut self) {
        let Some(draft) = self.s.booking.as_mut() else {
            return self.show();
        };
        *draft = Draft::new(&draft.kind);
        self.effect = Some(Effect::FindSlots {
            kind: draft.kind.clone(),
            after: None,
            at: None,
        });
    }

    fn confirmed(&mut self, booking: &BookingRef) {
        self.events.push(Event::Booked(booking.kind.clone()));
        self.s.booking = None;
        self.s.screen = Screen::Node;
        let msg = Msg::new("book-confirmed")
            .arg("when", self.when(booking.start))
            .arg("code", booking.code.clone());
        self.say_msg(msg);
        self.say(&format!("booking-how-{}", booking.kind));
        if let Some(kind) = self.content.schedule.kind(&booking.kind) {
            let service = kind.service.clone();
            self.place(&service);
        }
        self.attach_buttons();
    }

    fn staff_day(&mut self, date: NaiveDate, lines: &[StaffLine]) {
        let header = Msg::new("staff-day")
            .arg("date", date.format("%Y-%m-%d").to_string())
            .arg("count", lines.len().to_string());
        self.say_msg(header);
        for line in lines {
            let time = when_args(line.booking.start)[3].1.clone();
            let contact = match &line.contact {
                Contact::Chat => self
                    .content
                    .locales
                    .text(self.lang(), &Msg::new("staff-contact-chat")),
                // Grouped as the person had it read back, and a link on Matrix.
                Contact::Phone(p) => crate::core::booking::shown_phone(p),
            };
            let msg = Msg::new("staff-line")
                .arg("time", time)
                .arg("kind", self.kind_name(&line.booking.kind))
                .arg("lang", self.content.locales.lang_name(line.lang))
                // Isolated: a name in Hebrew or Arabic letters would otherwise draw the phone
                // number after it into its right-to-left run.
                .arg("name", format!("\u{2068}{}\u{2069}", line.name))
                .arg("contact", contact)
                .arg("code", line.booking.code.clone());
            self.say_msg(msg);
        }
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
                button(Msg::new("bookings-keep"), Action::Bookings),
                button(
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
                    button(
                        Msg::new("bookings-cancel").arg("when", self.when(b.start)),
                        Action::Cancel(b.code.clone()),
                    )
                })
                .collect();
            out.push(button(Msg::new("nav-restart"), Action::Restart));
            return out;
        }
        let Some(draft) = &self.s.booking else {
            return Vec::new();
        };
        let drop = button(Msg::new("book-drop"), Action::Drop);
        match draft.step {
            DraftStep::Slots => {
                let mut out: Vec<Button> = draft
                    .offered
                    .iter()
                    .map(|s| button(Self::when_msg(*s), Action::Slot(*s)))
                    .collect();
                if !draft.pages.is_empty() {
                    out.push(button(Msg::new("book-earlier"), Action::Earlier));
                }
                if draft.offered.len() == SLOTS_PER_PAGE {
                    out.push(button(Msg::new("book-later"), Action::Later));
                }
                out.push(button(Msg::new("nav-back"), Action::Drop));
                out
            }
            DraftStep::Name => vec![drop],
            // Someone without a phone of their own (or who would rather not give it) goes
            // on here in the chat.
            DraftStep::Phone => vec![
                button(Msg::new("book-contact-chat"), Action::ContactChat),
                drop,
            ],
            DraftStep::Contact => vec![
                button(Msg::new("book-contact-chat"), Action::ContactChat),
                button(Msg::new("book-contact-phone"), Action::ContactPhone),
                drop,
            ],
            DraftStep::Consent => vec![button(Msg::new("book-agree"), Action::Agree), drop],
        }
    }
}

/// Words that ask to cancel a booking, or say one cannot come, in the four languages; never
/// when they say not to ("не скасовуйте", "don't cancel"), nor a word that only starts
/// alike ("відмінно", "cancelled my shift").
fn says_cancel(text: &str) -> bool {
    const WORDS: [&str; 22] = [
        "скасуйте",
        "скасувати",
        "скасуй",
        "скасую",
        "скасування",
        "відмініть",
        "відмінити",
        "отмените",
        "отменить",
        "отмени",
        "отменяю",
        "отмена",
        "odwolac",
        "odwolaj",
        "odwolajcie",
        "odwoluje",
        "anuluj",
        "anulowac",
        "anulujcie",
        "rezygnuje",
        "cancel",
        "cancellation",
    ];
    const PHRASES: [&str; 16] = [
        "не зможу прийти",
        "не зможу бути",
        "не зможу подзвонити",
        "не зможу зателефонувати",
        "не смогу прийти",
        "не смогу быть",
        "не смогу позвонить",
        "nie dam rady",
        "nie przyjde",
        "nie moge przyjsc",
        "nie moge zadzwonic",
        "can't come",
        "cannot come",
        "can't make it",
        "won't make it",
        "can't call",
    ];
    const NOT: [&str; 9] = [
        "не скасов",
        "не скасуй",
        "не відмін",
        "не отменя",
        "не отмен",
        "nie odwol",
        "nie anuluj",
        "t cancel",
        "do not cancel",
    ];
    let text = crate::core::normalize::for_patterns(text);
    if NOT.iter().any(|n| text.contains(n)) {
        return false;
    }
    let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).collect();
    WORDS.iter().any(|w| words.contains(w)) || PHRASES.iter().any(|p| text.contains(p))
}

/// Words that answer "How can we reach you?": here in the chat, or by phone; `None` when
/// the words say neither or both.
/// "немає телефону", "нет номера", "nie mam telefonu", "I have no phone": a few words that
/// say there is no number to give.
fn no_phone(text: &str) -> bool {
    let said = crate::core::normalize::for_labels(text);
    let words: Vec<&str> = said.split(' ').collect();
    let no = |w: &&str| {
        matches!(
            *w,
            "не" | "нема"
                | "немає"
                | "немаю"
                | "нет"
                | "без"
                | "nie"
                | "bez"
                | "no"
                | "dont"
                | "don"
        )
    };
    let phone = |w: &&str| {
        [
            "телефон",
            "номер",
            "мобільн",
            "мобильн",
            "telefon",
            "numer",
            "komork",
            "phone",
            "number",
            "mobile",
        ]
        .iter()
        .any(|stem| w.starts_with(stem))
    };
    words.len() <= 7 && words.iter().any(no) && words.iter().any(phone)
}

fn contact_words(text: &str) -> Option<Action> {
    const CHAT: [&str; 16] = [
        "чат",
        "чаті",
        "чате",
        "чату",
        "чатом",
        "тут",
        "здесь",
        "тута",
        "czat",
        "czacie",
        "czatu",
        "tutaj",
        "tu",
        "chat",
        "here",
        "messenger",
    ];
    const PHONE: [&str; 14] = [
        "телефон",
        "телефоном",
        "телефону",
        "по телефону",
        "дзвоніть",
        "звоните",
        "подзвоніть",
        "позвоните",
        "telefon",
        "telefonicznie",
        "zadzwoncie",
        "phone",
        "call",
        "sms",
    ];
    let said = crate::core::normalize::for_labels(text);
    let words: Vec<&str> = said.split(' ').collect();
    // A few words only: "тут у чаті", "przez czat", "by phone please"; a sentence is a
    // name or something else.
    if words.len() > 4 {
        return None;
    }
    // "не дзвоніть", "I have no phone", "nie mam telefonu": not a yes to the phone.
    const NOT: [&str; 12] = [
        "не",
        "ні",
        "нет",
        "нема",
        "немає",
        "без",
        "nie",
        "bez",
        "no",
        "not",
        "don",
        "dont",
    ];
    if words.iter().any(|w| NOT.contains(w)) {
        return None;
    }
    let chat = words.iter().any(|w| CHAT.contains(w));
    let phone = words.iter().any(|w| PHONE.contains(w));
    match (chat, phone) {
        (true, false) => Some(Action::ContactChat),
        (false, true) => Some(Action::ContactPhone),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn cancel_words_are_told_from_look_alikes_and_from_not_cancelling() {
        for yes in [
            "скасуйте мій запис на четвер будь ласка",
            "я не зможу прийти",
            "отмените, пожалуйста",
            "chcę odwołać wizytę",
            "nie dam rady przyjść",
            "please cancel it",
            "I can't make it on Thursday",
        ] {
            assert!(super::says_cancel(yes), "{yes}");
        }
        for no in [
            "Дякую, відмінно!",
            "не скасуйте, я прийду",
            "please don't cancel it",
            "nie odwołuj",
            "I cancelled my work shift",
            "а якщо не вийде додзвонитись?",
            "не отменяйте",
        ] {
            assert!(!super::says_cancel(no), "{no}");
        }
    }

    #[test]
    fn a_day_without_a_year_is_the_nearest_such_day() {
        use chrono::NaiveDate;
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        let today = date(2026, 12, 2).unwrap();
        let day = |typed| super::staff_date(Some(typed), today);
        assert_eq!(day("1.12"), date(2026, 12, 1), "yesterday, not next year");
        assert_eq!(day("3.12"), date(2026, 12, 3));
        assert_eq!(day("2.12"), Some(today));
        assert_eq!(day("3/1"), date(2027, 1, 3), "the coming January");
        assert_eq!(day("15.6"), date(2026, 6, 15), "nearer back than ahead");
        assert_eq!(day("30.2"), None);
        assert_eq!(
            day("2.6"),
            date(2027, 6, 2),
            "half a year: the nearer, ahead"
        );
        let new_year = date(2027, 1, 2).unwrap();
        assert_eq!(
            super::staff_date(Some("31.12"), new_year),
            date(2026, 12, 31),
            "the day before yesterday, across the year"
        );
    }
}
