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
        return match crate::core::plain::closest(typed, known) {
            Some(k) => format!("unknown setting; did you mean `{k}`?"),
            None => format!("unknown setting; Krok reads {known}"),
        };
    }
    crate::core::plain::type_error(first).unwrap_or_else(|| first.to_owned())
}

/// `HTTPS://Desk.example.org` is `https://Desk.example.org`: a URL's scheme has no case
/// (RFC 3986), and every check and every link made from the address compares it written
/// small.
pub(super) fn lower_scheme(url: &mut Option<String>) {
    let Some(text) = url.as_mut() else { return };
    if let Some((scheme, rest)) = text.split_once("://")
        && scheme.chars().all(|c| c.is_ascii_alphabetic())
        && scheme.chars().any(|c| c.is_ascii_uppercase())
    {
        *text = format!("{}://{rest}", scheme.to_ascii_lowercase());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caseworker_given_as_text_is_shown_a_list_of_ids() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("krok.toml");
        std::fs::write(&file, "caseworkers = \"tg:42\"\n").unwrap();
        let err = crate::config::Config::load_from(Some(&file), []).unwrap_err();
        let said = err.to_string();
        assert!(
            said.contains("krok.toml:1: caseworkers: expected a list")
                && said.contains(r#"["tg:123456789"]"#),
            "{said}"
        );
    }

    #[test]
    fn a_url_in_capitals_is_the_same_address() {
        let env = [
            ("KROK_DESK_LISTEN", "127.0.0.1:8090"),
            ("KROK_DESK_PUBLIC_URL", "HTTPS://Desk.example.org"),
            ("KROK_TELEGRAM_API_URL", "Http://127.0.0.1:8081"),
        ]
        .map(|(n, v)| (n.to_owned(), v.to_owned()));
        let config = crate::config::Config::load_from(None, env).expect("valid");
        assert_eq!(
            config.desk_public_url.as_deref(),
            Some("https://Desk.example.org")
        );
        assert_eq!(
            config.telegram_api_url.as_deref(),
            Some("http://127.0.0.1:8081")
        );
        let mut not_a_url = Some("C:\\krok".to_owned());
        lower_scheme(&mut not_a_url);
        assert_eq!(not_a_url.as_deref(), Some("C:\\krok"));
    }

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
