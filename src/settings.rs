//! Settings: a TOML file (`SPORTELLO_CONFIG`, default `sportello.toml` when present), overridden
//! by `SPORTELLO_*` environment variables. Every key of the file has a variable of the same
//! name in capitals: `flows_dir` is `SPORTELLO_FLOWS_DIR`.
//!
//! The keys are flat (`telegram_token`); `Settings` gathers those of one prefix in a part
//! (`settings.telegram.token`) and is filled by serde from the two layers merged, each value
//! read from its text, as an environment variable gives it.

mod broadcasts;
mod keys;
mod webchat;
pub use broadcasts::{AlertsSettings, BroadcastsSettings};
pub use keys::KEYS;
pub use webchat::WebChatSettings;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, bail};
use secrecy::SecretString;
use serde::Deserialize;
use serde::de::{self, Deserializer, IntoDeserializer, MapAccess, Visitor};

use crate::i18n::Lang;
use crate::outbox::DispatcherConfig;
use crate::store::Retention;

pub const DEFAULT_CONFIG: &str = "sportello.toml";
pub const DEFAULT_DATABASE_URL: &str = "sqlite://sportello.db";
pub const DEFAULT_TELEGRAM_API_URL: &str = "https://api.telegram.org";
/// The Graph API with its version: WhatsApp calls go to `{url}/{phone_number_id}/messages`.
pub const DEFAULT_WHATSAPP_API_URL: &str = "https://graph.facebook.com/v23.0";

/// The prefixes that make a part of `Settings`: `telegram_token` is `telegram.token`.
const PARTS: &[&str] = &[
    "console",
    "telegram",
    "whatsapp",
    "operators",
    "retention",
    "insights",
    "outbox",
    "check",
    "webchat",
    "broadcasts",
    "alerts",
];

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub database_url: String,
    pub flows_dir: PathBuf,
    pub locales_dir: PathBuf,
    pub listen: String,
    pub admin_listen: String,
    #[serde(deserialize_with = "optional")]
    pub log: Option<String>,
    #[serde(rename = "purge_interval_minutes", deserialize_with = "minutes")]
    pub purge_interval: Duration,
    /// The local hour from which the day's deadline reminders go out (`reminders`).
    #[serde(deserialize_with = "hour")]
    pub reminder_hour: u32,
    /// The local hour from which the evening's collection reminders go out (`waste.yaml`).
    #[serde(deserialize_with = "hour")]
    pub waste_reminder_hour: u32,
    /// Months of silence after which a citizen's subscriptions end.
    #[serde(deserialize_with = "whole")]
    pub subscription_inactive_months: u32,
    pub telegram: TelegramSettings,
    pub whatsapp: WhatsAppSettings,
    pub operators: OperatorsSettings,
    pub console: ConsoleSettings,
    /// `webchat_*`: the chat on the Comune's website.
    pub webchat: WebChatSettings,
    /// How long each class of data is kept (`retention_*_days`).
    #[serde(deserialize_with = "retention")]
    pub retention: Retention,
    /// `insights_*`: the daily statistics.
    pub insights: InsightsSettings,
    pub outbox: OutboxSettings,
    /// What `flows check` warns about.
    pub check: CheckSettings,
    /// `broadcasts_*`: announcements.
    pub broadcasts: BroadcastsSettings,
    /// `alerts_*`: emergency alerts from a CAP feed.
    pub alerts: AlertsSettings,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            database_url: DEFAULT_DATABASE_URL.into(),
            flows_dir: "flows".into(),
            locales_dir: "locales".into(),
            listen: "127.0.0.1:8080".into(),
            admin_listen: "127.0.0.1:9090".into(),
            log: None,
            purge_interval: Duration::from_secs(60 * 60),
            reminder_hour: 17,
            waste_reminder_hour: 19,
            subscription_inactive_months: 12,
            telegram: TelegramSettings::default(),
            whatsapp: WhatsAppSettings::default(),
            operators: OperatorsSettings::default(),
            console: ConsoleSettings::default(),
            webchat: WebChatSettings::default(),
            retention: RetentionDays::default().into(),
            insights: InsightsSettings::default(),
            outbox: OutboxSettings::default(),
            check: CheckSettings::default(),
            broadcasts: BroadcastsSettings::default(),
            alerts: AlertsSettings::default(),
        }
    }
}

