//! Outbox rows: claiming due replies with a lease, and recording how each send ended.

use std::time::Duration;

use super::db::{Native, Tx};
use super::sqlite::writer::Committed;
use super::{
    CitizenId, ConversationId, OutboxId, Store, StoreError, from_ms, postgres, sqlite, to_ms,
};
use crate::ids::{ChannelKind, ChannelUserId, Recipient};
use chrono::{DateTime, Utc};

// Only the head of each conversation's queue is claimable: the pending row with the lowest
// sequence number among those of the same or a more urgent `Priority`. Row n+1 waits while
// row n is pending (in flight or in backoff) and goes once row n is sent or failed for good;
// a reply overtakes an announcement queued before it, never another reply. Due rows are
// claimed most urgent first. A claim is a lease: a process that dies mid-send
// leaves `claimed_until` behind, and the row becomes claimable again when it passes.
// PostgreSQL: `skip locked` lets several dispatchers claim side by side without blocking; the
// lock is re-checked against the committed row, so two claimers never both win a row.
// SQLite: one writer at a time, so the plain update is already exclusive.
// A row held outside the channel's reply window (`held_at`) is claimable again once the
// citizen has written a message newer than the last one known when it was held
// (`held_after`) on the reply's channel (operators' actions are recorded in `inbound` too,
// under their own channel, and release nothing); until then it keeps the rows behind it
// waiting. A row past its `expires_at` (an emergency alert that ended) is never claimed; the
// broadcast job marks it failed.
/// The subscriptions of the citizen a failed reply was for. $1 outbox id.
const UNSUBSCRIBE_BLOCKED: &str = "delete from subscriptions where citizen_id = \
     (select citizen_id from outbox where outbox_id = $1)";

const CLAIM_HEAD: &str = "update outbox set claimed_until = $2, claimed_by = $3, \
     attempts = attempts + 1, updated_at = $1 \
     where outbox_id in (select o.outbox_id from outbox o \
       where o.channel = $4 and o.status = 'pending' and o.next_attempt_at <= $1 \
       and (o.claimed_until is null or o.claimed_until < $1) \
       and (o.expires_at is null or o.expires_at > $1) \
       and (o.held_at is null or exists (select 1 from conversations c \
         join inbound i on i.conversation_id = c.conversation_id \
         where c.citizen_id = o.citizen_id and i.channel = o.channel \
         and i.received_at > o.held_after)) \
       and not exists (select 1 from outbox p where p.conversation_id = o.conversation_id \
         and p.status = 'pending' and p.seq < o.seq and p.priority <= o.priority) \
       order by o.priority, o.next_attempt_at, o.outbox_id limit $5";

/// How urgent an outbox row is: the claim takes the most urgent due rows first, so that a
/// channel's cap goes to citizens who are writing before it goes to an announcement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Priority {
    /// A reply to a citizen who wrote, or a person's reply: part of a conversation.
    Reply = 0,
    /// An emergency alert.
    Alert = 1,
    /// A reminder or an announcement.
    Routine = 2,
}

impl Priority {
    pub fn code(self) -> i64 {
        self as i64
    }

    /// Its name in metrics and reports.
    pub fn name(self) -> &'static str {
        match self {
            Priority::Reply => "reply",
            Priority::Alert => "alert",
            Priority::Routine => "routine",
        }
    }

    pub(crate) fn from_code(code: i64) -> Priority {
        match code {
            0 => Priority::Reply,
            1 => Priority::Alert,
            _ => Priority::Routine,
        }
    }
}

/// The status of an outbox row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutboxStatus {
    /// Not sent yet: due, in flight, or waiting for a retry.
    Pending,
    Sent,
    /// Given up: a permanent failure, or too many transient ones.
    Failed,
}

impl OutboxStatus {
    fn parse(s: &str) -> Result<OutboxStatus, StoreError> {
        match s {
            "pending" => Ok(OutboxStatus::Pending),
            "sent" => Ok(OutboxStatus::Sent),
            "failed" => Ok(OutboxStatus::Failed),
            other => Err(StoreError::corrupt("outbox status", other)),
        }
    }
}

/// A send to record: the reply, the channel's id of the message sent, when.
pub(super) type Mark = (OutboxId, String, DateTime<Utc>);

/// A recorded send: whether the row was still pending, and on SQLite the group commit to wait
/// for before relying on it.
pub(super) type Marked = (bool, Option<Committed>);

