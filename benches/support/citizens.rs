//! Citizens writing while a benchmark runs something heavy: messages through
//! `conversations::handle` and the example flows at a steady rate, with each one's latency
//! (the message processed and its replies committed to the outbox, ready for the dispatcher).

// Each benchmark uses a part.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::Utc;
use sportello::channels::{ChannelKind, ChannelUserId};
use sportello::conversations::{self, Inbound};
use sportello::engine::Input;
use sportello::flows::FlowSet;
use sportello::store::Store;

use super::timing;

/// Live citizens writing.
const LIVE: usize = 200;

/// (sent at, latency) of every message handled.
pub type Latencies = Arc<Mutex<Vec<(Instant, Duration)>>>;

/// Sends messages from the live citizens at `rate` a second until `stop`.
pub async fn write(
    store: Store,
    flows: Arc<FlowSet>,
    rate: usize,
    latencies: Latencies,
    stop: tokio::sync::watch::Receiver<bool>,
) {
    const SAID: [&str; 4] = [
        "quando scade la tari?",
        "1",
        "orari dell'anagrafe",
        "grazie",
    ];
    let metrics = std::sync::Arc::new(sportello::metrics::Metrics::new());
    let mut ticks = tokio::time::interval(Duration::from_secs_f64(1.0 / rate as f64));
    let mut tasks = tokio::task::JoinSet::new();
    let mut n = 0usize;
    while !*stop.borrow() {
        ticks.tick().await;
        n += 1;
        let (store, flows, latencies) = (store.clone(), flows.clone(), latencies.clone());
        let metrics = metrics.clone();
        tasks.spawn(async move {
            let inbound = Inbound {
                channel: ChannelKind::Telegram,
                user: ChannelUserId::new(format!("live-{}", n % LIVE)),
                message_id: format!("live-{n}"),
                lang_hint: None,
                input: Input::Text {
                    text: SAID[n % SAID.len()].into(),
                },
                received_at: Utc::now(),
            };
            let started = Instant::now();
            conversations::handle(&store, &flows, &metrics, inbound, Utc::now())
                .await
                .expect("handle");
            latencies.lock().unwrap().push((started, started.elapsed()));
        });
    }
    while tasks.join_next().await.is_some() {}
}

pub fn summary(latencies: &[Duration]) -> String {
    let mut sorted = latencies.to_vec();
    sorted.sort();
    format!(
        "{} replies, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        sorted.len(),
        timing::percentile(&sorted, 50.0).as_secs_f64() * 1e3,
        timing::percentile(&sorted, 99.0).as_secs_f64() * 1e3,
        sorted.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
    )
}

/// The latencies of the messages handled before `started` (after a first second that warms up
/// the flows' caches and the connections), and of those handled between `started` and
/// `ended`.
pub fn before_and_during(
    latencies: &Latencies,
    started: Instant,
    ended: Instant,
) -> (Vec<Duration>, Vec<Duration>) {
    let all = latencies.lock().unwrap().clone();
    let warm = all.first().map(|(at, _)| *at + Duration::from_secs(1));
    let before = all
        .iter()
        .filter(|(at, took)| Some(*at) > warm && *at + *took < started)
        .map(|(_, d)| *d)
        .collect();
    let during = all
        .iter()
        .filter(|(at, took)| *at + *took >= started && *at <= ended)
        .map(|(_, d)| *d)
        .collect();
    (before, during)
}

/// What `work` gave and took, with the replies' latencies before and during it.
pub struct Measured<T> {
    pub value: T,
    pub took: Duration,
    pub before: Vec<Duration>,
    pub during: Vec<Duration>,
}

/// Runs `work` while citizens write at `rate` a second, after `warm` of writing alone (the
/// replies to compare with), and a second after it.
pub async fn around<T>(
    store: &Store,
    flows: &Arc<FlowSet>,
    rate: usize,
    warm: Duration,
    work: impl Future<Output = T>,
) -> Measured<T> {
    let latencies = Latencies::default();
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let load = tokio::spawn(write(
        store.clone(),
        flows.clone(),
        rate,
        latencies.clone(),
        stopped,
    ));
    tokio::time::sleep(warm).await;
    let started = Instant::now();
    let value = work.await;
    let took = started.elapsed();
    let ended = Instant::now();
    tokio::time::sleep(Duration::from_secs(1)).await;
    stop.send(true).ok();
    load.await.expect("citizens");
    let (before, during) = before_and_during(&latencies, started, ended);
    Measured {
        value,
        took,
        before,
        during,
    }
}
