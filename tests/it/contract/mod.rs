//! One conversation contract for every platform: the same scripted conversations run through
//! each adapter's real transport (the console's pipe, the Bot API test server, Synapse), and a
//! platform passes only with what it really sends. A `Side` is one platform's way of speaking
//! as a person and hearing the bot; the scripts know nothing of platforms.

mod console;
pub mod erase;
mod matrix;
mod telegram;

use std::sync::Arc;

use krok::pipeline::Pipeline;
use krok::store::UserKey;

/// One message from the bot as the person sees it: its text and the options they can take
/// (buttons on Telegram, a numbered list on Matrix and the console).
#[derive(Clone, Debug)]
pub struct Heard {
    pub text: String,
    pub options: Vec<String>,
}

/// A platform, as people on it use it. `who` picks one of the platform's people.
pub trait Side {
    /// Opens the bot with a caseworker's link or code (`legal-uk-mops`).
    fn open(&mut self, who: usize, code: &str);
    fn say(&mut self, who: usize, text: &str);
    /// Takes the `n`-th option (from 1) of what was last heard: a button or a typed number.
    fn choose(&mut self, who: usize, n: usize);
    fn hear(&mut self, who: usize) -> Heard;
    /// Sends a photo with `caption` (platforms that carry photos).
    fn show_photo(&mut self, who: usize, caption: &str);
    fn user(&self, who: usize) -> UserKey;
    fn pipeline(&self) -> &Arc<Pipeline>;
}

/// The booking code in a confirmation.
fn code_in(text: &str) -> String {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .find(|w| {
            w.len() == 8
                && w.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        })
        .unwrap_or_else(|| panic!("a booking code in: {text}"))
        .to_owned()
}

/// A link into the legal step, an option, a crisis mid-dialog, `/help` (naming the emergency
/// number and the crisis line), then `/forget`.
pub fn link_options_crisis_and_forget(side: &mut dyn Side) {
    side.open(0, "legal-uk-mops");
    let legal = side.hear(0);
    assert!(
        legal.text.starts_with("Яка у вас справа?"),
        "{}",
        legal.text
    );
    assert!(legal.options.len() >= 3, "{:?}", legal.options);
    side.choose(0, 1);
    let advice = side.hear(0);
    assert!(advice.text.contains("+48 510 080 765"), "{}", advice.text);
    side.say(0, "я не хочу жити");
    let crisis = side.hear(0);
    assert!(
        crisis.text.contains("112") && crisis.text.contains("+48 12 421 92 82"),
        "{}",
        crisis.text
    );
    // The kind's own help is the first option; continuing is the second.
    side.choose(0, 2);
    let back = side.hear(0);
    assert!(
        back.text.contains("+48 510 080 765"),
        "continues where it was: {}",
        back.text
    );
    // Fear of deportation said alone: the free lawyer and, for a threat, the line for
    // victims of crime (day and night), never "I did not understand".
    side.say(0, "я боюся депортації");
    let deportation = side.hear(0);
    for must in ["депортац", "+48 510 080 765", "+48 12 421 22 88"] {
        assert!(
            deportation.text.contains(must),
            "{must} in: {}",
            deportation.text
        );
    }
    side.say(0, "/help");
    let help = side.hear(0);
    for must in ["112", "+48 12 421 92 82", "/bookings", "/forget"] {
        assert!(help.text.contains(must), "{must} in: {}", help.text);
    }
    assert!(
        help.text.contains("+48 510 080 765") && !help.options.is_empty(),
        "the step again under the help: {help:?}"
    );
    side.say(0, "/forget");
    let forgotten = side.hear(0);
    assert!(forgotten.text.contains("видал"), "{}", forgotten.text);
    let user = side.user(0);
    assert!(side.pipeline().store().load(&user).unwrap().is_none());
}

/// A photo whose caption is a crisis gets the crisis lines; an ordinary caption is read as a
/// message (a need written under a photo of a document is still the need).
pub fn crisis_in_a_caption(side: &mut dyn Side) {
    side.open(0, "legal-en");
    side.hear(0);
    side.show_photo(0, "my husband beats me");
    let crisis = side.hear(0);
    assert!(
        crisis.text.contains("112") && crisis.text.contains("12 421 22 88"),
        "the violence lines: {}",
        crisis.text
    );
    side.show_photo(0, "I need a lawyer");
    let read = side.hear(0);
    assert!(
        read.text.contains("legal advice"),
        "the legal advice step, not \"I read only text\": {}",
        read.text
    );
}

