//! Sending pace shared by the channel adapters: a token bucket for all recipients together and
//! one per recipient, so that a channel's limits are kept without holding up other citizens.

use std::collections::HashMap;
use std::hash::Hash;
use std::time::Duration;

use tokio::sync::Mutex;

/// Keeps sends within a channel's limits: a token bucket for all chats, one per chat. `K` is
/// the channel's key for a recipient (a Telegram chat id, a WhatsApp number).
pub struct Pace<K> {
    global: Mutex<Bucket>,
    chats: Mutex<HashMap<K, Bucket>>,
    global_rate: f64,
    chat_rate: f64,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: tokio::time::Instant,
}

impl Bucket {
    /// Takes a token, returning how long to wait for it.
    fn take(&mut self, rate: f64, burst: f64) -> Duration {
        let now = tokio::time::Instant::now();
        self.tokens = (self.tokens + now.duration_since(self.at).as_secs_f64() * rate).min(burst);
        self.at = now;
        self.tokens -= 1.0;
        if self.tokens >= 0.0 {
            Duration::ZERO
        } else {
            Duration::from_secs_f64(-self.tokens / rate)
        }
    }
}

/// Short bursts to one chat are allowed (a reply and a hand-off notice arrive together).
const CHAT_BURST: f64 = 3.0;

impl<K: Hash + Eq> Pace<K> {
    /// `global_rate` messages per second to everyone, `chat_rate` to one recipient.
    pub fn new(global_rate: f64, chat_rate: f64) -> Pace<K> {
        Pace {
            global: Mutex::new(Bucket {
                tokens: global_rate,
                at: tokio::time::Instant::now(),
            }),
            chats: Mutex::new(HashMap::new()),
            global_rate: global_rate.max(0.001),
            chat_rate: chat_rate.max(0.001),
        }
    }

    /// Waits until a message to `chat` may go.
    pub async fn wait(&self, chat: K) {
        let chat_wait = {
            let mut chats = self.chats.lock().await;
            if chats.len() > 100_000 {
                // Buckets refilled long ago carry no information.
                let now = tokio::time::Instant::now();
                chats.retain(|_, b| now.duration_since(b.at) < Duration::from_secs(60));
            }
            let now = tokio::time::Instant::now();
            chats
                .entry(chat)
                .or_insert(Bucket {
                    tokens: CHAT_BURST,
                    at: now,
                })
                .take(self.chat_rate, CHAT_BURST)
        };
        let global_wait = self
            .global
            .lock()
            .await
            .take(self.global_rate, self.global_rate);
        let wait = chat_wait.max(global_wait);
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn one_chat_gets_a_short_burst_then_one_message_a_second() {
        let pace = Pace::new(30.0, 1.0);
        let start = tokio::time::Instant::now();
        for _ in 0..3 {
            pace.wait(7).await;
        }
        assert!(
            start.elapsed() < Duration::from_millis(10),
            "the burst passes at once"
        );
        pace.wait(7).await;
        pace.wait(7).await;
        let took = start.elapsed();
        assert!(
            took >= Duration::from_millis(1990) && took < Duration::from_millis(2100),
            "{took:?}"
        );
        // Another chat is not held up by the first one's pace.
        let other = tokio::time::Instant::now();
        pace.wait(8).await;
        assert!(other.elapsed() < Duration::from_millis(10));
    }

    #[tokio::test(start_paused = true)]
    async fn all_chats_together_stay_within_the_global_rate() {
        let pace = Pace::new(30.0, 1.0);
        let start = tokio::time::Instant::now();
        for chat in 0..90 {
            pace.wait(chat).await;
        }
        // 30 at once, then 60 more at 30 per second.
        let took = start.elapsed();
        assert!(
            took >= Duration::from_millis(1990) && took < Duration::from_millis(2100),
            "{took:?}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn string_keys_pace_like_numbers() {
        let pace: Pace<String> = Pace::new(80.0, 1.0);
        let start = tokio::time::Instant::now();
        for _ in 0..4 {
            pace.wait("393331234567".to_owned()).await;
        }
        let took = start.elapsed();
        assert!(
            took >= Duration::from_millis(990) && took < Duration::from_millis(1100),
            "{took:?}"
        );
    }
}
