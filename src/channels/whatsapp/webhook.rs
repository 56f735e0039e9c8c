//! The WhatsApp webhook: Meta's verification handshake (`GET`) and signed event deliveries
//! (`POST`). A delivery is answered 200 only once what it holds is stored; a signature that
//! does not match the raw body is refused before anything is parsed.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use hmac::{Hmac, KeyInit, Mac};
use secrecy::ExposeSecret;
use sha2::Sha256;

use super::WhatsApp;
use super::parse::{Event, Payload};
use crate::channels::{ChannelKind, ChannelUserId, constant_time_eq};
use crate::clock::Clock;
use crate::conversations::{Inbound, Ingest, Update};
use crate::flows::live::Live;
use crate::metrics::Metrics;
use crate::store::{StatusRecorded, StatusReport, Store, StoreError};

/// The path Meta posts events to.
pub const WEBHOOK_PATH: &str = "/whatsapp/webhook";
/// Meta's deliveries are small; anything larger is refused before it is read in full.
pub const MAX_BODY_BYTES: usize = 3 * 1024 * 1024;

/// What the webhook needs to store events.
#[derive(Clone)]
pub struct Webhook {
    pub whatsapp: Arc<WhatsApp>,
    pub store: Store,
    pub flows: Arc<Live>,
    pub clock: Arc<dyn Clock>,
}

pub fn router(webhook: Webhook) -> Router {
    Router::new()
        .route(WEBHOOK_PATH, get(verify).post(receive))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(webhook)
}

/// Meta's subscription check: echo `hub.challenge` when the mode is `subscribe` and the
/// token is ours.
async fn verify(
    State(webhook): State<Webhook>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let expected = webhook
        .whatsapp
        .config
        .verify_token
        .expose_secret()
        .as_bytes();
    let token = query.get("hub.verify_token").map(String::as_bytes);
    match (query.get("hub.mode"), token, query.get("hub.challenge")) {
        (Some(mode), Some(token), Some(challenge))
            if mode == "subscribe" && constant_time_eq(token, expected) =>
        {
            tracing::info!("WhatsApp webhook verified");
            (StatusCode::OK, challenge.clone()).into_response()
        }
        _ => {
            tracing::warn!("a WhatsApp webhook verification with a wrong token or mode");
            StatusCode::FORBIDDEN.into_response()
        }
    }
}

/// Whether `header` (`sha256=<hex>`) is the HMAC-SHA256 of `body` under `secret`.
pub fn signature_matches(secret: &[u8], body: &[u8], header: Option<&[u8]>) -> bool {
    let Some(given) = header.and_then(|h| h.strip_prefix(b"sha256=")) else {
        return false;
    };
    let Ok(mut mac) = <Hmac<Sha256> as KeyInit>::new_from_slice(secret) else {
        return false;
    };
    mac.update(body);
    let Ok(given) = hex::decode(given) else {
        return false;
    };
    mac.verify_slice(&given).is_ok()
}

async fn receive(State(webhook): State<Webhook>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let secret = webhook
        .whatsapp
        .config
        .app_secret
        .expose_secret()
        .as_bytes();
    let header = headers.get("x-hub-signature-256").map(|v| v.as_bytes());
    let metrics = webhook.whatsapp.metrics();
    if !signature_matches(secret, &body, header) {
        metrics.webhook_rejected.inc("signature");
        tracing::warn!(
            bytes = body.len(),
            "a WhatsApp webhook call without a valid signature"
        );
        return StatusCode::UNAUTHORIZED;
    }
    // Signed by Meta but unreadable: it will never read better, and a non-200 only makes
    // Meta send it again for days. Acknowledge, log its size (never its content), count it.
    let payload = match serde_json::from_slice::<Payload>(&body) {
        Ok(payload) => payload,
        Err(e) => {
            metrics.webhook_rejected.inc("unparseable");
            tracing::error!(
                bytes = body.len(),
                line = e.line(),
                column = e.column(),
                "a signed WhatsApp webhook body that is not a WhatsApp event; acknowledged and dropped"
            );
            return StatusCode::OK;
        }
    };
    let parsed = payload.events(&webhook.whatsapp.config.phone_number_id);
    if parsed.other_numbers > 0 {
        metrics
            .webhook_rejected
            .inc_by("other_number", parsed.other_numbers as u64);
        tracing::warn!(
            changes = parsed.other_numbers,
            "WhatsApp events for another phone number ignored"
        );
    }
    match store_events(&webhook, parsed.events).await {
        Ok(()) => StatusCode::OK,
        Err(e) => {
            tracing::error!(error = %e, "cannot store WhatsApp events; Meta will deliver them again");
            StatusCode::SERVICE_UNAVAILABLE
        }
    }
}

