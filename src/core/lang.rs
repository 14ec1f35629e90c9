//! The four languages Krok speaks, and how a platform's language hint maps onto them.

use serde::{Deserialize, Serialize};

/// A language every user-visible text exists in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Uk,
    Pl,
    En,
    Ru,
}

impl Lang {
    /// In the order the language screen offers them: Ukrainian first, as most users are newcomers.
    pub const ALL: [Lang; 4] = [Lang::Uk, Lang::Pl, Lang::En, Lang::Ru];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Uk => "uk",
            Lang::Pl => "pl",
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    /// Exact two-letter code, as in file names, payloads and the config.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// A platform hint such as Telegram's `language_code` ("uk", "pl-PL", "en-GB"). Anything
    /// else gives `None`, so the person is asked instead of guessed at.
    pub fn from_hint(hint: &str) -> Option<Lang> {
        let primary = hint.split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::from_code(&primary)
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_map_to_languages_or_nothing() {
        assert_eq!(Lang::from_hint("uk"), Some(Lang::Uk));
        assert_eq!(Lang::from_hint("pl-PL"), Some(Lang::Pl));
        assert_eq!(Lang::from_hint("EN_gb"), Some(Lang::En));
        assert_eq!(Lang::from_hint("de"), None);
        assert_eq!(Lang::from_hint(""), None);
    }
}
