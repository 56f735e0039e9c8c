//! Cases: a case is opened in the inbound transaction that hands the conversation off;
//! operators' actions change it in transactions of their own. What goes to the operators'
//! workspace waits in the operators' queue (`operator_queue`).

use chrono::{DateTime, Utc};
use sqlx::AssertSqlSafe;

use super::db::{Conn, Row, Value};
use super::operator_queue::{OperatorItem, item_json};
use super::{
    ConversationId, ConversationStatus, Store, StoreError, from_ms, postgres, sqlite, to_ms,
};

/// Where a case is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CaseStatus {
    /// In the office's queue, nobody has taken it yet.
    Waiting,
    /// An operator took it (`/prendo`, or by replying).
    Claimed,
    Closed,
}

impl CaseStatus {
    pub fn code(self) -> &'static str {
        match self {
            CaseStatus::Waiting => "waiting",
            CaseStatus::Claimed => "claimed",
            CaseStatus::Closed => "closed",
        }
    }

    pub(super) fn parse(s: &str) -> Result<CaseStatus, StoreError> {
        Ok(match s {
            "waiting" => CaseStatus::Waiting,
            "claimed" => CaseStatus::Claimed,
            "closed" => CaseStatus::Closed,
            other => return Err(StoreError::corrupt("case status", other)),
        })
    }
}

/// One hand-off of a conversation to an office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub case_id: i64,
    pub conversation_id: ConversationId,
    /// The short number the citizen and the operators quote, e.g. `URP-0042`.
    pub label: String,
    pub office: String,
    /// Why the conversation was handed off (`flow`, `asked`, `not_understood`).
    pub reason: String,
    pub status: CaseStatus,
    /// The case's place in the operators' workspace (a Telegram topic id), once created.
    pub topic_id: Option<String>,
    pub opened_at: DateTime<Utc>,
    /// When the citizen was told the case number.
    pub notified_at: Option<DateTime<Utc>>,
    /// When the case was last announced to the operators (at opening, and again when unclaimed).
    pub announced_at: Option<DateTime<Utc>>,
    pub announcements: i64,
    /// The operator (channel user id in the operators' workspace) who took the case.
    pub claimed_by: Option<String>,
    pub operator_replies: i64,
    pub closed_at: Option<DateTime<Utc>>,
    /// `operator`, `citizen` or `system`.
    pub closed_by: Option<String>,
    /// Closed by an operator without any reply to the citizen: flagged for the office.
    pub unanswered: bool,
    pub rating: Option<i64>,
    /// What the citizen wrote with their rating, redacted.
    pub rating_comment: Option<String>,
    /// The citizen's channel.
    pub channel: String,
}

/// The short number of a case: the office's id in capitals and the case id.
pub fn case_label(prefix: &str, case_id: i64) -> String {
    format!("{prefix}-{case_id:04}")
}

/// A change to a case made by an operator's action.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum CaseChange {
    #[default]
    None,
    /// The citizen was told the case number.
    Notified,
    /// Taken by this operator.
    Claim { by: String },
    /// An operator replied to the citizen (and takes the case if nobody had).
    Replied { by: String },
    /// Closed by `by` (`operator`); flagged when nobody replied.
    Close { by: String },
    /// Moved to another office's queue.
    Transfer { office: String },
}

/// What an operator's action does, decided by the hand-off module from the case and the
/// conversation's state, and written by the store in one transaction.
#[derive(Debug, Default)]
pub struct CasePlan {
    /// The conversation's new state (JSON text, with its flow and step), status and office.
    pub state: Option<CaseState>,
    /// Messages to the citizen, through the outbox: the payload (JSON), and the transcript
    /// kind and text (already redacted).
    pub replies: Vec<(String, &'static str, String)>,
    /// Transcript lines that are not sent (internal notes), already redacted.
    pub notes: Vec<String>,
    pub case: CaseChange,
    pub queue: Vec<OperatorItem>,
    /// Audit rows: event and detail (no message content).
    pub audit: Vec<(&'static str, serde_json::Value)>,
}

/// A conversation's new state after an operator's action.
#[derive(Debug)]
pub struct CaseState {
    pub state: String,
    pub flow: Option<String>,
    pub step: Option<String>,
    pub status: ConversationStatus,
    pub office: Option<String>,
}

/// What came of an operator's action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseActed {
    /// The same operator update was processed already.
    Duplicate,
    /// The case does not exist (any more).
    NoCase,
    Done,
}

/// Per office: open cases nobody took, and taken cases without any reply yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeQueue {
    pub office: String,
    pub waiting: i64,
    pub unanswered: i64,
}

