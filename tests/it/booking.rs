//! Booking a consultation: conversations, races, crashes, reminders, caseworkers.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;

use chrono::{DateTime, TimeDelta, Utc};
use krok::app::App;
use krok::booking::{Bookings, Hold, ReminderKind, State};
use krok::core::booking::Contact;
use krok::core::lang::Lang;
use krok::core::message::{Inbound, Msg};
use krok::core::problem::{Problems, Source};
use krok::core::schedule::Schedule;
use krok::store::{MemoryStore, SledStore, TurnStore, UserKey};

use super::support::{app_with, shipped, transcript_with, tuesday_morning, warsaw};

/// Each line with its own time: `(minutes after Tuesday 10:00, line)`.
fn timed_transcript(app: &App, lines: &[(i64, &str)]) -> String {
    let user = krok::adapters::console::user();
    let mut out = String::new();
    for (minutes, line) in lines {
        let inbound = krok::core::message::Inbound::from_text(line).with_hint(Some(Lang::En));
        let reply = app.handle(
            &user,
            &inbound,
            tuesday_morning() + TimeDelta::minutes(*minutes),
        );
        let mut text = Vec::new();
        krok::adapters::console::write_reply(&mut text, &reply).unwrap();
        out.push_str(&format!(
            "> [+{minutes} min] {line}\n{}",
            String::from_utf8(text).unwrap()
        ));
    }
    out
}

/// Booking codes are random: a transcript shows where they are, not which they are.
fn without_codes(transcript: &str) -> String {
    let code = regex::Regex::new(r"\b[A-HJKMNP-Z2-9]{8}\b").unwrap();
    code.replace_all(transcript, "[CODE]").into_owned()
}

#[test]
fn book_list_and_cancel_a_legal_consultation() {
    let app = app_with(Arc::new(MemoryStore::new()));
    insta::assert_snapshot!(without_codes(&transcript_with(
        &app,
        Some(Lang::En),
        &[
            "/start legal-en",
            "1",
            "1",
            "4",
            "!!!",
            "Olena K.",
            "2",
            "600 100 200",
            "+48 600 100 200",
            "1",
            "/bookings",
            "1",
            "2"
        ]
    )));
}

#[test]
fn a_hold_that_expires_is_released_and_times_are_offered_again() {
    let app = app_with(Arc::new(MemoryStore::new()));
    let t = timed_transcript(
        &app,
        &[
            (0, "/start legal-en"),
            (0, "1"),
            (0, "1"),
            (0, "1"),
            (1, "Olena"),
            (2, "1"),
            (13, "1"),
        ],
    );
    insta::assert_snapshot!(t);
    assert!(
        app.bookings().load_by_slot().unwrap().is_empty(),
        "the expired hold was released"
    );
}

/// Someone who held a time, went away and comes back after the hold ran out hears so at the
/// first thing they type or tap, not after giving their name and number again.
#[test]
fn a_hold_that_ran_out_is_told_at_the_next_step_not_at_the_last() {
    let app = app_with(Arc::new(MemoryStore::new()));
    // Opens the legal step by a link and holds the first time offered, at `m` minutes.
    let hold = |m: i64| [(m, "/start legal-en"), (m, "1"), (m, "1"), (m, "1")];
    // The name typed after the hold ran out is kept, and the same time, still free, held
    // again: the booking goes on to how to reach the person.
    let t = timed_transcript(&app, &[&hold(0)[..], &[(25, "Olena")]].concat());
    let last = t.rsplit("> [+25 min] Olena\n").next().unwrap();
    assert!(
        last.starts_with("I'm keeping") && last.contains("again") && last.contains("Olena"),
        "{last}"
    );
    assert!(
        last.contains("How should we reach you"),
        "the next step: {last}"
    );
    let held = app.bookings().load_by_slot().unwrap();
    assert_eq!(
        held.values().sum::<u32>(),
        1,
        "one hold, the new one: {held:?}"
    );
    let t = timed_transcript(&app, &[&hold(30)[..], &[(31, "Olena"), (45, "1")]].concat());
    let last = t.rsplit("> [+45 min] 1\n").next().unwrap();
    assert!(
        last.starts_with("The 10 minutes I kept that time for you have passed."),
        "the choice of how to be reached: {last}"
    );
}

/// A crisis told in the middle of a booking is answered first; the name typed next answers
/// the booking's question, which waited under the crisis answer.
#[test]
fn a_name_typed_after_a_crisis_answer_goes_on_with_the_booking() {
    let app = app_with(Arc::new(MemoryStore::new()));
    let t = timed_transcript(
        &app,
        &[
            (0, "/start legal-en"),
            (0, "1"),
            (0, "1"),
            (0, "1"),
            (1, "my husband beats me again"),
            (2, "Olena"),
        ],
    );
    let crisis = t.split("> [+1 min]").nth(1).unwrap();
    assert!(crisis.contains("112"), "{crisis}");
    let last = t.rsplit("> [+2 min] Olena\n").next().unwrap();
    assert!(last.contains("How should we reach you"), "{last}");
    assert!(!last.contains("I'm only a bot"), "{last}");
}

#[test]
fn a_non_caseworker_gets_the_normal_dialog_for_caseworker_commands() {
    let t = super::support::transcript(
        Some(Lang::En),
        &["/start", "/day 2026-12-03", "/cancelbooking ABCDEF"],
    );
    assert_eq!(
        t.matches("Sorry, I didn't quite get that").count(),
        1,
        "{t}"
    );
    assert_eq!(t.matches("I'm here, and I want to help.").count(), 1, "{t}");
    assert!(
        !t.contains("Bookings on") && !t.contains("Caseworker"),
        "{t}"
    );
}

/// The first message of the answer to `line` from `person`, on Tuesday morning.
fn first_reply(app: &App, person: &UserKey, line: &str) -> String {
    let inbound = krok::core::message::Inbound::from_text(line);
    app.handle(person, &inbound, tuesday_morning()).messages[0]
        .text
        .clone()
}

/// Back while typing the phone number goes back to "how to reach you", keeping the held slot
/// and the name: choosing the chat then books it.
#[test]
fn back_in_a_booking_is_one_step_back_not_the_end_of_it() {
    let app = app_with(Arc::new(MemoryStore::new()));
    let person = krok::adapters::console::user();
    let say = |line: &str| first_reply(&app, &person, line);
    for line in ["/start legal-uk", "1", "1", "1", "Назар", "2"] {
        say(line);
    }
    let text = |id: &str| {
        shipped()
            .locales
            .text(Lang::Uk, &krok::core::message::Msg::new(id.to_owned()))
    };
    assert_eq!(say("/back"), text("book-contact"));
    assert!(
        say("/back").starts_with("Я притримаю для вас"),
        "then the name, the slot held"
    );
    say("Назар");
    say("1");
    assert!(say("1").starts_with("Вас записано"), "booked");
    assert_eq!(app.bookings().mine(&person).unwrap().len(), 1);
}

/// At the name and phone prompts, the prompt's button works typed as its number or its words;
/// a sentence is not taken for a name, and the refusal names the crisis line; back from the
/// name returns to the times with the held one let go.
#[test]
fn the_name_prompt_takes_its_button_typed_refuses_a_sentence_and_goes_back_to_the_times() {
    let app = app_with(Arc::new(MemoryStore::new()));
    let person = krok::adapters::console::user();
    let say = |line: &str| first_reply(&app, &person, line);
    let held = |say: &dyn Fn(&str) -> String| {
        for line in ["/start legal-uk", "1", "1"] {
            say(line);
        }
        assert!(say("1").starts_with("Я притримаю для вас"), "held");
    };
    held(&say);
    assert_eq!(say("Не записуватися"), "Добре, я вас не записав.");
    assert!(app.bookings().load_by_slot().unwrap().is_empty(), "let go");
    held(&say);
    assert_eq!(say("1"), "Добре, я вас не записав.", "its number");
    held(&say);
    let refused = say("я не знаю що писати");
    assert!(
        refused.starts_with("Напишіть, будь ласка, лише ім'я")
            && refused.contains("+48 12 421 92 82"),
        "{refused}"
    );
    let crisis = say("я себе ріжу");
    assert!(
        crisis.starts_with("Дякую, що розповіли"),
        "a crisis, not a name: {crisis}"
    );
    assert!(
        say("2").starts_with("Я притримаю для вас"),
        "continue (after the kind's own step): the prompt again"
    );
    assert!(
        say("назад").contains("Оберіть зручний час"),
        "back to the times"
    );
    assert!(app.bookings().load_by_slot().unwrap().is_empty(), "let go");
    assert!(
        say("1").starts_with("Я притримаю для вас"),
        "a time held again"
    );
}

