//! Broadcasts: announcements to the subscribers of a topic and the alerts made from CAP
//! messages. A broadcast is a row with its texts by language; sending it is queueing one
//! outbox row per recipient, walked by citizen id in chunks (one transaction each), each row
//! naming its broadcast. `(broadcast_id, citizen_id)` is unique among outbox rows, so a chunk
//! queued again (a crash after the commit, a second process) adds nothing. Progress is read
//! from the rows. The store knows no topic or text: it is given the payloads by language.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::db::Conn;
use super::outbox::Priority;
use super::subscriptions::{lock_citizen, open_conversation};
use super::{OutboxId, Store, StoreError, from_ms, storable, to_ms};
use crate::ids::ChannelKind;

/// Where a broadcast stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BroadcastStatus {
    /// Written, not scheduled.
    Draft,
    /// Scheduled on an emergency topic, waiting for a second person's approval.
    AwaitingApproval,
    /// Goes out at `send_at`.
    Scheduled,
    /// Its rows are being queued or sent.
    Sending,
    /// Every row was sent, failed or expired.
    Sent,
    Cancelled,
}

impl BroadcastStatus {
    pub fn code(self) -> &'static str {
        match self {
            BroadcastStatus::Draft => "draft",
            BroadcastStatus::AwaitingApproval => "awaiting_approval",
            BroadcastStatus::Scheduled => "scheduled",
            BroadcastStatus::Sending => "sending",
            BroadcastStatus::Sent => "sent",
            BroadcastStatus::Cancelled => "cancelled",
        }
    }

    fn parse(code: &str) -> Result<BroadcastStatus, StoreError> {
        Ok(match code {
            "draft" => BroadcastStatus::Draft,
            "awaiting_approval" => BroadcastStatus::AwaitingApproval,
            "scheduled" => BroadcastStatus::Scheduled,
            "sending" => BroadcastStatus::Sending,
            "sent" => BroadcastStatus::Sent,
            "cancelled" => BroadcastStatus::Cancelled,
            other => return Err(StoreError::corrupt("broadcast status", other)),
        })
    }
}

/// A broadcast to write.
#[derive(Debug, Clone)]
pub struct NewBroadcast<'a> {
    pub topic: &'a str,
    /// The text by language tag (`it`, `en`).
    pub texts: &'a BTreeMap<String, String>,
    pub image: Option<&'a str>,
    pub status: BroadcastStatus,
    pub priority: Priority,
    pub created_by: &'a str,
    pub send_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
    /// The CAP message it was made from: sender and identifier.
    pub cap: Option<(&'a str, &'a str)>,
    /// The broadcast whose recipients this one goes to (a CAP update or cancellation); `None`:
    /// the topic's subscribers.
    pub follows: Option<i64>,
    /// The form it was written with: the same request again makes no second broadcast.
    pub request: Option<&'a str>,
}

/// A broadcast as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broadcast {
    pub broadcast_id: i64,
    pub topic: String,
    pub texts: BTreeMap<String, String>,
    pub image: Option<String>,
    pub status: BroadcastStatus,
    pub priority: Priority,
    pub created_by: String,
    pub approved_by: Option<String>,
    pub send_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
    pub cap_sender: Option<String>,
    pub cap_identifier: Option<String>,
    pub follows: Option<i64>,
    /// When every recipient had its row queued.
    pub queued_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// How far a broadcast got, from its outbox rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BroadcastProgress {
    /// Queued and not sent yet (waiting, in flight, retrying).
    pub queued: u64,
    pub sent: u64,
    /// Given up, other than the two below.
    pub failed: u64,
    /// Refused because the citizen blocked the bot (they are unsubscribed).
    pub blocked: u64,
    /// Not sent before the broadcast's expiry.
    pub expired: u64,
}

/// Subscribers of a topic the channels can reach, by channel and language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AudienceCount {
    pub channel: String,
    pub lang: String,
    pub citizens: u64,
}

/// What queueing one chunk did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Chunk {
    /// Rows added now.
    pub queued: u64,
    /// Every recipient has its row: the broadcast is queued.
    pub done: bool,
}

/// The error a row not sent in time is marked failed with.
pub const EXPIRED: &str = "expired";

const FIELDS: &str = "broadcast_id, topic, texts, image, status, priority, created_by, \
     approved_by, send_at, expires_at, cap_sender, cap_identifier, follows, queued_at, \
     created_at";

