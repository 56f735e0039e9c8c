//! Privacy on both backends: what the transcript keeps of a citizen's words, the retention
//! purge, and erasure on request.

use crate::common;

use chrono::{DateTime, Duration, Utc};
use common::{TestDb, echo, t0, text_inbound};
use sportello::channels::{ChannelKind, ChannelUserId};
use sportello::conversations::{self, Handled};
use sportello::engine::{Effect, HandoffReason, Input, Mode, Outcome, State};
use sportello::metrics::Metrics;
use sportello::store::{Retention, Store};

const TG: ChannelKind = ChannelKind::Telegram;

async fn send(store: &Store, user: &str, id: &str, text: &str) -> conversations::Processed {
    match conversations::handle_with(store, text_inbound(TG, user, id, text), t0(), echo)
        .await
        .expect("handle")
    {
        Handled::Processed(p) => *p,
        Handled::Duplicate => panic!("expected the message to be processed"),
    }
}

on_both_backends!(
    the_transcript_keeps_placeholders_while_the_reply_saw_the_original_text,
    a_health_word_flags_the_conversation_and_plain_questions_do_not,
    a_purge_deletes_what_is_past_retention_and_nothing_younger,
    an_erasure_sends_the_receipt_and_then_leaves_only_a_content_free_audit_row,
    the_short_notice_follows_the_first_answer_once_and_comes_back_for_a_new_version,
    an_emergency_first_message_gets_the_numbers_alone_and_the_notice_comes_next,
    an_export_holds_exactly_the_citizens_data_and_nothing_of_another,
    a_change_of_the_retention_settings_is_audited_once,
    unanswered_messages_are_listed_redacted_and_go_with_their_conversation,
    an_erasure_is_confirmed_by_a_typed_yes_in_the_citizens_own_words,
    a_first_contact_opens_with_the_greeting_of_the_hour_and_a_notice_of_three_short_sentences,
);

/// A question between two topics (noise to report: to the local police, or as a report to the
/// URP): the bot asks "did you mean".
const AMBIGUOUS: &str = "agevolazioni per le bollette, a chi chiedo?";

async fn a_first_contact_opens_with_the_greeting_of_the_hour_and_a_notice_of_three_short_sentences(
    db: &TestDb,
) {
    let store = &db.store;
    let flows = example_flows();
    // 10:00 in Rome: a question first, answered with a greeting and then the notice.
    let morning = say(
        store,
        &flows,
        "mattina",
        "m1",
        "quanto costa la carta d'identità?",
    )
    .await;
    let replies = texts(&morning);
    assert!(
        replies[0].starts_with("Buongiorno.\nCarta d'identità elettronica"),
        "{replies:?}"
    );
    let notice = *replies.last().unwrap();
    // At most three short sentences, on one line.
    assert!(notice.split(". ").count() <= 3, "{notice}");
    assert!(!notice.contains('\n'), "{notice}");
    assert!(
        notice.chars().count() <= 300,
        "{} characters: {notice}",
        notice.chars().count()
    );
    assert!(notice.contains("/privacy"), "{notice}");
    // The whole first reply is short enough to read at a glance.
    let total: usize = replies.iter().map(|t| t.chars().count()).sum();
    assert!(total < 1500, "{total} characters: {replies:?}");
    // Not greeted again in the same conversation.
    let next = say(store, &flows, "mattina", "m2", "e per la residenza?").await;
    assert!(
        !texts(&next)[0].starts_with("Buongiorno"),
        "{:?}",
        texts(&next)
    );

    // 20:30 in Rome: "Buonasera".
    let evening = conversations::handle(
        store,
        &flows,
        &Metrics::new(),
        text_inbound(TG, "sera", "s1", "/start"),
        t0() + Duration::hours(10) + Duration::minutes(30),
    )
    .await
    .unwrap();
    let evening = evening.processed().unwrap();
    assert!(
        evening.replies[0]
            .text
            .starts_with("Buonasera.\nSono l'assistente digitale"),
        "{}",
        evening.replies[0].text
    );
}

