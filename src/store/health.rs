//! What monitoring asks of the database: is it there, and how long is the operators' queue.

use chrono::{DateTime, Utc};

use super::{ConversationStatus, Store, StoreError};

/// Conversations waiting for an operator, per office, with the oldest wait.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queue {
    pub office: String,
    pub waiting: i64,
    pub oldest_since: Option<DateTime<Utc>>,
}

impl Store {
    /// A round trip to the database.
    pub async fn ping(&self) -> Result<(), StoreError> {
        let db = &mut self.read();
        db.query("select 1").execute(db).await?;
        Ok(())
    }

    /// The operators' queues: conversations handed off and not yet taken, per office.
    pub async fn queues(&self) -> Result<Vec<Queue>, StoreError> {
        let sql = "select coalesce(office, ''), count(*), min(updated_at) from conversations \
                   where status = $1 group by office order by office";
        let db = &mut self.read();
        let rows = db
            .query(sql)
            .bind(ConversationStatus::WaitingOperator.code())
            .fetch_all(db)
            .await?;
        rows.iter()
            .map(|row| {
                let oldest: Option<i64> = row.try_get(2)?;
                Ok(Queue {
                    office: row.try_get(0)?,
                    waiting: row.try_get(1)?,
                    oldest_since: oldest.and_then(DateTime::from_timestamp_millis),
                })
            })
            .collect()
    }
}
