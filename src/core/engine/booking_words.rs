//! Words and dates a booking reads: a caseworker's `/day` date, "cancel" in four languages,
//! "I have no phone", and how a person says where to be reached.

use chrono::{Datelike, NaiveDate};

use crate::core::action::Action;

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

/// Whole words of cancelling (`says_cancel`).
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

/// Phrases of not coming (`says_cancel`).
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

/// Words of not cancelling, which outweigh the others (`says_cancel`).
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

/// Words that ask to cancel a booking, or say one cannot come, in the four languages; never
/// when they say not to ("не скасовуйте", "don't cancel"), nor a word that only starts
/// alike ("відмінно", "cancelled my shift").
pub(super) fn says_cancel(text: &str) -> bool {
    cancel_said(&crate::core::normalize::for_patterns(text))
}

/// `says_cancel` on text already prepared by `normalize::for_patterns`.
fn cancel_said(text: &str) -> bool {
    if NOT.iter().any(|n| text.contains(n)) {
        return false;
    }
    let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).collect();
    WORDS.iter().any(|w| words.contains(w)) || PHRASES.iter().any(|p| text.contains(p))
}

/// "скасуй мій запис", "chcę odwołać wizytę", "cancel my appointment for Monday": a cancel
/// that names a booking, typed in any words (the listed phrases are whole messages).
pub(super) fn cancels_a_booking(text: &str) -> bool {
    const NOUNS: [&str; 12] = [
        "запис",
        "консультац",
        "бронюван",
        "бронирован",
        "wizyt",
        "rezerwac",
        "konsultac",
        "termin",
        "booking",
        "appointment",
        "consultation",
        "slot",
    ];
    let said = crate::core::normalize::for_patterns(text);
    cancel_said(&said) && NOUNS.iter().any(|n| said.contains(n))
}

/// Words that answer "How can we reach you?": here in the chat, or by phone; `None` when
/// the words say neither or both.
/// "немає телефону", "нет номера", "nie mam telefonu", "I have no phone": a few words that
/// say there is no number to give.
pub(super) fn no_phone(text: &str) -> bool {
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

pub(super) fn contact_words(text: &str) -> Option<Action> {
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
    fn a_cancel_that_names_a_booking_is_told_from_one_that_does_not() {
        for yes in [
            "скасуй мій запис",
            "хочу відмінити консультацію в четвер",
            "отмени мою запись пожалуйста",
            "chcę odwołać wizytę",
            "anuluj moją rezerwację",
            "please cancel my appointment",
            "I can't make it to the consultation",
        ] {
            assert!(super::cancels_a_booking(yes), "{yes}");
        }
        for no in [
            "скасуйте",
            "не скасовуйте мій запис",
            "запис на консультацію",
            "I cancelled my work shift",
            "cancel",
        ] {
            assert!(!super::cancels_a_booking(no), "{no}");
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
