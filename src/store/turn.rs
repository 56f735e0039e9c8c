//! The inbound transaction: one citizen message in, exactly once. The store loads and locks
//! the citizen's rows, hands them to the caller's `decide` (the conversation's turn, which runs
//! the engine), and writes what it returns in the same transaction: state, status, transcript
//! lines, outbox rows, cases and privacy actions. The store sees only plain data.

use std::fmt;

use chrono::{DateTime, Utc};
use sqlx::AssertSqlSafe;

use super::batch::{Abandoned, Batcher, LoadArgs};
use super::db::{Conn, Query, Row};
use super::export::{Export, gather};
use super::handoff::{CaseWrite, run_statements};
use super::save::{Save, bind_save, outbox_ids};
use super::subscriptions::{SubscriptionWrite, write_subscriptions};
use super::{
    BackendKind, CitizenId, ConversationId, ConversationStatus, OutboxId, Store, StoreError,
    postgres, sqlite, to_ms,
};
use crate::i18n::Lang;
use crate::ids::{ChannelKind, ChannelUserId};

// The inbound transaction takes few round trips: SQLite runs each statement on its own worker
// thread, PostgreSQL over the network, and the hops dominate the cost of a message. On SQLite
// several statements go in one call (sqlx runs them in turn, binding `$n` by name); on
// PostgreSQL they are combined with data-modifying CTEs. The load differs most between the
// two: see `LOAD_PG` in `postgres::turn` and `LOAD_SQLITE` in `sqlite::turn`.

/// Erasure on request, after the save in the same transaction. Everything about the citizen
/// goes except what sending the receipt needs: the citizen row (the channel id), the current
/// conversation, emptied and marked `erased`, and its pending replies. The purge deletes
/// those once the receipt is no longer pending (see docs/privacy.md). Audit rows lose their
/// links; the erasure row keeps only the receipt id. Replies queued before the receipt are
/// dropped: stale, and the receipt would wait behind them. $1 citizen, $2 conversation,
/// $3 now, $4 the receipt's first sequence number.
const ERASE: &[&str] = &[
    "delete from operator_queue where case_id in (select k.case_id from cases k join \
       conversations c on c.conversation_id = k.conversation_id where c.citizen_id = $1) \
       and $2 = $2 and $3 = $3 and $4 = $4",
    "delete from cases where conversation_id in (select conversation_id from conversations \
       where citizen_id = $1) and $2 = $2 and $3 = $3 and $4 = $4",
    "delete from messages where conversation_id in \
       (select conversation_id from conversations where citizen_id = $1) and $2 = $2 and $3 = $3 and $4 = $4",
    "delete from outbox where (conversation_id in (select conversation_id from conversations \
       where citizen_id = $1 and conversation_id <> $2) or (conversation_id = $2 and \
       seq < $4)) and $3 = $3",
    "update outbox set inbound_id = null, updated_at = $3 where conversation_id = $2 and $1 = $1 and $4 = $4",
    "delete from inbound where conversation_id in \
       (select conversation_id from conversations where citizen_id = $1) and $2 = $2 and $3 = $3 and $4 = $4",
    "update audit set conversation_id = null, citizen_id = null, updated_at = $3 \
       where conversation_id in (select conversation_id from conversations where citizen_id = $1) \
       and $2 = $2 and $4 = $4",
    "delete from conversations where citizen_id = $1 and conversation_id <> $2 and $3 = $3 and $4 = $4",
    "update conversations set state = '', flow = null, step = null, office = null, \
       status = 'closed', special_category = 0, handed_off = 0, erased = 1, updated_at = $3 \
       where conversation_id = $2 and $1 = $1 and $4 = $4",
    "update citizens set privacy_notice_version = null, waste_zone = null, waste_zone_at = null, \
       updated_at = $3 where citizen_id = $1 \
       and $2 = $2 and $4 = $4",
    "delete from subscriptions where citizen_id = $1 and $2 = $2 and $3 = $3 and $4 = $4",
    "delete from reminders where citizen_id = $1 and $2 = $2 and $3 = $3 and $4 = $4",
];

/// The citizen saw this privacy notice version. $1 citizen, $2 version, $3 now.
const REMEMBER_ZONE: &str = "update citizens set waste_zone = $2, waste_zone_at = $3, \
     updated_at = $3 where citizen_id = $1";
const NOTICE_SEEN: &str = "update citizens set privacy_notice_version = $2, updated_at = $3 \
     where citizen_id = $1";

