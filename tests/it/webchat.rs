//! The chat on the Comune's website over real HTTP: a citizen posts as the widget does and
//! reads the replies as server-sent events; a page that reconnects with its last event id gets
//! what followed, once, even after the service restarts; other sites are refused; the limits
//! answer politely and lose nothing; the export is a download for its citizen only; an
//! operator's reply in the Telegram group reaches the page live.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};
use sportello::app::{self, Running};
use sportello::clock::ManualClock;
use sportello::ids::{ChannelKind, ChannelUserId};
use std::sync::Arc;

use crate::common::{self, TestDb};
use crate::handoff::{Desk, WAIT, load_flows, root, topic_of, wednesday_morning};

/// The site allowed to carry the widget in these tests.
pub(crate) const SITE: &str = "http://comune.test";

/// The settings of a service with the web chat only, on `listen`, with `extra` on top.
fn web_settings(
    db: &TestDb,
    listen: &str,
    extra: &[(&str, &str)],
) -> sportello::settings::Settings {
    let vars = [
        ("SPORTELLO_DATABASE_URL", db.url.as_str()),
        ("SPORTELLO_LISTEN", "127.0.0.1:0"),
        ("SPORTELLO_ADMIN_LISTEN", "127.0.0.1:0"),
        ("SPORTELLO_WEBCHAT_LISTEN", listen),
        ("SPORTELLO_WEBCHAT_ORIGINS", SITE),
    ];
    let vars = vars.map(|(k, v)| (k.to_string(), v.to_string())).to_vec();
    common::settings_from(vars, extra)
}

/// A service with the web chat only.
pub(crate) struct WebDesk {
    pub(crate) running: Option<Running>,
    pub(crate) base: String,
}

impl WebDesk {
    pub(crate) async fn start(db: &TestDb, listen: &str, extra: &[(&str, &str)]) -> WebDesk {
        let settings = web_settings(db, listen, extra);
        let clock = Arc::new(ManualClock::new(wednesday_morning()));
        let flows = load_flows(&root().join("flows"));
        let running = app::start(
            &settings,
            flows,
            db.store.clone(),
            common::quick_start(clock),
        )
        .await
        .unwrap();
        let base = format!(
            "http://{}",
            running.webchat_addr.expect("the web chat listens")
        );
        WebDesk {
            running: Some(running),
            base,
        }
    }

    pub(crate) async fn stop(mut self) {
        self.running.take().unwrap().stop().await;
    }
}

/// One citizen's browser: an anonymous id and the page's origin.
pub(crate) struct Page {
    client: reqwest::Client,
    base: String,
    pub(crate) id: String,
    origin: String,
    sent: u32,
    /// What the reverse proxy would add as `X-Forwarded-For`.
    forwarded_for: Option<String>,
}

/// What the server answered a post.
pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) headers: reqwest::header::HeaderMap,
    pub(crate) body: Value,
}

impl Page {
    pub(crate) fn new(base: &str, id: &str) -> Page {
        Page {
            client: reqwest::Client::new(),
            base: base.to_string(),
            id: id.to_string(),
            origin: SITE.to_string(),
            sent: 0,
            forwarded_for: None,
        }
    }

    fn from(mut self, origin: &str) -> Page {
        self.origin = origin.to_string();
        self
    }

    /// Posts `body` as the widget does, with a new message id unless it has one.
    pub(crate) async fn post(&mut self, mut body: Value) -> Answer {
        if body.get("id").is_none() {
            self.sent += 1;
            body["id"] = format!("m{}", self.sent).into();
        }
        let mut request = self
            .client
            .post(format!("{}/webchat/messages?lang=it", self.base));
        if let Some(address) = &self.forwarded_for {
            request = request.header("x-forwarded-for", address);
        }
        let response = request
            .header("origin", &self.origin)
            .header("x-sportello-id", &self.id)
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.unwrap();
        Answer {
            status,
            headers,
            body: serde_json::from_str(&text).unwrap_or(Value::String(text)),
        }
    }

    pub(crate) async fn says(&mut self, text: &str) {
        let answer = self.post(json!({ "text": text })).await;
        assert_eq!(
            answer.status,
            StatusCode::ACCEPTED,
            "{text}: {}",
            answer.body
        );
    }