/// Stores the events: each message, in order, goes through the engine and the store exactly
/// once (its `wamid` is the dedupe key); the statuses, which are about replies already sent
/// and do not depend on each other's order, are recorded together against the replies they
/// are about.
pub async fn store_events(webhook: &Webhook, events: Vec<Event>) -> Result<(), StoreError> {
    let flows = webhook.flows.get();
    let mut reports = Vec::new();
    let mut messages = Vec::new();
    for event in events {
        match event {
            Event::Message { id, from, input } => {
                let now = webhook.clock.now();
                let inbound = Inbound {
                    channel: ChannelKind::WhatsApp,
                    user: ChannelUserId::new(from),
                    message_id: id,
                    // WhatsApp tells nothing reliable about the citizen's language: Italian,
                    // until they choose with /lingua.
                    lang_hint: None,
                    input,
                    received_at: now,
                };
                messages.push(Update::Citizen { inbound, after: () });
            }
            Event::Status {
                id,
                status,
                at,
                error_code,
            } => {
                if let Some(code) = error_code {
                    tracing::warn!(code, "WhatsApp could not deliver a reply");
                }
                reports.push(StatusReport {
                    channel: ChannelKind::WhatsApp,
                    sent_id: id,
                    status,
                    error: error_code.map(|code| format!("WhatsApp error {code}")),
                    at: at.unwrap_or_else(|| webhook.clock.now()),
                });
            }
        }
    }
    let ingest = Ingest {
        store: webhook.store.clone(),
        operators: None,
        clock: webhook.clock.clone(),
        metrics: webhook.whatsapp.metrics().clone(),
    };
    ingest.batch(&flows, messages).await?;
    record_statuses(&webhook.store, webhook.whatsapp.metrics(), reports).await
}

/// A status can overtake the record of its own send: Meta may report `sent`, or `failed`,
/// before the dispatcher has stored the `wamid` the Graph API answered with (a slow answer, a
/// busy database). A status about no known reply is therefore tried again after each of these
/// pauses before it is dropped; one about another sender's message, or a purged reply, costs
/// its webhook call their sum.
const UNKNOWN_STATUS_PAUSES: [Duration; 4] = [
    Duration::from_millis(250),
    Duration::from_millis(500),
    Duration::from_secs(1),
    Duration::from_secs(2),
];

async fn record_statuses(
    store: &Store,
    metrics: &Metrics,
    mut reports: Vec<StatusReport>,
) -> Result<(), StoreError> {
    let mut pauses = UNKNOWN_STATUS_PAUSES.into_iter();
    while !reports.is_empty() {
        let recorded = store.record_delivery_statuses(&reports).await?;
        let mut unknown = Vec::new();
        for (report, recorded) in reports.into_iter().zip(recorded) {
            if recorded == StatusRecorded::Unknown {
                unknown.push(report);
            } else {
                metrics.delivery_status.inc(report.status.code());
            }
        }
        reports = unknown;
        let Some(pause) = pauses.next() else {
            break;
        };
        if !reports.is_empty() {
            tokio::time::sleep(pause).await;
        }
    }
    for report in reports {
        metrics.delivery_status.inc(report.status.code());
        metrics.delivery_status_unknown.inc(report.status.code());
        tracing::debug!(
            status = report.status.code(),
            "a WhatsApp status for a message not in the outbox"
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::signature_matches;

    #[test]
    fn only_the_signature_of_these_exact_bytes_matches() {
        // HMAC-SHA256 of `{}` under `secret`, computed with another implementation.
        let good = b"sha256=77325902caca812dc259733aacd046b73817372c777b8d95b402647474516e13";
        let body = b"{}";
        assert!(signature_matches(b"secret", body, Some(good)));
        let upper = format!(
            "sha256={}",
            String::from_utf8_lossy(&good[7..]).to_uppercase()
        );
        assert!(signature_matches(b"secret", body, Some(upper.as_bytes())));
        assert!(!signature_matches(b"secret", b"{} ", Some(good)));
        assert!(!signature_matches(b"other", body, Some(good)));
        assert!(!signature_matches(b"secret", body, Some(&good[7..])));
        assert!(!signature_matches(b"secret", body, Some(b"sha256=")));
        assert!(!signature_matches(b"secret", body, None));
    }
}
