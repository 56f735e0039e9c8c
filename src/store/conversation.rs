//! Citizens, conversations, the transcript and processed inbound ids: the inbound transaction
//! and the reads around it.

use std::fmt;

use chrono::{DateTime, Utc};
use sqlx::postgres::{PgConnection, PgRow};
use sqlx::sqlite::SqliteConnection;
use sqlx::{AssertSqlSafe, Row};

use super::batch::{Abandoned, BatchTx, Batcher, LoadArgs, SaveRows};
use super::export::{gather_pg, gather_sqlite};
use super::{
    Backend, CitizenId, ConversationId, ConversationStatus, OutboxId, Store, StoreError, from_ms,
    to_ms,
};
use crate::conversations::{Handled, Inbound, Processed, input_kind, input_text, next_status};
use crate::engine::{Effect, Input, Outcome, Reply, State};
use crate::i18n::Lang;
use crate::ids::{ChannelKind, ChannelUserId};
use crate::privacy::export::Export;
use crate::privacy::redact::{Redacted, redact};

// The inbound transaction takes few round trips: SQLite runs each statement on its own worker
// thread, PostgreSQL over the network, and the hops dominate the cost of a message. On SQLite
// several statements go in one call (sqlx runs them in turn, binding `$n` by name); on
// PostgreSQL they are combined with data-modifying CTEs.

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
const LOAD_PG: &str = "with z as (insert into citizens \
       (channel, channel_user_id, lang, first_seen_at, created_at, updated_at, last_inbound_at) \
       values ($1, $2, $3, $4, $4, $4, $6) \
       on conflict (channel, channel_user_id) do update \
       set updated_at = excluded.updated_at, unreachable_at = null, unreachable_reason = null, \
       last_inbound_at = greatest(citizens.last_inbound_at, excluded.last_inbound_at) \
       returning citizen_id, lang, privacy_notice_version), \
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
       (select inbound_id from i), z.privacy_notice_version from z, v";

// The same for SQLite in one call, inside the writer's batch transaction (which holds the
// database's write lock). Every change is conditional on the message id being new, so a
// duplicate changes nothing and leaves the batch clean. Rows are tagged by their first
// column. $1 channel, $2 user, $3 language for a new citizen, $4 now, $5 message id,
// $6 received at.
const LOAD_SQLITE: &str = "insert into citizens \
     (channel, channel_user_id, lang, first_seen_at, created_at, updated_at, last_inbound_at) \
     select $1, $2, $3, $4, $4, $4, $6 where not exists \
       (select 1 from inbound where channel = $1 and channel_message_id = $5) \
     on conflict (channel, channel_user_id) do update \
     set updated_at = excluded.updated_at, unreachable_at = null, unreachable_reason = null, \
     last_inbound_at = max(coalesce(last_inbound_at, 0), excluded.last_inbound_at) \
     returning 'citizen', citizen_id, lang, privacy_notice_version; \
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
     returning 'inbound', inbound_id";

const SELECT_CONVERSATION_COLUMNS: &str = "select c.conversation_id, c.citizen_id, c.status, \
     c.state, c.flow, c.step, c.office, c.last_seq, c.created_at, c.updated_at, \
     c.special_category, c.handed_off from conversations c";

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
    "update citizens set privacy_notice_version = null, updated_at = $3 where citizen_id = $1 \
       and $2 = $2 and $4 = $4",
];

/// The citizen saw this privacy notice version. $1 citizen, $2 version, $3 now.
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

