//! Booking a consultation inside the dialog. The core stays pure: what needs the booking store
//! is asked for as an `Effect`; the app carries it out and hands the `EffectResult` back to
//! `Engine::resume`.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Europe::Warsaw;
use serde::{Deserialize, Serialize};

use crate::core::lang::Lang;
use crate::core::slot_words::SaidTime;

/// How the person wants to be reached about the booking.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Contact {
    Chat,
    Phone(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DraftStep {
    Slots,
    Name,
    Contact,
    Phone,
    Consent,
}

/// A booking being made: what the person chose so far.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub kind: String,
    pub step: DraftStep,
    /// Slot starts (unix seconds) on the buttons now.
    pub offered: Vec<i64>,
    pub code: Option<String>,
    pub start: Option<i64>,
    pub name: Option<String>,
    pub phone: Option<String>,
    /// When the held slot is let go (unix seconds), so a person who comes back later hears
    /// at once that it was, not after typing their name and number again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<i64>,
    /// The first slot of each page of slots shown before this one, for "earlier times".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<i64>,
}

impl Draft {
    pub fn new(kind: &str) -> Draft {
        Draft {
            kind: kind.to_owned(),
            step: DraftStep::Slots,
            offered: Vec::new(),
            code: None,
            start: None,
            name: None,
            phone: None,
            until: None,
            pages: Vec::new(),
        }
    }
}

/// A booking as the person sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingRef {
    pub code: String,
    pub kind: String,
    pub start: i64,
}

/// A booking as a caseworker sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffLine {
    pub booking: BookingRef,
    pub name: String,
    pub contact: Contact,
    /// The language the person booked in: the one the consultant calls them in.
    pub lang: Lang,
}

/// How long a desk sign-in link can be used.
pub const DESK_LINK_MINUTES: i64 = 10;

/// How many slots one screen offers.
pub const SLOTS_PER_PAGE: usize = 4;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Free slots of `kind` starting after `after`; only those at the time `at` when the person
    /// named one that is not on the buttons (answered with `EffectResult::Said`).
    FindSlots {
        kind: String,
        after: Option<i64>,
        at: Option<SaidTime>,
    },
    Hold {
        kind: String,
        start: i64,
    },
    Confirm {
        code: String,
        name: String,
        contact: Contact,
    },
    Release {
        code: String,
    },
    ListMine,
    Cancel {
        code: String,
    },
    StaffDay {
        date: NaiveDate,
    },
    StaffCancel {
        code: String,
        /// What the caseworker wrote after the code, told to the person.
        reason: Option<String>,
    },
    /// The person's own id, as the caseworkers' list names people (`/myid`).
    MyId,
    /// A one-time sign-in link to the caseworkers' desk.
    DeskLink,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EffectResult {
    /// The person's own id, for the caseworkers' list (`/myid`).
    MyId(String),
    /// The free slots, and the person's bookings ahead (a second booking is made knowingly).
    Slots {
        slots: Vec<i64>,
        upcoming: Vec<BookingRef>,
    },
    /// The free slots at a time the person named (`FindSlots` with `at`).
    Said {
        slots: Vec<i64>,
        at: SaidTime,
    },
    Held {
        code: String,
    },
    Taken,
    /// The person has as many bookings ahead as one may (these): no slots offered.
    Enough(Vec<BookingRef>),
    Confirmed(BookingRef),
    Expired,
    Released,
    Mine(Vec<BookingRef>),
    Cancelled(Option<BookingRef>),
    StaffDay {
        date: NaiveDate,
        lines: Vec<StaffLine>,
    },
    StaffCancelled {
        code: String,
        found: Option<BookingRef>,
        /// When no booking of `code` is left to cancel but one was cancelled before: when
        /// (Unix seconds), and whether by the person themselves.
        earlier: Option<(i64, bool)>,
    },
    /// The link, or `None` when this server serves no desk.
    DeskLink(Option<String>),
}

