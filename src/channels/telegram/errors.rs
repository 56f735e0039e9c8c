//! Telegram's errors, read: what a failed Bot API request means for the outbox (retry later,
//! or give up on the message) and how logs may show it.

use teloxide::{ApiError, RequestError};

use crate::sending::{PermanentReason, SendError};

/// A request error as logs and the outbox may show it. An answer that did not parse is not
/// quoted: it echoes the message sent and its chat, or holds the updates received.
pub(super) fn describe(error: &RequestError) -> String {
    match error {
        RequestError::InvalidJson { source, .. } => {
            format!("an answer that is not the expected JSON: {source}")
        }
        other => other.to_string(),
    }
}

/// What a failed request means for the outbox.
pub(crate) fn classify(error: RequestError) -> SendError {
    let detail = describe(&error);
    match error {
        RequestError::RetryAfter(seconds) => SendError::Transient {
            retry_after: Some(seconds.duration()),
            detail,
        },
        RequestError::Network(_) | RequestError::InvalidJson { .. } | RequestError::Io(_) => {
            SendError::Transient {
                retry_after: None,
                detail,
            }
        }
        RequestError::Api(
            ApiError::BotBlocked
            | ApiError::UserDeactivated
            | ApiError::ChatNotFound
            | ApiError::BotKicked
            | ApiError::BotKickedFromSupergroup,
        ) => SendError::Permanent {
            reason: PermanentReason::Blocked,
            detail,
        },
        RequestError::Api(ApiError::Unknown(description)) if is_server_side(&description) => {
            SendError::Transient {
                retry_after: None,
                detail,
            }
        }
        RequestError::Api(_) | RequestError::MigrateToChatId(_) => SendError::Permanent {
            reason: PermanentReason::Rejected,
            detail,
        },
    }
}

/// Telegram's descriptions of errors on its side (5xx, 429 without parameters).
fn is_server_side(description: &str) -> bool {
    [
        "Internal Server Error",
        "Bad Gateway",
        "Service Unavailable",
        "Gateway Timeout",
        "Too Many Requests",
    ]
    .iter()
    .any(|d| description.contains(d))
}
