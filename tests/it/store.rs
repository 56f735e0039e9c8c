//! Store behaviour on both backends: exactly-once inbound processing, per-conversation order,
//! state round-trips, conversation status, and the outbox dispatcher's retries and failures.

use crate::common;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use common::{RecordingChannel, TestDb, echo, t0, text_inbound};
use sportello::channels::{ChannelKind, ChannelUserId, PermanentReason, SendError};
use sportello::clock::ManualClock;
use sportello::conversations::{self, Handled, Inbound};
use sportello::engine::{Effect, HandoffReason, Input, Mode, Outcome, Reply, State};
use sportello::flows::FlowSet;
use sportello::metrics::Metrics;
use sportello::outbox::{Dispatcher, DispatcherConfig};
use sportello::store::{ConversationStatus, OutboxStatus, Store};

const TG: ChannelKind = ChannelKind::Telegram;

async fn handle(store: &Store, inbound: Inbound) -> Handled {
    conversations::handle_with(store, inbound, t0(), echo)
        .await
        .expect("handle")
}

fn processed(handled: Handled) -> conversations::Processed {
    match handled {
        Handled::Processed(p) => *p,
        Handled::Duplicate => panic!("expected the message to be processed, it was a duplicate"),
    }
}

on_both_backends!(
    a_reply_is_claimed_before_the_reminders_and_overtakes_the_one_in_its_conversation,
    a_first_message_opens_a_conversation_and_queues_its_replies,
    a_message_holding_nul_characters_is_answered_and_kept_without_them,
    a_redelivered_message_gets_no_second_reply,
    the_same_message_delivered_concurrently_is_processed_once,
    many_workers_keep_each_conversation_in_order,
    concurrent_messages_of_one_citizen_never_lose_a_state_update,
    handoff_and_end_set_the_conversation_status_and_an_ended_conversation_is_not_reused,
    the_real_engine_path_queues_exactly_the_replies_it_returns,
    the_dispatcher_sends_each_reply_once_in_conversation_order,
    a_hung_send_does_not_hold_back_the_other_conversations,
    sends_recorded_together_are_each_recorded_once,
    a_transient_failure_is_retried_no_earlier_than_retry_after,
    a_citizen_who_blocked_the_bot_is_marked_unreachable_and_the_queue_moves_on,
    a_reply_that_keeps_failing_is_given_up_after_the_attempt_limit,
    an_expired_claim_of_a_crashed_dispatcher_is_sent_by_another,
    two_dispatchers_on_one_database_never_send_a_reply_twice,
    an_unreadable_stored_state_starts_over_instead_of_silencing_the_citizen,
    a_restarted_process_resumes_the_conversation_where_the_citizen_was,
    the_operators_queue_counts_waiting_conversations_per_office,
    callers_that_give_up_mid_transaction_cost_the_others_nothing,
    a_step_that_crashes_loses_nothing_for_the_citizens_processed_with_it,
);

async fn the_operators_queue_counts_waiting_conversations_per_office(db: &TestDb) {
    let store = &db.store;
    store.ping().await.unwrap();
    assert!(store.queues().await.unwrap().is_empty());
    for (user, id) in [("71", "q1"), ("72", "q2")] {
        conversations::handle_with(
            store,
            text_inbound(TG, user, id, "operatore"),
            t0(),
            office_engine,
        )
        .await
        .unwrap();
    }
    conversations::handle_with(
        store,
        text_inbound(TG, "73", "q3", "buongiorno"),
        t0(),
        office_engine,
    )
    .await
    .unwrap();
    let queues = store.queues().await.unwrap();
    assert_eq!(queues.len(), 1, "{queues:?}");
    assert_eq!((queues[0].office.as_str(), queues[0].waiting), ("urp", 2));
    assert_eq!(queues[0].oldest_since, Some(t0()));
}

/// NUL is no character a citizen types, but a client can send it: SQLite's JSON functions
/// (which the batches read) end a string there, and PostgreSQL refuses it in text.
async fn a_message_holding_nul_characters_is_answered_and_kept_without_them(db: &TestDb) {
    let store = &db.store;
    let mut tasks = Vec::new();
    for n in 0..8 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            let text = format!("ciao\0 mondo {n}\u{0}");
            processed(
                handle(
                    &store,
                    text_inbound(TG, &format!("77{n}"), &format!("z{n}"), &text),
                )
                .await,
            )
        }));
    }
    for (n, task) in tasks.into_iter().enumerate() {
        let handled = task.await.unwrap();
        assert_eq!(handled.outbox_ids.len(), 1);
        let transcript = store.transcript(handled.conversation_id).await.unwrap();
        let texts: Vec<&str> = transcript.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [format!("ciao mondo {n}"), format!("ciao mondo {n} #0")]
        );
        let outbox = store.outbox_entries(handled.conversation_id).await.unwrap();
        assert_eq!(outbox.len(), 1, "one reply queued");
    }
}

