//! The retention purge: hard-deletes what is older than its retention class allows, in small
//! batches so that citizens' messages are never blocked for long, and leaves a content-free
//! audit row with the counts.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::{AssertSqlSafe, Row};

use super::{Backend, Store, StoreError, to_ms};

/// Rows per statement: small enough that one batch holds the SQLite writer (and the
/// citizens' messages queued behind it) for milliseconds, large enough to purge a million
/// rows in seconds.
const BATCH: i64 = 10_000;
/// Conversations per batch: each takes its outbox and inbound rows along, several per
/// conversation.
const CONVERSATION_BATCH: i64 = 1_000;

/// How long each class of data is kept. See docs/privacy.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    /// A conversation that stayed with the bot, counted from its last activity.
    pub transcript: Duration,
    /// A conversation that went to an operator (a case), from its last activity.
    pub case: Duration,
    /// A conversation holding special-category data (health, religion...), from its last
    /// activity; wins over `case`.
    pub special: Duration,
    /// The channel message ids kept to recognise redeliveries.
    pub inbound: Duration,
    /// Audit rows (no message content).
    pub audit: Duration,
}

const DAY: Duration = Duration::from_secs(24 * 3600);

impl Retention {
    pub fn days(transcript: u32, case: u32, special: u32, inbound: u32, audit: u32) -> Retention {
        let d = |n: u32| DAY * n;
        Retention {
            transcript: d(transcript),
            case: d(case),
            special: d(special),
            inbound: d(inbound),
            audit: d(audit),
        }
    }
}

impl Default for Retention {
    fn default() -> Self {
        Retention::days(30, 90, 7, 7, 365)
    }
}

/// What a purge deleted, per table. Counts only: this is what goes to the audit log and to
/// `sportello purge`'s output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct PurgeCounts {
    pub conversations: u64,
    pub messages: u64,
    pub outbox: u64,
    pub inbound: u64,
    pub audit: u64,
    pub citizens: u64,
}

