//! The operators' queue: what goes to the operators' workspace waits durably in
//! `operator_queue` until the hand-off worker delivers it, in order per case.

use std::fmt;

use chrono::{DateTime, Utc};
use sqlx::AssertSqlSafe;

use super::db::Conn;
use super::{Store, StoreError, from_ms, postgres, sqlite, to_ms};

/// What waits for the operators' workspace. Citizen texts are kept only until delivered.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OperatorItem {
    /// A new case: its topic and the summary.
    Open,
    /// The citizen wrote during the hand-off.
    Citizen { text: String },
    /// The citizen sent something other than text (`photo`, `location`, `voice`...).
    CitizenSent { what: String },
    /// The citizen sent a photo the workspace can show by the channel's file id (the
    /// reference is kept only until delivered; the picture itself never passes through).
    CitizenPhoto { file_id: String },
    /// The citizen wrote what the bot answered as an emergency: the topic and the general
    /// place are alerted at once.
    Emergency { text: String },
    /// The citizen went back to the bot (`/annulla`).
    Cancelled,
    /// A text for the case's topic, already written.
    Topic { text: String },
    /// A text for the workspace's general place (announcements, `/coda`).
    General { text: String },
}

impl fmt::Debug for OperatorItem {
    // Texts may hold what the citizen wrote: never in a log.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OperatorItem::Open => "Open",
            OperatorItem::Citizen { .. } => "Citizen",
            OperatorItem::CitizenSent { .. } => "CitizenSent",
            OperatorItem::CitizenPhoto { .. } => "CitizenPhoto",
            OperatorItem::Emergency { .. } => "Emergency",
            OperatorItem::Cancelled => "Cancelled",
            OperatorItem::Topic { .. } => "Topic",
            OperatorItem::General { .. } => "General",
        })
    }
}

impl OperatorItem {
    pub(super) fn code(&self) -> &'static str {
        match self {
            OperatorItem::General { .. } => "general",
            _ => "topic",
        }
    }
}

/// A queued item claimed for delivery.
#[derive(Debug, Clone)]
pub struct ClaimedItem {
    pub item_id: i64,
    pub case_id: Option<i64>,
    pub attempts: i64,
    /// `None` when the payload no longer parses; such an item is failed.
    pub item: Option<OperatorItem>,
}

/// How the delivery of a queued item ended.
#[derive(Debug, Clone)]
pub enum ItemOutcome {
    Sent,
    Retry { at: DateTime<Utc>, error: String },
    Failed { error: String },
}

pub(super) fn item_json(item: &OperatorItem) -> String {
    serde_json::to_string(item).unwrap_or_else(|_| "{}".to_owned())
}

// Only the head of each case's queue is claimable, like the outbox: a case's messages reach
// its topic in order. Items without a case (answers in the general place) go as they come.
const CLAIM_ITEMS: &str = "update operator_queue set claimed_until = $2, \
     attempts = attempts + 1, updated_at = $1 \
     where item_id in (select q.item_id from operator_queue q \
       where q.status = 'pending' and q.next_attempt_at <= $1 \
       and (q.claimed_until is null or q.claimed_until < $1) \
       and not exists (select 1 from operator_queue p where p.case_id = q.case_id \
         and p.status = 'pending' and p.item_id < q.item_id) \
       order by q.item_id limit $3";

/// Writes an item of the operators' queue within the caller's transaction.
pub(super) async fn insert_item(
    conn: &mut Conn<'_>,
    case_id: Option<i64>,
    item: &OperatorItem,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    const SQL: &str = "insert into operator_queue (case_id, kind, payload, status, \
         next_attempt_at, created_at, updated_at) values ($1, $2, $3, 'pending', $4, $4, $4)";
    conn.query(SQL)
        .bind(case_id)
        .bind(item.code())
        .bind(item_json(item))
        .bind(to_ms(now))
        .execute(conn)
        .await?;
    Ok(())
}

