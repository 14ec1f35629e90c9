//! TOML's messages in words a content editor or an operator knows. TOML's own ("invalid basic
//! string", "expected newline, `#`") name the parser's state, not the mistake: an editor in
//! Notepad who forgot a closing quote is told that, with TOML's words after it for whoever
//! knows them. Also the edit distance used to suggest a known name for a misspelt one.

/// A TOML error about one line (`line` is its text), said plainly where the mistake is a
/// common one; TOML's own message otherwise.
pub fn toml_error(message: &str, line: &str) -> String {
    let message = message.trim();
    let first = message.lines().next().unwrap_or(message).trim();
    if let Some(rest) = first.strip_prefix("unknown field ") {
        return unknown_key(rest);
    }
    if let Some(rest) = first.strip_prefix("missing field ") {
        return format!("{rest} is missing");
    }
    if let Some(said) = type_error(first) {
        return said;
    }
    match plain(message, first, line) {
        Some(plain) => format!("{plain} (TOML: {})", message.replace('\n', "; ")),
        None => message.replace('\n', "; "),
    }
}

fn plain(message: &str, first: &str, line: &str) -> Option<String> {
    if line.contains(['“', '”', '„', '«', '»']) {
        return Some(
            "texts go between straight quotes \"…\"; this line has typographic quotes \
             (“ ” „ « »), which word processors put in"
                .into(),
        );
    }
    if unclosed_quote(line) {
        return Some("a text in quotes is not closed: it needs its closing \" on this line".into());
    }
    let said = if first.starts_with("expected newline") {
        "the line goes on after its value: each setting goes on a line of its own"
    } else if message.contains("expected `}`") {
        "a { … } is not closed with } on this line, or a comma is missing between its settings"
    } else if message.contains("table header") {
        "an entry's heading is written on its own line, such as [[service]]"
    } else if message.contains("expected `]`") {
        "a [ … ] list is not closed with ], or a comma is missing between its items"
    } else if first.starts_with("expected `.`, `=`") {
        "a setting is written as name = value: the = is missing"
    } else if first.starts_with("invalid string") {
        "a text goes between quotes: name = \"text\""
    } else if first.starts_with("invalid date") {
        "a date is written as YYYY-MM-DD (2026-11-21) and must be a day that exists"
    } else if let Some(rest) = first.strip_prefix("duplicate key ") {
        let key = rest.split(" in ").next().unwrap_or(rest);
        return Some(format!("{key} is given twice in one entry: keep one"));
    } else {
        return None;
    };
    Some(said.to_owned())
}

/// "unknown field `adress`, expected one of `id`, `address`" as the key that is meant.
fn unknown_key(rest: &str) -> String {
    // serde lists one name as "expected `id`", two as "expected `id` or `n`".
    let (typed, known) = rest
        .split_once(", expected one of ")
        .or_else(|| rest.split_once(", expected "))
        .unwrap_or((rest, ""));
    let known = known.replace(" or ", ", ");
    match closest(typed, &known) {
        Some(k) => format!("unknown key {typed}: did you mean `{k}`?"),
        None if known.is_empty() => format!("unknown key {typed}"),
        None => format!("unknown key {typed}: the keys here are {known}"),
    }
}

/// serde's "invalid type: string \"abc\", expected u32" as "expected a whole number, got
/// text"; `None` for any other message.
pub fn type_error(first: &str) -> Option<String> {
    let (found, expected) = first.split_once(", expected ")?;
    let out_of_range = found.starts_with("invalid value");
    if !out_of_range && !found.starts_with("invalid type") {
        return None;
    }
    let kind = found
        .split_once(": ")
        .map_or(found, |(_, k)| k)
        .split([' ', '`', '"'])
        .next()
        .unwrap_or("");
    let expected = match expected {
        "u32" => "a whole number from 0 to 4294967295",
        "usize" | "u64" | "u16" | "u8" => "a whole number",
        "a boolean" => "true or false",
        "a string" => "text in quotes",
        "a sequence" => "a list in [ ], such as [\"uk\", \"pl\"]",
        other => other,
    };
    let kind = match kind {
        "string" => "text",
        "integer" if out_of_range => "a number out of range",
        "integer" => "a number",
        "floating" => "a number with a fraction",
        "boolean" => "true or false",
        "sequence" => "a list",
        "map" => "a table",
        other => other,
    };
    Some(format!("expected {expected}, got {kind}"))
}

