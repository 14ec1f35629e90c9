//! The booking steps of a turn: choose a slot, give a name and a way to be reached, agree,
//! and the list of one's bookings; plus the caseworkers' commands.

use chrono::NaiveDate;

use super::Turn;
use crate::core::booking::{
    BookingRef, Contact, Draft, DraftStep, Effect, EffectResult, SLOTS_PER_PAGE, StaffLine,
    valid_name, valid_phone, when_args,
};
use crate::core::event::Event;
use crate::core::lang::Lang;
use crate::core::message::{Button, Msg};
use crate::core::session::Screen;

fn button(label: Msg, data: impl Into<String>) -> Button {
    Button {
        label,
        data: data.into(),
    }
}

impl Turn<'_> {
    fn lang(&self) -> Lang {
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
        self.s.screen == Screen::Booking
            && self
                .s
                .booking
                .as_ref()
                .is_some_and(|d| matches!(d.step, DraftStep::Name | DraftStep::Phone))
    }

    pub(super) fn start_booking(&mut self, kind: &str) {
        self.s.booking = Some(Draft::new(kind));
        self.s.screen = Screen::Booking;
        self.effect = Some(Effect::FindSlots {
            kind: kind.to_owned(),
            after: None,
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

    pub(super) fn on_booking_button(&mut self, data: &str) -> bool {
        let draft_step = self.s.booking.as_ref().map(|d| d.step);
        match data {
            "@bookings" => self.effect = Some(Effect::ListMine),
            "@drop" => self.leave_booking(),
            "@later" if draft_step == Some(DraftStep::Slots) => {
                let draft = self.s.booking.as_ref().expect("drafting");
                self.effect = Some(Effect::FindSlots {
                    kind: draft.kind.clone(),
                    after: draft.offered.last().copied(),
                });
            }
            "@contact:chat" if draft_step == Some(DraftStep::Contact) => {
                self.set_step(DraftStep::Consent)
            }
            "@contact:phone" if draft_step == Some(DraftStep::Contact) => {
                self.set_step(DraftStep::Phone)
            }
            "@agree" if draft_step == Some(DraftStep::Consent) => {
                let draft = self.s.booking.as_ref().expect("drafting");
                let contact = draft.phone.clone().map_or(Contact::Chat, Contact::Phone);
                if let (Some(code), Some(name)) = (draft.code.clone(), draft.name.clone()) {
                    self.effect = Some(Effect::Confirm {
                        code,
                        name,
                        contact,
                    });
                }
            }
            _ => {
                if let Some(start) = data
                    .strip_prefix("@slot:")
                    .and_then(|t| t.parse::<i64>().ok())
                {
                    let offered = self
                        .s
                        .booking
                        .as_ref()
                        .filter(|d| d.step == DraftStep::Slots && d.offered.contains(&start));
                    match offered {
                        Some(draft) => {
                            let kind = draft.kind.clone();
                            self.s.booking.as_mut().expect("drafting").start = Some(start);
                            self.effect = Some(Effect::Hold { kind, start });
                        }
                        None => self.stale(),
                    }
                } else if let Some(code) = data.strip_prefix("@cancel:") {
                    self.effect = Some(Effect::Cancel {
                        code: code.to_owned(),
                    });
                } else if let Some(kind) = data
                    .strip_prefix("@book:")
                    .filter(|k| self.content.schedule.kind(k).is_some())
                {
                    self.start_booking(kind);
                } else {
                    return false;
                }
            }
        }
        true
    }

    fn set_step(&mut self, step: DraftStep) {
        if let Some(d) = self.s.booking.as_mut() {
            d.step = step;
        }
        self.show();
    }

    /// A name or phone number typed while the booking asks for it.
    pub(super) fn on_booking_text(&mut self, text: &str) -> bool {
        if !self.awaiting_input() {
            return false;
        }
        let draft = self.s.booking.as_mut().expect("awaiting input");
        match draft.step {
            DraftStep::Name => match valid_name(text) {
                Some(name) => {
                    draft.name = Some(name);
                    self.set_step(DraftStep::Contact);
                }
                None => self.say_with_buttons("book-name-invalid"),
            },
            _ => match valid_phone(text) {
                Some(phone) => {
                    draft.phone = Some(phone);
                    self.set_step(DraftStep::Consent);
                }
                None => self.say_with_buttons("book-phone-invalid"),
            },
        }
        true
    }

    /// `/day 2026-12-03` and `/cancelbooking CODE`, for caseworkers only.
    pub(super) fn on_staff_text(&mut self, text: &str) -> bool {
        if !self.staff {
            return false;
        }
        let mut words = text.split_whitespace();
        match (words.next(), words.next()) {
            (Some("/day"), Some(date))
                if let Ok(date) = NaiveDate::parse_from_str(date, "%Y-%m-%d") =>
            {
                self.effect = Some(Effect::StaffDay { date })
            }
            (Some("/cancelbooking"), Some(code)) => {
                self.effect = Some(Effect::StaffCancel {
                    code: code.to_ascii_uppercase(),
                })
            }
            (Some("/day" | "/cancelbooking" | "/staff"), _) => self.say("staff-help"),
            _ => return false,
        }
        true
    }

    pub(super) fn on_result(&mut self, result: EffectResult) {
        match result {
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
                if let Some(d) = self.s.booking.as_mut() {
                    d.code = Some(code);
                    d.step = DraftStep::Name;
                }
                let msg = Msg::new("book-held")
                    .arg("when", self.when(start))
                    .arg("minutes", self.hold_minutes());
                self.say_msg(msg);
                self.attach_buttons();
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
            EffectResult::Released => {
                self.s.booking = None;
                self.s.screen = Screen::Node;
                self.say("book-dropped");
                self.show();
            }
            EffectResult::Mine(list) => {
                self.s.listed = list;
                self.s.screen = Screen::Bookings;
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
            EffectResult::StaffCancelled(found) => match found {
                Some(b) => {
                    self.events.push(Event::Cancelled(b.kind.clone()));
                    self.say_msg(Msg::new("staff-cancelled").arg("code", b.code))
                }
                None => self.say("staff-not-found"),
            },
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
                Contact::Phone(p) => p.clone(),
            };
            let msg = Msg::new("staff-line")
                .arg("time", time)
                .arg("kind", self.kind_name(&line.booking.kind))
                .arg("name", line.name.clone())
                .arg("contact", contact)
                .arg("code", line.booking.code.clone());
            self.say_msg(msg);
        }
    }

    /// The booking screens: free slots, the questions, or the person's bookings.
    pub(super) fn show_booking(&mut self) {
        if self.s.screen == Screen::Bookings {
            if self.s.listed.is_empty() {
                self.say("bookings-none");
            } else {
                self.say("bookings-list");
                for b in self.s.listed.clone() {
                    let msg = Msg::new("bookings-line")
                        .arg("when", self.when(b.start))
                        .arg("kind", self.kind_name(&b.kind))
                        .arg("code", b.code);
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
                let msg = Msg::new("book-held")
                    .arg("when", self.when(draft.start.unwrap_or_default()))
                    .arg("minutes", self.hold_minutes());
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
        if self.s.screen == Screen::Bookings {
            let mut out: Vec<Button> = self
                .s
                .listed
                .iter()
                .map(|b| {
                    button(
                        Msg::new("bookings-cancel").arg("when", self.when(b.start)),
                        format!("@cancel:{}", b.code),
                    )
                })
                .collect();
            out.push(button(Msg::new("nav-restart"), "@restart"));
            return out;
        }
        let Some(draft) = &self.s.booking else {
            return Vec::new();
        };
        let drop = button(Msg::new("book-drop"), "@drop");
        match draft.step {
            DraftStep::Slots => {
                let mut out: Vec<Button> = draft
                    .offered
                    .iter()
                    .map(|s| button(Self::when_msg(*s), format!("@slot:{s}")))
                    .collect();
                if draft.offered.len() == SLOTS_PER_PAGE {
                    out.push(button(Msg::new("book-later"), "@later"));
                }
                out.push(button(Msg::new("nav-back"), "@drop"));
                out
            }
            DraftStep::Name | DraftStep::Phone => vec![drop],
            DraftStep::Contact => vec![
                button(Msg::new("book-contact-chat"), "@contact:chat"),
                button(Msg::new("book-contact-phone"), "@contact:phone"),
                drop,
            ],
            DraftStep::Consent => vec![button(Msg::new("book-agree"), "@agree"), drop],
        }
    }
}
