//! Redaction of stored text, driven by the corpus in `tests/data/redaction.tsv`, plus
//! properties that must hold on any input (no panic, clean spans, linear time).

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use sportello::privacy::redact::{Finding, Kind, find, is_special_category, redact};

/// One parsed corpus line.
struct Case {
    line: usize,
    directive: String,
    text: String,
    expected: Option<String>,
}

fn corpus() -> Vec<Case> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/redaction.tsv");
    let data = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    data.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| {
            let mut cols = l.split('\t');
            Case {
                line: i + 1,
                directive: cols.next().unwrap_or_default().to_string(),
                text: cols.next().unwrap_or_default().to_string(),
                expected: cols.next().map(str::to_string),
            }
        })
        .collect()
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::FiscalCode => "cf",
        Kind::VatNumber => "piva",
        Kind::Iban => "iban",
        Kind::Phone => "phone",
        Kind::Email => "email",
        Kind::Card => "card",
        Kind::HealthCard => "ts",
        Kind::IdDocument => "doc",
    }
}

fn describe(findings: &[Finding]) -> String {
    let names: Vec<String> = findings
        .iter()
        .map(|f| {
            format!(
                "{}{}",
                kind_name(f.kind),
                if f.verified { "+" } else { "?" }
            )
        })
        .collect();
    format!("[{}]", names.join(","))
}

/// Whether `findings` match a `redact:` kind list such as `cf+,phone,iban?`.
fn kinds_match(spec: &str, findings: &[Finding]) -> bool {
    let wanted: Vec<&str> = spec.split(',').map(str::trim).collect();
    wanted.len() == findings.len()
        && wanted.iter().zip(findings).all(|(w, f)| {
            let (name, verified) = match (w.strip_suffix('+'), w.strip_suffix('?')) {
                (Some(n), _) => (n, Some(true)),
                (_, Some(n)) => (n, Some(false)),
                _ => (*w, None),
            };
            name == kind_name(f.kind) && verified.is_none_or(|v| v == f.verified)
        })
}

/// Checks one case; returns what went wrong, if anything.
fn check(case: &Case) -> Option<String> {
    let r = redact(&case.text);
    let text = &case.text;
    match case.directive.as_str() {
        d if d.starts_with("redact:") => {
            let spec = &d["redact:".len()..];
            let mut problems = Vec::new();
            if !kinds_match(spec, &r.findings) {
                problems.push(format!(
                    "found {} instead of [{spec}]",
                    describe(&r.findings)
                ));
            }
            if let Some(expected) = &case.expected
                && &r.text != expected
            {
                problems.push(format!("stored {:?}\n      expected {expected:?}", r.text));
            }
            (!problems.is_empty()).then(|| problems.join("\n      "))
        }
        "keep" => (!r.findings.is_empty() || r.text != *text).then(|| {
            format!(
                "must stay as is, but found {} and stored {:?}",
                describe(&r.findings),
                r.text
            )
        }),
        "flag" | "noflag" => {
            let want = case.directive == "flag";
            (is_special_category(text) != want || r.special_category != want)
                .then(|| format!("special category should be {want}"))
        }
        other => Some(format!("unknown directive {other:?}")),
    }
}

#[test]
fn every_corpus_line_is_redacted_as_written() {
    let cases = corpus();
    let mut report = String::new();
    let mut failed = 0;
    for case in &cases {
        if let Some(problem) = check(case) {
            failed += 1;
            let _ = writeln!(
                report,
                "tests/data/redaction.tsv:{}: {:?}\n      {problem}",
                case.line, case.text
            );
        }
    }
    assert!(
        failed == 0,
        "{failed} of {} corpus cases fail:\n{report}",
        cases.len()
    );
}

#[test]
fn the_corpus_covers_each_sort_of_case_generously() {
    let cases = corpus();
    let count = |p: &dyn Fn(&str) -> bool| cases.iter().filter(|c| p(&c.directive)).count();
    let redacted = count(&|d| d.starts_with("redact:"));
    let kept = count(&|d| d == "keep");
    let flagged = count(&|d| d == "flag");
    let unflagged = count(&|d| d == "noflag");
    assert!(redacted >= 60, "only {redacted} texts to redact");
    assert!(kept >= 60, "only {kept} texts to keep");
    assert!(flagged >= 15, "only {flagged} special-category texts");
    assert!(unflagged >= 15, "only {unflagged} ordinary texts");
    for kind in ["cf", "piva", "iban", "phone", "email", "card", "ts", "doc"] {
        let n = count(&|d| {
            d.strip_prefix("redact:")
                .is_some_and(|s| s.split(',').any(|k| k.trim_end_matches(['+', '?']) == kind))
        });
        assert!(n >= 5, "only {n} corpus texts contain a {kind}");
    }
}

