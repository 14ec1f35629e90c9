//! Questions about a consultation asked on the way to it ("чи це безкоштовно?", "po
//! ukraińsku?", "what should I bring?", "де це?"): answered from the booking kind's own facts
//! (its languages, how it happens, its service), then the question of the step again, during
//! booking only: on any step, even the one that books, the same words are the person's own
//! matter ("how long can I stay in Poland?", "how much is the deposit?").

use super::Turn;
use crate::core::action::Action;
use crate::core::lang::Lang;
use crate::core::message::Msg;
use crate::core::normalize;
use crate::core::session::Screen;

/// What a person asks about the consultation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Question {
    /// Whether it costs anything.
    Free,
    /// Which languages it is given in.
    Languages,
    /// What to have ready for it.
    Bring,
    /// Where it is and how it happens.
    How,
    /// How long one booked time is.
    Length,
}

/// Words asking whether it costs anything. Whole phrases: "платити" alone is also "мені не
/// платять" (wages), and "free" alone also "a free time".
const FREE: [&str; 41] = [
    "безкоштов",
    "безплатн",
    "бесплатн",
    "це платн",
    "це платно",
    "платна консульт",
    "платно?",
    "треба платити",
    "потрібно платити",
    "треба заплатити",
    "потрібно заплатити",
    "скільки коштує",
    "скільки це коштує",
    "скільки коштуватиме",
    "это платн",
    "платно ли",
    "надо платить",
    "нужно платить",
    "надо заплатить",
    "нужно заплатить",
    "сколько стоит",
    "сколько это стоит",
    "darmow",
    "bezplatn",
    "za darmo",
    "czy to platne",
    "jest platn",
    "czy platn",
    "platne?",
    "platna?",
    "trzeba placic",
    "trzeba zaplacic",
    "musze placic",
    "musze zaplacic",
    "ile kosztuje",
    "is it free",
    "for free",
    "free of charge",
    "how much",
    "have to pay",
    "need to pay",
];

/// Words naming a language, asked about ("українською?", "po ukraińsku?").
const LANGUAGES: [&str; 29] = [
    "українськ",
    "украинск",
    "російськ",
    "русск",
    "по-русски",
    "польськ",
    "польск",
    "англійськ",
    "английск",
    "мовою",
    "языке",
    "язык",
    "po ukrainsku",
    "po rosyjsku",
    "po polsku",
    "po angielsku",
    "ukrainsk",
    "rosyjsk",
    "jezyku",
    "jezyk",
    "ukrainian",
    "russian",
    "polish",
    "english",
    "language",
    "interpreter",
    "перекладач",
    "переводчик",
    "tlumacz",
];

/// Words that make a language named a question, not a language chosen ("English").
const ASKING: [&str; 15] = [
    "?",
    "чи ",
    "можна",
    "розмовля",
    "говорит",
    "говорят",
    "можно",
    "ли ",
    "czy ",
    "mowi",
    "mozna",
    "speak",
    "can ",
    "is it",
    "will ",
];

/// Words asking what to have ready ("що взяти з собою", "co zabrać").
const BRING: [&str; 20] = [
    "що взяти",
    "що брати",
    "з собою",
    "що підготувати",
    "що треба мати",
    "що потрібно мати",
    "что взять",
    "что брать",
    "с собой",
    "что подготовить",
    "что нужно иметь",
    "co zabrac",
    "co wziac",
    "ze soba",
    "co przygotowac",
    "co musze miec",
    "bring",
    "what to prepare",
    "should i prepare",
    "do i need to prepare",
];

/// Words asking where it is or how it happens.
const HOW: [&str; 34] = [
    "де це",
    "де буде",
    "куди йти",
    "куди прийти",
    "куди приходити",
    "адрес",
    "як це відбува",
    "як відбува",
    "як це працює",
    "где это",
    "где будет",
    "куда идти",
    "куда прийти",
    "куда приходить",
    "как это проходит",
    "как проходит",
    "как это работает",
    "gdzie to",
    "gdzie jest",
    "gdzie mam przyjsc",
    "dokad",
    "jak to wyglada",
    "jak wyglada",
    "where is it",
    "where do i go",
    "address",
    "adres",
    "how does it work",
    "без запису",
    "без записи",
    "bez zapisu",
    "bez rezerwacji",
    "without booking",
    "without an appointment",
];

/// Words asking how long it lasts.
const LENGTH: [&str; 10] = [
    "скільки трива",
    "як довго",
    "скільки часу",
    "сколько длится",
    "как долго",
    "сколько времени",
    "ile trwa",
    "jak dlugo",
    "how long",
    "how much time",
];

/// The question `text` asks about a consultation, if it asks one.
pub(super) fn question(text: &str) -> Option<Question> {
    let said = normalize::for_patterns(text);
    let has = |words: &[&str]| words.iter().any(|w| said.contains(w));
    if has(&FREE) {
        Some(Question::Free)
    } else if has(&BRING) {
        Some(Question::Bring)
    } else if has(&HOW) {
        Some(Question::How)
    } else if has(&LENGTH) {
        Some(Question::Length)
    } else if has(&LANGUAGES) && has(&ASKING) {
        Some(Question::Languages)
    } else {
        None
    }
}

