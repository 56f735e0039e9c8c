//! Typo tolerance: the SymSpell deletion map over the vocabulary and the edit distance.

use std::hash::Hasher;

use super::{FuzzyEntry, FxHasher, FxMap, MAX_TOKEN_CHARS, MIN_FUZZY_ENTRY_CHARS};

/// Builds the SymSpell structures: every fuzzy entry is reachable through the hashes of its
/// variants with up to one or two characters deleted. A query token within edit distance d of
/// an entry shares at least one variant with it when both generate deletions up to d, so a query
/// only hashes its own few variants instead of scanning the vocabulary.
pub(super) fn build_deletions(words: FxMap<String, Vec<u32>>) -> Deletions {
    let mut entries: Vec<FuzzyEntry> = words
        .into_iter()
        .map(|(word, terms)| FuzzyEntry {
            chars: word.chars().collect(),
            terms: terms.into(),
        })
        .collect();
    // HashMap iteration order is arbitrary; sorting keeps builds reproducible.
    entries.sort_unstable_by(|a, b| a.chars.cmp(&b.chars));

    let mut by_hash: FxMap<u64, Vec<u32>> = FxMap::default();
    let mut variants = Vec::new();
    for (id, entry) in entries.iter().enumerate() {
        // Queries reach distance 2 only from 8 characters on, so only entries that can be within
        // 2 of such a query (6 characters or more) need second-level deletions.
        let depth = if entry.chars.len() >= 6 { 2 } else { 1 };
        variants.clear();
        for_each_variant(&entry.chars, depth, |h| variants.push(h));
        variants.sort_unstable();
        variants.dedup();
        for &h in &variants {
            by_hash.entry(h).or_default().push(id as u32);
        }
    }
    let mut deletes = FxMap::default();
    deletes.reserve(by_hash.len());
    let mut delete_entries = Vec::new();
    for (h, ids) in by_hash {
        deletes.insert(h, (delete_entries.len() as u32, ids.len() as u32));
        delete_entries.extend(ids);
    }
    Deletions {
        entries,
        deletes,
        delete_entries,
    }
}

/// The typo-tolerance vocabulary and its SymSpell deletion map.
pub(super) struct Deletions {
    /// Surface words and stems, each mapping to term ids.
    pub(super) entries: Vec<FuzzyEntry>,
    /// Variant hash -> (start, len) in `delete_entries`, which holds entry ids.
    pub(super) deletes: FxMap<u64, (u32, u32)>,
    pub(super) delete_entries: Vec<u32>,
}

pub(super) fn is_fuzzable(word: &str) -> bool {
    word.chars().count() >= MIN_FUZZY_ENTRY_CHARS && !word.chars().any(char::is_numeric)
}

/// Calls `f` with the hash of `chars` itself and of every variant of it with up to `depth`
/// (at most 2) characters deleted. Hashing the variants in place avoids allocating a string per
/// deletion; a hash collision only costs one extra edit-distance check.
pub(super) fn for_each_variant(chars: &[char], depth: u8, mut f: impl FnMut(u64)) {
    let n = chars.len();
    f(skip_hash(chars, usize::MAX, usize::MAX));
    if depth >= 1 {
        for i in 0..n {
            f(skip_hash(chars, i, usize::MAX));
        }
    }
    if depth >= 2 {
        for i in 0..n {
            for j in i + 1..n {
                f(skip_hash(chars, i, j));
            }
        }
    }
}

pub(super) fn skip_hash(chars: &[char], skip_a: usize, skip_b: usize) -> u64 {
    let mut h = FxHasher::default();
    let mut len = 0u64;
    for (i, &c) in chars.iter().enumerate() {
        if i != skip_a && i != skip_b {
            h.add(c as u64);
            len += 1;
        }
    }
    h.add(len);
    h.finish()
}

/// Optimal-string-alignment distance (Damerau-Levenshtein where a transposition is one edit),
/// or `max + 1` as soon as it is known to exceed `max`. Inputs are at most `MAX_TOKEN_CHARS`
/// long, longer ones are reported as too far.
pub(crate) fn osa_distance(a: &[char], b: &[char], max: usize) -> usize {
    const W: usize = MAX_TOKEN_CHARS + 1;
    if a.len() > MAX_TOKEN_CHARS || b.len() > MAX_TOKEN_CHARS || a.len().abs_diff(b.len()) > max {
        return max + 1;
    }
    let mut prev2 = [0usize; W];
    let mut prev = [0usize; W];
    let mut cur = [0usize; W];
    for (j, p) in prev.iter_mut().enumerate().take(b.len() + 1) {
        *p = j;
    }
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return max + 1;
        }
        prev2 = prev;
        prev = cur;
    }
    prev[b.len()].min(max + 1)
}

/// The edit distance a query token of this many characters may be from a vocabulary term.
pub(super) fn max_distance(chars: usize) -> u8 {
    match chars {
        0..4 => 0,
        4..8 => 1,
        _ => 2,
    }
}
