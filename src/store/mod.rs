//! The durable store: citizens, conversations, transcripts, processed inbound ids, the outbox
//! and the audit log, on SQLite (the default, one file) or PostgreSQL (several processes).
//!
//! One `Store` value hides the backend. Each operation is written once against `db`'s
//! interface, with `$n` placeholders, which both SQLite and PostgreSQL accept; what differs
//! per backend (connecting, migrating, the SQLite writer, the statements whose dialects
//! differ) lives in `sqlite` and `postgres`. See docs/storage.md.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use sqlx::postgres::PgPool;
use sqlx::sqlite::SqlitePool;
use tokio::sync::Notify;

/// The database URL used when `SPORTELLO_DATABASE_URL` is not set.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://sportello.db";

mod batch;
mod broadcast;
mod coalesce;
mod conversation;
mod db;
mod delivery;
mod digest;
mod export;
mod handoff;
mod health;
mod inbox;
mod insights;
mod lease;
pub mod media;
mod operator_queue;
mod outbox;
mod postgres;
mod purge;
mod save;
mod sqlite;
mod staff;
mod subscriptions;
mod turn;
mod unanswered;
mod webchat;

pub use broadcast::{
    AudienceCount, Broadcast, BroadcastProgress, BroadcastStatus, Chunk, EXPIRED, NewBroadcast,
};
use coalesce::Coalesce;
pub use conversation::{CitizenStatus, Conversation, TranscriptLine};
pub use delivery::{DeliveryStatus, Held, Reengagement, StatusRecorded, StatusReport};
pub use export::Export;
pub use handoff::{
    AsWritten, Case, CaseActed, CaseChange, CasePlan, CaseState, CaseStatus, CaseWrite,
    OfficeQueue, case_label,
};
pub use health::Queue;
pub use inbox::{CaseActivity, CaseText, InboxQuery, NumberedLine};
pub use insights::{InsightRow, RollupPace, STEP_EVENT, day_bounds, metric, outcome, rome_day};
pub use lease::lease_holder;
pub use operator_queue::{ClaimedItem, ItemOutcome, OperatorItem};
pub use outbox::{
    ClaimedReply, DeliveredReply, DeliveryRecord, OutboxCounts, OutboxEntry, OutboxProgress,
    OutboxStatus, Priority,
};
pub use purge::{PurgeCounts, RETENTION_EVENT, Retention};
pub use staff::{
    AuditFilter, NewStaff, StaffAccount, StaffAuditRow, StaffError, StaffLogin, StaffRole,
    StaffSession,
};
pub use subscriptions::{ReminderRow, Subscriber, Subscription, SubscriptionWrite};
pub use turn::{InboundRow, TurnDone, TurnLoaded, TurnSaved, TurnWrites};
pub use unanswered::Unanswered;
pub use webchat::{WebCursor, WebReply};

/// A handle on the database. Cheap to clone; clones share the pools and the wake-up signal.
#[derive(Clone)]
pub struct Store {
    backend: Backend,
    /// Woken after each commit that adds outbox rows, so an in-process dispatcher sends at once.
    wake: Arc<Notify>,
    /// Unless turned off: inbound messages processed in batches.
    batch: Option<Arc<batch::Batcher>>,
    /// Sent replies recorded together (`Store::mark_sent`).
    marks: Arc<Coalesce<outbox::Mark, outbox::Marked>>,
    /// Delivery statuses reported together, recorded together.
    statuses: Arc<Coalesce<Vec<StatusReport>, Vec<StatusRecorded>>>,
    /// Keep what citizens write during a hand-off as written (`CaseWrite::AsWritten`), for
    /// the console's reveal; off unless `keep_as_written` turns it on.
    as_written: bool,
}

#[derive(Clone)]
pub(crate) enum Backend {
    /// SQLite allows one writer at a time: writes go through one connection with group
    /// commit (see `sqlite::writer`), which queues writers in-process instead of letting them
    /// spin on `SQLITE_BUSY`; reads use a pool beside it.
    Sqlite {
        write: Arc<sqlite::writer::Writer>,
        read: SqlitePool,
    },
    Postgres(PgPool),
}

/// Which database a `Store` talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackendKind {
    Sqlite,
    Postgres,
}

impl BackendKind {
    /// `sqlite` on SQLite, `postgres` on PostgreSQL: for the statements whose text differs.
    pub(crate) fn pick<T>(self, sqlite: T, postgres: T) -> T {
        match self {
            BackendKind::Sqlite => sqlite,
            BackendKind::Postgres => postgres,
        }
    }
}

/// Connection settings beyond the URL.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    /// PostgreSQL pool size, and SQLite reader pool size.
    pub max_connections: u32,
    /// How long to wait for a connection (or, on SQLite, for another process's write lock).
    pub acquire_timeout: Duration,
    /// Process inbound messages that arrive together in one transaction and one statement
    /// per stage (see `batch`). Off, each message is a transaction of its own; the benchmarks
    /// compare the two.
    pub batch: bool,
}

impl Default for StoreOptions {
    fn default() -> Self {
        StoreOptions {
            max_connections: 16,
            acquire_timeout: Duration::from_secs(10),
            batch: true,
        }
    }
}

