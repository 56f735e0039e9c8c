//! The integration tests: one crate, so one binary to build and link, with a module per area.
//! `cargo test --test it AREA::` runs one area (for example `cargo test --test it handoff::`).

#[macro_use]
#[path = "../common/mod.rs"]
mod common;
#[path = "../support/backlog.rs"]
mod backlog;
#[path = "../support/fake_telegram.rs"]
mod fake_telegram;
#[path = "../support/fake_whatsapp.rs"]
mod fake_whatsapp;
#[path = "../support/load.rs"]
mod load;
#[path = "../support/multipart.rs"]
mod multipart;

mod bad_input;
mod broadcasts;
mod browser;
mod cli;
mod console;
mod console_broadcasts;
mod crash_loop;
mod deploy;
mod digest;
mod engine;
mod faults;
mod handoff;
mod ingest;
mod insights;
mod layers;
mod logs;
mod media;
mod pace;
mod privacy;
mod redaction;
mod reveal;
mod sent_journal;
mod settings;
mod sso;
mod store;
mod store_crash;
mod subscriptions;
mod telegram;
mod waste;
mod webchat;
mod whatsapp;
mod whatsapp_handoff;