/// The privacy work of a turn, after the save and before an erasure, in the same
/// transaction: record a notice version seen, and gather and queue an export.
macro_rules! privacy_after_save {
    ($conn:expr, $save:expr, $outbox:expr, $gather:path, $render:expr, $now:expr) => {
        if let Some(version) = $save.notice_seen.as_deref().filter(|_| !$save.erase) {
            sqlx::query(NOTICE_SEEN)
                .bind($save.citizen_id)
                .bind(version)
                .bind($save.now_ms)
                .execute(&mut *$conn)
                .await?;
        }
        if $save.export && !$save.erase {
            let export = $gather(&mut *$conn, $save.citizen_id, $now).await?;
            let reply = $render(&$save.outcome.state, &export);
            let seq = $save.last_seq + 1;
            let payload = serialize(&reply);
            let mut outbox_id = None;
            for sql in QUEUE_EXPORT {
                let rows = sqlx::query(sql)
                    .bind($save.conversation_id)
                    .bind($save.citizen_id)
                    .bind($save.inbound_id)
                    .bind($save.channel)
                    .bind(seq)
                    .bind(payload.as_str())
                    .bind($save.now_ms)
                    .fetch_all(&mut *$conn)
                    .await?;
                if let Some(row) = rows.first() {
                    outbox_id = Some(row.try_get::<i64, _>(0)?);
                }
            }
            let outbox_id =
                outbox_id.ok_or_else(|| StoreError::corrupt("export", "no outbox row"))?;
            $outbox.push(OutboxId(outbox_id));
            $save.last_seq = seq;
            $save.outcome.replies.push(reply);
        }
    };
}

/// Everything after a turn's save, in the same transaction and in this order: the hand-off
/// statements, the privacy work, and an erasure the citizen confirmed. A macro because the
/// connection's type differs per backend.
macro_rules! after_save {
    ($conn:expr, $save:expr, $outbox:expr, $run_cases:path, $gather:path, $render:expr, $now:expr) => {
        $run_cases(&mut *$conn, &$save.cases).await?;
        privacy_after_save!($conn, $save, $outbox, $gather, $render, $now);
        if $save.erase {
            for &sql in ERASE {
                sqlx::query(sql)
                    .bind($save.citizen_id)
                    .bind($save.conversation_id)
                    .bind($save.now_ms)
                    .bind($save.first_new_seq())
                    .execute(&mut *$conn)
                    .await?;
            }
        }
    };
}

/// A conversation as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Conversation {
    pub conversation_id: ConversationId,
    pub citizen_id: CitizenId,
    pub status: ConversationStatus,
    pub state: State,
    pub flow: Option<String>,
    pub step: Option<String>,
    pub office: Option<String>,
    /// Sequence number of the last outbox row queued for this conversation.
    pub last_seq: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The citizen wrote special-category data (health, religion...): shorter retention.
    pub special_category: bool,
    /// Went to an operator at least once: kept as a case.
    pub handed_off: bool,
}

/// One line of the transcript.
#[derive(Clone, PartialEq, Eq)]
pub struct TranscriptLine {
    /// `true` for what the citizen sent, `false` for the bot's replies.
    pub inbound: bool,
    /// `text`, `choice`, `location`, `photo`, `unsupported` or `reply`.
    pub kind: String,
    pub text: String,
    pub at: DateTime<Utc>,
}

impl fmt::Debug for TranscriptLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TranscriptLine")
            .field("inbound", &self.inbound)
            .field("kind", &self.kind)
            .field(
                "text",
                &format_args!("<{} chars>", self.text.chars().count()),
            )
            .field("at", &self.at)
            .finish()
    }
}

/// The transcript form of an input. Only typed text can hold personal data in words; a
/// location is the citizen's position and is kept as sent, since an operator may need it (it
/// goes with the conversation's retention).
fn redact_input(input: &Input) -> Redacted {
    match input {
        Input::Text { text } => redact(text),
        other => Redacted {
            text: input_text(other),
            findings: Vec::new(),
            special_category: false,
        },
    }
}

fn parse_state(conversation_id: i64, json: &str) -> Result<State, StoreError> {
    serde_json::from_str(json)
        .map_err(|e| StoreError::corrupt(format!("state of conversation {conversation_id}"), e))
}

fn lang_code(lang: Lang) -> &'static str {
    lang.code()
}

