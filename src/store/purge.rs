//! The retention purge: hard-deletes what is older than its retention class allows, in small
//! batches so that citizens' messages are never blocked for long, and leaves a content-free
//! audit row with the counts.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::AssertSqlSafe;

use super::db::Query;
use super::{Backend, BackendKind, Store, StoreError, postgres, to_ms};
use crate::calendar::OfficeHours;

/// Batch sizes: where they start, and between what they move.
#[derive(Debug, Clone, Copy)]
struct Bounds {
    start: i64,
    min: i64,
    max: i64,
}

/// Rows per statement.
const ROWS: Bounds = Bounds {
    start: 500,
    min: 200,
    max: 50_000,
};
/// Conversations per batch: each takes its outbox and inbound rows along, several per
/// conversation.
const CONVERSATIONS: Bounds = Bounds {
    start: 50,
    min: 20,
    max: 5_000,
};

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

/// The audit event of a change of the retention settings.
pub const RETENTION_EVENT: &str = "retention_settings";

impl Retention {
    /// The settings in days, as the audit log keeps them.
    pub fn to_json(&self) -> String {
        let days = |d: Duration| d.as_secs() / DAY.as_secs();
        serde_json::json!({
            "transcript_days": days(self.transcript),
            "case_days": days(self.case),
            "special_days": days(self.special),
            "inbound_days": days(self.inbound),
            "audit_days": days(self.audit),
        })
        .to_string()
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
    /// Keys of reminders already queued (see `store::subscriptions`).
    pub reminders: u64,
}

impl PurgeCounts {
    /// Each data class with its count, for reports and metrics.
    pub fn by_class(&self) -> [(&'static str, u64); 7] {
        [
            ("conversations", self.conversations),
            ("messages", self.messages),
            ("outbox", self.outbox),
            ("inbound", self.inbound),
            ("audit", self.audit),
            ("citizens", self.citizens),
            ("reminders", self.reminders),
        ]
    }

    pub fn total(&self) -> u64 {
        self.conversations
            + self.messages
            + self.outbox
            + self.inbound
            + self.audit
            + self.citizens
            + self.reminders
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

/// How long one purge batch should hold the writer.
const BATCH_TIME: Duration = Duration::from_millis(25);

/// The next batch size after a batch of `size` took `took`: aimed at `BATCH_TIME`, growing
/// at most twofold at a time (a quick batch may have been luck) and shrinking at once, within
/// `bounds`.
fn next_batch_size(size: i64, took: Duration, bounds: Bounds) -> i64 {
    let ratio = BATCH_TIME.as_secs_f64() / took.as_secs_f64().max(1e-6);
    ((size as f64 * ratio.min(2.0)) as i64).clamp(bounds.min, bounds.max)
}

fn cutoff(now: DateTime<Utc>, keep: Duration) -> i64 {
    to_ms(now) - i64::try_from(keep.as_millis()).unwrap_or(i64::MAX / 2)
}

/// A purge statement with the values its `Binds` names: the retention cut-offs (special
/// category, case, transcript) or the one cut-off.
fn bind_purge(
    query: Query,
    binds: Binds,
    (special, case, transcript, cutoff): (i64, i64, i64, i64),
) -> Query {
    match binds {
        Binds::Conversation | Binds::LockPg => query.bind(special).bind(case).bind(transcript),
        Binds::Cutoff => query.bind(cutoff),
        Binds::None => query,
    }
}

impl Store {
    /// Rolls up the closed days not rolled up yet (`Store::roll_up`, waits counted in the
    /// offices' `hours`), then deletes
    /// everything past its retention at `now`: transcript lines, then whole
    /// conversations with their outbox and inbound rows (audit rows about them lose the link),
    /// processed inbound ids, old audit rows, and citizens nothing refers to any more. Writes
    /// one `purge` audit row with the counts when anything went.
    pub async fn purge(
        &self,
        now: DateTime<Utc>,
        retention: &Retention,
        hours: &OfficeHours,
    ) -> Result<PurgeCounts, StoreError> {
        // The statistics of every closed day are counted before its rows can go. Should that
        // fail, the retention still wins: the days are lost to the statistics, not kept past
        // their time.
        if let Err(e) = self.roll_up(now, hours).await {
            tracing::error!(error = %e, "insights rollup failed before the purge");
        }
        let special = cutoff(now, retention.special);
        let case = cutoff(now, retention.case);
        let transcript = cutoff(now, retention.transcript);
        let mut counts = PurgeCounts::default();

        let conversations = (special, case, transcript, 0);

        // Transcript lines first, on their own: they are the bulk, and a batch of them is one
        // indexed delete.
        self.drain(
            ROWS,
            conversations,
            |size| {
                vec![(
                    format!(
                        "delete from messages where message_id in (select m.message_id \
                     from conversations c join messages m on m.conversation_id = c.conversation_id \
                     where {} limit {size})",
                        expired("c")
                    ),
                    Binds::Conversation,
                )]
            },
            |n| {
                counts.messages += n[0];
                n[0]
            },
        )
        .await?;

        // Then the conversations, with whatever still refers to them. The same ordered,
        // limited selection in each statement picks the same rows: in one transaction, and
        // expired rows cannot become young again.
        self.drain(
            CONVERSATIONS,
            conversations,
            |size| {
                let pick = format!(
                    "select c.conversation_id from conversations c where {} \
                 order by c.conversation_id limit {size}",
                    expired("c")
                );
                vec![
                    (format!("{pick}{}", postgres::sql::LOCK_ROWS), Binds::LockPg),
                    (
                        format!("delete from outbox where conversation_id in ({pick})"),
                        Binds::Conversation,
                    ),
                    (
                        format!("delete from inbound where conversation_id in ({pick})"),
                        Binds::Conversation,
                    ),
                    (
                        format!(
                            "update audit set conversation_id = null, citizen_id = null \
                         where conversation_id in ({pick})"
                        ),
                        Binds::Conversation,
                    ),
                    (
                        format!("delete from messages where conversation_id in ({pick})"),
                        Binds::Conversation,
                    ),
                    // Cases and what they queued for the operators go with their conversation.
                    (
                        format!(
                            "delete from operator_queue where case_id in \
                             (select case_id from cases where conversation_id in ({pick}))"
                        ),
                        Binds::Conversation,
                    ),
                    (
                        format!("delete from cases where conversation_id in ({pick})"),
                        Binds::Conversation,
                    ),
                    (
                        format!("delete from conversations where conversation_id in ({pick})"),
                        Binds::Conversation,
                    ),
                ]
            },
            |n| {
                counts.outbox += n[1];
                counts.inbound += n[2];
                counts.messages += n[4];
                counts.conversations += n[7];
                n[7]
            },
        )
        .await?;

        // Processed inbound ids: redeliveries come within hours, not days. Replies still
        // pending keep their row but lose the link.
        let inbound = (0, 0, 0, cutoff(now, retention.inbound));
        self.drain(
            ROWS,
            inbound,
            |size| {
                let pick = format!(
                    "select inbound_id from inbound where received_at < $1 \
                 order by inbound_id limit {size}"
                );
                vec![
                    (
                        format!("update outbox set inbound_id = null where inbound_id in ({pick})"),
                        Binds::Cutoff,
                    ),
                    (
                        format!("delete from inbound where inbound_id in ({pick})"),
                        Binds::Cutoff,
                    ),
                ]
            },
            |n| {
                counts.inbound += n[1];
                n[1]
            },
        )
        .await?;

        let audit = (0, 0, 0, cutoff(now, retention.audit));
        self.drain(
            ROWS,
            audit,
            |size| {
                vec![(
                    format!(
                        "delete from audit where audit_id in \
                     (select audit_id from audit where at < $1 order by audit_id limit {size})"
                    ),
                    Binds::Cutoff,
                ), (
                    // The console's staff audit keeps as long as the citizens' audit.
                    format!(
                        "delete from staff_audit where staff_audit_id in (select staff_audit_id \
                         from staff_audit where at < $1 order by staff_audit_id limit {size})"
                    ),
                    Binds::Cutoff,
                )]
            },
            |n| {
                counts.audit += n[0] + n[1];
                n[0] + n[1]
            },
        )
        .await?;

        // A reminder's key only keeps it from being queued twice on its day: it goes with the
        // processed inbound ids.
        self.drain(
            ROWS,
            inbound,
            |size| {
                vec![(
                    format!(
                        "delete from reminders where reminder_id in (select reminder_id \
                         from reminders where created_at < $1 order by reminder_id limit {size})"
                    ),
                    Binds::Cutoff,
                )]
            },
            |n| {
                counts.reminders += n[0];
                n[0]
            },
        )
        .await?;

        // A citizen row (channel id, language, notice version) goes with their last
        // conversation, unless they keep subscriptions: every other table refers to a citizen
        // through a conversation.
        self.drain(ROWS, (0, 0, 0, 0), |size| {
            vec![(
                format!(
                    "delete from citizens where citizen_id in (select z.citizen_id from citizens z \
                     where not exists (select 1 from conversations c where c.citizen_id = z.citizen_id) \
                     and not exists (select 1 from subscriptions s where s.citizen_id = z.citizen_id) \
                     and not exists (select 1 from reminders r where r.citizen_id = z.citizen_id) \
                     order by z.citizen_id limit {size})"
                ),
                Binds::None,
            )]
        }, |n| {
            counts.citizens += n[0];
            n[0]
        })
        .await?;

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

    /// Runs batches until one comes back short. Each batch is one transaction of the
    /// statements `batch(size)` builds; `tally` adds up its counts and returns the count that
    /// is compared with `size`. The size follows how long batches take, so that each holds the
    /// writer (and the citizens' messages queued behind it) for about `BATCH_TIME`, whatever
    /// the machine and the tables' sizes.
    async fn drain(
        &self,
        bounds: Bounds,
        (special, case, transcript, cutoff): (i64, i64, i64, i64),
        batch: impl Fn(i64) -> Vec<(String, Binds)>,
        mut tally: impl FnMut(&[u64]) -> u64,
    ) -> Result<(), StoreError> {
        let mut size = bounds.start;
        loop {
            let statements = batch(size);
            let statements: Vec<(&str, Binds)> = statements
                .iter()
                .map(|(sql, b)| (sql.as_str(), *b))
                .collect();
            let started = std::time::Instant::now();
            let n = self
                .purge_batch(&statements, special, case, transcript, cutoff)
                .await?;
            let took = started.elapsed();
            let counted = tally(&n);
            tracing::debug!(
                size,
                rows = counted,
                took_ms = took.as_millis() as u64,
                "purge batch"
            );
            if counted < size as u64 {
                return Ok(());
            }
            size = next_batch_size(size, took, bounds);
        }
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
        let values = (special, case, transcript, cutoff);
        let mut affected = Vec::with_capacity(statements.len());
        let mut tx = self.transaction().await?;
        let conn = &mut tx.conn()?;
        for (sql, binds) in statements {
            let lock = matches!(binds, Binds::LockPg);
            if lock && conn.dialect() == BackendKind::Sqlite {
                // The writer's transaction already excludes every other writer.
                affected.push(0);
                continue;
            }
            let query = bind_purge(conn.query(AssertSqlSafe(sql.to_string())), *binds, values);
            affected.push(if lock {
                // Locks the batch's conversations: a message arriving meanwhile waits and
                // then opens a new conversation instead of writing into one that is being
                // deleted.
                query.fetch_all(conn).await?.len() as u64
            } else {
                query.execute(conn).await?.rows_affected()
            });
        }
        tx.commit().await?;
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
        let mut tx = self.write().await?;
        let conn = &mut tx.conn()?;
        let result = {
            conn.query(SQL)
                .bind(event)
                .bind(detail)
                .bind(now)
                .execute(conn)
                .await?;
            Ok(())
        };
        tx.commit_if_ok(result).await
    }

    /// Records the retention settings in the audit log when they differ from the last ones
    /// recorded (or none are): a change of how long data is kept is itself accounted for.
    /// Returns whether a row was written. Called at every start of `run` and `purge`.
    pub async fn audit_retention(
        &self,
        retention: &Retention,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let detail = retention.to_json();
        let last = self.audit_events(RETENTION_EVENT).await?;
        if last
            .first()
            .is_some_and(|(previous, _)| *previous == detail)
        {
            return Ok(false);
        }
        self.audit_event(RETENTION_EVENT, &detail, now).await?;
        Ok(true)
    }

    /// Audit rows with a given event, newest first: `(detail, at)` (for tests and the DPO).
    pub async fn audit_events(&self, event: &str) -> Result<Vec<(String, i64)>, StoreError> {
        const SQL: &str = "select detail, at from audit where event = $1 order by audit_id desc";
        let db = &mut self.read();
        let rows = db.query(SQL).bind(event).fetch_all(db).await?;
        rows.iter()
            .map(|row| Ok((row.try_get(0)?, row.try_get(1)?)))
            .collect::<Result<Vec<_>, StoreError>>()
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
#[derive(Debug, Clone, Copy)]
enum Binds {
    /// $1..$3 the conversation cutoffs (special, case, transcript).
    Conversation,
    /// The same, for the PostgreSQL-only statement that locks the batch's conversations.
    LockPg,
    /// $1 one cutoff.
    Cutoff,
    None,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_grow_when_quick_and_shrink_when_slow_within_bounds() {
        let ms = Duration::from_millis;
        assert_eq!(next_batch_size(1_000, ms(5), ROWS), 2_000);
        assert_eq!(next_batch_size(1_000, ms(100), ROWS), 250);
        assert_eq!(next_batch_size(10_000, ms(50), ROWS), 5_000);
        assert_eq!(
            next_batch_size(40_000, Duration::from_micros(1), ROWS),
            50_000
        );
        assert_eq!(next_batch_size(300, Duration::from_secs(1), ROWS), 200);
        assert_eq!(
            next_batch_size(30, Duration::from_secs(1), CONVERSATIONS),
            20
        );
    }
}
