//! The WhatsApp channel, on the WhatsApp Business Cloud API: messages and statuses in by a
//! signed webhook, replies out through the Graph API with reply buttons, lists or numbered
//! options, and the 24-hour window kept. The only module that knows WhatsApp's JSON.

pub mod parse;
pub mod webhook;

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use secrecy::{ExposeSecret, SecretString};
use serde_json::{Value, json};

use super::media::{ImageChannel, Images, Uploaded};
use super::pace::Pace;
use super::{Channel, ChannelKind, PermanentReason, Recipient, SendError, SentId};
use crate::engine::{ChoiceView, Reply};
use crate::flows::check::callback_data;
use crate::flows::limits::{ChannelLimits, ChoiceLimits};
use crate::flows::live::Live;
use crate::flows::media::MediaFile;
use crate::i18n::Lang;
use crate::metrics::Metrics;
use crate::settings::Settings;
use crate::store::Store;

/// WhatsApp's limit on a text message's body, in characters.
pub const MAX_TEXT_CHARS: usize = 4096;
/// Interactive messages: up to 3 reply buttons, up to 10 list rows, and their titles.
const CHOICES: ChoiceLimits = ChoiceLimits {
    buttons_max: 3,
    button_title_max: 20,
    list_rows_max: 10,
    row_title_max: 24,
};
/// WhatsApp's limit on an image's caption, in characters.
const CAPTION_MAX: usize = 1024;
/// What WhatsApp shows, as `flows check` holds the flows to it. The ids a choice sends back
/// are shortened here when too long (`choice_id`), so the flows have no limit on them.
pub const LIMITS: ChannelLimits = ChannelLimits {
    name: "WhatsApp",
    text_max: Some(MAX_TEXT_CHARS),
    callback_data_max: None,
    choices: Some(CHOICES),
    image_max_bytes: Some(5 * 1024 * 1024),
    caption_max: Some(CAPTION_MAX),
};
/// WhatsApp's limit on an interactive message's body, in characters.
pub const MAX_INTERACTIVE_BODY_CHARS: usize = 1024;
/// Limits on the ids a button or a list row sends back.
const BUTTON_ID_MAX: usize = 256;
const ROW_ID_MAX: usize = 200;
/// The free-form reply window after a citizen's last message.
pub const REPLY_WINDOW: Duration = Duration::from_secs(24 * 60 * 60);
/// The text of a list's opening button (at most 20 characters on WhatsApp).
pub const LIST_BUTTON_TEXT: &str = "whatsapp-list-button";

/// The approved template sent when replies wait outside the 24-hour window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub name: String,
    pub lang: String,
}

#[derive(Debug, Clone)]
pub struct WhatsAppConfig {
    /// The Graph API with its version, e.g. `https://graph.facebook.com/v23.0`.
    pub api_url: String,
    pub phone_number_id: String,
    pub access_token: SecretString,
    pub app_secret: SecretString,
    pub verify_token: SecretString,
    /// Messages per second to all citizens together.
    pub rate: f64,
    /// Messages per second to one citizen.
    pub citizen_rate: f64,
    pub template: Option<Template>,
}

impl WhatsAppConfig {
    /// The WhatsApp settings, or `None` when WhatsApp is not configured (no phone number id
    /// and no access token). Half a configuration is an error naming what is missing.
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Option<WhatsAppConfig>> {
        let settings = &settings.whatsapp;
        if settings.phone_number_id.is_none() && settings.access_token.is_none() {
            return Ok(None);
        }
        let missing = |what: &str, var: &str| {
            format!("WhatsApp needs `{what}` ({var}); see docs/whatsapp.md")
        };
        Ok(Some(WhatsAppConfig {
            api_url: settings.api_url.trim_end_matches('/').to_owned(),
            phone_number_id: settings.phone_number_id.clone().with_context(|| {
                missing(
                    "whatsapp_phone_number_id",
                    "SPORTELLO_WHATSAPP_PHONE_NUMBER_ID",
                )
            })?,
            access_token: settings.access_token.clone().with_context(|| {
                missing("whatsapp_access_token", "SPORTELLO_WHATSAPP_ACCESS_TOKEN")
            })?,
            app_secret: settings
                .app_secret
                .clone()
                .with_context(|| missing("whatsapp_app_secret", "SPORTELLO_WHATSAPP_APP_SECRET"))?,
            verify_token: settings.verify_token.clone().with_context(|| {
                missing("whatsapp_verify_token", "SPORTELLO_WHATSAPP_VERIFY_TOKEN")
            })?,
            rate: settings.rate,
            citizen_rate: settings.citizen_rate,
            template: settings.template_name.clone().map(|name| Template {
                name,
                lang: settings.template_lang.clone(),
            }),
        }))
    }
}

