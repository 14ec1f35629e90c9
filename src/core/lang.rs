//! The four languages Krok speaks, and how a platform's language hint maps onto them.

use std::sync::LazyLock;

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

/// The language a message is written in, when the letters and words say so: Ukrainian or
/// Russian from the letters only one of them has (і ї є ґ / ы э ъ ё) and common words, Polish
/// or English from Polish letters and common words; Ukrainian or Russian typed in Latin
/// letters from their transliterated words. `None` when nothing decides (the caller keeps its
/// own guess). Where the rules cannot tell Ukrainian from Russian in Cyrillic text, the
/// `whatlang` library does. In Latin text it is not asked: it takes transliterated Ukrainian or
/// Russian for Polish or English, and the caller's guess (the matched crisis group's language)
/// is right more often. Measured on `tests/triage_eval.tsv` with `cargo bench --bench lang_id`
/// and `krok triage --eval` (see BENCHMARKS.md).
pub fn detect(text: &str) -> Option<Lang> {
    let told = rules(text);
    told.with_endings.or_else(|| match told.script {
        Script::Cyrillic => library(text),
        Script::Latin | Script::Neither => None,
    })
}

/// Other ways people name a language when asked to pick one, beside its own name
/// (`lang-name-*`): short forms, codes and the name in the other three languages. Written as
/// `normalize::for_labels` leaves text (lower case, no accents or punctuation), so a typed
/// name compares as it is. Not "uk": an English speaker may mean the country.
const OTHER_NAMES: [(Lang, &[&str]); 4] = [
    (
        Lang::Uk,
        &[
            "українська",
            "ua",
            "ukr",
            "укр",
            "українська мова",
            "українською",
            "по українськи",
            "ukrainian",
            "ukrainski",
            "po ukrainsku",
            "украинский",
            "на украинском",
            "по украински",
            "ukrainska",
            "ukrainska mova",
            "ukrainskoju",
        ],
    ),
    (
        Lang::Pl,
        &[
            "polski",
            "pl",
            "pol",
            "polish",
            "po polsku",
            "jezyk polski",
            "польська",
            "польською",
            "польский",
            "на польском",
            "по польски",
            "polska mova",
        ],
    ),
    (
        Lang::En,
        &[
            "english",
            "en",
            "eng",
            "in english",
            "angielski",
            "po angielsku",
            "англійська",
            "англійською",
            "английский",
            "на английском",
            "по английски",
            "angliiska",
        ],
    ),
    (
        Lang::Ru,
        &[
            "русский",
            "ru",
            "rus",
            "рус",
            "русский язык",
            "на русском",
            "по русски",
            "russian",
            "rosyjski",
            "po rosyjsku",
            "російська",
            "російською",
            "russkiy",
            "russkij",
            "na russkom",
            "po russki",
        ],
    ),
];

/// The language `typed` (already normalised for labels) asks for: one of its other names,
/// alone or with the words people ask with; or, said not to be understood ("я не понимаю по
/// украински"), the language of the words saying so.
pub fn named(typed: &str) -> Option<Lang> {
    if let Some((rest, written)) = NOT_UNDERSTOOD.iter().find_map(|(not, lang)| {
        let at = typed.find(not)?;
        Some((
            format!("{} {}", &typed[..at], &typed[at + not.len()..]),
            *lang,
        ))
    }) {
        let refused = asked(
            rest.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .as_str(),
        )?;
        return (written != refused).then_some(written);
    }
    asked(typed)
}

/// A language's other name, alone or among the words of asking ("in english please", "по
/// русски пожалуйста", "пишіть українською", "а можна на русском мне так легче").
fn asked(typed: &str) -> Option<Lang> {
    let find = |typed: &str| {
        OTHER_NAMES
            .iter()
            .find_map(|(lang, names)| names.contains(&typed).then_some(*lang))
    };
    find(typed).or_else(|| {
        let named: Vec<&str> = typed.split(' ').filter(|w| !POLITE.contains(w)).collect();
        (!named.is_empty() && named.len() < typed.split(' ').count())
            .then(|| find(&named.join(" ")))
            .flatten()
    })
}