async fn a_first_message_opens_a_conversation_and_queues_its_replies(db: &TestDb) {
    let store = &db.store;
    let user = ChannelUserId::new("4242");
    assert!(
        store
            .current_conversation(TG, &user)
            .await
            .unwrap()
            .is_none()
    );

    let first = processed(handle(store, text_inbound(TG, "4242", "u1", "ciao")).await);
    let second = processed(handle(store, text_inbound(TG, "4242", "u2", "many things")).await);
    assert_eq!(first.conversation_id, second.conversation_id);
    assert_eq!(first.outbox_ids.len(), 1);
    assert_eq!(second.outbox_ids.len(), 3);

    let conversation = store
        .current_conversation(TG, &user)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(conversation.conversation_id, first.conversation_id);
    assert_eq!(
        common::state_of(&conversation),
        second.state,
        "state round-trips"
    );
    assert_eq!(
        common::state_of(&conversation).path,
        ["ciao", "many things"]
    );
    assert_eq!(conversation.status, ConversationStatus::Bot);
    assert_eq!(conversation.last_seq, 4);

    let transcript = store.transcript(first.conversation_id).await.unwrap();
    let directions: Vec<bool> = transcript.iter().map(|l| l.inbound).collect();
    assert_eq!(directions, [true, false, true, false, false, false]);
    assert_eq!(transcript[2].text, "many things");

    let outbox = store.outbox_entries(first.conversation_id).await.unwrap();
    let seqs: Vec<i64> = outbox.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, [1, 2, 3, 4]);
    assert!(outbox.iter().all(|e| e.status == OutboxStatus::Pending));
    assert_eq!(outbox[0].inbound_message_id.as_deref(), Some("u1"));
    assert_eq!(outbox[3].inbound_message_id.as_deref(), Some("u2"));

    let citizen = store.citizen_status(TG, &user).await.unwrap().unwrap();
    assert_eq!(citizen.privacy_notice_version, None);
    assert!(
        store
            .record_privacy_notice(TG, &user, "2025-01", t0())
            .await
            .unwrap()
    );
    let citizen = store.citizen_status(TG, &user).await.unwrap().unwrap();
    assert_eq!(citizen.privacy_notice_version.as_deref(), Some("2025-01"));

    // The same user id on another channel is another citizen.
    let other = processed(
        handle(
            store,
            text_inbound(ChannelKind::WhatsApp, "4242", "u1", "ciao"),
        )
        .await,
    );
    assert_ne!(other.conversation_id, first.conversation_id);
}

async fn a_redelivered_message_gets_no_second_reply(db: &TestDb) {
    let store = &db.store;
    let first = handle(store, text_inbound(TG, "7", "m-1", "ciao")).await;
    assert!(!first.is_duplicate());
    for _ in 0..3 {
        let again = handle(store, text_inbound(TG, "7", "m-1", "ciao")).await;
        assert_eq!(again, Handled::Duplicate);
    }
    let id = first.processed().unwrap().conversation_id;
    assert_eq!(store.outbox_entries(id).await.unwrap().len(), 1);
    assert_eq!(store.transcript(id).await.unwrap().len(), 2);
    assert_eq!(store.inbound_count().await.unwrap(), 1);
    let state = common::state_of(&store.conversation(id).await.unwrap().unwrap());
    assert_eq!(state.path, ["ciao"], "the duplicate did not run the engine");
}

async fn the_same_message_delivered_concurrently_is_processed_once(db: &TestDb) {
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let store = db.store.clone();
        tasks.spawn(async move { handle(&store, text_inbound(TG, "9", "same", "ciao")).await });
    }
    let mut processed_count = 0;
    while let Some(result) = tasks.join_next().await {
        if !result.unwrap().is_duplicate() {
            processed_count += 1;
        }
    }
    assert_eq!(processed_count, 1);
    assert_eq!(db.store.outbox_counts().await.unwrap().pending, 1);
}

/// After a burst in which some callers may have been cut short: delivers every message again,
/// and checks that each citizen's message was processed exactly once, with one reply.
async fn redeliver_and_count_once(store: &Store, citizens: usize, text: &str) {
    for c in 0..citizens {
        let inbound = text_inbound(TG, &format!("c{c}"), &format!("c{c}-m0"), text);
        conversations::handle_with(store, inbound, t0(), echo)
            .await
            .expect("redelivery");
    }
    assert_eq!(store.inbound_count().await.unwrap(), citizens as i64);
    assert_eq!(
        store.outbox_counts().await.unwrap().pending,
        citizens as i64
    );
    for c in 0..citizens {
        let user = ChannelUserId::new(format!("c{c}"));
        let conversation = store.current_conversation(TG, &user).await.unwrap();
        let conversation = conversation.unwrap_or_else(|| panic!("c{c} has a conversation"));
        assert_eq!(
            common::state_of(&conversation).path,
            [text],
            "c{c}: one step, once"
        );
        let transcript = store
            .transcript(conversation.conversation_id)
            .await
            .unwrap();
        assert_eq!(transcript.len(), 2, "c{c}: the message and its reply");
    }
}

async fn callers_that_give_up_mid_transaction_cost_the_others_nothing(db: &TestDb) {
    // Many citizens write at once (on PostgreSQL they share batches); every third caller is
    // cancelled at some point of its transaction, as a shutdown or a timeout would do.
    const CITIZENS: usize = 60;
    let mut tasks = Vec::new();
    for c in 0..CITIZENS {
        let store = db.store.clone();
        tasks.push(tokio::spawn(async move {
            let inbound = text_inbound(TG, &format!("c{c}"), &format!("c{c}-m0"), "ciao");
            conversations::handle_with(&store, inbound, t0(), echo).await
        }));
    }
    for (c, task) in tasks.iter().enumerate() {
        if c % 3 == 0 {
            tokio::task::yield_now().await;
            task.abort();
        }
    }
    for task in tasks {
        match task.await {
            Ok(result) => assert!(!result.expect("handle").is_duplicate()),
            Err(e) => assert!(e.is_cancelled()),
        }
    }
    // A cancelled message was either processed whole or not at all: the channel delivers it
    // again, and it is answered once.
    redeliver_and_count_once(&db.store, CITIZENS, "ciao").await;
}