async fn an_erasure_is_confirmed_by_a_typed_yes_in_the_citizens_own_words(db: &TestDb) {
    let store = &db.store;
    let flows = example_flows();
    for (user, answer, erased) in [
        ("typed-si-accent", "sì", true),
        ("typed-si", "si", true),
        ("typed-yes", "yes", true),
        ("typed-ok", "Ok", true),
        ("typed-confermo", "Confermo", true),
        ("typed-typo", "confremo", true),
        ("typed-no", "no grazie", false),
        ("typed-other", "come funziona?", false),
    ] {
        let id = |n: u8| format!("{user}-{n}");
        let first = say(store, &flows, user, &id(1), "orari urp").await;
        say(store, &flows, user, &id(2), "/cancella_dati").await;
        let answered = say(store, &flows, user, &id(3), answer).await;
        let erasure = answered
            .effects
            .iter()
            .any(|e| matches!(e, Effect::EraseCitizen { .. }));
        assert_eq!(erasure, erased, "{answer:?}: {:?}", texts(&answered));
        let transcript = store.transcript(first.conversation_id).await.unwrap();
        assert_eq!(transcript.is_empty(), erased, "{answer:?}");
        if erased {
            assert!(
                texts(&answered)[0].contains("Numero di ricevuta"),
                "{answer:?}: {:?}",
                texts(&answered)
            );
        }
    }
}

async fn unanswered_messages_are_listed_redacted_and_go_with_their_conversation(db: &TestDb) {
    let store = &db.store;
    let flows = example_flows();
    let day = |d: i64| t0() + Duration::days(d);
    let say = |user: &str, id: &str, text: &str| text_inbound(TG, user, id, text);
    // A question out of scope with a phone number in it, an answered question, and a refused
    // "did you mean": two misses, the second recorded on the tap but listing the question.
    for (user, id, text) in [
        ("u1", "m1", "orari del cimitero, chiamatemi al 345 678 9012"),
        ("u2", "m2", "quando scade la tari?"),
        ("u3", "m3", AMBIGUOUS),
    ] {
        conversations::handle(store, &flows, &Metrics::new(), say(user, id, text), day(0))
            .await
            .unwrap();
    }
    let tap = sportello::conversations::Inbound {
        input: Input::Choice {
            id: "nessuno".into(),
            at: None,
        },
        ..say("u3", "m4", "")
    };
    conversations::handle(store, &flows, &Metrics::new(), tap, day(0))
        .await
        .unwrap();

    let misses = store.unanswered(day(-1)).await.unwrap();
    let listed: Vec<(&str, &str)> = misses
        .iter()
        .map(|m| (m.reason.as_str(), m.text.as_str()))
        .collect();
    assert_eq!(
        listed,
        [
            (
                "out_of_scope",
                "orari del cimitero, chiamatemi al [telefono]"
            ),
            ("refused", AMBIGUOUS),
        ]
    );
    let groups = sportello::unanswered::group(&misses);
    assert_eq!(groups.len(), 2);

    // The records go with their conversations' transcripts (30 days for the bot's).
    store
        .purge(day(31), &Retention::default(), &Default::default())
        .await
        .unwrap();
    assert!(store.unanswered(day(-1)).await.unwrap().is_empty());
}

