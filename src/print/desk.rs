//! What the desk's link form makes, from the same parts as `krok link`: the code, the links
//! on each platform, the QR code (inline SVG, and PNG for download) and the A6 card.

use crate::config::Config;
use crate::core::content::Content;
use crate::core::engine::Payload;
use crate::core::lang::Lang;

use super::step::{Platforms, title};
use super::{PrintError, botname, card, link::payload, qr};

/// One step in one language with a referral tag, ready to hand out.
pub struct Made {
    pub title: String,
    /// The payload: the deep link's `start` value and the code typed on Matrix.
    pub code: String,
    pub telegram: Option<String>,
    pub matrix: Option<String>,
    pub matrix_user: Option<String>,
    /// The QR code (it opens the Telegram link, else the Matrix chat) as inline SVG.
    pub qr_svg: Option<String>,
}

/// The checked payload of `node` in `lang` with `tag`, and where the bot can be reached (which
/// may ask Telegram for the bot's name once, then cached); an error says what to change.
fn prepare(
    config: &Config,
    content: &Content,
    node: &str,
    lang: Option<&str>,
    tag: Option<&str>,
) -> Result<(Payload, Platforms), PrintError> {
    let payload = payload(content, node, lang, tag)?;
    let platforms = Platforms {
        telegram: botname::telegram_username(config)?,
        matrix: config.matrix_user.clone(),
    };
    Ok((payload, platforms))
}

/// The link, code and QR code for `node` in `lang` with `tag`.
pub(crate) fn make(
    config: &Config,
    content: &Content,
    node: &str,
    lang: Option<&str>,
    tag: Option<&str>,
) -> Result<Made, PrintError> {
    let (payload, platforms) = prepare(config, content, node, lang, tag)?;
    let code = payload.encode();
    let qr_svg = platforms
        .qr_link(&code)
        .map(|target| qr::inline_svg(&target))
        .transpose()?;
    Ok(Made {
        title: title(content, payload.lang.unwrap_or(Lang::Uk), &payload.node),
        telegram: platforms.telegram_link(&code),
        matrix: platforms.matrix_link(),
        matrix_user: platforms.matrix,
        code,
        qr_svg,
    })
}

/// The QR code as PNG, for downloading.
pub(crate) fn qr_png(
    config: &Config,
    content: &Content,
    node: &str,
    lang: Option<&str>,
    tag: Option<&str>,
) -> Result<Vec<u8>, PrintError> {
    let (payload, platforms) = prepare(config, content, node, lang, tag)?;
    let target = platforms
        .qr_link(&payload.encode())
        .ok_or(PrintError::NoPlatform("a QR code"))?;
    qr::png(&target)
}

/// The printable A6 card as one HTML page.
pub(crate) fn card_page(
    config: &Config,
    content: &Content,
    node: &str,
    lang: Option<&str>,
    tag: Option<&str>,
) -> Result<String, PrintError> {
    let (payload, platforms) = prepare(config, content, node, lang, tag)?;
    let lang = payload.lang.unwrap_or(Lang::Uk);
    card::card(content, lang, &payload, &platforms)
}

/// What a demand figure's label names, for people: a step's title, a service's name, a
/// consultation's kind, a language's or a platform's name (the CSV keeps the ids).
pub fn figure_name(content: &Content, lang: Lang, counter: &str, label: &str) -> String {
    let message = |id: String| {
        content.locales.has(lang, &id).then(|| {
            content
                .locales
                .text(lang, &crate::core::message::Msg::new(id))
        })
    };
    let named = match counter {
        "node" if content.dialog.node(label).is_some() => Some(title(content, lang, label)),
        "service" => message(format!("svc-{label}")),
        "booked" | "cancelled" => message(format!("booking-kind-{label}")),
        "started-lang" => message(format!("lang-name-{label}")),
        "started-platform" | "crisis" => match label {
            "telegram" => Some("Telegram".to_owned()),
            "matrix" => Some("Matrix".to_owned()),
            _ => None,
        },
        _ => None,
    };
    named.unwrap_or_else(|| label.to_owned())
}

/// Every step a link can open, with its title in `lang`, for the form's list.
pub fn steps(content: &Content, lang: Lang) -> Vec<(String, String)> {
    content
        .dialog
        .nodes()
        .map(|n| (n.id.clone(), title(content, lang, &n.id)))
        .collect()
}
