//! A bare cry for help: a message made only of words that call for help ("aiuto",
//! "aggiutateme pe carità", "ሓገዝ በጃኹም"), with fillers and at most an address.

use super::{Alarm, Kind, learned};
use crate::i18n::Lang;
use crate::text::lexicon::{Scan, stretched};

/// Messages made only of these words (at least one of the first group) are a bare cry for help.
#[rustfmt::skip]
const HELP_WORDS: &[&str] = &[
    "aiuto", "aiut", "ajutateme", "aiutatemi", "aiutami", "aiutateci", "aiutate", "aiutatela", "aiutatelo", "soccorso",
    "soccorsi", "sos", "help", "helpme", "mayday", "emergenza", "emergency", "urgente", "urgent",
    "pericolo", "danger", "correte", "venite", "presto", "subito", "salvatemi", "salvami", "aiuti",
    "aiutarmi", "aiutateme", "aiutame", "ajuto", "aiutatimi", "ajutatimi", "aiutamu", "curriti", "currite", "hellp", "halp", "hepl", "aiuot", "aiutu", "ajutu", "ajutor", "ndihme", "ndihm",
    "socorro", "ayuda", "ayudame", "ajuda", "secours", "aide", "aidez", "hilfe", "dopomoha",
    "pomogite", "pomogi", "pomoc", "pomocy", "pomozcie", "ratunku", "yardim", "imdad", "musaada", "najda",
    "subbito", "priesto", "aiutatece", "ajutatece", "succurso", "succursu", "succuorso",
    // Ukrainian and Russian, folded as messages are ("рятуйте" loses its breve).
    "допоможіть", "допоможить", "допоможи", "допомога", "помогите", "помоги", "помощь",
    "рятуите", "врятуите", "спасите",
    // Wolof.
    "dimbali", "dimbalil", "wallu", "wallul",
    // Friulian, Tagalog, Tamil, Georgian and Somali in Latin letters.
    "aiot", "jutimi", "tulong", "saklolo", "udhavi", "mishvelet", "caawimaad", "gargaar",
    // Sardinian, Hindi and Urdu in Latin letters, Amharic and Tigrinya.
    "aggiudu", "agiudu", "aggiudoriu", "bachaiye", "bachao", "bachaao", "ርድኡኒ", "ሓገዝ", "እርዱኝ", "ርዳታ",
    "ረድኡኒ", "ድረሱልን", "ਬਚਓ", "बचओ", "मदद", "currit", "مرسته", "کمک", "مساعدة", "مساعده", "veni", "viniti", "vinite", "vegna", "venit", "приезжайте", "приходите", "jutori", "pomozite", "pomozi", "hlep", "dimbaleleen", "помош", "помощ", "സഹയകകണ", "ሓግዙኒ", "ሓግዙና", "মদদ", "مدد", "ajutoor", "tulungan",
    "jutait", "judait", "judaitmi", "agiudaimi", "agiudu", "aiutem", "juttem", "giuteme", "iuteme", "agiutaeme", "agiutæme", "ndimbal", "3teqooni", "agiuto", "aiutoo", "aiutooo", "vegni", "vignit", "svelts", "aiuteme", "agiut", "agiutto", "agiudademi", "jutateme", "ajudaime", "ajuta",
];
#[rustfmt::skip]
const HELP_FILLER: &[&str] = &[
    "me", "mi", "ci", "vi", "prego", "per", "favore", "piacere", "please", "pls", "plz",
    "qualcuno", "someone", "somebody", "anyone", "i", "need", "ho", "bisogno", "di", "un", "una",
    "c", "e", "is", "it", "s", "an", "a", "ti", "la", "il", "l", "now", "ora", "adesso", "sono",
    "in", "siamo", "we", "are", "am", "qui", "here", "vi", "supplico", "scongiuro", "quick",
    "fast", "hurry", "questa", "this", "un", "serve", "servono", "ambulanza", "ambulance", "x",
    "va", "rog", "por", "favor", "moi", "au", "bitte", "mir", "uns", "nous", "ju", "lutem", "te",
    "mene", "vas", "prosim", "prosze", "voi", "us", "pe", "carita", "rispondete", "rispondetemi",
    "risponda", "answer", "respond", "right", "immediately", "urgently", "asap", "quickly",
    "immediatamente", "urgentemente", "veloce", "abbiamo", "have", "we", "need", "pi", "favuri",
    "favori", "piaciri", "prestu", "nn", "non", "so", "che", "cosa", "fare", "faccio", "know",
    "what", "to", "do", "mamma", "mia", "madonna", "oddio", "dio", "god", "oh", "my", "come",
    "szybko", "pf", "ve", "እባካችሁ", "እባክዎ", "እባክህ", "በጃኹም", "በጃኻ", "በጃኺ", "بسرعة", "بسرعه", "ارجوكم", "من", "فضلكم", "subbete", "subit", "no", "scusate", "scusa", "scala", "piano", "interno", "civico", "numero", "qualchedun", "quarcun", "plase", "piaxei", "fei", "koi", "hai", "jaldi", "aao", "acele", "edin", "умоляю", "кто", "нибудь", "brzo", "molim", "nam", "कर", "pregu", "prech", "facite", "ambress", "fito", "fae", "fæ", "cortexia", "prest", "fee", "piasi", "fe", "av", "preg", "prei", "vignit", "vegnì", "xfavore", "virgola", "punto", "pieta", "pietà", "leen", "ma", "po", "pannunga", "швидше", "быстрее", "скорее", "کریں", "nyo", "niyo", "ako", "mo", "par", "piase", "piaser", "plaser", "can", "could", "will", "будь", "ласка", "пожалуиста", "мені", "мне", "нам", "терміново", "срочно",
];

