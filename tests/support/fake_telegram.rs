//! A fake Telegram Bot API server on loopback, for tests and the load harness: it queues
//! updates for `getUpdates`, records what the bot sends, and can be told to misbehave.

// Shared by tests/telegram.rs and benches/telegram.rs, each of which uses only a part.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Value, json};
use tokio::sync::Notify;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

use crate::multipart;

/// Telegram's limits on a photo sent by upload, and on a caption.
pub const PHOTO_MAX_BYTES: usize = 10 * 1024 * 1024;
pub const CAPTION_MAX: usize = 1024;

/// Telegram's limits as the fake enforces them (`FakeTelegram::enforce`), on every method that
/// sends a message (`sendMessage`, `sendPhoto`, `sendDocument`, `copyMessage`,
/// `forwardMessage`). Overall: more than `global` messages accepted in any 1-second window
/// (sliding, by the time each call arrives) is refused. Per chat: a token bucket of
/// `chat_burst` tokens refilled at `chat_per_second`, so a short burst passes and the pace to
/// one chat is one a second. A refusal is Telegram's 429 with `retry_after` (whole seconds,
/// at least 1) and is not counted as a message.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub global: u32,
    pub chat_burst: f64,
    pub chat_per_second: f64,
}

impl Limits {
    /// Telegram's published limits: about 30 messages a second, 1 a second to one chat.
    pub fn telegram() -> Limits {
        Limits {
            global: 30,
            chat_burst: 3.0,
            chat_per_second: 1.0,
        }
    }

    /// The same per-chat limits with another overall cap (a bench's configured cap).
    pub fn with_global(global: u32) -> Limits {
        Limits {
            global,
            ..Limits::telegram()
        }
    }
}

/// The state of the enforced limits.
struct Limiter {
    limits: Limits,
    /// When each message accepted in the last second arrived.
    recent: VecDeque<Instant>,
    chats: std::collections::HashMap<i64, (f64, Instant)>,
    refused: u64,
}

impl Limiter {
    /// Admits a message to `chat` arriving at `now`, or says how many seconds to wait.
    fn admit(&mut self, chat: i64, now: Instant) -> Result<(), u64> {
        let second = Duration::from_secs(1);
        while self
            .recent
            .front()
            .is_some_and(|&t| now.saturating_duration_since(t) >= second)
        {
            self.recent.pop_front();
        }
        let limits = self.limits;
        let (tokens, at) = self.chats.entry(chat).or_insert((limits.chat_burst, now));
        let refilled = (*tokens
            + now.saturating_duration_since(*at).as_secs_f64() * limits.chat_per_second)
            .min(limits.chat_burst);
        if self.recent.len() >= limits.global as usize {
            self.refused += 1;
            return Err(1);
        }
        if refilled < 1.0 {
            self.refused += 1;
            let wait = (1.0 - refilled) / limits.chat_per_second;
            return Err((wait.ceil() as u64).max(1));
        }
        *tokens = refilled - 1.0;
        *at = now;
        self.recent.push_back(now);
        Ok(())
    }
}

/// A failure to inject into the next calls of a method.
#[derive(Debug, Clone)]
pub enum Fault {
    /// 429 with `retry_after` seconds.
    TooManyRequests(u32),
    /// 500 Internal Server Error.
    ServerError,
    /// 403: the citizen blocked the bot.
    Blocked,
    /// Answer only after this long.
    Slow(Duration),
    /// Hang for this long, then answer 504 without having done anything: a call that timed
    /// out before Telegram acted on it.
    Timeout(Duration),
    /// 400: the forum topic was deleted.
    ThreadNotFound,
    /// 400: Telegram could not process the photo.
    PhotoRefused,
}

/// Faults drawn at random for a share of all calls, whatever the method.
#[derive(Debug, Clone)]
struct RandomFaults {
    /// Out of 1,000,000 calls.
    per_million: u64,
    faults: Vec<Fault>,
    state: u64,
    injected: usize,
}

