//! Delivery at the platforms' caps, against fakes that enforce them: the fakes refuse what is
//! over; the bot sends a backlog of routine messages at the configured cap without one
//! refusal; a 429 pauses the whole channel and loses nothing; a reply to a citizen who writes
//! during the backlog goes first; outside WhatsApp's 24-hour window a reminder goes as its
//! topic's template, or is held when the topic has none.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use serde_json::json;
use sportello::channels::telegram::{Telegram, TelegramConfig};
use sportello::channels::whatsapp::{WhatsApp, WhatsAppConfig};
use sportello::channels::{ChannelKind, ChannelUserId};
use sportello::flows::FlowSet;
use sportello::flows::live::Live;
use sportello::outbox::Dispatcher;

use crate::backlog::{self, Subscribers};
use crate::common::{self, TestDb};
use crate::fake_telegram::{self, FakeTelegram};
use crate::fake_whatsapp::{self, FakeWhatsApp};

fn root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn example_flows() -> FlowSet {
    flows_in(&root().join("flows"))
}

fn flows_in(dir: &std::path::Path) -> FlowSet {
    let (set, report) = FlowSet::load(dir, &root().join("locales"), sportello::channels::LIMITS);
    set.unwrap_or_else(|| panic!("{report}"))
}

fn telegram(url: &str, rate: f64) -> Telegram {
    Telegram::new(&TelegramConfig {
        token: "123456:TEST".to_owned().into(),
        api_url: url.to_owned(),
        global_rate: rate,
        chat_rate: 1.0,
    })
    .unwrap()
}

/// `n` Telegram citizens (chats `first..`) subscribed to the reminders' topic, one reminder
/// queued to each.
async fn telegram_backlog(db: &TestDb, first: i64, n: i64) -> u64 {
    let flows = example_flows();
    let morning = backlog::reminder_morning(&flows);
    let who = Subscribers {
        channel: "telegram",
        first,
        n,
        last_inbound: None,
    };
    backlog::seed(&db.url, db.kind(), who, morning).await;
    let queued = backlog::queue_backlog(&db.store, &flows, morning).await;
    assert_eq!(queued, n as u64, "one reminder to each subscriber");
    queued
}

#[tokio::test]
async fn the_fakes_answer_too_many_requests_over_the_platforms_limits() {
    let http = reqwest::Client::new();
    let fake = FakeTelegram::start().await;
    fake.enforce(fake_telegram::Limits::telegram());
    let send = |chat: i64| {
        http.post(format!("{}/bot123:T/sendMessage", fake.url()))
            .json(&json!({ "chat_id": chat, "text": "Avviso" }))
            .send()
    };
    // 30 chats in the same second pass, the 31st does not.
    for chat in 1..=30 {
        assert_eq!(send(chat).await.unwrap().status(), 200, "chat {chat}");
    }
    let refused = send(31).await.unwrap();
    assert_eq!(refused.status(), 429);
    let body: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(body["ok"], false);
    assert_eq!(body["error_code"], 429);
    assert_eq!(body["parameters"]["retry_after"], 1);
    assert!(
        body["description"]
            .as_str()
            .unwrap()
            .starts_with("Too Many Requests: retry after ")
    );
    assert_eq!(fake.too_many_requests(), 1);

    // One chat: a burst of three, then one a second.
    let fake = FakeTelegram::start().await;
    fake.enforce(fake_telegram::Limits::telegram());
    let to_one = || {
        http.post(format!("{}/bot123:T/sendMessage", fake.url()))
            .json(&json!({ "chat_id": 77, "text": "Avviso" }))
            .send()
    };
    for _ in 0..3 {
        assert_eq!(to_one().await.unwrap().status(), 200);
    }
    assert_eq!(to_one().await.unwrap().status(), 429);
    tokio::time::sleep(Duration::from_millis(1050)).await;
    assert_eq!(to_one().await.unwrap().status(), 200, "a second later");
    assert_eq!(fake.too_many_requests(), 1);

    // The Graph API: 80 messages a second per number, then the throughput error.
    let graph = FakeWhatsApp::start().await;
    graph.enforce(fake_whatsapp::Limits::cloud_api());
    let message = |to: i64| {
        http.post(format!(
            "{}/{}/messages",
            graph.url(),
            fake_whatsapp::PHONE_NUMBER_ID
        ))
        .bearer_auth(fake_whatsapp::TOKEN)
        .json(
            &json!({ "messaging_product": "whatsapp", "to": to.to_string(),
            "type": "text", "text": { "body": "Avviso" } }),
        )
        .send()
    };
    for to in 0..80 {
        assert_eq!(message(393_000_000 + to).await.unwrap().status(), 200);
    }
    let refused = message(393_000_999).await.unwrap();
    assert_eq!(refused.status(), 429);
    let body: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(body["error"]["code"], 130_429);
    assert_eq!(graph.throughput_refused(), 1);
}

