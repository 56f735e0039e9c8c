//! Subscriptions and deadline reminders, driven as a citizen drives them: the real service
//! against a fake Bot API, on SQLite and PostgreSQL, with an injected clock so the reminders'
//! hour comes when the test says.

use crate::{common, fake_telegram};

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use common::TestDb;
use fake_telegram::{FakeTelegram, Fault, Sent};
use sportello::app::{self, Running};
use sportello::channels::{ChannelKind, ChannelUserId};
use sportello::clock::ManualClock;
use sportello::flows::FlowSet;
use sportello::flows::live::Live;
use sportello::i18n::Lang;
use sportello::store::{CitizenId, Store};

const WAIT: Duration = Duration::from_secs(20);
pub(crate) const ANNA: i64 = 2001;
pub(crate) const JOHN: i64 = 2002;
pub(crate) const CARLA: i64 = 2003;
const DINO: i64 = 2004;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Wednesday 25 November 2026, 16:30 in Rome: half an hour before the reminders' hour (17),
/// seven days before the third TARI instalment (2 December), the one reminder due that day.
pub(crate) fn before_the_hour() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 15, 30, 0).unwrap()
}

/// The same day, 17:05 in Rome.
fn after_the_hour() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 16, 5, 0).unwrap()
}

/// The service under test, with its fake Telegram and clock.
pub(crate) struct Service {
    pub(crate) fake: FakeTelegram,
    pub(crate) clock: Arc<ManualClock>,
    pub(crate) store: Store,
    pub(crate) flows: Arc<Live>,
    running: Option<Running>,
}

impl Service {
    pub(crate) async fn start(db: &TestDb, extra: &[(&str, &str)]) -> Service {
        let fake = FakeTelegram::start().await;
        let settings = common::telegram_settings(&fake.url(), &db.url, extra);
        let locales = root().join("locales");
        let dir = root().join("flows");
        let (set, report) = FlowSet::load(&dir, &locales, sportello::channels::LIMITS);
        let flows = Live::new(set.unwrap_or_else(|| panic!("{report}")), &dir, &locales);
        let clock = Arc::new(ManualClock::new(before_the_hour()));
        let running = app::start(
            &settings,
            flows.clone(),
            db.store.clone(),
            common::quick_start(clock.clone()),
        )
        .await
        .unwrap();
        Service {
            fake,
            clock,
            store: db.store.clone(),
            flows,
            running: Some(running),
        }
    }

    pub(crate) async fn stop(mut self) {
        self.running.take().unwrap().stop().await;
    }

    pub(crate) fn text(&self, lang: Lang, id: &str, args: &[(&str, &str)]) -> String {
        self.flows.get().locales.text(lang, id, args)
    }

    /// The words a text starts with, before its first variable.
    pub(crate) fn start_of(&self, lang: Lang, id: &str) -> String {
        let text = self.text(lang, id, &[]);
        text.split(['{', '\n']).next().unwrap().trim().to_string()
    }

    /// The citizen writes `text` and the answer containing `expect` arrives; returns it.
    pub(crate) async fn says(&self, chat: i64, lang: &str, text: &str, expect: &str) -> Sent {
        let before = self.fake.sent_to(chat).len();
        self.fake.text(chat, lang, text);
        self.answer_after(chat, before, expect).await
    }

    /// The citizen taps the button with `data` and the answer containing `expect` arrives.
    async fn taps(&self, chat: i64, lang: &str, data: &str, expect: &str) -> Sent {
        let before = self.fake.sent_to(chat).len();
        self.fake.tap(chat, lang, data);
        self.answer_after(chat, before, expect).await
    }

    async fn answer_after(&self, chat: i64, before: usize, expect: &str) -> Sent {
        common::eventually(&format!("an answer with {expect:?}"), WAIT, || async {
            self.fake
                .sent_to(chat)
                .into_iter()
                .skip(before)
                .find(|s| s.text.contains(expect))
        })
        .await
    }

    /// Turns `topic` on from the `/avvisi` screen, as a citizen does.
    pub(crate) async fn subscribe(&self, chat: i64, lang: Lang, topic: &str) {
        let command = match lang {
            Lang::It => "/avvisi",
            Lang::En => "/alerts",
        };
        let intro = self.start_of(lang, "avvisi-intro");
        self.says(chat, lang.code(), command, &intro).await;
        let on = self.start_of(lang, "avvisi-turned-on");
        self.taps(chat, lang.code(), &format!("avvisi/{topic}"), &on)
            .await;
    }

