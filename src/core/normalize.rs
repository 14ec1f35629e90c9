//! Text normalisation shared by triage and option matching: lower case, Latin letters without
//! their diacritics (people often type Polish without them), one apostrophe, one space.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// For regex patterns: Cyrillic stays as typed (й and ї are letters of their own), except ё→е.
/// Every message passes here (up to 4096 characters), so ASCII and the common Cyrillic
/// letters are copied as bytes; anything else goes through Unicode's tables.
pub fn for_patterns(text: &str) -> String {
    // Letters written as a base and a mark (text copied from a Mac, a PDF, some keyboards:
    // "chce\u{328}") are composed first, so they fold as typed letters do.
    let composed: String;
    let text = if text.chars().any(is_combining_mark) {
        composed = text.nfc().collect();
        &composed
    } else {
        text
    };
    let bytes = text.as_bytes();
    // Built as a `String` from whole characters, so it needs no UTF-8 check at the end.
    let mut out = String::with_capacity(text.len());
    // A space is written only before the next character, so none leads or trails.
    let mut space = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
            space = !out.is_empty();
            i += 1;
            continue;
        }
        let run = kept_run(&bytes[i..]);
        if run > 0 {
            put_space(&mut out, &mut space);
            out.push_str(&text[i..i + run]);
            i += run;
            continue;
        }
        if b < 0x80 {
            put_space(&mut out, &mut space);
            out.push(if b == b'`' {
                '\''
            } else {
                char::from(b.to_ascii_lowercase())
            });
            i += 1;
            continue;
        }
        if let (0xd0 | 0xd1, Some(&b2)) = (b, bytes.get(i + 1)) {
            let code = (u32::from(b & 0x1f) << 6) | u32::from(b2 & 0x3f);
            let lower = match code {
                0x430..=0x44f | 0x454 | 0x456 | 0x457 => Some(code),
                0x410..=0x42f => Some(code + 0x20),
                _ => None,
            };
            if let Some(lower) = lower.and_then(char::from_u32) {
                put_space(&mut out, &mut space);
                out.push(lower);
                i += 2;
                continue;
            }
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        i += c.len_utf8();
        // Marks left over (a stress mark on a Cyrillic vowel) and characters that show nothing
        // (a soft hyphen, zero-width spaces and joiners, direction marks, a byte-order mark)
        // would split a word for the patterns: "поме\u{ad}рти" is "померти".
        if is_combining_mark(c) || invisible(c) {
            continue;
        }
        for c in c.to_lowercase() {
            if c.is_whitespace() {
                space = !out.is_empty();
            } else {
                put_space(&mut out, &mut space);
                push_folded(&mut out, c);
            }
        }
    }
    out
}

/// How many bytes from the start are already normal (lower-case ASCII other than spaces and
/// the backtick, lower-case common Cyrillic letters), to be copied in one go. Only whole
/// characters are counted, so the cut is always at a character boundary.
fn kept_run(bytes: &[u8]) -> usize {
    let mut n = 0;
    while let Some(&b) = bytes.get(n) {
        let next = bytes.get(n + 1).copied();
        let width = match b {
            b'A'..=b'Z' | b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | b'`' => 0,
            0x00..=0x7f => 1,
            0xd0 if matches!(next, Some(0xb0..=0xbf)) => 2,
            0xd1 if matches!(next, Some(0x80..=0x8f | 0x94 | 0x96 | 0x97)) => 2,
            _ => 0,
        };
        if width == 0 {
            break;
        }
        n += width;
    }
    n
}

/// Format characters that show nothing in a chat message.
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00ad}'
            | '\u{061c}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}'
    )
}

/// Text a caseworker typed for a person to read, without control characters and the marks
/// that turn the direction of what follows (which could make "cancelled" read as something
/// else, or hide part of a note): a line as it will show.
pub fn shown_line(text: &str) -> String {
    let turns = |c: char| {
        matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
    };
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .filter(|c| !turns(*c))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn put_space(out: &mut String, space: &mut bool) {
    if *space {
        out.push(' ');
        *space = false;
    }
}

fn push_folded(out: &mut String, c: char) {
    let mut put = |c: char| out.push(c);
    match c {
        'ł' => put('l'),
        'ё' => put('е'),
        '\u{2019}' | '\u{2018}' | '\u{02bc}' | '`' | '\u{00b4}' => put('\''),
        // Only Latin letters lose their marks; Cyrillic and others are kept whole.
        c if ('\u{00c0}'..='\u{024f}').contains(&c) => {
            c.nfd().filter(|m| !is_combining_mark(*m)).for_each(put);
        }
        c => put(c),
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
    use proptest::prelude::*;

    /// The plain form of `for_patterns`, without its fast paths.
    fn reference(text: &str) -> String {
        let mut out = String::new();
        for c in text.chars().flat_map(char::to_lowercase) {
            if c.is_whitespace() {
                out.push(' ');
            } else {
                push_folded(&mut out, c);
            }
        }
        out.split(' ')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    proptest! {
        #[test]
        fn fast_paths_change_nothing(text in "[a-zA-Z0-9 \t\n`'’ʼ.,!?ąęłóśżźćńĄĘŁÓŚŻŹĆŃабвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯІЇЄҐ\u{a0}\u{2003}ß🙏İ]{0,60}") {
            prop_assert_eq!(for_patterns(&text), reference(&text));
        }
    }

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

    #[test]
    fn marks_apart_and_invisible_characters_do_not_split_words() {
        assert_eq!(
            for_patterns("chce\u{328} sie\u{328} zabic\u{301}"),
            "chce sie zabic"
        );
        assert_eq!(for_patterns("я хочу поме\u{ad}рти"), "я хочу померти");
        assert_eq!(for_patterns("я хочу поме\u{200b}рти"), "я хочу померти");
        assert_eq!(for_patterns("помe\u{301}рти"), for_patterns("помeрти"));
        assert_eq!(for_patterns("и\u{306}ти і\u{308}сти"), "йти їсти");
        assert_eq!(
            for_patterns("\u{feff}\u{202e}I want to ki\u{301}ll myself"),
            "i want to kill myself"
        );
    }

    #[test]
    fn a_shown_line_has_no_controls_or_direction_marks() {
        assert_eq!(
            shown_line(
                "Przeniesione\u{202e}kcans\u{202c} na\tjutro\u{0}\u{1b}[31m, \u{2066}ok\u{2069}"
            ),
            "Przeniesionekcans na jutro [31m, ok"
        );
        assert_eq!(shown_line("👩‍⚕️ lekarka chora"), "👩‍⚕️ lekarka chora");
    }
}
