//! Which topic (flow) a question is about, learnt from what editors wrote: a multinomial
//! logistic regression over TF-IDF features (word stems in Italian and English, and character
//! 4-grams of each word with its boundaries, hashed), trained when the flows load on every
//! title, trigger and example of each flow. Character n-grams carry morphology,
//! typos and dialect-ish spellings; the softmax gives a probability per flow that the router
//! reads as confidence.
//!
//! Training is deterministic (fixed order, fixed steps), so the same flows give the same model.

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};

use super::glossary;
use super::matcher::{for_each_word, is_content};

/// Hashed feature space: 2^15 dimensions.
const DIM_BITS: u32 = 15;
const DIM: usize = 1 << DIM_BITS;
const EPOCHS: usize = 8;
const LEARNING_RATE: f32 = 0.8;
const L2: f32 = 1e-5;
/// Updates smaller than this are skipped.
const SKIP_GRADIENT: f32 = 1e-3;
/// Characters in a word piece.
const NGRAM: usize = 4;
/// Words of a query read; the rest is ignored.
const MAX_WORDS: usize = 64;

/// One training document of a class.
pub struct Doc<'a> {
    pub class: usize,
    pub text: &'a str,
    /// How much the document counts in training (texts less than examples).
    pub weight: f32,
}

/// A trained model.
pub struct Classifier {
    classes: usize,
    idf: Vec<f32>,
    /// `weights[f * classes + c]`.
    weights: Vec<f32>,
    bias: Vec<f32>,
    it: Stemmer,
    en: Stemmer,
    /// Whether a foreign word of the [`glossary`] counts also as the Italian words it stands for.
    glossary: bool,
}

impl std::fmt::Debug for Classifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Classifier")
            .field("classes", &self.classes)
            .finish()
    }
}

type Features = Vec<(u32, f32)>;
/// The feature counts of a text's own words, and of the Italian words its foreign words stand
/// for in the [`glossary`].
struct Counts {
    own: Features,
    glossary: Features,
}
/// A text and its feature counts.
type Counted = Option<(String, std::rc::Rc<Counts>)>;

thread_local! {
    /// The features of the last text read on this thread: the safety layer's model and the
    /// router's read every message in turn, with the same features, so it is made once.
    static LAST_COUNTS: std::cell::RefCell<Counted> = const { std::cell::RefCell::new(None) };
}

