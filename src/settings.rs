//! Settings: a TOML file (`SPORTELLO_CONFIG`, default `sportello.toml` when present), overridden
//! by `SPORTELLO_*` environment variables. Every key of the file has a variable of the same
//! name in capitals: `flows_dir` is `SPORTELLO_FLOWS_DIR`.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use anyhow::{Context, bail};

use crate::i18n::Lang;

pub const DEFAULT_CONFIG: &str = "sportello.toml";
pub const DEFAULT_DATABASE_URL: &str = "sqlite://sportello.db";
pub const DEFAULT_TELEGRAM_API_URL: &str = "https://api.telegram.org";
/// The Graph API with its version: WhatsApp calls go to `{url}/{phone_number_id}/messages`.
pub const DEFAULT_WHATSAPP_API_URL: &str = "https://graph.facebook.com/v23.0";

/// Every key, with what it is for: the file and the environment accept these and no other.
pub const KEYS: &[(&str, &str)] = &[
    (
        "database_url",
        "where conversations are stored: sqlite://FILE or postgres://...",
    ),
    ("flows_dir", "the folder of the flow files"),
    (
        "locales_dir",
        "the folder of the texts, one subfolder per language",
    ),
    ("telegram_token", "the bot token from BotFather (secret)"),
    ("telegram_api_url", "the Bot API server"),
    (
        "telegram_webhook_url",
        "public https URL of the webhook; polling when unset",
    ),
    (
        "telegram_webhook_secret",
        "the secret Telegram sends with each webhook call (secret)",
    ),
    (
        "telegram_rate",
        "messages per second to all Telegram chats together",
    ),
    (
        "telegram_chat_rate",
        "messages per second to one Telegram chat",
    ),
    (
        "whatsapp_api_url",
        "the Graph API address with its version (WhatsApp)",
    ),
    (
        "whatsapp_phone_number_id",
        "the id of the Comune's WhatsApp number in the Meta app; WhatsApp is off when unset",
    ),
    (
        "whatsapp_access_token",
        "the WhatsApp Cloud API access token of a system user (secret)",
    ),
    (
        "whatsapp_app_secret",
        "the Meta app secret that signs each WhatsApp webhook call (secret)",
    ),
    (
        "whatsapp_verify_token",
        "the token Meta sends back when the WhatsApp webhook is verified (secret)",
    ),
    (
        "whatsapp_rate",
        "messages per second to all WhatsApp citizens together",
    ),
    (
        "whatsapp_citizen_rate",
        "messages per second to one WhatsApp citizen (short bursts allowed)",
    ),
    (
        "whatsapp_template_name",
        "the approved template sent when a reply waits outside the 24-hour window",
    ),
    (
        "whatsapp_template_lang",
        "the language code of that template, as approved (e.g. it)",
    ),
    ("listen", "address of the webhook server"),
    ("admin_listen", "address of the health and metrics server"),
    (
        "log",
        "log filter, e.g. info or sportello=debug (default: info for run, warn otherwise)",
    ),
    (
        "retention_transcript_days",
        "days a conversation that stayed with the bot is kept after its last activity",
    ),
    (
        "retention_case_days",
        "days a conversation handed to an operator is kept after its last activity",
    ),
    (
        "retention_special_days",
        "days a conversation with special-category data (health...) is kept after its last activity",
    ),
    (
        "retention_inbound_days",
        "days processed channel message ids are kept (to recognise redeliveries)",
    ),
    (
        "retention_audit_days",
        "days audit rows (no message content) are kept",
    ),
    (
        "purge_interval_minutes",
        "minutes between retention purges while run serves",
    ),
    (
        "outbox_concurrency",
        "replies the outbox dispatcher sends at once (each to a different conversation)",
    ),
    (
        "outbox_send_timeout_seconds",
        "seconds a send may take before it counts as a transient failure",
    ),
    (
        "outbox_journal",
        "file where accepted sends are noted before the database records them, so a crash does not send them again; `off` to disable (default: beside a SQLite database, off on PostgreSQL)",
    ),
    (
        "outbox_lease_seconds",
        "seconds a claimed reply stays with the process that claimed it; after a crash, its replies wait this long",
    ),
    (
        "check_stale_months",
        "flows check warns when an answer was last verified more months ago than this",
    ),
    (
        "check_gulpease_min",
        "flows check warns when an Italian citizen text has a Gulpease index under this",
    ),
    (
        "check_flesch_min",
        "flows check warns when an English citizen text has a Flesch reading ease under this",
    ),
    (
        "check_url_max",
        "flows check warns when a text writes a web address longer than this, in characters",
    ),
    (
        "check_sentence_words",
        "flows check warns when a sentence of a citizen text has more words than this",
    ),
    (
        "operators_chat_id",
        "chat id of the operators' Telegram supergroup with topics; hand-off needs it",
    ),
    (
        "operators_sign_with_name",
        "true: operators' replies are signed with their first name as well as the Comune",
    ),
    (
        "operators_lang",
        "language of what the bot writes in the operators' group: it or en (commands stay /prendo, /chiudi...)",
    ),
    (
        "operators_see_personal_data",
        "true: operators see what the citizen writes as written; false: with personal data masked as in the stored transcript",
    ),
];

