//! The daily rollup and the report of `sportello insights` on a large database:
//! `cargo bench --bench insights [sqlite] [postgres]`. Fills `BENCH_DAYS` (10) days of
//! `BENCH_CONVERSATIONS` (100,000) conversations a day, each with `BENCH_LINES` (10)
//! transcript lines, two steps shown, a hand-off with an operator's reply, a close and a rating
//! for one in twenty; then times the rollup of each day (`Store::roll_up_day`) and the report
//! over all of them (read, build, the text summary and the HTML page). The defaults make
//! 1,000,000 conversations and 10,000,000 messages. Last, the first day is rolled up
//! `BENCH_ROLLUPS` (3) times more while citizens write at `BENCH_RATE` (50) messages a second through the engine and the store
//! (`support/citizens.rs`): their replies' latencies before and during the rollup.

#[path = "support/citizens.rs"]
mod citizens;
#[path = "support/pg.rs"]
mod pg;
#[path = "support/timing.rs"]
mod timing;

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate, Utc};
use pg::BenchDatabase;
use sportello::flows::FlowSet;
use sportello::i18n::Lang;
use sportello::insights::{Filter, Report, html, summary};
use sportello::store::{self, day_bounds};
use sqlx::Connection;

/// Rolls `day` up again while citizens write; prints the replies' latencies before and
/// during it.
async fn replies_during_rollup(
    name: &str,
    store: &store::Store,
    flows: &Arc<FlowSet>,
    day: NaiveDate,
) {
    let rate = env_i64("BENCH_RATE", 50) as usize;
    // A few rollups in a row, for enough replies during them to read a 99th percentile.
    let rollups = env_i64("BENCH_ROLLUPS", 3);
    let work = async {
        for _ in 0..rollups {
            store
                .roll_up_day(day, Utc::now(), &flows.office_hours())
                .await
                .expect("roll up");
        }
    };
    let m = citizens::around(store, flows, rate, Duration::from_secs(4), work).await;
    println!(
        "{name}: replies before the rollup: {}",
        citizens::summary(&m.before)
    );
    println!(
        "{name}: replies during {rollups} rollups of {day} ({:.1} s, {rate}/s): {}",
        m.took.as_secs_f64(),
        citizens::summary(&m.during)
    );
}

fn env_i64(name: &str, default: i64) -> i64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The rows of one day: $1 conversations of the day, $2 the day's first instant (ms), $3 the
/// conversations before it, $4 lines per conversation, $5 citizens. Ids are given in
/// insertion order from 1 on a new database, on both backends. A day is 85,000 seconds wide
/// here, so every row falls within it.
fn day_statements() -> Vec<String> {
    let n = |limit: &str| {
        format!(
            "with recursive n(i) as (select cast(1 as bigint) union all select i + 1 from n where i < {limit})"
        )
    };
    let all = "$1 = $1 and $2 = $2 and $3 = $3 and $4 = $4 and $5 = $5";
    // The i-th conversation of the day starts at `start(i)`.
    let start = |i: &str| format!("$2 + ({i}) * 85000000 / $1");
    vec![
        format!(
            "insert into conversations (citizen_id, status, state, flow, step, last_seq, \
             created_at, updated_at) {} select ($3 + i - 1) % $5 + 1, 'closed', '', 'tributi', \
             'tari', $4, {s}, {s} from n where {all} order by i",
            n("$1"),
            s = start("i - 1"),
        ),
        format!(
            "insert into messages (conversation_id, direction, kind, text, at, created_at, \
             updated_at) {} select $3 + (i - 1) / $4 + 1, \
             case when i % 2 = 1 then 'in' else 'out' end, \
             case when ((i - 1) / $4 + 1) % 20 = 0 and (i - 1) % $4 = 3 then 'operator' \
             when i % 2 = 1 then 'text' else 'reply' end, \
             'Messaggio numero ' || i || ': quando scade la TARI e dove si paga? Grazie.', \
             {s} + ((i - 1) % $4) * 60000, {s}, {s} from n where {all} order by i",
            n("$1 * $4"),
            s = start("(i - 1) / $4"),
        ),
        format!(
            "insert into audit (citizen_id, conversation_id, event, detail, at, created_at, \
             updated_at) {} select ($3 + (i - 1) / 2) % $5 + 1, $3 + (i - 1) / 2 + 1, 'step', \
             case when i % 2 = 1 then '{{\"flow\":\"tributi\",\"step\":\"start\",\"answer\":false}}' \
             when i % 6 = 0 then '{{\"flow\":\"rifiuti\",\"step\":\"calendario\",\"answer\":true}}' \
             else '{{\"flow\":\"tributi\",\"step\":\"tari\",\"answer\":true}}' end, \
             {s} + (i % 2) * 60000, {s}, {s} from n where {all} order by i",
            n("2 * $1"),
            s = start("(i - 1) / 2"),
        ),
        format!(
            "insert into audit (citizen_id, conversation_id, event, detail, at, created_at, \
             updated_at) {} select ($3 + i * 20 - 1) % $5 + 1, $3 + i * 20, 'handoff', \
             '{{\"kind\":\"handoff\",\"office\":\"tributi\",\"reason\":\"asked\"}}', \
             {s} + 120000, {s}, {s} from n where {all} order by i",
            n("$1 / 20"),
            s = start("i * 20 - 1"),
        ),
        format!(
            "insert into cases (conversation_id, prefix, office, reason, status, opened_at, \
             closed_at, rating, created_at, updated_at) {} select $3 + i * 20, 'TRI', \
             'tributi', 'asked', 'closed', {s} + 120000, {s} + 3600000, i % 5 + 1, {s}, {s} \
             from n where {all} order by i",
            n("$1 / 20"),
            s = start("i * 20 - 1"),
        ),
    ]
}