/// One statement of the inbound transaction's hand-off work, with its values.
pub(crate) struct Stmt {
    sql: &'static str,
    args: Vec<Arg>,
}

enum Arg {
    Int(i64),
    Text(String),
    Null,
}

pub(super) const CASE_COLUMNS: &str = "select k.case_id, k.conversation_id, k.prefix, k.office, k.reason, \
     k.status, k.topic_id, k.opened_at, k.notified_at, k.announced_at, k.announcements, \
     k.claimed_by, k.operator_replies, k.closed_at, k.closed_by, k.unanswered, k.rating, \
     z.channel, k.rating_comment from cases k join conversations c on c.conversation_id = k.conversation_id \
     join citizens z on z.citizen_id = c.citizen_id";

pub(super) fn case_from_row(row: &Row) -> Result<Case, StoreError> {
    case_from_row_at(row, 0)
}

/// A case from `CASE_COLUMNS` starting at column `at`.
fn case_from_row_at(row: &Row, at: usize) -> Result<Case, StoreError> {
    let int = |i: usize| row.try_get::<i64>(at + i);
    let opt_int = |i: usize| row.try_get::<Option<i64>>(at + i);
    let text = |i: usize| row.try_get::<String>(at + i);
    let opt_text = |i: usize| row.try_get::<Option<String>>(at + i);
    let case_id = int(0)?;
    Ok(Case {
        case_id,
        conversation_id: ConversationId(int(1)?),
        label: case_label(&text(2)?, case_id),
        office: text(3)?,
        reason: text(4)?,
        status: CaseStatus::parse(&text(5)?)?,
        topic_id: opt_text(6)?,
        opened_at: from_ms(int(7)?),
        notified_at: opt_int(8)?.map(from_ms),
        announced_at: opt_int(9)?.map(from_ms),
        announcements: int(10)?,
        claimed_by: opt_text(11)?,
        operator_replies: int(12)?,
        closed_at: opt_int(13)?.map(from_ms),
        closed_by: opt_text(14)?,
        unanswered: int(15)? != 0,
        rating: opt_int(16)?,
        channel: text(17)?,
        rating_comment: opt_text(18)?,
    })
}

// The inbound transaction's hand-off statements. $1 conversation, $2 now.
const CLOSE_STRAY: &str = "update cases set status = 'closed', closed_at = $2, \
     closed_by = 'system', updated_at = $2 where conversation_id = $1 and status <> 'closed'";
const OPEN_CASE: &str = "insert into cases (conversation_id, prefix, office, reason, status, \
     opened_at, created_at, updated_at) values ($1, $3, $4, $5, 'waiting', $2, $2, $2)";
const QUEUE_FOR_OPEN_CASE: &str = "insert into operator_queue (case_id, kind, payload, status, \
     next_attempt_at, created_at, updated_at) select case_id, $3, $4, 'pending', $2, $2, $2 \
     from cases where conversation_id = $1 and status <> 'closed'";
const CANCEL_CASE: &str = "update cases set status = 'closed', closed_at = $2, \
     closed_by = 'citizen', updated_at = $2 where conversation_id = $1 and status <> 'closed'";
const RATE_CASE: &str = "update cases set rating = $3, rating_comment = $4, updated_at = $2 \
     where case_id = \
     (select max(case_id) from cases where conversation_id = $1 and status = 'closed' \
     and closed_by = 'operator') and rating is null";
const KEEP_AS_WRITTEN: &str = "insert into case_texts (case_id, at, text) \
     select case_id, $2, $3 from cases where conversation_id = $1 and status <> 'closed'";
/// After a case of the conversation closed: what its citizen wrote as written goes.
const DROP_CLOSED_TEXTS: &str = "delete from case_texts where case_id in \
     (select case_id from cases where conversation_id = $1 and status = 'closed') and $2 = $2";