async fn an_erasure_sends_the_receipt_and_then_leaves_only_a_content_free_audit_row(db: &TestDb) {
    let store = &db.store;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (flows, report) = sportello::flows::FlowSet::load(
        &root.join("flows"),
        &root.join("locales"),
        sportello::channels::LIMITS,
    );
    let Some(flows) = flows else {
        panic!("the example flows should load: {report}")
    };
    let say = |id: &str, text: &str| text_inbound(TG, "erase-me", id, text);
    let first = conversations::handle(store, &flows, &Metrics::new(), say("e1", "orari urp"), t0())
        .await
        .unwrap();
    let first = first.processed().unwrap().conversation_id;
    let citizen_id = store
        .citizen_status(TG, &ChannelUserId::new("erase-me"))
        .await
        .unwrap()
        .unwrap()
        .citizen_id
        .0;
    conversations::handle(store, &flows, &Metrics::new(), say("e2", "/menu"), t0())
        .await
        .unwrap();
    conversations::handle(
        store,
        &flows,
        &Metrics::new(),
        say("e3", "/cancella_dati"),
        t0(),
    )
    .await
    .unwrap();
    let mut yes = say("e4", "");
    yes.input = Input::Choice {
        id: "si".into(),
        at: None,
    };
    let done = conversations::handle(store, &flows, &Metrics::new(), yes, t0())
        .await
        .unwrap();
    let done = done.processed().unwrap().clone();
    assert_eq!(done.replies.len(), 1);
    let conversation_ids = vec![first.0, done.conversation_id.0];
    let receipt = done
        .effects
        .iter()
        .find_map(|e| match e {
            Effect::EraseCitizen { receipt } => Some(receipt.clone()),
            _ => None,
        })
        .expect("an erasure effect");
    assert!(
        done.replies[0].text.contains(&receipt),
        "{}",
        done.replies[0].text
    );

    // Before the receipt is sent: its reply is the only thing left to deliver, and no
    // transcript remains.
    let outbox = store.outbox_entries(done.conversation_id).await.unwrap();
    assert_eq!(outbox.len(), 1, "{outbox:?}");
    assert!(
        store
            .transcript(done.conversation_id)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(store.transcript(first).await.unwrap().is_empty());
    assert_eq!(store.inbound_count().await.unwrap(), 0);

    // A purge now must not take the receipt away before it is sent.
    store
        .purge(t0(), &Retention::default(), &Default::default())
        .await
        .unwrap();
    assert_eq!(
        store
            .outbox_entries(done.conversation_id)
            .await
            .unwrap()
            .len(),
        1
    );

    let channel = common::RecordingChannel::new(TG);
    let dispatcher = sportello::outbox::Dispatcher::new(store.clone(), channel.clone());
    dispatcher.run_until_idle().await.unwrap();
    let delivered = channel.delivered();
    assert_eq!(delivered.len(), 1, "{delivered:?}");

    let counts = store
        .purge(t0(), &Retention::default(), &Default::default())
        .await
        .unwrap();
    assert_eq!(
        (counts.conversations, counts.citizens),
        (1, 1),
        "{counts:?}"
    );
    assert!(!exists(store, "erase-me").await);
    assert!(
        store
            .conversation(done.conversation_id)
            .await
            .unwrap()
            .is_none()
    );
    let audit = store.audit_events("erasure").await.unwrap();
    assert_eq!(audit.len(), 1);
    assert!(audit[0].0.contains(&receipt));

    // Every row of every table: none refers to the citizen or their conversations, and none
    // holds their channel id.
    let rows = dump(db).await;
    let about = referring(&rows, citizen_id, &conversation_ids, "erase-me");
    assert!(about.is_empty(), "rows left about the citizen: {about:#?}");
    assert!(
        rows.iter()
            .any(|r| r.table == "audit" && r.get("detail").contains(&receipt)),
        "the erasure audit row stays"
    );
}

fn days(n: i64) -> DateTime<Utc> {
    t0() + Duration::days(n)
}

/// Like `echo`, but "operatore" hands the conversation to the URP.
fn handoff_or_echo(state: &State, input: &Input, now: DateTime<Utc>) -> Outcome {
    let mut outcome = echo(state, input, now);
    if matches!(input, Input::Text { text } if text == "operatore") {
        outcome.state.mode = Mode::Handoff {
            office: "urp".into(),
        };
        outcome.effects.push(Effect::Handoff {
            office: "urp".into(),
            reason: HandoffReason::Asked,
        });
    }
    outcome
}

/// A message from `user` written and received at `now`.
async fn send_at(store: &Store, user: &str, id: &str, text: &str, now: DateTime<Utc>) {
    let mut inbound = text_inbound(TG, user, id, text);
    inbound.received_at = now;
    let handled = conversations::handle_with(store, inbound, now, handoff_or_echo)
        .await
        .expect("handle");
    assert!(!handled.is_duplicate());
}

async fn exists(store: &Store, user: &str) -> bool {
    let user = ChannelUserId::new(user);
    let citizen = store.citizen_status(TG, &user).await.unwrap();
    let conversation = store.current_conversation(TG, &user).await.unwrap();
    assert_eq!(
        citizen.is_some(),
        conversation.is_some(),
        "citizen without conversation"
    );
    conversation.is_some()
}

async fn a_purge_deletes_what_is_past_retention_and_nothing_younger(db: &TestDb) {
    let store = &db.store;
    let retention = Retention::default();
    send_at(store, "bot", "p1", "orari anagrafe", days(0)).await;
    let old = store
        .current_conversation(TG, &ChannelUserId::new("bot"))
        .await
        .unwrap()
        .unwrap()
        .conversation_id;
    send_at(store, "case", "p2", "operatore", days(0)).await;
    send_at(store, "recent", "p3", "orari tributi", days(20)).await;
    send_at(store, "health", "p4", "mio figlio ha il diabete", days(25)).await;
    assert_eq!(store.inbound_count().await.unwrap(), 4);

    // Day 31: the bot-only conversation is 31 days idle (30 allowed) and goes with its
    // citizen; the case (90), the recent one and the health one (6 of 7 days) stay.
    let counts = store
        .purge(days(31), &retention, &Default::default())
        .await
        .unwrap();
    assert_eq!(
        (counts.conversations, counts.citizens),
        (1, 1),
        "{counts:?}"
    );
    assert!(!exists(store, "bot").await);
    assert!(store.conversation(old).await.unwrap().is_none());
    assert!(store.transcript(old).await.unwrap().is_empty());
    assert!(store.outbox_entries(old).await.unwrap().is_empty());
    for user in ["case", "recent", "health"] {
        assert!(exists(store, user).await, "{user} was purged too early");
    }
    // Inbound ids older than 7 days (before day 24) went; the one from day 25 stays.
    assert_eq!(store.inbound_count().await.unwrap(), 1);

    // Day 33: the health conversation is 8 days idle (7 allowed for special categories).
    let counts = store
        .purge(days(33), &retention, &Default::default())
        .await
        .unwrap();
    assert_eq!(
        (counts.conversations, counts.citizens),
        (1, 1),
        "{counts:?}"
    );
    assert!(!exists(store, "health").await);
    assert!(exists(store, "case").await && exists(store, "recent").await);

    // A purge with nothing to do deletes nothing and writes no audit row.
    assert_eq!(
        store
            .purge(days(33), &retention, &Default::default())
            .await
            .unwrap()
            .total(),
        0
    );

    // Day 91: the case is 91 days idle (90 allowed), the recent one 71 (30 allowed).
    let counts = store
        .purge(days(91), &retention, &Default::default())
        .await
        .unwrap();
    assert_eq!(
        (counts.conversations, counts.citizens),
        (2, 2),
        "{counts:?}"
    );
    assert!(!exists(store, "case").await && !exists(store, "recent").await);
    assert_eq!(store.inbound_count().await.unwrap(), 0);

    // Each purge that deleted something left its counts, and only counts, in the audit log.
    let audit = store.audit_events("purge").await.unwrap();
    assert_eq!(audit.len(), 3);
    assert!(audit[0].0.contains("\"conversations\":2"), "{}", audit[0].0);
    assert!(audit.iter().all(|(detail, _)| !detail.contains("case")));
}

async fn the_transcript_keeps_placeholders_while_the_reply_saw_the_original_text(db: &TestDb) {
    let store = &db.store;
    let text = "Sono RSSMRA85T10A562S, chiamatemi al 333 1234567";
    let p = send(store, "11", "r1", text).await;

    // The engine (here the echo) worked on the original text, and so does what is sent.
    assert_eq!(p.replies[0].text, format!("{text} #0"));
    let outbox = store.outbox_entries(p.conversation_id).await.unwrap();
    assert_eq!(outbox.len(), 1);

    let transcript = store.transcript(p.conversation_id).await.unwrap();
    let citizen_line = &transcript[0];
    assert!(citizen_line.inbound);
    assert_eq!(
        citizen_line.text,
        "Sono [codice fiscale], chiamatemi al [telefono]"
    );
    let conversation = store
        .conversation(p.conversation_id)
        .await
        .unwrap()
        .unwrap();
    assert!(!conversation.special_category);
}

async fn a_health_word_flags_the_conversation_and_plain_questions_do_not(db: &TestDb) {
    let store = &db.store;
    let plain = send(store, "21", "h1", "orari anagrafe").await;
    let flagged = send(store, "22", "h2", "orari anagrafe").await;
    send(
        store,
        "22",
        "h3",
        "mio figlio ha il diabete, serve un certificato",
    )
    .await;
    // The flag stays for the rest of the conversation.
    send(store, "22", "h4", "grazie").await;

    let plain = store
        .conversation(plain.conversation_id)
        .await
        .unwrap()
        .unwrap();
    let flagged = store
        .conversation(flagged.conversation_id)
        .await
        .unwrap()
        .unwrap();
    assert!(!plain.special_category);
    assert!(flagged.special_category);
    let user = ChannelUserId::new("22");
    let current = store
        .current_conversation(TG, &user)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(current.conversation_id, flagged.conversation_id);
}

fn example_flows() -> sportello::flows::FlowSet {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (flows, report) = sportello::flows::FlowSet::load(
        &root.join("flows"),
        &root.join("locales"),
        sportello::channels::LIMITS,
    );
    flows.unwrap_or_else(|| panic!("the example flows should load: {report}"))
}

async fn say(
    store: &Store,
    flows: &sportello::flows::FlowSet,
    user: &str,
    id: &str,
    text: &str,
) -> conversations::Processed {
    let handled = conversations::handle(
        store,
        flows,
        &Metrics::new(),
        text_inbound(TG, user, id, text),
        t0(),
    )
    .await
    .expect("handle");
    handled.processed().expect("processed").clone()
}

fn texts(p: &conversations::Processed) -> Vec<&str> {
    p.replies.iter().map(|r| r.text.as_str()).collect()
}

async fn seen_version(store: &Store, user: &str) -> Option<String> {
    store
        .citizen_status(TG, &ChannelUserId::new(user))
        .await
        .unwrap()
        .expect("a citizen")
        .privacy_notice_version
}

async fn the_short_notice_follows_the_first_answer_once_and_comes_back_for_a_new_version(
    db: &TestDb,
) {
    let store = &db.store;
    let flows = example_flows();
    let short = flows
        .locales
        .text(sportello::i18n::Lang::It, "common-privacy-short", &[]);
    let full = flows
        .locales
        .text(sportello::i18n::Lang::It, "common-privacy-notice", &[]);
    assert!(short.contains("/privacy") && short.contains("/i_miei_dati"));

    // First contact: the answer first, then the notice, and the version is recorded.
    let first = say(store, &flows, "nuovo", "n1", "orari urp").await;
    assert!(first.replies.len() >= 2, "{:?}", texts(&first));
    assert_eq!(first.replies.last().unwrap().text, short);
    assert!(!first.replies[0].text.contains("Informativa"));
    assert_eq!(
        seen_version(store, "nuovo").await.as_deref(),
        Some(flows.privacy_notice_version.as_str())
    );

    // Seen: not again.
    let second = say(store, &flows, "nuovo", "n2", "/menu").await;
    assert!(
        !texts(&second).contains(&short.as_str()),
        "{:?}",
        texts(&second)
    );

    // A citizen who saw an older version sees the current one once more.
    store
        .record_privacy_notice(TG, &ChannelUserId::new("nuovo"), "0000", t0())
        .await
        .unwrap();
    let again = say(store, &flows, "nuovo", "n3", "/aiuto").await;
    assert_eq!(again.replies.last().unwrap().text, short);
    assert_eq!(
        seen_version(store, "nuovo").await.as_deref(),
        Some(flows.privacy_notice_version.as_str())
    );

    // Asking for the full notice first counts as having seen it.
    let asked = say(store, &flows, "attento", "a1", "/privacy").await;
    assert_eq!(texts(&asked), [full.as_str()]);
    assert_eq!(
        seen_version(store, "attento").await.as_deref(),
        Some(flows.privacy_notice_version.as_str())
    );

    // The version is the notice texts' fingerprint: an edit of them is a new version, the
    // same texts elsewhere are the same version.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let copy = tempfile::tempdir().unwrap();
    for lang in ["it", "en"] {
        std::fs::create_dir_all(copy.path().join(lang)).unwrap();
        for entry in std::fs::read_dir(root.join("locales").join(lang)).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), copy.path().join(lang).join(entry.file_name())).unwrap();
        }
    }
    let load = || {
        let (set, report) = sportello::flows::FlowSet::load(
            &root.join("flows"),
            copy.path(),
            sportello::channels::LIMITS,
        );
        set.unwrap_or_else(|| panic!("{report}"))
    };
    assert_eq!(load().privacy_notice_version, flows.privacy_notice_version);
    let file = copy.path().join("it").join("privacy.ftl");
    let edited = std::fs::read_to_string(&file)
        .unwrap()
        .replace("in breve", "in sintesi");
    std::fs::write(&file, edited).unwrap();
    assert_ne!(load().privacy_notice_version, flows.privacy_notice_version);
}

