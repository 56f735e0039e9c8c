//! The short answers the bot asks for: a yes or no (`/cancella_dati`), a rating from 1 to 5
//! after an operator closed a case. Citizens type them in their own words, with typos; these
//! readers are used only while such a question is pending.

use crate::text::matcher::{fold, osa_distance};

/// Words meaning yes, folded (lower case, no accents), Italian and English.
const YES: &[&str] = &[
    "si",
    "yes",
    "ok",
    "okay",
    "confermo",
    "conferma",
    "confermato",
    "certo",
    "certamente",
    "esatto",
    "procedi",
    "procedere",
    "accordo",
    "sure",
    "confirm",
    "yeah",
    "yep",
];

/// Words meaning no, folded.
const NO: &[&str] = &["no", "non", "annulla", "nope", "negativo", "cancel", "stop"];

/// Phrases of more than one word meaning yes.
const YES_PHRASES: &[&str] = &["va bene", "d accordo", "go ahead"];

/// Words of a message that can still be a yes or no rather than something else.
const YES_NO_WORDS_MAX: usize = 4;

/// A yes (`true`) or a no (`false`) in a short answer: "sì", "si", "Sì, confermo", "ok",
/// "confremo", "no grazie". The first word decides; a typo of one edit is forgiven in words of
/// six letters or more ("cerco" is not "certo"). `None` when the answer is neither.
pub fn yes_no(text: &str) -> Option<bool> {
    let folded = fold(text);
    if folded.split(' ').count() > YES_NO_WORDS_MAX {
        return None;
    }
    if YES_PHRASES.iter().any(|p| folded.starts_with(p)) {
        return Some(true);
    }
    let first = folded.split(' ').next().filter(|w| !w.is_empty())?;
    // "sii", "siii", "okk": a letter held down.
    let squeezed = squeeze(first);
    if near(&squeezed, NO) || near(first, NO) {
        return Some(false);
    }
    if near(&squeezed, YES) || near(first, YES) {
        return Some(true);
    }
    None
}

/// Letters a word needs before a typo in it is forgiven.
const TYPO_MIN_CHARS: usize = 6;

/// A word of the list, exactly, or one edit away for words of [`TYPO_MIN_CHARS`] or more.
fn near(word: &str, list: &[&str]) -> bool {
    let chars: Vec<char> = word.chars().collect();
    list.iter().any(|w| {
        *w == word
            || (chars.len() >= TYPO_MIN_CHARS && w.len() >= TYPO_MIN_CHARS && {
                let target: Vec<char> = w.chars().collect();
                osa_distance(&chars, &target, 1) <= 1
            })
    })
}

