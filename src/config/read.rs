//! A setting of `krok.toml` that cannot be read, told plainly: at its line, with what was
//! expected and what kind of value was found, never the value itself (it may be a secret).

/// 1-based line on which `key` is set in `text` (1 when it is not found as written).
pub(super) fn line_of_key(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            let l = l.strip_prefix('[').unwrap_or(l).trim_start();
            let bare = l.strip_prefix(key);
            let quoted = l
                .strip_prefix(['"', '\''])
                .and_then(|r| r.strip_prefix(key))
                .and_then(|r| r.strip_prefix(['"', '\'']));
            bare.or(quoted)
                .is_some_and(|rest| rest.trim_start().starts_with(['=', ']', '.']))
        })
        .map_or(1, |i| i + 1)
}

/// serde's "invalid type: string \"abc\", expected u32" as "expected a whole number, got
/// text"; "unknown field `x`, expected one of …" as "unknown setting; Krok reads …".
pub(super) fn plain_type_error(serde: &str) -> String {
    let first = serde.lines().next().unwrap_or(serde).trim();
    if let Some(rest) = first.strip_prefix("unknown field ") {
        let (typed, known) = rest.split_once(", expected one of ").unwrap_or((rest, ""));
        let names = known.split(", ").map(|k| k.trim_matches('`'));
        let closest = names
            .map(|k| (distance(typed.trim_matches('`'), k), k))
            .filter(|(d, _)| *d <= 3)
            .min();
        return match closest {
            Some((_, k)) => format!("unknown setting; did you mean `{k}`?"),
            None => format!("unknown setting; Krok reads {known}"),
        };
    }
    let (found, expected) = match first.split_once(", expected ") {
        Some((found, expected)) => (found, expected),
        None => return first.to_owned(),
    };
    let out_of_range = found.starts_with("invalid value");
    let kind = found
        .split_once(": ")
        .map_or(found, |(_, k)| k)
        .split([' ', '`', '"'])
        .next()
        .unwrap_or("");
    let expected = match expected {
        "u32" => "a whole number from 0 to 4294967295",
        "usize" | "u64" => "a whole number",
        "a boolean" => "true or false",
        "a string" => "text in quotes",
        "a sequence" => "a list such as [\"tg:123\"]",
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
    format!("expected {expected}, got {kind}")
}

/// Edits (insert, delete, replace one letter) from `a` to `b`.
fn distance(a: &str, b: &str) -> usize {
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
    fn a_setting_is_found_on_its_line_however_it_is_written() {
        let text = "# krok\ndata_dir = \"x\"\n  \"desk_listen\" = \"\"\n[matrix]\n";
        assert_eq!(line_of_key(text, "data_dir"), 2);
        assert_eq!(line_of_key(text, "desk_listen"), 3);
        assert_eq!(line_of_key(text, "matrix"), 4);
        assert_eq!(line_of_key(text, "data"), 1, "not a prefix of another key");
    }

    #[test]
    fn type_errors_say_what_was_expected_and_never_quote_the_value() {
        let cases = [
            (
                "invalid type: string \"thirty\", expected u32",
                "expected a whole number from 0 to 4294967295, got text",
            ),
            (
                "invalid value: integer `-1`, expected u32",
                "expected a whole number from 0 to 4294967295, got a number out of range",
            ),
            (
                "invalid type: integer `123456789`, expected a string",
                "expected text in quotes, got a number",
            ),
            (
                "invalid type: string \"yes\", expected a boolean",
                "expected true or false, got text",
            ),
        ];
        for (serde, plain) in cases {
            assert_eq!(plain_type_error(serde), plain);
        }
        let known = "expected one of `data_dir`, `session_ttl_days`";
        let typo = plain_type_error(&format!("unknown field `sesion_ttl_days`, {known}"));
        assert_eq!(typo, "unknown setting; did you mean `session_ttl_days`?");
        let other = plain_type_error(&format!("unknown field `colour`, {known}"));
        assert_eq!(
            other,
            "unknown setting; Krok reads `data_dir`, `session_ttl_days`"
        );
    }
}
