//! The crash test: a worker process is killed with SIGKILL while it processes a stream of
//! inbound messages and sends the replies; a restarted worker gets the whole stream again (as a
//! channel redelivers unacknowledged updates). Afterwards every message has exactly one reply
//! recorded as sent, and every reply reached the (fake) channel; replies delivered twice can
//! only be those in flight at the kill, and are counted.
//!
//! The worker is this test binary itself, started again to run the ignored
//! `crash_worker_process` with `SPORTELLO_CRASH_WORKER` set: it is always built from the same
//! code as the test. It processes a file of messages (`message_id<TAB>user<TAB>text` a line)
//! while a dispatcher delivers each reply by appending `conversation_id<TAB>text` to a file
//! with one write, the way a citizen's phone would show it. Its answering function stands in
//! for the engine: one reply per message, naming the message.

use crate::common;

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::Path;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, bail};
use chrono::{DateTime, Utc};
use common::TestDb;
use sportello::channels::{Channel, ChannelKind, ChannelUserId, Recipient, SendError, SentId};
use sportello::conversations::{self, Inbound};
use sportello::engine::{Input, Outcome, Reply, State};
use sportello::outbox::{Dispatcher, DispatcherConfig};
use sportello::store::OutboxStatus;

const MESSAGES: usize = 2000;
const USERS: usize = 40;
/// The worker's dispatcher sends at most this many replies at once: the most that can be in
/// flight, and so delivered twice, when it is killed.
const IN_FLIGHT: usize = 8;

on_both_backends!(a_worker_killed_mid_stream_leaves_exactly_one_reply_per_message);

const WORKER_ENV: &str = "SPORTELLO_CRASH_WORKER";

fn spawn_worker(url: &str, input: &Path, received: &Path) -> tokio::process::Child {
    let exe = std::env::current_exe().expect("test binary path");
    tokio::process::Command::new(exe)
        .args([
            "--ignored",
            "--exact",
            "store_crash::crash_worker_process",
            "--test-threads=1",
        ])
        .env(
            WORKER_ENV,
            format!("{url}\t{}\t{}", input.display(), received.display()),
        )
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn the worker")
}

/// The worker process (see the module docs); does nothing unless the crash test started it.
#[test]
#[ignore = "run by the crash test in a child process"]
fn crash_worker_process() {
    let Ok(config) = std::env::var(WORKER_ENV) else {
        return;
    };
    let [url, input, received] = config.splitn(3, '\t').collect::<Vec<_>>()[..] else {
        panic!("{WORKER_ENV} is url<TAB>input<TAB>received");
    };
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
        .block_on(worker(url, input, received))
        .unwrap();
}

async fn a_worker_killed_mid_stream_leaves_exactly_one_reply_per_message(db: &TestDb) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("inbound.tsv");
    let received = dir.path().join("received.tsv");
    let lines: String = (0..MESSAGES)
        .map(|n| format!("k{n}\tu{}\tmsg {n}\n", n % USERS))
        .collect();
    std::fs::write(&input, lines).unwrap();

    let mut worker = spawn_worker(&db.url, &input, &received);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    let mut processed_at_kill;
    loop {
        processed_at_kill = db.store.inbound_count().await.unwrap_or(0);
        if processed_at_kill >= (MESSAGES / 5) as i64 {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "worker made no progress"
        );
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    worker.start_kill().expect("SIGKILL the worker");
    let status = worker.wait().await.unwrap();
    assert!(!status.success(), "the worker was killed, not finished");
    let processed_at_kill = db.store.inbound_count().await.unwrap();
    assert!(
        processed_at_kill < MESSAGES as i64,
        "the kill should land mid-stream (processed {processed_at_kill})"
    );

    let mut restarted = spawn_worker(&db.url, &input, &received);
    let status = tokio::time::timeout(Duration::from_secs(120), restarted.wait())
        .await
        .expect("restarted worker finishes")
        .unwrap();
    assert!(status.success(), "restarted worker failed: {status}");

    // In the database: each message processed once, with exactly one reply, sent.
    assert_eq!(db.store.inbound_count().await.unwrap(), MESSAGES as i64);
    let mut replies_per_message: HashMap<String, usize> = HashMap::new();
    let mut conversation_user = HashMap::new();
    for u in 0..USERS {
        let user = ChannelUserId::new(format!("u{u}"));
        let conversation = db
            .store
            .current_conversation(ChannelKind::Telegram, &user)
            .await
            .unwrap()
            .expect("conversation");
        conversation_user.insert(conversation.conversation_id.0, u);
        let expected: Vec<String> = (u..MESSAGES)
            .step_by(USERS)
            .map(|n| format!("msg {n}"))
            .collect();
        assert_eq!(
            common::state_of(&conversation).path,
            expected,
            "u{u}: every message once, in order"
        );
        let outbox = db
            .store
            .outbox_entries(conversation.conversation_id)
            .await
            .unwrap();
        for (i, entry) in outbox.iter().enumerate() {
            assert_eq!(entry.seq, i as i64 + 1);
            assert_eq!(entry.status, OutboxStatus::Sent, "u{u} reply {}", entry.seq);
            *replies_per_message
                .entry(entry.inbound_message_id.clone().unwrap())
                .or_default() += 1;
        }
    }
    assert_eq!(replies_per_message.len(), MESSAGES);
    assert!(replies_per_message.values().all(|&n| n == 1));

    // At the channel: every reply arrived, in order per conversation; duplicates only at the
    // crash boundary.
    let received = std::fs::read_to_string(&received).unwrap();
    let mut seen = HashSet::new();
    let mut duplicates = Vec::new();
    let mut order: HashMap<usize, Vec<usize>> = HashMap::new();
    for line in received.lines() {
        let (conversation, text) = line.split_once('\t').expect("conversation<TAB>text");
        let n: usize = text.strip_prefix("re msg ").unwrap().parse().unwrap();
        let user = conversation_user[&conversation.parse::<i64>().unwrap()];
        assert_eq!(n % USERS, user, "reply {n} went to its own conversation");
        if seen.insert(n) {
            order.entry(user).or_default().push(n);
        } else {
            duplicates.push(n);
        }
    }
    assert_eq!(seen.len(), MESSAGES, "every reply reached the channel");
    for (user, ns) in order {
        let mut sorted = ns.clone();
        sorted.sort_unstable();
        assert_eq!(ns, sorted, "replies to u{user} arrived in order");
    }
    assert!(
        duplicates.len() <= IN_FLIGHT,
        "only replies in flight at the kill may arrive twice, got {duplicates:?}"
    );
    let _ = writeln_stderr(&format!(
        "crash test ({:?}): killed after {processed_at_kill} of {MESSAGES} messages; \
         {} replies delivered twice at the crash boundary",
        db.kind(),
        duplicates.len()
    ));
}

