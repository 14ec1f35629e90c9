//! What a button does, typed: every button the engine shows is an `Action`, encoded into
//! Telegram's `callback_data` (1–64 bytes) and parsed back when pressed. The encoded forms
//! are the ones earlier versions sent, so a button pressed on an old message still parses
//! (and is then judged stale or valid by the engine, never by string prefixes).

use super::lang::Lang;

/// Telegram's limit for `callback_data`, in bytes.
pub const DATA_MAX: usize = 64;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// An option of a dialog node (`node|label`): valid only while the person is at that node.
    Option {
        node: String,
        label: String,
    },
    Back,
    Restart,
    /// Show the language choice.
    Lang,
    /// Use this language.
    SetLang(Lang),
    /// Continue where I was (after the crisis lines).
    Here,
    /// Go to this dialog step from a crisis answer (the step that helps further).
    Goto(String),
    /// My bookings.
    Bookings,
    /// Start booking a consultation of this kind.
    Book(String),
    /// This slot (unix seconds) of the ones offered.
    Slot(i64),
    /// More slots after the ones offered.
    Later,
    /// The slots offered before these (after one or more `Later`).
    Earlier,
    /// Be reached in this chat / by phone.
    ContactChat,
    ContactPhone,
    /// Agree to what is kept for the booking.
    Agree,
    /// Leave the booking being made.
    Drop,
    /// Asks whether to cancel the booking with this code (a button sent before the question
    /// existed asks too).
    Cancel(String),
    /// Cancels the booking with this code: the answer "yes" to that question.
    CancelSure(String),
}

impl Action {
    pub fn encode(&self) -> String {
        match self {
            Action::Option { node, label } => format!("{node}|{label}"),
            Action::Back => "@back".into(),
            Action::Restart => "@restart".into(),
            Action::Lang => "@lang".into(),
            Action::SetLang(lang) => format!("@lang:{}", lang.code()),
            Action::Here => "@here".into(),
            Action::Goto(node) => format!("@go:{node}"),
            Action::Bookings => "@bookings".into(),
            Action::Book(kind) => format!("@book:{kind}"),
            Action::Slot(start) => format!("@slot:{start}"),
            Action::Later => "@later".into(),
            Action::Earlier => "@earlier".into(),
            Action::ContactChat => "@contact:chat".into(),
            Action::ContactPhone => "@contact:phone".into(),
            Action::Agree => "@agree".into(),
            Action::Drop => "@drop".into(),
            Action::Cancel(code) => format!("@cancel:{code}"),
            Action::CancelSure(code) => format!("@sure:{code}"),
        }
    }

    /// `None` for data no version of Krok ever sent (someone else's button, a forgery).
    pub fn parse(data: &str) -> Option<Action> {
        if data.is_empty() || data.len() > DATA_MAX {
            return None;
        }
        let Some(rest) = data.strip_prefix('@') else {
            let (node, label) = data.split_once('|')?;
            if node.is_empty() || label.is_empty() || label.contains('|') {
                return None;
            }
            return Some(Action::Option {
                node: node.to_owned(),
                label: label.to_owned(),
            });
        };
        let word = |w: &str| (!w.is_empty()).then(|| w.to_owned());
        Some(match rest.split_once(':') {
            None => match rest {
                "back" => Action::Back,
                "restart" => Action::Restart,
                "lang" => Action::Lang,
                "here" => Action::Here,
                "bookings" => Action::Bookings,
                "later" => Action::Later,
                "earlier" => Action::Earlier,
                "agree" => Action::Agree,
                "drop" => Action::Drop,
                _ => return None,
            },
            Some(("lang", code)) => Action::SetLang(Lang::from_code(code)?),
            Some(("book", kind)) => Action::Book(word(kind)?),
            Some(("go", node)) => Action::Goto(word(node)?),
            Some(("slot", start)) => Action::Slot(start.parse().ok()?),
            Some(("contact", "chat")) => Action::ContactChat,
            Some(("contact", "phone")) => Action::ContactPhone,
            Some(("cancel", code)) => Action::Cancel(word(code)?),
            Some(("sure", code)) => Action::CancelSure(word(code)?),
            Some(_) => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn id() -> impl Strategy<Value = String> {
        "[a-z0-9_-]{1,28}"
    }

    fn action() -> impl Strategy<Value = Action> {
        prop_oneof![
            (id(), id()).prop_map(|(node, label)| Action::Option { node, label }),
            Just(Action::Back),
            Just(Action::Restart),
            Just(Action::Lang),
            prop::sample::select(Lang::ALL.to_vec()).prop_map(Action::SetLang),
            Just(Action::Here),
            id().prop_map(Action::Goto),
            Just(Action::Bookings),
            "[a-z_]{1,40}".prop_map(Action::Book),
            any::<i64>().prop_map(Action::Slot),
            Just(Action::Later),
            Just(Action::Earlier),
            Just(Action::ContactChat),
            Just(Action::ContactPhone),
            Just(Action::Agree),
            Just(Action::Drop),
            "[A-HJKMNP-Z2-9]{8}".prop_map(Action::Cancel),
            "[A-HJKMNP-Z2-9]{8}".prop_map(Action::CancelSure),
        ]
    }

    proptest! {
        #[test]
        fn every_action_round_trips_and_fits_telegram(a in action()) {
            let data = a.encode();
            prop_assert!(!data.is_empty() && data.len() <= DATA_MAX, "{} bytes: {data}", data.len());
            prop_assert_eq!(Action::parse(&data), Some(a));
        }

        #[test]
        fn any_data_parses_or_is_refused_without_panic(data in ".{0,80}") {
            if let Some(a) = Action::parse(&data) {
                prop_assert_eq!(Action::parse(&a.encode()), Some(a));
            }
        }
    }

    #[test]
    fn forms_sent_by_earlier_versions_still_parse() {
        assert_eq!(
            Action::parse("@slot:1764864000"),
            Some(Action::Slot(1_764_864_000))
        );
        assert_eq!(Action::parse("@lang:pl"), Some(Action::SetLang(Lang::Pl)));
        assert_eq!(
            Action::parse("legal|opt-legal-advice"),
            Some(Action::Option {
                node: "legal".into(),
                label: "opt-legal-advice".into()
            })
        );
        for junk in [
            "",
            "@",
            "@lang:xx",
            "@slot:soon",
            "@cancel:",
            "no-bar",
            "|x",
            "@nope",
        ] {
            assert_eq!(Action::parse(junk), None, "{junk}");
        }
    }
}
