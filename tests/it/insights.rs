//! Insights: conversations driven through the engine and the store (and, for the operator's
//! side, the terminal chat), rolled up by day, checked against a hand count, kept after the
//! purge, and reported without personal data.

use std::collections::{BTreeSet, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use sportello::calendar::TIME_ZONE;
use sportello::channels::{ChannelKind, ChannelUserId};
use sportello::chat::{self, ChatOptions};
use sportello::conversations::{self, Inbound};
use sportello::engine::Input;
use sportello::flows::FlowSet;
use sportello::flows::live::Live;
use sportello::i18n::Lang;
use sportello::insights::command::{self, Format, InsightsArgs};
use sportello::metrics::Metrics;
use sportello::settings::Settings;
use sportello::store::{ConversationId, InsightRow, Retention, RollupPace, Store, metric, outcome};

use crate::common::TestDb;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub(crate) fn live() -> Arc<Live> {
    let (flows, locales) = (root().join("flows"), root().join("locales"));
    let (set, report) = FlowSet::load(&flows, &locales, sportello::channels::LIMITS);
    Live::new(set.unwrap_or_else(|| panic!("{report}")), &flows, &locales)
}

/// November 2026, Rome time.
pub(crate) fn at(day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    TIME_ZONE
        .with_ymd_and_hms(2026, 11, day, hour, minute, 0)
        .unwrap()
        .with_timezone(&Utc)
}

pub(crate) fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

/// Wednesday 25 and Thursday 26 November 2026.
const D1: u32 = 25;
const D2: u32 = 26;

/// What the citizens of the scenario wrote, and who they are: none of it may reach a rollup,
/// a report or the open data.
pub(crate) struct Scenario {
    texts: Vec<String>,
    users: Vec<String>,
    conversations: BTreeSet<i64>,
}

impl Scenario {
    pub(crate) fn new() -> Scenario {
        Scenario {
            texts: Vec::new(),
            users: Vec::new(),
            conversations: BTreeSet::new(),
        }
    }

    pub(crate) async fn say(
        &mut self,
        store: &Store,
        flows: &FlowSet,
        channel: ChannelKind,
        user: &str,
        text: &str,
        now: DateTime<Utc>,
    ) {
        let n = self.texts.len();
        let lang_hint = user.starts_with("en-").then_some(Lang::En);
        conversations::handle(
            store,
            flows,
            &Metrics::new(),
            Inbound {
                channel,
                user: ChannelUserId::new(user),
                message_id: format!("{user}-{n}"),
                lang_hint,
                input: Input::Text { text: text.into() },
                received_at: now,
            },
            now,
        )
        .await
        .unwrap();
        self.note(store, channel, user, text).await;
    }

    async fn note(&mut self, store: &Store, channel: ChannelKind, user: &str, text: &str) {
        self.texts.push(text.to_owned());
        if !self.users.iter().any(|u| u == user) {
            self.users.push(user.to_owned());
        }
        if let Some(c) = store
            .current_conversation(channel, &ChannelUserId::new(user))
            .await
            .unwrap()
        {
            self.conversations.insert(c.conversation_id.0);
        }
    }

    /// Lines through the terminal chat at `now` (`!op ` lines are the operator's).
    pub(crate) async fn chat(
        &mut self,
        live: &Arc<Live>,
        store: &Store,
        user: &str,
        lines: &[&str],
        now: DateTime<Utc>,
    ) {
        let options = ChatOptions {
            json: true,
            lang: None,
            user: user.to_owned(),
            now: Some(now),
            interactive: false,
        };
        let input = lines.join("\n") + "\n";
        let mut out = Vec::new();
        chat::run(live, store, &options, input.as_bytes(), &mut out)
            .await
            .unwrap();
        for line in lines {
            self.note(
                store,
                ChannelKind::Terminal,
                user,
                line.trim_start_matches("!op "),
            )
            .await;
        }
    }

    /// `user` asks the terminal chat for a person at `asked`; the operator answers at
    /// `answered`, and closes the case at `closed` when given.
    pub(crate) async fn answered_by_an_operator(
        &mut self,
        live: &Arc<Live>,
        store: &Store,
        user: &str,
        [asked, answered]: [DateTime<Utc>; 2],
        closed: Option<DateTime<Utc>>,
    ) {
        let ask = ["/operatore", "Vorrei parlare con un impiegato"];
        self.chat(live, store, user, &ask, asked).await;
        let reply = ["!op Buongiorno, mi dica pure."];
        self.chat(live, store, user, &reply, answered).await;
        if let Some(closed) = closed {
            self.chat(live, store, user, &["!op /chiudi"], closed).await;
        }
    }

    /// What the citizens and the operator wrote in words: a command, a digit or one word may
    /// well be a step's id or a count.
    fn quoted(&self) -> impl Iterator<Item = &str> {
        self.texts
            .iter()
            .map(String::as_str)
            .filter(|t| t.contains(' ') && t.len() > 10)
    }

    /// The transcript lines of the scenario's conversations on a day, by direction.
    async fn messages(&self, store: &Store, d: u32) -> (i64, i64) {
        let (lo, hi) = sportello::store::day_bounds(day(d));
        let (mut inbound, mut outbound) = (0, 0);
        for id in &self.conversations {
            for line in store.transcript(ConversationId(*id)).await.unwrap() {
                let ms = line.at.timestamp_millis();
                if ms >= lo && ms < hi {
                    if line.inbound {
                        inbound += 1;
                    } else {
                        outbound += 1;
                    }
                }
            }
        }
        (inbound, outbound)
    }
}

/// The sum of a metric's rows on a day that pass `keep`.
fn sum(rows: &[InsightRow], d: u32, name: &str, keep: impl Fn(&InsightRow) -> bool) -> i64 {
    rows.iter()
        .filter(|r| r.day == day(d) && r.metric == name && keep(r))
        .map(|r| r.value)
        .sum()
}

fn all(_: &InsightRow) -> bool {
    true
}

/// Drives two days of conversations. Hand counts, Wednesday: Anna (Telegram) asks about the
/// TARI, an answer; Bruno (WhatsApp) asks for a person; Carla (Telegram) is not understood
/// twice and is handed off; Dario (terminal) asks for a person, an operator answers half an
/// hour later and closes an hour after the hand-off, and Dario rates 4; Emma (Telegram,
/// English) reports a medical emergency. Thursday: Anna comes back to the TARI in her open
/// conversation; Franco (Telegram) reads the TARI, says goodbye and asks again in a new
/// conversation; five more Telegram citizens ask about the TARI; Gino (WhatsApp) opens the
/// main menu and stops there.
async fn two_days(db: &TestDb, live: &Arc<Live>) -> Scenario {
    let store = &db.store;
    let flows = live.get();
    let mut s = Scenario {
        texts: Vec::new(),
        users: Vec::new(),
        conversations: BTreeSet::new(),
    };
    use ChannelKind::{Telegram, WhatsApp};
    s.say(
        store,
        &flows,
        Telegram,
        "tg-40001",
        "quando scade la tari?",
        at(D1, 10, 0),
    )
    .await;
    s.say(
        store,
        &flows,
        WhatsApp,
        "393331110002",
        "/operatore",
        at(D1, 10, 5),
    )
    .await;
    s.say(
        store,
        &flows,
        Telegram,
        "tg-40003",
        "xqzv wplk brrm",
        at(D1, 10, 10),
    )
    .await;
    s.say(
        store,
        &flows,
        Telegram,
        "tg-40003",
        "kkjh zzut oopq",
        at(D1, 10, 11),
    )
    .await;
    s.chat(
        live,
        store,
        "dario-40004",
        &["/operatore", "Ho una domanda sul mio ricorso"],
        at(D1, 11, 0),
    )
    .await;
    s.chat(
        live,
        store,
        "dario-40004",
        &["!op Buongiorno, mi dica pure."],
        at(D1, 11, 30),
    )
    .await;
    s.chat(
        live,
        store,
        "dario-40004",
        &["!op /chiudi", "4"],
        at(D1, 12, 0),
    )
    .await;
    s.say(
        store,
        &flows,
        Telegram,
        "en-tg-40005",
        "my mother fell and cannot get up",
        at(D1, 15, 0),
    )
    .await;

    s.say(
        store,
        &flows,
        Telegram,
        "tg-40001",
        "e la tari quando si paga?",
        at(D2, 9, 0),
    )
    .await;
    s.say(
        store,
        &flows,
        Telegram,
        "tg-40006",
        "quando scade la tari?",
        at(D2, 9, 30),
    )
    .await;
    s.say(
        store,
        &flows,
        Telegram,
        "tg-40006",
        "arrivederci",
        at(D2, 9, 31),
    )
    .await;
    s.say(
        store,
        &flows,
        Telegram,
        "tg-40006",
        "scadenza della tari",
        at(D2, 9, 40),
    )
    .await;
    for n in 0..5 {
        s.say(
            store,
            &flows,
            Telegram,
            &format!("tg-4101{n}"),
            "quando scade la tari?",
            at(D2, 14, n),
        )
        .await;
    }
    s.say(
        store,
        &flows,
        WhatsApp,
        "393331110007",
        "/menu",
        at(D2, 16, 0),
    )
    .await;
    s
}

async fn rollups_match_a_hand_count_and_outlive_the_purge(db: &TestDb) {
    let live = live();
    let s = two_days(db, &live).await;
    let store = &db.store;
    let hours = live.get().office_hours();
    let rolled = store.roll_up(at(27, 8, 0), &hours).await.unwrap();
    assert_eq!(rolled, [day(D1), day(D2)]);
    let rows = store.insights(day(D1), day(D2)).await.unwrap();
    let channel = |c: &'static str| move |r: &InsightRow| r.channel == c;

    // Conversations started, by channel and hour of the week.
    assert_eq!(sum(&rows, D1, metric::CONVERSATIONS, all), 5);
    assert_eq!(
        sum(&rows, D1, metric::CONVERSATIONS, channel("telegram")),
        3
    );
    assert_eq!(
        sum(&rows, D1, metric::CONVERSATIONS, channel("whatsapp")),
        1
    );
    assert_eq!(
        sum(&rows, D1, metric::CONVERSATIONS, channel("terminal")),
        1
    );
    assert_eq!(sum(&rows, D1, metric::CONVERSATIONS, |r| r.lang == "en"), 1);
    // Anna's conversation goes on on Thursday; Franco has two, five others one each, Gino one.
    assert_eq!(sum(&rows, D2, metric::CONVERSATIONS, all), 8);
    assert_eq!(
        sum(&rows, D1, metric::CONVERSATIONS_BY_HOUR, |r| r.bucket
            == "3-10"),
        3,
        "Wednesday from 10 to 11"
    );
    assert_eq!(
        sum(&rows, D2, metric::CONVERSATIONS_BY_HOUR, |r| r.bucket
            == "4-14"),
        5
    );

    // Messages, against the transcript.
    for d in [D1, D2] {
        let (inbound, outbound) = s.messages(store, d).await;
        assert_eq!(sum(&rows, d, metric::MESSAGES_IN, all), inbound, "day {d}");
        assert_eq!(
            sum(&rows, d, metric::MESSAGES_OUT, all),
            outbound,
            "day {d}"
        );
    }
    assert_eq!(sum(&rows, D1, metric::MESSAGES_IN, all), 8);

    // New and returning citizens, counted, not named.
    assert_eq!(sum(&rows, D1, metric::CITIZENS_NEW, all), 5);
    assert_eq!(sum(&rows, D1, metric::CITIZENS_RETURNING, all), 0);
    assert_eq!(sum(&rows, D2, metric::CITIZENS_NEW, all), 7);
    assert_eq!(sum(&rows, D2, metric::CITIZENS_RETURNING, all), 1);

    // How conversations went.
    let how = |d: u32, b: &'static str| sum(&rows, d, metric::LAST_STEP, move |r| r.bucket == b);
    let tari = |r: &InsightRow| r.flow == "tributi" && r.step == "tari";
    assert_eq!(
        sum(&rows, D1, metric::LAST_STEP, |r| tari(r)
            && r.bucket == outcome::BOT),
        1,
        "Anna"
    );
    assert_eq!(
        sum(&rows, D1, metric::LAST_STEP, |r| r.flow == "emergenze"
            && r.bucket == outcome::BOT),
        1,
        "Emma's emergency was answered"
    );
    assert_eq!(how(D1, outcome::BOT), 2);
    assert_eq!(how(D1, outcome::HANDOFF), 0, "no step before the hand-offs");
    assert_eq!(how(D2, outcome::REPEAT), 2, "Franco's two conversations");
    assert_eq!(how(D2, outcome::BOT), 6, "Anna and the five");
    assert_eq!(
        sum(&rows, D2, metric::LAST_STEP, |r| r.flow == "menu"
            && r.step == "start"
            && r.bucket == outcome::DROPPED),
        1,
        "Gino stopped at the main menu"
    );
    assert_eq!(sum(&rows, D2, metric::STEPS, tari), 8);

    // Hand-offs, by office and reason; the operator's reply, the close, the rating.
    let office =
        |o: &'static str, b: &'static str| move |r: &InsightRow| r.office == o && r.bucket == b;
    assert_eq!(sum(&rows, D1, metric::HANDOFFS, office("urp", "asked")), 2);
    assert_eq!(
        sum(&rows, D1, metric::HANDOFFS, office("urp", "not_understood")),
        1
    );
    assert_eq!(sum(&rows, D1, metric::FIRST_REPLIES, all), 1);
    assert_eq!(sum(&rows, D1, metric::FIRST_REPLY_SECONDS, all), 30 * 60);
    assert_eq!(sum(&rows, D1, metric::CLOSED, all), 1);
    assert_eq!(sum(&rows, D1, metric::CLOSE_SECONDS, all), 60 * 60);
    assert_eq!(sum(&rows, D1, metric::RATINGS, office("urp", "4")), 1);
    assert_eq!(
        sum(&rows, D1, metric::EMERGENCIES, |r| r.bucket == "medical"),
        1
    );
    assert_eq!(
        sum(&rows, D1, metric::NOT_UNDERSTOOD, |r| r.bucket
            == "out_of_scope"),
        1
    );
    assert_eq!(
        sum(&rows, D1, metric::NOT_UNDERSTOOD, |r| r.bucket == "handoff"),
        1
    );

    // Rolling a day up again from the same rows gives the same rows; the scheduled rollup
    // does not repeat a day.
    store
        .roll_up_day(day(D1), at(27, 9, 0), &hours)
        .await
        .unwrap();
    assert_eq!(store.insights(day(D1), day(D2)).await.unwrap(), rows);
    assert!(
        store
            .roll_up(at(27, 9, 0), &hours)
            .await
            .unwrap()
            .is_empty()
    );

    // The purge takes every conversation; the statistics stay.
    let counts = store
        .purge(
            at(D2, 12, 0) + chrono::Duration::days(200),
            &Retention::default(),
            &live.get().office_hours(),
        )
        .await
        .unwrap();
    assert_eq!(
        counts.conversations as usize,
        s.conversations.len(),
        "{counts:?}"
    );
    assert!(
        store
            .current_conversation(ChannelKind::Telegram, &ChannelUserId::new("tg-40001"))
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(store.insights(day(D1), day(D2)).await.unwrap(), rows);

    // Nothing in them names a citizen or repeats what anyone wrote.
    for row in &rows {
        for cell in [
            &row.channel,
            &row.lang,
            &row.flow,
            &row.step,
            &row.office,
            &row.bucket,
        ] {
            assert!(
                !s.quoted().any(|t| cell.contains(t))
                    && !s.users.iter().any(|u| cell.contains(u.as_str())),
                "{row:?}"
            );
        }
    }

    // Old statistics go after their own retention.
    assert_eq!(store.prune_insights(at(27, 12, 0), 1).await.unwrap(), {
        rows.iter().filter(|r| r.day == day(D1)).count() as u64
    });
    assert!(store.insights(day(D1), day(D1)).await.unwrap().is_empty());
}

async fn the_purge_rolls_up_the_days_it_is_about_to_empty(db: &TestDb) {
    let live = live();
    let flows = live.get();
    let mut s = Scenario {
        texts: Vec::new(),
        users: Vec::new(),
        conversations: BTreeSet::new(),
    };
    s.say(
        &db.store,
        &flows,
        ChannelKind::Telegram,
        "tg-50001",
        "quando scade la tari?",
        at(D1, 10, 0),
    )
    .await;
    db.store
        .purge(
            at(D1, 10, 0) + chrono::Duration::days(60),
            &Retention::default(),
            &live.get().office_hours(),
        )
        .await
        .unwrap();
    let rows = db.store.insights(day(D1), day(D1)).await.unwrap();
    assert_eq!(sum(&rows, D1, metric::CONVERSATIONS, all), 1);
    assert_eq!(
        sum(&rows, D1, metric::LAST_STEP, |r| r.bucket == outcome::BOT),
        1
    );
}

/// The rollup reads each table a range of ids at a time: read one id at a time it gives the
/// rows of a single read; stopped between two reads it has written nothing and claimed
/// nothing, and the next rollup counts the day in full.
async fn a_rollup_read_one_id_at_a_time_or_stopped_between_reads_gives_the_same_rows(db: &TestDb) {
    let live = live();
    two_days(db, &live).await;
    let store = &db.store;
    let hours = live.get().office_hours();

    // Each rest is 100,000 times the read before it (a read takes more than ten
    // microseconds): still resting after its first read when stopped.
    let stopped = tokio::spawn({
        let (store, hours) = (store.clone(), hours.clone());
        async move {
            let pace = RollupPace {
                ids_per_read: 1,
                rest: 100_000.0,
            };
            store
                .roll_up_day_with(day(D1), at(27, 8, 0), &hours, pace)
                .await
        }
    });
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert!(
        !stopped.is_finished(),
        "the slow rollup should still be reading"
    );
    stopped.abort();
    assert!(stopped.await.unwrap_err().is_cancelled());
    assert!(store.insights(day(D1), day(D2)).await.unwrap().is_empty());

    let rolled = store.roll_up(at(27, 8, 0), &hours).await.unwrap();
    assert_eq!(
        rolled,
        [day(D1), day(D2)],
        "the stopped day was not claimed"
    );
    let rows = store.insights(day(D1), day(D2)).await.unwrap();
    assert_eq!(sum(&rows, D1, metric::CONVERSATIONS, all), 5);

    for ids_per_read in [1, 2, 3] {
        let pace = RollupPace {
            ids_per_read,
            rest: 0.0,
        };
        for d in [D1, D2] {
            store
                .roll_up_day_with(day(d), at(27, 9, 0), &hours, pace)
                .await
                .unwrap();
        }
        assert_eq!(
            store.insights(day(D1), day(D2)).await.unwrap(),
            rows,
            "{ids_per_read} ids per read"
        );
    }
}

pub(crate) fn args(format: Format) -> InsightsArgs {
    InsightsArgs {
        from: Some(day(D1).to_string()),
        to: Some(day(D2).to_string()),
        office: None,
        channel: None,
        format,
        lang: "it".into(),
        output: None,
        unanswered: false,
        digest: false,
        open_data: None,
        holder: None,
        holder_id: None,
        contact: None,
    }
}

async fn reports_and_open_data_hold_no_personal_data_and_suppress_small_cells(db: &TestDb) {
    let live = live();
    let s = two_days(db, &live).await;
    let flows = live.get();
    let settings = Settings::default();
    let now = at(27, 8, 0);
    let clean = |what: &str, text: &str| {
        for t in s.quoted() {
            assert!(!text.contains(t), "{what} quotes {t:?}");
        }
        for u in &s.users {
            assert!(!text.contains(u.as_str()), "{what} names {u}");
        }
    };

    let summary = command::run(&args(Format::Text), &settings, &db.store, &flows, now)
        .await
        .unwrap();
    clean("the summary", &summary);
    assert!(summary.contains("Conversazioni"), "{summary}");
    assert!(
        summary.contains("Ufficio Relazioni con il Pubblico"),
        "{summary}"
    );

    let csv = command::run(&args(Format::Csv), &settings, &db.store, &flows, now)
        .await
        .unwrap();
    clean("the CSV", &csv);
    assert!(csv.starts_with("day,metric,channel,lang,flow,step,office,bucket,value\n"));
    assert!(
        csv.contains("2026-11-25,conversations,telegram,it,,,,,2\n"),
        "{csv}"
    );

    let json = command::run(&args(Format::Json), &settings, &db.store, &flows, now)
        .await
        .unwrap();
    clean("the JSON", &json);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["totals"]["conversations"], 13);
    assert_eq!(value["totals"]["resolved"], 8);
    assert_eq!(value["totals"]["repeated"], 2);
    assert_eq!(value["totals"]["calls_avoided"], 2, "8 × 0.3, rounded");

    let mut english = args(Format::Html);
    english.lang = "en".into();
    let html = command::run(&english, &settings, &db.store, &flows, now)
        .await
        .unwrap();
    clean("the HTML report", &html);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(html.contains("<caption>Topics</caption>"));
    assert!(html.contains("<th scope=\"col\">") && html.contains("<th scope=\"row\">"));
    assert!(html.contains("role=\"img\"") && html.contains("<title id=\"chart-"));
    assert!(
        !html.contains("http://") && !html.contains("https://") && !html.contains("<script"),
        "no external request"
    );

    // Editors may ask for what was not understood, by wording, while the transcripts are
    // kept: Carla's two messages, both in the first half of the period. Never otherwise.
    assert!(!summary.contains("xqzv wplk brrm"));
    let mut editors = args(Format::Json);
    editors.unanswered = true;
    let listed: serde_json::Value = serde_json::from_str(
        &command::run(&editors, &settings, &db.store, &flows, now)
            .await
            .unwrap(),
    )
    .unwrap();
    let wordings = listed["unanswered"].as_array().unwrap();
    assert_eq!(wordings.len(), 2, "{wordings:?}");
    for w in wordings {
        assert_eq!(
            (&w["count"], &w["first_half"], &w["second_half"]),
            (&1.into(), &1.into(), &0.into())
        );
    }
    assert!(wordings.iter().any(|w| w["text"] == "xqzv wplk brrm"));

    // One office: its hand-offs and topics only.
    let mut urp = args(Format::Json);
    urp.office = Some("urp".into());
    let one: serde_json::Value = serde_json::from_str(
        &command::run(&urp, &settings, &db.store, &flows, now)
            .await
            .unwrap(),
    )
    .unwrap();
    assert_eq!(one["offices"].as_array().unwrap().len(), 1);
    assert_eq!(one["offices"][0]["handoffs"], 3);
    assert_eq!(one["totals"]["conversations"], 0, "not an office's figure");

    // Open data: small cells empty, the rest published, with the DCAT-AP_IT metadata.
    let dir = tempfile::tempdir().unwrap();
    let mut open = args(Format::Text);
    open.open_data = Some(dir.path().to_path_buf());
    open.holder = Some("Comune di Esempio".into());
    open.holder_id = Some("c_x000".into());
    open.contact = Some("urp@comune.esempio.it".into());
    command::run(&open, &settings, &db.store, &flows, now)
        .await
        .unwrap();
    let mut files = HashSet::new();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        clean(&path.display().to_string(), &text);
        files.insert(path.file_name().unwrap().to_string_lossy().into_owned());
    }
    assert!(files.contains("metadati.json") && files.contains("conversazioni-giornaliere.csv"));
    let daily = std::fs::read_to_string(dir.path().join("conversazioni-giornaliere.csv")).unwrap();
    // Wednesday on Telegram in Italian: 2 conversations, 2 new citizens: both suppressed.
    let wednesday = daily
        .lines()
        .find(|l| l.starts_with("2026-11-25,telegram,it,"))
        .unwrap();
    let cells: Vec<&str> = wednesday.split(',').collect();
    assert_eq!((cells[3], cells[6]), ("", ""), "{wednesday}");
    // Thursday on Telegram: 7 conversations, 6 new citizens: published.
    let thursday = daily
        .lines()
        .find(|l| l.starts_with("2026-11-26,telegram,it,"))
        .unwrap();
    let cells: Vec<&str> = thursday.split(',').collect();
    assert_eq!((cells[3], cells[6]), ("7", "6"), "{thursday}");
    for line in daily.lines().skip(1) {
        for cell in line.split(',').skip(3) {
            let n: i64 = cell.parse().unwrap_or(0);
            assert!(n == 0 || n >= 5, "{line}");
        }
    }
    let offices = std::fs::read_to_string(dir.path().join("uffici.csv")).unwrap();
    assert!(offices.contains("urp,"), "{offices}");
    assert!(
        offices.lines().all(|l| !l.ends_with(",4.0")),
        "one rating is not published: {offices}"
    );
    let metadata: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("metadati.json")).unwrap())
            .unwrap();
    for field in [
        "dct:identifier",
        "dct:title",
        "dct:description",
        "dct:modified",
        "dcat:theme",
        "dct:rightsHolder",
        "dct:accrualPeriodicity",
        "dct:temporal",
        "dcat:contactPoint",
        "dcat:distribution",
    ] {
        assert!(!metadata[field].is_null(), "{field} missing");
    }
    assert_eq!(metadata["dct:rightsHolder"]["dct:identifier"], "c_x000");
    assert_eq!(metadata["dcat:distribution"].as_array().unwrap().len(), 4);

    // Open data without a publisher is refused before anything is written.
    let empty = tempfile::tempdir().unwrap();
    let mut anonymous = args(Format::Text);
    anonymous.open_data = Some(empty.path().join("out"));
    let refused = command::run(&anonymous, &settings, &db.store, &flows, now)
        .await
        .unwrap_err();
    assert!(refused.to_string().contains("--holder"), "{refused}");
    assert!(!empty.path().join("out").exists());
}

