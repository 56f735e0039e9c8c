//! Ranks which target of a flow set a citizen's question is about: Italian-aware, typo tolerant.
//!
//! The index is built once when flows load and queried on every citizen message, so all the
//! expensive work (stemming the documents, IDF weights, the SymSpell deletion map used for typo
//! tolerance) happens in [`IndexBuilder::build`]; [`Index::search`] only stems the few content
//! tokens of the query, does hash look-ups and scores the documents those look-ups touch.
//!
//! Documents of every language live in one index and a query is matched against all of them,
//! because a citizen whose chat language is Italian may well write in English (and vice versa).

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rust_stemmers::{Algorithm, Stemmer};

use crate::i18n::Lang;

mod build;
mod fuzzy;
#[cfg(test)]
mod topics;
mod words;

pub use build::IndexBuilder;
pub(crate) use fuzzy::osa_distance;
use fuzzy::{Deletions, for_each_variant, max_distance};
pub use words::fold;
pub(crate) use words::{for_each_word, is_content};

/// Above this many (document, term) touches per query, per-document sums go to a dense array
/// instead of a sorted list.
const DENSE_FROM: usize = 96;
/// Only this much of a query is read: a citizen's question fits in far less, and it bounds the
/// cost of a pasted 100 kB message even when it holds no content tokens at all.
pub(crate) const MAX_QUERY_BYTES: usize = 16 * 1024;
/// Content tokens of a query past this many are ignored, so the cost of `search` is bounded.
const MAX_QUERY_TOKENS: usize = 64;
/// Longer "words" are noise (hashes, URLs glued together); dropping them also bounds the cost of
/// stemming and of the quadratic edit-distance check.
const MAX_TOKEN_CHARS: usize = 32;
/// Shorter words are indexed for typo tolerance only from this length on: two-letter words would
/// be within one edit of too many query tokens.
const MIN_FUZZY_ENTRY_CHARS: usize = 3;

/// A typo costs some confidence: an exact hit must beat the same hit found through a typo.
const FUZZY_FACTOR_1: f32 = 0.8;
const FUZZY_FACTOR_2: f32 = 0.65;
/// Emergency words trigger an urgent answer, so `phrase_hit` accepts typos only in tokens of at
/// least this length: "fare" or "file" must not raise a fire alarm through "fire".
const PHRASE_FUZZY_MIN_CHARS: usize = 5;

// Scoring. Term weights are IDF normalised to 0..=1 (1 = a term only one target uses), so the
// scores and thresholds below do not depend on how many targets the flows define.
//
// A fully matched trigger scores its matched weight plus a bonus: the editor wrote that phrase for
// this target, so finding all of it is strong evidence, and a multi-word trigger (more weight)
// beats a single word. A partly matched trigger counts its matched weight scaled down by how much
// of the trigger is missing. Text is weaker evidence and capped, so that a long description
// cannot outvote a trigger by sheer length.
const TRIGGER_FULL_BONUS: f32 = 0.5;
const TRIGGER_PARTIAL_BASE: f32 = 0.3;
const TRIGGER_PARTIAL_COVERAGE: f32 = 0.4;
const TEXT_WEIGHT: f32 = 0.4;
const TEXT_CAP: f32 = 1.0;
// An example shares some of its words with the query: its matched weight counts scaled by how
// much of the example the query covers, like a partly matched trigger, and a query that covers
// all of a short example counts like a trigger. The best example of a target counts.
const EXAMPLE_BASE: f32 = 0.3;
const EXAMPLE_COVERAGE: f32 = 0.5;
const EXAMPLE_FULL_BONUS: f32 = 0.3;

// Verdict thresholds, in the units above.
//
// CLEAR_MIN = 1.0: one exact, fully matched trigger of a term that only this target uses scores
// 1.5 (1.0 + bonus), the same through a typo 1.2, and a two-word trigger with a typo in one word
// about 2.2, all Clear. A half-matched two-word trigger (at most 0.5) plus the same word in the
// target's text (at most 0.4) stays below, so a lone "tassa" or "mobili" is never Clear on its
// own: it becomes Close or Miss with a best guess.
const CLEAR_MIN: f32 = 1.0;
/// The winner must be this far ahead of the runner-up to be Clear; otherwise the citizen is asked
/// to choose.
const CLEAR_RATIO: f32 = 1.5;
/// CLOSE_MIN = 0.25: a partial trigger hit of a fairly rare word reaches it, and so does a word
/// found only in texts if few targets use it (weight >= 0.625: in a 300-target index, fewer than
/// about 9 targets); a commoner word grazing descriptions does not, so chit-chat is a Miss rather
/// than a menu of unrelated topics.
const CLOSE_MIN: f32 = 0.25;
/// Below CLEAR_MIN the top is a guess, so rivals down to this fraction of it are offered too:
/// "tassa" half-matches the TARI trigger "tassa rifiuti" (about 0.7 with text) and only the IMU
/// text (about 0.3); the citizen should choose rather than be told nothing matched.
const WEAK_BAND: f32 = 0.4;

