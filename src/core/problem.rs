//! A problem found in a content file, reported to editors as `file:line: message`.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl Problem {
    pub fn error(file: &str, line: usize, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Error,
            file: file.to_owned(),
            line,
            message: message.into(),
        }
    }

    pub fn warning(file: &str, line: usize, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(file, line, message)
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tag = match self.severity {
            Severity::Error => "",
            Severity::Warning => "warning: ",
        };
        write!(f, "{}:{}: {tag}{}", self.file, self.line, self.message)
    }
}

/// Every problem found while loading content; an `Err` holds at least one error.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    pub fn push(&mut self, p: Problem) {
        self.0.push(p);
    }

    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    pub fn error_count(&self) -> usize {
        self.0
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }

    pub fn sorted(mut self) -> Problems {
        self.0
            .sort_by(|a, b| (&a.file, a.line, &a.message).cmp(&(&b.file, b.line, &b.message)));
        self
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.0 {
            writeln!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

/// One content file: its path as shown to editors, and its text.
#[derive(Clone, Debug)]
pub struct Source {
    pub path: String,
    pub text: String,
    /// Byte offsets of the line breaks, so a line is found by a binary search: a triage file
    /// has thousands of patterns, and counting from the start for each took seconds.
    breaks: Vec<usize>,
}

impl Source {
    /// A file's text; a byte order mark at its start (some Windows editors write one) is
    /// dropped, for Fluent as for TOML.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Source {
        let mut text = text.into();
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        let breaks = text
            .bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i)
            .collect();
        Source {
            path: path.into(),
            text,
            breaks,
        }
    }

    /// Parses the file as TOML into `T`; a syntax error or an unknown field becomes a problem.
    pub fn parse_toml<T: serde::de::DeserializeOwned>(&self, problems: &mut Problems) -> Option<T> {
        toml::from_str(&self.text)
            .map_err(|e| {
                let line = e.span().map_or(1, |s| self.line_of(s.start));
                let said = super::plain::toml_error(e.message(), self.line_text(line));
                problems.push(Problem::error(&self.path, line, said));
            })
            .ok()
    }

    /// The text of a 1-based line, without its line break.
    pub fn line_text(&self, line: usize) -> &str {
        self.text.lines().nth(line.saturating_sub(1)).unwrap_or("")
    }

    /// 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.breaks.partition_point(|&b| b < offset) + 1
    }
}

/// 1-based line of a byte offset in a text that is read once (a settings file).
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_line_is_the_same_by_search_and_by_count() {
        let text = "a\nbb\n\nccc\n";
        let src = super::Source::new("f", text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(
                src.line_of(offset),
                super::line_of(text, offset),
                "{offset}"
            );
        }
    }
}
