//! Outbound -> text in the person's language. Platform adapters add their own markup on top.

use chrono::{NaiveTime, Weekday};

use super::content::Content;
use super::lang::Lang;
use super::message::{Msg, Outbound};
use super::services::{OpenStatus, Service};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendered {
    pub text: String,
    pub buttons: Vec<RenderedButton>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderedButton {
    pub label: String,
    pub data: String,
}

pub fn render(content: &Content, lang: Lang, out: &Outbound) -> Rendered {
    let text = match out {
        Outbound::Text { msg, .. } => content.locales.text(lang, msg),
        Outbound::Place {
            service,
            status,
            line_open,
            ..
        } => match content.services.get(service) {
            Some(s) => service_card(content, lang, s, *status, *line_open),
            None => service.clone(),
        },
    };
    let buttons = out
        .buttons()
        .iter()
        .map(|b| RenderedButton {
            label: content.locales.text(lang, &b.label),
            data: b.action.encode(),
        })
        .collect();
    Rendered { text, buttons }
}

/// A service's details, one per line, phone numbers in the form a phone dials with a tap.
pub fn service_card(
    content: &Content,
    lang: Lang,
    s: &Service,
    status: OpenStatus,
    line_open: bool,
) -> String {
    let t = |id: String| content.locales.text(lang, &Msg::new(id));
    let mut lines = vec![
        format!("📌 {}", t(format!("svc-{}", s.id))),
        t(format!("svc-{}-about", s.id)),
    ];
    for phone in &s.phones {
        match &phone.note {
            Some(note) => lines.push(format!("📞 {} ({})", phone.number, t(note.clone()))),
            None => lines.push(format!("📞 {}", phone.number)),
        }
    }
    if let Some(address) = &s.address {
        lines.push(format!("📍 {address}"));
    }
    if let Some(email) = &s.email {
        lines.push(format!("✉️ {email}"));
    }
    if let Some(web) = &s.web {
        lines.push(format!("🌐 {web}"));
    }
    if !s.languages.is_empty() {
        let names: Vec<String> = s
            .languages
            .iter()
            .map(|l| t(format!("language-{}", l.code())))
            .collect();
        lines.push(content.locales.text(
            lang,
            &Msg::new("svc-languages").arg("languages", names.join(", ")),
        ));
    }
    // Without hours or a phone to ask, "call and ask" would be no help.
    let office_open = matches!(
        status,
        OpenStatus::Always | OpenStatus::Open | OpenStatus::OpenUntil(_)
    );
    // A line with hours of its own (a 24/7 line): the office's hours are said to be the
    // office's, so "open until 20:00" is not read at 19:55 as the line's.
    let own_lines = s.phones.iter().any(|p| p.hours.is_some());
    let as_office = |status: OpenStatus| {
        let office = content.locales.text(lang, &status_msg(status));
        let office = office.trim_start_matches("🕒").trim_start();
        let mut chars = office.chars();
        let office: String = chars
            .next()
            .map(|c| c.to_lowercase().chain(chars).collect())
            .unwrap_or_default();
        content
            .locales
            .text(lang, &Msg::new("svc-office").arg("status", office))
    };
    if line_open && !office_open {
        // A card never reads "closed" under a line that answers: the line first, then the
        // office's hours as the office's.
        lines.push(content.locales.text(lang, &Msg::new("svc-line-open")));
        lines.push(as_office(status));
    } else if own_lines && office_open && status != OpenStatus::Always {
        lines.push(as_office(status));
    } else if s.hours.is_some() || !s.phones.is_empty() {
        lines.push(content.locales.text(lang, &status_msg(status)));
    }
    if let Some(note) = &s.hours_note {
        lines.push(format!("ℹ️ {}", t(note.clone())));
    }
    lines.join("\n")
}

pub fn status_msg(status: OpenStatus) -> Msg {
    let hm = |t: NaiveTime| t.format("%H:%M").to_string();
    match status {
        OpenStatus::Always => Msg::new("svc-open-247"),
        OpenStatus::OpenUntil(t) => Msg::new("svc-open-now").arg("time", hm(t)),
        OpenStatus::Open => Msg::new("svc-open-now-today"),
        OpenStatus::OpensToday(t) => Msg::new("svc-closed-opens-today").arg("time", hm(t)),
        OpenStatus::OpensTomorrow(t) => Msg::new("svc-closed-opens-tomorrow").arg("time", hm(t)),
        OpenStatus::OpensOn(day, t) => Msg::new("svc-closed-opens")
            .arg("day", day_key(day))
            .arg("time", hm(t)),
        OpenStatus::Unknown => Msg::new("svc-hours-unknown"),
    }
}

fn day_key(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}
