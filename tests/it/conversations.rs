//! Whole conversations, one per language, as insta transcript snapshots.

use krok::core::lang::Lang;

use super::support::transcript;

#[test]
fn uk_deep_link_into_legal_then_crisis_mid_path() {
    insta::assert_snapshot!(transcript(
        None,
        &[
            "/start legal-uk-mops",
            "1",
            "/back",
            "мені страшно, чоловік мене б'є",
            "2",
            "Безкоштовна юридична консультація",
            "/restart",
        ]
    ));
}

#[test]
fn pl_family_seniors_language_switch_and_back() {
    insta::assert_snapshot!(transcript(
        Some(Lang::Pl),
        &["/start", "4", "3", "/lang", "1", "/back", "wstecz"]
    ));
}

#[test]
fn en_unknown_text_stale_button_photo_and_help() {
    insta::assert_snapshot!(transcript(
        Some(Lang::En),
        &[
            "/start",
            "blah blah",
            "3",
            "[button] legal|opt-legal-advice",
            "[button] donate|opt-donate-lviv",
            "[photo]",
            "/help",
            "42",
        ]
    ));
}

#[test]
fn ru_no_hint_asks_language_then_intent_and_forget() {
    insta::assert_snapshot!(transcript(
        None,
        &["привет", "русский", "мне нужен адвокат", "/forget", "2"]
    ));
}

#[test]
fn malformed_or_outdated_deep_link_starts_the_normal_dialog() {
    let t = transcript(
        Some(Lang::En),
        &[
            "/start no_such_node-uk-x",
            "/start legal-uk-mops!",
            "/start ../../etc",
        ],
    );
    // A well-formed link to a step that does not exist (a printed card older than a
    // renamed step): the main menu in the link's language, saying the link is old; the
    // malformed ones after it: the main menu.
    assert_eq!(t.matches("Що вам потрібно?").count(), 3, "{t}");
    assert_eq!(
        t.matches("Посилання, яке ви відкрили, веде до розділу, якого вже немає в довіднику.")
            .count(),
        1,
        "{t}"
    );
}

/// A caseworker's link in capitals, or with a wrong language part, still opens its step.
#[test]
fn a_deep_link_in_capitals_or_with_a_wrong_language_opens_its_step() {
    let t = transcript(
        Some(Lang::Pl),
        &[
            "/start Legal-UK-MOPS",
            "/start LEGAL_ADVICE-RU",
            "/start legal-xx-mops",
        ],
    );
    let parts: Vec<&str> = t.split("> /start").skip(1).collect();
    assert!(parts[0].contains("Яка у вас справа?"), "{t}");
    assert!(parts[1].contains("юридические консультации"), "{t}");
    let legal_ru = "Какой у вас вопрос?";
    assert!(
        parts[2].contains(legal_ru),
        "the language the person had kept: {t}"
    );
}

#[test]
fn changing_language_reshows_the_current_step() {
    let t = transcript(Some(Lang::En), &["/start donate-en", "/lang", "Polski"]);
    let last = t.rsplit("> Polski").next().unwrap();
    assert!(
        last.contains("Dziękuj"),
        "the donate step in Polish: {last}"
    );
}

