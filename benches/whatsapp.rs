//! End-to-end load on the real `sportello run` process serving WhatsApp only: the bench posts
//! signed webhook deliveries shaped like Meta's (tests/fixtures/whatsapp) to its
//! `/whatsapp/webhook`, and a fake Graph API on loopback times the messages it sends back.
//!
//! `cargo build --release --bin sportello && cargo bench --bench whatsapp [sqlite] [postgres]`
//! (PostgreSQL needs `SPORTELLO_TEST_POSTGRES_URL`; each run gets fresh databases, dropped
//! afterwards). The measurements (throughput, latency at 500 messages/s, memory with 10,000
//! chats) and the scripts are those of `support/load.rs` and `support/scripts.rs`, shared with
//! the Telegram benchmark; figures in docs/benchmarks.md. A message's latency runs from the
//! moment its webhook call is started to the first Graph API send it causes.
//!
//! As Meta does, the bench also posts the delivery statuses of every message the service
//! sends: `sent`, `delivered` and `read`, 100 ms apart, each a webhook call of its own, which
//! the service records on the reply's outbox row.
//!
//! Knobs beyond the shared ones: `BENCH_CONNECTIONS` (128), the webhook calls in flight at
//! most, as Meta keeps several connections open to a busy endpoint; `BENCH_STATUSES` (3), how
//! many of those statuses follow each message (0 for none).

#[path = "support/cpu.rs"]
mod cpu;
#[path = "../tests/support/fake_whatsapp.rs"]
mod fake_whatsapp;
#[path = "support/load.rs"]
mod load;
#[path = "../tests/support/multipart.rs"]
mod multipart;
#[path = "support/pg.rs"]
mod pg;
#[path = "support/scripts.rs"]
mod scripts;
#[path = "support/service.rs"]
mod service;
#[path = "support/timing.rs"]
mod timing;

use std::sync::atomic::{AtomicU16, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock};
use std::time::{Duration, Instant};

use fake_whatsapp::{Delivery, FakeWhatsApp};
use hmac::{Hmac, KeyInit, Mac};
use scripts::{Message, Surface, tappable};
use serde_json::Value;
use sportello::channels::whatsapp::parse::{Event, Payload};
use sportello::channels::whatsapp::render;
use sportello::engine::{Input, Reply};
use sportello::i18n::Lang;
use tokio::sync::Semaphore;
use tokio::sync::mpsc::UnboundedReceiver;

const PHONE_NUMBER_ID: &str = "106540352242922";
const APP_SECRET: &str = "0123456789abcdef0123456789abcdef";
/// How long a webhook call is tried again while the service does not listen yet or answers
/// 5xx, as Meta would deliver it again.
const RETRY_FOR: Duration = Duration::from_secs(60);
const RETRY_EVERY: Duration = Duration::from_millis(100);
/// The delivery statuses Meta reports for a message, in order, and the time between them.
const STATUSES: [&str; 3] = ["sent", "delivered", "read"];
const STATUS_EVERY: Duration = Duration::from_millis(100);

/// WhatsApp: a reply goes as reply buttons, a list or numbered text (`render`, sometimes two
/// messages); the citizen's language is Italian until they choose.
#[derive(Clone, Copy)]
struct WhatsApp;

impl Surface for WhatsApp {
    fn lang(&self, _tag: &'static str) -> Option<Lang> {
        // WhatsApp tells nothing of the citizen's language: the service starts in Italian.
        Some(Lang::default())
    }

    fn sends(&self, replies: &[Reply]) -> usize {
        replies.iter().map(|r| render(r, "Opzioni").len()).sum()
    }

    fn options(&self, reply: &Reply) -> Vec<Message> {
        let rendered = render(reply, "Opzioni");
        let Some(last) = rendered.last() else {
            return Vec::new();
        };
        let action = &last["interactive"]["action"];
        let id = |v: &Value| v["id"].as_str().unwrap_or_default().to_owned();
        // Buttons and rows stand for the choices without a link, in order.
        let (ids, row): (Vec<String>, bool) = match last["interactive"]["type"].as_str() {
            Some("button") => (
                action["buttons"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|b| id(&b["reply"]))
                    .collect(),
                false,
            ),
            Some("list") => (
                action["sections"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .flat_map(|s| s["rows"].as_array().into_iter().flatten())
                    .map(id)
                    .collect(),
                true,
            ),
            // Numbered in the text: the citizen types the number.
            _ => {
                return reply
                    .choices
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| tappable(c))
                    .map(|(i, _)| Message::Text((i + 1).to_string()))
                    .collect();
            }
        };
        reply
            .choices
            .iter()
            .filter(|c| c.url.is_none())
            .zip(ids)
            .filter(|(c, _)| tappable(c))
            .map(|(_, id)| {
                if row {
                    Message::Choose(id)
                } else {
                    Message::Tap(id)
                }
            })
            .collect()
    }

