//! The weekly digests sent to the operators' group (`insights_digests`): a week is claimed in
//! the transaction that queues its digest, so it goes out once however many processes try.

use chrono::{DateTime, NaiveDate, Utc};

use super::operator_queue::insert_item;
use super::{OperatorItem, Store, StoreError, to_ms};

impl Store {
    /// Queues `text` for the operators' general place as the digest of the week starting on
    /// `week` (a Monday), unless that week's digest was queued before; without a text, only
    /// marks the week done. Returns whether the week was claimed now.
    pub async fn queue_digest(
        &self,
        week: NaiveDate,
        text: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        const CLAIM: &str = "insert into insights_digests (week, sent_at, created_at, updated_at) \
             values ($1, $2, $2, $2) on conflict (week) do nothing";
        let queued = {
            let mut tx = self.transaction().await?;
            let conn = &mut tx.conn()?;
            let result = async {
                let claimed = conn
                    .query(CLAIM)
                    .bind(week.to_string())
                    .bind(to_ms(now))
                    .execute(conn)
                    .await?
                    .rows_affected();
                if claimed == 1
                    && let Some(text) = text
                {
                    let item = OperatorItem::General {
                        text: text.to_owned(),
                    };
                    insert_item(conn, None, &item, now).await?;
                }
                Ok(claimed == 1)
            }
            .await;
            tx.commit_if_ok(result).await?
        };
        if queued {
            self.wake_dispatchers();
        }
        Ok(queued)
    }

    /// The week (its Monday) of the latest digest queued, if any.
    pub async fn last_digest(&self) -> Result<Option<NaiveDate>, StoreError> {
        let db = &mut self.read();
        let week: Option<String> = db
            .query("select max(week) from insights_digests")
            .fetch_one(db)
            .await?
            .try_get(0)?;
        week.map(|w| w.parse().map_err(|e| StoreError::corrupt("digest week", e)))
            .transpose()
    }
}
