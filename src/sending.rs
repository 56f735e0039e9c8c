//! What a send can come to: the errors every channel returns, in the words the outbox, the
//! store and the hand-off understand. Plain data, at the bottom of the layers (ARCHITECTURE.md).

use std::time::Duration;

/// Why a permanent failure happened, as far as the store needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PermanentReason {
    /// The citizen blocked the bot or deleted the chat: the citizen is marked unreachable.
    Blocked,
    /// The channel refused this message (bad recipient, content rejected...).
    Rejected,
}

impl PermanentReason {
    pub fn code(self) -> &'static str {
        match self {
            PermanentReason::Blocked => "blocked",
            PermanentReason::Rejected => "rejected",
        }
    }
}

/// A failed send. `detail` is for operators and must hold no personal data (no message text,
/// no chat id): status codes and the channel's error description are fine.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// Worth retrying: time-outs, 5xx, 429 (with the channel's `retry_after` when it gave one).
    #[error("transient send failure: {detail}")]
    Transient {
        retry_after: Option<Duration>,
        detail: String,
    },
    /// Retrying will not help.
    #[error("permanent send failure ({}): {detail}", reason.code())]
    Permanent {
        reason: PermanentReason,
        detail: String,
    },
    /// The channel takes no free-form message now: the citizen's last message is older than
    /// its reply window (WhatsApp: 24 hours). The reply is held until the citizen writes.
    #[error("outside the reply window: {detail}")]
    OutsideWindow { detail: String },
}