/// The rate the deliveries arrived at: messages after the first over the time they took.
fn arrival_rate(at: &[Instant]) -> f64 {
    let span = at[at.len() - 1].duration_since(at[0]).as_secs_f64();
    (at.len() - 1) as f64 / span
}

async fn a_backlog_goes_at_the_configured_cap_without_one_refusal(db: &TestDb) {
    const CAP: u32 = 50;
    let n = telegram_backlog(db, 5_000_000, 300).await;
    let (fake, mut deliveries) = FakeTelegram::start_light().await;
    fake.enforce(fake_telegram::Limits::with_global(CAP));
    let dispatcher = Dispatcher::new(db.store.clone(), telegram(&fake.url(), f64::from(CAP)));
    let stats = dispatcher.run_until_idle().await.unwrap();
    assert_eq!(stats.sent, n, "{stats:?}");
    let mut at = Vec::new();
    while let Ok(d) = deliveries.try_recv() {
        at.push(d.at);
    }
    assert_eq!(at.len() as u64, n);
    assert_eq!(fake.too_many_requests(), 0, "the bot kept within the cap");
    let rate = arrival_rate(&at);
    assert!(
        rate >= 0.97 * f64::from(CAP) && rate <= f64::from(CAP),
        "{rate:.2} messages a second at a cap of {CAP}"
    );
    assert_eq!(db.store.outbox_counts().await.unwrap().pending, 0);
}

async fn a_429_pauses_the_whole_channel_and_loses_nothing(db: &TestDb) {
    let n = telegram_backlog(db, 6_000_000, 20).await;
    let fake = FakeTelegram::start().await;
    fake.fail("sendMessage", fake_telegram::Fault::TooManyRequests(2), 1);
    let dispatcher = Arc::new(Dispatcher::new(
        db.store.clone(),
        telegram(&fake.url(), 50.0),
    ));
    let started = Instant::now();
    let run = {
        let dispatcher = dispatcher.clone();
        tokio::spawn(async move {
            let mut stats = dispatcher.run_until_idle().await.unwrap();
            // The refused row is due again after the wait: one more pass sends it.
            while stats.sent < n {
                tokio::time::sleep(Duration::from_millis(200)).await;
                let more = dispatcher.run_until_idle().await.unwrap();
                stats.sent += more.sent;
            }
            stats
        })
    };
    // What was on its way when the 429 came arrives; then nothing, for any chat, until
    // the wait is over.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let before = fake.sent().len();
    tokio::time::sleep(Duration::from_millis(1400)).await;
    let during = fake.sent().len();
    assert_eq!(
        during, before,
        "no chat gets a message while Telegram asked to wait"
    );
    assert!((during as u64) < n / 2, "{during} sent despite the 429");
    let stats = tokio::time::timeout(Duration::from_secs(20), run)
        .await
        .expect("the backlog goes after the pause")
        .unwrap();
    assert!(started.elapsed() >= Duration::from_secs(2));
    assert_eq!(stats.sent, n);
    let mut chats: Vec<i64> = fake.sent().iter().map(|s| s.chat_id).collect();
    chats.sort_unstable();
    chats.dedup();
    assert_eq!(chats.len() as u64, n, "each citizen got the reminder once");
    assert_eq!(fake.sent().len() as u64, n);
    let counts = db.store.outbox_counts().await.unwrap();
    assert_eq!(
        (counts.sent, counts.failed, counts.pending),
        (n as i64, 0, 0)
    );
}

