//! `Engine::step(session, inbound, now) -> Step`: the whole dialog logic, pure and deterministic.
//! A person's mistake (unknown text, a stale button) is an outcome with a kind reply, never an error.

mod booking;
mod numbers;

pub(crate) use booking::staff_date;

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::action::Action;
use super::booking::{DraftStep, Effect, EffectResult};
use super::content::Content;
use super::dialog::{Node, Target};
use super::event::Event;
use super::lang::{self, Lang};
use super::message::{Button, Command, Inbound, InboundKind, Msg, Outbound};
use super::normalize;
use super::schedule::krakow_date;
use super::session::{Screen, Session};
use super::triage::{CrisisLang, Verdict};

pub use numbers::typed_number;

/// Longest deep-link payload Telegram carries.
pub const PAYLOAD_MAX: usize = 64;

/// What one turn produced: the session to save (`None`: delete everything about the person)
/// and what to say, in `lang`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub session: Option<Session>,
    pub out: Vec<Outbound>,
    pub lang: Lang,
    /// Work for the booking store; its result goes to `Engine::resume`.
    pub effect: Option<Effect>,
    /// What the turn did, for the anonymous demand figures.
    pub events: Vec<Event>,
}

/// A deep link: `legal-uk-mops` opens node `legal` in Ukrainian with referral tag `mops`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Payload {
    pub node: String,
    pub lang: Option<Lang>,
    pub tag: Option<String>,
}

impl Payload {
    /// `None` for anything malformed; the caller then starts the normal dialog.
    pub fn parse(payload: &str) -> Option<Payload> {
        if !Payload::well_formed(payload) {
            return None;
        }
        let mut parts = payload.splitn(3, '-');
        // Step ids are lower case; a link typed or printed in capitals (`Legal-UK-MOPS`) is
        // the same link.
        let node = parts.next()?.to_ascii_lowercase();
        // `legal--mops`: a tag, and the person's own language. `legal-ua` (the country's code,
        // as caseworkers often write it) is Ukrainian; any other unknown part makes this no
        // code at all, so typed words ("donate money now") are never read as one.
        let lang = match parts.next() {
            Some("") | None => None,
            Some(code) if code.eq_ignore_ascii_case("ua") => Some(Lang::Uk),
            Some(code) => Some(Lang::from_code(&code.to_ascii_lowercase())?),
        };
        // A tag starts with a letter or digit: `-a1` would read as a formula in a spreadsheet
        // of the figures.
        let tag = parts
            .next()
            .map(str::to_ascii_lowercase)
            .filter(|t| t.starts_with(|c: char| c.is_ascii_alphanumeric()));
        Some(Payload { node, lang, tag })
    }

    /// The step of a well-formed link whose language part is not one (`legal-xx-mops`).
    fn step_only(payload: &str) -> Option<Payload> {
        let (step, _) = payload.split_once('-')?;
        Payload::well_formed(payload).then(|| Payload::parse(step))?
    }

    fn well_formed(payload: &str) -> bool {
        let ok_chars = || {
            payload
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        };
        !payload.is_empty() && payload.len() <= PAYLOAD_MAX && ok_chars()
    }

    pub fn encode(&self) -> String {
        let mut out = self.node.clone();
        if self.lang.is_some() || self.tag.is_some() {
            out.push('-');
            out.push_str(self.lang.map_or("", Lang::code));
        }
        if let Some(tag) = &self.tag {
            out.push('-');
            out.push_str(tag);
        }
        out
    }
}

/// A person's first message where links carry no payload (Matrix): a caseworker's code that
/// names an existing step (`legal-uk-mops`) is a `/start` with it; anything else is text.
pub fn first_message(content: &Content, text: &str) -> Inbound {
    match typed_code(content, text, true) {
        Some(code) => Inbound::new(InboundKind::Start {
            payload: Some(code),
        }),
        None => Inbound::from_text(text),
    }
}

