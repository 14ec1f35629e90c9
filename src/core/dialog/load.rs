//! Parse, then validate `flow.toml`: every problem is reported at once as `file:line: message`.

use std::collections::{HashMap, HashSet, VecDeque};

use super::file::{FlowFile, NodeFile};
use super::{Choice, Dialog, Node, Target, option_data};
use crate::core::entries::written_ids;
use crate::core::problem::{Problem, Problems, Source};

/// Telegram's limit on `callback_data`, in bytes.
pub const CALLBACK_DATA_MAX: usize = 64;

/// Loads the dialog. `service_ids` are the ids `services.toml` defines. A dialog with
/// problems is still returned, so the rest of the content can be checked against it; the
/// problems make the content unusable.
pub fn load_flow(
    src: &Source,
    service_ids: &HashSet<String>,
    problems: &mut Problems,
) -> Option<Dialog> {
    let file = src.parse_toml::<FlowFile>(problems)?;
    let read = src.entries(file.node, problems);
    let mut written = written_ids(&src.text);
    written.extend(read.iter().map(|n| n.id.get_ref().clone()));
    let mut nodes = HashMap::new();
    let mut order = Vec::new();
    for nf in &read {
        if let Some(node) = check_node(src, nf, service_ids, &nodes, problems) {
            order.push(node.id.clone());
            nodes.insert(node.id.clone(), node);
        }
    }
    let start = file.start.get_ref().clone();
    if !written.contains(&start) {
        let line = src.line_of(file.start.span().start);
        let why = format!("start node `{start}` does not exist");
        problems.push(Problem::error(&src.path, line, why));
    }
    check_targets(src, &read, &written, problems);
    let aliases = check_aliases(src, &read, &written, problems);
    let dialog = Dialog {
        start,
        nodes,
        order,
        aliases,
    };
    // A node that could not be read may be the only way to others.
    if dialog.node(&dialog.start).is_some() && written.iter().all(|id| dialog.node(id).is_some()) {
        check_reachable(src, &dialog, problems);
    }
    Some(dialog)
}

fn check_node(
    src: &Source,
    nf: &NodeFile,
    service_ids: &HashSet<String>,
    seen: &HashMap<String, Node>,
    problems: &mut Problems,
) -> Option<Node> {
    let at = |span: std::ops::Range<usize>| src.line_of(span.start);
    let id = nf.id.get_ref();
    let line = at(nf.id.span());
    let mut ok = true;
    let mut err = |line: usize, msg: String| {
        problems.push(Problem::error(&src.path, line, msg));
        ok = false;
    };
    if !valid_node_id(id) {
        err(
            line,
            format!("node id `{id}` may use only lowercase letters, digits and _"),
        );
    }
    if let Some(first) = seen.get(id) {
        err(
            line,
            format!(
                "duplicate node id `{id}` (first defined on line {})",
                first.line
            ),
        );
    }
    for svc in &nf.services {
        if !service_ids.contains(svc.get_ref()) {
            err(
                at(svc.span()),
                format!("unknown service `{}` (not in services.toml)", svc.get_ref()),
            );
        }
    }
    if nf.options.is_empty() && nf.services.is_empty() {
        err(
            line,
            format!("node `{id}` is a dead end: it has neither options nor services"),
        );
    }
    let mut labels = HashSet::new();
    let mut options = Vec::new();
    for opt in &nf.options {
        let label = opt.label.get_ref();
        let lline = at(opt.label.span());
        if !labels.insert(label.clone()) {
            err(lline, format!("duplicate option `{label}` in node `{id}`"));
        }
        let data = option_data(id, label);
        if data.len() > CALLBACK_DATA_MAX {
            err(
                lline,
                format!(
                    "option `{label}` of node `{id}` encodes to {} bytes of button data (`{data}`); Telegram allows {CALLBACK_DATA_MAX}: shorten the node id or the label id",
                    data.len()
                ),
            );
        }
        match Target::parse(opt.goto.get_ref()) {
            Some(target) => options.push(Choice {
                label: label.clone(),
                target,
                line: lline,
            }),
            None => err(
                at(opt.goto.span()),
                format!(
                    "unknown special target `{}` (use @back, @restart, @lang or @book:<kind>)",
                    opt.goto.get_ref()
                ),
            ),
        }
    }
    ok.then(|| Node {
        id: id.clone(),
        text: nf.text.get_ref().clone(),
        again: nf.again.as_ref().map(|a| a.get_ref().clone()),
        services: nf.services.iter().map(|s| s.get_ref().clone()).collect(),
        options,
        file: src.path.clone(),
        line,
    })
}

/// Each former id (`aliases`) is a valid id that no step has now and no other step claims.
fn check_aliases(
    src: &Source,
    read: &[NodeFile],
    written: &HashSet<String>,
    problems: &mut Problems,
) -> HashMap<String, String> {
    let mut aliases: HashMap<String, (String, usize)> = HashMap::new();
    for nf in read {
        for alias in &nf.aliases {
            let (old, line) = (alias.get_ref(), src.line_of(alias.span().start));
            let id = nf.id.get_ref();
            let why = if !valid_node_id(old) {
                format!("alias `{old}` of node `{id}` may use only lowercase letters, digits and _")
            } else if written.contains(old) {
                format!(
                    "alias `{old}` of node `{id}` is the id of a node: a former id cannot be a step's id now"
                )
            } else if let Some((other, at)) = aliases.get(old) {
                format!(
                    "alias `{old}` of node `{id}` is also an alias of `{other}` (line {at}): links to it can open only one step"
                )
            } else {
                aliases.insert(old.clone(), (id.clone(), line));
                continue;
            };
            problems.push(Problem::error(&src.path, line, why));
        }
    }
    aliases
        .into_iter()
        .map(|(old, (id, _))| (old, id))
        .collect()
}

fn valid_node_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// `written`: the node ids in the file, also of nodes that could not be read.
fn check_targets(
    src: &Source,
    nodes: &[NodeFile],
    written: &HashSet<String>,
    problems: &mut Problems,
) {
    for nf in nodes {
        for opt in &nf.options {
            let goto = opt.goto.get_ref();
            if !goto.starts_with('@') && !written.contains(goto) {
                let line = src.line_of(opt.goto.span().start);
                problems.push(Problem::error(
                    &src.path,
                    line,
                    format!(
                        "option `{}` leads to node `{goto}`, which does not exist{}",
                        opt.label.get_ref(),
                        crate::core::plain::unknown_id(
                            goto,
                            nodes.iter().map(|n| n.id.get_ref().as_str())
                        )
                    ),
                ));
            }
        }
    }
}

fn check_reachable(src: &Source, dialog: &Dialog, problems: &mut Problems) {
    let mut seen = HashSet::from([dialog.start.as_str()]);
    let mut queue = VecDeque::from([dialog.start.as_str()]);
    while let Some(id) = queue.pop_front() {
        for choice in dialog
            .node(id)
            .map(|n| n.options.as_slice())
            .unwrap_or_default()
        {
            if let Target::Node(next) = &choice.target
                && dialog.node(next).is_some()
                && seen.insert(next.as_str())
            {
                queue.push_back(next.as_str());
            }
        }
    }
    for node in dialog.nodes() {
        if !seen.contains(node.id.as_str()) {
            problems.push(Problem::error(
                &src.path,
                node.line,
                format!(
                    "node `{}` cannot be reached from the start node `{}`",
                    node.id, dialog.start
                ),
            ));
        }
    }
}