/// Waits counted within the office's hours. The URP is open on Wednesday from 9:00 to 12:30
/// and on Thursday from 9:00 to 12:30 and from 15:00 to 17:00; a case may wait 30 minutes of
/// them. Elena asks for a person on Wednesday at 12:00; the operator answers on Thursday at
/// 9:45 (21 h 45 on the clock, 30 + 45 = 75 minutes of opening, past the limit) and closes at
/// 15:30 (27 h 30 on the clock; 30 + 210 + 30 = 270 minutes of opening). Fabio asks on
/// Thursday at 10:00, is answered at 10:10 and closed at 10:20.
async fn waits_are_counted_within_the_office_hours(db: &TestDb) {
    let live = live();
    let store = &db.store;
    let mut s = Scenario {
        texts: Vec::new(),
        users: Vec::new(),
        conversations: BTreeSet::new(),
    };
    let (elena, fabio) = ("elena-60001", "fabio-60002");
    let times = [at(D1, 12, 0), at(D2, 9, 45)];
    s.answered_by_an_operator(&live, store, elena, times, Some(at(D2, 15, 30)))
        .await;
    let times = [at(D2, 10, 0), at(D2, 10, 10)];
    s.answered_by_an_operator(&live, store, fabio, times, Some(at(D2, 10, 20)))
        .await;

    let flows = live.get();
    store
        .roll_up(at(27, 8, 0), &flows.office_hours())
        .await
        .unwrap();
    let rows = store.insights(day(D1), day(D2)).await.unwrap();
    let urp = |r: &InsightRow| r.office == "urp";
    assert_eq!(sum(&rows, D1, metric::FIRST_REPLIES, urp), 0);
    assert_eq!(sum(&rows, D2, metric::FIRST_REPLIES, urp), 2);
    assert_eq!(sum(&rows, D2, metric::FIRST_REPLIES_TIMED, urp), 2);
    assert_eq!(
        sum(&rows, D2, metric::FIRST_REPLY_SECONDS, urp),
        (21 * 60 + 45 + 10) * 60,
        "on the clock"
    );
    assert_eq!(
        sum(&rows, D2, metric::FIRST_REPLY_OPEN_SECONDS, urp),
        (75 + 10) * 60,
        "within the hours"
    );
    assert_eq!(
        sum(&rows, D2, metric::FIRST_REPLIES_LATE, urp),
        1,
        "Elena's"
    );
    assert_eq!(sum(&rows, D2, metric::CLOSED_TIMED, urp), 2);
    assert_eq!(
        sum(&rows, D2, metric::CLOSE_SECONDS, urp),
        (27 * 60 + 30 + 20) * 60
    );
    assert_eq!(
        sum(&rows, D2, metric::CLOSE_OPEN_SECONDS, urp),
        (270 + 20) * 60
    );

    // The report: means over the cases, in minutes.
    let filter = sportello::insights::Filter {
        from: day(D1),
        to: day(D2),
        office: Some("urp".into()),
        channel: None,
    };
    let report = sportello::insights::Report::build(&rows, filter, &flows, Lang::It, 0.3);
    let office = report.offices.iter().find(|o| o.office == "urp").unwrap();
    assert_eq!(office.first_replies, 2);
    assert_eq!(
        office.first_reply_minutes,
        Some((21.0 * 60.0 + 45.0 + 10.0) / 2.0)
    );
    assert_eq!(office.first_reply_open_minutes, Some(42.5));
    assert_eq!(office.first_replies_late, 1);
    assert_eq!(office.close_open_minutes, Some(145.0));
    let text = sportello::insights::summary(&report, &flows);
    assert!(
        text.contains("Attesa media della prima risposta in orario d'ufficio"),
        "{text}"
    );
    assert!(text.contains("42,5"), "{text}");
}

