//! Redaction of personal data in what Sportello stores (transcripts, operator summaries), and
//! flagging of special-category data (GDPR Art. 9) so the conversation gets a shorter retention.
//!
//! Everything here is hand-rolled scanning over bytes and chars, without regular expressions:
//! every pattern is ASCII, so a span that starts and ends on ASCII bytes can never cut a UTF-8
//! character, and each scanner looks at every byte a bounded number of times, so a whole pass is
//! linear in the input. No function indexes past what it has checked: any input is safe.
//!
//! # What is redacted (the placeholder replaces the whole span)
//!
//! - **Codice fiscale**: 16 characters `LLLLLL NN L NN L NNN L`, any case, where each `N` may
//!   also be an omocodia letter (`LMNPQRSTUV`). A wrong check character still redacts (recall
//!   first); the check only sets [`Finding::verified`]. Also written in spaced groups
//!   (`RSS MRA 85T10 A562S`) when at least two real digits are present, and glued to a word
//!   (`CFRSSMRA85T10A562S`) when the check character matches.
//! - **Partita IVA**: 11 digits with a valid check digit, or `IT` + 11 digits, or 11 digits with
//!   a wrong check digit right after "partita IVA", "P.IVA", "VAT", "codice fiscale"...
//! - **IBAN**: country code + 2 check digits + BBAN of the country's registered length, compact
//!   or in groups; redacted when mod 97 is valid, or when it is Italian-shaped with 27
//!   characters (`IT` nn L nnnnn nnnnn 12×alnum) even with a wrong checksum.
//! - **Payment cards**: 13–19 digits, compact or in the usual 4-digit (or Amex 4-6-5) groups,
//!   **only when Luhn-valid**. A Luhn-invalid 16-digit number is not a card; it may still be a
//!   phone number by the phone rules below.
//! - **Tessera sanitaria / TEAM** (European health insurance card) numbers: 20 digits starting
//!   `80380` (`80` + Italy's country code 380), compact or in groups separated by spaces or
//!   dashes (`80380 00000 12345 67890`, `8038000000123456789 0`); no check digit is tested. The
//!   whole number is one finding, so no card or phone fragment of it is left. Next to a health
//!   card word ("tessera sanitaria", "TEAM", "EHIC", "health card"...) also 16–20 digits
//!   starting `80` (another country, a digit missing).
//! - **Phone numbers**: Italian mobiles (`3` + 8–9 digits), landlines (`0` + 5–10 digits, from 8
//!   digits in all, from 6 after a phone word such as "tel", "cellulare", "whatsapp"), with
//!   spaces, dots, dashes, one slash (`06/1234567`) or brackets, in groups of two or more
//!   digits: with the mobile operator prefix (`333`) whole, any grouping (`345 67 89 012`,
//!   `345.678.9012`); with the prefix split, a ten-digit mobile in groups of two to four digits
//!   with one kind of separator and a real prefix `31`–`39` (`34 56 789 012`,
//!   `34 56 78 90 12`). `+39`/`0039`, spaced or glued (`+393456789012`); any `+NN`
//!   international number of 8–15 digits; other 8–15 digit numbers after a phone word. Where
//!   one run of digit groups holds several numbers ("06 1234567 - 333 7654321"), each is found.
//! - **E-mail addresses**: every `local@domain.tld`, including the Comune's own: telling the
//!   public addresses apart would need configuration, and a stored address of the Comune loses
//!   nothing by being masked in a citizen's transcript.
//! - **Identity documents**: the Italian passport and paper identity card layout (two letters,
//!   seven digits: `YA1234567`) and driving licence layouts (`MI1234567A`; `U1` + seven letters
//!   or digits, at least three of them digits, + a letter: `U1A123456B`), as one word in any
//!   case, **everywhere**, except right after a case word ("protocollo PG0123456") or a
//!   customer, order, product or serial word ("codice cliente AX1234567"). Other 7–12
//!   character codes with at least 5 digits (`CA12345AB`, `I01234567`, or digits only), and the
//!   spaced layouts (`CA 12345 AB`, `AX 1234567`), **only near a document word** ("carta
//!   d'identità", "CIE", "passaporto", "patente", "documento", "permesso di soggiorno",
//!   "passport", "licence"...), within a few words before or after. Without that context such
//!   codes are too often product or case codes; spaced, two letters and seven digits are also
//!   an Italian word and a number ("al 1234567").
//!
//! # What is deliberately not redacted
//!
//! - Public numbers: every Italian number starting with `1` (112, 113, 115, 118, 1515, 1522,
//!   117, 1500, other short codes) or `8` (800/803 toll-free, 84x shared cost, 89x premium),
//!   also after `+39`: they belong to services, not people, and citizens need them in the
//!   transcript to understand what was said.
//! - Dates (`16/12/2026`, `16.12.2026`, `2026-12-16`), times, years, amounts (`22,21 euro`,
//!   `1.234,56 €`, anything with a decimal comma, thousands with dots, or a currency next to it),
//!   house numbers, CAP (5 digits), lists of small numbers and of equal groups counting up or
//!   down ("01 02 03 04 05", "345 346 347"), a date written with spaces before a time ("31 12
//!   2026 10 30"), and numbers right after a case word ("pratica 2026/123", "protocollo",
//!   "fascicolo", "delibera", "verbale", "fattura"...), a codice tributo ("codice tributo
//!   3918") or a cadastral reference ("foglio 12 particella 345 sub 6", "mappale")
//!   unless a phone or VAT word is also there. Case words never hide a health card number nor
//!   a number whose check digit matched, except that card-shaped numbers after "avviso",
//!   "IUV", "pagoPA" stay: 18-digit pagoPA notice codes pass Luhn one time in ten.
//! - Short codes that only look like documents: "F24", "A4", "ISEE2025", "COVID19", number
//!   plates ("AB123CD").
//! - Telegram `@usernames` (no local part): they are handles the citizen chose to show.
//! - Special-category words (health, disability, pregnancy, religion, politics, sexual
//!   orientation, ethnic origin, trade union, criminal records) are never masked: masking them
//!   would make transcripts useless to the competent office. They set
//!   [`Redacted::special_category`], which gives the conversation a shorter retention.

