//! Special categories (GDPR Art. 9, and criminal records, Art. 10): the words that shorten a
//! conversation's retention.

use std::sync::OnceLock;

/// Words and phrases that reveal special-category data, folded (lowercase, no accents).
/// Words are separated by spaces; a trailing `*` matches any ending, for Italian inflection.
/// Prefixes are chosen so they do not catch neighbours: "autism*" not "autis*" (autista),
/// "tumor*" (never rumore), "invalidit*" and "invalid* civil*" but not "invalid" (English).
#[rustfmt::skip]
pub(super) const SPECIAL_TERMS: &[&str] = &[
    // health
    "malat*", "ammalat*", "diagnos*", "tumor*", "cancr*", "cancer*", "oncolog*", "leucemi*",
    "chemio*", "chemotherap*", "radioterap*", "diabet*", "hiv", "aids", "sieropositiv*",
    "psichiatr*", "psicolog*", "psicoterap*", "psychiatr*", "psycholog*", "depress*", "anoressi*",
    "bulimi*", "autism*", "autistic*", "alzheimer*", "demenz*", "dementia", "parkinson*",
    "sclerosi", "epiless*", "epilett*", "epilep*", "dialisi", "dialysis", "ricoverat*",
    "hospitalised", "hospitalized", "covid*", "tossicodipendent*", "tossicodipendenz*", "alcolist*",
    "alcolism*", "addiction", "illness*", "disease*", "sick", "salute mentale", "mental health",
    "sindrome*", "syndrome*", "disturbo mentale", "genetic*", "dna",
    // disability
    "disabile", "disabili", "disabilita", "disability", "disabilities", "disabled", "handicap*",
    "invalidit*", "invalid* civil*", "legge 104", "l 104", "la 104", "permess* 104", "104 92",
    "non vedent*", "ipovedent*", "non udent*", "sordit*", "sordomut*", "sordo", "sorda", "sordi",
    "sorde", "cieco", "cieca", "ciechi", "cieche", "deaf", "blind", "wheelchair*",
    "sedia a rotelle", "indennita di accompagnamento",
    // pregnancy
    "gravidanz*", "incint*", "gestant*", "aborto", "abortion", "ivg", "pregnan*",
    // religion and belief
    "religion*", "religios*", "musulman*", "islam*", "muslim*", "ebre*", "ebraic*", "jewish",
    "judaism", "buddist*", "buddhist*", "induist*", "hindu*", "sikh", "testimon* di geova", "geova",
    "ateo", "atea", "atei", "atheist*", "moschea", "mosque", "sinagoga", "synagogue",
    // political opinions
    "partit* politic*", "opinion* politic*", "orientament* politic*", "idee politiche",
    "political party", "political parties", "political opinion*", "political view*",
    "tessera del partito", "iscritt* al partito",
    // sexual orientation and sex life
    "orientament* sessual*", "sexual orientation", "vita sessual*", "sex life", "omosessual*",
    "eterosessual*", "bisessual*", "homosexual*", "bisexual*", "gay", "lesbic*", "lesbian*",
    "transgender*", "transessual*", "lgbt*", "queer", "union* civil*", "civil union*",
    "stesso sesso", "same sex",
    // ethnic origin
    "etni*", "ethnic*", "razzial*", "racial*", "rom", "sinti",
    // trade union
    "sindacat*", "sindacal*", "trade union*", "labour union*", "labor union*", "cgil", "cisl",
    "uil",
    // criminal records (Art. 10)
    "condann*", "casellario", "precedent* penal*", "carich* pendent*", "fedina penale",
    "pregiudicat*", "detenut*", "carcer*", "arresti domiciliari", "criminal record*", "convicted",
    "conviction*", "prison*", "jail*", "imprisoned",
];

/// One term of [`SPECIAL_TERMS`]: its words, each with whether it is a prefix.
type Term = Vec<(&'static str, bool)>;

/// Slot of a folded word's first two bytes in the term index: letters and digits have their
/// own, everything else shares one, and a one-letter word has "nothing" as second byte.
pub(super) fn slot(word: &[u8]) -> usize {
    let class = |x: Option<&u8>| match x {
        Some(&x @ b'a'..=b'z') => usize::from(x - b'a'),
        Some(&x @ b'0'..=b'9') => 26 + usize::from(x - b'0'),
        Some(_) => 36,
        None => 37,
    };
    class(word.first()) * 38 + class(word.get(1))
}

/// Terms bucketed by the first two bytes of their first word, so each word of the text is
/// compared with one or two terms instead of the whole list.
pub(super) fn special_index() -> &'static [Vec<Term>] {
    static INDEX: OnceLock<Vec<Vec<Term>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut buckets = vec![Vec::new(); 38 * 38];
        for term in SPECIAL_TERMS {
            let words: Term = term
                .split(' ')
                .map(|w| match w.strip_suffix('*') {
                    Some(p) => (p, true),
                    None => (w, false),
                })
                .collect();
            // Every first word has two or more bytes, or is a whole one-letter word ("l 104"),
            // so the first two bytes of a matching word are always the term's own.
            if let Some((first, _)) = words.first() {
                buckets[slot(first.as_bytes())].push(words);
            }
        }
        buckets
    })
}

/// Whether `text` mentions health, disability, pregnancy, religion, political opinions,
/// sexual orientation, ethnic origin, trade union membership or criminal records. Whole words
/// only: "tumore" flags, "rumore" does not; "HIV" flags, "archivio" does not.
pub fn is_special_category(text: &str) -> bool {
    // Folded as the router folds ("DISABILITÀ" and "disabilita" alike), word by word.
    let folded = crate::text::matcher::fold(text);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let index = special_index();
    let word = |k: usize| words.get(k).copied();
    (0..words.len()).any(|k| {
        let Some(w) = word(k).map(str::as_bytes) else {
            return false;
        };
        index[slot(w)].iter().any(|term| {
            term.iter().enumerate().all(|(o, &(pat, prefix))| {
                word(k + o).is_some_and(|w| if prefix { w.starts_with(pat) } else { w == pat })
            })
        })
    })
}