/// A reply claimed for sending.
#[derive(Debug, Clone)]
pub struct ClaimedReply {
    pub outbox_id: OutboxId,
    pub citizen_id: CitizenId,
    pub seq: i64,
    /// Attempts including this one.
    pub attempts: i64,
    pub recipient: Recipient,
    /// The reply as queued (JSON); the dispatcher fails a row whose payload no longer parses.
    pub payload: String,
    /// When the citizen last wrote (`Store::last_inbound_at`), read with the claim: a channel
    /// with a reply window needs it for every send.
    pub last_inbound_at: Option<DateTime<Utc>>,
    pub priority: Priority,
}

/// An outbox row as stored, for inspection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxEntry {
    pub outbox_id: OutboxId,
    pub conversation_id: ConversationId,
    /// The channel's id of the inbound message that caused this reply, if any.
    pub inbound_message_id: Option<String>,
    pub seq: i64,
    pub status: OutboxStatus,
    pub attempts: i64,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
    /// When the reply was held outside the channel's reply window, if it was.
    pub held_at: Option<DateTime<Utc>>,
    /// The channel's id for the delivered message (a WhatsApp `wamid`).
    pub channel_sent_id: Option<String>,
    /// The latest delivery status the channel reported: `sent`, `delivered`, `read`, `failed`.
    pub delivery_status: Option<String>,
    /// The channel's error for a `failed` status (a code and its meaning, no personal data).
    pub delivery_error: Option<String>,
}

/// One inbound message of a channel and one of the replies it caused (none when it caused
/// none), for accounting after a run: which messages were answered, and by which delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryRecord {
    pub user: ChannelUserId,
    /// The channel's id of the inbound message.
    pub inbound_message_id: String,
    /// The reply, if the message caused one.
    pub reply: Option<DeliveredReply>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveredReply {
    pub outbox_id: OutboxId,
    pub seq: i64,
    pub status: OutboxStatus,
    pub attempts: i64,
    /// The channel's id of the message as delivered, once sent.
    pub channel_sent_id: Option<String>,
}

/// Outbox rows of one channel and priority in one state (`Store::outbox_progress`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxProgress {
    pub channel: String,
    pub priority: Priority,
    pub state: &'static str,
    pub count: i64,
}

/// Outbox rows by status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutboxCounts {
    pub pending: i64,
    pub sent: i64,
    pub failed: i64,
}

impl Store {
    /// Claims up to `limit` due replies for `channel`, at most one per conversation, leased to
    /// `claimer` until `now + lease`.
    pub async fn claim_due(
        &self,
        channel: ChannelKind,
        now: DateTime<Utc>,
        lease: Duration,
        limit: u32,
        claimer: &str,
    ) -> Result<Vec<ClaimedReply>, StoreError> {
        let now_ms = to_ms(now);
        let until = now_ms.saturating_add(i64::try_from(lease.as_millis()).unwrap_or(i64::MAX));
        let mut tx = self.write().await?;
        let conn = &mut tx.conn()?;
        let result = {
            let end = conn.dialect().pick(
                sqlite::sql::CLAIM_OUTBOX_END,
                postgres::sql::CLAIM_OUTBOX_END,
            );
            let sql = [CLAIM_HEAD, end].concat();
            let rows = conn
                .query(sqlx::AssertSqlSafe(sql))
                .bind(now_ms)
                .bind(until)
                .bind(claimer)
                .bind(channel.code())
                .bind(i64::from(limit))
                .fetch_all(conn)
                .await?;
            let mut claimed = Vec::with_capacity(rows.len());
            for row in rows {
                let payload: String = row.try_get(5)?;
                let user: String = row.try_get(6)?;
                claimed.push(ClaimedReply {
                    outbox_id: OutboxId(row.try_get(0)?),
                    citizen_id: CitizenId(row.try_get(2)?),
                    seq: row.try_get(3)?,
                    attempts: row.try_get(4)?,
                    recipient: Recipient {
                        channel,
                        user: ChannelUserId::new(user),
                        conversation_id: ConversationId(row.try_get(1)?),
                    },
                    payload,
                    last_inbound_at: row.try_get::<Option<i64>>(7)?.map(from_ms),
                    priority: Priority::from_code(row.try_get(8)?),
                });
            }
            claimed.sort_by_key(|c| c.outbox_id);
            Ok(claimed)
        };
        tx.commit_if_ok(result).await
    }