/// Asserts what must hold for any input: spans in order, disjoint, on char boundaries, and the
/// stored text equal to the input with each span replaced by its placeholder.
fn assert_well_formed(text: &str) {
    let r = redact(text);
    assert_eq!(
        r.findings,
        find(text),
        "redact and find disagree on {text:?}"
    );
    let mut rebuilt = String::new();
    let mut at = 0;
    for f in &r.findings {
        assert!(
            at <= f.start && f.start < f.end && f.end <= text.len(),
            "bad span {f:?} in {text:?}"
        );
        assert!(
            text.is_char_boundary(f.start) && text.is_char_boundary(f.end),
            "span {f:?} cuts a character in {text:?}"
        );
        rebuilt.push_str(&text[at..f.start]);
        rebuilt.push_str(f.kind.placeholder());
        at = f.end;
    }
    rebuilt.push_str(&text[at..]);
    assert_eq!(r.text, rebuilt, "stored text of {text:?}");
}

/// A small deterministic generator, so failures reproduce without a dependency.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

#[test]
fn random_mixtures_of_code_fragments_never_panic_and_stay_well_formed() {
    // Fragments chosen to sit on every decision edge: separators, prefixes, partial codes,
    // multibyte characters next to digits and letters.
    let pieces = [
        "0",
        "3",
        "1",
        "9",
        "00",
        "39",
        "+",
        "(",
        ")",
        " ",
        "\u{a0}",
        "\u{202f}",
        ".",
        ",",
        "-",
        "/",
        "@",
        ":",
        "€",
        "euro",
        "IT",
        "it",
        "60",
        "X",
        "A",
        "Z",
        "RSSMRA",
        "85T10",
        "A562S",
        "tel",
        "carta d'identità",
        "CIE",
        "pratica",
        "à",
        "é",
        "😀",
        "ü",
        "\n",
        "\t",
        "333",
        "1234567",
        "4111",
        "1111",
        "IBAN",
        "mail.com",
        "x",
        "_",
        "ﬀ",
        "İ",
        "ß",
        "\u{301}",
    ];
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let len = 1 + rng.next() % 40;
        let text: String = (0..len).map(|_| rng.pick(&pieces)).collect();
        assert_well_formed(&text);
        let _ = is_special_category(&text);
    }
}

#[test]
fn every_corpus_text_and_each_of_its_prefixes_is_well_formed() {
    // Cutting a text anywhere makes half-codes: they must never break the invariants.
    for case in corpus() {
        let text = &case.text;
        for (i, _) in text.char_indices() {
            assert_well_formed(&text[..i]);
            assert_well_formed(&text[i..]);
        }
    }
}

#[test]
fn a_hundred_kilobytes_of_hostile_input_are_handled_in_linear_time() {
    // A quadratic scanner would need minutes on these in a debug build; linear ones need
    // milliseconds. The bound is loose so the test does not depend on the machine.
    let hostile = [
        "a@".repeat(50_000),
        "1 ".repeat(50_000),
        "01 ".repeat(33_000),
        "12 ".repeat(33_000),
        "1".repeat(100_000),
        "IT60 ".repeat(20_000),
        "RSS ".repeat(25_000),
        format!("{}@{}", "a.".repeat(25_000), "b.".repeat(25_000)),
        "+(".repeat(50_000),
        "€1,".repeat(30_000),
        "carta d'identità AX1234567 ".repeat(3_600),
        "tel 3331234567 ".repeat(6_600),
        "è".repeat(50_000),
    ];
    for text in &hostile {
        let started = Instant::now();
        let r = redact(text);
        let took = started.elapsed();
        assert!(
            took < Duration::from_secs(3),
            "{} bytes starting {:?} took {took:?}",
            text.len(),
            &text.chars().take(20).collect::<String>()
        );
        assert!(
            r.text.len() <= text.len() * 4,
            "output grew out of proportion"
        );
    }
    // The repeated phone numbers are each found: the scan does not give up on long input.
    let phones = "tel 3331234567 ".repeat(6_600);
    assert_eq!(find(&phones).len(), 6_600);
}

#[test]
fn placeholders_name_each_kind_in_italian() {
    let all = [
        (Kind::FiscalCode, "[codice fiscale]"),
        (Kind::VatNumber, "[partita IVA]"),
        (Kind::Iban, "[IBAN]"),
        (Kind::Phone, "[telefono]"),
        (Kind::Email, "[email]"),
        (Kind::Card, "[carta di pagamento]"),
        (Kind::HealthCard, "[tessera sanitaria]"),
        (Kind::IdDocument, "[documento]"),
    ];
    for (kind, placeholder) in all {
        assert_eq!(kind.placeholder(), placeholder);
    }
}

#[test]
fn findings_carry_byte_offsets_into_the_original_text() {
    let text = "Città: 😀 RSSMRA85T10A562S";
    let found = find(text);
    assert_eq!(found.len(), 1);
    assert_eq!(&text[found[0].start..found[0].end], "RSSMRA85T10A562S");
    assert!(found[0].verified);
}

