//! The Telegram channel, on teloxide: updates in (long polling, or a webhook served by our own
//! HTTP server), replies out through the Bot API. The only module that knows Telegram's types.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use secrecy::ExposeSecret;
use teloxide::payloads::{
    SendDocumentSetters, SendMessageSetters, SendPhotoSetters, SetMyCommandsSetters,
    SetWebhookSetters,
};
use teloxide::prelude::Requester;
use teloxide::types::{
    AllowedUpdate, BotCommand, CallbackQueryId, ChatId, FileId, InlineKeyboardButton,
    InlineKeyboardMarkup, InputFile, Message, Update, UpdateKind,
};
use teloxide::{Bot, RequestError};
use tokio::sync::watch;

use super::media::{ImageChannel, Images, Uploaded};
use super::pace::Pace;
use super::{Channel, ChannelKind, ChannelUserId, PermanentReason, Recipient, SendError, SentId};
use crate::clock::{Clock, SystemClock};
use crate::conversations::{Inbound, Ingest, Update as Translated};
use crate::engine::{Input, Reply};
use crate::flows::FlowSet;
use crate::flows::check::callback_data;
use crate::flows::limits::ChannelLimits;
use crate::flows::live::Live;
use crate::flows::media::MediaFile;
use crate::i18n::Lang;
use crate::metrics::Metrics;
use crate::store::{Store, StoreError};

mod errors;
pub mod operators;

pub(crate) use errors::classify;
use errors::describe;

/// Telegram's limit on one message's text, in characters.
pub const MAX_TEXT_CHARS: usize = 4096;
/// Telegram's limit on a button's callback data, in bytes.
const CALLBACK_DATA_MAX: usize = 64;
/// What Telegram shows, as `flows check` holds the flows to it: a photo sent by upload
/// (`sendPhoto`) and its caption included; any number of buttons.
pub const LIMITS: ChannelLimits = ChannelLimits {
    name: "Telegram",
    text_max: Some(MAX_TEXT_CHARS),
    callback_data_max: Some(CALLBACK_DATA_MAX),
    choices: None,
    image_max_bytes: Some(10 * 1024 * 1024),
    caption_max: Some(1024),
};
/// The long-polling wait asked of Telegram; the HTTP client waits longer.
const POLL_TIMEOUT_SECONDS: u32 = 25;
/// Updates one `getUpdates` answer holds at most (Telegram's own limit).
const POLL_LIMIT: usize = 100;
/// With a backlog (the last answer was full), `getUpdates` asks Telegram not to wait, and an
/// answer slower than this is given up and asked again: a hung connection then costs this,
/// not the long-polling time-out.
const BACKLOG_POLL_TIMEOUT: Duration = Duration::from_secs(1);

#[derive(Debug, Clone)]
pub struct TelegramConfig {
    pub token: secrecy::SecretString,
    pub api_url: String,
    /// Messages per second to all chats together (Telegram allows about 30).
    pub global_rate: f64,
    /// Messages per second to one chat (Telegram allows about 1, with short bursts).
    pub chat_rate: f64,
}

/// A Telegram update made ready for the store: the inbound message, and the callback query
/// to answer once it is stored.
#[derive(Debug)]
pub struct Received {
    pub inbound: Option<Inbound>,
    pub callback: Option<CallbackQueryId>,
    /// A message an operator wrote in the operators' group.
    pub operator: Option<crate::handoff::OperatorUpdate>,
}

pub struct Telegram {
    bot: Bot,
    pace: Pace<i64>,
    /// The operators' group (chat id) and how the hand-off behaves, when set.
    operators: Option<(i64, crate::handoff::HandoffConfig)>,
    /// The time citizens' and operators' messages are processed at.
    clock: Arc<dyn Clock>,
    metrics: Arc<Metrics>,
    /// Where the images of replies come from; without, an image goes as its text.
    images: Option<Images>,
}

impl Telegram {
    pub fn new(config: &TelegramConfig) -> anyhow::Result<Telegram> {
        let url: reqwest::Url = config
            .api_url
            .parse()
            .map_err(|e| anyhow::anyhow!("telegram_api_url: {e}"))?;
        // Long polling holds a request open for POLL_TIMEOUT_SECONDS: the client must wait longer.
        let client = teloxide::net::default_reqwest_settings()
            .timeout(Duration::from_secs(u64::from(POLL_TIMEOUT_SECONDS) + 15))
            .build()?;
        let bot = Bot::with_client(config.token.expose_secret(), client).set_api_url(url);
        Ok(Telegram {
            bot,
            pace: Pace::new(config.global_rate, config.chat_rate),
            operators: None,
            clock: Arc::new(SystemClock),
            metrics: Arc::new(Metrics::new()),
            images: None,
        })
    }