async fn a_step_that_crashes_loses_nothing_for_the_citizens_processed_with_it(db: &TestDb) {
    // The engine panics on one citizen's message while others are in flight with it.
    const CITIZENS: usize = 40;
    fn fragile(state: &State, input: &Input, now: chrono::DateTime<chrono::Utc>) -> Outcome {
        if matches!(input, Input::Text { text } if text == "boom") {
            panic!("engine failure on purpose");
        }
        echo(state, input, now)
    }
    let mut tasks = tokio::task::JoinSet::new();
    for c in 0..CITIZENS {
        let store = db.store.clone();
        let text = if c == 7 { "boom" } else { "ciao" };
        tasks.spawn(async move {
            let inbound = text_inbound(TG, &format!("c{c}"), &format!("c{c}-m0"), text);
            conversations::handle_with(&store, inbound, t0(), fragile).await
        });
    }
    let mut panics = 0;
    while let Some(result) = tasks.join_next().await {
        match result {
            Ok(handled) => assert!(!handled.expect("handle").is_duplicate()),
            Err(e) => {
                assert!(e.is_panic());
                panics += 1;
            }
        }
    }
    assert_eq!(panics, 1);
    // Nothing of the crashed message was kept; everyone else was answered once.
    assert_eq!(db.store.inbound_count().await.unwrap(), CITIZENS as i64 - 1);
    assert_eq!(
        db.store.outbox_counts().await.unwrap().pending,
        CITIZENS as i64 - 1
    );
    // Once the engine is fixed, the redelivered message is answered like the others.
    let inbound = text_inbound(TG, "c7", "c7-m0", "ciao");
    assert!(!handle(&db.store, inbound).await.is_duplicate());
    redeliver_and_count_once(&db.store, CITIZENS, "ciao").await;
}

async fn many_workers_keep_each_conversation_in_order(db: &TestDb) {
    const WORKERS: usize = 8;
    const CONVERSATIONS: usize = 200;
    const MESSAGES: usize = 20;
    // Each worker owns a share of the citizens and goes round them, so every worker writes
    // at once and each citizen's messages arrive in order.
    let mut tasks = tokio::task::JoinSet::new();
    for worker in 0..WORKERS {
        let store = db.store.clone();
        tasks.spawn(async move {
            let mine: Vec<usize> = (0..CONVERSATIONS)
                .filter(|c| c % WORKERS == worker)
                .collect();
            for m in 0..MESSAGES {
                for c in &mine {
                    let inbound = text_inbound(
                        TG,
                        &format!("c{c}"),
                        &format!("c{c}-m{m}"),
                        &format!("m{m}"),
                    );
                    assert!(!handle(&store, inbound).await.is_duplicate());
                }
            }
        });
    }
    while let Some(result) = tasks.join_next().await {
        result.unwrap();
    }
    assert_eq!(
        db.store.inbound_count().await.unwrap(),
        (CONVERSATIONS * MESSAGES) as i64
    );
    let expected: Vec<String> = (0..MESSAGES).map(|m| format!("m{m}")).collect();
    for c in 0..CONVERSATIONS {
        let user = ChannelUserId::new(format!("c{c}"));
        let conversation = db
            .store
            .current_conversation(TG, &user)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            common::state_of(&conversation).path,
            expected,
            "conversation c{c} state"
        );
        let outbox = db
            .store
            .outbox_entries(conversation.conversation_id)
            .await
            .unwrap();
        let by_seq: Vec<(i64, String)> = outbox
            .iter()
            .map(|e| (e.seq, e.inbound_message_id.clone().unwrap()))
            .collect();
        let want: Vec<(i64, String)> = (0..MESSAGES)
            .map(|m| (m as i64 + 1, format!("c{c}-m{m}")))
            .collect();
        assert_eq!(
            by_seq, want,
            "conversation c{c}: one reply per message, in order"
        );
    }
}

async fn concurrent_messages_of_one_citizen_never_lose_a_state_update(db: &TestDb) {
    // Messages of one citizen racing each other are serialised: whatever order they commit
    // in, each step sees the state the previous one saved.
    let mut tasks = tokio::task::JoinSet::new();
    for worker in 0..8 {
        let store = db.store.clone();
        tasks.spawn(async move {
            for m in 0..10 {
                let id = format!("w{worker}-m{m}");
                assert!(
                    !handle(&store, text_inbound(TG, "crowd", &id, &id))
                        .await
                        .is_duplicate()
                );
            }
        });
    }
    while let Some(result) = tasks.join_next().await {
        result.unwrap();
    }
    let user = ChannelUserId::new("crowd");
    let conversation = db
        .store
        .current_conversation(TG, &user)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(common::state_of(&conversation).path.len(), 80);
    let outbox = db
        .store
        .outbox_entries(conversation.conversation_id)
        .await
        .unwrap();
    let seqs: Vec<i64> = outbox.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, (1..=80).collect::<Vec<i64>>());
    // The queue order is the processing order: reply n answers the n-th processed message.
    let answered: Vec<String> = outbox
        .iter()
        .map(|e| e.inbound_message_id.clone().unwrap())
        .collect();
    assert_eq!(answered, common::state_of(&conversation).path);
}

/// A tiny engine for status changes: "operatore" hands off to `urp`, "bot" cancels it,
/// "ciao ciao" ends the conversation.
fn office_engine(state: &State, input: &Input, _now: chrono::DateTime<chrono::Utc>) -> Outcome {
    let Input::Text { text } = input else {
        unreachable!()
    };
    let mut state = state.clone();
    state.path.push(text.clone());
    let mut effects = Vec::new();
    match text.as_str() {
        "operatore" => {
            state.mode = Mode::Handoff {
                office: "urp".into(),
            };
            effects.push(Effect::Handoff {
                office: "urp".into(),
                reason: HandoffReason::Asked,
            });
        }
        "bot" => {
            state.mode = Mode::Bot;
            effects.push(Effect::HandoffCancelled {
                office: "urp".into(),
            });
        }
        "ciao ciao" => effects.push(Effect::Ended),
        _ => {}
    }
    Outcome {
        state,
        replies: vec![Reply {
            text: "ok".into(),
            ..Reply::default()
        }],
        effects,
    }
}

