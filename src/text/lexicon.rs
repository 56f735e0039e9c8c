//! Small pattern lexicons over folded words: the built-in safety layer, civility and the
//! phrases that ask for a person are written with them.
//!
//! A rule is written as text, parsed once: groups separated by ` + ` must all occur, in order,
//! each starting at most [`GAP`] words after the previous one ended; a group lists alternatives
//! separated by `|`; an alternative is one or more words that must follow each other. A word
//! ending in `*` matches as a prefix; a word ending in `~` (or `*~`) also matches with one typo
//! when it has at least five letters. Words are folded like the matcher's (lower case, no
//! accents, apostrophes split words), so `c'è` is written `c e`.
//!
//! `"caduto|caduta + non + alz*|rialz*"` matches "è caduta e non riesce ad alzarsi".
//!
//! Groups separated by ` & ` instead must all occur within [`WINDOW`] words of each other, in
//! any order: `"bambin* & canale|fiume & da sola|da solo"` matches "c'è una bambina di tre anni
//! sul bordo del canale, da sola".
//!
//! Typo tolerance is opt-in per word, because a lexicon of alarming words must not drift to
//! ordinary ones ("rapina" is one letter from "rapida").

use std::collections::HashMap;

use super::matcher::{MAX_QUERY_BYTES, for_each_word, osa_distance};

/// Words allowed between two groups of a rule.
pub const GAP: usize = 4;
/// Words within which the groups of an any-order rule must all occur.
pub const WINDOW: usize = 16;
/// Words read from a message: a long message is read this far (about 16 kB of text).
const MAX_WORDS: usize = 3000;
/// Typo-tolerant words need at least this many letters.
const TYPO_MIN_CHARS: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Word {
    text: String,
    prefix: bool,
    typo: bool,
}

/// A compiled set of rules, each carrying a value of type `T`.
#[derive(Debug)]
pub struct Lexicon<T> {
    words: Vec<Word>,
    exact: HashMap<String, Vec<u32>>,
    prefixes: HashMap<String, Vec<u32>>,
    /// Words that accept a typo, as chars, with their ids, by first letter (a typo on the
    /// first letter is not accepted: it would let "venuta" become "svenuta").
    typos: HashMap<char, Vec<(Vec<char>, u32)>>,
    rules: Vec<Rule<T>>,
    /// Rules that use each word, so a message touches only the rules its words can satisfy.
    by_word: Vec<Vec<u32>>,
}

#[derive(Debug)]
struct Rule<T> {
    source: &'static str,
    /// Groups of alternatives; an alternative is a sequence of word ids.
    groups: Vec<Vec<Vec<u32>>>,
    /// Groups in any order within [`WINDOW`] words (` & `), rather than in order (` + `).
    any_order: bool,
    value: T,
}

/// A rule that matched, with the words of the message it covered.
#[derive(Debug, Clone, PartialEq)]
pub struct Found<'a, T> {
    pub value: &'a T,
    pub rule: &'static str,
    /// First and one past the last word of the message covered.
    pub span: (usize, usize),
}

/// A message as folded words, each with the lexicon words it matches.
pub struct Scan {
    pub words: Vec<String>,
    hits: Vec<Vec<u32>>,
}

