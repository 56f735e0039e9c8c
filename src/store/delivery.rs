//! Delivery beyond the inbound transaction: replies queued outside it (an operator's answer),
//! replies held outside a channel's reply window, and the delivery statuses a channel reports.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Utc};
use sqlx::Row;

use super::{CitizenId, ConversationId, OutboxId, Store, StoreError, from_ms, to_ms};
use crate::ids::ChannelKind;

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

/// A delivery status a channel reported for the message it gave `sent_id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusReport {
    pub channel: ChannelKind,
    pub sent_id: String,
    pub status: DeliveryStatus,
    /// What the channel said went wrong, with a `failed` status.
    pub error: Option<String>,
    pub at: DateTime<Utc>,
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

/// A reply held outside the channel's reply window: the notice the hand-off turns into a
/// line in the operator's topic ("held: outside the 24-hour window, template sent"). The
/// durable record is the `reply_held` audit row and the outbox row's `held_at`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    pub conversation_id: ConversationId,
    pub outbox_id: OutboxId,
    pub reengagement: Reengagement,
}

impl Held {
    /// The text id (locales/*/whatsapp.ftl) that tells the operator what happened.
    pub fn operator_text(&self) -> &'static str {
        match self.reengagement {
            Reengagement::Sent => "whatsapp-operator-held",
            Reengagement::AlreadySent => "whatsapp-operator-held-again",
            Reengagement::Failed => "whatsapp-operator-held-failed",
        }
    }
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
    /// answer): the next sequence number, an outbox row with `payload` (the reply as JSON)
    /// and a transcript line with `transcript` (the caller redacts it), atomically. Returns
    /// `None` when the conversation does not exist.
    pub async fn queue_reply(
        &self,
        conversation_id: ConversationId,
        payload: &str,
        transcript: &str,
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
        let now_ms = to_ms(now);
        let transcript = super::storable(transcript.to_owned());
        let id: Result<Option<i64>, StoreError> = on_write!(self, conn, pg => {
            let statements: &[&str] = if pg { &[PG] } else { SQLITE };
            let mut id = None;
            for sql in statements {
                let rows = sqlx::query(*sql)
                    .bind(conversation_id.0)
                    .bind(payload)
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

    /// Records delivery statuses the channels reported, and tells for each what that did.
    /// A `failed` status also fails the outbox row, with its error, and leaves a
    /// `delivery_failed` audit row. Statuses reported while an earlier record is being written
    /// are recorded together in the next, one statement for all (see `coalesce`): a
    /// busy number gets three statuses for every reply it sends. If that shared record
    /// fails, these statuses are recorded alone.
    pub async fn record_delivery_statuses(
        &self,
        reports: &[StatusReport],
    ) -> Result<Vec<StatusRecorded>, StoreError> {
        if reports.is_empty() {
            return Ok(Vec::new());
        }
        let shared = self
            .statuses
            .run(reports.to_vec(), |batches| async move {
                let all: Vec<StatusReport> = batches.iter().flatten().cloned().collect();
                match self.write_statuses(&all).await {
                    Ok(recorded) => {
                        let mut recorded = recorded.into_iter();
                        Some(
                            batches
                                .iter()
                                .map(|batch| recorded.by_ref().take(batch.len()).collect())
                                .collect(),
                        )
                    }
                    Err(e) => {
                        tracing::warn!(error = %e, statuses = all.len(), "cannot record delivery statuses together; recording each call's alone");
                        None
                    }
                }
            })
            .await;
        match shared {
            Some(recorded) => Ok(recorded),
            None => self.write_statuses(reports).await,
        }
    }

    /// One statement per channel for all of `reports`. Of several statuses for one message,
    /// the highest ranked is written (the first of equals) and the others are stale.
    async fn write_statuses(
        &self,
        reports: &[StatusReport],
    ) -> Result<Vec<StatusRecorded>, StoreError> {
        let mut recorded = vec![StatusRecorded::Unknown; reports.len()];
        let mut channels: Vec<ChannelKind> = reports.iter().map(|r| r.channel).collect();
        channels.sort_by_key(|c| c.code());
        channels.dedup();
        for channel in channels {
            // The highest ranked report of each message, in a fixed order of messages, so
            // that two processes writing the same rows lock them in the same order.
            let mut winners: BTreeMap<&str, usize> = BTreeMap::new();
            for (i, report) in reports.iter().enumerate() {
                if report.channel != channel {
                    continue;
                }
                let best = winners.entry(report.sent_id.as_str()).or_insert(i);
                if reports[*best].status.rank() < report.status.rank() {
                    *best = i;
                }
            }
            let written: Vec<&StatusReport> = winners.values().map(|&i| &reports[i]).collect();
            let (updated, known) = self.write_channel_statuses(channel, &written).await?;
            let winners: HashSet<usize> = winners.into_values().collect();
            for (i, report) in reports.iter().enumerate() {
                if report.channel != channel {
                    continue;
                }
                let sent_id = report.sent_id.as_str();
                recorded[i] = if winners.contains(&i) && updated.contains(sent_id) {
                    StatusRecorded::Updated
                } else if known.contains(sent_id) {
                    StatusRecorded::Stale
                } else {
                    StatusRecorded::Unknown
                };
            }
        }
        Ok(recorded)
    }

    /// Writes one status per message (`reports` has each sent id once); returns the sent ids
    /// whose row now shows the status, and those that have a row at all.
    async fn write_channel_statuses(
        &self,
        channel: ChannelKind,
        reports: &[&StatusReport],
    ) -> Result<(HashSet<String>, HashSet<String>), StoreError> {
        // The channel is a literal so that the partial index on WhatsApp's ids applies. Both
        // forms return each updated id tagged 1 and each known id tagged 0.
        // PostgreSQL: arrays $1 sent id, $2 status, $3 rank, $4 error, $5 at (ms).
        let pg = format!(
            "with s as (select * from unnest($1::text[], $2::text[], $3::int8[], \
               $4::text[], $5::int8[]) as s(sid, status, rank, error, at)), \
             u as (update outbox o set delivery_status = s.status, delivery_rank = s.rank, \
               delivery_error = s.error, delivery_at = s.at, updated_at = s.at, \
               status = case when s.status = 'failed' then 'failed' else o.status end, \
               last_error = case when s.status = 'failed' then s.error else o.last_error end \
               from s where o.channel = '{0}' and o.channel_sent_id = s.sid \
               and o.channel_sent_id = any($1::text[]) and o.delivery_rank < s.rank \
               returning o.outbox_id, o.citizen_id, o.conversation_id, o.channel_sent_id, \
                 s.status as reported, s.at), \
             a as (insert into audit (citizen_id, conversation_id, event, detail, at, \
               created_at, updated_at) select citizen_id, conversation_id, 'delivery_failed', \
               '{{\"outbox_id\":' || outbox_id || ',\"status\":\"failed\"}}', at, at, at \
               from u where reported = 'failed') \
             select channel_sent_id, 1::int8 from u union all \
             select channel_sent_id, 0::int8 from outbox where channel = '{0}' \
               and channel_sent_id = any($1::text[])",
            channel.code()
        );
        // SQLite: one JSON array of `[sent id, status, rank, error, at]`; the audit row is
        // written first, while the row still shows its earlier status.
        let sqlite = format!(
            "insert into audit (citizen_id, conversation_id, event, detail, at, created_at, \
               updated_at) select o.citizen_id, o.conversation_id, 'delivery_failed', \
               '{{\"outbox_id\":' || o.outbox_id || ',\"status\":\"failed\"}}', \
               j.value ->> 4, j.value ->> 4, j.value ->> 4 \
               from json_each($1) as j join outbox o on o.channel = '{0}' \
               and o.channel_sent_id = j.value ->> 0 and o.delivery_rank < j.value ->> 2 \
               where j.value ->> 1 = 'failed'; \
             update outbox set delivery_status = j.value ->> 1, delivery_rank = j.value ->> 2, \
               delivery_error = j.value ->> 3, delivery_at = j.value ->> 4, \
               updated_at = j.value ->> 4, \
               status = case when j.value ->> 1 = 'failed' then 'failed' else status end, \
               last_error = case when j.value ->> 1 = 'failed' then j.value ->> 3 \
                 else last_error end \
               from json_each($1) as j where outbox.channel = '{0}' \
               and outbox.channel_sent_id = j.value ->> 0 \
               and outbox.delivery_rank < j.value ->> 2 \
               returning channel_sent_id, 1; \
             select channel_sent_id, 0 from outbox where channel = '{0}' \
               and channel_sent_id in (select value ->> 0 from json_each($1))",
            channel.code()
        );
        let rows = match &self.backend {
            super::Backend::Postgres(pool) => {
                let column = |f: fn(&StatusReport) -> &str| -> Vec<&str> {
                    reports.iter().map(|r| f(r)).collect()
                };
                sqlx::query_as::<_, (String, i64)>(sqlx::AssertSqlSafe(pg))
                    .bind(column(|r| r.sent_id.as_str()))
                    .bind(column(|r| r.status.code()))
                    .bind(reports.iter().map(|r| r.status.rank()).collect::<Vec<_>>())
                    .bind(
                        reports
                            .iter()
                            .map(|r| r.error.as_deref())
                            .collect::<Vec<_>>(),
                    )
                    .bind(reports.iter().map(|r| to_ms(r.at)).collect::<Vec<_>>())
                    .fetch_all(pool)
                    .await?
            }
            super::Backend::Sqlite { write, .. } => {
                let json = serde_json::Value::Array(
                    reports
                        .iter()
                        .map(|r| {
                            serde_json::json!([
                                r.sent_id,
                                r.status.code(),
                                r.status.rank(),
                                r.error,
                                to_ms(r.at)
                            ])
                        })
                        .collect(),
                )
                .to_string();
                let rows: Result<_, StoreError> = in_sqlite_batch!(write, conn => {
                    Ok(sqlx::query_as::<_, (String, i64)>(sqlx::AssertSqlSafe(sqlite))
                        .bind(json)
                        .fetch_all(&mut *conn)
                        .await?)
                });
                rows?
            }
        };
        let mut updated = HashSet::new();
        let mut known = HashSet::new();
        for (sent_id, tag) in rows {
            if tag == 1 {
                updated.insert(sent_id);
            } else {
                known.insert(sent_id);
            }
        }
        Ok((updated, known))
    }
}
