//! The end-to-end load harness of the channel benchmarks (`benches/telegram.rs`,
//! `benches/whatsapp.rs`): the real `sportello run` process, a fake of the channel's servers on
//! loopback, simulated citizens following scripts, and the report.
//!
//! Three measurements per backend:
//!
//! - throughput: a closed loop of citizens, each sending its next message only once every
//!   reply to the previous one arrived; updates answered per second;
//! - latency: an open loop pushing updates at a fixed rate (500/s) over many chats, timed from
//!   the moment an update is handed to the service's side (queued in the fake, or posted) to
//!   the first message it causes the service to send;
//! - memory: a fresh process and database, 10,000 chats writing at once and then answering
//!   in a closed loop; peak resident memory (`VmHWM`) of the process.
//!
//! Replies are matched to updates by chat and by count: every citizen follows a script
//! computed beforehand with the engine itself (`scripts`), so the number of messages each
//! update causes is known, and the service sends each chat's replies in order. Messages that
//! would get no reply (free text during a hand-off) are left out of the scripts, or the closed
//! loop would wait for them.

use std::collections::HashMap;
use std::future::Future;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use sportello::flows::FlowSet;
use sqlx::Connection;
use tokio::sync::mpsc::UnboundedReceiver;

use crate::cpu::{Cpu, CpuUse};
use crate::pg::BenchDatabase;
use crate::scripts::{Message, Script, Surface, scripts};
use crate::service::{Service, Undo, binary, done, on_interrupt, root};
use crate::timing::percentile;

/// With no reply for this long while replies are due, the service is taken to be stuck.
const STALL: Duration = Duration::from_secs(15);
/// How long a phase waits at most, after its last message, for the replies still due.
const DRAIN: Duration = Duration::from_secs(30);

/// A channel under load: how it shows replies (`Surface`), its fake servers and citizens.
pub trait Channel: Surface + Copy + Send + Sync + 'static {
    /// In the names of the bench databases.
    const NAME: &'static str;
    type Citizens: Citizens;
    type Arrival: Arrival;
    /// Starts the fake server the service sends to, and what writes to the service as
    /// citizens; each message the service sends arrives on the receiver.
    fn start(
        self,
    ) -> impl Future<Output = (Self::Citizens, UnboundedReceiver<Self::Arrival>)> + Send;
}

/// What hands citizens' messages to the service.
pub trait Citizens: Send + 'static {
    /// The channel's settings for the next service process (pacing off: the fake does not
    /// rate-limit, and the bench measures the service).
    fn settings(&self) -> Vec<(&'static str, String)>;
    fn send(&self, chat: i64, lang: &'static str, message: &Message);
    /// What went wrong handing messages over so far, if anything.
    fn problems(&self) -> Option<String> {
        None
    }
}

/// A message the service sent, as the fake saw it.
pub trait Arrival: Send + 'static {
    fn chat(&self) -> i64;
    fn at(&self) -> Instant;
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn env_secs(name: &str, default: f64) -> Duration {
    Duration::from_secs_f64(
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default),
    )
}

// ---------------------------------------------------------------------------------------------
// Driving the load.

/// One simulated citizen.
struct Chat {
    script: usize,
    /// When each message was handed to the service's side.
    pushed: Vec<Instant>,
    /// When each reply reached the fake.
    replies: Vec<Instant>,
}

struct Harness<Ch: Channel> {
    citizens: Ch::Citizens,
    deliveries: UnboundedReceiver<Ch::Arrival>,
    scripts: Arc<Vec<Script>>,
    chats: HashMap<i64, Chat>,
    next_chat: i64,
    next_script: usize,
    /// Replies to chats no phase knows (or more than a script expects): a sign that the
    /// scripts and the service disagree.
    strays: usize,
    /// Messages per chat at most in this phase (the scripts' first ones).
    per_chat: usize,
    /// Replies still due for the messages queued so far.
    outstanding: usize,
    /// The service stores in PostgreSQL, whose CPU use is then reported apart.
    postgres: bool,
}

impl<Ch: Channel> Harness<Ch> {
    fn new_chat(&mut self) -> i64 {
        let id = self.next_chat;
        self.next_chat += 1;
        let script = self.next_script % self.scripts.len();
        self.next_script += 1;
        self.chats.insert(
            id,
            Chat {
                script,
                pushed: Vec::new(),
                replies: Vec::new(),
            },
        );
        id
    }

