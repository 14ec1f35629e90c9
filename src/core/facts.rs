//! Every phone number, e-mail address and street address of a service is found in the source
//! document its entry names (`source`, in `dialogs/sources/`): a typo in the crisis line's
//! number is refused by `krok check` and by a live reload, not shown to people in crisis.

use super::content::file_name;
use super::problem::{Problem, Source};
use super::services::Services;

/// Numbers anyone may cite without a document: they are the law (`source = "public"`).
const PUBLIC_NUMBERS: [&str; 4] = ["112", "997", "998", "999"];

/// The facts of `services` that their source documents do not hold.
pub fn unsupported(services: &Services, documents: &[Source]) -> Vec<Problem> {
    let mut out = Vec::new();
    for s in services.iter() {
        let mut problem = |what: String| {
            out.push(Problem::error(&s.file, s.line, what));
        };
        if s.source == "public" {
            for p in s
                .phones
                .iter()
                .filter(|p| !PUBLIC_NUMBERS.contains(&p.number.as_str()))
            {
                problem(format!(
                    "phone {} of `{}` is not a public emergency number: name the document it comes from in `source`",
                    p.number, s.id
                ));
            }
            continue;
        }
        let Some(doc) = documents.iter().find(|d| file_name(&d.path) == s.source) else {
            problem(format!(
                "`{}` names the source `{}`, which is not in dialogs/sources",
                s.id, s.source
            ));
            continue;
        };
        let text = &doc.text;
        let numbers = numbers_in(text);
        for p in &s.phones {
            let digits: String = p.number.chars().filter(char::is_ascii_digit).collect();
            let local = digits.strip_prefix("48").unwrap_or(&digits);
            if !numbers.iter().any(|n| n.contains(local)) {
                problem(format!(
                    "phone {} of `{}` is not in its source {}: check the number against it",
                    p.number, s.id, s.source
                ));
            }
        }
        for email in s.email.iter().filter(|e| !text.contains(e.as_str())) {
            problem(format!(
                "e-mail {email} of `{}` is not in its source {}",
                s.id, s.source
            ));
        }
        if let Some(address) = &s.address
            && !address_in(address, text)
        {
            problem(format!(
                "address `{address}` of `{}` is not in its source {}",
                s.id, s.source
            ));
        }
    }
    out
}

/// The digits of every number written in `text`, a number being digits with spaces, hyphens,
/// brackets or a plus between them ("12 421 92 82", "+48 (12) 616-54-08").
fn numbers_in(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '+')))
        .map(|run| run.chars().filter(char::is_ascii_digit).collect::<String>())
        .filter(|digits| digits.len() >= 3)
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

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
        let numbers = numbers_in(page);
        assert!(numbers.iter().any(|n| n.contains("124219282")));
        assert!(numbers.iter().any(|n| n.contains("504704933")));
        assert!(
            !numbers.iter().any(|n| n.contains("82612")),
            "two numbers are not one"
        );
    }
}
