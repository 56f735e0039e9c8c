//! Load against the real `sportello run` process, for the crash loop and the fault run: many
//! citizens write to a fake Bot API server while the process may be killed with SIGKILL and
//! restarted, or the fake may misbehave; afterwards every citizen's message is accounted for.
//!
//! Accounting joins two records that do not depend on each other: what the fake received
//! (each `sendMessage`, with the message id it gave back) and what the store says (each
//! inbound message, the replies it caused and the message id each was recorded as delivered
//! under). A message is answered when it has replies and every one of them was delivered under
//! the id the store recorded. A delivery the store never recorded is a reply sent twice: the
//! process delivered it, died before recording it, and the next process sent it again (the
//! at-least-once window of docs/storage.md); the report proves this by finding the same text
//! delivered again, recorded, to the same chat.

#![allow(dead_code)]

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::TestDb;
use crate::fake_telegram::{FakeTelegram, Sent};
use sportello::channels::ChannelKind;
use sportello::store::OutboxStatus;

/// What citizens write: questions, commands, an emergency, in both languages. Hand-offs are
/// left out: free text to a citizen waiting for an operator gets no reply from the bot, and
/// every message here must get one.
const TEXTS: &[(&str, &str)] = &[
    ("it", "/start"),
    ("it", "quando scade la tari?"),
    ("it", "carta d'identità"),
    ("it", "/menu"),
    ("it", "c'è un incendio"),
    ("it", "orari dell'anagrafe"),
    ("it", "ritiro ingombranti"),
    ("it", "buongiorno"),
    ("en", "when is the waste tax due?"),
    ("en", "/help"),
];

pub fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

