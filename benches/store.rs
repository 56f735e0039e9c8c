//! Inbound throughput through `conversations::handle_with` and the durable store: messages per
//! second with 10,000 distinct conversations, on SQLite and (when `SPORTELLO_TEST_POSTGRES_URL`
//! is set) PostgreSQL, and the process's peak memory. `cargo bench --bench store [sqlite|postgres]`.
//!
//! Each message is one full inbound transaction: dedupe, citizen upsert, conversation lock,
//! state load and save, the transcript lines and the outbox rows. By default the engine is
//! replaced by a function answering one reply per message, so the figure is the store's;
//! with `BENCH_ENGINE=1` the real engine answers from the example flows.

#[path = "support/pg.rs"]
mod pg;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use pg::BenchDatabase;
use sportello::channels::{ChannelKind, ChannelUserId};
use sportello::conversations::{self, Inbound};
use sportello::engine::{Input, Outcome, Reply, State};
use sportello::flows::FlowSet;
use sportello::store::{self, Store};

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn answer(state: &State, input: &Input, _now: DateTime<Utc>) -> Outcome {
    let Input::Text { text } = input else {
        unreachable!()
    };
    let mut state = state.clone();
    // What a real step changes: where the citizen is, and the path so far (kept short).
    state.flow = Some("tributi".into());
    state.step = Some(format!("step-{}", text.len() % 7));
    if state.path.len() >= 8 {
        state.path.remove(0);
    }
    state.path.push("tributi.menu".into());
    Outcome {
        state,
        replies: vec![Reply {
            text: "Grazie per averci scritto. Per la TARI trova importi, scadenze e modulistica \
                   su https://www.comune.esempio.it/tari"
                .into(),
            choices: Vec::new(),
            at: Some("tributi.menu".into()),
            attachment: None,
            image: None,
        }],
        effects: Vec::new(),
    }
}

/// `BENCH_BATCH=0`: each message a transaction of its own, for comparison.
fn batched() -> bool {
    std::env::var("BENCH_BATCH").map_or(true, |v| v != "0")
}

fn options() -> store::StoreOptions {
    store::StoreOptions {
        batch: batched(),
        ..Default::default()
    }
}

/// CPU seconds this process used so far (user + system), from /proc/self/stat.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    // The kernel reports in USER_HZ, 100 on Linux.
    Some(ticks / 100.0)
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "?".into())
}

struct Figures {
    messages: usize,
    replies: usize,
    elapsed: Duration,
}

/// What citizens write in engine mode: menu numbers, free text, thanks.
const ENGINE_INPUTS: [&str; 6] = [
    "quando scade la tari?",
    "1",
    "carta d'identità",
    "menu",
    "orari dell'anagrafe",
    "grazie",
];

async fn run(
    store: &Store,
    conversations: usize,
    per_conversation: usize,
    tasks: usize,
    flows: Option<Arc<FlowSet>>,
) -> Figures {
    let store = Arc::new(store.clone());
    let replies = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut set = tokio::task::JoinSet::new();
    for task in 0..tasks {
        let store = store.clone();
        let flows = flows.clone();
        let replies = replies.clone();
        set.spawn(async move {
            let metrics = sportello::metrics::Metrics::new();
            let mine: Vec<usize> = (0..conversations).filter(|c| c % tasks == task).collect();
            for m in 0..per_conversation {
                for &c in &mine {
                    let inbound = Inbound {
                        channel: ChannelKind::Telegram,
                        user: ChannelUserId::new(format!("{}", 100_000_000 + c)),
                        message_id: format!("{c}-{m}"),
                        lang_hint: None,
                        input: Input::Text {
                            text: match &flows {
                                Some(_) => ENGINE_INPUTS[(c + m) % ENGINE_INPUTS.len()].into(),
                                None => "quando scade la tari?".into(),
                            },
                        },
                        received_at: Utc::now(),
                    };
                    let handled = match &flows {
                        Some(flows) => {
                            conversations::handle(&store, flows, &metrics, inbound, Utc::now())
                                .await
                        }
                        None => {
                            conversations::handle_with(&store, inbound, Utc::now(), answer).await
                        }
                    };
                    let sent = handled
                        .expect("handle")
                        .processed()
                        .map_or(0, |p| p.replies.len());
                    replies.fetch_add(sent, Ordering::Relaxed);
                }
            }
        });
    }
    while let Some(done) = set.join_next().await {
        done.expect("bench task");
    }
    Figures {
        messages: conversations * per_conversation,
        replies: replies.load(Ordering::Relaxed),
        elapsed: started.elapsed(),
    }
}

