//! Outbox and delivery statements over many rows on SQLite: the rows as one JSON array.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteConnection;
use sqlx::{AssertSqlSafe, Row};

use crate::ids::ChannelKind;
use crate::store::{OutboxId, StatusReport, StoreError, to_ms};

/// Marks sent replies, `(id, channel's id, when)`, as one JSON array of `[id, sent id, ms]`
/// triples. Returns the ids of the rows that were still pending.
pub(crate) async fn mark_sent(
    conn: &mut SqliteConnection,
    sent: &[(OutboxId, String, DateTime<Utc>)],
) -> Result<HashSet<i64>, StoreError> {
    const SQL: &str = "update outbox set status = 'sent', sent_at = j.value ->> 2, \
         channel_sent_id = j.value ->> 1, claimed_until = null, claimed_by = null, \
         last_error = null, updated_at = j.value ->> 2 \
         from json_each($1) as j \
         where outbox.outbox_id = j.value ->> 0 and outbox.status = 'pending' \
         returning outbox_id";
    let triples: Vec<(i64, &str, i64)> = sent
        .iter()
        .map(|(id, sid, at)| (id.0, sid.as_str(), to_ms(*at)))
        .collect();
    let json =
        serde_json::to_string(&triples).map_err(|e| StoreError::corrupt("sent replies", e))?;
    let rows = sqlx::query(SQL).bind(json).fetch_all(conn).await?;
    Ok(rows
        .iter()
        .map(|row| row.try_get(0))
        .collect::<Result<HashSet<i64>, _>>()?)
}

/// Writes one status per message of `channel` (see `Store::write_channel_statuses`), as one
/// JSON array of `[sent id, status, rank, error, at]`; the audit row is written first, while
/// the row still shows its earlier status. Returns each updated id tagged 1 and each known id
/// tagged 0.
pub(crate) async fn channel_statuses(
    conn: &mut SqliteConnection,
    channel: ChannelKind,
    reports: &[&StatusReport],
) -> Result<Vec<(String, i64)>, StoreError> {
    // The channel is a literal so that the partial index on WhatsApp's ids applies.
    let sql = format!(
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
    Ok(sqlx::query_as::<_, (String, i64)>(AssertSqlSafe(sql))
        .bind(json)
        .fetch_all(conn)
        .await?)
}