    /// Queues chat's next message; false when its script is done.
    fn push_next(&mut self, id: i64) -> bool {
        let chat = self.chats.get_mut(&id).expect("a known chat");
        let script = &self.scripts[chat.script];
        if chat.pushed.len() >= self.per_chat {
            return false;
        }
        let Some(message) = script.messages.get(chat.pushed.len()) else {
            return false;
        };
        let k = chat.pushed.len();
        self.outstanding += script.replies_after[k] - script.replies_before(k);
        chat.pushed.push(Instant::now());
        self.citizens.send(id, script.lang, message);
        true
    }

    /// Records a reply; the chat when it completes the answer to the chat's last message.
    fn record(&mut self, delivery: Ch::Arrival) -> Option<i64> {
        let id = delivery.chat();
        let Some(chat) = self.chats.get_mut(&id) else {
            self.strays += 1;
            return None;
        };
        let due = self.scripts[chat.script].replies_before(chat.pushed.len());
        chat.replies.push(delivery.at());
        if chat.replies.len() > due {
            self.strays += 1;
        } else {
            self.outstanding -= 1;
        }
        (!chat.pushed.is_empty() && chat.replies.len() == due).then_some(id)
    }

    /// Starts a phase with no chats of earlier phases.
    fn reset(&mut self) {
        self.chats.clear();
        self.strays = 0;
        self.per_chat = usize::MAX;
        self.outstanding = 0;
        while self.deliveries.try_recv().is_ok() {}
    }
}

/// How a phase ended, for the report.
struct Phase {
    name: String,
    /// Measurement window: messages queued (open loop) or answered (closed loop) in it count.
    from: Instant,
    to: Instant,
    cpu: CpuUse,
    wall: Duration,
    latencies: Vec<Duration>,
    answered: usize,
    updates: usize,
    unanswered: usize,
    /// Replies that reached the fake within the window.
    replies: usize,
    strays: usize,
    chats: usize,
}

impl Phase {
    fn rate(&self) -> f64 {
        self.answered as f64 / (self.to - self.from).as_secs_f64()
    }

    fn percentile(&self, p: f64) -> Duration {
        percentile(&self.latencies, p)
    }
}

/// What each chat's messages came to: latencies of the messages selected by `counts`.
fn summarise<Ch: Channel>(
    harness: &Harness<Ch>,
    name: String,
    (from, to): (Instant, Instant),
    cpu: CpuUse,
    wall: Duration,
    counts: impl Fn(Instant, Instant) -> bool,
) -> Phase {
    let mut phase = Phase {
        name,
        from,
        to,
        cpu,
        wall,
        latencies: Vec::new(),
        answered: 0,
        updates: 0,
        unanswered: 0,
        replies: 0,
        strays: harness.strays,
        chats: harness.chats.len(),
    };
    for chat in harness.chats.values() {
        let script = &harness.scripts[chat.script];
        phase.replies += chat
            .replies
            .iter()
            .filter(|at| **at >= from && **at <= to)
            .count();
        for (k, pushed) in chat.pushed.iter().enumerate() {
            phase.updates += 1;
            match chat.replies.get(script.replies_before(k)) {
                Some(first) => {
                    if counts(*pushed, *first) {
                        phase.answered += 1;
                        phase
                            .latencies
                            .push(first.saturating_duration_since(*pushed));
                    }
                }
                None => phase.unanswered += 1,
            }
        }
    }
    phase.latencies.sort();
    phase
}

/// Waits for replies until none are due, the service stalls, or `until`; `on_complete` is
/// called with each chat whose last message is fully answered. What is still due then counts
/// as unanswered.
async fn drain<Ch: Channel>(
    harness: &mut Harness<Ch>,
    service: &mut Service,
    until: Instant,
    mut on_complete: impl FnMut(&mut Harness<Ch>, i64),
) {
    loop {
        if harness.outstanding == 0 {
            return;
        }
        if Instant::now() >= until {
            eprintln!(
                "  time is up with {} replies still due; they count as unanswered",
                harness.outstanding
            );
            return;
        }
        let wait = until.saturating_duration_since(Instant::now()).min(STALL);
        match tokio::time::timeout(wait, harness.deliveries.recv()).await {
            Ok(Some(delivery)) => {
                if let Some(chat) = harness.record(delivery) {
                    on_complete(harness, chat);
                }
            }
            Ok(None) => return,
            Err(_) if wait == STALL => {
                service.check_alive();
                eprintln!(
                    "  no reply for {STALL:?} with {} still due; moving on",
                    harness.outstanding
                );
                return;
            }
            Err(_) => {}
        }
    }
}

