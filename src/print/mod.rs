//! Krok on paper: `krok link` (the deep link, Matrix code, QR code and A6 card that open one
//! step in one language with a caseworker's referral tag) and `krok export` (the whole service
//! directory as a printable HTML or Markdown page, for when the bot cannot be reached).
//!
//! Every fact printed comes from the content (dialogs and locales) or the config; nothing here
//! knows a phone number, an address or an hour.

mod botname;
mod card;
// The desk's pages render what `desk` makes; only the desk's server (a platform feature)
// makes it.
#[cfg_attr(not(any(feature = "telegram", feature = "matrix")), allow(dead_code))]
pub mod desk;
mod directory;
pub(crate) mod hours;
mod html;
mod link;
mod markdown;
mod qr;
mod step;

use std::path::Path;

use crate::core::content::Content;
use crate::core::lang::Lang;
use crate::core::message::Msg;

pub use directory::Format;
pub(crate) use link::{LinkArgs, link};

/// The whole directory in `lang`, printed on `today`, laid out as `format`.
pub fn export(content: &Content, lang: Lang, format: Format, today: chrono::NaiveDate) -> String {
    let directory = directory::directory(content, lang, today);
    match format {
        Format::Html => html::page(&directory),
        Format::Markdown => markdown::page(&directory),
    }
}

/// Why a link, card or export could not be made; each says what to do instead.
#[derive(Debug, thiserror::Error)]
pub(crate) enum PrintError {
    #[error("there is no step `{node}` in the dialog; {hint}")]
    UnknownNode { node: String, hint: String },
    #[error("unknown language `{0}`; use uk, pl, en or ru")]
    UnknownLang(String),
    #[error(
        "tag `{0}` may use only the letters A-Z and a-z, digits, _ and -, and starts with a letter or digit"
    )]
    BadTag(String),
    #[error(
        "the code `{code}` is {len} characters long; Telegram carries at most {max}: use a shorter tag"
    )]
    TooLong {
        code: String,
        len: usize,
        max: usize,
    },
    #[error(
        "{0} needs a platform to link to: set telegram_bot_username (or telegram_token) or matrix_user"
    )]
    NoPlatform(&'static str),
    #[error("{path}: {what} must end in {allowed}")]
    Extension {
        path: String,
        what: &'static str,
        allowed: String,
    },
    // Not `source`: anyhow would print the cause a second time after the message.
    #[error("writing {path}: {error}")]
    Write { path: String, error: std::io::Error },
    #[error("making the QR code: {0}")]
    Qr(String),
    #[error("{0}")]
    BotName(String),
}

/// A message of the content in `lang`.
fn text(content: &Content, lang: Lang, id: &str) -> String {
    content.locales.text(lang, &Msg::new(id.to_owned()))
}

/// Escapes text for HTML element content and double-quoted attributes.
fn escape(text: &str) -> String {
    crate::adapters::escape_html(text)
}

/// The lowercase extension of `path`, checked against `allowed`.
fn extension(
    path: &Path,
    what: &'static str,
    allowed: &'static [&'static str],
) -> Result<String, PrintError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if allowed.contains(&ext.as_str()) {
        return Ok(ext);
    }
    let names: Vec<String> = allowed.iter().map(|a| format!(".{a}")).collect();
    Err(PrintError::Extension {
        path: path.display().to_string(),
        what,
        allowed: names.join(" or "),
    })
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), PrintError> {
    write_shared(path, bytes).map_err(|error| PrintError::Write {
        path: path.display().to_string(),
        error,
    })
}

/// Writes a file made to be printed or handed on (a card, a QR code, the directory): readable
/// by everyone (0644), which Krok's private umask would not make it, since it holds no
/// personal data and a colleague or a print share must open it.
pub(crate) fn write_shared(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, bytes)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644))?;
    }
    Ok(())
}