impl Classifier {
    /// Trains on `docs`, whose classes are `0..classes`.
    pub fn train(classes: usize, docs: &[Doc<'_>]) -> Classifier {
        Self::train_as(classes, docs, false)
    }

    /// [`Self::train`], reading a foreign word of the [`glossary`] also as the Italian words it
    /// stands for (the router's classifier; the safety layer's learns the words as written).
    pub fn train_with_glossary(classes: usize, docs: &[Doc<'_>]) -> Classifier {
        Self::train_as(classes, docs, true)
    }

    fn train_as(classes: usize, docs: &[Doc<'_>], glossary: bool) -> Classifier {
        let mut model = Classifier {
            classes,
            idf: vec![0.0; DIM],
            weights: vec![0.0; DIM * classes],
            bias: vec![0.0; classes],
            it: Stemmer::create(Algorithm::Italian),
            en: Stemmer::create(Algorithm::English),
            glossary,
        };
        if classes == 0 {
            return model;
        }
        // Editors' phrases share most of their words: each word is stemmed once.
        let mut stems = HashMap::new();
        let raw: Vec<Vec<(u32, f32)>> = docs
            .iter()
            .map(|d| model.read(&model.counts_with(d.text, &mut Some(&mut stems))))
            .collect();
        let mut df = vec![0u32; DIM];
        for r in &raw {
            for &(f, _) in r {
                df[f as usize] += 1;
            }
        }
        let n = raw.len() as f32;
        for (idf, &d) in model.idf.iter_mut().zip(&df) {
            *idf = ((n + 1.0) / (d as f32 + 1.0)).ln() + 1.0;
        }
        let vectors: Vec<Features> = raw.into_iter().map(|r| model.weigh(r)).collect();
        // A fixed interleaving of the documents stands in for shuffling.
        let mut order: Vec<usize> = (0..docs.len()).collect();
        order.sort_by_key(|&i| (i.wrapping_mul(2_654_435_761) % 1_000_003, i));
        let mut probs = vec![0.0f32; classes];
        let mut moving: Vec<(usize, f32)> = Vec::with_capacity(classes);
        for epoch in 0..EPOCHS {
            let rate = LEARNING_RATE / (1.0 + epoch as f32 * 0.5);
            for &i in &order {
                let (doc, x) = (&docs[i], &vectors[i]);
                if x.is_empty() {
                    continue;
                }
                model.softmax(x, &mut probs);
                moving.clear();
                for (c, &p) in probs.iter().enumerate() {
                    let target = if c == doc.class { 1.0 } else { 0.0 };
                    let g = (p - target) * rate * doc.weight;
                    // Classes the model already rules out for this document barely move:
                    // skipping them is most of the training's speed.
                    if g.abs() >= SKIP_GRADIENT {
                        model.bias[c] -= g * 0.1;
                        moving.push((c, g));
                    }
                }
                // A feature's weights for every class lie side by side: update them row by row.
                for &(f, v) in x {
                    let row = &mut model.weights[f as usize * classes..(f as usize + 1) * classes];
                    for &(c, g) in &moving {
                        row[c] -= g * v + L2 * row[c];
                    }
                }
            }
        }
        model
    }

    /// The probability of each class for `text` (all equal when nothing in it is known).
    pub fn predict(&self, text: &str) -> Vec<f32> {
        let mut probs = vec![0.0; self.classes];
        let counts = LAST_COUNTS.with(|last| {
            let mut last = last.borrow_mut();
            match &*last {
                Some((seen, counts)) if seen == text => counts.clone(),
                _ => {
                    let counts = std::rc::Rc::new(self.counts_with(text, &mut None));
                    *last = Some((text.to_owned(), counts.clone()));
                    counts
                }
            }
        });
        let x = self.weigh(self.read(&counts));
        self.softmax(&x, &mut probs);
        probs
    }

    fn softmax(&self, x: &Features, out: &mut [f32]) {
        out.copy_from_slice(&self.bias);
        for &(f, v) in x {
            let row = &self.weights[f as usize * self.classes..(f as usize + 1) * self.classes];
            for (o, w) in out.iter_mut().zip(row) {
                *o += v * w;
            }
        }
        let max = out.iter().copied().fold(f32::MIN, f32::max);
        let mut sum = 0.0;
        for o in out.iter_mut() {
            *o = (*o - max).exp();
            sum += *o;
        }
        for o in out.iter_mut() {
            *o /= sum;
        }
    }

    /// The counts this model reads: the text's own, and with the glossary's when it reads them.
    fn read(&self, counts: &Counts) -> Features {
        if !self.glossary || counts.glossary.is_empty() {
            return counts.own.clone();
        }
        let (mut a, mut b) = (
            counts.own.iter().peekable(),
            counts.glossary.iter().peekable(),
        );
        let mut out = Vec::with_capacity(counts.own.len() + counts.glossary.len());
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(&&(fa, ca)), Some(&&(fb, cb))) if fa == fb => {
                    a.next();
                    b.next();
                    (fa, ca + cb)
                }
                (Some(&&x), Some(&&y)) => {
                    if x.0 < y.0 {
                        a.next();
                        x
                    } else {
                        b.next();
                        y
                    }
                }
                (Some(&&x), None) => {
                    a.next();
                    x
                }
                (None, Some(&&y)) => {
                    b.next();
                    y
                }
                (None, None) => break,
            };
            out.push(next);
        }
        out
    }

    /// The features of a word's Italian and English stems.
    fn stem_features(&self, w: &str) -> [u32; 2] {
        [
            hash(b'i', self.it.stem(w).as_bytes()),
            hash(b'e', self.en.stem(w).as_bytes()),
        ]
    }

