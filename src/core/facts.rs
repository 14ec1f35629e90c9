//! Every phone number, e-mail address, web address, street address and range of opening
//! hours of a service is found in the source document its entry names (`source`, in
//! `dialogs/sources/`): a typo in the crisis line's number is refused by `krok check` and by a
//! live reload, not shown to people in crisis. A number, e-mail or web address typed into a
//! text must be a service's.

use std::sync::LazyLock;

use regex::Regex;

use super::content::file_name;
use super::i18n::Locales;
use super::problem::{Problem, Source};
use super::services::Services;

/// Numbers anyone may cite without a document: they are the law (`source = "public"`).
const PUBLIC_NUMBERS: [&str; 4] = ["112", "997", "998", "999"];

/// The facts of `services` that their source documents do not hold.
pub fn unsupported(services: &Services, documents: &[Source]) -> Vec<Problem> {
    let mut out = Vec::new();
    for s in services.iter() {
        let mut problem = |line: usize, what: String| {
            out.push(Problem::error(&s.file, line, what));
        };
        if s.source == "public" {
            for p in s
                .phones
                .iter()
                .filter(|p| !PUBLIC_NUMBERS.contains(&p.number.as_str()))
            {
                problem(
                    s.line,
                    format!(
                        "phone {} of `{}` is not a public emergency number: name the document it comes from in `source`",
                        p.number, s.id
                    ),
                );
            }
            continue;
        }
        if s.source.is_empty() {
            continue; // no `source` at all: said where the entry is read
        }
        let Some(doc) = documents.iter().find(|d| file_name(&d.path) == s.source) else {
            problem(
                s.line,
                format!(
                    "`{}` names the source `{}`, which is not a text file in dialogs/sources (only .txt files there are read: save the document as text under that name)",
                    s.id, s.source
                ),
            );
            continue;
        };
        let text = &doc.text;
        let numbers = numbers_in(text);
        for p in s.phones.iter().filter(|p| !written_in(&p.number, &numbers)) {
            problem(
                p.line,
                format!(
                    "phone {} of `{}` is not in its source {}: check the number against it, every digit; if the number really changed, save the document that gives the new one (the service's page, a note of the call) as .txt in dialogs/sources and name it in `source`",
                    p.number, s.id, s.source
                ),
            );
        }
        for email in s.email.iter().filter(|e| !text.contains(e.as_str())) {
            problem(
                s.line,
                format!(
                    "e-mail {email} of `{}` is not in its source {}",
                    s.id, s.source
                ),
            );
        }
        for (hours, line) in &s.hours_written {
            for (from, to) in ranges(hours).into_iter().filter(|r| !range_in(*r, text)) {
                problem(
                    *line,
                    format!(
                        "hours `{hours}` of `{}`: {from}–{to} is not in its source {}: check the hours against it (people are told \"open now\" by them)",
                        s.id, s.source
                    ),
                );
            }
        }
        if let Some(web) = &s.web
            && !domain_in(&domain(web), &text.to_lowercase())
        {
            problem(
                s.line,
                format!(
                    "web address {web} of `{}` is not in its source {}: check the address against it, every letter",
                    s.id, s.source
                ),
            );
        }
        if let Some(address) = &s.address
            && !address_in(address, text)
        {
            problem(
                s.line,
                format!(
                    "address `{address}` of `{}` is not in its source {}",
                    s.id, s.source
                ),
            );
        }
    }
    out
}

