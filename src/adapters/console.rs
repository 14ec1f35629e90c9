//! `krok console`: the dialog in a terminal or a pipe. Options are a numbered list; a typed
//! number or the option's words answer them, as on Matrix.

use std::io::{BufRead, Write};

use chrono::{DateTime, Utc};

use crate::app::{App, Reply};
use crate::core::lang::Lang;
use crate::core::message::Inbound;
use crate::store::UserKey;

/// The one console user.
pub fn user() -> UserKey {
    UserKey::new("console", "local")
}

/// Runs until `input` ends. `clock` gives the time of each line (the real clock in `krok console`,
/// a fixed one in tests).
pub fn run(
    app: &App,
    hint: Option<Lang>,
    input: impl BufRead,
    mut output: impl Write,
    clock: impl Fn() -> DateTime<Utc>,
) -> std::io::Result<()> {
    let user = user();
    for line in input.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let now = clock();
        show_reminders(app, &user, &mut output, now)?;
        let inbound = Inbound::from_text(&line).with_hint(hint);
        let reply = app.handle(&user, &inbound, now);
        write_reply(&mut output, &reply)?;
        output.flush()?;
    }
    Ok(())
}

/// Booking reminders that came due, before the next reply (the console has no push).
fn show_reminders(
    app: &App,
    user: &UserKey,
    output: &mut impl Write,
    now: DateTime<Utc>,
) -> std::io::Result<()> {
    for (booking, kind) in app
        .bookings()
        .due_reminders(now)
        .into_iter()
        .filter(|(b, _)| b.user == user.as_str())
    {
        write_reply(output, &app.reminder(&booking, kind))?;
        if let Err(error) = app.bookings().mark_reminded(&booking, kind) {
            tracing::error!(%error, "could not mark a reminder as sent");
        }
    }
    Ok(())
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