/// The arguments of `book-when` for a slot start: weekday, day, month, time in Warsaw.
pub fn when_args(start: i64) -> [(&'static str, String); 4] {
    let local = DateTime::<Utc>::from_timestamp(start, 0)
        .unwrap_or_default()
        .with_timezone(&Warsaw);
    let weekday = local.format("%a").to_string().to_ascii_lowercase();
    [
        ("weekday", weekday),
        ("day", local.day().to_string()),
        ("month", local.month().to_string()),
        ("time", local.format("%H:%M").to_string()),
    ]
}

/// A first name or initials: letters, spaces, dots, hyphens and apostrophes, 1 to 40 letters,
/// and no word that only a sentence has ("я себе ріжу" is someone saying how they are). The
/// way people introduce themselves ("Мене звати Оксана", "My name is Anna") is left out.
pub fn valid_name(text: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    let words: Vec<&str> = text.split_whitespace().collect();
    let name: String = words[introduction(&words)..].join(" ").nfc().collect();
    // Letters that show nothing (Hangul fillers) or marks stacked on one letter beyond what a
    // language writes would leave the desk a name nobody can read out.
    let blank = |c: char| matches!(c, '\u{3164}' | '\u{115F}' | '\u{1160}' | '\u{FFA0}');
    let stacked = name
        .chars()
        .collect::<Vec<_>>()
        .windows(3)
        .any(|w| w.iter().all(|c| is_combining_mark(*c)));
    let ok = |c: char| {
        (c.is_alphabetic() || is_combining_mark(c) || matches!(c, ' ' | '.' | '-' | '\'' | '’'))
            && !blank(c)
    };
    let letters = name
        .chars()
        .filter(|c| c.is_alphabetic() && !is_combining_mark(*c))
        .count();
    let sentence = name.split(' ').any(|w| {
        let w = w.trim_matches(['.', '-', '\'', '’']).to_lowercase();
        NOT_IN_NAMES.contains(&w.as_str())
    });
    (letters >= 1 && name.chars().count() <= 40 && name.chars().all(ok) && !sentence && !stacked)
        .then_some(name)
}

/// How many of the first words introduce a name ("мене звати", "mam na imię", "I'm").
fn introduction(words: &[&str]) -> usize {
    let lower: Vec<String> = words
        .iter()
        .map(|w| {
            w.trim_end_matches([',', ':', '-', '—'])
                .replace('’', "'")
                .to_lowercase()
        })
        .collect();
    INTRODUCTIONS
        .iter()
        .map(|intro| intro.split(' ').collect::<Vec<_>>())
        .filter(|intro| intro.len() < lower.len() && lower.iter().zip(intro).all(|(w, i)| w == i))
        .map(|intro| intro.len())
        .max()
        .unwrap_or(0)
}

/// Lead-ins before a name, in lower case, word by word.
const INTRODUCTIONS: &[&str] = &[
    "мене звати",
    "моє ім'я",
    "моє імʼя",
    "це",
    "меня зовут",
    "моё имя",
    "мое имя",
    "это",
    "mam na imię",
    "mam na imie",
    "nazywam się",
    "nazywam sie",
    "moje imię to",
    "moje imie to",
    "jestem",
    "my name is",
    "my name's",
    "name",
    "i'm",
    "i am",
    "it's",
    "ім'я",
    "имя",
    "imię",
    "imie",
];

/// Pronouns and negations of the four languages: a message with one is a sentence, not a
/// name. ("i" is left out: it is an initial too.)
const NOT_IN_NAMES: &[&str] = &[
    "я", "мене", "мені", "мною", "себе", "собі", "не", "ні", "меня", "мне", "мной", "себя", "нет",
    "ja", "mnie", "mi", "się", "sie", "nie", "me", "my", "myself", "i'm", "im", "not", "don't",
    "dont", "he", "she", "він", "вона", "он", "она", "on", "ona",
];

/// A phone number, kept as `+48600…`: with its country code (`+` or `00`), or as people in
/// Kraków write their own without it: a Polish number's 9 digits (`501 234 567`), a Ukrainian
/// one with its leading 0 (`050-123-45-67`) or the old trunk 8 before it (`8 050 …`), or
/// either code without the `+`. Words around the number ("мій номер 093…", "tel. …") are
/// left out; a second number is not.
pub fn valid_phone(text: &str) -> Option<String> {
    let trimmed = number_part(text)?;
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    let allowed = trimmed
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')' | '.'));
    if !allowed {
        return None;
    }
    if trimmed.starts_with('+') || trimmed.starts_with("00") {
        let digits = digits.strip_prefix("00").unwrap_or(&digits);
        // Polish and Ukrainian numbers have nine digits after the country code: one digit
        // short is a typo that would leave the consultant unable to call.
        let whole = match (digits.strip_prefix("48"), digits.strip_prefix("380")) {
            (Some(rest), _) => rest.len() == 9,
            (_, Some(rest)) => rest.len() == 9,
            _ => (9..=15).contains(&digits.len()),
        };
        return whole.then(|| format!("+{digits}"));
    }
    let national = match digits.len() {
        9 if !digits.starts_with('0') => format!("48{digits}"),
        10 if digits.starts_with('0') => format!("38{digits}"),
        11 if digits.starts_with("48") => digits,
        12 if digits.starts_with("380") => digits,
        11 if digits.starts_with("80") => format!("38{}", &digits[1..]),
        _ => return None,
    };
    Some(format!("+{national}"))
}

/// The number in a message: from its first digit (or the `+` before it) to its last, with
/// no digit in the words before or after it.
fn number_part(text: &str) -> Option<&str> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let start = match text[..start].strip_suffix('+') {
        Some(before) => before.len(),
        None => start,
    };
    let end = text.rfind(|c: char| c.is_ascii_digit())? + 1;
    let mut around = text[..start].chars().chain(text[end..].chars());
    around
        .all(|c| !c.is_numeric() && c != '+')
        .then_some(&text[start..end])
}