async fn handoff_and_end_set_the_conversation_status_and_an_ended_conversation_is_not_reused(
    db: &TestDb,
) {
    let store = &db.store;
    let run = async |id: &str, text: &str| {
        processed(
            conversations::handle_with(
                store,
                text_inbound(TG, "55", id, text),
                t0(),
                office_engine,
            )
            .await
            .unwrap(),
        )
    };
    let first = run("1", "buongiorno").await;
    assert_eq!(first.status, ConversationStatus::Bot);
    let handed = run("2", "operatore").await;
    assert_eq!(handed.status, ConversationStatus::WaitingOperator);
    assert_eq!(handed.office.as_deref(), Some("urp"));
    let stored = store
        .conversation(first.conversation_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (stored.status, stored.office.as_deref()),
        (ConversationStatus::WaitingOperator, Some("urp"))
    );
    let back = run("3", "bot").await;
    assert_eq!((back.status, back.office), (ConversationStatus::Bot, None));
    let ended = run("4", "ciao ciao").await;
    assert_eq!(ended.status, ConversationStatus::Closed);
    assert_eq!(ended.conversation_id, first.conversation_id);

    let user = ChannelUserId::new("55");
    assert!(
        store
            .current_conversation(TG, &user)
            .await
            .unwrap()
            .is_none()
    );
    let next = run("5", "di nuovo").await;
    assert_ne!(next.conversation_id, first.conversation_id);
    assert_eq!(
        next.state.path,
        ["di nuovo"],
        "a new conversation starts fresh"
    );
}