/// `telegram_*`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TelegramSettings {
    #[serde(deserialize_with = "secret")]
    pub token: Option<SecretString>,
    pub api_url: String,
    /// Webhook mode when set; polling when not.
    #[serde(deserialize_with = "optional")]
    pub webhook_url: Option<String>,
    #[serde(deserialize_with = "secret")]
    pub webhook_secret: Option<SecretString>,
    /// Messages per second to all chats together, and to one chat.
    #[serde(deserialize_with = "positive")]
    pub rate: f64,
    #[serde(deserialize_with = "positive")]
    pub chat_rate: f64,
}

impl Default for TelegramSettings {
    fn default() -> Self {
        TelegramSettings {
            token: None,
            api_url: DEFAULT_TELEGRAM_API_URL.into(),
            webhook_url: None,
            webhook_secret: None,
            rate: 30.0,
            chat_rate: 1.0,
        }
    }
}

/// `whatsapp_*`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WhatsAppSettings {
    pub api_url: String,
    /// WhatsApp is off while this and the access token are unset.
    #[serde(deserialize_with = "optional")]
    pub phone_number_id: Option<String>,
    #[serde(deserialize_with = "secret")]
    pub access_token: Option<SecretString>,
    #[serde(deserialize_with = "secret")]
    pub app_secret: Option<SecretString>,
    #[serde(deserialize_with = "secret")]
    pub verify_token: Option<SecretString>,
    /// Messages per second to all citizens together, and to one citizen.
    #[serde(deserialize_with = "positive")]
    pub rate: f64,
    #[serde(deserialize_with = "positive")]
    pub citizen_rate: f64,
    #[serde(deserialize_with = "optional")]
    pub template_name: Option<String>,
    pub template_lang: String,
}

impl Default for WhatsAppSettings {
    fn default() -> Self {
        WhatsAppSettings {
            api_url: DEFAULT_WHATSAPP_API_URL.into(),
            phone_number_id: None,
            access_token: None,
            app_secret: None,
            verify_token: None,
            rate: 80.0,
            citizen_rate: 1.0,
            template_name: None,
            template_lang: "it".into(),
        }
    }
}

/// `operators_*`: the operators' Telegram group.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OperatorsSettings {
    /// `None`: no operators' group (hand-offs wait unseen).
    #[serde(deserialize_with = "chat_id")]
    pub chat_id: Option<i64>,
    #[serde(deserialize_with = "flag")]
    pub sign_with_name: bool,
    #[serde(deserialize_with = "flag")]
    pub see_personal_data: bool,
    /// The language of the bot's texts in the operators' group.
    #[serde(deserialize_with = "lang")]
    pub lang: Lang,
}

impl Default for OperatorsSettings {
    fn default() -> Self {
        OperatorsSettings {
            chat_id: None,
            sign_with_name: false,
            see_personal_data: true,
            lang: Lang::It,
        }
    }
}

/// `console_*`: the web console for the Comune's staff.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ConsoleSettings {
    /// `None`: no console.
    #[serde(deserialize_with = "optional")]
    pub listen: Option<String>,
    #[serde(deserialize_with = "flag")]
    pub secure_cookies: bool,
    #[serde(rename = "idle_minutes", deserialize_with = "minutes")]
    pub idle: Duration,
    #[serde(rename = "session_hours", deserialize_with = "hours")]
    pub session: Duration,
    #[serde(deserialize_with = "optional")]
    pub oidc_issuer: Option<String>,
    #[serde(deserialize_with = "optional")]
    pub oidc_client_id: Option<String>,
    #[serde(deserialize_with = "secret")]
    pub oidc_client_secret: Option<SecretString>,
    #[serde(deserialize_with = "optional")]
    pub oidc_redirect_url: Option<String>,
    pub oidc_username_claim: String,
}

