//! Telegram inbound parsing: any webhook body is parsed or refused, and a parsed update is
//! turned into an inbound message or ignored, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sportello::channels::telegram::{parse_update, receive};

fuzz_target!(|data: &[u8]| {
    if let Ok(update) = parse_update(data) {
        let _ = receive(&update);
    }
});