on_both_backends!(
    rollups_match_a_hand_count_and_outlive_the_purge,
    waits_are_counted_within_the_office_hours,
    the_purge_rolls_up_the_days_it_is_about_to_empty,
    reports_and_open_data_hold_no_personal_data_and_suppress_small_cells,
    a_rollup_read_one_id_at_a_time_or_stopped_between_reads_gives_the_same_rows,
);

#[test]
fn a_period_the_wrong_way_round_or_a_bad_day_is_refused_with_a_clear_error() {
    let mut backwards = args(Format::Text);
    backwards.from = Some("2026-11-30".into());
    let e = backwards.filter(at(27, 8, 0)).unwrap_err();
    assert!(e.to_string().contains("is after"), "{e}");
    let mut bad = args(Format::Text);
    bad.to = Some("30/11/2026".into());
    let e = bad.filter(at(27, 8, 0)).unwrap_err();
    assert!(e.to_string().contains("YYYY-MM-DD"), "{e}");
    let default = InsightsArgs {
        from: None,
        to: None,
        ..args(Format::Text)
    };
    let f = default.filter(at(27, 8, 0)).unwrap();
    assert_eq!((f.from, f.to), (day(27) - chrono::Days::new(30), day(26)));
}

/// The command as an administrator runs it, after a chat of an earlier day.
#[test]
fn the_command_reports_an_earlier_chat_and_refuses_a_bad_period() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("insights.db");
    let run = |args: &[&str]| crate::cli::sportello_on(&db, args, "");
    let chat = crate::cli::sportello_on(
        &db,
        &[
            "chat",
            "--user",
            "anna",
            "--now",
            "2026-11-25T10:00:00+01:00",
        ],
        "quando scade la tari?\n",
    );
    assert!(chat.status.success());
    let period = ["--from", "2026-11-25", "--to", "2026-11-25"];
    let html = run(&[
        &["insights", "--format", "html", "--lang", "en"][..],
        &period[..],
    ]
    .concat());
    let page = String::from_utf8_lossy(&html.stdout);
    assert!(
        html.status.success(),
        "{}",
        String::from_utf8_lossy(&html.stderr)
    );
    assert!(
        page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"),
        "{page}"
    );
    assert!(
        page.contains("<th scope=\"row\">Resolved by the digital assistant</th><td>1</td>"),
        "{page}"
    );
    assert!(!page.contains("quando scade la tari?") && !page.contains("anna"));
    let text = run(&[&["insights"][..], &period[..]].concat());
    let summary = String::from_utf8_lossy(&text.stdout);
    assert!(
        summary.contains("Periodo: dal 2026-11-25 al 2026-11-25"),
        "{summary}"
    );
    let backwards = run(&["insights", "--from", "2026-11-26", "--to", "2026-11-25"]);
    assert!(!backwards.status.success());
    assert!(String::from_utf8_lossy(&backwards.stderr).contains("is after"));
}