/// What people type on phones: an option's number as a keycap, full-width, with a bracket or
/// a hash; a language's short or foreign name; commands in Latin letters; "Forget." alone is
/// not /forget, and "забудь меня" as a first message is answered in Russian.
#[test]
fn numbers_language_names_and_commands_as_phones_type_them() {
    use std::sync::Arc;

    use krok::core::message::{Inbound, Msg};
    use krok::store::{MemoryStore, UserKey};

    use super::support::{app_with, shipped, tuesday_morning};

    let text = |lang, id: &str| shipped().locales.text(lang, &Msg::new(id.to_owned()));
    let turns = |hint: Option<Lang>, lines: &[&str]| {
        let app = app_with(Arc::new(MemoryStore::new()));
        let user = UserKey::new("tg", "11");
        lines
            .iter()
            .map(|l| {
                app.handle(
                    &user,
                    &Inbound::from_text(l).with_hint(hint),
                    tuesday_morning(),
                )
            })
            .collect::<Vec<_>>()
    };
    let first = |r: &krok::app::Reply| r.messages[0].text.clone();

    let by_digit = turns(Some(Lang::En), &["/start legal-en", "2"]);
    for typed in ["2️⃣", "２", "2)", "#2", " 2. "] {
        let replies = turns(Some(Lang::En), &["/start legal-en", typed]);
        assert_eq!(first(&replies[1]), first(&by_digit[1]), "{typed}");
    }

    for (typed, lang) in [
        ("укр", Lang::Uk),
        ("UA", Lang::Uk),
        ("українська мова", Lang::Uk),
        ("po polsku", Lang::Pl),
        ("eng", Lang::En),
        ("на русском", Lang::Ru),
    ] {
        let replies = turns(None, &["/start", typed]);
        assert_eq!(replies[1].lang, lang, "{typed}");
        assert_eq!(first(&replies[1]), text(lang, "node-start"), "{typed}");
    }

    // A number past the list on a step that also shows the crisis centre (housing) is a
    // choice missed: which numbers there are, not words for someone in crisis.
    let past = turns(Some(Lang::En), &["/start housing-en", "9"]);
    assert!(
        first(&past[1]).starts_with("There is no option with that number"),
        "{}",
        first(&past[1])
    );

    let back = turns(Some(Lang::Uk), &["/start", "2", "nazad"]);
    assert_eq!(
        first(&back[2]),
        text(Lang::Uk, "node-start-again"),
        "nazad is back"
    );

    let never_mind = turns(Some(Lang::En), &["/start legal-en", "Forget."]);
    assert_ne!(first(&never_mind[1]), text(Lang::En, "forgotten"));

    let forgotten = turns(None, &["забудь меня"]);
    assert_eq!(forgotten[0].lang, Lang::Ru);
    assert_eq!(first(&forgotten[0]), text(Lang::Ru, "forgotten"));

    // Cyrillic to a phone set to English or Polish is answered in its language; a language
    // the person picked stays, against letters and against a link's.
    let housing = turns(Some(Lang::En), &["мені нема де ночувати"]);
    assert_eq!(housing[0].lang, Lang::Uk);
    let work = turns(Some(Lang::Pl), &["/start", "ищу работу"]);
    assert_eq!(work[1].lang, Lang::Ru);
    let picked = turns(
        Some(Lang::Uk),
        &[
            "/lang",
            "3",
            "мені нема де ночувати",
            "/start legal-pl-mops",
        ],
    );
    assert_eq!(picked[2].lang, Lang::En, "picked English stays");
    assert_eq!(
        picked[3].lang,
        Lang::En,
        "a link's Polish does not override it"
    );
    let named = turns(
        Some(Lang::En),
        &["/start legal-en", "1", "1", "1", "Оля Коваленко"],
    );
    assert_eq!(
        named[4].lang,
        Lang::En,
        "a name at the booking's prompt is a name"
    );
    let linked = turns(Some(Lang::En), &["/start legal-pl-mops"]);
    assert_eq!(
        linked[0].lang,
        Lang::Pl,
        "a link's language over the phone's"
    );

    // Asked nicely, it is the same command.
    for (typed, lang) in [
        ("забудь меня, пожалуйста", Lang::Ru),
        ("Будь ласка, забудь мене", Lang::Uk),
        ("Zapomnij mnie proszę", Lang::Pl),
        ("please forget me", Lang::En),
    ] {
        let replies = turns(Some(lang), &["/start", typed]);
        assert_eq!(first(&replies[1]), text(lang, "forgotten"), "{typed}");
    }
    let asked = turns(Some(Lang::Uk), &["/start", "2", "назад будь ласка"]);
    assert_eq!(
        first(&asked[2]),
        text(Lang::Uk, "node-start-again"),
        "back, asked nicely"
    );
}

/// A caseworker's code as people type it: a step with `_` typed with spaces, Ukraine's code for
/// the language; typed words are never read as a code.
#[test]
fn a_code_is_read_as_people_type_it() {
    let content = super::support::shipped();
    let read = |text: &str, first: bool| krok::core::engine::typed_code(&content, text, first);
    assert_eq!(
        read("Legal advice ru mops", true).as_deref(),
        Some("legal_advice-ru-mops")
    );
    assert_eq!(read("legal-ua", true).as_deref(), Some("legal-ua"));
    assert_eq!(read("donate money now", false), None);
    assert_eq!(read("legal advice", false), None);
}

/// A voice note, a sticker and a photo in a row: the whole "I read only text" once, then a
/// short line, each with 112; a text understood in between starts it over.
#[test]
fn things_krok_cannot_open_in_a_row_get_the_explanation_once() {
    let t = transcript(
        Some(Lang::Uk),
        &["/start", "[photo]", "[photo]", "[photo]", "1", "[photo]"],
    );
    assert_eq!(t.matches("голосові повідомлення").count(), 2, "{t}");
    assert_eq!(t.matches("Це я теж не можу відкрити").count(), 2, "{t}");
    assert!(t.matches("112").count() >= 5, "{t}");
}

