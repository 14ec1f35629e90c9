//! A screen's words and buttons: a step with its services and options, the language list, a
//! group's welcome; what a turn says is collected here.

use chrono::DateTime;

use super::Turn;
use super::crisis::with_crisis_phones;
use crate::core::action::Action;
use crate::core::dialog::{Choice, Node, Target};
use crate::core::event::Event;
use crate::core::lang::Lang;
use crate::core::message::{Button, Msg, Outbound};
use crate::core::schedule::krakow_date;
use crate::core::session::Screen;

impl<'a> Turn<'a> {
    pub(super) fn show(&mut self) {
        if self.s.lang.is_none() || self.s.screen == Screen::Language {
            self.s.screen = Screen::Language;
            // Someone who cannot read the options yet still sees where help answers.
            self.say_msg(self.with_crisis_phones("lang-choose"));
        } else if matches!(
            self.s.screen,
            Screen::Booking | Screen::Bookings | Screen::CancelAsk
        ) {
            self.show_booking();
        } else {
            self.s.screen = Screen::Node;
            let node = self.node().clone();
            self.events.push(Event::Node(node.id.clone()));
            let text = self.node_text(&node);
            self.say(text);
            for id in &node.services {
                self.place(id);
            }
        }
        self.attach_buttons();
    }

    /// A step's words: its greeting once a day, then its `again` text (where it has one).
    pub(super) fn node_text<'n>(&mut self, node: &'n Node) -> &'n str {
        let Some(again) = &node.again else {
            return &node.text;
        };
        let today = krakow_date(self.now);
        let greeted = self
            .s
            .greeted_at
            .and_then(|t| DateTime::from_timestamp(t, 0));
        if greeted.is_some_and(|t| krakow_date(t) == today) {
            return again;
        }
        self.s.greeted_at = Some(self.now.timestamp());
        &node.text
    }

    pub(super) fn node(&self) -> &Node {
        let dialog = &self.content.dialog;
        dialog
            .node(&self.s.node)
            .unwrap_or_else(|| dialog.start_node())
    }

    /// The buttons of the current screen, in the order their numbers refer to.
    pub(super) fn buttons(&self) -> Vec<Button> {
        let nav = |id: &'static str, action: Action| Button::new(Msg::new(id), action);
        match self.s.screen {
            _ if self.s.lang.is_none() => language_buttons(),
            Screen::Language => language_buttons(),
            Screen::Crisis => self.crisis_buttons(),
            Screen::Booking | Screen::Bookings | Screen::CancelAsk => self.booking_buttons(),
            Screen::Node => {
                let node = self.node();
                // A booking is for a private chat only: in a group its buttons would only
                // answer so (and a number typed there counts the buttons shown).
                let offered = |c: &&Choice| !(self.shared && matches!(c.target, Target::Book(_)));
                let mut out: Vec<Button> = node
                    .options
                    .iter()
                    .filter(offered)
                    .map(|c| {
                        let action = Action::Option {
                            node: node.id.clone(),
                            label: c.label.clone(),
                        };
                        Button::new(Msg::new(c.label.clone()), action)
                    })
                    .collect();
                // The other need the message named, first, so it is seen.
                if let Some(button) = self.also_button() {
                    out.insert(0, button);
                }
                let books = node
                    .options
                    .iter()
                    .any(|c| matches!(c.target, Target::Book(_)));
                if (books || node.id == self.content.dialog.start) && !self.shared {
                    out.push(nav("nav-bookings", Action::Bookings));
                }
                if node.id != self.content.dialog.start {
                    out.push(nav("nav-back", Action::Back));
                    out.push(nav("nav-restart", Action::Restart));
                }
                out.push(nav("nav-lang", Action::Lang));
                out
            }
        }
    }

    /// Added to a group: how to ask the bot there, that a booking or anything personal is for
    /// a private chat, and the crisis lines (someone there may need them now). The person who
    /// added it gets no list: the group did not ask for one.
    pub(super) fn on_joined(&mut self, handle: &str) {
        let msg = with_crisis_phones(self.content, "group-welcome").arg("bot", handle.to_owned());
        self.say_msg(msg);
    }

    /// The button of the second step a message asked for (`Session::also`), labelled as an
    /// option leading to it is: "Also: 🏥 Health".
    fn also_button(&self) -> Option<Button> {
        let also = self.s.also.as_ref().filter(|a| **a != self.s.node)?;
        let label = self.content.dialog.nodes().find_map(|n| {
            n.options
                .iter()
                .find(|o| o.target == Target::Node(also.clone()))
                .map(|o| o.label.clone())
        })?;
        let step = self.content.locales.text(self.lang(), &Msg::new(label));
        let msg = Msg::new("also-step").arg("step", step);
        Some(Button::new(msg, Action::Goto(also.clone())))
    }

    pub(super) fn say(&mut self, id: &str) {
        self.out.push(Outbound::text(Msg::new(id.to_owned())));
    }

    pub(super) fn say_msg(&mut self, msg: Msg) {
        self.out.push(Outbound::text(msg));
    }

    pub(super) fn say_with_buttons(&mut self, id: &str) {
        if self.s.lang.is_none() {
            return self.show();
        }
        self.say(id);
        self.attach_buttons();
    }

    pub(super) fn place(&mut self, id: &str) {
        if let Some(service) = self.content.services.get(id) {
            self.events.push(Event::Service(id.to_owned()));
            let status = service.status(self.now);
            self.out.push(Outbound::Place {
                service: id.to_owned(),
                status,
                line_open: service.line_open(self.now),
                buttons: Vec::new(),
            });
        }
    }

    pub(super) fn attach_buttons(&mut self) {
        let buttons = self.buttons();
        if let Some(last) = self.out.last_mut() {
            *last.buttons_mut() = buttons;
        }
    }
}

fn language_buttons() -> Vec<Button> {
    Lang::ALL
        .into_iter()
        .map(|l| {
            Button::new(
                Msg::new(format!("lang-name-{}", l.code())),
                Action::SetLang(l),
            )
        })
        .collect()
}
