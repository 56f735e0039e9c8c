//! Words of free text: folding (case, accents, punctuation), splitting, and the stopwords
//! that carry no topic.

use std::collections::HashSet;
use std::sync::LazyLock;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use super::{FxBuild, MAX_TOKEN_CHARS};

/// Lower-cases, strips accents (NFD, then drops combining marks), turns apostrophes and every
/// other non-alphanumeric character into a space and collapses runs of spaces.
///
/// `fold("Qual è l'IMU?") == "qual e l imu"`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    split_words(text, usize::MAX, |w| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
        true
    });
    out
}

/// Calls `f` with each word of `fold(text)`, skipping words longer than [`MAX_TOKEN_CHARS`];
/// stops as soon as `f` returns false. Streaming rather than folding the whole text first lets a
/// query stop reading once it has enough tokens.
pub(crate) fn for_each_word(text: &str, f: impl FnMut(&str) -> bool) {
    split_words(text, MAX_TOKEN_CHARS, f);
}

pub(super) fn split_words(text: &str, max_chars: usize, f: impl FnMut(&str) -> bool) {
    let mut words = WordSplitter {
        word: String::new(),
        chars: 0,
        max_chars,
        done: false,
        f,
    };
    for c in text.chars() {
        if c.is_ascii() {
            // Almost every character of an Italian or English message: skip the Unicode tables.
            if c.is_ascii_alphanumeric() {
                words.push(c.to_ascii_lowercase());
            } else {
                words.end();
            }
        } else {
            for lower in c.to_lowercase() {
                // Canonical decomposition of each character is NFD but for the reordering of
                // combining marks, which are dropped anyway.
                decompose_canonical(lower, |d| {
                    if is_combining_mark(d) {
                        return;
                    }
                    if d.is_alphanumeric() {
                        words.push(d);
                    } else {
                        words.end();
                    }
                });
            }
        }
        if words.done {
            return;
        }
    }
    words.end();
}

pub(super) struct WordSplitter<F> {
    word: String,
    chars: usize,
    max_chars: usize,
    done: bool,
    f: F,
}

impl<F: FnMut(&str) -> bool> WordSplitter<F> {
    fn push(&mut self, c: char) {
        self.chars += 1;
        if self.chars <= self.max_chars {
            self.word.push(c);
        }
    }

    fn end(&mut self) {
        if self.chars > 0 && self.chars <= self.max_chars && !self.done {
            self.done = !(self.f)(&self.word);
        }
        self.chars = 0;
        self.word.clear();
    }
}

/// Whether a folded word carries topic: single letters (elided articles, "e", "a") and
/// stopwords do not; numbers do, even a single digit.
pub(crate) fn is_content(word: &str) -> bool {
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && !c.is_numeric()
    {
        return false;
    }
    !STOPWORDS.contains(word)
}

