//! What the bot could not answer, for editors: each miss is an audit row of the turn (event
//! `not_understood`, its reason, no text), read together with the citizen's own message of
//! that turn from the transcript, where it is already redacted. The record therefore expires
//! with its conversation's retention: when the transcript line is purged, the miss is no
//! longer listed, and the audit row left holds no content.

use chrono::{DateTime, Utc};

use super::{Store, StoreError};

/// One message the bot could not route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unanswered {
    pub at: DateTime<Utc>,
    /// `out_of_scope`, `refused` ("did you mean" declined) or `handoff` (a second miss).
    pub reason: String,
    /// The citizen's message, redacted as stored in the transcript.
    pub text: String,
}

// The citizen's latest typed message at or before the miss: for a refused "did you mean" the
// miss is recorded on the tap, and the question is the message before it.
const UNANSWERED: &str = "select a.at, a.detail, \
     (select m.text from messages m where m.conversation_id = a.conversation_id \
      and m.direction = 'in' and m.kind = 'text' and m.at <= a.at \
      order by m.message_id desc limit 1) \
     from audit a where a.event = 'not_understood' and a.at >= $1 order by a.at, a.audit_id";

impl Store {
    /// The misses since `since`, oldest first, each with the citizen's redacted message.
    pub async fn unanswered(&self, since: DateTime<Utc>) -> Result<Vec<Unanswered>, StoreError> {
        let db = &mut self.read();
        let rows = db
            .query(UNANSWERED)
            .bind(since.timestamp_millis())
            .fetch_all(db)
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let Some(text) = row.try_get::<Option<String>>(2)? else {
                continue;
            };
            let at: i64 = row.try_get(0)?;
            let detail: String = row.try_get(1)?;
            let reason = serde_json::from_str::<serde_json::Value>(&detail)
                .ok()
                .and_then(|v| v.get("reason")?.as_str().map(str::to_owned))
                .unwrap_or_else(|| "out_of_scope".to_owned());
            out.push(Unanswered {
                at: DateTime::from_timestamp_millis(at).unwrap_or_default(),
                reason,
                text,
            });
        }
        Ok(out)
    }
}