    /// Sends the images of replies, from the flows in service, reusing their uploads.
    pub fn with_images(mut self, images: Images) -> Telegram {
        self.images = Some(images);
        self
    }

    /// Takes the messages of the operators' group `chat` as operators' actions.
    pub fn with_operators(mut self, chat: i64, config: crate::handoff::HandoffConfig) -> Telegram {
        self.operators = Some((chat, config));
        self
    }

    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Telegram {
        self.clock = clock;
        self
    }

    /// Counts into the service's `metrics` (else into an instance of its own).
    pub fn with_metrics(mut self, metrics: Arc<Metrics>) -> Telegram {
        self.metrics = metrics;
        self
    }

    pub fn metrics(&self) -> &Arc<Metrics> {
        &self.metrics
    }

    /// Registers the command menu in every language (Italian as the default).
    pub async fn register_commands(&self, flows: &FlowSet) -> Result<(), RequestError> {
        for lang in Lang::ALL {
            let commands: Vec<BotCommand> = crate::engine::command_menu(lang)
                .map(|(command, text)| {
                    BotCommand::new(command, flows.locales.text(lang, text, &[]))
                })
                .collect();
            let request = self.bot.set_my_commands(commands);
            match lang {
                Lang::It => request.await?,
                other => request.language_code(other.code()).await?,
            };
        }
        Ok(())
    }

    /// Points Telegram at our webhook, with the secret it must send back.
    pub async fn set_webhook(&self, url: &str, secret: &str) -> anyhow::Result<()> {
        let url: reqwest::Url = url.parse()?;
        self.bot
            .set_webhook(url)
            .secret_token(secret.to_string())
            .allowed_updates(vec![AllowedUpdate::Message, AllowedUpdate::CallbackQuery])
            .await?;
        Ok(())
    }

    /// Polling and a webhook exclude each other: polling starts by removing any webhook.
    pub async fn delete_webhook(&self) -> Result<(), RequestError> {
        self.bot.delete_webhook().await.map(|_| ())
    }

    /// One request for updates from `offset` on: long polling, or with `backlog` an answer
    /// at once within [`BACKLOG_POLL_TIMEOUT`]. The answer is read as raw JSON and each
    /// update parsed on its own with [`parse_update`]: an update that does not parse is
    /// skipped with a warning (and confirmed with the batch) instead of failing the batch and
    /// coming back for ever.
    pub async fn get_updates(&self, offset: i32, backlog: bool) -> Result<Vec<Update>, PollError> {
        let mut url = self.bot.api_url();
        url.set_path(&format!(
            "{}/bot{}/getUpdates",
            url.path().trim_end_matches('/'),
            self.bot.token()
        ));
        let body = serde_json::json!({
            "offset": offset,
            "timeout": if backlog { 0 } else { POLL_TIMEOUT_SECONDS },
            "limit": POLL_LIMIT,
            "allowed_updates": ["message", "callback_query"],
        });
        let mut request = self.bot.client().post(url);
        if backlog {
            request = request.timeout(BACKLOG_POLL_TIMEOUT);
        }
        let response = request
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body.to_string())
            .send()
            .await
            // Without the URL: it holds the token.
            .map_err(|e| PollError::Other(e.without_url().to_string()))?;
        let bytes = response
            .bytes()
            .await
            .map_err(|e| PollError::Other(e.without_url().to_string()))?;
        #[derive(serde::Deserialize)]
        struct Answer {
            ok: bool,
            #[serde(default)]
            result: Vec<serde_json::Value>,
            description: Option<String>,
            parameters: Option<Parameters>,
        }
        #[derive(serde::Deserialize)]
        struct Parameters {
            retry_after: Option<u64>,
        }
        let answer: Answer = serde_json::from_slice(&bytes)
            .map_err(|e| PollError::Other(format!("getUpdates answered with no JSON: {e}")))?;
        if !answer.ok {
            if let Some(seconds) = answer.parameters.and_then(|p| p.retry_after) {
                return Err(PollError::RetryAfter(Duration::from_secs(seconds)));
            }
            return Err(PollError::Other(answer.description.unwrap_or_default()));
        }
        let mut updates = Vec::with_capacity(answer.result.len());
        for value in answer.result {
            let id = value.get("update_id").and_then(serde_json::Value::as_i64);
            match update_from_value(value) {
                Ok(update) => updates.push(update),
                Err(e) => {
                    tracing::warn!(update_id = ?id, error = %e, "skipping a Telegram update that does not parse");
                    if let Some(id) = id {
                        // Still confirmed: an empty update of no kind stands in for it.
                        updates.push(Update {
                            id: teloxide::types::UpdateId(id as u32),
                            kind: UpdateKind::Error(serde_json::Value::Null),
                        });
                    }
                }
            }
        }
        Ok(updates)
    }

    /// Every callback query is answered, or the citizen's button keeps spinning.
    pub async fn answer_callback(&self, id: CallbackQueryId) {
        if let Err(e) = self.bot.answer_callback_query(id).await {
            tracing::debug!(error = %describe(&e), "answering a callback query failed");
        }
    }

    /// Answers a callback query on its own task: a slow answer must not hold up the updates
    /// behind it (nothing depends on it but the spinner on the citizen's button).
    pub fn answer_callback_later(self: &Arc<Self>, id: CallbackQueryId) {
        let telegram = self.clone();
        tokio::spawn(async move { telegram.answer_callback(id).await });
    }
}

