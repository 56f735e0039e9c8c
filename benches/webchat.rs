//! The web chat under load, on SQLite and (when `SPORTELLO_TEST_POSTGRES_URL` is set)
//! PostgreSQL: `cargo bench --bench webchat [sqlite] [postgres]`.
//!
//! The service runs in this process with the web chat only and the outbox's production pacing
//! (`DispatcherConfig::default()`). Over real HTTP on loopback:
//! - 1,000 pages open their stream of replies at once (the time until all are ready);
//! - each page writes once (the greeting and the privacy notice come with a first message);
//! - then, with every stream open, messages arrive at 200 per second, round robin over the
//!   pages, for 15 seconds: the time from a post's start to the first reply on its page's
//!   stream, p50, p95, p99;
//! - the widget's script, compressed with `gzip -9`.
//!
//! All pages come from one address, so `webchat_ip_per_minute` is raised for the run; each page
//! writes 12 messages a minute, within the default `webchat_id_per_minute` of 20.

#[path = "support/pg.rs"]
mod pg;
#[path = "support/timing.rs"]
mod timing;

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use sportello::app::{self, StartOptions};
use sportello::flows::FlowSet;
use sportello::flows::live::Live;
use sportello::settings::Settings;
use sportello::store::Store;
use tokio::sync::mpsc;

const PAGES: usize = 1_000;
const RATE: u64 = 200;
const SECONDS: u64 = 15;
const SITE: &str = "https://www.comune.esempio.it";
const QUESTIONS: &[&str] = &[
    "quando scade la tari?",
    "orari dell'anagrafe",
    "come si rinnova la carta d'identità?",
    "ritiro dei rifiuti ingombranti",
    "iscrizione alla mensa scolastica",
];

fn flows() -> Arc<Live> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (set, report) = FlowSet::load(
        &root.join("flows"),
        &root.join("locales"),
        sportello::channels::LIMITS,
    );
    Live::new(
        set.unwrap_or_else(|| panic!("{report}")),
        &root.join("flows"),
        &root.join("locales"),
    )
}

/// One page: its anonymous id, and the arrival times of the replies on its stream.
struct Page {
    id: String,
    replies: mpsc::UnboundedReceiver<Instant>,
}

/// Opens a page's stream; returns once its `ready` event came.
async fn open(client: &reqwest::Client, base: &str, n: usize) -> Page {
    let id = format!("bench-page-{n:06}-0000000000");
    let mut response = client
        .get(format!("{base}/webchat/events"))
        .header("origin", SITE)
        .header("x-sportello-id", &id)
        .send()
        .await
        .expect("the stream opens");
    assert!(response.status().is_success(), "{}", response.status());
    let (tell, replies) = mpsc::unbounded_channel();
    let (ready_tx, ready_rx) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let mut ready = Some(ready_tx);
        let mut buffer = String::new();
        while let Ok(Some(chunk)) = response.chunk().await {
            buffer.push_str(&String::from_utf8_lossy(&chunk));
            while let Some(end) = buffer.find("\n\n") {
                let event: String = buffer.drain(..end + 2).collect();
                if event.contains("event: ready") || event.contains("event:ready") {
                    if let Some(ready) = ready.take() {
                        let _ = ready.send(());
                    }
                } else if event.contains("event: reply") || event.contains("event:reply") {
                    let _ = tell.send(Instant::now());
                }
            }
        }
    });
    ready_rx.await.expect("the stream is ready");
    Page { id, replies }
}

/// Posts a message for `page`; returns the time until the first reply on its stream.
async fn ask(client: &reqwest::Client, base: &str, page: &mut Page, n: usize) -> Duration {
    // Replies of earlier messages (a second part, a notice) are not this one's.
    while page.replies.try_recv().is_ok() {}
    let text = QUESTIONS[n % QUESTIONS.len()];
    let body = serde_json::json!({ "id": format!("m{n}"), "text": text }).to_string();
    let start = Instant::now();
    let post = client
        .post(format!("{base}/webchat/messages"))
        .header("origin", SITE)
        .header("x-sportello-id", &page.id)
        .header("content-type", "application/json")
        .body(body)
        .send();
    let (posted, reply) = tokio::join!(post, page.replies.recv());
    let status = posted.expect("the post is answered").status();
    assert_eq!(status.as_u16(), 202, "a message refused");
    reply.expect("a reply") - start
}