    /// Downloads the export kept as `key`; returns the status.
    pub(crate) async fn download(&self, key: &str) -> StatusCode {
        let response = self
            .client
            .get(format!("{}/webchat/download/{key}", self.base))
            .header("origin", &self.origin)
            .header("x-sportello-id", &self.id)
            .send()
            .await
            .unwrap();
        response.status()
    }

    /// Opens the stream of replies, after `last` when given.
    pub(crate) async fn stream(&self, last: Option<&str>) -> Events {
        let mut request = self
            .client
            .get(format!("{}/webchat/events", self.base))
            .header("origin", &self.origin)
            .header("x-sportello-id", &self.id);
        if let Some(last) = last {
            request = request.header("last-event-id", last);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        Events {
            response,
            buffer: String::new(),
        }
    }
}

/// A server-sent event.
#[derive(Debug, Clone)]
pub(crate) struct Sse {
    pub(crate) event: String,
    pub(crate) id: String,
    pub(crate) data: Value,
}

pub(crate) struct Events {
    response: reqwest::Response,
    buffer: String,
}

impl Events {
    /// The next event, or `None` if none comes within `wait`.
    pub(crate) async fn next(&mut self, wait: Duration) -> Option<Sse> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut sse = Sse {
                    event: "message".into(),
                    id: String::new(),
                    data: Value::Null,
                };
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("event:") {
                        sse.event = v.trim().into();
                    } else if let Some(v) = line.strip_prefix("id:") {
                        sse.id = v.trim().into();
                    } else if let Some(v) = line.strip_prefix("data:") {
                        sse.data = serde_json::from_str(v.trim()).unwrap();
                    }
                }
                if sse.data.is_null() && sse.id.is_empty() {
                    continue; // a keep-alive comment
                }
                return Some(sse);
            }
            let chunk = tokio::time::timeout_at(deadline, self.response.chunk()).await;
            match chunk {
                Ok(Ok(Some(bytes))) => self.buffer.push_str(&String::from_utf8_lossy(&bytes)),
                _ => return None,
            }
        }
    }

    /// The next reply: its event id and what it says.
    pub(crate) async fn reply(&mut self) -> Sse {
        loop {
            let sse = self.next(WAIT).await.expect("a reply within the wait");
            if sse.event == "reply" {
                return sse;
            }
        }
    }

    /// The ids of the replies that come until none comes for a second.
    pub(crate) async fn quiet(&mut self) -> Vec<String> {
        let mut ids = Vec::new();
        while let Some(sse) = self.next(Duration::from_secs(1)).await {
            if sse.event == "reply" {
                ids.push(sse.id);
            }
        }
        ids
    }

    /// Replies until one whose text contains `text`; returns them all.
    pub(crate) async fn until(&mut self, text: &str) -> Vec<Sse> {
        let mut seen = Vec::new();
        loop {
            let sse = self.reply().await;
            let found = sse.data["text"].as_str().unwrap().contains(text);
            seen.push(sse);
            if found {
                return seen;
            }
        }
    }
}

fn citizen(id: &str) -> ChannelUserId {
    ChannelUserId::new(id.to_string())
}

/// The web citizen `id`'s open conversation, if any.
async fn conversation_of(db: &TestDb, id: &str) -> Option<sportello::store::Conversation> {
    db.store
        .current_conversation(ChannelKind::Web, &citizen(id))
        .await
        .unwrap()
}