pub struct WhatsApp {
    config: WhatsAppConfig,
    http: reqwest::Client,
    messages_url: String,
    /// Where files are uploaded before they are sent as a document (`/{phone}/media`).
    media_url: String,
    pace: Pace<String>,
    /// For the citizen's language (a list's button label) and the texts.
    store: Store,
    flows: Arc<Live>,
    metrics: Arc<Metrics>,
    /// The images of replies and their uploads' media ids.
    images: Images,
}

impl WhatsApp {
    pub fn new(config: WhatsAppConfig, store: Store, flows: Arc<Live>) -> anyhow::Result<WhatsApp> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(15))
            .build()?;
        let messages_url = format!("{}/{}/messages", config.api_url, config.phone_number_id);
        reqwest::Url::parse(&messages_url).context("whatsapp_api_url is not a valid URL")?;
        let media_url = format!("{}/{}/media", config.api_url, config.phone_number_id);
        Ok(WhatsApp {
            pace: Pace::new(config.rate, config.citizen_rate),
            config,
            http,
            messages_url,
            media_url,
            images: Images {
                store: store.clone(),
                flows: flows.clone(),
            },
            store,
            flows,
            metrics: Arc::new(Metrics::new()),
        })
    }

    /// Counts into the service's `metrics` (else into an instance of its own).
    pub fn with_metrics(mut self, metrics: Arc<Metrics>) -> WhatsApp {
        self.metrics = metrics;
        self
    }

    pub fn metrics(&self) -> &Arc<Metrics> {
        &self.metrics
    }

    pub fn config(&self) -> &WhatsAppConfig {
        &self.config
    }

    /// Posts one message to the Graph API and returns its `wamid`.
    async fn post(&self, to: &str, message: Value) -> Result<SentId, SendError> {
        let mut body = json!({
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": to,
        });
        if let (Some(body), Value::Object(message)) = (body.as_object_mut(), message) {
            body.extend(message);
        }
        let request = self
            .http
            .post(&self.messages_url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body.to_string());
        let (status, answer) = self.call(request).await?;
        answer["messages"][0]["id"]
            .as_str()
            .map(|id| SentId(id.to_owned()))
            .ok_or_else(|| SendError::Transient {
                retry_after: None,
                detail: format!("WhatsApp answered {status} without a message id"),
            })
    }

    /// Uploads a file (the citizen's data export, an image of the flows) and returns its
    /// media id, for a `document` or `image` message. WhatsApp keeps uploaded media for 30
    /// days; an id it no longer knows is refused, and the image uploaded again.
    async fn upload(
        &self,
        bytes: Vec<u8>,
        filename: &str,
        mime: &str,
    ) -> Result<String, SendError> {
        let file = reqwest::multipart::Part::bytes(bytes)
            .file_name(filename.to_owned())
            .mime_str(mime)
            .map_err(|e| SendError::Permanent {
                reason: PermanentReason::Rejected,
                detail: format!("attachment type not accepted: {e}"),
            })?;
        let form = reqwest::multipart::Form::new()
            .text("messaging_product", "whatsapp")
            .text("type", mime.to_owned())
            .part("file", file);
        let (status, answer) = self
            .call(self.http.post(&self.media_url).multipart(form))
            .await?;
        answer["id"]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| SendError::Transient {
                retry_after: None,
                detail: format!("WhatsApp answered {status} to an upload without a media id"),
            })
    }

    /// Sends a request to the Graph API: the status and the JSON answer of a success, or the
    /// failure classified as transient or permanent.
    async fn call(&self, request: reqwest::RequestBuilder) -> Result<(u16, Value), SendError> {
        let response = request
            .bearer_auth(self.config.access_token.expose_secret())
            .send()
            .await
            .map_err(|e| SendError::Transient {
                retry_after: None,
                // Without the URL: it holds nothing secret, but keep details short.
                detail: format!("WhatsApp request failed: {}", e.without_url()),
            })?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok())
            .map(Duration::from_secs);
        let answer: Value = response.json_value().await;
        if (200..300).contains(&status) {
            return Ok((status, answer));
        }
        let code = answer["error"]["code"].as_i64();
        let error = classify(status, code, retry_after);
        if let SendError::Transient { retry_after, .. } = &error
            && is_rate_limit(status, code)
        {
            self.metrics.rate_limited.inc(ChannelKind::WhatsApp.code());
            // The number's throughput is shared by every citizen: all sends wait. The pair
            // rate limit (131056) is one citizen's, and only that row waits.
            if code != Some(PAIR_RATE_LIMIT_CODE) {
                self.pace.pause(retry_after.unwrap_or(THROUGHPUT_PAUSE));
            }
        }
        Err(error)
    }

    async fn citizen_lang(&self, to: &Recipient) -> Lang {
        match self
            .store
            .citizen_status(ChannelKind::WhatsApp, &to.user)
            .await
        {
            Ok(Some(status)) => status.lang,
            _ => Lang::default(),
        }
    }
}