/// Store failures, by what the caller does about them.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database cannot be reached or the pool is exhausted: retry later, report unhealthy.
    #[error("database unavailable: {0}")]
    Unavailable(#[source] sqlx::Error),
    /// A concurrent writer got in the way (deadlock, serialization failure, SQLite busy):
    /// retrying the same operation is safe.
    #[error("concurrent write conflict: {0}")]
    Conflict(String),
    /// A stored value could not be read back (bad JSON state, unknown status...).
    #[error("corrupt stored data in {what}: {detail}")]
    Corrupt { what: String, detail: String },
    #[error("invalid database url: {0}")]
    InvalidUrl(String),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// Anything else from the database: a bug or a schema mismatch.
    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::WorkerCrashed => StoreError::Unavailable(e),
            sqlx::Error::Database(db) => {
                // PostgreSQL: serialization_failure, deadlock_detected;
                // SQLite: SQLITE_BUSY (5), SQLITE_LOCKED (6) and their extended codes.
                let code = db.code().unwrap_or_default();
                // Also the one-open-conversation index, which two first messages of one
                // citizen can race for (see `postgres::turn::LOAD_PG`).
                let conflict = matches!(code.as_ref(), "40001" | "40P01")
                    || (code == "23505" && db.constraint() == Some("conversations_open"))
                    || code.parse::<i64>().is_ok_and(|c| matches!(c & 0xff, 5 | 6));
                if conflict {
                    StoreError::Conflict(e.to_string())
                } else {
                    StoreError::Database(e)
                }
            }
            _ => StoreError::Database(e),
        }
    }
}

impl StoreError {
    pub(crate) fn corrupt(what: impl Into<String>, detail: impl fmt::Display) -> StoreError {
        StoreError::Corrupt {
            what: what.into(),
            detail: detail.to_string(),
        }
    }
}

pub use crate::ids::{CitizenId, ConversationId, InboundId, OutboxId};

/// Where a conversation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConversationStatus {
    /// The bot answers.
    Bot,
    /// Handed off; in an office's queue.
    WaitingOperator,
    /// An operator took it.
    WithOperator,
    /// Over; the citizen's next message opens a new conversation.
    Closed,
}

impl ConversationStatus {
    pub fn code(self) -> &'static str {
        match self {
            ConversationStatus::Bot => "bot",
            ConversationStatus::WaitingOperator => "waiting_operator",
            ConversationStatus::WithOperator => "with_operator",
            ConversationStatus::Closed => "closed",
        }
    }
}

impl FromStr for ConversationStatus {
    type Err = StoreError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "bot" => ConversationStatus::Bot,
            "waiting_operator" => ConversationStatus::WaitingOperator,
            "with_operator" => ConversationStatus::WithOperator,
            "closed" => ConversationStatus::Closed,
            other => return Err(StoreError::corrupt("conversation status", other)),
        })
    }
}

/// Times are stored as unix milliseconds on both backends.
/// Text as the transcript keeps it: without NUL characters, which no one types but a client
/// can send, and which PostgreSQL refuses in text and SQLite's JSON functions cut at.
pub(crate) fn storable(text: String) -> String {
    if text.contains('\0') {
        text.replace('\0', "")
    } else {
        text
    }
}

pub(crate) fn to_ms(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

pub(crate) fn from_ms(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms)
        .single()
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// Connects with default options. `postgres://` and `postgresql://` URLs select PostgreSQL;
/// anything else is a SQLite URL (`sqlite://path.db`, `sqlite:path.db`), whose file is
/// created if missing.
pub async fn connect(url: &str) -> Result<Store, StoreError> {
    connect_with(url, &StoreOptions::default()).await
}

pub async fn connect_with(url: &str, options: &StoreOptions) -> Result<Store, StoreError> {
    let backend = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Backend::Postgres(postgres::connect(url, options).await?)
    } else {
        let (write, read) = sqlite::connect(url, options).await?;
        Backend::Sqlite { write, read }
    };
    let batch = options.batch.then(|| batch::Batcher::new(backend.clone()));
    Ok(Store {
        backend,
        wake: Arc::new(Notify::new()),
        batch,
        marks: Arc::default(),
        statuses: Arc::default(),
        as_written: false,
    })
}

impl Store {
    /// Keeps what citizens write during a hand-off as written, while the case is open, where
    /// the redaction changed it (`operators_see_personal_data`): the console reveals it.
    #[must_use]
    pub fn keep_as_written(mut self, keep: bool) -> Self {
        self.as_written = keep;
        self
    }

    /// Whether what citizens write during a hand-off is kept as written (`keep_as_written`).
    pub fn keeps_as_written(&self) -> bool {
        self.as_written
    }

    pub fn kind(&self) -> BackendKind {
        match self.backend {
            Backend::Sqlite { .. } => BackendKind::Sqlite,
            Backend::Postgres(_) => BackendKind::Postgres,
        }
    }

    /// Applies the embedded migrations of this backend. Safe to run from several processes at
    /// once on PostgreSQL (sqlx takes an advisory lock).
    pub async fn migrate(&self) -> Result<(), StoreError> {
        match &self.backend {
            Backend::Sqlite { write, .. } => sqlite::migrate(write).await,
            Backend::Postgres(pool) => postgres::migrate(pool).await,
        }
    }

    /// Closes the pools, waiting for connections in use to be returned.
    pub async fn close(&self) {
        match &self.backend {
            Backend::Sqlite { write, read } => {
                read.close().await;
                write.close().await;
            }
            Backend::Postgres(pool) => pool.close().await,
        }
    }

    /// The signal an in-process dispatcher waits on for new outbox rows.
    pub fn wake_signal(&self) -> Arc<Notify> {
        self.wake.clone()
    }

    pub(crate) fn wake_dispatchers(&self) {
        self.wake.notify_waiters();
    }
}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store")
            .field("backend", &self.kind())
            .finish()
    }
}