impl<T> Lexicon<T> {
    /// Compiles `(rule, value)` pairs. A rule that does not parse is a programming error in a
    /// built-in list, caught by the tests that build every lexicon.
    pub fn new(rules: impl IntoIterator<Item = (&'static str, T)>) -> Lexicon<T> {
        let mut lex = Lexicon {
            words: Vec::new(),
            exact: HashMap::new(),
            prefixes: HashMap::new(),
            typos: HashMap::new(),
            rules: Vec::new(),
            by_word: Vec::new(),
        };
        let mut ids: HashMap<Word, u32> = HashMap::new();
        for (source, value) in rules {
            let mut groups = Vec::new();
            let any_order = source.contains(" & ");
            assert!(
                !(any_order && source.contains(" + ")),
                "rule `{source}` mixes ` + ` and ` & `: write two rules"
            );
            let separator = if any_order { " & " } else { " + " };
            for group in source.split(separator) {
                let mut alternatives = Vec::new();
                for alternative in group.split('|') {
                    let mut sequence = Vec::new();
                    for raw in alternative.split_whitespace() {
                        let word = parse_word(raw);
                        assert!(!word.text.is_empty(), "empty word in rule `{source}`");
                        let id = *ids.entry(word.clone()).or_insert_with(|| {
                            lex.words.push(word);
                            lex.by_word.push(Vec::new());
                            (lex.words.len() - 1) as u32
                        });
                        sequence.push(id);
                    }
                    assert!(!sequence.is_empty(), "empty alternative in rule `{source}`");
                    alternatives.push(sequence);
                }
                groups.push(alternatives);
            }
            let rule_id = lex.rules.len() as u32;
            for id in groups.iter().flatten().flatten() {
                let users = &mut lex.by_word[*id as usize];
                if users.last() != Some(&rule_id) {
                    users.push(rule_id);
                }
            }
            lex.rules.push(Rule {
                source,
                groups,
                any_order,
                value,
            });
        }
        for (id, word) in lex.words.iter().enumerate() {
            let id = id as u32;
            let map = if word.prefix {
                &mut lex.prefixes
            } else {
                &mut lex.exact
            };
            map.entry(word.text.clone()).or_default().push(id);
            if word.typo && word.text.chars().count() >= TYPO_MIN_CHARS {
                let chars: Vec<char> = word.text.chars().collect();
                lex.typos.entry(chars[0]).or_default().push((chars, id));
            }
        }
        lex
    }

    /// Folds `text` into words and finds which lexicon words each one matches.
    pub fn scan(&self, text: &str) -> Scan {
        let mut end = text.len().min(MAX_QUERY_BYTES);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let mut words = Vec::new();
        for_each_word(&text[..end], |w| {
            words.push(normalise(w));
            words.len() < MAX_WORDS
        });
        // Long messages repeat their words: look each distinct word up once.
        let mut seen: HashMap<&str, Vec<u32>> = HashMap::new();
        let hits = words
            .iter()
            .map(|w| {
                seen.entry(w.as_str())
                    .or_insert_with(|| self.word_hits(w))
                    .clone()
            })
            .collect();
        Scan { words, hits }
    }

    fn word_hits(&self, word: &str) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        if let Some(ids) = self.exact.get(word) {
            out.extend(ids);
        }
        for (i, _) in word.char_indices().skip(1) {
            if let Some(ids) = self.prefixes.get(&word[..i]) {
                out.extend(ids);
            }
        }
        if let Some(ids) = self.prefixes.get(word) {
            out.extend(ids);
        }
        let chars: Vec<char> = word.chars().collect();
        let candidates = chars.first().and_then(|c| self.typos.get(c));
        if chars.len() + 1 >= TYPO_MIN_CHARS
            && let Some(candidates) = candidates
        {
            for (typo, id) in candidates {
                let prefix = self.words[*id as usize].prefix;
                // Too short or too long to be within one edit.
                if chars.len() + 1 < typo.len() || (!prefix && chars.len() > typo.len() + 1) {
                    continue;
                }
                if out.contains(id) {
                    continue;
                }
                let near = if prefix {
                    // The word's beginning, one letter shorter or longer than the prefix.
                    (typo.len().saturating_sub(1)..=typo.len() + 1)
                        .filter(|&n| n <= chars.len())
                        .any(|n| osa_distance(&chars[..n], typo, 1) <= 1)
                } else {
                    osa_distance(&chars, typo, 1) <= 1
                };
                if near {
                    out.push(*id);
                }
            }
        }
        out
    }

