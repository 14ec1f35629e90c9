//! One person's place in the dialog: the least that works (see design.md, Privacy).

use serde::{Deserialize, Serialize};

use super::booking::{BookingRef, Draft};
use super::lang::Lang;

/// How many steps `/back` can retrace; older ones are dropped.
pub const HISTORY_MAX: usize = 16;

/// What the person is looking at.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Screen {
    #[default]
    Node,
    /// Choosing a language; the node is kept and shown again afterwards.
    Language,
    /// The crisis numbers were just shown; "continue" goes back to the node.
    Crisis,
    /// Booking a consultation (see `booking`).
    Booking,
    /// The person's list of bookings.
    Bookings,
    /// Asking whether to cancel the one booking in `listed`.
    CancelAsk,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub lang: Option<Lang>,
    #[serde(default)]
    pub screen: Screen,
    pub node: String,
    /// Previous nodes, most recent last.
    #[serde(default)]
    pub history: Vec<String>,
    /// Referral tag from a caseworker's link (e.g. `mops`): counted, never tied to a person elsewhere.
    #[serde(default)]
    pub tag: Option<String>,
    /// Unix seconds of the last referral counted for this person: one a day, however many
    /// tagged links they open (fifty made-up tags from one account took the day's tag list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referred_at: Option<i64>,
    /// Unix seconds of the last message, for expiry.
    pub updated_at: i64,
    /// A booking being made; the name and contact in it are what the booking needs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub booking: Option<Draft>,
    /// The bookings the person was last shown, for their cancel buttons.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub listed: Vec<BookingRef>,
    /// The kind of crisis last answered, for the crisis screen's buttons.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crisis: Option<String>,
    /// Messages in a row that Krok could not place: the second gets a different answer, not
    /// the same words again.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub unplaced: u8,
    /// The person picked `lang` themselves (not the phone's language, nor a link's): a link
    /// or the letters of a message do not change it then.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub chose_lang: bool,
    /// The last messages whose buttons the person pressed (a Telegram message id; the
    /// buttons are taken away after a press): another press on one of them is the same tap
    /// twice (a double tap, or a second tap before the buttons went), not a new choice.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pressed: Vec<i32>,
    /// The last message was one Krok cannot open (a voice note, a sticker): the next such
    /// gets a short line, not the whole explanation again.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unread: bool,
    /// Unix seconds of the last greeting (a step's `text` when it has an `again` text): the
    /// same day, coming back to that step does not greet again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub greeted_at: Option<i64>,
    /// A second step the person's message asked for besides the one it opened ("a bed for
    /// tonight and a doctor for my child"): its button stays on that step until they move.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub also: Option<String>,
}

/// How many pressed messages a session remembers.
const PRESSED_MAX: usize = 4;

fn is_zero(n: &u8) -> bool {
    *n == 0
}

impl Session {
    pub fn new(start: &str, now: i64) -> Session {
        Session {
            lang: None,
            screen: Screen::Node,
            node: start.to_owned(),
            history: Vec::new(),
            tag: None,
            referred_at: None,
            updated_at: now,
            booking: None,
            listed: Vec::new(),
            crisis: None,
            unplaced: 0,
            chose_lang: false,
            pressed: Vec::new(),
            unread: false,
            greeted_at: None,
            also: None,
        }
    }

    /// Whether a button of `message` was pressed before (see `pressed`).
    pub fn was_pressed(&self, message: i32) -> bool {
        self.pressed.contains(&message)
    }

    /// Remembers that a button of `message` was pressed.
    pub fn note_press(&mut self, message: i32) {
        if !self.was_pressed(message) {
            self.pressed.push(message);
            if self.pressed.len() > PRESSED_MAX {
                self.pressed.remove(0);
            }
        }
    }

    pub fn go(&mut self, node: &str) {
        if self.node != node {
            self.also = None;
            let previous = std::mem::replace(&mut self.node, node.to_owned());
            self.history.push(previous);
            if self.history.len() > HISTORY_MAX {
                self.history.remove(0);
            }
        }
        self.screen = Screen::Node;
    }

    /// Returns false when there is nowhere to go back to.
    pub fn back(&mut self) -> bool {
        self.screen = Screen::Node;
        match self.history.pop() {
            Some(previous) => {
                self.node = previous;
                self.also = None;
                true
            }
            None => false,
        }
    }

    /// Whether a booking draft holds a name or a contact.
    pub fn has_contact(&self) -> bool {
        self.booking
            .as_ref()
            .is_some_and(|d| d.name.is_some() || d.phone.is_some())
    }

    /// Erases the name and contact of a booking draft whose hold is gone; true if there were.
    pub fn drop_contact(&mut self) -> bool {
        let had = self.has_contact();
        if let Some(d) = self.booking.as_mut() {
            d.name = None;
            d.phone = None;
        }
        had
    }

    /// The person's list of bookings, whose options cancel them one by one.
    pub fn list_bookings(&mut self, listed: Vec<BookingRef>) {
        self.listed = listed;
        self.screen = Screen::Bookings;
    }

    pub fn restart(&mut self, start: &str) {
        self.node = start.to_owned();
        self.also = None;
        self.booking = None;
        self.history.clear();
        self.screen = Screen::Node;
    }
}