/// An old menu button pressed while the booking asks for the name says it is old and asks
/// again, the time still held; the name typed then is taken. A contact shared from the chat
/// app where the number is asked is the number.
#[test]
fn an_old_button_keeps_the_held_time_and_a_shared_contact_is_the_number() {
    use krok::core::message::InboundKind;
    let app = app_with(Arc::new(MemoryStore::new()));
    let person = krok::adapters::console::user();
    let say = |line: &str| first_reply(&app, &person, line);
    let send = |kind: InboundKind| {
        let reply = app.handle(&person, &Inbound::new(kind), tuesday_morning());
        reply
            .messages
            .into_iter()
            .map(|m| m.text)
            .collect::<Vec<_>>()
    };
    for line in ["/start legal-uk", "1", "1"] {
        say(line);
    }
    assert!(say("1").starts_with("Я притримаю для вас"), "held");
    let old = send(InboundKind::Button("start|opt-legal".into()));
    assert!(
        old[0].starts_with("Ця кнопка з попереднього кроку")
            && old[1].starts_with("Я притримаю для вас"),
        "{old:?}"
    );
    assert_eq!(
        app.bookings().load_by_slot().unwrap().len(),
        1,
        "still held"
    );
    assert!(
        say("Марія").starts_with("Як з вами зв'язатися"),
        "the name taken"
    );
    say("2");
    let read = send(InboundKind::Contact("380501234567".into()));
    assert!(read[0].contains("+380 50 123 45 67"), "{read:?}");
    assert!(say("1").starts_with("Вас записано"), "booked");
    let booking = &app.bookings().mine(&person).unwrap()[0];
    assert_eq!(booking.name.as_deref(), Some("Марія"));
    assert_eq!(booking.contact, Contact::Phone("+380501234567".into()));
    let elsewhere = send(InboundKind::Contact("380501234567".into()));
    assert!(elsewhere[0].contains("лише текст"), "{elsewhere:?}");
}

/// "How can we reach you?" answered with one's number (the most natural answer) books by
/// phone at that number, read back; an option's number is still the option.
#[test]
fn a_number_typed_at_the_contact_question_is_the_phone_to_reach() {
    let app = app_with(Arc::new(MemoryStore::new()));
    let person = krok::adapters::console::user();
    let say = |line: &str| first_reply(&app, &person, line);
    for line in ["/start legal-uk", "1", "1", "1"] {
        say(line);
    }
    assert!(say("Оля").starts_with("Як з вами зв'язатися"));
    assert!(
        say("050-123-45-67").contains("+380 50 123 45 67"),
        "read back"
    );
    // Typed again with words around it, in the old form with the trunk 8: it replaces it.
    assert!(
        say("мій номер 8 (093) 123-45-67").contains("+380 93 123 45 67"),
        "read back again"
    );
    assert!(say("1").starts_with("Вас записано"), "booked");
    let booking = &app.bookings().mine(&person).unwrap()[0];
    assert_eq!(booking.contact, Contact::Phone("+380931234567".into()));
}

/// "How can we reach you?" answered in a few words of one's own: here in the chat, or by
/// phone (then the number is asked).
#[test]
fn the_contact_question_answered_in_words_takes_the_chat_or_the_phone() {
    let app = app_with(Arc::new(MemoryStore::new()));
    let text = |lang: Lang, id: &'static str| {
        let text = shipped()
            .locales
            .text(lang, &krok::core::message::Msg::new(id).arg("days", "30"));
        text.chars().take(20).collect::<String>()
    };
    let cases = [
        (Lang::Uk, "тут у чаті", "book-consent"),
        (Lang::Uk, "Пишіть у чат", "book-consent"),
        (Lang::Pl, "przez czat", "book-consent"),
        (Lang::Pl, "czat", "book-consent"),
        (Lang::Ru, "здесь в чате", "book-consent"),
        (Lang::En, "chat please", "book-consent"),
        (Lang::Uk, "телефоном", "book-phone"),
        (Lang::Ru, "лучше по телефону", "book-phone"),
        (Lang::Pl, "telefonicznie proszę", "book-phone"),
        (Lang::En, "by phone", "book-phone"),
    ];
    // A new person at the contact question in `lang` answers `typed`.
    let answer = |who: String, lang: Lang, typed: &str| {
        let person = UserKey::new("console", &who);
        let say = |line: &str| first_reply(&app, &person, line);
        for line in [
            &format!("/start legal-{}", lang.code()),
            "1",
            "1",
            "1",
            "Olena",
        ] {
            say(line);
        }
        say(typed)
    };
    for (n, (lang, typed, asks)) in cases.into_iter().enumerate() {
        let said = answer(format!("contact{n}"), lang, typed);
        assert!(said.starts_with(&text(lang, asks)), "{typed}: {said}");
    }
    // "Don't call me" is no yes to the phone.
    for (n, (lang, typed)) in [
        (Lang::Uk, "не дзвоніть"),
        (Lang::En, "I have no phone"),
        (Lang::Pl, "nie dzwońcie, nie mam telefonu"),
    ]
    .into_iter()
    .enumerate()
    {
        let said = answer(format!("nophone{n}"), lang, typed);
        assert!(
            !said.starts_with(&text(lang, "book-phone")),
            "{typed}: {said}"
        );
    }
}

/// The console person with a legal consultation booked in `lang`, shown their bookings.
fn listed(lang: Lang) -> App {
    let app = app_with(Arc::new(MemoryStore::new()));
    let start = format!("/start legal-{}", lang.code());
    let book = [start.as_str(), "1", "1", "1", "Ola", "1", "1", "/bookings"];
    transcript_with(&app, Some(lang), &book);
    app
}

/// The console person with a legal consultation booked in `lang`, asked whether to cancel it.
fn asked_to_cancel(lang: Lang) -> App {
    let app = listed(lang);
    transcript_with(&app, Some(lang), &["1"]);
    app
}

/// "Cancel your consultation?" answered with the keep words people type: the booking stays.
#[test]
fn the_cancel_question_answered_with_keep_words_keeps_the_booking() {
    for (lang, keep) in [
        (Lang::Uk, "ні, залиште"),
        (Lang::Uk, "не скасовуйте"),
        (Lang::Uk, "Ні, не треба"),
        (Lang::Ru, "нет, оставьте"),
        (Lang::Pl, "nie odwołuj"),
        (Lang::Pl, "Nie, nie trzeba"),
        (Lang::En, "no, don't cancel it"),
    ] {
        let app = asked_to_cancel(lang);
        let person = krok::adapters::console::user();
        let kept = transcript_with(&app, Some(lang), &[keep]);
        let said = shipped()
            .locales
            .text(lang, &krok::core::message::Msg::new("bookings-kept"));
        assert!(kept.contains(&said), "{keep}: {kept}");
        assert_eq!(app.bookings().mine(&person).unwrap().len(), 1, "{keep}");
    }
}

/// Where there are no buttons (Matrix) the agreement is typed in its own words, with a "yes"
/// in front or a word after it; a "not" after it agrees to nothing.
#[test]
fn the_agreement_typed_in_its_own_words_books() {
    let app = app_with(Arc::new(MemoryStore::new()));
    let cases = [
        ("uk", "так, згодна", "Вас записано"),
        ("uk", "Погоджуюся", "Вас записано"),
        ("pl", "Zgadzam się, rezerwuję.", "Zarezerwowano"),
        ("pl", "zgoda", "Zarezerwowano"),
        ("ru", "да, согласна", "Вы записаны"),
        ("en", "I agree", "Booked"),
        ("en", "i agree but not now", ""),
    ];
    for (n, (lang, agree, answer)) in cases.into_iter().enumerate() {
        let person = UserKey::new("console", &format!("agree{n}"));
        let say = |line: &str| first_reply(&app, &person, line);
        for line in [&format!("/start legal-{lang}"), "1", "1", "1", "Olena"] {
            say(line);
        }
        say("+48 501 234 567");
        let said = say(agree);
        if answer.is_empty() {
            assert!(app.bookings().mine(&person).unwrap().is_empty(), "{said}");
        } else {
            assert!(said.starts_with(answer), "{lang} {agree}: {said}");
        }
    }
}

/// Where there are no buttons people type part of an option: its first word, a word of four
/// letters or more, the start of a word, a slot's time. Only an option matched alone is
/// taken: "grudnia", in every time offered, is asked again.
#[test]
fn part_of_an_options_words_chooses_it_when_only_one_option_has_them() {
    let app = app_with(Arc::new(MemoryStore::new()));
    let person = krok::adapters::console::user();
    let say = |line: &str| first_reply(&app, &person, line);
    say("/start legal_advice-pl");
    assert!(
        say("zarezerwuj").contains("Wybierz termin"),
        "booking started"
    );
    let other = UserKey::new("console", "other");
    first_reply(&app, &other, "/start legal_advice-pl");
    assert!(
        first_reply(&app, &other, "chcę zarezerwować").contains("Wybierz termin"),
        "the verb's other form, with the wish"
    );
    // Typed as people type on Matrix: a later page by its stem, a time with "о" before it,
    // the chat with "в" where the label has "у".
    let third = UserKey::new("console", "third");
    let typed = |line: &str| first_reply(&app, &third, line);
    typed("/start legal_advice-uk");
    typed("1");
    typed("пізніше");
    assert!(
        typed("о 16:30").starts_with("Я притримаю для вас цей час (чт, 10 грудня, 16:30)"),
        "the one 16:30 on the later page"
    );
    typed("Оля");
    assert!(
        typed("в чаті").starts_with("Щоб записати вас"),
        "the consent"
    );
    let all = say("grudnia");
    assert!(all.starts_with("Przepraszam"), "every time has it: {all}");
    assert!(say("później").contains("Wybierz termin"), "later times");
    assert!(
        say("16:00").starts_with("Trzymam dla ciebie termin czw., 10 grudnia, 16:00"),
        "the one 16:00 on the page"
    );
    say("Ola");
    let here = say("tutaj");
    assert!(here.starts_with("Na potrzeby rezerwacji"), "here: {here}");
}

