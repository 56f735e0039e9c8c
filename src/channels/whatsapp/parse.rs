//! Webhook bodies from the WhatsApp Cloud API, parsed once into what the store needs. Parsing
//! never fails on a message of a type we do not know: it becomes `Input::Unsupported`.

use chrono::{DateTime, TimeZone, Utc};
use serde::Deserialize;
use serde_json::Value;

use crate::engine::Input;
use crate::store::DeliveryStatus;

/// One thing a webhook call told us.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A citizen's message. `from` is their WhatsApp id (a phone number): personal data.
    Message {
        id: String,
        from: String,
        input: Input,
    },
    /// What happened to a message we sent.
    Status {
        id: String,
        status: DeliveryStatus,
        at: Option<DateTime<Utc>>,
        /// WhatsApp's error code for a `failed` status.
        error_code: Option<i64>,
    },
}

/// A webhook body: `entry[].changes[].value` with its `messages` and `statuses`.
#[derive(Debug, Deserialize)]
pub struct Payload {
    #[serde(default)]
    pub object: String,
    #[serde(default)]
    entry: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
struct Entry {
    #[serde(default)]
    changes: Vec<Change>,
}

#[derive(Debug, Deserialize)]
struct Change {
    #[serde(default)]
    field: String,
    #[serde(default)]
    value: ChangeValue,
}

#[derive(Debug, Default, Deserialize)]
struct ChangeValue {
    #[serde(default)]
    metadata: Option<Metadata>,
    /// Each message is kept as JSON and read field by field, so that a message of a new
    /// type, or with an unexpected shape, cannot make the whole body unreadable.
    #[serde(default)]
    messages: Vec<Value>,
    #[serde(default)]
    statuses: Vec<Value>,
}

#[derive(Debug, Default, Deserialize)]
struct Metadata {
    #[serde(default)]
    phone_number_id: String,
}

/// What a body holds, and how many of its changes were for another phone number (ignored).
#[derive(Debug, Default)]
pub struct Parsed {
    pub events: Vec<Event>,
    pub other_numbers: usize,
}

impl Payload {
    /// The events addressed to `phone_number_id`, in the order WhatsApp listed them.
    pub fn events(&self, phone_number_id: &str) -> Parsed {
        let mut parsed = Parsed::default();
        for change in self.entry.iter().flat_map(|e| &e.changes) {
            if change.field != "messages" {
                continue;
            }
            let number = change
                .value
                .metadata
                .as_ref()
                .map(|m| m.phone_number_id.as_str());
            if number.is_some_and(|n| n != phone_number_id) {
                parsed.other_numbers += 1;
                continue;
            }
            parsed
                .events
                .extend(change.value.messages.iter().filter_map(message));
            parsed
                .events
                .extend(change.value.statuses.iter().filter_map(status));
        }
        parsed
    }
}

fn str_at<'a>(value: &'a Value, path: &[&str]) -> Option<&'a str> {
    path.iter()
        .try_fold(value, |v, key| v.get(key))
        .and_then(Value::as_str)
}

/// A message, or `None` for one without sender or id (nobody to answer, nothing to dedupe
/// on), and for reactions and system notices (a citizen's reaction is not a question; a
/// number change is not addressed to us). A known type with missing parts is unsupported.
fn message(value: &Value) -> Option<Event> {
    let id = str_at(value, &["id"])?.to_owned();
    let from = str_at(value, &["from"])?.to_owned();
    let kind = str_at(value, &["type"]).unwrap_or("unknown");
    let input = match kind {
        "text" => match str_at(value, &["text", "body"]) {
            Some(text) => Input::Text {
                text: text.to_owned(),
            },
            None => unsupported("text"),
        },
        "interactive" => {
            let reply = ["button_reply", "list_reply"]
                .iter()
                .find_map(|k| str_at(value, &["interactive", k, "id"]));
            match reply {
                Some(id) => choice(id),
                None => unsupported("interactive"),
            }
        }
        // A quick-reply button of a template: its payload when it names a choice, otherwise
        // what the button said, as if typed.
        "button" => match str_at(value, &["button", "payload"]) {
            Some(payload) if payload.contains('/') => choice(payload),
            payload => match str_at(value, &["button", "text"]).or(payload) {
                Some(text) => Input::Text {
                    text: text.to_owned(),
                },
                None => unsupported("button"),
            },
        },
        "location" => {
            let at = |k: &str| value.get("location").and_then(|l| l.get(k))?.as_f64();
            match (at("latitude"), at("longitude")) {
                (Some(latitude), Some(longitude)) => Input::Location {
                    latitude,
                    longitude,
                },
                _ => unsupported("location"),
            }
        }
        // Meta's media ids are not readable by the operators' workspace: named only.
        "image" => Input::Photo { file_id: None },
        "reaction" | "system" | "ephemeral" => return None,
        "audio" | "voice" | "video" | "document" | "sticker" | "contacts" | "order" => {
            unsupported(kind)
        }
        _ => unsupported("other"),
    };
    Some(Event::Message { id, from, input })
}