/// A hand-off write of the inbound transaction, run after the conversation is saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseWrite {
    /// Close any case left open, open one for `office` (`reason`: `flow`, `asked`...) and
    /// queue its opening for the operators.
    Open {
        office: String,
        reason: &'static str,
    },
    /// Queue an item for the conversation's open case.
    Queue(OperatorItem),
    /// The citizen went back to the bot: the open case is closed.
    Cancel,
    /// The citizen rated the last case an operator closed, with a comment already redacted.
    Rate { score: i64, comment: Option<String> },
    /// What the citizen wrote, as written, where the redaction changed it: kept with the open
    /// case for a reveal in the console, if the store keeps such texts
    /// (`Store::keep_as_written`).
    AsWritten(AsWritten),
}

/// A citizen's text as written, never shown by `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct AsWritten(pub String);

impl std::fmt::Debug for AsWritten {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AsWritten")
    }
}

/// The statements of a turn's hand-off writes. Empty for most messages.
pub(crate) fn case_statements(
    writes: &[CaseWrite],
    conversation_id: i64,
    now_ms: i64,
) -> Vec<Stmt> {
    let base = || vec![Arg::Int(conversation_id), Arg::Int(now_ms)];
    let queue = |item: &OperatorItem| {
        let mut args = base();
        args.push(Arg::Text(item.code().to_owned()));
        args.push(Arg::Text(item_json(item)));
        Stmt {
            sql: QUEUE_FOR_OPEN_CASE,
            args,
        }
    };
    let mut out = Vec::new();
    for write in writes {
        match write {
            CaseWrite::Open { office, reason } => {
                out.push(Stmt {
                    sql: CLOSE_STRAY,
                    args: base(),
                });
                out.push(Stmt {
                    sql: DROP_CLOSED_TEXTS,
                    args: base(),
                });
                let mut args = base();
                args.push(Arg::Text(office.to_uppercase()));
                args.push(Arg::Text(office.clone()));
                args.push(Arg::Text((*reason).to_owned()));
                out.push(Stmt {
                    sql: OPEN_CASE,
                    args,
                });
                out.push(queue(&OperatorItem::Open));
            }
            CaseWrite::Queue(item) => out.push(queue(item)),
            CaseWrite::Cancel => {
                out.push(Stmt {
                    sql: CANCEL_CASE,
                    args: base(),
                });
                out.push(Stmt {
                    sql: DROP_CLOSED_TEXTS,
                    args: base(),
                });
            }
            CaseWrite::AsWritten(AsWritten(text)) => {
                let mut args = base();
                args.push(Arg::Text(super::storable(text.clone())));
                out.push(Stmt {
                    sql: KEEP_AS_WRITTEN,
                    args,
                });
            }
            CaseWrite::Rate { score, comment } => {
                let mut args = base();
                args.push(Arg::Int(*score));
                args.push(match comment {
                    Some(c) => Arg::Text(super::storable(c.clone())),
                    None => Arg::Null,
                });
                out.push(Stmt {
                    sql: RATE_CASE,
                    args,
                });
            }
        }
    }
    out
}

/// Runs statements with their arguments in order on a connection of either backend.
pub(crate) async fn run_statements(
    conn: &mut Conn<'_>,
    statements: &[Stmt],
) -> Result<(), StoreError> {
    for s in statements {
        let mut query = conn.query(s.sql);
        for arg in &s.args {
            query = match arg {
                Arg::Int(v) => query.bind(*v),
                Arg::Text(v) => query.bind(v.as_str()),
                Arg::Null => query.bind(None::<String>),
            };
        }
        query.execute(conn).await?;
    }
    Ok(())
}

impl Store {
    /// A case by id.
    pub async fn case(&self, case_id: i64) -> Result<Option<Case>, StoreError> {
        let cases = self.cases_where("k.case_id = $1", Some(case_id)).await?;
        Ok(cases.into_iter().next())
    }