async fn a_citizen_of_the_website_asks_taps_a_choice_and_reads_the_replies_as_events(db: &TestDb) {
    let desk = WebDesk::start(db, "127.0.0.1:0", &[]).await;
    let mut page = Page::new(&desk.base, "citizen-0001-aaaaaaaa");
    let mut events = page.stream(None).await;
    let ready = events.next(WAIT).await.unwrap();
    assert_eq!((ready.event.as_str(), ready.id.as_str()), ("ready", "0-0"));

    page.says("Buongiorno, quanto costa la carta d'identità?")
        .await;
    let first = events.reply().await;
    assert!(
        first.data["text"].as_str().unwrap().contains("carta"),
        "{}",
        first.data
    );
    // The privacy notice comes with the first answer, as on every channel.
    let notice = events.until("/i_miei_dati").await;
    assert!(
        notice.last().unwrap().data["text"]
            .as_str()
            .unwrap()
            .contains("/privacy")
    );
    // An emergency is answered first, with its number, whatever the state.
    page.says("c'è un uomo a terra che non respira").await;
    events.until("112").await;
    // The menu of a flow comes with its choices: tap the first one that is not a link.
    page.says("/menu").await;
    let menu = loop {
        let reply = events.reply().await;
        if reply.data["choices"].as_array().unwrap().len() > 1 {
            break reply;
        }
    };
    let choice = menu.data["choices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["url"].is_null())
        .unwrap()
        .clone();
    let answer = page
        .post(json!({ "choice": choice["id"], "at": menu.data["at"] }))
        .await;
    assert_eq!(answer.status, StatusCode::ACCEPTED);
    let after = events.reply().await;
    assert_ne!(after.data["text"], menu.data["text"]);
    // Event ids follow the conversation's replies, in order.
    let order = |id: &str| {
        let (c, s) = id.split_once('-').unwrap();
        (c.parse::<i64>().unwrap(), s.parse::<i64>().unwrap())
    };
    assert!(order(&first.id) < order(&menu.id) && order(&menu.id) < order(&after.id));
    let conversation = conversation_of(db, &page.id)
        .await
        .expect("a conversation of the web channel");
    assert_eq!(conversation.conversation_id.0, order(&after.id).0);
    desk.stop().await;
}

async fn a_page_that_reconnects_with_its_last_event_id_gets_what_followed_once(db: &TestDb) {
    let desk = WebDesk::start(db, "127.0.0.1:0", &[]).await;
    let mut page = Page::new(&desk.base, "citizen-0002-bbbbbbbb");
    let mut events = page.stream(None).await;
    events.next(WAIT).await.unwrap();
    page.says("orari dell'anagrafe").await;
    let first = events.reply().await;
    drop(events);
    // While the page is away, two more questions are answered.
    page.says("/privacy").await;
    page.says("quando scade la tari?").await;
    let stored = |page_id: String| async move {
        let rows = db
            .store
            .web_replies_after(&citizen(&page_id), sportello::store::WebCursor::START, 100)
            .await
            .unwrap();
        rows.iter()
            .map(|r| format!("{}-{}", r.at.conversation_id, r.at.seq))
            .collect::<Vec<_>>()
    };
    // Once the dispatcher has delivered them all, every reply is there to be read.
    common::eventually("the replies to be delivered", WAIT, || async {
        let conversation = conversation_of(db, &page.id).await?;
        let rows = db
            .store
            .outbox_entries(conversation.conversation_id)
            .await
            .unwrap();
        let delivered = rows.iter().filter(|r| r.sent_at.is_some()).count();
        (rows.len() >= 4 && delivered == rows.len()).then_some(())
    })
    .await;
    let all = stored(page.id.clone()).await;
    let position = all.iter().position(|id| *id == first.id).unwrap();
    let missed: Vec<String> = all[position + 1..].to_vec();
    assert!(missed.len() >= 2, "{all:?}");

    let mut again = page.stream(Some(&first.id)).await;
    assert_eq!(again.next(WAIT).await.unwrap().event, "ready");
    let got = again.quiet().await;
    assert_eq!(got, missed, "what followed, once, in order");
    // The same message posted again (the widget retries with the same id) is handled once.
    let resent = page
        .post(json!({ "id": "m3", "text": "quando scade la tari?" }))
        .await;
    assert_eq!(resent.status, StatusCode::ACCEPTED);
    let extra = again.next(Duration::from_millis(800)).await;
    let now_all = stored(page.id.clone()).await;
    assert!(
        extra.is_none(),
        "{all:?} then {now_all:?}: {:?}",
        extra.map(|e| e.id)
    );
    assert_eq!(stored(page.id.clone()).await, all);
    // Resuming from the same point again gives the same replies, in the same order.
    let mut third = page.stream(Some(&first.id)).await;
    third.next(WAIT).await.unwrap();
    assert_eq!(third.quiet().await, missed);
    desk.stop().await;
}

async fn a_restart_mid_conversation_loses_nothing_and_doubles_nothing(db: &TestDb) {
    let listen = format!("127.0.0.1:{}", common::free_port());
    let desk = WebDesk::start(db, &listen, &[]).await;
    let mut page = Page::new(&desk.base, "citizen-0003-cccccccc");
    let mut events = page.stream(None).await;
    events.next(WAIT).await.unwrap();
    page.says("orari dell'anagrafe").await;
    let before = events.quiet().await;
    assert!(!before.is_empty());
    desk.stop().await;
    // The stream ends with the service.
    assert!(events.next(Duration::from_secs(5)).await.is_none());

    let desk = WebDesk::start(db, &listen, &[]).await;
    let mut page = Page::new(&desk.base, "citizen-0003-cccccccc");
    page.sent = 1;
    let mut events = page.stream(Some(before.last().unwrap())).await;
    events.next(WAIT).await.unwrap();
    page.says("/privacy").await;
    let after = events.reply().await;
    assert!(!before.contains(&after.id));
    assert!(!after.data["text"].as_str().unwrap().is_empty());
    let conversation = conversation_of(db, &page.id).await.unwrap();
    let outbox = db
        .store
        .outbox_entries(conversation.conversation_id)
        .await
        .unwrap();
    let mut seen = before.clone();
    seen.push(after.id.clone());
    while let Some(more) = events.next(Duration::from_millis(500)).await {
        seen.push(more.id);
    }
    assert_eq!(
        seen.len(),
        outbox.len(),
        "every reply once: {seen:?} for {} rows",
        outbox.len()
    );
    desk.stop().await;
}

async fn pages_of_other_sites_are_refused_and_the_allowed_one_is_let_in(db: &TestDb) {
    let desk = WebDesk::start(db, "127.0.0.1:0", &[]).await;
    let client = reqwest::Client::new();
    let script = client
        .get(format!("{}/webchat.js", desk.base))
        .send()
        .await
        .unwrap();
    assert_eq!(script.status(), StatusCode::OK);
    let csp = script.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains(&format!("frame-ancestors {SITE}")), "{csp}");
    let body = script.text().await.unwrap();
    assert!(body.contains("Scrivi al Comune") && body.contains("Write to the Comune"));
    assert!(!body.contains("/*CONFIG*/"), "the settings are filled in");
    // Under 30 kB even uncompressed (docs/benchmarks.md has the compressed size).
    assert!(body.len() < 30_000, "{} bytes", body.len());

    let mut evil = Page::new(&desk.base, "citizen-0004-dddddddd").from("http://elsewhere.test");
    let refused = evil.post(json!({ "text": "ciao" })).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(refused.headers.get("access-control-allow-origin").is_none());
    let stream = client
        .get(format!("{}/webchat/events", desk.base))
        .header("origin", "http://elsewhere.test")
        .header("x-sportello-id", "citizen-0004-dddddddd")
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), StatusCode::FORBIDDEN);
    let no_origin = client
        .post(format!("{}/webchat/messages", desk.base))
        .header("x-sportello-id", "citizen-0004-dddddddd")
        .body(r#"{"id":"m1","text":"ciao"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(no_origin.status(), StatusCode::FORBIDDEN);
    let nothing = conversation_of(db, "citizen-0004-dddddddd").await;
    assert!(nothing.is_none(), "nothing of a refused page is handled");

    let preflight = client
        .request(
            reqwest::Method::OPTIONS,
            format!("{}/webchat/messages", desk.base),
        )
        .header("origin", SITE)
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "content-type, x-sportello-id",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.status(), StatusCode::NO_CONTENT);
    assert_eq!(preflight.headers()["access-control-allow-origin"], SITE);
    let allowed = preflight.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap();
    assert!(allowed.contains("x-sportello-id") && allowed.contains("last-event-id"));
    let mut page = Page::new(&desk.base, "citizen-0004-dddddddd");
    let accepted = page.post(json!({ "text": "ciao" })).await;
    assert_eq!(accepted.status, StatusCode::ACCEPTED);
    assert_eq!(accepted.headers["access-control-allow-origin"], SITE);
    assert_eq!(accepted.headers["cache-control"], "no-store");
    desk.stop().await;
}

