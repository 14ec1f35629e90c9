//! Which option a typed number names: digits as phones type them ("3.", "3️⃣", "#3", full-width
//! digits) or words ("три", "trzy", "third", "opcja 3", "№2"), one to ten in uk, pl, en, ru.

use crate::core::normalize;

/// An option's number as phones let people type it: "2", "2.", "2)", "#2", the keycap "2️⃣",
/// the full-width "２".
pub fn typed_number(text: &str) -> Option<usize> {
    let digits: String = text
        .trim()
        .trim_start_matches('#')
        .trim_end_matches(['.', ')'])
        .chars()
        .filter(|c| !matches!(c, '\u{fe0f}' | '\u{20e3}'))
        .map(|c| match c {
            '０'..='９' => char::from_u32(u32::from(c) - 0xfee0).unwrap_or(c),
            _ => c,
        })
        .collect();
    digits.parse().ok().or_else(|| number_in_words(text))
}

/// Number words people type for an option: "три", "trzy", "third", "опція 3",
/// "nr 3", "№2", one to ten in the four languages, as a whole message.
fn number_in_words(text: &str) -> Option<usize> {
    const WORDS: [&[&str]; 10] = [
        &[
            "один",
            "одна",
            "перший",
            "перша",
            "первый",
            "первая",
            "jeden",
            "jedna",
            "pierwszy",
            "pierwsza",
            "jedynka",
            "one",
            "first",
        ],
        &[
            "два",
            "дві",
            "две",
            "другий",
            "друга",
            "второй",
            "вторая",
            "dwa",
            "dwie",
            "drugi",
            "druga",
            "dwojka",
            "two",
            "second",
        ],
        &[
            "три",
            "третій",
            "третя",
            "третий",
            "третья",
            "trzy",
            "trzeci",
            "trzecia",
            "trojka",
            "three",
            "third",
        ],
        &[
            "чотири",
            "четыре",
            "четвертий",
            "четверта",
            "четвертый",
            "четвертая",
            "cztery",
            "czwarty",
            "czwarta",
            "czworka",
            "four",
            "fourth",
        ],
        &[
            "пять",
            "пятий",
            "пята",
            "пятый",
            "пятая",
            "piec",
            "piaty",
            "piata",
            "piatka",
            "five",
            "fifth",
        ],
        &[
            "шість",
            "шесть",
            "шостий",
            "шоста",
            "шестой",
            "шестая",
            "szesc",
            "szosty",
            "szosta",
            "szostka",
            "six",
            "sixth",
        ],
        &[
            "сім",
            "семь",
            "сьомий",
            "сьома",
            "седьмой",
            "седьмая",
            "siedem",
            "siodmy",
            "siodma",
            "siodemka",
            "seven",
            "seventh",
        ],
        &[
            "вісім",
            "восемь",
            "восьмий",
            "восьма",
            "восьмой",
            "восьмая",
            "osiem",
            "osmy",
            "osma",
            "osemka",
            "eight",
            "eighth",
        ],
        &[
            "девять",
            "девятий",
            "девята",
            "девятый",
            "девятая",
            "dziewiec",
            "dziewiaty",
            "dziewiata",
            "nine",
            "ninth",
        ],
        &[
            "десять",
            "десятий",
            "десята",
            "десятый",
            "десятая",
            "dziesiec",
            "dziesiaty",
            "dziesiata",
            "ten",
            "tenth",
        ],
    ];
    const BEFORE: [&str; 14] = [
        "nr",
        "no",
        "номер",
        "варіант",
        "вариант",
        "опція",
        "опция",
        "пункт",
        "opcja",
        "opcje",
        "punkt",
        "option",
        "number",
        "n",
    ];
    // Apostrophes out first ("п'ять" is one word, written as the list has it).
    let said = normalize::for_labels(&text.replace('№', " nr ").replace(['\'', '’', 'ʼ', '`'], ""));
    let mut words: Vec<&str> = said.split(' ').filter(|w| !w.is_empty()).collect();
    if words.len() == 2 && BEFORE.contains(&words[0]) {
        words.remove(0);
    }
    let [word] = words.as_slice() else {
        return None;
    };
    word.parse().ok().or_else(|| {
        WORDS
            .iter()
            .position(|names| names.contains(word))
            .map(|i| i + 1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_named_in_words_are_numbers() {
        for (typed, n) in [
            ("trzy", 3),
            ("nr 3", 3),
            ("Opcja 3", 3),
            ("trzecia", 3),
            ("№2", 2),
            ("№ 2", 2),
            ("третій", 3),
            ("п'ять", 5),
            ("Option 4", 4),
            ("first", 1),
            ("десять", 10),
            ("7", 7),
        ] {
            assert_eq!(typed_number(typed), Some(n), "{typed}");
        }
        for typed in ["три дні", "one more thing", "nr", "opcja", "номер телефону"]
        {
            assert_eq!(typed_number(typed), None, "{typed}");
        }
    }
}