fn from_row(row: &super::db::Row) -> Result<Broadcast, StoreError> {
    let texts: String = row.try_get(2)?;
    Ok(Broadcast {
        broadcast_id: row.try_get(0)?,
        topic: row.try_get(1)?,
        texts: serde_json::from_str(&texts)
            .map_err(|e| StoreError::corrupt("broadcast texts", e))?,
        image: row.try_get(3)?,
        status: BroadcastStatus::parse(&row.try_get::<String>(4)?)?,
        priority: Priority::from_code(row.try_get(5)?),
        created_by: row.try_get(6)?,
        approved_by: row.try_get(7)?,
        send_at: row.try_get::<Option<i64>>(8)?.map(from_ms),
        expires_at: row.try_get::<Option<i64>>(9)?.map(from_ms),
        cap_sender: row.try_get(10)?,
        cap_identifier: row.try_get(11)?,
        follows: row.try_get(12)?,
        queued_at: row.try_get::<Option<i64>>(13)?.map(from_ms),
        created_at: from_ms(row.try_get(14)?),
    })
}

/// The next recipients after a citizen id: a topic's reachable subscribers, or those of the
/// followed broadcast's rows that did not fail. $1 topic or followed broadcast, $2 after, $3
/// how many.
const TOPIC_AUDIENCE: &str = "select s.citizen_id, z.lang from subscriptions s \
     join citizens z on z.citizen_id = s.citizen_id \
     where s.topic = $1 and z.unreachable_at is null and s.citizen_id > $2 \
     order by s.citizen_id limit $3";
const FOLLOWED_AUDIENCE: &str = "select o.citizen_id, z.lang from outbox o \
     join citizens z on z.citizen_id = o.citizen_id \
     where o.broadcast_id = $1 and o.status <> 'failed' and z.unreachable_at is null \
     and o.citizen_id > $2 order by o.citizen_id limit $3";

/// One broadcast row in the citizen's conversation $1, once per (broadcast, citizen): $2
/// payload, $3 now, $4 priority, $5 broadcast, $6 expiry.
const QUEUE_ROW: &str = "insert into outbox (conversation_id, citizen_id, channel, seq, payload, \
     status, attempts, next_attempt_at, created_at, updated_at, priority, broadcast_id, \
     expires_at) select c.conversation_id, c.citizen_id, z.channel, c.last_seq + 1, $2, \
     'pending', 0, $3, $3, $3, $4, $5, $6 from conversations c \
     join citizens z on z.citizen_id = c.citizen_id where c.conversation_id = $1 \
     on conflict (broadcast_id, citizen_id) where broadcast_id is not null do nothing \
     returning outbox_id";
const BUMP_SEQ: &str = "update conversations set last_seq = last_seq + 1, updated_at = $2 \
     where conversation_id = $1";

/// The broadcast made with a request id.
const BY_REQUEST: &str = "select broadcast_id from broadcasts where request_id = $1";

impl Store {
    /// Writes a new broadcast; its id. With a request id already used, the broadcast made
    /// then, unchanged.
    pub async fn create_broadcast(
        &self,
        new: &NewBroadcast<'_>,
        now: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        const SQL: &str = "insert into broadcasts (topic, texts, image, status, priority, \
             created_by, send_at, expires_at, cap_sender, cap_identifier, follows, request_id, \
             created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $13, \
             $12, $12) on conflict (request_id) where request_id is not null do nothing \
             returning broadcast_id";
        let texts = serde_json::to_string(new.texts).unwrap_or_else(|_| "{}".into());
        let mut tx = self.write().await?;
        let conn = &mut tx.conn()?;
        let result = async {
            let row = conn
                .query(SQL)
                .bind(new.topic)
                .bind(storable(texts))
                .bind(new.image)
                .bind(new.status.code())
                .bind(new.priority.code())
                .bind(new.created_by)
                .bind(new.send_at.map(to_ms))
                .bind(new.expires_at.map(to_ms))
                .bind(new.cap.map(|c| c.0))
                .bind(new.cap.map(|c| c.1))
                .bind(new.follows)
                .bind(to_ms(now))
                .bind(new.request)
                .fetch_optional(&mut *conn)
                .await?;
            let row = match row {
                Some(row) => row,
                None => {
                    conn.query(BY_REQUEST)
                        .bind(new.request)
                        .fetch_one(conn)
                        .await?
                }
            };
            Ok::<i64, StoreError>(row.try_get(0)?)
        }
        .await;
        tx.commit_if_ok(result).await
    }

