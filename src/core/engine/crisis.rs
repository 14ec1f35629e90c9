//! The crisis answer: the kind's words and lines in the person's language, its buttons, and
//! the emergency number and 24/7 line that other answers name.

use super::Turn;
use crate::core::action::Action;
use crate::core::content::Content;
use crate::core::event::Event;
use crate::core::message::{Button, Msg};
use crate::core::services::Service;
use crate::core::session::Screen;
use crate::core::triage::CrisisLang;

impl<'a> Turn<'a> {
    /// The answer to a crisis of `kind`, in the person's language or else the one the
    /// message is written in: the kind's text, its services in order, and buttons to continue,
    /// to the step that helps further, and to the main menu.
    pub(super) fn crisis(&mut self, lang: &CrisisLang, kind: &str) {
        // A language the person chose wins; until then `s.lang` is the platform's hint or
        // what earlier messages were written in, and the crisis told now is answered in the
        // language it is told in (an English speaker whose phone is set to Polish).
        if !self.s.chose_lang {
            self.s.lang = Some(lang.reply(self.s.lang));
        }
        // The same crisis told again right after its answer: the same long text again reads
        // as nobody listening; a few words that say someone read it, and the numbers again.
        let again = !self.shared
            && self.s.screen == Screen::Crisis
            && self.s.crisis.as_deref() == Some(kind);
        self.s.screen = Screen::Crisis;
        self.s.crisis = Some(kind.to_owned());
        self.events.push(Event::Crisis);
        let (text, services) = match self.content.triage.kind(kind) {
            Some(k) => {
                // In a group, the kind's own words for it where the content has them.
                let in_group = Some(k.text_in_group())
                    .filter(|id| self.shared && self.content.locales.has(self.lang(), id));
                (
                    in_group.unwrap_or_else(|| k.text.clone()),
                    k.services.clone(),
                )
            }
            None => (
                "crisis-alert".to_owned(),
                self.content.triage.crisis_services.clone(),
            ),
        };
        match again {
            true => self.say_msg(self.with_crisis_phones("crisis-again")),
            false => self.say(&text),
        }
        for id in &services {
            self.place(id);
        }
        // Said in a group of neighbours, it may be easier to go on where nobody else reads.
        if self.shared {
            self.say("crisis-private");
        }
        self.attach_buttons();
    }

    /// The crisis screen's buttons: the kind's step (the help that fits comes first), continue
    /// where I was (only from somewhere past the main menu: "continue" to a greeting after
    /// "I don't want to live" reads as not listening), the main menu.
    pub(super) fn crisis_buttons(&self) -> Vec<Button> {
        let mut out = Vec::new();
        let kind = self
            .s
            .crisis
            .as_deref()
            .and_then(|k| self.content.triage.kind(k));
        if let Some(k) = kind {
            let step = Action::Goto(k.step.clone());
            out.push(Button::new(Msg::new(k.button.clone()), step));
        }
        if self.s.booking.is_some() || self.s.node != self.content.dialog.start {
            out.push(Button::new(Msg::new("nav-continue"), Action::Here));
        }
        out.push(Button::new(Msg::new("nav-restart"), Action::Restart));
        out
    }

    /// Whether `digits` are the digits of a crisis service's phone ("112", "48124219282").
    pub(super) fn is_crisis_phone(&self, digits: &str) -> bool {
        self.crisis_services().flat_map(|s| &s.phones).any(|p| {
            let own: String = p.number.chars().filter(char::is_ascii_digit).collect();
            own == digits || own.strip_prefix("48") == Some(digits)
        })
    }

    /// The services shown with every crisis reply, in order.
    pub(super) fn crisis_services(&self) -> impl Iterator<Item = &'a Service> + 'a {
        let content = self.content;
        content
            .triage
            .crisis_services
            .iter()
            .filter_map(|id| content.services.get(id))
    }

    /// Message `id` with `$emergency` and `$line`: the first phones of the first two
    /// `crisis_services` (the emergency number and the 24/7 crisis line; `krok check` requires
    /// them).
    pub(super) fn with_crisis_phones(&self, id: &'static str) -> Msg {
        with_crisis_phones(self.content, id)
    }
}

/// Message `id` with `$emergency` and `$line`: the first phones of the first two
/// `crisis_services` (the emergency number and the 24/7 crisis line; `krok check` requires
/// them), for texts outside a turn too.
pub fn with_crisis_phones(content: &Content, id: &'static str) -> Msg {
    let mut phones = content
        .triage
        .crisis_services
        .iter()
        .filter_map(|id| content.services.get(id))
        .filter_map(|s| s.phones.first().map(|p| p.number.clone()));
    let emergency = phones.next().unwrap_or_else(|| "112".to_owned());
    let line = phones.next().unwrap_or_else(|| emergency.clone());
    Msg::new(id).arg("emergency", emergency).arg("line", line)
}
