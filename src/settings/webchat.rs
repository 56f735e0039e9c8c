//! `webchat_*`: the chat on the Comune's own website (`channels::web`).

use serde::{Deserialize, Deserializer};

use super::{optional, parsed, whole};

/// `webchat_*`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WebChatSettings {
    /// `None`: no web chat.
    #[serde(deserialize_with = "optional")]
    pub listen: Option<String>,
    /// The sites whose pages may carry the widget (`https://www.comune.esempio.it`): CORS and
    /// `frame-ancestors`. Empty: none may.
    #[serde(deserialize_with = "origins")]
    pub origins: Vec<String>,
    /// The longest message a citizen may send, in characters.
    #[serde(deserialize_with = "whole")]
    pub max_chars: u32,
    /// Messages per minute from one address, and from one browser.
    #[serde(deserialize_with = "whole")]
    pub ip_per_minute: u32,
    #[serde(deserialize_with = "whole")]
    pub id_per_minute: u32,
}

impl Default for WebChatSettings {
    fn default() -> Self {
        WebChatSettings {
            listen: None,
            origins: Vec::new(),
            max_chars: 1000,
            ip_per_minute: 60,
            id_per_minute: 20,
        }
    }
}

/// A comma-separated list of origins, each `scheme://host[:port]` as a browser sends it.
fn origins<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    parsed(d, |t| {
        t.split([',', ' '])
            .filter(|o| !o.is_empty())
            .map(|o| {
                let o = o.trim_end_matches('/');
                let rest = o
                    .strip_prefix("https://")
                    .or_else(|| o.strip_prefix("http://"));
                match rest {
                    Some(host) if !host.is_empty() && !host.contains(['/', '?', '#', '*']) => {
                        Ok(o.to_ascii_lowercase())
                    }
                    _ => Err("origins such as https://www.comune.esempio.it, separated by commas"),
                }
            })
            .collect()
    })
}
