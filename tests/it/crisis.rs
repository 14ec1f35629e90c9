//! Crisis answers that fit the crisis: each kind in each language, with the person's language
//! unknown (the reply is in the language they write in) and known (their choice wins), the
//! kind's services in order and its buttons; and triage measured on the evaluation set.

use std::sync::Arc;

use krok::core::lang::Lang;
use krok::core::message::{Inbound, Msg};
use krok::core::triage_eval;
use krok::store::{MemoryStore, SessionStore, UserKey};

use super::support::{app_with, root, shipped, transcript, tuesday_morning};

/// (kind, the language it is written in, the message).
const CASES: &[(&str, Lang, &str)] = &[
    ("self-harm", Lang::Uk, "я більше не хочу жити"),
    ("self-harm", Lang::Ru, "хочу умереть"),
    ("self-harm", Lang::Pl, "chcę się zabić"),
    ("self-harm", Lang::En, "I am thinking about suicide"),
    ("violence", Lang::Uk, "чоловік мене б'є"),
    ("violence", Lang::Ru, "муж меня бьет"),
    ("violence", Lang::Pl, "mój mąż mnie bije"),
    ("violence", Lang::En, "my husband beats me"),
    ("medical", Lang::Uk, "дитина не дихає"),
    ("medical", Lang::Ru, "ребенок не дышит"),
    ("medical", Lang::Pl, "dziecko nie oddycha"),
    ("medical", Lang::En, "my child is not breathing"),
    ("danger", Lang::Uk, "хтось ламає мені двері"),
    ("danger", Lang::Ru, "кто-то ломится ко мне в дверь"),
    ("danger", Lang::Pl, "ktoś włamuje się do mojego mieszkania"),
    ("danger", Lang::En, "someone is breaking into my flat"),
    ("exploitation", Lang::Uk, "роботодавець забрав мій паспорт"),
    ("exploitation", Lang::Ru, "работодатель забрал мой паспорт"),
    ("exploitation", Lang::Pl, "pracodawca zabrał mi paszport"),
    ("exploitation", Lang::En, "my employer took my passport"),
    ("self-harm-other", Lang::Uk, "сестра порізала руки"),
    (
        "self-harm-other",
        Lang::Ru,
        "мой друг хочет покончить с собой",
    ),
    ("self-harm-other", Lang::Pl, "mój brat chce się zabić"),
    (
        "self-harm-other",
        Lang::En,
        "my friend wants to kill himself",
    ),
    ("exploitation", Lang::En, "they force me into prostitution"),
    ("missing", Lang::Uk, "мама пропала"),
    ("missing", Lang::Ru, "пропал муж третий день"),
    ("missing", Lang::Pl, "zaginęła mama"),
    ("missing", Lang::En, "my sister is missing"),
    ("panic", Lang::Uk, "у мене панічна атака"),
    ("panic", Lang::Ru, "у меня паническая атака"),
    ("panic", Lang::Pl, "mam atak paniki"),
    ("panic", Lang::En, "i am having a panic attack"),
];

fn text(lang: Lang, id: &str) -> String {
    shipped().locales.text(lang, &Msg::new(id.to_owned()))
}

fn service_name(lang: Lang, id: &str) -> String {
    format!("📌 {}", text(lang, &format!("svc-{id}")))
}

#[test]
fn each_kind_is_answered_with_its_text_services_and_buttons_in_the_writers_language() {
    let content = shipped();
    for (kind, lang, message) in CASES {
        let app = app_with(Arc::new(MemoryStore::new()));
        let user = UserKey::new("mx", "@someone:example.org");
        let reply = app.handle(&user, &Inbound::from_text(message), tuesday_morning());
        let k = content.triage.kind(kind).unwrap();
        assert_eq!(
            reply.lang, *lang,
            "{message}: in the language it is written in"
        );
        assert_eq!(reply.messages[0].text, text(*lang, &k.text), "{message}");
        let cards: Vec<&str> = reply.messages[1..]
            .iter()
            .map(|m| m.text.lines().next().unwrap())
            .collect();
        let want: Vec<String> = k.services.iter().map(|s| service_name(*lang, s)).collect();
        assert_eq!(cards, want, "{message}: the kind's services, in order");
        let buttons: Vec<&str> = reply
            .messages
            .last()
            .unwrap()
            .buttons
            .iter()
            .map(|b| b.label.as_str())
            .collect();
        // A first message has nowhere to continue to: no "continue" to a greeting.
        let labels = [text(*lang, &k.button), text(*lang, "nav-restart")];
        assert_eq!(buttons, labels, "{message}: further help, main menu");
        assert!(reply.crisis, "crisis answers leave first");
    }
}