/// Closed loop: `citizens` chats at a time, each sending its next message once every reply to
/// the previous arrived; a citizen whose script is done is replaced by a new chat, until
/// `duration` ends (then the ones in progress finish their current message).
/// Updates answered within `[warm, duration)` count.
async fn closed_loop<Ch: Channel>(
    harness: &mut Harness<Ch>,
    service: &mut Service,
    name: &str,
    citizens: usize,
    (warm, duration): (Duration, Duration),
) -> Phase {
    harness.reset();
    let cpu = Cpu::start(service.pid(), harness.postgres);
    let start = Instant::now();
    let end = start + duration;
    for _ in 0..citizens {
        let id = harness.new_chat();
        harness.push_next(id);
    }
    let advance = |harness: &mut Harness<Ch>, id: i64| {
        if Instant::now() >= end {
            return;
        }
        if !harness.push_next(id) {
            let id = harness.new_chat();
            harness.push_next(id);
        }
    };
    let mut last = Instant::now();
    while Instant::now() < end {
        let wait = end.saturating_duration_since(Instant::now());
        match tokio::time::timeout(wait.min(STALL), harness.deliveries.recv()).await {
            Ok(Some(delivery)) => {
                last = Instant::now();
                if let Some(id) = harness.record(delivery) {
                    advance(harness, id);
                }
            }
            Ok(None) => break,
            Err(_) if last.elapsed() >= STALL => {
                service.check_alive();
                panic!(
                    "no reply for {STALL:?}; the service log ends with:\n{}",
                    service.log_tail(20)
                );
            }
            Err(_) => {}
        }
    }
    let cpu_used = cpu.used();
    drain(harness, service, Instant::now() + DRAIN, |_, _| {}).await;
    let (from, to) = (start + warm, end);
    summarise(
        harness,
        format!("{name}, closed loop, {citizens} citizens"),
        (from, to),
        cpu_used,
        end - start,
        |_, answered| answered >= from && answered < to,
    )
}

