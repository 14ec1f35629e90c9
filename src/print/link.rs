//! `krok link`: the payload that opens one step in one language with a referral tag, and the
//! link or code that carries it on each configured platform.

use std::path::PathBuf;

use crate::config::Config;
use crate::core::content::Content;
use crate::core::engine::{PAYLOAD_MAX, Payload};
use crate::core::lang::Lang;
use crate::core::plain::distance;

use super::step::{Platforms, title};
use super::{PrintError, botname, card, extension, qr};

/// The command line of `krok link`.
#[derive(Clone, Debug, Default)]
pub(crate) struct LinkArgs {
    pub node: String,
    pub lang: Option<String>,
    pub tag: Option<String>,
    pub qr: Option<PathBuf>,
    pub card: Option<PathBuf>,
}

/// Prints nothing itself: returns the report for stdout after writing any QR code or card.
pub(crate) fn link(
    config: &Config,
    content: &Content,
    args: &LinkArgs,
) -> Result<String, PrintError> {
    if let Some(path) = &args.qr {
        extension(path, "the QR code file", &["svg", "png"])?;
    }
    if let Some(path) = &args.card {
        extension(path, "the card file", &["html", "htm"])?;
    }
    let payload = payload(
        content,
        &args.node,
        args.lang.as_deref(),
        args.tag.as_deref(),
    )?;
    let code = payload.encode();
    let platforms = Platforms {
        telegram: botname::telegram_username(config)?,
        matrix: config.matrix_user.clone(),
    };
    let mut report = describe(content, &payload, &platforms);
    if args.qr.is_some() || args.card.is_some() {
        let target = platforms
            .qr_link(&code)
            .ok_or(PrintError::NoPlatform("a QR code or card"))?;
        if let Some(path) = &args.qr {
            qr::write(path, &target)?;
            report.push_str(&format!("qr: {} ({target})\n", path.display()));
        }
        if let Some(path) = &args.card {
            let lang = payload.lang.unwrap_or(Lang::Uk);
            let html = card::card(content, lang, &payload, &platforms)?;
            super::write(path, html.as_bytes())?;
            report.push_str(&format!("card: {}\n", path.display()));
        }
    }
    Ok(report)
}

/// Checks the step, language and tag, and that the code fits Telegram and reads back the same.
pub(crate) fn payload(
    content: &Content,
    node: &str,
    lang: Option<&str>,
    tag: Option<&str>,
) -> Result<Payload, PrintError> {
    if content.dialog.node(node).is_none() {
        return Err(PrintError::UnknownNode {
            node: node.to_owned(),
            hint: suggest(content, node),
        });
    }
    let lang = lang
        .map(|code| {
            Lang::from_code(&code.trim().to_ascii_lowercase())
                .ok_or_else(|| PrintError::UnknownLang(code.to_owned()))
        })
        .transpose()?;
    let tag = tag.map(check_tag).transpose()?;
    let payload = Payload {
        node: node.to_owned(),
        lang,
        tag,
    };
    let code = payload.encode();
    if code.len() > PAYLOAD_MAX {
        let len = code.len();
        return Err(PrintError::TooLong {
            code,
            len,
            max: PAYLOAD_MAX,
        });
    }
    debug_assert_eq!(Payload::parse(&code).as_ref(), Some(&payload));
    Ok(payload)
}

/// Tags are read back lowercased, so they are written lowercased.
fn check_tag(tag: &str) -> Result<String, PrintError> {
    let ok = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
    let first = tag
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphanumeric());
    if !first || !tag.bytes().all(ok) {
        return Err(PrintError::BadTag(tag.to_owned()));
    }
    Ok(tag.to_ascii_lowercase())
}

/// "did you mean `legal`?", or every step when nothing is close.
fn suggest(content: &Content, wrong: &str) -> String {
    let wrong_folded = wrong.to_ascii_lowercase().replace('-', "_");
    let ids: Vec<&str> = content.dialog.nodes().map(|n| n.id.as_str()).collect();
    let close: Vec<String> = ids
        .iter()
        .filter(|id| distance(id, &wrong_folded) <= 2 || id.contains(wrong_folded.as_str()))
        .map(|id| format!("`{id}`"))
        .collect();
    if close.is_empty() {
        format!("the steps are: {}", ids.join(", "))
    } else {
        format!("did you mean {}?", close.join(" or "))
    }
}

fn describe(content: &Content, payload: &Payload, platforms: &Platforms) -> String {
    let code = payload.encode();
    let lang = payload.lang.unwrap_or(Lang::En);
    let mut out = format!(
        "step: {} ({}), language {}, tag {}\n",
        payload.node,
        title(content, lang, &payload.node),
        payload.lang.map_or("chosen by the person", Lang::code),
        payload.tag.as_deref().unwrap_or("none"),
    );
    if let Some(link) = platforms.telegram_link(&code) {
        out.push_str(&format!("telegram: {link}\n"));
    }
    if let (Some(link), Some(user)) = (platforms.matrix_link(), &platforms.matrix) {
        out.push_str(&format!("matrix: {link}\n"));
        out.push_str(&format!(
            "matrix code: {code} (the person sends it to {user} as their first message)\n"
        ));
    }
    if platforms.telegram.is_none() && platforms.matrix.is_none() {
        out.push_str(&format!("code: {code}\n"));
        out.push_str("no platform is configured: set telegram_bot_username (or telegram_token) for a Telegram link, matrix_user for Matrix\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_distances() {
        assert_eq!(check_tag("MOPS-1_a").unwrap(), "mops-1_a");
        assert!(check_tag("mops!").is_err());
        assert!(check_tag("").is_err());
        assert_eq!(distance("legal", "legal"), 0);
        assert_eq!(distance("legal_advice", "legal_advise"), 1);
        assert_eq!(distance("crisis", "crisi"), 1);
    }
}
