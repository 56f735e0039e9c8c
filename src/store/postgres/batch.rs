//! The batch of inbound messages on PostgreSQL (see `store::batch`): the rows of every
//! message bound as arrays, one statement per stage.

use sqlx::Transaction;
use sqlx::postgres::{PgConnection, PgPool, Postgres};

use crate::store::StoreError;
use crate::store::batch::{LoadArgs, SaveRows, slot};
use crate::store::db::Row;
use crate::store::turn::Loaded;

// The statements are written so that every table is reached through an index whatever the
// planner guesses of the arrays' sizes: a correlated scalar subquery (run once per row)
// instead of `not exists` (which becomes a join, often a hash join over the whole table), and
// `= any(array)` beside the join condition of each update. And since a prepared statement's
// plan is kept, a plan made while the tables were small (a new database) would go on reading
// them whole once they are not, until the next `analyze`: the batch's transaction disallows
// sequential scans where an index can serve.
const BEGIN_PG: &str = "begin; set local enable_seqscan = off";

/// Upserts and locks every citizen of the batch (in a fixed order), locks their open
/// conversation or opens one, and records the inbound ids; a message already recorded changes
/// nothing and gets no row, or a row without an inbound id if another transaction recorded it
/// meanwhile. Arrays: $1 channel, $2 user, $3 language for a new citizen, $4 now, $5 message
/// id, $6 received at. See `LOAD_PG` in `postgres::turn` for the one-message form and its
/// notes on snapshots.
const LOAD_BATCH_PG: &str = "with r as (select * from unnest($1::text[], $2::text[], \
       $3::text[], $4::int8[], $5::text[], $6::int8[]) with ordinality \
       as r(channel, user_id, lang, now, message_id, received_at, ord)), \
     f as (select * from r where (select i.inbound_id from inbound i \
       where i.channel = r.channel and i.channel_message_id = r.message_id) is null), \
     z as (insert into citizens \
       (channel, channel_user_id, lang, first_seen_at, created_at, updated_at, last_inbound_at) \
       select channel, user_id, lang, now, now, now, received_at from f \
       order by channel, user_id \
       on conflict (channel, channel_user_id) do update \
       set updated_at = excluded.updated_at, unreachable_at = null, unreachable_reason = null, \
       last_inbound_at = greatest(citizens.last_inbound_at, excluded.last_inbound_at) \
       returning citizen_id, channel, channel_user_id, lang, privacy_notice_version, waste_zone), \
     c as (select conversation_id, citizen_id, status, state, office, last_seq \
       from conversations where citizen_id = any(array(select citizen_id from z)) \
       and status <> 'closed' order by citizen_id for update), \
     n as (insert into conversations (citizen_id, status, state, last_seq, created_at, updated_at) \
       select z.citizen_id, 'bot', '', 0, f.now, f.now from z \
       join f on f.channel = z.channel and f.user_id = z.channel_user_id \
       where not exists (select 1 from c where c.citizen_id = z.citizen_id) \
       returning conversation_id, citizen_id, status, state, office, last_seq), \
     v as (select * from c union all select * from n), \
     i as (insert into inbound (channel, channel_message_id, citizen_id, conversation_id, \
         received_at, created_at, updated_at) \
       select f.channel, f.message_id, z.citizen_id, v.conversation_id, f.received_at, \
         f.now, f.now \
       from f join z on z.channel = f.channel and z.channel_user_id = f.user_id \
       join v on v.citizen_id = z.citizen_id \
       on conflict (channel, channel_message_id) do nothing \
       returning inbound_id, channel, channel_message_id) \
     select f.ord, z.citizen_id, z.lang, v.conversation_id, v.status, v.state, v.office, \
       v.last_seq, i.inbound_id, z.privacy_notice_version, \
       (select string_agg(s.topic, ' ') from subscriptions s where s.citizen_id = z.citizen_id), \
       z.waste_zone \
     from f join z on z.channel = f.channel and z.channel_user_id = f.user_id \
     join v on v.citizen_id = z.citizen_id \
     left join i on i.channel = f.channel and i.channel_message_id = f.message_id";

/// Writes every turn of the batch: conversations, citizens (language, privacy notice seen),
/// transcript lines, audit rows and outbox rows, in the callers' order. The same columns as
/// `Save::sql` writes for one message.
const SAVE_BATCH_PG: &str = "with u as (update conversations c set status = s.status, \
       state = s.state, flow = s.flow, step = s.step, office = s.office, \
       last_seq = s.last_seq, updated_at = s.now, \
       special_category = case when s.special = 1 then 1 else c.special_category end, \
       handed_off = case when s.status in ('waiting_operator', 'with_operator') then 1 \
       else c.handed_off end \
       from unnest($1::int8[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], \
         $7::int8[], $8::int8[], $9::int8[]) \
         as s(id, status, state, flow, step, office, last_seq, now, special) \
       where c.conversation_id = s.id and c.conversation_id = any($1::int8[]) returning 1), \
     z as (update citizens z set lang = s.lang, \
       privacy_notice_version = coalesce(s.notice, z.privacy_notice_version), \
       updated_at = s.now \
       from unnest($10::int8[], $11::text[], $12::text[], $13::int8[]) as s(id, lang, notice, now) \
       where z.citizen_id = s.id and z.citizen_id = any($10::int8[]) \
       and (z.lang <> s.lang or s.notice is not null) returning 1), \
     m as (insert into messages (conversation_id, direction, kind, text, at, created_at, \
         updated_at) \
       select conv, dir, kind, text, at, at, at from unnest($14::int8[], $15::text[], \
         $16::text[], $17::text[], $18::int8[]) with ordinality as m(conv, dir, kind, text, at, ord) \
       order by ord returning 1), \
     a as (insert into audit (citizen_id, conversation_id, event, detail, at, created_at, \
         updated_at) \
       select cit, conv, event, detail, at, at, at from unnest($19::int8[], $20::int8[], \
         $21::text[], $22::text[], $23::int8[]) with ordinality as a(cit, conv, event, detail, at, ord) \
       order by ord returning 1), \
     o as (insert into outbox (conversation_id, citizen_id, inbound_id, channel, seq, payload, \
         status, attempts, next_attempt_at, created_at, updated_at) \
       select conv, cit, inb, channel, seq, payload, 'pending', 0, at, at, at \
       from unnest($24::int8[], $25::int8[], $26::int8[], $27::text[], $28::int8[], \
         $29::text[], $30::int8[]) with ordinality as o(conv, cit, inb, channel, seq, payload, at, ord) \
       order by ord returning outbox_id, conversation_id, seq) \
     select outbox_id, conversation_id, seq from o";

