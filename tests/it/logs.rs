//! Nothing personal reaches a log: the real `sportello run` process, at the most verbose log
//! level, through a whole conversation against a fake Bot API and one on the web chat, writes
//! neither the citizen's words nor their chat id or anonymous id nor the bot token.

use crate::{common, fake_telegram};

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use fake_telegram::FakeTelegram;

const WAIT: Duration = Duration::from_secs(30);
const CHAT: i64 = 777_000_555;
const TOKEN: &str = "424242:SECRET-bot-token-VALUE";
/// The web chat citizen's anonymous id.
const WEB_ID: &str = "5f0c2a9e-web-citizen-7d41b38c";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What the citizen writes: each would be personal data in a log.
const SAID: &[&str] = &[
    "buongiorno sono Mario Rossi",
    "il mio codice fiscale è RSSMRA85T10A562S, telefono 333 1234567",
    "quando scade la tari?",
    "mia madre ha il diabete",
];

/// Runs `sportello run` on `database` (a SQLite file in a temporary folder when `None`)
/// through a whole conversation, and returns everything it wrote.
async fn conversation_logs(filter: &str, database: Option<&str>) -> String {
    let fake = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let database = database.map_or_else(
        || format!("sqlite://{}", dir.path().join("bot.db").display()),
        str::to_owned,
    );
    let log_path = dir.path().join("sportello.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let webchat = format!("127.0.0.1:{}", common::free_port());
    let mut child = Command::new(env!("CARGO_BIN_EXE_sportello"))
        .arg("run")
        .current_dir(dir.path())
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("SPORTELLO_TELEGRAM_TOKEN", TOKEN)
        .env("SPORTELLO_TELEGRAM_API_URL", fake.url())
        .env("SPORTELLO_DATABASE_URL", &database)
        .env("SPORTELLO_FLOWS_DIR", root().join("flows"))
        .env("SPORTELLO_LOCALES_DIR", root().join("locales"))
        .env("SPORTELLO_LISTEN", "127.0.0.1:0")
        .env("SPORTELLO_ADMIN_LISTEN", "127.0.0.1:0")
        .env("SPORTELLO_TELEGRAM_RATE", "1000")
        .env("SPORTELLO_TELEGRAM_CHAT_RATE", "1000")
        .env("SPORTELLO_WEBCHAT_LISTEN", &webchat)
        .env("SPORTELLO_WEBCHAT_ORIGINS", crate::webchat::SITE)
        .env("SPORTELLO_LOG", filter)
        .stdin(Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .unwrap();

    let mut expected = 0;
    for text in SAID {
        fake.text(CHAT, "it", text);
        expected += 1;
        fake.wait_sent(CHAT, expected, WAIT).await;
        expected = fake.sent_to(CHAT).len();
    }
    // A tap, the export and an erasure: every path that touches the citizen's data.
    let buttons = fake.sent_to(CHAT).last().unwrap().buttons.clone();
    if let Some((_, data)) = buttons.iter().find(|(_, d)| !d.starts_with("http")) {
        fake.tap(CHAT, "it", data);
        fake.wait_sent(CHAT, expected + 1, WAIT).await;
    }
    fake.text(CHAT, "it", "/i_miei_dati");
    fake.wait_documents(CHAT, 1, WAIT).await;
    fake.text(CHAT, "it", "/cancella_dati");
    let before = fake.sent_to(CHAT).len();
    fake.wait_sent(CHAT, before + 1, WAIT).await;
    let confirm = fake.sent_to(CHAT).last().unwrap().buttons.clone();
    let (_, yes) = confirm.first().expect("a yes button").clone();
    fake.tap(CHAT, "it", &yes);
    fake.wait_sent(CHAT, before + 2, WAIT).await;

    // The same words on the web chat, and its export downloaded.
    let mut page = crate::webchat::Page::new(&format!("http://{webchat}"), WEB_ID);
    let mut events = page.stream(None).await;
    events.next(WAIT).await.expect("the stream is ready");
    for text in SAID {
        page.says(text).await;
        events.reply().await;
    }
    page.says("/i_miei_dati").await;
    let key = loop {
        let reply = events.reply().await;
        if let Some(key) = reply.data["download"]["key"].as_str() {
            break key.to_string();
        }
    };
    assert_eq!(page.download(&key).await, reqwest::StatusCode::OK);

    // A clean stop, so everything buffered is written.
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let deadline = std::time::Instant::now() + WAIT;
    while child.try_wait().unwrap().is_none() {
        assert!(
            std::time::Instant::now() < deadline,
            "sportello did not stop"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    std::fs::read_to_string(&log_path).unwrap()
}

fn assert_nothing_personal(logs: &str) {
    let chat = CHAT.to_string();
    let mut secrets: Vec<&str> = vec![
        TOKEN,
        "SECRET-bot-token-VALUE",
        &chat,
        WEB_ID,
        "Cittadino",
        "Mario Rossi",
        "RSSMRA85T10A562S",
        "333 1234567",
        "diabete",
    ];
    secrets.extend(SAID);
    for secret in secrets {
        if let Some(at) = logs.find(secret) {
            let line_start = logs[..at].rfind('\n').map_or(0, |i| i + 1);
            let line_end = logs[at..].find('\n').map_or(logs.len(), |i| at + i);
            panic!("the logs hold {secret:?}:\n{}", &logs[line_start..line_end]);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whole_conversation_at_trace_level_logs_no_text_no_chat_id_and_no_token() {
    let logs = conversation_logs("trace", None).await;
    // The filter took effect: the process told what it did, at every level.
    assert!(
        logs.contains("TRACE") || logs.contains("\"level\":\"TRACE\""),
        "{logs}"
    );
    assert!(logs.contains("DEBUG") || logs.contains("\"level\":\"DEBUG\""));
    assert!(logs.lines().count() > 50, "{logs}");
    assert_nothing_personal(&logs);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_postgresql_too_the_logs_hold_nothing_personal() {
    let Some(db) = common::TestDb::postgres().await else {
        return;
    };
    let logs = conversation_logs("trace", Some(&db.url)).await;
    assert!(logs.contains("sqlx::query"), "{logs}");
    assert_nothing_personal(&logs);
    db.close().await;
}