    /// Records a delivered reply. Returns `false` if the row was no longer pending (another
    /// dispatcher got to it after this one's lease ran out).
    ///
    /// Sends recorded while an earlier record is being written go together in the next: one
    /// statement for many replies instead of one each. On SQLite the shared record gives the
    /// writer up as soon as its statement has run, and each caller then waits for the group
    /// commit holding it (see `sqlite::writer`), so the next record need not wait for that
    /// commit. If the shared statement or its commit fails, each send is recorded alone.
    pub async fn mark_sent(
        &self,
        outbox_id: OutboxId,
        channel_sent_id: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let mark = (outbox_id, channel_sent_id.to_owned(), now);
        let shared = self
            .marks
            .run(mark, |sent| async move {
                match self.write_marks(&sent).await {
                    Ok(results) => Some(results),
                    Err(e) => {
                        tracing::warn!(error = %e, sends = sent.len(), "cannot record sends together; recording each alone");
                        None
                    }
                }
            })
            .await;
        if let Some((updated, committed)) = shared {
            let durable = match committed {
                None => true,
                Some(committed) => committed.wait().await.is_ok(),
            };
            if durable {
                return Ok(updated);
            }
        }
        const SQL: &str = "update outbox set status = 'sent', sent_at = $2, channel_sent_id = $3, \
             claimed_until = null, claimed_by = null, last_error = null, updated_at = $2 \
             where outbox_id = $1 and status = 'pending'";
        let mut tx = self.write().await?;
        let conn = &mut tx.conn()?;
        let result = {
            let done = conn
                .query(SQL)
                .bind(outbox_id.0)
                .bind(to_ms(now))
                .bind(channel_sent_id)
                .execute(conn)
                .await?;
            Ok(done.rows_affected() == 1)
        };
        tx.commit_if_ok(result).await
    }

    /// Records several delivered replies at once, each `(outbox_id, channel_sent_id, when)`,
    /// in one statement. Returns the ids that were still pending and are now sent; the others
    /// were settled by another dispatcher after this one's lease ran out.
    pub async fn mark_sent_many(
        &self,
        sent: &[(OutboxId, String, DateTime<Utc>)],
    ) -> Result<Vec<OutboxId>, StoreError> {
        let mut ids = Vec::new();
        for ((id, _, _), (updated, committed)) in sent.iter().zip(self.write_marks(sent).await?) {
            if let Some(committed) = committed {
                committed.wait().await?;
            }
            if updated {
                ids.push(*id);
            }
        }
        Ok(ids)
    }

    /// `mark_sent_many`'s statement: for each send, whether it was still pending and is now
    /// sent, and on SQLite the group commit to wait for before relying on it.
    async fn write_marks(
        &self,
        sent: &[(OutboxId, String, DateTime<Utc>)],
    ) -> Result<Vec<Marked>, StoreError> {
        if sent.is_empty() {
            return Ok(Vec::new());
        }
        let mut tx = self.write().await?;
        let rows = match tx.native()? {
            Native::Postgres(conn) => postgres::outbox::mark_sent(conn, sent).await?,
            Native::Sqlite(conn) => sqlite::outbox::mark_sent(conn, sent).await?,
        };
        let mut committed = match tx {
            Tx::Sqlite(guard) => {
                let waits = guard.submit(sent.len()).await;
                if waits.len() != sent.len() {
                    return Err(StoreError::Conflict("writer shut down".to_owned()));
                }
                waits
            }
            tx => {
                tx.commit().await?;
                Vec::new()
            }
        };
        let mut committed = committed.drain(..).map(Some);
        Ok(sent
            .iter()
            .map(|(id, _, _)| (rows.contains(&id.0), committed.next().flatten()))
            .collect())
    }

    /// Replaces a settled reply's payload: a reply that carried a file (the citizen's data
    /// export) keeps none of its content once delivered or given up.
    pub async fn forget_attachment(
        &self,
        outbox_id: OutboxId,
        payload: &str,
    ) -> Result<(), StoreError> {
        const SQL: &str = "update outbox set payload = $2 where outbox_id = $1 \
             and status <> 'pending'";
        let mut tx = self.write().await?;
        let conn = &mut tx.conn()?;
        let result = {
            conn.query(SQL)
                .bind(outbox_id.0)
                .bind(payload)
                .execute(conn)
                .await?;
            Ok(())
        };
        tx.commit_if_ok(result).await
    }

