//! The outbox dispatcher: sends queued replies through a channel, in order per conversation,
//! retrying transient failures with backoff and recording permanent ones.
//!
//! Delivery is at least once at one boundary only: if the process dies after the channel
//! accepted a reply and before the row is marked sent, the row is sent again once its lease
//! runs out. Everything else is exactly once. A [`SentJournal`] narrows that window from a
//! database write to one `write` to a file: each accepted send is appended there first, and
//! the next start marks what the journal holds. See docs/storage.md.

use std::collections::HashMap;
use std::future::Future;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::sync::{Notify, broadcast};
use tokio::task::JoinSet;
use tracing::Instrument;

use crate::channels::{Channel, PermanentReason, SendError, SentId};
use crate::clock::{Clock, SystemClock};
use crate::metrics::Metrics;
use crate::store::{ClaimedReply, OutboxId, Priority, Reengagement, Store, StoreError};
use crate::wake;

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
    /// Replies sent at once (each to a different conversation). A send that has waited longer
    /// than [`DispatcherConfig::slow_after`] stops counting: it is stuck on a slow or hung
    /// connection, not using the channel, and the queue goes on without it (up to
    /// [`SLOW_SENDS_PER_SLOT`] such sends per slot, so a channel that hangs every call cannot
    /// open connections without bound).
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
            concurrency: 64,
            poll_interval: Duration::from_secs(1),
        }
    }
}

/// How far ahead of the channel's pace rows are claimed: the longest a reply waits behind
/// the announcements already claimed (see `Dispatcher::slots`).
pub const CLAIM_AHEAD: Duration = Duration::from_millis(250);

/// How many sends past [`DispatcherConfig::slow_after`] may wait, per slot of `concurrency`.
pub const SLOW_SENDS_PER_SLOT: usize = 3;

impl DispatcherConfig {
    /// When a send in flight stops holding its slot: a quarter of the send time-out, at most
    /// one second. A send to Telegram or the Graph API normally takes a fraction of that.
    pub fn slow_after(&self) -> Duration {
        (self.send_timeout / 4).min(Duration::from_secs(1))
    }
}

/// What a dispatcher pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DispatchStats {
    pub sent: u64,
    pub retried: u64,
    pub failed: u64,
    /// Held outside the channel's reply window until the citizen writes again.
    pub held: u64,
}

impl DispatchStats {
    fn add(&mut self, other: DispatchStats) {
        self.sent += other.sent;
        self.retried += other.retried;
        self.failed += other.failed;
        self.held += other.held;
    }

    pub fn handled(&self) -> u64 {
        self.sent + self.retried + self.failed + self.held
    }
}

pub use crate::store::Held;

mod share;
pub use share::{payload_topic, payload_with_topic};