/// What a document is to its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocKind {
    /// A keyword or phrase an editor wrote for the target: strong evidence.
    Trigger,
    /// The target's displayed text: weaker evidence.
    Text,
    /// A question as a citizen would write it: evidence by the words it shares with the query
    /// (nearest examples), never a phrase that must be complete.
    Example,
}

/// One ranked target.
#[derive(Debug, Clone, PartialEq)]
pub struct Match<T> {
    pub target: T,
    pub score: f32,
    /// The language of the document that gave the best evidence.
    pub lang: Lang,
}

/// What [`Index::classify`] makes of a query.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict<T> {
    /// One target, confidently.
    Clear(T),
    /// Two or three distinct targets, best first, too near each other to pick one.
    Close(Vec<T>),
    /// Nothing convincing; `best` is the best weak candidate, if anything scored at all.
    Miss { best: Option<T> },
}

fn algorithm(lang: Lang) -> Algorithm {
    match lang {
        Lang::It => Algorithm::Italian,
        Lang::En => Algorithm::English,
    }
}

fn lang_slot(lang: Lang) -> usize {
    Lang::ALL.iter().position(|&l| l == lang).unwrap_or(0)
}

/// A searchable set of documents. Immutable once built, so it can be shared between threads.
pub struct Index<T> {
    targets: Vec<T>,
    /// One per language in `Lang::ALL` order: its stemmer and its stems.
    langs: Vec<LangIndex>,
    /// Normalised IDF per term id.
    weights: Vec<f32>,
    /// Postings of term t are `postings[post_start[t]..post_start[t + 1]]`, document ids.
    post_start: Vec<u32>,
    postings: Vec<u32>,
    docs: Vec<DocInfo>,
    /// Folded word of some document -> the terms its stems are, in every language: what the
    /// stemmers would find for that query token.
    surface: FxMap<Box<str>, Box<[u32]>>,
    fuzzy: Deletions,
}

// `Index` is shared by every conversation task; keep that a compile error to break.
const _: fn() = || {
    fn shareable<X: Send + Sync>() {}
    shareable::<Index<String>>();
};

impl<T> std::fmt::Debug for Index<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("targets", &self.targets.len())
            .field("docs", &self.docs.len())
            .field("terms", &self.weights.len())
            .field("fuzzy_entries", &self.fuzzy.entries.len())
            .finish()
    }
}

struct LangIndex {
    stemmer: Stemmer,
    terms: FxMap<Box<str>, u32>,
}

#[derive(Debug, Clone, Copy)]
struct DocInfo {
    target: u32,
    lang: Lang,
    kind: DocKind,
    n_terms: u32,
    total_weight: f32,
}

#[derive(Debug)]
struct FuzzyEntry {
    chars: Box<[char]>,
    terms: Box<[u32]>,
}

/// A vocabulary term the query matched.
#[derive(Debug, Clone, Copy)]
struct Hit {
    term: u32,
    /// 1.0 for an exact (stemmed) match, less through a typo.
    factor: f32,
    fuzzy: bool,
    /// Length of the query token that matched, for `phrase_hit`'s stricter typo rule.
    token_chars: usize,
}

impl Hit {
    /// A match of the token as written or as stemmed, with no typo.
    fn exact(term: u32, token_chars: usize) -> Hit {
        Hit {
            term,
            factor: 1.0,
            fuzzy: false,
            token_chars,
        }
    }
}

/// How much of one document the query matched.
#[derive(Debug, Clone, Copy)]
struct DocMatch {
    doc: u32,
    /// Sum of weight * factor of the matched terms.
    matched: f32,
    /// Number of distinct document terms matched.
    count: u32,
}

/// A target's evidence: its best trigger and its best text, each with the language it was in.
#[derive(Debug, Clone, Copy)]
struct TargetScore {
    target: u32,
    trigger: f32,
    trigger_lang: Lang,
    example: f32,
    example_lang: Lang,
    text: f32,
    text_lang: Lang,
}

