//! Announcements to the subscribers of a topic (`sportello broadcast`, `command`), the job
//! that queues them when due (`send`), and the emergency alerts made from a CAP source
//! (`cap`). What a citizen receives, and what staff may do to a broadcast, is
//! `crate::announcements`, shared with the web console.

pub mod cap;
pub mod command;
pub mod send;

pub use crate::announcements::{body, check_lengths, compose, payloads, priority};
