//! Human operators take over: the real service against a fake Bot API, with a citizen in a
//! private chat and operators in a forum supergroup, on SQLite and PostgreSQL. The clock is
//! injected, so office hours and reminders are tested at chosen times.

use crate::{common, fake_telegram};

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use common::TestDb;
use fake_telegram::FakeTelegram;
use sportello::app::{self, Running};
use sportello::channels::{ChannelKind, ChannelUserId};
use sportello::clock::ManualClock;
use sportello::flows::FlowSet;
use sportello::flows::live::Live;
use sportello::metrics::Metrics;
use sportello::store::{Case, CaseStatus, ConversationStatus, Store};

pub(crate) const WAIT: Duration = Duration::from_secs(20);
pub(crate) const GROUP: i64 = -1_001_234_567_890;
pub(crate) const CITIZEN: i64 = 1001;
pub(crate) const OPERATOR: i64 = 4242;

pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Wednesday 25 November 2026, 10:00 in Rome: every office is open.
pub(crate) fn wednesday_morning() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap()
}

/// Saturday 28 November 2026, 10:00 in Rome: every office is closed.
fn saturday_morning() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 9, 0, 0).unwrap()
}

pub(crate) fn load_flows(flows: &Path) -> Arc<Live> {
    let locales = root().join("locales");
    let (set, report) = FlowSet::load(flows, &locales, sportello::channels::LIMITS);
    Live::new(set.unwrap_or_else(|| panic!("{report}")), flows, &locales)
}

/// The example flows, with the URP's operators restricted to `OPERATOR`.
fn flows_with_listed_operator(dir: &Path) -> Arc<Live> {
    crate::common::copy_dir(&root().join("flows"), dir);
    let offices = std::fs::read_to_string(dir.join("offices.yaml")).unwrap();
    let restricted = offices.replacen("operators: []", &format!("operators: [{OPERATOR}]"), 1);
    assert_ne!(offices, restricted, "the URP lists its operators first");
    std::fs::write(dir.join("offices.yaml"), restricted).unwrap();
    load_flows(dir)
}

/// The service under test, with its fake Telegram and clock.
pub(crate) struct Desk {
    pub(crate) fake: FakeTelegram,
    pub(crate) clock: Arc<ManualClock>,
    pub(crate) store: Store,
    pub(crate) flows: Arc<Live>,
    pub(crate) running: Option<Running>,
}

impl Desk {
    /// The operator Maria writes in the case's topic.
    pub(crate) fn operator_says(&self, topic: i64, text: &str) {
        self.fake
            .group_text(GROUP, OPERATOR, "Maria", Some(topic), text);
    }

    /// Waits for a message of the bot in the case's topic that contains `text`.
    pub(crate) async fn topic_shows(&self, topic: i64, text: &str) {
        self.fake.wait_text(GROUP, Some(topic), text, WAIT).await;
    }

    async fn start(db: &TestDb, at: DateTime<Utc>) -> Desk {
        Desk::start_with(db, at, load_flows(&root().join("flows")), &[]).await
    }

