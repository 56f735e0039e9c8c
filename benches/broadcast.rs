//! Delivery of a large backlog of routine messages at the platform's cap, on the real
//! `sportello run` process, against fakes that enforce the platforms' limits.
//!
//! `cargo build --release && cargo bench --bench broadcast -- [telegram] [whatsapp] [sqlite]
//! [postgres]` (PostgreSQL needs `SPORTELLO_TEST_POSTGRES_URL`; each run gets a fresh database,
//! dropped afterwards). With no channel named both run; with no backend named, SQLite only.
//!
//! Per channel and backend: the subscribers (`BROADCAST_SUBSCRIBERS`, default 100,000 on
//! Telegram; `BROADCAST_WHATSAPP_SUBSCRIBERS`, default 8,000 on WhatsApp) are written with SQL
//! and one reminder is queued to each through the reminders job (`backlog::queue_backlog`, the
//! one place to switch to announcements), before the service starts. The fake enforces the
//! configured cap (Telegram: `BROADCAST_TELEGRAM_CAP`, default 1,000 a second, and one a
//! second per chat with bursts of 3; WhatsApp: 80 a second), and the service is configured
//! with the same cap. While the backlog goes, citizens who are not subscribers write
//! (`BROADCAST_WRITERS`, default 5 a second), each a first message from a new chat.
//!
//! Figures: the rate the backlog's messages arrived at the fake (messages after the first over
//! the time from the first to the last) against the cap, the rate of every message the fake
//! accepted in that time (the writers' replies share the cap), the fake's 429 answers, the p99 of the
//! writers' reply latency (from the message handed to the service to the first message the
//! service sends to that chat), and the peak resident memory (`VmHWM`) of the service process
//! alone (the fake and the citizens run in the bench's process).

#[path = "../tests/support/backlog.rs"]
mod backlog;
#[path = "../tests/support/fake_telegram.rs"]
mod fake_telegram;
#[path = "../tests/support/fake_whatsapp.rs"]
mod fake_whatsapp;
#[path = "../tests/support/multipart.rs"]
mod multipart;
#[path = "support/pg.rs"]
mod pg;
#[path = "support/service.rs"]
mod service;
#[path = "support/timing.rs"]
mod timing;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use hmac::{Hmac, KeyInit, Mac};
use sportello::flows::FlowSet;
use sportello::store::BackendKind;
use tokio::sync::mpsc::UnboundedReceiver;

use backlog::Subscribers;
use service::{Service, Undo, done, on_interrupt, root};
use timing::percentile;

/// With no backlog message for this long, the run is taken to be stuck.
const STALL: Duration = Duration::from_secs(30);
/// The first chat of the subscribers, and of the citizens who write during the backlog.
const FIRST_SUBSCRIBER: i64 = 1_000_000;
const FIRST_WRITER: i64 = 900_000_000;

fn env_number(name: &str, default: i64) -> i64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}

#[derive(Clone, Copy, PartialEq)]
enum Platform {
    Telegram,
    WhatsApp,
}

impl Platform {
    fn name(self) -> &'static str {
        match self {
            Platform::Telegram => "telegram",
            Platform::WhatsApp => "whatsapp",
        }
    }
}

/// A message the fake accepted: to which chat (as a number), when it arrived.
struct Arrival {
    chat: i64,
    at: Instant,
}

/// The fake of one platform, enforcing its limits, and how citizens write to the service.
enum Fake {
    Telegram(fake_telegram::FakeTelegram),
    WhatsApp {
        graph: fake_whatsapp::FakeWhatsApp,
        port: u16,
        http: reqwest::Client,
    },
}

