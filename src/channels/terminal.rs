//! The terminal channel used by `sportello chat`: replies are printed instead of sent.

use std::io::Write;
use std::sync::Mutex;

use super::{Channel, ChannelKind, Recipient, SendError, SentId};
use crate::engine::Reply;

/// Prints each reply (text, then numbered choices) to a writer, standard output by default.
/// `quiet()` prints nothing: for `sportello chat --json`, which prints its own JSON per turn
/// from `conversations::Handled` and only needs the outbox rows marked sent.
pub struct TerminalChannel {
    out: Option<Mutex<Box<dyn Write + Send>>>,
}

impl TerminalChannel {
    pub fn stdout() -> TerminalChannel {
        TerminalChannel::new(Box::new(std::io::stdout()))
    }

    pub fn new(out: Box<dyn Write + Send>) -> TerminalChannel {
        TerminalChannel {
            out: Some(Mutex::new(out)),
        }
    }

    pub fn quiet() -> TerminalChannel {
        TerminalChannel { out: None }
    }
}

/// How a reply looks in the terminal.
pub fn render(reply: &Reply) -> String {
    let mut text = reply.text.clone();
    for (i, choice) in reply.choices.iter().enumerate() {
        text.push_str(&format!("\n  {}. {}", i + 1, choice.label));
        if let Some(url) = &choice.url {
            text.push_str(&format!(" <{url}>"));
        }
    }
    text
}

impl Channel for TerminalChannel {
    fn kind(&self) -> ChannelKind {
        ChannelKind::Terminal
    }

    async fn send(&self, _to: &Recipient, reply: &Reply) -> Result<SentId, SendError> {
        if let Some(out) = &self.out {
            let mut out = out.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            writeln!(out, "{}", render(reply))
                .and_then(|()| out.flush())
                .map_err(|e| SendError::Transient {
                    retry_after: None,
                    detail: format!("terminal write failed: {e}"),
                })?;
        }
        Ok(SentId::default())
    }
}