async fn bench(name: &str, url: &str, store: &Store) {
    let conversations = env_usize("BENCH_CONVERSATIONS", 10_000);
    let per_conversation = env_usize("BENCH_MESSAGES_PER_CONVERSATION", 5);
    let tasks = env_usize("BENCH_TASKS", 16);
    let _ = url;
    let load_before = load_average();
    let cpu_before = cpu_seconds();
    // With BENCH_ENGINE set, the real engine answers, from the example flows in flows/ and
    // locales/; otherwise a function that answers one reply per message stands in for it.
    let flows = std::env::var_os("BENCH_ENGINE").map(|_| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (flows, report) = FlowSet::load(
            &root.join("flows"),
            &root.join("locales"),
            sportello::channels::LIMITS,
        );
        Arc::new(flows.unwrap_or_else(|| panic!("the example flows should load: {report}")))
    });
    let engine = if flows.is_some() {
        "real engine"
    } else {
        "stand-in engine"
    };
    let figures = run(store, conversations, per_conversation, tasks, flows).await;
    let cpu = cpu_seconds()
        .zip(cpu_before)
        .map(|(after, before)| after - before);
    let rate = figures.messages as f64 / figures.elapsed.as_secs_f64();
    let counts = store.outbox_counts().await.expect("counts");
    assert_eq!(
        counts.pending as usize, figures.replies,
        "every reply queued once"
    );
    println!(
        "{name} ({engine}): {} messages, {} replies, {conversations} conversations, {tasks} tasks: {:.2} s, {rate:.0} msg/s; \
         this process used {} CPU s ({} µs a message); peak RSS so far {} MiB; load average before {load_before}",
        figures.messages,
        figures.replies,
        figures.elapsed.as_secs_f64(),
        cpu.map_or("?".into(), |c| format!("{c:.2}")),
        cpu.map_or("?".into(), |c| format!(
            "{:.0}",
            c * 1e6 / figures.messages as f64
        )),
        pg::peak_rss_kib().map_or("?".into(), |k| format!("{:.1}", k as f64 / 1024.0)),
    );
}

fn main() {
    // The runtime `sportello run` uses: multi-threaded, one worker per core.
    let runtime = if std::env::var_os("BENCH_CURRENT_THREAD").is_some() {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
    } else {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
    };
    runtime.expect("tokio runtime").block_on(bench_all());
}

async fn bench_all() {
    let runs = |name: &str| pg::wanted(name, &["sqlite", "postgres"]);

    if runs("sqlite") {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("bench.db").display());
        let store = store::connect_with(&url, &options()).await.expect("sqlite");
        store.migrate().await.expect("migrate");
        let name = if batched() {
            "sqlite, batched"
        } else {
            "sqlite, one transaction a message"
        };
        bench(name, &url, &store).await;
        store.close().await;
    }

    if runs("postgres") {
        let Some(admin_url) = pg::admin_url() else {
            return;
        };
        let suffix = std::env::var("BENCH_PG_URL_SUFFIX").unwrap_or_default();
        let db = BenchDatabase::create(&admin_url, "sportello_bench", &suffix).await;
        let store = store::connect_with(&db.url, &options())
            .await
            .expect("postgres");
        store.migrate().await.expect("migrate");
        let name = if batched() {
            "postgres, batched"
        } else {
            "postgres, one transaction a message"
        };
        bench(name, &db.url, &store).await;
        store.close().await;
        db.drop().await;
    }
}
