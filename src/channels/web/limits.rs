//! How much the web chat accepts: a token bucket per network address and one per browser,
//! refilled by the minute. A message over the limit is refused with a polite answer; the
//! widget keeps what the citizen wrote, so nothing is lost.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Buckets by key (an address, an id), each holding up to `per_minute` messages.
pub struct Limiter<K> {
    per_minute: f64,
    buckets: Mutex<HashMap<K, (f64, Instant)>>,
}

/// Buckets full for this long are forgotten when the map is swept.
const IDLE: Duration = Duration::from_secs(60);

impl<K: Hash + Eq + Clone> Limiter<K> {
    pub fn new(per_minute: u32) -> Limiter<K> {
        Limiter {
            per_minute: f64::from(per_minute.max(1)),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one message for `key` at `now`: `Ok`, or how long until one is allowed.
    pub fn take(&self, key: &K, now: Instant) -> Result<(), Duration> {
        let rate = self.per_minute / 60.0;
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if buckets.len() >= 4096 && buckets.len().is_power_of_two() {
            buckets.retain(|_, (_, at)| now.duration_since(*at) < IDLE);
        }
        let (tokens, at) = buckets.entry(key.clone()).or_insert((self.per_minute, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * rate).min(self.per_minute);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - *tokens) / rate))
        }
    }

    /// Gives back a message taken for `key` (the other limit refused it).
    pub fn give_back(&self, key: &K) {
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((tokens, _)) = buckets.get_mut(key) {
            *tokens = (*tokens + 1.0).min(self.per_minute);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_allows_its_minute_at_once_then_one_as_each_refills() {
        let limiter = Limiter::new(3);
        let start = Instant::now();
        for _ in 0..3 {
            assert_eq!(limiter.take(&"a", start), Ok(()));
        }
        let wait = limiter.take(&"a", start).unwrap_err();
        assert!(wait > Duration::from_secs(19) && wait <= Duration::from_secs(20));
        assert_eq!(limiter.take(&"b", start), Ok(()), "other keys are apart");
        let later = start + Duration::from_secs(21);
        assert_eq!(limiter.take(&"a", later), Ok(()));
        assert!(limiter.take(&"a", later).is_err());
        limiter.give_back(&"a");
        assert_eq!(limiter.take(&"a", later), Ok(()));
    }
}
