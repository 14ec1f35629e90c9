//! `krok export`: every service with its name, what it helps with, phones, address, e-mail,
//! web, hours and languages, in one language, grouped as the dialog groups them: the crisis
//! lines first, then the rest in file order. `html` and `markdown` lay it out.

use chrono::NaiveDate;

use crate::core::content::Content;
use crate::core::lang::Lang;
use crate::core::message::Msg;
use crate::core::services::Service;

use super::{hours, text};

/// How `krok export` lays the directory out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Html,
    Markdown,
}

/// The directory as printed, every text already in the reader's language.
pub(crate) struct Directory {
    pub lang: Lang,
    pub title: String,
    pub intro: String,
    pub dates: String,
    pub labels: Labels,
    pub sections: Vec<Section>,
}

pub(crate) struct Labels {
    pub phone: String,
    pub address: String,
    pub email: String,
    pub web: String,
    pub hours: String,
    pub languages: String,
}

pub(crate) struct Section {
    pub heading: String,
    pub entries: Vec<Entry>,
}

pub(crate) struct Entry {
    pub name: String,
    pub about: String,
    /// Number as shown, `tel:` URI, note.
    pub phones: Vec<(String, String, Option<String>)>,
    pub address: Option<String>,
    pub email: Option<String>,
    pub web: Option<String>,
    /// The weekly schedule, then the hours note, as one text.
    pub hours: Option<String>,
    pub languages: Option<String>,
}

pub(crate) fn directory(content: &Content, lang: Lang, today: NaiveDate) -> Directory {
    let t = |id: &str| text(content, lang, id);
    let crisis = &content.triage.crisis_services;
    let entry = |s: &Service| to_entry(content, lang, s, today);
    let sections = vec![
        Section {
            heading: t("print-section-crisis"),
            entries: crisis
                .iter()
                .filter_map(|id| content.services.get(id))
                .map(entry)
                .collect(),
        },
        Section {
            heading: t("print-section-other"),
            entries: content
                .services
                .iter()
                .filter(|s| !crisis.contains(&s.id))
                .map(entry)
                .collect(),
        },
    ];
    let checked = content.services.iter().map(|s| s.verified).min();
    let dates = Msg::new("print-export-dates")
        .arg("date", date(lang, today))
        .arg("checked", date(lang, checked.unwrap_or(today)));
    Directory {
        lang,
        title: t("print-export-title"),
        intro: t("print-export-intro"),
        dates: content.locales.text(lang, &dates),
        labels: labels(content, lang),
        sections,
    }
}

fn labels(content: &Content, lang: Lang) -> Labels {
    let t = |id: &str| text(content, lang, id);
    Labels {
        phone: t("print-label-phone"),
        address: t("print-label-address"),
        email: t("print-label-email"),
        web: t("print-label-web"),
        hours: t("print-label-hours"),
        languages: t("print-label-languages"),
    }
}

fn to_entry(content: &Content, lang: Lang, s: &Service, today: NaiveDate) -> Entry {
    let t = |id: &str| text(content, lang, id);
    let phones = s
        .phones
        .iter()
        .map(|p| (p.number.clone(), p.tel_uri(), p.note.as_deref().map(t)))
        .collect();
    let schedule = s
        .hours
        .as_ref()
        .and_then(|oh| hours::weekly(content, lang, oh, today));
    // As in the chat: "call and ask" only where there is a phone to call.
    let schedule = schedule.or_else(|| (!s.phones.is_empty()).then(|| t("print-hours-ask")));
    let note = s.hours_note.as_deref().map(t);
    let hours = match (schedule, note) {
        (Some(s), Some(n)) => Some(format!("{s}. {n}")),
        (s, n) => s.or(n),
    };
    let languages: Vec<String> = s
        .languages
        .iter()
        .map(|l| t(&format!("language-{}", l.code())))
        .collect();
    Entry {
        name: t(&format!("svc-{}", s.id)),
        about: t(&format!("svc-{}-about", s.id)),
        phones,
        address: s.address.clone(),
        email: s.email.clone(),
        web: s.web.clone(),
        hours,
        languages: (!languages.is_empty()).then(|| languages.join(", ")),
    }
}

/// A date as people write it in each language: 21.11.2026, or 21 November 2026 in English.
fn date(lang: Lang, day: NaiveDate) -> String {
    match lang {
        Lang::En => day.format("%-d %B %Y").to_string(),
        _ => day.format("%d.%m.%Y").to_string(),
    }
}
