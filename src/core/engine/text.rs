//! Typed words: a caseworker's command, triage (a crisis first), an answer to the booking, an
//! option typed by its number or words, the language followed, and what cannot be placed.

use super::Turn;
use super::booking_words::cancels_a_booking;
use super::numbers::typed_number;
use super::words::{agrees, greeting, numbered_line, refuses, same_stem, without_wish, words_in};
use crate::core::action::Action;
use crate::core::booking::DraftStep;
use crate::core::lang::{self, Lang};
use crate::core::message::{Button, Command, Msg};
use crate::core::normalize;
use crate::core::session::Screen;
use crate::core::triage::{CrisisLang, Verdict};

impl<'a> Turn<'a> {
    pub(super) fn on_text(&mut self, text: &str) {
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
        let cry = matches!(&verdict, Verdict::Intent { urgent: true, goto, .. } if *goto == self.content.dialog.start);
        let (intent, also) = match verdict {
            Verdict::Crisis { lang, kind } => return self.crisis(&lang, &kind),
            // "допоможіть" or "мені страшно" where the booking asks for a name or a number
            // is a cry for help, never a name: the crisis lines, the booking kept for later.
            Verdict::Intent { urgent: true, .. } if self.awaiting_input() => {
                return self.crisis(&CrisisLang::of_platform(self.s.lang), "");
            }
            Verdict::Intent { goto, also, .. } => (Some(goto), also),
            Verdict::None => (None, None),
        };
        // English or Polish chosen by mistake, and said so in Cyrillic ("я не розумію
        // англійську", "не понимаю"): the step again in the language written, or the need
        // said with it (a crisis said with it is answered first, above).
        if matches!(self.s.lang, Some(Lang::Pl | Lang::En))
            && !self.awaiting_input()
            && says_not_understood(text)
        {
            self.s.lang = Some(lang::detect(text).unwrap_or(Lang::Uk));
            self.s.greeted_at = None;
            if intent.is_none() {
                return self.show();
            }
        }
        if self.s.screen == Screen::CancelAsk && self.on_cancel_answer(text) {
            return;
        }
        // "Is it free?", "po ukraińsku?" on the way to a consultation: answered, the step kept.
        if self.on_booking_question(text) {
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
            self.open_step(goto, also);
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
            return self.first_words(text, intent, also, cry);
        }
        if self.s.screen == Screen::Language {
            return self.show();
        }
        // A cancel in the person's own words, away from a booking under way: their bookings,
        // each with its cancel button.
        if self.s.screen != Screen::Booking && cancels_a_booking(text) {
            return self.on_command(Command::Bookings);
        }
        self.not_understood(text);
    }

    /// Cyrillic written to a bot set to Polish or English by the phone (many newcomers' phones
    /// are): the answers follow the letters, in Ukrainian unless they tell Russian. Ukrainian
    /// written on a phone set to Russian (many from the east write so on purpose), or Russian
    /// on one set to Ukrainian, is answered in the language written, when letters or words
    /// only it has tell it. A language the person picked stays.
    pub(super) fn follow_letters(&mut self, text: &str) {
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
    pub(super) fn follow_latin(&mut self, text: &str) {
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
    pub(super) fn first_words(
        &mut self,
        text: &str,
        intent: Option<String>,
        also: Option<String>,
        cry: bool,
    ) {
        let Some(lang) = words_in(text).then(|| lang::detect(text)).flatten() else {
            if let Some(goto) = &intent {
                self.open_step(goto, also);
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
                self.open_step(&goto, also);
                self.show();
            }
            None if self.content.triage.command(text).is_some_and(greeting) => self.show(),
            None => self.not_understood(text),
        }
    }

    /// A language's own name typed at any step ("русский", "Polski"), or another way of
    /// naming it ("укр", "po polsku"), switches to it.
    pub(super) fn typed_language(&self, text: &str) -> Option<Action> {
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
    pub(super) fn not_understood(&mut self, text: &str) {
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        if !digits.is_empty() && self.is_crisis_phone(&digits) {
            // "112" typed to the bot: the lines to call, as in a crisis.
            let lang = CrisisLang::of_platform(self.s.lang);
            return self.crisis(&lang, "");
        }
        self.unplaced = true;
        // After a crisis answer, or on a crisis step (the 🆘 step asks "what happened?" and
        // gets a story): the words of someone in trouble, never "I don't understand, write
        // «lawyer»".
        let in_crisis = self.s.screen == Screen::Crisis
            || (self.s.screen == Screen::Node && self.crisis_step(&self.s.node));
        let stray = text
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_punctuation() || c.is_whitespace());
        // "9" under seven options: which numbers there are, not "write its number".
        let count = self.buttons().len();
        // Also on a step that shows a crisis line (housing, "I cannot speak"): a number is a
        // choice missed, not someone's story. After a crisis answer it is read as words.
        let listed = self.s.screen != Screen::Crisis;
        if listed && count > 0 && typed_number(text).is_some_and(|n| n > count || n == 0) {
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

    /// Whether step `id` is one for people in crisis: a crisis answer's step (the
    /// 🆘 step, talking, victims), a step it leads to that shows a crisis line, or one that
    /// shows nothing but crisis lines. Not a practical step that also shows the 24/7 line
    /// (housing: a question there about rent is no story of a crisis).
    fn crisis_step(&self, id: &str) -> bool {
        let triage = &self.content.triage;
        let crisis_line = |s: &String| triage.crisis_services.contains(s);
        let Some(node) = self.content.dialog.node(id) else {
            return false;
        };
        triage.kinds.iter().any(|k| k.step == id)
            || (!node.services.is_empty() && node.services.iter().all(crisis_line))
            || (node.services.iter().any(crisis_line)
                && triage
                    .kinds
                    .iter()
                    .any(|k| self.content.dialog.leads(&k.step, id)))
    }

    /// A typed number or button label of the current screen, as the button's data.
    pub(super) fn typed_choice(&self, text: &str) -> Option<Action> {
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
    pub(super) fn labelled(&self, buttons: &[Button], text: &str) -> Option<Action> {
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
    pub(super) fn typed_part(&self, text: &str) -> Option<Action> {
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
}

/// Cyrillic words that say the language shown is not understood ("не розумію", "не понимаю
/// по-английски", "не знаю польської").
fn says_not_understood(text: &str) -> bool {
    const SAID: [&str; 8] = [
        "не розумі",
        "не понима",
        "не понім",
        "нічого не зрозум",
        "ничего не понят",
        "не знаю англ",
        "не знаю польс",
        "не розмовляю",
    ];
    let said = normalize::for_patterns(text);
    SAID.iter().any(|s| said.contains(s))
}

impl Turn<'_> {
    /// Opens the step a message asked for, keeping the button of a second step the same
    /// message asked for ("a bed for tonight, and my child has a fever"): one that is not the
    /// step itself, the main menu, nor a step one option away from it (housing and rent are
    /// one need said twice).
    fn open_step(&mut self, goto: &str, also: Option<String>) {
        self.s.go(goto);
        let dialog = &self.content.dialog;
        // Never a crisis step: a crisis told would have been answered as one, and "I want to
        // help victims of violence" is no victim's message.
        self.s.also = also.filter(|a| {
            a != goto
                && *a != dialog.start
                && !self.crisis_step(a)
                && dialog.node(a).is_some()
                && !dialog.leads(goto, a)
                && !dialog.leads(a, goto)
        });
    }
}