/// Reads a body as JSON, `Null` when it is not.
trait JsonValue {
    async fn json_value(self) -> Value;
}

impl JsonValue for reqwest::Response {
    async fn json_value(self) -> Value {
        match self.bytes().await {
            Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or(Value::Null),
            Err(_) => Value::Null,
        }
    }
}

/// Error codes of the Cloud API that mean "slow down": throughput (130429), the pair rate
/// limit to one citizen (131056), spam rate limit (131048), application rate limits (4, 80007).
const RATE_LIMIT_CODES: &[i64] = &[4, 80007, 130429, 131048, 131056];
/// Too many messages to one citizen in a short time.
const PAIR_RATE_LIMIT_CODE: i64 = 131056;
/// How long every send waits after a throughput error without `Retry-After`.
const THROUGHPUT_PAUSE: Duration = Duration::from_secs(1);
/// A template's body parameter: at most this many characters, on one line.
const TEMPLATE_PARAMETER_MAX: usize = 1024;
/// Errors on Meta's side: worth another attempt.
const SERVER_CODES: &[i64] = &[1, 2, 131000, 131016, 133004];
/// The recipient cannot receive messages (not on WhatsApp, or unreachable).
const UNREACHABLE_CODES: &[i64] = &[131026];
/// "Re-engagement message": more than 24 hours since the citizen last wrote.
const OUTSIDE_WINDOW_CODE: i64 = 131047;

fn is_rate_limit(status: u16, code: Option<i64>) -> bool {
    status == 429 || code.is_some_and(|c| RATE_LIMIT_CODES.contains(&c))
}

/// What a failed Graph API call means for the outbox. The detail holds the HTTP status and
/// WhatsApp's error code, never Meta's message text (which may quote the recipient).
pub fn classify(status: u16, code: Option<i64>, retry_after: Option<Duration>) -> SendError {
    let detail = match code {
        Some(code) => format!("HTTP {status}, WhatsApp error {code}"),
        None => format!("HTTP {status}"),
    };
    if is_rate_limit(status, code) {
        // Retried, never given up: the wait is the platform's or the throughput pause.
        return SendError::Transient {
            retry_after: Some(retry_after.unwrap_or(THROUGHPUT_PAUSE)),
            detail,
        };
    }
    match code {
        Some(OUTSIDE_WINDOW_CODE) => SendError::OutsideWindow { detail },
        Some(c) if UNREACHABLE_CODES.contains(&c) => SendError::Permanent {
            reason: PermanentReason::Blocked,
            detail,
        },
        Some(c) if SERVER_CODES.contains(&c) => SendError::Transient {
            retry_after: None,
            detail,
        },
        _ if status >= 500 => SendError::Transient {
            retry_after: None,
            detail,
        },
        _ => SendError::Permanent {
            reason: PermanentReason::Rejected,
            detail,
        },
    }
}

