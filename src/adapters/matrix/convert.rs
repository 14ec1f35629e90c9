//! `Reply` -> a Matrix message: a plain body and an HTML `formatted_body`, options as a
//! numbered list (answered with the number or the words), phone numbers as `tel:` links.

use serde::{Deserialize, Serialize};

use crate::adapters::escape_html;
use crate::app::Reply;
use crate::core::message::Outbound;
use crate::core::services::tel_uri;

/// One queued Matrix message for the outbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MxMsg {
    pub plain: String,
    pub html: String,
}

/// A line of a service card, escaped, with a phone number turned into a `tel:` link.
fn html_line(line: &str) -> String {
    match line.strip_prefix("📞 ") {
        // A number, not a line's state ("📞 The line answers now"): a `tel:` link with no
        // number would look tappable and dial nothing.
        Some(rest) if rest.starts_with(|c: char| c == '+' || c.is_ascii_digit()) => {
            let (number, note) = rest
                .split_once(" (")
                .map_or((rest, None), |(n, note)| (n, Some(note)));
            let note = note
                .map(|n| format!(" ({}", escape_html(n)))
                .unwrap_or_default();
            format!(
                "📞 <a href=\"{}\">{}</a>{note}",
                tel_uri(number),
                escape_html(number)
            )
        }
        _ => with_tel_links(&escape_html(line)),
    }
}

/// The emergency number and Polish or Ukrainian phone numbers in running text ("call 112 or
/// the 24/7 line +48 12 421 92 82") as `tel:` links: Element does not link them itself, and a
/// person in crisis should not have to copy digits.
fn with_tel_links(escaped: &str) -> String {
    static PHONE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\+(?:48|380)(?:[ -]?\d){9}\b|\b112\b").expect("a valid pattern")
    });
    PHONE
        .replace_all(escaped, |found: &regex::Captures<'_>| {
            let shown = &found[0];
            format!("<a href=\"{}\">{shown}</a>", tel_uri(shown))
        })
        .into_owned()
}

/// A text sent outside a turn (the notice before leaving a room), its phone numbers links.
pub fn text_message(text: &str) -> MxMsg {
    let lines: Vec<String> = text.lines().map(html_line).collect();
    MxMsg {
        plain: text.to_owned(),
        html: format!("<p>{}</p>", lines.join("<br>")),
    }
}

pub fn to_message(reply: &Reply) -> MxMsg {
    let mut plain = Vec::new();
    let mut html = Vec::new();
    for (out, rendered) in reply.out.iter().zip(&reply.messages) {
        plain.push(rendered.text.clone());
        let lines: Vec<String> = rendered.text.lines().map(html_line).collect();
        html.push(match out {
            Outbound::Place { .. } => {
                let (name, rest) = lines
                    .split_first()
                    .map_or((String::new(), &[][..]), |(n, r)| (n.clone(), r));
                format!("<p><b>{name}</b><br>{}</p>", rest.join("<br>"))
            }
            Outbound::Text { .. } => format!("<p>{}</p>", lines.join("<br>")),
        });
    }
    if let Some(last) = reply.messages.last().filter(|m| !m.buttons.is_empty()) {
        let numbered: Vec<String> = last
            .buttons
            .iter()
            .enumerate()
            .map(|(i, b)| format!("{}. {}", i + 1, b.label))
            .collect();
        plain.push(numbered.join("\n"));
        let items: Vec<String> = last
            .buttons
            .iter()
            .map(|b| format!("<li>{}</li>", escape_html(&b.label)))
            .collect();
        html.push(format!("<ol>{}</ol>", items.join("")));
    }
    MxMsg {
        plain: plain.join("\n\n"),
        html: html.join(""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_become_tel_links_and_text_is_escaped() {
        assert_eq!(
            html_line("📞 +48 12 421 92 82 (day & night)"),
            "📞 <a href=\"tel:+48124219282\">+48 12 421 92 82</a> (day &amp; night)"
        );
        assert_eq!(html_line("a <b>"), "a &lt;b&gt;");
        assert_eq!(
            html_line("call 112 or the line +48 12 421 92 82: day & night, not 1120"),
            "call <a href=\"tel:112\">112</a> or the line <a href=\"tel:+48124219282\">+48 12 421 92 82</a>: day &amp; night, not 1120"
        );
        // A line's state under its numbers is no link that dials nothing.
        assert_eq!(
            html_line("📞 Linia telefoniczna teraz odbiera"),
            "📞 Linia telefoniczna teraz odbiera"
        );
    }
}
