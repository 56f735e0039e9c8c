//! The words of the Comune's topics in the languages residents write in ("basura", "Sperrmüll",
//! "gunoi", "la ji" for the waste; "ayuntamiento", "Gemeinde", "lbaladiya" for the town hall),
//! each with the Italian words it stands for (`glossary.txt`). The classifier reads a message's
//! foreign words as those Italian words too, so a question in Romanian or pinyin meets what it
//! learnt from the Italian examples. A form that is also an Italian or English word of another
//! meaning (Romanian "cantina", a canteen, is an Italian cellar) is left out of the file.

use std::sync::LazyLock;

use super::matcher::{FxMap, fold, for_each_word, is_content};

const GLOSSARY: &str = include_str!("glossary.txt");

/// Words of the longest form.
const MAX_FORM_WORDS: usize = 3;

/// Foreign forms, folded, and the Italian content words each stands for.
pub(crate) struct Glossary {
    /// Forms of one to [`MAX_FORM_WORDS`] words, keyed by their folded words joined by spaces.
    forms: FxMap<String, usize>,
    /// Forms written in Chinese characters, which come as one word per run of characters: they
    /// are looked for inside the word.
    han: Vec<(String, usize)>,
    /// The Italian words of each concept.
    italian: Vec<Vec<String>>,
}

pub(crate) static WORDS: LazyLock<Glossary> = LazyLock::new(|| Glossary::parse(GLOSSARY));

impl Glossary {
    /// Reads `ITALIAN | form, form, ...` lines; `#` starts a comment line.
    fn parse(text: &str) -> Glossary {
        let mut glossary = Glossary {
            forms: FxMap::default(),
            han: Vec::new(),
            italian: Vec::new(),
        };
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((concept, forms)) = line.split_once('|') else {
                continue;
            };
            let mut words = Vec::new();
            for_each_word(concept, |w| {
                if is_content(w) {
                    words.push(w.to_string());
                }
                true
            });
            if words.is_empty() {
                continue;
            }
            let id = glossary.italian.len();
            glossary.italian.push(words);
            for form in forms.split(',') {
                let folded = fold(form);
                if folded.is_empty() || folded.split(' ').count() > MAX_FORM_WORDS {
                    continue;
                }
                if folded.chars().any(is_han) {
                    glossary.han.push((folded.replace(' ', ""), id));
                } else {
                    glossary.forms.entry(folded).or_insert(id);
                }
            }
        }
        glossary
    }

    /// Calls `f` with each Italian word that the foreign forms ending at `words`' last word
    /// stand for (`words` are the message's folded words so far, the latest last).
    pub(crate) fn expand<'a>(
        &'a self,
        words: &[&str],
        key: &mut String,
        mut f: impl FnMut(&'a str),
    ) {
        let Some(&last) = words.last() else {
            return;
        };
        if last.chars().any(is_han) {
            for (form, id) in &self.han {
                if last.contains(form.as_str()) {
                    self.italian[*id].iter().for_each(|w| f(w));
                }
            }
            return;
        }
        for n in 1..=MAX_FORM_WORDS.min(words.len()) {
            key.clear();
            for (i, w) in words[words.len() - n..].iter().enumerate() {
                if i > 0 {
                    key.push(' ');
                }
                key.push_str(w);
            }
            if let Some(&id) = self.forms.get(key.as_str()) {
                self.italian[id].iter().for_each(|w| f(w));
            }
        }
    }

    /// Calls `f` with each Italian word that the foreign forms of `text` stand for, reading at
    /// most `max_words` content words.
    pub(crate) fn italian_words<'a>(
        &'a self,
        text: &str,
        max_words: usize,
        mut f: impl FnMut(&'a str),
    ) {
        let mut recent: [String; MAX_FORM_WORDS] = Default::default();
        let mut seen = 0;
        let mut content = 0;
        let mut key = String::new();
        for_each_word(text, |w| {
            content += usize::from(is_content(w));
            recent.rotate_left(1);
            recent[MAX_FORM_WORDS - 1].clear();
            recent[MAX_FORM_WORDS - 1].push_str(w);
            seen += 1;
            let n = seen.min(MAX_FORM_WORDS);
            let mut last: [&str; MAX_FORM_WORDS] = [""; MAX_FORM_WORDS];
            for (slot, word) in last.iter_mut().zip(&recent[MAX_FORM_WORDS - n..]) {
                *slot = word;
            }
            self.expand(&last[..n], &mut key, &mut f);
            content < max_words
        });
    }

    /// The Italian words that the foreign forms of `text` stand for, joined by spaces (empty
    /// when it has none).
    pub(crate) fn gloss(&self, text: &str, max_words: usize) -> String {
        let mut out = String::new();
        self.italian_words(text, max_words, |w| {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        });
        out
    }
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

#[cfg(test)]
mod tests {
    use super::Glossary;

    fn expanded(g: &Glossary, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        g.italian_words(text, 64, |i| out.push(i.to_string()));
        out
    }

    #[test]
    fn foreign_forms_of_one_or_more_words_and_in_characters_stand_for_the_italian_words() {
        let g = Glossary::parse(
            "# comment\nrifiuti ingombranti | Sperrmüll, la ji, 大件垃圾\nmensa | cantina școlară\n",
        );
        assert_eq!(
            expanded(&g, "Wo kann ich SPERRMULL entsorgen?"),
            ["rifiuti", "ingombranti"]
        );
        assert_eq!(
            expanded(&g, "mingtian shou shenme la ji"),
            ["rifiuti", "ingombranti"]
        );
        assert_eq!(
            expanded(&g, "我有大件垃圾怎么办"),
            ["rifiuti", "ingombranti"]
        );
        assert_eq!(expanded(&g, "cat costa cantina scolara"), ["mensa"]);
        // One word of a form of two is not the form.
        assert!(expanded(&g, "la cantina è allagata").is_empty());
    }
}
