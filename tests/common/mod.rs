//! Test helpers: a fresh database per test on SQLite or PostgreSQL, a fixed answering
//! function standing in for the engine, a channel that records what it was asked to send, and
//! `eventually`, which awaits a condition instead of sleeping a fixed time.

use std::collections::VecDeque;
use std::future::Future;
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Once};
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use sportello::app::StartOptions;
use sportello::channels::{Channel, ChannelKind, ChannelUserId, Recipient, SendError, SentId};
use sportello::clock::ManualClock;
use sportello::conversations::Inbound;
use sportello::engine::{Input, Outcome, Reply, State};
use sportello::handoff::HandoffConfig;
use sportello::outbox::DispatcherConfig;
use sportello::store::{self, BackendKind, Store};
use sqlx::Connection;

pub const POSTGRES_ENV: &str = "SPORTELLO_TEST_POSTGRES_URL";

/// A database for one test, dropped (PostgreSQL) or deleted (SQLite) afterwards.
pub struct TestDb {
    pub store: Store,
    pub url: String,
    /// The SQLite file's folder, deleted when the test's database is dropped.
    _dir: Option<tempfile::TempDir>,
    pg: Option<PgDatabase>,
}

struct PgDatabase {
    admin_url: String,
    name: String,
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("sportello.db").display());
        let store = store::connect(&url).await.expect("open sqlite");
        store.migrate().await.expect("migrate sqlite");
        TestDb {
            store,
            url,
            _dir: Some(dir),
            pg: None,
        }
    }

    /// A fresh PostgreSQL database, or `None` (after a loud note) when none is configured
    /// outside CI. In CI (`CI=true`) a missing or unreachable server fails the test.
    pub async fn postgres() -> Option<TestDb> {
        let admin_url = postgres_admin_url()?;
        let name = unique_name();
        let mut admin = match sqlx::PgConnection::connect(&admin_url).await {
            Ok(conn) => conn,
            Err(e) => {
                let why = format!("cannot connect to {POSTGRES_ENV}: {e}");
                if in_ci() {
                    panic!("{why}");
                }
                skip_note(&why);
                return None;
            }
        };
        sqlx::query(sqlx::AssertSqlSafe(format!("create database {name}")))
            .execute(&mut admin)
            .await
            .expect("create test database");
        admin.close().await.ok();
        let url = with_database(&admin_url, &name);
        let store = store::connect(&url).await.expect("open postgres");
        store.migrate().await.expect("migrate postgres");
        Some(TestDb {
            store,
            url,
            _dir: None,
            pg: Some(PgDatabase { admin_url, name }),
        })
    }

    pub fn kind(&self) -> BackendKind {
        self.store.kind()
    }

    /// Another, independent connection pool on the same database: what a second process has.
    pub async fn second_store(&self) -> Store {
        store::connect(&self.url).await.expect("second connection")
    }

    pub async fn close(mut self) {
        self.store.close().await;
        if let Some(pg) = self.pg.take() {
            drop_pg(&pg).await;
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        // A test that panicked never reached `close`: drop its database from a thread with its
        // own runtime, since this may run inside the test's runtime.
        if let Some(pg) = self.pg.take() {
            let _ = std::thread::spawn(move || {
                if let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    rt.block_on(drop_pg(&pg));
                }
            })
            .join();
        }
    }
}

async fn drop_pg(pg: &PgDatabase) {
    if let Ok(mut admin) = sqlx::PgConnection::connect(&pg.admin_url).await {
        let sql = format!("drop database if exists {} with (force)", pg.name);
        let _ = sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&mut admin)
            .await;
        admin.close().await.ok();
    }
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

fn postgres_admin_url() -> Option<String> {
    match std::env::var(POSTGRES_ENV) {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ => {
            if in_ci() {
                panic!(
                    "CI=true but {POSTGRES_ENV} is not set: the PostgreSQL store tests must run in CI"
                );
            }
            skip_note(&format!("{POSTGRES_ENV} is not set"));
            None
        }
    }
}

/// Written straight to standard error, past the test harness's capture, once per test binary.
fn skip_note(why: &str) {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let _ = writeln!(
            std::io::stderr(),
            "\n*** SKIPPED: PostgreSQL store tests ({why}).\n\
             *** Run them with {POSTGRES_ENV}=postgres://postgres@127.0.0.1:5432/test cargo test\n"
        );
    });
}

fn unique_name() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    format!(
        "sportello_test_{}_{}_{}",
        std::process::id(),
        Utc::now().timestamp_micros(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// `url` pointing at database `name` instead of its own.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let base = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{base}/{name}?{query}"),
        None => format!("{base}/{name}"),
    }
}

/// Runs each listed `async fn(&TestDb)` as a test on SQLite and on PostgreSQL:
/// `sqlite::name` and `postgres::name`. Without `SPORTELLO_TEST_POSTGRES_URL` at build time the
/// PostgreSQL ones are marked ignored (see `build.rs`), so the summary counts them as not run.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let db = $crate::common::TestDb::sqlite().await;
                    super::$name(&db).await;
                    db.close().await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                #[cfg_attr(
                    sportello_no_test_postgres,
                    ignore = "SPORTELLO_TEST_POSTGRES_URL is not set"
                )]
                async fn $name() {
                    let Some(db) = $crate::common::TestDb::postgres().await else { return };
                    super::$name(&db).await;
                    db.close().await;
                }
            )*
        }
    };
}

/// A fixed instant, so tests do not depend on the wall clock.
/// The engine's state of a stored conversation.
pub fn state_of(conversation: &store::Conversation) -> State {
    State::from_stored(&conversation.state).expect("a readable state")
}

pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 14, 9, 0, 0).unwrap()
}