use std::collections::BTreeMap;

mod checks;
mod numbers;
mod special;
mod tokens;

pub use checks::{codice_fiscale_check, iban_valid, luhn_valid, partita_iva_valid};
use numbers::scan_numbers;
pub use special::is_special_category;
use tokens::scan_tokens;

/// What a finding is; decides the placeholder written in its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    FiscalCode,
    VatNumber,
    Iban,
    Phone,
    Email,
    Card,
    /// Tessera sanitaria / TEAM (European health insurance card) number.
    HealthCard,
    IdDocument,
}

impl Kind {
    /// The text stored in place of the whole span.
    pub fn placeholder(self) -> &'static str {
        match self {
            Kind::FiscalCode => "[codice fiscale]",
            Kind::VatNumber => "[partita IVA]",
            Kind::Iban => "[IBAN]",
            Kind::Phone => "[telefono]",
            Kind::Email => "[email]",
            Kind::Card => "[carta di pagamento]",
            Kind::HealthCard => "[tessera sanitaria]",
            Kind::IdDocument => "[documento]",
        }
    }
}

/// One span of personal data. `start..end` are byte offsets into the input, always on
/// character boundaries. `verified` is true only when a check digit or character confirmed the
/// span (codice fiscale, partita IVA, IBAN, card); kinds without a check are never verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub verified: bool,
}

/// The text to store, what was masked in it, and whether it touches special categories.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redacted {
    pub text: String,
    pub findings: Vec<Finding>,
    pub special_category: bool,
}