    fn input(&self, _tag: &'static str, message: &Message) -> Input {
        let body = webhook_body(1, "wamid.SCRIPT", message);
        let payload: Payload = serde_json::from_str(&body).expect("a webhook body");
        match payload.events(PHONE_NUMBER_ID).events.into_iter().next() {
            Some(Event::Message { input, .. }) => input,
            other => panic!("not a citizen's message: {other:?}"),
        }
    }
}

/// Meta's webhook bodies (tests/fixtures/whatsapp) with the phone number id filled in.
struct Fixtures {
    text: String,
    button: String,
    list: String,
    status: String,
}

static FIXTURES: LazyLock<Fixtures> = LazyLock::new(|| {
    let fixture = |name: &str| {
        let path = service::root().join("tests/fixtures/whatsapp").join(name);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .replace("{{PHONE_NUMBER_ID}}", PHONE_NUMBER_ID)
    };
    Fixtures {
        text: fixture("text.json"),
        button: fixture("button_reply.json"),
        list: fixture("list_reply.json"),
        status: fixture("status.json"),
    }
});

/// The webhook body that brings `message` from `chat`: a text, a reply button or a list row.
fn webhook_body(chat: i64, wamid: &str, message: &Message) -> String {
    let (fixture, value) = match message {
        Message::Text(text) => (&FIXTURES.text, text),
        Message::Tap(id) => (&FIXTURES.button, id),
        Message::Choose(id) => (&FIXTURES.list, id),
    };
    let value = json_escaped(value);
    fixture
        .replace("{{FROM}}", &wa_id(chat))
        .replace("{{WAMID}}", wamid)
        .replace("{{BODY}}", &value)
        .replace("{{ID}}", &value)
        .replace("{{TITLE}}", "Opzione")
}

impl load::Channel for WhatsApp {
    const NAME: &'static str = "whatsapp";
    type Citizens = Webhooks;
    type Arrival = Delivery;

    async fn start(self) -> (Webhooks, UnboundedReceiver<Delivery>) {
        let (graph, mut sent) = FakeWhatsApp::start_light().await;
        let webhooks = Webhooks {
            graph,
            calls: Calls {
                http: reqwest::Client::new(),
                port: Arc::new(AtomicU16::new(0)),
                slots: Arc::new(Semaphore::new(connections())),
                retried: Arc::new(AtomicUsize::new(0)),
                failed: Arc::new(AtomicUsize::new(0)),
            },
            next_wamid: AtomicU64::new(0),
        };
        // Each message the service sends reaches the harness, and its statuses the service.
        let (to_harness, deliveries) = tokio::sync::mpsc::unbounded_channel();
        let (calls, statuses) = (webhooks.calls.clone(), statuses_per_message());
        tokio::spawn(async move {
            while let Some(delivery) = sent.recv().await {
                if statuses > 0 {
                    calls.statuses(&delivery.to, &delivery.wamid, statuses);
                }
                if to_harness.send(delivery).is_err() {
                    break;
                }
            }
        });
        (webhooks, deliveries)
    }
}