    pub(crate) async fn citizen(&self, chat: i64) -> CitizenId {
        self.store
            .citizen_status(ChannelKind::Telegram, &ChannelUserId::new(chat.to_string()))
            .await
            .unwrap()
            .expect("a known citizen")
            .citizen_id
    }

    async fn topics_of(&self, chat: i64) -> Vec<String> {
        let citizen = self.citizen(chat).await;
        let subscriptions = self.store.subscriptions(citizen).await.unwrap();
        subscriptions.into_iter().map(|s| s.topic).collect()
    }

    /// What the reminder of the third TARI instalment says to a citizen speaking `lang`.
    fn tari_reminder(&self, lang: Lang) -> String {
        self.tari_reminder_in(lang, 7)
    }

    /// The same, `days` before the instalment.
    fn tari_reminder_in(&self, lang: Lang, days: u32) -> String {
        let flows = self.flows.get();
        let deadline = flows
            .deadlines
            .iter()
            .find(|d| d.id == "tari-2026-rata-3")
            .unwrap();
        let title = flows.locales.text(lang, &deadline.title.text, &[]);
        let opening = self.start_of(lang, "avvisi-reminder-days");
        let reminder = self.text(
            lang,
            "avvisi-reminder-days",
            &[("title", &title), ("days", &days.to_string()), ("date", "")],
        );
        assert!(reminder.starts_with(&opening));
        // Up to the date, which the test does not spell out.
        reminder.trim_end_matches('.').to_string()
    }

    /// Messages of `chat` that are reminders, in any language.
    fn reminders_to(&self, chat: i64) -> Vec<Sent> {
        let footers = [Lang::It, Lang::En].map(|l| self.start_of(l, "avvisi-reminder-footer"));
        self.fake
            .sent_to(chat)
            .into_iter()
            .filter(|s| footers.iter().any(|f| s.text.contains(f.as_str())))
            .collect()
    }
}

/// The label of the button of `topic` on an `/avvisi` screen.
fn button(sent: &Sent, topic: &str) -> String {
    sent.buttons
        .iter()
        .find(|(_, data)| data == &format!("avvisi/{topic}"))
        .map(|(label, _)| label.clone())
        .unwrap_or_else(|| panic!("no button for {topic}: {:?}", sent.buttons))
}

impl Service {
    /// The label a topic's button has when the topic is on or off, in Italian.
    fn label(&self, topic: &str, on: bool) -> String {
        let flows = self.flows.get();
        let name = flows
            .topic(topic)
            .expect("a topic of the example")
            .label
            .text
            .clone();
        let name = self.text(Lang::It, &name, &[]);
        let id = if on {
            "avvisi-button-on"
        } else {
            "avvisi-button-off"
        };
        self.text(Lang::It, id, &[("topic", &name)])
    }
}

