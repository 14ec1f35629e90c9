//! The validated dialog: nodes, their options and where each option leads.

mod file;
mod load;

use std::collections::HashMap;

pub use load::{CALLBACK_DATA_MAX, load_flow};

/// Where an option leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Node(String),
    Back,
    Restart,
    Lang,
    /// Book a consultation of this kind (`@book:legal`, see booking.toml).
    Book(String),
}

impl Target {
    pub(crate) fn parse(goto: &str) -> Option<Target> {
        Some(match goto {
            "@back" => Target::Back,
            "@restart" => Target::Restart,
            "@lang" => Target::Lang,
            book if book.starts_with("@book:") => Target::Book(book["@book:".len()..].to_owned()),
            special if special.starts_with('@') => return None,
            node => Target::Node(node.to_owned()),
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// Fluent message id of the button label; unique within its node.
    pub label: String,
    pub target: Target,
    /// Where the option is written, for reports about it.
    pub line: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub id: String,
    pub text: String,
    /// Said instead of `text` when the person comes back the same day (`again` in flow.toml).
    pub again: Option<String>,
    pub services: Vec<String>,
    pub options: Vec<Choice>,
    /// Where the node is defined, for reports about it.
    pub file: String,
    pub line: usize,
}

impl Node {
    /// Button data of an option: node and label, so a press still means the same option
    /// after an editor reorders the list, and a press from an old message can be recognised.
    pub fn option_data(&self, choice: &Choice) -> String {
        option_data(&self.id, &choice.label)
    }
}

pub fn option_data(node: &str, label: &str) -> String {
    crate::core::action::Action::Option {
        node: node.to_owned(),
        label: label.to_owned(),
    }
    .encode()
}

#[derive(Clone, Debug)]
pub struct Dialog {
    pub start: String,
    nodes: HashMap<String, Node>,
    /// Node ids in file order, for stable listings.
    order: Vec<String>,
    /// A renamed step's former id -> its id now (`aliases` in flow.toml).
    aliases: HashMap<String, String>,
}

impl Dialog {
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.get(id)
    }

    /// Whether an option of step `from` opens step `to`.
    pub fn leads(&self, from: &str, to: &str) -> bool {
        self.node(from).is_some_and(|n| {
            n.options
                .iter()
                .any(|o| matches!(&o.target, Target::Node(t) if t == to))
        })
    }

    /// The step `id` names in a link, a typed code or an old button: its own or a former id
    /// of a renamed step.
    pub fn resolve(&self, id: &str) -> Option<&Node> {
        self.node(id)
            .or_else(|| self.nodes.get(self.aliases.get(id)?))
    }

    /// Whether `id` is a step's own id or a former one.
    pub fn knows(&self, id: &str) -> bool {
        self.resolve(id).is_some()
    }

    pub fn start_node(&self) -> &Node {
        &self.nodes[&self.start]
    }

    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.order.iter().map(|id| &self.nodes[id])
    }
}