fn writeln_stderr(line: &str) -> std::io::Result<()> {
    // Past the harness's capture only with --nocapture; it is a finding, not noise.
    if std::env::var_os("TEST_LOG").is_some() {
        writeln!(std::io::stderr(), "{line}")?;
    }
    Ok(())
}

/// Workers processing messages side by side; each user always goes to the same one.
const SHARDS: usize = 4;

struct FileChannel(Mutex<std::fs::File>);

impl Channel for FileChannel {
    fn kind(&self) -> ChannelKind {
        ChannelKind::Telegram
    }

    async fn send(&self, to: &Recipient, reply: &Reply) -> Result<SentId, SendError> {
        let line = format!("{}\t{}\n", to.conversation_id, reply.text);
        let mut file = self.0.lock().unwrap_or_else(|p| p.into_inner());
        // One write to an O_APPEND file: the line is in the kernel, and survives a SIGKILL of
        // this process, as soon as the call returns.
        file.write_all(line.as_bytes())
            .map_err(|e| SendError::Transient {
                retry_after: None,
                detail: e.to_string(),
            })?;
        Ok(SentId::default())
    }
}

fn answer(state: &State, input: &Input, _now: DateTime<Utc>) -> Outcome {
    let Input::Text { text } = input else {
        unreachable!("the crash test sends text")
    };
    let mut state = state.clone();
    state.path.push(text.clone());
    Outcome {
        state,
        replies: vec![Reply {
            text: format!("re {text}"),
            ..Reply::default()
        }],
        effects: Vec::new(),
    }
}

async fn worker(url: &str, input: &str, received: &str) -> anyhow::Result<()> {
    let store = sportello::store::connect(url).await.context("connect")?;
    store.migrate().await.context("migrate")?;

    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(received)
        .context("open received file")?;
    // A short lease, so the restarted worker takes over the dead one's claims quickly.
    let config = DispatcherConfig {
        lease: Duration::from_secs(2),
        send_timeout: Duration::from_secs(1),
        concurrency: 8,
        poll_interval: Duration::from_millis(50),
        ..DispatcherConfig::default()
    };
    let dispatcher =
        Arc::new(Dispatcher::new(store.clone(), FileChannel(Mutex::new(file))).with_config(config));
    let (stop_tx, mut stop_rx) = tokio::sync::watch::channel(false);
    let running = {
        let dispatcher = dispatcher.clone();
        tokio::spawn(async move {
            dispatcher
                .run(async move {
                    let _ = stop_rx.wait_for(|s| *s).await;
                })
                .await
        })
    };

    let text = std::fs::read_to_string(input).context("read input")?;
    let mut shards: Vec<Vec<Inbound>> = vec![Vec::new(); SHARDS];
    for line in text.lines() {
        let mut fields = line.splitn(3, '\t');
        let (Some(id), Some(user), Some(text)) = (fields.next(), fields.next(), fields.next())
        else {
            bail!("bad input line");
        };
        let shard = user.bytes().map(usize::from).sum::<usize>() % SHARDS;
        shards[shard].push(Inbound {
            channel: ChannelKind::Telegram,
            user: ChannelUserId::new(user),
            message_id: id.to_owned(),
            lang_hint: None,
            input: Input::Text {
                text: text.to_owned(),
            },
            received_at: Utc::now(),
        });
    }
    let mut workers = tokio::task::JoinSet::new();
    for shard in shards {
        let store = store.clone();
        workers.spawn(async move {
            for inbound in shard {
                conversations::handle_with(&store, inbound, Utc::now(), answer).await?;
            }
            anyhow::Ok(())
        });
    }
    while let Some(done) = workers.join_next().await {
        done??;
    }

    // Wait for the running dispatcher to settle every reply, including those a killed
    // predecessor had claimed (their leases run out after two seconds).
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    while store.outbox_counts().await?.pending > 0 {
        if tokio::time::Instant::now() > deadline {
            bail!("replies still pending after 60 s");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    stop_tx.send(true)?;
    running.await?;
    store.close().await;
    Ok(())
}