async fn a_reply_to_a_citizen_who_writes_during_the_backlog_goes_first(db: &TestDb) {
    const CAP: u32 = 50;
    const FIRST: i64 = 7_000_000;
    let n = telegram_backlog(db, FIRST, 300).await;
    let (fake, mut deliveries) = FakeTelegram::start_light().await;
    fake.enforce(fake_telegram::Limits::with_global(CAP));
    let dispatcher = Arc::new(Dispatcher::new(
        db.store.clone(),
        telegram(&fake.url(), f64::from(CAP)),
    ));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = {
        let dispatcher = dispatcher.clone();
        tokio::spawn(async move {
            dispatcher
                .run(async {
                    let _ = stopped.await;
                })
                .await;
        })
    };
    tokio::time::sleep(Duration::from_secs(1)).await;
    // The last subscriber in the queue writes; the bot's answer is queued as a reply.
    let chat = FIRST + n as i64 - 1;
    let conversation = db
        .store
        .current_conversation(ChannelKind::Telegram, &ChannelUserId::new(chat.to_string()))
        .await
        .unwrap()
        .expect("the reminder's conversation");
    let reply = sportello::engine::Reply {
        text: "Buongiorno, ecco le informazioni richieste.".into(),
        ..Default::default()
    };
    let queued = Instant::now();
    db.store
        .queue_reply(
            conversation.conversation_id,
            &serde_json::to_string(&reply).unwrap(),
            &reply.text,
            Utc::now(),
        )
        .await
        .unwrap()
        .expect("queued");
    let mut to_chat = Vec::new();
    let mut total = 0;
    let deadline = Instant::now() + Duration::from_secs(30);
    while total < n + 1 && Instant::now() < deadline {
        if let Ok(Some(d)) =
            tokio::time::timeout(Duration::from_millis(500), deliveries.recv()).await
        {
            total += 1;
            if d.chat_id == chat {
                to_chat.push(d.at);
            }
        }
    }
    let _ = stop.send(());
    running.await.unwrap();
    assert_eq!(total, n + 1, "the backlog and the reply, each once");
    assert_eq!(to_chat.len(), 2);
    let latency = to_chat[0].saturating_duration_since(queued);
    assert!(
        latency < Duration::from_secs(1),
        "the reply waited {latency:?} behind the backlog"
    );
    assert_eq!(fake.too_many_requests(), 0);
}