    pub(crate) async fn start_with(
        db: &TestDb,
        at: DateTime<Utc>,
        flows: Arc<Live>,
        extra: &[(&str, &str)],
    ) -> Desk {
        let fake = FakeTelegram::start().await;
        let group = GROUP.to_string();
        let mut vars = vec![("SPORTELLO_OPERATORS_CHAT_ID", group.as_str())];
        vars.extend_from_slice(extra);
        let settings = common::telegram_settings(&fake.url(), &db.url, &vars);
        let clock = Arc::new(ManualClock::new(at));
        let options = common::quick_start(clock.clone());
        let running = app::start(&settings, flows.clone(), db.store.clone(), options)
            .await
            .unwrap();
        Desk {
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

    pub(crate) fn text(&self, id: &str) -> String {
        self.flows
            .get()
            .locales
            .text(sportello::i18n::Lang::It, id, &[])
    }

    /// The first line of a text, enough to recognise it whatever its variables.
    pub(crate) fn start_of(&self, id: &str) -> String {
        let text = self.text(id);
        text.split(['{', '\n']).next().unwrap().trim().to_string()
    }

    /// The citizen's open case, once the store has it.
    pub(crate) async fn case(&self) -> Case {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let conversation = self
                .store
                .current_conversation(
                    ChannelKind::Telegram,
                    &ChannelUserId::new(CITIZEN.to_string()),
                )
                .await
                .unwrap();
            if let Some(c) = conversation {
                let cases = self.store.cases_of(c.conversation_id).await.unwrap();
                if let Some(case) = cases.last() {
                    return case.clone();
                }
            }
            assert!(tokio::time::Instant::now() < deadline, "no case opened");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until the case satisfies `check`.
    pub(crate) async fn case_until(&self, case_id: i64, check: impl Fn(&Case) -> bool) -> Case {
        common::eventually("the case to get there", WAIT, || async {
            let case = self.store.case(case_id).await.unwrap().expect("the case");
            check(&case).then_some(case)
        })
        .await
    }

    /// The citizen asks for an operator; returns the case and its topic, once the summary
    /// is posted there.
    pub(crate) async fn hand_off(&self) -> (Case, i64) {
        self.hand_off_announced_as("Nuova richiesta").await
    }

    /// A hand-off whose topic opens with `heading` and the case number.
    pub(crate) async fn hand_off_announced_as(&self, heading: &str) -> (Case, i64) {
        self.fake.text(CITIZEN, "it", "/start");
        self.fake.wait_sent(CITIZEN, 1, WAIT).await;
        self.fake.text(CITIZEN, "it", "/operatore");
        let case = self.case().await;
        let topic = topic_of(self, &case).await;
        self.fake
            .wait_text(
                GROUP,
                Some(topic),
                &format!("{heading} {}", case.label),
                WAIT,
            )
            .await;
        (case, topic)
    }
}

pub(crate) async fn topic_of(desk: &Desk, case: &Case) -> i64 {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        if let Some(topic) = desk
            .fake
            .topics()
            .iter()
            .rev()
            .find(|t| t.name.contains(&case.label))
        {
            return topic.thread;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no topic for {}",
            case.label
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Lets the service run a little, for tests that check that nothing happens.
async fn settle() {
    tokio::time::sleep(Duration::from_millis(700)).await;
}

async fn a_hand_off_within_hours_goes_to_a_topic_and_back_to_the_bot(db: &TestDb) {
    let desk = Desk::start(db, wednesday_morning()).await;
    let (case, topic) = desk.hand_off().await;
    assert!(case.label.starts_with("URP-"), "{}", case.label);
    assert_eq!(case.office, "urp");

    // The citizen is told that an operator will answer, the case number and their place.
    desk.fake
        .wait_text(CITIZEN, None, &desk.start_of("common-handoff-open"), WAIT)
        .await;
    let notice = desk.fake.wait_text(CITIZEN, None, &case.label, WAIT).await;
    assert!(
        notice.text.contains("numero 1 in attesa"),
        "{}",
        notice.text
    );

    // The topic is named with the office and the case number only, and opens with the summary.
    let name = &desk.fake.topics()[0].name;
    assert!(name.contains("URP") && name.contains(&case.label), "{name}");
    let summary = desk
        .fake
        .wait_text(GROUP, Some(topic), "Nuova richiesta", WAIT)
        .await;
    for part in [
        "Lingua del cittadino: it",
        "Percorso: Menu principale",
        "nessun messaggio scritto",
    ] {
        assert!(summary.text.contains(part), "{part:?} in {}", summary.text);
    }
    // Announced in the General topic, since the URP is open.
    desk.fake
        .wait_text(
            GROUP,
            None,
            &format!("Nuova richiesta in attesa: {}", case.label),
            WAIT,
        )
        .await;

    // The operator's reply reaches the citizen, signed as the Comune.
    desk.operator_says(topic, "Buongiorno, come posso aiutarla?");
    let reply = desk
        .fake
        .wait_text(CITIZEN, None, "Buongiorno, come posso aiutarla?", WAIT)
        .await;
    assert!(reply.text.ends_with("Comune di Esempio"), "{}", reply.text);
    assert!(
        !reply.text.contains("Maria"),
        "no name unless the setting says so"
    );
    let case = desk
        .case_until(case.case_id, |c| c.operator_replies == 1)
        .await;
    assert_eq!(case.status, CaseStatus::Claimed);
    assert_eq!(case.claimed_by.as_deref(), Some("4242"));

    // The citizen's answer reaches the topic; the bot says nothing of its own.
    let before = desk.fake.sent_to(CITIZEN).len();
    desk.fake
        .text(CITIZEN, "it", "Vorrei sapere quanto pago di TARI");
    desk.fake
        .wait_text(
            GROUP,
            Some(topic),
            "Cittadino: Vorrei sapere quanto pago di TARI",
            WAIT,
        )
        .await;
    settle().await;
    assert_eq!(
        desk.fake.sent_to(CITIZEN).len(),
        before,
        "the bot stays silent"
    );
    let conversation = desk
        .store
        .conversation(case.conversation_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(conversation.status, ConversationStatus::WithOperator);

    // /chiudi: the citizen is back with the bot and asked for a rating.
    desk.fake
        .group_text(GROUP, OPERATOR, "Maria", Some(topic), "/chiudi");
    let rate = desk
        .fake
        .wait_text(CITIZEN, None, &desk.start_of("handoff-rate"), WAIT)
        .await;
    let labels: Vec<&str> = rate.buttons.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(labels, ["1", "2", "3", "4", "5"]);
    desk.fake
        .wait_text(
            GROUP,
            Some(topic),
            &format!("Richiesta {} chiusa da Maria", case.label),
            WAIT,
        )
        .await;
    let closed = desk
        .case_until(case.case_id, |c| c.status == CaseStatus::Closed)
        .await;
    assert!(!closed.unanswered);
    assert_eq!(closed.closed_by.as_deref(), Some("operator"));

    let (_, data) = rate.buttons[3].clone();
    desk.fake.tap(CITIZEN, "it", &data);
    desk.fake
        .wait_text(CITIZEN, None, &desk.start_of("handoff-rated"), WAIT)
        .await;
    desk.case_until(case.case_id, |c| c.rating == Some(4)).await;

    // The bot answers again.
    desk.fake.text(CITIZEN, "it", "/menu");
    desk.fake
        .wait_text(CITIZEN, None, &desk.start_of("menu-welcome"), WAIT)
        .await;
    let conversation = desk
        .store
        .conversation(case.conversation_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(conversation.status, ConversationStatus::Bot);

    // Every operator action is in the audit log, and the transcript keeps the operator's
    // words as an "operator" line.
    let transcript = desk.store.transcript(case.conversation_id).await.unwrap();
    assert!(
        transcript
            .iter()
            .any(|l| l.kind == "operator" && l.text.contains("come posso aiutarla"))
    );
    desk.stop().await;
}

async fn after_hours_a_request_is_registered_and_announced_at_the_opening(db: &TestDb) {
    let desk = Desk::start(db, saturday_morning()).await;
    let (case, topic) = desk.hand_off().await;
    let closed = desk
        .fake
        .wait_text(CITIZEN, None, &desk.start_of("common-handoff-closed"), WAIT)
        .await;
    assert!(
        closed
            .text
            .contains("lunedì 30 novembre 2026 alle ore 9:00"),
        "{}",
        closed.text
    );
    desk.fake.wait_text(CITIZEN, None, &case.label, WAIT).await;
    desk.topic_shows(topic, "Arrivata a ufficio chiuso").await;
    settle().await;
    assert!(
        desk.fake.sent_in(GROUP, None).is_empty(),
        "not announced while the office is closed"
    );
    assert!(
        desk.store
            .case(case.case_id)
            .await
            .unwrap()
            .unwrap()
            .announced_at
            .is_none()
    );

    // Monday, 9:05: the URP is open and the case is announced.
    desk.clock
        .set(Utc.with_ymd_and_hms(2026, 11, 30, 8, 5, 0).unwrap());
    desk.fake
        .wait_text(
            GROUP,
            None,
            &format!("Nuova richiesta in attesa: {}", case.label),
            WAIT,
        )
        .await;
    let case = desk
        .case_until(case.case_id, |c| c.announced_at.is_some())
        .await;
    assert_eq!(case.announcements, 1);
    desk.stop().await;
}

async fn an_unclaimed_case_is_announced_again_and_a_claimed_one_is_not(db: &TestDb) {
    let desk = Desk::start(db, wednesday_morning()).await;
    let (case, topic) = desk.hand_off().await;
    desk.fake
        .wait_text(
            GROUP,
            None,
            &format!("Nuova richiesta in attesa: {}", case.label),
            WAIT,
        )
        .await;
    desk.case_until(case.case_id, |c| c.announced_at.is_some())
        .await;

    // 20 minutes: within the URP's 30, nothing more.
    desk.clock.advance(Duration::from_secs(20 * 60));
    settle().await;
    assert!(
        desk.fake
            .sent_in(GROUP, None)
            .iter()
            .all(|s| !s.text.starts_with("Promemoria"))
    );

    // 31 minutes: announced again.
    desk.clock.advance(Duration::from_secs(11 * 60));
    let reminder = desk.fake.wait_text(GROUP, None, "Promemoria", WAIT).await;
    assert!(reminder.text.contains(&case.label), "{}", reminder.text);
    desk.case_until(case.case_id, |c| c.announcements == 2)
        .await;

    // Claimed: no more reminders.
    desk.fake
        .group_text(GROUP, OPERATOR, "Maria", Some(topic), "/prendo");
    desk.topic_shows(topic, "presa in carico da Maria").await;
    desk.case_until(case.case_id, |c| c.status == CaseStatus::Claimed)
        .await;
    desk.clock.advance(Duration::from_secs(60 * 60));
    settle().await;
    let reminders = desk
        .fake
        .sent_in(GROUP, None)
        .iter()
        .filter(|s| s.text.starts_with("Promemoria"))
        .count();
    assert_eq!(reminders, 1);
    desk.stop().await;
}

async fn a_case_is_transferred_to_another_office(db: &TestDb) {
    let desk = Desk::start(db, wednesday_morning()).await;
    let (case, topic) = desk.hand_off().await;
    desk.operator_says(topic, "/trasferisci ufficio-che-non-esiste");
    desk.topic_shows(topic, "Non conosco l'ufficio").await;
    desk.operator_says(topic, "/trasferisci tributi");
    desk.fake
        .wait_text(CITIZEN, None, "Ufficio Tributi", WAIT)
        .await;
    desk.fake
        .wait_text(
            GROUP,
            Some(topic),
            "trasferita a Ufficio Tributi da Maria",
            WAIT,
        )
        .await;
    let moved = desk
        .case_until(case.case_id, |c| c.office == "tributi")
        .await;
    assert_eq!(moved.status, CaseStatus::Waiting);
    // Announced to the new office.
    desk.fake
        .wait_text(
            GROUP,
            None,
            &format!("{}, Ufficio Tributi", case.label),
            WAIT,
        )
        .await;
    let conversation = desk
        .store
        .conversation(case.conversation_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(conversation.office.as_deref(), Some("tributi"));
    // The citizen is still with the operators: their messages go to the same topic.
    desk.fake.text(CITIZEN, "it", "Grazie, attendo");
    desk.topic_shows(topic, "Cittadino: Grazie, attendo").await;
    desk.stop().await;
}

async fn only_listed_operators_act_and_their_actions_are_audited(db: &TestDb) {
    let dir = tempfile::tempdir().unwrap();
    let flows = flows_with_listed_operator(dir.path());
    let desk = Desk::start_with(
        db,
        wednesday_morning(),
        flows,
        &[("SPORTELLO_OPERATORS_SIGN_WITH_NAME", "true")],
    )
    .await;
    let (case, topic) = desk.hand_off().await;
    desk.fake.wait_text(CITIZEN, None, &case.label, WAIT).await;
    desk.fake
        .group_text(GROUP, 777, "Estraneo", Some(topic), "Messaggio da ignorare");
    desk.fake
        .group_text(GROUP, 777, "Estraneo", None, "Buongiorno a tutti");
    settle().await;
    desk.fake
        .group_text(GROUP, OPERATOR, "Maria", Some(topic), "Le rispondo io");
    let reply = desk
        .fake
        .wait_text(CITIZEN, None, "Le rispondo io", WAIT)
        .await;
    assert!(
        reply.text.ends_with("Maria, Comune di Esempio"),
        "{}",
        reply.text
    );
    let sent = desk.fake.sent_to(CITIZEN);
    assert!(sent.iter().all(|s| !s.text.contains("ignorare")));
    assert_eq!(
        sent.iter()
            .filter(|s| s.text.contains("Le rispondo io"))
            .count(),
        1,
        "the listed operator's reply, once"
    );
    let case = desk
        .case_until(case.case_id, |c| c.operator_replies == 1)
        .await;
    assert_eq!(case.claimed_by.as_deref(), Some("4242"));
    desk.fake
        .group_text(GROUP, OPERATOR, "Maria", Some(topic), "/chiudi");
    desk.case_until(case.case_id, |c| c.status == CaseStatus::Closed)
        .await;
    // The operator's actions are audited, with who acted and no message content; the
    // stranger's messages left no trace.
    for event in ["operator_replied", "operator_closed"] {
        let rows = desk.store.audit_events(event).await.unwrap();
        assert_eq!(rows.len(), 1, "{event}: {rows:?}");
        assert!(rows[0].0.contains("\"operator\":\"4242\""), "{rows:?}");
        assert!(!rows[0].0.contains("rispondo"), "{rows:?}");
    }
    desk.stop().await;
}

async fn operators_commands_notes_ready_replies_and_the_queue(db: &TestDb) {
    let desk = Desk::start(db, wednesday_morning()).await;
    let (case, topic) = desk.hand_off().await;
    desk.fake.wait_text(CITIZEN, None, &case.label, WAIT).await;
    let before = desk.fake.sent_to(CITIZEN).len();

    desk.operator_says(topic, "/nota richiamare il cittadino domani");
    desk.topic_shows(topic, "Nota interna registrata").await;
    desk.fake
        .group_text(GROUP, OPERATOR, "Maria", Some(topic), "/risposte");
    let list = desk
        .fake
        .wait_text(GROUP, Some(topic), "Risposte pronte", WAIT)
        .await;
    assert!(list.text.contains("orari:"), "{}", list.text);
    desk.fake
        .group_text(GROUP, OPERATOR, "Maria", None, "/coda");
    let queue = desk
        .fake
        .wait_text(GROUP, None, "Richieste aperte per ufficio", WAIT)
        .await;
    assert!(
        queue
            .text
            .contains("Ufficio Relazioni con il Pubblico (URP): 1 in attesa"),
        "{}",
        queue.text
    );
    settle().await;
    assert_eq!(
        desk.fake.sent_to(CITIZEN).len(),
        before,
        "notes and lists stay with the operators"
    );

    desk.fake
        .group_text(GROUP, OPERATOR, "Maria", Some(topic), "/risposte orari");
    desk.fake
        .wait_text(CITIZEN, None, "https://www.comune.esempio.it/orari", WAIT)
        .await;
    let transcript = desk.store.transcript(case.conversation_id).await.unwrap();
    assert!(
        transcript
            .iter()
            .any(|l| l.kind == "note" && l.text.contains("richiamare"))
    );
    desk.stop().await;
}

async fn a_case_closed_without_a_reply_is_flagged(db: &TestDb) {
    let desk = Desk::start(db, wednesday_morning()).await;
    let (case, topic) = desk.hand_off().await;
    desk.fake
        .group_text(GROUP, OPERATOR, "Maria", Some(topic), "/chiudi");
    desk.fake
        .wait_text(
            GROUP,
            None,
            &format!(
                "Attenzione: la richiesta {} è stata chiusa senza alcuna risposta",
                case.label
            ),
            WAIT,
        )
        .await;
    let closed = desk
        .case_until(case.case_id, |c| c.status == CaseStatus::Closed)
        .await;
    assert!(closed.unanswered);
    desk.fake
        .wait_text(CITIZEN, None, &desk.start_of("handoff-handed-back"), WAIT)
        .await;
    settle().await;
    assert_eq!(
        count_sent(&desk, "handoff-rate"),
        0,
        "nobody rates help they never received"
    );
    // Written in the topic after closing: not sent.
    let before = desk.fake.sent_to(CITIZEN).len();
    desk.fake
        .group_text(GROUP, OPERATOR, "Maria", Some(topic), "Ancora una cosa");
    desk.topic_shows(topic, "è chiusa").await;
    assert_eq!(desk.fake.sent_to(CITIZEN).len(), before);
    desk.stop().await;
}

async fn the_bot_is_silent_with_an_operator_but_answers_emergencies_and_annulla(db: &TestDb) {
    let desk = Desk::start(db, wednesday_morning()).await;
    let (case, topic) = desk.hand_off().await;
    desk.fake.wait_text(CITIZEN, None, &case.label, WAIT).await;
    let before = desk.fake.sent_to(CITIZEN).len();
    desk.fake
        .text(CITIZEN, "it", "ho una domanda sulla carta d'identità");
    desk.fake
        .wait_text(
            GROUP,
            Some(topic),
            "Cittadino: ho una domanda sulla carta",
            WAIT,
        )
        .await;
    settle().await;
    assert_eq!(
        desk.fake.sent_to(CITIZEN).len(),
        before,
        "no answer of the bot's own"
    );

    // An emergency is answered at once, and the operators are alerted: flagged in the
    // case's topic and in the General topic.
    desk.fake.text(CITIZEN, "it", "sento odore di fuga di gas");
    desk.fake.wait_text(CITIZEN, None, "112", WAIT).await;
    desk.fake
        .wait_text(
            GROUP,
            Some(topic),
            "Attenzione, possibile emergenza. Il cittadino ha scritto: sento odore di fuga di gas",
            WAIT,
        )
        .await;
    desk.fake
        .wait_text(
            GROUP,
            None,
            &format!(
                "Attenzione, possibile emergenza nella richiesta {}",
                case.label
            ),
            WAIT,
        )
        .await;
    // /emergenza too.
    desk.fake.text(CITIZEN, "it", "/emergenza");
    desk.fake
        .wait_text(
            GROUP,
            Some(topic),
            "Attenzione, possibile emergenza. Il cittadino ha scritto: /emergenza",
            WAIT,
        )
        .await;

    desk.fake.text(CITIZEN, "it", "/annulla");
    desk.fake
        .wait_text(
            CITIZEN,
            None,
            &desk.start_of("common-handoff-cancelled"),
            WAIT,
        )
        .await;
    desk.topic_shows(topic, "ha annullato la richiesta").await;
    let closed = desk
        .case_until(case.case_id, |c| c.status == CaseStatus::Closed)
        .await;
    assert_eq!(closed.closed_by.as_deref(), Some("citizen"));
    desk.stop().await;
}

async fn a_deleted_topic_is_created_again(db: &TestDb) {
    let desk = Desk::start(db, wednesday_morning()).await;
    let (case, topic) = desk.hand_off().await;
    desk.fake.delete_topic(topic);
    desk.fake.text(CITIZEN, "it", "Ci siete?");
    let new_topic = common::eventually("a new topic for the case", WAIT, || async {
        desk.fake
            .topics()
            .iter()
            .find(|t| t.thread != topic && t.name.contains(&case.label))
            .map(|t| t.thread)
    })
    .await;
    desk.topic_shows(new_topic, "non è più disponibile").await;
    desk.topic_shows(new_topic, "Cittadino: Ci siete?").await;
    let moved = desk
        .case_until(case.case_id, |c| {
            c.topic_id.as_deref() == Some(&new_topic.to_string())
        })
        .await;
    assert_eq!(moved.status, CaseStatus::Waiting);
    // The operators answer from the new topic.
    desk.fake
        .group_text(GROUP, OPERATOR, "Maria", Some(new_topic), "Sì, eccoci");
    desk.fake.wait_text(CITIZEN, None, "Sì, eccoci", WAIT).await;
    desk.stop().await;
}

async fn an_operator_update_delivered_twice_is_sent_once(db: &TestDb) {
    let desk = Desk::start(db, wednesday_morning()).await;
    let (_case, topic) = desk.hand_off().await;
    let id = desk
        .fake
        .group_text(GROUP, OPERATOR, "Maria", Some(topic), "Risposta unica");
    desk.fake
        .wait_text(CITIZEN, None, "Risposta unica", WAIT)
        .await;
    desk.fake.push_raw(serde_json::json!({
        "update_id": id,
        "message": {
            "message_id": 1, "date": 1_700_000_000,
            "chat": { "id": GROUP, "type": "supergroup", "title": "Operatori", "is_forum": true },
            "from": { "id": OPERATOR, "is_bot": false, "first_name": "Maria" },
            "message_thread_id": topic, "is_topic_message": true,
            "text": "Risposta unica",
        }
    }));
    settle().await;
    let copies = desk
        .fake
        .sent_to(CITIZEN)
        .iter()
        .filter(|s| s.text.contains("Risposta unica"))
        .count();
    assert_eq!(copies, 1);
    desk.stop().await;
}

async fn operators_can_be_shown_the_citizens_words_with_personal_data_masked(db: &TestDb) {
    let desk = Desk::start_with(
        db,
        wednesday_morning(),
        load_flows(&root().join("flows")),
        &[("SPORTELLO_OPERATORS_SEE_PERSONAL_DATA", "false")],
    )
    .await;
    let (_case, topic) = desk.hand_off().await;
    desk.fake.text(
        CITIZEN,
        "it",
        "Il mio codice fiscale è RSSMRA85T10A562S, grazie",
    );
    desk.fake
        .wait_text(
            GROUP,
            Some(topic),
            "Il mio codice fiscale è [codice fiscale], grazie",
            WAIT,
        )
        .await;
    assert!(
        desk.fake
            .sent_to(GROUP)
            .iter()
            .all(|s| !s.text.contains("RSSMRA85T10A562S"))
    );
    desk.stop().await;
}

async fn the_operators_group_can_be_written_in_english(db: &TestDb) {
    let desk = Desk::start_with(
        db,
        wednesday_morning(),
        load_flows(&root().join("flows")),
        &[("SPORTELLO_OPERATORS_LANG", "en")],
    )
    .await;
    desk.hand_off_announced_as("New request").await;
    // The citizen is still answered in their own language.
    assert!(
        desk.fake
            .sent_to(CITIZEN)
            .iter()
            .all(|s| !s.text.contains("New request"))
    );
    desk.stop().await;
}

/// Tuesday 24 November 2026, 16:00 in Rome: the URP is open (afternoon hours), the Ufficio
/// Tributi is not (mornings only on Tuesdays).
fn tuesday_afternoon() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 15, 0, 0).unwrap()
}

/// How many of the bot's messages to the citizen start like the text `id`.
fn count_sent(desk: &Desk, id: &str) -> usize {
    let start = desk.start_of(id);
    desk.fake
        .sent_to(CITIZEN)
        .iter()
        .filter(|s| s.text.starts_with(&start))
        .count()
}

async fn a_waiting_citizen_is_reminded_at_most_every_half_hour_and_never_once_the_case_is_taken(
    db: &TestDb,
) {
    let desk = Desk::start(db, wednesday_morning()).await;
    let (case, topic) = desk.hand_off().await;
    desk.fake.wait_text(CITIZEN, None, &case.label, WAIT).await;

    // Just told that the request waits: what the citizen writes goes to the topic, no reminder.
    desk.fake.text(CITIZEN, "it", "Ci siete?");
    desk.topic_shows(topic, "Cittadino: Ci siete?").await;
    settle().await;
    assert_eq!(count_sent(&desk, "common-handoff-waiting"), 0);

    // Half an hour later, still nobody: one reminder, however many messages follow.
    desk.clock.advance(Duration::from_secs(31 * 60));
    desk.fake.text(CITIZEN, "it", "Allora?");
    let reminder = desk
        .fake
        .wait_text(
            CITIZEN,
            None,
            &desk.start_of("common-handoff-waiting"),
            WAIT,
        )
        .await;
    assert!(
        reminder.text.contains("Ufficio Relazioni con il Pubblico"),
        "{}",
        reminder.text
    );
    desk.fake.text(CITIZEN, "it", "Aspetto una risposta");
    desk.topic_shows(topic, "Cittadino: Aspetto una risposta")
        .await;
    settle().await;
    assert_eq!(count_sent(&desk, "common-handoff-waiting"), 1);

    // An operator takes the case: the bot says nothing of its own any more.
    desk.fake
        .group_text(GROUP, OPERATOR, "Maria", Some(topic), "/prendo");
    desk.topic_shows(topic, "presa in carico da Maria").await;
    let before = desk.fake.sent_to(CITIZEN).len();
    desk.clock.advance(Duration::from_secs(60 * 60));
    desk.fake
        .text(CITIZEN, "it", "Buongiorno, ho ancora una domanda");
    desk.fake
        .wait_text(
            GROUP,
            Some(topic),
            "Cittadino: Buongiorno, ho ancora una domanda",
            WAIT,
        )
        .await;
    settle().await;
    assert_eq!(
        desk.fake.sent_to(CITIZEN).len(),
        before,
        "the bot stays silent"
    );
    desk.stop().await;
}

async fn outside_office_hours_a_reminder_says_when_the_office_opens(db: &TestDb) {
    let desk = Desk::start(db, saturday_morning()).await;
    let (case, _) = desk.hand_off().await;
    desk.fake.wait_text(CITIZEN, None, &case.label, WAIT).await;
    desk.clock.advance(Duration::from_secs(45 * 60));
    desk.fake.text(CITIZEN, "it", "C'è qualcuno?");
    let reminder = desk
        .fake
        .wait_text(
            CITIZEN,
            None,
            &desk.start_of("common-handoff-waiting-closed"),
            WAIT,
        )
        .await;
    assert!(
        reminder
            .text
            .contains("lunedì 30 novembre 2026 alle ore 9:00"),
        "{}",
        reminder.text
    );
    assert!(
        !reminder.text.contains("appena possibile"),
        "{}",
        reminder.text
    );
    desk.stop().await;
}

async fn a_transfer_to_a_closed_office_tells_the_citizen_when_it_opens(db: &TestDb) {
    let desk = Desk::start(db, tuesday_afternoon()).await;
    let (case, topic) = desk.hand_off().await;
    desk.fake.wait_text(CITIZEN, None, &case.label, WAIT).await;
    desk.operator_says(topic, "/trasferisci tributi");
    let told = desk
        .fake
        .wait_text(CITIZEN, None, "Ufficio Tributi", WAIT)
        .await;
    assert!(
        told.text
            .contains("mercoledì 25 novembre 2026 alle ore 9:00"),
        "{}",
        told.text
    );
    desk.stop().await;
}

async fn the_summary_quotes_what_the_citizen_wrote_and_the_path_by_titles(db: &TestDb) {
    let desk = Desk::start(db, wednesday_morning()).await;
    desk.fake.text(CITIZEN, "it", "/start");
    desk.fake.wait_sent(CITIZEN, 2, WAIT).await;
    // A typed option number, then a question in words with a codice fiscale.
    desk.fake.text(CITIZEN, "it", "1");
    desk.fake.wait_sent(CITIZEN, 3, WAIT).await;
    desk.fake.text(
        CITIZEN,
        "it",
        "Devo rinnovare la carta d'identità, il mio codice fiscale è RSSMRA80A01H501U",
    );
    desk.fake.wait_sent(CITIZEN, 4, WAIT).await;
    desk.fake.text(CITIZEN, "it", "/operatore");
    let case = desk.case().await;
    let topic = topic_of(&desk, &case).await;
    let summary = desk
        .fake
        .wait_text(GROUP, Some(topic), "Nuova richiesta", WAIT)
        .await;
    let text = &summary.text;
    assert!(
        text.contains(
            "Cittadino: Devo rinnovare la carta d'identità, il mio codice fiscale è [codice fiscale]"
        ),
        "{text}"
    );
    assert!(
        text.contains("Percorso: Menu principale > Anagrafe e documenti: Carta d'identità"),
        "{text}"
    );
    // No menu digits, no commands, nothing the bot said (its texts, the privacy notice).
    for absent in [
        "Cittadino: 1",
        "/operatore",
        "/start",
        "Assistente:",
        "dpo@comune.esempio.it",
        "RSSMRA80A01H501U",
    ] {
        assert!(!text.contains(absent), "{absent:?} in {text}");
    }
    desk.stop().await;
}

async fn internal_notes_stay_out_of_the_citizens_transcript_and_are_exported_as_internal(
    db: &TestDb,
) {
    let desk = Desk::start(db, wednesday_morning()).await;
    let (case, topic) = desk.hand_off().await;
    desk.fake.wait_text(CITIZEN, None, &case.label, WAIT).await;
    desk.operator_says(
        topic,
        "/nota richiamare domani, codice fiscale RSSMRA80A01H501U",
    );
    desk.topic_shows(topic, "Nota interna registrata").await;
    desk.operator_says(topic, "Buongiorno, la richiamiamo domani.");
    desk.fake
        .wait_text(CITIZEN, None, "la richiamiamo domani", WAIT)
        .await;

    desk.fake.text(CITIZEN, "it", "/i_miei_dati");
    let document = desk.fake.wait_documents(CITIZEN, 1, WAIT).await.remove(0);
    let json: serde_json::Value = serde_json::from_str(&document.content).unwrap();
    // The transcript holds what was said to and by the citizen, not the note.
    let transcript = json["messages"].as_array().unwrap();
    assert!(
        transcript
            .iter()
            .all(|m| m["kind"] != "note" && !m["text"].as_str().unwrap().contains("richiamare")),
        "{transcript:#?}"
    );
    assert!(transcript.iter().any(|m| {
        m["text"]
            .as_str()
            .unwrap()
            .contains("la richiamiamo domani")
    }));
    // The note is there as internal data, redacted as stored.
    let notes = json["internal_notes"].as_array().unwrap();
    assert_eq!(notes.len(), 1, "{notes:#?}");
    assert_eq!(notes[0]["visibility"], "internal");
    assert_eq!(
        notes[0]["text"],
        "richiamare domani, codice fiscale [codice fiscale]"
    );
    // The readable text never shows the note as a message of the Comune; it says the file
    // holds one internal note.
    let said = desk
        .fake
        .wait_text(CITIZEN, None, "Note interne degli operatori", WAIT)
        .await;
    assert!(said.text.contains("«internal_notes»: 1."), "{}", said.text);
    assert!(
        desk.fake
            .sent_to(CITIZEN)
            .iter()
            .all(|s| !s.text.contains("richiamare")),
        "the note never reaches the citizen's chat"
    );
    desk.stop().await;
}

async fn a_rating_with_words_after_it_keeps_them_as_a_redacted_comment_of_the_case(db: &TestDb) {
    let desk = Desk::start(db, wednesday_morning()).await;
    let (case, topic) = desk.hand_off().await;
    desk.operator_says(topic, "Buongiorno, ecco la risposta.");
    desk.fake
        .wait_text(CITIZEN, None, "ecco la risposta", WAIT)
        .await;
    desk.fake
        .group_text(GROUP, OPERATOR, "Maria", Some(topic), "/chiudi");
    desk.fake
        .wait_text(CITIZEN, None, &desk.start_of("handoff-rate"), WAIT)
        .await;
    desk.fake.text(
        CITIZEN,
        "it",
        "3, però ci avete messo tanto. Richiamatemi al 333 1234567",
    );
    desk.fake
        .wait_text(CITIZEN, None, &desk.start_of("handoff-rated"), WAIT)
        .await;
    let rated = desk.case_until(case.case_id, |c| c.rating.is_some()).await;
    assert_eq!(rated.rating, Some(3));
    assert_eq!(
        rated.rating_comment.as_deref(),
        Some("però ci avete messo tanto. Richiamatemi al [telefono]")
    );
    // Not taken for a question: no page of the flows opened, the conversation is where it
    // was before the hand-off (the main menu).
    let conversation = desk
        .store
        .conversation(case.conversation_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        common::state_of(&conversation).flow.as_deref(),
        Some("menu")
    );
    assert_eq!(
        common::state_of(&conversation).step.as_deref(),
        Some("start")
    );
    desk.stop().await;
}

async fn a_transfer_to_the_same_office_is_refused_and_a_misspelt_office_gets_a_suggestion(
    db: &TestDb,
) {
    let desk = Desk::start(db, wednesday_morning()).await;
    let (case, topic) = desk.hand_off().await;
    desk.fake.wait_text(CITIZEN, None, &case.label, WAIT).await;
    let before = desk.fake.sent_to(CITIZEN).len();
    desk.fake
        .group_text(GROUP, OPERATOR, "Maria", Some(topic), "/trasferisci urp");
    desk.fake
        .wait_text(
            GROUP,
            Some(topic),
            &format!(
                "La richiesta {} è già assegnata a Ufficio Relazioni con il Pubblico (URP): non è stata trasferita",
                case.label
            ),
            WAIT,
        )
        .await;
    desk.operator_says(topic, "/trasferisci polizia");
    desk.fake
        .wait_text(
            GROUP,
            Some(topic),
            "Non conosco l'ufficio «polizia». Forse intendete polizia-locale: scrivete /trasferisci polizia-locale.",
            WAIT,
        )
        .await;
    settle().await;
    let unchanged = desk.store.case(case.case_id).await.unwrap().unwrap();
    assert_eq!(unchanged.office, "urp");
    assert_eq!(
        desk.fake.sent_to(CITIZEN).len(),
        before,
        "the citizen is told of no transfer"
    );
    assert!(
        desk.store
            .audit_events("operator_transferred")
            .await
            .unwrap()
            .is_empty()
    );
    desk.stop().await;
}

async fn a_photo_sent_during_a_hand_off_reaches_the_topic_by_its_file_id_and_is_not_kept(
    db: &TestDb,
) {
    let desk = Desk::start(db, wednesday_morning()).await;
    let (case, topic) = desk.hand_off().await;
    desk.fake.wait_text(CITIZEN, None, &case.label, WAIT).await;
    let before = desk.fake.sent_to(CITIZEN).len();
    // A pothole: Telegram sends the photo in several sizes, the largest last.
    desk.fake
        .photo(CITIZEN, "it", &["AgAC-small", "AgAC-large"]);
    let photo = common::eventually("a photo in the topic", WAIT, || async {
        desk.fake.photos_in(GROUP).pop()
    })
    .await;
    assert_eq!(photo.thread, Some(topic));
    assert_eq!(photo.file_id, "AgAC-large");
    assert_eq!(photo.caption, desk.text("operators-citizen-photo"));
    // The transcript says that a photo was sent, and nothing of it is kept: the file id
    // waited in the operators' queue only until delivered.
    let transcript = desk.store.transcript(case.conversation_id).await.unwrap();
    let line = transcript
        .iter()
        .find(|l| l.inbound && l.kind == "photo")
        .expect("a transcript line for the photo");
    assert!(!line.text.contains("AgAC"), "{line:?}");
    common::eventually("the operators' queue to empty", WAIT, || async {
        (desk.store.pending_operator_items().await.unwrap() == 0).then_some(())
    })
    .await;
    settle().await;
    assert_eq!(
        desk.fake.sent_to(CITIZEN).len(),
        before,
        "no reply of the bot's own"
    );
    // The citizen's export says a photo was sent, and holds no file id.
    desk.fake.text(CITIZEN, "it", "/i_miei_dati");
    let document = desk.fake.wait_documents(CITIZEN, 1, WAIT).await.remove(0);
    assert!(!document.content.contains("AgAC"), "{}", document.content);
    desk.fake
        .wait_text(CITIZEN, None, "ha inviato una fotografia", WAIT)
        .await;
    desk.stop().await;
}

on_both_backends!(
    a_photo_sent_during_a_hand_off_reaches_the_topic_by_its_file_id_and_is_not_kept,
    a_transfer_to_the_same_office_is_refused_and_a_misspelt_office_gets_a_suggestion,
    a_rating_with_words_after_it_keeps_them_as_a_redacted_comment_of_the_case,
    internal_notes_stay_out_of_the_citizens_transcript_and_are_exported_as_internal,
    the_summary_quotes_what_the_citizen_wrote_and_the_path_by_titles,
    a_waiting_citizen_is_reminded_at_most_every_half_hour_and_never_once_the_case_is_taken,
    outside_office_hours_a_reminder_says_when_the_office_opens,
    a_transfer_to_a_closed_office_tells_the_citizen_when_it_opens,
    the_operators_group_can_be_written_in_english,
    operators_can_be_shown_the_citizens_words_with_personal_data_masked,
    a_hand_off_within_hours_goes_to_a_topic_and_back_to_the_bot,
    after_hours_a_request_is_registered_and_announced_at_the_opening,
    an_unclaimed_case_is_announced_again_and_a_claimed_one_is_not,
    a_case_is_transferred_to_another_office,
    only_listed_operators_act_and_their_actions_are_audited,
    operators_commands_notes_ready_replies_and_the_queue,
    a_case_closed_without_a_reply_is_flagged,
    the_bot_is_silent_with_an_operator_but_answers_emergencies_and_annulla,
    a_deleted_topic_is_created_again,
    an_operator_update_delivered_twice_is_sent_once,
    cases_are_purged_and_erased_with_their_conversation,
    a_citizen_of_another_channel_is_handed_off_the_same_way,
    messages_for_the_operators_wait_out_telegram_failures,
);

/// `sportello chat` shows the hand-off and lets the person at the terminal play the operator.
#[test]
fn the_terminal_chat_shows_the_hand_off_and_plays_the_operator() {
    let db = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_sportello"))
        .args(["chat", "--now", "2026-11-25T10:00:00+01:00"])
        .current_dir(root())
        .env_remove("SPORTELLO_CONFIG")
        .env("USER", "Maria")
        .env(
            "SPORTELLO_DATABASE_URL",
            format!("sqlite://{}", db.path().join("chat.db").display()),
        )
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            "/operatore\nHo una domanda\n!op Buongiorno, mi dica.\n!op /chiudi\n5\n".as_bytes(),
        )
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    let expected = [
        "Grazie, ho inoltrato la sua richiesta a un operatore.",
        "[operatori] Nuova richiesta URP-0001",
        "Il numero della sua richiesta è URP-0001",
        "[operatori] Cittadino: Ho una domanda",
        "Buongiorno, mi dica.\n\nComune di Esempio",
        "[operatori] Richiesta URP-0001 chiusa da Maria",
        "da 1 (per nulla) a 5 (molto)",
        "Grazie per la sua valutazione.",
    ];
    let mut rest = stdout.as_ref();
    for part in expected {
        let at = rest
            .find(part)
            .unwrap_or_else(|| panic!("{part:?} not found, in order, in:\n{stdout}"));
        rest = &rest[at + part.len()..];
    }
}

/// The engine's side of the close: the bot answers again and asks for an optional rating.
#[test]
fn after_a_close_the_citizen_is_asked_for_a_rating_which_is_optional() {
    use sportello::engine::{self, Effect, Input, Mode};
    let live = load_flows(&root().join("flows"));
    let flows = live.get();
    let now = wednesday_morning();
    let text = |t: &str| Input::Text { text: t.into() };
    let handed = engine::step(&engine::State::default(), &text("/operatore"), &flows, now);
    assert!(matches!(handed.state.mode, Mode::Handoff { .. }));

    let back = engine::handed_back(&handed.state, &flows, now, true);
    assert_eq!(back.state.mode, Mode::Bot);
    let ids: Vec<&str> = back.replies[1]
        .choices
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(ids, ["1", "2", "3", "4", "5"]);

    let typed = engine::step(&back.state, &text("3"), &flows, now);
    assert_eq!(
        typed.effects,
        [Effect::Rated {
            score: 3,
            comment: None
        }]
    );
    // The first digit is the rating, the rest a comment; nothing else is opened.
    let commented = engine::step(
        &back.state,
        &text("3, però ci avete messo tanto"),
        &flows,
        now,
    );
    assert_eq!(
        commented.effects,
        [Effect::Rated {
            score: 3,
            comment: Some("però ci avete messo tanto".into())
        }]
    );
    assert_eq!(commented.state.flow, None);
    assert!(
        commented.replies[0]
            .text
            .starts_with("Grazie per la sua valutazione"),
        "{:?}",
        commented.replies
    );
    // Words are understood too.
    for (words, score) in [("ottimo", 5), ("Pessimo!", 1), ("good", 4)] {
        let rated = engine::step(&back.state, &text(words), &flows, now);
        assert_eq!(
            rated.effects,
            [Effect::Rated {
                score,
                comment: None
            }],
            "{words}"
        );
    }
    let tapped = engine::step(
        &back.state,
        &Input::Choice {
            id: "5".into(),
            at: None,
        },
        &flows,
        now,
    );
    assert_eq!(
        tapped.effects,
        [Effect::Rated {
            score: 5,
            comment: None
        }]
    );
    // A case closed without any operator's reply asks for no rating.
    let unanswered = engine::handed_back(&handed.state, &flows, now, false);
    assert_eq!(unanswered.replies.len(), 1);
    assert!(
        unanswered
            .replies
            .iter()
            .all(|r| r.choices.is_empty() && !r.text.contains("da 1"))
    );
    let later = engine::step(&unanswered.state, &text("3"), &flows, now);
    assert!(
        later
            .effects
            .iter()
            .all(|e| !matches!(e, Effect::Rated { .. }))
    );
    // Anything else is handled as usual, without a rating.
    let skipped = engine::step(&back.state, &text("quando scade la TARI?"), &flows, now);
    assert!(
        skipped
            .effects
            .iter()
            .all(|e| !matches!(e, Effect::Rated { .. }))
    );
    assert_eq!(skipped.state.flow.as_deref(), Some("tributi"));
    let out_of_range = engine::step(&back.state, &text("9"), &flows, now);
    assert!(
        out_of_range
            .effects
            .iter()
            .all(|e| !matches!(e, Effect::Rated { .. }))
    );
}

/// Cases and what they queued for the operators go with their conversation: at the end of
/// its retention, and at once on the citizen's erasure request.
async fn cases_are_purged_and_erased_with_their_conversation(db: &TestDb) {
    use sportello::conversations::{self, Inbound};
    use sportello::engine::Input;
    use sportello::store::Retention;
    let live = load_flows(&root().join("flows"));
    let flows = live.get();
    let now = wednesday_morning();
    let say = |user: &str, n: u32, text: &str| Inbound {
        channel: ChannelKind::Telegram,
        user: ChannelUserId::new(user),
        message_id: format!("{user}-{n}"),
        lang_hint: None,
        input: Input::Text { text: text.into() },
        received_at: now,
    };
    let store = &db.store;
    let mut case_of = Vec::new();
    for user in ["anna", "bruno"] {
        conversations::handle(
            store,
            &flows,
            &Metrics::new(),
            say(user, 1, "/operatore"),
            now,
        )
        .await
        .unwrap();
        conversations::handle(
            store,
            &flows,
            &Metrics::new(),
            say(user, 2, "Vorrei parlare con qualcuno"),
            now,
        )
        .await
        .unwrap();
        let conversation = store
            .current_conversation(ChannelKind::Telegram, &ChannelUserId::new(user))
            .await
            .unwrap()
            .unwrap();
        let cases = store.cases_of(conversation.conversation_id).await.unwrap();
        assert_eq!(cases.len(), 1);
        case_of.push(cases[0].case_id);
    }
    assert_eq!(
        store.pending_operator_items().await.unwrap(),
        4,
        "two openings, two messages"
    );

    // Bruno goes back to the bot and asks for his data to be erased.
    for (n, text) in [(3, "/annulla"), (4, "/cancella_dati"), (5, "1")] {
        conversations::handle(store, &flows, &Metrics::new(), say("bruno", n, text), now)
            .await
            .unwrap();
    }
    assert!(store.case(case_of[1]).await.unwrap().is_none(), "erased");
    assert_eq!(
        store.pending_operator_items().await.unwrap(),
        2,
        "only Anna's are left"
    );

    // Anna's case is kept for the case retention, then purged.
    let retention = Retention::default();
    store
        .purge(
            now + chrono::Duration::days(30),
            &retention,
            &Default::default(),
        )
        .await
        .unwrap();
    assert!(store.case(case_of[0]).await.unwrap().is_some());
    store
        .purge(
            now + chrono::Duration::days(91),
            &retention,
            &Default::default(),
        )
        .await
        .unwrap();
    assert!(store.case(case_of[0]).await.unwrap().is_none());
    assert_eq!(store.pending_operator_items().await.unwrap(), 0);
}

/// A citizen of another channel is handed off the same way: the topic opens in the operators'
/// group, and the operator's reply waits in the outbox for that channel's dispatcher.
async fn a_citizen_of_another_channel_is_handed_off_the_same_way(db: &TestDb) {
    use sportello::conversations::{self, Inbound};
    use sportello::engine::Input;
    let desk = Desk::start(db, wednesday_morning()).await;
    let flows = desk.flows.get();
    let now = wednesday_morning();
    conversations::handle(
        &desk.store,
        &flows,
        &Metrics::new(),
        Inbound {
            channel: ChannelKind::WhatsApp,
            user: ChannelUserId::new("393331234567"),
            message_id: "wamid.1".into(),
            lang_hint: None,
            input: Input::Text {
                text: "/operatore".into(),
            },
            received_at: now,
        },
        now,
    )
    .await
    .unwrap();
    let conversation = desk
        .store
        .current_conversation(ChannelKind::WhatsApp, &ChannelUserId::new("393331234567"))
        .await
        .unwrap()
        .unwrap();
    let case = desk
        .store
        .cases_of(conversation.conversation_id)
        .await
        .unwrap()[0]
        .clone();
    let topic = topic_of(&desk, &case).await;
    desk.topic_shows(topic, "Nuova richiesta").await;
    desk.operator_says(topic, "Buongiorno dal Comune");
    desk.case_until(case.case_id, |c| c.operator_replies == 1)
        .await;
    // Nothing went to Telegram's citizens; the reply is for the WhatsApp dispatcher.
    assert!(desk.fake.sent().iter().all(|s| s.chat_id == GROUP));
    let claimed = desk
        .store
        .claim_due(
            ChannelKind::WhatsApp,
            now + chrono::Duration::seconds(1),
            Duration::from_secs(30),
            16,
            "test",
        )
        .await
        .unwrap();
    let texts: Vec<String> = claimed
        .iter()
        .filter_map(|c| {
            serde_json::from_str::<sportello::engine::Reply>(&c.payload)
                .ok()
                .map(|r| r.text)
        })
        .collect();
    assert!(
        claimed
            .iter()
            .all(|c| c.recipient.user.expose() == "393331234567"),
        "{claimed:?}"
    );
    // One row per conversation at a time: the engine's hand-off notice goes first.
    assert_eq!(texts.len(), 1, "{texts:?}");
    // The first answer, so with the greeting of the hour (the test's clock: morning).
    assert!(
        texts[0].starts_with("Buongiorno.\nGrazie, ho inoltrato"),
        "{texts:?}"
    );
    let entries = desk
        .store
        .outbox_entries(conversation.conversation_id)
        .await
        .unwrap();
    assert_eq!(
        entries.len(),
        4,
        "hand-off notice, privacy notice at first contact, case number, operator's reply"
    );
    let transcript = desk
        .store
        .transcript(conversation.conversation_id)
        .await
        .unwrap();
    assert!(
        transcript
            .iter()
            .any(|l| l.kind == "operator" && l.text == "Buongiorno dal Comune")
    );
    desk.stop().await;
}

async fn metrics(desk: &Desk) -> String {
    let admin = desk.running.as_ref().unwrap().admin_addr;
    reqwest::get(format!("http://{admin}/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// Telegram failing for a while loses nothing: the operators' messages wait in the store and
/// go out in order once it answers again.
async fn messages_for_the_operators_wait_out_telegram_failures(db: &TestDb) {
    let desk = Desk::start(db, wednesday_morning()).await;
    desk.fake.fail(
        "createForumTopic",
        fake_telegram::Fault::TooManyRequests(1),
        2,
    );
    desk.fake.text(CITIZEN, "it", "/operatore");
    let case = desk.case().await;
    desk.clock.advance(Duration::from_secs(1));
    desk.fake.text(CITIZEN, "it", "Sono ancora qui");
    // Retries are due by the injected clock: let time pass until the topic is there.
    let deadline = tokio::time::Instant::now() + WAIT;
    while desk.fake.topics().is_empty() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "no topic after the failures: {:?} {:?}",
            desk.fake.calls("createForumTopic"),
            desk.store.pending_operator_items().await
        );
        desk.clock.advance(Duration::from_secs(2));
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    let topic = topic_of(&desk, &case).await;
    let summary = desk
        .fake
        .wait_text(GROUP, Some(topic), "Nuova richiesta", WAIT)
        .await;
    let mirrored = desk
        .fake
        .wait_text(GROUP, Some(topic), "Cittadino: Sono ancora qui", WAIT)
        .await;
    assert!(
        !summary.text.contains("Sono ancora qui"),
        "{}",
        summary.text
    );
    let in_topic = desk.fake.sent_in(GROUP, Some(topic));
    let at = |text: &str| in_topic.iter().position(|s| s.text == text).unwrap();
    assert!(at(&summary.text) < at(&mirrored.text), "in order");
    assert_eq!(
        desk.fake.calls("createForumTopic").len(),
        3,
        "two failures, then one topic"
    );
    assert_eq!(desk.fake.topics().len(), 1);
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let text = metrics(&desk).await;
        if text.contains("sportello_operators_backlog 0") {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "{text}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    desk.stop().await;
}

/// A ready reply must exist in every language: the flow check says which is missing.
#[test]
fn a_ready_reply_missing_in_a_language_is_an_error_of_the_check() {
    let dir = tempfile::tempdir().unwrap();
    for lang in ["it", "en"] {
        let to = dir.path().join(lang);
        std::fs::create_dir_all(&to).unwrap();
        for entry in std::fs::read_dir(root().join("locales").join(lang)).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
    let en = dir.path().join("en/risposte.ftl");
    let text = std::fs::read_to_string(&en).unwrap();
    let without: String = text
        .lines()
        .filter(|l| !l.starts_with("risposta-orari"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&en, without).unwrap();
    let (set, report) = FlowSet::load(
        &root().join("flows"),
        dir.path(),
        sportello::channels::LIMITS,
    );
    assert!(set.is_none());
    let report = report.to_string();
    assert!(
        report.contains("ready reply `risposta-orari` is missing in language `en`"),
        "{report}"
    );
}