/// How a reply's choices go out: decided by their number, exactly as the flow checker
/// (`flows::check`) assumes when it warns about WhatsApp's limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Text,
    Buttons,
    List,
    Numbered,
}

pub fn shape(choices: usize) -> Shape {
    match choices {
        0 => Shape::Text,
        n if n <= CHOICES.buttons_max => Shape::Buttons,
        n if n <= CHOICES.list_rows_max => Shape::List,
        _ => Shape::Numbered,
    }
}

fn cut(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// The id a button or row sends back: where it was shown and which choice, or the bare
/// choice id when that would be too long.
fn choice_id(reply: &Reply, choice: &ChoiceView, max: usize) -> String {
    reply
        .at
        .as_deref()
        .map(|at| callback_data(at, &choice.id))
        .filter(|id| id.len() <= max)
        .unwrap_or_else(|| cut(&choice.id, max))
}

fn text_message(body: &str) -> Value {
    json!({
        "type": "text",
        "text": { "preview_url": body.contains("https://"), "body": body },
    })
}

/// The reply with every option numbered in the text, links with their address: what a
/// citizen answers by typing a number or a label.
fn numbered(reply: &Reply) -> Vec<Value> {
    let mut options = String::new();
    for (i, choice) in reply.choices.iter().enumerate() {
        options.push_str(&format!("\n{}. {}", i + 1, choice.label));
        if let Some(url) = &choice.url {
            options.push_str(&format!(": {url}"));
        }
    }
    let together = format!("{}\n{options}", reply.text);
    if together.chars().count() <= MAX_TEXT_CHARS {
        vec![text_message(&together)]
    } else {
        vec![
            text_message(&reply.text),
            text_message(&cut(options.trim_start(), MAX_TEXT_CHARS)),
        ]
    }
}

/// The Graph API messages (without the recipient) that carry a reply, in sending order:
/// usually one. `list_button` labels a list's opening button.
pub fn render(reply: &Reply, list_button: &str) -> Vec<Value> {
    let shape = shape(reply.choices.len());
    if shape == Shape::Text {
        return vec![text_message(&reply.text)];
    }
    if shape == Shape::Numbered {
        return numbered(reply);
    }
    // Links cannot be buttons: they go in the text, with their address.
    let mut body = reply.text.clone();
    let (links, taps): (Vec<&ChoiceView>, Vec<&ChoiceView>) =
        reply.choices.iter().partition(|c| c.url.is_some());
    for link in &links {
        body.push_str(&format!(
            "\n{}: {}",
            link.label,
            link.url.as_deref().unwrap_or("")
        ));
    }
    if taps.is_empty() {
        return vec![text_message(&body)];
    }
    if body.chars().count() > MAX_INTERACTIVE_BODY_CHARS {
        return numbered(reply);
    }
    let interactive = if shape == Shape::Buttons {
        let titles: Vec<String> = taps
            .iter()
            .map(|c| cut(&c.label, CHOICES.button_title_max))
            .collect();
        let unique: std::collections::HashSet<&String> = titles.iter().collect();
        if unique.len() != titles.len() {
            // WhatsApp refuses two buttons with one title.
            return numbered(reply);
        }
        let buttons: Vec<Value> = taps
            .iter()
            .zip(titles)
            .map(|(c, title)| {
                json!({ "type": "reply", "reply": {
                    "id": choice_id(reply, c, BUTTON_ID_MAX), "title": title } })
            })
            .collect();
        json!({
            "type": "button",
            "body": { "text": body },
            "action": { "buttons": buttons },
        })
    } else {
        let rows: Vec<Value> = taps
            .iter()
            .map(|c| {
                json!({ "id": choice_id(reply, c, ROW_ID_MAX),
                        "title": cut(&c.label, CHOICES.row_title_max) })
            })
            .collect();
        json!({
            "type": "list",
            "body": { "text": body },
            "action": {
                "button": cut(list_button, CHOICES.button_title_max),
                "sections": [{ "rows": rows }],
            },
        })
    };
    vec![json!({ "type": "interactive", "interactive": interactive })]
}

impl Channel for WhatsApp {
    fn kind(&self) -> ChannelKind {
        ChannelKind::WhatsApp
    }

    fn reply_window(&self) -> Option<Duration> {
        Some(REPLY_WINDOW)
    }

    fn pace(&self) -> Option<super::PaceState> {
        Some(self.pace.state())
    }

    fn set_share(&self, processes: u32) {
        self.pace.set_share(processes);
    }

    async fn send_outside_window(
        &self,
        to: &Recipient,
        topic: &str,
        reply: &Reply,
    ) -> Option<Result<SentId, SendError>> {
        let template = self.flows.get().topic(topic)?.whatsapp_template.clone()?;
        // A parameter may hold no new line, tab or run of spaces: the text goes on one line.
        let text = reply.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let _sending = self.pace.wait(to.user.expose().to_owned()).await;
        let sent = self
            .post(
                to.user.expose(),
                json!({
                    "type": "template",
                    "template": {
                        "name": template.name,
                        "language": { "code": template.lang },
                        "components": [{ "type": "body", "parameters": [
                            { "type": "text", "text": cut(&text, TEMPLATE_PARAMETER_MAX) },
                        ] }],
                    },
                }),
            )
            .await;
        if sent.is_ok() {
            self.metrics.replies_out.inc(self.kind().code());
        }
        Some(sent)
    }

    async fn send(&self, to: &Recipient, reply: &Reply) -> Result<SentId, SendError> {
        if let Some(image) = &reply.image {
            let sent = super::media::send_image(self, &self.images, to, reply, image).await?;
            self.metrics.replies_out.inc(self.kind().code());
            return Ok(sent);
        }
        let list_button = if shape(reply.choices.len()) == Shape::List {
            let lang = self.citizen_lang(to).await;
            self.flows.get().locales.text(lang, LIST_BUTTON_TEXT, &[])
        } else {
            String::new()
        };
        // Usually one message; a numbered reply too long for one goes in two. If the second
        // fails, the retry sends both again: the at-least-once boundary of docs/storage.md.
        // The id kept is the last one's, whose statuses tell whether the options arrived.
        let mut sent = SentId::default();
        for message in render(reply, &list_button) {
            let _sending = self.pace.wait(to.user.expose().to_owned()).await;
            sent = self.post(to.user.expose(), message).await?;
        }
        // A file (the data export) follows the text as a document.
        if let Some(attachment) = &reply.attachment {
            let bytes = attachment.content.clone().into_bytes();
            let media = self
                .upload(bytes, &attachment.filename, &attachment.mime)
                .await?;
            let _sending = self.pace.wait(to.user.expose().to_owned()).await;
            let document = json!({
                "type": "document",
                "document": { "id": media, "filename": attachment.filename },
            });
            sent = self.post(to.user.expose(), document).await?;
        }
        self.metrics.replies_out.inc(self.kind().code());
        Ok(sent)
    }

    async fn send_reengagement(&self, to: &Recipient) -> Result<SentId, SendError> {
        let Some(template) = &self.config.template else {
            return Err(SendError::Permanent {
                reason: PermanentReason::Rejected,
                detail: "no re-engagement template is configured (whatsapp_template_name)".into(),
            });
        };
        let _sending = self.pace.wait(to.user.expose().to_owned()).await;
        self.post(
            to.user.expose(),
            json!({
                "type": "template",
                "template": { "name": template.name, "language": { "code": template.lang } },
            }),
        )
        .await
    }
}

impl ImageChannel for WhatsApp {
    /// Uploads the image to the media endpoint, then sends it by the media id it got. If
    /// the message fails after the upload, the retry uploads again.
    async fn send_upload(&self, to: &Recipient, file: &MediaFile, caption: &str) -> Uploaded {
        let id = self
            .upload(file.bytes.to_vec(), &file.name, file.format.mime())
            .await?;
        let sent = self.send_by_id(to, &id, caption).await?;
        Ok((sent, Some(id)))
    }

    async fn send_by_id(
        &self,
        to: &Recipient,
        media_id: &str,
        caption: &str,
    ) -> Result<SentId, SendError> {
        let _sending = self.pace.wait(to.user.expose().to_owned()).await;
        let image = json!({
            "type": "image",
            "image": { "id": media_id, "caption": cut(caption, CAPTION_MAX) },
        });
        self.post(to.user.expose(), image).await
    }

    async fn send_as_text(&self, to: &Recipient, reply: &Reply) -> Result<SentId, SendError> {
        let mut sent = SentId::default();
        for message in render(reply, "") {
            let _sending = self.pace.wait(to.user.expose().to_owned()).await;
            sent = self.post(to.user.expose(), message).await?;
        }
        Ok(sent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(n: usize, label: impl Fn(usize) -> String) -> Reply {
        Reply {
            text: "Scelga".into(),
            choices: (0..n)
                .map(|i| ChoiceView {
                    id: format!("c{i}"),
                    label: label(i),
                    url: None,
                })
                .collect(),
            at: Some("menu.start".into()),
            attachment: None,
            image: None,
        }
    }

    #[test]
    fn the_number_of_choices_decides_buttons_list_or_numbered_text() {
        let three = render(&reply(3, |i| format!("Opzione {i}")), "Scegli");
        assert_eq!(three[0]["interactive"]["type"], "button");
        assert_eq!(
            three[0]["interactive"]["action"]["buttons"][2]["reply"]["id"],
            "menu.start/c2"
        );
        let four = render(&reply(4, |i| format!("Opzione {i}")), "Scegli");
        assert_eq!(four[0]["interactive"]["type"], "list");
        assert_eq!(four[0]["interactive"]["action"]["button"], "Scegli");
        let eleven = render(&reply(11, |i| format!("Opzione {i}")), "Scegli");
        assert_eq!(eleven[0]["type"], "text");
        assert!(
            eleven[0]["text"]["body"]
                .as_str()
                .unwrap()
                .contains("\n11. Opzione 10")
        );
    }

    #[test]
    fn long_titles_are_cut_and_duplicates_fall_back_to_numbered_text() {
        let long = render(&reply(2, |i| format!("{i} una etichetta molto lunga")), "S");
        let title = long[0]["interactive"]["action"]["buttons"][0]["reply"]["title"]
            .as_str()
            .unwrap();
        assert_eq!(title.chars().count(), CHOICES.button_title_max);
        let same = render(&reply(2, |_| "Uguale per tutte le opzioni".into()), "S");
        assert_eq!(same[0]["type"], "text");
    }

    #[test]
    fn links_go_in_the_text_with_their_address() {
        let mut r = reply(2, |i| format!("Opzione {i}"));
        r.choices[0].url = Some("https://www.comune.esempio.it/tari".into());
        let sent = render(&r, "S");
        let body = sent[0]["interactive"]["body"]["text"].as_str().unwrap();
        assert!(body.contains("Opzione 0: https://www.comune.esempio.it/tari"));
        assert_eq!(
            sent[0]["interactive"]["action"]["buttons"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn rate_limits_are_retried_and_the_closed_window_is_recognised() {
        assert!(matches!(
            classify(400, Some(130429), None),
            SendError::Transient { .. }
        ));
        assert!(matches!(
            classify(429, None, Some(Duration::from_secs(2))),
            SendError::Transient { retry_after: Some(d), .. } if d == Duration::from_secs(2)
        ));
        assert!(matches!(
            classify(400, Some(131047), None),
            SendError::OutsideWindow { .. }
        ));
        assert!(matches!(
            classify(400, Some(131026), None),
            SendError::Permanent {
                reason: PermanentReason::Blocked,
                ..
            }
        ));
        assert!(matches!(
            classify(503, None, None),
            SendError::Transient { .. }
        ));
        assert!(matches!(
            classify(400, Some(100), None),
            SendError::Permanent {
                reason: PermanentReason::Rejected,
                ..
            }
        ));
    }
}