async fn the_limits_answer_politely_and_what_was_written_is_not_handled(db: &TestDb) {
    let limits = [
        ("SPORTELLO_WEBCHAT_ID_PER_MINUTE", "3"),
        ("SPORTELLO_WEBCHAT_IP_PER_MINUTE", "5"),
        ("SPORTELLO_WEBCHAT_MAX_CHARS", "50"),
    ];
    let desk = WebDesk::start(db, "127.0.0.1:0", &limits).await;
    let mut anna = Page::new(&desk.base, "citizen-0005-anna-aaaa");
    let mut bruno = Page::new(&desk.base, "citizen-0005-bruno-bbb");

    // Too long: refused before it is handled, with the limit in the citizen's language.
    let long = "a".repeat(51);
    let refused = anna.post(json!({ "text": long })).await;
    assert_eq!(refused.status, StatusCode::PAYLOAD_TOO_LARGE);
    let message = refused.body["message"].as_str().unwrap();
    assert!(
        message.contains("50") && message.contains("non è andato perso"),
        "{message}"
    );
    assert!(conversation_of(db, &anna.id).await.is_none());
    // Fifty characters are fine; a body that is not the widget's is refused clearly.
    anna.says(&"b".repeat(50)).await;
    let garbled = anna.post(json!({ "words": "ciao" })).await;
    assert_eq!(garbled.status, StatusCode::BAD_REQUEST);
    assert!(
        garbled.body["message"]
            .as_str()
            .unwrap()
            .contains("ricaricare")
    );
    // Anna has used three of her minute (the refusals count too): the next is refused.
    let slow = anna.post(json!({ "text": "ancora una domanda" })).await;
    assert_eq!(slow.status, StatusCode::TOO_MANY_REQUESTS, "{}", slow.body);
    assert!(slow.body["message"].as_str().unwrap().contains("Attenda"));
    let wait: u64 = slow.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=20).contains(&wait), "{wait}");
    // Bruno, at the same address, has the address's two left.
    bruno.says("orari dell'anagrafe").await;
    bruno.says("/privacy").await;
    let crowded = bruno.post(json!({ "text": "e la tari?" })).await;
    assert_eq!(crowded.status, StatusCode::TOO_MANY_REQUESTS);
    // Behind the local reverse proxy, each citizen's own address counts.
    let mut carla = Page::new(&desk.base, "citizen-0005-carla-ccc");
    carla.forwarded_for = Some("203.0.113.7".into());
    carla.says("orari dell'anagrafe").await;
    // A malformed id is refused before anything.
    let mut short = Page::new(&desk.base, "short");
    assert_eq!(
        short.post(json!({ "text": "ciao" })).await.status,
        StatusCode::BAD_REQUEST
    );
    let handled = conversation_of(db, &anna.id).await.unwrap();
    let lines = db.store.transcript(handled.conversation_id).await.unwrap();
    let inbound: Vec<_> = lines.iter().filter(|l| l.inbound).collect();
    assert_eq!(inbound.len(), 1, "only the accepted message was handled");
    desk.stop().await;
}