async fn bench(name: &str, url: &str, store: Store) {
    println!("{name}:");
    let vars = [
        ("SPORTELLO_DATABASE_URL", url),
        ("SPORTELLO_LISTEN", "127.0.0.1:0"),
        ("SPORTELLO_ADMIN_LISTEN", "127.0.0.1:0"),
        ("SPORTELLO_WEBCHAT_LISTEN", "127.0.0.1:0"),
        ("SPORTELLO_WEBCHAT_ORIGINS", SITE),
        ("SPORTELLO_WEBCHAT_IP_PER_MINUTE", "1000000"),
        ("SPORTELLO_LOG", "warn"),
    ];
    let settings = Settings::from_sources(None, |k| {
        vars.iter()
            .find(|(n, _)| *n == k)
            .map(|(_, v)| v.to_string())
    })
    .expect("settings");
    let options = StartOptions::new(&settings);
    println!(
        "  pacing: dispatcher concurrency {}, poll {:?}",
        options.dispatch.concurrency, options.dispatch.poll_interval
    );
    let running = app::start(&settings, flows(), store, options)
        .await
        .expect("the service starts");
    let base = format!("http://{}", running.webchat_addr.expect("the web chat"));
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(256)
        .build()
        .unwrap();

    let start = Instant::now();
    let opening: Vec<_> = (0..PAGES)
        .map(|n| {
            let (client, base) = (client.clone(), base.clone());
            tokio::spawn(async move { open(&client, &base, n).await })
        })
        .collect();
    let mut pages = Vec::with_capacity(PAGES);
    for page in opening {
        pages.push(page.await.expect("a page opens"));
    }
    println!(
        "  {PAGES} streams open and ready in {:.2} s",
        start.elapsed().as_secs_f64()
    );

    // Each page writes once, at the same pace, before the measure.
    let warm = run(&client, &base, &mut pages, PAGES, 0).await;
    println!("  first messages: {} answered", warm.len());
    let mut latencies = run(&client, &base, &mut pages, (RATE * SECONDS) as usize, PAGES).await;
    latencies.sort();
    let p = |q: f64| timing::percentile(&latencies, q).as_secs_f64() * 1000.0;
    println!(
        "  {} messages at {RATE}/s with {PAGES} streams open: first reply p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        latencies.len(),
        p(50.0),
        p(95.0),
        p(99.0),
        p(100.0),
    );

    let script = client
        .get(format!("{base}/webchat.js"))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let mut gzip = std::process::Command::new("gzip")
        .arg("-9c")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("gzip");
    use std::io::Write;
    gzip.stdin.take().unwrap().write_all(&script).unwrap();
    let compressed = gzip.wait_with_output().unwrap().stdout.len();
    println!(
        "  widget script: {} bytes, {compressed} bytes with gzip -9",
        script.len()
    );
    drop(pages);
    running.stop().await;
}

/// Sends `count` messages at `RATE` per second, round robin over the pages, each from its own
/// task; returns the latencies.
async fn run(
    client: &reqwest::Client,
    base: &str,
    pages: &mut Vec<Page>,
    count: usize,
    first: usize,
) -> Vec<Duration> {
    let mut ticks = tokio::time::interval(Duration::from_micros(1_000_000 / RATE));
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let (done_tx, mut done_rx) = mpsc::unbounded_channel();
    let mut taken: Vec<Option<Page>> = pages.drain(..).map(Some).collect();
    let mut back = Vec::new();
    for n in 0..count {
        ticks.tick().await;
        let slot = n % taken.len();
        let page = match taken[slot].take() {
            Some(page) => page,
            // The page's previous message is still waiting: wait for it.
            None => loop {
                let (slot_back, page, latency): (usize, Page, Duration) =
                    done_rx.recv().await.expect("a page comes back");
                back.push(latency);
                if slot_back == slot {
                    break page;
                }
                taken[slot_back] = Some(page);
            },
        };
        let (client, base, done) = (client.clone(), base.to_string(), done_tx.clone());
        tokio::spawn(async move {
            let mut page = page;
            let latency = ask(&client, &base, &mut page, first + n).await;
            let _ = done.send((slot, page, latency));
        });
    }
    drop(done_tx);
    while let Some((slot, page, latency)) = done_rx.recv().await {
        back.push(latency);
        taken[slot] = Some(page);
    }
    pages.extend(taken.into_iter().map(|p| p.expect("every page is back")));
    back
}

fn main() {
    pg::block_on(bench_all());
}

async fn bench_all() {
    pg::on_each_backend("sportello_bench_webchat", |name, url, store| async move {
        bench(name, &url, store).await;
    })
    .await;
}
