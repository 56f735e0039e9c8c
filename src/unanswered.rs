//! `sportello unanswered`: what citizens asked that the bot could not route, grouped by
//! similar wording with counts, so an editor can add examples or a new topic.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use chrono::{DateTime, Utc};
use rust_stemmers::{Algorithm, Stemmer};

use crate::store::Unanswered;
use crate::text::matcher::{for_each_word, is_content};

/// Messages sharing at least this share of their stems (Jaccard) are one group.
const SIMILAR: f32 = 0.5;
/// Other wordings shown under a group.
const VARIANTS: usize = 3;

/// Messages of similar wording.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The wording seen most often (the first seen among equals).
    pub text: String,
    pub count: usize,
    /// Other wordings, most frequent first.
    pub variants: Vec<String>,
    /// How many were out of scope, refused suggestions, or handed off after two misses.
    pub reasons: Vec<(String, usize)>,
    /// When each of them was written (for a trend).
    pub at: Vec<DateTime<Utc>>,
    stems: BTreeSet<String>,
}

fn stems(stemmer: &Stemmer, text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for_each_word(text, |w| {
        if is_content(w) {
            out.insert(stemmer.stem(w).into_owned());
        }
        true
    });
    out
}

fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f32 {
    let union = a.union(b).count();
    if union == 0 {
        return 1.0;
    }
    a.intersection(b).count() as f32 / union as f32
}

/// One wording as written: its count, each one's reason and time.
type Wording = (String, usize, Vec<String>, Vec<DateTime<Utc>>);

/// Groups the misses, largest group first.
pub fn group(misses: &[Unanswered]) -> Vec<Group> {
    let stemmer = Stemmer::create(Algorithm::Italian);
    // Identical wordings first, counted, most frequent first.
    let mut wordings: Vec<Wording> = Vec::new();
    for m in misses {
        let text = m.text.trim().to_string();
        match wordings
            .iter_mut()
            .find(|(t, ..)| t.eq_ignore_ascii_case(&text))
        {
            Some((_, n, reasons, at)) => {
                *n += 1;
                reasons.push(m.reason.clone());
                at.push(m.at);
            }
            None => wordings.push((text, 1, vec![m.reason.clone()], vec![m.at])),
        }
    }
    wordings.sort_by_key(|w| std::cmp::Reverse(w.1));
    let mut groups: Vec<Group> = Vec::new();
    for (text, n, reasons, at) in wordings {
        let s = stems(&stemmer, &text);
        let found = groups
            .iter_mut()
            .find(|g| !s.is_empty() && jaccard(&g.stems, &s) >= SIMILAR);
        let group = match found {
            Some(g) => {
                if g.variants.len() < VARIANTS {
                    g.variants.push(text);
                }
                g.count += n;
                g.at.extend(at);
                g
            }
            None => {
                groups.push(Group {
                    text,
                    count: n,
                    variants: Vec::new(),
                    reasons: Vec::new(),
                    at,
                    stems: s,
                });
                groups.last_mut().expect("just pushed")
            }
        };
        for r in reasons {
            match group.reasons.iter_mut().find(|(k, _)| *k == r) {
                Some((_, c)) => *c += 1,
                None => group.reasons.push((r, 1)),
            }
        }
    }
    groups.sort_by_key(|g| std::cmp::Reverse(g.count));
    groups
}

/// The listing printed by `sportello unanswered`.
pub fn report(groups: &[Group], total: usize) -> String {
    let mut s = String::new();
    if groups.is_empty() {
        let _ = writeln!(s, "no unanswered messages in this period");
        return s;
    }
    let _ = writeln!(
        s,
        "unanswered messages: {total}; groups of similar wording: {}",
        groups.len()
    );
    for g in groups {
        let reasons: Vec<String> = g.reasons.iter().map(|(r, n)| format!("{r} {n}")).collect();
        let _ = writeln!(s, "\n{:>5}  {}  ({})", g.count, g.text, reasons.join(", "));
        for v in &g.variants {
            let _ = writeln!(s, "       also: {v}");
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::{group, report};
    use crate::store::Unanswered;

    fn miss(text: &str) -> Unanswered {
        Unanswered {
            at: chrono::DateTime::from_timestamp(0, 0).unwrap(),
            reason: "out_of_scope".into(),
            text: text.into(),
        }
    }

    #[test]
    fn similar_wordings_are_grouped_and_counted() {
        let misses = [
            miss("orari del cimitero"),
            miss("orario cimitero"),
            miss("Orari del cimitero"),
            miss("allacciamento acqua"),
            miss("cane randagio nel parco"),
        ];
        let groups = group(&misses);
        assert_eq!(groups[0].count, 3);
        assert_eq!(groups[0].text, "orari del cimitero");
        assert_eq!(groups[0].variants, ["orario cimitero"]);
        assert_eq!(groups.len(), 3);
        let text = report(&groups, misses.len());
        assert!(
            text.contains("unanswered messages: 5; groups of similar wording: 3"),
            "{text}"
        );
    }
}
