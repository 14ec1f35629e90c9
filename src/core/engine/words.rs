//! Short answers in the four languages: yes, no, agreeing to keep one's details, a wish in front
//! of an option's words, a line of a list copied whole.

use crate::core::message::Command;
use crate::core::normalize;

/// Words that say yes to keeping one's details for a booking, in the four languages: an
/// "all right" that only says the text was read ("зрозуміло", "understood", "k") is not one.
pub(super) fn agrees(text: &str) -> bool {
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
pub(super) fn same_stem(label: &str, typed: &str) -> bool {
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
pub(super) fn without_wish(typed: &str) -> String {
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
pub(super) fn refuses(text: &str) -> bool {
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
pub(super) fn numbered_line(text: &str) -> Option<&str> {
    let text = text.trim_start();
    let digits = text.find(|c: char| !c.is_ascii_digit())?;
    let rest = text[digits..].strip_prefix(['.', ')'])?;
    let words = rest.trim_start();
    (digits > 0 && digits <= 2 && words.len() < rest.len() && !words.is_empty()).then_some(words)
}

/// A greeting, thanks or "ok": the menu, never "I did not understand".
pub(super) fn greeting(command: Command) -> bool {
    matches!(command, Command::Hello | Command::Thanks | Command::Ok)
}

/// Whether a message holds words (two letters or more), not only a number or a symbol.
pub(super) fn words_in(text: &str) -> bool {
    text.chars().filter(|c| c.is_alphabetic()).nth(1).is_some()
}
