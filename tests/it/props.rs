//! Any sequence of inputs never panics and always yields at least one reply.

use std::sync::Arc;

use krok::app::App;
use krok::core::lang::Lang;
use krok::core::message::{Command, Inbound, InboundKind};
use krok::store::{MemoryStore, UserKey};
use proptest::prelude::*;

use super::support::{shipped, tuesday_morning};

fn inbound() -> impl Strategy<Value = Inbound> {
    let content = shipped();
    let mut data: Vec<String> = content
        .dialog
        .nodes()
        .flat_map(|n| n.options.iter().map(move |c| n.option_data(c)))
        .collect();
    data.extend(
        [
            "@back", "@restart", "@lang", "@here", "@lang:ru", "@lang:xx", "|", "nonsense",
        ]
        .map(String::from),
    );
    let commands = [
        Command::Help,
        Command::Back,
        Command::Restart,
        Command::Lang,
        Command::Forget,
    ];
    let kind = prop_oneof![
        any::<String>().prop_map(InboundKind::Text),
        "[0-9]{1,3}".prop_map(InboundKind::Text),
        prop::sample::select(data).prop_map(InboundKind::Button),
        any::<String>().prop_map(InboundKind::Button),
        prop::sample::select(commands.to_vec()).prop_map(InboundKind::Command),
        prop::option::of("[A-Za-z0-9_-]{0,70}").prop_map(|payload| InboundKind::Start { payload }),
        Just(InboundKind::NonText { caption: None }),
        ".{0,40}".prop_map(|c| InboundKind::NonText { caption: Some(c) }),
    ];
    let hint = prop::option::of(prop::sample::select(Lang::ALL.to_vec()));
    (kind, hint, any::<bool>()).prop_map(|(kind, hint, elsewhere)| Inbound {
        kind,
        hint,
        staff: false,
        shared: false,
        elsewhere,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn any_input_sequence_gets_a_reply(inputs in prop::collection::vec(inbound(), 1..30)) {
        // Through the app, so booking steps are carried out against a real (temporary) store.
        let app = App::new(Arc::clone(&shipped()), Arc::new(MemoryStore::new()), 30);
        let user = UserKey::new("tg", "1");
        let mut session = None;
        for input in &inputs {
            let (next, reply) = app.decide(&user, session.take(), input, tuesday_morning()).unwrap();
            prop_assert!(!reply.messages.is_empty(), "no reply to {:?}", input);
            session = next;
        }
    }
}