async fn subscribing_unsubscribing_and_stop(db: &TestDb) {
    let s = Service::start(db, &[]).await;
    let intro = s.start_of(Lang::It, "avvisi-intro");
    let screen = s.says(ANNA, "it", "/avvisi", &intro).await;
    let topics = s.flows.get().topics.len();
    assert_eq!(topics, 7, "the example Comune declares seven topics");
    // One toggle per topic and the way back to the menu; everything off to start with.
    assert_eq!(screen.buttons.len(), topics + 1);
    assert_eq!(button(&screen, "scadenze"), s.label("scadenze", false));
    assert!(s.topics_of(ANNA).await.is_empty());

    let turned_on = s.start_of(Lang::It, "avvisi-turned-on");
    let screen = s.taps(ANNA, "it", "avvisi/scadenze", &turned_on).await;
    assert_eq!(button(&screen, "scadenze"), s.label("scadenze", true));
    assert_eq!(button(&screen, "rifiuti"), s.label("rifiuti", false));
    // A number typed picks from the screen too.
    s.says(ANNA, "it", "2", &turned_on).await;
    assert_eq!(s.topics_of(ANNA).await, ["rifiuti", "scadenze"]);
    let citizen = s.citizen(ANNA).await;
    let stored = s.store.subscriptions(citizen).await.unwrap();
    let version = s.flows.get().alerts_consent_version.clone();
    assert!(stored.iter().all(|sub| sub.consent_version == version));
    assert!(
        stored
            .iter()
            .all(|sub| sub.consented_at == before_the_hour())
    );

    let turned_off = s.start_of(Lang::It, "avvisi-turned-off");
    let screen = s.taps(ANNA, "it", "avvisi/scadenze", &turned_off).await;
    assert_eq!(button(&screen, "scadenze"), s.label("scadenze", false));
    assert_eq!(s.topics_of(ANNA).await, ["rifiuti"]);

    // `/stop` turns everything off in one word, and no longer means `/annulla`.
    s.says(
        ANNA,
        "it",
        "/stop",
        &s.start_of(Lang::It, "avvisi-stop-done"),
    )
    .await;
    assert!(s.topics_of(ANNA).await.is_empty());
    s.says(
        ANNA,
        "it",
        "/stop",
        &s.start_of(Lang::It, "avvisi-stop-none"),
    )
    .await;
    s.stop().await;
}

async fn a_reminder_goes_at_the_local_hour_only_to_subscribers_in_their_language(db: &TestDb) {
    let s = Service::start(db, &[]).await;
    s.subscribe(ANNA, Lang::It, "scadenze").await;
    s.subscribe(JOHN, Lang::En, "scadenze").await;
    s.subscribe(CARLA, Lang::It, "bandi").await;
    s.says(DINO, "it", "/menu", "").await;
    // Before the hour, nothing: the job looks at the clock every 100 ms.
    tokio::time::sleep(Duration::from_millis(600)).await;
    for chat in [ANNA, JOHN, CARLA, DINO] {
        assert!(s.reminders_to(chat).is_empty(), "a reminder before 17:00");
    }

    s.clock.set(after_the_hour());
    let anna = s.answer_after(ANNA, 0, &s.tari_reminder(Lang::It)).await;
    let john = s.answer_after(JOHN, 0, &s.tari_reminder(Lang::En)).await;
    assert!(anna.text.contains("2 dicembre 2026"), "{}", anna.text);
    assert!(john.text.contains("https://www.comune.esempio.it/tari"));
    // Give the job time to send anything else it would.
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(s.reminders_to(ANNA).len(), 1);
    assert_eq!(s.reminders_to(JOHN).len(), 1);
    assert!(
        s.reminders_to(CARLA).is_empty(),
        "not subscribed to deadlines"
    );
    assert!(s.reminders_to(DINO).is_empty(), "not subscribed at all");
    s.stop().await;
}

async fn the_job_run_twice_and_in_two_processes_queues_each_reminder_once(db: &TestDb) {
    let s = Service::start(db, &[]).await;
    s.subscribe(ANNA, Lang::It, "scadenze").await;
    s.subscribe(JOHN, Lang::En, "scadenze").await;
    let other = db.second_store().await;
    let flows = s.flows.get();
    let at = after_the_hour();
    let (first, second) = tokio::join!(
        sportello::reminders::run(&s.store, &flows, at, 12),
        sportello::reminders::run(&other, &flows, at, 12),
    );
    let (first, second) = (first.unwrap(), second.unwrap());
    assert_eq!(first.queued + second.queued, 2, "{first:?} {second:?}");
    assert_eq!(first.already + second.already, 2, "{first:?} {second:?}");
    // And the service's own job, at the hour, finds them queued.
    s.clock.set(at);
    s.answer_after(ANNA, 0, &s.tari_reminder(Lang::It)).await;
    s.answer_after(JOHN, 0, &s.tari_reminder(Lang::En)).await;
    let again = sportello::reminders::run(&other, &flows, at, 12)
        .await
        .unwrap();
    assert_eq!((again.queued, again.already), (0, 2));
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(s.reminders_to(ANNA).len(), 1);
    assert_eq!(s.reminders_to(JOHN).len(), 1);
    other.close().await;
    s.stop().await;
}

