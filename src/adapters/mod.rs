//! Platform adapters: platform event -> `Inbound`, `Reply` -> platform message. They never
//! decide what to say.

pub mod console;
#[cfg(feature = "matrix")]
pub mod matrix;
#[cfg(feature = "telegram")]
pub mod telegram;

/// Escapes text for the HTML both Telegram (`parse_mode` HTML) and Matrix (`formatted_body`) read.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}
