//! The flow loader on one flow file: any text gets a report, never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Files that are not UTF-8 are refused before parsing; the loader sees text.
    if let Ok(text) = std::str::from_utf8(data) {
        let report = sportello::flows::load::read_flow_text(Path::new("fuzz.yaml"), text);
        // Rendering the report walks every diagnostic's position and hint.
        let _ = report.to_string();
    }
});