/// Later times, then earlier times: each page after the first offers the way back, the last
/// page too (it has no "later"), and "earlier" shows the page before it again.
#[test]
fn later_pages_of_times_lead_back_to_the_earlier_ones() {
    let app = app_with(Arc::new(MemoryStore::new()));
    let person = krok::adapters::console::user();
    let press = |data: &str| {
        let inbound = Inbound::new(krok::core::message::InboundKind::Button(data.into()));
        app.handle(&person, &inbound, tuesday_morning())
    };
    let page = |reply: &krok::app::Reply| -> (Vec<String>, Vec<String>) {
        let buttons = &reply.messages.last().unwrap().buttons;
        let data = buttons.iter().map(|b| b.data.clone()).collect();
        let labels = buttons.iter().map(|b| b.label.clone()).collect();
        (data, labels)
    };
    let say = |line: &str| {
        let inbound = krok::core::message::Inbound::from_text(line);
        app.handle(&person, &inbound, tuesday_morning())
    };
    say("/start legal_advice-en");
    let (first, labels) = page(&press("legal_advice|opt-book"));
    assert!(!first.contains(&"@earlier".to_owned()), "{labels:?}");
    let slots = |data: &[String]| -> Vec<String> {
        data.iter()
            .filter(|d| d.starts_with("@slot:"))
            .cloned()
            .collect()
    };
    let mut pages = vec![slots(&first)];
    let mut data = first.clone();
    while data.contains(&"@later".to_owned()) {
        let (next, labels) = page(&press("@later"));
        assert!(
            next.contains(&"@earlier".to_owned()) && labels.contains(&"◀ Earlier times".to_owned()),
            "{labels:?}"
        );
        // "Later" keeps its number from page to page (typed twice, it goes on twice).
        let at = |d: &[String]| d.iter().position(|x| x == "@later");
        if next.contains(&"@later".to_owned()) {
            assert_eq!(at(&next), at(&first), "{labels:?}");
        }
        pages.push(slots(&next));
        data = next;
        assert!(pages.len() < 50, "the pages end");
    }
    assert!(
        pages.len() >= 2,
        "the shipped schedule has more than one page"
    );
    for back in (0..pages.len() - 1).rev() {
        let (data, _) = page(&press("@earlier"));
        assert_eq!(slots(&data), pages[back], "page {back} again");
    }
    let (data, _) = page(&press("@later"));
    assert_eq!(slots(&data), pages[1], "and on again");
}

/// Typed words never let a booking go or agree to one by a part of a label: "записуватися" is
/// a word of "✖️ Не записуватися", and "зрозуміло" (understood) is no consent to keeping one's
/// name and number; "так" is.
#[test]
fn a_word_of_not_booking_does_not_drop_the_booking_and_understood_is_no_consent() {
    let app = app_with(Arc::new(MemoryStore::new()));
    let person = krok::adapters::console::user();
    let say = |line: &str| first_reply(&app, &person, line);
    for line in ["/start legal_advice-uk", "1", "1", "Оля"] {
        say(line);
    }
    assert!(
        say("записуватися").starts_with("Вибачте"),
        "asked again, not dropped"
    );
    let consent = say("1");
    assert!(consent.starts_with("Щоб записати вас"), "{consent}");
    assert!(
        say("зрозуміло").starts_with("Щоб записати вас"),
        "asked again"
    );
    assert!(say("записуватися").starts_with("Вибачте"), "still held");
    assert!(app.bookings().mine(&person).unwrap().is_empty());
    assert!(say("так").starts_with("Вас записано"));
}

/// Name and number as people give them to a person: "Мене звати Оксана" books Оксана; a
/// Polish number without +48 and a Ukrainian one with its 0 are read and read back; a number
/// typed again before agreeing replaces the one read; "так" agrees.
#[test]
fn names_and_numbers_as_people_give_them_are_read_back_and_yes_agrees() {
    let app = app_with(Arc::new(MemoryStore::new()));
    let person = krok::adapters::console::user();
    let say = |line: &str| first_reply(&app, &person, line);
    for line in ["/start legal-uk", "1", "1", "1"] {
        say(line);
    }
    let contact = say("Мене звати Оксана");
    assert!(contact.starts_with("Як з вами зв'язатися"), "{contact}");
    say("2");
    assert_eq!(
        say("501 234 567"),
        "Номер для зв'язку: +48 501 234 567. Якщо в ньому помилка, напишіть його ще раз."
    );
    let again = say("050-123-45-67");
    assert!(again.contains("+380 50 123 45 67"), "{again}");
    let booked = say("так");
    assert!(booked.starts_with("Вас записано"), "{booked}");
    let booking = &app.bookings().mine(&person).unwrap()[0];
    assert_eq!(booking.name.as_deref(), Some("Оксана"));
    assert_eq!(
        booking.contact,
        krok::core::booking::Contact::Phone("+380501234567".into())
    );
}

/// One account cannot take everyone's places: a new hold lets the person's last one go
/// (pressing "Book" again, /start mid-booking), and with two consultations booked ahead the
/// third is refused with the list to cancel from.
#[test]
fn one_person_holds_one_time_and_books_at_most_two_ahead() {
    let store = Arc::new(MemoryStore::new());
    let app = app_with(store);
    let person = krok::adapters::console::user();
    let say = |line: &str| first_reply(&app, &person, line);
    // Places taken, held or booked (only this person books here).
    let taken = |app: &App| app.bookings().load_by_slot().unwrap().values().sum::<u32>();
    for line in ["/start legal-uk", "1", "1"] {
        say(line);
    }
    assert!(say("1").starts_with("Я притримаю для вас"));
    for line in [
        "/start legal-uk",
        "1",
        "1",
        "2",
        "/start legal-uk",
        "1",
        "1",
        "3",
    ] {
        say(line);
    }
    assert_eq!(taken(&app), 1, "one hold at a time");
    for _ in 0..2 {
        for line in ["/start legal-uk", "1", "1", "1", "Оксана", "1"] {
            say(line);
        }
        assert!(say("1").starts_with("Вас записано"), "booked");
    }
    assert_eq!(taken(&app), 2, "two booked, nothing held");
    say("/start legal-uk");
    say("1");
    let refused = say("1");
    assert!(
        refused.starts_with("У вас уже 2 заплановані консультації"),
        "{refused}"
    );
    assert_eq!(app.bookings().mine(&person).unwrap().len(), 2);
}

/// Bookings are warned of when more are made within an hour than real demand makes for the
/// places there are (a quarter of them, but never below 8 or a drop-in point's busy hour would
/// be warned of: 9 of the 36 ahead of this Tuesday), not at a fixed number a few accounts
/// could book under for days.
#[test]
fn more_bookings_within_an_hour_than_the_places_call_for_are_warned_of() {
    let app = app_with(Arc::new(MemoryStore::new()));
    let book = |n: usize| {
        let person = UserKey::new("console", &format!("p{n}"));
        for line in ["/start legal-uk", "1", "1", "1", "Оксана", "1"] {
            first_reply(&app, &person, line);
        }
        let done = first_reply(&app, &person, "1");
        assert!(done.starts_with("Вас записано"), "{done}");
    };
    let places = app.content().schedule.places(tuesday_morning());
    assert_eq!(places, 36, "6 times a Thursday, 2 consultants, 3 Thursdays");
    let usual = krok::ops::flood::per_hour(places);
    assert_eq!(usual, 9);
    for n in 0..usual {
        book(n);
    }
    assert_eq!(app.booking_flood(), None, "a busy hour");
    book(usual);
    let warned = app.booking_flood().expect("more than usual");
    assert!(
        warned.contains("10 consultations booked within the hour (usually at most 9)"),
        "{warned}"
    );
}

/// A cry for help typed where the booking asks for a name or a number is never taken as one:
/// the crisis lines come, the booking waits behind "continue"; "ні" to the consent question
/// books nothing; a language's name typed at the name prompt switches to it.
#[test]
fn a_cry_for_help_is_no_name_no_is_no_consent_and_a_language_no_name() {
    let app = app_with(Arc::new(MemoryStore::new()));
    let person = krok::adapters::console::user();
    let say = |line: &str| {
        let inbound = Inbound::from_text(line);
        let reply = app.handle(&person, &inbound, tuesday_morning());
        let texts: Vec<String> = reply.messages.iter().map(|m| m.text.clone()).collect();
        texts.join("\n")
    };
    // The words people use for it open the booking ("записатись", with the wish in front).
    for line in ["/start legal-uk", "1", "хочу записатись"] {
        say(line);
    }
    assert!(say("1").contains("Як вас записати"), "the name is asked");
    for cry in ["допоможіть", "мені страшно", "pomocy"] {
        let answer = say(cry);
        assert!(
            answer.contains("112") && answer.contains("+48 12 421 92 82"),
            "{cry}: {answer}"
        );
        let back = say("продовжити");
        assert!(
            back.contains("Як вас записати"),
            "{cry}, then continue: {back}"
        );
    }
    let switched = say("русский");
    assert!(switched.contains("Как вас записать"), "{switched}");
    say("Оксана");
    let consent = say("1");
    assert!(consent.contains("Крок хранит"), "{consent}");
    let refused = say("нет");
    assert!(refused.starts_with("Хорошо, я вас не записал"), "{refused}");
    assert!(app.bookings().mine(&person).unwrap().is_empty());
    assert!(
        app.bookings()
            .load_by_slot()
            .unwrap()
            .values()
            .all(|n| *n == 0)
    );
}