impl Fake {
    async fn start(platform: Platform, cap: u32) -> (Fake, UnboundedReceiver<Arrival>) {
        let (to_bench, arrivals) = tokio::sync::mpsc::unbounded_channel();
        match platform {
            Platform::Telegram => {
                let (fake, mut sent) = fake_telegram::FakeTelegram::start_light().await;
                fake.enforce(fake_telegram::Limits::with_global(cap));
                tokio::spawn(async move {
                    while let Some(d) = sent.recv().await {
                        let _ = to_bench.send(Arrival {
                            chat: d.chat_id,
                            at: d.at,
                        });
                    }
                });
                (Fake::Telegram(fake), arrivals)
            }
            Platform::WhatsApp => {
                let (graph, mut sent) = fake_whatsapp::FakeWhatsApp::start_light().await;
                graph.enforce(fake_whatsapp::Limits { per_second: cap });
                tokio::spawn(async move {
                    while let Some(d) = sent.recv().await {
                        let _ = to_bench.send(Arrival {
                            chat: d.to.parse().unwrap_or_default(),
                            at: d.at,
                        });
                    }
                });
                let port = std::net::TcpListener::bind("127.0.0.1:0")
                    .and_then(|l| l.local_addr())
                    .expect("a loopback port")
                    .port();
                let http = reqwest::Client::new();
                (Fake::WhatsApp { graph, port, http }, arrivals)
            }
        }
    }