/// Why a `getUpdates` request failed.
#[derive(Debug, thiserror::Error)]
pub enum PollError {
    #[error("Telegram asks to wait {0:?}")]
    RetryAfter(Duration),
    #[error("getUpdates failed: {0}")]
    Other(String),
}

/// Parses a webhook body into an update. Bodies that are not JSON, not UTF-8, nested too deep
/// (serde_json stops at 128 levels) or not an update are refused with the parser's error; no
/// input may make it panic.
pub fn parse_update(body: &[u8]) -> Result<Update, serde_json::Error> {
    update_from_value(serde_json::from_slice(body)?)
}

/// An update from its JSON. Only the kinds Sportello reads (`message`, `callback_query`) are
/// handed to teloxide's parsers; the others are dropped first and the update comes out with
/// no kind, to be confirmed and ignored. Teloxide's parsers of kinds we never asked for are
/// not ours to vouch for: one of them panics on a reaction without an actor.
fn update_from_value(value: serde_json::Value) -> Result<Update, serde_json::Error> {
    use serde::de::Error as _;
    let serde_json::Value::Object(mut map) = value else {
        return Err(serde_json::Error::custom("an update is a JSON object"));
    };
    let id = map
        .get("update_id")
        .and_then(serde_json::Value::as_u64)
        .and_then(|id| u32::try_from(id).ok())
        .ok_or_else(|| serde_json::Error::custom("an update needs a numeric `update_id`"))?;
    let kind = if let Some(message) = map.remove("message") {
        UpdateKind::Message(serde_json::from_value(message)?)
    } else if let Some(query) = map.remove("callback_query") {
        UpdateKind::CallbackQuery(serde_json::from_value(query)?)
    } else {
        UpdateKind::Error(serde_json::Value::Null)
    };
    Ok(Update {
        id: teloxide::types::UpdateId(id),
        kind,
    })
}

/// Turns an update into what the store needs. Messages from groups, channels and edits are
/// ignored: citizens write in private chats.
pub fn receive(update: &Update) -> Received {
    receive_with(update, None)
}

