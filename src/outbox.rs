//! The outbox dispatcher: sends queued replies through a channel, in order per conversation,
//! retrying transient failures with backoff and recording permanent ones.
//!
//! Delivery is at least once at one boundary only: if the process dies after the channel
//! accepted a reply and before the row is marked sent, the row is sent again once its lease
//! runs out. Everything else is exactly once. See docs/storage.md.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::task::JoinSet;
use tracing::Instrument;

use crate::channels::{Channel, PermanentReason, SendError};
use crate::store::{ClaimedReply, Clock, Store, StoreError, SystemClock};

/// How the dispatcher paces itself.
#[derive(Debug, Clone)]
pub struct DispatcherConfig {
    /// Attempts before a reply that keeps failing transiently is given up.
    pub max_attempts: u32,
    /// The first retry delay; each further attempt doubles it, up to `max_backoff`.
    pub base_backoff: Duration,
    pub max_backoff: Duration,
    /// How long a claim holds. Must exceed `send_timeout` by a margin, or a slow send could be
    /// claimed and sent again by another process.
    pub lease: Duration,
    /// A send that takes longer counts as a transient failure.
    pub send_timeout: Duration,
    /// Replies sent at once (each to a different conversation).
    pub concurrency: u32,
    /// How often an idle dispatcher looks for rows written by other processes.
    pub poll_interval: Duration,
}

impl Default for DispatcherConfig {
    fn default() -> Self {
        DispatcherConfig {
            max_attempts: 8,
            base_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(300),
            lease: Duration::from_secs(60),
            send_timeout: Duration::from_secs(20),
            concurrency: 16,
            poll_interval: Duration::from_secs(1),
        }
    }
}

/// What a dispatcher pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DispatchStats {
    pub sent: u64,
    pub retried: u64,
    pub failed: u64,
}

impl DispatchStats {
    fn add(&mut self, other: DispatchStats) {
        self.sent += other.sent;
        self.retried += other.retried;
        self.failed += other.failed;
    }

    pub fn handled(&self) -> u64 {
        self.sent + self.retried + self.failed
    }
}

/// Sends the outbox rows of one channel kind.
pub struct Dispatcher<C: Channel> {
    store: Store,
    channel: Arc<C>,
    clock: Arc<dyn Clock>,
    config: DispatcherConfig,
    claimer: String,
}

impl<C: Channel> Dispatcher<C> {
    pub fn new(store: Store, channel: C) -> Dispatcher<C> {
        Dispatcher::with_arc(store, Arc::new(channel))
    }

    /// For a channel that is also used elsewhere (a bot adapter that both receives and sends).
    pub fn with_arc(store: Store, channel: Arc<C>) -> Dispatcher<C> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        Dispatcher {
            store,
            channel,
            clock: Arc::new(SystemClock),
            config: DispatcherConfig::default(),
            claimer: format!(
                "{}-{}-{}",
                std::process::id(),
                Utc::now().timestamp_millis(),
                NEXT.fetch_add(1, Ordering::Relaxed)
            ),
        }
    }

    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Dispatcher<C> {
        self.clock = clock;
        self
    }

    pub fn with_config(mut self, config: DispatcherConfig) -> Dispatcher<C> {
        self.config = config;
        self
    }

    /// Claims one batch of due replies and sends them. Returns what it did; zero handled
    /// means nothing was due.
    pub async fn run_once(&self) -> Result<DispatchStats, StoreError> {
        let now = self.clock.now();
        let claimed = self
            .store
            .claim_due(
                self.channel.kind(),
                now,
                self.config.lease,
                self.config.concurrency.max(1),
                &self.claimer,
            )
            .await?;
        let mut stats = DispatchStats::default();
        if claimed.is_empty() {
            return Ok(stats);
        }
        // Claimed rows belong to different conversations, so they can go out side by side.
        let mut sends = JoinSet::new();
        for row in claimed {
            let span = tracing::info_span!(
                "send",
                conversation_id = %row.recipient.conversation_id,
                outbox_id = %row.outbox_id,
                seq = row.seq
            );
            let job = SendJob {
                store: self.store.clone(),
                channel: self.channel.clone(),
                clock: self.clock.clone(),
                config: self.config.clone(),
            };
            sends.spawn(async move { job.deliver(row).await }.instrument(span));
        }
        let mut first_error = None;
        while let Some(joined) = sends.join_next().await {
            match joined {
                Ok(Ok(one)) => stats.add(one),
                Ok(Err(e)) => {
                    tracing::warn!(error = %e, "could not record a send result");
                    first_error.get_or_insert(e);
                }
                Err(e) => tracing::error!(error = %e, "send task failed"),
            }
        }
        match first_error {
            // The unrecorded rows keep their claim; they go again when the lease runs out.
            Some(e) if stats.handled() == 0 => Err(e),
            _ => Ok(stats),
        }
    }

    /// Sends until nothing is due now (replies waiting for a retry later are left).
    pub async fn run_until_idle(&self) -> Result<DispatchStats, StoreError> {
        let mut total = DispatchStats::default();
        loop {
            let stats = self.run_once().await?;
            if stats.handled() == 0 {
                return Ok(total);
            }
            total.add(stats);
        }
    }

    /// Sends until `shutdown` completes: wakes at once when this process queues replies, at
    /// the next retry time, and every `poll_interval` for rows queued by other processes.
    /// Database outages are logged and waited out.
    pub async fn run(&self, shutdown: impl Future<Output = ()>) {
        let wake = self.store.wake_signal();
        tokio::pin!(shutdown);
        loop {
            // Register interest before looking, so a commit between the look and the wait
            // still wakes us.
            let notified = wake.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();

            let mut pause = self.config.poll_interval;
            match self.run_until_idle().await {
                Ok(_) => {
                    if let Ok(Some(due)) = self.store.next_due(self.channel.kind()).await {
                        let until = (due - self.clock.now()).to_std().unwrap_or_default();
                        pause = pause.min(until.max(Duration::from_millis(10)));
                    }
                }
                Err(e) => tracing::warn!(error = %e, "outbox dispatcher pass failed"),
            }
            tokio::select! {
                () = &mut shutdown => return,
                () = notified => {}
                () = tokio::time::sleep(pause) => {}
            }
        }
    }
}

