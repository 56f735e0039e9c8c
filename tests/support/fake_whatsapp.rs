//! A fake WhatsApp Cloud API (Graph API) on loopback: `POST /{version}/{phone_number_id}/messages`
//! records each message the bot sends and answers with a fresh `wamid`, or with an injected
//! error (rate limit 130429, re-engagement 131047, server error). In light mode, for the load
//! harness, it only reports to whom and when each message arrived.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Value, json};
use tokio::sync::Notify;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

pub const VERSION: &str = "v23.0";
pub const TOKEN: &str = "EAAG-test-access-token";
/// The service's settings the tests use against the fake (`service_vars`).
pub const PHONE_NUMBER_ID: &str = "106540352242922";
pub const APP_SECRET: &str = "0123456789abcdef0123456789abcdef";
pub const VERIFY_TOKEN: &str = "verify-me-please";
pub const TEMPLATE: &str = "risposta_comune";
/// WhatsApp's limits on an image and on a caption.
pub const IMAGE_MAX_BYTES: usize = 5 * 1024 * 1024;
pub const CAPTION_MAX: usize = 1024;

use crate::multipart;

/// The number's throughput as the fake enforces it (`FakeWhatsApp::enforce`): more than
/// `per_second` messages accepted in any 1-second window (sliding, by arrival) is refused
/// with HTTP 429 and the Cloud API's throughput error 130429, and not counted as a message.
/// The Cloud API's default is 80 messages a second per business number.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub per_second: u32,
}

impl Limits {
    pub fn cloud_api() -> Limits {
        Limits { per_second: 80 }
    }
}

struct Limiter {
    limits: Limits,
    recent: VecDeque<Instant>,
    refused: u64,
}

impl Limiter {
    fn admit(&mut self, now: Instant) -> bool {
        while self
            .recent
            .front()
            .is_some_and(|&t| now.saturating_duration_since(t) >= Duration::from_secs(1))
        {
            self.recent.pop_front();
        }
        if self.recent.len() >= self.limits.per_second as usize {
            self.refused += 1;
            return false;
        }
        self.recent.push_back(now);
        true
    }
}

/// A failure to answer the next send with.
#[derive(Debug, Clone, Copy)]
pub enum Fault {
    /// HTTP 429 with error code 130429 (throughput reached).
    RateLimited,
    /// HTTP 400 with error code 131047 (more than 24 hours since the citizen wrote).
    ReEngagement,
    /// HTTP 500 with error code 131000.
    ServerError,
    /// Accepted and recorded at once, but answered only after this long: the message is
    /// on its way before the bot knows its `wamid`.
    SlowAnswer(Duration),
}

/// One message the bot sent.
#[derive(Debug, Clone)]
pub struct Sent {
    pub to: String,
    pub phone_number_id: String,
    pub wamid: String,
    pub body: Value,
}

impl Sent {
    /// `text`, `interactive`, `template`...
    pub fn kind(&self) -> &str {
        self.body["type"].as_str().unwrap_or_default()
    }

    /// `button` or `list` for an interactive message.
    pub fn interactive_kind(&self) -> &str {
        self.body["interactive"]["type"]
            .as_str()
            .unwrap_or_default()
    }

    /// The text the citizen reads: a text's body or an interactive message's body.
    pub fn text(&self) -> String {
        self.body["text"]["body"]
            .as_str()
            .or_else(|| self.body["interactive"]["body"]["text"].as_str())
            .unwrap_or_default()
            .to_owned()
    }

    /// (id, title) of each reply button or list row.
    pub fn options(&self) -> Vec<(String, String)> {
        let pair = |v: &Value| {
            (
                v["id"].as_str().unwrap_or_default().to_owned(),
                v["title"].as_str().unwrap_or_default().to_owned(),
            )
        };
        let action = &self.body["interactive"]["action"];
        if let Some(buttons) = action["buttons"].as_array() {
            return buttons.iter().map(|b| pair(&b["reply"])).collect();
        }
        action["sections"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|s| s["rows"].as_array().into_iter().flatten())
            .map(pair)
            .collect()
    }
}

