//! The inbound transaction's statements on SQLite (see `store::turn`): several statements in
//! one call, which sqlx runs in turn, binding `$n` by name.

use crate::store::StoreError;
use crate::store::db::Row;
use crate::store::turn::{Loaded, LoadedConversation};

// `LOAD_PG` of `postgres::turn` for SQLite, in one call, inside the writer's batch transaction (which holds the
// database's write lock). Every change is conditional on the message id being new, so a
// duplicate changes nothing and leaves the batch clean. Rows are tagged by their first
// column. $1 channel, $2 user, $3 language for a new citizen, $4 now, $5 message id,
// $6 received at.
pub(crate) const LOAD_SQLITE: &str = "insert into citizens \
     (channel, channel_user_id, lang, first_seen_at, created_at, updated_at, last_inbound_at) \
     select $1, $2, $3, $4, $4, $4, $6 where not exists \
       (select 1 from inbound where channel = $1 and channel_message_id = $5) \
     on conflict (channel, channel_user_id) do update \
     set updated_at = excluded.updated_at, unreachable_at = null, unreachable_reason = null, \
     last_inbound_at = max(coalesce(last_inbound_at, 0), excluded.last_inbound_at) \
     returning 'citizen', citizen_id, lang, privacy_notice_version, waste_zone; \
     insert into conversations (citizen_id, status, state, last_seq, created_at, updated_at) \
     select z.citizen_id, 'bot', '', 0, $4, $4 from citizens z \
     where z.channel = $1 and z.channel_user_id = $2 and not exists \
       (select 1 from conversations c where c.citizen_id = z.citizen_id and c.status <> 'closed') \
     and not exists (select 1 from inbound where channel = $1 and channel_message_id = $5); \
     select 'conversation', c.conversation_id, c.status, c.state, c.office, c.last_seq \
     from conversations c join citizens z on z.citizen_id = c.citizen_id \
     where z.channel = $1 and z.channel_user_id = $2 and c.status <> 'closed'; \
     insert into inbound (channel, channel_message_id, citizen_id, conversation_id, received_at, \
       created_at, updated_at) \
     select $1, $5, c.citizen_id, c.conversation_id, $6, $4, $4 \
     from conversations c join citizens z on z.citizen_id = c.citizen_id \
     where z.channel = $1 and z.channel_user_id = $2 and c.status <> 'closed' \
     on conflict (channel, channel_message_id) do nothing \
     returning 'inbound', inbound_id; \
     select 'subscriptions', group_concat(s.topic, ' ') from subscriptions s \
     join citizens z on z.citizen_id = s.citizen_id where z.channel = $1 and z.channel_user_id = $2";

/// What `LOAD_SQLITE` returned: rows tagged by their first column.
pub(crate) fn loaded(rows: &[Row]) -> Result<Loaded, StoreError> {
    let mut loaded = Loaded::default();
    for row in rows {
        match row.try_get::<String>(0)?.as_str() {
            "citizen" => {
                loaded.citizen = Some((row.try_get(1)?, row.try_get(2)?));
                loaded.notice = row.try_get(3)?;
                loaded.waste_zone = row.try_get(4)?;
            }
            "conversation" => {
                loaded.conversation = Some(LoadedConversation {
                    id: row.try_get(1)?,
                    status: row.try_get(2)?,
                    state: row.try_get(3)?,
                    office: row.try_get(4)?,
                    last_seq: row.try_get(5)?,
                })
            }
            "subscriptions" => loaded.subscriptions = row.try_get(1)?,
            _ => loaded.inbound_id = Some(row.try_get(1)?),
        }
    }
    Ok(loaded)
}

/// The save's statements in one call, returning the outbox rows' `(outbox_id, seq)`.
pub(crate) fn save_sql(parts: &[String], outbox: Option<&str>) -> String {
    let mut sql = parts.join("; ");
    if let Some(outbox) = outbox {
        sql.push_str(&format!("; {outbox} returning outbox_id, seq"));
    }
    sql
}