/// [`receive`], also taking the messages of the operators' group `operators`.
pub fn receive_with(update: &Update, operators: Option<i64>) -> Received {
    let received_at = Utc::now();
    if let UpdateKind::Message(message) = &update.kind
        && Some(message.chat.id.0) == operators
    {
        return Received {
            inbound: None,
            callback: None,
            operator: operators::operator_update(i64::from(update.id.0), message),
        };
    }
    let inbound = |chat: ChatId, lang: Option<&str>, input: Input| Inbound {
        channel: ChannelKind::Telegram,
        user: ChannelUserId::new(chat.0.to_string()),
        message_id: update.id.0.to_string(),
        lang_hint: lang.and_then(Lang::from_tag),
        input,
        received_at,
    };
    match &update.kind {
        UpdateKind::Message(message) if message.chat.is_private() => {
            let lang = message
                .from
                .as_ref()
                .and_then(|u| u.language_code.as_deref());
            Received {
                inbound: Some(inbound(message.chat.id, lang, input_of(message))),
                callback: None,
                operator: None,
            }
        }
        UpdateKind::CallbackQuery(query) => {
            let chat = query
                .message
                .as_ref()
                .map(|m| m.chat())
                .filter(|c| c.is_private());
            let input = query
                .data
                .as_deref()
                .map(|data| match data.rsplit_once('/') {
                    Some((at, id)) => Input::Choice {
                        id: id.to_string(),
                        at: Some(at.to_string()),
                    },
                    None => Input::Choice {
                        id: data.to_string(),
                        at: None,
                    },
                });
            let inbound = match (chat, input) {
                (Some(chat), Some(input)) => {
                    Some(inbound(chat.id, query.from.language_code.as_deref(), input))
                }
                _ => None,
            };
            Received {
                inbound,
                callback: Some(query.id.clone()),
                operator: None,
            }
        }
        _ => Received {
            inbound: None,
            callback: None,
            operator: None,
        },
    }
}

fn input_of(message: &Message) -> Input {
    if let Some(text) = message.text() {
        return Input::Text {
            text: text.to_string(),
        };
    }
    if let Some(location) = message.location() {
        return Input::Location {
            latitude: location.latitude,
            longitude: location.longitude,
        };
    }
    if let Some(sizes) = message.photo() {
        // The largest size comes last; its file id lets the operators' group show the photo
        // without Sportello downloading it.
        return Input::Photo {
            file_id: sizes.last().map(|p| p.file.id.0.clone()),
        };
    }
    let what = if message.voice().is_some() {
        "voice"
    } else if message.sticker().is_some() {
        "sticker"
    } else if message.document().is_some() {
        "document"
    } else if message.contact().is_some() {
        "contact"
    } else if message.video().is_some()
        || message.video_note().is_some()
        || message.animation().is_some()
    {
        "video"
    } else if message.audio().is_some() {
        "audio"
    } else {
        "other"
    };
    Input::Unsupported {
        what: what.to_string(),
    }
}

/// The buttons of a reply: one per row, links open, the others send back their id and where
/// they were shown.
pub fn keyboard(reply: &Reply) -> Option<InlineKeyboardMarkup> {
    if reply.choices.is_empty() {
        return None;
    }
    let rows = reply.choices.iter().map(|c| {
        let url = c
            .url
            .as_deref()
            .and_then(|u| u.parse::<reqwest::Url>().ok());
        let button = match url {
            Some(url) => InlineKeyboardButton::url(c.label.clone(), url),
            None => {
                let data = reply
                    .at
                    .as_deref()
                    .map(|at| callback_data(at, &c.id))
                    .filter(|d| d.len() <= CALLBACK_DATA_MAX)
                    .unwrap_or_else(|| c.id.clone());
                InlineKeyboardButton::callback(c.label.clone(), data)
            }
        };
        vec![button]
    });
    Some(InlineKeyboardMarkup::new(rows))
}

impl Channel for Telegram {
    fn kind(&self) -> ChannelKind {
        ChannelKind::Telegram
    }

    fn pace(&self) -> Option<super::PaceState> {
        Some(self.pace.state())
    }

    fn set_share(&self, processes: u32) {
        self.pace.set_share(processes);
    }

    async fn send(&self, to: &Recipient, reply: &Reply) -> Result<SentId, SendError> {
        let chat = chat_id(to)?;
        if let Some(image) = &reply.image {
            return match &self.images {
                Some(images) => super::media::send_image(self, images, to, reply, image).await,
                None => self.send_text(chat, &reply.text, keyboard(reply)).await,
            };
        }
        let Some(attachment) = &reply.attachment else {
            return self.send_text(chat, &reply.text, keyboard(reply)).await;
        };
        // A file (the citizen's data export): its readable text first, in as many messages as
        // it takes, then the document. A retry after a failed document sends the text again:
        // a duplicate of the citizen's own data to the citizen, never a loss.
        let parts = crate::engine::split_text(&reply.text, MAX_TEXT_CHARS);
        for part in parts.iter().filter(|p| !p.trim().is_empty()) {
            self.send_text(chat, part, None).await?;
        }
        let _sending = self.pace.wait(chat).await;
        let file = InputFile::memory(attachment.content.clone().into_bytes())
            .file_name(attachment.filename.clone());
        let mut request = self.bot.send_document(ChatId(chat), file);
        if let Some(markup) = keyboard(reply) {
            request = request.reply_markup(markup);
        }
        let sent = request.await.map_err(|e| self.classify_counted(e))?;
        self.metrics.replies_out.inc(self.kind().code());
        Ok(SentId(sent.id.0.to_string()))
    }
}