async fn the_real_engine_path_queues_exactly_the_replies_it_returns(db: &TestDb) {
    // Through `conversations::handle` and the real engine: whatever it answers, the outbox
    // holds exactly those replies, and a redelivery adds nothing.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (flows, report) = FlowSet::load(
        &root.join("flows"),
        &root.join("locales"),
        sportello::channels::LIMITS,
    );
    let Some(flows) = flows else {
        panic!("the example flows should load: {report}")
    };
    let inbound = text_inbound(TG, "31", "r1", "ciao");
    let handled = conversations::handle(&db.store, &flows, &Metrics::new(), inbound.clone(), t0())
        .await
        .unwrap();
    let p = processed(handled);
    let outbox = db.store.outbox_entries(p.conversation_id).await.unwrap();
    assert_eq!(outbox.len(), p.replies.len());
    assert_eq!(
        outbox.iter().map(|e| e.outbox_id).collect::<Vec<_>>(),
        p.outbox_ids
    );
    let stored = db
        .store
        .conversation(p.conversation_id)
        .await
        .unwrap()
        .unwrap();
    // The privacy notice version seen is the citizen's, kept in their row.
    assert_eq!(
        common::state_of(&stored),
        State {
            notice: None,
            ..p.state.clone()
        }
    );
    let citizen = db
        .store
        .citizen_status(TG, &ChannelUserId::new("31"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(citizen.privacy_notice_version, p.state.notice);
    let again = conversations::handle(&db.store, &flows, &Metrics::new(), inbound, t0())
        .await
        .unwrap();
    assert!(again.is_duplicate());
    assert_eq!(
        db.store
            .outbox_entries(p.conversation_id)
            .await
            .unwrap()
            .len(),
        p.replies.len()
    );
}

fn clock_dispatcher(
    store: &Store,
    channel: RecordingChannel,
    clock: &Arc<ManualClock>,
    config: DispatcherConfig,
) -> Dispatcher<RecordingChannel> {
    Dispatcher::new(store.clone(), channel)
        .with_clock(clock.clone())
        .with_config(config)
}

async fn the_dispatcher_sends_each_reply_once_in_conversation_order(db: &TestDb) {
    let store = &db.store;
    for m in 0..5 {
        for user in ["a", "b", "c"] {
            let text = if m == 2 { "many" } else { "one" };
            handle(
                store,
                text_inbound(TG, user, &format!("{user}{m}"), &format!("{text} {m}")),
            )
            .await;
        }
    }
    // A reply for another channel is not this dispatcher's.
    handle(store, text_inbound(ChannelKind::WhatsApp, "a", "wa", "x")).await;

    let channel = RecordingChannel::new(TG);
    let clock = Arc::new(ManualClock::new(t0()));
    let dispatcher = clock_dispatcher(store, channel.clone(), &clock, DispatcherConfig::default());
    let stats = dispatcher.run_until_idle().await.unwrap();
    assert_eq!(stats.sent, 21);
    assert_eq!(dispatcher.run_until_idle().await.unwrap().handled(), 0);

    let delivered = channel.delivered();
    assert_eq!(delivered.len(), 21);
    for user in ["a", "b", "c"] {
        let texts: Vec<&str> = delivered
            .iter()
            .filter(|d| d.user == user)
            .map(|d| d.text.as_str())
            .collect();
        assert_eq!(
            texts,
            [
                "one 0 #0",
                "one 1 #0",
                "many 2 #0",
                "many 2 #1",
                "many 2 #2",
                "one 3 #0",
                "one 4 #0"
            ]
        );
    }
    let counts = store.outbox_counts().await.unwrap();
    assert_eq!((counts.sent, counts.pending, counts.failed), (21, 1, 0));
}

async fn a_hung_send_does_not_hold_back_the_other_conversations(db: &TestDb) {
    let store = &db.store;
    for user in ["h", "a", "b"] {
        handle(store, text_inbound(TG, user, &format!("{user}0"), "one 0")).await;
    }
    // One slot, and the first reply claimed (to "h") hangs far longer than the test waits.
    let mut channel = RecordingChannel::new(TG);
    channel.stall = Some(("h".to_owned(), Duration::from_secs(600)));
    let clock = Arc::new(ManualClock::new(t0()));
    let config = DispatcherConfig {
        concurrency: 1,
        send_timeout: Duration::from_secs(300),
        lease: Duration::from_secs(600),
        ..DispatcherConfig::default()
    };
    assert_eq!(config.slow_after(), Duration::from_secs(1));
    let dispatcher = clock_dispatcher(store, channel.clone(), &clock, config);
    let pass = tokio::spawn(async move { dispatcher.run_until_idle().await });
    let started = std::time::Instant::now();
    let users = || -> Vec<String> { channel.delivered().into_iter().map(|d| d.user).collect() };
    while users().len() < 2 {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the other conversations waited for the hung send: {:?}",
            users()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(users(), ["a", "b"]);
    // The channel saw the second send before the store recorded it.
    let mut counts = store.outbox_counts().await.unwrap();
    while counts.sent < 2 && started.elapsed() < Duration::from_secs(30) {
        tokio::time::sleep(Duration::from_millis(20)).await;
        counts = store.outbox_counts().await.unwrap();
    }
    assert_eq!((counts.sent, counts.pending), (2, 1));
    assert!(!pass.is_finished(), "the hung send is still in flight");
    pass.abort();
}

fn transient(retry_after: Option<Duration>) -> SendError {
    SendError::Transient {
        retry_after,
        detail: "429 Too Many Requests".into(),
    }
}

async fn a_transient_failure_is_retried_no_earlier_than_retry_after(db: &TestDb) {
    let store = &db.store;
    let first = processed(handle(store, text_inbound(TG, "r", "1", "uno")).await);
    handle(store, text_inbound(TG, "r", "2", "due")).await;

    let channel = RecordingChannel::new(TG);
    channel.fail_next([transient(Some(Duration::from_secs(30)))]);
    let clock = Arc::new(ManualClock::new(t0()));
    let dispatcher = clock_dispatcher(store, channel.clone(), &clock, DispatcherConfig::default());

    let stats = dispatcher.run_until_idle().await.unwrap();
    assert_eq!((stats.sent, stats.retried), (0, 1));
    let entries = store.outbox_entries(first.conversation_id).await.unwrap();
    assert_eq!(entries[0].attempts, 1);
    assert!(entries[0].next_attempt_at >= t0() + chrono::Duration::seconds(30));
    assert!(entries[0].next_attempt_at <= t0() + chrono::Duration::seconds(38));
    assert_eq!(
        entries[0].last_error.as_deref(),
        Some("429 Too Many Requests")
    );
    let next = store.next_due(TG).await.unwrap();
    assert_eq!(next, Some(entries[0].next_attempt_at));

    // Reply 2 waits behind reply 1, even though reply 2 itself is due.
    clock.advance(Duration::from_secs(29));
    assert_eq!(dispatcher.run_until_idle().await.unwrap().handled(), 0);
    assert!(channel.delivered().is_empty());

    clock.advance(Duration::from_secs(10));
    let stats = dispatcher.run_until_idle().await.unwrap();
    assert_eq!(stats.sent, 2);
    let texts: Vec<String> = channel.delivered().into_iter().map(|d| d.text).collect();
    assert_eq!(texts, ["uno #0", "due #0"]);
    let entries = store.outbox_entries(first.conversation_id).await.unwrap();
    assert_eq!(entries[0].attempts, 2);
    assert!(entries.iter().all(|e| e.status == OutboxStatus::Sent));
}

async fn a_citizen_who_blocked_the_bot_is_marked_unreachable_and_the_queue_moves_on(db: &TestDb) {
    let store = &db.store;
    let first = processed(handle(store, text_inbound(TG, "b", "1", "uno")).await);
    handle(store, text_inbound(TG, "b", "2", "due")).await;
    let channel = RecordingChannel::new(TG);
    channel.fail_next([SendError::Permanent {
        reason: PermanentReason::Blocked,
        detail: "403 Forbidden: bot was blocked by the user".into(),
    }]);
    let clock = Arc::new(ManualClock::new(t0()));
    let dispatcher = clock_dispatcher(store, channel.clone(), &clock, DispatcherConfig::default());
    let stats = dispatcher.run_until_idle().await.unwrap();
    assert_eq!((stats.failed, stats.sent), (1, 1));

    let entries = store.outbox_entries(first.conversation_id).await.unwrap();
    assert_eq!(entries[0].status, OutboxStatus::Failed);
    assert_eq!(entries[0].attempts, 1, "a permanent failure is not retried");
    assert_eq!(entries[1].status, OutboxStatus::Sent);
    let user = ChannelUserId::new("b");
    let citizen = store.citizen_status(TG, &user).await.unwrap().unwrap();
    assert_eq!(citizen.unreachable_reason.as_deref(), Some("blocked"));

    // Writing again shows they unblocked the bot.
    handle(store, text_inbound(TG, "b", "3", "tre")).await;
    let citizen = store.citizen_status(TG, &user).await.unwrap().unwrap();
    assert_eq!(citizen.unreachable_reason, None);
}

async fn a_reply_that_keeps_failing_is_given_up_after_the_attempt_limit(db: &TestDb) {
    let store = &db.store;
    let first = processed(handle(store, text_inbound(TG, "f", "1", "uno")).await);
    let channel = RecordingChannel::new(TG);
    channel.fail_next((0..10).map(|_| transient(None)));
    let clock = Arc::new(ManualClock::new(t0()));
    let config = DispatcherConfig {
        max_attempts: 3,
        base_backoff: Duration::from_secs(1),
        ..DispatcherConfig::default()
    };
    let dispatcher = clock_dispatcher(store, channel.clone(), &clock, config);
    let mut retries = 0;
    let mut previous_wait = Duration::ZERO;
    for _ in 0..10 {
        let before = store.outbox_entries(first.conversation_id).await.unwrap()[0].next_attempt_at;
        let stats = dispatcher.run_until_idle().await.unwrap();
        retries += stats.retried;
        if stats.failed == 1 {
            break;
        }
        let after = store.outbox_entries(first.conversation_id).await.unwrap()[0].next_attempt_at;
        let wait = (after - clock_now(&clock)).to_std().unwrap();
        assert!(
            wait > previous_wait,
            "backoff grows: {wait:?} after {previous_wait:?}"
        );
        previous_wait = wait;
        assert!(after > before);
        clock.set(after);
    }
    assert_eq!(retries, 2);
    let entry = &store.outbox_entries(first.conversation_id).await.unwrap()[0];
    assert_eq!((entry.status, entry.attempts), (OutboxStatus::Failed, 3));
    assert!(channel.delivered().is_empty());
}

fn clock_now(clock: &ManualClock) -> chrono::DateTime<chrono::Utc> {
    use sportello::clock::Clock;
    clock.now()
}

async fn an_expired_claim_of_a_crashed_dispatcher_is_sent_by_another(db: &TestDb) {
    let store = &db.store;
    let first = processed(handle(store, text_inbound(TG, "x", "1", "uno")).await);
    // A dispatcher claims the reply and dies before sending it.
    let lease = Duration::from_secs(60);
    let claimed = store.claim_due(TG, t0(), lease, 10, "dead").await.unwrap();
    assert_eq!(claimed.len(), 1);
    assert!(
        store
            .claim_due(TG, t0(), lease, 10, "other")
            .await
            .unwrap()
            .is_empty()
    );

    let channel = RecordingChannel::new(TG);
    let clock = Arc::new(ManualClock::new(t0() + chrono::Duration::seconds(59)));
    let dispatcher = clock_dispatcher(store, channel.clone(), &clock, DispatcherConfig::default());
    assert_eq!(dispatcher.run_until_idle().await.unwrap().handled(), 0);
    clock.advance(Duration::from_secs(2));
    assert_eq!(dispatcher.run_until_idle().await.unwrap().sent, 1);
    assert_eq!(channel.delivered().len(), 1);
    let entry = &store.outbox_entries(first.conversation_id).await.unwrap()[0];
    assert_eq!((entry.status, entry.attempts), (OutboxStatus::Sent, 2));
}

async fn sends_recorded_together_are_each_recorded_once(db: &TestDb) {
    let store = &db.store;
    let mut conversations = Vec::new();
    for user in ["m1", "m2", "m3"] {
        let p = processed(handle(store, text_inbound(TG, user, &format!("{user}a"), "uno")).await);
        conversations.push(p.conversation_id);
    }
    let lease = Duration::from_secs(60);
    let claimed = store.claim_due(TG, t0(), lease, 10, "me").await.unwrap();
    assert_eq!(claimed.len(), 3);
    // The third was settled by another dispatcher in the meantime.
    assert!(
        store
            .mark_sent(claimed[2].outbox_id, "other", t0())
            .await
            .unwrap()
    );
    let at = t0() + chrono::Duration::seconds(5);
    let sent: Vec<_> = claimed
        .iter()
        .enumerate()
        .map(|(i, c)| {
            (
                c.outbox_id,
                format!("tg-{i}"),
                at + chrono::Duration::seconds(i as i64),
            )
        })
        .collect();
    let mut recorded = store.mark_sent_many(&sent).await.unwrap();
    recorded.sort();
    assert_eq!(recorded, [claimed[0].outbox_id, claimed[1].outbox_id]);
    for (i, conversation) in conversations.iter().enumerate() {
        let entry = &store.outbox_entries(*conversation).await.unwrap()[0];
        assert_eq!(entry.status, OutboxStatus::Sent);
        if i < 2 {
            assert_eq!(
                entry.channel_sent_id.as_deref(),
                Some(format!("tg-{i}").as_str())
            );
            assert_eq!(
                entry.sent_at,
                Some(at + chrono::Duration::seconds(i as i64))
            );
        } else {
            assert_eq!(entry.channel_sent_id.as_deref(), Some("other"));
        }
    }
    // Recording again changes nothing.
    assert!(store.mark_sent_many(&sent).await.unwrap().is_empty());
    assert!(store.mark_sent_many(&[]).await.unwrap().is_empty());
}

async fn two_dispatchers_on_one_database_never_send_a_reply_twice(db: &TestDb) {
    // Two pools on one database, as two processes have, each with a running dispatcher,
    // while a third writer queues replies.
    const CITIZENS: usize = 40;
    const MESSAGES: usize = 10;
    let other = db.second_store().await;
    let channel = RecordingChannel {
        delay: Some(Duration::from_millis(1)),
        ..RecordingChannel::new(TG)
    };
    let config = DispatcherConfig {
        concurrency: 8,
        poll_interval: Duration::from_millis(20),
        ..DispatcherConfig::default()
    };
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let mut dispatchers = tokio::task::JoinSet::new();
    for store in [db.store.clone(), other.clone()] {
        let dispatcher = Dispatcher::new(store, channel.clone()).with_config(config.clone());
        let mut stop = stop_rx.clone();
        dispatchers.spawn(async move {
            dispatcher
                .run(async move {
                    let _ = stop.wait_for(|s| *s).await;
                })
                .await
        });
    }
    let mut writers = tokio::task::JoinSet::new();
    for half in 0..2 {
        let store = if half == 0 {
            db.store.clone()
        } else {
            other.clone()
        };
        writers.spawn(async move {
            for m in 0..MESSAGES {
                for c in (0..CITIZENS).filter(|c| c % 2 == half) {
                    let text = if m % 3 == 0 {
                        format!("many {m}")
                    } else {
                        format!("one {m}")
                    };
                    let inbound = text_inbound(TG, &format!("p{c}"), &format!("p{c}-{m}"), &text);
                    conversations::handle_with(&store, inbound, chrono::Utc::now(), echo)
                        .await
                        .unwrap();
                }
            }
        });
    }
    while let Some(result) = writers.join_next().await {
        result.unwrap();
    }
    let expected_per_citizen = (0..MESSAGES)
        .map(|m| if m % 3 == 0 { 3 } else { 1 })
        .sum::<usize>();
    let total = CITIZENS * expected_per_citizen;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    while channel.delivered().len() < total && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // Give a duplicate, if any, the time to show up.
    tokio::time::sleep(Duration::from_millis(100)).await;
    stop_tx.send(true).unwrap();
    while let Some(result) = dispatchers.join_next().await {
        result.unwrap();
    }
    other.close().await;

    let delivered = channel.delivered();
    assert_eq!(delivered.len(), total, "every reply delivered exactly once");
    let mut per_user: HashMap<&str, Vec<&str>> = HashMap::new();
    for d in &delivered {
        per_user.entry(&d.user).or_default().push(&d.text);
    }
    for (user, texts) in per_user {
        let want: Vec<String> = (0..MESSAGES)
            .flat_map(|m| {
                let n = if m % 3 == 0 { 3 } else { 1 };
                let word = if m % 3 == 0 { "many" } else { "one" };
                (0..n).map(move |i| format!("{word} {m} #{i}"))
            })
            .collect();
        assert_eq!(texts, want, "order of replies to {user}");
    }
    let counts = db.store.outbox_counts().await.unwrap();
    assert_eq!((counts.sent, counts.pending), (total as i64, 0));
}

#[test]
fn citizen_ids_and_message_texts_stay_out_of_debug_output() {
    let inbound = text_inbound(TG, "+393331234567", "m1", "il mio codice fiscale");
    let shown = format!("{inbound:?}");
    assert!(!shown.contains("3331234567"), "{shown}");
    assert!(!shown.contains("codice fiscale"), "{shown}");
    assert!(shown.contains("m1"));
}

async fn an_unreadable_stored_state_starts_over_instead_of_silencing_the_citizen(db: &TestDb) {
    let first = processed(handle(&db.store, text_inbound(TG, "z", "1", "uno")).await);
    // A state written by some future version, or damaged by hand.
    corrupt_state(&db.url, first.conversation_id.0).await;
    // The store keeps the state as text; reading it as the engine's state fails.
    let damaged = db
        .store
        .conversation(first.conversation_id)
        .await
        .unwrap()
        .unwrap();
    assert!(State::from_stored(&damaged.state).is_err());
    let next = processed(handle(&db.store, text_inbound(TG, "z", "2", "due")).await);
    assert_eq!(next.conversation_id, first.conversation_id);
    assert_eq!(next.state.path, ["due"]);
    assert_eq!(next.outbox_ids.len(), 1);
    let stored = db
        .store
        .conversation(first.conversation_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(common::state_of(&stored).path, ["due"]);
}

async fn corrupt_state(url: &str, conversation_id: i64) {
    use sqlx::Connection;
    const SQL: &str = "update conversations set state = '{\"lang\": 42' where conversation_id = $1";
    if url.starts_with("postgres") {
        let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
        sqlx::query(SQL)
            .bind(conversation_id)
            .execute(&mut conn)
            .await
            .unwrap();
    } else {
        let mut conn = sqlx::SqliteConnection::connect(url).await.unwrap();
        sqlx::query(SQL)
            .bind(conversation_id)
            .execute(&mut conn)
            .await
            .unwrap();
    }
}

async fn a_restarted_process_resumes_the_conversation_where_the_citizen_was(db: &TestDb) {
    // What `sportello chat --user anna` does across two runs.
    let user = ChannelUserId::new("anna");
    let term = ChannelKind::Terminal;
    let first = processed(
        conversations::handle_with(
            &db.store,
            text_inbound(term, "anna", "t1", "tari"),
            t0(),
            echo,
        )
        .await
        .unwrap(),
    );
    let restarted = db.second_store().await;
    restarted
        .migrate()
        .await
        .expect("migrating again is a no-op");
    let resumed = restarted
        .current_conversation(term, &user)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(resumed.conversation_id, first.conversation_id);
    assert_eq!(common::state_of(&resumed), first.state);
    let next = processed(
        conversations::handle_with(
            &restarted,
            text_inbound(term, "anna", "t2", "imu"),
            t0(),
            echo,
        )
        .await
        .unwrap(),
    );
    assert_eq!(next.state.path, ["tari", "imu"]);
    restarted.close().await;
}

#[tokio::test]
async fn a_sqlite_database_file_is_created_on_first_run() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested-name.db");
    assert!(!path.exists());
    let store = sportello::store::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    store.migrate().await.unwrap();
    assert!(path.exists());
    assert_eq!(store.kind(), sportello::store::BackendKind::Sqlite);
    assert_eq!(store.inbound_count().await.unwrap(), 0);
    store.close().await;
}

#[tokio::test]
async fn the_terminal_chat_prints_replies_through_the_outbox() {
    use sportello::channels::terminal::{TerminalScreen, render};
    use sportello::engine::ChoiceView;
    let db = TestDb::sqlite().await;
    let menu = |state: &State, _input: &Input, _now: chrono::DateTime<chrono::Utc>| Outcome {
        state: state.clone(),
        replies: vec![Reply {
            text: "Buongiorno, di cosa ha bisogno?".into(),
            choices: vec![
                ChoiceView {
                    id: "tari".into(),
                    label: "TARI".into(),
                    url: None,
                },
                ChoiceView {
                    id: "sito".into(),
                    label: "Sito del Comune".into(),
                    url: Some("https://www.comune.esempio.it".into()),
                },
            ],
            at: Some("tributi.menu".into()),
            attachment: None,
            image: None,
        }],
        effects: Vec::new(),
    };
    let inbound = text_inbound(ChannelKind::Terminal, "anna", "t1", "ciao");
    conversations::handle_with(&db.store, inbound, t0(), menu)
        .await
        .unwrap();
    let screen = Arc::new(TerminalScreen::default());
    let dispatcher = Dispatcher::with_arc(db.store.clone(), screen.clone());
    assert_eq!(dispatcher.run_until_idle().await.unwrap().sent, 1);
    let shown: Vec<String> = screen.take().iter().map(render).collect();
    assert_eq!(
        shown,
        [
            "Buongiorno, di cosa ha bisogno?\n  1. TARI\n  2. Sito del Comune <https://www.comune.esempio.it>"
        ]
    );
    assert_eq!(db.store.outbox_counts().await.unwrap().sent, 1);
    db.close().await;
}

#[tokio::test]
async fn an_in_memory_sqlite_store_reads_what_it_wrote() {
    // `sqlite::memory:` is shared between the writer and the readers, for tests and demos.
    let store = sportello::store::connect("sqlite::memory:").await.unwrap();
    store.migrate().await.unwrap();
    let first = processed(handle(&store, text_inbound(TG, "m", "1", "uno")).await);
    let user = ChannelUserId::new("m");
    let current = store
        .current_conversation(TG, &user)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(current.conversation_id, first.conversation_id);
    assert_eq!(store.outbox_counts().await.unwrap().pending, 1);
    store.close().await;
}

#[tokio::test]
async fn sqlite_commits_reach_the_database_file_without_waiting_for_the_log_to_fill() {
    // A copy of the database file alone, without its `-wal`, holds what checkpoints copied
    // there. SQLite's own checkpoint would wait for 1,000 pages of log; the background one
    // runs within a moment of a commit, beside the writer.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sportello.db");
    let store = sportello::store::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    store.migrate().await.unwrap();
    processed(handle(&store, text_inbound(TG, "c", "1", "uno")).await);
    assert!(
        std::fs::metadata(path.with_extension("db-wal"))
            .unwrap()
            .len()
            > 0,
        "the commit went to the log first"
    );
    let copy = dir.path().join("copy.db");
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        std::fs::copy(&path, &copy).unwrap();
        let reader = sportello::store::connect(&format!("sqlite://{}", copy.display()))
            .await
            .unwrap();
        let found = reader.inbound_count().await;
        reader.close().await;
        std::fs::remove_file(&copy).unwrap();
        let _ = std::fs::remove_file(copy.with_extension("db-wal"));
        let _ = std::fs::remove_file(copy.with_extension("db-shm"));
        if matches!(found, Ok(1)) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the database file still lacks the message: {found:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    store.close().await;
}

/// Three reminders queued (routine), then a reply in the second citizen's conversation: the
/// claim takes the reply first although it was queued last, and it does not wait for the
/// reminder queued before it in its conversation; the reminders follow.
async fn a_reply_is_claimed_before_the_reminders_and_overtakes_the_one_in_its_conversation(
    db: &TestDb,
) {
    use crate::backlog::{self, Subscribers};
    use sportello::store::Priority;
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let (flows, report) = FlowSet::load(
        &root.join("flows"),
        &root.join("locales"),
        sportello::channels::LIMITS,
    );
    let flows = flows.unwrap_or_else(|| panic!("{report}"));
    let morning = backlog::reminder_morning(&flows);
    let who = Subscribers {
        channel: "telegram",
        first: 4_100,
        n: 3,
        last_inbound: None,
    };
    backlog::seed(&db.url, db.kind(), who, morning).await;
    assert_eq!(backlog::queue_backlog(&db.store, &flows, morning).await, 3);
    let conversation = db
        .store
        .current_conversation(
            ChannelKind::Telegram,
            &ChannelUserId::new("4101".to_owned()),
        )
        .await
        .unwrap()
        .unwrap();
    let now = chrono::Utc::now();
    let reply = db
        .store
        .queue_reply(
            conversation.conversation_id,
            "{\"text\":\"Buongiorno\"}",
            "Buongiorno",
            now,
        )
        .await
        .unwrap()
        .unwrap();
    let lease = Duration::from_secs(60);
    let first = db
        .store
        .claim_due(ChannelKind::Telegram, now, lease, 1, "a")
        .await
        .unwrap();
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].outbox_id, reply);
    assert_eq!(first[0].priority, Priority::Reply);
    let rest = db
        .store
        .claim_due(ChannelKind::Telegram, now, lease, 10, "a")
        .await
        .unwrap();
    assert_eq!(rest.len(), 3, "every reminder, the replied citizen's too");
    assert!(rest.iter().all(|r| r.priority == Priority::Routine));
    assert!(
        rest.iter()
            .any(|r| r.recipient.conversation_id == conversation.conversation_id)
    );
}
