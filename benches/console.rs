//! The web console under load, on SQLite and (when `SPORTELLO_TEST_POSTGRES_URL` is set)
//! PostgreSQL: `cargo bench --bench console [sqlite] [postgres]`.
//!
//! The database holds 100,000 cases (500 waiting, 500 taken, the rest closed over the last
//! five weeks) of 100,000 conversations with 1,000,000 transcript lines, spread over the
//! example Comune's offices. Then, over real HTTP against the console's router:
//! - an URP operator's inbox (waiting, taken, closed in the last day) and case pages of random
//!   URP cases, one request at a time: p50, p95, p99;
//! - 50 operators signed in, each with a case page open (its server-sent events), 10 on each
//!   of 5 cases; a citizen's line is stored straight into the transcript, as another process
//!   would (so no wake signal helps: the pages' 250 ms poll must find it), and the time until
//!   each of the case's 10 pages receives it is taken, 30 times.

#[path = "support/pg.rs"]
mod pg;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use sportello::clock::SystemClock;
use sportello::console::{Console, auth::hash_password};
use sportello::flows::FlowSet;
use sportello::flows::live::Live;
use sportello::handoff::HandoffConfig;
use sportello::settings::ConsoleSettings;
use sportello::store::{self, NewStaff, StaffRole, Store};

const CASES: i64 = 100_000;
const LINES_PER_CASE: i64 = 10;
const REQUESTS: usize = 300;
const STAFF: usize = 50;
const WATCHED_CASES: usize = 5;
const ROUNDS: usize = 30;
const PASSWORD: &str = "bench password 2026";

/// The offices of the example flows.
const OFFICES: &[&str] = &[
    "urp",
    "anagrafe",
    "tributi",
    "ambiente",
    "scuola",
    "polizia-locale",
    "servizi-sociali",
];

/// A series 1..=n as a table `n(i)`, in the backend's words, before `rest`.
fn with_series(kind: store::BackendKind, n: i64, rest: &str) -> String {
    match kind {
        store::BackendKind::Sqlite => format!(
            "with recursive n(i) as (select 1 union all select i + 1 from n where i < {n}) {rest}"
        ),
        store::BackendKind::Postgres => rest.replace(
            " from n",
            &format!(" from generate_series(1::bigint, {n}) as n(i)"),
        ),
    }
}

