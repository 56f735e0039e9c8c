//! Runs of digit groups: phone numbers, payment cards, partite IVA, health cards, and the
//! dates, amounts and lists of numbers that stay.

use super::checks::{luhn_bytes, piva_digits_valid};
use super::{
    Cand, HEALTH_CARD_WORDS, Kind, NOTICE_WORDS, PHONE_WORDS, VAT_WORDS, ahead, amount_context,
    back, boundary_after, boundary_before, case_context, mentions, push, space_len,
};

#[derive(Clone, Copy)]
pub(super) struct Group {
    pub(super) start: usize,
    pub(super) end: usize,
}

impl Group {
    fn len(&self) -> usize {
        self.end - self.start
    }
}

/// What stands between two digit groups: maybe a space, maybe one punctuation mark.
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Sep {
    pub(super) space: bool,
    pub(super) punct: u8,
}

impl Sep {
    /// A run may be cut into two numbers only where the writer left a space or a dash: dots,
    /// slashes and commas bind ("1.234,56", "06/1234567", "2026/123").
    fn cuttable(self) -> bool {
        self.space || self.punct == b'-'
    }
}

pub(super) struct Run {
    start: usize,
    plus: bool,
    groups: Vec<Group>,
    /// `seps[k]` stands before `groups[k]`; `seps[0]` is unused.
    seps: Vec<Sep>,
    /// Groups that belong to a date and can be part of no number.
    date: Vec<bool>,
}

pub(super) fn run_starts(b: &[u8], p: usize) -> bool {
    let at = |i: usize| b.get(p + i).copied().unwrap_or(0);
    match at(0) {
        b'0'..=b'9' => true,
        b'+' => at(1).is_ascii_digit(),
        b'(' => at(1).is_ascii_digit() || (at(1) == b'+' && at(2).is_ascii_digit()),
        _ => false,
    }
}

pub(super) fn parse_sep(b: &[u8], pos: usize) -> Option<(Sep, usize)> {
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
pub(super) fn parse_run(b: &[u8], p: usize, run: &mut Run) -> usize {
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

pub(super) fn mark_dates(run: &mut Run, b: &[u8]) {
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

pub(super) fn scan_numbers(text: &str, out: &mut Vec<Cand>) {
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
pub(super) const MAX_DIGITS: usize = 20;
/// Payment card numbers have 13 to 19 digits.
pub(super) const MAX_CARD_DIGITS: usize = 19;

/// Finds the numbers in one run of digit groups: from each place where a number may start, the
/// longest stretch that a rule accepts. Each start tries at most `MAX_DIGITS` ends.
pub(super) fn numbers_in_run(text: &str, run: &Run, out: &mut Vec<Cand>) {
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
pub(super) fn classify(
    text: &str,
    run: &Run,
    i: usize,
    j: usize,
    d: &[u8],
) -> Option<(Kind, usize, bool)> {
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
pub(super) fn excluded(text: &str, kind: Kind, verified: bool, start: usize, end: usize) -> bool {
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
pub(super) fn is_phone(
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
pub(super) fn split_mobile(d: &[u8], groups: &[Group], seps: &[Sep]) -> bool {
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
pub(super) fn counts_along(d: &[u8], groups: &[Group]) -> bool {
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
pub(super) fn card_layout(groups: &[Group], seps: &[Sep]) -> bool {
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
