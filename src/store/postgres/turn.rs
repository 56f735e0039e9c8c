//! The inbound transaction's statements on PostgreSQL (see `store::turn`): combined with
//! data-modifying CTEs, one round trip each.

use crate::store::StoreError;
use crate::store::db::Row;
use crate::store::turn::Loaded;

// PostgreSQL, one statement: upsert the citizen, which locks the row until commit so every
// message of one citizen is processed one after the other, whichever worker or process holds
// it (a message from the citizen also clears "unreachable"); lock the open conversation or open
// one; record the inbound id. A conflict on the inbound id leaves `inbound_id` null: a
// duplicate. A new conversation's state is '' until the engine's first step, and is read as a
// new state in the citizen's language.
// Locks are taken in the statement, but rows are found in its snapshot, which can be older
// than a conversation another transaction opened while this one waited for the citizen's
// lock. Then the insert below breaks the one-open-conversation index, which is reported as a
// `Conflict` and retried. Existing rows are re-read after the wait (`for update`).
// $1 channel, $2 user, $3 language for a new citizen, $4 now, $5 message id, $6 received at.
pub(crate) const LOAD_PG: &str = "with z as (insert into citizens \
       (channel, channel_user_id, lang, first_seen_at, created_at, updated_at, last_inbound_at) \
       values ($1, $2, $3, $4, $4, $4, $6) \
       on conflict (channel, channel_user_id) do update \
       set updated_at = excluded.updated_at, unreachable_at = null, unreachable_reason = null, \
       last_inbound_at = greatest(citizens.last_inbound_at, excluded.last_inbound_at) \
       returning citizen_id, lang, privacy_notice_version, waste_zone), \
     c as (select conversation_id, status, state, office, last_seq from conversations \
       where citizen_id = (select citizen_id from z) and status <> 'closed' for update), \
     n as (insert into conversations (citizen_id, status, state, last_seq, created_at, updated_at) \
       select (select citizen_id from z), 'bot', '', 0, $4, $4 where not exists (select 1 from c) \
       returning conversation_id, status, state, office, last_seq), \
     v as (select * from c union all select * from n), \
     i as (insert into inbound (channel, channel_message_id, citizen_id, conversation_id, \
         received_at, created_at, updated_at) \
       select $1, $5, (select citizen_id from z), v.conversation_id, $6, $4, $4 from v \
       on conflict (channel, channel_message_id) do nothing returning inbound_id) \
     select z.citizen_id, z.lang, v.conversation_id, v.status, v.state, v.office, v.last_seq, \
       (select inbound_id from i), z.privacy_notice_version, \
       (select string_agg(s.topic, ' ') from subscriptions s where s.citizen_id = z.citizen_id), \
       z.waste_zone \
     from z, v";

/// What `LOAD_PG` returned: one row.
pub(crate) fn loaded(rows: &[Row]) -> Result<Loaded, StoreError> {
    let row = rows.first().ok_or(sqlx::Error::RowNotFound)?;
    Loaded::from_row(row, 0)
}

/// The save's statements as one: each a CTE, returning the outbox rows' `(outbox_id, seq)`.
pub(crate) fn save_sql(parts: &[String], outbox: Option<&str>) -> String {
    let mut sql = String::from("with ");
    for (i, part) in parts.iter().enumerate() {
        sql.push_str(&format!("s{i} as ({part}), "));
    }
    match outbox {
        Some(outbox) => {
            sql.push_str(&format!("o as ({outbox} returning outbox_id, seq) "));
            sql.push_str("select outbox_id, seq from o");
        }
        None => {
            // Every CTE runs even if unused; the query itself returns nothing.
            sql.push_str("o as (select 0::bigint as outbox_id, 0::bigint as seq) ");
            sql.push_str("select outbox_id, seq from o where false");
        }
    }
    sql
}