/// Every number written in `text` as its groups of digits: a number is digits with spaces,
/// hyphens, brackets or a plus between them ("12 421 92 82", "+48 (12) 616-54-08").
fn numbers_in(text: &str) -> Vec<Vec<String>> {
    text.split(|c: char| !(c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '+')))
        .map(|run| {
            run.split(|c: char| !c.is_ascii_digit())
                .filter(|group| !group.is_empty())
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .filter(|groups| groups.concat().len() >= 3)
        .collect()
}

/// Whether `number` (a phone as the content writes it: `+48 12 421 92 82`, `112`) is a whole
/// number of the document, every digit: the digits of a number there, with or without the
/// country code; or, for a full nine-digit Polish number, its first or last whole groups, where
/// the page wrote it beside other digits with only a space or a bracket between ("(20–8) 504
/// 704 933"). A number with a digit lost or its area code dropped is never part of a real one.
fn written_in(number: &str, numbers: &[Vec<String>]) -> bool {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let national = match number.trim_start().starts_with("+48") {
        true => &digits[2..],
        false => digits.as_str(),
    };
    let with_code = format!("48{national}");
    numbers.iter().any(|groups| {
        let all = groups.concat();
        if [digits.as_str(), national, with_code.as_str()].contains(&all.as_str()) {
            return true;
        }
        national.len() == 9
            && (1..groups.len())
                .any(|cut| groups[..cut].concat() == national || groups[cut..].concat() == national)
    })
}

/// The street's name (its first letters, as Polish declines it) followed by the house number
/// is in the document: "ul. Radziwiłłowska 8b, Kraków" in a page that says "Radziwiłłowskiej 8b".
fn address_in(address: &str, text: &str) -> bool {
    let street = address.split(',').next().unwrap_or(address);
    let words: Vec<&str> = street.split_whitespace().skip(1).collect();
    match words.as_slice() {
        [name, number, ..] => {
            let stem: String = name.chars().take(6).collect();
            // The number right after the street's name, not anywhere in the page.
            text.match_indices(stem.as_str()).any(|(at, _)| {
                text[at..]
                    .split(|c: char| !c.is_alphanumeric())
                    .skip(1)
                    .filter(|w| !w.is_empty())
                    .take(3)
                    .any(|w| w == *number)
            })
        }
        _ => text.contains(street),
    }
}

/// A phone number as people type one into a text: six digits or more, with spaces, dots,
/// dashes of any kind, slashes or brackets between them (up to three at a time, ` - `), a `+` in
/// front perhaps. Invisible characters (a zero-width space, a soft hyphen) are taken out first.
static TYPED_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\+?\(?\d(?:[\s./()\-\u{2010}-\u{2015}\u{2212}]{0,3}\d){5,}")
        .expect("a valid pattern")
});

/// What texts write that is no phone number: a date (`2026-12-03`, `3.12.2026`) or a span of
/// years (`2022–2023`).
static NOT_A_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}",
        r"|(?:19|20)\d\d\s*[-\u{2013}\u{2014}]\s*(?:19|20)\d\d)$"
    ))
    .expect("a valid pattern")
});

/// Phone numbers typed into a text (`Call the centre at 12 421 92 82`) that no service in
/// `services.toml` gives: such a number passes no source check, so one digit swapped in the
/// crisis answer would reach people in crisis. A number belongs in `services.toml`, where it
/// is checked against its source and shown with its card; one copied into a text must be a
/// service's, every digit (the country code may be left out).
pub fn untracked_numbers(services: &Services, locales: &Locales) -> Vec<Problem> {
    let known: Vec<String> = services
        .iter()
        .flat_map(|s| &s.phones)
        .map(|p| digits(&p.number))
        .collect();
    let is_known = |typed: &str| {
        let typed = digits(typed);
        known
            .iter()
            .any(|k| *k == typed || (typed.len() >= 9 && k.ends_with(&typed)))
    };
    let emails: Vec<String> = services
        .iter()
        .filter_map(|s| s.email.as_deref())
        .map(str::to_lowercase)
        .collect();
    let domains: Vec<String> = services
        .iter()
        .filter_map(|s| s.web.as_deref())
        .map(domain)
        .collect();
    let mut out = Vec::new();
    for (lang, defined) in &locales.defined {
        for (id, def) in defined {
            for found in TYPED_ADDRESS.find_iter(&def.text) {
                let typed = found.as_str().trim_end_matches([
                    '.', ',', ';', ':', '!', '?', ')', ']', '»', '"', '”', '\'', '>',
                ]);
                let known = match typed.contains('@') && !typed.contains('/') {
                    true => emails.contains(&typed.to_lowercase()),
                    false => domains.contains(&domain(typed)),
                };
                if !known {
                    let why = format!(
                        "message `{id}` ({lang}) gives {typed}, which is no service's e-mail or web address in services.toml: it belongs there, checked against its source; copy it from there, every letter"
                    );
                    out.push(Problem::error(&def.file, def.line, why));
                }
            }
            let text: String = def
                .text
                .chars()
                .filter(|c| {
                    !matches!(
                        c,
                        '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{00ad}' | '\u{feff}'
                    )
                })
                .collect();
            for found in TYPED_NUMBER.find_iter(&text) {
                let typed = found.as_str().trim_end_matches(['(', ')', ' ']);
                if NOT_A_NUMBER.is_match(typed) || is_known(typed) {
                    continue;
                }
                let why = format!(
                    "message `{id}` ({lang}) gives the number {typed}, which no service in services.toml has: a number belongs in services.toml, checked against its source and shown with the service's card; if it is a service's number, copy it from there, every digit"
                );
                out.push(Problem::error(&def.file, def.line, why));
            }
        }
    }
    out
}