/// A message the bot sent, as the load harness sees it: to whom, and when it arrived.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub to: String,
    pub at: Instant,
    /// The id the fake gave the message, which delivery statuses refer to.
    pub wamid: String,
}

#[derive(Default)]
struct Inner {
    sent: Vec<Sent>,
    faults: VecDeque<Fault>,
    refused: usize,
    unauthorised: usize,
    next: u64,
    /// Texts left out of `sent` and what builds on it (see `hide_texts`).
    hidden: Vec<String>,
    uploads: Vec<Upload>,
    /// Media ids WhatsApp no longer holds (see `expire_media`).
    expired: Vec<String>,
    /// Uploads answered "Media upload error" (see `refuse_uploads`).
    refuse_uploads: bool,
}

/// A file the bot uploaded (`POST /{version}/{phone}/media`), to send as a document.
#[derive(Debug, Clone)]
pub struct Upload {
    /// The media id the fake answered with.
    pub id: String,
    pub filename: String,
    pub mime: String,
    /// The bytes, as text (a data export is JSON).
    pub content: String,
    pub bytes: Vec<u8>,
}

#[derive(Clone)]
pub struct FakeWhatsApp {
    inner: Arc<Mutex<Inner>>,
    ready: Arc<Notify>,
    /// Light mode, for load runs: nothing is kept and no lock is taken; each message is
    /// reported as a [`Delivery`] as it arrives, so that the fake is not the bottleneck.
    deliveries: Option<UnboundedSender<Delivery>>,
    /// The last `wamid` number given in light mode.
    light_ids: Arc<AtomicU64>,
    /// The throughput limit, when enforced.
    limiter: Arc<Mutex<Option<Limiter>>>,
    pub addr: SocketAddr,
}

impl FakeWhatsApp {
    pub async fn start() -> FakeWhatsApp {
        FakeWhatsApp::start_with(None).await
    }

    /// A fake for load runs: it records nothing (`sent` stays empty, faults are not
    /// injected) and reports each message as a [`Delivery`] on the returned channel instead.
    pub async fn start_light() -> (FakeWhatsApp, UnboundedReceiver<Delivery>) {
        let (sender, receiver) = unbounded_channel();
        (FakeWhatsApp::start_with(Some(sender)).await, receiver)
    }

    async fn start_with(deliveries: Option<UnboundedSender<Delivery>>) -> FakeWhatsApp {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a loopback port");
        let fake = FakeWhatsApp {
            inner: Arc::new(Mutex::new(Inner::default())),
            ready: Arc::new(Notify::new()),
            deliveries,
            light_ids: Arc::new(AtomicU64::new(0)),
            limiter: Arc::new(Mutex::new(None)),
            addr: listener.local_addr().unwrap(),
        };
        let app = Router::new()
            .route("/{version}/{phone}/messages", post(messages))
            .route("/{version}/{phone}/media", post(media))
            // Uploads over WhatsApp's limit reach the handler, which refuses them in Meta's words.
            .layer(axum::extract::DefaultBodyLimit::max(4 * IMAGE_MAX_BYTES))
            .with_state(fake.clone());
        tokio::spawn(async move { axum::serve(listener, app).await.ok() });
        fake
    }

    /// The value for `whatsapp_api_url`: the fake with the Graph API version.
    pub fn url(&self) -> String {
        format!("http://{}/{VERSION}", self.addr)
    }

    /// From now on, refuses messages over `limits` with the throughput error (see [`Limits`]).
    pub fn enforce(&self, limits: Limits) {
        *self.limiter.lock().unwrap() = Some(Limiter {
            limits,
            recent: VecDeque::new(),
            refused: 0,
        });
    }