/// Fills the database with plain SQL: much faster than a million turns, and the console only
/// reads these rows.
async fn fill(url: &str, kind: store::BackendKind, now_ms: i64) {
    let offices = OFFICES.len() as i64;
    let office_case = OFFICES
        .iter()
        .enumerate()
        .map(|(k, o)| format!("when {k} then '{o}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let concat = |a: &str, b: &str| match kind {
        store::BackendKind::Sqlite => format!("{a} || {b}"),
        store::BackendKind::Postgres => format!("{a} || {b}::text"),
    };
    let statements = [
        with_series(
            kind,
            CASES,
            &format!(
                "insert into citizens (channel, channel_user_id, lang, first_seen_at, created_at, updated_at) \
                 select 'telegram', {}, 'it', {now_ms}, {now_ms}, {now_ms} from n order by i",
                concat("'u'", "i")
            ),
        ),
        with_series(
            kind,
            CASES,
            &format!(
                "insert into conversations (citizen_id, status, state, flow, step, office, handed_off, created_at, updated_at) \
                 select i, case when i % 200 in (0, 1) then 'waiting_operator' else 'closed' end, '{{}}', 'urp', 'menu', \
                 case i % {offices} {office_case} end, 1, {now_ms}, {now_ms} from n order by i"
            ),
        ),
        with_series(
            kind,
            CASES,
            &format!(
                "insert into cases (conversation_id, prefix, office, reason, status, opened_at, claimed_by, closed_at, closed_by, created_at, updated_at) \
                 select i, 'URP', case i % {offices} {office_case} end, 'asked', \
                 case i % 200 when 0 then 'waiting' when 1 then 'claimed' else 'closed' end, \
                 {now_ms} - i * 30000, case when i % 200 = 1 then 'console:op1' end, \
                 case when i % 200 > 1 then {now_ms} - i * 30000 + 600000 end, \
                 case when i % 200 > 1 then 'operator' end, {now_ms}, {now_ms} from n order by i"
            ),
        ),
        with_series(
            kind,
            CASES * LINES_PER_CASE,
            &format!(
                "insert into messages (conversation_id, direction, kind, text, at, created_at, updated_at) \
                 select (i - 1) / {LINES_PER_CASE} + 1, case when i % 2 = 0 then 'in' else 'out' end, \
                 case when i % 2 = 0 then 'text' else 'reply' end, \
                 'Buongiorno, vorrei sapere come rinnovare la carta d''identità e quali documenti servono.', \
                 {now_ms} - i * 3000, {now_ms}, {now_ms} from n"
            ),
        ),
    ];
    let started = Instant::now();
    let mut statements = statements.to_vec();
    if kind == store::BackendKind::Postgres {
        statements.push("analyze".into());
    }
    run(url, kind, &statements).await;
    println!(
        "  filled {CASES} cases and {} transcript lines in {:.1} s",
        CASES * LINES_PER_CASE,
        started.elapsed().as_secs_f64()
    );
}

/// A client with the session of one member of staff.
struct Staff {
    client: reqwest::Client,
    base: String,
    cookies: BTreeMap<String, String>,
}

impl Staff {
    fn cookie(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn keep(&mut self, response: &reqwest::Response) {
        for value in response.headers().get_all("set-cookie") {
            let pair = value.to_str().unwrap().split(';').next().unwrap();
            if let Some((name, value)) = pair.split_once('=') {
                self.cookies.insert(name.into(), value.into());
            }
        }
    }

    async fn sign_in(base: &str, username: &str) -> Staff {
        let mut staff = Staff {
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            base: base.to_string(),
            cookies: BTreeMap::new(),
        };
        let form = staff
            .client
            .get(format!("{base}/login"))
            .send()
            .await
            .unwrap();
        staff.keep(&form);
        let body = form.text().await.unwrap();
        let marker = "name=\"csrf\" value=\"";
        let start = body.find(marker).unwrap() + marker.len();
        let csrf = body[start..].split('"').next().unwrap().to_string();
        let answer = staff
            .client
            .post(format!("{base}/login"))
            .header("cookie", staff.cookie())
            .form(&[
                ("csrf", csrf.as_str()),
                ("username", username),
                ("password", PASSWORD),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 303, "{username} signs in");
        staff.keep(&answer);
        staff
    }

    /// Milliseconds for one page, checked to be the page.
    async fn time(&self, path: &str) -> f64 {
        let started = Instant::now();
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .header("cookie", self.cookie())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{path}");
        let body = response.bytes().await.unwrap();
        assert!(body.len() > 2_000, "{path}");
        started.elapsed().as_secs_f64() * 1000.0
    }
}

fn percentiles(mut values: Vec<f64>) -> String {
    values.sort_by(f64::total_cmp);
    let at = |p: f64| values[((values.len() as f64 * p) as usize).min(values.len() - 1)];
    format!(
        "p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        at(0.50),
        at(0.95),
        at(0.99),
        values[values.len() - 1]
    )
}

async fn bench(name: &str, url: &str, store: &Store) {
    println!("{name}:");
    let now = chrono::Utc::now();
    fill(url, store.kind(), now.timestamp_millis()).await;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (set, report) = FlowSet::load(
        &root.join("flows"),
        &root.join("locales"),
        sportello::channels::LIMITS,
    );
    let flows = Live::new(
        set.unwrap_or_else(|| panic!("{report}")),
        &root.join("flows"),
        &root.join("locales"),
    );
    let hash = hash_password(PASSWORD).unwrap();
    let urp = vec!["urp".to_string()];
    for n in 1..=STAFF {
        let username = format!("op{n}");
        let new = NewStaff {
            username: &username,
            display_name: &username,
            role: StaffRole::Operator,
            offices: &urp,
            password_hash: &hash,
        };
        store.add_staff(&new, now).await.unwrap();
    }
    let (stop, stopping) = tokio::sync::watch::channel(false);
    let router = sportello::console::router(Console {
        store: store.clone(),
        flows,
        handoff: HandoffConfig::default(),
        clock: Arc::new(SystemClock),
        settings: ConsoleSettings {
            secure_cookies: false,
            ..ConsoleSettings::default()
        },
        broadcasts: sportello::settings::BroadcastsSettings::default(),
        call_share: 0.3,
        stopping,
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let mut wait = stop.subscribe();
    let server = tokio::spawn(async move {
        axum::serve(listener, router)
            .with_graceful_shutdown(async move {
                let _ = wait.wait_for(|s| *s).await;
            })
            .await
            .unwrap();
    });

    // Pages, one at a time.
    let op = Staff::sign_in(&base, "op1").await;
    // URP cases: every seventh (office index 0), those open and some closed.
    let urp_cases: Vec<i64> = (1..=CASES)
        .filter(|i| i % OFFICES.len() as i64 == 0)
        .collect();
    for (label, paths) in [
        ("inbox, waiting", vec!["/inbox".to_string()]),
        ("inbox, taken", vec!["/inbox?view=claimed".to_string()]),
        (
            "inbox, closed in the last day",
            vec!["/inbox?view=closed".to_string()],
        ),
        (
            "case pages",
            (0..REQUESTS)
                .map(|k| format!("/cases/{}", urp_cases[(k * 7919) % urp_cases.len()]))
                .collect(),
        ),
    ] {
        for path in paths.iter().take(3) {
            op.time(path).await;
        }
        let mut times = Vec::with_capacity(REQUESTS);
        for k in 0..REQUESTS {
            times.push(op.time(&paths[k % paths.len()]).await);
        }
        println!("  {label}: {}", percentiles(times));
    }

    // 50 operators with a case page open; a line stored by "another process".
    let open: Vec<i64> = urp_cases
        .iter()
        .copied()
        .filter(|i| i % 200 == 0)
        .take(WATCHED_CASES)
        .collect();
    let (seen_tx, mut seen_rx) = tokio::sync::mpsc::unbounded_channel::<(i64, String, Instant)>();
    let mut watchers = Vec::new();
    for n in 1..=STAFF {
        let staff = Staff::sign_in(&base, &format!("op{n}")).await;
        let case = open[n % WATCHED_CASES];
        let seen = seen_tx.clone();
        let mut stream = staff
            .client
            // After the last line the fill wrote: only new lines come.
            .get(format!(
                "{base}/cases/{case}/events?after={}",
                CASES * LINES_PER_CASE
            ))
            .header("cookie", staff.cookie())
            .send()
            .await
            .unwrap();
        assert_eq!(stream.status(), 200);
        watchers.push(tokio::spawn(async move {
            let mut buffer = String::new();
            while let Ok(Some(chunk)) = stream.chunk().await {
                buffer.push_str(&String::from_utf8_lossy(&chunk));
                while let Some(end) = buffer.find("\n\n") {
                    let event: String = buffer.drain(..end + 2).collect();
                    if let Some(at) = event.find("marker-") {
                        let marker: String = event[at..]
                            .chars()
                            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                            .collect();
                        let _ = seen.send((case, marker, Instant::now()));
                    }
                }
            }
        }));
    }
    // Let every page's stream settle into its poll.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let per_case = STAFF / WATCHED_CASES;
    let mut latencies = Vec::new();
    for round in 0..ROUNDS {
        let case = open[round % WATCHED_CASES];
        let marker = format!("marker-{round}");
        let sql = format!(
            "insert into messages (conversation_id, direction, kind, text, at, created_at, updated_at) \
             values ({case}, 'in', 'text', 'Sono ancora qui {marker}', 0, 0, 0)"
        );
        let stored = run(url, store.kind(), &[sql]).await;
        let mut got = 0;
        while got < per_case {
            let (c, m, at) = tokio::time::timeout(Duration::from_secs(10), seen_rx.recv())
                .await
                .expect("every page receives the line within 10 s")
                .unwrap();
            if c == case && m == marker {
                got += 1;
                latencies.push(at.duration_since(stored).as_secs_f64() * 1000.0);
            }
        }
        tokio::time::sleep(Duration::from_millis(137)).await;
    }
    println!(
        "  a stored line on {per_case} open pages of its case ({STAFF} staff connected, {ROUNDS} lines): {}",
        percentiles(latencies)
    );
    if let Some(kib) = pg::peak_rss_kib() {
        println!(
            "  peak resident memory so far: {:.1} MiB",
            kib as f64 / 1024.0
        );
    }
    let _ = stop.send(true);
    for w in watchers {
        w.abort();
    }
    let _ = server.await;
}

/// Runs the statements on a connection of its own; returns when the last is committed.
async fn run(url: &str, kind: store::BackendKind, statements: &[String]) -> Instant {
    use sqlx::{ConnectOptions, Connection};
    match kind {
        store::BackendKind::Sqlite => {
            let options: sqlx::sqlite::SqliteConnectOptions = url.parse().expect("sqlite url");
            run_on(options.connect().await.expect("sqlite"), statements).await
        }
        store::BackendKind::Postgres => {
            run_on(
                sqlx::PgConnection::connect(url).await.expect("postgres"),
                statements,
            )
            .await
        }
    }
}

async fn run_on<C>(mut conn: C, statements: &[String]) -> Instant
where
    C: sqlx::Connection,
    for<'c> &'c mut C: sqlx::Executor<'c>,
{
    for sql in statements {
        sqlx::Executor::execute(&mut conn, sqlx::AssertSqlSafe(sql.clone()))
            .await
            .expect("a bench statement");
    }
    let committed = Instant::now();
    conn.close().await.ok();
    committed
}

fn main() {
    pg::block_on(bench_all());
}

async fn bench_all() {
    pg::on_each_backend("sportello_bench_console", |name, url, store| async move {
        bench(name, &url, &store).await;
    })
    .await;
}