fn serialize<T: serde::Serialize>(value: &T) -> String {
    // Engine types are plain data; serialising them cannot fail.
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

fn effect_event(effect: &Effect) -> &'static str {
    match effect {
        Effect::Handoff { .. } => "handoff",
        Effect::HandoffCancelled { .. } => "handoff_cancelled",
        Effect::ToOperator { .. } => "to_operator",
        Effect::NotUnderstood { .. } => "not_understood",
        Effect::Emergency { .. } => "emergency",
        Effect::Ended => "ended",
        Effect::EraseCitizen { .. } => "erasure",
        Effect::Rated { .. } => "rated",
        Effect::ExportCitizen => "export",
    }
}

/// The citizen's rows as the inbound transaction loaded and locked them.
#[derive(Default)]
pub(super) struct Loaded {
    pub citizen: Option<(i64, String)>,
    /// The privacy notice version the citizen has seen.
    pub notice: Option<String>,
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
    /// From the columns `LOAD_PG` returns (and `LOAD_BATCH` after its first): citizen id,
    /// language, conversation id, status, state, office, last seq, inbound id, privacy notice
    /// version; starting at column `first`.
    pub(super) fn from_pg_row(row: &PgRow, first: usize) -> Result<Loaded, StoreError> {
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
        })
    }
}

/// What an engine step saves, ready to bind. The statements: $1 conversation, $2 status,
/// $3 state, $4 flow, $5 step, $6 office, $7 last seq, $8 now, $9 citizen, $10 language,
/// $11 inbound id, $12 channel, $13 input kind, $14 input text (redacted), $15 1 when the
/// input holds special-category data, else 0; then per reply its text,
/// payload and seq; then per audit row its event and detail. The SQL text depends only on the
/// numbers of replies and audit rows, so prepared statements are reused.
struct Save {
    conversation_id: i64,
    citizen_id: i64,
    inbound_id: i64,
    status: ConversationStatus,
    office: Option<String>,
    state_json: String,
    last_seq: i64,
    now_ms: i64,
    channel: &'static str,
    input_kind: &'static str,
    /// What the citizen wrote, with personal data replaced by placeholders: the engine saw
    /// the original in memory, the transcript keeps only this.
    input_text: String,
    special_category: bool,
    /// The engine asked to erase everything about the citizen (`ERASE`).
    erase: bool,
    /// The citizen asked for their data: gathered after the save, queued as one more reply.
    export: bool,
    /// A privacy notice version the citizen saw in this turn for the first time.
    notice_seen: Option<String>,
    /// Text, payload, sequence number.
    replies: Vec<(String, String, i64)>,
    /// Event, detail.
    audits: Vec<(&'static str, String)>,
    /// Cases and operators' queue items the step's hand-off effects record.
    cases: Vec<super::handoff::Stmt>,
    outcome: Outcome,
}

/// Binds a `Save`'s values to a query, in the order `Save::sql` numbers them. A macro because
/// the query's type differs per backend.
macro_rules! bind_save {
    ($query:expr, $save:expr) => {{
        let save = &$save;
        let mut query = $query
            .bind(save.conversation_id)
            .bind(save.status.code())
            .bind(save.state_json.as_str())
            .bind(save.outcome.state.flow.as_deref())
            .bind(save.outcome.state.step.as_deref())
            .bind(save.office.as_deref())
            .bind(save.last_seq)
            .bind(save.now_ms)
            .bind(save.citizen_id)
            .bind(lang_code(save.outcome.state.lang))
            .bind(save.inbound_id)
            .bind(save.channel)
            .bind(save.input_kind)
            .bind(save.input_text.as_str())
            .bind(i64::from(save.special_category));
        for (text, payload, seq) in &save.replies {
            query = query.bind(text.as_str()).bind(payload.as_str()).bind(*seq);
        }
        for (event, detail) in &save.audits {
            query = query.bind(*event).bind(detail.as_str());
        }
        query
    }};
}

impl Save {
    /// Parses the loaded state, runs the step and works out what to write.
    fn prepare(
        mut loaded: Loaded,
        inbound: &Inbound,
        now_ms: i64,
        step: impl FnOnce(&State) -> Outcome,
    ) -> Result<Save, StoreError> {
        let (Some((citizen_id, lang)), Some(conversation), Some(inbound_id)) = (
            loaded.citizen.clone(),
            loaded.conversation.take(),
            loaded.inbound_id,
        ) else {
            return Err(StoreError::corrupt(
                "inbound transaction",
                "citizen or conversation missing",
            ));
        };
        let lang = Lang::from_tag(&lang).unwrap_or_default();
        let mut audits = Vec::new();
        let state = if conversation.state.is_empty() {
            State::new(Some(lang))
        } else {
            match parse_state(conversation.id, &conversation.state) {
                Ok(state) => state,
                Err(e) => {
                    // A state that no longer parses must not silence the citizen forever:
                    // start over in their language and leave a trace.
                    tracing::error!(conversation_id = conversation.id, error = %e, "resetting unreadable state");
                    audits.push(("state_reset", "{}".to_owned()));
                    State::new(Some(lang))
                }
            }
        };
        let status: ConversationStatus = conversation.status.parse()?;
        let mut state = state;
        state.notice = loaded.notice.clone();
        let outcome = step(&state);
        let (status, office) = next_status(status, conversation.office, &outcome);
        let redacted = redact_input(&inbound.input);
        let replies = outcome
            .replies
            .iter()
            .enumerate()
            .map(|(i, reply)| {
                (
                    super::storable(reply.text.clone()),
                    serialize(reply),
                    conversation.last_seq + 1 + i as i64,
                )
            })
            .collect::<Vec<_>>();
        audits.extend(
            outcome
                .effects
                .iter()
                .map(|effect| (effect_event(effect), serialize(effect))),
        );
        Ok(Save {
            conversation_id: conversation.id,
            citizen_id,
            inbound_id,
            status,
            office,
            state_json: serialize(&outcome.state),
            last_seq: conversation.last_seq + replies.len() as i64,
            now_ms,
            channel: inbound.channel.code(),
            input_kind: input_kind(&inbound.input),
            input_text: super::storable(redacted.text),
            special_category: redacted.special_category,
            erase: outcome
                .effects
                .iter()
                .any(|e| matches!(e, Effect::EraseCitizen { .. })),
            export: outcome
                .effects
                .iter()
                .any(|e| matches!(e, Effect::ExportCitizen)),
            notice_seen: outcome
                .state
                .notice
                .clone()
                .filter(|seen| loaded.notice.as_ref() != Some(seen)),
            replies,
            audits,
            cases: super::handoff::case_statements(
                &outcome.effects,
                &inbound.input,
                conversation.id,
                now_ms,
            ),
            outcome,
        })
    }

