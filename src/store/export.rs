//! Gathering everything stored about one citizen for their export (`/i_miei_dati`), inside
//! the inbound transaction so the export is one consistent picture.

use super::db::{Conn, Row};
use super::{StoreError, from_ms};
use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

/// Rows of each table about one citizen, in the order the store read them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Export {
    pub generated_at: DateTime<Utc>,
    pub tables: Vec<(&'static str, Vec<Map<String, Value>>)>,
}

impl Export {
    pub fn rows(&self, table: &str) -> &[Map<String, Value>] {
        self.tables
            .iter()
            .find(|(name, _)| *name == table)
            .map_or(&[], |(_, rows)| rows.as_slice())
    }

    /// The JSON document: `generated_at`, then one array per table.
    pub fn to_json(&self) -> String {
        let mut doc = Map::new();
        doc.insert(
            "generated_at".into(),
            Value::String(self.generated_at.to_rfc3339()),
        );
        for (name, rows) in &self.tables {
            doc.insert(
                (*name).into(),
                Value::Array(rows.iter().cloned().map(Value::Object).collect()),
            );
        }
        serde_json::to_string_pretty(&Value::Object(doc)).unwrap_or_default()
    }
}

/// A stored time (unix milliseconds) as it appears in the export: RFC 3339, in UTC.
fn time_value(ms: i64) -> Value {
    Value::String(from_ms(ms).to_rfc3339())
}

/// Every table that holds data about a citizen, with the query that reads their rows
/// (`$1` the citizen id). A table added to the schema with citizen data gets one line here, and
/// `tests/it/privacy.rs` (`an_export_holds_exactly_the_citizens_data`) checks that every column
/// mentioning the citizen is covered. Columns named `at` or `*_at` are shown as times;
/// `payload` (an outbox reply) as its text only.
pub(crate) const EXPORT_TABLES: &[(&str, &str)] = &[
    (
        "citizen",
        "select citizen_id, channel, channel_user_id, lang, first_seen_at, \
         privacy_notice_version, unreachable_at, unreachable_reason, last_inbound_at, \
         reengaged_at, waste_zone, waste_zone_at, created_at, updated_at from citizens \
         where citizen_id = $1",
    ),
    (
        "conversations",
        "select conversation_id, status, flow, step, office, special_category, handed_off, \
         created_at, updated_at from conversations where citizen_id = $1 \
         order by conversation_id",
    ),
    (
        "messages",
        "select m.conversation_id, m.direction, m.kind, m.text, m.at from messages m \
         join conversations c on c.conversation_id = m.conversation_id \
         where c.citizen_id = $1 and m.kind <> 'note' order by m.message_id",
    ),
    // Operators' notes (`/nota`) are the Comune's internal working notes, never sent to the
    // citizen: not part of the transcript, yet covered by an access request, marked as such.
    (
        "internal_notes",
        "select m.conversation_id, 'internal' as visibility, m.text, m.at from messages m \
         join conversations c on c.conversation_id = m.conversation_id \
         where c.citizen_id = $1 and m.kind = 'note' order by m.message_id",
    ),
    (
        "replies",
        "select conversation_id, seq, status, payload, created_at, sent_at, last_error \
         from outbox where citizen_id = $1 order by outbox_id",
    ),
    (
        "inbound",
        "select channel, channel_message_id, conversation_id, received_at from inbound \
         where citizen_id = $1 order by inbound_id",
    ),
    (
        "cases",
        "select k.case_id, k.prefix, k.conversation_id, k.office, k.reason, k.status, k.opened_at, \
         k.claimed_at, k.closed_at, k.operator_replies, k.unanswered, k.rating, \
         k.rating_comment \
         from cases k join conversations c on c.conversation_id = k.conversation_id \
         where c.citizen_id = $1 order by k.case_id",
    ),
    // What the citizen wrote to an open case as written (kept for the console's reveal).
    (
        "case_texts",
        "select t.case_id, t.at, t.text from case_texts t \
         join cases k on k.case_id = t.case_id \
         join conversations c on c.conversation_id = k.conversation_id \
         where c.citizen_id = $1 order by t.text_id",
    ),
    (
        "subscriptions",
        "select topic, consent_version, consented_at, created_at, updated_at \
         from subscriptions where citizen_id = $1 order by topic",
    ),
    (
        "reminders",
        "select deadline, remind_on, outbox_id, created_at from reminders \
         where citizen_id = $1 order by reminder_id",
    ),
    (
        "audit",
        "select event, detail, at, conversation_id from audit where citizen_id = $1 \
         or conversation_id in (select conversation_id from conversations where citizen_id = $1) \
         order by audit_id",
    ),
];

/// One row as a JSON object, whatever its columns: integers, texts and nulls are all our
/// schema uses.
fn row_json(row: &Row) -> Map<String, Value> {
    let mut out = Map::new();
    for (i, name) in row.column_names().into_iter().enumerate() {
        let value = if let Ok(n) = row.try_get::<Option<i64>>(i) {
            match n {
                Some(ms) if name == "at" || name.ends_with("_at") => time_value(ms),
                Some(n) => Value::from(n),
                None => Value::Null,
            }
        } else if let Ok(text) = row.try_get::<Option<String>>(i) {
            match text {
                // A reply as queued: its text is what the citizen received. A file it carried
                // (an earlier export) is named, not copied again.
                Some(payload) if name == "payload" => {
                    let reply: Value = serde_json::from_str(&payload).unwrap_or(Value::Null);
                    out.insert(
                        "text".into(),
                        reply.get("text").cloned().unwrap_or(Value::Null),
                    );
                    if let Some(file) = reply.pointer("/attachment/filename") {
                        out.insert("attachment".into(), file.clone());
                    }
                    continue;
                }
                Some(text) => Value::String(text),
                None => Value::Null,
            }
        } else {
            Value::Null
        };
        out.insert(name.to_owned(), value);
    }
    out
}

/// Reads every table of `EXPORT_TABLES` for the citizen, on a connection of either backend.
pub(crate) async fn gather(
    conn: &mut Conn<'_>,
    citizen_id: i64,
    now: DateTime<Utc>,
) -> Result<Export, StoreError> {
    let mut export = Export {
        generated_at: now,
        tables: Vec::with_capacity(EXPORT_TABLES.len()),
    };
    for (name, sql) in EXPORT_TABLES {
        let rows = conn.query(*sql).bind(citizen_id).fetch_all(conn).await?;
        export
            .tables
            .push((*name, rows.iter().map(row_json).collect()));
    }
    Ok(export)
}
