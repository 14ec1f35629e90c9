//! Text normalisation shared by triage and option matching: lower case, Latin letters without
//! their diacritics (people often type Polish without them), one apostrophe, one space.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// For regex patterns: Cyrillic stays as typed (й and ї are letters of their own), except ё→е.
pub fn for_patterns(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        // Fast paths for the letters nearly every message is made of; tables for the rest.
        let lower = match c {
            'A'..='Z' | 'А'..='Я' => char::from_u32(c as u32 + 0x20),
            'Ѐ'..='Џ' => char::from_u32(c as u32 + 0x50),
            c if c.is_ascii() || ('а'..='џ').contains(&c) => Some(c),
            _ => None,
        };
        let mut push = |c: char| {
            if c.is_whitespace() {
                space = !out.is_empty();
                return;
            }
            if space {
                out.push(' ');
                space = false;
            }
            push_folded(&mut out, c);
        };
        match lower {
            Some(c) => push(c),
            None => c.to_lowercase().for_each(push),
        }
    }
    out
}

fn push_folded(out: &mut String, c: char) {
    match c {
        'ł' => out.push('l'),
        'ё' => out.push('е'),
        '\u{2019}' | '\u{2018}' | '\u{02bc}' | '`' | '\u{00b4}' => out.push('\''),
        c if c.is_ascii() => out.push(c),
        // Only Latin letters lose their marks; Cyrillic and others are kept whole.
        c if ('\u{00c0}'..='\u{024f}').contains(&c) => {
            out.extend(c.nfd().filter(|m| !is_combining_mark(*m)));
        }
        c => out.push(c),
    }
}

/// For comparing a typed answer with a button label: also drops emoji and punctuation.
pub fn for_labels(text: &str) -> String {
    let folded = for_patterns(text);
    let kept: String = folded
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_latin_keeps_cyrillic() {
        assert_eq!(for_patterns("  Zabiję   SIĘ "), "zabije sie");
        assert_eq!(for_patterns("Вбʼю себе"), "вб'ю себе");
        assert_eq!(for_patterns("Йорж Їжак Ёлка ЄҐІЎ"), "йорж їжак елка єґіў");
        assert_eq!(for_patterns("Ab\tC\n\u{a0}Ż"), "ab c z");
        assert_eq!(
            for_labels("⚖️ Legal or official matters!"),
            "legal or official matters"
        );
        assert_eq!(for_labels("Żółć"), "zolc");
    }
}