/// Forced sex by a partner is sexual violence, answered with the crisis centre, not with the
/// exploitation answer about employers and passports; forced sex with clients or for money
/// stays exploitation.
#[test]
fn forced_sex_is_violence_and_forced_sex_with_clients_is_exploitation() {
    let triage = &shipped().triage;
    let cases = [
        (
            "violence",
            "mąż zmusza mnie do seksu, mówi że to mój obowiązek",
        ),
        (
            "violence",
            "чоловік змушує мене до сексу, каже що це мій обов'язок як дружини",
        ),
        ("violence", "муж заставляет меня заниматься сексом"),
        ("violence", "my partner made me have sex when i said no"),
        ("violence", "my husband forces me to sleep with him"),
        ("exploitation", "zmuszają mnie do seksu z klientami"),
        (
            "exploitation",
            "змушують займатися сексом з клієнтами за гроші",
        ),
        ("exploitation", "заставляют спать с клиентами"),
        ("exploitation", "they force me to have sex with clients"),
        ("exploitation", "they make me do sex work"),
    ];
    for (want, message) in cases {
        match triage.classify(message) {
            krok::core::triage::Verdict::Crisis { kind, .. } => {
                assert_eq!(kind, want, "{message}")
            }
            other => panic!("{message}: not a crisis ({other:?})"),
        }
    }
}

/// Every kind in every language as the person reads it: with their language not chosen yet,
/// and mid-dialog in their language, then "continue where I was". The whole text, the
/// services and the buttons are kept for review.
#[test]
fn every_kind_in_every_language_as_the_person_reads_it() {
    let mut out = String::new();
    for (kind, lang, message) in CASES {
        out.push_str(&format!("## {kind}, {lang}, language not chosen yet\n"));
        out.push_str(&transcript(None, &[message]));
        out.push_str(&format!("## {kind}, {lang}, mid-dialog in {lang}\n"));
        let start = format!("/start legal-{lang}");
        out.push_str(&transcript(Some(*lang), &[&start, "1", message, "2"]));
    }
    insta::assert_snapshot!(out);
}

#[test]
fn a_language_the_person_chose_wins_and_the_kinds_button_opens_its_step() {
    let app = app_with(Arc::new(MemoryStore::new()));
    let user = UserKey::new("tg", "5");
    let now = tuesday_morning();
    app.handle(&user, &Inbound::from_text("/start legal-pl"), now);
    // Picked on purpose (a caseworker's link alone gives way to English written: see
    // `english_on_a_phone_set_to_polish_is_answered_in_english`).
    app.handle(&user, &Inbound::from_text("polski"), now);
    let reply = app.handle(&user, &Inbound::from_text("my husband beats me"), now);
    assert_eq!(
        reply.lang,
        Lang::Pl,
        "the chosen language, not the message's"
    );
    let further = &reply.messages.last().unwrap().buttons[0];
    let pressed = Inbound::new(krok::core::message::InboundKind::Button(
        further.data.clone(),
    ));
    let next = app.handle(&user, &pressed, now);
    assert!(
        next.messages[0]
            .text
            .starts_with(&text(Lang::Pl, "node-crisis-victim")[..20]),
        "{}",
        next.messages[0].text
    );
    let continued = app.handle(&user, &Inbound::from_text("1"), now);
    assert!(!continued.crisis);
}

/// Before a language is chosen, letters only one language has decide; else the platform's
/// language or the library's guess, when patterns of that language matched; else the patterns'.
/// "думаю про самогубство" matches only Ukrainian patterns, and the library alone took it
/// for Russian.
#[test]
fn a_first_message_in_crisis_is_answered_in_the_language_its_letters_or_patterns_tell() {
    let cases = [
        (Some(Lang::Uk), "думаю про самогубство", Lang::Uk),
        (None, "думаю про самогубство", Lang::Uk),
        (Some(Lang::Ru), "наглотался таблеток", Lang::Ru),
        (None, "наглотался таблеток", Lang::Ru),
        (Some(Lang::Uk), "нас продали", Lang::Uk),
        (Some(Lang::Ru), "нас продали", Lang::Ru),
        (
            Some(Lang::Uk),
            "мне очень плохо, не хочу больше жить",
            Lang::Ru,
        ),
        (
            Some(Lang::En),
            "мені дуже погано, не хочу більше жити",
            Lang::Uk,
        ),
        // Latin letters cannot tell Ukrainian from Russian: the phone's language decides.
        (Some(Lang::Uk), "ne hochu zhyt vzagali", Lang::Uk),
        (Some(Lang::Ru), "ne hochu zhyt vzagali", Lang::Ru),
        (Some(Lang::Uk), "ne hochu zhyt", Lang::Uk),
        (Some(Lang::Ru), "ne hochu zhyt", Lang::Ru),
        // ... unless a word only one of them has tells ("zhit" is Russian's "жить").
        (Some(Lang::Uk), "ne hochu zhit", Lang::Ru),
        // "-ть" ends Russian infinitives and Ukrainian present tense alike: the phone decides.
        (Some(Lang::Uk), "болить у грудях", Lang::Uk),
        (Some(Lang::Ru), "болить у грудях", Lang::Ru),
        // ... but only Russian ends a verb in "-еть".
        (Some(Lang::Uk), "хочу умереть", Lang::Ru),
    ];
    for (hint, message, want) in cases {
        let app = app_with(Arc::new(MemoryStore::new()));
        let user = UserKey::new("tg", "7");
        let inbound = Inbound::from_text(message).with_hint(hint);
        let reply = app.handle(&user, &inbound, tuesday_morning());
        assert!(reply.crisis, "{message}");
        assert_eq!(reply.lang, want, "{message}, platform language {hint:?}");
    }
}

