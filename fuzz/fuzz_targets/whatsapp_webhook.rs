//! WhatsApp inbound parsing: any signed webhook body is read as Meta's payload or refused, and
//! a payload's events (messages, button and list replies, statuses, unknown kinds) come out
//! without a panic, whatever their shape.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sportello::channels::whatsapp::parse::Payload;

fuzz_target!(|data: &[u8]| {
    if let Ok(payload) = serde_json::from_slice::<Payload>(data) {
        let _ = payload.events("106540352242922");
    }
});