    /// Every rule the scanned message satisfies, in the order the rules were given, each with
    /// the first place it matches.
    pub fn find<'a>(&'a self, scan: &Scan) -> Vec<Found<'a, T>> {
        self.found(scan, false)
    }

    /// Every place where a rule matches: a phrase that sets a danger aside ("l'anno scorso")
    /// counts wherever it is, not only the first time.
    pub fn find_all<'a>(&'a self, scan: &Scan) -> Vec<Found<'a, T>> {
        self.found(scan, true)
    }

    fn found<'a>(&'a self, scan: &Scan, all: bool) -> Vec<Found<'a, T>> {
        let mut candidates: Vec<u32> = scan
            .hits
            .iter()
            .flatten()
            .flat_map(|&w| self.by_word[w as usize].iter().copied())
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        // The lexicon words the message has: an alternative with a word the message lacks
        // cannot match anywhere, so only the others are looked for, place by place.
        let mut present: Vec<u32> = scan.hits.iter().flatten().copied().collect();
        present.sort_unstable();
        present.dedup();
        let possible = |alt: &Vec<u32>| alt.iter().all(|w| present.binary_search(w).is_ok());
        let mut out = Vec::new();
        for r in candidates {
            let rule = &self.rules[r as usize];
            if !rule.groups.iter().all(|g| g.iter().any(possible)) {
                continue;
            }
            let groups: Vec<Vec<&[u32]>> = rule
                .groups
                .iter()
                .map(|g| {
                    g.iter()
                        .filter(|a| possible(a))
                        .map(Vec::as_slice)
                        .collect()
                })
                .collect();
            // Where each group of an any-order rule stands, found once for every window.
            let places: Vec<Vec<(usize, usize)>> = if rule.any_order {
                groups.iter().map(|g| group_places(g, &scan.hits)).collect()
            } else {
                Vec::new()
            };
            let mut from = 0;
            loop {
                // The span, and where its first group starts (an any-order window may start
                // earlier, with another group).
                let span = if rule.any_order {
                    window_match(&places, from)
                } else {
                    rule_match(&groups, &scan.hits, from).map(|span| (span, span.0))
                };
                let Some((span, first)) = span else {
                    break;
                };
                out.push(Found {
                    value: &rule.value,
                    rule: rule.source,
                    span,
                });
                if !all {
                    break;
                }
                from = first + 1;
            }
        }
        out
    }

    /// Whether any rule matches `text`.
    pub fn matches(&self, text: &str) -> bool {
        !self.find(&self.scan(text)).is_empty()
    }
}

/// Chat spellings of the commonest words, written out, so that rules need not list them.
const CHAT_SPELLINGS: &[(&str, &str)] = &[
    ("nn", "non"),
    ("x", "per"),
    ("xke", "perche"),
    ("xche", "perche"),
    ("cmq", "comunque"),
    ("qnd", "quando"),
    ("sn", "sono"),
    ("ke", "che"),
    ("k", "che"),
    ("qlc", "qualcuno"),
    ("qlcn", "qualcuno"),
    ("tt", "tutto"),
    ("pls", "please"),
    ("plz", "please"),
    ("u", "you"),
    ("r", "are"),
    ("im", "i"),
];

/// "aiutoo" -> "aiuto", "ciaoo" -> "ciao": a letter doubled at the end of a word, as citizens
/// stretch a cry or a greeting; `known` words are left as they are.
pub fn stretched(word: &str, known: &[&str]) -> String {
    let mut out = word.to_string();
    while out.chars().count() > 2 && !known.contains(&out.as_str()) {
        let mut chars = out.chars().rev();
        match (chars.next(), chars.next()) {
            (Some(a), Some(b)) if a == b => {
                out.pop();
            }
            _ => break,
        }
    }
    out
}

