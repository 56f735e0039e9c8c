//! Check digits and checksums: codice fiscale, Luhn, partita IVA, IBAN.

/// Values of characters in odd positions (1st, 3rd, ...) for the codice fiscale check,
/// indexed by digit value or letter index (A=0): the Ministry's table.
pub(super) const CF_ODD: [u32; 26] = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];
/// Omocodia replaces digits 0–9 with these letters when two people would share a code.
pub(super) const OMOCODIA: &[u8] = b"LMNPQRSTUV";
/// Birth-month letters, January to December.
pub(super) const MONTHS: &[u8] = b"ABCDEHLMPRST";

pub(super) fn cf_shaped(c: &[u8; 16]) -> bool {
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

pub(super) fn cf_check_char(c: &[u8; 16]) -> u8 {
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
pub(super) fn cf_prefix_shaped(s: &[u8]) -> bool {
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
pub(super) fn cf_normalise(s: &[u8]) -> Option<[u8; 16]> {
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

pub(super) fn piva_digits_valid(d: &[u8]) -> bool {
    d.len() == 11 && d.iter().any(|&x| x != b'0') && luhn_bytes(d)
}

pub(super) fn luhn_bytes(d: &[u8]) -> bool {
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
pub(super) const IBAN_LENGTHS: &[(&[u8; 2], usize)] = &[
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

pub(super) fn iban_length(country: &[u8]) -> Option<usize> {
    IBAN_LENGTHS
        .iter()
        .find(|(cc, _)| cc.as_slice() == country)
        .map(|&(_, len)| len)
}

/// ISO 7064 mod 97-10 over an uppercase compact IBAN: first four characters moved to the end,
/// letters as 10..35, remainder 1.
pub(super) fn iban_mod97(c: &[u8]) -> bool {
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
pub(super) fn iban_shaped(c: &[u8]) -> bool {
    c.len() >= 5
        && c[..2].iter().all(u8::is_ascii_uppercase)
        && c[2..4].iter().all(u8::is_ascii_digit)
        && c.iter()
            .all(|x| x.is_ascii_uppercase() || x.is_ascii_digit())
        && iban_length(&c[..2]) == Some(c.len())
}

/// Italian layout: IT, 2 check digits, CIN letter, ABI and CAB (5 digits each), 12-character
/// account number.
pub(super) fn italian_iban_shaped(c: &[u8]) -> bool {
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