/// A date reads with its own month in every language (the month is a number a message
/// chooses by, not text, which always took the default, December), and counts take the form
/// their number needs.
#[test]
fn a_date_in_january_reads_as_january_and_counts_take_their_plural() {
    let content = shipped();
    let when = |lang: Lang, start: i64| {
        let msg = krok::core::booking::when_args(start)
            .into_iter()
            .fold(Msg::new("book-when"), |m, (k, v)| m.arg(k, v));
        content.locales.text(lang, &msg)
    };
    let january = warsaw(2027, 1, 7, 16, 0).timestamp();
    assert_eq!(when(Lang::Uk, january), "чт, 7 січня, 16:00");
    assert_eq!(when(Lang::Ru, january), "чт, 7 января, 16:00");
    assert!(
        when(Lang::Pl, january).contains("stycznia"),
        "{}",
        when(Lang::Pl, january)
    );
    assert!(
        when(Lang::En, january).contains("Jan"),
        "{}",
        when(Lang::En, january)
    );
    let december = warsaw(2026, 12, 3, 16, 0).timestamp();
    assert_eq!(when(Lang::Uk, december), "чт, 3 грудня, 16:00");
    let held = |lang: Lang, minutes: &str| {
        let msg = Msg::new("book-held")
            .arg("when", "X")
            .arg("minutes", minutes);
        content.locales.text(lang, &msg)
    };
    for (lang, minutes, plural) in [
        (Lang::Uk, "2", "2 хвилини"),
        (Lang::Uk, "10", "10 хвилин"),
        (Lang::Uk, "21", "21 хвилину"),
        (Lang::En, "1", "1 minute."),
    ] {
        let text = held(lang, minutes);
        assert!(text.contains(plural), "{text}");
    }
}

/// A time the person has booked is not offered to them again: a second booking of it would
/// take the place of someone else.
#[test]
fn a_booked_time_is_not_offered_to_the_same_person_again() {
    let app = app_with(Arc::new(MemoryStore::new()));
    let person = krok::adapters::console::user();
    let say = |line: &str| first_reply(&app, &person, line);
    for line in ["/start legal-uk", "1", "1", "1", "Оксана", "1"] {
        say(line);
    }
    assert!(say("1").starts_with("Вас записано"), "booked");
    let booked = app.bookings().mine(&person).unwrap()[0].start;
    // "📅 Book a time" again, under the confirmation.
    let slots = app.handle(
        &person,
        &krok::core::message::Inbound::from_text("1"),
        tuesday_morning(),
    );
    // (after the word that a consultation is booked already)
    let offered: Vec<String> = slots
        .messages
        .last()
        .unwrap()
        .buttons
        .iter()
        .map(|b| b.label.clone())
        .collect();
    let when = krok::core::booking::when_args(booked);
    let time = &when.iter().find(|(k, _)| *k == "time").unwrap().1;
    assert!(
        !offered.iter().any(|l| l.contains(time.as_str())),
        "{time} not offered again: {offered:?}"
    );
    assert!(offered.len() >= 4, "{offered:?}");
}

/// Changing the language while choosing a time shows the times again in the new language,
/// and the booking goes on from there.
#[test]
fn a_new_language_mid_booking_keeps_the_booking() {
    let app = app_with(Arc::new(MemoryStore::new()));
    let person = krok::adapters::console::user();
    let say = |line: &str| first_reply(&app, &person, line);
    let slots_uk = {
        say("/start legal-uk");
        say("1");
        say("1")
    };
    assert!(slots_uk.contains("Оберіть зручний час"), "{slots_uk}");
    say("/lang");
    let slots_pl = say("2");
    assert_ne!(slots_pl, slots_uk);
    assert!(
        slots_pl.contains("Wybierz termin"),
        "the times, in Polish: {slots_pl}"
    );
    for line in ["1", "Nazar", "1"] {
        say(line);
    }
    assert!(say("1").starts_with("Zarezerwowano"), "booked");
    // Started in Ukrainian, confirmed in Polish: called and reminded in Polish.
    let booked = app.bookings().mine(&person).unwrap();
    assert_eq!(booked[0].lang, Lang::Pl);
}

#[test]
fn a_caseworker_lists_a_day_and_cancels_a_booking_and_the_person_is_told() {
    let store = Arc::new(MemoryStore::new());
    let app = app_with(store).with_staff(["tg:42".to_string()]);
    let person = krok::adapters::console::user();
    for line in ["/start legal-uk", "1", "1", "1", "Оля", "1", "1"] {
        app.handle(
            &person,
            &krok::core::message::Inbound::from_text(line),
            tuesday_morning(),
        );
    }
    let booked = app.bookings().mine(&person).unwrap();
    assert_eq!(booked.len(), 1);
    let staff = UserKey::new("tg", "42");
    let ask = |text: &str| {
        app.handle(
            &staff,
            &krok::core::message::Inbound::from_text(text).with_hint(Some(Lang::Pl)),
            tuesday_morning(),
        )
    };
    let day = ask("/day 2026-12-03");
    // A caseworker's first message of the day is work, not someone starting a conversation.
    assert!(
        !day.events
            .iter()
            .any(|e| matches!(e, krok::core::event::Event::Started { .. })),
        "{:?}",
        day.events
    );
    let all: Vec<&str> = day.messages.iter().map(|m| m.text.as_str()).collect();
    assert!(
        all[0].contains("2026-12-03") && all[0].ends_with('1'),
        "{all:?}"
    );
    assert!(
        all[1].starts_with("16:00")
            && all[1].contains("\u{2068}Оля\u{2069}")
            && all[1].contains(&booked[0].code),
        "{all:?}"
    );
    assert!(
        all[1].contains("Українська"),
        "the language to call in: {all:?}"
    );
    // A date as people write it, and no date for today (a Tuesday without consultations).
    let texts = |reply: krok::app::Reply| -> Vec<String> {
        reply.messages.into_iter().map(|m| m.text).collect()
    };
    assert_eq!(texts(ask("/day 3.12")), all);
    let today = texts(ask("/day"));
    assert!(
        today[0].contains("2026-12-01") && today.len() == 1,
        "{today:?}"
    );
    // A phone's keyboard that capitalises the first word; yesterday in words.
    assert_eq!(texts(ask("/DAY")), today);
    let yesterday = texts(ask("/Day wczoraj"));
    assert!(yesterday[0].contains("2026-11-30"), "{yesterday:?}");
    let mistyped = ask("/cancelbooking zzzz9999");
    assert_eq!(
        mistyped.messages[0].text,
        "Nie ma rezerwacji o kodzie ZZZZ9999."
    );
    // A note too long to reach the person whole cancels nothing, and says how long it may be.
    let long = "Bardzo przepraszamy. ".repeat(15) + "Prosimy zadzwonić pod +48 12 616 54 32";
    let refused = ask(&format!("/cancelbooking {} {long}", booked[0].code));
    assert!(
        refused.messages[0].text.starts_with("Niczego nie odwołano")
            && refused.messages[0].text.contains("najwyżej 300"),
        "{}",
        refused.messages[0].text
    );
    assert!(refused.notices.is_empty());
    assert_eq!(app.bookings().mine(&person).unwrap().len(), 1);
    let cancel = ask(&format!("/cancelbooking {}", booked[0].code));
    assert!(cancel.messages[0].text.contains(&booked[0].code));
    let (who, notice) = &cancel.notices[0];
    assert_eq!(who, &person);
    assert_eq!(notice.lang, Lang::Uk);
    assert!(
        notice.messages[0].text.contains("16:00"),
        "{}",
        notice.messages[0].text
    );
    assert!(app.bookings().mine(&person).unwrap().is_empty());
    // The same code again (a second caseworker, a double send): said to be cancelled
    // already, by whom, and nothing is sent to the person twice.
    let again = ask(&format!("/cancelbooking {}", booked[0].code));
    assert!(
        again.messages[0].text.contains("została już odwołana")
            && again.messages[0].text.contains("przez pracownika"),
        "{}",
        again.messages[0].text
    );
    assert!(again.notices.is_empty());
}

/// A time held and walked away from by opening another link is let go at once: it would
/// keep the time from others (and look like someone blocking times on the desk) until the hold
/// lapsed. A crisis in the middle keeps it, as "continue" goes back to the booking.
#[test]
fn a_time_held_is_let_go_when_the_person_opens_another_step() {
    let app = app_with(Arc::new(MemoryStore::new()));
    let person = krok::adapters::console::user();
    let say = |line: &str| {
        app.handle(
            &person,
            &krok::core::message::Inbound::from_text(line),
            tuesday_morning(),
        )
    };
    let thursday = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    let held = || app.bookings().held_on(thursday).unwrap().len();
    for line in ["/start legal-uk", "1", "1", "1"] {
        say(line);
    }
    assert_eq!(held(), 1, "the first time is held while the name is asked");
    say("не хочу жити");
    assert_eq!(
        held(),
        1,
        "a crisis keeps it: continue goes back to the booking"
    );
    say("/start donate-uk-mops");
    assert_eq!(held(), 0, "another link lets it go");
}

/// A person who booked in Ukrainian and then chose Russian reads Russian: a caseworker's
/// cancellation (and the desk's "call in") follows the language they chose last.
#[test]
fn a_cancellation_is_said_in_the_language_the_person_chose_last() {
    let app = app_with(Arc::new(MemoryStore::new())).with_staff(["tg:42".to_string()]);
    let person = krok::adapters::console::user();
    let say = |line: &str| {
        app.handle(
            &person,
            &krok::core::message::Inbound::from_text(line),
            tuesday_morning(),
        )
    };
    for line in ["/start legal-uk", "1", "1", "1", "Оля", "1", "1"] {
        say(line);
    }
    let booked = app.bookings().mine(&person).unwrap();
    assert_eq!(booked[0].lang, Lang::Uk);
    say("/lang");
    say("русский");
    assert_eq!(app.bookings().mine(&person).unwrap()[0].lang, Lang::Ru);
    let staff = UserKey::new("tg", "42");
    let cancel = app.handle(
        &staff,
        &krok::core::message::Inbound::from_text(&format!("/cancelbooking {}", booked[0].code))
            .with_hint(Some(Lang::Pl)),
        tuesday_morning(),
    );
    let (_, notice) = &cancel.notices[0];
    assert_eq!(notice.lang, Lang::Ru, "{}", notice.messages[0].text);
}