    fn sql(&self, pg: bool) -> String {
        let replies = self.replies.len();
        let mut parts = vec![
            "update conversations set status = $2, state = $3, flow = $4, step = $5, \
             office = $6, last_seq = $7, updated_at = $8, \
             special_category = case when $15 = 1 then 1 else special_category end, \
             handed_off = case when $2 in ('waiting_operator', 'with_operator') then 1 \
             else handed_off end where conversation_id = $1"
                .to_owned(),
            // A primary key probe; changes a row only when the citizen switched language.
            "update citizens set lang = $10, updated_at = $8 where citizen_id = $9 and lang <> $10"
                .to_owned(),
        ];
        let mut messages = String::from(
            "insert into messages (conversation_id, direction, kind, text, at, created_at, \
             updated_at) values ($1, 'in', $13, $14, $8, $8, $8)",
        );
        let mut outbox = String::from(
            "insert into outbox (conversation_id, citizen_id, inbound_id, channel, seq, payload, \
             status, attempts, next_attempt_at, created_at, updated_at) values ",
        );
        for i in 0..replies {
            let p = 16 + 3 * i;
            messages.push_str(&format!(", ($1, 'out', 'reply', ${p}, $8, $8, $8)"));
            if i > 0 {
                outbox.push_str(", ");
            }
            outbox.push_str(&format!(
                "($1, $9, $11, $12, ${}, ${}, 'pending', 0, $8, $8, $8)",
                p + 2,
                p + 1
            ));
        }
        parts.push(messages);
        if !self.audits.is_empty() {
            let mut audit = String::from(
                "insert into audit (citizen_id, conversation_id, event, detail, at, created_at, \
                 updated_at) values ",
            );
            for i in 0..self.audits.len() {
                let p = 16 + 3 * replies + 2 * i;
                if i > 0 {
                    audit.push_str(", ");
                }
                audit.push_str(&format!("($9, $1, ${p}, ${}, $8, $8, $8)", p + 1));
            }
            parts.push(audit);
        }
        if pg {
            let mut sql = String::from("with ");
            for (i, part) in parts.iter().enumerate() {
                sql.push_str(&format!("s{i} as ({part}), "));
            }
            if replies > 0 {
                sql.push_str(&format!("o as ({outbox} returning outbox_id, seq) "));
                sql.push_str("select outbox_id, seq from o");
            } else {
                // Every CTE runs even if unused; the query itself returns nothing.
                sql.push_str("o as (select 0::bigint as outbox_id, 0::bigint as seq) ");
                sql.push_str("select outbox_id, seq from o where false");
            }
            sql
        } else {
            if replies > 0 {
                parts.push(format!("{outbox} returning outbox_id, seq"));
            }
            parts.join("; ")
        }
    }

