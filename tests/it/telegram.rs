//! Sportello on Telegram, driven the way a citizen drives it: the real service against a fake
//! Bot API server on loopback.

use crate::fake_telegram;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use fake_telegram::{FakeTelegram, Fault};
use sportello::app::{self, Running};
use sportello::flows::FlowSet;
use sportello::flows::live::Live;
use sportello::metrics::Metrics;
use sportello::outbox::DispatcherConfig;
use sportello::settings::Settings;
use sportello::store::{self, Store};

const WAIT: Duration = Duration::from_secs(20);

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn example_flows() -> Arc<Live> {
    load_flows(&root().join("flows"), &root().join("locales"))
}

fn load_flows(flows: &Path, locales: &Path) -> Arc<Live> {
    let (set, report) = FlowSet::load(flows, locales, sportello::channels::LIMITS);
    Live::new(set.unwrap_or_else(|| panic!("{report}")), flows, locales)
}

/// A service under test: its fake Telegram, database and settings.
struct Bot {
    fake: FakeTelegram,
    running: Option<Running>,
    store: Store,
    db: tempfile::TempDir,
    flows: Arc<Live>,
    settings: Settings,
    dispatch: DispatcherConfig,
}

fn settings(fake: &FakeTelegram, db: &Path, extra: &[(&str, &str)]) -> Settings {
    let mut vars: Vec<(String, String)> = vec![
        ("SPORTELLO_TELEGRAM_TOKEN".into(), "123456:TEST".into()),
        ("SPORTELLO_TELEGRAM_API_URL".into(), fake.url()),
        (
            "SPORTELLO_DATABASE_URL".into(),
            format!("sqlite://{}", db.join("bot.db").display()),
        ),
        // Pacing is tested on its own; elsewhere it would only slow the tests down.
        ("SPORTELLO_TELEGRAM_RATE".into(), "1000".into()),
        ("SPORTELLO_TELEGRAM_CHAT_RATE".into(), "1000".into()),
        ("SPORTELLO_LISTEN".into(), "127.0.0.1:0".into()),
        ("SPORTELLO_ADMIN_LISTEN".into(), "127.0.0.1:0".into()),
    ];
    vars.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    Settings::from_sources(None, |k| {
        vars.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
    })
    .unwrap()
}

fn quick_dispatch() -> DispatcherConfig {
    DispatcherConfig {
        base_backoff: Duration::from_millis(200),
        send_timeout: Duration::from_secs(5),
        lease: Duration::from_secs(10),
        poll_interval: Duration::from_millis(200),
        ..DispatcherConfig::default()
    }
}

impl Bot {
    async fn start_with(flows: Arc<Live>, extra: &[(&str, &str)]) -> Bot {
        Bot::start_on(FakeTelegram::start().await, flows, extra).await
    }