pub fn env_f64(name: &str, default: f64) -> f64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A small deterministic generator (splitmix64): a run is repeatable from its seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut x = self.0;
        x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        x ^ (x >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A seed from the environment (`LOAD_SEED`) or the clock, printed so a run can be repeated.
pub fn seed() -> u64 {
    let seed = std::env::var("LOAD_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        });
    eprintln!("LOAD_SEED={seed}");
    seed
}

/// How the run is shaped.
#[derive(Debug, Clone)]
pub struct LoadPlan {
    pub citizens: usize,
    /// Updates queued per second, all citizens together.
    pub rate: f64,
    pub duration: Duration,
    /// SIGKILLs spread at random over `duration`, each followed by a restart.
    pub kills: usize,
    /// How long the queue may take to empty after the load before the run fails.
    pub drain_limit: Duration,
}

/// What a run came to.
#[derive(Debug, Default)]
pub struct LoadReport {
    pub pushed: usize,
    pub answered: usize,
    /// Messages the store never recorded, or whose replies were not all delivered.
    pub lost: usize,
    /// Messages stored that caused no reply at all.
    pub unanswered: usize,
    /// Deliveries the store did not record: replies a citizen received twice.
    pub doubled: usize,
    /// Of those, the ones proven to be the at-least-once window: the same text delivered
    /// again, recorded, to the same chat, by a reply attempted more than once.
    pub doubled_in_window: usize,
    /// Chats whose recorded deliveries arrived out of the order of their replies.
    pub out_of_order_chats: usize,
    pub replies: usize,
    pub kills: usize,
    pub faults_injected: usize,
    pub load_seconds: f64,
    /// From the last queued update to the moment nothing was left to do.
    pub drain_seconds: f64,
    pub seed: u64,
    pub details: Vec<String>,
}

impl LoadReport {
    pub fn print(&self, what: &str) {
        println!(
            "{what}: {} updates in {:.1} s ({:.0}/s queued), {} answered, {} lost, {} without \
             a reply, {} doubled ({} proven in the at-least-once window), {} chats out of \
             order, {} replies, {} kills, {} faults injected, drained in {:.2} s (seed {})",
            self.pushed,
            self.load_seconds,
            self.pushed as f64 / self.load_seconds.max(1e-9),
            self.answered,
            self.lost,
            self.unanswered,
            self.doubled,
            self.doubled_in_window,
            self.out_of_order_chats,
            self.replies,
            self.kills,
            self.faults_injected,
            self.drain_seconds,
            self.seed,
        );
        for line in self.details.iter().take(10) {
            println!("  {line}");
        }
    }
}

/// The `sportello run` child process.
pub struct Service {
    child: Child,
    pub log: PathBuf,
}

impl Service {
    pub fn start(
        binary: &Path,
        fake: &FakeTelegram,
        database_url: &str,
        dir: &Path,
        extra: &[(&str, String)],
        n: usize,
    ) -> Service {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let log = dir.join(format!("sportello-{n}.log"));
        let output = std::fs::File::create(&log).expect("log file");
        let errors = output.try_clone().expect("log file");
        let mut command = Command::new(binary);
        command
            .arg("run")
            .current_dir(dir)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("SPORTELLO_TELEGRAM_TOKEN", "123:LOAD")
            .env("SPORTELLO_TELEGRAM_API_URL", fake.url())
            .env("SPORTELLO_DATABASE_URL", database_url)
            .env("SPORTELLO_FLOWS_DIR", root.join("flows"))
            .env("SPORTELLO_LOCALES_DIR", root.join("locales"))
            // Pacing off: the fake does not rate-limit, and the run is about losses.
            .env("SPORTELLO_TELEGRAM_RATE", "1000000")
            .env("SPORTELLO_TELEGRAM_CHAT_RATE", "1000000")
            .env("SPORTELLO_LOG", "warn")
            .env("SPORTELLO_ADMIN_LISTEN", "127.0.0.1:0")
            .env("SPORTELLO_LISTEN", "127.0.0.1:0");
        for (k, v) in extra {
            command.env(k, v);
        }
        let child = command
            .stdin(Stdio::null())
            .stdout(Stdio::from(output))
            .stderr(Stdio::from(errors))
            .spawn()
            .expect("start sportello run");
        Service { child, log }
    }

    /// SIGKILL: no destructor, no flush, no goodbye.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    pub fn assert_alive(&mut self) {
        if let Ok(Some(status)) = self.child.try_wait() {
            panic!(
                "sportello run ended ({status}); its log ends with:\n{}",
                tail(&self.log, 20)
            );
        }
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        self.kill();
    }
}

pub fn tail(path: &Path, lines: usize) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

/// One citizen: what they were last offered to tap.
#[derive(Default)]
struct Citizen {
    buttons: Vec<String>,
    sent: usize,
}

/// Plays `plan` against the real process on `db`, then accounts for every message.
pub async fn run(
    db: &TestDb,
    fake: &FakeTelegram,
    plan: &LoadPlan,
    extra: &[(&str, String)],
    seed: u64,
) -> LoadReport {
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_sportello"));
    let dir = tempfile::tempdir().expect("temp dir");
    // The sent journal: by default beside a SQLite file; on PostgreSQL one for the process,
    // kept across its restarts. `LOAD_JOURNAL=off` runs without it, to see what it saves.
    let mut extra = extra.to_vec();
    match std::env::var("LOAD_JOURNAL").as_deref() {
        Ok("off") => extra.push(("SPORTELLO_OUTBOX_JOURNAL", "off".to_string())),
        _ if db.url.starts_with("postgres") => extra.push((
            "SPORTELLO_OUTBOX_JOURNAL",
            dir.path().join("sent.journal").display().to_string(),
        )),
        _ => {}
    }
    let extra = &extra[..];
    let mut rng = Rng::new(seed);
    let mut starts = 0;
    let mut service = Service::start(&binary, fake, &db.url, dir.path(), extra, starts);

    let chats: Vec<i64> = (0..plan.citizens as i64).map(|i| 7_000_000 + i).collect();
    let mut citizens: HashMap<i64, Citizen> =
        chats.iter().map(|&c| (c, Citizen::default())).collect();
    let mut seen_sent = 0;
    let total = (plan.rate * plan.duration.as_secs_f64()) as usize;
    // Kill moments, spread at random over the run.
    let mut kill_at: Vec<Duration> = (0..plan.kills)
        .map(|_| plan.duration.mul_f64(0.05 + 0.9 * rng.unit()))
        .collect();
    kill_at.sort();
    let mut kill_at = kill_at.into_iter().peekable();
    let mut report = LoadReport {
        seed,
        ..LoadReport::default()
    };

    let start = Instant::now();
    let mut tick = tokio::time::interval(Duration::from_millis(5));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut next_chat = 0;
    while report.pushed < total {
        tick.tick().await;
        let elapsed = start.elapsed();
        if kill_at.peek().is_some_and(|at| elapsed >= *at) {
            kill_at.next();
            service.kill();
            report.kills += 1;
            starts += 1;
            service = Service::start(&binary, fake, &db.url, dir.path(), extra, starts);
        }
        // What the bot offered each chat since the last look: the buttons citizens tap.
        let sent = fake.sent_since(seen_sent);
        seen_sent += sent.len();
        for s in sent {
            let buttons = tappable(&s);
            if let Some(c) = citizens.get_mut(&s.chat_id)
                && !buttons.is_empty()
            {
                c.buttons = buttons;
            }
        }
        let due = ((elapsed.as_secs_f64() * plan.rate) as usize).min(total);
        while report.pushed < due {
            let chat = chats[next_chat % chats.len()];
            next_chat += 1;
            let citizen = citizens.get_mut(&chat).expect("a citizen");
            let pick = rng.next();
            let (lang, text) = TEXTS[(pick % TEXTS.len() as u64) as usize];
            // Four messages in ten are taps on a button the bot offered, when it offered one.
            if citizen.sent > 0 && !citizen.buttons.is_empty() && rng.unit() < 0.4 {
                let data = &citizen.buttons[(rng.next() % citizen.buttons.len() as u64) as usize];
                fake.tap(chat, lang, data);
            } else {
                fake.text(chat, lang, text);
            }
            citizen.sent += 1;
            report.pushed += 1;
        }
    }
    report.load_seconds = start.elapsed().as_secs_f64();
    // The kills not reached yet still happen, right away, so a run always has them all.
    for _ in kill_at {
        service.kill();
        report.kills += 1;
        starts += 1;
        service = Service::start(&binary, fake, &db.url, dir.path(), extra, starts);
    }

    let drain_start = Instant::now();
    loop {
        let counts = db.store.outbox_counts().await.expect("outbox counts");
        let inbound = db.store.inbound_count().await.expect("inbound count");
        if counts.pending == 0
            && inbound as usize >= report.pushed
            && fake.unconfirmed_updates() == 0
        {
            break;
        }
        if drain_start.elapsed() > plan.drain_limit {
            service.assert_alive();
            report.details.push(format!(
                "not drained after {:?}: {} pending replies, {inbound} of {} updates stored, \
                 {} updates unconfirmed; log: {}",
                plan.drain_limit,
                counts.pending,
                report.pushed,
                fake.unconfirmed_updates(),
                tail(&service.log, 5)
            ));
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    report.drain_seconds = drain_start.elapsed().as_secs_f64();
    service.assert_alive();
    // Nothing is in flight any more: stopping now cannot double a reply.
    service.kill();
    report.faults_injected = fake.random_faults_injected();
    account(db, fake, &mut report).await;
    report
}

/// The callback data of the buttons a citizen may tap in `sent`: not links, not hand-offs
/// (which would leave the next messages without a reply: the operator's option, and the
/// example's complaint step, which hands off to the URP), not goodbyes.
fn tappable(sent: &Sent) -> Vec<String> {
    sent.buttons
        .iter()
        .map(|(_, data)| data)
        .filter(|data| !data.starts_with("http"))
        .filter(|data| {
            let id = data.rsplit('/').next().unwrap_or(data);
            !["operatore", "reclamo", "fine"].contains(&id)
        })
        .cloned()
        .collect()
}

/// Joins the store's record with the fake's: answered, lost, doubled, out of order.
async fn account(db: &TestDb, fake: &FakeTelegram, report: &mut LoadReport) {
    let records = db
        .store
        .delivery_records(ChannelKind::Telegram)
        .await
        .expect("delivery records");
    let sent = fake.sent_with_photos();
    report.replies = sent.len();
    let delivered: HashMap<(i64, i64), &Sent> = sent
        .iter()
        .map(|s| ((s.chat_id, s.message_id), s))
        .collect();

    // Per inbound message: its replies; per chat: the delivery ids in reply order.
    let mut messages: Vec<(i64, String, Vec<_>)> = Vec::new();
    for record in &records {
        let chat: i64 = record.user.expose().parse().expect("a chat id");
        match messages.last_mut() {
            Some((c, id, replies)) if *c == chat && *id == record.inbound_message_id => {
                replies.extend(record.reply.clone());
            }
            _ => messages.push((
                chat,
                record.inbound_message_id.clone(),
                record.reply.clone().into_iter().collect(),
            )),
        }
    }
    report.lost += report.pushed.saturating_sub(messages.len());
    if messages.len() < report.pushed {
        report.details.push(format!(
            "{} of {} updates never reached the store",
            report.pushed - messages.len(),
            report.pushed
        ));
    }
    let mut recorded: HashSet<(i64, i64)> = HashSet::new();
    // Recorded deliveries' texts per chat, with the attempts their rows took.
    let mut recorded_texts: HashMap<(i64, &str), i64> = HashMap::new();
    let mut order: HashMap<i64, Vec<i64>> = HashMap::new();
    for (chat, inbound, replies) in &messages {
        if replies.is_empty() {
            report.unanswered += 1;
            report
                .details
                .push(format!("update {inbound} of chat {chat} caused no reply"));
            continue;
        }
        let mut all = true;
        for reply in replies {
            let at = reply
                .channel_sent_id
                .as_deref()
                .and_then(|id| id.parse::<i64>().ok())
                .filter(|_| reply.status == OutboxStatus::Sent)
                .filter(|id| delivered.contains_key(&(*chat, *id)));
            match at {
                Some(id) => {
                    recorded.insert((*chat, id));
                    order.entry(*chat).or_default().push(id);
                    let text = delivered[&(*chat, id)].text.as_str();
                    let attempts = recorded_texts.entry((*chat, text)).or_default();
                    *attempts = (*attempts).max(reply.attempts);
                }
                None => {
                    all = false;
                    report.details.push(format!(
                        "update {inbound} of chat {chat}: reply seq {} is {:?} after {} \
                         attempts, delivery {:?}",
                        reply.seq, reply.status, reply.attempts, reply.channel_sent_id
                    ));
                }
            }
        }
        if all {
            report.answered += 1;
        } else {
            report.lost += 1;
        }
    }
    for s in &sent {
        if recorded.contains(&(s.chat_id, s.message_id)) {
            continue;
        }
        report.doubled += 1;
        let again = recorded_texts.get(&(s.chat_id, s.text.as_str()));
        if again.is_some_and(|attempts| *attempts >= 2) {
            report.doubled_in_window += 1;
        }
        report.details.push(format!(
            "chat {} received message {} that the store did not record (resent and recorded \
             later: {})",
            s.chat_id,
            s.message_id,
            again.is_some()
        ));
    }
    for ids in order.values() {
        if ids.windows(2).any(|w| w[0] >= w[1]) {
            report.out_of_order_chats += 1;
        }
    }
}
