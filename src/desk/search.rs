//! Finding a booking from what a person says on the phone: its code, their name or their
//! phone number. A name is written in the chat as the person writes it (often in Cyrillic)
//! and typed on the desk as the caseworker hears it (often in Polish or English letters), so
//! both are brought to one rough Latin spelling before they are compared: "Юлія", "Julia" and
//! "Yulia" all read `iula`. A rough match lists a few bookings more; the caseworker picks.

use crate::booking::{Booking, State};
use crate::core::booking::Contact;
use crate::core::normalize::for_labels;

/// The most bookings a search lists.
pub const MOST: usize = 50;

/// Digits a phone search needs at least: fewer would list half the bookings.
const PHONE_DIGITS: usize = 4;

/// Letters a name search needs at least.
const NAME_LETTERS: usize = 2;

/// One Cyrillic letter in Latin letters (the Ukrainian national scheme, near enough for the
/// Russian ones too).
fn latin(c: char) -> Option<&'static str> {
    const FROM: &str = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюяыэъё";
    const TO: [&str; 37] = [
        "a", "b", "v", "h", "g", "d", "e", "ie", "zh", "z", "y", "i", "i", "i", "k", "l", "m", "n",
        "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "iu", "ia", "y",
        "e", "", "e",
    ];
    FROM.chars().position(|f| f == c).map(|i| TO[i])
}

/// The rough spelling two ways of writing one name share.
pub fn rough(text: &str) -> String {
    // An apostrophe inside a name (Дар'я, D'Angelo) is no word break.
    let folded = for_labels(&text.replace(['\'', '’', 'ʼ', '`'], ""));
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        match latin(c) {
            Some(l) => out.push_str(l),
            None => out.push(c),
        }
    }
    // Spellings of one sound in Ukrainian, Polish and English transliteration, longest first.
    for (from, to) in [
        ("shch", "sh"),
        ("sz", "sh"),
        ("cz", "ch"),
        ("kh", "h"),
        // Polish "ch" is Ukrainian "х": ч and х read alike here, which only lists more.
        ("ch", "h"),
        ("zh", "z"),
        ("ts", "c"),
        ("j", "i"),
        ("y", "i"),
        ("w", "v"),
        ("g", "h"),
    ] {
        out = out.replace(from, to);
    }
    // Russian "е" is "je"/"ie" in Polish and "ye" in English where it is said so (Елена:
    // Jelena, Yelena; Петрова: Pietrowa; Сергей: Siergiej), "e" in the Cyrillic's reading: an
    // "i" before "e" is dropped.
    out = out.replace("ie", "e");
    // A soft "l" is written "ля" in Cyrillic, "lia"/"lya" in English and "la" in Polish
    // (Оля, Olya, Ola): after a doubled letter is made single, an "i" after "l" is dropped.
    squeeze(&squeeze(&out).replace("li", "l"))
}

/// `text` with every run of one letter made one letter.
fn squeeze(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if !out.ends_with(c) || c == ' ' {
            out.push(c);
        }
    }
    out
}

/// What a caseworker typed, as the search reads it.
#[derive(Debug, PartialEq, Eq)]
pub enum Query {
    /// Enough digits for a phone number's part.
    Phone(String),
    /// A name or a part of one.
    Name(String),
    /// Too little to search by.
    TooShort,
}

impl Query {
    pub fn read(typed: &str) -> Query {
        let digits: String = typed.chars().filter(char::is_ascii_digit).collect();
        let letters = typed.chars().filter(|c| c.is_alphabetic()).count();
        if digits.len() >= PHONE_DIGITS && letters == 0 {
            Query::Phone(digits)
        } else if letters >= NAME_LETTERS {
            Query::Name(rough(typed))
        } else {
            Query::TooShort
        }
    }

    /// Whether a confirmed booking fits the query.
    pub fn fits(&self, b: &Booking) -> bool {
        if b.state != State::Confirmed {
            return false;
        }
        match self {
            Query::Phone(digits) => match &b.contact {
                Contact::Phone(phone) => phone
                    .chars()
                    .filter(char::is_ascii_digit)
                    .collect::<String>()
                    .contains(digits.as_str()),
                Contact::Chat => false,
            },
            Query::Name(name) => b
                .name
                .as_deref()
                .is_some_and(|n| rough(n).contains(name.as_str())),
            Query::TooShort => false,
        }
    }
}