    /// The broadcast made with the request id `request`, if any.
    pub async fn broadcast_for_request(&self, request: &str) -> Result<Option<i64>, StoreError> {
        let db = &mut self.read();
        let row = db
            .query(BY_REQUEST)
            .bind(request)
            .fetch_optional(db)
            .await?;
        Ok(row.map(|r| r.try_get(0)).transpose()?)
    }

    /// One broadcast.
    pub async fn broadcast(&self, broadcast_id: i64) -> Result<Option<Broadcast>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "select {FIELDS} from broadcasts where broadcast_id = $1"
        ));
        let db = &mut self.read();
        let row = db.query(sql).bind(broadcast_id).fetch_optional(db).await?;
        row.as_ref().map(from_row).transpose()
    }

    /// The latest broadcasts, newest first.
    pub async fn broadcasts(&self, limit: i64) -> Result<Vec<Broadcast>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "select {FIELDS} from broadcasts order by broadcast_id desc limit $1"
        ));
        let db = &mut self.read();
        let rows = db.query(sql).bind(limit).fetch_all(db).await?;
        rows.iter().map(from_row).collect()
    }

    /// The broadcast made from the CAP message `identifier` of `sender`, if any.
    pub async fn broadcast_by_cap(
        &self,
        sender: &str,
        identifier: &str,
    ) -> Result<Option<Broadcast>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "select {FIELDS} from broadcasts where cap_sender = $1 and cap_identifier = $2 \
             order by broadcast_id desc limit 1"
        ));
        let db = &mut self.read();
        let row = db
            .query(sql)
            .bind(sender)
            .bind(identifier)
            .fetch_optional(db)
            .await?;
        row.as_ref().map(from_row).transpose()
    }

    /// Moves a broadcast from one of `from` to `to`, with its send time and approver when
    /// given; `false` when it was in none of `from` (someone else changed it).
    pub async fn move_broadcast(
        &self,
        broadcast_id: i64,
        from: &[BroadcastStatus],
        to: BroadcastStatus,
        send_at: Option<DateTime<Utc>>,
        approved_by: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let codes: Vec<String> = from.iter().map(|s| format!("'{}'", s.code())).collect();
        let sql = sqlx::AssertSqlSafe(format!(
            "update broadcasts set status = $2, send_at = coalesce($3, send_at), \
             approved_by = coalesce($4, approved_by), updated_at = $5 \
             where broadcast_id = $1 and status in ({})",
            codes.join(", ")
        ));
        let mut tx = self.write().await?;
        let conn = &mut tx.conn()?;
        let result = async {
            let done = conn
                .query(sql)
                .bind(broadcast_id)
                .bind(to.code())
                .bind(send_at.map(to_ms))
                .bind(approved_by)
                .bind(to_ms(now))
                .execute(conn)
                .await?;
            Ok::<bool, StoreError>(done.rows_affected() == 1)
        }
        .await;
        tx.commit_if_ok(result).await
    }

    /// Cancels a broadcast not sent yet and drops its rows not yet sent (those in flight at
    /// this moment may still go); what was sent stays. `None` when it was sent or cancelled
    /// already; else how many rows were dropped.
    pub async fn cancel_broadcast(
        &self,
        broadcast_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<u64>, StoreError> {
        const CANCEL: &str = "update broadcasts set status = 'cancelled', updated_at = $2 \
             where broadcast_id = $1 and status not in ('sent', 'cancelled')";
        let mut tx = self.transaction().await?;
        let conn = &mut tx.conn()?;
        let result = async {
            let done = conn
                .query(CANCEL)
                .bind(broadcast_id)
                .bind(to_ms(now))
                .execute(conn)
                .await?;
            if done.rows_affected() == 0 {
                return Ok(None);
            }
            Ok(Some(drop_unsent_in(conn, broadcast_id, now).await?))
        }
        .await;
        tx.commit_if_ok(result).await
    }

    /// Drops the rows of a broadcast not yet sent nor in flight; how many.
    pub async fn drop_unsent(
        &self,
        broadcast_id: i64,
        now: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        let mut tx = self.write().await?;
        let conn = &mut tx.conn()?;
        let result = drop_unsent_in(conn, broadcast_id, now).await;
        tx.commit_if_ok(result).await
    }

    /// Scheduled broadcasts whose time has come start sending; those past their expiry are
    /// cancelled instead. The ids of those started.
    pub async fn start_due_broadcasts(&self, now: DateTime<Utc>) -> Result<Vec<i64>, StoreError> {
        const EXPIRED: &str = "update broadcasts set status = 'cancelled', updated_at = $1 \
             where status in ('draft', 'awaiting_approval', 'scheduled') \
             and expires_at is not null and expires_at <= $1";
        const START: &str = "update broadcasts set status = 'sending', updated_at = $1 \
             where status = 'scheduled' and send_at <= $1 returning broadcast_id";
        let mut tx = self.transaction().await?;
        let conn = &mut tx.conn()?;
        let result = async {
            conn.query(EXPIRED).bind(to_ms(now)).execute(conn).await?;
            let rows = conn.query(START).bind(to_ms(now)).fetch_all(conn).await?;
            rows.iter()
                .map(|r| Ok(r.try_get::<i64>(0)?))
                .collect::<Result<Vec<i64>, StoreError>>()
        }
        .await;
        tx.commit_if_ok(result).await
    }

    /// Broadcasts sending whose rows are not all queued; one that follows another waits until
    /// the other's rows are all queued (its recipients are those rows).
    pub async fn broadcasts_to_queue(&self) -> Result<Vec<Broadcast>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "select {FIELDS} from broadcasts b where status = 'sending' and queued_at is null \
             and (follows is null or exists (select 1 from broadcasts f \
               where f.broadcast_id = b.follows and (f.queued_at is not null \
               or f.status = 'cancelled'))) order by broadcast_id"
        ));
        let db = &mut self.read();
        let rows = db.query(sql).fetch_all(db).await?;
        rows.iter().map(from_row).collect()
    }

    /// Queues the next `limit` recipients of `broadcast` (after the last one queued), each
    /// with the payload of their language (`payloads`, else the one of `fallback`), in one
    /// transaction with the cursor.
    pub async fn queue_broadcast_chunk(
        &self,
        broadcast: &Broadcast,
        payloads: &BTreeMap<String, String>,
        fallback: &str,
        limit: i64,
        now: DateTime<Utc>,
    ) -> Result<Chunk, StoreError> {
        // Locked on PostgreSQL (SQLite's single writer is the lock), so a cancel waits for
        // this chunk and then drops its rows, or this chunk sees the broadcast cancelled.
        const CURSOR: &str =
            "select queued_through, queued_at, status from broadcasts where broadcast_id = $1";
        const CURSOR_PG: &str = "select queued_through, queued_at, status from broadcasts \
             where broadcast_id = $1 for update";
        const MOVE: &str = "update broadcasts set queued_through = $2, \
             queued_at = case when $3 then $4 else queued_at end, updated_at = $4 \
             where broadcast_id = $1";
        let now_ms = to_ms(now);
        let mut tx = self.transaction().await?;
        let conn = &mut tx.conn()?;
        let result = async {
            let cursor = conn
                .query(conn.dialect().pick(CURSOR, CURSOR_PG))
                .bind(broadcast.broadcast_id)
                .fetch_one(conn)
                .await?;
            let (after, queued_at, status): (i64, Option<i64>, String) =
                (cursor.try_get(0)?, cursor.try_get(1)?, cursor.try_get(2)?);
            if queued_at.is_some() || status != BroadcastStatus::Sending.code() {
                return Ok(Chunk {
                    queued: 0,
                    done: true,
                });
            }
            let recipients = match broadcast.follows {
                Some(followed) => conn.query(FOLLOWED_AUDIENCE).bind(followed),
                None => conn.query(TOPIC_AUDIENCE).bind(broadcast.topic.as_str()),
            }
            .bind(after)
            .bind(limit)
            .fetch_all(conn)
            .await?;
            let mut chunk = Chunk {
                queued: 0,
                done: (recipients.len() as i64) < limit,
            };
            let mut last = after;
            for row in &recipients {
                let (citizen_id, lang): (i64, String) = (row.try_get(0)?, row.try_get(1)?);
                last = citizen_id;
                let payload = payloads
                    .get(&lang)
                    .or_else(|| payloads.get(fallback))
                    .ok_or_else(|| StoreError::corrupt("broadcast", "no payload"))?;
                if queue_row(conn, citizen_id, payload, broadcast, now_ms).await? {
                    chunk.queued += 1;
                }
            }
            conn.query(MOVE)
                .bind(broadcast.broadcast_id)
                .bind(last)
                .bind(chunk.done)
                .bind(now_ms)
                .execute(conn)
                .await?;
            Ok(chunk)
        }
        .await;
        let chunk = tx.commit_if_ok(result).await?;
        if chunk.queued > 0 {
            self.wake_dispatchers();
        }
        Ok(chunk)
    }

    /// Broadcasts sending with every row queued and none pending are sent; their ids.
    pub async fn finish_broadcasts(&self, now: DateTime<Utc>) -> Result<Vec<i64>, StoreError> {
        const SQL: &str = "update broadcasts set status = 'sent', updated_at = $1 \
             where status = 'sending' and queued_at is not null and not exists \
             (select 1 from outbox o where o.broadcast_id = broadcasts.broadcast_id \
             and o.status = 'pending') returning broadcast_id";
        let mut tx = self.write().await?;
        let conn = &mut tx.conn()?;
        let result = async {
            let rows = conn.query(SQL).bind(to_ms(now)).fetch_all(conn).await?;
            rows.iter()
                .map(|r| Ok(r.try_get::<i64>(0)?))
                .collect::<Result<Vec<i64>, StoreError>>()
        }
        .await;
        tx.commit_if_ok(result).await
    }

    /// Marks failed, as `expired`, the pending rows past their expiry that nobody is sending
    /// (the claim already skips them); how many.
    pub async fn expire_outbox(&self, now: DateTime<Utc>) -> Result<u64, StoreError> {
        const SQL: &str = "update outbox set status = 'failed', last_error = 'expired', \
             updated_at = $1 where status = 'pending' and expires_at is not null \
             and expires_at <= $1 and (claimed_until is null or claimed_until < $1)";
        let mut tx = self.write().await?;
        let conn = &mut tx.conn()?;
        let result = async {
            let done = conn.query(SQL).bind(to_ms(now)).execute(conn).await?;
            Ok::<u64, StoreError>(done.rows_affected())
        }
        .await;
        tx.commit_if_ok(result).await
    }

    /// How far a broadcast got.
    pub async fn broadcast_progress(
        &self,
        broadcast_id: i64,
    ) -> Result<BroadcastProgress, StoreError> {
        const SQL: &str = "select case when o.status = 'pending' then 'queued' \
             when o.status = 'sent' then 'sent' \
             when o.last_error = 'expired' then 'expired' \
             when z.unreachable_reason = 'blocked' then 'blocked' else 'failed' end, count(*) \
             from outbox o join citizens z on z.citizen_id = o.citizen_id \
             where o.broadcast_id = $1 group by 1";
        let db = &mut self.read();
        let rows = db.query(SQL).bind(broadcast_id).fetch_all(db).await?;
        let mut progress = BroadcastProgress::default();
        for row in rows {
            let kind: String = row.try_get(0)?;
            let count = u64::try_from(row.try_get::<i64>(1)?).unwrap_or(0);
            let slot = match kind.as_str() {
                "queued" => &mut progress.queued,
                "sent" => &mut progress.sent,
                "expired" => &mut progress.expired,
                "blocked" => &mut progress.blocked,
                _ => &mut progress.failed,
            };
            *slot += count;
        }
        Ok(progress)
    }

    /// Who would receive a broadcast on `topic` now, by channel and language.
    pub async fn broadcast_audience(&self, topic: &str) -> Result<Vec<AudienceCount>, StoreError> {
        const SQL: &str = "select z.channel, z.lang, count(*) from subscriptions s \
             join citizens z on z.citizen_id = s.citizen_id \
             where s.topic = $1 and z.unreachable_at is null group by 1, 2 order by 1, 2";
        let db = &mut self.read();
        let rows = db.query(SQL).bind(topic).fetch_all(db).await?;
        rows.iter()
            .map(|row| {
                Ok(AudienceCount {
                    channel: row.try_get(0)?,
                    lang: row.try_get(1)?,
                    citizens: u64::try_from(row.try_get::<i64>(2)?).unwrap_or(0),
                })
            })
            .collect()
    }

    /// Queues `payloads` (in order; each with its transcript text) to one chat, as replies of its open conversation, outside
    /// any broadcast (not counted): the test send of a draft. The chat's citizen row is made
    /// when it is new, in `lang`.
    pub async fn queue_test_send(
        &self,
        channel: ChannelKind,
        chat: &str,
        lang: &str,
        payloads: &[(String, String)],
        now: DateTime<Utc>,
    ) -> Result<Vec<OutboxId>, StoreError> {
        const CITIZEN: &str = "insert into citizens (channel, channel_user_id, lang, \
             first_seen_at, created_at, updated_at) values ($1, $2, $3, $4, $4, $4) \
             on conflict (channel, channel_user_id) do update set updated_at = excluded.updated_at \
             returning citizen_id";
        let now_ms = to_ms(now);
        let mut tx = self.transaction().await?;
        let conn = &mut tx.conn()?;
        let result = async {
            let row = conn
                .query(CITIZEN)
                .bind(channel.code())
                .bind(chat)
                .bind(lang)
                .bind(now_ms)
                .fetch_one(conn)
                .await?;
            let citizen_id: i64 = row.try_get(0)?;
            lock_citizen(conn, citizen_id).await?;
            let conversation_id = open_conversation(conn, citizen_id, now_ms).await?;
            let mut ids = Vec::new();
            for (payload, text) in payloads {
                let id = super::delivery::queue_reply_in(
                    conn,
                    conversation_id,
                    payload,
                    text,
                    now_ms,
                    Priority::Routine,
                )
                .await?
                .ok_or_else(|| StoreError::corrupt("test send", "no outbox row"))?;
                ids.push(OutboxId(id));
            }
            Ok::<Vec<OutboxId>, StoreError>(ids)
        }
        .await;
        let ids = tx.commit_if_ok(result).await?;
        self.wake_dispatchers();
        Ok(ids)
    }

    /// Records a CAP message as handled, once: `false` when it was handled before (here or in
    /// another process).
    pub async fn record_cap_alert(
        &self,
        key: (&str, &str, &str),
        msg_type: &str,
        verdict: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        const SQL: &str = "insert into cap_alerts (sender, identifier, sent, msg_type, verdict, \
             created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $6) \
             on conflict (sender, identifier, sent) do nothing returning cap_alert_id";
        let mut tx = self.write().await?;
        let conn = &mut tx.conn()?;
        let result = async {
            let row = conn
                .query(SQL)
                .bind(key.0)
                .bind(key.1)
                .bind(key.2)
                .bind(msg_type)
                .bind(verdict)
                .bind(to_ms(now))
                .fetch_optional(conn)
                .await?;
            Ok::<bool, StoreError>(row.is_some())
        }
        .await;
        tx.commit_if_ok(result).await
    }

    /// Notes the broadcast made from a recorded CAP message.
    pub async fn link_cap_alert(
        &self,
        key: (&str, &str, &str),
        broadcast_id: i64,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        const SQL: &str = "update cap_alerts set broadcast_id = $4, updated_at = $5 \
             where sender = $1 and identifier = $2 and sent = $3";
        let mut tx = self.write().await?;
        let conn = &mut tx.conn()?;
        let result = async {
            conn.query(SQL)
                .bind(key.0)
                .bind(key.1)
                .bind(key.2)
                .bind(broadcast_id)
                .bind(to_ms(now))
                .execute(conn)
                .await?;
            Ok::<(), StoreError>(())
        }
        .await;
        tx.commit_if_ok(result).await
    }
}

