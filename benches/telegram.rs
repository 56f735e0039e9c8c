//! End-to-end load on the real `sportello run` process: a fake Bot API server on loopback hands
//! it updates by long polling (batches of up to 100) and times the replies it sends back.
//!
//! `cargo build --release && cargo bench --bench telegram [sqlite] [postgres]` (PostgreSQL
//! needs `SPORTELLO_TEST_POSTGRES_URL`; each run gets a fresh database, dropped afterwards).
//! Three measurements per backend, figures in docs/benchmarks.md:
//!
//! - throughput: a closed loop of citizens, each sending its next message only once every
//!   reply to the previous one arrived; updates answered per second;
//! - latency: an open loop pushing updates at a fixed rate (500/s) over many chats, timed from
//!   the moment an update is queued in the fake to the first `sendMessage` it causes;
//! - memory: a fresh process and database, 10,000 chats writing at once and then answering
//!   in a closed loop; peak resident memory (`VmHWM`) of the process.
//!
//! Replies are matched to updates by chat and by count: every citizen follows a script
//! computed beforehand with the engine itself (`engine::step`, which is pure), so the number
//! of replies each message causes is known, and the service sends each chat's replies in
//! order. Messages that would get no reply (free text during a hand-off) are left out of the
//! scripts, or the closed loop would wait for them.

#[path = "../tests/support/fake_telegram.rs"]
mod fake_telegram;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::Utc;
use fake_telegram::{Delivery, FakeTelegram};
use sportello::engine::{self, Effect, Input, State};
use sportello::flows::FlowSet;
use sportello::flows::check::{TELEGRAM_CALLBACK_MAX, callback_data};
use sportello::i18n::Lang;
use sqlx::Connection;
use tokio::sync::mpsc::UnboundedReceiver;

/// Linux reports process CPU time in these ticks (`getconf CLK_TCK`, 100 on every common
/// kernel configuration).
const TICKS_PER_SECOND: f64 = 100.0;
/// With no reply for this long while replies are due, the service is taken to be stuck.
const STALL: Duration = Duration::from_secs(15);
/// How long a phase waits at most, after its last message, for the replies still due.
const DRAIN: Duration = Duration::from_secs(30);

/// What an interrupted run (Ctrl-C, `timeout`) must still undo: no destructor runs then.
static CLEANUP: Mutex<Vec<Undo>> = Mutex::new(Vec::new());

#[derive(PartialEq)]
enum Undo {
    Kill(u32),
    DropDatabase { admin_url: String, name: String },
}

fn on_interrupt(undo: Undo) {
    CLEANUP.lock().unwrap().push(undo);
}

fn done(undo: &Undo) {
    CLEANUP.lock().unwrap().retain(|u| u != undo);
}

/// On Ctrl-C or SIGTERM: kill the service processes, drop the bench databases, exit.
async fn clean_up_when_interrupted() {
    let mut terminate =
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        Some(()) = async { terminate.as_mut()?.recv().await } => {}
    }
    let undo = std::mem::take(&mut *CLEANUP.lock().unwrap());
    for step in &undo {
        if let Undo::Kill(pid) = step {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
        }
    }
    for step in &undo {
        if let Undo::DropDatabase { admin_url, name } = step
            && let Ok(mut admin) = sqlx::PgConnection::connect(admin_url).await
        {
            let drop = format!("drop database if exists {name} with (force)");
            let _ = sqlx::query(sqlx::AssertSqlSafe(drop))
                .execute(&mut admin)
                .await;
        }
    }
    eprintln!("interrupted: service processes killed, bench databases dropped");
    std::process::exit(130);
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

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

// ---------------------------------------------------------------------------------------------
// Scripts: what each simulated citizen sends, and how many replies each message gets.