/// "I don't understand (this language)", as typed and normalised for labels, with the
/// language the words are in.
const NOT_UNDERSTOOD: &[(&str, Lang)] = &[
    ("не понимаю", Lang::Ru),
    ("не розумію", Lang::Uk),
    ("nie rozumiem", Lang::Pl),
    ("don t understand", Lang::En),
    ("do not understand", Lang::En),
    ("can t understand", Lang::En),
];

/// Words around a language's name when someone asks for it (normalised for labels).
const POLITE: &[&str] = &[
    "please",
    "pls",
    "plz",
    "can",
    "could",
    "we",
    "you",
    "speak",
    "talk",
    "пожалуйста",
    "пожалуй",
    "можно",
    "давайте",
    "говорите",
    "будь",
    "ласка",
    "можна",
    "говорить",
    "говоріть",
    "розмовляйте",
    "prosze",
    "czy",
    "mozna",
    "mowic",
    // Asked as a question: "do you speak English?", "czy mówisz po angielsku?", "ви
    // розмовляєте українською?", "кто-нибудь говорит по-русски?".
    "do",
    "does",
    "anyone",
    "anybody",
    "someone",
    "here",
    "mowisz",
    "mowicie",
    "mowi",
    "pan",
    "pani",
    "ktos",
    "tu",
    "ви",
    "вы",
    "ти",
    "ты",
    "чи",
    "тут",
    "хтось",
    "розмовляєте",
    "говориш",
    "кто",
    "нибудь",
    "говорит",
    "розмовляє",
    // Asked as "write to me in …", with an "and" or "but" in front or a reason after.
    "write",
    "me",
    "to",
    "i",
    "пишіть",
    "напишіть",
    "пиши",
    "пишите",
    "напишите",
    "мені",
    "мне",
    "мной",
    "мною",
    "зі",
    "со",
    "а",
    "і",
    "и",
    "так",
    "легше",
    "легче",
    "краще",
    "лучше",
    "я",
    "pisz",
    "piszcie",
    "napisz",
    "ze",
    "mna",
];

/// The rules alone, without the library (to measure one against the other).
pub fn detect_by_rules(text: &str) -> Option<Lang> {
    rules(text).with_endings
}

/// What the rules tell, split by how sure they are: `.0` from letters and words only one
/// language has, `.1` when only verb endings decide ("-ть" is a Russian infinitive, but also
/// Ukrainian "болить", "роблять"), weak enough that a phone set to the other language wins.
pub fn detect_by_rules_weighed(text: &str) -> (Option<Lang>, Option<Lang>) {
    weighed(&rules(text))
}

fn weighed(told: &Told) -> (Option<Lang>, Option<Lang>) {
    match told.by_words {
        Some(lang) if told.with_endings.is_none_or(|e| e == lang) => (Some(lang), None),
        _ => (None, told.with_endings),
    }
}

/// For a text written mostly in Cyrillic letters, the language its own letters or words tell
/// (`.0` of `detect_by_rules_weighed`), read once; `None` for any other text.
pub fn cyrillic_by_words(text: &str) -> Option<Option<Lang>> {
    let told = rules(text);
    matches!(told.script, Script::Cyrillic).then(|| weighed(&told).0)
}

/// Whether `text` is written mostly in Cyrillic letters.
pub fn mostly_cyrillic(text: &str) -> bool {
    matches!(rules(text).script, Script::Cyrillic)
}

/// Which letters a message is mostly written in.
enum Script {
    Cyrillic,
    Latin,
    Neither,
}

/// What the rules found: the language letters and words tell, the one they tell counting verb
/// endings too (the same unless endings tip it), and the script.
struct Told {
    by_words: Option<Lang>,
    with_endings: Option<Lang>,
    script: Script,
}

