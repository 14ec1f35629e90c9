//! What a printed link points at: the step's title in a language, and where the bot can be
//! reached on each platform. The card and `krok link` both use it.

use crate::core::content::Content;
use crate::core::dialog::Target;
use crate::core::lang::Lang;

use super::text;

/// Where the bot can be reached: its Telegram @username and Matrix user id.
#[derive(Clone, Debug, Default)]
pub(crate) struct Platforms {
    pub telegram: Option<String>,
    pub matrix: Option<String>,
}

impl Platforms {
    pub fn telegram_link(&self, code: &str) -> Option<String> {
        let bot = self.telegram.as_ref()?;
        Some(format!("https://t.me/{bot}?start={code}"))
    }

    pub fn matrix_link(&self) -> Option<String> {
        let user = self.matrix.as_ref()?;
        Some(format!("https://matrix.to/#/{user}"))
    }

    /// What a QR code opens: Telegram carries the step; matrix.to only opens the chat.
    pub fn qr_link(&self, code: &str) -> Option<String> {
        self.telegram_link(code).or_else(|| self.matrix_link())
    }
}

/// A step's title: the label of the option that leads to it ("Free legal advice"), for the
/// first step a title of its own, else the first sentence of what the step says.
pub(crate) fn title(content: &Content, lang: Lang, node: &str) -> String {
    let target = Target::Node(node.to_owned());
    let label = content
        .dialog
        .nodes()
        .flat_map(|n| &n.options)
        .find(|c| c.target == target)
        .map(|c| text(content, lang, &c.label));
    let title = label.unwrap_or_else(|| match content.dialog.node(node) {
        Some(_) if node == content.dialog.start => text(content, lang, "print-start-title"),
        Some(n) => {
            let said = text(content, lang, &n.text);
            let end = said.find(['.', '?', '!', ':']).unwrap_or(said.len());
            said[..end].to_owned()
        }
        None => node.to_owned(),
    });
    // Button labels start with an emoji; a printer may have no font for it.
    let keep = |c: char| c.is_alphanumeric() || "\"«„(".contains(c);
    title.trim_start_matches(|c| !keep(c)).to_owned()
}