/// One step of a citizen's plan.
#[derive(Clone, Copy)]
enum Say {
    Text(&'static str),
    /// Tap the n-th button (modulo their number) of the last message that had buttons.
    Tap(usize),
}

use Say::{Tap, Text};

/// Plans in the proportions of a plausible day: questions in plain words, menu taps, an
/// emergency now and then, one citizen in ten asking for an operator, some in English.
const PLANS: &[(&str, &[Say])] = &[
    (
        "it",
        &[
            Text("/start"),
            Tap(1),
            Tap(0),
            Text("quando scade la tari?"),
            Tap(1),
        ],
    ),
    (
        "it",
        &[
            Text("carta d'identità"),
            Tap(0),
            Text("/menu"),
            Tap(2),
            Tap(0),
        ],
    ),
    (
        "it",
        &[
            Text("ho preso una multa"),
            Tap(0),
            Text("c'è un incendio"),
            Text("/menu"),
            Tap(3),
        ],
    ),
    (
        "it",
        &[
            Text("/start"),
            Tap(4),
            Tap(1),
            Text("come faccio il cambio di residenza?"),
            Tap(0),
        ],
    ),
    (
        "it",
        &[
            Text("buongiorno"),
            Text("ritiro ingombranti"),
            Tap(0),
            Text("grazie"),
            Text("/menu"),
        ],
    ),
    (
        "it",
        &[
            Text("/start"),
            Text("/operatore"),
            Text("/menu"),
            Text("/annulla"),
            Text("quando scade l'imu?"),
        ],
    ),
    (
        "it",
        &[
            Text("iscrizione mensa scolastica"),
            Tap(0),
            Text("orari dell'anagrafe"),
            Tap(1),
            Text("/aiuto"),
        ],
    ),
    (
        "it",
        &[
            Text("bonus affitto"),
            Tap(0),
            Text("eventi del fine settimana"),
            Tap(0),
            Text("/menu"),
        ],
    ),
    (
        "en",
        &[
            Text("/start"),
            Text("when is the waste tax due?"),
            Tap(0),
            Text("identity card"),
            Tap(1),
        ],
    ),
    (
        "en",
        &[
            Text("I got a parking fine"),
            Tap(0),
            Text("there is a fire"),
            Text("/menu"),
            Tap(2),
        ],
    ),
];

/// What goes into an update.
#[derive(Clone, Debug)]
enum Message {
    Text(String),
    /// Callback data of a button the bot sent.
    Tap(String),
}

#[derive(Debug)]
struct Script {
    lang: &'static str,
    messages: Vec<Message>,
    /// `replies_after[k]`: replies the chat has received once message k is fully answered.
    replies_after: Vec<usize>,
}

impl Script {
    /// Replies received before message k's first one.
    fn replies_before(&self, k: usize) -> usize {
        if k == 0 { 0 } else { self.replies_after[k - 1] }
    }

    fn replies_total(&self) -> usize {
        self.replies_after.last().copied().unwrap_or(0)
    }

    fn taps(&self) -> usize {
        self.messages
            .iter()
            .filter(|m| matches!(m, Message::Tap(_)))
            .count()
    }
}

/// Runs a plan through the engine as the service would, turning taps into the callback data
/// the service's buttons carry and counting the replies of each message.
fn script(flows: &FlowSet, lang: &'static str, plan: &[Say], variant: usize) -> Script {
    let now = Utc::now();
    let citizen_lang = Lang::from_tag(lang);
    let mut state = State::new(citizen_lang);
    let mut buttons: Vec<String> = Vec::new();
    let mut out = Script {
        lang,
        messages: Vec::new(),
        replies_after: Vec::new(),
    };
    for say in plan {
        let message = match *say {
            Text(text) => Message::Text(text.to_string()),
            Tap(_) if buttons.is_empty() => continue,
            Tap(n) => Message::Tap(buttons[(n + variant) % buttons.len()].clone()),
        };
        // The same mapping as the Telegram adapter's `receive`.
        let input = match &message {
            Message::Text(text) => Input::Text { text: text.clone() },
            Message::Tap(data) => match data.rsplit_once('/') {
                Some((at, id)) => Input::Choice {
                    id: id.to_string(),
                    at: Some(at.to_string()),
                },
                None => Input::Choice {
                    id: data.clone(),
                    at: None,
                },
            },
        };
        let outcome = engine::step(&state, &input, flows, now);
        if outcome.replies.is_empty() {
            // Not sent at all: the citizen would wait for a reply that never comes.
            continue;
        }
        state = if outcome.effects.contains(&Effect::Ended) {
            // The store closes the conversation; the next message opens a new one.
            State::new(citizen_lang)
        } else {
            outcome.state
        };
        let tappable: Vec<String> = outcome
            .replies
            .iter()
            .rev()
            .find(|r| r.choices.iter().any(|c| c.url.is_none()))
            .map(|reply| {
                reply
                    .choices
                    .iter()
                    // Links open a page; hand-offs and goodbyes are asked for on purpose only.
                    .filter(|c| c.url.is_none() && c.id != "operatore" && c.id != "fine")
                    .map(|c| {
                        reply
                            .at
                            .as_deref()
                            .map(|at| callback_data(at, &c.id))
                            .filter(|d| d.len() <= TELEGRAM_CALLBACK_MAX)
                            .unwrap_or_else(|| c.id.clone())
                    })
                    .collect()
            })
            .unwrap_or_default();
        if !tappable.is_empty() {
            buttons = tappable;
        }
        let before = out.replies_after.last().copied().unwrap_or(0);
        out.replies_after.push(before + outcome.replies.len());
        out.messages.push(message);
    }
    out
}

/// Every plan in a few tap variants, so that the taps spread over the flows.
fn scripts(flows: &FlowSet) -> Vec<Script> {
    let mut scripts = Vec::new();
    for variant in 0..4 {
        for (lang, plan) in PLANS {
            let script = script(flows, lang, plan, variant * 3);
            if !script.messages.is_empty() {
                scripts.push(script);
            }
        }
    }
    scripts
}

// ---------------------------------------------------------------------------------------------
// The service under test.

/// The `sportello run` child process; killed when dropped, also on a panic.
struct Service {
    child: Child,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        done(&Undo::Kill(self.child.id()));
    }
}