impl RandomFaults {
    fn draw(&mut self) -> Option<Fault> {
        let mut next = || {
            // splitmix64: deterministic for a seed, no dependency.
            self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut x = self.state;
            x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            x ^ (x >> 31)
        };
        if next() % 1_000_000 >= self.per_million || self.faults.is_empty() {
            return None;
        }
        self.injected += 1;
        let i = (next() % self.faults.len() as u64) as usize;
        Some(self.faults[i].clone())
    }
}

#[derive(Debug, Clone)]
pub struct Sent {
    pub chat_id: i64,
    /// The id the fake gave the message, as the bot records it.
    pub message_id: i64,
    pub text: String,
    /// (label, callback data or url) of each button, in order.
    pub buttons: Vec<(String, String)>,
    /// The forum topic it was sent to, if any.
    pub thread: Option<i64>,
}

/// A forum topic the bot created.
#[derive(Debug, Clone)]
pub struct Topic {
    pub chat_id: i64,
    pub thread: i64,
    pub name: String,
}

/// A file the bot sent with `sendDocument`.
#[derive(Debug, Clone)]
pub struct Document {
    pub chat_id: i64,
    pub filename: String,
    pub content: String,
    pub caption: Option<String>,
}

/// A message the bot sent, as the load harness sees it: to whom, and when it arrived.
#[derive(Debug, Clone, Copy)]
pub struct Delivery {
    pub chat_id: i64,
    pub at: Instant,
}

#[derive(Default)]
struct Inner {
    /// Queued updates as (update_id, serialised JSON): serialised once when queued, so a
    /// `getUpdates` answer is a string join rather than a JSON round trip.
    updates: VecDeque<(i64, String)>,
    next_update_id: i64,
    sent: Vec<Sent>,
    documents: Vec<Document>,
    calls: Vec<(String, Value)>,
    faults: VecDeque<(String, Fault)>,
    random_faults: Option<RandomFaults>,
    next_message_id: i64,
    topics: Vec<Topic>,
    /// Topics deleted by a test: messages to them answer "message thread not found".
    deleted_topics: Vec<i64>,
    photos: Vec<SentPhoto>,
    /// Photos' file ids Telegram no longer accepts (see `expire_file`).
    expired_files: Vec<String>,
    uploads: u64,
}

/// A photo the bot sent: uploaded (`upload` holds the bytes, `file_id` the id Telegram gave
/// it) or by a file id Telegram already holds.
#[derive(Debug, Clone)]
pub struct SentPhoto {
    pub chat_id: i64,
    pub message_id: i64,
    pub thread: Option<i64>,
    pub file_id: String,
    pub caption: String,
    pub upload: Option<Vec<u8>>,
}

#[derive(Clone)]
pub struct FakeTelegram {
    inner: Arc<Mutex<Inner>>,
    updates_ready: Arc<Notify>,
    sent_ready: Arc<Notify>,
    /// Light mode, for load runs: no call log and no message texts, only each sent message's
    /// chat and arrival time, handed over as it arrives. The harness needs nothing more, and
    /// keeping less keeps the fake from being the bottleneck.
    deliveries: Option<UnboundedSender<Delivery>>,
    /// Telegram's limits, when enforced.
    limiter: Arc<Mutex<Option<Limiter>>>,
    pub addr: SocketAddr,
}

impl FakeTelegram {
    /// From now on, answers 429 to messages over `limits` (see [`Limits`]).
    pub fn enforce(&self, limits: Limits) {
        *self.limiter.lock().unwrap() = Some(Limiter {
            limits,
            recent: VecDeque::new(),
            chats: std::collections::HashMap::new(),
            refused: 0,
        });
    }

    /// How many messages the enforced limits refused with 429 (injected faults not counted).
    pub fn too_many_requests(&self) -> u64 {
        self.limiter
            .lock()
            .unwrap()
            .as_ref()
            .map_or(0, |l| l.refused)
    }

    /// Admits a message under the enforced limits, or returns the 429 to answer.
    fn over_limit(&self, method: &str, body: &[u8], arrived: Instant) -> Option<Response> {
        const SENDS: &[&str] = &[
            "sendmessage",
            "sendphoto",
            "senddocument",
            "copymessage",
            "forwardmessage",
        ];
        if !SENDS.contains(&method) {
            return None;
        }
        let mut limiter = self.limiter.lock().unwrap();
        let limiter = limiter.as_mut()?;
        let chat = chat_of(body);
        let wait = limiter.admit(chat, arrived).err()?;
        Some(error(
            StatusCode::TOO_MANY_REQUESTS,
            &format!("Too Many Requests: retry after {wait}"),
            Some(json!({ "retry_after": wait })),
        ))
    }

