//! How hard a text is to read: the Gulpease index for Italian (Lucisano and Piemontese, 1988)
//! and Flesch reading ease for English, with the longest sentence. Addresses, e-mails and
//! placeholders are not words; a line ends a sentence (chat texts put titles and list items on
//! lines of their own).

/// Counts over a text, one pass.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Measure {
    pub words: usize,
    pub sentences: usize,
    pub letters: usize,
    /// English syllables, estimated from vowel groups.
    pub syllables: usize,
    /// Words in the longest sentence.
    pub longest_sentence: usize,
}

impl Measure {
    pub fn of(text: &str) -> Measure {
        let mut m = Measure::default();
        let mut sentence = 0;
        let close = |m: &mut Measure, sentence: &mut usize| {
            if *sentence > 0 {
                m.sentences += 1;
                m.longest_sentence = m.longest_sentence.max(*sentence);
                *sentence = 0;
            }
        };
        for line in text.lines() {
            for token in line.split_whitespace() {
                let skipped = token.contains("://")
                    || token.contains('@')
                    || token.starts_with("www.")
                    || token.contains(['{', '}']);
                if !skipped {
                    for word in token.split(|c: char| !c.is_alphanumeric()) {
                        if word.is_empty() {
                            continue;
                        }
                        m.words += 1;
                        sentence += 1;
                        m.letters += word.chars().count();
                        m.syllables += syllables(word);
                    }
                }
                let end = token.trim_end_matches(['"', '\'', ')', '»', '”', '’']);
                if end.ends_with(['.', '!', '?']) {
                    close(&mut m, &mut sentence);
                }
            }
            close(&mut m, &mut sentence);
        }
        m
    }

    /// Gulpease: 89 + (300 × sentences − 10 × letters) / words. Under 80 is hard for readers
    /// with an elementary education, under 60 for those with a middle-school one, under 40
    /// for those with a secondary-school one.
    pub fn gulpease(&self) -> f64 {
        if self.words == 0 {
            return 100.0;
        }
        89.0 + (300.0 * self.sentences as f64 - 10.0 * self.letters as f64) / self.words as f64
    }

    /// Flesch reading ease: 206.835 − 1.015 × words per sentence − 84.6 × syllables per word.
    /// 60–70 is plain English; under 30 is for graduates.
    pub fn flesch(&self) -> f64 {
        if self.words == 0 || self.sentences == 0 {
            return 100.0;
        }
        206.835
            - 1.015 * self.words as f64 / self.sentences as f64
            - 84.6 * self.syllables as f64 / self.words as f64
    }
}

/// English syllables by vowel groups, a silent final "e" dropped; at least one.
fn syllables(word: &str) -> usize {
    let lower = word.to_lowercase();
    let mut groups = 0;
    let mut in_vowel = false;
    for c in lower.chars() {
        let vowel = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
        if vowel && !in_vowel {
            groups += 1;
        }
        in_vowel = vowel;
    }
    if groups > 1 && lower.ends_with('e') && !lower.ends_with("le") {
        groups -= 1;
    }
    groups.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_italian_scores_higher_than_bureaucratic_italian() {
        let plain =
            Measure::of("Il Comune è aperto il lunedì. Porti un documento. Non serve altro.");
        let heavy = Measure::of(
            "L'istanza, corredata della documentazione comprovante la sussistenza dei requisiti \
             soggettivi, deve essere trasmessa all'amministrazione procedente contestualmente.",
        );
        assert_eq!((plain.sentences, plain.words), (3, 12));
        assert!(plain.gulpease() > 80.0, "{}", plain.gulpease());
        assert!(heavy.gulpease() < 40.0, "{}", heavy.gulpease());
    }

    #[test]
    fn lines_end_sentences_and_addresses_are_not_words() {
        let m =
            Measure::of("Come pagare\n- online su https://pagopa.comune.esempio.it\n- in banca");
        assert_eq!((m.sentences, m.words, m.longest_sentence), (3, 6, 2));
    }

    #[test]
    fn flesch_ranks_short_words_above_long_ones() {
        let plain = Measure::of("You can pay at the bank. Bring the bill with you.");
        let heavy = Measure::of(
            "Applications must incorporate documentation substantiating eligibility \
             requirements administratively.",
        );
        assert!(plain.flesch() > 80.0, "{}", plain.flesch());
        assert!(heavy.flesch() < 0.0, "{}", heavy.flesch());
        assert_eq!(syllables("table"), 2);
        assert_eq!(syllables("make"), 1);
    }
}