/// A folded word as rules see it: chat spellings written out, and a letter repeated three
/// times or more ("aiutoooo") written once.
fn normalise(word: &str) -> String {
    if let Some((_, full)) = CHAT_SPELLINGS.iter().find(|(short, _)| *short == word) {
        return (*full).to_string();
    }
    let mut out = String::with_capacity(word.len());
    let mut run: Option<(char, usize)> = None;
    for c in word.chars() {
        run = match run {
            Some((p, n)) if p == c => Some((c, n + 1)),
            _ => Some((c, 1)),
        };
        out.push(c);
        if let Some((_, 3)) = run {
            // The third of a run: drop it and the second.
            out.pop();
            out.pop();
        } else if let Some((_, n)) = run
            && n > 3
        {
            out.pop();
        }
    }
    out
}

fn parse_word(raw: &str) -> Word {
    let typo = raw.ends_with('~');
    let raw = raw.trim_end_matches('~');
    let prefix = raw.ends_with('*');
    let raw = raw.trim_end_matches('*');
    let mut text = String::new();
    for_each_word(raw, |w| {
        text.push_str(w);
        true
    });
    // A rule's word is read as a message's word is: "im" in a rule is the "im" of a message.
    if !prefix {
        text = normalise(&text);
    }
    Word { text, prefix, typo }
}

/// Where an alternative of `group` starts, and where it ends, at every place it matches.
fn group_places(group: &[&[u32]], hits: &[Vec<u32>]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for start in 0..hits.len() {
        for alt in group {
            let end = start + alt.len();
            if end <= hits.len()
                && alt
                    .iter()
                    .enumerate()
                    .all(|(i, w)| hits[start + i].contains(w))
            {
                out.push((start, end));
            }
        }
    }
    out
}

/// The span of the first window of [`WINDOW`] words holding every group (at `places`, see
/// [`group_places`]), in any order, whose first group starts at `from` or later, and where that
/// group starts.
fn window_match(places: &[Vec<(usize, usize)>], from: usize) -> Option<((usize, usize), usize)> {
    if places.is_empty() || places.iter().any(Vec::is_empty) {
        return None;
    }
    // For each place of the first group, the nearest place of every other group.
    for &(start, end) in places[0].iter().filter(|(s, _)| *s >= from) {
        let (mut lo, mut hi) = (start, end);
        let mut all = true;
        for other in &places[1..] {
            let near = other
                .iter()
                .min_by_key(|(s, _)| s.abs_diff(start))
                .copied()
                .filter(|(s, e)| s.abs_diff(start) <= WINDOW && e.abs_diff(start) <= WINDOW);
            match near {
                Some((s, e)) => {
                    lo = lo.min(s);
                    hi = hi.max(e);
                }
                None => {
                    all = false;
                    break;
                }
            }
        }
        if all {
            return Some(((lo, hi), start));
        }
    }
    None
}

