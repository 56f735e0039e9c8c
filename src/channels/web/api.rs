//! The web chat's HTTP side, on its own listener (`webchat_listen`): the widget's script, the
//! messages the citizen posts, the stream of replies (server-sent events with ids, resumed
//! with `Last-Event-ID`) and the download of a data export.
//!
//! Every API call must come from a page of an allowed origin (`webchat_origins`): others are
//! refused before anything is read. The citizen is named by the `X-Sportello-Id` header,
//! never in a URL, so no access log can hold it; nothing about the citizen is logged here.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use futures_util::StreamExt;
use serde::Deserialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use tokio::sync::watch;

use super::limits::Limiter;
use super::{WebChat, is_download};
use crate::channels::{ChannelKind, ChannelUserId};
use crate::clock::Clock;
use crate::conversations::{Inbound, Ingest, Update};
use crate::engine::{Input, Reply};
use crate::flows::live::Live;
use crate::flows::messages::{MESSAGE_ARGS, MESSAGES};
use crate::i18n::Lang;
use crate::metrics::Metrics;
use crate::settings::WebChatSettings;
use crate::store::{Store, WebCursor, WebReply};

/// Where the widget's script is served: the one tag a page needs.
pub const SCRIPT_PATH: &str = "/webchat.js";
/// The header that names the citizen (the browser's anonymous id).
pub const ID_HEADER: &str = "x-sportello-id";
/// A message is a few kilobytes at most; larger bodies are refused before they are read.
const MAX_BODY_BYTES: usize = 64 * 1024;
/// Replies read from the store per step of a stream.
const REPLIES_AT_ONCE: i64 = 50;
/// How often an open stream looks in the store when nothing woke it: replies delivered by
/// another process show within this.
const POLL: Duration = Duration::from_secs(3);
/// How soon a stream looks again while a data export is being delivered.
const EXPORT_POLL: Duration = Duration::from_millis(200);
const WIDGET: &str = include_str!("widget.js");
/// The widget's own texts: the `webchat-*` texts without variables (those with variables are
/// the server's answers), sent with its script in every language.
fn widget_texts() -> impl Iterator<Item = &'static str> {
    MESSAGES
        .iter()
        .copied()
        .filter(|id| id.starts_with("webchat-"))
        .filter(|id| !MESSAGE_ARGS.iter().any(|(with, _)| with == id))
}

/// What the web chat's handlers need.
pub struct WebApi {
    pub chat: Arc<WebChat>,
    pub store: Store,
    pub flows: Arc<Live>,
    pub clock: Arc<dyn Clock>,
    pub metrics: Arc<Metrics>,
    pub settings: WebChatSettings,
    /// True once the service is stopping: open streams end, so the server can.
    pub stopping: watch::Receiver<bool>,
}

pub(super) struct Shared {
    pub(super) api: WebApi,
    by_ip: Limiter<IpAddr>,
    by_id: Limiter<String>,
    frame_ancestors: HeaderValue,
}

impl Shared {
    fn allows(&self, origin: &str) -> bool {
        self.api
            .settings
            .origins
            .iter()
            .any(|o| o.eq_ignore_ascii_case(origin))
    }

    fn text(&self, lang: Lang, id: &str, args: &[(&str, &str)]) -> String {
        self.api.flows.get().locales.text(lang, id, args)
    }
}

/// The web chat's routes; serve them with the peer's address
/// (`into_make_service_with_connect_info::<SocketAddr>`), which the limits use.
pub fn router(api: WebApi) -> Router {
    let ancestors = match api.settings.origins.is_empty() {
        true => "'none'".to_owned(),
        false => api.settings.origins.join(" "),
    };
    let csp = format!("default-src 'none'; frame-ancestors {ancestors}; base-uri 'none'");
    let shared = Arc::new(Shared {
        by_ip: Limiter::new(api.settings.ip_per_minute),
        by_id: Limiter::new(api.settings.id_per_minute),
        frame_ancestors: HeaderValue::from_str(&csp)
            .unwrap_or(HeaderValue::from_static("default-src 'none'")),
        api,
    });
    Router::new()
        .route(SCRIPT_PATH, get(script))
        .route("/webchat/messages", post(receive))
        .route("/webchat/events", get(events))
        .route("/webchat/download/{key}", get(download))
        .route("/calendar/{file}", get(super::calendar::topic))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn_with_state(shared.clone(), guard))
        .with_state(shared)
}

