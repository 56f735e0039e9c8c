//! Delivery beyond the inbound transaction: replies queued outside it (an operator's answer),
//! replies held outside a channel's reply window, and the delivery statuses a channel reports.

use chrono::{DateTime, Utc};
use sqlx::Row;

use super::{CitizenId, ConversationId, OutboxId, Store, StoreError, from_ms, to_ms};
use crate::channels::ChannelKind;
use crate::engine::Reply;

/// A delivery status a channel reports for a sent message. Statuses may arrive out of order;
/// each has a rank and a lower rank never replaces a higher one (`delivered` after `read` is
/// ignored). `Failed` ranks highest: nothing comes after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryStatus {
    Sent,
    Delivered,
    Read,
    Failed,
}

impl DeliveryStatus {
    pub fn code(self) -> &'static str {
        match self {
            DeliveryStatus::Sent => "sent",
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Read => "read",
            DeliveryStatus::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<DeliveryStatus> {
        Some(match s {
            "sent" => DeliveryStatus::Sent,
            "delivered" => DeliveryStatus::Delivered,
            "read" => DeliveryStatus::Read,
            "failed" => DeliveryStatus::Failed,
            _ => return None,
        })
    }

    fn rank(self) -> i64 {
        match self {
            DeliveryStatus::Sent => 1,
            DeliveryStatus::Delivered => 2,
            DeliveryStatus::Read => 3,
            DeliveryStatus::Failed => 4,
        }
    }
}

/// What recording a status did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusRecorded {
    /// The row now shows this status.
    Updated,
    /// The row already showed this status or a later one.
    Stale,
    /// No reply was sent with this id (sent by something else, or already purged).
    Unknown,
}

/// How a held reply's re-engagement message went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reengagement {
    /// Sent now, with this hold.
    Sent,
    /// Sent earlier, since the citizen's last message: not sent again.
    AlreadySent,
    /// The channel refused it; the reply is held all the same.
    Failed,
}

impl Reengagement {
    pub fn code(self) -> &'static str {
        match self {
            Reengagement::Sent => "sent",
            Reengagement::AlreadySent => "already_sent",
            Reengagement::Failed => "failed",
        }
    }
}

impl Store {
    /// Queues a reply to a conversation outside the inbound transaction (an operator's
    /// answer): the next sequence number, an outbox row and a transcript line, atomically.
    /// The reply is sent as written; the transcript keeps it redacted, since a person wrote
    /// it, not the flows. Returns `None` when the conversation does not exist.
    pub async fn queue_reply(
        &self,
        conversation_id: ConversationId,
        reply: &Reply,
        now: DateTime<Utc>,
    ) -> Result<Option<OutboxId>, StoreError> {
        // $1 conversation, $2 payload, $3 now, $4 text.
        const PG: &str = "with c as (update conversations set last_seq = last_seq + 1, \
               updated_at = $3 where conversation_id = $1 \
               returning conversation_id, citizen_id, last_seq), \
             m as (insert into messages (conversation_id, direction, kind, text, at, \
               created_at, updated_at) select conversation_id, 'out', 'reply', $4, $3, $3, $3 \
               from c) \
             insert into outbox (conversation_id, citizen_id, channel, seq, payload, status, \
               attempts, next_attempt_at, created_at, updated_at) \
             select c.conversation_id, c.citizen_id, z.channel, c.last_seq, $2, 'pending', 0, \
               $3, $3, $3 from c join citizens z on z.citizen_id = c.citizen_id \
             returning outbox_id";
        const SQLITE: &[&str] = &[
            "update conversations set last_seq = last_seq + 1, updated_at = $3 \
             where conversation_id = $1",
            "insert into messages (conversation_id, direction, kind, text, at, created_at, \
             updated_at) select conversation_id, 'out', 'reply', $4, $3, $3, $3 \
             from conversations where conversation_id = $1",
            "insert into outbox (conversation_id, citizen_id, channel, seq, payload, status, \
             attempts, next_attempt_at, created_at, updated_at) \
             select c.conversation_id, c.citizen_id, z.channel, c.last_seq, $2, 'pending', 0, \
             $3, $3, $3 from conversations c join citizens z on z.citizen_id = c.citizen_id \
             where c.conversation_id = $1 returning outbox_id",
        ];
        let payload =
            serde_json::to_string(reply).map_err(|e| StoreError::corrupt("reply payload", e))?;
        let now_ms = to_ms(now);
        let transcript = crate::privacy::redact::redact(&reply.text).text;
        let id: Result<Option<i64>, StoreError> = on_write!(self, conn, pg => {
            let statements: &[&str] = if pg { &[PG] } else { SQLITE };
            let mut id = None;
            for sql in statements {
                let rows = sqlx::query(*sql)
                    .bind(conversation_id.0)
                    .bind(payload.as_str())
                    .bind(now_ms)
                    .bind(transcript.as_str())
                    .fetch_all(&mut *conn)
                    .await?;
                if let Some(row) = rows.first() {
                    id = Some(row.try_get::<i64, _>(0)?);
                }
            }
            Ok(id)
        });
        let id = id?.map(OutboxId);
        if id.is_some() {
            self.wake_dispatchers();
        }
        Ok(id)
    }

