//! Sportello on WhatsApp, driven the way Meta drives it: signed webhook deliveries shaped like
//! Meta's published examples (tests/fixtures/whatsapp) posted to the real `run` service, and
//! a fake Graph API on loopback recording what the citizen receives.

use crate::{common, fake_telegram, fake_whatsapp};

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use common::TestDb;
use fake_whatsapp::{
    APP_SECRET, FakeWhatsApp, Fault, PHONE_NUMBER_ID, Sent, TEMPLATE, VERIFY_TOKEN,
};
use hmac::{Hmac, KeyInit, Mac};
use sportello::app::{self, Running};
use sportello::channels::{ChannelKind, ChannelUserId};
use sportello::clock::{Clock, ManualClock};
use sportello::engine::{ChoiceView, Reply};
use sportello::flows::FlowSet;
use sportello::flows::live::Live;
use sportello::i18n::Lang;
use sportello::metrics::Metrics;
use sportello::outbox::DispatcherConfig;
use sportello::settings::Settings;
use sportello::store::{ConversationId, OutboxEntry, OutboxId, OutboxStatus, Reengagement, Store};

const WAIT: Duration = Duration::from_secs(20);
const QUIET: Duration = Duration::from_millis(600);

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn example_flows() -> Arc<Live> {
    let (flows, locales) = (root().join("flows"), root().join("locales"));
    let (set, report) = FlowSet::load(&flows, &locales, sportello::channels::LIMITS);
    Live::new(set.unwrap_or_else(|| panic!("{report}")), &flows, &locales)
}

/// The short privacy notice a new citizen gets once, in every language. Tests about other
/// things hide it (`FakeWhatsApp::hide_texts`); `a_new_citizen_gets_the_privacy_notice_once`
/// is about it.
fn notices(flows: &Live) -> Vec<String> {
    let flows = flows.get();
    Lang::ALL
        .iter()
        .map(|&lang| flows.locales.text(lang, "common-privacy-short", &[]))
        .collect()
}

/// The settings of a WhatsApp-only service against `fake`, as environment variables.
fn vars(fake: &FakeWhatsApp) -> Vec<(String, String)> {
    let mut vars = fake.service_vars();
    for key in ["SPORTELLO_LISTEN", "SPORTELLO_ADMIN_LISTEN"] {
        vars.push((key.to_owned(), "127.0.0.1:0".to_owned()));
    }
    vars
}

/// Settings from variables; the last value given for a name wins.
fn from_vars(vars: &[(String, String)]) -> Settings {
    Settings::from_sources(None, |k| {
        vars.iter()
            .rev()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
    })
    .unwrap()
}

fn settings(fake: &FakeWhatsApp, extra: &[(&str, &str)]) -> Settings {
    let mut vars = vars(fake);
    vars.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    from_vars(&vars)
}

fn quick_dispatch() -> DispatcherConfig {
    DispatcherConfig {
        base_backoff: Duration::from_millis(200),
        max_backoff: Duration::from_secs(2),
        send_timeout: Duration::from_secs(5),
        lease: Duration::from_secs(10),
        poll_interval: Duration::from_millis(100),
        ..DispatcherConfig::default()
    }
}

/// A fixture with its placeholders filled in.
fn fixture(name: &str, values: &[(&str, &str)]) -> String {
    let path = root().join("tests/fixtures/whatsapp").join(name);
    let mut text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    text = text.replace("{{PHONE_NUMBER_ID}}", PHONE_NUMBER_ID);
    for (key, value) in values {
        text = text.replace(&format!("{{{{{key}}}}}"), value);
    }
    assert!(!text.contains("{{"), "unfilled placeholder in {name}");
    text
}