    /// The features of one content word: its stems and, unless it holds a digit, its character
    /// n-grams.
    fn word_features(
        &self,
        w: &str,
        stems: &mut Option<&mut HashMap<String, [u32; 2]>>,
        feats: &mut Vec<u32>,
        chars: &mut Vec<char>,
    ) {
        let stemmed = match stems {
            Some(cache) => match cache.get(w) {
                Some(&f) => f,
                None => *cache
                    .entry(w.to_string())
                    .or_insert_with(|| self.stem_features(w)),
            },
            None => self.stem_features(w),
        };
        feats.extend(stemmed);
        if !w.chars().any(char::is_numeric) {
            chars.clear();
            chars.push('^');
            chars.extend(w.chars());
            chars.push('$');
            feats.extend(chars.windows(NGRAM).map(hash_chars));
        }
    }

    /// The feature counts of a text, sorted by feature: its own words', and apart those of the
    /// Italian words its foreign words stand for in the [`glossary`]. Reads and fills a cache of
    /// stem features when given one.
    fn counts_with(
        &self,
        text: &str,
        stems: &mut Option<&mut HashMap<String, [u32; 2]>>,
    ) -> Counts {
        let mut own: Vec<u32> = Vec::new();
        let mut chars: Vec<char> = Vec::new();
        let mut words = 0;
        for_each_word(text, |w| {
            if is_content(w) {
                words += 1;
                self.word_features(w, stems, &mut own, &mut chars);
            }
            words < MAX_WORDS
        });
        let mut glossed: Vec<u32> = Vec::new();
        glossary::WORDS.italian_words(text, MAX_WORDS, |w| {
            self.word_features(w, stems, &mut glossed, &mut chars);
        });
        Counts {
            own: tally(own),
            glossary: tally(glossed),
        }
    }

    /// TF-IDF, L2-normalised.
    fn weigh(&self, counts: Vec<(u32, f32)>) -> Features {
        let mut x: Features = counts
            .into_iter()
            .map(|(f, c)| (f, (1.0 + c.ln()) * self.idf[f as usize]))
            .collect();
        let norm = x.iter().map(|(_, v)| v * v).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, v) in &mut x {
                *v /= norm;
            }
        }
        x
    }
}

/// Features sorted, each with how many times it occurs.
fn tally(mut feats: Vec<u32>) -> Features {
    feats.sort_unstable();
    let mut out: Features = Vec::new();
    for f in feats {
        match out.last_mut() {
            Some((last, c)) if *last == f => *c += 1.0,
            _ => out.push((f, 1.0)),
        }
    }
    out
}

/// FNV-1a of a piece of a word, folded into the feature space.
fn hash_chars(gram: &[char]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &c in gram {
        for b in (c as u32).to_le_bytes() {
            h ^= u32::from(b);
            h = h.wrapping_mul(0x0100_0193);
        }
    }
    (h ^ (h >> DIM_BITS)) & (DIM as u32 - 1)
}

/// FNV-1a of a kind byte and the feature's text, folded into the feature space.
fn hash(kind: u8, bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in std::iter::once(&kind).chain(bytes) {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    (h ^ (h >> DIM_BITS)) & (DIM as u32 - 1)
}

#[cfg(test)]
mod tests {
    use super::{Classifier, Doc};

    #[test]
    fn learns_topics_from_examples_and_generalises_to_new_wording() {
        let docs = [
            (0, "quando scade la tari"),
            (0, "tassa sui rifiuti pagamento"),
            (0, "bollettino della tassa rifiuti"),
            (1, "rinnovo carta d'identità"),
            (1, "appuntamento per la carta di identità elettronica"),
            (1, "ho perso il documento di identità"),
        ];
        let docs: Vec<Doc> = docs
            .iter()
            .map(|&(class, text)| Doc {
                class,
                text,
                weight: 1.0,
            })
            .collect();
        let model = Classifier::train(2, &docs);
        let p = model.predict("come pago le tasse dei rifiuti?");
        assert!(p[0] > 0.7, "{p:?}");
        let p = model.predict("carta identita scaduta");
        assert!(p[1] > 0.7, "{p:?}");
    }
}