fn chat_id(to: &Recipient) -> Result<i64, SendError> {
    to.user.expose().parse().map_err(|_| SendError::Permanent {
        reason: PermanentReason::Rejected,
        detail: "not a Telegram chat id".into(),
    })
}

impl ImageChannel for Telegram {
    async fn send_upload(&self, to: &Recipient, file: &MediaFile, caption: &str) -> Uploaded {
        let chat = chat_id(to)?;
        let upload = InputFile::memory(file.bytes.to_vec()).file_name(file.name.clone());
        let sent = self.send_photo(chat, upload, caption).await?;
        // The largest size comes last: the id Telegram gives the photo as uploaded.
        let id = sent
            .photo()
            .and_then(|sizes| sizes.last())
            .map(|p| p.file.id.0.clone());
        Ok((SentId(sent.id.0.to_string()), id))
    }

    async fn send_by_id(
        &self,
        to: &Recipient,
        file_id: &str,
        caption: &str,
    ) -> Result<SentId, SendError> {
        let chat = chat_id(to)?;
        let photo = InputFile::file_id(FileId(file_id.to_owned()));
        let sent = self.send_photo(chat, photo, caption).await?;
        Ok(SentId(sent.id.0.to_string()))
    }

    async fn send_as_text(&self, to: &Recipient, reply: &Reply) -> Result<SentId, SendError> {
        self.send_text(chat_id(to)?, &reply.text, keyboard(reply))
            .await
    }
}

impl Telegram {
    /// One photo with its caption (plain text, like every message).
    async fn send_photo(
        &self,
        chat: i64,
        photo: InputFile,
        caption: &str,
    ) -> Result<Message, SendError> {
        let _sending = self.pace.wait(chat).await;
        let sent = self
            .bot
            .send_photo(ChatId(chat), photo)
            .caption(caption.to_owned())
            .await
            .map_err(|e| self.classify_counted(e))?;
        self.metrics.replies_out.inc(self.kind().code());
        Ok(sent)
    }

    /// One plain-text message (no parse mode: `* _ [ ] ( ) < > &` arrive as written).
    async fn send_text(
        &self,
        chat: i64,
        text: &str,
        markup: Option<InlineKeyboardMarkup>,
    ) -> Result<SentId, SendError> {
        let _sending = self.pace.wait(chat).await;
        let mut request = self.bot.send_message(ChatId(chat), text.to_owned());
        if let Some(markup) = markup {
            request = request.reply_markup(markup);
        }
        let sent = request.await.map_err(|e| self.classify_counted(e))?;
        self.metrics.replies_out.inc(self.kind().code());
        Ok(SentId(sent.id.0.to_string()))
    }

    fn classify_counted(&self, error: RequestError) -> SendError {
        let e = classify(error);
        if let SendError::Transient {
            retry_after: Some(wait),
            ..
        } = &e
        {
            // Telegram's limits are per bot: every chat waits, not only this one.
            self.pace.pause(*wait);
            self.metrics.rate_limited.inc(self.kind().code());
        }
        e
    }
}