async fn two_processes_share_the_cap_without_one_refusal(db: &TestDb) {
    const CAP: u32 = 50;
    let n = telegram_backlog(db, 9_000_000, 300).await;
    let (fake, mut deliveries) = FakeTelegram::start_light().await;
    fake.enforce(fake_telegram::Limits::with_global(CAP));
    let (stop, _) = tokio::sync::watch::channel(false);
    let mut processes = Vec::new();
    for store in [db.store.clone(), db.second_store().await] {
        // Each configured with the whole cap, as each process of a deployment is.
        let dispatcher = Dispatcher::new(store, telegram(&fake.url(), f64::from(CAP)));
        let mut stopped = stop.subscribe();
        processes.push(tokio::spawn(async move {
            dispatcher
                .run(async move {
                    let _ = stopped.wait_for(|s| *s).await;
                })
                .await;
        }));
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let mut at = Vec::new();
    let mut chats = std::collections::HashSet::new();
    while (at.len() as u64) < n {
        let d = tokio::time::timeout(Duration::from_secs(20), deliveries.recv())
            .await
            .expect("the backlog keeps going")
            .unwrap();
        at.push(d.at);
        chats.insert(d.chat_id);
    }
    let _ = stop.send(true);
    for process in processes {
        process.await.unwrap();
    }
    assert_eq!(chats.len() as u64, n, "each reminder once");
    assert_eq!(fake.too_many_requests(), 0, "together within the cap");
    // The first process alone at the whole cap; at half of it once it counted the second,
    // which waits 3.5 s before it joins in: a few seconds below the cap, never above.
    let rate = arrival_rate(&at);
    assert!(
        rate >= 0.6 * f64::from(CAP) && rate <= f64::from(CAP),
        "{rate:.2} messages a second at a cap of {CAP}"
    );
    assert_eq!(db.store.outbox_counts().await.unwrap().pending, 0);
}

/// The example flows with a template for the reminders' topic, or without.
fn whatsapp_flows(dir: &std::path::Path, template: bool) -> Arc<Live> {
    common::copy_dir(&root().join("flows"), dir);
    if template {
        let path = dir.join("topics.yaml");
        let topics = std::fs::read_to_string(&path).unwrap().replace(
            "    description: avvisi-topic-scadenze-desc\n",
            "    description: avvisi-topic-scadenze-desc\n    \
             whatsapp_template: { name: promemoria_scadenza, language: it }\n",
        );
        std::fs::write(&path, topics).unwrap();
    }
    Live::new(flows_in(dir), dir, &root().join("locales"))
}

/// The Italian text of the reminder the job queues on `morning`.
fn reminder_text(flows: &FlowSet, morning: chrono::DateTime<Utc>) -> String {
    let today = morning
        .with_timezone(&sportello::calendar::TIME_ZONE)
        .date_naive();
    let deadline = flows
        .deadlines
        .iter()
        .find(|d| {
            d.topic.as_ref().is_some_and(|t| t.text == backlog::TOPIC)
                && d.remind
                    .iter()
                    .any(|&days| d.date - chrono::Days::new(u64::from(days)) == today)
        })
        .expect("the deadline reminded that morning");
    let topic = flows.topic(backlog::TOPIC).unwrap();
    sportello::engine::reminder(flows, sportello::i18n::Lang::It, deadline, topic, today).text
}

/// Two WhatsApp subscribers who never wrote (outside the window), a reminder queued to each,
/// one dispatcher pass; returns the fake and what the pass did.
async fn whatsapp_outside_the_window(
    db: &TestDb,
    template: bool,
) -> (FakeWhatsApp, sportello::outbox::DispatchStats, String) {
    let dir = tempfile::tempdir().unwrap();
    let live = whatsapp_flows(dir.path(), template);
    let morning = backlog::reminder_morning(&live.get());
    let who = Subscribers {
        channel: "whatsapp",
        first: 393_330_000_000,
        n: 2,
        last_inbound: None,
    };
    backlog::seed(&db.url, db.kind(), who, morning).await;
    assert_eq!(
        backlog::queue_backlog(&db.store, &live.get(), morning).await,
        2
    );
    let text = reminder_text(&live.get(), morning);
    let fake = FakeWhatsApp::start().await;
    let settings = common::settings_from(fake.service_vars(), &[]);
    let config = WhatsAppConfig::from_settings(&settings).unwrap().unwrap();
    let whatsapp = WhatsApp::new(config, db.store.clone(), live).unwrap();
    let stats = Dispatcher::new(db.store.clone(), whatsapp)
        .run_until_idle()
        .await
        .unwrap();
    (fake, stats, text)
}

async fn outside_the_window_a_reminder_goes_as_its_topics_template(db: &TestDb) {
    let (fake, stats, text) = whatsapp_outside_the_window(db, true).await;
    assert_eq!((stats.sent, stats.held), (2, 0), "{stats:?}");
    let sent = fake.sent();
    assert_eq!(sent.len(), 2);
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for message in &sent {
        assert_eq!(message.kind(), "template");
        let template = &message.body["template"];
        assert_eq!(template["name"], "promemoria_scadenza");
        assert_eq!(template["language"]["code"], "it");
        let parameter = &template["components"][0]["parameters"][0];
        assert_eq!(parameter["type"], "text");
        assert_eq!(parameter["text"], one_line.as_str());
    }
    let counts = db.store.outbox_counts().await.unwrap();
    assert_eq!((counts.sent, counts.pending), (2, 0));
}

async fn outside_the_window_a_reminder_without_a_template_is_held(db: &TestDb) {
    let (fake, stats, _) = whatsapp_outside_the_window(db, false).await;
    assert_eq!((stats.sent, stats.held), (0, 2), "{stats:?}");
    // Only the re-engagement template goes ("write to us to read it"), never the reminder.
    for message in fake.sent() {
        assert_eq!(message.kind(), "template");
        assert_eq!(message.body["template"]["name"], fake_whatsapp::TEMPLATE);
    }
    assert_eq!(db.store.outbox_counts().await.unwrap().pending, 2);
}

#[test]
fn flows_check_refuses_a_template_whatsapp_would_refuse() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&root().join("flows"), dir.path());
    let path = dir.path().join("topics.yaml");
    let topics = std::fs::read_to_string(&path).unwrap().replace(
        "    description: avvisi-topic-scadenze-desc\n",
        "    description: avvisi-topic-scadenze-desc\n    \
         whatsapp_template: { name: Promemoria-Scadenza, language: italiano }\n",
    );
    std::fs::write(&path, topics).unwrap();
    let (set, report) = FlowSet::load(
        dir.path(),
        &root().join("locales"),
        sportello::channels::LIMITS,
    );
    assert!(set.is_none());
    let text = report.to_string();
    assert!(
        text.contains("`Promemoria-Scadenza` is not a WhatsApp template name"),
        "{text}"
    );
    assert!(
        text.contains("`italiano` is not a WhatsApp template language code"),
        "{text}"
    );
}