/// Opens a batch's transaction.
pub(crate) async fn begin(pool: &PgPool) -> Result<Transaction<'static, Postgres>, StoreError> {
    Ok(pool.begin_with(BEGIN_PG).await?)
}

/// `LOAD_BATCH_PG`: what each message of the batch found, in order; `None` for a message
/// already processed.
pub(crate) async fn load(
    conn: &mut PgConnection,
    args: &[&LoadArgs],
) -> Result<Vec<Option<Loaded>>, StoreError> {
    let n = args.len();
    let mut channel = Vec::with_capacity(n);
    let mut user = Vec::with_capacity(n);
    let mut lang = Vec::with_capacity(n);
    let mut now = Vec::with_capacity(n);
    let mut message = Vec::with_capacity(n);
    let mut received = Vec::with_capacity(n);
    for a in args {
        channel.push(a.channel);
        user.push(a.user.as_str());
        lang.push(a.lang_hint);
        now.push(a.now_ms);
        message.push(a.message_id.as_str());
        received.push(a.received_ms);
    }
    let rows = sqlx::query(LOAD_BATCH_PG)
        .bind(&channel)
        .bind(&user)
        .bind(&lang)
        .bind(&now)
        .bind(&message)
        .bind(&received)
        .fetch_all(conn)
        .await?;
    let mut loaded: Vec<Option<Loaded>> = (0..n).map(|_| None).collect();
    for row in rows {
        let row = Row::Postgres(row);
        let found = Loaded::from_row(&row, 1)?;
        let ord: i64 = row.try_get(0)?;
        if found.inbound_id.is_some() {
            *slot(&mut loaded, ord - 1)? = Some(found);
        }
    }
    Ok(loaded)
}

/// `SAVE_BATCH_PG`: (outbox id, conversation id, seq) of every reply written.
pub(crate) async fn save(
    conn: &mut PgConnection,
    rows: &[SaveRows],
) -> Result<Vec<(i64, i64, i64)>, StoreError> {
    let written = save_query(rows).fetch_all(conn).await?;
    written
        .iter()
        .map(|row| {
            use sqlx::Row as _;
            Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?))
        })
        .collect()
}

/// One field of every row, as the array bound for its column.
fn column<R, T: Clone>(rows: &[&R], field: impl Fn(&R) -> &T) -> Vec<T> {
    rows.iter().map(|r| field(r).clone()).collect()
}

/// `SAVE_BATCH_PG` with the rows of every turn bound as arrays.
fn save_query(
    rows: &[SaveRows],
) -> sqlx::query::Query<'static, Postgres, sqlx::postgres::PgArguments> {
    let conversations: Vec<_> = rows.iter().map(|r| &r.conversation).collect();
    let citizens: Vec<_> = rows.iter().map(|r| &r.citizen).collect();
    let messages: Vec<_> = rows.iter().flat_map(|r| &r.messages).collect();
    let audits: Vec<_> = rows.iter().flat_map(|r| &r.audits).collect();
    let outbox: Vec<_> = rows.iter().flat_map(|r| &r.outbox).collect();
    sqlx::query(SAVE_BATCH_PG)
        .bind(column(&conversations, |r| &r.0))
        .bind(column(&conversations, |r| &r.1))
        .bind(column(&conversations, |r| &r.2))
        .bind(column(&conversations, |r| &r.3))
        .bind(column(&conversations, |r| &r.4))
        .bind(column(&conversations, |r| &r.5))
        .bind(column(&conversations, |r| &r.6))
        .bind(column(&conversations, |r| &r.7))
        .bind(column(&conversations, |r| &r.8))
        .bind(column(&citizens, |r| &r.0))
        .bind(column(&citizens, |r| &r.1))
        .bind(column(&citizens, |r| &r.2))
        .bind(column(&citizens, |r| &r.3))
        .bind(column(&messages, |r| &r.0))
        .bind(column(&messages, |r| &r.1))
        .bind(column(&messages, |r| &r.2))
        .bind(column(&messages, |r| &r.3))
        .bind(column(&messages, |r| &r.4))
        .bind(column(&audits, |r| &r.0))
        .bind(column(&audits, |r| &r.1))
        .bind(column(&audits, |r| &r.2))
        .bind(column(&audits, |r| &r.3))
        .bind(column(&audits, |r| &r.4))
        .bind(column(&outbox, |r| &r.0))
        .bind(column(&outbox, |r| &r.1))
        .bind(column(&outbox, |r| &r.2))
        .bind(column(&outbox, |r| &r.3))
        .bind(column(&outbox, |r| &r.4))
        .bind(column(&outbox, |r| &r.5))
        .bind(column(&outbox, |r| &r.6))
}