/// A caseworker on Matrix, whose app gives no language, is answered in the language of their
/// note, else in Polish (as the desk), not in Ukrainian.
#[test]
fn a_caseworker_with_no_language_is_answered_in_polish_or_in_the_notes_language() {
    let app = app_with(Arc::new(MemoryStore::new())).with_staff([
        "mx:@piotr:example.org".to_string(),
        "mx:@ann:example.org".to_string(),
    ]);
    let first = |who: &str, text: &str| {
        let reply = app.handle(
            &UserKey::new("mx", who),
            &Inbound::from_text(text),
            tuesday_morning(),
        );
        reply.messages[0].text.clone()
    };
    assert!(
        first("@piotr:example.org", "/day 3.12").starts_with("Rezerwacje"),
        "Polish"
    );
    let note = "/cancelbooking ZZZZ9999 The consultant is ill, please book another time";
    assert_eq!(
        first("@ann:example.org", note),
        "There is no booking with the code ZZZZ9999."
    );
}

#[test]
fn a_cancel_reason_that_sounds_like_a_crisis_still_cancels_and_is_told() {
    let store = Arc::new(MemoryStore::new());
    let app = app_with(store).with_staff(["tg:42".to_string()]);
    let person = krok::adapters::console::user();
    for line in ["/start legal-uk", "1", "1", "1", "Оля", "1", "1"] {
        app.handle(&person, &Inbound::from_text(line), tuesday_morning());
    }
    let code = app.bookings().mine(&person).unwrap()[0].code.clone();
    let reason = "the consultant is in hospital after an overdose";
    let cancel = app.handle(
        &UserKey::new("tg", "42"),
        &Inbound::from_text(&format!("/cancelbooking {code} {reason}")),
        tuesday_morning(),
    );
    assert!(
        cancel.messages[0].text.contains(&code),
        "{:?}",
        cancel.messages
    );
    assert!(cancel.notices[0].1.messages[0].text.contains(reason));
    assert!(app.bookings().mine(&person).unwrap().is_empty());
}

fn race_schedule() -> Schedule {
    let text = r#"
hold_minutes = 10
keep_days = 30
[[kind]]
id = "legal"
service = "migrant-legal-duty"
schedule = "Th 16:00-17:00"
slot_minutes = 30
consultants = 10
horizon_days = 7
languages = ["uk"]
"#;
    let mut problems = Problems::default();
    // Only the service it names: the kill -9 child must reach its loop quickly, without
    // compiling all the content.
    let services = ["migrant-legal-duty".to_owned()].into_iter().collect();
    let schedule = Schedule::load(&Source::new("race.toml", text), &services, &mut problems);
    assert!(!problems.has_errors(), "{problems}");
    schedule
}

#[test]
fn a_thousand_clients_race_for_ten_places_in_sled() {
    let dir = tempfile::tempdir().unwrap();
    let store = SledStore::open(dir.path()).unwrap();
    race_for_ten_places(store.bookings());
}

#[test]
fn a_thousand_clients_race_for_ten_places_in_memory() {
    race_for_ten_places(Arc::new(Bookings::memory()));
}

/// 1000 threads hold and confirm the same slot of capacity 10.
pub(super) fn race_for_ten_places(bookings: Arc<Bookings>) {
    let schedule = Arc::new(race_schedule());
    let now = tuesday_morning();
    let first = bookings.free_slots(&schedule, "legal", None, now).unwrap()[0];
    let threads: Vec<_> = (0..1000)
        .map(|i| {
            let (bookings, schedule) = (bookings.clone(), schedule.clone());
            std::thread::spawn(move || {
                let user = UserKey::new("tg", &i.to_string());
                match bookings
                    .hold(&schedule, "legal", first, &user, Lang::Uk, now)
                    .unwrap()
                {
                    Hold::Held(code) => {
                        let confirmed = bookings
                            .confirm(&code, &user, "O", &Contact::Chat, Lang::Uk, now)
                            .unwrap();
                        (confirmed.is_some(), Vec::new())
                    }
                    Hold::Taken => (
                        false,
                        bookings.free_slots(&schedule, "legal", None, now).unwrap(),
                    ),
                }
            })
        })
        .collect();
    let results: Vec<(bool, Vec<i64>)> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    assert_eq!(
        results.iter().filter(|(ok, _)| *ok).count(),
        10,
        "exactly ten confirmed"
    );
    for (_, offered) in results.iter().filter(|(ok, _)| !ok) {
        assert!(
            !offered.is_empty() && !offered.contains(&first),
            "the others are offered other times: {offered:?}"
        );
    }
    assert_eq!(
        bookings.load_by_slot().unwrap()[&("legal".to_string(), first)],
        10
    );
}

/// Run by `kill_9_while_confirming_loses_no_confirmed_booking` in a child process.
#[test]
#[ignore = "runs as the child of the kill -9 test"]
fn confirm_loop_child() {
    let Ok(dir) = std::env::var("KROK_CONFIRM_LOOP_DIR") else {
        return;
    };
    let store = SledStore::open(std::path::Path::new(&dir)).unwrap();
    let bookings = store.bookings();
    let schedule = race_schedule();
    let now = tuesday_morning();
    for i in 0.. {
        let user = UserKey::new("tg", &format!("{}{i}", std::process::id()));
        let Some(start) = bookings
            .free_slots(&schedule, "legal", None, now)
            .unwrap()
            .first()
            .copied()
        else {
            // Full: make room so the loop goes on.
            let victim = bookings
                .day(chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap())
                .unwrap()
                .pop()
                .unwrap();
            // Announced before it happens: a kill in between must not look like a lost booking.
            println!("CANCELLING {}", victim.code);
            bookings.cancel(&victim.code, None).unwrap();
            continue;
        };
        if let Hold::Held(code) = bookings
            .hold(&schedule, "legal", start, &user, Lang::Uk, now)
            .unwrap()
            && bookings
                .confirm(&code, &user, "O", &Contact::Chat, Lang::Uk, now)
                .unwrap()
                .is_some()
        {
            println!("CONFIRMED {code}");
        }
    }
}

#[test]
fn kill_9_while_confirming_loses_no_confirmed_booking() {
    let dir = tempfile::tempdir().unwrap();
    let mut confirmed = std::collections::BTreeSet::new();
    // Every confirmation the loop announced: the bookings still standing at the end are fewer,
    // as the loop cancels to make room once the slots are full.
    let mut confirmations = 0;
    let mut seed: u64 = 0x2545F4914F6CDD1D;
    for round in 0..50 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "booking::confirm_loop_child",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("KROK_CONFIRM_LOOP_DIR", dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (lines, from_child) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if lines.send(line).is_err() {
                    break;
                }
            }
        });
        // The kill comes a random while after the child's first booking, not after its
        // start: under a loaded machine the start alone can take longer than the wait.
        let mut seen = Vec::new();
        while !seen
            .last()
            .is_some_and(|l: &String| l.contains("CONFIRMED "))
        {
            let line = from_child
                .recv_timeout(std::time::Duration::from_secs(60))
                .expect("the child confirmed nothing within a minute");
            seen.push(line);
        }
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(std::time::Duration::from_millis(20 + seed % 200));
        child.kill().unwrap();
        child.wait().unwrap();
        reader.join().unwrap();
        seen.extend(from_child.try_iter());
        for line in seen {
            // The test harness's own "test … " may share the first line.
            let marker = |m: &str| line.find(m).map(|i| line[i + m.len()..].trim().to_owned());
            if let Some(code) = marker("CONFIRMED ") {
                confirmations += 1;
                confirmed.insert(code);
            } else if let Some(code) = marker("CANCELLING ") {
                confirmed.remove(&code);
            }
        }
        let store = SledStore::open(dir.path()).unwrap();
        let bookings = store.bookings();
        for code in &confirmed {
            let b = bookings
                .get(code)
                .unwrap()
                .unwrap_or_else(|| panic!("round {round}: confirmed booking {code} is lost"));
            assert_eq!(b.state, State::Confirmed);
        }
        for (slot, n) in bookings.load_by_slot().unwrap() {
            assert!(
                n <= 10,
                "round {round}: slot {slot:?} has {n} bookings for 10 places"
            );
        }
    }
    assert!(
        confirmations >= 50,
        "the loop confirmed a booking in every round: {confirmations}"
    );
}

fn dst_schedule() -> Schedule {
    let text = r#"
hold_minutes = 10
keep_days = 30
[[kind]]
id = "business"
service = "business-point"
schedule = "Mo-Fr 08:00-15:00"
slot_minutes = 30
consultants = 1
horizon_days = 28
languages = ["uk"]
"#;
    let mut problems = Problems::default();
    Schedule::load(
        &Source::new("dst.toml", text),
        &shipped().services.ids(),
        &mut problems,
    )
}