/// The span of the first way the groups match, in order, each within [`GAP`] words of the
/// previous one, starting at `from` or later.
fn rule_match(groups: &[Vec<&[u32]>], hits: &[Vec<u32>], from: usize) -> Option<(usize, usize)> {
    fn at(alt: &[u32], hits: &[Vec<u32>], start: usize) -> Option<usize> {
        let end = start + alt.len();
        (end <= hits.len()
            && alt
                .iter()
                .enumerate()
                .all(|(i, w)| hits[start + i].contains(w)))
        .then_some(end)
    }
    fn rest(groups: &[Vec<&[u32]>], hits: &[Vec<u32>], from: usize) -> Option<usize> {
        let Some((group, others)) = groups.split_first() else {
            return Some(from);
        };
        let last = (from + GAP).min(hits.len());
        for start in from..=last {
            for alt in group {
                if let Some(end) = at(alt, hits, start)
                    && let Some(done) = rest(others, hits, end)
                {
                    return Some(done);
                }
            }
        }
        None
    }
    let (first, others) = groups.split_first()?;
    for start in from..hits.len() {
        if hits[start].is_empty() {
            continue;
        }
        for alt in first {
            if let Some(end) = at(alt, hits, start)
                && let Some(done) = rest(others, hits, end)
            {
                return Some((start, done));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::Lexicon;

    fn lex(rules: &[&'static str]) -> Lexicon<usize> {
        Lexicon::new(rules.iter().enumerate().map(|(i, r)| (*r, i)))
    }

    fn hits(l: &Lexicon<usize>, text: &str) -> Vec<usize> {
        l.find(&l.scan(text)).iter().map(|f| *f.value).collect()
    }

    #[test]
    fn groups_match_in_order_within_the_gap() {
        let l = lex(&["caduto|caduta + non + alz*|rialz*"]);
        assert_eq!(hits(&l, "è caduta e non riesce ad alzarsi"), [0]);
        assert!(hits(&l, "non si alza, è caduta").is_empty());
        assert!(
            hits(
                &l,
                "caduta una volta, poi uno due tre quattro cinque non si alza"
            )
            .is_empty()
        );
    }

    #[test]
    fn find_all_gives_every_place_a_rule_matches() {
        let l = lex(&["anno scorso", "bambin* & da sola"]);
        let scan =
            l.scan("l'anno scorso e anno scorso; una bambina da sola, poi una bambina da sola");
        let spans: Vec<(usize, (usize, usize))> = l
            .find_all(&scan)
            .iter()
            .map(|f| (*f.value, f.span))
            .collect();
        assert_eq!(
            spans,
            [(0, (1, 3)), (0, (4, 6)), (1, (7, 10)), (1, (12, 15))]
        );
        assert_eq!(l.find(&scan).len(), 2);
    }

    #[test]
    fn multi_word_alternatives_need_adjacent_words() {
        let l = lex(&["farla finita"]);
        assert_eq!(hits(&l, "voglio FARLA finita!"), [0]);
        assert!(hits(&l, "farla poi finita").is_empty());
    }

    #[test]
    fn any_order_groups_match_within_a_window() {
        let l = lex(&["bambin* & canale|fiume & da sola|da solo"]);
        assert_eq!(
            hits(&l, "da sola, una bambina di tre anni sul bordo del canale"),
            [0]
        );
        assert!(hits(&l, "la bambina è andata al canale con la mamma").is_empty());
        let far = format!("bambina {} canale da sola", "parola ".repeat(20));
        assert!(hits(&l, &far).is_empty());
    }

    #[test]
    fn typos_only_where_allowed_and_only_in_long_words() {
        let l = lex(&["incendio~", "rapina", "gas~"]);
        assert_eq!(hits(&l, "c'è un incedio"), [0]);
        assert!(hits(&l, "consegna rapida").is_empty());
        assert!(hits(&l, "il gsa").is_empty());
    }

    #[test]
    fn prefixes_with_typos_match_the_beginning_of_a_word() {
        let l = lex(&["respir*~"]);
        assert_eq!(hits(&l, "non respira"), [0]);
        assert_eq!(hits(&l, "non resprira"), [0]);
        assert!(hits(&l, "rispondere").is_empty());
    }

    #[test]
    fn chat_spellings_and_repeated_letters_are_written_out() {
        let l = lex(&["aiuto", "non + respira"]);
        assert_eq!(hits(&l, "AIUTOOOO"), [0]);
        assert_eq!(hits(&l, "nn respira"), [1]);
        assert_eq!(super::normalise("cassetta"), "cassetta");
    }

    #[test]
    fn a_rule_s_words_are_read_as_a_message_s_words() {
        // "im" and "u" are chat spellings in a message: a rule that names them (the German "im",
        // the Sicilian "u") must still find them.
        let l = lex(&["feuer im", "u ciumi + nisciu"]);
        assert_eq!(hits(&l, "Feuer im Hotel!"), [0]);
        assert_eq!(hits(&l, "u ciumi nisciu"), [1]);
        assert!(hits(&l, "feuer in hotel").is_empty());
    }

    #[test]
    fn apostrophes_and_accents_fold_like_the_matcher() {
        let l = lex(&["c e + fumo"]);
        assert_eq!(hits(&l, "C'È FUMO"), [0]);
    }
}