/// Every way of cutting `digits` into groups of `min..=max` digits, joined by `sep`.
fn groupings(digits: &str, min: usize, max: usize, sep: &str) -> Vec<String> {
    if digits.is_empty() {
        return vec![String::new()];
    }
    let mut out = Vec::new();
    for len in min..=max.min(digits.len()) {
        let (head, tail) = digits.split_at(len);
        for rest in groupings(tail, min, max, sep) {
            out.push(if rest.is_empty() {
                head.to_string()
            } else {
                format!("{head}{sep}{rest}")
            });
        }
    }
    out
}

/// Asserts that `number`, inside `before` and `after`, is one finding of `kind` covering it.
fn assert_one(kind: Kind, before: &str, number: &str, after: &str) {
    let text = format!("{before}{number}{after}");
    let found = find(&text);
    assert!(
        found.len() == 1
            && found[0].kind == kind
            && found[0].start == before.len()
            && found[0].end == before.len() + number.len(),
        "{text:?}: expected one {kind:?} over {number:?}, found {found:?}"
    );
}

#[test]
fn a_team_card_number_is_one_finding_in_any_grouping() {
    // 8038000000123456701 is Luhn-valid, and so is 8038000009876540: neither may be left as a
    // card with the rest of the number beside it.
    for number in ["80380000001234567019", "80380000098765401234"] {
        for sep in [" ", "-", "\u{a0}"] {
            for grouped in groupings(number, 4, 5, sep).into_iter().chain([format!(
                "{}{sep}{}",
                &number[..19],
                &number[19..]
            )]) {
                assert_one(Kind::HealthCard, "tessera ", &grouped, ", grazie");
                assert_one(Kind::HealthCard, "", &grouped, "");
                assert_eq!(redact(&grouped).text, "[tessera sanitaria]");
            }
        }
    }
    // Other lengths and countries only next to a health card word.
    assert_one(Kind::HealthCard, "TEAM ", "8038000000123456", "");
    assert_one(Kind::HealthCard, "EHIC card ", "80276 00000 12345 678", "");
    assert!(find("codice 80276 00000 12345 678").is_empty());
    assert!(find("80380 00000 12345 6789").is_empty());
}

#[test]
fn italian_passport_and_licence_numbers_are_masked_without_a_document_word() {
    for code in [
        "YA1234567",
        "AA0000001",
        "ya1234567",
        "MI1234567A",
        "U1A123456B",
        "U15R78654W",
        "U11234567X",
    ] {
        assert_one(Kind::IdDocument, "Ho perso ", code, " ieri");
        assert_one(Kind::IdDocument, "", code, "");
    }
    // A case, customer or product word says what the code is; short codes are no documents.
    for text in [
        "protocollo PG0123456",
        "prot. n. PG0123456 del 10/03/2026",
        "pratica AB1234567",
        "codice cliente AX1234567",
        "numero ordine OR1234567",
        "matricola MX1234567",
        "modello F24",
        "foglio A4",
        "ISEE2025",
        "COVID19",
        "targa AB123CD",
        "U1ABCDEFGH",
        "YA123456",
        "YA12345678",
        "Y12345678",
    ] {
        assert!(find(text).is_empty(), "{text:?}: {:?}", find(text));
    }
    // A document word still wins over a case word, as before.
    assert_one(
        Kind::IdDocument,
        "protocollo del passaporto ",
        "YA1234567",
        "",
    );
}

#[test]
fn a_ten_digit_mobile_number_is_masked_in_any_grouping() {
    for sep in [" ", ".", "-"] {
        for grouped in groupings("3456789012", 2, 4, sep) {
            for (before, after) in [("", ""), ("il mio numero è ", ", grazie")] {
                assert_one(Kind::Phone, before, &grouped, after);
            }
            for prefix in ["+39", "+39 ", "0039 ", "(+39) "] {
                assert_one(
                    Kind::Phone,
                    "chiamate il ",
                    &format!("{prefix}{grouped}"),
                    "",
                );
            }
        }
    }
    for glued in ["+393456789012", "00393456789012"] {
        assert_one(Kind::Phone, "", glued, "");
    }
}

#[test]
fn tax_codes_cadastre_lists_and_public_numbers_stay_as_written() {
    for text in [
        "codice tributo 3918",
        "F24: codice tributo 3918, anno 2025, importo 345,00",
        "foglio 12 particella 345 sub 6",
        "foglio 21 particelle 345 346 347",
        "foglio 21 mappale 345 678 901",
        "Catasto fg. 12 part. 3456 sub. 7",
        "posti 01 02 03 04 05",
        "estratti 31 32 33 34 35",
        "l'appuntamento è il 31 12 2026 10 30",
        "importo 345 678 901 euro",
        "Il 30/12/2026 alle 10:30",
        "protocollo 3456789012",
        "pratica n. 34 56 789 012",
        "Numero verde 800 12 34 56",
        "numero verde del Comune 800.123.456",
        "Carabinieri 112, Polizia 113, Vigili del fuoco 115, ambulanza 118",
        "Telefono Rosa 1522, emergenza infanzia 114",
        "chiamate il 112 o il 1522",
    ] {
        let r = redact(text);
        assert!(
            r.findings.is_empty() && r.text == text,
            "{text:?} became {:?}",
            r.text
        );
    }
}