fn binary() -> PathBuf {
    let path = std::env::var_os("SPORTELLO_BENCH_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/release/sportello"));
    if !path.exists() {
        eprintln!(
            "{} is missing: build it first with `cargo build --release` \
             (or point SPORTELLO_BENCH_BIN at a release binary)",
            path.display()
        );
        std::process::exit(2);
    }
    // A stale binary would measure old code: say so (the bench does not build it itself).
    let built = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
    let newest = newest_source(&root().join("src"));
    if let (Some(built), Some(newest)) = (built, newest)
        && newest > built
    {
        eprintln!(
            "warning: {} is older than src/; run `cargo build --release` first",
            path.display()
        );
    }
    path
}

fn newest_source(dir: &Path) -> Option<std::time::SystemTime> {
    std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter_map(|entry| {
            let path = entry.path();
            if path.is_dir() {
                newest_source(&path)
            } else {
                entry.metadata().and_then(|m| m.modified()).ok()
            }
        })
        .max()
}

impl Service {
    fn start(fake: &FakeTelegram, database_url: &str) -> Service {
        let dir = tempfile::tempdir().expect("temp dir");
        let log = dir.path().join("sportello.log");
        let database_url = database_url.replace("{dir}", &dir.path().display().to_string());
        let output = std::fs::File::create(&log).expect("log file");
        let errors = output.try_clone().expect("log file");
        let child = Command::new(binary())
            .arg("run")
            .current_dir(dir.path())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("SPORTELLO_TELEGRAM_TOKEN", "123:BENCH")
            .env("SPORTELLO_TELEGRAM_API_URL", fake.url())
            .env("SPORTELLO_DATABASE_URL", database_url)
            .env("SPORTELLO_FLOWS_DIR", root().join("flows"))
            .env("SPORTELLO_LOCALES_DIR", root().join("locales"))
            // Pacing off: the fake does not rate-limit, and the bench measures the service.
            .env("SPORTELLO_TELEGRAM_RATE", "1000000")
            .env("SPORTELLO_TELEGRAM_CHAT_RATE", "1000000")
            .env("SPORTELLO_LOG", "warn")
            .env("SPORTELLO_ADMIN_LISTEN", "127.0.0.1:0")
            .stdin(Stdio::null())
            .stdout(Stdio::from(output))
            .stderr(Stdio::from(errors))
            .spawn()
            .expect("start sportello run");
        on_interrupt(Undo::Kill(child.id()));
        Service {
            child,
            log,
            _dir: dir,
        }
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Panics with the end of the log if the process has ended.
    fn check_alive(&mut self) {
        if let Ok(Some(status)) = self.child.try_wait() {
            panic!(
                "sportello run ended ({status}); its log ends with:\n{}",
                self.log_tail(20)
            );
        }
    }

    fn log_tail(&self, lines: usize) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let all: Vec<&str> = text.lines().collect();
        all[all.len().saturating_sub(lines)..].join("\n")
    }

    fn log_lines(&self) -> usize {
        std::fs::read_to_string(&self.log)
            .map(|t| t.lines().count())
            .unwrap_or(0)
    }

    /// (peak, current) resident memory in KiB.
    fn memory_kib(&self) -> (u64, u64) {
        let status =
            std::fs::read_to_string(format!("/proc/{}/status", self.pid())).unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
                .unwrap_or(0)
        };
        (field("VmHWM:"), field("VmRSS:"))
    }
}