    fn settings(&self, cap: u32) -> Vec<(&'static str, String)> {
        match self {
            Fake::Telegram(fake) => vec![
                ("SPORTELLO_TELEGRAM_TOKEN", "123:BENCH".into()),
                ("SPORTELLO_TELEGRAM_API_URL", fake.url()),
                ("SPORTELLO_TELEGRAM_RATE", cap.to_string()),
                ("SPORTELLO_TELEGRAM_CHAT_RATE", "1".into()),
            ],
            Fake::WhatsApp { graph, port, .. } => {
                let mut vars: Vec<(&'static str, String)> = graph
                    .service_vars()
                    .into_iter()
                    .filter(|(k, _)| !k.ends_with("_RATE"))
                    .map(|(k, v)| (&*k.leak(), v))
                    .collect();
                vars.push(("SPORTELLO_WHATSAPP_RATE", cap.to_string()));
                vars.push(("SPORTELLO_WHATSAPP_CITIZEN_RATE", "1".into()));
                vars.push(("SPORTELLO_LISTEN", format!("127.0.0.1:{port}")));
                vars
            }
        }
    }

    /// A first message from `chat`, who is not a subscriber.
    fn write(&self, chat: i64, n: u64) {
        const TEXT: &str = "Buongiorno, quali sono gli orari dell'anagrafe?";
        match self {
            Fake::Telegram(fake) => {
                fake.text(chat, "it", TEXT);
            }
            Fake::WhatsApp { port, http, .. } => {
                let body =
                    std::fs::read_to_string(root().join("tests/fixtures/whatsapp/text.json"))
                        .expect("the text fixture")
                        .replace("{{PHONE_NUMBER_ID}}", fake_whatsapp::PHONE_NUMBER_ID)
                        .replace("{{FROM}}", &chat.to_string())
                        .replace("{{WAMID}}", &format!("wamid.BENCH{n}"))
                        .replace("{{BODY}}", TEXT);
                let mut mac =
                    Hmac::<sha2::Sha256>::new_from_slice(fake_whatsapp::APP_SECRET.as_bytes())
                        .expect("a key");
                mac.update(body.as_bytes());
                let signature = format!("sha256={}", hex::encode(mac.finalize().into_bytes()));
                let request = http
                    .post(format!("http://127.0.0.1:{port}/whatsapp/webhook"))
                    .header("content-type", "application/json")
                    .header("x-hub-signature-256", signature)
                    .body(body);
                tokio::spawn(async move {
                    if let Err(e) = request.send().await {
                        eprintln!("  a webhook call failed: {e}");
                    }
                });
            }
        }
    }

    fn refused(&self) -> u64 {
        match self {
            Fake::Telegram(fake) => fake.too_many_requests(),
            Fake::WhatsApp { graph, .. } => graph.throughput_refused(),
        }
    }
}

struct Figures {
    platform: Platform,
    backend: &'static str,
    subscribers: i64,
    cap: u32,
    queued_in: Duration,
    delivered: i64,
    rate: f64,
    total_rate: f64,
    refused: u64,
    latencies: Vec<Duration>,
    unanswered: usize,
    peak_kib: u64,
}

async fn run(platform: Platform, backend: &'static str, url: &str, kind: BackendKind) -> Figures {
    let (subscribers, cap) = match platform {
        Platform::Telegram => (
            env_number("BROADCAST_SUBSCRIBERS", 100_000),
            env_number("BROADCAST_TELEGRAM_CAP", 1_000) as u32,
        ),
        Platform::WhatsApp => (env_number("BROADCAST_WHATSAPP_SUBSCRIBERS", 8_000), 80),
    };
    let writers_per_second = env_number("BROADCAST_WRITERS", 5).max(1) as u64;
    let (flows, report) = FlowSet::load(
        &root().join("flows"),
        &root().join("locales"),
        sportello::channels::LIMITS,
    );
    let flows = flows.unwrap_or_else(|| panic!("{report}"));
    let morning = backlog::reminder_morning(&flows);
    let (first, writer_base) = match platform {
        Platform::Telegram => (FIRST_SUBSCRIBER, FIRST_WRITER),
        // WhatsApp ids are phone numbers.
        Platform::WhatsApp => (393_400_000_000, 393_900_000_000),
    };
    // On WhatsApp the subscribers wrote within the day: inside the 24-hour window.
    let last_inbound =
        (platform == Platform::WhatsApp).then(|| chrono::Utc::now() - chrono::Duration::hours(1));
    let store = sportello::store::connect(url)
        .await
        .expect("the bench database");
    store.migrate().await.expect("migrate");
    let started = Instant::now();
    let who = Subscribers {
        channel: platform.name(),
        first,
        n: subscribers,
        last_inbound,
    };
    backlog::seed(url, kind, who, morning).await;
    let queued = backlog::queue_backlog(&store, &flows, morning).await;
    let queued_in = started.elapsed();
    assert_eq!(queued, subscribers as u64, "one message per subscriber");
    store.close().await;
    println!(
        "  {} {backend}: {subscribers} subscribers written and their messages queued in {:.1} s",
        platform.name(),
        queued_in.as_secs_f64()
    );

    let (fake, mut arrivals) = Fake::start(platform, cap).await;
    let mut service = Service::start(&fake.settings(cap), url);
    let mut backlog_at = Vec::with_capacity(subscribers as usize);
    // Every message the fake accepted, the writers' replies too: they share the cap.
    let mut every_at = Vec::with_capacity(subscribers as usize);
    let mut written: HashMap<i64, Instant> = HashMap::new();
    let mut latencies = Vec::new();
    let mut writes = tokio::time::interval(Duration::from_millis(1000 / writers_per_second));
    let mut n_written = 0u64;
    let mut last_progress = Instant::now();
    let in_backlog = |chat: i64| (first..first + subscribers).contains(&chat);
    while (backlog_at.len() as i64) < subscribers {
        tokio::select! {
            _ = writes.tick(), if !backlog_at.is_empty() => {
                let chat = writer_base + n_written as i64;
                n_written += 1;
                fake.write(chat, n_written);
                written.insert(chat, Instant::now());
            }
            arrival = tokio::time::timeout(Duration::from_secs(1), arrivals.recv()) => {
                if let Ok(Some(a)) = &arrival {
                    every_at.push(a.at);
                }
                match arrival {
                    Ok(Some(a)) if in_backlog(a.chat) => {
                        backlog_at.push(a.at);
                        last_progress = Instant::now();
                    }
                    Ok(Some(a)) => {
                        if let Some(sent) = written.remove(&a.chat) {
                            latencies.push(a.at.saturating_duration_since(sent));
                        }
                    }
                    Ok(None) => panic!("the fake stopped"),
                    Err(_) => {}
                }
                if last_progress.elapsed() > STALL {
                    eprintln!("  stalled: no backlog message for {STALL:?}; log:\n{}", service.log_tail(10));
                    break;
                }
                service.check_alive();
            }
        }
    }
    // The replies to the last writers.
    let deadline = Instant::now() + Duration::from_secs(5);
    while !written.is_empty() && Instant::now() < deadline {
        if let Ok(Some(a)) = tokio::time::timeout(Duration::from_millis(200), arrivals.recv()).await
            && let Some(sent) = written.remove(&a.chat)
        {
            latencies.push(a.at.saturating_duration_since(sent));
        }
    }
    let peak_kib = service.memory_kib().0;
    service.report_log();
    drop(service);
    latencies.sort_unstable();
    let (rate, total_rate) = match (backlog_at.first(), backlog_at.last()) {
        (Some(&a), Some(&b)) if backlog_at.len() > 1 => {
            let span = b.duration_since(a).as_secs_f64();
            let within = every_at.iter().filter(|&&t| t >= a && t <= b).count();
            (
                (backlog_at.len() - 1) as f64 / span,
                (within - 1) as f64 / span,
            )
        }
        _ => (0.0, 0.0),
    };
    Figures {
        platform,
        backend,
        subscribers,
        cap,
        queued_in,
        delivered: backlog_at.len() as i64,
        rate,
        total_rate,
        refused: fake.refused(),
        latencies,
        unanswered: written.len(),
        peak_kib,
    }
}

fn print(f: &Figures) {
    let p = |q: f64| percentile(&f.latencies, q).as_secs_f64() * 1000.0;
    println!(
        "{} {}: {} of {} delivered at {:.1}/s = {:.1} % of the cap of {}/s (target >= 97 %); \
         every message meanwhile, replies included: {:.1}/s = {:.1} %; 429 answers: {} (target 0); replies to {} writers: p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms \
         (target p99 < 2000 ms), {} unanswered; service peak RSS {:.1} MiB (target < 150 MB); \
         queued in {:.1} s",
        f.platform.name(),
        f.backend,
        f.delivered,
        f.subscribers,
        f.rate,
        100.0 * f.rate / f64::from(f.cap),
        f.cap,
        f.total_rate,
        100.0 * f.total_rate / f64::from(f.cap),
        f.refused,
        f.latencies.len(),
        p(50.0),
        p(99.0),
        p(100.0),
        f.unanswered,
        f.peak_kib as f64 / 1024.0,
        f.queued_in.as_secs_f64(),
    );
}

async fn bench(platform: Platform, backend: &'static str) -> Option<Figures> {
    match backend {
        "sqlite" => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite://{}", dir.path().join("bench.db").display());
            Some(run(platform, backend, &url, BackendKind::Sqlite).await)
        }
        _ => {
            let Ok(admin_url) = std::env::var("SPORTELLO_TEST_POSTGRES_URL") else {
                println!("postgres: skipped; set SPORTELLO_TEST_POSTGRES_URL");
                return None;
            };
            let stamp = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_millis());
            let prefix = format!("bench_broadcast_{stamp}");
            let database = pg::BenchDatabase::create(&admin_url, &prefix, "").await;
            let undo = Undo::DropDatabase {
                admin_url: admin_url.clone(),
                name: database.name().to_owned(),
            };
            on_interrupt(Undo::DropDatabase {
                admin_url: admin_url.clone(),
                name: database.name().to_owned(),
            });
            let url = database.url.clone();
            let figures = run(platform, "postgres", &url, BackendKind::Postgres).await;
            database.drop().await;
            done(&undo);
            Some(figures)
        }
    }
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(async {
        service::binary();
        tokio::spawn(service::clean_up_when_interrupted());
        let args: Vec<String> = std::env::args()
            .skip(1)
            .filter(|a| !a.starts_with('-'))
            .collect();
        let named = |what: &[&str]| args.iter().any(|a| what.contains(&a.as_str()));
        let platforms: Vec<Platform> = [Platform::Telegram, Platform::WhatsApp]
            .into_iter()
            .filter(|p| !named(&["telegram", "whatsapp"]) || args.iter().any(|a| a == p.name()))
            .collect();
        let backends: Vec<&'static str> = if named(&["sqlite", "postgres"]) {
            ["sqlite", "postgres"]
                .into_iter()
                .filter(|b| args.iter().any(|a| a == b))
                .collect()
        } else {
            vec!["sqlite"]
        };
        let mut all = Vec::new();
        for &platform in &platforms {
            for &backend in &backends {
                if let Some(figures) = bench(platform, backend).await {
                    print(&figures);
                    all.push(figures);
                }
            }
        }
        println!();
        for figures in &all {
            print(figures);
        }
    });
}