/// Words in trouble get the emergency number and the crisis line, even two of them as a first
/// message ("мені страшно" opens the crisis step, whose card is the 24/7 line; words Krok
/// cannot place name both); a greeting gets the menu, thanks a "you're welcome" and "ok" an
/// "all right", with or without the platform's language.
#[test]
fn short_words_in_trouble_get_the_crisis_line_and_greetings_the_menu() {
    let welcome = |lang| text(lang, "node-start");
    let cases = [
        (None, "мені страшно", Lang::Uk, None),
        (Some(Lang::Uk), "мені страшно", Lang::Uk, None),
        (Some(Lang::En), "I'm scared", Lang::En, None),
        (Some(Lang::Pl), "jest mi bardzo źle", Lang::Pl, None),
        (Some(Lang::Uk), "мені ніяк", Lang::Uk, None),
        (None, "Привіт!", Lang::Uk, Some(welcome(Lang::Uk))),
        (Some(Lang::Uk), "привіт", Lang::Uk, Some(welcome(Lang::Uk))),
        (
            Some(Lang::Ru),
            "Добрый день",
            Lang::Ru,
            Some(welcome(Lang::Ru)),
        ),
        (
            Some(Lang::Pl),
            "dzien dobry",
            Lang::Pl,
            Some(welcome(Lang::Pl)),
        ),
        (Some(Lang::En), "hi", Lang::En, Some(welcome(Lang::En))),
        (None, "Dziękuję", Lang::Pl, Some(welcome(Lang::Pl))),
        (
            Some(Lang::Uk),
            "дякую",
            Lang::Uk,
            Some(text(Lang::Uk, "thanks-reply")),
        ),
        (
            Some(Lang::En),
            "thank you",
            Lang::En,
            Some(text(Lang::En, "thanks-reply")),
        ),
        (
            Some(Lang::Uk),
            "ок",
            Lang::Uk,
            Some(text(Lang::Uk, "ok-reply")),
        ),
        (
            Some(Lang::Pl),
            "tak",
            Lang::Pl,
            Some(text(Lang::Pl, "ok-reply")),
        ),
    ];
    for (hint, message, lang, want) in cases {
        let app = app_with(Arc::new(MemoryStore::new()));
        let user = UserKey::new("tg", "8");
        let inbound = Inbound::from_text(message).with_hint(hint);
        let reply = app.handle(&user, &inbound, tuesday_morning());
        assert_eq!(reply.lang, lang, "{message}");
        let first = &reply.messages[0].text;
        let whole: Vec<&str> = reply.messages.iter().map(|m| m.text.as_str()).collect();
        let whole = whole.join("\n");
        match want {
            Some(want) => assert_eq!(first, &want, "{message}"),
            None => assert!(
                first.contains("112") && whole.contains("421 92 82"),
                "{message}: {whole}"
            ),
        }
        let menu = &reply.messages.last().unwrap().buttons;
        assert!(menu.len() >= 5, "{message}: the options follow");
    }
}

/// Someone Krok keeps not understanding is not given the same words again: the second answer
/// says how to be understood, still with the crisis line. Crying emoji get the crisis line
/// too; "112" typed to the bot gets the lines to call; "SOS" is answered in the phone's
/// language.
#[test]
fn not_understood_twice_changes_the_answer_and_112_or_sos_gets_the_lines() {
    let app = app_with(Arc::new(MemoryStore::new()));
    let user = UserKey::new("tg", "10");
    let say = |text: &str, hint: Lang| {
        let inbound = Inbound::from_text(text).with_hint(Some(hint));
        app.handle(&user, &inbound, tuesday_morning())
    };
    let first = say("блаблабла", Lang::Uk).messages[0].text.clone();
    let phones = |t: &str| t.contains("112") && t.contains("+48 12 421 92 82");
    assert!(first.starts_with("Вибачте, я не зовсім розумію") && phones(&first));
    let second = say("що", Lang::Uk).messages[0].text.clone();
    assert!(
        second.starts_with("Я тут і хочу допомогти") && phones(&second),
        "{second}"
    );
    say("2", Lang::Uk);
    let again = say("блаблабла", Lang::Uk).messages[0].text.clone();
    assert_eq!(
        again, first,
        "understood in between: the count starts again"
    );
    // The 🆘 step asks what happened: the story it gets is met with the people at the line,
    // never "I don't understand, write «lawyer»".
    let told = UserKey::new("tg", "11");
    let tell = |text: &str| {
        let inbound = Inbound::from_text(text).with_hint(Some(Lang::Uk));
        app.handle(&told, &inbound, tuesday_morning())
    };
    tell("/start");
    tell("1");
    let line = |id| {
        text(Lang::Uk, id)
            .replace("{$line}", "+48 12 421 92 82")
            .replace("{$emergency}", "112")
    };
    let story = tell("все набридло").messages[0].text.clone();
    assert_eq!(story, line("crisis-reask"));
    let more = tell("не хочу нічого").messages[0].text.clone();
    assert_eq!(more, line("crisis-reask-again"));
    let emoji = say("😭😭😭", Lang::Uk).messages[0].text.clone();
    assert!(phones(&emoji), "{emoji}");
    let dialled = say("112", Lang::Uk);
    assert!(dialled.crisis, "112 typed: the lines to call");
    assert_eq!(dialled.messages[0].text, text(Lang::Uk, "crisis-alert"));
    for lang in [Lang::Uk, Lang::Ru, Lang::Pl, Lang::En] {
        let app = app_with(Arc::new(MemoryStore::new()));
        let inbound = Inbound::from_text("SOS").with_hint(Some(lang));
        let reply = app.handle(&UserKey::new("tg", "11"), &inbound, tuesday_morning());
        assert!(reply.crisis);
        assert_eq!(reply.lang, lang, "SOS in the phone's language");
    }
}

