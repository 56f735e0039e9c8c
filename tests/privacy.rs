//! Privacy on both backends: what the transcript keeps of a citizen's words, the retention
//! purge, and erasure on request.

mod common;

use chrono::{DateTime, Duration, Utc};
use common::{TestDb, echo, t0, text_inbound};
use sportello::channels::{ChannelKind, ChannelUserId};
use sportello::conversations::{self, Handled};
use sportello::engine::{Effect, HandoffReason, Input, Mode, Outcome, State};
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
);

async fn an_erasure_sends_the_receipt_and_then_leaves_only_a_content_free_audit_row(db: &TestDb) {
    let store = &db.store;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (flows, report) =
        sportello::flows::FlowSet::load(&root.join("flows"), &root.join("locales"));
    let Some(flows) = flows else {
        panic!("the example flows should load: {report}")
    };
    let say = |id: &str, text: &str| text_inbound(TG, "erase-me", id, text);
    let first = conversations::handle(store, &flows, say("e1", "orari urp"), t0())
        .await
        .unwrap();
    let first = first.processed().unwrap().conversation_id;
    conversations::handle(store, &flows, say("e2", "/menu"), t0())
        .await
        .unwrap();
    conversations::handle(store, &flows, say("e3", "/cancella_dati"), t0())
        .await
        .unwrap();
    let mut yes = say("e4", "");
    yes.input = Input::Choice {
        id: "si".into(),
        at: None,
    };
    let done = conversations::handle(store, &flows, yes, t0())
        .await
        .unwrap();
    let done = done.processed().unwrap().clone();
    assert_eq!(done.replies.len(), 1);
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
    store.purge(t0(), &Retention::default()).await.unwrap();
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

    let counts = store.purge(t0(), &Retention::default()).await.unwrap();
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
    let counts = store.purge(days(31), &retention).await.unwrap();
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
    let counts = store.purge(days(33), &retention).await.unwrap();
    assert_eq!(
        (counts.conversations, counts.citizens),
        (1, 1),
        "{counts:?}"
    );
    assert!(!exists(store, "health").await);
    assert!(exists(store, "case").await && exists(store, "recent").await);

    // A purge with nothing to do deletes nothing and writes no audit row.
    assert_eq!(store.purge(days(33), &retention).await.unwrap().total(), 0);

    // Day 91: the case is 91 days idle (90 allowed), the recent one 71 (30 allowed).
    let counts = store.purge(days(91), &retention).await.unwrap();
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
