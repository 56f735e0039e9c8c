//! Delivery beyond the inbound transaction: replies queued outside it (an operator's answer),
//! replies held outside a channel's reply window, and the delivery statuses a channel reports.

use std::collections::{BTreeMap, HashSet};

use super::db::{Conn, Native};
use super::outbox::Priority;
use super::{
    CitizenId, ConversationId, OutboxId, Store, StoreError, from_ms, postgres, sqlite, to_ms,
};
use crate::ids::ChannelKind;
use chrono::{DateTime, Utc};

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

    pub(crate) fn rank(self) -> i64 {
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

/// `QUEUE_REPLY` on a connection the caller holds: the next sequence number of the
/// conversation, an outbox row with `payload` and a transcript line with `transcript`. The
/// outbox id, or `None` when the conversation does not exist.
pub(super) async fn queue_reply_in(
    conn: &mut Conn<'_>,
    conversation_id: i64,
    payload: &str,
    transcript: &str,
    now_ms: i64,
    priority: Priority,
) -> Result<Option<i64>, StoreError> {
    let statements = conn
        .dialect()
        .pick(sqlite::sql::QUEUE_REPLY, postgres::sql::QUEUE_REPLY);
    let mut id = None;
    for sql in statements {
        let rows = conn
            .query(*sql)
            .bind(conversation_id)
            .bind(payload)
            .bind(now_ms)
            .bind(transcript)
            .bind(priority.code())
            .fetch_all(conn)
            .await?;
        if let Some(row) = rows.first() {
            id = Some(row.try_get::<i64>(0)?);
        }
    }
    Ok(id)
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
        let now_ms = to_ms(now);
        let transcript = super::storable(transcript.to_owned());
        let id: Result<Option<i64>, StoreError> = {
            let mut tx = self.write().await?;
            let conn = &mut tx.conn()?;
            let result = queue_reply_in(
                conn,
                conversation_id.0,
                payload,
                &transcript,
                now_ms,
                Priority::Reply,
            )
            .await;
            tx.commit_if_ok(result).await
        };
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
        let db = &mut self.read();
        let row = db.query(SQL).bind(citizen_id.0).fetch_optional(db).await?;
        Ok(match row {
            Some(row) => row.try_get::<Option<i64>>(0)?.map(from_ms),
            None => None,
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
        let sent: Option<i64> = {
            let db = &mut self.read();
            match db.query(SQL).bind(citizen_id.0).fetch_optional(db).await? {
                Some(row) => row.try_get::<Option<i64>>(0)?,
                None => None,
            }
        };
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
        let detail = serde_json::json!({
            "outbox_id": outbox_id.0,
            "reason": "outside the reply window",
            "reengagement": reengagement.code(),
        })
        .to_string();
        let mut tx = self.write().await?;
        let conn = &mut tx.conn()?;
        let result = {
            conn.query(
                conn.dialect()
                    .pick(sqlite::sql::HOLD_REPLY, postgres::sql::HOLD_REPLY),
            )
            .bind(outbox_id.0)
            .bind(to_ms(now))
            .bind(detail.as_str())
            .bind(i64::from(reengagement == Reengagement::Sent))
            .bind(last_inbound.map_or(0, to_ms))
            .execute(conn)
            .await?;
            Ok(())
        };
        tx.commit_if_ok(result).await
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
        let mut tx = self.write().await?;
        let rows = match tx.native()? {
            Native::Postgres(conn) => {
                postgres::outbox::channel_statuses(conn, channel, reports).await
            }
            Native::Sqlite(conn) => sqlite::outbox::channel_statuses(conn, channel, reports).await,
        };
        let rows = tx.commit_if_ok(rows).await?;
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
