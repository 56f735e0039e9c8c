//! The learned check behind the safety rules: a classifier trained on `safety_corpus.txt`,
//! lazily, once per process.

use std::sync::LazyLock;

use super::{
    Alarm, Kind, joke_context, not_danger_context, routine_context, subject_context,
    supposed_context, urgent_context,
};
use crate::text::classifier::{Classifier, Doc};

/// The learned check: a classifier over word stems and character 4-grams, trained on
/// `safety_corpus.txt` (emergencies of every kind as citizens describe them, and routine
/// messages), catches descriptions no rule foresaw. It speaks only when the rules are silent,
/// never on a command, a request for a person or a routine context without urgency: sure when it
/// is confident ([`LEARNED_MIN`]), a possible danger when it is only worried ([`CAUTIOUS_MIN`]).
pub(super) fn learned(text: &str) -> Option<Alarm> {
    let (kind, danger, few) = worry(text)?;
    let (sure, possible) = if few {
        (LEARNED_MIN_FEW_WORDS, CAUTIOUS_MIN_FEW_WORDS)
    } else {
        (LEARNED_MIN, CAUTIOUS_MIN)
    };
    let mut alarm = confirm(kind, danger, possible, text)?;
    alarm.sure = danger >= sure;
    Some(alarm)
}

/// What the model fears in `text`: the likeliest kind of danger, the emergencies' probabilities
/// added up, and whether the message has too few content words to go on. `None` for a command
/// or a request for a person.
fn worry(text: &str) -> Option<(Kind, f32, bool)> {
    if text.trim_start().starts_with('/') {
        return None;
    }
    // A request for a person ("speak to someone") is not a danger the rules left unsaid.
    if crate::engine::intents::read(text).person {
        return None;
    }
    // A number alone ("5", a rating or a choice) tells the model nothing of a danger: what it
    // learned of ages and house numbers in descriptions would only echo back.
    if !text.chars().any(char::is_alphabetic) {
        return None;
    }
    // Thanks, a greeting or a "grazie, attendo" while an operator is coming say nothing of a
    // danger: what the model learned of such words only echoes the stories they closed.
    if crate::engine::intents::only_courtesy(text) {
        return None;
    }
    // An address alone ("via delle rose 12", the answer to "which street?"): the model learned
    // addresses from the descriptions of emergencies that give one, not dangers.
    if is_address(text) {
        return None;
    }
    let probs = LEARNED.predict(text);
    // A bare cry for help is the rules' to recognise (its words are few and fixed); what the
    // model learned of it ("help", "aiuto") would only echo ordinary requests for help.
    let help = Kind::ALL
        .iter()
        .position(|&k| k == Kind::Help)
        .map_or(0.0, |i| probs[i]);
    let none = probs[Kind::ALL.len()] + help;
    // Two or three words give the model little to go on ("fare il giro"): it must be surer.
    let mut words = 0;
    crate::text::matcher::for_each_word(text, |w| {
        words += usize::from(crate::text::matcher::is_content(w));
        words < LEARNED_FEW_WORDS
    });
    let (kind, _) = Kind::ALL
        .iter()
        .zip(&probs)
        .filter(|(k, _)| **k != Kind::Help)
        .max_by(|a, b| a.1.total_cmp(b.1))?;
    Some((*kind, 1.0 - none, words < LEARNED_FEW_WORDS))
}

/// The alarm for a worry of `danger` at least `min`, unless the context sets it aside.
fn confirm(kind: Kind, danger: f32, min: f32, text: &str) -> Option<Alarm> {
    // The routine context is read only for the few messages the model is worried about.
    if danger < min || routine_context(text) {
        return None;
    }
    // A physical danger dated or supposed ("prima o poi cade") is over or not yet, as for the rules.
    if !matches!(kind, Kind::SelfHarm | Kind::Child | Kind::Violence) && supposed_context(text) {
        return None;
    }
    // Words that say nobody is in danger ("no damage", "a survivor, safe now") hold for it as for
    // the rules, unless the message is urgent ("venuto giù proprio ora").
    if !matches!(kind, Kind::SelfHarm | Kind::Child)
        && not_danger_context(text)
        && !urgent_context(text)
    {
        return None;
    }
    // Laughter and idioms ("un incendio nel cuore") set it aside, as they do the rules.
    if joke_context(text) {
        return None;
    }
    // A danger named as a subject ("a group for those who lost a child to suicide") is not one.
    if subject_context(text) && !urgent_context(text) {
        return None;
    }
    Some(Alarm {
        kind,
        lang: None,
        rule: "learned from descriptions of emergencies",
        sure: true,
    })
}

/// The learned check raises an alarm when the emergencies' probabilities add up to this. Set by
/// five-fold cross-validation on the corpus (4,145 lines): of the 163 emergencies no rule
/// catches, 106 are caught at 0.5 against 72 at 0.7, for 31 routine messages alarmed in 2,554
/// (1.2 %) against 10. A missed emergency costs far more than a needless list of numbers.
const LEARNED_MIN: f32 = 0.5;
/// Messages with fewer content words than this need [`LEARNED_MIN_FEW_WORDS`].
const LEARNED_FEW_WORDS: usize = 3;
const LEARNED_MIN_FEW_WORDS: f32 = 0.8;
/// Below [`LEARNED_MIN`], down to this, the danger is possible: the citizen is told the
/// numbers in one line and then answered as usual. Set by five-fold cross-validation on the
/// corpus of 2026-12-06 (15,800 lines, consecutive folds): of the 77 emergencies that neither
/// the rules nor the sure band catch, 26 fall in this band (0.25 and, for few words, 0.6),
/// against 71 routine messages in 10,860 (0.65 %), who read one line more.
const CAUTIOUS_MIN: f32 = 0.25;
const CAUTIOUS_MIN_FEW_WORDS: f32 = 0.6;

pub(super) static LEARNED: LazyLock<Classifier> = LazyLock::new(|| train_learned(CORPUS));

const CORPUS: &str = include_str!("../safety_corpus.txt");

/// Trains the learned check on a corpus of `KIND | TEXT` lines (`none` for routine messages).
pub fn train_learned(corpus: &str) -> Classifier {
    let docs: Vec<Doc<'_>> = corpus
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once(" | "))
        .filter_map(|(label, text)| {
            let class = match Kind::from_code(label.trim()) {
                Some(kind) => Kind::ALL.iter().position(|&k| k == kind)?,
                None if label.trim() == "none" => Kind::ALL.len(),
                None => return None,
            };
            Some(Doc {
                class,
                text,
                weight: 1.0,
            })
        })
        .collect();
    Classifier::train(Kind::ALL.len() + 1, &docs)
}

/// The words that open an address ("via manzoni 8"), here and in a bare cry for help.
pub(super) const STREET_WORDS: &[&str] = &[
    "via",
    "viale",
    "piazza",
    "piazzale",
    "corso",
    "strada",
    "vicolo",
    "largo",
    "contrada",
    "localita",
    "borgo",
    "lungomare",
    "lungofiume",
    "frazione",
    "salita",
    "traversa",
];

/// A short message that is an address: a street word among its first three words, a house
/// number last ("via delle rose 12", "abito in via Garibaldi al 40").
fn is_address(text: &str) -> bool {
    let folded = crate::text::matcher::fold(text);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    words.len() <= 8
        && words.iter().take(3).any(|w| STREET_WORDS.contains(w))
        && words
            .last()
            .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()))
}
