//! End-to-end load on the real `sportello run` process: a fake Bot API server on loopback hands
//! it updates by long polling (batches of up to 100) and times the replies it sends back.
//!
//! `cargo build --release && cargo bench --bench telegram [sqlite] [postgres]` (PostgreSQL
//! needs `SPORTELLO_TEST_POSTGRES_URL`; each run gets a fresh database, dropped afterwards).
//! The measurements (throughput, latency at 500 updates/s, memory with 10,000 chats) and the
//! scripts are those of `support/load.rs` and `support/scripts.rs`, shared with the WhatsApp
//! benchmark; figures in docs/benchmarks.md. An update's latency runs from the moment it is
//! queued in the fake to the first `sendMessage` it causes.

#[path = "support/cpu.rs"]
mod cpu;
#[path = "../tests/support/fake_telegram.rs"]
mod fake_telegram;
#[path = "support/load.rs"]
mod load;
#[path = "../tests/support/multipart.rs"]
mod multipart;
#[path = "support/pg.rs"]
mod pg;
#[path = "support/scripts.rs"]
mod scripts;
#[path = "support/service.rs"]
mod service;
#[path = "support/timing.rs"]
mod timing;

use std::time::Instant;

use fake_telegram::{Delivery, FakeTelegram, tap_query, text_message};
use scripts::{Message, Surface, tappable};
use serde_json::json;
use sportello::channels::telegram::{keyboard, parse_update, receive};
use sportello::engine::{Input, Reply};
use sportello::i18n::Lang;
use teloxide::types::InlineKeyboardButtonKind;
use tokio::sync::mpsc::UnboundedReceiver;

/// Telegram: one `sendMessage` per reply, options as inline buttons carrying `flow.step/choice`.
#[derive(Clone, Copy)]
struct Telegram;

impl Surface for Telegram {
    fn lang(&self, tag: &'static str) -> Option<Lang> {
        Lang::from_tag(tag)
    }

    fn sends(&self, replies: &[Reply]) -> usize {
        replies.len()
    }

    fn options(&self, reply: &Reply) -> Vec<Message> {
        let Some(markup) = keyboard(reply) else {
            return Vec::new();
        };
        // One button per row, one row per choice.
        reply
            .choices
            .iter()
            .zip(markup.inline_keyboard.iter().flatten())
            .filter(|(choice, _)| tappable(choice))
            .filter_map(|(_, button)| match &button.kind {
                InlineKeyboardButtonKind::CallbackData(data) => Some(Message::Tap(data.clone())),
                _ => None,
            })
            .collect()
    }

    fn input(&self, tag: &'static str, message: &Message) -> Input {
        let update = match message {
            Message::Text(text) => json!({ "update_id": 1, "message": text_message(1, tag, text) }),
            Message::Tap(data) | Message::Choose(data) => {
                json!({ "update_id": 1, "callback_query": tap_query(1, tag, data) })
            }
        };
        let update = parse_update(update.to_string().as_bytes()).expect("an update");
        receive(&update).inbound.expect("a citizen's message").input
    }
}

impl load::Channel for Telegram {
    const NAME: &'static str = "telegram";
    type Citizens = FakeTelegram;
    type Arrival = Delivery;

    async fn start(self) -> (FakeTelegram, UnboundedReceiver<Delivery>) {
        FakeTelegram::start_light().await
    }
}

impl load::Citizens for FakeTelegram {
    fn settings(&self) -> Vec<(&'static str, String)> {
        vec![
            ("SPORTELLO_TELEGRAM_TOKEN", "123:BENCH".into()),
            ("SPORTELLO_TELEGRAM_API_URL", self.url()),
            // Pacing off: the fake does not rate-limit, and the bench measures the service.
            ("SPORTELLO_TELEGRAM_RATE", "1000000".into()),
            ("SPORTELLO_TELEGRAM_CHAT_RATE", "1000000".into()),
        ]
    }

    fn send(&self, chat: i64, lang: &'static str, message: &Message) {
        match message {
            Message::Text(text) => self.text(chat, lang, text),
            Message::Tap(data) | Message::Choose(data) => self.tap(chat, lang, data),
        };
    }
}

impl load::Arrival for Delivery {
    fn chat(&self) -> i64 {
        self.chat_id
    }

    fn at(&self) -> Instant {
        self.at
    }
}

fn main() {
    load::main(Telegram);
}
