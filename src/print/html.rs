//! The directory as one self-contained HTML page for A4: no scripts, fonts or images from
//! elsewhere; every phone a `tel:` link, so the same file works on a phone.

use std::fmt::Write;

use super::directory::{Directory, Entry, Labels, Section};
use super::escape;

const STYLE: &str = r#"
@page { size: A4; margin: 14mm 16mm; }
* { box-sizing: border-box; }
body { font: 11pt/1.4 "DejaVu Sans", "Noto Sans", Arial, sans-serif; color: #000; background: #fff; margin: 0; }
h1 { font-size: 20pt; margin: 0 0 2mm; }
h2 { font-size: 14pt; margin: 6mm 0 3mm; padding-bottom: 1mm; border-bottom: 1.5pt solid #000; break-after: avoid; }
h3 { font-size: 12pt; margin: 0 0 1mm; }
p { margin: 0 0 1.5mm; }
.dates { font-size: 9pt; }
.service { break-inside: avoid; margin: 0 0 4mm; }
.crisis .service { border: 1.5pt solid #000; padding: 2mm 3mm; }
.facts { list-style: none; margin: 0; padding: 0; }
.facts li { padding-left: 1.5em; text-indent: -1.5em; }
.facts b { font-weight: 600; }
a { color: #000; text-decoration: none; }
a[href^="tel:"] { font-weight: bold; white-space: nowrap; }
@media screen { body { max-width: 190mm; margin: 1.5em auto; padding: 0 1em; } a { text-decoration: underline; } }
"#;

pub(crate) fn page(d: &Directory) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>{}</h1>\n\
         <p>{}</p>\n<p class=\"dates\">{}</p>\n</header>\n",
        d.lang.code(),
        escape(&d.title),
        escape(&d.title),
        escape(&d.intro),
        escape(&d.dates)
    );
    for (i, section) in d.sections.iter().enumerate() {
        let class = if i == 0 { "crisis" } else { "other" };
        out.push_str(&section_html(section, class, &d.labels));
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn section_html(section: &Section, class: &str, labels: &Labels) -> String {
    let mut out = format!(
        "<section class=\"{class}\">\n<h2>{}</h2>\n",
        escape(&section.heading)
    );
    for entry in &section.entries {
        out.push_str(&entry_html(entry, labels));
    }
    out.push_str("</section>\n");
    out
}

fn entry_html(e: &Entry, labels: &Labels) -> String {
    let mut facts = Vec::new();
    let fact = |label: &str, html: String| format!("<li><b>{}:</b> {html}</li>", escape(label));
    if !e.phones.is_empty() {
        let phones: Vec<String> = e
            .phones
            .iter()
            .map(|(number, tel, note)| {
                let note = note.as_deref().map(|n| format!(" ({})", escape(n)));
                format!(
                    "<a href=\"{}\">{}</a>{}",
                    escape(tel),
                    escape(number),
                    note.unwrap_or_default()
                )
            })
            .collect();
        facts.push(fact(&labels.phone, phones.join("<br>")));
    }
    if let Some(a) = &e.address {
        facts.push(fact(&labels.address, escape(a)));
    }
    if let Some(m) = &e.email {
        let m = escape(m);
        facts.push(fact(
            &labels.email,
            format!("<a href=\"mailto:{m}\">{m}</a>"),
        ));
    }
    if let Some(w) = &e.web {
        facts.push(fact(&labels.web, web_link(w)));
    }
    if let Some(h) = &e.hours {
        facts.push(fact(&labels.hours, escape(h)));
    }
    if let Some(l) = &e.languages {
        facts.push(fact(&labels.languages, escape(l)));
    }
    format!(
        "<article class=\"service\">\n<h3>{}</h3>\n<p>{}</p>\n<ul class=\"facts\">\n{}\n</ul>\n</article>\n",
        escape(&e.name),
        escape(&e.about),
        facts.join("\n")
    )
}

/// Only web addresses become links; the text shown leaves out the scheme.
fn web_link(web: &str) -> String {
    let shown = web
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    if web.starts_with("https://") || web.starts_with("http://") {
        format!("<a href=\"{}\">{}</a>", escape(web), escape(shown))
    } else {
        escape(web)
    }
}