fn statuses_per_message() -> usize {
    std::env::var("BENCH_STATUSES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(STATUSES.len())
        .min(STATUSES.len())
}

fn connections() -> usize {
    std::env::var("BENCH_CONNECTIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(128)
}

/// Meta's side: the fake Graph API, and the citizens' messages as signed webhook calls.
struct Webhooks {
    graph: FakeWhatsApp,
    calls: Calls,
    next_wamid: AtomicU64,
}

/// Signed webhook calls to the current service process.
#[derive(Clone)]
struct Calls {
    http: reqwest::Client,
    /// Where the current service process listens.
    port: Arc<AtomicU16>,
    /// Calls in flight at most.
    slots: Arc<Semaphore>,
    /// Calls answered 5xx or cut off, then made again.
    retried: Arc<AtomicUsize>,
    /// Calls refused for good (4xx) or never answered.
    failed: Arc<AtomicUsize>,
}

impl Calls {
    fn url(&self) -> String {
        format!(
            "http://127.0.0.1:{}/whatsapp/webhook",
            self.port.load(Ordering::Relaxed)
        )
    }

    /// Posts `body`, again while the service answers 5xx or is cut off, as Meta would deliver
    /// it again, for `RETRY_FOR` at most; also while it does not listen yet (a process
    /// starting), unless `drop_unheard` (a status of a message sent by a process of the bench
    /// that has ended).
    fn post(&self, body: String, drop_unheard: bool) {
        let signature = sign(body.as_bytes());
        let (url, calls) = (self.url(), self.clone());
        tokio::spawn(async move {
            let _slot = calls.slots.acquire_owned().await;
            let give_up = Instant::now() + RETRY_FOR;
            loop {
                let answer = calls
                    .http
                    .post(&url)
                    .header("content-type", "application/json")
                    .header("x-hub-signature-256", &signature)
                    .body(body.clone())
                    .send()
                    .await;
                match answer {
                    Ok(r) if r.status().is_success() => return,
                    Ok(r) if !r.status().is_server_error() => {
                        eprintln!("  a webhook call was refused: HTTP {}", r.status());
                        calls.failed.fetch_add(1, Ordering::Relaxed);
                        return;
                    }
                    // Not listening yet (a process starting) is not a failure of the service.
                    Err(e) if e.is_connect() && drop_unheard => return,
                    Err(e) if e.is_connect() => {}
                    _ => {
                        calls.retried.fetch_add(1, Ordering::Relaxed);
                    }
                }
                if Instant::now() >= give_up {
                    calls.failed.fetch_add(1, Ordering::Relaxed);
                    return;
                }
                tokio::time::sleep(RETRY_EVERY).await;
            }
        });
    }

    /// Posts the first `n` delivery statuses of the message `wamid` sent to `to`, one
    /// `STATUS_EVERY` after the other.
    fn statuses(&self, to: &str, wamid: &str, n: usize) {
        let bodies: Vec<String> = STATUSES[..n]
            .iter()
            .map(|status| {
                FIXTURES
                    .status
                    .replace("{{WAMID}}", wamid)
                    .replace("{{STATUS}}", status)
                    .replace("{{FROM}}", to)
            })
            .collect();
        let calls = self.clone();
        tokio::spawn(async move {
            for body in bodies {
                tokio::time::sleep(STATUS_EVERY).await;
                calls.post(body, true);
            }
        });
    }
}

/// A string as the inside of a JSON string literal.
fn json_escaped(text: &str) -> String {
    let quoted = serde_json::to_string(text).expect("a string serialises");
    quoted[1..quoted.len() - 1].to_owned()
}

fn sign(body: &[u8]) -> String {
    let mut mac = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(APP_SECRET.as_bytes())
        .expect("any key length");
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

/// A chat's WhatsApp id: an Italian mobile number.
fn wa_id(chat: i64) -> String {
    format!("39{chat:010}")
}

impl load::Citizens for Webhooks {
    fn settings(&self) -> Vec<(&'static str, String)> {
        // A free port for this process's webhook server (the previous process has ended).
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a loopback port")
            .port();
        self.calls.port.store(port, Ordering::Relaxed);
        vec![
            ("SPORTELLO_WHATSAPP_API_URL", self.graph.url()),
            ("SPORTELLO_WHATSAPP_PHONE_NUMBER_ID", PHONE_NUMBER_ID.into()),
            (
                "SPORTELLO_WHATSAPP_ACCESS_TOKEN",
                fake_whatsapp::TOKEN.into(),
            ),
            ("SPORTELLO_WHATSAPP_APP_SECRET", APP_SECRET.into()),
            (
                "SPORTELLO_WHATSAPP_VERIFY_TOKEN",
                "bench-verify-token".into(),
            ),
            ("SPORTELLO_WHATSAPP_TEMPLATE_NAME", "risposta_comune".into()),
            // Pacing off (80 messages/s overall and 1 a second to a citizen by default): the
            // fake does not rate-limit, and the bench measures the service.
            ("SPORTELLO_WHATSAPP_RATE", "1000000".into()),
            ("SPORTELLO_WHATSAPP_CITIZEN_RATE", "1000000".into()),
            ("SPORTELLO_LISTEN", format!("127.0.0.1:{port}")),
        ]
    }

    fn send(&self, chat: i64, _lang: &'static str, message: &Message) {
        let n = self.next_wamid.fetch_add(1, Ordering::Relaxed);
        self.calls.post(
            webhook_body(chat, &format!("wamid.BENCH{n:012}"), message),
            false,
        );
    }

    fn problems(&self) -> Option<String> {
        let (retried, failed) = (
            self.calls.retried.load(Ordering::Relaxed),
            self.calls.failed.load(Ordering::Relaxed),
        );
        (retried + failed > 0).then(|| {
            format!(
                "webhook calls so far: {retried} made again after a 5xx or a cut, {failed} failed"
            )
        })
    }
}

impl load::Arrival for Delivery {
    fn chat(&self) -> i64 {
        self.to.get(2..).and_then(|n| n.parse().ok()).unwrap_or(-1)
    }

    fn at(&self) -> Instant {
        self.at
    }
}

fn main() {
    load::main(WhatsApp);
}