/// The caseworker's code in a typed message, as phones and people type it: capitalised
/// (`Legal-uk-mops`), with spaces for hyphens, or after a greeting ("привіт legal-uk"). Mid-
/// conversation (`first` false) only a code with a language or a tag counts, so a word that
/// happens to be a step's id stays a word.
pub fn typed_code(content: &Content, text: &str, first: bool) -> Option<String> {
    let lower = text.trim().to_lowercase();
    let whole = lower.split_whitespace().collect::<Vec<_>>().join("-");
    let words = lower.split_whitespace().map(|w| {
        w.trim_matches(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
            .to_owned()
    });
    // A step's id alone is a code only as the whole of a first message ("crisis" in "I'm in
    // crisis" is a word).
    // One with both a language and a tag is a caseworker's code even when its step is gone
    // (a card printed before a rename): opened as the link is, saying it is old.
    // A card for a step that is gone counts only written as one word: words glued together
    // ("I am in PL and …") are a sentence, not a card.
    let code = |text: &String, bare: bool, glued: bool| {
        Payload::parse(text).is_some_and(|p| {
            let marked = p.lang.is_some() || p.tag.is_some();
            let card = p.lang.is_some() && p.tag.is_some() && !glued;
            content.dialog.knows(&p.node) && (bare || marked) || card
        })
    };
    if code(&whole, first, lower.split_whitespace().nth(1).is_some()) {
        return Some(whole);
    }
    // A step whose id has `_` typed with a space, as a phone keyboard makes people do
    // ("Legal advice ru mops" for `legal_advice-ru-mops`).
    // A code is a few words at most: a long message is not tried word by word as one.
    let parts: Vec<&str> = lower.split_whitespace().collect();
    let tried = if parts.len() <= CODE_WORDS {
        parts.len()
    } else {
        0
    };
    for joined in 2..tried {
        let typed = format!(
            "{}-{}",
            parts[..joined].join("_"),
            parts[joined..].join("-")
        );
        if code(&typed, false, true) {
            return Some(typed);
        }
    }
    words.into_iter().find(|w| code(w, false, false))
}

/// The most words a code typed with spaces has ("legal advice ru mops" has four).
const CODE_WORDS: usize = 8;

/// Where links carry the step (Telegram), a caseworker's link or code pasted as a message
/// instead of opened ("https://t.me/krok_bot?start=legal_advice-uk-mops", or the code a card
/// prints for Matrix): only a message that is nothing but the link or the code, and only a
/// code naming a step (or a card's, with language and tag). Anything more is words, read
/// for a crisis as every message is.
pub fn pasted_code(content: &Content, text: &str) -> Option<String> {
    let text = text.trim();
    if text.contains(char::is_whitespace) {
        return None;
    }
    let link = ["t.me/", "telegram.me/"]
        .iter()
        .any(|host| text.contains(host));
    let code = match text.split_once("?start=") {
        Some((_, payload)) if link => payload,
        _ => text,
    };
    typed_code(content, code, false).filter(|found| found.eq_ignore_ascii_case(code))
}

/// A caseworker's link or code with words around it ("Мені дали посилання
/// https://t.me/krok_bot?start=legal-uk-mops", "мій код legal uk mops"): its step, unless
/// the words besides it are a crisis or a cry for help, which are answered as every message
/// is (a link's tag, "mops", is no wish for the benefits office either way).
pub fn code_in_words(content: &Content, text: &str) -> Option<String> {
    let linked = text.split_whitespace().find_map(|token| {
        let link = ["t.me/", "telegram.me/"].iter().any(|h| token.contains(h));
        let (_, payload) = token.split_once("?start=").filter(|_| link)?;
        let payload = payload.trim_end_matches(|c: char| !(c.is_alphanumeric() || c == '_'));
        typed_code(content, payload, false).filter(|found| found.eq_ignore_ascii_case(payload))
    });
    let code = linked.or_else(|| typed_code(content, text, false))?;
    (!cry_besides(content, text)).then_some(code)
}

/// Whether the words of a message with a link or code in it are a crisis or a cry for help:
/// then they are answered, not the code.
pub fn cry_besides(content: &Content, text: &str) -> bool {
    // The whole message but the link itself: a code's own words ("legal", "uk", "mops") are
    // no crisis, and a sentence glued into a "code" ("I am in PL and my husband beats me")
    // must still be read for one.
    let besides: Vec<&str> = text
        .split_whitespace()
        .filter(|token| !token.contains("?start="))
        .collect();
    matches!(
        content.triage.classify(&besides.join(" ")),
        super::triage::Verdict::Crisis { .. } | super::triage::Verdict::Intent { urgent: true, .. }
    )
}

#[derive(Clone)]
pub struct Engine {
    content: Arc<Content>,
}

impl Engine {
    pub fn new(content: Arc<Content>) -> Engine {
        Engine { content }
    }

    pub fn content(&self) -> &Content {
        &self.content
    }

    pub fn step(&self, session: Option<Session>, inbound: &Inbound, now: DateTime<Utc>) -> Step {
        let dialog = &self.content.dialog;
        let fresh = session.is_none();
        let last_seen = session.as_ref().map(|s| s.updated_at);
        let mut s = session.unwrap_or_else(|| Session::new(&dialog.start, now.timestamp()));
        // A renamed step (`aliases`) is the same step: people on it carry on.
        for id in std::iter::once(&mut s.node).chain(s.history.iter_mut()) {
            if let Some(node) = dialog.resolve(id).filter(|n| n.id != *id) {
                *id = node.id.clone();
            }
        }
        let gone = dialog.node(&s.node).is_none();
        let moved = gone || stale_booking(&self.content, &s);
        // The content changed under this session (a reload removed its step): back to the
        // last step before it that is still there, else from the start.
        let before = gone
            .then(|| {
                s.history
                    .iter()
                    .rev()
                    .find(|id| *id != &dialog.start && dialog.node(id).is_some())
                    .cloned()
            })
            .flatten();
        if moved {
            s.restart(&dialog.start);
            if let Some(step) = &before {
                s.go(step);
            }
        }
        s.lang = s.lang.or(inbound.hint);
        s.updated_at = now.timestamp();
        let mut turn = Turn::new(&self.content, s, now, inbound.staff);
        turn.shared = inbound.shared;
        turn.elsewhere = inbound.elsewhere;
        turn.first_today = last_seen
            .and_then(|t| DateTime::from_timestamp(t, 0))
            .is_none_or(|t| krakow_date(t) != krakow_date(now));
        let starts = matches!(inbound.kind, InboundKind::Start { .. });
        let edited = matches!(inbound.kind, InboundKind::Edited(_));
        let joined = matches!(inbound.kind, InboundKind::Joined { .. });
        if fresh && !starts && !edited && !joined {
            turn.events.push(Event::Started { tag: None });
        }
        if moved && !starts && turn.s.lang.is_some() {
            turn.say(match before {
                Some(_) => "content-changed-back",
                None => "content-changed",
            });
            let back = match &inbound.kind {
                InboundKind::Command(Command::Back) => true,
                InboundKind::Text(t) => self.content.triage.command(t) == Some(Command::Back),
                _ => false,
            };
            if matches!(inbound.kind, InboundKind::Button(_)) || (back && before.is_some()) {
                // The pressed button belonged to the step that is gone; "back" from it is
                // where the person now is.
                turn.show();
                return turn.finish();
            }
        }
        turn.on_inbound(&inbound.kind);
        turn.finish()
    }

    /// Continues a turn with what the booking store answered to `Step::effect`.
    pub fn resume(&self, session: Session, result: EffectResult, now: DateTime<Utc>) -> Step {
        let mut turn = Turn::new(&self.content, session, now, false);
        turn.on_result(result);
        turn.finish()
    }
}

struct Turn<'a> {
    content: &'a Content,
    s: Session,
    out: Vec<Outbound>,
    now: DateTime<Utc>,
    forget: bool,
    staff: bool,
    effect: Option<Effect>,
    events: Vec<Event>,
    /// This turn's message could not be placed (see `Session::unplaced`).
    unplaced: bool,
    /// This turn's message could not be opened (see `Session::unread`).
    unread: bool,
    /// Written in a chat others read (see `Inbound::shared`).
    shared: bool,
    /// Written in another chat than the person's last message (see `Inbound::elsewhere`).
    elsewhere: bool,
    /// The person's first message of the Kraków day: a `/start` then is a conversation
    /// started in the figures; another one the same day is not a new one.
    first_today: bool,
    /// A caseworker's command (`/day`, `/desk`, `/cancelbooking`): work, not someone's need,
    /// so it starts no conversation in the figures.
    staff_command: bool,
}