/// Masks every finding of [`find`] with its placeholder and flags special categories.
pub fn redact(text: &str) -> Redacted {
    let findings = find(text);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for f in &findings {
        // `find` only returns spans on char boundaries, in order, without overlaps.
        out.push_str(text.get(at..f.start).unwrap_or_default());
        out.push_str(f.kind.placeholder());
        at = f.end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    Redacted {
        text: out,
        findings,
        special_category: is_special_category(text),
    }
}

/// Every span of personal data in `text`: non-overlapping, sorted by start.
pub fn find(text: &str) -> Vec<Finding> {
    let mut cands = Vec::new();
    scan_emails(text, &mut cands);
    scan_tokens(text, &mut cands);
    scan_numbers(text, &mut cands);

    // When two scanners claim overlapping spans, the more specific kind wins: an e-mail address
    // may contain a fiscal code, an IBAN contains digit groups that look like a card or a phone.
    cands.sort_by_key(|c| (c.rank, c.finding.start, usize::MAX - c.finding.end));
    let mut taken: BTreeMap<usize, Finding> = BTreeMap::new();
    for c in cands {
        let f = c.finding;
        let clash = taken
            .range(..f.end)
            .next_back()
            .is_some_and(|(_, prev)| prev.end > f.start);
        if !clash
            && f.start < f.end
            && text.is_char_boundary(f.start)
            && text.is_char_boundary(f.end)
        {
            taken.insert(f.start, f);
        }
    }
    taken.into_values().collect()
}

// ---------------------------------------------------------------------------------------------
// Shared scanning helpers
// ---------------------------------------------------------------------------------------------

struct Cand {
    finding: Finding,
    rank: u8,
}

fn push(out: &mut Vec<Cand>, kind: Kind, start: usize, end: usize, verified: bool) {
    // Lower rank wins overlaps; verified findings beat guesses from context.
    let rank = match (kind, verified) {
        (Kind::Email, _) => 0,
        (Kind::Iban, _) => 1,
        (Kind::FiscalCode, _) => 2,
        (Kind::Card, _) => 3,
        (Kind::HealthCard, _) => 4,
        (Kind::VatNumber, true) => 5,
        (Kind::Phone, _) => 6,
        (Kind::IdDocument, _) => 7,
        (Kind::VatNumber, false) => 8,
    };
    out.push(Cand {
        finding: Finding {
            kind,
            start,
            end,
            verified,
        },
        rank,
    });
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// No letter or digit (in any script) right before `pos`: "èRSSMRA..." is not a code.
fn boundary_before(text: &str, pos: usize) -> bool {
    !text
        .get(..pos)
        .and_then(|s| s.chars().next_back())
        .is_some_and(is_word_char)
}

fn boundary_after(text: &str, pos: usize) -> bool {
    !text
        .get(pos..)
        .and_then(|s| s.chars().next())
        .is_some_and(is_word_char)
}

/// Byte length of a space-like separator at `pos`: space, no-break space, narrow no-break
/// space, thin space (what phones and word processors put between digit groups).
fn space_len(b: &[u8], pos: usize) -> Option<usize> {
    let rest = b.get(pos..)?;
    if rest.starts_with(b" ") {
        Some(1)
    } else if rest.starts_with("\u{a0}".as_bytes()) {
        Some(2)
    } else if rest.starts_with("\u{202f}".as_bytes()) || rest.starts_with("\u{2009}".as_bytes()) {
        Some(3)
    } else {
        None
    }
}

/// Start of a window of about `width` bytes before `pos`, on a char boundary.
fn back(text: &str, pos: usize, width: usize) -> usize {
    let mut s = pos.saturating_sub(width);
    while s < pos && !text.is_char_boundary(s) {
        s += 1;
    }
    s
}

/// End of a window of about `width` bytes after `pos`, on a char boundary.
fn ahead(text: &str, pos: usize, width: usize) -> usize {
    let mut e = pos.saturating_add(width).min(text.len());
    while e > pos && !text.is_char_boundary(e) {
        e -= 1;
    }
    e
}

/// A list of context words (ASCII lowercase, or a currency sign). A word starting with a
/// letter must start a word of the text; one ending with a letter must end one, unless it
/// ends with `*` (a prefix: "document*" is documento, documenti). `firsts` marks the bytes a
/// word can start with, in both cases, so most positions of a window are skipped at once.
struct Needles {
    words: &'static [&'static str],
    firsts: [bool; 256],
}

impl Needles {
    const fn new(words: &'static [&'static str]) -> Self {
        let mut firsts = [false; 256];
        let mut i = 0;
        while i < words.len() {
            let w = words[i].as_bytes();
            if !w.is_empty() {
                firsts[w[0] as usize] = true;
                firsts[w[0].to_ascii_uppercase() as usize] = true;
            }
            i += 1;
        }
        Needles { words, firsts }
    }
}

