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
use std::sync::OnceLock;

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
// Check algorithms
// ---------------------------------------------------------------------------------------------

/// Values of characters in odd positions (1st, 3rd, ...) for the codice fiscale check,
/// indexed by digit value or letter index (A=0): the Ministry's table.
const CF_ODD: [u32; 26] = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];
/// Omocodia replaces digits 0–9 with these letters when two people would share a code.
const OMOCODIA: &[u8] = b"LMNPQRSTUV";
/// Birth-month letters, January to December.
const MONTHS: &[u8] = b"ABCDEHLMPRST";

fn cf_shaped(c: &[u8; 16]) -> bool {
    let letter = |x: u8| x.is_ascii_uppercase();
    let num = |x: u8| x.is_ascii_digit() || OMOCODIA.contains(&x);
    c[..6].iter().all(|&x| letter(x))
        && num(c[6])
        && num(c[7])
        && MONTHS.contains(&c[8])
        && num(c[9])
        && num(c[10])
        && letter(c[11])
        && c[12..15].iter().all(|&x| num(x))
        && letter(c[15])
}

fn cf_check_char(c: &[u8; 16]) -> u8 {
    let sum: u32 = c[..15]
        .iter()
        .enumerate()
        .map(|(i, &x)| {
            let v = if x.is_ascii_digit() {
                x - b'0'
            } else {
                x.wrapping_sub(b'A')
            } as usize;
            if i % 2 == 0 {
                CF_ODD.get(v).copied().unwrap_or(0)
            } else {
                v as u32
            }
        })
        .sum();
    b'A' + (sum % 26) as u8
}

/// Whether `s` could be the first characters of a codice fiscale; saves joining most words.
fn cf_prefix_shaped(s: &[u8]) -> bool {
    s.iter().enumerate().all(|(i, &x)| {
        let x = x.to_ascii_uppercase();
        match i {
            0..=5 | 11 | 15 => x.is_ascii_uppercase(),
            8 => MONTHS.contains(&x),
            _ => x.is_ascii_digit() || OMOCODIA.contains(&x),
        }
    })
}

/// Uppercased code if `s` (spaces ignored) is 16 ASCII characters shaped like a codice fiscale.
fn cf_normalise(s: &[u8]) -> Option<[u8; 16]> {
    let mut c = [0u8; 16];
    let mut n = 0;
    for &x in s {
        if x == b' ' {
            continue;
        }
        *c.get_mut(n)? = x.to_ascii_uppercase();
        n += 1;
    }
    (n == 16 && cf_shaped(&c)).then_some(c)
}

/// `None` if `cf` is not shaped like a codice fiscale (omocodia letters allowed in the digit
/// positions, spaces ignored, any case); otherwise whether its check character is right.
pub fn codice_fiscale_check(cf: &str) -> Option<bool> {
    let c = cf_normalise(cf.as_bytes())?;
    Some(cf_check_char(&c) == c[15])
}

/// Luhn over the digits of `digits`; spaces and dashes are ignored, anything else fails.
pub fn luhn_valid(digits: &str) -> bool {
    let mut sum = 0u32;
    let mut n = 0usize;
    for &x in digits.as_bytes().iter().rev() {
        match x {
            b' ' | b'-' => continue,
            b'0'..=b'9' => {
                let mut d = u32::from(x - b'0');
                if n % 2 == 1 {
                    d *= 2;
                    if d > 9 {
                        d -= 9;
                    }
                }
                sum += d;
                n += 1;
            }
            _ => return false,
        }
    }
    n >= 2 && sum.is_multiple_of(10)
}

/// An Italian partita IVA: 11 digits (optionally after `IT`, spaces ignored) whose last digit
/// is the check digit. The check is Luhn over 11 digits; all zeros is not a number.
pub fn partita_iva_valid(p: &str) -> bool {
    let compact: Vec<u8> = p.bytes().filter(|&x| x != b' ').collect();
    let digits = match compact.get(..2) {
        Some(prefix) if prefix.eq_ignore_ascii_case(b"IT") => &compact[2..],
        _ => &compact[..],
    };
    digits.len() == 11 && digits.iter().all(u8::is_ascii_digit) && piva_digits_valid(digits)
}

fn piva_digits_valid(d: &[u8]) -> bool {
    d.len() == 11 && d.iter().any(|&x| x != b'0') && luhn_bytes(d)
}