impl Default for ConsoleSettings {
    fn default() -> Self {
        ConsoleSettings {
            listen: None,
            secure_cookies: true,
            idle: Duration::from_secs(30 * 60),
            session: Duration::from_secs(10 * 60 * 60),
            oidc_issuer: None,
            oidc_client_id: None,
            oidc_client_secret: None,
            oidc_redirect_url: None,
            oidc_username_claim: "preferred_username".into(),
        }
    }
}

/// `retention_*_days`, read into a `store::Retention`.
#[derive(Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RetentionDays {
    #[serde(deserialize_with = "whole")]
    transcript_days: u32,
    #[serde(deserialize_with = "whole")]
    case_days: u32,
    #[serde(deserialize_with = "whole")]
    special_days: u32,
    #[serde(deserialize_with = "whole")]
    inbound_days: u32,
    #[serde(deserialize_with = "whole")]
    audit_days: u32,
}

impl Default for RetentionDays {
    fn default() -> Self {
        RetentionDays {
            transcript_days: 30,
            case_days: 90,
            special_days: 7,
            inbound_days: 7,
            audit_days: 365,
        }
    }
}

impl From<RetentionDays> for Retention {
    fn from(d: RetentionDays) -> Retention {
        Retention::days(
            d.transcript_days,
            d.case_days,
            d.special_days,
            d.inbound_days,
            d.audit_days,
        )
    }
}

fn retention<'de, D: Deserializer<'de>>(d: D) -> Result<Retention, D::Error> {
    RetentionDays::deserialize(d).map(Retention::from)
}

/// `outbox_*`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(try_from = "OutboxKeys")]
pub struct OutboxSettings {
    /// The dispatcher's pacing (concurrency, send time-out, lease); the rest defaults.
    pub dispatch: DispatcherConfig,
    pub journal: Journal,
}

/// Where the dispatcher's sent journal (`outbox::SentJournal`) is kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Journal {
    /// Beside a SQLite database file; none on PostgreSQL.
    #[default]
    BesideTheDatabase,
    Off,
    File(PathBuf),
}

#[derive(Deserialize)]
#[serde(default, deny_unknown_fields)]
struct OutboxKeys {
    #[serde(deserialize_with = "whole")]
    concurrency: u32,
    #[serde(deserialize_with = "seconds")]
    send_timeout_seconds: Duration,
    #[serde(deserialize_with = "seconds")]
    lease_seconds: Duration,
    journal: String,
}

impl Default for OutboxKeys {
    fn default() -> Self {
        let d = DispatcherConfig::default();
        OutboxKeys {
            concurrency: d.concurrency,
            send_timeout_seconds: d.send_timeout,
            lease_seconds: d.lease,
            journal: String::new(),
        }
    }
}

impl TryFrom<OutboxKeys> for OutboxSettings {
    type Error = String;

    fn try_from(keys: OutboxKeys) -> Result<Self, String> {
        if keys.lease_seconds <= keys.send_timeout_seconds {
            return Err(format!(
                "`outbox_lease_seconds` ({}) must be longer than `outbox_send_timeout_seconds` \
                 ({}), or a slow send could be claimed and sent again by another process",
                keys.lease_seconds.as_secs_f64(),
                keys.send_timeout_seconds.as_secs_f64()
            ));
        }
        Ok(OutboxSettings {
            dispatch: DispatcherConfig {
                concurrency: keys.concurrency,
                send_timeout: keys.send_timeout_seconds,
                lease: keys.lease_seconds,
                ..DispatcherConfig::default()
            },
            journal: match keys.journal.as_str() {
                "" => Journal::BesideTheDatabase,
                "off" => Journal::Off,
                path => Journal::File(path.into()),
            },
        })
    }
}

/// `insights_*`: how long the daily statistics are kept, and what a resolved conversation
/// is worth in calls.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct InsightsSettings {
    #[serde(deserialize_with = "whole")]
    pub retention_days: u32,
    #[serde(deserialize_with = "share")]
    pub call_share: f64,
    /// The weekday the weekly digest goes to the operators' group; `None`: never.
    #[serde(deserialize_with = "weekday")]
    pub digest_day: Option<chrono::Weekday>,
    /// The local hour from which it goes, that day.
    #[serde(deserialize_with = "hour")]
    pub digest_hour: u32,
}