macro_rules! fill {
    ($conn:expr, $days:expr, $per_day:expr, $lines:expr, $first:expr) => {{
        let citizens = ($per_day * $days / 2).max(1);
        sqlx::query(
            "with recursive n(i) as (select cast(1 as bigint) union all select i + 1 from n where i < $1) \
             insert into citizens (channel, channel_user_id, lang, first_seen_at, created_at, \
             updated_at) select case when i % 3 = 0 then 'whatsapp' else 'telegram' end, \
             'bench-' || i, case when i % 10 = 0 then 'en' else 'it' end, $2, $2, $2 \
             from n order by i",
        )
        .bind(citizens)
        .bind(day_bounds($first).0)
        .execute(&mut $conn)
        .await
        .expect("citizens");
        for d in 0..$days {
            let day = $first + Days::new(d as u64);
            for sql in day_statements() {
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind($per_day)
                    .bind(day_bounds(day).0)
                    .bind(d * $per_day)
                    .bind($lines)
                    .bind(citizens)
                    .execute(&mut $conn)
                    .await
                    .expect("fill");
            }
        }
    }};
}

async fn bench(name: &str, url: &str, sqlite: bool) {
    let days = env_i64("BENCH_DAYS", 10);
    let per_day = env_i64("BENCH_CONVERSATIONS", 100_000);
    let lines = env_i64("BENCH_LINES", 10);
    let first = NaiveDate::from_ymd_opt(2026, 1, 5).expect("a day");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (flows, report) = FlowSet::load(
        &root.join("flows"),
        &root.join("locales"),
        sportello::channels::LIMITS,
    );
    let flows =
        Arc::new(flows.unwrap_or_else(|| panic!("the example flows should load: {report}")));

    let store = store::connect(url).await.expect("connect");
    store.migrate().await.expect("migrate");
    store.close().await;
    let filling = Instant::now();
    if sqlite {
        let mut conn = sqlx::SqliteConnection::connect(url).await.expect("connect");
        fill!(conn, days, per_day, lines, first);
        conn.close().await.ok();
    } else {
        let mut conn = sqlx::PgConnection::connect(url).await.expect("connect");
        fill!(conn, days, per_day, lines, first);
        sqlx::query("analyze")
            .execute(&mut conn)
            .await
            .expect("analyze");
        conn.close().await.ok();
    }
    println!(
        "{name}: filled {days} days of {per_day} conversations, {} messages, in {:.1} s",
        days * per_day * lines,
        filling.elapsed().as_secs_f64()
    );

    let store = store::connect(url).await.expect("connect");
    let hours = flows.office_hours();
    let mut slowest = 0.0f64;
    for d in 0..days {
        let day = first + Days::new(d as u64);
        let started = Instant::now();
        store
            .roll_up_day(day, Utc::now(), &hours)
            .await
            .expect("roll up");
        let took = started.elapsed().as_secs_f64();
        slowest = slowest.max(took);
        println!("{name}: rollup of {day} ({per_day} conversations): {took:.2} s");
    }
    let last = first + Days::new(days as u64 - 1);
    let started = Instant::now();
    let rows = store.insights(first, last).await.expect("read");
    let read = started.elapsed();
    let report = Report::build(
        &rows,
        Filter {
            from: first,
            to: last,
            office: None,
            channel: None,
        },
        &flows,
        Lang::It,
        0.3,
    );
    let text = summary(&report, &flows);
    let page = html::page(&report, &flows);
    let took = started.elapsed();
    assert_eq!(
        report.totals.conversations,
        days * per_day,
        "every conversation counted"
    );
    assert_eq!(
        report.totals.messages_in + report.totals.messages_out,
        days * per_day * lines
    );
    println!(
        "{name}: report over {} conversations and {} messages ({} rollup rows): {:.3} s \
         (reading {:.3} s; summary {} bytes, page {} bytes); slowest daily rollup {slowest:.2} s",
        report.totals.conversations,
        days * per_day * lines,
        rows.len(),
        took.as_secs_f64(),
        read.as_secs_f64(),
        text.len(),
        page.len(),
    );
    replies_during_rollup(name, &store, &flows, first).await;
    store.close().await;
}

async fn bench_all() {
    let runs = |name: &str| pg::wanted(name, &["sqlite"]);
    if runs("sqlite") {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("insights.db");
        bench("sqlite", &format!("sqlite://{}", path.display()), true).await;
    }
    if runs("postgres") {
        let Some(admin_url) = pg::admin_url() else {
            return;
        };
        let db = BenchDatabase::create(&admin_url, "sportello_insights", "").await;
        bench("postgres", &db.url, false).await;
        db.drop().await;
    }
}

fn main() {
    pg::block_on(bench_all());
}
