//! The chat on the Comune's own website: a script tag loads a small widget (`widget.js`,
//! embedded here) that posts what the citizen writes and reads the replies as server-sent
//! events. The citizen is an anonymous id the browser generates and keeps (rotated by the
//! citizen with one button); replies are the outbox rows of that citizen, read back in their
//! order (`Store::web_replies_after`), so a page that reconnects, even to another process or
//! after a restart, gets what followed the last event it saw: nothing lost, nothing twice.
//!
//! Delivering a reply is making it readable: `send` only wakes the citizen's open streams and
//! keeps a data export (the one reply that carries a file) in memory for a few minutes, to
//! be downloaded once; the outbox row keeps none of it once settled.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use tokio::sync::Notify;

use super::{Channel, ChannelKind, Recipient, SendError, SentId};
use crate::engine::{Attachment, Reply};

pub mod api;
mod calendar;
mod limits;

pub use api::{WebApi, router};

/// How long a data export waits to be downloaded.
pub const DOWNLOAD_KEEP: Duration = Duration::from_secs(15 * 60);
/// The prefix of a delivered reply's id when it carries a download.
const DOWNLOAD_PREFIX: &str = "dl-";

/// The web channel: the citizens' open streams and the exports waiting to be downloaded.
#[derive(Default)]
pub struct WebChat {
    /// Per citizen (the anonymous id), what wakes their open streams.
    watchers: Mutex<HashMap<String, Weak<Notify>>>,
    downloads: Mutex<HashMap<String, Download>>,
}

/// A data export waiting for its citizen.
#[derive(Clone)]
pub struct Download {
    pub user: String,
    /// The reply's text as sent (the export's readable part).
    pub text: String,
    pub file: Attachment,
    until: Instant,
}

impl WebChat {
    pub fn new() -> WebChat {
        WebChat::default()
    }

    /// What wakes the streams of `user` when a reply for them is delivered in this process.
    pub fn watch(&self, user: &str) -> Arc<Notify> {
        let mut watchers = self.watchers.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(notify) = watchers.get(user).and_then(Weak::upgrade) {
            return notify;
        }
        // Streams that ended leave dead entries: swept as the map grows.
        if watchers.len() >= 64 && watchers.len().is_power_of_two() {
            watchers.retain(|_, w| w.strong_count() > 0);
        }
        let notify = Arc::new(Notify::new());
        watchers.insert(user.to_owned(), Arc::downgrade(&notify));
        notify
    }

    /// The export delivered as `sent_id` to `user`, while it is kept.
    pub fn download(&self, user: &str, sent_id: &str) -> Option<Download> {
        let mut downloads = self.downloads.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        downloads.retain(|_, d| d.until > now);
        downloads
            .get(sent_id)
            .filter(|d| super::constant_time_eq(d.user.as_bytes(), user.as_bytes()))
            .cloned()
    }

    fn keep_download(&self, user: &str, reply: &Reply, file: &Attachment) -> String {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes).expect("the system's random generator failed");
        let key = format!("{DOWNLOAD_PREFIX}{}", hex::encode(bytes));
        let download = Download {
            user: user.to_owned(),
            text: reply.text.clone(),
            file: file.clone(),
            until: Instant::now() + DOWNLOAD_KEEP,
        };
        let mut downloads = self.downloads.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        downloads.retain(|_, d| d.until > now);
        downloads.insert(key.clone(), download);
        key
    }
}

/// Whether a delivered reply's id names a download.
pub fn is_download(sent_id: &str) -> bool {
    sent_id.starts_with(DOWNLOAD_PREFIX)
}

impl Channel for WebChat {
    fn kind(&self) -> ChannelKind {
        ChannelKind::Web
    }

    async fn send(&self, to: &Recipient, reply: &Reply) -> Result<SentId, SendError> {
        let user = to.user.expose();
        let sent = match &reply.attachment {
            Some(file) => SentId(self.keep_download(user, reply, file)),
            None => SentId::default(),
        };
        let notify = self
            .watchers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(user)
            .and_then(Weak::upgrade);
        if let Some(notify) = notify {
            notify.notify_waiters();
        }
        Ok(sent)
    }
}