    /// How many messages the enforced limit refused (injected faults not counted).
    pub fn throughput_refused(&self) -> u64 {
        self.limiter
            .lock()
            .unwrap()
            .as_ref()
            .map_or(0, |l| l.refused)
    }

    /// The next sends fail like this, in order.
    pub fn fail(&self, faults: impl IntoIterator<Item = Fault>) {
        self.inner.lock().unwrap().faults.extend(faults);
    }

    /// Leaves messages with exactly these texts out of `sent`, `sent_to`, `wait_sent` and
    /// `settle`: for tests about something else than, say, the privacy notice a new citizen
    /// gets once. `all_sent` still has them.
    pub fn hide_texts(&self, texts: impl IntoIterator<Item = String>) {
        self.inner.lock().unwrap().hidden.extend(texts);
    }

    /// Everything sent, hidden texts included.
    pub fn all_sent(&self) -> Vec<Sent> {
        self.inner.lock().unwrap().sent.clone()
    }

    pub fn sent(&self) -> Vec<Sent> {
        let inner = self.inner.lock().unwrap();
        inner
            .sent
            .iter()
            .filter(|s| !inner.hidden.contains(&s.text()))
            .cloned()
            .collect()
    }

    pub fn sent_to(&self, to: &str) -> Vec<Sent> {
        self.sent().into_iter().filter(|s| s.to == to).collect()
    }

    /// The settings of the service's WhatsApp channel against this fake, as environment
    /// variables; pacing is set high (it is tested on its own, and would only slow tests).
    pub fn service_vars(&self) -> Vec<(String, String)> {
        [
            ("SPORTELLO_WHATSAPP_API_URL", self.url()),
            ("SPORTELLO_WHATSAPP_PHONE_NUMBER_ID", PHONE_NUMBER_ID.into()),
            ("SPORTELLO_WHATSAPP_ACCESS_TOKEN", TOKEN.into()),
            ("SPORTELLO_WHATSAPP_APP_SECRET", APP_SECRET.into()),
            ("SPORTELLO_WHATSAPP_VERIFY_TOKEN", VERIFY_TOKEN.into()),
            ("SPORTELLO_WHATSAPP_TEMPLATE_NAME", TEMPLATE.into()),
            ("SPORTELLO_WHATSAPP_TEMPLATE_LANG", "it".into()),
            ("SPORTELLO_WHATSAPP_RATE", "1000".into()),
            ("SPORTELLO_WHATSAPP_CITIZEN_RATE", "1000".into()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
    }

    /// Files uploaded, in order.
    pub fn uploads(&self) -> Vec<Upload> {
        self.inner.lock().unwrap().uploads.clone()
    }

    /// Sends answered with an injected error.
    /// From now on, a message naming media `id` is refused, as WhatsApp refuses media it no
    /// longer holds (uploads are kept 30 days).
    pub fn expire_media(&self, id: &str) {
        self.inner.lock().unwrap().expired.push(id.to_owned());
    }

    /// From now on, every upload is refused with "Media upload error" (131053), as WhatsApp
    /// answers a file it cannot process.
    pub fn refuse_uploads(&self) {
        self.inner.lock().unwrap().refuse_uploads = true;
    }

    pub fn refused(&self) -> usize {
        self.inner.lock().unwrap().refused
    }

    /// Sends without the right access token.
    pub fn unauthorised(&self) -> usize {
        self.inner.lock().unwrap().unauthorised
    }

    /// Waits until at least `n` messages went to `to`, or panics after `timeout`.
    pub async fn wait_sent(&self, to: &str, n: usize, timeout: Duration) -> Vec<Sent> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let notified = self.ready.notified();
            let sent = self.sent_to(to);
            if sent.len() >= n {
                return sent;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                panic!(
                    "expected {n} messages to {to}, got {}: {:#?}",
                    sent.len(),
                    sent
                );
            }
        }
    }

    /// Waits `quiet` and returns what went to `to` meanwhile: for "nothing more was sent".
    pub async fn settle(&self, to: &str, quiet: Duration) -> Vec<Sent> {
        tokio::time::sleep(quiet).await;
        self.sent_to(to)
    }
}