/// Whether `text[from..to]` mentions one of `needles`, ignoring ASCII case. Windows are a few
/// dozen bytes, so this is constant time per call.
fn mentions(text: &str, from: usize, to: usize, needles: &Needles) -> bool {
    let Some(hay) = text.as_bytes().get(from..to) else {
        return false;
    };
    (0..hay.len()).any(|i| {
        let x = hay[i];
        if !needles.firsts[usize::from(x)]
            || (x.is_ascii_alphanumeric()
                && ((i > 0 && hay[i - 1].is_ascii_alphanumeric())
                    || !boundary_before(text, from + i)))
        {
            return false;
        }
        let rest = &hay[i..];
        needles.words.iter().any(|needle| {
            let (word, prefix) = match needle.strip_suffix('*') {
                Some(w) => (w.as_bytes(), true),
                None => (needle.as_bytes(), false),
            };
            let Some(&last) = word.last() else {
                return false;
            };
            rest.get(..word.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(word))
                && (prefix
                    || !last.is_ascii_alphanumeric()
                    || boundary_after(text, from + i + word.len()))
        })
    })
}

#[rustfmt::skip]
static PHONE_WORDS: Needles = Needles::new(&[
    "tel", "telefon*", "cell", "cellulare", "cel", "mobile", "phone*", "whatsapp", "whats app",
    "fax", "chiamami", "chiamatemi", "chiamate", "chiamare", "chiamarmi", "chiamarci", "richiam*",
    "call", "calling", "sms", "recapit*", "contatt*", "mio numero", "my number", "numero di cell*",
]);
#[rustfmt::skip]
static VAT_WORDS: Needles = Needles::new(&[
    "partita iva", "p.iva", "p. iva", "p.i.", "piva", "p iva", "vat", "codice fiscale", "cod. fisc",
    "c.f.", "cf", "fiscal code", "tax code", "tax id",
]);
#[rustfmt::skip]
static ID_WORDS: Needles = Needles::new(&[
    "identit*", "cie", "c.i.", "passaport*", "passport*", "patent*", "document*", "licence",
    "license", "permesso di soggiorno", "carta di soggiorno", "residence permit", "id card",
]);
#[rustfmt::skip]
static CASE_WORDS: Needles = Needles::new(&[
    "pratic*", "protocoll*", "prot", "fascicol*", "determina", "determinazione", "deliber*",
    "ordinanz*", "verbal*", "rif", "riferimento", "istanz*", "segnalazion*", "ticket", "reference",
    "ref", "case number", "avviso", "iuv", "pagopa", "bollettino", "fattura", "ricevuta", "invoice",
    "tributo", "catast*", "foglio", "fg", "particell*", "part", "mappal*", "subaltern*", "sub",
]);
/// Words that say an alphanumeric code is a customer, product or shipment code: they keep the
/// passport and driving licence shapes, which are redacted without a document word, as written.
#[rustfmt::skip]
static CODE_WORDS: Needles = Needles::new(&[
    "client*", "customer*", "ordin*", "order*", "prodott*", "product*", "articol*", "matricol*",
    "serial*", "modell*", "model*", "contator*", "utenz*", "tracking", "spedizion*",
]);
#[rustfmt::skip]
static HEALTH_CARD_WORDS: Needles = Needles::new(&[
    "tessera sanitari*", "tessera europea", "team", "ehic", "health card", "health insurance card",
    "carta sanitaria",
]);
static NOTICE_WORDS: Needles = Needles::new(&["avviso", "iuv", "pagopa", "bollettino"]);
static CURRENCY_BEFORE: Needles = Needles::new(&["€", "$", "£", "eur*", "chf", "usd"]);
#[rustfmt::skip]
static CURRENCY_AFTER: Needles = Needles::new(&[
    "€", "$", "£", "eur*", "cent*", "mila", "milion*", "miliard*", "chf", "usd",
]);