#[test]
fn reminders_are_sent_once_at_local_time_across_daylight_saving_and_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let schedule = dst_schedule();
    // Booked on Friday 26 March 2027 for Monday 29 March 09:00; summer time starts on Sunday 28.
    let booked_at = warsaw(2027, 3, 26, 12, 0);
    let start = warsaw(2027, 3, 29, 9, 0).timestamp();
    let user = UserKey::new("tg", "77");
    let (code, cancelled_code) = {
        let store = SledStore::open(dir.path()).unwrap();
        let bookings = store.bookings();
        let mut codes = Vec::new();
        for s in [start, start + 1800] {
            let Hold::Held(code) = bookings
                .hold(&schedule, "business", s, &user, Lang::Uk, booked_at)
                .unwrap()
            else {
                panic!("held")
            };
            bookings
                .confirm(&code, &user, "O", &Contact::Chat, Lang::Uk, booked_at)
                .unwrap()
                .unwrap();
            codes.push(code);
        }
        bookings.cancel(&codes[1], Some(&user)).unwrap();
        (codes[0].clone(), codes[1].clone())
    };
    let due = |now: DateTime<Utc>| {
        let store = SledStore::open(dir.path()).unwrap();
        let bookings = store.bookings();
        let list = bookings.due_reminders(now).unwrap();
        for (b, kind) in &list {
            bookings.mark_reminded(&b.code, *kind).unwrap();
        }
        list.into_iter()
            .map(|(b, k)| (b.code, k))
            .collect::<Vec<_>>()
    };
    // The day before at 09:00 Warsaw time is 07:00 UTC on 28 March (summer time already).
    assert!(due(warsaw(2027, 3, 28, 8, 59)).is_empty());
    assert_eq!(
        warsaw(2027, 3, 28, 9, 0).to_rfc3339(),
        "2027-03-28T07:00:00+00:00"
    );
    assert_eq!(
        due(warsaw(2027, 3, 28, 9, 0)),
        vec![(code.clone(), ReminderKind::DayBefore)]
    );
    assert!(
        due(warsaw(2027, 3, 28, 9, 30)).is_empty(),
        "sent once, also after reopening the store"
    );
    assert!(due(warsaw(2027, 3, 29, 7, 59)).is_empty());
    assert_eq!(
        due(warsaw(2027, 3, 29, 8, 0)),
        vec![(code.clone(), ReminderKind::HourBefore)]
    );
    assert!(due(warsaw(2027, 3, 29, 8, 30)).is_empty());
    assert!(
        !format!("{:?}", due(warsaw(2027, 3, 29, 8, 45))).contains(&cancelled_code),
        "no reminder for a cancelled booking"
    );
}

#[test]
fn the_cli_lists_a_day_as_a_table_and_as_csv() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = Arc::new(SledStore::open(dir.path()).unwrap());
        let bookings = store.bookings();
        let app = App::new(shipped(), store, 30).with_bookings(bookings);
        transcript_with(
            &app,
            Some(Lang::En),
            &[
                "/start legal-en",
                "1",
                "1",
                "1",
                "Olena K",
                "2",
                "+48 600 100 200",
                "1",
            ],
        );
    }
    let krok = |args: &[&str], data: &std::path::Path| {
        super::bounded::output(
            Command::new(super::support::krok_bin())
                .args(args)
                .current_dir(super::support::root())
                .env("KROK_DATA_DIR", data),
            b"",
            super::bounded::PROCESS_LIMIT,
            &format!("krok {args:?}"),
        )
    };
    let run = |args: &[&str]| {
        let out = krok(args, dir.path());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        // Names and phone numbers shown: in the audit trail, the user's id a number.
        let uid = std::fs::metadata("/proc/self")
            .map(|m| std::os::unix::fs::MetadataExt::uid(&m))
            .unwrap();
        assert!(
            stderr.contains("cli-view-day") && stderr.contains(&format!("uid={uid} ")),
            "{stderr}"
        );
        String::from_utf8(out.stdout).unwrap()
    };
    // A data folder that is not there is said so, not reported as an empty day.
    let nowhere = dir.path().join("not-here");
    let out = krok(&["bookings", "--date", "2026-12-03"], &nowhere);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success()
            && stderr.contains("no Krok data in")
            && !stderr.contains("cli-view-day"),
        "a refused view is no view: {stderr}"
    );
    assert!(!nowhere.exists(), "and not made");
    let table = run(&["bookings", "--date", "2026-12-03"]);
    assert!(
        table.starts_with("2026-12-03: 1 booking(s)") && table.contains("16:00"),
        "{table}"
    );
    assert!(
        table.contains("time   code") && table.contains("Bezpłatna porada prawna"),
        "a header, and the kind named as the consultants read it: {table}"
    );
    assert!(
        table.contains("+48 600 100 200"),
        "the phone grouped as it is dialled: {table}"
    );
    // Without --date: today in Kraków (the booking is on another day).
    let today = run(&["bookings"]);
    let date = krok::core::schedule::krakow_date(chrono::Utc::now());
    assert!(today.starts_with(&format!("{date}: ")), "{today}");
    // Read from another folder (the bot is down, the operator is elsewhere): the content is
    // not there, the list still is.
    let elsewhere = super::bounded::output(
        Command::new(super::support::krok_bin())
            .args(["bookings", "--date", "2026-12-03"])
            .current_dir(dir.path())
            .env("KROK_DATA_DIR", dir.path()),
        b"",
        super::bounded::PROCESS_LIMIT,
        "krok bookings elsewhere",
    );
    let listed = String::from_utf8_lossy(&elsewhere.stdout);
    assert!(
        elsewhere.status.success() && listed.contains("Olena K") && listed.contains("legal"),
        "{listed}{}",
        String::from_utf8_lossy(&elsewhere.stderr)
    );
    // The day as a caseworker writes it in `/day`.
    let dotted = run(&["bookings", "--date", "03.12.2026"]);
    assert!(dotted.starts_with("2026-12-03: 1 booking(s)"), "{dotted}");
    let csv = run(&["bookings", "--date", "2026-12-03", "--csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "time,kind,name,contact,language,code");
    assert!(
        lines[1].starts_with("\"16:00\",\"legal\",\"Olena K\",\"'+48600100200\",\"en\","),
        "{csv}"
    );
}

/// A cancel pressed on a list shown before a caseworker cancelled the booking: not asked
/// about, the person is told it is gone and sees their list as it is now.
#[test]
fn a_cancel_on_an_old_list_of_a_booking_cancelled_meanwhile_says_it_is_gone() {
    let app = app_with(Arc::new(MemoryStore::new()));
    let book = [
        "/start legal-en",
        "1",
        "1",
        "1",
        "Ola",
        "1",
        "1",
        "/bookings",
    ];
    transcript_with(&app, Some(Lang::En), &book);
    let person = krok::adapters::console::user();
    let code = app.bookings().mine(&person).unwrap()[0].code.clone();
    app.bookings().cancel(&code, None).unwrap();
    let t = transcript_with(&app, Some(Lang::En), &["1"]);
    assert!(
        t.contains("That booking no longer exists.") && !t.contains("Cancel your consultation"),
        "{t}"
    );
}

/// "Cancel your consultation …?" answered in words: a "no" keeps it, a bare "ok" asks again
/// (never "all right" without acting), a "yes" in the person's language cancels.
#[test]
fn the_cancel_question_answered_in_words_keeps_asks_again_or_cancels() {
    for (lang, no, ok, yes) in [
        (Lang::Uk, "ні", "добре", "Так!"),
        (Lang::Ru, "нет", "хорошо", "да, отмените пожалуйста"),
        (Lang::Pl, "nie", "ok", "tak, odwołaj"),
        (Lang::En, "no", "okay", "yes"),
    ] {
        let app = asked_to_cancel(lang);
        let person = krok::adapters::console::user();
        let booked = || app.bookings().mine(&person).unwrap().len();
        assert_eq!(booked(), 1);
        let kept = transcript_with(&app, Some(lang), &[no, "1", ok]);
        assert_eq!(booked(), 1, "{lang:?}: {kept}");
        // The "no" is answered with the booking kept and the list, not the question again.
        let said = |id: &'static str| {
            shipped()
                .locales
                .text(lang, &krok::core::message::Msg::new(id))
        };
        let after_no = kept.split(&format!("> {no}\n")).nth(1).unwrap();
        let after_no = after_no.split("\n> ").next().unwrap();
        assert!(
            after_no.contains(&said("bookings-kept")) && after_no.contains(&said("bookings-list")),
            "{lang:?}: {after_no}"
        );
        assert!(
            !after_no.contains(&said("bookings-keep")),
            "{lang:?}: {after_no}"
        );
        let asked_again = kept.split(&format!("> {ok}\n")).nth(1).unwrap();
        let all_right = shipped()
            .locales
            .text(lang, &krok::core::message::Msg::new("ok-reply"));
        assert!(
            !asked_again.contains(all_right.split('.').next().unwrap()),
            "{lang:?}: {kept}"
        );
        let done = transcript_with(&app, Some(lang), &[yes]);
        assert_eq!(booked(), 0, "{lang:?}: {done}");
    }
}