/// Of serde's list of known names (`` `id`, `address` ``), the one `typed` (`` `adress` ``)
/// is a misspelling of, if any is close.
pub fn closest<'a>(typed: &str, known: &'a str) -> Option<&'a str> {
    known
        .split(", ")
        .map(|k| k.trim_matches('`'))
        .map(|k| (distance(typed.trim_matches('`'), k), k))
        .filter(|(d, _)| *d <= 3)
        .min()
        .map(|(_, k)| k)
}

/// What to add to "… `typed`, which does not exist": the letter that is not Latin (a
/// Cyrillic «с» looks like a Latin c), or the id it is a misspelling of.
pub fn unknown_id<'a>(typed: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    if let Some(letter) = typed.chars().find(|c| c.is_alphabetic() && !c.is_ascii()) {
        return format!(
            " (it holds «{letter}», which is not a Latin letter: ids use a-z, 0-9, _ and -)"
        );
    }
    let known: Vec<String> = known.into_iter().map(|k| format!("`{k}`")).collect();
    match closest(typed, &known.join(", ")) {
        Some(id) => format!(" (did you mean `{id}`?)"),
        None => String::new(),
    }
}

/// Whether a straight quote on the line is left open (before any comment); a line of a
/// multi-line text (`"""`) is not judged.
fn unclosed_quote(line: &str) -> bool {
    if line.contains("\"\"\"") {
        return false;
    }
    let (mut open, mut escaped) = (None, false);
    for c in line.chars() {
        match open {
            None if c == '#' => break,
            None if c == '"' || c == '\'' => open = Some(c),
            Some('"') if escaped => escaped = false,
            Some('"') if c == '\\' => escaped = true,
            Some(q) if c == q => open = None,
            _ => {}
        }
    }
    open.is_some()
}

/// Edits (insert, delete, replace one letter) from `a` to `b`.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (diagonal + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_mistakes_are_said_plainly_with_tomls_words_after() {
        let said = toml_error(
            "invalid inline table\nexpected `}`",
            r#"phones = [{ number = "+48 12 421 92 82, note = "phone-note-24h" }]"#,
        );
        assert!(
            said.starts_with("a text in quotes is not closed")
                && said.ends_with("(TOML: invalid inline table; expected `}`)"),
            "{said}"
        );
        let said = toml_error(
            "invalid inline table\nexpected `}`",
            r#"phones = [{ number = "+48 12 421 92 82" note = "phone-note-24h" }]"#,
        );
        assert!(said.starts_with("a { … } is not closed"), "{said}");
        let said = toml_error("invalid string\nexpected `\"`, `'`", "id = “crisis-centre”");
        assert!(
            said.starts_with("texts go between straight quotes"),
            "{said}"
        );
        let said = toml_error("invalid string\nexpected `\"`, `'`", "id = crisis-centre");
        assert!(said.starts_with("a text goes between quotes"), "{said}");
        let said = toml_error("duplicate key `id` in table `service`", "id = \"x\"");
        assert!(said.starts_with("`id` is given twice"), "{said}");
        let said = toml_error(
            "unknown field `adress`, expected one of `id`, `address`, `email`",
            "adress = \"x\"",
        );
        assert!(
            said.starts_with("unknown key `adress`: did you mean `address`?"),
            "{said}"
        );
        let said = toml_error("invalid type: integer `5`, expected a string", "id = 5");
        assert_eq!(said, "expected text in quotes, got a number");
        assert_eq!(toml_error("missing field `id`", ""), "`id` is missing");
        assert_eq!(toml_error("something new", "x = 1"), "something new");
    }

    #[test]
    fn a_quote_inside_a_text_or_a_comment_is_not_an_open_one() {
        assert!(!unclosed_quote(r#"a = "say \"hi\"" # it's"#));
        assert!(!unclosed_quote(r#"a = 'it"s'"#));
        assert!(unclosed_quote(r#"a = "it's"#));
        assert!(!unclosed_quote(r#"a = """"#));
    }
}