fn unsupported(what: &str) -> Input {
    Input::Unsupported {
        what: what.to_owned(),
    }
}

/// A button or list row id: `flow.step/choice` as sent, or a bare choice id.
fn choice(id: &str) -> Input {
    match id.rsplit_once('/') {
        Some((at, id)) => Input::Choice {
            id: id.to_owned(),
            at: Some(at.to_owned()),
        },
        None => Input::Choice {
            id: id.to_owned(),
            at: None,
        },
    }
}

fn status(value: &Value) -> Option<Event> {
    let id = str_at(value, &["id"])?.to_owned();
    let status = DeliveryStatus::parse(str_at(value, &["status"])?)?;
    let at = str_at(value, &["timestamp"])
        .and_then(|t| t.parse::<i64>().ok())
        .and_then(|t| Utc.timestamp_opt(t, 0).single());
    let error_code = value
        .get("errors")
        .and_then(Value::as_array)
        .and_then(|errors| errors.first())
        .and_then(|e| e.get("code"))
        .and_then(Value::as_i64);
    Some(Event::Status {
        id,
        status,
        at,
        error_code,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn body(messages: Value, statuses: Value) -> Payload {
        serde_json::from_value(json!({
            "object": "whatsapp_business_account",
            "entry": [{ "id": "1", "changes": [{ "field": "messages", "value": {
                "messaging_product": "whatsapp",
                "metadata": { "display_phone_number": "15550001111", "phone_number_id": "PN" },
                "messages": messages, "statuses": statuses,
            }}]}]
        }))
        .unwrap()
    }

    #[test]
    fn unknown_and_malformed_messages_never_break_the_rest() {
        let payload = body(
            json!([
                { "from": "39333", "id": "w1", "timestamp": "1", "type": "hologram", "hologram": {} },
                { "from": "39333", "id": "w2", "timestamp": "1", "type": "text", "text": { "body": "ciao" } },
                { "id": "w3", "type": "text" },
                { "from": "39333", "id": "w3b", "type": "text", "text": {} },
                { "from": "39333", "id": "w4", "type": "location", "location": { "latitude": "x" } },
                { "from": "39333", "id": "w5", "type": "reaction", "reaction": { "emoji": "x" } },
            ]),
            json!([{ "id": "s1", "status": "teleported" }]),
        );
        let events = payload.events("PN").events;
        assert_eq!(events.len(), 4, "{events:?}");
        assert!(
            matches!(&events[0], Event::Message { input: Input::Unsupported { what }, .. } if what == "other")
        );
        assert!(
            matches!(&events[1], Event::Message { input: Input::Text { text }, .. } if text == "ciao")
        );
        assert!(
            matches!(&events[2], Event::Message { input: Input::Unsupported { what }, .. } if what == "text")
        );
        assert!(
            matches!(&events[3], Event::Message { input: Input::Unsupported { what }, .. } if what == "location")
        );
    }

    #[test]
    fn changes_for_another_number_are_set_aside() {
        let payload = body(
            json!([{ "from": "39333", "id": "w1", "type": "text", "text": { "body": "x" } }]),
            json!([]),
        );
        let parsed = payload.events("OTHER");
        assert!(parsed.events.is_empty());
        assert_eq!(parsed.other_numbers, 1);
    }

    #[test]
    fn template_quick_replies_are_typed_text_unless_they_name_a_choice() {
        let payload = body(
            json!([
                { "from": "1", "id": "a", "type": "button", "button": { "payload": "Leggi", "text": "Leggi la risposta" } },
                { "from": "1", "id": "b", "type": "button", "button": { "payload": "main.menu/tributi", "text": "Tributi" } },
            ]),
            json!([]),
        );
        let events = payload.events("PN").events;
        assert!(
            matches!(&events[0], Event::Message { input: Input::Text { text }, .. } if text == "Leggi la risposta")
        );
        assert!(
            matches!(&events[1], Event::Message { input: Input::Choice { id, at: Some(at) }, .. } if id == "tributi" && at == "main.menu")
        );
    }
}