/// The service was down all of the day of a reminder: back the next day, after the hour, it
/// sends it late, counting the days from then, and once; the next day nothing is caught up
/// again, and the day-before reminder goes on its own day.
async fn a_reminder_missed_while_the_service_was_down_goes_when_it_is_back(db: &TestDb) {
    // The job last ran on 24 November: a run keeps its lease to the end of its day (midnight
    // in Rome).
    let ran = after_the_hour() - chrono::Duration::days(1);
    let midnight = Utc.with_ymd_and_hms(2026, 11, 24, 23, 0, 0).unwrap();
    let rest = (midnight - ran).to_std().unwrap();
    assert!(
        db.store
            .take_lease("reminders", "before", ran, rest)
            .await
            .unwrap()
    );
    let s = Service::start(db, &[]).await;
    s.subscribe(ANNA, Lang::It, "scadenze").await;
    // Down on the 25th, the week-before reminder's day of the instalment of 2 December.
    let back = after_the_hour() + chrono::Duration::days(1);
    s.clock.set(back);
    s.answer_after(ANNA, 0, &s.tari_reminder_in(Lang::It, 6))
        .await;
    s.clock.set(back + chrono::Duration::days(1));
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(s.reminders_to(ANNA).len(), 1, "caught up once");
    s.clock
        .set(Utc.with_ymd_and_hms(2026, 12, 1, 16, 5, 0).unwrap());
    let tomorrow = s.start_of(Lang::It, "avvisi-reminder-tomorrow");
    common::eventually(
        "the day-before reminder",
        Duration::from_secs(20),
        || async { (s.reminders_to(ANNA).len() == 2).then_some(()) },
    )
    .await;
    assert!(s.reminders_to(ANNA)[1].text.starts_with(&tomorrow));
    s.stop().await;
}

/// Several processes on one database: a job's lease goes to one, is renewed by it, and passes
/// to another only once it has expired (a holder killed is replaced within the lease's time).
async fn a_job_s_lease_goes_to_one_process_and_passes_on_when_it_expires(db: &TestDb) {
    let a = db.store.clone();
    let b = db.second_store().await;
    let c = db.second_store().await;
    let t0 = after_the_hour();
    let minute = Duration::from_secs(60);
    let at = |secs: i64| t0 + chrono::Duration::seconds(secs);
    let (x, y, z) = tokio::join!(
        a.take_lease("reminders", "a", t0, minute),
        b.take_lease("reminders", "b", t0, minute),
        c.take_lease("reminders", "c", t0, minute),
    );
    let won = [x.unwrap(), y.unwrap(), z.unwrap()];
    assert_eq!(won.iter().filter(|w| **w).count(), 1, "one holder: {won:?}");
    let (holder, holder_store, other) = match won {
        [true, _, _] => ("a", &a, ("b", &b)),
        [_, true, _] => ("b", &b, ("c", &c)),
        _ => ("c", &c, ("a", &a)),
    };
    // Renewed by its holder, refused to the others until it expires.
    assert!(
        holder_store
            .take_lease("reminders", holder, at(30), minute)
            .await
            .unwrap()
    );
    assert!(
        !other
            .1
            .take_lease("reminders", other.0, at(61), minute)
            .await
            .unwrap()
    );
    assert_eq!(
        other.1.lease_until("reminders").await.unwrap(),
        Some(at(90)),
        "the renewal counts from when it was made"
    );
    // The holder stops renewing (killed): the next process takes over after the expiry.
    assert!(
        other
            .1
            .take_lease("reminders", other.0, at(90), minute)
            .await
            .unwrap()
    );
    assert!(
        !holder_store
            .take_lease("reminders", holder, at(91), minute)
            .await
            .unwrap()
    );
    // Another job's lease is its own.
    assert!(
        holder_store
            .take_lease("purge", holder, at(91), minute)
            .await
            .unwrap()
    );
    b.close().await;
    c.close().await;
}