fn luhn_bytes(d: &[u8]) -> bool {
    let sum: u32 = d
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &x)| {
            let v = u32::from(x.wrapping_sub(b'0'));
            match (i % 2 == 1, v * 2) {
                (false, _) => v,
                (true, w) if w > 9 => w - 9,
                (true, w) => w,
            }
        })
        .sum();
    d.len() >= 2 && sum.is_multiple_of(10)
}

/// Registered IBAN lengths (SWIFT IBAN registry). Only these countries are recognised in
/// text: a mod-97 match on an unknown country code would be a 1-in-97 false positive.
#[rustfmt::skip]
const IBAN_LENGTHS: &[(&[u8; 2], usize)] = &[
    (b"AD", 24), (b"AE", 23), (b"AL", 28), (b"AT", 20), (b"AZ", 28), (b"BA", 20), (b"BE", 16),
    (b"BG", 22), (b"BH", 22), (b"BI", 27), (b"BR", 29), (b"BY", 28), (b"CH", 21), (b"CR", 22),
    (b"CY", 28), (b"CZ", 24), (b"DE", 22), (b"DJ", 27), (b"DK", 18), (b"DO", 28), (b"EE", 20),
    (b"EG", 29), (b"ES", 24), (b"FI", 18), (b"FK", 18), (b"FO", 18), (b"FR", 27), (b"GB", 22),
    (b"GE", 22), (b"GI", 23), (b"GL", 18), (b"GR", 27), (b"GT", 28), (b"HN", 28), (b"HR", 21),
    (b"HU", 28), (b"IE", 22), (b"IL", 23), (b"IQ", 23), (b"IS", 26), (b"IT", 27), (b"JO", 30),
    (b"KW", 30), (b"KZ", 20), (b"LB", 28), (b"LC", 32), (b"LI", 21), (b"LT", 20), (b"LU", 20),
    (b"LV", 21), (b"LY", 25), (b"MC", 27), (b"MD", 24), (b"ME", 22), (b"MK", 19), (b"MN", 20),
    (b"MR", 27), (b"MT", 31), (b"MU", 30), (b"NI", 28), (b"NL", 18), (b"NO", 15), (b"OM", 23),
    (b"PK", 24), (b"PL", 28), (b"PS", 29), (b"PT", 25), (b"QA", 29), (b"RO", 24), (b"RS", 22),
    (b"RU", 33), (b"SA", 24), (b"SC", 31), (b"SD", 18), (b"SE", 24), (b"SI", 19), (b"SK", 24),
    (b"SM", 27), (b"SO", 23), (b"ST", 25), (b"SV", 28), (b"TL", 23), (b"TN", 24), (b"TR", 26),
    (b"UA", 29), (b"VA", 22), (b"VG", 24), (b"XK", 20), (b"YE", 30),
];

fn iban_length(country: &[u8]) -> Option<usize> {
    IBAN_LENGTHS
        .iter()
        .find(|(cc, _)| cc.as_slice() == country)
        .map(|&(_, len)| len)
}

/// ISO 7064 mod 97-10 over an uppercase compact IBAN: first four characters moved to the end,
/// letters as 10..35, remainder 1.
fn iban_mod97(c: &[u8]) -> bool {
    if c.len() < 5 {
        return false;
    }
    let mut rem = 0u32;
    for &x in c[4..].iter().chain(&c[..4]) {
        rem = match x {
            b'0'..=b'9' => (rem * 10 + u32::from(x - b'0')) % 97,
            b'A'..=b'Z' => (rem * 100 + u32::from(x - b'A') + 10) % 97,
            _ => return false,
        };
    }
    rem == 1
}

/// Country letters, two check digits, alphanumeric BBAN, registered length.
fn iban_shaped(c: &[u8]) -> bool {
    c.len() >= 5
        && c[..2].iter().all(u8::is_ascii_uppercase)
        && c[2..4].iter().all(u8::is_ascii_digit)
        && c.iter()
            .all(|x| x.is_ascii_uppercase() || x.is_ascii_digit())
        && iban_length(&c[..2]) == Some(c.len())
}

/// Italian layout: IT, 2 check digits, CIN letter, ABI and CAB (5 digits each), 12-character
/// account number.
fn italian_iban_shaped(c: &[u8]) -> bool {
    c.len() == 27
        && c.starts_with(b"IT")
        && c[2..4].iter().all(u8::is_ascii_digit)
        && c[4].is_ascii_uppercase()
        && c[5..15].iter().all(u8::is_ascii_digit)
        && c[15..]
            .iter()
            .all(|x| x.is_ascii_uppercase() || x.is_ascii_digit())
}