/// Stores a batch of updates, each chat's in order and chats side by side, then answers
/// their callback queries. An error means some update may not be stored: the caller must not
/// confirm the batch (Telegram delivers it again, and what was stored is recognised).
pub async fn store_updates(
    telegram: &Arc<Telegram>,
    store: &Store,
    live: &Live,
    updates: &[Update],
) -> Result<(), StoreError> {
    let flows = live.get();
    let operators_chat = telegram.operators.as_ref().map(|(chat, _)| *chat);
    let mut batch = Vec::with_capacity(updates.len());
    for update in updates {
        let received = receive_with(update, operators_chat);
        if let Some(update) = received.operator {
            batch.push(Translated::Operator(update));
            continue;
        }
        match received.inbound {
            Some(inbound) => batch.push(Translated::Citizen {
                inbound,
                after: received.callback,
            }),
            None => {
                if let Some(id) = received.callback {
                    telegram.answer_callback_later(id);
                }
            }
        }
    }
    let ingest = Ingest {
        store: store.clone(),
        operators: telegram
            .operators
            .as_ref()
            .map(|(_, config)| config.clone()),
        clock: telegram.clock.clone(),
        metrics: telegram.metrics.clone(),
    };
    for (callback, _) in ingest.batch(&flows, batch).await? {
        if let Some(id) = callback {
            telegram.answer_callback_later(id);
        }
    }
    Ok(())
}

/// Long polling: fetches updates, stores them, and only then moves the offset past them, so
/// a crash re-reads what was not stored and the store recognises what was.
///
/// After a full answer more updates are likely waiting, so the next request asks for them at
/// once and gives a slow answer up quickly ([`BACKLOG_POLL_TIMEOUT`]); after a failure the
/// request is a plain long poll again, so a Telegram that is merely slow is still read. A
/// failed request is retried after 100 ms, doubling with each failure in a row up to about
/// 25 s, or after Telegram's `retry_after`.
pub async fn poll(
    telegram: Arc<Telegram>,
    store: Store,
    flows: Arc<Live>,
    mut shutdown: watch::Receiver<bool>,
) {
    let mut failures = 0u32;
    let pause =
        |failures: u32| Duration::from_millis(100 << failures.clamp(1, 9).saturating_sub(1));
    while let Err(e) = telegram.delete_webhook().await {
        tracing::warn!(error = %describe(&e), "cannot remove the webhook before polling; retrying");
        failures += 1;
        tokio::select! {
            _ = shutdown.changed() => return,
            () = tokio::time::sleep(pause(failures)) => {}
        }
    }
    let mut offset: i32 = 0;
    let mut backlog = false;
    loop {
        let updates = tokio::select! {
            _ = shutdown.changed() => return,
            updates = telegram.get_updates(offset, backlog && failures == 0) => updates,
        };
        let wait = match updates {
            Ok(updates) => {
                backlog = updates.len() >= POLL_LIMIT;
                let next = updates.iter().map(|u| u.id.0 as i32 + 1).max();
                match store_updates(&telegram, &store, &flows, &updates).await {
                    Ok(()) => {
                        failures = 0;
                        offset = next.unwrap_or(offset).max(offset);
                        continue;
                    }
                    Err(e) => {
                        tracing::error!(error = %e, "cannot store Telegram updates; they will be fetched again");
                        None
                    }
                }
            }
            Err(PollError::RetryAfter(wait)) => Some(wait),
            Err(e) => {
                tracing::warn!(error = %e, "getUpdates failed");
                None
            }
        };
        failures += 1;
        tokio::select! {
            _ = shutdown.changed() => return,
            () = tokio::time::sleep(wait.unwrap_or_else(|| pause(failures))) => {}
        }
    }
}

/// What the webhook needs to store an update.
#[derive(Clone)]
pub struct Webhook {
    pub telegram: Arc<Telegram>,
    pub store: Store,
    pub flows: Arc<Live>,
    pub secret: secrecy::SecretString,
}

/// The path Telegram posts updates to.
pub const WEBHOOK_PATH: &str = "/telegram/webhook";

/// The webhook route: the secret header is checked first, in constant time; the update is
/// stored before Telegram hears 200, so a crash after that loses nothing, and a 5xx makes
/// Telegram deliver it again.
pub fn webhook_router(webhook: Webhook) -> axum::Router {
    axum::Router::new()
        .route(WEBHOOK_PATH, axum::routing::post(receive_webhook))
        .with_state(webhook)
}