fn rules(text: &str) -> Told {
    let lower = text.to_lowercase();
    let mut score = [0i32; 4];
    let mut endings = [0i32; 4];
    let mut add = |lang: Lang, n: i32| score[lang as usize] += n;
    let (mut cyrillic, mut latin) = (0, 0);
    for c in lower.chars() {
        match c {
            'і' | 'ї' | 'є' | 'ґ' => add(Lang::Uk, 3),
            'ы' | 'э' | 'ъ' | 'ё' => add(Lang::Ru, 3),
            'ą' | 'ć' | 'ę' | 'ł' | 'ń' | 'ó' | 'ś' | 'ź' | 'ż' => add(Lang::Pl, 3),
            _ => {}
        }
        if ('\u{0400}'..='\u{04FF}').contains(&c) {
            cyrillic += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    for word in lower.split(|c: char| !c.is_alphabetic() && c != '\'' && c != 'ʼ') {
        for (lang, list) in WORDS {
            if list.contains(&word) {
                add(*lang, 2);
            }
        }
        // Infinitives: Ukrainian -ти, Russian -ть (жити / жить, вбити / убить). Only Russian
        // ends a verb in -еть (умереть, болеть); other -ть are also Ukrainian present tense
        // (болить, роблять, б'ють), so they are weighed apart.
        if word.chars().count() > 3 {
            if word.ends_with("ти") {
                endings[Lang::Uk as usize] += 1;
            } else if word.ends_with("еть") {
                add(Lang::Ru, 1);
            } else if word.ends_with("ть") {
                endings[Lang::Ru as usize] += 1;
            }
        }
    }
    let with_endings: [i32; 4] = std::array::from_fn(|i| score[i] + endings[i]);
    let best = |score: &[i32; 4], langs: &[Lang]| {
        let top = langs.iter().copied().max_by_key(|l| score[*l as usize])?;
        let runner_up = langs
            .iter()
            .filter(|l| **l != top)
            .map(|l| score[*l as usize])
            .max()
            .unwrap_or(0);
        (score[top as usize] > runner_up).then_some(top)
    };
    let (langs, script): (&[Lang], _) = if cyrillic > latin {
        // Cyrillic is Ukrainian or Russian.
        (&[Lang::Uk, Lang::Ru], Script::Cyrillic)
    } else if latin == 0 {
        (&[], Script::Neither)
    } else {
        (&[Lang::Pl, Lang::En, Lang::Uk, Lang::Ru], Script::Latin)
    };
    Told {
        by_words: best(&score, langs),
        with_endings: best(&with_endings, langs),
        script,
    }
}

/// The library's choice among Ukrainian and Russian.
static CYRILLIC: LazyLock<whatlang::Detector> = LazyLock::new(|| {
    whatlang::Detector::with_allowlist(vec![whatlang::Lang::Ukr, whatlang::Lang::Rus])
});

fn library(text: &str) -> Option<Lang> {
    match CYRILLIC.detect_lang(text)? {
        whatlang::Lang::Ukr => Some(Lang::Uk),
        whatlang::Lang::Rus => Some(Lang::Ru),
        _ => None,
    }
}

/// Common short words that tell the four languages apart, Ukrainian and Russian also as
/// typed in Latin letters.
const WORDS: &[(Lang, &[&str])] = &[
    (
        Lang::Uk,
        &[
            "мене",
            "мені",
            "мій",
            "моя",
            "мої",
            "що",
            "щоб",
            "це",
            "вже",
            "дуже",
            "хочу",
            "жити",
            "чоловік",
            "дитина",
            "допоможіть",
            "будь",
            "ласка",
            "треба",
            "потрібна",
            "немає",
            "він",
            "вона",
            "мною",
            "тут",
            "зараз",
            "б'є",
            "бʼє",
            "б'ють",
            "хто",
            "як",
            "де",
            "чи",
            "mene",
            "meni",
            "shcho",
            "shchob",
            "zhyty",
            "khochu",
            "hochu",
            "dopomozhit",
            "cholovik",
            "dytyna",
            "vin",
            "vona",
            "bud",
            "laska",
            "tse",
            "vzhe",
            "duzhe",
            "potribna",
            "nemaie",
            "nemaye",
            "zaraz",
            "chy",
            "yak",
            "шукаю",
            "роботу",
            "робота",
            "потрібно",
            "допомога",
            "житло",
            "гроші",
            "грошей",
            // greetings and courtesies, the first words many write (Russian: "добрый", "утра")
            "добрий",
            "ранок",
            "ранку",
            "дякую",
            "вибачте",
            "потрібен",
            // Ukrainian in Latin letters, as people type it without a Cyrillic keyboard ("nema
            // de nochuvaty, my z ditmy na vokzali": "my" alone read it as English)
            "nema",
            "nemae",
            "de",
            "nochuvaty",
            "ditmy",
            "dity",
            "ditey",
            "ditej",
            "zhytlo",
            "robotu",
            "hroshi",
            "hroshei",
            "treba",
            "potribno",
            "dopomoha",
            "dopomohu",
            "dopomogu",
            "dobryj",
            "dobryi",
            "dyakuyu",
            "diakuiu",
            "vybachte",
            "mozhna",
            "pidkazhit",
        ],
    ),
    (
        Lang::Ru,
        &[
            "меня",
            "мне",
            "мой",
            "что",
            "чтобы",
            "это",
            "уже",
            "очень",
            "хочу",
            "жить",
            "муж",
            "ребенок",
            "ребёнок",
            "помогите",
            "пожалуйста",
            "надо",
            "нужна",
            "нет",
            "он",
            "она",
            "мной",
            "здесь",
            "сейчас",
            "бьет",
            "бьёт",
            "бьют",
            "кто",
            "как",
            "где",
            "ли",
            "ищу",
            "работу",
            "работа",
            "нужен",
            "нужно",
            "помощь",
            "жилье",
            "деньги",
            "денег",
            "добрый",
            "утра",
            "спасибо",
            "извините",
            "здравствуйте",
            "menya",
            "mne",
            "chto",
            "chtoby",
            "zhit",
            "hochu",
            "pomogite",
            "muzh",
            "rebenok",
            "pozhaluysta",
            "pozhalujsta",
            "eto",
            "uzhe",
            "ochen",
            "nuzhna",
            "net",
            "seychas",
            "sejchas",
            "byet",
            "bet",
            "kto",
            "kak",
            "gde",
            "on",
            "ona",
            // Russian in Latin letters
            "negde",
            "nochevat",
            "deti",
            "detmi",
            "rabotu",
            "dengi",
            "spasibo",
            "mozhno",
            "skazhite",
            "zdravstvuyte",
            "zdravstvujte",
        ],
    ),
    (
        Lang::Pl,
        &[
            "nie",
            "jest",
            "mnie",
            "mi",
            "mój",
            "moj",
            "się",
            "sie",
            "chcę",
            "chce",
            "żyć",
            "zyc",
            "mąż",
            "maz",
            "dziecko",
            "pomocy",
            "proszę",
            "prosze",
            "trzeba",
            "jestem",
            "mam",
            "ja",
            "co",
            "jak",
            "gdzie",
            "czy",
            "tu",
            "teraz",
            "bije",
            "już",
            "juz",
            "bardzo",
            "że",
            "ze",
            "to",
            "moja",
            "ktoś",
            "ktos",
            "dla",
            "jego",
            "nic",
            // needs typed without Polish letters, as phones often send them ("potrzebuje
            // prawnika", "szukam pracy", "pomoc prawna": no letter of their own tells Polish)
            "potrzebuje",
            "potrzebuję",
            "szukam",
            "pomoc",
            "prawnika",
            "prawnik",
            "prawna",
            "prawny",
            "pracy",
            "praca",
            "mieszkania",
            "mieszkanie",
            "lekarza",
            "zasilek",
            "zasiłek",
            "dzien",
            "dzień",
            "dobry",
            "dziekuje",
            "dziękuję",
        ],
    ),
    (
        Lang::En,
        &[
            "i", "i'm", "im", "me", "my", "the", "want", "to", "is", "are", "help", "he", "she",
            "not", "don't", "dont", "can't", "cant", "please", "need", "husband", "child", "kill",
            "die", "now", "here", "what", "where", "how", "it", "and", "of", "a", "am", "you",
            "someone", "with",
        ],
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ukrainian_in_latin_letters_with_my_is_not_english() {
        assert_eq!(
            detect("nema de nochuvaty, my z ditmy na vokzali"),
            Some(Lang::Uk)
        );
        assert_eq!(detect("negde nochevat, my s detmi"), Some(Lang::Ru));
        assert_eq!(detect("my husband hits me"), Some(Lang::En));
        assert_eq!(detect("where can my kids sleep tonight"), Some(Lang::En));
        for polish in [
            "potrzebuje prawnika",
            "szukam pracy",
            "pomoc prawna",
            "dzien dobry",
        ] {
            assert_eq!(detect(polish), Some(Lang::Pl), "{polish}");
        }
    }

    #[test]
    fn hints_map_to_languages_or_nothing() {
        assert_eq!(Lang::from_hint("uk"), Some(Lang::Uk));
        assert_eq!(Lang::from_hint("pl-PL"), Some(Lang::Pl));
        assert_eq!(Lang::from_hint("EN_gb"), Some(Lang::En));
        assert_eq!(Lang::from_hint("de"), None);
        assert_eq!(Lang::from_hint(""), None);
    }

    /// A language asked for in words, as people ask (already normalised for labels).
    #[test]
    fn a_language_asked_for_with_polite_words_is_named() {
        assert_eq!(named("in english please"), Some(Lang::En));
        assert_eq!(named("can you speak english"), Some(Lang::En));
        assert_eq!(named("по русски пожалуйста"), Some(Lang::Ru));
        assert_eq!(named("можна українською"), Some(Lang::Uk));
        assert_eq!(named("czy mozna po polsku"), Some(Lang::Pl));
        assert_eq!(named("please"), None);
        assert_eq!(named("can we talk"), None);
        assert_eq!(named("english teacher please"), None);
        let typed = |t: &str| named(&crate::core::normalize::for_labels(t));
        assert_eq!(typed("пишіть українською"), Some(Lang::Uk));
        assert_eq!(typed("пиши по-украински"), Some(Lang::Uk));
        assert_eq!(typed("а можна на русском? мне так легче"), Some(Lang::Ru));
        assert_eq!(typed("Write to me in English"), Some(Lang::En));
        assert_eq!(typed("Do you speak English?"), Some(Lang::En));
        assert_eq!(typed("Czy mówisz po angielsku?"), Some(Lang::En));
        assert_eq!(typed("Ви розмовляєте українською?"), Some(Lang::Uk));
        assert_eq!(typed("кто-нибудь говорит по-русски?"), Some(Lang::Ru));
        assert_eq!(typed("do you speak"), None);
        // Said not to be understood: the language of the words saying so.
        assert_eq!(typed("я не понимаю по украински"), Some(Lang::Ru));
        assert_eq!(typed("я не розумію російською"), Some(Lang::Uk));
        assert_eq!(typed("I don't understand Polish"), Some(Lang::En));
        assert_eq!(typed("я не розумію"), None);
        assert_eq!(
            typed("не розумію польською, допоможіть з документами"),
            None
        );
    }

    #[test]
    fn verb_endings_alone_are_weighed_apart_from_letters_and_words() {
        assert_eq!(
            detect_by_rules_weighed("болить у грудях"),
            (None, Some(Lang::Ru))
        );
        assert_eq!(
            detect_by_rules_weighed("хочу умереть"),
            (Some(Lang::Ru), None)
        );
        assert_eq!(
            detect_by_rules_weighed("не хочу жити"),
            (Some(Lang::Uk), None)
        );
        assert_eq!(
            detect_by_rules_weighed("мене болить"),
            (Some(Lang::Uk), None)
        );
        assert_eq!(detect_by_rules("болить у грудях"), Some(Lang::Ru));
    }

    #[test]
    fn greetings_tell_ukrainian_from_russian() {
        for uk in ["Добрий день", "Добрий ранок", "Доброго ранку", "Дякую"]
        {
            assert_eq!(detect(uk), Some(Lang::Uk), "{uk}");
        }
        for ru in ["Добрый день", "Доброго утра", "Спасибо", "Здравствуйте"]
        {
            assert_eq!(detect(ru), Some(Lang::Ru), "{ru}");
        }
    }

    #[test]
    fn other_names_are_written_as_typed_text_is_normalised() {
        for (_, names) in OTHER_NAMES {
            for name in names {
                assert_eq!(super::super::normalize::for_labels(name), *name);
            }
        }
    }
}
