//! The loop of a background worker: a pass, then a wait for whichever comes first of a wake
//! from this process, the next due time the pass reports, or the poll interval (for work
//! queued by other processes), until shutdown.

use std::future::Future;
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::sync::Notify;

use crate::clock::Clock;

/// The shortest wait before a due time: a time already past does not spin the loop.
const MIN_PAUSE: Duration = Duration::from_millis(10);

/// Runs `look` every `poll` until `stop` completes: the loop of a job that reads the clock
/// to know when it is due (the daily reminders, the weekly digest). Each look is given what
/// the last one returned (`state`: what is done already).
pub async fn every<S, P, F>(poll: Duration, stop: impl Future<Output = ()>, state: S, mut look: P)
where
    P: FnMut(S) -> F,
    F: Future<Output = S>,
{
    let work = async {
        let mut state = state;
        loop {
            state = look(state).await;
            tokio::time::sleep(poll).await;
        }
    };
    tokio::select! {
        () = stop => {}
        () = work => {}
    }
}

/// Runs `pass` until `shutdown` completes. Each pass returns when its next work falls due, if
/// it knows; it logs its own failures. Interest in `wake` is registered before each pass, so a
/// wake during the pass is not lost.
pub async fn run_passes<P, F>(
    wake: &Notify,
    poll_interval: Duration,
    clock: &dyn Clock,
    shutdown: impl Future<Output = ()>,
    mut pass: P,
) where
    P: FnMut() -> F,
    F: Future<Output = Option<DateTime<Utc>>>,
{
    tokio::pin!(shutdown);
    loop {
        let notified = wake.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        let pause = pause_until(poll_interval, pass().await, clock.now());
        tokio::select! {
            () = &mut shutdown => return,
            () = notified => {}
            () = tokio::time::sleep(pause) => {}
        }
    }
}

/// How long to wait after a pass: the poll interval, or less when work falls due sooner.
fn pause_until(
    poll_interval: Duration,
    due: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Duration {
    match due {
        Some(due) => {
            let until = (due - now).to_std().unwrap_or_default();
            poll_interval.min(until.max(MIN_PAUSE))
        }
        None => poll_interval,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pause_is_the_poll_interval_unless_work_falls_due_sooner() {
        let now = DateTime::<Utc>::UNIX_EPOCH;
        let poll = Duration::from_secs(5);
        let at = |ms: i64| Some(now + chrono::Duration::milliseconds(ms));
        assert_eq!(pause_until(poll, None, now), poll);
        assert_eq!(pause_until(poll, at(60_000), now), poll);
        assert_eq!(
            pause_until(poll, at(1_500), now),
            Duration::from_millis(1_500)
        );
        assert_eq!(pause_until(poll, at(2), now), MIN_PAUSE);
        assert_eq!(pause_until(poll, at(-1_000), now), MIN_PAUSE);
    }
}