/// What one spawned send needs.
struct SendJob<C: Channel> {
    store: Store,
    channel: Arc<C>,
    clock: Arc<dyn Clock>,
    config: DispatcherConfig,
}

impl<C: Channel> SendJob<C> {
    async fn deliver(self, row: ClaimedReply) -> Result<DispatchStats, StoreError> {
        let mut stats = DispatchStats::default();
        let Some(reply) = &row.reply else {
            tracing::error!("unreadable outbox payload, giving up");
            let now = self.clock.now();
            self.store
                .mark_failed(&row, false, "unreadable payload", now)
                .await?;
            stats.failed = 1;
            return Ok(stats);
        };
        let result = match tokio::time::timeout(
            self.config.send_timeout,
            self.channel.send(&row.recipient, reply),
        )
        .await
        {
            Ok(result) => result,
            Err(_) => Err(SendError::Transient {
                retry_after: None,
                detail: "send timed out".to_owned(),
            }),
        };
        let now = self.clock.now();
        match result {
            Ok(sent_id) => {
                if !self.store.mark_sent(row.outbox_id, &sent_id.0, now).await? {
                    tracing::warn!("reply was already settled by another dispatcher");
                }
                stats.sent = 1;
            }
            Err(SendError::Transient {
                retry_after,
                detail,
            }) => {
                if row.attempts >= i64::from(self.config.max_attempts) {
                    tracing::warn!(attempts = row.attempts, %detail, "giving up after transient failures");
                    self.store
                        .mark_failed(&row, false, &format!("gave up: {detail}"), now)
                        .await?;
                    stats.failed = 1;
                } else {
                    let delay = backoff(&self.config, &row, retry_after, now);
                    tracing::debug!(attempts = row.attempts, ?delay, %detail, "send failed, will retry");
                    let at = now + chrono::Duration::from_std(delay).unwrap_or_default();
                    self.store
                        .mark_retry(row.outbox_id, at, &detail, now)
                        .await?;
                    stats.retried = 1;
                }
            }
            Err(SendError::Permanent { reason, detail }) => {
                tracing::warn!(reason = reason.code(), %detail, "send failed permanently");
                let error = format!("{}: {detail}", reason.code());
                self.store
                    .mark_failed(&row, reason == PermanentReason::Blocked, &error, now)
                    .await?;
                stats.failed = 1;
            }
        }
        // An export is a copy of the citizen's data: once settled, its row keeps none of it,
        // so the copy cannot outlive the originals' retention.
        if reply.attachment.is_some() && stats.retried == 0 {
            let emptied = crate::engine::Reply {
                text: String::new(),
                attachment: None,
                ..reply.clone()
            };
            let payload = serde_json::to_string(&emptied).unwrap_or_default();
            self.store
                .forget_attachment(row.outbox_id, &payload)
                .await?;
        }
        Ok(stats)
    }
}

/// The delay before the next attempt: the channel's `retry_after` when it gave one, else
/// exponential backoff; both with up to a quarter added at random, so replies that failed
/// together do not all retry in the same instant.
pub fn backoff(
    config: &DispatcherConfig,
    row: &ClaimedReply,
    retry_after: Option<Duration>,
    now: DateTime<Utc>,
) -> Duration {
    let base = retry_after.unwrap_or_else(|| {
        let exponent = u32::try_from(row.attempts.saturating_sub(1)).unwrap_or(u32::MAX);
        config
            .base_backoff
            .saturating_mul(2u32.saturating_pow(exponent.min(20)))
            .min(config.max_backoff)
    });
    // The jitter is derived from the row and the time: no random number generator needed.
    let seed = (row.outbox_id.0 as u64)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(now.timestamp_nanos_opt().unwrap_or_default() as u64);
    let fraction = (splitmix64(seed) % 1000) as f64 / 4000.0;
    base + base.mul_f64(fraction)
}

fn splitmix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}