impl Turn<'_> {
    /// The booking kind a question would be about: the one being booked or listed. `None`
    /// away from booking.
    fn asked_kind(&self) -> Option<String> {
        let first = || self.content.schedule.kinds().first().map(|k| k.id.clone());
        match self.s.screen {
            Screen::Booking => self.s.booking.as_ref().map(|d| d.kind.clone()),
            Screen::Bookings | Screen::CancelAsk => {
                self.s.listed.first().map(|b| b.kind.clone()).or_else(first)
            }
            // Not on a step, not even one that books: there "how long can I stay in Poland?",
            // "how much is the deposit?" or "do I need Polish for the card?" are the person's
            // own matter, and a stock answer about the consultation would mislead.
            Screen::Node | Screen::Language | Screen::Crisis => None,
        }
    }

    /// Answers a question about the consultation on the screen, then asks the step's own
    /// question again. False when `text` asks none, or no consultation is on the screen.
    pub(super) fn on_booking_question(&mut self, text: &str) -> bool {
        let Some(kind) = self.asked_kind() else {
            return false;
        };
        // An option's own words typed ("Безкоштовна юридична консультація") choose it.
        let Some(asked) = question(text).filter(|_| self.typed_choice(text).is_none()) else {
            return false;
        };
        // "можна українською?" typed on a Polish screen asks for Ukrainian: the language is
        // switched (see `typed_language`), not the consultation's languages listed.
        let own = Action::SetLang(self.lang());
        if asked == Question::Languages && self.typed_language(text).is_some_and(|a| a != own) {
            return false;
        }
        match asked {
            Question::Free => self.say("book-q-free"),
            Question::Languages => {
                let langs = self.languages_of(&kind);
                self.say_msg(Msg::new("book-q-langs").arg("langs", langs));
            }
            Question::Bring => {
                self.say("book-q-bring");
                self.say(&format!("booking-how-{kind}"));
            }
            Question::Length => {
                let minutes = self
                    .content
                    .schedule
                    .kind(&kind)
                    .map_or(0, |k| k.slot_minutes);
                let msg = Msg::new("book-q-length").arg("minutes", minutes.to_string());
                self.say_msg(msg);
            }
            Question::How => {
                self.say(&format!("booking-how-{kind}"));
                if let Some(service) = self.content.schedule.kind(&kind).map(|k| k.service.clone())
                {
                    self.place(&service);
                }
            }
        }
        match self.s.screen {
            Screen::Booking | Screen::CancelAsk => self.show(),
            _ => self.attach_buttons(),
        }
        true
    }

    /// The languages a kind of consultation is given in, the person's own first, as words of
    /// the person's language ("українська, польська, …").
    fn languages_of(&self, kind: &str) -> String {
        let mut langs = self
            .content
            .schedule
            .kind(kind)
            .map(|k| k.languages.clone())
            .unwrap_or_default();
        let own = self.lang();
        langs.sort_by_key(|l| *l != own);
        let word = |l: Lang| {
            self.content
                .locales
                .text(own, &Msg::new(format!("lang-word-{}", l.code())))
        };
        langs.into_iter().map(word).collect::<Vec<_>>().join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::{Question, question};

    #[test]
    fn questions_about_a_consultation_are_told_apart_in_four_languages() {
        let cases = [
            ("Чи це безкоштовно?", Some(Question::Free)),
            ("а скільки коштує консультація", Some(Question::Free)),
            ("это бесплатно?", Some(Question::Free)),
            ("Czy to jest darmowe?", Some(Question::Free)),
            ("ile kosztuje?", Some(Question::Free)),
            ("is it free?", Some(Question::Free)),
            ("Do I have to pay?", Some(Question::Free)),
            ("Чи буде українською?", Some(Question::Languages)),
            ("а можно на русском языке", Some(Question::Languages)),
            ("czy mogę po ukraińsku?", Some(Question::Languages)),
            ("Is it in English?", Some(Question::Languages)),
            ("Що взяти з собою?", Some(Question::Bring)),
            ("какие документы взять с собой", Some(Question::Bring)),
            ("co zabrać na konsultację?", Some(Question::Bring)),
            ("What should I bring?", Some(Question::Bring)),
            ("А де це?", Some(Question::How)),
            ("куда идти?", Some(Question::How)),
            ("gdzie to jest?", Some(Question::How)),
            ("how does it work?", Some(Question::How)),
            ("а можна без запису?", Some(Question::How)),
            ("czy jest tłumacz?", Some(Question::Languages)),
            ("Скільки триває консультація?", Some(Question::Length)),
            ("jak długo trwa?", Some(Question::Length)),
            ("how long is it?", Some(Question::Length)),
        ];
        for (text, want) in cases {
            assert_eq!(question(text), want, "{text}");
        }
    }

    #[test]
    fn answers_and_look_alikes_are_no_question() {
        for text in [
            "English",
            "українська",
            "Олена",
            "+48 600 100 200",
            "мені не платять зарплату",
            "a free time on Friday",
            "телефоном",
            "tutaj w czacie",
            "так",
        ] {
            assert_eq!(question(text), None, "{text}");
        }
    }
}
