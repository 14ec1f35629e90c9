//! One CSV field that a spreadsheet reads as text: quoted, quotes doubled, and a value that
//! would start a formula (a name typed as `=HYPERLINK(…)`, a phone as `+48…`) led by an
//! apostrophe. The bookings' CSV (the desk's day and `krok bookings --csv`) is written with it;
//! the figures' labels are ids, guarded where they are written. `for_excel` turns one such
//! CSV into what Excel with Polish (or Ukrainian) settings opens as a table.

/// `value` as one quoted CSV field.
pub fn field(value: &str) -> String {
    let value = match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_owned(),
    };
    format!("\"{}\"", value.replace('"', "\"\""))
}

/// The same CSV as Excel opens it with a European list separator: a byte order mark, so
/// Cyrillic and Polish letters are read as UTF-8, and `;` between fields (a comma inside a
/// quoted field stays), lines ending in CR LF.
pub fn for_excel(csv: &str) -> String {
    let mut out = String::with_capacity(csv.len() + 16);
    out.push('\u{feff}');
    let mut quoted = false;
    let mut chars = csv.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                quoted = !quoted;
                out.push(c);
            }
            ',' if !quoted => out.push(';'),
            '\n' if !quoted => out.push_str("\r\n"),
            '\r' if !quoted && chars.peek() == Some(&'\n') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{field, for_excel};

    #[test]
    fn for_excel_the_fields_are_apart_by_semicolons_and_the_text_is_marked_utf8() {
        let csv = format!("time,name\r\n10:00,{}\n", field("Коваль, Олена \"Оля\""));
        assert_eq!(
            for_excel(&csv),
            "\u{feff}time;name\r\n10:00;\"Коваль, Олена \"\"Оля\"\"\"\r\n"
        );
    }

    #[test]
    fn a_field_never_reads_as_a_formula_and_quotes_are_doubled() {
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("+48 600 000 000"), "\"'+48 600 000 000\"");
        assert_eq!(field("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(field("-1"), "\"'-1\"");
        assert_eq!(field("Олена К."), "\"Олена К.\"");
        assert_eq!(field(""), "\"\"");
    }
}