async fn the_data_export_is_a_download_for_its_citizen_only_and_erasure_works(db: &TestDb) {
    let desk = WebDesk::start(db, "127.0.0.1:0", &[]).await;
    let mut page = Page::new(&desk.base, "citizen-0006-eeeeeeee");
    let mut events = page.stream(None).await;
    events.next(WAIT).await.unwrap();
    page.says("orari dell'anagrafe").await;
    events.reply().await;
    page.says("/i_miei_dati").await;
    let export = loop {
        let reply = events.reply().await;
        if reply.data.get("download").is_some() {
            break reply;
        }
    };
    let key = export.data["download"]["key"].as_str().unwrap();
    let filename = export.data["download"]["filename"].as_str().unwrap();
    assert!(filename.ends_with(".json"), "{filename}");
    let client = reqwest::Client::new();
    let url = format!("{}/webchat/download/{key}", desk.base);
    let mine = client
        .get(&url)
        .header("origin", SITE)
        .header("x-sportello-id", &page.id)
        .send()
        .await
        .unwrap();
    assert_eq!(mine.status(), StatusCode::OK);
    assert!(
        mine.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains(filename)
    );
    let file: Value = serde_json::from_str(&mine.text().await.unwrap()).unwrap();
    assert!(file.to_string().contains("anagrafe"), "{file}");
    let theirs = Page::new(&desk.base, "citizen-0006-someone-else");
    assert_eq!(theirs.download(key).await, StatusCode::NOT_FOUND);
    // The outbox keeps no copy once delivered.
    let conversation = conversation_of(db, &page.id).await.unwrap();
    common::eventually("the outbox to forget the file", WAIT, || async {
        let rows = db
            .store
            .web_replies_after(&citizen(&page.id), sportello::store::WebCursor::START, 100)
            .await
            .unwrap();
        assert!(rows.iter().any(|row| row.sent_id.as_deref() == Some(key)));
        rows.iter()
            .all(|row| !row.payload.contains("\"attachment\""))
            .then_some(())
    })
    .await;

    page.says("/cancella_dati").await;
    events.reply().await;
    page.says("sì").await;
    let receipt = events.until("ricevuta").await;
    assert!(!receipt.is_empty());
    let transcript = db
        .store
        .transcript(conversation.conversation_id)
        .await
        .unwrap();
    assert!(transcript.is_empty(), "erased: {transcript:?}");
    desk.stop().await;
}

