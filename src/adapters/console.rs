//! `krok console`: the dialog in a terminal or a pipe. Options are a numbered list; a typed
//! number or the option's words answer them, as on Matrix. Each line goes through the same
//! turn pipeline as Telegram and Matrix; replies are written as soon as they are committed.

use std::io::{BufRead, Write};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};

use crate::app::Reply;
use crate::core::lang::Lang;
use crate::core::message::Inbound;
use crate::pipeline::{self, Channel, Made, Pipeline, Priority};
use crate::store::{Platform, UserKey};

/// The one console user.
pub fn user() -> UserKey {
    UserKey::new("console", "local")
}

/// A line typed on the console, as the pipeline takes it: the one console person, no event
/// id (nothing redelivers a line), and a caseworker's code as the first line opens its step.
pub fn incoming(text: &str, hint: Option<Lang>) -> pipeline::Incoming {
    pipeline::Incoming {
        user: user(),
        chat: "local".to_owned(),
        id: None,
        inbound: Inbound::from_text(text).with_hint(hint),
        typed_codes: true,
        pressed: None,
        answers: None,
    }
}

/// The console as a pipeline channel: a reply is the text written to the output.
pub struct Console {
    output: Mutex<Box<dyn Write + Send>>,
}

impl Console {
    pub fn new(output: impl Write + Send + 'static) -> Console {
        Console {
            output: Mutex::new(Box::new(output)),
        }
    }
}

impl Channel for Console {
    fn platform(&self) -> Platform {
        Platform::Console
    }

    fn encode(&self, _: &str, _: Priority, reply: &Reply) -> Vec<(Vec<u8>, Made)> {
        let mut text = Vec::new();
        write_reply(&mut text, reply).expect("writing to memory cannot fail");
        vec![(text.clone(), Box::new(text))]
    }

    fn push(&self, committed: Vec<(u64, Made)>) {
        let mut output = self.output.lock().unwrap_or_else(|p| p.into_inner());
        for (_, made) in committed {
            let Ok(text) = made.downcast::<Vec<u8>>() else {
                tracing::error!("a message made by another channel was handed to the console");
                continue;
            };
            if let Err(error) = output.write_all(&text).and_then(|()| output.flush()) {
                tracing::error!(%error, "could not write to the console");
            }
        }
    }
}

/// Runs until `input` ends, answering through `pipeline` (where a `Console` is registered).
/// `clock` gives the time of each line (the real clock in `krok console`, a fixed one in
/// tests). A line that is not valid UTF-8 is read with the broken bytes replaced.
pub fn run(
    pipeline: &Pipeline,
    hint: Option<Lang>,
    mut input: impl BufRead,
    clock: impl Fn() -> DateTime<Utc>,
) -> std::io::Result<usize> {
    let mut bytes = Vec::new();
    let mut lines = 0;
    loop {
        bytes.clear();
        if input.read_until(b'\n', &mut bytes)? == 0 {
            return Ok(lines);
        }
        lines += 1;
        let line = String::from_utf8_lossy(&bytes);
        if line.trim().is_empty() {
            continue;
        }
        let now = clock();
        // The console has no push: reminders that came due are shown before the next reply.
        pipeline.retry_forgets(now);
        if let Err(error) = pipeline.remind(now) {
            tracing::error!(%error, "could not look for due reminders");
        }
        let line = line.trim_end_matches(['\n', '\r']);
        pipeline.turn(&incoming(line, hint), now);
    }
}

/// A pipeline over `store` with a console channel writing to `output`.
pub fn pipeline(
    app: crate::app::App,
    store: Arc<dyn crate::store::TurnStore>,
    output: impl Write + Send + 'static,
) -> Pipeline {
    let pipeline = Pipeline::new(app, store);
    pipeline.register(Arc::new(Console::new(output)));
    pipeline
}

/// Each message, then its buttons as a numbered list.
pub fn write_reply(output: &mut impl Write, reply: &Reply) -> std::io::Result<()> {
    for message in &reply.messages {
        writeln!(output, "{}", message.text)?;
        for (i, button) in message.buttons.iter().enumerate() {
            writeln!(output, "  {}. {}", i + 1, button.label)?;
        }
        writeln!(output)?;
    }
    Ok(())
}