impl Default for InsightsSettings {
    fn default() -> Self {
        InsightsSettings {
            retention_days: 3650,
            call_share: 0.3,
            digest_day: Some(chrono::Weekday::Mon),
            digest_hour: 9,
        }
    }
}

/// `check_*`: the thresholds of `flows check`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CheckSettings {
    /// Months after which an answer's `verified` date is stale.
    #[serde(deserialize_with = "whole")]
    pub stale_months: u32,
    /// Readability thresholds (Gulpease, Flesch, words per sentence).
    #[serde(deserialize_with = "number")]
    pub gulpease_min: f64,
    #[serde(deserialize_with = "number")]
    pub flesch_min: f64,
    #[serde(deserialize_with = "whole")]
    pub sentence_words: u32,
    /// The longest web address a text may write out.
    #[serde(deserialize_with = "whole")]
    pub url_max: u32,
}

impl Default for CheckSettings {
    fn default() -> Self {
        use crate::flows::review;
        CheckSettings {
            stale_months: review::DEFAULT_STALE_MONTHS,
            gulpease_min: review::DEFAULT_GULPEASE_MIN,
            flesch_min: review::DEFAULT_FLESCH_MIN,
            sentence_words: review::DEFAULT_SENTENCE_WORDS_MAX as u32,
            url_max: review::DEFAULT_URL_MAX as u32,
        }
    }
}