impl<'a> Turn<'a> {
    fn new(content: &'a Content, s: Session, now: DateTime<Utc>, staff: bool) -> Turn<'a> {
        Turn {
            content,
            s,
            out: Vec::new(),
            now,
            forget: false,
            unplaced: false,
            unread: false,
            shared: false,
            elsewhere: false,
            first_today: false,
            staff_command: false,
            staff,
            effect: None,
            events: Vec::new(),
        }
    }

    fn finish(mut self) -> Step {
        if self.shared && self.effect.is_some() {
            // A booking (or the list of one's bookings) in a group would show a name, a phone
            // number and later a caseworker's note to everyone in it: only in a private chat.
            self.effect = None;
            self.s.booking = None;
            self.s.screen = Screen::Node;
            self.say_with_buttons("book-private");
        }
        if self.staff_command {
            self.events.retain(|e| !matches!(e, Event::Started { .. }));
        }
        self.s.unread = self.unread;
        self.s.unplaced = match self.unplaced {
            true => self.s.unplaced.saturating_add(1),
            false => 0,
        };
        // Which crisis was answered is kept for the crisis screen only: a kept "self-harm"
        // would say of the person, for as long as they use the bot, what they once wrote.
        if self.s.screen != Screen::Crisis {
            self.s.crisis = None;
        }
        let lang = self.s.lang.unwrap_or(Lang::Uk);
        Step {
            session: (!self.forget).then_some(self.s),
            out: self.out,
            lang,
            effect: self.effect,
            events: self.events,
        }
    }

    fn on_inbound(&mut self, kind: &InboundKind) {
        match kind {
            InboundKind::Start { payload } => self.on_start(payload.as_deref()),
            InboundKind::Command(c) => self.on_command(*c),
            InboundKind::Button(data) => self.on_button(data),
            InboundKind::Text(text) => self.on_text(text),
            InboundKind::NonText { caption } => self.on_non_text(caption.as_deref()),
            InboundKind::Contact(phone) => self.on_contact(phone),
            InboundKind::Edited(text) => self.on_edited(text),
            InboundKind::Joined { handle } => self.on_joined(handle),
        }
    }

    /// A conversation starts (or starts again). The figures count it once a day per person,
    /// and a caseworker's tag when it comes in a link: a person sending `/start` over and over
    /// is one conversation, and a tag kept from last week's link is not a new referral.
    fn on_start(&mut self, payload: Option<&str>) {
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

    fn on_command(&mut self, command: Command) {
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
            // "Дякую" right after the crisis lines: no cheerful "you're welcome", but the line
            // again and that the person may write any time.
            Command::Thanks if self.s.screen == Screen::Crisis => {
                self.say_msg(self.with_crisis_phones("crisis-thanks"));
                self.attach_buttons();
            }
            Command::Thanks | Command::Ok => {
                let id = match command {
                    Command::Thanks => "thanks-reply",
                    _ => "ok-reply",
                };
                if matches!(self.s.screen, Screen::Node | Screen::Crisis) {
                    return self.say_with_buttons(id);
                }
                if self.s.lang.is_some() {
                    self.say(id);
                }
                self.show();
            }
        }
    }

    fn on_button(&mut self, data: &str) {
        match Action::parse(data) {
            Some(action) => self.on_action(&action),
            None => self.stale(),
        }
    }

    fn on_action(&mut self, action: &Action) {
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
    fn option_target(&self, node_id: &str, label: &str) -> Option<Target> {
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
    fn is_crisis_step(&self, id: &str) -> bool {
        self.content.triage.kinds.iter().any(|k| k.step == id)
    }

    fn follow(&mut self, target: Target) {
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
    fn stale(&mut self) {
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
    fn on_non_text(&mut self, caption: Option<&str>) {
        match caption.map(str::trim).filter(|c| !c.is_empty()) {
            Some(caption) => self.on_text(caption),
            None => self.cannot_read(),
        }
    }

    fn cannot_read(&mut self) {
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
    fn on_edited(&mut self, text: &str) {
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
    fn on_contact(&mut self, phone: &str) {
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

    fn on_text(&mut self, text: &str) {
        // A caseworker's command is read as one before triage: the reason after
        // `/cancelbooking CODE` may name an overdose without anyone being in crisis.
        if text.trim_start().starts_with('/') && self.on_staff_text(text) {
            return;
        }
        // An option's number typed in another chat than the last list went to (a second
        // Matrix DM): it was meant for a list this chat does not show, so the list is shown
        // here rather than a choice made on it.
        if self.elsewhere && typed_number(text).is_some() && self.s.lang.is_some() {
            // That list may have been the main menu and the number its 🆘: the crisis lines
            // come with the list shown.
            self.say_msg(self.with_crisis_phones("stale-number"));
            return self.show();
        }
        self.follow_letters(text);
        let verdict = self.content.triage.classify(text);
        // "допоможіть", "pomocy" alone: the menu, with the numbers to call above it (the
        // other cries open steps that show them).
        let cry = matches!(&verdict, Verdict::Intent { urgent: true, goto } if *goto == self.content.dialog.start);
        let intent = match verdict {
            Verdict::Crisis { lang, kind } => return self.crisis(&lang, &kind),
            // "допоможіть" or "мені страшно" where the booking asks for a name or a number
            // is a cry for help, never a name: the crisis lines, the booking kept for later.
            Verdict::Intent { urgent: true, .. } if self.awaiting_input() => {
                return self.crisis(&CrisisLang::of_platform(self.s.lang), "");
            }
            Verdict::Intent { goto, .. } => Some(goto),
            Verdict::None => None,
        };
        if self.s.screen == Screen::CancelAsk && self.on_cancel_answer(text) {
            return;
        }
        // "Zgadzam się", "погоджуюся" typed (Matrix has no buttons) is the agreement asked for.
        if self.consent_asked() && agrees(text) {
            return self.on_action(&Action::Agree);
        }
        // "ні" to "Do you agree?" is a plain no: nothing is booked, nothing kept.
        if self.consent_asked() && refuses(text) {
            return self.on_action(&Action::Drop);
        }
        // "русский" typed where the booking asks for a name is a language, not a name.
        if self.booking_step() == Some(DraftStep::Name)
            && let Some(action) = self.typed_language(text)
        {
            return self.on_action(&action);
        }
        // "😭" after a crisis answer is the same person still in it: the crisis line's
        // people (`not_understood`), not the main menu.
        if cry && self.s.screen == Screen::Crisis && !words_in(text) {
            return self.not_understood(text);
        }
        if let Some(goto) = &intent
            && self.s.lang.is_some()
            && !self.awaiting_input()
        {
            if let Some(action) = self.typed_choice(text) {
                return self.on_action(&action);
            }
            // Right after a crisis answer, an everyday need ("нема грошей на телефоні") is
            // answered, and the emergency number and the crisis line said again first: the
            // crisis has not passed because the words changed.
            if self.s.screen == Screen::Crisis
                && self.content.dialog.node(goto).is_some()
                && !self.content.step_names_emergency(goto)
            {
                self.say_msg(self.with_crisis_phones("crisis-still"));
            } else if cry {
                self.say_msg(self.with_crisis_phones("help-here"));
            }
            self.s.go(goto);
            return self.show();
        }
        // A greeting before any language is chosen is answered in the language it is written in.
        if let Some(command) = self.content.triage.command(text)
            && !(self.s.lang.is_none() && greeting(command))
            && !(command == Command::Ok && self.typed_choice(text).is_some())
        {
            if command == Command::Ok && self.consent_asked() {
                // "так" / "ok" to "Do you agree?" agrees; "зрозуміло" or "k" is no consent to
                // keeping one's name and number: the question is asked again.
                if agrees(text) {
                    return self.on_action(&Action::Agree);
                }
                return self.show();
            }
            if command == Command::Forget && self.s.lang.is_none() {
                // "забудь меня" as a first message: "done" in the language it is written in.
                self.s.lang = lang::detect(text);
            }
            return self.on_command(command);
        }
        // A name or number typed right after a crisis answer that came in the middle of a
        // booking answers the booking's question: the booking waited under the crisis answer.
        if self.s.screen == Screen::Crisis
            && self.answers_booking(text)
            && self
                .typed_choice(text)
                .or_else(|| self.typed_language(text))
                .or_else(|| self.typed_part(text))
                .is_none()
        {
            self.s.screen = Screen::Booking;
        }
        if self.on_booking_text(text) {
            return;
        }
        if let Some(action) = self
            .typed_choice(text)
            .or_else(|| self.typed_language(text))
            .or_else(|| self.typed_part(text))
        {
            return self.on_action(&action);
        }
        if self.s.lang.is_none() {
            return self.first_words(text, intent, cry);
        }
        if self.s.screen == Screen::Language {
            return self.show();
        }
        self.not_understood(text);
    }

    /// Cyrillic written to a bot set to Polish or English by the phone (many newcomers' phones
    /// are): the answers follow the letters, in Ukrainian unless they tell Russian. Ukrainian
    /// written on a phone set to Russian (many from the east write so on purpose), or Russian
    /// on one set to Ukrainian, is answered in the language written, when letters or words
    /// only it has tell it. A language the person picked stays.
    fn follow_letters(&mut self, text: &str) {
        // A name typed at the booking's prompt ("Оля") says nothing about the language wanted.
        let sentence = words_in(text) && !self.awaiting_input();
        if self.s.chose_lang || self.s.lang.is_none() || !sentence {
            return;
        }
        // The letter rules read the text once, for its script and its language.
        let Some(told) = lang::cyrillic_by_words(text) else {
            return self.follow_latin(text);
        };
        match (self.s.lang, told) {
            (Some(Lang::Pl | Lang::En), _) => {
                self.s.lang = Some(lang::detect(text).unwrap_or(Lang::Uk));
            }
            (_, Some(told @ (Lang::Uk | Lang::Ru))) => self.s.lang = Some(told),
            _ => {}
        }
    }

    /// English written to a bot set to Polish by the phone, or Polish (its letters or its
    /// words) to one set to English: the answers follow, from two words on.
    fn follow_latin(&mut self, text: &str) {
        let (by_words, _) = lang::detect_by_rules_weighed(text);
        if let (Some(now @ (Lang::Pl | Lang::En)), Some(told @ (Lang::Pl | Lang::En))) =
            (self.s.lang, by_words)
            && now != told
            && text.split_whitespace().nth(1).is_some()
        {
            self.s.lang = Some(told);
        }
    }

    /// Words typed before any language was chosen: answered in the language they are written
    /// in, at the step they ask for, or with the menu (a greeting) or else the answer to words
    /// not understood, which names the crisis line ("мені страшно" is two words, and no
    /// greeting); the language list when the language cannot be told.
    ///
    /// When the language cannot be told but the need can ("nema de nochuvaty"), the step it
    /// asks for is where the language list leads: the need is not lost to the question.
    fn first_words(&mut self, text: &str, intent: Option<String>, cry: bool) {
        let Some(lang) = words_in(text).then(|| lang::detect(text)).flatten() else {
            if let Some(goto) = &intent {
                self.s.go(goto);
            }
            return self.show();
        };
        self.s.lang = Some(lang);
        self.s.screen = Screen::Node;
        match intent {
            Some(goto) => {
                if cry {
                    self.say_msg(self.with_crisis_phones("help-here"));
                }
                self.s.go(&goto);
                self.show();
            }
            None if self.content.triage.command(text).is_some_and(greeting) => self.show(),
            None => self.not_understood(text),
        }
    }

    /// A language's own name typed at any step ("русский", "Polski"), or another way of
    /// naming it ("укр", "po polsku"), switches to it.
    fn typed_language(&self, text: &str) -> Option<Action> {
        let typed = normalize::for_labels(text);
        let locales = &self.content.locales;
        Lang::ALL
            .into_iter()
            .find(|&l| normalize::for_labels(&locales.lang_name(l)) == typed)
            .or_else(|| lang::named(&typed))
            .map(Action::SetLang)
    }

    /// Typed words Krok cannot place may still come from someone in trouble that triage
    /// missed: the answer names the emergency number and the 24/7 crisis line before the
    /// options. A stray number or symbol gets the short answer.
    fn not_understood(&mut self, text: &str) {
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        if !digits.is_empty() && self.is_crisis_phone(&digits) {
            // "112" typed to the bot: the lines to call, as in a crisis.
            let lang = CrisisLang::of_platform(self.s.lang);
            return self.crisis(&lang, "");
        }
        self.unplaced = true;
        // After a crisis answer, or on a step that shows a crisis line (the 🆘 step asks
        // "what happened?" and gets a story): the words of someone in trouble, never "I don't
        // understand, write «lawyer»".
        let in_crisis = self.s.screen == Screen::Crisis
            || (self.s.screen == Screen::Node
                && self
                    .node()
                    .services
                    .iter()
                    .any(|s| self.content.triage.crisis_services.contains(s)));
        let stray = text
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_punctuation() || c.is_whitespace());
        // "9" under seven options: which numbers there are, not "write its number".
        let count = self.buttons().len();
        if !in_crisis && count > 0 && typed_number(text).is_some_and(|n| n > count || n == 0) {
            let msg = Msg::new("reask-number").arg("count", count.to_string());
            self.say_msg(msg);
            self.attach_buttons();
            return;
        }
        if stray && self.s.unplaced == 0 && !in_crisis {
            self.say_with_buttons("reask");
            return;
        }
        let emergency = self.s.screen == Screen::Crisis
            && self
                .s
                .crisis
                .as_deref()
                .and_then(|k| self.content.triage.kind(k))
                .is_some_and(|k| k.emergency);
        let id = match self.s.unplaced {
            // After an emergency's answer (someone not breathing, a break-in, a child gone):
            // 112 first and what to tell it, never "just say that things are hard".
            n if emergency && n % 2 == 1 => "crisis-reask-emergency-again",
            _ if emergency => "crisis-reask-emergency",
            // After a crisis answer ("я не хочу дзвонити", "😭"): no "I don't understand" and
            // no list of words to type, but that real people answer the line; a second message
            // gets other words (the same twice reads as nobody listening).
            n if in_crisis && n % 2 == 1 => "crisis-reask-again",
            _ if in_crisis => "crisis-reask",
            0 => "reask-typed",
            // The same words again would read as a wall: say how to be understood instead.
            _ => "reask-again",
        };
        self.say_msg(self.with_crisis_phones(id));
        self.attach_buttons();
    }

    /// Whether `digits` are the digits of a crisis service's phone ("112", "48124219282").
    fn is_crisis_phone(&self, digits: &str) -> bool {
        self.crisis_services().flat_map(|s| &s.phones).any(|p| {
            let own: String = p.number.chars().filter(char::is_ascii_digit).collect();
            own == digits || own.strip_prefix("48") == Some(digits)
        })
    }

    /// The services shown with every crisis reply, in order.
    fn crisis_services(&self) -> impl Iterator<Item = &'a crate::core::services::Service> + 'a {
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
    fn with_crisis_phones(&self, id: &'static str) -> Msg {
        with_crisis_phones(self.content, id)
    }

    /// A typed number or button label of the current screen, as the button's data.
    fn typed_choice(&self, text: &str) -> Option<Action> {
        let buttons = self.buttons();
        // A line of the list copied whole ("1. Мені потрібна допомога зараз"): its words
        // name the option, whatever number an older list gave it (one number taken off, once).
        if let Some(words) = numbered_line(text)
            && let Some(action) = self.labelled(&buttons, words)
        {
            return Some(action);
        }
        if let Some(n) = typed_number(text) {
            return n
                .checked_sub(1)
                .and_then(|i| buttons.get(i))
                .map(|b| b.action.clone());
        }
        self.labelled(&buttons, text)
    }

    /// The option whose label (or language code) is `text`, as typed.
    fn labelled(&self, buttons: &[Button], text: &str) -> Option<Action> {
        let typed = normalize::for_labels(text);
        if typed.is_empty() {
            return None;
        }
        let lang = self.s.lang.unwrap_or(Lang::Uk);
        let locales = &self.content.locales;
        buttons
            .iter()
            .find(|b| {
                let label = normalize::for_labels(&locales.text(lang, &b.label));
                let code = matches!(&b.action, Action::SetLang(l) if l.code() == typed);
                label == typed || code
            })
            .map(|b| b.action.clone())
    }

    /// Part of one option's words, as people type on a phone without buttons ("zarezerwuj"
    /// for "📅 Zarezerwuj termin", "później" for "Późniejsze terminy ▶", "16:30" for
    /// "czw., 3 grudnia, 16:30", "тут" for "Тут, у цьому чаті"): the option whose label holds
    /// the typed words whole, or starts a word with them (four letters or more), or begins
    /// with them; only when exactly one option does.
    fn typed_part(&self, text: &str) -> Option<Action> {
        let typed = without_wish(&normalize::for_labels(text));
        let letters = typed.chars().filter(|c| c.is_alphanumeric()).count();
        if letters < 3 {
            return None;
        }
        let lang = self.s.lang?;
        let locales = &self.content.locales;
        let holds = |label: &str| {
            let label = normalize::for_labels(label);
            let words: Vec<&str> = label.split(' ').collect();
            let wanted: Vec<&str> = typed.split(' ').collect();
            let run = words.windows(wanted.len()).any(|w| w == wanted.as_slice());
            let prefix =
                letters >= 4 && wanted.len() == 1 && words.iter().any(|w| w.starts_with(&typed));
            let stem = wanted.len() == 1 && words.iter().any(|w| same_stem(w, &typed));
            run && (letters >= 4 || words.first() == wanted.first()) || prefix || stem
        };
        // Never a choice that lets a booking go or agrees to one ("бронювати" is a word of
        // "✖️ Не бронювати"): those take their whole words, their number or their button.
        // A cancel's own button only asks whether to ("odwołaj" on the list of bookings).
        let weighty =
            |a: &Action| matches!(a, Action::Drop | Action::Agree | Action::CancelSure(_));
        let mut found = self
            .buttons()
            .into_iter()
            .filter(|b| !weighty(&b.action) && holds(&locales.text(lang, &b.label)));
        let first = found.next()?;
        found.next().is_none().then_some(first.action)
    }

    /// The answer to a crisis of `kind`, in the person's language or else the one the
    /// message is written in: the kind's text, its services in order, and buttons to continue,
    /// to the step that helps further, and to the main menu.
    fn crisis(&mut self, lang: &CrisisLang, kind: &str) {
        // A language the person chose wins; until then `s.lang` is the platform's hint or
        // what earlier messages were written in, and the crisis told now is answered in the
        // language it is told in (an English speaker whose phone is set to Polish).
        if !self.s.chose_lang {
            self.s.lang = Some(lang.reply(self.s.lang));
        }
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
        self.say(&text);
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
    fn crisis_buttons(&self) -> Vec<Button> {
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

    fn show(&mut self) {
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
    fn node_text<'n>(&mut self, node: &'n Node) -> &'n str {
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

    fn node(&self) -> &Node {
        let dialog = &self.content.dialog;
        dialog
            .node(&self.s.node)
            .unwrap_or_else(|| dialog.start_node())
    }

    /// The buttons of the current screen, in the order their numbers refer to.
    fn buttons(&self) -> Vec<Button> {
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
                let offered = |c: &&crate::core::dialog::Choice| {
                    !(self.shared && matches!(c.target, Target::Book(_)))
                };
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
    fn on_joined(&mut self, handle: &str) {
        let msg = with_crisis_phones(self.content, "group-welcome").arg("bot", handle.to_owned());
        self.say_msg(msg);
    }

    fn say(&mut self, id: &str) {
        self.out.push(Outbound::text(Msg::new(id.to_owned())));
    }

    fn say_msg(&mut self, msg: Msg) {
        self.out.push(Outbound::text(msg));
    }

    fn say_with_buttons(&mut self, id: &str) {
        if self.s.lang.is_none() {
            return self.show();
        }
        self.say(id);
        self.attach_buttons();
    }

    fn place(&mut self, id: &str) {
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

    fn attach_buttons(&mut self) {
        let buttons = self.buttons();
        if let Some(last) = self.out.last_mut() {
            *last.buttons_mut() = buttons;
        }
    }
}

/// A booking draft of a kind the schedule no longer has.
fn stale_booking(content: &Content, s: &Session) -> bool {
    s.booking
        .as_ref()
        .is_some_and(|d| content.schedule.kind(&d.kind).is_none())
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

/// Words that say yes to keeping one's details for a booking, in the four languages: an
/// "all right" that only says the text was read ("зрозуміло", "understood", "k") is not one.
fn agrees(text: &str) -> bool {
    const AGREE: &[&str] = &[
        "ok",
        "okay",
        "okey",
        "okej",
        "sure",
        "fine",
        "alright",
        "all right",
        "agree",
        "i agree",
        "ок",
        "окей",
        "оке",
        "добре",
        "гаразд",
        "згоден",
        "згодна",
        "погоджуюся",
        "погоджуюсь",
        "хорошо",
        "ладно",
        "согласен",
        "согласна",
        "соглашаюсь",
        "dobrze",
        "zgoda",
        "zgadzam sie",
        "jasne",
        "spoko",
        "dobre",
        "harazd",
        "horosho",
        "soglasen",
        "zgoden",
        "rezerwuje",
        "бронюю",
        "бронирую",
        "book it",
    ];
    const NOT: [&str; 7] = ["не", "ні", "нет", "nie", "not", "no", "don't"];
    let said = normalize::for_labels(text);
    // "так, згодна", "tak, zgadzam się": a yes in front of the agreement.
    let rest = YES
        .iter()
        .find_map(|y| said.strip_prefix(y)?.strip_prefix(' '))
        .unwrap_or(&said);
    // "zgadzam się, rezerwuję", "згодна, дякую": a word or two after it, with no "not".
    let followed = AGREE.iter().any(|a| {
        rest.strip_prefix(a)
            .and_then(|r| r.strip_prefix(' '))
            .is_some_and(|r| r.split(' ').count() <= 2 && !r.split(' ').any(|w| NOT.contains(&w)))
    });
    YES.contains(&said.as_str())
        || AGREE.contains(&rest)
        || followed
        || text.trim().starts_with('👍')
}

/// "Yes" in the four languages, as people answer a question of the bot's: to agree to a
/// booking, or to cancel one when asked whether to.
pub(super) const YES: [&str; 7] = ["так", "да", "tak", "yes", "yep", "ага", "угу"];

/// Two forms of one verb or noun, as a label and a person write it ("zarezerwuj" and
/// "zarezerwować", "консультацію" and "консультація"): the same first six letters or more,
/// and endings of at most four.
fn same_stem(label: &str, typed: &str) -> bool {
    let shared = label
        .chars()
        .zip(typed.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let tail = |w: &str| w.chars().count() - shared;
    shared >= 6 && tail(label) <= 4 && tail(typed) <= 4
}

/// Typed words without the wish in front of them ("хочу записатися" is "записатися"), and
/// Ukrainian's other reflexive ending as a label writes it ("записатись": "записатися").
fn without_wish(typed: &str) -> String {
    const WISHES: [&str; 14] = [
        "я хочу ",
        "хочу ",
        "хотів би ",
        "хотіла б ",
        "хотел бы ",
        "хотела бы ",
        "chce ",
        "chcialbym ",
        "chcialabym ",
        "i want to ",
        "i would like to ",
        "i'd like to ",
        "want to ",
        "please ",
    ];
    // "о 16:30", "at 16:30", "в чаті": the little word before a time or a place, which the
    // label has not ("чт, 3 грудня, 16:30", "Тут, у цьому чаті").
    const BEFORE: [&str; 12] = [
        "о ", "об ", "на ", "в ", "у ", "o ", "na ", "w ", "at ", "around ", "in ", "for ",
    ];
    let rest = WISHES
        .iter()
        .find_map(|w| typed.strip_prefix(w))
        .unwrap_or(typed);
    let rest = BEFORE
        .iter()
        .find_map(|w| rest.strip_prefix(w))
        .unwrap_or(rest);
    rest.split(' ')
        .map(|w| match w.strip_suffix("тись") {
            Some(stem) => format!("{stem}тися"),
            None => w.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// "No" in the four languages, as people answer a question of the bot's.
pub(super) const NO: [&str; 9] = [
    "ні",
    "нi",
    "нет",
    "не",
    "nie",
    "no",
    "nope",
    "не треба",
    "не надо",
];

/// Words that refuse keeping one's details for a booking: a "no", or saying so.
fn refuses(text: &str) -> bool {
    const REFUSE: [&str; 22] = [
        "не хочу",
        "не погоджуюсь",
        "не погоджуюся",
        "не згоден",
        "не згодна",
        "ні дякую",
        "ні, дякую",
        "не согласен",
        "не согласна",
        "не соглашаюсь",
        "нет спасибо",
        "нет, спасибо",
        "nie chce",
        "nie zgadzam sie",
        "nie dziekuje",
        "nie, dziekuje",
        "no thanks",
        "no, thanks",
        "no thank you",
        "i don't agree",
        "i do not agree",
        "i dont agree",
    ];
    let said = normalize::for_labels(text);
    NO.contains(&said.as_str()) || REFUSE.contains(&said.as_str())
}

/// The words of a numbered line ("2. Юридичні питання", "2) Legal"), without its number.
fn numbered_line(text: &str) -> Option<&str> {
    let text = text.trim_start();
    let digits = text.find(|c: char| !c.is_ascii_digit())?;
    let rest = text[digits..].strip_prefix(['.', ')'])?;
    let words = rest.trim_start();
    (digits > 0 && digits <= 2 && words.len() < rest.len() && !words.is_empty()).then_some(words)
}

/// A greeting, thanks or "ok": the menu, never "I did not understand".
fn greeting(command: Command) -> bool {
    matches!(command, Command::Hello | Command::Thanks | Command::Ok)
}

/// Whether a message holds words (two letters or more), not only a number or a symbol.
fn words_in(text: &str) -> bool {
    text.chars().filter(|c| c.is_alphabetic()).nth(1).is_some()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads() {
        let p = Payload::parse("legal-uk-mops").unwrap();
        assert_eq!(
            p,
            Payload {
                node: "legal".into(),
                lang: Some(Lang::Uk),
                tag: Some("mops".into())
            }
        );
        assert_eq!(p.encode(), "legal-uk-mops");
        assert_eq!(Payload::parse("crisis").unwrap().lang, None);
        // Ukraine's code is Ukrainian; any other unknown language is no code.
        assert_eq!(
            Payload::parse("legal-UA-mops").unwrap().lang,
            Some(Lang::Uk)
        );
        assert_eq!(Payload::parse("legal-xx-mops"), None);
        assert_eq!(Payload::parse("donate-money-now"), None);
        assert_eq!(Payload::parse("legal uk"), None);
        assert_eq!(Payload::parse(""), None);
        assert_eq!(Payload::parse(&"a".repeat(65)), None);
        // A tag that would read as a formula in the figures' spreadsheet is no tag.
        assert_eq!(Payload::parse("legal-uk--a1").unwrap().tag, None);
        assert_eq!(
            Payload::parse("legal-uk-m-1").unwrap().tag.as_deref(),
            Some("m-1")
        );
    }
}
