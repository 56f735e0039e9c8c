//! Identifiers and addresses that every layer names: the store's row ids, the channel a citizen
//! writes from, the channel's own id for the citizen, and where a reply goes. Plain data, at the
//! bottom of the layers (ARCHITECTURE.md), so that the store and the turn need not import the
//! channels to name a citizen.

use std::fmt;
use std::str::FromStr;

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// A conversation: what logs and spans name instead of the citizen.
    ConversationId
);
id_type!(CitizenId);
id_type!(OutboxId);
id_type!(InboundId);

/// Which channel a citizen writes from. Stored as its `code()` in the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChannelKind {
    Telegram,
    WhatsApp,
    Terminal,
    /// The chat on the Comune's own website (`channels::web`).
    Web,
}

impl ChannelKind {
    pub const ALL: [ChannelKind; 4] = [
        ChannelKind::Telegram,
        ChannelKind::WhatsApp,
        ChannelKind::Terminal,
        ChannelKind::Web,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ChannelKind::Telegram => "telegram",
            ChannelKind::WhatsApp => "whatsapp",
            ChannelKind::Terminal => "terminal",
            ChannelKind::Web => "web",
        }
    }
}

impl FromStr for ChannelKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ChannelKind::ALL
            .into_iter()
            .find(|kind| kind.code() == s)
            .ok_or_else(|| format!("unknown channel {s:?}"))
    }
}

impl fmt::Display for ChannelKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The channel's own id for a citizen (a Telegram chat id, a WhatsApp phone number, a terminal
/// user name). Personal data: `Debug` and `Display` never show it, so it cannot reach a log by
/// accident; read it with `expose()` where the channel needs it.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ChannelUserId(String);

impl ChannelUserId {
    pub fn new(id: impl Into<String>) -> ChannelUserId {
        ChannelUserId(id.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ChannelUserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ChannelUserId(<redacted>)")
    }
}

/// Where a reply goes. The conversation id is what logs and spans may show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub channel: ChannelKind,
    pub user: ChannelUserId,
    pub conversation_id: ConversationId,
}

/// The channel's id for a message it delivered (a Telegram message id, a WhatsApp `wamid`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SentId(pub String);