/// Sends the outbox rows of one channel kind.
pub struct Dispatcher<C: Channel> {
    store: Store,
    channel: Arc<C>,
    clock: Arc<dyn Clock>,
    config: DispatcherConfig,
    claimer: String,
    held: Option<broadcast::Sender<Held>>,
    journal: Option<Arc<SentJournal>>,
    metrics: Arc<Metrics>,
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
            held: None,
            journal: None,
            metrics: Arc::new(Metrics::new()),
        }
    }

    /// Counts into the service's `metrics` (else into an instance of its own).
    pub fn with_metrics(mut self, metrics: Arc<Metrics>) -> Dispatcher<C> {
        self.metrics = metrics;
        self
    }

    /// Tells `notices` about every reply held outside the reply window.
    pub fn with_held_notices(mut self, notices: broadcast::Sender<Held>) -> Dispatcher<C> {
        self.held = Some(notices);
        self
    }

    /// Appends every accepted send to `journal` before recording it in the store.
    pub fn with_journal(mut self, journal: Arc<SentJournal>) -> Dispatcher<C> {
        self.journal = Some(journal);
        self
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
        let mut sends = JoinSet::new();
        let pace = Arc::new(Pace::default());
        let claimed = self
            .claim_into(&mut sends, &pace, self.slots() as u32)
            .await?;
        let mut stats = DispatchStats::default();
        if claimed == 0 {
            return Ok(stats);
        }
        let mut first_error = None;
        while let Some(joined) = sends.join_next().await {
            settle(joined, &mut stats, &mut first_error);
        }
        match first_error {
            // The unrecorded rows keep their claim; they go again when the lease runs out.
            Some(e) if stats.handled() == 0 => Err(e),
            _ => Ok(stats),
        }
    }

    /// Sends until nothing is due now (replies waiting for a retry later are left).
    ///
    /// Sending is continuous: up to `concurrency` sends are in flight, and as they finish
    /// more rows are claimed, without waiting for the slowest send of a batch. A send slower
    /// than [`DispatcherConfig::slow_after`] gives its slot up the same way. A finished send
    /// can make its conversation's next reply due, so the queue is looked at again as sends
    /// finish, until nothing is claimed and nothing is in flight. To keep claims (each a
    /// database write) fewer than sends under load, the refill waits until a quarter of the
    /// slots are free, or until every send has finished.
    pub async fn run_until_idle(&self) -> Result<DispatchStats, StoreError> {
        let pace = Arc::new(Pace::default());
        let mut sends = JoinSet::new();
        let mut total = DispatchStats::default();
        let mut first_error = None;
        loop {
            // Read each time: the share of the cap changes with the processes that send.
            let slots = self.slots();
            let most = slots * (1 + SLOW_SENDS_PER_SLOT);
            let refill_at = (slots / 4).max(1);
            let free = slots
                .saturating_sub(pace.active.load(Ordering::Acquire))
                .min(most.saturating_sub(sends.len()));
            let paused = self.channel.pace().and_then(|p| p.paused_for);
            if let (Some(wait), true) = (paused, sends.is_empty()) {
                // The platform asked for a pause: claims now would only wait, holding rows a
                // reply queued meanwhile should overtake.
                tokio::time::sleep(wait).await;
                continue;
            }
            if paused.is_none()
                && (free >= refill_at || sends.is_empty())
                && let Err(e) = self.claim_into(&mut sends, &pace, free.max(1) as u32).await
            {
                // Let the sends in flight record their results, then report.
                while let Some(joined) = sends.join_next().await {
                    settle(joined, &mut total, &mut first_error);
                }
                return if total.handled() == 0 {
                    Err(e)
                } else {
                    Ok(total)
                };
            }
            if sends.is_empty() {
                break;
            }
            tokio::select! {
                Some(joined) = sends.join_next() => settle(joined, &mut total, &mut first_error),
                () = pace.slowed.notified() => {}
            }
            while let Some(joined) = sends.try_join_next() {
                settle(joined, &mut total, &mut first_error);
            }
        }
        match first_error {
            Some(e) if total.handled() == 0 => Err(e),
            _ => Ok(total),
        }
    }

    /// How many rows may be in flight: all of `concurrency` on an unpaced channel; on a paced
    /// one, what it sends in [`CLAIM_AHEAD`], so that a reply claimed after them waits that
    /// long at most for its turn, however long the backlog of announcements.
    fn slots(&self) -> usize {
        let most = self.config.concurrency.max(1) as usize;
        match self.channel.pace() {
            Some(pace) => {
                let ahead = (pace.rate * CLAIM_AHEAD.as_secs_f64()).ceil();
                (ahead as usize).clamp(1, most)
            }
            None => most,
        }
    }

    /// Claims up to `limit` due replies and spawns their sends; returns how many.
    async fn claim_into(
        &self,
        sends: &mut JoinSet<Result<DispatchStats, StoreError>>,
        pace: &Arc<Pace>,
        limit: u32,
    ) -> Result<u32, StoreError> {
        let claimed = self
            .store
            .claim_due(
                self.channel.kind(),
                self.clock.now(),
                self.config.lease,
                limit.max(1),
                &self.claimer,
            )
            .await?;
        let n = claimed.len() as u32;
        // Claimed rows belong to different conversations, so they can go out side by side.
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
                held: self.held.clone(),
                journal: self.journal.clone(),
                metrics: self.metrics.clone(),
            };
            let slot = Slot::take(pace.clone());
            let slow_after = self.config.slow_after();
            sends.spawn(
                async move {
                    let deliver = job.deliver(row);
                    tokio::pin!(deliver);
                    tokio::select! {
                        done = &mut deliver => return done,
                        () = tokio::time::sleep(slow_after) => slot.give_up(),
                    }
                    deliver.await
                }
                .instrument(span),
            );
        }
        Ok(n)
    }

    /// Sends until `shutdown` completes: wakes at once when this process queues replies, at
    /// the next retry time, and every `poll_interval` for rows queued by other processes.
    /// Database outages are logged and waited out.
    ///
    /// On a paced channel it also keeps a heartbeat in the store and paces at its share of
    /// the cap (see `share`).
    pub async fn run(&self, shutdown: impl Future<Output = ()>) {
        let wake = self.store.wake_signal();
        let poll = self.config.poll_interval;
        if self.channel.pace().is_none() {
            wake::run_passes(&wake, poll, &*self.clock, shutdown, || self.pass()).await;
            return;
        }
        let (channel, claimer) = (&*self.channel, self.claimer.as_str());
        tokio::pin!(shutdown);
        let processes = tokio::select! {
            () = &mut shutdown => return,
            n = share::first_beat(&self.store, channel, claimer, &*self.clock) => n,
        };
        let heartbeat = share::keep_share(
            self.store.clone(),
            channel,
            claimer,
            &*self.clock,
            processes,
        );
        tokio::select! {
            () = wake::run_passes(&wake, poll, &*self.clock, shutdown, || self.pass()) => {}
            () = heartbeat => {}
        }
        share::leave(&self.store, channel, claimer).await;
    }

    /// One pass of [`Self::run`]; returns when the next work falls due, if known.
    async fn pass(&self) -> Option<DateTime<Utc>> {
        match self.run_until_idle().await {
            Ok(_) => self
                .store
                .next_due(self.channel.kind())
                .await
                .ok()
                .flatten(),
            Err(e) => {
                tracing::warn!(error = %e, "outbox dispatcher pass failed");
                None
            }
        }
    }
}