impl TargetScore {
    fn ranked(self) -> Ranked {
        let lang = if self.trigger >= self.example && self.trigger > 0.0 {
            self.trigger_lang
        } else if self.example > 0.0 {
            self.example_lang
        } else {
            self.text_lang
        };
        Ranked {
            target: self.target,
            score: self.trigger.max(self.example) + self.text,
            lang,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Ranked {
    target: u32,
    score: f32,
    lang: Lang,
}

/// How much of a query the index knows: its content words (numbers aside), and how many of
/// them matched some document word. A question whose words are mostly unknown is about
/// something the flows do not cover, however well one word of it matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Coverage {
    pub words: u32,
    pub known: u32,
}

impl Coverage {
    /// The share of known words, 1.0 for a query without content words.
    pub fn share(self) -> f32 {
        if self.words == 0 {
            1.0
        } else {
            self.known as f32 / self.words as f32
        }
    }
}

impl<T: Clone> Index<T> {
    /// Targets the query is about, best first, one entry per target, only those scoring > 0.
    pub fn search(&self, query: &str) -> Vec<Match<T>> {
        self.rank(query).0
    }

    /// [`Index::search`], with how much of the query the index knows.
    pub fn rank(&self, query: &str) -> (Vec<Match<T>>, Coverage) {
        let (mut ranked, coverage) = self.score_targets(query);
        ranked.sort_unstable_by(by_rank);
        let matches = ranked
            .into_iter()
            .map(|r| Match {
                target: self.targets[r.target as usize].clone(),
                score: r.score,
                lang: r.lang,
            })
            .collect();
        (matches, coverage)
    }

    /// Decides whether the query clearly names one target, hesitates between a few, or misses.
    /// See `CLEAR_MIN`, `CLEAR_RATIO` and `CLOSE_MIN` for why the thresholds are what they are.
    pub fn classify(&self, query: &str) -> Verdict<T> {
        let (mut ranked, _) = self.score_targets(query);
        // Only the best three matter: select them instead of sorting every target touched.
        if ranked.len() > 3 {
            ranked.select_nth_unstable_by(2, by_rank);
            ranked.truncate(3);
        }
        ranked.sort_unstable_by(by_rank);
        let Some(top) = ranked.first() else {
            return Verdict::Miss { best: None };
        };
        let second = ranked.get(1).map_or(0.0, |r| r.score);
        if top.score >= CLEAR_MIN && top.score >= CLEAR_RATIO * second {
            return Verdict::Clear(self.target(top.target));
        }
        // A confident top that is not clearly ahead competes only with near rivals; a weak top
        // is no reason to hide a rival that is weaker still, so the band is wider.
        let band = if top.score >= CLEAR_MIN {
            1.0 / CLEAR_RATIO
        } else {
            WEAK_BAND
        };
        let close: Vec<T> = ranked
            .iter()
            .take(3)
            .filter(|r| r.score >= CLOSE_MIN && r.score >= band * top.score)
            .map(|r| self.target(r.target))
            .collect();
        if close.len() >= 2 {
            return Verdict::Close(close);
        }
        Verdict::Miss {
            best: Some(self.target(top.target)),
        }
    }

    /// The target of a trigger document all of whose content tokens occur in the query (stemmed,
    /// typo tolerant), for words that must be acted on wherever they appear in a message, such as
    /// emergencies. When several triggers are complete, the one with most weight wins: it is the
    /// most specific.
    pub fn phrase_hit(&self, query: &str) -> Option<T> {
        let (mut hits, _) = self.hits(query);
        hits.retain(|h| !h.fuzzy || h.token_chars >= PHRASE_FUZZY_MIN_CHARS);
        let mut best: Option<DocMatch> = None;
        for m in self.doc_matches(&hits) {
            let doc = &self.docs[m.doc as usize];
            if doc.kind == DocKind::Trigger
                && m.count == doc.n_terms
                && best.is_none_or(|b| m.matched > b.matched)
            {
                best = Some(m);
            }
        }
        best.map(|m| self.target(self.docs[m.doc as usize].target))
    }

    fn target(&self, id: u32) -> T {
        self.targets[id as usize].clone()
    }
}

impl<T> Index<T> {
    /// Scores every target the query touches, in no particular order; see [`by_rank`].
    fn score_targets(&self, query: &str) -> (Vec<Ranked>, Coverage) {
        let (hits, coverage) = self.hits(query);
        if hits.is_empty() {
            return (Vec::new(), coverage);
        }
        let mut ranked = Vec::new();
        let mut current: Option<TargetScore> = None;
        for m in self.doc_matches(&hits) {
            let doc = &self.docs[m.doc as usize];
            if let Some(acc) = current.take_if(|c| c.target != doc.target) {
                ranked.push(acc.ranked());
            }
            let acc = current.get_or_insert(TargetScore {
                target: doc.target,
                trigger: 0.0,
                trigger_lang: doc.lang,
                example: 0.0,
                example_lang: doc.lang,
                text: 0.0,
                text_lang: doc.lang,
            });
            match doc.kind {
                DocKind::Trigger => {
                    let coverage = (m.matched / doc.total_weight.max(f32::EPSILON)).min(1.0);
                    let score = if m.count == doc.n_terms {
                        m.matched + TRIGGER_FULL_BONUS * coverage
                    } else {
                        m.matched * (TRIGGER_PARTIAL_BASE + TRIGGER_PARTIAL_COVERAGE * coverage)
                    };
                    if score > acc.trigger {
                        acc.trigger = score;
                        acc.trigger_lang = doc.lang;
                    }
                }
                DocKind::Example => {
                    let coverage = (m.matched / doc.total_weight.max(f32::EPSILON)).min(1.0);
                    let mut score = m.matched * (EXAMPLE_BASE + EXAMPLE_COVERAGE * coverage);
                    if m.count == doc.n_terms {
                        score += EXAMPLE_FULL_BONUS * coverage;
                    }
                    if score > acc.example {
                        acc.example = score;
                        acc.example_lang = doc.lang;
                    }
                }
                DocKind::Text => {
                    let score = (TEXT_WEIGHT * m.matched).min(TEXT_CAP);
                    if score > acc.text {
                        acc.text = score;
                        acc.text_lang = doc.lang;
                    }
                }
            }
        }
        ranked.extend(current.map(|acc| acc.ranked()));
        ranked.retain(|r| r.score > 0.0);
        (ranked, coverage)
    }

    /// The document terms the query's content tokens match, each term once with its best factor.
    fn hits(&self, query: &str) -> (Vec<Hit>, Coverage) {
        let mut end = query.len().min(MAX_QUERY_BYTES);
        while !query.is_char_boundary(end) {
            end -= 1;
        }
        let mut tokens: Vec<String> = Vec::new();
        for_each_word(&query[..end], |w| {
            if is_content(w) && !tokens.iter().any(|t| t == w) {
                tokens.push(w.to_owned());
            }
            tokens.len() < MAX_QUERY_TOKENS
        });

        let mut hits: Vec<Hit> = Vec::new();
        let mut cand: Vec<char> = Vec::with_capacity(MAX_TOKEN_CHARS);
        let mut found: Vec<(u32, usize)> = Vec::new();
        let mut checked: Vec<u32> = Vec::new();
        let mut coverage = Coverage::default();
        for token in &tokens {
            let token_chars = token.chars().count();
            let numeric = token.chars().any(char::is_numeric);
            if !numeric {
                coverage.words += 1;
            }
            if let Some(terms) = self.surface.get(token.as_str()) {
                coverage.known += u32::from(!numeric);
                for &term in terms {
                    push_hit(&mut hits, Hit::exact(term, token_chars));
                }
                continue;
            }
            let mut stems: Vec<Cow<'_, str>> = Vec::with_capacity(self.langs.len());
            let mut exact = false;
            for li in &self.langs {
                let stem = li.stemmer.stem(token);
                if let Some(&term) = li.terms.get(stem.as_ref()) {
                    push_hit(&mut hits, Hit::exact(term, token_chars));
                    exact = true;
                }
                stems.push(stem);
            }
            // A token that is a known word is taken as written: looking for typos of it as well
            // would only let it drift to some other, similar word.
            if exact || numeric {
                coverage.known += u32::from(exact && !numeric);
                continue;
            }
            found.clear();
            let candidates =
                std::iter::once(token.as_str()).chain(stems.iter().map(|s| s.as_ref()));
            for (i, c) in candidates.enumerate() {
                let seen = i > 0 && (c == token || stems[..i - 1].iter().any(|s| s == c));
                if seen {
                    continue;
                }
                cand.clear();
                cand.extend(c.chars());
                let max_d = max_distance(cand.len());
                if max_d > 0 {
                    self.fuzzy_lookup(&cand, max_d, &mut found, &mut checked);
                }
            }
            coverage.known += u32::from(!found.is_empty());
            for &(entry, d) in &found {
                let factor = if d <= 1 {
                    FUZZY_FACTOR_1
                } else {
                    FUZZY_FACTOR_2
                };
                for &term in self.fuzzy.entries[entry as usize].terms.iter() {
                    push_hit(
                        &mut hits,
                        Hit {
                            term,
                            factor,
                            fuzzy: true,
                            token_chars,
                        },
                    );
                }
            }
        }
        (hits, coverage)
    }

    /// Adds to `found` the fuzzy entries within `max_d` edits of `cand`, keeping for each entry
    /// the smallest distance seen.
    fn fuzzy_lookup(
        &self,
        cand: &[char],
        max_d: u8,
        found: &mut Vec<(u32, usize)>,
        checked: &mut Vec<u32>,
    ) {
        checked.clear();
        for_each_variant(cand, max_d, |h| {
            let Some(&(start, len)) = self.fuzzy.deletes.get(&h) else {
                return;
            };
            let ids = self
                .fuzzy
                .delete_entries
                .get(start as usize..(start + len) as usize)
                .unwrap_or(&[]);
            for &id in ids {
                if checked.contains(&id) {
                    continue;
                }
                checked.push(id);
                let d = osa_distance(cand, &self.fuzzy.entries[id as usize].chars, max_d as usize);
                if d > max_d as usize {
                    continue;
                }
                match found.iter_mut().find(|f| f.0 == id) {
                    Some(f) => f.1 = f.1.min(d),
                    None => found.push((id, d)),
                }
            }
        });
    }

    /// Matched weight and term count per touched document, by ascending document id.
    fn doc_matches(&self, hits: &[Hit]) -> Vec<DocMatch> {
        let postings =
            |t: usize| &self.postings[self.post_start[t] as usize..self.post_start[t + 1] as usize];
        let touched: usize = hits.iter().map(|h| postings(h.term as usize).len()).sum();
        let mut out: Vec<DocMatch> = Vec::new();
        if touched > DENSE_FROM {
            // A common word touches hundreds of documents: summing into one slot per document
            // and scanning them in order beats sorting the touches.
            let mut dense = vec![(0.0f32, 0u32); self.docs.len()];
            for h in hits {
                let w = self.weights[h.term as usize] * h.factor;
                for &d in postings(h.term as usize) {
                    let slot = &mut dense[d as usize];
                    slot.0 += w;
                    slot.1 += 1;
                }
            }
            out.extend(dense.iter().enumerate().filter(|(_, s)| s.1 > 0).map(
                |(doc, &(matched, count))| DocMatch {
                    doc: doc as u32,
                    matched,
                    count,
                },
            ));
            return out;
        }
        let mut pairs: Vec<(u32, f32)> = Vec::with_capacity(touched);
        for h in hits {
            let w = self.weights[h.term as usize] * h.factor;
            pairs.extend(postings(h.term as usize).iter().map(|&d| (d, w)));
        }
        pairs.sort_unstable_by_key(|&(d, _)| d);
        for (doc, w) in pairs {
            match out.last_mut() {
                Some(m) if m.doc == doc => {
                    m.matched += w;
                    m.count += 1;
                }
                _ => out.push(DocMatch {
                    doc,
                    matched: w,
                    count: 1,
                }),
            }
        }
        out
    }
}

/// Best first; ties go to the target added first, so results are deterministic.
fn by_rank(a: &Ranked, b: &Ranked) -> std::cmp::Ordering {
    b.score.total_cmp(&a.score).then(a.target.cmp(&b.target))
}

fn push_hit(hits: &mut Vec<Hit>, hit: Hit) {
    match hits.iter_mut().find(|h| h.term == hit.term) {
        Some(h) if h.factor < hit.factor => *h = hit,
        Some(_) => {}
        None => hits.push(hit),
    }
}

/// FxHash (as in rustc): the keys here are short strings and our own hashes, hashed on every
/// query; SipHash's flooding resistance buys nothing for an index built from our own flows.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

impl FxHasher {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(Self::SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut buf = [0u8; 8];
            buf.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(buf));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buf));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        // The multiply leaves the high bits best mixed; hashbrown picks buckets from the low ones.
        self.hash.rotate_left(26)
    }
}

