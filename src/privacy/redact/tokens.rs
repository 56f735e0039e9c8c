//! Alphanumeric tokens: codice fiscale, IBAN, IT + partita IVA, identity documents.

use super::checks::{
    cf_check_char, cf_normalise, cf_prefix_shaped, cf_shaped, iban_length, iban_mod97, iban_shaped,
    italian_iban_shaped, piva_digits_valid,
};
use super::{
    CODE_WORDS, Cand, ID_WORDS, Kind, ahead, amount_context, back, case_context, is_word_char,
    mentions, push, space_len,
};

#[derive(Clone, Copy)]
pub(super) struct Token {
    start: usize,
    end: usize,
    ascii: bool,
}

/// Maximal runs of letters and digits (any script); only all-ASCII ones can be codes.
pub(super) fn tokens(text: &str) -> Vec<Token> {
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
pub(super) fn joined(text: &str, a: &Token, b: &Token) -> bool {
    let gap = text.as_bytes().get(a.end..b.start).unwrap_or_default();
    gap == b"-" || (!gap.is_empty() && space_len(gap, 0) == Some(gap.len()))
}

/// Most tokens a code is written in: an IBAN in groups of four has at most nine.
pub(super) const MAX_PARTS: usize = 12;

/// Tokens from `k` concatenated while they are joined, ASCII and fit in `N` bytes, uppercased,
/// with (length so far, end byte) after each token. No allocation: this runs for many words.
pub(super) struct Joined<const N: usize> {
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

pub(super) fn join_tokens<const N: usize>(text: &str, toks: &[Token], k: usize) -> Joined<N> {
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

pub(super) fn scan_tokens(text: &str, out: &mut Vec<Cand>) {
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
pub(super) fn spaced_fiscal_code(text: &str, toks: &[Token], k: usize, out: &mut Vec<Cand>) {
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

pub(super) fn iban(text: &str, toks: &[Token], k: usize, out: &mut Vec<Cand>) {
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
pub(super) fn identity_document(text: &str, toks: &[Token], k: usize, out: &mut Vec<Cand>) {
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
pub(super) fn italian_document_shaped(s: &[u8]) -> bool {
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