/// Words that say nothing about which service a citizen wants, already folded. One list for both
/// languages, because the query's language is not known and documents must be tokenised exactly
/// like queries. Greetings, thanks and the politeness around a question are stopwords too:
/// citizens wrap every question in them, so they would only blur it; a message that is just a
/// greeting is recognised as a whole (`FlowSet::exact_trigger`).
pub(super) static STOPWORDS: LazyLock<HashSet<&'static str, FxBuild>> = LazyLock::new(|| {
    const ITALIAN: &[&str] = &[
        // articles and elisions
        "il",
        "lo",
        "la",
        "gli",
        "le",
        "un",
        "uno",
        "una",
        "dell",
        "all",
        "dall",
        "nell",
        "sull",
        // prepositions, simple and articulated
        "di",
        "da",
        "in",
        "con",
        "su",
        "per",
        "tra",
        "fra",
        "del",
        "dello",
        "della",
        "dei",
        "degli",
        "delle",
        "al",
        "allo",
        "alla",
        "ai",
        "agli",
        "alle",
        "dal",
        "dallo",
        "dalla",
        "dai",
        "dagli",
        "dalle",
        "nel",
        "nello",
        "nella",
        "nei",
        "negli",
        "nelle",
        "col",
        "coi",
        "sul",
        "sullo",
        "sulla",
        "sui",
        "sugli",
        "sulle", // pronouns and possessives
        "io",
        "tu",
        "lui",
        "lei",
        "noi",
        "voi",
        "loro",
        "mi",
        "ti",
        "si",
        "ci",
        "vi",
        "ne",
        "me",
        "te",
        "se",
        "ce",
        "ve",
        "mio",
        "mia",
        "miei",
        "mie",
        "tuo",
        "tua",
        "tuoi",
        "tue",
        "suo",
        "sua",
        "suoi",
        "sue",
        "nostro",
        "nostra",
        "nostri",
        "nostre",
        "vostro",
        "vostra",
        "questo",
        "questa",
        "questi",
        "queste",
        "quello",
        "quella",
        "quelli",
        "quelle",
        "qualcosa",
        "qualcuno",
        "niente",
        "nulla", // conjunctions and fillers
        "ed",
        "od",
        "ma",
        "che",
        "anche",
        "pure",
        "oppure",
        "quindi",
        "pero",
        "allora",
        "poi",
        "non",
        "piu",
        "molto",
        "molta",
        "molti",
        "molte",
        "poco",
        "tanto",
        "tutto",
        "tutta",
        "tutti",
        "tutte",
        "gia",
        "ancora",
        "solo",
        "ora",
        "adesso",
        "qui",
        "qua",
        "li",
        "la",
        "ok",
        "si",
        "no",
        "sempre",
        "mai",
        "ogni",
        "altro",
        "altra",
        "altri",
        "altre",
        // question words with no topic
        "come",
        "quando",
        "dove",
        "cosa",
        "chi",
        "quale",
        "quali",
        "quanto",
        "quanta",
        "quanti",
        "quante",
        "perche", // essere, avere, stare, fare
        "essere",
        "sono",
        "sei",
        "siamo",
        "siete",
        "era",
        "erano",
        "sara",
        "stato",
        "stata",
        "stati",
        "state",
        "avere",
        "ho",
        "hai",
        "ha",
        "abbiamo",
        "avete",
        "hanno",
        "avevo",
        "aveva",
        "avuto",
        "sto",
        "stai",
        "sta",
        "stiamo",
        "stanno",
        "fare",
        "faccio",
        "fai",
        "fa",
        "facciamo",
        "fanno",
        "fatto",
        "fatta", // modal verbs
        "posso",
        "puoi",
        "puo",
        "possiamo",
        "potete",
        "possono",
        "potrei",
        "potrebbe",
        "vorrei",
        "vorremmo",
        "voglio",
        "vuoi",
        "vuole",
        "vogliamo",
        "devo",
        "devi",
        "deve",
        "dobbiamo",
        "dovete",
        "devono",
        "dovrei",
        "bisogna", // politeness and chat spellings
        "buongiorno",
        "buonasera",
        "buonanotte",
        "salve",
        "ciao",
        "grazie",
        "gentile",
        "gentili",
        "cortesia",
        "cortese",
        "cordiali",
        "saluti",
        "distinti",
        "sapere",
        "chiedere",
        "chiedo",
        "volevo",
        "volevamo",
        "informazione",
        "informazioni",
        "info",
        "nn",
        "cmq",
        "xke",
        "xche",
        "sn",
        "ke",
        "qnd",
        "pls",
        "plz",
        "tnx",
        "thx",
    ];
    const ENGLISH: &[&str] = &[
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "about",
        "into",
        "and",
        "or",
        "but",
        "if",
        "then",
        "so",
        "not",
        "no",
        "yes",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "do",
        "does",
        "did",
        "done",
        "have",
        "has",
        "had",
        "can",
        "could",
        "will",
        "would",
        "shall",
        "should",
        "may",
        "might",
        "must",
        "me",
        "my",
        "mine",
        "we",
        "our",
        "us",
        "you",
        "your",
        "he",
        "him",
        "his",
        "she",
        "her",
        "it",
        "its",
        "they",
        "them",
        "their",
        "this",
        "that",
        "these",
        "those",
        "what",
        "which",
        "who",
        "whom",
        "how",
        "when",
        "where",
        "why",
        "there",
        "here",
        "please",
        "want",
        "need",
        "get",
        "like",
        "some",
        "any",
        "im",
        "ive",
        "dont",
        "hello",
        "hi",
        "hey",
        "thanks",
        "thank",
        "good",
        "morning",
        "afternoon",
        "evening",
        "dear",
        "regards",
        "know",
        "ask",
        "asking",
        "wondering",
        "just",
    ];
    ITALIAN.iter().chain(ENGLISH).copied().collect()
});
