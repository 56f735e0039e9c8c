//! The terminal channel used by `sportello chat`: the citizen's replies and the operators'
//! posts are kept to be printed, instead of being sent.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use super::{Channel, ChannelKind, Recipient, SendError, SentId};
use crate::engine::Reply;
use crate::handoff::{DeskError, OperatorsDesk};

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

/// The citizen's side: replies are kept to be printed, whatever produced them (the engine,
/// the hand-off's case notice, an operator).
#[derive(Default)]
pub struct TerminalScreen {
    sent: Mutex<Vec<Reply>>,
}

impl TerminalScreen {
    /// The replies sent since the last call, in sending order.
    pub fn take(&self) -> Vec<Reply> {
        std::mem::take(&mut *self.sent.lock().unwrap_or_else(|p| p.into_inner()))
    }
}

impl Channel for TerminalScreen {
    fn kind(&self) -> ChannelKind {
        ChannelKind::Terminal
    }

    async fn send(&self, _to: &Recipient, reply: &Reply) -> Result<SentId, SendError> {
        self.sent
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(reply.clone());
        Ok(SentId::default())
    }
}

/// The operators' group: what the hand-off posts there is kept to be printed.
#[derive(Default)]
pub struct TerminalDesk {
    posts: Mutex<Vec<String>>,
    topics: AtomicU64,
}

impl TerminalDesk {
    /// The posts since the last call; a new topic shows as `# name`.
    pub fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.posts.lock().unwrap_or_else(|p| p.into_inner()))
    }
}

impl OperatorsDesk for TerminalDesk {
    async fn create_topic(&self, name: &str) -> Result<String, DeskError> {
        self.posts
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(format!("# {name}"));
        Ok((self.topics.fetch_add(1, Ordering::Relaxed) + 1).to_string())
    }

    async fn post(&self, _topic: Option<&str>, text: &str) -> Result<(), DeskError> {
        self.posts
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(text.to_string());
        Ok(())
    }
}
