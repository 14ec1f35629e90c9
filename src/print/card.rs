//! The A6 card a caseworker prints and hands over: the QR code, the step's title in the
//! person's language and in Polish, the bot on each platform, the Matrix code, and the crisis
//! lines from the content. One self-contained HTML file, nothing loaded from elsewhere.

use crate::core::content::Content;
use crate::core::engine::Payload;
use crate::core::lang::Lang;
use crate::core::message::Msg;

use super::step::{Platforms, title};
use super::{PrintError, escape, qr, text};

const STYLE: &str = r#"
@page { size: A6; margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; background: #fff; color: #000; }
body { width: 105mm; height: 148mm; padding: 6mm 7mm; overflow: hidden;
  font: 9pt/1.3 "DejaVu Sans", "Noto Sans", Arial, sans-serif; }
h1 { font-size: 14pt; line-height: 1.2; margin: 0; }
.pl { font-size: 10pt; margin: 0.5mm 0 0; }
.about { margin: 2mm 0 0; }
.qr svg { display: block; width: 56mm; height: 56mm; margin: 2mm auto 1mm; }
.scan { text-align: center; margin: 0 0 1.5mm; }
.bot { margin: 0 0 1mm; }
.code { font: bold 11pt "DejaVu Sans Mono", monospace; border: 1pt solid #000;
  padding: 0.5mm 1.5mm; word-break: break-all; }
.crisis { border-top: 1pt solid #000; margin-top: 2mm; padding-top: 1.5mm; }
.crisis p { margin: 0 0 0.5mm; font-weight: bold; }
.crisis ul { margin: 0; padding: 0; list-style: none; }
a { color: #000; text-decoration: none; }
a[href^="tel:"] { font-weight: bold; white-space: nowrap; }
"#;

/// The card in `lang` for the step of `payload`.
pub(crate) fn card(
    content: &Content,
    lang: Lang,
    payload: &Payload,
    platforms: &Platforms,
) -> Result<String, PrintError> {
    let code = payload.encode();
    let target = platforms
        .qr_link(&code)
        .ok_or(PrintError::NoPlatform("a card"))?;
    let t = |id: &str| escape(&text(content, lang, id));
    let heading = escape(&title(content, lang, &payload.node));
    let polish = (lang != Lang::Pl).then(|| {
        format!(
            "<p class=\"pl\" lang=\"pl\">{}</p>\n",
            escape(&title(content, Lang::Pl, &payload.node))
        )
    });
    let scan = match platforms.telegram {
        Some(_) => t("print-card-scan-telegram"),
        None => t("print-card-scan-matrix"),
    };
    Ok(format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{heading}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{heading}</h1>\n\
         {}<p class=\"about\">{}</p>\n<div class=\"qr\">{}</div>\n<p class=\"scan\">{scan}</p>\n\
         {}{}</body>\n</html>\n",
        polish.unwrap_or_default(),
        t("print-card-about"),
        qr::inline_svg(&target)?,
        bots(content, lang, &code, platforms),
        crisis(content, lang),
    ))
}

fn bots(content: &Content, lang: Lang, code: &str, platforms: &Platforms) -> String {
    let mut out = String::new();
    if let Some(bot) = &platforms.telegram {
        out.push_str(&format!(
            "<p class=\"bot\">Telegram: <b>@{}</b></p>\n",
            escape(bot)
        ));
    }
    if let Some(user) = &platforms.matrix {
        let how = Msg::new("print-card-matrix").arg("bot", user.clone());
        out.push_str(&format!(
            "<p class=\"bot\">{} <span class=\"code\">{}</span></p>\n",
            escape(&content.locales.text(lang, &how)),
            escape(code)
        ));
    }
    out
}

/// The crisis lines the dialog shows in a crisis, with their names and notes.
fn crisis(content: &Content, lang: Lang) -> String {
    let t = |id: &str| escape(&text(content, lang, id));
    let mut lines = Vec::new();
    for service in content
        .triage
        .crisis_services
        .iter()
        .filter_map(|id| content.services.get(id))
    {
        for phone in &service.phones {
            let note = phone.note.as_deref().map(|n| format!(" ({})", t(n)));
            let name = t(&format!("svc-{}", service.id));
            let number = escape(&phone.number);
            // "Emergency number 112" names its number: the number in the name is the link,
            // not said twice ("Emergency number 112: 112").
            let name = match name.strip_suffix(&number) {
                Some(stem) => stem.to_owned(),
                None => format!("{name}: "),
            };
            lines.push(format!(
                "<li>{name}<a href=\"{}\">{number}</a>{}</li>",
                escape(&phone.tel_uri()),
                note.unwrap_or_default()
            ));
        }
    }
    format!(
        "<div class=\"crisis\">\n<p>{}</p>\n<ul>\n{}\n</ul>\n</div>\n",
        t("print-card-crisis"),
        lines.join("\n")
    )
}