fn amount_context(text: &str, start: usize, end: usize) -> bool {
    mentions(text, back(text, start, 8), start, &CURRENCY_BEFORE)
        || mentions(text, end, ahead(text, end, 12), &CURRENCY_AFTER)
}

fn case_context(text: &str, start: usize) -> bool {
    mentions(text, back(text, start, 24), start, &CASE_WORDS)
}

// ---------------------------------------------------------------------------------------------
// E-mail addresses
// ---------------------------------------------------------------------------------------------

fn scan_emails(text: &str, out: &mut Vec<Cand>) {
    let b = text.as_bytes();
    let is_local =
        |x: u8| x.is_ascii_alphanumeric() || matches!(x, b'.' | b'_' | b'%' | b'+' | b'-');
    // Each scan stops at the next or previous '@', so every byte is visited at most twice.
    for (at, _) in b.iter().enumerate().filter(|&(_, &x)| x == b'@') {
        let mut start = at;
        while start > 0 && is_local(b[start - 1]) {
            start -= 1;
        }
        while start < at && b[start] == b'.' {
            start += 1;
        }
        if start == at {
            continue;
        }
        let Some(rest) = text.get(at + 1..) else {
            continue;
        };
        let mut end = at + 1;
        for (i, c) in rest.char_indices() {
            if !(c.is_alphanumeric() || c == '-' || c == '.') {
                break;
            }
            // Two dots end the domain: "mario@x.it..." stops before the first one.
            if c == '.' && rest[..i].ends_with('.') {
                end = at + i;
                break;
            }
            end = at + 1 + i + c.len_utf8();
        }
        let Some(domain) = text.get(at + 1..end) else {
            continue;
        };
        let domain = domain.trim_end_matches(['.', '-']);
        let Some((name, tld)) = domain.rsplit_once('.') else {
            continue;
        };
        if name.is_empty()
            || name.starts_with(['.', '-'])
            || tld.chars().count() < 2
            || !tld.chars().all(char::is_alphabetic)
        {
            continue;
        }
        push(out, Kind::Email, start, at + 1 + domain.len(), false);
    }
}

#[cfg(test)]
mod tests {
    use super::numbers::{Group, Sep, counts_along, split_mobile};
    use super::tokens::italian_document_shaped;
    use super::*;

    /// Builds a codice fiscale from its first 15 characters with an independent implementation
    /// of the check (the ministry's tables spelled out), so the tests do not trust the code
    /// they test.
    fn with_check(first15: &str) -> String {
        let odd = |c: char| -> u32 {
            let table = "BAKPLCQDREVOSFTGUHMINJWZYX";
            // In odd positions digits count like the letter with the same index.
            let c = c.to_digit(10).map_or(c, |d| (b'A' + d as u8) as char);
            // table[v] is the letter whose odd-position value is v.
            table.find(c).unwrap() as u32
        };
        let even = |c: char| c.to_digit(10).unwrap_or_else(|| c as u32 - 'A' as u32);
        let sum: u32 = first15
            .chars()
            .enumerate()
            .map(|(i, c)| if i % 2 == 0 { odd(c) } else { even(c) })
            .sum();
        format!("{first15}{}", (b'A' + (sum % 26) as u8) as char)
    }

