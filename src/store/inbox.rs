//! What the web console reads about cases: the inbox of some offices (waiting, claimed,
//! recently closed), one case by number, and the transcript lines after one already shown.

use chrono::{DateTime, Utc};
use sqlx::AssertSqlSafe;

use super::handoff::{CASE_COLUMNS, case_from_row};
use super::{Case, CaseStatus, Store, StoreError, TranscriptLine, from_ms, to_ms};
use crate::ids::ConversationId;

/// Which cases an inbox lists.
#[derive(Debug, Clone)]
pub struct InboxQuery<'a> {
    /// The offices whose cases to list; `None` for every office.
    pub offices: Option<&'a [String]>,
    pub status: CaseStatus,
    /// Closed cases: those closed since then.
    pub closed_since: DateTime<Utc>,
    /// Only the case with this id, if given.
    pub case_id: Option<i64>,
    pub limit: i64,
}

/// What the citizen wrote during an open case, as written (`CaseWrite::AsWritten`).
#[derive(Clone, PartialEq, Eq)]
pub struct CaseText {
    pub at: DateTime<Utc>,
    pub text: String,
}

impl std::fmt::Debug for CaseText {
    // What the citizen wrote, personal data and all: never in a log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CaseText")
            .field("at", &self.at)
            .finish_non_exhaustive()
    }
}

/// A transcript line with its id, so a page can ask for what came after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberedLine {
    pub message_id: i64,
    pub line: TranscriptLine,
}

impl Store {
    /// The cases of an inbox: waiting and claimed oldest first, closed newest first.
    pub async fn inbox(&self, query: &InboxQuery<'_>) -> Result<Vec<Case>, StoreError> {
        let mut sql = format!("{CASE_COLUMNS} where k.status = $1");
        let mut next = 2;
        if query.status == CaseStatus::Closed {
            sql.push_str(&format!(" and k.closed_at >= ${next}"));
            next += 1;
        }
        if query.case_id.is_some() {
            sql.push_str(&format!(" and k.case_id = ${next}"));
            next += 1;
        }
        if let Some(offices) = query.offices {
            if offices.is_empty() {
                return Ok(Vec::new());
            }
            let marks: Vec<String> = (next..next + offices.len())
                .map(|n| format!("${n}"))
                .collect();
            sql.push_str(&format!(" and k.office in ({})", marks.join(", ")));
        }
        let order = match query.status {
            CaseStatus::Closed => "k.closed_at desc",
            _ => "k.case_id",
        };
        sql.push_str(&format!(" order by {order} limit {}", query.limit.max(1)));
        let db = &mut self.read();
        let mut q = db.query(AssertSqlSafe(sql)).bind(query.status.code());
        if query.status == CaseStatus::Closed {
            q = q.bind(to_ms(query.closed_since));
        }
        if let Some(id) = query.case_id {
            q = q.bind(id);
        }
        for office in query.offices.unwrap_or_default() {
            q = q.bind(office.clone());
        }
        let rows = q.fetch_all(db).await?;
        rows.iter().map(case_from_row).collect()
    }

    /// The transcript of a conversation after the line `after` (0 for all), oldest first.
    pub async fn transcript_after(
        &self,
        conversation_id: ConversationId,
        after: i64,
    ) -> Result<Vec<NumberedLine>, StoreError> {
        const SQL: &str = "select message_id, direction, kind, text, at from messages \
             where conversation_id = $1 and message_id > $2 order by message_id";
        let db = &mut self.read();
        let rows = db
            .query(SQL)
            .bind(conversation_id.0)
            .bind(after)
            .fetch_all(db)
            .await?;
        rows.iter()
            .map(|row| {
                Ok(NumberedLine {
                    message_id: row.try_get(0)?,
                    line: TranscriptLine {
                        inbound: row.try_get::<String>(1)? == "in",
                        kind: row.try_get(2)?,
                        text: row.try_get(3)?,
                        at: from_ms(row.try_get(4)?),
                    },
                })
            })
            .collect()
    }
}

/// A case as the supervisors' dashboard counts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseActivity {
    pub office: String,
    pub status: CaseStatus,
    pub opened_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    /// The first operator's reply to the citizen after the case opened.
    pub first_reply_at: Option<DateTime<Utc>>,
}

impl Store {
    /// The cases still open, and those opened or closed since `since`.
    pub async fn case_activity(
        &self,
        since: DateTime<Utc>,
    ) -> Result<Vec<CaseActivity>, StoreError> {
        const SQL: &str = "select k.office, k.status, k.opened_at, k.closed_at, \
             (select min(m.at) from messages m where m.conversation_id = k.conversation_id \
              and m.direction = 'out' and m.kind = 'operator' and m.at >= k.opened_at) \
             from cases k where k.status <> 'closed' or k.closed_at >= $1 or k.opened_at >= $1";
        let db = &mut self.read();
        let rows = db.query(SQL).bind(to_ms(since)).fetch_all(db).await?;
        rows.iter()
            .map(|row| {
                let status: String = row.try_get(1)?;
                Ok(CaseActivity {
                    office: row.try_get(0)?,
                    status: CaseStatus::parse(&status)?,
                    opened_at: from_ms(row.try_get(2)?),
                    closed_at: row.try_get::<Option<i64>>(3)?.map(from_ms),
                    first_reply_at: row.try_get::<Option<i64>>(4)?.map(from_ms),
                })
            })
            .collect()
    }

    /// How many texts of an open case are kept as written: what a reveal would show.
    pub async fn case_texts_kept(&self, case_id: i64) -> Result<i64, StoreError> {
        const SQL: &str = "select count(*) from case_texts t join cases k \
             on k.case_id = t.case_id where t.case_id = $1 and k.status <> 'closed'";
        let db = &mut self.read();
        Ok(db
            .query(SQL)
            .bind(case_id)
            .fetch_one(db)
            .await?
            .try_get(0)?)
    }

    /// What the citizen wrote during an open case, as written, oldest first; nothing once the
    /// case is closed. The caller audits the reveal.
    pub async fn case_texts(&self, case_id: i64) -> Result<Vec<CaseText>, StoreError> {
        const SQL: &str = "select t.at, t.text from case_texts t join cases k \
             on k.case_id = t.case_id where t.case_id = $1 and k.status <> 'closed' \
             order by t.text_id";
        let db = &mut self.read();
        let rows = db.query(SQL).bind(case_id).fetch_all(db).await?;
        rows.iter()
            .map(|row| {
                Ok(CaseText {
                    at: from_ms(row.try_get(0)?),
                    text: row.try_get(1)?,
                })
            })
            .collect()
    }
}