/// CPU seconds (user + system) a process has used so far.
fn cpu_seconds(pid: &str) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The command name, in parentheses, may hold spaces: count fields after it.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    (ticks(11) + ticks(12)) / TICKS_PER_SECOND
}

// ---------------------------------------------------------------------------------------------
// Driving the load.

/// One simulated citizen.
struct Chat {
    script: usize,
    /// When each message was queued in the fake.
    pushed: Vec<Instant>,
    /// When each reply reached the fake.
    replies: Vec<Instant>,
}

struct Harness {
    fake: FakeTelegram,
    deliveries: UnboundedReceiver<Delivery>,
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

impl Harness {
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
        match message {
            Message::Text(text) => self.fake.text(id, script.lang, text),
            Message::Tap(data) => self.fake.tap(id, script.lang, data),
        };
        true
    }

    /// Records a reply; the chat when it completes the answer to the chat's last message.
    fn record(&mut self, delivery: Delivery) -> Option<i64> {
        let Some(chat) = self.chats.get_mut(&delivery.chat_id) else {
            self.strays += 1;
            return None;
        };
        let due = self.scripts[chat.script].replies_before(chat.pushed.len());
        chat.replies.push(delivery.at);
        if chat.replies.len() > due {
            self.strays += 1;
        } else {
            self.outstanding -= 1;
        }
        (!chat.pushed.is_empty() && chat.replies.len() == due).then_some(delivery.chat_id)
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
        if self.latencies.is_empty() {
            return Duration::ZERO;
        }
        let i = ((self.latencies.len() as f64 - 1.0) * p).round() as usize;
        self.latencies[i]
    }
}

/// What each chat's messages came to: latencies of the messages selected by `counts`.
fn summarise(
    harness: &Harness,
    name: String,
    from: Instant,
    to: Instant,
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
async fn drain(
    harness: &mut Harness,
    service: &mut Service,
    until: Instant,
    mut on_complete: impl FnMut(&mut Harness, i64),
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

/// CPU seconds the whole machine was busy (or lent to other virtual machines) so far.
fn machine_busy_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let ticks: Vec<f64> = stat
        .lines()
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .skip(1)
        .filter_map(|v| v.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal: all but idle and iowait.
    let busy: f64 = ticks
        .iter()
        .take(8)
        .enumerate()
        .filter(|(i, _)| *i != 3 && *i != 4)
        .map(|(_, t)| t)
        .sum();
    busy / TICKS_PER_SECOND
}

/// CPU seconds used by the PostgreSQL server's processes so far (all of them: other clients
/// of the same server count too).
fn postgres_seconds() -> f64 {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return 0.0;
    };
    entries
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| name.bytes().all(|b| b.is_ascii_digit()))
        .filter(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/comm"))
                .is_ok_and(|comm| comm.trim() == "postgres")
        })
        .map(|pid| cpu_seconds(&pid))
        .sum()
}

/// CPU seconds, or their growth over a phase.
#[derive(Debug, Clone, Copy, Default)]
struct CpuUse {
    service: f64,
    /// The fake Bot API server and the load generator.
    bench: f64,
    /// The PostgreSQL server, when the service uses it.
    database: f64,
    /// Everything else on the machine: other work sharing the cores.
    others: f64,
}

/// Measures CPU use over a phase, to tell which side was saturated and whether other work
/// took the cores.
struct Cpu {
    service: String,
    postgres: bool,
    start: CpuUse,
}

impl Cpu {
    fn start(service: &Service, postgres: bool) -> Cpu {
        let service = service.pid().to_string();
        Cpu {
            start: Cpu::now(&service, postgres),
            service,
            postgres,
        }
    }

    /// Totals so far; `others` holds the whole machine's busy time.
    fn now(service: &str, postgres: bool) -> CpuUse {
        CpuUse {
            service: cpu_seconds(service),
            bench: cpu_seconds("self"),
            database: if postgres { postgres_seconds() } else { 0.0 },
            others: machine_busy_seconds(),
        }
    }

    fn used(&self) -> CpuUse {
        let now = Cpu::now(&self.service, self.postgres);
        let service = now.service - self.start.service;
        let bench = now.bench - self.start.bench;
        // A server process that ended during the phase takes its time with it: never below 0.
        let database = (now.database - self.start.database).max(0.0);
        let machine = now.others - self.start.others;
        CpuUse {
            service,
            bench,
            database,
            others: (machine - service - bench - database).max(0.0),
        }
    }
}