    /// The rows a batch writes for this turn (see `batch`): the same
    /// as `sql` writes alone, plus the privacy notice seen (`notice_seen`, taken).
    fn batch_rows(&mut self) -> SaveRows {
        let at = self.now_ms;
        let mut messages = vec![(
            self.conversation_id,
            "in",
            self.input_kind,
            self.input_text.clone(),
            at,
        )];
        let mut outbox = Vec::with_capacity(self.replies.len());
        for (text, payload, seq) in &self.replies {
            messages.push((self.conversation_id, "out", "reply", text.clone(), at));
            outbox.push((
                self.conversation_id,
                self.citizen_id,
                self.inbound_id,
                self.channel,
                *seq,
                payload.clone(),
                at,
            ));
        }
        let notice = self.notice_seen.take().filter(|_| !self.erase);
        SaveRows {
            conversation: (
                self.conversation_id,
                self.status.code(),
                self.state_json.clone(),
                self.outcome.state.flow.clone(),
                self.outcome.state.step.clone(),
                self.office.clone(),
                self.last_seq,
                at,
                i64::from(self.special_category),
            ),
            citizen: (
                self.citizen_id,
                lang_code(self.outcome.state.lang),
                notice,
                at,
            ),
            messages,
            audits: self
                .audits
                .iter()
                .map(|(event, detail)| {
                    (
                        self.citizen_id,
                        self.conversation_id,
                        *event,
                        detail.clone(),
                        at,
                    )
                })
                .collect(),
            outbox,
            needs_transaction: !self.cases.is_empty() || self.export || self.erase,
        }
    }

    /// The sequence number of this message's first reply.
    fn first_new_seq(&self) -> i64 {
        self.last_seq - self.replies.len() as i64 + 1
    }