fn sign(secret: &str, body: &[u8]) -> String {
    let mut mac = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

/// The service under test, its fake Graph API and its clock.
struct Bot {
    fake: FakeWhatsApp,
    running: Option<Running>,
    store: Store,
    flows: Arc<Live>,
    clock: Arc<ManualClock>,
    http: reqwest::Client,
    url: String,
}

impl Bot {
    async fn start(db: &TestDb) -> Bot {
        Bot::start_with(db, &[]).await
    }

    async fn start_with(db: &TestDb, extra: &[(&str, &str)]) -> Bot {
        let fake = FakeWhatsApp::start().await;
        let flows = example_flows();
        fake.hide_texts(notices(&flows));
        let clock = Arc::new(ManualClock::new(Utc::now()));
        let running = app::start(
            &settings(&fake, extra),
            flows.clone(),
            db.store.clone(),
            app::StartOptions {
                dispatch: quick_dispatch(),
                clock: clock.clone(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let addr = running.addr.expect("the webhook server listens");
        Bot {
            fake,
            running: Some(running),
            store: db.store.clone(),
            flows,
            clock,
            http: reqwest::Client::new(),
            url: format!("http://{addr}/whatsapp/webhook"),
        }
    }

    /// The running service's own metrics.
    fn metrics(&self) -> Arc<Metrics> {
        self.running.as_ref().unwrap().metrics().clone()
    }

    /// Posts `body` with the signature header given (none when `None`).
    async fn post_signed(&self, body: &str, signature: Option<String>) -> u16 {
        let mut request = self
            .http
            .post(&self.url)
            .header("content-type", "application/json")
            .body(body.to_owned());
        if let Some(signature) = signature {
            request = request.header("x-hub-signature-256", signature);
        }
        request.send().await.unwrap().status().as_u16()
    }

    /// Posts a fixture signed with the app secret, as Meta does.
    async fn deliver(&self, name: &str, values: &[(&str, &str)]) -> u16 {
        let body = fixture(name, values);
        let signature = sign(APP_SECRET, body.as_bytes());
        self.post_signed(&body, Some(signature)).await
    }

    async fn text(&self, from: &str, wamid: &str, text: &str) {
        let status = self
            .deliver(
                "text.json",
                &[("FROM", from), ("WAMID", wamid), ("BODY", text)],
            )
            .await;
        assert_eq!(status, 200);
    }

    /// The citizen writes "grazie" and is answered: the answer's `wamid`, and the
    /// conversation. For a citizen's first message.
    async fn thanks(&self, citizen: &str, wamid: &str) -> (String, ConversationId) {
        self.text(citizen, wamid, "grazie").await;
        let answer = self.fake.wait_sent(citizen, 1, WAIT).await[0].wamid.clone();
        (answer, self.conversation(citizen).await)
    }

    /// The citizen taps a button, a list row or a template's quick reply (`fixture`).
    async fn tap(&self, fixture: &str, from: &str, wamid: &str, id: &str, title: &str) {
        let status = self
            .deliver(
                fixture,
                &[
                    ("FROM", from),
                    ("WAMID", wamid),
                    ("ID", id),
                    ("TITLE", title),
                ],
            )
            .await;
        assert_eq!(status, 200, "{fixture}");
    }

    fn locale(&self, id: &str) -> String {
        self.flows.get().locales.text(Lang::It, id, &[])
    }

    async fn conversation(&self, from: &str) -> ConversationId {
        self.store
            .current_conversation(ChannelKind::WhatsApp, &ChannelUserId::new(from))
            .await
            .unwrap()
            .expect("an open conversation")
            .conversation_id
    }

    /// What a person writes to `conversation`, queued now by the test's clock.
    async fn person_writes(&self, conversation: ConversationId, text: &str) -> OutboxId {
        let reply = Reply {
            text: text.to_owned(),
            ..Reply::default()
        };
        sportello::conversations::queue_reply(&self.store, conversation, &reply, self.clock.now())
            .await
            .unwrap()
            .expect("the conversation exists")
    }

    /// The reply of `conversation` sent as `wamid`, if its send is recorded.
    async fn reply_sent_as(
        &self,
        conversation: ConversationId,
        wamid: &str,
    ) -> Option<OutboxEntry> {
        self.store
            .outbox_entries(conversation)
            .await
            .unwrap()
            .into_iter()
            .find(|row| row.channel_sent_id.as_deref() == Some(wamid))
    }

    /// The same, waiting until the Graph API's answer with the `wamid` is recorded.
    async fn sent_reply(&self, conversation: ConversationId, wamid: &str) -> OutboxEntry {
        tokio::time::timeout(WAIT, async {
            loop {
                if let Some(row) = self.reply_sent_as(conversation, wamid).await {
                    return row;
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        })
        .await
        .expect("the reply is marked sent")
    }

    async fn stop(mut self) {
        self.running.take().unwrap().stop().await;
    }
}

fn reply_with(n: usize) -> Reply {
    Reply {
        text: format!("Scelga tra {n} opzioni."),
        choices: (1..=n)
            .map(|i| ChoiceView {
                id: format!("opzione{i}"),
                label: format!("Opzione numero {i}"),
                url: None,
            })
            .collect(),
        at: Some("urp.start".into()),
        attachment: None,
        image: None,
    }
}

#[tokio::test]
async fn the_webhook_is_verified_only_with_the_right_token() {
    let db = TestDb::sqlite().await;
    let bot = Bot::start(&db).await;
    let get = |query: String| {
        let http = bot.http.clone();
        let url = format!("{}?{query}", bot.url);
        async move {
            let response = http.get(url).send().await.unwrap();
            (response.status().as_u16(), response.text().await.unwrap())
        }
    };
    let ok = get(format!(
        "hub.mode=subscribe&hub.verify_token={VERIFY_TOKEN}&hub.challenge=1158201444"
    ))
    .await;
    assert_eq!(ok, (200, "1158201444".to_owned()));
    let wrong = get("hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1".into()).await;
    assert_eq!(wrong.0, 403);
    let mode = get(format!(
        "hub.mode=unsubscribe&hub.verify_token={VERIFY_TOKEN}&hub.challenge=1"
    ))
    .await;
    assert_eq!(mode.0, 403);
    assert_eq!(get("hub.challenge=1".into()).await.0, 403);
    // A body larger than any Meta delivery is refused before it is read in full.
    let huge = "x".repeat(4 * 1024 * 1024);
    let status = bot
        .post_signed(&huge, Some(sign(APP_SECRET, huge.as_bytes())))
        .await;
    assert_eq!(status, 413);
    assert_eq!(bot.store.inbound_count().await.unwrap(), 0);
    bot.stop().await;
    db.close().await;
}

/// Why the service refuses to start with `settings`.
async fn refusal(db: &TestDb, settings: &Settings) -> String {
    let options = app::StartOptions::new(settings);
    match app::start(settings, example_flows(), db.store.clone(), options).await {
        Ok(_) => panic!("the service started"),
        Err(err) => format!("{err:#}"),
    }
}

#[tokio::test]
async fn run_refuses_to_start_without_any_channel_and_names_the_settings() {
    let db = TestDb::sqlite().await;
    let settings = Settings::from_sources(None, |k| {
        (k == "SPORTELLO_ADMIN_LISTEN").then(|| "127.0.0.1:0".to_owned())
    })
    .unwrap();
    let message = refusal(&db, &settings).await;
    assert!(message.contains("no channel is configured"), "{message}");
    assert!(message.contains("SPORTELLO_TELEGRAM_TOKEN"), "{message}");
    assert!(
        message.contains("SPORTELLO_WHATSAPP_PHONE_NUMBER_ID"),
        "{message}"
    );
    // Half a WhatsApp configuration names what is missing.
    let fake = FakeWhatsApp::start().await;
    let half = settings_without(&fake, "SPORTELLO_WHATSAPP_APP_SECRET");
    let message = refusal(&db, &half).await;
    assert!(message.contains("whatsapp_app_secret"), "{message}");
    db.close().await;
}

fn settings_without(fake: &FakeWhatsApp, missing: &str) -> Settings {
    let mut vars = vars(fake);
    vars.retain(|(k, _)| k != missing);
    from_vars(&vars)
}

async fn a_signed_text_and_a_signed_button_reply_are_answered(db: &TestDb) {
    let bot = Bot::start(db).await;
    let citizen = "393331110001";
    bot.text(citizen, "wamid.IN-1", "grazie").await;
    let sent = bot.fake.wait_sent(citizen, 1, WAIT).await;
    assert_eq!(sent[0].phone_number_id, PHONE_NUMBER_ID);
    assert!(sent[0].text().starts_with(&bot.locale("menu-thanks")[..20]));
    assert_eq!(sent[0].interactive_kind(), "button", "{:#?}", sent[0].body);
    let metrics = bot.metrics();
    assert_eq!(metrics.updates_in.get("whatsapp"), 1);
    // Counted once the Graph API has answered the send, a moment after the fake saw it.
    tokio::time::timeout(WAIT, async {
        while metrics.replies_out.get("whatsapp") == 0 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("the reply is counted");
    let buttons = sent[0].options();
    assert_eq!(buttons.len(), 2);
    assert!(buttons.iter().all(|(id, title)| {
        id.starts_with("menu.grazie/") && id.len() <= 256 && title.chars().count() <= 20
    }));
    let (menu_id, menu_title) = buttons[0].clone();
    assert_eq!(
        menu_title,
        bot.locale("common-main-menu")
            .chars()
            .take(20)
            .collect::<String>()
    );

    // The citizen taps "main menu": a list of the ten topics comes back.
    bot.tap(
        "button_reply.json",
        citizen,
        "wamid.IN-2",
        &menu_id,
        &menu_title,
    )
    .await;
    let sent = bot.fake.wait_sent(citizen, 2, WAIT).await;
    assert!(
        // The main menu; the conversation opened with thanks, so no greeting now.
        sent[1].text().starts_with("Sono l'assistente digitale"),
        "{}",
        sent[1].text()
    );
    assert_eq!(sent[1].interactive_kind(), "list", "{:#?}", sent[1].body);
    assert_eq!(
        sent[1].body["interactive"]["action"]["button"],
        bot.locale("whatsapp-list-button")
    );
    let rows = sent[1].options();
    assert_eq!(rows.len(), 10);
    assert!(rows.iter().all(|(_, title)| title.chars().count() <= 24));

    // And picks Tributi from the list.
    let (tributi_id, tributi_title) = rows
        .iter()
        .find(|(id, _)| id.ends_with("/tributi"))
        .expect("a Tributi row")
        .clone();
    bot.tap(
        "list_reply.json",
        citizen,
        "wamid.IN-3",
        &tributi_id,
        &tributi_title,
    )
    .await;
    let sent = bot.fake.wait_sent(citizen, 3, WAIT).await;
    let flows = bot.flows.get();
    let tributi_start = bot.locale(&flows.flow("tributi").unwrap().steps[0].say.text);
    assert!(
        sent[2].text().starts_with(&tributi_start[..30]),
        "{}",
        sent[2].text()
    );
    bot.stop().await;
}

async fn forged_or_missing_signatures_are_refused_and_nothing_is_stored(db: &TestDb) {
    let bot = Bot::start(db).await;
    let citizen = "393331110002";
    let body = fixture(
        "text.json",
        &[
            ("FROM", citizen),
            ("WAMID", "wamid.FORGED"),
            ("BODY", "ciao"),
        ],
    );
    assert_eq!(bot.post_signed(&body, None).await, 401);
    assert_eq!(
        bot.post_signed(&body, Some(sign("not-the-app-secret", body.as_bytes())))
            .await,
        401
    );
    // A valid signature of other bytes: the body was changed on the way.
    let other = body.replace("ciao", "ciaO");
    assert_eq!(
        bot.post_signed(&other, Some(sign(APP_SECRET, body.as_bytes())))
            .await,
        401
    );
    assert_eq!(bot.post_signed(&body, Some("sha256=00".into())).await, 401);
    // Signed but not a WhatsApp event: acknowledged so Meta stops retrying, nothing stored.
    let junk = "{\"object\": [1, 2";
    assert_eq!(
        bot.post_signed(junk, Some(sign(APP_SECRET, junk.as_bytes())))
            .await,
        200
    );
    assert!(bot.fake.settle(citizen, QUIET).await.is_empty());
    assert_eq!(bot.store.inbound_count().await.unwrap(), 0);
    let metrics = bot.metrics();
    assert_eq!(metrics.webhook_rejected.get("signature"), 4);
    assert_eq!(metrics.webhook_rejected.get("unparseable"), 1);
    bot.stop().await;
}

async fn a_new_citizen_gets_the_privacy_notice_once(db: &TestDb) {
    let bot = Bot::start(db).await;
    let citizen = "393331110020";
    let notice = bot.locale("common-privacy-short");
    bot.text(citizen, "wamid.PRIV-1", "grazie").await;
    let deadline = std::time::Instant::now() + WAIT;
    while !bot.fake.all_sent().iter().any(|s| s.text() == notice) {
        assert!(std::time::Instant::now() < deadline, "no privacy notice");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    bot.text(citizen, "wamid.PRIV-2", "menu").await;
    bot.fake.wait_sent(citizen, 2, WAIT).await;
    tokio::time::sleep(QUIET).await;
    let to_citizen: Vec<Sent> = bot
        .fake
        .all_sent()
        .into_iter()
        .filter(|s| s.to == citizen)
        .collect();
    // The answer first: a citizen in a hurry reads it before the notice.
    assert_ne!(to_citizen[0].text(), notice);
    assert_eq!(
        to_citizen.iter().filter(|s| s.text() == notice).count(),
        1,
        "{to_citizen:#?}"
    );
    bot.stop().await;
}

async fn a_data_export_arrives_as_a_json_document_after_its_text(db: &TestDb) {
    let bot = Bot::start(db).await;
    let citizen = "393331110030";
    bot.text(
        citizen,
        "wamid.EXP-1",
        "il mio codice fiscale è RSSMRA85T10A562S",
    )
    .await;
    bot.fake.wait_sent(citizen, 1, WAIT).await;
    bot.text(citizen, "wamid.EXP-2", "/i_miei_dati").await;
    let deadline = std::time::Instant::now() + WAIT;
    let document = loop {
        if let Some(sent) = bot
            .fake
            .sent_to(citizen)
            .into_iter()
            .find(|s| s.kind() == "document")
        {
            break sent;
        }
        assert!(std::time::Instant::now() < deadline, "no document sent");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let uploads = bot.fake.uploads();
    assert_eq!(uploads.len(), 1);
    let file = &uploads[0];
    assert_eq!(document.body["document"]["id"], file.id.as_str());
    assert_eq!(
        document.body["document"]["filename"],
        file.filename.as_str()
    );
    assert!(file.filename.ends_with(".json"), "{}", file.filename);
    assert_eq!(file.mime, "application/json");
    // The citizen's data as stored: their channel id, their words with the codice fiscale
    // masked.
    let json: serde_json::Value = serde_json::from_str(&file.content).unwrap();
    assert_eq!(json["citizen"][0]["channel"], "whatsapp");
    assert_eq!(json["citizen"][0]["channel_user_id"], citizen);
    assert!(
        file.content
            .contains("il mio codice fiscale è [codice fiscale]")
    );
    assert!(!file.content.contains("RSSMRA85T10A562S"));
    // The readable text that announces the file comes first.
    let sent = bot.fake.sent_to(citizen);
    let text_at = sent
        .iter()
        .position(|s| s.text().contains("JSON"))
        .expect("the export's text");
    let document_at = sent.iter().position(|s| s.kind() == "document").unwrap();
    assert!(text_at < document_at);
    bot.stop().await;
}

async fn the_same_delivery_twice_is_answered_once(db: &TestDb) {
    let bot = Bot::start(db).await;
    let citizen = "393331110003";
    bot.text(citizen, "wamid.TWICE", "grazie").await;
    bot.text(citizen, "wamid.TWICE", "grazie").await;
    bot.fake.wait_sent(citizen, 1, WAIT).await;
    assert_eq!(bot.fake.settle(citizen, QUIET).await.len(), 1);
    assert_eq!(bot.store.inbound_count().await.unwrap(), 1);
    bot.stop().await;
}

async fn four_and_eleven_choices_go_as_a_list_and_as_numbered_text(db: &TestDb) {
    let bot = Bot::start(db).await;
    let citizen = "393331110004";
    let (_, conversation) = bot.thanks(citizen, "wamid.IN-4").await;
    let now = bot.clock.now();
    for n in [4, 11] {
        sportello::conversations::queue_reply(&bot.store, conversation, &reply_with(n), now)
            .await
            .unwrap()
            .expect("queued");
    }
    let sent = bot.fake.wait_sent(citizen, 3, WAIT).await;
    assert_eq!(sent[1].interactive_kind(), "list", "{:#?}", sent[1].body);
    let rows = sent[1].options();
    assert_eq!(rows.len(), 4);
    assert_eq!(
        rows[3],
        ("urp.start/opzione4".into(), "Opzione numero 4".into())
    );
    assert_eq!(sent[2].kind(), "text", "{:#?}", sent[2].body);
    let text = sent[2].text();
    assert!(text.starts_with("Scelga tra 11 opzioni."), "{text}");
    assert!(text.contains("\n1. Opzione numero 1\n"), "{text}");
    assert!(text.ends_with("\n11. Opzione numero 11"), "{text}");
    // The numbers work: the citizen types one.
    bot.text(citizen, "wamid.IN-5", "3").await;
    bot.fake.wait_sent(citizen, 4, WAIT).await;

    // A reply a person wrote is sent as written and kept redacted in the transcript.
    let written = "Gentile cittadino, scriva a mario.rossi@example.com per la pratica.";
    bot.person_writes(conversation, written).await;
    let sent = bot.fake.wait_sent(citizen, 5, WAIT).await;
    assert_eq!(sent[4].text(), written);
    let transcript = bot.store.transcript(conversation).await.unwrap();
    let last = transcript.last().unwrap();
    assert!(!last.inbound);
    assert!(!last.text.contains("mario.rossi"), "{}", last.text);
    assert_eq!(last.text, sportello::privacy::redact::redact(written).text);
    bot.stop().await;
}

async fn a_reply_after_25_hours_goes_as_the_template_then_arrives_when_the_citizen_writes(
    db: &TestDb,
) {
    let bot = Bot::start(db).await;
    let mut held = bot.running.as_ref().unwrap().held_notices();
    let citizen = "393331110005";
    bot.text(citizen, "wamid.IN-6", "grazie").await;
    bot.fake.wait_sent(citizen, 1, WAIT).await;
    // The answer and the privacy notice both go out within the window.
    let deadline = std::time::Instant::now() + WAIT;
    while bot
        .fake
        .all_sent()
        .iter()
        .filter(|s| s.to == citizen)
        .count()
        < 2
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the notice was not sent"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let conversation = bot.conversation(citizen).await;

    bot.clock.advance(Duration::from_secs(25 * 60 * 60));
    let first = bot
        .person_writes(conversation, "La sua pratica è pronta.")
        .await;
    let sent = bot.fake.wait_sent(citizen, 2, WAIT).await;
    assert_eq!(sent[1].kind(), "template", "{:#?}", sent[1].body);
    assert_eq!(sent[1].body["template"]["name"], TEMPLATE);
    assert_eq!(sent[1].body["template"]["language"]["code"], "it");
    let notice = tokio::time::timeout(WAIT, held.recv())
        .await
        .expect("a held notice")
        .unwrap();
    assert_eq!(notice.conversation_id, conversation);
    assert_eq!(notice.outbox_id, first);
    assert_eq!(notice.reengagement, Reengagement::Sent);
    assert_eq!(notice.operator_text(), "whatsapp-operator-held");

    // A second reply waits too, without a second template.
    bot.person_writes(conversation, "Può ritirarla da lunedì.")
        .await;
    assert_eq!(bot.fake.settle(citizen, QUIET).await.len(), 2);
    let rows = bot.store.outbox_entries(conversation).await.unwrap();
    let pending: Vec<_> = rows
        .iter()
        .filter(|r| r.status == OutboxStatus::Pending)
        .collect();
    assert_eq!(pending.len(), 2, "{rows:#?}");
    assert!(pending[0].held_at.is_some(), "{rows:#?}");

    // The citizen taps the template's quick reply: the held replies go, in order, then the
    // answer to what the citizen sent.
    bot.clock.advance(Duration::from_secs(60));
    bot.tap(
        "template_quick_reply.json",
        citizen,
        "wamid.IN-7",
        "Leggi",
        "Leggi la risposta",
    )
    .await;
    let sent = bot.fake.wait_sent(citizen, 5, WAIT).await;
    assert_eq!(sent[2].text(), "La sua pratica è pronta.");
    assert_eq!(sent[3].text(), "Può ritirarla da lunedì.");
    assert!(!sent[4].text().is_empty());
    assert_eq!(bot.fake.settle(citizen, QUIET).await.len(), 5);
    let transcript = bot.store.transcript(conversation).await.unwrap();
    assert!(
        transcript
            .iter()
            .any(|line| line.inbound && line.text == "Leggi la risposta"),
        "{transcript:#?}"
    );
    bot.stop().await;
}

async fn statuses_are_recorded_against_the_outbox_even_out_of_order(db: &TestDb) {
    let bot = Bot::start(db).await;
    let citizen = "393331110006";
    let (wamid, conversation) = bot.thanks(citizen, "wamid.IN-8").await;
    let row = async || bot.sent_reply(conversation, &wamid).await;
    assert_eq!(row().await.status, OutboxStatus::Sent);

    let status = async |s: &str| {
        bot.deliver(
            "status.json",
            &[("FROM", citizen), ("WAMID", &wamid), ("STATUS", s)],
        )
        .await
    };
    assert_eq!(status("read").await, 200);
    assert_eq!(row().await.delivery_status.as_deref(), Some("read"));
    // A late `delivered` does not go backwards.
    assert_eq!(status("delivered").await, 200);
    assert_eq!(row().await.delivery_status.as_deref(), Some("read"));
    bot.stop().await;
}

async fn a_failed_status_fails_the_reply_with_its_error_code(db: &TestDb) {
    let bot = Bot::start(db).await;
    let citizen = "393331110007";
    let (wamid, conversation) = bot.thanks(citizen, "wamid.IN-9").await;
    bot.sent_reply(conversation, &wamid).await;
    let sent_status = bot
        .deliver(
            "status.json",
            &[("FROM", citizen), ("WAMID", &wamid), ("STATUS", "sent")],
        )
        .await;
    assert_eq!(sent_status, 200);
    let failed = bot
        .deliver(
            "status_failed.json",
            &[("FROM", citizen), ("WAMID", &wamid)],
        )
        .await;
    assert_eq!(failed, 200);
    let row = bot.sent_reply(conversation, &wamid).await;
    assert_eq!(row.status, OutboxStatus::Failed);
    assert_eq!(row.delivery_status.as_deref(), Some("failed"));
    assert_eq!(row.delivery_error.as_deref(), Some("WhatsApp error 131026"));
    // A status about a message that is not ours is acknowledged and changes nothing.
    let stranger = bot
        .deliver(
            "status.json",
            &[
                ("FROM", citizen),
                ("WAMID", "wamid.NOT-OURS"),
                ("STATUS", "read"),
            ],
        )
        .await;
    assert_eq!(stranger, 200);
    bot.stop().await;
}

/// Meta posts three statuses for every reply, each in a call of its own, often several at
/// once, and sometimes several in one call. Posted all at once and in every order, each lands
/// on its own reply, the highest wins, and a failure is recorded once however often it comes.
async fn a_burst_of_statuses_lands_each_on_its_own_reply(db: &TestDb) {
    let bot = Bot::start(db).await;
    let citizens: Vec<String> = (0..12).map(|n| format!("39333222{n:04}")).collect();
    let mut replies = Vec::new();
    for (n, citizen) in citizens.iter().enumerate() {
        let (wamid, conversation) = bot.thanks(citizen, &format!("wamid.BURST-{n}")).await;
        bot.sent_reply(conversation, &wamid).await;
        replies.push((citizen.clone(), wamid, conversation));
    }

    // One call per status, in a different order for each reply; the first reply fails, and
    // Meta reports that twice.
    let mut calls = Vec::new();
    for (n, (citizen, wamid, _)) in replies.iter().enumerate() {
        let mut order = vec!["sent", "delivered", "read"];
        order.rotate_left(n % 3);
        if n % 2 == 1 {
            order.reverse();
        }
        for status in order {
            calls.push(fixture(
                "status.json",
                &[("FROM", citizen), ("WAMID", wamid), ("STATUS", status)],
            ));
        }
    }
    let (first_citizen, first_wamid, first_conversation) = &replies[0];
    let failed = fixture(
        "status_failed.json",
        &[("FROM", first_citizen), ("WAMID", first_wamid)],
    );
    calls.push(failed.clone());
    calls.push(failed);
    // And one call with several statuses: two for the second reply and one for a message
    // that is not ours.
    let mut several: serde_json::Value = serde_json::from_str(&fixture(
        "status.json",
        &[
            ("FROM", &replies[1].0),
            ("WAMID", &replies[1].1),
            ("STATUS", "delivered"),
        ],
    ))
    .unwrap();
    let statuses = several["entry"][0]["changes"][0]["value"]["statuses"]
        .as_array_mut()
        .unwrap();
    let mut read = statuses[0].clone();
    read["status"] = "read".into();
    let mut stranger = statuses[0].clone();
    stranger["id"] = "wamid.NOT-OURS".into();
    statuses.push(read);
    statuses.push(stranger);
    calls.push(several.to_string());

    let metrics = bot.metrics();
    let unknown = || metrics.delivery_status_unknown.get("delivered");
    let unknown_before = unknown();
    let mut posted = tokio::task::JoinSet::new();
    for body in calls {
        let request = bot
            .http
            .post(&bot.url)
            .header("content-type", "application/json")
            .header("x-hub-signature-256", sign(APP_SECRET, body.as_bytes()))
            .body(body);
        posted.spawn(async move { request.send().await.unwrap().status().as_u16() });
    }
    let answers = posted.join_all().await;
    assert!(answers.iter().all(|&s| s == 200), "{answers:?}");

    for (n, (_, wamid, conversation)) in replies.iter().enumerate() {
        let row = bot.sent_reply(*conversation, wamid).await;
        if n == 0 {
            assert_eq!(row.status, OutboxStatus::Failed, "{row:#?}");
            assert_eq!(row.delivery_status.as_deref(), Some("failed"));
        } else {
            assert_eq!(row.status, OutboxStatus::Sent, "{row:#?}");
            assert_eq!(row.delivery_status.as_deref(), Some("read"), "reply {n}");
        }
    }
    assert_eq!(
        unknown(),
        unknown_before + 1,
        "the stranger's status is counted"
    );
    assert!(metrics.delivery_status.get("read") >= 1);
    let failures = bot.store.audit_events("delivery_failed").await.unwrap();
    let first_id = bot
        .sent_reply(*first_conversation, first_wamid)
        .await
        .outbox_id;
    let expected = format!("{{\"outbox_id\":{first_id},\"status\":\"failed\"}}");
    assert_eq!(
        failures
            .iter()
            .filter(|(detail, _)| *detail == expected)
            .count(),
        1,
        "{failures:?}"
    );
    bot.stop().await;
}

/// Meta can report a reply's status before the Graph API has answered the send with its
/// `wamid`. The status is not dropped: the webhook call waits for the reply to be recorded.
async fn a_status_that_overtakes_the_answer_to_its_send_is_still_recorded(db: &TestDb) {
    let bot = Bot::start(db).await;
    let citizen = "393331110009";
    let (_, conversation) = bot.thanks(citizen, "wamid.IN-OVERTAKE-1").await;
    assert_eq!(bot.fake.settle(citizen, QUIET).await.len(), 1);

    bot.fake
        .fail([Fault::SlowAnswer(Duration::from_millis(1500))]);
    bot.text(citizen, "wamid.IN-OVERTAKE-2", "grazie ancora")
        .await;
    let wamid = bot.fake.wait_sent(citizen, 2, WAIT).await[1].wamid.clone();
    assert!(
        bot.reply_sent_as(conversation, &wamid).await.is_none(),
        "the send's answer is still on its way"
    );
    let status = bot
        .deliver(
            "status_failed.json",
            &[("FROM", citizen), ("WAMID", &wamid)],
        )
        .await;
    assert_eq!(status, 200);
    let row = bot
        .reply_sent_as(conversation, &wamid)
        .await
        .expect("the status waited for the reply to be recorded");
    assert_eq!(row.status, OutboxStatus::Failed, "{row:#?}");
    assert_eq!(row.delivery_status.as_deref(), Some("failed"));
    assert_eq!(row.delivery_error.as_deref(), Some("WhatsApp error 131026"));
    bot.stop().await;
}

async fn media_locations_and_unknown_types_get_a_polite_reply(db: &TestDb) {
    let bot = Bot::start(db).await;
    let citizen = "393331110008";
    for (i, name) in ["image.json", "unsupported.json", "location.json"]
        .iter()
        .enumerate()
    {
        let wamid = format!("wamid.MEDIA-{i}");
        let status = bot
            .deliver(name, &[("FROM", citizen), ("WAMID", &wamid)])
            .await;
        assert_eq!(status, 200, "{name}");
    }
    let sent = bot.fake.wait_sent(citizen, 3, WAIT).await;
    let polite = bot.locale("common-unsupported-input");
    for message in &sent {
        assert_eq!(message.text(), polite);
    }
    bot.stop().await;
}

async fn rate_limits_and_server_errors_are_retried_until_delivered(db: &TestDb) {
    let bot = Bot::start(db).await;
    let citizen = "393331110009";
    bot.fake.fail([Fault::RateLimited, Fault::ServerError]);
    bot.text(citizen, "wamid.IN-10", "grazie").await;
    // Retries are due on the service's clock: move it along until the reply is through.
    tokio::time::timeout(WAIT, async {
        while bot.fake.sent_to(citizen).is_empty() {
            bot.clock.advance(Duration::from_millis(500));
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await
    .expect("delivered after the retries");
    assert_eq!(bot.fake.refused(), 2);
    assert_eq!(bot.fake.unauthorised(), 0);
    assert_eq!(bot.metrics().rate_limited.get("whatsapp"), 1);
    let conversation = bot.conversation(citizen).await;
    let rows = bot.store.outbox_entries(conversation).await.unwrap();
    assert!(rows[0].attempts >= 3, "{rows:#?}");
    bot.stop().await;
}

async fn a_closed_window_reported_by_whatsapp_holds_the_reply_too(db: &TestDb) {
    let bot = Bot::start(db).await;
    let citizen = "393331110010";
    bot.fake.fail([Fault::ReEngagement]);
    bot.text(citizen, "wamid.IN-11", "grazie").await;
    let sent = bot.fake.wait_sent(citizen, 1, WAIT).await;
    assert_eq!(sent[0].kind(), "template", "{:#?}", sent[0].body);
    bot.clock.advance(Duration::from_secs(60));
    bot.text(citizen, "wamid.IN-12", "grazie").await;
    let sent = bot.fake.wait_sent(citizen, 3, WAIT).await;
    assert!(sent[1].text().starts_with(&bot.locale("menu-thanks")[..20]));
    assert!(sent[2].text().starts_with(&bot.locale("menu-thanks")[..20]));
    bot.stop().await;
}

async fn without_a_template_the_reply_is_held_and_the_operator_told_it_failed(db: &TestDb) {
    let bot = Bot::start_with(db, &[("SPORTELLO_WHATSAPP_TEMPLATE_NAME", "")]).await;
    let mut held = bot.running.as_ref().unwrap().held_notices();
    let citizen = "393331110013";
    let (_, conversation) = bot.thanks(citizen, "wamid.IN-13").await;
    bot.clock.advance(Duration::from_secs(25 * 60 * 60));
    bot.person_writes(conversation, "La sua pratica è pronta.")
        .await;
    let notice = tokio::time::timeout(WAIT, held.recv())
        .await
        .expect("a held notice")
        .unwrap();
    assert_eq!(notice.reengagement, Reengagement::Failed);
    assert_eq!(notice.operator_text(), "whatsapp-operator-held-failed");
    assert_eq!(bot.metrics().replies_held.get("whatsapp"), 1);
    assert_eq!(bot.fake.settle(citizen, QUIET).await.len(), 1);
    bot.clock.advance(Duration::from_secs(60));
    bot.text(citizen, "wamid.IN-14", "grazie").await;
    let sent = bot.fake.wait_sent(citizen, 3, WAIT).await;
    assert_eq!(sent[1].text(), "La sua pratica è pronta.");
    bot.stop().await;
}

async fn a_rate_limited_template_is_retried_and_sent_once(db: &TestDb) {
    let bot = Bot::start(db).await;
    let mut held = bot.running.as_ref().unwrap().held_notices();
    let citizen = "393331110014";
    let (_, conversation) = bot.thanks(citizen, "wamid.IN-15").await;
    bot.clock.advance(Duration::from_secs(25 * 60 * 60));
    bot.fake.fail([Fault::RateLimited]);
    bot.person_writes(conversation, "La sua pratica è pronta.")
        .await;
    tokio::time::timeout(WAIT, async {
        while bot.fake.sent_to(citizen).len() < 2 {
            bot.clock.advance(Duration::from_millis(500));
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await
    .expect("the template goes after the rate limit");
    assert_eq!(bot.fake.refused(), 1);
    let notice = tokio::time::timeout(WAIT, held.recv())
        .await
        .expect("a held notice")
        .unwrap();
    assert_eq!(notice.reengagement, Reengagement::Sent);
    let sent = bot.fake.settle(citizen, QUIET).await;
    assert_eq!(sent.len(), 2, "{sent:#?}");
    assert_eq!(sent[1].kind(), "template");
    bot.stop().await;
}

/// The operators' group of the hand-off tests: a Telegram forum supergroup.
const GROUP: i64 = -1_001_234_567_890;

async fn an_operator_is_told_in_the_topic_when_a_reply_waits_for_the_citizen(db: &TestDb) {
    let whatsapp = FakeWhatsApp::start().await;
    let telegram = fake_telegram::FakeTelegram::start().await;
    let telegram_url = telegram.url();
    let group = GROUP.to_string();
    let settings = settings(
        &whatsapp,
        &[
            ("SPORTELLO_TELEGRAM_TOKEN", "123456:TEST"),
            ("SPORTELLO_TELEGRAM_API_URL", &telegram_url),
            ("SPORTELLO_TELEGRAM_RATE", "1000"),
            ("SPORTELLO_TELEGRAM_CHAT_RATE", "1000"),
            ("SPORTELLO_OPERATORS_CHAT_ID", &group),
        ],
    );
    // Wednesday 25 November 2026, 10:00 in Rome: the offices are open.
    let clock = Arc::new(ManualClock::new(
        chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 11, 25, 9, 0, 0).unwrap(),
    ));
    let options = app::StartOptions {
        dispatch: quick_dispatch(),
        clock: clock.clone(),
        handoff: sportello::handoff::HandoffConfig {
            poll_interval: Duration::from_millis(100),
            ..sportello::handoff::HandoffConfig::default()
        },
    };
    let running = app::start(&settings, example_flows(), db.store.clone(), options)
        .await
        .unwrap();
    let bot = Bot {
        fake: whatsapp,
        url: format!("http://{}/whatsapp/webhook", running.addr.unwrap()),
        running: Some(running),
        store: db.store.clone(),
        flows: example_flows(),
        clock,
        http: reqwest::Client::new(),
    };
    let citizen = "393331110015";
    bot.text(citizen, "wamid.OP-1", "/operatore").await;
    let conversation = bot.conversation(citizen).await;
    let case = tokio::time::timeout(WAIT, async {
        loop {
            if let Some(case) = bot.store.cases_of(conversation).await.unwrap().pop() {
                return case;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await
    .expect("a case is opened");
    assert_eq!(case.channel, "whatsapp");
    telegram.wait_text(GROUP, None, &case.label, WAIT).await;
    let topic = tokio::time::timeout(WAIT, async {
        loop {
            if let Some(topic) = telegram
                .topics()
                .iter()
                .find(|t| t.name.contains(&case.label))
            {
                return topic.thread;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await
    .expect("the case has a topic");

    // The office answers two days later: the citizen gets the template, the operator a note.
    bot.clock.advance(Duration::from_secs(48 * 60 * 60));
    bot.person_writes(
        conversation,
        "Buongiorno, la sua carta d'identità è pronta.",
    )
    .await;
    let held: String = bot
        .locale("whatsapp-operator-held")
        .chars()
        .take(40)
        .collect();
    telegram.wait_text(GROUP, Some(topic), &held, WAIT).await;
    let sent = bot.fake.sent_to(citizen);
    assert_eq!(sent.last().unwrap().kind(), "template", "{sent:#?}");
    bot.stop().await;
}

on_both_backends!(
    a_data_export_arrives_as_a_json_document_after_its_text,
    an_operator_is_told_in_the_topic_when_a_reply_waits_for_the_citizen,
    without_a_template_the_reply_is_held_and_the_operator_told_it_failed,
    a_rate_limited_template_is_retried_and_sent_once,
    a_signed_text_and_a_signed_button_reply_are_answered,
    forged_or_missing_signatures_are_refused_and_nothing_is_stored,
    the_same_delivery_twice_is_answered_once,
    four_and_eleven_choices_go_as_a_list_and_as_numbered_text,
    a_reply_after_25_hours_goes_as_the_template_then_arrives_when_the_citizen_writes,
    statuses_are_recorded_against_the_outbox_even_out_of_order,
    a_failed_status_fails_the_reply_with_its_error_code,
    a_burst_of_statuses_lands_each_on_its_own_reply,
    a_status_that_overtakes_the_answer_to_its_send_is_still_recorded,
    media_locations_and_unknown_types_get_a_polite_reply,
    rate_limits_and_server_errors_are_retried_until_delivered,
    a_closed_window_reported_by_whatsapp_holds_the_reply_too,
    a_new_citizen_gets_the_privacy_notice_once,
    an_image_is_uploaded_once_then_sent_by_media_id_and_uploaded_again_when_expired,
    an_image_whatsapp_refuses_arrives_as_its_text,
);

/// Asks a citizen's way to the waste-sorting calendar and returns what they got once its
/// text (after the image) arrived.
async fn ask_for_the_calendar(bot: &Bot, citizen: &str) -> Vec<Sent> {
    bot.text(
        citizen,
        &format!("wamid.IN-{citizen}"),
        "calendario raccolta",
    )
    .await;
    common::eventually("the calendar's text", WAIT, || async {
        let sent = bot.fake.sent_to(citizen);
        sent.iter()
            .any(|s| s.text().contains("Raccolta porta a porta"))
            .then_some(sent)
    })
    .await
}

fn images(sent: &[Sent]) -> Vec<&Sent> {
    sent.iter().filter(|s| s.kind() == "image").collect()
}

async fn an_image_is_uploaded_once_then_sent_by_media_id_and_uploaded_again_when_expired(
    db: &TestDb,
) {
    let bot = Bot::start(db).await;
    let png = std::fs::read(root().join("flows/media/raccolta-differenziata.png")).unwrap();
    let alt = bot.locale("rifiuti-calendario-immagine");

    let first = ask_for_the_calendar(&bot, "393330000101").await;
    let uploads = bot.fake.uploads();
    assert_eq!(uploads.len(), 1, "{uploads:#?}");
    assert_eq!(uploads[0].mime, "image/png");
    assert_eq!(uploads[0].bytes, png);
    let image = images(&first);
    assert_eq!(image.len(), 1, "{first:#?}");
    assert_eq!(image[0].body["image"]["id"], uploads[0].id.as_str());
    assert_eq!(image[0].body["image"]["caption"], alt.as_str());
    // The image comes first; the text keeps the options.
    let text_at = first
        .iter()
        .position(|s| s.text().contains("Raccolta porta a porta"));
    let image_at = first.iter().position(|s| s.kind() == "image");
    assert!(image_at < text_at, "{first:#?}");

    // Another citizen: the same media id, nothing uploaded.
    let second = ask_for_the_calendar(&bot, "393330000102").await;
    assert_eq!(bot.fake.uploads().len(), 1);
    assert_eq!(
        images(&second)[0].body["image"]["id"],
        uploads[0].id.as_str()
    );

    // WhatsApp no longer holds the upload: it goes up again, and the new id is kept.
    bot.fake.expire_media(&uploads[0].id);
    let third = ask_for_the_calendar(&bot, "393330000103").await;
    let uploads = bot.fake.uploads();
    assert_eq!(uploads.len(), 2, "{uploads:#?}");
    assert_eq!(
        images(&third)[0].body["image"]["id"],
        uploads[1].id.as_str()
    );
    let fourth = ask_for_the_calendar(&bot, "393330000104").await;
    assert_eq!(bot.fake.uploads().len(), 2);
    assert_eq!(
        images(&fourth)[0].body["image"]["id"],
        uploads[1].id.as_str()
    );
    bot.stop().await;
}

async fn an_image_whatsapp_refuses_arrives_as_its_text(db: &TestDb) {
    let bot = Bot::start(db).await;
    let alt = bot.locale("rifiuti-calendario-immagine");
    bot.fake.refuse_uploads();
    let sent = ask_for_the_calendar(&bot, "393330000201").await;
    assert!(images(&sent).is_empty(), "{sent:#?}");
    assert!(
        sent.iter()
            .any(|s| s.text() == format!("[Immagine: {alt}]")),
        "{sent:#?}"
    );
    assert!(bot.fake.uploads().is_empty());
    bot.stop().await;
}

/// A copy of the example flows and texts with one more flow: a step with four choices, one of
/// whose labels is longer than a list row shows, and a step with eleven choices.
fn flows_with_long_choices(dir: &std::path::Path) -> (PathBuf, PathBuf) {
    let copy = |from: &std::path::Path, to: &std::path::Path| {
        for entry in walk(from) {
            let target = to.join(entry.strip_prefix(from).unwrap());
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(&entry, &target).unwrap();
        }
    };
    let (flows, locales) = (dir.join("flows"), dir.join("locales"));
    copy(&root().join("flows"), &flows);
    copy(&root().join("locales"), &locales);
    let many: String = (1..=10)
        .map(|i| format!("      - {{ id: c{i}, label: prova-{i}, goto: lista }}\n"))
        .collect();
    std::fs::write(
        flows.join("prova.yaml"),
        format!(
            "# Cittadino: provalista\n# Sportello: Scelga. [quattro opzioni]\n\
             id: prova\ntitle: prova-title\ntriggers:\n  it: [provalista]\n  en: [testlist]\n\
             steps:\n  lista:\n    say: prova-lista\n    choices:\n\
             \x20     - {{ id: lunga, label: prova-lunga, goto: tante }}\n\
             \x20     - {{ id: b, label: prova-1, goto: tante }}\n\
             \x20     - {{ id: c, label: prova-2, goto: tante }}\n\
             \x20     - {{ label: common-main-menu, flow: menu }}\n\
             \x20 tante:\n    triggers:\n      it: [provatante]\n      en: [testmany]\n\
             \x20   say: prova-tante\n    choices:\n{many}\
             \x20     - {{ label: common-main-menu, flow: menu }}\n"
        ),
    )
    .unwrap();
    for lang in ["it", "en"] {
        let numbered: String = (1..=10)
            .map(|i| format!("prova-{i} = Voce {i}\n"))
            .collect();
        std::fs::write(
            locales.join(lang).join("prova.ftl"),
            format!(
                "prova-title = Prova\nprova-lista = Scelga una voce.\nprova-tante = Scelga tra molte voci.\n\
                 prova-lunga = Una voce dal titolo davvero lungo\n{numbered}"
            ),
        )
        .unwrap();
    }
    (flows, locales)
}

fn walk(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[tokio::test]
async fn the_flow_checker_warns_exactly_where_whatsapp_cuts_a_title_or_numbers_the_options() {
    let tmp = tempfile::tempdir().unwrap();
    let (flows_dir, locales_dir) = flows_with_long_choices(tmp.path());
    let (set, report) = FlowSet::load(&flows_dir, &locales_dir, sportello::channels::LIMITS);
    let set = set.unwrap_or_else(|| panic!("{report}"));
    let warnings: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| !d.is_error() && d.file.ends_with("prova.yaml"))
        .map(|d| d.to_string())
        .filter(|d| d.contains("WhatsApp"))
        .collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("step `tante` has 11 choices")),
        "{warnings:#?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("Una voce dal titolo davvero lungo") && w.contains("list row")),
        "{warnings:#?}"
    );

    let db = TestDb::sqlite().await;
    let fake = FakeWhatsApp::start().await;
    let flows = Live::new(set, &flows_dir, &locales_dir);
    fake.hide_texts(notices(&flows));
    let running = app::start(
        &settings(&fake, &[]),
        flows,
        db.store.clone(),
        app::StartOptions {
            dispatch: quick_dispatch(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let bot = Bot {
        fake,
        url: format!("http://{}/whatsapp/webhook", running.addr.unwrap()),
        running: Some(running),
        store: db.store.clone(),
        flows: example_flows(),
        clock: Arc::new(ManualClock::new(Utc::now())),
        http: reqwest::Client::new(),
    };
    let citizen = "393331110011";
    bot.text(citizen, "wamid.CHECK-1", "provalista").await;
    bot.text(citizen, "wamid.CHECK-2", "provatante").await;
    let sent = bot.fake.wait_sent(citizen, 2, WAIT).await;
    // Four choices: a list, the long title cut where the checker said.
    assert_eq!(sent[0].interactive_kind(), "list", "{:#?}", sent[0].body);
    assert_eq!(sent[0].options()[0].1, "Una voce dal titolo davv");
    assert_eq!(sent[0].options()[0].1.chars().count(), 24);
    // Eleven: numbered in the text, as the checker warned.
    assert_eq!(sent[1].kind(), "text", "{:#?}", sent[1].body);
    assert!(sent[1].text().contains("\n11. "), "{}", sent[1].text());
    bot.stop().await;
    db.close().await;
}

#[tokio::test]
async fn run_serves_telegram_and_whatsapp_side_by_side() {
    let db = TestDb::sqlite().await;
    let whatsapp = FakeWhatsApp::start().await;
    let telegram = fake_telegram::FakeTelegram::start().await;
    let telegram_url = telegram.url();
    let both = settings(
        &whatsapp,
        &[
            ("SPORTELLO_TELEGRAM_TOKEN", "123456:TEST"),
            ("SPORTELLO_TELEGRAM_API_URL", &telegram_url),
            ("SPORTELLO_TELEGRAM_RATE", "1000"),
            ("SPORTELLO_TELEGRAM_CHAT_RATE", "1000"),
        ],
    );
    let running = app::start(
        &both,
        example_flows(),
        db.store.clone(),
        app::StartOptions {
            dispatch: quick_dispatch(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let notice = notices(&example_flows());
    whatsapp.hide_texts(notice.clone());
    let bot = Bot {
        fake: whatsapp,
        url: format!("http://{}/whatsapp/webhook", running.addr.unwrap()),
        running: Some(running),
        store: db.store.clone(),
        flows: example_flows(),
        clock: Arc::new(ManualClock::new(Utc::now())),
        http: reqwest::Client::new(),
    };
    telegram.text(4242, "it", "grazie");
    bot.text("393331110012", "wamid.BOTH-1", "grazie").await;
    let on_telegram = telegram.wait_sent(4242, 1, WAIT).await;
    let on_whatsapp = bot.fake.wait_sent("393331110012", 1, WAIT).await;
    let thanks = bot.locale("menu-thanks");
    assert!(on_telegram[0].text.starts_with(&thanks[..20]));
    assert!(on_whatsapp[0].text().starts_with(&thanks[..20]));
    // Each reply went through its own channel only.
    let telegram_replies = telegram
        .sent()
        .into_iter()
        .filter(|s| !notice.contains(&s.text));
    assert_eq!(telegram_replies.count(), 1);
    assert_eq!(bot.fake.sent().len(), 1);
    bot.stop().await;
    db.close().await;
}