    pub async fn start() -> FakeTelegram {
        FakeTelegram::start_with(None).await
    }

    /// A fake for load runs: it records no calls and no message texts, and reports each
    /// `sendMessage` as a [`Delivery`] on the returned channel instead.
    pub async fn start_light() -> (FakeTelegram, UnboundedReceiver<Delivery>) {
        let (sender, receiver) = unbounded_channel();
        (FakeTelegram::start_with(Some(sender)).await, receiver)
    }

    async fn start_with(deliveries: Option<UnboundedSender<Delivery>>) -> FakeTelegram {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a loopback port");
        let addr = listener.local_addr().unwrap();
        let fake = FakeTelegram {
            inner: Arc::new(Mutex::new(Inner {
                next_update_id: 1000,
                next_message_id: 1,
                ..Inner::default()
            })),
            updates_ready: Arc::new(Notify::new()),
            sent_ready: Arc::new(Notify::new()),
            deliveries,
            limiter: Arc::new(Mutex::new(None)),
            addr,
        };
        // Bodies up to twice the photo limit reach the handler, which refuses what is over it
        // in Telegram's words.
        let app = Router::new()
            .route("/{token}/{method}", post(api))
            .layer(axum::extract::DefaultBodyLimit::max(2 * PHOTO_MAX_BYTES))
            .with_state(fake.clone());
        tokio::spawn(async move { axum::serve(listener, app).await.ok() });
        fake
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Queues an update; `kind` is `message` or `callback_query`. Returns its update id.
    pub fn push(&self, kind: &str, body: Value) -> i64 {
        let mut inner = self.inner.lock().unwrap();
        let id = inner.next_update_id;
        inner.next_update_id += 1;
        let update = json!({ "update_id": id, kind: body }).to_string();
        inner.updates.push_back((id, update));
        drop(inner);
        self.updates_ready.notify_waiters();
        id
    }

    /// Queues an update with a given id (to deliver one twice).
    pub fn push_raw(&self, update: Value) {
        let id = update["update_id"].as_i64().unwrap_or(0);
        self.inner
            .lock()
            .unwrap()
            .updates
            .push_back((id, update.to_string()));
        self.updates_ready.notify_waiters();
    }

    /// A private message from `chat` with a photo, in the sizes whose file ids are given
    /// (smallest first, as Telegram sends them).
    pub fn photo(&self, chat: i64, lang: &str, file_ids: &[&str]) -> i64 {
        let sizes: Vec<Value> = file_ids
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let side = 90 * (i + 1);
                json!({ "file_id": id, "file_unique_id": format!("u-{id}"), "width": side, "height": side })
            })
            .collect();
        self.push(
            "message",
            json!({
                "message_id": 1, "date": 1_700_000_000,
                "chat": { "id": chat, "type": "private", "first_name": "Cittadino" },
                "from": { "id": chat, "is_bot": false, "first_name": "Cittadino", "language_code": lang },
                "photo": sizes,
            }),
        )
    }

    /// From now on, sending a photo by `file_id` is refused as Telegram refuses an id it does
    /// not know ("wrong file identifier").
    pub fn expire_file(&self, file_id: &str) {
        self.inner
            .lock()
            .unwrap()
            .expired_files
            .push(file_id.to_string());
    }

    /// The photos sent to `chat`, in order.
    pub fn photos_in(&self, chat: i64) -> Vec<SentPhoto> {
        let inner = self.inner.lock().unwrap();
        inner
            .photos
            .iter()
            .filter(|p| p.chat_id == chat)
            .cloned()
            .collect()
    }

    /// A private text message from `chat`.
    pub fn text(&self, chat: i64, lang: &str, text: &str) -> i64 {
        self.push("message", text_message(chat, lang, text))
    }

    /// A tap on a button whose callback data is `data`.
    pub fn tap(&self, chat: i64, lang: &str, data: &str) -> i64 {
        self.push("callback_query", tap_query(chat, lang, data))
    }

    /// A message written in a group (the operators' supergroup) by `user`, in forum topic
    /// `thread` (`None`: the General topic).
    pub fn group_text(
        &self,
        chat: i64,
        user: i64,
        first_name: &str,
        thread: Option<i64>,
        text: &str,
    ) -> i64 {
        let mut message = json!({
            "message_id": 1, "date": 1_700_000_000,
            "chat": { "id": chat, "type": "supergroup", "title": "Operatori", "is_forum": true },
            "from": { "id": user, "is_bot": false, "first_name": first_name, "language_code": "it" },
            "text": text,
        });
        if let Some(thread) = thread {
            message["message_thread_id"] = json!(thread);
            message["is_topic_message"] = json!(true);
        }
        self.push("message", message)
    }

    /// The forum topics created so far.
    pub fn topics(&self) -> Vec<Topic> {
        self.inner.lock().unwrap().topics.clone()
    }

    /// Deletes a forum topic: later messages to it fail as on Telegram.
    pub fn delete_topic(&self, thread: i64) {
        self.inner.lock().unwrap().deleted_topics.push(thread);
    }

    /// Messages sent to `chat` in forum topic `thread` (`None`: outside any topic).
    pub fn sent_in(&self, chat: i64, thread: Option<i64>) -> Vec<Sent> {
        self.sent_to(chat)
            .into_iter()
            .filter(|s| s.thread == thread)
            .collect()
    }

    /// Waits until a message sent to `chat` in `thread` contains `needle`, or panics after
    /// `timeout`. Returns that message.
    pub async fn wait_text(
        &self,
        chat: i64,
        thread: Option<i64>,
        needle: &str,
        timeout: Duration,
    ) -> Sent {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let notified = self.sent_ready.notified();
            let sent = self.sent_in(chat, thread);
            if let Some(found) = sent.iter().find(|s| s.text.contains(needle)) {
                return found.clone();
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                panic!(
                    "no message with {needle:?} reached chat {chat} thread {thread:?} in {timeout:?}: {sent:#?}"
                );
            }
        }
    }

    /// The next `n` calls of `method` fail with `fault`.
    pub fn fail(&self, method: &str, fault: Fault, n: usize) {
        let mut inner = self.inner.lock().unwrap();
        for _ in 0..n {
            inner
                .faults
                .push_back((method.to_ascii_lowercase(), fault.clone()));
        }
    }

    /// From now on, `share` (0 to 1) of all calls, of any method, fail with one of `faults`
    /// drawn at random (reproducibly for a `seed`). `share` 0 stops it.
    pub fn fail_randomly(&self, share: f64, faults: Vec<Fault>, seed: u64) {
        self.inner.lock().unwrap().random_faults = Some(RandomFaults {
            per_million: (share.clamp(0.0, 1.0) * 1_000_000.0) as u64,
            faults,
            state: seed,
            injected: 0,
        });
    }

    /// How many calls `fail_randomly` made fail.
    pub fn random_faults_injected(&self) -> usize {
        self.inner
            .lock()
            .unwrap()
            .random_faults
            .as_ref()
            .map_or(0, |r| r.injected)
    }

    /// Updates queued and not yet confirmed by a later `getUpdates` offset.
    pub fn unconfirmed_updates(&self) -> usize {
        self.inner.lock().unwrap().updates.len()
    }

    pub fn sent(&self) -> Vec<Sent> {
        self.inner.lock().unwrap().sent.clone()
    }

    /// Every message sent, texts and photos (a photo's caption as its text), in the order
    /// Telegram numbered them.
    pub fn sent_with_photos(&self) -> Vec<Sent> {
        let inner = self.inner.lock().unwrap();
        let photos = inner.photos.iter().map(|p| Sent {
            chat_id: p.chat_id,
            message_id: p.message_id,
            text: p.caption.clone(),
            buttons: Vec::new(),
            thread: p.thread,
        });
        let mut all: Vec<Sent> = inner.sent.iter().cloned().chain(photos).collect();
        all.sort_by_key(|s| s.message_id);
        all
    }

    /// The messages sent after the first `n`, in arrival order.
    pub fn sent_since(&self, n: usize) -> Vec<Sent> {
        let inner = self.inner.lock().unwrap();
        inner
            .sent
            .get(n..)
            .map(<[Sent]>::to_vec)
            .unwrap_or_default()
    }

    pub fn sent_to(&self, chat: i64) -> Vec<Sent> {
        self.sent()
            .into_iter()
            .filter(|s| s.chat_id == chat)
            .collect()
    }

    pub fn documents_to(&self, chat: i64) -> Vec<Document> {
        self.inner
            .lock()
            .unwrap()
            .documents
            .iter()
            .filter(|d| d.chat_id == chat)
            .cloned()
            .collect()
    }

    /// Waits until at least `n` files were sent to `chat`, or panics after `timeout`.
    pub async fn wait_documents(&self, chat: i64, n: usize, timeout: Duration) -> Vec<Document> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let notified = self.sent_ready.notified();
            let documents = self.documents_to(chat);
            if documents.len() >= n {
                return documents;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                panic!(
                    "{} of {n} files reached chat {chat} in {timeout:?}",
                    documents.len()
                );
            }
        }
    }

    /// Every call of `method`, with its parameters.
    pub fn calls(&self, method: &str) -> Vec<Value> {
        let method = method.to_ascii_lowercase();
        self.inner
            .lock()
            .unwrap()
            .calls
            .iter()
            .filter(|(m, _)| *m == method)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// Waits until at least `n` messages were sent to `chat`, or panics after `timeout`.
    pub async fn wait_sent(&self, chat: i64, n: usize, timeout: Duration) -> Vec<Sent> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let notified = self.sent_ready.notified();
            let sent = self.sent_to(chat);
            if sent.len() >= n {
                return sent;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                panic!(
                    "{} of {n} messages reached chat {chat} in {timeout:?}: {sent:#?}",
                    sent.len()
                );
            }
        }
    }
}

