//! What the booking store answered (`EffectResult`): a time held or gone, a booking made,
//! listed or cancelled, a caseworker's day list, told to the person.

use chrono::NaiveDate;

use super::Turn;
use crate::core::booking::{
    BookingRef, Contact, Draft, DraftStep, Effect, EffectResult, StaffLine, shown_phone, when_args,
};
use crate::core::event::Event;
use crate::core::message::Msg;
use crate::core::session::Screen;

impl Turn<'_> {
    pub(super) fn on_result(&mut self, result: EffectResult) {
        match result {
            EffectResult::Said { slots, at } => self.on_said(slots, at),
            EffectResult::Slots { slots, upcoming } => {
                // Booking again with a consultation ahead (forgotten, or meant to move it):
                // said once, as the draft's first times are offered, never on later pages.
                let first = self
                    .s
                    .booking
                    .as_ref()
                    .is_some_and(|d| d.offered.is_empty() && d.code.is_none());
                if let (true, Some(ahead)) = (first, upcoming.iter().min_by_key(|b| b.start)) {
                    let when = self.when(ahead.start);
                    self.say_msg(Msg::new("book-also").arg("when", when));
                }
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
                // Cancelled to move it, from the middle of booking the new time: back to that.
                self.s.screen = match self.s.booking.is_some() && !self.hold_lost() {
                    true => Screen::Booking,
                    false => Screen::Node,
                };
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

    pub(super) fn refind(&mut self) {
        let Some(draft) = self.s.booking.as_mut() else {
            return self.show();
        };
        // The times offered before stay known until the new ones come, so that the times
        // found again are not taken for a new booking's first (see `EffectResult::Slots`).
        let offered = std::mem::take(&mut draft.offered);
        *draft = Draft::new(&draft.kind);
        draft.offered = offered;
        self.effect = Some(Effect::FindSlots {
            kind: draft.kind.clone(),
            after: None,
            at: None,
        });
    }

    pub(super) fn confirmed(&mut self, booking: &BookingRef) {
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

    pub(super) fn staff_day(&mut self, date: NaiveDate, lines: &[StaffLine]) {
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
}
