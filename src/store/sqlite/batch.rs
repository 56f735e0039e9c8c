//! The batch of inbound messages on SQLite (see `store::batch`): the rows of every message
//! as JSON arrays, statements one after the other in one trip to the writer's thread.

use std::collections::HashMap;

use sqlx::Row;
use sqlx::sqlite::{SqliteConnection, SqliteRow};

use crate::store::StoreError;
use crate::store::batch::{LoadArgs, SaveRows, slot};
use crate::store::turn::{Loaded, LoadedConversation};

/// `LOAD_BATCH_PG` on SQLite: statements one after the other in one trip to the writer's
/// thread, the messages as one JSON array of `[channel, user, language for a new citizen, now,
/// message id, received at]` in $1. The single writer is the lock. Rows: `'inbound', channel,
/// message id, inbound id` for each inbound id recorded now, then `'loaded', index in the
/// array`, and the columns of `Loaded::from_pg_row`, for each message whose citizen and
/// conversation exist. See `LOAD_SQLITE` in `sqlite::turn` for the one-message form.
const LOAD_BATCH_SQLITE: &str = "insert into citizens \
       (channel, channel_user_id, lang, first_seen_at, created_at, updated_at, last_inbound_at) \
     select r.value ->> 0, r.value ->> 1, r.value ->> 2, r.value ->> 3, r.value ->> 3, \
       r.value ->> 3, r.value ->> 5 from json_each($1) r \
     where not exists (select 1 from inbound i \
       where i.channel = r.value ->> 0 and i.channel_message_id = r.value ->> 4) \
     on conflict (channel, channel_user_id) do update \
     set updated_at = excluded.updated_at, unreachable_at = null, unreachable_reason = null, \
     last_inbound_at = max(coalesce(last_inbound_at, 0), excluded.last_inbound_at); \
     insert into conversations (citizen_id, status, state, last_seq, created_at, updated_at) \
     select z.citizen_id, 'bot', '', 0, r.value ->> 3, r.value ->> 3 from json_each($1) r \
     join citizens z on z.channel = r.value ->> 0 and z.channel_user_id = r.value ->> 1 \
     where not exists (select 1 from conversations c \
       where c.citizen_id = z.citizen_id and c.status <> 'closed') \
     and not exists (select 1 from inbound i \
       where i.channel = r.value ->> 0 and i.channel_message_id = r.value ->> 4); \
     insert into inbound (channel, channel_message_id, citizen_id, conversation_id, received_at, \
       created_at, updated_at) \
     select r.value ->> 0, r.value ->> 4, z.citizen_id, c.conversation_id, r.value ->> 5, \
       r.value ->> 3, r.value ->> 3 from json_each($1) r \
     join citizens z on z.channel = r.value ->> 0 and z.channel_user_id = r.value ->> 1 \
     join conversations c on c.citizen_id = z.citizen_id and c.status <> 'closed' \
     where true on conflict (channel, channel_message_id) do nothing \
     returning 'inbound', channel, channel_message_id, inbound_id; \
     select 'loaded', r.key, z.citizen_id, z.lang, c.conversation_id, c.status, c.state, \
       c.office, c.last_seq, z.privacy_notice_version, \
       (select group_concat(s.topic, ' ') from subscriptions s where s.citizen_id = z.citizen_id), \
       z.waste_zone \
     from json_each($1) r \
     join citizens z on z.channel = r.value ->> 0 and z.channel_user_id = r.value ->> 1 \
     join conversations c on c.citizen_id = z.citizen_id and c.status <> 'closed'";

/// `SAVE_BATCH_PG` on SQLite: the rows of `SaveRows` as JSON arrays of arrays, $1
/// conversations, $2 citizens, $3 transcript lines, $4 audit rows, $5 outbox rows.
const SAVE_BATCH_SQLITE: &str = "update conversations set status = s.value ->> 1, \
       state = s.value ->> 2, flow = s.value ->> 3, step = s.value ->> 4, \
       office = s.value ->> 5, last_seq = s.value ->> 6, updated_at = s.value ->> 7, \
       special_category = case when s.value ->> 8 = 1 then 1 else special_category end, \
       handed_off = case when s.value ->> 1 in ('waiting_operator', 'with_operator') then 1 \
       else handed_off end \
     from json_each($1) s where conversation_id = s.value ->> 0; \
     update citizens set lang = s.value ->> 1, \
       privacy_notice_version = coalesce(s.value ->> 2, privacy_notice_version), \
       updated_at = s.value ->> 3 \
     from json_each($2) s where citizen_id = s.value ->> 0 \
       and (lang <> s.value ->> 1 or s.value ->> 2 is not null); \
     insert into messages (conversation_id, direction, kind, text, at, created_at, updated_at) \
     select m.value ->> 0, m.value ->> 1, m.value ->> 2, m.value ->> 3, m.value ->> 4, \
       m.value ->> 4, m.value ->> 4 from json_each($3) m order by m.key; \
     insert into audit (citizen_id, conversation_id, event, detail, at, created_at, updated_at) \
     select a.value ->> 0, a.value ->> 1, a.value ->> 2, a.value ->> 3, a.value ->> 4, \
       a.value ->> 4, a.value ->> 4 from json_each($4) a order by a.key; \
     insert into outbox (conversation_id, citizen_id, inbound_id, channel, seq, payload, \
       status, attempts, next_attempt_at, created_at, updated_at) \
     select o.value ->> 0, o.value ->> 1, o.value ->> 2, o.value ->> 3, o.value ->> 4, \
       o.value ->> 5, 'pending', 0, o.value ->> 6, o.value ->> 6, o.value ->> 6 \
     from json_each($5) o order by o.key \
     returning outbox_id, conversation_id, seq";