/// A valid IBAN of a registered country: right length, mod 97. Spaces and dashes between
/// groups are allowed, as in text; any case.
pub fn iban_valid(iban: &str) -> bool {
    let mut c = Vec::with_capacity(34);
    for x in iban.bytes() {
        match x {
            b' ' | b'-' => {}
            x if x.is_ascii_alphanumeric() && c.len() < 34 => c.push(x.to_ascii_uppercase()),
            _ => return false,
        }
    }
    iban_shaped(&c) && iban_mod97(&c)
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

// ---------------------------------------------------------------------------------------------
// Alphanumeric tokens: codice fiscale, IBAN, IT + partita IVA, identity documents
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy)]
struct Token {
    start: usize,
    end: usize,
    ascii: bool,
}

/// Maximal runs of letters and digits (any script); only all-ASCII ones can be codes.
fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut cur: Option<Token> = None;
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            let t = cur.get_or_insert(Token {
                start: i,
                end: i,
                ascii: true,
            });
            t.end = i + c.len_utf8();
            t.ascii &= c.is_ascii();
        } else if let Some(t) = cur.take() {
            out.push(t);
        }
    }
    out.extend(cur);
    out
}

/// Tokens `a` and `b` are parts of one code written in groups: one space or one dash between.
fn joined(text: &str, a: &Token, b: &Token) -> bool {
    let gap = text.as_bytes().get(a.end..b.start).unwrap_or_default();
    gap == b"-" || (!gap.is_empty() && space_len(gap, 0) == Some(gap.len()))
}

/// Most tokens a code is written in: an IBAN in groups of four has at most nine.
const MAX_PARTS: usize = 12;

/// Tokens from `k` concatenated while they are joined, ASCII and fit in `N` bytes, uppercased,
/// with (length so far, end byte) after each token. No allocation: this runs for many words.
struct Joined<const N: usize> {
    buf: [u8; N],
    len: usize,
    cuts: [(usize, usize); MAX_PARTS],
    parts: usize,
}

impl<const N: usize> Joined<N> {
    fn cuts(&self) -> &[(usize, usize)] {
        &self.cuts[..self.parts]
    }
}

fn join_tokens<const N: usize>(text: &str, toks: &[Token], k: usize) -> Joined<N> {
    let b = text.as_bytes();
    let mut j = Joined {
        buf: [0; N],
        len: 0,
        cuts: [(0, 0); MAX_PARTS],
        parts: 0,
    };
    for (u, t) in toks.iter().enumerate().skip(k).take(MAX_PARTS) {
        if !t.ascii || (u > k && !joined(text, &toks[u - 1], t)) {
            break;
        }
        let part = b.get(t.start..t.end).unwrap_or_default();
        if j.len + part.len() > N {
            break;
        }
        for (slot, x) in j.buf[j.len..].iter_mut().zip(part) {
            *slot = x.to_ascii_uppercase();
        }
        j.len += part.len();
        j.cuts[j.parts] = (j.len, t.end);
        j.parts += 1;
    }
    j
}

fn scan_tokens(text: &str, out: &mut Vec<Cand>) {
    let b = text.as_bytes();
    let toks = tokens(text);
    for (k, t) in toks.iter().enumerate() {
        if !t.ascii {
            continue;
        }
        let s = b.get(t.start..t.end).unwrap_or_default();
        let starts_with_letters =
            |n: usize| s.len() >= n && s[..n].iter().all(u8::is_ascii_alphabetic);

        if s.len() == 16 {
            if let Some(c) = cf_normalise(s) {
                let verified = cf_check_char(&c) == c[15];
                // A 16-letter word can be shaped like an omocodic code; real codes have digits.
                if verified || s.iter().any(u8::is_ascii_digit) {
                    push(out, Kind::FiscalCode, t.start, t.end, verified);
                }
            }
        } else if s.len() < 16 && starts_with_letters(3) && cf_prefix_shaped(s) {
            spaced_fiscal_code(text, &toks, k, out);
        } else if (17..=24).contains(&s.len()) {
            // "CFRSSMRA85T10A562S", "RSSMRA85T10A562Sgrazie": glued to a word. Only a matching
            // check character tells a code from a long word here.
            let ends = [(t.start, t.start + 16), (t.end - 16, t.end)];
            for (a, e) in ends {
                let part = b.get(a..e).unwrap_or_default();
                if cf_normalise(part).is_some_and(|c| cf_check_char(&c) == c[15]) {
                    push(out, Kind::FiscalCode, a, e, true);
                    break;
                }
            }
        }

        if s.len() == 13
            && s[..2].eq_ignore_ascii_case(b"IT")
            && s[2..].iter().all(u8::is_ascii_digit)
        {
            push(
                out,
                Kind::VatNumber,
                t.start,
                t.end,
                piva_digits_valid(&s[2..]),
            );
        }

        // Country letters, then check digits if this token is long enough to hold them.
        if starts_with_letters(2) && s.iter().skip(2).take(2).all(u8::is_ascii_digit) {
            iban(text, &toks, k, out);
        }

        identity_document(text, &toks, k, out);
    }
}