impl Settings {
    /// Reads the configuration file and the process environment.
    pub fn load() -> anyhow::Result<Settings> {
        let explicit = std::env::var("SPORTELLO_CONFIG").ok();
        let path = PathBuf::from(explicit.clone().unwrap_or_else(|| DEFAULT_CONFIG.into()));
        let file = match std::fs::read_to_string(&path) {
            Ok(text) => Some(text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && explicit.is_none() => None,
            Err(e) => {
                return Err(e)
                    .with_context(|| format!("cannot read the settings file {}", path.display()));
            }
        };
        Settings::from_sources(file.as_deref(), |k| std::env::var(k).ok()).with_context(|| {
            format!(
                "in the settings ({} and SPORTELLO_* variables)",
                path.display()
            )
        })
    }

    /// Settings from a file's text and an environment lookup; the environment wins.
    pub fn from_sources(
        file: Option<&str>,
        env: impl Fn(&str) -> Option<String>,
    ) -> anyhow::Result<Settings> {
        let mut values: BTreeMap<&'static str, String> = BTreeMap::new();
        if let Some(text) = file {
            let table: toml::Table = text
                .parse()
                .context("the settings file is not valid TOML")?;
            for (key, value) in table {
                let Some(&(known, _)) = KEYS.iter().find(|(k, _)| *k == key) else {
                    let names: Vec<&str> = KEYS.iter().map(|(k, _)| *k).collect();
                    let hint = crate::diag::closest(&key, names.iter().copied()).map_or_else(
                        || format!("known keys: {}", names.join(", ")),
                        |k| format!("did you mean `{k}`?"),
                    );
                    bail!("unknown setting `{key}` ({hint})");
                };
                let value = match value {
                    toml::Value::String(s) => s,
                    other => other.to_string(),
                };
                values.insert(known, value);
            }
        }
        for (key, _) in KEYS {
            if let Some(value) = env(&format!("SPORTELLO_{}", key.to_uppercase())) {
                values.insert(key, value);
            }
        }
        let mut top = BTreeMap::new();
        for (key, value) in values {
            let leaf = Node::Text { key, value };
            match key.split_once('_') {
                Some((part, field)) if PARTS.contains(&part) => {
                    let Node::Part(fields) = top.entry(part).or_insert(Node::Part(BTreeMap::new()))
                    else {
                        unreachable!("a part's name is no key of its own");
                    };
                    fields.insert(field, leaf);
                }
                _ => {
                    top.insert(key, leaf);
                }
            }
        }
        Ok(Settings::deserialize(Node::Part(top))?)
    }

    /// The sent journal's file, if any: `outbox_journal`, or beside a SQLite database.
    pub fn outbox_journal(&self) -> Option<PathBuf> {
        match &self.outbox.journal {
            Journal::BesideTheDatabase => default_journal(&self.database_url),
            Journal::Off => None,
            Journal::File(path) => Some(path.clone()),
        }
    }
}

/// The merged layers as serde reads them: every value is text (an environment variable's, or
/// a file value written out), held with its key for the error that names it.
enum Node {
    Text { key: &'static str, value: String },
    Part(BTreeMap<&'static str, Node>),
}

impl<'de> Deserializer<'de> for Node {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self {
            Node::Text { value, .. } => visitor.visit_string(value),
            Node::Part(fields) => visitor.visit_map(Fields {
                fields: fields.into_iter(),
                next: None,
            }),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

struct Fields {
    fields: std::collections::btree_map::IntoIter<&'static str, Node>,
    next: Option<Node>,
}

impl<'de> MapAccess<'de> for Fields {
    type Error = de::value::Error;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        let Some((name, node)) = self.fields.next() else {
            return Ok(None);
        };
        self.next = Some(node);
        seed.deserialize(name.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Self::Error> {
        let node = self.next.take().expect("a value follows its key");
        let key = match &node {
            Node::Text { key, .. } => Some(*key),
            Node::Part(_) => None,
        };
        seed.deserialize(node).map_err(|e| match key {
            Some(key) => de::Error::custom(format_args!("`{key}` {e}")),
            None => e,
        })
    }
}

/// Reads a value's text with `parse`; `Err` holds what the value must be.
fn parsed<'de, D: Deserializer<'de>, T>(
    d: D,
    parse: impl FnOnce(&str) -> Result<T, &'static str>,
) -> Result<T, D::Error> {
    let text = String::deserialize(d)?;
    parse(&text).map_err(|must| de::Error::custom(format_args!("must be {must}, not `{text}`")))
}

fn optional<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Some(String::deserialize(d)?).filter(|t| !t.is_empty()))
}

fn secret<'de, D: Deserializer<'de>>(d: D) -> Result<Option<SecretString>, D::Error> {
    Ok(optional(d)?.map(SecretString::from))
}

fn positive<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    parsed(d, |t| {
        t.parse::<f64>()
            .ok()
            .filter(|r| *r > 0.0 && r.is_finite())
            .ok_or("a positive number")
    })
}

fn number<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    parsed(d, |t| {
        t.parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or("a number")
    })
}

fn share<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    parsed(d, |t| {
        t.parse::<f64>()
            .ok()
            .filter(|v| (0.0..=1.0).contains(v))
            .ok_or("a number from 0 to 1")
    })
}

fn whole<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    parsed(d, |t| {
        t.parse::<u32>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or("a whole number from 1")
    })
}

fn hour<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    parsed(d, |t| {
        t.parse::<u32>()
            .ok()
            .filter(|n| *n < 24)
            .ok_or("an hour from 0 to 23")
    })
}

fn weekday<'de, D: Deserializer<'de>>(d: D) -> Result<Option<chrono::Weekday>, D::Error> {
    parsed(d, |t| match t.trim() {
        "off" => Ok(None),
        t => t
            .parse::<chrono::Weekday>()
            .map(Some)
            .map_err(|_| "a weekday (mon, tue, wed, thu, fri, sat, sun) or off"),
    })
}

fn minutes<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
    Ok(Duration::from_secs(60 * u64::from(whole(d)?)))
}

fn hours<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
    Ok(Duration::from_secs(3600 * u64::from(whole(d)?)))
}

fn seconds<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
    parsed(d, |t| {
        t.parse::<f64>()
            .ok()
            .filter(|s| *s > 0.0 && s.is_finite() && *s < 1e9)
            .map(Duration::from_secs_f64)
            .ok_or("a positive number")
    })
}

fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    parsed(d, |t| match t.trim() {
        "true" | "1" | "yes" => Ok(true),
        "false" | "0" | "no" => Ok(false),
        _ => Err("true or false"),
    })
}

fn chat_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    parsed(d, |t| match t.trim() {
        "" => Ok(None),
        id => id
            .parse::<i64>()
            .map(Some)
            .map_err(|_| "a Telegram chat id such as -1001234567890"),
    })
}

fn lang<'de, D: Deserializer<'de>>(d: D) -> Result<Lang, D::Error> {
    parsed(d, |t| Lang::from_tag(t.trim()).ok_or("it or en"))
}

/// Beside a SQLite database file, `FILE-sent.journal`; none for PostgreSQL (several processes
/// share a database there, and each needs a journal of its own: set `outbox_journal`) or an
/// in-memory database.
fn default_journal(database_url: &str) -> Option<PathBuf> {
    if database_url.starts_with("postgres://") || database_url.starts_with("postgresql://") {
        return None;
    }
    let file = database_url
        .strip_prefix("sqlite://")
        .or_else(|| database_url.strip_prefix("sqlite:"))?;
    let file = file.split('?').next().unwrap_or_default();
    if file.is_empty() || file.contains(":memory:") {
        return None;
    }
    Some(PathBuf::from(format!("{file}-sent.journal")))
}

#[cfg(test)]
mod tests {
    use secrecy::ExposeSecret;

    use super::*;

    #[test]
    fn the_environment_wins_over_the_file_and_defaults_fill_the_rest() {
        let file = "flows_dir = \"/srv/flows\"\ndatabase_url = \"sqlite://file.db\"\n";
        let s = Settings::from_sources(Some(file), |k| {
            (k == "SPORTELLO_DATABASE_URL").then(|| "postgres://db".into())
        })
        .unwrap();
        assert_eq!(s.database_url, "postgres://db");
        assert_eq!(s.flows_dir, PathBuf::from("/srv/flows"));
        assert_eq!(s.locales_dir, PathBuf::from("locales"));
        assert_eq!(s.telegram.api_url, DEFAULT_TELEGRAM_API_URL);
    }

    #[test]
    fn an_unknown_key_is_refused_with_a_suggestion() {
        let err = Settings::from_sources(Some("flow_dir = \"x\"\n"), |_| None).unwrap_err();
        assert!(
            err.to_string().contains("did you mean `flows_dir`?"),
            "{err}"
        );
    }

    #[test]
    fn the_operators_language_is_italian_unless_set_and_checked() {
        let lang = |value: Option<&str>| {
            Settings::from_sources(None, |k| {
                (k == "SPORTELLO_OPERATORS_LANG").then(|| value.map(str::to_owned))?
            })
        };
        assert_eq!(lang(None).unwrap().operators.lang, Lang::It);
        assert_eq!(lang(Some("en")).unwrap().operators.lang, Lang::En);
        let err = lang(Some("fr")).unwrap_err().to_string();
        assert!(err.contains("`operators_lang` must be it or en"), "{err}");
    }

    #[test]
    fn a_lease_no_longer_than_the_send_timeout_is_refused() {
        let s = Settings::from_sources(Some("outbox_lease_seconds = 2.5\n"), |k| {
            (k == "SPORTELLO_OUTBOX_SEND_TIMEOUT_SECONDS").then(|| "1".into())
        })
        .unwrap();
        assert_eq!(
            s.outbox.dispatch.lease,
            std::time::Duration::from_millis(2500)
        );
        assert_eq!(
            s.outbox.dispatch.send_timeout,
            std::time::Duration::from_secs(1)
        );
        let err = Settings::from_sources(Some("outbox_lease_seconds = 20\n"), |_| None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("must be longer than"), "{err}");
    }