    /// Puts a claimed reply back in the queue for another attempt at `next_attempt_at`.
    pub async fn mark_retry(
        &self,
        outbox_id: OutboxId,
        next_attempt_at: DateTime<Utc>,
        error: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        const SQL: &str = "update outbox set next_attempt_at = $2, claimed_until = null, \
             claimed_by = null, last_error = $3, updated_at = $4 \
             where outbox_id = $1 and status = 'pending'";
        // The replies queued behind it in its conversation cannot go before it: they wait for
        // the same time, so that claims do not go over them again and again meanwhile (with a
        // long queue, claims that did were what slowed the dispatcher down under failures).
        const BEHIND: &str = "update outbox set next_attempt_at = $2 \
             where status = 'pending' and next_attempt_at < $2 \
             and conversation_id = (select conversation_id from outbox where outbox_id = $1) \
             and seq > (select seq from outbox where outbox_id = $1)";
        let mut tx = self.write().await?;
        let conn = &mut tx.conn()?;
        let result = {
            conn.query(SQL)
                .bind(outbox_id.0)
                .bind(to_ms(next_attempt_at))
                .bind(error)
                .bind(to_ms(now))
                .execute(conn)
                .await?;
            conn.query(BEHIND)
                .bind(outbox_id.0)
                .bind(to_ms(next_attempt_at))
                .execute(conn)
                .await?;
            Ok(())
        };
        tx.commit_if_ok(result).await
    }

    /// Gives up on a reply. With `blocked`, the citizen is marked unreachable until they
    /// write again, and their subscriptions end. Both are written to the audit log,
    /// atomically with the status.
    pub async fn mark_failed(
        &self,
        claimed: &ClaimedReply,
        blocked: bool,
        error: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let detail = serde_json::json!({
            "outbox_id": claimed.outbox_id.0,
            "seq": claimed.seq,
            "attempts": claimed.attempts,
            "error": error,
        })
        .to_string();
        let event = if blocked {
            "citizen_unreachable"
        } else {
            "delivery_failed"
        };
        // Blocked: two statements, one transaction.
        let mut tx = if blocked {
            self.transaction().await?
        } else {
            self.write().await?
        };
        let conn = &mut tx.conn()?;
        let result = {
            conn.query(
                conn.dialect()
                    .pick(sqlite::sql::FAIL_REPLY, postgres::sql::FAIL_REPLY),
            )
            .bind(claimed.outbox_id.0)
            .bind(error)
            .bind(to_ms(now))
            .bind(event)
            .bind(&detail)
            .bind(blocked)
            .execute(conn)
            .await?;
            if blocked {
                // A citizen who blocked the bot is unsubscribed from everything.
                conn.query(UNSUBSCRIBE_BLOCKED)
                    .bind(claimed.outbox_id.0)
                    .execute(conn)
                    .await?;
            }
            Ok(())
        };
        tx.commit_if_ok(result).await
    }

    /// When the next pending reply for `channel` becomes due, if any is waiting: lets an idle
    /// dispatcher sleep until a retry instead of polling.
    pub async fn next_due(
        &self,
        channel: ChannelKind,
    ) -> Result<Option<DateTime<Utc>>, StoreError> {
        // Only queue heads count: a row behind a row in backoff is not going anywhere sooner.
        const SQL: &str = "select min(case when o.claimed_until is null \
             or o.claimed_until < o.next_attempt_at then o.next_attempt_at \
             else o.claimed_until end) from outbox o \
             where o.channel = $1 and o.status = 'pending' and o.held_at is null \
             and not exists (select 1 from outbox p where p.conversation_id = o.conversation_id \
               and p.status = 'pending' and p.seq < o.seq)";
        let db = &mut self.read();
        let row = db.query(SQL).bind(channel.code()).fetch_one(db).await?;
        Ok(row.try_get::<Option<i64>>(0)?.map(from_ms))
    }