/// The export reply goes after the turn's other replies. $1 conversation, $2 citizen,
/// $3 inbound id, $4 channel, $5 seq, $6 payload, $7 now.
const QUEUE_EXPORT: [&str; 2] = [
    "update conversations set last_seq = $5 where conversation_id = $1 and $2 = $2 \
     and $3 = $3 and $4 = $4 and $6 = $6 and $7 = $7",
    "insert into outbox (conversation_id, citizen_id, inbound_id, channel, seq, payload, \
     status, attempts, next_attempt_at, created_at, updated_at) \
     values ($1, $2, $3, $4, $5, $6, 'pending', 0, $7, $7, $7) returning outbox_id",
];

/// The citizen's rows as the inbound transaction loaded and locked them.
#[derive(Default)]
pub(super) struct Loaded {
    pub citizen: Option<(i64, String)>,
    /// The privacy notice version the citizen has seen.
    pub notice: Option<String>,
    /// The topics the citizen subscribed to, separated by spaces.
    pub subscriptions: Option<String>,
    /// The collection zone the citizen asked to remember.
    pub waste_zone: Option<String>,
    pub conversation: Option<LoadedConversation>,
    pub inbound_id: Option<i64>,
}

pub(super) struct LoadedConversation {
    pub id: i64,
    pub status: String,
    pub state: String,
    pub office: Option<String>,
    pub last_seq: i64,
}

impl Loaded {
    /// From the columns `LOAD_PG` returns (and `LOAD_BATCH_PG` after its first): citizen id,
    /// language, conversation id, status, state, office, last seq, inbound id, privacy notice
    /// version, subscribed topics, collection zone; starting at column `first`.
    pub(super) fn from_row(row: &Row, first: usize) -> Result<Loaded, StoreError> {
        let at = |i: usize| first + i;
        Ok(Loaded {
            citizen: Some((row.try_get(at(0))?, row.try_get(at(1))?)),
            conversation: Some(LoadedConversation {
                id: row.try_get(at(2))?,
                status: row.try_get(at(3))?,
                state: row.try_get(at(4))?,
                office: row.try_get(at(5))?,
                last_seq: row.try_get(at(6))?,
            }),
            inbound_id: row.try_get(at(7))?,
            notice: row.try_get(at(8))?,
            subscriptions: row.try_get(at(9))?,
            waste_zone: row.try_get(at(10))?,
        })
    }
}

/// One inbound message as the store records it.
pub struct InboundRow<'a> {
    pub channel: ChannelKind,
    pub user: &'a ChannelUserId,
    /// The channel's own id for the message: a second delivery with the same id is a duplicate.
    pub message_id: &'a str,
    /// The language for a citizen not seen before.
    pub lang_hint: Lang,
    pub received_at: DateTime<Utc>,
}

/// The citizen's rows as the inbound transaction loaded and locked them, for `decide`.
#[derive(Clone)]
pub struct TurnLoaded {
    pub citizen_id: CitizenId,
    /// The citizen's language as stored (a tag).
    pub lang: String,
    /// The privacy notice version the citizen has seen.
    pub notice: Option<String>,
    /// The topics the citizen subscribed to (`/avvisi`).
    pub subscriptions: Vec<String>,
    /// The collection zone the citizen asked to remember (`waste.yaml`).
    pub waste_zone: Option<String>,
    pub conversation_id: ConversationId,
    pub status: ConversationStatus,
    /// The engine's state as JSON text; empty for a conversation this message opened.
    pub state: String,
    pub office: Option<String>,
    /// Sequence number of the last outbox row of the conversation.
    pub last_seq: i64,
}

impl fmt::Debug for TurnLoaded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TurnLoaded")
            .field("conversation_id", &self.conversation_id)
            .field("status", &self.status)
            .field("last_seq", &self.last_seq)
            .finish_non_exhaustive()
    }
}