pub fn text_inbound(channel: ChannelKind, user: &str, message_id: &str, text: &str) -> Inbound {
    Inbound {
        channel,
        user: ChannelUserId::new(user),
        message_id: message_id.to_owned(),
        lang_hint: None,
        input: Input::Text {
            text: text.to_owned(),
        },
        received_at: t0(),
    }
}

/// Stands in for the engine where a test counts replies: answers every text with one reply
/// echoing it ("many ..." gets three), and appends the text to `state.path`, so the stored
/// state shows which messages were processed and in what order.
pub fn echo(state: &State, input: &Input, _now: DateTime<Utc>) -> Outcome {
    let text = match input {
        Input::Text { text } => text.clone(),
        other => format!("{other:?}"),
    };
    let mut state = state.clone();
    state.path.push(text.clone());
    let count = if text.starts_with("many") { 3 } else { 1 };
    let replies = (0..count)
        .map(|i| Reply {
            text: format!("{text} #{i}"),
            ..Reply::default()
        })
        .collect();
    Outcome {
        state,
        replies,
        effects: Vec::new(),
    }
}

/// One call to a `RecordingChannel`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub conversation_id: i64,
    pub user: String,
    pub text: String,
}

/// A channel that records every send and answers from a script (success once it runs out).
#[derive(Clone, Default)]
pub struct RecordingChannel {
    pub kind_: Option<ChannelKind>,
    pub delivered: Arc<Mutex<Vec<Delivery>>>,
    pub script: Arc<Mutex<VecDeque<Result<(), SendError>>>>,
    pub delay: Option<Duration>,
    /// Sends to this user wait this long first: a connection that hangs.
    pub stall: Option<(String, Duration)>,
}

impl RecordingChannel {
    pub fn new(kind: ChannelKind) -> RecordingChannel {
        RecordingChannel {
            kind_: Some(kind),
            ..RecordingChannel::default()
        }
    }

    /// The next sends fail like this, in order.
    pub fn fail_next(&self, errors: impl IntoIterator<Item = SendError>) {
        self.script
            .lock()
            .unwrap()
            .extend(errors.into_iter().map(Err));
    }

    pub fn delivered(&self) -> Vec<Delivery> {
        self.delivered.lock().unwrap().clone()
    }
}

impl Channel for RecordingChannel {
    fn kind(&self) -> ChannelKind {
        self.kind_.unwrap_or(ChannelKind::Telegram)
    }

    async fn send(&self, to: &Recipient, reply: &Reply) -> Result<SentId, SendError> {
        if let Some(delay) = self.delay {
            tokio::time::sleep(delay).await;
        }
        if let Some((user, stall)) = &self.stall
            && to.user.expose() == user
        {
            tokio::time::sleep(*stall).await;
        }
        let scripted = self.script.lock().unwrap().pop_front();
        if let Some(Err(e)) = scripted {
            return Err(e);
        }
        let mut delivered = self.delivered.lock().unwrap();
        delivered.push(Delivery {
            conversation_id: to.conversation_id.0,
            user: to.user.expose().to_owned(),
            text: reply.text.clone(),
        });
        Ok(SentId(format!("m{}", delivered.len())))
    }
}

/// Start options for a service under test: the dispatcher and the hand-off worker look often,
/// on the given clock.
pub fn quick_start(clock: Arc<ManualClock>) -> StartOptions {
    StartOptions {
        dispatch: DispatcherConfig {
            poll_interval: Duration::from_millis(100),
            send_timeout: Duration::from_secs(5),
            lease: Duration::from_secs(10),
            ..DispatcherConfig::default()
        },
        clock,
        handoff: HandoffConfig {
            poll_interval: Duration::from_millis(100),
            ..HandoffConfig::default()
        },
    }
}

/// The settings of a service under test on a fake Bot API at `api_url` and the database at
/// `database_url`: no pacing to speak of, servers on free ports, and `extra` variables
/// (`SPORTELLO_*`) on top, the later winning.
pub fn telegram_settings(
    api_url: &str,
    database_url: &str,
    extra: &[(&str, &str)],
) -> sportello::settings::Settings {
    let vars: Vec<(String, String)> = vec![
        ("SPORTELLO_TELEGRAM_TOKEN".into(), "123456:TEST".into()),
        ("SPORTELLO_TELEGRAM_API_URL".into(), api_url.into()),
        ("SPORTELLO_DATABASE_URL".into(), database_url.into()),
        ("SPORTELLO_TELEGRAM_RATE".into(), "1000".into()),
        ("SPORTELLO_TELEGRAM_CHAT_RATE".into(), "1000".into()),
        ("SPORTELLO_LISTEN".into(), "127.0.0.1:0".into()),
        ("SPORTELLO_ADMIN_LISTEN".into(), "127.0.0.1:0".into()),
    ];
    settings_from(vars, extra)
}

/// Settings from `vars` and then `extra`, as the environment would give them; a variable given
/// later wins, so `extra` can change a default (a fixed port, for a restart).
pub fn settings_from(
    mut vars: Vec<(String, String)>,
    extra: &[(&str, &str)],
) -> sportello::settings::Settings {
    vars.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    sportello::settings::Settings::from_sources(None, |k| {
        vars.iter()
            .rev()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
    })
    .unwrap()
}

/// A free port on the loopback, for a service that must come back on the same address.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Copies a folder and everything in it (the example flows and texts, to edit in a test).
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// Polls `check` until it gives a value and returns it; fails, naming `what`, when `timeout`
/// passes first. For conditions that become true (a case opened, a queue emptied), where a fixed
/// sleep would be either too short on a slow machine or a waste on a fast one.
pub async fn eventually<T, F, Fut>(what: &str, timeout: Duration, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        if let Some(value) = check().await {
            return value;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "{what}: not within {timeout:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
