//! The citizen's data export (`/i_miei_dati`): everything stored about one citizen, gathered
//! by the store in the inbound transaction, as JSON (the attachment) and readable text.
//!
//! The store reads the tables named in `store::EXPORT_TABLES`, one JSON object per row, into a
//! `store::Export`; this module only shapes what it got, so a table added there is in the
//! export with no change here.

use chrono::DateTime;
use serde_json::{Map, Value};

use crate::calendar::TIME_ZONE;
use crate::engine::{Attachment, Reply};
use crate::i18n::{Lang, Locales};
use crate::store::Export;

/// The attachment's file name.
pub const FILE_NAME: &str = "sportello-i-miei-dati.json";

fn local(value: Option<&Value>) -> String {
    value
        .and_then(Value::as_str)
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| {
            t.with_timezone(&TIME_ZONE)
                .format("%d/%m/%Y %H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

fn text_of(row: &Map<String, Value>, column: &str) -> String {
    match row.get(column) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// The readable version: who, then each conversation with its transcript, then how many
/// other rows the file holds. Without texts (a test's fixed engine) it is empty, and the file
/// says it all.
pub fn readable(texts: Option<&Locales>, lang: Lang, export: &Export) -> String {
    let Some(texts) = texts else {
        return String::new();
    };
    let t = |id: &str, args: &[(&str, &str)]| texts.text(lang, id, args);
    let mut out = vec![t("common-export-intro", &[])];
    if let Some(citizen) = export.rows("citizen").first() {
        out.push(t(
            "common-export-citizen",
            &[
                ("channel", &text_of(citizen, "channel")),
                ("lang", &text_of(citizen, "lang")),
                ("since", &local(citizen.get("first_seen_at"))),
            ],
        ));
    }
    let messages = export.rows("messages");
    for (i, conversation) in export.rows("conversations").iter().enumerate() {
        let id = conversation.get("conversation_id");
        let mut block = vec![t(
            "common-export-conversation",
            &[
                ("number", &(i + 1).to_string()),
                ("start", &local(conversation.get("created_at"))),
                ("end", &local(conversation.get("updated_at"))),
            ],
        )];
        for m in messages.iter().filter(|m| m.get("conversation_id") == id) {
            // A photo is not kept: its line says that one was sent.
            if text_of(m, "kind") == "photo" {
                block.push(t(
                    "common-export-photo-line",
                    &[("time", &local(m.get("at")))],
                ));
                continue;
            }
            let line = if text_of(m, "direction") == "in" {
                "common-export-citizen-line"
            } else {
                "common-export-bot-line"
            };
            block.push(t(
                line,
                &[("time", &local(m.get("at"))), ("text", &text_of(m, "text"))],
            ));
        }
        if block.len() == 1 {
            block.push(t("common-export-empty", &[]));
        }
        out.push(block.join("\n"));
    }
    let topics: Vec<String> = export
        .rows("subscriptions")
        .iter()
        .map(|s| {
            let since = local(s.get("consented_at"));
            format!("{} ({since})", text_of(s, "topic"))
        })
        .collect();
    if !topics.is_empty() {
        out.push(t(
            "common-export-subscriptions",
            &[("topics", &topics.join(", "))],
        ));
    }
    let notes = export.rows("internal_notes").len();
    if notes > 0 {
        out.push(t("common-export-notes", &[("count", &notes.to_string())]));
    }
    let others: usize = export
        .tables
        .iter()
        .filter(|(name, _)| {
            !matches!(
                *name,
                "citizen" | "conversations" | "messages" | "internal_notes" | "subscriptions"
            )
        })
        .map(|(_, rows)| rows.len())
        .sum();
    if others > 0 {
        out.push(t("common-export-other", &[("count", &others.to_string())]));
    }
    let text = out.join("\n\n");
    if text.chars().count() <= READABLE_MAX_CHARS {
        return text;
    }
    // The file holds everything; the messages stay few enough to be sent in one go.
    let note = t("common-export-truncated", &[]);
    let keep = READABLE_MAX_CHARS - note.chars().count() - 2;
    let cut = text.char_indices().nth(keep).map_or(text.len(), |(i, _)| i);
    let cut = text[..cut].rfind('\n').unwrap_or(cut);
    format!("{}\n\n{note}", &text[..cut])
}

/// The readable text is at most three chat messages long; the file is complete.
pub const READABLE_MAX_CHARS: usize = 3 * crate::engine::MAX_REPLY_CHARS;

/// The reply that carries the export: the readable text, and the JSON as a file.
pub fn reply(texts: Option<&Locales>, lang: Lang, export: &Export) -> Reply {
    Reply {
        text: readable(texts, lang, export),
        attachment: Some(Attachment {
            filename: FILE_NAME.to_owned(),
            mime: "application/json".to_owned(),
            content: export.to_json(),
        }),
        ..Reply::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_history_is_cut_in_the_text_and_complete_in_the_file() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (flows, report) =
            crate::flows::FlowSet::load(&root.join("flows"), &root.join("locales"), &[]);
        let flows = flows.unwrap_or_else(|| panic!("{report}"));
        let line = |i: usize| {
            let mut row = Map::new();
            row.insert("conversation_id".into(), Value::from(1));
            row.insert("direction".into(), Value::from("in"));
            row.insert("text".into(), Value::from(format!("domanda numero {i}")));
            row
        };
        let mut conversation = Map::new();
        conversation.insert("conversation_id".into(), Value::from(1));
        let export = Export {
            generated_at: chrono::Utc::now(),
            tables: vec![
                ("conversations", vec![conversation]),
                ("messages", (0..2_000).map(line).collect()),
            ],
        };
        let reply = reply(Some(&flows.locales), Lang::It, &export);
        assert!(reply.text.chars().count() <= READABLE_MAX_CHARS);
        assert!(reply.text.contains("domanda numero 0\n"));
        assert!(reply.text.ends_with(&flows.locales.text(
            Lang::It,
            "common-export-truncated",
            &[]
        )));
        let file = reply.attachment.unwrap().content;
        assert!(file.contains("domanda numero 1999"));
    }
}
