//! The retention purge of a large SQLite file while citizens keep writing:
//! `cargo bench --bench purge`. Fills a file with `BENCH_MESSAGES` (1,000,000) transcript
//! lines past their retention (with their conversations, citizens, outbox and inbound rows),
//! then runs `Store::purge` while a task sends citizens' messages through
//! `conversations::handle` and the example flows at `BENCH_RATE` (50) a second, and prints
//! the purge's time and the replies' latencies before and during it. Backends are named on the
//! command line: `sqlite` (the default) and `postgres` (with `SPORTELLO_TEST_POSTGRES_URL`).
//!
//! A reply's latency is the time `conversations::handle` takes: the message is processed and
//! its replies committed to the outbox, ready for the dispatcher.

#[path = "support/citizens.rs"]
mod citizens;
#[path = "support/pg.rs"]
mod pg;
#[path = "support/timing.rs"]
mod timing;

use citizens::summary;
use pg::BenchDatabase;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use sportello::flows::FlowSet;
use sportello::store::{self, Retention};
use sqlx::Connection;

/// Transcript lines per expired conversation.
const LINES: usize = 20;

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

fn file_mib(path: &std::path::Path) -> f64 {
    let size = |p: &std::path::Path| std::fs::metadata(p).map_or(0, |m| m.len());
    let wal = path.with_extension("db-wal");
    (size(path) + size(&wal)) as f64 / (1024.0 * 1024.0)
}

/// Bulk SQL, a few statements, each one transaction: a million rows in seconds. Ids are
/// assigned in insertion order from 1 on a new database, on both backends, which the later
/// statements rely on.
fn fill_statements() -> Vec<String> {
    let n = |limit: &str| {
        format!("with recursive n(i) as (select 1 union all select i + 1 from n where i < {limit})")
    };
    vec![
        format!(
            "insert into citizens (channel, channel_user_id, lang, first_seen_at, created_at, \
             updated_at) {} select 'telegram', 'old-' || i, 'it', $2, $2, $2 from n where $1 = $1 and $2 = $2 and $3 = $3 order by i",
            n("$1")
        ),
        format!(
            "insert into conversations (citizen_id, status, state, flow, step, last_seq, \
             created_at, updated_at) {} select i, 'closed', '', 'tributi', 'tari', 2, $2, $2 \
             from n where $1 = $1 and $2 = $2 and $3 = $3 order by i",
            n("$1")
        ),
        format!(
            "insert into outbox (conversation_id, citizen_id, channel, seq, payload, status, \
             attempts, next_attempt_at, sent_at, created_at, updated_at) {} \
             select (i + 1) / 2, (i + 1) / 2, 'telegram', 2 - i % 2, \
             '{{\"text\":\"La TARI si paga in due rate.\",\"choices\":[]}}', 'sent', 1, \
             $2, $2, $2, $2 from n where $1 = $1 and $2 = $2 and $3 = $3 order by i",
            n("2 * $1")
        ),
        format!(
            "insert into inbound (channel, channel_message_id, citizen_id, conversation_id, \
             received_at, created_at, updated_at) {} select 'telegram', 'old-' || i, i, i, \
             $2, $2, $2 from n where $1 = $1 and $2 = $2 and $3 = $3 order by i",
            n("$1")
        ),
        format!(
            "insert into messages (conversation_id, direction, kind, text, at, created_at, \
             updated_at) {} select (i - 1) / {LINES} + 1, \
             case when i % 2 = 1 then 'in' else 'out' end, \
             case when i % 2 = 1 then 'text' else 'reply' end, \
             'Messaggio numero ' || i || ': quando scade la TARI e dove si paga? Grazie.', \
             $2, $2, $2 from n where $1 = $1 and $2 = $2 and $3 = $3 order by i",
            n("$3")
        ),
    ]
}

macro_rules! fill {
    ($conn:expr, $messages:expr) => {{
        let conversations = $messages.div_ceil(LINES) as i64;
        let old = (Utc::now() - chrono::Duration::days(400)).timestamp_millis();
        for sql in fill_statements() {
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(conversations)
                .bind(old)
                .bind($messages as i64)
                .execute(&mut $conn)
                .await
                .expect("fill");
        }
    }};
}

