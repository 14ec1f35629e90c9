//! A caseworker's link or code: `legal-uk-mops` parsed and encoded, and found where people
//! put it (opened as a link, typed as a first message, pasted into the chat, with words around it).

use crate::core::content::Content;
use crate::core::lang::Lang;
use crate::core::message::{Inbound, InboundKind};
use crate::core::triage::Verdict;

/// Longest deep-link payload Telegram carries.
pub const PAYLOAD_MAX: usize = 64;

/// A deep link: `legal-uk-mops` opens node `legal` in Ukrainian with referral tag `mops`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Payload {
    pub node: String,
    pub lang: Option<Lang>,
    pub tag: Option<String>,
}

impl Payload {
    /// `None` for anything malformed; the caller then starts the normal dialog.
    pub fn parse(payload: &str) -> Option<Payload> {
        if !Payload::well_formed(payload) {
            return None;
        }
        let mut parts = payload.splitn(3, '-');
        // Step ids are lower case; a link typed or printed in capitals (`Legal-UK-MOPS`) is
        // the same link.
        let node = parts.next()?.to_ascii_lowercase();
        // `legal--mops`: a tag, and the person's own language. `legal-ua` (the country's code,
        // as caseworkers often write it) is Ukrainian; any other unknown part makes this no
        // code at all, so typed words ("donate money now") are never read as one.
        let lang = match parts.next() {
            Some("") | None => None,
            Some(code) if code.eq_ignore_ascii_case("ua") => Some(Lang::Uk),
            Some(code) => Some(Lang::from_code(&code.to_ascii_lowercase())?),
        };
        // A tag starts with a letter or digit: `-a1` would read as a formula in a spreadsheet
        // of the figures.
        let tag = parts
            .next()
            .map(str::to_ascii_lowercase)
            .filter(|t| t.starts_with(|c: char| c.is_ascii_alphanumeric()));
        Some(Payload { node, lang, tag })
    }

    /// The step of a well-formed link whose language part is not one (`legal-xx-mops`).
    pub(super) fn step_only(payload: &str) -> Option<Payload> {
        let (step, _) = payload.split_once('-')?;
        Payload::well_formed(payload).then(|| Payload::parse(step))?
    }

    fn well_formed(payload: &str) -> bool {
        let ok_chars = || {
            payload
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        };
        !payload.is_empty() && payload.len() <= PAYLOAD_MAX && ok_chars()
    }

    pub fn encode(&self) -> String {
        let mut out = self.node.clone();
        if self.lang.is_some() || self.tag.is_some() {
            out.push('-');
            out.push_str(self.lang.map_or("", Lang::code));
        }
        if let Some(tag) = &self.tag {
            out.push('-');
            out.push_str(tag);
        }
        out
    }
}

/// A person's first message where links carry no payload (Matrix): a caseworker's code that
/// names an existing step (`legal-uk-mops`) is a `/start` with it; anything else is text.
pub fn first_message(content: &Content, text: &str) -> Inbound {
    match typed_code(content, text, true) {
        Some(code) => Inbound::new(InboundKind::Start {
            payload: Some(code),
        }),
        None => Inbound::from_text(text),
    }
}