/// "RSS MRA 85T10 A562S": groups that together make exactly 16 characters. At least two real
/// digits are required, since joining words can make odd 16-letter strings.
fn spaced_fiscal_code(text: &str, toks: &[Token], k: usize, out: &mut Vec<Cand>) {
    let j = join_tokens::<16>(text, toks, k);
    let Some(&(16, end)) = j.cuts().last() else {
        return;
    };
    if j.parts < 2 || j.buf.iter().filter(|x| x.is_ascii_digit()).count() < 2 {
        return;
    }
    if cf_shaped(&j.buf) {
        push(
            out,
            Kind::FiscalCode,
            toks[k].start,
            end,
            cf_check_char(&j.buf) == j.buf[15],
        );
    }
}

fn iban(text: &str, toks: &[Token], k: usize, out: &mut Vec<Cand>) {
    let j = join_tokens::<34>(text, toks, k);
    // The shortest registered IBAN (Norway) has 15 characters.
    if j.len < 15 || !j.buf[2..4].iter().all(u8::is_ascii_digit) {
        return;
    }
    let Some(len) = iban_length(&j.buf[..2]) else {
        return;
    };
    let Some(&(_, end)) = j.cuts().iter().find(|(n, _)| *n == len) else {
        return;
    };
    let c = &j.buf[..len];
    if !iban_shaped(c) {
        return;
    }
    if iban_mod97(c) {
        push(out, Kind::Iban, toks[k].start, end, true);
    } else if italian_iban_shaped(c) {
        push(out, Kind::Iban, toks[k].start, end, false);
    }
}

/// Document numbers only near a document word, a few words before or after.
fn identity_document(text: &str, toks: &[Token], k: usize, out: &mut Vec<Cand>) {
    let b = text.as_bytes();
    let t = toks[k];
    let s = b.get(t.start..t.end).unwrap_or_default();
    let digits = s.iter().filter(|x| x.is_ascii_digit()).count();
    let near_words = |start: usize, end: usize| {
        mentions(text, back(text, start, 48), start, &ID_WORDS)
            || mentions(text, end, ahead(text, end, 32), &ID_WORDS)
    };

    if (7..=12).contains(&s.len()) && digits >= 5 && near_words(t.start, t.end) {
        // A bare number near "documento" may still be an amount or a case number.
        let bare = digits == s.len();
        if !bare || !(amount_context(text, t.start, t.end) || case_context(text, t.start)) {
            push(out, Kind::IdDocument, t.start, t.end, false);
        }
        return;
    }
    // The Italian passport and driving licence layouts are redacted without a document word,
    // unless a case word ("protocollo PG0123456") or a customer or product word says what the
    // code is.
    if italian_document_shaped(s)
        && !case_context(text, t.start)
        && !mentions(text, back(text, t.start, 24), t.start, &CODE_WORDS)
    {
        push(out, Kind::IdDocument, t.start, t.end, false);
        return;
    }
    // "CA 12345 AB", "AX 1234567": the usual document layouts written in groups.
    if s.len() != 2 || !s.iter().all(u8::is_ascii_alphabetic) {
        return;
    }
    let j = join_tokens::<9>(text, toks, k);
    let Some(&(9, end)) = j.cuts().last() else {
        return;
    };
    let c = &j.buf;
    let letters = |r: std::ops::Range<usize>| c[r].iter().all(u8::is_ascii_alphabetic);
    let nums = |r: std::ops::Range<usize>| c[r].iter().all(u8::is_ascii_digit);
    let shaped = letters(0..2) && (nums(2..9) || (nums(2..7) && letters(7..9)));
    if j.parts >= 2 && shaped && near_words(t.start, end) {
        push(out, Kind::IdDocument, t.start, end, false);
    }
}

