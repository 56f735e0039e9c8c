//! Building an [`Index`]: documents collected by [`IndexBuilder`], stemmed and weighted once
//! when the flows load.

use rust_stemmers::Stemmer;

use super::fuzzy::{build_deletions, is_fuzzable};
use super::{
    DocInfo, DocKind, FxMap, Index, LangIndex, algorithm, for_each_word, is_content, lang_slot,
};
use crate::i18n::Lang;

/// Collects documents; [`IndexBuilder::build`] turns them into an [`Index`].
#[derive(Debug, Clone)]
pub struct IndexBuilder<T> {
    targets: Vec<T>,
    docs: Vec<RawDoc>,
}

#[derive(Debug, Clone)]
pub(super) struct RawDoc {
    target: u32,
    lang: Lang,
    kind: DocKind,
    /// Folded content words, deduplicated.
    words: Vec<String>,
}

impl<T> Default for IndexBuilder<T> {
    fn default() -> Self {
        Self {
            targets: Vec::new(),
            docs: Vec::new(),
        }
    }
}

impl<T: Clone + PartialEq> IndexBuilder<T> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a document of `target`. Equal targets (by `PartialEq`) are one target: the index
    /// ranks targets, not documents. A document without content words (only stopwords or
    /// punctuation) could never match and is dropped.
    pub fn add(&mut self, target: T, lang: Lang, kind: DocKind, text: &str) {
        let mut words = Vec::new();
        for_each_word(text, |w| {
            if is_content(w) {
                words.push(w.to_owned());
            }
            true
        });
        if words.is_empty() {
            return;
        }
        words.sort_unstable();
        words.dedup();
        // Flows add all documents of a target in a row, so the last target is the usual hit.
        let target = match self.targets.iter().rposition(|t| *t == target) {
            Some(i) => i as u32,
            None => {
                self.targets.push(target);
                (self.targets.len() - 1) as u32
            }
        };
        self.docs.push(RawDoc {
            target,
            lang,
            kind,
            words,
        });
    }

    pub fn build(self) -> Index<T> {
        let mut langs: Vec<LangIndex> = Lang::ALL
            .iter()
            .map(|&lang| LangIndex {
                stemmer: Stemmer::create(algorithm(lang)),
                terms: FxMap::default(),
            })
            .collect();
        let mut docs = self.docs;
        // Documents of one target get neighbouring ids, so per-target aggregation is one pass.
        docs.sort_by_key(|d| d.target);

        let mut term_count = 0u32;
        let mut fuzzy_words: FxMap<String, Vec<u32>> = FxMap::default();
        let mut doc_terms: Vec<Vec<u32>> = Vec::with_capacity(docs.len());
        // Each word is stemmed once per language: documents share most of their words.
        let mut known: Vec<FxMap<String, u32>> = langs.iter().map(|_| FxMap::default()).collect();
        for doc in &docs {
            let slot = lang_slot(doc.lang);
            let mut terms = Vec::with_capacity(doc.words.len());
            for word in &doc.words {
                if let Some(&id) = known[slot].get(word.as_str()) {
                    terms.push(id);
                    continue;
                }
                let stem = langs[slot].stemmer.stem(word).into_owned();
                let id = match langs[slot].terms.get(stem.as_str()) {
                    Some(&id) => id,
                    None => {
                        let id = term_count;
                        term_count += 1;
                        langs[slot].terms.insert(stem.clone().into_boxed_str(), id);
                        id
                    }
                };
                terms.push(id);
                // Both the surface word and its stem are typo targets: the surface word catches
                // "tarri" -> "tari", the stem catches a typo in another inflection ("rifuto").
                for key in [word.as_str(), stem.as_str()] {
                    if is_fuzzable(key) {
                        let ids = fuzzy_words.entry(key.to_owned()).or_default();
                        if !ids.contains(&id) {
                            ids.push(id);
                        }
                    }
                }
                known[slot].insert(word.clone(), id);
            }
            terms.sort_unstable();
            terms.dedup();
            doc_terms.push(terms);
        }

        // Document frequency counts targets, not documents: a target with ten triggers sharing
        // a word must not make that word look common.
        let n_terms = term_count as usize;
        let mut df = vec![0u32; n_terms];
        let mut last_target = vec![u32::MAX; n_terms];
        for (doc, terms) in docs.iter().zip(&doc_terms) {
            for &t in terms {
                if last_target[t as usize] != doc.target {
                    last_target[t as usize] = doc.target;
                    df[t as usize] += 1;
                }
            }
        }
        let n_targets = self.targets.len().max(1) as f32;
        let norm = (1.0 + n_targets).ln();
        let weights: Vec<f32> = df
            .iter()
            .map(|&d| (1.0 + n_targets / d.max(1) as f32).ln() / norm)
            .collect();

        let mut post_start = vec![0u32; n_terms + 1];
        for terms in &doc_terms {
            for &t in terms {
                post_start[t as usize + 1] += 1;
            }
        }
        for i in 0..n_terms {
            post_start[i + 1] += post_start[i];
        }
        let mut fill = post_start.clone();
        let mut postings = vec![0u32; post_start[n_terms] as usize];
        for (doc_id, terms) in doc_terms.iter().enumerate() {
            for &t in terms {
                postings[fill[t as usize] as usize] = doc_id as u32;
                fill[t as usize] += 1;
            }
        }

        let doc_infos = docs
            .iter()
            .zip(&doc_terms)
            .map(|(doc, terms)| DocInfo {
                target: doc.target,
                lang: doc.lang,
                kind: doc.kind,
                n_terms: terms.len() as u32,
                total_weight: terms.iter().map(|&t| weights[t as usize]).sum(),
            })
            .collect();

        // Most words of a query are words the flows use; resolving those once here spares the
        // stemmers, the costliest part of a query, on every message.
        let mut surface: FxMap<Box<str>, Box<[u32]>> = FxMap::default();
        for word in docs.iter().flat_map(|d| &d.words) {
            if surface.contains_key(word.as_str()) {
                continue;
            }
            let terms: Vec<u32> = langs
                .iter()
                .filter_map(|li| li.terms.get(li.stemmer.stem(word).as_ref()).copied())
                .collect();
            surface.insert(word.as_str().into(), terms.into());
        }
        let fuzzy = build_deletions(fuzzy_words);
        Index {
            targets: self.targets,
            langs,
            weights,
            post_start,
            postings,
            docs: doc_infos,
            surface,
            fuzzy,
        }
    }
}