/// Refuses API calls from pages of other origins, answers the browsers' preflight, and adds
/// the headers every answer carries.
async fn guard(
    State(shared): State<Arc<Shared>>,
    request: axum::extract::Request,
    next: Next,
) -> Response {
    let api = request.uri().path().starts_with("/webchat/");
    let origin = request
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .filter(|o| shared.allows(o))
        .map(str::to_owned);
    let mut response = match (api, &origin) {
        (false, _) => next.run(request).await,
        (true, None) => refusal(StatusCode::FORBIDDEN, "origin", None),
        (true, Some(_)) if request.method() == Method::OPTIONS => {
            let mut answer = StatusCode::NO_CONTENT.into_response();
            insert(answer.headers_mut(), PREFLIGHT);
            answer
        }
        (true, Some(_)) => next.run(request).await,
    };
    let headers = response.headers_mut();
    if let Some(origin) = origin.filter(|_| api)
        && let Ok(value) = HeaderValue::from_str(&origin)
    {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, value);
        headers.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static("retry-after, content-disposition"),
        );
    }
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        shared.frame_ancestors.clone(),
    );
    insert(headers, ALWAYS);
    if api {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// The answer to a browser's preflight from an allowed page.
const PREFLIGHT: &[(&str, &str)] = &[
    ("access-control-allow-methods", "GET, POST"),
    (
        "access-control-allow-headers",
        "content-type, x-sportello-id, last-event-id",
    ),
    ("access-control-max-age", "600"),
];

/// What every answer carries besides its CSP. The script is loaded by other sites' pages, so
/// it may be read across origins.
const ALWAYS: &[(&str, &str)] = &[
    ("vary", "origin"),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("cross-origin-resource-policy", "cross-origin"),
];

fn insert(headers: &mut HeaderMap, pairs: &[(&'static str, &'static str)]) {
    for (name, value) in pairs {
        headers.insert(*name, HeaderValue::from_static(value));
    }
}

/// A refusal the widget can show: a code, and the polite text when there is one.
fn refusal(status: StatusCode, code: &str, message: Option<String>) -> Response {
    let body = json!({ "error": code, "message": message });
    (status, axum::Json(body)).into_response()
}

/// `GET /webchat.js`: the widget, with its texts and the settings it needs.
async fn script(State(shared): State<Arc<Shared>>) -> Response {
    let flows = shared.api.flows.get();
    let mut texts = serde_json::Map::new();
    for lang in Lang::ALL {
        let words: serde_json::Map<String, serde_json::Value> = widget_texts()
            .map(|id| {
                let key = id.trim_start_matches("webchat-").to_owned();
                (key, flows.locales.text(lang, id, &[]).into())
            })
            .collect();
        texts.insert(lang.code().to_owned(), words.into());
    }
    let config = json!({
        "texts": texts,
        "origins": shared.api.settings.origins,
        "maxChars": shared.api.settings.max_chars,
    });
    let body = WIDGET.replacen("/*CONFIG*/null", &config.to_string(), 1);
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        body,
    )
        .into_response()
}

/// The citizen's anonymous id from its header: 16 to 64 letters, digits, `-` or `_`.
fn citizen(headers: &HeaderMap) -> Option<String> {
    headers
        .get(ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|id| well_formed(id, 16))
        .map(str::to_owned)
}