/// One token shaped like an Italian passport or paper identity card (`YA1234567`: two letters,
/// seven digits) or driving licence (`MI1234567A`: two letters, seven digits, a letter;
/// `U1A123456B`: `U1`, seven letters or digits of which at least three are digits, a letter).
fn italian_document_shaped(s: &[u8]) -> bool {
    let letters = |r: std::ops::Range<usize>| s[r].iter().all(u8::is_ascii_alphabetic);
    let nums = |r: std::ops::Range<usize>| s[r].iter().all(u8::is_ascii_digit);
    match s.len() {
        9 => letters(0..2) && nums(2..9),
        10 if s[..2].eq_ignore_ascii_case(b"U1") => {
            s[2..9].iter().all(u8::is_ascii_alphanumeric)
                && s[2..9].iter().filter(|x| x.is_ascii_digit()).count() >= 3
                && letters(9..10)
        }
        10 => letters(0..2) && nums(2..9) && letters(9..10),
        _ => false,
    }
}

fn amount_context(text: &str, start: usize, end: usize) -> bool {
    mentions(text, back(text, start, 8), start, &CURRENCY_BEFORE)
        || mentions(text, end, ahead(text, end, 12), &CURRENCY_AFTER)
}

fn case_context(text: &str, start: usize) -> bool {
    mentions(text, back(text, start, 24), start, &CASE_WORDS)
}

// ---------------------------------------------------------------------------------------------
// Digit runs: phones, cards, partite IVA
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy)]
struct Group {
    start: usize,
    end: usize,
}

impl Group {
    fn len(&self) -> usize {
        self.end - self.start
    }
}

/// What stands between two digit groups: maybe a space, maybe one punctuation mark.
#[derive(Clone, Copy, PartialEq, Eq, Default)]
struct Sep {
    space: bool,
    punct: u8,
}

impl Sep {
    /// A run may be cut into two numbers only where the writer left a space or a dash: dots,
    /// slashes and commas bind ("1.234,56", "06/1234567", "2026/123").
    fn cuttable(self) -> bool {
        self.space || self.punct == b'-'
    }
}

struct Run {
    start: usize,
    plus: bool,
    groups: Vec<Group>,
    /// `seps[k]` stands before `groups[k]`; `seps[0]` is unused.
    seps: Vec<Sep>,
    /// Groups that belong to a date and can be part of no number.
    date: Vec<bool>,
}

fn run_starts(b: &[u8], p: usize) -> bool {
    let at = |i: usize| b.get(p + i).copied().unwrap_or(0);
    match at(0) {
        b'0'..=b'9' => true,
        b'+' => at(1).is_ascii_digit(),
        b'(' => at(1).is_ascii_digit() || (at(1) == b'+' && at(2).is_ascii_digit()),
        _ => false,
    }
}

fn parse_sep(b: &[u8], pos: usize) -> Option<(Sep, usize)> {
    let mut q = pos;
    let mut sep = Sep::default();
    if let Some(l) = space_len(b, q) {
        sep.space = true;
        q += l;
    }
    match b.get(q) {
        Some(&p @ (b'.' | b'-' | b'/' | b'(' | b')')) => {
            sep.punct = p;
            q += 1;
            if let Some(l) = space_len(b, q) {
                sep.space = true;
                q += l;
            }
        }
        // A comma joins digits only tightly: "22,21" is one amount, "06 123, 333 456" two.
        Some(b',') if !sep.space => {
            sep.punct = b',';
            q += 1;
        }
        _ => {}
    }
    (q > pos && b.get(q).is_some_and(u8::is_ascii_digit)).then_some((sep, q))
}

/// Reads digit groups from `p` into `run` (buffers reused); returns the end of the last group.
fn parse_run(b: &[u8], p: usize, run: &mut Run) -> usize {
    run.groups.clear();
    run.seps.clear();
    run.start = p;
    let mut q = p;
    if b.get(q) == Some(&b'(') {
        q += 1;
    }
    run.plus = b.get(q) == Some(&b'+');
    if run.plus {
        q += 1;
    }
    let mut sep = Sep::default();
    loop {
        let g = q;
        while b.get(q).is_some_and(u8::is_ascii_digit) {
            q += 1;
        }
        run.groups.push(Group { start: g, end: q });
        run.seps.push(sep);
        match parse_sep(b, q) {
            Some((s, next)) => {
                sep = s;
                q = next;
            }
            None => return q,
        }
    }
}