/// `LOAD_BATCH_SQLITE`: what each message of the batch found, in order; `None` for a message
/// already processed.
pub(crate) async fn load(
    conn: &mut SqliteConnection,
    args: &[&LoadArgs],
) -> Result<Vec<Option<Loaded>>, StoreError> {
    let messages: Vec<_> = args
        .iter()
        .map(|a| {
            (
                a.channel,
                a.user.as_str(),
                a.lang_hint,
                a.now_ms,
                a.message_id.as_str(),
                a.received_ms,
            )
        })
        .collect();
    let rows = sqlx::query(LOAD_BATCH_SQLITE)
        .bind(to_json(&messages)?)
        .fetch_all(conn)
        .await?;
    let mut recorded = HashMap::new();
    let mut loaded: Vec<Option<Loaded>> = (0..args.len()).map(|_| None).collect();
    for row in &rows {
        if row.try_get::<String, _>(0)? == "inbound" {
            let key: (String, String) = (row.try_get(1)?, row.try_get(2)?);
            recorded.insert(key, row.try_get::<i64, _>(3)?);
        }
    }
    for row in &rows {
        if row.try_get::<String, _>(0)? == "loaded" {
            let index: i64 = row.try_get(1)?;
            let a = usize::try_from(index)
                .ok()
                .and_then(|i| args.get(i))
                .ok_or_else(|| StoreError::corrupt("inbound batch", "row out of range"))?;
            let key = (a.channel.to_owned(), a.message_id.clone());
            if let Some(&inbound_id) = recorded.get(&key) {
                *slot(&mut loaded, index)? = Some(loaded_from_sqlite(row, inbound_id)?);
            }
        }
    }
    Ok(loaded)
}

fn loaded_from_sqlite(row: &SqliteRow, inbound_id: i64) -> Result<Loaded, StoreError> {
    Ok(Loaded {
        citizen: Some((row.try_get(2)?, row.try_get(3)?)),
        conversation: Some(LoadedConversation {
            id: row.try_get(4)?,
            status: row.try_get(5)?,
            state: row.try_get(6)?,
            office: row.try_get(7)?,
            last_seq: row.try_get(8)?,
        }),
        inbound_id: Some(inbound_id),
        notice: row.try_get(9)?,
        subscriptions: row.try_get(10)?,
        waste_zone: row.try_get(11)?,
    })
}

fn to_json(value: &impl serde::Serialize) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::corrupt("inbound batch", e))
}

/// `SAVE_BATCH_SQLITE`: (outbox id, conversation id, seq) of every reply written.
pub(crate) async fn save(
    conn: &mut SqliteConnection,
    rows: &[SaveRows],
) -> Result<Vec<(i64, i64, i64)>, StoreError> {
    let conversations: Vec<_> = rows.iter().map(|r| &r.conversation).collect();
    let citizens: Vec<_> = rows.iter().map(|r| &r.citizen).collect();
    let messages: Vec<_> = rows.iter().flat_map(|r| &r.messages).collect();
    let audits: Vec<_> = rows.iter().flat_map(|r| &r.audits).collect();
    let outbox: Vec<_> = rows.iter().flat_map(|r| &r.outbox).collect();
    let written = sqlx::query(SAVE_BATCH_SQLITE)
        .bind(to_json(&conversations)?)
        .bind(to_json(&citizens)?)
        .bind(to_json(&messages)?)
        .bind(to_json(&audits)?)
        .bind(to_json(&outbox)?)
        .fetch_all(conn)
        .await?;
    written
        .iter()
        .map(|row| Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?)))
        .collect()
}