async fn fill_sqlite(url: &str, messages: usize) {
    let mut conn = sqlx::SqliteConnection::connect(url).await.expect("connect");
    fill!(conn, messages);
    sqlx::query("pragma wal_checkpoint(truncate)")
        .execute(&mut conn)
        .await
        .expect("checkpoint");
    conn.close().await.ok();
}

async fn fill_pg(url: &str, messages: usize) {
    let mut conn = sqlx::PgConnection::connect(url).await.expect("connect");
    fill!(conn, messages);
    sqlx::query("analyze")
        .execute(&mut conn)
        .await
        .expect("analyze");
    conn.close().await.ok();
}

/// Fills, then purges while citizens write; prints the figures.
async fn bench(name: &str, url: &str, sqlite: Option<&std::path::Path>) {
    let messages = env_usize("BENCH_MESSAGES", 1_000_000);
    let rate = env_usize("BENCH_RATE", 50);
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (flows, report) = FlowSet::load(
        &root.join("flows"),
        &root.join("locales"),
        sportello::channels::LIMITS,
    );
    let flows =
        Arc::new(flows.unwrap_or_else(|| panic!("the example flows should load: {report}")));
    let size = || sqlite.map_or_else(String::new, |p| format!("; file {:.0} MiB", file_mib(p)));

    let store = store::connect(url).await.expect("connect");
    store.migrate().await.expect("migrate");
    store.close().await;
    let filling = Instant::now();
    match sqlite {
        Some(_) => fill_sqlite(url, messages).await,
        None => fill_pg(url, messages).await,
    }
    println!(
        "{name}: filled {messages} expired transcript lines in {:.1} s{}",
        filling.elapsed().as_secs_f64(),
        size()
    );

    let store = store::connect(url).await.expect("connect");
    // Replies before the purge, for comparison.
    let work = async {
        let load_before = load_average();
        let counts = store
            .purge(Utc::now(), &Retention::default(), &Default::default())
            .await
            .expect("purge");
        (load_before, counts)
    };
    let measured = citizens::around(&store, &flows, rate, Duration::from_secs(3), work).await;
    let ((load_before, counts), took) = (measured.value, measured.took);

    assert_eq!(counts.messages as usize, messages, "{counts:?}");
    if sqlite.is_some() {
        let mut conn = sqlx::SqliteConnection::connect(url).await.expect("connect");
        let mut pragma = async |name: &str| -> i64 {
            sqlx::query_scalar(sqlx::AssertSqlSafe(format!("pragma {name}")))
                .fetch_one(&mut conn)
                .await
                .expect("pragma")
        };
        let (auto_vacuum, free) = (pragma("auto_vacuum").await, pragma("freelist_count").await);
        assert!(
            messages < 10_000 || (auto_vacuum == 2 && free < 2048),
            "the freed pages went back: auto_vacuum {auto_vacuum}, {free} free pages"
        );
    }
    let (before, during) = (measured.before, measured.during);
    println!(
        "{name}: purge of {messages} expired transcript lines: {:.1} s ({} conversations, \
         {} outbox rows, {} inbound ids, {} citizens){}; load average before {load_before}",
        took.as_secs_f64(),
        counts.conversations,
        counts.outbox,
        counts.inbound,
        counts.citizens,
        size(),
    );
    println!("{name}: replies before the purge: {}", summary(&before));
    println!(
        "{name}: replies during the purge ({rate}/s): {}",
        summary(&during)
    );
    store.close().await;
}

async fn bench_all() {
    let runs = |name: &str| pg::wanted(name, &["sqlite"]);

    if runs("sqlite") {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("purge.db");
        bench(
            "sqlite",
            &format!("sqlite://{}", path.display()),
            Some(&path),
        )
        .await;
    }
    if runs("postgres") {
        let Some(admin_url) = pg::admin_url() else {
            return;
        };
        let db = BenchDatabase::create(&admin_url, "sportello_purge", "").await;
        bench("postgres", &db.url, None).await;
        db.drop().await;
    }
}

fn main() {
    pg::block_on(bench_all());
}