/// After a crisis answer, words Krok cannot place ("я не хочу дзвонити", "😭") get no "I don't
/// understand" and no list of words to type: that real people answer the line, with the
/// buttons to go on, in other words the second time (the same twice reads as nobody
/// listening); thanks get no cheerful "you're welcome" but the line again.
#[test]
fn words_after_a_crisis_answer_are_met_with_the_people_at_the_line() {
    let app = app_with(Arc::new(MemoryStore::new()));
    let user = UserKey::new("tg", "12");
    let say = |text: &str| {
        let inbound = Inbound::from_text(text).with_hint(Some(Lang::Uk));
        app.handle(&user, &inbound, tuesday_morning())
    };
    assert!(say("не бачу сенсу жити").crisis);
    let said = |id: &str| {
        text(Lang::Uk, id)
            .replace("{$line}", "+48 12 421 92 82")
            .replace("{$emergency}", "112")
    };
    let (reask, again) = (said("crisis-reask"), said("crisis-reask-again"));
    for (i, words) in [
        "я не хочу дзвонити",
        "😭😭😭",
        "мені соромно дзвонити",
        "...",
    ]
    .into_iter()
    .enumerate()
    {
        let reply = say(words);
        let expected = if i % 2 == 0 { &reask } else { &again };
        assert_eq!(&reply.messages[0].text, expected, "{words}");
        assert!(
            !reply.messages.last().unwrap().buttons.is_empty(),
            "{words}"
        );
    }
    let thanked = say("дякую");
    assert_eq!(thanked.messages[0].text, said("crisis-thanks"));
    assert!(!thanked.messages[0].buttons.is_empty());
    // After an emergency's answer (someone not breathing), 112 again and what to tell it,
    // not "call the line and say things are hard".
    let neighbour = UserKey::new("tg", "13");
    let say = |text: &str| {
        let inbound = Inbound::from_text(text).with_hint(Some(Lang::Uk));
        app.handle(&neighbour, &inbound, tuesday_morning())
    };
    assert!(say("мама впала і не дихає").crisis);
    for (words, id) in [
        (
            "я подзвонила що робити поки їдуть",
            "crisis-reask-emergency",
        ),
        ("не знаю адресу", "crisis-reask-emergency-again"),
    ] {
        let reply = say(words);
        assert_eq!(reply.messages[0].text, said(id), "{words}");
    }
}

/// Which crisis was answered is kept while its answer is on the screen, and not once the
/// person has moved on: a stored "self-harm" would tell of them for as long as they come back.
#[test]
fn the_kind_of_a_crisis_is_not_kept_once_the_person_moves_on() {
    let store = Arc::new(MemoryStore::new());
    let app = app_with(store.clone());
    let user = UserKey::new("tg", "14");
    let say = |text: &str| {
        let inbound = Inbound::from_text(text).with_hint(Some(Lang::Uk));
        app.handle(&user, &inbound, tuesday_morning())
    };
    assert!(say("я не хочу жити").crisis);
    let kept = store.load(&user).unwrap().unwrap();
    assert_eq!(kept.crisis.as_deref(), Some("self-harm"));
    say("/start");
    let kept = store.load(&user).unwrap().unwrap();
    assert_eq!(kept.crisis, None, "{kept:?}");
}