impl PurgeCounts {
    /// Each data class with its count, for reports and metrics.
    pub fn by_class(&self) -> [(&'static str, u64); 6] {
        [
            ("conversations", self.conversations),
            ("messages", self.messages),
            ("outbox", self.outbox),
            ("inbound", self.inbound),
            ("audit", self.audit),
            ("citizens", self.citizens),
        ]
    }

    pub fn total(&self) -> u64 {
        self.conversations + self.messages + self.outbox + self.inbound + self.audit + self.citizens
    }
}

/// A conversation (`alias`) is expired when its last activity is older than its class
/// allows. $1 special cutoff, $2 case cutoff, $3 transcript cutoff (unix ms).
/// An erased conversation goes as soon as its receipt is no longer pending.
fn expired(alias: &str) -> String {
    format!(
        "({alias}.updated_at < case when {alias}.special_category = 1 then $1 \
         when {alias}.handed_off = 1 then $2 else $3 end or ({alias}.erased = 1 and not exists \
         (select 1 from outbox o where o.conversation_id = {alias}.conversation_id \
         and o.status = 'pending')))"
    )
}

/// Deleting more than this many rows in one purge makes SQLite give the free pages back
/// (`VACUUM`) when they are at least a quarter of the file.
const VACUUM_AFTER: u64 = 10_000;

fn cutoff(now: DateTime<Utc>, keep: Duration) -> i64 {
    to_ms(now) - i64::try_from(keep.as_millis()).unwrap_or(i64::MAX / 2)
}

impl Store {
    /// Deletes everything past its retention at `now`: transcript lines, then whole
    /// conversations with their outbox and inbound rows (audit rows about them lose the link),
    /// processed inbound ids, old audit rows, and citizens nothing refers to any more. Writes
    /// one `purge` audit row with the counts when anything went.
    pub async fn purge(
        &self,
        now: DateTime<Utc>,
        retention: &Retention,
    ) -> Result<PurgeCounts, StoreError> {
        let special = cutoff(now, retention.special);
        let case = cutoff(now, retention.case);
        let transcript = cutoff(now, retention.transcript);
        let mut counts = PurgeCounts::default();

        // Transcript lines first, on their own: they are the bulk, and a batch of them is one
        // indexed delete.
        let messages = format!(
            "delete from messages where message_id in (select m.message_id from conversations c \
             join messages m on m.conversation_id = c.conversation_id where {} limit {BATCH})",
            expired("c")
        );
        loop {
            let n = self
                .purge_batch(
                    &[(&messages, Binds::Conversation)],
                    special,
                    case,
                    transcript,
                    0,
                )
                .await?;
            counts.messages += n[0];
            if n[0] < BATCH as u64 {
                break;
            }
        }

        // Then the conversations, with whatever still refers to them. The same ordered,
        // limited selection in each statement picks the same rows: in one transaction, and
        // expired rows cannot become young again.
        let pick = format!(
            "select c.conversation_id from conversations c where {} \
             order by c.conversation_id limit {CONVERSATION_BATCH}",
            expired("c")
        );
        let lock = format!("{pick} for update");
        let statements = [
            format!("delete from outbox where conversation_id in ({pick})"),
            format!("delete from inbound where conversation_id in ({pick})"),
            format!(
                "update audit set conversation_id = null, citizen_id = null \
                 where conversation_id in ({pick})"
            ),
            format!("delete from messages where conversation_id in ({pick})"),
            // Cases and what they queued for the operators go with their conversation.
            format!(
                "delete from operator_queue where case_id in \
                 (select case_id from cases where conversation_id in ({pick}))"
            ),
            format!("delete from cases where conversation_id in ({pick})"),
            format!("delete from conversations where conversation_id in ({pick})"),
        ];
        loop {
            let batch: Vec<(&str, Binds)> = std::iter::once((lock.as_str(), Binds::LockPg))
                .chain(statements.iter().map(|s| (s.as_str(), Binds::Conversation)))
                .collect();
            let n = self
                .purge_batch(&batch, special, case, transcript, 0)
                .await?;
            counts.outbox += n[1];
            counts.inbound += n[2];
            counts.messages += n[4];
            counts.conversations += n[7];
            if n[7] < CONVERSATION_BATCH as u64 {
                break;
            }
        }

        // Processed inbound ids: redeliveries come within hours, not days. Replies still
        // pending keep their row but lose the link.
        let inbound_cutoff = cutoff(now, retention.inbound);
        let pick = format!(
            "select inbound_id from inbound where received_at < $1 order by inbound_id limit {BATCH}"
        );
        let unlink = format!("update outbox set inbound_id = null where inbound_id in ({pick})");
        let delete = format!("delete from inbound where inbound_id in ({pick})");
        loop {
            let n = self
                .purge_batch(
                    &[(&unlink, Binds::Cutoff), (&delete, Binds::Cutoff)],
                    0,
                    0,
                    0,
                    inbound_cutoff,
                )
                .await?;
            counts.inbound += n[1];
            if n[1] < BATCH as u64 {
                break;
            }
        }

        let audit_cutoff = cutoff(now, retention.audit);
        let delete = format!(
            "delete from audit where audit_id in \
             (select audit_id from audit where at < $1 order by audit_id limit {BATCH})"
        );
        loop {
            let n = self
                .purge_batch(&[(&delete, Binds::Cutoff)], 0, 0, 0, audit_cutoff)
                .await?;
            counts.audit += n[0];
            if n[0] < BATCH as u64 {
                break;
            }
        }

        // A citizen row (channel id, language, notice version) goes with their last
        // conversation: every other table refers to a citizen through a conversation.
        let delete = format!(
            "delete from citizens where citizen_id in (select z.citizen_id from citizens z \
             where not exists (select 1 from conversations c where c.citizen_id = z.citizen_id) \
             order by z.citizen_id limit {BATCH})"
        );
        loop {
            let n = self
                .purge_batch(&[(&delete, Binds::None)], 0, 0, 0, 0)
                .await?;
            counts.citizens += n[0];
            if n[0] < BATCH as u64 {
                break;
            }
        }

        if counts.total() > 0 {
            self.audit_event(
                "purge",
                &serde_json::to_string(&counts).unwrap_or_default(),
                now,
            )
            .await?;
            if counts.total() >= VACUUM_AFTER {
                self.reclaim_space().await?;
            }
        }
        Ok(counts)
    }