    /// Starts on a fake that may already hold updates and faults.
    async fn start_on(fake: FakeTelegram, flows: Arc<Live>, extra: &[(&str, &str)]) -> Bot {
        let db = tempfile::tempdir().unwrap();
        let settings = settings(&fake, db.path(), extra);
        let store = store::connect(&settings.database_url).await.unwrap();
        store.migrate().await.unwrap();
        let dispatch = quick_dispatch();
        let running = app::start(
            &settings,
            flows.clone(),
            store.clone(),
            app::StartOptions {
                dispatch: dispatch.clone(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        Bot {
            fake,
            running: Some(running),
            store,
            db,
            flows,
            settings,
            dispatch,
        }
    }

    async fn start() -> Bot {
        Bot::start_with(example_flows(), &[]).await
    }

    async fn restart(&mut self) {
        self.running.take().unwrap().stop().await;
        self.running = Some(
            app::start(
                &self.settings,
                self.flows.clone(),
                self.store.clone(),
                app::StartOptions {
                    dispatch: self.dispatch.clone(),
                    ..Default::default()
                },
            )
            .await
            .unwrap(),
        );
    }

    async fn stop(mut self) {
        self.running.take().unwrap().stop().await;
        self.store.close().await;
        drop(self.db);
    }

    /// The running service's own metrics.
    fn metrics(&self) -> Arc<Metrics> {
        self.running.as_ref().unwrap().metrics().clone()
    }
}

/// Waits until `done` holds, for at most `WAIT`.
async fn until(what: &str, done: impl Fn() -> bool) {
    let deadline = tokio::time::Instant::now() + WAIT;
    while !done() {
        assert!(tokio::time::Instant::now() < deadline, "{what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

impl Bot {
    /// The short privacy notice in every language.
    fn notices(&self) -> Vec<String> {
        let flows = self.flows.get();
        sportello::i18n::Lang::ALL
            .iter()
            .map(|&lang| locale(&flows, lang, "common-privacy-short"))
            .collect()
    }

    /// What `chat` received but the short privacy notice, which a new citizen gets once after
    /// the first answer (tested on its own in `a_new_citizen_gets_the_short_privacy_notice_once`).
    fn replies(&self, chat: i64) -> Vec<fake_telegram::Sent> {
        let notices = self.notices();
        self.fake
            .sent_to(chat)
            .into_iter()
            .filter(|s| !notices.contains(&s.text))
            .collect()
    }

    /// Waits until `chat` received at least `n` replies besides the notice.
    async fn wait_replies(
        &self,
        chat: i64,
        n: usize,
        timeout: Duration,
    ) -> Vec<fake_telegram::Sent> {
        let deadline = std::time::Instant::now() + timeout;
        loop {
            let replies = self.replies(chat);
            if replies.len() >= n {
                return replies;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "{} of {n} replies reached chat {chat} in {timeout:?}: {replies:#?}",
                replies.len()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

/// The first answer opens with the greeting of the hour (these tests run on the wall clock).
fn greets(text: &str) -> bool {
    text.starts_with("Buongiorno.\nSono l'assistente")
        || text.starts_with("Buonasera.\nSono l'assistente")
}

fn locale(flows: &FlowSet, lang: sportello::i18n::Lang, id: &str) -> String {
    flows.locales.text(lang, id, &[])
}

#[tokio::test]
async fn a_citizen_starts_taps_buttons_and_every_tap_is_answered() {
    let bot = Bot::start().await;
    bot.fake.text(1001, "it", "/start");
    let menu = bot.wait_replies(1001, 1, WAIT).await;
    assert!(greets(&menu[0].text), "{}", menu[0].text);
    assert!(menu[0].buttons.len() >= 10, "{:?}", menu[0].buttons);
    assert!(menu[0].buttons.iter().all(|(_, data)| data.len() <= 64));
    let (_, tributi) = menu[0]
        .buttons
        .iter()
        .find(|(_, d)| d.ends_with("/tributi"))
        .expect("a Tributi button")
        .clone();
    bot.fake.tap(1001, "it", &tributi);
    let after = bot.wait_replies(1001, 2, WAIT).await;
    let tributi_start = locale(
        &bot.flows.get(),
        sportello::i18n::Lang::It,
        &bot.flows.get().flow("tributi").unwrap().steps[0].say.text,
    );
    assert!(
        after[1].text.starts_with(&tributi_start[..40]),
        "{}",
        after[1].text
    );
    // The spinning button is answered once the tap is stored.
    tokio::time::timeout(WAIT, async {
        while bot.fake.calls("answerCallbackQuery").is_empty() {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("the callback query is answered");
    // No parse mode: what the texts say arrives as written.
    assert!(
        bot.fake
            .calls("sendMessage")
            .iter()
            .all(|c| c.get("parse_mode").is_none())
    );
    bot.stop().await;
}

#[tokio::test]
async fn the_command_menu_is_registered_in_italian_and_english() {
    let bot = Bot::start().await;
    let calls = bot.fake.calls("setMyCommands");
    assert_eq!(calls.len(), 2, "{calls:#?}");
    let italian = calls
        .iter()
        .find(|c| c.get("language_code").is_none())
        .expect("a default (Italian) menu");
    let english = calls
        .iter()
        .find(|c| c["language_code"] == "en")
        .expect("an English menu");
    let names = |c: &serde_json::Value| -> Vec<String> {
        c["commands"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["command"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(names(italian).contains(&"operatore".to_string()));
    assert!(names(english).contains(&"operator".to_string()));
    bot.stop().await;
}

#[tokio::test]
async fn an_english_speaking_citizen_is_answered_in_english_and_free_text_is_understood() {
    let bot = Bot::start().await;
    bot.fake
        .text(1002, "en-GB", "when do I have to pay the waste tax?");
    let sent = bot.wait_replies(1002, 1, WAIT).await;
    let tari_en = locale(
        &bot.flows.get(),
        sportello::i18n::Lang::En,
        "tributi-tari-info",
    );
    // The first answer opens with the greeting of the hour (the wall clock's).
    let answer = sent[0].text.split_once('\n').map_or("", |(_, rest)| rest);
    assert!(answer.starts_with(&tari_en[..30]), "{}", sent[0].text);
    bot.stop().await;
}

#[tokio::test]
async fn a_photo_gets_a_polite_reply_about_what_the_bot_understands() {
    let bot = Bot::start().await;
    bot.fake.push(
        "message",
        serde_json::json!({
            "message_id": 7, "date": 1_700_000_000,
            "chat": { "id": 1003, "type": "private", "first_name": "Ada" },
            "from": { "id": 1003, "is_bot": false, "first_name": "Ada", "language_code": "it" },
            "photo": [{ "file_id": "x", "file_unique_id": "y", "width": 10, "height": 10 }],
        }),
    );
    let sent = bot.wait_replies(1003, 1, WAIT).await;
    assert_eq!(
        sent[0].text,
        locale(
            &bot.flows.get(),
            sportello::i18n::Lang::It,
            "common-unsupported-input"
        )
    );
    bot.stop().await;
}

#[tokio::test]
async fn messages_in_groups_are_ignored() {
    let bot = Bot::start().await;
    bot.fake.push(
        "message",
        serde_json::json!({
            "message_id": 8, "date": 1_700_000_000,
            "chat": { "id": -100123, "type": "supergroup", "title": "Quartiere" },
            "from": { "id": 1004, "is_bot": false, "first_name": "Ugo" },
            "text": "/start",
        }),
    );
    bot.fake.text(1004, "it", "/start");
    bot.wait_replies(1004, 1, WAIT).await;
    assert!(bot.replies(-100123).is_empty());
    bot.stop().await;
}

#[tokio::test]
async fn an_update_delivered_twice_is_answered_once() {
    let bot = Bot::start().await;
    let update = serde_json::json!({ "update_id": 5000, "message": {
        "message_id": 1, "date": 1_700_000_000,
        "chat": { "id": 1005, "type": "private", "first_name": "Eva" },
        "from": { "id": 1005, "is_bot": false, "first_name": "Eva", "language_code": "it" },
        "text": "/start" } });
    bot.fake.push_raw(update.clone());
    bot.fake.push_raw(update);
    bot.fake.text(1005, "it", "/aiuto");
    let sent = bot.wait_replies(1005, 2, WAIT).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(bot.replies(1005).len(), 2, "{sent:#?}");
    // And the notice of the first contact once.
    assert_eq!(bot.fake.sent_to(1005).len(), 3);
    bot.stop().await;
}

#[tokio::test]
async fn too_many_requests_waits_retry_after_and_the_reply_arrives_once() {
    let bot = Bot::start().await;
    bot.fake.fail("sendMessage", Fault::TooManyRequests(1), 1);
    let started = std::time::Instant::now();
    bot.fake.text(1006, "it", "/start");
    bot.wait_replies(1006, 1, WAIT).await;
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "retry_after was not honoured"
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(bot.replies(1006).len(), 1);
    bot.stop().await;
}

#[tokio::test]
async fn server_errors_and_slow_answers_are_retried_without_doubles() {
    let bot = Bot::start().await;
    bot.fake.fail("sendMessage", Fault::ServerError, 2);
    bot.fake.text(1007, "it", "/start");
    bot.wait_replies(1007, 1, Duration::from_secs(60)).await;
    bot.fake
        .fail("sendMessage", Fault::Slow(Duration::from_secs(2)), 1);
    bot.fake.text(1007, "it", "/aiuto");
    bot.wait_replies(1007, 2, WAIT).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(bot.replies(1007).len(), 2);
    bot.stop().await;
}

#[tokio::test]
async fn a_hung_poll_with_updates_waiting_costs_a_second_not_the_long_poll() {
    let fake = FakeTelegram::start().await;
    let citizens: Vec<i64> = (2001..=2250).collect();
    for &chat in &citizens {
        fake.text(chat, "it", "/start");
    }
    // The first poll answers (a full batch of 100); the second hangs for a minute.
    fake.fail("getUpdates", Fault::Slow(Duration::ZERO), 1);
    fake.fail("getUpdates", Fault::Timeout(Duration::from_secs(60)), 1);
    let bot = Bot::start_on(fake, example_flows(), &[]).await;
    let started = std::time::Instant::now();
    for &chat in &citizens {
        bot.wait_replies(chat, 1, Duration::from_secs(30)).await;
    }
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    let polls = bot.fake.calls("getUpdates");
    assert!(polls.len() >= 3, "{polls:?}");
    // The second asked not to wait: it was given up after a second, and the third, after a
    // failure, is a plain long poll again.
    assert_eq!(polls[1]["timeout"], 0);
    assert!(polls[2]["timeout"].as_u64().unwrap() > 0, "{polls:?}");
    bot.stop().await;
}

#[tokio::test]
async fn a_citizen_who_blocked_the_bot_is_not_retried() {
    let bot = Bot::start().await;
    bot.fake.fail("sendMessage", Fault::Blocked, 1);
    bot.fake.text(1008, "it", "/start");
    // Another citizen's reply passes: the dispatcher is not stuck.
    bot.fake.text(1009, "it", "/start");
    bot.wait_replies(1009, 1, WAIT).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let notices = bot.notices();
    let calls = bot.fake.calls("sendMessage");
    let to_blocked: Vec<&str> = calls
        .iter()
        .filter(|c| c["chat_id"] == 1008)
        .map(|c| c["text"].as_str().unwrap_or_default())
        .collect();
    let attempts = to_blocked
        .iter()
        .filter(|t| !notices.iter().any(|n| n == *t))
        .count();
    assert_eq!(attempts, 1, "a blocked citizen is tried once");
    assert!(
        to_blocked.len() <= 2,
        "each reply at most once: {to_blocked:#?}"
    );
    assert!(bot.replies(1008).is_empty());
    assert_eq!(bot.metrics().send_failures.get("blocked"), 1);
    bot.stop().await;
}

#[tokio::test]
async fn a_restart_in_the_middle_of_a_conversation_loses_and_doubles_nothing() {
    let mut bot = Bot::start().await;
    bot.fake.text(1010, "it", "/start");
    bot.wait_replies(1010, 1, WAIT).await;
    bot.restart().await;
    bot.fake.text(1010, "it", "2");
    let sent = bot.wait_replies(1010, 2, WAIT).await;
    assert!(
        sent[1]
            .buttons
            .iter()
            .any(|(_, d)| d.starts_with("tributi.")),
        "the conversation went on where it was: {:?}",
        sent[1]
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(bot.replies(1010).len(), 2);
    bot.stop().await;
}

/// A copy of the example flows with one text changed.
fn flows_with_text(id: &str, text: &str) -> (tempfile::TempDir, Arc<Live>) {
    let tmp = tempfile::tempdir().unwrap();
    for dir in ["flows", "flows/media", "locales/it", "locales/en"] {
        std::fs::create_dir_all(tmp.path().join(dir)).unwrap();
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_file() {
                std::fs::copy(entry.path(), tmp.path().join(dir).join(entry.file_name())).unwrap();
            }
        }
    }
    let ftl = tmp.path().join("locales/it/zz-test.ftl");
    let body: String = text.lines().map(|l| format!("    {l}\n")).collect();
    std::fs::write(&ftl, format!("{id} =\n{body}")).unwrap();
    // The copy overrides the original definition: remove that one.
    for file in std::fs::read_dir(tmp.path().join("locales/it")).unwrap() {
        let path = file.unwrap().path();
        if path != ftl {
            let content = std::fs::read_to_string(&path).unwrap();
            let kept = remove_message(&content, id);
            std::fs::write(&path, kept).unwrap();
        }
    }
    let set = load_flows(&tmp.path().join("flows"), &tmp.path().join("locales"));
    (tmp, set)
}

fn remove_message(ftl: &str, id: &str) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for line in ftl.lines() {
        if line.starts_with(&format!("{id} =")) {
            skipping = true;
            continue;
        }
        if skipping && (line.starts_with(' ') || line.is_empty()) {
            continue;
        }
        skipping = false;
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[tokio::test]
async fn a_long_answer_arrives_in_two_messages_split_at_a_paragraph() {
    let paragraph = "La TARI si paga in rate. ".repeat(40);
    let long = vec![paragraph.trim().to_string(); 4].join("\n\n");
    let (_tmp, flows) = flows_with_text("tributi-tari-info", &long);
    let bot = Bot::start_with(flows, &[]).await;
    bot.fake.text(1011, "it", "/start");
    bot.wait_replies(1011, 1, WAIT).await;
    bot.fake.text(1011, "it", "tari");
    let sent = bot.wait_replies(1011, 3, WAIT).await;
    assert!(sent[1].text.chars().count() <= 4096 && sent[2].text.chars().count() <= 4096);
    assert!(
        sent[1].buttons.is_empty(),
        "the options come with the last part"
    );
    assert!(!sent[2].buttons.is_empty());
    assert!(
        sent[1].text.ends_with('.'),
        "split at a paragraph: {}",
        &sent[1].text[sent[1].text.len() - 40..]
    );
    bot.stop().await;
}

#[tokio::test]
async fn special_characters_arrive_intact() {
    let tricky = "Costo: 5 * 2 = 10 _euro_ [vedi (sotto)] <importante> & altro";
    let (_tmp, flows) = flows_with_text("common-help", tricky);
    let bot = Bot::start_with(flows, &[]).await;
    bot.fake.text(1012, "it", "/aiuto");
    let sent = bot.wait_replies(1012, 1, WAIT).await;
    assert_eq!(sent[0].text, tricky);
    bot.stop().await;
}

async fn post_update(
    addr: std::net::SocketAddr,
    secret: Option<&str>,
    body: &serde_json::Value,
) -> u16 {
    let client = reqwest::Client::new();
    let mut request = client
        .post(format!("http://{addr}/telegram/webhook"))
        .json(body);
    if let Some(s) = secret {
        request = request.header("X-Telegram-Bot-Api-Secret-Token", s);
    }
    request.send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn a_webhook_with_a_wrong_secret_is_refused_and_nothing_is_processed() {
    let bot = Bot::start_with(
        example_flows(),
        &[
            (
                "SPORTELLO_TELEGRAM_WEBHOOK_URL",
                "https://sportello.comune.esempio.it/telegram/webhook",
            ),
            ("SPORTELLO_TELEGRAM_WEBHOOK_SECRET", "s3cret-token"),
        ],
    )
    .await;
    let addr = bot
        .running
        .as_ref()
        .unwrap()
        .addr
        .expect("the webhook server listens");
    let set = bot.fake.calls("setWebhook");
    assert_eq!(set.len(), 1);
    // teloxide sends setWebhook as a form: look for the secret in it.
    assert!(set[0].to_string().contains("s3cret-token"), "{}", set[0]);
    let update = |id: i64, text: &str| {
        serde_json::json!({ "update_id": id, "message": {
        "message_id": 1, "date": 1_700_000_000,
        "chat": { "id": 1013, "type": "private", "first_name": "Ivo" },
        "from": { "id": 1013, "is_bot": false, "first_name": "Ivo", "language_code": "it" },
        "text": text } })
    };
    assert_eq!(
        post_update(addr, Some("wrong"), &update(1, "/start")).await,
        401
    );
    assert_eq!(post_update(addr, None, &update(2, "/start")).await, 401);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(bot.replies(1013).is_empty());
    assert_eq!(
        bot.store.inbound_count().await.unwrap(),
        0,
        "nothing was stored"
    );
    assert_eq!(
        post_update(addr, Some("s3cret-token"), &update(3, "/start")).await,
        200
    );
    assert_eq!(
        bot.store.inbound_count().await.unwrap(),
        1,
        "stored before the 200"
    );
    bot.wait_replies(1013, 1, WAIT).await;
    // Garbage with the right secret is refused without harm.
    let client = reqwest::Client::new();
    let status = client
        .post(format!("http://{addr}/telegram/webhook"))
        .header("X-Telegram-Bot-Api-Secret-Token", "s3cret-token")
        .body(vec![0xff, 0xfe, b'{'])
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status.as_u16(), 400);
    assert!(
        bot.fake.calls("getUpdates").is_empty(),
        "no polling in webhook mode"
    );
    bot.stop().await;
}

#[tokio::test]
async fn an_edited_text_is_live_within_two_seconds_and_a_broken_edit_is_refused() {
    let (tmp, flows) = flows_with_text("common-help", "Prima versione dell'aiuto.");
    let bot = Bot::start_with(flows, &[]).await;
    bot.fake.text(1014, "it", "/aiuto");
    assert_eq!(
        bot.wait_replies(1014, 1, WAIT).await[0].text,
        "Prima versione dell'aiuto."
    );

    let ftl = tmp.path().join("locales/it/zz-test.ftl");
    std::fs::write(&ftl, "common-help = Seconda versione dell'aiuto.\n").unwrap();
    let edited = std::time::Instant::now();
    let mut n = 1;
    loop {
        bot.fake.text(1014, "it", "/aiuto");
        n += 1;
        let sent = bot.wait_replies(1014, n, WAIT).await;
        if sent[n - 1].text == "Seconda versione dell'aiuto." {
            break;
        }
        assert!(
            edited.elapsed() < Duration::from_secs(2),
            "the edit was not live within 2 seconds"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // A broken flow file: the running set keeps answering.
    std::fs::write(
        tmp.path().join("flows/tributi.yaml"),
        "id: tributi\nsteps: [unclosed\n",
    )
    .unwrap();
    tokio::time::sleep(Duration::from_millis(2500)).await;
    bot.fake.text(1014, "it", "/aiuto");
    let sent = bot.wait_replies(1014, n + 1, WAIT).await;
    assert_eq!(sent[n].text, "Seconda versione dell'aiuto.");
    assert!(bot.flows.get().flow("tributi").is_some());
    let metrics = bot.metrics();
    assert!(metrics.flow_reloads.get("replaced") >= 1);
    assert!(metrics.flow_reloads.get("refused") >= 1);
    bot.stop().await;
}

async fn get(addr: std::net::SocketAddr, path: &str) -> (u16, String) {
    let response = reqwest::get(format!("http://{addr}{path}")).await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

fn metric(text: &str, line_start: &str) -> u64 {
    text.lines()
        .find(|l| l.starts_with(line_start))
        .and_then(|l| l.rsplit(' ').next())
        .map_or(0, |v| v.parse().unwrap())
}

#[tokio::test]
async fn health_readiness_and_metrics_answer_and_follow_the_traffic() {
    let bot = Bot::start().await;
    let admin = bot.running.as_ref().unwrap().admin_addr;
    assert_eq!(get(admin, "/healthz").await.0, 200);
    assert_eq!(get(admin, "/readyz").await.0, 200);
    let (_, before) = get(admin, "/metrics").await;
    assert!(
        before.contains("# TYPE sportello_engine_step_seconds histogram"),
        "{before}"
    );
    assert!(before.contains("sportello_outbox_backlog "), "{before}");
    let handoffs_before = metric(&before, "sportello_handoffs_total{office=\"urp\"}");
    let steps_before = metric(&before, "sportello_engine_step_seconds_count");

    bot.fake.text(1015, "it", "/start");
    bot.fake.text(1015, "it", "/operatore");
    bot.wait_replies(1015, 2, WAIT).await;
    let (_, after) = get(admin, "/metrics").await;
    assert!(
        metric(&after, "sportello_engine_step_seconds_count") >= steps_before + 2,
        "{after}"
    );
    assert!(
        metric(&after, "sportello_handoffs_total{office=\"urp\"}") > handoffs_before,
        "{after}"
    );
    assert!(
        metric(&after, "sportello_replies_out_total{channel=\"telegram\"}") >= 2,
        "{after}"
    );
    assert!(metric(&after, "sportello_queue_waiting") >= 1, "{after}");
    // The page shows the service's own instance.
    let metrics = bot.metrics();
    assert_eq!(metrics.updates_in.get("telegram"), 2);
    assert_eq!(metrics.handoffs.get("urp"), 1);
    assert_eq!(
        metrics.replies_out.get("telegram"),
        metric(&after, "sportello_replies_out_total{channel=\"telegram\"}")
    );

    // Without its database the service is alive but not ready.
    bot.store.close().await;
    assert_eq!(get(admin, "/healthz").await.0, 200);
    assert_eq!(get(admin, "/readyz").await.0, 503);
    bot.stop().await;
}

#[tokio::test]
async fn a_new_citizen_gets_the_short_privacy_notice_once() {
    let bot = Bot::start().await;
    bot.fake.text(1020, "it", "/start");
    let first = bot.fake.wait_sent(1020, 2, WAIT).await;
    assert!(greets(&first[0].text), "{}", first[0].text);
    assert_eq!(first[1].text, bot.notices()[0]);
    bot.fake.text(1020, "it", "/aiuto");
    bot.fake.wait_sent(1020, 3, WAIT).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let all = bot.fake.sent_to(1020);
    assert_eq!(all.len(), 3, "{all:#?}");
    assert!(!bot.notices().contains(&all[2].text));
    // An English client gets it in English.
    bot.fake.text(1021, "en", "/start");
    let english = bot.fake.wait_sent(1021, 2, WAIT).await;
    assert_eq!(english[1].text, bot.notices()[1]);
    bot.stop().await;
}

#[tokio::test]
async fn my_data_arrives_as_readable_text_and_a_json_file_with_nothing_of_others() {
    let bot = Bot::start().await;
    bot.fake.text(1030, "it", "orari anagrafe");
    bot.fake.text(1031, "it", "la tari di un altro cittadino");
    bot.wait_replies(1030, 1, WAIT).await;
    bot.wait_replies(1031, 1, WAIT).await;
    bot.fake.text(1030, "it", "/i_miei_dati");
    let documents = bot.fake.wait_documents(1030, 1, WAIT).await;
    let file = &documents[0];
    assert_eq!(file.filename, "sportello-i-miei-dati.json");
    let json: serde_json::Value = serde_json::from_str(&file.content).unwrap();
    assert_eq!(json["citizen"][0]["channel_user_id"], "1030");
    let said: Vec<&str> = json["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["direction"] == "in")
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert_eq!(said, ["orari anagrafe", "/i_miei_dati"]);
    assert!(!file.content.contains("1031") && !file.content.contains("altro cittadino"));
    // The readable text came before the file, as messages.
    let readable = bot.replies(1030);
    let text = &readable.last().unwrap().text;
    assert!(text.contains("Lei: orari anagrafe"), "{text}");
    assert!(bot.fake.documents_to(1031).is_empty());
    // /my_data is in the English command menu, /i_miei_dati in the Italian one.
    let menus = bot.fake.calls("setMyCommands").to_vec();
    let all = serde_json::to_string(&menus).unwrap();
    assert!(
        all.contains("\"i_miei_dati\"") && all.contains("\"my_data\""),
        "{all}"
    );
    bot.stop().await;
}

#[tokio::test]
async fn the_calendar_command_sends_the_deadlines_as_a_calendar_file_with_reminders() {
    let bot = Bot::start().await;
    bot.fake.text(1032, "it", "/calendario");
    let documents = bot.fake.wait_documents(1032, 1, WAIT).await;
    let file = &documents[0];
    assert_eq!(file.filename, "scadenze-comune.ics");
    let ics = file.content.replace("\r\n ", "");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    assert!(
        ics.contains("X-WR-CALNAME:Scadenze del Comune di Esempio\r\n"),
        "{ics}"
    );
    let events = ics.matches("BEGIN:VEVENT").count();
    assert!(events >= 1, "{ics}");
    assert_eq!(ics.matches("BEGIN:VALARM").count(), 2 * events);
    assert!(ics.contains("DESCRIPTION:Scadenza del Comune: "), "{ics}");
    // The text that announces it counts the deadlines, and the menu is offered.
    let told = bot.replies(1032);
    let text = &told.last().unwrap().text;
    let counted = if events == 1 {
        "la prossima scadenza".to_string()
    } else {
        format!("le prossime {events} scadenze")
    };
    assert!(text.contains(&counted), "{text}");
    // In English, under its English name.
    bot.fake.text(1033, "en", "/calendar");
    let english = bot.fake.wait_documents(1033, 1, WAIT).await;
    assert_eq!(english[0].filename, "comune-deadlines.ics");
    assert!(
        english[0]
            .content
            .contains("Deadlines of the Comune di Esempio")
    );
    let menus = serde_json::to_string(&bot.fake.calls("setMyCommands").to_vec()).unwrap();
    assert!(
        menus.contains("\"calendario\"") && menus.contains("\"calendar\""),
        "{menus}"
    );
    bot.stop().await;
}

#[tokio::test]
async fn each_turn_is_counted_in_the_services_own_metrics() {
    let bot = Bot::start().await;
    let metrics = bot.metrics();
    bot.fake.text(1016, "it", "qwrtzx bnmvcl");
    bot.fake.text(1016, "it", "pec");
    bot.fake.tap(1016, "it", "urp.pec/fine");
    until("the conversation ends with the bot", || {
        metrics.solved_by_bot.get("telegram") == 1
    })
    .await;
    assert_eq!(metrics.updates_in.get("telegram"), 3);
    assert_eq!(metrics.not_understood.get("telegram"), 1);
    assert_eq!(metrics.handoffs.get("urp"), 0);
    let text = metrics.render(&Default::default());
    assert!(
        text.contains("\nsportello_engine_step_seconds_count 3\n"),
        "{text}"
    );
    bot.stop().await;
}

#[tokio::test]
async fn the_purge_at_start_counts_the_rows_it_deleted() {
    let mut bot = Bot::start().await;
    // Stopped, so that its own purge is not running while the old conversation is written.
    bot.running.take().unwrap().stop().await;
    let long_ago = chrono::Utc::now() - chrono::Duration::days(400);
    let old = crate::common::text_inbound(
        sportello::ids::ChannelKind::Telegram,
        "1017",
        "old-1",
        "ciao",
    );
    sportello::conversations::handle_with(&bot.store, old, long_ago, crate::common::echo)
        .await
        .unwrap();
    bot.running = Some(
        app::start(
            &bot.settings,
            bot.flows.clone(),
            bot.store.clone(),
            app::StartOptions::default(),
        )
        .await
        .unwrap(),
    );
    let metrics = bot.metrics();
    until("the old conversation is purged", || {
        metrics.purged_rows.get("conversations") == 1
    })
    .await;
    assert!(metrics.purged_rows.get("messages") >= 1);
    bot.stop().await;
}

/// The example's waste-sorting chart, as the flows hold it, and its Italian alternative text.
fn chart(bot: &Bot) -> (Vec<u8>, String) {
    let bytes = std::fs::read(root().join("flows/media/raccolta-differenziata.png")).unwrap();
    let flows = bot.flows.get();
    let alt = flows.locales.text(
        sportello::i18n::Lang::It,
        "rifiuti-calendario-immagine",
        &[],
    );
    (bytes, alt)
}

#[tokio::test]
async fn an_image_is_uploaded_once_and_then_sent_by_its_file_id_even_after_a_restart() {
    let mut bot = Bot::start().await;
    let (png, alt) = chart(&bot);
    bot.fake.text(7001, "it", "calendario raccolta");
    bot.fake
        .wait_text(7001, None, "Raccolta porta a porta", WAIT)
        .await;
    let first = bot.fake.photos_in(7001);
    assert_eq!(first.len(), 1, "{first:#?}");
    assert_eq!(first[0].upload.as_deref(), Some(png.as_slice()));
    assert_eq!(first[0].caption, alt);
    // The photo comes before the text, which keeps the options.
    let texts = bot.fake.sent_to(7001);
    assert!(
        texts.iter().all(|s| !s.text.contains("[Immagine")),
        "{texts:#?}"
    );
    assert!(!texts.last().unwrap().buttons.is_empty());

    bot.restart().await;
    bot.fake.text(7002, "it", "calendario raccolta");
    bot.fake
        .wait_text(7002, None, "Raccolta porta a porta", WAIT)
        .await;
    let second = bot.fake.photos_in(7002);
    assert_eq!(second.len(), 1, "{second:#?}");
    assert_eq!(second[0].upload, None, "sent by id, not uploaded again");
    assert_eq!(second[0].file_id, first[0].file_id);
    assert_eq!(second[0].caption, alt);
    bot.stop().await;
}

#[tokio::test]
async fn a_failed_upload_is_retried_an_expired_id_uploaded_again_and_a_refused_image_sent_as_text()
{
    let bot = Bot::start().await;
    let (_, alt) = chart(&bot);
    // The first upload fails on Telegram's side: the outbox tries again, in order.
    bot.fake.fail("sendPhoto", Fault::ServerError, 1);
    bot.fake.text(7101, "it", "calendario raccolta");
    bot.fake
        .wait_text(7101, None, "Raccolta porta a porta", WAIT)
        .await;
    let uploaded = bot.fake.photos_in(7101);
    assert_eq!(uploaded.len(), 1, "{uploaded:#?}");
    assert!(uploaded[0].upload.is_some());
    let expired = uploaded[0].file_id.clone();

    // Telegram no longer knows the id: the photo goes up again, under a new id.
    bot.fake.expire_file(&expired);
    bot.fake.text(7102, "it", "calendario raccolta");
    bot.fake
        .wait_text(7102, None, "Raccolta porta a porta", WAIT)
        .await;
    let again = bot.fake.photos_in(7102);
    assert_eq!(again.len(), 1, "{again:#?}");
    assert!(again[0].upload.is_some());
    assert_ne!(again[0].file_id, expired);

    // Telegram refuses the photo by id and by upload: the citizen reads it in words.
    bot.fake.fail("sendPhoto", Fault::PhotoRefused, 2);
    bot.fake.text(7103, "it", "calendario raccolta");
    let instead = bot.fake.wait_text(7103, None, "[Immagine: ", WAIT).await;
    assert_eq!(instead.text, format!("[Immagine: {alt}]"));
    bot.fake
        .wait_text(7103, None, "Raccolta porta a porta", WAIT)
        .await;
    assert!(bot.fake.photos_in(7103).is_empty());
    bot.stop().await;
}