/// The bookings that fit, soonest first, at most `MOST`; and whether there were more.
pub fn find(query: &Query, all: Vec<Booking>) -> (Vec<Booking>, bool) {
    let mut hits: Vec<Booking> = all.into_iter().filter(|b| query.fits(b)).collect();
    hits.sort_by(|a, b| (a.start, &a.code).cmp(&(b.start, &b.code)));
    let more = hits.len() > MOST;
    hits.truncate(MOST);
    (hits, more)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_in_cyrillic_is_found_as_a_caseworker_hears_it() {
        for (written, typed) in [
            ("Юлія Коваленко", "Julia"),
            ("Юлія Коваленко", "yulia kovalenko"),
            ("Олена", "Ołena"),
            ("Олена", "olena"),
            ("Ольга Шевченко", "Szewczenko"),
            ("Ольга Шевченко", "shevchenko"),
            ("Олександр Хоменко", "Chomenko"),
            ("Олександр Хоменко", "Khomenko"),
            ("Наталія", "Natalia"),
            ("Наталья", "natalia"),
            ("Сергій Гнатюк", "Hnatiuk"),
            ("Дар'я", "daria"),
            ("Оля", "Ola"),
            ("Оля", "Olya"),
            ("Лілія", "Lilia"),
            ("Maria Nowak", "NOWAK"),
            ("Zoë", "zoe"),
            ("Елена Петрова", "Jelena"),
            ("Елена Петрова", "Yelena"),
            ("Елена Петрова", "Pietrowa"),
            ("Сергей", "Siergiej"),
            ("Сергей", "Sergei"),
            ("Євгенія", "Jewgienija"),
            ("Євгенія", "Yevheniia"),
        ] {
            assert!(
                rough(written).contains(&rough(typed)),
                "{written} / {typed}: {} / {}",
                rough(written),
                rough(typed)
            );
        }
        for (written, typed) in [("Олена", "Olga"), ("Ірина", "Oksana"), ("Petro", "Pavlo")]
        {
            assert!(
                !rough(written).contains(&rough(typed)),
                "{written} / {typed}"
            );
        }
    }

    #[test]
    fn a_query_is_a_phone_a_name_or_too_short() {
        assert_eq!(Query::read("600 100"), Query::Phone("600100".into()));
        assert_eq!(Query::read("+48 600"), Query::Phone("48600".into()));
        assert_eq!(Query::read("12 3"), Query::TooShort);
        assert_eq!(Query::read("Ola"), Query::Name("ola".into()));
        assert_eq!(Query::read("O"), Query::TooShort);
        assert_eq!(Query::read(" "), Query::TooShort);
    }

    #[test]
    fn a_search_lists_confirmed_bookings_that_fit_soonest_first() {
        let booking = |code: &str, start: i64, name: &str, phone: Option<&str>, state| Booking {
            v: 1,
            code: code.into(),
            kind: "legal".into(),
            start,
            user: format!("tg:{code}"),
            lang: crate::core::lang::Lang::Uk,
            name: Some(name.into()),
            contact: phone.map_or(Contact::Chat, |p| Contact::Phone(p.into())),
            state,
            created: 0,
            reminded: Vec::new(),
            outcome: None,
        };
        let all = vec![
            booking("C", 30, "Олена Бойко", None, State::Confirmed),
            booking(
                "A",
                10,
                "Olena Nowak",
                Some("+48600100200"),
                State::Confirmed,
            ),
            booking("H", 5, "Олена", None, State::Held { until: 9 }),
            booking("B", 20, "Petro", Some("+380671234567"), State::Confirmed),
        ];
        let codes = |q: &str| {
            let (hits, more) = find(&Query::read(q), all.clone());
            assert!(!more);
            hits.into_iter()
                .map(|b| b.code)
                .collect::<Vec<_>>()
                .join(",")
        };
        assert_eq!(codes("olena"), "A,C");
        assert_eq!(codes("бойко"), "C");
        assert_eq!(codes("600 100"), "A");
        assert_eq!(codes("067 123"), "B");
        assert_eq!(codes("Ivan"), "");
        let many: Vec<Booking> = (0..MOST as i64 + 1)
            .map(|i| booking(&format!("X{i}"), i, "Ola", None, State::Confirmed))
            .collect();
        let (hits, more) = find(&Query::read("ola"), many);
        assert_eq!((hits.len(), more), (MOST, true));
    }
}