/// Open loop: updates queued at `rate` per second whatever the service does, each chat's
/// messages spaced `chats / rate` seconds apart; the messages queued after `warm` count.
async fn open_loop<Ch: Channel>(
    harness: &mut Harness<Ch>,
    service: &mut Service,
    rate: f64,
    (warm, duration): (Duration, Duration),
) -> Phase {
    harness.reset();
    let total = (rate * duration.as_secs_f64()) as usize;
    // Enough chats for every script to be sent once in full.
    let turns = harness
        .scripts
        .iter()
        .map(|s| s.messages.len())
        .min()
        .unwrap_or(1)
        .max(1);
    let chats: Vec<i64> = (0..total.div_ceil(turns))
        .map(|_| harness.new_chat())
        .collect();
    // Round after round over the chats: message r of every chat, then message r + 1.
    let mut order: Vec<i64> = Vec::with_capacity(total);
    'rounds: for round in 0.. {
        let mut any = false;
        for &id in &chats {
            let script = &harness.scripts[harness.chats[&id].script];
            if round < script.messages.len() {
                any = true;
                order.push(id);
                if order.len() == total {
                    break 'rounds;
                }
            }
        }
        if !any {
            break;
        }
    }
    let cpu = Cpu::start(service.pid(), harness.postgres);
    let start = Instant::now();
    let mut queued = 0;
    let mut tick = tokio::time::interval(Duration::from_millis(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    while queued < order.len() {
        tokio::select! {
            _ = tick.tick() => {
                // Catch up with the schedule: a late tick queues what fell due meanwhile.
                let due = ((start.elapsed().as_secs_f64() * rate) as usize).min(order.len());
                while queued < due {
                    harness.push_next(order[queued]);
                    queued += 1;
                }
            }
            Some(delivery) = harness.deliveries.recv() => {
                harness.record(delivery);
            }
        }
    }
    let end = Instant::now();
    let cpu_used = cpu.used();
    drain(harness, service, Instant::now() + DRAIN, |_, _| {}).await;
    let from = start + warm;
    summarise(
        harness,
        format!("open loop, {rate:.0} updates/s, {} chats", chats.len()),
        (from, end),
        cpu_used,
        end - start,
        |pushed, _| pushed >= from,
    )
}

/// Every one of `chats` new chats sends its first message at the same moment, then goes on in
/// a closed loop to its `per_chat`-th message, for `limit` at most.
async fn burst<Ch: Channel>(
    harness: &mut Harness<Ch>,
    service: &mut Service,
    chats: usize,
    per_chat: usize,
    limit: Duration,
) -> Phase {
    harness.reset();
    harness.per_chat = per_chat;
    let cpu = Cpu::start(service.pid(), harness.postgres);
    let start = Instant::now();
    let ids: Vec<i64> = (0..chats).map(|_| harness.new_chat()).collect();
    for &id in &ids {
        harness.push_next(id);
    }
    drain(harness, service, start + limit, |harness, id| {
        harness.push_next(id);
    })
    .await;
    let end = Instant::now();
    let cpu_used = cpu.used();
    summarise(
        harness,
        format!("{chats} chats at once, {per_chat} messages each"),
        (start, end),
        cpu_used,
        end - start,
        |_, _| true,
    )
}

/// Waits for the service to answer its first message in full (it listens or polls once it is
/// up), so that no reply to it arrives during the next phase.
async fn wait_ready<Ch: Channel>(harness: &mut Harness<Ch>, service: &mut Service) {
    harness.reset();
    let id = harness.new_chat();
    harness.push_next(id);
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        match tokio::time::timeout(Duration::from_millis(200), harness.deliveries.recv()).await {
            Ok(Some(delivery)) => {
                harness.record(delivery);
                if harness.outstanding == 0 {
                    return;
                }
            }
            Ok(None) => panic!("the fake stopped"),
            Err(_) => {
                service.check_alive();
                assert!(
                    Instant::now() < deadline,
                    "sportello run did not answer within a minute; its log ends with:\n{}",
                    service.log_tail(20)
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Report.

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

fn print_header() {
    println!(
        "{:<14} {:<44} {:>7} {:>10} {:>9} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7} {:>5}",
        "backend",
        "phase",
        "updates",
        "answered/s",
        "replies/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "max ms",
        "service",
        "bench",
        "db",
        "others",
        "lost"
    );
}

fn print_phase(backend: &str, phase: &Phase, citizens: &impl Citizens) {
    let wall = phase.wall.as_secs_f64();
    println!(
        "{:<14} {:<44} {:>7} {:>10.0} {:>9.0} {:>7} {:>7} {:>7} {:>7} {:>6.0}% {:>6.0}% {:>6.0}% {:>6.0}% {:>5}",
        backend,
        phase.name,
        phase.updates,
        phase.rate(),
        phase.replies as f64 / (phase.to - phase.from).as_secs_f64(),
        ms(phase.percentile(50.0)),
        ms(phase.percentile(95.0)),
        ms(phase.percentile(99.0)),
        ms(phase.latencies.last().copied().unwrap_or_default()),
        phase.cpu.service / wall * 100.0,
        phase.cpu.bench / wall * 100.0,
        phase.cpu.database / wall * 100.0,
        phase.cpu.others / wall * 100.0,
        phase.unanswered,
    );
    if phase.strays > 0 {
        println!(
            "               ! {} replies the scripts did not expect (scripts and service disagree)",
            phase.strays
        );
    }
    if let Some(problems) = citizens.problems() {
        println!("               ! {problems}");
    }
}

struct Outcome {
    backend: String,
    throughput: Phase,
    latency: Phase,
    memory: Phase,
    /// Peak and final resident memory (KiB) of the process of the 10,000-chat run.
    peak_kib: u64,
    rss_kib: u64,
    /// Peak resident memory (KiB) of the process of the throughput and latency runs.
    other_peak_kib: u64,
}

/// Runs the three measurements on one backend; `urls` are the databases of the two service
/// processes (`{dir}` stands for the process's own temporary directory).
async fn bench<Ch: Channel>(
    channel: Ch,
    backend: &'static str,
    urls: [String; 2],
    scripts: Arc<Vec<Script>>,
) -> Outcome {
    let citizens = env_usize("BENCH_CITIZENS", 1000);
    let rate = env_usize("BENCH_RATE", 500) as f64;
    let memory_chats = env_usize("BENCH_CHATS", 10_000);
    let memory_messages = env_usize("BENCH_CHAT_MESSAGES", 3);
    let warm = env_secs("BENCH_WARM_SECONDS", 2.0);
    let seconds = env_secs("BENCH_SECONDS", 10.0);

    let (fake, deliveries) = channel.start().await;
    let mut harness = Harness::<Ch> {
        citizens: fake,
        deliveries,
        scripts,
        chats: HashMap::new(),
        next_chat: 100_000_000,
        next_script: 0,
        strays: 0,
        per_chat: usize::MAX,
        outstanding: 0,
        postgres: backend.starts_with("postgres"),
    };

    let mut service = Service::start(&harness.citizens.settings(), &urls[0]);
    wait_ready(&mut harness, &mut service).await;
    // Warm-up: connections, caches, the database's first pages; not reported.
    let warmup = closed_loop(
        &mut harness,
        &mut service,
        "warm-up",
        200,
        (Duration::ZERO, Duration::from_secs(3)),
    )
    .await;
    eprintln!("  {backend}: warm-up {:.0} updates/s", warmup.rate());
    let throughput = closed_loop(
        &mut harness,
        &mut service,
        "throughput",
        citizens,
        (warm, warm + seconds),
    )
    .await;
    print_phase(backend, &throughput, &harness.citizens);
    let latency = open_loop(&mut harness, &mut service, rate, (warm, warm + seconds)).await;
    print_phase(backend, &latency, &harness.citizens);
    service.check_alive();
    let other_peak_kib = service.memory_kib().0;
    service.report_log();
    drop(service);

    // A fresh process and database, so that the peak is the 10,000 chats' own.
    let mut service = Service::start(&harness.citizens.settings(), &urls[1]);
    wait_ready(&mut harness, &mut service).await;
    let limit = env_secs("BENCH_MAX_SECONDS", 90.0);
    let memory = burst(
        &mut harness,
        &mut service,
        memory_chats,
        memory_messages,
        limit,
    )
    .await;
    print_phase(backend, &memory, &harness.citizens);
    service.check_alive();
    let (peak_kib, rss_kib) = service.memory_kib();
    service.report_log();
    drop(service);
    Outcome {
        backend: backend.to_string(),
        throughput,
        latency,
        memory,
        peak_kib,
        rss_kib,
        other_peak_kib,
    }
}

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "MISSED" }
}

fn print_targets(outcome: &Outcome) {
    let b = &outcome.backend;
    let mib = |kib: u64| kib as f64 / 1024.0;
    let rate = outcome.throughput.rate();
    let target = if b.starts_with("postgres") {
        1500.0
    } else {
        2000.0
    };
    let wall = outcome.throughput.wall.as_secs_f64();
    println!(
        "{b}: at least {target:.0} updates/s answered: {rate:.0}/s, {}; p50 {} ms, p95 {} ms, \
         p99 {} ms; CPU: service {:.0} %, database {:.0} % of one core",
        verdict(rate >= target),
        ms(outcome.throughput.percentile(50.0)),
        ms(outcome.throughput.percentile(95.0)),
        ms(outcome.throughput.percentile(99.0)),
        outcome.throughput.cpu.service / wall * 100.0,
        outcome.throughput.cpu.database / wall * 100.0,
    );
    let latency = &outcome.latency;
    let p99 = latency.percentile(99.0);
    println!(
        "{b}: p99 under 50 ms at {:.0} updates/s: p50 {} ms, p95 {} ms, p99 {} ms, {}",
        latency.updates as f64 / latency.wall.as_secs_f64(),
        ms(latency.percentile(50.0)),
        ms(latency.percentile(95.0)),
        ms(p99),
        verdict(p99 < Duration::from_millis(50) && latency.unanswered == 0)
    );
    println!(
        "{b}: under 100 MB resident with {} chats ({} messages): peak {:.1} MiB, {:.1} MiB at \
         the end, {}; peak {:.1} MiB over the throughput and latency runs",
        outcome.memory.chats,
        outcome.memory.updates,
        mib(outcome.peak_kib),
        mib(outcome.rss_kib),
        verdict((outcome.peak_kib * 1024) < 100_000_000),
        mib(outcome.other_peak_kib),
    );
}

/// The benchmark's `main`: `cargo bench --bench NAME [sqlite] [postgres] [postgres-async]`.
pub fn main(channel: impl Channel) {
    // The fake and the load generator; the service has its own runtime in its own process.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(bench_all(channel));
}

async fn bench_all<Ch: Channel>(channel: Ch) {
    // `cargo bench` passes `--bench`; anything else names the backends to run.
    let wanted: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let runs = |name: &str| wanted.is_empty() || wanted.iter().any(|w| w == name);
    binary();
    tokio::spawn(crate::service::clean_up_when_interrupted());

    let (flows, report) = FlowSet::load(
        &root().join("flows"),
        &root().join("locales"),
        sportello::channels::LIMITS,
    );
    let flows = flows.unwrap_or_else(|| panic!("{report}"));
    let scripts = Arc::new(scripts(&channel, &flows));
    let messages: usize = scripts.iter().map(|s| s.messages.len()).sum();
    let replies: usize = scripts.iter().map(Script::replies_total).sum();
    let taps: usize = scripts.iter().map(Script::taps).sum();
    println!(
        "{} scripts, {messages} messages ({taps} taps), {replies} replies; {} cores, load {}",
        scripts.len(),
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    print_header();

    let mut outcomes = Vec::new();
    if runs("sqlite") {
        let url = "sqlite://{dir}/bench.db".to_string();
        outcomes.push(bench(channel, "sqlite", [url.clone(), url], scripts.clone()).await);
    }
    for (backend, synchronous) in [("postgres", true), ("postgres-async", false)] {
        if !runs(backend) {
            continue;
        }
        match std::env::var("SPORTELLO_TEST_POSTGRES_URL") {
            Ok(admin_url) => {
                let outcome =
                    bench_postgres(channel, backend, &admin_url, synchronous, scripts.clone());
                outcomes.push(outcome.await);
            }
            Err(_) => println!(
                "{backend}: skipped; set SPORTELLO_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test"
            ),
        }
    }
    println!();
    for outcome in &outcomes {
        print_targets(outcome);
    }
}

/// For trying a schema change without building it in: creates the tables with the binary's
/// own `sportello migrate`, then runs `sql` (`BENCH_PG_EXTRA_SQL`, e.g. an index) on them.
async fn prepare_with(url: &str, sql: &str) {
    let migrated = Command::new(binary())
        .arg("migrate")
        .env_clear()
        .env("SPORTELLO_DATABASE_URL", url)
        .env("SPORTELLO_LOG", "warn")
        .stdout(Stdio::null())
        .status()
        .expect("sportello migrate");
    assert!(migrated.success(), "sportello migrate failed");
    let mut conn = sqlx::PgConnection::connect(url)
        .await
        .expect("bench database");
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_string()))
        .execute(&mut conn)
        .await
        .expect("BENCH_PG_EXTRA_SQL");
    println!("               (BENCH_PG_EXTRA_SQL applied: {sql})");
}

/// Each service process gets a database of its own, created here and dropped at the end,
/// also when the run fails. Without `synchronous`, the databases commit without waiting for
/// the disk (`synchronous_commit = off`): what SQLite's WAL mode with `synchronous = NORMAL`
/// does, so that the two compare like for like (a crash of the process loses nothing; one of
/// the machine may lose the last commits).
async fn bench_postgres<Ch: Channel>(
    channel: Ch,
    backend: &'static str,
    admin_url: &str,
    synchronous: bool,
    scripts: Arc<Vec<Script>>,
) -> Outcome {
    // Unique also across machines' process ids that share the server.
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    let mut databases = Vec::new();
    for i in 0..2 {
        let prefix = format!("bench_{}_{stamp}_{i}", Ch::NAME);
        let mut database = BenchDatabase::create(admin_url, &prefix, "").await;
        on_interrupt(undo(admin_url, &database));
        if !synchronous {
            database.set("synchronous_commit = off").await;
        }
        databases.push(database);
    }
    let urls = [databases[0].url.clone(), databases[1].url.clone()];
    if let Ok(sql) = std::env::var("BENCH_PG_EXTRA_SQL") {
        for url in &urls {
            prepare_with(url, &sql).await;
        }
    }
    // On its own task, so that a panic comes back here as an error and the databases go.
    let run = tokio::spawn(bench(channel, backend, urls, scripts)).await;
    for database in databases {
        let undo = undo(admin_url, &database);
        database.drop().await;
        done(&undo);
    }
    match run {
        Ok(outcome) => outcome,
        Err(e) => std::panic::resume_unwind(e.into_panic()),
    }
}

fn undo(admin_url: &str, database: &BenchDatabase) -> Undo {
    Undo::DropDatabase {
        admin_url: admin_url.to_string(),
        name: database.name().to_string(),
    }
}