/// The `message` of an update: a private text message from `chat`.
pub fn text_message(chat: i64, lang: &str, text: &str) -> Value {
    json!({
        "message_id": 1, "date": 1_700_000_000,
        "chat": { "id": chat, "type": "private", "first_name": "Cittadino" },
        "from": { "id": chat, "is_bot": false, "first_name": "Cittadino", "language_code": lang },
        "text": text,
    })
}

/// The `callback_query` of an update: a tap on a button whose callback data is `data`.
pub fn tap_query(chat: i64, lang: &str, data: &str) -> Value {
    json!({
        "id": format!("cb{chat}{}", data.len()),
        "from": { "id": chat, "is_bot": false, "first_name": "Cittadino", "language_code": lang },
        "chat_instance": "1",
        "data": data,
        "message": {
            "message_id": 1, "date": 1_700_000_000,
            "chat": { "id": chat, "type": "private", "first_name": "Cittadino" },
            "text": "menu",
        },
    })
}

fn ok(result: Value) -> Response {
    axum::Json(json!({ "ok": true, "result": result })).into_response()
}

fn error(status: StatusCode, description: &str, parameters: Option<Value>) -> Response {
    let mut body =
        json!({ "ok": false, "error_code": status.as_u16(), "description": description });
    if let Some(p) = parameters {
        body["parameters"] = p;
    }
    (status, axum::Json(body)).into_response()
}

