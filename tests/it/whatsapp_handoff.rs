//! A WhatsApp citizen handed off to the operators' Telegram group: the hand-off is the same
//! for every channel, and an operator who answers after WhatsApp's 24-hour window is told in
//! the topic that the reply waits for the citizen. The real service, a fake Graph API and a
//! fake Bot API on loopback, an injected clock, on SQLite and PostgreSQL.

use crate::{common, fake_telegram, fake_whatsapp};

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use common::TestDb;
use fake_telegram::FakeTelegram;
use fake_whatsapp::{APP_SECRET, FakeWhatsApp, PHONE_NUMBER_ID};
use hmac::{Hmac, KeyInit, Mac};
use sportello::app;
use sportello::channels::{ChannelKind, ChannelUserId};
use sportello::clock::ManualClock;
use sportello::flows::FlowSet;
use sportello::flows::live::Live;
use sportello::i18n::Lang;
use sportello::settings::Settings;
use sportello::store::Case;

const WAIT: Duration = Duration::from_secs(20);
const GROUP: i64 = -1_001_234_567_890;
const OPERATOR: i64 = 4242;
const CITIZEN: &str = "393331110099";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Wednesday 25 November 2026, 10:00 in Rome: every office is open.
fn wednesday_morning() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap()
}

/// A signed text message from the citizen, shaped like Meta's example.
fn signed_text(wamid: &str, body: &str) -> (String, String) {
    let path = root().join("tests/fixtures/whatsapp/text.json");
    let text = std::fs::read_to_string(path)
        .unwrap()
        .replace("{{PHONE_NUMBER_ID}}", PHONE_NUMBER_ID)
        .replace("{{FROM}}", CITIZEN)
        .replace("{{WAMID}}", wamid)
        .replace("{{BODY}}", body);
    let mut mac = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(APP_SECRET.as_bytes()).unwrap();
    mac.update(text.as_bytes());
    let signature = format!("sha256={}", hex::encode(mac.finalize().into_bytes()));
    (text, signature)
}

async fn case_of_citizen(store: &sportello::store::Store) -> Case {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let conversation = store
            .current_conversation(ChannelKind::WhatsApp, &ChannelUserId::new(CITIZEN))
            .await
            .unwrap();
        if let Some(c) = conversation
            && let Some(case) = store.cases_of(c.conversation_id).await.unwrap().pop()
        {
            return case;
        }
        assert!(tokio::time::Instant::now() < deadline, "no case opened");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn whatsapp_citizen_reaches_the_operators_and_a_late_reply_waits_for_them(db: &TestDb) {
    let telegram = FakeTelegram::start().await;
    let whatsapp = FakeWhatsApp::start().await;
    let vars: Vec<(String, String)> = [
        ("SPORTELLO_TELEGRAM_TOKEN", "123456:TEST".to_owned()),
        ("SPORTELLO_TELEGRAM_API_URL", telegram.url()),
        ("SPORTELLO_TELEGRAM_RATE", "1000".into()),
        ("SPORTELLO_TELEGRAM_CHAT_RATE", "1000".into()),
        ("SPORTELLO_OPERATORS_CHAT_ID", GROUP.to_string()),
        ("SPORTELLO_LISTEN", "127.0.0.1:0".into()),
        ("SPORTELLO_ADMIN_LISTEN", "127.0.0.1:0".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .chain(whatsapp.service_vars())
    .collect();
    let settings = Settings::from_sources(None, |k| {
        vars.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
    })
    .unwrap();
    let (flows_dir, locales) = (root().join("flows"), root().join("locales"));
    let (set, report) = FlowSet::load(&flows_dir, &locales, sportello::channels::LIMITS);
    let flows = Live::new(
        set.unwrap_or_else(|| panic!("{report}")),
        &flows_dir,
        &locales,
    );
    let clock = Arc::new(ManualClock::new(wednesday_morning()));
    let options = common::quick_start(clock.clone());
    let running = app::start(&settings, flows.clone(), db.store.clone(), options)
        .await
        .unwrap();
    let webhook = format!("http://{}/whatsapp/webhook", running.addr.unwrap());
    let http = reqwest::Client::new();
    let citizen_writes = |wamid: &'static str, body: &'static str| {
        let (text, signature) = signed_text(wamid, body);
        let request = http
            .post(&webhook)
            .header("content-type", "application/json")
            .header("x-hub-signature-256", signature)
            .body(text);
        async move { assert_eq!(request.send().await.unwrap().status(), 200) }
    };

    // The citizen asks for an operator on WhatsApp; the case opens a topic on Telegram.
    citizen_writes("wamid.HO-1", "/operatore").await;
    let case = case_of_citizen(&db.store).await;
    let topic = {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            if let Some(t) = telegram
                .topics()
                .iter()
                .find(|t| t.name.contains(&case.label))
            {
                break t.thread;
            }
            assert!(tokio::time::Instant::now() < deadline, "no topic");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    };
    telegram
        .wait_text(
            GROUP,
            Some(topic),
            &format!("Nuova richiesta {}", case.label),
            WAIT,
        )
        .await;

    // Within the window, the operator's reply reaches the citizen on WhatsApp.
    telegram.group_text(GROUP, OPERATOR, "Maria", Some(topic), "/prendo");
    telegram.group_text(
        GROUP,
        OPERATOR,
        "Maria",
        Some(topic),
        "Buongiorno, mi dica pure.",
    );
    let deadline = tokio::time::Instant::now() + WAIT;
    while !whatsapp
        .sent_to(CITIZEN)
        .iter()
        .any(|s| s.text().contains("Buongiorno, mi dica pure."))
    {
        assert!(
            tokio::time::Instant::now() < deadline,
            "operator reply not delivered"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let before = whatsapp.sent_to(CITIZEN).len();

    // 25 hours later the window is closed: the template goes instead, and the operator is told
    // in the topic that the reply waits.
    clock.advance(Duration::from_secs(25 * 60 * 60));
    telegram.group_text(
        GROUP,
        OPERATOR,
        "Maria",
        Some(topic),
        "La pratica è pronta.",
    );
    let sent = whatsapp.wait_sent(CITIZEN, before + 1, WAIT).await;
    assert_eq!(sent[before].kind(), "template", "{:#?}", sent[before].body);
    let held = flows
        .get()
        .locales
        .text(Lang::It, "whatsapp-operator-held", &[]);
    let first_words: String = held.chars().take(20).collect();
    telegram
        .wait_text(GROUP, Some(topic), &first_words, WAIT)
        .await;

    // When the citizen writes again, the held reply arrives, and their message reaches the topic.
    citizen_writes("wamid.HO-2", "Grazie, passo domani").await;
    let deadline = tokio::time::Instant::now() + WAIT;
    while !whatsapp
        .sent_to(CITIZEN)
        .iter()
        .any(|s| s.text().contains("La pratica è pronta."))
    {
        assert!(
            tokio::time::Instant::now() < deadline,
            "held reply not released"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    telegram
        .wait_text(GROUP, Some(topic), "Grazie, passo domani", WAIT)
        .await;
    let delivered = whatsapp
        .sent_to(CITIZEN)
        .iter()
        .filter(|s| s.text().contains("La pratica è pronta."))
        .count();
    assert_eq!(delivered, 1, "the held reply, once");
    running.stop().await;
}

on_both_backends!(whatsapp_citizen_reaches_the_operators_and_a_late_reply_waits_for_them);