async fn a_web_citizen_reaches_the_operators_and_their_reply_arrives_live(db: &TestDb) {
    let flows = load_flows(&root().join("flows"));
    let vars = [
        ("SPORTELLO_WEBCHAT_LISTEN", "127.0.0.1:0"),
        ("SPORTELLO_WEBCHAT_ORIGINS", SITE),
    ];
    let desk = Desk::start_with(db, wednesday_morning(), flows, &vars).await;
    let base = format!(
        "http://{}",
        desk.running.as_ref().unwrap().webchat_addr.unwrap()
    );
    let mut page = Page::new(&base, "citizen-0007-ffffffff");
    let mut events = page.stream(None).await;
    events.next(WAIT).await.unwrap();
    page.says("/operatore").await;
    events.reply().await;
    let case = common::eventually("a case", WAIT, || async {
        let conversation = conversation_of(db, &page.id).await?;
        db.store
            .cases_of(conversation.conversation_id)
            .await
            .unwrap()
            .last()
            .cloned()
    })
    .await;
    let topic = topic_of(&desk, &case).await;
    // The operator answers once the case is announced in its topic.
    desk.topic_shows(topic, &format!("Nuova richiesta {}", case.label))
        .await;
    desk.operator_says(
        topic,
        "Buongiorno, sono Maria dell'URP: come posso aiutarla?",
    );
    events.until("sono Maria dell'URP").await;
    desk.operator_says(topic, "/chiudi");
    events.until(&desk.start_of("handoff-rate")).await;
    page.says("5").await;
    desk.case_until(case.case_id, |c| c.rating == Some(5)).await;
    desk.stop().await;
}

/// The web listener serves each topic's deadlines as a calendar file for the Comune's website,
/// to any page or calendar application; an unknown topic is not found.
async fn the_deadlines_of_a_topic_are_a_calendar_file_for_the_website(db: &TestDb) {
    let desk = WebDesk::start(db, "127.0.0.1:0", &[]).await;
    let client = reqwest::Client::new();
    let get = |path: &str| client.get(format!("{}{path}", desk.base)).send();
    let answer = get("/calendar/scadenze.ics").await.unwrap();
    assert_eq!(answer.status(), StatusCode::OK);
    assert_eq!(
        answer.headers()["content-type"],
        "text/calendar; charset=utf-8"
    );
    assert_eq!(answer.headers()["access-control-allow-origin"], "*");
    let body = answer.text().await.unwrap();
    assert!(body.starts_with("BEGIN:VCALENDAR\r\n"), "{body}");
    let unfolded = body.replace("\r\n ", "");
    assert!(
        unfolded.contains("TARI"),
        "the TARI instalments: {unfolded}"
    );
    assert!(
        !unfolded.contains("istruttori"),
        "a deadline of another topic: {unfolded}"
    );
    let english = get("/calendar/bandi.ics?lang=en").await.unwrap();
    assert_eq!(english.status(), StatusCode::OK);
    let english = english.text().await.unwrap().replace("\r\n ", "");
    assert!(english.contains("BEGIN:VEVENT"), "{english}");
    assert!(!english.contains("TARI"), "{english}");
    for missing in [
        "/calendar/nessuno.ics",
        "/calendar/scadenze",
        "/calendar/.ics",
    ] {
        assert_eq!(
            get(missing).await.unwrap().status(),
            StatusCode::NOT_FOUND,
            "{missing}"
        );
    }
    desk.stop().await;
}

on_both_backends!(
    the_deadlines_of_a_topic_are_a_calendar_file_for_the_website,
    a_citizen_of_the_website_asks_taps_a_choice_and_reads_the_replies_as_events,
    a_page_that_reconnects_with_its_last_event_id_gets_what_followed_once,
    a_restart_mid_conversation_loses_nothing_and_doubles_nothing,
    pages_of_other_sites_are_refused_and_the_allowed_one_is_let_in,
    the_limits_answer_politely_and_what_was_written_is_not_handled,
    the_data_export_is_a_download_for_its_citizen_only_and_erasure_works,
    a_web_citizen_reaches_the_operators_and_their_reply_arrives_live,
);
