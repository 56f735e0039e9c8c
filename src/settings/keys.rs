//! Every setting: its flat key (`telegram_token`; the environment variable is
//! `SPORTELLO_TELEGRAM_TOKEN`) and what it is for, in the order the docs list them.

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
        "insights_retention_days",
        "days the daily statistics (no personal data) are kept",
    ),
    (
        "insights_call_share",
        "share (0 to 1) of the conversations the bot resolved that would otherwise have been a call to the switchboard",
    ),
    (
        "insights_digest_day",
        "weekday (mon to sun) the weekly digest of the insights goes to the operators' group, or off",
    ),
    (
        "insights_digest_hour",
        "local hour (0-23, the Comune's time zone) from which the weekly digest goes out that day",
    ),
    (
        "purge_interval_minutes",
        "minutes between retention purges while run serves",
    ),
    (
        "reminder_hour",
        "local hour (0-23, the Comune's time zone) from which the day's deadline reminders go out",
    ),
    (
        "waste_reminder_hour",
        "local hour (0-23) from which the evening reminders of tomorrow's waste collection go out",
    ),
    (
        "subscription_inactive_months",
        "months without a message from a citizen after which their subscriptions end, with a notice",
    ),
    (
        "broadcasts_emergency_approval",
        "true: a broadcast on an emergency topic needs the approval of a second member of staff before it goes out",
    ),
    (
        "broadcasts_chunk",
        "recipients of a broadcast queued per transaction",
    ),
    (
        "broadcasts_poll_seconds",
        "seconds between looks for broadcasts due, while run serves",
    ),
    (
        "alerts_cap_url",
        "address answering one CAP 1.2 alert, polled for emergency alerts; unset: none",
    ),
    (
        "alerts_cap_file",
        "file holding one CAP 1.2 alert, read at each poll; unset: none",
    ),
    (
        "alerts_poll_seconds",
        "seconds between two reads of the CAP source",
    ),
    (
        "alerts_lat",
        "latitude of a point inside the Comune (WGS 84), to judge an alert's area",
    ),
    ("alerts_lon", "longitude of that point"),
    (
        "alerts_reach_km",
        "kilometres from that point to the farthest edge of the Comune's territory",
    ),
    (
        "alerts_istat",
        "the Comune's ISTAT code, for alerts naming areas by geocode",
    ),
    (
        "alerts_min_severity",
        "least severity of an alert sent to citizens: minor, moderate, severe, extreme",
    ),
    (
        "alerts_min_urgency",
        "least urgency: past, future, expected, immediate",
    ),
    (
        "alerts_min_certainty",
        "least certainty: unlikely, possible, likely, observed",
    ),
    (
        "alerts_auto_send",
        "true: an alert that concerns the Comune is sent at once; false: it waits for a person's approval",
    ),
    (
        "alerts_topic",
        "the topic whose subscribers receive the alerts (default: the first emergency topic)",
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
        "console_listen",
        "address of the web console for the Comune's staff (off unless set), behind the reverse proxy",
    ),
    (
        "console_secure_cookies",
        "false only for a console reached over plain HTTP on localhost: its cookie then lacks Secure",
    ),
    (
        "console_idle_minutes",
        "a console session unused this long ends",
    ),
    (
        "console_session_hours",
        "a console session ends this long after login, used or not",
    ),
    (
        "console_oidc_issuer",
        "single sign-on: the OpenID Connect provider's issuer URL (off unless set)",
    ),
    (
        "console_oidc_client_id",
        "single sign-on: the console's client id at the provider",
    ),
    (
        "console_oidc_client_secret",
        "single sign-on: the console's client secret at the provider",
    ),
    (
        "console_oidc_redirect_url",
        "single sign-on: the console's public address of /login/sso/callback, as registered at the provider",
    ),
    (
        "console_oidc_username_claim",
        "single sign-on: the claim of the ID token that is the console's username",
    ),
    (
        "webchat_listen",
        "address of the chat on the Comune's website: the widget's script and its API (off unless set)",
    ),
    (
        "webchat_origins",
        "the sites whose pages may carry the web chat, comma-separated (https://www.comune.esempio.it)",
    ),
    (
        "webchat_max_chars",
        "the longest message the web chat accepts, in characters",
    ),
    (
        "webchat_ip_per_minute",
        "messages per minute the web chat accepts from one network address",
    ),
    (
        "webchat_id_per_minute",
        "messages per minute the web chat accepts from one browser",
    ),
    (
        "operators_see_personal_data",
        "true: operators see what the citizen writes as written; false: with personal data masked as in the stored transcript",
    ),
];