/// Repeated letters written once ("siii" → "si").
fn squeeze(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// Rating words, folded, with their score.
const RATING_WORDS: &[(&str, u8)] = &[
    ("ottimo", 5),
    ("ottima", 5),
    ("eccellente", 5),
    ("perfetto", 5),
    ("perfetta", 5),
    ("benissimo", 5),
    ("excellent", 5),
    ("great", 5),
    ("perfect", 5),
    ("buono", 4),
    ("buona", 4),
    ("bene", 4),
    ("soddisfatto", 4),
    ("soddisfatta", 4),
    ("good", 4),
    ("discreto", 3),
    ("discreta", 3),
    ("sufficiente", 3),
    ("cosi", 3),
    ("average", 3),
    ("okay", 3),
    ("scarso", 2),
    ("scarsa", 2),
    ("insufficiente", 2),
    ("male", 2),
    ("poor", 2),
    ("bad", 2),
    ("pessimo", 1),
    ("pessima", 1),
    ("malissimo", 1),
    ("terribile", 1),
    ("terrible", 1),
    ("awful", 1),
];

/// Words of a message that can still be a rating in words, not a new question.
const RATING_WORDS_MAX: usize = 6;

/// A rating from 1 to 5 and what else the citizen wrote with it, trimmed: "3, però ci avete
/// messo tanto" is 3 with "però ci avete messo tanto"; "4" is 4 alone. The first digit
/// decides, when it is a number of its own from 1 to 5 ("10" or "2026" are not ratings).
/// Without a digit, a word does ("ottimo", "pessimo", "good"), in a short message, and the
/// whole message is the comment. `None` when the message is not a rating.
pub fn rating(text: &str) -> Option<(u8, Option<String>)> {
    let text = text.trim();
    if let Some((at, digit)) = text.char_indices().find(|(_, c)| c.is_ascii_digit()) {
        let number_end = text[at..]
            .find(|c: char| !c.is_ascii_digit())
            .map_or(text.len(), |n| at + n);
        let score = u8::try_from(digit.to_digit(10)?).ok()?;
        if number_end != at + 1 || !(1..=5).contains(&score) {
            return None;
        }
        let mut rest = text[number_end..].trim_start();
        // "4/5", "4 su 5", "4 out of 5": the scale is not a comment.
        for scale in ["/5", "/ 5", "su 5", "out of 5", "di 5"] {
            if let Some(after) = rest.strip_prefix(scale) {
                rest = after;
                break;
            }
        }
        let before = text[..at].trim();
        let rest = rest.trim_start_matches([',', '.', ';', ':', '-', '!', ')', ' ']);
        let comment = [before, rest]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        return Some((score, (!comment.is_empty()).then_some(comment)));
    }
    let folded = fold(text);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    if words.is_empty() || words.len() > RATING_WORDS_MAX {
        return None;
    }
    let negated = |i: usize| i > 0 && matches!(words[i - 1], "non" | "not");
    let (i, score) = words.iter().enumerate().find_map(|(i, w)| {
        RATING_WORDS
            .iter()
            .find(|(word, _)| word == w)
            .map(|&(_, score)| (i, score))
    })?;
    // "non buono" is not good: no guess, the words are kept only if rated otherwise.
    if negated(i) {
        return None;
    }
    let comment = (words.len() > 1).then(|| text.to_string());
    Some((score, comment))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yes_and_no_are_read_in_their_usual_forms_and_typos() {
        for yes in [
            "sì",
            "si",
            "Si!",
            "SII",
            "yes",
            "ok",
            "Ok grazie",
            "confermo",
            "confremo",
            "Sì, confermo",
            "va bene",
            "d'accordo",
            "certo",
        ] {
            assert_eq!(yes_no(yes), Some(true), "{yes}");
        }
        for no in ["no", "No grazie", "annulla", "anulla", "nope"] {
            assert_eq!(yes_no(no), Some(false), "{no}");
        }
        for neither in [
            "",
            "forse",
            "come funziona?",
            "sito del comune",
            "cerco",
            "si può pagare la tari con il bancomat?",
        ] {
            assert_eq!(yes_no(neither), None, "{neither}");
        }
    }

    #[test]
    fn the_first_digit_is_the_rating_and_the_rest_a_comment() {
        assert_eq!(rating("4"), Some((4, None)));
        assert_eq!(rating(" 5. "), Some((5, None)));
        assert_eq!(
            rating("3, però ci avete messo tanto"),
            Some((3, Some("però ci avete messo tanto".into())))
        );
        assert_eq!(rating("4/5 gentili"), Some((4, Some("gentili".into()))));
        assert_eq!(rating("direi 2"), Some((2, Some("direi".into()))));
        assert_eq!(rating("10"), None);
        assert_eq!(rating("0"), None);
        assert_eq!(rating("ho pagato nel 2026"), None);
    }

    #[test]
    fn rating_words_are_understood_in_short_messages() {
        assert_eq!(rating("ottimo"), Some((5, None)));
        assert_eq!(rating("Pessimo"), Some((1, None)));
        assert_eq!(rating("good"), Some((4, None)));
        assert_eq!(
            rating("ottimo servizio, grazie"),
            Some((5, Some("ottimo servizio, grazie".into())))
        );
        assert_eq!(rating("non buono"), None);
        assert_eq!(
            rating("buongiorno, vorrei sapere come si paga la tassa sui rifiuti"),
            None
        );
    }
}