/// Ukrainian written on a phone set to Russian is answered in Ukrainian, and Russian on one
/// set to Ukrainian in Russian, when letters or words only that language has tell it; a
/// language the person picked stays.
#[test]
fn ukrainian_on_a_russian_phone_is_answered_in_ukrainian() {
    let app = app_with(Arc::new(MemoryStore::new()));
    let say = |user: &str, text: &str, hint: Lang| {
        let inbound = Inbound::from_text(text).with_hint(Some(hint));
        app.handle(&UserKey::new("tg", user), &inbound, tuesday_morning())
    };
    let reply = say("13", "Добрий день, мені потрібен юрист", Lang::Ru);
    assert_eq!(reply.lang, Lang::Uk, "{}", reply.messages[0].text);
    let reply = say("14", "Здравствуйте, мне нужен юрист", Lang::Uk);
    assert_eq!(reply.lang, Lang::Ru, "{}", reply.messages[0].text);
    let reply = say("15", "юрист", Lang::Ru);
    assert_eq!(reply.lang, Lang::Ru, "one word tells nothing: the phone's");
    say("16", "/lang", Lang::Ru);
    say("16", "4", Lang::Ru);
    let reply = say("16", "Добрий день, мені потрібен юрист", Lang::Ru);
    assert_eq!(reply.lang, Lang::Ru, "Russian picked: it stays");
    // Only Russian patterns matched, with no phone language: Russian, though "найти" ends
    // as a Ukrainian infinitive does.
    let reply = app.handle(
        &UserKey::new("tg", "17"),
        &Inbound::from_text("не могу найти ребенка"),
        tuesday_morning(),
    );
    assert!(reply.crisis);
    assert_eq!(reply.lang, Lang::Ru, "{}", reply.messages[0].text);
}

/// Thanks mid-dialog keep the person where they are, with that step's options.
#[test]
fn thanks_mid_dialog_keep_the_step_and_its_options() {
    let app = app_with(Arc::new(MemoryStore::new()));
    let user = UserKey::new("tg", "9");
    let now = tuesday_morning();
    let shown = app.handle(&user, &Inbound::from_text("/start legal-pl"), now);
    let reply = app.handle(&user, &Inbound::from_text("dzięki"), now);
    assert_eq!(reply.messages.len(), 1);
    assert_eq!(reply.messages[0].text, text(Lang::Pl, "thanks-reply"));
    let labels = |r: &krok::app::Reply| -> Vec<String> {
        let last = r.messages.last().unwrap();
        last.buttons.iter().map(|b| b.label.clone()).collect()
    };
    assert_eq!(labels(&reply), labels(&shown));
}

#[test]
fn language_detection_tells_the_four_languages_and_transliteration_apart() {
    use krok::core::lang::detect;
    for (text, want) in [
        ("я більше не можу так жити", Some(Lang::Uk)),
        ("мне очень плохо, помогите", Some(Lang::Ru)),
        ("nie chcę już żyć", Some(Lang::Pl)),
        ("I don't want to live anymore", Some(Lang::En)),
        ("ya ne hochu zhyty bilshe", Some(Lang::Uk)),
        ("menya bet muzh, pomogite", Some(Lang::Ru)),
        ("12345", None),
    ] {
        assert_eq!(detect(text), want, "{text}");
    }
}

/// Floors the evaluation must not fall below, per language: (recall, false alarms). The
/// patterns were tuned on these sets, so they show that nothing tuned is lost, not how well the
/// patterns generalise (the held-out sets below do).
const FLOORS: &[(&str, f64, f64)] = &[
    ("en", 0.97, 0.03),
    ("mixed", 0.97, 0.03),
    ("pl", 0.97, 0.03),
    ("ru", 0.97, 0.03),
    ("ru-lat", 0.97, 0.03),
    ("uk", 0.97, 0.03),
    ("uk-lat", 0.97, 0.03),
];

/// The evaluation set: five files, each written apart from the patterns and then tuned on.
const EVALUATION: [&str; 5] = [
    "tests/triage_eval.tsv",
    "tests/triage_eval_b.tsv",
    "tests/triage_eval_c.tsv",
    "tests/triage_eval_d.tsv",
    "tests/triage_eval_e.tsv",
];

/// Written by people who saw neither the patterns nor the other sets, and never tuned on
/// (`heldout5` is the untouched half of the set `eval_e` is the other half of: one author).
const HELD_OUT: [&str; 3] = [
    "tests/triage_heldout3.tsv",
    "tests/triage_heldout4.tsv",
    "tests/triage_heldout5.tsv",
];

fn cases_of(files: &[&str]) -> Vec<triage_eval::Case> {
    files
        .iter()
        .flat_map(|f| {
            let text = std::fs::read_to_string(root().join(f)).unwrap();
            triage_eval::parse(&text).unwrap_or_else(|e| panic!("{f}: {e}"))
        })
        .collect()
}