async fn an_emergency_first_message_gets_the_numbers_alone_and_the_notice_comes_next(db: &TestDb) {
    let store = &db.store;
    let flows = example_flows();
    let short = flows
        .locales
        .text(sportello::i18n::Lang::It, "common-privacy-short", &[]);
    let emergency = say(store, &flows, "fuoco", "f1", "c'è un incendio in via Roma").await;
    assert_eq!(emergency.state.flow.as_deref(), Some("emergenze"));
    assert!(emergency.replies[0].text.contains("112"));
    assert!(!texts(&emergency).contains(&short.as_str()));
    assert_eq!(seen_version(store, "fuoco").await, None);

    let next = say(store, &flows, "fuoco", "f2", "/menu").await;
    assert_eq!(next.replies.last().unwrap().text, short);
    assert!(seen_version(store, "fuoco").await.is_some());
}

async fn an_export_holds_exactly_the_citizens_data_and_nothing_of_another(db: &TestDb) {
    let store = &db.store;
    let flows = example_flows();
    say(store, &flows, "anna", "x1", "orari anagrafe").await;
    say(store, &flows, "bruno", "y1", "la tari di bruno-unico").await;
    say(
        store,
        &flows,
        "anna",
        "x2",
        "il mio codice fiscale è RSSMRA85T10A562S",
    )
    .await;
    say(store, &flows, "bruno", "y2", "operatore").await;
    // Anna's request goes to an operator too: her case is hers to see.
    say(store, &flows, "anna", "x4", "/operatore").await;
    let p = say(store, &flows, "anna", "x3", "/i_miei_dati").await;
    assert!(p.effects.contains(&Effect::ExportCitizen));
    let reply = p.replies.last().unwrap();
    let file = reply.attachment.as_ref().expect("the export file");
    assert_eq!(file.mime, "application/json");
    let json: serde_json::Value = serde_json::from_str(&file.content).unwrap();

    // Only Anna, and only as stored: the codice fiscale was redacted before storage.
    assert!(!file.content.contains("bruno"), "{}", file.content);
    assert!(!file.content.contains("RSSMRA85T10A562S"));
    assert!(
        file.content
            .contains("il mio codice fiscale è [codice fiscale]")
    );
    assert_eq!(json["citizen"][0]["channel_user_id"], "anna");
    assert_eq!(json["citizen"][0]["channel"], "telegram");
    assert!(!reply.text.contains("bruno") && !reply.text.contains("RSSMRA85T10A562S"));
    assert!(reply.text.contains("orari anagrafe"), "{}", reply.text);
    assert!(reply.text.contains("Conversazione 1"), "{}", reply.text);

    // Every row of every table that refers to Anna is in the export, table by table: a new
    // table holding citizen data fails here until it is added to the export.
    let anna = store
        .citizen_status(TG, &ChannelUserId::new("anna"))
        .await
        .unwrap()
        .unwrap()
        .citizen_id
        .0;
    let conversations: Vec<i64> = json["conversations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["conversation_id"].as_i64().unwrap())
        .collect();
    assert_eq!(conversations, [p.conversation_id.0]);
    let rows = dump(db).await;
    let about = referring(&rows, anna, &conversations, "anna");
    // Transcript lines and operators' internal notes share the `messages` table.
    let exported = |table: &str| -> Option<&[&str]> {
        match table {
            "citizens" => Some(&["citizen"]),
            "conversations" => Some(&["conversations"]),
            "messages" => Some(&["messages", "internal_notes"]),
            "outbox" => Some(&["replies"]),
            "inbound" => Some(&["inbound"]),
            "audit" => Some(&["audit"]),
            "cases" => Some(&["cases"]),
            "case_texts" => Some(&["case_texts"]),
            _ => None,
        }
    };
    let mut tables: Vec<&str> = about.iter().map(|r| r.table.as_str()).collect();
    tables.dedup();
    for table in tables {
        let keys = exported(table)
            .unwrap_or_else(|| panic!("table {table} holds data about the citizen: export it"));
        let in_db = about.iter().filter(|r| r.table == table).count();
        // The export's own reply is queued after the export was taken.
        let expected = if table == "outbox" { in_db - 1 } else { in_db };
        let in_export: usize = keys
            .iter()
            .map(|key| json[*key].as_array().map_or(0, Vec::len))
            .sum();
        assert_eq!(in_export, expected, "{table}: {json:#?}");
    }
    let transcript: Vec<&str> = json["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["direction"] == "in")
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        transcript,
        [
            "orari anagrafe",
            "il mio codice fiscale è [codice fiscale]",
            "/operatore",
            "/i_miei_dati"
        ]
    );
    let cases = json["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 1, "{cases:#?}");
    assert_eq!(cases[0]["conversation_id"], p.conversation_id.0);

    // The export is audited without content.
    let audit = store.audit_events("export").await.unwrap();
    assert_eq!(audit.len(), 1);
    assert!(!audit[0].0.contains("anna") && !audit[0].0.contains("anagrafe"));

    // Once delivered, the queued copy is emptied: the data lives only in the originals.
    let channel = common::RecordingChannel::new(TG);
    sportello::outbox::Dispatcher::new(store.clone(), channel.clone())
        .run_until_idle()
        .await
        .unwrap();
    assert!(
        channel
            .delivered()
            .iter()
            .any(|d| d.user == "anna" && d.text.contains("orari anagrafe"))
    );
    let outbox: Vec<String> = dump(db)
        .await
        .iter()
        .filter(|r| r.table == "outbox")
        .map(|r| r.get("payload"))
        .collect();
    assert!(
        outbox
            .iter()
            .all(|p| !p.contains("generated_at") && !p.contains("orari anagrafe")),
        "{outbox:#?}"
    );
}

/// One row of a table, every column as text.
#[derive(Debug)]
pub(crate) struct Row {
    pub(crate) table: String,
    pub(crate) columns: Vec<(String, Option<String>)>,
}

impl Row {
    fn get(&self, column: &str) -> String {
        self.columns
            .iter()
            .find(|(c, _)| c == column)
            .and_then(|(_, v)| v.clone())
            .unwrap_or_default()
    }
}

/// Every row of every table of the schema, read through a connection of its own.
pub(crate) async fn dump(db: &TestDb) -> Vec<Row> {
    use sqlx::{Connection, Row as _};
    let mut out = Vec::new();
    match db.kind() {
        sportello::store::BackendKind::Sqlite => {
            let mut conn = sqlx::SqliteConnection::connect(&db.url).await.unwrap();
            let tables: Vec<String> = sqlx::query_scalar(
                "select name from sqlite_master where type = 'table' \
                 and name not like 'sqlite_%' and name not like '_sqlx%'",
            )
            .fetch_all(&mut conn)
            .await
            .unwrap();
            for table in tables {
                let columns: Vec<String> =
                    sqlx::query_scalar("select name from pragma_table_info($1) order by cid")
                        .bind(&table)
                        .fetch_all(&mut conn)
                        .await
                        .unwrap();
                let select: Vec<String> = columns
                    .iter()
                    .map(|c| format!("cast({c} as text)"))
                    .collect();
                let sql = format!("select {} from {table}", select.join(", "));
                for row in sqlx::query(sqlx::AssertSqlSafe(sql))
                    .fetch_all(&mut conn)
                    .await
                    .unwrap()
                {
                    out.push(Row {
                        table: table.clone(),
                        columns: (0..columns.len())
                            .map(|i| (columns[i].clone(), row.get::<Option<String>, _>(i)))
                            .collect(),
                    });
                }
            }
            conn.close().await.ok();
        }
        sportello::store::BackendKind::Postgres => {
            let mut conn = sqlx::PgConnection::connect(&db.url).await.unwrap();
            let tables: Vec<String> = sqlx::query_scalar(
                "select table_name::text from information_schema.tables \
                 where table_schema = current_schema() and table_type = 'BASE TABLE' \
                 and table_name not like '\\_sqlx%' order by table_name",
            )
            .fetch_all(&mut conn)
            .await
            .unwrap();
            for table in tables {
                let columns: Vec<String> = sqlx::query_scalar(
                    "select column_name::text from information_schema.columns \
                     where table_schema = current_schema() and table_name = $1 \
                     order by ordinal_position",
                )
                .bind(&table)
                .fetch_all(&mut conn)
                .await
                .unwrap();
                let select: Vec<String> = columns.iter().map(|c| format!("{c}::text")).collect();
                let sql = format!("select {} from {table}", select.join(", "));
                for row in sqlx::query(sqlx::AssertSqlSafe(sql))
                    .fetch_all(&mut conn)
                    .await
                    .unwrap()
                {
                    out.push(Row {
                        table: table.clone(),
                        columns: (0..columns.len())
                            .map(|i| (columns[i].clone(), row.get::<Option<String>, _>(i)))
                            .collect(),
                    });
                }
            }
            conn.close().await.ok();
        }
    }
    out
}

/// The rows that refer to a citizen: by citizen id, by one of their conversations, or by
/// holding their channel id anywhere.
fn referring<'a>(rows: &'a [Row], citizen: i64, conversations: &[i64], user: &str) -> Vec<&'a Row> {
    let citizen = citizen.to_string();
    let conversations: Vec<String> = conversations.iter().map(i64::to_string).collect();
    rows.iter()
        .filter(|r| {
            r.get("citizen_id") == citizen
                || conversations.contains(&r.get("conversation_id"))
                || r.columns.iter().any(|(_, v)| {
                    v.as_deref()
                        .is_some_and(|v| v == user || v.contains(&format!("\"{user}\"")))
                })
        })
        .collect()
}

async fn a_change_of_the_retention_settings_is_audited_once(db: &TestDb) {
    let store = &db.store;
    let defaults = Retention::default();
    assert!(store.audit_retention(&defaults, t0()).await.unwrap());
    // The same settings at the next start: nothing new.
    assert!(!store.audit_retention(&defaults, days(1)).await.unwrap());
    let shorter = Retention::days(14, 90, 7, 7, 365);
    assert!(store.audit_retention(&shorter, days(2)).await.unwrap());
    assert!(!store.audit_retention(&shorter, days(3)).await.unwrap());
    let rows = store
        .audit_events(sportello::store::RETENTION_EVENT)
        .await
        .unwrap();
    assert_eq!(rows.len(), 2);
    let newest: serde_json::Value = serde_json::from_str(&rows[0].0).unwrap();
    assert_eq!(newest["transcript_days"], 14);
    assert_eq!(newest["case_days"], 90);
    let oldest: serde_json::Value = serde_json::from_str(&rows[1].0).unwrap();
    assert_eq!(oldest["transcript_days"], 30);
}