/// The request carries the access token the fake expects.
fn authorised(headers: &HeaderMap) -> bool {
    headers
        .get("authorization")
        .is_some_and(|v| v.as_bytes() == format!("Bearer {TOKEN}").as_bytes())
}

fn graph_error(status: StatusCode, code: i64, message: &str) -> Response {
    (
        status,
        axum::Json(json!({ "error": {
            "message": message, "type": "OAuthException", "code": code,
            "error_data": { "messaging_product": "whatsapp", "details": message },
            "fbtrace_id": "AbCdEf" } })),
    )
        .into_response()
}

async fn messages(
    State(fake): State<FakeWhatsApp>,
    Path((_version, phone)): Path<(String, String)>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let arrived = Instant::now();
    let authorised = authorised(&headers);
    let admitted = fake
        .limiter
        .lock()
        .unwrap()
        .as_mut()
        .is_none_or(|l| l.admit(arrived));
    if !admitted {
        return graph_error(
            StatusCode::TOO_MANY_REQUESTS,
            130429,
            "(#130429) Rate limit hit: Cloud API message throughput has been reached",
        );
    }
    if let Some(deliveries) = &fake.deliveries {
        return light(&fake, deliveries, authorised, &body);
    }
    let (to, wamid, slow) = match accept(&fake, phone, authorised, &body) {
        Ok(accepted) => accepted,
        Err((status, code, message)) => return graph_error(status, code, message),
    };
    fake.ready.notify_waiters();
    if let Some(delay) = slow {
        tokio::time::sleep(delay).await;
    }
    (
        StatusCode::OK,
        axum::Json(json!({
            "messaging_product": "whatsapp",
            "contacts": [{ "input": to, "wa_id": to }],
            "messages": [{ "id": wamid }],
        })),
    )
        .into_response()
}

/// A Graph API error: HTTP status, error code, message.
type Refusal = (StatusCode, i64, &'static str);

/// Records a message the bot sent, or refuses it (an injected fault, a bad token or body):
/// its recipient, its `wamid`, and how long to wait before answering.
fn accept(
    fake: &FakeWhatsApp,
    phone: String,
    authorised: bool,
    body: &[u8],
) -> Result<(String, String, Option<Duration>), Refusal> {
    const INVALID: Refusal = (StatusCode::BAD_REQUEST, 100, "Invalid parameter");
    let mut inner = fake.inner.lock().unwrap();
    if !authorised {
        inner.unauthorised += 1;
        return Err((StatusCode::UNAUTHORIZED, 190, "Invalid OAuth access token"));
    }
    let mut slow = None;
    let refusal = match inner.faults.pop_front() {
        None => None,
        Some(Fault::SlowAnswer(delay)) => {
            slow = Some(delay);
            None
        }
        Some(Fault::RateLimited) => Some((StatusCode::TOO_MANY_REQUESTS, 130429, "Rate limit hit")),
        Some(Fault::ReEngagement) => {
            Some((StatusCode::BAD_REQUEST, 131047, "Re-engagement message"))
        }
        Some(Fault::ServerError) => Some((
            StatusCode::INTERNAL_SERVER_ERROR,
            131000,
            "Something went wrong",
        )),
    };
    if let Some(refusal) = refusal {
        inner.refused += 1;
        return Err(refusal);
    }
    let body = serde_json::from_slice::<Value>(body).map_err(|_| INVALID)?;
    if body["messaging_product"] != "whatsapp" || !body["to"].is_string() {
        return Err(INVALID);
    }
    if body["type"] == "image" {
        // By the id of an upload that WhatsApp still holds, with a caption it accepts.
        let id = body["image"]["id"].as_str().unwrap_or_default();
        let held =
            inner.uploads.iter().any(|u| u.id == id) && !inner.expired.iter().any(|e| e == id);
        if !held {
            inner.refused += 1;
            return Err((StatusCode::BAD_REQUEST, 131053, "Media upload error"));
        }
        let caption = body["image"]["caption"].as_str().unwrap_or_default();
        if caption.chars().count() > CAPTION_MAX {
            return Err(INVALID);
        }
    }
    inner.next += 1;
    let wamid = format!("wamid.FAKE{:06}", inner.next);
    let to = body["to"].as_str().unwrap_or_default().to_owned();
    inner.sent.push(Sent {
        to: to.clone(),
        phone_number_id: phone,
        wamid: wamid.clone(),
        body,
    });
    Ok((to, wamid, slow))
}

/// Light mode: the recipient read from the body, a fresh `wamid` from a counter, no lock.
fn light(
    fake: &FakeWhatsApp,
    deliveries: &UnboundedSender<Delivery>,
    authorised: bool,
    body: &[u8],
) -> Response {
    #[derive(serde::Deserialize)]
    struct Recipient<'a> {
        #[serde(borrow)]
        to: &'a str,
    }
    let at = Instant::now();
    if !authorised {
        return graph_error(StatusCode::UNAUTHORIZED, 190, "Invalid OAuth access token");
    }
    let Ok(Recipient { to }) = serde_json::from_slice::<Recipient>(body) else {
        return graph_error(StatusCode::BAD_REQUEST, 100, "Invalid parameter");
    };
    let n = fake.light_ids.fetch_add(1, Ordering::Relaxed) + 1;
    let wamid = format!("wamid.FAKE{n:06}");
    let answer = format!(
        r#"{{"messaging_product":"whatsapp","contacts":[{{"input":"{to}","wa_id":"{to}"}}],"messages":[{{"id":"{wamid}"}}]}}"#
    );
    let _ = deliveries.send(Delivery {
        to: to.to_owned(),
        at,
        wamid,
    });
    (
        StatusCode::OK,
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        answer,
    )
        .into_response()
}