fn well_formed(id: &str, min: usize) -> bool {
    (min..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The widget's language, for the texts of a refusal.
#[derive(Deserialize)]
struct LangQuery {
    lang: Option<String>,
}

impl LangQuery {
    fn lang(&self) -> Lang {
        self.lang
            .as_deref()
            .and_then(Lang::from_tag)
            .unwrap_or_default()
    }
}

/// What the widget posts: its own id for the message (sent again unchanged when a post is
/// retried) and either the text written or the option tapped.
#[derive(Deserialize)]
struct Posted {
    id: String,
    text: Option<String>,
    choice: Option<String>,
    at: Option<String>,
    lang: Option<String>,
}

/// `POST /webchat/messages`: a citizen's message, answered once it is stored and handled.
async fn receive(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let lang = query.lang();
    let invalid = || {
        let text = shared.text(lang, "webchat-invalid", &[]);
        refusal(StatusCode::BAD_REQUEST, "invalid", Some(text))
    };
    let Some(user) = citizen(&headers) else {
        return invalid();
    };
    let now = Instant::now();
    let address = caller(peer, &headers);
    let limited = match shared.by_ip.take(&address, now) {
        Err(wait) => Some(wait),
        Ok(()) => shared.by_id.take(&user, now).err().inspect(|_| {
            shared.by_ip.give_back(&address);
        }),
    };
    if let Some(wait) = limited {
        let text = shared.text(lang, "webchat-slow-down", &[]);
        let mut answer = refusal(StatusCode::TOO_MANY_REQUESTS, "slow_down", Some(text));
        let seconds = wait.as_secs().max(1).to_string();
        if let Ok(value) = HeaderValue::from_str(&seconds) {
            answer.headers_mut().insert(header::RETRY_AFTER, value);
        }
        return answer;
    }
    let Ok(posted) = serde_json::from_slice::<Posted>(&body) else {
        return invalid();
    };
    if !well_formed(&posted.id, 1) {
        return invalid();
    }
    let max = shared.api.settings.max_chars as usize;
    let input = match (posted.text, posted.choice) {
        (Some(text), None) if text.chars().count() > max => {
            let text = shared.text(lang, "webchat-too-long", &[("max", &max.to_string())]);
            return refusal(StatusCode::PAYLOAD_TOO_LARGE, "too_long", Some(text));
        }
        (Some(text), None) if !text.trim().is_empty() => Input::Text { text },
        (None, Some(id))
            if id.len() <= 128 && posted.at.as_ref().is_none_or(|a| a.len() <= 128) =>
        {
            Input::Choice { id, at: posted.at }
        }
        _ => return invalid(),
    };
    let api = &shared.api;
    let inbound = Inbound {
        channel: ChannelKind::Web,
        message_id: message_key(&user, &posted.id),
        user: ChannelUserId::new(user),
        lang_hint: posted.lang.as_deref().and_then(Lang::from_tag),
        input,
        received_at: api.clock.now(),
    };
    let ingest = Ingest {
        store: api.store.clone(),
        operators: None,
        clock: api.clock.clone(),
        metrics: api.metrics.clone(),
    };
    let update = Update::Citizen { inbound, after: () };
    match ingest.batch(&api.flows.get(), vec![update]).await {
        Ok(_) => (
            StatusCode::ACCEPTED,
            axum::Json(json!({ "accepted": true })),
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "cannot store a web chat message");
            refusal(StatusCode::SERVICE_UNAVAILABLE, "unavailable", None)
        }
    }
}

/// The caller's address for the limits. Behind the reverse proxy on the same machine (a
/// connection from the loopback), it is the last address of `X-Forwarded-For`, the one the
/// proxy added; a client cannot forge that one, only those before it.
fn caller(peer: SocketAddr, headers: &HeaderMap) -> IpAddr {
    if !peer.ip().is_loopback() {
        return peer.ip();
    }
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .next_back()
        .and_then(|last| last.trim().parse().ok())
        .unwrap_or(peer.ip())
}

/// The channel's id of a message: the widget's id, made unique across citizens without
/// writing the citizen's id a second time.
fn message_key(user: &str, id: &str) -> String {
    let digest = Sha256::digest(format!("{user}\n{id}").as_bytes());
    hex::encode(&digest[..16])
}

/// An event id: the conversation and the reply's place in it.
fn event_id(at: WebCursor) -> String {
    format!("{}-{}", at.conversation_id, at.seq)
}

fn parse_event_id(text: &str) -> Option<WebCursor> {
    let (conversation, seq) = text.trim().split_once('-')?;
    Some(WebCursor {
        conversation_id: crate::ids::ConversationId(conversation.parse().ok()?),
        seq: seq.parse().ok()?,
    })
}

/// `GET /webchat/events`: the citizen's replies as server-sent events. With `Last-Event-ID`,
/// those after it; without, those from now on (a `ready` event carries where that is).
async fn events(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    let Some(user) = citizen(&headers) else {
        return refusal(StatusCode::BAD_REQUEST, "invalid", None);
    };
    let channel_user = ChannelUserId::new(user.clone());
    let resume = headers.get("last-event-id").map(|v| {
        v.to_str()
            .ok()
            .and_then(parse_event_id)
            .ok_or(StatusCode::BAD_REQUEST)
    });
    let cursor = match resume {
        Some(Ok(cursor)) => cursor,
        Some(Err(status)) => return refusal(status, "invalid", None),
        None => match shared.api.store.web_cursor(&channel_user).await {
            Ok(cursor) => cursor,
            Err(e) => {
                tracing::error!(error = %e, "cannot read where a web chat stands");
                return refusal(StatusCode::SERVICE_UNAVAILABLE, "unavailable", None);
            }
        },
    };
    let watch = Watch {
        notify: shared.api.chat.watch(&user),
        stopping: shared.api.stopping.clone(),
        shared,
        user: channel_user,
        cursor,
        ready: true,
    };
    let stream = futures_util::stream::unfold(watch, Watch::next)
        .flat_map(|events| futures_util::stream::iter(events.into_iter().map(Ok::<_, Infallible>)));
    Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response()
}

/// An open stream: what it has sent so far.
struct Watch {
    shared: Arc<Shared>,
    notify: Arc<tokio::sync::Notify>,
    stopping: watch::Receiver<bool>,
    user: ChannelUserId,
    cursor: WebCursor,
    /// The `ready` event is still to be sent.
    ready: bool,
}

impl Watch {
    /// The replies after the cursor once there are any; waits for a delivery in this process,
    /// the poll interval or the service's stop. A failed read is tried again at the next turn.
    async fn next(mut self) -> Option<(Vec<Event>, Watch)> {
        if std::mem::take(&mut self.ready) {
            let ready = Event::default()
                .event("ready")
                .id(event_id(self.cursor))
                .data("{}");
            return Some((vec![ready], self));
        }
        loop {
            let notify = self.notify.clone();
            let notified = notify.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let store = &self.shared.api.store;
            let mut wait = POLL;
            match store
                .web_replies_after(&self.user, self.cursor, REPLIES_AT_ONCE)
                .await
            {
                Ok(rows) => {
                    let mut events = Vec::new();
                    for row in rows {
                        let reply = serde_json::from_str::<Reply>(&row.payload).ok();
                        if row.pending && reply.as_ref().is_some_and(|r| r.attachment.is_some()) {
                            // An export shows once delivered, with its download.
                            wait = EXPORT_POLL;
                            break;
                        }
                        self.cursor = row.at;
                        if let Some(reply) = reply {
                            events.push(self.reply_event(&row, &reply));
                        }
                    }
                    if !events.is_empty() {
                        return Some((events, self));
                    }
                }
                Err(e) => tracing::warn!(error = %e, "cannot read a web chat's replies"),
            }
            let mut stopping = self.stopping.clone();
            tokio::select! {
                _ = &mut notified => {}
                _ = tokio::time::sleep(wait) => {}
                _ = stopping.wait_for(|stop| *stop) => return None,
            }
        }
    }

    fn reply_event(&self, row: &WebReply, reply: &Reply) -> Event {
        let choices: Vec<_> = reply
            .choices
            .iter()
            .map(|c| json!({ "id": c.id, "label": c.label, "url": c.url }))
            .collect();
        let mut data = json!({ "text": reply.text, "choices": choices, "at": reply.at });
        if let Some(sent) = row.sent_id.as_deref().filter(|s| is_download(s)) {
            match self.shared.api.chat.download(self.user.expose(), sent) {
                Some(kept) => {
                    data["text"] = kept.text.into();
                    data["download"] = json!({ "key": sent, "filename": kept.file.filename });
                }
                None => data["expired"] = true.into(),
            }
        }
        Event::default()
            .event("reply")
            .id(event_id(row.at))
            .data(data.to_string())
    }
}

/// `GET /webchat/download/{key}`: a data export, to its citizen only, while it is kept.
async fn download(
    State(shared): State<Arc<Shared>>,
    Path(key): Path<String>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Response {
    let lang = query.lang();
    let kept = citizen(&headers).and_then(|user| shared.api.chat.download(&user, &key));
    let Some(kept) = kept else {
        let text = shared.text(lang, "webchat-download-expired", &[]);
        return refusal(StatusCode::NOT_FOUND, "expired", Some(text));
    };
    let filename: String = kept
        .file
        .filename
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        .collect();
    let disposition = format!("attachment; filename=\"{filename}\"");
    let mut answer = kept.file.content.into_response();
    let headers = answer.headers_mut();
    for (name, value) in [
        (header::CONTENT_TYPE, kept.file.mime.as_str()),
        (header::CONTENT_DISPOSITION, disposition.as_str()),
    ] {
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(name, value);
        }
    }
    answer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_ids_name_the_conversation_and_the_place_and_read_back() {
        let at = WebCursor {
            conversation_id: crate::ids::ConversationId(42),
            seq: 7,
        };
        assert_eq!(event_id(at), "42-7");
        assert_eq!(parse_event_id("42-7"), Some(at));
        for bad in ["", "42", "x-1", "1-", "1-2-3"] {
            assert_eq!(parse_event_id(bad), None, "{bad}");
        }
    }

    #[test]
    fn ids_are_letters_digits_dashes_and_underscores_within_their_lengths() {
        assert!(well_formed("0b7a6f3e-4c1d-4b8e-9f00-123456789abc", 16));
        assert!(!well_formed("short", 16));
        assert!(!well_formed(&"a".repeat(65), 16));
        assert!(!well_formed("0b7a6f3e 4c1d 4b8e 9f00", 16));
        assert!(!well_formed("", 1));
    }

    #[test]
    fn behind_the_local_proxy_the_address_is_the_one_the_proxy_added() {
        let mut headers = HeaderMap::new();
        headers.append(
            "x-forwarded-for",
            HeaderValue::from_static("10.9.9.9, 203.0.113.7"),
        );
        let local: SocketAddr = "127.0.0.1:5000".parse().unwrap();
        let remote: SocketAddr = "198.51.100.1:5000".parse().unwrap();
        assert_eq!(
            caller(local, &headers),
            "203.0.113.7".parse::<IpAddr>().unwrap()
        );
        assert_eq!(
            caller(remote, &headers),
            remote.ip(),
            "only the local proxy is believed"
        );
        assert_eq!(caller(local, &HeaderMap::new()), local.ip());
        headers.insert(
            "x-forwarded-for",
            HeaderValue::from_static("not an address"),
        );
        assert_eq!(caller(local, &headers), local.ip());
    }

    #[test]
    fn message_keys_differ_between_citizens_for_the_same_widget_id() {
        let a = message_key("citizen-aaaaaaaaaaaa", "m1");
        assert_eq!(a, message_key("citizen-aaaaaaaaaaaa", "m1"));
        assert_ne!(a, message_key("citizen-bbbbbbbbbbbb", "m1"));
        assert!(!a.contains("citizen"));
    }
}
