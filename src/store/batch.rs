//! Group processing of inbound messages: the inbound transactions of several citizens share
//! one database transaction and one statement per stage, on PostgreSQL and on SQLite.
//!
//! What a message costs is mostly per statement and per transaction, not per row. On
//! PostgreSQL that is parsing, planning, locking every table and index the statement touches,
//! and the commit. On SQLite it is the trip of each statement to the single writer's thread and
//! back, during which the writer is held (see `sqlite_writer`). So messages that arrive while a
//! batch is in flight wait in a queue, and the next batch takes them together: one `begin`,
//! one statement that upserts and locks every citizen, locks or opens their conversations and
//! records the inbound ids, then each caller runs its engine step in its own task and hands
//! back what to write, then one statement that writes every conversation, transcript line,
//! audit row and outbox row, then one `commit`. Alone, a message still goes at once (a batch
//! of one).
//!
//! The guarantees of the one-message transaction hold for each message of a batch:
//! - Each caller's writes commit with the whole batch or not at all, and the caller returns
//!   only once the commit is done.
//! - One citizen appears at most once per batch (a second message of theirs waits for the
//!   next batch), and citizens are locked in a fixed order, so batches in flight at once, in
//!   this process or another, wait for each other instead of deadlocking.
//! - The rare turns that write more (a hand-off's case, a data export, an erasure) get the
//!   batch's transaction lent to them in turn, and run the same statements as alone.
//! - If anything fails (a statement, a caller's step, a caller that gave up), the batch is
//!   rolled back and every caller in it processes its message alone, through the
//!   one-message transaction: one bad message cannot hold back the others, and an error is
//!   reported to the caller it belongs to. On SQLite the batch shares the writer's group
//!   commit, so a rollback also sends the other writes of that commit back to be retried, as
//!   any failed write there does.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex};

use sqlx::postgres::{PgPool, Postgres};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, Transaction};
use tokio::sync::{mpsc, oneshot};

use super::StoreError;
use super::sqlite_writer::{WriteGuard, Writer};
use super::turn::{Loaded, LoadedConversation};

/// The most messages one batch takes.
const MAX_BATCH: usize = 64;

/// PostgreSQL batches in flight at once: one being written while the next is loaded. While
/// both are, new messages queue and the next batch takes them together; more would only split
/// the same work into smaller batches (measured: 3 or more cost the server more per message,
/// see docs/benchmarks.md). On SQLite one: a second batch would only wait for the writer with
/// the few messages it took, while the queue behind it grows.
const MAX_RUNNING_PG: usize = 2;
const MAX_RUNNING_SQLITE: usize = 1;

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
/// id, $6 received at. See `LOAD_PG` in `conversation.rs` for the one-message form and its
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
       returning citizen_id, channel, channel_user_id, lang, privacy_notice_version), \
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
       v.last_seq, i.inbound_id, z.privacy_notice_version \
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

/// `LOAD_BATCH_PG` on SQLite: statements one after the other in one trip to the writer's
/// thread, the messages as one JSON array of `[channel, user, language for a new citizen, now,
/// message id, received at]` in $1. The single writer is the lock. Rows: `'inbound', channel,
/// message id, inbound id` for each inbound id recorded now, then `'loaded', index in the
/// array`, and the columns of `Loaded::from_pg_row`, for each message whose citizen and
/// conversation exist. See `LOAD_SQLITE` in `conversation.rs` for the one-message form.
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
       c.office, c.last_seq, z.privacy_notice_version from json_each($1) r \
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

/// What the first statement needs of one message.
pub(super) struct LoadArgs {
    pub channel: &'static str,
    pub user: String,
    pub lang_hint: &'static str,
    pub now_ms: i64,
    pub message_id: String,
    pub received_ms: i64,
}

