//! One CSV field that a spreadsheet reads as text: quoted, quotes doubled, and a value that
//! would start a formula (a name typed as `=HYPERLINK(…)`, a phone as `+48…`) led by an
//! apostrophe. The bookings' CSV (the desk's day and `krok bookings --csv`) is written with it;
//! the figures' labels are ids, guarded where they are written.

/// `value` as one quoted CSV field.
pub fn field(value: &str) -> String {
    let value = match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_owned(),
    };
    format!("\"{}\"", value.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::field;

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