    /// The outbox rows of a conversation, in sending order.
    pub async fn outbox_entries(
        &self,
        conversation_id: ConversationId,
    ) -> Result<Vec<OutboxEntry>, StoreError> {
        const SQL: &str = "select o.outbox_id, o.conversation_id, i.channel_message_id, o.seq, \
             o.status, o.attempts, o.next_attempt_at, o.last_error, o.sent_at, o.held_at, \
             o.channel_sent_id, o.delivery_status, o.delivery_error \
             from outbox o left join inbound i on i.inbound_id = o.inbound_id \
             where o.conversation_id = $1 order by o.seq";
        let db = &mut self.read();
        let rows = db.query(SQL).bind(conversation_id.0).fetch_all(db).await?;
        rows.iter()
            .map(|row| {
                let status: String = row.try_get(4)?;
                Ok(OutboxEntry {
                    outbox_id: OutboxId(row.try_get(0)?),
                    conversation_id: ConversationId(row.try_get(1)?),
                    inbound_message_id: row.try_get(2)?,
                    seq: row.try_get(3)?,
                    status: OutboxStatus::parse(&status)?,
                    attempts: row.try_get(5)?,
                    next_attempt_at: from_ms(row.try_get(6)?),
                    last_error: row.try_get(7)?,
                    sent_at: row.try_get::<Option<i64>>(8)?.map(from_ms),
                    held_at: row.try_get::<Option<i64>>(9)?.map(from_ms),
                    channel_sent_id: row.try_get(10)?,
                    delivery_status: row.try_get(11)?,
                    delivery_error: row.try_get(12)?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()
    }

    /// Every inbound message of `channel` with each reply it caused, in inbound and sending
    /// order: what a load or crash run checks against what the channel received.
    pub async fn delivery_records(
        &self,
        channel: ChannelKind,
    ) -> Result<Vec<DeliveryRecord>, StoreError> {
        const SQL: &str = "select z.channel_user_id, i.channel_message_id, o.outbox_id, o.seq, \
             o.status, o.attempts, o.channel_sent_id \
             from inbound i join citizens z on z.citizen_id = i.citizen_id \
             left join outbox o on o.inbound_id = i.inbound_id \
             where i.channel = $1 order by i.inbound_id, o.seq";
        let db = &mut self.read();
        let rows = db.query(SQL).bind(channel.code()).fetch_all(db).await?;
        rows.iter()
            .map(|row| {
                let outbox_id: Option<i64> = row.try_get(2)?;
                let reply = match outbox_id {
                    None => None,
                    Some(id) => {
                        let status: String = row.try_get(4)?;
                        Some(DeliveredReply {
                            outbox_id: OutboxId(id),
                            seq: row.try_get(3)?,
                            status: OutboxStatus::parse(&status)?,
                            attempts: row.try_get(5)?,
                            channel_sent_id: row.try_get(6)?,
                        })
                    }
                };
                Ok(DeliveryRecord {
                    user: ChannelUserId::new(row.try_get::<String>(0)?),
                    inbound_message_id: row.try_get(1)?,
                    reply,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()
    }

    /// How many outbox rows there are per channel, priority and progress: `queued` (pending),
    /// `sent`, `failed`, `blocked` (failed because the citizen blocked the bot).
    pub async fn outbox_progress(&self) -> Result<Vec<OutboxProgress>, StoreError> {
        const BLOCKED: &str = "case when status = 'failed' and last_error like 'blocked:%'              then 1 else 0 end";
        let sql = format!(
            "select channel, priority, status, {BLOCKED}, count(*) from outbox              group by channel, priority, status, {BLOCKED}"
        );
        let db = &mut self.read();
        let mut progress = Vec::new();
        for row in db.query(sqlx::AssertSqlSafe(sql)).fetch_all(db).await? {
            let status: String = row.try_get(2)?;
            let blocked: i64 = row
                .try_get::<i32>(3)
                .map(i64::from)
                .or_else(|_| row.try_get(3))?;
            let state = match (OutboxStatus::parse(&status)?, blocked) {
                (OutboxStatus::Pending, _) => "queued",
                (OutboxStatus::Sent, _) => "sent",
                (OutboxStatus::Failed, 0) => "failed",
                (OutboxStatus::Failed, _) => "blocked",
            };
            progress.push(OutboxProgress {
                channel: row.try_get(0)?,
                priority: Priority::from_code(row.try_get(1)?),
                state,
                count: row.try_get(4)?,
            });
        }
        Ok(progress)
    }

    /// How many outbox rows there are in each status.
    pub async fn outbox_counts(&self) -> Result<OutboxCounts, StoreError> {
        const SQL: &str = "select status, count(*) from outbox group by status";
        let db = &mut self.read();
        let mut counts = OutboxCounts::default();
        for row in db.query(SQL).fetch_all(db).await? {
            let status: String = row.try_get(0)?;
            let n: i64 = row.try_get(1)?;
            match OutboxStatus::parse(&status)? {
                OutboxStatus::Pending => counts.pending = n,
                OutboxStatus::Sent => counts.sent = n,
                OutboxStatus::Failed => counts.failed = n,
            }
        }
        Ok(counts)
    }
}