/// What a turn writes, decided by the caller from `TurnLoaded`: plain values, written in the
/// inbound transaction in this order: the conversation, the citizen's language, the transcript
/// lines, the outbox rows, the audit rows, the cases, the privacy notice seen, an export, an
/// erasure.
pub struct TurnWrites {
    pub status: ConversationStatus,
    pub office: Option<String>,
    /// The new state as JSON text, and its flow and step (kept in columns of their own).
    pub state: String,
    pub flow: Option<String>,
    pub step: Option<String>,
    pub lang: Lang,
    /// The transcript line of the input: its kind and its text, already redacted.
    pub input_kind: &'static str,
    pub input_text: String,
    /// The input holds special-category data: the conversation gets the shorter retention.
    pub special_category: bool,
    /// The replies, in sending order: transcript text and outbox payload (JSON).
    pub replies: Vec<(String, String)>,
    /// Audit rows: event and detail (JSON, no message content).
    pub audits: Vec<(&'static str, String)>,
    /// Cases and operators' queue items.
    pub cases: Vec<CaseWrite>,
    /// Queue one more reply with everything stored about the citizen, rendered by the
    /// caller's `render_export`.
    pub export: bool,
    /// Erase everything about the citizen but what sending this turn's replies needs.
    pub erase: bool,
    /// A privacy notice version the citizen saw in this turn for the first time.
    pub notice_seen: Option<String>,
    /// Subscriptions turned on or off (`/avvisi`, `/stop`).
    pub subscriptions: Vec<SubscriptionWrite>,
    /// A collection zone the citizen asked to remember.
    pub waste_zone: Option<String>,
}

/// What came of an inbound message.
pub enum TurnDone<T> {
    /// Already processed earlier: nothing was decided or written.
    Duplicate,
    Saved(TurnSaved<T>),
}

/// A committed turn.
pub struct TurnSaved<T> {
    pub conversation_id: ConversationId,
    /// One outbox row per reply, in sending order, the export's last.
    pub outbox_ids: Vec<OutboxId>,
    /// The export's outbox payload, when the turn queued one.
    pub export: Option<String>,
    /// What `decide` returned beside the writes.
    pub decided: T,
}

/// Everything after a turn's save, in the same transaction and in this order, on a connection
/// of either backend, alone or on a batch's lent transaction: the hand-off statements, the
/// privacy notice seen, the subscriptions changed, an export gathered and queued, and an
/// erasure the citizen confirmed.
async fn after_save(
    conn: &mut Conn<'_>,
    save: &mut Save,
    outbox: &mut Vec<OutboxId>,
    render_export: &impl Fn(&Export, Lang) -> String,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    run_statements(conn, &save.cases).await?;
    if let Some(version) = save.notice_seen.as_deref().filter(|_| !save.erase) {
        conn.query(NOTICE_SEEN)
            .bind(save.citizen_id)
            .bind(version)
            .bind(save.now_ms)
            .execute(conn)
            .await?;
    }
    if !save.erase {
        write_subscriptions(conn, save.citizen_id, &save.subscriptions, save.now_ms).await?;
        if let Some(zone) = &save.waste_zone {
            conn.query(REMEMBER_ZONE)
                .bind(save.citizen_id)
                .bind(zone.as_str())
                .bind(save.now_ms)
                .execute(conn)
                .await?;
        }
    }
    if save.export && !save.erase {
        let export = gather(conn, save.citizen_id, now).await?;
        let payload = render_export(&export, save.lang);
        let seq = save.last_seq + 1;
        let mut outbox_id = None;
        for sql in QUEUE_EXPORT {
            let rows = conn
                .query(sql)
                .bind(save.conversation_id)
                .bind(save.citizen_id)
                .bind(save.inbound_id)
                .bind(save.channel)
                .bind(seq)
                .bind(payload.as_str())
                .bind(save.now_ms)
                .fetch_all(conn)
                .await?;
            if let Some(row) = rows.first() {
                outbox_id = Some(row.try_get::<i64>(0)?);
            }
        }
        let outbox_id = outbox_id.ok_or_else(|| StoreError::corrupt("export", "no outbox row"))?;
        outbox.push(OutboxId(outbox_id));
        save.last_seq = seq;
        save.export_payload = Some(payload);
    }
    if save.erase {
        for &sql in ERASE {
            conn.query(sql)
                .bind(save.citizen_id)
                .bind(save.conversation_id)
                .bind(save.now_ms)
                .bind(save.first_new_seq())
                .execute(conn)
                .await?;
        }
    }
    Ok(())
}

/// Binds the load's values to `LOAD_PG` or `LOAD_SQLITE`: $1 channel, $2 user, $3 language
/// for a new citizen, $4 now, $5 message id, $6 received at.
fn bind_load(query: Query, inbound: &InboundRow<'_>, now_ms: i64) -> Query {
    query
        .bind(inbound.channel.code())
        .bind(inbound.user.expose())
        .bind(inbound.lang_hint.code())
        .bind(now_ms)
        .bind(inbound.message_id)
        .bind(to_ms(inbound.received_at))
}

impl Store {
    /// The inbound transaction. `decide` runs inside it, between loading and saving; it must
    /// be quick and do no I/O (it runs the engine), and may run more than once (a batch that
    /// is abandoned is processed again alone). `render_export` makes the outbox payload of an
    /// export from the data gathered in the same transaction, in the turn's language.
    pub async fn turn<T>(
        &self,
        inbound: &InboundRow<'_>,
        now: DateTime<Utc>,
        decide: impl Fn(&TurnLoaded) -> (TurnWrites, T),
        render_export: impl Fn(&Export, Lang) -> String,
    ) -> Result<TurnDone<T>, StoreError> {
        let keep_as_written = self.as_written;
        let decide = |loaded: &TurnLoaded| {
            let (mut writes, decided) = decide(loaded);
            if !keep_as_written {
                writes
                    .cases
                    .retain(|write| !matches!(write, CaseWrite::AsWritten(_)));
            }
            (writes, decided)
        };
        // If the batch is abandoned, whatever went wrong is found again, and reported, alone.
        if let Some(batcher) = &self.batch
            && let Ok(handled) = self
                .turn_in_batch(batcher, inbound, now, &decide, &render_export)
                .await
        {
            return Ok(handled);
        }
        let now_ms = to_ms(now);
        // Any early return with `?` drops the transaction, which rolls it back.
        let mut tx = self.transaction().await?;
        let conn = &mut tx.conn()?;
        let dialect = conn.dialect();
        let load = dialect.pick(sqlite::turn::LOAD_SQLITE, postgres::turn::LOAD_PG);
        let rows = bind_load(conn.query(load), inbound, now_ms)
            .fetch_all(conn)
            .await?;
        let loaded = match dialect {
            BackendKind::Sqlite => sqlite::turn::loaded(&rows)?,
            BackendKind::Postgres => postgres::turn::loaded(&rows)?,
        };
        if loaded.inbound_id.is_none() {
            let conversation_id = loaded.conversation.as_ref().map(|c| c.id);
            tx.release().await?;
            tracing::debug!(?conversation_id, "duplicate inbound message ignored");
            return Ok(TurnDone::Duplicate);
        }
        let (mut save, decided) = Save::prepare(loaded, inbound, now_ms, decide)?;
        let rows = bind_save(conn.query(AssertSqlSafe(save.sql(dialect))), &save)
            .fetch_all(conn)
            .await?;
        let mut outbox = outbox_ids(rows.iter().map(|row| (row.try_get(1), row.try_get(0))))?;
        after_save(conn, &mut save, &mut outbox, &render_export, now).await?;
        tx.commit().await?;
        // The hand-off worker waits on the same signal as the dispatchers.
        if !save.cases.is_empty() {
            self.wake_dispatchers();
        }
        Ok(save.into_done(outbox, decided))
    }

