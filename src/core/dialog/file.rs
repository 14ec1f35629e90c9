//! Serde mirror of `dialogs/flow.toml`: what an editor writes, before any validation.

use serde::Deserialize;
use toml::Spanned;

use crate::core::entries::List;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FlowFile {
    pub start: Spanned<String>,
    #[serde(default)]
    pub node: List<NodeFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NodeFile {
    pub id: Spanned<String>,
    pub text: Spanned<String>,
    /// What the step says instead of `text` when the person comes back to it the same day:
    /// the greeting of the main menu is said once, not at every "start over".
    #[serde(default)]
    pub again: Option<Spanned<String>>,
    /// Former ids of a renamed step: printed links and QR codes that name one still open it.
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub services: Vec<Spanned<String>>,
    #[serde(default)]
    pub options: Vec<OptionFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct OptionFile {
    pub label: Spanned<String>,
    pub goto: Spanned<String>,
}