/// The ranges of hours an opening-hours text names ("Mo-Fr 08:00-15:00" → 8 to 15).
fn ranges(hours: &str) -> Vec<(u32, u32)> {
    let hour = |t: &str| {
        t.split_once(':')
            .and_then(|(h, _)| h.trim().parse::<u32>().ok())
    };
    // "10:00 - 17:00" and "10:00–17:00" are ranges as "10:00-17:00" is.
    let mut tight = hours.replace(['–', '—'], "-");
    while tight.contains(" -") || tight.contains("- ") {
        tight = tight.replace(" -", "-").replace("- ", "-");
    }
    tight
        .split([' ', ';', ','])
        .filter_map(|t| t.split_once('-'))
        .filter_map(|(from, to)| Some((hour(from)?, hour(to)?)))
        .collect()
}

/// Whether a range of hours is written in `text`: both hours as numbers of their own ("8.00",
/// "08:00", "od 8 do 15", "8–15") close to each other, midnight (0 or 24) not needed.
fn range_in((from, to): (u32, u32), text: &str) -> bool {
    let midnight = |h: u32| h == 0 || h == 24;
    let (a, b) = (places(from, text), places(to, text));
    match (midnight(from), midnight(to)) {
        (true, true) => true,
        (true, false) => !b.is_empty(),
        (false, true) => !a.is_empty(),
        (false, false) => a.iter().any(|x| b.iter().any(|y| x.abs_diff(*y) < 40)),
    }
}

/// Where `hour` is written in `text` as a number of its own, not part of a longer one.
fn places(hour: u32, text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let mut out = Vec::new();
    for h in [hour.to_string(), format!("{hour:02}")] {
        out.extend(
            text.match_indices(h.as_str())
                .map(|(i, _)| i)
                .filter(|&i| (i == 0 || !digit(i - 1)) && !digit(i + h.len())),
        );
    }
    out
}

/// An e-mail or web address typed into a text.
static TYPED_ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b[a-z0-9._+-]+@[a-z0-9-]+(\.[a-z0-9-]+)+|\bhttps?://\S+|\bwww\.\S+")
        .expect("a valid pattern")
});

/// Whether `domain` is written in `text` whole: "pomaga.pl" is not in "krakowpomaga.pl".
fn domain_in(domain: &str, text: &str) -> bool {
    text.match_indices(domain).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + domain.len()..].chars().next();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '-')
            && !after.is_some_and(|c| c.is_alphanumeric() || c == '-')
    })
}

/// The domain of a web address, without `www.`, in lower case.
fn domain(web: &str) -> String {
    let rest = web.split_once("://").map_or(web, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    host.trim_start_matches("www.").to_lowercase()
}

/// A number's digits alone: how two ways of writing one number are compared.
pub(crate) fn digits(number: &str) -> String {
    number.chars().filter(char::is_ascii_digit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_web_address_and_hours_are_read_as_an_editor_writes_them() {
        assert!(domain_in("krakowpomaga.pl", "see www.krakowpomaga.pl."));
        assert!(!domain_in("pomaga.pl", "see www.krakowpomaga.pl."));
        assert_eq!(
            domain("https://www.Business.krakow.pl/pop"),
            "business.krakow.pl"
        );
        assert_eq!(
            ranges("Mo-Fr 10:00 - 17:00; Sa 9:00–13:00"),
            [(10, 17), (9, 13)]
        );
        assert!(range_in((10, 18), "czynne od 10.00 do 18.00"));
        assert!(!range_in(
            (10, 16),
            "czynne od 10.00 do 18.00; zapisy przez formularz na stronie, pokój 16"
        ));
    }

    #[test]
    fn a_fact_is_found_where_it_is_written_not_pieced_together() {
        let page =
            "Radziwiłłowskiej 8b, tel. 12 421 92 82; fax 61 22, Kapelanka 60 (+48) 504-704-933";
        assert!(address_in("ul. Radziwiłłowska 8b, Kraków", page));
        assert!(address_in("ul. Kapelanka 60, Kraków", page));
        assert!(
            !address_in("ul. Kapelanka 61, Kraków", page),
            "61 is elsewhere"
        );
        let numbers = numbers_in(&format!("{page}; 112"));
        for found in ["+48 12 421 92 82", "12 421 92 82", "+48 504 704 933", "112"] {
            assert!(written_in(found, &numbers), "{found}");
        }
        // A digit lost, the area code dropped, a digit added, the last group dropped, two
        // numbers pieced together.
        for wrong in [
            "+48 12 421 92 8",
            "+48 12 421 92",
            "+48 12 421",
            "+48 124",
            "+48 421 92 82",
            "+48 2 421 92 82",
            "+48 12 421 92 821",
            "+48 12 421 92 28",
            "92 82 61 22",
            "82612",
        ] {
            assert!(!written_in(wrong, &numbers), "{wrong}");
        }
        let merged = numbers_in("(w godz. 20–8) 504 704 933; 504 704 933 (20-8)");
        assert!(written_in("+48 504 704 933", &merged));
        assert!(
            !written_in("+48 704 933", &merged),
            "a tail of a number is not one"
        );
    }
}