    #[test]
    fn a_known_codice_fiscale_has_the_right_check_character() {
        assert_eq!(with_check("RSSMRA85T10A562"), "RSSMRA85T10A562S");
        assert_eq!(codice_fiscale_check("RSSMRA85T10A562S"), Some(true));
        assert_eq!(codice_fiscale_check("rssmra85t10a562s"), Some(true));
        assert_eq!(codice_fiscale_check("BNCGVN70A41H501L"), Some(true));
        assert_eq!(codice_fiscale_check("RSS MRA 85T10 A562S"), Some(true));
    }

    #[test]
    fn a_wrong_check_character_is_still_shaped_like_a_codice_fiscale() {
        assert_eq!(codice_fiscale_check("RSSMRA85T10A562X"), Some(false));
    }

    #[test]
    fn omocodia_letters_count_as_digits_and_enter_the_check() {
        let omocodic = with_check("RSSMRA85T10A56N");
        assert_eq!(omocodic, "RSSMRA85T10A56NH");
        assert_eq!(codice_fiscale_check(&omocodic), Some(true));
        let fully = with_check("RSSMRAURTMLASRN");
        assert_eq!(codice_fiscale_check(&fully), Some(true));
        assert_eq!(codice_fiscale_check("RSSMRA85T10A56NS"), Some(false));
    }

    #[test]
    fn strings_not_shaped_like_a_codice_fiscale_give_none() {
        for s in [
            "",
            "RSSMRA85T10A562",
            "RSSMRA85T10A562SS",
            "RSSMRA85Z10A562S", // Z is no month
            "RSSMR485T10A562S",
            "RSSMRA85T10A5A2S", // A is no omocodia letter
            "RSSMRA85T10A562à",
        ] {
            assert_eq!(codice_fiscale_check(s), None, "{s}");
        }
    }

    #[test]
    fn partite_iva_with_the_right_check_digit_are_valid() {
        // Check digits computed by hand: odd positions summed, even ones doubled (minus 9).
        for p in [
            "01234567897",
            "12345678903",
            "07654321095",
            "IT01234567897",
            "0123 4567 897",
        ] {
            assert!(partita_iva_valid(p), "{p}");
        }
        for p in [
            "01234567890",
            "1234567890",
            "012345678977",
            "00000000000",
            "0123456789A",
        ] {
            assert!(!partita_iva_valid(p), "{p}");
        }
    }

    #[test]
    fn ibans_are_checked_with_mod_97_and_the_country_length() {
        for iban in [
            "IT60X0542811101000000123456",
            "IT60 X054 2811 1010 0000 0123 456",
            "IT60-X054-2811-1010-0000-0123-456",
            "it60x0542811101000000123456",
            "IT29A0306909606100000063451",
            "GB82WEST12345698765432",
            "DE89370400440532013000",
            "FR1420041010050500013M02606",
            "ES9121000418450200051332",
            "CH9300762011623852957",
            "NO9386011117947",
        ] {
            assert!(iban_valid(iban), "{iban}");
        }
        for iban in [
            "IT61X0542811101000000123456", // wrong check digits
            "IT60X054281110100000012345",  // one character short
            "DE12345678901234567890",      // wrong checksum
            "ZZ60X0542811101000000123456", // no such country
            "IT60/X054/2811/1010/0000/0123/456",
            "",
        ] {
            assert!(!iban_valid(iban), "{iban}");
        }
    }

    #[test]
    fn luhn_accepts_test_card_numbers_and_rejects_one_digit_off() {
        for c in [
            "4111111111111111",
            "4111 1111 1111 1111",
            "5500-0000-0000-0004",
            "378282246310005",
        ] {
            assert!(luhn_valid(c), "{c}");
        }
        for c in ["4111111111111112", "", "7", "4111x111111111111"] {
            assert!(!luhn_valid(c), "{c}");
        }
    }