/// Closed loop: `citizens` chats at a time, each sending its next message once every reply to
/// the previous arrived; a citizen whose script is done is replaced by a new chat, until
/// `duration` ends (then the ones in progress finish their current message).
/// Updates answered within `[warm, duration)` count.
async fn closed_loop(
    harness: &mut Harness,
    service: &mut Service,
    name: &str,
    citizens: usize,
    warm: Duration,
    duration: Duration,
) -> Phase {
    harness.reset();
    let cpu = Cpu::start(service, harness.postgres);
    let start = Instant::now();
    let end = start + duration;
    for _ in 0..citizens {
        let id = harness.new_chat();
        harness.push_next(id);
    }
    let advance = |harness: &mut Harness, id: i64| {
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
        from,
        to,
        cpu_used,
        end - start,
        |_, answered| answered >= from && answered < to,
    )
}

/// Open loop: updates queued at `rate` per second whatever the service does, each chat's
/// messages spaced `chats / rate` seconds apart; the messages queued after `warm` count.
async fn open_loop(
    harness: &mut Harness,
    service: &mut Service,
    rate: f64,
    warm: Duration,
    duration: Duration,
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
    let cpu = Cpu::start(service, harness.postgres);
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
        from,
        end,
        cpu_used,
        end - start,
        |pushed, _| pushed >= from,
    )
}

/// Every one of `chats` new chats sends its first message at the same moment, then goes on in
/// a closed loop to its `per_chat`-th message, for `limit` at most.
async fn burst(
    harness: &mut Harness,
    service: &mut Service,
    chats: usize,
    per_chat: usize,
    limit: Duration,
) -> Phase {
    harness.reset();
    harness.per_chat = per_chat;
    let cpu = Cpu::start(service, harness.postgres);
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
        start,
        end,
        cpu_used,
        end - start,
        |_, _| true,
    )
}