/// The sends of one dispatcher pass that hold a slot, and a wake-up for each that gives its
/// slot up because it is slow.
#[derive(Default)]
struct Pace {
    active: AtomicUsize,
    slowed: Notify,
}

/// One send's hold on a slot: released when the send is found slow or when it ends.
struct Slot {
    pace: Option<Arc<Pace>>,
}

impl Slot {
    fn take(pace: Arc<Pace>) -> Slot {
        pace.active.fetch_add(1, Ordering::AcqRel);
        Slot { pace: Some(pace) }
    }

    fn give_up(mut self) {
        if let Some(pace) = self.pace.take() {
            pace.active.fetch_sub(1, Ordering::AcqRel);
            pace.slowed.notify_one();
        }
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        if let Some(pace) = self.pace.take() {
            pace.active.fetch_sub(1, Ordering::AcqRel);
        }
    }
}

/// Adds a finished send to `stats`, keeping the first store error.
fn settle(
    joined: Result<Result<DispatchStats, StoreError>, tokio::task::JoinError>,
    stats: &mut DispatchStats,
    first_error: &mut Option<StoreError>,
) {
    match joined {
        Ok(Ok(one)) => stats.add(one),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "could not record a send result");
            first_error.get_or_insert(e);
        }
        Err(e) => tracing::error!(error = %e, "send task failed"),
    }
}

/// What one spawned send needs.
struct SendJob<C: Channel> {
    store: Store,
    channel: Arc<C>,
    clock: Arc<dyn Clock>,
    config: DispatcherConfig,
    held: Option<broadcast::Sender<Held>>,
    journal: Option<Arc<SentJournal>>,
    metrics: Arc<Metrics>,
}

impl<C: Channel> SendJob<C> {
    async fn deliver(self, row: ClaimedReply) -> Result<DispatchStats, StoreError> {
        let mut stats = DispatchStats::default();
        let Ok(reply) = &serde_json::from_str::<crate::engine::Reply>(&row.payload) else {
            tracing::error!("unreadable outbox payload, giving up");
            let now = self.clock.now();
            self.store
                .mark_failed(&row, false, "unreadable payload", now)
                .await?;
            stats.failed = 1;
            return Ok(stats);
        };
        if let Some(window) = self.channel.reply_window() {
            let now = self.clock.now();
            let last = row.last_inbound_at;
            let window = chrono::Duration::from_std(window).unwrap_or(chrono::Duration::MAX);
            if last.is_none_or(|last| now - last >= window) {
                match self.outside_window(&row, reply).await {
                    Some(sent) => return self.settle_send(row, reply, Some(sent)).await,
                    None => return self.hold(row, last).await,
                }
            }
        }
        self.settle_send(row, reply, None).await
    }

    /// Outside the reply window, a reminder, an announcement or an alert goes as what the
    /// channel allows for its topic (WhatsApp: the topic's approved template), if anything.
    async fn outside_window(
        &self,
        row: &ClaimedReply,
        reply: &crate::engine::Reply,
    ) -> Option<Result<SentId, SendError>> {
        if row.priority == Priority::Reply {
            return None;
        }
        let topic = payload_topic(&row.payload)?;
        share::after_pause(&*self.channel).await;
        let send = self
            .channel
            .send_outside_window(&row.recipient, &topic, reply);
        match tokio::time::timeout(self.config.send_timeout, send).await {
            Ok(sent) => sent,
            Err(_) => Some(Err(SendError::Transient {
                retry_after: None,
                detail: "send timed out".to_owned(),
            })),
        }
    }