impl Store {
    /// Queues an item for the operators' workspace.
    pub async fn queue_operator_item(
        &self,
        case_id: Option<i64>,
        item: &OperatorItem,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        {
            let mut tx = self.write().await?;
            let conn = &mut tx.conn()?;
            let result = insert_item(conn, case_id, item, now).await;
            tx.commit_if_ok(result).await
        }?;
        self.wake_dispatchers();
        Ok(())
    }

    /// Claims due items of the operators' queue, at most one per case.
    pub async fn claim_operator_items(
        &self,
        now: DateTime<Utc>,
        lease: std::time::Duration,
        limit: u32,
    ) -> Result<Vec<ClaimedItem>, StoreError> {
        let now_ms = to_ms(now);
        let until = now_ms.saturating_add(i64::try_from(lease.as_millis()).unwrap_or(i64::MAX));
        let mut tx = self.write().await?;
        let conn = &mut tx.conn()?;
        let result = {
            let sql = format!(
                "{CLAIM_ITEMS}{} returning item_id, case_id, attempts, payload",
                conn.dialect()
                    .pick(sqlite::sql::CLAIM_ITEMS_END, postgres::sql::CLAIM_ITEMS_END)
            );
            let rows = conn
                .query(AssertSqlSafe(sql))
                .bind(now_ms)
                .bind(until)
                .bind(i64::from(limit))
                .fetch_all(conn)
                .await?;
            let mut items = Vec::with_capacity(rows.len());
            for row in rows {
                let payload: String = row.try_get(3)?;
                items.push(ClaimedItem {
                    item_id: row.try_get(0)?,
                    case_id: row.try_get(1)?,
                    attempts: row.try_get(2)?,
                    item: serde_json::from_str(&payload).ok(),
                });
            }
            items.sort_by_key(|i| i.item_id);
            Ok(items)
        };
        tx.commit_if_ok(result).await
    }

    /// Records how an item's delivery ended. A delivered item keeps no text.
    pub async fn settle_operator_item(
        &self,
        item_id: i64,
        outcome: &ItemOutcome,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        const SENT: &str = "update operator_queue set status = 'sent', payload = '{}', \
             sent_at = $2, claimed_until = null, last_error = null, updated_at = $2 \
             where item_id = $1 and status = 'pending'";
        const RETRY: &str = "update operator_queue set next_attempt_at = $3, \
             claimed_until = null, last_error = $4, updated_at = $2 \
             where item_id = $1 and status = 'pending'";
        const FAILED: &str = "update operator_queue set status = 'failed', payload = '{}', \
             claimed_until = null, last_error = $4, updated_at = $2 \
             where item_id = $1 and status = 'pending' and $3 = $3";
        let (sql, at, error) = match outcome {
            ItemOutcome::Sent => (SENT, now, None),
            ItemOutcome::Retry { at, error } => (RETRY, *at, Some(error.as_str())),
            ItemOutcome::Failed { error } => (FAILED, now, Some(error.as_str())),
        };
        let mut tx = self.write().await?;
        let conn = &mut tx.conn()?;
        let result = {
            let mut query = conn.query(sql).bind(item_id).bind(to_ms(now));
            if error.is_some() {
                query = query.bind(to_ms(at)).bind(error);
            }
            query.execute(conn).await?;
            Ok(())
        };
        tx.commit_if_ok(result).await
    }

    /// When the next pending item of the operators' queue becomes due, if any.
    pub async fn next_operator_item_due(&self) -> Result<Option<DateTime<Utc>>, StoreError> {
        const SQL: &str =
            "select min(next_attempt_at) from operator_queue where status = 'pending'";
        let db = &mut self.read();
        let row = db.query(SQL).fetch_one(db).await?;
        Ok(row.try_get::<Option<i64>>(0)?.map(from_ms))
    }

    /// Pending items of the operators' queue (for health checks and tests).
    pub async fn pending_operator_items(&self) -> Result<i64, StoreError> {
        let db = &mut self.read();
        let row = db
            .query("select count(*) from operator_queue where status = 'pending'")
            .fetch_one(db)
            .await?;
        Ok(row.try_get::<i64>(0)?)
    }
}