/// The first two digits of Polish mobile (and free or shared-cost) numbers, written in threes;
/// any other is an area code, written as Kraków's are: `12 421 92 82`.
const POLISH_IN_THREES: [&str; 15] = [
    "45", "50", "51", "53", "57", "60", "66", "69", "70", "72", "73", "78", "79", "80", "88",
];

/// A kept phone number as people read it: `+48 501 234 567`, `+48 12 421 92 82`,
/// `+380 50 123 45 67`.
pub fn shown_phone(phone: &str) -> String {
    let groups = |rest: &str, sizes: &[usize]| {
        let mut out = Vec::new();
        let mut at = 0;
        for size in sizes {
            out.push(&rest[at..at + size]);
            at += size;
        }
        out.join(" ")
    };
    match (phone.strip_prefix("+48"), phone.strip_prefix("+380")) {
        (Some(rest), _) if rest.len() == 9 && POLISH_IN_THREES.contains(&&rest[..2]) => {
            format!("+48 {}", groups(rest, &[3, 3, 3]))
        }
        (Some(rest), _) if rest.len() == 9 => format!("+48 {}", groups(rest, &[2, 3, 2, 2])),
        (_, Some(rest)) if rest.len() == 9 => format!("+380 {}", groups(rest, &[2, 3, 2, 2])),
        _ => phone.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_phones() {
        assert_eq!(valid_name("  Olena   K. "), Some("Olena K.".into()));
        assert_eq!(valid_name("Ґанна-Марія"), Some("Ґанна-Марія".into()));
        assert_eq!(valid_name("<script>"), None);
        assert_eq!(valid_name(&"a".repeat(41)), None);
        assert_eq!(valid_name("я себе ріжу"), None, "a sentence");
        assert_eq!(valid_name("I. K."), Some("I. K.".into()), "initials");
        assert_eq!(valid_phone("+48 600-100-200"), Some("+48600100200".into()));
        assert_eq!(valid_phone("0048600100200"), Some("+48600100200".into()));
        assert_eq!(valid_phone("501 234 567"), Some("+48501234567".into()));
        assert_eq!(valid_phone("050-123-45-67"), Some("+380501234567".into()));
        assert_eq!(
            valid_phone("380 50 123 45 67"),
            Some("+380501234567".into())
        );
        assert_eq!(valid_phone("48 501 234 567"), Some("+48501234567".into()));
        assert_eq!(
            valid_phone("421 92 82"),
            None,
            "7 digits: not a whole number"
        );
        assert_eq!(valid_phone("0501234567 8"), None);
        assert_eq!(valid_phone("call me"), None);
        assert_eq!(
            valid_phone("мой номер 0931234567"),
            Some("+380931234567".into())
        );
        assert_eq!(
            valid_phone("Tel.: +48 600 100 200."),
            Some("+48600100200".into())
        );
        assert_eq!(
            valid_phone("8 (050) 123-45-67"),
            Some("+380501234567".into()),
            "the old trunk 8"
        );
        assert_eq!(valid_phone("мій номер 093 123 45 67 або 050 1234567"), None);
        assert_eq!(valid_phone("після 5 0931234567"), None);
        assert_eq!(shown_phone("+48501234567"), "+48 501 234 567");
        assert_eq!(
            shown_phone("+48124219282"),
            "+48 12 421 92 82",
            "Kraków landline"
        );
        assert_eq!(shown_phone("+380501234567"), "+380 50 123 45 67");
        assert_eq!(shown_phone("+4930123456"), "+4930123456");
        assert_eq!(valid_name("Мене звати Оксана"), Some("Оксана".into()));
        assert_eq!(valid_name("меня зовут Ира"), Some("Ира".into()));
        assert_eq!(valid_name("Mam na imię Ola"), Some("Ola".into()));
        assert_eq!(valid_name("My name is Anna K."), Some("Anna K.".into()));
        assert_eq!(valid_name("I'm Anna"), Some("Anna".into()));
        assert_eq!(valid_name("Мене звати"), None, "no name after it");
        assert_eq!(valid_name("\u{3164}"), None, "a letter that shows nothing");
        assert_eq!(valid_name("Ola \u{3164}"), None);
        let stacked = format!("O{}lena", "\u{0363}\u{0364}\u{0365}");
        assert_eq!(valid_name(&stacked), None, "marks stacked on one letter");
        assert_eq!(
            valid_name("Zoe\u{0308}"),
            Some("Zoë".into()),
            "a letter and its mark, as one"
        );
        assert_eq!(valid_phone("+48 600 11 222"), None, "a digit short");
        assert_eq!(valid_phone("+380 50 123 45 6"), None);
        assert_eq!(valid_phone("+49 30 1234567"), Some("+49301234567".into()));
    }
}