/// A value that must never reach a log.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub database_url: String,
    pub flows_dir: PathBuf,
    pub locales_dir: PathBuf,
    pub telegram_token: Option<Secret>,
    pub telegram_api_url: String,
    pub telegram_webhook_url: Option<String>,
    pub telegram_webhook_secret: Option<Secret>,
    pub telegram_rate: f64,
    pub telegram_chat_rate: f64,
    pub whatsapp_api_url: String,
    pub whatsapp_phone_number_id: Option<String>,
    pub whatsapp_access_token: Option<Secret>,
    pub whatsapp_app_secret: Option<Secret>,
    pub whatsapp_verify_token: Option<Secret>,
    pub whatsapp_rate: f64,
    pub whatsapp_citizen_rate: f64,
    pub whatsapp_template_name: Option<String>,
    pub whatsapp_template_lang: String,
    pub listen: String,
    pub admin_listen: String,
    pub log: Option<String>,
    pub retention: crate::store::Retention,
    pub purge_interval: std::time::Duration,
    /// The outbox dispatcher's pacing (concurrency, send time-out, lease); the rest defaults.
    pub outbox: crate::outbox::DispatcherConfig,
    /// The operators' Telegram group; `None`: no operators' group (hand-offs wait unseen).
    pub operators_chat_id: Option<i64>,
    pub operators_sign_with_name: bool,
    pub operators_see_personal_data: bool,
    /// The language of the bot's texts in the operators' group.
    pub operators_lang: Lang,
    /// The dispatcher's sent journal (`outbox::SentJournal`), if any.
    pub outbox_journal: Option<PathBuf>,
    /// `flows check`: months after which an answer's `verified` date is stale.
    pub check_stale_months: u32,
    /// `flows check`: readability thresholds (Gulpease, Flesch, words per sentence).
    pub check_gulpease_min: f64,
    pub check_flesch_min: f64,
    pub check_sentence_words: u32,
    /// `flows check`: the longest web address a text may write out.
    pub check_url_max: u32,
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
        let mut values: BTreeMap<&str, String> = BTreeMap::new();
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
        let mut take =
            |key: &str, default: &str| values.remove(key).unwrap_or_else(|| default.to_string());
        let rate = |key: &str, text: String| -> anyhow::Result<f64> {
            text.parse::<f64>()
                .ok()
                .filter(|r| *r > 0.0 && r.is_finite())
                .with_context(|| format!("`{key}` must be a positive number, not `{text}`"))
        };
        let mut days = |key: &str, default: &str| -> anyhow::Result<u32> {
            let text = take(key, default);
            text.parse::<u32>()
                .ok()
                .filter(|d| *d > 0)
                .with_context(|| format!("`{key}` must be a whole number from 1, not `{text}`"))
        };
        let retention = crate::store::Retention::days(
            days("retention_transcript_days", "30")?,
            days("retention_case_days", "90")?,
            days("retention_special_days", "7")?,
            days("retention_inbound_days", "7")?,
            days("retention_audit_days", "365")?,
        );
        let purge_minutes = days("purge_interval_minutes", "60")?;
        let check_stale_months = days(
            "check_stale_months",
            &crate::flows::review::DEFAULT_STALE_MONTHS.to_string(),
        )?;
        let check_url_max = days(
            "check_url_max",
            &crate::flows::review::DEFAULT_URL_MAX.to_string(),
        )?;
        let check_sentence_words = days(
            "check_sentence_words",
            &crate::flows::review::DEFAULT_SENTENCE_WORDS_MAX.to_string(),
        )?;
        let defaults = crate::outbox::DispatcherConfig::default();
        let mut outbox = crate::outbox::DispatcherConfig {
            concurrency: days("outbox_concurrency", &defaults.concurrency.to_string())?,
            ..defaults
        };
        let mut seconds = |key: &str, default: std::time::Duration| -> anyhow::Result<_> {
            let text = take(key, &default.as_secs_f64().to_string());
            text.parse::<f64>()
                .ok()
                .filter(|s| *s > 0.0 && s.is_finite() && *s < 1e9)
                .map(std::time::Duration::from_secs_f64)
                .with_context(|| format!("`{key}` must be a positive number, not `{text}`"))
        };
        outbox.send_timeout = seconds("outbox_send_timeout_seconds", outbox.send_timeout)?;
        outbox.lease = seconds("outbox_lease_seconds", outbox.lease)?;
        if outbox.lease <= outbox.send_timeout {
            bail!(
                "`outbox_lease_seconds` ({}) must be longer than `outbox_send_timeout_seconds` \
                 ({}), or a slow send could be claimed and sent again by another process",
                outbox.lease.as_secs_f64(),
                outbox.send_timeout.as_secs_f64()
            );
        }
        let mut index = |key: &str, default: f64| -> anyhow::Result<f64> {
            let text = take(key, &default.to_string());
            text.parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .with_context(|| format!("`{key}` must be a number, not `{text}`"))
        };
        let check_gulpease_min = index(
            "check_gulpease_min",
            crate::flows::review::DEFAULT_GULPEASE_MIN,
        )?;
        let check_flesch_min = index("check_flesch_min", crate::flows::review::DEFAULT_FLESCH_MIN)?;
        let operators_chat_id = match take("operators_chat_id", "").trim() {
            "" => None,
            text => Some(text.parse::<i64>().ok().with_context(|| {
                format!("`operators_chat_id` must be a Telegram chat id such as -1001234567890, not `{text}`")
            })?),
        };
        let mut flag = |key: &str, default: &str| -> anyhow::Result<bool> {
            match take(key, default).trim() {
                "true" | "1" | "yes" => Ok(true),
                "false" | "0" | "no" => Ok(false),
                other => bail!("`{key}` must be true or false, not `{other}`"),
            }
        };
        let operators_sign_with_name = flag("operators_sign_with_name", "false")?;
        let operators_see_personal_data = flag("operators_see_personal_data", "true")?;
        let operators_lang = {
            let text = take("operators_lang", "it");
            Lang::from_tag(text.trim())
                .with_context(|| format!("`operators_lang` must be it or en, not `{text}`"))?
        };
        let database_url = take("database_url", DEFAULT_DATABASE_URL);
        let outbox_journal = match take("outbox_journal", "").as_str() {
            "off" => None,
            "" => default_journal(&database_url),
            path => Some(PathBuf::from(path)),
        };
        Ok(Settings {
            check_stale_months,
            check_gulpease_min,
            check_flesch_min,
            check_sentence_words,
            check_url_max,
            outbox,
            operators_chat_id,
            operators_sign_with_name,
            operators_see_personal_data,
            operators_lang,
            outbox_journal,
            retention,
            purge_interval: std::time::Duration::from_secs(60 * u64::from(purge_minutes)),
            database_url,
            flows_dir: take("flows_dir", "flows").into(),
            locales_dir: take("locales_dir", "locales").into(),
            telegram_token: Some(take("telegram_token", ""))
                .filter(|t| !t.is_empty())
                .map(Secret),
            telegram_api_url: take("telegram_api_url", DEFAULT_TELEGRAM_API_URL),
            telegram_webhook_url: Some(take("telegram_webhook_url", "")).filter(|t| !t.is_empty()),
            telegram_webhook_secret: Some(take("telegram_webhook_secret", ""))
                .filter(|t| !t.is_empty())
                .map(Secret),
            telegram_rate: rate("telegram_rate", take("telegram_rate", "30"))?,
            telegram_chat_rate: rate("telegram_chat_rate", take("telegram_chat_rate", "1"))?,
            whatsapp_api_url: take("whatsapp_api_url", DEFAULT_WHATSAPP_API_URL),
            whatsapp_phone_number_id: Some(take("whatsapp_phone_number_id", ""))
                .filter(|t| !t.is_empty()),
            whatsapp_access_token: Some(take("whatsapp_access_token", ""))
                .filter(|t| !t.is_empty())
                .map(Secret),
            whatsapp_app_secret: Some(take("whatsapp_app_secret", ""))
                .filter(|t| !t.is_empty())
                .map(Secret),
            whatsapp_verify_token: Some(take("whatsapp_verify_token", ""))
                .filter(|t| !t.is_empty())
                .map(Secret),
            whatsapp_rate: rate("whatsapp_rate", take("whatsapp_rate", "80"))?,
            whatsapp_citizen_rate: rate(
                "whatsapp_citizen_rate",
                take("whatsapp_citizen_rate", "1"),
            )?,
            whatsapp_template_name: Some(take("whatsapp_template_name", ""))
                .filter(|t| !t.is_empty()),
            whatsapp_template_lang: take("whatsapp_template_lang", "it"),
            listen: take("listen", "127.0.0.1:8080"),
            admin_listen: take("admin_listen", "127.0.0.1:9090"),
            log: Some(take("log", "")).filter(|l| !l.is_empty()),
        })
    }
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
        assert_eq!(s.telegram_api_url, DEFAULT_TELEGRAM_API_URL);
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
        assert_eq!(lang(None).unwrap().operators_lang, Lang::It);
        assert_eq!(lang(Some("en")).unwrap().operators_lang, Lang::En);
        let err = lang(Some("fr")).unwrap_err().to_string();
        assert!(err.contains("`operators_lang` must be it or en"), "{err}");
    }

    #[test]
    fn a_lease_no_longer_than_the_send_timeout_is_refused() {
        let s = Settings::from_sources(Some("outbox_lease_seconds = 2.5\n"), |k| {
            (k == "SPORTELLO_OUTBOX_SEND_TIMEOUT_SECONDS").then(|| "1".into())
        })
        .unwrap();
        assert_eq!(s.outbox.lease, std::time::Duration::from_millis(2500));
        assert_eq!(s.outbox.send_timeout, std::time::Duration::from_secs(1));
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
            .outbox_journal
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
        assert_eq!(s.telegram_token.as_ref().unwrap().expose(), "123:abc");
        assert!(!format!("{s:?}").contains("123:abc"));
    }
}