    /// `turn` as part of a batch (see `batch`). Any failure abandons the batch, and the caller
    /// then processes the message alone.
    async fn turn_in_batch<T>(
        &self,
        batcher: &std::sync::Arc<Batcher>,
        inbound: &InboundRow<'_>,
        now: DateTime<Utc>,
        decide: &impl Fn(&TurnLoaded) -> (TurnWrites, T),
        render_export: &impl Fn(&Export, Lang) -> String,
    ) -> Result<TurnDone<T>, Abandoned> {
        let now_ms = to_ms(now);
        let mut member = batcher.join(LoadArgs {
            channel: inbound.channel.code(),
            user: inbound.user.expose().to_owned(),
            lang_hint: inbound.lang_hint.code(),
            now_ms,
            message_id: inbound.message_id.to_owned(),
            received_ms: to_ms(inbound.received_at),
        });
        let Some(loaded) = member.loaded().await? else {
            tracing::debug!("duplicate inbound message ignored");
            return Ok(TurnDone::Duplicate);
        };
        let (mut save, decided) =
            Save::prepare(loaded, inbound, now_ms, decide).map_err(|_| Abandoned)?;
        let saved = member.save(save.batch_rows()).await?;
        let mut pairs = saved.outbox;
        pairs.sort_unstable();
        let mut outbox: Vec<OutboxId> = pairs.into_iter().map(|(_, id)| OutboxId(id)).collect();
        if let Some(mut lent) = saved.lent {
            let done = match lent.tx.conn() {
                Ok(mut conn) => {
                    after_save(&mut conn, &mut save, &mut outbox, render_export, now).await
                }
                Err(e) => Err(e),
            };
            done.map_err(|_| Abandoned)?;
            lent.give_back();
        }
        member.committed().await?;
        if !save.cases.is_empty() {
            self.wake_dispatchers();
        }
        Ok(save.into_done(outbox, decided))
    }
}
