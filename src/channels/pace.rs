//! Sending pace shared by the channel adapters: a token bucket for all recipients together and
//! one per recipient, so that a channel's limits are kept without holding up other citizens;
//! a pause of the whole channel when the platform says "too many requests"; and the share of
//! the cap this process may use when several processes send for one channel.
//!
//! The platforms count in windows ("30 messages in any second"): a bucket that starts full
//! would let a second's worth go at once and another second's worth in the same window. The
//! global bucket therefore holds a fiftieth of a second's worth (one token at least), so sends
//! are spread evenly, at [`HEADROOM`] of the configured rate; and a send starts only while
//! fewer than the cap's worth of sends ended in the last second or are in flight
//! ([`Pace::wait`]), so that network jitter (a send delayed, the next on time) never puts one
//! message too many into a platform's window.

use std::collections::HashMap;
use std::hash::Hash;
#[cfg(test)]
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

/// The share of a configured rate the pace uses.
pub const HEADROOM: f64 = 0.99;

/// The global bucket's depth, in seconds of the pace: a send that starts late (the
/// dispatcher busy claiming) is made up for by the next ones, within the window's limit.
const GLOBAL_BURST_SECONDS: f64 = 0.02;

/// Keeps sends within a channel's limits: a token bucket for all chats, one per chat. `K` is
/// the channel's key for a recipient (a Telegram chat id, a WhatsApp number).
pub struct Pace<K> {
    global: Mutex<Bucket>,
    chats: Mutex<HashMap<K, Bucket>>,
    /// The configured rate for all chats together, before the share and the headroom.
    cap: f64,
    chat_rate: f64,
    /// Processes that send for this channel, this one included: each uses `cap / share`.
    share: AtomicU32,
    /// Until when the platform asked the whole channel to wait.
    paused_until: std::sync::Mutex<Option<Instant>>,
    /// The sends of the last second and those in flight (see [`Pace::wait`]).
    window: std::sync::Mutex<Window>,
    window_freed: tokio::sync::Notify,
}

/// When each send of the last second ended, and how many are in flight.
#[derive(Default)]
struct Window {
    done: std::collections::VecDeque<Instant>,
    in_flight: u32,
}

/// A send under way: dropped when the platform has answered, which ends it in the window.
pub struct Sending<'a> {
    window: &'a std::sync::Mutex<Window>,
    freed: &'a tokio::sync::Notify,
}