    fn into_handled(self, outbox_ids: Vec<OutboxId>) -> Handled {
        Handled::Processed(Box::new(Processed {
            conversation_id: ConversationId(self.conversation_id),
            state: self.outcome.state,
            status: self.status,
            office: self.office,
            replies: self.outcome.replies,
            effects: self.outcome.effects,
            outbox_ids,
        }))
    }
}

/// `after_save!` as a function for one backend's connection, used alone or on a batch's lent
/// transaction.
macro_rules! after_save_fn {
    ($name:ident, $conn:ty, $run_cases:path, $gather:path) => {
        async fn $name(
            conn: &mut $conn,
            save: &mut Save,
            outbox: &mut Vec<OutboxId>,
            render_export: &impl Fn(&State, &Export) -> Reply,
            now: DateTime<Utc>,
        ) -> Result<(), StoreError> {
            after_save!(conn, save, outbox, $run_cases, $gather, render_export, now);
            Ok(())
        }
    };
}

after_save_fn!(
    after_save_pg,
    PgConnection,
    super::handoff::run_pg,
    gather_pg
);
after_save_fn!(
    after_save_sqlite,
    SqliteConnection,
    super::handoff::run_sqlite,
    gather_sqlite
);

/// Outbox ids from `(seq, outbox_id)` pairs, in sequence order (RETURNING promises none).
fn outbox_ids(
    rows: impl Iterator<Item = (Result<i64, sqlx::Error>, Result<i64, sqlx::Error>)>,
) -> Result<Vec<OutboxId>, StoreError> {
    let mut pairs = Vec::new();
    for (seq, id) in rows {
        pairs.push((seq?, id?));
    }
    pairs.sort_unstable();
    Ok(pairs.into_iter().map(|(_, id)| OutboxId(id)).collect())
}

impl Store {
    /// The inbound transaction. `step` runs inside it, between loading and saving the state;
    /// it must be quick and do no I/O (it is the engine).
    pub(crate) async fn process_inbound(
        &self,
        inbound: &Inbound,
        now: DateTime<Utc>,
        step: impl Fn(&State) -> Outcome,
        render_export: impl Fn(&State, &Export) -> Reply,
    ) -> Result<Handled, StoreError> {
        // If the batch is abandoned, whatever went wrong is found again, and reported, alone.
        if let Some(batcher) = &self.batch
            && let Ok(handled) = self
                .process_in_batch(batcher, inbound, now, &step, &render_export)
                .await
        {
            return Ok(handled);
        }
        let now_ms = to_ms(now);
        let channel = inbound.channel.code();
        let hint = lang_code(inbound.lang_hint.unwrap_or_default());
        match &self.backend {
            Backend::Sqlite { write, .. } => {
                // Any early return with `?` drops the guard, which rolls the batch back.
                let mut guard = write.begin().await?;
                let conn = guard.conn()?;
                let rows = sqlx::query(LOAD_SQLITE)
                    .bind(channel)
                    .bind(inbound.user.expose())
                    .bind(hint)
                    .bind(now_ms)
                    .bind(&inbound.message_id)
                    .bind(to_ms(inbound.received_at))
                    .fetch_all(&mut *conn)
                    .await?;
                let mut loaded = Loaded::default();
                for row in rows {
                    match row.try_get::<String, _>(0)?.as_str() {
                        "citizen" => {
                            loaded.citizen = Some((row.try_get(1)?, row.try_get(2)?));
                            loaded.notice = row.try_get(3)?;
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
                        _ => loaded.inbound_id = Some(row.try_get(1)?),
                    }
                }
                if loaded.inbound_id.is_none() {
                    guard.release().await;
                    tracing::debug!("duplicate inbound message ignored");
                    return Ok(Handled::Duplicate);
                }
                let mut save = Save::prepare(loaded, inbound, now_ms, step)?;
                let rows = bind_save!(sqlx::query(AssertSqlSafe(save.sql(false))), save)
                    .fetch_all(&mut *conn)
                    .await?;
                let mut outbox =
                    outbox_ids(rows.iter().map(|row| (row.try_get(1), row.try_get(0))))?;
                after_save_sqlite(conn, &mut save, &mut outbox, &render_export, now).await?;
                guard.commit().await?;
                // The hand-off worker waits on the same signal as the dispatchers.
                if !save.cases.is_empty() {
                    self.wake_dispatchers();
                }
                Ok(save.into_handled(outbox))
            }
            Backend::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                let row = sqlx::query(LOAD_PG)
                    .bind(channel)
                    .bind(inbound.user.expose())
                    .bind(hint)
                    .bind(now_ms)
                    .bind(&inbound.message_id)
                    .bind(to_ms(inbound.received_at))
                    .fetch_one(&mut *tx)
                    .await?;
                let loaded = Loaded::from_pg_row(&row, 0)?;
                if loaded.inbound_id.is_none() {
                    tx.rollback().await?;
                    tracing::debug!(
                        conversation_id = row.try_get::<i64, _>(0)?,
                        "duplicate inbound message ignored"
                    );
                    return Ok(Handled::Duplicate);
                }
                let mut save = Save::prepare(loaded, inbound, now_ms, step)?;
                let rows = bind_save!(sqlx::query(AssertSqlSafe(save.sql(true))), save)
                    .fetch_all(&mut *tx)
                    .await?;
                let mut outbox =
                    outbox_ids(rows.iter().map(|row| (row.try_get(1), row.try_get(0))))?;
                after_save_pg(&mut tx, &mut save, &mut outbox, &render_export, now).await?;
                tx.commit().await?;
                if !save.cases.is_empty() {
                    self.wake_dispatchers();
                }
                Ok(save.into_handled(outbox))
            }
        }
    }