async fn api(
    State(fake): State<FakeTelegram>,
    Path((_token, method)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> Response {
    // Taken first, so that the fake's own work does not count as the bot's latency.
    let arrived = Instant::now();
    // Bot API method names are case-insensitive; teloxide capitalises them.
    let method = method.to_ascii_lowercase();
    if let Some(refusal) = fake.over_limit(&method, &body, arrived) {
        return refusal;
    }
    if let Some(deliveries) = &fake.deliveries {
        return light_api(&fake, &method, &body, arrived, deliveries).await;
    }
    // JSON for most methods; teloxide sends a few as forms, kept as text.
    let params: Value = serde_json::from_slice(&body)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&body).into_owned()));
    let fault = {
        let mut inner = fake.inner.lock().unwrap();
        inner.calls.push((method.clone(), params.clone()));
        let at = inner.faults.iter().position(|(m, _)| *m == method);
        let queued = at.and_then(|i| inner.faults.remove(i)).map(|(_, f)| f);
        queued.or_else(|| inner.random_faults.as_mut().and_then(RandomFaults::draw))
    };
    match fault {
        Some(Fault::TooManyRequests(s)) => {
            return error(
                StatusCode::TOO_MANY_REQUESTS,
                &format!("Too Many Requests: retry after {s}"),
                Some(json!({ "retry_after": s })),
            );
        }
        Some(Fault::ServerError) => {
            return error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Internal Server Error",
                None,
            );
        }
        Some(Fault::Blocked) => {
            return error(
                StatusCode::FORBIDDEN,
                "Forbidden: bot was blocked by the user",
                None,
            );
        }
        Some(Fault::Slow(d)) => tokio::time::sleep(d).await,
        Some(Fault::Timeout(d)) => {
            tokio::time::sleep(d).await;
            return error(StatusCode::GATEWAY_TIMEOUT, "Gateway Timeout", None);
        }
        Some(Fault::PhotoRefused) => {
            return error(
                StatusCode::BAD_REQUEST,
                "Bad Request: IMAGE_PROCESS_FAILED",
                None,
            );
        }
        Some(Fault::ThreadNotFound) => {
            return error(
                StatusCode::BAD_REQUEST,
                "Bad Request: message thread not found",
                None,
            );
        }
        None => {}
    }
    match method.as_str() {
        "getupdates" => get_updates(&fake, &params).await,
        "createforumtopic" => {
            let chat_id = params["chat_id"].as_i64().unwrap_or_default();
            let name = params["name"].as_str().unwrap_or_default().to_string();
            let thread = {
                let mut inner = fake.inner.lock().unwrap();
                let id = inner.next_message_id;
                inner.next_message_id += 1;
                inner.topics.push(Topic {
                    chat_id,
                    thread: id,
                    name: name.clone(),
                });
                id
            };
            ok(json!({ "message_thread_id": thread, "name": name, "icon_color": 7322096 }))
        }
        "sendmessage" => {
            let chat_id = params["chat_id"].as_i64().unwrap_or_default();
            let text = params["text"].as_str().unwrap_or_default().to_string();
            let thread = params["message_thread_id"].as_i64();
            if thread.is_some_and(|t| fake.inner.lock().unwrap().deleted_topics.contains(&t)) {
                return error(
                    StatusCode::BAD_REQUEST,
                    "Bad Request: message thread not found",
                    None,
                );
            }
            let buttons = params["reply_markup"]["inline_keyboard"]
                .as_array()
                .into_iter()
                .flatten()
                .flat_map(|row| row.as_array().cloned().unwrap_or_default())
                .map(|b| {
                    let target = b["callback_data"]
                        .as_str()
                        .or(b["url"].as_str())
                        .unwrap_or_default();
                    (
                        b["text"].as_str().unwrap_or_default().to_string(),
                        target.to_string(),
                    )
                })
                .collect();
            let message_id = {
                let mut inner = fake.inner.lock().unwrap();
                let id = inner.next_message_id;
                inner.next_message_id += 1;
                inner.sent.push(Sent {
                    chat_id,
                    message_id: id,
                    text: text.clone(),
                    buttons,
                    thread,
                });
                id
            };
            fake.sent_ready.notify_waiters();
            ok(json!({
                "message_id": message_id, "date": 1_700_000_000,
                "chat": { "id": chat_id, "type": "private", "first_name": "Cittadino" },
                "text": text,
            }))
        }
        "sendphoto" => {
            // JSON when the photo is a file id; a form otherwise, with the photo's bytes in a
            // part of its own that the `photo` field points to (`attach://<name>`).
            let parts = multipart::parts(&body);
            let part = |name: &str| parts.iter().find(|p| p.name == name);
            let field = |name: &str| -> Option<String> {
                params[name]
                    .as_str()
                    .map(str::to_string)
                    .or_else(|| params[name].as_i64().map(|n| n.to_string()))
                    .or_else(|| part(name).map(|p| p.text().trim().to_string()))
            };
            let chat_id = field("chat_id")
                .and_then(|v| v.parse::<i64>().ok())
                .unwrap_or_default();
            let thread = field("message_thread_id").and_then(|v| v.parse::<i64>().ok());
            if thread.is_some_and(|t| fake.inner.lock().unwrap().deleted_topics.contains(&t)) {
                return error(
                    StatusCode::BAD_REQUEST,
                    "Bad Request: message thread not found",
                    None,
                );
            }
            let caption = field("caption").unwrap_or_default();
            if caption.chars().count() > CAPTION_MAX {
                return error(
                    StatusCode::BAD_REQUEST,
                    "Bad Request: message caption is too long",
                    None,
                );
            }
            let photo = field("photo").unwrap_or_default();
            let upload = match part("photo") {
                Some(p) if p.filename.is_some() => Some(p.bytes.clone()),
                _ => photo
                    .strip_prefix("attach://")
                    .and_then(part)
                    .map(|p| p.bytes.clone()),
            };
            let file_id = match &upload {
                Some(bytes) if bytes.len() > PHOTO_MAX_BYTES => {
                    return error(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        "Request Entity Too Large",
                        None,
                    );
                }
                Some(bytes) if !multipart::is_png_or_jpeg(bytes) => {
                    return error(
                        StatusCode::BAD_REQUEST,
                        "Bad Request: IMAGE_PROCESS_FAILED",
                        None,
                    );
                }
                Some(_) => {
                    let mut inner = fake.inner.lock().unwrap();
                    inner.uploads += 1;
                    format!("AgACAgQAAxkDAAI-{}", inner.uploads)
                }
                None if fake.inner.lock().unwrap().expired_files.contains(&photo) => {
                    return error(
                        StatusCode::BAD_REQUEST,
                        "Bad Request: wrong file identifier/HTTP URL specified",
                        None,
                    );
                }
                None => photo,
            };
            let message_id = {
                let mut inner = fake.inner.lock().unwrap();
                let id = inner.next_message_id;
                inner.next_message_id += 1;
                inner.photos.push(SentPhoto {
                    chat_id,
                    message_id: id,
                    thread,
                    file_id: file_id.clone(),
                    caption,
                    upload,
                });
                id
            };
            fake.sent_ready.notify_waiters();
            let chat = match thread {
                Some(_) => json!({ "id": chat_id, "type": "supergroup", "title": "Operatori" }),
                None => json!({ "id": chat_id, "type": "private", "first_name": "Cittadino" }),
            };
            // Telegram answers with the sizes it made, the largest last.
            ok(json!({
                "message_id": message_id, "date": 1_700_000_000,
                "chat": chat,
                "photo": [
                    { "file_id": format!("{file_id}-small"), "file_unique_id": "u0", "width": 90, "height": 90 },
                    { "file_id": file_id, "file_unique_id": "u1", "width": 800, "height": 670 },
                ],
            }))
        }
        "senddocument" => {
            // multipart/form-data: fields and the file, found in the raw body.
            let fields = multipart_fields(&body);
            let field = |name: &str| {
                fields
                    .iter()
                    .find(|(n, _, _)| n == name)
                    .map(|(_, f, v)| (f.clone(), v.clone()))
            };
            let chat_id = field("chat_id")
                .and_then(|(_, v)| v.trim().parse::<i64>().ok())
                .unwrap_or_default();
            // teloxide names the file part at random and points to it: `attach://<name>`.
            let (filename, content) = field("document")
                .and_then(|(f, v)| match v.strip_prefix("attach://") {
                    Some(part) => field(part),
                    None => Some((f, v)),
                })
                .map(|(f, v)| (f.unwrap_or_default(), v))
                .unwrap_or_default();
            let message_id = {
                let mut inner = fake.inner.lock().unwrap();
                let id = inner.next_message_id;
                inner.next_message_id += 1;
                inner.documents.push(Document {
                    chat_id,
                    filename: filename.clone(),
                    content,
                    caption: field("caption").map(|(_, v)| v),
                });
                id
            };
            fake.sent_ready.notify_waiters();
            ok(json!({
                "message_id": message_id, "date": 1_700_000_000,
                "chat": { "id": chat_id, "type": "private", "first_name": "Cittadino" },
                "document": { "file_id": "f1", "file_unique_id": "u1", "file_name": filename },
            }))
        }
        "getme" => ok(
            json!({ "id": 1, "is_bot": true, "first_name": "Sportello", "username": "sportello_bot",
            "can_join_groups": false, "can_read_all_group_messages": false, "supports_inline_queries": false }),
        ),
        _ => ok(json!(true)),
    }
}