/// The held-out sets measure how triage does on phrasings nobody anticipated: nearly three
/// crises in four are found; the answer to words Krok cannot place names the
/// emergency number and the 24/7 crisis line, so nearly all of them still get the lines.
/// Floors at today's figures, so neither falls.
#[test]
fn the_held_out_sets_keep_their_floors() {
    let cases = cases_of(&HELD_OUT);
    assert!(cases.len() >= 600, "{}", cases.len());
    let report = triage_eval::evaluate(&shipped().triage, &cases);
    let all = report.all;
    let lines_shown = all.lines_shown as f64 / all.crisis as f64;
    assert!(
        all.recall() >= 0.72 && lines_shown >= 0.97 && all.false_alarms() <= 0.01,
        "recall {:.3}, lines shown {lines_shown:.3}, false alarms {:.3}\n{}",
        all.recall(),
        all.false_alarms(),
        report.render()
    );
}

#[test]
fn the_evaluation_set_keeps_its_floors() {
    let cases = cases_of(&EVALUATION);
    let benign = cases.iter().filter(|c| c.kind == "benign").count();
    assert!(
        cases.len() >= 400 && benign * 10 >= cases.len() * 4,
        "400+, 40% benign"
    );
    let report = triage_eval::evaluate(&shipped().triage, &cases);
    for (lang, recall, alarms) in FLOORS {
        let t = report.by_lang[*lang];
        assert!(
            t.recall() >= *recall && t.false_alarms() <= *alarms,
            "{lang}: recall {:.3} (floor {recall}), false alarms {:.3} (ceiling {alarms})\n{}",
            t.recall(),
            t.false_alarms(),
            report.render()
        );
    }
}

#[test]
fn a_card_never_reads_closed_under_a_line_that_answers_at_any_hour_of_a_week() {
    let content = shipped();
    let krafos = content.services.get("krafos").unwrap();
    let monday = super::support::warsaw(2026, 11, 30, 0, 30);
    for hour in 0..24 * 7 {
        let now = monday + chrono::TimeDelta::hours(hour);
        for lang in Lang::ALL {
            let card = krok::core::render::service_card(
                &content,
                lang,
                krafos,
                krafos.status(now),
                krafos.line_open(now),
            );
            let closed = text(lang, "svc-closed-opens-tomorrow");
            let closed_word = closed.split(',').next().unwrap();
            assert!(
                !card.lines().any(|l| l.starts_with(closed_word)),
                "hour {hour}, {lang:?}:\n{card}"
            );
        }
    }
    let night = super::support::warsaw(2026, 12, 1, 23, 0);
    let card = krok::core::render::service_card(
        &content,
        Lang::En,
        krafos,
        krafos.status(night),
        krafos.line_open(night),
    );
    assert!(
        card.contains(
            "📞 The phone line is open now\n🏢 Office: closed now, opens tomorrow at 08:00"
        ),
        "{card}"
    );
}

/// What people write after a crisis answer, as a crisis-line worker hears it: "I can't talk,
/// he'll hear" gets how to get 112 called without speaking, "nobody answers" gets to try again
/// and the other lines open day and night; "zapomnij o mnie", as Poles say it, forgets.
#[test]
fn cant_talk_and_nobody_answers_after_a_crisis_answer_get_their_own_answers() {
    let store = Arc::new(MemoryStore::new());
    let app = app_with(store.clone());
    for (lang, user, crisis, words, id) in [
        (
            Lang::Uk,
            "21",
            "чоловік мене бʼє",
            "не можу говорити він почує",
            "node-crisis-cant-talk",
        ),
        (
            Lang::Pl,
            "22",
            "ktoś się włamuje do mieszkania",
            "nie moge mowic on uslyszy",
            "node-crisis-cant-talk",
        ),
        (
            Lang::En,
            "23",
            "i want to kill myself",
            "nobody answers",
            "node-crisis-no-answer",
        ),
        (
            Lang::Ru,
            "24",
            "не хочу жить",
            "никто не берет трубку",
            "node-crisis-no-answer",
        ),
        (
            Lang::Uk,
            "25",
            "не хочу жити",
            "не можу додзвонитися",
            "node-crisis-no-answer",
        ),
    ] {
        let user = UserKey::new("tg", user);
        let say = |text: &str| {
            let inbound = Inbound::from_text(text).with_hint(Some(lang));
            app.handle(&user, &inbound, tuesday_morning())
        };
        assert!(say(crisis).crisis, "{crisis}");
        let reply = say(words);
        let first = &reply.messages[0].text;
        let start: String = text(lang, id).chars().take(30).collect();
        assert!(first.starts_with(&start), "{words}: {first}");
        let all: String = reply.messages.iter().map(|m| m.text.as_str()).collect();
        assert!(all.contains("112"), "{words}: {all}");
    }
    let user = UserKey::new("tg", "26");
    let say = |text: &str| {
        let inbound = Inbound::from_text(text).with_hint(Some(Lang::Pl));
        app.handle(&user, &inbound, tuesday_morning())
    };
    say("/start");
    assert!(store.load(&user).unwrap().is_some());
    say("Zapomnij o mnie");
    assert_eq!(store.load(&user).unwrap(), None, "forgotten");
    // Said plainly, as someone hiding the chat types it.
    for (n, (lang, words)) in [
        (Lang::Uk, "видали все"),
        (Lang::Uk, "Видали мене!"),
        (Lang::Ru, "удали всё"),
        (Lang::Ru, "сотри все, пожалуйста"),
        (Lang::Pl, "usuń wszystko"),
        (Lang::En, "delete everything"),
    ]
    .into_iter()
    .enumerate()
    {
        let user = UserKey::new("tg", &format!("9{n}"));
        let say = |text: &str| {
            let inbound = Inbound::from_text(text).with_hint(Some(lang));
            app.handle(&user, &inbound, tuesday_morning())
        };
        say("/start");
        assert!(store.load(&user).unwrap().is_some());
        say(words);
        assert_eq!(store.load(&user).unwrap(), None, "{words}: forgotten");
    }
    // An everyday need right after a crisis answer is answered, the crisis lines said first.
    let user = UserKey::new("tg", "27");
    let say = |text: &str| {
        let inbound = Inbound::from_text(text).with_hint(Some(Lang::Uk));
        app.handle(&user, &inbound, tuesday_morning())
    };
    assert!(say("не хочу жити").crisis);
    let reply = say("нема грошей на телефоні");
    let still = text(Lang::Uk, "crisis-still")
        .replace("{$line}", "+48 12 421 92 82")
        .replace("{$emergency}", "112");
    assert_eq!(reply.messages[0].text, still);
    assert!(reply.messages.len() > 1, "and the need answered");
    // Not once the person has moved on.
    let reply = say("нема грошей на телефоні");
    assert_ne!(reply.messages[0].text, still);
}