async fn the_metrics_show_the_outbox_per_channel_priority_and_state(db: &TestDb) {
    let n = telegram_backlog(db, 8_000_000, 4).await;
    let fake = FakeTelegram::start().await;
    fake.fail("sendMessage", fake_telegram::Fault::Blocked, 1);
    let stats = Dispatcher::new(db.store.clone(), telegram(&fake.url(), 1000.0))
        .run_until_idle()
        .await
        .unwrap();
    assert_eq!((stats.sent, stats.failed), (n - 1, 1));
    // One more reminder day's worth, not sent yet.
    let conversation = db
        .store
        .current_conversation(
            ChannelKind::Telegram,
            &ChannelUserId::new("8000001".to_owned()),
        )
        .await
        .unwrap()
        .unwrap();
    db.store
        .queue_reply(
            conversation.conversation_id,
            "{\"text\":\"Salve\"}",
            "Salve",
            Utc::now(),
        )
        .await
        .unwrap();
    let admin = sportello::admin::router(sportello::admin::Admin {
        store: db.store.clone(),
        flows: Live::new(
            example_flows(),
            &root().join("flows"),
            &root().join("locales"),
        ),
        metrics: Arc::new(sportello::metrics::Metrics::new()),
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, admin).await.ok() });
    let text = reqwest::get(format!("http://{addr}/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let line = |priority: &str, state: &str, count: u64| {
        format!(
            "sportello_outbox_messages{{channel=\"telegram\",priority=\"{priority}\",state=\"{state}\"}} {count}\n"
        )
    };
    for expected in [
        line("routine", "sent", n - 1),
        line("routine", "blocked", 1),
        line("reply", "queued", 1),
    ] {
        assert!(text.contains(&expected), "{expected} missing from:\n{text}");
    }
}

crate::on_both_backends!(
    two_processes_share_the_cap_without_one_refusal,
    the_metrics_show_the_outbox_per_channel_priority_and_state,
    a_backlog_goes_at_the_configured_cap_without_one_refusal,
    a_429_pauses_the_whole_channel_and_loses_nothing,
    a_reply_to_a_citizen_who_writes_during_the_backlog_goes_first,
    outside_the_window_a_reminder_goes_as_its_topics_template,
    outside_the_window_a_reminder_without_a_template_is_held,
);