    #[test]
    fn italian_document_layouts_are_told_from_other_short_codes() {
        for code in [
            "YA1234567",
            "ya1234567",
            "MI1234567A",
            "U1A123456B",
            "u1a123456b",
            "U15R78654W",
            "U1AB12C34D",
        ] {
            assert!(italian_document_shaped(code.as_bytes()), "{code}");
        }
        for code in [
            "F24",
            "A4",
            "ISEE2025",
            "COVID19",
            "AB123CD",
            "CA12345AB",
            "YA123456",
            "YA12345678",
            "Y12345678",
            "1A1234567",
            "MI1234567AB",
            "U1ABCDEFGH",
            "U1AB1CD2EF",
            "U1A1234567",
            "",
        ] {
            assert!(!italian_document_shaped(code.as_bytes()), "{code}");
        }
    }

    /// Groups of the given lengths over a digit string written without separators.
    fn groups_of(lens: &[usize]) -> Vec<Group> {
        let mut at = 0;
        lens.iter()
            .map(|&l| {
                at += l;
                Group {
                    start: at - l,
                    end: at,
                }
            })
            .collect()
    }

    #[test]
    fn equal_groups_counting_up_or_down_are_a_list() {
        for (d, lens) in [
            ("0102030405", &[2, 2, 2, 2, 2][..]),
            ("3132333435", &[2, 2, 2, 2, 2]),
            ("345346347", &[3, 3, 3]),
            ("908070", &[2, 2, 2]),
        ] {
            assert!(counts_along(d.as_bytes(), &groups_of(lens)), "{d}");
        }
        for (d, lens) in [
            ("3456789012", &[2, 2, 2, 2, 2][..]),
            ("0612345678", &[2, 2, 2, 2, 2]),
            ("333333333", &[3, 3, 3]),
            ("345346", &[3, 3]),
            ("34563457", &[4, 4]),
            ("3453463471", &[3, 3, 4]),
        ] {
            assert!(!counts_along(d.as_bytes(), &groups_of(lens)), "{d}");
        }
    }

    #[test]
    fn a_split_operator_prefix_needs_ten_digits_one_separator_and_no_date() {
        let space = Sep {
            space: true,
            punct: 0,
        };
        let dot = Sep {
            space: false,
            punct: b'.',
        };
        let slash = Sep {
            space: false,
            punct: b'/',
        };
        let split = |d: &str, lens: &[usize], seps: &[Sep]| {
            split_mobile(d.as_bytes(), &groups_of(lens), seps)
        };
        assert!(split("3456789012", &[2, 2, 3, 3], &[space; 3]));
        assert!(split("3456789012", &[2, 2, 2, 2, 2], &[dot; 4]));
        assert!(split("3456789012", &[2, 4, 4], &[space; 2]));
        // Mixed separators, a slash, 30x (no operator), nine digits, a long group, a date.
        assert!(!split("3456789012", &[2, 2, 3, 3], &[space, dot, space]));
        assert!(!split("3456789012", &[2, 4, 4], &[slash; 2]));
        assert!(!split("3056789012", &[2, 2, 3, 3], &[space; 3]));
        assert!(!split("345678901", &[2, 2, 2, 3], &[space; 3]));
        assert!(!split("3456789012", &[2, 8], &[space]));
        assert!(!split("3112202610", &[2, 2, 4, 2], &[space; 3]));
    }

    #[test]
    fn a_team_number_hiding_a_luhn_valid_card_is_one_health_card_finding() {
        // The first 19 digits pass Luhn: the whole 20 must still be one finding.
        assert!(luhn_valid("8038000000123456701"));
        let text = "TEAM: 8038000000123456701 9.";
        let found = find(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].kind, Kind::HealthCard);
        assert!(!found[0].verified);
        assert_eq!(&text[found[0].start..found[0].end], "8038000000123456701 9");
        assert_eq!(redact(text).text, "TEAM: [tessera sanitaria].");
    }

    #[test]
    fn every_finding_lies_on_char_boundaries_around_accents_and_emoji() {
        let text = "è😀RSSMRA85T10A562S😀 à 333 1234567é mario@comunè.it ü";
        let r = redact(text);
        for f in &r.findings {
            assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        }
        assert_eq!(r.findings.len(), 2, "{r:?}");
        assert_eq!(r.text, "è😀[codice fiscale]😀 à 333 1234567é [email] ü");
    }
}