/// A caseworker's link or code in a message opens its step, never when the words are a
/// crisis: a sentence whose words glue into a "card" ("I am in PL and …") is a sentence, and
/// the crisis in it is answered.
#[test]
fn a_crisis_is_never_taken_for_a_caseworkers_code() {
    use krok::core::engine::{code_in_words, cry_besides, typed_code};
    let shipped = shipped();
    let content = &*shipped;
    let read = |text: &str, typed: bool| match typed {
        true => typed_code(content, text, true).filter(|_| !cry_besides(content, text)),
        false => code_in_words(content, text),
    };
    for text in [
        "I am in PL and my husband beats me",
        "I want to kill myself in UK now",
        "legal uk my husband beats me",
        "https://t.me/krok_bot?start=legal-uk-mops не хочу жити",
        "legal-uk-mops допоможіть він мене вб'є",
    ] {
        for typed in [true, false] {
            assert_eq!(read(text, typed), None, "{text} (typed codes: {typed})");
        }
    }
    for (text, code) in [
        (
            "Мені дали посилання https://t.me/krok_bot?start=legal_advice-uk-mops.",
            "legal_advice-uk-mops",
        ),
        ("Legal advice uk mops", "legal_advice-uk-mops"),
        ("мій код legal-uk-mops", "legal-uk-mops"),
    ] {
        assert_eq!(read(text, false).as_deref(), Some(code), "{text}");
    }
}

/// In a group, the violence answer does not say to write "forget me" and delete the chat:
/// in a group Krok deletes nothing (it says so), and deleting the chat on one's own phone hides
/// nothing from the other members. In a private chat it does.
#[test]
fn the_violence_answer_in_a_group_leaves_out_what_only_a_private_chat_can_do() {
    let app = app_with(Arc::new(MemoryStore::new()));
    let said = |user: UserKey, shared: bool| {
        let inbound = Inbound::from_text("допоможіть, чоловік б'є").in_shared_chat(shared);
        super::support::said(&app.handle(&user, &inbound, tuesday_morning()))
    };
    let private = said(UserKey::new("tg", "5001"), false);
    let group = said(UserKey::new("tg", "-5001/5002"), true);
    assert!(private.contains("забудь мене"), "{private}");
    assert!(!group.contains("забудь мене"), "{group}");
    for both in [&private, &group] {
        assert!(
            both.starts_with("Ви не винні") && both.contains("112"),
            "{both}"
        );
    }
}

/// "допоможіть" alone, twice (an escalating cry), gets the numbers to call above the menu
/// each time, in the language it is written in, first contact or not; "ви людина?" gets the
/// honest answer and where people answer.
#[test]
fn a_bare_cry_for_help_gets_the_numbers_and_are_you_human_an_honest_answer() {
    let centre = "+48 12 421 92 82";
    let t = super::support::transcript(None, &["допоможіть", "допоможіть"]);
    assert_eq!(t.matches("Я тут, щоб допомогти").count(), 2, "{t}");
    assert_eq!(t.matches(centre).count(), 2, "{t}");
    assert!(t.contains("112"), "{t}");
    // Crying or SOS emoji alone: the same, not "I don't understand".
    for cry in ["😭", "😭😭😭", "🆘"] {
        let t = super::support::transcript(Some(Lang::Uk), &["/start", cry]);
        let answer = t.rsplit(&format!("> {cry}\n")).next().unwrap();
        assert!(answer.starts_with("Я тут, щоб допомогти"), "{answer}");
    }
    // A number past the options says which numbers there are.
    let t = super::support::transcript(Some(Lang::Uk), &["/start", "9"]);
    assert!(t.contains("Напишіть число від 1 до 7"), "{t}");
    let t = super::support::transcript(Some(Lang::Pl), &["/start", "pomocy"]);
    assert!(
        t.contains("Jestem tu, żeby pomóc") && t.contains(centre),
        "{t}"
    );
    for (lang, line, honest) in [
        (Lang::Uk, "ви людина?", "Я бот, а не людина"),
        (Lang::Ru, "ты бот?", "Я бот, а не человек"),
        (
            Lang::Pl,
            "Czy rozmawiam z człowiekiem?",
            "Jestem botem, nie człowiekiem",
        ),
        (Lang::En, "is anyone there?", "I'm a bot, not a person"),
    ] {
        let t = super::support::transcript(Some(lang), &["/start", line]);
        let answer = t.rsplit(&format!("> {line}\n")).next().unwrap();
        assert!(answer.starts_with(honest), "{answer}");
        assert!(answer.contains(centre), "{answer}");
    }
}