/// What one turn writes, as rows for `SAVE_BATCH_PG` and `SAVE_BATCH_SQLITE`.
#[derive(Default)]
pub(super) struct SaveRows {
    /// Conversation id, status, state, flow, step, office, last seq, now, special category.
    #[allow(clippy::type_complexity)]
    pub conversation: (
        i64,
        &'static str,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        i64,
        i64,
        i64,
    ),
    /// Citizen id, language, privacy notice version seen in this turn, now.
    pub citizen: (i64, &'static str, Option<String>, i64),
    /// Conversation id, direction, kind, text, at.
    pub messages: Vec<(i64, &'static str, &'static str, String, i64)>,
    /// Citizen id, conversation id, event, detail, at.
    pub audits: Vec<(i64, i64, &'static str, String, i64)>,
    /// Conversation id, citizen id, inbound id, channel, seq, payload, at.
    pub outbox: Vec<(i64, i64, i64, &'static str, i64, String, i64)>,
    /// The turn has more to write on the batch's transaction (`Saved::lent`).
    pub needs_transaction: bool,
}

/// Where a batch is written.
pub(crate) enum Db {
    Postgres(PgPool),
    Sqlite(Arc<Writer>),
}

/// A batch's open transaction: a PostgreSQL transaction, or the SQLite writer inside its
/// group commit.
pub(super) enum BatchTx {
    Postgres(Transaction<'static, Postgres>),
    Sqlite(WriteGuard),
}

/// The batch's transaction, lent to one caller; `give_back` when done. Dropping it instead
/// rolls the batch back (every caller then goes alone).
pub(super) struct Lent {
    pub tx: BatchTx,
    back: oneshot::Sender<BatchTx>,
}

impl Lent {
    pub fn give_back(self) {
        let _ = self.back.send(self.tx);
    }
}

/// What the batch tells a caller after writing its turn.
pub(super) struct Saved {
    /// `(seq, outbox id)` of the caller's replies.
    pub outbox: Vec<(i64, i64)>,
    pub lent: Option<Lent>,
}

enum Event {
    Loaded(Option<Loaded>),
    Saved(Saved),
    Committed,
}

struct Join {
    args: LoadArgs,
    events: mpsc::UnboundedSender<Event>,
    save: oneshot::Receiver<Option<SaveRows>>,
}

/// The batch went wrong (or the caller gave up its place): process the message alone.
#[derive(Debug)]
pub(super) struct Abandoned;

/// A caller's place in a batch.
pub(super) struct Member {
    events: mpsc::UnboundedReceiver<Event>,
    save: Option<oneshot::Sender<Option<SaveRows>>>,
}

impl Member {
    async fn next(&mut self) -> Result<Event, Abandoned> {
        self.events.recv().await.ok_or(Abandoned)
    }

    /// The citizen's rows as loaded and locked; `None` for a message already processed, for
    /// which the caller is done.
    pub async fn loaded(&mut self) -> Result<Option<Loaded>, Abandoned> {
        match self.next().await? {
            Event::Loaded(None) => {
                if let Some(save) = self.save.take() {
                    let _ = save.send(None);
                }
                Ok(None)
            }
            Event::Loaded(Some(loaded)) => Ok(Some(loaded)),
            _ => Err(Abandoned),
        }
    }

    /// Hands the turn's rows to the batch and waits until they are written (not committed).
    pub async fn save(&mut self, rows: SaveRows) -> Result<Saved, Abandoned> {
        let save = self.save.take().ok_or(Abandoned)?;
        save.send(Some(rows)).map_err(|_| Abandoned)?;
        match self.next().await? {
            Event::Saved(saved) => Ok(saved),
            _ => Err(Abandoned),
        }
    }

    /// Waits for the batch's commit.
    pub async fn committed(mut self) -> Result<(), Abandoned> {
        match self.next().await? {
            Event::Committed => Ok(()),
            _ => Err(Abandoned),
        }
    }
}

pub(crate) struct Batcher {
    db: Db,
    queue: Mutex<Queue>,
}

#[derive(Default)]
struct Queue {
    waiting: VecDeque<Join>,
    running: usize,
}

impl Queue {
    /// The next batch: waiting messages in arrival order, one per citizen and per message id;
    /// the rest stay queued, in order.
    fn take(&mut self) -> Vec<Join> {
        let mut batch = Vec::new();
        let mut citizens = HashSet::new();
        let mut ids = HashSet::new();
        let mut rest = VecDeque::new();
        while let Some(join) = self.waiting.pop_front() {
            let args = &join.args;
            let citizen = (args.channel, args.user.clone());
            let id = (args.channel, args.message_id.clone());
            if batch.len() < MAX_BATCH && !citizens.contains(&citizen) && !ids.contains(&id) {
                citizens.insert(citizen);
                ids.insert(id);
                batch.push(join);
            } else {
                rest.push_back(join);
            }
        }
        self.waiting = rest;
        batch
    }
}

impl Batcher {
    pub(crate) fn new(db: Db) -> Arc<Batcher> {
        Arc::new(Batcher {
            db,
            queue: Mutex::new(Queue::default()),
        })
    }

    /// Queues a message for the next batch.
    pub(super) fn join(self: &Arc<Self>, args: LoadArgs) -> Member {
        let (events_tx, events_rx) = mpsc::unbounded_channel();
        let (save_tx, save_rx) = oneshot::channel();
        let max_running = match self.db {
            Db::Postgres(_) => MAX_RUNNING_PG,
            Db::Sqlite(_) => MAX_RUNNING_SQLITE,
        };
        let mut queue = self.queue.lock().unwrap_or_else(|p| p.into_inner());
        queue.waiting.push_back(Join {
            args,
            events: events_tx,
            save: save_rx,
        });
        if queue.running < max_running {
            queue.running += 1;
            tokio::spawn(self.clone().run());
        }
        Member {
            events: events_rx,
            save: Some(save_tx),
        }
    }

    /// Runs batches until the queue is empty.
    async fn run(self: Arc<Self>) {
        // Messages that arrive together (one `getUpdates` answer, webhook calls in flight)
        // are runnable tasks now: let them join before taking the first batch.
        tokio::task::yield_now().await;
        loop {
            let batch = {
                let mut queue = self.queue.lock().unwrap_or_else(|p| p.into_inner());
                let batch = queue.take();
                if batch.is_empty() {
                    queue.running -= 1;
                    return;
                }
                batch
            };
            if let Err(e) = self.run_batch(batch).await {
                tracing::debug!(error = %e, "batch of inbound messages rolled back; each goes alone");
            }
        }
    }

    /// One batch. Returning an error drops every caller's channel: each then goes alone.
    async fn run_batch(&self, joins: Vec<Join>) -> Result<(), StoreError> {
        let n = joins.len();
        let args: Vec<&LoadArgs> = joins.iter().map(|join| &join.args).collect();
        let (mut tx, loaded) = match &self.db {
            Db::Postgres(pool) => {
                let mut tx = pool.begin_with(BEGIN_PG).await?;
                let loaded = load_pg(&mut tx, &args).await?;
                (BatchTx::Postgres(tx), loaded)
            }
            Db::Sqlite(writer) => {
                let mut guard = writer.begin().await?;
                let loaded = load_sqlite(&mut guard, &args).await?;
                (BatchTx::Sqlite(guard), loaded)
            }
        };
        let gone = || StoreError::Conflict("a caller left the batch".to_owned());
        let mut members = Vec::with_capacity(n);
        for (join, loaded) in joins.into_iter().zip(loaded) {
            join.events
                .send(Event::Loaded(loaded))
                .map_err(|_| gone())?;
            members.push((join.events, join.save));
        }
        let mut saving = Vec::new();
        let mut rows = Vec::new();
        for (events, save) in members {
            if let Some(save) = save.await.map_err(|_| gone())? {
                rows.push(save);
                saving.push(events);
            }
        }
        // (outbox id, conversation id, seq) of every reply written.
        let mut outbox: Vec<(i64, i64, i64)> = Vec::new();
        if !rows.is_empty() {
            outbox = match &mut tx {
                BatchTx::Postgres(tx) => {
                    let written = save_query(&rows).fetch_all(&mut **tx).await?;
                    written
                        .iter()
                        .map(|row| Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?)))
                        .collect::<Result<_, StoreError>>()?
                }
                BatchTx::Sqlite(guard) => save_sqlite(guard, &rows).await?,
            };
        }
        for (events, save) in saving.iter().zip(&rows) {
            let conversation = save.conversation.0;
            let outbox = outbox
                .iter()
                .filter(|(_, of, _)| *of == conversation)
                .map(|&(id, _, seq)| (seq, id))
                .collect();
            if save.needs_transaction {
                let (back, returned) = oneshot::channel();
                events
                    .send(Event::Saved(Saved {
                        outbox,
                        lent: Some(Lent { tx, back }),
                    }))
                    .map_err(|_| gone())?;
                tx = returned.await.map_err(|_| gone())?;
            } else {
                events
                    .send(Event::Saved(Saved { outbox, lent: None }))
                    .map_err(|_| gone())?;
            }
        }
        match tx {
            BatchTx::Postgres(tx) => tx.commit().await?,
            BatchTx::Sqlite(guard) => {
                // The writer's group commit may wait for writers queued behind this batch:
                // the next batch need not wait with it.
                let committed = guard.submit(1).await;
                tokio::spawn(async move {
                    let Some(committed) = committed.into_iter().next() else {
                        return;
                    };
                    if committed.wait().await.is_ok() {
                        for events in saving {
                            let _ = events.send(Event::Committed);
                        }
                    }
                });
                return Ok(());
            }
        }
        for events in saving {
            let _ = events.send(Event::Committed);
        }
        Ok(())
    }
}

/// `LOAD_BATCH_PG`: what each message of the batch found, in order; `None` for a message
/// already processed.
async fn load_pg(
    tx: &mut Transaction<'static, Postgres>,
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
        .fetch_all(&mut **tx)
        .await?;
    let mut loaded: Vec<Option<Loaded>> = (0..n).map(|_| None).collect();
    for row in rows {
        let ord: i64 = row.try_get(0)?;
        let found = Loaded::from_pg_row(&row, 1)?;
        if found.inbound_id.is_some() {
            *slot(&mut loaded, ord - 1)? = Some(found);
        }
    }
    Ok(loaded)
}

/// `LOAD_BATCH_SQLITE`: as `load_pg`.
async fn load_sqlite(
    guard: &mut WriteGuard,
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
        .fetch_all(&mut *guard.conn()?)
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
    })
}

/// The place of message `index` (from 0) of a batch.
fn slot(loaded: &mut [Option<Loaded>], index: i64) -> Result<&mut Option<Loaded>, StoreError> {
    usize::try_from(index)
        .ok()
        .and_then(|i| loaded.get_mut(i))
        .ok_or_else(|| StoreError::corrupt("inbound batch", "row out of range"))
}

fn to_json(value: &impl serde::Serialize) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::corrupt("inbound batch", e))
}

/// `SAVE_BATCH_SQLITE`: (outbox id, conversation id, seq) of every reply written.
async fn save_sqlite(
    guard: &mut WriteGuard,
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
        .fetch_all(&mut *guard.conn()?)
        .await?;
    written
        .iter()
        .map(|row| Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?)))
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