    /// The latest case whose topic is `topic_id`.
    pub async fn case_by_topic(&self, topic_id: &str) -> Result<Option<Case>, StoreError> {
        let filter = "k.topic_id = $1 order by k.case_id desc limit 1";
        Ok(self
            .cases_where(filter, Some(topic_id))
            .await?
            .into_iter()
            .next())
    }

    /// The cases of a conversation, oldest first.
    pub async fn cases_of(&self, conversation_id: ConversationId) -> Result<Vec<Case>, StoreError> {
        let filter = "k.conversation_id = $1 order by k.case_id";
        self.cases_where(filter, Some(conversation_id.0)).await
    }

    /// Cases not closed, oldest first.
    pub async fn open_cases(&self) -> Result<Vec<Case>, StoreError> {
        let filter = "k.status <> 'closed' order by k.case_id";
        self.cases_where(filter, None::<i64>).await
    }

    /// The cases `filter` selects (what follows `where`), with `value` as `$1` if given.
    async fn cases_where<'q>(
        &self,
        filter: &str,
        value: Option<impl Value<'q>>,
    ) -> Result<Vec<Case>, StoreError> {
        let db = &mut self.read();
        let mut query = db.query(AssertSqlSafe(format!("{CASE_COLUMNS} where {filter}")));
        if let Some(value) = value {
            query = query.bind(value);
        }
        let rows = query.fetch_all(db).await?;
        rows.iter().map(case_from_row).collect()
    }

    /// The case's place in its office's queue: 1 for the oldest case nobody took.
    pub async fn queue_position(&self, case: &Case) -> Result<i64, StoreError> {
        const SQL: &str = "select count(*) from cases where office = $1 and status = 'waiting' \
             and case_id <= $2";
        let db = &mut self.read();
        let row = db
            .query(SQL)
            .bind(&case.office)
            .bind(case.case_id)
            .fetch_one(db)
            .await?;
        Ok(row.try_get::<i64>(0)?.max(1))
    }

    /// Per office: cases nobody took, and cases taken without any reply yet.
    pub async fn office_queues(&self) -> Result<Vec<OfficeQueue>, StoreError> {
        const SQL: &str = "select office, \
             sum(case when status = 'waiting' then 1 else 0 end), \
             sum(case when status = 'claimed' and operator_replies = 0 then 1 else 0 end) \
             from cases where status <> 'closed' group by office order by office";
        let db = &mut self.read();
        let rows = db.query(SQL).fetch_all(db).await?;
        rows.iter()
            .map(|row| {
                Ok(OfficeQueue {
                    office: row.try_get(0)?,
                    waiting: row.try_get(1)?,
                    unanswered: row.try_get(2)?,
                })
            })
            .collect()
    }

    /// Records the case's topic once created (or created again).
    pub async fn set_case_topic(
        &self,
        case_id: i64,
        topic_id: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        const SQL: &str = "update cases set topic_id = $2, updated_at = $3 where case_id = $1";
        let mut tx = self.write().await?;
        let conn = &mut tx.conn()?;
        let result = {
            conn.query(SQL)
                .bind(case_id)
                .bind(topic_id)
                .bind(to_ms(now))
                .execute(conn)
                .await?;
            Ok(())
        };
        tx.commit_if_ok(result).await
    }

    /// Announces a waiting case to the operators (again): records the announcement and queues
    /// its text together, only if the case is still waiting and was last announced at
    /// `previous` (so two processes do not announce it twice).
    pub async fn announce_case(
        &self,
        case: &Case,
        text: String,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        const MARK: &str = "update cases set announced_at = $2, \
             announcements = announcements + 1, updated_at = $2 \
             where case_id = $1 and status = 'waiting' and coalesce(announced_at, -1) = $3";
        const QUEUE: &str = "insert into operator_queue (case_id, kind, payload, status, \
             next_attempt_at, created_at, updated_at) values ($1, 'general', $2, 'pending', $3, \
             $3, $3)";
        let previous = case.announced_at.map_or(-1, to_ms);
        let item = item_json(&OperatorItem::General { text });
        let done = {
            let mut tx = self.transaction().await?;
            let conn = &mut tx.conn()?;
            let result = {
                let marked = conn
                    .query(MARK)
                    .bind(case.case_id)
                    .bind(to_ms(now))
                    .bind(previous)
                    .execute(conn)
                    .await?
                    .rows_affected()
                    == 1;
                if marked {
                    conn.query(QUEUE)
                        .bind(case.case_id)
                        .bind(&item)
                        .bind(to_ms(now))
                        .execute(conn)
                        .await?;
                }
                Ok::<bool, StoreError>(marked)
            };
            tx.commit_if_ok(result).await
        }?;
        if done {
            self.wake_dispatchers();
        }
        Ok(done)
    }

    /// An operator's action on a case, in one transaction: the update is recorded (a second
    /// delivery of the same `update_id` does nothing), the case and its conversation are
    /// loaded and locked, `plan` decides from the case and the conversation's state (JSON
    /// text, empty for a conversation not yet stepped), and its changes, replies, queue items
    /// and audit rows are written together. An error from `plan` writes nothing.
    pub async fn act_on_case(
        &self,
        case_id: i64,
        update_id: Option<&str>,
        now: DateTime<Utc>,
        plan: impl FnOnce(&Case, &str) -> Result<CasePlan, StoreError>,
    ) -> Result<CaseActed, StoreError> {
        let now_ms = to_ms(now);
        let lock = self
            .kind()
            .pick(sqlite::sql::LOCK_CASE, postgres::sql::LOCK_CASE);
        let load = format!(
            "{CASE_COLUMNS} where k.case_id = $1{lock}",
            CASE_COLUMNS = CASE_COLUMNS.replace(
                "select k.case_id",
                "select c.state, c.last_seq, c.citizen_id, k.case_id"
            )
        );
        let mut wrote_replies = false;
        let acted = {
            let mut tx = self.transaction().await?;
            let conn = &mut tx.conn()?;
            let result = {
                let result: Result<CaseActed, StoreError> = async {
                let mut inbound_id: Option<i64> = None;
                if let Some(update_id) = update_id {
                    const DEDUPE: &str = "insert into inbound (channel, channel_message_id, \
                         citizen_id, conversation_id, received_at, created_at, updated_at) \
                         select 'operators', $1, c.citizen_id, c.conversation_id, $2, $2, $2 \
                         from cases k join conversations c on c.conversation_id = k.conversation_id \
                         where k.case_id = $3 \
                         on conflict (channel, channel_message_id) do nothing returning inbound_id";
                    let row = conn.query(DEDUPE).bind(update_id).bind(now_ms).bind(case_id)
                        .fetch_optional(conn).await?;
                    match row {
                        Some(row) => inbound_id = Some(row.try_get(0)?),
                        None => {
                            let exists = conn.query("select 1 from cases where case_id = $1")
                                .bind(case_id).fetch_optional(conn).await?.is_some();
                            return Ok(if exists { CaseActed::Duplicate } else { CaseActed::NoCase });
                        }
                    }
                }
                let Some(row) = conn.query(AssertSqlSafe(load.clone())).bind(case_id)
                    .fetch_optional(conn).await? else {
                    return Ok(CaseActed::NoCase);
                };
                let state_json: String = row.try_get(0)?;
                let last_seq: i64 = row.try_get(1)?;
                let citizen_id: i64 = row.try_get(2)?;
                let case = case_from_row_at(&row, 3)?;
                let plan = plan(&case, &state_json)?;
                let conversation_id = case.conversation_id.0;
                if let Some(CaseState { state, flow, step, status, office }) = &plan.state {
                    conn.query("update conversations set state = $2, flow = $3, step = $4, \
                         status = $5, office = $6, updated_at = $7 where conversation_id = $1")
                        .bind(conversation_id)
                        .bind(state.as_str())
                        .bind(flow.as_deref())
                        .bind(step.as_deref())
                        .bind(status.code())
                        .bind(office.as_deref())
                        .bind(now_ms)
                        .execute(conn).await?;
                }
                for (i, (payload, kind, text)) in plan.replies.iter().enumerate() {
                    let seq = last_seq + 1 + i as i64;
                    conn.query("insert into outbox (conversation_id, citizen_id, inbound_id, \
                         channel, seq, payload, status, attempts, next_attempt_at, created_at, \
                         updated_at) values ($1, $2, $3, $4, $5, $6, 'pending', 0, $7, $7, $7)")
                        .bind(conversation_id).bind(citizen_id).bind(inbound_id)
                        .bind(&case.channel).bind(seq)
                        .bind(payload.as_str())
                        .bind(now_ms)
                        .execute(conn).await?;
                    conn.query("insert into messages (conversation_id, direction, kind, text, \
                         at, created_at, updated_at) values ($1, 'out', $2, $3, $4, $4, $4)")
                        .bind(conversation_id).bind(*kind)
                        .bind(super::storable(text.clone()))
                        .bind(now_ms)
                        .execute(conn).await?;
                }
                if !plan.replies.is_empty() {
                    conn.query("update conversations set last_seq = $2, updated_at = $3 \
                         where conversation_id = $1")
                        .bind(conversation_id)
                        .bind(last_seq + plan.replies.len() as i64)
                        .bind(now_ms)
                        .execute(conn).await?;
                }
                for note in &plan.notes {
                    conn.query("insert into messages (conversation_id, direction, kind, text, \
                         at, created_at, updated_at) values ($1, 'out', 'note', $2, $3, $3, $3)")
                        .bind(conversation_id)
                        .bind(super::storable(note.clone()))
                        .bind(now_ms)
                        .execute(conn).await?;
                }
                let (sql, by): (Option<&str>, Option<&str>) = match &plan.case {
                    CaseChange::None => (None, None),
                    CaseChange::Notified => (Some("update cases set notified_at = $2, \
                         updated_at = $2 where case_id = $1 and $3 = $3"), Some("")),
                    CaseChange::Claim { by } => (Some("update cases set status = 'claimed', \
                         claimed_by = $3, claimed_at = $2, updated_at = $2 where case_id = $1"),
                         Some(by)),
                    CaseChange::Replied { by } => (Some("update cases set \
                         operator_replies = operator_replies + 1, \
                         status = case when status = 'waiting' then 'claimed' else status end, \
                         claimed_by = coalesce(claimed_by, $3), \
                         claimed_at = coalesce(claimed_at, $2), updated_at = $2 \
                         where case_id = $1"), Some(by)),
                    CaseChange::Close { by } => (Some("update cases set status = 'closed', \
                         closed_at = $2, closed_by = $3, \
                         unanswered = case when operator_replies = 0 then 1 else 0 end, \
                         updated_at = $2 where case_id = $1"), Some(by)),
                    CaseChange::Transfer { office } => (Some("update cases set office = $3, \
                         status = 'waiting', claimed_by = null, claimed_at = null, \
                         announced_at = null, announcements = 0, updated_at = $2 \
                         where case_id = $1"), Some(office)),
                };
                if let (Some(sql), Some(by)) = (sql, by) {
                    conn.query(sql).bind(case_id).bind(now_ms).bind(by).execute(conn).await?;
                }
                if matches!(plan.case, CaseChange::Close { .. }) {
                    // What the citizen wrote as written is kept only while the case is open.
                    conn.query("delete from case_texts where case_id = $1")
                        .bind(case_id).execute(conn).await?;
                }
                for item in &plan.queue {
                    conn.query("insert into operator_queue (case_id, kind, payload, status, \
                         next_attempt_at, created_at, updated_at) \
                         values ($1, $2, $3, 'pending', $4, $4, $4)")
                        .bind(case_id).bind(item.code()).bind(item_json(item)).bind(now_ms)
                        .execute(conn).await?;
                }
                for (event, detail) in &plan.audit {
                    conn.query("insert into audit (citizen_id, conversation_id, event, detail, \
                         at, created_at, updated_at) values ($1, $2, $3, $4, $5, $5, $5)")
                        .bind(citizen_id).bind(conversation_id).bind(*event)
                        .bind(detail.to_string()).bind(now_ms)
                        .execute(conn).await?;
                }
                wrote_replies = !plan.replies.is_empty() || !plan.queue.is_empty();
                Ok(CaseActed::Done)
            }.await;
                result
            };
            tx.commit_if_ok(result).await
        }?;
        if wrote_replies {
            self.wake_dispatchers();
        }
        Ok(acted)
    }
}