/// Waits for the service to answer its first message (it polls once it is up).
async fn wait_ready(harness: &mut Harness, service: &mut Service) {
    harness.reset();
    let id = harness.new_chat();
    harness.push_next(id);
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        match tokio::time::timeout(Duration::from_millis(200), harness.deliveries.recv()).await {
            Ok(Some(_)) => return,
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

fn print_phase(backend: &str, phase: &Phase) {
    let wall = phase.wall.as_secs_f64();
    println!(
        "{:<14} {:<44} {:>7} {:>10.0} {:>9.0} {:>7} {:>7} {:>7} {:>7} {:>6.0}% {:>6.0}% {:>6.0}% {:>6.0}% {:>5}",
        backend,
        phase.name,
        phase.updates,
        phase.rate(),
        phase.replies as f64 / (phase.to - phase.from).as_secs_f64(),
        ms(phase.percentile(0.50)),
        ms(phase.percentile(0.95)),
        ms(phase.percentile(0.99)),
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
async fn bench(backend: &'static str, urls: [String; 2], scripts: Arc<Vec<Script>>) -> Outcome {
    let citizens = env_usize("BENCH_CITIZENS", 1000);
    let rate = env_usize("BENCH_RATE", 500) as f64;
    let memory_chats = env_usize("BENCH_CHATS", 10_000);
    let memory_messages = env_usize("BENCH_CHAT_MESSAGES", 3);
    let warm = env_secs("BENCH_WARM_SECONDS", 2.0);
    let seconds = env_secs("BENCH_SECONDS", 10.0);

    let (fake, deliveries) = FakeTelegram::start_light().await;
    let mut harness = Harness {
        fake,
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

    let mut service = Service::start(&harness.fake, &urls[0]);
    wait_ready(&mut harness, &mut service).await;
    // Warm-up: connections, caches, the database's first pages; not reported.
    let warmup = closed_loop(
        &mut harness,
        &mut service,
        "warm-up",
        200,
        Duration::ZERO,
        Duration::from_secs(3),
    )
    .await;
    eprintln!("  {backend}: warm-up {:.0} updates/s", warmup.rate());
    let throughput = closed_loop(
        &mut harness,
        &mut service,
        "throughput",
        citizens,
        warm,
        warm + seconds,
    )
    .await;
    print_phase(backend, &throughput);
    let latency = open_loop(&mut harness, &mut service, rate, warm, warm + seconds).await;
    print_phase(backend, &latency);
    service.check_alive();
    let other_peak_kib = service.memory_kib().0;
    report_log(&service);
    drop(service);

    // A fresh process and database, so that the peak is the 10,000 chats' own.
    let mut service = Service::start(&harness.fake, &urls[1]);
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
    print_phase(backend, &memory);
    service.check_alive();
    let (peak_kib, rss_kib) = service.memory_kib();
    report_log(&service);
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

/// Warnings and errors of the service would mean the figures are not of normal operation.
fn report_log(service: &Service) {
    let lines = service.log_lines();
    if lines > 0 {
        println!(
            "               ! the service logged {lines} lines at warn or above; the last:\n{}",
            service.log_tail(3)
        );
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
        ms(outcome.throughput.percentile(0.5)),
        ms(outcome.throughput.percentile(0.95)),
        ms(outcome.throughput.percentile(0.99)),
        outcome.throughput.cpu.service / wall * 100.0,
        outcome.throughput.cpu.database / wall * 100.0,
    );
    let latency = &outcome.latency;
    let p99 = latency.percentile(0.99);
    println!(
        "{b}: p99 under 50 ms at {:.0} updates/s: p50 {} ms, p95 {} ms, p99 {} ms, {}",
        latency.updates as f64 / latency.wall.as_secs_f64(),
        ms(latency.percentile(0.5)),
        ms(latency.percentile(0.95)),
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

fn main() {
    // The fake and the load generator; the service has its own runtime in its own process.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(bench_all());
}

async fn bench_all() {
    // `cargo bench` passes `--bench`; anything else names the backends to run.
    let wanted: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let runs = |name: &str| wanted.is_empty() || wanted.iter().any(|w| w == name);
    binary();
    tokio::spawn(clean_up_when_interrupted());

    let (flows, report) = FlowSet::load(&root().join("flows"), &root().join("locales"));
    let flows = flows.unwrap_or_else(|| panic!("{report}"));
    let scripts = Arc::new(scripts(&flows));
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
        outcomes.push(bench("sqlite", [url.clone(), url], scripts.clone()).await);
    }
    for (backend, synchronous) in [("postgres", true), ("postgres-async", false)] {
        if !runs(backend) {
            continue;
        }
        match std::env::var("SPORTELLO_TEST_POSTGRES_URL") {
            Ok(admin_url) => {
                let outcome = bench_postgres(backend, &admin_url, synchronous, scripts.clone());
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
async fn bench_postgres(
    backend: &'static str,
    admin_url: &str,
    synchronous: bool,
    scripts: Arc<Vec<Script>>,
) -> Outcome {
    let mut admin = sqlx::PgConnection::connect(admin_url)
        .await
        .expect("postgres admin connection");
    let base = admin_url.rsplit_once('/').map_or(admin_url, |(b, _)| b);
    // Unique also across machines' process ids that share the server.
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    let names = [0, 1].map(|i| format!("bench_telegram_{}_{stamp}_{i}", std::process::id()));
    let undo = names.clone().map(|name| Undo::DropDatabase {
        admin_url: admin_url.to_string(),
        name,
    });
    for (name, undo) in names.iter().zip(undo) {
        on_interrupt(undo);
        sqlx::query(sqlx::AssertSqlSafe(format!("create database {name}")))
            .execute(&mut admin)
            .await
            .expect("create bench database");
        if !synchronous {
            let set = format!("alter database {name} set synchronous_commit = off");
            sqlx::query(sqlx::AssertSqlSafe(set))
                .execute(&mut admin)
                .await
                .expect("asynchronous commit");
        }
    }
    let urls = names.clone().map(|name| format!("{base}/{name}"));
    if let Ok(sql) = std::env::var("BENCH_PG_EXTRA_SQL") {
        for url in &urls {
            prepare_with(url, &sql).await;
        }
    }
    // On its own task, so that a panic comes back here as an error and the databases go.
    let run = tokio::spawn(bench(backend, urls, scripts)).await;
    for name in &names {
        let dropped = sqlx::query(sqlx::AssertSqlSafe(format!(
            "drop database if exists {name} with (force)"
        )))
        .execute(&mut admin)
        .await;
        match dropped {
            Ok(_) => done(&Undo::DropDatabase {
                admin_url: admin_url.to_string(),
                name: name.clone(),
            }),
            Err(e) => eprintln!("cannot drop the bench database {name}: {e}"),
        }
    }
    match run {
        Ok(outcome) => outcome,
        Err(e) => std::panic::resume_unwind(e.into_panic()),
    }
}
