//! The redactor: any text is redacted without a panic, and the findings keep the promises
//! `redact` relies on: inside the text, on character boundaries, sorted, not overlapping.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sportello::privacy::redact::{find, is_special_category, redact};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let findings = find(text);
    let mut at = 0;
    for f in &findings {
        assert!(f.start >= at && f.start < f.end && f.end <= text.len());
        assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        at = f.end;
    }
    let _ = is_special_category(text);
    let redacted = redact(text);
    assert_eq!(redacted.findings, findings);
});