/// A closed date added (a holiday) where someone is booked: nothing is cancelled by itself,
/// and `/healthz` names the booking so a caseworker cancels it and the person is told.
#[test]
fn a_closed_date_over_a_booking_is_told_until_the_booking_is_cancelled() {
    let app = app_with(Arc::new(MemoryStore::new()));
    transcript_with(
        &app,
        Some(Lang::Pl),
        &["/start legal-pl", "1", "1", "1", "Ola", "1", "1"],
    );
    let booked = app
        .bookings()
        .mine(&krok::adapters::console::user())
        .unwrap();
    let (start, code) = (booked[0].start, booked[0].code.clone());
    app.check_booked_times(tuesday_morning());
    assert!(!app.health().report().1.contains("booked times"));
    let day = DateTime::from_timestamp(start, 0)
        .unwrap()
        .with_timezone(&chrono_tz::Europe::Warsaw)
        .date_naive();
    let copy = super::ops::content_copy();
    let schedule = copy.path().join("dialogs/booking.toml");
    let text = std::fs::read_to_string(&schedule).unwrap();
    std::fs::write(
        &schedule,
        text.replacen("closed = [", &format!("closed = [{day}, "), 1),
    )
    .unwrap();
    let closed =
        krok::files::load_content(&copy.path().join("dialogs"), &copy.path().join("locales"));
    app.set_content(Arc::new(closed.unwrap()));
    app.check_booked_times(tuesday_morning());
    let report = app.health().report().1;
    assert!(
        report
            .contains("booked times: warning: 1 booking(s) on times the content no longer offers")
            && report.contains(&krok::core::schedule::krakow_time(start, "%Y-%m-%d %H:%M"))
            && !report.contains(&code),
        "{report}"
    );
    assert_eq!(
        app.bookings()
            .mine(&krok::adapters::console::user())
            .unwrap()
            .len(),
        1,
        "kept"
    );
}

#[test]
fn forget_cancels_and_deletes_the_persons_bookings() {
    let app = app_with(Arc::new(MemoryStore::new()));
    let t = transcript_with(
        &app,
        Some(Lang::Pl),
        &["/start legal-pl", "1", "1", "1", "Ola", "1", "1"],
    );
    let person = krok::adapters::console::user();
    let forget = Inbound::from_text("/forget").with_hint(Some(Lang::Pl));
    let forgot = app.handle(&person, &forget, tuesday_morning());
    let told: Vec<&str> = forgot.messages.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(
        told[1],
        "Twoja konsultacja zaplanowana na czw., 3 grudnia, 16:00 też została odwołana, a ten termin jest już wolny dla innych.",
        "the person is told which consultation went with it: {told:?}"
    );
    assert!(
        forgot
            .events
            .contains(&krok::core::event::Event::Cancelled("legal".into())),
        "a consultation ahead that /forget deleted counts as cancelled: {:?}",
        forgot.events
    );
    assert!(t.contains("Zarezerwowano") || t.contains("rezerw"), "{t}");
    assert!(
        app.bookings().load_by_slot().unwrap().is_empty(),
        "the slot is free again: {t}"
    );
    assert!(
        app.bookings()
            .mine(&krok::adapters::console::user())
            .unwrap()
            .is_empty()
    );
    // Written in a group, /forget deletes nothing (a mis-tap there must not cancel what the
    // person booked in their private chat, nor the answer name it to the group).
    let private = UserKey::new("tg", "55");
    for line in ["/start legal-pl", "1", "1", "1", "Ola", "1", "1"] {
        let inbound = Inbound::from_text(line).with_hint(Some(Lang::Pl));
        app.handle(&private, &inbound, tuesday_morning());
    }
    assert_eq!(app.bookings().mine(&private).unwrap().len(), 1);
    let in_group = UserKey::new("tg", "-7/55");
    let forgot = app.handle(
        &in_group,
        &forget.clone().in_shared_chat(true),
        tuesday_morning(),
    );
    assert!(
        !forgot
            .events
            .contains(&krok::core::event::Event::Cancelled("legal".into())),
        "{:?}",
        forgot.events
    );
    assert!(
        forgot.messages[0]
            .text
            .starts_with("Stąd niczego nie usunę"),
        "{:?}",
        forgot.messages
    );
    assert_eq!(app.bookings().mine(&private).unwrap().len(), 1);
}

/// Back at the name step after a crisis answer, the minutes the time is still held for are
/// the minutes left, not the whole hold again.
#[test]
fn the_held_time_shown_again_counts_down() {
    let app = app_with(Arc::new(MemoryStore::new()));
    let t = timed_transcript(
        &app,
        &[
            (0, "/start legal-en"),
            (0, "1"),
            (0, "1"),
            (0, "1"),
            (4, "I want to die"),
            (4, "2"),
        ],
    );
    let again = t.rsplit("] 2\n").next().unwrap();
    assert!(
        again.contains("for 6 more minutes") || again.contains("6 minutes"),
        "{t}"
    );
}

/// A name or a number corrected by editing the message during a booking is taken: the
/// booking keeps what the person meant, not the typo.
#[test]
fn a_name_or_number_corrected_by_editing_is_what_the_booking_keeps() {
    let app = app_with(Arc::new(MemoryStore::new()));
    let lines = [
        "/start legal-en",
        "1",
        "1",
        "1",
        "Olna",
        "2",
        "+48 600 111 223",
    ];
    transcript_with(&app, Some(Lang::En), &lines);
    let person = krok::adapters::console::user();
    let edit = |text: &str| {
        let inbound = Inbound::new(krok::core::message::InboundKind::Edited(text.into()))
            .with_hint(Some(Lang::En));
        super::support::said(&app.handle(&person, &inbound, tuesday_morning()))
    };
    let said = edit("+48 600 111 222");
    assert!(said.contains("Your number: +48 600 111 222"), "{said}");
    let said = edit("Olena Shevchenko");
    assert!(
        said.starts_with("Name corrected: Olena Shevchenko."),
        "{said}"
    );
    assert!(
        edit("juryst").contains("Name corrected"),
        "a name is a name"
    );
    edit("Olena Shevchenko");
    transcript_with(&app, Some(Lang::En), &["1"]);
    let booked = &app.bookings().mine(&person).unwrap()[0];
    assert_eq!(booked.name.as_deref(), Some("Olena Shevchenko"));
    assert_eq!(
        booked.contact,
        krok::core::booking::Contact::Phone("+48600111222".into())
    );
    // After the booking, an edit is no correction of it.
    assert_eq!(edit("Olga"), "");
}

/// In a group the menus offer no booking and no list of one's bookings (both are for a
/// private chat only, and answered so), and a number typed there counts the buttons shown; a
/// private chat at the same step is offered both.
#[test]
fn a_group_is_offered_no_booking_buttons_and_its_numbers_count_what_it_sees() {
    let app = app_with(Arc::new(MemoryStore::new()));
    let labels = |user: &UserKey, line: &str, shared: bool| -> Vec<String> {
        let inbound = Inbound::from_text(line)
            .with_hint(Some(Lang::Uk))
            .in_shared_chat(shared);
        let reply = app.handle(user, &inbound, tuesday_morning());
        let last = reply.messages.last().expect("an answer");
        last.buttons.iter().map(|b| b.label.clone()).collect()
    };
    let booking = |labels: &[String]| labels.iter().any(|l| l.contains("📅"));
    let private = UserKey::new("tg", "57");
    assert!(booking(&labels(&private, "/start legal_advice-uk", false)));
    assert!(booking(&labels(&private, "/start", false)), "the main menu");
    let member = UserKey::new("tg", "-7/57");
    let step = labels(&member, "/start legal_advice-uk", true);
    assert!(!step.is_empty() && !booking(&step), "{step:?}");
    let menu = labels(&member, "/start", true);
    assert!(!menu.is_empty() && !booking(&menu), "{menu:?}");
    // The last of the main menu's buttons shown, typed as its number, is what it says.
    let last = menu.len();
    let chosen = labels(&member, &last.to_string(), true);
    assert!(
        chosen.iter().any(|l| l.contains("Українська")),
        "the last button is the language: {menu:?} -> {chosen:?}"
    );
}

/// Under a list of one booking, cancelling it in one's own words ("скасуйте запис", "я не
/// зможу прийти") asks about that booking, as its button does; the booking stays until the
/// person says yes.
#[test]
fn cancelling_in_words_under_a_list_of_one_asks_about_it() {
    for (lang, words) in [
        (Lang::Uk, "скасуйте запис"),
        (Lang::Uk, "я не зможу прийти"),
        (Lang::Uk, "скасуйте мій запис на четвер будь ласка"),
        (Lang::Ru, "отмените, пожалуйста"),
        (Lang::Ru, "я не смогу прийти"),
        (Lang::Pl, "chcę odwołać wizytę"),
        (Lang::Pl, "nie dam rady przyjść"),
        (Lang::En, "please cancel it"),
        (Lang::En, "I can't make it on Thursday"),
    ] {
        let app = listed(lang);
        let asked = transcript_with(&app, Some(lang), &[words]);
        let person = krok::adapters::console::user();
        let label = |id: &'static str| {
            shipped()
                .locales
                .text(lang, &krok::core::message::Msg::new(id))
        };
        assert!(
            asked.contains(&label("bookings-keep"))
                && asked.contains(&label("bookings-cancel-sure")),
            "{words}: {asked}"
        );
        assert_eq!(app.bookings().mine(&person).unwrap().len(), 1, "{words}");
    }
}