/// The main menu greets once a day: back at it the same day it only asks what the person needs;
/// a greeting is greeted back; a new language greets in it; the next day greets again.
#[test]
fn the_menu_greets_once_a_day() {
    use std::sync::Arc;

    use chrono::TimeDelta;
    use krok::core::message::{Inbound, Msg};
    use krok::store::{MemoryStore, UserKey};

    use super::support::{app_with, shipped, tuesday_morning};

    let text = |lang, id: &str| shipped().locales.text(lang, &Msg::new(id.to_owned()));
    let app = app_with(Arc::new(MemoryStore::new()));
    let user = UserKey::new("tg", "12");
    let say = |line: &str, hours: i64| {
        let now = tuesday_morning() + TimeDelta::hours(hours);
        let inbound = match line.strip_prefix("[button] ") {
            Some(data) => Inbound::new(krok::core::message::InboundKind::Button(data.into())),
            None => Inbound::from_text(line),
        };
        let inbound = inbound.with_hint(Some(Lang::Uk));
        app.handle(&user, &inbound, now).messages[0].text.clone()
    };
    let hello = text(Lang::Uk, "node-start");
    let again = text(Lang::Uk, "node-start-again");
    assert_ne!(hello, again);
    assert_eq!(say("/start", 0), hello);
    say("2", 0);
    assert_eq!(say("/restart", 1), again, "start over the same day");
    say("2", 1);
    assert_eq!(say("/back", 1), again, "back to the menu");
    assert_eq!(say("привіт", 2), hello, "greeted back");
    assert_eq!(say("/start", 2), again);
    assert_eq!(
        say("[button] @lang:pl", 2),
        text(Lang::Pl, "node-start"),
        "in the new language"
    );
    assert_eq!(
        say("/start", 26),
        text(Lang::Pl, "node-start"),
        "the next day"
    );
}

/// English chosen by mistake and said so in Ukrainian: the step again in Ukrainian, and a need
/// said with it is answered in Ukrainian; Polish typed without its letters as a first message
/// is answered in Polish, not with the language question.
#[test]
fn a_language_chosen_by_mistake_is_left_and_polish_without_its_letters_is_polish() {
    let text = |lang: Lang, id: &'static str| {
        super::support::shipped()
            .locales
            .text(lang, &krok::core::message::Msg::new(id))
    };
    let switched = transcript(None, &["/start", "3", "я не розумію англійську"]);
    let (_, last) = switched.split_at(switched.rfind("> ").unwrap());
    assert!(last.contains(&text(Lang::Uk, "nav-lang")), "{last}");
    assert!(!last.contains(&text(Lang::En, "nav-lang")), "{last}");
    let need = transcript(
        None,
        &["/start", "3", "не понимаю по-английски, нужен юрист"],
    );
    let (_, last) = need.split_at(need.rfind("> ").unwrap());
    assert!(last.contains(&text(Lang::Ru, "nav-lang")), "{last}");
    for polish in ["potrzebuje prawnika", "szukam pracy"] {
        let first = transcript(None, &[polish]);
        assert!(
            first.contains(&text(Lang::Pl, "nav-lang")),
            "{polish}: {first}"
        );
        assert!(!first.contains("Choose your language"), "{polish}: {first}");
    }
}

/// A message with two needs ("a bed for tonight, and my child has a fever") opens the step
/// of one and keeps the other's button first on it, until the person moves on; a second
/// "need" that is a crisis step (helping victims is no victim's message) gets no button.
#[test]
fn a_second_need_in_the_same_message_keeps_its_button_on_the_first_step() {
    let t = transcript(
        None,
        &[
            "нам треба житло на ніч і в дитини температура",
            "1",
            "/back",
        ],
    );
    let turns: Vec<&str> = t.split("\n> ").collect();
    let (first, pressed, back) = (turns[0], turns[1], turns[2]);
    assert!(first.contains("  1. Також: 🛏️ Житло чи нічліг\n"), "{t}");
    assert!(
        first.contains("Якщо дитині важко дихати"),
        "the health step: {t}"
    );
    assert!(pressed.contains("ночі"), "the housing step: {t}");
    assert!(!back.contains("Також:"), "gone once the person moved: {t}");
    let t = transcript(
        None,
        &["I need a family doctor and help with my mother's pension"],
    );
    assert!(t.contains("  1. Also: "), "{t}");
    let t = transcript(None, &["how can I help victims of domestic violence"]);
    assert!(!t.contains("Also:"), "{t}");
}