    /// Runs statements in one transaction and returns the rows each one affected.
    async fn purge_batch(
        &self,
        statements: &[(&str, Binds)],
        special: i64,
        case: i64,
        transcript: i64,
        cutoff: i64,
    ) -> Result<Vec<u64>, StoreError> {
        macro_rules! bind {
            ($sql:expr, $binds:expr) => {{
                let query = sqlx::query(AssertSqlSafe($sql.to_owned()));
                match $binds {
                    Binds::Conversation | Binds::LockPg => {
                        query.bind(special).bind(case).bind(transcript)
                    }
                    Binds::Cutoff => query.bind(cutoff),
                    Binds::None => query,
                }
            }};
        }
        let mut affected = Vec::with_capacity(statements.len());
        match &self.backend {
            Backend::Sqlite { write, .. } => {
                let mut guard = write.begin().await?;
                let conn = guard.conn()?;
                for (sql, binds) in statements {
                    if matches!(binds, Binds::LockPg) {
                        // The writer's transaction already excludes every other writer.
                        affected.push(0);
                        continue;
                    }
                    affected.push(bind!(sql, binds).execute(&mut *conn).await?.rows_affected());
                }
                guard.commit().await?;
            }
            Backend::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                for (sql, binds) in statements {
                    if matches!(binds, Binds::LockPg) {
                        // Locks the batch's conversations: a message arriving meanwhile waits
                        // and then opens a new conversation instead of writing into one that
                        // is being deleted.
                        let rows = bind!(sql, binds).fetch_all(&mut *tx).await?;
                        affected.push(rows.len() as u64);
                        continue;
                    }
                    affected.push(bind!(sql, binds).execute(&mut *tx).await?.rows_affected());
                }
                tx.commit().await?;
            }
        }
        Ok(affected)
    }

    /// Writes one audit row that is about no citizen and no conversation.
    pub(crate) async fn audit_event(
        &self,
        event: &str,
        detail: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        const SQL: &str = "insert into audit (event, detail, at, created_at, updated_at) \
             values ($1, $2, $3, $3, $3)";
        let now = to_ms(now);
        on_write!(self, conn, _pg => {
            sqlx::query(SQL).bind(event).bind(detail).bind(now).execute(&mut *conn).await?;
            Ok(())
        })
    }

    /// Audit rows with a given event, newest first: `(detail, at)` (for tests and the DPO).
    pub async fn audit_events(&self, event: &str) -> Result<Vec<(String, i64)>, StoreError> {
        const SQL: &str = "select detail, at from audit where event = $1 order by audit_id desc";
        on_backend_read!(self, pool => {
            let rows = sqlx::query(SQL).bind(event).fetch_all(pool).await?;
            rows.iter()
                .map(|row| Ok((row.try_get(0)?, row.try_get(1)?)))
                .collect::<Result<Vec<_>, StoreError>>()
        })
    }

    /// On SQLite, makes deleted bytes leave the file: `secure_delete` (set on the connection)
    /// has already overwritten them in the database pages; the checkpoint copies those pages
    /// over the old ones and empties the write-ahead log, which still held the originals; a
    /// `VACUUM` returns the free pages when they are a large share of the file. PostgreSQL
    /// reclaims space with autovacuum; a dead row's bytes stay in the page until then.
    async fn reclaim_space(&self) -> Result<(), StoreError> {
        if let Backend::Sqlite { write, .. } = &self.backend {
            write.reclaim_space().await?;
        }
        Ok(())
    }
}

/// Which values a purge statement takes.
#[derive(Clone, Copy)]
enum Binds {
    /// $1..$3 the conversation cutoffs (special, case, transcript).
    Conversation,
    /// The same, for the PostgreSQL-only statement that locks the batch's conversations.
    LockPg,
    /// $1 one cutoff.
    Cutoff,
    None,
}