async fn the_export_lists_subscriptions_and_erasure_deletes_them(db: &TestDb) {
    let s = Service::start(db, &[]).await;
    s.subscribe(ANNA, Lang::It, "allerte").await;
    s.fake.text(ANNA, "it", "/i_miei_dati");
    let document = s.fake.wait_documents(ANNA, 1, WAIT).await.remove(0);
    let export: serde_json::Value = serde_json::from_str(&document.content).unwrap();
    let subscriptions = export["subscriptions"].as_array().expect("subscriptions");
    assert_eq!(subscriptions.len(), 1);
    assert_eq!(subscriptions[0]["topic"], "allerte");
    assert_eq!(
        subscriptions[0]["consent_version"],
        s.flows.get().alerts_consent_version.as_str()
    );
    assert!(subscriptions[0]["consented_at"].is_string());
    // The readable text that comes with the file names them too.
    let readable = s.start_of(Lang::It, "common-export-subscriptions");
    let text = s.answer_after(ANNA, 0, &readable).await;
    assert!(
        text.text.contains("allerte (25/11/2026 16:30)"),
        "{}",
        text.text
    );

    let confirm = s.start_of(Lang::It, "common-erase-confirm");
    s.says(ANNA, "it", "/cancella_dati", &confirm).await;
    let done = s.start_of(Lang::It, "common-erase-done");
    s.says(ANNA, "it", "sì", &done).await;
    assert!(s.topics_of(ANNA).await.is_empty());
    s.stop().await;
}

async fn a_citizen_who_blocked_the_bot_is_unsubscribed(db: &TestDb) {
    let s = Service::start(db, &[]).await;
    s.subscribe(ANNA, Lang::It, "scadenze").await;
    s.subscribe(ANNA, Lang::It, "eventi").await;
    // Anna blocks the bot: Telegram refuses the reminder with 403.
    s.fake.fail("sendMessage", Fault::Blocked, 1);
    s.clock.set(after_the_hour());
    let citizen = s.citizen(ANNA).await;
    common::eventually("Anna unsubscribed", WAIT, || async {
        s.store
            .subscriptions(citizen)
            .await
            .unwrap()
            .is_empty()
            .then_some(())
    })
    .await;
    let status = s
        .store
        .citizen_status(ChannelKind::Telegram, &ChannelUserId::new(ANNA.to_string()))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(status.unreachable_reason.as_deref(), Some("blocked"));
    assert!(s.reminders_to(ANNA).is_empty());
    // Writing again makes her reachable; her topics stay off until she turns them on.
    s.says(ANNA, "it", "/avvisi", &s.start_of(Lang::It, "avvisi-intro"))
        .await;
    assert!(s.topics_of(ANNA).await.is_empty());
    s.stop().await;
}

async fn a_silent_citizen_s_subscriptions_end_with_a_notice(db: &TestDb) {
    let s = Service::start(db, &[("SPORTELLO_SUBSCRIPTION_INACTIVE_MONTHS", "1")]).await;
    s.subscribe(ANNA, Lang::It, "scadenze").await;
    s.subscribe(ANNA, Lang::It, "eventi").await;
    // The next day Anna is still within the month: nothing ends.
    s.clock.set(after_the_hour() + chrono::Duration::days(1));
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(s.topics_of(ANNA).await, ["eventi", "scadenze"]);
    // Sunday 10 January 2027, 17:05 in Rome: no reminder is due, and Anna has been silent for
    // more than a month.
    s.clock
        .set(Utc.with_ymd_and_hms(2027, 1, 10, 16, 5, 0).unwrap());
    let notice = s.start_of(Lang::It, "avvisi-ended-inactive");
    s.answer_after(ANNA, 0, &notice).await;
    assert!(s.topics_of(ANNA).await.is_empty());
    tokio::time::sleep(Duration::from_millis(600)).await;
    let notices = s.fake.sent_to(ANNA);
    assert_eq!(
        notices.iter().filter(|m| m.text.contains(&notice)).count(),
        1,
        "told once"
    );
    s.stop().await;
}