    /// `process_inbound` as part of a batch (see `batch`). Any failure
    /// abandons the batch, and the caller then processes the message alone.
    async fn process_in_batch(
        &self,
        batcher: &std::sync::Arc<Batcher>,
        inbound: &Inbound,
        now: DateTime<Utc>,
        step: &impl Fn(&State) -> Outcome,
        render_export: &impl Fn(&State, &Export) -> Reply,
    ) -> Result<Handled, Abandoned> {
        let now_ms = to_ms(now);
        let mut member = batcher.join(LoadArgs {
            channel: inbound.channel.code(),
            user: inbound.user.expose().to_owned(),
            lang_hint: lang_code(inbound.lang_hint.unwrap_or_default()),
            now_ms,
            message_id: inbound.message_id.clone(),
            received_ms: to_ms(inbound.received_at),
        });
        let Some(loaded) = member.loaded().await? else {
            tracing::debug!("duplicate inbound message ignored");
            return Ok(Handled::Duplicate);
        };
        let mut save = Save::prepare(loaded, inbound, now_ms, step).map_err(|_| Abandoned)?;
        let saved = member.save(save.batch_rows()).await?;
        let mut pairs = saved.outbox;
        pairs.sort_unstable();
        let mut outbox: Vec<OutboxId> = pairs.into_iter().map(|(_, id)| OutboxId(id)).collect();
        if let Some(mut lent) = saved.lent {
            let done = match &mut lent.tx {
                BatchTx::Postgres(tx) => {
                    after_save_pg(tx, &mut save, &mut outbox, render_export, now).await
                }
                BatchTx::Sqlite(guard) => match guard.conn() {
                    Ok(conn) => {
                        after_save_sqlite(conn, &mut save, &mut outbox, render_export, now).await
                    }
                    Err(e) => Err(e),
                },
            };
            done.map_err(|_| Abandoned)?;
            lent.give_back();
        }
        member.committed().await?;
        if !save.cases.is_empty() {
            self.wake_dispatchers();
        }
        Ok(save.into_handled(outbox))
    }

    /// The conversation new messages from this citizen go to, if there is one open.
    pub async fn current_conversation(
        &self,
        channel: ChannelKind,
        user: &ChannelUserId,
    ) -> Result<Option<Conversation>, StoreError> {
        let sql = format!(
            "{SELECT_CONVERSATION_COLUMNS} join citizens z on z.citizen_id = c.citizen_id \
             where z.channel = $1 and z.channel_user_id = $2 and c.status <> 'closed'"
        );
        let row = on_backend_read!(self, pool => {
            sqlx::query(AssertSqlSafe(sql))
                .bind(channel.code())
                .bind(user.expose())
                .fetch_optional(pool)
                .await?
                .map(|row| conversation_from_row(&row))
                .transpose()
        })?;
        Ok(row)
    }

    pub async fn conversation(
        &self,
        conversation_id: ConversationId,
    ) -> Result<Option<Conversation>, StoreError> {
        let sql = format!("{SELECT_CONVERSATION_COLUMNS} where c.conversation_id = $1");
        on_backend_read!(self, pool => {
            sqlx::query(AssertSqlSafe(sql))
                .bind(conversation_id.0)
                .fetch_optional(pool)
                .await?
                .map(|row| conversation_from_row(&row))
                .transpose()
        })
    }