    #[test]
    fn the_sent_journal_sits_beside_a_sqlite_file_and_is_off_for_postgres_unless_set() {
        let on = |url: &str, journal: Option<&str>| {
            Settings::from_sources(None, |k| match k {
                "SPORTELLO_DATABASE_URL" => Some(url.to_string()),
                "SPORTELLO_OUTBOX_JOURNAL" => journal.map(str::to_string),
                _ => None,
            })
            .unwrap()
            .outbox_journal()
        };
        assert_eq!(
            on("sqlite:///srv/sportello/bot.db?mode=rwc", None),
            Some(PathBuf::from("/srv/sportello/bot.db-sent.journal"))
        );
        assert_eq!(on("sqlite::memory:", None), None);
        assert_eq!(on("sqlite:///srv/bot.db", Some("off")), None);
        assert_eq!(on("postgres://db/sportello", None), None);
        assert_eq!(
            on(
                "postgres://db/sportello",
                Some("/var/lib/sportello/sent.journal")
            ),
            Some(PathBuf::from("/var/lib/sportello/sent.journal"))
        );
    }

    #[test]
    fn secrets_do_not_show_in_debug_output() {
        let s = Settings::from_sources(None, |k| {
            (k == "SPORTELLO_TELEGRAM_TOKEN").then(|| "123:abc".into())
        })
        .unwrap();
        assert_eq!(
            s.telegram.token.as_ref().unwrap().expose_secret(),
            "123:abc"
        );
        assert!(!format!("{s:?}").contains("123:abc"));
    }

    /// `KEYS` is what the file and the environment accept; each must land in a field.
    #[test]
    fn every_key_has_its_field() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/deploy/sportello.example.toml");
        let example = std::fs::read_to_string(path).unwrap();
        for (key, _) in KEYS {
            let line = example
                .lines()
                .map(|l| l.trim_start_matches("# "))
                .find(|l| l.starts_with(&format!("{key} = ")))
                .unwrap_or_else(|| panic!("`{key}` is not in the example configuration"));
            Settings::from_sources(Some(line), |_| None)
                .unwrap_or_else(|e| panic!("`{line}`: {e:#}"));
        }
    }

    #[test]
    fn values_are_read_from_their_text_in_the_file_and_in_the_environment() {
        let file = "telegram_rate = \"12.5\"\nwhatsapp_phone_number_id = 106540352242922\n\
                    operators_chat_id = -1001234567890\nretention_case_days = 45\n";
        let s = Settings::from_sources(Some(file), |k| match k {
            "SPORTELLO_OPERATORS_SIGN_WITH_NAME" => Some("yes".into()),
            "SPORTELLO_PURGE_INTERVAL_MINUTES" => Some("5".into()),
            "SPORTELLO_CHECK_GULPEASE_MIN" => Some("-3".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!(s.telegram.rate, 12.5);
        assert_eq!(
            s.whatsapp.phone_number_id.as_deref(),
            Some("106540352242922")
        );
        assert_eq!(s.operators.chat_id, Some(-1_001_234_567_890));
        assert!(s.operators.sign_with_name);
        assert!(s.operators.see_personal_data);
        assert_eq!(s.retention, Retention::days(30, 45, 7, 7, 365));
        assert_eq!(s.purge_interval, Duration::from_secs(300));
        assert_eq!(s.check.gulpease_min, -3.0);
        assert_eq!(s.check.url_max, 60);
    }

    #[test]
    fn a_bad_value_is_refused_with_its_key_and_what_it_must_be() {
        let refused = |key: &str, value: &str| {
            let var = format!("SPORTELLO_{}", key.to_uppercase());
            Settings::from_sources(None, |k| (k == var).then(|| value.to_owned()))
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            refused("telegram_rate", "0"),
            "`telegram_rate` must be a positive number, not `0`"
        );
        assert_eq!(
            refused("retention_audit_days", "1.5"),
            "`retention_audit_days` must be a whole number from 1, not `1.5`"
        );
        assert_eq!(
            refused("operators_see_personal_data", "maybe"),
            "`operators_see_personal_data` must be true or false, not `maybe`"
        );
        assert_eq!(
            refused("operators_chat_id", "@group"),
            "`operators_chat_id` must be a Telegram chat id such as -1001234567890, not `@group`"
        );
        assert_eq!(
            refused("outbox_send_timeout_seconds", "-1"),
            "`outbox_send_timeout_seconds` must be a positive number, not `-1`"
        );
    }
}