/// The load harness's side of the API: no faults, no call log, no parsing beyond what an
/// answer needs.
async fn light_api(
    fake: &FakeTelegram,
    method: &str,
    body: &[u8],
    arrived: Instant,
    deliveries: &UnboundedSender<Delivery>,
) -> Response {
    match method {
        "getupdates" => {
            let params: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
            get_updates(fake, &params).await
        }
        "sendmessage" | "sendphoto" => {
            // JSON, or a form when a photo is uploaded.
            let chat_id = chat_of(body);
            let message_id = {
                let mut inner = fake.inner.lock().unwrap();
                inner.next_message_id += 1;
                inner.next_message_id
            };
            // The harness may have stopped listening at the end of a run.
            let _ = deliveries.send(Delivery {
                chat_id,
                at: arrived,
            });
            // The bot reads back the message id (and a photo's file id) only; the text is
            // not echoed.
            let content = match method {
                "sendphoto" => {
                    r#""photo":[{"file_id":"AgAC-light","file_unique_id":"u1","width":800,"height":670}]"#
                }
                _ => r#""text":"""#,
            };
            raw_json(format!(
                r#"{{"ok":true,"result":{{"message_id":{message_id},"date":1700000000,"chat":{{"id":{chat_id},"type":"private","first_name":"Cittadino"}},{content}}}}}"#
            ))
        }
        "getme" => ok(
            json!({ "id": 1, "is_bot": true, "first_name": "Sportello", "username": "sportello_bot",
            "can_join_groups": false, "can_read_all_group_messages": false, "supports_inline_queries": false }),
        ),
        _ => raw_json(r#"{"ok":true,"result":true}"#.to_string()),
    }
}

/// The `chat_id` of a send: in a JSON body, or a form's field when a file is uploaded.
fn chat_of(body: &[u8]) -> i64 {
    #[derive(serde::Deserialize)]
    struct To {
        chat_id: i64,
    }
    serde_json::from_slice::<To>(body).map_or_else(
        |_| {
            multipart::parts(body)
                .iter()
                .find(|p| p.name == "chat_id")
                .and_then(|p| p.text().trim().parse().ok())
                .unwrap_or(0)
        },
        |t| t.chat_id,
    )
}

fn raw_json(body: String) -> Response {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response()
}

async fn get_updates(fake: &FakeTelegram, params: &Value) -> Response {
    let offset = params["offset"].as_i64().unwrap_or(0);
    let limit = params["limit"].as_u64().unwrap_or(100) as usize;
    let wait = Duration::from_secs(params["timeout"].as_u64().unwrap_or(0));
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        let notified = fake.updates_ready.notified();
        let batch: Option<String> = {
            let mut inner = fake.inner.lock().unwrap();
            // Updates below the offset are confirmed: Telegram forgets them.
            inner.updates.retain(|(id, _)| *id >= offset);
            let mut batch = inner.updates.iter().take(limit).map(|(_, u)| u.as_str());
            batch.next().map(|first| {
                let mut json = String::from(r#"{"ok":true,"result":["#);
                json.push_str(first);
                for update in batch {
                    json.push(',');
                    json.push_str(update);
                }
                json.push_str("]}");
                json
            })
        };
        match batch {
            Some(json) => return raw_json(json),
            None if tokio::time::timeout_at(deadline, notified).await.is_err() => {
                return ok(Value::Array(Vec::new()));
            }
            None => {}
        }
    }
}

/// The parts of a multipart/form-data body as (name, file name, value as text).
fn multipart_fields(body: &[u8]) -> Vec<(String, Option<String>, String)> {
    multipart::parts(body)
        .into_iter()
        .map(|p| {
            let text = p.text();
            (p.name, p.filename, text)
        })
        .collect()
}
