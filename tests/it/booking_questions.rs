//! Questions about a consultation asked on the way to it: answered from the booking kind's
//! facts in the person's language, the step's own question kept.

use std::sync::Arc;

use krok::core::lang::Lang;
use krok::store::MemoryStore;

use super::support::{app_with, transcript_with};

/// What the bot said to `lines`, after the person opened the legal step in `lang`.
fn said(lang: Lang, lines: &[&str]) -> String {
    let app = app_with(Arc::new(MemoryStore::new()));
    let code = format!("/start legal-{}", lang.code());
    let mut all = vec![code.as_str()];
    all.extend_from_slice(lines);
    transcript_with(&app, Some(lang), &all)
}

/// The part of a transcript after its last input line.
fn last_answer(transcript: &str) -> &str {
    let at = transcript.rfind("\n> ").map_or(0, |i| i + 1);
    let rest = &transcript[at..];
    rest.split_once('\n').map_or("", |(_, answer)| answer)
}

#[test]
fn is_it_free_which_languages_how_long_and_what_to_bring_are_answered_in_four_languages() {
    let cases = [
        (
            Lang::Uk,
            "чи це безкоштовно?",
            "Так, консультація безкоштовна.",
        ),
        (
            Lang::Pl,
            "czy to jest płatne?",
            "Tak, konsultacja jest bezpłatna.",
        ),
        (
            Lang::En,
            "do I have to pay?",
            "Yes, the consultation is free.",
        ),
        (Lang::Ru, "это бесплатно?", "Да, консультация бесплатная."),
        (
            Lang::Uk,
            "а українською можна?",
            "Мови консультації: українська, польська, англійська, російська.",
        ),
        (
            Lang::Pl,
            "czy mogę po ukraińsku?",
            "Języki konsultacji: polski, angielski, ukraiński, rosyjski.",
        ),
        (
            Lang::Ru,
            "на каком языке консультация?",
            "Языки консультации: русский, польский, английский, украинский.",
        ),
        (
            Lang::En,
            "what should I bring?",
            "Keep the documents and letters",
        ),
        (
            Lang::Uk,
            "що взяти з собою?",
            "Тримайте під рукою документи",
        ),
        (Lang::Pl, "ile trwa?", "Jeden termin to 30 minut rozmowy"),
        (
            Lang::En,
            "is there an interpreter?",
            "Languages of the consultation: English,",
        ),
    ];
    for (lang, asked, answer) in cases {
        // Among the free times, and where a name is asked.
        for opened in [&["1", "1"][..], &["1", "1", "1"][..]] {
            let mut lines = opened.to_vec();
            lines.push(asked);
            let t = said(lang, &lines);
            let reply = last_answer(&t);
            assert!(reply.starts_with(answer), "{asked} after {opened:?}:\n{t}");
            assert!(
                reply.contains("\n  1. "),
                "the options stay under it: {asked} after {opened:?}:\n{t}"
            );
        }
    }
}

#[test]
fn where_it_happens_is_how_it_happens_with_its_numbers_and_the_step_goes_on() {
    let t = said(Lang::En, &["1", "1", "1", "where is it?", "Olena"]);
    let at_name = t.split("\n> where is it?\n").nth(1).unwrap();
    let (answer, after) = at_name.split_once("\n> Olena\n").unwrap();
    assert!(answer.contains("by phone"), "{answer}");
    assert!(answer.contains("+48 510 080 765"), "{answer}");
    assert!(
        answer.contains("I'm keeping Thu 3 Dec, 16:00 for you"),
        "the name asked again: {answer}"
    );
    assert!(after.contains("How should we reach you"), "{after}");
}

#[test]
fn the_same_words_away_from_a_consultation_and_answers_to_its_steps_are_no_question() {
    // On the main menu "is it free?" is about nothing on the screen; on the legal menu and
    // on a victim's step, whose options lead to the step that books, not about it either.
    let app = app_with(Arc::new(MemoryStore::new()));
    let t = transcript_with(&app, Some(Lang::En), &["/start", "is it free?"]);
    assert!(!last_answer(&t).contains("consultation is free"), "{t}");
    let t = said(Lang::En, &["is it free?"]);
    assert!(!last_answer(&t).contains("consultation is free"), "{t}");
    let t = transcript_with(
        &app,
        None,
        &["/start crisis_victim-en", "how long can one stay there?"],
    );
    assert!(!last_answer(&t).contains("30 minutes"), "{t}");
    // Nor on the step that books: the person's own matter.
    for asked in ["how long can I stay in Poland?", "how much is the deposit?"] {
        let t = said(Lang::En, &["1", asked]);
        let answer = last_answer(&t);
        assert!(
            !answer.contains("30 minutes") && !answer.contains("consultation is free"),
            "{t}"
        );
    }
    // "English" on the step that books switches the language; "Polski" too.
    let t = said(Lang::Uk, &["1", "English"]);
    assert!(last_answer(&t).contains("1. 📅 Book a time"), "{t}");
    // A name that is also a language word stays a name where a name is asked.
    let t = said(Lang::En, &["1", "1", "1", "Olena English"]);
    assert!(last_answer(&t).contains("How should we reach you"), "{t}");
}
