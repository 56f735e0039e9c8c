//! Channels: the adapters that carry messages between citizens and Sportello (Telegram,
//! WhatsApp, the chat on the Comune's website, the terminal chat). Only `channels/*` knows a
//! channel's own types; the rest of the crate sees the `Channel` trait and the small types
//! below.

use std::future::Future;
use std::time::Duration;

use crate::engine::Reply;
use crate::flows::limits::ChannelLimits;

pub mod media;
pub mod pace;
pub mod telegram;
pub mod terminal;
pub mod web;
pub mod whatsapp;

pub use crate::ids::{ChannelKind, ChannelUserId, Recipient, SentId};

pub use crate::sending::{PermanentReason, SendError};

/// The limits of every channel, as each declares them: the flows are checked against all of
/// them (`FlowSet::load`), whichever channels a deployment runs, so a set that passes
/// `flows check` can be served on any. The terminal chat shows anything.
pub const LIMITS: &[ChannelLimits] = &[telegram::LIMITS, whatsapp::LIMITS];

/// A channel that can deliver replies. Implemented by each channel adapter; the outbox
/// dispatcher is the only caller. `send` must return within the dispatcher's send time-out;
/// a `Transient` error is retried with backoff, a `Permanent` one is recorded and not retried.
pub trait Channel: Send + Sync + 'static {
    /// The kind of citizens this channel reaches; the dispatcher only hands it their replies.
    fn kind(&self) -> ChannelKind;

    fn send(
        &self,
        to: &Recipient,
        reply: &Reply,
    ) -> impl Future<Output = Result<SentId, SendError>> + Send;

    /// How long after a citizen's last message the channel accepts free-form replies
    /// (WhatsApp: 24 hours). `None`: any time. Outside it the dispatcher holds replies and
    /// sends [`Channel::send_reengagement`] once instead.
    fn reply_window(&self) -> Option<Duration> {
        None
    }

    /// How fast this process may send now, when the channel is paced.
    fn pace(&self) -> Option<PaceState> {
        None
    }

    /// Shares the channel's configured cap with `processes` processes in all, this one
    /// included (counted from the dispatchers' heartbeats in the store).
    fn set_share(&self, processes: u32) {
        let _ = processes;
    }

    /// What may go outside the reply window in place of `reply`, a message about `topic`
    /// that is not an answer to the citizen (a reminder, an announcement, an alert): on
    /// WhatsApp the approved template configured for the topic, with the text as its
    /// parameter. `None` when there is none: the row is held like a reply.
    fn send_outside_window(
        &self,
        to: &Recipient,
        topic: &str,
        reply: &Reply,
    ) -> impl Future<Output = Option<Result<SentId, SendError>>> + Send {
        let _ = (to, topic, reply);
        async { None }
    }

    /// The message that may go outside the reply window (on WhatsApp an approved template:
    /// "you have a reply from the Comune, write to us to read it").
    fn send_reengagement(
        &self,
        to: &Recipient,
    ) -> impl Future<Output = Result<SentId, SendError>> + Send {
        let _ = to;
        async {
            Err(SendError::Permanent {
                reason: PermanentReason::Rejected,
                detail: "this channel has no re-engagement message".into(),
            })
        }
    }
}

/// A paced channel's state: the messages per second this process may send (its share of the
/// cap, less the headroom), and how long the platform asked the whole channel to wait.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PaceState {
    pub rate: f64,
    pub paused_for: Option<Duration>,
}

impl<K: std::hash::Hash + Eq + Clone> pace::Pace<K> {
    pub fn state(&self) -> PaceState {
        PaceState {
            rate: self.rate(),
            paused_for: self
                .paused_until()
                .map(|until| until.saturating_duration_since(tokio::time::Instant::now())),
        }
    }
}

/// Compares a secret received from outside with the expected one in time that does not depend
/// on where they differ, so that the secret cannot be guessed byte by byte.
pub fn constant_time_eq(given: &[u8], expected: &[u8]) -> bool {
    subtle::ConstantTimeEq::ct_eq(given, expected).into()
}

#[cfg(test)]
mod tests {
    use super::constant_time_eq;

    #[test]
    fn secrets_match_only_when_equal() {
        assert!(constant_time_eq(b"s3cret", b"s3cret"));
        assert!(!constant_time_eq(b"s3cre", b"s3cret"));
        assert!(!constant_time_eq(b"s3cret!", b"s3cret"));
        assert!(!constant_time_eq(b"S3cret", b"s3cret"));
        assert!(!constant_time_eq(b"", b"s3cret"));
    }
}
