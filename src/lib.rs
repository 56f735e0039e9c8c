//! Sportello: a 24/7 digital front desk for an Italian Comune on Telegram and WhatsApp.
#![forbid(unsafe_code)]

pub mod admin;
pub mod alerts;
pub mod announcements;
pub mod app;
pub mod broadcast;
pub mod calendar;
pub mod channels;
pub mod chat;
pub mod cli;
pub mod clock;
pub mod console;
pub mod conversations;
pub mod diag;
pub mod engine;
pub mod flows;
pub mod handoff;
pub mod i18n;
pub mod ids;
pub mod insights;
pub mod links;
pub mod metrics;
pub mod outbox;
pub mod privacy;
pub mod reminders;
pub mod sending;
pub mod settings;
pub mod store;
pub mod text;
pub mod unanswered;
pub mod users;
pub mod wake;