    /// Sends the row (unless `sent` says how a send already went) and records the result.
    async fn settle_send(
        self,
        row: ClaimedReply,
        reply: &crate::engine::Reply,
        sent: Option<Result<SentId, SendError>>,
    ) -> Result<DispatchStats, StoreError> {
        let mut stats = DispatchStats::default();
        let result = match sent {
            Some(sent) => sent,
            None => {
                share::after_pause(&*self.channel).await;
                let send = self.channel.send(&row.recipient, reply);
                match tokio::time::timeout(self.config.send_timeout, send).await {
                    Ok(result) => result,
                    Err(_) => Err(SendError::Transient {
                        retry_after: None,
                        detail: "send timed out".to_owned(),
                    }),
                }
            }
        };
        let now = self.clock.now();
        match result {
            Ok(sent_id) => {
                if let Some(journal) = &self.journal {
                    journal.record(row.outbox_id, &sent_id.0);
                }
                if !self.store.mark_sent(row.outbox_id, &sent_id.0, now).await? {
                    tracing::warn!("reply was already settled by another dispatcher");
                }
                if let Some(journal) = &self.journal {
                    journal.settled(row.outbox_id);
                }
                stats.sent = 1;
            }
            Err(SendError::Transient {
                retry_after,
                detail,
            }) => {
                // A "too many requests" is the platform's pace, not a failure of the row: it
                // is retried after the wait however often it comes.
                if retry_after.is_none() && row.attempts >= i64::from(self.config.max_attempts) {
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
                self.metrics.send_failures.inc(reason.code());
                let error = format!("{}: {detail}", reason.code());
                self.store
                    .mark_failed(&row, reason == PermanentReason::Blocked, &error, now)
                    .await?;
                stats.failed = 1;
            }
            Err(SendError::OutsideWindow { detail }) => {
                tracing::info!(%detail, "the channel says the reply window is closed");
                let last = self.store.last_inbound_at(row.citizen_id).await?;
                return self.hold(row, last).await;
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

    /// Holds a reply outside the reply window, sending the re-engagement message first if it
    /// has not gone since the citizen last wrote. A re-engagement that fails transiently
    /// puts the reply back for a retry, so the whole decision is taken again later.
    async fn hold(
        self,
        row: ClaimedReply,
        last_inbound: Option<DateTime<Utc>>,
    ) -> Result<DispatchStats, StoreError> {
        let mut stats = DispatchStats::default();
        let reengagement = if self
            .store
            .reengagement_due(row.citizen_id, last_inbound)
            .await?
        {
            let sent = tokio::time::timeout(
                self.config.send_timeout,
                self.channel.send_reengagement(&row.recipient),
            )
            .await
            .unwrap_or_else(|_| {
                Err(SendError::Transient {
                    retry_after: None,
                    detail: "send timed out".to_owned(),
                })
            });
            match sent {
                Ok(_) => Reengagement::Sent,
                Err(SendError::Transient {
                    retry_after,
                    detail,
                }) if row.attempts < i64::from(self.config.max_attempts) => {
                    let now = self.clock.now();
                    let delay = backoff(&self.config, &row, retry_after, now);
                    tracing::debug!(attempts = row.attempts, ?delay, %detail, "re-engagement failed, will retry");
                    let at = now + chrono::Duration::from_std(delay).unwrap_or_default();
                    self.store
                        .mark_retry(row.outbox_id, at, &detail, now)
                        .await?;
                    stats.retried = 1;
                    return Ok(stats);
                }
                Err(e) => {
                    tracing::warn!(error = %e, "the re-engagement message failed; the reply is held all the same");
                    Reengagement::Failed
                }
            }
        } else {
            Reengagement::AlreadySent
        };
        let now = self.clock.now();
        self.store
            .hold_reply(row.outbox_id, last_inbound, reengagement, now)
            .await?;
        tracing::info!(
            reengagement = reengagement.code(),
            "reply held outside the reply window"
        );
        self.metrics.replies_held.inc(self.channel.kind().code());
        if let Some(notices) = &self.held {
            // Nobody listening is fine: the audit row is the durable record.
            let _ = notices.send(Held {
                conversation_id: row.recipient.conversation_id,
                outbox_id: row.outbox_id,
                reengagement,
            });
        }
        stats.held = 1;
        Ok(stats)
    }
}

/// An append-only file of sends the channel accepted, written before the store records them.
///
/// A process killed between a channel's "accepted" and the store's `sent` would leave the row
/// pending, and the next dispatcher would send it again. With the journal, the accepted send
/// is one short `write` to a file, which survives the death of the process (the kernel holds
/// it), and [`SentJournal::open`] at the next start marks those rows sent before anything is
/// dispatched. What is left is the time between the channel's answer and that `write`:
/// microseconds instead of a database round trip. A crash of the machine itself can still lose
/// the last lines (there is no `fsync`, as there is none on a SQLite commit in WAL mode with
/// `synchronous = NORMAL`).
///
/// Lines are `outbox_id sent_id`. The file is rewritten with only the unsettled lines when it
/// grows past a size, so it stays small. Each process needs a journal of its own.
pub struct SentJournal {
    path: PathBuf,
    inner: Mutex<JournalInner>,
}

struct JournalInner {
    file: std::fs::File,
    /// Recorded in the journal, not yet in the store.
    unsettled: HashMap<OutboxId, String>,
    bytes: u64,
}

/// When the journal is rewritten with its unsettled lines only.
const JOURNAL_ROTATE_BYTES: u64 = 1 << 20;

impl SentJournal {
    /// Opens (or creates) the journal at `path`, marks the sends it holds as sent in `store`,
    /// and starts it afresh. Returns the journal and how many rows it marked.
    pub async fn open(
        path: &Path,
        store: &Store,
        now: DateTime<Utc>,
    ) -> std::io::Result<(Arc<SentJournal>, u64)> {
        let mut marked = 0;
        let text = match std::fs::read(path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(e),
        };
        for line in text.lines() {
            // A line cut short by the crash has no sent id: that send is not known to have
            // been accepted, and goes again. Anything else unreadable is skipped the same way.
            let Some((id, sent)) = line.split_once(' ') else {
                continue;
            };
            let (Ok(id), false) = (id.parse::<i64>(), sent.is_empty()) else {
                continue;
            };
            match store.mark_sent(OutboxId(id), sent, now).await {
                Ok(true) => marked += 1,
                Ok(false) => {}
                Err(e) => return Err(std::io::Error::other(e)),
            }
        }
        if marked > 0 {
            tracing::info!(
                marked,
                "replies sent before a crash recorded from the journal"
            );
        }
        let file = std::fs::OpenOptions::new()
            .create(true)
            .write(true)
            .truncate(true)
            .open(path)?;
        let journal = SentJournal {
            path: path.to_owned(),
            inner: Mutex::new(JournalInner {
                file,
                unsettled: HashMap::new(),
                bytes: 0,
            }),
        };
        Ok((Arc::new(journal), marked))
    }

    /// Notes that the channel accepted `outbox_id` as `sent_id`. A failed write is logged and
    /// otherwise ignored: the store's record follows anyway.
    fn record(&self, outbox_id: OutboxId, sent_id: &str) {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let line = format!("{} {sent_id}\n", outbox_id.0);
        if let Err(e) = inner.file.write_all(line.as_bytes()) {
            tracing::warn!(error = %e, "cannot write the sent journal");
        }
        inner.bytes += line.len() as u64;
        inner.unsettled.insert(outbox_id, sent_id.to_owned());
    }

    /// Notes that the store has recorded `outbox_id`; rewrites the file when it grew large.
    fn settled(&self, outbox_id: OutboxId) {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner.unsettled.remove(&outbox_id);
        if inner.bytes < JOURNAL_ROTATE_BYTES {
            return;
        }
        // Write the unsettled lines to a new file and swap it in with a rename, so a crash
        // during the rewrite leaves one complete journal or the other.
        let fresh = self.path.with_extension("new");
        let mut text = String::new();
        for (id, sent) in &inner.unsettled {
            text.push_str(&format!("{} {sent}\n", id.0));
        }
        let swapped = std::fs::write(&fresh, &text)
            .and_then(|()| std::fs::rename(&fresh, &self.path))
            .and_then(|()| std::fs::OpenOptions::new().append(true).open(&self.path));
        match swapped {
            Ok(file) => {
                inner.file = file;
                inner.bytes = text.len() as u64;
            }
            Err(e) => tracing::warn!(error = %e, "cannot rewrite the sent journal"),
        }
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