async fn receive_webhook(
    axum::extract::State(webhook): axum::extract::State<Webhook>,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
) -> axum::http::StatusCode {
    use axum::http::StatusCode;
    let given = headers
        .get("x-telegram-bot-api-secret-token")
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    if !super::constant_time_eq(given, webhook.secret.expose_secret().as_bytes()) {
        return StatusCode::UNAUTHORIZED;
    }
    let Ok(update) = parse_update(&body) else {
        tracing::warn!(
            bytes = body.len(),
            "a webhook body that is not a Telegram update"
        );
        return StatusCode::BAD_REQUEST;
    };
    match store_updates(
        &webhook.telegram,
        &webhook.store,
        &webhook.flows,
        std::slice::from_ref(&update),
    )
    .await
    {
        Ok(()) => StatusCode::OK,
        Err(e) => {
            tracing::error!(error = %e, "cannot store a webhook update; Telegram will deliver it again");
            StatusCode::SERVICE_UNAVAILABLE
        }
    }
}

#[cfg(test)]
mod tests {
    use teloxide::ApiError;

    use super::*;

    #[test]
    fn an_unreadable_answer_is_retried_without_quoting_it() {
        let source = serde_json::from_str::<serde_json::Value>("{").unwrap_err();
        let raw = r#"{"ok":true,"result":{"chat":{"id":777000555},"text":"il mio codice"#;
        let error = RequestError::InvalidJson {
            source: Arc::new(source),
            raw: raw.into(),
        };
        match classify(error) {
            SendError::Transient { detail, .. } => {
                assert!(
                    !detail.contains("777000555") && !detail.contains("codice"),
                    "{detail}"
                );
            }
            other => panic!("expected a transient error, got {other:?}"),
        }
    }

    #[test]
    fn server_side_errors_are_retried_and_blocked_citizens_are_not() {
        let retry = classify(RequestError::RetryAfter(
            teloxide::types::Seconds::from_seconds(3),
        ));
        assert!(
            matches!(retry, SendError::Transient { retry_after: Some(d), .. } if d == Duration::from_secs(3)),
            "{retry:?}"
        );
        assert!(matches!(
            classify(RequestError::Api(ApiError::Unknown(
                "Internal Server Error".into()
            ))),
            SendError::Transient {
                retry_after: None,
                ..
            }
        ));
        assert!(matches!(
            classify(RequestError::Api(ApiError::BotBlocked)),
            SendError::Permanent {
                reason: PermanentReason::Blocked,
                ..
            }
        ));
        assert!(matches!(
            classify(RequestError::Api(ApiError::MessageIsTooLong)),
            SendError::Permanent {
                reason: PermanentReason::Rejected,
                ..
            }
        ));
    }
}
#[cfg(test)]
mod parsing {
    use super::*;

    const FROM: &str = r#""from":{"id":42,"is_bot":false,"first_name":"C","language_code":"it"}"#;
    const CHAT: &str = r#""chat":{"id":42,"type":"private","first_name":"C"}"#;

    #[test]
    fn messages_and_taps_parse_and_other_kinds_come_out_with_no_kind() {
        let message = format!(
            r#"{{"update_id":7,"message":{{"message_id":1,"date":1700000000,{CHAT},{FROM},"text":"ciao"}}}}"#
        );
        let update = parse_update(message.as_bytes()).unwrap();
        assert_eq!(update.id.0, 7);
        assert!(matches!(update.kind, UpdateKind::Message(_)));
        assert!(receive(&update).inbound.is_some());

        let tap = format!(
            r#"{{"update_id":8,"callback_query":{{"id":"q",{FROM},"chat_instance":"1","data":"menu/start/tributi","message":{{"message_id":2,"date":1700000000,{CHAT},"text":"menu"}}}}}}"#
        );
        let update = parse_update(tap.as_bytes()).unwrap();
        let received = receive(&update);
        assert!(received.callback.is_some());
        assert!(matches!(
            received.inbound.map(|i| i.input),
            Some(Input::Choice { .. })
        ));

        // teloxide's own parser panics on this one; it never reaches it.
        let reaction = br#"{"update_id":9,"message_reaction":{"chat":{"id":42,"type":"private"},"message_id":1,"date":1700000000,"old_reaction":[],"new_reaction":[]}}"#;
        let update = parse_update(reaction).unwrap();
        assert_eq!(update.id.0, 9);
        assert!(receive(&update).inbound.is_none());
    }

    #[test]
    fn bodies_that_are_not_updates_are_errors() {
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        for body in [
            &b"\xff\xfe"[..],
            b"[]",
            b"{}",
            br#"{"update_id":-1}"#,
            br#"{"update_id":"1"}"#,
            deep.as_bytes(),
        ] {
            assert!(parse_update(body).is_err(), "{body:?}");
        }
    }
}