/// What the citizens of the simulated month ask, in turn: (what they write, in English?).
const ASKED: [(&str, bool); 12] = [
    ("quando scade la tari?", false),
    ("orari dell'anagrafe", false),
    ("come rinnovo la carta d'identità?", false),
    ("calendario della raccolta differenziata", false),
    ("iscrizione alla mensa scolastica", false),
    ("quando scade la tari?", false),
    ("ci sono bandi aperti?", false),
    ("eventi del fine settimana", false),
    ("when is the waste tax due?", true),
    ("vorrei sapere il prezzo del biglietto del treno", false),
    ("come pago una multa?", false),
    ("ritiro ingombranti", false),
];

/// A month of the example Comune, November 2026, driven through the engine and the store:
/// on working days about fifteen citizens a day, on weekends about six, on Telegram and
/// WhatsApp, some of them returning; every working day one citizen asks for a person at the
/// terminal and an operator answers, closes and is rated; twice a fire is reported. The HTML
/// report of the month is the sample in docs/ (`SPORTELLO_UPDATE_SAMPLES=1` writes it there;
/// otherwise it goes to a temporary file and is only checked).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_simulated_month_of_the_example_comune_makes_the_sample_report() {
    let db = TestDb::sqlite().await;
    let live = live();
    let flows = live.get();
    let store = &db.store;
    let mut s = Scenario::new();
    // A small linear congruential generator: the same month every run.
    let mut seed: u64 = 2026;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    for d in 1..=30u32 {
        let weekday = chrono::Datelike::weekday(&day(d)).num_days_from_monday();
        let working = weekday < 5;
        let citizens = if working { 12 + next(7) } else { 4 + next(4) };
        for c in 0..citizens {
            // One in four has written before this month.
            let id = if next(4) == 0 {
                next(40)
            } else {
                u64::from(d) * 100 + c
            };
            let (text, english) = ASKED[next(ASKED.len() as u64) as usize];
            let (channel, user) = match (english, id % 3) {
                (true, _) => (ChannelKind::Telegram, format!("en-8{id:04}")),
                (false, 0) => (ChannelKind::WhatsApp, format!("39333{id:07}")),
                _ => (ChannelKind::Telegram, format!("8{id:04}")),
            };
            let hour = if working { 8 + next(10) } else { 10 + next(8) } as u32;
            let at = at(d, hour, next(60) as u32);
            s.say(store, &flows, channel, &user, text, at).await;
            if next(3) == 0 {
                let thanks = if english { "thank you" } else { "grazie" };
                s.say(
                    store,
                    &flows,
                    channel,
                    &user,
                    thanks,
                    at + chrono::Duration::minutes(2),
                )
                .await;
            }
        }
        if working {
            let user = format!("sportello-{d}");
            let asked = at(d, 9 + next(3) as u32, next(60) as u32);
            let answered = asked + chrono::Duration::minutes(5 + next(50) as i64);
            s.answered_by_an_operator(&live, store, &user, [asked, answered], None)
                .await;
            let closed = answered + chrono::Duration::minutes(10 + next(30) as i64);
            let rating = (3 + next(3)).to_string();
            s.chat(&live, store, &user, &["!op /chiudi", &rating], closed)
                .await;
        }
        if d == 7 || d == 21 {
            let user = format!("8{d:04}9");
            let fire = "c'è un incendio nel palazzo di fronte";
            s.say(
                store,
                &flows,
                ChannelKind::Telegram,
                &user,
                fire,
                at(d, 22, 15),
            )
            .await;
        }
    }

    let file = tempfile::Builder::new().suffix(".html").tempfile().unwrap();
    let mut args = args(Format::Html);
    args.from = Some("2026-11-01".into());
    args.to = Some("2026-11-30".into());
    args.output = Some(file.path().to_owned());
    command::run(
        &args,
        &Settings::default(),
        store,
        &flows,
        at(30, 8, 0) + chrono::Duration::days(1),
    )
    .await
    .unwrap();
    let page = std::fs::read_to_string(file.path()).unwrap();
    for part in [
        "<html lang=\"it\">",
        "Periodo: dal 2026-11-01 al 2026-11-30",
        "<svg role=\"img\"",
        "Ufficio Relazioni con il Pubblico",
        "Attesa media della prima risposta in orario d&#39;ufficio",
    ] {
        assert!(
            page.contains(part) || page.contains(&part.replace("&#39;", "'")),
            "{part:?} missing"
        );
    }
    for t in s.quoted() {
        assert!(!page.contains(t), "the sample quotes {t:?}");
    }
    for u in &s.users {
        assert!(!page.contains(u.as_str()), "the sample names {u}");
    }
    if std::env::var_os("SPORTELLO_UPDATE_SAMPLES").is_some() {
        std::fs::write(root().join("docs/insights-sample.html"), &page).unwrap();
    }
    db.close().await;
}