/// A cancel typed in one's own words anywhere else than under the list ("скасуй мій запис" at
/// the main menu) shows the person's bookings with their cancel buttons; booking again with a
/// consultation ahead says so once, with its time, and offers the times as before.
#[test]
fn a_cancel_in_own_words_lists_the_bookings_and_a_second_booking_is_told_of_the_first() {
    for (lang, words) in [
        (Lang::Uk, "скасуй мій запис"),
        (Lang::Ru, "хочу отменить мою запись"),
        (Lang::Pl, "chcę anulować moją wizytę"),
        (Lang::En, "please cancel my appointment"),
    ] {
        let app = listed(lang);
        // A message's words before its first placeable ("✖️ Cancel ").
        let text = |id: &'static str| {
            let whole = shipped().locales.text(lang, &Msg::new(id));
            whole.split('{').next().unwrap_or_default().to_owned()
        };
        let menu = transcript_with(&app, Some(lang), &["/start", words]);
        let (_, answer) = menu.split_at(menu.rfind("> ").unwrap());
        assert!(
            answer.contains(&text("bookings-cancel")),
            "{words}: {answer}"
        );
        assert!(!answer.contains(&text("reask-typed")), "{words}: {answer}");
        let person = krok::adapters::console::user();
        assert_eq!(app.bookings().mine(&person).unwrap().len(), 1, "{words}");

        let start = format!("/start legal-{}", lang.code());
        let again = transcript_with(&app, Some(lang), &[start.as_str(), "1", "1"]);
        let (_, offered) = again.split_at(again.rfind("> ").unwrap());
        let first = app.bookings().mine(&person).unwrap()[0].start;
        let with_args = |id| {
            krok::core::booking::when_args(first)
                .into_iter()
                .fold(Msg::new(id), |m, (k, v)| m.arg(k, v))
        };
        let when = shipped().locales.text(lang, &with_args("book-when"));
        let also = shipped()
            .locales
            .text(lang, &Msg::new("book-also").arg("when", when));
        assert!(offered.contains(&also), "{lang:?}: {offered}");
        let later = transcript_with(&app, Some(lang), &["1"]);
        assert!(!later.contains(&also), "said once: {later}");
    }
}

/// "мої записи" typed in the middle of booking another time lists the bookings with a way
/// back to the booking under way, and cancelling the old one from there goes back to it too.
#[test]
fn the_list_looked_at_mid_booking_leads_back_to_the_booking() {
    let app = listed(Lang::Uk);
    let text = |id: &'static str| shipped().locales.text(Lang::Uk, &Msg::new(id));
    let held = transcript_with(&app, Some(Lang::Uk), &["/start legal-uk", "1", "1", "1"]);
    assert!(held.contains("Я притримаю для вас"), "{held}");
    let list = transcript_with(&app, Some(Lang::Uk), &["мої записи"]);
    assert!(list.contains(&text("nav-continue")), "{list}");
    let back = transcript_with(&app, Some(Lang::Uk), &["[button] @here"]);
    assert!(
        back.contains(&text("book-drop")),
        "the name asked again: {back}"
    );
    // The old booking cancelled from the list: the new one's question comes back.
    let person = krok::adapters::console::user();
    let old = app.bookings().mine(&person).unwrap()[0].code.clone();
    transcript_with(&app, Some(Lang::Uk), &["мої записи"]);
    let cancel = format!("[button] @cancel:{old}");
    let sure = format!("[button] @sure:{old}");
    let done = transcript_with(&app, Some(Lang::Uk), &[cancel.as_str(), sure.as_str()]);
    assert!(done.contains(&text("book-drop")), "{done}");
    assert!(app.bookings().mine(&person).unwrap().is_empty(), "{done}");
}

/// A time named in a sentence at the list of times ("на 17:00 можна?", "3 грудня о 16")
/// holds that time; a time not offered, or a day alone, is not taken for one.
#[test]
fn a_time_named_in_a_sentence_is_the_time_chosen() {
    for (lang, words, time) in [
        (Lang::Uk, "на 17:00 можна?", "17:00"),
        (Lang::Uk, "3 грудня о 16", "16:00"),
        (Lang::Ru, "давайте в 16:30", "16:30"),
        (Lang::Pl, "3 grudnia o 17:30 proszę", "17:30"),
        (Lang::En, "at 5:30pm please", "17:30"),
    ] {
        let app = app_with(Arc::new(MemoryStore::new()));
        let start = format!("/start legal-{}", lang.code());
        let lines = [start.as_str(), "1", "1", words, "Ola", "1", "1"];
        let said = transcript_with(&app, Some(lang), &lines);
        let person = krok::adapters::console::user();
        let mine = app.bookings().mine(&person).unwrap();
        assert_eq!(mine.len(), 1, "{words}: {said}");
        assert_eq!(
            krok::core::booking::when_args(mine[0].start)[3].1,
            time,
            "{words}"
        );
    }
    let app = app_with(Arc::new(MemoryStore::new()));
    let said = transcript_with(
        &app,
        Some(Lang::Uk),
        &["/start legal-uk", "1", "1", "о 9:15"],
    );
    let person = krok::adapters::console::user();
    assert!(app.bookings().mine(&person).unwrap().is_empty(), "{said}");
}

/// A time named in words that is not on the buttons shown (they show a page of four) is
/// looked for among all free times: one is held at once, several are offered, none is said.
#[test]
fn a_time_named_off_the_page_is_found_among_all_free_times() {
    let person = krok::adapters::console::user();
    let label = |lang: Lang, id: &'static str, args: &[(&'static str, &str)]| {
        let mut msg = krok::core::message::Msg::new(id);
        for (k, v) in args {
            msg = msg.arg(k, *v);
        }
        shipped().locales.text(lang, &msg)
    };
    // A day and a time: the one slot, held at once, though the first page ends on the 3rd.
    let app = app_with(Arc::new(MemoryStore::new()));
    let lines = [
        "/start legal-uk",
        "1",
        "1",
        "10 грудня о 16",
        "Ola",
        "1",
        "1",
    ];
    let said = transcript_with(&app, Some(Lang::Uk), &lines);
    let mine = app.bookings().mine(&person).unwrap();
    assert_eq!(mine.len(), 1, "{said}");
    let when = krok::core::booking::when_args(mine[0].start);
    assert_eq!((when[1].1.as_str(), when[3].1.as_str()), ("10", "16:00"));
    // A time alone that several days have: those are offered, the first taken by its number.
    let app = app_with(Arc::new(MemoryStore::new()));
    let lines = [
        "/start legal-pl",
        "1",
        "1",
        "może o 18:30?",
        "1",
        "Ola",
        "1",
        "1",
    ];
    let said = transcript_with(&app, Some(Lang::Pl), &lines);
    let several = label(Lang::Pl, "book-said-several", &[("time", "18:30")]);
    assert!(said.contains(&several), "{said}");
    let mine = app.bookings().mine(&person).unwrap();
    assert_eq!(mine.len(), 1, "{said}");
    let when = krok::core::booking::when_args(mine[0].start);
    assert_eq!((when[1].1.as_str(), when[3].1.as_str()), ("3", "18:30"));
    // A time nobody consults at: said so, and the times shown again.
    let app = app_with(Arc::new(MemoryStore::new()));
    let said = transcript_with(
        &app,
        Some(Lang::En),
        &["/start legal-en", "1", "1", "at 9:15"],
    );
    let none = label(
        Lang::En,
        "book-said-none",
        &[("time", "09:15"), ("day", "no")],
    );
    assert!(said.contains(&none), "{said}");
    assert!(
        said.rsplit(&none).next().unwrap().contains("16:00"),
        "{said}"
    );
    assert!(app.bookings().mine(&person).unwrap().is_empty(), "{said}");
}

/// Where the number is asked, someone without a phone of their own goes on in the chat: by
/// the step's button, or by saying so.
#[test]
fn no_phone_at_the_phone_step_goes_on_in_the_chat() {
    for last in ["у мене немає телефону", "1"] {
        let t = super::support::transcript(
            Some(Lang::Uk),
            &["/start legal-uk", "1", "1", "1", "Оксана", "2", last],
        );
        let asked = t.split("> 2\n").nth(1).unwrap();
        assert!(asked.contains("💬 Тут, у цьому чаті"), "{asked}");
        let after = t.rsplit(&format!("> {last}\n")).next().unwrap();
        assert!(
            after.contains("Щоб записати вас") || after.contains("зберігає ваше ім'я"),
            "{after}"
        );
        assert!(!after.contains("Номер для зв'язку"), "{after}");
    }
}

/// A day named alone at the list of times ("17 December", "on Friday", "czwartek") lists that
/// day's free times (the nearest such day of the week); a day without any says so, and the
/// times stay.
#[test]
fn a_day_named_alone_lists_that_days_times() {
    let app = app_with(Arc::new(MemoryStore::new()));
    let t = transcript_with(
        &app,
        Some(Lang::En),
        &[
            "/start legal-en",
            "1",
            "1",
            "17 December",
            "on Friday",
            "24 December",
            "Thursday",
            "w czwartek 10 grudnia",
        ],
    );
    let answers: Vec<&str> = t.split("\n> ").skip(3).collect();
    let [december_17, friday, christmas_eve, thursday, december_10] = answers[..] else {
        panic!("{t}");
    };
    assert!(december_17.contains("Free times on that day:"), "{t}");
    assert!(december_17.contains("1. Thu 17 Dec, 16:00"), "{t}");
    assert!(!december_17.contains("10 Dec"), "{t}");
    for none in [friday, christmas_eve] {
        assert!(
            none.contains("Sorry, there is no free time on that day."),
            "{t}"
        );
        assert!(none.contains("1. Thu 17 Dec, 16:00"), "the times stay: {t}");
    }
    assert!(thursday.contains("1. Thu 3 Dec, 16:00"), "the nearest: {t}");
    assert!(!thursday.contains("10 Dec"), "{t}");
    assert!(december_10.contains("1. Thu 10 Dec, 16:00"), "{t}");
}