fn mark_dates(run: &mut Run, b: &[u8]) {
    let g = &run.groups;
    run.date.clear();
    run.date.resize(g.len(), false);
    let value = |k: usize| -> u32 {
        b.get(g[k].start..g[k].end)
            .unwrap_or_default()
            .iter()
            .take(4)
            .fold(0, |v, &x| v * 10 + u32::from(x - b'0'))
    };
    for k in 0..g.len().saturating_sub(2) {
        let (s1, s2) = (run.seps[k + 1], run.seps[k + 2]);
        if s1 != s2 || s1.space || !matches!(s1.punct, b'/' | b'.' | b'-') {
            continue;
        }
        let (la, lb, lc) = (g[k].len(), g[k + 1].len(), g[k + 2].len());
        let (a, m, c) = (value(k), value(k + 1), value(k + 2));
        let dmy = (1..=2).contains(&la)
            && (1..=2).contains(&lb)
            && (lc == 2 || lc == 4)
            && (1..=31).contains(&a)
            && (1..=12).contains(&m);
        let ymd = la == 4
            && (1..=2).contains(&lb)
            && (1..=2).contains(&lc)
            && (1..=12).contains(&m)
            && (1..=31).contains(&c);
        if dmy || ymd {
            run.date[k..k + 3].fill(true);
        }
    }
}

fn scan_numbers(text: &str, out: &mut Vec<Cand>) {
    let b = text.as_bytes();
    let mut run = Run {
        start: 0,
        plus: false,
        groups: Vec::new(),
        seps: Vec::new(),
        date: Vec::new(),
    };
    let mut p = 0;
    while p < b.len() {
        // Only ASCII bytes can start a run, and an ASCII byte is always a char boundary.
        if !run_starts(b, p) || !boundary_before(text, p) {
            p += 1;
            continue;
        }
        let end = parse_run(b, p, &mut run);
        mark_dates(&mut run, b);
        numbers_in_run(text, &run, out);
        p = end.max(p + 1);
    }
}

/// Longest digit count any rule accepts (the health card); bounds the work per run start.
const MAX_DIGITS: usize = 20;
/// Payment card numbers have 13 to 19 digits.
const MAX_CARD_DIGITS: usize = 19;

/// Finds the numbers in one run of digit groups: from each place where a number may start, the
/// longest stretch that a rule accepts. Each start tries at most `MAX_DIGITS` ends.
fn numbers_in_run(text: &str, run: &Run, out: &mut Vec<Cand>) {
    let m = run.groups.len();
    let mut i = 0;
    while i < m {
        // No rule starts with a one-digit group except a "+1" prefix: skipping those starts
        // keeps lists like "1 2 3 4 ..." cheap.
        let plus = i == 0 && run.plus;
        if (i > 0 && !run.seps[i].cuttable()) || (run.groups[i].len() < 2 && !plus) {
            i += 1;
            continue;
        }
        let mut digits = [0u8; MAX_DIGITS];
        let mut n = 0;
        let mut best = None;
        for j in i..m {
            let g = run.groups[j];
            if run.date[j] || (j > i && run.seps[j].punct == b',') || n + g.len() > MAX_DIGITS {
                break;
            }
            let part = text.as_bytes().get(g.start..g.end).unwrap_or_default();
            digits[n..n + part.len()].copy_from_slice(part);
            n += part.len();
            let can_end = match run.seps.get(j + 1) {
                Some(s) => s.cuttable(),
                None => boundary_after(text, g.end),
            };
            if can_end && let Some(found) = classify(text, run, i, j, &digits[..n]) {
                best = Some((j, found));
            }
            // A one-digit group can only end a number (a card's short last group).
            if j > i && g.len() < 2 && !plus {
                break;
            }
        }
        // Context is read once, for the longest candidate only: it is the costly part.
        match best {
            Some((j, (kind, start, verified)))
                if !excluded(text, kind, verified, start, run.groups[j].end) =>
            {
                push(out, kind, start, run.groups[j].end, verified);
                i = j + 1;
            }
            _ => i += 1,
        }
    }
}