    /// The transcript of a conversation, oldest first.
    pub async fn transcript(
        &self,
        conversation_id: ConversationId,
    ) -> Result<Vec<TranscriptLine>, StoreError> {
        const SQL: &str = "select direction, kind, text, at from messages \
             where conversation_id = $1 order by message_id";
        on_backend_read!(self, pool => {
            let rows = sqlx::query(SQL).bind(conversation_id.0).fetch_all(pool).await?;
            rows.iter()
                .map(|row| {
                    Ok(TranscriptLine {
                        inbound: row.try_get::<String, _>(0)? == "in",
                        kind: row.try_get(1)?,
                        text: row.try_get(2)?,
                        at: from_ms(row.try_get(3)?),
                    })
                })
                .collect::<Result<Vec<_>, StoreError>>()
        })
    }

    /// Records which privacy notice version a citizen was shown.
    pub async fn record_privacy_notice(
        &self,
        channel: ChannelKind,
        user: &ChannelUserId,
        version: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        const SQL: &str = "update citizens set privacy_notice_version = $3, updated_at = $4 \
             where channel = $1 and channel_user_id = $2";
        on_write!(self, conn, _pg => {
            let done = sqlx::query(SQL)
                .bind(channel.code())
                .bind(user.expose())
                .bind(version)
                .bind(to_ms(now))
                .execute(&mut *conn)
                .await?;
            Ok(done.rows_affected() > 0)
        })
    }

    /// The privacy notice version a citizen was shown, and whether the channel said they
    /// cannot be reached (blocked the bot). `None` for an unknown citizen.
    pub async fn citizen_status(
        &self,
        channel: ChannelKind,
        user: &ChannelUserId,
    ) -> Result<Option<CitizenStatus>, StoreError> {
        const SQL: &str = "select citizen_id, lang, first_seen_at, privacy_notice_version, \
             unreachable_reason from citizens where channel = $1 and channel_user_id = $2";
        on_backend_read!(self, pool => {
            let Some(row) = sqlx::query(SQL)
                .bind(channel.code())
                .bind(user.expose())
                .fetch_optional(pool)
                .await?
            else {
                return Ok(None);
            };
            let lang: String = row.try_get(1)?;
            Ok(Some(CitizenStatus {
                citizen_id: CitizenId(row.try_get(0)?),
                lang: Lang::from_tag(&lang).unwrap_or_default(),
                first_seen_at: from_ms(row.try_get(2)?),
                privacy_notice_version: row.try_get(3)?,
                unreachable_reason: row.try_get(4)?,
            }))
        })
    }

    /// How many inbound messages were processed (for tests and health checks).
    pub async fn inbound_count(&self) -> Result<i64, StoreError> {
        on_backend_read!(self, pool => {
            Ok(sqlx::query("select count(*) from inbound").fetch_one(pool).await?.try_get(0)?)
        })
    }
}

/// What the store knows about a citizen beyond their conversations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitizenStatus {
    pub citizen_id: CitizenId,
    pub lang: Lang,
    pub first_seen_at: DateTime<Utc>,
    pub privacy_notice_version: Option<String>,
    /// Set when a send failed because the citizen blocked the bot; cleared by their next
    /// message.
    pub unreachable_reason: Option<String>,
}

fn conversation_from_row<R>(row: &R) -> Result<Conversation, StoreError>
where
    R: Row,
    usize: sqlx::ColumnIndex<R>,
    for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<String>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    let id: i64 = row.try_get(0)?;
    let status: String = row.try_get(2)?;
    let state: String = row.try_get(3)?;
    Ok(Conversation {
        conversation_id: ConversationId(id),
        citizen_id: CitizenId(row.try_get(1)?),
        status: status.parse()?,
        state: parse_state(id, &state)?,
        flow: row.try_get(4)?,
        step: row.try_get(5)?,
        office: row.try_get(6)?,
        last_seq: row.try_get(7)?,
        created_at: from_ms(row.try_get(8)?),
        updated_at: from_ms(row.try_get(9)?),
        special_category: row.try_get::<i64, _>(10)? != 0,
        handed_off: row.try_get::<i64, _>(11)? != 0,
    })
}
