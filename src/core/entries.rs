//! One entry of a `[[list]]` in a content file is read on its own: a mistake in it (an unknown
//! key, a value of the wrong type, a missing key) is reported at its line and the other entries
//! are still read, so an editor sees every such mistake at once instead of one per file.

use std::collections::HashSet;

use serde::{Deserialize, Deserializer};
use toml::Spanned;

use super::problem::{Problem, Problems, Source};

/// An entry as read: its value, or serde's account of why it could not be read.
#[derive(Debug)]
pub(crate) struct Entry<T>(Result<T, String>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Entry<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Entry<T>, D::Error> {
        // toml reads the whole file before handing out entries, so an error inside one
        // leaves the others intact.
        Ok(Entry(T::deserialize(d).map_err(|e| e.to_string())))
    }
}

/// A list as written in a file.
pub(crate) type List<T> = Vec<Spanned<Entry<T>>>;

impl Source {
    /// The entries of `list` that could be read; each one that could not is a problem at its
    /// line. (Whatever names an entry that could not be read is checked against
    /// [`written_ids`], so it is not reported again as naming something that does not exist.)
    pub(crate) fn entries<T>(&self, list: List<T>, problems: &mut Problems) -> Vec<T> {
        let mut read = Vec::new();
        for entry in list {
            let span = entry.span();
            match entry.into_inner().0 {
                Ok(value) => read.push(value),
                Err(why) => {
                    let body = &self.text[span.clone()];
                    let (message, key) = plain(&why);
                    let line = key
                        .and_then(|k| line_of_key(body, k))
                        .map_or(self.line_of(span.start), |l| self.line_of(span.start) + l);
                    problems.push(Problem::error(&self.path, line, message));
                }
            }
        }
        read
    }
}

/// Serde's message on one line, and the key it is about: "unknown field `x`, expected …",
/// "missing field `x`", or "invalid type: …" followed by "in `x`".
fn plain(why: &str) -> (String, Option<&str>) {
    let mut lines = why.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("cannot be read");
    let inside = lines.find_map(|l| l.strip_prefix("in "));
    let key = match inside {
        Some(path) => quoted(path),
        None if first.starts_with("unknown field") => quoted(first),
        None => None,
    };
    let said = super::plain::toml_error(first, "");
    let message = match inside {
        Some(path) => format!("{path}: {said}"),
        None => said,
    };
    (message, key)
}

fn quoted(s: &str) -> Option<&str> {
    s.split('`').nth(1)
}

/// The line, counted from 0 within `body`, on which `key` is set.
fn line_of_key(body: &str, key: &str) -> Option<usize> {
    body.lines().position(|l| {
        l.trim_start()
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(['=', '.']))
    })
}

/// What follows the key `id` at the start of `line`, the key perhaps misspelt (`idd`, `Id`,
/// `di`): no other key of the dialog files is that close to it, and an entry whose `id` is
/// misspelt must not bring an "unknown" for every step naming it.
fn id_key(line: &str) -> Option<&str> {
    let end = line
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(line.len());
    let key = line[..end].to_ascii_lowercase();
    let close = key == "id" || key == "di" || super::plain::distance(&key, "id") == 1;
    (close && !key.is_empty()).then(|| &line[end..])
}

/// Every `id = "…"` written in `text`, read line by line without TOML: the ids of entries, or
/// of a whole file, that could not be read.
pub(crate) fn written_ids(text: &str) -> HashSet<String> {
    // Read as leniently as an editor may have broken it: a quote not closed, typographic
    // quotes, none at all, the `=` forgotten.
    const QUOTES: [char; 6] = ['"', '\'', '“', '”', '„', '«'];
    text.lines()
        .filter_map(|l| {
            let rest = id_key(l.trim_start())?.trim_start();
            if !rest.starts_with('=') && !rest.starts_with(QUOTES) {
                return None;
            }
            let value = rest.trim_start_matches('=').trim_start();
            let value = value.trim_start_matches(QUOTES);
            let end = value
                .find(|c: char| QUOTES.contains(&c) || c == '»' || c == '#' || c.is_whitespace())
                .unwrap_or(value.len());
            let id = &value[..end];
            (!id.is_empty()).then(|| id.to_owned())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct File {
        #[serde(default)]
        item: List<Item>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Item {
        id: String,
        #[serde(default)]
        n: u32,
    }

    #[test]
    fn every_broken_entry_is_reported_at_its_line_and_the_others_are_read() {
        let text = "[[item]]\nid = \"a\"\n\n[[item]]\nid = \"b\"\nnn = 2\n\n\
                    [[item]]\nid = \"c\"\nn = \"x\"\n\n[[item]]\nn = 1\n\n[[item]]\nid = \"e\"\n";
        let src = Source::new("f.toml", text);
        let mut problems = Problems::default();
        let file: File = src.parse_toml(&mut problems).unwrap();
        let read = src.entries(file.item, &mut problems);
        let ids: Vec<(&str, u32)> = read.iter().map(|i| (i.id.as_str(), i.n)).collect();
        assert_eq!(ids, [("a", 0), ("e", 0)]);
        let shown: Vec<String> = problems.0.iter().map(|p| p.to_string()).collect();
        assert_eq!(shown.len(), 3, "{shown:?}");
        assert_eq!(
            shown[0], "f.toml:6: unknown key `nn`: did you mean `n`?",
            "{shown:?}"
        );
        assert_eq!(
            shown[1],
            "f.toml:10: `n`: expected a whole number from 0 to 4294967295, got text"
        );
        assert_eq!(shown[2], "f.toml:12: `id` is missing");
    }

    #[test]
    fn ids_are_read_from_text_that_is_not_toml() {
        let text = "[[service]]\nid = \"mops\"\nphones = [[[\n  id='x' \nidea = \"y\"\n\
                    id = \"open\nid = “curly”\nid bare\nid \"no-equals\"\nid = plain # note\n";
        let expected = ["mops", "x", "open", "curly", "no-equals", "plain"];
        assert_eq!(
            written_ids(text),
            HashSet::from(expected.map(str::to_owned))
        );
    }
}