/// Decides what groups `i..=j` of a run are, from their digits `d` and layout; context words
/// are read only by the rules that need them. Exclusions are left to [`excluded`].
fn classify(text: &str, run: &Run, i: usize, j: usize, d: &[u8]) -> Option<(Kind, usize, bool)> {
    let n = d.len();
    let first = *d.first()?;
    let groups = &run.groups[i..=j];
    let seps = &run.seps[i + 1..=j];
    if seps.iter().any(|s| s.punct == b',') {
        return None;
    }
    let plus = i == 0 && run.plus;
    let start = if i == 0 { run.start } else { groups[0].start };
    let end = groups[groups.len() - 1].end;
    // An opening bracket belongs to the span only if it is closed inside it.
    let span = text.as_bytes().get(start..end).unwrap_or_default();
    let start = if span.first() == Some(&b'(') && !span.contains(&b')') {
        start + 1
    } else {
        start
    };
    let phone_words = || {
        mentions(text, back(text, start, 40), start, &PHONE_WORDS)
            || mentions(text, end, ahead(text, end, 24), &PHONE_WORDS)
    };
    let vat_words = || mentions(text, back(text, start, 32), start, &VAT_WORDS);
    let health_words = || {
        mentions(text, back(text, start, 48), start, &HEALTH_CARD_WORDS)
            || mentions(text, end, ahead(text, end, 24), &HEALTH_CARD_WORDS)
    };

    let (kind, verified) = if !plus
        && d.starts_with(b"80")
        && seps.iter().all(|s| s.punct == 0 || s.punct == b'-')
        && ((n == 20 && d.starts_with(b"80380")) || ((16..=20).contains(&n) && health_words()))
    {
        // The TEAM card number: 80, the country (380 for Italy), issuer and card digits; 20
        // digits in all. Other lengths and countries only next to a health card word.
        (Kind::HealthCard, false)
    } else if !plus
        && (13..=MAX_CARD_DIGITS).contains(&n)
        && first != b'0'
        && card_layout(groups, seps)
        && luhn_bytes(d)
    {
        (Kind::Card, true)
    } else if !plus && n == 11 && groups.len() == 1 && piva_digits_valid(d) {
        if matches!(first, b'0' | b'3') && phone_words() {
            (Kind::Phone, false)
        } else {
            (Kind::VatNumber, true)
        }
    } else if !plus && n == 11 && groups.len() == 1 && vat_words() {
        (Kind::VatNumber, false)
    } else if is_phone(d, plus, groups, seps, &phone_words) {
        (Kind::Phone, false)
    } else {
        return None;
    };

    Some((kind, start, verified))
}

/// Whether a number found in `start..end` is an amount or a case number after all. A case
/// number of the Comune is not personal; a number with a valid check digit rarely is a case
/// number, except the 18-digit pagoPA notice codes, which can pass Luhn.
fn excluded(text: &str, kind: Kind, verified: bool, start: usize, end: usize) -> bool {
    // Twenty digits starting 80380, or a health card word: no case or amount number looks so.
    if kind == Kind::HealthCard {
        return false;
    }
    let case = || {
        case_context(text, start)
            && !mentions(text, back(text, start, 40), start, &PHONE_WORDS)
            && !mentions(text, end, ahead(text, end, 24), &PHONE_WORDS)
            && !mentions(text, back(text, start, 32), start, &VAT_WORDS)
    };
    let by_context = match (kind, verified) {
        (Kind::Card, _) => mentions(text, back(text, start, 24), start, &NOTICE_WORDS),
        (_, true) => false,
        _ => case(),
    };
    by_context || amount_context(text, start, end)
}

/// The phone rules of the module documentation, on the digits `d` of one candidate.
fn is_phone(
    d: &[u8],
    plus: bool,
    groups: &[Group],
    seps: &[Sep],
    words: &dyn Fn() -> bool,
) -> bool {
    let n = d.len();
    let at = |k: usize| d.get(k).copied().unwrap_or(0);
    let slash = seps.iter().any(|s| s.punct == b'/');
    if plus {
        // +39 followed by a public or toll-free number stays, like the number without prefix.
        return (8..=15).contains(&n) && !(d.starts_with(b"39") && matches!(at(2), b'1' | b'8'));
    }
    if d.starts_with(b"00") {
        // 00 + country code. "00100" is a CAP: a country code never starts with 0, and the
        // NANP area code after "001" never starts with 0 or 1.
        return (11..=15).contains(&n)
            && (groups.len() == 1 || (3..=5).contains(&groups[0].len()))
            && at(2) != b'0'
            && !(at(2) == b'1' && matches!(at(3), b'0' | b'1'))
            && !(d.starts_with(b"0039") && matches!(at(4), b'1' | b'8'));
    }
    // A slash separates an area code from the number ("06/1234567"), nothing more.
    if slash && groups.len() != 2 {
        return false;
    }
    // "333.123.456" reads as an amount unless someone said it is a phone number.
    let thousands = !seps.is_empty()
        && seps.iter().all(|s| s.punct == b'.' && !s.space)
        && (1..=3).contains(&groups[0].len())
        && at(0) != b'0'
        && groups[1..].iter().all(|g| g.len() == 3);
    // Nobody writes a phone number with one-digit groups: "3 4 5 6 7 8 9 10" is a list.
    if groups.iter().any(|g| g.len() < 2) || counts_along(d, groups) {
        return false;
    }
    match at(0) {
        // The operator prefix (333, 347...) whole, then any grouping.
        b'3' if (9..=10).contains(&n) && (groups.len() == 1 || groups[0].len() >= 3) => {
            !thousands || words()
        }
        b'3' if split_mobile(d, groups, seps) => true,
        b'0' if (6..=11).contains(&n)
            && (groups.len() == 1 || (2..=5).contains(&groups[0].len())) =>
        {
            n >= 8 || words()
        }
        // Italian numbers starting with 1 or 8 are public, toll-free or premium services.
        b'1' | b'8' => false,
        _ => (8..=15).contains(&n) && !thousands && !slash && words(),
    }
}