/// `POST /{version}/{phone}/media`: a multipart form with `messaging_product`, `type` and the
/// `file`; answers with a media id.
async fn media(
    State(fake): State<FakeWhatsApp>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    if !authorised(&headers) {
        return graph_error(StatusCode::UNAUTHORIZED, 190, "Invalid OAuth access token");
    }
    let parts = multipart::parts(&body);
    let part = |name: &str| parts.iter().find(|p| p.name == name);
    let (Some("whatsapp"), Some(file)) = (
        part("messaging_product").map(|p| p.text()).as_deref(),
        part("file"),
    ) else {
        return graph_error(StatusCode::BAD_REQUEST, 100, "Invalid parameter");
    };
    if fake.inner.lock().unwrap().refuse_uploads {
        return graph_error(StatusCode::BAD_REQUEST, 131053, "Media upload error");
    }
    let mime = file.content_type.clone().unwrap_or_default();
    if mime.starts_with("image/") {
        // Images: JPEG or PNG only, as their bytes show, up to 5 MB.
        if !matches!(mime.as_str(), "image/jpeg" | "image/png")
            || !multipart::is_png_or_jpeg(&file.bytes)
        {
            return graph_error(
                StatusCode::BAD_REQUEST,
                100,
                "(#100) Param file must be a file with one of the following types: image/jpeg, image/png",
            );
        }
        if file.bytes.len() > IMAGE_MAX_BYTES {
            return graph_error(StatusCode::BAD_REQUEST, 131053, "Media upload error");
        }
    }
    let (filename, content, bytes) = (
        file.filename.clone().unwrap_or_default(),
        file.text(),
        file.bytes.clone(),
    );
    let mut inner = fake.inner.lock().unwrap();
    inner.next += 1;
    let id = format!("media-{}", inner.next);
    inner.uploads.push(Upload {
        id: id.clone(),
        filename,
        mime,
        content,
        bytes,
    });
    axum::Json(json!({ "id": id })).into_response()
}
