//! The directory as Markdown, for a wiki, a chat or a text editor: the same content as the
//! HTML page, phones as `[+48 …](tel:+48…)` links.

use super::directory::{Directory, Entry, Labels};

pub(crate) fn page(d: &Directory) -> String {
    let mut out = format!(
        "# {}\n\n{}\n\n_{}_\n",
        md(&d.title),
        md(&d.intro),
        md(&d.dates)
    );
    for section in &d.sections {
        out.push_str(&format!("\n## {}\n", md(&section.heading)));
        for entry in &section.entries {
            out.push_str(&entry_md(entry, &d.labels));
        }
    }
    out
}

fn entry_md(e: &Entry, labels: &Labels) -> String {
    let mut out = format!("\n### {}\n\n{}\n\n", md(&e.name), md(&e.about));
    let mut fact = |label: &str, value: String| {
        out.push_str(&format!("- **{}:** {value}\n", md(label)));
    };
    for (number, tel, note) in &e.phones {
        let note = note.as_deref().map(|n| format!(" ({})", md(n)));
        fact(
            &labels.phone,
            format!("[{number}]({tel}){}", note.unwrap_or_default()),
        );
    }
    if let Some(a) = &e.address {
        fact(&labels.address, md(a));
    }
    if let Some(m) = &e.email {
        fact(&labels.email, format!("<{m}>"));
    }
    if let Some(w) = &e.web {
        fact(&labels.web, format!("<{w}>"));
    }
    if let Some(h) = &e.hours {
        fact(&labels.hours, md(h));
    }
    if let Some(l) = &e.languages {
        fact(&labels.languages, md(l));
    }
    out
}

/// Text that Markdown shows as written: its markup characters escaped.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\`*_[]<>#|".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