async fn the_purge_keeps_subscribers_and_their_next_reminder_opens_a_conversation(db: &TestDb) {
    let s = Service::start(db, &[]).await;
    s.subscribe(ANNA, Lang::It, "scadenze").await;
    s.clock.set(after_the_hour());
    s.answer_after(ANNA, 0, &s.tari_reminder(Lang::It)).await;
    // Long after Anna's last message: her conversation and the reminder's key expire, she and
    // her subscription stay.
    let later = after_the_hour() + chrono::Duration::days(120);
    let counts = s
        .store
        .purge(
            later,
            &sportello::store::Retention::default(),
            &Default::default(),
        )
        .await
        .unwrap();
    assert!(
        counts.conversations >= 1 && counts.reminders == 1,
        "{counts:?}"
    );
    assert_eq!(s.topics_of(ANNA).await, ["scadenze"]);
    let conversation = s
        .store
        .current_conversation(ChannelKind::Telegram, &ChannelUserId::new(ANNA.to_string()))
        .await
        .unwrap();
    assert!(conversation.is_none(), "the conversation was purged");
    // The day before the instalment, the next reminder opens a conversation of its own.
    let eve = Utc.with_ymd_and_hms(2026, 12, 1, 16, 5, 0).unwrap();
    let report = sportello::reminders::run(&s.store, &s.flows.get(), eve, 12)
        .await
        .unwrap();
    assert_eq!(report.queued, 1);
    let tomorrow = s.start_of(Lang::It, "avvisi-reminder-tomorrow");
    s.answer_after(ANNA, 0, &tomorrow).await;
    s.stop().await;
}

/// A deadline that names a topic `topics.yaml` does not define is refused with its line and
/// the closest topic; reminders without a topic are refused too.
#[test]
fn a_deadline_naming_an_unknown_topic_is_an_error_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&root().join("flows"), dir.path());
    let file = dir.path().join("deadlines.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let wrong = text.replacen("topic: scadenze", "topic: scadense", 1);
    let line = wrong
        .lines()
        .position(|l| l.contains("topic: scadense"))
        .unwrap()
        + 1;
    let wrong = wrong.replacen("    topic: bandi\n", "", 1);
    std::fs::write(&file, wrong).unwrap();
    let (set, report) = FlowSet::load(
        dir.path(),
        &root().join("locales"),
        sportello::channels::LIMITS,
    );
    assert!(set.is_none());
    let report = report.to_string();
    assert!(
        report.contains(&format!("deadlines.yaml:{line}:")) && report.contains("`scadense`"),
        "{report}"
    );
    assert!(report.contains("did you mean `scadenze`?"), "{report}");
    assert!(report.contains("has reminders but no topic"), "{report}");
}

/// `sportello reminders run`: what a cron job or an editor runs; the second run of the day
/// queues nothing.
#[test]
fn the_reminders_command_queues_the_day_s_reminders_once() {
    let db = tempfile::tempdir().unwrap();
    let run = |args: &[&str], stdin: &str| {
        use std::io::Write;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_sportello"))
            .args(args)
            .current_dir(root())
            .env_remove("SPORTELLO_CONFIG")
            .env(
                "SPORTELLO_DATABASE_URL",
                format!("sqlite://{}", db.path().join("s.db").display()),
            )
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut input = child.stdin.take().unwrap();
        input.write_all(stdin.as_bytes()).unwrap();
        drop(input);
        let out = child.wait_with_output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        (out.status.success(), text)
    };
    let (ok, chat) = run(&["chat", "--user", "anna"], "/avvisi\n1\n");
    assert!(ok && chat.contains("Ha attivato gli avvisi"), "{chat}");
    let at = ["reminders", "run", "--now", "2026-11-25T17:30:00+01:00"];
    let (ok, first) = run(&at, "");
    assert!(ok && first.contains("1 queued, 0 queued before"), "{first}");
    let (ok, second) = run(&at, "");
    assert!(
        ok && second.contains("0 queued, 1 queued before"),
        "{second}"
    );
    let (ok, wrong) = run(&["reminders", "run", "--now", "tomorrow"], "");
    assert!(!ok && wrong.contains("--now takes a time like"), "{wrong}");
}

on_both_backends!(
    the_purge_keeps_subscribers_and_their_next_reminder_opens_a_conversation,
    subscribing_unsubscribing_and_stop,
    a_reminder_goes_at_the_local_hour_only_to_subscribers_in_their_language,
    the_job_run_twice_and_in_two_processes_queues_each_reminder_once,
    a_job_s_lease_goes_to_one_process_and_passes_on_when_it_expires,
    a_reminder_missed_while_the_service_was_down_goes_when_it_is_back,
    the_export_lists_subscriptions_and_erasure_deletes_them,
    a_citizen_who_blocked_the_bot_is_unsubscribed,
    a_silent_citizen_s_subscriptions_end_with_a_notice,
);