impl Drop for Sending<'_> {
    fn drop(&mut self) {
        let mut window = self.window.lock().unwrap_or_else(|e| e.into_inner());
        window.in_flight = window.in_flight.saturating_sub(1);
        window.done.push_back(Instant::now());
        drop(window);
        self.freed.notify_waiters();
    }
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    /// Takes a token, returning how long to wait for it.
    fn take(&mut self, rate: f64, burst: f64) -> Duration {
        let now = Instant::now();
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
pub const CHAT_BURST: f64 = 3.0;

impl<K: Hash + Eq + Clone> Pace<K> {
    /// `global_rate` messages per second to everyone, `chat_rate` to one recipient.
    pub fn new(global_rate: f64, chat_rate: f64) -> Pace<K> {
        Pace {
            global: Mutex::new(Bucket {
                tokens: 1.0,
                at: Instant::now(),
            }),
            chats: Mutex::new(HashMap::new()),
            cap: global_rate.max(0.001),
            chat_rate: (chat_rate * HEADROOM).max(0.001),
            share: AtomicU32::new(1),
            paused_until: std::sync::Mutex::new(None),
            window: std::sync::Mutex::new(Window::default()),
            window_freed: tokio::sync::Notify::new(),
        }
    }

    /// Messages per second this process sends at most, to all recipients together.
    pub fn rate(&self) -> f64 {
        self.cap * HEADROOM / f64::from(self.share.load(Ordering::Relaxed).max(1))
    }

    /// Shares the configured rate with `processes` processes in all (this one included).
    pub fn set_share(&self, processes: u32) {
        self.share.store(processes.max(1), Ordering::Relaxed);
    }

    /// Holds every send of the channel for `wait` (the platform's `retry_after`).
    pub fn pause(&self, wait: Duration) {
        let until = Instant::now() + wait;
        let mut paused = self.paused_until.lock().unwrap_or_else(|e| e.into_inner());
        if paused.is_none_or(|p| p < until) {
            *paused = Some(until);
        }
    }

    /// Until when the channel is paused, if it is.
    pub fn paused_until(&self) -> Option<Instant> {
        let paused = *self.paused_until.lock().unwrap_or_else(|e| e.into_inner());
        paused.filter(|&until| until > Instant::now())
    }

    /// The most sends of this process in any one second: its share of the cap.
    fn per_second(&self) -> usize {
        let share = f64::from(self.share.load(Ordering::Relaxed).max(1));
        ((self.cap / share).floor() as usize).max(1)
    }

    /// Waits until a message to `chat` may go; the send holds the returned [`Sending`] until
    /// the platform has answered.
    ///
    /// Besides the buckets, a send starts only while fewer than the cap's worth of sends ended
    /// in the last second or are still in flight. A send arrives at the platform between its
    /// start and its answer, so no second of the platform's clock can hold more than the cap,
    /// whatever the network's jitter. The price is the round trip: a send's second counts
    /// from its answer.
    pub async fn wait(&self, chat: K) -> Sending<'_> {
        self.paced(chat).await;
        loop {
            let freed = self.window_freed.notified();
            let wake = {
                let mut window = self.window.lock().unwrap_or_else(|e| e.into_inner());
                let now = Instant::now();
                while window
                    .done
                    .front()
                    .is_some_and(|&t| now.duration_since(t) >= Duration::from_secs(1))
                {
                    window.done.pop_front();
                }
                if window.done.len() + (window.in_flight as usize) < self.per_second() {
                    window.in_flight += 1;
                    return Sending {
                        window: &self.window,
                        freed: &self.window_freed,
                    };
                }
                window.done.front().map(|&t| t + Duration::from_secs(1))
            };
            match wake {
                Some(at) => {
                    tokio::select! {
                        () = tokio::time::sleep_until(at) => {}
                        () = freed => {}
                    }
                }
                None => freed.await,
            }
        }
    }

    /// Waits for the buckets and any pause.
    async fn paced(&self, chat: K) {
        loop {
            while let Some(until) = self.paused_until() {
                tokio::time::sleep_until(until).await;
            }
            let chat_wait = {
                let mut chats = self.chats.lock().await;
                if chats.len() > 100_000 {
                    // Buckets refilled long ago carry no information.
                    let now = Instant::now();
                    chats.retain(|_, b| now.duration_since(b.at) < Duration::from_secs(60));
                }
                let now = Instant::now();
                chats
                    .entry(chat.clone())
                    .or_insert(Bucket {
                        tokens: CHAT_BURST,
                        at: now,
                    })
                    .take(self.chat_rate, CHAT_BURST)
            };
            let rate = self.rate();
            let burst = (rate * GLOBAL_BURST_SECONDS).max(1.0);
            let global_wait = self.global.lock().await.take(rate, burst);
            let wait = chat_wait.max(global_wait);
            if !wait.is_zero() {
                tokio::time::sleep(wait).await;
            }
            // A pause that began meanwhile holds this send too: the turn is taken again after it.
            if self.paused_until().is_none() {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn within(took: Duration, expected: f64) {
        let expected = Duration::from_secs_f64(expected);
        assert!(
            took + Duration::from_millis(10) >= expected
                && took < expected + Duration::from_millis(60),
            "took {took:?}, expected about {expected:?}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn one_chat_gets_a_short_burst_then_one_message_a_second() {
        let pace = Pace::new(1000.0, 1.0);
        let start = Instant::now();
        for _ in 0..3 {
            pace.wait(7).await;
        }
        assert!(
            start.elapsed() < Duration::from_millis(10),
            "the burst passes at once"
        );
        pace.wait(7).await;
        pace.wait(7).await;
        within(start.elapsed(), 2.0 / HEADROOM);
        // Another chat is not held up by the first one's pace.
        let other = Instant::now();
        pace.wait(8).await;
        assert!(other.elapsed() < Duration::from_millis(10));
    }

    #[tokio::test(start_paused = true)]
    async fn all_chats_together_are_spread_evenly_within_the_global_rate() {
        let pace = Pace::new(30.0, 1.0);
        let start = Instant::now();
        let mut at = Vec::new();
        for chat in 0..91 {
            pace.wait(chat).await;
            at.push(start.elapsed());
        }
        // One at once, then 90 more at 30 per second less the headroom: never 31 in a second.
        within(start.elapsed(), 90.0 / (30.0 * HEADROOM));
        for (i, t) in at.iter().enumerate().skip(30) {
            assert!(
                *t - at[i - 30] >= Duration::from_secs(1),
                "31 sends within a second at {i}"
            );
        }
    }

    #[tokio::test(start_paused = true)]
    async fn string_keys_pace_like_numbers() {
        let pace: Pace<String> = Pace::new(80.0, 1.0);
        let start = Instant::now();
        for _ in 0..4 {
            pace.wait("393331234567".to_owned()).await;
        }
        within(start.elapsed(), 1.0 / HEADROOM);
    }

    #[tokio::test(start_paused = true)]
    async fn a_pause_holds_every_chat_and_sends_already_waiting() {
        let pace = Arc::new(Pace::new(10.0, 1.0));
        pace.wait(1).await;
        // Waiting for its turn (a tenth of a second) when the pause comes.
        let waiting = {
            let pace = pace.clone();
            tokio::spawn(async move {
                pace.wait(2).await;
                Instant::now()
            })
        };
        tokio::time::sleep(Duration::from_millis(20)).await;
        let paused_at = Instant::now();
        pace.pause(Duration::from_secs(3));
        pace.wait(3).await;
        assert!(paused_at.elapsed() >= Duration::from_secs(3));
        let went = waiting.await.unwrap();
        assert!(went.duration_since(paused_at) >= Duration::from_secs(3));
    }

    #[tokio::test(start_paused = true)]
    async fn a_share_of_the_cap_paces_at_that_share() {
        let pace = Pace::new(30.0, 1.0);
        pace.set_share(3);
        assert!((pace.rate() - 10.0 * HEADROOM).abs() < 1e-9);
        let start = Instant::now();
        for chat in 0..11 {
            pace.wait(chat).await;
        }
        within(start.elapsed(), 10.0 / (10.0 * HEADROOM));
    }
}