    /// When the citizen last wrote, on any of their conversations. Only the citizen's own
    /// channel counts: operators' actions are recorded in `inbound` too, under their channel.
    pub async fn last_inbound_at(
        &self,
        citizen_id: CitizenId,
    ) -> Result<Option<DateTime<Utc>>, StoreError> {
        // Kept on the citizen's row by the inbound transaction (migration `last_inbound`).
        const SQL: &str = "select last_inbound_at from citizens where citizen_id = $1";
        on_backend_read!(self, pool => {
            let row = sqlx::query(SQL).bind(citizen_id.0).fetch_optional(pool).await?;
            Ok(match row {
                Some(row) => row.try_get::<Option<i64>, _>(0)?.map(from_ms),
                None => None,
            })
        })
    }

    /// Whether the re-engagement message is still to be sent for the citizen's current closed
    /// window: not sent since their last message written at `last_inbound`.
    pub async fn reengagement_due(
        &self,
        citizen_id: CitizenId,
        last_inbound: Option<DateTime<Utc>>,
    ) -> Result<bool, StoreError> {
        const SQL: &str = "select reengaged_at from citizens where citizen_id = $1";
        let sent: Option<i64> = on_backend_read!(self, pool => {
            match sqlx::query(SQL).bind(citizen_id.0).fetch_optional(pool).await? {
                Some(row) => row.try_get::<Option<i64>, _>(0)?,
                None => None,
            }
        });
        Ok(match (sent, last_inbound) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(sent), Some(last)) => sent <= to_ms(last),
        })
    }

    /// Holds a claimed reply outside the channel's reply window: it stays pending, unclaimed,
    /// until the citizen writes a message newer than `last_inbound` (the latest known when
    /// the window was found closed: a message arriving meanwhile releases it at once). Records how the re-engagement went (and when it was
    /// sent, so it goes once per window) and leaves a `reply_held` audit row, the durable
    /// trace an operator's view reads. The claim's attempt is given back: holding is not a
    /// failed send.
    pub async fn hold_reply(
        &self,
        outbox_id: OutboxId,
        last_inbound: Option<DateTime<Utc>>,
        reengagement: Reengagement,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        // $1 outbox id, $2 now, $3 detail, $4 1 when the re-engagement was sent now,
        // $5 the citizen's last message known when deciding to hold.
        const PG: &str = "with h as (update outbox set held_at = $2, held_after = $5, \
               claimed_until = null, \
               claimed_by = null, attempts = greatest(attempts - 1, 0), updated_at = $2 \
               where outbox_id = $1 and status = 'pending' \
               returning citizen_id, conversation_id), \
             r as (update citizens set reengaged_at = $2, updated_at = $2 \
               where $4 = 1 and citizen_id in (select citizen_id from h)) \
             insert into audit (citizen_id, conversation_id, event, detail, at, created_at, \
               updated_at) select citizen_id, conversation_id, 'reply_held', $3, $2, $2, $2 \
               from h";
        const SQLITE: &str = "update citizens set reengaged_at = $2, updated_at = $2 \
               where $4 = 1 and citizen_id = (select citizen_id from outbox \
               where outbox_id = $1 and status = 'pending'); \
             insert into audit (citizen_id, conversation_id, event, detail, at, created_at, \
               updated_at) select citizen_id, conversation_id, 'reply_held', $3, $2, $2, $2 \
               from outbox where outbox_id = $1 and status = 'pending'; \
             update outbox set held_at = $2, held_after = $5, claimed_until = null, \
               claimed_by = null, \
               attempts = max(attempts - 1, 0), updated_at = $2 \
               where outbox_id = $1 and status = 'pending'";
        let detail = serde_json::json!({
            "outbox_id": outbox_id.0,
            "reason": "outside the reply window",
            "reengagement": reengagement.code(),
        })
        .to_string();
        on_write!(self, conn, pg => {
            sqlx::query(if pg { PG } else { SQLITE })
                .bind(outbox_id.0)
                .bind(to_ms(now))
                .bind(detail.as_str())
                .bind(i64::from(reengagement == Reengagement::Sent))
                .bind(last_inbound.map_or(0, to_ms))
                .execute(&mut *conn)
                .await?;
            Ok(())
        })
    }

    /// Records a delivery status the channel reported for the message it gave `sent_id`.
    /// A `failed` status also fails the outbox row, with `error`, and leaves a
    /// `delivery_failed` audit row.
    pub async fn record_delivery_status(
        &self,
        channel: ChannelKind,
        sent_id: &str,
        status: DeliveryStatus,
        error: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<StatusRecorded, StoreError> {
        // The channel is a literal so that the partial index on WhatsApp's ids applies.
        // $1 sent id, $2 status, $3 rank, $4 error, $5 at.
        let update = format!(
            "update outbox set delivery_status = $2, delivery_rank = $3, delivery_error = $4, \
             delivery_at = $5, updated_at = $5, \
             status = case when $2 = 'failed' then 'failed' else status end, \
             last_error = case when $2 = 'failed' then $4 else last_error end \
             where channel = '{0}' and channel_sent_id = $1 and delivery_rank < $3",
            channel.code()
        );
        let audit = format!(
            "insert into audit (citizen_id, conversation_id, event, detail, at, created_at, \
             updated_at) select citizen_id, conversation_id, 'delivery_failed', \
             '{{\"outbox_id\":' || outbox_id || ',\"status\":\"failed\"}}', $5, $5, $5 \
             from outbox where channel = '{0}' and channel_sent_id = $1 and delivery_rank < $3 \
             and $2 = 'failed'",
            channel.code()
        );
        let exists = format!(
            "select count(*) from outbox where channel = '{0}' and channel_sent_id = $1",
            channel.code()
        );
        let error = error.map(str::to_owned);
        on_write!(self, conn, pg => {
            let changed: i64 = if pg {
                let sql = format!(
                    "with u as ({} returning outbox_id, citizen_id, conversation_id), \
                     a as (insert into audit (citizen_id, conversation_id, event, detail, at, \
                       created_at, updated_at) select citizen_id, conversation_id, \
                       'delivery_failed', '{{\"outbox_id\":' || outbox_id || \
                       ',\"status\":\"failed\"}}', $5, $5, $5 from u where $2 = 'failed') \
                     select count(*) from u",
                    update
                );
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(sent_id)
                    .bind(status.code())
                    .bind(status.rank())
                    .bind(error.as_deref())
                    .bind(to_ms(at))
                    .fetch_one(&mut *conn)
                    .await?
                    .try_get(0)?
            } else {
                let mut changed = 0;
                for sql in [&audit, &update] {
                    let done = sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
                        .bind(sent_id)
                        .bind(status.code())
                        .bind(status.rank())
                        .bind(error.as_deref())
                        .bind(to_ms(at))
                        .execute(&mut *conn)
                        .await?;
                    changed = i64::try_from(done.rows_affected()).unwrap_or(i64::MAX);
                }
                changed
            };
            // No early return: on SQLite that would leave the batch uncommitted.
            if changed > 0 {
                Ok(StatusRecorded::Updated)
            } else {
                let known: i64 = sqlx::query(sqlx::AssertSqlSafe(exists.clone()))
                    .bind(sent_id)
                    .fetch_one(&mut *conn)
                    .await?
                    .try_get(0)?;
                Ok(if known > 0 {
                    StatusRecorded::Stale
                } else {
                    StatusRecorded::Unknown
                })
            }
        })
    }
}