/// The caseworker's code in a typed message, as phones and people type it: capitalised
/// (`Legal-uk-mops`), with spaces for hyphens, or after a greeting ("привіт legal-uk"). Mid-
/// conversation (`first` false) only a code with a language or a tag counts, so a word that
/// happens to be a step's id stays a word.
pub fn typed_code(content: &Content, text: &str, first: bool) -> Option<String> {
    let lower = text.trim().to_lowercase();
    let whole = lower.split_whitespace().collect::<Vec<_>>().join("-");
    let words = lower.split_whitespace().map(|w| {
        w.trim_matches(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
            .to_owned()
    });
    // A step's id alone is a code only as the whole of a first message ("crisis" in "I'm in
    // crisis" is a word).
    // One with both a language and a tag is a caseworker's code even when its step is gone
    // (a card printed before a rename): opened as the link is, saying it is old.
    // A card for a step that is gone counts only written as one word: words glued together
    // ("I am in PL and …") are a sentence, not a card.
    let code = |text: &String, bare: bool, glued: bool| {
        Payload::parse(text).is_some_and(|p| {
            let marked = p.lang.is_some() || p.tag.is_some();
            let card = p.lang.is_some() && p.tag.is_some() && !glued;
            content.dialog.knows(&p.node) && (bare || marked) || card
        })
    };
    if code(&whole, first, lower.split_whitespace().nth(1).is_some()) {
        return Some(whole);
    }
    // A step whose id has `_` typed with a space, as a phone keyboard makes people do
    // ("Legal advice ru mops" for `legal_advice-ru-mops`).
    // A code is a few words at most: a long message is not tried word by word as one.
    let parts: Vec<&str> = lower.split_whitespace().collect();
    let tried = if parts.len() <= CODE_WORDS {
        parts.len()
    } else {
        0
    };
    for joined in 2..tried {
        let typed = format!(
            "{}-{}",
            parts[..joined].join("_"),
            parts[joined..].join("-")
        );
        if code(&typed, false, true) {
            return Some(typed);
        }
    }
    words.into_iter().find(|w| code(w, false, false))
}

/// The most words a code typed with spaces has ("legal advice ru mops" has four).
const CODE_WORDS: usize = 8;

/// Where links carry the step (Telegram), a caseworker's link or code pasted as a message
/// instead of opened ("https://t.me/krok_bot?start=legal_advice-uk-mops", or the code a card
/// prints for Matrix): only a message that is nothing but the link or the code, and only a
/// code naming a step (or a card's, with language and tag). Anything more is words, read
/// for a crisis as every message is.
pub fn pasted_code(content: &Content, text: &str) -> Option<String> {
    let text = text.trim();
    if text.contains(char::is_whitespace) {
        return None;
    }
    let link = ["t.me/", "telegram.me/"]
        .iter()
        .any(|host| text.contains(host));
    let code = match text.split_once("?start=") {
        Some((_, payload)) if link => payload,
        _ => text,
    };
    typed_code(content, code, false).filter(|found| found.eq_ignore_ascii_case(code))
}

/// A caseworker's link or code with words around it ("Мені дали посилання
/// https://t.me/krok_bot?start=legal-uk-mops", "мій код legal uk mops"): its step, unless
/// the words besides it are a crisis or a cry for help, which are answered as every message
/// is (a link's tag, "mops", is no wish for the benefits office either way).
pub fn code_in_words(content: &Content, text: &str) -> Option<String> {
    let linked = text.split_whitespace().find_map(|token| {
        let link = ["t.me/", "telegram.me/"].iter().any(|h| token.contains(h));
        let (_, payload) = token.split_once("?start=").filter(|_| link)?;
        let payload = payload.trim_end_matches(|c: char| !(c.is_alphanumeric() || c == '_'));
        typed_code(content, payload, false).filter(|found| found.eq_ignore_ascii_case(payload))
    });
    let code = linked.or_else(|| typed_code(content, text, false))?;
    (!cry_besides(content, text)).then_some(code)
}

/// Whether the words of a message with a link or code in it are a crisis or a cry for help:
/// then they are answered, not the code.
pub fn cry_besides(content: &Content, text: &str) -> bool {
    // The whole message but the link itself: a code's own words ("legal", "uk", "mops") are
    // no crisis, and a sentence glued into a "code" ("I am in PL and my husband beats me")
    // must still be read for one.
    let besides: Vec<&str> = text
        .split_whitespace()
        .filter(|token| !token.contains("?start="))
        .collect();
    matches!(
        content.triage.classify(&besides.join(" ")),
        Verdict::Crisis { .. } | Verdict::Intent { urgent: true, .. }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads() {
        let p = Payload::parse("legal-uk-mops").unwrap();
        assert_eq!(
            p,
            Payload {
                node: "legal".into(),
                lang: Some(Lang::Uk),
                tag: Some("mops".into())
            }
        );
        assert_eq!(p.encode(), "legal-uk-mops");
        assert_eq!(Payload::parse("crisis").unwrap().lang, None);
        // Ukraine's code is Ukrainian; any other unknown language is no code.
        assert_eq!(
            Payload::parse("legal-UA-mops").unwrap().lang,
            Some(Lang::Uk)
        );
        assert_eq!(Payload::parse("legal-xx-mops"), None);
        assert_eq!(Payload::parse("donate-money-now"), None);
        assert_eq!(Payload::parse("legal uk"), None);
        assert_eq!(Payload::parse(""), None);
        assert_eq!(Payload::parse(&"a".repeat(65)), None);
        // A tag that would read as a formula in the figures' spreadsheet is no tag.
        assert_eq!(Payload::parse("legal-uk--a1").unwrap().tag, None);
        assert_eq!(
            Payload::parse("legal-uk-m-1").unwrap().tag.as_deref(),
            Some("m-1")
        );
    }
}