/// One recipient's row, under the citizen's lock, in their open conversation (opened if there
/// is none); `false` when the row exists already.
async fn queue_row(
    conn: &mut Conn<'_>,
    citizen_id: i64,
    payload: &str,
    broadcast: &Broadcast,
    now_ms: i64,
) -> Result<bool, StoreError> {
    if !lock_citizen(conn, citizen_id).await? {
        return Ok(false);
    }
    let conversation_id = open_conversation(conn, citizen_id, now_ms).await?;
    let row = conn
        .query(QUEUE_ROW)
        .bind(conversation_id)
        .bind(payload)
        .bind(now_ms)
        .bind(broadcast.priority.code())
        .bind(broadcast.broadcast_id)
        .bind(broadcast.expires_at.map(to_ms))
        .fetch_optional(conn)
        .await?;
    if row.is_none() {
        return Ok(false);
    }
    conn.query(BUMP_SEQ)
        .bind(conversation_id)
        .bind(now_ms)
        .execute(conn)
        .await?;
    Ok(true)
}

/// Deletes a broadcast's pending rows nobody is sending.
async fn drop_unsent_in(
    conn: &mut Conn<'_>,
    broadcast_id: i64,
    now: DateTime<Utc>,
) -> Result<u64, StoreError> {
    const SQL: &str = "delete from outbox where broadcast_id = $1 and status = 'pending' \
         and (claimed_until is null or claimed_until < $2)";
    let done = conn
        .query(SQL)
        .bind(broadcast_id)
        .bind(to_ms(now))
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}