/// An English speaker whose phone is set to Polish: English written is answered in English,
/// a crisis told in English after a Polish menu too; a language picked on purpose stays.
#[test]
fn english_on_a_phone_set_to_polish_is_answered_in_english() {
    let t = transcript(Some(Lang::Pl), &["hello, I need a lawyer"]);
    assert!(t.contains("Migrant Info Point"), "{t}");
    let t = transcript(Some(Lang::Pl), &["hi", "I want to kill myself"]);
    let answer = t.rsplit("> I want to kill myself\n").next().unwrap();
    assert!(answer.starts_with("Thank you for telling me"), "{answer}");
    let t = transcript(Some(Lang::Pl), &["/start", "do you speak English?"]);
    let answer = t.rsplit("> do you speak English?\n").next().unwrap();
    assert!(!answer.contains("Przepraszam"), "{answer}");
    assert!(answer.contains("What do you need?"), "{answer}");
    // Polish picked from the language list: a crisis in English keeps the Polish answers.
    let t = transcript(
        Some(Lang::En),
        &["/lang", "polski", "I want to kill myself"],
    );
    let answer = t.rsplit("> I want to kill myself\n").next().unwrap();
    assert!(answer.starts_with("Dziękuję"), "{answer}");
}

/// The same crisis told twice in a row gets a few words that say it was read, with the
/// numbers again, not the long text twice; "ок" after it gets the line and warm words, not
/// "all right, pick an option".
#[test]
fn the_same_crisis_again_and_ok_after_it_are_answered_as_heard() {
    let content = shipped();
    let said = |lang: Lang, id: &'static str| {
        let msg = krok::core::engine::with_crisis_phones(&content, id);
        content.locales.text(lang, &msg)
    };
    for (lang, words) in [
        (Lang::Uk, "не хочу жити"),
        (Lang::Ru, "не хочу жить"),
        (Lang::Pl, "nie chcę żyć"),
        (Lang::En, "i don't want to live"),
    ] {
        let told = transcript(Some(lang), &["/start", words, words, "ok"]);
        let turns: Vec<&str> = told.split("> ").collect();
        let (first, second, ok) = (turns[2], turns[3], turns[4]);
        let kind_text = content.locales.text(lang, &Msg::new("crisis-self-harm"));
        assert!(first.contains(&kind_text), "{lang:?}: {first}");
        assert!(!second.contains(&kind_text), "{lang:?}: {second}");
        assert!(second.contains(&said(lang, "crisis-again")), "{second}");
        assert!(second.contains("+48 12 421 92 82"), "{second}");
        assert!(ok.contains(&said(lang, "crisis-thanks")), "{ok}");
    }
}

/// Words Krok cannot place on a crisis step (the 🆘 step, victims, "I cannot talk", the
/// honest "I'm a bot" step) are met as someone in trouble; on a practical step that also shows
/// the 24/7 line (housing, a family in hardship) a question is a question: "not understood",
/// with the emergency number and the line named all the same.
#[test]
fn words_on_a_crisis_step_are_met_as_trouble_and_on_a_practical_step_as_a_question() {
    let content = shipped();
    let said = |id: &'static str| {
        let msg = krok::core::engine::with_crisis_phones(&content, id);
        content.locales.text(Lang::En, &msg)
    };
    let question = "and how long can one stay there?";
    for step in [
        "crisis",
        "crisis_victim",
        "crisis_cant_talk",
        "human",
        "chat_safety",
    ] {
        let t = transcript(None, &[&format!("/start {step}-en"), question]);
        assert!(t.contains(&said("crisis-reask")), "{step}: {t}");
    }
    for step in ["housing", "family_hardship"] {
        let t = transcript(None, &[&format!("/start {step}-en"), question]);
        assert!(t.contains(&said("reask-typed")), "{step}: {t}");
        assert!(t.contains("+48 12 421 92 82") && t.contains("112"), "{t}");
    }
}