pub(crate) type FxBuild = BuildHasherDefault<FxHasher>;
pub(crate) type FxMap<K, V> = HashMap<K, V, FxBuild>;

#[cfg(test)]
mod tests {
    use super::*;

    fn trigger(
        b: &mut IndexBuilder<&'static str>,
        target: &'static str,
        lang: Lang,
        phrases: &[&str],
    ) {
        for p in phrases {
            b.add(target, lang, DocKind::Trigger, p);
        }
    }

    fn fixture() -> Index<&'static str> {
        let mut b = IndexBuilder::new();
        for &(target, it, en, text) in topics::TOPICS {
            trigger(&mut b, target, Lang::It, it);
            trigger(&mut b, target, Lang::En, en);
            if !text.is_empty() {
                b.add(target, Lang::It, DocKind::Text, text);
            }
        }
        b.add(
            "tributi/tari",
            Lang::En,
            DocKind::Text,
            "TARI is the waste tax, paid in two instalments with the F24 form.",
        );
        b.build()
    }

    fn is_clear(verdict: &Verdict<&str>, target: &str) -> bool {
        matches!(verdict, Verdict::Clear(t) if *t == target)
    }

    /// Invariants every search must keep, whatever the input.
    fn assert_well_formed(index: &Index<&'static str>, query: &str) {
        let found = index.search(query);
        for pair in found.windows(2) {
            assert!(pair[0].score >= pair[1].score, "not sorted for {query:?}");
        }
        for (i, m) in found.iter().enumerate() {
            assert!(
                m.score > 0.0 && m.score.is_finite(),
                "bad score for {query:?}"
            );
            assert!(
                found[..i].iter().all(|o| o.target != m.target),
                "duplicate target for {query:?}"
            );
        }
        match index.classify(query) {
            Verdict::Clear(t) => assert_eq!(Some(t), found.first().map(|m| m.target)),
            Verdict::Close(ts) => {
                assert!(
                    (2..=3).contains(&ts.len()),
                    "close of {} for {query:?}",
                    ts.len()
                );
                assert!(ts.iter().all(|t| found.iter().any(|m| m.target == *t)));
            }
            Verdict::Miss { best } => assert_eq!(best, found.first().map(|m| m.target)),
        }
        if let Some(t) = index.phrase_hit(query) {
            assert!(
                found.iter().any(|m| m.target == t),
                "phrase hit {t} not found by search"
            );
        }
    }

    #[test]
    fn fold_lowercases_strips_accents_and_turns_punctuation_into_single_spaces() {
        let cases = [
            ("Qual è l'IMU?", "qual e l imu"),
            ("  Perché   PIÙ... caffè!! ", "perche piu caffe"),
            ("l’anagrafe—orari", "l anagrafe orari"),
            ("ciao 👋 mondo\u{0}\t2024", "ciao mondo 2024"),
            ("İSTAT Ñandú", "istat nandu"),
            ("", ""),
            ("?!… 🎉", ""),
        ];
        for (text, folded) in cases {
            assert_eq!(fold(text), folded, "{text:?}");
        }
    }

    #[test]
    fn questions_on_one_topic_are_clear_despite_typos_languages_accents_and_word_forms() {
        // (what the case shows, the question, the topic it must be clear for)
        let cases = [
            (
                "a question about the tari",
                "quando scade la tari?",
                "tributi/tari",
            ),
            (
                "a typo in a short word",
                "quando scade la tarri",
                "tributi/tari",
            ),
            (
                "a typo inside a multi-word trigger",
                "devo pagare la tassa sui rifuti",
                "tributi/tari",
            ),
            (
                "an English question",
                "how do I pay the waste tax",
                "tributi/tari",
            ),
            (
                "an identity card without accents",
                "vorrei rifare la carta d'identita",
                "anagrafe/cie",
            ),
            ("a fine", "ho preso una multa", "polizia-locale/multe"),
            (
                "stemming: the singular",
                "certificato",
                "anagrafe/certificati",
            ),
            (
                "stemming: the plural",
                "mi servono dei certificati",
                "anagrafe/certificati",
            ),
            (
                "stemming: a related form",
                "sono residente altrove",
                "anagrafe/residenza",
            ),
        ];
        let index = fixture();
        for (case, query, topic) in cases {
            let verdict = index.classify(query);
            assert!(
                is_clear(&verdict, topic),
                "{case}: {query:?} gave {verdict:?}"
            );
        }
    }

    #[test]
    fn an_english_trigger_reports_english() {
        let index = fixture();
        assert_eq!(index.search("waste tax")[0].lang, Lang::En);
        assert_eq!(index.search("tari")[0].lang, Lang::It);
    }

    #[test]
    fn a_question_near_two_topics_is_clear_for_the_right_one_or_close_with_both() {
        // (the question, the topic a clear verdict must name, the topics a close one must hold):
        // an identity card with odd accents, an ambiguous word that is never a wrong clear.
        let cases: [(&str, &str, &[&str]); 2] = [
            ("carta identià", "anagrafe/cie", &["anagrafe/cie"]),
            ("tassa", "tributi/tari", &["tributi/tari", "tributi/imu"]),
        ];
        let index = fixture();
        for (query, clear, close) in cases {
            match index.classify(query) {
                Verdict::Clear(t) => assert_eq!(t, clear, "{query:?}"),
                Verdict::Close(ts) => {
                    assert!(close.iter().all(|t| ts.contains(t)), "{query:?}: {ts:?}")
                }
                miss => panic!("{query} missed: {miss:?}"),
            }
        }
    }

    #[test]
    fn greetings_and_gibberish_miss() {
        let index = fixture();
        assert!(matches!(index.classify("buongiorno"), Verdict::Miss { .. }));
        for query in ["asdfgh", "", "come posso fare?"] {
            assert_eq!(
                index.classify(query),
                Verdict::Miss { best: None },
                "{query:?}"
            );
        }
    }

    #[test]
    fn two_topics_in_one_question_are_close_not_clear() {
        match fixture().classify("certificato di residenza") {
            Verdict::Close(ts) => {
                assert!(ts.contains(&"anagrafe/certificati") && ts.contains(&"anagrafe/residenza"));
            }
            other => panic!("expected Close, got {other:?}"),
        }
    }

    #[test]
    fn a_fully_matched_multi_word_trigger_beats_a_single_word() {
        let index = fixture();
        let phrase = index.search("tassa rifiuti")[0].score;
        let word = index.search("tari")[0].score;
        assert!(phrase > word, "{phrase} <= {word}");
    }

    #[test]
    fn a_half_matched_trigger_scores_less_than_a_full_one() {
        let index = fixture();
        let half = index.search("mobili")[0].score;
        let full = index.search("mobili vecchi")[0].score;
        assert!(half < full && half < CLEAR_MIN, "half {half}, full {full}");
        assert!(matches!(
            index.classify("mobili"),
            Verdict::Miss {
                best: Some("rifiuti/ingombranti")
            }
        ));
    }

    #[test]
    fn an_exact_match_outscores_the_same_match_through_a_typo() {
        let index = fixture();
        let exact = index.search("ingombranti")[0].score;
        let typo = index.search("ingombrnti")[0].score;
        assert!(typo < exact, "typo {typo} >= exact {exact}");
    }

    #[test]
    fn rare_terms_weigh_more_than_common_ones() {
        let mut b = IndexBuilder::new();
        for target in ["a", "b", "c", "d"] {
            b.add(target, Lang::It, DocKind::Text, "servizio comunale online");
        }
        b.add("d", Lang::It, DocKind::Text, "ztl");
        b.add("e", Lang::It, DocKind::Text, "servizio ztl");
        let index = b.build();
        let found = index.search("servizio ztl");
        assert_eq!(found[0].target, "e");
        let d = found.iter().find(|m| m.target == "d").map(|m| m.score);
        let a = found.iter().find(|m| m.target == "a").map(|m| m.score);
        assert!(d > a, "ztl-only {d:?} should beat servizio-only {a:?}");
    }

    #[test]
    fn a_word_shared_by_hundreds_of_documents_does_not_drown_a_rare_one() {
        let mut b = IndexBuilder::new();
        for i in 0..150u32 {
            b.add(i, Lang::It, DocKind::Text, "servizio comunale online");
            b.add(i, Lang::It, DocKind::Trigger, "servizio");
        }
        b.add(1000, Lang::It, DocKind::Trigger, "permesso ztl");
        b.add(1000, Lang::It, DocKind::Text, "servizio ztl");
        let index = b.build();
        assert_eq!(
            index.classify("servizio per il permesso ztl"),
            Verdict::Clear(1000)
        );
        let found = index.search("servizio ztl");
        assert_eq!(found.len(), 151);
        assert_eq!(found[0].target, 1000);
        assert!(matches!(index.classify("servizio"), Verdict::Close(ts) if ts.len() == 3));
    }

    #[test]
    fn numbers_are_kept_and_matched_exactly() {
        let mut b = IndexBuilder::new();
        b.add("730", Lang::It, DocKind::Trigger, "modello 730");
        b.add("f24", Lang::It, DocKind::Trigger, "modello F24");
        let index = b.build();
        let found = index.search("come compilo il 730");
        assert_eq!(found.iter().map(|m| m.target).collect::<Vec<_>>(), ["730"]);
        assert!(index.search("731").is_empty());
        assert_eq!(index.phrase_hit("modello 730"), Some("730"));
        assert_eq!(index.phrase_hit("modello 731"), None);
    }

    #[test]
    fn phrase_hit_needs_every_word_of_a_trigger_tolerating_typos_and_plurals() {
        let cases = [
            ("c è un incendio", Some("emergenze")),
            ("aiuto sto male", Some("emergenze")),
            ("Aiuto, mi sento male!", Some("emergenze")),
            ("help, I am sick", Some("emergenze")),
            ("aiuto", None),
            ("buongiorno", None),
            ("incedio", Some("emergenze")),
            ("ci sono incendi", Some("emergenze")),
            // "file" is one edit from "fire" (and "fine"), but a false alarm is not a typo
            // worth guessing at: no typos in four-letter words.
            ("il file è pronto", None),
        ];
        let index = fixture();
        for (query, hit) in cases {
            assert_eq!(index.phrase_hit(query), hit, "{query:?}");
        }
    }

    #[test]
    fn documents_without_content_words_are_dropped() {
        let mut b = IndexBuilder::new();
        b.add("vuoto", Lang::It, DocKind::Trigger, "come posso?");
        b.add("vuoto", Lang::En, DocKind::Text, "  ... ");
        let index = b.build();
        assert_eq!(index.classify("come posso"), Verdict::Miss { best: None });
        assert_eq!(index.phrase_hit("come posso"), None);
        assert_eq!(
            IndexBuilder::<u8>::new().build().classify("tari"),
            Verdict::Miss { best: None }
        );
    }

    #[test]
    fn odd_inputs_never_panic_and_keep_results_well_formed() {
        let index = fixture();
        let long_word = "x".repeat(40);
        let odd = [
            "",
            " ",
            "\u{0}\u{1}\u{7f}",
            "\u{301}\u{301}a\u{301}",
            "🔥🔥🔥 incendio 🔥",
            "ß ẞ ﬁ İ ı",
            "火事だ 助けて",
            "حريق",
            "пожар tari",
            "\u{200d}\u{200b}\u{feff}",
            "a'b'c'd'e'f",
            "tari tari tari tari",
            long_word.as_str(),
            "0123456789 3.14 1e9",
            "\u{10ffff}\u{e000}",
            "TARI!!!???",
            "ca\u{308}rta d\u{2019}identita\u{300}",
        ];
        for q in odd {
            assert_well_formed(&index, q);
        }
        // Every word shape the stemmers could meet: short runs of characters from many scripts.
        for start in (0x00c0u32..0x3000).step_by(97) {
            let word: String = (start..start + 9).filter_map(char::from_u32).collect();
            assert_well_formed(&index, &format!("{word} {word}a {word}ità"));
        }
    }

    #[test]
    fn random_mixes_of_scripts_marks_and_symbols_never_panic() {
        let index = fixture();
        let pools: [&[char]; 5] = [
            &['a', 'e', 'i', 'o', 'r', 't', 's', 'n', ' ', '\'', '.'],
            &['à', 'è', 'é', 'ì', 'ò', 'ù', 'ß', 'æ', 'ø', 'ñ', 'ç'],
            &[
                '\u{300}', '\u{301}', '\u{308}', '\u{327}', '\u{20dd}', '\u{200d}',
            ],
            &['火', '事', 'б', 'ж', 'ي', 'ح', 'ש', 'α', 'ω', '한'],
            &[
                '🔥',
                '👋',
                '🇮',
                '🇹',
                '\u{0}',
                '\u{1b}',
                '\u{fffd}',
                '\u{10ffff}',
                '²',
                '٣',
            ],
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as usize
        };
        for _ in 0..500 {
            let len = next() % 24;
            let query: String = (0..len)
                .map(|_| {
                    let pool = pools[next() % pools.len()];
                    pool[next() % pool.len()]
                })
                .collect();
            assert_well_formed(&index, &query);
        }
    }

    #[test]
    fn a_100_kb_query_returns_quickly() {
        let index = fixture();
        let huge_word = "a".repeat(100 * 1024);
        let many_words = "quando scade la tari? ".repeat(100 * 1024 / 22);
        let stopwords = "e la di che ".repeat(100 * 1024 / 12);
        let emoji = "🔥".repeat(25 * 1024);
        for q in [&huge_word, &many_words, &stopwords, &emoji] {
            let started = std::time::Instant::now();
            assert_well_formed(&index, q);
            assert!(
                started.elapsed() < std::time::Duration::from_secs(1),
                "took {:?}",
                started.elapsed()
            );
        }
        assert!(is_clear(&index.classify(&many_words), "tributi/tari"));
        assert_eq!(index.classify(&huge_word), Verdict::Miss { best: None });
    }

    #[test]
    fn edit_distance_counts_a_transposition_as_one_edit() {
        // (one word, the other, the most edits looked for, the distance)
        let cases = [
            ("tari", "tair", 2, 1),
            ("rifiuti", "rifuti", 2, 1),
            ("mensa", "messa", 1, 1),
            ("abc", "xyz", 1, 2),
            ("abcdefgh", "abcdefgh", 2, 0),
        ];
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        for (a, b, max, distance) in cases {
            assert_eq!(osa_distance(&chars(a), &chars(b), max), distance, "{a} {b}");
        }
    }
}