pub(super) fn bare_cry(scan: &Scan) -> Option<Alarm> {
    // "S.O.S." is read as three one-letter words.
    let spelt: String = scan.words.concat();
    if scan.words.len() > 1 && scan.words.iter().all(|w| w.len() == 1) && spelt == "sos" {
        return Some(Alarm {
            kind: Kind::Help,
            lang: None,
            rule: "bare cry for help",
            sure: true,
        });
    }
    let mut cry = None;
    // Words left of an address ("via manzoni 8"): its name and its number.
    let mut address = 0;
    // A house number may come before its street ("helppppp 12 via leopardi").
    let street = scan
        .words
        .iter()
        .any(|w| learned::STREET_WORDS.contains(&w.as_str()));
    for raw in &scan.words {
        // A filler is read as written ("ambress" is not "ambres"), a cry word stretched.
        if address == 0 && HELP_FILLER.contains(&raw.as_str()) {
            continue;
        }
        let w = stretched(raw, HELP_WORDS);
        let number = w.chars().all(|c| c.is_ascii_digit());
        if address > 0 {
            // "aiuto via email" asks for help by a means, not at a place; the words of a name
            // are no cry ("corso di primo soccorso"), and its number ends it.
            if address == 3 && MEANS.contains(&w.as_str()) {
                return None;
            }
            address = if number { 0 } else { address - 1 };
        } else if learned::STREET_WORDS.contains(&w.as_str()) {
            address = 3;
        } else if HELP_WORDS.contains(&w.as_str()) || dialect_help(&w) {
            cry.get_or_insert(w);
        } else if let Some(near) = help_typo(&w) {
            cry.get_or_insert(near.to_string());
        } else if !(HELP_FILLER.contains(&w.as_str()) || street && number) {
            return None;
        }
    }
    let word = cry?;
    let word = word.as_str();
    let lang = match word {
        "help" | "helpme" | "emergency" | "urgent" | "danger" | "mayday" => Some(Lang::En),
        "sos" => None,
        _ => Some(Lang::It),
    };
    Some(Alarm {
        kind: Kind::Help,
        lang,
        rule: "bare cry for help",
        sure: true,
    })
}

/// What "via" names when it means "by": "aiuto via email".
const MEANS: &[&str] = &[
    "email", "mail", "pec", "web", "internet", "whatsapp", "telegram", "app", "sms", "telefono",
    "chat", "posta",
];

/// "aiutare" said as a cry in the dialects, however it is spelt: a stem ("aiut", "ajut",
/// "agiut", "jut", "giut") and the ending of a cry ("aggiutateme", "jutatemi", "ajutu").
fn dialect_help(word: &str) -> bool {
    const STEMS: &[&str] = &["agiut", "agiud", "aiut", "ajut", "giut", "jut", "iut"];
    const ENDINGS: &[&str] = &[
        "o", "u", "ame", "ami", "amu", "ateme", "atemi", "atimi", "atime", "ateci", "atece",
        "atici", "eme", "emi", "atem", "em",
    ];
    // Doubled letters are read once: "aggiutateme" and "agiuttu" as "agiutateme" and "agiutu".
    let mut single = word.chars().collect::<Vec<_>>();
    single.dedup();
    let single: String = single.into_iter().collect();
    STEMS.iter().any(|stem| {
        single
            .strip_prefix(stem)
            .is_some_and(|ending| ENDINGS.contains(&ending))
    })
}

/// The cries a single typo still reads ("auitoo", "aiuot"): long enough that one edit
/// (a transposition counts as one), never on the first letter, leaves no other word.
const HELP_TYPO: &[&str] = &[
    "aiuto",
    "aiutami",
    "aiutatemi",
    "aiutateci",
    "soccorso",
    "emergenza",
    "emergency",
];

fn help_typo(word: &str) -> Option<&'static str> {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < 4 {
        return None;
    }
    HELP_TYPO.iter().copied().find(|target| {
        let t: Vec<char> = target.chars().collect();
        t[0] == chars[0] && crate::text::matcher::osa_distance(&chars, &t, 1) <= 1
    })
}

/// Whether a sentence only pleads ("Vi prego.", "per favore!"): after a cry, it leaves the cry
/// the last thing said.
pub(super) fn only_fillers(scan: &Scan) -> bool {
    scan.words.iter().all(|w| HELP_FILLER.contains(&w.as_str()))
}