/// Books the first legal slot in English; the code and the slot's start.
pub fn book(side: &mut dyn Side, who: usize, lang: &str) -> (String, i64) {
    side.open(who, &format!("legal-{lang}"));
    side.hear(who);
    side.choose(who, 1);
    side.hear(who);
    side.choose(who, 1);
    let slots = side.hear(who);
    assert!(slots.options.len() >= 2, "{slots:?}");
    side.choose(who, 1);
    side.hear(who);
    side.say(who, "Olena");
    side.hear(who);
    side.choose(who, 1);
    side.hear(who);
    side.choose(who, 1);
    let booked = side.hear(who);
    let code = code_in(&booked.text);
    let user = side.user(who);
    let mine = side.pipeline().app().bookings().mine(&user).unwrap();
    assert_eq!(mine.len(), 1, "{}", booked.text);
    assert_eq!(mine[0].code, code);
    (code, mine[0].start)
}

/// A booking made, listed and cancelled by the person.
pub fn book_list_and_cancel(side: &mut dyn Side) {
    let (code, _) = book(side, 0, "en");
    side.say(0, "/bookings");
    let list = side.hear(0);
    assert!(list.text.contains(&code), "{}", list.text);
    // Asked first: the first answer keeps it, the second cancels.
    side.choose(0, 1);
    let asked = side.hear(0);
    assert!(
        asked.text.starts_with("Cancel your consultation: "),
        "{}",
        asked.text
    );
    assert_eq!(asked.options, ["↩️ No, keep it", "✖️ Yes, cancel it"]);
    side.choose(0, 2);
    let cancelled = side.hear(0);
    assert!(
        cancelled.text.contains("is cancelled"),
        "{}",
        cancelled.text
    );
    let user = side.user(0);
    assert!(
        side.pipeline()
            .app()
            .bookings()
            .mine(&user)
            .unwrap()
            .is_empty()
    );
}

/// The day before, a reminder in the person's language whose cancel button works.
pub fn reminder(side: &mut dyn Side) {
    let (_, start) = book(side, 0, "en");
    remind_and_cancel(side, start);
}

/// The day before a booking of person 0 starting at `start`: one reminder, heard; its first
/// option asks whether to cancel, and "yes" cancels.
pub fn remind_and_cancel(side: &mut dyn Side, start: i64) {
    let (day_before, begins) = crate::support::reminder_moment(start);
    assert_eq!(side.pipeline().remind(day_before).unwrap(), 1);
    assert_eq!(side.pipeline().remind(day_before).unwrap(), 0, "once");
    let reminded = side.hear(0);
    assert!(
        reminded.text.starts_with(begins)
            && reminded.text.contains("+48 510 080 765, +48 510 065 331"),
        "the numbers to call, not a step to find them: {}",
        reminded.text
    );
    side.choose(0, 1);
    assert!(side.hear(0).text.starts_with("Cancel your consultation: "));
    side.choose(0, 2);
    assert!(side.hear(0).text.contains("is cancelled"));
}

/// Person 0 books in Ukrainian on `person`; the caseworker (person 1 of `staff`, which may be
/// the same platform) cancels it; the person is told, in Ukrainian, on their platform.
pub fn caseworker_cancels(person: &mut dyn Side, staff: Option<&mut dyn Side>) {
    let (code, _) = book(person, 0, "uk");
    let command = format!("/cancelbooking {code}");
    let said = match staff {
        Some(staff) => {
            staff.say(1, &command);
            staff.hear(1)
        }
        None => {
            person.say(1, &command);
            person.hear(1)
        }
    };
    assert!(said.text.contains(&code), "{}", said.text);
    let notice = person.hear(0);
    assert!(notice.text.starts_with("Нам дуже шкода"), "{}", notice.text);
    let user = person.user(0);
    assert!(
        person
            .pipeline()
            .app()
            .bookings()
            .mine(&user)
            .unwrap()
            .is_empty()
    );
}
