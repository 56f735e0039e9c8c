//! Outbox and delivery statements that bind PostgreSQL arrays: many rows in one statement.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use sqlx::postgres::PgConnection;
use sqlx::{AssertSqlSafe, Row};

use crate::ids::ChannelKind;
use crate::store::{OutboxId, StatusReport, StoreError, to_ms};

/// Marks sent replies, `(id, channel's id, when)`: three arrays unnested side by side.
/// Returns the ids of the rows that were still pending.
pub(crate) async fn mark_sent(
    conn: &mut PgConnection,
    sent: &[(OutboxId, String, DateTime<Utc>)],
) -> Result<HashSet<i64>, StoreError> {
    const SQL: &str = "update outbox o set status = 'sent', sent_at = u.at, \
         channel_sent_id = u.sid, claimed_until = null, claimed_by = null, \
         last_error = null, updated_at = u.at \
         from unnest($1::int8[], $2::text[], $3::int8[]) as u(id, sid, at) \
         where o.outbox_id = u.id and o.status = 'pending' returning o.outbox_id";
    let ids: Vec<i64> = sent.iter().map(|(id, _, _)| id.0).collect();
    let sids: Vec<&str> = sent.iter().map(|(_, sid, _)| sid.as_str()).collect();
    let ats: Vec<i64> = sent.iter().map(|(_, _, at)| to_ms(*at)).collect();
    let rows = sqlx::query(SQL)
        .bind(ids)
        .bind(sids)
        .bind(ats)
        .fetch_all(conn)
        .await?;
    Ok(rows
        .iter()
        .map(|row| row.try_get(0))
        .collect::<Result<HashSet<i64>, _>>()?)
}

/// Writes one status per message of `channel` (see `Store::write_channel_statuses`): arrays
/// $1 sent id, $2 status, $3 rank, $4 error, $5 at (ms). Returns each updated id tagged 1 and
/// each known id tagged 0.
pub(crate) async fn channel_statuses(
    conn: &mut PgConnection,
    channel: ChannelKind,
    reports: &[&StatusReport],
) -> Result<Vec<(String, i64)>, StoreError> {
    // The channel is a literal so that the partial index on WhatsApp's ids applies.
    let sql = format!(
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
    let column =
        |f: fn(&StatusReport) -> &str| -> Vec<&str> { reports.iter().map(|r| f(r)).collect() };
    Ok(sqlx::query_as::<_, (String, i64)>(AssertSqlSafe(sql))
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
        .fetch_all(conn)
        .await?)
}