/// A mobile number with its operator prefix split ("34 56 789 012", "34.56.78.90.12"): the
/// whole ten digits in groups of two to four, one kind of separator (space, dot or dash), a
/// real operator prefix (31x–39x), and no date in front ("31 12 2026 10" is a date and a time).
fn split_mobile(d: &[u8], groups: &[Group], seps: &[Sep]) -> bool {
    let Some(&s0) = seps.first() else {
        return false;
    };
    let two = |k: usize| {
        d.get(k..k + 2).map_or(0, |p| {
            p[0].wrapping_sub(b'0') * 10 + p[1].wrapping_sub(b'0')
        })
    };
    let lens = || groups.iter().map(Group::len);
    let date = lens().take(3).eq([2, 2, 4]) && two(0) <= 31 && (1..=12).contains(&two(2));
    d.len() == 10
        && d.get(1) != Some(&b'0')
        && lens().all(|l| (2..=4).contains(&l))
        && seps.iter().all(|&s| s == s0)
        && matches!(s0.punct, 0 | b'.' | b'-')
        && !date
}

/// Three or more groups of one to three digits, all of one length, counting up or down by one
/// step: "01 02 03 04 05" or "particelle 345 346 347" is a list, not a number.
fn counts_along(d: &[u8], groups: &[Group]) -> bool {
    let len = groups.first().map_or(0, Group::len);
    if groups.len() < 3 || !(1..=3).contains(&len) || groups.iter().any(|g| g.len() != len) {
        return false;
    }
    let mut values = d.chunks(len).map(|c| {
        c.iter()
            .fold(0i32, |v, &x| v * 10 + i32::from(x.wrapping_sub(b'0')))
    });
    let (Some(a), Some(b)) = (values.next(), values.next()) else {
        return false;
    };
    let step = b - a;
    let mut last = b;
    step != 0
        && values.all(|v| {
            let along = v - last == step;
            last = v;
            along
        })
}

/// Card numbers are written compact or in the groups printed on the card.
fn card_layout(groups: &[Group], seps: &[Sep]) -> bool {
    let Some(&s0) = seps.first() else {
        return true;
    };
    let lens = || groups.iter().map(Group::len);
    let fours = lens().rev().skip(1).all(|l| l == 4)
        && groups.last().is_some_and(|g| (1..=4).contains(&g.len()));
    (s0 == Sep {
        space: true,
        punct: 0,
    } || s0.punct == b'-')
        && seps.iter().all(|&s| s == s0)
        && (fours || lens().eq([4, 6, 5]) || lens().eq([4, 6, 4]))
}

// ---------------------------------------------------------------------------------------------
// Special categories (GDPR Art. 9, and criminal records, Art. 10)
// ---------------------------------------------------------------------------------------------

/// Words and phrases that reveal special-category data, folded (lowercase, no accents).
/// Words are separated by spaces; a trailing `*` matches any ending, for Italian inflection.
/// Prefixes are chosen so they do not catch neighbours: "autism*" not "autis*" (autista),
/// "tumor*" (never rumore), "invalidit*" and "invalid* civil*" but not "invalid" (English).
#[rustfmt::skip]
const SPECIAL_TERMS: &[&str] = &[
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
fn slot(word: &[u8]) -> usize {
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
fn special_index() -> &'static [Vec<Term>] {
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

#[cfg(test)]
mod tests {
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
